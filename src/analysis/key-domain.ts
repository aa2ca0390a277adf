/**
 * Keys a type limits to a set the program fixes: classes (`Map<Constructor, …>`, `Map<typeof Model, …>`,
 * NestJS's `Type<…>`), an enum, `keyof typeof LOCALES`, or a union of literal types (`Map<'eu' | 'us', Pool>`).
 * A collection under such keys holds at most one entry per member of the set, however much traffic it sees.
 *
 * Without type information only what the file spells out is read: the annotation or type arguments of the
 * collection, enums and type aliases declared in the same file, and imports the file uses as enums. With it, the
 * checker gives the key's type.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast/node-types';
import type * as ts from 'typescript';
import type { TypeServices } from './library-origin';
import { typescript } from './typescript-module';
import { isImportedEnum } from './modules';

/** Type names whose values are classes or functions: one per declaration in the code. */
const CLASS_TYPE_NAMES = new Set(['Constructor', 'AbstractConstructor', 'Newable', 'Class', 'Function', 'Type', 'AbstractType']);
const COLLECTION_TYPES = new Set(['Map', 'ReadonlyMap', 'WeakMap', 'Set', 'ReadonlySet', 'Record']);
const MAX_DEPTH = 8;

/**
 * The key type a collection is declared with is finite: from `new Map<K, V>()`, the annotation of the variable
 * or field that holds it (`Map<K, V>`, `Record<K, V>`, `Partial<Record<K, V>>`, `{ [key in K]?: V }`).
 */
export function declaresFiniteKeys(creation: TSESTree.Node, annotation: TSESTree.TypeNode | undefined, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const fromCreation = creation.type === AST_NODE_TYPES.NewExpression ? creation.typeArguments?.params[0] : undefined;
  const keyType = fromCreation ?? (annotation && keyTypeOf(annotation, 0));
  return keyType !== undefined && isFiniteTypeNode(keyType, sourceCode, 0);
}

/** With type information: the key's type is a union of literals, an enum, or classes. */
export function keyIsOfFiniteType(key: TSESTree.Node, types: TypeServices): boolean {
  const tsNode = types.services.esTreeNodeToTSNodeMap.get(key as never);
  if (!tsNode) return false;
  const type = types.checker.getTypeAtLocation(tsNode);
  return isFiniteType(type, 0);
}

function isFiniteType(type: ts.Type, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  const flags = typescript().TypeFlags;
  if (type.isUnion()) return type.types.every((member) => isFiniteType(member, depth + 1));
  if (type.flags & (flags.StringLiteral | flags.NumberLiteral | flags.BooleanLiteral | flags.EnumLiteral | flags.Boolean | flags.Undefined | flags.Null | flags.UniqueESSymbol)) return true;
  // A class (its constructor, `typeof Model`): there are as many as the code declares.
  return type.getConstructSignatures().length > 0;
}

/** `K` of `Map<K, V>`, `Record<K, V>`, `Partial<Record<K, V>>`, `{ [key in K]?: V }`. */
function keyTypeOf(annotation: TSESTree.TypeNode, depth: number): TSESTree.TypeNode | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (annotation.type === AST_NODE_TYPES.TSMappedType) return annotation.constraint ?? undefined;
  if (annotation.type !== AST_NODE_TYPES.TSTypeReference || annotation.typeName.type !== AST_NODE_TYPES.Identifier) return undefined;
  const name = annotation.typeName.name;
  const first = annotation.typeArguments?.params[0];
  if (!first) return undefined;
  if (name === 'Partial' || name === 'Readonly') return keyTypeOf(first, depth + 1);
  return COLLECTION_TYPES.has(name) ? first : undefined;
}

function isFiniteTypeNode(node: TSESTree.TypeNode, sourceCode: Readonly<TSESLint.SourceCode>, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  switch (node.type) {
    case AST_NODE_TYPES.TSLiteralType:
    case AST_NODE_TYPES.TSBooleanKeyword:
    case AST_NODE_TYPES.TSTypeQuery:
    case AST_NODE_TYPES.TSConstructorType:
    case AST_NODE_TYPES.TSFunctionType:
      return true;
    case AST_NODE_TYPES.TSTypeOperator:
      // `keyof typeof LOCALES`, `keyof Config`: the keys a declaration spells out.
      return node.operator === 'keyof';
    case AST_NODE_TYPES.TSIndexedAccessType:
      // `(typeof LOCALES)[number]`: an element of a constant list.
      return node.objectType.type === AST_NODE_TYPES.TSTypeQuery;
    case AST_NODE_TYPES.TSUnionType:
      return node.types.every((member) => isFiniteTypeNode(member, sourceCode, depth + 1));
    case AST_NODE_TYPES.TSTypeReference:
      return node.typeName.type === AST_NODE_TYPES.Identifier && isFiniteNamedType(node.typeName, sourceCode, depth);
    default:
      return false;
  }
}

/** A class type by its name, an enum or type alias of this file whose members are finite, or an imported enum. */
function isFiniteNamedType(name: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>, depth: number): boolean {
  if (CLASS_TYPE_NAMES.has(name.name)) return true;
  if (isImportedEnum(name, sourceCode)) return true;
  for (const statement of sourceCode.ast.body) {
    const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
    if (declaration?.type === AST_NODE_TYPES.TSEnumDeclaration && declaration.id.name === name.name) return true;
    if (declaration?.type === AST_NODE_TYPES.TSTypeAliasDeclaration && declaration.id.name === name.name && !declaration.typeParameters) {
      return isFiniteTypeNode(declaration.typeAnnotation, sourceCode, depth + 1);
    }
  }
  return false;
}


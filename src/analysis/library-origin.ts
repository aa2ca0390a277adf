/**
 * Where a value comes from: the binding behind an identifier (import, initialiser, annotation,
 * decorator, callback parameter, class member), the type annotation behind a name, and, with type
 * information, which npm package declares a value's type. The database, HTTP and queue analyses
 * interpret these origins; this module knows nothing about any library.
 */
import { findVariable } from '@eslint-community/eslint-utils';
import type { ParserServicesWithTypeInformation, TSESLint, TSESTree } from '@typescript-eslint/utils';
import { ESLintUtils } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast/node-types';
import { decoratorsOf } from '../ast/code-shape';
import type * as ts from 'typescript';
import { memberName, parentSkippingWrappers, skipExpressionWrappers } from '../ast/expressions';

export { memberName, parentSkippingWrappers, skipExpressionWrappers };
import { getImportOrigin, isModuleObject, isProjectModuleSpecifier } from './modules';
import { declaredCallbackParameterType } from './callback-parameter-type';
import { constructedInstanceType } from './constructed-type';
import { typescript } from './typescript-module';
import { FileCache } from './per-file';
import { classNamedIn, exportedClass, moduleParserAt, moduleSummary, resolveProjectModule, type ModuleClass, type ModuleParser } from './module-files';
import { lintedFileLocation } from './path-aliases';
import { isRelativeSpecifier } from './modules';

type Scope = TSESLint.Scope.Scope;
type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;
type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.TSDeclareFunction | TSESTree.TSEmptyBodyFunctionExpression;

/** A step from a value to the bound one: a property of it (destructuring) or one of its elements (for-of, array pattern). */
export type PathStep = { kind: 'get'; name: string } | { kind: 'element' };

/** What a name is bound to. `name` is always the local name. */
export type Binding =
  | { kind: 'import'; name: string; source: string; imported: string; isProjectModule: boolean }
  /** `const x = expression` (and for-of variables, destructuring): the value of `expression` followed by `path`. */
  | { kind: 'value'; name: string; expression: TSESTree.Node; path: PathStep[] }
  /**
   * A variable, parameter or class property with a type annotation and/or decorators; for a parameter with a
   * default (`executor: DbClient = db`), the default.
   */
  | { kind: 'declared'; name: string; type?: TSESTree.TypeNode; decorators: readonly TSESTree.Decorator[]; defaultValue?: TSESTree.Expression }
  /** A parameter of a function passed as argument `argIndex` to `call`. */
  | { kind: 'callback-param'; name: string; call: TSESTree.CallExpression; argIndex: number; paramIndex: number; path: PathStep[] }
  /** A parameter nothing more is known about, but its default if it has one. */
  | { kind: 'param'; name: string; defaultValue?: TSESTree.Expression }
  | { kind: 'class'; name: string; node: ClassNode }
  | { kind: 'function'; name: string; node: TSESTree.Node }
  /** `let x;`, `declare const x;`, a class field without initialiser or annotation. */
  | { kind: 'uninitialised'; name: string }
  /** Not declared in this file: a global, or a name the linted snippet forgot to declare. */
  | { kind: 'global'; name: string }
  /** Enums, catch parameters and other bindings that never hold a library object. */
  | { kind: 'other'; name: string };

/** The callee's property name of a method call (`a.b(...)`, `a?.b(...)`), if static. */
export function calledMethodName(call: TSESTree.CallExpression): string | undefined {
  const callee = skipExpressionWrappers(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : undefined;
}

function propertyKeyName(property: TSESTree.Property): string | undefined {
  if (!property.computed && property.key.type === AST_NODE_TYPES.Identifier) return property.key.name;
  if (property.key.type === AST_NODE_TYPES.Literal && (typeof property.key.value === 'string' || typeof property.key.value === 'number')) return String(property.key.value);
  return undefined;
}

/** The steps from a pattern's whole value to `target` inside it, or undefined when `target` is not in it (or sits behind a computed key or a rest element). */
function pathInPattern(pattern: TSESTree.Node, target: TSESTree.Node): PathStep[] | undefined {
  if (pattern === target) return [];
  switch (pattern.type) {
    case AST_NODE_TYPES.AssignmentPattern:
      return pathInPattern(pattern.left, target);
    case AST_NODE_TYPES.TSParameterProperty:
      return pathInPattern(pattern.parameter, target);
    case AST_NODE_TYPES.ObjectPattern:
      for (const property of pattern.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const name = propertyKeyName(property);
        const inner = pathInPattern(property.value, target);
        if (inner) return name === undefined ? undefined : [{ kind: 'get', name }, ...inner];
      }
      return undefined;
    case AST_NODE_TYPES.ArrayPattern:
      for (const element of pattern.elements) {
        if (!element || element.type === AST_NODE_TYPES.RestElement) continue;
        const inner = pathInPattern(element, target);
        if (inner) return [{ kind: 'element' }, ...inner];
      }
      return undefined;
    default:
      return undefined;
  }
}

function isFunctionNode(node: TSESTree.Node): node is FunctionNode {
  return (
    node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionDeclaration ||
    node.type === AST_NODE_TYPES.FunctionExpression ||
    node.type === AST_NODE_TYPES.TSDeclareFunction ||
    node.type === AST_NODE_TYPES.TSEmptyBodyFunctionExpression
  );
}

/** Parameter declaration facts: its annotation and decorators, including those of a constructor parameter property. */
function declaredParameter(param: TSESTree.Parameter, name: string): Binding | undefined {
  const decorators: TSESTree.Decorator[] = [...decoratorsOf(param)];
  let inner: TSESTree.Node = param;
  if (inner.type === AST_NODE_TYPES.TSParameterProperty) inner = inner.parameter;
  const defaultValue = inner.type === AST_NODE_TYPES.AssignmentPattern ? inner.right : undefined;
  if (inner.type === AST_NODE_TYPES.AssignmentPattern) inner = inner.left;
  if (inner.type !== AST_NODE_TYPES.Identifier) return undefined;
  decorators.push(...decoratorsOf(inner));
  const type = inner.typeAnnotation?.typeAnnotation;
  if (!type && decorators.length === 0) return undefined;
  return { kind: 'declared', name, type, decorators, defaultValue };
}

/**
 * A property destructured from a parameter whose annotation lists it: `({ documentsRepository }: { documentsRepository:
 * DocumentsRepository })`, the dependencies-object style of functional services (Papra's use cases), holds what its
 * property is declared with.
 */
function declaredDestructuredProperty(param: TSESTree.Parameter, step: PathStep, name: string): Binding | undefined {
  if (step.kind !== 'get') return undefined;
  const pattern = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
  const literal = pattern.type === AST_NODE_TYPES.ObjectPattern ? pattern.typeAnnotation?.typeAnnotation : undefined;
  if (literal?.type !== AST_NODE_TYPES.TSTypeLiteral || pattern.type !== AST_NODE_TYPES.ObjectPattern) return undefined;
  for (const member of literal.members) {
    if (member.type !== AST_NODE_TYPES.TSPropertySignature || member.computed || !member.typeAnnotation) continue;
    const key = member.key.type === AST_NODE_TYPES.Identifier ? member.key.name : member.key.type === AST_NODE_TYPES.Literal ? String(member.key.value) : undefined;
    if (key !== step.name) continue;
    // `{ client = prisma }: { client?: PrismaClientOrTransaction }` (Langfuse): the default says what it usually holds.
    const property = pattern.properties.find((candidate) => candidate.type === AST_NODE_TYPES.Property && propertyKeyName(candidate) === key);
    const defaultValue = property?.type === AST_NODE_TYPES.Property && property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.right : undefined;
    return { kind: 'declared', name, type: member.typeAnnotation.typeAnnotation, decorators: [], defaultValue };
  }
  return undefined;
}

/**
 * The binding a method's receiver reads: a name (`redis`, a parameter, a variable) or a member of the enclosing class
 * (`this.itemRepository`, a field or a constructor parameter property); undefined for any other receiver.
 */
export function receiverBinding(receiver: TSESTree.Node, scope: Scope): Binding | undefined {
  if (receiver.type === AST_NODE_TYPES.Identifier) return resolveBinding(receiver, scope);
  if (receiver.type !== AST_NODE_TYPES.MemberExpression || skipExpressionWrappers(receiver.object).type !== AST_NODE_TYPES.ThisExpression) return undefined;
  const owner = enclosingClassOfThis(receiver);
  const name = memberName(receiver);
  return owner && name !== undefined ? resolveClassMember(owner.classNode, name, owner.isStatic) : undefined;
}

/** What `identifier` is bound to, seen from `scope`. */
export function resolveBinding(identifier: TSESTree.Identifier, scope: Scope): Binding {
  const name = identifier.name;
  const variable = findVariable(scope as never, identifier as never) as TSESLint.Scope.Variable | null;
  const def = variable?.defs[0];
  if (!variable || !def) return { kind: 'global', name };
  switch (def.type) {
    case 'ImportBinding': {
      const origin = getImportOrigin(identifier, scope);
      return origin ? { kind: 'import', name, ...origin } : { kind: 'other', name };
    }
    case 'Variable': {
      const origin = getImportOrigin(identifier, scope);
      if (origin) return { kind: 'import', name, ...origin };
      const declarator = def.node as TSESTree.VariableDeclarator;
      const path = pathInPattern(declarator.id, def.name as TSESTree.Node);
      if (!path) return { kind: 'other', name };
      const declaration = declarator.parent;
      const loop = declaration?.parent;
      if (loop && (loop.type === AST_NODE_TYPES.ForOfStatement || loop.type === AST_NODE_TYPES.ForInStatement) && loop.left === declaration) {
        return loop.type === AST_NODE_TYPES.ForOfStatement ? { kind: 'value', name, expression: loop.right, path: [{ kind: 'element' }, ...path] } : { kind: 'other', name };
      }
      if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.typeAnnotation) {
        return { kind: 'declared', name, type: declarator.id.typeAnnotation.typeAnnotation, decorators: [] };
      }
      if (declarator.init) return { kind: 'value', name, expression: declarator.init, path };
      // `let queryRunner; … queryRunner = dataSource.createQueryRunner();`: written once, it holds that value.
      const assigned = soleAssignment(variable);
      if (assigned) return { kind: 'value', name, expression: assigned, path };
      return { kind: 'uninitialised', name };
    }
    case 'Parameter': {
      const fn = def.node as TSESTree.Node;
      if (!isFunctionNode(fn)) return { kind: 'param', name };
      const paramIndex = fn.params.findIndex((param) => pathInPattern(param, def.name as TSESTree.Node) !== undefined);
      if (paramIndex < 0) return { kind: 'param', name };
      const param = fn.params[paramIndex];
      const path = pathInPattern(param, def.name as TSESTree.Node) ?? [];
      if (path.length === 0) {
        const declared = declaredParameter(param, name);
        if (declared) return declared;
      }
      const { child, parent } = parentSkippingWrappers(fn);
      if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(child as TSESTree.CallExpressionArgument)) {
        return { kind: 'callback-param', name, call: parent, argIndex: parent.arguments.indexOf(child as TSESTree.CallExpressionArgument), paramIndex, path };
      }
      if (path.length === 1) {
        const declared = declaredDestructuredProperty(param, path[0], name);
        if (declared) return declared;
      }
      return path.length === 0 && param.type === AST_NODE_TYPES.AssignmentPattern ? { kind: 'param', name, defaultValue: param.right } : { kind: 'param', name };
    }
    case 'ClassName':
      return { kind: 'class', name, node: def.node as ClassNode };
    case 'FunctionName':
      return { kind: 'function', name, node: def.node as TSESTree.Node };
    case 'ImplicitGlobalVariable':
      return { kind: 'global', name };
    default:
      return { kind: 'other', name };
  }
}

/**
 * What a name of this file that holds a function was declared with: the function declaration, or the initialiser of a
 * `const` (a function or not: the caller checks, and may look through type assertions).
 */
export function declaredFunctionOf(identifier: TSESTree.Identifier, scope: Scope): TSESTree.Node | undefined {
  const variable = findVariable(scope as never, identifier as never) as TSESLint.Scope.Variable | null;
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type === 'FunctionName') return def.node as TSESTree.Node;
  if (def?.type === 'Variable' && (def.parent as TSESTree.VariableDeclaration).kind === 'const') return (def.node as TSESTree.VariableDeclarator).init ?? undefined;
  return undefined;
}

/** The value of the only write to a variable declared without one (`let x; … x = value;`), if that write is a plain `=`. */
function soleAssignment(variable: TSESLint.Scope.Variable): TSESTree.Expression | undefined {
  let found: TSESTree.Expression | undefined;
  for (const reference of variable.references) {
    if (!reference.isWrite()) continue;
    const write = reference.identifier.parent;
    if (found || write?.type !== AST_NODE_TYPES.AssignmentExpression || write.operator !== '=' || write.left !== reference.identifier) return undefined;
    found = write.right;
  }
  return found;
}

/** The class whose instance (or, in static members, whose constructor) `this` refers to at `node`. */
export function enclosingClassOfThis(node: TSESTree.Node): { classNode: ClassNode; isStatic: boolean } | undefined {
  let current: TSESTree.Node | undefined = node.parent;
  while (current) {
    if (current.type === AST_NODE_TYPES.FunctionExpression || current.type === AST_NODE_TYPES.FunctionDeclaration) {
      const member = current.parent;
      if (member?.type === AST_NODE_TYPES.MethodDefinition || member?.type === AST_NODE_TYPES.PropertyDefinition) {
        const classNode = member.parent.parent as ClassNode;
        return { classNode, isStatic: member.static };
      }
      return undefined;
    }
    if (current.type === AST_NODE_TYPES.PropertyDefinition || current.type === AST_NODE_TYPES.StaticBlock) {
      const classNode = current.parent.parent as ClassNode;
      return { classNode, isStatic: current.type === AST_NODE_TYPES.StaticBlock || current.static };
    }
    if (current.type === AST_NODE_TYPES.ClassBody) return undefined;
    current = current.parent;
  }
  return undefined;
}

function classElementName(key: TSESTree.Node, computed: boolean): string | undefined {
  if (key.type === AST_NODE_TYPES.PrivateIdentifier) return `#${key.name}`;
  if (!computed && key.type === AST_NODE_TYPES.Identifier) return key.name;
  if (key.type === AST_NODE_TYPES.Literal && typeof key.value === 'string') return key.value;
  return undefined;
}

/**
 * What `this.<name>` is bound to inside `classNode`: a property (annotation, decorators or initialiser),
 * a constructor parameter property, or a `this.<name> = …` assignment in the constructor.
 * Undefined when the class declares no such member (it may come from a base class).
 */
export function resolveClassMember(classNode: ClassNode, name: string, isStatic: boolean): Binding | undefined {
  let constructorAssignment: Binding | undefined;
  for (const element of classNode.body.body) {
    if (element.type === AST_NODE_TYPES.PropertyDefinition && element.static === isStatic && classElementName(element.key, element.computed) === name) {
      const type = element.typeAnnotation?.typeAnnotation;
      const decorators = decoratorsOf(element);
      // `private client!: any;` set once by `init()` (Jackson's stores): that assignment says what it holds.
      if (!element.value && decorators.length === 0 && !isStatic && (!type || type.type === AST_NODE_TYPES.TSAnyKeyword)) {
        const assigned = soleMethodAssignment(classNode, name);
        if (assigned) return assigned;
      }
      if (type || decorators.length > 0) return { kind: 'declared', name, type, decorators };
      if (element.value) return { kind: 'value', name, expression: element.value, path: [] };
      return { kind: 'uninitialised', name };
    }
    if (element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'constructor' && !isStatic) {
      for (const param of element.value.params) {
        if (param.type !== AST_NODE_TYPES.TSParameterProperty) continue;
        const inner = param.parameter.type === AST_NODE_TYPES.AssignmentPattern ? param.parameter.left : param.parameter;
        if (inner.type === AST_NODE_TYPES.Identifier && inner.name === name) return declaredParameter(param, name) ?? { kind: 'param', name };
      }
      constructorAssignment ??= findConstructorAssignment(element.value.body, name);
    }
  }
  return constructorAssignment ?? (isStatic ? undefined : soleMethodAssignment(classNode, name));
}

const MAX_ASSIGNMENT_SEARCH = 400;

/**
 * The one `this.name = value` among the statements of the class's methods (through blocks, `if` and `try`), when
 * there is exactly one: an `init()` or `connect()` that sets up a field. Two or more leave it unknown.
 */
function soleMethodAssignment(classNode: ClassNode, name: string): Binding | undefined {
  let found: TSESTree.Expression | undefined;
  let count = 0;
  const pending: TSESTree.Node[] = [];
  for (const element of classNode.body.body) {
    if (element.type === AST_NODE_TYPES.MethodDefinition && !element.static && element.value.body) pending.push(element.value.body);
  }
  for (let index = 0; index < pending.length && index < MAX_ASSIGNMENT_SEARCH; index++) {
    const statement = pending[index];
    switch (statement.type) {
      case AST_NODE_TYPES.BlockStatement:
        pending.push(...statement.body);
        break;
      case AST_NODE_TYPES.IfStatement:
        pending.push(statement.consequent, ...(statement.alternate ? [statement.alternate] : []));
        break;
      case AST_NODE_TYPES.TryStatement:
        pending.push(statement.block, ...(statement.handler ? [statement.handler.body] : []), ...(statement.finalizer ? [statement.finalizer] : []));
        break;
      case AST_NODE_TYPES.ExpressionStatement: {
        const assignment = thisMemberAssignment(statement, name);
        if (!assignment) break;
        count++;
        found = assignment.operator === '=' ? assignment.right : undefined;
        break;
      }
      default:
        break;
    }
  }
  return count === 1 && found ? { kind: 'value', name, expression: found, path: [] } : undefined;
}

function findConstructorAssignment(body: TSESTree.BlockStatement | null | undefined, name: string): Binding | undefined {
  for (const statement of body?.body ?? []) {
    const assignment = thisMemberAssignment(statement, name);
    if (assignment?.operator === '=') return { kind: 'value', name, expression: assignment.right, path: [] };
  }
  return undefined;
}

/** `this.name = …` (or `this.name ??= …`, any assignment operator) as a statement. */
function thisMemberAssignment(statement: TSESTree.Node, name: string): TSESTree.AssignmentExpression | undefined {
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.expression.type !== AST_NODE_TYPES.AssignmentExpression) return undefined;
  const { left } = statement.expression;
  return left.type === AST_NODE_TYPES.MemberExpression && left.object.type === AST_NODE_TYPES.ThisExpression && memberName(left) === name ? statement.expression : undefined;
}

/** What a type annotation names. */
export type TypeReferenceOrigin =
  /** A type imported from a module: `path` starts at the module's export (`Prisma.TransactionClient` → ['Prisma', 'TransactionClient']). */
  | { kind: 'import'; source: string; path: string[]; typeArguments: TSESTree.TypeNode[]; isProjectModule: boolean; name: string }
  /** A class declared in this file: the annotated value is an instance of it. */
  | { kind: 'class'; node: ClassNode; typeArguments: TSESTree.TypeNode[]; name: string }
  /** Interfaces, type literals and other shapes declared in this file. */
  | { kind: 'local'; name: string }
  /** A name this file does not declare: a built-in (Map, Promise) or a missing import. */
  | { kind: 'global'; path: string[]; typeArguments: TSESTree.TypeNode[]; name: string }
  | { kind: 'keyword'; keyword: 'any' | 'unknown' | 'other' };

const NULLISH_TYPES = new Set<string>([AST_NODE_TYPES.TSNullKeyword, AST_NODE_TYPES.TSUndefinedKeyword, AST_NODE_TYPES.TSVoidKeyword]);

function entityNamePath(name: TSESTree.EntityName): string[] | undefined {
  if (name.type === AST_NODE_TYPES.Identifier) return [name.name];
  if (name.type === AST_NODE_TYPES.TSQualifiedName) {
    const left = entityNamePath(name.left);
    return left && [...left, name.right.name];
  }
  return undefined;
}

/** Follows a type annotation to the declaration of the type it names, through local type aliases and `T | undefined`. */
export function resolveTypeReference(type: TSESTree.TypeNode, scope: Scope, depth = 0): TypeReferenceOrigin | undefined {
  if (depth > 5) return undefined;
  switch (type.type) {
    case AST_NODE_TYPES.TSAnyKeyword:
      return { kind: 'keyword', keyword: 'any' };
    case AST_NODE_TYPES.TSUnknownKeyword:
      return { kind: 'keyword', keyword: 'unknown' };
    case AST_NODE_TYPES.TSUnionType: {
      const members = type.types.filter((member) => !NULLISH_TYPES.has(member.type) && member.type !== AST_NODE_TYPES.TSLiteralType);
      return members.length === 1 ? resolveTypeReference(members[0], scope, depth + 1) : { kind: 'keyword', keyword: 'other' };
    }
    case AST_NODE_TYPES.TSTypeReference:
      break;
    default:
      return { kind: 'keyword', keyword: 'other' };
  }
  const path = entityNamePath(type.typeName);
  if (!path) return undefined;
  const typeArguments = type.typeArguments?.params ?? [];
  const head = path[0];
  const name = path[path.length - 1];
  const variable = findVariableByName(scope, head);
  const def = variable?.defs[0];
  if (!variable || !def) return { kind: 'global', path, typeArguments, name };
  if (def.type === 'ImportBinding') {
    const origin = getImportOrigin(def.name as TSESTree.Identifier, variable.scope as Scope);
    if (!origin) return undefined;
    const exportPath = isModuleObject(origin.imported) ? path.slice(1) : [origin.imported, ...path.slice(1)];
    return { kind: 'import', source: origin.source, path: exportPath, typeArguments, isProjectModule: origin.isProjectModule, name };
  }
  if (path.length > 1) return { kind: 'local', name };
  if (def.type === 'ClassName') return { kind: 'class', node: def.node as ClassNode, typeArguments, name };
  if (def.type === 'Type' && def.node.type === AST_NODE_TYPES.TSTypeAliasDeclaration) {
    // An alias of an object type (`type Params = { appDataSource: DataSource }`) is read as an interface is.
    if (def.node.typeAnnotation.type === AST_NODE_TYPES.TSTypeLiteral) return { kind: 'local', name };
    return resolveTypeReference(def.node.typeAnnotation, variable.scope as Scope, depth + 1);
  }
  // A type parameter stands for what it extends: `query: T` with `<T extends Knex.QueryBuilder>` (HedgeDoc's pagination helper).
  if (def.node.type === AST_NODE_TYPES.TSTypeParameter && def.node.constraint) {
    return resolveTypeReference(def.node.constraint, variable.scope as Scope, depth + 1);
  }
  return { kind: 'local', name };
}

function findVariableByName(scope: Scope, name: string): TSESLint.Scope.Variable | undefined {
  for (let current: Scope | null = scope; current; current = current.upper) {
    const variable = current.set.get(name);
    if (variable) return variable;
  }
  return undefined;
}

/** The first name a type argument names (`Repository<User>` → `User`, `Model<UserDocument>` → `UserDocument`). */
export function typeArgumentName(type: TSESTree.TypeNode | undefined): string | undefined {
  if (type?.type !== AST_NODE_TYPES.TSTypeReference) return undefined;
  const path = entityNamePath(type.typeName);
  return path?.[path.length - 1];
}

/** Where a decorator's function comes from: `@InjectRepository(User)` → source `@nestjs/typeorm`, argument `User`. */
export function decoratorOrigin(decorator: TSESTree.Decorator, scope: Scope): { source: string; imported: string; argument?: TSESTree.Node } | undefined {
  const expression = decorator.expression;
  const callee = expression.type === AST_NODE_TYPES.CallExpression ? expression.callee : expression;
  if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
  const origin = getImportOrigin(callee, scope);
  if (!origin || origin.isProjectModule) return undefined;
  const argument = expression.type === AST_NODE_TYPES.CallExpression ? expression.arguments[0] : undefined;
  return { source: origin.source, imported: origin.imported, argument };
}

// ---------------------------------------------------------------------------------------------
// Type information: which package declares a value's type.

/** What the type checker says about a value's type. */
export type TypeOrigin =
  /** Declared by an npm package. `ownName` is the project class or interface that extends the package's type, if any. */
  | { kind: 'package'; packageName: string; typeName: string; typeArguments: string[]; isStatic: boolean; ownName?: string }
  /** `any`, `unknown` or an unresolved type: the checker knows nothing. */
  | { kind: 'any' }
  /** Declared in a project .d.ts, a promise, an anonymous or mapped type: no verdict. */
  | { kind: 'unknown' }
  /** Built-in (Map, arrays, strings), object literals, or a project class that extends no package type. */
  | { kind: 'other' };

/** The npm package a file of node_modules belongs to: `…/node_modules/@types/pg/index.d.ts` → `pg`, Prisma's generated client → `@prisma/client`. */
export function packageOfFile(fileName: string): string | undefined {
  const normalized = fileName.replaceAll('\\', '/');
  const index = normalized.lastIndexOf('/node_modules/');
  if (index < 0) return undefined;
  const segments = normalized.slice(index + '/node_modules/'.length).split('/');
  if (segments[0] === '.prisma') return '@prisma/client';
  if (segments[0] === '@types') {
    const typed = segments[1] ?? '';
    return typed.includes('__') ? `@${typed.replace('__', '/')}` : typed;
  }
  return segments[0].startsWith('@') ? `${segments[0]}/${segments[1]}` : segments[0];
}

/** The package part of a module specifier: `mysql2/promise` → `mysql2`, `@prisma/client/runtime` → `@prisma/client`. */
export function packageOfSpecifier(specifier: string): string {
  const segments = specifier.replace(/^node:/, '').split('/');
  return segments[0].startsWith('@') && segments.length > 1 ? `${segments[0]}/${segments[1]}` : segments[0];
}

const UTILITY_ALIASES = new Set(['Omit', 'Pick', 'Partial', 'Required', 'Readonly', 'NonNullable']);
const PENDING_BUILTINS = new Set(['Promise', 'PromiseLike']);

function typeArgumentNames(checker: ts.TypeChecker, type: ts.Type, aliasArguments?: readonly ts.Type[]): string[] {
  const tsm = typescript();
  let args: readonly ts.Type[] = aliasArguments ?? [];
  if (!aliasArguments && type.flags & tsm.TypeFlags.Object && (type as ts.ObjectType).objectFlags & tsm.ObjectFlags.Reference) {
    args = checker.getTypeArguments(type as ts.TypeReference);
  }
  return args.map((arg) => (arg.aliasSymbol ?? arg.getSymbol())?.getName() ?? '');
}

function packageOfSymbol(symbol: ts.Symbol): { packageName?: string; declarationFile?: string } {
  const declaration = symbol.getDeclarations()?.[0];
  if (!declaration) return {};
  const fileName = declaration.getSourceFile().fileName;
  return { packageName: packageOfFile(fileName), declarationFile: fileName };
}

/**
 * The checker's stand-in for a type it could not resolve (an import of a package that is not installed, a client
 * not generated yet): flagged `any`, but nobody wrote `any`. The checker does not know, so the code's shape decides,
 * as without type information.
 */
function isErrorType(type: ts.Type): boolean {
  return (type as { intrinsicName?: string }).intrinsicName === 'error';
}

/** Which package declares `type`. Cheap checks first; recursion is bounded. */
export function typeOriginOf(checker: ts.TypeChecker, type: ts.Type, depth = 0): TypeOrigin {
  const tsm = typescript();
  if (depth > 6) return { kind: 'unknown' };
  if (type.flags & (tsm.TypeFlags.Any | tsm.TypeFlags.Unknown)) return isErrorType(type) ? { kind: 'unknown' } : { kind: 'any' };
  if (type.flags & (tsm.TypeFlags.Void | tsm.TypeFlags.Undefined | tsm.TypeFlags.Null | tsm.TypeFlags.Never | tsm.TypeFlags.TypeParameter)) return { kind: 'unknown' };
  if (type.flags & (tsm.TypeFlags.StringLike | tsm.TypeFlags.NumberLike | tsm.TypeFlags.BooleanLike | tsm.TypeFlags.BigIntLike | tsm.TypeFlags.ESSymbolLike)) return { kind: 'other' };
  if (type.isUnion() || type.isIntersection()) {
    let fallback: TypeOrigin = { kind: 'other' };
    for (const member of type.types) {
      if (member.flags & (tsm.TypeFlags.Undefined | tsm.TypeFlags.Null | tsm.TypeFlags.Void)) continue;
      const origin = typeOriginOf(checker, member, depth + 1);
      if (origin.kind === 'package') return origin;
      if (origin.kind === 'any' || (origin.kind === 'unknown' && fallback.kind === 'other')) fallback = origin;
    }
    return fallback;
  }
  if (type.aliasSymbol) {
    const { packageName } = packageOfSymbol(type.aliasSymbol);
    const aliasName = type.aliasSymbol.getName();
    if (packageName === 'typescript' && UTILITY_ALIASES.has(aliasName) && type.aliasTypeArguments?.[0]) {
      return typeOriginOf(checker, type.aliasTypeArguments[0], depth + 1);
    }
    if (packageName && packageName !== 'typescript') {
      return { kind: 'package', packageName, typeName: aliasName, typeArguments: typeArgumentNames(checker, type, type.aliasTypeArguments), isStatic: false };
    }
  }
  const symbol = type.getSymbol();
  if (!symbol) return { kind: 'unknown' };
  const { packageName, declarationFile } = packageOfSymbol(symbol);
  const isClassSymbol = (symbol.flags & tsm.SymbolFlags.Class) !== 0;
  const isStatic = isClassSymbol && !((type as ts.ObjectType).objectFlags & tsm.ObjectFlags.Class);
  if (packageName === 'typescript') return PENDING_BUILTINS.has(symbol.getName()) ? { kind: 'unknown' } : { kind: 'other' };
  if (packageName) return { kind: 'package', packageName, typeName: symbol.getName(), typeArguments: typeArgumentNames(checker, type), isStatic };
  if (!declarationFile) return { kind: 'unknown' };
  // Declared in the project: a class or interface counts as the package type it extends.
  const instanceType = isStatic ? checker.getDeclaredTypeOfSymbol(symbol) : type;
  if (instanceType.isClassOrInterface()) {
    for (const base of checker.getBaseTypes(instanceType)) {
      const origin = typeOriginOf(checker, base, depth + 1);
      if (origin.kind === 'package') return { ...origin, isStatic, ownName: origin.ownName ?? symbol.getName() };
    }
  }
  if (declarationFile.endsWith('.d.ts') || declarationFile.endsWith('.d.mts') || declarationFile.endsWith('.d.cts')) return { kind: 'unknown' };
  return { kind: 'other' };
}

/** Type information for the linted file, looked up once per file. */
export interface TypeServices {
  checker: ts.TypeChecker;
  services: ParserServicesWithTypeInformation;
}

const typeServicesCache = new FileCache<TypeServices | null>();

/** The checker when the file is linted with type information, else undefined. Cached per file. */
export function getTypeServices(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): TypeServices | undefined {
  return typeServicesCache.get(context.sourceCode, () => typeServicesOf(context)) ?? undefined;
}

function typeServicesOf(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): TypeServices | null {
  if (!context.sourceCode.parserServices?.program) return null;
  const services = ESLintUtils.getParserServices(context, true);
  return services.program ? { checker: services.program.getTypeChecker(), services: services as ParserServicesWithTypeInformation } : null;
}

/**
 * The checker's type of the value at `node`. A callback's parameter (`withClient(async (client) => …)`) is read
 * from the callee's declaration when that gives the same single type (see `declaredCallbackParameterType`):
 * the checker would resolve the whole call, callback body included, to answer. A `const` made with `new` of a
 * class that is not generic is read from the class (see `constructedInstanceType`): the checker would check
 * the constructor's arguments.
 */
export function typeOfValue(services: ParserServicesWithTypeInformation, node: TSESTree.Node): ts.Type {
  return typeOfTsValue(services.program.getTypeChecker(), services.esTreeNodeToTSNodeMap.get(node as never));
}

/** `typeOfValue` for a node of TypeScript's own AST. */
export function typeOfTsValue(checker: ts.TypeChecker, tsNode: ts.Node): ts.Type {
  const declared = declaredCallbackParameterType(checker, tsNode);
  return declared && !declared.isUnion() ? declared : (constructedInstanceType(checker, tsNode) ?? checker.getTypeAtLocation(tsNode));
}

/** Which package declares the type of the value `node` evaluates to. */
export function getTypeOrigin(node: TSESTree.Node, typeServices: TypeServices): TypeOrigin {
  const tsNode = typeServices.services.esTreeNodeToTSNodeMap.get(node as never);
  if (!tsNode) return { kind: 'unknown' };
  const { checker } = typeServices;
  // A callback's parameter (`tx`, `client`) from the callee's declaration, a client made with `new` from its class:
  // the checker would resolve the whole call.
  const declared = (node.type === AST_NODE_TYPES.Identifier ? declaredCallbackParameterType(checker, tsNode) : undefined) ?? constructedInstanceType(checker, tsNode);
  return typeOriginOf(checker, declared ?? checker.getTypeAtLocation(tsNode));
}

/** Which package declares the type an annotation names (the declared type, before any narrowing). */
export function getAnnotationTypeOrigin(typeNode: TSESTree.TypeNode, typeServices: TypeServices): TypeOrigin {
  const tsNode = typeServices.services.esTreeNodeToTSNodeMap.get(typeNode as never) as ts.TypeNode | undefined;
  return tsNode ? typeOriginOf(typeServices.checker, typeServices.checker.getTypeFromTypeNode(tsNode)) : { kind: 'unknown' };
}

// ---------------------------------------------------------------------------------------------
// The generic question: which npm package does a receiver come from?

export type ReceiverEvidence = 'type' | 'import' | 'annotation' | 'injection';

export interface ReceiverPackage {
  /** The npm package (`pg`, `@prisma/client`, `mysql2`). */
  packageName: string;
  /** The module specifier as imported (`mysql2/promise`), or the package name for type evidence. */
  specifier: string;
  evidence: ReceiverEvidence;
  /** With type evidence: the package type's name (`Pool`, `PrismaClient`). */
  typeName?: string;
}

/**
 * Which npm package the value `node` comes from: the package declaring its type (with type information,
 * when the type is resolved), else the import it derives from through initialisers, member accesses,
 * calls, `new`, `await`, annotations, NestJS-style injection decorators, class members and callback
 * parameters. Project modules (`./db`) are not packages: the answer is undefined for them.
 */
export function getReceiverPackage(node: TSESTree.Node, context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): ReceiverPackage | undefined {
  const typeServices = getTypeServices(context);
  if (typeServices) {
    const origin = getTypeOrigin(node, typeServices);
    if (origin.kind === 'package') return { packageName: origin.packageName, specifier: origin.packageName, evidence: 'type', typeName: origin.typeName };
    if (origin.kind === 'other') return undefined;
  }
  return untypedReceiverPackage(node, context.sourceCode, new Set(), 0);
}

/** The package `source` names, imported by the file that holds `at`; undefined for the project's own modules. */
function fromSpecifier(source: string, evidence: ReceiverEvidence, at: TSESTree.Node): ReceiverPackage | undefined {
  return isProjectModuleSpecifier(source, at) ? undefined : { packageName: packageOfSpecifier(source), specifier: source, evidence };
}

function untypedReceiverPackage(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, seen: Set<TSESTree.Node>, depth: number): ReceiverPackage | undefined {
  if (depth > 12 || seen.has(node)) return undefined;
  seen.add(node);
  const next = (child: TSESTree.Node) => untypedReceiverPackage(child, sourceCode, seen, depth + 1);
  const current = skipExpressionWrappers(node);
  switch (current.type) {
    case AST_NODE_TYPES.Identifier:
      return packageOfBinding(resolveBinding(current, sourceCode.getScope(current)), current, sourceCode, next);
    case AST_NODE_TYPES.MemberExpression: {
      const object = skipExpressionWrappers(current.object);
      if (object.type === AST_NODE_TYPES.ThisExpression) {
        const owner = enclosingClassOfThis(object);
        const name = memberName(current);
        const binding = owner && name !== undefined ? resolveClassMember(owner.classNode, name, owner.isStatic) : undefined;
        if (binding) return packageOfBinding(binding, current, sourceCode, next);
        const inherited = owner && !owner.isStatic && name !== undefined && owner.classNode.superClass ? inheritedMember(owner.classNode, name, sourceCode) : undefined;
        if (inherited?.kind === 'binding') return packageOfBinding(inherited.binding, inherited.at, sourceCode, next);
        if (inherited?.kind === 'import') {
          const { source, isProjectModule } = inherited.reference;
          return isProjectModule ? undefined : { packageName: packageOfSpecifier(source), specifier: source, evidence: 'annotation' };
        }
        if (inherited) return undefined;
      }
      return next(current.object);
    }
    case AST_NODE_TYPES.CallExpression:
      return next(current.callee);
    case AST_NODE_TYPES.NewExpression:
      return next(current.callee);
    case AST_NODE_TYPES.AwaitExpression:
      return next(current.argument);
    case AST_NODE_TYPES.TaggedTemplateExpression:
      return next(current.tag);
    case AST_NODE_TYPES.ThisExpression: {
      const owner = enclosingClassOfThis(current);
      return owner?.classNode.superClass ? next(owner.classNode.superClass) : undefined;
    }
    case AST_NODE_TYPES.LogicalExpression:
      return next(current.left) ?? next(current.right);
    default:
      return undefined;
  }
}

const MAX_BASE_CLASSES = 4;

/** What `this.<name>` reads when a base class declares it (see `inheritedMember`). */
export type InheritedMember =
  /** Declared by a base class of this file: its binding, resolved at `at`. */
  | { kind: 'binding'; binding: Binding; at: TSESTree.Node }
  /** Declared in another module of the project with a type annotation that module imports. */
  | { kind: 'import'; reference: Extract<TypeReferenceOrigin, { kind: 'import' }> }
  /** Declared in another module, with no annotation or one that module declares itself. */
  | { kind: 'other' };

/**
 * The member `this.<name>` of `classNode` that a base class declares: the nearest one, in this file or in another
 * module of the project read from disk (Novu's repositories extend a `BaseRepository` whose constructor takes
 * `protected MongooseModel: Model<T>`, with `Model` from mongoose). Undefined when no base was found to declare it.
 */
export function inheritedMember(classNode: ClassNode, name: string, sourceCode: Readonly<TSESLint.SourceCode>): InheritedMember | undefined {
  let current: ClassNode = classNode;
  for (let depth = 0; depth < MAX_BASE_CLASSES; depth++) {
    const base = current.superClass && skipExpressionWrappers(current.superClass);
    if (base?.type !== AST_NODE_TYPES.Identifier) return undefined;
    const binding = resolveBinding(base, sourceCode.getScope(base));
    if (binding.kind === 'import') return binding.isProjectModule ? inheritedFromModule(binding, name, base) : undefined;
    if (binding.kind !== 'class') return undefined;
    current = binding.node;
    const member = resolveClassMember(current, name, false);
    if (member) return { kind: 'binding', binding: member, at: base };
  }
  return undefined;
}

/** The same, for a base class imported from a module of the project: read from disk, with the bases it extends there. */
function inheritedFromModule(imported: Extract<Binding, { kind: 'import' }>, name: string, at: TSESTree.Node): InheritedMember | undefined {
  const location = lintedFileLocation(at);
  const parse = location && moduleParserAt(at);
  const file = parse && resolveProjectModule(location.cwd, location.filename, imported.source);
  if (file === undefined || parse === undefined || imported.imported === '*') return undefined;
  let found: ModuleClass | undefined = exportedClass(location!.cwd, parse, file, imported.imported);
  for (let depth = 0; found && depth < MAX_BASE_CLASSES; depth++) {
    const member = resolveClassMember(found.declaredClass, name, false);
    if (member) {
      const reference = member.kind === 'declared' && member.type ? importedTypeIn(member.type, location!.cwd, found.file, parse) : undefined;
      return reference ? { kind: 'import', reference } : { kind: 'other' };
    }
    const base = found.declaredClass.superClass && skipExpressionWrappers(found.declaredClass.superClass);
    found = base?.type === AST_NODE_TYPES.Identifier ? classNamedIn(location!.cwd, parse, found.file, base.name) : undefined;
  }
  return undefined;
}

/** The import a type annotation written in module `file` names (`Model<T>`, `mongoose.Model<T>`), as `resolveTypeReference` tells it. */
function importedTypeIn(type: TSESTree.TypeNode, cwd: string, file: string, parse: ModuleParser): Extract<TypeReferenceOrigin, { kind: 'import' }> | undefined {
  if (type.type !== AST_NODE_TYPES.TSTypeReference) return undefined;
  const path = entityNamePath(type.typeName);
  const imported = path && moduleSummary(file, parse)?.imports.get(path[0]);
  if (!path || !imported) return undefined;
  const exportPath = isModuleObject(imported.imported) ? path.slice(1) : [imported.imported, ...path.slice(1)];
  const isProjectModule = isRelativeSpecifier(imported.source) || resolveProjectModule(cwd, file, imported.source) !== undefined;
  return { kind: 'import', source: imported.source, path: exportPath, typeArguments: type.typeArguments?.params ?? [], isProjectModule, name: path[path.length - 1] };
}

function packageOfBinding(
  binding: Binding,
  at: TSESTree.Node,
  sourceCode: Readonly<TSESLint.SourceCode>,
  next: (child: TSESTree.Node) => ReceiverPackage | undefined,
): ReceiverPackage | undefined {
  switch (binding.kind) {
    case 'import':
      return fromSpecifier(binding.source, 'import', at);
    case 'value':
      return next(binding.expression);
    case 'declared': {
      const scope = sourceCode.getScope(at);
      if (binding.type) {
        const reference = resolveTypeReference(binding.type, scope);
        if (reference?.kind === 'import') {
          const found = fromSpecifier(reference.source, 'annotation', at);
          if (found) return found;
        }
        if (reference?.kind === 'class' && reference.node.superClass) return next(reference.node.superClass);
      }
      for (const decorator of binding.decorators) {
        const origin = decoratorOrigin(decorator, scope);
        if (origin) return fromSpecifier(origin.source, 'injection', at);
      }
      return undefined;
    }
    case 'callback-param':
      return next(binding.call.callee);
    case 'class':
      return binding.node.superClass ? next(binding.node.superClass) : undefined;
    default:
      return undefined;
  }
}

/** The initialiser of the `const` binding `identifier` names (one declaration of a plain name), if it names one. */
export function constInitializer(identifier: TSESTree.Identifier, scope: TSESLint.Scope.Scope): TSESTree.Expression | undefined {
  const variable = findVariable(scope as never, identifier as never) as TSESLint.Scope.Variable | null;
  const def = variable?.defs[0];
  if (variable?.defs.length !== 1 || def?.type !== 'Variable') return undefined;
  const declarator = def.node as TSESTree.VariableDeclarator;
  if ((declarator.parent as TSESTree.VariableDeclaration).kind !== 'const' || declarator.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  return declarator.init ?? undefined;
}

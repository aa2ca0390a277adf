/**
 * Which argument of a query call a placeholder of its SQL is bound to: `$2` → the second element of pg's
 * values array (or the second extra argument of Prisma's `$queryRawUnsafe`), the third `?` → the third
 * binding (mysql2, knex, Sequelize `replacements: [...]`), `:offset` → the `offset` property of knex's or
 * Sequelize's named bindings. Only bindings written in the call (or in a `const` of the same file) are found.
 */
import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../../ast/node-types';
import type { SqlScan } from './scanner';

type Scope = TSESLint.Scope.Scope;

/** Prisma's unsafe raw queries take the values as further arguments. */
const VALUES_AS_ARGUMENTS = new Set(['$queryRawUnsafe', '$executeRawUnsafe']);

/** For each `?`/`??` placeholder token, its 0-based position among them; -1 for other tokens. One pass. */
export function positionalOrdinals(scan: SqlScan): Int32Array {
  const ordinals = new Int32Array(scan.length).fill(-1);
  let next = 0;
  for (let i = 0; i < scan.length; i++) {
    if (scan.kind(i) !== 'placeholder') continue;
    const text = scan.tokenText(i);
    if (text === '?' || text === '??') ordinals[i] = next++;
  }
  return ordinals;
}

/**
 * The expression bound to the placeholder token `token` of the SQL sent by `call` (`api` is the called
 * method). `ordinals` comes from `positionalOrdinals(scan)`.
 */
export function boundArgument(
  call: TSESTree.CallExpression,
  api: string,
  scan: SqlScan,
  token: number,
  ordinals: Int32Array,
  scope: Scope,
): TSESTree.Node | undefined {
  const text = scan.tokenText(token);
  if (text.length > 1 && text[0] === '$' && isDigits(text, 1)) {
    const position = Number(text.slice(1));
    if (VALUES_AS_ARGUMENTS.has(api)) return plainArgument(call.arguments[position]);
    return element(valuesOf(call, scope, 'bind'), position - 1);
  }
  if (text === '?' || text === '??') return element(valuesOf(call, scope, 'replacements'), ordinals[token]);
  if ((text[0] === ':' || text[0] === '@' || text[0] === '$') && text.length > 1) {
    return property(valuesOf(call, scope, 'replacements'), text.slice(1));
  }
  return undefined;
}

function isDigits(text: string, from: number): boolean {
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x30 || code > 0x39) return false;
  }
  return text.length > from;
}

function plainArgument(argument: TSESTree.CallExpressionArgument | undefined): TSESTree.Node | undefined {
  return argument && argument.type !== AST_NODE_TYPES.SpreadElement ? argument : undefined;
}

/**
 * The values container: the second argument (an array, or named bindings), or inside Sequelize's options
 * object its `bind`/`replacements`; with a config object as first argument (`{ text, values }`), its `values`.
 */
function valuesOf(call: TSESTree.CallExpression, scope: Scope, sequelizeKey: 'bind' | 'replacements'): TSESTree.Node | undefined {
  const first = resolveConst(plainArgument(call.arguments[0]), scope);
  if (first?.type === AST_NODE_TYPES.ObjectExpression) {
    const values = propertyValue(first, 'values');
    if (values) return resolveConst(values, scope);
  }
  const second = resolveConst(plainArgument(call.arguments[1]), scope);
  if (second?.type !== AST_NODE_TYPES.ObjectExpression) return second;
  const sequelize = propertyValue(second, sequelizeKey) ?? propertyValue(second, sequelizeKey === 'bind' ? 'replacements' : 'bind');
  return sequelize ? resolveConst(sequelize, scope) : second;
}

function element(container: TSESTree.Node | undefined, index: number): TSESTree.Node | undefined {
  if (container?.type !== AST_NODE_TYPES.ArrayExpression || index < 0) return undefined;
  for (let i = 0; i <= index && i < container.elements.length; i++) {
    // After a spread, positions are unknown.
    if (container.elements[i]?.type === AST_NODE_TYPES.SpreadElement) return undefined;
  }
  const value = container.elements[index];
  return value ?? undefined;
}

function property(container: TSESTree.Node | undefined, name: string): TSESTree.Node | undefined {
  if (container?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const value = propertyValue(container, name);
  return value ?? undefined;
}

function propertyValue(object: TSESTree.ObjectExpression, name: string): TSESTree.Node | undefined {
  let found: TSESTree.Node | undefined;
  for (const entry of object.properties) {
    if (entry.type === AST_NODE_TYPES.SpreadElement) {
      found = undefined; // a later spread may override anything before it
      continue;
    }
    const key = entry.computed ? undefined : entry.key.type === AST_NODE_TYPES.Identifier ? entry.key.name : entry.key.type === AST_NODE_TYPES.Literal ? String(entry.key.value) : undefined;
    if (key === name) found = entry.value;
  }
  return found;
}

/** An identifier bound by `const` to an array or object literal: the literal. Anything else as it is. */
function resolveConst(node: TSESTree.Node | undefined, scope: Scope): TSESTree.Node | undefined {
  if (node?.type !== AST_NODE_TYPES.Identifier) return node;
  const variable = findVariable(scope as never, node as never) as TSESLint.Scope.Variable | null;
  const def = variable?.defs[0];
  if (variable?.defs.length !== 1 || def?.type !== 'Variable' || (def.parent as TSESTree.VariableDeclaration).kind !== 'const') return node;
  const declarator = def.node as TSESTree.VariableDeclarator;
  const init = declarator.id.type === AST_NODE_TYPES.Identifier ? declarator.init : null;
  return init && (init.type === AST_NODE_TYPES.ArrayExpression || init.type === AST_NODE_TYPES.ObjectExpression) ? init : node;
}

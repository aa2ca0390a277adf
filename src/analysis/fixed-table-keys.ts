import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast/node-types';
import { findVariable } from '@eslint-community/eslint-utils';
import { isFunction } from '../ast/code-shape';
import { memberName, parentSkippingWrappers, skipExpressionWrappers } from '../ast/expressions';
import { constInitializer } from './library-origin';

/**
 * Before `write` runs, its function has checked that `key` names an entry of a fixed table, and left otherwise:
 *
 *   const loader = jobLoaders[name]; if (!loader) return undefined; … jobCache.set(name, job);
 *   if (!(name in HANDLERS)) throw …;  /  if (!HANDLERS[name]) return;
 *
 * where the table is a module-level `const` object literal nothing writes to. A collection keyed that way
 * holds at most one entry per key of the table, however many requests write to it.
 */
export function isKeyCheckedAgainstFixedTable(key: TSESTree.Node, write: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const keyNode = checkedKeyPart(key, sourceCode);
  if (!keyNode) return false;
  const statement = statementInFunctionBody(write);
  if (!statement) return false;
  const body = statement.parent as TSESTree.BlockStatement;
  const lookups = new Set<string>();
  for (const earlier of body.body) {
    if (earlier === statement) return false;
    if (earlier.type === AST_NODE_TYPES.VariableDeclaration && earlier.kind === 'const') {
      for (const declarator of earlier.declarations) {
        if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.init && isTableLookup(declarator.init, keyNode, sourceCode)) lookups.add(declarator.id.name);
      }
    } else if (earlier.type === AST_NODE_TYPES.IfStatement && exits(earlier.consequent) && isMissingTest(earlier.test, keyNode, lookups, sourceCode)) {
      return true;
    }
  }
  return false;
}

/**
 * The identifier a key stands for: the key itself, or the one variable part of a key built around it with constants
 * (`` `${script}:1280:0.15` ``, `script + ':v2'`), written in place or in a `const` (Maxun's OCR services, one per script).
 */
function checkedKeyPart(key: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.Identifier | undefined {
  let node = skipExpressionWrappers(key);
  if (node.type === AST_NODE_TYPES.Identifier) {
    const initializer = constInitializer(node, sourceCode.getScope(node));
    const built = initializer && skipExpressionWrappers(initializer);
    if (!built || (built.type !== AST_NODE_TYPES.TemplateLiteral && built.type !== AST_NODE_TYPES.BinaryExpression)) return node;
    node = built;
  }
  const parts: TSESTree.Node[] = [];
  const collect = (part: TSESTree.Node): boolean => {
    const current = skipExpressionWrappers(part);
    if (current.type === AST_NODE_TYPES.Literal) return typeof current.value === 'string' || typeof current.value === 'number';
    if (current.type === AST_NODE_TYPES.TemplateLiteral) return current.expressions.every(collect);
    if (current.type === AST_NODE_TYPES.BinaryExpression && current.operator === '+') return collect(current.left) && collect(current.right);
    parts.push(current);
    return parts.length <= 1;
  };
  if (node.type !== AST_NODE_TYPES.TemplateLiteral && node.type !== AST_NODE_TYPES.BinaryExpression) return undefined;
  if (!collect(node) || parts.length !== 1 || parts[0].type !== AST_NODE_TYPES.Identifier) return undefined;
  return parts[0];
}

/** The statement of the enclosing function's block body that contains `node`. */
function statementInFunctionBody(node: TSESTree.Node): TSESTree.Statement | undefined {
  let current: TSESTree.Node = node;
  while (current.parent) {
    const parent: TSESTree.Node = current.parent;
    if (parent.type === AST_NODE_TYPES.BlockStatement && parent.parent && isFunction(parent.parent)) return current as TSESTree.Statement;
    if (isFunction(parent)) return undefined;
    current = parent;
  }
  return undefined;
}

/** `!loader`, `loader === undefined`, `!TABLE[key]`, `!(key in TABLE)`, `!Object.hasOwn(TABLE, key)`. */
function isMissingTest(test: TSESTree.Expression, key: TSESTree.Identifier, lookups: ReadonlySet<string>, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const current = skipExpressionWrappers(test);
  if (current.type === AST_NODE_TYPES.UnaryExpression && current.operator === '!') return isPresentTest(current.argument, key, lookups, sourceCode);
  if (current.type === AST_NODE_TYPES.BinaryExpression && (current.operator === '===' || current.operator === '==')) {
    const [value, other] = isUndefined(current.right) ? [current.left, current.right] : [current.right, current.left];
    return isUndefined(other) && isPresentTest(value, key, lookups, sourceCode);
  }
  return false;
}

function isPresentTest(node: TSESTree.Node, key: TSESTree.Identifier, lookups: ReadonlySet<string>, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const current = skipExpressionWrappers(node);
  if (current.type === AST_NODE_TYPES.Identifier) return lookups.has(current.name);
  if (current.type === AST_NODE_TYPES.BinaryExpression && current.operator === 'in') return isSameVariable(current.left, key, sourceCode) && isFixedTable(current.right, sourceCode);
  if (current.type === AST_NODE_TYPES.CallExpression) {
    const callee = skipExpressionWrappers(current.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    // `Object.hasOwn(TABLE, key)`, `Object.prototype.hasOwnProperty.call(TABLE, key)` (Automatisch's app paths).
    if (current.arguments.length === 2 && (isMember(callee, 'Object', 'hasOwn') || (memberName(callee) === 'call' && isHasOwnPropertyOfObject(callee.object)))) {
      return isFixedTable(current.arguments[0], sourceCode) && isSameVariable(current.arguments[1], key, sourceCode);
    }
    // `TABLE.hasOwnProperty(key)`.
    return current.arguments.length === 1 && memberName(callee) === 'hasOwnProperty' && isFixedTable(callee.object, sourceCode) && isSameVariable(current.arguments[0], key, sourceCode);
  }
  return isTableLookup(current, key, sourceCode);
}

/** `Object.hasOwn`: the object and property names. */
function isMember(node: TSESTree.MemberExpression, object: string, property: string): boolean {
  return node.object.type === AST_NODE_TYPES.Identifier && node.object.name === object && memberName(node) === property;
}

/** `Object.prototype.hasOwnProperty`, or `{}.hasOwnProperty`. */
function isHasOwnPropertyOfObject(node: TSESTree.Node): boolean {
  const current = skipExpressionWrappers(node);
  if (current.type !== AST_NODE_TYPES.MemberExpression || memberName(current) !== 'hasOwnProperty') return false;
  const owner = skipExpressionWrappers(current.object);
  return (owner.type === AST_NODE_TYPES.MemberExpression && isMember(owner, 'Object', 'prototype')) || (owner.type === AST_NODE_TYPES.ObjectExpression && owner.properties.length === 0);
}

/** `TABLE[key]` (casts allowed around either). */
function isTableLookup(node: TSESTree.Node, key: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const current = skipExpressionWrappers(node);
  return current.type === AST_NODE_TYPES.MemberExpression && current.computed && isSameVariable(current.property, key, sourceCode) && isFixedTable(current.object, sourceCode);
}

function isSameVariable(node: TSESTree.Node, key: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const current = skipExpressionWrappers(node);
  if (current.type !== AST_NODE_TYPES.Identifier || current.name !== key.name) return false;
  return variableOf(current, sourceCode) === variableOf(key, sourceCode);
}

/** A module-level `const` holding an object literal, never written to (`TABLE[k] = …`, `delete`). */
function isFixedTable(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const current = skipExpressionWrappers(node);
  if (current.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = variableOf(current, sourceCode);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type !== 'Variable' || (def.parent as TSESTree.VariableDeclaration).kind !== 'const') return false;
  if (variable!.scope.type !== 'module' && variable!.scope.type !== 'global') return false;
  const declarator = def.node as TSESTree.VariableDeclarator;
  const init = declarator.init && skipExpressionWrappers(declarator.init);
  if (declarator.id.type !== AST_NODE_TYPES.Identifier || init?.type !== AST_NODE_TYPES.ObjectExpression) return false;
  // Spreads (`{ ...scan(builtIn), ...scan(custom) }`) are read once, at load: the keys are fixed from then on.
  return variable!.references.every((reference) => reference.init === true || !isWrittenThrough(reference.identifier as TSESTree.Node));
}

/** The table is the target of a write: `TABLE[k] = v`, `TABLE[k] ??= v`, `delete TABLE[k]`, `TABLE[k]++`. */
function isWrittenThrough(identifier: TSESTree.Node): boolean {
  const { child: node, parent } = parentSkippingWrappers(identifier);
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === node) return true;
  if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== node) return false;
  const outer = parent.parent;
  return (
    (outer?.type === AST_NODE_TYPES.AssignmentExpression && outer.left === parent) ||
    (outer?.type === AST_NODE_TYPES.UpdateExpression && outer.argument === parent) ||
    (outer?.type === AST_NODE_TYPES.UnaryExpression && outer.operator === 'delete')
  );
}

function variableOf(identifier: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>): TSESLint.Scope.Variable | null {
  return findVariable(sourceCode.getScope(identifier) as never, identifier as never) as TSESLint.Scope.Variable | null;
}

function isUndefined(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined';
}

/** The branch leaves the function: `return …`, `throw …`, or a block starting with one. */
function exits(statement: TSESTree.Statement): boolean {
  const first = statement.type === AST_NODE_TYPES.BlockStatement ? statement.body[0] : statement;
  return first?.type === AST_NODE_TYPES.ReturnStatement || first?.type === AST_NODE_TYPES.ThrowStatement;
}

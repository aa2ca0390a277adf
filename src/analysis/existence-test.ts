/**
 * Is a number only ever used to ask "is there any?" Follows the value a call resolves to (awaited,
 * `.then`-ed, stored in variables, destructured, converted with `Number()`) to every place it is used, and
 * answers yes only when there is at least one use and each one is an existence test: a comparison with 0
 * or 1 that means "none" or "some" (`> 0`, `>= 1`, `!== 0`, `=== 0`, `< 1`, `<= 0`, mirrored too), a
 * boolean position (`if (n)`, `!n`, `Boolean(n)`, `n ? a : b`, `&&`/`||` inside a condition).
 *
 * Query results that wrap the number in rows (`[{ count: '3' }]`, pg's `{ rows }`) describe the way down
 * to it as steps: an element of an array, then a property.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast/node-types';
import { propertyKeyName } from '../ast/expressions';
import { memberName, parentSkippingWrappers, resolveBinding, skipExpressionWrappers } from './library-origin';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** One step from a query's result down to the number: the first element of an array, another element, or a property (any name unless given). */
export type ValueStep = { kind: 'first' } | { kind: 'element'; index: number } | { kind: 'property'; name?: string };

/** Properties of result objects that are never the counted number. */
const NOT_THE_COUNT = new Set(['length', 'rowCount', 'affectedRows', 'fields', 'command', 'oid', 'changedRows', 'insertId']);
const NUMBER_CONVERSIONS = new Set(['Number', 'parseInt', 'parseFloat']);
const THEN_METHODS = new Set(['then']);

interface Walk {
  sourceCode: SourceCode;
  /** Remaining work: variables and uses followed. */
  budget: number;
}

/**
 * Whether the number that `call` resolves to (after `steps` down from its result) is only tested for
 * existence. The promise must be awaited or `.then`-ed right there, alone or as an element of `Promise.all([…])`.
 */
export function isOnlyTestedForExistence(call: TSESTree.Node, steps: readonly ValueStep[], sourceCode: SourceCode): boolean {
  return promiseIsTested(call, steps, { sourceCode, budget: 64 });
}

function promiseIsTested(promise: TSESTree.Node, steps: readonly ValueStep[], walk: Walk): boolean {
  const sourceCode = walk.sourceCode;
  const { child, parent } = parentSkippingWrappers(promise);
  if (parent?.type === AST_NODE_TYPES.AwaitExpression) return valueIsTested(parent, steps, walk);
  if (parent?.type === AST_NODE_TYPES.ArrayExpression) {
    // `const [rows, n] = await Promise.all([q, count])`: the number is element `index` of the combined result.
    const index = parent.elements.indexOf(child as TSESTree.Expression);
    const combinator = promiseAllOf(parent, sourceCode);
    if (!combinator || index < 0 || parent.elements.slice(0, index).some((element) => element?.type === AST_NODE_TYPES.SpreadElement)) return false;
    return promiseIsTested(combinator, [{ kind: 'element', index }, ...steps], walk);
  }
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === child && THEN_METHODS.has(memberName(parent) ?? '')) {
    const thenCall = parent.parent;
    if (thenCall.type !== AST_NODE_TYPES.CallExpression || thenCall.callee !== parent) return false;
    const callback = thenCall.arguments[0];
    if (!callback) return false;
    if (steps.length === 0 && isGlobalNamed(callback, 'Boolean', sourceCode)) return true;
    if (callback.type !== AST_NODE_TYPES.ArrowFunctionExpression && callback.type !== AST_NODE_TYPES.FunctionExpression) return false;
    const param = callback.params[0];
    return param !== undefined && bindingIsTested(param, steps, walk);
  }
  return false;
}

/**
 * `node` is a number whose one use here only asks "is there any?": `n > 0`, `n === 0`, `!n`, `if (n)`, `Boolean(n)`
 * (`rows.length > 0`, the emptiness test of rows fetched by a query).
 */
export function isEmptinessTest(node: TSESTree.Node, sourceCode: SourceCode): boolean {
  const { child, parent } = parentSkippingWrappers(node);
  return parent !== undefined && numberIsTested(child, parent, { sourceCode, budget: 16 });
}

/** The `Promise.all(array)` call `array` is given to. */
export function promiseAllOf(array: TSESTree.ArrayExpression, sourceCode: SourceCode): TSESTree.CallExpression | undefined {
  const { child, parent: call } = parentSkippingWrappers(array);
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== child) return undefined;
  const callee = skipExpressionWrappers(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'all' && isGlobalNamed(callee.object, 'Promise', sourceCode) ? call : undefined;
}

/** `node` evaluates to the result (or, with no steps left, to the number). */
function valueIsTested(node: TSESTree.Node, steps: readonly ValueStep[], walk: Walk): boolean {
  if (--walk.budget < 0) return false;
  const { child, parent } = parentSkippingWrappers(node);
  if (!parent) return false;
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === child) return bindingIsTested(parent.id, steps, walk);
  if (steps.length > 0) {
    if (parent.type !== AST_NODE_TYPES.MemberExpression || parent.object !== child) return false;
    const name = memberName(parent);
    return name !== undefined && stepMatches(steps[0], name) && valueIsTested(parent, steps.slice(1), walk);
  }
  return numberIsTested(child, parent, walk);
}

function stepMatches(step: ValueStep, name: string): boolean {
  if (step.kind === 'first') return name === '0';
  if (step.kind === 'element') return name === String(step.index);
  if (NOT_THE_COUNT.has(name) || /^\d+$/.test(name)) return false;
  return step.name === undefined || step.name === name;
}

/** The result (or number) is bound to a pattern: follow the names it binds. */
function bindingIsTested(pattern: TSESTree.Node, steps: readonly ValueStep[], walk: Walk): boolean {
  if (--walk.budget < 0) return false;
  switch (pattern.type) {
    case AST_NODE_TYPES.Identifier:
      return variableIsTested(pattern, steps, walk);
    case AST_NODE_TYPES.AssignmentPattern:
      return bindingIsTested(pattern.left, steps, walk);
    case AST_NODE_TYPES.ArrayPattern: {
      const step = steps[0];
      const index = step?.kind === 'first' ? 0 : step?.kind === 'element' ? step.index : undefined;
      const element = index === undefined ? undefined : pattern.elements[index];
      if (!element || element.type === AST_NODE_TYPES.RestElement) return false;
      return bindingIsTested(element, steps.slice(1), walk);
    }
    case AST_NODE_TYPES.ObjectPattern: {
      const step = steps[0];
      if (step?.kind !== 'property') return false;
      const candidates = pattern.properties.filter((property): property is TSESTree.Property => {
        if (property.type !== AST_NODE_TYPES.Property) return false;
        const key = propertyKeyName(property);
        return key !== undefined && stepMatches(step, key);
      });
      // Without a known name, the row must hold just the count: `{ count }`, `{ n }`.
      if (candidates.length !== 1 || (step.name === undefined && pattern.properties.length !== 1)) return false;
      return bindingIsTested(candidates[0].value, steps.slice(1), walk);
    }
    default:
      return false;
  }
}


/** Every read of the variable tests existence (and there is one); a reassigned variable is not followed. */
function variableIsTested(identifier: TSESTree.Identifier, steps: readonly ValueStep[], walk: Walk): boolean {
  const variable = walk.sourceCode.getDeclaredVariables(identifier.parent as TSESTree.Node).find((candidate) => candidate.identifiers.includes(identifier)) ?? findDeclared(identifier, walk.sourceCode);
  if (!variable) return false;
  let reads = 0;
  for (const reference of variable.references) {
    if (reference.init) continue;
    if (reference.isWrite()) return false;
    reads++;
    if (!valueIsTested(reference.identifier as TSESTree.Identifier, steps, walk)) return false;
  }
  return reads > 0;
}

/** Parameters and nested pattern names are declared on the function or declarator, not the identifier's parent. */
function findDeclared(identifier: TSESTree.Identifier, sourceCode: SourceCode): TSESLint.Scope.Variable | undefined {
  let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(identifier);
  while (scope) {
    const variable = scope.set.get(identifier.name);
    if (variable?.identifiers.includes(identifier)) return variable;
    scope = scope.upper;
  }
  return undefined;
}

/** Comparisons with 0 or 1 that mean "none" or "some", as `<number> op <literal>`. */
const EXISTENCE_COMPARISONS: Readonly<Record<string, readonly (number | string)[]>> = {
  '>': [0],
  '>=': [1],
  '<': [1],
  '<=': [0],
  '===': [0, '0'],
  '==': [0, '0'],
  '!==': [0, '0'],
  '!=': [0, '0'],
};
/** The same operator with its operands swapped: `0 < n` is `n > 0`. */
const MIRRORED: Readonly<Record<string, string>> = { '>': '<', '>=': '<=', '<': '>', '<=': '>=', '===': '===', '==': '==', '!==': '!==', '!=': '!=' };

/** `child` is the number; `parent` is what uses it. */
function numberIsTested(child: TSESTree.Node, parent: TSESTree.Node, walk: Walk): boolean {
  switch (parent.type) {
    case AST_NODE_TYPES.BinaryExpression: {
      const numberOnLeft = parent.left === child;
      const operator = numberOnLeft ? parent.operator : MIRRORED[parent.operator];
      const other = literalValue(numberOnLeft ? parent.right : parent.left);
      return operator !== undefined && other !== undefined && (EXISTENCE_COMPARISONS[operator] ?? []).includes(other);
    }
    case AST_NODE_TYPES.UnaryExpression:
      if (parent.operator === '!') return true;
      return parent.operator === '+' && valueIsTested(parent, [], walk);
    case AST_NODE_TYPES.CallExpression: {
      if (parent.arguments[0] !== child) return false;
      if (isGlobalNamed(parent.callee, 'Boolean', walk.sourceCode)) return true;
      return isNumberConversion(parent.callee, walk.sourceCode) && valueIsTested(parent, [], walk);
    }
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
    case AST_NODE_TYPES.ForStatement:
    case AST_NODE_TYPES.ConditionalExpression:
      return parent.test === child;
    case AST_NODE_TYPES.LogicalExpression:
      return parent.operator !== '??' && logicalIsCondition(parent, child);
    default:
      return false;
  }
}

/** `a && b` / `a || b` counts as a test of its operands only where its own value is used as a condition. */
function logicalIsCondition(logical: TSESTree.LogicalExpression, operand: TSESTree.Node): boolean {
  let current: TSESTree.Node = logical;
  for (let depth = 0; depth < 16; depth++) {
    const { child, parent } = parentSkippingWrappers(current);
    if (!parent) return false;
    switch (parent.type) {
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
      case AST_NODE_TYPES.ForStatement:
      case AST_NODE_TYPES.ConditionalExpression:
        return parent.test === child;
      case AST_NODE_TYPES.UnaryExpression:
        return parent.operator === '!';
      case AST_NODE_TYPES.LogicalExpression:
        if (parent.operator === '??') return false;
        current = parent;
        continue;
      case AST_NODE_TYPES.ExpressionStatement:
        // `n && notify()`: the left operand only decides whether the right one runs.
        return logical.operator === '&&' && logical.left === operand && current === logical;
      default:
        return false;
    }
  }
  return false;
}

function literalValue(node: TSESTree.Node): number | string | undefined {
  const current = skipExpressionWrappers(node);
  if (current.type === AST_NODE_TYPES.Literal && (typeof current.value === 'number' || typeof current.value === 'string')) return current.value;
  return undefined;
}

function isGlobalNamed(node: TSESTree.Node, name: string, sourceCode: SourceCode): boolean {
  const current = skipExpressionWrappers(node);
  return current.type === AST_NODE_TYPES.Identifier && current.name === name && resolveBinding(current, sourceCode.getScope(current)).kind === 'global';
}

/** `Number(x)`, `parseInt(x)`, `Number.parseInt(x)`. */
function isNumberConversion(callee: TSESTree.Node, sourceCode: SourceCode): boolean {
  const current = skipExpressionWrappers(callee);
  if (current.type === AST_NODE_TYPES.Identifier) return NUMBER_CONVERSIONS.has(current.name) && isGlobalNamed(current, current.name, sourceCode);
  if (current.type === AST_NODE_TYPES.MemberExpression) {
    const name = memberName(current);
    return (name === 'parseInt' || name === 'parseFloat') && isGlobalNamed(current.object, 'Number', sourceCode);
  }
  return false;
}

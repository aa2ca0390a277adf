/**
 * Does a callback over rows test their columns against values a query could take as parameters?
 * `u => u.active`, `u => u.role === 'admin'`, `({ orgId }) => orgId === id`, `u => ids.includes(u.id)`,
 * `u => u.email.endsWith(domain)`, joined by `&&`, `||` and `!`: a database can evaluate these.
 * Callbacks that call functions on a row, compare one column with another, compute from columns
 * (`u.price * u.qty > 100`), use the element's index, or are not function literals (`Boolean`,
 * `isActive`) are not column predicates.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast/node-types';
import { memberName, skipExpressionWrappers } from './library-origin';
import { isNullishValue } from '../ast/expressions';

export interface ColumnPredicateOptions {
  /** With type information: the accessed property is computed in JavaScript (a getter or a method), not a stored column. */
  isComputedProperty?(member: TSESTree.MemberExpression): boolean;
}

const COMPARISONS = new Set(['===', '!==', '==', '!=', '<', '<=', '>', '>=']);
/** `column.method(value)`: LIKE-style tests (and array containment) that query languages have. */
const COLUMN_TESTS = new Set(['startsWith', 'endsWith', 'includes']);
/** `values.method(column)`: membership in a list of values, an `IN` filter. */
const MEMBERSHIP_TESTS = new Set(['includes', 'has']);

/** Properties that hold text, not a list: `err.message.includes(u.email)` searches a string (Inbox Zero). */
const TEXT_PROPERTIES = new Set(['message', 'text', 'title', 'description', 'body', 'content', 'subject', 'url', 'path', 'label', 'stack']);

/** A string, not a list: a string or template literal, or a property named for text. */
function isTextValue(node: TSESTree.Node): boolean {
  const current = skipExpressionWrappers(node);
  if (current.type === AST_NODE_TYPES.TemplateLiteral || (current.type === AST_NODE_TYPES.Literal && typeof current.value === 'string')) return true;
  if (current.type !== AST_NODE_TYPES.MemberExpression || current.computed) return false;
  const name = memberName(current);
  return name !== undefined && TEXT_PROPERTIES.has(name);
}
const MAX_DEPTH = 12;
const MAX_VALUE_NODES = 200;

type Callback = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression;

interface RowNames {
  /** The row parameter, when it is a plain identifier: columns are its properties. */
  row?: string;
  /** Destructured columns: `({ active, role }) => …`. */
  columns: Set<string>;
  /** Every name bound to the row, its columns, or the other parameters (index, array). */
  all: Set<string>;
}

/** Whether `node` is a callback whose body is a column predicate. */
export function isColumnPredicate(node: TSESTree.Node | undefined, visitorKeys: Readonly<Record<string, readonly string[] | undefined>>, options: ColumnPredicateOptions = {}): boolean {
  if (!node) return false;
  const callback = skipExpressionWrappers(node);
  if (callback.type !== AST_NODE_TYPES.ArrowFunctionExpression && callback.type !== AST_NODE_TYPES.FunctionExpression) return false;
  if (callback.async || callback.generator) return false;
  const names = rowNames(callback);
  const body = returnedExpression(callback);
  if (!names || !body) return false;
  return new PredicateReader(names, visitorKeys, options).predicate(body, 0);
}

/**
 * A callback that only tests that loaded relations are there (`t => !!t.term`, `t => t.term != null`, `({ author }) =>
 * Boolean(author)`, joined by `&&`): a guard on the join the query made, not a column filter to hand the database.
 */
export function isRelationGuard(node: TSESTree.Node | undefined, relations: ReadonlySet<string>): boolean {
  if (!node || relations.size === 0) return false;
  const callback = skipExpressionWrappers(node);
  if (callback.type !== AST_NODE_TYPES.ArrowFunctionExpression && callback.type !== AST_NODE_TYPES.FunctionExpression) return false;
  const names = rowNames(callback);
  const body = returnedExpression(callback);
  if (!names || !body) return false;
  const isRelation = (operand: TSESTree.Node): boolean => {
    const current = skipExpressionWrappers(operand);
    if (current.type === AST_NODE_TYPES.Identifier) return names.columns.has(current.name) && relations.has(current.name);
    if (current.type !== AST_NODE_TYPES.MemberExpression || current.computed) return false;
    const object = skipExpressionWrappers(current.object);
    const name = memberName(current);
    return object.type === AST_NODE_TYPES.Identifier && object.name === names.row && name !== undefined && relations.has(name);
  };
  const isGuard = (expression: TSESTree.Node, depth: number): boolean => {
    if (depth > MAX_DEPTH) return false;
    const current = skipExpressionWrappers(expression);
    switch (current.type) {
      case AST_NODE_TYPES.LogicalExpression:
        return current.operator === '&&' && isGuard(current.left, depth + 1) && isGuard(current.right, depth + 1);
      case AST_NODE_TYPES.UnaryExpression:
        // `!!t.term`: a double negation; a single one keeps the rows without the relation, a filter.
        return current.operator === '!' && current.argument.type === AST_NODE_TYPES.UnaryExpression && current.argument.operator === '!' && isGuard(current.argument.argument, depth + 1);
      case AST_NODE_TYPES.BinaryExpression:
        return (current.operator === '!=' || current.operator === '!==') && ((isNullishValue(current.right) && isRelation(current.left)) || (isNullishValue(current.left) && isRelation(current.right)));
      case AST_NODE_TYPES.CallExpression:
        return current.callee.type === AST_NODE_TYPES.Identifier && current.callee.name === 'Boolean' && current.arguments.length === 1 && isRelation(current.arguments[0]);
      default:
        return isRelation(current);
    }
  };
  return isGuard(body, 0);
}

function rowNames(callback: Callback): RowNames | undefined {
  const [first, ...rest] = callback.params;
  if (!first) return undefined;
  const names: RowNames = { columns: new Set(), all: new Set() };
  if (first.type === AST_NODE_TYPES.Identifier) {
    names.row = first.name;
    names.all.add(first.name);
  } else if (first.type === AST_NODE_TYPES.ObjectPattern) {
    for (const property of first.properties) {
      if (property.type !== AST_NODE_TYPES.Property || property.computed) return undefined;
      const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
      if (value.type !== AST_NODE_TYPES.Identifier) return undefined;
      names.columns.add(value.name);
      names.all.add(value.name);
    }
  } else {
    return undefined;
  }
  for (const param of rest) {
    if (param.type !== AST_NODE_TYPES.Identifier) return undefined;
    names.all.add(param.name);
  }
  return names;
}

/** The concise body, or the argument of a body that is a single `return`. */
function returnedExpression(callback: Callback): TSESTree.Expression | undefined {
  if (callback.body.type !== AST_NODE_TYPES.BlockStatement) return callback.body;
  const [statement, ...more] = callback.body.body;
  return more.length === 0 && statement?.type === AST_NODE_TYPES.ReturnStatement && statement.argument ? statement.argument : undefined;
}

class PredicateReader {
  constructor(
    private readonly names: RowNames,
    private readonly visitorKeys: Readonly<Record<string, readonly string[] | undefined>>,
    private readonly options: ColumnPredicateOptions,
  ) {}

  predicate(node: TSESTree.Node, depth: number): boolean {
    if (depth > MAX_DEPTH) return false;
    const current = skipExpressionWrappers(node);
    switch (current.type) {
      case AST_NODE_TYPES.LogicalExpression:
        return current.operator !== '??' && this.predicate(current.left, depth + 1) && this.predicate(current.right, depth + 1);
      case AST_NODE_TYPES.UnaryExpression:
        return current.operator === '!' && this.predicate(current.argument, depth + 1);
      case AST_NODE_TYPES.BinaryExpression:
        if (!COMPARISONS.has(current.operator) || current.left.type === AST_NODE_TYPES.PrivateIdentifier) return false;
        return (this.column(current.left, 0) && this.value(current.right)) || (this.value(current.left) && this.column(current.right, 0));
      case AST_NODE_TYPES.CallExpression:
        return this.test(current);
      default:
        return this.column(current, 0);
    }
  }

  /** `u.email.endsWith(domain)`, `ids.includes(u.id)`, `allowed.has(u.role)`. */
  private test(call: TSESTree.CallExpression): boolean {
    const callee = skipExpressionWrappers(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || call.arguments.length !== 1 || call.optional) return false;
    const method = memberName(callee);
    if (method === undefined || callee.computed) return false;
    const [argument] = call.arguments;
    if (argument.type === AST_NODE_TYPES.SpreadElement) return false;
    if (COLUMN_TESTS.has(method) && this.column(callee.object, 0) && this.value(argument)) return true;
    return MEMBERSHIP_TESTS.has(method) && !isTextValue(callee.object) && this.value(callee.object) && this.column(argument, 0);
  }

  /** A stored column of the row: `u.active`, `u.profile.verified`, a destructured `active`. Not `u.tags.length`. */
  private column(node: TSESTree.Node, depth: number): boolean {
    if (depth > 4) return false;
    const current = skipExpressionWrappers(node);
    if (current.type === AST_NODE_TYPES.Identifier) return this.names.columns.has(current.name);
    if (current.type !== AST_NODE_TYPES.MemberExpression) return false;
    const name = memberName(current);
    if (name === undefined || name === 'length' || name.startsWith('#')) return false;
    if (this.options.isComputedProperty?.(current)) return false;
    const object = skipExpressionWrappers(current.object);
    if (object.type === AST_NODE_TYPES.Identifier) return object.name === this.names.row || this.names.columns.has(object.name);
    return this.column(object, depth + 1);
  }

  /** An expression that does not depend on the row: a literal, a variable, `req.user.id`, `new Date(since)`. */
  private value(node: TSESTree.Node): boolean {
    let budget = MAX_VALUE_NODES;
    const stack: TSESTree.Node[] = [node];
    while (stack.length > 0) {
      if (--budget < 0) return false;
      const current = stack.pop()!;
      switch (current.type) {
        case AST_NODE_TYPES.Identifier:
          if (this.names.all.has(current.name)) return false;
          continue;
        case AST_NODE_TYPES.MemberExpression:
          stack.push(current.object);
          if (current.computed) stack.push(current.property);
          continue;
        case AST_NODE_TYPES.Property:
          if (current.computed) stack.push(current.key);
          stack.push(current.value);
          continue;
        case AST_NODE_TYPES.ArrowFunctionExpression:
        case AST_NODE_TYPES.FunctionExpression:
        case AST_NODE_TYPES.ClassExpression:
        case AST_NODE_TYPES.AwaitExpression:
        case AST_NODE_TYPES.YieldExpression:
        case AST_NODE_TYPES.AssignmentExpression:
        case AST_NODE_TYPES.UpdateExpression:
          return false;
        default:
          break;
      }
      // Type annotations name types, not values.
      if (current.type.startsWith('TS') && current.type !== AST_NODE_TYPES.TSAsExpression && current.type !== AST_NODE_TYPES.TSNonNullExpression && current.type !== AST_NODE_TYPES.TSSatisfiesExpression) continue;
      for (const key of this.visitorKeys[current.type] ?? []) {
        const child = (current as unknown as Record<string, unknown>)[key];
        if (Array.isArray(child)) {
          for (const item of child) if (item && typeof item === 'object' && 'type' in item) stack.push(item as TSESTree.Node);
        } else if (child && typeof child === 'object' && 'type' in child) {
          stack.push(child as TSESTree.Node);
        }
      }
    }
    return true;
  }
}

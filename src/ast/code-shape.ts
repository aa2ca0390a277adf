/** AST predicates about where code runs and what a pattern binds, shared by the analyses and rules. */
import type { TSESTree } from '@typescript-eslint/utils';
import { isFixedListLiteral, memberName, parentSkippingWrappers, propertyKeyName, skipExpressionWrappers } from './expressions';
import { AST_NODE_TYPES } from './node-types';

/** A function literal or declaration: code that may run any number of times, or never. */
/** A function with a body of its own: declaration, expression or arrow. */
export type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration;

export function isFunction(node: TSESTree.Node): node is FunctionNode {
  return node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionExpression || node.type === AST_NODE_TYPES.FunctionDeclaration;
}

/**
 * `node` runs in a `catch` block or in the handler given to a promise's `.catch(…)`: below `limit` (a loop, say), or,
 * without one, within `node`'s own function.
 */
export function runsInErrorHandler(node: TSESTree.Node, limit?: TSESTree.Node): boolean {
  for (let child = node, parent = node.parent; parent && child !== limit; child = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.CatchClause && parent.body === child) return true;
    if (isFunction(child) && parent.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === child && parent.callee.type === AST_NODE_TYPES.MemberExpression && memberName(parent.callee) === 'catch') {
      return true;
    }
    if (limit === undefined && (isFunction(child) || parent.type === AST_NODE_TYPES.CatchClause)) return false;
  }
  return false;
}

/** A statement that repeats its body: `for`, `for…of`, `for…in`, `while`, `do…while`. */
export type LoopStatement = TSESTree.ForOfStatement | TSESTree.ForInStatement | TSESTree.ForStatement | TSESTree.WhileStatement | TSESTree.DoWhileStatement;

export function isLoop(node: TSESTree.Node): node is LoopStatement {
  return (
    node.type === AST_NODE_TYPES.ForOfStatement ||
    node.type === AST_NODE_TYPES.ForInStatement ||
    node.type === AST_NODE_TYPES.ForStatement ||
    node.type === AST_NODE_TYPES.WhileStatement ||
    node.type === AST_NODE_TYPES.DoWhileStatement
  );
}

/** The innermost function around `node` (not `node` itself), if any. */
export function enclosingFunction(node: TSESTree.Node): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) if (isFunction(current)) return current;
  return undefined;
}

/**
 * A function written as an argument of a call or `new` (`items.map((item) => …)`, `new Promise((resolve) => …)`):
 * it runs during, or in answer to, the call that gets it, and its parameters come from the callee.
 */
export function isInlineCallback(fn: FunctionNode): boolean {
  const { child, parent } = parentSkippingWrappers(fn);
  return (parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) && parent.arguments.includes(child as TSESTree.CallExpressionArgument);
}

/** `inner` lies within `outer` in the source. */
export function contains(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/**
 * Whether `read` sits in a function or a loop body nested between it and the declaration: code that can
 * run any number of times for one evaluation of the declaration. A for-of's iterable and a for loop's initialiser run once.
 */
export function runsRepeatedly(read: TSESTree.Node, declarator: TSESTree.Node): boolean {
  let child: TSESTree.Node = read;
  for (let node = read.parent; node && !contains(node, declarator); child = node, node = node.parent) {
    if (repeats(node, child)) return true;
  }
  return false;
}

/**
 * Whether `child`, as a part of `node`, can run any number of times for one run of `node`: a function's
 * body, a loop's body or test. A for-of's iterable and a for loop's initialiser run once.
 */
export function repeats(node: TSESTree.Node, child: TSESTree.Node): boolean {
  if (isFunction(node)) return true;
  switch (node.type) {
    case AST_NODE_TYPES.ForOfStatement:
    case AST_NODE_TYPES.ForInStatement:
      return child !== node.right;
    case AST_NODE_TYPES.ForStatement:
      return child !== node.init;
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
      return true;
    default:
      return false;
  }
}

/** The names a binding pattern (or a parameter property) declares: `{ a, b: [c, ...d] = [] }` → a, c, d. */
export function patternNames(pattern: TSESTree.Node): string[] {
  const names: string[] = [];
  const pending: TSESTree.Node[] = [pattern];
  while (pending.length > 0) {
    const node = pending.pop()!;
    switch (node.type) {
      case AST_NODE_TYPES.Identifier:
        names.push(node.name);
        break;
      case AST_NODE_TYPES.AssignmentPattern:
        pending.push(node.left);
        break;
      case AST_NODE_TYPES.RestElement:
        pending.push(node.argument);
        break;
      case AST_NODE_TYPES.TSParameterProperty:
        pending.push(node.parameter);
        break;
      case AST_NODE_TYPES.ArrayPattern:
        for (const element of node.elements) if (element) pending.push(element);
        break;
      case AST_NODE_TYPES.ObjectPattern:
        for (const property of node.properties) pending.push(property.type === AST_NODE_TYPES.RestElement ? property : property.value);
        break;
      default:
        break;
    }
  }
  return names;
}

/** What a function returns as its only statement: an arrow's expression body, or the argument of a body's lone `return`. */
export function soleReturnedExpression(fn: FunctionNode): TSESTree.Node | undefined {
  const body = fn.body;
  if (!body) return undefined;
  if (body.type !== AST_NODE_TYPES.BlockStatement) return body;
  const [statement] = body.body;
  return body.body.length === 1 && statement.type === AST_NODE_TYPES.ReturnStatement ? (statement.argument ?? undefined) : undefined;
}

/**
 * `fn` hands back what its parameter at `index` is given: typed so (`function wrap<T>(target: T, tags: Tags): T`, or
 * `Promise<T>`, as a proxy or a decorator of it is), or returning the parameter itself, alone or as a value of a
 * returned object or array literal (`(queueName, connection) => ({ connection, prefix })`, Langfuse's BullMQ options).
 */
export function returnsParameter(fn: FunctionNode, index: number): boolean {
  const parameter = fn.params[index];
  if (parameter?.type !== AST_NODE_TYPES.Identifier) return false;
  if (returnsParameterType(fn, parameter)) return true;
  return returnedExpressions(fn).some((returned) => holdsBinding(returned, parameter.name, 0));
}

function returnsParameterType(fn: FunctionNode, parameter: TSESTree.Identifier): boolean {
  const typeParameters = fn.typeParameters?.params.map((typeParameter) => typeParameter.name.name) ?? [];
  if (typeParameters.length === 0) return false;
  const name = typeParameterNamed(parameter.typeAnnotation?.typeAnnotation, typeParameters);
  const returned = fn.returnType?.typeAnnotation;
  if (name === undefined || !returned) return false;
  if (typeParameterNamed(returned, typeParameters) === name) return true;
  const promised = returned.type === AST_NODE_TYPES.TSTypeReference && returned.typeName.type === AST_NODE_TYPES.Identifier && returned.typeName.name === 'Promise' ? returned.typeArguments?.params[0] : undefined;
  return typeParameterNamed(promised, typeParameters) === name;
}

/** `node` is the binding `name`, or an object or array literal (two levels deep at most) with it as a value. */
function holdsBinding(node: TSESTree.Node, name: string, depth: number): boolean {
  const current = skipExpressionWrappers(node);
  if (current.type === AST_NODE_TYPES.Identifier) return current.name === name;
  if (depth >= 2) return false;
  if (current.type === AST_NODE_TYPES.ObjectExpression) return current.properties.some((property) => property.type === AST_NODE_TYPES.Property && holdsBinding(property.value, name, depth + 1));
  if (current.type === AST_NODE_TYPES.ArrayExpression) return current.elements.some((element) => element !== null && element.type !== AST_NODE_TYPES.SpreadElement && holdsBinding(element, name, depth + 1));
  return false;
}

/** `T` when `type` is a bare reference to one of `typeParameters`. */
function typeParameterNamed(type: TSESTree.TypeNode | undefined, typeParameters: readonly string[]): string | undefined {
  if (type?.type !== AST_NODE_TYPES.TSTypeReference || type.typeArguments || type.typeName.type !== AST_NODE_TYPES.Identifier) return undefined;
  return typeParameters.includes(type.typeName.name) ? type.typeName.name : undefined;
}

/** What a function returns: an arrow's expression body, or the arguments of the `return`s of its own body. */
export function returnedExpressions(fn: FunctionNode): TSESTree.Node[] {
  if (!fn.body) return [];
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return [fn.body];
  return ownReturns(fn.body).flatMap((statement) => (statement.argument ? [statement.argument] : []));
}

/**
 * Every `return` of the function hands back an array literal without spreads, or a choice between such literals
 * (`return email === lower ? [email] : [email, lower]`), and there is one: a list of fixed length, whatever the
 * arguments. Not for async functions and generators; a bare `return;` hands back no list.
 */
export function returnsOnlyFixedLists(fn: FunctionNode): boolean {
  if (fn.async || fn.generator || !fn.body) return false;
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return isFixedListLiteral(fn.body);
  const returns = ownReturns(fn.body);
  return returns.length > 0 && returns.every((statement) => statement.argument !== null && isFixedListLiteral(statement.argument));
}

/** The `return` statements of a function body, those of nested functions aside. */
function ownReturns(body: TSESTree.BlockStatement): TSESTree.ReturnStatement[] {
  const returns: TSESTree.ReturnStatement[] = [];
  const pending: TSESTree.Node[] = [...body.body];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (isFunction(node)) continue;
    if (node.type === AST_NODE_TYPES.ReturnStatement) {
      returns.push(node);
      continue;
    }
    for (const key of ['body', 'consequent', 'alternate', 'block', 'handler', 'finalizer', 'cases'] as const) {
      const child = (node as unknown as Record<string, TSESTree.Node | TSESTree.Node[] | null | undefined>)[key];
      if (Array.isArray(child)) pending.push(...child);
      else if (child && typeof child === 'object' && 'type' in child) pending.push(child);
    }
  }
  return returns;
}

/** `return …;`, `throw …;` or a block ending in one: a branch that leaves the function. */
export function exitsAtEnd(statement: TSESTree.Statement): boolean {
  if (statement.type === AST_NODE_TYPES.ReturnStatement || statement.type === AST_NODE_TYPES.ThrowStatement) return true;
  if (statement.type !== AST_NODE_TYPES.BlockStatement) return false;
  const last = statement.body[statement.body.length - 1];
  return last !== undefined && (last.type === AST_NODE_TYPES.ReturnStatement || last.type === AST_NODE_TYPES.ThrowStatement);
}

/** A declaration at the top of the module, exported or not. */
export function isModuleLevelDeclaration(declaration: TSESTree.VariableDeclaration): boolean {
  const parent = declaration.parent;
  return parent?.type === AST_NODE_TYPES.Program || (parent?.type === AST_NODE_TYPES.ExportNamedDeclaration && parent.parent?.type === AST_NODE_TYPES.Program);
}

/**
 * A class's, member's or parameter's decorators. typescript-eslint's tree always lists them; espree (ESLint's own
 * parser, for JavaScript) has no decorators and leaves the field out.
 */
export function decoratorsOf(node: TSESTree.Node): readonly TSESTree.Decorator[] {
  return (node as { decorators?: readonly TSESTree.Decorator[] }).decorators ?? [];
}

/** The name a function goes by: its own, its variable's, its property's or its method's. */
export function functionName(fn: FunctionNode): string | undefined {
  if (fn.id) return fn.id.name;
  const { child, parent } = parentSkippingWrappers(fn);
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === child && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
  if (parent?.type === AST_NODE_TYPES.Property && parent.value === child) return propertyKeyName(parent);
  if ((parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.PropertyDefinition) && !parent.computed && parent.key.type === AST_NODE_TYPES.Identifier) {
    return parent.key.name;
  }
  return undefined;
}

/**
 * The name a function expression is assigned to: `exports.copySync = function (…) {…}`, `vending.registerFormat = …`,
 * `handler = () => …` (the property's name, or the variable's).
 */
export function assignedFunctionName(fn: TSESTree.Node): string | undefined {
  const parent = fn.parent;
  if (parent?.type !== AST_NODE_TYPES.AssignmentExpression || parent.right !== fn) return undefined;
  if (parent.left.type === AST_NODE_TYPES.Identifier) return parent.left.name;
  if (parent.left.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const property = parent.left.property;
  if (!parent.left.computed && property.type === AST_NODE_TYPES.Identifier) return property.name;
  return parent.left.computed && property.type === AST_NODE_TYPES.Literal && typeof property.value === 'string' ? property.value : undefined;
}

/** A private method or field of a class, instance or static, `private` or `#name` (not a getter, setter or constructor). */
export function isPrivateMember(member: TSESTree.MethodDefinition | TSESTree.PropertyDefinition): boolean {
  if (member.computed) return false;
  if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind !== 'method') return false;
  return member.key.type === AST_NODE_TYPES.PrivateIdentifier || (member.accessibility === 'private' && member.key.type === AST_NODE_TYPES.Identifier);
}

/** Array methods that may add elements: `push`, `unshift`, and `splice` given items to insert. */
export const ELEMENT_ADDING_METHODS: ReadonlySet<string> = new Set(['push', 'unshift', 'splice']);

/** Array methods whose result holds no more elements than their receiver. */
export const NON_GROWING_ARRAY_METHODS: ReadonlySet<string> = new Set(['filter', 'map', 'slice', 'toSorted', 'toReversed']);

/**
 * `member` is called and the call adds elements to its object: `list.push(a, b)`, `list.unshift(x)`,
 * `list.splice(i, 0, x)`; with the arguments that are the added elements (all of them when a spread hides where a
 * splice's items start). Undefined for any other use, and for a `splice(i, 1)` that only removes.
 */
export function elementsAddedBy(member: TSESTree.MemberExpression): { call: TSESTree.CallExpression; added: readonly TSESTree.CallExpressionArgument[] } | undefined {
  const method = memberName(member);
  const call = member.parent;
  if (method === undefined || !ELEMENT_ADDING_METHODS.has(method) || call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) return undefined;
  const startsHidden = method === 'splice' && call.arguments.slice(0, 2).some((argument) => argument.type === AST_NODE_TYPES.SpreadElement);
  const added = method === 'splice' && !startsHidden ? call.arguments.slice(2) : call.arguments;
  return added.length > 0 ? { call, added } : undefined;
}

/** `list[list.length] = x`: an append by index, to the array named like the index's `length` owner; else undefined. */
export function appendedByIndex(assignment: TSESTree.AssignmentExpression): TSESTree.Identifier | undefined {
  const target = assignment.left;
  if (assignment.operator !== '=' || target.type !== AST_NODE_TYPES.MemberExpression || !target.computed || target.object.type !== AST_NODE_TYPES.Identifier) return undefined;
  const index = target.property;
  const owner = index.type === AST_NODE_TYPES.MemberExpression && memberName(index) === 'length' ? index.object : undefined;
  return owner?.type === AST_NODE_TYPES.Identifier && owner.name === target.object.name ? target.object : undefined;
}

/** The root of the tree `node` is in: the file's `Program`. */
export function programOf(node: TSESTree.Node): TSESTree.Node {
  let root = node;
  while (root.parent) root = root.parent;
  return root;
}

/** `declaration` is exported where it stands: `export function f`, `export const x = …`, `export default …`. */
export function isExportedDeclaration(declaration: TSESTree.Node): boolean {
  const parent = declaration.parent;
  return parent?.type === AST_NODE_TYPES.ExportNamedDeclaration || parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration;
}

/** `process.exit(…)` (or `process['exit'](…)`). */
export function isProcessExitCall(node: TSESTree.Node | null | undefined): boolean {
  return (
    node?.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.MemberExpression &&
    node.callee.object.type === AST_NODE_TYPES.Identifier &&
    node.callee.object.name === 'process' &&
    memberName(node.callee) === 'exit'
  );
}

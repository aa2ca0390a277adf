/**
 * The one-pass form of a `reduce` that copies its accumulator at every step, for the plainest shapes only, where
 * the rewrite keeps the result (its keys, their order, the last value of a repeated key):
 * - `xs.reduce((acc, x) => ({ ...acc, [k(x)]: v(x) }), {})` → `Object.fromEntries(xs.map((x) => [k(x), v(x)]))`;
 * - `xs.reduce((acc, x) => [...acc, f(x)], [])` → `xs.map((x) => f(x))`;
 * - `xs.reduce((acc, x) => (test(x) ? [...acc, x] : acc), [])` → `xs.filter((x) => test(x))`;
 * - `xs.reduce((acc, x) => acc.concat(f(x)), [])` → `xs.flatMap((x) => f(x))`.
 * Anything else (a block body, an initial value with entries, the accumulator read elsewhere, comments that would be
 * lost) gets no rewrite.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast/node-types';
import { skipExpressionWrappers } from '../ast/expressions';
import { pushChildNodes } from '../ast/children';
import { ASTUtils } from '@typescript-eslint/utils';

/** A bigger entry than this is not worth walking for a suggestion. */
const MAX_NODES = 2000;

type SourceCode = Readonly<TSESLint.SourceCode>;

export interface OnePassRewrite {
  /** The method the rewrite builds with: `Object.fromEntries(….map(…))`, `map`, `filter`, `flatMap`. */
  form: string;
  text: string;
}

/** The rewrite of the whole `reduce` call, when `call` is one of the shapes above. */
export function onePassRewrite(call: TSESTree.CallExpression, sourceCode: SourceCode): OnePassRewrite | undefined {
  const callee = call.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier || callee.property.name !== 'reduce' || callee.optional) return undefined;
  if (call.arguments.length !== 2 || sourceCode.getCommentsInside(call).length > 0) return undefined;
  const [callbackArgument, initialArgument] = call.arguments;
  if (callbackArgument.type !== AST_NODE_TYPES.ArrowFunctionExpression || callbackArgument.async || callbackArgument.body.type === AST_NODE_TYPES.BlockStatement) return undefined;
  const callback = callbackArgument;
  const [accumulator, ...elementParams] = callback.params;
  if (accumulator?.type !== AST_NODE_TYPES.Identifier || accumulator.typeAnnotation || elementParams.length === 0 || elementParams.length > 2) return undefined;
  const initial = skipExpressionWrappers(initialArgument);
  // `(await Promise.all(xs)).reduce(…)`: the node's text leaves out its parentheses, which `.map` needs kept.
  const receiver = ASTUtils.isParenthesized(callee.object, sourceCode) ? `(${sourceCode.getText(callee.object)})` : sourceCode.getText(callee.object);
  const params = elementParams.map((param) => sourceCode.getText(param)).join(', ');
  const arrow = (body: string) => `(${params}) => ${body}`;
  const body = skipExpressionWrappers(callback.body);
  const name = accumulator.name;

  if (initial.type === AST_NODE_TYPES.ObjectExpression && initial.properties.length === 0 && body.type === AST_NODE_TYPES.ObjectExpression) {
    const entry = singleEntryAfterSpread(body, name);
    if (!entry || readsName(entry.key, name, sourceCode) || readsName(entry.value, name, sourceCode)) return undefined;
    const value = sourceCode.getText(entry.value);
    return { form: 'Object.fromEntries(….map(…))', text: `Object.fromEntries(${receiver}.map(${arrow(`[${sourceCode.getText(entry.key)}, ${value}]`)}))` };
  }
  if (initial.type !== AST_NODE_TYPES.ArrayExpression || initial.elements.length > 0) return undefined;
  if (body.type === AST_NODE_TYPES.ArrayExpression) {
    const element = singleElementAfterSpread(body, name);
    return element && !readsName(element, name, sourceCode) ? { form: 'map', text: `${receiver}.map(${arrow(wrapObjectLiteral(sourceCode.getText(element), element))})` } : undefined;
  }
  if (body.type === AST_NODE_TYPES.ConditionalExpression) {
    // `test ? [...acc, x] : acc` keeps the elements that pass.
    const kept = skipExpressionWrappers(body.consequent);
    const alternate = skipExpressionWrappers(body.alternate);
    const element = elementParams[0];
    if (kept.type !== AST_NODE_TYPES.ArrayExpression || alternate.type !== AST_NODE_TYPES.Identifier || alternate.name !== name || element.type !== AST_NODE_TYPES.Identifier) return undefined;
    const pushed = singleElementAfterSpread(kept, name);
    if (pushed?.type !== AST_NODE_TYPES.Identifier || pushed.name !== element.name || readsName(body.test, name, sourceCode)) return undefined;
    return { form: 'filter', text: `${receiver}.filter(${arrow(sourceCode.getText(body.test))})` };
  }
  if (body.type === AST_NODE_TYPES.CallExpression && body.arguments.length === 1) {
    const concat = skipExpressionWrappers(body.callee);
    if (concat.type !== AST_NODE_TYPES.MemberExpression || concat.computed || concat.property.type !== AST_NODE_TYPES.Identifier || concat.property.name !== 'concat') return undefined;
    const object = skipExpressionWrappers(concat.object);
    const [added] = body.arguments;
    if (object.type !== AST_NODE_TYPES.Identifier || object.name !== name || added.type === AST_NODE_TYPES.SpreadElement || readsName(added, name, sourceCode)) return undefined;
    return { form: 'flatMap', text: `${receiver}.flatMap(${arrow(wrapObjectLiteral(sourceCode.getText(added), added))})` };
  }
  return undefined;
}

/** `{ ...acc, [key]: value }`: the one computed entry after the spread of `name`. */
function singleEntryAfterSpread(object: TSESTree.ObjectExpression, name: string): { key: TSESTree.Expression; value: TSESTree.Node } | undefined {
  const [spread, entry, ...more] = object.properties;
  if (more.length > 0 || spread?.type !== AST_NODE_TYPES.SpreadElement || !isName(spread.argument, name)) return undefined;
  if (entry?.type !== AST_NODE_TYPES.Property || !entry.computed || entry.kind !== 'init' || entry.method) return undefined;
  return { key: entry.key as TSESTree.Expression, value: entry.value };
}

/** `[...acc, element]`: the one element after the spread of `name`. */
function singleElementAfterSpread(array: TSESTree.ArrayExpression, name: string): TSESTree.Expression | undefined {
  const [spread, element, ...more] = array.elements;
  if (more.length > 0 || spread?.type !== AST_NODE_TYPES.SpreadElement || !isName(spread.argument, name)) return undefined;
  return element && element.type !== AST_NODE_TYPES.SpreadElement ? element : undefined;
}

function isName(node: TSESTree.Node, name: string): boolean {
  const current = skipExpressionWrappers(node);
  return current.type === AST_NODE_TYPES.Identifier && current.name === name;
}

/** An arrow's body that is an object literal needs parentheses. */
function wrapObjectLiteral(text: string, node: TSESTree.Node): string {
  return skipExpressionWrappers(node).type === AST_NODE_TYPES.ObjectExpression && !text.startsWith('(') ? `(${text})` : text;
}

/** Whether `node` mentions `name` anywhere (then the entry depends on what was gathered, and no rewrite keeps it). */
function readsName(node: TSESTree.Node, name: string, sourceCode: SourceCode): boolean {
  const stack: TSESTree.Node[] = [node];
  for (let visited = 0; stack.length > 0; visited++) {
    if (visited > MAX_NODES) return true;
    const current = stack.pop()!;
    if (current.type === AST_NODE_TYPES.Identifier && current.name === name) return true;
    pushChildNodes(current, sourceCode.visitorKeys, stack);
  }
  return false;
}

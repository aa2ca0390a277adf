/**
 * Whether the promise an expression makes is waited for where it is written: awaited, returned to a
 * caller, yielded, the body of an arrow function, an element (or the `items.map(…)` array) given to
 * `Promise.all`, or continued with `.then/.catch/.finally` in a chain that is itself waited for.
 * A promise left alone (`sleep(10);`, `const timer = delay(10)`) or raced (`Promise.race([work, timeout])`)
 * is not.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast/node-types';
import { memberName, parentSkippingWrappers } from './library-origin';
import { PROMISE_CONTINUATIONS } from '../ast/expressions';

/** Combinators that settle only once every element has. `race` and `any` settle with the first. */
const WAIT_FOR_ALL = new Set(['all', 'allSettled']);
const MAX_CHAIN = 20;

export function isAwaitedWhereItStands(node: TSESTree.Node): boolean {
  let current = node;
  for (let step = 0; step < MAX_CHAIN; step++) {
    const { child, parent } = parentSkippingWrappers(current);
    if (!parent) return false;
    switch (parent.type) {
      case AST_NODE_TYPES.AwaitExpression:
      case AST_NODE_TYPES.ReturnStatement:
      case AST_NODE_TYPES.YieldExpression:
        return true;
      case AST_NODE_TYPES.ArrowFunctionExpression:
        return parent.body === child;
      case AST_NODE_TYPES.ArrayExpression: {
        // `await Promise.all([sleep(10), work()])`: waited for when the combinator is.
        const combinator = waitForAllCall(parent);
        if (!combinator) return false;
        current = combinator;
        break;
      }
      case AST_NODE_TYPES.CallExpression: {
        // `await Promise.all(items.map(send))`: the promises a `map` makes are waited for with the combinator.
        if (parent.arguments[0] !== child || !isWaitForAll(parent)) return false;
        current = parent;
        break;
      }
      case AST_NODE_TYPES.MemberExpression: {
        // `sleep(10).then(next)`: the chain is waited for when its last link is.
        if (parent.object !== child || !PROMISE_CONTINUATIONS.has(memberName(parent) ?? '')) return false;
        const { child: callee, parent: call } = parentSkippingWrappers(parent);
        if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== callee) return false;
        current = call;
        break;
      }
      default:
        return false;
    }
  }
  return false;
}

/** The `Promise.all([…])` / `Promise.allSettled([…])` call that `array` is the argument of. */
function waitForAllCall(array: TSESTree.ArrayExpression): TSESTree.CallExpression | undefined {
  const { child, parent: call } = parentSkippingWrappers(array);
  return call?.type === AST_NODE_TYPES.CallExpression && call.arguments[0] === child && isWaitForAll(call) ? call : undefined;
}

/** `Promise.all(…)` or `Promise.allSettled(…)`. */
function isWaitForAll(call: TSESTree.CallExpression): boolean {
  const callee = call.callee;
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    callee.object.name === 'Promise' &&
    WAIT_FOR_ALL.has(memberName(callee) ?? '')
  );
}

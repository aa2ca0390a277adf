/**
 * Redis clients that batch by themselves: Upstash's REST client sends every command started in the same tick as one
 * HTTP request (`enableAutoPipelining`, on by default since @upstash/redis 1.34). A fan-out over it
 * (`Promise.all(keys.map((k) => redis.get(k)))`) is one round trip, as Prisma's `findUnique` calls are one query;
 * commands awaited one after another are still one request each.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast/node-types';
import { getReceiverPackage, skipExpressionWrappers } from './library-origin';

const AUTO_PIPELINING_PACKAGES = new Set(['@upstash/redis']);

/** `call` is a command of a client whose package batches the commands of one tick (from the receiver's type, or its import). */
export function isAutoPipelinedCommand(call: TSESTree.CallExpression, context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): boolean {
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const receiver = getReceiverPackage(callee.object, context);
  return receiver !== undefined && AUTO_PIPELINING_PACKAGES.has(receiver.packageName);
}

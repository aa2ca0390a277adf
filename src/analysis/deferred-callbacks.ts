/**
 * Callbacks that a call keeps to run later, not while it runs: event listeners (`emitter.on('x', fn)`), queue and
 * topic consumers (`boss.work(queue, fn)`, `queue.process(fn)`, `channel.consume(q, fn)`, `new Worker(q, fn)`),
 * route handlers (`router.get('/x', fn)`), timers and cron jobs. A query inside one does not run when the function
 * holding the registration is called, so a summary of that function leaves it out (Maxun registers a pg-boss
 * worker per queue in a loop: no query runs per queue there).
 */
import type { TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import { AST_NODE_TYPES } from '../ast/node-types';
import { memberName } from '../ast/expressions';
import { typescript } from './typescript-module';

/** Methods that keep their callback argument: listeners, consumers, cron schedules. */
const REGISTERING_METHODS = new Set([
  'on',
  'once',
  'addListener',
  'prependListener',
  'prependOnceListener',
  'addEventListener',
  'subscribe',
  'work',
  'process',
  'consume',
  'nextTick',
]);
/** Methods that keep their callback only after a string: a cron expression (`cron.schedule('0 * * * *', fn)`), not Bottleneck's `limiter.schedule(fn)`, which runs it now. */
const SCHEDULING_METHODS = new Set(['schedule']);
/** Route methods keep their handler when the first argument is a path (`router.get('/users', fn)`, not `cache.get(key, fill)`). */
const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'all', 'use']);
/** Global timers. */
const TIMER_FUNCTIONS = new Set(['setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask']);
/** Constructors that keep a job's function (BullMQ's `Worker`, cron's `CronJob`). */
const REGISTERING_CONSTRUCTORS = new Set(['Worker', 'CronJob']);

function keepsCallback(callee: { member?: string; name?: string }, isNew: boolean, firstString: string | undefined): boolean {
  if (isNew) return callee.name !== undefined && REGISTERING_CONSTRUCTORS.has(callee.name);
  if (callee.member !== undefined) {
    if (REGISTERING_METHODS.has(callee.member)) return true;
    if (firstString === undefined) return false;
    return SCHEDULING_METHODS.has(callee.member) || (firstString.startsWith('/') && ROUTE_METHODS.has(callee.member));
  }
  return callee.name !== undefined && TIMER_FUNCTIONS.has(callee.name);
}

/**
 * A method call whose callback runs once the server listens: `server.listen(port, fn)`, `server.on('listening', fn)`.
 * It runs once per `listen`, at start-up.
 */
export function runsCallbackOnListening(method: string, firstString: string | undefined): boolean {
  return method === 'listen' || ((method === 'on' || method === 'once') && firstString === 'listening');
}

/** `fn` is an argument of a call (or `new`) that keeps it to run later. */
export function isDeferredCallback(fn: TSESTree.Node): boolean {
  const call = fn.parent;
  if ((call?.type !== AST_NODE_TYPES.CallExpression && call?.type !== AST_NODE_TYPES.NewExpression) || !call.arguments.includes(fn as TSESTree.CallExpressionArgument)) return false;
  const callee = call.callee;
  const first = call.arguments[0];
  const firstString = first?.type === AST_NODE_TYPES.Literal && typeof first.value === 'string' ? first.value : undefined;
  const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : undefined;
  const member = callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : undefined;
  return keepsCallback({ member, name }, call.type === AST_NODE_TYPES.NewExpression, firstString);
}

/** `isDeferredCallback` for a function of another file, on TypeScript's AST. */
export function isDeferredTsCallback(fn: ts.Node): boolean {
  const tsm = typescript();
  let inner: ts.Node = fn;
  let call = fn.parent;
  while (call && tsm.isParenthesizedExpression(call)) {
    inner = call;
    call = call.parent;
  }
  if (!call || !(tsm.isCallExpression(call) || tsm.isNewExpression(call)) || !call.arguments?.some((argument) => argument === inner)) return false;
  const callee = call.expression;
  const first = call.arguments?.[0];
  const firstString = first !== undefined && tsm.isStringLiteralLike(first) ? first.text : undefined;
  const name = tsm.isIdentifier(callee) ? callee.text : undefined;
  const member = tsm.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  return keepsCallback({ member, name }, tsm.isNewExpression(call), firstString);
}

/**
 * Which loops retry an outbound I/O call when it fails, how long they wait between attempts, and what
 * caps the attempts.
 *
 * A retry loop (`for`, `while` or `do…while`) repeats the same I/O call, with the same inputs, until it
 * succeeds: the success path leaves the loop and the failure path comes round again. Three shapes:
 * - `catch`: the call sits in a `try` whose block leaves the loop after it (`return await io()`, `…; break;`,
 *   a success flag the loop tests, `if (res.ok) return res`), or is followed by a `break`/`return` that the
 *   `catch` skips with `continue`; the `catch` comes round again (falls through, or `continue`s on some path);
 * - `promise-catch`: `const r = await io().catch(() => null); if (r) return r;`;
 * - `result-check`: `const res = await fetch(url); if (res.ok) return res;` (or `!res.ok` / a numeric
 *   `status` check that `continue`s, or the loop's own test: `do { … } while (!res.ok && …)`).
 *
 * Not retries: loops over collections (`for…of`, `for…in`, index walks and queues, as the per-element
 * analysis sees them), loops whose call changes from one iteration to the next (pagination, cursors, a token
 * refreshed in the `catch`), loops that go on after a success (consumers, schedulers, per-item error
 * isolation), polling that leaves on a business condition (`if (job.done) break`), and file-system calls.
 *
 * The I/O is what src/analysis/outbound-io.ts calls I/O (HTTP, database, Redis, queues, e-mail), plus
 * connections to those services (`mongoose.connect(uri)`, `pool.connect()`, `producer.connect()`: the
 * receiver's package decides, as in src/analysis/library-origin.ts), written in the loop or made by a
 * function of this file the loop calls (`await this.callApi()`, up to two calls deep).
 * Waits are that analysis's sleeps, and methods of the same class that only sleep (`await this.delay(ms)`);
 * each sleep's delay is worked out from the code as a fixed range of
 * milliseconds (literals, constants, `Math.random()` jitter, a sleep helper's parameter), as growing (it
 * depends on the attempt counter or on a variable the loop changes: `2 ** attempt * base`, `delay *= 2`,
 * `delays[attempt]`) or as unknown (a parameter, a config value). Anything else the loop waits for on its
 * failure path (`await backoff(attempt)` imported from elsewhere) is an unknown wait.
 *
 * Loop shapes, delays and caps are read from the AST and the scope manager; type information only plays
 * through the I/O analysis and the receiver's package. Answers are memoised per loop.
 */
import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast/node-types';
import { enclosingClassOfThis, getReceiverPackage, getTypeServices, memberName, resolveBinding, skipExpressionWrappers } from './library-origin';
import { getOutboundIo, type OutboundIoAnalyzer, type OutboundIoCall, type OutboundIoCategory } from './outbound-io';
import { getLoopCollectionScope } from './per-element';
import { FileCache } from './per-file';
import { isAstNode } from '../ast/children';
import { contains, isFunction, isLoop, type FunctionNode } from '../ast/code-shape';

export type RetryLoopStatement = TSESTree.ForStatement | TSESTree.WhileStatement | TSESTree.DoWhileStatement;

/** The I/O a retry loop can repeat: every outbound category but sleeps and local file calls. */
export type RetriedIoCategory = Exclude<OutboundIoCategory, 'sleep' | 'file'>;

/**
 * The I/O a retry repeats: an outbound-I/O answer, or a connection opened to one of those services
 * (`mongoose.connect(uri)`, `pool.connect()`, `redis.connect()`, `producer.connect()`, `prisma.$connect()`),
 * which the I/O analysis leaves out but which is what startup and reconnect loops retry most.
 */
export type RetriedIo = OutboundIoCall & { category: RetriedIoCategory; connection?: boolean };

/** How a failed attempt reaches the next one. */
export type RetryFailure = 'catch' | 'promise-catch' | 'result-check';

/** A delay in milliseconds as the code fixes it. */
export type RetryDelay =
  /** Always between `minMs` and `maxMs` (equal without jitter). */
  | { kind: 'constant'; minMs: number; maxMs: number }
  /** Changes with the attempts: depends on the counter or on a variable the loop updates. */
  | { kind: 'growing' }
  /** Not known from the code: a parameter, a config value, a call. */
  | { kind: 'unknown' };

export type RetryWait =
  /** Nothing is waited for between attempts. */
  | { kind: 'none' }
  /** The sleeps of the loop add up to this fixed range. */
  | { kind: 'constant'; minMs: number; maxMs: number; sleeps: TSESTree.Node[] }
  | { kind: 'growing'; sleep: TSESTree.Node }
  /** A sleep whose delay is unknown, or something awaited that may be a wait (`await backoff(attempt)`). */
  | { kind: 'unknown'; node: TSESTree.Node };

export interface RetryCap {
  /** `counter`: an attempt counter bounds the loop; `deadline`: the clock does; `signal`: an AbortSignal does. */
  kind: 'counter' | 'deadline' | 'signal';
  /** The loop test or `if` test that gives up. */
  node: TSESTree.Node;
}

export interface RetryLoop {
  loop: RetryLoopStatement;
  /** The call written in the loop that each attempt repeats: the I/O call itself, or a call of a function of this file that makes it. */
  call: TSESTree.CallExpression;
  /** The I/O repeated: `call` itself, or the I/O call inside the function `call` reaches. */
  io: RetriedIo;
  failure: RetryFailure;
  wait: RetryWait;
  /** What gives up after enough attempts; undefined when nothing does (`while (true)` without a counter). */
  cap: RetryCap | undefined;
}

export interface RetryLoopAnalyzer {
  /** The retry `node` makes, when it is a loop that retries I/O. */
  retryLoop(node: TSESTree.Node): RetryLoop | undefined;
  /** The delay of a sleep the I/O analysis found (`await sleep(ms)`, `new Promise((r) => setTimeout(r, ms))`), seen from `loop`. */
  sleepDelay(sleep: OutboundIoCall, loop: RetryLoopStatement): RetryDelay;
}

/** One analyzer per linted file (cached on the SourceCode object). */
export function getRetryLoops(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): RetryLoopAnalyzer {
  return analyzers.get(context.sourceCode, () => new Analyzer(context));
}

const analyzers = new FileCache<Analyzer>();

type Variable = TSESLint.Scope.Variable;

/** How many calls deep a function of this file is searched for the I/O it makes. */
const MAX_HELPER_DEPTH = 2;
/** How deep a delay expression is followed through variables and helpers. */
const MAX_DELAY_DEPTH = 8;

const CONSTANT_ZERO: RetryDelay = { kind: 'constant', minMs: 0, maxMs: 0 };
const UNKNOWN: RetryDelay = { kind: 'unknown' };
const GROWING: RetryDelay = { kind: 'growing' };

/** Calls that open a connection, by the package the receiver comes from. */
const CONNECTIONS: Readonly<Record<string, { category: RetriedIoCategory; methods: readonly string[] }>> = {
  mongoose: { category: 'database', methods: ['connect', 'openUri', 'asPromise'] },
  mongodb: { category: 'database', methods: ['connect'] },
  pg: { category: 'database', methods: ['connect'] },
  mysql2: { category: 'database', methods: ['createConnection', 'getConnection', 'connect'] },
  '@prisma/client': { category: 'database', methods: ['$connect'] },
  typeorm: { category: 'database', methods: ['initialize', 'connect'] },
  sequelize: { category: 'database', methods: ['authenticate'] },
  ioredis: { category: 'cache', methods: ['connect'] },
  redis: { category: 'cache', methods: ['connect'] },
  kafkajs: { category: 'queue', methods: ['connect'] },
  amqplib: { category: 'queue', methods: ['connect'] },
  'amqp-connection-manager': { category: 'queue', methods: ['connect'] },
  bullmq: { category: 'queue', methods: ['waitUntilReady'] },
  nodemailer: { category: 'email', methods: ['verify'] },
};
const CONNECT_METHODS = new Set(Object.values(CONNECTIONS).flatMap((entry) => entry.methods));

const COMPARISONS = new Set(['<', '<=', '>', '>=', '==', '!=', '===', '!==']);
const STATUS_PROPERTIES = new Set(['status', 'statusCode']);
const ROUNDING = new Set(['floor', 'ceil', 'round', 'trunc', 'abs']);

/** What a retried call's result is bound to, for checks like `res.ok` or `if (r) return r`. */
interface ResultBinding {
  /** Names holding the whole result (`res` in `const res = await fetch(url)`). */
  whole: Set<string>;
  /** Names holding one of its properties (`status` in `const { status } = await axios.get(url)`): name → property. */
  properties: Map<string, string>;
  /** The call was chained with `.catch(…)`, so a failure leaves the result empty. */
  caught: boolean;
}

interface RetryShape {
  call: TSESTree.CallExpression;
  io: RetriedIo;
  failure: RetryFailure;
  /** Code on the success path, whose awaits are no waits between attempts. */
  successRegions: TSESTree.Node[];
  result: ResultBinding;
}

class Analyzer implements RetryLoopAnalyzer {
  private readonly sourceCode: Readonly<TSESLint.SourceCode>;
  private readonly io: OutboundIoAnalyzer;
  private readonly loops = new WeakMap<TSESTree.Node, RetryLoop | null>();
  private readonly helperIo = new WeakMap<FunctionNode, RetriedIo | null>();
  private readonly loopFacts = new WeakMap<TSESTree.Node, LoopFacts>();

  constructor(private readonly context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>) {
    this.sourceCode = context.sourceCode;
    this.io = getOutboundIo(context);
  }

  retryLoop(node: TSESTree.Node): RetryLoop | undefined {
    if (node.type !== AST_NODE_TYPES.ForStatement && node.type !== AST_NODE_TYPES.WhileStatement && node.type !== AST_NODE_TYPES.DoWhileStatement) return undefined;
    const known = this.loops.get(node);
    if (known !== undefined) return known ?? undefined;
    let result: RetryLoop | undefined;
    try {
      result = this.analyse(node);
    } catch {
      // An analysis bug must never take the lint run down with it.
      result = undefined;
    }
    this.loops.set(node, result ?? null);
    return result;
  }

  private analyse(loop: RetryLoopStatement): RetryLoop | undefined {
    if (isConstantFalse(loop.test)) return undefined;
    // A loop over a collection (an index walk, a queue) handles a different element each time.
    if (getLoopCollectionScope(loop, { services: getTypeServices(this.context)?.services })) return undefined;
    const shape = this.catchShape(loop) ?? this.resultShape(loop);
    if (!shape || this.variesPerIteration(shape.call, loop)) return undefined;
    return { loop, call: shape.call, io: shape.io, failure: shape.failure, wait: this.waitOf(loop, shape), cap: this.capOf(loop) };
  }

  // -------------------------------------------------------------------------------------------------------
  // The retry's shape.

  /** `try { …io…; return/break } catch { … }` where the catch comes round again. */
  private catchShape(loop: RetryLoopStatement): RetryShape | undefined {
    const tries: TSESTree.TryStatement[] = [];
    this.walk([loop.body], (node) => {
      if (node.type === AST_NODE_TYPES.TryStatement) tries.push(node);
      return true;
    });
    for (const attempt of tries) {
      if (!attempt.handler || insideSwitch(attempt, loop)) continue;
      if (attempt.finalizer && alwaysExits(attempt.finalizer.body, loop, false)) continue;
      const found = this.firstIo([attempt.block]);
      if (!found) continue;
      const handler = attempt.handler.body;
      const continues = this.containsContinue(handler, loop);
      if (!continues && alwaysExits(handler.body, loop, false)) continue;
      const result = resultBinding(found.call);
      const succeeds =
        exitsAfter(attempt.block.body, found.call, loop, result) ||
        this.setsLoopTestFlag(attempt.block.body, found.call, loop, result) ||
        (continues && exitFollows(attempt, loop)) ||
        testChecksResult(loop, result);
      if (succeeds) return { ...found, failure: 'catch', successRegions: [attempt.block], result };
    }
    return undefined;
  }

  /** `const res = await io(); if (res.ok) return res;` and its variants, with or without `.catch(…)`. */
  private resultShape(loop: RetryLoopStatement): RetryShape | undefined {
    const statements = loop.body.type === AST_NODE_TYPES.BlockStatement ? loop.body.body : [loop.body];
    for (let index = 0; index < statements.length; index++) {
      const assigned = awaitedAssignment(statements[index]);
      if (!assigned) continue;
      const found = this.retriedIo(assigned.call);
      if (!found) continue;
      const result = resultBinding(assigned.call);
      if (result.whole.size === 0 && result.properties.size === 0) continue;
      const failure: RetryFailure = result.caught ? 'promise-catch' : 'result-check';
      const shape = (successRegions: TSESTree.Node[]): RetryShape => ({ call: assigned.call, io: found, failure, successRegions: [statements[index], ...successRegions], result });
      const rest = statements.slice(index + 1);
      for (let at = 0; at < rest.length; at++) {
        const statement = rest[at];
        if (alwaysExits([statement], loop, false)) break; // the loop never comes round past here
        if (statement.type !== AST_NODE_TYPES.IfStatement || !isResultCheck(statement.test, result)) continue;
        const after = rest.slice(at + 1);
        // `if (res.ok) return res;` and the failure falls through to the next attempt.
        if (alwaysExits([statement.consequent], loop, true) && !alwaysExits(after, loop, false) && !(statement.alternate && alwaysExits([statement.alternate], loop, false))) {
          return shape([statement.consequent]);
        }
        // `if (!res.ok) { …; continue; } return res;`
        if (this.containsContinue(statement.consequent, loop) && alwaysExits(after, loop, true)) return shape(after);
      }
      if (testChecksResult(loop, result) && !alwaysExits(rest, loop, false)) return shape([]);
    }
    return undefined;
  }

  /** The first I/O call in `roots`, in source order, direct or through a function of this file. */
  private firstIo(roots: TSESTree.Node[]): { call: TSESTree.CallExpression; io: RetriedIo } | undefined {
    let found: { call: TSESTree.CallExpression; io: RetriedIo } | undefined;
    this.walk(roots, (node) => {
      if (found) return false;
      if (node.type === AST_NODE_TYPES.CallExpression) {
        const io = this.retriedIo(node);
        if (io) {
          found = { call: node, io };
          return false;
        }
      }
      return true;
    });
    return found;
  }

  /** The I/O `call` makes, itself or through a function of this file. */
  private retriedIo(call: TSESTree.CallExpression, depth = 0): RetriedIo | undefined {
    const direct = this.io.classify(call);
    if (direct) return isRetriedIo(direct) ? direct : undefined;
    const connection = this.connection(call);
    if (connection) return connection;
    if (depth >= MAX_HELPER_DEPTH) return undefined;
    const fn = this.calledFunction(call);
    if (!fn) return undefined;
    const known = this.helperIo.get(fn);
    if (known !== undefined) return known ?? undefined;
    this.helperIo.set(fn, null); // recursion: no answer
    let found: RetriedIo | undefined;
    this.walk([fn.body], (node) => {
      if (found) return false;
      if (node.type === AST_NODE_TYPES.CallExpression) found = this.retriedIo(node, depth + 1);
      return !found;
    }, true);
    this.helperIo.set(fn, found ?? null);
    return found;
  }

  /** `mongoose.connect(uri)`, `pool.connect()`, `producer.connect()`, …: the receiver comes from the package. */
  private connection(call: TSESTree.CallExpression): RetriedIo | undefined {
    const callee = skipExpressionWrappers(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const method = memberName(callee);
    if (method === undefined || !CONNECT_METHODS.has(method)) return undefined;
    const receiver = getReceiverPackage(callee.object, this.context);
    if (!receiver || !Object.hasOwn(CONNECTIONS, receiver.packageName)) return undefined;
    const { category, methods } = CONNECTIONS[receiver.packageName];
    if (!methods.includes(method)) return undefined;
    return { category, client: receiver.packageName, node: call, method, evidence: receiver.evidence, access: 'unknown', connection: true };
  }

  /** The function of this file a call runs: a declaration, a function in a variable, or a method of the same class through `this`. */
  private calledFunction(call: TSESTree.CallExpression): FunctionNode | undefined {
    const callee = skipExpressionWrappers(call.callee);
    if (callee.type === AST_NODE_TYPES.Identifier) return this.functionOf(callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.ThisExpression) return undefined;
    const name = memberName(callee);
    const owner = enclosingClassOfThis(call);
    if (name === undefined || !owner) return undefined;
    for (const element of owner.classNode.body.body) {
      if ((element.type !== AST_NODE_TYPES.MethodDefinition && element.type !== AST_NODE_TYPES.PropertyDefinition) || element.static !== owner.isStatic) continue;
      if (element.computed || element.key.type !== AST_NODE_TYPES.Identifier || element.key.name !== name) continue;
      const value = element.value && skipExpressionWrappers(element.value);
      if (value && (value.type === AST_NODE_TYPES.FunctionExpression || value.type === AST_NODE_TYPES.ArrowFunctionExpression)) return value;
    }
    return undefined;
  }

  private functionOf(identifier: TSESTree.Identifier): FunctionNode | undefined {
    const binding = resolveBinding(identifier, this.sourceCode.getScope(identifier));
    if (binding.kind === 'function' && binding.node.type === AST_NODE_TYPES.FunctionDeclaration) return binding.node;
    if (binding.kind !== 'value' || binding.path.length > 0) return undefined;
    const value = skipExpressionWrappers(binding.expression);
    if (value.type !== AST_NODE_TYPES.ArrowFunctionExpression && value.type !== AST_NODE_TYPES.FunctionExpression) return undefined;
    const variable = this.variableOf(identifier);
    return variable && variable.references.filter((reference) => reference.isWrite()).length <= 1 ? value : undefined;
  }

  /**
   * `ok = true` (or `result = await io()`) in the try block, at or after the call, on a variable the loop's test reads;
   * or set when the result says so: `if (response.ok) success = true` (Karakeep's webhook delivery).
   */
  private setsLoopTestFlag(statements: TSESTree.Statement[], call: TSESTree.Node, loop: RetryLoopStatement, result: ResultBinding): boolean {
    if (!loop.test || isConstantTrue(loop.test)) return false;
    const tested = this.variablesIn(loop.test);
    const setsFlag = (statement: TSESTree.Statement): boolean => {
      if (statement.type === AST_NODE_TYPES.BlockStatement) return statement.body.some(setsFlag);
      if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return false;
      const expression = statement.expression;
      if (expression.type !== AST_NODE_TYPES.AssignmentExpression || expression.left.type !== AST_NODE_TYPES.Identifier) return false;
      const variable = this.variableOf(expression.left);
      return variable !== undefined && tested.has(variable);
    };
    return statements.some((statement) => {
      if (statement.range[1] < call.range[1]) return false;
      // Not `if (!res.ok) failed = true`: a flag set on failure ends the loop on failure.
      if (statement.type === AST_NODE_TYPES.IfStatement) {
        const negated = statement.test.type === AST_NODE_TYPES.UnaryExpression && statement.test.operator === '!';
        return !negated && isResultCheck(statement.test, result) && setsFlag(statement.consequent);
      }
      return statement.type === AST_NODE_TYPES.ExpressionStatement && setsFlag(statement);
    });
  }

  private containsContinue(root: TSESTree.Node, loop: RetryLoopStatement): boolean {
    let found = false;
    this.walk([root], (node) => {
      if (found) return false;
      if (node.type === AST_NODE_TYPES.ContinueStatement && continueTargets(node, loop) === 'this') found = true;
      return !found;
    }, true);
    return found;
  }

  // -------------------------------------------------------------------------------------------------------
  // Same inputs: a loop that changes what it asks for (a cursor, a page, a refreshed token) is no retry.

  /**
   * Whether anything `call` uses is assigned in the loop, or declared in it from something that changes, or
   * is made fresh for each attempt (`nanoid()`, `randomUUID()`: a new key after a unique-constraint clash).
   */
  private variesPerIteration(call: TSESTree.CallExpression, loop: RetryLoopStatement): boolean {
    const facts = this.facts(loop);
    let varies = false;
    this.walk(call.arguments, (node) => {
      if (!varies && node.type === AST_NODE_TYPES.CallExpression && isFreshValue(node)) varies = true;
      return !varies;
    });
    if (varies) return true;
    this.visitIdentifiers(call, (identifier) => {
      const variable = this.variableOf(identifier);
      if (variable && !contains(call, variable.defs[0]?.name ?? identifier) && this.variableVaries(variable, loop, facts, 0)) varies = true;
      return !varies;
    });
    return varies;
  }

  private variableVaries(variable: Variable, loop: RetryLoopStatement, facts: LoopFacts, depth: number): boolean {
    if (facts.written.has(variable)) return true;
    const def = variable.defs[0];
    if (!def || !inIteration(def.name, loop)) return false;
    // Declared in the body: recomputed each time, from what?
    if (def.type !== 'Variable' || depth > 3) return true;
    const declarator = def.node as TSESTree.VariableDeclarator;
    if (declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) return true;
    let varies = false;
    // Awaited or called: a new value each time, as far as the code shows (`randomCode()`, `await getToken()`).
    this.walk([declarator.init], (node) => {
      if (varies) return false;
      if (node.type === AST_NODE_TYPES.AwaitExpression || node.type === AST_NODE_TYPES.YieldExpression || node.type === AST_NODE_TYPES.NewExpression) varies = true;
      else if (node.type === AST_NODE_TYPES.CallExpression && !isPureCall(node)) varies = true;
      return !varies;
    });
    if (varies) return true;
    this.visitIdentifiers(declarator.init, (identifier) => {
      const inner = this.variableOf(identifier);
      if (inner && inner !== variable && this.variableVaries(inner, loop, facts, depth + 1)) varies = true;
      return !varies;
    });
    return varies;
  }

  // -------------------------------------------------------------------------------------------------------
  // Waits between attempts.

  private waitOf(loop: RetryLoopStatement, shape: RetryShape): RetryWait {
    const sleeps: { node: TSESTree.Node; delay: RetryDelay }[] = [];
    let unknownAwait: TSESTree.Node | undefined;
    this.walk(loopParts(loop), (node) => {
      if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) {
        const found = this.io.classify(node);
        if (found?.category === 'sleep') sleeps.push({ node, delay: this.sleepDelay(found, loop) });
        else if (!found && node.type === AST_NODE_TYPES.CallExpression) {
          const method = this.sleepMethod(node);
          if (method) sleeps.push({ node, delay: this.guarded(() => this.helperSleepDelay(node, method, this.delayContext(loop))) });
        }
      } else if (node.type === AST_NODE_TYPES.AwaitExpression && !unknownAwait && !shape.successRegions.some((region) => contains(region, node)) && this.mayBeWait(node, shape)) {
        unknownAwait = node;
      }
      return true;
    });
    const growing = sleeps.find((sleep) => sleep.delay.kind === 'growing');
    if (growing) return { kind: 'growing', sleep: growing.node };
    const unknown = sleeps.find((sleep) => sleep.delay.kind === 'unknown');
    if (unknown) return { kind: 'unknown', node: unknown.node };
    if (sleeps.length > 0) {
      let minMs = 0;
      let maxMs = 0;
      for (const { delay } of sleeps) {
        if (delay.kind !== 'constant') continue;
        minMs += delay.minMs;
        maxMs += delay.maxMs;
      }
      return { kind: 'constant', minMs, maxMs, sleeps: sleeps.map((sleep) => sleep.node) };
    }
    return unknownAwait ? { kind: 'unknown', node: unknownAwait } : { kind: 'none' };
  }

  /** An await on the failure path that is neither I/O, nor a sleep, nor reading the retried call's response (`await res.json()`). */
  private mayBeWait(node: TSESTree.AwaitExpression, shape: RetryShape): boolean {
    const argument = skipExpressionWrappers(node.argument);
    if (argument.type === AST_NODE_TYPES.CallExpression) {
      const callee = skipExpressionWrappers(argument.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression) {
        const object = skipExpressionWrappers(callee.object);
        if (object.type === AST_NODE_TYPES.Identifier && shape.result.whole.has(object.name)) return false;
      }
    }
    let known = false;
    this.walk([argument], (inner) => {
      if (known) return false;
      if ((inner.type === AST_NODE_TYPES.CallExpression || inner.type === AST_NODE_TYPES.NewExpression) && this.io.classify(inner)) known = true;
      else if (inner.type === AST_NODE_TYPES.CallExpression && this.sleepMethod(inner)) known = true;
      return !known;
    });
    return !known;
  }

  sleepDelay(sleep: OutboundIoCall, loop: RetryLoopStatement): RetryDelay {
    return this.guarded(() => this.sleepDelayIn(sleep, this.delayContext(loop)));
  }

  private delayContext(loop: RetryLoopStatement): DelayContext {
    return { loop, facts: this.facts(loop), parameters: new Map(), depth: 0 };
  }

  private guarded(compute: () => RetryDelay): RetryDelay {
    try {
      return compute();
    } catch {
      return UNKNOWN;
    }
  }

  /**
   * `this.sleep(ms)`, `this.delay(ms)`: a method of the same class whose whole body waits on a sleep (the I/O
   * analysis knows functions of the file called by name, not methods).
   */
  private sleepMethod(call: TSESTree.CallExpression): FunctionNode | undefined {
    const callee = skipExpressionWrappers(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.ThisExpression) return undefined;
    const fn = this.calledFunction(call);
    if (!fn) return undefined;
    const statements: TSESTree.Node[] = fn.body.type === AST_NODE_TYPES.BlockStatement ? fn.body.body : [fn.body];
    if (statements.length === 0) return undefined;
    for (const statement of statements) {
      let value: TSESTree.Node | null | undefined = statement;
      if (statement.type === AST_NODE_TYPES.ReturnStatement) value = statement.argument;
      else if (statement.type === AST_NODE_TYPES.ExpressionStatement) value = statement.expression;
      if (value && value.type === AST_NODE_TYPES.AwaitExpression) value = value.argument;
      value = value && skipExpressionWrappers(value);
      if (!value || (value.type !== AST_NODE_TYPES.CallExpression && value.type !== AST_NODE_TYPES.NewExpression) || this.io.classify(value)?.category !== 'sleep') return undefined;
    }
    return fn;
  }

  private sleepDelayIn(sleep: OutboundIoCall, context: DelayContext): RetryDelay {
    const node = sleep.node;
    if (context.depth > MAX_DELAY_DEPTH) return UNKNOWN;
    if (node.type === AST_NODE_TYPES.NewExpression) {
      // `new Promise((resolve) => setTimeout(resolve, ms))`: the timer's second argument.
      let timer: TSESTree.CallExpression | undefined;
      this.walk(node.arguments.slice(0, 1), (inner) => {
        if (timer) return false;
        if (inner.type === AST_NODE_TYPES.CallExpression && isSetTimeoutCallee(inner.callee)) timer = inner;
        return !timer;
      }, true);
      if (!timer) return UNKNOWN;
      return timer.arguments[1] ? this.delayOf(timer.arguments[1], context) : CONSTANT_ZERO;
    }
    if (sleep.evidence === 'local') {
      const callee = skipExpressionWrappers(node.callee);
      const fn = callee.type === AST_NODE_TYPES.Identifier ? this.functionOf(callee) : undefined;
      return fn ? this.helperSleepDelay(node, fn, context) : UNKNOWN;
    }
    if (sleep.client === 'delay' && sleep.method === 'rangeDelay') {
      const [min, max] = node.arguments;
      return min && max ? union(this.delayOf(min, context), this.delayOf(max, context)) : UNKNOWN;
    }
    const first = node.arguments[0];
    return first ? this.delayOf(first, context) : CONSTANT_ZERO;
  }

  /** `sleep(ms)` with `sleep` a function of this file that waits: its own sleep's delay, its parameters bound to the arguments. */
  private helperSleepDelay(call: TSESTree.CallExpression, fn: FunctionNode, context: DelayContext): RetryDelay {
    const parameters = new Map<Variable, RetryDelay>();
    const declared = this.sourceCode.getDeclaredVariables(fn);
    fn.params.forEach((param, index) => {
      const target = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
      if (target.type !== AST_NODE_TYPES.Identifier) return;
      const variable = declared.find((candidate) => candidate.name === target.name);
      if (!variable) return;
      const argument = call.arguments[index];
      let value: RetryDelay = UNKNOWN;
      if (argument && argument.type !== AST_NODE_TYPES.SpreadElement) value = this.delayOf(argument, context);
      else if (!argument && param.type === AST_NODE_TYPES.AssignmentPattern) value = this.delayOf(param.right, context);
      parameters.set(variable, value);
    });
    const inner: DelayContext = { ...context, parameters, depth: context.depth + 1 };
    let found: OutboundIoCall | undefined;
    this.walk([fn.body], (node) => {
      if (found) return false;
      if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) {
        const io = this.io.classify(node);
        if (io?.category === 'sleep') found = io;
      }
      return !found;
    }, true);
    return found ? this.sleepDelayIn(found, inner) : UNKNOWN;
  }

  /** What a delay expression is worth, in milliseconds. */
  private delayOf(expression: TSESTree.Node, context: DelayContext): RetryDelay {
    if (context.depth > MAX_DELAY_DEPTH) return UNKNOWN;
    const next: DelayContext = { ...context, depth: context.depth + 1 };
    const node = skipExpressionWrappers(expression);
    switch (node.type) {
      case AST_NODE_TYPES.Literal:
        return typeof node.value === 'number' ? { kind: 'constant', minMs: node.value, maxMs: node.value } : UNKNOWN;
      case AST_NODE_TYPES.Identifier:
        return this.identifierDelay(node, next);
      case AST_NODE_TYPES.MemberExpression:
        return this.memberDelay(node, next);
      case AST_NODE_TYPES.UnaryExpression: {
        const value = this.delayOf(node.argument, next);
        if (node.operator === '+') return value;
        if (node.operator === '-' && value.kind === 'constant') return { kind: 'constant', minMs: -value.maxMs, maxMs: -value.minMs };
        return value.kind === 'growing' ? GROWING : UNKNOWN;
      }
      case AST_NODE_TYPES.BinaryExpression: {
        if (node.left.type === AST_NODE_TYPES.PrivateIdentifier) return UNKNOWN;
        return arithmetic(node.operator, this.delayOf(node.left, next), this.delayOf(node.right, next));
      }
      case AST_NODE_TYPES.ConditionalExpression: {
        if (this.dependsOnAttempts(node.test, context)) return GROWING;
        return union(this.delayOf(node.consequent, next), this.delayOf(node.alternate, next));
      }
      case AST_NODE_TYPES.LogicalExpression:
        return union(this.delayOf(node.left, next), this.delayOf(node.right, next));
      case AST_NODE_TYPES.CallExpression:
        return this.callDelay(node, next);
      default:
        return UNKNOWN;
    }
  }

  private identifierDelay(identifier: TSESTree.Identifier, context: DelayContext): RetryDelay {
    const variable = this.variableOf(identifier);
    if (!variable) return UNKNOWN;
    const bound = context.parameters.get(variable);
    if (bound) return bound;
    if (context.facts.written.has(variable)) return GROWING;
    const def = variable.defs[0];
    if (!def || def.type !== 'Variable') return UNKNOWN;
    const declarator = def.node as TSESTree.VariableDeclarator;
    if (declarator.id !== def.name || !declarator.init) return UNKNOWN;
    if (variable.references.filter((reference) => reference.isWrite()).length > 1) return UNKNOWN;
    return this.delayOf(declarator.init, context);
  }

  /** `delays[attempt]` grows; `RETRY.delayMs` on a constant object literal is its property's value. */
  private memberDelay(member: TSESTree.MemberExpression, context: DelayContext): RetryDelay {
    if (member.computed && this.dependsOnAttempts(member.property, context)) return GROWING;
    const name = memberName(member);
    const object = skipExpressionWrappers(member.object);
    if (name === undefined || object.type !== AST_NODE_TYPES.Identifier) return UNKNOWN;
    const variable = this.variableOf(object);
    const def = variable?.defs[0];
    if (!variable || def?.type !== 'Variable' || (def.parent as TSESTree.VariableDeclaration | undefined)?.kind !== 'const') return UNKNOWN;
    const init = (def.node as TSESTree.VariableDeclarator).init;
    const value = init && skipExpressionWrappers(init);
    if (value?.type !== AST_NODE_TYPES.ObjectExpression) return UNKNOWN;
    for (const property of value.properties) {
      if (property.type === AST_NODE_TYPES.Property && !property.computed && property.key.type === AST_NODE_TYPES.Identifier && property.key.name === name) {
        return this.delayOf(property.value, context);
      }
    }
    return UNKNOWN;
  }

  private callDelay(call: TSESTree.CallExpression, context: DelayContext): RetryDelay {
    const callee = skipExpressionWrappers(call.callee);
    const math = callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'Math' && !this.variableOf(callee.object)?.defs.length;
    const method = math ? memberName(callee as TSESTree.MemberExpression) : undefined;
    const args = call.arguments.map((argument) => (argument.type === AST_NODE_TYPES.SpreadElement ? UNKNOWN : this.delayOf(argument, context)));
    if (method === 'random') return { kind: 'constant', minMs: 0, maxMs: 1 };
    if (method !== undefined && ROUNDING.has(method) && args.length === 1) return args[0];
    if (method === 'pow' && args.length === 2) return arithmetic('**', args[0], args[1]);
    if ((method === 'min' || method === 'max') && args.length > 0) {
      if (args.some((arg) => arg.kind === 'growing')) return GROWING;
      if (args.some((arg) => arg.kind !== 'constant')) return UNKNOWN;
      const ranges = args as { kind: 'constant'; minMs: number; maxMs: number }[];
      const pick = method === 'min' ? Math.min : Math.max;
      return { kind: 'constant', minMs: pick(...ranges.map((range) => range.minMs)), maxMs: pick(...ranges.map((range) => range.maxMs)) };
    }
    // `backoff(attempt)`, `exponentialDelay(attempt)`, `policy.next(attempt)`: a delay computed from the attempt.
    if (args.some((arg) => arg.kind === 'growing')) return GROWING;
    const receiver = callee.type === AST_NODE_TYPES.MemberExpression ? callee.object : undefined;
    if (receiver && this.dependsOnAttempts(receiver, context)) return GROWING;
    return UNKNOWN;
  }

  /** The expression reads the attempt counter or anything else the loop changes. */
  private dependsOnAttempts(expression: TSESTree.Node, context: DelayContext): boolean {
    let depends = false;
    this.visitIdentifiers(expression, (identifier) => {
      const variable = this.variableOf(identifier);
      if (variable && (context.facts.written.has(variable) || context.parameters.get(variable)?.kind === 'growing')) depends = true;
      return !depends;
    });
    return depends;
  }

  // -------------------------------------------------------------------------------------------------------
  // Caps.

  /** What gives up: the loop's test, or an `if` that leaves the loop, reading a counter, the clock or an abort signal. */
  private capOf(loop: RetryLoopStatement): RetryCap | undefined {
    const facts = this.facts(loop);
    if (loop.test && !isConstantTrue(loop.test)) {
      const kind = this.capKind(loop.test, loop, facts, true);
      if (kind) return { kind, node: loop.test };
    }
    const tested = loop.test ? this.variablesIn(loop.test) : new Set<Variable>();
    let cap: RetryCap | undefined;
    this.walk([loop.body], (node) => {
      if (cap) return false;
      if (node.type === AST_NODE_TYPES.IfStatement) {
        const kind = this.capKind(node.test, loop, facts, false);
        if (kind && (alwaysExits([node.consequent], loop, false) || this.assignsAny(node.consequent, tested) || onlyRetryGuardedBy(node, loop))) cap = { kind, node: node.test };
      } else if (node.type === AST_NODE_TYPES.CallExpression && calledName(node) === 'throwIfAborted') {
        cap = { kind: 'signal', node };
      }
      return !cap;
    });
    return cap;
  }

  private capKind(test: TSESTree.Node, loop: RetryLoopStatement, facts: LoopFacts, followFlags: boolean): RetryCap['kind'] | undefined {
    let kind: RetryCap['kind'] | undefined;
    this.walk([test], (node) => {
      if (kind) return false;
      if (node.type === AST_NODE_TYPES.Identifier) {
        const variable = this.variableOf(node);
        if (variable && facts.counters.has(variable)) kind = 'counter';
        // `while (shouldRetry)` with `shouldRetry = attempt < max` in the body.
        else if (variable && followFlags) {
          for (const value of facts.assignedValues.get(variable) ?? []) {
            kind ??= this.capKind(value, loop, facts, false);
          }
        }
      } else if (isClockRead(node)) {
        kind = 'deadline';
      } else if (node.type === AST_NODE_TYPES.MemberExpression && memberName(node) === 'aborted') {
        kind = 'signal';
      }
      return !kind;
    }, false, true);
    return kind;
  }

  private assignsAny(root: TSESTree.Node, variables: Set<Variable>): boolean {
    if (variables.size === 0) return false;
    let assigns = false;
    this.walk([root], (node) => {
      if (assigns) return false;
      if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.Identifier) {
        const variable = this.variableOf(node.left);
        if (variable && variables.has(variable)) assigns = true;
      }
      return !assigns;
    });
    return assigns;
  }

  // -------------------------------------------------------------------------------------------------------
  // What the loop changes.

  private facts(loop: RetryLoopStatement): LoopFacts {
    let facts = this.loopFacts.get(loop);
    if (facts) return facts;
    facts = { written: new Set(), counters: new Set(), assignedValues: new Map() };
    const found = facts;
    this.walk(loopParts(loop), (node) => {
      if (node.type === AST_NODE_TYPES.UpdateExpression && node.argument.type === AST_NODE_TYPES.Identifier) {
        const variable = this.variableOf(node.argument);
        if (variable) {
          found.written.add(variable);
          found.counters.add(variable);
        }
      } else if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.Identifier) {
        const variable = this.variableOf(node.left);
        if (variable) {
          found.written.add(variable);
          if (node.operator === '+=' || node.operator === '-=' || (node.operator === '=' && isStepOf(node.right, node.left.name))) found.counters.add(variable);
          const values = found.assignedValues.get(variable) ?? [];
          values.push(node.right);
          found.assignedValues.set(variable, values);
        }
      } else if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type !== AST_NODE_TYPES.MemberExpression) {
        // A destructuring assignment writes every name in its pattern.
        this.visitIdentifiers(node.left, (identifier) => {
          const variable = this.variableOf(identifier);
          if (variable) found.written.add(variable);
          return true;
        });
      }
      return true;
    });
    this.loopFacts.set(loop, facts);
    return facts;
  }

  // -------------------------------------------------------------------------------------------------------
  // Walking.

  private variableOf(identifier: TSESTree.Identifier): Variable | undefined {
    return (findVariable(this.sourceCode.getScope(identifier) as never, identifier as never) as Variable | null) ?? undefined;
  }

  private variablesIn(root: TSESTree.Node): Set<Variable> {
    const variables = new Set<Variable>();
    this.visitIdentifiers(root, (identifier) => {
      const variable = this.variableOf(identifier);
      if (variable) variables.add(variable);
      return true;
    });
    return variables;
  }

  /** Identifiers read or written as variables in `root` (not property names, labels or types), functions included. */
  private visitIdentifiers(root: TSESTree.Node, visit: (identifier: TSESTree.Identifier) => boolean): void {
    let going = true;
    this.walk([root], (node) => {
      if (!going) return false;
      if (node.type === AST_NODE_TYPES.Identifier) {
        going = visit(node);
        return false;
      }
      return true;
    }, true, true);
  }

  /**
   * Visits `roots` and their descendants in source order; `visit` returns false to skip a node's children.
   * Functions and classes are not entered unless `intoFunctions`, nested loops unless `intoLoops`; property
   * names, labels and type annotations are never visited.
   */
  private walk(roots: TSESTree.Node[], visit: (node: TSESTree.Node) => boolean, intoLoops = false, intoFunctions = false): void {
    const keys = this.sourceCode.visitorKeys;
    const stack: TSESTree.Node[] = [...roots].reverse();
    const isRoot = new Set(roots);
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (!isRoot.has(node)) {
        if (!intoFunctions && (isFunction(node) || node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression)) continue;
        if (!intoLoops && isLoop(node)) continue;
      }
      if (!visit(node)) continue;
      const children: TSESTree.Node[] = [];
      for (const key of keys[node.type] ?? []) {
        if (skippedChild(node, key)) continue;
        const value = (node as unknown as Record<string, unknown>)[key];
        if (Array.isArray(value)) {
          for (const item of value) if (isAstNode(item)) children.push(item);
        } else if (isAstNode(value)) {
          children.push(value);
        }
      }
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    }
  }
}

interface LoopFacts {
  /** Variables assigned or updated in the loop's test, update or body (declarations inside excluded). */
  written: Set<Variable>;
  /** Variables stepped by `++`, `--`, `+=`, `-=` or `x = x + …`: attempt counters. */
  counters: Set<Variable>;
  /** The values plain assignments in the loop give each variable. */
  assignedValues: Map<Variable, TSESTree.Node[]>;
}

interface DelayContext {
  loop: RetryLoopStatement;
  facts: LoopFacts;
  /** A sleep helper's parameters, bound to what its call passes. */
  parameters: Map<Variable, RetryDelay>;
  depth: number;
}

// ---------------------------------------------------------------------------------------------------------
// Delay arithmetic.

function arithmetic(operator: string, left: RetryDelay, right: RetryDelay): RetryDelay {
  if (left.kind === 'growing' || right.kind === 'growing') return GROWING;
  if (left.kind !== 'constant' || right.kind !== 'constant') return UNKNOWN;
  const apply = (a: number, b: number): number => {
    switch (operator) {
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '*':
        return a * b;
      case '/':
        return a / b;
      case '**':
        return a ** b;
      case '<<':
        return a << b;
      case '>>':
        return a >> b;
      default:
        return Number.NaN;
    }
  };
  if (operator === '/' && right.minMs <= 0 && right.maxMs >= 0) return UNKNOWN;
  const corners = [apply(left.minMs, right.minMs), apply(left.minMs, right.maxMs), apply(left.maxMs, right.minMs), apply(left.maxMs, right.maxMs)];
  if (corners.some((value) => !Number.isFinite(value))) return UNKNOWN;
  return { kind: 'constant', minMs: Math.min(...corners), maxMs: Math.max(...corners) };
}

function union(a: RetryDelay, b: RetryDelay): RetryDelay {
  if (a.kind === 'growing' || b.kind === 'growing') return GROWING;
  if (a.kind !== 'constant' || b.kind !== 'constant') return UNKNOWN;
  return { kind: 'constant', minMs: Math.min(a.minMs, b.minMs), maxMs: Math.max(a.maxMs, b.maxMs) };
}

// ---------------------------------------------------------------------------------------------------------
// Control flow, by statement shape.

function isRetriedIo(io: OutboundIoCall): io is OutboundIoCall & { category: RetriedIoCategory } {
  return io.category !== 'sleep' && io.category !== 'file';
}

/** `const r = await io()`, `r = await io()`, `const { status } = await io()`, with an optional `.catch(…)`. */
function awaitedAssignment(statement: TSESTree.Statement): { call: TSESTree.CallExpression } | undefined {
  let value: TSESTree.Node | null | undefined;
  if (statement.type === AST_NODE_TYPES.VariableDeclaration && statement.declarations.length === 1) value = statement.declarations[0].init;
  else if (statement.type === AST_NODE_TYPES.ExpressionStatement && statement.expression.type === AST_NODE_TYPES.AssignmentExpression && statement.expression.operator === '=') {
    value = statement.expression.right;
  }
  if (!value) return undefined;
  const awaited = skipExpressionWrappers(value);
  if (awaited.type !== AST_NODE_TYPES.AwaitExpression) return undefined;
  const call = retriedCallOf(awaited.argument);
  return call ? { call } : undefined;
}

/** `io()` in `io()` or `io().catch(handler)`. */
function retriedCallOf(expression: TSESTree.Node): TSESTree.CallExpression | undefined {
  const node = skipExpressionWrappers(expression);
  if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const callee = skipExpressionWrappers(node.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'catch') {
    const inner = skipExpressionWrappers(callee.object);
    return inner.type === AST_NODE_TYPES.CallExpression ? inner : undefined;
  }
  return node;
}

/** What the result of `call` is bound to, looking through `await` and `.catch(…)`. */
function resultBinding(call: TSESTree.CallExpression): ResultBinding {
  const result: ResultBinding = { whole: new Set(), properties: new Map(), caught: false };
  let node: TSESTree.Node = call;
  for (let parent = node.parent; parent; node = parent, parent = parent.parent) {
    if (
      parent.type === AST_NODE_TYPES.TSAsExpression ||
      parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      parent.type === AST_NODE_TYPES.ChainExpression ||
      parent.type === AST_NODE_TYPES.AwaitExpression
    ) {
      continue;
    }
    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === node && memberName(parent) === 'catch' && parent.parent?.type === AST_NODE_TYPES.CallExpression) {
      result.caught = true;
      parent = parent.parent;
      continue;
    }
    break;
  }
  const parent = node.parent;
  let target: TSESTree.Node | undefined;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === node) target = parent.id;
  else if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === node) target = parent.left;
  if (target?.type === AST_NODE_TYPES.Identifier) result.whole.add(target.name);
  else if (target?.type === AST_NODE_TYPES.ObjectPattern) {
    for (const property of target.properties) {
      if (property.type !== AST_NODE_TYPES.Property || property.computed || property.key.type !== AST_NODE_TYPES.Identifier) continue;
      const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
      if (value.type === AST_NODE_TYPES.Identifier) result.properties.set(value.name, property.key.name);
    }
  }
  return result;
}

/**
 * The test tells a failed attempt from a successful one: `res.ok`, `res.status >= 500`,
 * `status === 200` (destructured), or, after `.catch(…)`, whether there is a result at all.
 */
function isResultCheck(test: TSESTree.Node, result: ResultBinding): boolean {
  const pending: TSESTree.Node[] = [test];
  while (pending.length > 0) {
    const node = skipExpressionWrappers(pending.pop()!);
    switch (node.type) {
      case AST_NODE_TYPES.MemberExpression: {
        const object = skipExpressionWrappers(node.object);
        if (object.type !== AST_NODE_TYPES.Identifier || !result.whole.has(object.name)) break;
        const name = memberName(node);
        if (name === 'ok') return true;
        if (name !== undefined && STATUS_PROPERTIES.has(name) && isComparedWithNumber(node)) return true;
        break;
      }
      case AST_NODE_TYPES.Identifier: {
        const property = result.properties.get(node.name);
        if (property === 'ok') return true;
        if (property !== undefined && STATUS_PROPERTIES.has(property) && isComparedWithNumber(node)) return true;
        if (result.caught && result.whole.has(node.name) && isPresenceTest(node)) return true;
        break;
      }
      case AST_NODE_TYPES.LogicalExpression:
      case AST_NODE_TYPES.BinaryExpression:
        pending.push(node.left, node.right);
        break;
      case AST_NODE_TYPES.UnaryExpression:
        pending.push(node.argument);
        break;
      default:
        break;
    }
  }
  return false;
}

function isComparedWithNumber(node: TSESTree.Node): boolean {
  let child = node;
  let parent = node.parent;
  while (parent && (parent.type === AST_NODE_TYPES.TSAsExpression || parent.type === AST_NODE_TYPES.TSNonNullExpression || parent.type === AST_NODE_TYPES.ChainExpression)) {
    child = parent;
    parent = parent.parent;
  }
  if (parent?.type !== AST_NODE_TYPES.BinaryExpression || !COMPARISONS.has(parent.operator)) return false;
  const other = parent.left === child ? parent.right : parent.left;
  return other.type === AST_NODE_TYPES.Literal && typeof other.value === 'number';
}

/** `r`, `!r`, `r != null`, `r === undefined`: whether there is a result. */
function isPresenceTest(identifier: TSESTree.Identifier): boolean {
  const parent = identifier.parent;
  if (!parent) return false;
  if (parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.WhileStatement || parent.type === AST_NODE_TYPES.DoWhileStatement || parent.type === AST_NODE_TYPES.ForStatement) return true;
  if (parent.type === AST_NODE_TYPES.UnaryExpression && parent.operator === '!') return true;
  if (parent.type === AST_NODE_TYPES.LogicalExpression) return true;
  if (parent.type === AST_NODE_TYPES.BinaryExpression && ['==', '!=', '===', '!=='].includes(parent.operator)) {
    const other = parent.left === identifier ? parent.right : parent.left;
    return (other.type === AST_NODE_TYPES.Literal && (other.value === null || other.value === false)) || (other.type === AST_NODE_TYPES.Identifier && other.name === 'undefined');
  }
  return false;
}

/** The loop's own test checks the result: `do { res = await fetch(url); } while (!res.ok && …)`. */
function testChecksResult(loop: RetryLoopStatement, result: ResultBinding): boolean {
  return loop.test !== null && (result.whole.size > 0 || result.properties.size > 0) && isResultCheck(loop.test, result);
}

/** In a try block: the statement holding the call, or one after it, leaves the loop on success (`return`, `break`, `if (res.ok) return`). */
function exitsAfter(statements: TSESTree.Statement[], call: TSESTree.Node, loop: RetryLoopStatement, result: ResultBinding): boolean {
  const start = statements.findIndex((statement) => statement.range[1] >= call.range[1]);
  if (start < 0) return false;
  const tail = statements.slice(start);
  if (alwaysExits(tail, loop, true)) return true;
  return tail.some((statement) => statement.type === AST_NODE_TYPES.IfStatement && isResultCheck(statement.test, result) && alwaysExits([statement.consequent], loop, true));
}

/** `try { … } catch { …; continue; } break;`: a statement after the `try`, in the loop body, leaves the loop. */
function exitFollows(attempt: TSESTree.TryStatement, loop: RetryLoopStatement): boolean {
  if (loop.body.type !== AST_NODE_TYPES.BlockStatement || attempt.parent !== loop.body) return false;
  const statements = loop.body.body;
  return alwaysExits(statements.slice(statements.indexOf(attempt) + 1), loop, true);
}

/**
 * Whether running `statements` in order always leaves `loop`: a `return`, `throw` (unless `successOnly`) or a
 * `break` out of it, directly, in a block, or in both branches of an `if`. A `continue` of the loop first means no.
 */
/**
 * `if (res.status === 429 && attempt < MAX) { await sleep(wait); continue; }` as a statement of the loop's body, with
 * every path after it leaving the loop (erxes's Discord client): the only way round again passes the counter test.
 */
function onlyRetryGuardedBy(guard: TSESTree.IfStatement, loop: RetryLoopStatement): boolean {
  if (guard.alternate || guard.parent !== loop.body || loop.body.type !== AST_NODE_TYPES.BlockStatement) return false;
  const test = guard.test;
  if (test.type !== AST_NODE_TYPES.BinaryExpression && !(test.type === AST_NODE_TYPES.LogicalExpression && test.operator === '&&')) return false;
  const consequent = guard.consequent.type === AST_NODE_TYPES.BlockStatement ? guard.consequent.body : [guard.consequent];
  const last = consequent[consequent.length - 1];
  if (last?.type !== AST_NODE_TYPES.ContinueStatement || last.label) return false;
  const body = loop.body.body;
  return alwaysExits(body.slice(body.indexOf(guard) + 1), loop, false);
}

function alwaysExits(statements: readonly TSESTree.Statement[], loop: RetryLoopStatement, successOnly: boolean): boolean {
  for (const statement of statements) {
    switch (statement.type) {
      case AST_NODE_TYPES.ReturnStatement:
        return true;
      case AST_NODE_TYPES.ThrowStatement:
        if (!successOnly) return true;
        break;
      case AST_NODE_TYPES.BreakStatement:
        if (breakLeaves(statement, loop)) return true;
        break;
      case AST_NODE_TYPES.ContinueStatement: {
        const target = continueTargets(statement, loop);
        if (target === 'this') return false;
        if (target === 'outer') return true;
        break;
      }
      case AST_NODE_TYPES.BlockStatement:
        if (alwaysExits(statement.body, loop, successOnly)) return true;
        break;
      case AST_NODE_TYPES.IfStatement:
        if (statement.alternate && alwaysExits([statement.consequent], loop, successOnly) && alwaysExits([statement.alternate], loop, successOnly)) return true;
        break;
      default:
        break;
    }
  }
  return false;
}

/** A `break` that leaves `loop`: labeled with its label or an outer one, or plain with no inner loop or switch in between. */
function breakLeaves(statement: TSESTree.BreakStatement, loop: RetryLoopStatement): boolean {
  if (statement.label) return !innerLabels(statement, loop).has(statement.label.name);
  for (let node: TSESTree.Node | undefined = statement.parent; node && node !== loop; node = node.parent) {
    if (isLoop(node) || node.type === AST_NODE_TYPES.SwitchStatement || isFunction(node)) return false;
  }
  return true;
}

/** Which loop a `continue` goes round: this one, an outer one (leaving this), or an inner one. */
function continueTargets(statement: TSESTree.ContinueStatement, loop: RetryLoopStatement): 'this' | 'outer' | 'inner' {
  if (statement.label) {
    if (loop.parent?.type === AST_NODE_TYPES.LabeledStatement && loop.parent.label.name === statement.label.name) return 'this';
    return innerLabels(statement, loop).has(statement.label.name) ? 'inner' : 'outer';
  }
  for (let node: TSESTree.Node | undefined = statement.parent; node && node !== loop; node = node.parent) {
    if (isLoop(node) || isFunction(node)) return 'inner';
  }
  return 'this';
}

/** Labels of statements between `node` and `loop`. */
function innerLabels(node: TSESTree.Node, loop: RetryLoopStatement): Set<string> {
  const labels = new Set<string>();
  for (let current = node.parent; current && current !== loop; current = current.parent) {
    if (current.type === AST_NODE_TYPES.LabeledStatement) labels.add(current.label.name);
  }
  return labels;
}

function insideSwitch(node: TSESTree.Node, loop: RetryLoopStatement): boolean {
  for (let current = node.parent; current && current !== loop; current = current.parent) {
    if (current.type === AST_NODE_TYPES.SwitchStatement) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------------
// Small AST helpers.

function loopParts(loop: RetryLoopStatement): TSESTree.Node[] {
  const parts: TSESTree.Node[] = [loop.body];
  if (loop.test) parts.push(loop.test);
  if (loop.type === AST_NODE_TYPES.ForStatement && loop.update) parts.push(loop.update);
  return parts;
}

/** In a part of the loop that runs on every iteration: its body, test or update (not a `for` initialiser). */
function inIteration(node: TSESTree.Node, loop: RetryLoopStatement): boolean {
  return loopParts(loop).some((part) => contains(part, node));
}

function isConstantTrue(test: TSESTree.Node | null): boolean {
  if (!test) return true;
  const node = skipExpressionWrappers(test);
  return node.type === AST_NODE_TYPES.Literal && Boolean(node.value);
}

function isConstantFalse(test: TSESTree.Node | null): boolean {
  if (!test) return false;
  const node = skipExpressionWrappers(test);
  return node.type === AST_NODE_TYPES.Literal && !node.value;
}

/** `x + 1`, `x - 1`, `1 + x`: a step of the variable named `name`. */
function isStepOf(value: TSESTree.Node, name: string): boolean {
  const node = skipExpressionWrappers(value);
  if (node.type !== AST_NODE_TYPES.BinaryExpression || (node.operator !== '+' && node.operator !== '-')) return false;
  return (node.left.type === AST_NODE_TYPES.Identifier && node.left.name === name) || (node.right.type === AST_NODE_TYPES.Identifier && node.right.name === name);
}

/** `Date.now()`, `performance.now()`, `new Date()`, `x.getTime()`, `process.hrtime…()`. */
function isClockRead(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.NewExpression) return node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'Date';
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipExpressionWrappers(node.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const name = memberName(callee);
  const object = skipExpressionWrappers(callee.object);
  if (name === 'now' && object.type === AST_NODE_TYPES.Identifier && (object.name === 'Date' || object.name === 'performance')) return true;
  if (name === 'getTime') return true;
  return object.type === AST_NODE_TYPES.Identifier && object.name === 'process' && name === 'hrtime';
}

/** Functions that make a new value on every call: random keys, ids, timestamps. */
const FRESH_VALUE_FUNCTIONS = new Set(['random', 'randomUUID', 'randomBytes', 'randomInt', 'nanoid', 'uuid', 'v1', 'v4', 'v7', 'uuidv4', 'uuidv7', 'cuid', 'createId', 'ulid', 'now', 'generateId']);

function isFreshValue(call: TSESTree.CallExpression): boolean {
  const name = calledName(call);
  return name !== undefined && FRESH_VALUE_FUNCTIONS.has(name);
}

/** Global functions whose result only depends on their arguments. */
const PURE_GLOBALS = new Set(['String', 'Number', 'Boolean', 'encodeURIComponent', 'encodeURI', 'parseInt', 'parseFloat']);
const PURE_STATICS = new Set(['JSON.stringify', 'Object.keys', 'Object.values', 'Object.entries', 'Object.assign', 'Math.min', 'Math.max', 'Math.floor', 'Math.ceil', 'Math.round']);

function isPureCall(call: TSESTree.CallExpression): boolean {
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return PURE_GLOBALS.has(callee.name);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.Identifier) return false;
  return PURE_STATICS.has(`${callee.object.name}.${memberName(callee) ?? ''}`);
}

function calledName(call: TSESTree.CallExpression): string | undefined {
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  return callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : undefined;
}

/** The global `setTimeout` or `globalThis.setTimeout`, as a promise executor calls it. */
function isSetTimeoutCallee(callee: TSESTree.Node): boolean {
  const node = skipExpressionWrappers(callee);
  if (node.type === AST_NODE_TYPES.Identifier) return node.name === 'setTimeout';
  return node.type === AST_NODE_TYPES.MemberExpression && memberName(node) === 'setTimeout';
}


/** Children that never hold a variable reference: static property names, labels, type annotations. */
function skippedChild(node: TSESTree.Node, key: string): boolean {
  if (key === 'typeAnnotation' || key === 'returnType' || key === 'typeArguments' || key === 'typeParameters' || key === 'label') return true;
  if (key === 'property' && node.type === AST_NODE_TYPES.MemberExpression) return !node.computed;
  if (key === 'key' && (node.type === AST_NODE_TYPES.Property || node.type === AST_NODE_TYPES.PropertyDefinition || node.type === AST_NODE_TYPES.MethodDefinition)) return !node.computed;
  return false;
}


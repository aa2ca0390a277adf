/**
 * Is an object created at an expression made once and reused, or made again for every request?
 *
 * The request-path analysis says where code runs; this one adds what the code does with what it creates:
 * - kept: a lazy singleton (`client ??= new X()`, `if (!client) client = new X()`, `globalThis.x ?? new X()`),
 *   a keyed cache behind a check (`if (!pools.has(id)) pools.set(id, new Pool())`), a static field;
 * - stored without a check in long-lived state (`connect() { this.pool = new Pool() }`): an initialiser,
 *   unless it sits right in a handler or job;
 * - handed to callers: returned from a function (also as what a promise it returns resolves to), kept by an
 *   instance, given to a NestJS `useFactory` or to `once(() => …)`. Callers this file shows decide (recursively);
 *   callers it does not show are assumed to keep the value, except for per-request context factories
 *   (`createContext`) and request-scoped NestJS providers;
 * - used on the spot (created, used, closed): made once per run of the code.
 *
 * Rules call `getInstanceReuse(context, requestPath).classify(creation)`.
 */
import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast/node-types';
import { declaredFunctionOf, memberName, parentSkippingWrappers, skipExpressionWrappers } from './library-origin';
import { getImportOrigin } from './modules';
import type { RequestPathAnalyzer, RequestPathClassification, RequestPathReason } from './request-path';
import { enclosingFunction, exitsAtEnd, functionName, isExportedDeclaration, isFunction, isModuleLevelDeclaration, returnsParameter, type FunctionNode, decoratorsOf } from '../ast/code-shape';
import { FileCache } from './per-file';
import { isDeferredCallback } from './deferred-callbacks';
import { memberPath, PROMISE_CONTINUATIONS } from '../ast/expressions';

export type SharedReason =
  /** Created where no request is served: module scope, startup code, scripts, tests. */
  | 'off-request-path'
  /** A lazy singleton or a keyed cache behind a check. */
  | 'cached'
  /** Stored in long-lived state without a check, outside handlers and jobs: an initialiser. */
  | 'stored'
  /** Handed to callers this file does not show, or only to callers that keep it. */
  | 'factory'
  /** Built by a NestJS provider factory (`useFactory`) of the default (singleton) scope. */
  | 'di-provider';

export type PerRequestReason =
  /** Runs per request (or per job run) and the value is not kept. */
  | 'request-path'
  /** Built by a request-scoped NestJS provider: its constructor or factory runs for every request. */
  | 'request-scoped-provider'
  /** Returned from a per-request context factory (tRPC/GraphQL `createContext`, a `context` option). */
  | 'request-context';

export type Reuse =
  | { perRequest: false; reason: SharedReason }
  | {
      perRequest: true;
      reason: PerRequestReason;
      /** Where the creating code runs, when the request-path analysis decided it. */
      where?: RequestPathClassification;
      /** The factory that creates the value and the call (or `new`) that runs it per request. */
      via?: { call: TSESTree.Node; name: string };
    };

export interface ReuseOptions {
  /** The call keeps its result in its library's global state (`mongoose.connect`): it counts as stored. */
  storesItself?: boolean;
}

export interface InstanceReuseAnalyzer {
  classify(creation: TSESTree.Expression, options?: ReuseOptions): Reuse;
}

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;
type Variable = TSESLint.Scope.Variable;

/** What happens to a created value. */
type Fate =
  | { kind: 'cached' }
  | { kind: 'stored'; guarded: boolean }
  | { kind: 'returned'; fn: FunctionNode }
  | { kind: 'instance'; classNode: ClassNode }
  | { kind: 'spot' };

/** Long-lived storage a value is written to: a variable, or a path rooted at `this`/`globalThis`. */
interface Storage {
  variable?: Variable;
  path?: readonly string[];
}

const CACHED: Fate = { kind: 'cached' };
const SPOT: Fate = { kind: 'spot' };

/** The outermost function between `node` and `owner` (both excluded), if `node` sits in one. */
function outermostFunctionBelow(node: TSESTree.Node, owner: TSESTree.Node): TSESTree.Node | undefined {
  let found: TSESTree.Node | undefined;
  for (let current = node.parent; current && current !== owner; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ArrowFunctionExpression || current.type === AST_NODE_TYPES.FunctionExpression) found = current;
    else if (current.type === AST_NODE_TYPES.FunctionDeclaration) return undefined;
  }
  return found;
}

/** `fn` is what `owner` returns: its arrow body, or the argument of one of its own `return`s (past type wrappers). */
function isReturnedBy(fn: TSESTree.Node, owner: FunctionNode): boolean {
  const { child, parent } = parentSkippingWrappers(fn);
  if (parent === owner) return owner.type === AST_NODE_TYPES.ArrowFunctionExpression && owner.body === child;
  return parent?.type === AST_NODE_TYPES.ReturnStatement && parent.argument === child && enclosingFunction(parent) === owner;
}

/** Calls on a client that end its life: created, used and closed in one run is per-call by construction. */
export const CLOSE_METHODS: ReadonlySet<string> = new Set(['end', 'close', 'disconnect', 'quit', 'destroy', '$disconnect']);
/**
 * Methods that resolve to the client itself (or an extended copy): `client.connect()` (MongoDB, node-redis),
 * `dataSource.initialize()`, `prisma.$extends()`, and the EventEmitter methods every client inherits, which
 * return `this` (`createClient({ url }).on('error', log)`).
 */
// undici's `agent.compose(interceptors.retry())` returns a dispatcher wrapping the agent.
const SELF_RETURNING_METHODS = new Set(['connect', 'initialize', 'asPromise', '$extends', 'on', 'once', 'addListener', 'prependListener', 'prependOnceListener', 'setMaxListeners', 'compose']);
/** Calls that run a callback right away: its return value is used where the call is. */
const IMMEDIATE_CALLBACK_METHODS = new Set(['map', 'flatMap', 'forEach', 'reduce', 'filter', 'some', 'every', 'find', 'from', 'then', 'catch', 'finally']);
const GLOBAL_OBJECTS = new Set(['globalThis', 'global', 'window', 'self']);
/** Methods that report a value (a log line, an event) and return something else: `logger.warn(client)`, `bus.emit(client)`. */
const REPORTING_METHODS = new Set(['log', 'info', 'warn', 'warning', 'error', 'debug', 'trace', 'fatal', 'verbose', 'emit']);
/** Methods that put a value into a collection: on long-lived storage, a pool of clients kept for reuse (`pool.push(client)`). */
const COLLECTING_METHODS = new Set(['set', 'push', 'add']);
/** Code that runs once per request or per job run: a handler, a job, a task of a job platform. */
const ENTRY_REASONS: ReadonlySet<RequestPathReason> = new Set(['handler', 'job', 'worker-process-job']);
/** Calls that hand a value to something that keeps it: Fastify decorators, DI containers (tsyringe, inversify, awilix). */
const REGISTERING_METHODS = new Set(['decorate', 'register', 'registerInstance', 'registerSingleton', 'registerValue', 'toConstantValue']);
/** tRPC's `createContext`, `createTRPCContext`, `createInnerTRPCContext`, GraphQL servers' `createContext`. */
const CONTEXT_FACTORY_NAME = /^create[A-Za-z0-9]*Context$/;
const CONTEXT_OPTION_NAMES = new Set(['context', 'createContext']);

const MAX_DEPTH = 4;
const MAX_EVALUATIONS = 64;
const MAX_FATE_STEPS = 32;
const MAX_GUARD_NODES = 200;
const MAX_SCANNED_NODES = 5000;

class Analyzer implements InstanceReuseAnalyzer {
  private evaluations = 0;

  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly requestPath: RequestPathAnalyzer,
  ) {}

  classify(creation: TSESTree.Expression, options: ReuseOptions = {}): Reuse {
    this.evaluations = 0;
    return this.evaluate(creation, options.storesItself ?? false, 0, new Set());
  }

  private evaluate(node: TSESTree.Node, storesItself: boolean, depth: number, visiting: Set<TSESTree.Node>): Reuse {
    if (depth > MAX_DEPTH || visiting.has(node) || ++this.evaluations > MAX_EVALUATIONS) return { perRequest: false, reason: 'factory' };
    visiting.add(node);
    try {
      if (this.isInRequestScopedProvider(node)) return { perRequest: true, reason: 'request-scoped-provider' };
      const where = this.requestPath.classify(node);
      if (!where.onRequestPath) return { perRequest: false, reason: 'off-request-path' };
      const direct = ENTRY_REASONS.has(where.reason);
      const perRequest: Reuse = { perRequest: true, reason: 'request-path', where };
      const fate = this.fate(node);
      switch (fate.kind) {
        case 'cached':
          return { perRequest: false, reason: 'cached' };
        case 'stored':
          if (fate.guarded) return { perRequest: false, reason: 'cached' };
          return direct ? perRequest : { perRequest: false, reason: 'stored' };
        case 'returned':
          return direct ? perRequest : this.viaCallers(fate.fn, storesItself, depth, visiting);
        case 'instance':
          return this.viaInstances(fate.classNode, storesItself, depth, visiting);
        case 'spot':
          if (!storesItself) return perRequest;
          if (this.isGuardedByOuterState(node)) return { perRequest: false, reason: 'cached' };
          return direct ? perRequest : { perRequest: false, reason: 'stored' };
      }
    } finally {
      visiting.delete(node);
    }
  }

  /** A function returns the value: its callers in this file decide; unknown callers are assumed to keep it. */
  private viaCallers(fn: FunctionNode, storesItself: boolean, depth: number, visiting: Set<TSESTree.Node>): Reuse {
    if (isRequestContextFactory(fn)) return { perRequest: true, reason: 'request-context' };
    const provider = this.nestProviderFactoryScope(fn);
    if (provider === 'request') return { perRequest: true, reason: 'request-scoped-provider' };
    if (provider === 'default') return { perRequest: false, reason: 'di-provider' };
    const name = functionName(fn);
    const { calls, immediate } = this.callSitesOf(fn);
    for (const call of calls) {
      const verdict = this.evaluate(call, storesItself, depth + 1, visiting);
      if (!verdict.perRequest) continue;
      // A callback run on the spot (`shards.map((s) => new Pool(s))`) is part of the code that calls it.
      if (immediate || name === undefined) return verdict;
      return { ...verdict, via: { call, name: `${name}()` } };
    }
    return { perRequest: false, reason: 'factory' };
  }

  /** An instance keeps the value: the `new C()` calls this file shows decide. */
  private viaInstances(classNode: ClassNode, storesItself: boolean, depth: number, visiting: Set<TSESTree.Node>): Reuse {
    for (const created of this.instantiationsOf(classNode)) {
      const verdict = this.evaluate(created, storesItself, depth + 1, visiting);
      if (verdict.perRequest) return { ...verdict, via: { call: created, name: `new ${classNode.id?.name ?? 'class'}()` } };
    }
    return { perRequest: false, reason: 'factory' };
  }

  // -------------------------------------------------------------------------------------------------------
  // Where a value goes.

  private fate(start: TSESTree.Node): Fate {
    let node = start;
    for (let step = 0; step < MAX_FATE_STEPS; step++) {
      const parent = node.parent;
      if (!parent) return SPOT;
      switch (parent.type) {
        case AST_NODE_TYPES.TSAsExpression:
        case AST_NODE_TYPES.TSNonNullExpression:
        case AST_NODE_TYPES.TSSatisfiesExpression:
        case AST_NODE_TYPES.TSTypeAssertion:
        case AST_NODE_TYPES.ChainExpression:
        case AST_NODE_TYPES.AwaitExpression:
        case AST_NODE_TYPES.ArrayExpression:
          node = parent;
          continue;
        case AST_NODE_TYPES.ConditionalExpression:
          if (parent.test === node) return SPOT;
          node = parent;
          continue;
        case AST_NODE_TYPES.SequenceExpression:
          if (parent.expressions[parent.expressions.length - 1] !== node) return SPOT;
          node = parent;
          continue;
        case AST_NODE_TYPES.LogicalExpression:
          // `globalThis.prisma ?? new PrismaClient()`: the fallback of a cache lookup.
          if (parent.right === node && this.longLivedStorage(parent.left, parent)) return CACHED;
          node = parent;
          continue;
        case AST_NODE_TYPES.MemberExpression: {
          // `mongoose.connect(uri).then((m) => m)`, `new MongoClient(uri).connect()`: the client is passed on.
          const call = parent.parent;
          const method = memberName(parent) ?? '';
          if (parent.object === node && (PROMISE_CONTINUATIONS.has(method) || SELF_RETURNING_METHODS.has(method)) && call?.type === AST_NODE_TYPES.CallExpression && call.callee === parent) {
            node = call;
            continue;
          }
          return SPOT;
        }
        case AST_NODE_TYPES.AssignmentExpression:
          return parent.right === node ? this.assignmentFate(parent, 0) : SPOT;
        case AST_NODE_TYPES.VariableDeclarator:
          return parent.init === node && parent.id.type === AST_NODE_TYPES.Identifier ? this.declaredFate(parent, 0) : SPOT;
        // What a listener returns goes to the emitter and is dropped (`emitter.on('x', () => makeClient())`): made per event.
        case AST_NODE_TYPES.ReturnStatement: {
          const fn = enclosingFunction(parent);
          return fn && !this.isDeferredFunction(fn) ? { kind: 'returned', fn } : SPOT;
        }
        case AST_NODE_TYPES.ArrowFunctionExpression:
          return parent.body === node && !this.isDeferredFunction(parent) ? { kind: 'returned', fn: parent } : SPOT;
        case AST_NODE_TYPES.PropertyDefinition:
          if (parent.value !== node) return SPOT;
          return parent.static ? CACHED : { kind: 'instance', classNode: parent.parent.parent as ClassNode };
        case AST_NODE_TYPES.Property:
          if (parent.value !== node || parent.parent.type !== AST_NODE_TYPES.ObjectExpression) return SPOT;
          node = parent.parent;
          continue;
        case AST_NODE_TYPES.CallExpression: {
          if (parent.callee === node) return SPOT;
          const promise = this.promiseResolvedWith(parent, node);
          if (promise) {
            node = promise;
            continue;
          }
          const stored = this.storedByCall(parent);
          if (stored) return stored;
          // `asValue(new Pool())`, `drizzle(new Pool())`, `withErrorLogging(new IORedis(url), 'producer')`: a wrapper's
          // result carries what it was given. Other arguments may only be constants (a label, options): a call also
          // given data (`query(new Client(), sql)`) uses the client rather than wrapping it. Here, where the client is made
          // in the call's arguments, only a plain function counts (stricter than a variable's uses, below).
          if (!this.passesOn(parent, node) || skipExpressionWrappers(parent.callee).type !== AST_NODE_TYPES.Identifier) {
            // `transporter = nodemailer.createTransport({ SES: new AWS.SES() })`: a factory's options object goes into
            // what the factory makes, when that is kept (erxes's cached transporter). Only kept: a request's options
            // (`return fetch(url, { dispatcher: new Agent() })`) serve that request alone.
            if (node.type !== AST_NODE_TYPES.ObjectExpression) return SPOT;
            const made = this.fate(parent);
            return made.kind === 'cached' || made.kind === 'stored' ? made : SPOT;
          }
          node = parent;
          continue;
        }
        case AST_NODE_TYPES.NewExpression:
          // `new RedisStore({ client: createClient() })`, `new Queue('q', { connection: new Redis() })`: the object keeps it.
          if (parent.callee === node) return SPOT;
          node = parent;
          continue;
        default:
          return SPOT;
      }
    }
    return SPOT;
  }

  /** `target = value`: into long-lived storage, into a local (followed), or into an instance in a constructor. */
  private assignmentFate(assignment: TSESTree.AssignmentExpression, depth: number): Fate {
    const target = skipExpressionWrappers(assignment.left);
    if (target.type === AST_NODE_TYPES.MemberExpression && skipExpressionWrappers(target.object).type === AST_NODE_TYPES.ThisExpression) {
      const ctor = enclosingConstructorClass(assignment);
      if (ctor) return { kind: 'instance', classNode: ctor };
    }
    const storage = this.longLivedStorage(target, assignment);
    if (storage) {
      if (assignment.operator === '??=' || assignment.operator === '||=') return CACHED;
      return { kind: 'stored', guarded: this.isGuarded(assignment, storage) };
    }
    if (depth >= 2) return SPOT;
    if (target.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariable(this.sourceCode.getScope(target) as never, target as never) as Variable | null;
      if (variable) return this.variableFate(variable, depth + 1);
    }
    // `database.sequelize = sequelize; return database`: a property of a local object goes where the object goes.
    const holder = localObjectRoot(target);
    if (holder) {
      const variable = findVariable(this.sourceCode.getScope(holder) as never, holder as never) as Variable | null;
      if (variable && variable.defs.length > 0) return this.variableFate(variable, depth + 1);
    }
    return SPOT;
  }

  private declaredFate(declarator: TSESTree.VariableDeclarator, depth: number): Fate {
    const [variable] = this.sourceCode.getDeclaredVariables(declarator);
    return variable ? this.variableFate(variable, depth) : SPOT;
  }

  /** A variable holding the value: what its references do with it. A client closed in the same run is per call. */
  private variableFate(variable: Variable, depth: number): Fate {
    let returned: FunctionNode | undefined;
    let instance: ClassNode | undefined;
    let storedUnguarded = false;
    let closed = false;
    const owner = variable.scope.variableScope.block as TSESTree.Node;
    for (const reference of variable.references) {
      if (!reference.isRead()) continue;
      let use = this.referenceUse(reference.identifier as TSESTree.Identifier, owner, depth);
      // Used inside the function the owner returns (`return async ({ url }) => ofetch(url, { dispatcher: agent })`,
      // Papra's webhook client): that function is the client its caller keeps, and holds this one as long.
      if (use.kind === 'spot' && isFunction(owner)) {
        const closure = outermostFunctionBelow(reference.identifier as TSESTree.Node, owner);
        if (closure && isReturnedBy(closure, owner)) use = { kind: 'returned', fn: owner };
      }
      switch (use.kind) {
        case 'cached':
          return CACHED;
        case 'stored':
          if (use.guarded) return CACHED;
          storedUnguarded = true;
          break;
        case 'returned':
          returned ??= use.fn;
          break;
        case 'instance':
          instance ??= use.classNode;
          break;
        case 'closed':
          if (!closesLater(reference.identifier as TSESTree.Node, variable.scope.variableScope.block as TSESTree.Node)) closed = true;
          break;
      }
    }
    if (closed) return SPOT;
    if (storedUnguarded) return { kind: 'stored', guarded: false };
    if (returned) return { kind: 'returned', fn: returned };
    if (instance) return { kind: 'instance', classNode: instance };
    return SPOT;
  }

  /**
   * What a read of the variable does with the value: stores it, returns it (alone, in an object or array,
   * or wrapped: `drizzle(pool)`, `new Repo(pool)`), closes it, or only uses it. `owner`: the function (or program)
   * that declares the variable.
   */
  private referenceUse(identifier: TSESTree.Identifier, owner: TSESTree.Node, depth: number): Fate | { kind: 'closed' } {
    let node: TSESTree.Node = identifier;
    for (let step = 0; step < MAX_FATE_STEPS; step++) {
      const parent: TSESTree.Node | undefined = node.parent;
      if (!parent) return SPOT;
      switch (parent.type) {
        case AST_NODE_TYPES.TSAsExpression:
        case AST_NODE_TYPES.TSNonNullExpression:
        case AST_NODE_TYPES.TSSatisfiesExpression:
        case AST_NODE_TYPES.TSTypeAssertion:
        case AST_NODE_TYPES.ChainExpression:
        case AST_NODE_TYPES.AwaitExpression:
        case AST_NODE_TYPES.ArrayExpression:
        case AST_NODE_TYPES.SpreadElement:
          node = parent;
          continue;
        case AST_NODE_TYPES.ConditionalExpression:
        case AST_NODE_TYPES.LogicalExpression:
          if (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test === node) return SPOT;
          node = parent;
          continue;
        case AST_NODE_TYPES.Property:
          if (parent.value !== node || parent.parent.type !== AST_NODE_TYPES.ObjectExpression) return SPOT;
          node = parent.parent;
          continue;
        case AST_NODE_TYPES.MemberExpression: {
          const call: TSESTree.Node | undefined = parent.parent;
          if (node !== identifier || parent.object !== node || call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== parent) return SPOT;
          const method = memberName(parent) ?? '';
          if (CLOSE_METHODS.has(method)) return { kind: 'closed' };
          if (SELF_RETURNING_METHODS.has(method)) {
            node = call;
            continue;
          }
          // `db = client.db('app')`: what is kept is made from the client, which lives as long.
          return this.derivedStore(call) ?? SPOT;
        }
        case AST_NODE_TYPES.AssignmentExpression:
          return parent.right === node ? this.assignmentFate(parent, depth) : SPOT;
        case AST_NODE_TYPES.VariableDeclarator:
          return parent.init === node && parent.id.type === AST_NODE_TYPES.Identifier && depth < 2 ? this.declaredFate(parent, depth + 1) : SPOT;
        case AST_NODE_TYPES.ReturnStatement: {
          const fn = enclosingFunction(parent);
          return fn && !this.returnsToDeferredCaller(fn, owner) ? { kind: 'returned', fn } : SPOT;
        }
        case AST_NODE_TYPES.ArrowFunctionExpression:
          return parent.body === node && !this.returnsToDeferredCaller(parent, owner) ? { kind: 'returned', fn: parent } : SPOT;
        case AST_NODE_TYPES.PropertyDefinition:
          if (parent.value !== node) return SPOT;
          return parent.static ? CACHED : { kind: 'instance', classNode: parent.parent.parent as ClassNode };
        case AST_NODE_TYPES.NewExpression:
          if (parent.callee === node) return SPOT;
          node = parent;
          continue;
        case AST_NODE_TYPES.CallExpression: {
          if (parent.callee === node) return SPOT;
          const promise = this.promiseResolvedWith(parent, node);
          if (promise) {
            node = promise;
            continue;
          }
          const stored = this.storedByCall(parent);
          if (stored) return stored;
          // A wrapper keeps what it is given (`drizzle(pool)`, `drizzle({ client })`, `drizzle(pool, { schema, mode })`,
          // `Promise.resolve(client)`); a call also given data (`runQuery(client, sql)`), or one that only reports the
          // client (`logger.warn(client)`), only uses it.
          if (!this.passesOn(parent, node)) return SPOT;
          node = parent;
          continue;
        }
        default:
          return SPOT;
      }
    }
    return SPOT;
  }

  /**
   * `resolve(value)`, where `resolve` is the first parameter of the executor of a `new Promise(…)`, directly or from a
   * callback inside it (`cxn.connect().then(() => resolve(cxn))`, NodeBB's Redis connection): the promise carries the
   * value, so the value goes where the promise goes (returned, awaited and returned, or dropped).
   */
  private promiseResolvedWith(call: TSESTree.CallExpression, value: TSESTree.Node): TSESTree.NewExpression | undefined {
    const callee = skipExpressionWrappers(call.callee);
    if (call.arguments[0] !== value || callee.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = findVariable(this.sourceCode.getScope(callee) as never, callee as never) as Variable | null;
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (def?.type !== 'Parameter' || !isFunction(def.node as TSESTree.Node)) return undefined;
    const executor = def.node as FunctionNode;
    if (executor.params[0] !== def.name) return undefined;
    const { node, parent } = valueParent(executor);
    if (parent?.type !== AST_NODE_TYPES.NewExpression || parent.arguments[0] !== node) return undefined;
    const promiseClass = skipExpressionWrappers(parent.callee);
    return promiseClass.type === AST_NODE_TYPES.Identifier && promiseClass.name === 'Promise' ? parent : undefined;
  }

  /** The result of `call` carries `value`: a wrapper given it alone, not a log line or an event that mentions it. */
  private passesOn(call: TSESTree.CallExpression, value: TSESTree.Node): boolean {
    return (this.wrapsAlone(call, value) || this.returnsWhatItIsGiven(call, value)) && !reportsArguments(call);
  }

  /**
   * `wrapQueryable(pool, tags)` with `function wrapQueryable<T>(target: T, tags: Tags): T` in this file (unkey's
   * SQL-comment proxy), `optionsFor(name, connection)` returning `{ connection, prefix }` (Langfuse): a function of
   * this file that hands back what it is given passes the value on, whatever else it takes.
   */
  private returnsWhatItIsGiven(call: TSESTree.CallExpression, value: TSESTree.Node): boolean {
    const callee = skipExpressionWrappers(call.callee);
    const index = call.arguments.indexOf(value as TSESTree.CallExpressionArgument);
    if (callee.type !== AST_NODE_TYPES.Identifier || index < 0) return false;
    const declared = declaredFunctionOf(callee, this.sourceCode.getScope(callee));
    const fn = declared && skipExpressionWrappers(declared);
    return fn !== undefined && isFunction(fn) && returnsParameter(fn, index);
  }

  /**
   * `call` hands on `value` as its first argument, with nothing else but configuration: constants, and objects of
   * constants or of the module's own bindings (`drizzle(pool, { schema, mode: 'default' })`, `schema` imported).
   * A pair of clients made together and wrapped together counts as one (`createAdapter(pubClient, subClient)`,
   * Socket.IO's Redis adapter in Docmost): either may be the value, the other made by `new` in the same function.
   */
  private wrapsAlone(call: TSESTree.CallExpression, value: TSESTree.Node): boolean {
    const [first, second] = call.arguments;
    const index = first === value ? 0 : second === value && this.isSiblingConstruction(first, call, value) ? 1 : -1;
    if (index < 0) return false;
    return call.arguments.every((argument, i) => i === index || (i === 1 - index && this.isSiblingConstruction(argument, call, value)) || (i > 0 && this.isConfiguration(argument, true)));
  }

  /**
   * A local `const` of the function around `call`, made by `new` (awaited or not), as a `duplicate()` of a client
   * (node-redis's and ioredis's subscriber: `const subClient = pubClient.duplicate()`, Hexabot's Socket.IO adapter), or
   * by the same factory as `value` (two `createClient(…)`).
   */
  private isSiblingConstruction(argument: TSESTree.Node | undefined, call: TSESTree.CallExpression, value: TSESTree.Node): boolean {
    const init = this.localConstInit(argument, call);
    if (!init) return false;
    if (init.type === AST_NODE_TYPES.NewExpression) return true;
    if (init.type !== AST_NODE_TYPES.CallExpression) return false;
    const callee = skipExpressionWrappers(init.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression) return memberName(callee) === 'duplicate';
    const valueInit = this.localConstInit(value, call);
    const valueCallee = valueInit?.type === AST_NODE_TYPES.CallExpression ? skipExpressionWrappers(valueInit.callee) : undefined;
    return callee.type === AST_NODE_TYPES.Identifier && valueCallee?.type === AST_NODE_TYPES.Identifier && valueCallee.name === callee.name;
  }

  /** What a `const` of the function around `call`, named by `argument`, was made by (past an `await`). */
  private localConstInit(argument: TSESTree.Node | undefined, call: TSESTree.CallExpression): TSESTree.Node | undefined {
    const node = argument && skipExpressionWrappers(argument);
    if (node?.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = findVariable(this.sourceCode.getScope(node) as never, node as never) as Variable | null;
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (def?.type !== 'Variable' || def.parent.kind !== 'const' || !def.node.init) return undefined;
    if (variable!.scope.variableScope !== this.sourceCode.getScope(call).variableScope) return undefined;
    const init = skipExpressionWrappers(def.node.init);
    return init.type === AST_NODE_TYPES.AwaitExpression ? skipExpressionWrappers(init.argument) : init;
  }

  private isConfiguration(argument: TSESTree.Node, topLevel: boolean): boolean {
    const node = skipExpressionWrappers(argument);
    if (isConstantArgument(node)) return true;
    if (node.type === AST_NODE_TYPES.ObjectExpression) {
      // `drizzle(connection, { ...config, mode: 'default' })` (Homarr): options passed on whole count as options.
      return node.properties.every((property) =>
        property.type === AST_NODE_TYPES.SpreadElement
          ? skipExpressionWrappers(property.argument).type === AST_NODE_TYPES.Identifier
          : !property.computed && this.isConfiguration(property.value, false),
      );
    }
    // A bare identifier as an argument of its own may be data (`run(client, sql)`); inside an options object, a
    // module-level binding (an import, a top-level constant) is configuration.
    return !topLevel && node.type === AST_NODE_TYPES.Identifier && this.isModuleBinding(node);
  }

  private isModuleBinding(identifier: TSESTree.Identifier): boolean {
    const variable = findVariable(this.sourceCode.getScope(identifier) as never, identifier as never) as Variable | null;
    const definition = variable?.defs[0];
    if (!variable || !definition) return false;
    if (definition.type === 'ImportBinding') return true;
    return definition.type === 'Variable' && definition.parent?.type === AST_NODE_TYPES.VariableDeclaration && definition.parent.kind === 'const' && isModuleLevelDeclaration(definition.parent);
  }

  /** The result of a method call on the value goes straight into long-lived storage. */
  private derivedStore(call: TSESTree.CallExpression): Fate | undefined {
    let { node, parent } = valueParent(call);
    if (parent?.type === AST_NODE_TYPES.AwaitExpression) ({ node, parent } = valueParent(parent));
    if (parent?.type !== AST_NODE_TYPES.AssignmentExpression || parent.right !== node) return undefined;
    const storage = this.longLivedStorage(parent.left, parent);
    if (!storage) return undefined;
    return parent.operator === '??=' || parent.operator === '||=' ? CACHED : { kind: 'stored', guarded: this.isGuarded(parent, storage) };
  }

  /**
   * `pools.set(key, value)` on long-lived storage: a keyed cache (`pool.push(value)`, `clients.add(value)`: a pool kept
   * for reuse). `fastify.decorate('db', value)`,
   * `container.registerInstance(…)`: a server instance or a DI container keeps the value for its whole life.
   */
  private storedByCall(call: TSESTree.CallExpression): Fate | undefined {
    const callee = skipExpressionWrappers(call.callee);
    if (this.installsGlobalDispatcher(callee)) return { kind: 'stored', guarded: false };
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const method = memberName(callee);
    if (method !== undefined && REGISTERING_METHODS.has(method)) return { kind: 'stored', guarded: false };
    if (method === undefined || !COLLECTING_METHODS.has(method)) return undefined;
    const storage = this.longLivedStorage(callee.object, call);
    return storage ? { kind: 'stored', guarded: this.isGuarded(call, storage) } : undefined;
  }

  /** undici's `setGlobalDispatcher(agent)` (or `undici.setGlobalDispatcher`): the process keeps the agent for every later request. */
  private installsGlobalDispatcher(callee: TSESTree.Node): boolean {
    const name = callee.type === AST_NODE_TYPES.Identifier ? callee : callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'setGlobalDispatcher' ? skipExpressionWrappers(callee.object) : undefined;
    if (name?.type !== AST_NODE_TYPES.Identifier) return false;
    const origin = getImportOrigin(name, this.sourceCode.getScope(name));
    if (origin?.source !== 'undici') return false;
    return callee.type === AST_NODE_TYPES.Identifier ? origin.imported === 'setGlobalDispatcher' : origin.imported === '*' || origin.imported === 'default';
  }

  // -------------------------------------------------------------------------------------------------------
  // Long-lived storage and the checks that guard it.

  /**
   * The storage `target` names when it outlives one run of the code at `at`: a module variable, a variable
   * of an enclosing function that is not itself a handler or job, `this.x` (an instance or a class), a global
   * (`globalThis.x`), or a path below one of those.
   */
  private longLivedStorage(targetNode: TSESTree.Node, at: TSESTree.Node): Storage | undefined {
    const target = skipExpressionWrappers(targetNode);
    const path = memberPath(target);
    let root: TSESTree.Node = target;
    while (root.type === AST_NODE_TYPES.MemberExpression) root = skipExpressionWrappers(root.object);
    if (root.type === AST_NODE_TYPES.ThisExpression) return path ? { path: path.slice(0, 2) } : undefined;
    if (root.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = findVariable(this.sourceCode.getScope(root) as never, root as never) as Variable | null;
    if (!variable || variable.defs.length === 0) {
      // An undeclared global: `globalThis.prisma`, `global.mongoose`, or an implicit global.
      if (!path) return undefined;
      return { path: GLOBAL_OBJECTS.has(root.name) ? path.slice(0, 2) : path.slice(0, 1) };
    }
    return this.isLongLivedVariable(variable, at) ? { variable, path } : undefined;
  }

  private isLongLivedVariable(variable: Variable, at: TSESTree.Node): boolean {
    const scope = variable.scope;
    if (scope.type === 'module' || scope.type === 'global') return true;
    if (variable.defs[0]?.type === 'ImportBinding') return true;
    const declaredIn = scope.variableScope.block;
    if (declaredIn === enclosingFunction(at)) return false;
    // A closure variable of an outer function: long-lived unless that function is itself a handler or job.
    const where = this.requestPath.classify(variable.defs[0]?.name ?? declaredIn);
    return !(where.onRequestPath && ENTRY_REASONS.has(where.reason));
  }

  /**
   * A check of the storage comes first: an enclosing `if`/`?:`/`&&`/`??` tests it, or an earlier
   * `if (…) return/throw` does (`if (cached.conn) return cached.conn;`).
   */
  private isGuarded(site: TSESTree.Node, storage: Storage): boolean {
    return this.hasGuard(site, (test) => this.mentions(test, storage));
  }

  /** For calls that store themselves (`mongoose.connect`): any check of state that outlives the call. */
  private isGuardedByOuterState(site: TSESTree.Node): boolean {
    const fn = enclosingFunction(site);
    return this.hasGuard(site, (test) => this.mentionsOuterState(test, fn));
  }

  private hasGuard(site: TSESTree.Node, isCheck: (test: TSESTree.Node) => boolean): boolean {
    const fn = enclosingFunction(site);
    let child: TSESTree.Node = site;
    for (let current = site.parent; current && current !== fn; child = current, current = current.parent) {
      switch (current.type) {
        case AST_NODE_TYPES.IfStatement:
        case AST_NODE_TYPES.ConditionalExpression:
          if (current.test !== child && isCheck(current.test)) return true;
          break;
        case AST_NODE_TYPES.LogicalExpression:
          if (current.right === child && isCheck(current.left)) return true;
          break;
        case AST_NODE_TYPES.BlockStatement:
        case AST_NODE_TYPES.Program:
          for (const statement of current.body) {
            if (statement === child) break;
            if (statement.type === AST_NODE_TYPES.IfStatement && exitsAtEnd(statement.consequent) && isCheck(statement.test)) return true;
          }
          break;
      }
    }
    return false;
  }

  /**
   * The expression reads the storage: its variable, a path under its `this`/global root, or a local read
   * from it (`let pool = pools.get(id); if (!pool) …`).
   */
  private mentions(expression: TSESTree.Node, storage: Storage, followLocals = true): boolean {
    return someNode(expression, this.sourceCode.visitorKeys, (node) => {
      if (node.type === AST_NODE_TYPES.Identifier && isReferenceIdentifier(node)) {
        if (storage.variable && node.name === storage.variable.name) {
          return findVariable(this.sourceCode.getScope(node) as never, node as never) === (storage.variable as never);
        }
        if (followLocals) {
          const variable = findVariable(this.sourceCode.getScope(node) as never, node as never) as Variable | null;
          const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
          const init = def?.type === 'Variable' ? (def.node as TSESTree.VariableDeclarator).init : undefined;
          if (init && variable!.scope.type !== 'module' && this.mentions(init, storage, false)) return true;
        }
      }
      if (!storage.variable && storage.path && node.type === AST_NODE_TYPES.MemberExpression) {
        const path = memberPath(node);
        return path !== undefined && storage.path.every((segment, index) => path[index] === segment);
      }
      return false;
    });
  }

  /** The expression reads a binding declared outside `fn` (module state, an import, a closure) or a global object. */
  private mentionsOuterState(expression: TSESTree.Node, fn: FunctionNode | undefined): boolean {
    return someNode(expression, this.sourceCode.visitorKeys, (node) => {
      if (node.type !== AST_NODE_TYPES.Identifier || !isReferenceIdentifier(node)) return false;
      const variable = findVariable(this.sourceCode.getScope(node) as never, node as never) as Variable | null;
      if (!variable || variable.defs.length === 0) return GLOBAL_OBJECTS.has(node.name);
      return !fn || !isWithin(variable.defs[0].name as TSESTree.Node, fn);
    });
  }

  // -------------------------------------------------------------------------------------------------------
  // Callers, instances and providers.

  /**
   * Calls of a function this file shows; none when it is passed elsewhere (a callback, a DI factory,
   * `once()`). `immediate`: a callback that a call runs on the spot, whose result that call returns.
   */
  private callSitesOf(fn: FunctionNode): { calls: TSESTree.Node[]; immediate: boolean } {
    const { node, parent } = valueParent(fn);
    // `items.map(() => new Client())`: the callback's result is used where the call is.
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee !== node) {
      const callee = skipExpressionWrappers(parent.callee);
      const isImmediate = callee.type === AST_NODE_TYPES.MemberExpression && IMMEDIATE_CALLBACK_METHODS.has(memberName(callee) ?? '');
      return { calls: isImmediate ? [parent] : [], immediate: true };
    }
    if (parent?.type === AST_NODE_TYPES.NewExpression && parent.callee !== node) {
      const callee = parent.callee;
      return { calls: callee.type === AST_NODE_TYPES.Identifier && callee.name === 'Promise' ? [parent] : [], immediate: true };
    }
    if ((parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.PropertyDefinition) && parent.value === node) {
      return { calls: this.memberCallSites(parent), immediate: false };
    }
    const calls: TSESTree.Node[] = [];
    for (const variable of this.bindingsOf(fn)) {
      for (const reference of variable.references) {
        const { node: callee, parent: call } = valueParent(reference.identifier as TSESTree.Node);
        if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === callee) calls.push(call);
      }
    }
    return { calls, immediate: false };
  }

  /** The variables a function is bound to: the name it declares, or the variable it initialises. */
  private bindingsOf(fn: FunctionNode): readonly Variable[] {
    if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return this.sourceCode.getDeclaredVariables(fn);
    const { node, parent } = valueParent(fn);
    return parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === node ? this.sourceCode.getDeclaredVariables(parent) : [];
  }

  /**
   * `fn` is, or sits in, a callback that code of `owner` hands to a listener, timer or route (`client.on('error', () =>
   * console.error(client))`): what it returns goes to whoever runs it later, not to the callers of `owner`.
   */
  private returnsToDeferredCaller(fn: FunctionNode, owner: TSESTree.Node): boolean {
    for (let node: TSESTree.Node | undefined = fn; node && node !== owner; node = node.parent) {
      if (isFunction(node) && this.isDeferredFunction(node)) return true;
    }
    return false;
  }

  /**
   * A listener, timer or route callback: handed straight to a call that keeps it, or a function of this file only
   * ever handed so (`const log = () => console.error(client); client.on('error', log)`). Not an exported function,
   * which other files may call for what it returns.
   */
  private isDeferredFunction(fn: FunctionNode): boolean {
    if (isDeferredCallback(fn)) return true;
    if (isExportedFunction(fn)) return false;
    const reads = this.bindingsOf(fn).flatMap((variable) => variable.references.filter((reference) => reference.isRead()));
    return reads.length > 0 && reads.every((reference) => isDeferredCallback(valueParent(reference.identifier as TSESTree.Node).node));
  }

  /** `this.name(...)` inside the class of a method (or of an arrow-function field). */
  private memberCallSites(member: TSESTree.MethodDefinition | TSESTree.PropertyDefinition): TSESTree.Node[] {
    const name = member.computed ? undefined : member.key.type === AST_NODE_TYPES.Identifier ? member.key.name : undefined;
    if (name === undefined || (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor')) return [];
    const calls: TSESTree.Node[] = [];
    walk(member.parent, this.sourceCode.visitorKeys, (node) => {
      if (
        node.type === AST_NODE_TYPES.CallExpression &&
        node.callee.type === AST_NODE_TYPES.MemberExpression &&
        skipExpressionWrappers(node.callee.object).type === AST_NODE_TYPES.ThisExpression &&
        memberName(node.callee) === name
      ) {
        calls.push(node);
      }
    });
    return calls;
  }

  /** `new C(...)` calls of a class declared in this file. */
  private instantiationsOf(classNode: ClassNode): TSESTree.Node[] {
    const declaring = classNode.type === AST_NODE_TYPES.ClassDeclaration ? classNode : valueParent(classNode).parent;
    if (!declaring || (declaring.type !== AST_NODE_TYPES.ClassDeclaration && declaring.type !== AST_NODE_TYPES.VariableDeclarator)) return [];
    const sites: TSESTree.Node[] = [];
    for (const variable of this.sourceCode.getDeclaredVariables(declaring)) {
      for (const reference of variable.references) {
        const parent = reference.identifier.parent;
        if (parent?.type === AST_NODE_TYPES.NewExpression && parent.callee === reference.identifier) sites.push(parent);
      }
    }
    return sites;
  }

  /** `{ provide, useFactory: () => new Redis(), scope? }`: the scope of a NestJS provider factory. */
  private nestProviderFactoryScope(fn: FunctionNode): 'request' | 'default' | undefined {
    const { node, parent } = valueParent(fn);
    if (parent?.type !== AST_NODE_TYPES.Property || parent.value !== node || propertyKey(parent) !== 'useFactory') return undefined;
    const provider = parent.parent as TSESTree.ObjectExpression;
    for (const property of provider.properties) {
      if (property.type === AST_NODE_TYPES.Property && propertyKey(property) === 'scope' && this.isRequestScope(property.value)) return 'request';
    }
    return 'default';
  }

  /**
   * The code runs in the constructor (or an instance field) of a request-scoped NestJS provider, or in a
   * `useFactory` with `scope: Scope.REQUEST`: once per request, wherever the provider is declared.
   */
  private isInRequestScopedProvider(node: TSESTree.Node): boolean {
    let child: TSESTree.Node = node;
    for (let current = node.parent; current; child = current, current = current.parent) {
      if (isFunction(current)) {
        if (this.nestProviderFactoryScope(current) === 'request') return true;
        const member = current.parent;
        return member?.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor' && this.isRequestScopedClass(member.parent.parent as ClassNode);
      }
      if (current.type === AST_NODE_TYPES.PropertyDefinition && current.value === child) {
        return !current.static && this.isRequestScopedClass(current.parent.parent as ClassNode);
      }
    }
    return false;
  }

  /** `@Injectable({ scope: Scope.REQUEST })`, or a constructor that injects `REQUEST`/`CONTEXT` (which makes it request-scoped). */
  private isRequestScopedClass(classNode: ClassNode): boolean {
    for (const decorator of decoratorsOf(classNode)) {
      const expression = decorator.expression;
      if (expression.type !== AST_NODE_TYPES.CallExpression) continue;
      for (const argument of expression.arguments) {
        if (argument.type !== AST_NODE_TYPES.ObjectExpression) continue;
        for (const property of argument.properties) {
          if (property.type === AST_NODE_TYPES.Property && propertyKey(property) === 'scope' && this.isRequestScope(property.value)) return true;
        }
      }
    }
    const ctor = classNode.body.body.find((element) => element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'constructor') as TSESTree.MethodDefinition | undefined;
    for (const param of ctor?.value.params ?? []) {
      for (const decorator of decoratorsOf(param)) {
        const expression = decorator.expression;
        if (expression.type !== AST_NODE_TYPES.CallExpression || expression.callee.type !== AST_NODE_TYPES.Identifier || expression.callee.name !== 'Inject') continue;
        const token = expression.arguments[0];
        if (token?.type !== AST_NODE_TYPES.Identifier) continue;
        const origin = getImportOrigin(token, this.sourceCode.getScope(token));
        if ((origin?.source === '@nestjs/core' && origin.imported === 'REQUEST') || (origin?.source === '@nestjs/graphql' && origin.imported === 'CONTEXT')) return true;
      }
    }
    return false;
  }

  /** `Scope.REQUEST` with `Scope` from `@nestjs/common`. */
  private isRequestScope(value: TSESTree.Node): boolean {
    const member = skipExpressionWrappers(value);
    if (member.type !== AST_NODE_TYPES.MemberExpression || memberName(member) !== 'REQUEST' || member.object.type !== AST_NODE_TYPES.Identifier) return false;
    const origin = getImportOrigin(member.object, this.sourceCode.getScope(member));
    return origin?.source === '@nestjs/common' && origin.imported === 'Scope';
  }
}

// ---------------------------------------------------------------------------------------------------------
// Small AST helpers.

function isWithin(node: TSESTree.Node, ancestor: TSESTree.Node): boolean {
  for (let current: TSESTree.Node | undefined = node; current; current = current.parent) if (current === ancestor) return true;
  return false;
}

/** `export function f`, `export default function`, `export const f = () => …`. */
function isExportedFunction(fn: FunctionNode): boolean {
  const { node, parent } = valueParent(fn);
  const declaration = parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === node ? parent.parent : node;
  return declaration !== undefined && isExportedDeclaration(declaration);
}

/** A log line or an event that mentions its arguments: `logger.warn(client)`, `console.error(client)`, `bus.emit(client)`. */
function reportsArguments(call: TSESTree.CallExpression): boolean {
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const receiver = skipExpressionWrappers(callee.object);
  return REPORTING_METHODS.has(memberName(callee) ?? '') || (receiver.type === AST_NODE_TYPES.Identifier && receiver.name === 'console');
}

/** The class whose constructor `node` runs in (not inside a nested function). */
function enclosingConstructorClass(node: TSESTree.Node): ClassNode | undefined {
  const fn = enclosingFunction(node);
  const member = fn?.parent;
  return member?.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor' ? (member.parent.parent as ClassNode) : undefined;
}

/** Climb over expressions that only pass a value through (`x as T`, `x!`, `x satisfies T`, `a?.b`). */
function valueParent(expression: TSESTree.Node): { node: TSESTree.Node; parent: TSESTree.Node | undefined } {
  let node = expression;
  while (
    node.parent &&
    (node.parent.type === AST_NODE_TYPES.TSAsExpression ||
      node.parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
      node.parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      node.parent.type === AST_NODE_TYPES.TSTypeAssertion ||
      node.parent.type === AST_NODE_TYPES.ChainExpression)
  ) {
    node = node.parent;
  }
  return { node, parent: node.parent };
}


/** `database` in `database.sequelize` or `clients[name].db`: the variable a member path starts from. */
function localObjectRoot(target: TSESTree.Node): TSESTree.Identifier | undefined {
  if (target.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  let root = skipExpressionWrappers(target.object);
  for (let depth = 0; root.type === AST_NODE_TYPES.MemberExpression && depth < 16; depth++) root = skipExpressionWrappers(root.object);
  return root.type === AST_NODE_TYPES.Identifier ? root : undefined;
}

function propertyKey(property: TSESTree.Property): string | undefined {
  if (!property.computed && property.key.type === AST_NODE_TYPES.Identifier) return property.key.name;
  if (property.key.type === AST_NODE_TYPES.Literal && typeof property.key.value === 'string') return property.key.value;
  return undefined;
}


/** tRPC/GraphQL context factories run once per request: `createContext`, or a `context` option of a server. */
function isRequestContextFactory(fn: FunctionNode): boolean {
  const name = functionName(fn);
  if (name !== undefined && CONTEXT_FACTORY_NAME.test(name)) return true;
  const { node, parent } = valueParent(fn);
  return parent?.type === AST_NODE_TYPES.Property && parent.value === node && CONTEXT_OPTION_NAMES.has(propertyKey(parent) ?? '');
}

/** An identifier that reads a binding (not a property name or an object key). */
function isReferenceIdentifier(node: TSESTree.Identifier): boolean {
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.property === node && !parent.computed) return false;
  if (parent?.type === AST_NODE_TYPES.Property && parent.key === node && !parent.computed && !parent.shorthand) return false;
  return true;
}

/** Does some node under `root` (functions included, bounded) satisfy `predicate`? */
function someNode(root: TSESTree.Node, visitorKeys: TSESLint.SourceCode.VisitorKeys, predicate: (node: TSESTree.Node) => boolean): boolean {
  let found = false;
  let seen = 0;
  walk(root, visitorKeys, (node) => {
    if (found || ++seen > MAX_GUARD_NODES) return false;
    if (predicate(node)) found = true;
    return !found;
  });
  return found;
}

/** Iterative pre-order walk, bounded; `enter` returning false skips a subtree. */
function walk(root: TSESTree.Node, visitorKeys: TSESLint.SourceCode.VisitorKeys, enter: (node: TSESTree.Node) => boolean | void): void {
  const stack: TSESTree.Node[] = [root];
  let visited = 0;
  while (stack.length > 0 && visited++ < MAX_SCANNED_NODES) {
    const node = stack.pop()!;
    if (enter(node) === false) continue;
    for (const key of visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (let index = child.length - 1; index >= 0; index--) {
          const item = child[index] as TSESTree.Node | null;
          if (item && typeof item.type === 'string') stack.push(item);
        }
      } else if (child && typeof (child as TSESTree.Node).type === 'string') {
        stack.push(child as TSESTree.Node);
      }
    }
  }
}

const analyzers = new FileCache<Map<RequestPathAnalyzer, Analyzer>>();

/** One analyzer per linted file and request-path analyzer (cached on the SourceCode object). */
export function getInstanceReuse(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>, requestPath: RequestPathAnalyzer): InstanceReuseAnalyzer {
  const perRequestPath = analyzers.get(context.sourceCode, () => new Map());
  let analyzer = perRequestPath.get(requestPath);
  if (!analyzer) {
    analyzer = new Analyzer(context.sourceCode, requestPath);
    perRequestPath.set(requestPath, analyzer);
  }
  return analyzer;
}

/** A literal, a template without expressions, or an object literal of such values: configuration, not data. */
function isConstantArgument(argument: TSESTree.Node): boolean {
  const node = skipExpressionWrappers(argument);
  if (node.type === AST_NODE_TYPES.Literal) return true;
  if (node.type === AST_NODE_TYPES.TemplateLiteral) return node.expressions.length === 0;
  return node.type === AST_NODE_TYPES.ObjectExpression && node.properties.every((property) => property.type === AST_NODE_TYPES.Property && isConstantArgument(property.value));
}

/**
 * The close sits in a function made here and handed on, not called here: `return { db, disconnect: () => pool.end() }`
 * gives the caller a way to close the client later. A callback passed to a call (`.finally(() => pool.end())`,
 * `stream.on('end', …)`) still closes it in this run.
 */
function closesLater(reference: TSESTree.Node, owner: TSESTree.Node): boolean {
  for (let node = reference.parent; node && node !== owner; node = node.parent) {
    if (!isFunction(node)) continue;
    const parent = node.parent;
    if (!(parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(node as TSESTree.CallExpressionArgument))) return true;
  }
  return false;
}

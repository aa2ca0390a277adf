/**
 * What calling a function of the project does, followed through the calls it makes: does it run a database
 * operation, or any outbound I/O, and through which chain of calls? `getFunctionSummaries(context)` answers
 * for one call expression: `queryBehind(call)` (a database operation) and `ioBehind(call)` (outbound I/O of
 * the categories of src/analysis/outbound-io.ts: HTTP, database, cache, queue, e-mail, file, sleep).
 *
 * Without type information, calls are followed to functions of the same file: declarations, `const`
 * arrow functions and function expressions written once, methods of the enclosing class (`this.load()`),
 * and methods of a `const` object literal (`repo.byId()`). With type information, the checker resolves
 * any call to its declaration (through imports, re-exports and barrel files, injected services typed by
 * their class, object-literal methods), and functions declared in other files of the program are read
 * from the TypeScript AST: a call on a receiver whose type a database package declares, with a method
 * name that library has, is a query. For I/O, so is a query, and so are the global `fetch`, Node's
 * `fs/promises` and `timers/promises` functions, a sending method of a receiver whose type an HTTP, queue
 * or e-mail package declares (axios, got, ky, undici, superagent, bullmq, kafkajs, amqplib,
 * @aws-sdk/client-sqs, nodemailer), and an HTTP client called itself (`axios(config)`). Declaration files
 * and `node_modules` are never followed.
 *
 * Only promises the function waits for (or hands back) count. For I/O, a callback nested in the function
 * counts only when the call it is handed to is itself waited for (`await retry(() => …)`), not when an
 * emitter or a timer keeps it for later; and an I/O call queued through a concurrency limiter
 * (`limit(() => fetch(u))`) says which limiter.
 *
 * Summaries are kept per function and per kind of question: per file for the ESTree side, per TypeScript
 * program for other files (a WeakMap keyed by the program, so nothing outlives it and each ESLint worker
 * keeps its own). The depth limit bounds the work per call; a cycle (recursion, mutual recursion) is cut
 * where it closes.
 */
import path from 'node:path';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast/node-types';
import type * as ts from 'typescript';
import { PROMISE_CONTINUATIONS, skipExpressionWrappers } from '../ast/expressions';
import { isAwaitedWhereItStands } from './awaited';
import { isClosedBuiltinGlobal } from './builtin-globals';
import { inCacheMissBranch, isCacheAsideFunction, isCacheFillCallback } from './lazy-initialisation';
import { isDeferredCallback, isDeferredTsCallback } from './deferred-callbacks';
import { getDbOperations, type DbLibrary, type DbOperationKind } from './db-operations';
import { LIBRARIES, isKnownMethodName } from './db/evaluate';
import { calledMethodName, enclosingClassOfThis, getReceiverPackage, getTypeServices, memberName, packageOfFile, resolveBinding, resolveClassMember, typeOfTsValue, typeOriginOf, type TypeServices } from './library-origin';
import { joinLines } from '../ast/source-text';
import { getOutboundIo, type OutboundIoCategory } from './outbound-io';
import { symbolAtLocation, typescript } from './typescript-module';
import { isCalledLimiter, isLimiterMethod, LIMITER_METHOD_NAMES } from './limiters';
import { isAstNode } from '../ast/children';
import { FileCache } from './per-file';

export const DEFAULT_SUMMARY_DEPTH = 3;

/** A database operation reached by calling a function. */
export interface QueryEffect {
  library: DbLibrary;
  /** `findMany`, `query`, … */
  method: string;
  /** Known for operations the ESTree analysis classified; undefined for those found in other files. */
  kind: DbOperationKind | undefined;
  /** The last method of the operation's chain (`update` in `db('t').where(…).update(…)`), when the ESTree analysis saw it. */
  lastStep?: string;
  /** The operation's callee as written, shortened: `prisma.order.findMany`. */
  text: string;
  /** Where the operation is: `orders.repository.ts:42`. */
  location: string;
  /** The functions from the called one down to the one that runs the operation: `['forUser', 'findOrders']`. */
  chain: readonly string[];
  /** The called function's declaration, for recursion checks. */
  declaration: object;
  /** The operation's call, for one in this file: rules may read its arguments (the SQL text of a raw query). */
  operationCall?: TSESTree.CallExpression;
}

/** Outbound I/O reached by calling a function: a request, a query, a publish, a send, a file call or a sleep. */
export interface IoEffect {
  category: OutboundIoCategory;
  /**
   * The client: `fetch`, `axios`, `got`, `ky`, `undici`, `superagent`, `node-fetch` for HTTP; the database
   * library (`prisma`, `knex`, `redis`, …) for databases and caches; the package for queues and e-mail
   * (`bullmq`, `kafkajs`, `amqplib`, `nodemailer`, …); `fs` for files; the timer for sleeps.
   */
  client: string;
  /** `get`, `findMany`, `add`, `sendMail`, `readFile`, … (`call` when the client itself is called: `axios(config)`). */
  method: string;
  /** The I/O call's callee as written, shortened: `fetch`, `this.http.get`, `prisma.order.findMany`. */
  text: string;
  /** Where the I/O call is: `account.client.ts:42`. */
  location: string;
  /** The functions from the called one down to the one that makes the I/O call: `['fetchDetails']`. */
  chain: readonly string[];
  /** The concurrency limiter the I/O is queued through on the way (`p-limit`, `p-map`, `p-queue`, `bottleneck`), if any. */
  limiter?: string;
  /** The called function's declaration. */
  declaration: object;
}

export interface FunctionSummaryAnalyzer {
  /** The database operation that `call` runs inside a function of the project, if any (not `call` itself). */
  queryBehind(call: TSESTree.CallExpression): QueryEffect | undefined;
  /**
   * The outbound I/O that `call` makes inside a function of the project, if any (not `call` itself). When
   * the function reaches several, the answer is the shallowest of the weightiest: plain I/O before I/O
   * queued through a concurrency limiter, before a Prisma `findUnique` (its dataloader batches those of one
   * tick), before a sleep.
   */
  ioBehind(call: TSESTree.CallExpression): IoEffect | undefined;
}

type RuleContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

const analyzers = new FileCache<Map<number, Analyzer>>();

/** One analyzer per file and depth, shared by the rules that ask. */
export function getFunctionSummaries(context: RuleContext, depth = DEFAULT_SUMMARY_DEPTH): FunctionSummaryAnalyzer {
  const byDepth = analyzers.get(context.sourceCode, () => new Map());
  let analyzer = byDepth.get(depth);
  if (!analyzer) {
    analyzer = new Analyzer(context, depth);
    byDepth.set(depth, analyzer);
  }
  return analyzer;
}

type EstreeFunction = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;
type EffectNode = TSESTree.CallExpression | TSESTree.TaggedTemplateExpression | TSESTree.NewExpression;

/** An effect as a summary holds it: without the declaration of the function asked about. */
type Found<E> = Omit<E, 'declaration'>;
type QueryFound = Found<QueryEffect>;
type IoFound = Found<IoEffect>;

/** A summary as computed: the best effect found (its depth below the summarised function), or none. */
interface Summary<E> {
  effect: E | undefined;
  /** Levels of calls below the summarised function at which the effect sits (0: in its own body). */
  depth: number;
  /** How much the effect weighs, 0 the most: a lighter one is kept only while no heavier one is found. */
  rank: number;
  /** A cycle or the depth limit cut the search short: the answer holds only for this search. */
  partial: boolean;
}

const NO_EFFECT: Summary<never> = { effect: undefined, depth: 0, rank: 0, partial: false };

type SearchKind = 'query' | 'io';

/**
 * What one kind of summary looks for. The traversal (which calls to follow, depth, cycles, caches) is
 * shared; a search says what counts as an effect in a body of this file and in one of another file.
 */
interface Search<E extends { chain: readonly string[] }> {
  kind: SearchKind;
  /** Summaries of this file's functions. */
  local: WeakMap<EstreeFunction, Summary<E>>;
  /** The effect of a call waited for (or a tagged template, or a `new` expression) in `fn`, a function of this file. */
  estree(node: EffectNode, fn: EstreeFunction): E | undefined;
  /** The effect of one link of a chain waited for in `fn`, a function of another file. */
  remote(link: ts.CallExpression | ts.TaggedTemplateExpression, fn: ts.FunctionLikeDeclaration, checker: ts.TypeChecker): E | undefined;
  /** Whether `fn` (in another file) waits for, or hands back, the promise `node` makes. */
  waited(node: ts.Node): boolean;
  /** Whether a function nested in a summarised body runs as part of it; undefined: every nested function does. */
  nestedEstree?(fn: EstreeFunction): boolean;
  nestedRemote?(fn: ts.FunctionLikeDeclaration): boolean;
  /** What the place of a call in `fn` adds to the effect behind it (a limiter it is queued through). */
  siteEstree?(call: TSESTree.Node, fn: EstreeFunction): string | undefined;
  siteRemote?(call: ts.Node, fn: ts.Node, checker: ts.TypeChecker): string | undefined;
  /** `effect` seen from a call of the function `name`, placed as `siteEstree`/`siteRemote` said. */
  lift(effect: E, name: string, site: string | undefined): E;
  rank(effect: E): number;
}

/** Summaries of functions in other files, per program and kind of search. */
const programSummaries = new WeakMap<ts.Program, Record<SearchKind, Map<ts.Node, Summary<unknown>>>>();

const MAX_TEXT = 48;
const MAX_NODES_PER_FUNCTION = 20_000;

/** Prisma's dataloader folds the `findUnique` calls started in the same tick into one query. */
const PRISMA_BATCHED_METHODS = new Set(['findUnique', 'findUniqueOrThrow']);

function ioRank(effect: IoFound): number {
  if (effect.category === 'sleep') return 3;
  if (effect.client === 'prisma' && PRISMA_BATCHED_METHODS.has(effect.method)) return 2;
  return effect.limiter === undefined ? 0 : 1;
}

/** Is `candidate` (rank, depth) better than `best`: heavier, or as heavy and shallower. */
function better(rank: number, depth: number, best: Summary<unknown> | undefined): boolean {
  return !best?.effect || rank < best.rank || (rank === best.rank && depth < best.depth);
}

class Analyzer implements FunctionSummaryAnalyzer {
  private readonly sourceCode: Readonly<TSESLint.SourceCode>;
  private readonly typeServices: TypeServices | undefined;
  private readonly fileName: string;
  private readonly querySearch: Search<QueryFound>;
  private ioSearchValue: Search<IoFound> | undefined;

  constructor(
    private readonly context: RuleContext,
    private readonly maxDepth: number,
  ) {
    this.sourceCode = context.sourceCode;
    this.typeServices = getTypeServices(context);
    this.fileName = path.basename(context.filename);
    this.querySearch = this.makeQuerySearch();
  }

  queryBehind(call: TSESTree.CallExpression): QueryEffect | undefined {
    return this.behind(this.querySearch, call);
  }

  ioBehind(call: TSESTree.CallExpression): IoEffect | undefined {
    this.ioSearchValue ??= this.makeIoSearch();
    return this.behind(this.ioSearchValue, call);
  }

  private behind<E extends { chain: readonly string[] }>(search: Search<E>, call: TSESTree.CallExpression): (E & { declaration: object }) | undefined {
    if (this.maxDepth < 1) return undefined;
    try {
      const target = this.resolveCall(call);
      if (!target) return undefined;
      const summary = target.kind === 'estree' ? this.summarizeLocal(search, target.node, this.maxDepth - 1, new Set()) : this.summarizeRemote(search, target.node, this.maxDepth - 1, new Set());
      if (!summary.effect) return undefined;
      return { ...summary.effect, chain: [target.name, ...summary.effect.chain], declaration: target.node };
    } catch {
      // An analysis bug must never take the lint run down with it.
      return undefined;
    }
  }

  // -------------------------------------------------------------------------------------------------------
  // What each search looks for.

  private makeQuerySearch(): Search<QueryFound> {
    return {
      kind: 'query',
      local: new WeakMap(),
      estree: (node, fn) => {
        const db = getDbOperations(this.context);
        if (node.type === AST_NODE_TYPES.CallExpression) {
          const operation = db.mightBeOperation(node) ? db.classify(node) : undefined;
          // A query that fills a cache on a miss (`cache.get(key, () => …)`) is no query per call (Vendure's permission checks).
          if (!operation || fillsCache(node, fn, this.sourceCode)) return undefined;
          const lastStep = calledMethodName(operation.node);
          return { library: operation.library, method: operation.method, kind: operation.kind, ...(lastStep === undefined ? {} : { lastStep }), text: shortText(operation.node.callee, this.sourceCode), location: this.location(operation.node), chain: [], operationCall: operation.node };
        }
        if (node.type !== AST_NODE_TYPES.TaggedTemplateExpression) return undefined;
        const operation = db.classifyTaggedTemplate(node);
        if (!operation || fillsCache(node, fn, this.sourceCode)) return undefined;
        return { library: operation.library, method: operation.method, kind: 'raw', text: shortText(node.tag, this.sourceCode), location: this.location(node), chain: [] };
      },
      remote: (link, _fn, checker) => remoteQuery(link, checker),
      waited: isWaitedFor,
      // Every nested function runs with the call (`forEach`, `then`, a transaction's callback) but those a call keeps to run later.
      nestedEstree: (fn) => !isDeferredCallback(fn),
      nestedRemote: (fn) => !isDeferredTsCallback(fn),
      lift: (effect, name) => ({ ...effect, chain: [name, ...effect.chain] }),
      rank: () => 0,
    };
  }

  private makeIoSearch(): Search<IoFound> {
    const io = getOutboundIo(this.context);
    return {
      kind: 'io',
      local: new WeakMap(),
      estree: (node, fn) => {
        let call: { category: OutboundIoCategory; client: string; method: string } | undefined;
        if (node.type === AST_NODE_TYPES.TaggedTemplateExpression) call = io.classifyTemplate(node);
        else if (node.type === AST_NODE_TYPES.CallExpression || (node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'Promise')) call = io.classify(node);
        if (!call) return undefined;
        const text = node.type === AST_NODE_TYPES.TaggedTemplateExpression ? shortText(node.tag, this.sourceCode) : node.type === AST_NODE_TYPES.CallExpression ? shortText(node.callee, this.sourceCode) : call.method;
        const limiter = this.estreeLimiter(node, fn);
        return { category: call.category, client: call.client, method: call.method, text, location: this.location(node), chain: [], ...(limiter === undefined ? {} : { limiter }) };
      },
      remote: (link, fn, checker) => {
        const found = remoteIo(link, checker);
        const limiter = found && tsLimiter(link, fn, checker);
        return found && limiter !== undefined ? { ...found, limiter } : found;
      },
      waited: isPromiseWaitedFor,
      // A callback runs as part of the function when the call it is handed to is waited for (`await retry(() => …)`,
      // `Promise.all(items.map(…))`); one handed to an emitter or a timer runs later, on its own.
      nestedEstree: (fn) => {
        const parent = fn.parent;
        return (parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) && isAwaitedWhereItStands(parent);
      },
      nestedRemote: (fn) => {
        const tsm = typescript();
        let parent = fn.parent;
        while (parent && tsm.isParenthesizedExpression(parent)) parent = parent.parent;
        return parent !== undefined && (tsm.isCallExpression(parent) || tsm.isNewExpression(parent)) && isPromiseWaitedFor(parent);
      },
      siteEstree: (call, fn) => this.estreeLimiter(call, fn),
      siteRemote: (call, fn, checker) => tsLimiter(call, fn, checker),
      lift: (effect, name, site) => ({ ...effect, chain: [name, ...effect.chain], ...(effect.limiter === undefined && site !== undefined ? { limiter: site } : {}) }),
      rank: ioRank,
    };
  }

  private location(node: TSESTree.Node): string {
    return `${this.fileName}:${node.loc.start.line}`;
  }

  /** The limiter package of the nearest callback around `node` (inside `fn`) that is handed to a limiter: `limit(() => node)`. */
  private estreeLimiter(node: TSESTree.Node, fn: EstreeFunction): string | undefined {
    for (let current: TSESTree.Node | undefined = node.parent; current && current !== fn; current = current.parent) {
      if (!isEstreeFunction(current)) continue;
      const call = current.parent;
      if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(current as TSESTree.CallExpressionArgument)) continue;
      const callee = skipExpressionWrappers(call.callee);
      if (callee.type === AST_NODE_TYPES.Identifier) {
        const limiter = getReceiverPackage(callee, this.context)?.packageName;
        if (limiter !== undefined && isCalledWithTask(limiter)) return limiter;
      } else if (callee.type === AST_NODE_TYPES.MemberExpression) {
        const method = memberName(callee);
        if (method === undefined || !LIMITER_METHOD_NAMES.has(method)) continue;
        const limiter = getReceiverPackage(callee.object, this.context)?.packageName;
        if (limiter !== undefined && isLimiterMethod(limiter, method)) return limiter;
      }
    }
    return undefined;
  }

  // -------------------------------------------------------------------------------------------------------
  // Which function a call runs.

  private resolveCall(call: TSESTree.CallExpression): { kind: 'estree'; node: EstreeFunction; name: string } | { kind: 'ts'; node: ts.FunctionLikeDeclaration; name: string } | undefined {
    const local = this.localFunction(call);
    if (local) return { kind: 'estree', ...local };
    // `Math.max(…)`, `console.log(…)`: no project function behind them, and the checker's answer inside a callback
    // costs a resolution of the call around it (`records.reduce((m, r) => Math.max(m, r.total), 0)`).
    if (!this.typeServices || this.callsThroughBuiltinGlobal(call)) return undefined;
    const declaration = this.resolvedDeclaration(this.typeServices.services.esTreeNodeToTSNodeMap.get(call as never) as ts.Node | undefined);
    if (!declaration) return undefined;
    const name = declarationName(declaration) ?? calleeName(call) ?? 'function';
    // A declaration of this file maps back to its ESTree node, which the richer analysis of this file reads.
    const estree = this.typeServices.services.tsNodeToESTreeNodeMap.get(declaration as never) as TSESTree.Node | undefined;
    if (estree && isEstreeFunction(estree)) return { kind: 'estree', node: estree, name };
    return { kind: 'ts', node: declaration, name };
  }

  /** `call`'s callee is a built-in global (`parseInt`) or reached through one by plain member names (`Math.max`, `process.env.X.split`). */
  private callsThroughBuiltinGlobal(call: TSESTree.CallExpression): boolean {
    let root = skipExpressionWrappers(call.callee);
    while (root.type === AST_NODE_TYPES.MemberExpression && !root.computed) root = skipExpressionWrappers(root.object);
    return root.type === AST_NODE_TYPES.Identifier && isClosedBuiltinGlobal(root.name) && resolveBinding(root, this.sourceCode.getScope(root)).kind === 'global';
  }

  /** A function of this file that `call` calls, found without types. */
  private localFunction(call: TSESTree.CallExpression): { node: EstreeFunction; name: string } | undefined {
    const callee = skipExpressionWrappers(call.callee);
    if (callee.type === AST_NODE_TYPES.Identifier) {
      const fn = this.functionBoundTo(callee);
      return fn && { node: fn, name: callee.name };
    }
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const name = memberName(callee);
    if (name === undefined) return undefined;
    const object = skipExpressionWrappers(callee.object);
    if (object.type === AST_NODE_TYPES.ThisExpression) {
      const owner = enclosingClassOfThis(callee);
      const method = owner && classMethod(owner.classNode, name, owner.isStatic);
      return method && { node: method, name };
    }
    if (object.type === AST_NODE_TYPES.Identifier) {
      const binding = resolveBinding(object, this.sourceCode.getScope(object));
      if (binding.kind === 'class') {
        const method = classMethod(binding.node, name, true);
        return method && { node: method, name };
      }
      if (binding.kind !== 'value' || binding.path.length > 0 || !this.isWrittenOnce(object)) return undefined;
      const value = skipExpressionWrappers(binding.expression);
      if (value.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
      const fn = objectMethod(value, name);
      return fn && { node: fn, name };
    }
    return undefined;
  }

  private functionBoundTo(identifier: TSESTree.Identifier): EstreeFunction | undefined {
    const binding = resolveBinding(identifier, this.sourceCode.getScope(identifier));
    if (binding.kind === 'function' && binding.node.type === AST_NODE_TYPES.FunctionDeclaration) return binding.node;
    if (binding.kind !== 'value' || binding.path.length > 0 || !this.isWrittenOnce(identifier)) return undefined;
    const value = skipExpressionWrappers(binding.expression);
    return value.type === AST_NODE_TYPES.ArrowFunctionExpression || value.type === AST_NODE_TYPES.FunctionExpression ? value : undefined;
  }

  private isWrittenOnce(identifier: TSESTree.Identifier): boolean {
    const scope = this.sourceCode.getScope(identifier);
    for (let current: TSESLint.Scope.Scope | null = scope; current; current = current.upper) {
      const variable = current.set.get(identifier.name);
      if (variable) return variable.references.filter((reference) => reference.isWrite()).length <= 1;
    }
    return false;
  }

  /** The declaration the checker resolves a call to, when it has a body in a source file of the project. */
  private resolvedDeclaration(tsCall: ts.Node | undefined): ts.FunctionLikeDeclaration | undefined {
    const tsm = typescript();
    if (!tsCall || !tsm.isCallExpression(tsCall)) return undefined;
    const checker = this.typeServices!.checker;
    const bySymbol = declarationBySymbol(tsCall, checker);
    if (bySymbol !== AMBIGUOUS) return bySymbol;
    const declaration = checker.getResolvedSignature(tsCall)?.getDeclaration() as ts.Node | undefined;
    return declaration && followableFunction(declaration) ? declaration : undefined;
  }

  // -------------------------------------------------------------------------------------------------------
  // Summaries of functions of this file, with the analyses of this file.

  private summarizeLocal<E extends { chain: readonly string[] }>(search: Search<E>, fn: EstreeFunction, budget: number, visiting: Set<object>): Summary<E> {
    const cached = search.local.get(fn);
    if (cached && (cached.effect ? cached.depth <= budget : !cached.partial)) return cached;
    if (visiting.has(fn)) return { ...NO_EFFECT, partial: true };
    visiting.add(fn);
    const calls: TSESTree.CallExpression[] = [];
    let found: Summary<E> | undefined;
    const consider = (effect: E): boolean => {
      const rank = search.rank(effect);
      if (better(rank, 0, found)) found = { effect, depth: 0, rank, partial: false };
      return rank === 0;
    };
    walkEstree(fn.body, this.sourceCode.visitorKeys, (node) => {
      if (found?.rank === 0) return false;
      if (search.nestedEstree && isEstreeFunction(node) && !search.nestedEstree(node)) return false;
      // Only calls whose promise the function waits for (or hands back) can add a round trip to its caller;
      // the filter also keeps type queries off the many synchronous calls of a body.
      if (node.type === AST_NODE_TYPES.CallExpression && isAwaitedWhereItStands(node)) {
        const effect = search.estree(node, fn);
        if (!effect) calls.push(node);
        else if (consider(effect)) return false;
      } else if (node.type === AST_NODE_TYPES.TaggedTemplateExpression || node.type === AST_NODE_TYPES.NewExpression) {
        const effect = search.estree(node, fn);
        if (effect && consider(effect)) return false;
      }
      return true;
    });
    const summary = found?.rank === 0 ? found : this.deeper(search, fn, calls, budget, visiting, found);
    visiting.delete(fn);
    if (!summary.partial) search.local.set(fn, summary);
    return summary;
  }

  /** The best effect among the functions `calls` run, one level down, unless `own` (in the body itself) weighs more. */
  private deeper<E extends { chain: readonly string[] }>(search: Search<E>, fn: EstreeFunction, calls: readonly TSESTree.CallExpression[], budget: number, visiting: Set<object>, own: Summary<E> | undefined): Summary<E> {
    if (budget < 1) return own ? { ...own, partial: calls.length > 0 } : { ...NO_EFFECT, partial: calls.length > 0 };
    let best = own;
    let partial = false;
    for (const call of calls) {
      const target = this.resolveCall(call);
      if (!target) continue;
      const inner = target.kind === 'estree' ? this.summarizeLocal(search, target.node, budget - 1, visiting) : this.summarizeRemote(search, target.node, budget - 1, visiting);
      partial ||= inner.partial;
      if (!inner.effect) continue;
      const effect = search.lift(inner.effect, target.name, search.siteEstree?.(call, fn));
      const rank = search.rank(effect);
      if (better(rank, inner.depth + 1, best)) {
        best = { effect, depth: inner.depth + 1, rank, partial: false };
        if (rank === 0 && best.depth === 1) break;
      }
    }
    // A lighter effect holds only if nothing cut the search for a heavier one short.
    if (best?.effect) return best.rank === 0 ? best : { ...best, partial };
    return { ...NO_EFFECT, partial };
  }

  // -------------------------------------------------------------------------------------------------------
  // Summaries of functions in other files, from the TypeScript AST and the checker.

  private summarizeRemote<E extends { chain: readonly string[] }>(search: Search<E>, fn: ts.FunctionLikeDeclaration, budget: number, visiting: Set<object>): Summary<E> {
    const program = this.typeServices!.services.program;
    let caches = programSummaries.get(program);
    if (!caches) {
      caches = { query: new Map(), io: new Map() };
      programSummaries.set(program, caches);
    }
    const cache = caches[search.kind] as Map<ts.Node, Summary<E>>;
    const cached = cache.get(fn);
    if (cached && (cached.effect ? cached.depth <= budget : !cached.partial)) return cached;
    if (visiting.has(fn)) return { ...NO_EFFECT, partial: true };
    visiting.add(fn);
    const tsm = typescript();
    const checker = this.typeServices!.checker;
    const calls: ts.CallExpression[] = [];
    let found: Summary<E> | undefined;
    let visited = 0;
    const visit = (node: ts.Node): void => {
      if (found?.rank === 0 || ++visited > MAX_NODES_PER_FUNCTION) return;
      if (search.nestedRemote && node !== fn && isNestedTsFunction(node) && !search.nestedRemote(node)) return;
      if ((tsm.isCallExpression(node) || tsm.isTaggedTemplateExpression(node)) && search.waited(node)) {
        // A chain is waited for at its outermost call; the effect may be named by any call down the chain.
        let effect: E | undefined;
        for (let link: ts.Node = node; tsm.isCallExpression(link) || tsm.isTaggedTemplateExpression(link); ) {
          effect = search.remote(link, fn, checker);
          if (effect) break;
          const callee = tsm.isCallExpression(link) ? link.expression : link.tag;
          if (!tsm.isPropertyAccessExpression(callee)) break;
          link = callee.expression;
        }
        if (effect) {
          const rank = search.rank(effect);
          if (better(rank, 0, found)) found = { effect, depth: 0, rank, partial: false };
          if (rank === 0) return;
        } else if (tsm.isCallExpression(node)) {
          calls.push(node);
        }
      }
      tsm.forEachChild(node, visit);
    };
    if (fn.body) visit(fn.body);
    let summary: Summary<E>;
    if (found?.rank === 0) {
      summary = found;
    } else if (budget < 1) {
      summary = found ? { ...found, partial: calls.length > 0 } : { ...NO_EFFECT, partial: calls.length > 0 };
    } else {
      let best = found;
      let partial = false;
      for (const call of calls) {
        const declaration = this.resolvedDeclaration(call);
        if (!declaration) continue;
        const inner = this.summarizeRemote(search, declaration, budget - 1, visiting);
        partial ||= inner.partial;
        if (!inner.effect) continue;
        const effect = search.lift(inner.effect, declarationName(declaration) ?? 'function', search.siteRemote?.(call, fn, checker));
        const rank = search.rank(effect);
        if (better(rank, inner.depth + 1, best)) {
          best = { effect, depth: inner.depth + 1, rank, partial: false };
          if (rank === 0 && best.depth === 1) break;
        }
      }
      summary = best?.effect ? (best.rank === 0 ? best : { ...best, partial }) : { ...NO_EFFECT, partial };
    }
    visiting.delete(fn);
    if (!summary.partial) cache.set(fn, summary);
    return summary;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Helpers.

function isEstreeFunction(node: TSESTree.Node): node is EstreeFunction {
  return node.type === AST_NODE_TYPES.FunctionDeclaration || node.type === AST_NODE_TYPES.FunctionExpression || node.type === AST_NODE_TYPES.ArrowFunctionExpression;
}

function classMethod(classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression, name: string, isStatic: boolean): EstreeFunction | undefined {
  for (const element of classNode.body.body) {
    if (element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'method' && element.static === isStatic && !element.computed && element.key.type === AST_NODE_TYPES.Identifier && element.key.name === name) {
      return element.value.type === AST_NODE_TYPES.FunctionExpression ? element.value : undefined;
    }
  }
  const member = resolveClassMember(classNode, name, isStatic);
  if (member?.kind !== 'value') return undefined;
  const value = skipExpressionWrappers(member.expression);
  return value.type === AST_NODE_TYPES.ArrowFunctionExpression || value.type === AST_NODE_TYPES.FunctionExpression ? value : undefined;
}

function objectMethod(object: TSESTree.ObjectExpression, name: string): EstreeFunction | undefined {
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed || property.key.type !== AST_NODE_TYPES.Identifier || property.key.name !== name) continue;
    const value = skipExpressionWrappers(property.value);
    return value.type === AST_NODE_TYPES.ArrowFunctionExpression || value.type === AST_NODE_TYPES.FunctionExpression ? value : undefined;
  }
  return undefined;
}

function calleeName(call: TSESTree.CallExpression): string | undefined {
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  return callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : undefined;
}

/** Walks a subtree depth-first; `visit` returns false to skip a node's children. Iterative, so deep code cannot overflow the stack. */
function walkEstree(root: TSESTree.Node, visitorKeys: Readonly<Record<string, readonly string[] | undefined>>, visit: (node: TSESTree.Node) => boolean): void {
  const pending: TSESTree.Node[] = [root];
  let visited = 0;
  while (pending.length > 0 && ++visited <= MAX_NODES_PER_FUNCTION) {
    const node = pending.pop()!;
    if (!visit(node)) continue;
    const keys = visitorKeys[node.type] ?? [];
    for (let index = keys.length - 1; index >= 0; index--) {
      const value = (node as unknown as Record<string, unknown>)[keys[index]];
      if (Array.isArray(value)) {
        for (let item = value.length - 1; item >= 0; item--) if (isAstNode(value[item])) pending.push(value[item] as TSESTree.Node);
      } else if (isAstNode(value)) {
        pending.push(value);
      }
    }
  }
}


/** Code quoted in a chain: a method chain split over lines joined as written, anything else with its whitespace collapsed. */
function oneLine(text: string): string {
  return joinLines(text) ?? text.replace(/\s+/g, ' ');
}

function shortText(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): string {
  const text = oneLine(sourceCode.getText(node));
  return text.length <= MAX_TEXT ? text : `${text.slice(0, MAX_TEXT - 1)}…`;
}

/** The parent of `node` past parentheses and type assertions, and the wrapper (or `node`) it holds. */
function tsParentSkippingWrappers(node: ts.Node): { child: ts.Node; parent: ts.Node | undefined } {
  const tsm = typescript();
  let child = node;
  let parent = node.parent as ts.Node | undefined;
  while (parent && (tsm.isParenthesizedExpression(parent) || tsm.isAsExpression(parent) || tsm.isNonNullExpression(parent) || tsm.isSatisfiesExpression(parent))) {
    child = parent;
    parent = parent.parent;
  }
  return { child, parent };
}

/** `await x()`, `return x()`, `() => x()`, through parentheses and type assertions: the function waits for (or hands back) the promise. */
function isWaitedFor(node: ts.Node): boolean {
  const tsm = typescript();
  const { child, parent } = tsParentSkippingWrappers(node);
  if (!parent) return false;
  if (tsm.isAwaitExpression(parent) || tsm.isReturnStatement(parent)) return true;
  return tsm.isArrowFunction(parent) && parent.body === child;
}

const AMBIGUOUS = Symbol('ambiguous');

/**
 * The function a call runs, from the callee's symbol: one declaration (through an import alias), a function,
 * a method, or a variable or property initialised with one. Unlike resolving the call's signature, this
 * does not make the checker infer the arguments' types, often the costliest question of a lint run.
 * AMBIGUOUS (overloads, merged or union members, no symbol) leaves the choice to the signature.
 */
function declarationBySymbol(call: ts.CallExpression, checker: ts.TypeChecker): ts.FunctionLikeDeclaration | undefined | typeof AMBIGUOUS {
  const tsm = typescript();
  let callee: ts.Expression = call.expression;
  while (tsm.isParenthesizedExpression(callee) || tsm.isNonNullExpression(callee)) callee = callee.expression;
  // An array or string method of a plain value (`cells.map(…).join(',')`) is no project function.
  if (tsm.isPropertyAccessExpression(callee) && isPlainValue(callee.expression)) return undefined;
  const nameNode = tsm.isIdentifier(callee) ? callee : tsm.isPropertyAccessExpression(callee) ? callee.name : undefined;
  const symbol = symbolAtLocation(checker, nameNode);
  if (!symbol) return AMBIGUOUS;
  const declarations = symbol.getDeclarations() ?? [];
  // Declared only in declaration files (`Math.max`, a library's methods): no signature leads to a body we follow.
  if (declarations.length > 0 && declarations.every((candidate) => isOutsideProject(candidate.getSourceFile()))) return undefined;
  if (declarations.length !== 1) return AMBIGUOUS;
  let declaration: ts.Node = declarations[0];
  if ((tsm.isVariableDeclaration(declaration) || tsm.isPropertyDeclaration(declaration) || tsm.isPropertyAssignment(declaration)) && declaration.initializer) {
    let initializer: ts.Expression = declaration.initializer;
    while (tsm.isParenthesizedExpression(initializer) || tsm.isAsExpression(initializer) || tsm.isSatisfiesExpression(initializer)) initializer = initializer.expression;
    if (!tsm.isArrowFunction(initializer) && !tsm.isFunctionExpression(initializer)) return AMBIGUOUS;
    declaration = initializer;
  }
  if (!(tsm.isFunctionDeclaration(declaration) || tsm.isMethodDeclaration(declaration) || tsm.isArrowFunction(declaration) || tsm.isFunctionExpression(declaration))) return AMBIGUOUS;
  return followableFunction(declaration) ? declaration : undefined;
}

/** A function-like declaration with a body, in a source file of the project (not a declaration file, not node_modules). */
function followableFunction(node: ts.Node): node is ts.FunctionLikeDeclaration {
  const tsm = typescript();
  if (!(tsm.isFunctionDeclaration(node) || tsm.isMethodDeclaration(node) || tsm.isArrowFunction(node) || tsm.isFunctionExpression(node))) return false;
  return node.body !== undefined && !isOutsideProject(node.getSourceFile());
}

function isOutsideProject(file: ts.SourceFile): boolean {
  return file.isDeclarationFile || file.fileName.includes('/node_modules/');
}

const WRITE_STEP = /^(create|insert|save|update|upsert|delete|destroy|remove|persist|flush|merge|del|set|hset|incr|increment|decrement|bulk)/i;
const COUNT_STEP = /^count/i;

/** Whether a chain written in another file writes or counts, from the names of its steps (`insert(…).onConflict(…)` writes); a read otherwise. */
function chainKind(callee: ts.PropertyAccessExpression): DbOperationKind {
  const tsm = typescript();
  let kind: DbOperationKind = 'read';
  let current: ts.Expression = callee;
  for (let depth = 0; depth < 50; depth++) {
    if (tsm.isPropertyAccessExpression(current)) {
      const name = current.name.text;
      if (WRITE_STEP.test(name)) return 'write';
      if (COUNT_STEP.test(name)) kind = 'count';
      current = current.expression;
    } else if (tsm.isCallExpression(current)) {
      current = current.expression;
    } else {
      break;
    }
  }
  return kind;
}

/** `forUser` for a method or function declaration, the variable or property an arrow function is assigned to. */
function declarationName(node: ts.FunctionLikeDeclaration): string | undefined {
  const tsm = typescript();
  if (node.name && (tsm.isIdentifier(node.name) || tsm.isPrivateIdentifier(node.name))) return node.name.text;
  const parent = node.parent;
  if (parent && (tsm.isVariableDeclaration(parent) || tsm.isPropertyAssignment(parent) || tsm.isPropertyDeclaration(parent)) && tsm.isIdentifier(parent.name)) return parent.name.text;
  return undefined;
}

/**
 * A query in another file: `receiver.method(…)` (or a tagged template on `receiver.$queryRaw`) where the
 * receiver's type is declared by a database package and the method is one that library has.
 */
function remoteQuery(node: ts.CallExpression | ts.TaggedTemplateExpression, checker: ts.TypeChecker): Omit<QueryEffect, 'declaration'> | undefined {
  const tsm = typescript();
  const callee = tsm.isCallExpression(node) ? node.expression : node.tag;
  if (!tsm.isPropertyAccessExpression(callee) || !tsm.isIdentifier(callee.name)) return undefined;
  const method = callee.name.text;
  if (!isKnownMethodName(method) || isPlainValue(callee.expression)) return undefined;
  const origin = typeOriginOf(checker, typeOfTsValue(checker, callee.expression));
  if (origin.kind !== 'package') return undefined;
  const library = LIBRARIES.find((candidate) => candidate.matchesPackage(origin.packageName));
  if (!library) return undefined;
  if (library.fromType && !library.fromType(origin.typeName, origin.typeArguments, origin.isStatic, origin.ownName)) return undefined;
  const file = node.getSourceFile();
  const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
  const text = oneLine(callee.getText(file));
  return {
    library: library.library,
    method,
    kind: chainKind(callee),
    text: text.length <= MAX_TEXT ? text : `${text.slice(0, MAX_TEXT - 1)}…`,
    location: `${path.basename(file.fileName)}:${line}`,
    chain: [],
  };
}

/** Array and string methods no database API shares: what they return is a plain value. */
const PLAIN_VALUE_METHODS = new Set(['map', 'filter', 'flatMap', 'slice', 'concat', 'reduce', 'reduceRight', 'split', 'trim', 'replace', 'replaceAll', 'toLowerCase', 'toUpperCase', 'padStart', 'padEnd', 'toFixed', 'toString', 'toISOString']);
/** Built-in namespaces whose functions return plain values (`Object.keys(…)`, `JSON.stringify(…)`). */
const PLAIN_VALUE_NAMESPACES = new Set(['Object', 'Array', 'JSON', 'Math', 'String', 'Number']);

/**
 * A receiver that is evidently no database value: a literal, or the result of an array or string method
 * (`cells.map(…).join(',')` calls a `join` that is knex's too). Asking its type would make the checker
 * infer the whole expression, callbacks included, for nothing.
 */
function isPlainValue(expression: ts.Expression): boolean {
  const tsm = typescript();
  while (tsm.isParenthesizedExpression(expression)) expression = expression.expression;
  if (tsm.isArrayLiteralExpression(expression) || tsm.isStringLiteralLike(expression) || tsm.isTemplateExpression(expression) || tsm.isNumericLiteral(expression)) return true;
  if (!tsm.isCallExpression(expression) || !tsm.isPropertyAccessExpression(expression.expression)) return false;
  const { expression: object, name } = expression.expression;
  return PLAIN_VALUE_METHODS.has(name.text) || (tsm.isIdentifier(object) && PLAIN_VALUE_NAMESPACES.has(object.text));
}

// ---------------------------------------------------------------------------------------------------------
// Outbound I/O in other files, from the TypeScript AST and the checker.

/** Called with the task: a limiter (`limit(() => …)` of p-limit), or p-map's `pMap(items, fn, { concurrency })`. */
function isCalledWithTask(packageName: string): boolean {
  return packageName === 'p-map' || isCalledLimiter(packageName);
}

const HTTP_VERBS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request'];

/**
 * Methods that send, by the package declaring the receiver's type. Database and Redis clients are the
 * database analysis's (remoteQuery); these are the HTTP, queue and e-mail clients.
 */
const REMOTE_IO_METHODS: Readonly<Record<string, { category: OutboundIoCategory; methods: ReadonlySet<string> }>> = {
  axios: { category: 'http', methods: new Set([...HTTP_VERBS, 'postForm', 'putForm', 'patchForm']) },
  got: { category: 'http', methods: new Set([...HTTP_VERBS, 'paginate']) },
  ky: { category: 'http', methods: new Set(HTTP_VERBS) },
  superagent: { category: 'http', methods: new Set([...HTTP_VERBS, 'del']) },
  // Dispatchers: Client, Pool, Agent.
  undici: { category: 'http', methods: new Set(['request', 'stream', 'pipeline']) },
  bullmq: { category: 'queue', methods: new Set(['add', 'addBulk']) },
  kafkajs: { category: 'queue', methods: new Set(['send', 'sendBatch']) },
  amqplib: { category: 'queue', methods: new Set(['publish', 'sendToQueue']) },
  '@aws-sdk/client-sqs': { category: 'queue', methods: new Set(['send', 'sendMessage', 'sendMessageBatch']) },
  nodemailer: { category: 'email', methods: new Set(['sendMail']) },
};
const REMOTE_IO_METHOD_NAMES = new Set(Object.values(REMOTE_IO_METHODS).flatMap(({ methods }) => [...methods]));

/** Clients that are called themselves (`axios(config)`, `got(url)`, undici's `request(url)`), by package and type name. */
const CALLABLE_HTTP: Readonly<Record<string, ReadonlySet<string>>> = {
  axios: new Set(['AxiosStatic', 'AxiosInstance']),
  got: new Set(['Got']),
  ky: new Set(['KyInstance']),
  superagent: new Set(['SuperAgentStatic']),
  undici: new Set(['request', 'fetch', 'stream', 'pipeline']),
  'node-fetch': new Set(['fetch']),
};

/** Packages whose declarations hold the global `fetch`: TypeScript's DOM lib, @types/node and the undici types it uses. */
const GLOBAL_FETCH_PACKAGES = new Set(['typescript', 'node', 'undici-types']);
const FILE_FUNCTIONS = new Set([
  ...['readFile', 'readdir', 'stat', 'lstat', 'access', 'readlink', 'realpath', 'opendir', 'open'],
  ...['writeFile', 'appendFile', 'mkdir', 'mkdtemp', 'rm', 'rmdir', 'unlink', 'rename', 'copyFile', 'cp', 'truncate'],
]);
const SLEEP_FUNCTIONS = new Set(['setTimeout', 'wait']);

/** What the I/O of a remote call is, before its text and location. */
type RemoteIoKind = Pick<IoEffect, 'category' | 'client' | 'method'>;

/**
 * Outbound I/O in another file: a query (remoteQuery: database, or cache for Redis), the global `fetch`,
 * `fs/promises` and `timers/promises` functions of Node, a method of an HTTP, queue or e-mail client
 * (by the package declaring the receiver's type), or an HTTP client called itself.
 */
function remoteIo(node: ts.CallExpression | ts.TaggedTemplateExpression, checker: ts.TypeChecker): Found<IoEffect> | undefined {
  const query = remoteQuery(node, checker);
  if (query) return { category: query.library === 'redis' ? 'cache' : 'database', client: query.library, method: query.method, text: query.text, location: query.location, chain: [] };
  const tsm = typescript();
  if (!tsm.isCallExpression(node)) return undefined;
  let callee: ts.Expression = node.expression;
  while (tsm.isParenthesizedExpression(callee) || tsm.isNonNullExpression(callee) || tsm.isAsExpression(callee)) callee = callee.expression;
  const kind = (tsm.isPropertyAccessExpression(callee) && tsm.isIdentifier(callee.name) ? receiverIo(callee, checker) : undefined) ?? calledIo(callee, checker);
  if (!kind) return undefined;
  const file = node.getSourceFile();
  const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
  const text = oneLine(callee.getText(file));
  return { ...kind, text: text.length <= MAX_TEXT ? text : `${text.slice(0, MAX_TEXT - 1)}…`, location: `${path.basename(file.fileName)}:${line}`, chain: [] };
}

/** `client.post(…)`, `queue.add(…)`, `transporter.sendMail(…)` on a receiver whose type the package declares. */
function receiverIo(callee: ts.PropertyAccessExpression, checker: ts.TypeChecker): RemoteIoKind | undefined {
  const method = callee.name.text;
  if (!REMOTE_IO_METHOD_NAMES.has(method)) return undefined;
  const origin = typeOriginOf(checker, typeOfTsValue(checker, callee.expression));
  if (origin.kind !== 'package' || !Object.hasOwn(REMOTE_IO_METHODS, origin.packageName)) return undefined;
  const { category, methods } = REMOTE_IO_METHODS[origin.packageName];
  return methods.has(method) ? { category, client: origin.packageName, method } : undefined;
}

/** `fetch(…)` (the global one), `readFile(…)` from `fs/promises`, `setTimeout(ms)` from `timers/promises`, `axios(config)`, `this.http(config)`. */
function calledIo(callee: ts.Expression, checker: ts.TypeChecker): RemoteIoKind | undefined {
  const tsm = typescript();
  const nameNode = tsm.isIdentifier(callee) ? callee : tsm.isPropertyAccessExpression(callee) && tsm.isIdentifier(callee.name) ? callee.name : undefined;
  if (!nameNode) return undefined;
  const symbol = symbolAtLocation(checker, nameNode);
  if (!symbol) return undefined;
  const declaration = symbol.valueDeclaration ?? symbol.getDeclarations()?.[0];
  if (!declaration) return undefined;
  const fileName = declaration.getSourceFile().fileName.replaceAll('\\', '/');
  if (declaration.getSourceFile().isDeclarationFile || fileName.includes('/node_modules/')) {
    const name = symbol.getName();
    const packageName = packageOfFile(fileName);
    if (name === 'fetch' && packageName !== undefined && GLOBAL_FETCH_PACKAGES.has(packageName)) return { category: 'http', client: 'fetch', method: 'fetch' };
    if (packageName === 'node' && FILE_FUNCTIONS.has(name) && (fileName.endsWith('/fs/promises.d.ts') || fileName.endsWith('/fs.d.ts'))) return { category: 'file', client: 'fs', method: name };
    if (packageName === 'node' && SLEEP_FUNCTIONS.has(name) && fileName.endsWith('/timers/promises.d.ts')) return { category: 'sleep', client: 'timers/promises', method: name };
  } else if (tsm.isFunctionLike(declaration) || tsm.isClassLike(declaration)) {
    // A function of the project is followed, not classified; a variable may hold a client (`const http = axios.create()`).
    return undefined;
  }
  const origin = typeOriginOf(checker, typeOfTsValue(checker, callee));
  if (origin.kind !== 'package' || !Object.hasOwn(CALLABLE_HTTP, origin.packageName) || !CALLABLE_HTTP[origin.packageName].has(origin.typeName)) return undefined;
  const method = origin.packageName === 'undici' || origin.packageName === 'node-fetch' ? origin.typeName : 'call';
  return { category: 'http', client: origin.packageName, method };
}

/** The limiter package of the nearest callback around `node` (inside `fn`) handed to a limiter: `limit(() => node)`, `queue.add(() => node)`. */
function tsLimiter(node: ts.Node, fn: ts.Node, checker: ts.TypeChecker): string | undefined {
  const tsm = typescript();
  for (let current = node.parent; current && current !== fn; current = current.parent) {
    if (!tsm.isArrowFunction(current) && !tsm.isFunctionExpression(current)) continue;
    let argument: ts.Node = current;
    while (tsm.isParenthesizedExpression(argument.parent)) argument = argument.parent;
    const call = argument.parent;
    if (!call || !tsm.isCallExpression(call) || !call.arguments.some((candidate) => candidate === argument)) continue;
    const callee = call.expression;
    if (tsm.isIdentifier(callee)) {
      const origin = typeOriginOf(checker, typeOfTsValue(checker, callee));
      if (origin.kind === 'package' && isCalledWithTask(origin.packageName)) return origin.packageName;
    } else if (tsm.isPropertyAccessExpression(callee) && tsm.isIdentifier(callee.name) && LIMITER_METHOD_NAMES.has(callee.name.text)) {
      const origin = typeOriginOf(checker, typeOfTsValue(checker, callee.expression));
      if (origin.kind === 'package' && isLimiterMethod(origin.packageName, callee.name.text)) return origin.packageName;
    }
  }
  return undefined;
}

const WAIT_FOR_ALL = new Set(['all', 'allSettled']);

/**
 * As awaited.ts decides on ESTree: the promise `node` makes is awaited, returned, yielded, an arrow
 * function's body, an element (or the `items.map(…)` array) given to `Promise.all`, or continued with
 * `.then/.catch/.finally` in a chain that is itself waited for.
 */
function isPromiseWaitedFor(node: ts.Node): boolean {
  const tsm = typescript();
  let current = node;
  for (let step = 0; step < 20; step++) {
    const { child, parent } = tsParentSkippingWrappers(current);
    if (!parent) return false;
    if (tsm.isAwaitExpression(parent) || tsm.isReturnStatement(parent) || tsm.isYieldExpression(parent)) return true;
    if (tsm.isArrowFunction(parent)) return parent.body === child;
    if (tsm.isArrayLiteralExpression(parent)) {
      const call = parent.parent;
      if (!call || !tsm.isCallExpression(call) || call.arguments[0] !== parent || !isTsWaitForAll(call)) return false;
      current = call;
    } else if (tsm.isCallExpression(parent)) {
      if (parent.arguments[0] !== child || !isTsWaitForAll(parent)) return false;
      current = parent;
    } else if (tsm.isPropertyAccessExpression(parent)) {
      const call = parent.parent;
      if (parent.expression !== child || !PROMISE_CONTINUATIONS.has(parent.name.text) || !call || !tsm.isCallExpression(call) || call.expression !== parent) return false;
      current = call;
    } else {
      return false;
    }
  }
  return false;
}

/** `Promise.all(…)` or `Promise.allSettled(…)`. */
function isTsWaitForAll(call: ts.CallExpression): boolean {
  const tsm = typescript();
  const callee = call.expression;
  return tsm.isPropertyAccessExpression(callee) && tsm.isIdentifier(callee.expression) && callee.expression.text === 'Promise' && WAIT_FOR_ALL.has(callee.name.text);
}

function isNestedTsFunction(node: ts.Node): node is ts.FunctionLikeDeclaration {
  const tsm = typescript();
  return tsm.isArrowFunction(node) || tsm.isFunctionExpression(node) || tsm.isFunctionDeclaration(node) || tsm.isMethodDeclaration(node);
}

/** `node` runs inside a function, within `fn`, that a cache calls to fill itself on a miss, or `fn` answers from a map it fills. */
function fillsCache(node: TSESTree.Node, fn: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  for (let current = node.parent; current && current !== fn; current = current.parent) {
    if ((current.type === AST_NODE_TYPES.ArrowFunctionExpression || current.type === AST_NODE_TYPES.FunctionExpression) && isCacheFillCallback(current)) return true;
  }
  return isCacheAsideFunction(fn, sourceCode) || inCacheMissBranch(node, sourceCode);
}

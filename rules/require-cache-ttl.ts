import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../src/ast/node-types';
import { isNullishValue } from '../src/ast/expressions';
import { pushChildNodes } from '../src/ast/children';
import { isFunction } from '../src/ast/code-shape';
import { oneLineText } from '../src/ast/source-text';
import { getDbOperations, type DbOperationStep } from '../src/analysis/db-operations';
import { holderOf, usesOf, type HeldValueUse } from '../src/analysis/held-values';
import {
  calledMethodName,
  getReceiverPackage,
  memberName,
  packageOfSpecifier,
  receiverBinding,
  resolveBinding,
  resolveTypeReference,
  skipExpressionWrappers,
  type TypeReferenceOrigin,
} from '../src/analysis/library-origin';
import { moduleTraceMap, ReferenceTracker, trackModuleReferences, type TraceMap } from '../src/analysis/modules';
import { DEFAULT_SCRIPT_GLOBS, scriptsOptionSchema, getRequestPath, type RequestPathAnalyzer } from '../src/analysis/request-path';
import { createRule } from '../src/create-rule';
import { textMentionsAny } from '../src/analysis/text-facts';

type Options = [{ scripts: string[] }];
type MessageIds = 'redisNoExpiry' | 'nodeCacheNoTtl' | 'cacheManagerNoTtl';

/** present: an expiry is set; unknown: the code doesn't show (stay quiet); missing: none is. */
type ExpiryState = 'present' | 'unknown' | 'missing';

/** Redis commands that write a string key without an expiry (lower case: node-redis spells them `setNX`, `mSet`). */
const REDIS_WRITES = new Set(['set', 'setnx', 'mset', 'msetnx']);
/** Commands that give an existing key a TTL. */
const REDIS_EXPIRES = new Set(['expire', 'pexpire', 'expireat', 'pexpireat', 'getex']);
/** `SET` arguments that set (or keep) an expiry, in any case: Redis reads its tokens case-insensitively. */
const SET_EXPIRY_TOKENS = new Set(['EX', 'PX', 'EXAT', 'PXAT', 'KEEPTTL']);
/**
 * `SET` options that set an expiry, compared in upper case: node-redis spells them `EX`, `PX`… (and `expiration`
 * since v5), Upstash's client `ex`, `px`, `exat`, `pxat`, `keepTtl` (`redis.set(key, value, { ex: 60 })`).
 */
const SET_EXPIRY_OPTIONS = new Set(['EX', 'PX', 'EXAT', 'PXAT', 'KEEPTTL', 'EXPIRATION']);
/** Commands that add to a counter: a key the file keeps counting (and never expires) holds data, not a cached copy. */
const REDIS_COUNTERS = new Set(['incr', 'incrby', 'incrbyfloat', 'decr', 'decrby']);
/** Packages whose clients the Redis part of the database analysis knows. */
const REDIS_PACKAGES = new Set(['ioredis', 'redis', '@redis/client', '@upstash/redis']);
/** Calls that lead from a client to what the command is queued on: pipelines, MULTI, duplicated clients, earlier commands of a chain. */
const CHAINING_METHODS = new Set(['pipeline', 'multi', 'batch', 'duplicate', 'isolated', ...REDIS_WRITES, ...REDIS_EXPIRES]);
/** ioredis `pipeline([...])` and `multi([...])` take commands as arrays. */
const COMMAND_ARRAY_METHODS = new Set(['pipeline', 'multi']);
/**
 * The first letter (lower case) and length of every method name above. With types, every call of every file
 * reaches the listener: this lets most of them (`findMany`, `push`, `send`) go before a `toLowerCase`.
 */
const WATCHED_SHAPES = new Set([...REDIS_WRITES, ...REDIS_EXPIRES, ...REDIS_COUNTERS, ...COMMAND_ARRAY_METHODS].map((name) => nameShape(name)));

function nameShape(name: string): number {
  // `| 0x20` lower-cases an ASCII letter; other characters give shapes no watched name has.
  return (name.charCodeAt(0) | 0x20) * 64 + Math.min(name.length, 63);
}

type RedisFlavour = 'ioredis' | 'node-redis' | 'upstash' | 'unknown';

const REDIS_FIX: Readonly<Record<'set' | 'setnx' | 'mset', Readonly<Record<RedisFlavour, string>>>> = {
  set: {
    ioredis: "Pass an expiry (`set(key, value, 'EX', seconds)`, or `setex`), or `expire` the key right after writing it",
    'node-redis': "Pass an expiry (`{ expiration: { type: 'EX', value: seconds } }`, or `{ EX: seconds }` before v5), or `expire` the key right after writing it",
    upstash: 'Pass an expiry (`set(key, value, { ex: seconds })`), or `expire` the key right after writing it',
    unknown: "Pass an expiry (`'EX', seconds` with ioredis, `{ EX: seconds }` with node-redis), or `expire` the key right after writing it",
  },
  setnx: {
    ioredis: "SETNX cannot set a TTL: use `set(key, value, 'EX', seconds, 'NX')` instead",
    'node-redis': "SETNX cannot set a TTL: use `set(key, value, { condition: 'NX', expiration: { type: 'EX', value: seconds } })` instead",
    upstash: 'SETNX cannot set a TTL: use `set(key, value, { nx: true, ex: seconds })` instead',
    unknown: 'SETNX cannot set a TTL: use SET with NX and an expiry instead',
  },
  mset: {
    ioredis: "MSET cannot set a TTL: write each key with `set(key, value, 'EX', seconds)` in a pipeline or MULTI, or `expire` each key after",
    'node-redis': "MSET cannot set a TTL: write each key with an `expiration` in a MULTI, or `expire` each key after",
    upstash: 'MSET cannot set a TTL: write each key with `set(key, value, { ex: seconds })` in a pipeline, or `expire` each key after',
    unknown: 'MSET cannot set a TTL: write each key with an expiry in a pipeline or MULTI, or `expire` each key after',
  },
};

/** A Redis command that writes keys without an expiry (or that might, depending on its arguments). */
interface RedisWrite {
  /** The call, or the command array in `pipeline([...])`. */
  node: TSESTree.CallExpression | TSESTree.ArrayExpression;
  command: 'set' | 'setnx' | 'mset';
  /** Arguments after the command name: key, value, options. */
  args: readonly TSESTree.Node[];
  /** The call that names the receiver (for the client flavour): the command call or the `pipeline([...])` call. */
  call: TSESTree.CallExpression;
}

/** A command that gives a key a TTL, and where. */
interface ExpiryEvent {
  node: TSESTree.Node;
  key: TSESTree.Node | undefined;
  scope: TSESTree.Node;
}

const { CALL, CONSTRUCT } = ReferenceTracker;
type CacheFactory = 'node-cache' | 'createCache' | 'caching';
const CACHE_TRACE_MAP = moduleTraceMap({
  'node-cache': { [CONSTRUCT]: 'node-cache' },
  'cache-manager': { createCache: { [CALL]: 'createCache' }, caching: { [CALL]: 'caching' } },
} as unknown as TraceMap<CacheFactory>);

const MAX_CALL_TEXT = 40;

export default createRule<Options, MessageIds>({
  name: 'require-cache-ttl',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require a TTL on cache writes (Redis `SET`, node-cache, cache-manager)',
      guide: 'cache-ttls',
      recommended: 'recommended',
    },
    schema: [
      {
        type: 'object',
        properties: {
          scripts: scriptsOptionSchema('whose writes are not cache writes of a running service.'),
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ scripts: [...DEFAULT_SCRIPT_GLOBS] }],
    messages: {
      redisNoExpiry:
        '`{{call}}` writes a Redis key that never expires: it stays until something deletes it, serving stale data after a missed invalidation while memory grows with every new key. {{fix}}.',
      nodeCacheNoTtl:
        '`{{call}}` creates a node-cache without a default `stdTTL`, so every entry set without its own ttl never expires: it goes stale and the cache only grows. Pass `{ stdTTL: seconds }`.',
      cacheManagerNoTtl:
        '`{{call}}` stores an entry without a ttl in a cache created without a default ttl (`{{creation}}`), so it never expires: it goes stale and the cache only grows. Pass a ttl here, or create the cache with `{ ttl }`.',
    },
  },
  create(context, [options]) {
    const { sourceCode } = context;
    // Without types, a Redis client shows in the text (its package, or a `redis…` name), and so do the cache libraries.
    if (!sourceCode.parserServices?.program && !textMentionsAny(sourceCode, ['redis', 'Redis', 'REDIS', 'node-cache', 'cache-manager'])) return {};
    const db = getDbOperations(context);
    const writes: RedisWrite[] = [];
    const expiries: ExpiryEvent[] = [];
    /** Keys the file counts with `incr`, `incrbyfloat`…. */
    const counted: TSESTree.Node[] = [];

    function redisStep(call: TSESTree.CallExpression): DbOperationStep | undefined {
      const step = db.classifyStep(call);
      if (step) {
        if (step.library !== 'redis' || step.evidence !== 'shape') return step.library === 'redis' ? step : undefined;
        // A name-only guess (`this.redis.set(…)`) does not stand when the receiver is declared with another
        // type: a wrapper such as `RedisService` may add a TTL of its own.
        const declared = declaredReceiverType(call, sourceCode);
        return declared === undefined || declared.kind === 'keyword' ? step : undefined;
      }
      // The database analysis does not read a default-imported client type as an annotation:
      // `constructor(private readonly redis: Redis)` with `import Redis from 'ioredis'`.
      const declared = declaredReceiverType(call, sourceCode);
      if (declared?.kind === 'import' && !declared.isProjectModule && REDIS_PACKAGES.has(packageOfSpecifier(declared.source))) {
        return { library: 'redis', method: calledMethodName(call) ?? '', evidence: 'annotation', sentLater: false };
      }
      return undefined;
    }

    function collectCommandArray(call: TSESTree.CallExpression) {
      const list = call.arguments[0];
      if (list?.type !== AST_NODE_TYPES.ArrayExpression) return;
      for (const element of list.elements) {
        if (element?.type !== AST_NODE_TYPES.ArrayExpression) continue;
        const name = staticString(element.elements[0] ?? undefined)?.toLowerCase();
        if (name === undefined) continue;
        const args = element.elements.slice(1).filter((arg): arg is TSESTree.Expression | TSESTree.SpreadElement => arg !== null);
        if (REDIS_WRITES.has(name)) writes.push({ node: element, command: commandOf(name), args, call });
        else if (REDIS_EXPIRES.has(name) && args.length > 1) expiries.push({ node: element, key: args[0], scope: outermostFunction(element) });
        else if (REDIS_COUNTERS.has(name) && args[0]) counted.push(args[0]);
      }
    }

    return {
      CallExpression(node) {
        const method = calledMethodName(node);
        if (method === undefined || !WATCHED_SHAPES.has(nameShape(method))) return;
        const name = method.toLowerCase();
        if (REDIS_WRITES.has(name)) {
          if (redisStep(node)) writes.push({ node, command: commandOf(name), args: node.arguments, call: node });
        } else if (REDIS_EXPIRES.has(name)) {
          if (node.arguments.length > 1 && redisStep(node)) expiries.push({ node, key: node.arguments[0], scope: outermostFunction(node) });
        } else if (REDIS_COUNTERS.has(name)) {
          if (node.arguments[0] && redisStep(node)) counted.push(node.arguments[0]);
        } else if (COMMAND_ARRAY_METHODS.has(name) && node.arguments[0]?.type === AST_NODE_TYPES.ArrayExpression) {
          if (redisStep(node)) collectCommandArray(node);
        }
      },
      'Program:exit'() {
        const mayUseCacheLibrary = textMentionsAny(sourceCode, ['node-cache', 'cache-manager']);
        if (writes.length === 0 && !mayUseCacheLibrary) return;
        const requestPath = getRequestPath(context, { scripts: options.scripts });
        // Tests, CLI scripts, migrations, seeds and config files write what they like.
        if (requestPath.fileKind !== 'server') return;
        for (const write of writes) checkRedisWrite(write, requestPath);
        if (mayUseCacheLibrary) checkCacheLibraries(requestPath);
      },
    };

    function checkRedisWrite(write: RedisWrite, requestPath: RequestPathAnalyzer) {
      if (write.command === 'set' && setExpiry(write.args, sourceCode) !== 'missing') return;
      if (expiryFollows(write, expiries, sourceCode) || otherBranchExpires(write, sourceCode)) return;
      if (write.command === 'set' && write.args[0] && isKeptCounter(write.args[0])) return;
      // `redis.set('configs_erxes_api', '')`: an emptied key is an invalidation, not an entry a request adds.
      if (write.command === 'set' && write.args[1] && isEmptyValue(write.args[1])) return;
      // Writes at startup or at module load set up state once; they are not cache entries of requests.
      if (!requestPath.classify(write.node).onRequestPath) return;
      context.report({
        node: write.node,
        messageId: 'redisNoExpiry',
        data: { call: commandText(write, sourceCode), fix: REDIS_FIX[write.command][redisFlavour(write.call)] },
      });
    }

    /**
     * A key of a family the file also counts (`incrbyfloat(\`count:measure:${m}:timespan:${day}\`)`) and never expires:
     * a statistics store keeps its totals there for good (Standard Notes' analytics), and an expiry would lose them.
     */
    function isKeptCounter(key: TSESTree.Node): boolean {
      return counted.some((counter) => sameKeyFamily(key, counter, sourceCode)) && !expiries.some((expiry) => expiry.key !== undefined && sameKeyFamily(key, expiry.key, sourceCode));
    }

    function redisFlavour(call: TSESTree.CallExpression): RedisFlavour {
      const callee = skipExpressionWrappers(call.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return 'unknown';
      const origin = getReceiverPackage(callee.object, context);
      if (origin?.packageName === 'ioredis') return 'ioredis';
      if (origin?.packageName === 'redis' || origin?.packageName === '@redis/client') return 'node-redis';
      if (origin?.packageName === '@upstash/redis') return 'upstash';
      return 'unknown';
    }

    function checkCacheLibraries(requestPath: RequestPathAnalyzer) {
      for (const { node, info } of trackModuleReferences(sourceCode, CACHE_TRACE_MAP)) {
        if (info === 'node-cache' && node.type === AST_NODE_TYPES.NewExpression) checkNodeCache(node);
        else if (info !== 'node-cache' && node.type === AST_NODE_TYPES.CallExpression) checkCacheManager(node, info, requestPath);
      }
    }

    /**
     * `new NodeCache()` without `stdTTL`: reported at the constructor, unless this file keeps the instance to
     * itself and every write to it passes a ttl.
     */
    function checkNodeCache(creation: TSESTree.NewExpression) {
      const defaults = readObject(creation.arguments[0], sourceCode);
      if (defaults === 'unknown') return;
      if (defaults) {
        const stdTTL = defaults.properties.get('stdTTL');
        if (defaults.properties.has('stdTTL') && (stdTTL === undefined || !isNoExpiry(stdTTL))) return;
        if (!defaults.complete) return;
      }
      const holder = holderOf(creation, sourceCode);
      if (holder) {
        const uses = usesOf(holder, sourceCode);
        const writesToIt = uses.filter((use) => use.kind === 'call' && (use.method === 'set' || use.method === 'mset'));
        const keptHere = !uses.some((use) => use.kind === 'escape');
        if (keptHere && writesToIt.length > 0 && writesToIt.every((use) => nodeCacheWriteExpiry(use, uses, sourceCode) !== 'missing')) return;
      }
      context.report({ node: creation, messageId: 'nodeCacheNoTtl', data: { call: shortText(creation, sourceCode, 'new NodeCache(…)') } });
    }

    /** cache-manager: writes without a ttl to a cache created in this file without a default ttl. */
    function checkCacheManager(creation: TSESTree.CallExpression, factory: CacheFactory, requestPath: RequestPathAnalyzer) {
      if (cacheManagerDefaultTtl(creation, factory, sourceCode) !== 'missing') return;
      const holder = holderOf(creation, sourceCode);
      if (!holder) return;
      for (const use of usesOf(holder, sourceCode)) {
        if (use.kind !== 'call' || cacheManagerWriteExpiry(use.call, use.method, sourceCode) !== 'missing') continue;
        if (!requestPath.classify(use.call).onRequestPath) continue;
        context.report({
          node: use.call,
          messageId: 'cacheManagerNoTtl',
          data: { call: shortText(use.call, sourceCode, `${use.method}(…)`), creation: shortText(creation, sourceCode, `${factory}(…)`) },
        });
      }
    }
  },
});

function commandOf(name: string): 'set' | 'setnx' | 'mset' {
  if (name === 'set') return 'set';
  return name === 'setnx' ? 'setnx' : 'mset';
}

// -----------------------------------------------------------------------------------------------------------
// Redis: does the write carry an expiry, or does one follow it?

/**
 * `SET key value [EX s | PX ms | EXAT t | PXAT t | KEEPTTL] [NX | XX] [GET]` (ioredis: tokens as string
 * arguments in any order; node-redis: an options object). A token or options the code does not spell out
 * (a variable, a call) may carry an expiry: unknown.
 */
function setExpiry(args: readonly TSESTree.Node[], sourceCode: Readonly<TSESLint.SourceCode>): ExpiryState {
  if (args.length < 2) return 'unknown';
  for (const arg of args.slice(2)) {
    const current = skipExpressionWrappers(arg);
    const text = staticString(current);
    if (text !== undefined) {
      if (SET_EXPIRY_TOKENS.has(text.toUpperCase())) return 'present';
      continue;
    }
    if (current.type === AST_NODE_TYPES.Literal) continue; // the number after a token we already passed
    if (current.type === AST_NODE_TYPES.ArrowFunctionExpression || current.type === AST_NODE_TYPES.FunctionExpression) continue; // a callback
    const options = readObject(current, sourceCode);
    if (!options || options === 'unknown') return 'unknown';
    for (const [name, value] of options.properties) {
      const option = name.toUpperCase();
      if (!SET_EXPIRY_OPTIONS.has(option)) continue;
      if (value === undefined || !(isNullishValue(value) || (option === 'KEEPTTL' && isFalse(value)))) return 'present';
    }
    if (!options.complete) return 'unknown';
  }
  return 'missing';
}

/** Commands that write a key with a TTL, as a method (`setex`) or as a command name (`send('SETEX', …)`). */
const EXPIRING_COMMANDS = new Set(['setex', 'psetex', 'expire', 'pexpire', 'expireat', 'pexpireat', 'getex']);
const MAX_BRANCH_NODES = 400;

/**
 * `if (ttl > 0) redis.setex(key, ttl, v); else redis.set(key, v);`: the write without an expiry is the branch its
 * caller chose (a TTL of 0 meaning "keep"), beside one that writes with a TTL. A wrapper with a TTL parameter.
 * Written as a guard clause (`if (ttl) { return redis.set(key, v, 'PX', ttl); } return redis.set(key, v);`), the
 * statements after an `if` whose branch always leaves are its `else`: there the branch must write the same key. An
 * `else` that deletes the key when the value is missing keeps it in step with its source instead (`testsValue`).
 */
function otherBranchExpires(write: RedisWrite, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const key = write.command === 'mset' ? undefined : write.args[0];
  let child: TSESTree.Node = write.node;
  for (let node: TSESTree.Node | undefined = write.node.parent; node && !isFunction(node); child = node, node = node.parent) {
    if (node.type === AST_NODE_TYPES.IfStatement || node.type === AST_NODE_TYPES.ConditionalExpression) {
      const other = node.consequent === child ? node.alternate : node.alternate === child ? node.consequent : undefined;
      if (other && writesWithExpiry(other, sourceCode)) return true;
      if (other && key !== undefined && write.args[1] && testsValue(node.test, write.args[1], sourceCode) && deletesKey(other, key, sourceCode)) return true;
      continue;
    }
    for (const earlier of statementsBefore(node, child)) {
      if (earlier.type === AST_NODE_TYPES.IfStatement && !earlier.alternate && alwaysLeaves(earlier.consequent) && writesWithExpiry(earlier.consequent, sourceCode, key)) {
        return true;
      }
    }
  }
  return false;
}

/**
 * `if (url) redis.set(key, url); else redis.del(key);`: the key mirrors a value kept elsewhere (Papermark's custom-domain
 * redirects, kept beside the database row), written when it is set and deleted when it is cleared. Its readers find
 * it there or nowhere, and an expiry would lose it. The choice must test the written value: a branch that deletes the
 * key after another change (a new row) is a cache's invalidation, and the other branch's write a cache entry.
 */
function testsValue(test: TSESTree.Node, value: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  let tested = skipExpressionWrappers(test);
  if (tested.type === AST_NODE_TYPES.UnaryExpression && tested.operator === '!') tested = skipExpressionWrappers(tested.argument);
  if (tested.type === AST_NODE_TYPES.BinaryExpression && ['===', '!==', '==', '!='].includes(tested.operator)) {
    const isNothing = (side: TSESTree.Node) => (side.type === AST_NODE_TYPES.Literal && side.value === null) || (side.type === AST_NODE_TYPES.Identifier && side.name === 'undefined');
    if (isNothing(tested.right)) tested = skipExpressionWrappers(tested.left as TSESTree.Node);
    else if (isNothing(tested.left as TSESTree.Node)) tested = skipExpressionWrappers(tested.right);
  }
  return tokenText(tested, sourceCode) === tokenText(skipExpressionWrappers(value), sourceCode);
}

function deletesKey(branch: TSESTree.Node, key: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const keyText = tokenText(key, sourceCode);
  return someCallIn(branch, sourceCode, (call) => {
    const method = calledMethodName(call)?.toLowerCase();
    return (method === 'del' || method === 'unlink') && call.arguments[0] !== undefined && tokenText(call.arguments[0], sourceCode) === keyText;
  });
}

/** The statements before `child` in the statement list `node` holds (a block, a `case`). */
function statementsBefore(node: TSESTree.Node, child: TSESTree.Node): readonly TSESTree.Node[] {
  let list: readonly TSESTree.Node[] | undefined;
  if (node.type === AST_NODE_TYPES.BlockStatement || node.type === AST_NODE_TYPES.StaticBlock || node.type === AST_NODE_TYPES.Program) list = node.body;
  else if (node.type === AST_NODE_TYPES.SwitchCase) list = node.consequent;
  const index = list ? list.indexOf(child) : -1;
  return list && index > 0 ? list.slice(0, index) : [];
}

/** Control never reaches the statement after this one: `return`, `throw`, `break`, `continue`, or a block or `if`/`else` that always does. */
function alwaysLeaves(statement: TSESTree.Statement): boolean {
  switch (statement.type) {
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.ThrowStatement:
    case AST_NODE_TYPES.BreakStatement:
    case AST_NODE_TYPES.ContinueStatement:
      return true;
    case AST_NODE_TYPES.BlockStatement:
      return statement.body.some(alwaysLeaves);
    case AST_NODE_TYPES.IfStatement:
      return statement.alternate !== null && alwaysLeaves(statement.consequent) && alwaysLeaves(statement.alternate);
    default:
      return false;
  }
}

/**
 * The branch writes a key with an expiry; given `key`, that very key, spelled the same: a guard that sets a lock with
 * an expiry before writing another key (`lockKey`, then `doneKey`) leaves the later write unexpired.
 */
function writesWithExpiry(branch: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, key?: TSESTree.Node): boolean {
  const sameKey = (written: TSESTree.Node | undefined) => key === undefined || (written !== undefined && tokenText(key, sourceCode) === tokenText(written, sourceCode));
  return someCallIn(branch, sourceCode, (call) => {
    const method = calledMethodName(call)?.toLowerCase();
    if (method !== undefined && EXPIRING_COMMANDS.has(method) && sameKey(call.arguments[0])) return true;
    const command = staticString(call.arguments[0])?.toLowerCase();
    if (command !== undefined && EXPIRING_COMMANDS.has(command) && sameKey(call.arguments[1])) return true;
    return method === 'set' && setExpiry(call.arguments, sourceCode) === 'present' && sameKey(call.arguments[0]);
  });
}

/** Some call in `branch`, its nested functions aside (up to `MAX_BRANCH_NODES` nodes), passes `test`. */
function someCallIn(branch: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, test: (call: TSESTree.CallExpression) => boolean): boolean {
  const queue: TSESTree.Node[] = [branch];
  for (let index = 0; index < queue.length && index < MAX_BRANCH_NODES; index++) {
    const node = queue[index];
    if (node.type === AST_NODE_TYPES.CallExpression && test(node)) return true;
    if (isFunction(node)) continue;
    pushChildNodes(node, sourceCode.visitorKeys, queue);
  }
  return false;
}

/**
 * An `expire`-family command after the write, in the same function (or the same pipeline chain), on the same
 * key or on one the rule cannot tell apart from it. MSET writes many keys: any later expiry will do.
 */
function expiryFollows(write: RedisWrite, expiries: readonly ExpiryEvent[], sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const scope = outermostFunction(write.node);
  const key = write.args[0];
  return expiries.some(
    (expiry) =>
      expiry.scope === scope &&
      expiry.node.range[1] > write.node.range[1] &&
      (write.command === 'mset' || key === undefined || expiry.key === undefined || keysMayBeEqual(key, expiry.key, sourceCode)),
  );
}

/** The outermost function around `node` (or the program): where a write and the expiry that follows it are looked for together. */
function outermostFunction(node: TSESTree.Node): TSESTree.Node {
  let outermost: TSESTree.Node | undefined;
  let current: TSESTree.Node | undefined = node.parent;
  for (; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.FunctionDeclaration || current.type === AST_NODE_TYPES.FunctionExpression || current.type === AST_NODE_TYPES.ArrowFunctionExpression) {
      outermost = current;
    }
    if (!current.parent) break;
  }
  return outermost ?? current ?? node;
}

/** Same text, or keys whose fixed leading text does not rule it out (`user:${id}` vs `user:${id}`, `k` vs `key`). */
function keysMayBeEqual(a: TSESTree.Node, b: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (tokenText(a, sourceCode) === tokenText(b, sourceCode)) return true;
  const left = staticPrefix(a, 0);
  const right = staticPrefix(b, 0);
  if (left.exact && right.exact) return left.text === right.text;
  return left.text.startsWith(right.text) || right.text.startsWith(left.text);
}

/** The same text, or templates with the same fixed parts (`count:${a}:day:${b}` and `count:${x}:day:${y()}`). */
function sameKeyFamily(a: TSESTree.Node, b: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (tokenText(a, sourceCode) === tokenText(b, sourceCode)) return true;
  const left = skipExpressionWrappers(a);
  const right = skipExpressionWrappers(b);
  if (left.type !== AST_NODE_TYPES.TemplateLiteral || right.type !== AST_NODE_TYPES.TemplateLiteral || left.quasis.length !== right.quasis.length) return false;
  // A template of variables only (`${key}`) names no family.
  if (left.quasis.every((quasi) => quasi.value.cooked === '')) return false;
  return left.quasis.every((quasi, index) => quasi.value.cooked === right.quasis[index].value.cooked);
}

function tokenText(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): string {
  return sourceCode
    .getTokens(node)
    .map((token) => token.value)
    .join(' ');
}

/** The text a key surely starts with, and whether that is all of it. */
function staticPrefix(node: TSESTree.Node, depth: number): { text: string; exact: boolean } {
  const current = skipExpressionWrappers(node);
  if (current.type === AST_NODE_TYPES.Literal) return { text: String(current.value), exact: true };
  if (current.type === AST_NODE_TYPES.TemplateLiteral) return { text: current.quasis[0]?.value.cooked ?? '', exact: current.expressions.length === 0 };
  if (current.type === AST_NODE_TYPES.BinaryExpression && current.operator === '+' && depth < 8) {
    const left = staticPrefix(current.left, depth + 1);
    if (!left.exact) return left;
    const right = staticPrefix(current.right, depth + 1);
    return { text: left.text + right.text, exact: right.exact };
  }
  return { text: '', exact: false };
}

/**
 * The type annotation of the variable, parameter or field a method is called on (`redis: RedisService`,
 * `private readonly redis: Redis`), followed through the client's own calls (`this.redis.pipeline().set(…)`),
 * not through properties (`this.cache.redis.set(…)` reaches what the wrapper holds).
 */
function declaredReceiverType(call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): TypeReferenceOrigin | undefined {
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  let receiver = skipExpressionWrappers(callee.object);
  for (let depth = 0; depth < 16 && receiver.type === AST_NODE_TYPES.CallExpression; depth++) {
    const inner = skipExpressionWrappers(receiver.callee);
    const method = inner.type === AST_NODE_TYPES.MemberExpression ? memberName(inner)?.toLowerCase() : undefined;
    if (method === undefined || !CHAINING_METHODS.has(method)) return undefined;
    receiver = skipExpressionWrappers((inner as TSESTree.MemberExpression).object);
  }
  const binding = receiverBinding(receiver, sourceCode.getScope(receiver));
  if (binding?.kind !== 'declared' || !binding.type) return undefined;
  return resolveTypeReference(binding.type, sourceCode.getScope(receiver));
}

// -----------------------------------------------------------------------------------------------------------
// node-cache and cache-manager.

/** node-cache `set(key, value, ttl)`, `mset([{ key, val, ttl }])`, or a `ttl(key, seconds)` after the write. */
function nodeCacheWriteExpiry(use: HeldValueUse, uses: readonly HeldValueUse[], sourceCode: Readonly<TSESLint.SourceCode>): ExpiryState {
  if (use.kind !== 'call') return 'unknown';
  const args = use.call.arguments;
  if (args.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) return 'unknown';
  if (use.method === 'mset') return itemsExpiry(args[0], 'ttl', sourceCode);
  const ttl = args[2];
  if (ttl && !isNoExpiry(ttl)) return 'present';
  const key = args[0];
  const scope = outermostFunction(use.call);
  const setLater = uses.some(
    (other) =>
      other.kind === 'call' &&
      other.method === 'ttl' &&
      other.call.arguments.length > 1 &&
      other.call.range[0] > use.call.range[1] &&
      outermostFunction(other.call) === scope &&
      (key === undefined || keysMayBeEqual(key, other.call.arguments[0], sourceCode)),
  );
  return setLater ? 'present' : 'missing';
}

/** Every item of an array literal of object literals has `property` (unknown when the list is not spelled out). */
function itemsExpiry(list: TSESTree.Node | undefined, property: string, sourceCode: Readonly<TSESLint.SourceCode>): ExpiryState {
  const current = list && skipExpressionWrappers(list);
  if (current?.type !== AST_NODE_TYPES.ArrayExpression) return 'unknown';
  let state: ExpiryState = 'present';
  for (const element of current.elements) {
    const item = element && readObject(element, sourceCode);
    if (!item || item === 'unknown' || !item.complete) return 'unknown';
    const value = item.properties.get(property);
    if (!item.properties.has(property) || (value !== undefined && isNoExpiry(value))) state = 'missing';
  }
  return state;
}

/**
 * The default ttl of a cache-manager cache: `createCache({ ttl })` (v6, v7), `caching('memory', { ttl })` (v5),
 * `caching({ store, ttl })` (v4). A cache over stores of its own (`stores: [new Keyv(…)]`, `caching(redisStore)`)
 * may take the ttl from them: unknown.
 */
function cacheManagerDefaultTtl(creation: TSESTree.CallExpression, factory: CacheFactory, sourceCode: Readonly<TSESLint.SourceCode>): ExpiryState {
  if (creation.arguments.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) return 'unknown';
  const [first, second] = creation.arguments;
  let options = factory === 'createCache' ? first : second;
  let storeGiven = false;
  if (factory === 'caching') {
    const store = first && staticString(skipExpressionWrappers(first));
    if (store === undefined && first?.type === AST_NODE_TYPES.ObjectExpression && !second) options = first;
    storeGiven = store !== 'memory';
  }
  if (!options) return storeGiven ? 'unknown' : 'missing';
  const object = readObject(options, sourceCode);
  if (!object || object === 'unknown') return 'unknown';
  const ttl = object.properties.get('ttl');
  if (object.properties.has('ttl') && (ttl === undefined || !isNoExpiry(ttl))) return 'present';
  if (!object.complete || storeGiven || object.properties.has('stores') || object.properties.has('store')) return 'unknown';
  return 'missing';
}

/** `cache.set(key, value, ttl)`, `cache.wrap(key, fn, ttl | { ttl })`, `cache.mset([{ key, value, ttl }])` (v7) or `mset(pairs, ttl)` (v5). */
function cacheManagerWriteExpiry(call: TSESTree.CallExpression, method: string | undefined, sourceCode: Readonly<TSESLint.SourceCode>): ExpiryState {
  if (method !== 'set' && method !== 'wrap' && method !== 'mset') return 'unknown';
  const args = call.arguments;
  if (args.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) return 'unknown';
  if (method === 'mset') {
    if (args[1] && !isNoExpiry(args[1])) return 'present';
    const list = args[0] && skipExpressionWrappers(args[0]);
    // v5 pairs: `[[key, value], …]`.
    if (list?.type === AST_NODE_TYPES.ArrayExpression && list.elements.every((element) => element?.type === AST_NODE_TYPES.ArrayExpression)) return 'missing';
    return itemsExpiry(args[0], 'ttl', sourceCode);
  }
  const ttl = args[2];
  if (!ttl || isNoExpiry(ttl)) return 'missing';
  const options = readObject(ttl, sourceCode);
  if (!options || options === 'unknown') return 'present';
  return options.properties.has('ttl') || !options.complete ? 'present' : 'missing';
}

// -----------------------------------------------------------------------------------------------------------
// Small AST helpers.

interface ObjectShape {
  /** Static keys; a shorthand or a value we keep as written. */
  properties: Map<string, TSESTree.Node | undefined>;
  /** No spread and no computed key: the keys are all listed. */
  complete: boolean;
}

/**
 * The properties of an object literal written here or in a `const` of this file that nothing changes.
 * Undefined when the value is not an object (a string, a number); 'unknown' when it may be one we cannot read.
 */
function readObject(node: TSESTree.Node | undefined, sourceCode: Readonly<TSESLint.SourceCode>, depth = 0): ObjectShape | 'unknown' | undefined {
  if (!node) return undefined;
  const current = skipExpressionWrappers(node);
  if (current.type === AST_NODE_TYPES.ObjectExpression) {
    const properties = new Map<string, TSESTree.Node | undefined>();
    let complete = true;
    for (const property of current.properties) {
      if (property.type === AST_NODE_TYPES.SpreadElement) {
        const spread = depth < 3 ? readObject(property.argument, sourceCode, depth + 1) : 'unknown';
        if (!spread || spread === 'unknown') complete = false;
        else {
          for (const [key, value] of spread.properties) properties.set(key, value);
          complete &&= spread.complete;
        }
        continue;
      }
      const key = propertyKey(property);
      if (key === undefined) complete = false;
      else properties.set(key, property.value);
    }
    return { properties, complete };
  }
  if (current.type === AST_NODE_TYPES.Literal || current.type === AST_NODE_TYPES.TemplateLiteral) return undefined;
  if (current.type !== AST_NODE_TYPES.Identifier || depth >= 3) return 'unknown';
  const init = unchangedConstObject(current, sourceCode);
  return init ? readObject(init, sourceCode, depth + 1) : 'unknown';
}

/** The object literal a `const` is initialised with, if no code changes its properties afterwards. */
function unchangedConstObject(identifier: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.ObjectExpression | undefined {
  const binding = resolveBinding(identifier, sourceCode.getScope(identifier));
  if (binding.kind === 'import' || binding.kind === 'global') return undefined;
  let variable: TSESLint.Scope.Variable | undefined;
  for (let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(identifier); scope && !variable; scope = scope.upper) variable = scope.set.get(identifier.name);
  const def = variable?.defs[0];
  if (!variable || variable.defs.length !== 1 || def?.type !== 'Variable') return undefined;
  const declarator = def.node as TSESTree.VariableDeclarator;
  if ((declarator.parent as TSESTree.VariableDeclaration).kind !== 'const' || declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) return undefined;
  const init = skipExpressionWrappers(declarator.init);
  if (init.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const changed = variable.references.some((reference) => {
    const parent = reference.identifier.parent;
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== reference.identifier) {
      // Handed to a function (`Object.assign(opts, …)`, `configure(opts)`) it may be changed.
      return parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(reference.identifier as TSESTree.Expression);
    }
    const outer = parent.parent;
    return (outer?.type === AST_NODE_TYPES.AssignmentExpression && outer.left === parent) || (outer?.type === AST_NODE_TYPES.UnaryExpression && outer.operator === 'delete');
  });
  return changed ? undefined : init;
}

function propertyKey(property: TSESTree.Property): string | undefined {
  if (!property.computed && property.key.type === AST_NODE_TYPES.Identifier) return property.key.name;
  if (property.key.type === AST_NODE_TYPES.Literal && (typeof property.key.value === 'string' || typeof property.key.value === 'number')) return String(property.key.value);
  return undefined;
}

function staticString(node: TSESTree.Node | undefined): string | undefined {
  if (node?.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') return node.value;
  if (node?.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** `''` or `null`: a value that clears what the key held. */
function isEmptyValue(node: TSESTree.Node): boolean {
  const value = skipExpressionWrappers(node);
  return value.type === AST_NODE_TYPES.Literal && (value.value === '' || value.value === null);
}

function isFalse(node: TSESTree.Node): boolean {
  const current = skipExpressionWrappers(node);
  return current.type === AST_NODE_TYPES.Literal && current.value === false;
}

/** `0`, `undefined` or `null`: node-cache and cache-manager read these as "no expiry". */
function isNoExpiry(node: TSESTree.Node): boolean {
  const current = skipExpressionWrappers(node);
  return isNullishValue(current) || (current.type === AST_NODE_TYPES.Literal && current.value === 0);
}

function commandText(write: RedisWrite, sourceCode: Readonly<TSESLint.SourceCode>): string {
  if (write.node.type === AST_NODE_TYPES.ArrayExpression) {
    const name = staticString(write.node.elements[0] ?? undefined) ?? write.command;
    return `['${name}', …]`;
  }
  return shortText(write.node, sourceCode, `${calledMethodName(write.node) ?? write.command}(…)`);
}

/** `callee(…)` when the callee is short and on one line, else the fallback. */
function shortText(node: TSESTree.CallExpression | TSESTree.NewExpression, sourceCode: Readonly<TSESLint.SourceCode>, fallback: string): string {
  const callee = oneLineText(sourceCode, node.callee);
  const text = `${node.type === AST_NODE_TYPES.NewExpression ? 'new ' : ''}${callee}(…)`;
  return text.length <= MAX_CALL_TEXT && !text.includes('\n') ? text : fallback;
}

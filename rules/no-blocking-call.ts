import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../src/ast/node-types';
import { constInitializer, getTypeServices, memberName, packageOfFile, parentSkippingWrappers, skipExpressionWrappers, type TypeServices } from '../src/analysis/library-origin';
import { propertyKeyName } from '../src/ast/expressions';
import { moduleTraceMap, ReferenceTracker, trackModuleReferences } from '../src/analysis/modules';
import { DEFAULT_SCRIPT_GLOBS, scriptsOptionSchema, getRequestPath, globalReferences, sharesServingEventLoop } from '../src/analysis/request-path';
import { describeInput, getRequestInput } from '../src/analysis/request-input';
import { assignedFunctionName, enclosingFunction, functionName } from '../src/ast/code-shape';
import { createRule } from '../src/create-rule';
import { isLazyInitialisation, outlivesCall } from '../src/analysis/lazy-initialisation';
import { runsOncePerProcess } from '../src/analysis/once-guards';
import { isLogFileWrite, SYNC_LOG_WRITE_FUNCTIONS } from '../src/analysis/log-writes';
import { textMentionsAny } from '../src/analysis/text-facts';

type Options = [{ scripts?: string[]; allow?: string[]; maxSyncRandomBytes?: number }];
type MessageIds = 'blockingCall' | 'largeRandom';

/** How to say what a blocking call should become. */
type Alternative = string;

// ---------------------------------------------------------------------------------------------------------
// The blocking APIs, checked against @types/node 20, @types/bcrypt and bcryptjs's own types.

const PROMISES = (name: string) => `\`fs.promises.${name}\` (\`await ${name}(…)\` from 'node:fs/promises')`;
const HANDLE = (method: string) => `\`handle.${method}()\` on a FileHandle from \`fs.promises.open\``;

/** Every synchronous function of `fs`, and its asynchronous counterpart. */
const FS_SYNC: Readonly<Record<string, Alternative>> = {
  accessSync: PROMISES('access'),
  appendFileSync: PROMISES('appendFile'),
  chmodSync: PROMISES('chmod'),
  chownSync: PROMISES('chown'),
  copyFileSync: PROMISES('copyFile'),
  cpSync: PROMISES('cp'),
  existsSync: '`fs.promises.access` (or `stat`) in a try/catch',
  globSync: PROMISES('glob'),
  lchmodSync: PROMISES('lchmod'),
  lchownSync: PROMISES('lchown'),
  linkSync: PROMISES('link'),
  lstatSync: PROMISES('lstat'),
  lutimesSync: PROMISES('lutimes'),
  mkdirSync: PROMISES('mkdir'),
  mkdtempSync: PROMISES('mkdtemp'),
  opendirSync: PROMISES('opendir'),
  openSync: PROMISES('open'),
  readdirSync: PROMISES('readdir'),
  readFileSync: PROMISES('readFile'),
  readlinkSync: PROMISES('readlink'),
  realpathSync: PROMISES('realpath'),
  renameSync: PROMISES('rename'),
  rmdirSync: PROMISES('rmdir'),
  rmSync: PROMISES('rm'),
  statfsSync: PROMISES('statfs'),
  statSync: PROMISES('stat'),
  symlinkSync: PROMISES('symlink'),
  truncateSync: PROMISES('truncate'),
  unlinkSync: PROMISES('unlink'),
  utimesSync: PROMISES('utimes'),
  writeFileSync: PROMISES('writeFile'),
  // File-descriptor functions: their asynchronous forms are FileHandle methods.
  closeSync: HANDLE('close'),
  fchmodSync: HANDLE('chmod'),
  fchownSync: HANDLE('chown'),
  fdatasyncSync: HANDLE('datasync'),
  fstatSync: HANDLE('stat'),
  fsyncSync: HANDLE('sync'),
  ftruncateSync: HANDLE('truncate'),
  futimesSync: HANDLE('utimes'),
  readSync: HANDLE('read'),
  readvSync: HANDLE('readv'),
  writeSync: HANDLE('write'),
  writevSync: HANDLE('writev'),
};

/** fs-extra's own synchronous functions (it re-exports fs's too); without a callback its functions return promises. */
const FS_EXTRA_SYNC: Readonly<Record<string, Alternative>> = Object.fromEntries(
  [
    'copySync', 'moveSync', 'removeSync', 'emptyDirSync', 'emptydirSync', 'ensureDirSync', 'ensureFileSync', 'ensureLinkSync',
    'ensureSymlinkSync', 'mkdirpSync', 'mkdirsSync', 'outputFileSync', 'outputJsonSync', 'outputJSONSync', 'readJsonSync',
    'readJSONSync', 'writeJsonSync', 'writeJSONSync', 'pathExistsSync',
  ].map((name) => [name, `\`await fse.${name.slice(0, -'Sync'.length)}(…)\` (fs-extra returns a promise when no callback is passed)`]),
);

const CHILD_PROCESS_SYNC: Readonly<Record<string, Alternative>> = {
  execSync: '`child_process.exec` (promisified with `util.promisify`) or `spawn`',
  execFileSync: '`child_process.execFile` (promisified with `util.promisify`)',
  spawnSync: '`child_process.spawn` and its `close` event',
};

/** CPU-heavy crypto on the main thread. `hkdfSync`, `generateKeySync` (random bytes) and hashing are cheap. */
const CRYPTO_SYNC: Readonly<Record<string, Alternative>> = {
  pbkdf2Sync: '`crypto.pbkdf2` (promisified), which runs on the libuv thread pool',
  scryptSync: '`crypto.scrypt` (promisified), which runs on the libuv thread pool',
  generateKeyPairSync: '`crypto.generateKeyPair` (promisified), or generate keys ahead of time',
  generatePrimeSync: '`crypto.generatePrime` (promisified)',
  checkPrimeSync: '`crypto.checkPrime` (promisified)',
};

/** Random data generated synchronously: only a report when the amount is large. */
const CRYPTO_RANDOM: Readonly<Record<string, Alternative>> = {
  randomBytes: '`crypto.randomBytes(size, callback)` (or promisified), which fills the buffer on the thread pool',
  randomFillSync: '`crypto.randomFill` (promisified), which fills the buffer on the thread pool',
};

const ZLIB_STREAMS: Readonly<Record<string, string>> = {
  gzipSync: 'Gzip',
  gunzipSync: 'Gunzip',
  deflateSync: 'Deflate',
  inflateSync: 'Inflate',
  deflateRawSync: 'DeflateRaw',
  inflateRawSync: 'InflateRaw',
  unzipSync: 'Unzip',
  brotliCompressSync: 'BrotliCompress',
  brotliDecompressSync: 'BrotliDecompress',
  zstdCompressSync: 'ZstdCompress',
  zstdDecompressSync: 'ZstdDecompress',
};
const ZLIB_SYNC: Readonly<Record<string, Alternative>> = Object.fromEntries(
  Object.entries(ZLIB_STREAMS).map(([name, stream]) => [name, `\`zlib.${name.slice(0, -'Sync'.length)}\` (promisified) or a \`zlib.create${stream}()\` stream`]),
);

/** bcrypt hashes and compares with key stretching; `genSaltSync` only draws 16 random bytes. */
const BCRYPT_SYNC: Readonly<Record<string, Alternative>> = {
  hashSync: '`await bcrypt.hash(…)`, which hashes on the libuv thread pool',
  compareSync: '`await bcrypt.compare(…)`, which hashes on the libuv thread pool',
};
/** bcryptjs is plain JavaScript: its asynchronous functions still compute on the main thread, but in slices. */
const BCRYPTJS_SYNC: Readonly<Record<string, Alternative>> = {
  hashSync: '`await bcrypt.hash(…)`, which yields to the event loop between rounds (or the native `bcrypt` package)',
  compareSync: '`await bcrypt.compare(…)`, which yields to the event loop between rounds (or the native `bcrypt` package)',
};

const ATOMICS_WAIT: Alternative = "`Atomics.waitAsync`, `await setTimeout(ms)` from 'node:timers/promises' to sleep, or a worker thread";

/** The APIs by module, under the name messages use for the module. */
const MODULES: Readonly<Record<string, { label: string; functions: Readonly<Record<string, Alternative>> }>> = {
  fs: { label: 'fs', functions: FS_SYNC },
  'graceful-fs': { label: 'fs', functions: FS_SYNC },
  'fs-extra': { label: 'fs-extra', functions: { ...FS_SYNC, ...FS_EXTRA_SYNC } },
  child_process: { label: 'child_process', functions: CHILD_PROCESS_SYNC },
  crypto: { label: 'crypto', functions: { ...CRYPTO_SYNC, ...CRYPTO_RANDOM } },
  zlib: { label: 'zlib', functions: ZLIB_SYNC },
  bcrypt: { label: 'bcrypt', functions: BCRYPT_SYNC },
  bcryptjs: { label: 'bcryptjs', functions: BCRYPTJS_SYNC },
};

const CALL = { [ReferenceTracker.CALL]: true };
const BLOCKING_APIS = moduleTraceMap(
  Object.fromEntries(Object.entries(MODULES).map(([source, { functions }]) => [source, Object.fromEntries(Object.keys(functions).map((name) => [name, CALL]))])),
);

/** Every tracked function name: the cheap filter before asking the type checker about a call. */
const BLOCKING_NAMES = new Set(Object.values(MODULES).flatMap(({ functions }) => Object.keys(functions)));

/** A worker thread may block: that is what it is for. */
const WORKER_THREADS = moduleTraceMap({
  worker_threads: { parentPort: { [ReferenceTracker.READ]: true }, workerData: { [ReferenceTracker.READ]: true }, Worker: { [ReferenceTracker.CONSTRUCT]: true } },
});
const WORKER_THREADS_SOURCES = new Set(['worker_threads', 'node:worker_threads']);

/** Bytes per element of the buffers `randomFillSync` fills. */
const ELEMENT_SIZES: Readonly<Record<string, number>> = {
  ArrayBuffer: 1,
  SharedArrayBuffer: 1,
  Uint8Array: 1,
  Int8Array: 1,
  Uint8ClampedArray: 1,
  Int16Array: 2,
  Uint16Array: 2,
  Int32Array: 4,
  Uint32Array: 4,
  Float32Array: 4,
  Float64Array: 8,
  BigInt64Array: 8,
  BigUint64Array: 8,
};
const BUFFER_ALLOCATORS = new Set(['alloc', 'allocUnsafe', 'allocUnsafeSlow']);

/** 64 KiB: well under a millisecond of CSPRNG output. */
const DEFAULT_MAX_SYNC_RANDOM_BYTES = 65_536;

/** How much random data a call generates: a number of bytes, or an amount the client picks. */
type RandomSize = { kind: 'bytes'; bytes: number } | { kind: 'client'; text: string };

export default createRule<Options, MessageIds>({
  name: 'no-blocking-call',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow synchronous file, process, crypto, compression and bcrypt calls on request paths',
      guide: 'blocking-calls',
      recommended: 'recommended',
    },
    schema: [
      {
        type: 'object',
        properties: {
          scripts: scriptsOptionSchema('where blocking calls are fine.'),
          allow: {
            type: 'array',
            items: { type: 'string' },
            description: 'Calls never reported: a function name (`existsSync`) or a module-qualified one (`fs.existsSync`, `zlib.inflateSync`, `Atomics.wait`).',
          },
          maxSyncRandomBytes: {
            type: 'integer',
            minimum: 0,
            description: 'The largest amount of random data, in bytes, that `crypto.randomBytes(size)` or `crypto.randomFillSync` may generate synchronously.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ scripts: [...DEFAULT_SCRIPT_GLOBS], allow: [], maxSyncRandomBytes: DEFAULT_MAX_SYNC_RANDOM_BYTES }],
    messages: {
      blockingCall:
        '`{{call}}` on a request path blocks the event loop until it returns, so every other request waits. Use {{alternative}}.',
      largeRandom:
        '`{{call}}` generates {{size}} of random data synchronously on a request path, blocking the event loop. Use {{alternative}}.',
    },
  },
  create(context, [options]) {
    // Every blocking API is spelled with `Sync` in its name, except `randomBytes` and `Atomics.wait`: a file
    // that spells none of them has nothing to report, and most files then cost nothing at all.
    if (!textMentionsAny(context.sourceCode, ['Sync', 'randomBytes', 'Atomics'])) return {};
    const requestPath = getRequestPath(context, { scripts: options.scripts });
    // Tests, CLI scripts, migrations and config files may block: nothing else is waiting.
    if (requestPath.fileKind !== 'server') return {};
    const sourceCode = context.sourceCode;
    const allowed = new Set(options.allow ?? []);
    const maxSyncRandomBytes = options.maxSyncRandomBytes ?? DEFAULT_MAX_SYNC_RANDOM_BYTES;
    const typeServices = getTypeServices(context);
    /** With type information: calls by a tracked name that import tracking did not explain. */
    const candidates: TSESTree.CallExpression[] = [];

    function check(call: TSESTree.CallExpression, module: string, name: string, alternative: Alternative) {
      const qualified = `${module}.${name}`;
      if (allowed.has(name) || allowed.has(qualified)) return;
      if (isLazyInitialisation(call, sourceCode) || runsOncePerProcess(call, sourceCode) || isMemoisedPerKey(call, sourceCode)) return;
      if (inSyncVariant(call)) return;
      if (name === 'randomBytes' || name === 'randomFillSync') {
        const size = randomSize(call, name);
        if (!size) return;
        if (size.kind === 'bytes' && size.bytes <= maxSyncRandomBytes) return;
        if (!sharesServingEventLoop(requestPath.classify(call))) return;
        context.report({
          node: call,
          messageId: 'largeRandom',
          data: { call: qualified, size: size.kind === 'bytes' ? formatBytes(size.bytes) : `an amount the client chooses (\`${size.text}\`)`, alternative },
        });
        return;
      }
      const where = requestPath.classify(call);
      if (!sharesServingEventLoop(where)) return;
      const { reason } = where;
      // Certificates for a client or server being set up: a helper that builds connection options, not a handler.
      if (reason === 'server-function' && name === 'readFileSync' && isTlsCredentialRead(call)) return;
      context.report({ node: call, messageId: 'blockingCall', data: { call: qualified, alternative } });
    }

    /** Bytes generated by `randomBytes(size)` (without a callback) or `randomFillSync(buffer, offset?, size?)`. */
    function randomSize(call: TSESTree.CallExpression, name: string): RandomSize | undefined {
      const args = call.arguments;
      if (args.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) return undefined;
      let sizeNode: TSESTree.Node | undefined;
      let multiplier = 1;
      let offset = 0;
      if (name === 'randomBytes') {
        // With a callback, the bytes are generated on the thread pool.
        if (args.length !== 1) return undefined;
        sizeNode = args[0];
      } else if (args.length >= 3) {
        sizeNode = args[2];
      } else {
        const allocation = bufferAllocation(args[0]);
        if (!allocation) return undefined;
        sizeNode = allocation.size;
        multiplier = allocation.elementSize;
        offset = args[1] ? (constantNumber(args[1], sourceCode, 0) ?? 0) : 0;
      }
      const count = constantNumber(sizeNode, sourceCode, 0);
      if (count !== undefined) {
        const bytes = Math.ceil(count * multiplier - offset);
        return Number.isFinite(bytes) ? { kind: 'bytes', bytes } : undefined;
      }
      const input = getRequestInput(context).inputOf(sizeNode);
      return input ? { kind: 'client', text: describeInput(sourceCode, input) } : undefined;
    }

    /** `Buffer.alloc(n)`, `new Uint32Array(n)`, inline or through a `const`: the element count and its size. */
    function bufferAllocation(node: TSESTree.Node | undefined): { size: TSESTree.Node; elementSize: number } | undefined {
      let current = node && skipExpressionWrappers(node);
      if (current?.type === AST_NODE_TYPES.Identifier) current = constInitializer(current, sourceCode.getScope(current));
      if (!current) return undefined;
      current = skipExpressionWrappers(current);
      if (current.type === AST_NODE_TYPES.CallExpression && current.callee.type === AST_NODE_TYPES.MemberExpression) {
        const object = current.callee.object;
        const method = memberName(current.callee);
        if (object.type === AST_NODE_TYPES.Identifier && object.name === 'Buffer' && method !== undefined && BUFFER_ALLOCATORS.has(method) && current.arguments[0]) {
          return { size: current.arguments[0], elementSize: 1 };
        }
      }
      if (current.type === AST_NODE_TYPES.NewExpression && current.callee.type === AST_NODE_TYPES.Identifier && current.arguments.length === 1) {
        const elementSize = Object.hasOwn(ELEMENT_SIZES, current.callee.name) ? ELEMENT_SIZES[current.callee.name] : undefined;
        if (elementSize !== undefined && current.arguments[0].type !== AST_NODE_TYPES.SpreadElement) return { size: current.arguments[0], elementSize };
      }
      return undefined;
    }

    function checkTracked(reported: Set<TSESTree.Node>) {
      for (const { node, path } of trackModuleReferences(sourceCode, BLOCKING_APIS, { importEquals: true })) {
        if (node.type !== AST_NODE_TYPES.CallExpression || reported.has(node)) continue;
        const source = path[0].startsWith('node:') ? path[0].slice('node:'.length) : path[0];
        const name = path[path.length - 1];
        const module = Object.hasOwn(MODULES, source) ? MODULES[source] : undefined;
        const alternative = module && Object.hasOwn(module.functions, name) ? module.functions[name] : undefined;
        if (!module || alternative === undefined) continue;
        reported.add(node);
        // A log line written with fs.appendFileSync is no-sync-logging's, with the logging fix: one warning, not two.
        if (source === 'fs' && SYNC_LOG_WRITE_FUNCTIONS.has(name) && isLogFileWrite(node)) continue;
        check(node, module.label, name, alternative);
      }
    }

    function checkAtomicsWait() {
      const objects: TSESTree.Node[] = [...globalReferences(sourceCode, 'Atomics')];
      for (const globalThisRef of globalReferences(sourceCode, 'globalThis')) {
        const parent = globalThisRef.parent;
        if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === globalThisRef && memberName(parent) === 'Atomics') objects.push(parent);
      }
      for (const object of objects) {
        const member = object.parent;
        if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== object || memberName(member) !== 'wait') continue;
        const { child, parent: call } = parentSkippingWrappers(member);
        if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === child) check(call, 'Atomics', 'wait', ATOMICS_WAIT);
      }
    }

    /** With types: `fs` handed in as a parameter, an injected bcrypt, `this.zlib.gzipSync(…)`. */
    function checkTyped(services: TypeServices, reported: Set<TSESTree.Node>) {
      for (const call of candidates) {
        if (reported.has(call)) continue;
        const name = calleeName(call);
        const origin = name === undefined ? undefined : declaringModule(services, call);
        const module = origin !== undefined && Object.hasOwn(MODULES, origin) ? MODULES[origin] : undefined;
        const alternative = module && name !== undefined && Object.hasOwn(module.functions, name) ? module.functions[name] : undefined;
        if (!module || name === undefined || alternative === undefined) continue;
        reported.add(call);
        check(call, module.label, name, alternative);
      }
    }

    return {
      // Only with types are calls collected by name: import tracking finds the rest without visiting every call.
      ...(typeServices && {
        CallExpression(node: TSESTree.CallExpression) {
          const name = calleeName(node);
          if (name !== undefined && BLOCKING_NAMES.has(name)) candidates.push(node);
        },
      }),
      'Program:exit'() {
        if (isWorkerThreadFile(sourceCode)) return;
        const reported = new Set<TSESTree.Node>();
        checkTracked(reported);
        checkAtomicsWait();
        if (typeServices && candidates.length > 0) checkTyped(typeServices, reported);
      },
    };
  },
});

// ---------------------------------------------------------------------------------------------------------

/** The TLS options (Node's `tls.createSecureContext`, and every client that passes them on) that hold PEM files. */
const TLS_FILE_OPTIONS = new Set(['ca', 'cert', 'pfx', 'crl']);

/**
 * `cert: fs.readFileSync(certFile)`, also behind `?:`/`??`/`||` and `.toString()`: a certificate read for a TLS
 * option, while connection options are built (Logto's and Langfuse's Redis TLS options). A connection is opened once
 * per client or pool, not per request; a client made per request is no-per-request-client's. `key` counts beside
 * another TLS option, or under a `tls`/`ssl`/`https` property (a lone `key` is too common a name).
 */
function isTlsCredentialRead(call: TSESTree.CallExpression): boolean {
  let current: TSESTree.Node = call;
  for (let depth = 0; depth < 6; depth++) {
    const { child, parent } = parentSkippingWrappers(current);
    if (!parent) return false;
    if (parent.type === AST_NODE_TYPES.Property) return parent.value === child && isTlsFileOption(parent);
    if (parent.type === AST_NODE_TYPES.MemberExpression) {
      // `.toString()` of the buffer read.
      const call = parent.parent;
      if (parent.object !== child || memberName(parent) !== 'toString' || call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== parent) return false;
      current = call;
    } else if ((parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test !== child) || parent.type === AST_NODE_TYPES.LogicalExpression) {
      current = parent;
    } else {
      return false;
    }
  }
  return false;
}

function isTlsFileOption(property: TSESTree.Property): boolean {
  const name = propertyKeyName(property);
  if (name === undefined) return false;
  if (TLS_FILE_OPTIONS.has(name)) return true;
  if (name !== 'key') return false;
  const literal = property.parent;
  if (literal.type !== AST_NODE_TYPES.ObjectExpression) return false;
  if (literal.properties.some((other) => other.type === AST_NODE_TYPES.Property && TLS_FILE_OPTIONS.has(propertyKeyName(other) ?? ''))) return true;
  const holder = literal.parent;
  return holder?.type === AST_NODE_TYPES.Property && holder.value === literal && TLS_HOLDERS.has(propertyKeyName(holder) ?? '');
}

/** Properties that take TLS options: `tls` (ioredis, node-redis's `socket`), `ssl` (pg, mysql2), `https` (got). */
const TLS_HOLDERS = new Set(['tls', 'ssl', 'https']);

/** The called function's name as written: `readFileSync(…)`, `fs.readFileSync(…)`, `this.bcrypt.hashSync(…)`. */
function calleeName(call: TSESTree.CallExpression): string | undefined {
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type === AST_NODE_TYPES.MemberExpression) return memberName(callee);
  return undefined;
}

/** The module a called function is declared in, by the type checker: `fs` for @types/node's fs.d.ts, `bcrypt`, `bcryptjs`. */
function declaringModule(services: TypeServices, call: TSESTree.CallExpression): string | undefined {
  const tsCall = services.services.esTreeNodeToTSNodeMap.get(call as never);
  if (!tsCall) return undefined;
  const signature = services.checker.getResolvedSignature(tsCall as never);
  const declaration = signature?.getDeclaration() as { getSourceFile?: () => { fileName: string } } | undefined;
  const fileName = declaration?.getSourceFile?.().fileName;
  if (!fileName) return undefined;
  const pkg = packageOfFile(fileName);
  if (pkg !== 'node') return pkg;
  // @types/node declares each built-in module in a file of its name: fs.d.ts holds `declare module "fs"`.
  const normalized = fileName.replaceAll('\\', '/');
  const base = normalized.slice(normalized.lastIndexOf('/') + 1);
  const directory = normalized.slice(0, normalized.lastIndexOf('/'));
  if (!directory.endsWith('/@types/node') || !base.endsWith('.d.ts')) return undefined;
  return base.slice(0, -'.d.ts'.length);
}

/** A file that runs in a worker thread: it reads `parentPort` or `workerData` and starts no worker itself. */
function isWorkerThreadFile(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const mentionsWorkerThreads = sourceCode.ast.body.some(
    (statement) =>
      (statement.type === AST_NODE_TYPES.ImportDeclaration && WORKER_THREADS_SOURCES.has(statement.source.value)) ||
      (statement.type === AST_NODE_TYPES.VariableDeclaration && statement.declarations.some((declarator) => requiresWorkerThreads(declarator.init))),
  );
  if (!mentionsWorkerThreads) return false;
  let readsWorkerApi = false;
  for (const { path, type } of trackModuleReferences(sourceCode, WORKER_THREADS)) {
    if (type === ReferenceTracker.CONSTRUCT && path[path.length - 1] === 'Worker') return false;
    if (type === ReferenceTracker.READ) readsWorkerApi = true;
  }
  return readsWorkerApi;
}

function requiresWorkerThreads(node: TSESTree.Node | null): boolean {
  let current = node;
  while (current?.type === AST_NODE_TYPES.MemberExpression) current = current.object;
  return (
    current?.type === AST_NODE_TYPES.CallExpression &&
    current.callee.type === AST_NODE_TYPES.Identifier &&
    current.callee.name === 'require' &&
    current.arguments[0]?.type === AST_NODE_TYPES.Literal &&
    typeof current.arguments[0].value === 'string' &&
    WORKER_THREADS_SOURCES.has(current.arguments[0].value)
  );
}

// ---------------------------------------------------------------------------------------------------------
// Synchronous variants of an API

/** `copySync`, `readJsonSync`; `sync` itself (`which.sync`, `glob.sync`). */
const SYNC_VARIANT_NAME = /^sync$|[a-z0-9]Sync$/;

/**
 * The call is part of a function that is itself the synchronous variant of an API (`function copySync(…)`,
 * `module.exports.sync = function (…)`, a callback inside one): blocking is what that function offers, next to its
 * asynchronous twin, and whoever calls it chose to block (fs-extra's and isexe's code, vendored in Audiobookshelf).
 */
function inSyncVariant(call: TSESTree.CallExpression): boolean {
  for (let fn = enclosingFunction(call); fn; fn = enclosingFunction(fn)) {
    const name = functionName(fn) ?? assignedFunctionName(fn);
    if (name !== undefined && SYNC_VARIANT_NAME.test(name)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------------
// Once per process: `template ??= readFileSync(…)` (src/analysis/lazy-initialisation.ts), once-guards, memos per key.

/**
 * `const key = scryptSync(…); keyCache.set(version, key);` after a `keyCache.get(version)` (or `.has`) in the same
 * function: computed once per key and kept in a cache that outlives the call, like a lazy singleton per key
 * (inbox-zero's encryption keys).
 */
function isMemoisedPerKey(call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const { child, parent: declarator } = parentSkippingWrappers(call);
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== child || declarator.id.type !== AST_NODE_TYPES.Identifier) return false;
  const fn = enclosingFunction(call);
  if (!fn) return false;
  const [result] = sourceCode.getDeclaredVariables(declarator);
  return (result?.references ?? []).some((reference) => {
    const stored = reference.identifier as TSESTree.Node;
    const setCall = stored.parent;
    if (setCall?.type !== AST_NODE_TYPES.CallExpression || setCall.arguments.length !== 2 || setCall.arguments[1] !== stored) return false;
    const callee = setCall.callee;
    if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(callee) !== 'set' || callee.object.type !== AST_NODE_TYPES.Identifier) return false;
    const cache = callee.object;
    if (!outlivesCall(cache, call, sourceCode)) return false;
    const variable = findVariable(sourceCode.getScope(cache) as never, cache as never) as TSESLint.Scope.Variable | null;
    // Looked up earlier in the same function: `const cached = keyCache.get(version); if (cached) return cached;`.
    return (variable?.references ?? []).some((lookup) => {
      const member = lookup.identifier.parent;
      const name = member?.type === AST_NODE_TYPES.MemberExpression && member.object === lookup.identifier ? memberName(member) : undefined;
      return (name === 'get' || name === 'has') && lookup.identifier.range[1] <= call.range[0] && enclosingFunction(lookup.identifier as TSESTree.Node) === fn;
    });
  });
}

// ---------------------------------------------------------------------------------------------------------
// Sizes

const MAX_CONSTANT_DEPTH = 8;

/** The value of a numeric constant: `16`, `64 * 1024`, `1 << 20`, a `const` holding one. */
function constantNumber(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, depth: number): number | undefined {
  if (depth > MAX_CONSTANT_DEPTH) return undefined;
  const current = skipExpressionWrappers(node);
  switch (current.type) {
    case AST_NODE_TYPES.Literal:
      return typeof current.value === 'number' ? current.value : undefined;
    case AST_NODE_TYPES.UnaryExpression: {
      const value = current.operator === '+' || current.operator === '-' ? constantNumber(current.argument, sourceCode, depth + 1) : undefined;
      return value === undefined ? undefined : current.operator === '-' ? -value : value;
    }
    case AST_NODE_TYPES.BinaryExpression: {
      if (current.left.type === AST_NODE_TYPES.PrivateIdentifier) return undefined;
      const left = constantNumber(current.left, sourceCode, depth + 1);
      const right = left === undefined ? undefined : constantNumber(current.right, sourceCode, depth + 1);
      if (left === undefined || right === undefined) return undefined;
      switch (current.operator) {
        case '+':
          return left + right;
        case '-':
          return left - right;
        case '*':
          return left * right;
        case '/':
          return right === 0 ? undefined : left / right;
        case '**':
          return left ** right;
        case '<<':
          return left << right;
        default:
          return undefined;
      }
    }
    case AST_NODE_TYPES.Identifier: {
      const init = constInitializer(current, sourceCode.getScope(current));
      return init ? constantNumber(init, sourceCode, depth + 1) : undefined;
    }
    default:
      return undefined;
  }
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

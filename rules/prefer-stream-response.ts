import { findVariable } from '@eslint-community/eslint-utils';
import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../src/ast/node-types';
import { oneLineText } from '../src/ast/source-text';
import { getReceiverPackage, getTypeServices, memberName, packageOfFile, parentSkippingWrappers, skipExpressionWrappers, type TypeServices } from '../src/analysis/library-origin';
import { getImportOrigin, isModuleObject, moduleTraceMap, ReferenceTracker, trackModuleReferences, type TraceMap } from '../src/analysis/modules';
import { getOutboundIo } from '../src/analysis/outbound-io';
import { getRequestPath } from '../src/analysis/request-path';
import { ALL_SEND_METHODS, getResponses, sendPayloadCandidate, type ResponseFramework, type ResponseSend } from '../src/analysis/responses';
import { enclosingFunction, exitsAtEnd, isFunction, isInlineCallback, type FunctionNode } from '../src/ast/code-shape';
import { createRule } from '../src/create-rule';
import { methodCallSelector, UNUSUAL_METHOD_CALL_SELECTOR } from '../src/ast/selectors';
import { textMentionsAny, type TextWord } from '../src/analysis/text-facts';
import { isAstNode } from '../src/ast/children';

type MessageIds = 'wholePayload';
type Variable = TSESLint.Scope.Variable;

/** Where the payload comes from: a file, an S3 object, a Google Cloud Storage object. */
type Source = 'file' | 's3' | 'gcs';

/**
 * What an expression holds, as far as whole reads go. `read` is the call that brings the data into memory
 * (for the message); `at` is where that happens in the code that leads to the send: the read itself, or
 * the call of this file's helper function that does it.
 */
type Value =
  /** The whole payload, in memory: a Buffer, a string, a byte array. */
  | { kind: 'whole'; source: Source; read: TSESTree.Node; at: TSESTree.Node }
  /** A readable stream of the whole payload: collecting it makes a whole read. */
  | { kind: 'stream'; source: Source; read: TSESTree.Node; at: TSESTree.Node }
  /** `await s3.send(new GetObjectCommand(…))` (v3): its `Body` is a stream. */
  | { kind: 's3-output'; read: TSESTree.Node; at: TSESTree.Node }
  /** `s3.getObject(…)` (v2), before `.promise()`. */
  | { kind: 's3v2-request'; read: TSESTree.Node; at: TSESTree.Node }
  /** What a v2 `getObject` resolves to: its `Body` is a Buffer. */
  | { kind: 's3v2-output'; read: TSESTree.Node; at: TSESTree.Node }
  /** `await file.download()` (GCS): `[contents]`. */
  | { kind: 'gcs-download'; read: TSESTree.Node; at: TSESTree.Node }
  /** `Promise.all([…])`: each element is what the promise in its place resolves to. */
  | { kind: 'all'; elements: readonly (TSESTree.Node | null)[] };

type PathStep = { kind: 'get'; name: string } | { kind: 'index'; index: number };

const SEND_CALL_SELECTOR = methodCallSelector(ALL_SEND_METHODS);
const CALL = ReferenceTracker.CALL;
const READ = ReferenceTracker.READ;

type TrackedRole = 'readFileSync' | 'createReadStream' | 'readFile' | 'promisify' | 'collect';

/**
 * Module functions the rule tracks itself: the synchronous whole read (outbound-io only knows the
 * asynchronous fs API), `createReadStream` (a stream that may be collected), `readFile` passed to
 * `promisify`, and the functions that collect a stream into one buffer or string.
 */
const TRACE_MAP = moduleTraceMap<TrackedRole>({
  fs: { readFileSync: { [CALL]: 'readFileSync' }, createReadStream: { [CALL]: 'createReadStream' }, readFile: { [READ]: 'readFile' } },
  util: { promisify: { [CALL]: 'promisify' } },
  'stream/consumers': { buffer: { [CALL]: 'collect' }, text: { [CALL]: 'collect' }, arrayBuffer: { [CALL]: 'collect' }, blob: { [CALL]: 'collect' } },
  'get-stream': {
    [CALL]: 'collect',
    buffer: { [CALL]: 'collect' },
    getStreamAsBuffer: { [CALL]: 'collect' },
    getStreamAsArrayBuffer: { [CALL]: 'collect' },
    getStream: { [CALL]: 'collect' },
  },
  'raw-body': { [CALL]: 'collect' },
  'stream-to-buffer': { [CALL]: 'collect' },
} as unknown as TraceMap<TrackedRole>);

const S3_PACKAGE = '@aws-sdk/client-s3';
const GCS_PACKAGE = '@google-cloud/storage';
/** Methods the AWS SDK v3 adds to a streaming body to collect it whole. */
const SDK_COLLECT_METHODS = new Set(['transformToByteArray', 'transformToString']);
/** Packages that declare those methods (for the type checker). */
const SDK_STREAM_PACKAGES = new Set(['@smithy/types', '@aws-sdk/types']);

/** Words of helper names that say the helper collects a stream: `streamToBuffer`, `streamToString`, `collectBody`. */
// An S3 body is read as `obj.Body` or destructured next to an S3 import; a bare `Body` is too common
// (NestJS's `@Body()`, Fastify's `{ Body: T }` route generics) to gate on.
const WHOLE_READ_MARKERS: readonly TextWord[] = ['readFile', 'ReadStream', '.Body', '@aws-sdk/client-s3', 'aws-sdk', 'download'];

const COLLECTOR_WORDS = new Set(['buffer', 'string', 'bytes', 'text', 'collect', 'consume', 'slurp']);
const COLLECTOR_NAMES = new Set(['readall', 'readfully', 'toarray', 'touint8array', 'toarraybuffer']);
/** Properties of a size test: `stat.size`, `head.ContentLength`, `buf.length`. */
const SIZE_PROPERTIES = new Set(['size', 'ContentLength', 'contentLength', 'length', 'byteLength']);
const RELATIONAL_OPERATORS = new Set(['<', '<=', '>', '>=']);

const MAX_DEPTH = 10;
const MAX_STEPS = 300;
const MAX_TEXT = 40;

export default createRule<[], MessageIds>({
  name: 'prefer-stream-response',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Prefer streaming files and stored objects into responses over reading them whole into memory',
      guide: 'stream-large-payloads',
      recommended: 'recommended',
    },
    schema: [],
    messages: {
      wholePayload:
        '{{send}} sends the whole of `{{read}}`, read into memory first: the payload sits in the heap and the first byte waits for the last. {{fix}}.',
    },
  },
  create(context) {
    const { sourceCode } = context;
    // Every whole read starts from one of these: `readFile(Sync)`, a `createReadStream` collected, an S3
    // object's `Body`, a GCS `download()`. A file that spells none of them sends none (and most files then
    // cost nothing, with or without type information). Missed: an S3 body destructured in a file that
    // neither imports the SDK nor reads `.Body` (a helper elsewhere returned the whole output).
    if (!textMentionsAny(sourceCode, WHOLE_READ_MARKERS)) return {};
    const requestPath = getRequestPath(context);
    // Tests, CLI scripts, migrations and config files serve no responses.
    if (requestPath.fileKind !== 'server') return {};
    // A Next.js route rendered at build time (`export const dynamic = 'force-static'`) reads its files then.
    if (isForceStatic(sourceCode.ast)) return {};
    const responses = getResponses(context);
    const outboundIo = getOutboundIo(context);
    let types: TypeServices | undefined | null = null;
    let tracked: Map<TSESTree.Node, TrackedRole> | undefined;
    let promisifiedReads: Set<Variable> | undefined;
    const values = new WeakMap<TSESTree.Node, Value | null>();
    const inProgress = new Set<TSESTree.Node>();
    let steps = 0;
    let depth = 0;

    function typeServices(): TypeServices | undefined {
      if (types === null) types = getTypeServices(context);
      return types;
    }

    function trackedRoles(): Map<TSESTree.Node, TrackedRole> {
      if (tracked) return tracked;
      tracked = new Map();
      promisifiedReads = new Set();
      const readFileReferences = new Set<TSESTree.Node>();
      const promisifyCalls: TSESTree.CallExpression[] = [];
      for (const { node, info, type } of trackModuleReferences(sourceCode, TRACE_MAP)) {
        if (type === READ) readFileReferences.add(node);
        else if (info === 'promisify' && node.type === AST_NODE_TYPES.CallExpression) promisifyCalls.push(node);
        else tracked.set(node, info);
      }
      // `const readFileAsync = promisify(fs.readFile)`.
      for (const call of promisifyCalls) {
        const argument = call.arguments[0];
        const parent = call.parent;
        if (!argument || !isReadFileReference(skipExpressionWrappers(argument), readFileReferences)) continue;
        if (parent?.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== call || parent.id.type !== AST_NODE_TYPES.Identifier || parent.parent.kind !== 'const') continue;
        for (const variable of sourceCode.getDeclaredVariables(parent)) promisifiedReads.add(variable as Variable);
      }
      return tracked;
    }

    /** `fs.readFile` (a tracked member read), or a `readFile` imported or required from `fs` by name. */
    function isReadFileReference(node: TSESTree.Node, memberReads: ReadonlySet<TSESTree.Node>): boolean {
      if (memberReads.has(node)) return true;
      if (node.type !== AST_NODE_TYPES.Identifier) return false;
      const origin = getImportOrigin(node, sourceCode.getScope(node));
      return origin !== undefined && origin.imported === 'readFile' && (origin.source === 'fs' || origin.source === 'node:fs');
    }

    // -----------------------------------------------------------------------------------------------------
    // What a value holds.

    function valueOf(node: TSESTree.Node): Value | undefined {
      if (depth === 0) steps = 0;
      const current = skipExpressionWrappers(node);
      const known = values.get(current);
      if (known !== undefined) return known ?? undefined;
      if (inProgress.has(current) || depth >= MAX_DEPTH || ++steps > MAX_STEPS) return undefined;
      inProgress.add(current);
      depth++;
      let result: Value | undefined;
      try {
        result = computeValue(current);
      } catch {
        result = undefined; // an analysis bug must not take the lint run down
      } finally {
        depth--;
        inProgress.delete(current);
      }
      // An answer cut short by the budget is not the node's answer: leave it for another question.
      if (steps <= MAX_STEPS) values.set(current, result ?? null);
      return result;
    }

    function computeValue(node: TSESTree.Node): Value | undefined {
      switch (node.type) {
        case AST_NODE_TYPES.AwaitExpression:
          return valueOf(node.argument);
        case AST_NODE_TYPES.Identifier:
          return identifierValue(node);
        case AST_NODE_TYPES.MemberExpression: {
          const name = memberName(node);
          const owner = valueOf(node.object);
          if (!owner || name === undefined) return undefined;
          return step(owner, /^\d+$/.test(name) ? { kind: 'index', index: Number(name) } : { kind: 'get', name });
        }
        case AST_NODE_TYPES.CallExpression:
          return callValue(node);
        case AST_NODE_TYPES.LogicalExpression:
          // `(await readFile(p)) ?? fallback`: the read is what usually goes out.
          return node.operator === '&&' ? valueOf(node.right) : valueOf(node.left);
        case AST_NODE_TYPES.ConditionalExpression:
          return valueOf(node.consequent) ?? valueOf(node.alternate);
        default:
          return undefined;
      }
    }

    function step(owner: Value, pathStep: PathStep): Value | undefined {
      if (pathStep.kind === 'get' && pathStep.name === 'Body') {
        if (owner.kind === 's3-output') return { kind: 'stream', source: 's3', read: owner.read, at: owner.at };
        if (owner.kind === 's3v2-output') return { kind: 'whole', source: 's3', read: owner.read, at: owner.at };
      }
      if (pathStep.kind === 'index' && pathStep.index === 0 && owner.kind === 'gcs-download') return { kind: 'whole', source: 'gcs', read: owner.read, at: owner.at };
      if (pathStep.kind === 'index' && owner.kind === 'all') {
        const element = owner.elements[pathStep.index];
        return element && element.type !== AST_NODE_TYPES.SpreadElement ? valueOf(element) : undefined;
      }
      return undefined;
    }

    function walk(start: Value | undefined, path: readonly PathStep[]): Value | undefined {
      let current = start;
      for (const pathStep of path) {
        if (!current) return undefined;
        current = step(current, pathStep);
      }
      return current;
    }

    function identifierValue(identifier: TSESTree.Identifier): Value | undefined {
      const variable = findVariable(sourceCode.getScope(identifier) as never, identifier as never) as Variable | null;
      const def = variable?.defs[0];
      if (!variable || !def || variable.defs.length !== 1) return undefined;
      if (def.type === 'Parameter') return parameterValue(def.node as TSESTree.Node, def.name as TSESTree.Identifier);
      if (def.type !== 'Variable') return undefined;
      const declarator = def.node as TSESTree.VariableDeclarator;
      const declaration = declarator.parent;
      const loop = declaration.parent;
      if (loop && (loop.type === AST_NODE_TYPES.ForOfStatement || loop.type === AST_NODE_TYPES.ForInStatement) && loop.left === declaration) return undefined;
      const path = patternPath(declarator.id, def.name as TSESTree.Node);
      if (!path) return undefined;
      if (declaration.kind === 'const') return declarator.init ? walk(valueOf(declarator.init), path) : undefined;
      // `let`/`var`: only a function's own variable written once. A module-level one assigned in a handler is a cache.
      if (!enclosingFunction(declarator)) return undefined;
      const writes = variable.references.filter((reference) => reference.isWrite());
      if (writes.length !== 1) return undefined;
      if (declarator.init) return writes[0].identifier === def.name ? walk(valueOf(declarator.init), path) : undefined;
      const assignment = writes[0].identifier.parent;
      if (path.length > 0 || assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.operator !== '=' || assignment.left !== writes[0].identifier) return undefined;
      return valueOf(assignment.right);
    }

    /** Callback parameters: `fs.readFile(p, (err, data) => …)`, `readFile(p).then((data) => …)`, v2 `s3.getObject(params, (err, data) => …)`. */
    function parameterValue(fn: TSESTree.Node, name: TSESTree.Identifier): Value | undefined {
      if (!isFunction(fn)) return undefined;
      const index = fn.params.findIndex((param) => patternPath(param, name) !== undefined);
      if (index < 0) return undefined;
      const path = patternPath(fn.params[index], name)!;
      const { child, parent: call } = parentSkippingWrappers(fn);
      if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(child as TSESTree.CallExpressionArgument)) return undefined;
      if (index === 1 && path.length === 0 && isAsyncFileRead(call)) return { kind: 'whole', source: 'file', read: call, at: call };
      const callee = skipExpressionWrappers(call.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
      const method = memberName(callee);
      if (method === 'then' && index === 0 && call.arguments[0] === child) return walk(valueOf(callee.object), path);
      if (method === 'getObject' && index === 1 && receiverPackage(callee.object) === 'aws-sdk') return walk({ kind: 's3v2-output', read: call, at: call }, path);
      return undefined;
    }

    function callValue(call: TSESTree.CallExpression): Value | undefined {
      const role = trackedRoles().get(call);
      if (role === 'readFileSync') return { kind: 'whole', source: 'file', read: call, at: call };
      if (role === 'createReadStream') return { kind: 'stream', source: 'file', read: call, at: call };
      if (role === 'collect') return collected(call);
      if (!hasFunctionArgument(call) && isAsyncFileRead(call)) return { kind: 'whole', source: 'file', read: call, at: call };
      const callee = skipExpressionWrappers(call.callee);
      if (callee.type === AST_NODE_TYPES.Identifier) return identifierCallValue(call, callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
      const method = memberName(callee);
      if (method === undefined) return undefined;
      const receiver = skipExpressionWrappers(callee.object);
      if (receiver.type === AST_NODE_TYPES.Identifier && receiver.name === 'Promise' && method === 'all' && isGlobal(receiver)) {
        const list = call.arguments[0] && skipExpressionWrappers(call.arguments[0]);
        return list?.type === AST_NODE_TYPES.ArrayExpression ? { kind: 'all', elements: list.elements } : undefined;
      }
      if (receiver.type === AST_NODE_TYPES.Identifier && receiver.name === 'Buffer' && isGlobal(receiver)) {
        if (method === 'concat') return collectedChunks(call);
        if (method === 'from' && call.arguments.length === 1) return passThrough(call.arguments[0]);
        return undefined;
      }
      if (SDK_COLLECT_METHODS.has(method)) {
        const owner = valueOf(callee.object);
        if (owner?.kind === 'stream' && owner.source === 's3') return { kind: 'whole', source: 's3', read: call, at: call };
        return isSdkStreamMethod(callee) ? { kind: 'whole', source: 's3', read: call, at: call } : undefined;
      }
      switch (method) {
        case 'toString':
          // `buf.toString()`, `buf.toString('utf8')`: the same bytes; a range (`toString('utf8', 0, 100)`) is not.
          return call.arguments.length <= 1 ? passThrough(callee.object) : undefined;
        case 'promise': {
          const owner = valueOf(callee.object);
          return owner?.kind === 's3v2-request' ? { kind: 's3v2-output', read: owner.read, at: owner.at } : undefined;
        }
        case 'send':
          return isGetObjectCommand(call.arguments[0]) ? { kind: 's3-output', read: call, at: call } : undefined;
        case 'getObject': {
          if (hasFunctionArgument(call)) return undefined;
          const pkg = receiverPackage(callee.object);
          if (pkg === S3_PACKAGE) return { kind: 's3-output', read: call, at: call };
          return pkg === 'aws-sdk' ? { kind: 's3v2-request', read: call, at: call } : undefined;
        }
        case 'download':
          return !hasFunctionArgument(call) && !hasDestination(call) && receiverPackage(callee.object) === GCS_PACKAGE ? { kind: 'gcs-download', read: call, at: call } : undefined;
        case 'createReadStream':
          return receiverPackage(callee.object) === GCS_PACKAGE ? { kind: 'stream', source: 'gcs', read: call, at: call } : undefined;
        default:
          // `streams.toBuffer(obj.Body)`: a helper named like a collector, given a whole-payload stream.
          return isCollectorName(method) ? collected(call) : undefined;
      }
    }

    function identifierCallValue(call: TSESTree.CallExpression, callee: TSESTree.Identifier): Value | undefined {
      if (callee.name === 'String' && isGlobal(callee)) return call.arguments.length === 1 ? passThrough(call.arguments[0]) : undefined;
      const variable = findVariable(sourceCode.getScope(callee) as never, callee as never) as Variable | null;
      trackedRoles();
      if (variable && promisifiedReads!.has(variable) && !hasFunctionArgument(call)) return { kind: 'whole', source: 'file', read: call, at: call };
      const helper = helperValue(call, callee);
      if (helper) return helper;
      // `streamToBuffer(obj.Body)`: a helper named like a collector, given a whole-payload stream.
      return isCollectorName(callee.name) ? collected(call) : undefined;
    }

    /** A whole value turned into the same bytes in another form (`Buffer.from(bytes)`, `buf.toString()`). */
    function passThrough(node: TSESTree.Node): Value | undefined {
      const value = valueOf(node);
      return value?.kind === 'whole' ? value : undefined;
    }

    /** `buffer(stream)` (node:stream/consumers), `getStream(stream)`, `getRawBody(stream)` of a whole-payload stream. */
    function collected(call: TSESTree.CallExpression): Value | undefined {
      const stream = call.arguments[0] && valueOf(call.arguments[0]);
      return stream?.kind === 'stream' ? { kind: 'whole', source: stream.source, read: call, at: call } : undefined;
    }

    /** `Buffer.concat(chunks)` where `chunks` gathers a stream: `for await (const c of s) chunks.push(c)`, `s.on('data', (c) => chunks.push(c))`. */
    function collectedChunks(call: TSESTree.CallExpression): Value | undefined {
      const argument = call.arguments[0] && skipExpressionWrappers(call.arguments[0]);
      if (argument?.type !== AST_NODE_TYPES.Identifier) return undefined;
      const variable = findVariable(sourceCode.getScope(argument) as never, argument as never) as Variable | null;
      if (!variable || variable.defs.length !== 1 || variable.defs[0].type !== 'Variable') return undefined;
      for (const reference of variable.references) {
        const member = reference.identifier.parent;
        if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier || memberName(member) !== 'push') continue;
        const push = member.parent;
        if (push?.type !== AST_NODE_TYPES.CallExpression || push.callee !== member) continue;
        for (const pushed of push.arguments) {
          const stream = chunkSource(pushed);
          if (stream) return { kind: 'whole', source: stream.source, read: call, at: call };
        }
      }
      return undefined;
    }

    /** The stream a chunk comes from: the loop variable of `for await (const chunk of stream)`, or a `'data'` listener's parameter. */
    function chunkSource(node: TSESTree.Node): Extract<Value, { kind: 'stream' }> | undefined {
      const chunk = skipExpressionWrappers(node);
      if (chunk.type !== AST_NODE_TYPES.Identifier) return undefined;
      const variable = findVariable(sourceCode.getScope(chunk) as never, chunk as never) as Variable | null;
      const def = variable?.defs[0];
      if (!def) return undefined;
      let source: TSESTree.Node | undefined;
      if (def.type === 'Variable') {
        const declaration = (def.node as TSESTree.VariableDeclarator).parent;
        const loop = declaration.parent;
        if (loop?.type === AST_NODE_TYPES.ForOfStatement && loop.left === declaration && loop.await && (def.node as TSESTree.VariableDeclarator).id === def.name) source = loop.right;
      } else if (def.type === 'Parameter' && isFunction(def.node as TSESTree.Node)) {
        const fn = def.node as FunctionNode;
        const { child, parent: call } = parentSkippingWrappers(fn);
        if (fn.params[0] === def.name && call?.type === AST_NODE_TYPES.CallExpression && call.arguments[1] === child) {
          const callee = skipExpressionWrappers(call.callee);
          const event = call.arguments[0];
          if (
            callee.type === AST_NODE_TYPES.MemberExpression &&
            (memberName(callee) === 'on' || memberName(callee) === 'addListener') &&
            event?.type === AST_NODE_TYPES.Literal &&
            event.value === 'data'
          ) {
            source = callee.object;
          }
        }
      }
      const stream = source && valueOf(source);
      return stream?.kind === 'stream' ? stream : undefined;
    }

    /** A function of this file whose every `return` hands back a whole read (or a whole-payload stream) it makes itself. */
    function helperValue(call: TSESTree.CallExpression, callee: TSESTree.Identifier): Value | undefined {
      const fn = functionBoundTo(callee);
      if (!fn) return undefined;
      const returned = returnedExpressions(fn);
      if (returned.length === 0) return undefined;
      let first: Extract<Value, { kind: 'whole' | 'stream' }> | undefined;
      for (const expression of returned) {
        const value = valueOf(expression);
        if ((value?.kind !== 'whole' && value?.kind !== 'stream') || !runsWithin(value.at, expression)) return undefined;
        if (first && (first.kind !== value.kind || first.source !== value.source)) return undefined;
        first ??= value;
      }
      return first && { ...first, at: call };
    }

    function functionBoundTo(identifier: TSESTree.Identifier): FunctionNode | undefined {
      const variable = findVariable(sourceCode.getScope(identifier) as never, identifier as never) as Variable | null;
      const def = variable?.defs[0];
      if (!variable || !def || variable.defs.length !== 1) return undefined;
      if (def.type === 'FunctionName' && def.node.type === AST_NODE_TYPES.FunctionDeclaration) return def.node;
      if (def.type !== 'Variable') return undefined;
      const declarator = def.node as TSESTree.VariableDeclarator;
      if (declarator.parent.kind !== 'const' || declarator.id !== def.name || !declarator.init) return undefined;
      const init = skipExpressionWrappers(declarator.init);
      return init.type === AST_NODE_TYPES.ArrowFunctionExpression || init.type === AST_NODE_TYPES.FunctionExpression ? init : undefined;
    }

    function receiverPackage(node: TSESTree.Node): string | undefined {
      return getReceiverPackage(node, context)?.packageName;
    }

    function isAsyncFileRead(call: TSESTree.CallExpression): boolean {
      const io = outboundIo.classify(call);
      return io?.category === 'file' && io.method === 'readFile';
    }

    /** `new GetObjectCommand(…)` (in place or in a `const`) with the class imported from the S3 client. */
    function isGetObjectCommand(argument: TSESTree.Node | undefined): boolean {
      let value = argument && skipExpressionWrappers(argument);
      if (value?.type === AST_NODE_TYPES.Identifier) {
        const variable = findVariable(sourceCode.getScope(value) as never, value as never) as Variable | null;
        const def = variable?.defs[0];
        if (variable?.defs.length !== 1 || def?.type !== 'Variable') return false;
        const declarator = def.node as TSESTree.VariableDeclarator;
        if (declarator.parent.kind !== 'const' || declarator.id !== def.name || !declarator.init) return false;
        value = skipExpressionWrappers(declarator.init);
      }
      if (value?.type !== AST_NODE_TYPES.NewExpression) return false;
      const callee = value.callee;
      const head = callee.type === AST_NODE_TYPES.MemberExpression ? callee.object : callee;
      if (head.type !== AST_NODE_TYPES.Identifier) return false;
      const origin = getImportOrigin(head, sourceCode.getScope(head));
      if (origin?.source !== S3_PACKAGE) return false;
      const className = callee.type === AST_NODE_TYPES.MemberExpression ? (isModuleObject(origin.imported) ? memberName(callee) : undefined) : origin.imported;
      return className === 'GetObjectCommand';
    }

    /** With type information: `x.transformToByteArray()` where the method is the AWS SDK's streaming-body mixin. */
    function isSdkStreamMethod(callee: TSESTree.MemberExpression): boolean {
      const services = typeServices();
      if (!services) return false;
      const tsNode = services.services.esTreeNodeToTSNodeMap.get(callee.property);
      const symbol = services.checker.getSymbolAtLocation(tsNode);
      const fileName = symbol?.declarations?.[0]?.getSourceFile().fileName;
      const pkg = fileName ? packageOfFile(fileName) : undefined;
      return pkg !== undefined && SDK_STREAM_PACKAGES.has(pkg);
    }

    function isGlobal(identifier: TSESTree.Identifier): boolean {
      const variable = findVariable(sourceCode.getScope(identifier) as never, identifier as never) as Variable | null;
      return !variable || variable.defs.length === 0;
    }

    // -----------------------------------------------------------------------------------------------------
    // Reports.

    function check(send: ResponseSend | undefined) {
      if (!send) return;
      const value = valueOf(send.body);
      if (value?.kind !== 'whole') return;
      if (!runsWithin(value.at, send.node) || !requestPath.classify(value.at).onRequestPath) return;
      if (isSizeGuarded(send.node, enclosingFunction(value.at))) return;
      context.report({
        node: send.node,
        messageId: 'wholePayload',
        data: { send: describeSend(send), read: describeRead(value.read), fix: fixFor(send.framework, value.source) },
      });
    }

    function describeSend(send: ResponseSend): string {
      const node = send.node;
      if (send.method === 'return') return `Returning \`${shorten(sourceCode.getText(send.body), 'it')}\` from a Fastify handler`;
      if (node.type === AST_NODE_TYPES.NewExpression) return `\`${send.method}(…)\``;
      if (node.type === AST_NODE_TYPES.AssignmentExpression) return `\`${calleeLabel(node.left)} = …\``;
      if (node.type === AST_NODE_TYPES.CallExpression) return `\`${calleeLabel(node.callee)}(…)\``;
      return `\`${send.method}\``;
    }

    function describeRead(read: TSESTree.Node): string {
      if (read.type !== AST_NODE_TYPES.CallExpression) return shorten(sourceCode.getText(read), 'read');
      return `${calleeLabel(read.callee)}(${read.arguments.length > 0 ? '…' : ''})`;
    }

    /** The callee as written, or `root.….method` when that is long: `storage.….download`. */
    function calleeLabel(callee: TSESTree.Node): string {
      const text = oneLineText(sourceCode, callee);
      if (text.length <= MAX_TEXT && !text.includes('\n')) return text;
      const member = skipExpressionWrappers(callee);
      const method = member.type === AST_NODE_TYPES.MemberExpression ? memberName(member) : undefined;
      if (method === undefined) return 'call';
      let root: TSESTree.Node = member;
      for (let hops = 0; hops < 32; hops++) {
        const current = skipExpressionWrappers(root);
        if (current.type === AST_NODE_TYPES.MemberExpression) root = current.object;
        else if (current.type === AST_NODE_TYPES.CallExpression) root = current.callee;
        else break;
      }
      root = skipExpressionWrappers(root);
      return root.type === AST_NODE_TYPES.Identifier ? `${root.name}.….${method}` : `….${method}`;
    }

    function shorten(text: string, fallback: string): string {
      return text.length <= MAX_TEXT && !text.includes('\n') ? text : fallback;
    }

    function visitSend(node: TSESTree.Node) {
      // The payload first: finding the response object may ask the type checker, and most sends carry no file.
      const payload = sendPayloadCandidate(node);
      if (payload && valueOf(payload)?.kind === 'whole') check(responses.sendOf(node));
    }

    return {
      // Only calls that may name a send method: ESLint skips the others (most calls of a file) for us.
      [SEND_CALL_SELECTOR]: visitSend,
      [UNUSUAL_METHOD_CALL_SELECTOR]: visitSend,
      NewExpression: visitSend,
      AssignmentExpression: visitSend,
      ReturnStatement(node) {
        // Only a returned value that may be a payload (Fastify handlers send what they return).
        if (node.argument && mayHoldPayload(node.argument)) visitSend(node);
      },
      'ArrowFunctionExpression[expression=true]'(node: TSESTree.ArrowFunctionExpression) {
        if (mayHoldPayload(node.body)) visitSend(node);
      },
    };
  },
});

// ---------------------------------------------------------------------------------------------------------
// Helpers.

/** The fix, in the framework's own streaming form, for a file, an S3 object or a GCS object. */
function fixFor(framework: ResponseFramework, source: Source): string {
  const stream = source === 'file' ? 'createReadStream(path)' : source === 's3' ? 'Body' : 'file.createReadStream()';
  const what = source === 'file' ? 'Stream the file' : source === 's3' ? "Stream the object's `Body` instead of collecting it" : 'Stream the object with `file.createReadStream()`';
  const webStream = source === 's3' ? 'Body.transformToWebStream()' : `Readable.toWeb(${stream})`;
  switch (framework) {
    case 'node':
      return source === 'file'
        ? `${what}: \`res.sendFile(path)\` (Express), or \`await pipeline(createReadStream(path), res)\``
        : `${what}: \`await pipeline(${stream}, res)\``;
    case 'fastify':
      return `${what}: \`reply.send(${stream})\``;
    case 'koa':
      return `${what}: \`ctx.body = ${stream}\``;
    case 'hono':
      return `${what}: \`c.body(${webStream})\`, or Hono's \`stream()\` helper`;
    case 'fetch':
      return `${what}: \`new Response(${webStream})\``;
    case 'nestjs':
      return `${what}: \`new StreamableFile(${stream})\``;
  }
}

/** `export const dynamic = 'force-static'`: Next.js runs the route handler at build time, not per request. */
function isForceStatic(program: TSESTree.Program): boolean {
  return program.body.some(
    (statement) =>
      statement.type === AST_NODE_TYPES.ExportNamedDeclaration &&
      statement.declaration?.type === AST_NODE_TYPES.VariableDeclaration &&
      statement.declaration.declarations.some(
        (declarator) =>
          declarator.id.type === AST_NODE_TYPES.Identifier &&
          declarator.id.name === 'dynamic' &&
          declarator.init?.type === AST_NODE_TYPES.Literal &&
          declarator.init.value === 'force-static',
      ),
  );
}

/** Cheap syntactic test before asking whether a returned value is a Fastify payload. */
function mayHoldPayload(node: TSESTree.Node): boolean {
  const value = skipExpressionWrappers(node);
  return (
    value.type === AST_NODE_TYPES.Identifier ||
    value.type === AST_NODE_TYPES.AwaitExpression ||
    value.type === AST_NODE_TYPES.CallExpression ||
    value.type === AST_NODE_TYPES.MemberExpression
  );
}



/**
 * Does the code at `at` run each time `use` does? It must sit in the same function, or in a function that
 * `use` reaches only through callbacks passed to calls (`readFile(p, (err, data) => res.end(data))`). A read
 * at module level, or in a factory that returns the function that uses it, runs once.
 */
function runsWithin(at: TSESTree.Node, use: TSESTree.Node): boolean {
  const home = enclosingFunction(at);
  if (!home) return false;
  for (let fn = enclosingFunction(use); fn; fn = enclosingFunction(fn)) {
    if (fn === home) return true;
    if (!isInlineCallback(fn)) return false;
  }
  return false;
}

/**
 * The send, or the code before it, tests the payload's size: `if (stat.size < LIMIT) res.send(await readFile(p))`,
 * or an earlier `if (head.ContentLength > LIMIT) return …`. Whoever wrote that chose a whole read for small payloads.
 */
function isSizeGuarded(send: TSESTree.Node, home: FunctionNode | undefined): boolean {
  for (let node: TSESTree.Node = send; node.parent && node !== home; node = node.parent) {
    const parent: TSESTree.Node = node.parent;
    if ((parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression) && parent.test !== node && testsSize(parent.test)) return true;
    if (parent.type === AST_NODE_TYPES.BlockStatement || parent.type === AST_NODE_TYPES.SwitchCase) {
      const statements = parent.type === AST_NODE_TYPES.BlockStatement ? parent.body : parent.consequent;
      for (const statement of statements) {
        if (statement === node) break;
        if (statement.type === AST_NODE_TYPES.IfStatement && testsSize(statement.test) && exitsAtEnd(statement.consequent)) return true;
      }
    }
  }
  return false;
}

function testsSize(test: TSESTree.Node): boolean {
  const queue: TSESTree.Node[] = [test];
  for (let index = 0; index < queue.length && index < 16; index++) {
    const node = skipExpressionWrappers(queue[index]);
    if (node.type === AST_NODE_TYPES.LogicalExpression) queue.push(node.left, node.right);
    else if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '!') queue.push(node.argument);
    else if (node.type === AST_NODE_TYPES.BinaryExpression && RELATIONAL_OPERATORS.has(node.operator) && (isSizeRead(node.left) || isSizeRead(node.right))) return true;
  }
  return false;
}

function isSizeRead(node: TSESTree.Node): boolean {
  const value = skipExpressionWrappers(node);
  return value.type === AST_NODE_TYPES.MemberExpression && SIZE_PROPERTIES.has(memberName(value) ?? '');
}

function hasFunctionArgument(call: TSESTree.CallExpression): boolean {
  return call.arguments.some((argument) => argument.type === AST_NODE_TYPES.ArrowFunctionExpression || argument.type === AST_NODE_TYPES.FunctionExpression);
}

/** `file.download({ destination })` writes to disk and resolves to nothing worth sending. */
function hasDestination(call: TSESTree.CallExpression): boolean {
  const options = call.arguments[0];
  return (
    options?.type === AST_NODE_TYPES.ObjectExpression &&
    options.properties.some((property) => property.type === AST_NODE_TYPES.Property && !property.computed && property.key.type === AST_NODE_TYPES.Identifier && property.key.name === 'destination')
  );
}

/** `streamToBuffer`, `bufferFromStream`, `collect`, `readAll`; not `stringify` or `textContent`-like longer words. Linear. */
function isCollectorName(name: string): boolean {
  if (COLLECTOR_NAMES.has(name.toLowerCase())) return true;
  let word = '';
  for (let index = 0; index <= name.length && index <= 200; index++) {
    const char = name[index] ?? '';
    const startsWord = char >= 'A' && char <= 'Z';
    if (char === '' || char === '_' || char === '$' || (startsWord && word !== '')) {
      if (COLLECTOR_WORDS.has(word.toLowerCase())) return true;
      word = '';
    }
    if (char !== '_' && char !== '$') word += char;
  }
  return false;
}

/** The expressions a function returns: its expression body, or the arguments of its own `return` statements. */
function returnedExpressions(fn: FunctionNode): TSESTree.Node[] {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return [fn.body];
  const out: TSESTree.Node[] = [];
  const queue: TSESTree.Node[] = [...fn.body.body];
  for (let index = 0; index < queue.length && index < 400; index++) {
    const node = queue[index];
    if (isFunction(node) || node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) continue;
    if (node.type === AST_NODE_TYPES.ReturnStatement) {
      if (!node.argument) return [];
      out.push(node.argument);
      continue;
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) {
        for (const item of value) if (isAstNode(item)) queue.push(item);
      } else if (isAstNode(value) && value !== node.parent) {
        queue.push(value);
      }
    }
  }
  return out;
}


function patternKeyName(property: TSESTree.Property): string | undefined {
  if (!property.computed && property.key.type === AST_NODE_TYPES.Identifier) return property.key.name;
  if (property.key.type === AST_NODE_TYPES.Literal && (typeof property.key.value === 'string' || typeof property.key.value === 'number')) return String(property.key.value);
  return undefined;
}

/** The steps from a pattern's whole value to `target` inside it: `{ Body }` → get Body; `[contents]` → index 0. */
function patternPath(pattern: TSESTree.Node, target: TSESTree.Node): PathStep[] | undefined {
  if (pattern === target) return [];
  switch (pattern.type) {
    case AST_NODE_TYPES.AssignmentPattern:
      return patternPath(pattern.left, target);
    case AST_NODE_TYPES.TSParameterProperty:
      return patternPath(pattern.parameter, target);
    case AST_NODE_TYPES.ObjectPattern:
      for (const property of pattern.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const inner = patternPath(property.value, target);
        if (!inner) continue;
        const name = patternKeyName(property);
        return name === undefined ? undefined : [/^\d+$/.test(name) ? { kind: 'index', index: Number(name) } : { kind: 'get', name }, ...inner];
      }
      return undefined;
    case AST_NODE_TYPES.ArrayPattern:
      for (let index = 0; index < pattern.elements.length; index++) {
        const element = pattern.elements[index];
        if (!element || element.type === AST_NODE_TYPES.RestElement) continue;
        const inner = patternPath(element, target);
        if (inner) return [{ kind: 'index', index }, ...inner];
      }
      return undefined;
    default:
      return undefined;
  }
}

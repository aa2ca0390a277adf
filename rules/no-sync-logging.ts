import { findVariable } from '@eslint-community/eslint-utils';
import type { ParserServicesWithTypeInformation, TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../src/ast/node-types';
import { oneLineText } from '../src/ast/source-text';
import { constInitializer, getReceiverPackage, getTypeServices } from '../src/analysis/library-origin';
import { getImportOrigin, loadedModuleSources, loadsAtRunTime, moduleTraceMap, ReferenceTracker, trackModuleReferences } from '../src/analysis/modules';
import { DEFAULT_SCRIPT_GLOBS, scriptsOptionSchema, declaringPackageOfType, getRequestPath, globalReferences, sharesServingEventLoop } from '../src/analysis/request-path';
import { isFunction, isLoop, isProcessExitCall, runsInErrorHandler } from '../src/ast/code-shape';
import { createRule } from '../src/create-rule';
import { isLogFileWrite, SYNC_LOG_WRITE_FUNCTIONS } from '../src/analysis/log-writes';
import { runsOncePerProcess } from '../src/analysis/once-guards';
import { textMentions, type TextWord } from '../src/analysis/text-facts';
import { runsOnCloudflareWorkers } from '../src/analysis/package-manifest';

type Options = [{ scripts: string[]; ignoreErrorHandlers?: boolean }];
type MessageIds = 'console' | 'syncDestination' | 'blockingSink' | 'syncFileWrite' | 'eagerStringify' | 'eagerStringifyConsole';

/**
 * Console methods that write a line: Node writes them synchronously to files, and to pipes on most platforms.
 * `timeEnd`/`timeLog` print the label and elapsed time, `count` the label and count; `time` and `countReset` print nothing.
 */
const CONSOLE_METHODS = new Set(['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table', 'timeEnd', 'timeLog', 'count']);
/** Level methods of pino, winston, bunyan, NestJS `Logger`, log4js, consola, … */
const LOGGER_METHODS = new Set(['log', 'info', 'warn', 'warning', 'error', 'debug', 'trace', 'fatal', 'verbose', 'silly', 'http', 'notice', 'crit', 'critical', 'alert', 'emerg']);
const LOGGER_PACKAGES = new Set(['pino', 'winston', 'bunyan', '@nestjs/common', 'log4js', 'loglevel', 'consola', 'signale', 'tslog', 'roarr']);
/** With types, a receiver whose type comes from these is a logger (fastify's `request.log` is a `FastifyBaseLogger`). */
const LOGGER_TYPE_PACKAGES = new Set([...LOGGER_PACKAGES, 'fastify']);
/** `logger`, `log`, `Logger`, `this.logger`, `req.log`, `auditLogger`, `requestLog`. */
const LOGGER_NAME = /^(?:log|logger|Logger|[a-z][A-Za-z0-9]*(?:Log|Logger))$/;

const SYNC_WRITES = moduleTraceMap({
  fs: Object.fromEntries([...SYNC_LOG_WRITE_FUNCTIONS].map((name) => [name, { [ReferenceTracker.CALL]: true }])),
});

const DESTINATION = { [ReferenceTracker.CALL]: true };
const SONIC_BOOM = { [ReferenceTracker.CALL]: true, [ReferenceTracker.CONSTRUCT]: true };
const LOGTAPE = '@logtape/logtape';
/** LogTape's console sink: each record formatted and written through `console` as it is logged, unless `nonBlocking`. */
const CONSOLE_SINKS = moduleTraceMap({ [LOGTAPE]: { getConsoleSink: { [ReferenceTracker.CALL]: true } } });
const LOG_DESTINATIONS = moduleTraceMap({
  pino: { destination: DESTINATION, pino: { destination: DESTINATION } },
  'sonic-boom': { ...SONIC_BOOM, SonicBoom: SONIC_BOOM },
});

/** A payload as a structured field, in each logger's argument order. */
const STRUCTURED_FIELD_FORMS: Readonly<Record<string, string>> = {
  pino: '`logger.info({ body }, "msg")`',
  bunyan: '`log.info({ body }, "msg")`',
  winston: '`logger.info("msg", { body })`',
};
const ANY_STRUCTURED_FIELD_FORM = 'pino and bunyan: `logger.info({ body }, "msg")`; winston: `logger.info("msg", { body })`';

export default createRule<Options, MessageIds>({
  name: 'no-sync-logging',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow logging that blocks the event loop on request paths',
      guide: 'asynchronous-logging',
      recommended: 'recommended',
    },
    schema: [
      {
        type: 'object',
        properties: {
          scripts: scriptsOptionSchema('where console output is expected.'),
          ignoreErrorHandlers: {
            type: 'boolean',
            description: 'Leave alone `console` output in a `catch` block or a `.catch(…)` handler: it runs only when something failed.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ scripts: [...DEFAULT_SCRIPT_GLOBS], ignoreErrorHandlers: false }],
    messages: {
      console:
        '`{{call}}` on a request path formats on the main thread and writes synchronously when stdout/stderr is a file or a terminal (or a pipe on Windows), blocking the event loop. Use an asynchronous logger such as pino.',
      blockingSink:
        '`{{call}}()` formats and writes every log record through `console` as it is logged, on the main thread, and the write blocks when stdout/stderr is a file or a terminal. Pass `nonBlocking: true` to buffer records and flush them in the background.',
      syncDestination:
        '`{{call}}` with `{{option}}: true` makes every later log line a blocking write. Leave `sync` at its default (false) or log through `pino.transport()`.',
      syncFileWrite:
        '`{{call}}` writes a log line synchronously on a request path, blocking the event loop. Use a logger with an asynchronous destination or a write stream.',
      eagerStringify:
        '`JSON.stringify` in `{{call}}` serialises the whole payload on the main thread on every call, before any level check can drop the line. Pass the object as a structured field ({{form}}) and let the logger serialise it.',
      eagerStringifyConsole:
        '`JSON.stringify` in `{{call}}` serialises the whole payload on the main thread on every call, and `console` has no level to skip it with. Log only the fields you need, or log through a logger that takes the object as a structured field ({{form}}) and serialises it only when its level is on.',
    },
  },
  create(context, [options]) {
    // Each check needs its API spelled out: `console`, a `…Sync` write, `JSON.stringify`, a pino or sonic-boom destination.
    const mentioned = (word: TextWord) => textMentions(context.sourceCode, word);
    const mentions = { console: mentioned('console'), syncWrite: mentioned('Sync'), stringify: mentioned('stringify'), destination: mentioned('pino') || mentioned('sonic-boom') };
    const configuresLogTape = loadedModuleSources(context.sourceCode).includes(LOGTAPE);
    if (!mentions.console && !mentions.syncWrite && !mentions.stringify && !mentions.destination && !configuresLogTape) return {};
    const requestPath = getRequestPath(context, { scripts: options.scripts });
    // Tests, CLI scripts, migrations and config files may log however they like.
    if (requestPath.fileKind !== 'server' || isTemporalWorkflowCode(context.sourceCode)) return {};
    const typed = getTypeServices(context)?.services;
    const sourceCode = context.sourceCode;

    function runsOnWorkers(): boolean {
      return loadedModuleSources(sourceCode).some((source) => source.startsWith('cloudflare:')) || runsOnCloudflareWorkers(context.cwd, context.physicalFilename);
    }

    function report(node: TSESTree.Node, messageId: MessageIds, data: Record<string, string>) {
      context.report({ node, messageId, data });
    }

    function checkConsole() {
      // A Cloudflare Workers isolate hands `console` records to the runtime's log stream: no stdout write blocks there.
      if (runsOnWorkers()) return;
      for (const call of consoleCalls(sourceCode)) {
        if (precedesProcessExit(call)) continue;
        if (options.ignoreErrorHandlers && runsInErrorHandler(call)) continue;
        // A warning printed once per process (`if (warned) return; warned = true; console.warn(…)`) costs nothing per request.
        if (sharesServingEventLoop(requestPath.classify(call)) && !runsOncePerProcess(call, sourceCode)) report(call, 'console', { call: calleeText(sourceCode, call) });
      }
    }

    function checkDestinations() {
      for (const { node } of trackModuleReferences(sourceCode, LOG_DESTINATIONS)) {
        const call = node as TSESTree.CallExpression | TSESTree.NewExpression;
        const option = syncOption(call.arguments[0], sourceCode);
        if (option) report(call, 'syncDestination', { call: calleeText(sourceCode, call), option });
      }
    }

    /** `configure({ sinks: { console: getConsoleSink() } })` without `nonBlocking` (OpenStatus's server logs every request so). */
    function checkConsoleSinks() {
      for (const { node } of trackModuleReferences(sourceCode, CONSOLE_SINKS)) {
        const call = node as TSESTree.CallExpression;
        if (!mayBeNonBlocking(call.arguments[0], sourceCode)) report(call, 'blockingSink', { call: calleeText(sourceCode, call) });
      }
    }

    function checkFileWrites() {
      for (const { node, path } of trackModuleReferences(sourceCode, SYNC_WRITES)) {
        const call = node as TSESTree.CallExpression;
        if (isLogFileWrite(call) && sharesServingEventLoop(requestPath.classify(call))) {
          report(call, 'syncFileWrite', { call: `fs.${path[path.length - 1]}` });
        }
      }
    }

    function checkStringify() {
      for (const call of jsonStringifyCalls(sourceCode)) {
        const payload = call.arguments[0];
        if (!payload || payload.type === AST_NODE_TYPES.SpreadElement || isSmallLiteral(payload, 0, sourceCode) || isScalarByName(payload)) continue;
        const logCall = enclosingLogCall(call);
        if (!logCall || !isLogCall(logCall) || logsAtErrorLevel(logCall)) continue;
        // `console.info(JSON.stringify({ msg: 'timing', path: opts.path, durationMs }))`: with `console`, a flat record
        // stringified is the log line's format (one JSON line for a log drain), with no logger to take it as a field.
        if (isConsoleCall(logCall) && call.arguments.length === 1 && isFlatRecord(payload)) continue;
        if (typed && isPrimitive(typed, payload)) continue;
        if (isGuardedByLevelCheck(logCall)) continue;
        if (sharesServingEventLoop(requestPath.classify(logCall))) report(call, isConsoleCall(logCall) ? 'eagerStringifyConsole' : 'eagerStringify', { call: calleeText(sourceCode, logCall), form: structuredFieldForm(logCall) });
      }
    }

    /** How the call's logger takes an object as a field: pino and bunyan first, winston after the message; both when unknown. */
    function structuredFieldForm(logCall: TSESTree.CallExpression): string {
      // The debug package formats its `%O` and `%j` arguments only when the namespace is enabled.
      if (logCall.callee.type === AST_NODE_TYPES.Identifier) return `\`${logCall.callee.name}('… %O', body)\``;
      const callee = logCall.callee.type === AST_NODE_TYPES.MemberExpression ? logCall.callee : undefined;
      let library = callee ? getReceiverPackage(callee.object, context)?.packageName : undefined;
      if (library === undefined || !(library in STRUCTURED_FIELD_FORMS)) {
        // The one logger library the file loads, if only one.
        const loaded = loadedModuleSources(sourceCode).filter((source) => source in STRUCTURED_FIELD_FORMS);
        library = new Set(loaded).size === 1 ? loaded[0] : undefined;
      }
      return library === undefined ? ANY_STRUCTURED_FIELD_FORM : STRUCTURED_FIELD_FORMS[library];
    }

    function isConsoleCall(call: TSESTree.CallExpression): boolean {
      return call.callee.type === AST_NODE_TYPES.MemberExpression && isGlobalConsole(call.callee.object, sourceCode);
    }

    function isLogCall(call: TSESTree.CallExpression): boolean {
      const callee = call.callee;
      if (callee.type === AST_NODE_TYPES.Identifier) return isDebugLogger(callee, 0);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      const method = propertyName(callee);
      if (method === undefined) return false;
      if (isGlobalConsole(callee.object, sourceCode)) return CONSOLE_METHODS.has(method);
      return LOGGER_METHODS.has(method) && isLogger(callee.object, call);
    }

    /**
     * A logger the `debug` package made: `const debugFacebook = debug('erxes:facebook')` with `debug` imported or
     * required from it, or one `extend`ed from such a logger. It prints only when its namespace is enabled, but the
     * arguments are built on every call.
     */
    function isDebugLogger(identifier: TSESTree.Identifier, depth: number): boolean {
      const init = constInitializer(identifier, sourceCode.getScope(identifier));
      if (init?.type !== AST_NODE_TYPES.CallExpression) return false;
      const factory = init.callee;
      if (factory.type === AST_NODE_TYPES.MemberExpression && propertyName(factory) === 'extend' && factory.object.type === AST_NODE_TYPES.Identifier) {
        return depth < 2 && isDebugLogger(factory.object, depth + 1);
      }
      if (factory.type !== AST_NODE_TYPES.Identifier) return false;
      return getImportOrigin(factory, sourceCode.getScope(factory))?.source === 'debug';
    }

    /** A logger by name, by where it comes from, or (with types) by the package that declares its type. */
    function isLogger(receiver: TSESTree.Node, at: TSESTree.Node): boolean {
      let current = receiver;
      // `logger.child({ reqId })`
      while (current.type === AST_NODE_TYPES.CallExpression && current.callee.type === AST_NODE_TYPES.MemberExpression && propertyName(current.callee) === 'child') {
        current = current.callee.object;
      }
      const name = current.type === AST_NODE_TYPES.Identifier ? current.name : current.type === AST_NODE_TYPES.MemberExpression ? propertyName(current) : undefined;
      if (name !== undefined && LOGGER_NAME.test(name)) return true;
      if (current.type === AST_NODE_TYPES.Identifier && isFromLoggerPackage(current, at)) return true;
      if (typed) {
        const pkg = declaringPackageOfType(typed, current);
        if (pkg !== undefined && LOGGER_TYPE_PACKAGES.has(pkg)) return true;
      }
      return false;
    }

    /** `winston`, `Logger` (NestJS), or a binding made by a logger package: `const l = pino()`, `new Logger(...)`. */
    function isFromLoggerPackage(identifier: TSESTree.Identifier, at: TSESTree.Node): boolean {
      const scope = sourceCode.getScope(at);
      const origin = getImportOrigin(identifier, scope);
      if (origin) return LOGGER_PACKAGES.has(origin.source);
      const init = constInitializer(identifier, scope);
      if (init?.type !== AST_NODE_TYPES.CallExpression && init?.type !== AST_NODE_TYPES.NewExpression) return false;
      let factory: TSESTree.Node = init.callee;
      while (factory.type === AST_NODE_TYPES.MemberExpression) factory = factory.object;
      if (factory.type !== AST_NODE_TYPES.Identifier) return false;
      const factoryOrigin = getImportOrigin(factory, scope);
      return factoryOrigin !== undefined && LOGGER_PACKAGES.has(factoryOrigin.source);
    }

    return {
      'Program:exit'() {
        if (mentions.console) checkConsole();
        if (mentions.destination) checkDestinations();
        if (configuresLogTape) checkConsoleSinks();
        if (mentions.syncWrite) checkFileWrites();
        if (mentions.stringify) checkStringify();
      },
    };
  },
});

// ---------------------------------------------------------------------------------------------------------

/** `console.log(...)`, `globalThis.console.log(...)` on the global console, never a local `console`. */
const TEMPORAL_WORKFLOW = '@temporalio/workflow';

/**
 * A Temporal workflow definition: it runs in the SDK's sandbox, on the worker's workflow thread, where `console` is
 * the sandbox's own (it drops lines while a workflow replays and hands the rest to the worker), and where no logger
 * with I/O can even be bundled; `log` from `@temporalio/workflow` is the way there. Activities, which do run on the
 * worker's event loop, import `@temporalio/activity` instead.
 */
function isTemporalWorkflowCode(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  return loadedModuleSources(sourceCode).includes(TEMPORAL_WORKFLOW) && loadsAtRunTime(sourceCode, TEMPORAL_WORKFLOW);
}

function consoleCalls(sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.CallExpression[] {
  const objects: TSESTree.Node[] = [...globalReferences(sourceCode, 'console')];
  for (const globalThisRef of globalReferences(sourceCode, 'globalThis')) {
    const parent = globalThisRef.parent;
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === globalThisRef && propertyName(parent) === 'console') objects.push(parent);
  }
  const calls: TSESTree.CallExpression[] = [];
  for (const object of objects) {
    const member = object.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== object) continue;
    const method = propertyName(member);
    const call = member.parent;
    if (method !== undefined && CONSOLE_METHODS.has(method) && call?.type === AST_NODE_TYPES.CallExpression && call.callee === member) calls.push(call);
  }
  return calls;
}

function isGlobalConsole(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (node.type !== AST_NODE_TYPES.Identifier || node.name !== 'console') return false;
  const variable = findVariable(sourceCode.getScope(node) as never, node as never) as TSESLint.Scope.Variable | null;
  return !variable || variable.defs.length === 0;
}

/**
 * Levels no deployment turns off: the logger serialises what they get anyway, so an eager `JSON.stringify` costs
 * nothing a structured field would save (Vendure's `Logger.error(JSON.stringify(e))` in its catch blocks).
 */
const ALWAYS_ON_LEVELS = new Set(['error', 'fatal', 'crit', 'critical', 'alert', 'emerg']);

/** `logger.error(…)`, or the level as the first argument of a generic method: winston's `logger.log('error', …)`. */
function logsAtErrorLevel(call: TSESTree.CallExpression): boolean {
  if (call.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = propertyName(call.callee) ?? '';
  if (ALWAYS_ON_LEVELS.has(method)) return true;
  const [level] = call.arguments;
  return method === 'log' && call.arguments.length > 1 && level.type === AST_NODE_TYPES.Literal && typeof level.value === 'string' && ALWAYS_ON_LEVELS.has(level.value);
}

/**
 * `JSON.stringify(err.message)`, `JSON.stringify(subscriber.subscriberId)`: a value named as one string (an error's
 * message, an id, an email) needs no serialiser, and quoting it costs nothing. A list of ids (`userIds`) may be long.
 */
function isScalarByName(payload: TSESTree.Node): boolean {
  const name =
    payload.type === AST_NODE_TYPES.Identifier ? payload.name : payload.type === AST_NODE_TYPES.MemberExpression && !payload.computed ? propertyName(payload) : undefined;
  return name !== undefined && SCALAR_NAME.test(name);
}

const SCALAR_NAME = /^(?:message|id|_id|uuid|identifier|email)$|[a-z0-9](?:Id|ID|_id)$/;

function jsonStringifyCalls(sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.CallExpression[] {
  const calls: TSESTree.CallExpression[] = [];
  for (const json of globalReferences(sourceCode, 'JSON')) {
    const member = json.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== json || propertyName(member) !== 'stringify') continue;
    const call = member.parent;
    if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === member) calls.push(call);
  }
  return calls;
}

/**
 * The call whose argument carries this `JSON.stringify(...)`: directly, inside a template literal or a `+`
 * concatenation, or as a field of an object literal argument.
 */
function enclosingLogCall(stringify: TSESTree.CallExpression): TSESTree.CallExpression | undefined {
  let current: TSESTree.Node = stringify;
  for (let depth = 0; depth < 12; depth++) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (!parent) return undefined;
    switch (parent.type) {
      case AST_NODE_TYPES.TemplateLiteral:
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
        current = parent;
        break;
      case AST_NODE_TYPES.BinaryExpression:
        if (parent.operator !== '+') return undefined;
        current = parent;
        break;
      case AST_NODE_TYPES.Property:
        if (parent.value !== current || parent.parent.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
        current = parent.parent;
        break;
      case AST_NODE_TYPES.CallExpression:
        return parent.arguments.includes(current as TSESTree.CallExpressionArgument) ? parent : undefined;
      default:
        return undefined;
    }
  }
  return undefined;
}

/**
 * A log record: an object literal of a few named fields, one of them a string literal naming the event (`msg: 'timing'`),
 * each a scalar-looking value: a literal or template, a name, a member read (`opts.path`, `process.env.REGION`), or
 * arithmetic and defaults of those (`Date.now() - start`, `a ?? 'none'`). No spread, nested object or array, or call
 * other than `Date.now()`: those may carry a whole payload; nor a record of names alone (`{ auditLogResponse }`, Dub's
 * dumps of API responses), which is a value dumped under its name.
 */
function isFlatRecord(node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.ObjectExpression || node.properties.length === 0 || node.properties.length > 12) return false;
  const fields = node.properties.filter((property): property is TSESTree.Property => property.type === AST_NODE_TYPES.Property && !property.computed);
  return fields.length === node.properties.length && fields.some((field) => field.value.type === AST_NODE_TYPES.Literal && typeof field.value.value === 'string') && fields.every((field) => isScalarLooking(field.value, 0));
}

function isScalarLooking(node: TSESTree.Node, depth: number): boolean {
  if (depth > 3) return false;
  switch (node.type) {
    case AST_NODE_TYPES.Literal:
    case AST_NODE_TYPES.TemplateLiteral:
    case AST_NODE_TYPES.Identifier:
      return true;
    case AST_NODE_TYPES.MemberExpression:
      return !node.computed && (node.object.type === AST_NODE_TYPES.Identifier || node.object.type === AST_NODE_TYPES.ThisExpression || isScalarLooking(node.object, depth + 1));
    case AST_NODE_TYPES.BinaryExpression:
    case AST_NODE_TYPES.LogicalExpression:
      return node.left.type !== AST_NODE_TYPES.PrivateIdentifier && isScalarLooking(node.left, depth + 1) && isScalarLooking(node.right, depth + 1);
    case AST_NODE_TYPES.UnaryExpression:
      return isScalarLooking(node.argument, depth + 1);
    case AST_NODE_TYPES.CallExpression:
      return node.callee.type === AST_NODE_TYPES.MemberExpression && !node.callee.computed && node.callee.object.type === AST_NODE_TYPES.Identifier && node.callee.object.name === 'Date' && propertyName(node.callee) === 'now';
    default:
      return false;
  }
}

/** A literal, or a small object/array of literals: cheap to serialise, nothing to win. */
function isSmallLiteral(node: TSESTree.Node, depth: number, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.Literal:
      return true;
    case AST_NODE_TYPES.TemplateLiteral:
      return node.expressions.length === 0;
    case AST_NODE_TYPES.UnaryExpression:
      return node.argument.type === AST_NODE_TYPES.Literal;
    case AST_NODE_TYPES.Identifier: {
      if (node.name === 'undefined') return true;
      // `const bindOptions = { mode: 'fast' }; log(JSON.stringify(bindOptions))` (Refly's skill engine), never changed.
      const init = depth === 0 ? constInitializer(node, sourceCode.getScope(node)) : undefined;
      return init !== undefined && init.type !== AST_NODE_TYPES.Identifier && isSmallLiteral(init, depth, sourceCode) && !isChangedInPlace(node, sourceCode);
    }
    case AST_NODE_TYPES.ConditionalExpression:
      return isSmallLiteral(node.consequent, depth, sourceCode) && isSmallLiteral(node.alternate, depth, sourceCode);
    case AST_NODE_TYPES.ArrayExpression:
      return depth < 2 && node.elements.length <= 8 && node.elements.every((element) => element !== null && isSmallLiteral(element, depth + 1, sourceCode));
    case AST_NODE_TYPES.ObjectExpression:
      return (
        depth < 2 &&
        node.properties.length <= 8 &&
        node.properties.every((property) => property.type === AST_NODE_TYPES.Property && !property.computed && isSmallLiteral(property.value, depth + 1, sourceCode))
      );
    default:
      return false;
  }
}

/** Some use of the object `identifier` names writes into it or passes it on (`o.x = …`, `o.list.push(…)`, `fill(o)`). */
function isChangedInPlace(identifier: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const variable = findVariable(sourceCode.getScope(identifier) as never, identifier as never) as TSESLint.Scope.Variable | null;
  if (!variable) return true;
  return variable.references.some((reference) => {
    const parent = (reference.identifier as TSESTree.Node).parent;
    if (reference.init || reference.identifier === identifier) return false;
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === reference.identifier) {
      const user = parent.parent;
      // `o.x = …`, `o.list.push(…)`, `list.push(…)` (any method may fill it), `delete o.x`, `o.n++`.
      return (
        (user?.type === AST_NODE_TYPES.AssignmentExpression && user.left === parent) ||
        (user?.type === AST_NODE_TYPES.CallExpression && user.callee === parent) ||
        user?.type === AST_NODE_TYPES.MemberExpression ||
        user?.type === AST_NODE_TYPES.UpdateExpression ||
        user?.type === AST_NODE_TYPES.UnaryExpression
      );
    }
    // Passed to a call other than `JSON.stringify`, which may fill it.
    return parent?.type === AST_NODE_TYPES.CallExpression && !(parent.callee.type === AST_NODE_TYPES.MemberExpression && parent.callee.property.type === AST_NODE_TYPES.Identifier && parent.callee.property.name === 'stringify');
  });
}

/** With types: the payload is a string, number, boolean (or a union of those), so there is little to serialise. */
function isPrimitive(services: ParserServicesWithTypeInformation, node: TSESTree.Node): boolean {
  const checker = services.program.getTypeChecker();
  // These getters are public only in recent TypeScript versions; older ones simply get no help here.
  const getters = [checker.getStringType, checker.getNumberType, checker.getBooleanType, checker.getUndefinedType, checker.getNullType];
  if (!getters.every((getter) => typeof getter === 'function')) return false;
  const primitives = new Set(getters.map((getter) => getter.call(checker)));
  const type = services.getTypeAtLocation(node);
  const parts = type.isUnion() ? type.types : [type];
  return parts.every((part) => primitives.has(checker.getBaseTypeOfLiteralType(part)));
}

/** The options object a call is given, written at the call or in a `const` of the file. */
function optionsObject(argument: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.ObjectExpression | undefined {
  const options = argument.type === AST_NODE_TYPES.Identifier ? constInitializer(argument, sourceCode.getScope(argument)) : argument;
  return options?.type === AST_NODE_TYPES.ObjectExpression ? options : undefined;
}

/** `sync` or `fsync` set to `true` in a destination's options, inline or in a `const` object. */
function syncOption(argument: TSESTree.Node | undefined, sourceCode: Readonly<TSESLint.SourceCode>): string | undefined {
  const options = argument && optionsObject(argument, sourceCode);
  if (!options) return undefined;
  for (const property of options.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed || property.key.type !== AST_NODE_TYPES.Identifier) continue;
    const key = property.key.name;
    if ((key === 'sync' || key === 'fsync') && property.value.type === AST_NODE_TYPES.Literal && property.value.value === true) return key;
  }
  return undefined;
}

/**
 * The sink's options may turn `nonBlocking` on: no options, or options seen whole without it (or with `false`), do not.
 * Options the file does not show (a variable of unknown value, a spread) may.
 */
function mayBeNonBlocking(argument: TSESTree.Node | undefined, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (argument === undefined) return false;
  const options = optionsObject(argument, sourceCode);
  if (!options) return true;
  return options.properties.some((property) => {
    if (property.type !== AST_NODE_TYPES.Property) return true;
    if (property.computed || property.key.type !== AST_NODE_TYPES.Identifier || property.key.name !== 'nonBlocking') return false;
    return !(property.value.type === AST_NODE_TYPES.Literal && property.value.value === false);
  });
}

function propertyName(member: TSESTree.MemberExpression): string | undefined {
  if (!member.computed && member.property.type === AST_NODE_TYPES.Identifier) return member.property.name;
  if (member.property.type === AST_NODE_TYPES.Literal && typeof member.property.value === 'string') return member.property.value;
  return undefined;
}

/** The callee as written (`this.logger.info`, `new SonicBoom`), shortened when long. */
function calleeText(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression | TSESTree.NewExpression): string {
  const text = oneLineText(sourceCode, call.callee);
  const name = text.length <= 40 && !text.includes('\n') ? text : call.callee.type === AST_NODE_TYPES.MemberExpression ? (propertyName(call.callee) ?? 'call') : 'call';
  return call.type === AST_NODE_TYPES.NewExpression ? `new ${name}` : name;
}

/**
 * `console.error(message); process.exit(1);`: the last words of a process about to stop. A synchronous
 * write is what gets them out before it does (an asynchronous logger may lose them), and no request
 * waits on a process that is exiting.
 */
function precedesProcessExit(call: TSESTree.CallExpression): boolean {
  // `errors.forEach((e) => console.error(e)); process.exit(1);`: the callback's call stands for its statement.
  if (call.parent.type === AST_NODE_TYPES.ArrowFunctionExpression && call.parent.body === call) {
    const owner = iterationStatement(call.parent);
    return owner !== undefined && statementPrecedesExit(owner, 1);
  }
  return call.parent.type === AST_NODE_TYPES.ExpressionStatement && statementPrecedesExit(call.parent, 0);
}

/**
 * `statement` is followed within a few expression statements by `process.exit(…)`; or it ends nothing and sits in a
 * loop or a synchronous iteration callback whose own statement is (Docmost's `errors.map((e) => { console.error(…) })`
 * between two logs and the exit).
 */
function statementPrecedesExit(statement: TSESTree.Node, depth: number): boolean {
  const block = statement.parent;
  if (!block || (block.type !== AST_NODE_TYPES.BlockStatement && block.type !== AST_NODE_TYPES.Program && block.type !== AST_NODE_TYPES.SwitchCase)) return false;
  const body: readonly TSESTree.Node[] = block.type === AST_NODE_TYPES.SwitchCase ? block.consequent : block.body;
  const index = body.indexOf(statement as TSESTree.Statement);
  for (let i = index + 1; i < body.length && i <= index + MAX_STATEMENTS_BEFORE_EXIT; i++) {
    const next = body[i];
    // `process.exit(1);` or `return process.exit(1);`
    const expression = next.type === AST_NODE_TYPES.ExpressionStatement ? next.expression : next.type === AST_NODE_TYPES.ReturnStatement ? next.argument : undefined;
    if (!expression) return false;
    if (isProcessExitCall(expression)) return true;
    if (next.type === AST_NODE_TYPES.ReturnStatement) return false;
  }
  if (depth >= MAX_ITERATION_HOPS || block.type !== AST_NODE_TYPES.BlockStatement) return false;
  const owner = isLoop(block.parent) && block.parent.body === block ? block.parent : iterationStatement(block.parent);
  return owner !== undefined && statementPrecedesExit(owner, depth + 1);
}

const MAX_ITERATION_HOPS = 2;
const SYNC_ITERATION_METHODS = new Set(['forEach', 'map']);

/** The statement `items.forEach(fn)` or `items.map(fn)` when `fn` is its callback; undefined otherwise. */
function iterationStatement(fn: TSESTree.Node | undefined): TSESTree.Node | undefined {
  if (fn?.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn?.type !== AST_NODE_TYPES.FunctionExpression) return undefined;
  if (fn.async) return undefined;
  const call = fn.parent;
  if (call.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== fn || call.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  if (!SYNC_ITERATION_METHODS.has(propertyName(call.callee) ?? '')) return undefined;
  return call.parent.type === AST_NODE_TYPES.ExpressionStatement ? call.parent : undefined;
}

const MAX_STATEMENTS_BEFORE_EXIT = 5;

/** Level checks that make a guarded log call (and its serialisation) run only when the level is on. */
const LEVEL_CHECKS = new Set(['isLevelEnabled', 'isDebugEnabled', 'isTraceEnabled', 'isInfoEnabled', 'isEnabledFor', 'isLevelEnabledFor']);

/**
 * The conditions `node` runs under, up to its enclosing function: the test of each `if` it sits in (`holds`:
 * in the `then` branch, or not: in the `else`), and the left side of each `&&` it is the right side of.
 */
function conditionsOf(node: TSESTree.Node): { test: TSESTree.Expression; holds: boolean }[] {
  const conditions: { test: TSESTree.Expression; holds: boolean }[] = [];
  for (let current: TSESTree.Node | undefined = node; current && !isFunction(current); current = current.parent) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (parent?.type === AST_NODE_TYPES.IfStatement && parent.consequent === current) conditions.push({ test: parent.test, holds: true });
    else if (parent?.type === AST_NODE_TYPES.IfStatement && parent.alternate === current) conditions.push({ test: parent.test, holds: false });
    else if (parent?.type === AST_NODE_TYPES.LogicalExpression && parent.operator === '&&' && parent.right === current) conditions.push({ test: parent.left, holds: true });
  }
  return conditions;
}

/** `if (logger.isLevelEnabled('debug')) logger.debug(JSON.stringify(x))`: the cost is paid only when wanted. */
function isGuardedByLevelCheck(logCall: TSESTree.CallExpression): boolean {
  return conditionsOf(logCall).some(({ test, holds }) => holds && testsLogLevel(test));
}

function testsLogLevel(test: TSESTree.Expression): boolean {
  if (test.type === AST_NODE_TYPES.LogicalExpression && test.operator === '&&') return testsLogLevel(test.left) || testsLogLevel(test.right);
  if (test.type !== AST_NODE_TYPES.CallExpression || test.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const property = test.callee.property;
  return property.type === AST_NODE_TYPES.Identifier && LEVEL_CHECKS.has(property.name);
}


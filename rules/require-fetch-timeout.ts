import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../src/ast/node-types';
import { isNullishValue, memberName, parentSkippingWrappers, stringHead, trailingName } from '../src/ast/expressions';
import { oneLineText } from '../src/ast/source-text';
import { getRequestPath, QUIET_FILE_KINDS } from '../src/analysis/request-path';
import { constInitializer } from '../src/analysis/library-origin';
import { createRule } from '../src/create-rule';
import { getHttpClients, type ClientDefaults, type HttpClient, type HttpClientAnalyzer, type OptionsObject, type OutboundHttpRequest } from '../src/analysis/http-clients';

/** present: something bounds the request's duration; unknown: the code doesn't show (stay quiet); missing: nothing does. */
type TimeoutState = 'present' | 'unknown' | 'missing';

interface ClientPolicy {
  /** Options (per request or as instance defaults) that bound the request. */
  timeoutOptions: readonly string[];
  /** Options whose value may carry a timeout: an undici `dispatcher`, an http(s) `agent`. */
  carrier?: 'dispatcher' | 'agent';
  /** Options that may bound the request where this file cannot see it: a plugin, a hook, a custom fetch. */
  opaqueOptions?: readonly string[];
  /** Methods on the returned request object that bound it: `req.setTimeout(ms)`, superagent's `.timeout(ms)`. */
  timeoutMethods?: readonly string[];
  /** The fix, for the message. */
  fix: string;
  /** What the suggestion adds: an options property, or a chained call. */
  suggestion: (ms: number) => { messageId: 'addSignal' | 'addTimeout'; property?: string; chained?: string };
}

const SIGNAL = (ms: number) => ({ messageId: 'addSignal' as const, property: `signal: AbortSignal.timeout(${ms})` });

const POLICIES: Readonly<Record<Exclude<HttpClient, 'ky'>, ClientPolicy>> = {
  fetch: { timeoutOptions: ['signal'], carrier: 'dispatcher', fix: 'Pass `signal: AbortSignal.timeout(ms)` in its init', suggestion: SIGNAL },
  'node-fetch': { timeoutOptions: ['signal', 'timeout'], fix: 'Pass `signal: AbortSignal.timeout(ms)` in its init', suggestion: SIGNAL },
  undici: {
    timeoutOptions: ['signal', 'headersTimeout', 'bodyTimeout'],
    carrier: 'dispatcher',
    fix: 'Pass `signal: AbortSignal.timeout(ms)`, or `headersTimeout` and `bodyTimeout`',
    suggestion: SIGNAL,
  },
  axios: {
    timeoutOptions: ['timeout', 'signal', 'cancelToken'],
    fix: 'Set `timeout` in its config or in `axios.create({ timeout })`',
    suggestion: (ms) => ({ messageId: 'addTimeout', property: `timeout: ${ms}` }),
  },
  got: {
    timeoutOptions: ['timeout', 'signal'],
    fix: 'Set `timeout: { request: ms }` in its options or in `got.extend()`',
    suggestion: (ms) => ({ messageId: 'addTimeout', property: `timeout: { request: ${ms} }` }),
  },
  ofetch: { timeoutOptions: ['timeout', 'signal'], fix: 'Pass `timeout: ms` in its options', suggestion: (ms) => ({ messageId: 'addTimeout', property: `timeout: ${ms}` }) },
  'better-fetch': {
    timeoutOptions: ['timeout', 'signal'],
    // A plugin's `init` may rewrite the options, an `onRequest` hook the request (and its signal).
    opaqueOptions: ['plugins', 'onRequest', 'customFetchImpl'],
    fix: 'Pass `timeout: ms` in its options or in `createFetch({ timeout })`',
    suggestion: (ms) => ({ messageId: 'addTimeout', property: `timeout: ${ms}` }),
  },
  http: {
    timeoutOptions: ['timeout', 'signal'],
    carrier: 'agent',
    // destroy()/abort() on the request: a hand-written timeout (a timer that destroys it).
    timeoutMethods: ['setTimeout', 'destroy', 'abort'],
    fix: 'Pass `signal: AbortSignal.timeout(ms)` in its options, or call `req.setTimeout(ms)` and destroy the request on timeout',
    suggestion: SIGNAL,
  },
  superagent: { timeoutOptions: ['timeout'], timeoutMethods: ['timeout'], fix: 'Call `.timeout(ms)` on the request', suggestion: (ms) => ({ messageId: 'addTimeout', chained: `.timeout(${ms})` }) },
};

/**
 * Requests on instances known only by their type are configured elsewhere: this rule cannot judge their
 * timeout, so it does not ask for them (and pays no type queries).
 */
const REQUEST_OPTIONS = { typedInstances: false };

/** Undici dispatcher options that bound a request: waiting for headers, for body data, or for the connection. */
const DISPATCHER_TIMEOUTS = ['headersTimeout', 'bodyTimeout', 'connectTimeout'];

type Options = [{ defaultTimeoutMs: number }];
type MessageIds = 'missingTimeout' | 'addSignal' | 'addTimeout';

export default createRule<Options, MessageIds>({
  name: 'require-fetch-timeout',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require a timeout on outbound HTTP requests (fetch, undici, axios, got, http/https, superagent)',
      guide: 'timeouts',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: {
          defaultTimeoutMs: { type: 'integer', minimum: 1, description: 'The timeout, in milliseconds, that suggestions insert.' },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ defaultTimeoutMs: 10_000 }],
    messages: {
      missingTimeout: '`{{callee}}(…)` has no timeout, so a slow or unresponsive server keeps it (and whatever awaits it) hanging. {{fix}}.',
      addSignal: 'Add `signal: AbortSignal.timeout({{ms}})`.',
      addTimeout: 'Add `{{text}}`.',
    },
  },
  create(context, [{ defaultTimeoutMs }]) {
    const http = getHttpClients(context);
    if (!http.mayFindRequests(REQUEST_OPTIONS)) return {};
    const { sourceCode } = context;
    let quietFile: boolean | undefined;
    return {
      CallExpression(node) {
        // A request on an instance configured in another file (known by its type) has unknown defaults: never reported.
        const request = http.classify(node, REQUEST_OPTIONS);
        if (!request) return;
        // ky times out after 10 s by default, unless told `timeout: false`.
        if (request.client === 'ky' && !turnsKyTimeoutOff(request)) return;
        // A test's HTTP calls are bounded by the test runner's own timeout, and serve no traffic; browser code
        // of a full-stack app holds up one user's page, not the server.
        quietFile ??= QUIET_FILE_KINDS.has(getRequestPath(context).fileKind);
        if (quietFile) return;
        if (request.client === 'ky') {
          if (!getRequestPath(context).inPageCode(node)) context.report({ node, messageId: 'missingTimeout', data: { callee: calleeText(request, sourceCode), fix: KY_FIX } });
          return;
        }
        const policy = POLICIES[request.client];
        if (timeoutState(request, policy, http) !== 'missing') return;
        if (request.observable && observableState(request.node) !== 'missing') return;
        // `fetch(canvas.toDataURL())`, `fetch(URL.createObjectURL(blob))`, `fetch('data:…')`: read from memory, no server to wait on.
        if (request.input && readsMemory(request.input)) return;
        // `fetch('/api/v1/collections/' + id)`: a path on the page's own origin. Node's fetch rejects it; only a browser
        // (or a framework's in-process fetch, SvelteKit's) resolves it. Linkwarden's `lib/client/` helpers.
        if (request.method === 'fetch' && request.input && fetchesPagePath(request.input, sourceCode)) return;
        // A helper that also drives the page (`document.createElement('a')` to save what it fetched) runs in a browser.
        if (getRequestPath(context).inPageCode(node)) return;
        const suggestion = suggest(request, policy, defaultTimeoutMs, sourceCode);
        context.report({
          node,
          messageId: 'missingTimeout',
          data: { callee: calleeText(request, sourceCode), fix: request.evidence === 'annotation' ? nestFix(request) : policy.fix },
          suggest: suggestion ? [suggestion] : [],
        });
      },
    };
  },
});

// -----------------------------------------------------------------------------------------------------------
// Does something bound the request?

/** NestJS's `HttpService` takes its defaults from `HttpModule.register`, and its Observables from rxjs operators. */
function nestFix(request: OutboundHttpRequest): string {
  const where = 'Set `timeout` in its config or in `HttpModule.register({ timeout })`';
  return request.observable ? `${where}, or pipe it through rxjs's \`timeout(ms)\`` : where;
}

const KY_FIX = "`timeout: false` turns off ky's 10-second default: give it a number of milliseconds (`timeout: 30_000`)";

/**
 * The ky request runs without a timeout: the `timeout` that applies (the request's own, else the nearest instance's,
 * `ky.create`/`extend`) is `false`, and no `signal` or hook this file cannot see may bound it instead.
 */
function turnsKyTimeoutOff(request: OutboundHttpRequest): boolean {
  const own = kyTimeoutIn(request.options);
  if (own !== 'absent') return own === 'off' && request.options.complete && !request.options.properties.has('signal');
  if (!request.options.complete || request.options.properties.has('signal')) return false;
  for (let current = request.defaults; current; current = current.base) {
    if (current.mayChangeOptions || current.assigned.has('timeout') || current.options.properties.has('signal') || current.options.properties.has('hooks')) return false;
    const inherited = kyTimeoutIn(current.options);
    if (inherited !== 'absent') return inherited === 'off' && current.options.complete;
  }
  return false;
}

function kyTimeoutIn(options: OptionsObject): 'off' | 'set' | 'absent' {
  if (options.properties.has('timeout')) {
    const value = options.properties.get('timeout');
    return value?.type === AST_NODE_TYPES.Literal && value.value === false ? 'off' : 'set';
  }
  // Options this file does not show may set one.
  return options.complete ? 'absent' : 'set';
}

function combine(...states: TimeoutState[]): TimeoutState {
  if (states.includes('present')) return 'present';
  return states.includes('unknown') ? 'unknown' : 'missing';
}

function timeoutState(request: OutboundHttpRequest, policy: ClientPolicy, http: HttpClientAnalyzer): TimeoutState {
  const states = [optionsState(request.options, policy, http), defaultsState(request.defaults, policy, http)];
  if (request.requestInit) states.push(optionsState(request.requestInit, policy, http));
  if (policy.timeoutMethods) states.push(resultState(request, policy, http));
  return combine(...states);
}

function optionsState(options: OptionsObject, policy: ClientPolicy, http: HttpClientAnalyzer): TimeoutState {
  const states: TimeoutState[] = [options.complete ? 'missing' : 'unknown'];
  for (const [name, value] of options.properties) {
    if (value && isNullishValue(value)) continue;
    if (policy.timeoutOptions.includes(name)) return 'present';
    if (policy.opaqueOptions?.includes(name)) states.push('unknown');
    if (name === policy.carrier) states.push(value ? carrierState(value, policy.carrier, http) : 'unknown');
  }
  return combine(...states);
}

/**
 * An Observable request (NestJS's `HttpService`) is bounded by rxjs's `timeout` operator in a `.pipe(…)` chained on it
 * (`this.http.get(url).pipe(timeout(5000))`); one held in a variable may be piped later, out of this check's sight.
 */
function observableState(call: TSESTree.CallExpression): TimeoutState {
  for (let end: TSESTree.Node = call; ; ) {
    const { child, parent } = parentSkippingWrappers(end);
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === child && memberName(parent) === 'pipe' && parent.parent.type === AST_NODE_TYPES.CallExpression && parent.parent.callee === parent) {
      if (parent.parent.arguments.some(isTimeoutOperator)) return 'present';
      end = parent.parent;
      continue;
    }
    return parent?.type === AST_NODE_TYPES.VariableDeclarator || parent?.type === AST_NODE_TYPES.AssignmentExpression ? 'unknown' : 'missing';
  }
}

/** `timeout(5000)`, `timeout({ each: 5000 })`, `timeoutWith(…)`, `operators.timeout(…)`. */
function isTimeoutOperator(argument: TSESTree.Node): boolean {
  if (argument.type !== AST_NODE_TYPES.CallExpression) return false;
  const name = trailingName(argument.callee);
  return name === 'timeout' || name === 'timeoutWith';
}

/** A `dispatcher` or `agent` built in this file with (or without) timeouts; anything else we can't judge. */
function carrierState(value: TSESTree.Node, carrier: 'dispatcher' | 'agent', http: HttpClientAnalyzer): TimeoutState {
  if (carrier === 'agent' && value.type === AST_NODE_TYPES.Literal && value.value === false) return 'missing';
  const agent = http.constructedAgent(value);
  if (!agent || agent.client !== (carrier === 'dispatcher' ? 'undici' : 'http')) return 'unknown';
  if (carrier === 'agent') return optionsState(agent.options, { ...POLICIES.http, carrier: undefined, timeoutOptions: ['timeout'] }, http);
  const states = [optionsState(agent.options, { ...POLICIES.undici, carrier: undefined, timeoutOptions: DISPATCHER_TIMEOUTS }, http)];
  // `connect: { timeout }` bounds connecting; a custom connector function may do anything.
  if (agent.options.properties.has('connect')) {
    const connect = agent.options.properties.get('connect');
    states.push(connect ? optionsState(http.readOptions(connect), { ...POLICIES.undici, carrier: undefined, timeoutOptions: ['timeout'] }, http) : 'unknown');
  }
  return combine(...states);
}

/** Instance defaults, then what they inherit: `axios.create({ timeout })`, `api.defaults.timeout = …`, `got.extend({ timeout })`. */
function defaultsState(defaults: ClientDefaults | undefined, policy: ClientPolicy, http: HttpClientAnalyzer): TimeoutState {
  const states: TimeoutState[] = ['missing'];
  for (let current = defaults; current; current = current.base) {
    if (policy.timeoutOptions.some((name) => current!.assigned.has(name))) return 'present';
    states.push(optionsState(current.options, policy, http));
    if (current.mayChangeOptions) states.push('unknown');
  }
  return combine(...states);
}

/** `req.setTimeout(ms)` / superagent's `.timeout(ms)` in the chain or on the variable holding the request. */
function resultState(request: OutboundHttpRequest, policy: ClientPolicy, http: HttpClientAnalyzer): TimeoutState {
  const use = http.resultUse(request.node);
  if (policy.timeoutMethods!.some((method) => use.methods.has(method))) return 'present';
  if (request.client !== 'superagent') return 'missing';
  // A plugin may set the timeout; a builder that this file never sends may get one from its caller.
  if (use.methods.has('use')) return 'unknown';
  const sentByCallback = request.node.arguments.some((argument) => argument.type === AST_NODE_TYPES.ArrowFunctionExpression || argument.type === AST_NODE_TYPES.FunctionExpression);
  return use.sent || sentByCallback ? 'missing' : 'unknown';
}

// -----------------------------------------------------------------------------------------------------------
// Message and suggestion.

const MAX_CALLEE_LENGTH = 40;

/**
 * The callee as written, or when that is too long, the client and the method it calls:
 * `(protocol === 'https' ? https : http).request(…)` is named `http.request(…)`, not `http(…)`.
 */
function calleeText(request: OutboundHttpRequest, sourceCode: Readonly<TSESLint.SourceCode>): string {
  const text = oneLineText(sourceCode, request.node.callee);
  if (text.length <= MAX_CALLEE_LENGTH && !text.includes('\n')) return text;
  return request.method === 'call' || request.method === request.client ? request.client : `${request.client}.${request.method}`;
}

/**
 * The request streams its body: fetch's `duplex: 'half'`, or a body (fetch's `body`, axios's and got's data or `body`)
 * made by `fs.createReadStream(…)` or `Readable.from(…)`, in place or through a `const` of the file.
 */
function sendsStream(request: OutboundHttpRequest, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (request.options.properties.has('duplex')) return true;
  const dataArgument = request.optionsIndex === 2 ? request.node.arguments[1] : undefined;
  return [request.options.properties.get('body'), request.options.properties.get('data'), dataArgument].some((body) => body !== undefined && isStreamCreation(body, sourceCode));
}

function isStreamCreation(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  let value: TSESTree.Node | undefined = node;
  if (value.type === AST_NODE_TYPES.Identifier) value = constInitializer(value, sourceCode.getScope(value));
  if (value?.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = value.callee;
  const name = trailingName(callee);
  return name === 'createReadStream' || (name === 'from' && callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'Readable');
}

function suggest(request: OutboundHttpRequest, policy: ClientPolicy, ms: number, sourceCode: Readonly<TSESLint.SourceCode>): TSESLint.SuggestionReportDescriptor<MessageIds> | undefined {
  const { messageId, property, chained } = policy.suggestion(ms);
  const data = { ms: String(ms), text: property ?? chained ?? '' };
  const call = request.node;
  if (chained) {
    // `request.get(url, callback)` has already been sent; nothing can be chained onto it.
    if (call.arguments.some((argument) => argument.type === AST_NODE_TYPES.ArrowFunctionExpression || argument.type === AST_NODE_TYPES.FunctionExpression)) return undefined;
    return { messageId, data, fix: (fixer) => fixer.insertTextAfter(call, chained) };
  }
  if (!property || request.optionsIndex < 0) return undefined;
  // A whole-request deadline would cut off a large upload streamed from disk: the fix is the user's to size.
  if (sendsStream(request, sourceCode)) return undefined;
  const argument = request.options.argument;
  if (argument) {
    // Only the object written at the call: a shared const may be used by other calls (and a signal created
    // at module load would start counting then).
    const object = unwrapAssertions(argument);
    if (object.type !== AST_NODE_TYPES.ObjectExpression || request.options.literal !== object) return undefined;
    return { messageId, data, fix: (fixer) => insertProperty(fixer, sourceCode, object, property) };
  }
  const args = call.arguments;
  if (args.length === 0) return undefined;
  if (request.optionsIndex < args.length) {
    // `https.get(url, callback)`: options go before the callback.
    const next = args[request.optionsIndex];
    if (next.type !== AST_NODE_TYPES.ArrowFunctionExpression && next.type !== AST_NODE_TYPES.FunctionExpression) return undefined;
    return { messageId, data, fix: (fixer) => fixer.insertTextBefore(next, `{ ${property} }, `) };
  }
  // `axios.post(url)`: the config is the third argument.
  const padding = 'undefined, '.repeat(request.optionsIndex - args.length);
  return { messageId, data, fix: (fixer) => fixer.insertTextAfter(args[args.length - 1], `, ${padding}{ ${property} }`) };
}

/** A `data:` or `blob:` URL: a literal, or what `toDataURL()` or `URL.createObjectURL()` makes. */
function readsMemory(input: TSESTree.Node): boolean {
  const value = unwrapAssertions(input);
  const head = stringHead(value);
  if (head !== undefined) return head.startsWith('data:') || head.startsWith('blob:');
  if (value.type !== AST_NODE_TYPES.CallExpression || value.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = memberName(value.callee);
  return method === 'toDataURL' || (method === 'createObjectURL' && value.callee.object.type === AST_NODE_TYPES.Identifier && value.callee.object.name === 'URL');
}

function fetchesPagePath(input: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, depth = 0): boolean {
  let value = unwrapAssertions(input);
  while (value.type === AST_NODE_TYPES.BinaryExpression && value.operator === '+') value = unwrapAssertions(value.left);
  if (depth < 3) {
    // `const url = isMarkdown ? \`/api/files/export/${key}\` : \`/api/files/serve/${key}\``, then `fetch(url)` (Sim's downloads).
    if (value.type === AST_NODE_TYPES.ConditionalExpression) return fetchesPagePath(value.consequent, sourceCode, depth + 1) && fetchesPagePath(value.alternate, sourceCode, depth + 1);
    if (value.type === AST_NODE_TYPES.Identifier) {
      const init = constInitializer(value, sourceCode.getScope(value));
      return init !== undefined && fetchesPagePath(init, sourceCode, depth + 1);
    }
  }
  return stringHead(value)?.startsWith('/') === true;
}

function unwrapAssertions(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (current.type === AST_NODE_TYPES.TSAsExpression || current.type === AST_NODE_TYPES.TSSatisfiesExpression || current.type === AST_NODE_TYPES.TSTypeAssertion) {
    current = current.expression;
  }
  return current;
}

/** Adds `text` as the object's last property, on its own line when the object is written one property per line. */
function insertProperty(fixer: TSESLint.RuleFixer, sourceCode: Readonly<TSESLint.SourceCode>, object: TSESTree.ObjectExpression, text: string): TSESLint.RuleFix {
  const last = object.properties.at(-1);
  if (!last) {
    const openingBrace = sourceCode.getFirstToken(object)!;
    return sourceCode.getText(object) === '{}' ? fixer.replaceText(object, `{ ${text} }`) : fixer.insertTextAfter(openingBrace, ` ${text} `);
  }
  if (last.loc.start.line > object.loc.start.line) {
    const indent = /^[ \t]*/.exec(sourceCode.lines[last.loc.start.line - 1])![0];
    return fixer.insertTextAfter(last, `,\n${indent}${text}`);
  }
  return fixer.insertTextAfter(last, `, ${text}`);
}

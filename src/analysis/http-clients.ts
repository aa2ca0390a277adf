/**
 * Which calls are outbound HTTP requests, through which client, and with which options.
 *
 * Rules call `getHttpClients(context).classify(call)` from a CallExpression visitor. The analysis finds
 * requests through module tracking (imports, require, renames, destructuring, `node:` specifiers), the
 * unshadowed global `fetch`, and instances made in the same file (`axios.create()`, `got.extend()`,
 * `ky.create()`, `superagent.agent()`, better-fetch's `createFetch()`) held in variables or class fields, or
 * handed out by a function of the file that returns a module-level `const` holding one (`getApi()`).
 * It never guesses from names: `router.get()`, `cache.fetch()` or a local function called `fetch` are
 * not requests.
 *
 * With type information it sharpens three things: an instance held in a variable or field must have a
 * type declared by its package; an ambiguous first argument (URL or options?) is decided by its type; an
 * options object the code does not show is read from its type. And it finds one more kind of request:
 * a request method called on (or a call of) a value whose type is a client's instance type, declared by
 * its package (`AxiosInstance`, `Got`, `KyInstance`, superagent's `Agent`, undici's `Pool`/`Dispatcher`):
 * an instance created in another file and imported, or injected. Such an instance was configured
 * elsewhere, so its defaults are unknown (`ClientDefaults.configuredElsewhere`), never "none".
 */
import { findVariable } from '@eslint-community/eslint-utils';
import { addsNoProperties, memberName, PROMISE_COMBINATORS, skipExpressionWrappers as unwrap, spreadAlternatives } from '../ast/expressions';
import type { ParserServicesWithTypeInformation, TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast/node-types';
import { enclosingFunction, isFunction } from '../ast/code-shape';
import { pushChildNodes } from '../ast/children';
import type * as ts from 'typescript';
import {
  enclosingClassOfThis,
  getTypeServices,
  packageOfFile,
  packageOfSpecifier,
  resolveBinding,
  resolveClassMember,
  resolveTypeReference,
  typeOfValue,
  type Binding,
} from './library-origin';
import { ReferenceTracker, importedName, loadsAnyModuleOf, moduleTraceMap, trackModuleReferences, type TraceMap } from './modules';
import { nestHttpModuleDefaults } from './nest-http-module';
import { FileCache } from './per-file';
import { answerAboutImport } from './program-modules';
import { textMentions } from './text-facts';
import { symbolAtLocation, typescript } from './typescript-module';

export type HttpClient = 'fetch' | 'node-fetch' | 'undici' | 'axios' | 'got' | 'ky' | 'ofetch' | 'better-fetch' | 'superagent' | 'http';

/**
 * global: the unshadowed global `fetch`; import: a module API; instance: an instance created in this file;
 * annotation: a value annotated with a client's imported type (NestJS's injected `HttpService`);
 * type: (with type information only) a receiver whose type is a client's instance type, declared by its
 * package: an instance created in another file, or injected.
 */
export type HttpEvidence = 'global' | 'import' | 'instance' | 'annotation' | 'type';

/** An options or config object as far as the code (or its type) shows it. */
export interface OptionsObject {
  /** The argument as written; undefined when the call passes none. */
  argument?: TSESTree.Node;
  /** The object literal the properties were read from: the argument itself, or a const initializer in this file. */
  literal?: TSESTree.ObjectExpression;
  /** The properties known to be there, by name. The value is undefined when only the type says the property exists. */
  properties: ReadonlyMap<string, TSESTree.Node | undefined>;
  /** Every property is known: no options, a literal without unknown spreads or computed keys, or a type that lists them. */
  complete: boolean;
}

/** The defaults a request inherits: from the instance it goes through, or from the package's default instance. */
export interface ClientDefaults {
  client: HttpClient;
  /** `axios.create(config)`, `got.extend(options)`, `ky.create()`, `superagent.agent()`; absent for a package's default instance. */
  creation?: TSESTree.CallExpression;
  /** What the creation received; for a default instance, what this file assigns (e.g. undici's `setGlobalDispatcher(d)` as `dispatcher`). */
  options: OptionsObject;
  /** The instance this one extends (`instance.extend()`, `instance.create()`) or whose defaults it merges (`axios.create` merges `axios.defaults`). */
  base?: ClientDefaults;
  /** Defaults set after creation in this file: `api.defaults.timeout = …`, `agent.timeout(…)`. */
  assigned: ReadonlySet<string>;
  /** Something in this file may change any option of every request: a request interceptor, a superagent plugin, defaults replaced wholesale. */
  mayChangeOptions: boolean;
  /**
   * The instance was created outside this file and is known only by its type (evidence `type`): its
   * defaults are unknown, not absent. Such defaults also have incomplete `options` and `mayChangeOptions`
   * set, so a reader that asks "is option X set by default?" gets "can't tell", never "no".
   */
  configuredElsewhere?: true;
}

export interface OutboundHttpRequest {
  client: HttpClient;
  /** The call that sends the request (for superagent, the call that creates it; see `resultUse`). */
  node: TSESTree.CallExpression;
  /** `fetch`, `request`, `get`, `post`, `call` (the client itself is called), `stream`, `stream.get`, `paginate`, … */
  method: string;
  evidence: HttpEvidence;
  /** The URL or Request argument, when the call has one apart from its options. */
  input?: TSESTree.Node;
  /** The per-request options or config (fetch's init, axios's config, got's options, http's options). */
  options: OptionsObject;
  /** Where the options argument is or would go; -1 when the client takes none (superagent configures by chaining). */
  optionsIndex: number;
  /** fetch-style calls whose input is a Request: the init it was built with (`new Request(url, init)`), or unknown options when only the type says it is a Request. */
  requestInit?: OptionsObject;
  /** Defaults from the instance or the package's default instance, when the client has any. */
  defaults?: ClientDefaults;
  /** The call returns an Observable that sends the request once subscribed (NestJS's `HttpService`): rxjs operators may bound it. */
  observable?: true;
}

/** An undici dispatcher or an http(s) Agent built in this file. */
export interface ConstructedAgent {
  client: 'undici' | 'http';
  /** `Agent`, `Pool`, `Client`, `ProxyAgent`, … */
  className: string;
  node: TSESTree.NewExpression;
  options: OptionsObject;
}

/** What the code does with the object a call returns (superagent's request builder, http's ClientRequest). */
export interface ResultUse {
  /** Methods called on it, in its chain or through the variable holding it. */
  methods: ReadonlySet<string>;
  /** It is sent as far as this file shows: awaited, `.then`/`.end`/`.pipe`d, returned from an async function, or in a Promise combinator. */
  sent: boolean;
}

export interface HttpClientAnalyzer {
  /**
   * The outbound HTTP request `call` makes, if it makes one. `typedInstances: false` leaves out requests on
   * instances known only by their type (configured elsewhere), for a caller that has nothing to say about
   * them and would only pay for the type queries.
   */
  classify(call: TSESTree.CallExpression, options?: { typedInstances?: boolean }): OutboundHttpRequest | undefined;
  /**
   * False when `classify` (with the same options) finds nothing anywhere in the file, known without
   * looking at a call: a rule may then skip listening to calls at all.
   */
  mayFindRequests(options?: { typedInstances?: boolean }): boolean;
  /** Reads an options object: a literal, a const object in this file, spreads of those, or (with types) its type. */
  readOptions(node: TSESTree.Node | undefined): OptionsObject;
  /** The undici dispatcher or http(s) Agent `node` evaluates to, when it is built in this file. */
  constructedAgent(node: TSESTree.Node): ConstructedAgent | undefined;
  /** What happens to the value `call` returns: for `req.setTimeout(…)`, superagent's `.timeout(…)`, and whether it is sent. */
  resultUse(call: TSESTree.CallExpression): ResultUse;
}

/** One analyzer per linted file, shared by every rule that asks (cached on the SourceCode object). */
export function getHttpClients(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): HttpClientAnalyzer {
  return analyzers.get(context.sourceCode, () => new Analyzer(context));
}

const analyzers = new FileCache<Analyzer>();

// ---------------------------------------------------------------------------------------------------------
// What each client's API looks like.

/**
 * Where a request's arguments are:
 * fetch: (input, init); url-options: (url, options); url-data-options: (url, data, config);
 * config: (config); url-or-options: (url, options?) or (options); http: the same with an optional trailing callback;
 * chain: no options object.
 */
type ArgumentLayout = 'fetch' | 'url-options' | 'url-data-options' | 'config' | 'url-or-options' | 'http' | 'chain';

interface ClientApi {
  /** Layout when the client or instance itself is called; absent when it is not callable. */
  callable?: ArgumentLayout;
  /** The request's `method` when the instance itself is called: `call` unless named (a call that is not GET by default). */
  callMethod?: string;
  /** Request methods and their layouts; `stream.get` style names are nested members. */
  methods: Readonly<Record<string, ArgumentLayout>>;
  /** Methods that make a new instance: whether it inherits the receiver's defaults, and its API when it differs. */
  factories: Readonly<Record<string, { inherits: boolean; api?: ClientApi }>>;
  /** The packages whose declarations type an instance (checked with type information). */
  typePackages: readonly string[];
}

const AXIOS: ClientApi = {
  callable: 'url-or-options',
  methods: {
    request: 'config',
    get: 'url-options',
    delete: 'url-options',
    head: 'url-options',
    options: 'url-options',
    post: 'url-data-options',
    put: 'url-data-options',
    patch: 'url-data-options',
    postForm: 'url-data-options',
    putForm: 'url-data-options',
    patchForm: 'url-data-options',
    query: 'url-data-options',
  },
  factories: { create: { inherits: true } },
  typePackages: ['axios'],
};

const GOT_ALIASES = ['get', 'post', 'put', 'patch', 'head', 'delete'];
const GOT: ClientApi = {
  callable: 'url-or-options',
  methods: Object.fromEntries([
    ...GOT_ALIASES.map((alias) => [alias, 'url-or-options']),
    ['stream', 'url-or-options'],
    ...GOT_ALIASES.map((alias) => [`stream.${alias}`, 'url-or-options']),
    ['paginate', 'url-or-options'],
    ['paginate.all', 'url-or-options'],
    ['paginate.each', 'url-or-options'],
  ]) as Record<string, ArgumentLayout>,
  factories: { extend: { inherits: true } },
  typePackages: ['got'],
};

const KY: ClientApi = {
  callable: 'url-options',
  methods: Object.fromEntries(GOT_ALIASES.map((alias) => [alias, 'url-options'])) as Record<string, ArgumentLayout>,
  factories: { create: { inherits: false }, extend: { inherits: true } },
  typePackages: ['ky'],
};

const SUPERAGENT_METHODS: Readonly<Record<string, ArgumentLayout>> = Object.fromEntries(
  ['get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options'].map((method) => [method, 'chain']),
);

/** superagent's Agent: the same request methods; setters configure defaults for its requests and return the agent. */
const SUPERAGENT_AGENT: ClientApi = { methods: SUPERAGENT_METHODS, factories: {}, typePackages: ['superagent', '@types/superagent'] };
const SUPERAGENT_AGENT_SETTERS = new Set(['timeout', 'use', 'set', 'retry', 'query', 'type', 'accept', 'auth', 'ok', 'redirects', 'buffer', 'serialize', 'parse', 'ca', 'key', 'pfx', 'cert', 'disableTLSCerts', 'on', 'once', 'withCredentials', 'sortQuery']);

const SUPERAGENT: ClientApi = {
  callable: 'chain',
  methods: SUPERAGENT_METHODS,
  factories: { agent: { inherits: false, api: SUPERAGENT_AGENT } },
  typePackages: SUPERAGENT_AGENT.typePackages,
};

/**
 * `@better-fetch/fetch`: `createFetch(config)` makes a `$fetch(url, options)` function whose requests take the
 * config as their defaults (`{ ...config, ...options }`). Without a `method` option, a request with a body is a
 * POST (and a URL may name its method: `'@post/users'`), so a call is named `$fetch`, not `call` (which reads as a
 * GET when no method is given).
 */
const BETTER_FETCH_INSTANCE: ClientApi = { callable: 'url-options', callMethod: '$fetch', methods: {}, factories: {}, typePackages: ['@better-fetch/fetch'] };
const BETTER_FETCH: ClientApi = { methods: {}, factories: { createFetch: { inherits: false, api: BETTER_FETCH_INSTANCE } }, typePackages: BETTER_FETCH_INSTANCE.typePackages };

/**
 * NestJS's `HttpService`: axios's request methods returning Observables, and the axios instance itself as `axiosRef`.
 * Its defaults are those its `HttpModule` was registered with (nest-http-module.ts).
 */
const NEST_HTTP_SERVICE_METHODS = ['request', 'get', 'delete', 'head', 'post', 'put', 'patch', 'postForm', 'putForm', 'patchForm'] as const;
const NEST_HTTP_SERVICE: ClientApi = {
  methods: Object.fromEntries([
    ...NEST_HTTP_SERVICE_METHODS.map((method) => [method, AXIOS.methods[method]]),
    ...Object.entries(AXIOS.methods).map(([method, layout]) => [`axiosRef.${method}`, layout]),
  ]),
  factories: {},
  typePackages: ['@nestjs/axios', '@nestjs/common'],
};
/** `@nestjs/axios`; before Nest 8, `@nestjs/common` exported the same service. */
const NEST_HTTP_PACKAGES = new Set(['@nestjs/axios', '@nestjs/common']);

type InstanceClient = 'axios' | 'got' | 'ky' | 'superagent' | 'better-fetch';
const CLIENT_APIS: Readonly<Record<InstanceClient, ClientApi>> = { axios: AXIOS, got: GOT, ky: KY, superagent: SUPERAGENT, 'better-fetch': BETTER_FETCH };

/** undici classes that can be a `dispatcher`, with the index of their options argument. */
const UNDICI_DISPATCHERS: Readonly<Record<string, number>> = { Agent: 0, ProxyAgent: 0, EnvHttpProxyAgent: 0, Pool: 1, Client: 1, BalancedPool: 1, RoundRobinPool: 1 };

/** An undici dispatcher (`Pool`, `Client`, `Agent`, …): `request(options)`, `stream(options, factory)`, `pipeline(options, handler)`. */
const UNDICI_DISPATCHER: ClientApi = { methods: { request: 'config', stream: 'config', pipeline: 'config' }, factories: {}, typePackages: ['undici', 'undici-types'] };

/** A client's instance type, as its package declares it: which client it is and the API its values have. */
interface TypedClient {
  client: HttpClient;
  api: ClientApi;
}

/**
 * Instance types by name, for requests on values made elsewhere (type evidence). Only these names count:
 * other types of the same packages have look-alike methods (axios's `AxiosHeaders#get`, superagent's
 * `Response#get`), and a type's package alone is not enough.
 */
const TYPED_CLIENTS: Readonly<Record<string, readonly (TypedClient & { typeNames: readonly string[] })[]>> = {
  axios: [
    { client: 'axios', api: AXIOS, typeNames: ['AxiosInstance', 'AxiosStatic'] },
    // `new Axios(config)`: the class has the request methods but its instances are not callable.
    { client: 'axios', api: { ...AXIOS, callable: undefined }, typeNames: ['Axios'] },
  ],
  got: [{ client: 'got', api: GOT, typeNames: ['Got'] }],
  ky: [{ client: 'ky', api: KY, typeNames: ['KyInstance'] }],
  superagent: [
    { client: 'superagent', api: SUPERAGENT, typeNames: ['SuperAgentStatic', 'SuperAgent'] },
    { client: 'superagent', api: SUPERAGENT_AGENT, typeNames: ['Agent'] },
  ],
  undici: [{ client: 'undici', api: UNDICI_DISPATCHER, typeNames: ['Dispatcher', 'Pool', 'Client', 'Agent', 'ProxyAgent', 'EnvHttpProxyAgent', 'BalancedPool', 'RoundRobinPool', 'RetryAgent'] }],
  'undici-types': [{ client: 'undici', api: UNDICI_DISPATCHER, typeNames: ['Dispatcher', 'Pool', 'Client', 'Agent', 'ProxyAgent', 'EnvHttpProxyAgent', 'BalancedPool', 'RoundRobinPool', 'RetryAgent'] }],
};

const TYPED_APIS: readonly ClientApi[] = [...new Set(Object.values(TYPED_CLIENTS).flatMap((entries) => entries.map((entry) => entry.api)))];
/** The cheap name test before any type query: request methods called on the instance (`get`, `post`, `request`, …). */
const TYPED_METHODS = new Set(TYPED_APIS.flatMap((api) => Object.keys(api.methods).filter((method) => !method.includes('.'))));
/** Nested request methods (`stream.get`, `paginate.all`), by their full name. */
const TYPED_NESTED_METHODS = new Set(TYPED_APIS.flatMap((api) => Object.keys(api.methods).filter((method) => method.includes('.'))));

type TraceInfo =
  | { role: 'request'; client: HttpClient; method: string; layout: ArgumentLayout }
  | { role: 'factory'; client: InstanceClient; name: string }
  /** `axios.defaults` / `axios.interceptors`: read to see what this file configures on the default instance. */
  | { role: 'defaults' | 'interceptors'; client: InstanceClient }
  | { role: 'agent'; client: 'undici' | 'http'; className: string; optionsAt: number }
  | { role: 'global-dispatcher' };

const { CALL, CONSTRUCT, READ } = ReferenceTracker;

type TraceNode = { [key: string]: TraceNode; [CALL]?: TraceInfo; [CONSTRUCT]?: TraceInfo; [READ]?: TraceInfo };

function requestCall(client: HttpClient, method: string, layout: ArgumentLayout): TraceNode {
  return { [CALL]: { role: 'request', client, method, layout } } as TraceNode;
}

/** The trace map of a package whose default export is a client instance, derived from its API table. */
function clientTraceMap(client: InstanceClient): TraceNode {
  const api = CLIENT_APIS[client];
  const map = {} as TraceNode;
  if (api.callable) map[CALL] = { role: 'request', client, method: 'call', layout: api.callable };
  for (const [method, layout] of Object.entries(api.methods)) {
    let node = map;
    for (const key of method.split('.')) node = node[key] ??= {} as TraceNode;
    node[CALL] = { role: 'request', client, method, layout };
  }
  for (const name of Object.keys(api.factories)) map[name] = { [CALL]: { role: 'factory', client, name } } as TraceNode;
  map.defaults = { [READ]: { role: 'defaults', client } } as TraceNode;
  map.interceptors = { [READ]: { role: 'interceptors', client } } as TraceNode;
  return map;
}

const UNDICI_MODULE: TraceNode = {
  request: requestCall('undici', 'request', 'url-options'),
  stream: requestCall('undici', 'stream', 'url-options'),
  pipeline: requestCall('undici', 'pipeline', 'url-options'),
  fetch: requestCall('undici', 'fetch', 'fetch'),
  setGlobalDispatcher: { [CALL]: { role: 'global-dispatcher' } } as TraceNode,
  ...Object.fromEntries(
    Object.entries(UNDICI_DISPATCHERS).map(([className, optionsAt]) => [className, { [CONSTRUCT]: { role: 'agent', client: 'undici', className, optionsAt } } as TraceNode]),
  ),
};

const HTTP_MODULE: TraceNode = {
  request: requestCall('http', 'request', 'http'),
  get: requestCall('http', 'get', 'http'),
  Agent: { [CONSTRUCT]: { role: 'agent', client: 'http', className: 'Agent', optionsAt: 0 } } as TraceNode,
};

const NODE_FETCH = requestCall('node-fetch', 'fetch', 'fetch');

/** ofetch's `ofetch(…)`/`$fetch(…)`, and `.raw(…)` on either, which resolves to the whole response: the same request. */
const OFETCH = (name: string): TraceNode => ({ ...requestCall('ofetch', name, 'url-options'), raw: requestCall('ofetch', `${name}.raw`, 'url-options') }) as TraceNode;

// moduleTraceMap makes a module's map answer for its default export too (`import axios from 'axios'`,
// `require('axios')`), which is where these clients live. got also has a named `got` export.
const TRACE_MAP = moduleTraceMap<TraceInfo>({
  axios: clientTraceMap('axios'),
  got: { ...clientTraceMap('got'), got: clientTraceMap('got') },
  ky: clientTraceMap('ky'),
  superagent: clientTraceMap('superagent'),
  undici: UNDICI_MODULE,
  'node-fetch': NODE_FETCH,
  'cross-fetch': { ...NODE_FETCH, fetch: NODE_FETCH },
  // The Guild's ponyfill (GraphQL Yoga's servers, Parabol's): the fetch API as an import.
  '@whatwg-node/fetch': { fetch: NODE_FETCH },
  ofetch: { ofetch: OFETCH('ofetch'), $fetch: OFETCH('$fetch') },
  '@better-fetch/fetch': {
    betterFetch: requestCall('better-fetch', 'betterFetch', 'url-options'),
    createFetch: { [CALL]: { role: 'factory', client: 'better-fetch', name: 'createFetch' } } as TraceNode,
  },
  http: HTTP_MODULE,
  https: HTTP_MODULE,
} as unknown as TraceMap<TraceInfo>);

// ---------------------------------------------------------------------------------------------------------
// Small AST helpers.

/** Type assertions and non-null marks do not change the value. */

/** The outermost node that has the same value as `node` (climbing through assertions and `?.`). */
function valueParent(node: TSESTree.Node): { node: TSESTree.Node; parent: TSESTree.Node | undefined } {
  let current = node;
  while (
    current.parent &&
    (current.parent.type === AST_NODE_TYPES.TSAsExpression ||
      current.parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
      current.parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      current.parent.type === AST_NODE_TYPES.TSTypeAssertion ||
      current.parent.type === AST_NODE_TYPES.ChainExpression)
  ) {
    current = current.parent;
  }
  return { node: current, parent: current.parent };
}


function propertyName(property: TSESTree.Property | TSESTree.PropertyDefinition): string | undefined {
  const key = property.key;
  if (!property.computed && (key.type === AST_NODE_TYPES.Identifier || key.type === AST_NODE_TYPES.PrivateIdentifier)) {
    return key.type === AST_NODE_TYPES.PrivateIdentifier ? `#${key.name}` : key.name;
  }
  return key.type === AST_NODE_TYPES.Literal && (typeof key.value === 'string' || typeof key.value === 'number') ? String(key.value) : undefined;
}

/** `obj.name(...)`: the member call made on `object`, if its value is used that way. */
function memberCallOn(object: TSESTree.Node): { name: string; call: TSESTree.CallExpression; member: TSESTree.MemberExpression } | undefined {
  const { node, parent } = valueParent(object);
  if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== node) return undefined;
  const name = memberName(parent);
  const { node: callee, parent: call } = valueParent(parent);
  if (name === undefined || call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== callee) return undefined;
  return { name, call, member: parent };
}

const SENDING_METHODS = new Set(['then', 'catch', 'finally', 'end', 'pipe']);
/** The request options that bound how long it may take. */
const DEADLINE_OPTIONS: ReadonlySet<string> = new Set(['timeout', 'signal', 'cancelToken', 'timeoutErrorMessage']);

/** The value of `node` is awaited or adopted as a promise where it stands. */
function isAwaitedHere(node: TSESTree.Node): boolean {
  const { node: value, parent } = valueParent(node);
  if (!parent) return false;
  if (parent.type === AST_NODE_TYPES.AwaitExpression) return true;
  if (parent.type === AST_NODE_TYPES.ReturnStatement || (parent.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === value)) {
    return enclosingFunction(value)?.async === true;
  }
  if (parent.type === AST_NODE_TYPES.ArrayExpression) {
    const call = parent.parent;
    return (
      call?.type === AST_NODE_TYPES.CallExpression &&
      call.arguments[0] === parent &&
      call.callee.type === AST_NODE_TYPES.MemberExpression &&
      call.callee.object.type === AST_NODE_TYPES.Identifier &&
      call.callee.object.name === 'Promise' &&
      PROMISE_COMBINATORS.has(memberName(call.callee) ?? '')
    );
  }
  return false;
}

/** Iterative walk (deeply nested code must not overflow the stack), skipping subtrees `enter` rejects. */
function walk(root: TSESTree.Node, visitorKeys: TSESLint.SourceCode.VisitorKeys, enter: (node: TSESTree.Node) => boolean): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!enter(node)) continue;
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

// Type flags, numeric so that the plugin does not load TypeScript at run time.
const ANY_OR_UNKNOWN = 1 | 2; // ts.TypeFlags.Any | ts.TypeFlags.Unknown
const STRING_LIKE = 4 | 128 | 134217728 | 268435456; // String | StringLiteral | TemplateLiteral | StringMapping

/** Keys of a request's options that say what is sent, never how long to wait: setting one later adds no deadline. */
const REQUEST_CONTENT_KEYS = new Set(['body', 'headers', 'method', 'json', 'data', 'params', 'searchParams', 'query', 'form', 'url', 'responseType', 'credentials', 'mode', 'redirect']);

const NULLISH = 16384 | 32768 | 65536; // Void | Undefined | Null
const TYPE_PARAMETER = 262144; // TypeParameter
const NON_PRIMITIVE = 67108864; // the `object` type
const OBJECT = 524288; // Object (interfaces, classes, literals)
const INTERSECTION = 2097152; // Intersection

// Symbol flags, numeric for the same reason.
const SYMBOL_VARIABLE = 1 | 2; // FunctionScopedVariable | BlockScopedVariable
const SYMBOL_CALLABLE_DECLARATION = 16 | 32 | 8192; // Function | Class | Method

const EMPTY_OPTIONS: OptionsObject = { properties: new Map(), complete: true };

const MAX_RESOLVE_DEPTH = 8;
/** Nodes walked in one class body looking for the calls of a private method. */
const MAX_CLASS_NODES = 20_000;

type ArgumentKind = 'url' | 'object' | 'function' | 'unknown';

// ---------------------------------------------------------------------------------------------------------

class Analyzer implements HttpClientAnalyzer {
  private readonly sourceCode: Readonly<TSESLint.SourceCode>;
  private readonly services: ParserServicesWithTypeInformation | undefined;
  private readonly requests = new Map<TSESTree.CallExpression, OutboundHttpRequest>();
  private readonly agents = new Map<TSESTree.NewExpression, { client: 'undici' | 'http'; className: string; optionsAt: number }>();
  private readonly defaultInstances = new Map<HttpClient, MutableDefaults>();
  private readonly creations = new Set<TSESTree.CallExpression>();
  /** Functions handing out an instance's `const` whose calls have been followed (each once). */
  private readonly followedFactories = new Set<TSESTree.Node>();
  /** Calls the type test has ruled out (each call is asked about once per file, by every rule that asks). */
  private readonly notTypedRequests = new Set<TSESTree.CallExpression>();
  /** Class fields holding instances: per class body, per field name, what was assigned. */
  private readonly fieldInstances = new Map<TSESTree.ClassBody, Map<string, { instance: MutableDefaults; api: ClientApi }[]>>();
  /** fetch and undici share the global dispatcher: `setGlobalDispatcher(d)` in this file acts as a default `dispatcher`. */
  private readonly dispatcherDefaults: MutableDefaults = { client: 'undici', options: EMPTY_OPTIONS, assigned: new Set(), mayChangeOptions: false };
  private built = false;
  /** Without types, a request needs an HTTP module loaded or `fetch` spelled: most files have neither. */
  private untypedRequestsPossible: boolean | undefined;

  private readonly cwd: string;
  private readonly fileName: string;
  /** Local names of NestJS's `HttpService` class imported by this file. */
  private nestHttpServiceNames: ReadonlySet<string> | undefined;

  constructor(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>) {
    this.sourceCode = context.sourceCode;
    this.services = getTypeServices(context)?.services;
    this.cwd = context.cwd;
    this.fileName = context.filename;
  }

  mayFindRequests(options: { typedInstances?: boolean } = {}): boolean {
    this.nestHttpServiceNames ??= importedNestHttpService(this.sourceCode.ast);
    this.untypedRequestsPossible ??= textMentions(this.sourceCode, 'fetch') || loadsAnyModuleOf(this.sourceCode, TRACE_MAP) || this.nestHttpServiceNames.size > 0;
    return this.untypedRequestsPossible || (this.services !== undefined && options.typedInstances !== false);
  }

  classify(call: TSESTree.CallExpression, options: { typedInstances?: boolean } = {}): OutboundHttpRequest | undefined {
    if (!this.mayFindRequests(options)) return undefined;
    this.build();
    const known = this.requests.get(call);
    if (known) return known;
    if (this.isGlobalFetch(call.callee)) {
      if (isBundledAssetUrl(call.arguments[0])) return undefined;
      const request = this.makeRequest('fetch', 'fetch', 'fetch', call, 'global', this.dispatcherDefaults);
      this.requests.set(call, request);
      return request;
    }
    if (!this.services || options.typedInstances === false || this.notTypedRequests.has(call)) return undefined;
    const typed = this.typedRequest(call);
    if (typed) this.requests.set(call, typed);
    else this.notTypedRequests.add(call);
    return typed;
  }

  constructedAgent(node: TSESTree.Node): ConstructedAgent | undefined {
    this.build();
    const value = this.resolveValue(node);
    if (value?.type !== AST_NODE_TYPES.NewExpression) return undefined;
    const agent = this.agents.get(value);
    if (!agent) return undefined;
    const argument = value.arguments[agent.optionsAt];
    const kind = argument ? this.argumentKind(argument) : 'object';
    // `new ProxyAgent('http://proxy')`: a URL in the options position means no options at all.
    const options = kind === 'url' ? { ...EMPTY_OPTIONS, argument } : this.readOptions(argument);
    return { client: agent.client, className: agent.className, node: value, options };
  }

  resultUse(call: TSESTree.CallExpression): ResultUse {
    const methods = new Set<string>();
    let sent = false;
    const follow = (start: TSESTree.Node): TSESTree.Node => {
      let end = start;
      for (let next = memberCallOn(end); next; next = memberCallOn(end)) {
        methods.add(next.name);
        if (SENDING_METHODS.has(next.name)) sent = true;
        end = next.call;
      }
      if (isAwaitedHere(end)) sent = true;
      return end;
    };
    const end = follow(call);
    const holder = this.holdingVariable(end);
    for (const reference of holder?.references ?? []) {
      if (reference.isRead()) follow(reference.identifier as TSESTree.Node);
    }
    return { methods, sent };
  }

  // -------------------------------------------------------------------------------------------------------
  // Building the index of requests, instances and agents.

  private build(): void {
    if (this.built) return;
    this.built = true;
    for (const { node, info } of trackModuleReferences(this.sourceCode, TRACE_MAP)) {
      switch (info.role) {
        case 'request':
          if (node.type === AST_NODE_TYPES.CallExpression) {
            const defaults = info.client === 'undici' ? this.dispatcherDefaults : isInstanceClient(info.client) ? this.defaultInstance(info.client) : undefined;
            this.addRequest(info.client, info.method, info.layout, node, 'import', defaults);
          }
          break;
        case 'factory':
          if (node.type === AST_NODE_TYPES.CallExpression) this.makeChild(this.defaultInstance(info.client), CLIENT_APIS[info.client], info.name, node);
          break;
        case 'defaults':
          if (node.type === AST_NODE_TYPES.MemberExpression) this.recordDefaultsUse(this.defaultInstance(info.client), node);
          break;
        case 'interceptors':
          if (node.type === AST_NODE_TYPES.MemberExpression) this.recordInterceptorsUse(this.defaultInstance(info.client), node);
          break;
        case 'agent':
          if (node.type === AST_NODE_TYPES.NewExpression) this.agents.set(node, info);
          break;
        case 'global-dispatcher':
          if (node.type === AST_NODE_TYPES.CallExpression && node.arguments[0]) {
            this.dispatcherDefaults.options = { properties: new Map([['dispatcher', node.arguments[0]]]), complete: node.arguments[0].type !== AST_NODE_TYPES.SpreadElement };
          }
          break;
      }
    }
    this.bindNestHttpServices();
    this.followFieldInstances();
  }

  private defaultInstance(client: HttpClient): MutableDefaults {
    let defaults = this.defaultInstances.get(client);
    if (!defaults) {
      defaults = { client, options: EMPTY_OPTIONS, assigned: new Set(), mayChangeOptions: false };
      this.defaultInstances.set(client, defaults);
    }
    return defaults;
  }

  private addRequest(client: HttpClient, method: string, layout: ArgumentLayout, call: TSESTree.CallExpression, evidence: HttpEvidence, defaults: ClientDefaults | undefined): void {
    if (!this.requests.has(call)) this.requests.set(call, this.makeRequest(client, method, layout, call, evidence, defaults));
  }

  /**
   * Follows one use of an instance (`node` evaluates to it): calls of it and of its request methods are
   * requests; factories make child instances; `defaults`, interceptors and agent setters change its defaults.
   */
  private followInstance(instance: MutableDefaults, api: ClientApi, node: TSESTree.Node, evidence: HttpEvidence, confirm?: TSESTree.Node): void {
    const { node: value, parent } = valueParent(node);
    if (!parent) return;
    if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee === value) {
      if (api.callable && this.confirmed(api, confirm)) this.addRequest(instance.client, api.callMethod ?? 'call', api.callable, parent, evidence, instance);
      return;
    }
    if (parent.type !== AST_NODE_TYPES.MemberExpression || parent.object !== value) return;
    const name = memberName(parent);
    if (name === undefined) return;
    const call = memberCallOn(value);
    if (call) {
      const layout = api.methods[name];
      if (layout) {
        if (!this.confirmed(api, confirm)) return;
        this.addRequest(instance.client, name, layout, call.call, evidence, instance);
        if (api === NEST_HTTP_SERVICE) this.requests.get(call.call)!.observable = true;
        return;
      }
      if (api.factories[name]) {
        this.makeChild(instance, api, name, call.call);
        return;
      }
      if (api === SUPERAGENT_AGENT && SUPERAGENT_AGENT_SETTERS.has(name)) {
        this.recordAgentSetter(instance, name);
        this.followInstance(instance, api, call.call, evidence, confirm);
      }
      return;
    }
    // Nested request methods: `got.stream.get(url)`, `got.paginate.all(url)`.
    const nested = memberCallOn(parent);
    if (nested && api.methods[`${name}.${nested.name}`]) {
      if (this.confirmed(api, confirm)) this.addRequest(instance.client, `${name}.${nested.name}`, api.methods[`${name}.${nested.name}`], nested.call, evidence, instance);
      return;
    }
    if (name === 'defaults') this.recordDefaultsUse(instance, parent);
    else if (name === 'interceptors') this.recordInterceptorsUse(instance, parent);
  }

  /** `api.defaults.timeout = 5000` records `timeout`; replacing or handing out `defaults` may change anything. */
  private recordDefaultsUse(instance: MutableDefaults, defaults: TSESTree.MemberExpression): void {
    const { node, parent } = valueParent(defaults);
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === node) {
      const key = memberName(parent);
      const assignment = parent.parent;
      if (key !== undefined && assignment?.type === AST_NODE_TYPES.AssignmentExpression && assignment.left === parent) instance.assigned.add(key);
      return;
    }
    // `api.defaults = {...}`, `Object.assign(api.defaults, {...})`
    if (parent?.type === AST_NODE_TYPES.AssignmentExpression || parent?.type === AST_NODE_TYPES.CallExpression) instance.mayChangeOptions = true;
  }

  /** A request interceptor can set any option (`config.timeout = …`), unless it visibly sets others only. */
  private recordInterceptorsUse(instance: MutableDefaults, interceptors: TSESTree.MemberExpression): void {
    const { node, parent } = valueParent(interceptors);
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === node && memberName(parent) === 'request') {
      const use = memberCallOn(parent);
      if (use?.name === 'use' && !this.setsOtherOptionsOnly(use.call.arguments[0])) instance.mayChangeOptions = true;
    }
  }

  /**
   * `(config) => { config.httpAgent = agent; return config; }`: an interceptor written in place whose every use of the
   * request's config reads it, returns it, or assigns an option other than a deadline (Jellyseerr's proxy agents). One
   * that hands the config on, spreads it or sets `timeout`/`signal` may set a deadline.
   */
  private setsOtherOptionsOnly(callback: TSESTree.Node | undefined): boolean {
    if (!callback || (callback.type !== AST_NODE_TYPES.ArrowFunctionExpression && callback.type !== AST_NODE_TYPES.FunctionExpression)) return false;
    const [param] = callback.params;
    if (param?.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = this.sourceCode.getDeclaredVariables(callback).find((declared) => declared.name === param.name);
    if (!variable) return false;
    return variable.references.every((reference) => {
      const identifier = reference.identifier as TSESTree.Node;
      const parent = identifier.parent;
      if (parent?.type === AST_NODE_TYPES.ReturnStatement || (parent === callback && callback.body === identifier)) return true;
      if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== identifier) return false;
      const name = memberName(parent);
      if (name === undefined || DEADLINE_OPTIONS.has(name)) return false;
      // `config.headers = { … }`, `config.headers.Authorization = token`: another option, set or read.
      return true;
    });
  }

  private recordAgentSetter(instance: MutableDefaults, name: string): void {
    if (name === 'timeout') instance.assigned.add('timeout');
    if (name === 'use') instance.mayChangeOptions = true;
  }

  /** `axios.create(config)`, `api.create(config)`, `got.extend(options)`, `superagent.agent()`: a new instance, followed to its uses. */
  private makeChild(parent: MutableDefaults, api: ClientApi, factoryName: string, creation: TSESTree.CallExpression): void {
    // Reached once per creation; a second visit would count the field it fills as written twice.
    if (this.creations.has(creation)) return;
    this.creations.add(creation);
    const factory = api.factories[factoryName];
    const child = this.newInstance(parent.client, creation, creation.arguments, factory.inherits ? parent : undefined);
    this.bindInstance(child, factory.api ?? api, creation);
  }

  private newInstance(client: HttpClient, creation: TSESTree.CallExpression, args: readonly TSESTree.CallExpressionArgument[], base: ClientDefaults | undefined): MutableDefaults {
    // got.extend(a, b) merges every argument; anything but a readable object makes the result unknown.
    const parts = args.map((argument) => this.readOptions(argument));
    const properties = new Map<string, TSESTree.Node | undefined>();
    for (const part of parts) for (const [key, value] of part.properties) properties.set(key, value);
    const options: OptionsObject = { argument: args[0], literal: parts.length === 1 ? parts[0].literal : undefined, properties, complete: parts.every((part) => part.complete) };
    return { client, creation, options, base, assigned: new Set(), mayChangeOptions: false };
  }

  /**
   * Where an instance goes once created: used on the spot (`axios.create().get()`), held in a variable
   * written once, or in a class field (`http = axios.create()`, `this.http = axios.create()`).
   */
  private bindInstance(instance: MutableDefaults, api: ClientApi, creation: TSESTree.CallExpression): void {
    let made: TSESTree.Node = creation;
    if (api === SUPERAGENT_AGENT) {
      // superagent.agent().timeout(5000).use(plugin): setters return the agent.
      for (let next = memberCallOn(made); next && SUPERAGENT_AGENT_SETTERS.has(next.name); next = memberCallOn(made)) {
        this.recordAgentSetter(instance, next.name);
        made = next.call;
      }
    }
    const { node: value, parent } = valueParent(made);
    if (!parent) return;
    const variable = this.holdingVariable(made);
    if (variable) {
      for (const reference of variable.references) {
        if (!reference.isRead()) continue;
        this.followInstance(instance, api, reference.identifier as TSESTree.Node, 'instance', reference.identifier as TSESTree.Node);
        if (isModuleConst(variable)) this.followFactoryCalls(instance, api, variable, reference.identifier as TSESTree.Identifier);
      }
      return;
    }
    const field = this.holdingField(value, parent);
    if (field) {
      const fields = this.fieldInstances.get(field.classBody) ?? new Map<string, { instance: MutableDefaults; api: ClientApi }[]>();
      this.fieldInstances.set(field.classBody, fields);
      const assigned = fields.get(field.name) ?? [];
      assigned.push({ instance, api });
      fields.set(field.name, assigned);
      return;
    }
    this.followInstance(instance, api, made, 'instance');
  }

  /** The variable `node` is stored in when that is its only write (so every read sees this value). */
  private holdingVariable(node: TSESTree.Node): TSESLint.Scope.Variable | undefined {
    const { node: value, parent } = valueParent(node);
    let identifier: TSESTree.Identifier | undefined;
    if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === value && parent.id.type === AST_NODE_TYPES.Identifier) identifier = parent.id;
    if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.operator === '=' && parent.right === value && parent.left.type === AST_NODE_TYPES.Identifier) identifier = parent.left;
    if (!identifier) return undefined;
    const variable = findVariable(this.sourceCode.getScope(identifier) as never, identifier as never) as TSESLint.Scope.Variable | null;
    if (!variable || variable.defs.length !== 1) return undefined;
    const writes = variable.references.filter((reference) => reference.isWrite());
    return writes.length === 1 && writes[0].identifier === identifier ? variable : undefined;
  }

  /** `http = axios.create()` as an instance field, or `this.http = axios.create()` in the class's own code. */
  private holdingField(value: TSESTree.Node, parent: TSESTree.Node): { classBody: TSESTree.ClassBody; name: string } | undefined {
    if (parent.type === AST_NODE_TYPES.PropertyDefinition && parent.value === value && !parent.static && parent.parent.type === AST_NODE_TYPES.ClassBody) {
      const name = propertyName(parent);
      return name === undefined ? undefined : { classBody: parent.parent, name };
    }
    if (
      parent.type === AST_NODE_TYPES.AssignmentExpression &&
      parent.operator === '=' &&
      parent.right === value &&
      parent.left.type === AST_NODE_TYPES.MemberExpression &&
      parent.left.object.type === AST_NODE_TYPES.ThisExpression
    ) {
      const name = memberName(parent.left) ?? (parent.left.property.type === AST_NODE_TYPES.PrivateIdentifier ? `#${parent.left.property.name}` : undefined);
      const classBody = thisClassBody(parent.left.object);
      return name === undefined || !classBody ? undefined : { classBody, name };
    }
    return undefined;
  }

  /**
   * Uses of `this.<field>` in classes that hold instances. A field written more than once (or written
   * with something else as well) is skipped: which instance a call sees would depend on the order.
   */
  private followFieldInstances(): void {
    for (const [classBody, fields] of this.fieldInstances) {
      const writes = new Map<string, number>();
      const reads: { name: string; member: TSESTree.MemberExpression }[] = [];
      for (const member of classBody.body) {
        if (member.type === AST_NODE_TYPES.PropertyDefinition && !member.static && member.value) {
          const name = propertyName(member);
          if (name !== undefined) writes.set(name, (writes.get(name) ?? 0) + 1);
        }
      }
      this.forEachThisMember(classBody, fields, (name, member) => {
        if (isWriteTarget(member)) writes.set(name, (writes.get(name) ?? 0) + 1);
        else reads.push({ name, member });
      });
      for (const { name, member } of reads) {
        const assigned = fields.get(name)!;
        if (assigned.length !== 1 || writes.get(name) !== 1) continue;
        this.followInstance(assigned[0].instance, assigned[0].api, member, 'instance', member);
      }
    }
  }

  /** Each `this.<name>` of the class's own instance code (not of nested classes, functions or static members). */
  private forEachThisMember(classBody: TSESTree.ClassBody, names: ReadonlyMap<string, unknown> | ReadonlySet<string>, visit: (name: string, member: TSESTree.MemberExpression) => void): void {
    walk(classBody, this.sourceCode.visitorKeys, (node) => {
      if (node !== classBody && (node.type === AST_NODE_TYPES.ClassBody || node.type === AST_NODE_TYPES.FunctionDeclaration)) return false;
      if (node.type === AST_NODE_TYPES.FunctionExpression && node.parent.type !== AST_NODE_TYPES.MethodDefinition) return false;
      if ((node.type === AST_NODE_TYPES.MethodDefinition || node.type === AST_NODE_TYPES.PropertyDefinition || node.type === AST_NODE_TYPES.StaticBlock) && isStatic(node)) return false;
      if (node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.ThisExpression) {
        const name = memberName(node) ?? (node.property.type === AST_NODE_TYPES.PrivateIdentifier ? `#${node.property.name}` : undefined);
        if (name !== undefined && names.has(name)) visit(name, node);
      }
      return true;
    });
  }

  /**
   * NestJS's `HttpService`, known by the imported class annotating where it is injected: a constructor's parameter
   * property (`private readonly http: HttpService`), a field (`@Inject() http: HttpService`), a field assigned from
   * an annotated constructor parameter, or a function's parameter (`(httpService: HttpService) => …`). Reads of
   * those are the service.
   */
  private bindNestHttpServices(): void {
    const names = this.nestHttpServiceNames;
    if (!names || names.size === 0) return;
    const service = this.nestHttpService();
    const fields = new Map<TSESTree.ClassBody, Set<string>>();
    const addField = (classBody: TSESTree.ClassBody | undefined, name: string | undefined): void => {
      if (!classBody || name === undefined) return;
      const known = fields.get(classBody) ?? new Set<string>();
      known.add(name);
      fields.set(classBody, known);
    };
    walk(this.sourceCode.ast, this.sourceCode.visitorKeys, (node) => {
      if (node.type === AST_NODE_TYPES.PropertyDefinition) {
        if (!node.static && !node.value && node.parent.type === AST_NODE_TYPES.ClassBody && annotatesWith(node.typeAnnotation, names)) addField(node.parent, propertyName(node));
        return true;
      }
      if (node.type !== AST_NODE_TYPES.Identifier || !annotatesWith(node.typeAnnotation, names)) return true;
      const owner = node.parent;
      if (owner.type === AST_NODE_TYPES.TSParameterProperty) {
        const method = owner.parent.parent;
        if (method?.type === AST_NODE_TYPES.MethodDefinition && method.kind === 'constructor') addField(method.parent, node.name);
        return true;
      }
      if (!isFunction(owner) || !owner.params.includes(node)) return true;
      const variable = findVariable(this.sourceCode.getScope(node) as never, node as never) as TSESLint.Scope.Variable | null;
      for (const reference of variable?.references ?? []) {
        if (!reference.isRead()) continue;
        const read = reference.identifier as TSESTree.Identifier;
        const assignment = read.parent;
        // `constructor(http: HttpService) { this.http = http; }`
        if (assignment.type === AST_NODE_TYPES.AssignmentExpression && assignment.right === read && assignment.left.type === AST_NODE_TYPES.MemberExpression && assignment.left.object.type === AST_NODE_TYPES.ThisExpression) {
          addField(thisClassBody(assignment.left.object), memberName(assignment.left));
        } else {
          this.followInstance(service, NEST_HTTP_SERVICE, read, 'annotation', read);
        }
      }
      return true;
    });
    for (const [classBody, known] of fields) {
      this.forEachThisMember(classBody, known, (_name, member) => {
        if (!isWriteTarget(member)) this.followInstance(service, NEST_HTTP_SERVICE, member, 'annotation', member);
      });
    }
  }

  /**
   * The defaults of the service's axios instance: none when the nearest NestJS modules import a bare `HttpModule`
   * (axios's default instance, as this file configures it), else unknown. Setting `axiosRef.defaults` or adding an
   * interceptor in this file may set anything.
   */
  private nestHttpService(): MutableDefaults {
    if (nestHttpModuleDefaults(this.cwd, this.fileName) === 'unknown') {
      return { client: 'axios', options: { properties: new Map(), complete: false }, assigned: new Set(), mayChangeOptions: true, configuredElsewhere: true };
    }
    const mayChangeOptions = this.sourceCode.text.includes('axiosRef.defaults') || this.sourceCode.text.includes('axiosRef.interceptors');
    return { client: 'axios', options: EMPTY_OPTIONS, base: this.defaultInstance('axios'), assigned: new Set(), mayChangeOptions };
  }

  /** With type information, a receiver held in a variable or field must be typed by its package. */
  private confirmed(api: ClientApi, receiver: TSESTree.Node | undefined): boolean {
    if (!receiver || !this.services) return true;
    const type = typeOfValue(this.services, receiver);
    if (type.flags & ANY_OR_UNKNOWN) return true;
    const verdict = declaredInPackage(type, api.typePackages);
    return verdict !== false;
  }

  // -------------------------------------------------------------------------------------------------------
  // Requests on instances made elsewhere (type information only).

  /**
   * `http.post(url, body)`, `this.api.get(url)`, `client.stream.get(url)`, `pool.request(options)`, `http(config)`
   * on a value whose type is a client's instance type. Name tests first: a request method's name, or a
   * callee that can hold a value (an import, a parameter, a variable, a field); only then the checker.
   */
  private typedRequest(call: TSESTree.CallExpression): OutboundHttpRequest | undefined {
    const callee = unwrap(call.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const name = memberName(callee);
      if (name !== undefined && TYPED_METHODS.has(name) && this.mayBeClient(callee.object)) {
        const typed = this.typedClientOf(callee.object);
        const layout = typed?.api.methods[name];
        if (typed && layout) return this.makeRequest(typed.client, name, layout, call, 'type', elsewhereDefaults(typed.client));
      }
      const outer = unwrap(callee.object);
      const outerName = outer.type === AST_NODE_TYPES.MemberExpression ? memberName(outer) : undefined;
      if (name !== undefined && outer.type === AST_NODE_TYPES.MemberExpression && outerName !== undefined && TYPED_NESTED_METHODS.has(`${outerName}.${name}`) && this.mayBeClient(outer.object)) {
        const method = `${outerName}.${name}`;
        const typed = this.typedClientOf(outer.object);
        const layout = typed?.api.methods[method];
        if (typed && layout) return this.makeRequest(typed.client, method, layout, call, 'type', elsewhereDefaults(typed.client));
      }
    }
    // A client called as a function takes one to three arguments (`http(config)`, `got(url, options)`, `request(method, url, cb)`).
    if (call.arguments.length === 0 || call.arguments.length > 3 || !this.mayHoldClient(callee) || !this.mayBeClient(callee) || this.declaresFunction(callee)) return undefined;
    const typed = this.typedClientOf(callee);
    if (!typed?.api.callable) return undefined;
    return this.makeRequest(typed.client, 'call', typed.api.callable, call, 'type', elsewhereDefaults(typed.client));
  }

  /** A callee that names a stored value (`http(…)`, `this.http(…)`), not a function or method this file declares. */
  private mayHoldClient(callee: TSESTree.Node): boolean {
    if (callee.type === AST_NODE_TYPES.Identifier) return holdsValue(resolveBinding(callee, this.sourceCode.getScope(callee)));
    if (callee.type !== AST_NODE_TYPES.MemberExpression || unwrap(callee.object).type !== AST_NODE_TYPES.ThisExpression) return false;
    const owner = enclosingClassOfThis(callee);
    const name = memberName(callee) ?? (callee.property.type === AST_NODE_TYPES.PrivateIdentifier ? `#${callee.property.name}` : undefined);
    const binding = owner && name !== undefined ? resolveClassMember(owner.classNode, name, owner.isStatic) : undefined;
    return binding !== undefined && holdsValue(binding);
  }

  /**
   * Rules out, before any type query, a receiver whose origin the file shows to be something else: a
   * global (`new Map()`, `JSON`), an import from a package that is no HTTP client (`new Redis()`, a
   * `Repository<User>` annotation), a literal, a function or class of this file. Anything else (a project
   * import, an unannotated parameter, an injected field, a deeper member) is left to the checker.
   */
  private mayBeClient(node: TSESTree.Node, depth = 0): boolean {
    const value = unwrap(node);
    if (value.type === AST_NODE_TYPES.ThisExpression) return Boolean(enclosingClassOfThis(value)?.classNode.superClass);
    if (value.type === AST_NODE_TYPES.Identifier) return this.bindingMayBeClient(resolveBinding(value, this.sourceCode.getScope(value)), value, depth);
    if (value.type === AST_NODE_TYPES.MemberExpression && unwrap(value.object).type === AST_NODE_TYPES.ThisExpression) {
      const owner = enclosingClassOfThis(value);
      const name = memberName(value) ?? (value.property.type === AST_NODE_TYPES.PrivateIdentifier ? `#${value.property.name}` : undefined);
      const binding = owner && name !== undefined ? resolveClassMember(owner.classNode, name, owner.isStatic) : undefined;
      // Not declared in this class: maybe in a base class.
      return binding ? this.bindingMayBeClient(binding, value, depth) : true;
    }
    return this.chainMayBeClient(value);
  }

  private bindingMayBeClient(binding: Binding, at: TSESTree.Node, depth: number): boolean {
    switch (binding.kind) {
      case 'import':
        return binding.isProjectModule || isClientPackage(binding.source);
      case 'value': {
        const value = unwrap(binding.expression);
        if (binding.path.length === 0 && value.type === AST_NODE_TYPES.Identifier) return depth >= MAX_RESOLVE_DEPTH || this.mayBeClient(value, depth + 1);
        return this.chainMayBeClient(value);
      }
      case 'declared': {
        if (!binding.type) return true;
        const reference = resolveTypeReference(binding.type, this.sourceCode.getScope(at));
        switch (reference?.kind) {
          case 'global':
          case 'keyword':
            return false;
          case 'import':
            return reference.isProjectModule || isClientPackage(reference.source);
          case 'class':
            return Boolean(reference.node.superClass);
          default:
            return true;
        }
      }
      case 'param':
      case 'callback-param':
      case 'uninitialised':
        return true;
      default:
        return false;
    }
  }

  /** `new Map()`, `await fetch(url)`, `promisify(fn)`, `{ … }`: what the start of an expression's chain shows. */
  private chainMayBeClient(expression: TSESTree.Node): boolean {
    let root = unwrap(expression);
    for (let steps = 0; steps < MAX_RESOLVE_DEPTH; steps++) {
      if (root.type === AST_NODE_TYPES.MemberExpression) root = unwrap(root.object);
      else if (root.type === AST_NODE_TYPES.CallExpression || root.type === AST_NODE_TYPES.NewExpression) root = unwrap(root.callee);
      else if (root.type === AST_NODE_TYPES.AwaitExpression) root = unwrap(root.argument);
      else break;
    }
    switch (root.type) {
      case AST_NODE_TYPES.Identifier: {
        const binding = resolveBinding(root, this.sourceCode.getScope(root));
        if (binding.kind === 'global' || binding.kind === 'function') return false;
        if (binding.kind === 'class') return Boolean(binding.node.superClass);
        return binding.kind !== 'import' || binding.isProjectModule || isClientPackage(binding.source);
      }
      case AST_NODE_TYPES.ObjectExpression:
      case AST_NODE_TYPES.ArrayExpression:
      case AST_NODE_TYPES.Literal:
      case AST_NODE_TYPES.TemplateLiteral:
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.FunctionExpression:
      case AST_NODE_TYPES.ClassExpression:
        return false;
      default:
        return true;
    }
  }

  /**
   * An imported callee whose declaration (in the other module) is a function, a class or a method: a symbol
   * lookup, much cheaper than asking for the type of every imported helper that is called.
   */
  private declaresFunction(callee: TSESTree.Node): boolean {
    if (callee.type !== AST_NODE_TYPES.Identifier) return false;
    return answerAboutImport(callee, this.sourceCode, this.services!, 'declares a function', () => this.symbolDeclaresFunction(callee));
  }

  private symbolDeclaresFunction(callee: TSESTree.Identifier): boolean {
    const services = this.services!;
    const tsNode = services.esTreeNodeToTSNodeMap.get(callee) as ts.Node | undefined;
    const checker = services.program.getTypeChecker();
    const symbol = symbolAtLocation(checker, tsNode);
    if (!symbol) return false;
    if (symbol.flags & SYMBOL_CALLABLE_DECLARATION && !(symbol.flags & SYMBOL_VARIABLE)) return true;
    // `export const toDto = (row) => …`
    const declaration = symbol.valueDeclaration;
    const initializer = declaration && 'initializer' in declaration ? (declaration.initializer as ts.Node | undefined) : undefined;
    return initializer !== undefined && (typescript().isArrowFunction(initializer) || typescript().isFunctionExpression(initializer));
  }

  /** The client whose instance type `node` has: every non-nullish part of its type must be the same client's. */
  private typedClientOf(node: TSESTree.Node): TypedClient | undefined {
    const services = this.services!;
    const type = typeOfValue(services, node);
    return typedClientOfType(services.program.getTypeChecker(), type, 0);
  }

  // -------------------------------------------------------------------------------------------------------
  // Requests and their arguments.

  private makeRequest(client: HttpClient, method: string, layout: ArgumentLayout, call: TSESTree.CallExpression, evidence: HttpEvidence, defaults: ClientDefaults | undefined): OutboundHttpRequest {
    const args = call.arguments;
    const spreadAt = args.findIndex((argument) => argument.type === AST_NODE_TYPES.SpreadElement);
    const unknownOptions = (optionsIndex: number): OutboundHttpRequest => ({ client, node: call, method, evidence, options: { argument: args[optionsIndex], properties: new Map(), complete: false }, optionsIndex, defaults });
    switch (layout) {
      case 'chain':
        return { client, node: call, method, evidence, input: args[0], options: EMPTY_OPTIONS, optionsIndex: -1, defaults };
      case 'config':
        if (spreadAt !== -1) return unknownOptions(0);
        return { client, node: call, method, evidence, options: this.readOptions(args[0]), optionsIndex: 0, defaults };
      case 'fetch':
      case 'url-options':
      case 'url-data-options': {
        const optionsIndex = layout === 'url-data-options' ? 2 : 1;
        if (spreadAt !== -1 && spreadAt <= optionsIndex) return unknownOptions(optionsIndex);
        const request: OutboundHttpRequest = { client, node: call, method, evidence, input: args[0], options: this.readOptions(args[optionsIndex]), optionsIndex, defaults };
        if (layout === 'fetch' && args[0]) request.requestInit = this.requestInit(args[0]);
        return request;
      }
      case 'url-or-options':
      case 'http': {
        if (spreadAt !== -1 && spreadAt <= 1) return unknownOptions(1);
        const [first, second] = args;
        if (!first) return { client, node: call, method, evidence, options: EMPTY_OPTIONS, optionsIndex: 0, defaults };
        const firstKind = this.argumentKind(first);
        if (firstKind === 'object') return { client, node: call, method, evidence, options: this.readOptions(first), optionsIndex: 0, defaults };
        // http's second argument may be the callback; got's and axios's is always the options.
        const secondKind = !second ? 'absent' : layout === 'http' ? this.argumentKind(second) : 'object';
        const firstIsUrl = firstKind === 'url' || secondKind === 'object';
        if (!firstIsUrl || secondKind === 'unknown') return unknownOptions(1);
        const options = secondKind === 'object' ? this.readOptions(second) : EMPTY_OPTIONS;
        return { client, node: call, method, evidence, input: first, options, optionsIndex: 1, defaults };
      }
    }
  }

  /** A fetch input that is a Request carries its own init (and maybe a signal). */
  private requestInit(input: TSESTree.Node): OptionsObject | undefined {
    const value = this.resolveValue(input);
    if (value?.type === AST_NODE_TYPES.NewExpression && value.callee.type === AST_NODE_TYPES.Identifier && value.callee.name === 'Request') {
      return this.readOptions(value.arguments[1]);
    }
    if (this.services && value?.type !== AST_NODE_TYPES.NewExpression && this.argumentKind(input) !== 'url') {
      const type = this.services.getTypeAtLocation(input);
      const parts = type.isUnion() ? type.types : [type];
      if (parts.some((part) => part.getSymbol()?.getName() === 'Request')) return { argument: input, properties: new Map(), complete: false };
    }
    return undefined;
  }

  /** Is the first argument a URL, an options object, or can't we tell? */
  private argumentKind(node: TSESTree.Node, depth = 0): ArgumentKind {
    const value = unwrap(node);
    switch (value.type) {
      case AST_NODE_TYPES.ObjectExpression:
        return 'object';
      case AST_NODE_TYPES.TemplateLiteral:
        return 'url';
      case AST_NODE_TYPES.Literal:
        return typeof value.value === 'string' ? 'url' : 'unknown';
      case AST_NODE_TYPES.BinaryExpression:
        if (value.operator === '+' && depth < MAX_RESOLVE_DEPTH && (this.argumentKind(value.left, depth + 1) === 'url' || this.argumentKind(value.right, depth + 1) === 'url')) return 'url';
        break;
      case AST_NODE_TYPES.NewExpression:
        if (value.callee.type === AST_NODE_TYPES.Identifier && value.callee.name === 'URL') return 'url';
        break;
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.FunctionExpression:
        return 'function';
      case AST_NODE_TYPES.Identifier: {
        if (this.isFunctionDeclaration(value)) return 'function';
        const init = this.resolveConst(value);
        if (init && depth < MAX_RESOLVE_DEPTH) {
          const kind = this.argumentKind(init, depth + 1);
          if (kind !== 'unknown') return kind;
        }
        const annotated = this.annotatedKind(value);
        if (annotated !== 'unknown') return annotated;
        break;
      }
    }
    return this.typeKind(value);
  }

  private isFunctionDeclaration(identifier: TSESTree.Identifier): boolean {
    const variable = findVariable(this.sourceCode.getScope(identifier) as never, identifier as never) as TSESLint.Scope.Variable | null;
    return variable?.defs.length === 1 && variable.defs[0].type === 'FunctionName';
  }

  /** `(url: string)`, `const target: URL = …`, `(opts: RequestOptions)`: what the declaration's annotation says. */
  private annotatedKind(identifier: TSESTree.Identifier): ArgumentKind {
    const variable = findVariable(this.sourceCode.getScope(identifier) as never, identifier as never) as TSESLint.Scope.Variable | null;
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (!def || (def.type !== 'Parameter' && def.type !== 'Variable')) return 'unknown';
    const annotation = (def.name as TSESTree.Identifier).typeAnnotation?.typeAnnotation;
    if (!annotation) return 'unknown';
    switch (annotation.type) {
      case AST_NODE_TYPES.TSStringKeyword:
      case AST_NODE_TYPES.TSTemplateLiteralType:
        return 'url';
      case AST_NODE_TYPES.TSLiteralType:
        return annotation.literal.type === AST_NODE_TYPES.Literal && typeof annotation.literal.value === 'string' ? 'url' : 'unknown';
      case AST_NODE_TYPES.TSTypeReference:
        return annotation.typeName.type === AST_NODE_TYPES.Identifier && annotation.typeName.name === 'URL' ? 'url' : 'object';
      case AST_NODE_TYPES.TSTypeLiteral:
        return 'object';
      case AST_NODE_TYPES.TSFunctionType:
        return 'function';
      default:
        return 'unknown';
    }
  }

  private typeKind(node: TSESTree.Node): ArgumentKind {
    if (!this.services) return 'unknown';
    const type = this.services.getTypeAtLocation(node);
    const parts = (type.isUnion() ? type.types : [type]).filter((part) => (part.flags & NULLISH) === 0);
    if (parts.length === 0 || parts.some((part) => part.flags & (ANY_OR_UNKNOWN | TYPE_PARAMETER))) return 'unknown';
    if (parts.every((part) => part.flags & STRING_LIKE || part.getSymbol()?.getName() === 'URL')) return 'url';
    if (parts.every((part) => part.getCallSignatures().length > 0)) return 'function';
    if (parts.every((part) => part.flags & (OBJECT | INTERSECTION) && !(part.flags & STRING_LIKE) && part.getSymbol()?.getName() !== 'URL')) return 'object';
    return 'unknown';
  }

  // -------------------------------------------------------------------------------------------------------
  // Options objects.

  readOptions(node: TSESTree.Node | undefined): OptionsObject {
    return this.readOptionsAt(node, 0);
  }

  private readOptionsAt(node: TSESTree.Node | undefined, depth: number): OptionsObject {
    if (!node) return EMPTY_OPTIONS;
    const value = unwrap(node);
    if (value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined' && this.isGlobal(value)) return { ...EMPTY_OPTIONS, argument: node };
    const literal = this.resolveObject(value, 0);
    if (literal) {
      const read = this.readLiteral(literal, new Set([literal]), depth);
      const mutated = value.type === AST_NODE_TYPES.Identifier && this.isMutated(value);
      return { argument: node, literal, properties: read.properties, complete: read.complete && !mutated };
    }
    // The callers decide, not the parameter's type (`RequestInit` lists `signal` as optional).
    const passed = value.type === AST_NODE_TYPES.Identifier ? this.optionsFromCallers(value, depth) : undefined;
    if (passed) return { ...passed, argument: node };
    const typed = this.typeProperties(value);
    return { argument: node, properties: typed ?? new Map(), complete: typed !== undefined };
  }

  /**
   * What a parameter holds, from every call of its function in this file, when only this file can call it: a function
   * or `const` arrow the module keeps to itself, or a private method (`this.request('/search', { method: 'POST' })`,
   * Refly's Perplexity client). A property any caller passes counts as there. Undefined when any call is out of
   * sight: the function is exported, passed on as a value, or called with a spread.
   */
  private optionsFromCallers(identifier: TSESTree.Identifier, depth: number): OptionsObject | undefined {
    if (depth >= MAX_RESOLVE_DEPTH) return undefined;
    const variable = findVariable(this.sourceCode.getScope(identifier) as never, identifier as never) as TSESLint.Scope.Variable | null;
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (def?.type !== 'Parameter' || variable!.references.some((reference) => reference.isWrite() && !reference.init)) return undefined;
    const fn = def.node as TSESTree.FunctionLike;
    const index = fn.params.findIndex((param) => param === def.name || (param.type === AST_NODE_TYPES.AssignmentPattern && param.left === def.name));
    if (index < 0) return undefined;
    const param = fn.params[index];
    const fallback = param.type === AST_NODE_TYPES.AssignmentPattern ? param.right : undefined;
    const calls = this.callsOfOwnFunction(fn);
    if (!calls || calls.length === 0) return undefined;
    const properties = new Map<string, TSESTree.Node | undefined>();
    let complete = true;
    for (const call of calls) {
      if (call.arguments.slice(0, index + 1).some((argument) => argument.type === AST_NODE_TYPES.SpreadElement)) return undefined;
      const passed = call.arguments[index];
      const read = passed === undefined || (passed.type === AST_NODE_TYPES.Identifier && passed.name === 'undefined') ? (fallback ? this.readOptionsAt(fallback, depth + 1) : EMPTY_OPTIONS) : this.readOptionsAt(passed, depth + 1);
      for (const [name, value] of read.properties) if (!properties.has(name)) properties.set(name, value);
      complete &&= read.complete;
    }
    return { properties, complete };
  }

  /** Every call of `fn` when this file holds them all: see `optionsFromCallers`. */
  private callsOfOwnFunction(fn: TSESTree.FunctionLike): TSESTree.CallExpression[] | undefined {
    const parent = fn.parent;
    let name: TSESTree.Identifier | undefined;
    if (fn.type === AST_NODE_TYPES.FunctionDeclaration && fn.id && parent?.type !== AST_NODE_TYPES.ExportNamedDeclaration && parent?.type !== AST_NODE_TYPES.ExportDefaultDeclaration) name = fn.id;
    else if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === fn && parent.id.type === AST_NODE_TYPES.Identifier && parent.parent.parent?.type !== AST_NODE_TYPES.ExportNamedDeclaration) name = parent.id;
    if (name) {
      const [variable] = this.sourceCode.getDeclaredVariables(name.parent as TSESTree.Node).filter((candidate) => candidate.name === name!.name);
      if (!variable) return undefined;
      const calls: TSESTree.CallExpression[] = [];
      for (const reference of variable.references) {
        if (reference.init) continue;
        const call = reference.identifier.parent;
        if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== reference.identifier) return undefined;
        calls.push(call);
      }
      return calls;
    }
    // A private method, called as `this.name(…)` in its class; a private static one also as `ClassName.name(…)`
    // (AFFiNE's `OIDCClient.fetch`).
    if (parent?.type !== AST_NODE_TYPES.MethodDefinition || parent.kind !== 'method' || parent.computed) return undefined;
    const key = parent.key;
    if (key.type !== AST_NODE_TYPES.PrivateIdentifier && !(key.type === AST_NODE_TYPES.Identifier && parent.accessibility === 'private')) return undefined;
    const classBody = parent.parent;
    const classNode = classBody.parent;
    const className = parent.static && (classNode.type === AST_NODE_TYPES.ClassDeclaration || classNode.type === AST_NODE_TYPES.ClassExpression) ? classNode.id?.name : undefined;
    const isOwner = (object: TSESTree.Node) => object.type === AST_NODE_TYPES.ThisExpression || (className !== undefined && object.type === AST_NODE_TYPES.Identifier && object.name === className);
    const calls: TSESTree.CallExpression[] = [];
    let escapes = false;
    const stack: TSESTree.Node[] = [classBody];
    for (let visited = 0; stack.length > 0 && !escapes; visited++) {
      if (visited > MAX_CLASS_NODES) return undefined;
      const node = stack.pop() as TSESTree.Node;
      if (node.type === AST_NODE_TYPES.MemberExpression && isOwner(node.object) && !node.computed && node.property.type === key.type && node.property.name === key.name) {
        const call = node.parent;
        if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === node) calls.push(call);
        else escapes = true;
      }
      pushChildNodes(node, this.sourceCode.visitorKeys, stack);
    }
    return escapes ? undefined : calls;
  }

  private readLiteral(object: TSESTree.ObjectExpression, seen: Set<TSESTree.Node>, depth: number): { properties: Map<string, TSESTree.Node | undefined>; complete: boolean } {
    const properties = new Map<string, TSESTree.Node | undefined>();
    let complete = true;
    for (const property of object.properties) {
      if (property.type === AST_NODE_TYPES.Property) {
        const name = propertyName(property);
        if (name === undefined) complete = false;
        else properties.set(name, property.value);
        continue;
      }
      // `{ ...base, method: 'POST' }`: a spread we can read adds its properties, any other makes the object unknown.
      const spreadValue = unwrap(property.argument);
      const alternatives = spreadAlternatives(spreadValue);
      const branches = alternatives && this.readSpreadBranches(alternatives.alternatives, seen, depth);
      if (branches) {
        for (const [key, value] of branches.properties) properties.set(key, value);
        complete &&= branches.complete;
        continue;
      }
      const spread = this.resolveObject(spreadValue, depth + 1);
      if (!spread && spreadValue.type === AST_NODE_TYPES.Identifier) {
        // `{ ...options, headers }` of a parameter: what the callers pass.
        const passed = this.optionsFromCallers(spreadValue, depth + 1);
        if (passed) {
          for (const [key, value] of passed.properties) properties.set(key, value);
          complete &&= passed.complete;
          continue;
        }
      }
      if (!spread || seen.has(spread) || depth >= MAX_RESOLVE_DEPTH) {
        complete = false;
        continue;
      }
      seen.add(spread);
      const inner = this.readLiteral(spread, seen, depth + 1);
      for (const [key, value] of inner.properties) properties.set(key, value);
      if (!inner.complete || (property.argument.type === AST_NODE_TYPES.Identifier && this.isMutated(property.argument))) complete = false;
    }
    return { properties, complete };
  }

  /**
   * `...(body ? { body } : {})`, `...(token && { headers })`: the properties of every object the spread may add (one a
   * branch only may add counts, as a property one caller passes does), nothing for a branch that adds none (`{}`,
   * `undefined`, `false`). Undefined when a branch is some other value: the spread is not read.
   */
  private readSpreadBranches(
    branches: readonly TSESTree.Node[],
    seen: Set<TSESTree.Node>,
    depth: number,
  ): { properties: Map<string, TSESTree.Node | undefined>; complete: boolean } | undefined {
    const properties = new Map<string, TSESTree.Node | undefined>();
    let complete = true;
    for (const branch of branches) {
      const value = unwrap(branch);
      if (addsNoProperties(value)) continue;
      const object = this.resolveObject(value, depth + 1);
      if (!object || seen.has(object) || depth >= MAX_RESOLVE_DEPTH) return undefined;
      seen.add(object);
      const read = this.readLiteral(object, seen, depth + 1);
      for (const [key, found] of read.properties) if (!properties.has(key)) properties.set(key, found);
      complete &&= read.complete;
    }
    return { properties, complete };
  }

  private resolveObject(node: TSESTree.Node, depth: number): TSESTree.ObjectExpression | undefined {
    if (node.type === AST_NODE_TYPES.ObjectExpression) return node;
    if (depth >= MAX_RESOLVE_DEPTH) return undefined;
    // `fetch(url, getOptions())` with `const getOptions = () => ({ headers })`: the object a local function builds.
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const built = node.callee.type === AST_NODE_TYPES.Identifier ? this.builtObject(node.callee) : undefined;
      return built ? this.resolveObject(built, depth + 1) : undefined;
    }
    if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
    const init = this.resolveConst(node);
    return init ? this.resolveObject(init, depth + 1) : undefined;
  }

  /** What a function of this file returns when its body is that one value: `() => ({ … })`, `function f() { return { … }; }`. */
  private builtObject(callee: TSESTree.Identifier): TSESTree.Node | undefined {
    const fn = this.ownFunction(callee);
    if (!fn) return undefined;
    if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return unwrap(fn.body);
    const [only] = fn.body.body;
    return fn.body.body.length === 1 && only.type === AST_NODE_TYPES.ReturnStatement && only.argument ? unwrap(only.argument) : undefined;
  }

  /**
   * The function `callee` names, when calling it runs that body: a function declaration or a `const` (or never
   * reassigned) arrow or function expression of this file, neither async nor a generator.
   */
  private ownFunction(callee: TSESTree.Identifier): TSESTree.FunctionDeclaration | TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | undefined {
    const variable = findVariable(this.sourceCode.getScope(callee) as never, callee as never) as TSESLint.Scope.Variable | null;
    return variable ? this.functionOfVariable(variable) : undefined;
  }

  private functionOfVariable(variable: TSESLint.Scope.Variable): TSESTree.FunctionDeclaration | TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | undefined {
    if (variable.defs.length !== 1 || variable.references.some((reference) => reference.isWrite() && !reference.init)) return undefined;
    const def = variable.defs[0];
    const fn = def.type === 'FunctionName' ? def.node : def.type === 'Variable' && def.node.init ? unwrap(def.node.init) : undefined;
    if (fn?.type !== AST_NODE_TYPES.FunctionDeclaration && fn?.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn?.type !== AST_NODE_TYPES.FunctionExpression) return undefined;
    return fn.async || fn.generator ? undefined : fn;
  }

  /**
   * The module-level `const` a function of this file hands out: its arrow body, or every `return` of its body, is that
   * one variable (or `undefined`): `const getSsrfSafeAxios = () => safeAxios` (Postiz). A call of it evaluates to the
   * value the `const` holds, as the `const` itself would. Anything else returned (another variable, a new instance per
   * call, a call) makes it unknown.
   */
  private returnedConst(fn: TSESTree.FunctionDeclaration | TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression): TSESLint.Scope.Variable | undefined {
    const returned: (TSESTree.Node | null)[] = [];
    if (fn.body.type !== AST_NODE_TYPES.BlockStatement) returned.push(fn.body);
    else {
      walk(fn.body, this.sourceCode.visitorKeys, (node) => {
        if (node.type === AST_NODE_TYPES.FunctionDeclaration || node.type === AST_NODE_TYPES.FunctionExpression || node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.ClassBody) return false;
        if (node.type === AST_NODE_TYPES.ReturnStatement) returned.push(node.argument);
        return true;
      });
    }
    let held: TSESLint.Scope.Variable | undefined;
    for (const argument of returned) {
      const value = argument && unwrap(argument);
      if (!value || (value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined' && this.isGlobal(value))) continue;
      if (value.type !== AST_NODE_TYPES.Identifier) return undefined;
      const variable = findVariable(this.sourceCode.getScope(value) as never, value as never) as TSESLint.Scope.Variable | null;
      if (!variable || (held && variable !== held) || !isModuleConst(variable)) return undefined;
      held = variable;
    }
    return held;
  }

  /** `getClient()` of a function that hands out a module-level `const` (see `returnedConst`): that `const`, as read at the call. */
  private constOfFactoryCall(node: TSESTree.Node): TSESTree.Identifier | undefined {
    if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.Identifier) return undefined;
    const fn = this.ownFunction(node.callee);
    const variable = fn && this.returnedConst(fn);
    return variable ? (variable.defs[0].name as TSESTree.Identifier) : undefined;
  }

  /**
   * The instance a module-level `const` holds also reaches the code through the functions of this file that hand it out:
   * `const getSsrfSafeAxios = () => safeAxios; getSsrfSafeAxios().post(url, body)` uses it as `safeAxios.post(url, body)` would.
   */
  private followFactoryCalls(instance: MutableDefaults, api: ClientApi, variable: TSESLint.Scope.Variable, read: TSESTree.Identifier): void {
    const { node: value, parent } = valueParent(read);
    const fn = parent?.type === AST_NODE_TYPES.ReturnStatement ? enclosingFunction(parent) : parent;
    if (fn?.type !== AST_NODE_TYPES.FunctionDeclaration && fn?.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn?.type !== AST_NODE_TYPES.FunctionExpression) return;
    if (parent === fn && fn.body !== value) return;
    const name = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn.id : fn.parent.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.init === fn && fn.parent.id.type === AST_NODE_TYPES.Identifier ? fn.parent.id : undefined;
    if (!name || this.followedFactories.has(fn)) return;
    const [factory] = this.sourceCode.getDeclaredVariables(name.parent as TSESTree.Node).filter((candidate) => candidate.name === name.name);
    if (!factory || this.functionOfVariable(factory) !== fn || this.returnedConst(fn) !== variable) return;
    this.followedFactories.add(fn);
    for (const reference of factory.references) {
      const call = reference.identifier.parent;
      if (!reference.init && call?.type === AST_NODE_TYPES.CallExpression && call.callee === reference.identifier) this.followInstance(instance, api, call, 'instance', call);
    }
  }

  /** What `node` evaluates to, following identifiers to their single initializer, and calls of a function handing out a `const`. */
  private resolveValue(node: TSESTree.Node): TSESTree.Node | undefined {
    let value = unwrap(node);
    for (let depth = 0; depth < MAX_RESOLVE_DEPTH; depth++) {
      const identifier = value.type === AST_NODE_TYPES.Identifier ? value : this.constOfFactoryCall(value);
      if (!identifier) break;
      const init = this.resolveConst(identifier);
      if (!init) return undefined;
      value = init;
    }
    return value;
  }

  /**
   * The value of a variable written once: a `const`, a `let` never reassigned, or a `let` declared bare and assigned
   * once before `identifier` (`let config: AxiosRequestConfig; try { config = { url }; await axios(config) }`).
   */
  private resolveConst(identifier: TSESTree.Identifier): TSESTree.Node | undefined {
    const variable = findVariable(this.sourceCode.getScope(identifier) as never, identifier as never) as TSESLint.Scope.Variable | null;
    if (!variable || variable.defs.length !== 1) return undefined;
    const def = variable.defs[0];
    if (def.type !== 'Variable') return undefined;
    const declarator = def.node as TSESTree.VariableDeclarator;
    if (declarator.id.type !== AST_NODE_TYPES.Identifier) return undefined;
    const writes = variable.references.filter((reference) => reference.isWrite() && !reference.init);
    if (declarator.init) return writes.length === 0 ? unwrap(declarator.init) : undefined;
    if (writes.length !== 1) return undefined;
    const assignment = writes[0].identifier.parent;
    if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.operator !== '=' || assignment.left !== writes[0].identifier) return undefined;
    return assignment.range[1] <= identifier.range[0] ? unwrap(assignment.right) : undefined;
  }

  /** `opts.signal = s`, `delete opts.timeout` or `Object.assign(opts, …)` after the declaration. */
  /** An options object changed after it is written (a key set, `Object.assign`): its keys are not all known, except for content keys. */
  private isMutated(identifier: TSESTree.Identifier): boolean {
    const variable = findVariable(this.sourceCode.getScope(identifier) as never, identifier as never) as TSESLint.Scope.Variable | null;
    if (!variable) return false;
    return variable.references.some((reference) => {
      const { node, parent } = valueParent(reference.identifier as TSESTree.Node);
      // `options.body = JSON.stringify(data)` (erxes's payment clients) sets what is sent, never a deadline.
      if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === node) return isWriteTarget(parent) && !REQUEST_CONTENT_KEYS.has(memberName(parent) ?? '');
      return (
        parent?.type === AST_NODE_TYPES.CallExpression &&
        parent.arguments[0] === node &&
        parent.callee.type === AST_NODE_TYPES.MemberExpression &&
        parent.callee.object.type === AST_NODE_TYPES.Identifier &&
        parent.callee.object.name === 'Object' &&
        memberName(parent.callee) === 'assign'
      );
    });
  }

  /**
   * The property names an unseen options object has, from its type: every constituent must be an object
   * type listing its properties (no index signature, no type parameter, not `object` or `{}`). Optional
   * properties count as present, since the value may have them.
   */
  private typeProperties(node: TSESTree.Node): Map<string, undefined> | undefined {
    if (!this.services) return undefined;
    const checker = this.services.program.getTypeChecker();
    const type = this.services.getTypeAtLocation(node);
    const parts = (type.isUnion() ? type.types : [type]).filter((part) => (part.flags & NULLISH) === 0);
    if (parts.length === 0) return undefined;
    const names = new Map<string, undefined>();
    for (const part of parts) {
      if (part.flags & (ANY_OR_UNKNOWN | TYPE_PARAMETER | NON_PRIMITIVE) || !(part.flags & (OBJECT | INTERSECTION))) return undefined;
      if (checker.getIndexInfosOfType(part).length > 0) return undefined;
      const properties = checker.getPropertiesOfType(part);
      if (properties.length === 0) return undefined;
      for (const property of properties) names.set(property.getName(), undefined);
    }
    return names;
  }

  // -------------------------------------------------------------------------------------------------------
  // Globals.

  /** `fetch` or `globalThis.fetch`, not shadowed by anything declared in the file. */
  private isGlobalFetch(callee: TSESTree.Node): boolean {
    const value = unwrap(callee);
    if (value.type === AST_NODE_TYPES.Identifier) return value.name === 'fetch' && this.isGlobal(value);
    return (
      value.type === AST_NODE_TYPES.MemberExpression &&
      memberName(value) === 'fetch' &&
      value.object.type === AST_NODE_TYPES.Identifier &&
      value.object.name === 'globalThis' &&
      this.isGlobal(value.object)
    );
  }

  private isGlobal(identifier: TSESTree.Identifier): boolean {
    const variable = findVariable(this.sourceCode.getScope(identifier) as never, identifier as never) as TSESLint.Scope.Variable | null;
    // No variable: an undeclared global. A variable without definitions: a built-in from lib or ESLint globals.
    return !variable || variable.defs.length === 0;
  }
}

/** A `const` declared at the top of the module (or script): one value for every call of the functions that read it. */
function isModuleConst(variable: TSESLint.Scope.Variable): boolean {
  const def = variable.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type !== 'Variable' || def.parent.kind !== 'const' || def.node.id.type !== AST_NODE_TYPES.Identifier) return false;
  return variable.scope.type === 'module' || variable.scope.type === 'global';
}

function isInstanceClient(client: HttpClient): client is InstanceClient {
  return Object.hasOwn(CLIENT_APIS, client);
}

type MutableDefaults = Omit<ClientDefaults, 'assigned'> & { assigned: Set<string> };

function isStatic(node: TSESTree.MethodDefinition | TSESTree.PropertyDefinition | TSESTree.StaticBlock): boolean {
  return node.type === AST_NODE_TYPES.StaticBlock || node.static;
}

function isWriteTarget(member: TSESTree.MemberExpression): boolean {
  const { node, parent } = valueParent(member);
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression) return parent.left === node;
  if (parent?.type === AST_NODE_TYPES.UpdateExpression) return true;
  return parent?.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'delete';
}

/** Local names this file imports NestJS's `HttpService` class under (a type-only import still names it). */
function importedNestHttpService(program: TSESTree.Program): ReadonlySet<string> {
  const names = new Set<string>();
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration || !NEST_HTTP_PACKAGES.has(statement.source.value)) continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type === AST_NODE_TYPES.ImportSpecifier && importedName(specifier) === 'HttpService') names.add(specifier.local.name);
    }
  }
  return names;
}

/** `: HttpService` (under one of `names`), not an array, union or generic of it. */
function annotatesWith(annotation: TSESTree.TSTypeAnnotation | undefined, names: ReadonlySet<string>): boolean {
  const type = annotation?.typeAnnotation;
  return type?.type === AST_NODE_TYPES.TSTypeReference && type.typeName.type === AST_NODE_TYPES.Identifier && names.has(type.typeName.name);
}

/** The class whose instance `this` is: the nearest class body, looking through arrow functions only. */
function thisClassBody(node: TSESTree.ThisExpression): TSESTree.ClassBody | undefined {
  for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.FunctionDeclaration) return undefined;
    if (current.type === AST_NODE_TYPES.FunctionExpression) {
      const method = current.parent;
      if (method.type !== AST_NODE_TYPES.MethodDefinition || method.static) return undefined;
      return method.parent;
    }
    if (current.type === AST_NODE_TYPES.PropertyDefinition) return current.static ? undefined : current.parent;
    if (current.type === AST_NODE_TYPES.ClassBody) return current;
  }
  return undefined;
}

/** Whether the type's symbol (or alias) is declared in one of `packages`; undefined when it has no declarations. */
function declaredInPackage(type: ts.Type, packages: readonly string[]): boolean | undefined {
  const symbols = [type.aliasSymbol, type.getSymbol()].filter((symbol): symbol is ts.Symbol => symbol !== undefined);
  const files = symbols.flatMap((symbol) => symbol.getDeclarations() ?? []).map((declaration) => declaration.getSourceFile().fileName.replaceAll('\\', '/'));
  if (files.length === 0) return undefined;
  return files.some((file) => packages.some((name) => file.includes(`/node_modules/${name}/`)));
}

/** The specifier is one of the HTTP client packages whose instance types are recognised. */
function isClientPackage(specifier: string): boolean {
  return Object.hasOwn(TYPED_CLIENTS, packageOfSpecifier(specifier));
}

/** Defaults of an instance created outside this file: nothing about them is known. */
function elsewhereDefaults(client: HttpClient): ClientDefaults {
  return { client, options: { properties: new Map(), complete: false }, assigned: new Set(), mayChangeOptions: true, configuredElsewhere: true };
}

/** A binding that holds a value of unknown origin in this file (not a function, class or global it declares). */
function holdsValue(binding: Binding): boolean {
  switch (binding.kind) {
    case 'import':
    case 'declared':
    case 'param':
    case 'callback-param':
      return true;
    case 'value': {
      const value = unwrap(binding.expression);
      return value.type !== AST_NODE_TYPES.ArrowFunctionExpression && value.type !== AST_NODE_TYPES.FunctionExpression && value.type !== AST_NODE_TYPES.ClassExpression;
    }
    default:
      return false;
  }
}

const MAX_TYPE_DEPTH = 4;

/**
 * The client whose instance type `type` is: by the name of its alias or symbol, declared by the client's
 * package; a project class or interface counts as the instance type it extends; a union must be one
 * client throughout (nullish parts aside); an intersection is a client's when one of its parts is.
 */
function typedClientOfType(checker: ts.TypeChecker, type: ts.Type, depth: number): TypedClient | undefined {
  if (depth > MAX_TYPE_DEPTH || type.flags & (ANY_OR_UNKNOWN | TYPE_PARAMETER)) return undefined;
  if (type.isUnion()) {
    const parts = type.types.filter((part) => (part.flags & NULLISH) === 0);
    const found = parts.map((part) => typedClientOfType(checker, part, depth + 1));
    const first = found[0];
    return first && found.every((entry) => entry?.client === first.client && entry.api === first.api) ? first : undefined;
  }
  const named = (type.aliasSymbol && typedClientOfSymbol(type.aliasSymbol)) ?? (type.getSymbol() && typedClientOfSymbol(type.getSymbol()!));
  if (named) return named;
  if (type.isIntersection()) {
    for (const part of type.types) {
      const found = typedClientOfType(checker, part, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  // A project class or interface that extends a client's type (`class Api extends Axios`, `interface Http extends AxiosInstance`).
  const symbol = type.getSymbol();
  const declaration = symbol?.getDeclarations()?.[0];
  if (!symbol || !declaration || packageOfFile(declaration.getSourceFile().fileName) !== undefined || !type.isClassOrInterface()) return undefined;
  for (const base of checker.getBaseTypes(type)) {
    const found = typedClientOfType(checker, base, depth + 1);
    if (found) return found;
  }
  return undefined;
}

function typedClientOfSymbol(symbol: ts.Symbol): TypedClient | undefined {
  const name = symbol.getName();
  for (const declaration of symbol.getDeclarations() ?? []) {
    const packageName = packageOfFile(declaration.getSourceFile().fileName);
    const entry = packageName !== undefined && Object.hasOwn(TYPED_CLIENTS, packageName) ? TYPED_CLIENTS[packageName].find((candidate) => candidate.typeNames.includes(name)) : undefined;
    if (entry) return { client: entry.client, api: entry.api };
  }
  return undefined;
}

/**
 * `new URL('../public/fonts/Inter.ttf', import.meta.url)`: a file bundled with the code. Next.js and Vercel's
 * edge runtime (and Deno) load it with `fetch` (the documented way to read fonts for `ImageResponse`): no
 * network, no server to wait for. A URL with a scheme (`https://…`) or a host (`//cdn…`) is a request.
 */
function isBundledAssetUrl(node: TSESTree.Node | undefined): boolean {
  if (node?.type !== AST_NODE_TYPES.NewExpression || node.callee.type !== AST_NODE_TYPES.Identifier || node.callee.name !== 'URL' || node.arguments.length !== 2) return false;
  const [path, base] = node.arguments;
  const text = path.type === AST_NODE_TYPES.Literal ? path.value : path.type === AST_NODE_TYPES.TemplateLiteral && path.expressions.length === 0 ? path.quasis[0].value.cooked : undefined;
  if (typeof text !== 'string' || text.startsWith('//') || hasUrlScheme(text)) return false;
  return base.type === AST_NODE_TYPES.MemberExpression && base.object.type === AST_NODE_TYPES.MetaProperty && base.object.meta.name === 'import' && !base.computed && base.property.type === AST_NODE_TYPES.Identifier && base.property.name === 'url';
}

/** `https:`, `data:`, `blob:`: a scheme before any `/`, `?` or `#` (RFC 3986: a letter, then letters, digits, `+`, `-`, `.`). Linear. */
function hasUrlScheme(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === ':') return i > 0;
    const letter = (char >= 'a' && char <= 'z') || (char >= 'A' && char <= 'Z');
    if (!letter && (i === 0 || !((char >= '0' && char <= '9') || char === '+' || char === '-' || char === '.'))) return false;
  }
  return false;
}

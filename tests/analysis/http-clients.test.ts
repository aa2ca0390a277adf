import { ESLintUtils } from '@typescript-eslint/utils';
import { getHttpClients, type ClientDefaults, type OptionsObject } from '../../src/analysis/http-clients';
import { typedRuleTester, untypedRuleTester } from '../rule-tester';

/** `{a,b}` for a complete object, `{a,…}` when more may be there. */
function describeOptions(options: OptionsObject): string {
  const names = [...options.properties.keys()];
  if (!options.complete) names.push('…');
  return `{${names.join(',')}}`;
}

function describeDefaults(defaults: ClientDefaults | undefined): string {
  const parts: string[] = [];
  for (let current = defaults; current; current = current.base) {
    const assigned = [...current.assigned].map((name) => `=${name}`).join('');
    const kind = current.configuredElsewhere ? 'elsewhere' : current.creation ? 'instance' : 'default';
    parts.push(`${kind}${describeOptions(current.options)}${assigned}${current.mayChangeOptions ? '!' : ''}`);
  }
  return parts.join('<') || 'none';
}

// A probe rule that reports what the analysis sees, so its behaviour is pinned by plain rule tests:
// "client method evidence options@index{props} defaults use(methods on the result)" for each request.
const probe = ESLintUtils.RuleCreator.withoutDocs({
  meta: { type: 'problem', schema: [], messages: { request: '{{text}}', agent: '{{text}}' } },
  create(context) {
    const http = getHttpClients(context);
    return {
      CallExpression(node) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'probeAgent') {
          const agent = http.constructedAgent(node.arguments[0]);
          context.report({ node, messageId: 'agent', data: { text: agent ? `${agent.client} ${agent.className} ${describeOptions(agent.options)}` : 'none' } });
          return;
        }
        const request = http.classify(node);
        if (!request) return;
        const init = request.requestInit ? ` init${describeOptions(request.requestInit)}` : '';
        const use = request.client === 'http' || request.client === 'superagent' ? http.resultUse(node) : undefined;
        const used = use ? ` use(${[...use.methods].join(',')})${use.sent ? ' sent' : ''}` : '';
        context.report({
          node,
          messageId: 'request',
          data: { text: `${request.client} ${request.method} ${request.evidence} options@${request.optionsIndex}${describeOptions(request.options)}${init} ${describeDefaults(request.defaults)}${used}` },
        });
      },
    };
  },
});

const seen = (text: string) => ({ messageId: 'request' as const, data: { text } });

untypedRuleTester().run('analysis-http-clients', probe, {
  valid: [
    // Names alone never make a request.
    'function fetch(url: string) { return url; } fetch("https://example.com");',
    'class Api { fetch(url: string) { return url; } run() { return this.fetch("x"); } }',
    'declare const cache: { fetch(key: string): unknown }; cache.fetch("key");',
    'import express from "express"; const app = express(); app.get("/x", () => {}); express.Router().get("/y", () => {});',
    'const map = new Map<string, number>(); map.get("k");',
    'import axios from "axios"; axios.isAxiosError(new Error()); axios.getUri({});',
    'import http from "node:http"; http.createServer(() => {}).listen(3000);',
    'new Response("x"); new Request("https://example.com");',
    'import { get } from "./http"; get("https://example.com");',
    'import api from "./api"; api.get("/users");',
    'function run(fetch: (url: string) => Promise<unknown>) { return fetch("x"); }',
    // Without type information an instance made elsewhere stays unknown: an import from a project module,
    // an injected parameter (its annotation alone is not followed).
    'import { http } from "./shared/http"; export async function audit(body: unknown) { await http.post("/audit", body); return http({ url: "/x" }); }',
    'import type { AxiosInstance } from "axios"; class C { constructor(private readonly api: AxiosInstance) {} load() { return this.api.get("/x"); } }',
    'import type { Got } from "got"; export function f(client: Got) { return client.post("x"); }',
    // An instance whose field is reassigned: which instance a call sees depends on the order.
    'import axios from "axios"; class S { http = axios.create(); use(c: any) { this.http = c; } load() { return this.http.get("/x"); } }',
    // A `this` that is not the class's.
    'import axios from "axios"; class S { http = axios.create(); load() { return function (this: any) { return this.http.get("/x"); }; } }',
  ],
  invalid: [
    { code: 'fetch("https://example.com");', errors: [seen('fetch fetch global options@1{} default{}')] },
    { code: 'globalThis.fetch(url, { method: "POST", body });', errors: [seen('fetch fetch global options@1{method,body} default{}')] },
    { code: 'const init = { method: "GET" }; fetch(url, init);', errors: [seen('fetch fetch global options@1{method} default{}')] },
    { code: 'const init = { method: "GET" }; init.signal = s; fetch(url, init);', errors: [seen('fetch fetch global options@1{method,…} default{}')] },
    { code: 'const base = { headers: {} }; fetch(url, { ...base, method: "POST" });', errors: [seen('fetch fetch global options@1{headers,method} default{}')] },
    { code: 'fetch(url, { ...init, method: "POST" });', errors: [seen('fetch fetch global options@1{method,…} default{}')] },
    { code: 'fetch(...args);', errors: [seen('fetch fetch global options@1{…} default{}')] },
    { code: 'const req = new Request(url, { signal: s }); fetch(req);', errors: [seen('fetch fetch global options@1{} init{signal} default{}')] },
    {
      code: 'import { fetch as f, request, setGlobalDispatcher, Agent } from "undici"; setGlobalDispatcher(new Agent({})); f(url); request(url, { headersTimeout: 1 });',
      errors: [seen('undici fetch import options@1{} default{dispatcher}'), seen('undici request import options@1{headersTimeout} default{dispatcher}')],
    },
    {
      code: 'const { stream, pipeline } = require("undici"); stream(url, { method: "GET" }, factory); pipeline(url, {}, handler);',
      errors: [seen('undici stream import options@1{method} default{}'), seen('undici pipeline import options@1{} default{}')],
    },
    { code: 'import fetch from "node-fetch"; fetch(url, { timeout: 1 });', errors: [seen('node-fetch fetch import options@1{timeout} none')] },
    { code: 'import { ofetch } from "ofetch"; ofetch(url);', errors: [seen('ofetch ofetch import options@1{} none')] },
    // axios: each layout puts the config in its place.
    {
      code: 'import axios from "axios"; axios.get(url); axios.post(url, data, { timeout: 1 }); axios.request({ url }); axios({ url }); axios(url, cfg);',
      errors: [
        seen('axios get import options@1{} default{}'),
        seen('axios post import options@2{timeout} default{}'),
        seen('axios request import options@0{url} default{}'),
        seen('axios call import options@0{url} default{}'),
        seen('axios call import options@1{…} default{}'),
      ],
    },
    {
      code: 'import * as undici from "undici"; import { default as axios } from "axios"; const got = require("got").default; undici.request(url); axios.put(url); got.head("https://x");',
      errors: [seen('undici request import options@1{} default{}'), seen('axios put import options@2{} default{}'), seen('got head import options@1{} default{}')],
    },
    { code: 'const axios = require("axios"); axios.defaults.timeout = 5000; axios.get(url);', errors: [seen('axios get import options@1{} default{}=timeout')] },
    // An interceptor that hands the config on may set any option; one that returns it as it is, or sets other options, none.
    { code: 'import axios from "axios"; axios.interceptors.request.use((c) => sign(c)); axios.head(url);', errors: [seen('axios head import options@1{} default{}!')] },
    { code: 'import axios from "axios"; axios.interceptors.request.use((c) => c); axios.head(url);', errors: [seen('axios head import options@1{} default{}')] },
    {
      code: 'import axios from "axios"; const api = axios.create({ baseURL: "x" }); api.defaults.timeout = 1; api.get("/a"); api({ url: "/b" });',
      errors: [seen('axios get instance options@1{} instance{baseURL}=timeout<default{}'), seen('axios call instance options@0{url} instance{baseURL}=timeout<default{}')],
    },
    { code: 'import axios from "axios"; axios.create({ timeout: 1 }).get("/a");', errors: [seen('axios get instance options@1{} instance{timeout}<default{}')] },
    {
      code: 'import axios from "axios"; const base = axios.create({ timeout: 1 }); const child = base.create({ baseURL: "x" }); child.patch("/a", {});',
      errors: [seen('axios patch instance options@2{} instance{baseURL}<instance{timeout}<default{}')],
    },
    {
      code: 'import axios from "axios"; class S { private readonly http = axios.create({ baseURL: "x" }); load() { return this.http.get("/a"); } save = async () => this.http.post("/b", {}); }',
      errors: [seen('axios get instance options@1{} instance{baseURL}<default{}'), seen('axios post instance options@2{} instance{baseURL}<default{}')],
    },
    {
      code: 'import axios from "axios"; class S { #http; constructor() { this.#http = axios.create(opts); } load() { return this.#http.delete("/a"); } }',
      errors: [seen('axios delete instance options@1{} instance{…}<default{}')],
    },
    // got: `got(url, options)` or `got(options)`; nested stream and paginate methods; extend chains.
    {
      code: 'import got from "got"; got("https://x"); got({ url: "x" }); got.stream.get("x", { timeout: {} }); got.paginate.all("x");',
      errors: [seen('got call import options@1{} default{}'), seen('got call import options@0{url} default{}'), seen('got stream.get import options@1{timeout} default{}'), seen('got paginate.all import options@1{} default{}')],
    },
    {
      code: 'import { got } from "got"; const a = got.extend({ prefixUrl: "x" }); const b = a.extend({ timeout: { request: 1 } }); b.post("y");',
      errors: [seen('got post instance options@1{} instance{timeout}<instance{prefixUrl}<default{}')],
    },
    { code: 'import got from "got"; const c = got.extend(shared, { headers: {} }); c("y");', errors: [seen('got call instance options@1{} instance{headers,…}<default{}')] },
    // The first argument decides: a string-typed parameter is a URL, an unknown identifier could be either.
    { code: 'import got from "got"; function f(url: string) { return got(url); }', errors: [seen('got call import options@1{} default{}')] },
    { code: 'import got from "got"; function f(target: URL) { return got(target); }', errors: [seen('got call import options@1{} default{}')] },
    { code: 'import got from "got"; function f(x) { return got(x); }', errors: [seen('got call import options@1{…} default{}')] },
    // http(s): options first, or URL then options, with or without a callback.
    {
      code: 'import https from "node:https"; https.get(`https://${host}/x`, (res) => {}); https.request({ host, timeout: 1 }, cb); https.request(url, { agent }, cb);',
      errors: [seen('http get import options@1{} none use()'), seen('http request import options@0{host,timeout} none use()'), seen('http request import options@1{agent} none use()')],
    },
    { code: 'import http from "http"; function f(url: string, onResponse: (res: unknown) => void) { http.get(url, onResponse); }', errors: [seen('http get import options@1{} none use()')] },
    { code: 'import http from "http"; function onResponse() {} http.get(target, onResponse);', errors: [seen('http get import options@1{…} none use()')] },
    { code: 'const { request } = require("http"); request(options, cb);', errors: [seen('http request import options@1{…} none use()')] },
    // What the code does with the returned request: chained calls, calls through the variable holding it.
    {
      code: 'import https from "https"; const req = https.request("https://x", (res) => {}); req.on("error", onError).setTimeout(1); req.end();',
      errors: [seen('http request import options@1{} none use(on,setTimeout,end) sent')],
    },
    { code: 'import https from "https"; https.get("https://x").setTimeout(3000);', errors: [seen('http get import options@1{} none use(setTimeout)')] },
    // superagent: configured by chaining, so no options object; sent when awaited, then'd or ended.
    {
      code: 'import request from "superagent"; request.get(url).set("a", "b"); request("GET", url).end(cb); const agent = request.agent().timeout(1); agent.post(url);',
      errors: [seen('superagent get import options@-1{} default{} use(set)'), seen('superagent call import options@-1{} default{} use(end) sent'), seen('superagent post instance options@-1{} instance{}=timeout use()')],
    },
    {
      code: 'import request from "superagent"; async function f() { const r = request.post(url).send(body); r.timeout(1); await r; }',
      errors: [seen('superagent post import options@-1{} default{} use(send,timeout) sent')],
    },
    {
      code: 'import request from "superagent"; const f = async () => request.get(url); function g() { return request.get(url); } Promise.all([request.del(url)]);',
      errors: [seen('superagent get import options@-1{} default{} use() sent'), seen('superagent get import options@-1{} default{} use()'), seen('superagent del import options@-1{} default{} use() sent')],
    },
    { code: 'import ky from "ky"; const api = ky.create({ prefixUrl: "x" }); api.get("y"); ky("z");', errors: [seen('ky get instance options@1{} instance{prefixUrl}'), seen('ky call import options@1{} default{}')] },
    // Agents and dispatchers built in this file.
    {
      code: 'import { Agent, ProxyAgent } from "undici"; import http from "http"; const a = new Agent({ headersTimeout: 1 }); probeAgent(a); probeAgent(new ProxyAgent("http://proxy")); probeAgent(new http.Agent({ keepAlive: true })); probeAgent(other);',
      errors: [
        { messageId: 'agent', data: { text: 'undici Agent {headersTimeout}' } },
        { messageId: 'agent', data: { text: 'undici ProxyAgent {}' } },
        { messageId: 'agent', data: { text: 'http Agent {keepAlive}' } },
        { messageId: 'agent', data: { text: 'none' } },
      ],
    },
  ],
});

// Instances made in another file (tests/fixtures/typed/cross-file/http.ts) or injected: the checker says
// what they are; their defaults are unknown ("elsewhere{…}!"), since they were configured out of sight.
const ELSEWHERE = 'elsewhere{…}!';

typedRuleTester().run('analysis-http-clients (typed)', probe, {
  valid: [
    // A variable whose type is not axios's (the receiver confirmation drops it).
    'import axios from "axios"; const api = axios.create() as unknown as { get(url: string): Promise<unknown> }; export const r = api.get("/x");',
    // Look-alikes: request-like names on values whose type is no client's.
    'import { gateway, request, ApiGateway } from "./cross-file/http"; gateway.get("/x"); gateway.post("/y", {}); request("/z"); new ApiGateway().get("/w");',
    'class Api { get(path: string) { return path; } post(path: string, body: unknown) { return body; } } export function f(api: Api) { api.get("/x"); return api.post("/y", {}); }',
    'const map = new Map<string, number>(); map.get("k"); map.delete("k"); new WeakMap<object, number>().get({});',
    'declare const api: any; api.get("/x"); api.post("/y", {}); api({ url: "/z" });',
    'export function f(api: unknown, g: any) { (api as any).get("/x"); return g.request({ url: "/y" }); }',
    'import express from "express"; const app = express(); app.get("/x", () => {}); app.delete("/y", () => {}); express.Router().post("/z", () => {});',
    // Other types of the clients' own packages with look-alike methods: axios's headers, superagent's response.
    'import { AxiosHeaders } from "axios"; const headers = new AxiosHeaders(); headers.get("x"); headers.delete("y");',
    'import type { AxiosResponse } from "axios"; export function f(res: AxiosResponse) { return res.headers; }',
    'import type request from "superagent"; export function f(res: request.Response) { return res.get("content-type"); }',
    // A function held in a variable, a parameter typed as a plain function: not a client.
    'export function f(send: (config: { url: string }) => Promise<unknown>) { return send({ url: "/x" }); }',
    // Receivers the file shows to come from other packages (ruled out before any type query).
    'import Redis from "ioredis"; import type { Repository } from "typeorm"; const redis = new Redis(); export function f(users: Repository<{ id: number }>) { redis.get("k"); return users.delete({ id: 1 }); }',
    'import { promisify } from "node:util"; import { gzip } from "node:zlib"; const gzipAsync = promisify(gzip); export const r = gzipAsync(Buffer.from("x"));',
    // A union with something else: not known to be the client.
    'import type { AxiosInstance } from "axios"; export function f(api: AxiosInstance | Map<string, string>) { return api.get("/x"); }',
  ],
  invalid: [
    // Imported from another module of the project.
    {
      code: 'import { http } from "./cross-file/http"; export async function audit(body: unknown) { await http.post("/audit", body); await http.get("/a", { timeout: 1 }); return http({ url: "/x" }); }',
      errors: [seen(`axios post type options@2{} ${ELSEWHERE}`), seen(`axios get type options@1{timeout} ${ELSEWHERE}`), seen(`axios call type options@0{url} ${ELSEWHERE}`)],
    },
    // Injected: a constructor parameter property, a parameter, an optional field.
    {
      code: 'import type { AxiosInstance } from "axios"; export class C { constructor(private readonly api: AxiosInstance) {} load() { return this.api.get("/x"); } send() { return this.api({ url: "/y" }); } }',
      errors: [seen(`axios get type options@1{} ${ELSEWHERE}`), seen(`axios call type options@0{url} ${ELSEWHERE}`)],
    },
    { code: 'import type { AxiosInstance } from "axios"; export function f(api: AxiosInstance) { return api.get("/x"); }', errors: [seen(`axios get type options@1{} ${ELSEWHERE}`)] },
    {
      code: 'import type { AxiosInstance } from "axios"; export class C { api?: AxiosInstance; load() { return this.api?.delete("/x"); } }',
      errors: [seen(`axios delete type options@1{} ${ELSEWHERE}`)],
    },
    // A project interface or class that extends the client's type.
    {
      code: 'import { Axios, type AxiosInstance } from "axios"; interface Http extends AxiosInstance { tag: string } class Api extends Axios {} export function f(http: Http, api: Api) { http.put("/x", {}); return api.request({ url: "/y" }); }',
      errors: [seen(`axios put type options@2{} ${ELSEWHERE}`), seen(`axios request type options@0{url} ${ELSEWHERE}`)],
    },
    // got: the instance called, its aliases, nested stream methods.
    {
      code: 'import type { Got } from "got"; export function f(client: Got) { client("https://x"); client.post("y", { json: {} }); return client.stream.get("z"); }',
      errors: [seen(`got call type options@1{} ${ELSEWHERE}`), seen(`got post type options@1{json} ${ELSEWHERE}`), seen(`got stream.get type options@1{} ${ELSEWHERE}`)],
    },
    { code: 'import { gotClient, kyClient } from "./cross-file/http"; gotClient.get("a"); kyClient.get("b"); kyClient("c");', errors: [seen(`got get type options@1{} ${ELSEWHERE}`), seen(`ky get type options@1{} ${ELSEWHERE}`), seen(`ky call type options@1{} ${ELSEWHERE}`)] },
    // superagent: an agent from elsewhere, the package's static API passed in.
    {
      code: 'import { agent } from "./cross-file/http"; import type request from "superagent"; export async function f(r: request.SuperAgentStatic) { await agent.post("/x").send({}); return r.get("/y"); }',
      errors: [seen(`superagent post type options@-1{} ${ELSEWHERE} use(send) sent`), seen(`superagent get type options@-1{} ${ELSEWHERE} use() sent`)],
    },
    // undici: a dispatcher from elsewhere, or typed as one.
    {
      code: 'import { pool } from "./cross-file/http"; import type { Dispatcher } from "undici"; export function f(d: Dispatcher) { pool.request({ path: "/", method: "GET" }); return d.stream({ path: "/", method: "GET" }, () => process.stdout); }',
      errors: [seen(`undici request type options@0{path,method} ${ELSEWHERE}`), seen(`undici stream type options@0{path,method} ${ELSEWHERE}`)],
    },
    {
      code: 'import axios from "axios"; class S { private readonly http = axios.create({ baseURL: "x" }); load() { return this.http.get("/a"); } }',
      errors: [seen('axios get instance options@1{} instance{baseURL}<default{}')],
    },
    // Unseen options read from their type; optional properties count as present.
    { code: 'declare const init: { method: string }; declare const url: string; fetch(url, init);', errors: [seen('fetch fetch global options@1{method} default{}')] },
    { code: 'declare const init: RequestInit | undefined; fetch("x", init);', errors: [{ messageId: 'request' }] },
    { code: 'declare const init: Record<string, string>; fetch("x", init);', errors: [seen('fetch fetch global options@1{…} default{}')] },
    { code: 'declare const req: Request; fetch(req);', errors: [seen('fetch fetch global options@1{} init{…} default{}')] },
    // The first argument's type decides URL or options.
    {
      code: 'import https from "node:https"; declare function target(): string; declare function options(): https.RequestOptions; https.get(target(), () => {}); https.get(options(), () => {});',
      errors: [seen('http get import options@1{} none use()'), { messageId: 'request' }],
    },
    { code: 'import got from "got"; declare const config: { url: string }; got(config.url);', errors: [seen('got call import options@1{} default{}')] },
  ],
});

import rule from '../../rules/require-fetch-timeout';
import { typedRuleTester, untypedRuleTester } from '../rule-tester';

const SIGNAL = 'signal: AbortSignal.timeout(10000)';

/** One report with the suggestion that turns the code into `output`. */
function signal(output: string) {
  return { messageId: 'missingTimeout' as const, suggestions: [{ messageId: 'addSignal' as const, output }] };
}

function timeout(text: string, output: string) {
  return { messageId: 'missingTimeout' as const, suggestions: [{ messageId: 'addTimeout' as const, data: { text }, output }] };
}

/** A report that offers no suggestion (the options live elsewhere, or nothing can be chained). */
const KY_FIX = "`timeout: false` turns off ky's 10-second default: give it a number of milliseconds (`timeout: 30_000`)";
const reported = { messageId: 'missingTimeout' as const, suggestions: [] };

untypedRuleTester().run('require-fetch-timeout', rule, {
  valid: [
    // A local function whose object carries the signal, or whose body is more than one object.
    'const getOptions = () => ({ signal: AbortSignal.timeout(5000) });\nexport async function stats(id: string) { return fetch(`https://api.example.com/${id}`, getOptions()); }',
    'function getOptions(token: string) { const headers = { Authorization: token }; return { headers, signal: AbortSignal.timeout(5000) }; }\nexport async function stats(id: string, token: string) { return fetch(`https://api.example.com/${id}`, getOptions(token)); }',
    // --- Tests: the runner's timeout bounds them, and they serve no traffic.
    { code: 'import axios from "axios"; it("answers", async () => { await axios.get("/"); });', filename: 'e2e/src/server/server.spec.ts' },
    { code: 'fetch("http://localhost:3000/health");', filename: 'health.test.ts' },
    { code: 'import { describe, it } from "vitest"; describe("api", () => { it("lists", async () => { await fetch("http://localhost:3000/users"); }); });', filename: 'src/api.ts' },
    // A deadline one branch of a conditional spread sets counts, as one a caller passes does.
    'export async function call(ms?: number) { return fetch("https://api.example.com", { method: "POST", ...(ms ? { signal: AbortSignal.timeout(ms) } : { signal: AbortSignal.timeout(5000) }) }); }',
    'export async function call(ms?: number) { return fetch("https://api.example.com", { ...(ms !== undefined && { signal: AbortSignal.timeout(ms) }) }); }',
    // A spread of something unread leaves the options unknown: not reported.
    'export async function call(init?: RequestInit, extra?: RequestInit) { return fetch("https://api.example.com", { ...(init ? init : extra) }); }',
    // Data and blob URLs are read from memory: no server to wait on (Civitai's drawing editor).
    'export async function toBlob(canvas: { toDataURL(): string }) { return (await fetch(canvas.toDataURL())).blob(); }',
    'export async function read(blob: Blob) { return (await fetch(URL.createObjectURL(blob))).arrayBuffer(); }',
    'export async function pixel() { return (await fetch("data:image/png;base64,iVBORw0KGgo=")).blob(); }',
    // A path on the page's own origin: Node's fetch rejects it, only a browser resolves it (Linkwarden's client helpers).
    'export async function collection(id: number) { return (await fetch("/api/v1/public/collections/" + id)).json(); }',
    'export async function user(id: string) { return (await fetch(`/api/v1/users/${id}`, { method: "GET" })).json(); }',
    'export async function health() { return fetch("/health" as string); }',
    // …also held in a `const`, or chosen between two such paths (Sim's file downloads).
    'const CONFIRM_PATH = "/api/copilot/confirm"; export async function confirm(id: string) { return fetch(CONFIRM_PATH, { method: "POST", body: id }); }',
    'export async function download(key: string, isMarkdown: boolean) { const url = isMarkdown ? `/api/files/export/${key}` : `/api/files/serve/${key}`; return fetch(url, { cache: "no-store" }); }',
    // A helper that drives the page with what it fetched runs in a browser.
    "export async function download(url: string, name: string) { const blob = await (await fetch(url)).blob(); const link = document.createElement('a'); link.href = URL.createObjectURL(blob); link.download = name; link.click(); }",
    // --- Browser code of a full-stack app (a client store, a `'use client'` module): one user's page waits, not the server.
    `import { create } from 'zustand';
     export const useVersion = create(() => ({ latest: null, check: async () => (await fetch('https://api.example.com/version')).json() }));`,
    `'use client';
     export async function loadUsers() { return (await fetch('/api/users')).json(); }`,
    // A path without a host only resolves in a page (Documenso's put-file.ts), and so does the other fetch of the function.
    `export async function putFile(file: Blob) {
       const { url } = await (await fetch('/api/files/presigned-post-url', { method: 'POST' })).json();
       await fetch(url, { method: 'PUT', body: file });
     }`,
    "export const getToken = async (baseId: string) => (await fetch(`/plugin/api/getToken/${baseId}`)).json();",
    // --- Not outbound HTTP at all.
    // A file bundled with the code, read through fetch (Next.js's ImageResponse fonts, openstatus's OG images): no network.
    `export async function GET() {
       const font = await fetch(new URL('../../../public/fonts/RobotoMono-Regular.ttf', import.meta.url)).then((res) => res.arrayBuffer());
       const logo = await fetch(new URL(\`./logo.png\`, import.meta.url));
       return new Response(font.byteLength + String(logo.status));
     }`,
    'function fetch(url: string) { return url; } fetch("https://example.com");',
    'class Api { fetch(url: string) { return url; } load() { return this.fetch("/x"); } }',
    'declare const cache: { fetch(key: string): unknown }; cache.fetch("user:1");',
    'function run(fetch: (url: string) => Promise<unknown>) { return fetch("https://example.com"); }',
    'import fetch from "./fetch"; fetch("https://example.com");',
    'import express from "express"; const app = express(); const router = express.Router(); app.get("/x", () => {}); router.get("/y", () => {});',
    'const map = new Map<string, number>(); map.get("k");',
    'import axios from "axios"; export function isHttpError(e: unknown) { return axios.isAxiosError(e); }',
    'import http from "node:http"; http.createServer((req, res) => res.end()).listen(3000);',
    'const response = new Response("ok"); const request = new Request("https://example.com");',
    'import api from "./api"; api.get("/users");',
    // --- fetch with a signal, however it is made.
    'export async function f(url: string, signal: AbortSignal) { return fetch(url, { signal }); }',
    'fetch("https://example.com", { signal: AbortSignal.timeout(5000) });',
    'declare const controller: AbortController; fetch("https://example.com", { method: "POST", signal: controller.signal });',
    'declare const userSignal: AbortSignal; fetch("https://example.com", { signal: AbortSignal.any([userSignal, AbortSignal.timeout(5000)]) });',
    'globalThis.fetch("https://example.com", { signal: AbortSignal.timeout(5000) });',
    'const init = { signal: AbortSignal.timeout(5000) }; fetch("https://example.com", init);',
    'const req = new Request("https://example.com", { signal: AbortSignal.timeout(5000) }); fetch(req);',
    // --- Options we cannot see: a parameter, an import, a spread, a mutated object.
    'export function f(url: string, init: RequestInit) { return fetch(url, init); }',
    'import { defaults } from "./http"; fetch("https://example.com", defaults);',
    'export function f(url: string, init: RequestInit) { return fetch(url, { ...init, method: "POST" }); }',
    'declare const s: AbortSignal; const init: RequestInit = { method: "GET" }; init.signal = s; fetch("https://example.com", init);',
    'declare const s: AbortSignal; declare const key: string; const init: Record<string, unknown> = { method: "GET" }; init[key] = s; fetch("https://example.com", init);',
    'export function f(...args: Parameters<typeof fetch>) { return fetch(...args); }',
    // --- undici: signal, its own timeouts, or a dispatcher built with them.
    'import { request } from "undici"; request("https://example.com", { headersTimeout: 5000, bodyTimeout: 5000 });',
    'import { request, Agent } from "undici"; const dispatcher = new Agent({ headersTimeout: 5000, bodyTimeout: 5000 }); request("https://example.com", { dispatcher });',
    'import { fetch, Agent } from "undici"; fetch("https://example.com", { dispatcher: new Agent({ connect: { timeout: 1000 } }) });',
    'import { Agent } from "undici"; fetch("https://example.com", { dispatcher: new Agent({ bodyTimeout: 1000 }) });',
    'import { request } from "undici"; import { dispatcher } from "./http"; request("https://example.com", { dispatcher });',
    // A dispatcher handed out by a function of the file is judged as the const it returns; a function that may return
    // either of two dispatchers (one with timeouts) is unknown.
    'import { Agent } from "undici"; const dispatcher = new Agent({ headersTimeout: 5000, bodyTimeout: 5000 }); export const getDispatcher = () => dispatcher; export const r = fetch("https://example.com", { dispatcher: getDispatcher() });',
    'import { Agent } from "undici"; const bounded = new Agent({ headersTimeout: 5000, bodyTimeout: 5000 }); const plain = new Agent({ keepAliveTimeout: 10 }); function getDispatcher(bound: boolean) { return bound ? bounded : plain; } export const r = fetch("https://example.com", { dispatcher: getDispatcher(true) });',
    'import { Agent } from "undici"; const bounded = new Agent({ headersTimeout: 5000, bodyTimeout: 5000 }); const plain = new Agent({ keepAliveTimeout: 10 }); function getDispatcher(bound: boolean) { if (bound) return bounded; return plain; } export const r = fetch("https://example.com", { dispatcher: getDispatcher(true) });',
    'import { setGlobalDispatcher, Agent, request } from "undici"; setGlobalDispatcher(new Agent({ headersTimeout: 5000 })); request("https://example.com"); fetch("https://example.com");',
    'const { stream } = require("undici"); stream("https://example.com", { signal: AbortSignal.timeout(1000) }, () => sink);',
    // --- node-fetch (v2 has its own timeout option) and ofetch.
    'import fetch from "node-fetch"; fetch("https://example.com", { timeout: 5000 });',
    'import { fetch } from "@whatwg-node/fetch"; export const ping = () => fetch("https://example.com", { signal: AbortSignal.timeout(5000) });',
    'import { ofetch } from "ofetch"; ofetch("/api", { timeout: 5000 });',
    // `.raw` sends the same request and resolves to the whole response; options it cannot see may bound it.
    'import { ofetch } from "ofetch"; export const send = (url: string) => ofetch.raw(url, { method: "POST", signal: AbortSignal.timeout(5000) });',
    'import { ofetch } from "ofetch"; export const send = async ({ url, ...options }: { url: string; [key: string]: unknown }) => ofetch.raw(url, { ...options, ignoreResponseError: true });',
    // --- better-fetch: a timeout or signal per request, or a timeout on the createFetch instance.
    'import { betterFetch } from "@better-fetch/fetch"; betterFetch("https://api.example.com/users", { timeout: 5000 });',
    'import { betterFetch } from "@better-fetch/fetch"; export const f = (url: string) => betterFetch(url, { method: "POST", body: {}, signal: AbortSignal.timeout(5000) });',
    'import { createFetch } from "@better-fetch/fetch"; const $fetch = createFetch({ baseURL: "https://api.example.com", timeout: 5000 }); $fetch("/users"); $fetch("/users", { method: "POST", body: {} });',
    'import { createFetch } from "@better-fetch/fetch"; class Rates { fetch; constructor() { this.fetch = createFetch({ baseURL: "https://api.example.com", timeout: 5000 }); } load() { return this.fetch("/rates"); } }',
    // A plugin, a hook or a custom fetch may bound it; a config or options the code does not show.
    'import { createFetch } from "@better-fetch/fetch"; import { timeoutPlugin } from "./plugins"; const $fetch = createFetch({ baseURL: "https://api.example.com", plugins: [timeoutPlugin] }); $fetch("/users");',
    'import { betterFetch } from "@better-fetch/fetch"; import { timedFetch } from "./http"; betterFetch("https://api.example.com/users", { customFetchImpl: timedFetch });',
    'import { createFetch } from "@better-fetch/fetch"; import { config } from "./http"; const $fetch = createFetch(config); $fetch("/users");',
    'import { betterFetch } from "@better-fetch/fetch"; export function f(url: string, options: object) { return betterFetch(url, options); }',
    // Look-alikes: a function of this file, a module of the project, another package's createFetch.
    'async function betterFetch(url: string) { return url; } betterFetch("https://api.example.com");',
    'import { betterFetch } from "./fetch"; betterFetch("https://api.example.com");',
    'import { createFetch } from "./fetch"; const $fetch = createFetch({ baseURL: "https://api.example.com" }); $fetch("/users");',
    // --- axios: per request, on the instance, or on the module's defaults.
    'import axios from "axios"; axios.get("/x", { timeout: 5000 }); axios.post("/x", {}, { signal: AbortSignal.timeout(1) }); axios({ url: "/x", timeout: 1 }); axios("/x", { timeout: 1 }); axios.request({ url: "/x", timeout: 1 });',
    'import axios from "axios"; axios.create({ timeout: 5000 }).get("/x");',
    // A config declared bare and assigned before the call: its one value has a timeout; assigned twice, it is unknown.
    'import axios from "axios"; export async function posts(url: string) { let config: object; try { config = { url, timeout: 5000 }; return (await axios(config)).data; } catch (e) { throw e; } }',
    'import axios from "axios"; export async function posts(url: string, fast: boolean) { let config; config = { url }; if (fast) config = { url, timeout: 100 }; return axios(config); }',
    'import axios from "axios"; const api = axios.create({ baseURL: "https://api.example.com" }); api.defaults.timeout = 5000; api.get("/users");',
    'import axios from "axios"; const config = { baseURL: "https://api.example.com", timeout: 5000 }; const api = axios.create(config); api.get("/users");',
    'import axios from "axios"; axios.defaults.timeout = 5000; axios.get("/users");',
    'import axios from "axios"; axios.defaults.timeout = 5000; const api = axios.create({ baseURL: "x" }); api.get("/users");',
    'import axios from "axios"; const base = axios.create({ timeout: 1000 }); const users = base.create({ baseURL: "/users" }); users.get("/1");',
    'import axios from "axios"; const api = axios.create(); api.interceptors.request.use((config) => ({ ...config, timeout: 1000 })); api.get("/x");',
    'import axios from "axios"; import { withDefaults } from "./http"; const api = axios.create(); api.interceptors.request.use((config) => withDefaults(config)); api.get("/x");',
    'import axios from "axios"; axios.interceptors.request.use((config) => { if (!config.timeout) config.timeout = 5000; return config; }); axios.get("/x");',
    'import axios from "axios"; import { httpConfig } from "./config"; const api = axios.create(httpConfig); api.get("/x");',
    'import axios from "axios"; export function f(config: object) { return axios.get("/x", config); }',
    'import axios from "axios"; class UserClient { private readonly http = axios.create({ baseURL: "/users", timeout: 5000 }); load(id: string) { return this.http.get(`/${id}`); } }',
    'import axios from "axios"; class UserClient { private http; constructor() { this.http = axios.create({ timeout: 5000 }); } load() { return this.http.get("/x"); } }',
    'import axios from "axios"; class UserClient { http = axios.create(); setHttp(client: any) { this.http = client; } load() { return this.http.get("/x"); } }',
    // An instance handed out by a function of the file (see the invalid Postiz cases): one with a timeout is fine;
    // a new instance per call, different instances on different paths, something unknown or a function that is
    // reassigned leave the instance unknown.
    'import axios from "axios"; const api = axios.create({ timeout: 5000 }); export const getApi = () => api; export const r = getApi().get("/users");',
    'import axios from "axios"; const api = axios.create({ baseURL: "x" }); api.defaults.timeout = 5000; export function getApi() { return api; } export const r = getApi().post("/users", {});',
    'import axios from "axios"; export const makeApi = () => axios.create({ timeout: 5000 }); export const r = makeApi().get("/users");',
    'import axios from "axios"; export function makeApi() { const api = axios.create({ baseURL: "x" }); api.defaults.timeout = 5000; return api; } export const r = makeApi().get("/users");',
    'import axios from "axios"; const bounded = axios.create({ timeout: 5000 }); const plain = axios.create({ baseURL: "x" }); function getApi(fast: boolean) { if (fast) return bounded; return plain; } export const r = getApi(true).get("/users");',
    'import axios from "axios"; import { shared } from "./http"; const plain = axios.create({ baseURL: "x" }); function getApi() { return process.env.SHARED ? shared : plain; } export const r = getApi().get("/users");',
    'import axios from "axios"; import { shared } from "./http"; const plain = axios.create({ baseURL: "x" }); function getApi() { if (process.env.SHARED) return shared; return plain; } export const r = getApi().get("/users");',
    'import axios from "axios"; const bounded = axios.create({ timeout: 5000 }); const plain = axios.create({ baseURL: "x" }); let getApi = () => plain; export function useBounded() { getApi = () => bounded; } export const r = getApi().get("/users");',
    // --- got: a timeout per request or from got.extend.
    'import got from "got"; got("https://example.com", { timeout: { request: 5000 } }); got.post("https://example.com", { signal: AbortSignal.timeout(1) }); got.stream("https://example.com", { timeout: { response: 1 } });',
    'import got from "got"; const client = got.extend({ timeout: { request: 1000 } }); await client.get("https://example.com"); await client("https://example.com");',
    'import got from "got"; const client = got.extend({ timeout: { request: 1000 } }).extend({ prefixUrl: "https://example.com" }); await client.get("users");',
    'import got from "got"; import { base } from "./http"; const client = got.extend(base); await client.get("https://example.com");',
    'import got from "got"; export function f(options: object) { return got(options); }',
    // --- http(s): timeout or signal in the options, setTimeout on the request, or a timed agent.
    'import https from "node:https"; https.get("https://example.com", (res) => res.resume()).setTimeout(3000);',
    'import https from "https"; const req = https.request("https://example.com", (res) => res.resume()); req.setTimeout(5000, () => req.destroy()); req.end();',
    'import http from "http"; http.request({ host: "example.com", path: "/", timeout: 5000 }, () => {}).end();',
    'import { get } from "node:http"; get("http://example.com", { signal: AbortSignal.timeout(1000) }, () => {});',
    'import https from "https"; const agent = new https.Agent({ keepAlive: true, timeout: 5000 }); https.get("https://example.com", { agent }, () => {});',
    'import https from "https"; import { agent } from "./agents"; https.get("https://example.com", { agent }, () => {});',
    'import https from "https"; export function f(options: https.RequestOptions) { return https.get(options, () => {}); }',
    'import https from "https"; const req = https.get("https://example.com", () => {}); const timer = setTimeout(() => req.destroy(), 5000);',
    // --- superagent: .timeout() in the chain, on the variable, or on the agent.
    'import request from "superagent"; export async function f() { return await request.get("https://example.com").timeout(5000); }',
    'import request from "superagent"; export async function f() { const req = request.post("https://example.com").send({}); req.timeout({ response: 1000, deadline: 5000 }); return await req; }',
    'import request from "superagent"; const agent = request.agent().timeout(5000); export const f = async () => agent.get("https://example.com");',
    'import superagent from "superagent"; import withTimeout from "./with-timeout"; export const f = async () => superagent.get("https://example.com").use(withTimeout);',
    // A wrapper's options come from its callers: one of them passes a signal, the function is exported (other files may
    // pass one), or it is handed on as a value.
    'async function get(url: string, init?: RequestInit) { return fetch(url, init); }\nexport const a = () => get("https://a.example.com"); export const b = () => get("https://b.example.com", { signal: AbortSignal.timeout(5000) });',
    'export async function get(url: string, init?: RequestInit) { return fetch(url, init); }\nexport const a = () => get("https://a.example.com");',
    'const get = async (url: string, init?: RequestInit) => fetch(url, { ...init, keepalive: true });\nexport const a = () => get("https://a.example.com"); export const handlers = [get];',
    'export class Client { async request(path: string, options: RequestInit = {}) { return fetch(`https://api.example.com${path}`, { ...options }); } async search() { return this.request("/search", { method: "POST" }); } }',
    // A private static wrapper whose every caller (as `ClassName.name` or `this.name`) passes a deadline.
    'export class OidcClient { private static async send(url: string, options: RequestInit) { return fetch(url, { ...options }); } static async discover() { return OidcClient.send("https://id.example.com/.well-known", { signal: AbortSignal.timeout(5000) }); } static async token() { return this.send("https://id.example.com/token", { method: "POST", signal: AbortSignal.timeout(5000) }); } }',
    // A builder returned to the caller, who may still set a timeout.
    'import request from "superagent"; export function build() { return request.get("https://example.com").set("Accept", "application/json"); }',
    // --- ky times out after 10 s by default.
    'import ky from "ky"; await ky.get("https://example.com").json(); await ky("https://example.com"); const api = ky.create({ prefixUrl: "x" }); await api.get("y");',
    // …and `timeout: false` is bounded by a signal, or overridden by the request.
    'import ky from "ky"; export const a = () => ky.get("https://example.com", { timeout: false, signal: AbortSignal.timeout(60_000) }); const api = ky.create({ timeout: false }); export const b = () => api.get("https://example.com", { timeout: 30_000 });',
    // Options this file does not show may bound it.
    'import ky from "ky"; export const get = (options: object) => ky.get("https://example.com", { timeout: false, ...options });',
  ],
  invalid: [
    // An interceptor that visibly sets other options only, in place: the requests still have no deadline (Jellyseerr's proxy agents).
    {
      code: 'import axios from "axios"; import { Agent } from "node:https"; const agent = new Agent({ keepAlive: true }); axios.interceptors.request.use((config) => { config.httpsAgent = agent; config.headers.Authorization = "token"; return config; }); export async function fetchImage(url: string) { return axios.get(url); }',
      errors: [timeout('timeout: 10000', 'import axios from "axios"; import { Agent } from "node:https"; const agent = new Agent({ keepAlive: true }); axios.interceptors.request.use((config) => { config.httpsAgent = agent; config.headers.Authorization = "token"; return config; }); export async function fetchImage(url: string) { return axios.get(url, { timeout: 10000 }); }')],
    },
    // ky's `timeout: false` turns its default off (Typebot's ElevenLabs and WhatsApp media calls), on the request or its instance.
    {
      code: 'import ky from "ky"; export async function speak(body: object) { return ky.post("https://api.elevenlabs.io/v1/text-to-speech", { json: body, timeout: false }).arrayBuffer(); }',
      errors: [{ messageId: 'missingTimeout', data: { callee: 'ky.post', fix: KY_FIX } }],
    },
    {
      code: 'import ky from "ky"; const api = ky.create({ prefixUrl: "https://graph.facebook.com", timeout: false }); export async function upload(id: string) { return api.post(`${id}/media`).json(); }',
      errors: [{ messageId: 'missingTimeout', data: { callee: 'api.post', fix: KY_FIX } }],
    },
    // Options whose body or headers are set later still carry no deadline (erxes's payment clients).
    {
      code: 'export async function request(url: string, data?: object) { const options: RequestInit & { headers: Record<string, string> } = { method: "POST", headers: {} }; if (data) { options.body = JSON.stringify(data); options.headers["Content-Type"] = "application/json"; } return fetch(url, options); }',
      errors: [reported],
    },
    // A URL that starts with a variable, a protocol, or an origin: a server may well send it.
    {
      code: 'export async function get(base: string, id: number) { return fetch(base + "/api/items/" + id); }',
      errors: [signal('export async function get(base: string, id: number) { return fetch(base + "/api/items/" + id, { ' + SIGNAL + ' }); }')],
    },
    // A path on one side only, or a variable that may hold any URL.
    {
      code: 'export async function get(key: string, external: boolean) { const url = external ? `https://cdn.example.com/${key}` : `/api/files/${key}`; return fetch(url); }',
      errors: [signal('export async function get(key: string, external: boolean) { const url = external ? `https://cdn.example.com/${key}` : `/api/files/${key}`; return fetch(url, { ' + SIGNAL + ' }); }')],
    },
    {
      code: 'export async function get(origin: string) { return fetch(`${origin}/api/items`); }',
      errors: [signal('export async function get(origin: string) { return fetch(`${origin}/api/items`, { ' + SIGNAL + ' }); }')],
    },
    {
      code: 'import axios from "axios"; export async function get() { return axios.get("/api/items"); }',
      errors: [timeout('timeout: 10000', 'import axios from "axios"; export async function get() { return axios.get("/api/items", { timeout: 10000 }); }')],
    },
    // Options a local function builds (Postiz's Dub and Kutt short-linkers: `fetch(url, getOptions())`).
    {
      code: 'const getOptions = () => ({ headers: { Authorization: `Bearer ${process.env.DUB_TOKEN}` } });\nexport async function shorten(url: string) { return fetch("https://api.dub.co/links", { ...getOptions(), method: "POST", body: url }); }\nexport async function stats(id: string) { return fetch(`https://api.dub.co/links/${id}`, getOptions()); }',
      errors: [
        signal('const getOptions = () => ({ headers: { Authorization: `Bearer ${process.env.DUB_TOKEN}` } });\nexport async function shorten(url: string) { return fetch("https://api.dub.co/links", { ...getOptions(), method: "POST", body: url, ' + SIGNAL + ' }); }\nexport async function stats(id: string) { return fetch(`https://api.dub.co/links/${id}`, getOptions()); }'),
        // No edit of the function, which other code may call: only the report.
        reported,
      ],
    },
    {
      code: 'import axios from "axios"; export async function posts(url: string) { let config: object; try { config = { url, params: { limit: 100 } }; return (await axios(config)).data; } catch (e) { throw e; } }',
      errors: [reported],
    },
    // Options a browser acts on say nothing of where the code runs: server code sends `credentials: 'include'` too
    // (Payload's external file fetch, copied from page code).
    {
      code: 'export async function getExternalFile(url: string) { return fetch(url, { credentials: "include", method: "GET" }); }',
      errors: [signal(`export async function getExternalFile(url: string) { return fetch(url, { credentials: "include", method: "GET", ${SIGNAL} }); }`)],
    },
    // A wrapper only this file calls, and none of its calls passes a signal (Refly's translate and Perplexity clients).
    {
      code: 'const fetchWithRetry = async (url: string, options?: RequestInit) => fetch(url, options);\nexport async function detect(text: string) { return fetchWithRetry(`https://translate.example.com/?q=${text}`); }',
      errors: [reported],
    },
    // …and one whose callers pass none (AFFiNE's OIDC discovery, token and user-info calls).
    {
      code: 'export class OidcClient { private static async send(url: string, options: RequestInit) { return fetch(url, { ...options }); } static async discover() { return OidcClient.send("https://id.example.com/.well-known", { method: "GET" }); } }',
      errors: [signal(`export class OidcClient { private static async send(url: string, options: RequestInit) { return fetch(url, { ...options, ${SIGNAL} }); } static async discover() { return OidcClient.send("https://id.example.com/.well-known", { method: "GET" }); } }`)],
    },
    {
      code: 'export class PerplexityClient { private async request(endpoint: string, options: RequestInit = {}) { return fetch(`https://api.example.com${endpoint}`, { ...options, headers: { ...options.headers } }); } async search(body: unknown) { return this.request("/search", { method: "POST", body: JSON.stringify(body) }); } }',
      errors: [signal(`export class PerplexityClient { private async request(endpoint: string, options: RequestInit = {}) { return fetch(\`https://api.example.com\${endpoint}\`, { ...options, headers: { ...options.headers }, ${SIGNAL} }); } async search(body: unknown) { return this.request("/search", { method: "POST", body: JSON.stringify(body) }); } }`)],
    },
    // A host in the URL, even a protocol-relative one or one built from a variable: server code can send that.
    {
      code: "export const load = async (base: string) => (await fetch(`${base}/api/users`)).json();",
      errors: [signal("export const load = async (base: string) => (await fetch(`${base}/api/users`, { SIGNAL })).json();".replace('SIGNAL', SIGNAL))],
    },
    // --- fetch
    // The same file's other functions stay server code.
    {
      code: "export function reload() { window.location.reload(); }\nexport async function ping(url: string) { return fetch(url); }",
      errors: [signal(`export function reload() { window.location.reload(); }\nexport async function ping(url: string) { return fetch(url, { ${SIGNAL} }); }`)],
    },
    // A URL with a scheme or a host is a request, whatever base it is resolved against; so is a path the code does not show.
    {
      code: "export const data = fetch(new URL('https://api.example.com/data', import.meta.url));",
      errors: [signal(`export const data = fetch(new URL('https://api.example.com/data', import.meta.url), { ${SIGNAL} });`)],
    },
    {
      code: "export const font = fetch(new URL('//cdn.example.com/font.ttf', import.meta.url));",
      errors: [signal(`export const font = fetch(new URL('//cdn.example.com/font.ttf', import.meta.url), { ${SIGNAL} });`)],
    },
    {
      code: 'export const load = (path: string) => fetch(new URL(path, import.meta.url));',
      errors: [signal(`export const load = (path: string) => fetch(new URL(path, import.meta.url), { ${SIGNAL} });`)],
    },
    {
      code: 'export async function load(url: string) { return fetch(url); }',
      errors: [signal(`export async function load(url: string) { return fetch(url, { ${SIGNAL} }); }`)],
    },
    {
      code: 'await fetch("https://example.com/users", { method: "POST", body: "{}" });',
      errors: [signal(`await fetch("https://example.com/users", { method: "POST", body: "{}", ${SIGNAL} });`)],
    },
    {
      code: 'await fetch("https://example.com", {\n  method: "POST",\n  headers: {},\n});',
      errors: [signal(`await fetch("https://example.com", {\n  method: "POST",\n  headers: {},\n  ${SIGNAL},\n});`)],
    },
    {
      code: 'await fetch("https://example.com", {});',
      errors: [signal(`await fetch("https://example.com", { ${SIGNAL} });`)],
    },
    {
      code: 'globalThis.fetch("https://example.com");',
      errors: [signal(`globalThis.fetch("https://example.com", { ${SIGNAL} });`)],
    },
    {
      code: 'fetch("https://example.com", { signal: undefined });',
      errors: [signal(`fetch("https://example.com", { signal: undefined, ${SIGNAL} });`)],
    },
    // A readable const without a signal: reported, but the fix belongs at the call, not in the shared object.
    { code: 'const init = { method: "GET" }; fetch("https://example.com", init);', errors: [reported] },
    {
      code: 'const base = { headers: { accept: "application/json" } }; fetch("https://example.com", { ...base, method: "POST" });',
      errors: [signal(`const base = { headers: { accept: "application/json" } }; fetch("https://example.com", { ...base, method: "POST", ${SIGNAL} });`)],
    },
    // A conditional spread adds the properties of either branch (Inbox Zero's Telegram client).
    {
      code: 'export async function call(body?: string) { return fetch("https://api.telegram.org/bot/send", { method: "POST", ...(body ? { body } : {}) }); }',
      errors: [signal(`export async function call(body?: string) { return fetch("https://api.telegram.org/bot/send", { method: "POST", ...(body ? { body } : {}), ${SIGNAL} }); }`)],
    },
    {
      code: 'export async function call(token?: string) { return fetch("https://api.example.com", { ...(token && { headers: { authorization: token } }) }); }',
      errors: [signal(`export async function call(token?: string) { return fetch("https://api.example.com", { ...(token && { headers: { authorization: token } }), ${SIGNAL} }); }`)],
    },
    {
      code: 'const req = new Request("https://example.com", { method: "POST" }); fetch(req);',
      errors: [signal(`const req = new Request("https://example.com", { method: "POST" }); fetch(req, { ${SIGNAL} });`)],
    },
    // --- The Guild's fetch ponyfill (GraphQL Yoga servers, Parabol's).
    {
      code: 'import { fetch } from "@whatwg-node/fetch"; export const ping = () => fetch("https://example.com");',
      errors: [signal(`import { fetch } from "@whatwg-node/fetch"; export const ping = () => fetch("https://example.com", { ${SIGNAL} });`)],
    },
    // --- node-fetch and undici
    {
      code: 'import fetch from "node-fetch"; fetch("https://example.com");',
      errors: [signal(`import fetch from "node-fetch"; fetch("https://example.com", { ${SIGNAL} });`)],
    },
    {
      code: 'import { request } from "undici"; const { body } = await request("https://example.com");',
      errors: [signal(`import { request } from "undici"; const { body } = await request("https://example.com", { ${SIGNAL} });`)],
    },
    {
      code: 'import { fetch as undiciFetch } from "undici"; undiciFetch("https://example.com", { method: "GET" });',
      errors: [signal(`import { fetch as undiciFetch } from "undici"; undiciFetch("https://example.com", { method: "GET", ${SIGNAL} });`)],
    },
    {
      code: 'import { request, Agent } from "undici"; const agent = new Agent({ keepAliveTimeout: 10 }); request("https://example.com", { dispatcher: agent });',
      errors: [signal(`import { request, Agent } from "undici"; const agent = new Agent({ keepAliveTimeout: 10 }); request("https://example.com", { dispatcher: agent, ${SIGNAL} });`)],
    },
    // Postiz's SSRF-safe dispatcher: a connector without timeouts, held in a const or handed out by a function, reads the same.
    {
      code: 'import { Agent } from "undici"; declare function safeLookup(): void; const dispatcher = new Agent({ connect: { lookup: safeLookup } }); export async function load(url: string) { return fetch(url, { dispatcher }); }',
      errors: [signal(`import { Agent } from "undici"; declare function safeLookup(): void; const dispatcher = new Agent({ connect: { lookup: safeLookup } }); export async function load(url: string) { return fetch(url, { dispatcher, ${SIGNAL} }); }`)],
    },
    {
      code: 'import { Agent } from "undici"; declare function safeLookup(): void; const dispatcher = new Agent({ connect: { lookup: safeLookup } }); export function getSsrfSafeDispatcher() { return dispatcher; } export async function load(url: string) { return fetch(url, { dispatcher: getSsrfSafeDispatcher() }); }',
      errors: [signal(`import { Agent } from "undici"; declare function safeLookup(): void; const dispatcher = new Agent({ connect: { lookup: safeLookup } }); export function getSsrfSafeDispatcher() { return dispatcher; } export async function load(url: string) { return fetch(url, { dispatcher: getSsrfSafeDispatcher(), ${SIGNAL} }); }`)],
    },
    {
      code: 'import { request, Agent } from "undici"; const agent = new Agent({ keepAliveTimeout: 10 }); const getAgent = function () { return agent as Agent; }; request("https://example.com", { dispatcher: getAgent() });',
      errors: [signal(`import { request, Agent } from "undici"; const agent = new Agent({ keepAliveTimeout: 10 }); const getAgent = function () { return agent as Agent; }; request("https://example.com", { dispatcher: getAgent(), ${SIGNAL} });`)],
    },
    {
      code: 'import { setGlobalDispatcher, ProxyAgent } from "undici"; setGlobalDispatcher(new ProxyAgent("http://proxy:8080")); fetch("https://example.com");',
      errors: [signal(`import { setGlobalDispatcher, ProxyAgent } from "undici"; setGlobalDispatcher(new ProxyAgent("http://proxy:8080")); fetch("https://example.com", { ${SIGNAL} });`)],
    },
    {
      code: 'import { ofetch } from "ofetch"; ofetch("/api/users");',
      errors: [timeout('timeout: 10000', 'import { ofetch } from "ofetch"; ofetch("/api/users", { timeout: 10000 });')],
    },
    // An upload streamed from disk: reported, with no whole-request deadline offered (it could cut a large file off).
    {
      code: 'import fs from "node:fs"; export function upload(url: string, file: string) { return fetch(url, { method: "PUT", body: fs.createReadStream(file), duplex: "half" }); }',
      errors: [reported],
    },
    {
      code: 'import fs from "node:fs"; import axios from "axios"; export function upload(url: string, file: string) { const stream = fs.createReadStream(file); return axios.put(url, stream, { headers: { "Content-Type": "image/png" } }); }',
      errors: [reported],
    },
    {
      code: 'import { $fetch } from "ofetch"; export const ping = (url: string) => $fetch.raw(url, { method: "HEAD" });',
      errors: [timeout('timeout: 10000', 'import { $fetch } from "ofetch"; export const ping = (url: string) => $fetch.raw(url, { method: "HEAD", timeout: 10000 });')],
    },
    // --- better-fetch (Better Auth's providers call betterFetch without a timeout)
    {
      code: 'import { betterFetch } from "@better-fetch/fetch";\nexport async function getUserInfo(token: string) { const { data } = await betterFetch("https://kapi.kakao.com/v2/user/me", { headers: { Authorization: `Bearer ${token}` } }); return data; }',
      errors: [
        {
          ...timeout('timeout: 10000', 'import { betterFetch } from "@better-fetch/fetch";\nexport async function getUserInfo(token: string) { const { data } = await betterFetch("https://kapi.kakao.com/v2/user/me", { headers: { Authorization: `Bearer ${token}` }, timeout: 10000 }); return data; }'),
          data: { callee: 'betterFetch', fix: 'Pass `timeout: ms` in its options or in `createFetch({ timeout })`' },
        },
      ],
    },
    {
      code: 'import { betterFetch as fetch } from "@better-fetch/fetch"; export const emotes = () => fetch("https://api.betterttv.net/3/cached/emotes/global");',
      errors: [timeout('timeout: 10000', 'import { betterFetch as fetch } from "@better-fetch/fetch"; export const emotes = () => fetch("https://api.betterttv.net/3/cached/emotes/global", { timeout: 10000 });')],
    },
    {
      code: 'const { betterFetch } = require("@better-fetch/fetch"); betterFetch("https://api.example.com/users");',
      errors: [timeout('timeout: 10000', 'const { betterFetch } = require("@better-fetch/fetch"); betterFetch("https://api.example.com/users", { timeout: 10000 });')],
    },
    {
      code: 'import { createFetch } from "@better-fetch/fetch"; const $fetch = createFetch({ baseURL: "https://api.example.com", retry: 3 }); $fetch("/orders", { method: "POST", body: {} });',
      errors: [timeout('timeout: 10000', 'import { createFetch } from "@better-fetch/fetch"; const $fetch = createFetch({ baseURL: "https://api.example.com", retry: 3 }); $fetch("/orders", { method: "POST", body: {}, timeout: 10000 });')],
    },
    {
      // An instance in a class field (a payment adapter's client).
      code: 'import { createFetch } from "@better-fetch/fetch"; class Paycrest { fetch; constructor() { this.fetch = createFetch({ baseURL: "https://api.paycrest.io/v2", headers: { "content-type": "application/json" } }); } rates() { return this.fetch("/rates"); } }',
      errors: [timeout('timeout: 10000', 'import { createFetch } from "@better-fetch/fetch"; class Paycrest { fetch; constructor() { this.fetch = createFetch({ baseURL: "https://api.paycrest.io/v2", headers: { "content-type": "application/json" } }); } rates() { return this.fetch("/rates", { timeout: 10000 }); } }')],
    },
    // --- axios
    {
      code: 'import axios from "axios"; axios.get("/users");',
      errors: [timeout('timeout: 10000', 'import axios from "axios"; axios.get("/users", { timeout: 10000 });')],
    },
    {
      code: 'import axios from "axios"; axios.post("/users", body); axios.put("/users/1");',
      errors: [
        timeout('timeout: 10000', 'import axios from "axios"; axios.post("/users", body, { timeout: 10000 }); axios.put("/users/1");'),
        timeout('timeout: 10000', 'import axios from "axios"; axios.post("/users", body); axios.put("/users/1", undefined, { timeout: 10000 });'),
      ],
    },
    // The message quotes a callee split over lines as one line (Novu's webhook call).
    {
      code: 'import axios from "axios";\nconst config = { headers: {} };\nexport const send = (url: string) => axios\n  .post(url, {}, config)\n  .then((response) => response.data);',
      errors: [{ ...reported, data: { callee: 'axios.post', fix: 'Set `timeout` in its config or in `axios.create({ timeout })`' } }],
    },
    // Too long to quote: the client and its method (Teable's proxy picks `http` or `https` per request).
    {
      code: 'import http from "http"; import https from "https"; export function proxy(protocol: string) { const options = { hostname: "api.example.com", method: "POST" }; return (protocol === "https" ? https : http).request(options, (res) => res.resume()); }',
      errors: [{ ...reported, data: { callee: 'http.request', fix: 'Pass `signal: AbortSignal.timeout(ms)` in its options, or call `req.setTimeout(ms)` and destroy the request on timeout' } }],
    },
    {
      code: 'import axios from "axios"; axios({ url: "/users", method: "get" });',
      errors: [timeout('timeout: 10000', 'import axios from "axios"; axios({ url: "/users", method: "get", timeout: 10000 });')],
    },
    {
      code: 'const axios = require("axios"); axios.delete("/users/1", { headers: {} });',
      errors: [timeout('timeout: 10000', 'const axios = require("axios"); axios.delete("/users/1", { headers: {}, timeout: 10000 });')],
    },
    {
      code: 'import axios from "axios"; const api = axios.create({ baseURL: "https://api.example.com" }); api.get("/users"); api.post("/users", {});',
      errors: [
        timeout('timeout: 10000', 'import axios from "axios"; const api = axios.create({ baseURL: "https://api.example.com" }); api.get("/users", { timeout: 10000 }); api.post("/users", {});'),
        timeout('timeout: 10000', 'import axios from "axios"; const api = axios.create({ baseURL: "https://api.example.com" }); api.get("/users"); api.post("/users", {}, { timeout: 10000 });'),
      ],
    },
    // An instance handed out by a function of the file (Postiz's getSsrfSafeAxios) is the const it returns.
    {
      code: 'import axios from "axios"; const safeAxios = axios.create({ maxRedirects: 0 }); export const getSsrfSafeAxios = () => safeAxios; export async function send(url: string, body: unknown) { return getSsrfSafeAxios().post(url, body); }',
      errors: [timeout('timeout: 10000', 'import axios from "axios"; const safeAxios = axios.create({ maxRedirects: 0 }); export const getSsrfSafeAxios = () => safeAxios; export async function send(url: string, body: unknown) { return getSsrfSafeAxios().post(url, body, { timeout: 10000 }); }')],
    },
    {
      code: 'import axios from "axios"; const api = axios.create({ baseURL: "https://api.example.com" }); export function getApi() { if (!process.env.API_ENABLED) return undefined; return api; } export const r = getApi()?.get("/users");',
      errors: [timeout('timeout: 10000', 'import axios from "axios"; const api = axios.create({ baseURL: "https://api.example.com" }); export function getApi() { if (!process.env.API_ENABLED) return undefined; return api; } export const r = getApi()?.get("/users", { timeout: 10000 });')],
    },
    {
      code: 'import got from "got"; const client = got.extend({ prefixUrl: "https://api.example.com" }); function getClient() { return client; } export const r = getClient().get("users");',
      errors: [timeout('timeout: { request: 10000 }', 'import got from "got"; const client = got.extend({ prefixUrl: "https://api.example.com" }); function getClient() { return client; } export const r = getClient().get("users", { timeout: { request: 10000 } });')],
    },
    {
      code: 'import axios from "axios"; const config = { headers: {} }; axios.get("/users", config);',
      errors: [reported],
    },
    {
      code: 'import axios from "axios"; class UserClient { private readonly http = axios.create({ baseURL: "/users" }); load(id: string) { return this.http.get(id); } }',
      errors: [timeout('timeout: 10000', 'import axios from "axios"; class UserClient { private readonly http = axios.create({ baseURL: "/users" }); load(id: string) { return this.http.get(id, { timeout: 10000 }); } }')],
    },
    // --- got
    {
      code: 'import got from "got"; export const f = (url: string) => got(url).json();',
      errors: [timeout('timeout: { request: 10000 }', 'import got from "got"; export const f = (url: string) => got(url, { timeout: { request: 10000 } }).json();')],
    },
    {
      code: 'import got from "got"; got.post("https://example.com", { json: {} });',
      errors: [timeout('timeout: { request: 10000 }', 'import got from "got"; got.post("https://example.com", { json: {}, timeout: { request: 10000 } });')],
    },
    {
      code: 'import got from "got"; got.stream("https://example.com/file").pipe(out);',
      errors: [timeout('timeout: { request: 10000 }', 'import got from "got"; got.stream("https://example.com/file", { timeout: { request: 10000 } }).pipe(out);')],
    },
    {
      code: 'import got from "got"; const client = got.extend({ prefixUrl: "https://example.com" }); client.get("users");',
      errors: [timeout('timeout: { request: 10000 }', 'import got from "got"; const client = got.extend({ prefixUrl: "https://example.com" }); client.get("users", { timeout: { request: 10000 } });')],
    },
    // --- http(s)
    {
      code: 'import https from "node:https"; https.get("https://example.com", (res) => res.resume());',
      errors: [signal(`import https from "node:https"; https.get("https://example.com", { ${SIGNAL} }, (res) => res.resume());`)],
    },
    {
      code: 'const { request } = require("http"); const req = request({ host: "example.com", path: "/" }, () => {}); req.end();',
      errors: [signal(`const { request } = require("http"); const req = request({ host: "example.com", path: "/", ${SIGNAL} }, () => {}); req.end();`)],
    },
    {
      code: 'import https from "https"; https.get("https://example.com", { agent: new https.Agent({ keepAlive: true }) }, () => {});',
      errors: [signal(`import https from "https"; https.get("https://example.com", { agent: new https.Agent({ keepAlive: true }), ${SIGNAL} }, () => {});`)],
    },
    // --- superagent
    {
      code: 'import request from "superagent"; export async function f() { return await request.get("https://example.com").set("Accept", "json"); }',
      errors: [timeout('.timeout(10000)', 'import request from "superagent"; export async function f() { return await request.get("https://example.com").timeout(10000).set("Accept", "json"); }')],
    },
    {
      code: 'import superagent from "superagent"; superagent.post("https://example.com").send({}).end(() => {});',
      errors: [timeout('.timeout(10000)', 'import superagent from "superagent"; superagent.post("https://example.com").timeout(10000).send({}).end(() => {});')],
    },
    { code: 'import request from "superagent"; request.get("https://example.com", (err, res) => {});', errors: [reported] },
    {
      code: 'import request from "superagent"; const agent = request.agent(); export const f = async () => agent.get("https://example.com");',
      errors: [timeout('.timeout(10000)', 'import request from "superagent"; const agent = request.agent(); export const f = async () => agent.get("https://example.com").timeout(10000);')],
    },
    // --- the option sets what suggestions insert
    {
      code: 'fetch("https://example.com");',
      options: [{ defaultTimeoutMs: 3000 }],
      errors: [{ messageId: 'missingTimeout', suggestions: [{ messageId: 'addSignal', data: { ms: '3000' }, output: 'fetch("https://example.com", { signal: AbortSignal.timeout(3000) });' }] }],
    },
  ],
});

typedRuleTester().run('require-fetch-timeout (typed)', rule, {
  valid: [
    // NestJS's HttpService beside a module importing a bare HttpModule (fixture nest-http/): bounded by an rxjs
    // operator, or by its config.
    {
      code: 'import { HttpService } from "@nestjs/axios"; import { firstValueFrom, timeout } from "rxjs"; export class Health { constructor(private readonly http: HttpService) {} ping() { return firstValueFrom(this.http.get("https://status.example.com").pipe(timeout(3000))); } }',
      filename: 'nest-http/health.service.ts',
    },
    {
      code: 'import { HttpService } from "@nestjs/axios"; export class Health { constructor(private readonly http: HttpService) {} ping() { return this.http.axiosRef.get("https://status.example.com", { timeout: 3000 }); } }',
      filename: 'nest-http/health.service.ts',
    },
    // An instance received from elsewhere: its config is not visible, so stay quiet.
    'import type { AxiosInstance } from "axios"; export function load(api: AxiosInstance) { return api.get("/users"); }',
    'import type { Got } from "got"; export function load(client: Got) { return client.get("https://example.com"); }',
    // Instances created and configured in another module (tests/fixtures/typed/cross-file/http.ts): recognised
    // as requests by their type, but their defaults are unknown, so nothing is reported.
    'import { http } from "./cross-file/http"; export async function audit(body: unknown) { await http.post("/audit", body); await http.get("/a"); return http({ url: "/b" }); }',
    'import { gotClient, agent, pool } from "./cross-file/http"; export async function f() { await gotClient.get("a"); await agent.get("https://example.com/b"); return pool.request({ path: "/c", method: "GET" }); }',
    'import type { AxiosInstance } from "axios"; export class C { constructor(private readonly api: AxiosInstance) {} load() { return this.api.post("/x", {}); } send() { return this.api({ url: "/y" }); } }',
    'import type { Dispatcher } from "undici"; export function f(dispatcher: Dispatcher) { return dispatcher.request({ path: "/", method: "GET" }); }',
    'import type request from "superagent"; export const f = async (r: request.SuperAgentStatic) => r.get("https://example.com");',
    // Types say the unseen init may carry a signal, or that the input is a Request (which may have one).
    'export function f(url: string, init: RequestInit) { return fetch(url, init); }',
    'export function f(req: Request) { return fetch(req); }',
    'import https from "node:https"; export function f(options: https.RequestOptions) { return https.get(options, () => {}); }',
    // The variable's type is not axios's: the receiver is not confirmed.
    'import axios from "axios"; const api = axios.create() as unknown as { get(url: string): Promise<unknown> }; export const r = api.get("/x");',
    'import axios from "axios"; const api = axios.create({ timeout: 5000 }); export const r = api.get("/x");',
    'import got from "got"; const client = got.extend({ timeout: { request: 1000 } }); export const r = client.get("https://example.com");',
    'import { request, Agent } from "undici"; const dispatcher = new Agent({ headersTimeout: 5000 }); export const r = request("https://example.com", { dispatcher });',
    'import request from "superagent"; export const f = async () => request.get("https://example.com").timeout(5000);',
    'import ky from "ky"; export const r = ky.get("https://example.com").json();',
    'import { createFetch } from "@better-fetch/fetch"; const $fetch = createFetch({ baseURL: "https://api.example.com", timeout: 5000 }); export const r = $fetch("/users");',
    'import axios from "axios"; const api = axios.create({ timeout: 5000 }); export const getApi = () => api; export const r = getApi().get("/x");',
  ],
  invalid: [
    // The same service without a bound: the module hands out axios's default instance.
    {
      code: 'import { HttpService } from "@nestjs/axios"; import { firstValueFrom } from "rxjs"; export class Health { constructor(private readonly http: HttpService) {} ping() { return firstValueFrom(this.http.get("https://status.example.com")); } }',
      filename: 'nest-http/health.service.ts',
      errors: [timeout('timeout: 10000', 'import { HttpService } from "@nestjs/axios"; import { firstValueFrom } from "rxjs"; export class Health { constructor(private readonly http: HttpService) {} ping() { return firstValueFrom(this.http.get("https://status.example.com", { timeout: 10000 })); } }')],
    },
    {
      code: 'export async function load(url: string) { return fetch(url); }',
      errors: [signal(`export async function load(url: string) { return fetch(url, { ${SIGNAL} }); }`)],
    },
    // The type shows the options object has no signal.
    { code: 'export function f(url: string, init: { method: string }) { return fetch(url, init); }', errors: [reported] },
    // The type shows the first argument is a URL.
    {
      code: 'import https from "node:https"; declare function target(): string; https.get(target(), (res) => res.resume());',
      errors: [signal(`import https from "node:https"; declare function target(): string; https.get(target(), { ${SIGNAL} }, (res) => res.resume());`)],
    },
    {
      code: 'import got from "got"; declare const config: { url: string }; export const r = got(config.url);',
      errors: [timeout('timeout: { request: 10000 }', 'import got from "got"; declare const config: { url: string }; export const r = got(config.url, { timeout: { request: 10000 } });')],
    },
    {
      code: 'import axios from "axios"; class UserClient { private readonly http = axios.create({ baseURL: "/users" }); load(id: string) { return this.http.get(id); } }',
      errors: [timeout('timeout: 10000', 'import axios from "axios"; class UserClient { private readonly http = axios.create({ baseURL: "/users" }); load(id: string) { return this.http.get(id, { timeout: 10000 }); } }')],
    },
    {
      code: 'import { request } from "undici"; export const r = request("https://example.com", { method: "GET" });',
      errors: [signal(`import { request } from "undici"; export const r = request("https://example.com", { method: "GET", ${SIGNAL} });`)],
    },
    {
      code: 'import request from "superagent"; export const f = async () => request.get("https://example.com");',
      errors: [timeout('.timeout(10000)', 'import request from "superagent"; export const f = async () => request.get("https://example.com").timeout(10000);')],
    },
    {
      code: 'import { createFetch } from "@better-fetch/fetch"; const $fetch = createFetch({ baseURL: "https://api.example.com" }); export const r = $fetch("/users");',
      errors: [timeout('timeout: 10000', 'import { createFetch } from "@better-fetch/fetch"; const $fetch = createFetch({ baseURL: "https://api.example.com" }); export const r = $fetch("/users", { timeout: 10000 });')],
    },
    {
      code: 'import axios from "axios"; const safeAxios = axios.create({ maxRedirects: 0 }); export const getSsrfSafeAxios = () => safeAxios; export const r = getSsrfSafeAxios().post("/x", {});',
      errors: [timeout('timeout: 10000', 'import axios from "axios"; const safeAxios = axios.create({ maxRedirects: 0 }); export const getSsrfSafeAxios = () => safeAxios; export const r = getSsrfSafeAxios().post("/x", {}, { timeout: 10000 });')],
    },
  ],
});

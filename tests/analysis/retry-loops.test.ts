import { ESLintUtils, type TSESTree } from '@typescript-eslint/utils';
import { getRetryLoops, type RetryWait } from '../../src/analysis/retry-loops';
import { getLoopCollectionScope } from '../../src/analysis/per-element';
import { typedRuleTester, untypedRuleTester } from '../rule-tester';

function describeWait(wait: RetryWait): string {
  switch (wait.kind) {
    case 'constant':
      return wait.minMs === wait.maxMs ? `${wait.maxMs}ms` : `${wait.minMs}-${wait.maxMs}ms`;
    default:
      return wait.kind;
  }
}

/** Reports each retry loop as `failure category:method wait cap`, e.g. `catch http:fetch none counter`. */
const retryProbe = ESLintUtils.RuleCreator.withoutDocs({
  meta: { type: 'problem', schema: [], messages: { retry: '{{retry}}' } },
  create(context) {
    const analyzer = getRetryLoops(context);
    const probe = (node: TSESTree.Node) => {
      const found = analyzer.retryLoop(node);
      if (!found) return;
      const via = found.call === found.io.node ? '' : ' via helper';
      const connection = found.io.connection ? ' connection' : '';
      const retry = `${found.failure} ${found.io.category}:${found.io.method}${connection}${via} ${describeWait(found.wait)} ${found.cap?.kind ?? 'uncapped'}`;
      context.report({ node, messageId: 'retry', data: { retry } });
    };
    return { ForStatement: probe, WhileStatement: probe, DoWhileStatement: probe };
  },
});

function retry(code: string, ...expected: string[]) {
  return { code, errors: expected.map((found) => ({ messageId: 'retry' as const, data: { retry: found } })) };
}

const SLEEP = 'const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));';

untypedRuleTester().run('analysis-retry-loops', retryProbe, {
  valid: [
    // Loops over collections and loops whose call changes.
    'import axios from "axios"; export async function f(urls: string[]) { for (let i = 0; i < urls.length; i++) { try { await axios.get(urls[i]); break; } catch {} } }',
    'import axios from "axios"; export async function f() { let page = 1; while (true) { try { const { data } = await axios.get("/x", { params: { page } }); if (!data.length) break; page++; } catch {} } }',
    'import axios from "axios"; export async function f() { for (let i = 0; i < 3; i++) { const token = await getToken(); try { return await axios.get("/x", { headers: { token } }); } catch {} } }',
    // Loops that go on after a success, or leave on a business condition.
    'import axios from "axios"; export async function f() { while (true) { try { await axios.post("/heartbeat"); } catch {} } }',
    'import axios from "axios"; export async function f() { while (true) { const { data } = await axios.get("/job"); if (data.done) return data; } }',
    // The catch always leaves.
    'export async function f() { for (let i = 0; i < 3; i++) { try { return await fetch("/x"); } catch (e) { throw e; } } }',
    // After the failed check the loop leaves anyway.
    'export async function f() { for (let i = 0; i < 3; i++) { const res = await fetch("/x"); if (!res.ok) throw new Error(); return res; } }',
    // Not I/O: a function of this file that makes none, a parameter, a file call.
    'function compute() { return 1; } export async function f(fn: () => Promise<void>) { for (let i = 0; i < 3; i++) { try { return compute(); } catch {} } for (let i = 0; i < 3; i++) { try { return await fn(); } catch {} } }',
    'import fs from "node:fs/promises"; export async function f() { for (let i = 0; i < 3; i++) { try { return await fs.readFile("x"); } catch {} } }',
  ],
  invalid: [
    retry('export async function f() { for (let i = 0; i < 3; i++) { try { return await fetch("/x"); } catch {} } }', 'catch http:fetch none counter'),
    retry(`${SLEEP} export async function f() { while (true) { try { return await fetch("/x"); } catch { await sleep(250); } } }`, 'catch http:fetch 250ms uncapped'),
    retry(`${SLEEP} export async function f() { for (let i = 0; i < 3; i++) { try { return await fetch("/x"); } catch { await sleep(2 ** i * 100); } } }`, 'catch http:fetch growing counter'),
    retry(`${SLEEP} export async function f() { let d = 100; for (;;) { try { return await fetch("/x"); } catch { await sleep(d); d = Math.min(d * 2, 5000); } } }`, 'catch http:fetch growing uncapped'),
    // Jitter, a constant object, a helper in seconds, promisified and timers/promises sleeps, Math.min of constants.
    retry(`${SLEEP} export async function f() { for (let i = 0; i < 3; i++) { try { return await fetch("/x"); } catch { await sleep(50 + Math.floor(Math.random() * 50)); } } }`, 'catch http:fetch 50-100ms counter'),
    retry(
      'const RETRY = { delay: 40 }; const wait = (s: number) => new Promise((r) => setTimeout(r, s * 1000)); export async function f() { for (let i = 0; i < 3; i++) { try { return await fetch("/x"); } catch { await new Promise((r) => setTimeout(r, RETRY.delay)); await wait(0.01); } } }',
      'catch http:fetch 50ms counter',
    ),
    retry(
      'import { setTimeout as pause } from "node:timers/promises"; export async function f() { for (let i = 0; i < 3; i++) { try { return await fetch("/x"); } catch { await pause(Math.min(300, 10_000)); } } }',
      'catch http:fetch 300ms counter',
    ),
    retry('import { promisify } from "node:util"; const nap = promisify(setTimeout); export async function f() { for (let i = 0; i < 3; i++) { try { return await fetch("/x"); } catch { await nap(); } } }', 'catch http:fetch 0ms counter'),
    // Unknown delays and waits.
    retry(`${SLEEP} export async function f(ms: number) { for (let i = 0; i < 3; i++) { try { return await fetch("/x"); } catch { await sleep(ms); } } }`, 'catch http:fetch unknown counter'),
    retry('import { backoff } from "./backoff"; export async function f() { for (let i = 0; i < 3; i++) { try { return await fetch("/x"); } catch { await backoff(); } } }', 'catch http:fetch unknown counter'),
    // Other shapes: a success flag, continue + break, `.catch`, response checks, the loop test.
    retry('export async function f() { let ok = false; let n = 0; while (!ok && n < 3) { n++; try { await fetch("/x"); ok = true; } catch {} } }', 'catch http:fetch none counter'),
    retry('export async function f() { while (true) { try { await fetch("/x"); } catch { continue; } break; } }', 'catch http:fetch none uncapped'),
    retry('export async function f() { for (let i = 0; i < 3; i++) { const r = await fetch("/x").catch(() => null); if (r) return r; } }', 'promise-catch http:fetch none counter'),
    retry('export async function f() { for (let i = 0; i < 3; i++) { const res = await fetch("/x"); if (res.status < 500) return res; } }', 'result-check http:fetch none counter'),
    retry('export async function f() { for (let i = 0; i < 3; i++) { const res = await fetch("/x"); if (!res.ok) continue; return res; } }', 'result-check http:fetch none counter'),
    retry('export async function f() { let res; let n = 0; do { res = await fetch("/x"); } while (!res.ok && n++ < 3); }', 'result-check http:fetch none counter'),
    // Caps: a rethrow after N attempts, a countdown, a deadline, an abort signal, a flag computed from the counter.
    retry('export async function f() { let n = 0; while (true) { try { return await fetch("/x"); } catch (e) { if (++n >= 3) throw e; } } }', 'catch http:fetch none counter'),
    retry('export async function f() { let left = 3; while (left--) { try { return await fetch("/x"); } catch {} } }', 'catch http:fetch none counter'),
    retry('export async function f(end: number) { while (Date.now() < end) { try { return await fetch("/x"); } catch {} } }', 'catch http:fetch none deadline'),
    retry('export async function f(signal: AbortSignal) { for (;;) { signal.throwIfAborted(); try { return await fetch("/x"); } catch {} } }', 'catch http:fetch none signal'),
    retry('export async function f() { let again = true; let n = 0; while (again) { try { await fetch("/x"); again = false; } catch { again = ++n < 3; } } }', 'catch http:fetch none counter'),
    // Through helpers: a function of this file, a method of the class, a sleep method.
    retry('async function load() { return fetch("/x"); } export async function f() { for (let i = 0; i < 3; i++) { try { return await load(); } catch {} } }', 'catch http:fetch via helper none counter'),
    retry(
      'export class C { private wait(ms: number) { return new Promise((r) => setTimeout(r, ms)); } private call() { return fetch("/x"); } async f() { for (let i = 0; i < 3; i++) { try { return await this.call(); } catch { await this.wait(20); } } } }',
      'catch http:fetch via helper 20ms counter',
    ),
    // Connections.
    retry('import mongoose from "mongoose"; export async function f() { while (true) { try { await mongoose.connect("mongodb://x"); break; } catch {} } }', 'catch database:connect connection none uncapped'),
    retry('import { createClient } from "redis"; const client = createClient(); export async function f() { for (let i = 0; i < 3; i++) { try { await client.connect(); return; } catch {} } }', 'catch cache:connect connection none counter'),
  ],
});

/** Reports each loop that walks a collection, per `getLoopCollectionScope`. */
const collectionProbe = ESLintUtils.RuleCreator.withoutDocs({
  meta: { type: 'problem', schema: [], messages: { loop: '{{collection}}' } },
  create(context) {
    const probe = (node: TSESTree.Node) => {
      const scope = getLoopCollectionScope(node);
      if (scope) context.report({ node, messageId: 'loop', data: { collection: `${scope.kind} ${scope.collectionText}` } });
    };
    return { ForStatement: probe, WhileStatement: probe, DoWhileStatement: probe, ForOfStatement: probe, ForInStatement: probe, CallExpression: probe };
  },
});

untypedRuleTester().run('analysis-per-element getLoopCollectionScope', collectionProbe, {
  valid: [
    'for (let i = 0; i < 3; i++) {} while (true) {} do {} while (more); for (const x of ["a", "b"]) {} items.map((x) => x);',
    // Only the loop itself counts: a retry loop labeled or nested is no walk over a collection.
    'retry: for (let attempt = 0; attempt < 3; attempt++) { continue retry; }',
  ],
  invalid: [
    { code: 'for (const u of users) {}', errors: [{ messageId: 'loop', data: { collection: 'for-of users' } }] },
    { code: 'for (let i = 0; i < ids.length; i++) {}', errors: [{ messageId: 'loop', data: { collection: 'for ids' } }] },
    { code: 'while (queue.length) { queue.shift(); }', errors: [{ messageId: 'loop', data: { collection: 'while queue' } }] },
  ],
});

// With types, a client is known by its declared type.
typedRuleTester().run('analysis-retry-loops (typed)', retryProbe, {
  valid: ['class Api { async get() { return 1; } } export async function f(api: Api) { for (let i = 0; i < 3; i++) { try { return await api.get(); } catch {} } }'],
  invalid: [
    retry(
      'import type { Redis } from "ioredis"; declare function client(): Redis; export async function f() { const redis = client(); for (let i = 0; i < 3; i++) { try { return await redis.get("k"); } catch {} } }',
      'catch cache:get none counter',
    ),
  ],
});

import rule from '../../rules/no-retry-without-backoff';
import { typedRuleTester, untypedRuleTester } from '../rule-tester';

const noDelay = { messageId: 'noDelay' as const };
const constantDelay = { messageId: 'constantDelay' as const };
const unbounded = { messageId: 'unbounded' as const };

const BOUNDED = { forever: '', capFix: '' };
const FOREVER = { forever: ' and never gives up', capFix: ' and cap the attempts' };
const HTTP = (call: string) => ({ what: `an HTTP request (\`${call}(…)\`)`, dependency: 'remote service' });

const SLEEP = 'const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));';
const PRISMA = 'import { PrismaClient } from "@prisma/client"; const prisma = new PrismaClient();';
const REDIS = 'import Redis from "ioredis"; const redis = new Redis();';
const PG = 'import { Pool } from "pg"; const pool = new Pool();';

untypedRuleTester().run('no-retry-without-backoff', rule, {
  valid: [
    // The only way round again passes a counter test: a 429 retried a few times, every other path leaving (erxes's Discord client).
    `${SLEEP}
     export async function send(url: string, body: string) {
       for (let attempt = 0; ; attempt++) {
         const response = await fetch(url, { method: "POST", body, signal: AbortSignal.timeout(5000) });
         if (response.status === 429 && attempt < 3) { await sleep(Number(response.headers.get("retry-after") ?? 1) * 1000 * 2 ** attempt); continue; }
         if (!response.ok) throw new Error(String(response.status));
         return response.json();
       }
     }`,
    // A flag set when the response failed ends the loop on the failure: no retry.
    `export async function probe(url: string) { let attempt = 0; let failed = false; while (attempt < 5 && !failed) { try { const response = await fetch(url, { signal: AbortSignal.timeout(1000) }); if (!response.ok) failed = true; } catch { failed = true; } attempt++; } }`,
    // --- Growing delays: exponential, with jitter, doubling a variable, capped, linear, from a table.
    `${SLEEP}
     export async function load(url: string) {
       for (let attempt = 0; attempt < 5; attempt++) {
         try { return await fetch(url); } catch (error) { await sleep(100 * 2 ** attempt + Math.random() * 100); }
       }
       throw new Error("unreachable");
     }`,
    `import axios from "axios"; import { setTimeout as wait } from "node:timers/promises";
     export async function getUser(id: string) {
       let delay = 200;
       for (let attempt = 1; attempt <= 4; attempt++) {
         try {
           const { data } = await axios.get("https://users.example.com/" + id, { timeout: 2000 });
           return data;
         } catch (error) {
           if (attempt === 4) throw error;
           await wait(delay);
           delay = Math.min(delay * 2, 10_000);
         }
       }
     }`,
    `${SLEEP} ${REDIS}
     export async function read(key: string) {
       let attempts = 0;
       while (true) {
         try { return await redis.get(key); } catch (error) {
           if (++attempts >= 3) throw error;
           await sleep(attempts * 1000);
         }
       }
     }`,
    `${SLEEP} ${PG} const DELAYS = [100, 500, 2000];
     export async function count() {
       for (let attempt = 0; attempt < DELAYS.length; attempt++) {
         try { return await pool.query("SELECT count(*) FROM users"); } catch { await sleep(DELAYS[attempt]); }
       }
     }`,
    // --- Libraries that do the backoff: p-retry, async-retry.
    `import pRetry from "p-retry"; import got from "got";
     export const f = (url: string) => pRetry(() => got(url, { timeout: { request: 1000 } }).json(), { retries: 5 });`,
    `import retry from "async-retry"; import axios from "axios";
     export const f = (url: string) => retry(async () => (await axios.get(url, { timeout: 1000 })).data, { retries: 3, factor: 2 });`,
    // --- Pagination: the cursor changes each time round, even with a try/catch around the page.
    `import axios from "axios";
     export async function all() {
       const items = []; let cursor: string | undefined;
       while (true) {
         try {
           const { data } = await axios.get("https://api.example.com/items", { params: { cursor }, timeout: 1000 });
           items.push(...data.items);
           cursor = data.next;
           if (!cursor) break;
         } catch (error) { console.warn(error); }
       }
       return items;
     }`,
    `${PRISMA}
     export async function exportAll() {
       for (let page = 0; ; page++) {
         try { const rows = await prisma.user.findMany({ skip: page * 100, take: 100 }); if (rows.length === 0) return; } catch {}
       }
     }`,
    // --- Long-lived consumers and schedulers: success goes on to the next message or run.
    `${REDIS}
     export async function consume(running: { value: boolean }) {
       while (running.value) {
         try { const job = await redis.brpop("jobs", 5); if (job) console.log(job); } catch (error) { console.error(error); }
       }
     }`,
    `${SLEEP} ${PRISMA}
     export async function scheduler() {
       while (true) {
         try { await prisma.order.deleteMany({ where: { status: "expired" } }); } catch (error) { console.error(error); }
         await sleep(60_000);
       }
     }`,
    // --- Per-item error isolation: each iteration sends something else.
    `import axios from "axios";
     export async function notifyAll(hooks: string[]) {
       for (const hook of hooks) { try { await axios.post(hook, {}, { timeout: 1000 }); } catch (error) { console.warn(error); } }
       for (let i = 0; i < hooks.length; i++) { try { await axios.post(hooks[i], {}, { timeout: 1000 }); break; } catch {} }
     }`,
    `import axios from "axios";
     export async function drain(queue: object[]) {
       while (queue.length) { const job = queue.shift(); try { await axios.post("https://api.example.com", job); } catch { queue.push(job!); } }
     }`,
    // --- Polling: leaves on a business condition, not on success of the call.
    `${SLEEP}
     export async function waitForExport(id: string) {
       for (let i = 0; i < 10; i++) {
         const res = await fetch("https://api.example.com/exports/" + id);
         const body = await res.json();
         if (body.state === "done") return body;
         await sleep(1000 * 2 ** i);
       }
     }`,
    `import axios from "axios"; ${SLEEP}
     export async function waitForJob(id: string) {
       while (true) {
         try { const res = await axios.get("https://api.example.com/jobs/" + id); if (res.data.done) return res.data; } catch {}
         await sleep(500);
       }
     }`,
    // --- A constant delay of a second or more, with a cap.
    `${SLEEP} const RETRY_DELAY_MS = 5000;
     export async function f(url: string) {
       for (let attempt = 0; attempt < 3; attempt++) { try { return await fetch(url); } catch { await sleep(RETRY_DELAY_MS); } }
     }`,
    // A sleep helper in seconds: 2 s.
    `const sleepSeconds = (s: number) => new Promise((r) => setTimeout(r, s * 1000));
     export async function f(url: string) { for (let i = 0; i < 3; i++) { try { return await fetch(url); } catch { await sleepSeconds(2); } } }`,
    // A delay the code does not fix (a parameter, a config value): not known to be short.
    `${SLEEP}
     export async function withRetry(url: string, retryDelayMs: number) {
       for (let i = 0; i < 3; i++) { try { return await fetch(url); } catch { await sleep(retryDelayMs); } }
     }`,
    `${SLEEP} import { config } from "./config";
     export async function f(url: string) { for (let i = 0; i < 3; i++) { try { return await fetch(url); } catch { await sleep(config.retryDelayMs); } } }`,
    // A backoff helper from elsewhere: something is awaited between attempts.
    `import { backoff } from "./backoff";
     export async function f(url: string) { for (let attempt = 0; attempt < 3; attempt++) { try { return await fetch(url); } catch { await backoff(attempt); } } }`,
    // --- Capped by a deadline or an abort signal, with a sensible delay.
    `${SLEEP}
     export async function f(url: string) {
       const deadline = Date.now() + 30_000;
       while (Date.now() < deadline) { try { return await fetch(url); } catch { await sleep(2000); } }
     }`,
    `${SLEEP}
     export async function f(url: string, signal: AbortSignal) {
       let delay = 100;
       while (!signal.aborted) { try { return await fetch(url, { signal }); } catch { await sleep(delay); delay *= 2; } }
     }`,
    // --- Waiting forever for a dependency at startup, with growing delays.
    `import mongoose from "mongoose"; ${SLEEP}
     async function bootstrap() {
       let delay = 500;
       while (true) {
         try { await mongoose.connect("mongodb://db/app"); break; } catch (error) { await sleep(delay); delay = Math.min(delay * 2, 30_000); }
       }
     }
     bootstrap();`,
    // --- The catch never comes round: it rethrows, or falls back to something else.
    `export async function f(url: string) {
       for (let attempt = 0; attempt < 3; attempt++) { try { return await fetch(url); } catch (error) { throw new Error("failed", { cause: error }); } }
     }`,
    `import axios from "axios";
     export async function f(url: string) {
       while (true) { try { return await axios.get(url); } catch { return await axios.get("https://mirror.example.com"); } }
     }`,
    // --- The call changes: a token refreshed in the catch.
    `import axios from "axios"; import { refresh } from "./auth";
     export async function f(url: string) {
       let token = "";
       for (let i = 0; i < 2; i++) {
         try { return await axios.get(url, { headers: { authorization: token } }); } catch { token = await refresh(); }
       }
     }`,
    // --- A new key on each attempt after a unique-constraint clash: not the same call again.
    `${PRISMA} import { nanoid } from "nanoid";
     export async function shorten(url: string) {
       for (let attempt = 0; attempt < 5; attempt++) {
         const code = nanoid(8);
         try { return await prisma.post.create({ data: { title: code, authorId: 1 } }); } catch (error: any) { if (error.code !== "P2002") throw error; }
       }
     }`,
    // --- A delay that depends on the attempt through a condition.
    `${SLEEP} export async function f(url: string) { for (let i = 0; i < 3; i++) { try { return await fetch(url); } catch { await sleep(i === 0 ? 100 : 2000); } } }`,
    // --- Reconnecting forever with a sensible delay, even from an exported function: a reconnect loop.
    `import { Kafka } from "kafkajs"; ${SLEEP}
     const consumer = new Kafka({ brokers: ["kafka:9092"] }).consumer({ groupId: "billing" });
     export async function connectConsumer() {
       while (true) { try { await consumer.connect(); return; } catch (error) { console.error(error); await sleep(5000); } }
     }`,
    // --- A lock spin is no retry of a failed call.
    `${REDIS} ${SLEEP}
     export async function lock(key: string) {
       while (true) { const acquired = await redis.set(key, "1", "PX", 10_000, "NX"); if (acquired) return; await sleep(50); }
     }`,
    // --- File-system calls are local: an immediate retry of a rename (EPERM on Windows) is fine.
    `import { promises as fs } from "node:fs";
     export async function move(a: string, b: string) { for (let i = 0; i < 5; i++) { try { await fs.rename(a, b); return; } catch {} } }`,
    // --- Look-alikes: functions of this file named like clients, a Map's get, a project module.
    `const cache = new Map<string, string>();
     function fetch(url: string) { return cache.get(url); }
     export async function f(url: string) { for (let i = 0; i < 3; i++) { try { return fetch(url); } catch {} } }`,
    `import { api } from "./api";
     export async function f() { for (let i = 0; i < 3; i++) { try { return await api.get("/x"); } catch {} } }`,
    // A loop that never repeats.
    'export async function f() { do { try { return await fetch("https://x"); } catch {} } while (false); }',
    // --- Files that serve no traffic: tests waiting for a server, scripts.
    {
      code: 'export async function waitForServer() { for (let i = 0; i < 50; i++) { try { await fetch("http://localhost:3000/health"); return; } catch {} } }',
      filename: 'test/setup.e2e-spec.ts',
    },
    {
      code: `${SLEEP} async function main() { while (true) { try { await fetch("http://localhost:3000/health"); break; } catch { await sleep(100); } } } main();`,
      filename: 'scripts/wait-for-api.ts',
    },
    {
      code: 'export async function f() { for (let i = 0; i < 3; i++) { try { return await fetch("https://x"); } catch {} } }',
      filename: 'tools/probe.ts',
      options: [{ scripts: ['tools/**'] }],
    },
    // Odd shapes do not throw.
    'export async function f(x: any) { for (;;) { try { break; } catch {} } while (x) { try {} finally {} } do {} while (x); for (let i = 0; i < 3; i++) { switch (i) { case 0: try { await fetch("x"); break; } catch {} } } }',
  ],
  invalid: [
    // ---------------------------------------------------------------- HTTP: fetch, axios, got
    {
      code: `export async function getRates() {
         for (let attempt = 0; attempt < 3; attempt++) {
           try {
             const res = await fetch("https://rates.example.com/latest");
             if (!res.ok) throw new Error(String(res.status));
             return await res.json();
           } catch (error) {
             console.warn("rates failed", error);
           }
         }
       }`,
      errors: [{ ...noDelay, line: 2, column: 10, endLine: 2, data: { ...HTTP('fetch'), ...BOUNDED } }],
    },
    {
      code: `import axios from "axios"; ${SLEEP}
       export async function charge(id: string) {
         while (true) {
           try {
             const { data } = await axios.post("https://payments.example.com/charges", { id }, { timeout: 5000 });
             return data;
           } catch (error) {
             await sleep(200);
           }
         }
       }`,
      errors: [{ ...constantDelay, line: 3, data: { ...HTTP('axios.post'), ...FOREVER, delay: '200 ms' } }],
    },
    {
      code: `import got from "got";
       export async function ping(url: string) {
         let attempts = 0; let ok = false;
         do {
           try { await got.head(url, { timeout: { request: 1000 } }); ok = true; } catch { attempts++; }
         } while (!ok && attempts < 5);
       }`,
      errors: [{ ...noDelay, line: 4, data: { ...HTTP('got.head'), ...BOUNDED } }],
    },
    {
      // The flag set only when the response says so (Karakeep's webhook delivery).
      code: `export async function deliver(url: string, body: string, maxRetries: number) {
         let attempt = 0; let success = false;
         while (attempt < maxRetries && !success) {
           try {
             const response = await fetch(url, { method: "POST", body, signal: AbortSignal.timeout(5000) });
             if (response.ok) success = true;
           } catch (error) { attempt++; }
           attempt++;
         }
       }`,
      errors: [{ ...noDelay, line: 3, data: { ...HTTP('fetch'), ...BOUNDED } }],
    },
    // A response check instead of a catch; `continue` after a failed check.
    {
      code: `export async function f(url: string) {
         for (let i = 0; i < 5; i++) {
           const res = await fetch(url);
           if (res.ok) return res.json();
         }
       }`,
      errors: [{ ...noDelay, data: { ...HTTP('fetch'), ...BOUNDED } }],
    },
    {
      code: `import axios from "axios"; import { setTimeout as wait } from "node:timers/promises";
       export async function f(url: string) {
         let tries = 0;
         while (tries++ < 3) {
           const { status, data } = await axios.get(url, { validateStatus: () => true, timeout: 1000 });
           if (status >= 500) { await wait(250); continue; }
           return data;
         }
       }`,
      errors: [{ ...constantDelay, data: { ...HTTP('axios.get'), ...BOUNDED, delay: '250 ms' } }],
    },
    // `.catch(() => null)` and a presence check; a jittered constant delay.
    {
      code: `import axios from "axios"; ${SLEEP}
       export async function f(url: string) {
         for (let i = 0; i < 3; i++) {
           const res = await axios.get(url, { timeout: 1000 }).catch(() => null);
           if (res) return res.data;
           await sleep(100 + Math.random() * 100);
         }
       }`,
      errors: [{ ...constantDelay, data: { ...HTTP('axios.get'), ...BOUNDED, delay: '100–200 ms' } }],
    },
    // The loop's own test checks the response.
    {
      code: `export async function f(url: string) {
         let res: Response; let tries = 0;
         do { res = await fetch(url); } while (!res.ok && ++tries < 3);
         return res;
       }`,
      errors: [{ ...noDelay, line: 3, data: { ...HTTP('fetch'), ...BOUNDED } }],
    },
    // ---------------------------------------------------------------- Databases
    // Prisma's write-conflict retry, continuing at once.
    {
      code: `${PRISMA}
       export async function transfer() {
         const MAX_RETRIES = 5; let retries = 0;
         while (retries < MAX_RETRIES) {
           try {
             await prisma.$transaction(async (tx) => { await tx.order.update({ where: { id: 1 }, data: { status: "paid" } }); }, { isolationLevel: "Serializable" });
             break;
           } catch (error: any) {
             if (error.code === "P2034") { retries++; continue; }
             throw error;
           }
         }
       }`,
      errors: [{ ...noDelay, line: 4, data: { what: 'a database call (`prisma.$transaction(…)`)', dependency: 'database', ...BOUNDED } }],
    },
    {
      code: `${PRISMA}
       export async function find(id: number) {
         let attempts = 0;
         while (attempts++ < 3) { try { return await prisma.user.findUnique({ where: { id } }); } catch {} }
       }`,
      errors: [{ ...noDelay, data: { what: 'a database call (`prisma.user.findUnique(…)`)', dependency: 'database', ...BOUNDED } }],
    },
    // pg with a named constant delay through timers/promises.
    {
      code: `${PG} import { setTimeout } from "node:timers/promises"; const RETRY_DELAY = 500;
       export async function f() {
         for (let i = 0; i < 3; i++) { try { return await pool.query("SELECT 1"); } catch { await setTimeout(RETRY_DELAY); } }
       }`,
      errors: [{ ...constantDelay, data: { what: 'a database call (`pool.query(…)`)', dependency: 'database', ...BOUNDED, delay: '500 ms' } }],
    },
    // ---------------------------------------------------------------- Redis: forever, with growing delays, on the request path.
    {
      code: `${REDIS} ${SLEEP}
       export async function read(key: string) {
         let delay = 100;
         for (;;) {
           try { return await redis.get(key); } catch { await sleep(delay); delay *= 2; }
         }
       }`,
      errors: [{ ...unbounded, line: 4, data: { what: 'a Redis command (`redis.get(…)`)', dependency: 'Redis server' } }],
    },
    // ---------------------------------------------------------------- Queues and e-mail
    // `continue` in the catch, `break` after the try; a promisified timer.
    {
      code: `import { Kafka } from "kafkajs"; import { promisify } from "node:util";
       const producer = new Kafka({ brokers: ["kafka:9092"] }).producer(); const pause = promisify(setTimeout);
       export async function publish(value: string) {
         while (true) {
           try { await producer.send({ topic: "events", messages: [{ value }] }); } catch { await pause(100); continue; }
           break;
         }
       }`,
      errors: [{ ...constantDelay, line: 4, data: { what: 'a queue publish (`producer.send(…)`)', dependency: 'message broker', ...FOREVER, delay: '100 ms' } }],
    },
    {
      code: `import { Queue } from "bullmq"; const emails = new Queue("emails");
       export async function enqueue(to: string) {
         for (let i = 0; i < 3; i++) { try { await emails.add("welcome", { to }); return; } catch (error) { console.error(error); } }
       }`,
      errors: [{ ...noDelay, data: { what: 'a queue publish (`emails.add(…)`)', dependency: 'message broker', ...BOUNDED } }],
    },
    {
      code: `import nodemailer from "nodemailer"; const transporter = nodemailer.createTransport({ host: "smtp.example.com" });
       export async function send(to: string) {
         let sent = false;
         while (!sent) { try { await transporter.sendMail({ to, subject: "Hi" }); sent = true; } catch {} }
       }`,
      errors: [{ ...noDelay, data: { what: 'an e-mail send (`transporter.sendMail(…)`)', dependency: 'mail server', ...FOREVER } }],
    },
    // ---------------------------------------------------------------- Connections
    {
      code: `${PG}
       export async function client() {
         while (true) { try { return await pool.connect(); } catch (error) { console.error(error); } }
       }`,
      errors: [{ ...noDelay, data: { what: 'a database connection (`pool.connect(…)`)', dependency: 'database', ...FOREVER } }],
    },
    {
      code: `import mongoose from "mongoose"; ${SLEEP}
       async function bootstrap() {
         for (let attempt = 0; attempt < 10; attempt++) { try { await mongoose.connect("mongodb://db/app"); break; } catch { await sleep(100); } }
       }
       bootstrap();`,
      errors: [{ ...constantDelay, data: { what: 'a database connection (`mongoose.connect(…)`)', dependency: 'database', ...BOUNDED, delay: '100 ms' } }],
    },
    // ---------------------------------------------------------------- A rate-limit wait whose guard tests no counter.
    {
      code: `${SLEEP}
       export async function send(url: string, body: string) {
         for (let attempt = 0; ; attempt++) {
           const response = await fetch(url, { method: "POST", body, signal: AbortSignal.timeout(5000) });
           if (response.status === 429) { await sleep(1000); continue; }
           if (!response.ok) throw new Error(String(response.status));
           return response.json();
         }
       }`,
      errors: [{ ...unbounded, line: 3, data: HTTP('fetch') }],
    },
    // ---------------------------------------------------------------- A queue worker waiting forever for an API.
    {
      code: `import { Worker } from "bullmq"; import axios from "axios"; ${SLEEP}
       new Worker("invoices", async (job) => {
         while (true) {
           try { return (await axios.post("https://billing.example.com/invoices", job.data, { timeout: 5000 })).data; } catch { await sleep(3000); }
         }
       });`,
      errors: [{ ...unbounded, line: 3, data: HTTP('axios.post') }],
    },
    // ---------------------------------------------------------------- Through a method of the same class
    {
      code: `import axios from "axios";
       export class RatesClient {
         private async callApi() {
           return (await axios.get("https://rates.example.com", { timeout: 1000 })).data;
         }
         async latest() {
           for (let attempt = 0; attempt < 3; attempt++) { try { return await this.callApi(); } catch {} }
         }
       }`,
      errors: [{ ...noDelay, line: 7, data: { what: '`this.callApi(…)`, which makes an HTTP request (`axios.get(…)`, line 4)', dependency: 'remote service', ...BOUNDED } }],
    },
    // A sleep method of the class (NestJS services often have one).
    {
      code: `import { Injectable } from "@nestjs/common"; import axios from "axios";
       @Injectable()
       export class Geo {
         private delay(ms: number) { return new Promise((resolve) => setTimeout(resolve, ms)); }
         async lookup(ip: string) {
           for (let i = 0; i < 3; i++) { try { return (await axios.get("https://geo.example.com/" + ip)).data; } catch { await this.delay(100); } }
         }
       }`,
      errors: [{ ...constantDelay, line: 6, data: { ...HTTP('axios.get'), ...BOUNDED, delay: '100 ms' } }],
    },
    // A sleep helper in seconds, given a fraction; a delay in a constant object.
    {
      code: `const sleepSeconds = (s: number) => new Promise((r) => setTimeout(r, s * 1000)); const RETRY = { delayMs: 300, attempts: 3 };
       export async function f(url: string) {
         for (let i = 0; i < 3; i++) { try { return await fetch(url); } catch { await sleepSeconds(0.25); } }
         for (let i = 0; i < RETRY.attempts; i++) { try { return await fetch(url); } catch { await new Promise((r) => setTimeout(r, RETRY.delayMs)); } }
       }`,
      errors: [
        { ...constantDelay, line: 3, data: { ...HTTP('fetch'), ...BOUNDED, delay: '250 ms' } },
        { ...constantDelay, line: 4, data: { ...HTTP('fetch'), ...BOUNDED, delay: '300 ms' } },
      ],
    },
    // ---------------------------------------------------------------- Options
    {
      code: `${SLEEP} export async function f(url: string) { for (let i = 0; i < 3; i++) { try { return await fetch(url); } catch { await sleep(2000); } } }`,
      options: [{ minConstantDelayMs: 5000 }],
      errors: [{ ...constantDelay, data: { ...HTTP('fetch'), ...BOUNDED, delay: '2000 ms' } }],
    },
    // Unbounded with a long constant delay in a handler.
    {
      code: `import express from "express"; import axios from "axios"; ${SLEEP}
       const app = express();
       app.get("/quote", async (req, res) => {
         while (true) {
           try { const { data } = await axios.get("https://quotes.example.com", { timeout: 1000 }); return res.json(data); } catch { await sleep(2000); }
         }
       });`,
      errors: [{ ...unbounded, line: 4, data: HTTP('axios.get') }],
    },
  ],
});

// With type information: clients known by their declared types; the same loop shapes apply.
typedRuleTester().run('no-retry-without-backoff (typed)', rule, {
  valid: [
    // A class of this project with a `get` method is no Redis client.
    `class Store { async get(key: string) { return key; } }
     export async function f(store: Store) { for (let i = 0; i < 3; i++) { try { return await store.get("k"); } catch {} } }`,
    // Growing delay with a typed ioredis client.
    `import type { Redis } from "ioredis"; import { setTimeout as sleep } from "node:timers/promises";
     export async function f(redis: Redis) {
       for (let attempt = 0; attempt < 4; attempt++) { try { return await redis.get("k"); } catch { await sleep(50 * 2 ** attempt); } }
     }`,
    // p-retry.
    `import pRetry from "p-retry"; import type { Pool } from "pg";
     export const f = (pool: Pool) => pRetry(() => pool.query("SELECT 1"), { retries: 3 });`,
    // A SCAN cursor walk with error isolation: the cursor changes, and success goes on.
    `import type { Redis } from "ioredis";
     export async function keys(redis: Redis) {
       let cursor = "0"; const found: string[] = [];
       do { try { const [next, batch] = await redis.scan(cursor, "MATCH", "user:*"); cursor = next; found.push(...batch); } catch (error) { console.error(error); } } while (cursor !== "0");
       return found;
     }`,
    // A kafkajs producer typed by the package, with doubling delays and a cap.
    `import type { Producer } from "kafkajs"; import { setTimeout as sleep } from "node:timers/promises";
     export async function publish(producer: Producer, value: string) {
       let delay = 100;
       for (let attempt = 0; attempt < 5; attempt++) {
         try { await producer.send({ topic: "events", messages: [{ value }] }); return; } catch { await sleep(delay); delay *= 2; }
       }
     }`,
    // NestJS startup hook waiting for Redis forever, two seconds apart.
    `import { Injectable, OnModuleInit } from "@nestjs/common"; import Redis from "ioredis"; import { setTimeout as sleep } from "node:timers/promises";
     @Injectable()
     export class CacheService implements OnModuleInit {
       private readonly redis = new Redis({ lazyConnect: true });
       async onModuleInit() { while (true) { try { await this.redis.ping(); return; } catch { await sleep(2000); } } }
     }`,
  ],
  invalid: [
    {
      code: `import type { Redis } from "ioredis";
       declare function getRedis(): Redis;
       export async function f() {
         const client = getRedis();
         for (let i = 0; i < 3; i++) { try { return await client.get("k"); } catch {} }
       }`,
      errors: [{ ...noDelay, line: 5, data: { what: 'a Redis command (`client.get(…)`)', dependency: 'Redis server', ...BOUNDED } }],
    },
    {
      code: `import { Pool } from "pg";
       export class Repo {
         constructor(private readonly pool: Pool) {}
         async one() {
           while (true) { try { return await this.pool.query("SELECT 1"); } catch { await new Promise((r) => setTimeout(r, 10)); } }
         }
       }`,
      errors: [{ ...constantDelay, line: 5, data: { what: 'a database call (`this.pool.query(…)`)', dependency: 'database', ...FOREVER, delay: '10 ms' } }],
    },
    {
      code: `import { PrismaClient } from "@prisma/client";
       export async function f(prisma: PrismaClient, id: number) {
         for (let attempt = 0; attempt < 3; attempt++) { try { return await prisma.user.findUniqueOrThrow({ where: { id } }); } catch {} }
       }`,
      errors: [{ ...noDelay, data: { what: 'a database call (`prisma.user.findUniqueOrThrow(…)`)', dependency: 'database', ...BOUNDED } }],
    },
    {
      code: `import axios from "axios"; const api = axios.create({ baseURL: "https://api.example.com", timeout: 1000 });
       export async function f() { for (let i = 0; i < 3; i++) { const res = await api.get("/health", { validateStatus: () => true }); if (res.status === 200) return; } }`,
      errors: [{ ...noDelay, data: { ...HTTP('api.get'), ...BOUNDED } }],
    },
  ],
});

import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import rule from '../../rules/no-unbounded-concurrency';
import { typedRuleTester, untypedRuleTester } from '../rule-tester';

type Valid = ValidTestCase<[]> | string;
type Invalid = InvalidTestCase<'unbounded', []>;

// Each client set up the way real code does, so both runs know where it comes from.
const EXPRESS = `
import express from 'express';
const app = express();
app.use(express.json());
`;
const AXIOS = `import axios from 'axios';\n`;
const GOT = `import got from 'got';\n`;
const PRISMA = `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
`;
const TYPEORM = `
import { DataSource } from 'typeorm';
class User { id!: number; name!: string }
const dataSource = new DataSource({ type: 'postgres' });
const users = dataSource.getRepository(User);
`;
const MONGOOSE = `
import mongoose from 'mongoose';
const User = mongoose.model('User', new mongoose.Schema({ name: String }));
`;
const PG = `
import { Pool } from 'pg';
const pool = new Pool();
`;
const KNEX = `
import knex from 'knex';
const db = knex({ client: 'pg' });
`;
const DRIZZLE = `
import { drizzle } from 'drizzle-orm/node-postgres';
import { eq } from 'drizzle-orm';
import { pgTable, serial, text } from 'drizzle-orm/pg-core';
const users = pgTable('users', { id: serial('id').primaryKey(), name: text('name') });
type Db = ReturnType<typeof drizzle>;
`;
const REDIS = `
import Redis from 'ioredis';
const redis = new Redis();
`;
const BULLMQ = `
import { Queue } from 'bullmq';
const emails = new Queue('emails');
`;
const MAILER = `
import nodemailer from 'nodemailer';
const transporter = nodemailer.createTransport({ host: 'smtp.example.com' });
`;
const FS = `import { readFile } from 'node:fs/promises';\n`;
const P_LIMIT = `import pLimit from 'p-limit';\n`;

const code = (...parts: string[]) => parts.join('\n');
/** Two levels of helpers down to a request: more than the rule's own look one level into a helper. */
const PROFILE = `async function fetchUser(id: string) { const { data } = await axios.get('/users/' + id); return data; }
async function loadProfile(id: string) { const user = await fetchUser(id); return { user }; }`;

const IN_FLIGHT = {
  http: 'HTTP requests (and sockets)',
  database: 'queries (and pooled connections)',
  cache: 'Redis commands',
  queue: 'publishes',
  email: 'e-mail sends',
  file: 'file operations (and file descriptors)',
};
const fromRequest = (text: string) => `its size comes from the request (\`${text}\`)`;
const fromRows = (query: string) => `its size grows with the rows \`${query}\` returns`;
const fromCaller = (name: string) => `its size is up to the caller (parameter \`${name}\`)`;

function unbounded(operation: string, collection: string, source: string, inFlight: keyof typeof IN_FLIGHT, combinator = 'Promise.all') {
  return { messageId: 'unbounded' as const, data: { combinator, operation, collection, source, inFlight: IN_FLIGHT[inFlight] } };
}

// Cases both runs agree on: type information only confirms what imports and code shape already show.
const valid: Valid[] = [
  // Queries on one connection wait their turn on it: a fan-out opens nothing more (seen in hoppscotch;
  // the query per element is no-n-plus-one's).
  code(PRISMA, `export async function reorder(teamID: string) {
  await prisma.$transaction(async (tx) => {
    const requests = await tx.teamRequest.findMany({ where: { teamID }, select: { id: true } });
    await Promise.all(requests.map((request, i) => tx.teamRequest.update({ where: { id: request.id }, data: { orderIndex: i + 1 } })));
  });
}`),
  // The same through a helper of the file the handle is passed to (Shelf's kit custody data).
  code(PRISMA, `async function inheritData({ tx, assetIds }: { tx: any; assetIds: string[] }) { return tx.asset.findMany({ where: { id: { in: assetIds } }, select: { id: true } }); }
export async function assign(kits: { assetIds: string[] }[]) {
  return prisma.$transaction(async (tx) => Promise.all(kits.map(async (kit) => inheritData({ tx, assetIds: kit.assetIds }))));
}`),
  code(`import { Pool } from 'pg';\nconst pool = new Pool();\n`, `export async function touch(ids: number[]) {
  const client = await pool.connect();
  try { await Promise.all(ids.map((id) => client.query('UPDATE t SET seen = now() WHERE id = $1', [id]))); } finally { client.release(); }
}`),
  // Upstash's client sends the commands of one tick as one HTTP request (auto-pipelining, on by default).
  code(EXPRESS, `import { Redis } from '@upstash/redis';
const redis = Redis.fromEnv();
app.put('/settings', async (req, res) => { await Promise.all(Object.entries(req.body.settings).map(([k, v]) => redis.set('setting:' + k, String(v)))); res.end(); });`),
  // A fixed list of calls, literal arrays and constants.
  code(AXIOS, `export async function f() { const [a, b] = await Promise.all([axios.get('/a'), axios.get('/b')]); return [a, b]; }`),
  code(`const ROUTES = ['/health', '/ready'];
export async function warm() { await Promise.all(ROUTES.map((route) => fetch('http://localhost' + route))); }`),
  code(AXIOS, `const HANDLERS = { users: '/users', orders: '/orders' };
export async function warm() { await Promise.all(Object.values(HANDLERS).map((url) => axios.get(url))); }`),
  code(REDIS, `export async function f() { return Promise.all(['config:a', 'config:b'].map((key) => redis.get(key))); }`),
  // A local literal grown by one element at most, or sorted, stays a fixed list.
  code(AXIOS, `export async function warm(withAdmin: boolean) { const routes = ['/b', '/a']; if (withAdmin) routes.push('/admin'); routes.sort(); await Promise.all(routes.map((route) => axios.get(route))); }`),
  code(PRISMA, `enum Status { Open = 'open', Paid = 'paid' }
export async function counts() { return Promise.all(Object.values(Status).map((status) => prisma.order.count({ where: { status } }))); }`),
  // A limiter bounds it: p-limit, p-map with concurrency.
  code(EXPRESS, AXIOS, P_LIMIT, `const limit = pLimit(5);
app.post('/check', async (req, res) => { res.json(await Promise.all(req.body.urls.map((url: string) => limit(() => axios.get(url))))); });`),
  code(AXIOS, P_LIMIT, `export async function f(urls: string[]) { const limit = pLimit(10); const tasks = urls.map((url) => limit(async () => (await axios.get(url)).data)); return Promise.all(tasks); }`),
  code(AXIOS, `import pMap from 'p-map';
export async function f(urls: string[]) { return pMap(urls, (url) => axios.get(url), { concurrency: 10 }); }`),
  code(GOT, `import PQueue from 'p-queue';
const queue = new PQueue({ concurrency: 4 });
export async function f(urls: string[]) { return Promise.all(urls.map((url) => queue.add(() => got(url)))); }`),
  code(AXIOS, `import Bluebird from 'bluebird';
export async function f(urls: string[]) { return Bluebird.map(urls, (url) => axios.get(url), { concurrency: 5 }); }`),
  code(AXIOS, `import { mapLimit } from 'async';
export async function f(urls: string[]) { return mapLimit(urls, 5, async (url: string) => axios.get(url)); }`),
  // Fixed-size batches: chunk loops, index windows, a constant slice.
  code(AXIOS, `declare function chunks<T>(items: T[], size: number): T[][];
export async function f(ids: string[]) { for (const chunk of chunks(ids, 50)) { await Promise.all(chunk.map((id) => axios.delete('/users/' + id))); } }`),
  code(PG, `import _ from 'lodash';
export async function f(ids: number[]) { for (const group of _.chunk(ids, 100)) { await Promise.all(group.map((id) => pool.query('DELETE FROM sessions WHERE user_id = $1', [id]))); } }`),
  code(REDIS, `const BATCH = 200;
export async function f(keys: string[]) { for (let i = 0; i < keys.length; i += BATCH) { await Promise.all(keys.slice(i, i + BATCH).map((k) => redis.del(k))); } }`),
  code(EXPRESS, AXIOS, `app.post('/preview', async (req, res) => { res.json(await Promise.all(req.body.urls.slice(0, 10).map((url: string) => axios.head(url)))); });`),
  code(AXIOS, `const MAX = 5;
export async function f(urls: string[]) { const first = urls.slice(0, MAX); return Promise.all(first.map((u) => axios.get(u))); }`),
  code(AXIOS, `export async function f(batches: string[][]) { batches.forEach(async (ids) => { await Promise.all(ids.map((id) => axios.get('/u/' + id))); }); }`),
  code(KNEX, `export async function f(ids: number[]) { const batch = ids.slice(0, 500); await Promise.all(batch.map((id) => db('users').where({ id }).update({ seen: true }))); }`),
  // The rows a write by key returns: the client parameter is the receiver, not the size.
  code(DRIZZLE, AXIOS, `export async function rename(db: Db, id: number, name: string) { const rows = await db.update(users).set({ name }).where(eq(users.id, id)).returning(); await Promise.all(rows.map((row) => axios.post('https://hooks.example.com', row))); }`),
  // Prisma's dataloader folds findUnique calls of the same tick into one query.
  code(EXPRESS, PRISMA, `app.post('/users', async (req, res) => { res.json(await Promise.all(req.body.ids.map((id: number) => prisma.user.findUnique({ where: { id } })))); });`),
  code(PRISMA, `export async function f(ids: number[]) { return Promise.all(ids.map(async (id) => prisma.user.findUniqueOrThrow({ where: { id } }))); }`),
  // No I/O the analysis knows of: Blob reads, CPU work, sleeps only.
  `export async function f(files: Blob[]) { return Promise.all(files.map((file) => file.text())); }`,
  `import { createHash } from 'node:crypto';
export async function f(ids: string[]) { return Promise.all(ids.map(async (id) => createHash('sha256').update(id).digest('hex'))); }`,
  `export async function f(ids: string[]) { return Promise.all(ids.map(async (id, i) => { await new Promise((resolve) => setTimeout(resolve, i * 10)); return id; })); }`,
  // Look-alikes: a local object named like a client, a Promise of the file's own.
  `const axios = { get: async (url: string) => url.length };
export async function f(urls: string[]) { return Promise.all(urls.map((u) => axios.get(u))); }`,
  code(AXIOS, `const Promise = { all: (values: unknown[]) => values };
export function f(urls: string[]) { return Promise.all(urls.map((u) => axios.get(u))); }`),
  // Sizes the code does not show: module values, results of unknown functions.
  code(AXIOS, `declare const urls: string[];
export async function f() { return Promise.all(urls.map((u) => axios.get(u))); }`),
  code(AXIOS, `declare function loadUrls(): Promise<string[]>;
export async function f() { const urls = await loadUrls(); return Promise.all(urls.map((u) => axios.get(u))); }`),
  // A query that caps its rows.
  code(PRISMA, AXIOS, `export async function f() { const users = await prisma.user.findMany({ take: 20 }); await Promise.all(users.map((u) => axios.post('/notify', { id: u.id }))); }`),
  // Results of a `Promise.all` over a constant list, a constant object's values, a constant slice: as many as those.
  code(AXIOS, `declare function prepare(path: string): Promise<{ url: string }>;
export async function warm() { await Promise.all((await Promise.all(['/a', '/b'].map(async (p) => prepare(p)))).map(async (m) => axios.get(m.url))); }`),
  code(AXIOS, `declare function prepare(path: string): Promise<{ url: string }>;
const PAGES = { home: '/', about: '/about' };
export async function warm() { const prepared = await Promise.allSettled(Object.values(PAGES).map((p) => prepare(p))); await Promise.all(prepared.map((r) => r.status === 'fulfilled' && axios.get(r.value.url))); }`),
  code(AXIOS, `declare function prepare(path: string): Promise<{ url: string }>;
export async function f(imagesList: string[]) { await Promise.all((await Promise.all(imagesList.slice(0, 10).map(async (p) => prepare(p)))).map(async (m) => axios.get(m.url))); }`),
  // A count, not a collection: the worker-pool pattern.
  code(AXIOS, `export async function f(queue: string[]) {
  async function worker() { let url; while ((url = queue.shift())) await axios.get(url); }
  await Promise.all(Array.from({ length: 4 }, () => worker()));
}`),
  code(AXIOS, `export async function crawl(workers: number, next: () => string | undefined) {
  await Promise.all(Array.from({ length: workers }, async () => { let url; while ((url = next())) await axios.get(url); }));
}`),
  // Promises collected and awaited in batches of ten inside the loop.
  code(GOT, `export async function f(urls: string[]) {
  const pending: Promise<unknown>[] = [];
  for (const url of urls) {
    pending.push(got(url));
    if (pending.length >= 10) { await Promise.all(pending); pending.length = 0; }
  }
  await Promise.all(pending);
}`),
  // Thunks collected per element run later, by whoever calls them.
  code(AXIOS, `export async function f(urls: string[]) { const tasks = urls.map((u) => () => axios.get(u)); return tasks; }`),
  // A fixed-length tuple.
  code(AXIOS, `export async function f(pair: readonly [string, string]) { return Promise.all(pair.map((u) => axios.get(u))); }`),
  // An AWS event's Records: the trigger's batch size caps them.
  code(BULLMQ, `export const handler = async (event: { Records: { body: string }[] }) => { await Promise.all(event.Records.map((r) => emails.add('send', JSON.parse(r.body)))); };`),
  // The I/O runs in a callback registered for later, not per element now.
  code(AXIOS, `import { EventEmitter } from 'node:events';
export async function f(ids: string[], bus: EventEmitter) { await Promise.all(ids.map(async (id) => { bus.on('refresh:' + id, () => axios.get('/u/' + id)); })); }`),
  // The callback's elements are a callback parameter: not a size the code shows.
  code(AXIOS, `export function f(groups: string[][]) { return groups.map((group) => Promise.all(group.map((u) => axios.get(u)))); }`),
  // Helpers followed further by the function summaries, that do no unbounded I/O:
  // only computing, through two levels;
  `function weigh(id: string) { return id.length; }
async function score(id: string) { return weigh(id) * 2; }
export async function f(ids: string[]) { return Promise.all(ids.map((id) => score(id))); }`,
  // I/O two levels down, but behind p-limit at the call, or over a constant array, or in fixed-size batches;
  code(AXIOS, P_LIMIT, `${PROFILE}
const limit = pLimit(4);
export async function f(ids: string[]) { return Promise.all(ids.map((id) => limit(() => loadProfile(id)))); }`),
  code(AXIOS, `${PROFILE}
const REGIONS = ['eu', 'us', 'ap'];
export async function f() { return Promise.all(REGIONS.map((region) => loadProfile(region))); }`),
  code(AXIOS, `${PROFILE}
import _ from 'lodash';
export async function f(ids: string[]) { for (const chunk of _.chunk(ids, 20)) await Promise.all(chunk.map((id) => loadProfile(id))); }`),
  // a limiter inside the helper, around the helper it calls;
  code(AXIOS, P_LIMIT, `const limit = pLimit(4);
async function get(url: string) { return axios.get(url); }
async function limitedGet(url: string) { return wrap(url); }
function wrap(url: string) { return limit(() => get(url)); }
export async function f(urls: string[]) { return Promise.all(urls.map((u) => limitedGet(u))); }`),
  // a Prisma findUnique two levels down (its dataloader batches them);
  code(PRISMA, `async function findOwner(id: number) { return prisma.user.findUnique({ where: { id } }); }
async function owner(id: number) { const found = await findOwner(id); return found; }
export async function f(ids: number[]) { return Promise.all(ids.map((id) => owner(id))); }`),
  // only a sleep, two levels down; I/O registered for later on an emitter.
  `const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function pause(ms: number) { await wait(ms); }
async function settle(id: string) { await pause(10); return id; }
export async function f(ids: string[]) { return Promise.all(ids.map((id) => settle(id))); }`,
  code(AXIOS, `import { EventEmitter } from 'node:events';
function subscribe(id: string, bus: EventEmitter) { bus.on('refresh', () => axios.get('/users/' + id)); }
async function track(id: string, bus: EventEmitter) { subscribe(id, bus); return id; }
export async function f(ids: string[], bus: EventEmitter) { return Promise.all(ids.map((id) => track(id, bus))); }`),
  // A literal grown, but not by a number of elements the client or the caller picks: one conditional push of request
  // input, a loop over another constant list, a constant slice, one chunk, a loop that stops at a cap; a literal never
  // grown while another array is; a fresh literal per element of the loop that grows it.
  code(EXPRESS, AXIOS, `app.post('/warm', async (req, res) => {
  const urls = ['/health'];
  if (req.body.extra) urls.push(req.body.extra);
  res.json(await Promise.all(urls.map((u) => axios.get(u))));
});`),
  code(AXIOS, `export async function warm() { const urls = ['/a']; for (const r of ['b', 'c']) urls.push('/' + r); await Promise.all(urls.map((u) => axios.get(u))); }`),
  code(EXPRESS, AXIOS, `app.post('/check', async (req, res) => {
  const urls = ['/health'];
  for (const u of req.body.urls.slice(0, 10)) urls.push(u);
  res.json(await Promise.all(urls.map((u) => axios.get(u))));
});`),
  code(EXPRESS, AXIOS, `app.post('/check', async (req, res) => {
  const urls = ['/health'];
  urls.push(...req.body.urls.slice(0, 10));
  res.json(await Promise.all(urls.map((u) => axios.get(u))));
});`),
  code(AXIOS, `import _ from 'lodash';
export async function f(ids: string[]) { for (const chunk of _.chunk(ids, 20)) { const urls = ['/health']; urls.push(...chunk); await Promise.all(urls.map((u) => axios.get(u))); } }`),
  code(EXPRESS, AXIOS, `app.post('/check', async (req, res) => {
  const urls = ['/health'];
  for (const u of req.body.urls) { if (urls.length >= 10) break; urls.push(u); }
  res.json(await Promise.all(urls.map((u) => axios.get(u))));
});`),
  code(EXPRESS, AXIOS, `app.post('/check', async (req, res) => {
  const urls = ['/health', '/ready'];
  const others: string[] = [];
  for (const u of req.body.urls) others.push(u);
  res.json({ others, checks: await Promise.all(urls.map((u) => axios.get(u))) });
});`),
  code(EXPRESS, AXIOS, `app.post('/check', async (req, res) => {
  const urls = ['/health'];
  for (const check of ['/ready', '/live']) urls.push(check);
  for (const skipped of req.body.skip) urls.splice(urls.indexOf(skipped), 1);
  res.json(await Promise.all(urls.map((u) => axios.get(u))));
});`),
  code(EXPRESS, AXIOS, `app.post('/avatars', async (req, res) => {
  for (const user of req.body.users) { const urls: string[] = []; urls.push(user.avatar); urls.push(user.banner); await Promise.all(urls.map((u: string) => axios.head(u))); }
  res.end();
});`),
  // Grown from the request, but bounded at the fan-out: p-limit, fixed-size batches.
  code(EXPRESS, AXIOS, P_LIMIT, `const limit = pLimit(5);
app.post('/check', async (req, res) => {
  const urls = ['/health'];
  for (const u of req.body.urls) urls.push(u);
  res.json(await Promise.all(urls.map((u) => limit(() => axios.get(u)))));
});`),
  code(EXPRESS, AXIOS, `import _ from 'lodash';
app.post('/check', async (req, res) => {
  const urls = ['/health'];
  urls.push(...req.body.urls);
  for (const batch of _.chunk(urls, 10)) await Promise.all(batch.map((u) => axios.get(u)));
  res.end();
});`),
];

const invalid: Invalid[] = [
  // One Stripe API request per element (Postiz's charges): each is an HTTPS request to Stripe, all at once.
  {
    code: `import { stripe } from '@/lib/stripe';
export async function invoicesOf(invoiceIds: string[]) { return Promise.all(invoiceIds.map((id) => stripe.invoices.retrieve(id))); }`,
    errors: [unbounded('one `stripe.invoices.retrieve`', 'invoiceIds', fromCaller('invoiceIds'), 'http')],
  },
  // HTTP: axios, fetch, got.
  {
    code: code(EXPRESS, AXIOS, `app.post('/check', async (req, res) => { res.json(await Promise.all(req.body.urls.map((url: string) => axios.get(url)))); });`),
    errors: [unbounded('one `axios.get`', 'req.body.urls', fromRequest('req.body.urls'), 'http')],
  },
  {
    code: `export async function pingAll(urls: string[]) { return Promise.allSettled(urls.map(async (u) => { const r = await fetch(u); return r.ok; })); }`,
    errors: [unbounded('one `fetch`', 'urls', fromCaller('urls'), 'http', 'Promise.allSettled')],
  },
  {
    code: code(GOT, `export async function f(ids: string[]) { const requests = ids.map((id) => got.post('https://api.example.com/sync', { json: { id } })); await Promise.all(requests); }`),
    errors: [unbounded('one `got.post`', 'ids', fromCaller('ids'), 'http')],
  },
  {
    // Promises pushed once per element, awaited together after the loop.
    code: code(EXPRESS, GOT, `app.post('/hooks', async (req, res) => {
  const deliveries = [];
  for (const hook of req.body.hooks) deliveries.push(got.post(hook.url, { json: req.body.event }));
  await Promise.allSettled(deliveries);
  res.end();
});`),
    errors: [unbounded('one `got.post`', 'req.body.hooks', fromRequest('req.body.hooks'), 'http', 'Promise.allSettled')],
  },
  {
    // Bluebird's Promise.all starts them all the same.
    code: code(AXIOS, `import Bluebird from 'bluebird';
export async function f(ids: string[]) { return Bluebird.all(ids.map((id) => axios.get('/u/' + id))); }`),
    errors: [unbounded('one `axios.get`', 'ids', fromCaller('ids'), 'http', 'Bluebird.all')],
  },
  {
    code: code(`import { Body, Controller, Post } from '@nestjs/common';
import axios from 'axios';
@Controller('hooks')
export class HooksController {
  @Post() async fire(@Body() body: { urls: string[] }) { await Promise.all(body.urls.map((u) => axios.post(u))); }
}`),
    errors: [unbounded('one `axios.post`', 'body.urls', fromRequest('@Body()'), 'http')],
  },
  {
    code: code(`import Fastify from 'fastify';
import { request as undiciRequest } from 'undici';
const fastify = Fastify();
fastify.post('/probe', async (request, reply) => { const { hosts } = request.body as { hosts: string[] }; return Promise.all(hosts.map((h) => undiciRequest('https://' + h))); });`),
    errors: [unbounded('one `undiciRequest`', 'hosts', fromRequest('request.body'), 'http')],
  },
  {
    code: code(PG, AXIOS, `export async function notify() { const { rows } = await pool.query('SELECT id FROM users WHERE active'); await Promise.all(rows.map((r) => axios.post('/notify', { id: r.id }))); }`),
    errors: [unbounded('one `axios.post`', 'rows', fromRows('pool.query'), 'http')],
  },
  // Database: Prisma (not findUnique), TypeORM, Mongoose, pg, Knex, raw templates.
  {
    code: code(PRISMA, `export async function reset() {
  const users = await prisma.user.findMany({ where: { name: 'x' } });
  await Promise.all(users.map((u) => prisma.user.update({ where: { id: u.id }, data: { name: 'y' } })));
}`),
    errors: [unbounded('one `prisma.user.update`', 'users', fromRows('prisma.user.findMany'), 'database')],
  },
  {
    code: code(TYPEORM, `export async function rename(items: { id: number; name: string }[]) { await Promise.all(items.map((item) => users.update(item.id, { name: item.name }))); }`),
    errors: [unbounded('one `users.update`', 'items', fromCaller('items'), 'database')],
  },
  {
    code: code(EXPRESS, MONGOOSE, `app.get('/users', async (req, res) => { const ids = String(req.query.ids).split(','); res.json(await Promise.all(ids.map((id) => User.findById(id)))); });`),
    errors: [unbounded('one `User.findById`', 'ids', fromRequest('req.query.ids'), 'database')],
  },
  {
    code: code(EXPRESS, PG, `app.post('/rows', async (req, res) => {
  const pending: Promise<unknown>[] = [];
  req.body.rows.forEach((row: { a: string }) => { pending.push(pool.query('INSERT INTO t (a) VALUES ($1)', [row.a])); });
  await Promise.all(pending);
  res.end();
});`),
    errors: [unbounded('one `pool.query`', 'req.body.rows', fromRequest('req.body.rows'), 'database')],
  },
  // The rows an insert returns are as many as it was given.
  {
    code: code(DRIZZLE, AXIOS, `export async function add(db: Db, names: { name: string }[]) { const rows = await db.insert(users).values(names).returning(); await Promise.all(rows.map((row) => axios.post('https://hooks.example.com', row))); }`),
    errors: [unbounded('one `axios.post`', 'rows', fromCaller('names'), 'http')],
  },
  {
    code: code(KNEX, `export async function touch(ids: number[]) { await Promise.all([...new Set(ids)].map((id) => db('users').where({ id }).update({ seen: true }))); }`),
    errors: [unbounded("one `db('users').where(...).update`", '[...new Set(ids)]', fromCaller('ids'), 'database')],
  },
  {
    code: code(PRISMA, `export async function bump(ids: number[]) { await Promise.all(ids.map((id) => prisma.$executeRaw\`UPDATE "User" SET name = 'x' WHERE id = \${id}\`)); }`),
    errors: [unbounded('one `prisma.$executeRaw`', 'ids', fromCaller('ids'), 'database')],
  },
  {
    // findUnique is batched, the axios call next to it is not.
    code: code(PRISMA, AXIOS, `export async function f(ids: number[]) { return Promise.all(ids.map(async (id) => { const user = await prisma.user.findUnique({ where: { id } }); return axios.post('/sync', user); })); }`),
    errors: [unbounded('one `axios.post`', 'ids', fromCaller('ids'), 'http')],
  },
  // Redis, queues, e-mail, files.
  {
    code: code(EXPRESS, REDIS, `app.put('/settings', async (req, res) => { await Promise.all(Object.entries(req.body.settings).map(([k, v]) => redis.set('setting:' + k, String(v)))); res.end(); });`),
    errors: [unbounded('one `redis.set`', 'Object.entries(req.body.settings)', fromRequest('req.body.settings'), 'cache')],
  },
  {
    code: code(PRISMA, BULLMQ, `export async function welcomeAll() { const fresh = await prisma.user.findMany({ where: { name: 'new' } }); await Promise.all(fresh.filter((u) => u.email).map((u) => emails.add('welcome', { id: u.id }))); }`),
    errors: [unbounded('one `emails.add`', 'fresh.filter(...)', fromRows('prisma.user.findMany'), 'queue')],
  },
  {
    code: code(EXPRESS, MAILER, `app.post('/invite', async (req, res) => { await Promise.all(req.body.emails.map((to: string) => transporter.sendMail({ to, subject: 'Join us' }))); res.end(); });`),
    errors: [unbounded('one `transporter.sendMail`', 'req.body.emails', fromRequest('req.body.emails'), 'email')],
  },
  {
    code: code(FS, `export async function load(paths: string[]) { return Promise.all(paths.map((p) => readFile(p, 'utf8'))); }`),
    errors: [unbounded('one `readFile`', 'paths', fromCaller('paths'), 'file')],
  },
  // Through a function of this file: passed by name, called from the callback, a method of the class.
  {
    code: code(AXIOS, `async function fetchUser(id: string) { const { data } = await axios.get('/users/' + id); return data; }
export async function load(ids: string[]) { return Promise.all(ids.map(fetchUser)); }`),
    errors: [unbounded('one `fetchUser` call (it runs `axios.get`)', 'ids', fromCaller('ids'), 'http')],
  },
  {
    code: code(REDIS, `const cached = async (key: string) => { const hit = await redis.get(key); return hit ?? null; };
export async function load(keys: string[]) { return Promise.all(keys.map((k) => cached('user:' + k))); }`),
    errors: [unbounded('one `cached` call (it runs `redis.get`)', 'keys', fromCaller('keys'), 'cache')],
  },
  {
    code: code(`import { Injectable } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import axios from 'axios';
@Injectable()
export class SyncService {
  async syncAll(accountIds: string[]) { await Promise.all(accountIds.map((id) => this.syncOne(id))); }
  private async syncOne(id: string) { await axios.post('https://crm.example.com/sync', { id }); }
}`),
    errors: [unbounded('one `this.syncOne` call (it runs `axios.post`)', 'accountIds', fromCaller('accountIds'), 'http')],
  },
  // More shapes: spread with other promises, Array.from, derived collections, .then, retries.
  {
    code: code(AXIOS, `declare function audit(): Promise<void>;
export async function purge(ids: string[]) { await Promise.all([...ids.map((id) => axios.delete('/users/' + id)), audit()]); }`),
    errors: [unbounded('one `axios.delete`', 'ids', fromCaller('ids'), 'http')],
  },
  {
    code: code(GOT, `export async function f(ids: Set<string>) { return Promise.all(Array.from(ids, (id) => got('https://api.example.com/' + id).json())); }`),
    errors: [unbounded('one `got`', 'ids', fromCaller('ids'), 'http')],
  },
  {
    code: code(EXPRESS, AXIOS, `app.post('/sync', async (req, res) => { await Promise.all(req.body.items.filter((i: { on: boolean }) => i.on).map((i: { url: string }) => axios.put(i.url))); res.end(); });`),
    errors: [unbounded('one `axios.put`', 'req.body.items.filter(...)', fromRequest('req.body.items'), 'http')],
  },
  {
    code: `declare function token(): Promise<string>;
export async function f(urls: string[]) { return Promise.all(urls.map((u) => token().then((t) => fetch(u, { headers: { authorization: t } })))); }`,
    errors: [unbounded('one `fetch`', 'urls', fromCaller('urls'), 'http')],
  },
  {
    code: code(AXIOS, `import pRetry from 'p-retry';
export async function f(urls: string[]) { return Promise.all(urls.map((u) => pRetry(() => axios.get(u), { retries: 3 }))); }`),
    errors: [unbounded('one `axios.get`', 'urls', fromCaller('urls'), 'http')],
  },
  {
    // A count the client picks.
    code: code(EXPRESS, AXIOS, `app.get('/pages', async (req, res) => { res.json(await Promise.all(Array.from({ length: Number(req.query.pages) }, (_, i) => axios.get('/feed?page=' + i)))); });`),
    errors: [unbounded('one `axios.get`', '{ length: Number(req.query.pages) }', fromRequest('req.query.pages'), 'http')],
  },
  {
    // A slice that starts later still holds all but one element.
    code: code(AXIOS, `export async function f(urls: string[]) { return Promise.all(urls.slice(1).map((u) => axios.get(u))); }`),
    errors: [unbounded('one `axios.get`', 'urls.slice(...)', fromCaller('urls'), 'http')],
  },
  // Further down, through the function summaries: two levels of helpers, a callback the helper waits for.
  {
    code: code(AXIOS, `${PROFILE}
export async function load(ids: string[]) { return Promise.all(ids.map((id) => loadProfile(id))); }`),
    errors: [unbounded('one `loadProfile` call (it runs `axios.get` at file.ts:3, through loadProfile → fetchUser)', 'ids', fromCaller('ids'), 'http')],
  },
  {
    code: code(EXPRESS, MAILER, `declare function withSpan<T>(name: string, fn: () => Promise<T>): Promise<T>;
async function invite(to: string) { await withSpan('invite', async () => { await transporter.sendMail({ to, subject: 'Join us' }); }); }
app.post('/invite', async (req, res) => { await Promise.all(req.body.emails.map((to: string) => invite(to))); res.end(); });`),
    errors: [unbounded('one `invite` call (it runs `transporter.sendMail` at file.ts:11)', 'req.body.emails', fromRequest('req.body.emails'), 'email')],
  },
  // Through the results of another `Promise.all`: as many as the list it was given (seen in Postiz).
  {
    code: code(AXIOS, `declare function prepare(path: string): Promise<{ url: string }>;
export async function post(imagesList: string[]) { await Promise.all((await Promise.all(imagesList.map(async (p) => prepare(p)))).map(async (m) => axios.get(m.url))); }`),
    errors: [unbounded('one `axios.get`', 'await Promise.all(...)', fromCaller('imagesList'), 'http')],
  },
  {
    code: code(EXPRESS, AXIOS, `declare function prepare(path: string): Promise<{ url: string }>;
app.post('/posts', async (req, res) => {
  const images = await Promise.allSettled(req.body.images.map((i: string) => prepare(i)));
  await Promise.all(images.map(async (r) => r.status === 'fulfilled' && axios.post('/upload', r.value)));
  res.end();
});`),
    errors: [unbounded('one `axios.post`', 'images', fromRequest('req.body.images'), 'http')],
  },
  {
    // A slice whose end the client picks.
    code: code(EXPRESS, AXIOS, `const urls = ['a', 'b']; app.get('/x', async (req, res) => { res.json(await Promise.all(req.body.urls.slice(0, Number(req.query.n)).map((u: string) => axios.get(u)))); });`),
    errors: [unbounded('one `axios.get`', 'req.body.urls.slice(...)', fromRequest('req.body.urls'), 'http')],
  },
  // A literal the code grows from input after declaring it: as long as what fills it.
  {
    code: code(EXPRESS, AXIOS, `app.post('/check', async (req, res) => {
  const urls = ['/health'];
  for (const u of req.body.urls) urls.push(u);
  res.json(await Promise.all(urls.map((u) => axios.get(u))));
});`),
    errors: [unbounded('one `axios.get`', 'urls', fromRequest('req.body.urls'), 'http')],
  },
  {
    code: code(EXPRESS, AXIOS, `app.post('/check', async (req, res) => {
  const urls = ['/health'];
  urls.push(...req.body.urls);
  res.json(await Promise.all(urls.map((u) => axios.get(u))));
});`),
    errors: [unbounded('one `axios.get`', 'urls', fromRequest('req.body.urls'), 'http')],
  },
  {
    code: code(AXIOS, `export async function warm(items: { url: string }[]) { const urls = ['/health']; items.forEach((item) => urls.push(item.url)); await Promise.all(urls.map((u) => axios.get(u))); }`),
    errors: [unbounded('one `axios.get`', 'urls', fromCaller('items'), 'http')],
  },
  {
    code: code(AXIOS, `export async function warm(ids: string[]) { const routes = ['/health']; for (const id of ids) routes.unshift('/users/' + id); await Promise.all(routes.map((r) => axios.get(r))); }`),
    errors: [unbounded('one `axios.get`', 'routes', fromCaller('ids'), 'http')],
  },
  {
    code: code(AXIOS, `export async function warm(extra: string[]) { const routes = ['/health', '/ready']; routes.splice(1, 0, ...extra); await Promise.all(routes.map((r) => axios.get(r))); }`),
    errors: [unbounded('one `axios.get`', 'routes', fromCaller('extra'), 'http')],
  },
  {
    // An empty literal filled from the request.
    code: code(EXPRESS, AXIOS, `app.post('/check', async (req, res) => {
  const urls: string[] = [];
  for (const u of req.body.urls) urls.push(u);
  res.json(await Promise.all(urls.map((u) => axios.get(u))));
});`),
    errors: [unbounded('one `axios.get`', 'urls', fromRequest('req.body.urls'), 'http')],
  },
  {
    // A constant list (or a constant slice) per element of the request's list: still one per element of that.
    code: code(EXPRESS, AXIOS, `app.post('/probe', async (req, res) => {
  const urls = ['/health'];
  for (const host of req.body.hosts) for (const path of ['/a', '/b']) urls.push(host + path);
  res.json(await Promise.all(urls.map((u) => axios.get(u))));
});`),
    errors: [unbounded('one `axios.get`', 'urls', fromRequest('req.body.hosts'), 'http')],
  },
  {
    code: code(AXIOS, `export async function warm(users: { links: string[] }[]) {
  const urls = ['/health'];
  for (const user of users) for (const link of user.links.slice(0, 3)) urls.push(link);
  await Promise.all(urls.map((u) => axios.get(u)));
}`),
    errors: [unbounded('one `axios.get`', 'urls', fromCaller('users'), 'http')],
  },
];

const SCRIPT = code(AXIOS, `export async function backfill(ids: string[]) { await Promise.all(ids.map((id) => axios.post('/reindex', { id }))); }`);
const IN_TEST = code(AXIOS, `export async function seed(ids: string[]) { await Promise.all(ids.map((id) => axios.post('/users', { id }))); }`);
const scriptError = unbounded('one `axios.post`', 'ids', fromCaller('ids'), 'http');

// What only a type checker can see: clients that nothing in the file names, tuple aliases.
const CLIENT_FROM_FACTORY = `
declare function getDb(): import('@prisma/client').PrismaClient;
const db = getDb();
export async function purge(ids: number[]) { await Promise.all(ids.map((id) => db.user.delete({ where: { id } }))); }`;
const POOL_ON_OBJECT = `
declare const deps: { pg: import('pg').Pool };
export async function f(ids: number[]) { await Promise.all(ids.map((id) => deps.pg.query('DELETE FROM sessions WHERE user_id = $1', [id]))); }`;
const TUPLE_ALIAS = `
import axios from 'axios';
type Pair = readonly [string, string];
export async function f(pair: Pair) { return Promise.all(pair.map((u) => axios.get(u))); }`;

// Helpers in other files (tests/fixtures/typed/cross-file/accounts.*.ts): only the checker follows calls there.
const ACCOUNTS = `import { AccountClient } from './cross-file/accounts.client';
import { AccountsService } from './cross-file/accounts.service';
`;
const INJECTED_CLIENT = code(ACCOUNTS, `import { Injectable } from '@nestjs/common';
@Injectable()
export class EnrichService {
  constructor(private readonly client: AccountClient) {}
  async enrich(records: readonly { id: number }[]) {
    return Promise.all(records.map((record) => this.client.fetchDetails(record.id)));
  }
}`);
const THROUGH_SERVICE = code(ACCOUNTS, EXPRESS, `const service = new AccountsService(new AccountClient());
app.post('/details', async (req, res) => { res.json(await Promise.all(req.body.ids.map((id: number) => service.details(id)))); });`);
const QUEUED = code(ACCOUNTS, `export async function resync(client: AccountClient, ids: number[]) { await Promise.all(ids.map(async (id) => { await client.publish(id); })); }`);
const crossFileValid: Valid[] = [
  // Queued through the client's own limiter; a findUnique; no I/O; I/O registered for later.
  code(ACCOUNTS, `export async function f(client: AccountClient, ids: number[]) { return Promise.all(ids.map((id) => client.fetchLimited(id))); }`),
  code(ACCOUNTS, `export async function f(client: AccountClient, ids: number[]) { return Promise.all(ids.map((id) => client.owner(id))); }`),
  code(ACCOUNTS, `export async function f(client: AccountClient, ids: number[]) { return Promise.all(ids.map(async (id) => ({ label: client.label(id), url: await client.urlOf(id) }))); }`),
  code(ACCOUNTS, `import { EventEmitter } from 'node:events';
export async function f(client: AccountClient, ids: number[], bus: EventEmitter) { await Promise.all(ids.map(async (id) => client.watch(id, bus))); }`),
  // The request behind the client, bounded at the call: p-limit, a constant list, fixed-size batches.
  code(ACCOUNTS, P_LIMIT, `const limit = pLimit(5);
export async function f(client: AccountClient, ids: number[]) { return Promise.all(ids.map((id) => limit(() => client.fetchDetails(id)))); }`),
  code(ACCOUNTS, `const FEATURED = [1, 2, 3];
export async function f(client: AccountClient) { return Promise.all(FEATURED.map((id) => client.fetchDetails(id))); }`),
  code(ACCOUNTS, `import _ from 'lodash';
export async function f(client: AccountClient, ids: number[]) { for (const chunk of _.chunk(ids, 25)) await Promise.all(chunk.map((id) => client.fetchDetails(id))); }`),
];

// Relative to the typed fixture's folder (the tester's working directory there): an absolute path would put the
// fixture under this repository's own tests/ folder, which the request-path analysis reads as test code.
const SEED_SCRIPT = 'scripts/seed.ts';

// A monorepo's own Prisma package (seen in documenso): its transaction is seen as one, so its tx fan-out opens nothing more.
const WORKSPACE_PRISMA_TRANSACTION = `import { prisma } from '@documenso/prisma';
export async function setFields(fields: { id: number; page: number }[]) {
  return prisma.$transaction(async (tx) => Promise.all(fields.map((field) => tx.field.upsert({ where: { id: field.id }, create: field, update: field }))));
}`;

untypedRuleTester().run('no-unbounded-concurrency', rule, {
  valid: [...valid, ...crossFileValid, WORKSPACE_PRISMA_TRANSACTION, INJECTED_CLIENT, THROUGH_SERVICE, QUEUED, CLIENT_FROM_FACTORY, POOL_ON_OBJECT, { code: IN_TEST, filename: 'src/users.test.ts' }, { code: IN_TEST, filename: 'src/__tests__/users.ts' }],
  invalid: [
    ...invalid,
    // Scripts hammer an API just the same.
    { code: SCRIPT, filename: 'scripts/backfill.ts', errors: [scriptError] },
    // Without types, an alias hides that the parameter is a tuple.
    { code: TUPLE_ALIAS, errors: [unbounded('one `axios.get`', 'pair', fromCaller('pair'), 'http')] },
  ],
});

typedRuleTester().run('no-unbounded-concurrency (typed)', rule, {
  valid: [
    ...valid,
    ...crossFileValid,
    TUPLE_ALIAS,
    // A project object whose `get` is not a client's.
    `declare const store: { get(key: string): Promise<string> }; export async function f(keys: string[]) { return Promise.all(keys.map((k) => store.get(k))); }`,
  ],
  invalid: [
    ...invalid,
    { code: SCRIPT, filename: SEED_SCRIPT, errors: [scriptError] },
    { code: CLIENT_FROM_FACTORY, errors: [unbounded('one `db.user.delete`', 'ids', fromCaller('ids'), 'database')] },
    { code: POOL_ON_OBJECT, errors: [unbounded('one `deps.pg.query`', 'ids', fromCaller('ids'), 'database')] },
    // The benchmark's shape: an injected client whose method calls fetch, in another file.
    { code: INJECTED_CLIENT, errors: [unbounded('one `this.client.fetchDetails` call (it runs `fetch` at accounts.client.ts:27)', 'records', fromCaller('records'), 'http')] },
    {
      code: THROUGH_SERVICE,
      errors: [unbounded('one `service.details` call (it runs `fetch` at accounts.client.ts:27, through details → fetchDetails)', 'req.body.ids', fromRequest('req.body.ids'), 'http')],
    },
    { code: QUEUED, errors: [unbounded('one `client.publish` call (it runs `this.queue.add` at accounts.client.ts:46)', 'ids', fromCaller('ids'), 'queue')] },
  ],
});

import rule, { ADVICE, COST } from '../../rules/no-per-request-client';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TYPED_FIXTURE_DIR, typedRuleTester, untypedRuleTester } from '../rule-tester';

type Library = keyof typeof ADVICE;

/** HTTP clients and agents are reported with the messages linked to "Reuse connections (keep-alive)". */
const HTTP_LIBRARIES = new Set<Library>(['http', 'agentkeepalive', 'undici', 'axios', 'got', 'aws-sdk', 'aws-sdk-v2', 'cloud-storage']);
const HTTP_MESSAGE_IDS = { perRequest: 'perRequestHttp', perRequestFactory: 'perRequestHttpFactory', requestScoped: 'requestScopedHttp' } as const;

/** An expected report: the message's data, with the library's cost and advice filled in. */
function error(base: 'perRequest' | 'perRequestFactory' | 'requestScoped', call: string, client: string, library: Library, factory?: string) {
  const messageId = HTTP_LIBRARIES.has(library) ? HTTP_MESSAGE_IDS[base] : base;
  if (base === 'requestScoped') return { messageId, data: { call, client } };
  return { messageId, data: { call, client, cost: COST[library], advice: ADVICE[library], ...(factory === undefined ? {} : { factory }) } };
}

const express = `import express from 'express';\nconst app = express();\n`;

/** A model probe that keeps its answers in a cache declared at the top of the module, or (no guard) inside the function. */
function modelProbe(cacheIn: 'module' | 'function'): string {
  const cache = 'const infoByModel = new Map<string, unknown>();';
  return `import { BedrockRuntimeClient, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';
${cacheIn === 'module' ? cache : ''}
export async function modelInfo(modelId: string, region: string) {
  ${cacheIn === 'function' ? cache : ''}
  if (infoByModel.has(modelId)) return infoByModel.get(modelId);
  const client = new BedrockRuntimeClient({ region });
  const info = await client.send(new InvokeModelCommand({ modelId, body: '{}' }));
  infoByModel.set(modelId, info);
  return info;
}`;
}

untypedRuleTester().run('no-per-request-client', rule, {
  valid: [
    // An agent installed as the process's dispatcher: every later request uses it (Jellyseerr's proxy set-up).
    `import { Agent, ProxyAgent, setGlobalDispatcher } from 'undici';
     import * as undici from 'undici';
     export async function createCustomProxyAgent(proxyUrl?: string) {
       const defaultAgent = new Agent({ keepAliveTimeout: 5000 });
       if (proxyUrl) { const proxyAgent = new ProxyAgent({ uri: proxyUrl }); setGlobalDispatcher(proxyAgent.compose((dispatch) => dispatch)); return; }
       setGlobalDispatcher(defaultAgent);
     }
     export function direct() { undici.setGlobalDispatcher(new undici.Agent({ connections: 8 })); }`,
    // An AWS client made only to presign: signing is local work, no connection is opened (Papermark's per-team storage).
    `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
     import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
     import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
     export async function link(key: string, region: string, credentials: { accessKeyId: string; secretAccessKey: string }) {
       const client = new S3Client({ region, credentials });
       const upload = new S3Client({ region, credentials });
       return [await getSignedUrl(client, new GetObjectCommand({ Bucket: 'b', Key: key }), { expiresIn: 60 }), await createPresignedPost(upload, { Bucket: 'b', Key: key })];
     }`,
    // A BullMQ queue handed an existing client shares its connection; options kept elsewhere may hold either.
    `import { Queue } from 'bullmq';
     import { redis } from './redis';
     ${express}app.post('/jobs', async (req, res) => { const queue = new Queue('emails', { connection: redis }); await queue.add('send', req.body); await queue.close(); res.sendStatus(202); });`,
    `import { Queue } from 'bullmq';
     import { queueOptions } from './redis';
     export async function enqueue(name: string, data: unknown) { const queue = new Queue(name, queueOptions); await queue.add('job', data); await queue.close(); }`,
    // A connection a blocking read or a subscription holds for one stream of server-sent events, closed when the
    // stream ends (Trigger.dev's realtime streams; node-redis's subscriber likewise).
    `import Redis from 'ioredis';
     ${express}app.get('/runs/:id/stream', async (req, res) => {
       const redis = new Redis({ connectionName: 'realtime' });
       req.on('close', () => { redis.disconnect(); });
       for (;;) { const messages = await redis.xread('COUNT', 100, 'BLOCK', 5000, 'STREAMS', \`stream:\${req.params.id}\`, '$'); if (!messages) continue; res.write(JSON.stringify(messages)); }
     });`,
    `import { createClient } from 'redis';
     ${express}app.get('/events', async (req, res) => {
       const subscriber = createClient();
       await subscriber.connect();
       await subscriber.subscribe('events', (message) => res.write(message));
       req.on('close', () => { void subscriber.quit(); });
     });`,
    // A connection opened only to create a database or its tables, then closed: a provisioning step (Dittofeed's
    // ClickHouse bootstrap, a pg database made for a new tenant).
    `import { createClient } from '@clickhouse/client';
     export async function createClickhouseDb(database: string) {
       const client = createClient({ url: process.env.CLICKHOUSE_URL });
       await client.exec({ query: \`CREATE DATABASE IF NOT EXISTS \${database}\`, clickhouse_settings: { wait_end_of_query: 1 } });
       await client.close();
     }`,
    `import { Client } from 'pg';
     ${express}app.post('/tenants', async (req, res) => {
       const admin = new Client({ connectionString: process.env.ADMIN_URL });
       await admin.connect();
       await admin.query(\`CREATE DATABASE "\${req.body.slug}"\`);
       await admin.end();
       res.status(201).end();
     });`,
    // A probe of settings just entered: connect, `SELECT 1`, close (Tianji's warehouse URL check).
    `import pg from 'pg';
     ${express}app.post('/warehouse/ping', async (req, res) => {
       const client = new pg.Client({ connectionString: req.body.url });
       try { await client.connect(); await client.query('SELECT 1'); res.json({ ok: true }); } catch { res.json({ ok: false }); } finally { await client.end(); }
     });`,
    // A singleton dropped when its connection ends is made again only then.
    `import Redis from 'ioredis';
     let client: Redis | null = null;
     export function getClient() { if (!client) { client = new Redis(); client.on('end', () => { client = null; }); } return client; }`,
    // Workers started by a function another file calls at startup (Openpanel's bootWorkers).
    `import { Worker } from 'bullmq';
     export async function bootWorkers(connection: { host: string }) { const worker = new Worker('events', async () => {}, { connection }); worker.on('failed', (job) => console.error(job)); await worker.waitUntilReady(); }`,
    // A pub/sub pair made together and kept together in one adapter (Docmost's Socket.IO Redis adapter).
    `import Redis from 'ioredis'; import { createAdapter } from '@socket.io/redis-adapter';
     export class WsRedisAdapter { private adapterConstructor: unknown;
       async connectToRedis(): Promise<void> { const pubClient = new Redis(process.env.REDIS_URL!); const subClient = new Redis(process.env.REDIS_URL!); pubClient.on('error', () => {}); this.adapterConstructor = createAdapter(pubClient, subClient); } }`,
    // …with node-redis: the subscriber a duplicate of the publisher (Hexabot), or made by the same factory.
    `import { createClient } from 'redis'; import { createAdapter } from '@socket.io/redis-adapter';
     export class RedisIoAdapter { private adapter: unknown;
       async connectToRedis(): Promise<void> { const pubClient = createClient({ url: process.env.REDIS_URL }); const subClient = pubClient.duplicate(); await Promise.all([pubClient.connect(), subClient.connect()]); this.adapter = createAdapter(pubClient, subClient); } }`,
    `import { createClient } from 'redis'; import { createAdapter } from '@socket.io/redis-adapter';
     export class RedisIoAdapter { private adapter: unknown;
       async connectToRedis(): Promise<void> { const pubClient = createClient(); const subClient = createClient(); this.adapter = createAdapter(pubClient, subClient); } }`,
    // AWS SDK clients made once, and one per region kept in a map (GrowthBook's S3 clients).
    `import { S3Client } from '@aws-sdk/client-s3';
     const s3 = new S3Client({});
     const byRegion = new Map<string, S3Client>();
     export function clientFor(region: string) { let c = byRegion.get(region); if (!c) { c = new S3Client({ region }); byRegion.set(region, c); } return c; }
     ${express}app.get('/f', async (req, res) => { res.json(await s3.send(req.body)); });`,
    // A queue per name, kept for reuse.
    `import { Queue } from 'bullmq';
     const queues = new Map<string, Queue>();
     export function getQueue(name: string) { let q = queues.get(name); if (!q) { q = new Queue(name, { connection: { host: 'redis' } }); queues.set(name, q); } return q; }`,
    // A `loaders/` file makes the module's connection once at startup (medusa's workflow-engine-redis loader).
    {
      code: `import Redis from 'ioredis';
             export default async function redisConnection({ options }) { const connection = new Redis(options.redisUrl); await connection.ping(); return connection; }`,
      filename: 'packages/modules/workflow-engine-redis/src/loaders/redis.ts',
    },
    // A wrapper class made once at module scope (kept in globalThis): its constructor's client is made once.
    // `.on('error', …)` returns the client itself (umami's lib/redis.ts).
    `import { createClient } from 'redis';
     class RedisClient {
       client;
       constructor(url) { const client = createClient({ url }).on('error', console.error); this.client = client; }
     }
     function getClient() { const redis = new RedisClient(process.env.REDIS_URL); globalThis.redis = redis; return redis; }
     const client = globalThis.redis || getClient();
     export default { client };`,
    // Module scope, whatever the library.
    `import { PrismaClient } from '@prisma/client';
     export const prisma = new PrismaClient();
     ${express}app.get('/users', async (req, res) => res.json(await prisma.user.findMany()));`,
    `import { Pool } from 'pg'; import Redis from 'ioredis'; import axios from 'axios'; import got from 'got'; import { Agent } from 'undici';
     const pool = new Pool(); const redis = new Redis(); const api = axios.create({ baseURL: 'https://api.example.com' });
     const github = got.extend({ prefixUrl: 'https://api.github.com' }); const dispatcher = new Agent({ keepAliveTimeout: 10_000 });
     export class Stats { static cache = new Redis(); }`,
    // MikroORM initialised once, a forked EntityManager per request (what MikroORM asks for).
    `import { MikroORM } from '@mikro-orm/core';
     async function bootstrap() { const orm = await MikroORM.init(config); app.use((req, res, next) => { req.em = orm.em.fork(); next(); }); app.listen(3000); }
     bootstrap();`,
    // pool.connect() borrows a connection from the shared pool: that is what a pool is for.
    `import pg from 'pg'; const pool = new pg.Pool();
     ${express}app.get('/orders', async (req, res) => {
       const client = await pool.connect();
       try { res.json((await client.query('select id from orders')).rows); } finally { client.release(); }
     });`,
    // A function that returns what a module-level cache holds for its key, and fills it: its client is made once per
    // key (Flowise's Bedrock model probe, per model id).
    modelProbe('module'),
    // Lazy singletons: ??=, ||=, if (!x) x = …, an early return, the Next.js globalThis pattern.
    `import { PrismaClient } from '@prisma/client';
     let prisma;
     export function db() { prisma ??= new PrismaClient(); return prisma; }
     ${express}app.get('/', async (req, res) => res.json(await db().user.findMany()));`,
    `import { Pool } from 'pg';
     let pool;
     function getPool() { if (!pool) { pool = new Pool({ max: 10 }); } return pool; }
     ${express}app.get('/', async (req, res) => res.json((await getPool().query('select 1')).rows));`,
    `import { MongoClient } from 'mongodb';
     let client = null;
     export async function getClient() { if (client) return client; client = new MongoClient(process.env.MONGO_URL); await client.connect(); return client; }`,
    `import { PrismaClient } from '@prisma/client';
     const globalForPrisma = globalThis;
     export function getPrisma() { return (globalForPrisma.prisma ||= new PrismaClient()); }
     export async function GET() { return Response.json(await getPrisma().user.findMany()); }`,
    { code: `import { PrismaClient } from '@prisma/client';
             export async function GET() { const prisma = globalThis.prisma ?? new PrismaClient(); globalThis.prisma = prisma; return Response.json(await prisma.user.count()); }`, filename: 'app/api/users/route.ts' },
    // The Next.js + mongoose example: a promise cached on a global.
    `import mongoose from 'mongoose';
     let cached = global.mongoose;
     if (!cached) cached = global.mongoose = { conn: null, promise: null };
     export default async function dbConnect() {
       if (cached.conn) return cached.conn;
       if (!cached.promise) cached.promise = mongoose.connect(process.env.MONGODB_URI, { bufferCommands: false }).then((m) => m);
       cached.conn = await cached.promise;
       return cached.conn;
     }`,
    // A memoized getter on a class static, and one on the instance.
    `import Redis from 'ioredis';
     export class Cache {
       static #client;
       static client() { return (Cache.#client ??= new Redis(process.env.REDIS_URL)); }
       static instance() { if (!this.shared) this.shared = new Redis(); return this.shared; }
     }
     ${express}app.get('/', async (req, res) => res.send(await Cache.client().get('k')));`,
    // A pool per tenant, cached in a Map behind a check.
    `import { Pool } from 'pg';
     const pools = new Map();
     ${express}app.get('/t/:tenant', async (req, res) => {
       let pool = pools.get(req.params.tenant);
       if (!pool) { pool = new Pool({ database: req.params.tenant }); pools.set(req.params.tenant, pool); }
       res.json((await pool.query('select 1')).rows);
     });`,
    `import mysql from 'mysql2/promise';
     const pools = {};
     ${express}app.get('/r/:region', async (req, res) => {
       if (!pools[req.params.region]) pools[req.params.region] = mysql.createPool({ host: req.params.region });
       res.json(await pools[req.params.region].query('select 1'));
     });`,
    // once()/memoize() wrappers and closures created once.
    `import Redis from 'ioredis'; import once from 'lodash/once';
     export const getRedis = once(() => new Redis());
     ${express}app.get('/', async (req, res) => res.send(await getRedis().get('k')));`,
    `import { Pool } from 'pg';
     const getPool = (() => { let pool; return () => (pool ??= new Pool()); })();
     ${express}app.get('/', async (req, res) => res.json(await getPool().query('select 1')));`,
    // NestJS: providers, DI-managed constructors and field initialisers, lifecycle hooks.
    `import { Module } from '@nestjs/common'; import Redis from 'ioredis';
     @Module({ providers: [
       { provide: 'REDIS', useFactory: () => new Redis(process.env.REDIS_URL) },
       { provide: 'SUBSCRIBER', useFactory: async (config) => new Redis(config.get('url')), inject: ['CONFIG'] },
     ], exports: ['REDIS'] })
     export class RedisModule {}`,
    // A provider that builds and initialises its client: `connect()`/`initialize()` resolve to the client itself.
    `import { Module } from '@nestjs/common'; import { DataSource } from 'typeorm'; import { MongoClient } from 'mongodb';
     @Module({ providers: [
       { provide: DataSource, useFactory: async () => { const ds = new DataSource({ type: 'postgres' }); return ds.initialize(); } },
       { provide: 'MONGO', useFactory: () => new MongoClient(process.env.MONGO_URL).connect() },
     ] })
     export class DbModule {}`,
    `import { Injectable, OnModuleInit } from '@nestjs/common'; import Redis from 'ioredis'; import { Pool } from 'pg';
     @Injectable() export class RedisService { private readonly client = new Redis(); }
     @Injectable() export class PgService { constructor() { this.pool = new Pool(); } }
     @Injectable() export class Db implements OnModuleInit { async onModuleInit() { this.pool = new Pool(); await this.pool.query('select 1'); } }`,
    // An app factory, startup code, a dedicated subscriber at startup, the listen callback.
    `import { Pool } from 'pg';
     ${express}
     function createApp() { const pool = new Pool(); const app = express(); app.get('/', async (req, res) => res.json(await pool.query('select 1'))); return app; }
     createApp().listen(3000);`,
    `import Redis from 'ioredis';
     async function bootstrap() { const subscriber = new Redis(); await subscriber.subscribe('events'); subscriber.on('message', handle); }
     bootstrap();`,
    `import { createClient } from 'redis';
     let subscriber;
     ${express}app.listen(3000, async () => { subscriber = createClient(); await subscriber.connect(); });`,
    `import fp from 'fastify-plugin'; import { Pool } from 'pg';
     export default fp(async (fastify) => { fastify.decorate('pg', new Pool()); });`,
    // Factories whose callers keep the client: exported, or called at module scope.
    `import Redis from 'ioredis';
     export function createRedis(url) { return new Redis(url); }
     export const redis = createRedis(process.env.REDIS_URL);`,
    `import { Pool } from 'pg'; import { drizzle } from 'drizzle-orm/node-postgres';
     export function createDb(url) { const pool = new Pool({ connectionString: url }); return { pool, db: drizzle(pool) }; }`,
    // undici's `compose` wraps the agent in a dispatcher, returned to the caller (atproto's blob dispatcher).
    `import { Agent, interceptors } from 'undici';
     export function createBlobDispatcher(timeout: number) { const agent = new Agent({ connectTimeout: timeout }); return agent.compose(interceptors.retry({ maxRetries: 3 })); }`,
    // Drizzle's documented options beside the client are configuration: the wrapper still hands the pool on (unkey's db package).
    `import mysql from 'mysql2/promise'; import { drizzle } from 'drizzle-orm/mysql2'; import * as schema from './schema';
     const MODE = 'default';
     export function connect(options) { const pool = mysql.createPool(options); return drizzle(pool, { schema, mode: MODE }); }
     export function connectInline(options) { return drizzle(mysql.createPool(options), { schema, mode: 'default' }); }`,
    // …and so are options passed on whole (Homarr's driver factory), through a const and a private factory.
    `import mysql from 'mysql2'; import { drizzle } from 'drizzle-orm/mysql2';
     export const createMysqlDb = (config: object) => { const connection = createMysqlDbConnection(); return drizzle(connection, { ...config, mode: 'default' }); };
     const createMysqlDbConnection = () => mysql.createPool({ uri: process.env.DB_URL });`,
    // A factory that hands back a way to close the client later: the caller owns it.
    `import { Pool } from 'pg'; import { drizzle } from 'drizzle-orm/node-postgres';
     export function createJobDb(url: string) { const pool = new Pool({ connectionString: url, max: 1 }); return { db: drizzle(pool), disconnect: () => pool.end() }; }`,
    // A pool given to a function typed to return what it is given (unkey's commented pool: a proxy that annotates SQL),
    // then handed back inside another proxy: the caller owns it.
    `import mysql from 'mysql2/promise'; import type { Pool, PoolOptions } from 'mysql2/promise';
     function wrapQueryable<T extends object>(target: T, tags: Record<string, string>): T { return new Proxy(target, { get: (o, p, r) => Reflect.get(o, p, r) }); }
     const wrapAsync = async <T,>(target: T, label: string): Promise<T> => { console.debug(label); return target; };
     export function createCommentedPool(options: PoolOptions, tags: Record<string, string>): Pool {
       const pool = mysql.createPool(options);
       const wrapped = wrapQueryable(pool, tags);
       return new Proxy(wrapped, { get(target, property, receiver) { if (property === 'getConnection') return async () => wrapQueryable(await pool.getConnection(), tags); return Reflect.get(target, property, receiver); } }) as Pool;
     }
     export async function createLabelledPool(options: PoolOptions, label: string) { const pool = mysql.createPool(options); return wrapAsync(pool, label); }`,
    // …or one that returns it inside options (Langfuse's BullMQ queue options), through a factory that may return null.
    `import Redis from 'ioredis';
     const optionsFor = (queueName: string, connection: Redis) => ({ connection, prefix: \`{\${queueName}}\` });
     function createRedis(): Redis | null { const instance = process.env.REDIS_URL ? new Redis(process.env.REDIS_URL) : null; instance?.on('error', () => {}); return instance; }
     export const createQueueOptions = (queueName: string) => { const connection = createRedis(); return connection ? optionsFor(queueName, connection) : null; };`,
    // Connect-once helpers that store what they make, called at startup by another file.
    `import mongoose from 'mongoose';
     export const connectDB = async () => { await mongoose.connect(process.env.MONGO_URI); console.log('connected'); };`,
    `import { MongoClient } from 'mongodb';
     let db;
     export async function connectToDatabase() { const client = new MongoClient(process.env.MONGO_URL); await client.connect(); db = client.db('app'); }
     export class Database { async connect() { this.client = new MongoClient(process.env.MONGO_URL); await this.client.connect(); } }`,
    // mongoose.connect behind a check of the connection state.
    `import mongoose from 'mongoose';
     ${express}app.use(async (req, res, next) => { if (mongoose.connection.readyState !== 1) await mongoose.connect(process.env.MONGO_URI); next(); });`,
    // Wrappers over a shared pool do not open connections.
    `import { Pool } from 'pg'; import { drizzle } from 'drizzle-orm/node-postgres'; import { Kysely, PostgresDialect } from 'kysely';
     const pool = new Pool(); const dialect = new PostgresDialect({ pool });
     ${express}app.get('/', async (req, res) => {
       const db = drizzle(pool); const k = new Kysely({ dialect }); const k2 = new Kysely({ dialect: new PostgresDialect({ pool }) });
       res.json(await db.execute('select 1'));
     });`,
    // Cloudflare Hyperdrive: the platform pools connections; a client per request is the documented pattern.
    `import postgres from 'postgres'; import { Client } from 'pg';
     export default { async fetch(request, env, ctx) {
       const sql = postgres(env.HYPERDRIVE.connectionString);
       const client = new Client({ connectionString: env.HYPERDRIVE.connectionString });
       return Response.json(await sql\`select 1\`);
     } };`,
    // Scripts, migrations, seeds and tests.
    `#!/usr/bin/env node
     import pg from 'pg';
     async function run() { const client = new pg.Client(); await client.connect(); await client.query('vacuum'); await client.end(); }
     run();`,
    { code: `import { Client } from 'pg'; export async function backfill() { const c = new Client(); await c.connect(); await c.end(); }`, filename: 'scripts/backfill.ts' },
    { code: `import { PrismaClient } from '@prisma/client'; export async function main() { const prisma = new PrismaClient(); await prisma.user.create({ data: {} }); }`, filename: 'prisma/seed.ts' },
    { code: `import { DataSource } from 'typeorm'; export async function up() { const ds = new DataSource({ type: 'postgres' }); await ds.initialize(); }`, filename: 'src/migrations/001-init.ts' },
    { code: `import Redis from 'ioredis'; it('caches', async () => { const redis = new Redis(); await redis.set('k', 'v'); await redis.quit(); });`, filename: 'src/cache.test.ts' },
    // Singletons by hand: a private constructor behind getInstance(), a service instantiated once at module scope.
    `import { Pool } from 'pg';
     export default class Database {
       static instance;
       constructor() { this.pool = new Pool(); }
       static getInstance() { if (!Database.instance) { Database.instance = new Database(); } return Database.instance; }
     }`,
    `import { PrismaClient } from '@prisma/client';
     export class UserService { prisma = new PrismaClient(); list() { return this.prisma.user.findMany(); } }
     export default new UserService();`,
    // Handed to a DI container or a Fastify instance that keeps it.
    `import { asValue, createContainer } from 'awilix'; import { container } from 'tsyringe'; import { Pool } from 'pg'; import Redis from 'ioredis';
     export function buildContainer() { const c = createContainer(); c.register({ db: asValue(new Pool()) }); container.registerInstance('redis', new Redis()); return c; }`,
    // A connection factory (formbricks' jobs package) that passes the client through a logging wrapper with a label.
    `import IORedis from 'ioredis'; import { logger } from './logger';
     const withErrorLogging = (connection: IORedis, label: string): IORedis => { connection.on('error', (error) => logger.error({ error, label })); return connection; };
     export const createProducerConnection = (url: string): IORedis => withErrorLogging(new IORedis(url, { maxRetriesPerRequest: 1 }), 'producer');`,
    // A middleware factory (called once, when mounted) whose session store keeps the client.
    `import session from 'express-session'; import RedisStore from 'connect-redis'; import { createClient } from 'redis';
     export function sessions() { return session({ store: new RedisStore({ client: createClient() }), secret: process.env.SECRET }); }`,
    // A connect helper that returns the client: its caller keeps it.
    `import { createClient } from 'redis';
     export async function connectRedis() { const client = createClient(); await client.connect(); return client; }`,
    // …or hands it out through the promise it returns: `resolve(cxn)` in the executor, from a callback inside it
    // (NodeBB's Redis connection, made once at startup by its callers).
    `const { createClient, createCluster } = require('redis');
     const connection = module.exports;
     connection.connect = async function (options) {
       return new Promise((resolve, reject) => {
         let cxn;
         if (options.cluster) { cxn = createCluster({ rootNodes: options.cluster }); } else { cxn = createClient({ ...options.options }); }
         cxn.on('error', (err) => reject(err));
         cxn.connect().then(() => { resolve(cxn); });
       });
     };`,
    // A `function` executor with its own name for resolve, the promise as an arrow's body.
    `import Redis from 'ioredis';
     export const connectRedis = (url: string) => new Promise(function (done, fail) { const client = new Redis(url); client.once('ready', () => { done(client); }); client.once('error', fail); });`,
    // The client resolved as it is made.
    `import Redis from 'ioredis';
     export const connectRedis = (url: string) => new Promise((resolve) => { resolve(new Redis(url)); });`,
    // A promise awaited, and its result returned.
    `import { Pool } from 'pg';
     export async function openPool(url: string) { const pool = await new Promise((resolve) => { const p = new Pool({ connectionString: url }); p.on('connect', () => { resolve(p); }); }); return pool; }`,
    // Hyperdrive through Hono's context.
    `import { Hono } from 'hono'; import { Client } from 'pg';
     const app = new Hono();
     app.get('/', async (c) => { const client = new Client({ connectionString: c.env.HYPERDRIVE.connectionString }); await client.connect(); return c.json((await client.query('select 1')).rows); });`,
    // Look-alikes: not a client, or not from a client package.
    `${express}app.get('/', async (req, res) => { const ctrl = new AbortController(); const url = new URL(req.url, 'http://x'); const seen = new Map(); res.end(); });`,
    `class Pool { constructor(size) { this.size = size; } }
     ${express}app.get('/', (req, res) => { const workers = new Pool(4); res.json(workers.size); });`,
    `import { Pool } from './worker-pool'; import { createClient } from '@supabase/supabase-js';
     ${express}app.get('/', (req, res) => { const pool = new Pool(4); const supabase = createClient(url, key, { global: { headers: { Authorization: req.headers.authorization } } }); res.end(); });`,
    `import { Client } from '@elastic/elasticsearch';
     ${express}app.get('/', async (req, res) => { const es = new Client({ node: 'http://localhost:9200' }); res.json(await es.info()); });`,
    // A client kept in a property of a local object that the function returns: the caller keeps it (crowd.dev's
    // models(), whose result databaseInit() in another file caches).
    `import { Sequelize } from 'sequelize';
     async function models() {
       const database = {};
       const sequelize = new Sequelize(process.env.DATABASE_URL, { dialect: 'postgres' });
       database.sequelize = sequelize;
       await sequelize.authenticate();
       return database;
     }
     export default models;`,
    `import Redis from 'ioredis';
     export default function connections() { const conns = { redis: null }; conns.redis = new Redis(process.env.REDIS_URL); return conns; }`,
    // One agent per batch job, used for every element in the loop and closed at the end (crowd.dev's packages worker).
    `import { ProxyAgent } from 'undici';
     import { ingestOne } from './ingest';
     export async function ingestNpmPackageBatch(purls: string[], proxy?: string) {
       const dispatcher = proxy ? new ProxyAgent(proxy) : undefined;
       try {
         for (const purl of purls) await ingestOne(purl, dispatcher);
       } finally {
         await dispatcher?.close();
       }
     }`,
    // …in a nested loop, without a close, and in an iteration callback.
    `import { Agent, request } from 'undici';
     export async function backfillLane(packages) {
       const agent = new Agent({ connections: 4 });
       for (const pkg of packages) {
         for (const range of pkg.ranges) await request(rangeUrl(pkg, range), { dispatcher: agent });
       }
     }
     export async function pingAll(urls: string[]) {
       const dispatcher = new Agent();
       await Promise.all(urls.map((url) => request(url, { dispatcher })));
       await dispatcher.close();
     }`,
    // A listener that mentions the client does not hand it out; the function's own `return` still does (an exported
    // factory, its callers elsewhere), as do a factory arrow, `resolve` from a listener, and a `.then` callback.
    `import Redis from 'ioredis'; import { createClient } from 'redis'; import { Pool } from 'pg';
     export function makeClient() { const client = new Redis(); client.on('error', () => console.error(client)); return client; }
     export const makeRedis = () => createClient().on('error', (e) => console.error(e));
     export function connect(url: string) { return new Promise((resolve) => { const cxn = createClient({ url }); cxn.on('ready', () => resolve(cxn)); void cxn.connect(); }); }
     export function open() { const pool = new Pool(); pool.on('error', () => console.error(pool)); return pool.connect().then(() => pool); }
     export function setup() { const client = new Redis(); client.on('error', () => console.error(client)); return { getClient: () => client }; }`,
    // A lazy singleton whose client is an option of the cached value (erxes's SES transporter).
    `import AWS from 'aws-sdk'; import nodemailer from 'nodemailer';
     let transporter: ReturnType<typeof nodemailer.createTransport> | undefined;
     export async function getTransporter(region: string) { if (transporter) return transporter; transporter = nodemailer.createTransport({ SES: new AWS.SES({ region, apiVersion: '2010-12-01' }) }); return transporter; }`,
    // A factory whose returned closure sends through the agent it made (Papra's webhook client, made once at start).
    `import { Agent } from 'undici'; import { ofetch } from 'ofetch';
     export function createWebhookHttpClient({ safe }: { safe: boolean }) {
       const ssrfSafeAgent = safe ? new Agent({ connect: { timeout: 5000 } }) : undefined;
       return async ({ url, ...options }: { url: string }) => { const response = await ofetch.raw(url, { ...options, dispatcher: ssrfSafeAgent, timeout: 5000 }); return response.status; };
     }
     export const createSender = () => { const agent = new Agent(); return (url: string) => ofetch(url, { dispatcher: agent, timeout: 5000 }); };`,
    // …a client made behind a check of long-lived state, with a listener that mentions it, in a handler or a method.
    `import Redis from 'ioredis';
     let shared: Redis | undefined;
     ${express}app.get('/k', async (req, res) => {
       if (!shared) { const client = new Redis(); client.on('error', () => console.error(client)); shared = client; }
       res.json(await shared.get(String(req.query.k)));
     });
     export class Cache { client?: Redis;
       async read(key: string) { if (!this.client) { const client = new Redis(); client.on('error', () => console.error(client)); this.client = client; } return this.client.get(key); } }`,
    // Named functions that hand the client out: a factory called for the return, a listener beside the function's own
    // return, one also called for the return, and an exported one (other files may call it) registered as a listener.
    `import Redis from 'ioredis';
     export function connect() { const make = () => new Redis(); return make(); }
     export function withListener() { const client = new Redis(); const log = () => console.error(client); client.on('error', log); return client; }
     export function exposed() { const client = new Redis(); const expose = () => client; client.on('ready', expose); return expose(); }
     export function onReady() { return new Redis(); }
     emitter.on('ready', onReady);`,
    // A reconnecting listener in a connect helper another file calls at startup: mongoose keeps its connection.
    `import mongoose from 'mongoose';
     export const connectDB = async () => { mongoose.connection.on('disconnected', () => mongoose.connect(process.env.MONGO_URI)); await mongoose.connect(process.env.MONGO_URI); };`,
    // Method calls that hand the client out or keep it (unlike a log line): a promise of it, a wrapper method, a keyed
    // cache, and pools filled by an initialiser.
    `import Redis from 'ioredis'; import { Pool } from 'pg';
     const pools: Pool[] = []; const clients = new Set<Redis>();
     export function resolved() { const client = new Redis(); return Promise.resolve(client); }
     export class Clients { cache = new Map(); wrap(c) { return c; }
       make() { const client = new Redis(); return this.wrap(client); }
       keyed(key: string) { const client = new Redis(); this.cache.set(key, client); } }
     export function wrapped() { const client = new Redis(); return new Service(client); }
     export function initPools(size: number) { for (let i = 0; i < size; i++) { const pool = new Pool(); pools.push(pool); } }
     export function track() { const client = new Redis(); clients.add(client); }`,
  ],
  invalid: [
    // A client per request that reads rows, closed or not; one that creates a table and is never closed; one handed on.
    {
      code: `import { Client } from 'pg';
             ${express}app.get('/users', async (req, res) => { const client = new Client(); await client.connect(); await client.query('CREATE TEMP TABLE t (id int)'); const { rows } = await client.query('SELECT id FROM users'); await client.end(); res.json(rows); });`,
      errors: [{ messageId: 'perRequest' }],
    },
    {
      code: `import { createClient } from '@clickhouse/client';
             ${express}app.post('/tables', async (req, res) => { const client = createClient(); await client.exec({ query: 'CREATE TABLE IF NOT EXISTS events (id UInt64) ENGINE = MergeTree ORDER BY id' }); res.end(); });`,
      errors: [{ messageId: 'perRequest' }],
    },
    {
      code: `import { Client } from 'pg';
             import { drizzle } from 'drizzle-orm/node-postgres';
             ${express}app.post('/setup', async (req, res) => { const client = new Client(); await client.connect(); await client.query('CREATE SCHEMA IF NOT EXISTS app'); const db = drizzle(client); res.json(await db.execute('select 1')); await client.end(); });`,
      errors: [{ messageId: 'perRequest' }],
    },
    // A probe that goes on to read rows is a client per request.
    {
      code: `import pg from 'pg';
             ${express}app.get('/users', async (req, res) => { const client = new pg.Client(); await client.connect(); await client.query('SELECT 1'); const { rows } = await client.query('SELECT id FROM users'); await client.end(); res.json(rows); });`,
      errors: [{ messageId: 'perRequest' }],
    },
    // A client per request for plain commands, closed or not, and a blocking read never closed (it leaks the connection).
    {
      code: `import Redis from 'ioredis';
             ${express}app.get('/count', async (req, res) => { const redis = new Redis(); const n = await redis.get('count'); await redis.quit(); res.json({ n }); });`,
      errors: [{ messageId: 'perRequest' }],
    },
    {
      code: `import Redis from 'ioredis';
             ${express}app.get('/next', async (req, res) => { const redis = new Redis(); const job = await redis.blpop('jobs', 5); res.json({ job }); });`,
      errors: [{ messageId: 'perRequest' }],
    },
    {
      code: `import Redis from 'ioredis';
             ${express}app.get('/tail', async (req, res) => { const redis = new Redis(); const entries = await redis.xread('COUNT', 10, 'STREAMS', 'log', '0'); await redis.quit(); res.json(entries); });`,
      errors: [{ messageId: 'perRequest' }],
    },
    {
      // A function that takes the client with data and returns something else uses it (`count(pool, table)`), though it
      // is generic; so does one typed to return what it is given at another position, or one returning what it read.
      code: `import { Pool } from 'pg';
             function count<T extends string>(pool: Pool, table: T): Promise<number> { return pool.query(\`select count(*) from \${table}\`).then((r) => r.rowCount ?? 0); }
             function tagged<T>(label: T, pool: Pool): T { void pool; return label; }
             const total = (table: string, pool: Pool) => ({ table, rows: pool.query(\`select count(*) from \${table}\`) });
             ${express}app.get('/users', async (req, res) => { const pool = new Pool(); res.json(await count(pool, 'users')); });
             app.get('/label', async (req, res) => { const pool = new Pool(); res.json(tagged('x', pool)); });
             app.get('/total', async (req, res) => { const pool = new Pool(); res.json(await total('users', pool).rows); });`,
      errors: [error('perRequest', 'new Pool()', 'pg Pool', 'pg'), error('perRequest', 'new Pool()', 'pg Pool', 'pg'), error('perRequest', 'new Pool()', 'pg Pool', 'pg')],
    },
    {
      // A listener's expression body that mentions the client is no `return` of the function that makes it: a client
      // per call, made directly or through a helper a handler calls.
      code: `import Redis from 'ioredis'; import { Client } from 'pg';
             export async function read(key: string) { const client = new Redis(); client.on('error', () => console.error(client)); return client.get(key); }
             export async function rows(sql: string) { const client = new Client(); client.on('end', function () { return debug(client); }); await client.connect(); return (await client.query(sql)).rows; }
             function connect() { const client = new Redis(); client.once('error', (e) => logger.warn(client)); setTimeout(() => console.log(client), 10); return client; }
             ${express}app.get('/k', async (req, res) => { const client = connect(); res.json(await client.get(String(req.query.k))); });`,
      errors: [
        error('perRequest', 'new Redis()', 'ioredis client', 'ioredis'),
        error('perRequest', 'new Client()', 'pg Client', 'pg'),
        error('perRequestFactory', 'new Redis()', 'ioredis client', 'ioredis', 'connect()'),
      ],
    },
    {
      // A request handler registering such a listener.
      code: `import Redis from 'ioredis';
             ${express}app.get('/k', async (req, res) => { const client = new Redis(); client.on('error', () => console.error(client)); res.json(await client.get(String(req.query.k))); });`,
      errors: [error('perRequest', 'new Redis()', 'ioredis client', 'ioredis')],
    },
    {
      // A named function only ever registered as a listener or timer returns nothing to the function that makes the
      // client: a client per call, made directly or through a helper a handler calls.
      code: `import Redis from 'ioredis'; import { Client } from 'pg';
             export async function read(key: string) { const client = new Redis(); const log = () => console.error(client); client.on('error', log); return client.get(key); }
             export async function rows(sql: string) { const client = new Client(); function onEnd() { return report(client); } client.on('end', onEnd); await client.connect(); return (await client.query(sql)).rows; }
             function connect() { const client = new Redis(); const onError = (e) => notify(client); client.once('error', onError); setTimeout(onError, 10); return client; }
             ${express}app.get('/k', async (req, res) => { const client = connect(); res.json(await client.get(String(req.query.k))); });`,
      errors: [
        error('perRequest', 'new Redis()', 'ioredis client', 'ioredis'),
        error('perRequest', 'new Client()', 'pg Client', 'pg'),
        error('perRequestFactory', 'new Redis()', 'ioredis client', 'ioredis', 'connect()'),
      ],
    },
    {
      // A client made by a listener, inline or through a factory, is made per event: what the listener returns is dropped.
      code: `import Redis from 'ioredis'; import { Pool } from 'pg';
             function makeClient() { return new Redis(); }
             function makePool() { return new Pool(); }
             export function subscribe(emitter) { emitter.on('message', () => makeClient()); }
             export function subscribeNamed(emitter) { const onMessage = () => { return makePool(); }; emitter.on('message', onMessage); }
             export function subscribeInline(emitter) { emitter.on('message', () => new Redis()); }`,
      errors: [
        error('perRequestFactory', 'new Redis()', 'ioredis client', 'ioredis', 'makeClient()'),
        error('perRequestFactory', 'new Pool()', 'pg Pool', 'pg', 'makePool()'),
        error('perRequest', 'new Redis()', 'ioredis client', 'ioredis'),
      ],
    },
    {
      // A log line that mentions the client does not hand it out: `.catch(() => console.error(client))` returns nothing
      // of it. A client pushed into a module-level pool right in a handler is still one per request.
      code: `import Redis from 'ioredis';
             export async function read(key: string) { const client = new Redis(); return client.get(key).catch(() => console.error(client)); }
             export async function write(key: string) { const client = new Redis(); return client.set(key, '1').finally(() => logger.info(client)); }
             const pool: Redis[] = [];
             ${express}app.get('/x', (req, res) => { const client = new Redis(); pool.push(client); res.end(); });`,
      errors: [
        error('perRequest', 'new Redis()', 'ioredis client', 'ioredis'),
        error('perRequest', 'new Redis()', 'ioredis client', 'ioredis'),
        error('perRequest', 'new Redis()', 'ioredis client', 'ioredis'),
      ],
    },
    // A project function of the same name keeps nothing we know of.
    {
      code: `import { Agent } from 'undici'; import { setGlobalDispatcher } from './dispatchers';
             export async function fetchWith(url: string) { const agent = new Agent(); setGlobalDispatcher(agent); return url; }`,
      errors: [error('perRequest', 'new Agent()', 'undici Agent', 'undici')],
    },
    // A client used for a presign and to send: the send opens its connections.
    {
      code: `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
             import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
             export async function link(key: string, region: string) { const client = new S3Client({ region }); await client.send(new GetObjectCommand({ Bucket: 'b', Key: key })); return getSignedUrl(client, new GetObjectCommand({ Bucket: 'b', Key: key })); }`,
      errors: [error('perRequest', 'new S3Client()', 'AWS S3Client', 'aws-sdk')],
    },
    // AWS SDK clients, made per send or per request (Dittofeed's SES destination, its blob storage).
    {
      code: `import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
             import * as s3 from '@aws-sdk/client-s3';
             export async function sendMail(to: string, region: string) { const client = new SESv2Client({ region }); await client.send(new SendEmailCommand({ Destination: { ToAddresses: [to] } })); }
             ${express}app.get('/files/:key', async (req, res) => { const storage = new s3.S3({ region: 'eu-west-1' }); res.json(await storage.getObject({ Bucket: 'b', Key: req.params.key })); });`,
      errors: [error('perRequest', 'new SESv2Client()', 'AWS SESv2Client', 'aws-sdk'), error('perRequest', 'new s3.S3()', 'AWS S3 client', 'aws-sdk')],
    },
    // AWS SDK v2, Google Cloud Storage and Azure Blob Storage clients made per file read (erxes's file helpers).
    {
      code: `import AWS from 'aws-sdk';
             import S3 from 'aws-sdk/clients/s3';
             import { Storage } from '@google-cloud/storage';
             import { BlobServiceClient } from '@azure/storage-blob';
             ${express}app.get('/files/:key', async (req, res) => {
               const v2 = new AWS.S3({ region: 'eu-west-1' });
               const direct = new S3();
               const gcs = new Storage({ keyFilename: 'key.json' });
               const azure = BlobServiceClient.fromConnectionString(process.env.AZURE!);
               res.json([await v2.getObject({ Bucket: 'b', Key: req.params.key }).promise(), direct, await gcs.bucket('b').file(req.params.key).download(), azure]);
             });`,
      errors: [
        error('perRequest', 'new AWS.S3()', 'AWS S3 client', 'aws-sdk-v2'),
        error('perRequest', 'new S3()', 'AWS S3 client', 'aws-sdk-v2'),
        error('perRequest', 'new Storage()', 'Google Cloud Storage client', 'cloud-storage'),
        error('perRequest', 'BlobServiceClient.fromConnectionString()', 'Azure BlobServiceClient', 'cloud-storage'),
      ],
    },
    // Wrapped beside a value that is no client made here, the second client is used on the spot.
    {
      code: `import Redis from 'ioredis'; import { createAdapter } from '@socket.io/redis-adapter';
             ${express}app.get('/ws', (req, res) => { const subClient = new Redis(); const adapter = createAdapter(req.app.locals.pub, subClient); res.json(adapter); });`,
      errors: [error('perRequest', 'new Redis()', 'ioredis client', 'ioredis')],
    },
    // A pair whose other half is no sibling made here (a client of the request's app, duplicated there).
    {
      code: `import { createClient } from 'redis'; import { createAdapter } from '@socket.io/redis-adapter';
             ${express}app.get('/ws', (req, res) => { const pubClient = createClient(); const subClient = makeSubscriber(); const adapter = createAdapter(pubClient, subClient); res.json(adapter); });`,
      errors: [error('perRequest', 'createClient()', 'redis client', 'redis')],
    },
    // A cache of the function's own, made anew by every call, guards nothing.
    {
      code: modelProbe('function'),
      errors: [{ messageId: 'perRequestHttp' }],
    },
    // ClickHouse's client per request (HyperDX's query proxy); one kept at module scope is fine.
    {
      code: `import { createClient } from '@clickhouse/client';
             const shared = createClient({ url: process.env.CLICKHOUSE_URL });
             ${express}app.post('/query', async (req, res) => { const client = createClient({ url: process.env.CLICKHOUSE_URL, username: req.user.name }); res.json(await client.query({ query: req.body.sql })); void shared; });`,
      errors: [error('perRequest', 'createClient()', 'ClickHouse client', 'clickhouse')],
    },
    // BullMQ: a queue with its own connection settings, and a worker (it opens a blocking connection either way).
    {
      code: `import { Queue, Worker } from 'bullmq';
             ${express}app.post('/jobs', async (req, res) => {
               const queue = new Queue('emails', { connection: { host: 'redis', port: 6379 } });
               await queue.add('send', req.body);
               res.sendStatus(202);
             });
             app.post('/drain', async (req, res) => {
               const worker = new Worker('emails', async () => {}, { connection: sharedRedis });
               await worker.run();
               res.sendStatus(204);
             });`,
      errors: [error('perRequest', 'new Queue()', 'BullMQ Queue', 'bullmq'), error('perRequest', 'new Worker()', 'BullMQ Worker', 'bullmq')],
    },
    // Data beside the client, even inside an object, is a use of it: the client is made for this one call.
    {
      code: `import pg from 'pg'; import { runQuery } from './db';
             export async function countUsers(params) { const pool = new pg.Pool(); return runQuery(pool, { text: 'select count(*) from users', values: params }); }`,
      errors: [error('perRequest', 'new pg.Pool()', 'pg Pool', 'pg')],
    },
    // The same wrapper made in a handler: `.on(…)` passes the client on to the instance, made per request.
    {
      code: `import { createClient } from 'redis';
             class RedisCache { client; constructor(url) { this.client = createClient({ url }).on('error', console.error); } }
             ${express}app.get('/x', async (req, res) => { const cache = new RedisCache('redis://cache'); res.json(await cache.client.get('k')); });`,
      errors: [error('perRequestFactory', 'createClient()', 'redis client', 'redis', 'new RedisCache()')],
    },
    {
      code: `import { PrismaClient } from '@prisma/client';
             ${express}app.get('/users', async (req, res) => { const prisma = new PrismaClient(); res.json(await prisma.user.findMany()); });`,
      errors: [error('perRequest', 'new PrismaClient()', 'PrismaClient', 'prisma')],
    },
    {
      // A one-off client per call: connected, used and closed each time.
      code: `import pg from 'pg';
             export async function findUser(id) {
               const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
               await client.connect();
               try { return (await client.query('select * from users where id = $1', [id])).rows[0]; } finally { await client.end(); }
             }`,
      errors: [error('perRequest', 'new pg.Client()', 'pg Client', 'pg')],
    },
    {
      code: `const mysql = require('mysql2/promise');
             fastify.get('/orders', async (request) => { const conn = await mysql.createConnection({ host: 'db' }); const [rows] = await conn.query('select 1'); await conn.end(); return rows; });`,
      errors: [error('perRequest', 'mysql.createConnection()', 'mysql2 connection', 'mysql2')],
    },
    // Closed by a callback of this run (`.finally(…)`): still one connection per request.
    {
      code: `const mysql = require('mysql2/promise');
             fastify.get('/orders', async (request) => { const conn = await mysql.createConnection({ host: 'db' }); return conn.query('select 1').finally(() => conn.end()); });`,
      errors: [error('perRequest', 'mysql.createConnection()', 'mysql2 connection', 'mysql2')],
    },
    {
      code: `import { Controller, Get } from '@nestjs/common'; import Redis from 'ioredis';
             @Controller('cache') export class CacheController { @Get() async read() { const redis = new Redis(); return redis.get('k'); } }`,
      errors: [error('perRequest', 'new Redis()', 'ioredis client', 'ioredis')],
    },
    {
      code: `import { createClient } from 'redis';
             export async function GET() { const client = await createClient({ url: process.env.REDIS_URL }).connect(); return Response.json(await client.get('k')); }`,
      filename: 'app/api/cache/route.ts',
      errors: [error('perRequest', 'createClient()', 'redis client', 'redis')],
    },
    {
      code: `import { MongoClient } from 'mongodb';
             export default async function handler(req, res) { const client = await MongoClient.connect(process.env.MONGO_URL); res.json(await client.db().collection('users').find().toArray()); }`,
      filename: 'pages/api/users.ts',
      errors: [error('perRequest', 'MongoClient.connect()', 'MongoClient', 'mongodb')],
    },
    {
      code: `import mongoose from 'mongoose';
             ${express}app.get('/', async (req, res) => { const conn = mongoose.createConnection(process.env.MONGO_URI); res.json(await conn.model('User').find()); });
             app.post('/', async (req, res) => { await mongoose.connect(process.env.MONGO_URI); res.end(); });`,
      errors: [
        error('perRequest', 'mongoose.createConnection()', 'mongoose connection', 'mongoose'),
        { messageId: 'connectPerRequest', data: { call: 'mongoose.connect()' } },
      ],
    },
    {
      code: `const { Sequelize } = require('sequelize'); const knex = require('knex'); import { DataSource } from 'typeorm'; import { MikroORM } from '@mikro-orm/postgresql';
             ${express}app.get('/a', async (req, res) => { const sequelize = new Sequelize(process.env.DATABASE_URL); res.json(await sequelize.query('select 1')); });
             app.get('/b', async (req, res) => { const db = knex({ client: 'pg', connection: process.env.DATABASE_URL }); res.json(await db('users')); });
             app.get('/c', async (req, res) => { const ds = new DataSource({ type: 'postgres' }); await ds.initialize(); res.end(); });
             app.get('/d', async (req, res) => { const orm = await MikroORM.init(config); res.json(await orm.em.find('User', {})); });`,
      errors: [
        error('perRequest', 'new Sequelize()', 'Sequelize instance', 'sequelize'),
        error('perRequest', 'knex()', 'knex instance', 'knex'),
        error('perRequest', 'new DataSource()', 'TypeORM DataSource', 'typeorm'),
        error('perRequest', 'MikroORM.init()', 'MikroORM instance', 'mikro-orm'),
      ],
    },
    {
      // One report for a Kysely that builds its own pool; drizzle over a URL opens a pool too.
      code: `import { Kysely, PostgresDialect } from 'kysely'; import { Pool } from 'pg'; import { drizzle } from 'drizzle-orm/node-postgres';
             ${express}app.get('/', async (req, res) => {
               const db = new Kysely({ dialect: new PostgresDialect({ pool: new Pool({ connectionString: process.env.DATABASE_URL }) }) });
               const orm = drizzle(process.env.DATABASE_URL);
               const wrapped = drizzle(new Pool());
               res.end();
             });`,
      errors: [
        error('perRequest', 'new Kysely()', 'Kysely instance', 'kysely'),
        error('perRequest', 'drizzle()', 'drizzle database', 'drizzle'),
        error('perRequest', 'new Pool()', 'pg Pool', 'pg'),
      ],
    },
    {
      // Given data besides the client, a call uses the client rather than wrapping it: still one client per request.
      code: `import { Client } from 'pg'; import { runQuery } from './db';
             export const load = (sql: string) => runQuery(new Client(), sql);
             ${express}app.get('/', async (req, res) => { res.json(await load('select 1')); });`,
      errors: [error('perRequest', 'new Client()', 'pg Client', 'pg')],
    },
    {
      // A dispatcher in a request's options serves that request alone, whatever happens to the response (AnythingLLM's
      // collector client and its Ollama fetch wrapper).
      code: `import { Agent } from 'undici';
             export class CollectorApi { async process(data: string) { return await fetch('http://collector/process', { method: 'POST', body: data, dispatcher: new Agent({ headersTimeout: 600000 }) }).then((res) => res.json()); } }
             export const slowFetch = (input: string, init: RequestInit = {}) => fetch(input, { ...init, dispatcher: new Agent({ headersTimeout: 600000 }) });`,
      errors: [error('perRequest', 'new Agent()', 'undici Agent', 'undici'), error('perRequest', 'new Agent()', 'undici Agent', 'undici')],
    },
    {
      // A client in the options of a call whose result is only used here: made per request.
      code: `import Redis from 'ioredis';
             ${express}app.get('/stats', async (req, res) => { const stats = await collectStats({ client: new Redis() }); res.json(stats); });`,
      errors: [error('perRequest', 'new Redis()', 'ioredis client', 'ioredis')],
    },
    {
      // A closure that uses the agent but is handed to a helper, not out of the handler: the agent dies with the request.
      code: `import { Agent, request } from 'undici';
             ${express}app.get('/mirror', async (req, res) => {
               const agent = new Agent({ connections: 2 });
               const bodies = await withRetries(() => request('https://mirror.example.com', { dispatcher: agent }));
               res.json(bodies);
             });`,
      errors: [error('perRequest', 'new Agent()', 'undici Agent', 'undici')],
    },
    {
      // HTTP agents and dispatchers per request never reuse a connection.
      code: `import https from 'node:https'; import { Agent, request } from 'undici'; import axios from 'axios';
             ${express}app.get('/proxy', async (req, res) => {
               const upstream = await axios.get('https://api.example.com', { httpsAgent: new https.Agent({ keepAlive: true, lookup: sharedLookup }) });
               const other = await request('https://other.example.com', { dispatcher: new Agent({ connections: 10 }) });
               const client = axios.create({ baseURL: 'https://api.example.com' });
               res.json(upstream.data);
             });`,
      errors: [
        error('perRequest', 'new https.Agent()', 'http Agent', 'http'),
        error('perRequest', 'new Agent()', 'undici Agent', 'undici'),
        error('perRequest', 'axios.create()', 'axios instance', 'axios'),
      ],
    },
    {
      code: `import got from 'got';
             export class GithubService { async repos(token) { const api = got.extend({ headers: { authorization: token } }); return api.get('repos').json(); } }`,
      errors: [error('perRequest', 'got.extend()', 'got instance', 'got')],
    },
    {
      // A factory called from a handler.
      code: `import Redis from 'ioredis';
             function makeClient() { return new Redis(process.env.REDIS_URL); }
             ${express}app.get('/', async (req, res) => { const redis = makeClient(); res.send(await redis.get('k')); });`,
      errors: [error('perRequestFactory', 'new Redis()', 'ioredis client', 'ioredis', 'makeClient()')],
    },
    {
      // A repository that builds its pool, instantiated per request.
      code: `import { Pool } from 'pg';
             class UserRepo { constructor() { this.pool = new Pool(); } list() { return this.pool.query('select * from users'); } }
             ${express}app.get('/users', async (req, res) => { const repo = new UserRepo(); res.json((await repo.list()).rows); });`,
      errors: [error('perRequestFactory', 'new Pool()', 'pg Pool', 'pg', 'new UserRepo()')],
    },
    {
      // Request-scoped NestJS providers and per-request contexts.
      code: `import { Injectable, Module, Scope, Inject } from '@nestjs/common'; import { REQUEST } from '@nestjs/core'; import { PrismaClient } from '@prisma/client'; import Redis from 'ioredis';
             @Injectable({ scope: Scope.REQUEST }) export class TenantPrisma { constructor() { this.client = new PrismaClient({ datasourceUrl: tenantUrl() }); } }
             @Injectable() export class TenantCache { constructor(@Inject(REQUEST) req) { this.redis = new Redis(req.tenant.redisUrl); } }
             @Module({ providers: [{ provide: 'DB', scope: Scope.REQUEST, useFactory: () => new PrismaClient() }] }) export class TenantModule {}`,
      errors: [
        error('requestScoped', 'new PrismaClient()', 'PrismaClient', 'prisma'),
        error('requestScoped', 'new Redis()', 'ioredis client', 'ioredis'),
        error('requestScoped', 'new PrismaClient()', 'PrismaClient', 'prisma'),
      ],
    },
    {
      code: `import { PrismaClient } from '@prisma/client';
             export const createContext = async ({ req }) => ({ req, prisma: new PrismaClient() });`,
      errors: [error('requestScoped', 'new PrismaClient()', 'PrismaClient', 'prisma')],
    },
    {
      // A job: every tick opens a new connection.
      code: `import { Client } from 'pg';
             setInterval(async () => { const client = new Client(); await client.connect(); await client.query('delete from sessions where expires < now()'); await client.end(); }, 60_000);`,
      errors: [error('perRequest', 'new Client()', 'pg Client', 'pg')],
    },
    {
      // Stored without a check, right in a handler: replaced (and leaked) on every request.
      code: `import { Pool } from 'pg'; import Redis from 'ioredis';
             let pool; const clients = new Map();
             ${express}app.get('/', async (req, res) => { pool = new Pool(); clients.set(req.id, new Redis()); res.end(); });`,
      errors: [
        error('perRequest', 'new Pool()', 'pg Pool', 'pg'),
        error('perRequest', 'new Redis()', 'ioredis client', 'ioredis'),
      ],
    },
    {
      // A closure "singleton" that lives only as long as the request.
      code: `import postgres from 'postgres';
             ${express}app.get('/', async (req, res) => { let sql; const db = () => (sql ??= postgres(process.env.DATABASE_URL)); res.json(await db()\`select 1\`); });`,
      errors: [error('perRequest', 'postgres()', 'postgres.js pool', 'postgres')],
    },
    {
      // A helper that connects, lends the connection and closes it: one connection per call.
      code: `import mysql from 'mysql2/promise';
             export async function withConnection(fn) { const conn = await mysql.createConnection({ host: 'db' }); try { return await fn(conn); } finally { await conn.end(); } }`,
      errors: [error('perRequest', 'mysql.createConnection()', 'mysql2 connection', 'mysql2')],
    },
    {
      // A pool per shard on every call; a queue (and its Redis connection) per request; a pool per request on req.
      code: `import { Pool } from 'pg'; import { Queue } from 'bullmq'; import Redis from 'ioredis';
             export async function pingShards(shards) { const pools = shards.map((s) => new Pool(s)); return Promise.all(pools.map((p) => p.query('select 1'))); }
             ${express}app.post('/jobs', async (req, res) => { const queue = new Queue('emails', { connection: new Redis() }); await queue.add('send', req.body); res.end(); });
             app.use((req, res, next) => { req.db = new Pool(); next(); });`,
      errors: [
        error('perRequest', 'new Pool()', 'pg Pool', 'pg'),
        error('perRequest', 'new Redis()', 'ioredis client', 'ioredis'),
        error('perRequest', 'new Pool()', 'pg Pool', 'pg'),
      ],
    },
    {
      // A GraphQL server's context function runs for every request.
      code: `import { PrismaClient } from '@prisma/client';
             await startStandaloneServer(server, { context: async ({ req }) => ({ prisma: new PrismaClient(), token: req.headers.authorization }) });`,
      errors: [error('requestScoped', 'new PrismaClient()', 'PrismaClient', 'prisma')],
    },
    {
      // A Prisma client generated into the project.
      code: `import { PrismaClient } from '../generated/prisma';
             export async function listUsers() { const prisma = new PrismaClient(); const users = await prisma.user.findMany(); await prisma.$disconnect(); return users; }`,
      errors: [error('perRequest', 'new PrismaClient()', 'PrismaClient', 'prisma')],
    },
    {
      // A property of a local object that never leaves the function: still a client per call.
      code: `import { Pool } from 'pg';
             export async function countUsers() { const opts: any = {}; opts.client = new Pool(); const { rows } = await opts.client.query('select count(*) from users'); return rows; }`,
      errors: [error('perRequest', 'new Pool()', 'pg Pool', 'pg')],
    },
    {
      // A local object holding the client, returned by a factory that a handler calls.
      code: `import { Pool } from 'pg';
             function makeDb() { const db: any = {}; db.pool = new Pool(); return db; }
             ${express}app.get('/', async (req, res) => { const db = makeDb(); res.json((await db.pool.query('select 1')).rows); });`,
      errors: [error('perRequestFactory', 'new Pool()', 'pg Pool', 'pg', 'makeDb()')],
    },
    {
      // Made for each element of the batch, used once, also outside the loop, or in a loop it leaves after one request.
      code: `import { ProxyAgent, Agent, request } from 'undici';
             export async function ingestBatch(purls: string[], proxy: string) {
               for (const purl of purls) { const dispatcher = new ProxyAgent(proxy); await ingestOne(purl, dispatcher); await dispatcher.close(); }
             }
             export async function ingestSingle(purl: string, proxy: string) { const dispatcher = new ProxyAgent(proxy); try { await ingestOne(purl, dispatcher); } finally { await dispatcher.close(); } }
             export async function ingestWithHead(head: string, purls: string[]) {
               const agent = new Agent(); await request(head, { dispatcher: agent });
               for (const purl of purls) await request(purl, { dispatcher: agent });
             }
             export async function firstReachable(urls: string[]) {
               const agent = new Agent();
               for (const url of urls) { return await request(url, { dispatcher: agent }); }
             }`,
      errors: [
        error('perRequest', 'new ProxyAgent()', 'undici ProxyAgent', 'undici'),
        error('perRequest', 'new ProxyAgent()', 'undici ProxyAgent', 'undici'),
        error('perRequest', 'new Agent()', 'undici Agent', 'undici'),
        error('perRequest', 'new Agent()', 'undici Agent', 'undici'),
      ],
    },
    {
      // A promise that carries the client to nobody: dropped, or resolved with something else than the client.
      code: `import { createClient } from 'redis'; import pg from 'pg';
             export function warmUp(url: string) { new Promise((resolve) => { const c = createClient({ url }); c.connect().then(() => resolve(c)); }); }
             export function rows(sql: string) { return new Promise((resolve) => { const c = new pg.Client(); c.query(sql, (err, r) => { resolve(r.rows); }); }); }`,
      errors: [error('perRequest', 'createClient()', 'redis client', 'redis'), error('perRequest', 'new pg.Client()', 'pg Client', 'pg')],
    },
    {
      // Resolved from an event callback (`() => resolve(c)` is no factory of its own), the promise dropped.
      code: `import Redis from 'ioredis';
             export function warmUp(url: string) { new Promise((resolve) => { const c = new Redis(url); c.once('ready', () => resolve(c)); }); }`,
      errors: [error('perRequest', 'new Redis()', 'ioredis client', 'ioredis')],
    },
    {
      // A factory that resolves its client, called by a request handler: a client per request, through the factory.
      code: `import { createClient } from 'redis';
             function connectRedis(url: string) { return new Promise((resolve, reject) => { const c = createClient({ url }); c.on('error', reject); c.connect().then(() => resolve(c)); }); }
             ${express}app.get('/x', async (req, res) => { const c = await connectRedis(req.query.url); res.json(await c.get('k')); });`,
      errors: [error('perRequestFactory', 'createClient()', 'redis client', 'redis', 'connectRedis()')],
    },
    {
      // A request handler's loop runs over one request's payload: the agent is still made for every request.
      code: `import { Agent, request } from 'undici';
             ${express}app.post('/fetch-all', async (req, res) => {
               const agent = new Agent();
               for (const url of req.body.urls) await request(url, { dispatcher: agent });
               res.end();
             });`,
      errors: [error('perRequest', 'new Agent()', 'undici Agent', 'undici')],
    },
  ],
});

typedRuleTester().run('no-per-request-client (typed)', rule, {
  valid: [
    `import { Pool } from 'pg'; import express from 'express';
     const pool = new Pool(); const app = express();
     app.get('/', async (_req, res) => { const client = await pool.connect(); try { res.json((await client.query('select 1')).rows); } finally { client.release(); } });`,
    `import { PrismaClient } from '@prisma/client';
     let prisma: PrismaClient | undefined;
     export function db(): PrismaClient { return (prisma ??= new PrismaClient()); }`,
    // drizzle handed a pool, known by its type.
    `import { Pool } from 'pg'; import { drizzle } from 'drizzle-orm/node-postgres';
     declare const shared: Pool;
     export async function count() { const db = drizzle(shared); return db.$count; }`,
    // A class of the project that happens to be called Pool.
    `class Pool { constructor(readonly size: number) {} }
     export function workers(): number { return new Pool(4).size; }`,
    `import https from 'node:https';
     export const agent = new https.Agent({ keepAlive: true });
     export async function call(url: string) { return fetch(url); }`,
    // An agent for one call on purpose: fresh timings with no reuse (Tianji's monitor), or a lookup pinned to the
    // addresses just checked against SSRF (Karakeep's and Linkwarden's fetches).
    `import https from 'node:https'; import http from 'node:http'; import axios from 'axios';
     ${express}app.get('/check', async (req, res) => {
       const options = { keepAlive: false, maxCachedSessions: 0 };
       const agent = new https.Agent(options);
       res.json(await axios.get(String(req.query.url), { httpsAgent: agent, timeout: 5000 }));
     });
     app.get('/fetch', async (req, res) => {
       const addresses = await resolveChecked(String(req.query.url));
       const plain = new http.Agent({ lookup: (host, options, callback) => callback(null, addresses[0], 4) });
       const secure = new https.Agent({ lookup: createPinnedLookup(addresses) });
       res.json(await axios.get(String(req.query.url), { httpAgent: plain, httpsAgent: secure, timeout: 5000 }));
     });
     declare function createPinnedLookup(addresses: string[]): never;
     declare function resolveChecked(url: string): Promise<string[]>;`,
    `import { Module, Injectable, OnModuleDestroy } from '@nestjs/common'; import Redis from 'ioredis'; import axios from 'axios';
     export const http = axios.create({ timeout: 5000 });
     @Injectable() export class CacheService implements OnModuleDestroy { private readonly client = new Redis(); async onModuleDestroy() { await this.client.quit(); } }
     @Module({ providers: [CacheService, { provide: 'SUB', useFactory: (): Redis => new Redis() }] }) export class CacheModule {}`,
    // A project class that shares a client's name; a per-request Hyperdrive binding.
    `class Redis { get(key: string): string { return key; } }
     export function read(): string { return new Redis().get('k'); }`,
    `import { Client } from 'pg';
     interface Env { HYPERDRIVE: { connectionString: string } }
     export default { async fetch(_request: Request, env: Env) { const client = new Client({ connectionString: env.HYPERDRIVE.connectionString }); await client.connect(); return Response.json((await client.query('select 1')).rows); } };`,
    `import Redis from 'ioredis';
     const connections = new Map<string, Redis>();
     export function forTenant(id: string): Redis { let r = connections.get(id); if (!r) { r = new Redis(); connections.set(id, r); } return r; }`,
    // One dispatcher per batch, used for every element; a client kept in a returned local object.
    `import { ProxyAgent } from 'undici';
     declare function ingestOne(purl: string, dispatcher?: ProxyAgent): Promise<void>;
     export async function ingestBatch(purls: string[], proxy?: string): Promise<void> {
       const dispatcher = proxy ? new ProxyAgent(proxy) : undefined;
       try { for (const purl of purls) await ingestOne(purl, dispatcher); } finally { await dispatcher?.close(); }
     }`,
    `import { Sequelize } from 'sequelize';
     export default async function models(): Promise<{ sequelize?: Sequelize }> {
       const database: { sequelize?: Sequelize } = {};
       const sequelize = new Sequelize('db', 'user', 'password', { dialect: 'postgres' });
       database.sequelize = sequelize;
       await sequelize.authenticate();
       return database;
     }`,
    // A connect helper that hands its client out through the promise it returns.
    `import { createClient, type RedisClientType } from 'redis';
     export async function connect(url: string): Promise<RedisClientType> {
       return new Promise<RedisClientType>((resolve, reject) => {
         const cxn = createClient({ url }) as RedisClientType;
         cxn.on('error', reject);
         void cxn.connect().then(() => { resolve(cxn); });
       });
     }`,
    // A factory that registers a listener mentioning its client and then returns it.
    `import Redis from 'ioredis';
     export function makeClient(): Redis { const client = new Redis(); client.on('error', () => console.error(client)); return client; }`,
    // …a named listener, and a named factory called for the return.
    `import Redis from 'ioredis';
     export function makeClient(): Redis { const client = new Redis(); const log = (): void => console.error(client); client.on('error', log); return client; }
     export function connect(): Redis { const make = (): Redis => new Redis(); return make(); }`,
  ],
  invalid: [
    {
      // The listener's body is no return of `read`: a client per call.
      code: `import Redis from 'ioredis';
             export async function read(key: string): Promise<string | null> { const client = new Redis(); client.on('error', () => console.error(client)); return client.get(key); }`,
      errors: [error('perRequest', 'new Redis()', 'ioredis client', 'ioredis')],
    },
    {
      // …nor is a named listener's, nor a log line's; a listener's client is made per event.
      code: `import Redis from 'ioredis'; import { EventEmitter } from 'node:events';
             export async function read(key: string): Promise<string | null> { const client = new Redis(); const log = (): void => console.error(client); client.on('error', log); return client.get(key); }
             export async function write(key: string): Promise<unknown> { const client = new Redis(); return client.set(key, '1').catch(() => console.warn(client)); }
             function makeClient(): Redis { return new Redis(); }
             export function subscribe(emitter: EventEmitter): void { emitter.on('message', () => makeClient()); }`,
      errors: [
        error('perRequest', 'new Redis()', 'ioredis client', 'ioredis'),
        error('perRequest', 'new Redis()', 'ioredis client', 'ioredis'),
        error('perRequestFactory', 'new Redis()', 'ioredis client', 'ioredis', 'makeClient()'),
      ],
    },
    {
      code: `import { PrismaClient } from '@prisma/client'; import express from 'express';
             const app = express();
             app.get('/users', async (_req, res) => { const prisma = new PrismaClient(); res.json(await prisma.user.findMany({ select: { id: true } })); });`,
      errors: [error('perRequest', 'new PrismaClient()', 'PrismaClient', 'prisma')],
    },
    {
      code: `import Redis from 'ioredis';
             export async function getSession(id: string) { const redis = new Redis(); const value = await redis.get(id); redis.disconnect(); return value; }`,
      errors: [error('perRequest', 'new Redis()', 'ioredis client', 'ioredis')],
    },
    {
      code: `import mysql from 'mysql2/promise';
             export async function orders() { const pool = mysql.createPool({ host: 'db' }); const [rows] = await pool.query('select 1'); await pool.end(); return rows; }`,
      errors: [error('perRequest', 'mysql.createPool()', 'mysql2 pool', 'mysql2')],
    },
    {
      code: `import { Agent, request } from 'undici';
             export async function ping(url: string) { const res = await request(url, { dispatcher: new Agent() }); return res.statusCode; }`,
      errors: [error('perRequest', 'new Agent()', 'undici Agent', 'undici')],
    },
    {
      // Types find constructors that imports alone do not show.
      code: `declare const Pool: typeof import('pg').Pool;
             declare const createPool: typeof import('mysql2/promise').createPool;
             export async function load() { const pool = new Pool(); const other = createPool({}); return [await pool.query('select 1'), await other.query('select 1')]; }`,
      errors: [
        error('perRequest', 'new Pool()', 'pg Pool', 'pg'),
        error('perRequest', 'createPool()', 'mysql2 pool', 'mysql2'),
      ],
    },
    {
      code: `import { Injectable, Scope } from '@nestjs/common'; import { PrismaClient } from '@prisma/client';
             @Injectable({ scope: Scope.REQUEST }) export class TenantPrisma { readonly client = new PrismaClient(); }`,
      errors: [error('requestScoped', 'new PrismaClient()', 'PrismaClient', 'prisma')],
    },
    {
      // drizzle given a connection string, known by its type.
      code: `import { drizzle } from 'drizzle-orm/node-postgres';
             declare const url: string;
             export async function users() { const db = drizzle(url); return db.execute('select 1'); }`,
      errors: [error('perRequest', 'drizzle()', 'drizzle database', 'drizzle')],
    },
    {
      // The promise that carries the client is dropped: a client per call.
      code: `import { createClient } from 'redis';
             export function warmUp(url: string): void { void new Promise((resolve) => { const cxn = createClient({ url }); cxn.on('ready', () => resolve(cxn)); void cxn.connect(); }); }`,
      errors: [error('perRequest', 'createClient()', 'redis client', 'redis')],
    },
    {
      // A dispatcher made for each element of the batch.
      code: `import { ProxyAgent } from 'undici';
             declare function ingestOne(purl: string, dispatcher: ProxyAgent): Promise<void>;
             export async function ingestBatch(purls: string[], proxy: string): Promise<void> {
               for (const purl of purls) { const dispatcher = new ProxyAgent(proxy); await ingestOne(purl, dispatcher); await dispatcher.close(); }
             }`,
      errors: [error('perRequest', 'new ProxyAgent()', 'undici ProxyAgent', 'undici')],
    },
  ],
});

// A factory other server modules call only while they load (cross-file/limiters.ts: Typebot's rate limiters, one
// ioredis client each, made once) against one they call inside a function, which may run per request.
const cacheClientsFile = 'cross-file/cache-clients.ts';
const cacheClientsCode = readFileSync(path.join(TYPED_FIXTURE_DIR, cacheClientsFile), 'utf8');
typedRuleTester().run('no-per-request-client: a factory called while other modules load (typed)', rule, {
  valid: [],
  invalid: [{ code: cacheClientsCode, filename: cacheClientsFile, errors: [{ messageId: 'perRequest', line: 14 }] }],
});
untypedRuleTester().run('no-per-request-client: without types, a factory called elsewhere may serve requests', rule, {
  valid: [],
  invalid: [{ code: cacheClientsCode, filename: cacheClientsFile, errors: [{ messageId: 'perRequest', line: 7 }, { messageId: 'perRequest', line: 14 }] }],
});

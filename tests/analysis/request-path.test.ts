import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { compileGlob } from '../../src/analysis/request-path';
import { requestPathProbe as probe } from './request-path-probe';
import { typedRuleTester, untypedRuleTester } from '../rule-tester';


/** A case whose `here()` calls are classified as `expected`, in order. */
function at(code: string, expected: string[], extra: { filename?: string; options?: [{ scripts?: string[] }] } = {}) {
  return { code, ...extra, errors: expected.map((where) => ({ messageId: 'where' as const, data: { where } })) };
}

describe('compileGlob', () => {
  it('matches **, *, ? and braces', () => {
    expect(compileGlob('**/scripts/**')('scripts/seed.ts')).toBe(true);
    expect(compileGlob('**/scripts/**')('packages/api/scripts/a/b.ts')).toBe(true);
    expect(compileGlob('**/scripts/**')('src/scriptsx/a.ts')).toBe(false);
    expect(compileGlob('**/*.cli.*')('src/tool.cli.ts')).toBe(true);
    expect(compileGlob('**/*.cli.*')('src/toolcli.ts')).toBe(false);
    expect(compileGlob('tests/**')('tests/a.ts')).toBe(true);
    expect(compileGlob('tests/**')('src/tests/a.ts')).toBe(false);
    expect(compileGlob('src/{jobs,tasks}/*.ts')('src/tasks/a.ts')).toBe(true);
    expect(compileGlob('src/{jobs,tasks}/*.ts')('src/other/a.ts')).toBe(false);
    expect(compileGlob('src/?.ts')('src/a.ts')).toBe(true);
    expect(compileGlob('src/?.ts')('src/ab.ts')).toBe(false);
    // No slash: matches the base name anywhere.
    expect(compileGlob('*.seed.ts')('db/users.seed.ts')).toBe(true);
  });

  it('stays fast on pathological globs', () => {
    const start = Date.now();
    const pattern = `${'*a'.repeat(30)}b`;
    expect(compileGlob(pattern)('a'.repeat(5000))).toBe(false);
    expect(compileGlob(`${'**/'.repeat(30)}x`)(`${'a/'.repeat(2000)}y`)).toBe(false);
    expect(Date.now() - start).toBeLessThan(1000);
  });
});

describe('request-path analysis on pathological files', () => {
  function lint(code: string) {
    const linter = new Linter({ configType: 'flat' });
    return linter.verify(
      code,
      [{ files: ['**/*.ts'], languageOptions: { parser: tsParser as never }, plugins: { probe: { rules: { where: probe as never } } }, rules: { 'probe/where': 'error' } }],
      'src/server.ts',
    );
  }

  it('answers quickly for a huge cycle, a long call chain and deeply nested wrappers', () => {
    const clique = Array.from({ length: 60 }, (_, i) => `function c${i}() { here(); ${Array.from({ length: 60 }, (_, j) => `c${j}();`).join(' ')} }`).join('\n');
    const chain = Array.from({ length: 400 }, (_, i) => `function d${i}() { here(); d${i + 1}(); }`).join('\n');
    const wrappers = `export const h = ${'wrap('.repeat(300)}(req, res) => here()${')'.repeat(300)};`;
    const start = Date.now();
    const messages = lint(`${clique}\nc0();\n${chain}\nd0();\n${wrappers}`);
    expect(messages.filter((message) => message.fatal)).toEqual([]);
    expect(messages).toHaveLength(60 + 400 + 1);
    expect(Date.now() - start).toBeLessThan(10_000);
  });
});

untypedRuleTester().run('analysis-request-path', probe, {
  valid: ['const x = 1;'],
  invalid: [
    // Module top level, handlers registered there, and their helpers.
    at('here();', ['off:module-top-level']),
    at(
      `import express from 'express';
       const app = express();
       app.get('/users', async (req, res) => { here(); res.json([]); });
       app.use((req, res, next) => { here(); next(); });
       app.listen(3000, () => here());`,
      ['on:handler', 'on:handler', 'off:listen-callback'],
    ),
    at(
      `const router = Router();
       router.route('/x').get((req, res) => here()).post(function (req, res) { here(); });
       userRouter.delete('/:id', [auth, (req, res) => here()]);`,
      ['on:handler', 'on:handler', 'on:handler'],
    ),
    // A receiver named nothing like an app, created by an app factory.
    at(`import Koa from 'koa'; const web = new Koa(); web.use(async (ctx) => { here(); });`, ['on:handler']),
    // An unknown receiver: the callback runs where the registration does (top level).
    at(`cache.get('k', () => here());`, ['off:module-top-level']),
    at(`app.get('/', asyncHandler(async (req, res) => { here(); }));`, ['on:handler']),
    // A value made once under a name while the module loads (Trigger.dev's `singleton('prisma', () => …)`); wrappers
    // whose result serves requests take the request's arguments, or no name.
    at(`import { singleton } from './utils/singleton';\nfunction getClient() { here(); return {}; }\nexport const prisma = singleton('prisma', () => getClient());\nexport const telemetry = singleton('telemetry', () => { here(); return {}; });`, ['off:startup', 'off:startup']),
    at(`import { createJob } from './job';\nexport const renewals = createJob('renewals', '0 0 * * *', async () => { here(); });`, ['on:server-function']),
    at(`import { withAuth } from './auth';\nexport const handler = withAuth('admin', async (req: unknown) => { here(req); });`, ['on:server-function']),
    // …but a Prisma query listener set up there runs for every query.
    at(`import { PrismaClient } from '@prisma/client';\nexport const logged = remember('logged', () => { const client = new PrismaClient(); client.$on('query', (e) => { here(e); }); return client; });`, ['on:handler']),
    at(`import memoize from 'lodash/memoize';\nexport const loadConfig = memoize(() => { here(); return {}; });`, ['on:server-function']),
    at(`export function make() { return singleton('x', () => { here(); return {}; }); }`, ['on:server-function']),
    at(`export const listUsers = catchAsync(async (req, res) => { here(); });`, ['on:server-function']),
    at(`const h = (req, res) => { here(); }; app.post('/x', h);`, ['on:handler']),
    at(`function helper() { here(); } app.get('/', (req, res) => { helper(); });`, ['on:server-function']),
    at(`function helper() { here(); } export function other() { helper(); }`, ['on:server-function']),
    // Functions only used by startup code.
    at(`function connect() { here(); } connect();`, ['off:startup']),
    at(`async function bootstrap() { here(); await connectDb(); } function connectDb() { here(); } bootstrap();`, ['off:startup', 'off:startup']),
    at(`export async function bootstrap() { here(); }`, ['off:startup']),
    // Loading an environment file prepares the process before anything runs (Latitude's development env loader).
    at(`import { config as loadDotenv } from 'dotenv';\nexport function loadDevelopmentEnvironments(url: string) { here(); loadDotenv({ path: url }); }`, ['off:startup']),
    at(`import dotenv from 'dotenv';\nexport function prepare() { if (here()) dotenv.config(); }`, ['off:startup']),
    at(`export function prepare() { here(); require('dotenv').config(); }`, ['off:startup']),
    // A function that builds the NestJS application is startup or build code, whatever its name (Hoppscotch's schema emitter).
    at(`import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nexport async function emitGQLSchemaFile() { const app = await NestFactory.create(AppModule); here(); await app.close(); }`, ['off:startup']),
    // …but not one that only asks a module of the same name for something.
    at(`import { NestFactory } from './factory';\nexport async function emitGQLSchemaFile() { const app = await NestFactory.create({}); here(); return app; }`, ['on:server-function']),
    // …but a function that only reads a setting, or calls another module's config(), is not.
    at(`import { config } from './config';\nexport function prepare() { here(); config(); }`, ['on:server-function']),
    at(`import dotenv from 'dotenv';\nexport function parse(text: string) { here(); return dotenv.parse(text); }`, ['on:server-function']),
    // Starting the servers, with the acronym in capitals too (Wiki.js's `startHTTPS` reads its certificates).
    at(`module.exports = { async startHTTP() { here(); }, async startHTTPS() { here(); }, async startServer() { here(); } };`, ['off:startup', 'off:startup', 'off:startup']),
    // A plugin's or strategy's `init`/`destroy` pair: the framework calls each once (Vendure's scheduler strategy).
    // A `destroy(id)` takes what to delete, and a class without `init` may destroy per request.
    at(`export class SchedulerStrategy { init(injector: object) { here(); } destroy() { here(); } }`, ['off:startup', 'off:startup']),
    at(`export class Sessions { init() { return 1; } destroy(id: string) { here(id); } }`, ['on:server-function']),
    at(`export class Session { destroy() { here(); } }`, ['on:server-function']),
    // Called only to fill a cache that outlives the call: once per process, on first use.
    at(`let client: object | undefined;\nfunction createClient() { here(); return {}; }\nexport function getClient() { if (!client) client = createClient(); return client; }`, ['off:lazy-initialisation']),
    at(`let client: object | undefined;\nconst createClient = () => { here(); return {}; };\nexport function getClient() { client ??= createClient(); return client; }`, ['off:lazy-initialisation']),
    // A type that names the factory (\`ReturnType<typeof createClient>\`) calls nothing (Midday's internal tRPC client).
    at(`let client: ReturnType<typeof createClient> | null = null;\nfunction createClient() { here(); return {}; }\nexport function getClient() { if (!client) { client = createClient(); } return client; }`, ['off:lazy-initialisation']),
    // A Payload plugin: a config step Payload runs once while it builds its configuration.
    at(`import type { Config } from 'payload';\nexport const formPlugin = (options: object) => (incomingConfig: Config): Config => { here(options); return { ...incomingConfig }; };`, ['off:startup']),
    at(`import type { Config } from 'payload';\nexport async function withTenants(config: Config): Promise<Config> { here(); return config; }`, ['off:startup']),
    // …not the project's own `Config`, nor a function that only takes Payload's.
    at(`import type { Config } from './config';\nexport const step = (incoming: Config): Config => { here(); return incoming; };`, ['on:server-function']),
    at(`import type { Config } from 'payload';\nexport function describe(config: Config): string { here(); return 'x'; }`, ['on:server-function']),
    // A helper called only behind a once-guard (Payload's telemetry: `getGitID()` inside `if (!baseEvent) { baseEvent = {…} }`).
    at(`let baseEvent: object | null = null;\nconst getGitID = () => { here(); return 'id'; };\nexport async function send(event: object) { if (!baseEvent) { baseEvent = { gitID: getGitID() }; } return { ...baseEvent, ...event }; }`, ['off:lazy-initialisation']),
    // …but a guard on a value of the call's own function runs per call.
    at(`const getGitID = () => { here(); return 'id'; };\nexport async function send(event: object) { let base: object | null = null; if (!base) { base = { gitID: getGitID() }; } return { ...base, ...event }; }`, ['on:server-function']),
    // After an early return of the cache (Documenso's getSigner), and singletons: a private constructor called only to fill a
    // static field or a globalThis slot (Documenso's job provider). Type references and static member reads make no instance.
    at(`let signer: object | null = null;\nconst createSigner = async () => { here(); return {}; };\nexport const getSigner = async () => { if (signer) return signer; signer = await createSigner(); return signer; };`, ['off:lazy-initialisation']),
    // Either side of `||` or `?:` computes the value kept (Better Auth's telemetry probes).
    at(`let isDocker: boolean | undefined;\nasync function hasDockerEnv() { here(); return false; }\nasync function hasDockerCGroup() { here(); return false; }\nexport async function detect() { if (isDocker === undefined) { isDocker = (await hasDockerEnv()) || (await hasDockerCGroup()); } return isDocker; }`, ['off:lazy-initialisation', 'off:lazy-initialisation']),
    at(`let mode: string | undefined;\nasync function probe() { here(); return true; }\nexport async function detect() { if (!mode) mode = (await probe()) ? 'a' : 'b'; return mode; }`, ['off:lazy-initialisation']),
    at(`let mode: string | undefined;\nasync function probe() { here(); return true; }\nexport async function detect() { mode = (await probe()) ? 'a' : 'b'; return mode; }`, ['on:server-function']),
    at(`export class Provider { private static instance: Provider; private constructor() { here(); } static getInstance() { if (!Provider.instance) Provider.instance = new Provider(); return Provider.instance; } }`, ['off:lazy-initialisation']),
    at(`export class Provider { private constructor() { here(); } static getInstance() { if (globalThis.__provider) return globalThis.__provider; const instance = new Provider(); globalThis.__provider = instance; return instance; } }`, ['off:lazy-initialisation']),
    // A public constructor may be called from other files; a factory without a cache makes one per call.
    at(`export class Provider { constructor() { here(); } static getInstance() { if (!Provider.i) Provider.i = new Provider(); return Provider.i; } }`, ['on:server-function']),
    at(`export class Provider { private constructor() { here(); } static create() { return new Provider(); } }`, ['on:server-function']),
    at(`let last: object | null = null;\nasync function connect() { here(); return {}; }\nexport async function handle() { const connection = await connect(); last = connection; return connection; }`, ['on:server-function']),
    // Also called per use, or cached in a local that dies with the call: on the request path.
    at(`let client: object | undefined;\nfunction createClient() { here(); return {}; }\nexport function getClient(fresh: boolean) { if (fresh) return createClient(); client ??= createClient(); return client; }`, ['on:server-function']),
    at(`function createClient() { here(); return {}; }\nexport function getClient() { let client; client ??= createClient(); return client; }`, ['on:server-function']),
    at(`async function main() { here(); } main().catch((err) => { here(); process.exit(1); });`, ['off:startup', 'off:module-top-level']),
    at(`(async () => { here(); })();`, ['off:startup']),
    at(`function loadConfig() { here(); } function init() { loadConfig(); } init();`, ['off:startup']),
    // Mutual recursion does not hang and still finds the on-path caller.
    at(`function a() { here(); b(); } function b() { a(); } app.get('/', () => b());`, ['on:server-function']),
    at(`function a() { here(); b(); } function b() { a(); } a();`, ['off:startup']),
    // Many mutually recursive functions: explored once per query, not once per path.
    at(
      Array.from({ length: 12 }, (_, i) => `function f${i}() { here(); ${Array.from({ length: 12 }, (_, j) => `f${j}();`).join(' ')} }`).join('\n') + '\nf0();',
      Array.from({ length: 12 }, () => 'off:startup'),
    ),
    // An unused, unexported function is assumed to serve requests.
    at(`function orphan() { here(); }`, ['on:server-function']),
    // Code that runs once at the end of the process (hoppscotch's stopApp()); a stop… helper of a request is not.
    at(`export function stopApp() { here(); } export function gracefulShutdown() { here(); } export function stopTimer() { here(); }`, ['off:startup', 'off:startup', 'on:server-function']),
    // Dead code: a function of a module, or of another function, that nothing refers to (Rybbit's session cleanup).
    // In a file with no import or export, other scripts may call it; one referred to in any way stays server code.
    at(`import { db } from './db'; function convert() { here(db); } export function run() { function unused() { here(); } return 1; }`, ['off:never-called', 'off:never-called']),
    at(`function convert() { here(); }`, ['on:server-function']),
    at(`import { db } from './db'; function convert() { here(db); } export { convert };`, ['on:server-function']),
    at(`const { db } = require('./db'); function convert() { here(db); } module.exports = { convert };`, ['on:server-function']),
    // Every runner of a manager started at once (Tianji's `monitorManager.startAll()`); starting one is a request's work.
    at(`export class MonitorManager { async startAll() { here(); } async stopAll() { here(); } async startMonitor(id: string) { here(id); } }`, ['off:startup', 'off:startup', 'on:server-function']),
    // A server, router or gateway started or closed by name (erxes), and a plugin's lifecycle hooks (Gauzy); starting
    // a request's work is not.
    at(
      `export function startSubscriptionServer() { here(); } export function startRouter() { here(); } export function closeHttpServer() { here(); } export function startWorkflow() { here(); } export function closeTicket() { here(); }`,
      ['off:startup', 'off:startup', 'off:startup', 'on:server-function', 'on:server-function'],
    ),
    // `listen()` opens the server's port once (NodeBB's webserver); a listener helper for one event is another name.
    at(`export async function listen() { here(); } export function listenForReplies() { here(); }`, ['off:startup', 'on:server-function']),
    at(
      `export class AnalyticsPlugin { onPluginBootstrap() { here(); } onPluginDestroy() { here(); } onPluginDefaultSeed() { here(); } onPluginUpdate() { here(); } }`,
      ['off:startup', 'off:startup', 'off:startup', 'on:server-function'],
    ),
    // A startup name inside a handler is just a local helper.
    at(`app.get('/', () => { const init = () => here(); init(); });`, ['on:server-function']),
    // Route registered inside startup code.
    at(`async function bootstrap() { const app = express(); app.get('/', (req, res) => here()); await app.listen(3000); here(); }`, ['on:handler', 'off:startup']),
    // Process-level handlers.
    at(
      `process.on('uncaughtException', (err) => { here(); });
       process.once('SIGTERM', shutdown);
       function shutdown() { here(); }
       process.on('message', (m) => here());`,
      ['off:crash-handler', 'off:crash-handler', 'off:module-top-level'],
    ),
    at(`function f(process) { process.on('SIGTERM', () => here()); } f(emitter);`, ['off:startup']),
    // Jobs in the server process.
    at(`setInterval(() => { here(); }, 1000);`, ['on:job']),
    at(`setTimeout(() => { here(); }, 1000);`, ['off:module-top-level']),
    at(`import cron from 'node-cron'; cron.schedule('* * * * *', async () => { here(); });`, ['on:job']),
    at(`import { Worker } from 'bullmq'; new Worker('emails', async (job) => { here(); });`, ['on:job']),
    at(`import { Worker } from 'node:worker_threads'; new Worker(new URL(import.meta.url)); here();`, ['off:module-top-level']),
    // Fastify.
    at(
      `fastify.addHook('onRequest', async (request) => { here(); });
       fastify.addHook('onReady', async () => { here(); });
       fastify.route({ method: 'GET', url: '/', handler: async () => { here(); } });
       fastify.register(async (instance) => { here(); instance.get('/', async () => here()); });`,
      ['on:handler', 'off:startup', 'on:handler', 'off:startup', 'on:handler'],
    ),
    // Routes registered through a type provider's view of the same instance (Dittofeed's controllers), in a plugin.
    at(
      `import type { FastifyInstance } from 'fastify';
       export default async function webhooks(fastify: FastifyInstance) {
         here();
         fastify.withTypeProvider<TypeBoxTypeProvider>().post('/sendgrid', { schema: {} }, async (request) => { here(); });
       }`,
      ['off:startup', 'on:handler'],
    ),
    // http.createServer and per-request events.
    at(`import http from 'node:http'; http.createServer((req, res) => { here(); });`, ['on:handler']),
    at(`import { createServer } from 'http'; const s = createServer((req, res) => here()); s.on('listening', () => here());`, ['on:handler', 'off:listen-callback']),
    // tRPC.
    at(
      `export const appRouter = router({
         list: publicProcedure.input(z.string()).query(async ({ input }) => { here(); }),
         add: t.procedure.mutation(() => here()),
       });`,
      ['on:handler', 'on:handler'],
    ),
    // Array callbacks run where they are called.
    at(`[1, 2].forEach((n) => here()); export const names = users.map((u) => { here(); return u.name; });`, ['off:module-top-level', 'off:module-top-level']),
    // NestJS.
    at(
      `import { Controller, Get, Injectable, OnModuleInit } from '@nestjs/common';
       @Controller('users')
       export class UsersController {
         constructor(private readonly service: UsersService) { here(); }
         @Get() list() { here(); }
         private format() { here(); }
       }
       @Injectable()
       export class UsersService implements OnModuleInit {
         onModuleInit() { here(); }
         find = async () => { here(); };
         cache = here();
       }`,
      ['off:startup', 'on:handler', 'on:server-function', 'off:startup', 'on:server-function', 'off:startup'],
    ),
    // …whatever its name: a private \`initialize…\` called on every navigation serves it (Maxun's remote browser);
    // one its class never calls keeps its startup name (a framework may call it).
    at(
      `export class RemoteBrowser {
         private async setupListeners(page: { on(e: string, f: () => void): void }) { page.on('framenavigated', () => this.initializeRecording()); }
         private initializeRecording() { here(); }
         private initCache() { here(); }
         public changeTab = async (page: { on(e: string, f: () => void): void }) => { await this.setupListeners(page); };
         start() { this.setupTimers(); }
         private setupTimers() { here(); }
       }`,
      ['on:server-function', 'off:startup', 'off:startup'],
    ),
    // A startup-named method of the object a factory returns (Homarr's cron-job groups) is startup code; its other
    // methods, and a startup-named helper local to a function, are not.
    at(
      `export const createJobGroup = (jobs: string[]) => {
         const tasks = new Map<string, number>();
         return {
           initializeAsync: async () => { here(); },
           startAsync: async (name: string) => { here(); },
         };
       };
       export const createStore = () => ({ init() { here(); } });
       export function handle() { const setup = () => here(); setup(); }`,
      ['off:startup', 'on:server-function', 'off:startup', 'on:server-function'],
    ),
    // A public startup-named method that takes two or more arguments and returns what it builds from them is a
    // factory, called whenever a caller needs one (each Flowise node's \`init(nodeData, input, options)\`, per
    // prediction). One that sets state, takes one argument, or returns \`this\` keeps its startup name.
    at(
      `export class ChatOpenAI_ChatModels {
         async init(nodeData: { inputs: Record<string, unknown> }, _: string, options: Record<string, unknown>) { here(); return new Model(nodeData.inputs, options); }
         async initialize(app: unknown, config: unknown) { here(); this.app = app; }
         init2(config: unknown) { here(); return config; }
         setup(a: unknown, b: unknown) { here(); return this; }
       }
       declare class Model { constructor(a: unknown, b: unknown); }`,
      ['on:server-function', 'off:startup', 'off:startup', 'off:startup'],
    ),
    // A worker's polling loop, started once, runs for the life of the process: its body and what it calls are a job's
    // (Karakeep's import worker). A loop that ends, like a retry at startup, is still startup code.
    at(
      `export class ImportWorker {
         private running = false;
         async start() { this.running = true; here(); while (this.running) { here(); await this.tick(); await new Promise((r) => setTimeout(r, 5000)); } }
         private async tick() { here(); }
         stop() { this.running = false; }
       }
       export async function main() { for (;;) { here(); } }
       export async function bootstrap() { let connected = false; while (!connected) { here(); connected = true; } }
       export async function setup() { while (true) { try { here(); break; } catch { here(); } } }
       export async function init(queue: string[]) { while (queue.length > 0) { here(); queue.pop(); } }`,
      ['off:startup', 'on:job', 'on:server-function', 'on:job', 'off:startup', 'off:startup', 'off:startup', 'off:startup'],
    ),
    // A private static helper runs where its class calls it, by \`this\` in a static method or by the class's name (Gauzy's migrations).
    at(
      `export class RolePermissionUtils {
         static async migrateRolePermissions(runner: unknown) { await this.permissions(runner); }
         private static async permissions(runner: unknown) { here(); }
         static async grant(runner: unknown) { await RolePermissionUtils.lookup(runner); }
         private static async lookup(runner: unknown) { here(); }
       }`,
      ['off:startup', 'on:server-function'],
    ),
    // TypeORM builds an event subscriber once, as the data source starts; its hooks run per write (Gauzy).
    at(
      `import { EventSubscriber, EntitySubscriberInterface } from 'typeorm';
       @EventSubscriber()
       export class JitsuEventsSubscriber implements EntitySubscriberInterface {
         constructor() { here(); }
         afterInsert(event: unknown) { here(); }
       }`,
      ['off:startup', 'on:server-function'],
    ),
    // A private method runs where its class calls it: off the path when only startup code does.
    at(
      `import { Injectable, OnModuleInit } from '@nestjs/common';
       @Injectable()
       export class I18nService implements OnModuleInit {
         onModuleInit() { this.loadFiles(); }
         private loadFiles() { here(); }
         #parse() { here(); }
         render() { this.#parse(); }
         private shared() { here(); }
         translate() { this.shared(); }
         private passed() { here(); }
         register() { setTimeout(this.passed, 10); }
         private walk(depth: number): void { here(); if (depth > 0) this.walk(depth - 1); }
         onApplicationBootstrap() { this.walk(3); }
         private unused() { here(); }
         public load() { here(); }
         reload() { function inner(this: { load(): void }) { this.load(); } return inner; }
       }`,
      ['off:startup', 'on:server-function', 'on:server-function', 'on:server-function', 'off:startup', 'on:server-function', 'on:server-function'],
    ),
    // A NestJS module's static builders run in `imports`, at bootstrap (hoppscotch's MailerModule.register()).
    at(
      `import { Module } from '@nestjs/common';
       @Module({}) export class MailerModule { static async register() { here(); return { module: MailerModule }; } static forFeature = () => here(); }
       export class Plain { static register() { here(); } }`,
      ['off:startup', 'off:startup', 'on:server-function'],
    ),
    at(`import { Cron } from '@nestjs/schedule'; class Jobs { @Cron('0 * * * *') sweep() { here(); } }`, ['on:job']),
    // node-schedule's jobs, registered from a startup function (Dokploy's license check every three days).
    at(`import { scheduleJob } from 'node-schedule';\nexport const initCronJobs = async () => { scheduleJob('check', '0 0 */3 * *', async () => { here(); }); };`, ['on:job']),
    at(`import schedule from 'node-schedule';\nexport function initJobs() { schedule.scheduleJob('0 * * * *', () => here()); }`, ['on:job']),
    // A provider's factory runs when the container builds the module (Teable's CacheProvider), unless it is request-scoped.
    at(
      `import { Scope, type Provider } from '@nestjs/common';
       export const CacheProvider: Provider = { provide: 'CACHE', inject: ['CONFIG'], useFactory: async (config: { uri: string }) => { here(config); return new CacheService(config.uri); } };
       export const RequestCache: Provider = { provide: 'RCACHE', scope: Scope.REQUEST, useFactory: () => here() };
       TypeOrmModule.forRootAsync({ useFactory: () => ({ url: here() }) });`,
      ['off:startup', 'on:server-function', 'off:startup'],
    ),
    // A decorator from an unrelated package is not a route.
    at(`import { Get } from 'some-orm'; class Repo { @Get() init() { here(); } }`, ['off:startup']),
    // Class instantiated only at top level vs in a handler.
    at(`class Boot { constructor() { here(); } } new Boot();`, ['off:startup']),
    at(`class Ctx { constructor() { here(); } } app.get('/', () => new Ctx());`, ['on:server-function']),
    // Router factories and plugins register routes: their own bodies are setup code, even when exported.
    at(
      `import { Router } from 'express';
       export function ordersRouter(service) { const router = Router(); here(); router.get('/', (req, res) => here()); return router; }`,
      ['off:startup', 'on:handler'],
    ),
    at(`export default fp(async (fastify) => { here(); fastify.addHook('onRequest', async () => here()); });`, ['off:startup', 'on:handler']),
    // A settings lookup is not a route registration.
    at(`export function trustProxy(req) { here(); return req.app.get(settingName); }`, ['on:server-function']),
    // CommonJS exports and wrapper factories.
    at(`module.exports = { handler: async (event) => { here(); } };`, ['on:server-function']),
    at(`exports.handler = async (event) => { here(); };`, ['on:server-function']),
    at(`function makeHandler() { return async (req, res) => { here(); }; } app.get('/', makeHandler());`, ['on:server-function']),
    // Next.js conventions.
    at(`export async function GET(request: Request) { here(); return Response.json([]); }`, ['on:handler'], { filename: 'app/api/users/route.ts' }),
    at(`export default async function handler(req, res) { here(); }`, ['on:handler'], { filename: 'pages/api/users.ts' }),
    // A handler built by a chain or a wrapper whose result the route exports (Jitsu's createRoute()…handler(cb)).
    at(`import { createRoute } from '../../lib/api';\nexport default createRoute().GET({ auth: true }).handler(async ({ res }) => { here(); return {}; }).toNextApiHandler();`, ['on:handler'], { filename: 'pages/api/oauth/catalog.ts' }),
    at(`import { withAuth } from '@/lib/auth';\nexport const GET = withAuth(async (req: Request) => { here(); return Response.json([]); });`, ['on:handler'], { filename: 'app/api/users/route.ts' }),
    // A chain built at load and used there stays load-time code.
    at(`import { createTask } from './tasks';\ncreateTask().step(async () => { here(); }).build();`, ['off:module-top-level']),
    at(`import { withAuth } from '@/lib/auth';\nconst handler = withAuth(async (req, res) => { here(); });\nexport default handler;`, ['on:handler'], { filename: 'pages/api/users.ts' }),
    at(`'use server';\nexport async function createUser(data: FormData) { here(); }`, ['on:handler']),
    // Files that never serve requests.
    at(`app.get('/', () => here());`, ['off:test-file'], { filename: 'src/users.test.ts' }),
    at(`import { expect, test } from 'bun:test';\nexport function seedRows() { here(); return expect; } test('x', () => {});`, ['off:test-file'], { filename: 'packages/db/src/test/golden-dataset.ts' }),
    at(`app.get('/', () => here());`, ['off:test-file'], { filename: 'tests/users.ts' }),
    at(`app.get('/', () => here());`, ['off:test-file'], { filename: 'src/__tests__/users.ts' }),
    // A `tests/` folder at any depth, mocks: Typebot's packages/config/src/tests, Formbricks' lib/tests/__mocks__ and *.mock.ts.
    at(`export async function setupDatabase() { here(); }`, ['off:test-file'], { filename: 'packages/config/src/tests/runDatabaseSetup.ts' }),
    at(`export const mockResponse = () => here();`, ['off:test-file'], { filename: 'apps/web/lib/response/tests/__mocks__/data.mock.ts' }),
    at(`export const mockWebhook = () => here();`, ['off:test-file'], { filename: 'apps/web/modules/webhooks/lib/tests/mocks/webhook.mock.ts' }),
    at(`export const mockTeam = () => here();`, ['off:test-file'], { filename: 'apps/web/modules/sso/lib/__mock__/team.ts' }),
    // `testing/` folders: Novu's libs/testing (a test server, API helpers), Angular's src/testing.
    at(`export class TestServer { async start() { here(); } }`, ['off:test-file'], { filename: 'libs/testing/src/test-server.service.ts' }),
    at(`export async function GET() { here(); return Response.json({}); }`, ['on:handler'], { filename: 'app/api/testing/route.ts' }),
    // A nested `test/` folder, and a route handler in a `tests/` folder, serve requests: route segments.
    at(`export async function POST(request: Request) { here(); return Response.json({}); }`, ['on:handler'], { filename: 'apps/web/app/api/v3/workflows/[workflowId]/test/route.ts' }),
    at(`export async function GET(request: Request) { here(); return Response.json([]); }`, ['on:handler'], { filename: 'app/api/tests/[testId]/route.ts' }),
    at(`export async function grade(answers: string[]) { here(); }`, ['on:server-function'], { filename: 'src/modules/test/grading.service.ts' }),
    at(`export async function login() { here(); }`, ['off:test-file'], { filename: 'apps/api-e2e/src/support/login.ts' }),
    // End-to-end packages named in full, benchmark harnesses, and a test runner's set-up typed from its subpath (Karakeep).
    at(`export async function start() { here(); }`, ['off:test-file'], { filename: 'packages/e2e_tests/setup/startContainers.ts' }),
    // Shared end-to-end harnesses and plugins written to be tested against (Vendure's `e2e-common/`, `dev-server/test-plugins/`).
    at(`export function testConfig() { here(); }`, ['off:test-file'], { filename: 'e2e-common/test-config.ts' }),
    at(`export class SupplierResolver { stock() { here(); } }`, ['off:test-file'], { filename: 'packages/dev-server/test-plugins/issue-1873/api/supplier.resolver.ts' }),
    at(`export function report() { here(); }`, ['on:server-function'], { filename: 'src/e2e-reports/report.ts' }),
    at(`export function report() { here(); }`, ['off:test-file'], { filename: 'packages/benchmarks/src/log.ts' }),
    // …but a route that cleans up after end-to-end tests serves requests (Dub), and a product's own benchmarks module is server code.
    at(`export async function GET() { here(); }`, ['on:handler'], { filename: 'apps/web/app/api/cron/cleanup/e2e-tests/route.ts' }),
    at(`export function compare() { here(); }`, ['on:server-function'], { filename: 'src/benchmarks/benchmarks.service.ts' }),
    at(`import type { GlobalSetupContext } from 'vitest/node';\nexport async function setup(ctx: GlobalSetupContext) { here(ctx); }`, ['off:test-file'], { filename: 'packages/checks/setup.ts' }),
    // …but a `test/` folder at the root of a monorepo's package holds its tests (Teable's apps/nestjs-backend/test/utils).
    at(`export async function seedRecords() { here(); }`, ['off:test-file'], { filename: 'apps/nestjs-backend/test/utils/record-mock.ts' }),
    at(`export async function seedRecords() { here(); }`, ['off:test-file'], { filename: 'packages/core/test/helpers.ts' }),
    at(`export async function grade() { here(); }`, ['on:server-function'], { filename: 'apps/api/src/test/grade.ts' }),
    at(`export async function run() { here(); } run();`, ['off:migration-or-seed'], { filename: 'database/migrate.ts' }),
    // A Next.js route in a folder named for migrations serves requests (Linkwarden's bookmark import, Homarr's backup
    // restore); a seed route stays a seed.
    at(`export default async function handler(req: unknown, res: unknown) { here(); }`, ['on:handler'], { filename: 'apps/web/pages/api/v1/migration/index.ts' }),
    at(`export async function GET() { here(); }`, ['on:handler'], { filename: 'apps/nextjs/src/app/api/backup/migrations/route.ts' }),
    at(`export async function GET() { here(); }`, ['off:migration-or-seed'], { filename: 'apps/web/app/api/seed/route.ts' }),
    at(`export async function run() { here(); }`, ['off:migration-or-seed'], { filename: 'apps/webapp/lib/migrations/route.ts' }),
    at(`export async function run() { here(); } run();`, ['off:migration-or-seed'], { filename: 'packages/db/scripts/migrate-deployment-versions.ts' }),
    at(`export async function run() { here(); } run();`, ['off:migration-or-seed'], { filename: 'packages/db/scripts/backfill-api-key-hash.ts' }),
    // Scripts named as migrations are, from the time they were written (Outline's), whatever they do.
    at(`export default async function main() { here(); }`, ['off:migration-or-seed'], { filename: 'server/scripts/20210716000000-backfill-revisions.ts' }),
    at(`export default async function main() { here(); }`, ['off:migration-or-seed'], { filename: 'server/scripts/20221029000000-crdt-to-text.ts' }),
    at(`export default async function main() { here(); }`, ['off:migration-or-seed'], { filename: 'scripts/20240101_fix_indexes.ts' }),
    // …not a dated name outside a scripts folder.
    at(`export async function report() { here(); }`, ['on:server-function'], { filename: 'src/reports/20240101-report.ts' }),
    // …not a module whose name only starts alike.
    at(`export async function refill() { here(); }`, ['on:server-function'], { filename: 'src/services/backfiller.ts' }),
    at(`export async function listUsers() { here(); }`, ['on:server-function'], { filename: 'src/users/migrate-users.service.ts' }),
    at(`export function loadExportFile(p) { return here(p); }`, ['off:test-file'], { filename: 'src/portfolio/calculator/portfolio-calculator-test-utils.ts' }),
    at(`export function seedUser() { return here(); }`, ['off:test-file'], { filename: 'src/test-helpers.ts' }),
    at(`export function seedUser() { return here(); }`, ['off:test-file'], { filename: 'internal-packages/dashboard-agent/src/test-support.ts' }),
    at(`export class IdMap { getId(key) { return here(key); } }`, ['off:test-file'], { filename: 'packages/medusa-test-utils/src/id-map.ts' }),
    at(`export function seedUser() { return here(); }`, ['off:test-file'], { filename: 'libs/test-helpers/src/users.ts' }),
    at(`export function listUsers() { return here(); }`, ['on:server-function'], { filename: 'src/users/test-utilities.service.ts' }),
    at(`export const db = { query: () => here() };`, ['off:test-file'], { filename: 'src/__mocks__/db.ts' }),
    // Test doubles: fakes of stores, in `fakes/` or named `fake-*` / `*.fake.*`.
    at(`export class FakeStore { all() { return here(); } }`, ['off:test-file'], { filename: 'src/lib/features/flags/fakes/fake-flag-store.ts' }),
    at(`export class FakeEnvironmentStore { all() { return here(); } }`, ['off:test-file'], { filename: 'src/lib/features/environments/fake-environment-store.ts' }),
    at(`export class UsersFake { all() { return here(); } }`, ['off:test-file'], { filename: 'src/users/users.fake.ts' }),
    // A word that only starts with "fake" is no test double.
    at(`export function detect(p) { return here(p); }`, ['on:server-function'], { filename: 'src/moderation/fakeness-score.ts' }),
    // Only the helper names: a utils file of the app is server code.
    at(`export function parse(p) { return here(p); }`, ['on:server-function'], { filename: 'src/utils/text-utils.ts' }),
    at(`import { describe } from 'vitest'; app.get('/', () => here());`, ['off:test-file']),
    // Novu: end-to-end tests and their helpers in an `e2e/` folder beside the module, mocha globals, chai.
    at(`export async function trigger() { return here(); }`, ['off:test-file'], { filename: 'apps/api/src/app/events/e2e/trigger-event.e2e.ts' }),
    at(`export async function createSubscriber() { return here(); }`, ['off:test-file'], { filename: 'apps/api/src/app/subscribers/e2e/helpers/index.ts' }),
    at(`import { expect } from 'chai'; export async function run() { return here(); }`, ['off:test-file']),
    at(`import { Test } from '@nestjs/testing'; export async function run() { return here(); }`, ['off:test-file']),
    // Test doubles: a provider that builds a mocked database for the specs (HedgeDoc's `database/mock/provider.ts`).
    at(`import { createTracker, MockClient } from 'knex-mock-client';\nexport function mockKnexDb() { here(); return { client: MockClient, tracker: createTracker }; }`, ['off:test-file'], { filename: 'backend/src/database/mock/provider.ts' }),
    at(`import nock from 'nock';\nexport function stubGithub() { here(); return nock('https://api.github.com'); }`, ['off:test-file']),
    at(`import { PostgreSqlContainer } from '@testcontainers/postgresql';\nexport async function startDb() { here(); return new PostgreSqlContainer('postgres:16').start(); }`, ['off:test-file'], { filename: 'internal-packages/testcontainers/src/db.ts' }),
    at(`import { GenericContainer } from 'testcontainers';\nexport async function startRedis() { here(); return new GenericContainer('redis').start(); }`, ['off:test-file'], { filename: 'internal-packages/testcontainers/src/redis.ts' }),
    // Jest or Vitest globals at the top level mark a test file whatever its name (Traduora's `formatters/resx-spec.ts`),
    // also `describe.each(table)(…)` and `test.skip(…)`.
    at(`import { parse } from './resx';\ntest('parses', async () => { here(parse); });`, ['off:test-file'], { filename: 'api/src/formatters/resx-spec.ts' }),
    at(`export const seed = () => here();\ndescribe.each([[1], [2]])('case %i', (n) => { it('works', () => seed()); });`, ['off:test-file'], { filename: 'src/cases-check.ts' }),
    at(`export const seed = () => here();\ntest.skip('later', () => seed());`, ['off:test-file'], { filename: 'src/later.ts' }),
    // …but not the module's own `test`, nor a call without a function, nor one inside a function or a string.
    at(`import { test } from './rules';\nexport const check = () => here();\ntest('rule', () => check());`, ['on:server-function'], { filename: 'src/rules/index.ts' }),
    at(`function describe(name: string, fn: () => void) { fn(); }\nexport const check = () => here();\ndescribe('x', () => check());`, ['on:server-function'], { filename: 'src/rules/local.ts' }),
    at(`declare function it(label: string): void;\nit('ready');\nexport const check = () => here();`, ['on:server-function'], { filename: 'src/ready.ts' }),
    at(`export function record() { describe('x', () => {}); return here(); }\nexport const template = "describe('y', () => {})";`, ['on:server-function'], { filename: 'src/recorder.ts' }),
    // A folder or file merely named like a test word is server code.
    at(`export async function report() { return here(); }`, ['on:server-function'], { filename: 'src/e2e-reports/report.service.ts' }),
    at(`app.get('/', () => here());`, ['off:migration-or-seed'], { filename: 'src/migrations/001-init.ts' }),
    at(`export async function up() { here(); }`, ['off:migration-or-seed'], { filename: 'packages/db/code-migrations/3-init-ch.ts' }),
    at(`export async function main() { here(); }`, ['off:migration-or-seed'], { filename: 'tools/migrate/logging-policy.ts' }),
    at(`export async function listMigrations() { return here(); }`, ['on:server-function'], { filename: 'src/modules/migrations-center/migrations.service.ts' }),
    at(`app.get('/', () => here());`, ['off:migration-or-seed'], { filename: 'prisma/seed.ts' }),
    at(`app.get('/', () => here());`, ['off:config-file'], { filename: 'vite.config.ts' }),
    at(`#!/usr/bin/env node\napp.get('/', () => here());`, ['off:cli-script']),
    // Minified code (a vendored bundle): a long line with a statement or block boundary every few dozen characters.
    at(`app.get('/', () => here());\n${'var a=1;function b(){return a}'.repeat(80)}`, ['off:generated-file']),
    // A long string is no code: an inline image in a hand-written module (base64 has no \`;\`, \`{\` or \`}\`).
    at(`const LOGO = 'data:image/png;base64,${'iVBORw0KGgoAAAANSUhEUgAA'.repeat(120)}';\napp.get('/', () => here());`, ['on:handler']),
    at(`const [, , name] = process.argv; app.get('/', () => here());`, ['off:cli-script']),
    at(`import { Command } from 'commander'; app.get('/', () => here());`, ['off:cli-script']),
    // …unless the file also loads an HTTP framework or its middleware (NocoBase's application and gateway).
    at(`import { Command } from 'commander'; import compose from 'koa-compose'; import http from 'http';\nexport class Gateway { handler(req: unknown) { here(); return compose([])(req); } }`, ['on:server-function']),
    at(`import { Command } from 'commander'; import Koa from 'koa';\nexport function start() { here(); return new Koa(); }`, ['off:startup']),
    at(`import arg from 'arg'; export function publish() { here(); }`, ['off:cli-script']),
    // A bare argument-string parser also parses what users paste (a curl command): no sign of a tool.
    at(`import parser from 'yargs-parser'; export function parseCurl(command: string) { here(); return parser(command); }`, ['on:server-function']),
    at(`app.get('/', () => here());`, ['off:cli-script'], { filename: 'scripts/backfill.ts' }),
    at(`app.get('/', () => here());`, ['off:cli-script'], { filename: 'src/tools/report.cli.ts' }),
    // Build-tool plugin packages, by their ecosystems' names.
    at(`export function log(message) { here(message); }`, ['off:cli-script'], { filename: 'packages/admin/admin-vite-plugin/src/logger.ts' }),
    at(`export function load(app) { here(app); }`, ['off:cli-script'], { filename: 'www/utils/packages/typedoc-plugin-custom/src/index.ts' }),
    at(`export function check(node) { here(node); }`, ['off:cli-script'], { filename: 'packages/eslint-plugin-internal/src/rules/no-x.ts' }),
    // GitHub's actions and workflow helpers (Payload's), by their folder or the Actions toolkit.
    at(`export function prompt(path) { here(path); }`, ['off:cli-script'], { filename: '.github/actions/ai-reviewer/src/review.ts' }),
    at(`import * as core from '@actions/core';\nexport function run() { here(core); }`, ['off:cli-script'], { filename: 'tools/release/src/main.ts' }),
    // A function that ends the process runs once at most: a script's main (Novu's admin scripts), also from a `finally`.
    at(`export async function connect(run) { try { await run(); } catch (e) { here(e); } finally { await dal.disconnect(); process.exit(0); } }`, ['off:cli-script']),
    at(`export async function backfill() { await work(); here(); process.exit(0); }\napp.get('/', async () => { await backfill(); });`, ['off:cli-script']),
    // …not one that exits in a branch only, nor a local `process` object's `exit`.
    at(`app.get('/', (req, res) => { here(); if (req.query.fatal) process.exit(1); res.end(); });`, ['on:handler']),
    at(`export function cancel(job) { here(); job.process.exit(); }`, ['on:server-function']),
    // NestJS command-line apps (Postiz's apps/commands).
    at(`import { Command } from 'nestjs-command';\nexport class ConfigurationTask { @Command({ command: 'config:check' }) create() { here(); } }`, ['off:cli-script'], { filename: 'apps/commands/src/tasks/configuration.ts' }),
    at(`import { Command, CommandRunner } from 'nest-commander';\n@Command({ name: 'report' }) export class ReportCommand extends CommandRunner { async run() { here(); } }`, ['off:cli-script'], { filename: 'src/commands/report.command.ts' }),
    // …not a service whose name merely contains a tool's (a plugin feature of the product itself).
    at(`export function listPlugins() { return here(); }`, ['on:server-function'], { filename: 'src/vite-plugins/plugins.service.ts' }),
    at(`export function listPlugins() { return here(); }`, ['on:server-function'], { filename: 'src/plugins/eslint/plugin.service.ts' }),
    at(`app.get('/', () => here());`, ['off:cli-script'], { filename: 'src/tools/report.ts', options: [{ scripts: ['src/tools/**'] }] }),
    at(`export async function createCarts(manager) { here(); }`, ['off:test-file'], { filename: 'packages/modules/cart/integration-tests/__fixtures__/cart/index.ts' }),
    at(`export async function migrate() { here(); }`, ['off:migration-or-seed'], { filename: 'packages/core/utils/src/modules-sdk/migration-scripts/migration-up.ts' }),
    at(`export async function addColumn(db) { here(); }`, ['off:migration-or-seed'], { filename: 'src/migration/1700000000000-AddColumn.ts' }),
    // Gauzy: a migration runner beside the migrations, and a bootstrap folder (its helpers too, not only `bootstrap()`).
    at(`export async function runDatabaseMigrations() { here(); }`, ['off:migration-or-seed'], { filename: 'packages/core/src/lib/database/migration-executor.ts' }),
    at(`export const createDefaultIncomes = async (dataSource) => here(dataSource);`, ['off:migration-or-seed'], { filename: 'packages/core/src/lib/income/income.seed.ts' }),
    // Migrations by their shape, wherever they live: an `up` and a `down` step (Logto's alterations, knex, TypeORM, sequelize-cli).
    at(
      `import { sql } from '@silverhand/slonik';\nconst alteration = { up: async (pool) => { here(pool); }, down: async (pool) => { here(sql); } };\nexport default alteration;`,
      ['off:migration-or-seed', 'off:migration-or-seed'],
      { filename: 'packages/schemas/alterations/1.0.0-1677208902-update-admin-console-config.ts' },
    ),
    at(`export async function up(knex) { here(knex); }\nexport async function down(knex) { here(); }`, ['off:migration-or-seed', 'off:migration-or-seed'], { filename: 'db/changes/20240101_add_users.ts' }),
    at(`export class AddUsers1700000000000 { async up(queryRunner) { here(queryRunner); } async down(queryRunner) { here(); } }`, ['off:migration-or-seed', 'off:migration-or-seed'], { filename: 'src/db/1700000000000-AddUsers.ts' }),
    at(`module.exports = { up: async (queryInterface) => here(queryInterface), down: async () => here() };`, ['off:migration-or-seed', 'off:migration-or-seed'], { filename: 'db/changes/20240101-users.ts' }),
    // Not a migration: one step only, or \`up\`/\`down\` that are no functions (a direction, a health status).
    at(`export async function up(knex) { here(knex); }\nexport const down = 'DOWN';`, ['on:server-function'], { filename: 'src/health.ts' }),
    at(`export const up = 1; export const down = -1;\nexport function move(d) { here(d); }`, ['on:server-function'], { filename: 'src/direction.ts' }),
    at(`export async function preBootstrapRegisterEntities(config) { here(config); }`, ['off:startup-file'], { filename: 'packages/core/src/lib/bootstrap/index.ts' }),
    // Homarr's tasks app: what \`main.ts\` runs once, in an \`on-start/\` folder and an \`onStartAsync()\`.
    at(`export async function cleanupSessionsAsync() { here(); }`, ['off:startup-file'], { filename: 'apps/tasks/src/on-start/session-cleanup.ts' }),
    at(`export async function warmCaches() { here(); }`, ['off:startup-file'], { filename: 'src/startup/warm-caches.ts' }),
    at(`export async function onStartAsync() { here(); } export function onStart() { here(); } export function onStarted() { here(); }`, ['off:startup', 'off:startup', 'on:server-function']),
    at(`export async function registerPlugins(app) { here(app); }`, ['off:startup-file'], { filename: 'src/bootstrap.ts' }),
    // A service about data migrations, or one whose name only starts like it, is server code.
    at(`export async function listMigrations() { return here(); }`, ['on:server-function'], { filename: 'src/tenants/tenant-migrations.service.ts' }),
    // `loaders/` wire the app up at startup; a DataLoader there batches per request.
    at(`export default async function redisLoader() { here(); }`, ['off:startup-file'], { filename: 'packages/modules/workflow-engine-redis/src/loaders/redis.ts' }),
    at(`import DataLoader from 'dataloader';\nexport const users = () => new DataLoader(async (ids) => here(ids));`, ['on:server-function'], { filename: 'src/graphql/loaders/users.ts' }),
    // Next.js's instrumentation hook runs once at server start.
    at(`export async function register() { here(); }`, ['off:startup-file'], { filename: 'web/src/instrumentation.ts' }),
    at(`export async function migrate() { here(); }`, ['off:migration-or-seed'], { filename: 'worker/src/backgroundMigrations/addGenerationsCostBackfill.ts' }),
    // Data upgrades in folders named for a release (NodeBB's `src/upgrades/3.8.0/`); a feature named upgrades serves requests.
    at(`module.exports = { name: 'x', timestamp: 1, method: async function () { here(); } };`, ['off:migration-or-seed'], { filename: 'src/upgrades/3.8.0/user-upload-folders.js' }),
    at(`export async function upgradePlan(id: string) { here(id); }`, ['on:server-function'], { filename: 'src/billing/upgrades/plan.service.ts' }),
    at(`it('lists traces', async () => { here(); });`, ['off:test-file'], { filename: 'web/src/features/traces/traces.servertest.ts' }),
    at(`export async function seed() { here(); }`, ['off:test-file'], { filename: 'web/src/__e2e__/helpers.ts' }),
    // Lifecycle and configuration loading by name: medusa's `onApplicationStart_`, a `loadConfig` method.
    at(`export class IndexService { protected async onApplicationStart_() { here(); } }`, ['off:startup']),
    at(`export class ConfigManager { loadConfig(options) { here(); return options; } }`, ['off:startup']),
    at(`export class Orders { async onOrderStart() { here(); } }`, ['on:server-function']),
    // A NestJS module's options factory runs once, in `LoggerModule.forRoot(…)` (Novu's logging options), and so do the helpers only it calls.
    at(`function loggingVariables() { return here(); }
export function createNestLoggingModuleOptions(settings) { return { ...settings, ...loggingVariables() }; }`, ['off:startup']),
    at(`export function moduleOptionsFor(tenant) { return here(tenant); }`, ['on:server-function']),
    // A decorator runs when the class it decorates is defined; the method it installs runs per call.
    at(`export function Money(options) { return (entity: object, propertyName: string) => { here(); }; }`, ['off:startup']),
    at(`export const Log = (label: string) => (target: object, key: string, descriptor: PropertyDescriptor) => { here(); };`, ['off:startup']),
    at(`export function Timed() { return (target: object, key: string, descriptor: PropertyDescriptor) => { const original = descriptor.value; descriptor.value = async function (...args: unknown[]) { here(); return original.apply(this, args); }; }; }`, ['on:server-function']),
    at(`export function Cached(ttl: number) { return (key: string) => here(key, ttl); }`, ['on:server-function']),
    // A decorator written directly (Outline's \`@Field\` records each model's fields); a PascalCase function with other parameters is none.
    at(`const Field = (target: object, propertyKey: string | symbol) => { here(propertyKey); };\nexport default Field;`, ['off:startup']),
    at(`export function Render(template: string, data: object) { return here(template, data); }`, ['on:server-function']),
    // Unused decorator parameters start with an underscore (outline's `@Deprecated()` on environment fields).
    at(`const Deprecated = (message?: string) => (_target: object, propertyKey: string) => { here(message); };\nexport default Deprecated;`, ['off:startup']),
    // A Better Auth plugin factory runs once, but the endpoints and hooks it builds serve requests (createAuthEndpoint's
    // handler is a callback of a call made in the factory): the factory is left to the usual analysis.
    at(`import type { BetterAuthPlugin } from 'better-auth';\nimport { createAuthEndpoint } from 'better-auth/api';\nexport const magicLink = (options: object) => ({ id: 'magic-link', endpoints: { send: createAuthEndpoint('/send', {}, async (ctx: unknown) => { here(ctx); }) } }) satisfies BetterAuthPlugin;`, ['on:server-function']),
    // Branches production never takes: development and test environments, debug switches (outline's error page, read per error in development).
    at(
      `declare const env: { isDevelopment: boolean; isProduction: boolean; ENVIRONMENT: string };
       app.get('/a', (req, res) => { if (env.isDevelopment) { here(); } else { here(); } });
       app.get('/b', (req, res) => { if (env.isProduction) { here(); } else { here(); } });
       app.get('/c', (req, res) => { if (env.ENVIRONMENT === 'test') here(); if (process.env.NODE_ENV !== 'production') here(); if (process.env['NODE_ENV'] === 'production') here(); });
       app.get('/d', (req, res) => { process.env.NODE_ENV === 'development' && here(); env.isProduction || here(); const x = import.meta.env.DEV ? here() : 0; });
       app.get('/e', (req, res) => { if (DEBUG) here(); if (options.verboseLogging) here(); if (isTestEnv()) here(); if (!isProd && ready) here(); });`,
      ['off:outside-production', 'on:handler', 'on:handler', 'off:outside-production', 'off:outside-production', 'off:outside-production', 'on:handler',
       'off:outside-production', 'off:outside-production', 'off:outside-production', 'off:outside-production', 'off:outside-production', 'off:outside-production', 'off:outside-production'],
    ),
    // Settings read through a getter by name (Documenso's env('NODE_ENV')), and switches compared with their text.
    at(
      `app.get('/a', (req, res) => { if (env('NODE_ENV') !== 'production') here(); if (env('NEXT_DEBUG') === 'true') here(); if (process.env.DEBUG === '1') here(); if (config.get('verbose')) here(); });
       app.get('/b', (req, res) => { if (env('NODE_ENV') === 'production') here(); if (env('NEXT_DEBUG') !== 'true') here(); if (env('REGION') === 'true') here(); if (get(name) === 'true') here(); if (user.isAdmin === 'true') here(); });`,
      ['off:outside-production', 'off:outside-production', 'off:outside-production', 'off:outside-production', 'on:handler', 'on:handler', 'on:handler', 'on:handler', 'on:handler'],
    ),
    // Switches compared with a boolean (Vendure's Stellate plugin): the flag, or its opposite; a non-switch says nothing.
    at(
      `app.get('/a', (req, res) => { if (this.options.debugLogging === true) here(); if (false !== options.verbose) here(); if (options.debug === false) here(); if (options.debug !== true) here(); if (user.isAdmin === true) here(); });`,
      ['off:outside-production', 'off:outside-production', 'on:handler', 'on:handler', 'on:handler'],
    ),
    // A switch on only under a test runner (Better Auth's adapter tests); a name about running alone says nothing.
    at(
      `app.get('/a', (req, res) => { const log = config.debugLogs?.isRunningAdapterTests ? { print: () => here() } : {}; if (isRunningTests) here(); if (isRunning) here(); if (runningJobs) here(); });`,
      ['off:outside-production', 'off:outside-production', 'on:handler', 'on:handler'],
    ),
    // After an early exit in production, the rest of the block; a callback defined in a development-only branch.
    at(
      `app.get('/a', (req, res) => { if (process.env.NODE_ENV === 'production') return res.end(); here(); });
       if (isDevelopment) { app.use((req, res, next) => { here(); next(); }); }
       app.get('/b', (req, res) => { if (isProduction) { res.end(); } here(); });`,
      ['off:outside-production', 'off:outside-production', 'on:handler'],
    ),
    // Names that only look like switches: a trace id, a bare \`test\`, an environment compared with a name that says nothing, a mixed flag.
    at(
      `app.get('/a', (req, res) => { if (span.traceId) here(); if (test) here(); if (local) here(); if (env.REGION === 'eu') here(); if (isDevOrProd) here(); if (user.role === 'dev') here(); if (debugInfo) here(); });`,
      ['on:handler', 'on:handler', 'on:handler', 'on:handler', 'on:handler', 'on:handler', 'on:handler'],
    ),
    // A setting named first for debugging, whatever it debugs (Tianji's `env.debugAIFeature`), but not the production's.
    at(
      `app.get('/a', (req, res) => { if (env.debugAIFeature) here(); if (this.config.verboseInsights) here(); if (env.debugProductionOnly) here(); if (report.debugInfo) here(); });`,
      ['off:outside-production', 'off:outside-production', 'on:handler', 'on:handler'],
    ),
    // A record looked up under a switch's name (Refly's trace manager): it exists or not, in production too. A setting
    // read by its name, or a switch computed without arguments, stays one.
    at(
      `app.get('/a', async (req, res) => { const trace = this.getTrace(req.params.id); if (!trace) return; here(); const debug = await loadDebugSession(req.user); if (debug) here(); });
       app.get('/b', (req, res) => { const debug = config.get('debug'); if (debug) here(); const verbose = isVerbose(); if (verbose) here(); });`,
      ['on:handler', 'on:handler', 'off:outside-production', 'off:outside-production'],
    ),
    // Browser code of a full-stack app: a client module, a hook with state, a client store.
    at(`'use client';\nexport async function load() { return here(); }`, ['off:client-side'], { filename: 'src/components/Users.ts' }),
    // A custom hook with React's memo hook (unkey's useFetchTimeseries): browser code, though it holds no state.
    at(`import { useMemo } from 'react';\nexport const useFetchTimeseries = () => useMemo(() => here(), []);`, ['off:client-side'], { filename: 'app/logs/hooks/use-fetch-timeseries.ts' }),
    // A custom hook in a `.ts` file calling a hook of the project's `hooks/` folder (Shelf's advanced filters); a `use…`
    // function calling a `use…` import of another folder stays server code (Nitro's storage).
    at(`import { useSearchParams } from '~/hooks/search-params';\nexport function useInitialFilters(columns: string[]) { const [params] = useSearchParams(); here(); return columns.filter((c) => params.has(c)); }`, ['off:client-side'], { filename: 'app/components/assets/filters/helpers.ts' }),
    at(`import { useStorage } from '../storage';\nexport function useCache() { here(); return useStorage('cache'); }`, ['on:server-function'], { filename: 'server/utils/cache.ts' }),
    // …or beside it in that folder (Umami's `components/hooks/useFilters.ts`); a sibling in another folder says nothing.
    at(`import { useFields } from './useFields';\nexport function useFilters() { const { fields } = useFields(); here(); return fields; }`, ['off:client-side'], { filename: 'src/components/hooks/useFilters.ts' }),
    at(`import { useFields } from './useFields';\nexport function useFilters() { const { fields } = useFields(); here(); return fields; }`, ['on:server-function'], { filename: 'src/server/fields/useFilters.ts' }),
    at(`import { useFields } from '../lib/useFields';\nexport function useFilters() { const { fields } = useFields(); here(); return fields; }`, ['on:server-function'], { filename: 'src/hooks/useFilters.ts' }),
    // React's server-side helpers say nothing: a server component may import them.
    at(`import { cache } from 'react';\nexport const getUser = cache(async (id: string) => here(id));`, ['on:server-function'], { filename: 'app/lib/user.ts' }),
    at(`import { useEffect, useState } from 'react';\nexport function useNames() { useEffect(() => { here(); }, []); return useState(0); }`, ['off:client-side']),
    at(`import { create } from 'zustand';\nexport const useStore = create(() => ({ load: () => here() }));`, ['off:client-side']),
    // TanStack DB collections, nuqs's client entry, rrweb, an Electron app (not `nuqs/server`).
    at(`import { createCollection } from '@tanstack/react-db';\nexport const apps = createCollection({ queryFn: () => here() });`, ['off:client-side'], { filename: 'lib/collections/deploy/apps.ts' }),
    at(`import { parseAsString } from 'nuqs';\nexport const parsers = { q: parseAsString }; export function load() { here(); }`, ['off:client-side'], { filename: 'app/logs/utils.ts' }),
    // A node graph drawn in the page (Dittofeed's journey editor store).
    at(`import { applyNodeChanges } from '@xyflow/react';\nexport function update(nodes, changes) { here(); return applyNodeChanges(changes, nodes); }`, ['off:client-side'], { filename: 'src/components/journeys/store.ts' }),
    at(`import { createSearchParamsCache, parseAsString } from 'nuqs/server';\nexport const cache = createSearchParamsCache({ q: parseAsString }); export async function load() { here(); }`, ['on:server-function'], { filename: 'app/logs/search-params.ts' }),
    at(`import { record } from 'rrweb';\nexport function start() { here(); record({ emit() {} }); }`, ['off:client-side'], { filename: 'packages/sdks/web/src/replay/recorder.ts' }),
    at(`import { app, autoUpdater } from 'electron';\nexport function checkForUpdates() { here(); autoUpdater.checkForUpdates(); }`, ['off:client-side'], { filename: 'apps/desktop/src/auto-update.ts' }),
    // React Router's DOM bindings (a SPA's hook that throws its `json` response).
    at(`import { json } from 'react-router-dom';\nexport const useCountries = (q) => { here(q); throw json('bad', 500); };`, ['off:client-side'], { filename: 'src/routes/regions/hooks/use-countries.tsx' }),
    // `react-router` itself also serves framework-mode loaders, which run on the server.
    at(`import { data } from 'react-router';\nexport async function loader() { here(); return data({}); }`, ['on:server-function'], { filename: 'app/routes/users.ts' }),
    // A framework-mode route module (Shelf's `app/routes/**.tsx`): its loader and action serve requests even though its
    // component calls hooks; the component, helpers named like components and `clientLoader` run in the page.
    at(
      [
        `import type { LoaderFunctionArgs } from 'react-router';`,
        `import { useLoaderData, useNavigation } from 'react-router';`,
        `import { useState } from 'react';`,
        `import { db } from '~/database/db.server';`,
        `export const loader = async ({ params }: LoaderFunctionArgs) => { here(); return db.asset.findMany(); };`,
        `export async function action({ request }) { here(); return null; }`,
        `export async function clientLoader() { here(); return null; }`,
        `function AssetRow({ asset }) { useState(0); here(); return asset; }`,
        `export default function AssetsPage() { const data = useLoaderData<typeof loader>(); useNavigation(); here(); return data; }`,
      ].join('\n'),
      ['on:server-function', 'on:server-function', 'off:client-side', 'off:client-side', 'off:client-side'],
      { filename: 'apps/webapp/app/routes/_layout+/assets._index.tsx' },
    ),
    at(
      `import { json } from '@remix-run/node';\nimport { useLoaderData } from '@remix-run/react';\nexport const loader = async () => { here(); return json({}); };\nexport default () => { useLoaderData(); here(); return null; };`,
      ['on:server-function', 'off:client-side'],
      { filename: 'app/pages/settings.tsx' },
    ),
    // A component file with no loader or action stays the page's, wherever it lies.
    at(`import { useLoaderData } from 'react-router';\nexport function AssetList() { useLoaderData(); here(); return null; }`, ['off:client-side'], { filename: 'app/routes/assets/list.tsx' }),
    // Types of a browser library, imported without `type`, load nothing at run time (Refly's canvas helpers and `@xyflow/react`).
    at(`import { Node, Edge } from '@xyflow/react';\nexport function toParams(nodes: Node[], edges: Edge[]) { here(); return { nodes, edges }; }`, ['on:server-function'], { filename: 'packages/canvas-common/src/context.ts' }),
    at(`import { Node, MarkerType } from '@xyflow/react';\nexport function toEdge(node: Node) { here(); return { node, marker: MarkerType.Arrow }; }`, ['off:client-side'], { filename: 'packages/canvas-common/src/edges.ts' }),
    at(`import type { Node } from '@xyflow/react';\nimport { useState } from 'react';\nexport function useNodes(nodes: Node[]) { here(); return useState(nodes); }`, ['off:client-side'], { filename: 'packages/canvas-common/src/hooks.ts' }),
    // Toasts, the pages router, React Native and Expo: a browser helper (Linkwarden's lib/client) or a mobile app beside the server.
    at(`import { toast } from 'react-hot-toast';\nexport async function importBookmarks(file) { here(file); toast.success('done'); }`, ['off:client-side'], { filename: 'apps/web/lib/client/importBookmarks.ts' }),
    at(`import { toast } from 'sonner';\nexport async function save() { here(); }`, ['off:client-side']),
    // WebAuthn's and tus's browser clients, and swr's cache refresh (Papermark's folder helpers).
    at(`import { startRegistration } from '@simplewebauthn/browser';\nexport async function register(options: unknown) { here(); return startRegistration(options as never); }`, ['off:client-side']),
    at(`import { generateRegistrationOptions } from '@simplewebauthn/server';\nexport async function options() { here(); return generateRegistrationOptions({} as never); }`, ['on:server-function']),
    at(`import * as tus from 'tus-js-client';\nexport function resumable(file: File) { here(); return new tus.Upload(file, {}); }`, ['off:client-side']),
    at(`import { mutate } from 'swr';\nexport async function createFolder(teamId: string) { here(); await mutate(\`/api/teams/\${teamId}/folders\`); }`, ['off:client-side']),
    at(`import { unstable_serialize } from 'swr';\nexport function key(teamId: string) { here(); return unstable_serialize(['folders', teamId]); }`, ['on:server-function']),
    // Uppy's browser uploader; its server, Companion, runs on servers.
    at(`import Uppy from '@uppy/core';\nexport function uploader() { return new Uppy({ onBeforeUpload: () => here() }); }`, ['off:client-side']),
    at(`import companion from '@uppy/companion';\nexport async function sign(key: string) { here(); return companion.socket; }`, ['on:server-function']),
    // Editor views and maps draw into a page (Outline's shared/editor plugins); their types alone say nothing.
    at(`import { Decoration, DecorationSet } from 'prosemirror-view';\nexport function decorate(doc: unknown) { here(doc); return DecorationSet.create(doc as never, [] as Decoration[]); }`, ['off:client-side'], { filename: 'shared/editor/plugins/Highlight.ts' }),
    at(`import { EditorView } from 'prosemirror-view';\nexport function insertFiles(view: EditorView, files: File[]) { here(view, files); }`, ['on:server-function'], { filename: 'shared/editor/commands/insertFiles.ts' }),
    at(`import type { EditorView } from '@codemirror/view';\nexport function focus(view: EditorView) { here(view); }`, ['on:server-function']),
    at(`import L from 'leaflet';\nexport function drawMap(element: HTMLElement) { here(); return L.map(element); }`, ['off:client-side']),
    // MobX stores and Sentry's browser SDK (Outline's app/stores and app/utils/Logger); Sentry's Node SDK says nothing.
    at(`import { observable, action } from 'mobx';\nexport class CollectionsStore { @observable data = new Map(); @action async fetch() { here(); } }`, ['off:client-side'], { filename: 'app/stores/CollectionsStore.ts' }),
    at(`import * as Sentry from '@sentry/react';\nexport function logError(error: Error) { here(); Sentry.captureException(error); }`, ['off:client-side'], { filename: 'app/utils/Logger.ts' }),
    at(`import * as Sentry from '@sentry/node';\nexport function logError(error: Error) { here(); Sentry.captureException(error); }`, ['on:server-function'], { filename: 'server/logging/sentry.ts' }),
    at(`import Router from 'next/router';\nexport async function go() { here(); Router.push('/'); }`, ['off:client-side']),
    // Browser-only libraries and a desktop webview's API (Tauri), and the page's globals used without a check.
    at(`import { saveAs } from 'file-saver';\nexport function save(blob: Blob) { here(); saveAs(blob, 'a.csv'); }`, ['off:client-side'], { filename: 'apps/dashboard/src/lib/save-file.ts' }),
    // An IndexedDB wrapper: the page's own database (AFFiNE's local-first search index).
    at(`import { openDB } from 'idb';\nexport class DataStruct { async open() { here(); return openDB('index', 1); } }`, ['off:client-side'], { filename: 'packages/common/infra/src/sync/indexer/data-struct.ts' }),
    at(`import { invoke } from '@tauri-apps/api/core';\nexport async function open(url: string) { here(); await invoke('open', { url }); }`, ['off:client-side']),
    at(`export { getCurrentWindow } from '@tauri-apps/api/window';\nexport async function open(url: string) { here(); const { openUrl } = await import('@tauri-apps/plugin-opener'); await openUrl(url); }`, ['off:client-side']),
    at(`export function download(url: string, name: string) { here(); const link = document.createElement('a'); link.href = url; link.download = name; link.click(); }`, ['off:client-side'], { filename: 'src/lib/download.ts' }),
    at(`export function reload() { here(); window.location.reload(); }`, ['off:client-side']),
    // Web storage and the browser-only parts of navigator (Node ≥ 21 has a navigator, without a clipboard).
    at(`export function remember(key: string) { here(); localStorage.setItem(key, '1'); }`, ['off:client-side']),
    at(`export const copy = (value: string) => { here(); return navigator.clipboard.writeText(value); };`, ['off:client-side']),
    at(`export const cores = () => { here(); return navigator.hardwareConcurrency; };`, ['on:server-function']),
    at(`export function read(key: string) { if (typeof localStorage === 'undefined') return null; here(); return localStorage.getItem(key); }`, ['on:server-function']),
    // A fetch of a path without a host resolves against the page's URL: Node's fetch throws on it.
    at(`export async function putFile(body: Blob) { here(); const res = await fetch('/api/files/upload', { method: 'POST', body }); return res.json(); }`, ['off:client-side']),
    at(`export async function getFile(id: string) { here(); return fetch(\`/api/files/\${id}\`); }`, ['off:client-side']),
    at(`export async function getFile(base: string, id: string) { here(); return fetch(\`\${base}/api/files/\${id}\`); }`, ['on:server-function']),
    at(`export async function getFile(id: string) { here(); return fetch('//cdn.example.com/' + id); }`, ['on:server-function']),
    // Folders only browser code lives in; a \`*.client.ts\` file name says nothing (server code names its HTTP clients so).
    at(`export async function download(url: string) { here(url); }`, ['off:client-side'], { filename: 'packages/lib/client-only/download-pdf.ts' }),
    at(`export async function detect() { here(); }`, ['off:client-side'], { filename: 'app/.client/detect.ts' }),
    at(`export async function charge() { here(); }`, ['on:server-function'], { filename: 'src/billing/stripe.client.ts' }),
    at(`import 'client-only';\nexport async function track() { here(); }`, ['off:client-side']),
    at(`export const Default = { play: async () => { here(); } };`, ['off:client-side'], { filename: 'src/components/asset-gallery.stories.tsx' }),
    at(`export const Default = { play: async () => { here(); } };`, ['off:client-side'], { filename: 'apps/web/modules/ui/components/badge/stories.tsx' }),
    // …not a server module of a stories resource.
    at(`export async function listStories() { here(); }`, ['on:server-function'], { filename: 'src/services/stories.ts' }),
    at(`export function transform(doc: unknown) { here(doc); }`, ['off:client-side'], { filename: 'packages/dashboard/.storybook/transform.ts' }),
    at(`import { marker } from '@biesbjerg/ngx-translate-extract-marker';\nexport function label() { here(); return marker('x'); }`, ['off:client-side']),
    // Interactive terminals and build plugins run from a command (Vendure's @vendure/create and Vite plugins).
    at(`import { spinner } from '@clack/prompts';\nexport function install(dir: string) { here(dir); spinner(); }`, ['off:cli-script']),
    // A terminal prompt through readline is a tool; reading a file line by line with it is server work.
    at(`import readline from 'node:readline';\nconst rl = readline.createInterface({ input: process.stdin, output: process.stdout });\nexport function ask() { here(rl); }`, ['off:cli-script']),
    at(`import readline from 'node:readline';\nimport fs from 'node:fs';\nexport function lines(p: string) { here(); return readline.createInterface({ input: fs.createReadStream(p) }); }`, ['on:server-function']),
    at(`import type { Plugin } from 'vite';\nexport function translations(): Plugin { return { name: 't', generateBundle() { here(); } }; }`, ['off:cli-script']),
    // Style sheet compilers run in a build (NodeBB's minifier, with sass and postcss).
    at(`import sass from 'sass';\nimport postcss from 'postcss';\nexport async function buildCSS(source: string) { here(); return postcss([]).process(sass.compileString(source).css); }`, ['off:cli-script']),
    // A Docusaurus plugin runs while the docs site builds (Homarr's docs coverage check).
    at(`import type { Plugin } from '@docusaurus/types';\nexport default function coverage(): Plugin<void> { return { name: 'c', async loadContent() { here(); } }; }`, ['off:cli-script'], { filename: 'apps/docs/plugins/validate-docs-coverage.ts' }),
    // A component that calls an imported hook of any library renders in the browser (Teable's CodeBlock with useToast);
    // server code has use… functions too, called outside components, and only JSX files hold components.
    at(`import { useToast } from '@acme/ui-lib/use-toast';\nexport const CodeBlock = ({ value }: { value: string }) => { const { toast } = useToast(); const copy = () => { here(); toast(value); }; return copy; };`, ['off:client-side'], { filename: 'src/components/CodeBlock.tsx' }),
    at(`import { useLocalFormat } from '@/hooks/use-local-format';\nexport function DateTime({ value }: { value: Date }) { here(); return useLocalFormat().format(value); }`, ['off:client-side'], { filename: 'src/components/date-time.tsx' }),
    // …also a hook reached through an imported object: tRPC's `api.traces.byId.useQuery()` (Langfuse); not a plain method call.
    at(`import { api } from '@/src/utils/api';\nexport function TraceRow({ id }: { id: string }) { const trace = api.traces.byId.useQuery({ id }); here(); return trace; }`, ['off:client-side'], { filename: 'web/src/components/trace-row.tsx' }),
    at(`import { api } from '@/src/utils/api';\nexport async function TracePage({ id }: { id: string }) { here(); return api.traces.byId.query({ id }); }`, ['on:server-function'], { filename: 'web/src/app/trace/page.tsx' }),
    at(`import { createTRPCNext } from '@trpc/next';\nexport const api = createTRPCNext({ config() { here(); return {}; } });`, ['off:client-side'], { filename: 'web/src/utils/api.ts' }),
    // A web worker's messaging; other uses of `self` (an edge runtime's service worker) stay server code.
    at(`self.onmessage = (event) => { here(event); self.postMessage('done'); };`, ['off:client-side'], { filename: 'web/src/workers/parse.worker.ts' }),
    at(`export async function handle(request: Request) { here(request); return self.fetch(request); }`, ['on:server-function'], { filename: 'src/worker.ts' }),
    // A shared worker's connections, an upload through XMLHttpRequest, a file read with FileReader: page APIs only.
    at(`self.onconnect = (event: MessageEvent) => { here(event); };`, ['off:client-side'], { filename: 'src/workers/link.worker.ts' }),
    at(`export function upload(url: string, body: Blob) { return new Promise((resolve) => { const xhr = new XMLHttpRequest(); xhr.onload = () => { here(); resolve(xhr.status); }; xhr.open('PUT', url); xhr.send(body); }); }\nexport function size(b: Blob) { here(); return b.size; }`, ['off:client-side', 'on:server-function'], { filename: 'src/utils/file-upload/multipart.ts' }),
    at(`export function readText(file: Blob) { const reader = new FileReader(); reader.onload = () => here(); reader.readAsText(file); }`, ['off:client-side'], { filename: 'src/utils/files.ts' }),
    // A class that reads the user's files with FileReader is built for the page, all of it (Reactive Resume's import
    // parsers); a class using another page API keeps its other methods on the server.
    at(
      `export class LinkedInParser {
         readFile(file: File) { const reader = new FileReader(); reader.readAsText(file); }
         convert(data: object) { here(); return data; }
       }
       export class Exporter {
         measure(el: HTMLElement) { return getComputedStyle(el); }
         save(data: object) { here(); return data; }
       }`,
      ['off:client-side', 'on:server-function'],
      { filename: 'libs/parser/src/linkedin/index.ts' },
    ),
    // …but a check whether the API exists is no sign of a page: code written for both sides.
    at(`export function canUpload() { here(); return typeof XMLHttpRequest !== 'undefined'; }`, ['on:server-function'], { filename: 'src/utils/env.ts' }),
    // A React class component's browser-side lifecycle methods; its render also runs on the server.
    at(`import React from 'react';\nexport class BlockErrorBoundary extends React.Component<{ children: unknown }> {\n  componentDidCatch(error: Error) { here(error); }\n  render() { here(); return this.props.children; }\n}`, ['off:client-side', 'on:server-function'], { filename: 'src/components/BlockErrorBoundary.tsx' }),
    at(`import { useStorage } from 'nitropack/runtime';\nexport default defineEventHandler(async () => { here(); return useStorage('db').getItem('k'); });`, ['on:server-function'], { filename: 'server/api/items.ts' }),
    at(`import { useTranslations } from 'next-intl';\nexport default function Page() { const t = useTranslations('home'); here(); return t('title'); }`, ['on:server-function'], { filename: 'app/[locale]/page.tsx' }),
    at(`import { useStorage } from '#imports';\nexport function Cache() { here(); return useStorage('db'); }`, ['on:server-function'], { filename: 'server/utils/cache.ts' }),
    at(`import { useContainer } from 'class-validator';\nexport async function bootstrapApp(app: { select(m: unknown): unknown }) { useContainer(app.select(AppModule), {}); here(); }`, ['off:startup'], { filename: 'src/main.tsx' }),
    // React's hooks through a namespace or default import are hooks all the same; React.cache is for servers too.
    at(`import * as React from 'react';\nexport function useSessionStorage(key: string) { return React.useCallback(() => here(key), [key]); }`, ['off:client-side']),
    at(`import React from 'react';\nexport function useCount() { here(); return React.useState(0); }`, ['off:client-side']),
    at(`import * as React from 'react';\nexport const getUser = React.cache(async (id: string) => here(id));`, ['on:server-function']),
    // Per function: a shared helper file keeps its other functions (and what the page's functions call stays theirs).
    at(`export function inject(code: string) { here(); document.head.append(document.createRange().createContextualFragment(code)); }\nexport async function send(url: string) { here(); }`, ['off:client-side', 'on:server-function']),
    // Written for both sides (it checks), or a local named like a global: server code still.
    at(`export function baseUrl() { here(); if (typeof window === 'undefined') return process.env.APP_URL; return window.location.origin; }`, ['on:server-function']),
    at(`export function title(document: { title: string }) { here(); return document.title; }`, ['on:server-function']),
    // A guard that leaves the server out proves the rest runs in a browser; so does a host-less fetch, checks or not (HedgeDoc's CSRF token).
    at(`export function width() { if (typeof window === 'undefined') return; here(); return window.innerWidth; }`, ['off:client-side']),
    at(`export async function refresh() { if (typeof window === 'undefined') { return; } here(); await fetch('/api/private/csrf/token'); }\nexport const hasWindow = () => typeof window !== 'undefined';`, ['off:client-side']),
    at(`export async function ping() { if (typeof window !== 'undefined') return; here(); await fetch('https://api.example.com/ping'); }`, ['on:server-function']),
    // Several such tests joined by `||` leave the server out too (Openpanel's replay recorder); joined by `&&`, or mixed with another test, they do not.
    at(`export function record() { if (typeof document === 'undefined' || typeof window === 'undefined') return; here(); window.addEventListener('load', () => {}); }`, ['off:client-side']),
    at(`export function record() { if (typeof document === 'undefined' && typeof window === 'undefined') return; here(); window.addEventListener('load', () => {}); }`, ['on:server-function']),
    at(`export function record(off) { if (off || typeof window === 'undefined') return; here(); window.addEventListener('load', () => {}); }`, ['on:server-function']),
    // …or with a missing part of the page (Better Auth's one-tap client).
    at(`export function prompt() { if (typeof window === 'undefined' || !window.document) { here(); return; } here(); document.querySelector('#x'); }`, ['off:client-side', 'off:client-side']),
    // …also when another function of the file checks for a page it may lack: past the guard, only a page runs the code.
    at(`const supportsFedCM = () => typeof window !== 'undefined' && 'IdentityCredential' in window;\nexport async function oneTap() { here(); if (typeof window === 'undefined' || !window.document) { return; } here(); document.querySelector('#x'); }`, ['on:server-function', 'off:client-side']),
    // The branch a `typeof window` test lets run only in a browser (Postiz's Sentry hook); the rest of the function stays server code.
    at(`export function beforeSend(event: unknown) { if (typeof window !== 'undefined' && window.document) { import('@sentry/react').catch((e) => here(e)); } here(event); return event; }`, ['off:client-side', 'on:server-function']),
    at(`export const track = (name: string) => typeof window !== 'undefined' && here(name);`, ['off:client-side']),
    at(`export function origin() { if (typeof document === 'undefined') { here(); return process.env.APP_URL; } else { here(); return ''; } }`, ['on:server-function', 'off:client-side']),
    at(`export const size = () => (typeof window === 'undefined' || here());`, ['off:client-side']),
    // …not Node's own globals of the same kind, nor a file that builds a DOM on the server.
    at(`export function cores() { if (typeof navigator !== 'undefined') { here(); } }`, ['on:server-function']),
    at(`import { JSDOM } from 'jsdom';\nexport function render() { if (typeof window !== 'undefined') { here(new JSDOM()); } }`, ['on:server-function']),
    // A helper of the file that only returns the test counts as the test (Jitsu's logger): what it lets run is the page's.
    at(`function inBrowser() { return typeof document !== 'undefined' && typeof window !== 'undefined'; }\nexport function log(message: string) { if (inBrowser()) { here(message); } else { here(message); } }`, ['off:client-side', 'on:server-function']),
    at(`const isBrowser = () => typeof window !== 'undefined';\nexport function log(message: string) { return isBrowser() && here(message); }`, ['off:client-side']),
    // A helper that tests something else too, or takes arguments, says nothing.
    at(`function inBrowser(strict: boolean) { return strict && typeof window !== 'undefined'; }\nexport function log(message: string) { if (inBrowser(true)) { here(message); } }`, ['on:server-function']),
    // The DOM's own values and types: a function that works on a page's nodes (Maxun's list extractor); not the fetch
    // API's types, which Node has, nor an XML library's nodes typed with the DOM's types.
    at(`export class ListExtractor {\n  evaluateXPath(root: Element | Document, xpath: string) { here(); return root; }\n  similarity(a: HTMLElement, b: HTMLElement) { here(); return a === b; }\n  node(n: unknown) { here(); return n === XPathResult.FIRST_ORDERED_NODE_TYPE; }\n  size() { here(); return 1; }\n}`, ['off:client-side', 'off:client-side', 'off:client-side', 'on:server-function']),
    at(`export async function handle(req: Request, e: Event): Promise<Response> { here(); return new Response(String(e.type)); }`, ['on:server-function']),
    // Only parameters' types count: a server drawing with a canvas library casts its images to a DOM type (Documenso).
    at(`export function logo(bytes: Uint8Array) { here(); return bytes as unknown as HTMLImageElement; }`, ['on:server-function']),
    at(`import { DOMParser } from '@xmldom/xmldom';\nexport function assertion(doc: Document) { here(); return new DOMParser().parseFromString(String(doc), 'text/xml'); }`, ['on:server-function']),
    // A browser extension's APIs (Karakeep's extension).
    at(`export async function remember(url: string) { here(); await chrome.storage.local.set({ url }); }`, ['off:client-side']),
    // A service worker's own members: the function that uses one runs in the browser.
    at(`export async function refresh(url: string) { here(); const res = await fetch(url); if (res.status === 404) await self.registration.update(); return res; }`, ['off:client-side']),
    // An extension's background script registers its listeners at the top: every function of it runs in the browser (Postiz's extension).
    at(`async function refresh(url: string) { here(); await fetch(url + '/cookies', { method: 'POST' }); }\nchrome.alarms.onAlarm.addListener(() => { void refresh('https://x.example'); });`, ['off:client-side']),
    // …not a function that only mentions it, nor a check for it.
    at(`export async function refresh(url: string) { here(); if (typeof chrome !== 'undefined') await chrome.storage.local.set({ url }); }\nexport async function send(url: string) { here(); }`, ['on:server-function', 'on:server-function']),
    // A server driving a headless browser hands the page functions that use its globals.
    at(`import { Page } from 'playwright';\nexport async function preview(page: Page) { here(); const image = document.querySelector('meta'); return page.evaluate(() => document.location.origin) ?? image; }`, ['on:server-function']),
    at(`export async function title(page: { evaluate<T>(fn: () => T): Promise<T> }) { here(); return page.evaluate(() => window.document.title); }`, ['on:server-function']),
    // The functions it hands the page run there, whatever they use (Maxun's selector helpers log in the page).
    at(`import type { Page } from 'playwright-core';\nexport async function count(page: Page) { here(); return page.evaluate((sel) => { here(); return sel.length; }, 'a'); }`, ['on:server-function', 'off:client-side']),
    at(`export async function texts(page: { $$eval: Function; waitForFunction: Function }) { await page.waitForFunction(() => here()); return page.$$eval('a', (links: unknown[]) => { here(); return links.length; }); }`, ['off:client-side', 'off:client-side']),
    // \`evaluate\` is a common name: without a headless browser in the file, a callback given to it is the server's.
    at(`export async function run(engine: { evaluate(fn: () => unknown): unknown }) { return engine.evaluate(() => here()); }`, ['on:server-function']),
    // …unless the callback uses the page's globals itself: the page runs it, whatever the file imports (Maxun's enricher,
    // its `page` untyped). The function that sends it stays the server's.
    at(`export async function search(page: any) { here(); return page.evaluate(() => { here(); return Array.from(document.querySelectorAll('.result')).length; }); }`, ['on:server-function', 'off:client-side']),
    at(`export async function title(page: any) { return page.evaluate(() => { const inner = () => { here(); return window.location.href; }; return inner(); }); }`, ['off:client-side']),
    at(`import { AppState } from 'react-native';\nexport async function persist() { here(); }`, ['off:client-side'], { filename: 'apps/mobile/lib/queryPersister.ts' }),
    at(`import * as FileSystem from 'expo-file-system/legacy';\nexport async function cached() { here(); }`, ['off:client-side']),
    at(`import NetInfo from '@react-native-community/netinfo';\nexport async function online() { here(); }`, ['off:client-side']),
    at(`import { Ionicons } from '@expo/vector-icons';\nexport async function icon() { here(); }`, ['off:client-side']),
    at(`import { registerRootComponent } from 'expo';\nexport async function open() { here(); }`, ['off:client-side']),
    // Angular and Vue apps beside the API (Ghostfolio's apps/client and libs/ui), but not their server renderers.
    at(`import { Component } from '@angular/core';\n@Component({ selector: 'app-x', template: '' })\nexport class DialogComponent { onSave() { here(); } }`, ['off:client-side'], { filename: 'apps/client/src/app/dialog.component.ts' }),
    at(`import { Store } from '@ngrx/store';\nexport function select(store: Store) { here(store); }`, ['off:client-side']),
    at(`import { NgxSkeletonLoaderModule } from 'ngx-skeleton-loader';\nexport function load() { here(NgxSkeletonLoaderModule); }`, ['off:client-side']),
    at(`import { ref } from 'vue';\nexport function useCounter() { const n = ref(0); return () => here(n); }`, ['off:client-side']),
    at(`import { useStorage } from '@vueuse/core';\nexport function remember() { here(useStorage('k', 1)); }`, ['off:client-side']),
    at(
      `import { APP_BASE_HREF } from '@angular/common';\nimport { AngularNodeAppEngine, writeResponseToNodeResponse } from '@angular/ssr/node';\nimport express from 'express';\nconst app = express(); const engine = new AngularNodeAppEngine();\napp.use((req, res, next) => { here(APP_BASE_HREF); engine.handle(req).then((r) => r && writeResponseToNodeResponse(r, res)); });`,
      ['on:handler'],
      { filename: 'apps/client/src/server.ts' },
    ),
    at(`import { renderToString } from 'vue/server-renderer';\nimport { createSSRApp } from 'vue';\nexport async function render() { here(); return renderToString(createSSRApp({})); }`, ['on:server-function']),
    // Hooks of React bindings and data libraries: Unleash's frontend getters (`useSWR`), Linkwarden's query hooks.
    at(`import useSWR from 'swr';\nexport const useProfile = () => { const { data } = useSWR('/api/profile', () => here()); return data; };`, ['off:client-side'], { filename: 'frontend/src/hooks/api/getters/useProfile/useProfile.ts' }),
    at(`import { useState } from 'preact/hooks';\nexport function Survey() { const [s] = useState(0); here(); return s; }`, ['off:client-side'], { filename: 'packages/surveys/src/components/general/survey.tsx' }),
    at(`import { untrack } from 'solid-js';\nimport { reconcile } from 'solid-js/store';\nexport function persist(data) { here(); return untrack(() => reconcile(data)); }`, ['off:client-side'], { filename: 'packages/embeds/js/src/utils/persist.ts' }),
    at(`import { createSignal } from 'solid-js';\nexport function useCounter() { here(); return createSignal(0); }`, ['off:client-side']),
    at(`import { renderToString } from 'solid-js/web';\nexport async function render() { here(); return renderToString(() => null); }`, ['on:server-function']),
    at(`import useSWRMutation from 'swr/mutation';\nexport const useSave = () => useSWRMutation('/api', () => here());`, ['off:client-side']),
    at(`import { useQuery } from '@tanstack/react-query';\nexport const useUsers = () => useQuery({ queryKey: ['users'], queryFn: () => here() });`, ['off:client-side']),
    at(`import { useSession } from 'next-auth/react';\nexport function useUser() { here(); return useSession(); }`, ['off:client-side']),
    at(`import { useRouter } from 'next/navigation';\nexport function useGo() { here(); return useRouter(); }`, ['off:client-side']),
    at(`import { Reorder, useDragControls } from 'framer-motion';\nexport function Section() { here(); return [Reorder, useDragControls()]; }`, ['off:client-side'], { filename: 'apps/client/src/pages/builder/sections/custom/section.tsx' }),
    at(`import { gql, useQuery } from '@apollo/client';\nexport function useUser() { here(); return useQuery(gql\`{ me { id } }\`); }`, ['off:client-side']),
    at(`import { ApolloServer } from '@apollo/server';\nexport async function serverFor() { here(); return ApolloServer; }`, ['on:server-function']),
    at(`import { ApolloClient, InMemoryCache } from '@apollo/client';\nexport async function query() { here(); return new ApolloClient({ cache: new InMemoryCache() }); }`, ['on:server-function']),
    at(`import { useForm } from 'react-hook-form';\nexport function useSignup() { here(); return useForm(); }`, ['off:client-side']),
    // Not hooks: other exports of those packages, and `use…` functions of server packages.
    at(`import { getSession } from 'next-auth/react';\nexport async function getServerSideProps(ctx) { here(); return { props: { session: await getSession(ctx) } }; }`, ['on:server-function']),
    at(`import { redirect } from 'next/navigation';\nexport async function load() { here(); redirect('/'); }`, ['on:server-function']),
    at(`import { unstable_serialize } from 'swr';\nexport async function fallback() { return unstable_serialize(await here()); }`, ['on:server-function']),
    at(`import { useContainer } from 'class-validator';\nexport async function handle() { here(); useContainer(null); }`, ['on:server-function']),
    at(`import { useServer } from 'graphql-ws/lib/use/ws';\nexport async function handle() { here(); return useServer; }`, ['on:server-function']),
    at(`import { useResponseCache } from '@envelop/response-cache';\nexport async function handle() { here(); return useResponseCache; }`, ['on:server-function']),
    at(`import type { useQuery } from '@tanstack/react-query';\nexport async function handle() { here(); }`, ['on:server-function']),
    // Their server SDKs, and look-alike names, are server code.
    at(`import { Expo } from 'expo-server-sdk';\nexport async function push() { here(); }`, ['on:server-function']),
    at(`import { createRequestHandler } from 'expo-router/server';\nexport async function handle() { here(); }`, ['on:server-function']),
    at(`import { exponential } from 'exponential-backoff';\nexport async function retry() { here(); }`, ['on:server-function']),
    at(`import { parse } from 'react-native-url-polyfill-x/server';\nexport async function f() { here(); }`, ['on:server-function']),
    at(`import { toast } from './toast';\nexport async function notify() { here(); }`, ['on:server-function']),
    // React without state hooks (a server component, `cache`), and data libraries that also prefetch on the server: server code.
    at(`import { cache } from 'react';\nexport const getUser = cache(async (id) => here(id));`, ['on:server-function']),
    at(`import { QueryClient } from '@tanstack/react-query';\nexport async function prefetch() { here(); }`, ['on:server-function']),
    at(`'use server';\nimport { useState } from './not-react';\nexport async function save() { here(); }`, ['on:handler']),
    // A `tests` folder deeper in the path, process.argv inside a function, a shadowed process: server code.
    at(`app.get('/', () => here());`, ['on:handler'], { filename: 'src/tests-helpers/users.ts' }),
    at(`app.get('/', () => { here(); return process.argv; });`, ['on:handler']),
    at(`function f(process) { return process.argv; } app.get('/', () => here());`, ['on:handler']),
    // Custom script globs replace the defaults.
    at(`app.get('/', () => here());`, ['on:handler'], { filename: 'scripts/backfill.ts', options: [{ scripts: ['tools/**'] }] }),
  ],
});

typedRuleTester().run('analysis-request-path (typed)', probe, {
  valid: [],
  invalid: [
    // The type says `web` is an Express router, whatever its name.
    at(`import { Router } from 'express'; declare const web: Router; web.get('/', (req, res) => { here(); });`, ['on:handler']),
    // A plugin registers routes on a FastifyInstance (known by type): its body is setup code.
    at(`import type { FastifyInstance } from 'fastify'; export function plugin(f: FastifyInstance) { here(); f.get('/', async () => here()); }`, ['off:startup', 'on:handler']),
    at(`declare const web: { get(path: string, cb: () => void): void }; web.get('/', () => { here(); });`, ['off:module-top-level']),
    at(`app.get('/', () => here());`, ['off:migration-or-seed'], { filename: 'scripts/seed.ts' }),
  ],
});

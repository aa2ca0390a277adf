import path from 'node:path';
import rule from '../../rules/no-sync-logging';
import { TYPED_FIXTURE_DIR, typedRuleTester, untypedRuleTester, untypedRuleTesterIn } from '../rule-tester';

const PINO_FIELD = '`logger.info({ body }, "msg")`';
const WINSTON_FIELD = '`logger.info("msg", { body })`';
const ANY_FIELD = 'pino and bunyan: `logger.info({ body }, "msg")`; winston: `logger.info("msg", { body })`';

const express = `import express from 'express';\nconst app = express();\n`;

untypedRuleTester().run('no-sync-logging', rule, {
  valid: [
    // LogTape's console sink buffering in the background, options the file does not show, a function of another package.
    `import { configure, getConsoleSink } from '@logtape/logtape';\nawait configure({ sinks: { console: getConsoleSink({ nonBlocking: true }) }, loggers: [] });`,
    `import { configure, getConsoleSink } from '@logtape/logtape';\nawait configure({ sinks: { console: getConsoleSink({ formatter: (r) => [r.message], nonBlocking: { bufferSize: 500 } }) }, loggers: [] });`,
    `import { getConsoleSink } from '@logtape/logtape';\nexport function sink(options: Parameters<typeof getConsoleSink>[0]) { return getConsoleSink(options); }`,
    `import { getConsoleSink } from '@logtape/logtape';\ndeclare const base: object;\nexport const sink = getConsoleSink({ ...base });`,
    `import { getConsoleSink } from './sinks';\nexport const sink = getConsoleSink();`,
    { code: `import { configure, getConsoleSink } from '@logtape/logtape';\nawait configure({ sinks: { console: getConsoleSink() }, loggers: [] });`, filename: 'src/logging.test.ts' },
    // Console output behind a debug switch is off in production (seen in ghostfolio's portfolio calculator).
    // …or behind a switch that is always off (Joplin's models and transaction handler), and in a development-only handler.
    `${express}app.post('/t', async (req, res) => { const debugSteps = false; if (debugSteps) console.info('START', req.url); res.end(); });`,
    `export class TransactionHandler { private logEnabled_ = false; private log(s: string) { if (!this.logEnabled_) return; console.info(s); } commit(name: string) { this.log(name); } }`,
    `import { Env } from './types'; declare function config(): { env: Env }; ${express}app.post('/debug', async (req, res) => { if (config().env !== Env.Dev) throw new Error('forbidden'); console.info(req.query.action); res.end(); });`,
    `import { Calculator } from './calculator'; ${express}app.get('/p', (req, res) => { if (Calculator.ENABLE_LOGGING) { console.log('positions', req.query); } res.end(); });`,
    `const DEBUG = process.env.DEBUG === '1'; ${express}app.get('/p', (req, res) => { DEBUG && console.log(req.url); res.end(); });`,
    `export class Handler { constructor(private readonly options: { verbose: boolean }) {} handle(body: unknown) { if (this.options.verbose && body) console.debug(body); } }`,
    // Startup functions named boot… (AnythingLLM's bootHTTP, bootSSL).
    { code: `import express from 'express';\nexport function bootHTTP(app: ReturnType<typeof express>, port: number) { console.log('Server booting on port', port); app.listen(port); }`, filename: 'src/server.ts' },
    // trigger.dev's tasks run in worker processes of the platform's: no request waits on their output (Papermark's conversions).
    `import { task } from '@trigger.dev/sdk/v3';\nexport const convert = task({ id: 'convert', run: async (payload: { id: string }) => { console.log('converting', payload.id); } });`,
    `import { schedules, schemaTask } from '@trigger.dev/sdk';\nexport const nightly = schedules.task({ id: 'nightly', cron: '0 2 * * *', run: async () => { console.log('nightly run'); } });\nexport const sync = schemaTask({ id: 'sync', run: async ({ id }: { id: string }) => { console.info('sync', id); } });`,
    // A warning printed once per process (Trigger.dev's SDK).
    `let warned = false;\nexport function warnDeprecated(name: string) { if (warned) return; warned = true; console.warn(name + ' is deprecated'); }`,
    `let warned = false;\nexport function warnDeprecated(name: string) { if (!warned) { console.warn(name + ' is deprecated'); warned = true; } }`,
    // A lazy singleton whose fallback is set in a catch (Hexabot's session store): the warning comes once.
    `import { MemoryStore, type Store } from 'express-session';\nlet sessionStore: Store | undefined;\ndeclare function buildRedisStore(): Store;\nexport function getSessionStore(): Store { if (!sessionStore) { try { sessionStore = buildRedisStore(); } catch (error) { console.warn('Falling back to the memory store', error); sessionStore = new MemoryStore(); } } return sessionStore; }`,
    // …or once per key: a module-level set the function tests first and fills.
    `const warnedAbout = new Set<string>();\nexport function warnDeprecated(name: string) { if (warnedAbout.has(name)) return; console.warn(name + ' is deprecated'); warnedAbout.add(name); }`,
    // A setting named for debugging, whatever its prefix (Trigger.dev's chat test harness).
    `export function warn(message: string) { if (process.env.TRIGGER_CHAT_TEST_DEBUG === '1') console.log(message); }`,
    // A function named like a logger that no debug package made, and a debug logger given the object to format.
    `${express}function debugLog(text: string) { return text.length; } app.post('/r', (req, res) => { debugLog(JSON.stringify(req.body)); res.end(); });`,
    `import debug from 'debug'; const log = debug('app'); ${express}app.post('/r', (req, res) => { log('body %O', req.body); res.end(); });`,
    // A debugging setting named with DEBUG first, and a module const holding such a test (erxes's gateway).
    `export function warn(message: string) { if (process.env.DEBUG_GATEWAY_AUTH === 'true') console.log(message); }`,
    `const DEBUG_GATEWAY_AUTH = process.env.DEBUG_GATEWAY_AUTH === 'true'; export function auth(req: { headers: object }) { if (!DEBUG_GATEWAY_AUTH) return; console.log(req.headers); }`,
    `const verboseAuth = process.env.NODE_ENV !== 'production'; export function auth(req: { headers: object }) { if (verboseAuth) console.log(req.headers); }`,
    // A switch named first for debugging, whatever it debugs (Tianji's `env.debugAIFeature`).
    `declare const env: { debugAIFeature: boolean }; export function ask(prompt: string) { if (env.debugAIFeature) console.log('prompt', prompt); return prompt.length; }`,
    // A debug switch defaulting to another (atproto's OAuth middleware).
    `const DEV_MODE = process.env.NODE_ENV === 'development';\nexport function onError(err: unknown, options?: { debug?: boolean }) { if (err != null && (options?.debug ?? DEV_MODE)) console.error(err); }`,
    // …and outside production (seen in outline's Logger): development branches, the else of a production check.
    `declare const env: { isProduction: boolean; isDevelopment: boolean }; declare const output: { error(m: string): void };
     export function logError(message: string, error: Error) { if (env.isProduction) { output.error(message); } else { console.error(message); console.error(error); } }`,
    `${express}app.get('/p', (req, res) => { if (process.env.NODE_ENV !== 'production') console.log(req.url); res.end(); });`,
    // The last words before the process exits (outline's environment validation): written synchronously on purpose.
    `export function validateEnvironment(errors: string[]) { if (errors.length > 0) { console.warn('Environment configuration is invalid:\\n' + errors.join('\\n')); console.error('Exiting.'); process.exit(1); } }`,
    `export function fail(message: string): never { console.error(message); return process.exit(1); }`,
    // …also from a loop or a synchronous forEach/map over the errors just before the exit (Docmost's config validation).
    `export function validate(errors: { property: string }[]) { if (errors.length > 0) { console.error('Invalid:'); errors.map((error) => { console.error(\` - \${error.property}\`); }); console.error('Fix them.'); process.exit(1); } }`,
    `export function validate(errors: string[]) { if (errors.length > 0) { errors.forEach((error) => console.error(error)); process.exit(1); } }`,
    `export function validate(errors: string[]) { if (errors.length > 0) { for (const error of errors) { console.error(error); } process.exit(1); } }`,
    // Tests only (outline's error handler prints what it hides from clients when the test suite runs).
    `declare const env: { ENVIRONMENT: string }; ${express}app.use((err, req, res, next) => { if (env.ENVIRONMENT === 'test') { console.error(err); } res.sendStatus(500); });`,
    `declare const env: { isDevelopment: boolean }; ${express}app.get('/p', (req, res) => { if (env.isDevelopment) console.log(req.url); res.end(); });`,
    // CLI scripts: a shebang, a file under scripts/, a top-level process.argv, a custom glob.
    `#!/usr/bin/env node
     async function run() { const rows = await load(); console.log(JSON.stringify(rows, null, 2)); }
     app.get('/x', () => console.log('not a server, just looks like one'));
     run();`,
    { code: `${express}app.get('/', (req, res) => { console.log('seeding', req.url); });`, filename: 'scripts/seed.ts' },
    // The serialisation runs only when the level is enabled.
    `import pino from 'pino'; const logger = pino(); ${express}app.get('/o', (req, res) => { if (logger.isLevelEnabled('debug')) logger.debug(JSON.stringify(req.body)); res.end(); });`,
    `import pino from 'pino'; const logger = pino(); ${express}app.get('/o', (req, res) => { logger.isLevelEnabled('trace') && logger.trace(JSON.stringify(req.body)); res.end(); });`,
    `const [, , file] = process.argv; export function report(rows) { console.table(rows); }`,
    { code: `export function handler(rows) { console.table(rows); }`, filename: 'tools/export.ts', options: [{ scripts: ['tools/**'] }] },
    // Cloudflare Workers hand console records to the runtime's log stream (Zero's server): by the file's imports, or
    // by its package (below).
    `import { env } from 'cloudflare:workers'; import { Hono } from 'hono'; const app = new Hono(); app.get('/', (c) => { console.log(env.NAME); return c.text('ok'); });`,
    // With ignoreErrorHandlers, output in a catch block or a .catch handler (it runs only when something failed).
    {
      code: `${express}app.post('/r', async (req, res) => { try { await save(req.body); } catch (error) { console.error('save failed', error); } fetchLater().catch((e) => console.warn(e)); res.end(); });`,
      options: [{ scripts: [], ignoreErrorHandlers: true }],
    },
    // `console.time` prints nothing; timers behind a debug switch, in startup code, in a test file.
    `${express}app.get('/links/:id', async (req, res) => { console.time('get-link'); const link = await load(req.params.id); res.json(link); });`,
    `const DEBUG = process.env.DEBUG === '1'; ${express}app.get('/links/:id', async (req, res) => { console.time('get-link'); const link = await load(req.params.id); if (DEBUG) console.timeEnd('get-link'); res.json(link); });`,
    `async function bootstrap() { console.time('boot'); await connect(); console.timeEnd('boot'); console.count('boots'); }\nbootstrap();`,
    { code: `${express}app.get('/', async (req, res) => { console.time('q'); await load(); console.timeEnd('q'); res.end(); });`, filename: 'src/links.test.ts' },
    // Tests, migrations, config files.
    { code: `${express}app.get('/', (req, res) => { console.log(req.body); });`, filename: 'src/users.test.ts' },
    { code: `export async function up(knex) { console.log('adding column'); }`, filename: 'src/migrations/20240101_add_column.ts' },
    { code: `export default { plugins: [{ transform() { console.log('x'); } }] };`, filename: 'vite.config.ts' },
    // Startup code: module top level, listen callback, crash handlers, bootstrap, functions only called at startup.
    `console.log('starting');`,
    `${express}app.listen(3000, () => console.log('listening on 3000'));`,
    `process.on('uncaughtException', (err) => { console.error(err); process.exit(1); });`,
    `process.once('SIGTERM', async () => { console.log('shutting down'); await server.close(); });`,
    `async function bootstrap() { const app = await NestFactory.create(AppModule); await app.listen(3000); console.log('ready'); }
     bootstrap();`,
    `function connectDb() { console.info('connecting'); } async function main() { connectDb(); } main().catch((err) => console.error(err));`,
    `['users', 'orders'].forEach((name) => console.log('loading', name));`,
    `import { Injectable, OnModuleInit } from '@nestjs/common';
     @Injectable() export class Cache implements OnModuleInit { onModuleInit() { console.log('warming cache'); } }`,
    `fastify.addHook('onReady', async () => { console.log('ready'); });`,
    // A router factory's own body runs once, when the routes are mounted.
    `import { Router } from 'express';
     export function ordersRouter(service) {
       const router = Router();
       console.log('mounting /orders');
       router.get('/', async (req, res) => res.json(await service.list()));
       return router;
     }`,
    // A local `console`.
    `${express}app.get('/', (req, res) => { const console = req.console; console.log(req.url); });`,
    `${express}function handle(req, console) { console.log(req.url); } app.get('/', (req, res) => handle(req, res.locals.console));`,
    // Structured fields, and JSON.stringify that is not logged.
    `import pino from 'pino'; const logger = pino(); ${express}app.post('/', (req, res) => { logger.info({ body: req.body }, 'received'); res.end(); });`,
    `${express}app.get('/', async (req, res) => { const data = await load(); res.send(JSON.stringify(data)); });`,
    `${express}app.get('/', (req, res) => { res.end(JSON.stringify({ ok: true, items: req.items })); });`,
    `${express}app.get('/', async (req, res) => { await cache.set(req.url, JSON.stringify(res.locals.data)); });`,
    // A small literal costs nothing to serialise; a receiver that is not a logger.
    `import pino from 'pino'; const logger = pino(); ${express}app.get('/', () => logger.info(JSON.stringify({ ok: true })));`,
    // The same literal kept in a `const` it never changes, or chosen between two (Refly's bind options).
    `import pino from 'pino'; const logger = pino(); ${express}app.get('/', (req) => { const bindOptions = { mode: 'fast', retries: 2 }; logger.info(\`Binding: \${JSON.stringify(bindOptions)}\`); logger.info(JSON.stringify(req.query.x ? { a: 1 } : { b: 2 })); });`,
    `${express}app.get('/', (req) => { blog.info(JSON.stringify(req.body)); catalog.log(JSON.stringify(req.query)); });`,
    // Asynchronous destinations: explicit sync: false, the defaults, a transport (worker thread), a non-literal flag.
    `import pino from 'pino'; export const logger = pino(pino.destination({ dest: './app.log', sync: false }));`,
    `import pino from 'pino'; export const a = pino(pino.destination('./app.log')); export const b = pino(pino.destination());`,
    `import pino from 'pino'; export const logger = pino(pino.transport({ target: 'pino/file', options: { destination: './app.log', sync: true } }));`,
    `import pino from 'pino'; export const logger = pino(pino.destination({ sync: process.env.LOG_SYNC === '1' }));`,
    `import SonicBoom from 'sonic-boom'; export const out = new SonicBoom({ fd: 1 });`,
    // Not pino: a local object of that name.
    `const pino = { destination(options) { return options; } }; pino.destination({ sync: true });`,
    // Asynchronous file writes, non-log files, a CLI script, a user function that happens to be called appendFileSync.
    `import fs from 'node:fs'; ${express}app.post('/', (req) => { fs.appendFile('./logs/access.log', req.url + '\\n', () => {}); });`,
    `import { promises as fsp } from 'fs'; ${express}app.post('/', async (req) => { await fsp.appendFile('./logs/app.log', req.url); });`,
    `import fs from 'fs'; ${express}app.post('/catalog', (req, res) => { fs.writeFileSync('catalog.json', JSON.stringify(req.body)); res.end(); });`,
    { code: `import { writeFileSync } from 'node:fs'; export function main(rows) { writeFileSync('report.csv', rows.join('\\n')); }`, filename: 'scripts/export-report.ts' },
    `function appendFileSync(file, line) { queue.push({ file, line }); } ${express}app.get('/', (req) => appendFileSync('./logs/app.log', req.url));`,
    // A log file written at startup only.
    `import fs from 'fs'; function initLogFile() { fs.writeFileSync('./logs/app.log', ''); } initLogFile();`,
    // Error levels are never off, so the logger would serialise the value anyway; an error's message is a string already.
    `import { Logger } from '@nestjs/common'; const logger = new Logger('Assets'); ${express}app.get('/a', async (req, res) => { try { await run(); } catch (e) { logger.error('Could not get size: ' + JSON.stringify(e)); } });`,
    // winston's generic method, with the level first (Maxun's routes).
    `import { createLogger } from 'winston'; const logger = createLogger(); ${express}app.post('/r', async (req, res) => { logger.log('error', \`Failed: \${JSON.stringify(req.body)}\`); res.end(); });`,
    `import pino from 'pino'; const logger = pino(); ${express}app.get('/b', async (req, res) => { try { await run(); } catch (err) { logger.info(\`preview failed: \${JSON.stringify(err.message)}\`); } });`,
    // Values named as one string: an id, an email (Novu's `JSON.stringify(subscriber.subscriberId)`).
    `import pino from 'pino'; const logger = pino(); ${express}app.post('/t', async (req, res) => { const { subscriber, tenantId } = req.body; logger.info(\`bound \${JSON.stringify(subscriber.subscriberId)} to \${JSON.stringify(tenantId)} for \${JSON.stringify(req.body.email)}\`); res.end(); });`,
    // Temporal workflow code (crowd.dev's workers): the sandbox's own console, on the workflow thread.
    `import { proxyActivities } from '@temporalio/workflow';
     const { loadMembers } = proxyActivities<{ loadMembers(): Promise<string[]> }>({ startToCloseTimeout: '1 minute' });
     export async function refreshAggregates(args: { segmentId: string }): Promise<void> { const ids = await loadMembers(); console.log(\`Refreshed \${ids.length}\`, JSON.stringify(args)); }`,
  ],
  invalid: [
    // A \`task\` of the project's own: its callback runs where its caller does.
    {
      code: `import { task } from './jobs';\nexport const convert = task({ id: 'convert', run: async (payload: { id: string }) => { console.log('converting', payload.id); } });`,
      errors: [{ messageId: 'console' }],
    },
    // A Temporal activity runs on the worker's event loop; a workflow file that only borrows the SDK's types is not one.
    { code: `import { Context } from '@temporalio/activity';\nexport async function loadMembers(segmentId: string) { console.log('loading', segmentId, Context.current().info.attempt); return []; }`, errors: [{ messageId: 'console' }] },
    { code: `import type { WorkflowInfo } from '@temporalio/workflow';\nexport async function record(info: WorkflowInfo) { console.log('recording', info.workflowId); }`, errors: [{ messageId: 'console' }] },
    // …but at a level that can be off, the generic method pays like the named one.
    { code: `import { createLogger } from 'winston'; const logger = createLogger(); ${express}app.post('/r', async (req, res) => { logger.log('debug', \`Got: \${JSON.stringify(req.body)}\`); res.end(); });`, errors: [{ messageId: 'eagerStringify' }] },
    // A list of ids may be long.
    { code: `import pino from 'pino'; const logger = pino(); ${express}app.post('/t', async (req, res) => { logger.info(\`deleting \${JSON.stringify(req.body.userIds)}\`); res.end(); });`, errors: [{ messageId: 'eagerStringify' }] },
    // A debug-package logger builds its arguments on every call, enabled or not (erxes's Facebook webhook).
    {
      code: `import debug from 'debug'; const debugBase = debug('erxes'); const debugFacebook = debugBase.extend('facebook'); ${express}app.post('/webhook', async (req, res) => { debugFacebook(\`event: \${JSON.stringify(req.body)}\`); res.end(); });`,
      errors: [{ messageId: 'eagerStringify', data: { call: 'debugFacebook', form: "`debugFacebook('… %O', body)`" } }],
    },
    // A `const` object or array the handler fills in before logging it (Dub's invalid links).
    { code: `import { createLogger } from 'winston'; const logger = createLogger(); ${express}app.post('/r', async (req, res) => { const invalid: object[] = []; for (const l of req.body.links) invalid.push(l); logger.log('debug', \`Got: \${JSON.stringify(invalid)}\`); res.end(); });`, errors: [{ messageId: 'eagerStringify' }] },
    { code: `import { createLogger } from 'winston'; const logger = createLogger(); ${express}app.post('/r', async (req, res) => { const details = { mode: 'fast' }; details.mode = req.body.mode; logger.log('debug', \`Got: \${JSON.stringify(details)}\`); res.end(); });`, errors: [{ messageId: 'eagerStringify' }] },
    // A module const holding something other than a debugging test, and TRACE_… first (trace sampling runs in production).
    { code: `const AUTH_ENABLED = process.env.AUTH_ENABLED === 'true'; export function auth(req: { headers: object }) { if (AUTH_ENABLED) console.log(req.headers); }`, errors: [{ messageId: 'console' }] },
    { code: `export function warn(message: string) { if (process.env.TRACE_SAMPLING === 'true') console.log(message); }`, errors: [{ messageId: 'console' }] },
    // A switch that something can turn on: a \`let\`, a field the class assigns, a public field another module may set.
    { code: `${express}app.post('/t', async (req, res) => { let shout = false; if (req.query.t) shout = true; if (shout) console.info(req.url); res.end(); });`, errors: [{ messageId: 'console' }] },
    { code: `export class Handler { private logEnabled = false; enable() { this.logEnabled = true; } log(s: string) { if (!this.logEnabled) return; console.info(s); } }`, errors: [{ messageId: 'console' }] },
    { code: `export class Handler { logEnabled = false; log(s: string) { if (!this.logEnabled) return; console.info(s); } }`, errors: [{ messageId: 'console' }] },
    // A try inside the guard that never sets what the guard tests: it runs on every call.
    { code: `let store: object | undefined;\ndeclare function build(): object;\nexport function get() { if (!store) { try { return build(); } catch (error) { console.warn('no store', error); } } return store; }`, errors: [{ messageId: 'console' }] },
    // A guard on a list the call builds itself: no once-per-process guard (Documenso's chart helper).
    { code: `export function addZeroMonth(data: { labels: string[] }) { const result = { labels: [...data.labels] }; if (result.labels.length === 0) return result; console.warn('first month'); result.labels.push('x'); return result; }`, errors: [{ messageId: 'console' }] },
    // A flag set back when the work is done is a mutex, not a once-per-process guard (Maxun's Airtable updates).
    { code: `let processing = false;\nexport async function processUpdates() { if (processing) return; processing = true; try { console.log('processing'); } finally { processing = false; } }`, errors: [{ messageId: 'console' }] },
    // A flag of a per-request function guards once per request, not once per process (Dub's reward generator).
    { code: `export async function generate() { let failed = false; const fail = (cause: unknown) => { if (failed) return; failed = true; console.error('failed', cause); }; await run().catch(fail); }\ndeclare function run(): Promise<void>;`, errors: [{ messageId: 'console' }] },
    // A flag the function sets but never tests: no guard.
    { code: `let warned = false;\nexport function warn(name: string) { warned = true; console.warn(name); return warned; }`, errors: [{ messageId: 'console' }] },
    // A setting production may turn on: audit logging is no debugging output.
    { code: `export function audit(message: string) { if (process.env.AUDIT_LOGGING === 'true') console.log(message); }`, errors: [{ messageId: 'console' }] },
    { code: `import { Role } from './types'; declare function config(): { env: string }; ${express}app.post('/x', async (req, res) => { if (config().env !== Role.Dev) throw new Error('no'); console.info(req.url); res.end(); });`, errors: [{ messageId: 'console' }] },
    {
      // Levels that can be off still pay for the serialisation, error path or not.
      code: `import pino from 'pino'; const logger = pino(); ${express}app.get('/b', async (req, res) => { try { await run(); } catch (err) { logger.debug(JSON.stringify(err)); } });`,
      errors: [{ messageId: 'eagerStringify', data: { call: 'logger.debug', form: PINO_FIELD } }],
    },
    {
      // A level check guards only its own branch.
      code: `import pino from 'pino'; const logger = pino(); ${express}app.get('/o', (req, res) => { if (logger.isLevelEnabled('debug')) res.end(); else logger.info(JSON.stringify(req.body)); });`,
      errors: [{ messageId: 'eagerStringify' }],
    },
    // By default error handlers are reported; with the option, the try block and a nested function in a catch still are.
    {
      code: `${express}app.post('/r', async (req, res) => { try { await save(req.body); } catch (error) { console.error('save failed', error); } res.end(); });`,
      errors: [{ messageId: 'console' }],
    },
    {
      code: `${express}app.post('/r', async (req, res) => { try { console.log(req.body); await save(req.body); } catch (error) { setTimeout(() => console.log('retry'), 10); } res.end(); });`,
      options: [{ scripts: [], ignoreErrorHandlers: true }],
      errors: [{ messageId: 'console' }, { messageId: 'console' }],
    },
    // A callback that may run after the exit is no farewell. (A function that always exits runs once: a branch here.)
    { code: `export function validate(errors: string[]) { if (errors.length > 0) { errors.forEach(async (error) => { console.error(error); }); process.exit(1); } }`, errors: [{ messageId: 'console' }] },
    {
      // An exit somewhere else, or after a branch: the log line is no last word.
      code: `${express}app.get('/p', (req, res) => { console.error(req.url); if (req.query.fatal) { process.exit(1); } res.end(); });`,
      errors: [{ messageId: 'console', data: { call: 'console.error' } }],
    },
    {
      // Production is where it runs.
      code: `declare const env: { isProduction: boolean }; ${express}app.get('/p', (req, res) => { if (env.isProduction) console.error(req.url); else res.end(); });`,
      errors: [{ messageId: 'console', data: { call: 'console.error' } }],
    },
    {
      code: `${express}app.get('/p', (req, res) => { if (process.env.NODE_ENV === 'production') { console.log(req.url); } res.end(); });`,
      errors: [{ messageId: 'console', data: { call: 'console.log' } }],
    },
    {
      // A condition that is no debug switch does not silence the output.
      code: `${express}app.get('/users', async (req, res) => { if (req.query.page) console.log('GET /users', req.query); res.json([]); });`,
      errors: [{ messageId: 'console', data: { call: 'console.log' } }],
    },
    {
      code: `${express}app.get('/users', async (req, res) => { console.log('GET /users', req.query); res.json([]); });`,
      errors: [{ messageId: 'console', data: { call: 'console.log' } }],
    },
    {
      code: `fastify.get('/', async (request, reply) => { console.error('failed', request.id); return {}; });`,
      errors: [{ messageId: 'console', data: { call: 'console.error' } }],
    },
    {
      code: `function audit(user) { console.info('audit', user.id); } ${express}app.post('/login', (req, res) => { audit(req.user); res.end(); });`,
      errors: [{ messageId: 'console', data: { call: 'console.info' } }],
    },
    {
      code: `import { Controller, Get } from '@nestjs/common';
             @Controller('orders') export class OrdersController { @Get() list() { console.debug('listing orders'); return []; } }`,
      errors: [{ messageId: 'console', data: { call: 'console.debug' } }],
    },
    {
      code: `setInterval(() => { console.warn('queue depth', queue.length); }, 1000);`,
      errors: [{ messageId: 'console', data: { call: 'console.warn' } }],
    },
    // Timers and counters write a line like console.log (Papermark's `console.timeEnd` in its API routes); `console.time` does not.
    {
      code: `${express}app.get('/links/:id', async (req, res) => { console.time('get-link'); const link = await load(req.params.id); console.timeEnd('get-link'); res.json(link); });`,
      errors: [{ messageId: 'console', data: { call: 'console.timeEnd' } }],
    },
    {
      code: `export default async function handle(req, res) { console.time('get-link'); const link = await load(req.query.id); console.timeLog('get-link', 'fetched'); if (!link) { console.timeEnd('get-link'); return res.status(404).end(); } console.timeEnd('get-link'); res.json(link); }`,
      filename: 'pages/api/links/[id].ts',
      errors: [
        { messageId: 'console', data: { call: 'console.timeLog' } },
        { messageId: 'console', data: { call: 'console.timeEnd' } },
        { messageId: 'console', data: { call: 'console.timeEnd' } },
      ],
    },
    {
      code: `${express}app.use((req, res, next) => { console.count('requests'); next(); });`,
      errors: [{ messageId: 'console', data: { call: 'console.count' } }],
    },
    {
      code: `export async function createOrder(input) { globalThis.console.log('creating', input.id); }`,
      errors: [{ messageId: 'console', data: { call: 'globalThis.console.log' } }],
    },
    // Both costs at once: the synchronous console write and the eager serialisation.
    {
      code: `${express}app.get('/report', async (req, res) => { const result = await build(); console.log(JSON.stringify(result, null, 2)); res.json(result); });`,
      errors: [
        { messageId: 'console', data: { call: 'console.log' } },
        { messageId: 'eagerStringifyConsole', data: { call: 'console.log', form: ANY_FIELD } },
      ],
    },
    // A flat record stringified for console is the log line's format; a field holding a whole value is still a payload.
    {
      code: `${express}app.get('/t', async (req, res) => { const start = Date.now(); const result = await build(); console.info(JSON.stringify({ msg: 'timing', path: req.path, ms: Date.now() - start, ok: result.ok, region: process.env.REGION ?? 'local' })); console.info(JSON.stringify({ msg: 'result', result: { ...result } })); console.log(JSON.stringify({ result })); console.log(JSON.stringify({ msg: 'result', ok: result.ok }, null, 2)); res.end(); });`,
      errors: [
        { messageId: 'console', data: { call: 'console.info' } },
        { messageId: 'console', data: { call: 'console.info' } },
        { messageId: 'eagerStringifyConsole', data: { call: 'console.info', form: ANY_FIELD } },
        // A value dumped under its name, and a pretty-printed dump for people, are no log record.
        { messageId: 'console', data: { call: 'console.log' } },
        { messageId: 'eagerStringifyConsole', data: { call: 'console.log', form: ANY_FIELD } },
        { messageId: 'console', data: { call: 'console.log' } },
        { messageId: 'eagerStringifyConsole', data: { call: 'console.log', form: ANY_FIELD } },
      ],
    },
    // A logger takes the record as a structured field: still reported there.
    {
      code: `import pino from 'pino';\nconst logger = pino();\n${express}app.get('/t', (req, res) => { logger.info(JSON.stringify({ msg: 'timing', path: req.path })); res.end(); });`,
      errors: [{ messageId: 'eagerStringify', data: { call: 'logger.info', form: PINO_FIELD } }],
    },
    // Synchronous destinations, wherever they are configured.
    {
      code: `import pino from 'pino'; export const logger = pino(pino.destination({ sync: true }));`,
      errors: [{ messageId: 'syncDestination', data: { call: 'pino.destination', option: 'sync' } }],
    },
    // LogTape's console sink writes each record as it is logged (OpenStatus's server, at `info` for every request).
    {
      code: `import { configure, getConsoleSink } from '@logtape/logtape';\nconst options = { nonBlocking: false };\nawait configure({ sinks: { console: getConsoleSink(), pretty: getConsoleSink({ formatter: (r) => [r.message] }), off: getConsoleSink(options) }, loggers: [] });`,
      errors: [
        { messageId: 'blockingSink', data: { call: 'getConsoleSink' } },
        { messageId: 'blockingSink', data: { call: 'getConsoleSink' } },
        { messageId: 'blockingSink', data: { call: 'getConsoleSink' } },
      ],
    },
    {
      code: `import pino from 'pino'; export const logger = pino({ level: 'info' }, pino.destination({ dest: './app.log', sync: true }));`,
      errors: [{ messageId: 'syncDestination', data: { call: 'pino.destination', option: 'sync' } }],
    },
    {
      code: `const { destination } = require('pino'); const options = { dest: 1, sync: true }; module.exports = require('pino')(destination(options));`,
      errors: [{ messageId: 'syncDestination', data: { call: 'destination', option: 'sync' } }],
    },
    {
      code: `import SonicBoom from 'sonic-boom'; export const out = new SonicBoom({ fd: process.stdout.fd, sync: true });`,
      errors: [{ messageId: 'syncDestination', data: { call: 'new SonicBoom', option: 'sync' } }],
    },
    {
      code: `import { SonicBoom as Boom } from 'sonic-boom'; export const out = Boom({ dest: './app.log', fsync: true });`,
      errors: [{ messageId: 'syncDestination', data: { call: 'Boom', option: 'fsync' } }],
    },
    // Synchronous log files on request paths.
    {
      code: `import fs from 'node:fs'; ${express}app.use((req, res, next) => { fs.appendFileSync('./logs/access.log', req.method + ' ' + req.url + '\\n'); next(); });`,
      errors: [{ messageId: 'syncFileWrite', data: { call: 'fs.appendFileSync' } }],
    },
    {
      code: `import { writeFileSync as write } from 'fs';
             function logRequest(req) { write(outputFile, \`\${Date.now()} \${req.url}\\n\`, { flag: 'a' }); }
             ${express}app.use((req, res, next) => { logRequest(req); next(); });`,
      errors: [{ messageId: 'syncFileWrite', data: { call: 'fs.writeFileSync' } }],
    },
    {
      code: `const fs = require('fs'); exports.handler = async (event) => { fs.appendFileSync(AUDIT_LOG_PATH, JSON.stringify(event)); };`,
      errors: [{ messageId: 'syncFileWrite', data: { call: 'fs.appendFileSync' } }],
    },
    // Eager JSON.stringify in log calls.
    {
      code: `import pino from 'pino'; const logger = pino(); ${express}app.post('/orders', (req, res) => { logger.info(JSON.stringify(req.body)); res.end(); });`,
      errors: [{ messageId: 'eagerStringify', data: { call: 'logger.info', form: PINO_FIELD } }],
    },
    {
      code: `import { Controller, Logger, Post, Body } from '@nestjs/common';
             @Controller('users') export class UsersController {
               private readonly logger = new Logger(UsersController.name);
               @Post() create(@Body() dto) { this.logger.log(\`creating \${JSON.stringify(dto)}\`); }
             }`,
      errors: [{ messageId: 'eagerStringify', data: { call: 'this.logger.log', form: ANY_FIELD } }],
    },
    {
      code: `fastify.post('/', async (request) => { request.log.info({ payload: JSON.stringify(request.body) }, 'received'); request.log.debug('query: ' + JSON.stringify(request.query)); });`,
      errors: [
        { messageId: 'eagerStringify', data: { call: 'request.log.info', form: ANY_FIELD } },
        { messageId: 'eagerStringify', data: { call: 'request.log.debug', form: ANY_FIELD } },
      ],
    },
    {
      // A winston logger held in a field (Standard Notes' use cases): its field goes after the message.
      code: `import { Logger } from 'winston';
             export class AuthenticateUser { constructor(private logger: Logger) {} async execute(dto: object) { this.logger.debug(\`no method for tokens: \${JSON.stringify(dto)}\`); } }`,
      errors: [{ messageId: 'eagerStringify', data: { call: 'this.logger.debug', form: WINSTON_FIELD } }],
    },
    {
      code: `import winston from 'winston'; export async function charge(order) { winston.info(JSON.stringify(order)); }`,
      errors: [{ messageId: 'eagerStringify', data: { call: 'winston.info', form: WINSTON_FIELD } }],
    },
    {
      code: `import pino from 'pino'; const base = pino(); export function handle(job) { base.child({ jobId: job.id }).debug(JSON.stringify(job.data)); }`,
      errors: [{ messageId: 'eagerStringify', data: { call: 'base.child({ jobId: job.id }).debug', form: PINO_FIELD } }],
    },
  ],
});

typedRuleTester().run('no-sync-logging (typed)', rule, {
  valid: [
    // The payload is a string: nothing to win by passing it as a field.
    `import pino from 'pino'; const logger = pino(); declare const id: string; export function find() { logger.info(\`user \${JSON.stringify(id)}\`); }`,
    // An object typed as something else, not a logger.
    `declare const sink: { info(message: string): void }; declare const body: object; export function save() { sink.info(JSON.stringify(body)); }`,
    // Seed scripts, as the brief's absolute fixture path and as a path relative to the fixture project.
    { code: `export function seed(rows: object[]) { console.log(JSON.stringify(rows)); }`, filename: path.join(TYPED_FIXTURE_DIR, 'scripts', 'seed.ts') },
    { code: `export function seed(rows: object[]) { console.log(JSON.stringify(rows)); }`, filename: 'scripts/seed.ts' },
    `import pino from 'pino'; export const logger = pino(pino.destination({ dest: './app.log', sync: false }));`,
    // Startup code around a typed Express app: the listen callback and the rest of bootstrap().
    `import express from 'express'; async function bootstrap() { const server = express(); server.listen(3000, () => console.log('up')); console.log('started'); } void bootstrap();`,
  ],
  invalid: [
    {
      // Neither name says "logger"; the type does.
      code: `import pino from 'pino'; declare const sink: pino.Logger; declare const body: object; export function save() { sink.info(JSON.stringify(body)); }`,
      errors: [{ messageId: 'eagerStringify', data: { call: 'sink.info', form: PINO_FIELD } }],
    },
    {
      code: `import type { FastifyRequest } from 'fastify'; export async function handle(request: FastifyRequest) { const l = request.log; l.warn(JSON.stringify(request.body)); }`,
      errors: [{ messageId: 'eagerStringify', data: { call: 'l.warn', form: ANY_FIELD } }],
    },
    {
      // A router by its type, whatever its name: the callback is a handler.
      code: `import { Router } from 'express'; declare const web: Router; web.get('/', (req, res) => { console.log(req.url); res.end(); });`,
      errors: [{ messageId: 'console', data: { call: 'console.log' } }],
    },
    {
      code: `import SonicBoom from 'sonic-boom'; export const out = new SonicBoom({ dest: './app.log', sync: true });`,
      errors: [{ messageId: 'syncDestination', data: { call: 'new SonicBoom', option: 'sync' } }],
    },
    {
      code: `import * as fs from 'node:fs'; export function logLine(line: string) { fs.appendFileSync('app.log', line + '\\n'); }`,
      errors: [{ messageId: 'syncFileWrite', data: { call: 'fs.appendFileSync' } }],
    },
  ],
});

// An exported function that nothing in the program imports, run at the bottom of its own file: a CLI entry
// point. With types the importer index shows nobody else calls it; without them an export may serve requests.
const cliEntry = `export async function run() { await Promise.resolve(); console.log('Done'); }\nrun();`;
typedRuleTester().run('no-sync-logging: exports nobody imports (typed)', rule, { valid: [cliEntry], invalid: [] });
untypedRuleTester().run('no-sync-logging: exports nobody imports (untyped)', rule, { valid: [], invalid: [{ code: cliEntry, errors: [{ messageId: 'console' }] }] });

// The package decides: a worker deployed with wrangler (tests/fixtures/workers-app), an Express app (mongoose-app).
const WORKER_ROUTE = `import { Hono } from 'hono'; const app = new Hono(); app.post('/mail', async (c) => { console.log('sending', await c.req.json()); return c.text('ok'); });`;
untypedRuleTesterIn(path.join(__dirname, '..', 'fixtures')).run('no-sync-logging: Cloudflare Workers packages', rule, {
  valid: [{ code: WORKER_ROUTE, filename: 'workers-app/src/index.ts' }],
  invalid: [{ code: WORKER_ROUTE, filename: 'mongoose-app/src/index.ts', errors: [{ messageId: 'console' }] }],
});

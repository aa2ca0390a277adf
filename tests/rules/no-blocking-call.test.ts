import { readFileSync } from 'node:fs';
import path from 'node:path';
import rule from '../../rules/no-blocking-call';
import { TYPED_FIXTURE_DIR, typedRuleTester, untypedRuleTester } from '../rule-tester';

const express = `import express from 'express';\nconst app = express();\n`;

const FS_READ = "`fs.promises.readFile` (`await readFile(…)` from 'node:fs/promises')";
const FS_EXISTS = '`fs.promises.access` (or `stat`) in a try/catch';
const EXEC = '`child_process.exec` (promisified with `util.promisify`) or `spawn`';
const PBKDF2 = '`crypto.pbkdf2` (promisified), which runs on the libuv thread pool';
const BCRYPT_COMPARE = '`await bcrypt.compare(…)`, which hashes on the libuv thread pool';
const BCRYPTJS_HASH = '`await bcrypt.hash(…)`, which yields to the event loop between rounds (or the native `bcrypt` package)';
const RANDOM_BYTES = '`crypto.randomBytes(size, callback)` (or promisified), which fills the buffer on the thread pool';
const ATOMICS = "`Atomics.waitAsync`, `await setTimeout(ms)` from 'node:timers/promises' to sleep, or a worker thread";
const zlibAlternative = (name: string, stream: string) => `\`zlib.${name}\` (promisified) or a \`zlib.create${stream}()\` stream`;

untypedRuleTester().run('no-blocking-call', rule, {
  valid: [
    // The synchronous variant of an API: blocking is what it offers beside its async twin (fs-extra and isexe, vendored).
    `import fs from 'node:fs';\nexport function copySync(src: string, dest: string) { for (const name of fs.readdirSync(src)) fs.copyFileSync(src + '/' + name, dest + '/' + name); }`,
    `const fs = require('fs');\nmodule.exports.sync = function (path) { return checkStat(fs.statSync(path), path); };\nexports.ensureFileSync = (file) => { if (!fs.existsSync(file)) fs.writeFileSync(file, ''); };\nfunction checkStat(stat) { return stat.isFile(); }`,
    // A trigger.dev task runs in a worker process of the platform's, apart from the server.
    `import { task } from '@trigger.dev/sdk/v3'; import { pbkdf2Sync } from 'crypto';\nexport const hash = task({ id: 'hash', run: async (payload: { password: string; salt: string }) => pbkdf2Sync(payload.password, payload.salt, 600000, 64, 'sha512').toString('hex') });`,
    // Development only: outline reads its error page per error in development, once in production (a lazy cache).
    `import fs from 'fs'; import path from 'path'; declare const env: { isDevelopment: boolean; isProduction: boolean };
     let errorHtmlCache: Buffer | undefined;
     function readErrorFile(): Buffer {
       if (env.isDevelopment) return fs.readFileSync(path.join(__dirname, 'error.dev.html'));
       return errorHtmlCache ?? (errorHtmlCache = fs.readFileSync(path.join(__dirname, 'error.prod.html')));
     }
     ${express}app.use((err, req, res, next) => { res.status(500).send(readErrorFile()); });`,
    `import { writeFileSync } from 'node:fs';
     ${express}app.post('/debug', (req, res) => { if (process.env.NODE_ENV === 'production') return res.sendStatus(404); writeFileSync('/tmp/last.json', JSON.stringify(req.body)); res.end(); });`,
    // Certificates read while a client's connection options are built: once per client, not per request (Logto's and
    // Langfuse's Redis TLS options).
    `import fs from 'node:fs';
     export class RedisCache { protected getSocketOptions(url?: URL) { const certFile = url?.searchParams.get('cert'); const caFile = url?.searchParams.get('certroot');
       return { tls: url?.protocol === 'rediss:', cert: certFile ? fs.readFileSync(certFile).toString() : undefined, ca: caFile ? fs.readFileSync(caFile).toString() : undefined }; } }`,
    `import fs from 'fs'; declare const env: Record<string, string | undefined>;
     export const buildTlsOptions = () => ({ tls: { ca: env.CA_PATH ? fs.readFileSync(env.CA_PATH) : undefined, key: env.KEY_PATH ? fs.readFileSync(env.KEY_PATH) : undefined } });`,
    `import { readFileSync } from 'node:fs'; export function sslOptions(dir: string) { return { key: readFileSync(dir + '/key.pem'), cert: readFileSync(dir + '/cert.pem', 'utf8') }; }`,
    // A memo per key: each encryption key is derived once, then served from the cache (inbox-zero).
    `import { scryptSync } from 'node:crypto'; import express from 'express';
     const keyCache = new Map<number, Buffer>();
     function getKey(version: number): Buffer { const cached = keyCache.get(version); if (cached) return cached; const key = scryptSync('secret', 'salt', 32); keyCache.set(version, key); return key; }
     const app = express(); app.get('/x', (req, res) => { res.json({ key: getKey(1).length }); });`,
    // Startup: module top level, bootstrap(), a function only called at startup, listen callbacks, crash handlers.
    `import fs from 'node:fs'; const config = JSON.parse(fs.readFileSync('./config.json', 'utf8')); export default config;`,
    `import fs = require('fs'); export const config = JSON.parse(fs.readFileSync('./config.json', 'utf8'));`,
    `import { execSync } from 'child_process'; export const version = execSync('git rev-parse HEAD').toString().trim();`,
    `import { readFileSync } from 'fs'; import express from 'express';
     async function bootstrap() { const key = readFileSync('./certs/key.pem'); const app = express(); app.listen(3000); return key; }
     bootstrap();`,
    `import fs from 'fs'; function loadCertificates() { return { key: fs.readFileSync('key.pem'), cert: fs.readFileSync('cert.pem') }; } const certs = loadCertificates(); export { certs };`,
    `import fs from 'fs'; ${express}app.listen(3000, () => { fs.writeFileSync('server.pid', String(process.pid)); });`,
    `import fs from 'fs'; process.on('SIGTERM', () => { fs.unlinkSync('server.pid'); process.exit(0); });`,
    // NestJS lifecycle hooks and DI constructors run once, at startup.
    `import { Injectable, OnModuleInit } from '@nestjs/common'; import * as fs from 'fs';
     @Injectable() export class TemplateService implements OnModuleInit {
       private template = '';
       onModuleInit() { this.template = fs.readFileSync('./templates/mail.html', 'utf8'); }
       render() { return this.template; }
     }`,
    `import { Injectable } from '@nestjs/common'; import { generateKeyPairSync } from 'crypto';
     @Injectable() export class Signer { private readonly keys = generateKeyPairSync('ed25519'); constructor() { this.pem = generateKeyPairSync('ed25519'); } }`,
    // A private method the class calls only from a lifecycle hook runs at startup too.
    `import { Injectable, OnModuleInit } from '@nestjs/common'; import { readdirSync, readFileSync } from 'node:fs';
     @Injectable() export class I18nService implements OnModuleInit {
       private translations: Record<string, string> = {};
       onModuleInit() { this.loadFiles(); }
       translate(id: string) { return this.translations[id] ?? id; }
       private loadFiles() { for (const file of readdirSync('./locales')) this.translations[file] = readFileSync('./locales/' + file, 'utf8'); }
     }`,
    // A router factory's own body runs when the routes are mounted; a Fastify onReady hook at startup.
    `import { Router } from 'express'; import fs from 'fs';
     export function reportsRouter(db) {
       const router = Router();
       const sql = fs.readFileSync('./sql/report.sql', 'utf8');
       router.get('/', async (req, res) => res.json(await db.query(sql)));
       return router;
     }`,
    `import { readdirSync } from 'fs'; fastify.addHook('onReady', async () => { readdirSync('./plugins'); });`,
    // CLI scripts: a shebang, a file under scripts/, a top-level process.argv, a CLI framework, a custom glob.
    `#!/usr/bin/env node
     import { execSync } from 'child_process';
     export function release() { execSync('npm publish', { stdio: 'inherit' }); }
     release();`,
    { code: `import fs from 'fs'; export function seedUsers() { return JSON.parse(fs.readFileSync('users.json', 'utf8')); }`, filename: 'scripts/import-users.ts' },
    `import { gzipSync } from 'zlib'; import fs from 'fs'; const [, , file] = process.argv; export function pack(f) { fs.writeFileSync(f + '.gz', gzipSync(fs.readFileSync(f))); } pack(file);`,
    `import { Command } from 'commander'; import { spawnSync } from 'node:child_process'; new Command().action(() => spawnSync('make', ['build']));`,
    { code: `import fs from 'fs'; export function handler() { return fs.readFileSync('x'); }`, filename: 'tools/export.ts', options: [{ scripts: ['tools/**'] }] },
    // Tests, migrations, config files.
    { code: `import fs from 'fs'; ${express}app.get('/', (req, res) => res.send(fs.readFileSync('fixture.json')));`, filename: 'src/users.test.ts' },
    { code: `import fs from 'fs'; export async function up(knex) { await knex.raw(fs.readFileSync('./001.sql', 'utf8')); }`, filename: 'db/migrations/001_init.ts' },
    { code: `import fs from 'fs'; export default { transform() { return fs.readFileSync('x', 'utf8'); } };`, filename: 'vite.config.ts' },
    // Not the module: a user function named like one, a method of another object, a local `fs`, a shadowed require.
    `function readFileSync(path) { return cache.get(path); } ${express}app.get('/', (req, res) => res.send(readFileSync(req.path)));`,
    `${express}app.get('/', (req, res) => res.send(storage.readFileSync(req.path)));`,
    `${express}const fs = createMemoryFs(); app.get('/', (req, res) => res.send(fs.readFileSync('/virtual/' + req.path)));`,
    `${express}app.post('/', (req, res) => { const bcrypt = req.app.locals.hasher; res.json(bcrypt.hashSync(req.body.password)); });`,
    `${express}function handle(req, res, require) { res.send(require('fs').readFileSync('x')); } app.get('/', (req, res) => handle(req, res, customRequire));`,
    `${express}app.get('/', (req, res) => { const Atomics = { wait() {} }; Atomics.wait(); res.end(); });`,
    // A parameter called fs: without type information there is no evidence it is the module.
    `export function read(fs, path) { return fs.readFileSync(path); }`,
    // Type-only imports are not calls.
    `import type { Stats } from 'node:fs'; import type * as FS from 'fs'; export function size(stats: Stats, read: typeof FS.readFileSync) { return stats.size; }`,
    // The asynchronous forms.
    `import fs from 'fs'; ${express}app.get('/', async (req, res) => { res.send(await fs.promises.readFile('./data.json', 'utf8')); });`,
    `import { readFile } from 'node:fs/promises'; ${express}app.get('/', async (req, res) => res.send(await readFile('./data.json')));`,
    `import { promises as fsp } from 'fs'; export async function load() { return fsp.readdir('./uploads'); }`,
    `import zlib from 'zlib'; ${express}app.get('/', (req, res) => { const gzip = zlib.createGzip(); gzip.pipe(res); gzip.end(req.body); });`,
    `import bcrypt from 'bcrypt'; ${express}app.post('/login', async (req, res) => res.json(await bcrypt.compare(req.body.password, res.locals.hash)));`,
    `import { exec } from 'child_process'; import { promisify } from 'util'; export async function uptime() { return promisify(exec)('uptime'); }`,
    // Cheap crypto: small random values, UUIDs, hashes, salts; a callback makes randomBytes asynchronous.
    `import { randomBytes, randomUUID, createHash } from 'crypto'; ${express}app.post('/', (req, res) => res.json({ id: randomUUID(), token: randomBytes(16).toString('hex'), etag: createHash('sha256').update(req.body).digest('hex') }));`,
    `import crypto from 'node:crypto'; export function nonce() { return crypto.randomBytes(64 * 1024); }`,
    `import crypto from 'node:crypto'; const SIZE = 32; export function key() { return crypto.randomFillSync(Buffer.alloc(SIZE)); }`,
    `import crypto from 'node:crypto'; export function key() { const buf = new Uint32Array(8); return crypto.randomFillSync(buf); }`,
    `import crypto from 'node:crypto'; export function noise(cb) { crypto.randomBytes(1024 * 1024, cb); }`,
    // A size the code cannot see: not reported.
    `import { randomBytes } from 'crypto'; export function token(length) { return randomBytes(length).toString('base64url'); }`,
    `import bcrypt from 'bcryptjs'; export function salt() { return bcrypt.genSaltSync(12); }`,
    // A once-guard: the block sets the flag its condition tests (outline's HTMLHelper).
    `import fs from 'fs'; let initialized = false; export async function inlineCSS(html: string) { if (!initialized) { await initWasm(fs.readFileSync('./inline.wasm')); initialized = true; } return html; }`,
    // An early return once done: the function later sets the flag or fills the collection its guard tests.
    `import fs from 'fs'; const views = new Map<string, string>(); export function loadViews(dir: string) { if (views.size > 0) return; for (const name of ['a.html', 'b.html']) views.set(name, fs.readFileSync(dir + name, 'utf8')); }`,
    `import fs from 'fs'; let loaded = false; export function loadConfig() { if (loaded) return; loaded = true; return JSON.parse(fs.readFileSync('./config.json', 'utf8')); }`,
    `import fs from 'fs'; const templates = new Map<string, string>(); export function loadTemplates(files: string[]) { if (templates.size) { return; } files.forEach((file) => templates.set(file, fs.readFileSync(file, 'utf8'))); }`,
    `import fs from 'fs'; export class Styles { private ready = false; css = ''; load() { if (!this.ready) { this.css = String(fs.readFileSync('./a.css')); this.ready = true; } return this.css; } }`,
    // A static flag read through the class's own name (Refly's prompt partials).
    `import fs from 'fs'; export class PromptTemplate { private static partialsRegistered = false; static registerPartials(dir: string) { if (PromptTemplate.partialsRegistered) return; for (const f of fs.readdirSync(dir)) void f; PromptTemplate.partialsRegistered = true; } }`,
    // A guard that sets what it tests to a new object, with a check of its own inside (GrowthBook's build info).
    `import fs from 'fs'; let build: { sha: string }; export function getBuild() { if (!build) { build = { sha: '' }; if (fs.existsSync('/build/SHA')) { build.sha = fs.readFileSync('/build/SHA', 'utf8'); } } return build; }`,
    // A cache filled under a condition of its own inside its test (GrowthBook's API spec).
    `import { readFileSync } from 'fs'; let spec: string; export function getSpec(file: string) { if (!spec) { if (file.endsWith('.yaml')) { spec = readFileSync(file, 'utf8'); } } return spec; }`,
    // A file read into the options of the value cached (a TLS agent built once with its certificate).
    `import { readFileSync } from 'fs'; import https from 'https'; import express from 'express'; const app = express(); let agent: https.Agent | undefined;
     app.get('/proxy', (req, res) => { agent ??= new https.Agent({ ca: readFileSync(String(process.env.CA_PATH)), keepAlive: true }); res.json(agent.maxSockets); });`,
    // Lazy initialisation: the file is read once, by the first request.
    `import fs from 'fs'; let template; function render(name) { template ??= fs.readFileSync('./page.html', 'utf8'); return template.replace('{{name}}', name); }
     ${express}app.get('/', (req, res) => res.send(render(req.query.name)));`,
    `import { readFileSync } from 'fs'; let schema; export function getSchema() { if (!schema) schema = JSON.parse(readFileSync('./schema.json', 'utf8')); return schema; }`,
    // Dropped when the connection ends, or by a close(): still made once per connection.
    `import fs from 'fs'; import { connect } from './tls'; let socket: any; export function get() { if (!socket) { socket = connect(fs.readFileSync('./ca.pem')); socket.on('end', () => { socket = null; }); } return socket; }\nexport function close() { socket = null; }`,
    `import { readFileSync } from 'fs'; let schema; export function getSchema() { if (schema === undefined) { schema = JSON.parse(readFileSync('./schema.json', 'utf8')); } return schema; }`,
    `import { execSync } from 'child_process'; let sha; export function version() { return sha ?? (sha = execSync('git rev-parse HEAD').toString().trim()); }`,
    `import fs from 'fs'; export class Mailer { template; render() { this.template ||= fs.readFileSync('./mail.html', 'utf8'); return this.template; } }`,
    // A worker thread exists to block.
    `import { parentPort, workerData } from 'node:worker_threads'; import { pbkdf2Sync } from 'node:crypto';
     export function hash(input) { return pbkdf2Sync(input.password, input.salt, 600000, 64, 'sha512'); }
     parentPort.postMessage(hash(workerData));`,
    // Options: allowed calls.
    { code: `import fs from 'fs'; ${express}app.get('/', (req, res) => res.json(fs.existsSync('./maintenance')));`, options: [{ allow: ['existsSync'] }] },
    // A log line written synchronously is no-sync-logging's (one warning, with the logging fix).
    `import fs from 'fs'; ${express}app.post('/orders', (req, res) => { fs.appendFileSync('./logs/access.log', req.url + '\\n'); res.end(); });`,
    `import { writeFileSync } from 'node:fs'; export function auditTrail(entry) { writeFileSync('./audit.jsonl', JSON.stringify(entry), { flag: 'a' }); }`,
    { code: `import zlib from 'zlib'; export function decodeCookie(value) { return zlib.inflateSync(Buffer.from(value, 'base64')); }`, options: [{ allow: ['zlib.inflateSync'] }] },
    { code: `import crypto from 'crypto'; export function pad() { return crypto.randomBytes(1 << 20); }`, options: [{ maxSyncRandomBytes: 2 * 1024 * 1024 }] },
  ],
  invalid: [
    // A certificate read in a handler runs per request; a lone `key` is any key; a read passed through a call is data.
    {
      code: `import fs from 'node:fs'; import https from 'node:https'; ${express}app.get('/proxy', (req, res) => { const agent = new https.Agent({ ca: fs.readFileSync('/etc/ca.pem') }); res.json({ ok: !!agent }); });`,
      errors: [{ messageId: 'blockingCall', data: { call: 'fs.readFileSync', alternative: FS_READ } }],
    },
    {
      code: `import fs from 'fs'; export function load(file: string) { return { key: fs.readFileSync(file, 'utf8') }; }`,
      errors: [{ messageId: 'blockingCall', data: { call: 'fs.readFileSync', alternative: FS_READ } }],
    },
    {
      code: `import fs from 'fs'; declare function parse(text: Buffer): string; export function options(file: string) { return { cert: parse(fs.readFileSync(file)) }; }`,
      errors: [{ messageId: 'blockingCall', data: { call: 'fs.readFileSync', alternative: FS_READ } }],
    },
    // After a once-guard, a timer's callback still runs on every tick (Civitai's liveness heartbeat).
    {
      code: `import fs from 'fs'; let started = false; export function startHeartbeat() { if (started) return; started = true; const write = () => fs.writeFileSync('/tmp/heartbeat', String(Date.now())); setInterval(() => { write(); }, 2000); }`,
      errors: [{ messageId: 'blockingCall', data: { call: 'fs.writeFileSync', alternative: "`fs.promises.writeFile` (`await writeFile(…)` from 'node:fs/promises')" } }],
    },
    // The check inside a cache's test runs again on every call while the file is missing; only the read is once.
    {
      code: `import { existsSync, readFileSync } from 'fs'; let spec: string; export function getSpec(file: string) { if (!spec) { if (existsSync(file)) { spec = readFileSync(file, 'utf8'); } } return spec; }`,
      errors: [{ messageId: 'blockingCall', data: { call: 'fs.existsSync', alternative: FS_EXISTS } }],
    },
    // A guard whose value is set only when the check succeeds: `build` may stay unset, and the check runs again.
    {
      code: `import fs from 'fs'; let build: { sha: string } | undefined; export function getBuild() { if (!build) { if (fs.existsSync('/SHA')) { build = { sha: '' }; } } return build; }`,
      errors: [{ messageId: 'blockingCall', data: { call: 'fs.existsSync', alternative: FS_EXISTS } }],
    },
    // The same derivation stored under a key but never looked up first: it runs on every call.
    {
      code: `import { scryptSync } from 'node:crypto'; const keys = new Map<string, Buffer>();
             export function hashPassword(password: string) { const key = scryptSync(password, 'salt', 32); keys.set(password, key); return key; }`,
      errors: [{ messageId: 'blockingCall', data: { call: 'crypto.scryptSync', alternative: '`crypto.scrypt` (promisified), which runs on the libuv thread pool' } }],
    },
    // The production branch of an environment check, and a name that only looks like a switch.
    {
      code: `import fs from 'fs'; declare const env: { isDevelopment: boolean };
             export function template(name: string) { if (env.isDevelopment) { return ''; } else { return fs.readFileSync(name, 'utf8'); } }`,
      errors: [{ messageId: 'blockingCall', data: { call: 'fs.readFileSync', alternative: FS_READ } }],
    },
    {
      code: `import fs from 'fs'; export function dump(span: { traceId?: string }, body: string) { if (span.traceId) fs.readFileSync(body); }`,
      errors: [{ messageId: 'blockingCall', data: { call: 'fs.readFileSync', alternative: FS_READ } }],
    },
    // A slot set back when each use settles is request coalescing: the next call reads again (Unkey's key refresher).
    {
      code: `import fs from 'fs'; let inFlight: Promise<string> | null = null; export function keys() { if (!inFlight) inFlight = Promise.resolve(fs.readFileSync('./keys.json', 'utf8')).finally(() => { inFlight = null; }); return inFlight; }`,
      errors: [{ messageId: 'blockingCall', data: { call: 'fs.readFileSync', alternative: FS_READ } }],
    },
    // A flag set back when the work is done is a mutex: the next call reads again.
    {
      code: `import fs from 'fs'; let busy = false; export function reload() { if (busy) return; busy = true; try { return fs.readFileSync('./config.json', 'utf8'); } finally { busy = false; } }`,
      errors: [{ messageId: 'blockingCall', data: { call: 'fs.readFileSync', alternative: FS_READ } }],
    },
    // A flag local to the call, or one the block never sets: every call reads.
    {
      code: `import fs from 'fs'; export function inlineCSS(html: string) { let initialized = false; if (!initialized) { fs.readFileSync('./inline.wasm'); initialized = true; } return html; }`,
      errors: [{ messageId: 'blockingCall', data: { call: 'fs.readFileSync', alternative: FS_READ } }],
    },
    {
      code: `import fs from 'fs'; let initialized = false; export function inlineCSS(html: string) { if (!initialized) { fs.readFileSync('./inline.wasm'); } return html; }`,
      errors: [{ messageId: 'blockingCall', data: { call: 'fs.readFileSync', alternative: FS_READ } }],
    },
    // An early return on a collection local to the call, or on a flag the function never sets.
    {
      code: `import fs from 'fs'; export function loadViews(dir: string) { const views = new Map<string, string>(); if (views.size > 0) return; views.set('a', fs.readFileSync(dir + 'a.html', 'utf8')); return views; }`,
      errors: [{ messageId: 'blockingCall', data: { call: 'fs.readFileSync', alternative: FS_READ } }],
    },
    {
      code: `import fs from 'fs'; let ready = false; export function read(path: string) { if (ready) return; return fs.readFileSync(path, 'utf8'); }`,
      errors: [{ messageId: 'blockingCall', data: { call: 'fs.readFileSync', alternative: FS_READ } }],
    },
    // A private method that a request-serving method calls.
    {
      code: `import { Injectable } from '@nestjs/common'; import { readFileSync } from 'node:fs';
             @Injectable() export class Templates { render(name: string) { return this.load(name); } private load(name: string) { return readFileSync('./views/' + name, 'utf8'); } }`,
      errors: [{ messageId: 'blockingCall', data: { call: 'fs.readFileSync', alternative: FS_READ } }],
    },
    // A synchronous write that is no log.
    {
      code: `import fs from 'fs'; ${express}app.post('/exports', (req, res) => { fs.appendFileSync('./exports/orders.csv', req.body.row); res.end(); });`,
      errors: [{ messageId: 'blockingCall', data: { call: 'fs.appendFileSync', alternative: "`fs.promises.appendFile` (`await appendFile(…)` from 'node:fs/promises')" } }],
    },
    // fs, in an Express handler, through each kind of import.
    {
      code: `import fs from 'fs'; ${express}app.get('/files/:name', (req, res) => { res.send(fs.readFileSync('./files/' + req.params.name)); });`,
      errors: [{ messageId: 'blockingCall', data: { call: 'fs.readFileSync', alternative: FS_READ } }],
    },
    {
      code: `import { readFileSync as read } from 'node:fs'; fastify.get('/report', async (request, reply) => read('./report.csv', 'utf8'));`,
      errors: [{ messageId: 'blockingCall', data: { call: 'fs.readFileSync', alternative: FS_READ } }],
    },
    {
      code: `import * as fs from 'fs'; ${express}app.get('/health', (req, res) => res.json({ maintenance: fs.existsSync('./maintenance') }));`,
      errors: [{ messageId: 'blockingCall', data: { call: 'fs.existsSync', alternative: FS_EXISTS } }],
    },
    {
      code: `const fs = require('node:fs'); module.exports.upload = (req, res) => { fs.writeFileSync('./uploads/' + req.file.name, req.file.buffer); res.end(); };`,
      errors: [{ messageId: 'blockingCall', data: { call: 'fs.writeFileSync', alternative: "`fs.promises.writeFile` (`await writeFile(…)` from 'node:fs/promises')" } }],
    },
    {
      code: `export function stats(p) { return require('fs').statSync(p).size; }`,
      errors: [{ messageId: 'blockingCall', data: { call: 'fs.statSync', alternative: "`fs.promises.stat` (`await stat(…)` from 'node:fs/promises')" } }],
    },
    {
      code: `import fs from 'fs'; export function append(fd, line) { fs.writeSync(fd, line); }`,
      errors: [{ messageId: 'blockingCall', data: { call: 'fs.writeSync', alternative: '`handle.write()` on a FileHandle from `fs.promises.open`' } }],
    },
    {
      // A function called from a handler.
      code: `import fs from 'fs'; function loadTemplate(name) { return fs.readFileSync('./views/' + name + '.html', 'utf8'); }
             ${express}app.get('/', (req, res) => res.send(loadTemplate(req.query.view)));`,
      errors: [{ messageId: 'blockingCall', data: { call: 'fs.readFileSync', alternative: FS_READ } }],
    },
    {
      // An alias of the function.
      code: `import fs from 'fs'; const list = fs.readdirSync; export function uploads() { return list('./uploads'); }`,
      errors: [{ messageId: 'blockingCall', data: { call: 'fs.readdirSync', alternative: "`fs.promises.readdir` (`await readdir(…)` from 'node:fs/promises')" } }],
    },
    {
      // A local cache is no cache: it is empty on every call.
      code: `import fs from 'fs'; export function page() { let html; if (!html) html = fs.readFileSync('./page.html', 'utf8'); return html; }`,
      errors: [{ messageId: 'blockingCall', data: { call: 'fs.readFileSync', alternative: FS_READ } }],
    },
    {
      code: `import fse from 'fs-extra'; ${express}app.post('/settings', (req, res) => { fse.outputJsonSync('./data/settings.json', req.body); res.end(); });`,
      errors: [{ messageId: 'blockingCall', data: { call: 'fs-extra.outputJsonSync', alternative: '`await fse.outputJson(…)` (fs-extra returns a promise when no callback is passed)' } }],
    },
    {
      code: `import gracefulFs from 'graceful-fs'; export function remove(p) { gracefulFs.unlinkSync(p); }`,
      errors: [{ messageId: 'blockingCall', data: { call: 'fs.unlinkSync', alternative: "`fs.promises.unlink` (`await unlink(…)` from 'node:fs/promises')" } }],
    },
    {
      // TypeScript's import-equals form.
      code: `import fs = require('fs'); export function load(name: string) { return fs.readFileSync(name, 'utf8'); }`,
      errors: [{ messageId: 'blockingCall', data: { call: 'fs.readFileSync', alternative: FS_READ } }],
    },
    {
      // A Fastify request hook.
      code: `import { accessSync, constants } from 'fs'; fastify.addHook('onRequest', async (request) => { accessSync('./uploads', constants.W_OK); });`,
      errors: [{ messageId: 'blockingCall', data: { call: 'fs.accessSync', alternative: "`fs.promises.access` (`await access(…)` from 'node:fs/promises')" } }],
    },
    // child_process, in Koa and a Next.js route handler.
    {
      code: `import Koa from 'koa'; const { execSync } = require('child_process'); const app = new Koa(); app.use(async (ctx) => { ctx.body = execSync('uptime').toString(); });`,
      errors: [{ messageId: 'blockingCall', data: { call: 'child_process.execSync', alternative: EXEC } }],
    },
    {
      code: `import { spawnSync } from 'node:child_process'; export async function GET(request) { const result = spawnSync('convert', ['in.png', 'out.webp']); return new Response(result.stdout); }`,
      filename: 'app/api/thumbnail/route.ts',
      errors: [{ messageId: 'blockingCall', data: { call: 'child_process.spawnSync', alternative: '`child_process.spawn` and its `close` event' } }],
    },
    {
      code: `import cp from 'node:child_process'; export function render(file) { return cp.execFileSync('pandoc', [file, '-t', 'html']); }`,
      errors: [{ messageId: 'blockingCall', data: { call: 'child_process.execFileSync', alternative: '`child_process.execFile` (promisified with `util.promisify`)' } }],
    },
    // A name that only contains the word (\`resync\`, \`syncUsers\`) is no synchronous variant.
    {
      code: `import fs from 'node:fs';\nexport function syncUsers(file: string) { return fs.readFileSync(file, 'utf8'); }\nexport function resync(file: string) { return fs.readFileSync(file, 'utf8'); }`,
      errors: [{ messageId: 'blockingCall' }, { messageId: 'blockingCall' }],
    },
    // crypto, in a bullmq worker, an exported helper and a handler.
    {
      code: `import { Worker } from 'bullmq'; import { pbkdf2Sync } from 'crypto';
             new Worker('hashes', async (job) => pbkdf2Sync(job.data.password, job.data.salt, 600000, 64, 'sha512').toString('hex'));`,
      errors: [{ messageId: 'blockingCall', data: { call: 'crypto.pbkdf2Sync', alternative: PBKDF2 } }],
    },
    {
      code: `export function deriveKey(password, salt) { return require('node:crypto').scryptSync(password, salt, 64); }`,
      errors: [{ messageId: 'blockingCall', data: { call: 'crypto.scryptSync', alternative: '`crypto.scrypt` (promisified), which runs on the libuv thread pool' } }],
    },
    {
      code: `import * as crypto from 'crypto'; ${express}app.post('/keys', (req, res) => { const { publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 4096 }); res.send(publicKey.export({ type: 'spki', format: 'pem' })); });`,
      errors: [{ messageId: 'blockingCall', data: { call: 'crypto.generateKeyPairSync', alternative: '`crypto.generateKeyPair` (promisified), or generate keys ahead of time' } }],
    },
    {
      code: `import { randomBytes } from 'crypto'; ${express}app.get('/noise', (req, res) => res.send(randomBytes(1024 * 1024)));`,
      errors: [{ messageId: 'largeRandom', data: { call: 'crypto.randomBytes', size: '1 MiB', alternative: RANDOM_BYTES } }],
    },
    {
      code: `import { randomBytes } from 'crypto'; ${express}app.get('/noise', (req, res) => res.send(randomBytes(req.query.size)));`,
      errors: [{ messageId: 'largeRandom', data: { call: 'crypto.randomBytes', size: 'an amount the client chooses (`req.query.size`)', alternative: RANDOM_BYTES } }],
    },
    {
      code: `import { randomBytes } from 'node:crypto'; ${express}app.get('/pad', (req, res) => res.send(randomBytes(Number(req.query.kb) * 1024)));`,
      errors: [{ messageId: 'largeRandom', data: { call: 'crypto.randomBytes', size: 'an amount the client chooses (`req.query.kb`)', alternative: RANDOM_BYTES } }],
    },
    {
      code: `import crypto from 'crypto'; const CHUNK = 256 * 1024; export function fill() { return crypto.randomFillSync(Buffer.allocUnsafe(CHUNK)); }`,
      errors: [{ messageId: 'largeRandom', data: { call: 'crypto.randomFillSync', size: '256 KiB', alternative: '`crypto.randomFill` (promisified), which fills the buffer on the thread pool' } }],
    },
    {
      code: `import crypto from 'crypto'; export function fill() { const words = new Uint32Array(65536); return crypto.randomFillSync(words); }`,
      errors: [{ messageId: 'largeRandom', data: { call: 'crypto.randomFillSync', size: '256 KiB', alternative: '`crypto.randomFill` (promisified), which fills the buffer on the thread pool' } }],
    },
    // zlib, in Hono and a class method.
    {
      code: `import { Hono } from 'hono'; import { gzipSync } from 'node:zlib'; const app = new Hono();
             app.get('/export', async (c) => c.body(gzipSync(JSON.stringify(await c.env.db.all()))));`,
      errors: [{ messageId: 'blockingCall', data: { call: 'zlib.gzipSync', alternative: zlibAlternative('gzip', 'Gzip') } }],
    },
    {
      code: `import * as zlib from 'zlib'; export class ArchiveService { pack(data) { return zlib.brotliCompressSync(data); } }`,
      errors: [{ messageId: 'blockingCall', data: { call: 'zlib.brotliCompressSync', alternative: zlibAlternative('brotliCompress', 'BrotliCompress') } }],
    },
    // bcrypt, in a NestJS controller and a tRPC procedure.
    {
      code: `import { Body, Controller, Post } from '@nestjs/common'; import * as bcrypt from 'bcrypt';
             @Controller('auth') export class AuthController {
               @Post('login') login(@Body() dto) { return bcrypt.compareSync(dto.password, this.hash); }
             }`,
      errors: [{ messageId: 'blockingCall', data: { call: 'bcrypt.compareSync', alternative: BCRYPT_COMPARE } }],
    },
    {
      code: `import bcrypt from 'bcryptjs';
             export const appRouter = router({ signUp: publicProcedure.input(schema).mutation(({ input }) => db.user.create({ data: { hash: bcrypt.hashSync(input.password, 12) } })) });`,
      errors: [{ messageId: 'blockingCall', data: { call: 'bcryptjs.hashSync', alternative: BCRYPTJS_HASH } }],
    },
    // Atomics.wait as a sleep, in a setInterval job.
    {
      code: `setInterval(() => { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100); poll(); }, 1000);`,
      errors: [{ messageId: 'blockingCall', data: { call: 'Atomics.wait', alternative: ATOMICS } }],
    },
    {
      code: `export function sleep(ms) { globalThis.Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms); }`,
      errors: [{ messageId: 'blockingCall', data: { call: 'Atomics.wait', alternative: ATOMICS } }],
    },
    {
      // A job on a timer: reading a directory every minute.
      code: `import { readdirSync, rmSync } from 'fs'; setInterval(() => { for (const f of readdirSync('/tmp/uploads')) rmSync('/tmp/uploads/' + f); }, 60000);`,
      errors: [
        { messageId: 'blockingCall', data: { call: 'fs.readdirSync', alternative: "`fs.promises.readdir` (`await readdir(…)` from 'node:fs/promises')" } },
        { messageId: 'blockingCall', data: { call: 'fs.rmSync', alternative: "`fs.promises.rm` (`await rm(…)` from 'node:fs/promises')" } },
      ],
    },
    {
      // A worker_threads file that also starts workers is the main thread.
      code: `import { Worker, parentPort } from 'worker_threads'; import { gzipSync } from 'zlib'; export function pack(b) { return gzipSync(b); } new Worker('./w.js'); parentPort?.on('message', pack);`,
      errors: [{ messageId: 'blockingCall', data: { call: 'zlib.gzipSync', alternative: zlibAlternative('gzip', 'Gzip') } }],
    },
    {
      // Options: an allowed name does not allow the others.
      code: `import fs from 'fs'; export function f(p) { return fs.existsSync(p) && fs.statSync(p); }`,
      options: [{ allow: ['fs.existsSync'] }],
      errors: [{ messageId: 'blockingCall', data: { call: 'fs.statSync', alternative: "`fs.promises.stat` (`await stat(…)` from 'node:fs/promises')" } }],
    },
  ],
});

typedRuleTester().run('no-blocking-call (typed)', rule, {
  valid: [
    // Look-alikes: objects of this project whose methods share a name with a blocking API.
    `declare const store: { readFileSync(path: string): string }; export function load(p: string) { return store.readFileSync(p); }`,
    `class Vault { hashSync(secret: string) { return secret; } } const vault = new Vault(); export function seal(s: string) { return vault.hashSync(s); }`,
    `export function read(files: Map<string, string>, readFileSync: (p: string) => string) { return readFileSync('x') + files.size; }`,
    // The asynchronous API reached through the module type.
    `export async function load(fs: typeof import('fs')) { return fs.promises.readFile('x', 'utf8'); }`,
    // Startup code, typed.
    `import { readFileSync } from 'node:fs'; export const pem: string = readFileSync('key.pem', 'utf8');`,
    // A log write is no-sync-logging's, with types too.
    `import * as fs from 'node:fs'; export function logLine(line: string) { fs.appendFileSync('./logs/app.log', line); }`,
    `import { randomBytes } from 'node:crypto'; export function id(): string { return randomBytes(16).toString('hex'); }`,
  ],
  invalid: [
    {
      // The module handed in as a parameter.
      code: `export function read(fs: typeof import('fs'), p: string) { return fs.readFileSync(p, 'utf8'); }`,
      errors: [{ messageId: 'blockingCall', data: { call: 'fs.readFileSync', alternative: FS_READ } }],
    },
    {
      code: `import type * as FS from 'node:fs'; export function size(fs: typeof FS, p: string) { const { statSync } = fs; return statSync(p).size; }`,
      errors: [{ messageId: 'blockingCall', data: { call: 'fs.statSync', alternative: "`fs.promises.stat` (`await stat(…)` from 'node:fs/promises')" } }],
    },
    {
      // An injected bcrypt.
      code: `import { Inject, Injectable } from '@nestjs/common'; import type * as Bcrypt from 'bcrypt';
             @Injectable() export class AuthService {
               constructor(@Inject('BCRYPT') private readonly hasher: typeof Bcrypt) {}
               verify(password: string, hash: string) { return this.hasher.compareSync(password, hash); }
             }`,
      errors: [{ messageId: 'blockingCall', data: { call: 'bcrypt.compareSync', alternative: BCRYPT_COMPARE } }],
    },
    {
      code: `import type bcryptjs from 'bcryptjs'; export function hash(lib: typeof bcryptjs, password: string) { return lib.hashSync(password, 12); }`,
      errors: [{ messageId: 'blockingCall', data: { call: 'bcryptjs.hashSync', alternative: BCRYPTJS_HASH } }],
    },
    {
      code: `import type * as Zlib from 'node:zlib'; declare const compression: typeof Zlib; export function pack(b: Buffer) { return compression.deflateSync(b); }`,
      errors: [{ messageId: 'blockingCall', data: { call: 'zlib.deflateSync', alternative: zlibAlternative('deflate', 'Deflate') } }],
    },
    {
      code: `import * as cp from 'node:child_process'; export function uptime(): string { return cp.execSync('uptime').toString(); }`,
      errors: [{ messageId: 'blockingCall', data: { call: 'child_process.execSync', alternative: EXEC } }],
    },
    {
      code: `import express from 'express'; import { pbkdf2Sync } from 'node:crypto'; const app = express();
             app.post('/login', (req, res) => { res.json(pbkdf2Sync(String(req.body.password), 'salt', 600000, 64, 'sha512').toString('hex')); });`,
      errors: [{ messageId: 'blockingCall', data: { call: 'crypto.pbkdf2Sync', alternative: PBKDF2 } }],
    },
  ],
});

// With type information, the request path crosses files: an exported helper imported only by a CLI script
// runs there (tests/fixtures/typed/scripts/report-cli.ts imports renderReport, and the class ReportWriter), while one imported by a
// route module (cross-file/routes.ts imports loadBanner) serves requests.
// Files are named relative to the typed fixture's folder (the tester's working directory there): an absolute path
// would put them under this repository's own tests/ folder, which the request-path analysis reads as test code.
const reportFile = 'cross-file/report.ts';
const reportCode = readFileSync(path.join(TYPED_FIXTURE_DIR, reportFile), 'utf8');
typedRuleTester().run('no-blocking-call: callers in other files (typed)', rule, {
  valid: [],
  invalid: [{ code: reportCode, filename: reportFile, errors: [{ messageId: 'blockingCall', line: 11 }] }],
});
// An exported helper imported only by a browser data hook (cross-file/use-icons.ts imports useSWR) runs in the browser.
const iconsFile = 'cross-file/icons.ts';
const iconsCode = readFileSync(path.join(TYPED_FIXTURE_DIR, iconsFile), 'utf8');
typedRuleTester().run('no-blocking-call: a helper only browser code imports (typed)', rule, {
  valid: [{ code: iconsCode, filename: iconsFile }],
  invalid: [],
});
// A helper imported only by a test file that names itself by its Jest globals (cross-file/formats-spec.ts calls `test(…)`).
const formatsFile = 'cross-file/formats.ts';
const formatsCode = readFileSync(path.join(TYPED_FIXTURE_DIR, formatsFile), 'utf8');
typedRuleTester().run('no-blocking-call: a helper only a Jest test imports (typed)', rule, {
  valid: [{ code: formatsCode, filename: formatsFile }],
  invalid: [],
});
untypedRuleTester().run('no-blocking-call: without types, every export may serve requests', rule, {
  valid: [],
  invalid: [
    { code: reportCode, filename: reportFile, errors: [{ messageId: 'blockingCall', line: 5 }, { messageId: 'blockingCall', line: 11 }, { messageId: 'blockingCall', line: 17 }] },
    { code: iconsCode, filename: iconsFile, errors: [{ messageId: 'blockingCall', line: 5 }] },
    { code: formatsCode, filename: formatsFile, errors: [{ messageId: 'blockingCall', line: 5 }] },
  ],
});
// A factory other server modules call only while they load (cross-file/limiters.ts: `export const signupLimiter =
// createRateLimiter(…)`), or only in a startup function at their top (`initAuthSecrets()`), runs once per process; one
// they call inside another function may run per request.
const cacheClientsFile = 'cross-file/cache-clients.ts';
const cacheClientsCode = readFileSync(path.join(TYPED_FIXTURE_DIR, cacheClientsFile), 'utf8');
typedRuleTester().run('no-blocking-call: a factory called while other modules load (typed)', rule, {
  valid: [],
  invalid: [{ code: cacheClientsCode, filename: cacheClientsFile, errors: [{ messageId: 'blockingCall', line: 13 }] }],
});
untypedRuleTester().run('no-blocking-call: without types, a factory called elsewhere may serve requests', rule, {
  valid: [],
  invalid: [{ code: cacheClientsCode, filename: cacheClientsFile, errors: [{ messageId: 'blockingCall', line: 6 }, { messageId: 'blockingCall', line: 13 }, { messageId: 'blockingCall', line: 20 }] }],
});

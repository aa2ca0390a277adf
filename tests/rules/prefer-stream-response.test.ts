import rule from '../../rules/prefer-stream-response';
import { typedRuleTester, untypedRuleTester } from '../rule-tester';

const EXPRESS = `import express from 'express';\nimport fs from 'node:fs';\nimport { readFile } from 'node:fs/promises';\nconst app = express();\n`;
const FASTIFY = `import Fastify from 'fastify';\nimport { readFile } from 'node:fs/promises';\nimport { createReadStream } from 'node:fs';\nconst app = Fastify();\n`;
const KOA = `import Koa from 'koa';\nimport { readFile } from 'node:fs/promises';\nimport { createReadStream } from 'node:fs';\nconst app = new Koa();\n`;
const HONO = `import { Hono } from 'hono';\nimport { readFile } from 'node:fs/promises';\nconst app = new Hono();\n`;
const S3 = `import express from 'express';\nimport { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';\nconst s3 = new S3Client({});\nconst app = express();\n`;

const FILE_FIX_NODE = 'Stream the file: `res.sendFile(path)` (Express), or `await pipeline(createReadStream(path), res)`';
const S3_FIX_NODE = "Stream the object's `Body` instead of collecting it: `await pipeline(Body, res)`";

function whole(send: string, read: string, fix: string) {
  return { messageId: 'wholePayload' as const, data: { send, read, fix } };
}

untypedRuleTester().run('prefer-stream-response', rule, {
  valid: [
    // Read once, at module load or at startup, and sent on every request.
    `${EXPRESS}const INDEX = fs.readFileSync('./public/index.html');\napp.get('/', (req, res) => { res.type('html').send(INDEX); });`,
    `${EXPRESS}const logo = readFile('./logo.png');\napp.get('/logo', async (req, res) => { res.send(await logo); });`,
    `${EXPRESS}let page: Buffer;\nasync function bootstrap() { page = await readFile('./page.html'); app.listen(3000); }\napp.get('/', (req, res) => res.send(page));\nbootstrap();`,
    // A factory reads once and returns the handler that uses the buffer.
    `${EXPRESS}export function staticPage(file: string) { const html = fs.readFileSync(file); return (req, res) => res.send(html); }`,
    // A module-level cache filled by the first request is a deliberate in-memory copy.
    `${EXPRESS}let cached: Buffer | undefined;\napp.get('/terms', async (req, res) => { if (!cached) cached = await readFile('./terms.html'); res.send(cached); });`,
    // Parsed and transformed before sending; a template rendered; an image resized.
    `${EXPRESS}app.get('/config', async (req, res) => { const config = JSON.parse(await readFile('./config.json', 'utf8')); delete config.secret; res.send(config); });`,
    `${EXPRESS}app.get('/hello', async (req, res) => { const html = (await readFile('./hello.html')).toString().replace('{{name}}', req.query.name); res.send(html); });`,
    `${EXPRESS}import sharp from 'sharp';\napp.get('/thumb', async (req, res) => { const buf = await readFile(req.params.path); res.type('png').send(await sharp(buf).resize(64).toBuffer()); });`,
    `${EXPRESS}app.get('/head', async (req, res) => { const buf = await readFile('./big.log'); res.send(buf.subarray(0, 1024)); res.end(buf.toString('utf8', 0, 100)); });`,
    // Generated in memory.
    `${EXPRESS}app.get('/report', async (req, res) => { const rows = await load(); res.send(Buffer.from(JSON.stringify(rows))); });`,
    // res.json is not a raw payload; sendFile, pipe and pipeline stream.
    `${EXPRESS}app.get('/data', async (req, res) => { res.json(await readFile('./data.json', 'utf8')); });`,
    `${EXPRESS}import { pipeline } from 'node:stream/promises';\napp.get('/a', (req, res) => res.sendFile('/srv/a.pdf'));\napp.get('/b', (req, res) => { fs.createReadStream('/srv/b.pdf').pipe(res); });\napp.get('/c', async (req, res) => { await pipeline(fs.createReadStream('/srv/c.pdf'), res); });`,
    `${FASTIFY}app.get('/f', async (request, reply) => reply.type('application/pdf').send(createReadStream('/srv/f.pdf')));`,
    `${KOA}app.use(async (ctx) => { ctx.type = 'pdf'; ctx.body = createReadStream('/srv/k.pdf'); });`,
    // The payload's size is tested first: a whole read is chosen for small files.
    `${EXPRESS}app.get('/small', async (req, res) => { const stat = await fs.promises.stat(p); if (stat.size < 64 * 1024) { return res.send(await readFile(p)); } fs.createReadStream(p).pipe(res); });`,
    `${EXPRESS}app.get('/small', async (req, res) => { const { size } = await fs.promises.stat(p); const stat = { size }; if (stat.size > LIMIT) return res.status(413).end(); res.send(await readFile(p)); });`,
    // Look-alikes: a readFile of our own, a write stream, a socket, an object with a body.
    `import express from 'express';\nconst app = express();\nasync function readFile(p: string) { return render(p); }\napp.get('/', async (req, res) => { res.send(await readFile('home')); });`,
    `import { createWriteStream } from 'node:fs';\nimport { readFile } from 'node:fs/promises';\nexport async function copy(src: string) { const out = createWriteStream('/tmp/copy'); out.write(await readFile(src)); out.end(); }`,
    `import net from 'node:net';\nimport { readFile } from 'node:fs/promises';\nnet.createServer(async (socket) => { socket.end(await readFile('./motd.txt')); });`,
    `import { readFile } from 'node:fs/promises';\nexport async function draft() { const message = { body: null as Buffer | null }; message.body = await readFile('./draft.eml'); return message; }`,
    `import { readFile } from 'node:fs/promises';\nimport { Response } from './http';\nexport async function build() { return new Response(await readFile('./x')); }`,
    // Express ignores a handler's return value; only Fastify sends it.
    `${EXPRESS}app.get('/x', async (req, res) => { const buf = await readFile('./x'); return buf; });`,
    // S3 and GCS streamed, or commands that are not GetObject, or a GetObjectCommand of our own.
    `${S3}import { pipeline } from 'node:stream/promises';\napp.get('/o/:key', async (req, res) => { const { Body } = await s3.send(new GetObjectCommand({ Bucket: 'b', Key: req.params.key })); await pipeline(Body, res); });`,
    `${S3}app.get('/o/:key', async (req, res) => { const out = await s3.send(new GetObjectCommand({ Bucket: 'b', Key: req.params.key })); return new Response(out.Body.transformToWebStream()); });`,
    `import express from 'express';\nimport { GetObjectCommand } from './commands';\nconst app = express();\napp.get('/o', async (req, res) => { const out = await client.send(new GetObjectCommand()); res.send(await out.Body.transformToByteArray()); });`,
    `import express from 'express';\nimport { Storage } from '@google-cloud/storage';\nconst bucket = new Storage().bucket('b');\nconst app = express();\napp.get('/g', async (req, res) => { await bucket.file('a.csv').download({ destination: '/tmp/a.csv' }); res.sendFile('/tmp/a.csv'); });`,
    // An arbitrary helper's result: it may transform, so the trail ends (even one whose name contains "string").
    `${S3}app.get('/o', async (req, res) => { const out = await s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'k' })); res.send(stringifyRows(out.Body)); });`,
    `${S3}app.get('/o', async (req, res) => { const out = await s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'k' })); res.send(await decrypt(out.Body)); });`,
    // Written chunk by chunk as the file is read: already streaming.
    `${EXPRESS}app.get('/chunks', async (req, res) => { for await (const chunk of fs.createReadStream('/srv/big.bin')) res.write(chunk); res.end(); });`,
    // The request body collected and echoed: not a stored file or object.
    `${EXPRESS}app.post('/echo', async (req, res) => { const chunks: Buffer[] = []; for await (const chunk of req) chunks.push(chunk); res.send(Buffer.concat(chunks)); });`,
    // An \`fs\` that is not Node's: a parameter of that name.
    `${EXPRESS}export function serve(req, res, fs) { res.send(fs.readFileSync('/srv/x')); }`,
    // A reassigned variable: the last value sent is a transformation.
    `${EXPRESS}app.get('/min', async (req, res) => { let css = await readFile('./site.css', 'utf8'); css = minify(css); res.type('css').send(css); });`,
    // No response at all: a serverless handler's result object, a file read for hashing.
    `import { readFile } from 'node:fs/promises';\nexport const handler = async () => ({ statusCode: 200, isBase64Encoded: true, body: (await readFile('/var/task/logo.png')).toString('base64') });`,
    `${EXPRESS}import { createHash } from 'node:crypto';\napp.get('/etag', async (req, res) => { const buf = await readFile('/srv/a.bin'); res.set('etag', createHash('sha1').update(buf).digest('hex')).end(); });`,
    // GCS and S3 streamed to Fastify, Koa and Hono.
    `import Fastify from 'fastify';\nimport { Storage } from '@google-cloud/storage';\nconst bucket = new Storage().bucket('b');\nconst app = Fastify();\napp.get('/g', async (request, reply) => reply.send(bucket.file('a.csv').createReadStream()));`,
    `${KOA}import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';\nconst s3 = new S3Client({});\napp.use(async (ctx) => { const { Body } = await s3.send(new GetObjectCommand({ Bucket: 'b', Key: ctx.path })); ctx.body = Body; });`,
    `${HONO}import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';\nconst s3 = new S3Client({});\napp.get('/o', async (c) => { const out = await s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'k' })); return c.body(out.Body.transformToWebStream()); });`,
    // A Next.js route rendered once, at build time.
    {
      code: `import { readFile } from 'node:fs/promises';\nexport const dynamic = 'force-static';\nexport async function GET() { return new Response(await readFile(process.cwd() + '/public/feed.xml')); }`,
      filename: 'app/feed.xml/route.ts',
    },
    // Tests and CLI scripts serve no responses.
    { code: `${EXPRESS}app.get('/', async (req, res) => { res.send(await readFile('./fixture.bin')); });`, filename: 'src/download.test.ts' },
    { code: `${EXPRESS}app.get('/', async (req, res) => { res.send(await readFile('./fixture.bin')); });`, filename: 'scripts/serve-fixtures.ts' },
    // Hono's JSON of a parsed file, a NestJS StreamableFile around a stream.
    `${HONO}app.get('/cfg', async (c) => c.json(JSON.parse(await readFile('./cfg.json', 'utf8'))));`,
    `import { Controller, Get, StreamableFile } from '@nestjs/common';\nimport { createReadStream } from 'node:fs';\n@Controller('files') export class FilesController { @Get() get() { return new StreamableFile(createReadStream('/srv/report.pdf')); } }`,
  ],
  invalid: [
    // Express: fs.promises, fs/promises, fluent calls, callback, sync, then(), let, write, toString.
    {
      code: `${EXPRESS}app.get('/export', async (req, res) => { const data = await fs.promises.readFile('/srv/export.csv'); res.status(200).type('csv').send(data); });`,
      errors: [whole('`res.status(200).type(\'csv\').send(…)`', 'fs.promises.readFile(…)', FILE_FIX_NODE)],
    },
    {
      code: `${EXPRESS}app.get('/doc/:id', async (req, res) => { res.send(await readFile(docPath(req.params.id))); });`,
      errors: [whole('`res.send(…)`', 'readFile(…)', FILE_FIX_NODE)],
    },
    {
      code: `${EXPRESS}app.get('/img', (req, res) => { fs.readFile('/srv/img.png', (err, data) => { if (err) return res.status(404).end(); res.end(data); }); });`,
      errors: [whole('`res.end(…)`', 'fs.readFile(…)', FILE_FIX_NODE)],
    },
    // The send method named in a string, or behind a non-null assertion: ESLint's narrow selector must not lose them.
    {
      code: `${EXPRESS}app.get('/quoted', async (req, res) => { res['send'](await readFile(docPath(req.params.id))); });`,
      errors: [whole("`res['send'](…)`", 'readFile(…)', FILE_FIX_NODE)],
    },
    {
      code: `${EXPRESS}app.get('/asserted', async (req, res) => { res.send!(await readFile(docPath(req.params.id))); });`,
      errors: [whole('`res.send!(…)`', 'readFile(…)', FILE_FIX_NODE)],
    },
    {
      code: `${EXPRESS}app.get('/sync', (req, res) => { const buf = fs.readFileSync('/srv/sync.bin'); res.send(buf); });`,
      errors: [whole('`res.send(…)`', 'fs.readFileSync(…)', FILE_FIX_NODE)],
    },
    {
      code: `${EXPRESS}app.get('/then', (req, res) => { readFile('/srv/then.bin').then((data) => res.send(data)); });`,
      errors: [whole('`res.send(…)`', 'readFile(…)', FILE_FIX_NODE)],
    },
    {
      code: `${EXPRESS}app.get('/let', async (req, res) => { let body: Buffer; body = await readFile('/srv/let.bin'); res.write(body); res.end(); });`,
      errors: [whole('`res.write(…)`', 'readFile(…)', FILE_FIX_NODE)],
    },
    {
      code: `${EXPRESS}app.get('/page', async (req, res) => { const html = (await readFile('./page.html')).toString(); res.send(html); });`,
      errors: [whole('`res.send(…)`', 'readFile(…)', FILE_FIX_NODE)],
    },
    {
      code: `${EXPRESS}import { promisify } from 'node:util';\nconst readFileAsync = promisify(fs.readFile);\napp.get('/p', async (req, res) => { res.send(await readFileAsync('/srv/p.bin')); });`,
      errors: [whole('`res.send(…)`', 'readFileAsync(…)', FILE_FIX_NODE)],
    },
    // Promise.all of whole reads, a promisified readFile imported by name.
    {
      code: `${EXPRESS}import { promisify } from 'node:util';\nconst { readFile: readFileCb } = require('fs');\nconst read = promisify(readFileCb);\napp.get('/pair', async (req, res) => { const [head, body] = await Promise.all([read('/srv/head.html'), readFile('/srv/body.html')]); res.write(head); res.end(body); });`,
      errors: [whole('`res.write(…)`', 'read(…)', FILE_FIX_NODE), whole('`res.end(…)`', 'readFile(…)', FILE_FIX_NODE)],
    },
    // A helper of this file that reads the whole file.
    {
      code: `${EXPRESS}async function loadInvoice(id: string) { return readFile(\`/srv/invoices/\${id}.pdf\`); }\napp.get('/invoices/:id', async (req, res) => { res.type('pdf').send(await loadInvoice(req.params.id)); });`,
      errors: [whole("`res.type('pdf').send(…)`", 'readFile(…)', FILE_FIX_NODE)],
    },
    // A file stream collected into one buffer.
    {
      code: `${EXPRESS}import { buffer } from 'node:stream/consumers';\napp.get('/c', async (req, res) => { res.send(await buffer(fs.createReadStream('/srv/c.bin'))); });`,
      errors: [whole('`res.send(…)`', 'buffer(…)', FILE_FIX_NODE)],
    },
    {
      code: `${EXPRESS}app.get('/d', (req, res) => { const chunks: Buffer[] = []; const stream = fs.createReadStream('/srv/d.bin'); stream.on('data', (chunk) => chunks.push(chunk)); stream.on('end', () => res.end(Buffer.concat(chunks))); });`,
      errors: [whole('`res.end(…)`', 'Buffer.concat(…)', FILE_FIX_NODE)],
    },
    // Node's http server, a Next.js API route (pages/api).
    {
      code: `import http from 'node:http';\nimport { readFile } from 'node:fs/promises';\nhttp.createServer(async (req, res) => { res.writeHead(200, { 'content-type': 'application/pdf' }).end(await readFile('/srv/a.pdf')); });`,
      errors: [whole('`res.….end(…)`', 'readFile(…)', FILE_FIX_NODE)],
    },
    {
      code: `import { readFile } from 'node:fs/promises';\nexport default async function handler(req, res) { const pdf = await readFile('/srv/report.pdf'); res.setHeader('content-type', 'application/pdf'); res.send(pdf); }`,
      filename: 'pages/api/report.ts',
      errors: [whole('`res.send(…)`', 'readFile(…)', FILE_FIX_NODE)],
    },
    // Fastify: reply.send, reply.raw.end, and a value returned from a handler.
    {
      code: `${FASTIFY}app.get('/f', async (request, reply) => { const pdf = await readFile('/srv/f.pdf'); return reply.code(200).type('application/pdf').send(pdf); });`,
      errors: [whole('`reply.….send(…)`', 'readFile(…)', 'Stream the file: `reply.send(createReadStream(path))`')],
    },
    {
      code: `${FASTIFY}app.get('/f', async (request, reply) => { reply.raw.end(await readFile('/srv/f.bin')); });`,
      errors: [whole('`reply.raw.end(…)`', 'readFile(…)', FILE_FIX_NODE)],
    },
    {
      code: `${FASTIFY}app.get('/f', async () => { const csv = await readFile('/srv/export.csv'); return csv; });\napp.route({ method: 'GET', url: '/g', handler: async () => readFile('/srv/g.csv') });`,
      errors: [
        whole('Returning `csv` from a Fastify handler', 'readFile(…)', 'Stream the file: `reply.send(createReadStream(path))`'),
        whole("Returning `readFile('/srv/g.csv')` from a Fastify handler", 'readFile(…)', 'Stream the file: `reply.send(createReadStream(path))`'),
      ],
    },
    {
      code: `import type { FastifyInstance } from 'fastify';\nimport { readFile } from 'node:fs/promises';\nexport default async function routes(fastify: FastifyInstance) { fastify.get('/r', async (request, reply) => readFile('/srv/r.bin')); }`,
      errors: [whole("Returning `readFile('/srv/r.bin')` from a Fastify handler", 'readFile(…)', 'Stream the file: `reply.send(createReadStream(path))`')],
    },
    // Koa.
    {
      code: `${KOA}app.use(async (ctx, next) => { ctx.type = 'pdf'; ctx.body = await readFile('/srv/k.pdf'); });`,
      errors: [whole('`ctx.body = …`', 'readFile(…)', 'Stream the file: `ctx.body = createReadStream(path)`')],
    },
    {
      code: `import Router from '@koa/router';\nimport fs from 'node:fs';\nconst router = new Router();\nrouter.get('/k', (ctx) => { ctx.response.body = fs.readFileSync('/srv/k.bin'); });`,
      errors: [whole('`ctx.response.body = …`', 'fs.readFileSync(…)', 'Stream the file: `ctx.body = createReadStream(path)`')],
    },
    // Hono.
    {
      code: `${HONO}app.get('/h', async (c) => { const bytes = await readFile('/srv/h.bin'); return c.body(bytes); });\napp.get('/', async (c) => c.html(await readFile('./index.html', 'utf8')));`,
      errors: [
        whole('`c.body(…)`', 'readFile(…)', "Stream the file: `c.body(Readable.toWeb(createReadStream(path)))`, or Hono's `stream()` helper"),
        whole('`c.html(…)`', 'readFile(…)', "Stream the file: `c.body(Readable.toWeb(createReadStream(path)))`, or Hono's `stream()` helper"),
      ],
    },
    // Next.js route handlers: the Fetch Response and NextResponse.
    {
      code: `import { readFile } from 'node:fs/promises';\nimport { NextResponse } from 'next/server';\nexport async function GET() { const pdf = await readFile(process.cwd() + '/files/guide.pdf'); return new Response(pdf, { headers: { 'content-type': 'application/pdf' } }); }\nexport async function POST() { return new NextResponse(await readFile('/srv/x.bin')); }`,
      filename: 'app/guide/route.ts',
      errors: [
        whole('`new Response(…)`', 'readFile(…)', 'Stream the file: `new Response(Readable.toWeb(createReadStream(path)))`'),
        whole('`new NextResponse(…)`', 'readFile(…)', 'Stream the file: `new Response(Readable.toWeb(createReadStream(path)))`'),
      ],
    },
    // NestJS: @Res() and a StreamableFile around a buffer.
    {
      code: `import { Controller, Get, Res, StreamableFile } from '@nestjs/common';\nimport { readFile } from 'node:fs/promises';\n@Controller('files') export class FilesController {\n  @Get('a') async a(@Res() out) { out.send(await readFile('/srv/a.pdf')); }\n  @Get('b') async b() { return new StreamableFile(await readFile('/srv/b.pdf')); }\n}`,
      errors: [
        whole('`out.send(…)`', 'readFile(…)', FILE_FIX_NODE),
        whole('`new StreamableFile(…)`', 'readFile(…)', 'Stream the file: `new StreamableFile(createReadStream(path))`'),
      ],
    },
    // S3 (v3): transformToByteArray, a collected Body, a helper named like a collector; v2's Body.
    {
      code: `${S3}app.get('/o/:key', async (req, res) => { const out = await s3.send(new GetObjectCommand({ Bucket: 'b', Key: req.params.key })); const bytes = await out.Body.transformToByteArray(); res.send(Buffer.from(bytes)); });`,
      errors: [whole('`res.send(…)`', 'out.Body.transformToByteArray()', S3_FIX_NODE)],
    },
    {
      code: `${S3}const command = new GetObjectCommand({ Bucket: 'b', Key: 'report.csv' });\napp.get('/report', async (req, res) => { const { Body } = await s3.send(command); const chunks = []; for await (const chunk of Body) chunks.push(chunk); res.end(Buffer.concat(chunks)); });`,
      errors: [whole('`res.end(…)`', 'Buffer.concat(…)', S3_FIX_NODE)],
    },
    {
      code: `${S3}import { streamToBuffer } from './util';\napp.get('/o', async (req, res) => { const obj = await s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'k' })); res.send(await streamToBuffer(obj.Body)); });`,
      errors: [whole('`res.send(…)`', 'streamToBuffer(…)', S3_FIX_NODE)],
    },
    {
      code: `${FASTIFY}import { S3 } from '@aws-sdk/client-s3';\nconst s3 = new S3({});\napp.get('/o', async (request, reply) => { const obj = await s3.getObject({ Bucket: 'b', Key: 'k' }); return reply.send(await obj.Body?.transformToString()); });`,
      errors: [whole('`reply.send(…)`', 'obj.Body?.transformToString()', "Stream the object's `Body` instead of collecting it: `reply.send(Body)`")],
    },
    {
      code: `import express from 'express';\nimport AWS from 'aws-sdk';\nconst s3 = new AWS.S3();\nconst app = express();\napp.get('/v2', async (req, res) => { const data = await s3.getObject({ Bucket: 'b', Key: 'k' }).promise(); res.send(data.Body); });`,
      errors: [whole('`res.send(…)`', 's3.getObject(…)', S3_FIX_NODE)],
    },
    // Stored objects sent through Koa, Hono, NestJS, Fastify and a Next.js route handler.
    {
      code: `${KOA}import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';\nconst s3 = new S3Client({});\napp.use(async (ctx) => { const { Body } = await s3.send(new GetObjectCommand({ Bucket: 'b', Key: ctx.path })); ctx.body = await Body.transformToString(); });`,
      errors: [whole('`ctx.body = …`', 'Body.transformToString()', "Stream the object's `Body` instead of collecting it: `ctx.body = Body`")],
    },
    {
      code: `${HONO}import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';\nconst s3 = new S3Client({});\napp.get('/o', async (c) => { const out = await s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'k' })); return c.body(await out.Body.transformToByteArray()); });`,
      errors: [whole('`c.body(…)`', 'out.Body.transformToByteArray()', "Stream the object's `Body` instead of collecting it: `c.body(Body.transformToWebStream())`, or Hono's `stream()` helper")],
    },
    {
      code: `import { Controller, Get, Param, StreamableFile } from '@nestjs/common';\nimport { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';\n@Controller('files') export class FilesController {\n  constructor(private readonly s3: S3Client) {}\n  @Get(':key') async get(@Param('key') key: string) { const out = await this.s3.send(new GetObjectCommand({ Bucket: 'b', Key: key })); return new StreamableFile(Buffer.from(await out.Body.transformToByteArray())); }\n}`,
      errors: [whole('`new StreamableFile(…)`', 'out.Body.transformToByteArray()', "Stream the object's `Body` instead of collecting it: `new StreamableFile(Body)`")],
    },
    {
      code: `import Fastify from 'fastify';\nimport { Storage } from '@google-cloud/storage';\nconst bucket = new Storage().bucket('b');\nconst app = Fastify();\napp.get('/g/:name', async (request, reply) => { const file = bucket.file(request.params.name); const [contents] = await file.download(); reply.send(contents); });`,
      errors: [whole('`reply.send(…)`', 'file.download()', 'Stream the object with `file.createReadStream()`: `reply.send(file.createReadStream())`')],
    },
    {
      code: `import { Storage } from '@google-cloud/storage';\nconst storage = new Storage();\nexport async function GET(request: Request) { const data = await storage.bucket('b').file('report.pdf').download(); return new Response(data[0]); }`,
      filename: 'app/report/route.ts',
      errors: [whole('`new Response(…)`', 'storage.….download()', 'Stream the object with `file.createReadStream()`: `new Response(Readable.toWeb(file.createReadStream()))`')],
    },
    {
      code: `import Fastify from 'fastify';\nimport getStream from 'get-stream';\nimport { Storage } from '@google-cloud/storage';\nconst bucket = new Storage().bucket('b');\nconst app = Fastify();\napp.get('/g', async (request, reply) => { reply.send(await getStream.buffer(bucket.file('a.csv').createReadStream())); });`,
      errors: [whole('`reply.send(…)`', 'getStream.buffer(…)', 'Stream the object with `file.createReadStream()`: `reply.send(file.createReadStream())`')],
    },
    // Google Cloud Storage: download() resolves to [contents].
    {
      code: `import express from 'express';\nimport { Storage } from '@google-cloud/storage';\nconst storage = new Storage();\nconst app = express();\napp.get('/g/:name', async (req, res) => { const [contents] = await storage.bucket('b').file(req.params.name).download(); res.send(contents); });`,
      errors: [whole('`res.send(…)`', 'storage.….download()', 'Stream the object with `file.createReadStream()`: `await pipeline(file.createReadStream(), res)`')],
    },
  ],
});

typedRuleTester().run('prefer-stream-response (typed)', rule, {
  valid: [
    // A `res` typed as something that is not a response.
    `import { readFile } from 'node:fs/promises';\nclass Channel { send(payload: Buffer) { return payload.length; } }\nexport async function relay(req: unknown, res: Channel) { res.send(await readFile('/srv/x.bin')); }`,
    // A look-alike transformToByteArray that is not the AWS SDK's.
    `import express from 'express';\nclass Blob2 { async transformToByteArray() { return new Uint8Array(); } }\nexport async function f(res: express.Response, body: Blob2) { res.send(await body.transformToByteArray()); }`,
    // Streamed with types too.
    `import type { FastifyReply } from 'fastify';\nimport { createReadStream } from 'node:fs';\nexport async function serve(reply: FastifyReply) { return reply.send(createReadStream('/srv/a.pdf')); }`,
  ],
  invalid: [
    // Only the type says what `out` is.
    {
      code: `import type { RequestHandler } from 'express';\nimport { readFile } from 'node:fs/promises';\nexport const download: RequestHandler = async (_q, out) => { out.send(await readFile('/srv/d.bin')); };`,
      errors: [whole('`out.send(…)`', 'readFile(…)', FILE_FIX_NODE)],
    },
    {
      code: `import express from 'express';\nimport { readFile } from 'node:fs/promises';\nexport async function download(rq: express.Request, rs: express.Response) { rs.send(await readFile('/srv/d.bin')); }`,
      errors: [whole('`rs.send(…)`', 'readFile(…)', FILE_FIX_NODE)],
    },
    {
      code: `import type { FastifyInstance, FastifyReply } from 'fastify';\nimport { readFile } from 'node:fs/promises';\nexport async function routes(server: FastifyInstance) {\n  server.get('/a', async (rq, rp) => { rp.send(await readFile('/srv/a.bin')); });\n  server.get('/b', async () => readFile('/srv/b.bin'));\n}\nexport async function send(rp: FastifyReply) { rp.send(await readFile('/srv/c.bin')); }`,
      errors: [
        whole('`rp.send(…)`', 'readFile(…)', 'Stream the file: `reply.send(createReadStream(path))`'),
        whole("Returning `readFile('/srv/b.bin')` from a Fastify handler", 'readFile(…)', 'Stream the file: `reply.send(createReadStream(path))`'),
        whole('`rp.send(…)`', 'readFile(…)', 'Stream the file: `reply.send(createReadStream(path))`'),
      ],
    },
    // An S3Client parameter, and a Body known only by its type.
    {
      code: `import type { Response } from 'express';\nimport { GetObjectCommand, S3Client, type GetObjectCommandOutput } from '@aws-sdk/client-s3';\nexport async function serve(s3: S3Client, key: string, res: Response) { const out = await s3.send(new GetObjectCommand({ Bucket: 'b', Key: key })); res.send(await out.Body!.transformToByteArray()); }\nexport async function relay(body: GetObjectCommandOutput['Body'], res: Response) { res.send(await body!.transformToString()); }`,
      errors: [whole('`res.send(…)`', 'out.Body!.transformToByteArray()', S3_FIX_NODE), whole('`res.send(…)`', 'body!.transformToString()', S3_FIX_NODE)],
    },
    // Koa and Hono contexts by type.
    {
      code: `import Koa from 'koa';\nimport { Hono } from 'hono';\nimport { readFile } from 'node:fs/promises';\nconst koa = new Koa();\nkoa.use(async (k) => { k.body = await readFile('/srv/k.bin'); });\nconst hono = new Hono();\nhono.get('/h', async (h) => h.body(await readFile('/srv/h.bin')));`,
      errors: [
        whole('`k.body = …`', 'readFile(…)', 'Stream the file: `ctx.body = createReadStream(path)`'),
        whole('`h.body(…)`', 'readFile(…)', "Stream the file: `c.body(Readable.toWeb(createReadStream(path)))`, or Hono's `stream()` helper"),
      ],
    },
  ],
});

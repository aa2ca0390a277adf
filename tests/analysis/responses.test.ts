import { ESLintUtils, type TSESTree } from '@typescript-eslint/utils';
import { getResponses } from '../../src/analysis/responses';
import { typedRuleTester, untypedRuleTester } from '../rule-tester';

/** Reports every response send as `framework:method:evidence:body`. */
const sendProbe = ESLintUtils.RuleCreator.withoutDocs({
  meta: { type: 'problem', schema: [], messages: { send: '{{send}}' } },
  create(context) {
    const responses = getResponses(context);
    const probe = (node: TSESTree.Node) => {
      const send = responses.sendOf(node);
      if (send) context.report({ node, messageId: 'send', data: { send: `${send.framework}:${send.method}:${send.evidence}:${context.sourceCode.getText(send.body)}` } });
    };
    return {
      CallExpression: probe,
      NewExpression: probe,
      AssignmentExpression: probe,
      ReturnStatement: probe,
      'ArrowFunctionExpression[expression=true]': probe,
    };
  },
});

function sends(code: string, ...expected: string[]) {
  return { code, errors: expected.map((send) => ({ messageId: 'send' as const, data: { send } })) };
}

const EXPRESS = "import express from 'express';\nconst app = express();\n";

untypedRuleTester().run('analysis-responses', sendProbe, {
  valid: [
    // Streams, sockets, queues and other objects with send/end/write/body: not responses.
    "import { createWriteStream } from 'node:fs';\nconst out = createWriteStream('/tmp/x'); out.write('a'); out.end('b');",
    "import net from 'node:net';\nnet.createServer((socket) => { socket.write('hi'); socket.end('bye'); });",
    "import { Queue } from 'bullmq';\nconst q = new Queue('q'); export function f(res: unknown) { q.send?.(res); }",
    'export function f(message: { body: string }) { message.body = "x"; }',
    // A parameter named `res` without a request before it, outside a handler.
    'export function relay(res: any, data: string) { res.send(data); }',
    'export function relay(data: string, res) { res.end(data); }',
    // JSON, redirects and status-only replies are not raw bodies; a send without a body sends nothing.
    EXPRESS + "app.get('/', (req, res) => { res.json({ ok: true }); res.redirect('/x'); res.sendStatus(204); res.end(); });",
    // A project `Response`, a shadowed one, and an annotation that is the Fetch Response (not a framework's).
    "import { Response } from './http';\nexport const r = new Response('x');",
    'export function f() { class Response { constructor(_: string) {} } return new Response("x"); }',
    'export async function f(request: Request, response: Response) { await response.text(); }',
    // Express ignores a handler's return value; Koa's `ctx.body` read is not a send.
    EXPRESS + "app.get('/', async (req, res) => { return 'x'; });",
    "import Koa from 'koa';\nconst app = new Koa();\napp.use(async (ctx, next) => { await next(); log(ctx.body); });",
    // `c.body = …` is no Hono send, `ctx.body(…)` no Koa one: the kinds are told apart.
    "import type { Context } from 'hono';\nexport function h(c: Context) { (c as any).x = 1; }",
    "import type { Context } from 'koa';\nexport function k(ctx: Context) { (ctx as any).body2 = 1; }",
  ],
  invalid: [
    // Express: handler position, signature, chains, annotations, NestJS @Res().
    sends(EXPRESS + "app.get('/', (req, res) => { res.send('a'); res.status(200).type('txt').end('b'); res.write('c'); });", 'node:send:signature:\'a\'', 'node:end:signature:\'b\'', 'node:write:signature:\'c\''),
    sends(EXPRESS + "app.get('/', (_, res) => { res.send('a'); });", "node:send:handler:'a'"),
    sends("import type { Response } from 'express';\nexport function relay(r: Response, data: Buffer) { r.send(data); }", 'node:send:annotation:data'),
    sends("import express from 'express';\nexport function relay(r: express.Response, data: Buffer) { const chained = r.status(200); chained.send(data); }", 'node:send:annotation:data'),
    sends("import { ServerResponse } from 'node:http';\nexport function relay(r: ServerResponse, data: Buffer) { r.writeHead(200).end(data); }", 'node:end:annotation:data'),
    sends(
      "import { Controller, Get, Res } from '@nestjs/common';\n@Controller() export class C { @Get() get(@Res() response) { response.send('x'); } }",
      "node:send:decorator:'x'",
    ),
    // Fastify: reply.send, reply.raw, returned values of route handlers (shorthand and route options).
    sends(
      "import Fastify from 'fastify';\nconst app = Fastify();\napp.get('/', async (request, reply) => { reply.code(201).send('a'); reply.raw.end('b'); });",
      "fastify:send:signature:'a'",
      "node:end:signature:'b'",
    ),
    sends(
      "import Fastify from 'fastify';\nconst app = Fastify();\napp.get('/', async () => { return payload; });\napp.route({ method: 'GET', url: '/x', handler: async () => other });",
      'fastify:return:import:payload',
      'fastify:return:import:other',
    ),
    // Callbacks inside a handler return to their caller; `return reply.send(…)` returns the reply, not a payload.
    sends(
      "import Fastify from 'fastify';\nconst app = Fastify();\napp.get('/', async (request, reply) => { const ids = [1, 2].map((id) => id * 2); return reply.send(ids); });",
      'fastify:send:signature:ids',
    ),
    sends("import type { FastifyRequest } from 'fastify';\nexport async function handler(request: FastifyRequest) { return data; }", 'fastify:return:annotation:data'),
    // Koa: ctx.body =, ctx.response.body =, ctx.res.end.
    sends(
      "import Koa from 'koa';\nconst app = new Koa();\napp.use(async (ctx, next) => { ctx.body = 'a'; ctx.response.body = 'b'; ctx.res.end('c'); });",
      "koa:body =:signature:'a'",
      "koa:body =:signature:'b'",
      "node:end:signature:'c'",
    ),
    sends("import type { Context } from 'koa';\nexport async function k(context: Context) { context.body = 'x'; }", "koa:body =:annotation:'x'"),
    // Hono: body, text, html, newResponse.
    sends(
      "import { Hono } from 'hono';\nconst app = new Hono();\napp.get('/', (c) => c.body('a'));\napp.get('/t', (c) => { c.text('b'); return c.html('c'); });",
      "hono:body:handler:'a'",
      "hono:text:handler:'b'",
      "hono:html:handler:'c'",
    ),
    sends("import type { Context } from 'hono';\nexport const h = (ctx: Context) => ctx.newResponse('x');", "hono:newResponse:annotation:'x'"),
    // Fetch and Next.js; NestJS StreamableFile.
    sends(
      "import { NextResponse } from 'next/server';\nexport async function GET() { if (a) return new Response('a'); return new NextResponse('b'); }",
      "fetch:new Response:global:'a'",
      "fetch:new NextResponse:import:'b'",
    ),
    sends("import { StreamableFile } from '@nestjs/common';\nexport const f = () => new StreamableFile(buffer);", 'nestjs:new StreamableFile:import:buffer'),
  ],
});

typedRuleTester().run('analysis-responses (typed)', sendProbe, {
  valid: [
    // An outgoing request's `write`/`end`: a ClientRequest is no response.
    "import http from 'node:http';\nexport function post(data: string) { const rq = http.request('http://x'); rq.write(data); rq.end(); }",
    // A class of our own with `send`, whatever its parameter is called.
    'class Mailer { send(body: string) { return body; } }\nexport function notify(req: unknown, res: Mailer) { res.send("x"); }',
  ],
  invalid: [
    sends(
      "import type { RequestHandler } from 'express';\nexport const h: RequestHandler = (a, b) => { b.send('x'); };",
      "node:send:type:'x'",
    ),
    sends(
      "import Fastify from 'fastify';\nconst server = Fastify();\nserver.get('/', async (q, p) => { p.send('a'); });\nserver.get('/b', async () => 'b');",
      "fastify:send:type:'a'",
      "fastify:return:type:'b'",
    ),
    sends(
      "import Koa from 'koa';\nimport { Hono } from 'hono';\nnew Koa().use(async (k) => { k.body = 'a'; });\nnew Hono().get('/', (h) => h.body('b'));",
      "koa:body =:type:'a'",
      "hono:body:type:'b'",
    ),
  ],
});

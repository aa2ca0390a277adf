import { ESLintUtils, type TSESTree } from '@typescript-eslint/utils';
import { describeInput, getRequestInput } from '../../src/analysis/request-input';
import { typedRuleTester, untypedRuleTester } from '../rule-tester';

/** Reports, for each `probe(x)`, where `x` comes from: `input:<kind>:<read>` and/or `param:<name>`. */
const probe = ESLintUtils.RuleCreator.withoutDocs({
  meta: { type: 'problem', schema: [], messages: { origin: '{{origin}}' } },
  create(context) {
    const analyzer = getRequestInput(context);
    return {
      'CallExpression[callee.name="probe"]'(node: TSESTree.CallExpression) {
        const input = analyzer.inputOf(node.arguments[0]);
        const parameter = analyzer.parameterOf(node.arguments[0]);
        const parts = [input && `input:${input.kind}:${describeInput(context.sourceCode, input)}`, parameter && `param:${parameter.name}`].filter(Boolean);
        if (parts.length > 0) context.report({ node, messageId: 'origin', data: { origin: parts.join(' ') } });
      },
    };
  },
});

function origin(code: string, ...expected: string[]) {
  return { code, errors: expected.map((text) => ({ messageId: 'origin' as const, data: { origin: text } })) };
}

const EXPRESS = "import express from 'express'; const app = express();\n";

untypedRuleTester().run('analysis-request-input', probe, {
  valid: [
    // Not request input: what middleware put on the request, the response, module constants, locals.
    EXPRESS + "app.get('/', (req, res) => { probe(req.user.id); probe(req.session); probe(res.locals.x); probe(req.ip); });",
    "const LIMIT = 20; probe(LIMIT); probe(Date.now());",
    // Koa's ctx.body is the response.
    "import Koa from 'koa'; const app = new Koa(); app.use(async (ctx, next) => { probe(ctx.body); probe(ctx.state.user); });",
    // A function the analysis cannot see through may sanitize.
    EXPRESS + "app.get('/', (req, res) => { probe(toColumn(req.query.sort)); });",
    // Inline callbacks' parameters are chosen by their callee, not by a caller.
    "[1, 2].map((page) => probe(page));",
    // A value the file cannot trace: a global.
    'probe(globalThis.location);',
  ],
  invalid: [
    // Express: properties, methods, destructuring, defaults, string methods, coercion, arithmetic.
    origin(EXPRESS + "app.get('/', (req, res) => { probe(req.query.sort); });", 'input:query:req.query.sort'),
    origin(EXPRESS + "app.get('/', (req, res) => { const { page = '1' } = req.query; probe((Number(page) - 1) * 20); });", 'input:query:req.query'),
    origin(EXPRESS + "app.get('/', (req, res) => { const { query: { sort } } = req; probe(sort.trim().toLowerCase()); });", 'input:query:sort'),
    origin(EXPRESS + "app.post('/', (req, res) => { probe(`${req.body.name}!`); probe(req.get('x-tenant')); });", 'input:body:req.body.name', "input:headers:req.get('x-tenant')"),
    origin(EXPRESS + "app.get('/', (req, res) => { let dir = 'asc'; if (req.query.dir) dir = String(req.query.dir); probe(dir); });", 'input:query:req.query.dir'),
    origin(EXPRESS + "app.get('/', (req, res) => { for (const id of req.body.ids) probe(id); });", 'input:body:req.body.ids'),
    origin(EXPRESS + "import { z } from 'zod'; const Query = z.object({ sort: z.string() });\napp.get('/', (req, res) => { const { sort } = Query.parse(req.query); probe(sort); });", 'input:query:req.query'),
    // A handler in another file: the `(req, res)` signature, or an annotation.
    origin("export async function list(req, res) { probe(req.params.id); }", 'input:params:req.params.id'),
    origin("import type { Request } from 'express'; export async function list(r: Request) { probe(r.query.q); }", 'input:query:r.query.q'),
    // Fastify, Koa, Hono, Next.js.
    origin("import Fastify from 'fastify'; const f = Fastify(); f.get('/', async (request, reply) => { probe(request.query); });", 'input:query:request.query'),
    origin("import Router from '@koa/router'; const r = new Router(); r.get('/', async (ctx, next) => { probe(ctx.query.offset); probe(ctx.request.body); });", 'input:query:ctx.query.offset', 'input:body:ctx.request.body'),
    // What a pagination middleware parsed into Koa's state for the handler (Outline's `pagination()`).
    origin("import Router from '@koa/router'; const r = new Router(); r.post('/', async (ctx, next) => { probe(ctx.state.pagination.offset); const { pagination } = ctx.state; probe(pagination.limit); });", 'input:query:ctx.state.pagination.offset', 'input:query:pagination'),
    origin("import { Hono } from 'hono'; const app = new Hono(); app.get('/', (c) => { probe(c.req.query('q')); return c.text('ok'); });", "input:query:c.req.query('q')"),
    {
      ...origin("import type { NextRequest } from 'next/server';\nexport async function GET(request: NextRequest, { params }: { params: { id: string } }) { probe(request.nextUrl.searchParams.get('q')); probe(params.id); }", 'input:url:request.nextUrl.searchParams', 'input:params:params'),
      filename: 'app/items/[id]/route.ts',
    },
    { ...origin('export default async function Page({ searchParams }: { searchParams: { q?: string } }) { probe(searchParams.q); }', 'input:query:searchParams'), filename: 'app/search/page.tsx' },
    // NestJS and routing-controllers decorators.
    origin("import { Controller, Get, Query, Param } from '@nestjs/common';\n@Controller() class C { @Get(':id') one(@Param('id') id: string, @Query() q: { page: string }) { probe(id); probe(q.page); } }", "input:params:@Param('id')", 'input:query:@Query()'),
    // Parameters of named functions and methods: values callers choose.
    origin('export function list(page: number, size: number) { probe(page * size); }', 'param:page'),
    origin('class Repo { list(options: { offset: number }) { const { offset } = options; probe(offset); } }', 'param:options'),
  ],
});

typedRuleTester().run('analysis-request-input (typed)', probe, {
  valid: ["export const n = 1;\ndeclare function probe(x: unknown): void;\nprobe(n);"],
  invalid: [
    // Only the type says `r` is a request.
    origin("import type { RequestHandler } from 'express';\ndeclare function probe(x: unknown): void;\nexport const h: RequestHandler = (r, w) => { probe(r.query.sort); w.end(); };", 'input:query:r.query.sort'),
    origin("import type { FastifyRequest } from 'fastify';\ndeclare function probe(x: unknown): void;\ndeclare const handlers: { list(request: FastifyRequest): void };\nhandlers.list = (rq) => { probe(rq.params); };", 'input:params:rq.params'),
  ],
});

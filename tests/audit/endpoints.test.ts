/**
 * Endpoint discovery: every framework the audit reads (Express, Fastify, Koa's router, Hono, NestJS,
 * Next.js), with mount prefixes, and the look-alikes that are not routes.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { joinPaths } from '../../src/audit/frameworks/route-paths';
import { discover, fixtureProject, removeFixtureProjects } from './helpers';

afterAll(removeFixtureProjects);

describe('joinPaths', () => {
  it('joins prefixes and paths the way routers do', () => {
    expect(joinPaths('', '/')).toBe('/');
    expect(joinPaths('/orders', '/')).toBe('/orders');
    expect(joinPaths('users', ':id')).toBe('/users/:id');
    expect(joinPaths('/api/', '/v1//', 'items')).toBe('/api/v1/items');
  });
});

describe('Express', () => {
  const dir = fixtureProject({
    'src/app.ts': `
import express, { Router } from 'express';
import { usersRouter } from './users';
import { registerHealth } from './health';
import { getSettings, putSettings } from './settings';

const API = '/api';
export const app = express();
app.get('/', (_req, res) => { res.send('ok'); });
app.use(express.json());
app.use('/users', usersRouter());

const adminRouter = Router();
adminRouter.route('/settings').get(getSettings).put(putSettings);
app.use(API, adminRouter);
registerHealth(app);

// Not routes: a setting read, a Map, an object that merely has a get method.
app.set('env', 'production');
const env = app.get('env');
const cache = new Map<string, () => void>();
cache.get('/not-a-route');
const lookalike = { get(path: string, handler: () => void) { return [path, handler]; } };
lookalike.get('/fake', () => undefined);
export { env };
`,
    'src/users.ts': `
import express, { type Router, type Request, type Response, type NextFunction } from 'express';

const asyncHandler = (fn: (req: Request, res: Response) => Promise<void>) =>
  (req: Request, res: Response, next: NextFunction) => { fn(req, res).catch(next); };

export function usersRouter(): Router {
  const router = express.Router();
  router.get('/:id', async (req, res) => { res.json({ id: req.params.id }); });
  router.post('/', asyncHandler(async (_req, res) => { res.status(201).end(); }));
  return router;
}
`,
    'src/health.ts': `
import type { Express } from 'express';
export function registerHealth(app: Express): void {
  app.get('/healthz', (_req, res) => { res.send('ok'); });
}
`,
    'src/settings.ts': `
import type { Request, Response } from 'express';
export function getSettings(_req: Request, res: Response): void { res.json({}); }
export function putSettings(_req: Request, res: Response): void { res.status(204).end(); }
`,
  });

  it('finds routes on apps and routers, with mount prefixes from use(), route() chains and registering functions', () => {
    const { routes } = discover(dir);
    expect(routes).toEqual(['GET /', 'GET /api/settings', 'GET /healthz', 'GET /users/:id', 'POST /users', 'PUT /api/settings']);
  });

  it('records where each route is declared, its handler name and its handler functions', () => {
    const { endpoints } = discover(dir);
    const put = endpoints.find(({ endpoint }) => endpoint.method === 'PUT');
    expect(put?.endpoint).toMatchObject({ framework: 'express', path: '/api/settings', handlerName: 'putSettings', location: { file: 'src/app.ts', line: 14 } });
    expect(put?.entries.map((entry) => entry.getSourceFile().getBaseName())).toEqual(['settings.ts']);
    expect(put?.endpoint.handler).toEqual({ file: 'src/settings.ts', line: 4, column: 1 });
    // The function inside asyncHandler(…) is the handler.
    const post = endpoints.find(({ endpoint }) => endpoint.method === 'POST');
    expect(post?.entries).toHaveLength(1);
    expect(post?.entries[0].getText()).toContain('status(201)');
  });
});

describe('Fastify', () => {
  const dir = fixtureProject({
    'src/server.ts': `
import Fastify, { type FastifyInstance } from 'fastify';

const app = Fastify();
app.get('/ping', async () => 'pong');
app.route({ method: ['GET', 'HEAD'], url: '/items', handler: async () => [] });

async function itemsPlugin(fastify: FastifyInstance): Promise<void> {
  fastify.post('/items', { schema: {} }, async (request) => request.body);
}
app.register(itemsPlugin, { prefix: '/v1' });
app.register(async (instance) => {
  instance.delete('/items/:id', async () => null);
}, { prefix: '/v2' });
`,
  });

  it('finds shorthand routes, route() options, and plugin routes under their register() prefix', () => {
    expect(discover(dir).routes).toEqual(['DELETE /v2/items/:id', 'GET /items', 'GET /ping', 'HEAD /items', 'POST /v1/items']);
  });
});

describe("Koa's router (read from the code when the package's types are not installed)", () => {
  const dir = fixtureProject({
    'src/routes.ts': `
import Router from '@koa/router';

export const router = new Router({ prefix: '/api' });
router.get('/users', async (ctx: { body: unknown }) => { ctx.body = []; });
router.get('user', '/users/:id', async (ctx: { body: unknown }) => { ctx.body = {}; });

const shop = new Router();
shop.post('/orders', async (ctx: { status: number }) => { ctx.status = 201; });
router.use('/shop', shop.routes());

// A local class named Router is not Koa's.
class LocalRouter { get(path: string, fn: () => void) { return [path, fn]; } }
new LocalRouter().get('/local', () => undefined);
`,
  });

  it('finds routes, named routes and nested routers with the constructor prefix', () => {
    expect(discover(dir).routes).toEqual(['GET /api/users', 'GET /api/users/:id', 'POST /api/shop/orders']);
  });
});

describe('Hono', () => {
  const dir = fixtureProject({
    'src/app.ts': `
import { Hono } from 'hono';

const app = new Hono();
const api = new Hono().basePath('/api');
api.get('/books', (c) => c.json([]));
api.on(['PUT', 'PATCH'], '/books/:id', (c) => c.text('ok'));

const admin = new Hono();
admin.delete('/cache', (c) => c.text('cleared'));
app.route('/admin', admin);
app.route('/', api);

app.get('/', (c) => c.text('hi')).post('/echo', async (c) => c.json(await c.req.json()));
app.get('/ctx', (c) => c.text(String(c.get('user' as never))));
export default app;
`,
  });

  it('finds routes, on() routes, chained routes, basePath() and route() mounts', () => {
    expect(discover(dir).routes).toEqual([
      'DELETE /admin/cache',
      'GET /',
      'GET /api/books',
      'GET /ctx',
      'PATCH /api/books/:id',
      'POST /echo',
      'PUT /api/books/:id',
    ]);
  });
});

describe('NestJS', () => {
  const dir = fixtureProject({
    'src/orders.controller.ts': `
import { Controller, Get, Post, Delete as Remove, Param } from '@nestjs/common';
import { OrdersService } from './orders.service';

@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Get()
  list() { return this.orders.list(); }

  @Get(':id')
  one(@Param('id') id: string) { return this.orders.one(id); }

  @Post()
  create() { return this.orders.list(); }

  @Remove(':id')
  remove(@Param('id') id: string) { return id; }

  helper() { return 1; }
}

@Controller({ path: 'health' })
export class HealthController {
  @Get()
  check() { return 'ok'; }
}
`,
    'src/orders.service.ts': `
export class OrdersService {
  list() { return []; }
  one(id: string) { return { id }; }
}
`,
    'src/lookalike.ts': `
// Decorators of the same names from elsewhere are not NestJS routes.
import { Controller, Get } from './decorators';

@Controller('fake')
export class FakeController {
  @Get()
  list() { return []; }
}
`,
    'src/decorators.ts': `
export const Controller = (_path?: string): ClassDecorator => () => undefined;
export const Get = (_path?: string): MethodDecorator => () => undefined;
`,
  });

  it('finds controller methods under the controller prefix, decorators from @nestjs/common only', () => {
    const { routes, endpoints } = discover(dir);
    expect(routes).toEqual(['DELETE /orders/:id', 'GET /health', 'GET /orders', 'GET /orders/:id', 'POST /orders']);
    expect(endpoints.find(({ endpoint }) => endpoint.path === '/orders/:id' && endpoint.method === 'GET')?.endpoint.handlerName).toBe('OrdersController.one');
  });
});

describe('Next.js route handlers', () => {
  const dir = fixtureProject({
    'app/api/users/[id]/route.ts': `
export async function GET(request: Request) { return Response.json({ url: request.url }); }
export async function DELETE() { return new Response(null, { status: 204 }); }
export const dynamic = 'force-dynamic';
`,
    'app/(shop)/cart/route.ts': `
export const POST = async (request: Request) => Response.json(await request.json());
`,
    'app/_lib/route.ts': `export async function GET() { return new Response('private folder'); }`,
    'app/page.ts': `export default function Page() { return null; }`,
    'src/pages/api/hello.ts': `
export default function handler(_req: unknown, res: { json(body: unknown): void }) { res.json({ hello: 'world' }); }
`,
    'src/pages/about.ts': `export default function About() { return null; }`,
  });

  it('finds App Router handlers by folder (groups dropped, private folders skipped) and Pages Router API routes', () => {
    expect(discover(dir).routes).toEqual(['ALL /api/hello', 'DELETE /api/users/[id]', 'GET /api/users/[id]', 'POST /cart']);
  });
});

describe('broken code', () => {
  const dir = fixtureProject({
    'src/app.ts': `
import express from 'express';
const app = express();
app.get('/ok', (_req, res) => { res.send('ok'); });
app.get('/broken', (req, res) => { res.send( ;
`,
  });

  it('still finds the routes it can read', () => {
    expect(discover(dir).routes).toContain('GET /ok');
  });
});

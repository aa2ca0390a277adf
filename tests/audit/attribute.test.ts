/**
 * Attribution: a finding belongs to the endpoints whose handlers reach it, through calls across files,
 * injected services, interfaces and callbacks; code no handler reaches belongs to none.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { attributeFindings } from '../../src/audit/attribute';
import { CallGraph } from '../../src/audit/call-graph';
import { discover, fixtureProject, locate, removeFixtureProjects } from './helpers';

afterAll(removeFixtureProjects);

const dir = fixtureProject({
  'src/app.ts': `
import express from 'express';
import { OrderService } from './order-service';
import { SqlOrderStore } from './order-store';

const service = new OrderService(new SqlOrderStore());
const app = express();
app.get('/orders', async (_req, res) => { res.json(await service.list()); });
app.get('/orders/:id', async (req, res) => { res.json(await service.one(req.params.id)); });
app.post('/orders', async (_req, res) => { res.json(await service.create()); });
app.get('/tree', (_req, res) => { res.json(walk(3)); });
app.get('/direct', (_req, res) => { res.json(['MARK_DIRECT']); });

function walk(depth: number): number {
  return depth === 0 ? 0 : walk(depth - 1) + 1; // MARK_RECURSION
}

const warmUp = ['MARK_TOP_LEVEL'];
export { app, warmUp };
`,
  'src/order-service.ts': `
import type { OrderStore } from './order-store';
import { audit } from './audit-log';

export class OrderService {
  constructor(private readonly store: OrderStore) {}
  async list() { return this.store.findAll(); }
  async one(id: string) { return [id].map(this.decorate); }
  async create() { return audit('MARK_AUDIT'); }
  private decorate(id: string) { return { id, tag: 'MARK_CALLBACK' }; }
  unused() { return 'MARK_UNUSED'; }
}
`,
  'src/order-store.ts': `
export interface OrderStore {
  findAll(): Promise<unknown[]>;
}
export class SqlOrderStore implements OrderStore {
  async findAll() { return ['MARK_IMPLEMENTATION']; }
}
`,
  'src/audit-log.ts': `
export function audit(event: string) { return [event, 'MARK_SHARED']; }
`,
  'src/orders.controller.ts': `
import { Controller, Get } from '@nestjs/common';
import { OrderService } from './order-service';

@Controller('v2/orders')
export class OrdersController {
  constructor(private readonly orders: OrderService) {}
  @Get()
  list() { return this.orders.create(); }
}
`,
});

function endpointsOf(markers: Record<string, [string, string]>): Record<string, string[]> {
  const { endpoints, graph, project } = discover(dir);
  const names = Object.keys(markers);
  const located = names.map((name) => locate(dir, ...markers[name]));
  const ids = attributeFindings(located, endpoints, project, graph);
  const labels = new Map(endpoints.map(({ endpoint }) => [endpoint.id, `${endpoint.method} ${endpoint.path}`]));
  return Object.fromEntries(names.map((name, index) => [name, ids[index].map((id) => labels.get(id)!).sort()]));
}

describe('attributeFindings', () => {
  it('attributes findings to the endpoints that reach them, across files, injection, interfaces and callbacks', () => {
    expect(
      endpointsOf({
        direct: ['src/app.ts', 'MARK_DIRECT'],
        recursion: ['src/app.ts', 'MARK_RECURSION'],
        implementation: ['src/order-store.ts', 'MARK_IMPLEMENTATION'],
        callback: ['src/order-service.ts', 'MARK_CALLBACK'],
        audit: ['src/order-service.ts', 'MARK_AUDIT'],
        shared: ['src/audit-log.ts', 'MARK_SHARED'],
      }),
    ).toEqual({
      direct: ['GET /direct'],
      recursion: ['GET /tree'],
      implementation: ['GET /orders'],
      callback: ['GET /orders/:id'],
      // Reached from the Express route and from the NestJS controller through the injected service.
      audit: ['GET /v2/orders', 'POST /orders'],
      shared: ['GET /v2/orders', 'POST /orders'],
    });
  });

  it('leaves module top-level code and functions no handler calls unattributed', () => {
    expect(
      endpointsOf({
        topLevel: ['src/app.ts', 'MARK_TOP_LEVEL'],
        unused: ['src/order-service.ts', 'MARK_UNUSED'],
      }),
    ).toEqual({ topLevel: [], unused: [] });
  });

  it('ignores locations outside the project or past the end of a file', () => {
    const { endpoints, graph, project } = discover(dir);
    const outside = { filePath: '/nonexistent/file.ts', line: 1, column: 1 };
    const pastEnd = { filePath: locate(dir, 'src/app.ts', 'MARK_DIRECT').filePath, line: 10_000, column: 1 };
    expect(attributeFindings([outside, pastEnd], endpoints, project, graph)).toEqual([[], []]);
  });
});

describe('CallGraph.reach', () => {
  it('stops at its depth limit', () => {
    const { endpoints, project } = discover(dir);
    const tree = endpoints.find(({ endpoint }) => endpoint.path === '/orders' && endpoint.method === 'GET')!;
    const shallow = new CallGraph(1).reach(tree.entries);
    const deep = new CallGraph().reach(tree.entries);
    const implementation = project.getSourceFileOrThrow(locate(dir, 'src/order-store.ts', 'MARK_IMPLEMENTATION').filePath);
    const inImplementation = (nodes: Set<unknown>) => [...nodes].some((node) => (node as { getSourceFile(): unknown }).getSourceFile() === implementation);
    expect(inImplementation(shallow)).toBe(false);
    expect(inImplementation(deep)).toBe(true);
  });
});

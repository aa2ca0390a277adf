/**
 * The audit of examples/ (the demo service), with type information as a user would run it: endpoints
 * with mount prefixes, findings attributed to the endpoints that reach them, and every output format,
 * the SARIF validated against the 2.1.0 schema.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/audit';
import { formatReport, FORMATS } from '../../src/audit/formats';
import type { AuditReport } from '../../src/audit/types';
import { GUIDE_ITEMS } from '../../src/guide/catalogue';
import { REPO_ROOT } from './helpers';
import { sarifSchemaErrors } from './sarif-schema';

let report: AuditReport;

beforeAll(async () => {
  report = await runAudit({ paths: ['examples'], cwd: REPO_ROOT });
}, 600_000);

const endpointsOf = (file: string, line: number) => {
  const finding = report.findings.find((candidate) => candidate.file === `examples/src/${file}` && candidate.line === line);
  if (!finding) throw new Error(`no finding at ${file}:${line}: ${report.findings.map((f) => `${f.file}:${f.line}`).join(', ')}`);
  const labels = new Map(report.endpoints.map((endpoint) => [endpoint.id, `${endpoint.method} ${endpoint.path}`]));
  return finding.endpoints.map((id) => labels.get(id));
};

describe('backend-perf audit examples', () => {
  it('lints every file, with type information from examples/tsconfig.json, and skips none', () => {
    expect(report.run).toMatchObject({ typed: true, tsconfig: path.join(REPO_ROOT, 'examples', 'tsconfig.json'), files: 24 });
    expect(report.run.presets[0]).toBe('recommended-type-checked');
    expect(report.skipped).toEqual([]);
  });

  it("lists the Express endpoints with their routers' mount prefixes", () => {
    expect(report.endpoints.map((endpoint) => `${endpoint.method} ${endpoint.path}`).sort()).toEqual([
      'GET /healthz',
      'GET /orders/by-user/:userId',
      'GET /orders/lookup',
      'GET /orders/pending/:userId',
      'GET /orders/recent',
      'GET /orders/recent/joined',
      'GET /orders/revenue',
      'GET /orders/search',
      'GET /reports/dashboard',
      'GET /reports/exports/:month.csv',
      'GET /reports/exports/:month/manifest',
      'GET /reports/orders.csv',
      'GET /reports/paid-orders',
      'GET /reports/top-customers',
      'GET /users',
      'GET /users/:id',
      'GET /users/:id/spend',
      'GET /users/authors',
      'GET /users/currencies',
      'GET /users/lookup',
      'POST /auth/login',
      'POST /orders',
      'POST /orders/:id/cancel',
      'POST /orders/:id/delivered',
      'POST /orders/ship',
      'POST /users',
      'PUT /auth/users/:id/password',
    ]);
  });

  it('attributes findings to the endpoints whose handlers reach them, through the injected services', () => {
    expect(endpointsOf('services/order-service.ts', 50)).toEqual(['GET /orders/recent']); // N+1
    expect(endpointsOf('routes/orders.ts', 66)).toEqual(['POST /orders']); // console.log in the handler
    expect(endpointsOf('services/order-service.ts', 76)).toEqual(['POST /orders']); // JSON.stringify in a log call
    expect(endpointsOf('repositories/order-repository.ts', 26)).toEqual(['GET /orders/by-user/:userId']); // SELECT *
    expect(endpointsOf('services/order-service.ts', 129)).toEqual(['POST /orders/:id/cancel']); // a queue job added inside a transaction
    expect(endpointsOf('services/auth-service.ts', 14)).toEqual(['POST /auth/login']); // bcrypt.compareSync
    expect(endpointsOf('cache.ts', 21)).toEqual(['POST /users']); // a Redis key without expiry, written through the user service
    expect(endpointsOf('http/shipping-client.ts', 17)).toEqual(['POST /orders/ship']); // axios without timeout
    expect(endpointsOf('http/exchange-rates.ts', 36)).toEqual(['GET /users/currencies']);
    // ShippingClient.track is called by no handler.
    expect(endpointsOf('http/shipping-client.ts', 22)).toEqual([]);
  });

  it('ranks endpoints worst first', () => {
    const counts = report.endpoints.map((endpoint) => endpoint.findings);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(report.endpoints[0]).toMatchObject({ method: 'POST', path: '/orders' });
    for (const endpoint of report.endpoints) {
      expect(endpoint.findings).toBe(report.findings.filter((finding) => finding.endpoints.includes(endpoint.id)).length);
    }
  });

  it('scores every checklist item, counting each finding under its guide item', () => {
    const items = report.scorecard.flatMap((section) => section.items);
    expect(items.map((item) => item.anchor).sort()).toEqual(GUIDE_ITEMS.map((item) => item.anchor).sort());
    expect(items.reduce((sum, item) => sum + item.findings, 0)).toBe(report.findings.length);
    expect(items.find((item) => item.anchor === 'n-plus-one-queries')).toMatchObject({ status: 'checked' });
    expect(items.find((item) => item.anchor === 'indexes')).toMatchObject({ status: 'not-static' });
  });

  it.each(FORMATS)('renders as %s', (format) => {
    const text = formatReport(report, format);
    expect(text.length).toBeGreaterThan(500);
    if (format === 'json') expect(JSON.parse(text).findings).toHaveLength(report.findings.length);
    if (format === 'terminal' || format === 'markdown') expect(text).toContain('POST /orders');
    if (format === 'html') expect(text).toContain('<code>POST /orders</code>');
  });

  it('produces valid SARIF 2.1.0 with one result per finding', () => {
    const log = JSON.parse(formatReport(report, 'sarif'));
    expect(sarifSchemaErrors(log)).toEqual([]);
    const results = log.runs[0].results as { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
    expect(results).toHaveLength(report.findings.length);
    expect(results.every((result) => result.locations[0].physicalLocation.artifactLocation.uri.startsWith('examples/src/'))).toBe(true);
  });
});

/**
 * `npm run demo` is the first thing a new user runs: it must lint examples/ in both modes, flag each
 * planted anti-pattern with its guide link, and stay quiet on the look-alike clean code.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

interface DemoFinding {
  file: string;
  line: number;
  ruleId: string;
  guide: { anchor: string; url: string };
  modes: string[];
}

const root = path.join(__dirname, '..');

describe('npm run demo', () => {
  it('reports the planted anti-patterns in both modes, with guide links, and nothing else', () => {
    const output = execFileSync(process.execPath, ['scripts/demo.mjs', '--json'], { cwd: root, encoding: 'utf8', timeout: 180_000 });
    const demo = JSON.parse(output) as { findings: DemoFinding[]; errors: unknown[] };
    expect(demo.errors).toEqual([]);
    const seen = demo.findings.map((f) => `${f.file.replace(/^examples\/src\//, '')}:${f.line} ${f.ruleId.replace('backend-perf/', '')} ${f.modes.join('+')}`).sort();
    expect(seen).toEqual([
      'cache.ts:21 require-cache-ttl untyped+typed',
      'cache.ts:34 no-json-deep-clone untyped+typed',
      'cache.ts:39 no-unbounded-cache untyped+typed',
      'http/exchange-rates.ts:36 require-fetch-timeout untyped+typed',
      'http/payments-client.ts:34 no-retry-without-backoff untyped+typed',
      'http/shipping-client.ts:17 require-fetch-timeout untyped+typed',
      'http/shipping-client.ts:22 require-fetch-timeout untyped+typed',
      'http/webhooks.ts:25 no-unbounded-concurrency untyped+typed',
      'repositories/order-repository.ts:26 no-select-star untyped+typed',
      'repositories/order-repository.ts:52 prefer-parameterized-query untyped+typed',
      'repositories/order-repository.ts:65 no-in-memory-filtering untyped+typed',
      'repositories/report-repository.ts:46 no-select-star untyped+typed',
      'repositories/report-repository.ts:64 no-per-request-client untyped+typed',
      'routes/orders.ts:66 no-sync-logging untyped+typed',
      'routes/reports.ts:38 prefer-stream-response untyped+typed',
      'services/auth-service.ts:14 no-blocking-call untyped+typed',
      'services/order-service.ts:118 no-quadratic-lookup untyped+typed',
      'services/order-service.ts:129 no-io-in-transaction untyped+typed',
      'services/order-service.ts:50 no-n-plus-one untyped+typed',
      'services/order-service.ts:76 no-sync-logging untyped+typed',
      'services/user-service.ts:51 prefer-parallel-io untyped+typed',
    ]);
    for (const finding of demo.findings) {
      expect(finding.guide.url).toBe(`https://github.com/backend-perf/eslint-plugin-backend-perf/blob/main/docs/guide.md#${finding.guide.anchor}`);
    }
  });
});

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
      'http/exchange-rates.ts:36 require-fetch-timeout untyped+typed',
      'http/shipping-client.ts:17 require-fetch-timeout untyped+typed',
      'http/shipping-client.ts:22 require-fetch-timeout untyped+typed',
      'repositories/order-repository.ts:17 no-select-star untyped+typed',
      'repositories/report-repository.ts:34 no-select-star untyped+typed',
      'routes/orders.ts:29 no-sync-logging untyped+typed',
      'services/order-service.ts:36 no-n-plus-one untyped+typed',
      'services/order-service.ts:62 no-sync-logging untyped+typed',
    ]);
    for (const finding of demo.findings) {
      expect(finding.guide.url).toBe(`https://github.com/backend-perf/eslint-plugin-backend-perf/blob/main/docs/guide.md#${finding.guide.anchor}`);
    }
  });
});

/**
 * The five output formats on a hand-made report: the same content everywhere, user text escaped in
 * Markdown and HTML, SARIF valid against the 2.1.0 schema, HTML self-contained.
 */
import { describe, expect, it } from 'vitest';
import { formatReport, FORMATS } from '../../src/audit/formats';
import { cell } from '../../src/audit/formats/markdown';
import { buildScorecard, type RuleLike } from '../../src/audit/scorecard';
import type { AuditReport, Finding } from '../../src/audit/types';
import { GUIDE_ITEMS } from '../../src/guide/catalogue';
import plugin from '../../src/index';
import { sarifSchemaErrors } from './sarif-schema';

const rules = plugin.rules as unknown as Record<string, RuleLike>;
const ACTIVE = new Set(Object.keys(plugin.configs.recommended.rules ?? {}));

const HOSTILE = 'Query <script>alert(1)</script> | *all* [rows](javascript:x) `x` \\ _y_';

const findings: Finding[] = [
  {
    file: 'src/my file.ts',
    line: 3,
    column: 5,
    endLine: 3,
    endColumn: 20,
    ruleId: 'backend-perf/no-n-plus-one',
    message: HOSTILE,
    guide: 'n-plus-one-queries',
    endpoints: ['GET /orders (src/routes.ts:4)', 'POST /orders (src/routes.ts:9)'],
  },
  {
    file: 'src/routes.ts',
    line: 10,
    column: 3,
    ruleId: 'backend-perf/no-sync-logging',
    message: 'console.log on a request path',
    guide: 'asynchronous-logging',
    endpoints: ['POST /orders (src/routes.ts:9)'],
  },
  {
    file: 'src/startup.ts',
    line: 1,
    column: 1,
    ruleId: 'backend-perf/require-fetch-timeout',
    message: 'fetch without a timeout',
    guide: 'timeouts',
    endpoints: [],
  },
];

const report: AuditReport = {
  tool: { name: 'eslint-plugin-backend-perf', version: '0.1.0', informationUri: 'https://github.com/backend-perf/eslint-plugin-backend-perf' },
  root: '/tmp/project with space',
  run: { typed: true, tsconfig: '/tmp/project with space/tsconfig.json', presets: ['recommended-type-checked'], eslintConfig: false, files: 4, durationMs: 1234 },
  scorecard: buildScorecard(rules, ACTIVE, findings),
  endpoints: [
    { id: 'POST /orders (src/routes.ts:9)', method: 'POST', path: '/orders', framework: 'express', location: { file: 'src/routes.ts', line: 9, column: 1 }, findings: 2 },
    { id: 'GET /orders (src/routes.ts:4)', method: 'GET', path: '/orders', framework: 'express', location: { file: 'src/routes.ts', line: 4, column: 1 }, handlerName: 'listOrders', handler: { file: 'src/orders/list.ts', line: 7, column: 1 }, findings: 1 },
    { id: 'GET /health (src/routes.ts:2)', method: 'GET', path: '/health', framework: 'express', location: { file: 'src/routes.ts', line: 2, column: 1 }, findings: 0 },
  ],
  findings,
  skipped: [{ file: 'src/broken.ts', line: 2, column: 7, message: "Parsing error: ',' expected." }],
  notes: ['1 TypeScript file(s) are outside tsconfig.json and were linted without type information.'],
};

const render = (format: (typeof FORMATS)[number], color = false) => formatReport(report, format, { color });

describe('terminal', () => {
  it('prints the scorecard, the endpoints worst first, every finding, skipped files and notes', () => {
    const text = render('terminal');
    expect(text).not.toContain('\u001b[');
    expect(text).toContain('backend-perf audit: 3 findings, 2 of 3 endpoints affected');
    for (const item of GUIDE_ITEMS) expect(text).toContain(item.title.slice(0, 40));
    expect(text.indexOf('POST /orders')).toBeLessThan(text.indexOf('GET /orders'));
    expect(text).toMatch(/2 {2}POST \/orders +src\/routes\.ts:9:1 {2}no-n-plus-one, no-sync-logging/);
    expect(text).toContain('no endpoint reaches it');
    expect(text).toContain("src/broken.ts:2:7  Parsing error: ',' expected.");
    expect(text).toContain('outside tsconfig.json');
  });

  it('colours only when asked', () => {
    expect(render('terminal', true)).toContain('\u001b[');
  });
});

describe('markdown', () => {
  const text = render('markdown');

  it('escapes user text so it cannot inject HTML, links or table cells', () => {
    expect(text).not.toContain('<script>');
    expect(text).not.toMatch(/[^\\]\]\(javascript:/);
    expect(cell(HOSTILE)).toBe('Query &lt;script&gt;alert(1)&lt;/script&gt; \\| \\*all\\* \\[rows\\](javascript:x) \\`x\\` \\\\ \\_y\\_');
    // Every table row has the same number of unescaped pipes as its header.
    for (const line of text.split('\n').filter((row) => row.startsWith('| '))) {
      const pipes = line.replaceAll('\\|', '').split('|').length;
      expect([4, 5, 6]).toContain(pipes);
    }
  });

  it('has the scorecard with every item linked to the guide, the worst endpoints and the findings', () => {
    for (const item of GUIDE_ITEMS) expect(text).toContain(`](https://github.com/backend-perf/eslint-plugin-backend-perf/blob/main/docs/guide.md#${item.anchor})`);
    expect(text).toContain('### Endpoints with the most findings');
    expect(text).toContain('| 2 | <code>POST /orders</code> |');
    expect(text).toContain('1 finding reached by no endpoint');
    expect(text).toContain('### Skipped 1 file');
  });
});

describe('json', () => {
  it('is the report with a schema version', () => {
    const parsed = JSON.parse(render('json'));
    expect(parsed.schemaVersion).toBe(1);
    expect(parsed.findings).toEqual(report.findings);
    expect(parsed.scorecard).toEqual(report.scorecard);
  });
});

describe('sarif', () => {
  const log = JSON.parse(render('sarif'));
  const run = log.runs[0];

  it('is valid SARIF 2.1.0', () => {
    expect(log.version).toBe('2.1.0');
    expect(sarifSchemaErrors(log)).toEqual([]);
  });

  it("lists every plugin rule with its guide item and whether it ran, and points results at them", () => {
    expect(run.tool.driver.rules.map((rule: { id: string }) => rule.id).sort()).toEqual(Object.keys(rules).map((name) => `backend-perf/${name}`).sort());
    for (const result of run.results) expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
    const n1 = run.tool.driver.rules.find((rule: { id: string }) => rule.id === 'backend-perf/no-n-plus-one');
    expect(n1.properties.guide).toBe('n-plus-one-queries');
    expect(n1.defaultConfiguration).toEqual({ level: 'warning', enabled: true });
    expect(n1.helpUri).toBe('https://github.com/backend-perf/eslint-plugin-backend-perf/blob/main/docs/rules/no-n-plus-one.md');
  });

  it('locates results relative to %SRCROOT% with encoded URIs, and names the endpoints that reach them', () => {
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe('file:///tmp/project%20with%20space/');
    const [first] = run.results;
    expect(first.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'src/my%20file.ts', uriBaseId: '%SRCROOT%' },
      region: { startLine: 3, startColumn: 5, endLine: 3, endColumn: 20 },
    });
    expect(first.message.text).toContain('(guide: Database › N+1 queries) Reached from GET /orders, POST /orders.');
    expect(first.relatedLocations).toHaveLength(2);
    expect(first.properties.endpoints).toEqual(['GET /orders', 'POST /orders']);
  });

  it('reports skipped files and notes as tool notifications', () => {
    const notifications = run.invocations[0].toolExecutionNotifications;
    expect(notifications.map((notification: { level: string }) => notification.level)).toEqual(['error', 'note']);
    expect(notifications[0].locations[0].physicalLocation.artifactLocation.uri).toBe('src/broken.ts');
  });
});

describe('html', () => {
  const text = render('html');

  it('is one self-contained page: no scripts, no external resources', () => {
    expect(text.startsWith('<!doctype html>')).toBe(true);
    expect(text).not.toMatch(/<script/i);
    expect(text).not.toMatch(/\ssrc=/i);
    expect(text).not.toMatch(/<link/i);
    expect(text).toContain("Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\"");
    for (const [, href] of text.matchAll(/href="([^"]*)"/g)) expect(href).toMatch(/^https:\/\//);
  });

  it('escapes user text and shows the scorecard, endpoints and findings', () => {
    expect(text).toContain('Query &lt;script&gt;alert(1)&lt;/script&gt;');
    for (const item of GUIDE_ITEMS) expect(text).toContain(`#${item.anchor}"`);
    expect(text).toContain('<code>listOrders</code><br><span class="muted">src/orders/list.ts:7:1</span>');
    expect(text).toContain('Skipped 1 file');
  });
});

/**
 * `backend-perf audit` from the command line: options, exit statuses (0 within --max-warnings, 1 above,
 * 2 for usage and configuration errors), clear messages, a broken file reported and skipped, a project
 * without tsconfig, the project's own ESLint config, and the installed bin entry.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, main, type CliIo } from '../../src/audit/cli';
import { FIXTURE_TSCONFIG, fixtureProject, removeFixtureProjects, REPO_ROOT } from './helpers';
import { sarifSchemaErrors } from './sarif-schema';

const BIN = path.join(REPO_ROOT, 'bin', 'backend-perf.js');
const BUILT_PLUGIN = path.join(REPO_ROOT, 'dist', 'src', 'index.js');

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

async function run(args: string[], cwd = REPO_ROOT): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    cwd,
    env: {},
  };
  const status = await main(args, io);
  return { status, stdout, stderr };
}

// A Prisma N+1 the untyped rules see by import tracking, a clean file, and a file that does not parse.
const SOURCES = {
  'src/orders.ts': `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function customersOf(orderIds: number[]) {
  const customers = [];
  for (const id of orderIds) {
    customers.push(await prisma.order.findUnique({ where: { id }, include: { user: true } }));
  }
  return customers;
}
`,
  'src/clean.ts': `export const add = (a: number, b: number): number => a + b;\n`,
  'src/broken.ts': `export function broken( {\n  return 1;\n}\n`,
};

afterAll(removeFixtureProjects);

describe('usage', () => {
  it('prints help and the version', async () => {
    const help = await run(['--help']);
    expect(help.status).toBe(EXIT_OK);
    expect(help.stdout).toContain('Usage: backend-perf audit [paths...] [options]');
    expect(help.stdout).toContain('--max-warnings <n>');
    const version = await run(['--version']);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).version);
  });

  it.each([
    [['audit', '--frobnicate'], "Unknown option '--frobnicate'"],
    [['lint'], "unknown command 'lint'"],
    [[], 'missing command'],
    [['audit', '--format', 'xml'], "unknown format 'xml' (one of terminal, markdown, json, sarif, html)"],
    [['audit', '--preset', 'lenient'], "unknown preset 'lenient'"],
    [['audit', '--max-warnings', 'few'], "--max-warnings needs a whole number, not 'few'"],
    [['audit', 'no/such/dir'], 'No such file or directory: '],
    [['audit', 'examples', '--tsconfig', 'examples/tsconfig.missing.json'], 'tsconfig not found: examples/tsconfig.missing.json'],
    [['audit', '--eslint-config', '--preset', 'strict'], 'cannot be combined with --preset'],
    [['audit', 'README.md'], 'Not a JavaScript or TypeScript source file'],
  ])('%j exits 2 with a clear message', async (args, message) => {
    const result = await run(args);
    expect(result.status).toBe(EXIT_USAGE);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('Run `backend-perf audit --help` for usage.');
    expect(result.stdout).toBe('');
  });
});

describe('a project without tsconfig, with a file that does not parse', () => {
  let dir: string;
  let report: { findings: { file: string; line: number; ruleId: string }[]; skipped: { file: string; message: string }[]; notes: string[]; run: { typed: boolean; files: number } };
  let first: Run;

  beforeAll(async () => {
    dir = fixtureProject(SOURCES, { tsconfig: false });
    first = await run(['audit', 'src', '--format', 'json', '--max-warnings', '0'], dir);
    report = JSON.parse(first.stdout);
  });

  it('lints without type information and says why', () => {
    expect(report.run.typed).toBe(false);
    expect(report.notes.join('\n')).toContain('No tsconfig.json found at or above src');
  });

  it('reports the broken file as skipped and lints the others', () => {
    expect(report.skipped).toEqual([expect.objectContaining({ file: 'src/broken.ts', message: expect.stringContaining('Parsing error') })]);
    expect(first.stderr).toContain('skipped src/broken.ts: Parsing error');
    expect(report.run.files).toBe(2);
    expect(report.findings.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId}`)).toEqual(['src/orders.ts:6 backend-perf/no-n-plus-one']);
  });

  it('exits 1 when the findings exceed --max-warnings, 0 when they do not', async () => {
    expect(first.status).toBe(EXIT_FINDINGS);
    expect(first.stderr).toContain('1 finding(s), more than --max-warnings 0');
    const within = await run(['audit', 'src', '--format', 'markdown', '--max-warnings', '1'], dir);
    expect(within.status).toBe(EXIT_OK);
    expect(within.stdout).toContain('## backend-perf audit');
  });

  it('writes the report to --output and says so on stderr', async () => {
    const result = await run(['audit', 'src', '--format', 'html', '--output', 'reports/audit.html'], dir);
    expect(result.status).toBe(EXIT_OK);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('html report written to reports/audit.html');
    expect(readFileSync(path.join(dir, 'reports', 'audit.html'), 'utf8')).toContain('<!doctype html>');
  });

  it('skips files matching --ignore', async () => {
    const result = await run(['audit', 'src', '--format', 'json', '--ignore', 'src/orders.ts'], dir);
    expect(JSON.parse(result.stdout).findings).toEqual([]);
  });
});

describe('a tsconfig with another name (--tsconfig)', () => {
  it('lints the files it covers with type information, the others without', async () => {
    const dir = fixtureProject({ 'src/orders.ts': SOURCES['src/orders.ts'], 'scripts/seed.js': 'export const seed = [];\n' }, { tsconfig: false });
    writeFileSync(path.join(dir, 'tsconfig.app.json'), JSON.stringify({ ...FIXTURE_TSCONFIG, include: ['src'] }));
    const result = await run(['audit', '.', '--tsconfig', 'tsconfig.app.json', '--format', 'json'], dir);
    expect(result.status, result.stderr).toBe(EXIT_OK);
    const report = JSON.parse(result.stdout);
    expect(report.run).toMatchObject({ typed: true, files: 2, presets: ['recommended-type-checked', 'recommended'] });
    expect(report.skipped).toEqual([]);
    expect(report.findings.map((finding: { ruleId: string }) => finding.ruleId)).toEqual(['backend-perf/no-n-plus-one']);
  });
});

describe("with the project's own ESLint config (--eslint-config)", () => {
  beforeAll(() => {
    if (!existsSync(BUILT_PLUGIN)) throw new Error(`${BUILT_PLUGIN} is missing: run \`npm run build\` first (npm test does).`);
  });

  it('runs the rules the config turns on, and the scorecard says which ones ran', async () => {
    const dir = fixtureProject({
      ...SOURCES,
      'eslint.config.mjs': `import tseslint from 'typescript-eslint';
import backendPerf from ${JSON.stringify(BUILT_PLUGIN)};
export default [
  { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser }, plugins: { 'backend-perf': backendPerf } },
  { files: ['**/*.ts'], rules: { 'backend-perf/no-n-plus-one': 'error' } },
];
`,
    }, { tsconfig: false });
    const result = await run(['audit', 'src', '--eslint-config', '--format', 'json'], dir);
    expect(result.status).toBe(EXIT_OK);
    const report = JSON.parse(result.stdout);
    expect(report.run.presets).toEqual(['eslint-config']);
    expect(report.findings.map((finding: { ruleId: string }) => finding.ruleId)).toEqual(['backend-perf/no-n-plus-one']);
    const items = report.scorecard.flatMap((section: { items: { anchor: string; status: string }[] }) => section.items);
    expect(items.find((item: { anchor: string }) => item.anchor === 'n-plus-one-queries').status).toBe('checked');
    expect(items.find((item: { anchor: string }) => item.anchor === 'timeouts').status).toBe('not-enabled');
  });

  it('exits 2 when the config does not load', async () => {
    const dir = fixtureProject({ ...SOURCES, 'eslint.config.mjs': `import missing from './no-such-module.mjs';\nexport default [missing];\n` }, { tsconfig: false });
    const result = await run(['audit', 'src', '--eslint-config'], dir);
    expect(result.status).toBe(EXIT_USAGE);
    expect(result.stderr).toContain("Cannot load the project's ESLint config");
  });
});

describe('the bin entry', () => {
  beforeAll(() => {
    if (!existsSync(BUILT_PLUGIN)) throw new Error(`${BUILT_PLUGIN} is missing: run \`npm run build\` first (npm test does).`);
  });

  it('runs the built CLI: SARIF on stdout, exit statuses passed through', () => {
    const dir = fixtureProject(SOURCES, { tsconfig: false });
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'bin-fixture', private: true }));
    const sarif = spawnSync(process.execPath, [BIN, 'audit', 'src', '--format', 'sarif', '--max-warnings', '0'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    expect(sarif.status, sarif.stderr).toBe(EXIT_FINDINGS);
    const log = JSON.parse(sarif.stdout);
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(log.runs[0].results.map((result: { ruleId: string }) => result.ruleId)).toEqual(['backend-perf/no-n-plus-one']);

    const unknown = spawnSync(process.execPath, [BIN, 'audit', '--nope'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(unknown.status).toBe(EXIT_USAGE);
    expect(unknown.stderr).toContain("Unknown option '--nope'");
  });
});

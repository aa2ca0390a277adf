/**
 * Pre-commit hooks, end to end, in temporary git repositories: a commit that stages an N+1 query is
 * refused, and goes through once the query is fixed.
 * - The pre-commit framework: the hook of .pre-commit-hooks.yaml, taken from a git repository the way
 *   users reference ours, installed with `pre-commit install`. Skipped (with the reason) when the
 *   `pre-commit` command is not installed; nothing is downloaded (the hook is `language: system`).
 * - husky + lint-staged, as README.md's recipe: the git hook it boils down to, ESLint with
 *   `--max-warnings 0` on the staged files.
 * The projects use this repository's build through a node_modules link, so run `npm run build` first.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const BUILT_ENTRY = path.join(REPO_ROOT, 'dist', 'src', 'index.js');
const TIMEOUT_MS = 180_000;

const N_PLUS_ONE = `import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export async function customersOf(orderIds: number[]) {
  const customers = [];
  for (const id of orderIds) {
    customers.push(await prisma.order.findUnique({ where: { id }, include: { user: true } }));
  }
  return customers;
}
`;

const FIXED = `import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export async function customersOf(orderIds: number[]) {
  return prisma.order.findMany({ where: { id: { in: orderIds } }, include: { user: true } });
}
`;

const ESLINT_CONFIG = `import backendPerf from 'eslint-plugin-backend-perf';
import tseslint from 'typescript-eslint';

export default [
  { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } },
  backendPerf.configs.recommended,
];
`;

function commandWorks(command: string, args: string[]): boolean {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  return !result.error && result.status === 0;
}

const HAS_GIT = commandWorks('git', ['--version']);
const HAS_PRE_COMMIT = commandWorks('pre-commit', ['--version']);

let tempRoot: string;
let environment: NodeJS.ProcessEnv;

/** Git identity and pre-commit's cache kept inside the temporary folder; ESLint switches cleared. */
function testEnvironment(root: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('ESLINT_') && !key.startsWith('GIT_')));
  return {
    ...env,
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.invalid',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.invalid',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: path.join(root, 'gitconfig'),
    PRE_COMMIT_HOME: path.join(root, 'pre-commit-cache'),
    npm_config_yes: 'false',
    npm_config_update_notifier: 'false',
  };
}

function run(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd, env: environment, encoding: 'utf8', timeout: TIMEOUT_MS });
  if (result.error) throw result.error;
  return result;
}

function git(cwd: string, ...args: string[]): string {
  const result = run('git', args, cwd);
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed:\n${result.stderr}${result.stdout}`);
  return result.stdout;
}

/** A project with the plugin and ESLint linked from this repository, a flat config, and a git repository. */
function createProject(name: string): string {
  const dir = path.join(tempRoot, name);
  mkdirSync(path.join(dir, 'src'), { recursive: true });
  mkdirSync(path.join(dir, 'node_modules', '.bin'), { recursive: true });
  const link = (pkg: string, target = path.join(REPO_ROOT, 'node_modules', pkg)) => {
    mkdirSync(path.dirname(path.join(dir, 'node_modules', pkg)), { recursive: true });
    symlinkSync(target, path.join(dir, 'node_modules', pkg), 'dir');
  };
  link('eslint-plugin-backend-perf', REPO_ROOT);
  link('eslint');
  link('typescript-eslint');
  link('typescript');
  symlinkSync(path.join('..', 'eslint', 'bin', 'eslint.js'), path.join(dir, 'node_modules', '.bin', 'eslint'));
  writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name, private: true, type: 'module', devDependencies: { eslint: '*', 'eslint-plugin-backend-perf': '*', 'typescript-eslint': '*' } }, null, 2),
  );
  writeFileSync(path.join(dir, 'eslint.config.mjs'), ESLINT_CONFIG);
  writeFileSync(path.join(dir, '.gitignore'), 'node_modules/\n');
  git(dir, 'init', '--quiet', '--initial-branch=main');
  return dir;
}

/** Stages `text` as src/orders.ts and tries to commit it. */
function commitOrders(dir: string, text: string, message: string): SpawnSyncReturns<string> {
  writeFileSync(path.join(dir, 'src', 'orders.ts'), text);
  git(dir, 'add', 'src/orders.ts');
  return run('git', ['commit', '--quiet', '-m', message], dir);
}

const commitCount = (dir: string) => Number(git(dir, 'rev-list', '--count', 'HEAD').trim());

beforeAll(() => {
  if (!existsSync(BUILT_ENTRY)) throw new Error(`${BUILT_ENTRY} is missing: run \`npm run build\` first (npm test does).`);
  tempRoot = mkdtempSync(path.join(os.tmpdir(), 'backend-perf-hooks-'));
  environment = testEnvironment(tempRoot);
  writeFileSync(path.join(tempRoot, 'gitconfig'), '[init]\n\tdefaultBranch = main\n');
});

afterAll(() => {
  if (tempRoot) rmSync(tempRoot, { recursive: true, force: true });
});

describe.skipIf(!HAS_GIT)('pre-commit hooks refuse a commit with an N+1 query', () => {
  it('the pre-commit framework, with the hook of .pre-commit-hooks.yaml', (context) => {
    if (!HAS_PRE_COMMIT) context.skip('the `pre-commit` command is not installed (Debian: apt-get install pre-commit)');
    // The hook repository, as users reference ours: a git repository with .pre-commit-hooks.yaml at a revision.
    const hooksRepo = path.join(tempRoot, 'hooks-repo');
    mkdirSync(hooksRepo);
    copyFileSync(path.join(REPO_ROOT, '.pre-commit-hooks.yaml'), path.join(hooksRepo, '.pre-commit-hooks.yaml'));
    git(hooksRepo, 'init', '--quiet', '--initial-branch=main');
    git(hooksRepo, 'add', '.pre-commit-hooks.yaml');
    git(hooksRepo, 'commit', '--quiet', '-m', 'hooks');
    const rev = git(hooksRepo, 'rev-parse', 'HEAD').trim();

    const dir = createProject('with-pre-commit');
    writeFileSync(
      path.join(dir, '.pre-commit-config.yaml'),
      `repos:\n  - repo: ${JSON.stringify(hooksRepo)}\n    rev: ${rev}\n    hooks:\n      - id: backend-perf\n`,
    );
    git(dir, 'add', '.');
    git(dir, 'commit', '--quiet', '--no-verify', '-m', 'initial');
    const install = run('pre-commit', ['install'], dir);
    expect(install.status, install.stderr + install.stdout).toBe(0);

    const refused = commitOrders(dir, N_PLUS_ONE, 'customers, one query per order');
    const refusedOutput = refused.stdout + refused.stderr;
    expect(refused.status, refusedOutput).not.toBe(0);
    expect(refusedOutput).toContain('backend-perf (ESLint)');
    expect(refusedOutput).toContain('Failed');
    expect(refusedOutput).toContain('backend-perf/no-n-plus-one');
    expect(refusedOutput).toContain('(guide: Database › N+1 queries)');
    expect(commitCount(dir)).toBe(1);

    const accepted = commitOrders(dir, FIXED, 'customers in one query');
    expect(accepted.status, accepted.stdout + accepted.stderr).toBe(0);
    expect(accepted.stdout + accepted.stderr).toContain('Passed');
    expect(commitCount(dir)).toBe(2);
  });

  it("husky + lint-staged (README's recipe): ESLint with --max-warnings 0 on the staged files", () => {
    const dir = createProject('with-git-hook');
    git(dir, 'add', '.');
    git(dir, 'commit', '--quiet', '-m', 'initial');
    // What `.husky/pre-commit` → `npx lint-staged` → `eslint --max-warnings 0 --no-warn-ignored <staged files>` runs.
    const hook = path.join(dir, '.git', 'hooks', 'pre-commit');
    writeFileSync(
      hook,
      [
        '#!/bin/sh',
        "staged=$(git diff --cached --name-only --diff-filter=ACMR -- '*.ts' '*.tsx' '*.mts' '*.cts' '*.js' '*.jsx' '*.mjs' '*.cjs')",
        '[ -z "$staged" ] && exit 0',
        'exec npx --no -- eslint --max-warnings 0 --no-warn-ignored $staged',
        '',
      ].join('\n'),
    );
    chmodSync(hook, 0o755);

    const refused = commitOrders(dir, N_PLUS_ONE, 'customers, one query per order');
    expect(refused.status, refused.stdout + refused.stderr).not.toBe(0);
    expect(refused.stdout + refused.stderr).toContain('backend-perf/no-n-plus-one');
    expect(refused.stdout + refused.stderr).toContain('ESLint found too many warnings (maximum: 0)');
    expect(commitCount(dir)).toBe(1);

    const accepted = commitOrders(dir, FIXED, 'customers in one query');
    expect(accepted.status, accepted.stdout + accepted.stderr).toBe(0);
    expect(commitCount(dir)).toBe(2);
  });
});

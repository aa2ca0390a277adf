import * as tsParser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inCommandLinePackage, isCommandLineManifest } from '../../src/analysis/package-manifest';
import { getRequestPath } from '../../src/analysis/request-path';

const CLI = new Set(['commander', 'inquirer', 'arg']);

describe('isCommandLineManifest', () => {
  it('knows a tool by its bin or its argument parser or prompt', () => {
    expect(isCommandLineManifest({ bin: 'dist/cli.js' }, CLI)).toBe(true);
    expect(isCommandLineManifest({ bin: { gen: 'dist/cli.js' }, dependencies: { typedoc: '1' } }, CLI)).toBe(true);
    expect(isCommandLineManifest({ dependencies: { inquirer: '9', chalk: '5' } }, CLI)).toBe(true);
    // Sibling packages of the monorepo are the project's own code, whatever their scope (Trigger.dev's CLI).
    expect(isCommandLineManifest({ bin: { trigger: 'dist/index.js' }, dependencies: { '@trigger.dev/core': 'workspace:4.5.12', commander: '9' } }, CLI)).toBe(true);
  });
  it('leaves packages with a server, worker or queue library, or with no sign of a tool', () => {
    expect(isCommandLineManifest({ bin: 'dist/main.js', dependencies: { express: '4' } }, CLI)).toBe(false);
    expect(isCommandLineManifest({ dependencies: { commander: '11', '@nestjs/core': '10' } }, CLI)).toBe(false);
    expect(isCommandLineManifest({ dependencies: { arg: '5' }, devDependencies: { fastify: '4' } }, CLI)).toBe(false);
    expect(isCommandLineManifest({ dependencies: { commander: '11', bullmq: '5' } }, CLI)).toBe(false);
    expect(isCommandLineManifest({ bin: 'dist/index.js', dependencies: { '@trigger.dev/sdk': '4.5.12' } }, CLI)).toBe(false);
    // A parser among the dev dependencies only (a test helper's), or nothing at all.
    expect(isCommandLineManifest({ devDependencies: { commander: '11' } }, CLI)).toBe(false);
    expect(isCommandLineManifest({}, CLI)).toBe(false);
    expect(isCommandLineManifest({ dependencies: { 'yargs-parser': '22', vue: '3' } }, CLI)).toBe(false);
    expect(isCommandLineManifest({ bin: '', dependencies: ['commander'] }, CLI)).toBe(false);
  });
});

/** A throw-away monorepo on disk. */
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-perf-manifest-'));
function write(relative: string, text: string) {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}
write('package.json', JSON.stringify({ name: 'app', bin: 'cli.js', dependencies: { commander: '11' } }));
write('admin/package.json', JSON.stringify({ name: '@app/admin', dependencies: { inquirer: '9', chalk: '5' } }));
write('apps/api/package.json', JSON.stringify({ name: '@app/api', dependencies: { express: '4', commander: '11' } }));
write('tooling/broken/package.json', '{ not json');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('inCommandLinePackage', () => {
  it('reads the nearest manifest strictly below the working directory', () => {
    expect(inCommandLinePackage(root, path.join(root, 'admin/src/utils/display.ts'), CLI)).toBe(true);
    expect(inCommandLinePackage(root, path.join(root, 'apps/api/src/routes/users.ts'), CLI)).toBe(false);
    // The root manifest describes the whole project; a broken one says nothing; outside the project, nothing either.
    expect(inCommandLinePackage(root, path.join(root, 'src/server.ts'), CLI)).toBeUndefined();
    expect(inCommandLinePackage(root, path.join(root, 'tooling/broken/src/a.ts'), CLI)).toBe(false);
    expect(inCommandLinePackage(root, path.join(os.tmpdir(), 'elsewhere/a.ts'), CLI)).toBeUndefined();
    expect(inCommandLinePackage(root, '<input>', CLI)).toBeUndefined();
  });
});

describe('request path of a file in a command-line package', () => {
  const probe: TSESLint.RuleModule<'where'> = {
    defaultOptions: [],
    meta: { type: 'problem', schema: [], messages: { where: '{{where}}' } },
    create(context) {
      const requestPath = getRequestPath(context);
      return {
        'CallExpression[callee.name="here"]'(node: TSESTree.CallExpression) {
          const { onRequestPath, reason } = requestPath.classify(node);
          context.report({ node, messageId: 'where', data: { where: `${onRequestPath ? 'on' : 'off'}:${reason}` } });
        },
      };
    },
  };
  const linter = new Linter({ cwd: root, configType: 'flat' });
  const where = (filename: string) =>
    linter
      .verify(`export function display(org: { name: string }) { here(org); }`, [{ files: ['**/*.ts'], languageOptions: { parser: tsParser }, plugins: { p: { rules: { where: probe as never } } }, rules: { 'p/where': 'error' } }], { filename: path.join(root, filename) })
      .map((message) => message.message);

  it('is a script when its package is only a tool', () => {
    expect(where('admin/src/utils/display.ts')).toEqual(['off:cli-script']);
  });
  it('stays server code in a package with a server, and in the project root', () => {
    expect(where('apps/api/src/display.ts')).toEqual(['on:server-function']);
    expect(where('src/display.ts')).toEqual(['on:server-function']);
  });
});

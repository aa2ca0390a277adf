import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import noNPlusOne from '../../rules/no-n-plus-one';
import { pathAliasesFor, stripJsonComments } from '../../src/analysis/path-aliases';

// `compilerOptions.paths` name folders of the project the way packages are named (Outline's `@server/models`).

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-perf-aliases-'));
function write(relative: string, text: string) {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}
write('package.json', JSON.stringify({ name: 'app', dependencies: { sequelize: '6', 'sequelize-typescript': '2' } }));
write(
  'tsconfig.json',
  `{
  // Comments and trailing commas, as tsconfig files allow.
  "compilerOptions": {
    "paths": {
      "@server/*": ["./server/*"], /* the back end */
      "@shared/*": ["./shared/*",],
      "config": ["./server/config.ts"],
      "vite": ["./node_modules/vite/dist/node/index.d.ts"],
      "*": ["./types/*"],
    },
  },
}`,
);
write('packages/worker/tsconfig.json', JSON.stringify({ extends: '../../tsconfig.base', compilerOptions: { outDir: 'dist' } }));
write('tsconfig.base.json', JSON.stringify({ compilerOptions: { paths: { '@libs/*': ['./libs/*'] } } }));
write('tools/tsconfig.json', '{ "compilerOptions": { "strict": true } }');
write('broken/tsconfig.json', '{ "compilerOptions": ');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('stripJsonComments', () => {
  it('drops comments and trailing commas, and keeps strings whole', () => {
    expect(JSON.parse(stripJsonComments('{ "a": "x // y", "b": [1, 2, ], /* c */ "d": "/* e */", }'))).toEqual({ a: 'x // y', b: [1, 2], d: '/* e */' });
    expect(JSON.parse(stripJsonComments('{ "a": "quote \\" // inside", // end\n "b": 1 }'))).toEqual({ a: 'quote " // inside', b: 1 });
  });
  it('takes linear time on long runs of commas, spaces and slashes', () => {
    const text = `[${'1, '.repeat(100_000)}1]`;
    expect(JSON.parse(stripJsonComments(text))).toHaveLength(100_001);
    expect(() => stripJsonComments('/'.repeat(200_000) + ','.repeat(200_000))).not.toThrow();
  });
});

describe('pathAliasesFor', () => {
  it("reads the nearest config's paths: prefixes of star keys, whole keys, not a package's own files nor a bare star", () => {
    const aliases = pathAliasesFor(root, path.join(root, 'server/routes/users.ts'));
    expect(aliases.prefixes).toEqual(['@server/', '@shared/']);
    expect([...aliases.exact]).toEqual(['config']);
  });
  it('follows one relative extends, and finds nothing in a config without paths, a broken one, or outside the working directory', () => {
    expect(pathAliasesFor(root, path.join(root, 'packages/worker/src/job.ts')).prefixes).toEqual(['@libs/']);
    expect(pathAliasesFor(root, path.join(root, 'tools/build.ts')).prefixes).toEqual([]);
    expect(pathAliasesFor(root, path.join(root, 'broken/a.ts')).prefixes).toEqual([]);
    expect(pathAliasesFor(path.join(root, 'server'), path.join(root, 'shared/a.ts')).prefixes).toEqual([]);
  });
});

describe('models imported through a path alias', () => {
  const linter = new Linter({ cwd: root, configType: 'flat' });
  const lint = (code: string, filename: string) =>
    linter
      .verify(code, [{ files: ['**/*.ts'], languageOptions: { parser: tsParser }, plugins: { p: { rules: { n: noNPlusOne as never } } }, rules: { 'p/n': 'error' } }], { filename: path.join(root, filename) })
      .map((message) => message.ruleId);
  const code = (source: string) => `import { Document } from '${source}';
export async function titles(ids: string[]) { const out = []; for (const id of ids) out.push(await Document.findByPk(id)); return out; }`;

  it('is a model of the project, as if imported by a relative path', () => {
    expect(lint(code('../models'), 'server/routes/a.ts')).toEqual(['p/n']);
    expect(lint(code('@server/models'), 'server/routes/a.ts')).toEqual(['p/n']);
  });
  it('is a package where no config names the alias', () => {
    expect(lint(code('@server/models'), 'tools/a.ts')).toEqual([]);
  });

  // A constant list of another module (by the naming convention) is fixed: one query per entry is no N+1.
  const perRole = (source: string) => `import { Document } from '../models'; import { DEFAULT_ROLES } from '${source}';
export async function addRoles(teamId: string) { for (const role of DEFAULT_ROLES) await Document.findOrCreate({ where: { teamId, role } }); }`;
  it("reads a constant imported through an alias as the project's, like a relative import", () => {
    expect(lint(perRole('../constants'), 'server/routes/a.ts')).toEqual([]);
    expect(lint(perRole('@shared/constants'), 'server/routes/a.ts')).toEqual([]);
    expect(lint(perRole('@acme/roles'), 'server/routes/a.ts')).toEqual(['p/n']);
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as parser from '@typescript-eslint/parser';
import type { TSESTree } from '@typescript-eslint/utils';
import { afterAll, describe, expect, it } from 'vitest';
import { exportedConst, exportsFewValuedType, exportsFixedList, exportsFixedListFunction, usesOnlyInProcessSqlite, type ModuleParser } from '../../src/analysis/module-files';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

/** A fresh project of `files` (the memos are keyed by path), and a parser that lists the files it reads. */
function project(files: Record<string, string>): { cwd: string; parse: ModuleParser; parsed: string[] } {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-perf-module-files-'));
  folders.push(cwd);
  for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(cwd, file), text);
  const parsed: string[] = [];
  const parse: ModuleParser = (file, text) => {
    parsed.push(path.relative(cwd, file));
    return parser.parse(text, { ecmaVersion: 'latest', sourceType: 'module', filePath: file, range: true, loc: true }) as TSESTree.Program;
  };
  return { cwd, parse, parsed };
}

describe('exportsFewValuedType', () => {
  it('stops at the module behind an `export *` that declares the name as something else, and reads no further modules', () => {
    // Langfuse's tableDefinitions barrel: `ColumnDefinition` is an object type of `types.ts`; the table modules after it are large.
    const { cwd, parse, parsed } = project({
      'index.ts': "export * from './views';\nexport * from './types';\nexport * from './usersTable';\n",
      'views.ts': "import type { ColumnDefinition } from './types';\nexport const views: ColumnDefinition[] = [];\n",
      'types.ts': 'export type ColumnDefinition = { name: string; id: string };\n',
      'usersTable.ts': "import type { ColumnDefinition } from './types';\nexport type ColumnDefinition2 = 'a' | 'b';\nexport const usersTable: ColumnDefinition[] = [];\n",
    });
    expect(exportsFewValuedType(cwd, parse, path.join(cwd, 'index.ts'), 'ColumnDefinition')).toBe(false);
    expect(parsed).toEqual(['index.ts', 'views.ts', 'types.ts']);
  });

  it('looks past a module that only imports the name', () => {
    const { cwd, parse } = project({
      'index.ts': "export * from './rows';\nexport * from './plan';\n",
      'rows.ts': "import type { Plan } from './plan';\nexport interface Row { plan: Plan }\n",
      'plan.ts': "export type Plan = 'free' | 'pro' | null;\n",
    });
    expect(exportsFewValuedType(cwd, parse, path.join(cwd, 'index.ts'), 'Plan')).toBe(true);
  });

  it('answers from the text alone for a module that declares the name as an alias of something else', () => {
    // Langfuse's `IngestionEventType = z.infer<…>`, in a module of 27 kB that also re-exports names.
    const { cwd, parse, parsed } = project({
      'types.ts': "import { z } from 'zod';\nexport { helper } from './helper';\nconst event = z.object({ id: z.string() });\nexport type IngestionEventType = z.infer<typeof event>;\nexport type Pair<T> = [T, T];\n",
    });
    expect(exportsFewValuedType(cwd, parse, path.join(cwd, 'types.ts'), 'IngestionEventType')).toBe(false);
    expect(exportsFewValuedType(cwd, parse, path.join(cwd, 'types.ts'), 'Pair')).toBe(false);
    expect(parsed).toEqual([]);
  });

  it('parses a module whose alias of the name starts with a literal, on any line, and looks past longer names', () => {
    const { cwd, parse } = project({
      'plan.ts': "export type Plan =\n  | 'free'\n  | 'pro';\nexport type Flag = true | false;\nexport type Level = -1 | 0 | 1;\n",
      'index.ts': "export type PlanName = string;\nexport * from './plan';\n",
    });
    expect(exportsFewValuedType(cwd, parse, path.join(cwd, 'plan.ts'), 'Plan')).toBe(true);
    expect(exportsFewValuedType(cwd, parse, path.join(cwd, 'plan.ts'), 'Flag')).toBe(true);
    expect(exportsFewValuedType(cwd, parse, path.join(cwd, 'plan.ts'), 'Level')).toBe(true);
    expect(exportsFewValuedType(cwd, parse, path.join(cwd, 'index.ts'), 'Plan')).toBe(true);
  });

  it('ends at a local declaration exported by name (`export { Row }`), whatever it is', () => {
    const { cwd, parse, parsed } = project({
      'index.ts': "interface Row { id: string }\nexport { Row };\nexport * from './more';\n",
      'more.ts': "export type Row = 'a' | 'b';\n",
    });
    expect(exportsFewValuedType(cwd, parse, path.join(cwd, 'index.ts'), 'Row')).toBe(false);
    expect(parsed).toEqual(['index.ts']);
  });
});

describe('exportedConst', () => {
  it('finds a const behind `export *` past modules that declare other names', () => {
    const { cwd, parse } = project({
      'index.ts': "export * from './helpers';\nexport * from './tables';\n",
      'helpers.ts': 'export function users() { return 1; }\nexport let counter = 0;\n',
      'tables.ts': "export const roles = ['admin', 'member'];\n",
    });
    expect(exportedConst(cwd, parse, path.join(cwd, 'index.ts'), 'roles')?.file).toBe(path.join(cwd, 'tables.ts'));
    expect(exportedConst(cwd, parse, path.join(cwd, 'index.ts'), 'counter')).toBeUndefined();
    expect(exportedConst(cwd, parse, path.join(cwd, 'index.ts'), 'users')).toBeUndefined();
  });
});

describe('exportsFixedListFunction', () => {
  it('knows a function whose every return is an array literal, declared or as a const, behind re-exports', () => {
    // Trigger.dev's `emailLookupCandidates`: the address as sent and, when it differs, its lowercased form.
    const { cwd, parse } = project({
      'index.ts': "export * from './candidates';\n",
      'candidates.ts': [
        'export function emailCandidates(email: string): string[] { const lower = email.toLowerCase(); if (!email) return []; return email === lower ? [email] : [email, lower]; }',
        "export const regions = (eu: boolean) => (eu ? ['eu-west-1', 'eu-central-1'] : ['us-east-1']);",
        'export function spread(list: string[]) { return [...list, "x"]; }',
        'export function passThrough(list: string[]) { if (!list.length) return []; return list; }',
        'export async function later() { return ["a"]; }',
        'export function nothing() { console.log("x"); }',
      ].join('\n'),
    });
    const index = path.join(cwd, 'index.ts');
    expect(exportsFixedListFunction(cwd, parse, index, 'emailCandidates')).toBe(true);
    expect(exportsFixedListFunction(cwd, parse, index, 'regions')).toBe(true);
    for (const name of ['spread', 'passThrough', 'later', 'nothing', 'missing']) expect(exportsFixedListFunction(cwd, parse, index, name)).toBe(false);
  });
});

describe('exportsFixedList', () => {
  it('knows an exported array literal its module never grows, whatever the case of its name, behind re-exports', () => {
    const { cwd, parse } = project({
      'index.ts': "export * from './columns';\nexport { renamed as aliased } from './columns';\n",
      'columns.ts': [
        "export const fixedFields = ['name', 'status'] as const;",
        "export const objects: { name: string }[] = [{ name: 'a' }];",
        "const renamed = ['x', 'y'];",
        'export { renamed };',
        "export const grown = ['a'];",
        'export function add(field: string) { grown.push(field); }',
        "export const mygrowth = ['a'];",
        "const notmygrowth = ['b']; notmygrowth.push('c');",
        "export const copied = [...fixedFields, 'extra'];",
        'export const empty: string[] = [];',
        "export let mutable = ['a'];",
        "export const call = ['a'].concat(['b']);",
        `export const catalogue = [${Array.from({ length: 51 }, (_, index) => `'m${index}'`).join(', ')}];`,
      ].join('\n'),
    });
    const index = path.join(cwd, 'index.ts');
    for (const name of ['fixedFields', 'objects', 'aliased', 'mygrowth']) expect(exportsFixedList(cwd, parse, index, name), name).toBe(true);
    for (const name of ['grown', 'copied', 'empty', 'mutable', 'call', 'catalogue', 'missing']) expect(exportsFixedList(cwd, parse, index, name), name).toBe(false);
  });
});

describe('usesOnlyInProcessSqlite', () => {
  /** A workspace of `manifests` (folder to package.json contents). */
  function workspace(manifests: Record<string, object>): string {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-perf-sqlite-'));
    folders.push(cwd);
    for (const [folder, manifest] of Object.entries(manifests)) {
      fs.mkdirSync(path.join(cwd, folder), { recursive: true });
      fs.writeFileSync(path.join(cwd, folder, 'package.json'), JSON.stringify(manifest));
    }
    return cwd;
  }

  it("reads the package's and its sibling packages' drivers", () => {
    // Karakeep: the tRPC package depends on the db package, which runs better-sqlite3 in the process.
    const karakeep = workspace({ 'packages/db': { name: '@k/db', dependencies: { 'better-sqlite3': '11', 'drizzle-orm': '0.45' } }, 'packages/trpc': { name: '@k/trpc', dependencies: { '@k/db': 'workspace:*' } } });
    expect(usesOnlyInProcessSqlite(karakeep, path.join(karakeep, 'packages/trpc/models/lists.ts'))).toBe(true);
    expect(usesOnlyInProcessSqlite(karakeep, path.join(karakeep, 'packages/db/index.ts'))).toBe(true);
  });

  it('leaves projects that may run on a server database, or name no driver', () => {
    // Homarr: SQLite, MySQL or Postgres, as configured.
    const homarr = workspace({ 'packages/db': { name: '@h/db', dependencies: { 'better-sqlite3': '11', mysql2: '3', pg: '8' } }, 'packages/api': { name: '@h/api', dependencies: { '@h/db': 'workspace:*' } } });
    expect(usesOnlyInProcessSqlite(homarr, path.join(homarr, 'packages/api/router.ts'))).toBe(false);
    const plain = workspace({ app: { name: 'app', dependencies: { 'drizzle-orm': '0.45' } } });
    expect(usesOnlyInProcessSqlite(plain, path.join(plain, 'app/src/a.ts'))).toBe(false);
  });
});

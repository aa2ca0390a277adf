import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as parser from '@typescript-eslint/parser';
import type { TSESTree } from '@typescript-eslint/utils';
import { afterAll, describe, expect, it } from 'vitest';
import { tableKeysOf } from '../../src/analysis/drizzle-schema';
import { exportedConst, resolveProjectModule, type ModuleParser } from '../../src/analysis/module-files';
import { makeDrizzleSchemaProject } from './drizzle-schema-project';

const parse: ModuleParser = (file, text) => {
  try {
    return parser.parse(text, { ecmaVersion: 'latest', sourceType: 'module', filePath: file, range: true, loc: true }) as TSESTree.Program;
  } catch {
    return undefined;
  }
};

/** The keys of the table `source` defines as its last statement's initializer. */
function keysOf(source: string): { fields: string[]; compounds: string[][] } | undefined {
  const program = parse('schema.ts', source)!;
  const last = program.body.at(-1) as TSESTree.VariableDeclaration;
  const keys = tableKeysOf(last.declarations[0].init!);
  return keys && { fields: [...keys.fields].sort(), compounds: keys.compounds.map((key) => [...key]) };
}

describe('tableKeysOf', () => {
  it('reads unique and primary key columns, and the extra configuration’s keys in both forms', () => {
    expect(keysOf(`const t = pgTable('t', { id: serial('id').primaryKey(), email: text('email').notNull().unique(), name: text('name') });`)).toEqual({ fields: ['email', 'id'], compounds: [] });
    expect(keysOf(`const t = mysqlTable('t', { a: int('a'), b: int('b'), c: int('c') }, (t) => [primaryKey({ columns: [t.a, t.b] }), unique().on(t.c).nullsNotDistinct()]);`)).toEqual({ fields: ['c'], compounds: [['a', 'b']] });
    expect(keysOf(`const t = sqliteTable('t', (c) => ({ a: c.integer(), b: c.text() }), (t) => ({ pk: primaryKey(t.a, t.b), byB: uniqueIndex('b').on(t.b) }));`)).toEqual({ fields: ['b'], compounds: [['a', 'b']] });
    expect(keysOf(`const t = createTable('t', { 'quoted': text('q').unique() });`)).toEqual({ fields: ['quoted'], compounds: [] });
    expect(keysOf(`const t = mySchema.table('t', { id: uuid('id').primaryKey() });`)).toEqual({ fields: ['id'], compounds: [] });
  });

  it('leaves out partial and plain indexes, references and anything not a table', () => {
    expect(keysOf(`const t = pgTable('t', { a: text('a'), b: text('b').references(() => other.id) }, (t) => [uniqueIndex('a').on(t.a).where(sql\`a <> ''\`), index('b').on(t.a, t.b), unique().on(sql\`lower(a)\`)]);`)).toEqual({ fields: [], compounds: [] });
    expect(keysOf(`const t = relations(users, ({ many }) => ({ posts: many(posts) }));`)).toBeUndefined();
    expect(keysOf(`const t = pgTable('t');`)).toBeUndefined();
  });
});

describe('module files', () => {
  const root = makeDrizzleSchemaProject();
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  // A published package in node_modules, and a workspace link to the db package, as an install leaves them.
  write('node_modules/published-orm/package.json', JSON.stringify({ name: 'published-orm', main: 'index.js' }));
  write('node_modules/published-orm/index.js', 'export const users = pgTable("users", { id: serial("id").primaryKey() });\n');
  fs.mkdirSync(path.join(root, 'apps/api/node_modules/@linked'), { recursive: true });
  fs.symlinkSync(path.join(root, 'packages/db'), path.join(root, 'apps/api/node_modules/@linked/db'));
  // ESM-style relative imports, a built entry whose sources sit in src/, and a cycle of barrels.
  write('apps/api/src/tables.ts', 'export const t = 1;\n');
  write('packages/built/package.json', JSON.stringify({ name: '@acme/built', main: 'dist/index.js', types: 'dist/index.d.ts' }));
  write('packages/built/src/index.ts', 'export const built = pgTable("built", { id: serial("id").primaryKey() });\n');
  write('packages/cycle/a.ts', `export * from './b';\n`);
  write('packages/cycle/b.ts', `export * from './a';\n`);
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  const from = path.join(root, 'apps/api/src/routes.ts');

  it('resolves relative specifiers, TypeScript ESM spellings and folder indexes', () => {
    expect(resolveProjectModule(root, from, './tables.js')).toBe(path.join(root, 'apps/api/src/tables.ts'));
    expect(resolveProjectModule(root, from, './tables')).toBe(path.join(root, 'apps/api/src/tables.ts'));
    expect(resolveProjectModule(root, from, '../../../packages/db/src/schema/pages')).toBe(path.join(root, 'packages/db/src/schema/pages/index.ts'));
    expect(resolveProjectModule(root, from, './missing')).toBeUndefined();
  });

  it('resolves workspace packages by manifest or link, never a published package', () => {
    expect(resolveProjectModule(root, from, '@acme/db')).toBe(path.join(root, 'packages/db/src/index.ts'));
    expect(resolveProjectModule(root, from, '@acme/db/schema')).toBe(path.join(root, 'packages/db/src/schema/index.ts'));
    expect(resolveProjectModule(root, from, '@acme/db/src/schema/monitor_status')).toBe(path.join(root, 'packages/db/src/schema/monitor_status.ts'));
    expect(resolveProjectModule(root, from, '@linked/db/src/schema')).toBe(path.join(fs.realpathSync(root), 'packages/db/src/schema/index.ts'));
    expect(resolveProjectModule(root, from, '@acme/built')).toBe(path.join(root, 'packages/built/src/index.ts'));
    expect(resolveProjectModule(root, from, 'published-orm')).toBeUndefined();
    expect(resolveProjectModule(root, from, 'node:fs')).toBeUndefined();
  });

  it('follows re-exports to the const, and gives up on cycles, parse errors and namespaces', () => {
    const schema = path.join(root, 'packages/db/src/schema/index.ts');
    const found = exportedConst(root, parse, schema, 'uptimeByMonth');
    expect(found?.file).toBe(path.join(root, 'packages/db/src/schema/uptime.ts'));
    expect(found && tableKeysOf(found.init)?.compounds).toEqual([['monitorId', 'month']]);
    expect(exportedConst(root, parse, schema, 'pageComponent')?.file).toBe(path.join(root, 'packages/db/src/schema/pages/pages.ts'));
    expect(exportedConst(root, parse, schema, 'broken')).toBeUndefined();
    expect(exportedConst(root, parse, schema, 'nothing')).toBeUndefined();
    expect(exportedConst(root, parse, path.join(root, 'packages/cycle/a.ts'), 'anything')).toBeUndefined();
  });
});

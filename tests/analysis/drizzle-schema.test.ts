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
    // drizzle-kit's introspected form (Dittofeed's schema): the columns of `.using(method, …)`, with their options.
    expect(keysOf(`const t = pgTable('t', { w: uuid('w'), name: text('name') }, (table) => [uniqueIndex('t_w_name_key').using('btree', table.w.asc().nullsLast().op('uuid_ops'), table.name.asc().nullsLast().op('text_ops'))]);`)).toEqual({ fields: [], compounds: [['w', 'name']] });
  });

  it('leaves out partial and plain indexes, references and anything not a table', () => {
    expect(keysOf(`const t = pgTable('t', { a: text('a'), b: text('b').references(() => other.id) }, (t) => [uniqueIndex('a').on(t.a).where(sql\`a <> ''\`), index('b').on(t.a, t.b), unique().on(sql\`lower(a)\`)]);`)).toEqual({ fields: [], compounds: [] });
    expect(keysOf(`const t = pgTable('t', { a: text('a') }, (t) => [index('a').using('btree', t.a.asc()), uniqueIndex('l').using('btree', sql\`lower(a)\`), uniqueIndex('p').using('btree', t.a.asc()).where(sql\`a <> ''\`)]);`)).toEqual({ fields: [], compounds: [] });
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

  it("resolves the nearest tsconfig's path aliases, relative to its baseUrl or its own folder", () => {
    // create-t3-app's `~/*`, a whole-key alias, and a star target without an extension.
    write('apps/web/tsconfig.json', `{ "compilerOptions": { "paths": { "~/*": ["./src/*"], "@db": ["../../packages/db/src/index.ts"], "#gen/*": ["./generated/*.ts"] } } // t3\n}`);
    write('apps/web/src/server/db/schema.ts', 'export const post = 1;\n');
    write('apps/web/generated/client.ts', 'export const client = 1;\n');
    const fromWeb = path.join(root, 'apps/web/src/app/page.ts');
    expect(resolveProjectModule(root, fromWeb, '~/server/db/schema')).toBe(path.join(root, 'apps/web/src/server/db/schema.ts'));
    expect(resolveProjectModule(root, fromWeb, '@db')).toBe(path.join(root, 'packages/db/src/index.ts'));
    expect(resolveProjectModule(root, fromWeb, '#gen/client')).toBe(path.join(root, 'apps/web/generated/client.ts'));
    expect(resolveProjectModule(root, fromWeb, '~/server/missing')).toBeUndefined();
    // `baseUrl` moves the targets; an alias inherited through `extends` stays relative to the config that declares it.
    write('apps/admin/tsconfig.json', JSON.stringify({ compilerOptions: { baseUrl: 'src', paths: { '@/*': ['./*'] } } }));
    write('apps/admin/src/lib/db.ts', 'export const db = 1;\n');
    expect(resolveProjectModule(root, path.join(root, 'apps/admin/src/routes/a.ts'), '@/lib/db')).toBe(path.join(root, 'apps/admin/src/lib/db.ts'));
    write('tsconfig.paths.json', JSON.stringify({ compilerOptions: { paths: { '@schema/*': ['./packages/db/src/schema/*'] } } }));
    write('apps/jobs/tsconfig.json', JSON.stringify({ extends: '../../tsconfig.paths.json' }));
    expect(resolveProjectModule(root, path.join(root, 'apps/jobs/src/job.ts'), '@schema/pages')).toBe(path.join(root, 'packages/db/src/schema/pages/index.ts'));
    // Where no config maps the alias, it is nothing (the api app has no tsconfig; the root's maps no `~/`).
    expect(resolveProjectModule(root, from, '~/server/db/schema')).toBeUndefined();
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

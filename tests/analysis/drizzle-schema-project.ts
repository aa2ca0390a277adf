import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A throw-away monorepo whose Drizzle schema sits in a workspace package (`@acme/db`, not installed: found by its
 * manifest), behind barrels, as OpenStatus keeps it. Tests lint files under `apps/api/src/` with this as the
 * working directory, and remove the folder afterwards.
 */
export function makeDrizzleSchemaProject(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-perf-drizzle-'));
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  write('package.json', JSON.stringify({ name: 'acme', private: true, workspaces: ['apps/*', 'packages/*'] }));
  write('apps/api/package.json', JSON.stringify({ name: '@acme/api', dependencies: { '@acme/db': 'workspace:*', hono: '^4' } }));
  write('packages/db/package.json', JSON.stringify({ name: '@acme/db', exports: { '.': './src/index.ts', './schema': './src/schema/index.ts' } }));
  write('packages/db/src/index.ts', `export * from './schema';\nexport * from './db';\nexport * as tables from './schema';\n`);
  write('packages/db/src/db.ts', `import { drizzle } from 'drizzle-orm/libsql';\nimport * as schema from './schema';\nexport const db = drizzle({ schema });\nexport { schema };\n`);
  write('packages/db/src/schema/index.ts', `export * from './pages';\nexport * from './monitor_status';\nexport { frozenUptime as uptimeByMonth } from './uptime';\nexport * from './legacy';\n`);
  write('packages/db/src/schema/pages/index.ts', `export * from './pages';\n`);
  write(
    'packages/db/src/schema/pages/pages.ts',
    `import { integer, sqliteTable, text, unique, uniqueIndex, index } from 'drizzle-orm/sqlite-core';
export const page = sqliteTable('page', {
  id: integer('id').primaryKey(),
  workspaceId: integer('workspace_id').notNull(),
  slug: text('slug').notNull().unique(),
  customDomain: text('custom_domain'),
  title: text('title'),
}, (t) => [uniqueIndex('page_domain_idx').on(t.customDomain).where(sql\`custom_domain <> ''\`), index('page_ws_idx').on(t.workspaceId, t.title)]);
export const pageComponent = sqliteTable(
  'page_component',
  {
    id: integer('id').primaryKey(),
    pageId: integer('page_id').notNull(),
    monitorId: integer('monitor_id'),
    name: text('name'),
  },
  (t) => [unique('page_component_page_id_monitor_id_unique').on(t.pageId, t.monitorId)],
);
`,
  );
  write(
    'packages/db/src/schema/monitor_status.ts',
    `import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
export const monitorStatus = sqliteTable('monitor_status', {
  monitorId: integer('monitor_id').notNull(),
  region: text('region').notNull(),
  status: text('status'),
}, (t) => [primaryKey({ columns: [t.monitorId, t.region] })]);
`,
  );
  write(
    'packages/db/src/schema/uptime.ts',
    `import { integer, sqliteTable, unique } from 'drizzle-orm/sqlite-core';
const table = sqliteTable('frozen_uptime', (t) => ({ monitorId: t.integer().notNull(), month: t.text().notNull(), up: t.integer() }), (t) => ({ byMonth: unique().on(t.monitorId, t.month) }));
export { table as frozenUptime };
`,
  );
  // An older schema module with a syntax error: read, found wanting, and nothing thrown.
  write('packages/db/src/schema/legacy.ts', `export const broken = sqliteTable('broken', { id: integer('id').primaryKey(), \n`);
  return root;
}

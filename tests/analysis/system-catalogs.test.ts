import { describe, expect, it } from 'vitest';
import { scanSql } from '../../src/analysis/sql';
import { isSystemCatalog, readsOnlyCatalogs } from '../../src/analysis/sql/system-catalogs';

const onlyCatalogs = (sql: string) => readsOnlyCatalogs(scanSql(sql));

describe('isSystemCatalog', () => {
  it('knows catalog schemas, PostgreSQL’s pg_ relations and SQLite’s tables', () => {
    expect(isSystemCatalog(['information_schema', 'tables'])).toBe(true);
    expect(isSystemCatalog(['pg_roles'])).toBe(true);
    expect(isSystemCatalog(['sqlite_master'])).toBe(true);
    expect(isSystemCatalog(['app', 'pg_users'])).toBe(false);
    expect(isSystemCatalog(['users'])).toBe(false);
  });
});

describe('readsOnlyCatalogs', () => {
  it('accepts catalogs after FROM, JOIN and commas, catalog functions, and a SELECT that only calls one', () => {
    expect(onlyCatalogs("SELECT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = 'x')")).toBe(true);
    expect(onlyCatalogs('SELECT c.column_name FROM "information_schema"."columns" AS c, pg_catalog.pg_namespace n JOIN pg_class k ON k.relnamespace = n.oid')).toBe(true);
    expect(onlyCatalogs("SELECT * FROM pg_create_logical_replication_slot('s', 'pgoutput')")).toBe(true);
    expect(onlyCatalogs("SELECT pg_drop_replication_slot('s')")).toBe(true);
    // SQLite's table-valued pragmas (Flowise's record manager checks a column so).
    expect(onlyCatalogs("SELECT COUNT(*) AS count FROM pragma_table_info('docs') WHERE name = 'doc_id'")).toBe(true);
  });

  it('refuses application tables anywhere, names it cannot read, and statements that read nothing of the kind', () => {
    expect(onlyCatalogs('SELECT 1 FROM pg_class c, users u')).toBe(false);
    expect(onlyCatalogs('SELECT 1 FROM pg_roles r LEFT JOIN users u ON u.role = r.rolname')).toBe(false);
    expect(onlyCatalogs('SELECT 1 FROM (SELECT id FROM users) x')).toBe(false);
    expect(onlyCatalogs('SELECT 1 FROM ${table} WHERE pg_is_in_recovery()')).toBe(false);
    expect(onlyCatalogs('SELECT EXTRACT(EPOCH FROM now())')).toBe(false);
    expect(onlyCatalogs('SELECT now()')).toBe(false);
    expect(onlyCatalogs("SELECT 1 FROM pragma_table_info('docs') p JOIN docs d ON d.name = p.name")).toBe(false);
    expect(onlyCatalogs("SELECT 1 FROM pragmatic_view('x')")).toBe(false);
  });
});

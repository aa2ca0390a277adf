/**
 * The database's own catalogs: `information_schema.tables`, PostgreSQL's `pg_roles` or `pg_catalog.pg_class`,
 * SQLite's `sqlite_master`, MySQL's `mysql.user` and `performance_schema`. They hold the schema and server state,
 * not the application's rows: small, and asked to check that a table, column or role exists
 * (`SELECT count(*) FROM information_schema.tables WHERE table_name = $1`).
 */

/** Schemas that hold only catalogs. */
const CATALOG_SCHEMAS = new Set(['information_schema', 'pg_catalog', 'performance_schema', 'mysql', 'sys']);
/** SQLite's catalog tables. */
const SQLITE_CATALOGS = new Set(['sqlite_master', 'sqlite_schema', 'sqlite_temp_master', 'sqlite_sequence']);

/**
 * The relation named by `parts` (`['information_schema', 'tables']`, `['pg_roles']`; unquoted, any case) is a
 * catalog. A PostgreSQL catalog without its schema is known by the `pg_` prefix that PostgreSQL reserves for them.
 */
export function isSystemCatalog(parts: readonly string[]): boolean {
  if (parts.length === 0) return false;
  const first = parts[0].toLowerCase();
  if (parts.length > 1) return CATALOG_SCHEMAS.has(first);
  return first.startsWith('pg_') || SQLITE_CATALOGS.has(first);
}

import type { SqlScan } from './scanner';

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

/**
 * A function read as a relation that returns catalog rows: PostgreSQL's `pg_…` functions, SQLite's table-valued
 * pragmas (`FROM pragma_table_info('users')`).
 */
function isCatalogFunction(name: string): boolean {
  return name.startsWith('pg_') || name.startsWith('pragma_');
}

/**
 * Every relation the scanned statement reads (after `FROM` or `JOIN`, and after commas there) is a catalog or a
 * catalog function (`pg_…`, SQLite's `pragma_…`), and there is at least one; or it reads none and calls a `pg_` function
 * (`SELECT pg_drop_replication_slot('…')`). Trigger.dev's replication client checks its publication and slot so. A
 * name the scan cannot read (a `${…}` hole, a subquery's own relations aside) counts as the application's.
 */
export function readsOnlyCatalogs(scan: SqlScan): boolean {
  let relations = 0;
  let callsCatalogFunction = false;
  for (let i = 0; i < scan.length; i++) {
    if (scan.isKeyword(i, 'FROM') || scan.isKeyword(i, 'JOIN')) {
      for (let next = i + 1; ; ) {
        // A subquery: its own FROM comes next in the scan.
        if (scan.isPunctuation(next, '(')) break;
        const relation = readRelationName(scan, next);
        if (!relation) return false;
        const isCall = scan.isPunctuation(relation.end, '(');
        if (isCall ? !isCatalogFunction(relation.parts[relation.parts.length - 1]) : !isSystemCatalog(relation.parts)) return false;
        relations++;
        next = isCall ? scan.partner[relation.end] + 1 : relation.end;
        if (next <= 0) return false;
        if (scan.isKeyword(next, 'AS')) next++;
        if (scan.kind(next) === 'word' && !scan.isKeyword(next, 'WHERE') && !scan.isKeyword(next, 'JOIN')) next++;
        if (!scan.isPunctuation(next, ',')) break;
        next++;
      }
    } else if (scan.kind(i) === 'word' && scan.isPunctuation(i + 1, '(') && scan.tokenText(i).toLowerCase().startsWith('pg_')) {
      callsCatalogFunction = true;
    }
  }
  return relations > 0 || callsCatalogFunction;
}

/** The dotted name at token `start` (`pg_catalog.pg_class`, `"information_schema"."tables"`), lower-cased, and the token after it. */
function readRelationName(scan: SqlScan, start: number): { parts: string[]; end: number } | undefined {
  const parts: string[] = [];
  let i = start;
  for (;;) {
    const name = scan.name(i);
    if (name === undefined) return undefined;
    parts.push(name.toLowerCase());
    i++;
    if (!scan.isPunctuation(i, '.')) return { parts, end: i };
    i++;
  }
}

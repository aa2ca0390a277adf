import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import rule from '../../rules/no-select-star';
import { describe, expect, it } from 'vitest';
import { typedRuleTester, untypedRuleTester } from '../rule-tester';

/**
 * An expected report of `form`; with `code`, pinned to where `needle` first occurs in it, spanning
 * `length` characters (the needle's length by default).
 */
function star(form: string, code?: string, needle = '*', length = needle.length) {
  if (code === undefined) return { messageId: 'selectStar' as const, data: { form } };
  const index = code.indexOf(needle);
  if (index === -1) throw new Error(`${needle} not in ${code}`);
  const before = code.slice(0, index);
  const line = before.split('\n').length;
  const column = index - before.lastIndexOf('\n');
  return { messageId: 'selectStar' as const, data: { form }, line, column, endLine: line, endColumn: column + length };
}

function located(code: string, form: string, needle = '*', length = needle.length) {
  return { code, errors: [star(form, code, needle, length)] };
}

/** An expected report of a returning list `form` whose result the code discards. */
function discarded(form: string, code?: string, needle = '*', length = needle.length) {
  return { ...star(form, code, needle, length), messageId: 'discardedReturning' as const };
}

const PG = "import { Pool } from 'pg'; const pool = new Pool();\n";
const KNEX = "import knex from 'knex'; const db = knex({ client: 'pg' });\n";
const KYSELY = "import { Kysely } from 'kysely'; declare const dialect: any; const db = new Kysely<any>({ dialect });\n";

untypedRuleTester().run('no-select-star', rule, {
  valid: [
    // A template fragment that starts no statement, spliced into queries elsewhere (Shelf's custody joins): the select
    // list that decides which of the subquery's columns reach the client is not in it.
    "import { Prisma } from '@prisma/client'; export const custodyJoins = Prisma.sql`LEFT JOIN LATERAL (SELECT b.* FROM \"Booking\" b WHERE b.\"assetId\" = a.id ORDER BY b.\"from\" DESC LIMIT 1) b ON TRUE`;",
    // Kysely: every column of a subquery that lists its columns (atproto's invite codes).
    KYSELY + "export function codes() { const builder = db.selectFrom('invite_code').select(['invite_code.code as code', 'invite_code.disabled as disabled']); return db.selectFrom(builder.as('codes')).selectAll().execute(); }",
    KYSELY + "export function latest() { return db.selectFrom(db.selectFrom('event').select(['id', 'seq']).orderBy('seq', 'desc').limit(10).as('recent')).selectAll().execute(); }",
    // Kysely: a generic adapter whose table the caller chooses returns whole records of it (Better Auth's kysely adapter):
    // a parameter, destructured or not, a member of one, a const taken from one; in the chain or a local builder.
    KYSELY + "export const adapter = { async findOne({ model, id }: { model: string; id: string }) { return db.selectFrom(model).selectAll().where('id', '=', id).limit(1).executeTakeFirst(); } };",
    KYSELY + "export async function latest(model: string) { return db.selectFrom(model).selectAll().orderBy('createdAt', 'desc').limit(1).executeTakeFirst(); }",
    KYSELY + "export async function findMany({ model, limit }: { model: string; limit?: number }) { let query = db.selectFrom(model); query = query.limit(limit || 100); return query.selectAll().execute(); }",
    KYSELY + "export async function get(args: { model: string; id: string }) { return db.selectFrom(args.model as any).selectAll().where('id', '=', args.id).executeTakeFirst(); }",
    KYSELY + "export async function get(args: { model: string }) { const { model } = args; const table = args.model; await db.selectFrom(table).selectAll().execute(); return db.selectFrom(model).selectAll().execute(); }",
    KYSELY + "export async function create({ model, data }: { model: string; data: object }) { return db.insertInto(model).values(data).returningAll().executeTakeFirst(); }",
    // Knex: rows written to a table the caller picks (Automatisch's PostgreSQL actions), by a call or `.into(…)`.
    KNEX + "export async function insert($: { step: { parameters: { table: string; schema: string } } }, data: object) { const response = await db($.step.parameters.table).withSchema($.step.parameters.schema).returning('*').insert(data); return response[0]; }",
    KNEX + "export async function insert(table: string, data: object) { const [row] = await db.into(table).insert(data).returning('*'); return row; }",
    // …also through Better Auth's derived table, `selectAll('primary')` over `(eb) => eb.selectFrom(model)….as('primary')`.
    KYSELY + "export async function findOne({ model }: { model: string }) { return db.selectFrom((eb) => eb.selectFrom(model).selectAll().as('primary')).selectAll('primary').execute(); }",
    KYSELY + "export async function findOne({ model, where }: { model: string; where?: unknown }) { const query = db.selectFrom((eb) => { let b = eb.selectFrom(model); if (where) b = b.where('id', '=', where); b = b.selectAll(); return b.as('primary'); }).selectAll('primary'); return query.execute(); }",
    // Kysely CTEs (Parabol): a data-modifying `.with` callback's `returningAll()` feeds the outer statement, which
    // chooses the columns; a star over a `.with` CTE that lists its columns, directly or through another such star.
    KYSELY + "await db.with('deletedJob', (qc) => qc.deleteFrom('JobQueue').where('id', '=', id).returningAll()).insertInto('JobFailures').columns(['id', 'error']).expression(({ selectFrom }) => selectFrom('deletedJob').select(['id', 'error'])).execute();",
    KYSELY + "await db.with('RRF', (qb) => qb.selectFrom('Chunk').select(['id', 'pageId', 'score'])).with('ChunkMax', (qc) => qc.selectFrom('RRF').selectAll().distinctOn('pageId')).selectFrom('ChunkMax').selectAll().execute();",
    KYSELY + "await db.with('recent', (qc) => { return qc.selectFrom('event').select(['id', 'seq']).limit(10); }).selectFrom('recent as r').selectAll('r').execute();",
    // A recursive CTE that lists its columns in both branches (Docmost's page trees), named with or without a column list.
    KYSELY + "await db.withRecursive('page_ancestors', (qc) => qc.selectFrom('pages').select(['id', 'parentPageId']).where('id', '=', id).unionAll((exp) => exp.selectFrom('pages as p').select(['p.id', 'p.parentPageId']).innerJoin('page_ancestors as pa', 'pa.parentPageId', 'p.id'))).selectFrom('page_ancestors').selectAll('page_ancestors').execute();",
    KYSELY + "await db.withRecursive('tree(id, parent)', (qc) => qc.selectFrom('pages').select(['id', 'parentPageId as parent'])).selectFrom('tree').selectAll().execute();",
    // …also when a function of this file builds the CTE and the chain starts from its call (atproto's thread helpers),
    // returning the builder itself or a `const` holding it; `selectAll('descendent')` names the CTE beside a join.
    KYSELY + "const ancestorsQb = (uri: string) => db.withRecursive('ancestor(uri, ancestorUri)', (cte) => cte.selectFrom('post').select(['post.uri as uri', 'post.replyParent as ancestorUri']).where('uri', '=', uri));\nexport async function ancestors(uri: string) { return ancestorsQb(uri).selectFrom('ancestor').selectAll().execute(); }",
    KYSELY + "function descendentsQb(uri: string, depth: number) { const query = db.withRecursive('descendent(uri, depth)', (cte) => { return cte.selectFrom('post').select(['post.uri as uri', 'post.depth as depth']).where('replyParent', '=', uri).unionAll(cte.selectFrom('post').innerJoin('descendent', 'descendent.uri', 'post.replyParent').where('descendent.depth', '<', depth).select(['post.uri as uri', 'post.depth as depth'])); }); return query; }\nexport async function descendents(uri: string) { return descendentsQb(uri, 5).selectFrom('descendent').innerJoin('post', 'post.uri', 'descendent.uri').selectAll('descendent').select(['cid', 'creator']).execute(); }",
    // A derived table from a `let` builder that later statements only narrow (Docmost's searchable group list).
    KYSELY + "export async function groups(q?: string) { let base = db.selectFrom('groups').select(['id', 'name']).where('workspaceId', '=', 'w'); if (q) { base = base.where('name', 'ilike', q).orderBy('name'); } return db.selectFrom(base.as('sub')).selectAll('sub').execute(); }",
    // …and a set-returning function as the relation: its result, not a table's columns.
    "import { Kysely, sql } from 'kysely'; declare const dialect: any; const db = new Kysely<any>({ dialect });\nawait db.selectFrom(sql`generate_series(${a}::date, ${b}::date, '1 month'::interval)`.as('monthStart')).selectAll().execute();",
    // The database's own catalogs: their columns are the server's, and the application adds none.
    PG + "export async function columns(t: string) { return (await pool.query('SELECT * FROM information_schema.columns WHERE table_name = $1', [t])).rows; }",
    PG + 'export async function sessions() { return (await pool.query(\'SELECT * FROM "pg_catalog"."pg_stat_activity" WHERE datname = current_database()\')).rows; }',
    // Tests read back every column of what they wrote.
    { code: "export class InitialSetup { async up(db) { await db.execute('INSERT INTO store_copy SELECT * FROM store'); } }", filename: 'packages/modules/store/src/migrations/InitialSetup20240227075933.ts' },
    { code: "import { Pool } from 'pg'; const pool = new Pool(); it('saves', async () => { await pool.query('SELECT * FROM users'); });", filename: 'src/users/users.test.ts' },
    // A script run by hand: a shebang, a bin/ folder, process.argv read at the top level (crowd.dev's cleanup scripts).
    { code: "#!/usr/bin/env node\nimport { Pool } from 'pg'; const pool = new Pool();\nawait pool.query('SELECT * FROM members');", filename: 'src/tools/erase-member.ts' },
    { code: "import { Pool } from 'pg'; const pool = new Pool();\nexport async function main() { await pool.query('SELECT * FROM projects'); }", filename: 'backend/src/bin/scripts/cleanup-duplicates.ts' },
    { code: "import { Pool } from 'pg'; const pool = new Pool(); const [, , tenant] = process.argv;\nawait pool.query('SELECT * FROM members WHERE tenant = $1', [tenant]);", filename: 'src/erase.ts' },
    // Query builders name column lists `select` too: a star there is knex's own form, handled apart; a vouched-for
    // receiver does not make `select`'s argument a statement.
    { code: "import { Pool } from 'pg'; const pool = new Pool(); export const q = (qx: any) => qx.select(`members.${'id'}`);" },
    "export const names = (qx: { select(text: string): unknown }) => qx.select('name, email');",
    // Aggregates and expressions around a star.
    "pool.query('SELECT COUNT(*) FROM users');",
    "pool.query('SELECT count(*) filter (where active) AS active, count(*) AS total FROM users');",
    "pool.query('SELECT price * quantity AS total, 2 * 3 AS six FROM items');",
    "pool.query('SELECT json_agg(t.*) AS items, row_to_json(u.*) AS author FROM t JOIN u ON u.id = t.user_id GROUP BY u.*');",
    // Subqueries whose columns cannot matter.
    "pool.query('SELECT id FROM users u WHERE EXISTS (SELECT * FROM orders o WHERE o.user_id = u.id)');",
    "pool.query('SELECT id FROM users u WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.user_id = u.id)');",
    "pool.query('SELECT id FROM users WHERE id IN (SELECT * FROM banned_ids) OR id = ANY (SELECT * FROM unnest($1::int[]))');",
    // Stars in comments and string literals of the SQL.
    "pool.query('SELECT id -- SELECT * would be slower\\n FROM users /* SELECT * FROM users */');",
    "pool.query(\"SELECT id, 'SELECT * FROM x' AS example FROM docs\");",
    "pool.query('SELECT id FROM functions WHERE body = $$SELECT * FROM x$$');",
    // Statements whose selected rows stay in the database.
    "pool.query('INSERT INTO archive SELECT * FROM orders WHERE created_at < $1', [cutoff]);",
    "pool.query('WITH moved AS (DELETE FROM inbox WHERE read RETURNING *) INSERT INTO archive SELECT * FROM moved');",
    "pool.query('CREATE VIEW active_users AS SELECT * FROM users WHERE active');",
    "pool.query('COPY (SELECT * FROM users) TO STDOUT WITH CSV');",
    // A star over relations the statement lists the columns of: a CTE or derived table with an explicit select list
    // (Civitai's search-index targets and top-1 picks), a CTE with a column list, a function's result, VALUES.
    'pool.query(\'WITH target AS MATERIALIZED (SELECT c.id, c.name, c."userId" FROM "Collection" c WHERE c.id > $1) SELECT t.*, (SELECT username FROM users u WHERE u.id = t."userId") AS username FROM target t\', [id]);',
    "pool.query('SELECT * FROM (SELECT id, name, ROW_NUMBER() OVER (PARTITION BY owner_id ORDER BY id) AS rn FROM items) t WHERE rn = 1');",
    'pool.query(\'SELECT * FROM jsonb_to_recordset($1::jsonb) AS v("entityId" INTEGER, "count" INTEGER)\', [rows]);',
    "pool.query('WITH totals(entity, total) AS (SELECT entity, SUM(amount) FROM bids GROUP BY entity) SELECT totals.* FROM totals ORDER BY total DESC LIMIT 10');",
    "pool.query('WITH RECURSIVE level AS (SELECT id, parent_id FROM nodes WHERE id = $1 UNION ALL SELECT n.id, n.parent_id FROM nodes n JOIN level l ON n.parent_id = l.id) SELECT level.* FROM level', [id]);",
    "pool.query('SELECT v.* FROM (VALUES (1, 2), (3, 4)) AS v(a, b)');",
    "pool.query('WITH moved AS (DELETE FROM inbox WHERE read RETURNING id, subject) SELECT moved.* FROM moved');",
    "pool.query('SELECT r.*, u.name FROM (SELECT user_id, count(*) AS n FROM reviews GROUP BY user_id) r JOIN users u ON u.id = r.user_id');",
    "pool.query('EXPLAIN ANALYZE SELECT * FROM users');",
    "pool.query('UPDATE users SET name = $1 WHERE id = $2 RETURNING id, name');",
    // Strings that never reach a query API.
    "const help = 'SELECT * FROM users';",
    "logger.info('SELECT * FROM users took %d ms', elapsed);",
    "throw new Error('refusing to run SELECT * FROM users');",
    "cache.get('SELECT * FROM users');",
    "const q = 'SELECT * FROM users'; res.send(q);",
    "html`<code>SELECT * FROM users</code>`;",
    // Not SQL: other query languages on `query()`, and fragments on unknown receivers.
    "client.query('query { users { id name } }');",
    "search.query('* AND status:active');",
    "knex.raw('count(*) as total');",
    // Without type information, a receiver is unknown and this text does not start with a statement.
    "declare const prefix: string; pool.query(prefix + 'SELECT * FROM users');",
    // Columns listed.
    PG + "await pool.query('SELECT id, email FROM users WHERE id = $1', [id]);",
    "import { sql } from 'drizzle-orm'; await db.execute(sql`SELECT id, name FROM users WHERE id = ${id}`);",
    // The star is in the value of a hole, which is a bound parameter, not SQL.
    "import { sql } from 'kysely'; const all = '*'; await sql`SELECT ${all} FROM users`.execute(db);",
    // knex: columns listed, default select, aggregates, existence and IN subqueries.
    KNEX + "await db('users').select('id', 'email').where({ id });",
    KNEX + "await db('users').where({ id }).first();",
    KNEX + "await db('users').select();",
    KNEX + "await db('users').count('*');",
    KNEX + "await db('users').whereExists(db('orders').select('*').whereRaw('orders.user_id = users.id'));",
    KNEX + "await db('users').whereIn('id', (qb) => qb.select('*').from('banned_ids'));",
    KNEX + "await db('users').insert(row).returning(['id', 'email']);",
    // Kysely: columns listed; existence subqueries.
    KYSELY + "await db.selectFrom('person').select(['id', 'first_name']).execute();",
    KYSELY + "await db.selectFrom('person').select('id').where((eb) => eb.exists(eb.selectFrom('pet').selectAll().whereRef('pet.owner_id', '=', 'person.id'))).execute();",
    KYSELY + "await db.insertInto('person').values(values).returning('id').executeTakeFirst();",
    // Same method names in other libraries.
    "import * as d3 from 'd3'; d3.select('body').selectAll('*').remove();",
    "supabase.from('users').select('*');",
    "$('input').select();",
    "import $ from 'cheerio'; $('table').select('*');",
    "const rows = items.select('*');",
    // Out of scope: ORM calls that omit a column list (see the docs).
    "await prisma.user.findMany({ where: { active: true } });",
    "await db.select().from(users);",
    // More look-alikes: a column named "*", a star in the SQL's own strings, a select list from a hole.
    'pool.query(\'SELECT "*" FROM odd_table\');',
    "pool.query(`SELECT id FROM notes WHERE body <> 'SELECT * FROM x'`);",
    "pool.query('SELECT id FROM t; -- SELECT * FROM t');",
    "pool.query(`SELECT ${columns.join(', ')} FROM users WHERE id = $1`, [id]);",
    "pool.query('SELECT id FROM t WHERE score > ALL (SELECT * FROM thresholds) AND tag = ANY (ARRAY(SELECT * FROM tags))');",
    "pool.query('DELETE FROM sessions WHERE expires_at < now()');",
    "const m = /from (\\w+)/i.exec('SELECT * FROM users');",
    "await prisma.$executeRaw`UPDATE \"User\" SET name = ${name} WHERE id = ${id}`;",
    "import { sql } from 'drizzle-orm'; export const byId = sql`SELECT id, name FROM users WHERE id = ${id}`;",
    KNEX + "await db('users').select(db.raw('count(*) as n'));",
    KNEX + "await db('users').where({ id }).del();",
    KNEX + "await db('users').where({ id }).update({ name }, ['id', 'name']);",
    "import mongoose from 'mongoose'; const User = mongoose.model('User'); await User.find().select('*');",
  ],
  invalid: [
    // pg
    located("pool.query('SELECT * FROM users WHERE id = $1', [id]);", 'SELECT *'),
    // An application's schema, whatever it is called.
    located("pool.query('SELECT * FROM app.pg_users WHERE id = $1', [id]);", 'SELECT *'),
    {
      code: PG + "await pool.query('SELECT * FROM users WHERE id = $1', [id]);",
      errors: [{ ...star('SELECT *', PG + "await pool.query('SELECT * FROM users WHERE id = $1', [id]);"), type: AST_NODE_TYPES.Literal }],
    },
    located("client.query({ text: 'SELECT DISTINCT * FROM users', values: [] });", 'SELECT *'),
    // A project's query helper named for reading rows, when its text is a statement (crowd.dev's QueryExecutor).
    located("export async function identities(qx: QueryExecutor, id: string) { return qx.select('SELECT * FROM \"memberIdentities\" WHERE \"memberId\" = $(id)', { id }); }", 'SELECT *'),
    located("export const one = (qx: QueryExecutor) => qx.selectOneOrNone(`SELECT s.* FROM segments s WHERE s.id = $(id)`, {});", 'SELECT s.*', 's.*'),
    located("const { rows } = await query('SELECT u.* FROM users u');", 'SELECT u.*', 'u.*'),
    located("await pool.query('SELECT a.id, b.* FROM a JOIN b ON b.a_id = a.id');", 'SELECT b.*', 'b.*'),
    located('await pool.query(\'SELECT "users".* FROM "users"\');', 'SELECT "users".*', '"users".*'),
    located("await pool.query('SELECT /* all */ * FROM users');", 'SELECT *', '* FROM', 1),
    {
      code: 'await pool.query(`\n  SELECT *\n  FROM users\n  WHERE id = $1`, [id]);',
      errors: [{ ...star('SELECT *', 'await pool.query(`\n  SELECT *\n  FROM users\n  WHERE id = $1`, [id]);'), type: AST_NODE_TYPES.TemplateLiteral }],
    },
    // mysql2
    located("const [rows] = await connection.execute('SELECT * FROM users WHERE id = ?', [id]);", 'SELECT *'),
    located("connection.query({ sql: 'select * from users' });", 'SELECT *'),
    // Prisma
    located('await prisma.$queryRaw`SELECT * FROM "User" WHERE id = ${id}`;', 'SELECT *'),
    located("await prisma.$queryRawUnsafe('SELECT * FROM \"User\" WHERE id = $1', id);", 'SELECT *'),
    located("import { Prisma } from '@prisma/client'; await prisma.$queryRaw(Prisma.sql`SELECT * FROM \"User\"`);", 'SELECT *'),
    // A template holding a whole statement: its derived table's `*` reaches the client through `b.*`.
    {
      code: "import { Prisma } from '@prisma/client'; export const latest = Prisma.sql`SELECT a.id, b.* FROM \"Asset\" a LEFT JOIN LATERAL (SELECT * FROM \"Booking\" x LIMIT 1) b ON TRUE`;",
      errors: [star('SELECT b.*'), star('SELECT *')],
    },
    // Sequelize, TypeORM, MikroORM
    located("await sequelize.query('SELECT * FROM users', { type: QueryTypes.SELECT });", 'SELECT *'),
    located("await dataSource.query('SELECT * FROM users WHERE id = $1', [id]);", 'SELECT *'),
    located("await this.manager.query('SELECT * FROM users');", 'SELECT *'),
    located("await queryRunner.query('SELECT * FROM users');", 'SELECT *'),
    located("await em.getConnection().execute('select * from users');", 'SELECT *'),
    // knex raw and builders
    located("await knex.raw('select * from users where id = ?', [id]);", 'SELECT *'),
    located("await db('users').whereRaw('id in (select id from admins)').joinRaw('join (select * from roles) r on r.user_id = users.id');", 'SELECT *'),
    located(KNEX + "await db('users').select('*').where({ id });", ".select('*')", "select('*')"),
    { code: KNEX + "await db.select('users.*').from('users');", errors: [star(".select('users.*')")] },
    { code: KNEX + "const [user] = await db('users').insert(row).returning('*');", errors: [star(".returning('*')")] },
    // A table the code names, even beside a caller's data.
    { code: KNEX + "export async function insert(data: { table: string }) { const [row] = await db('audit_log').insert({ table: data.table }).returning('*'); return row; }", errors: [star(".returning('*')")] },
    { code: KNEX + "const users = await db('users').insert(row, ['*']);", errors: [star(".insert(…, '*')")] },
    { code: KNEX + "await db('users').where({ id }).first('*');", errors: [star(".first('*')")] },
    { code: "const db = require('knex')({ client: 'pg' });\nawait db.column('*').from('users');", errors: [star(".column('*')")] },
    { code: KNEX + 'await db.transaction(async (trx) => { await trx.select(\'*\').from(\'users\'); });', errors: [star(".select('*')")] },
    {
      code: "import type { Knex } from 'knex';\nclass Users { constructor(private readonly knex: Knex) {} all() { return this.knex.select('*').from('users'); } }",
      errors: [star(".select('*')")],
    },
    // Found by the database-operation analysis: an instance assigned in the constructor, a pool by its import.
    {
      code: "import knex from 'knex';\nclass Repo { db: any; constructor() { this.db = knex({}); } list() { return this.db('users').select('*'); } }",
      errors: [star(".select('*')")],
    },
    located(PG + "await pool.query(prefix + 'SELECT * FROM users');", 'SELECT *'),
    // A knex instance from a project module: the `db('table')` call shape says knex.
    { code: "import db from './db';\nawait db('users').select('*');", errors: [star(".select('*')")] },
    // The table named by a constant, as knex stores write it (`db<UserRow>(USERS_TABLE)`, `this.db(T.ROLES)`).
    { code: "import db from './db';\nimport { USERS_TABLE } from './tables';\nawait db<UserRow>(USERS_TABLE).select('*');", errors: [star(".select('*')")] },
    // Kysely
    located(KYSELY + "await db.selectFrom('person').selectAll().execute();", '.selectAll()', 'selectAll()'),
    // …a subquery that itself takes every column still widens.
    { code: KYSELY + "export function all() { const inner = db.selectFrom('person').selectAll(); return db.selectFrom(inner.as('p')).selectAll().execute(); }", errors: [star('.selectAll()'), star('.selectAll()')] },
    { code: KYSELY + "await db.selectFrom('person').innerJoin('pet', 'pet.owner_id', 'person.id').selectAll('person').execute();", errors: [star(".selectAll('person')")] },
    { code: KYSELY + "const person = await db.insertInto('person').values(values).returningAll().executeTakeFirstOrThrow();", errors: [star('.returningAll()')] },
    { code: "import { db } from './database';\nawait db.selectFrom('pet').selectAll().where('id', '=', id).execute();", errors: [star('.selectAll()')] },
    // A table the code names itself, in a literal, a const or an imported constant, even inside a function with parameters.
    { code: KYSELY + "export async function find(id: string) { return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst(); }", errors: [star('.selectAll()')] },
    { code: KYSELY + "const T = 'users';\nexport async function find(id: string) { return db.selectFrom(T).selectAll().where('id', '=', id).executeTakeFirst(); }", errors: [star('.selectAll()')] },
    { code: KYSELY + "import { USERS_TABLE } from './tables';\nexport async function find(id: string) { return db.selectFrom(USERS_TABLE).selectAll().where('id', '=', id).executeTakeFirst(); }", errors: [star('.selectAll()')] },
    { code: KYSELY + "export async function find(id: string) { let query = db.selectFrom('users'); query = query.where('id', '=', id); return query.selectAll().execute(); }", errors: [star('.selectAll()')] },
    // …or a table derived from a parameter by a call, and a builder that may also read a table the code names.
    { code: KYSELY + "declare function tableFor(model: string): string;\nexport async function find(model: string) { return db.selectFrom(tableFor(model)).selectAll().execute(); }", errors: [star('.selectAll()')] },
    { code: KYSELY + "export async function find(model: string, audit: boolean) { let query = db.selectFrom(model); if (audit) query = db.selectFrom('audit_log'); return query.selectAll().execute(); }", errors: [star('.selectAll()')] },
    {
      code: KYSELY + "export async function sessions() { return db.selectFrom((eb) => eb.selectFrom('sessions').selectAll().as('primary')).selectAll('primary').execute(); }",
      errors: [star('.selectAll()'), star(".selectAll('primary')")],
    },
    {
      code: KYSELY + "await db.selectFrom('person').select((eb) => [jsonArrayFrom(eb.selectFrom('pet').selectAll().whereRef('pet.owner_id', '=', 'person.id')).as('pets')]).execute();",
      errors: [star('.selectAll()')],
    },
    // …a `.with` CTE that stars a table, a select-all returned to the application, a join beside a listed CTE,
    // a table after an unrelated `.with`, SQL text that is no function call.
    { code: KYSELY + "await db.with('M', (qc) => qc.selectFrom('Model').selectAll()).selectFrom('M').selectAll().execute();", errors: [star('.selectAll()'), star('.selectAll()')] },
    { code: KYSELY + "await db.withRecursive('M', (qc) => qc.selectFrom('Model').selectAll()).selectFrom('M').selectAll().execute();", errors: [star('.selectAll()'), star('.selectAll()')] },
    // A `let` builder that a later statement widens (a join, another builder) is not known to list its columns.
    { code: KYSELY + "export async function groups(q?: string) { let base = db.selectFrom('groups').select(['id', 'name']); if (q) { base = base.innerJoin('users', 'users.id', 'groups.creatorId'); } return db.selectFrom(base.as('sub')).selectAll('sub').execute(); }", errors: [star(".selectAll('sub')")] },
    { code: KYSELY + "export async function groups(other: any, q?: string) { let base = db.selectFrom('groups').select(['id', 'name']); if (q) { base = other.where('a', '=', q); } return db.selectFrom(base.as('sub')).selectAll('sub').execute(); }", errors: [star(".selectAll('sub')")] },
    { code: KYSELY + "await db.with('gone', (qc) => qc.deleteFrom('JobQueue').where('id', '=', id).returningAll()).selectFrom('gone').selectAll().execute();", errors: [star('.selectAll()')] },
    { code: KYSELY + "await db.with('r', (qc) => qc.selectFrom('event').select(['id'])).selectFrom('r').innerJoin('users', 'users.id', 'r.id').selectAll().execute();", errors: [star('.selectAll()')] },
    { code: KYSELY + "await db.with('recent', (qc) => qc.selectFrom('event').select(['id'])).selectFrom('users').selectAll().execute();", errors: [star('.selectAll()')] },
    // …a `selectAll('users')` of the table joined to a listed CTE or derived table.
    { code: KYSELY + "await db.with('r', (qc) => qc.selectFrom('event').select(['id'])).selectFrom('r').innerJoin('users', 'users.id', 'r.id').selectAll('users').execute();", errors: [star(".selectAll('users')")] },
    { code: KYSELY + "await db.selectFrom(db.selectFrom('event').select(['id']).as('e')).innerJoin('users', 'users.id', 'e.id').selectAll('users').execute();", errors: [star(".selectAll('users')")] },
    // A CTE built by a helper: one imported from another file (not read), one whose CTE stars a table, one that may
    // return a builder without the CTE, and a star of the table joined to the CTE.
    { code: KYSELY + "import { ancestorsQb } from './util';\nexport async function ancestors(uri: string) { return ancestorsQb(db, uri).selectFrom('ancestor').selectAll().execute(); }", errors: [star('.selectAll()')] },
    { code: KYSELY + "const modelsQb = () => db.with('m', (qc) => qc.selectFrom('Model').selectAll());\nexport async function models() { return modelsQb().selectFrom('m').selectAll().execute(); }", errors: [star('.selectAll()'), star('.selectAll()')] },
    { code: KYSELY + "function recentQb(all: boolean) { if (all) return db; return db.with('r', (qc) => qc.selectFrom('event').select(['id'])); }\nexport async function recent() { return recentQb(false).selectFrom('r').selectAll().execute(); }", errors: [star('.selectAll()')] },
    { code: KYSELY + "const recentQb = () => db.with('r', (qc) => qc.selectFrom('event').select(['id']));\nexport async function recent() { return recentQb().selectFrom('r').innerJoin('users', 'users.id', 'r.id').selectAll('users').execute(); }", errors: [star(".selectAll('users')")] },
    // A returning list whose result the statement throws away (atproto's quote insert): the advice is to drop it.
    {
      code: KYSELY + "await db.insertInto('quote').values(quote).onConflict((oc) => oc.doNothing()).returningAll().executeTakeFirst();",
      errors: [discarded('.returningAll()')],
    },
    { code: KYSELY + "await db.updateTable('person').set({ name }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();", errors: [discarded('.returningAll()')] },
    { code: KNEX + "await db('users').insert(row).returning('*');", errors: [discarded(".returning('*')")] },
    { code: KNEX + "void db('users').where({ id }).del('*');", errors: [discarded(".del('*')")] },
    { code: "await pool.query('INSERT INTO users (email) VALUES ($1) RETURNING *', [email]);", errors: [discarded('RETURNING *', "await pool.query('INSERT INTO users (email) VALUES ($1) RETURNING *', [email]);")] },
    { code: "pool.query('UPDATE users SET name = $1 WHERE id = $2 RETURNING users.*', [name, id]);", errors: [discarded('RETURNING users.*')] },
    // …but rows read by a `.then` callback, a wrapper call or the awaited value, rows returned, a select list
    // thrown away (its own mistake), and a constant another call may read keep the plain message.
    { code: KNEX + "await db('users').insert(row).returning('*').then(([user]) => cache.set(user.id, user));", errors: [star(".returning('*')")] },
    { code: KYSELY + "await cache.save(db.insertInto('person').values(values).returningAll().executeTakeFirst());", errors: [star('.returningAll()')] },
    { code: KYSELY + "(await db.insertInto('person').values(values).returningAll().execute()).forEach(notify);", errors: [star('.returningAll()')] },
    { code: KYSELY + "export const create = (values: object) => { return db.insertInto('person').values(values).returningAll().execute(); };", errors: [star('.returningAll()')] },
    { code: KYSELY + "await db.selectFrom('person').selectAll().execute();", errors: [star('.selectAll()')] },
    { code: "const INSERT_USER = 'INSERT INTO users (email) VALUES ($1) RETURNING *';\nawait pool.query(INSERT_USER, [email]);", errors: [star('RETURNING *')] },
    { code: "import { Kysely, sql } from 'kysely'; declare const dialect: any; const db = new Kysely<any>({ dialect });\nawait db.selectFrom(sql`users`.as('u')).selectAll().execute();", errors: [star('.selectAll()')] },
    // SQL tags: Drizzle, Kysely, slonik, postgres.js, sql-template-strings
    located("import { sql } from 'drizzle-orm'; await db.execute(sql`SELECT * FROM users WHERE id = ${id}`);", 'SELECT *'),
    located("import { sql } from 'kysely'; await sql`select * from person`.execute(db);", 'SELECT *'),
    located("import { sql } from 'slonik'; await pool.any(sql.typeAlias('user')`SELECT * FROM users`);", 'SELECT *'),
    located("import postgres from 'postgres'; const pgsql = postgres(url); await pgsql`select * from users where id = ${id}`;", 'SELECT *'),
    located("import SQL from 'sql-template-strings'; await db.query(SQL`SELECT * FROM users WHERE id = ${id}`);", 'SELECT *'),
    // CTEs, derived tables, UNION branches, RETURNING
    located(`pool.query("WITH recent AS (SELECT * FROM orders WHERE created_at > now() - interval '1 day') SELECT id FROM recent");`, 'SELECT *'),
    // …but a star over a base table beside them, or over a CTE that itself stars a table, still widens.
    located("pool.query('SELECT r.*, u.* FROM (SELECT user_id, count(*) AS n FROM reviews GROUP BY user_id) r JOIN users u ON u.id = r.user_id');", 'SELECT u.*', 'u.*'),
    located("pool.query('SELECT * FROM (SELECT user_id FROM reviews) r JOIN users u ON u.id = r.user_id');", 'SELECT *'),
    {
      code: "pool.query('WITH target AS (SELECT * FROM users WHERE id > $1) SELECT t.* FROM target t', [id]);",
      errors: [star('SELECT *'), star('SELECT t.*')],
    },
    // A data-modifying CTE yields its RETURNING list (Inbox Zero's mail splits), whatever its SELECT lists.
    located("pool.query('WITH inserted AS (INSERT INTO splits (name, kind) SELECT $1, $2 FROM state RETURNING *) SELECT inserted.* FROM inserted', [name, kind]);", 'SELECT inserted.*', 'inserted.*'),
    // With escapes in the literal, the report covers the whole literal.
    {
      code: "pool.query('SELECT * FROM orders WHERE note <> \\'\\'');",
      errors: [{ ...star('SELECT *'), line: 1, column: 12, endColumn: 53 }],
    },
    located("pool.query('SELECT x.id FROM (SELECT * FROM t WHERE a > 1) x');", 'SELECT *'),
    {
      code: "pool.query('SELECT * FROM a UNION ALL (SELECT * FROM b)');",
      errors: [star('SELECT *', "pool.query('SELECT * FROM a UNION ALL (SELECT * FROM b)');", '* FROM a', 1), star('SELECT *', "pool.query('SELECT * FROM a UNION ALL (SELECT * FROM b)');", '* FROM b', 1)],
    },
    located("const { rows } = await pool.query('INSERT INTO users (email) VALUES ($1) RETURNING *', [email]);", 'RETURNING *'),
    located("const updated = pool.query('UPDATE users SET name = $1 WHERE id = $2 RETURNING users.*', [name, id]);", 'RETURNING users.*', 'users.*'),
    // SQL assembled from constants, concatenation and templates
    located("const LIST_USERS = 'SELECT * FROM users';\nexport const list = () => pool.query(LIST_USERS);\nexport const again = () => pool.query(LIST_USERS);", 'SELECT *'),
    located("pool.query('SELECT * FROM ' + table + ' WHERE id = $1', [id]);", 'SELECT *'),
    located('pool.query(`SELECT ${alias}.* FROM users ${alias}`);', 'SELECT ${…}.*'),
    located("const COLUMNS = '*';\npool.query(`SELECT ${COLUMNS} FROM users`);", 'SELECT *'),
    located("const QUERIES = { all: 'SELECT * FROM users' } as const; pool.query(QUERIES.all);", 'SELECT *'),
    // Type arguments on the tag, optional calls, a tagged query kept in a constant and sent later (reported once).
    located("import { sql } from 'kysely'; await sql<User>`SELECT * FROM users`.execute(db);", 'SELECT *'),
    located("await db?.query('SELECT * FROM users');", 'SELECT *'),
    located("import { sql } from 'drizzle-orm'; const q = sql`SELECT * FROM users`; await db.execute(q); await db.execute(q);", 'SELECT *'),
    // pg-promise, better-sqlite3
    located("await db.any('SELECT * FROM users');", 'SELECT *'),
    located("db.prepare('SELECT * FROM users WHERE id = ?').get(id);", 'SELECT *'),
  ],
});

typedRuleTester().run('no-select-star (typed)', rule, {
  valid: [
    // Drizzle's builders, whatever their methods are called: the root's type settles it before the chain's.
    {
      code: "import { pgTable, serial, text } from 'drizzle-orm/pg-core';\nimport type { NodePgDatabase } from 'drizzle-orm/node-postgres';\nconst users = pgTable('users', { id: serial('id').primaryKey(), name: text('name') });\ndeclare const db: NodePgDatabase;\nexport const created = db.insert(users).values({ name: 'a' }).returning();\nexport const all = db.select().from(users).where(undefined).limit(10);",
    },
    {
      code: "import type { Knex } from 'knex';\ndeclare const db: Knex;\nexport const users = db('users').select('id', 'email');",
    },
    {
      code: "import type { Kysely } from 'kysely';\ninterface DB { person: { id: number; first_name: string } }\ndeclare const db: Kysely<DB>;\nexport const people = db.selectFrom('person').select(['id', 'first_name']).execute();",
    },
    // A look-alike of Kysely's API, declared in this file: the types say it is not Kysely.
    {
      code: "const db = { selectFrom(table: string) { return { selectAll() { return [table]; } }; } };\nexport const rows = db.selectFrom('person').selectAll();",
    },
    // A look-alike of knex's table call.
    {
      code: "const db = (table: string) => ({ select(...columns: string[]) { return [table, ...columns]; } });\nexport const rows = db('users').select('*');",
    },
    {
      code: "import { Pool } from 'pg';\ndeclare const pool: Pool;\nexport const count = pool.query('SELECT count(*) FROM users');",
    },
    {
      code: "import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nexport const exists = prisma.$queryRaw`SELECT EXISTS (SELECT * FROM \"User\" WHERE email = ${'a@b.c'})`;",
    },
    {
      code: "import { DataSource } from 'typeorm';\ndeclare const dataSource: DataSource;\nexport const archived = dataSource.query('INSERT INTO archive SELECT * FROM orders WHERE status = $1', ['done']);",
    },
    {
      code: "import type { Knex } from 'knex';\ndeclare const db: Knex;\nexport const withOrders = db('users').whereExists(function () { this.select('*').from('orders').whereRaw('orders.user_id = users.id'); });",
    },
    {
      code: "import type { Knex } from 'knex';\ndeclare const db: Knex;\nexport const total = db('users').count('*');",
    },
    {
      code: "import { Pool } from 'pg';\ndeclare const pool: Pool;\nexport const users = pool.query('SELECT id, email FROM users WHERE id = $1', [1]);",
    },
    {
      code: "import type { Kysely } from 'kysely';\ninterface DB { person: { id: number }; pet: { id: number; owner_id: number } }\ndeclare const db: Kysely<DB>;\nexport const owners = db.selectFrom('person').select('id').where((eb) => eb.exists(eb.selectFrom('pet').selectAll().whereRef('pet.owner_id', '=', 'person.id'))).execute();",
    },
    // A table the caller chooses, with the instance's type known: a generic adapter returns whole records.
    {
      code: "import type { Kysely } from 'kysely';\ndeclare const db: Kysely<any>;\nexport async function findOne({ model, id }: { model: string; id: string }) { return db.selectFrom(model).selectAll().where('id', '=', id).limit(1).executeTakeFirst(); }",
    },
    // A CTE that lists its columns, built by a function of this file.
    {
      code: "import type { Kysely } from 'kysely';\ndeclare const db: Kysely<any>;\nconst ancestorsQb = (uri: string) => db.withRecursive('ancestor(uri, ancestorUri)', (cte) => cte.selectFrom('post').select(['post.uri as uri', 'post.replyParent as ancestorUri']).where('uri', '=', uri));\nexport const ancestors = (uri: string) => ancestorsQb(uri).selectFrom('ancestor').selectAll().execute();",
    },
    // Mongoose's select takes a projection, and its query is not a knex builder.
    {
      code: "import mongoose from 'mongoose';\nconst User = mongoose.model('User', new mongoose.Schema({ name: String }));\nexport const users = User.find().select('*');",
    },
  ],
  invalid: [
    // knex held by a project object (a decorated app, `app.knex`): the root's type says nothing, the receiver's does.
    {
      code: "import type { Knex } from 'knex';\ndeclare const app: { knex: Knex };\nexport const rows = app.knex('users').select('*');",
      errors: [star(".select('*')")],
    },
    {
      code: "import { Pool } from 'pg';\ndeclare const pool: Pool;\nexport const users = pool.query('SELECT * FROM users');",
      errors: [star('SELECT *')],
    },
    // Only the type says that this receiver takes SQL: the text starts with an unknown prefix.
    {
      code: "import { Pool } from 'pg';\ndeclare const pool: Pool;\ndeclare const prefix: string;\nexport const users = pool.query(prefix + 'SELECT * FROM users');",
      errors: [star('SELECT *')],
    },
    {
      code: "import mysql from 'mysql2/promise';\ndeclare const connection: mysql.Connection;\nexport const users = connection.execute('SELECT u.* FROM users u');",
      errors: [star('SELECT u.*')],
    },
    {
      code: "import { Sequelize, QueryTypes } from 'sequelize';\ndeclare const sequelize: Sequelize;\nexport const users = sequelize.query('SELECT * FROM users', { type: QueryTypes.SELECT });",
      errors: [star('SELECT *')],
    },
    {
      code: "import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nexport const users = prisma.$queryRaw`SELECT * FROM \"User\" WHERE id = ${1}`;",
      errors: [star('SELECT *')],
    },
    {
      code: "import type { EntityManager } from '@mikro-orm/core';\ndeclare const em: EntityManager;\nexport const users = em.getConnection().execute('select * from users');",
      errors: [star('SELECT *')],
    },
    {
      code: "import { sql } from 'drizzle-orm';\ndeclare const db: { execute(query: unknown): Promise<unknown> };\nexport const users = db.execute(sql`SELECT * FROM users`);",
      errors: [star('SELECT *')],
    },
    // Only the type says that this is knex: the root is a function call.
    {
      code: "import type { Knex } from 'knex';\ndeclare function getDb(): Knex;\nexport const users = getDb().select('*').from('users');",
      errors: [star(".select('*')")],
    },
    {
      code: "import type { Knex } from 'knex';\ndeclare const db: Knex;\nexport const user = db('users').insert({ email: 'a@b.c' }).returning('*');",
      errors: [star(".returning('*')")],
    },
    {
      code: "import type { Knex } from 'knex';\ndeclare const db: Knex;\nexport async function add(email: string) { await db('users').insert({ email }).returning('*'); }",
      errors: [discarded(".returning('*')")],
    },
    // Only the type says that this is Kysely: no selectFrom in sight.
    {
      code: "import type { SelectQueryBuilder } from 'kysely';\ninterface DB { person: { id: number } }\ndeclare function people(): SelectQueryBuilder<DB, 'person', {}>;\nexport const rows = people().selectAll().execute();",
      errors: [star('.selectAll()')],
    },
    {
      code: "import { sql, type Kysely } from 'kysely';\ndeclare const db: Kysely<any>;\nexport const rows = sql`select * from person`.execute(db);",
      errors: [star('SELECT *')],
    },
  ],
});

// Names are split in linear time: a pattern around `as` over a blank-padded relation took minutes (the test times out).
untypedRuleTester().run('no-select-star: blank-padded relation names', rule, {
  valid: [],
  invalid: [
    {
      code: `import { Kysely } from 'kysely'; declare const db: Kysely<any>; export const q = () => db.selectFrom('t${' '.repeat(300_000)}x').innerJoin('u', 'u.id', 't.id').selectAll('t').execute();`,
      errors: [{ messageId: 'selectStar' }],
    },
  ],
});

describe('no-select-star messages', () => {
  // Many stars read narrow tables whose every column the code uses: the message must not claim otherwise.
  it('claims nothing about which columns the code reads', () => {
    expect(rule.meta.messages.selectStar).not.toMatch(/never uses|not use/);
  });
});

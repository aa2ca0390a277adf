import rule from '../../rules/prefer-parameterized-query';
import { typedRuleTester, untypedRuleTester } from '../rule-tester';

const PG = "import { Pool } from 'pg'; const pool = new Pool();\n";
const MYSQL = "import mysql from 'mysql2/promise'; const connection = await mysql.createConnection({});\n";
const PRISMA = "import { PrismaClient, Prisma } from '@prisma/client'; const prisma = new PrismaClient();\n";
const SEQUELIZE = "import { Sequelize, QueryTypes } from 'sequelize'; const sequelize = new Sequelize('postgres://');\n";
const KNEX = "import knex from 'knex'; const db = knex({ client: 'pg' });\n";
const TYPEORM = "import { DataSource } from 'typeorm'; const dataSource = new DataSource({ type: 'postgres' });\n";
const EXPRESS = "import express from 'express'; const app = express();\n";
const PG_PROMISE = "import pgPromise from 'pg-promise'; const db = pgPromise()('postgres://');\n";

const PG_FIX = 'Write `$1`, `$2`, … and pass the values: `pool.query(text, [value])`.';
const GENERIC_FIX = 'Write placeholders (`$1` for PostgreSQL, `?` for MySQL) and pass the values in the parameters array: `.query(sql, [value])`.';
const ALLOW_LIST_FIX = "Choose identifiers and fragments from a fixed allow-list (`const column = SORT_COLUMNS[req.query.sort] ?? 'id'`).";

function value(api: string, hole: string, fix: string) {
  return { messageId: 'interpolatedValue' as const, data: { api, hole, fix } };
}
function fromRequest(api: string, hole: string, fix = ALLOW_LIST_FIX, origin = '') {
  return { messageId: 'requestInput' as const, data: { api, hole, fix, origin } };
}

untypedRuleTester().run('prefer-parameterized-query', rule, {
  valid: [
    // Schema statements take no bound parameters: a partition per day (Nango), an index per tenant, a grant.
    KNEX + "export async function addPartition(day: Date, next: Date, name: string) { await db.raw(`CREATE TABLE IF NOT EXISTS \"${name}\" PARTITION OF records FOR VALUES FROM ('${day.toISOString()}') TO ('${next.toISOString()}')`); }",
    PG + "export async function indexFor(tenant: string) { await pool.query(`CREATE INDEX IF NOT EXISTS idx_${tenant}_email ON ${tenant}.users (email)`); }",
    PG + "export async function tableFor(model: string) { await pool.query(`DO $$ BEGIN CREATE TABLE IF NOT EXISTS emb_${model} (id int); END $$;`); }",
    PG + "export async function dropOld(table: string) { await pool.query('DROP TABLE IF EXISTS ' + table); }",
    // A look at the database's catalogs or a call of its replication functions, with the client's configuration
    // spliced in: set-up, sent with the same values each time (Trigger.dev's logical replication client).
    PG + "export class Replication { constructor(private readonly options: { slot: string; publication: string }) {}\n  async slotExists() { const res = await pool.query(`SELECT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = '${this.options.slot}');`); return res.rows[0].exists; }\n  async tables() { return pool.query(`SELECT schemaname, tablename FROM pg_publication_tables WHERE pubname = '${this.options.publication}'`); }\n  async create() { return pool.query(`SELECT * FROM pg_create_logical_replication_slot('${this.options.slot}', 'pgoutput')`); }\n  async drop() { return pool.query(`SELECT pg_drop_replication_slot('${this.options.slot}');`); } }",
    PG + "export async function columns(table: string) { return pool.query(`SELECT column_name FROM information_schema.columns AS c, pg_catalog.pg_namespace n WHERE c.table_name = '${table}' AND n.nspname = 'public'`); }",
    PG + "export async function hasDocId(table: string) { return pool.query(`SELECT COUNT(*) AS count FROM pragma_table_info('${table}') WHERE name = 'doc_id'`); }",
    PG + "export async function grant(role: string) { await pool.query(`GRANT SELECT ON reports TO ${role}`); }",
    PG + "export async function comment(table: string, text: string) { await pool.query(`COMMENT ON TABLE ${table} IS '${text}'`); }",
    // Values bound as parameters.
    PG + "await pool.query('SELECT id FROM users WHERE email = $1', [email]);",
    MYSQL + "await connection.execute('SELECT id FROM users WHERE id = ?', [id]);",
    SEQUELIZE + "await sequelize.query('SELECT id FROM users WHERE name = :name', { replacements: { name }, type: QueryTypes.SELECT });",
    TYPEORM + "await dataSource.query('SELECT id FROM users WHERE id = $1', [id]);",
    KNEX + "await db.raw('?? = ?', [column, value]);",
    KNEX + "await db('users').whereRaw('lower(email) = lower(?)', [email]);",
    // SQL tags bind every hole.
    "import { sql } from 'drizzle-orm'; await db.execute(sql`SELECT id FROM users WHERE id = ${id}`);",
    PRISMA + 'await prisma.$queryRaw`SELECT id FROM "User" WHERE email = ${email}`;',
    PRISMA + 'await prisma.$queryRaw(Prisma.sql`SELECT id FROM "User" WHERE email = ${email} ${Prisma.sql`AND name = ${name}`}`);',
    "import { sql } from 'kysely'; await sql`SELECT id FROM person WHERE id = ${id}`.execute(db);",
    "import SQL from 'sql-template-strings'; await pool.query(SQL`SELECT id FROM users WHERE email = ${email}`);",
    // Constants of the code: module constants, enum members, `as const` objects, class properties, imports, configuration.
    PG + "const TABLE = 'users';\nawait pool.query(`SELECT id FROM ${TABLE} WHERE id = $1`, [id]);",
    PG + "enum Status { Active = 'active', Closed = 'closed' }\nawait pool.query(`SELECT id FROM orders WHERE status = '${Status.Active}'`);",
    PG + "const COLUMNS = { name: 'name', date: 'created_at' } as const;\nawait pool.query(`SELECT id FROM users ORDER BY ${COLUMNS.date} DESC`);",
    PG + "import { DEFAULT_STATUS } from './constants';\nawait pool.query(`SELECT id FROM orders WHERE status = '${DEFAULT_STATUS}'`);",
    PG + 'await pool.query(`SELECT id FROM ${process.env.DB_SCHEMA}.users WHERE id = $1`, [id]);',
    PG + "class Users { private readonly table = 'users'; byId(id: number) { return pool.query(`SELECT id FROM ${this.table} WHERE id = $1`, [id]); } }",
    PG + "const base = 'SELECT id ' + 'FROM users';\nawait pool.query(base + ' WHERE id = $1', [id]);",
    // Allow-listed identifiers chosen from request input: a lookup in a fixed map, a ternary of literals, a switch, an includes guard.
    PG + EXPRESS + "const SORT_COLUMNS: Record<string, string> = { name: 'name', date: 'created_at' };\napp.get('/users', async (req, res) => {\n  const column = SORT_COLUMNS[String(req.query.sort)] ?? 'created_at';\n  res.json(await pool.query(`SELECT id FROM users ORDER BY ${column}`));\n});",
    PG + EXPRESS + "app.get('/users', async (req, res) => {\n  const direction = req.query.dir === 'desc' ? 'DESC' : 'ASC';\n  res.json(await pool.query(`SELECT id FROM users ORDER BY id ${direction}`));\n});",
    PG + EXPRESS + "app.get('/users', async (req, res) => {\n  let direction;\n  switch (req.query.dir) {\n    case 'desc': direction = 'DESC'; break;\n    default: direction = 'ASC';\n  }\n  res.json(await pool.query(`SELECT id FROM users ORDER BY id ${direction}`));\n});",
    PG + EXPRESS + "const ALLOWED = ['name', 'email', 'created_at'];\napp.get('/users', async (req, res) => {\n  const sort = ALLOWED.includes(req.query.sort) ? req.query.sort : 'id';\n  res.json(await pool.query(`SELECT id FROM users ORDER BY ${sort}`));\n});",
    PG + "const SORTS = new Map([['newest', 'created_at DESC'], ['oldest', 'created_at ASC']]);\nexport function list(sort: string) { return pool.query(`SELECT id FROM users ORDER BY ${SORTS.get(sort) ?? 'id'}`); }",
    // Generated placeholder lists.
    PG + "const placeholders = ids.map((_, i) => `$${i + 1}`).join(', ');\nawait pool.query(`SELECT id FROM users WHERE id IN (${placeholders})`, ids);",
    MYSQL + "await connection.execute(`SELECT id FROM users WHERE id IN (${ids.map(() => '?').join(',')})`, ids);",
    SEQUELIZE + "await sequelize.query(`SELECT id FROM users WHERE id IN (${Array(ids.length).fill('?').join()})`, { replacements: ids });",
    PG + "await pool.query(`INSERT INTO tags (name) VALUES ${Array.from({ length: names.length }, (_, i) => `($${i + 1})`).join(', ')}`, names);",
    PG + "await pool.query(`SELECT id FROM users WHERE id IN (${'?, '.repeat(ids.length - 1)}?)`, ids);",
    MYSQL + "function placeholders(count: number) { return Array.from({ length: count }, () => '?').join(', '); }\nexport const byIds = (ids: number[]) => connection.execute(`SELECT id FROM users WHERE id IN (${placeholders(ids.length)})`, ids);",
    // pg-promise named placeholders made from names, with the values in the parameters object (crowd.dev's data layer).
    PG_PROMISE + "export async function insertOrganization(data: Record<string, unknown>) {\n  const columns = Object.keys(data);\n  const query = `\n    insert into organizations(${columns.map((c) => `\"${c}\"`).join(', ')})\n    values(${columns.map((c) => `$(${c})`).join(', ')})\n  `;\n  return db.result(query, data);\n}",
    PG_PROMISE + "export function insert(row: Record<string, unknown>, columns: string[]) { return db.none(`INSERT INTO events (${columns.join(', ')}) VALUES (${columns.map((c) => `$<${c}>`).join(', ')})`, row); }",
    PG_PROMISE + "export function insert(row: Record<string, unknown>, columns: string[]) { return db.none(`INSERT INTO events (${columns.join(', ')}) VALUES (${columns.map((c) => `\\${${c}:json}`).join(', ')})`, row); }",
    PG_PROMISE + "export function byKeys(filter: Record<string, unknown>, keys: string[]) { return db.any(`SELECT id FROM users WHERE name IN (${keys.map((k) => `$[${k}~]`).join(', ')}) OR email IN (${keys.map((k) => '$/' + k + ':name/').join(', ')})`, filter); }",
    // Numbers cannot inject SQL (reported only with `reportSafeInterpolation`), nor can escaped literals or identifiers.
    PG + 'await pool.query(`SELECT id FROM users ORDER BY id LIMIT ${Number(limit)} OFFSET ${parseInt(offset, 10)}`);',
    PG + 'await pool.query(`SELECT id FROM users WHERE id IN (${ids.map(Number).join(\',\')})`);',
    PG + 'await pool.query(`SELECT id FROM users WHERE email = ${pool.escapeLiteral(email)} ORDER BY ${pool.escapeIdentifier(column)}`);',
    PG + "export function list(direction: 'ASC' | 'DESC', limit: number) { return pool.query(`SELECT id FROM users ORDER BY id ${direction} LIMIT ${limit}`); }",
    // A number default types the parameter `number` in TypeScript, and arithmetic keeps it one.
    PG + "export function dueSoon(hoursAhead = 24) { return pool.query(`SELECT id FROM invoices WHERE due < now() + interval '${String(hoursAhead + 1)} hours'`); }",
    // A placeholder list from a helper this file cannot see, named for what it makes (teable's inherited createSqlPlaceholders).
    MYSQL + "import { placeholders } from './sql';\nexport const byIds = (ids: number[]) => connection.execute(`SELECT id FROM users WHERE id IN (${placeholders(ids.length)})`, ids);",
    "import type { Knex } from 'knex';\nimport { BaseFilter } from './base-filter';\nexport class NotInFilter extends BaseFilter { apply(builder: Knex.QueryBuilder, values: string[]) { builder.whereRaw(`COALESCE(??, '') NOT IN (${this.createSqlPlaceholders(values)})`, ['name', ...values]); return builder; } }",
    // A builder method that keeps the value among the parameters and returns its placeholder (Dittofeed's ClickHouse queries).
    "import { createClient } from '@clickhouse/client';\nimport { ClickHouseQueryBuilder } from './clickhouse';\nconst ch = createClient();\nexport function byWorkspace(workspaceId: string) { const qb = new ClickHouseQueryBuilder(); const ws = qb.addQueryValue(workspaceId, 'String'); return ch.query({ query: `SELECT id FROM events WHERE workspace_id = ${ws}`, query_params: qb.getQueries() }); }",
    // Fragments of unknown origin in structural positions: usually assembled with their own placeholders.
    PG + "export function search(conditions: string[], params: unknown[]) {\n  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';\n  return pool.query(`SELECT id FROM users ${where} ORDER BY id`, params);\n}",
    PG + 'export function find(column: string, value: unknown) { return pool.query(`SELECT id FROM users WHERE ${column} = $1`, [value]); }',
    // TypeORM conditions with named parameters; knex's where takes a column, not SQL.
    TYPEORM + "await dataSource.getRepository(User).createQueryBuilder('user').where('user.name = :name', { name }).andWhere(`user.status = '${Status.Active}'`).getMany();\nenum Status { Active = 'active' }",
    KNEX + "await db('users').where(`${prefix}_name`, name);",
    // Not SQL sent to a database.
    "logger.info(`SELECT id FROM users WHERE email = '${email}'`);",
    "const text = `SELECT id FROM users WHERE id = ${id}`; res.send(text);",
    'search.query(`name:${term} AND status:active`);',
    "client.query(`query { user(id: \"${id}\") { name } }`);",
    // Tests and migrations may splice what they like.
    { code: PG + "await pool.query(`SELECT id FROM users WHERE email = '${email}'`);", filename: 'src/users.test.ts' },
    { code: 'export async function up(knex) { await knex.raw(`ALTER TABLE ${table} ADD COLUMN ${column} text`); }', filename: 'src/migrations/001_add.ts' },
  ],
  invalid: [
    // pg: a value inside an SQL string, and after `=` by concatenation.
    { code: PG + "await pool.query(`SELECT id FROM users WHERE email = '${email}'`);", errors: [value('pool.query(…)', 'email', PG_FIX)] },
    { code: PG + "await pool.query('SELECT id FROM users WHERE id = ' + id);", errors: [value('pool.query(…)', 'id', PG_FIX)] },
    { code: PG + "await pool.query({ text: `UPDATE users SET name = '${name}' WHERE id = $1`, values: [id] });", errors: [value('pool.query(…)', 'name', PG_FIX)] },
    { code: PG + 'await pool.query(`INSERT INTO tags (name, color) VALUES ($1, $2), (${name}, ${color})`, [a, b]);', errors: [value('pool.query(…)', 'name', PG_FIX)] },
    // mysql2: an IN list joined from values.
    {
      code: MYSQL + "await connection.execute(`SELECT id FROM users WHERE id IN (${ids.join(',')})`);",
      errors: [value('connection.execute(…)', "ids.join(',')", 'Write `?` and pass the values: `connection.execute(sql, [value])` (mysql2 prepares the statement once and caches it).')],
    },
    // pg-promise: a filter that splices the value (`:raw`, `^`) or leaves it unquoted (`:value`, `#`), a hole no placeholder wraps.
    { code: PG_PROMISE + "export function insert(row: object, columns: string[]) { return db.none(`INSERT INTO events VALUES (${columns.map((c) => `$(${c}:raw)`).join(', ')})`, row); }", errors: [value('db.none(…)', 'columns.map((c) => `$(${c}:raw)`).join(…', GENERIC_FIX)] },
    { code: PG_PROMISE + "export function insert(row: object, columns: string[]) { return db.none(`INSERT INTO events VALUES (${columns.map((c) => `$<${c}^>`).join(', ')})`, row); }", errors: [value('db.none(…)', "columns.map((c) => `$<${c}^>`).join(', …", GENERIC_FIX)] },
    { code: PG_PROMISE + "export function insert(row: object, columns: string[]) { return db.none(`INSERT INTO events VALUES (${columns.map((c) => `$(${c}:value)`).join(', ')})`, row); }", errors: [value('db.none(…)', 'columns.map((c) => `$(${c}:value)`).joi…', GENERIC_FIX)] },
    { code: PG_PROMISE + "export function insert(values: string[]) { return db.none(`INSERT INTO events VALUES (${values.join(',')})`); }", errors: [value('db.none(…)', "values.join(',')", GENERIC_FIX)] },
    { code: PG_PROMISE + "export function insert(values: string[]) { return db.none(`INSERT INTO events VALUES (${values.map((v) => `'${v}'`).join(',')})`); }", errors: [value('db.none(…)', "values.map((v) => `'${v}'`).join(',')", GENERIC_FIX)] },
    { code: PG_PROMISE + "export function insert(values: string[]) { return db.none(`INSERT INTO events VALUES (${values.map((v) => '$(' + v).join(',')})`); }", errors: [value('db.none(…)', "values.map((v) => '$(' + v).join(',')", GENERIC_FIX)] },
    // Names from the request: the placeholders are safe, the column list is not.
    {
      code: PG_PROMISE + EXPRESS + "app.post('/events', async (req, res) => {\n  const columns = Object.keys(req.body);\n  await db.none(`INSERT INTO events (${columns.join(', ')}) VALUES (${columns.map((c) => `$(${c})`).join(', ')})`, req.body);\n  res.end();\n});",
      errors: [fromRequest('db.none(…)', "columns.join(', ')", ALLOW_LIST_FIX, ' (`req.body`)')],
    },
    {
      code: PG_PROMISE + EXPRESS + "app.patch('/events/:id', async (req, res) => {\n  const keys = Object.keys(req.body);\n  await db.none(`UPDATE events SET ${keys.map((k) => `${k} = $(${k})`).join(', ')} WHERE id = $(id)`, { ...req.body, id: req.params.id });\n  res.end();\n});",
      errors: [fromRequest('db.none(…)', 'keys.map((k) => `${k} = $(${k})`).join(…', ALLOW_LIST_FIX, ' (`req.body`)')],
    },
    // Prisma's unsafe raw queries.
    {
      code: PRISMA + "await prisma.$queryRawUnsafe(`SELECT id FROM \"User\" WHERE email = '${email}'`);",
      errors: [value('prisma.$queryRawUnsafe(…)', 'email', 'Use `prisma.$queryRaw`…${value}…`` (the tag binds every value), or write `$1`, `$2`, … and pass the values as further arguments.')],
    },
    // Sequelize, TypeORM, knex.
    {
      code: SEQUELIZE + "await sequelize.query(`SELECT id FROM users WHERE name LIKE '%${q}%'`, { type: QueryTypes.SELECT });",
      errors: [value('sequelize.query(…)', 'q', 'Write `:name` and pass `replacements: { name }` (or `$1` with `bind: [value]`) in the options.')],
    },
    { code: TYPEORM + 'await dataSource.query(`SELECT id FROM users ORDER BY id LIMIT ${limit}`);', errors: [value('dataSource.query(…)', 'limit', GENERIC_FIX)] },
    {
      code: KNEX + "await db('users').whereRaw(`email = '${email}'`);",
      errors: [value("db('users').whereRaw(…)", 'email', "Write `?` (`??` for an identifier) and pass the values as bindings: `.whereRaw('… = ?', [value])`.")],
    },
    { code: KNEX + 'await db.raw(`SELECT id FROM users WHERE id = ${id}`);', errors: [value('db.raw(…)', 'id', "Write `?` (`??` for an identifier) and pass the values as bindings: `knex.raw('… = ?', [value])`.")] },
    // TypeORM query-builder conditions are SQL fragments.
    {
      code: TYPEORM + "await dataSource.getRepository(User).createQueryBuilder('user').where(`user.name = '${name}'`).getMany();",
      errors: [value('where(…)', 'name', "Write `:name` and pass the values as parameters: `.where('user.name = :name', { name })`.")],
    },
    // SQL kept in a constant and sent later; a fragment built from values.
    { code: PG + "export async function byEmail(email: string) {\n  const where = `email = '${email}'`;\n  return pool.query(`SELECT id FROM users WHERE ${where}`);\n}", errors: [value('pool.query(…)', 'email', PG_FIX)] },
    // Request input in a structural position: identifiers and fragments from the client.
    { code: PG + EXPRESS + "app.get('/users', async (req, res) => {\n  res.json(await pool.query(`SELECT id FROM users ORDER BY ${req.query.sort}`));\n});", errors: [fromRequest('pool.query(…)', 'req.query.sort')] },
    // Request input in a schema statement is still an injection; so is a value after a SELECT that only looks like DDL text.
    { code: PG + EXPRESS + "app.post('/tenants/:name', async (req, res) => {\n  await pool.query(`CREATE SCHEMA ${req.params.name}`);\n  res.end();\n});", errors: [fromRequest('pool.query(…)', 'req.params.name')] },
    { code: PG + "export async function find(name: string) { return pool.query(`SELECT id FROM audit WHERE action = 'CREATE TABLE' AND actor = '${name}'`); }", errors: [value('pool.query(…)', 'name', PG_FIX)] },
    // An application table beside a catalog (after a comma or a JOIN), a FROM inside a function call, and a catalog
    // asked with what the client sent: the usual verdicts.
    { code: PG + "export async function find(id: string) { return pool.query(`SELECT c.relname FROM pg_class c, users u WHERE u.id = '${id}'`); }", errors: [value('pool.query(…)', 'id', PG_FIX)] },
    { code: PG + "export async function find(id: string) { return pool.query(`SELECT u.name FROM pg_roles r JOIN users u ON u.role = r.rolname WHERE u.id = '${id}'`); }", errors: [value('pool.query(…)', 'id', PG_FIX)] },
    { code: PG + "export async function age(id: string) { return pool.query(`SELECT EXTRACT(EPOCH FROM pg_postmaster_start_time()) AS t FROM events WHERE id = '${id}'`); }", errors: [value('pool.query(…)', 'id', PG_FIX)] },
    { code: PG + EXPRESS + "app.get('/slots/:name', async (req, res) => { res.json((await pool.query(`SELECT 1 FROM pg_replication_slots WHERE slot_name = '${req.params.name}'`)).rows); });", errors: [fromRequest('pool.query(…)', 'req.params.name', PG_FIX)] },
    { code: PG + EXPRESS + "app.post('/tables/:name', async (req, res) => {\n  await pool.query(`DO $$ BEGIN CREATE TABLE ${req.params.name} (id int); END $$;`);\n  res.end();\n});", errors: [fromRequest('pool.query(…)', 'req.params.name', PG_FIX)] },
    {
      code: PG + "import Fastify from 'fastify'; const fastify = Fastify();\nfastify.get('/users', async (request, reply) => {\n  const { sort } = request.query as { sort: string };\n  return pool.query(`SELECT id FROM users ORDER BY ${sort}`);\n});",
      errors: [fromRequest('pool.query(…)', 'sort', ALLOW_LIST_FIX, ' (`request.query`)')],
    },
    {
      code: PG + EXPRESS + "app.get('/users', async (req, res) => {\n  let direction = 'ASC';\n  if (req.query.dir) direction = String(req.query.dir);\n  res.json(await pool.query(`SELECT id FROM users ORDER BY id ${direction}`));\n});",
      errors: [fromRequest('pool.query(…)', 'direction', ALLOW_LIST_FIX, ' (`req.query.dir`)')],
    },
    {
      code: PG + "import { Controller, Get, Query } from '@nestjs/common';\n@Controller('users')\nexport class UsersController {\n  @Get()\n  list(@Query('sort') sort: string) {\n    return pool.query(`SELECT id FROM users ORDER BY ${sort}`);\n  }\n}",
      errors: [fromRequest('pool.query(…)', 'sort', ALLOW_LIST_FIX, " (`@Query('sort')`)")],
    },
    {
      code: PG + "import Router from '@koa/router'; const router = new Router();\nrouter.get('/users', async (ctx, next) => {\n  ctx.body = await pool.query(`SELECT id FROM users ORDER BY ${ctx.query.sort}`);\n});",
      errors: [fromRequest('pool.query(…)', 'ctx.query.sort')],
    },
    {
      code: PG + "import { Hono } from 'hono'; const app = new Hono();\napp.get('/users', async (c) => c.json(await pool.query(`SELECT id FROM users WHERE name = '${c.req.query('name')}'`)));",
      errors: [fromRequest('pool.query(…)', "c.req.query('name')", PG_FIX)],
    },
    {
      code: PG + "import type { NextRequest } from 'next/server';\nexport async function GET(request: NextRequest) {\n  const sort = request.nextUrl.searchParams.get('sort');\n  return Response.json(await pool.query(`SELECT id FROM users ORDER BY ${sort}`));\n}",
      filename: 'app/api/users/route.ts',
      errors: [fromRequest('pool.query(…)', "request.nextUrl.searchParams.get('sort')")],
    },
    // A raw fragment inside a tagged template.
    {
      code: "import { sql } from 'drizzle-orm';\n" + EXPRESS + "app.get('/users', async (req, res) => {\n  res.json(await db.execute(sql`SELECT id FROM users ORDER BY ${sql.raw(req.query.sort)}`));\n});",
      errors: [fromRequest('sql`…`', 'req.query.sort')],
    },
    // The same constant reaching two queries is reported once.
    {
      code: PG + "export function search(term: string) {\n  const q = `SELECT id FROM users WHERE name = '${term}'`;\n  return Promise.all([pool.query(q), pool.query(q)]);\n}",
      errors: [value('pool.query(…)', 'term', PG_FIX)],
    },
    // The default says nothing about a parameter declared wider, or in plain JavaScript.
    {
      code: PG + "export function dueSoon(hoursAhead: string | number = 24) { return pool.query(`SELECT id FROM invoices WHERE due < now() + interval '${hoursAhead} hours'`); }",
      errors: [value('pool.query(…)', 'hoursAhead', PG_FIX)],
    },
    {
      code: PG + "export function dueSoon(hoursAhead = 24) { return pool.query(`SELECT id FROM invoices WHERE due < now() + interval '${hoursAhead} hours'`); }",
      filename: 'jobs.js',
      errors: [value('pool.query(…)', 'hoursAhead', PG_FIX)],
    },
    // With `reportSafeInterpolation`: numbers and escaped literals still make a statement per value.
    {
      code: PG + 'await pool.query(`SELECT id FROM users WHERE id = ${Number(id)}`);',
      options: [{ reportSafeInterpolation: true }],
      errors: [{ messageId: 'newStatementPerValue', data: { api: 'pool.query(…)', hole: 'Number(id)', fix: PG_FIX } }],
    },
    {
      code: PG + 'await pool.query(`SELECT id FROM users WHERE email = ${pool.escapeLiteral(email)}`);',
      options: [{ reportSafeInterpolation: true }],
      errors: [{ messageId: 'newStatementPerValue', data: { api: 'pool.query(…)', hole: 'pool.escapeLiteral(email)', fix: PG_FIX } }],
    },
  ],
});

typedRuleTester().run('prefer-parameterized-query (typed)', rule, {
  valid: [
    // The types say these values come from a fixed set.
    "import { Pool } from 'pg';\ndeclare const pool: Pool;\ndeclare function status(): 'active' | 'closed';\nexport const rows = pool.query(`SELECT id FROM orders WHERE status = '${status()}'`);",
    "import { Pool } from 'pg';\ndeclare const pool: Pool;\ndeclare const order: { status: 'active' | 'closed' };\nexport const rows = pool.query(`SELECT id FROM orders WHERE status = '${order.status}'`);",
    "import { Pool } from 'pg';\nenum Status { Active = 'active', Closed = 'closed' }\ndeclare const pool: Pool;\ndeclare const filter: { status: Status };\nexport const rows = pool.query(`SELECT id FROM orders WHERE status = '${filter.status}'`);",
    // A number-typed value: not injectable.
    "import { Pool } from 'pg';\ndeclare const pool: Pool;\ndeclare const user: { id: number };\nexport const rows = pool.query(`SELECT id FROM orders WHERE user_id = ${user.id}`);",
    // Bound parameters and tags.
    "import { Pool } from 'pg';\ndeclare const pool: Pool;\ndeclare const email: string;\nexport const rows = pool.query('SELECT id FROM users WHERE email = $1', [email]);",
    "import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\ndeclare const email: string;\nexport const rows = prisma.$queryRaw`SELECT id FROM \"User\" WHERE email = ${email}`;",
    "import type { Knex } from 'knex';\ndeclare const db: Knex;\ndeclare const column: string;\ndeclare const value: string;\nexport const rows = db.raw('?? = ?', [column, value]);",
    "import type { Repository } from 'typeorm';\ninterface User { id: number; name: string }\ndeclare const users: Repository<User>;\ndeclare const name: string;\nexport const rows = users.createQueryBuilder('u').where('u.name = :name', { name }).getMany();",
    // A look-alike of a query API declared in this file: the text is not a statement and the receiver is no SQL client.
    "const search = { query(text: string) { return text; } };\ndeclare const term: string;\nexport const hits = search.query(`title:'${term}'`);",
    "import { Sequelize } from 'sequelize';\ndeclare const sequelize: Sequelize;\ndeclare const ids: number[];\nexport const rows = sequelize.query(`SELECT id FROM users WHERE id IN (${ids.map(() => '?').join(', ')})`, { replacements: ids });",
    // pg-promise named placeholders made from column names; the values go in the parameters object.
    "import type { IDatabase } from 'pg-promise';\ndeclare const db: IDatabase<{}>;\nexport function insert(data: Record<string, unknown>) {\n  const columns = Object.keys(data);\n  return db.result(`insert into organizations(${columns.map((c) => `\"${c}\"`).join(', ')}) values(${columns.map((c) => `$(${c})`).join(', ')})`, data);\n}",
  ],
  invalid: [
    {
      code: "import type { IDatabase } from 'pg-promise';\ndeclare const db: IDatabase<{}>;\nexport function insert(data: Record<string, unknown>) {\n  const columns = Object.keys(data);\n  return db.result(`insert into organizations values(${columns.map((c) => `$(${c}:raw)`).join(', ')})`, data);\n}",
      errors: [value('db.result(…)', 'columns.map((c) => `$(${c}:raw)`).join(…', GENERIC_FIX)],
    },
    {
      // Only the type says the receiver takes SQL: the text starts with a hole.
      code: "import { Pool } from 'pg';\ndeclare const pool: Pool;\ndeclare const prefix: string;\ndeclare const email: string;\nexport const rows = pool.query(prefix + ` WHERE email = '${email}'`);",
      errors: [value('pool.query(…)', 'email', PG_FIX)],
    },
    {
      code: "import { Pool } from 'pg';\ndeclare const pool: Pool;\ndeclare function status(): string;\nexport const rows = pool.query(`SELECT id FROM orders WHERE status = '${status()}'`);",
      errors: [value('pool.query(…)', 'status()', PG_FIX)],
    },
    {
      code: "import mysql from 'mysql2/promise';\ndeclare const connection: mysql.Connection;\ndeclare const ids: string[];\nexport const rows = connection.execute(`SELECT id FROM users WHERE id IN (${ids.join(',')})`);",
      errors: [value('connection.execute(…)', "ids.join(',')", 'Write `?` and pass the values: `connection.execute(sql, [value])` (mysql2 prepares the statement once and caches it).')],
    },
    {
      code: "import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\ndeclare const email: string;\nexport const rows = prisma.$queryRawUnsafe(`SELECT id FROM \"User\" WHERE email = '${email}'`);",
      errors: [value('prisma.$queryRawUnsafe(…)', 'email', 'Use `prisma.$queryRaw`…${value}…`` (the tag binds every value), or write `$1`, `$2`, … and pass the values as further arguments.')],
    },
    {
      code: "import { Sequelize } from 'sequelize';\ndeclare const sequelize: Sequelize;\ndeclare const q: string;\nexport const rows = sequelize.query(`SELECT id FROM users WHERE name LIKE '%${q}%'`);",
      errors: [value('sequelize.query(…)', 'q', 'Write `:name` and pass `replacements: { name }` (or `$1` with `bind: [value]`) in the options.')],
    },
    {
      code: "import { DataSource } from 'typeorm';\ndeclare const dataSource: DataSource;\ndeclare const name: string;\nexport const rows = dataSource.query(`SELECT id FROM users WHERE name = '${name}'`);",
      errors: [value('dataSource.query(…)', 'name', GENERIC_FIX)],
    },
    {
      code: "import type { Knex } from 'knex';\ndeclare const db: Knex;\ndeclare const email: string;\nexport const rows = db('users').whereRaw(`email = '${email}'`);",
      errors: [value("db('users').whereRaw(…)", 'email', "Write `?` (`??` for an identifier) and pass the values as bindings: `.whereRaw('… = ?', [value])`.")],
    },
    {
      code: "import type { Repository } from 'typeorm';\ninterface User { id: number; name: string }\ndeclare const users: Repository<User>;\ndeclare const name: string;\nexport const rows = users.createQueryBuilder('u').andWhere('u.name = \\'' + name + '\\'').getMany();",
      errors: [value("users.createQueryBuilder('u').andWhere(…)", 'name', "Write `:name` and pass the values as parameters: `.andWhere('user.name = :name', { name })`.")],
    },
    {
      // The request object is known by its type alone: neither its name nor an annotation says so.
      code: "import type { RequestHandler } from 'express';\nimport { Pool } from 'pg';\ndeclare const pool: Pool;\nexport const list: RequestHandler = async (r, w) => {\n  w.json(await pool.query(`SELECT id FROM users ORDER BY ${r.query.sort}`));\n};",
      errors: [fromRequest('pool.query(…)', 'r.query.sort')],
    },
    {
      code: "import express from 'express';\nimport { Pool } from 'pg';\ndeclare const pool: Pool;\nconst app = express();\napp.get('/users', async (req, res) => {\n  res.json(await pool.query(`SELECT id FROM users WHERE email = '${req.query.email}'`));\n});",
      errors: [fromRequest('pool.query(…)', 'req.query.email', PG_FIX)],
    },
  ],
});

// Objection: `raw(sql, bindings)` (imported, or a model's `raw`) takes SQL text though it sends none itself; its `whereRaw` is Knex's.
const OBJECTION = "import { Model, raw } from 'objection';\nclass Person extends Model { static tableName = 'persons'; }\n";
const OBJECTION_FIX = "Write `?` (`??` for an identifier) and pass the values as bindings: `raw('… = ?', [value])`.";
const objectionValid = [
  OBJECTION + "export async function f(name: string) { return Person.query().where(raw('lower(name) = lower(?)', [name])); }",
  OBJECTION + "export async function f(name: string) { return Person.query().whereRaw('lower(name) = ?', [name]); }",
];
const objectionInvalid = [
  {
    code: OBJECTION + "export async function f(name: string) { return Person.query().where(raw(`lower(name) = '${name}'`)); }",
    errors: [value('raw(…)', 'name', OBJECTION_FIX)],
  },
  {
    code: OBJECTION + "export async function f(name: string) { return Person.query().whereRaw(`name = '${name}'`); }",
    errors: [value('Person.query().whereRaw(…)', 'name', "Write `?` (`??` for an identifier) and pass the values as bindings: `.whereRaw('… = ?', [value])`.")],
  },
];
untypedRuleTester().run('prefer-parameterized-query: Objection', rule, { valid: objectionValid, invalid: objectionInvalid });
typedRuleTester().run('prefer-parameterized-query: Objection (typed)', rule, { valid: objectionValid, invalid: objectionInvalid });

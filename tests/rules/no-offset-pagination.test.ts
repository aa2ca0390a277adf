import rule from '../../rules/no-offset-pagination';
import { typedRuleTester, untypedRuleTester } from '../rule-tester';

const PRISMA = "import { PrismaClient } from '@prisma/client'; const prisma = new PrismaClient();\n";
const KNEX = "import knex from 'knex'; const db = knex({ client: 'pg' });\n";
const KYSELY = "import { Kysely } from 'kysely'; declare const dialect: any; const db = new Kysely<any>({ dialect });\n";
const DRIZZLE = "import { drizzle } from 'drizzle-orm/node-postgres'; import { users } from './schema'; const db = drizzle(process.env.DATABASE_URL!);\n";
const MONGOOSE = "import mongoose from 'mongoose'; const User = mongoose.model('User', new mongoose.Schema({ name: String }));\n";
const MONGODB = "import { MongoClient } from 'mongodb'; const users = new MongoClient('mongodb://localhost').db().collection('users');\n";
const SEQUELIZE = "import { Model } from 'sequelize'; class User extends Model {}\n";
const TYPEORM = "import { DataSource } from 'typeorm'; const dataSource = new DataSource({ type: 'postgres' }); const users = dataSource.getRepository(User);\n";
const PG = "import { Pool } from 'pg'; const pool = new Pool();\n";
const EXPRESS = "import express from 'express'; const app = express();\n";
const SEQUELIZE_QUERY = "import { QueryTypes, Sequelize } from 'sequelize';\n";
const OBJECTION = "import { Model } from 'objection'; class Person extends Model { static tableName = 'persons'; id!: number; name!: string }\n";

const FIX = {
  prisma: "`cursor: { id: lastId }, skip: 1, take: n, orderBy: { id: 'asc' }` (or `where: { id: { gt: lastId } }`)",
  typeorm: "`where: { id: MoreThan(lastId) }, order: { id: 'ASC' }, take: n` (query builder: `.where('u.id > :lastId', { lastId }).orderBy('u.id').take(n)`)",
  sequelize: "`where: { id: { [Op.gt]: lastId } }, order: [['id', 'ASC']], limit: n`",
  mongo: '`find({ _id: { $gt: lastId } }).sort({ _id: 1 }).limit(n)`',
  knex: "`.where('id', '>', lastId).orderBy('id').limit(n)`",
  objection: "`.where('id', '>', lastId).orderBy('id').limit(n)`",
  drizzle: '`.where(gt(users.id, lastId)).orderBy(users.id).limit(n)`',
  mikro: "`{ id: { $gt: lastId } }` with `orderBy: { id: 'asc' }, limit: n` (or `em.findByCursor()`)",
  sql: '`WHERE id > $1 ORDER BY id LIMIT $2`, with the last id of the previous page',
  mysql: '`WHERE id > ? ORDER BY id LIMIT ?`, with the last id of the previous page',
};

function fromRequest(form: string, input: string, fix: string) {
  return { messageId: 'offsetPagination' as const, data: { form, source: `a value from the request (\`${input}\`)`, fix } };
}
function fromCaller(form: string, parameter: string, fix: string) {
  return { messageId: 'offsetPagination' as const, data: { form, source: `a value the caller passes (\`${parameter}\`)`, fix } };
}

untypedRuleTester().run('no-offset-pagination', rule, {
  valid: [
    // Keyset pagination: Prisma's cursor with `skip: 1` stepping over the cursor row (the guide's example).
    PRISMA + EXPRESS + "app.get('/orders', async (req, res) => {\n  const after = req.query.after ? Number(req.query.after) : undefined;\n  res.json(await prisma.order.findMany({ take: 100, ...(after ? { cursor: { id: after }, skip: 1 } : {}), orderBy: { id: 'asc' } }));\n});",
    PRISMA + EXPRESS + "app.get('/orders', async (req, res) => {\n  res.json(await prisma.order.findMany({ cursor: { id: String(req.query.cursor) }, skip: req.query.cursor ? 1 : 0, take: 20 }));\n});",
    // `skip` on held values that are no query builders: a parser's, a local object's.
    "import { Parser } from './parser';\nexport function advance(offset: number) { const reader = new Parser('x'); reader.skip(offset); return reader.rest(); }",
    TYPEORM + "export function page(offset: number) { const pager = { skip(n: number) { return n; } }; pager.skip(offset); return users.find({ take: 20 }); }",
    // Keyset conditions already there.
    PRISMA + EXPRESS + "app.get('/users', async (req, res) => {\n  res.json(await prisma.user.findMany({ where: { id: { gt: Number(req.query.after) } }, take: 20, orderBy: { id: 'asc' } }));\n});",
    TYPEORM + EXPRESS + "app.get('/users', async (req, res) => {\n  res.json(await users.createQueryBuilder('u').where('u.id > :after', { after: req.query.after }).orderBy('u.id').skip(Number(req.query.skip)).take(20).getMany());\n});",
    MONGOOSE + EXPRESS + "app.get('/users', async (req, res) => {\n  res.json(await User.find({ _id: { $gt: req.query.after } }).sort({ _id: 1 }).skip(Number(req.query.skip)).limit(20));\n});",
    // Sorted by relevance to the input (Hoppscotch's search by `similarity(title, q)`), or at random: the database ranks
    // every match for any page, and no key would continue the order.
    PG + 'export function search(q: string, offset: number) { return pool.query(`SELECT id FROM collections WHERE title ILIKE $1 ORDER BY similarity(title, $2) DESC LIMIT 10 OFFSET ${offset}`, [`%${q}%`, q]); }',
    PG + 'export function search(q: string, offset: number) { return pool.query(`SELECT id FROM docs ORDER BY ts_rank(search_vector, plainto_tsquery(${q})) DESC LIMIT 10 OFFSET ${offset}`); }',
    PG + 'export function sample(offset: number) { return pool.query(`SELECT id FROM quotes ORDER BY random() LIMIT 5 OFFSET ${offset}`); }',
    // SQL that compares the column its ORDER BY leads with against a value: keyset pagination already (crowd.dev).
    SEQUELIZE_QUERY +
      'export class Runs {\n  constructor(private seq: Sequelize) {}\n  byState(page: number, perPage: number, lastCreatedAt: string) {\n    const query = `select id from "integrationRuns" where "createdAt" < :lastCreatedAt order by "createdAt" desc limit ${perPage} offset ${(page - 1) * perPage}`;\n    return this.seq.query(query, { replacements: { lastCreatedAt }, type: QueryTypes.SELECT });\n  }\n}',
    // …in a condition string pushed to a list that the statement joins.
    SEQUELIZE_QUERY +
      "export class Runs {\n  constructor(private seq: Sequelize) {}\n  byState(page: number, perPage: number, lastCreatedAt?: string) {\n    const replacements: any = {};\n    const conditions = [];\n    if (lastCreatedAt) {\n      replacements.lastCreatedAt = lastCreatedAt;\n      conditions.push('\"createdAt\" < :lastCreatedAt');\n    }\n    let conditionString = '';\n    if (conditions.length > 0) conditionString = ` and ${conditions.join(' and ')}`;\n    const query = `select id from \"integrationRuns\" where state = 'x' ${conditionString} order by \"createdAt\" desc limit ${perPage} offset ${(page - 1) * perPage}`;\n    return this.seq.query(query, { replacements, type: QueryTypes.SELECT });\n  }\n}",
    // …with a table alias, quotes and case that differ, a row comparison, a tagged template's hole, a subquery's own page.
    PG + 'export function page(after: string, skip: number) { return pool.query(`SELECT t.id FROM tasks t WHERE t."CreatedAt" >= $1 ORDER BY createdat LIMIT 20 OFFSET ${skip}`, [after]); }',
    PG + EXPRESS + "app.get('/users', async (req, res) => {\n  const { at, id, offset } = req.query;\n  res.json(await pool.query('SELECT u.id FROM users u WHERE u.tenant = 1 AND (u.created_at, u.id) < ($1, $2) ORDER BY u.created_at DESC, u.id DESC LIMIT 20 OFFSET $3', [at, id, offset]));\n});",
    PRISMA + EXPRESS + "app.get('/posts', async (req, res) => {\n  const skip = Number(req.query.skip);\n  res.json(await prisma.$queryRaw`SELECT id FROM \"Post\" WHERE (\"published\" AND \"createdAt\" > ${req.query.after}) ORDER BY \"createdAt\" LIMIT 20 OFFSET ${skip}`);\n});",
    PG + 'export function page(after: number, skip: number) { return pool.query(`SELECT * FROM (SELECT id FROM users WHERE id > $1 ORDER BY id LIMIT 20 OFFSET ${skip}) u ORDER BY u.id`, [after]); }',
    // Ordered by relevance to the input in a Kysely chain, directly or through a selected alias (Docmost's search).
    KYSELY + "import { sql } from 'kysely'; export function search(q: string, offset: number) { return db.selectFrom('pages').select(['id', sql<number>`ts_rank(tsv, to_tsquery(${q}))`.as('rank')]).orderBy('rank', 'desc').limit(25).offset(offset).execute(); }",
    KYSELY + "import { sql } from 'kysely'; export function search(q: string, offset: number) { return db.selectFrom('pages').select(['id']).orderBy(sql`similarity(title, ${q})`, 'desc').limit(25).offset(offset).execute(); }",
    // A query-builder adapter named for the step it forwards its parameter to (Gauzy's ORM-neutral builders).
    "import type { Knex } from 'knex';\nexport class Builder { constructor(private readonly qb: Knex.QueryBuilder) {} offset(offset: number) { this.qb.offset(offset); return this; } }",
    // An OFFSET without LIMIT in a subquery of a DELETE: every row after the newest n, not a page (Docmost).
    PG + 'export function trim(userId: string, keep: number) { return pool.query(`DELETE FROM sessions WHERE id IN (SELECT id FROM sessions WHERE user_id = $1 ORDER BY last_active_at DESC OFFSET ${keep})`, [userId]); }',
    // Constant offsets.
    PRISMA + 'export const second = prisma.user.findFirst({ skip: 1, orderBy: { createdAt: "desc" } });',
    SEQUELIZE + 'export const firstPage = User.findAll({ offset: 0, limit: 50 });',
    KYSELY + "const PAGE = 50; export const rows = db.selectFrom('person').selectAll().orderBy('id').limit(PAGE).offset(PAGE * 2).execute();",
    PG + "export const rows = pool.query('SELECT id FROM users ORDER BY id LIMIT 10 OFFSET 0');",
    // LIMIT alone is a page size, not an offset; a column named offset.
    PG + EXPRESS + "app.get('/users', async (req, res) => {\n  res.json(await pool.query(`SELECT id FROM users ORDER BY id LIMIT ${Math.min(Number(req.query.limit), 100)}`));\n});",
    PG + EXPRESS + "app.get('/zones', async (req, res) => {\n  res.json(await pool.query('SELECT name FROM zones WHERE offset = $1', [req.query.offset]));\n});",
    // Offsets the code computes itself: an internal batch job, a random row, pages chosen by a loop over fixed numbers.
    KNEX + "export async function reindexAll() {\n  for (let offset = 0; ; offset += 500) {\n    const rows = await db('users').orderBy('id').offset(offset).limit(500);\n    if (rows.length === 0) break;\n  }\n}",
    MONGOOSE + 'export async function randomUser(count: number) { return User.findOne().skip(Math.floor(Math.random() * count)); }',
    // A count over the same chain returns a number, not a page (erxes's tRPC conversation count).
    MONGOOSE + EXPRESS + "app.get('/users/count', async (req, res) => {\n  res.json(await User.find({ name: req.query.name }).skip(Number(req.query.skip) || 0).limit(20).countDocuments());\n});",
    PRISMA + 'export const firstThree = Promise.all([0, 1, 2].map((page) => prisma.post.findMany({ skip: page * 10, take: 10 })));',
    // `skip`/`offset` outside database calls.
    'export function visible(items: string[], offset: number) { return items.slice(offset); }',
    "import _ from 'lodash'; export function rest(items: number[], page: number) { return _.drop(items, page * 10); }",
    'export function paging(page: number) { return { skip: page * 10, take: 10 }; }',
    "import { skip } from 'rxjs/operators'; export function tail(source$: any, n: number) { return source$.pipe(skip(n)); }",
    'export function advance(reader: { skip(n: number): void }, n: number) { reader.skip(n); }',
    // Relation options nested inside another option are not the query's own offset.
    PRISMA + "export function withPosts(id: number, page: number) { return prisma.user.findUnique({ where: { id }, include: { posts: { skip: page * 5, take: 5 } } }); }",
    // A MongoDB filter on a field called `skip` (options come second).
    MONGODB + EXPRESS + "app.get('/rules', async (req, res) => { res.json(await users.find({ skip: req.query.skip }).toArray()); });",
    // Objection's `page` and `range` with a constant start (the size may come from the request), a page index the
    // code chooses itself, a start without an end (`range()` only counts), a keyset condition on the chain.
    OBJECTION + EXPRESS + "app.get('/people', async (req, res) => {\n  res.json(await Person.query().orderBy('id').page(0, Number(req.query.size)));\n});",
    OBJECTION + EXPRESS + "app.get('/people', async (req, res) => {\n  res.json(await Person.query().orderBy('id').range(0, Number(req.query.end)));\n});",
    OBJECTION + "export async function exportAll() {\n  for (let page = 0; ; page++) {\n    const { results } = await Person.query().orderBy('id').page(page, 500);\n    if (results.length === 0) break;\n  }\n}",
    OBJECTION + EXPRESS + "app.get('/people', async (req, res) => {\n  res.json(await Person.query().where('name', String(req.query.name)).range());\n});",
    OBJECTION + EXPRESS + "app.get('/people', async (req, res) => {\n  res.json(await Person.query().where('id', '>', Number(req.query.after)).orderBy('id').page(Number(req.query.page), 20));\n});",
    // `page` and `range` on values that are no Objection builders, in a file that uses Objection.
    OBJECTION + EXPRESS + "import { paginator } from './paginator';\napp.get('/people', async (req, res) => {\n  res.json(paginator.page(Number(req.query.page), 20));\n});",
    OBJECTION + EXPRESS + "import _ from 'lodash';\napp.get('/people', async (req, res) => {\n  const ids = _.range(Number(req.query.from), Number(req.query.to));\n  res.json(await Person.query().findByIds(ids));\n});",
    OBJECTION + EXPRESS + "import puppeteer from 'puppeteer';\napp.get('/shot', async (req, res) => {\n  const browser: any = await puppeteer.launch();\n  res.json(await browser.page(Number(req.query.page), 1));\n});",
    // Tests and scripts page however they like.
    { code: PRISMA + 'export function page(n: number) { return prisma.user.findMany({ skip: n * 10, take: 10 }); }', filename: 'src/users.test.ts' },
    { code: KNEX + 'export function page(n: number) { return db("users").offset(n * 100).limit(100); }', filename: 'scripts/export-users.ts' },
  ],
  invalid: [
    // Prisma, from the request and from a service method's caller.
    {
      code: PRISMA + EXPRESS + "app.get('/users', async (req, res) => {\n  const page = Number(req.query.page ?? 1);\n  res.json(await prisma.user.findMany({ skip: (page - 1) * 20, take: 20 }));\n});",
      errors: [fromRequest('skip: (page - 1) * 20', 'req.query.page', FIX.prisma)],
    },
    {
      code: "import { Injectable } from '@nestjs/common';\nimport { PrismaClient } from '@prisma/client';\n@Injectable()\nexport class UsersService {\n  constructor(private readonly prisma: PrismaClient) {}\n  list(page: number, size: number) {\n    return this.prisma.user.findMany({ skip: page * size, take: size });\n  }\n}",
      errors: [fromCaller('skip: page * size', 'page', FIX.prisma)],
    },
    {
      code: PRISMA + 'export function list(page: number) {\n  const paging = { skip: page * 20, take: 20 };\n  return prisma.post.findMany(paging);\n}',
      errors: [fromCaller('skip: page * 20', 'page', FIX.prisma)],
    },
    // TypeORM: find options from NestJS query parameters, and a query builder.
    {
      code: "import { Controller, Get, Query } from '@nestjs/common';\nimport { InjectRepository } from '@nestjs/typeorm';\nimport { Repository } from 'typeorm';\n@Controller('users')\nexport class UsersController {\n  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}\n  @Get()\n  list(@Query('offset') offset: string) {\n    return this.users.find({ skip: Number(offset), take: 20 });\n  }\n}",
      errors: [fromRequest('skip: Number(offset)', "@Query('offset')", FIX.typeorm)],
    },
    {
      code: TYPEORM + 'export function page(skip: number) { return users.createQueryBuilder("u").orderBy("u.id").skip(skip).take(20).getMany(); }',
      errors: [fromCaller('.skip(skip)', 'skip', FIX.typeorm)],
    },
    // A builder kept in a variable, its steps written as statements (Standard Notes' item repository).
    {
      code: TYPEORM + "export function page(query: { userUuid: string; offset?: number }) {\n  const queryBuilder = users.createQueryBuilder('item');\n  queryBuilder.where('item.user_uuid = :userUuid', { userUuid: query.userUuid });\n  if (query.offset !== undefined) {\n    queryBuilder.skip(query.offset);\n  }\n  return queryBuilder.getMany();\n}",
      errors: [fromCaller('.skip(query.offset)', 'query', FIX.typeorm)],
    },
    {
      code: MONGODB + "export async function page(offset: number) {\n  const cursor = users.find({ active: true });\n  cursor.skip(offset).limit(20);\n  return cursor.toArray();\n}",
      errors: [fromCaller('.skip(offset)', 'offset', FIX.mongo)],
    },
    // Sequelize, Mongoose, the MongoDB driver, MikroORM.
    {
      code: SEQUELIZE + EXPRESS + "app.get('/users', async (req, res) => {\n  res.json(await User.findAndCountAll({ offset: Number(req.query.offset), limit: 20 }));\n});",
      errors: [fromRequest('offset: Number(req.query.offset)', 'req.query.offset', FIX.sequelize)],
    },
    {
      code: MONGOOSE + "import { Router } from 'express'; const router = Router();\nrouter.get('/users', async (req, res) => {\n  const { page = '1' } = req.query;\n  res.json(await User.find().sort({ name: 1 }).skip((Number(page) - 1) * 20).limit(20));\n});",
      errors: [fromRequest('.skip((Number(page) - 1) * 20)', 'req.query', FIX.mongo)],
    },
    {
      code: MONGODB + 'export function page(skip: number) { return users.find({}).sort({ _id: 1 }).skip(skip).limit(50).toArray(); }',
      errors: [fromCaller('.skip(skip)', 'skip', FIX.mongo)],
    },
    {
      code: "import { EntityManager } from '@mikro-orm/core';\nexport class Users {\n  constructor(private readonly em: EntityManager) {}\n  page(offset: number) { return this.em.find(User, {}, { offset, limit: 20 }); }\n}",
      errors: [fromCaller('offset', 'offset', FIX.mikro)],
    },
    // Query builders: knex, Kysely (Koa), Drizzle (Hono).
    {
      code: KNEX + "export function list(page: number) { return db('users').orderBy('id').offset(page * 20).limit(20); }",
      errors: [fromCaller('.offset(page * 20)', 'page', FIX.knex)],
    },
    {
      // A builder typed by a type parameter's constraint (HedgeDoc's pagination helper).
      code: "import { Knex } from 'knex';\nexport function paginate<T extends Knex.QueryBuilder>(query: T, page: number): T { return query.limit(20).offset(page * 20) as T; }",
      errors: [fromCaller('.offset(page * 20)', 'page', FIX.knex)],
    },
    // With a LIMIT, or in a SELECT, such a subquery pages.
    {
      code: PG + 'export function trim(userId: string, skip: number) { return pool.query(`DELETE FROM sessions WHERE id IN (SELECT id FROM sessions WHERE user_id = $1 ORDER BY id LIMIT 100 OFFSET ${skip})`, [userId]); }',
      errors: [{ messageId: 'offsetPagination' as const }],
    },
    {
      code: PG + 'export function list(skip: number) { return pool.query(`SELECT * FROM users WHERE id IN (SELECT id FROM users ORDER BY id OFFSET ${skip})`); }',
      errors: [{ messageId: 'offsetPagination' as const }],
    },
    // An alias selected as a plain column, or a later orderBy by relevance after a plain key: pages as ever.
    {
      code: KYSELY + "export function list(offset: number) { return db.selectFrom('pages').select(['id', 'title as rank']).orderBy('rank', 'desc').limit(25).offset(offset).execute(); }",
      errors: [fromCaller('.offset(offset)', 'offset', FIX.knex)],
    },
    // A method of another name that passes its parameter on is no adapter.
    {
      code: "import type { Knex } from 'knex';\nexport class Repo { constructor(private readonly qb: Knex.QueryBuilder) {} page(offset: number) { return this.qb.limit(20).offset(offset); } }",
      errors: [fromCaller('.offset(offset)', 'offset', FIX.knex)],
    },
    {
      code: KYSELY + "import Router from '@koa/router'; const router = new Router();\nrouter.get('/people', async (ctx, next) => {\n  ctx.body = await db.selectFrom('person').select(['id']).orderBy('id').limit(20).offset(Number(ctx.query.offset)).execute();\n});",
      errors: [fromRequest('.offset(Number(ctx.query.offset))', 'ctx.query.offset', FIX.knex)],
    },
    {
      code: DRIZZLE + "import { Hono } from 'hono'; const app = new Hono();\napp.get('/users', async (c) => {\n  const offset = Number(c.req.query('offset'));\n  return c.json(await db.select().from(users).orderBy(users.id).limit(20).offset(offset));\n});",
      errors: [fromRequest('.offset(offset)', "c.req.query('offset')", FIX.drizzle)],
    },
    {
      code: "import { drizzle } from 'drizzle-orm/node-postgres'; const db = drizzle(process.env.DATABASE_URL!);\nexport function page(offset: number) { return db.query.users.findMany({ offset, limit: 20 }); }",
      errors: [fromCaller('offset', 'offset', FIX.drizzle)],
    },
    // SQL: bound parameters, template holes, MySQL's LIMIT offset, count, Prisma's tagged raw query.
    {
      code: PG + EXPRESS + "app.get('/users', async (req, res) => {\n  const { limit, offset } = req.query;\n  res.json(await pool.query('SELECT id FROM users ORDER BY id LIMIT $1 OFFSET $2', [limit, offset]));\n});",
      errors: [{ ...fromRequest('OFFSET $2', 'req.query', FIX.sql), line: 5, column: 72, endLine: 5, endColumn: 81 }],
    },
    {
      code: PG + 'export function page(offset: number) { return pool.query(`SELECT id FROM users ORDER BY id LIMIT 20 OFFSET ${offset}`); }',
      errors: [fromCaller('OFFSET ${offset}', 'offset', FIX.sql)],
    },
    {
      code: "import mysql from 'mysql2/promise'; const connection = await mysql.createConnection({});\nexport async function page(offset: number, count: number) {\n  const [rows] = await connection.execute('SELECT id FROM users ORDER BY id LIMIT ?, ?', [offset, count]);\n  return rows;\n}",
      errors: [fromCaller('LIMIT ?', 'offset', FIX.mysql)],
    },
    {
      code: PRISMA + EXPRESS + "app.get('/users', async (req, res) => {\n  const skip = Number(req.query.skip);\n  res.json(await prisma.$queryRaw`SELECT id FROM \"User\" ORDER BY id LIMIT 20 OFFSET ${skip}`);\n});",
      errors: [fromRequest('OFFSET ${skip}', 'req.query.skip', FIX.sql)],
    },
    {
      code: "import { Sequelize, QueryTypes } from 'sequelize'; const sequelize = new Sequelize('postgres://');\nexport function page(offset: number) {\n  return sequelize.query('SELECT id FROM users ORDER BY id LIMIT 20 OFFSET :offset', { replacements: { offset }, type: QueryTypes.SELECT });\n}",
      errors: [fromCaller('OFFSET :offset', 'offset', FIX.sql)],
    },
    // A computed sort key the input does not decide (`lower(title)`) can be paged by key: reported.
    {
      code: PG + 'export function byTitle(offset: number) { return pool.query(`SELECT id FROM collections ORDER BY lower(title) LIMIT 10 OFFSET ${offset}`); }',
      errors: [fromCaller('OFFSET ${offset}', 'offset', FIX.sql)],
    },
    // A range condition that is not a keyset: on a column the ORDER BY does not lead with, only in a subquery, against
    // no value (`now()`), `<>`, or a pushed condition on another column. An equality is no keyset either.
    {
      code: PG + 'export function page(since: string, offset: number) { return pool.query(`SELECT id FROM events WHERE created_at > $1 ORDER BY id LIMIT 20 OFFSET ${offset}`, [since]); }',
      errors: [fromCaller('OFFSET ${offset}', 'offset', FIX.sql)],
    },
    {
      code: PG + 'export function page(after: number, offset: number) { return pool.query(`SELECT id FROM users WHERE id > $1 ORDER BY created_at, id LIMIT 20 OFFSET ${offset}`, [after]); }',
      errors: [fromCaller('OFFSET ${offset}', 'offset', FIX.sql)],
    },
    {
      code: PG + 'export function page(since: string, offset: number) { return pool.query(`SELECT id FROM users WHERE id IN (SELECT user_id FROM logins WHERE created_at > $1) ORDER BY created_at LIMIT 20 OFFSET ${offset}`, [since]); }',
      errors: [fromCaller('OFFSET ${offset}', 'offset', FIX.sql)],
    },
    {
      code: SEQUELIZE_QUERY + 'export class Runs {\n  constructor(private seq: Sequelize) {}\n  delayed(page: number, perPage: number) {\n    const query = `select id from "integrationRuns" where state = :delayedState and "delayedUntil" <= now() order by "delayedUntil" desc limit ${perPage} offset ${(page - 1) * perPage}`;\n    return this.seq.query(query, { replacements: { delayedState: 1 }, type: QueryTypes.SELECT });\n  }\n}',
      errors: [fromCaller('offset ${(page - 1) * perPage}', 'page', FIX.sql)],
    },
    {
      code: PG + 'export function page(id: number, offset: number) { return pool.query(`SELECT id FROM users WHERE id <> $1 ORDER BY id LIMIT 20 OFFSET ${offset}`, [id]); }',
      errors: [fromCaller('OFFSET ${offset}', 'offset', FIX.sql)],
    },
    {
      code: SEQUELIZE_QUERY + "export class Runs {\n  constructor(private seq: Sequelize) {}\n  list(page: number, tenantId?: string) {\n    const conditions = ['\"deletedAt\" is null'];\n    if (tenantId) conditions.push('\"tenantId\" = :tenantId', '\"updatedAt\" > :since');\n    return this.seq.query(`select id from runs where ${conditions.join(' and ')} order by \"createdAt\" limit 20 offset ${page * 20}`, { replacements: { tenantId }, type: QueryTypes.SELECT });\n  }\n}",
      errors: [fromCaller('offset ${page * 20}', 'page', FIX.sql)],
    },
    {
      code: "import { Sequelize, QueryTypes } from 'sequelize'; const sequelize = new Sequelize('postgres://');\nexport function page(offset: number, tenant: string) {\n  return sequelize.query('SELECT id FROM users WHERE tenant = :tenant ORDER BY id LIMIT 20 OFFSET :offset', { replacements: { tenant, offset }, type: QueryTypes.SELECT });\n}",
      errors: [fromCaller('OFFSET :offset', 'offset', FIX.sql)],
    },
    {
      // The offset written in both branches of one statement (inner page or outer page): one report.
      code: "import { sql } from 'drizzle-orm';\nimport { db } from './db';\nexport function page(offset: number, computed: boolean) {\n  return db.execute(sql`SELECT r.id FROM (SELECT id FROM roles ORDER BY id ${computed ? sql`` : sql`LIMIT 20 OFFSET ${offset}`}) r ORDER BY r.id ${computed ? sql`LIMIT 20 OFFSET ${offset}` : sql``}`);\n}",
      errors: [{ ...fromCaller('OFFSET ${offset}', 'offset', FIX.sql), line: 4, column: 100 }],
    },
    {
      // Two statements, one report each.
      code: "import { sql } from 'drizzle-orm';\nimport { db } from './db';\nexport async function page(offset: number) {\n  const a = await db.execute(sql`SELECT id FROM a ORDER BY id ${offset > 0 ? sql`OFFSET ${offset}` : sql``}`);\n  const b = await db.execute(sql`SELECT id FROM b ORDER BY id ${offset > 0 ? sql`OFFSET ${offset}` : sql``}`);\n  return [a, b];\n}",
      errors: [fromCaller('OFFSET ${offset}', 'offset', FIX.sql), fromCaller('OFFSET ${offset}', 'offset', FIX.sql)],
    },
    // Objection's `page(page, pageSize)` and `range(start, end)`: LIMIT/OFFSET in SQL.
    {
      code: OBJECTION + EXPRESS + "app.get('/people', async (req, res) => {\n  res.json(await Person.query().orderBy('id').page(Number(req.query.page), 20));\n});",
      errors: [{ ...fromRequest('.page(Number(req.query.page), 20)', 'req.query.page', FIX.objection), line: 4, column: 47 }],
    },
    {
      code: OBJECTION + EXPRESS + "app.get('/people', async (req, res) => {\n  const start = Number(req.query.start);\n  res.json(await Person.query().orderBy('id').range(start, start + 49));\n});",
      errors: [fromRequest('.range(start, start + 49)', 'req.query.start', FIX.objection)],
    },
    {
      code: OBJECTION + 'export class PeopleService {\n  list(page: number, size: number) {\n    return Person.query().where(\'name\', \'a\').page(page, size);\n  }\n}',
      errors: [fromCaller('.page(page, size)', 'page', FIX.objection)],
    },
    {
      // A builder kept in a variable, paged as a statement; a relation's query.
      code: OBJECTION + EXPRESS + "app.get('/people', async (req, res) => {\n  const query = Person.query().orderBy('id');\n  query.page(Number(req.query.page), 20);\n  res.json(await query);\n});",
      errors: [fromRequest('.page(Number(req.query.page), 20)', 'req.query.page', FIX.objection)],
    },
    {
      code: OBJECTION + EXPRESS + "app.get('/people/:id/pets', async (req, res) => {\n  const person = await Person.query().findById(req.params.id);\n  res.json(await person!.$relatedQuery('pets').orderBy('id').page(Number(req.query.page), 20));\n});",
      errors: [fromRequest('.page(Number(req.query.page), 20)', 'req.query.page', FIX.objection)],
    },
  ],
});

const OBJECTION_MODELS = "import { Person } from './cross-file/objection-models';\n";

typedRuleTester().run('no-offset-pagination (typed)', rule, {
  valid: [
    "import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nexport function page(after?: number) { return prisma.order.findMany({ take: 100, ...(after ? { cursor: { id: after }, skip: 1 } : {}), orderBy: { id: 'asc' } }); }",
    "import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nexport function page(after: number) { return prisma.user.findMany({ where: { id: { gt: after } }, take: 20, orderBy: { id: 'asc' } }); }",
    "import type { Repository } from 'typeorm';\nimport { MoreThan } from 'typeorm';\ninterface User { id: number }\ndeclare const users: Repository<User>;\nexport function page(after: number, skip: number) { return users.find({ where: { id: MoreThan(after) }, order: { id: 'ASC' }, skip, take: 20 }); }",
    "import type { Knex } from 'knex';\ndeclare const db: Knex;\nexport const second = db('users').orderBy('id').offset(1).limit(1);",
    // Look-alikes whose types come from elsewhere: an array-like reader, a local builder.
    'declare const reader: { skip(n: number): { read(): string } };\nexport function next(n: number) { return reader.skip(n).read(); }',
    "const builder = { offset(n: number) { return { rows: [n] }; } };\nexport function page(n: number) { return builder.offset(n * 10); }",
    "import type { Collection } from 'mongodb';\ndeclare const users: Collection<{ name: string; skip: number }>;\nexport function withSkip(skip: number) { return users.find({ skip }).toArray(); }",
    // SQL that already pages by key on its ORDER BY column.
    "import { Pool } from 'pg';\ndeclare const pool: Pool;\nexport function page(after: string, offset: number) { return pool.query('SELECT id FROM users WHERE created_at < $1 ORDER BY created_at DESC LIMIT 20 OFFSET $2', [after, offset]); }",
    // Objection models of another module: a constant first page, a range that only counts; `page`/`range` look-alikes.
    OBJECTION_MODELS + 'export function first(size: number) { return Person.query().orderBy(\'id\').page(0, size); }',
    OBJECTION_MODELS + 'export function counted(name: string) { return Person.query().where(\'name\', name).range(); }',
    OBJECTION_MODELS + 'declare const paginator: { page(n: number, size: number): string[] };\nexport function list(page: number) { return paginator.page(page, 20); }',
    OBJECTION_MODELS + "import _ from 'lodash';\nexport function window(from: number, to: number) { return Person.query().findByIds(_.range(from, to)); }",
  ],
  invalid: [
    {
      code: "import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nexport function page(page: number, size: number) { return prisma.user.findMany({ skip: page * size, take: size }); }",
      errors: [fromCaller('skip: page * size', 'page', FIX.prisma)],
    },
    {
      code: "import type { Repository } from 'typeorm';\ninterface User { id: number }\ndeclare const users: Repository<User>;\nexport function page(skip: number) { return users.find({ skip, take: 20 }); }",
      errors: [fromCaller('skip', 'skip', FIX.typeorm)],
    },
    {
      code: "import type { Model } from 'mongoose';\ndeclare const User: Model<{ name: string }>;\nexport function page(skip: number) { return User.find().skip(skip).limit(20).exec(); }",
      errors: [fromCaller('.skip(skip)', 'skip', FIX.mongo)],
    },
    {
      code: "import type { Knex } from 'knex';\ndeclare function getDb(): Knex;\nexport function page(offset: number) { return getDb().select('id').from('users').offset(offset).limit(20); }",
      errors: [fromCaller('.offset(offset)', 'offset', FIX.knex)],
    },
    {
      code: "import express from 'express';\nimport { Pool } from 'pg';\ndeclare const pool: Pool;\nconst app = express();\napp.get('/users', async (req, res) => {\n  res.json(await pool.query('SELECT id FROM users ORDER BY id LIMIT 20 OFFSET $1', [Number(req.query.offset)]));\n});",
      errors: [fromRequest('OFFSET $1', 'req.query.offset', FIX.sql)],
    },
    {
      code: "import { Pool } from 'pg';\ndeclare const pool: Pool;\nexport function page(after: string, offset: number) { return pool.query('SELECT id FROM users WHERE created_at < $1 ORDER BY id LIMIT 20 OFFSET $2', [after, offset]); }",
      errors: [fromCaller('OFFSET $2', 'offset', FIX.sql)],
    },
    {
      code: "import { Model, type ModelStatic } from 'sequelize';\nclass User extends Model {}\ndeclare const Users: ModelStatic<User>;\nexport function page(offset: number) { return Users.findAll({ offset, limit: 20 }); }",
      errors: [fromCaller('offset', 'offset', FIX.sequelize)],
    },
    {
      code: OBJECTION_MODELS + 'export function list(page: number) { return Person.query().orderBy(\'id\').page(page, 20); }',
      errors: [fromCaller('.page(page, 20)', 'page', FIX.objection)],
    },
    {
      code: OBJECTION_MODELS + 'export function pets(person: Person, start: number) { return person.$relatedQuery(\'pets\').range(start, start + 9); }',
      errors: [fromCaller('.range(start, start + 9)', 'start', FIX.objection)],
    },
  ],
});

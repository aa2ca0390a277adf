import { RuleTester, type InvalidTestCase, type ValidTestCase } from '@typescript-eslint/rule-tester';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import rule from '../../rules/no-count-for-existence';
import { makeDrizzleSchemaProject } from '../analysis/drizzle-schema-project';
import { TYPED_FIXTURE_DIR, typedRuleTester } from '../rule-tester';

type Options = [{ scripts?: string[] }];
type Valid = ValidTestCase<Options> | string;
type Invalid = InvalidTestCase<'countForExistence', Options>;

const PRISMA = `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
`;
const TYPEORM = `
import { DataSource } from 'typeorm';
class User { id!: number; email!: string }
const dataSource = new DataSource({ type: 'postgres' });
const users = dataSource.getRepository(User);
`;
const SEQUELIZE = `
import { Model } from 'sequelize';
class Order extends Model { declare id: number; declare userId: number }
`;
const MONGOOSE = `
import mongoose from 'mongoose';
const User = mongoose.model('User', new mongoose.Schema({ email: String }));
`;
const MONGODB = `
import { MongoClient } from 'mongodb';
const client = new MongoClient('mongodb://localhost');
const sessions = client.db('app').collection('sessions');
`;
const KNEX = `
import knex from 'knex';
const db = knex({ client: 'pg' });
`;
const DRIZZLE = `
import { drizzle } from 'drizzle-orm/node-postgres';
import { count, eq } from 'drizzle-orm';
import { pgTable, serial, text } from 'drizzle-orm/pg-core';
const users = pgTable('users', { id: serial('id').primaryKey(), email: text('email') });
const db = drizzle('postgres://localhost/app');
`;
const KYSELY = `
import { Kysely, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
interface Database { person: { id: number; email: string } }
const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new Pool() }) });
`;
const PG = `
import { Pool } from 'pg';
const pool = new Pool();
`;
const MYSQL = `
import mysql from 'mysql2/promise';
const conn = await mysql.createConnection({ host: 'localhost' });
`;
const MIKRO = `
import { MikroORM } from '@mikro-orm/core';
class Author { id!: number; email!: string }
const orm = await MikroORM.init({});
const em = orm.em.fork();
`;
const DECLARATIONS = `
declare const email: string;
declare const displayName: string;
declare const MAX_KEYS: number;
declare function conflict(message: string): Error;
declare function log(...values: unknown[]): void;
`;

const code = (...parts: string[]) => parts.join('\n');
/** Prisma's check selects a field the schema declares for the model; with none known, it selects nothing the message names. */
const prismaFix = (field: string) => `\`findFirst({ where, select: { ${field}: true } })\` and test the result for \`null\``;
const FIX = {
  prisma: prismaFix('id'),
  prismaUndeclared: '`findFirst({ where })` (selecting a single field) and test the result for `null`',
  typeorm: '`exists({ where })` or `existsBy(where)`',
  typeormBuilder: '`.getExists()`',
  sequelize: "`findOne({ where, attributes: ['id'] })` and test the result for `null`",
  mongoose: '`exists(filter)` (or `countDocuments(filter, { limit: 1 })`)',
  mongodb: '`findOne(filter, { projection: { _id: 1 } })` (or `countDocuments(filter, { limit: 1 })`)',
  knex: "`.first('id')`, which reads at most one row (`limit 1`), or `whereExists`",
  drizzle: '`` db.select({ one: sql`1` }).from(table).where(…).limit(1) ``',
  kysely: "`` .select(sql`1`.as('one')).limit(1).executeTakeFirst() ``",
  mikroOrm: "`findOne(Entity, where, { fields: ['id'] })` and test the result for `null`",
  sql: '`SELECT 1 … LIMIT 1` or `SELECT EXISTS (…)`',
};
const existence = (method: string, fix: string) => ({ messageId: 'countForExistence' as const, data: { method, fix } });

const valid: Valid[] = [
  // Counts used as numbers: returned, in a response, in arithmetic, logged.
  code(PRISMA, `export async function total() { return prisma.user.count(); }`),
  code(PRISMA, `export async function page(size: number) { const total = await prisma.user.count(); return { total, pages: Math.ceil(total / size) }; }`),
  code(PRISMA, DECLARATIONS, `export async function check() { const n = await prisma.user.count({ where: { name: displayName } }); if (n === 0) log('none'); log('users', n); }`),
  code(PRISMA, `export async function total() { const n = await prisma.user.count(); return n || 0; }`),
  // Quotas and limits are not existence tests.
  code(PRISMA, DECLARATIONS, `export async function canAdd(userId: number) { return (await prisma.order.count({ where: { userId } })) < MAX_KEYS; }`),
  code(PRISMA, `export async function tooMany(userId: number) { if ((await prisma.order.count({ where: { userId } })) > 5) throw new Error('limit'); }`),
  code(PRISMA, `export async function single(userId: number) { return (await prisma.order.count({ where: { userId } })) === 1; }`),
  code(PRISMA, `export async function many(userId: number) { const n = await prisma.order.count({ where: { userId } }); return n > 0 && n < 10; }`),
  // A bounded count is already an existence test; a count with `select` is an object of counts.
  code(PRISMA, DECLARATIONS, `export async function taken() { return (await prisma.user.count({ where: { name: displayName }, take: 1 })) > 0; }`),
  code(PRISMA, `export async function any() { const c = await prisma.user.count({ select: { _all: true } }); return c._all > 0; }`),
  code(MONGOOSE, DECLARATIONS, `export async function taken() { return (await User.countDocuments({ email }, { limit: 1 })) > 0; }`),
  code(MONGOOSE, `export async function empty() { return (await User.estimatedDocumentCount()) === 0; }`),
  // Not database counts.
  `export function any(items: string[]) { return items.length > 0; }`,
  `export function any(cache: Map<string, number>) { return cache.size > 0; }`,
  `function count(xs: number[]) { return xs.length; } export function any(xs: number[]) { return count(xs) > 0; }`,
  `import _ from 'lodash'; export function any(xs: string[]) { return Object.keys(_.countBy(xs)).length > 0; }`,
  `import Redis from 'ioredis'; const redis = new Redis(); export async function any(key: string) { return (await redis.scard(key)) > 0; }`,
  `export async function any(repo: { count(): Promise<number> }) { return (await repo.count()) > 0; }`,
  // Grouped counts, counts with other columns, existence subqueries in SQL.
  code(KNEX, `export async function perStatus() { const rows = await db('orders').select('status').count('* as n').groupBy('status'); return rows.length > 0; }`),
  code(PG, `export async function stats() { const { rows } = await pool.query('SELECT COUNT(*) AS n, MAX(id) AS last FROM users'); return rows[0].n > 0; }`),
  code(PG, `export async function any() { const { rows } = await pool.query('SELECT EXISTS (SELECT 1 FROM users WHERE email = $1) AS found', [1]); return rows[0].found; }`),
  code(PG, `export async function total() { const { rows } = await pool.query('SELECT COUNT(*) AS n FROM users'); return Number(rows[0].n); }`),
  // The count of a whole result is not the count of rows: pg's rowCount of a COUNT query is always 1.
  code(PG, `export async function one() { const result = await pool.query('SELECT COUNT(*) FROM users'); return result.rowCount > 0; }`),
  // Counts in the database's own catalogs read a few small rows (Teable's role check, the usual "table exists").
  code(PRISMA, `export async function roleExists(role: string) { const rows = await prisma.$queryRaw<{ count: bigint }[]>\`SELECT count(*) FROM pg_roles WHERE rolname=\${role}\`; return Boolean(rows[0].count); }`),
  code(MYSQL, `export async function tableExists(name: string) { const [[{ n }]] = await conn.query('SELECT COUNT(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?', [name]); return n > 0; }`),
  code(PG, `export async function columnExists(c: string) { const { rows } = await pool.query('SELECT COUNT(*) FROM "pg_catalog"."pg_attribute" WHERE attname = $1', [c]); return rows[0].count > 0; }`),
  // Startup code and scripts may count however they like.
  code(PRISMA, `async function bootstrap() { if ((await prisma.user.count()) === 0) await prisma.user.create({ data: { email: 'admin@x' } }); } void bootstrap();`),
  { code: code(PRISMA, `export async function run() { if ((await prisma.user.count()) > 0) return; }`), filename: 'scripts/reset.ts' },
  // Values passed on, compared with a variable, or reassigned.
  code(TYPEORM, `export async function total() { let n = await users.count(); n += 1; return n > 0; }`),
  code(TYPEORM, `export async function total(min: number) { return (await users.count()) >= min; }`),
  code(SEQUELIZE, `export async function perUser() { const rows = await Order.count({ group: ['userId'] }); return rows.length > 0; }`),
  code(MONGODB, `export async function active(userId: string) { const n = await sessions.countDocuments({ userId }); log(n); return n > 0; }`, DECLARATIONS),
  code(DRIZZLE, `export async function total() { const [{ n }] = await db.select({ n: count() }).from(users); return n; }`),
  // Counts fetched together with the rows they describe, and counts kept in a promise.
  code(PRISMA, `export async function page() { const [total, rows] = await Promise.all([prisma.user.count(), prisma.user.findMany({ take: 10 })]); return total > 0 ? rows : []; }`),
  code(PRISMA, `export async function later() { const pending = prisma.user.count(); return pending; }`),
  code(PRISMA, `export async function feed(userId: number) { const [orders, n] = await Promise.all([prisma.order.findMany({ where: { userId }, take: 20 }), prisma.order.count({ where: { userId } })]); return n > 0 ? orders : null; }`),
  // A count by a unique key reads at most one row: `id`, or a field the schema declares unique (`User.email`).
  code(PRISMA, `export async function exists(id: number) { return (await prisma.user.count({ where: { id } })) > 0; }`),
  code(PRISMA, DECLARATIONS, `export async function emailTaken(userId: number) { const n = await prisma.user.count({ where: { email, id: { not: userId } } }); if (n > 0) throw conflict('taken'); }`),
  code(PRISMA, `export async function isOpen(orderId: number) { return (await prisma.order.count({ where: { AND: [{ id: orderId }, { status: 'open' }] } })) > 0; }`),
  code(TYPEORM, `export async function exists(id: number) { return (await users.count({ where: { id } })) > 0; }`),
  code(TYPEORM, `export async function exists(id: number) { return (await dataSource.manager.countBy(User, { id })) !== 0; }`),
  code(SEQUELIZE, `export async function exists(orderId: number) { return (await Order.count({ where: { id: orderId, userId: 1 } })) > 0; }`),
  code(MONGOOSE, `export async function exists(id: string) { return (await User.countDocuments({ _id: id })) > 0; }`),
  code(MONGODB, `export async function live(sessionId: string) { return (await sessions.countDocuments({ _id: sessionId, revoked: false })) !== 0; }`),
  code(MIKRO, `export async function exists(id: number) { return (await em.count(Author, { id })) > 0; }`),
  code(DRIZZLE, `export async function exists(id: number) { return (await db.$count(users, eq(users.id, id))) > 0; }`),
  code(DRIZZLE, `export async function exists(id: number) { const [{ n }] = await db.select({ n: count() }).from(users).where(eq(users.id, id)); return n > 0; }`),
  code(PRISMA, `export async function total() { const n = await prisma.user.count(); return n ?? 0; }`),
  code(KNEX, `export async function sum() { const [{ s }] = await db('orders').sum('total as s'); return s > 0; }`),
];

const invalid: Invalid[] = [
  // Prisma: comparisons with 0 or 1, booleans, through a variable, `.then`.
  // (`email` is unique in the schema, `name` is not: see the tester's working directory below.)
  { code: code(PRISMA, DECLARATIONS, `export async function taken() { return (await prisma.user.count({ where: { name: displayName } })) > 0; }`), errors: [existence('count', FIX.prisma)] },
  { code: code(PRISMA, DECLARATIONS, `export async function register() { const existing = await prisma.user.count({ where: { name: displayName } }); if (existing !== 0) throw conflict('name taken'); }`), errors: [existence('count', FIX.prisma)] },
  { code: code(PRISMA, DECLARATIONS, `export async function register() { if (await prisma.user.count({ where: { name: displayName } })) throw conflict('taken'); }`), errors: [existence('count', FIX.prisma)] },
  { code: code(PRISMA, DECLARATIONS, `export function taken() { return prisma.user.count({ where: { name: displayName } }).then((n) => n >= 1); }`), errors: [existence('count', FIX.prisma)] },
  { code: code(PRISMA, `export async function hasOrders(userId: number) { const n = await prisma.order.count({ where: { userId } }); return { hasOrders: !!n, empty: 0 === n }; }`), errors: [existence('count', FIX.prisma)] },
  { code: code(PRISMA, `export async function empty(userId: number) { return Boolean(await prisma.order.count({ where: { userId } })) ? 'some' : 'none'; }`), errors: [existence('count', FIX.prisma)] },
  // TypeORM
  { code: code(TYPEORM, DECLARATIONS, `export async function taken() { return (await users.countBy({ email })) > 0; }`), errors: [existence('countBy', FIX.typeorm)] },
  { code: code(TYPEORM, DECLARATIONS, `export async function taken() { const n = await users.createQueryBuilder('u').where('u.email = :email', { email }).getCount(); return n < 1; }`), errors: [existence('getCount', FIX.typeormBuilder)] },
  // Sequelize
  { code: code(SEQUELIZE, `export async function hasOrders(userId: number) { const n = await Order.count({ where: { userId } }); if (!n) return false; return true; }`), errors: [existence('count', FIX.sequelize)] },
  // Mongoose
  { code: code(MONGOOSE, DECLARATIONS, `export async function taken() { return (await User.countDocuments({ email }).exec()) > 0; }`), errors: [existence('countDocuments', FIX.mongoose)] },
  // MongoDB driver
  { code: code(MONGODB, `export async function active(userId: string) { return (await sessions.countDocuments({ userId })) !== 0; }`), errors: [existence('countDocuments', FIX.mongodb)] },
  // Knex: rows of `{ n }`, or one row with `.first()`.
  { code: code(KNEX, DECLARATIONS, `export async function taken() { const [{ n }] = await db('users').where({ email }).count('* as n'); return Number(n) > 0; }`), errors: [existence('count', FIX.knex)] },
  { code: code(KNEX, DECLARATIONS, `export async function taken() { const row = await db('users').where({ email }).count({ count: '*' }).first(); return row?.count !== '0'; }`), errors: [existence('count', FIX.knex)] },
  // Drizzle
  { code: code(DRIZZLE, DECLARATIONS, `export async function taken() { return (await db.$count(users, eq(users.email, email))) > 0; }`), errors: [existence('$count', FIX.drizzle)] },
  { code: code(DRIZZLE, DECLARATIONS, `export async function taken() { const [{ n }] = await db.select({ n: count() }).from(users).where(eq(users.email, email)); return n > 0; }`), errors: [existence('count()', FIX.drizzle)] },
  // Kysely
  { code: code(KYSELY, DECLARATIONS, `export async function taken() { const row = await db.selectFrom('person').select((eb) => eb.fn.countAll().as('n')).where('email', '=', email).executeTakeFirstOrThrow(); return Number(row.n) > 0; }`), errors: [existence('fn.count', FIX.kysely)] },
  // MikroORM
  { code: code(MIKRO, DECLARATIONS, `export async function taken() { return (await em.count(Author, { email })) > 0; }`), errors: [existence('count', FIX.mikroOrm)] },
  // SQL
  { code: code(PG, DECLARATIONS, `export async function taken() { const { rows } = await pool.query('SELECT COUNT(*)::int AS n FROM users WHERE email = $1', [email]); return rows[0].n > 0; }`), errors: [existence('SELECT COUNT(…)', FIX.sql)] },
  { code: code(MYSQL, DECLARATIONS, `export async function taken() { const [[{ total }]] = await conn.query('select count(id) total from users where email = ?', [email]); return total > 0; }`), errors: [existence('SELECT COUNT(…)', FIX.sql)] },
  // A table of the application's own, whatever its schema or a name near a catalog's.
  { code: code(PG, DECLARATIONS, `export async function taken() { const { rows } = await pool.query('SELECT COUNT(*) FROM app.pages WHERE slug = $1', [email]); return rows[0].count > 0; }`), errors: [existence('SELECT COUNT(…)', FIX.sql)] },
  { code: code(PRISMA, DECLARATIONS, `export async function taken() { const [{ n }] = await prisma.$queryRaw<{ n: number }[]>\`SELECT COUNT(*)::int AS n FROM "User" WHERE email = \${email}\`; return n > 0; }`), errors: [existence('SELECT COUNT(…)', FIX.sql)] },
  // A NestJS service: `countBy` as a condition, and as the left side of `&&` in a statement.
  {
    code: `import { ConflictException, Injectable } from '@nestjs/common'; import { InjectRepository } from '@nestjs/typeorm'; import { Repository } from 'typeorm';
class User { id!: number; email!: string }
@Injectable() export class UsersService {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}
  async register(email: string) { if (await this.users.countBy({ email })) throw new ConflictException(); }
  async warn(email: string, notify: () => void) { const n = await this.users.count({ where: { email } }); n && notify(); }
}`,
    errors: [existence('countBy', FIX.typeorm), existence('count', FIX.typeorm)],
  },
  { code: code(MONGOOSE, DECLARATIONS, `export function taken() { return User.countDocuments({ email }).then(Boolean); }`), errors: [existence('countDocuments', FIX.mongoose)] },
  // Filters that name a key without pinning it: `not`, `$ne`, `Not()`, a disjunction with a non-key branch.
  { code: code(PRISMA, `export async function others(userId: number, orderId: number) { return (await prisma.order.count({ where: { userId, id: { not: orderId } } })) > 0; }`), errors: [existence('count', FIX.prisma)] },
  { code: code(PRISMA, DECLARATIONS, `export async function taken(id: number) { return (await prisma.user.count({ where: { OR: [{ id }, { name: displayName }] } })) > 0; }`), errors: [existence('count', FIX.prisma)] },
  { code: code(TYPEORM, DECLARATIONS, `import { Not } from 'typeorm'; export async function taken(id: number) { return (await users.countBy({ id: Not(id), email })) > 0; }`), errors: [existence('countBy', FIX.typeorm)] },
  { code: code(MONGOOSE, DECLARATIONS, `export async function taken(id: string) { return (await User.countDocuments({ _id: { $ne: id }, email })) > 0; }`), errors: [existence('countDocuments', FIX.mongoose)] },
  { code: code(DRIZZLE, `import { ne } from 'drizzle-orm'; export async function others(id: number) { return (await db.$count(users, ne(users.id, id))) > 0; }`), errors: [existence('$count', FIX.drizzle)] },
  // Inside a route handler.
  { code: code(PRISMA, `import express from 'express'; const app = express(); app.post('/users', async (req, res) => { if ((await prisma.user.count({ where: { name: req.body.name } })) > 0) return res.status(409).end(); res.end(); });`), errors: [existence('count', FIX.prisma)] },
  // A count awaited with `Promise.all` next to no list (AFFiNE's public-page check), next to a single-row read.
  { code: code(PRISMA, `declare function isPublic(id: number): Promise<boolean>; export async function visible(userId: number) { const [open, orders] = await Promise.all([isPublic(userId), prisma.order.count({ where: { userId } })]); return open || orders > 0; }`), errors: [existence('count', FIX.prisma)] },
  { code: code(PRISMA, `export async function check(userId: number) { const [user, n] = await Promise.all([prisma.user.findUnique({ where: { id: userId } }), prisma.order.count({ where: { userId } })]); return user !== null && n !== 0; }`), errors: [existence('count', FIX.prisma)] },
  { code: code(PRISMA, `export async function check(userId: number) { const results = await Promise.all([prisma.user.findFirst(), prisma.order.count({ where: { userId } })]); if (results[1]) throw new Error('has orders'); }`), errors: [existence('count', FIX.prisma)] },
  { code: code(PRISMA, `export function check(userId: number) { return Promise.all([prisma.post.count(), prisma.order.count({ where: { userId } })]).then(([, n]) => n > 0); }`), errors: [existence('count', FIX.prisma)] },
];

/**
 * Prisma counts read the project's schema, found from ESLint's working directory: the typed fixture's (User, Post and
 * Order, each with an `id`; `User.email` unique) for both runs, so that the untyped one does not pick up another.
 */
new RuleTester({ languageOptions: { parserOptions: { tsconfigRootDir: TYPED_FIXTURE_DIR } } }).run('no-count-for-existence', rule, { valid, invalid });

typedRuleTester().run('no-count-for-existence (typed)', rule, {
  valid: [
    ...valid.filter((test) => typeof test === 'string' || test.filename === undefined),
    // A repository of the project's own making, whatever its method is called.
    `declare const repo: { count(where: object): Promise<number> }; export async function any() { return (await repo.count({})) > 0; }`,
  ],
  invalid: [
    ...invalid,
    {
      // Known as a TypeORM repository by its type alone.
      code: `import type { Repository } from 'typeorm'; declare class Team { id: number; name: string } declare const teams: Repository<Team>; export async function taken(name: string) { return (await teams.count({ where: { name } })) === 0; }`,
      errors: [existence('count', FIX.typeorm)],
    },
  ],
});

/**
 * A schema's keys (AFFiNE's): a count whose filter pins one reads at most one row. The message's `select` names a field
 * of the model's key, which is not always `id`. A throw-away project: the tester's working directory is its root.
 */
const schemaProject = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-perf-count-'));
fs.mkdirSync(path.join(schemaProject, 'prisma'));
fs.writeFileSync(
  path.join(schemaProject, 'prisma/schema.prisma'),
  [
    'model User {\n  id String @id\n  email String @unique\n  name String?\n}',
    'model Workspace {\n  id String @id\n  public Boolean\n}',
    'model WorkspaceUserPermission {\n  id String @id\n  workspaceId String\n  userId String\n  accepted Boolean\n  @@unique([workspaceId, userId])\n}',
    'model WorkspacePage {\n  workspaceId String\n  pageId String\n  public Boolean\n  @@id([workspaceId, pageId])\n}',
    'model Update {\n  workspaceId String\n  id String @map("guid")\n  createdAt DateTime\n  @@id([workspaceId, id, createdAt])\n}',
    'model UserStripeCustomer {\n  userId String @id\n  customerId String\n}',
    'view PublicPage {\n  id String\n  workspaceId String\n}',
  ].join('\n'),
);
afterAll(() => fs.rmSync(schemaProject, { recursive: true, force: true }));
const inServer = (test: string) => code(PRISMA, 'declare const ws: string; declare const userId: string; declare const docId: string;', test);
new RuleTester({ languageOptions: { parserOptions: { tsconfigRootDir: schemaProject } } }).run('no-count-for-existence (Prisma schema)', rule, {
  valid: [
    // Every field of a compound unique key, a compound primary key, a unique field, the primary key.
    inServer(`export async function isMember() { return (await prisma.workspaceUserPermission.count({ where: { workspaceId: ws, userId, accepted: true } })) > 0; }`),
    inServer(`export async function hasPage(pageId: string) { return (await prisma.workspacePage.count({ where: { workspaceId: ws, pageId } })) > 0; }`),
    inServer(`export async function emailTaken(email: string) { return (await prisma.user.count({ where: { email, id: { not: userId } } })) > 0; }`),
    inServer(`export async function isPublic() { const count = await prisma.workspace.count({ where: { id: ws, public: true } }); return count > 0; }`),
    // A model the schema does not declare, a view it declares no key for: `id` is taken for its key.
    inServer(`export async function exists() { return (await prisma.widget.count({ where: { id: docId } })) > 0; }`),
    inServer(`export async function exists() { return (await prisma.publicPage.count({ where: { id: docId } })) > 0; }`),
  ],
  invalid: [
    // Half a compound key; an `id` that is only part of the model's key; a model whose key is not called `id`.
    { code: inServer(`export async function hasMembers() { return (await prisma.workspaceUserPermission.count({ where: { workspaceId: ws } })) > 0; }`), errors: [existence('count', FIX.prisma)] },
    { code: inServer(`export async function hasUpdates() { return (await prisma.update.count({ where: { workspaceId: ws, id: docId } })) > 0; }`), errors: [existence('count', prismaFix('workspaceId'))] },
    { code: inServer(`export async function anyPublic() { const publicPages = await prisma.workspacePage.count({ where: { workspaceId: ws, public: true } }); return publicPages > 0; }`), errors: [existence('count', prismaFix('workspaceId'))] },
    { code: inServer(`export async function isCustomer(customerId: string) { return (await prisma.userStripeCustomer.count({ where: { customerId } })) !== 0; }`), errors: [existence('count', prismaFix('userId'))] },
    // A model the schema does not declare, a view without a key: no field is known to select.
    { code: inServer(`export async function hasWidgets() { return (await prisma.widget.count({ where: { ownerId: userId } })) > 0; }`), errors: [existence('count', FIX.prismaUndeclared)] },
    { code: inServer(`export async function anyPublic() { return (await prisma.publicPage.count({ where: { workspaceId: ws } })) > 0; }`), errors: [existence('count', FIX.prismaUndeclared)] },
  ],
});

/** Keys a Drizzle schema declares, in a workspace package (OpenStatus's page slugs: `count(*) where slug = ?` is a lookup of one row). */
const drizzleProject = makeDrizzleSchemaProject();
afterAll(() => fs.rmSync(drizzleProject, { recursive: true, force: true }));
const inApi = (test: string) => ({
  code: code(`import { and, count, eq } from 'drizzle-orm';\nimport { db } from '@acme/db';\nimport { page, pageComponent } from '@acme/db/schema';`, test),
  filename: 'apps/api/src/pages.ts',
});
new RuleTester({ languageOptions: { parserOptions: { tsconfigRootDir: drizzleProject } } }).run('no-count-for-existence (Drizzle schema)', rule, {
  valid: [
    inApi(`export async function slugTaken(slug: string) { const [{ n }] = await db.select({ n: count() }).from(page).where(eq(page.slug, slug)); return n > 0; }`),
    inApi(`export async function listed(pageId: number, monitorId: number) { return (await db.$count(pageComponent, and(eq(pageComponent.pageId, pageId), eq(pageComponent.monitorId, monitorId)))) > 0; }`),
  ],
  invalid: [
    { ...inApi(`export async function hasPages(workspaceId: number) { const [{ n }] = await db.select({ n: count() }).from(page).where(eq(page.workspaceId, workspaceId)); return n > 0; }`), errors: [existence('count()', FIX.drizzle)] },
    { ...inApi(`export async function hasComponents(pageId: number) { return (await db.$count(pageComponent, eq(pageComponent.pageId, pageId))) > 0; }`), errors: [existence('$count', FIX.drizzle)] },
  ],
});

// Objection: `resultSize()` resolves to the count itself (and ignores `limit`); `count()` gives rows of `{ count }`, as Knex's does.
const OBJECTION = `
import { Model } from 'objection';
class Person extends Model { static tableName = 'persons'; id!: number; name!: string }
`;
const OBJECTION_FIX = "`.select('id').limit(1).first()` and test the result for `undefined`";
const objectionValid: Valid[] = [
  code(OBJECTION, `export async function total() { return Person.query().resultSize(); }`),
  code(OBJECTION, `export async function page(n: number) { const q = Person.query().where('name', 'a'); const [rows, total] = await Promise.all([q.clone().limit(10).offset(n), q.resultSize()]); return total > 0 ? rows : []; }`),
];
const objectionInvalid: Invalid[] = [
  { code: code(OBJECTION, `export async function anyone() { return (await Person.query().resultSize()) > 0; }`), errors: [existence('resultSize', OBJECTION_FIX)] },
  { code: code(OBJECTION, `export async function taken(name: string) { return (await Person.query().where('name', name).limit(1).resultSize()) > 0; }`), errors: [existence('resultSize', OBJECTION_FIX)] },
  { code: code(OBJECTION, `export async function taken(name: string) { const [row] = await Person.query().where('name', name).count('id as n'); return Number(row.n) > 0; }`), errors: [existence('count', OBJECTION_FIX)] },
];
new RuleTester({ languageOptions: { parserOptions: { tsconfigRootDir: TYPED_FIXTURE_DIR } } }).run('no-count-for-existence: Objection', rule, { valid: objectionValid, invalid: objectionInvalid });
typedRuleTester().run('no-count-for-existence: Objection (typed)', rule, { valid: objectionValid, invalid: objectionInvalid });

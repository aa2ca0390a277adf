import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import rule from '../../rules/no-count-for-existence';
import { typedRuleTester, untypedRuleTester } from '../rule-tester';

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
declare const MAX_KEYS: number;
declare function conflict(message: string): Error;
declare function log(...values: unknown[]): void;
`;

const code = (...parts: string[]) => parts.join('\n');
const FIX = {
  prisma: '`findFirst({ where, select: { id: true } })` and test the result for `null`',
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
  code(PRISMA, DECLARATIONS, `export async function check() { const n = await prisma.user.count({ where: { email } }); if (n === 0) log('none'); log('users', n); }`),
  code(PRISMA, `export async function total() { const n = await prisma.user.count(); return n || 0; }`),
  // Quotas and limits are not existence tests.
  code(PRISMA, DECLARATIONS, `export async function canAdd(userId: number) { return (await prisma.order.count({ where: { userId } })) < MAX_KEYS; }`),
  code(PRISMA, `export async function tooMany(userId: number) { if ((await prisma.order.count({ where: { userId } })) > 5) throw new Error('limit'); }`),
  code(PRISMA, `export async function single(userId: number) { return (await prisma.order.count({ where: { userId } })) === 1; }`),
  code(PRISMA, `export async function many(userId: number) { const n = await prisma.order.count({ where: { userId } }); return n > 0 && n < 10; }`),
  // A bounded count is already an existence test; a count with `select` is an object of counts.
  code(PRISMA, DECLARATIONS, `export async function taken() { return (await prisma.user.count({ where: { email }, take: 1 })) > 0; }`),
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
  code(PRISMA, `export async function total() { const n = await prisma.user.count(); return n ?? 0; }`),
  code(KNEX, `export async function sum() { const [{ s }] = await db('orders').sum('total as s'); return s > 0; }`),
];

const invalid: Invalid[] = [
  // Prisma: comparisons with 0 or 1, booleans, through a variable, `.then`.
  { code: code(PRISMA, DECLARATIONS, `export async function taken() { return (await prisma.user.count({ where: { email } })) > 0; }`), errors: [existence('count', FIX.prisma)] },
  { code: code(PRISMA, DECLARATIONS, `export async function register() { const existing = await prisma.user.count({ where: { email } }); if (existing !== 0) throw conflict('email taken'); }`), errors: [existence('count', FIX.prisma)] },
  { code: code(PRISMA, DECLARATIONS, `export async function register() { if (await prisma.user.count({ where: { email } })) throw conflict('taken'); }`), errors: [existence('count', FIX.prisma)] },
  { code: code(PRISMA, DECLARATIONS, `export function taken() { return prisma.user.count({ where: { email } }).then((n) => n >= 1); }`), errors: [existence('count', FIX.prisma)] },
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
  // Inside a route handler.
  { code: code(PRISMA, `import express from 'express'; const app = express(); app.post('/users', async (req, res) => { if ((await prisma.user.count({ where: { email: req.body.email } })) > 0) return res.status(409).end(); res.end(); });`), errors: [existence('count', FIX.prisma)] },
];

untypedRuleTester().run('no-count-for-existence', rule, { valid, invalid });

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

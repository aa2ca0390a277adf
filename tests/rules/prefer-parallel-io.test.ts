import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import rule from '../../rules/prefer-parallel-io';
import { typedRuleTester, untypedRuleTester } from '../rule-tester';

type Options = [{ scripts: string[] }];
type Valid = ValidTestCase<Options> | string;
type Invalid = InvalidTestCase<'sequentialRead' | 'runTogether', Options>;
type Suggestion = { messageId: 'runTogether'; data: { count: string }; output: string };

// Each library's client, set up the way real code does, so both runs know where it comes from.
const PRISMA = `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();`;
const TYPEORM = `import { DataSource, Repository } from 'typeorm';
class User { id!: number; teamId!: number }
class Order { id!: number; userId!: number }
const dataSource = new DataSource({ type: 'postgres' });
const users = dataSource.getRepository(User);`;
const MONGOOSE = `import mongoose from 'mongoose';
const User = mongoose.model('User', new mongoose.Schema({ name: String }));
const Order = mongoose.model('Order', new mongoose.Schema({ userId: String }));`;
const KNEX = `import knex from 'knex';
const db = knex({ client: 'pg' });`;
const PG = `import { Pool } from 'pg';
const pool = new Pool();`;
const MYSQL = `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ host: 'localhost' });`;
const REDIS = `import Redis from 'ioredis';
const redis = new Redis();`;
const SEQUELIZE = `import { Model, Sequelize, DataTypes } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Account extends Model { declare id: number }
Account.init({ id: DataTypes.INTEGER }, { sequelize });`;
const MONGODB = `import { MongoClient } from 'mongodb';
const client = new MongoClient('mongodb://localhost');
const accounts = client.db('app').collection('accounts');
const invoices = client.db('app').collection('invoices');`;
const DRIZZLE = `import { drizzle } from 'drizzle-orm/node-postgres';
import { eq } from 'drizzle-orm';
import { pgTable, serial, text } from 'drizzle-orm/pg-core';
const users = pgTable('users', { id: serial('id').primaryKey(), name: text('name') });
const posts = pgTable('posts', { id: serial('id').primaryKey(), title: text('title') });
const db = drizzle('postgres://localhost/app');`;
const KYSELY = `import { Kysely } from 'kysely';
declare const db: Kysely<any>;`;
const AXIOS = `import axios from 'axios';`;
const GOT = `import got from 'got';`;

const code = (...parts: string[]) => parts.join('\n');

/** One report of `call`, which does not use the results of `earlier` (already written as the message lists them). */
function sequential(call: string, earlier: string, suggestions: Suggestion[] = []) {
  return { messageId: 'sequentialRead' as const, data: { call, result: earlier.includes(' and ') ? 'results' : 'result', earlier }, suggestions };
}

function together(count: number, output: string): Suggestion {
  return { messageId: 'runTogether', data: { count: String(count) }, output };
}

// ---------------------------------------------------------------------------------------------------------
// Cases both runs agree on: type information only confirms what imports already show.

const valid: Valid[] = [
  // SQLite in the process (Drizzle over better-sqlite3): each query runs on the main thread, one after another.
  `import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { eq } from 'drizzle-orm';
import { sqliteTable, integer, text } from 'drizzle-orm/sqlite-core';
const users = sqliteTable('users', { id: integer('id').primaryKey(), name: text('name') });
const posts = sqliteTable('posts', { id: integer('id').primaryKey(), title: text('title') });
const db = drizzle(new Database('app.db'));
export async function f(id: number) {
  const [user] = await db.select().from(users).where(eq(users.id, id));
  const recent = await db.select().from(posts).limit(10);
  return { user, recent };
}`,
  // A conditional that reads in one branch only: a cached value, or a write.
  code(MONGOOSE, `export async function f(cached: unknown, id: string) {
  const user = await User.findById(id);
  const orders = await (cached ? Promise.resolve(cached) : Order.find({ userId: id }).limit(10));
  return { user, orders };
}`),
  // --- Files bundled with the code, read through fetch one after another (openstatus's OG image fonts): no round trip to save.
  `export async function GET() {
  const regular = await fetch(new URL('../../../public/fonts/RobotoMono-Regular.ttf', import.meta.url)).then((res) => res.arrayBuffer());
  const bold = await fetch(new URL('../../../public/fonts/RobotoMono-Bold.ttf', import.meta.url)).then((res) => res.arrayBuffer());
  return new Response(String(regular.byteLength + bold.byteLength));
}`,
  // --- Reads on the handle a project's own transaction helper passes in: one transaction, one connection (openstatus).
  code(DRIZZLE, `declare function withTransaction<T>(ctx: object, run: (tx: typeof db) => Promise<T>): Promise<T>;
export async function reorder(ctx: object) {
  return withTransaction(ctx, async (tx) => {
    const existing = await tx.select().from(users);
    const others = await tx.select().from(posts);
    return [existing, others];
  });
}`),
  // --- The second read uses the first one's result: it has to wait.
  code(PRISMA, `export async function load(id: number) {
  const user = await prisma.user.findUnique({ where: { id } });
  const orders = await prisma.order.findMany({ where: { userId: user!.id } });
  return { user, orders };
}`),
  code(AXIOS, `export async function team(id: string) {
  const { data: user } = await axios.get(\`/users/\${id}\`);
  const { data } = await axios.get('/teams', { params: { id: user.teamId } });
  return data;
}`),
  // ... through a variable assigned, not declared.
  code(KNEX, `export async function f(id: number) {
  let row;
  row = await db('users').where({ id }).first();
  row = await db('profiles').where({ id }).first();
  return row;
}`),
  // --- A write and a read, in either order: the write may be what the read must see, or must follow it.
  code(PRISMA, `export async function f(id: number) {
  const user = await prisma.user.findUnique({ where: { id } });
  await prisma.order.updateMany({ where: { userId: id }, data: { status: 'seen' } });
}`),
  code(PRISMA, `export async function f(id: number, email: string) {
  await prisma.user.update({ where: { id }, data: { email } });
  const orders = await prisma.order.findMany({ where: { userId: id } });
  return orders;
}`),
  code(AXIOS, `export async function f() {
  await axios.post('/cache/flush', {});
  const { data } = await axios.get('/status');
  await fetch('https://api.example.com/hooks', { method: 'POST' });
  return data;
}`),
  // --- One connection: a transaction's handle, a client checked out of a pool, a session.
  code(PRISMA, `export function f(id: number) {
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id } });
    const orders = await tx.order.findMany({ where: { userId: id } });
    return { user, orders };
  });
}`),
  // A NestJS PrismaService imported through the project's baseUrl (seen in hoppscotch).
  `import { Injectable } from '@nestjs/common';
import { PrismaService } from 'src/prisma/prisma.service';
@Injectable()
export class Collections {
  constructor(private readonly prisma: PrismaService) {}
  async move(id: string, nextId: string) {
    await this.prisma.$transaction(async (tx) => {
      const collection = await tx.userCollection.findFirst({ where: { id } });
      const next = await tx.userCollection.findFirst({ where: { id: nextId } });
      return [collection, next];
    });
  }
}`,
  code(KNEX, `export async function f(id: number) {
  await db.transaction(async (trx) => {
    const user = await trx('users').where({ id }).first();
    const orders = await trx('orders').where({ user_id: id });
    return [user, orders];
  });
  const trx = await db.transaction();
  const a = await trx('users').select('id');
  const b = await trx('orders').select('id');
  await trx.commit();
  return [a, b];
}`),
  code(KYSELY, `export function f() {
  return db.transaction().execute(async (trx) => {
    const person = await trx.selectFrom('person').selectAll().executeTakeFirst();
    const pets = await trx.selectFrom('pet').selectAll().execute();
    return { person, pets };
  });
}`),
  code(TYPEORM, `export async function f(id: number) {
  await dataSource.transaction(async (manager) => {
    const user = await manager.findOneBy(User, { id });
    const orders = await manager.findBy(Order, { userId: id });
    return [user, orders];
  });
  const runner = dataSource.createQueryRunner();
  const a = await runner.manager.find(User);
  const b = await runner.manager.find(Order);
  return [a, b];
}`),
  code(PG, `export async function f(id: number) {
  const client = await pool.connect();
  try {
    const user = await client.query('SELECT * FROM users WHERE id = $1', [id]);
    const orders = await client.query('SELECT * FROM orders WHERE user_id = $1', [id]);
    return [user.rows, orders.rows];
  } finally {
    client.release();
  }
}`),
  code(`import { Client } from 'pg';
const client = new Client();
export async function f() {
  const a = await client.query('SELECT 1');
  const b = await client.query('SELECT 2');
  return [a, b];
}`),
  code(`import mysql from 'mysql2/promise';
export async function f() {
  const connection = await mysql.createConnection({ host: 'localhost' });
  const [users] = await connection.query('SELECT * FROM users');
  const [orders] = await connection.execute('SELECT * FROM orders');
  return [users, orders];
}`),
  code(MONGOOSE, `export async function f(id: string) {
  const session = await mongoose.startSession();
  const user = await User.findById(id).session(session);
  const orders = await Order.find({ userId: id }, null, { session });
  return [user, orders];
}`),
  code(MONGODB, `export async function f(id: string) {
  const session = client.startSession();
  const account = await accounts.findOne({ id }, { session });
  const invoice = await invoices.findOne({ accountId: id }, { session });
  return [account, invoice];
}`),
  code(SEQUELIZE, `export async function f() {
  const t = await sequelize.transaction();
  const a = await Account.findByPk(1, { transaction: t });
  const b = await Account.findAll({ transaction: t });
  await t.commit();
  return [a, b];
}`),
  // ... a helper given the transaction's handle, annotated as such.
  `import { Prisma } from '@prisma/client';
export async function totals(tx: Prisma.TransactionClient, userId: number) {
  const orders = await tx.order.count({ where: { userId } });
  const posts = await tx.post.count({ where: { authorId: userId } });
  return orders + posts;
}`,
  // ... a pg client handed to a callback by pool.connect.
  code(PG, `export function f() {
  pool.connect(async (err, client, release) => {
    const a = await client!.query('SELECT 1');
    const b = await client!.query('SELECT 2');
    release();
    console.log(a, b);
  });
}`),
  // --- Something in between: a guard, a log line, a sleep between retries, an early throw.
  code(PRISMA, `export async function f(id: number) {
  const user = await prisma.user.findUnique({ where: { id } });
  if (!user) return null;
  const orders = await prisma.order.findMany({ where: { userId: id } });
  return { user, orders };
}`),
  code(REDIS, PRISMA, `declare const logger: { info(message: string): void };
export async function f(id: number) {
  const cached = await redis.get(\`user:\${id}\`);
  logger.info('cache checked');
  const user = await prisma.user.findUnique({ where: { id } });
  return cached ?? user;
}`),
  code(AXIOS, `import { setTimeout as sleep } from 'node:timers/promises';
export async function poll() {
  const first = await axios.get('/jobs/1');
  await sleep(500);
  const second = await axios.get('/jobs/1');
  return [first, second];
}`),
  code(TYPEORM, `export async function f(id: number) {
  const user = await users.findOneBy({ id });
  if (!user) throw new Error('not found');
  const orders = await dataSource.getRepository(Order).findBy({ userId: id });
  return orders;
}`),
  // --- Already concurrent, or started earlier and awaited later.
  code(PRISMA, `export async function f(id: number) {
  const [user, orders] = await Promise.all([
    prisma.user.findUnique({ where: { id } }),
    prisma.order.findMany({ where: { userId: id } }),
  ]);
  const pending = prisma.post.findMany();
  const count = await prisma.user.count();
  const posts = await pending;
  return { user, orders, count, posts };
}`),
  // --- A cursor or builder kept in a variable: each call changes it, so the calls must stay in order.
  code(KNEX, MONGODB, `export async function f() {
  const query = db('users').where({ active: true });
  const first = await query.orderBy('id').first();
  const last = await query.orderBy('id', 'desc').first();
  const cursor = accounts.find({}).sort({ createdAt: -1 });
  const newest = await cursor.next();
  const second = await cursor.next();
  return [first, last, newest, second];
}`),
  code(TYPEORM, `export async function f() {
  const builder = users.createQueryBuilder('u').where('u.teamId = :team', { team: 1 });
  const count = await builder.getCount();
  const page = await builder.take(20).getMany();
  return { count, page };
}`),
  // --- Awaits of things that are not outbound reads: local helpers, project modules, look-alikes.
  code(`async function loadUser(id: number) { return { id }; }
async function loadOrders(id: number) { return [id]; }
export async function f(id: number) {
  const user = await loadUser(id);
  const orders = await loadOrders(id);
  return { user, orders };
}`),
  code(`import { api } from './api';
import { users } from './users';
export async function f(id: number) {
  const a = await api.get('/a');
  const b = await api.get('/b');
  const c = await users.find(id);
  const d = await users.find(id + 1);
  return [a, b, c, d];
}`),
  code(`const axios = { get: async (url: string) => ({ data: url }) };
const cache = new Map<string, Promise<string>>();
export async function f() {
  const a = await axios.get('/a');
  const b = await axios.get('/b');
  const c = await cache.get('c');
  const d = await cache.get('d');
  return [a, b, c, d];
}`),
  // --- Awaits in different branches, in a for-await loop, and with a second await inside the statement.
  code(AXIOS, `export async function f(admin: boolean) {
  if (admin) {
    await axios.get('/admin');
  } else {
    await axios.get('/user');
  }
}`),
  code(MONGOOSE, `export async function f() {
  for await (const user of User.find().cursor()) {
    console.log(user);
  }
  const count = await Order.countDocuments();
  return count;
}`),
  code(PRISMA, AXIOS, `export async function f(id: number) {
  const user = await prisma.user.findUnique({ where: { id } });
  const { data } = await axios.get('/orders', { params: { owner: (await prisma.user.count()) > 0 } });
  return [user, data];
}`),
  // --- Raw SQL that is not a plain read, or whose text the code does not show.
  code(PG, `export async function f(id: number, sql: string) {
  const a = await pool.query(sql);
  const b = await pool.query('SELECT * FROM orders WHERE id = $1 FOR UPDATE', [id]);
  const c = await pool.query("SELECT nextval('order_ids')");
  const d = await pool.query('UPDATE orders SET seen = true');
  const e = await pool.query('WITH gone AS (DELETE FROM carts RETURNING *) SELECT count(*) FROM gone');
  return [a, b, c, d, e];
}`),
  // --- A read through a function that reads a variable the previous statement set.
  code(REDIS, AXIOS, `let token: string | null = null;
function headers() { return { Authorization: \`Bearer \${token}\` }; }
export async function f() {
  token = await redis.get('token');
  const { data } = await axios.get('/me', { headers: headers() });
  return data;
}`),
  // ... and through a function declared further down (hoisted), which reads the first result.
  code(PRISMA, `export async function f(id: number) {
  const user = await prisma.user.findUnique({ where: { id } });
  const orders = await prisma.order.findMany({ where: { createdAt: { gte: since() } } });
  return orders;
  function since() { return user?.createdAt; }
}`),
  // --- A Redis read with a side effect: XREADGROUP claims entries for a consumer.
  code(REDIS, `export async function consume() {
  const entries = await redis.xreadgroup('GROUP', 'workers', 'w1', 'STREAMS', 'jobs', '>');
  const paused = await redis.get('jobs:paused');
  return { entries, paused };
}`),
  // --- Database reads once per element are no-n-plus-one's business (the fix is one batched query).
  code(PRISMA, `export async function f(ids: number[]) {
  for (const id of ids) {
    const user = await prisma.user.findUnique({ where: { id } });
    const orders = await prisma.order.findMany({ where: { userId: id } });
    console.log(user, orders);
  }
}`),
  // --- HTTP inside a transaction belongs before it (no-io-in-transaction), not next to its queries.
  code(PRISMA, AXIOS, `export function f(id: number) {
  return prisma.$transaction(async (tx) => {
    const { data: rate } = await axios.get('/rates/eur');
    const orders = await tx.order.findMany({ where: { userId: id } });
    return orders.map((o) => o.total * rate);
  });
}`),
  // --- A .then callback that does more than pick from the response.
  code(`declare function audit(r: Response): Response;
export async function f() {
  const a = await fetch('https://api.example.com/a').then((r) => audit(r));
  const b = await fetch('https://api.example.com/b');
  return [a, b];
}`),
  // --- Startup code, tests and scripts: nobody waits on their round trips.
  code(REDIS, PRISMA, `async function bootstrap() {
  const flags = await redis.get('flags');
  const settings = await prisma.user.count();
  console.log(flags, settings);
}
bootstrap();`),
  { code: code(PRISMA, `export async function main() {
  const user = await prisma.user.findFirst();
  const orders = await prisma.order.findMany();
  console.log(user, orders);
}`), filename: 'scripts/seed.ts' },
];

// Suggested rewrites shared by several reports of one case.
const PROFILE_TOGETHER = code(PRISMA, REDIS, AXIOS, `export async function profile(id: number) {
  const [flags, user, { data }] = await Promise.all([
    redis.get('flags'),
    prisma.user.findUnique({ where: { id } }),
    axios.get('/avatars', { params: { id } }),
  ]);
  return { flags, user, data };
}`);
const PG_TOGETHER = code(PG, `const ORDERS = 'SELECT * FROM orders WHERE user_id = $1';
export async function f(id: number) {
  const [{ rows: [user] }, { rows: orders }, { rows: teams }] = await Promise.all([
    pool.query('SELECT * FROM users WHERE id = $1', [id]),
    pool.query(ORDERS, [id]),
    pool.query({ text: 'SELECT * FROM teams', values: [] }),
  ]);
  return { user, orders, teams };
}`);
const ELISION_TOGETHER = code(PRISMA, REDIS, `export async function f(id: number) {
  const [user, , orders] = await Promise.all([
    prisma.user.findUnique({ where: { id } }),
    redis.get('warm'),
    prisma.order.findMany({ where: { userId: id } }),
  ]);
  return { user, orders };
}`);

const invalid: Invalid[] = [
  // --- A count that is a read whichever branch runs (GrowthBook's organization list).
  {
    code: code(MONGOOSE, `export async function list(search: string, page: number) {
  const docs = await User.find({ name: search }).skip(page * 10).limit(10);
  const total = await (search ? User.countDocuments({ name: search }) : User.estimatedDocumentCount());
  return { docs, total };
}`),
    errors: [
      sequential('User.countDocuments(…)', '`User.find(...).skip(...).limit(…)` on line 5', [
        together(
          2,
          code(MONGOOSE, `export async function list(search: string, page: number) {
  const [docs, total] = await Promise.all([
    User.find({ name: search }).skip(page * 10).limit(10),
    search ? User.countDocuments({ name: search }) : User.estimatedDocumentCount(),
  ]);
  return { docs, total };
}`),
        ),
      ]),
    ],
  },
  // --- A read that only depends on the one before it still groups with the next: `team` waits for `user`, `plans` for neither.
  {
    code: code(PRISMA, `export async function load(id: number) {
  const user = await prisma.user.findUnique({ where: { id } });
  const team = await prisma.team.findUnique({ where: { id: user.teamId } });
  const plans = await prisma.plan.findMany({ take: 10 });
  return { user, team, plans };
}`),
    errors: [
      sequential('prisma.plan.findMany(…)', '`prisma.team.findUnique(…)` on line 5', [
        together(
          2,
          code(PRISMA, `export async function load(id: number) {
  const user = await prisma.user.findUnique({ where: { id } });
  const [team, plans] = await Promise.all([
    prisma.team.findUnique({ where: { id: user.teamId } }),
    prisma.plan.findMany({ take: 10 }),
  ]);
  return { user, team, plans };
}`),
        ),
      ]),
    ],
  },
  // --- Prisma: two independent lookups of one request, merged into one Promise.all.
  {
    code: code(PRISMA, `export async function load(id: number) {
  const user = await prisma.user.findUnique({ where: { id } });
  const orders = await prisma.order.findMany({ where: { userId: id } });
  return { user, orders };
}`),
    errors: [
      sequential('prisma.order.findMany(…)', '`prisma.user.findUnique(…)` on line 4', [
        together(
          2,
          code(PRISMA, `export async function load(id: number) {
  const [user, orders] = await Promise.all([
    prisma.user.findUnique({ where: { id } }),
    prisma.order.findMany({ where: { userId: id } }),
  ]);
  return { user, orders };
}`),
        ),
      ]),
    ],
  },
  // ... written over several lines: each read moves in as written, one level deeper.
  {
    code: code(PRISMA, `export async function load(id: number) {
  const user = await prisma.user.findUnique({
    where: { id },
  });
  const orders = await prisma.order.findMany({ where: { userId: id } });
  return { user, orders };
}`),
    errors: [
      sequential('prisma.order.findMany(…)', '`prisma.user.findUnique(…)` on line 4', [
        together(
          2,
          code(PRISMA, `export async function load(id: number) {
  const [user, orders] = await Promise.all([
    prisma.user.findUnique({
      where: { id },
    }),
    prisma.order.findMany({ where: { userId: id } }),
  ]);
  return { user, orders };
}`),
        ),
      ]),
    ],
  },
  // --- Three in a run across libraries: a cache read, a query and an HTTP call.
  {
    code: code(PRISMA, REDIS, AXIOS, `export async function profile(id: number) {
  const flags = await redis.get('flags');
  const user = await prisma.user.findUnique({ where: { id } });
  const { data } = await axios.get('/avatars', { params: { id } });
  return { flags, user, data };
}`),
    errors: [
      sequential('prisma.user.findUnique(…)', '`redis.get(…)` on line 7', [together(3, PROFILE_TOGETHER)]),
      sequential('axios.get(…)', '`redis.get(…)` on line 7 and `prisma.user.findUnique(…)` on line 8', [together(3, PROFILE_TOGETHER)]),
    ],
  },
  // --- TypeORM repositories.
  {
    code: code(TYPEORM, `export async function f(id: number) {
  const user = await users.findOneBy({ id });
  const orders = await dataSource.getRepository(Order).findBy({ userId: id });
  return { user, orders };
}`),
    errors: [
      sequential('dataSource.getRepository(Order).findBy(…)', '`users.findOneBy(…)` on line 7', [
        together(
          2,
          code(TYPEORM, `export async function f(id: number) {
  const [user, orders] = await Promise.all([
    users.findOneBy({ id }),
    dataSource.getRepository(Order).findBy({ userId: id }),
  ]);
  return { user, orders };
}`),
        ),
      ]),
    ],
  },
  // ... injected into a NestJS service.
  {
    code: `import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
class User { id!: number }
class Order { id!: number; userId!: number }
@Injectable()
export class ProfileService {
  constructor(@InjectRepository(User) private readonly users: Repository<User>, @InjectRepository(Order) private readonly orders: Repository<Order>) {}
  async profile(id: number) {
    const user = await this.users.findOneBy({ id });
    const orders = await this.orders.find({ where: { userId: id } });
    return { user, orders };
  }
}`,
    errors: [
      sequential('this.orders.find(…)', '`this.users.findOneBy(…)` on line 10', [
        together(
          2,
          `import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
class User { id!: number }
class Order { id!: number; userId!: number }
@Injectable()
export class ProfileService {
  constructor(@InjectRepository(User) private readonly users: Repository<User>, @InjectRepository(Order) private readonly orders: Repository<Order>) {}
  async profile(id: number) {
    const [user, orders] = await Promise.all([
      this.users.findOneBy({ id }),
      this.orders.find({ where: { userId: id } }),
    ]);
    return { user, orders };
  }
}`,
        ),
      ]),
    ],
  },
  // --- Mongoose queries in an Express handler.
  {
    code: code(MONGOOSE, `import express from 'express';
const app = express();
app.get('/users/:id', async (req, res) => {
  const user = await User.findById(req.params.id).lean();
  const orders = await Order.find({ userId: req.params.id }).exec();
  res.json({ user, orders });
});`),
    errors: [
      sequential('Order.find(...).exec(…)', '`User.findById(req.params.id).lean(…)` on line 7', [
        together(
          2,
          code(MONGOOSE, `import express from 'express';
const app = express();
app.get('/users/:id', async (req, res) => {
  const [user, orders] = await Promise.all([
    User.findById(req.params.id).lean(),
    Order.find({ userId: req.params.id }).exec(),
  ]);
  res.json({ user, orders });
});`),
        ),
      ]),
    ],
  },
  // --- Knex builders awaited for nothing but their completion: `await Promise.all([...])`.
  {
    code: code(KNEX, `export async function warm(id: number) {
  await db('users').where({ id }).first();
  await db('orders').where({ user_id: id });
}`),
    errors: [
      sequential("db('orders').where(…)", "`db('users').where(...).first(…)` on line 4", [
        together(
          2,
          code(KNEX, `export async function warm(id: number) {
  await Promise.all([
    db('users').where({ id }).first(),
    db('orders').where({ user_id: id }),
  ]);
}`),
        ),
      ]),
    ],
  },
  // --- pg and mysql2 pools, with SQL that is a plain SELECT (written in place, in a constant, in a query config).
  {
    code: code(PG, `const ORDERS = 'SELECT * FROM orders WHERE user_id = $1';
export async function f(id: number) {
  const { rows: [user] } = await pool.query('SELECT * FROM users WHERE id = $1', [id]);
  const { rows: orders } = await pool.query(ORDERS, [id]);
  const { rows: teams } = await pool.query({ text: 'SELECT * FROM teams', values: [] });
  return { user, orders, teams };
}`),
    errors: [
      sequential('pool.query(…)', '`pool.query(…)` on line 5', [together(3, PG_TOGETHER)]),
      sequential('pool.query(…)', '`pool.query(…)` on line 5 and `pool.query(…)` on line 6', [together(3, PG_TOGETHER)]),
    ],
  },
  {
    code: code(MYSQL, `export async function f(id: number) {
  const [users] = await pool.query('SELECT * FROM users WHERE id = ?', [id]);
  const [orders] = await pool.execute('SELECT * FROM orders WHERE user_id = ?', [id]);
  return { users, orders };
}`),
    errors: [
      sequential('pool.execute(…)', '`pool.query(…)` on line 4', [
        together(
          2,
          code(MYSQL, `export async function f(id: number) {
  const [[users], [orders]] = await Promise.all([
    pool.query('SELECT * FROM users WHERE id = ?', [id]),
    pool.execute('SELECT * FROM orders WHERE user_id = ?', [id]),
  ]);
  return { users, orders };
}`),
        ),
      ]),
    ],
  },
  // --- Prisma's raw read as a tagged template, next to a count.
  {
    code: code(PRISMA, `export async function f(id: number) {
  const rows = await prisma.$queryRaw\`SELECT * FROM users WHERE id = \${id}\`;
  const total = await prisma.order.count();
  return [rows, total];
}`),
    errors: [
      sequential('prisma.order.count(…)', '`prisma.$queryRaw`…`` on line 4', [
        together(
          2,
          code(PRISMA, `export async function f(id: number) {
  const [rows, total] = await Promise.all([
    prisma.$queryRaw\`SELECT * FROM users WHERE id = \${id}\`,
    prisma.order.count(),
  ]);
  return [rows, total];
}`),
        ),
      ]),
    ],
  },
  // --- Sequelize models and MongoDB driver collections.
  {
    code: code(SEQUELIZE, `export async function f(id: number) {
  const account = await Account.findByPk(id);
  const recent = await Account.findAll({ limit: 10 });
  return { account, recent };
}`),
    errors: [
      sequential('Account.findAll(…)', '`Account.findByPk(…)` on line 6', [
        together(
          2,
          code(SEQUELIZE, `export async function f(id: number) {
  const [account, recent] = await Promise.all([
    Account.findByPk(id),
    Account.findAll({ limit: 10 }),
  ]);
  return { account, recent };
}`),
        ),
      ]),
    ],
  },
  {
    code: code(MONGODB, `export async function f(id: string) {
  const account = await accounts.findOne({ id });
  const count = await invoices.countDocuments({ accountId: id });
  return { account, count };
}`),
    errors: [
      sequential('invoices.countDocuments(…)', '`accounts.findOne(…)` on line 6', [
        together(
          2,
          code(MONGODB, `export async function f(id: string) {
  const [account, count] = await Promise.all([
    accounts.findOne({ id }),
    invoices.countDocuments({ accountId: id }),
  ]);
  return { account, count };
}`),
        ),
      ]),
    ],
  },
  // --- Drizzle and Kysely builders; a long chain is named by its head and its last step.
  {
    code: code(DRIZZLE, `export async function f(id: number) {
  const [user] = await db.select().from(users).where(eq(users.id, id));
  const recent = await db.select().from(posts).limit(10);
  return { user, recent };
}`),
    errors: [
      sequential('db.select().from(posts).limit(…)', '`db.select().from(users).where(…)` on line 8', [
        together(
          2,
          code(DRIZZLE, `export async function f(id: number) {
  const [[user], recent] = await Promise.all([
    db.select().from(users).where(eq(users.id, id)),
    db.select().from(posts).limit(10),
  ]);
  return { user, recent };
}`),
        ),
      ]),
    ],
  },
  {
    code: code(KYSELY, `export async function f(id: number) {
  const person = await db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst();
  const pets = await db.selectFrom('pet').selectAll().execute();
  return { person, pets };
}`),
    errors: [
      sequential("db.selectFrom('pet').selectAll().execute(…)", "`db.selectFrom('person')….executeTakeFirst(…)` on line 4", [
        together(
          2,
          code(KYSELY, `export async function f(id: number) {
  const [person, pets] = await Promise.all([
    db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst(),
    db.selectFrom('pet').selectAll().execute(),
  ]);
  return { person, pets };
}`),
        ),
      ]),
    ],
  },
  // --- A function written after the reads that uses the first result cannot run before the second starts.
  {
    code: code(PRISMA, `export async function f(id: number) {
  const user = await prisma.user.findUnique({ where: { id } });
  const orders = await prisma.order.findMany({ where: { createdAt: { gte: new Date(0) } } });
  return orders.map((order) => ({ ...order, user }));
}`),
    errors: [
      sequential('prisma.order.findMany(…)', '`prisma.user.findUnique(…)` on line 4', [
        together(
          2,
          code(PRISMA, `export async function f(id: number) {
  const [user, orders] = await Promise.all([
    prisma.user.findUnique({ where: { id } }),
    prisma.order.findMany({ where: { createdAt: { gte: new Date(0) } } }),
  ]);
  return orders.map((order) => ({ ...order, user }));
}`),
        ),
      ]),
    ],
  },
  // --- HTTP clients: a member of the response, got's body reader, a `.then` that only picks from the response.
  //     Only whole `const x = await read()` statements are merged by the suggestion.
  {
    code: code(AXIOS, GOT, `export async function f(id: number) {
  const user = (await axios.get(\`/users/\${id}\`)).data;
  const orders = await got(\`https://shop.example.com/orders?user=\${id}\`).json();
  const stock = await fetch('https://api.example.com/stock').then((r) => r.json());
  return { user, orders, stock };
}`),
    errors: [sequential('got(…)', '`axios.get(…)` on line 4'), sequential('fetch(…)', '`axios.get(…)` on line 4 and `got(…)` on line 5')],
  },
  {
    code: code(AXIOS, `export async function f() {
  const a = await fetch('https://api.example.com/a').then((r) => r.json());
  const { data: b } = await axios.get('/b');
  return [a, b];
}`),
    errors: [
      sequential('axios.get(…)', '`fetch(…)` on line 3', [
        together(
          2,
          code(AXIOS, `export async function f() {
  const [a, { data: b }] = await Promise.all([
    fetch('https://api.example.com/a').then((r) => r.json()),
    axios.get('/b'),
  ]);
  return [a, b];
}`),
        ),
      ]),
    ],
  },
  // --- Redis reads assigned to existing variables: reported, not rewritten.
  {
    code: code(REDIS, `export async function f(id: number) {
  let session, prefs;
  session = await redis.get(\`session:\${id}\`);
  prefs = await redis.hgetall(\`prefs:\${id}\`);
  return { session, prefs };
}`),
    errors: [sequential('redis.hgetall(…)', '`redis.get(…)` on line 5')],
  },
  // --- A dependent read ends one group and starts the next: the third read can run with the second.
  {
    code: code(PRISMA, AXIOS, `export async function f(id: number) {
  const user = await prisma.user.findUnique({ where: { id } });
  const orders = await prisma.order.findMany({ where: { userId: user!.id } });
  const { data } = await axios.get('/rates');
  return [orders, data];
}`),
    errors: [
      sequential('axios.get(…)', '`prisma.order.findMany(…)` on line 6', [
        together(
          2,
          code(PRISMA, AXIOS, `export async function f(id: number) {
  const user = await prisma.user.findUnique({ where: { id } });
  const [orders, { data }] = await Promise.all([
    prisma.order.findMany({ where: { userId: user!.id } }),
    axios.get('/rates'),
  ]);
  return [orders, data];
}`),
        ),
      ]),
    ],
  },
  // --- A read whose result is not kept, between two kept ones: an elision in the array pattern.
  {
    code: code(PRISMA, REDIS, `export async function f(id: number) {
  const user = await prisma.user.findUnique({ where: { id } });
  await redis.get('warm');
  const orders = await prisma.order.findMany({ where: { userId: id } });
  return { user, orders };
}`),
    errors: [
      sequential('redis.get(…)', '`prisma.user.findUnique(…)` on line 6', [together(3, ELISION_TOGETHER)]),
      sequential('prisma.order.findMany(…)', '`prisma.user.findUnique(…)` on line 6 and `redis.get(…)` on line 7', [together(3, ELISION_TOGETHER)]),
    ],
  },
  // --- Four in a row: every one after the first is reported; too many to rewrite blindly.
  {
    code: code(AXIOS, `export async function dashboard() {
  const { data: users } = await axios.get('/users');
  const { data: orders } = await axios.get('/orders');
  const { data: stock } = await axios.get('/stock');
  const { data: rates } = await axios.get('/rates');
  return { users, orders, stock, rates };
}`),
    errors: [
      sequential('axios.get(…)', '`axios.get(…)` on line 3'),
      sequential('axios.get(…)', '`axios.get(…)` on line 3 and `axios.get(…)` on line 4'),
      sequential('axios.get(…)', '`axios.get(…)` on line 3, `axios.get(…)` on line 4 and `axios.get(…)` on line 5'),
    ],
  },
  // --- HTTP reads once per element: still two round trips per element.
  {
    code: code(AXIOS, `export async function f(ids: string[]) {
  for (const id of ids) {
    const user = await axios.get(\`/users/\${id}\`);
    const avatar = await axios.get(\`/avatars/\${id}\`);
    console.log(user, avatar);
  }
}`),
    errors: [
      sequential('axios.get(…)', '`axios.get(…)` on line 4', [
        together(
          2,
          code(AXIOS, `export async function f(ids: string[]) {
  for (const id of ids) {
    const [user, avatar] = await Promise.all([
      axios.get(\`/users/\${id}\`),
      axios.get(\`/avatars/\${id}\`),
    ]);
    console.log(user, avatar);
  }
}`),
        ),
      ]),
    ],
  },
  // --- In a switch case; a comment between the statements would be lost, so no rewrite.
  {
    code: code(AXIOS, `export async function f(kind: string) {
  switch (kind) {
    case 'a':
      const x = await axios.get('/x'); // first
      const y = await axios.get('/y');
      return [x, y];
  }
}`),
    errors: [sequential('axios.get(…)', '`axios.get(…)` on line 5')],
  },
  // --- Two transactions' worth of reads on different pooled clients around a client checked out and released.
  {
    code: code(PG, REDIS, `export async function f(id: number) {
  const client = await pool.connect();
  const { rows } = await client.query('SELECT * FROM users WHERE id = $1', [id]);
  const cached = await redis.get(\`user:\${id}\`);
  client.release();
  return [rows, cached];
}`),
    errors: [
      sequential('redis.get(…)', '`client.query(…)` on line 7', [
        together(
          2,
          code(PG, REDIS, `export async function f(id: number) {
  const client = await pool.connect();
  const [{ rows }, cached] = await Promise.all([
    client.query('SELECT * FROM users WHERE id = $1', [id]),
    redis.get(\`user:\${id}\`),
  ]);
  client.release();
  return [rows, cached];
}`),
        ),
      ]),
    ],
  },
  // --- Clients given as annotated parameters: a PrismaClient and a TypeORM repository.
  {
    code: `import { PrismaClient } from '@prisma/client';
import { Repository } from 'typeorm';
class Audit { id!: number }
export async function stats(prisma: PrismaClient, audits: Repository<Audit>) {
  const users = await prisma.user.count();
  const entries = await audits.count();
  return { users, entries };
}`,
    errors: [
      sequential('audits.count(…)', '`prisma.user.count(…)` on line 5', [
        together(
          2,
          `import { PrismaClient } from '@prisma/client';
import { Repository } from 'typeorm';
class Audit { id!: number }
export async function stats(prisma: PrismaClient, audits: Repository<Audit>) {
  const [users, entries] = await Promise.all([
    prisma.user.count(),
    audits.count(),
  ]);
  return { users, entries };
}`,
        ),
      ]),
    ],
  },
  // --- An axios instance held in a class field, in a NestJS controller.
  {
    code: `import { Controller, Get, Param } from '@nestjs/common';
import axios from 'axios';
@Controller('users')
export class UsersController {
  private readonly api = axios.create({ baseURL: 'https://accounts.example.com', timeout: 2000 });
  @Get(':id')
  async show(@Param('id') id: string) {
    const { data: user } = await this.api.get(\`/users/\${id}\`);
    const { data: plan } = await this.api.get(\`/plans/\${id}\`);
    return { user, plan };
  }
}`,
    errors: [
      sequential('this.api.get(…)', '`this.api.get(…)` on line 8', [
        together(
          2,
          `import { Controller, Get, Param } from '@nestjs/common';
import axios from 'axios';
@Controller('users')
export class UsersController {
  private readonly api = axios.create({ baseURL: 'https://accounts.example.com', timeout: 2000 });
  @Get(':id')
  async show(@Param('id') id: string) {
    const [{ data: user }, { data: plan }] = await Promise.all([
      this.api.get(\`/users/\${id}\`),
      this.api.get(\`/plans/\${id}\`),
    ]);
    return { user, plan };
  }
}`,
        ),
      ]),
    ],
  },
  // --- No rewrite where it would change more than the order: a typed declaration, a local \`Promise\`.
  {
    code: code(PRISMA, `export async function f(id: number) {
  const user: { id: number } | null = await prisma.user.findUnique({ where: { id } });
  const orders = await prisma.order.findMany({ where: { userId: id } });
  return { user, orders };
}`),
    errors: [sequential('prisma.order.findMany(…)', '`prisma.user.findUnique(…)` on line 4')],
  },
  {
    code: code(REDIS, `import Promise from 'bluebird';
export async function f() {
  const a = await redis.get('a');
  const b = await redis.get('b');
  return [a, b];
}`),
    errors: [sequential('redis.get(…)', '`redis.get(…)` on line 5')],
  },
  // --- A comment inside a read moves with it.
  {
    code: code(REDIS, `export async function f() {
  const a = await redis.get(/* tenant */ 'a');
  const b = await redis.get('b');
  return [a, b];
}`),
    errors: [
      sequential('redis.get(…)', '`redis.get(…)` on line 4', [
        together(
          2,
          code(REDIS, `export async function f() {
  const [a, b] = await Promise.all([
    redis.get(/* tenant */ 'a'),
    redis.get('b'),
  ]);
  return [a, b];
}`),
        ),
      ]),
    ],
  },
];

// ---------------------------------------------------------------------------------------------------------
// Without type information only: file names the typed fixture project does not hold, and a client from a
// project module that only its code shape shows to be Prisma's (with types, the module's real type decides).

const untypedOnlyValid: Valid[] = [
  { code: code(PRISMA, `it('loads', async () => {
  const user = await prisma.user.findFirst();
  const orders = await prisma.order.findMany();
  expect([user, orders]).toBeTruthy();
});
declare function it(name: string, fn: () => Promise<void>): void;
declare function expect(value: unknown): { toBeTruthy(): void };`), filename: 'src/users.test.ts' },
  // The `scripts` option names other script folders.
  {
    code: code(PRISMA, `export async function report() {
  const user = await prisma.user.findFirst();
  const orders = await prisma.order.findMany();
  console.log(user, orders);
}`),
    filename: 'tools/report.ts',
    options: [{ scripts: ['tools/**'] }],
  },
];

const untypedOnlyInvalid: Invalid[] = [
  {
    code: `import { db } from './db';
export async function load(id: number) {
  const user = await db.user.findUnique({ where: { id } });
  const posts = await db.post.findMany({ where: { authorId: id } });
  return { user, posts };
}`,
    errors: [
      sequential('db.post.findMany(…)', '`db.user.findUnique(…)` on line 3', [
        together(
          2,
          `import { db } from './db';
export async function load(id: number) {
  const [user, posts] = await Promise.all([
    db.user.findUnique({ where: { id } }),
    db.post.findMany({ where: { authorId: id } }),
  ]);
  return { user, posts };
}`,
        ),
      ]),
    ],
  },
];

// ---------------------------------------------------------------------------------------------------------
// Receivers known only by their type: a client returned by a function of the project, an injected instance.

const typedOnlyInvalid: Invalid[] = [
  {
    code: `import { PrismaClient } from '@prisma/client';
declare function getPrisma(): PrismaClient;
const prisma = getPrisma();
export async function load(id: number) {
  const user = await prisma.user.findUnique({ where: { id } });
  const count = await prisma.order.count({ where: { userId: id } });
  return { user, count };
}`,
    errors: [
      sequential('prisma.order.count(…)', '`prisma.user.findUnique(…)` on line 5', [
        together(
          2,
          `import { PrismaClient } from '@prisma/client';
declare function getPrisma(): PrismaClient;
const prisma = getPrisma();
export async function load(id: number) {
  const [user, count] = await Promise.all([
    prisma.user.findUnique({ where: { id } }),
    prisma.order.count({ where: { userId: id } }),
  ]);
  return { user, count };
}`,
        ),
      ]),
    ],
  },
  {
    code: `import type { Repository } from 'typeorm';
class Invoice { id!: number; accountId!: number }
declare function repositoryOf<T>(entity: new () => T): Repository<T>;
const invoices = repositoryOf(Invoice);
export async function f(accountId: number) {
  const open = await invoices.countBy({ accountId });
  const latest = await invoices.findOne({ where: { accountId } });
  return { open, latest };
}`,
    errors: [
      sequential('invoices.findOne(…)', '`invoices.countBy(…)` on line 6', [
        together(
          2,
          `import type { Repository } from 'typeorm';
class Invoice { id!: number; accountId!: number }
declare function repositoryOf<T>(entity: new () => T): Repository<T>;
const invoices = repositoryOf(Invoice);
export async function f(accountId: number) {
  const [open, latest] = await Promise.all([
    invoices.countBy({ accountId }),
    invoices.findOne({ where: { accountId } }),
  ]);
  return { open, latest };
}`,
        ),
      ]),
    ],
  },
  // A pg pool from a project function: its type says it is a pool, whose queries run side by side.
  {
    code: `import type { Pool } from 'pg';
declare function sharedPool(): Pool;
export async function f() {
  const pool = sharedPool();
  const { rows: users } = await pool.query('SELECT * FROM users');
  const { rows: teams } = await pool.query('SELECT * FROM teams');
  return { users, teams };
}`,
    errors: [
      sequential('pool.query(…)', '`pool.query(…)` on line 5', [
        together(
          2,
          `import type { Pool } from 'pg';
declare function sharedPool(): Pool;
export async function f() {
  const pool = sharedPool();
  const [{ rows: users }, { rows: teams }] = await Promise.all([
    pool.query('SELECT * FROM users'),
    pool.query('SELECT * FROM teams'),
  ]);
  return { users, teams };
}`,
        ),
      ]),
    ],
  },
];

const typedOnlyValid: Valid[] = [
  // A pg client leased by a project function: its type says it is one connection.
  `import type { PoolClient } from 'pg';
declare function lease(): Promise<PoolClient>;
export async function f() {
  const client = await lease();
  const a = await client.query('SELECT 1');
  const b = await client.query('SELECT 2');
  return [a, b];
}`,
  // Look-alikes whose types are the project's own.
  `declare const api: { get(url: string): Promise<unknown> };
class Repo { async find() { return []; } }
export async function f(repo: Repo) {
  const a = await api.get('/a');
  const b = await api.get('/b');
  const c = await repo.find();
  const d = await repo.find();
  return [a, b, c, d];
}`,
];

untypedRuleTester().run('prefer-parallel-io', rule, {
  valid: [...valid, ...untypedOnlyValid, ...typedOnlyInvalid.map(({ code }) => code)],
  invalid: [...invalid, ...untypedOnlyInvalid],
});

typedRuleTester().run('prefer-parallel-io (typed)', rule, {
  valid: [...valid, ...typedOnlyValid],
  invalid: [...invalid, ...typedOnlyInvalid],
});

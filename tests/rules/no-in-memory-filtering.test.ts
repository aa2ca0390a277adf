import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import rule from '../../rules/no-in-memory-filtering';
import { typedRuleTester, untypedRuleTester } from '../rule-tester';

type MessageId = 'filterInMemory' | 'findInMemory' | 'existsInMemory' | 'sliceInMemory' | 'countInMemory' | 'sumInMemory';
type Valid = ValidTestCase<[]> | string;
type Invalid = InvalidTestCase<MessageId, []>;

// Each library's client, set up the way real code does, so both runs know where it comes from.
const PRISMA = `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
`;
const TYPEORM = `
import { DataSource } from 'typeorm';
class User { id!: number; active!: boolean; role!: string; orgId!: number; name!: string }
const dataSource = new DataSource({ type: 'postgres' });
const userRepo = dataSource.getRepository(User);
`;
const TYPEORM_RELATIONS = `
import { DataSource } from 'typeorm';
class Term { id!: number }
class Translation { id!: number; value!: string; term!: Term | null; labels!: Term[] }
const dataSource = new DataSource({ type: 'postgres' });
const translationRepo = dataSource.getRepository(Translation);
`;
const SEQUELIZE = `
import { Model, Sequelize, DataTypes } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Order extends Model { declare id: number; declare total: number; declare quantity: number; declare userId: number; declare status: string }
Order.init({ total: DataTypes.INTEGER }, { sequelize });
`;
const MONGOOSE = `
import mongoose from 'mongoose';
const User = mongoose.model('User', new mongoose.Schema({ name: String, teamId: String, active: Boolean }));
`;
const MONGODB = `
import { MongoClient } from 'mongodb';
const client = new MongoClient('mongodb://localhost');
`;
const PG = `
import { Pool } from 'pg';
const pool = new Pool();
`;
const MYSQL = `
import mysql from 'mysql2/promise';
const pool = mysql.createPool({ uri: 'mysql://localhost/app' });
`;
const KNEX = `
import knex from 'knex';
const db = knex({ client: 'pg' });
`;
const DRIZZLE = `
import { drizzle } from 'drizzle-orm/node-postgres';
import { pgTable, serial, text } from 'drizzle-orm/pg-core';
const usersTable = pgTable('users', { id: serial('id').primaryKey(), name: text('name') });
const db = drizzle('postgres://localhost/app');
`;
const KYSELY = `
import { Kysely } from 'kysely';
declare const dialect: any;
const db = new Kysely<any>({ dialect });
`;

function error(messageId: MessageId, data?: Record<string, string>) {
  return data ? { messageId, data } : { messageId };
}

/** Where the report should be: from `start` (its first occurrence) to the end of `end` (its first occurrence after `start`). */
function at(code: string, start: string, end: string) {
  const from = code.indexOf(start);
  const to = code.indexOf(end, from) + end.length;
  const position = (offset: number) => {
    const before = code.slice(0, offset);
    return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
  };
  const { line, column } = position(from);
  const { line: endLine, column: endColumn } = position(to);
  return { line, column, endLine, endColumn };
}

const FILTER_CODE = `${PRISMA}export async function pending() { return (await prisma.order.findMany()).filter((o) => o.status === 'pending'); }`;
const COUNT_CODE = `${PRISMA}export async function total(res: any) { const users = await prisma.user.findMany(); res.json({ total: users.length }); }`;
const SORT_SLICE_CODE = `${KNEX}export async function topOrders(userId: number) { const rows = await db('orders').where({ userId }); return rows.sort((a, b) => b.total - a.total).slice(0, 5); }`;
const MIKRO_ORM = `
import { EntityManager } from '@mikro-orm/core';
class Book { id!: number; published!: boolean }
declare const em: EntityManager;
`;

const invalid: Invalid[] = [
  // The rows without a match (a negated test), and a null test of the main table's column: filters.
  {
    code: `${PG}export async function lonely(org: string) { const { rows } = await pool.query('SELECT u.id, o.id AS order_id FROM users u LEFT JOIN orders o ON o.user_id = u.id WHERE u.org = $1', [org]); return rows.filter((r) => r.order_id === null); }`,
    errors: [error('filterInMemory', { operation: '.filter(…)', query: 'pool.query(…)', fix: '`WHERE`' })],
  },
  {
    code: `${PG}export async function named(org: string) { const { rows } = await pool.query('SELECT u.id, u.name, o.id AS order_id FROM users u LEFT JOIN orders o ON o.user_id = u.id WHERE u.org = $1', [org]); return rows.filter((r) => r.name !== null); }`,
    errors: [error('filterInMemory', { operation: '.filter(…)', query: 'pool.query(…)', fix: '`WHERE`' })],
  },
  // A threshold, or a list the query did not filter on, is a count the database could make.
  {
    code: `${PRISMA}export async function tooMany(teamId: string, seats: string[]) { const users = await prisma.user.findMany({ where: { teamId } }); return users.length > seats.length; }`,
    errors: [error('countInMemory')],
  },
  // Reported at the JavaScript operation, not at the query.
  { code: FILTER_CODE, errors: [{ ...error('filterInMemory'), ...at(FILTER_CODE, 'filter(', "'pending')") }] },
  { code: COUNT_CODE, errors: [{ ...error('countInMemory'), ...at(COUNT_CODE, 'length }', 'length') }] },
  { code: SORT_SLICE_CODE, errors: [{ ...error('sliceInMemory'), ...at(SORT_SLICE_CODE, 'sort(', 'slice(0, 5)') }] },
  // MikroORM
  {
    code: `${MIKRO_ORM}export async function published() { const books = await em.find(Book, {}); return books.filter((b) => b.published); }`,
    errors: [error('filterInMemory', { operation: '.filter(…)', query: 'em.find(Book, {})', fix: 'a condition in the `find()` filter' })],
  },
  // A relation the query loaded, tested with a condition on a column too, or negated (rows without it), is a filter.
  {
    code: `${TYPEORM_RELATIONS}export async function listed() { const rows = await translationRepo.find({ relations: ['term'] }); return rows.filter((t) => !!t.term && t.value !== ''); }`,
    errors: [error('filterInMemory', { operation: '.filter(…)', query: "translationRepo.find({ relations: ['term'] })", fix: 'a condition in `where` (or `.where()` on a query builder)' })],
  },
  {
    code: `${TYPEORM_RELATIONS}export async function orphans() { const rows = await translationRepo.find({ relations: ['term'] }); return rows.filter((t) => !t.term); }`,
    errors: [error('filterInMemory', { operation: '.filter(…)', query: "translationRepo.find({ relations: ['term'] })", fix: 'a condition in `where` (or `.where()` on a query builder)' })],
  },
  // …and a name the query loaded no relation under is a column.
  {
    code: `${TYPEORM_RELATIONS}export async function withTerm() { const rows = await translationRepo.find({ relations: ['labels'] }); return rows.filter((t) => !!t.term); }`,
    errors: [error('filterInMemory', { operation: '.filter(…)', query: "translationRepo.find({ relations: ['labels'] })", fix: 'a condition in `where` (or `.where()` on a query builder)' })],
  },
  // Prisma
  {
    code: `${PRISMA}export async function pending() { return (await prisma.order.findMany()).filter((o) => o.status === 'pending'); }`,
    errors: [error('filterInMemory', { operation: '.filter(…)', query: 'prisma.order.findMany()', fix: 'a condition in `where`' })],
  },
  {
    // The guide's example: every order loaded to count a few.
    code: `${PRISMA}export async function pendingCount() { const pending = (await prisma.order.findMany()).filter((o) => o.status === 'pending').length; return pending; }`,
    errors: [error('countInMemory', { operation: '.filter(…).length', query: 'prisma.order.findMany()', fix: '`count({ where })`' })],
  },
  {
    code: `${PRISMA}export async function orderOf(userId: number, id: number) { const orders = await prisma.order.findMany({ where: { userId } }); return orders.find((o) => o.id === id); }`,
    errors: [error('findInMemory', { operation: '.find(…)', query: 'prisma.order.findMany({ where: { userId } })', fix: '`findFirst({ where })` (or `findUnique` on a unique field)' })],
  },
  {
    code: `${PRISMA}export async function total(res: any) { const users = await prisma.user.findMany(); res.json({ total: users.length }); }`,
    errors: [error('countInMemory', { operation: '.length', query: 'prisma.user.findMany()', fix: '`count({ where })`' })],
  },
  {
    // …but an emptiness test that only leaves early is no second answer.
    code: `${PRISMA}export async function hasOpen(userId: number) { const orders = await prisma.order.findMany({ where: { userId } }); if (orders.length === 0) return false; return orders.some((o) => o.status === 'open'); }`,
    errors: [error('existsInMemory', { operation: '.some(…)', query: 'prisma.order.findMany({ where: { userId } })', fix: '`findFirst({ where, select: { id: true } })` or `count({ where })`' })],
  },
  {
    code: `${PRISMA}export async function hasOpen(userId: number) { const orders = await prisma.order.findMany({ where: { userId } }); return orders.some((o) => o.status === 'open' && o.total > 0); }`,
    errors: [error('existsInMemory', { operation: '.some(…)', query: 'prisma.order.findMany({ where: { userId } })', fix: '`findFirst({ where, select: { id: true } })` or `count({ where })`' })],
  },
  {
    // Counted for the log, filtered for the answer: the filter is what a `where` replaces.
    code: `${PRISMA}export async function corp() { const users = await prisma.user.findMany(); console.log(users.length); return users.filter((u) => u.email.endsWith('@corp.example')); }`,
    errors: [error('filterInMemory')],
  },
  {
    code: `${PRISMA}export async function pendingOrders() { const [users, orders] = await Promise.all([prisma.user.findMany(), prisma.order.findMany()]); return { users, pending: orders.filter((o) => o.status === 'pending') }; }`,
    errors: [error('filterInMemory', { operation: '.filter(…)', query: 'prisma.order.findMany()', fix: 'a condition in `where`' })],
  },
  {
    code: `${PRISMA}export async function anyUser(email: string) { const rows = await prisma.$queryRaw\`SELECT id, email FROM "User"\`; return (rows as { email: string }[]).some((r) => r.email === email); }`,
    errors: [error('existsInMemory', { operation: '.some(…)', query: 'prisma.$queryRaw`…`', fix: '`SELECT EXISTS (…)` or `WHERE … LIMIT 1`' })],
  },
  {
    code: `${PRISMA}export async function noOrders() { const orders = await prisma.order.findMany(); if (orders.length === 0) throw new Error('no orders'); return 'ok'; }`,
    errors: [error('existsInMemory', { operation: '.length', query: 'prisma.order.findMany()', fix: '`findFirst({ where, select: { id: true } })` or `count({ where })`' })],
  },
  {
    // A count of a filtered read still loads every row it counts.
    code: `${PRISMA}export async function orderCount(userId: number) { const orders = await prisma.order.findMany({ where: { userId } }); return orders.length; }`,
    errors: [error('countInMemory')],
  },
  // TypeORM
  {
    code: `${TYPEORM}export async function active() { const list = await userRepo.find(); return list.filter((u) => u.active); }`,
    errors: [error('filterInMemory', { operation: '.filter(…)', query: 'userRepo.find()', fix: 'a condition in `where` (or `.where()` on a query builder)' })],
  },
  {
    code: `${TYPEORM}export async function firstPage(orgId: number) { const list = await userRepo.findBy({ orgId }); return list.slice(0, 10); }`,
    errors: [error('sliceInMemory', { operation: '.slice(0, 10)', query: 'userRepo.findBy({ orgId })', fix: '`take`/`skip` (with `order`)' })],
  },
  {
    code: `${TYPEORM}export async function admins() { const rows = await userRepo.createQueryBuilder('u').orderBy('u.id').getMany(); return rows.filter((u) => u.role === 'admin'); }`,
    errors: [error('filterInMemory')],
  },
  {
    code: `${TYPEORM}export async function named(name: string) { const all = await dataSource.manager.find(User); return all.findIndex((u) => u.name === name); }`,
    errors: [error('findInMemory', { operation: '.findIndex(…)', query: 'dataSource.manager.find(User)', fix: '`findOneBy({ … })` / `findOne({ where })`' })],
  },
  {
    code: `${TYPEORM}export async function activeRaw() { const rows = await dataSource.query('SELECT id, active FROM users'); return rows.filter((r: any) => r.active); }`,
    errors: [error('filterInMemory', { operation: '.filter(…)', query: "dataSource.query('SELECT id, active FROM users')", fix: '`WHERE`' })],
  },
  // Sequelize
  {
    code: `${SEQUELIZE}export async function big() { const orders = await Order.findAll(); return orders.filter((o) => o.total > 100); }`,
    errors: [error('filterInMemory', { operation: '.filter(…)', query: 'Order.findAll()', fix: 'a condition in `where`' })],
  },
  {
    code: `${SEQUELIZE}export async function ensure() { const orders = await Order.findAll(); if (!orders.length) return false; return true; }`,
    errors: [error('existsInMemory', { operation: '.length', query: 'Order.findAll()', fix: "`findOne({ where, attributes: ['id'] })` or `count({ where })`" })],
  },
  // Mongoose
  {
    code: `${MONGOOSE}export async function team(teamId: string) { const users = await User.find().lean(); return users.filter((u) => u.teamId === teamId); }`,
    errors: [error('filterInMemory', { operation: '.filter(…)', query: 'User.find()…', fix: 'a condition in the `find({ … })` filter' })],
  },
  {
    code: `${MONGOOSE}export async function byName(teamId: string, name: string) { return (await User.find({ teamId })).find((u) => u.name === name); }`,
    errors: [error('findInMemory', { operation: '.find(…)', query: 'User.find({ teamId })', fix: '`findOne({ … })`' })],
  },
  // MongoDB driver
  {
    code: `${MONGODB}export async function openCount() { const docs = await client.db().collection('orders').find({}).toArray(); return docs.filter((d) => d.status === 'open').length; }`,
    errors: [error('countInMemory', { operation: '.filter(…).length', query: "client.db().collection('orders').find({})…", fix: '`countDocuments({ … })`' })],
  },
  // pg
  {
    code: `${PG}export async function activeUsers() { const { rows } = await pool.query('SELECT id, email, active FROM users'); return rows.filter((r) => r.active); }`,
    errors: [error('filterInMemory', { operation: '.filter(…)', query: "pool.query('SELECT id, email, active FROM users')", fix: '`WHERE`' })],
  },
  {
    code: `${PG}export async function orgSize(orgId: number) { const result = await pool.query('SELECT id FROM users WHERE org_id = $1', [orgId]); return result.rows.length; }`,
    errors: [error('countInMemory', { operation: '.length', query: 'pool.query(…)', fix: '`SELECT COUNT(*) … WHERE …`' })],
  },
  {
    code: `${PG}export async function page() { return (await pool.query('SELECT id, email FROM users ORDER BY id')).rows.slice(0, 20); }`,
    errors: [error('sliceInMemory', { operation: '.slice(0, 20)', query: "pool.query('SELECT id, email FROM users ORDER BY id')", fix: '`LIMIT`/`OFFSET` (with `ORDER BY`)' })],
  },
  {
    code: `${PG}const SQL = 'SELECT id, role FROM users';\nexport async function admins() { const { rows } = await pool.query({ text: SQL }); return rows.filter((r) => ['admin', 'owner'].includes(r.role)); }`,
    errors: [error('filterInMemory')],
  },
  // mysql2
  {
    code: `${MYSQL}export async function paid() { const [rows] = await pool.query('SELECT id, status FROM orders'); return (rows as any[]).filter((r) => r.status === 'paid'); }`,
    errors: [error('filterInMemory', { operation: '.filter(…)', query: "pool.query('SELECT id, status FROM orders')", fix: '`WHERE`' })],
  },
  // Knex
  {
    code: `${KNEX}export async function admins() { const rows = await db('users').select('id', 'role'); return rows.filter(({ role }) => role === 'admin'); }`,
    errors: [error('filterInMemory', { operation: '.filter(…)', query: "db('users')…", fix: '`.where()`' })],
  },
  {
    code: `${KNEX}export async function topOrders(userId: number) { const rows = await db('orders').where({ userId }); return rows.sort((a, b) => b.total - a.total).slice(0, 5); }`,
    errors: [error('sliceInMemory', { operation: '.sort(…).slice(0, 5)', query: "db('orders')…", fix: '`.limit()`/`.offset()` (with `.orderBy()`)' })],
  },
  {
    code: `${KNEX}export async function hasBanned() { const rows = await db('users').where('banned', true); return rows.filter((r) => r.orgId === 7).length > 0; }`,
    errors: [error('existsInMemory', { operation: '.filter(…).length', query: "db('users')…", fix: '`.where(…).first()`' })],
  },
  // Drizzle
  {
    code: `${DRIZZLE}export async function named(name: string) { const rows = await db.select().from(usersTable); return rows.filter((u) => u.name === name); }`,
    errors: [error('filterInMemory', { operation: '.filter(…)', query: 'db.select()…', fix: '`.where()` (`where` in `findMany`)' })],
  },
  // Kysely
  {
    code: `${KYSELY}export async function chosen(ids: number[]) { const people = await db.selectFrom('person').selectAll().execute(); return people.filter((p) => ids.includes(p.id)); }`,
    errors: [error('filterInMemory', { operation: '.filter(…)', query: "db.selectFrom('person')…", fix: '`.where()`' })],
  },
  // Optional chaining does not hide the call.
  {
    code: `${TYPEORM}export async function active() { const list = await userRepo.find(); return list?.filter((u) => !u.active); }`,
    errors: [error('filterInMemory')],
  },  // The last rows are a page kept in memory.
  {
    code: `${PRISMA}export async function latest() { const events = await prisma.event.findMany(); return events.slice(-5); }`,
    errors: [error('sliceInMemory', { operation: '.slice(…)', query: 'prisma.event.findMany()', fix: '`take`/`skip` (with `orderBy`)' })],
  },
  // A list filtered from the keys holds fewer of them: comparing with it counts rows.
  {
    code: `${DRIZZLE}import { inArray } from 'drizzle-orm';
export async function check(monitors: { id: number; active: boolean }[]) {
  const activeIds = monitors.filter((m) => m.active).map((m) => m.id);
  const rows = await db.select().from(usersTable).where(inArray(usersTable.id, activeIds));
  return rows.length > monitors.length;
}`,
    errors: [error('countInMemory')],
  },
  // …also when one branch of nested ternaries filters it.
  {
    code: `${DRIZZLE}import { inArray } from 'drizzle-orm';
export async function check(monitors: { id: number; active: boolean }[], all: boolean, active: boolean) {
  const ids = all ? monitors.map((m) => m.id) : active ? monitors.filter((m) => m.active).map((m) => m.id) : [];
  const rows = await db.select().from(usersTable).where(inArray(usersTable.id, ids));
  if (rows.length !== monitors.length) throw new Error('unknown monitor');
}`,
    errors: [error('countInMemory')],
  },
  // The distinct keys of a list the query does not filter by.
  {
    code: `${PRISMA}export async function f(tagsIds: string[], names: string[]) { const orgTags = await prisma.tag.findMany({ where: { id: { in: tagsIds } } }); return orgTags.length !== new Set(names).size; }`,
    errors: [error('countInMemory')],
  },
  // A list of conditions that pins no key of the list compared with counts rows.
  {
    code: `${DRIZZLE}import { and, eq } from 'drizzle-orm';
export async function check(input: { monitorIds: string[] }, orgId: string) {
  const conditions = [eq(usersTable.name, orgId)];
  const rows = await db.select().from(usersTable).where(and(...conditions));
  return rows.length > input.monitorIds.length;
}`,
    errors: [error('countInMemory')],
  },
  // Totals added up in JavaScript, each library's SUM named with the column.
  {
    code: `${PRISMA}export async function revenue(userId: number) { const orders = await prisma.order.findMany({ where: { userId } }); return orders.reduce((sum, o) => sum + o.total, 0); }`,
    errors: [error('sumInMemory', { operation: '.reduce(…)', query: 'prisma.order.findMany({ where: { userId } })', fix: '`aggregate({ where, _sum: { total: true } })`' })],
  },
  {
    code: `${SEQUELIZE}export async function spent(userId: number) { const orders = await Order.findAll({ where: { userId } }); return orders.reduce((acc, { total }) => acc + total, 0); }`,
    errors: [error('sumInMemory', { operation: '.reduce(…)', query: 'Order.findAll({ where: { userId } })', fix: "`sum('total', { where })`" })],
  },
  {
    code: `${PG}export async function balance(id: string) { const { rows } = await pool.query('SELECT amount FROM ledger WHERE account_id = $1', [id]); return rows.reduce((total, row) => { return total + Number(row.amount ?? 0); }, 0); }`,
    errors: [error('sumInMemory', { operation: '.reduce(…)', query: 'pool.query(…)', fix: '`SELECT SUM(amount) … WHERE …`' })],
  },
  {
    code: `${KNEX}export async function stock(sku: string) { const rows = await db('stock_levels').where({ sku }); return rows.map((r) => r.quantity).reduce((a, b) => a + b, 0); }`,
    errors: [error('sumInMemory', { operation: '.map(…).reduce(…)', query: "db('stock_levels')…", fix: "`.where(…).sum('quantity')`" })],
  },
  {
    code: `${TYPEORM}export async function total() { return (await userRepo.find()).reduce((n, u) => n + u.orgId, 0); }`,
    errors: [error('sumInMemory', { operation: '.reduce(…)', query: 'userRepo.find()', fix: "`sum('orgId', where)` (or `SUM()` in a query builder)" })],
  },
  {
    code: `${MONGOOSE}export async function points(teamId: string) { const members = await User.find({ teamId }); return members.reduce((s, m) => s + (m.points || 0), 0); }`,
    errors: [error('sumInMemory', { operation: '.reduce(…)', query: 'User.find({ teamId })', fix: "`aggregate([{ $match: … }, { $group: { _id: null, total: { $sum: '$points' } } }])`" })],
  },
];

const valid: Valid[] = [
  // A null test of a column the SQL takes from a table it LEFT JOINs: a guard on the join, whose no-match row keeps the
  // snapshot's presence (Trigger.dev's completed waitpoints), also under an alias of its own.
  `${PRISMA}export async function waitpoints(snapshotId: string) { const rows = await prisma.$queryRaw<{ id: string; B: string | null }[]>\`SELECT s."id", cw."B" FROM "TaskRunExecutionSnapshot" s LEFT JOIN "_completedWaitpoints" cw ON cw."A" = s."id" WHERE s."id" = \${snapshotId}\`; return { present: rows.length > 0, ids: rows.filter((r) => r.B !== null).map((r) => r.B as string) }; }`,
  `${PG}export async function withOrders(org: string) { const { rows } = await pool.query('SELECT u.id, o.id AS order_id FROM users u LEFT OUTER JOIN orders AS o ON o.user_id = u.id WHERE u.org = $1', [org]); return rows.filter((r) => r.order_id != null); }`,
  // A guard on a relation the query joined (Traduora's `translations.filter(t => !!t.term)` after `relations: ['term', 'labels']`).
  `${TYPEORM_RELATIONS}export async function listed() { const rows = await translationRepo.find({ where: { value: 'x' }, relations: ['term', 'labels'] }); return rows.filter((t) => !!t.term); }`,
  `${TYPEORM_RELATIONS}export async function listed() { const rows = await translationRepo.find({ relations: { term: { labels: true } } }); return rows.filter((t) => t.term !== null && t.term !== undefined); }`,
  `${PRISMA}export async function withCustomer() { return (await prisma.order.findMany({ include: { customer: true } })).filter((o) => o.customer != null); }`,
  // A substring search in a text, not a list of keys: the error message names the addresses it rejected (Inbox Zero).
  `${PRISMA}export async function rejected(err: Error) { const users = await prisma.user.findMany(); return users.filter((u) => err.message.includes(u.email)); }`,
  // Startup code runs once per process (Vendure's settings and default seller, created on first boot).
  `${PRISMA}@Injectable() export class SellerService { async onModuleInit() { const sellers = await prisma.user.findMany(); if (sellers.length === 0) await prisma.user.create({ data: {} }); } }`,
  `${PRISMA}async function bootstrap() { const users = await prisma.user.findMany(); const admins = users.filter((u) => u.role === 'admin'); console.log(admins.length); } bootstrap();`,
  // Every key asked for exists, or exactly one row matched (openstatus validates monitor ids this way): the rows are as many as the keys.
  `${DRIZZLE}import { inArray, eq } from 'drizzle-orm';
export async function check(input: { ids: number[]; id: number }) {
  const found = await db.select().from(usersTable).where(inArray(usersTable.id, input.ids));
  if (found.length !== input.ids.length) throw new Error('unknown user');
  const one = await db.select().from(usersTable).where(eq(usersTable.id, input.id));
  if (one.length !== 1) throw new Error('not found');
}`,
  `${PRISMA}export async function allExist(ids: string[]) { const users = await prisma.user.findMany({ where: { id: { in: ids } } }); return users.length === ids.length; }`,
  // …against the distinct keys of a list that may repeat one (Shelf's tag ownership check).
  `${PRISMA}export async function ownsTags(tagsIds: string[], organizationId: string) { const orgTags = await prisma.tag.findMany({ where: { id: { in: tagsIds }, organizationId }, select: { id: true } }); if (orgTags.length !== new Set(tagsIds).size) throw new Error('unknown tag'); }`,
  `${PRISMA}export async function ownsTags(tagsIds: string[]) { const orgTags = await prisma.tag.findMany({ where: { id: { in: tagsIds } }, select: { id: true } }); return orgTags.length === [...new Set(tagsIds)].length; }`,
  // …also through a list derived from them (OpenStatus's pages: ids, or objects whose ids are mapped out).
  `${DRIZZLE}import { inArray } from 'drizzle-orm';
export async function check(monitors: number[] | { monitorId: number }[]) {
  const monitorIds = typeof monitors[0] === 'number' ? (monitors as number[]) : (monitors as { monitorId: number }[]).map((m) => m.monitorId);
  const rows = await db.select().from(usersTable).where(inArray(usersTable.id, monitorIds));
  if (rows.length !== monitors.length) throw new Error('unknown monitor');
}`,
  // …behind nested ternaries, with an empty list when there are none (OpenStatus's page update, later version).
  `${DRIZZLE}import { inArray } from 'drizzle-orm';
declare function isNumberArray(value: unknown): value is number[];
export async function check(monitors?: number[] | { monitorId: number }[]) {
  const monitorIds = monitors ? (isNumberArray(monitors) ? monitors : monitors.map((m) => m.monitorId)) : [];
  if (monitors?.length) {
    const rows = await db.select().from(usersTable).where(inArray(usersTable.id, monitorIds));
    if (rows.length !== monitors.length) throw new Error('unknown monitor');
  }
}`,
  // …through a const list of conditions the query spreads (OpenStatus's tRPC routers).
  `${DRIZZLE}import { and, eq, inArray } from 'drizzle-orm';
export async function check(input: { monitorIds: string[] }, orgId: string) {
  const conditions = [eq(usersTable.name, orgId), inArray(usersTable.id, input.monitorIds.map(Number))];
  const rows = await db.select().from(usersTable).where(and(...conditions));
  if (rows.length !== input.monitorIds.length) throw new Error('unknown monitor');
}`,
  // A search beside a count of the same rows: one query, two answers (Trigger.dev's chat watches).
  `${DRIZZLE}import { eq } from 'drizzle-orm';\nexport async function watch(chatId: string, identity: string) { const active = await db.select().from(usersTable).where(eq(usersTable.name, chatId)); const dup = active.find((w) => w.id === Number(identity)); if (dup) return dup; if (active.length >= 5) return { activeCount: active.length }; return null; }`,
  // Transformations keep every row.
  `${PRISMA}export async function emails() { const users = await prisma.user.findMany(); return users.map((u) => u.email); }`,
  `${PRISMA}export async function names() { return (await prisma.user.findMany()).map((u) => u.name).filter(Boolean); }`,
  // .filter(Boolean) and function references: nothing a query option replaces.
  `${KNEX}export async function present() { const rows = await db('users'); return rows.filter(Boolean); }`,
  `${KNEX}declare function isActive(row: unknown): boolean;\nexport async function act() { const rows = await db('users'); return rows.filter(isActive); }`,
  // The count travels with the rows it counts.
  `${PG}export async function list() { const { rows } = await pool.query('SELECT id, email FROM users WHERE org_id = $1', [1]); return { items: rows, total: rows.length }; }`,
  // An existence flag handed back as a value is a second answer of the same rows (Postiz: in this org, or anywhere).
  `${PRISMA}export async function isFree(id: string, orgId: string) { const found = await prisma.order.findMany({ where: { userId: 1 } }); if (found.some((o) => o.status === orgId)) return false; return found.length > 0; }`,
  // Arrays that are not query results.
  `export function handler(req: any) { return req.body.items.filter((i: any) => i.active); }`,
  `declare function fetchItems(): Promise<{ active: boolean }[]>;\nexport async function f() { const items = await fetchItems(); return items.filter((i) => i.active); }`,
  // Copies, not pages.
  `${PRISMA}export async function copy() { const users = await prisma.user.findMany(); return users.slice(); }`,
  `${PRISMA}export async function copy0() { const users = await prisma.user.findMany(); return users.slice(0); }`,
  // One row, not a list.
  `${PRISMA}export async function postTitles(id: number) { const user = await prisma.user.findUnique({ where: { id }, include: { posts: true } }); return user?.posts.filter((p) => p.title !== ''); }`,
  `${KNEX}export async function roles(id: number) { const user = await db('users').where({ id }).first(); return user.roles.filter((r: any) => r.active); }`,
  // Already capped by the query: a `take: 1` existence check, a LIMIT, an aggregate.
  `${PRISMA}export async function taken(email: string) { const found = await prisma.user.findMany({ where: { email }, take: 1 }); return found.length === 0; }`,
  `${PRISMA}export async function failed() { const recent = await prisma.order.findMany({ take: 100, orderBy: { id: 'desc' } }); return recent.filter((o) => o.status === 'failed'); }`,
  `${PG}export async function firstTen() { const { rows } = await pool.query('SELECT id FROM users ORDER BY id LIMIT 50'); return rows.slice(0, 10); }`,
  `${PG}export async function open() { const { rows } = await pool.query('SELECT status, count(*) AS n FROM orders GROUP BY status'); return rows.find((r) => r.status === 'open'); }`,
  `${MONGOOSE}export async function some() { const users = await User.find({ active: true }).limit(20); return users.filter((u) => u.name === 'a'); }`,
  `${KNEX}export async function few() { const rows = await db('users').limit(5); return rows.length; }`,
  // Existence by a filter, usually on a unique key: at most a row or two come back.
  `${PG}export async function taken(email: string) { const { rows } = await pool.query('SELECT 1 FROM users WHERE email = $1', [email]); return rows.length > 0; }`,
  `${SEQUELIZE}export async function ensure(userId: number) { const orders = await Order.findAll({ where: { userId } }); if (!orders.length) return false; return true; }`,
  // Leaving out one key drops one row.
  `${PRISMA}export async function teammates(me: { id: number }, email: string) { const users = await prisma.user.findMany({ where: { email } }); return users.filter((u) => u.id !== me.id); }`,
  // Cursor pagination: one extra row tells whether there is a next page.
  `${PRISMA}export async function pageOf(limit: number, cursor?: number) { const items = await prisma.post.findMany({ take: limit + 1, ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}) }); return { items: items.slice(0, limit), hasMore: items.length > limit }; }`,
  // Options the code does not show may already filter and cap.
  `${PRISMA}export async function page(args: any) { const users = await prisma.user.findMany(args); return users.slice(0, 10); }`,
  `${PRISMA}export async function page(paging: { take?: number }, email: string) { const users = await prisma.user.findMany({ ...paging, where: { email } }); return users.slice(0, 10); }`,
  `${PG}export async function search(clause: string) { const { rows } = await pool.query(\`SELECT id FROM users \${clause}\`); return rows.length; }`,
  // Grouping an already-needed result: the filter runs per status.
  `${PRISMA}const STATUSES = ['open', 'paid'];\nexport async function byStatus(userId: number) { const orders = await prisma.order.findMany({ where: { userId } }); const groups: Record<string, unknown[]> = {}; for (const s of STATUSES) groups[s] = orders.filter((o) => o.status === s); return groups; }`,
  // An in-memory join: one query, then a lookup per element (the fix for N+1, not a problem).
  `${PRISMA}export async function withUsers(orders: { userId: number }[], ids: number[]) { const users = await prisma.user.findMany({ where: { id: { in: ids } } }); return orders.map((o) => ({ ...o, user: users.find((u) => u.id === o.userId) })); }`,
  `${KNEX}export async function loadCountries() { const countries = await db('countries'); return (code: string) => countries.find((c) => c.code === code); }`,
  // A partition: both halves are needed, one query serves them.
  `${TYPEORM}export async function split() { const users = await userRepo.find(); return { admins: users.filter((u) => u.role === 'admin'), others: users.filter((u) => u.role !== 'admin') }; }`,
  // The rows are also used whole.
  `${TYPEORM}export async function report() { const rows = await userRepo.find(); for (const r of rows) console.log(r.name); return rows.filter((r) => r.active); }`,
  `${SEQUELIZE}export async function summary() { const orders = await Order.findAll(); return { orders, big: orders.filter((o) => o.total > 100) }; }`,
  `${PG}export async function whole() { const res = await pool.query('SELECT id FROM users'); console.log(res.rows.length); return res; }`,
  // Predicates a query cannot take as they are: function calls, computed values, column against column, the index.
  `${PRISMA}declare function isVisibleTo(u: unknown, viewer: unknown): boolean;\nexport async function visible(viewer: unknown) { const users = await prisma.user.findMany(); return users.filter((u) => isVisibleTo(u, viewer)); }`,
  `${SEQUELIZE}export async function big() { const orders = await Order.findAll(); return orders.filter((o) => o.total * o.quantity > 100); }`,
  `${SEQUELIZE}export async function odd() { const orders = await Order.findAll(); return orders.filter((o) => o.total > o.quantity); }`,
  `${SEQUELIZE}export async function even() { const orders = await Order.findAll(); return orders.filter((o, i) => i % 2 === 0); }`,
  `${PRISMA}export async function withPosts() { const users = await prisma.user.findMany({ include: { posts: true } }); return users.filter((u) => u.posts.length > 0); }`,
  // Reassigned: the variable no longer holds just the query's rows.
  `${PRISMA}export async function merged(extra: any[]) { let users = await prisma.user.findMany(); users = users.concat(extra); return users.filter((u) => u.name === 'a'); }`,
  // Statements that return no rows to filter, and results that are not rows.
  `${PG}export async function insert(a: string) { const { rows } = await pool.query('INSERT INTO t (a) VALUES ($1) RETURNING id', [a]); return rows.length; }`,
  `${MYSQL}export async function columns() { const [, fields] = await pool.query('SELECT id FROM users'); return fields.filter((f) => f.name === 'id'); }`,
  `${SEQUELIZE}export async function firstPage() { const { rows } = await Order.findAndCountAll({ where: { status: 'open' } }); return rows.slice(0, 10); }`,
  `import Redis from 'ioredis';\nconst redis = new Redis();\nexport async function recent() { const ids = await redis.lrange('recent', 0, -1); return ids.slice(0, 10); }`,
  // A cursor, not rows.
  `${MONGODB}export async function first() { const cursor = client.db().collection('orders').find({}); return cursor; }`,  // All rows but the first: an OFFSET would save one row.
  `${PRISMA}export async function downgrade(workspaceId: number) { const monitors = await prisma.monitor.findMany({ where: { workspaceId }, orderBy: { createdAt: 'asc' } }); return monitors.slice(1); }`,
  // Totals that are not one column's SUM, or rows needed for more than the total.
  `${PRISMA}export async function byStatus() { const orders = await prisma.order.findMany(); return orders.reduce((acc, o) => ({ ...acc, [o.status]: (acc[o.status] ?? 0) + 1 }), {}); }`,
  `${PRISMA}export async function largest() { const orders = await prisma.order.findMany(); return orders.reduce((max, o) => Math.max(max, o.total), 0); }`,
  `${PRISMA}export async function weighted() { const lines = await prisma.line.findMany(); return lines.reduce((sum, l) => sum + l.price * l.quantity, 0); }`,
  `${PRISMA}export async function fromTen() { const orders = await prisma.order.findMany(); return orders.reduce((sum, o) => sum + o.total, 10); }`,
  `${PRISMA}export async function summary() { const orders = await prisma.order.findMany(); return { orders, total: orders.reduce((sum, o) => sum + o.total, 0) }; }`,
  `${PRISMA}export async function average() { const orders = await prisma.order.findMany(); const total = orders.reduce((sum, o) => sum + o.total, 0); return total / orders.length; }`,
  `${PRISMA}export async function nested() { const orders = await prisma.order.findMany(); return orders.reduce((sum, o) => sum + o.price.amount, 0); }`,
  `${PRISMA}export async function capped() { const orders = await prisma.order.findMany({ take: 20 }); return orders.reduce((sum, o) => sum + o.total, 0); }`,
  `${PRISMA}export async function labels() { const tags = await prisma.tag.findMany(); return tags.map((t) => t.name).reduce((all, name) => all + name, ''); }`,
  `${PRISMA}export async function mapped() { const orders = await prisma.order.findMany(); return orders.map((o) => o.total * 2).reduce((a, b) => a + b, 0); }`,
  // Payload's API sums nothing: no fix to offer.
  `import { getPayload } from 'payload';\nexport async function total(payload: Awaited<ReturnType<typeof getPayload>>) { const { docs } = await payload.find({ collection: 'orders', pagination: false }); return docs.reduce((sum, d) => sum + d.total, 0); }`,
];

// Tests and seeds may load whole tables.
const FIND_IN_TEST = `${PRISMA}export async function check() { const users = await prisma.user.findMany(); return users.find((u) => u.email === 'a@example.com'); }`;
const COUNT_IN_SEED = `${PRISMA}export async function seed() { const users = await prisma.user.findMany(); return users.filter((u) => u.name === 'admin').length; }`;

/** Without types, a getter on an entity looks like a column. */
const ENTITY_WITH_GETTER = `
import { DataSource } from 'typeorm';
class Account { id!: number; birthYear!: number; get isAdult(): boolean { return new Date().getFullYear() - this.birthYear >= 18; } }
const dataSource = new DataSource({ type: 'postgres' });
const accounts = dataSource.getRepository(Account);
export async function adults() { const list = await accounts.find(); return list.filter((a) => a.isAdult); }
`;

/** The same getter, counted, and searched with `find`: the typed check runs on the one callback about to be reported. */
/** A getter summed: with types, computed in JavaScript; without, it looks like a column. */
const ENTITY_GETTER_SUMMED = `
import { DataSource } from 'typeorm';
class Account { id!: number; balance!: number; get net(): number { return this.balance * 0.8; } }
const dataSource = new DataSource({ type: 'postgres' });
const accounts = dataSource.getRepository(Account);
export async function netTotal() { const list = await accounts.find(); return list.reduce((sum, a) => sum + a.net, 0); }
`;

const ENTITY_GETTER_COUNTED = `
import { DataSource } from 'typeorm';
class Account { id!: number; birthYear!: number; get isAdult(): boolean { return new Date().getFullYear() - this.birthYear >= 18; } }
const dataSource = new DataSource({ type: 'postgres' });
const accounts = dataSource.getRepository(Account);
export async function adults() { const list = await accounts.find(); return list.filter((a) => a.isAdult).length; }
export async function anyAdult() { const all = await accounts.find(); return all.find((a) => a.isAdult && a.id > 0); }
`;

// Relative to the typed fixture's folder (the tester's working directory there): an absolute path would put the
// fixture under this repository's own tests/ folder, which the request-path analysis reads as test code.
const SEED_SCRIPT = 'scripts/seed.ts';

/** `makeRepository()` returns a TypeORM repository: its one statement says so, and so does the checker. */
const REPOSITORY_FROM_FACTORY = `${TYPEORM}function makeRepository() { return dataSource.getRepository(User); }
export async function active() { const repository = makeRepository(); const list = await repository.find(); return list.filter((u) => u.active); }`;

untypedRuleTester().run('no-in-memory-filtering', rule, {
  valid: [...valid, { code: FIND_IN_TEST, filename: 'src/users.test.ts' }, { code: COUNT_IN_SEED, filename: 'prisma/seed.ts' }],
  invalid: [
    ...invalid,
    { code: ENTITY_WITH_GETTER, errors: [error('filterInMemory')] },
    { code: ENTITY_GETTER_COUNTED, errors: [error('countInMemory'), error('findInMemory')] },
    { code: ENTITY_GETTER_SUMMED, errors: [error('sumInMemory')] },
    { code: REPOSITORY_FROM_FACTORY, errors: [error('filterInMemory', { operation: '.filter(…)', query: 'repository.find()', fix: 'a condition in `where` (or `.where()` on a query builder)' })] },
  ],
});

typedRuleTester().run('no-in-memory-filtering (typed)', rule, {
  valid: [
    ...valid,
    { code: COUNT_IN_SEED, filename: SEED_SCRIPT },
    // With types, the getter is computed in JavaScript: no query can filter on it.
    ENTITY_WITH_GETTER,
    ENTITY_GETTER_COUNTED,
    ENTITY_GETTER_SUMMED,
  ],
  invalid: [...invalid, { code: REPOSITORY_FROM_FACTORY, errors: [error('filterInMemory', { operation: '.filter(…)', query: 'repository.find()', fix: 'a condition in `where` (or `.where()` on a query builder)' })] }],
});

// Objection: rows of a query or of a relation, filtered or counted in JavaScript; a guard on a relation loaded with them is none.
const OBJECTION = `
import { Model } from 'objection';
class Pet extends Model { static tableName = 'pets'; id!: number; species!: string }
class Person extends Model { static tableName = 'persons'; id!: number; active!: boolean; pets?: Pet[]; owner?: Person | null }
`;
const objectionValid: Valid[] = [
  `${OBJECTION}export async function owned() { const people = await Person.query().withGraphFetched('[owner, pets.[toys]]'); return people.filter((p) => p.owner); }`,
  `${OBJECTION}export async function active() { return Person.query().where('active', true); }`,
];
const objectionInvalid: Invalid[] = [
  {
    code: `${OBJECTION}export async function active() { const people = await Person.query(); return people.filter((p) => p.active); }`,
    errors: [error('filterInMemory', { operation: '.filter(…)', query: 'Person.query()', fix: '`.where()`' })],
  },
  {
    code: `${OBJECTION}export async function enough(person: Person) { const pets = await person.$relatedQuery('pets'); return pets.length >= 2; }`,
    errors: [error('countInMemory', { operation: '.length', query: "person.$relatedQuery('pets')", fix: '`.where(…).resultSize()`' })],
  },
];
untypedRuleTester().run('no-in-memory-filtering: Objection', rule, { valid: objectionValid, invalid: objectionInvalid });
typedRuleTester().run('no-in-memory-filtering: Objection (typed)', rule, { valid: objectionValid, invalid: objectionInvalid });

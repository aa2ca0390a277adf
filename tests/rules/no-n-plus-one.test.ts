import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import rule from '../../rules/no-n-plus-one';
import type { DbLibrary } from '../../src/analysis/db-operations';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { typedRuleTester, untypedRuleTester, untypedRuleTesterIn } from '../rule-tester';

type Options = [{ ignoreLibraries?: DbLibrary[]; callDepth?: number; projectRepositories?: boolean }];
type Valid = ValidTestCase<Options> | string;
type Invalid = InvalidTestCase<'perElement' | 'repeated' | 'perElementCall' | 'repeatedCall' | 'recursiveCall' | 'perParent' | 'perParentCall' | 'perElementRepositoryCall', Options>;

// Each library's client, set up the way real code does, so both runs know where it comes from.
const PRISMA = `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
`;
const TYPEORM = `
import { DataSource, In } from 'typeorm';
class User { id!: number; name!: string }
const dataSource = new DataSource({ type: 'postgres' });
const users = dataSource.getRepository(User);
`;
const SEQUELIZE = `
import { Model, Sequelize, DataTypes } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Order extends Model { declare id: number; declare total: number }
Order.init({ total: DataTypes.INTEGER }, { sequelize });
`;
const MONGOOSE = `
import mongoose from 'mongoose';
const User = mongoose.model('User', new mongoose.Schema({ name: String, teamId: String }));
`;
const KNEX = `
import knex from 'knex';
const db = knex({ client: 'pg' });
`;
const DRIZZLE = `
import { drizzle } from 'drizzle-orm/node-postgres';
import { eq, inArray } from 'drizzle-orm';
import { pgTable, serial, text } from 'drizzle-orm/pg-core';
const usersTable = pgTable('users', { id: serial('id').primaryKey(), name: text('name') });
const db = drizzle('postgres://localhost/app');
`;
const KYSELY = `
import { Kysely, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
interface Database { person: { id: number; name: string } }
const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new Pool() }) });
`;
const PG = `
import { Pool } from 'pg';
const pool = new Pool();
`;
const PG_PROMISE = `
import pgPromise from 'pg-promise';
const pgp = pgPromise();
const db = pgp('postgres://localhost/app');
`;
const MYSQL = `
import mysql from 'mysql2/promise';
const conn = await mysql.createConnection({ host: 'localhost' });
`;
const MONGODB = `
import { MongoClient } from 'mongodb';
const client = new MongoClient('mongodb://localhost');
const orderDocs = client.db('shop').collection('orders');
`;
const REDIS = `
import Redis from 'ioredis';
const redis = new Redis();
`;
const MIKRO = `
import { MikroORM } from '@mikro-orm/core';
class Author { id!: number }
const orm = await MikroORM.init({});
const em = orm.em.fork();
`;
const DECLARATIONS = `
declare const ids: number[];
declare const keys: string[];
declare const orders: { id: number; userId: number; total: number; status: string }[];
declare const items: { id: number; name: string }[];
declare const currentUserId: number;
declare function render(...values: unknown[]): void;
`;

const code = (...parts: string[]) => parts.join('\n');
// The batched forms the messages suggest.
const KNEX_PER_ROW = "write them in one statement with `insert(rows).onConflict('id').merge()`, or one `UPDATE … FROM (VALUES …)` through `knex.raw`";
const FORM = {
  prismaRead: 'fetch them in one query with `where: { id: { in: ids } }`',
  prismaWrite: 'write them in one statement with `createMany`',
  prismaNestedWrite: 'send them together with `$transaction([...])` (`createMany` takes no nested `create`), or create the parents with `createManyAndReturn` and their children with one `createMany`',
  prismaChange: 'change them in one statement with `updateMany`/`deleteMany` and `where: { id: { in: ids } }`, or send them together with `$transaction([...])`',
  // The filter's field that changes with the element, when it is not the row's own key: a list of keys, or of values.
  prismaReadByUserId: 'fetch them in one query with `where: { userId: { in: ids } }`',
  prismaReadByStatus: 'fetch them in one query with `where: { status: { in: values } }`',
  prismaChangeByUserId: 'change them in one statement with `updateMany`/`deleteMany` and `where: { userId: { in: ids } }`, or send them together with `$transaction([...])`',
  prismaChangeByAuthorId: 'change them in one statement with `updateMany`/`deleteMany` and `where: { authorId: { in: ids } }`, or send them together with `$transaction([...])`',
  mongoReadByOwner: 'fetch them in one query with `{ owner: { $in: values } }`',
  mongoChangeByTeamId: 'change them in one call with `updateMany`/`deleteMany` and `{ teamId: { $in: ids } }`, or `bulkWrite`',
  mongoChangeByTileId: 'change them in one call with `updateMany`/`deleteMany` and `{ tileId: { $in: ids } }`, or `bulkWrite`',
  prismaChangeInTransaction: 'change them in one statement with `updateMany`/`deleteMany` and `where: { id: { in: ids } }`',
  prismaCount: 'count them in one `groupBy({ by: [...], _count: true })`',
  prismaRawRead: 'fetch them in one query with `WHERE id IN (${Prisma.join(ids)})`',
  transaction: 'open one transaction around the whole loop instead of one per element',
  typeormRead: 'fetch them in one query with `In(ids)`',
  typeormWrite: 'write them in one call with `save(entities)` or `insert([...])`',
  typeormUpsert: 'write them in one statement: `upsert(entities, conflictPaths)` takes a list',
  sequelizeRead: 'fetch them in one query with `where: { id: ids }`',
  sequelizeWrite: 'write them in one statement with `bulkCreate`',
  mongoRead: 'fetch them in one query with `{ _id: { $in: ids } }`',
  mongoWrite: 'write them in one call with `insertMany` or `bulkWrite`',
  mongoChange: 'change them in one call with `updateMany`/`deleteMany` and `{ _id: { $in: ids } }`, or `bulkWrite`',
  knexRead: "fetch them in one query with `whereIn('id', ids)`",
  knexChange: "change them in one statement with `whereIn('id', ids).update(...)`/`.del()`",
  drizzleRead: 'fetch them in one query with `inArray(table.id, ids)`',
  drizzleWrite: 'write them in one statement with `insert(table).values([...])`',
  kyselyRead: "fetch them in one query with `where('id', 'in', ids)`",
  mikroRead: 'fetch them in one query with `{ id: { $in: ids } }`',
  pgRead: 'fetch them in one query with `WHERE id = ANY($1)`',
  pgWrite: 'write them in one statement: a multi-row `INSERT … VALUES` or `unnest($1)`',
  pgChange: 'change them in one statement with `WHERE id = ANY($1)`, or `UPDATE … FROM unnest(...)`',
  mysqlRead: 'fetch them in one query with `WHERE id IN (?)`',
  pgPromiseRead: 'fetch them in one query with `WHERE id IN ($1:csv)`',
  pgPromiseWrite: 'write them in one statement: a multi-row `INSERT` built with `pgp.helpers.insert(rows, columns)`',
  redisRead: 'fetch them in one round trip with `mget` or a pipeline',
  redisWrite: 'send them in one round trip with a pipeline (or `mset` for plain sets)',
  // Raw SQL whose statement the code does not spell: read or write.
  prismaRawAny: 'fetch them in one query with `WHERE id IN (${Prisma.join(ids)})`, or write in one statement with `createMany`',
  knexRawAny: 'fetch them in one query with `WHERE id IN (?)` and an array binding, or write in one statement with `insert([...])`',
  pgRawAny: 'fetch them in one query with `WHERE id = ANY($1)`, or write in one statement: a multi-row `INSERT … VALUES` or `unnest($1)`',
};
const perElement = (collection: string, operation: string, batched: string) => ({
  messageId: 'perElement' as const,
  data: { operation, collection, batched },
});

// Cases both runs must agree on: type information only confirms what imports already show.
const valid: Valid[] = [
  // A parameter defaulting to something that is no client: a memo's `get` per element is no query.
  code(PRISMA, DECLARATIONS, `export function labels(cache: Map<number, string> = new Map(), store = { get: (id: number) => String(id) }) { for (const id of ids) render(cache.get(id), store.get(id)); }`),
  // A few spellings of one key tried in turn, from a function that returns only fixed lists (Trigger.dev's e-mail
  // candidates: the address as sent and its lowercased form).
  `${PRISMA}function candidates(email: string): string[] { const lower = email.toLowerCase(); if (!email) return []; return email === lower ? [email] : [email, lower]; }
export async function findUser(email: string) { for (const e of candidates(email)) { const user = await prisma.user.findFirst({ where: { email: e } }); if (user) return user; } return null; }`,
  `${PRISMA}const regions = (eu: boolean) => (eu ? ['eu-west-1', 'eu-central-1'] : ['us-east-1']);
export async function counts(eu: boolean) { return Promise.all(regions(eu).map((region) => prisma.server.count({ where: { region } }))); }`,
  // A read with the same arguments for every element that fills a memo the loop reads first: once per run of the loop
  // (Better Auth's migration planner asks once per table whether it has rows, while it walks the table's fields).
  `${PRISMA}async function tableHasRows(table: string) { return (await prisma.row.count({ where: { table } })) > 0; }
export async function plan(table: { name: string; fields: Record<string, { required: boolean }> }, populated: Map<string, boolean>) { const blocked: string[] = []; for (const [field, spec] of Object.entries(table.fields)) { if (!spec.required) continue; let has = populated.get(table.name); if (has === undefined) { has = await tableHasRows(table.name); populated.set(table.name, has); } if (has) blocked.push(field); } return blocked; }`,
  `${PRISMA}export async function labels(items: { id: string }[], teamId: string, cache: Map<string, unknown>) { for (const item of items) { if (!cache.has(teamId)) cache.set(teamId, await prisma.team.findUnique({ where: { id: teamId } })); use(item, cache.get(teamId)); } }
declare function use(...args: unknown[]): void;`,
  // A loop over the kinds of things to export, each kind's query in its own case of a switch on the kind (Wiki.js).
  `${PRISMA}export async function exportAll(entities: string[]) { for (const entity of entities) { switch (entity) { case 'users': { await prisma.user.findMany(); break; } case 'pages': await prisma.page.findMany(); break; } } }`,
  // Each query takes what the previous one returned (a thread whose every comment points at the one before): a
  // sequence, not a batch (Postiz's comments).
  `${PRISMA}export async function thread(values: { content: string }[]) { const posts: { id: string }[] = []; for (const value of values) { posts.push(await prisma.post.create({ data: { content: value.content, parentPostId: posts[posts.length - 1]?.id } })); } return posts; }`,
  `${PRISMA}export async function chain(versions: { body: string }[]) { let previous: { id: string } | undefined; for (const version of versions) { previous = await prisma.version.create({ data: { body: version.body, previousId: previous?.id } }); } return previous; }`,
  // …also when the query is built in a `const` first and finished later (NodeBB's set intersection narrows `items` per set).
  code(MONGODB, `export async function intersect(sets: string[], items: { value: string }[]) { for (const key of sets) { const cursor = orderDocs.find({ key, value: { $in: items.map((x) => x.value) } }); items = await cursor.toArray() as unknown as { value: string }[]; } return items; }`),
  // pg-promise: one multi-row insert built by its helpers; one query per chunk of keys; a task's rows mapped in memory.
  code(PG_PROMISE, DECLARATIONS, `export async function f() { await db.none(pgp.helpers.insert(items, ['id', 'name'], 'items')); }`),
  code(PG_PROMISE, DECLARATIONS, `export async function f() { for (let i = 0; i < ids.length; i += 500) { render(await db.any('SELECT name FROM users WHERE id IN ($1:csv)', [ids.slice(i, i + 500)])); } }`),
  code(PG_PROMISE, DECLARATIONS, `export async function f() { const rows = await db.task((t) => t.any('SELECT id, name FROM users')); return rows.map((row: { id: number }) => render(row.id)); }`),
  // Methods of that name on something else: an event emitter's \`one\`, a validator's \`none\`.
  code(DECLARATIONS, `declare const bus: { one(event: string, id: number): Promise<void> };\nexport async function f() { for (const id of ids) await bus.one('user', id); }`),
  // One Payload call for the whole list; and a webhook payload's own methods.
  `export async function clear(req: any, related: Record<string, string>) { for (const [collection, field] of Object.entries(related)) await req.payload.update({ collection, where: { [field]: { exists: true } }, data: { [field]: null } }); }`,
  `export async function anyDependent(req: any, slugs: string[], parent: string) { for (const slug of slugs) { const found = await req.payload.find({ collection: slug, limit: 1, where: { parent: { equals: parent } } }); if (found.totalDocs) return slug; } return null; }`,
  `export async function publish(req: any, ids: string[]) { await req.payload.update({ collection: 'posts', where: { id: { in: ids } }, data: { status: 'published' } }); for (const id of ids) await req.payload.jobs.queue({ task: 'notify', input: { id } }); }`,
  `export async function handle(payload: { events: { id: string }[]; find(id: string): unknown }) { for (const event of payload.events) await payload.find(event.id); }`,
  // Startup code runs once per process (Vendure's initRoles from onModuleInit, a bootstrap script's seeding).
  `${PRISMA}@Injectable() export class RoleService { async onModuleInit() { await this.ensurePermissions(); } private async ensurePermissions() { const roles = await prisma.role.findMany(); for (const role of roles) await prisma.role.update({ where: { id: role.id }, data: { permissions: [] } }); } }`,
  `${PRISMA}async function bootstrap(ids: number[]) { for (const id of ids) await prisma.user.findUnique({ where: { id } }); } bootstrap([1, 2]);`,
  // The same read only for the element with one key (dub's `if (workspace.id === ACME_WORKSPACE_ID)`): it runs
  // once per loop, not once per element. Also as `&&`, a ternary, `==`, and after `if (… !== …) continue;`.
  code(PRISMA, DECLARATIONS, `const ACME_ID = 7;
export async function f() {
  for (const o of orders) {
    if (o.id === ACME_ID) { const owner = await prisma.user.findFirst({ where: { email: 'admin@example.com' } }); render(o, owner); }
    if (ACME_ID == o.id && o.total > 0) render(await prisma.user.findFirst({ where: { email: 'a@example.com' } }));
    const extra = o.id === currentUserId ? await prisma.user.findFirst({ where: { email: 'b@example.com' } }) : null;
    render(extra);
  }
  for (const id of ids) {
    if (id !== currentUserId) continue;
    render(await prisma.user.findFirst({ where: { email: 'c@example.com' } }));
  }
}`),
  // A write or a per-element read only for the element with one key (Flowise's document stores): at most once per loop.
  code(TYPEORM, DECLARATIONS, `export async function f(entities: User[], storeId: number) {
  for (const entity of entities) { if (entity.id === storeId) { entity.name = 'x'; await users.save(entity); } }
  for (const entity of entities) { if (entity.id !== storeId) continue; render(await users.findOneBy({ id: entity.id })); }
}`),
  // Knex builders assembled per element and never awaited there (teable): a column added to a builder per
  // entry, and subqueries made per id for one UNION ALL. One statement runs, later.
  code(KNEX, `import type { Knex } from 'knex';
export function addColumns(queryBuilder: Knex.QueryBuilder, columns: Record<string, string>) {
  Object.entries(columns).forEach(([name, column]) => { queryBuilder.select({ [name]: column }); });
}
export function union(query: Knex.QueryBuilder, ids: string[]) {
  return query.unionAll(ids.map((id) => db.select({ toId: db.raw('?', id), fromId: db.raw('?', null) })));
}`),
  // Drizzle's db.batch sends its builders in one round trip (libsql, D1, neon-http; Papra's option sync): a list spread
  // into it, or built by a block-bodied callback, filtered, kept in a const and tested before it is handed over.
  code(DRIZZLE, `export async function sync(options: { id: number; name: string }[], stale: number[]) {
  await db.batch([...options.map((option) => db.update(usersTable).set({ name: option.name }).where(eq(usersTable.id, option.id))), db.delete(usersTable).where(inArray(usersTable.id, stale))]);
}
export async function reindex(updates: { id: number; name?: string }[]) {
  const queries = updates
    .map(({ id, name }) => {
      if (name === undefined) return null;
      return db.update(usersTable).set({ name }).where(eq(usersTable.id, id));
    })
    .filter((query) => query !== null);
  if (queries.length === 0) return;
  await db.batch(queries as never);
}`),
  // …also when this file knows the client only as the one both calls start from (a parameter typed by the project).
  code(`import { eq } from 'drizzle-orm';
import type { Database } from './database.types';
import { usersTable } from './tables';
export async function sync({ db, rows }: { db: Database; rows: { id: number; name: string }[] }) {
  await db.batch(rows.map((row) => db.update(usersTable).set({ name: row.name }).where(eq(usersTable.id, row.id))) as never);
}`),
  // Clauses grouped in a where callback, one per value: one query (teable's choice conversion).
  code(KNEX, `export async function matching(table: string, column: string, values: string[]) {
  return db(table).select('__id').where((builder) => {
    for (const value of values) builder.orWhere(db.raw('CAST(?? AS text)', [column]), 'LIKE', \`%"\${value}"%\`);
  });
}`),
  // Builders per element compiled to text, never sent here (teable's graph service): either branch of a conditional.
  code(KNEX, `export function countQueries(fieldIds: string[], oneToOne: boolean) {
  return fieldIds.map((id) => {
    const query = oneToOne ? db.count('a', { as: 'count' }).from(id) : db.countDistinct('b', { as: 'count' }).from(id);
    return query.toQuery();
  });
}`),
  // An index loop over a constant list: one query per listed region, a fixed number.
  code(PRISMA, DECLARATIONS, `const REGIONS = ['ams', 'iad', 'syd'];\nexport async function counts() { for (let i = 0; i < REGIONS.length; i++) await prisma.user.count({ where: { name: REGIONS[i] } }); }`),
  // A loop over a constant table another module of the project declares: a fixed number of queries.
  code(PRISMA, DECLARATIONS, `import { ROLES } from './roles';\nexport async function counts() { for (const role of ROLES) await prisma.user.count({ where: { name: role } }); }`),
  // Batched forms.
  code(PRISMA, DECLARATIONS, `export async function f() { const found = await prisma.order.findMany({ where: { id: { in: ids } } }); for (const o of found) render(o); }`),
  // One statement per group of rows sharing a value (Dub's links regrouped by their new values), or a batched write: each is already a batch.
  code(PRISMA, DECLARATIONS, `export async function f(linksByUrl: Record<string, string[]>) { for (const [url, linkIds] of Object.entries(linksByUrl)) await prisma.link.updateMany({ where: { id: { in: linkIds } }, data: { url } }); }`),
  // The groups kept under another name first (Parabol's loaders): one query per group of keys still.
  code(KYSELY, DECLARATIONS, `export async function f(byType: Record<string, number[]>) { const entries = Object.entries(byType) as [string, number[]][]; return Promise.all(entries.map(([type, teamIds]) => db.selectFrom('person').selectAll().where('id', 'in', teamIds).where('type', '=', type).execute())); }`),
  code(PRISMA, DECLARATIONS, `export async function f(partnerGroups: { days: number; partnerIds: string[] }[]) { for (const group of partnerGroups) render(await prisma.payout.findMany({ where: { partnerId: { in: group.partnerIds } }, take: 100 })); }`),
  code(PRISMA, DECLARATIONS, `export async function f(payouts: { id: string; commissionIds: string[] }[]) { for (const payout of payouts) await prisma.commission.updateMany({ where: { id: { in: payout.commissionIds } }, data: { payoutId: payout.id } }); }`),
  // A key list fixed for the whole loop: the same batched query, not one per element (left to other checks).
  code(PRISMA, DECLARATIONS, `export async function f() { for (const o of orders) render(o, await prisma.user.findMany({ where: { id: { in: ids } }, take: 10 })); }`),
  code(PRISMA, DECLARATIONS, `export async function f() { await Promise.all(orders.map(() => prisma.user.createMany({ data: items.map((i) => ({ name: i.name })) }))); }`),
  code(PRISMA, DECLARATIONS, `export async function f() { await prisma.order.createMany({ data: orders.map((o) => ({ total: o.total, status: 'new', userId: o.userId })) }); }`),
  code(TYPEORM, DECLARATIONS, `export async function f() { const rows = await users.findBy({ id: In(ids) }); for (const row of rows) render(row.name); }`),
  // Only for the elements that failed: a `catch` block or a `.catch(…)` callback in the loop (Inbox Zero's failed jobs).
  code(PRISMA, DECLARATIONS, `declare function send(o: unknown): Promise<void>;
export async function f() { for (const o of orders) { try { await send(o); } catch (error) { await prisma.order.update({ where: { id: o.id }, data: { status: 'FAILED' } }); } } }`),
  code(PRISMA, DECLARATIONS, `declare function send(o: unknown): Promise<void>;
export async function f() { await Promise.all(orders.map((o) => send(o).catch(() => prisma.order.update({ where: { id: o.id }, data: { status: 'FAILED' } })))); }`),
  // The entities as one list, the first argument or the second after a manager's target.
  code(TYPEORM, DECLARATIONS, `export async function f(teams: { members: { id: number; name: string }[] }[]) { for (const team of teams) await users.upsert(team.members.map((m) => ({ id: m.id, name: m.name })), ['id']); }`),
  code(TYPEORM, DECLARATIONS, `export async function f(teams: { members: { id: number; name: string }[] }[]) { for (const team of teams) await dataSource.manager.save(User, team.members.map((m) => ({ id: m.id, name: m.name }))); }`),
  code(MONGOOSE, DECLARATIONS, `export async function f(teamIds: string[]) { for (const chunk of chunkIds(teamIds, 100)) { await User.find({ teamId: { $in: chunk } }); } }
declare function chunkIds(ids: string[], size: number): string[][];`),
  code(KNEX, DECLARATIONS, `export async function f() { for (let i = 0; i < ids.length; i += 500) { await db('users').whereIn('id', ids.slice(i, i + 500)); } }`),
  code(DRIZZLE, DECLARATIONS, `export async function f() { const rows = await db.select().from(usersTable).where(inArray(usersTable.id, ids)); rows.forEach((r) => render(r)); }`),
  // A key list fixed for the loop, in each library's IN form: one statement per element for the same keys is the 'repeated' case, not a per-element list.
  code(KYSELY, DECLARATIONS, `export async function f(teams: { id: number }[]) { for (const team of teams) render(await db.selectFrom('person').selectAll().where('id', 'in', ids).where('teamId', '=', team.id).execute()); }`),
  code(SEQUELIZE, DECLARATIONS, `import { Op } from 'sequelize';
export async function f(teams: { id: number }[]) { for (const team of teams) render(await Order.findAll({ where: { id: { [Op.in]: ids }, teamId: team.id } })); }`),
  code(MONGOOSE, DECLARATIONS, `export async function f(teams: { id: string }[]) { for (const team of teams) render(await User.find({ teamId: team.id }).where('_id').in(ids)); }`),
  code(REDIS, DECLARATIONS, `export async function f() { const values = await redis.mget(keys); values.forEach((v) => render(v)); }`),
  code(MONGODB, DECLARATIONS, `export async function f() { await orderDocs.bulkWrite(items.map((i) => ({ updateOne: { filter: { id: i.id }, update: { $set: { name: i.name } } } }))); }`),
  // Prisma's dataloader folds findUnique calls started in the same tick into one query.
  code(PRISMA, DECLARATIONS, `export async function f() { return Promise.all(ids.map((id) => prisma.user.findUnique({ where: { id } }))); }`),
  code(PRISMA, DECLARATIONS, `export async function f() { return Promise.all(ids.map(async (id) => prisma.user.findUniqueOrThrow({ where: { id } }))); }`),
  // Upstash's client sends the commands started in one tick as one HTTP request (auto-pipelining, on by default).
  `import { Redis } from '@upstash/redis';
const redis = Redis.fromEnv();
export async function f(keys: string[]) { return Promise.all(keys.map((k) => redis.hgetall('user:' + k))); }`,
  // …also from a helper that sends its command before it awaits anything (Papermark's job store).
  `import { Redis } from '@upstash/redis';
const redis = Redis.fromEnv();
class JobStore {
  async getJob(id: string) { const job = await redis.get('job:' + id); return job ? { id, job } : null; }
  async getJobs(ids: string[]) { return Promise.all(ids.map((id) => this.getJob(id))); }
}
export const store = new JobStore();`,
  // node-redis 4 and later pipeline the commands of one tick.
  `import { createClient } from 'redis';
const client = createClient({ url: process.env.REDIS_URL });
export async function bust(ids: number[]) { await Promise.all(ids.map((id) => client.del('m:' + id))); }`,
  // …also from a loop whose body never waits (Civitai's cache refresh): every command leaves in the same tick.
  `import { createClient } from 'redis';
const client = createClient({ url: process.env.REDIS_URL });
export async function refresh(ids: number[], key: string) { const ops: Promise<unknown>[] = []; for (const id of ids) { ops.push(client.hSet(key + id, { at: '1' })); ops.push(client.expire(key + id, 60)); } await Promise.all(ops); }`,
  // Prisma's dataloader folds the findUnique calls a loop starts without waiting.
  code(PRISMA, DECLARATIONS, `export async function f() { const found = []; for (const id of ids) found.push(prisma.user.findUnique({ where: { id } })); return Promise.all(found); }`),
  // Prisma sends the operations of an array transaction as one batch.
  code(PRISMA, DECLARATIONS, `export async function f() { await prisma.$transaction(orders.map((o) => prisma.order.update({ where: { id: o.id }, data: { total: o.total } }))); }`),
  // …also collected first and handed whole to `$transaction` (Langfuse's prompt labels): Prisma's operations send nothing until then.
  code(PRISMA, DECLARATIONS, `export async function f() { const ops = []; orders.forEach((o) => ops.push(prisma.order.update({ where: { id: o.id }, data: { total: o.total } }))); await prisma.$transaction(ops); }`),
  code(PRISMA, DECLARATIONS, `export async function f() { const ops = []; for (const o of orders) ops.push(prisma.order.update({ where: { id: o.id }, data: { total: o.total } })); await prisma.$transaction([...ops, prisma.audit.create({ data: {} })]); }`),
  // Copied into another array first, then sent whole (Refly's credit deductions).
  code(PRISMA, DECLARATIONS, `export async function f() { const ops = []; for (const o of orders) ops.push(prisma.order.update({ where: { id: o.id }, data: { total: o.total } })); const operations = [prisma.audit.create({ data: {} }), ...ops]; await prisma.$transaction(operations); }`),
  code(PRISMA, DECLARATIONS, `export async function f() { const ops = [prisma.audit.create({ data: {} }), ...orders.map((o) => prisma.order.update({ where: { id: o.id }, data: { total: o.total } }))]; await prisma.$transaction(ops); }`),
  code(PRISMA, DECLARATIONS, `export async function f() { const ops = [prisma.audit.create({ data: {} })]; ops.push(...orders.map((o) => prisma.order.update({ where: { id: o.id }, data: { total: o.total } }))); return prisma.$transaction(ops); }`),
  // …held in a const first, and pushed onto a property of a reduce accumulator (Amplication's plugin catalog).
  code(PRISMA, DECLARATIONS, `export async function f() { const ops = []; for (const o of orders) { const op = prisma.order.update({ where: { id: o.id }, data: { total: o.total } }); ops.push(op); } await prisma.$transaction(ops); }`),
  code(PRISMA, DECLARATIONS, `export async function f() {
  const result = orders.reduce((acc, o) => { const update = prisma.order.update({ where: { id: o.id }, data: { total: o.total } }); acc.updates.push(update); acc.ids.push(o.id); return acc; }, { updates: [], ids: [] });
  await prisma.$transaction(result.updates);
}`),
  // Pagination, chunk and retry loops.
  code(PRISMA, `export async function all() {
  const out = [];
  let cursor: number | undefined;
  let page;
  do {
    page = await prisma.user.findMany({ take: 100, ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}) });
    out.push(...page);
    cursor = page.at(-1)?.id;
  } while (page.length === 100);
  return out;
}`),
  code(PG, `export async function all() {
  let hasMore = true;
  let offset = 0;
  while (hasMore) {
    const { rows } = await pool.query('SELECT id FROM events ORDER BY id LIMIT 500 OFFSET $1', [offset]);
    offset += rows.length;
    hasMore = rows.length === 500;
  }
}`),
  code(SEQUELIZE, `export async function all() { for (let offset = 0; ; offset += 200) { const rows = await Order.findAll({ limit: 200, offset }); if (rows.length < 200) break; } }`),
  code(PRISMA, DECLARATIONS, `import _ from 'lodash';
export async function f() { for (const batch of _.chunk(orders, 1000)) { await prisma.order.createMany({ data: batch }); } }`),
  code(KNEX, `export async function ping() {
  for (let attempt = 0; attempt < 3; attempt++) {
    try { return await db.raw('select 1'); } catch (error) { await new Promise((r) => setTimeout(r, 100 * 2 ** attempt)); }
  }
}`),
  code(REDIS, `export async function lock() { let retries = 5; while (retries-- > 0) { const ok = await redis.set('lock', '1', 'EX', 10, 'NX'); if (ok) return true; } return false; }`),
  // Small fixed lists.
  code(PRISMA, `export async function stats() { const out: Record<string, number> = {}; for (const status of ['open', 'paid', 'shipped']) { out[status] = await prisma.order.count({ where: { status } }); } return out; }`),
  code(PRISMA, `const LIMITS = { free: 10, pro: 100 };
export async function seed() { for (const [name, total] of Object.entries(LIMITS)) { await prisma.order.create({ data: { status: name, total, userId: 1 } }); } }`),
  code(REDIS, `export async function f() { const [a, b] = await Promise.all(['config:a', 'config:b'].map((k) => redis.get(k))); return a + b; }`),
  // Streaming a cursor, polling, timers.
  code(MONGOOSE, `export async function f() { for await (const user of User.find().cursor()) { await User.updateOne({ _id: user._id }, { $set: { name: 'x' } }); } }`),
  code(MONGOOSE, `export async function f() { await User.find().cursor().eachAsync(async (user) => { await User.updateOne({ _id: user._id }, { $set: { name: 'x' } }); }); }`),
  code(REDIS, `export async function work() { while (true) { const job = await redis.brpop('jobs', 0); await redis.lpush('done', String(job)); } }`),
  code(PRISMA, `setInterval(async () => { await prisma.order.deleteMany({ where: { status: 'stale' } }); }, 60_000);`),
  // Callbacks defined per element but run later, elsewhere.
  code(PRISMA, `import express from 'express';
const router = express.Router();
const models = ['user', 'order'];
models.forEach((name) => { router.get('/' + name + '/count', async (_req, res) => { res.json(await prisma.user.count()); }); });`),
  code(PRISMA, DECLARATIONS, `export const loaders = ids.map((id) => () => prisma.user.findUnique({ where: { id } }));`),
  // Queries before or after the loop.
  code(PRISMA, DECLARATIONS, `export async function f() { const all = await prisma.user.findMany(); const byId = new Map(all.map((u) => [u.id, u])); for (const o of orders) render(byId.get(o.userId)); await prisma.order.count(); }`),
  // A search loop: the query runs at most once, then the loop ends.
  code(SEQUELIZE, DECLARATIONS, `export async function firstPaid() { for (const o of orders) { if (o.total > 0) { return Order.findByPk(o.id); } } return null; }`),
  // Look-alikes that are not database calls: array find, Map get, DataLoader.
  code(DECLARATIONS, `export function f() { for (const o of orders) { const item = items.find((i) => i.id === o.id); render(item); } }`),
  code(DECLARATIONS, `const cache = new Map<number, string>(); export function f() { for (const id of ids) render(cache.get(id)); }`),
  code(DECLARATIONS, `const redis = { get: (key: string) => key.length }; export function f() { for (const k of keys) render(redis.get(k)); }`),
  code(DECLARATIONS, `import DataLoader from 'dataloader';
declare const userLoader: DataLoader<number, unknown>;
export async function f() { return Promise.all(ids.map((id) => userLoader.load(id))); }`),
  // The loop's collection is fetched once.
  code(PRISMA, `export async function f() { for (const u of await prisma.user.findMany()) render(u); }
declare function render(value: unknown): void;`),
  // Prisma's dataloader also batches findUnique calls from async callbacks started together.
  code(PRISMA, DECLARATIONS, `export function f() { ids.forEach(async (id) => { render(await prisma.user.findUnique({ where: { id } })); }); }`),
  // Thunks collected in a loop and run elsewhere (a queue, a concurrency limiter).
  code(PRISMA, DECLARATIONS, `export function f(jobs: (() => Promise<unknown>)[]) { for (const id of ids) { jobs.push(() => prisma.user.findUnique({ where: { id } })); } }`),
  // A route registered per model: the handler runs per request, not per element.
  code(KNEX, `import express from 'express';
const app = express();
for (const table of ['users', 'orders']) { app.get('/' + table, async (_req, res) => { res.json(await db(table).select('id').limit(50)); }); }`),
  // Commands queued on a pipeline or MULTI go out in one round trip.
  code(REDIS, DECLARATIONS, `export async function f() { const pipeline = redis.pipeline(); for (const k of keys) pipeline.get(k); return pipeline.exec(); }`),
  code(REDIS, DECLARATIONS, `export async function f() { const tx = redis.multi(); keys.forEach((k) => tx.del(k)); await tx.exec(); }`),
  // A counter bounded by a number, not a collection: warm-up, fixed retries.
  code(PG, `export async function warm() { for (let i = 0; i < 3; i++) await pool.query('SELECT 1'); }`),
  code(MONGOOSE, `export async function connectWithRetry() { let attempts = 0; while (attempts < 5) { try { return await User.findOne({ name: 'health' }); } catch { attempts++; } } }`),
  // RxJS operators are free functions, not array methods.
  code(PRISMA, DECLARATIONS, `import { from, mergeMap } from 'rxjs';
export const users$ = from(ids).pipe(mergeMap((id) => prisma.order.findMany({ where: { userId: id } }), 4));`),
  // Resolvers declared in an object literal run per request.
  code(SEQUELIZE, `export const resolvers = { Query: { order: (_: unknown, args: { id: number }) => Order.findByPk(args.id) } };`),
  // One query per chunk, with the chunk in a variable named for it.
  code(TYPEORM, DECLARATIONS, `export async function f(idChunks: number[][]) { for (const idChunk of idChunks) { await users.findBy({ id: In(idChunk) }); } }`),
  // …read as the array it is (its length, its elements).
  code(PRISMA, `export async function f(chunks: string[][]) { for (const chunk of chunks) { await prisma.user.deleteMany({ where: { id: { in: chunk } } }); console.log(chunk.length, chunk.at(0)); } }`),
  // A batch with fields is still one batch: one statement per batch.
  code(KNEX, `export async function f(batches: { label: string; ids: number[] }[]) {
  for (const batch of batches) { await db('imports').where('label', batch.label).update({ done: true }); }
  await Promise.all(batches.map(({ label }) => db('imports').where('label', label).update({ done: true })));
}`),
  // The chunks with their indexes (dub's bulkDeleteLinks): one helper call per chunk.
  code(PRISMA, `import { chunk } from '@dub/utils';
async function deleteBatch(links: { id: string }[]) { return prisma.link.deleteMany({ where: { id: { in: links.map((l) => l.id) } } }); }
export async function f(links: { id: string }[]) { const parts = chunk(links, 100); for (const [index, part] of parts.entries()) { await deleteBatch(part); console.log(index); } }`),
  // An enum's values are a fixed list.
  code(PRISMA, `enum Status { Open = 'open', Paid = 'paid' }
export async function f() { return Promise.all(Object.values(Status).map((status) => prisma.order.count({ where: { status } }))); }`),
  // Fixed lists made from fixed lists: a subset or a mapping of a constant, one of two constants, a function of the file
  // that returns only array literals (atproto's `separateEmbeds`: `[]`, `[e]` or `[record, media]`).
  code(PRISMA, `const REGIONS = ['ams', 'iad', 'syd'];
export async function f(skip: string) { for (const region of REGIONS.filter((r) => r !== skip)) await prisma.user.count({ where: { region } }); }`),
  // A copy of fixed lists, sorted: the migrations a worker applies in order (Linkwarden's app migrations).
  code(PRISMA, `type Migration = { id: number; name: string; run: () => Promise<void> };
const migrations: Migration[] = [{ id: 2, name: 'tags', run: async () => {} }, { id: 1, name: 'links', run: async () => {} }];
export async function migrate() { const ordered = [...migrations].sort((a, b) => a.id - b.id); for (let i = 0; i < ordered.length; i++) { await prisma.appMigration.upsert({ where: { name: ordered[i].name }, create: { name: ordered[i].name }, update: {} }); await ordered[i].run(); } }`),
  code(PRISMA, `const BASE = ['ams', 'iad'];
export async function f() { for (const region of [...BASE, 'syd']) await prisma.user.count({ where: { region } }); }`),
  code(PRISMA, `const PAID = ['pro', 'team'];
const FREE = ['free'];
export async function f(paid: boolean) { return Promise.all((paid ? PAID : FREE).map((plan) => prisma.user.count({ where: { plan } }))); }`),
  code(PRISMA, `type Embed = { kind: string; record?: Embed; media?: Embed };
function separateEmbeds(embed?: Embed): Embed[] { if (!embed) return []; if (embed.kind === 'recordWithMedia') return [embed.record!, embed.media!]; return [embed]; }
export async function f(embed: Embed) { for (const part of separateEmbeds(embed)) await prisma.embed.create({ data: { kind: part.kind } }); }`),
  // A local fixed list only read, sorted, grown by one element at most, or copied into a list that is then grown.
  code(PRISMA, `export async function f(a: string, b: string) { const ids = [b, a]; ids.sort(); for (const id of ids) await prisma.user.findUnique({ where: { id } }); }`),
  code(PRISMA, `export async function f(userId: string, isOwner: boolean) { const roles = ['member']; if (isOwner) roles.push('owner'); for (const role of roles) await prisma.role.upsert({ where: { userId_role: { userId, role } }, create: { userId, role }, update: {} }); }`),
  code(PRISMA, `export async function f(rootId: string, parentId: string, children: { id: string }[]) { const ids = [rootId, parentId]; const all = [...ids]; for (const c of children) all.push(c.id); for (const id of ids) await prisma.user.findUnique({ where: { id } }); return all; }`),
  // The element picks the table, collection or model, not a key: no single statement spans them.
  code(KNEX, `export async function truncateAll(tables: string[]) { for (const table of tables) await db(table).del(); }`),
  code(MONGODB, `export async function sizes(names: string[]) { return Promise.all(names.map((name) => client.db('shop').collection(name).countDocuments())); }`),
  code(PRISMA, `export async function wipe(models: ('user' | 'order')[]) { for (const model of models) await (prisma[model] as any).deleteMany(); }`),
  // Each element is a whole statement, not a key: a list of different statements run one by one (Teable's
  // `createSchema` returns its DDL as a list). No `IN (…)` form joins them.
  code(PRISMA, `declare const dbProvider: { createSchema(id: string): string[] };
export async function createBase(id: string) {
  return prisma.$transaction(async (tx) => {
    const sqlList: string[] = dbProvider.createSchema(id);
    for (const sql of sqlList) {
      await tx.$executeRawUnsafe(sql);
    }
  });
}`),
  code(KNEX, `export async function migrate(statements: string[]) { for (const statement of statements) await db.raw(statement); }`),
  code(PG, `export async function run(statements: string[], queued: { sql: string; values: unknown[] }[]) {
  for (let i = 0; i < statements.length; i++) { const text = statements[i]; await pool.query(text); }
  for (const { sql, values } of queued) await pool.query({ text: sql, values });
  while (statements.length > 0) { const next = statements.shift()!; await pool.query(next); }
}`),
  code(PRISMA, `export async function apply(sqls: string[]) { await Promise.all(sqls.map((sql) => prisma.$executeRawUnsafe(sql))); }`),
  // Statements picked out of one builder's compiled output, and one statement per chunk of keys: not one per row.
  code(KNEX, `export async function tighten(table: string) {
  const statements = db.schema.alterTable(table, (t) => { t.dropNullable('id'); t.unique(['id']); }).toSQL().map((item) => item.sql);
  for (const sql of statements) await db.raw(sql);
}`),
  code(KNEX, DECLARATIONS, `import { chunk } from 'lodash';
export async function purge() { const sqls = chunk(ids, 500).map((part) => db('orders').whereIn('id', part).del().toQuery()); for (const sql of sqls) await db.raw(sql); }`),
  // The entries of Knex's toSQL() (Teable's table.service), and schema changes per element: an ALTER per new field,
  // from a Knex schema builder or as text.
  code(KNEX, `export async function createTable(table: string) {
  const schema = db.schema.createTable(table, (t) => { t.string('id'); });
  for (const sql of schema.toSQL()) await db.raw(sql.sql);
}`),
  code(KNEX, `export async function addColumns(table: string, names: string[]) {
  for (const name of names) {
    const alter = db.schema.alterTable(table, (t) => { t.string(name); }).toQuery();
    await db.raw(alter);
  }
}`),
  code(PG, `export async function addColumns(table: string, names: string[]) { for (const name of names) await pool.query(\`ALTER TABLE "\${table}" ADD COLUMN "\${name}" text\`); }`),
  // …also through a helper of the file (Trigger.dev's partition maintenance).
  code(PRISMA, `async function dropPartition(client: PrismaClient, name: string) { await client.$executeRawUnsafe(\`DROP TABLE IF EXISTS "\${name}"\`); }
export async function dropLeftovers(leftovers: { name: string }[]) { for (const { name } of leftovers) await dropPartition(prisma, name); }`),
  // Page numbers or a moving cursor: pagination, one page per iteration.
  code(PRISMA, `export async function all(pageCount: number) {
  const pages = Array.from({ length: pageCount }, (_, i) => i);
  const out = [];
  for (const page of pages) out.push(...(await prisma.user.findMany({ skip: page * 100, take: 100, orderBy: { id: 'asc' } })));
  return out;
}`),
  code(KNEX, `export async function exportAll(pageNumbers: number[]) { for (const n of pageNumbers) { await db('events').select('id').orderBy('id').limit(500).offset(n * 500); } }`),
  // A cursor that moves per iteration while each tenant's rows are read: pagination of the tenant's rows.
  code(PRISMA, `export async function scan(tenants: { id: string }[]) {
  for (const tenant of tenants) {
    let cursor: string | undefined;
    const rows = await prisma.user.findMany({ where: { tenantId: tenant.id }, take: 100, ...(cursor ? { cursor: { id: cursor } } : {}) });
    cursor = rows.at(-1)?.id;
  }
}`),
  // Options.
  {
    code: code(REDIS, DECLARATIONS, `export async function f() { for (const k of keys) render(await redis.get(k)); }`),
    options: [{ ignoreLibraries: ['redis'] }],
  },
];

const invalid: Invalid[] = [
  // Builders listed per element but each sent on its own: joined with Promise.all, or awaited by an async callback.
  {
    code: code(DRIZZLE, `export async function rename(rows: { id: number; name: string }[]) {
  const queries = rows.map((row) => db.update(usersTable).set({ name: row.name }).where(eq(usersTable.id, row.id)));
  if (queries.length > 0) await Promise.all(queries);
}`),
    errors: [{ messageId: 'perElement' }],
  },
  {
    code: code(DRIZZLE, `export async function rename(rows: { id: number; name: string }[]) {
  await db.batch(rows.map(async (row) => db.update(usersTable).set({ name: row.name }).where(eq(usersTable.id, row.id))) as never);
}`),
    errors: [{ messageId: 'perElement' }],
  },
  // A local function that returns its argument's elements, or a list built from data: as long as the data.
  {
    code: `${PRISMA}function kept(ids: string[]) { if (!ids.length) return []; return ids.filter(Boolean); }
export async function load(ids: string[]) { for (const id of kept(ids)) await prisma.user.findFirst({ where: { id } }); }`,
    errors: [{ messageId: 'perElement' }],
  },
  {
    code: `${PRISMA}async function keys() { return ['a', 'b']; }
function all(ids: string[]) { return [...ids, 'admin']; }
export async function load(ids: string[]) { for (const id of all(ids)) await prisma.user.findFirst({ where: { id } }); return keys(); }`,
    errors: [{ messageId: 'perElement' }],
  },
  // Results gathered, but no query reads an earlier one: each could be sent at once.
  {
    code: `${PRISMA}export async function createAll(values: { content: string }[]) { const posts: { id: string }[] = []; for (const value of values) { posts.push(await prisma.post.create({ data: { content: value.content, count: posts.length } })); } return posts; }`,
    errors: [{ messageId: 'perElement' }],
  },
  {
    code: `${PRISMA}export async function createAll(values: { content: string }[], parentId: string) { const posts: { id: string }[] = []; for (const value of values) { const post = await prisma.post.create({ data: { content: value.content, parentPostId: parentId } }); posts.push(post); } return posts; }`,
    errors: [{ messageId: 'perElement' }],
  },
  // @nestjs-cls/transactional's `txHost.tx`: the Prisma client of the current transaction.
  {
    code: `import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
export class UsersService {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterPrisma>) {}
  async load(ids: number[]) { for (const id of ids) await this.txHost.tx.user.findFirst({ where: { id } }); }
}`,
    errors: [perElement('ids', 'this.txHost.tx.user.findFirst', FORM.prismaRead)],
  },
  // A transaction per element is a round trip per element, however its operations were collected.
  {
    code: code(PRISMA, DECLARATIONS, `export async function f() { for (const o of orders) { const ops = []; ops.push(prisma.order.update({ where: { id: o.id }, data: { total: o.total } })); await prisma.$transaction(ops); } }`),
    errors: [
      perElement('orders', 'prisma.order.update', 'send them together in one `$transaction([...])`, or as one `UPDATE … FROM (VALUES …)` with `$executeRaw`'),
      perElement('orders', 'prisma.$transaction', FORM.transaction),
    ],
  },
  // Collected, but sent one by one (`Promise.all`), or awaited as they are pushed: a query each.
  {
    code: code(PRISMA, DECLARATIONS, `export async function f() { const ops = []; for (const o of orders) ops.push(prisma.order.update({ where: { id: o.id }, data: { total: o.total } })); await Promise.all(ops); await prisma.$transaction(ops); }`),
    errors: [perElement('orders', 'prisma.order.update', 'send them together in one `$transaction([...])`, or as one `UPDATE … FROM (VALUES …)` with `$executeRaw`')],
  },
  {
    code: code(PRISMA, DECLARATIONS, `export async function f() { const done = []; for (const o of orders) done.push(await prisma.order.update({ where: { id: o.id }, data: { total: o.total } })); await prisma.$transaction(done); }`),
    errors: [perElement('orders', 'prisma.order.update', 'send them together in one `$transaction([...])`, or as one `UPDATE … FROM (VALUES …)` with `$executeRaw`')],
  },
  {
    // Held in a const that is also awaited, or an accumulator property that no transaction takes: a query each.
    code: code(PRISMA, DECLARATIONS, `export async function f() {
  const ops = []; for (const o of orders) { const op = prisma.order.update({ where: { id: o.id }, data: { total: o.total } }); ops.push(op); await op; }
  await prisma.$transaction(ops);
  const result = orders.reduce((acc, o) => { const update = prisma.order.update({ where: { id: o.id }, data: { total: o.total } }); acc.updates.push(update); return acc; }, { updates: [] });
  await Promise.all(result.updates); await prisma.$transaction(result.others);
}`),
    errors: [
      perElement('orders', 'prisma.order.update', 'send them together in one `$transaction([...])`, or as one `UPDATE … FROM (VALUES …)` with `$executeRaw`'),
      perElement('orders', 'prisma.order.update', 'send them together in one `$transaction([...])`, or as one `UPDATE … FROM (VALUES …)` with `$executeRaw`'),
    ],
  },
  // New values per element: no `where id in (…)` update can carry them; the message names what can.
  {
    code: code(PRISMA, DECLARATIONS, `export async function f() { for (const o of orders) await prisma.order.update({ where: { id: o.id }, data: { total: o.total } }); }`),
    errors: [perElement('orders', 'prisma.order.update', 'send them together in one `$transaction([...])`, or as one `UPDATE … FROM (VALUES …)` with `$executeRaw`')],
  },
  {
    code: code(DRIZZLE, `export async function rename(rows: { id: number; name: string }[]) { for (const row of rows) await db.update(usersTable).set({ name: row.name }).where(eq(usersTable.id, row.id)); }`),
    errors: [perElement('rows', 'db.update(usersTable).set(...).where', 'write them in one statement with `insert(table).values(rows).onConflictDoUpdate(…)`, or one `UPDATE … FROM (VALUES …)` through `sql`')],
  },
  // A column other than the key, compared with the element: the advice names it (OpenStatus's import writers).
  {
    code: code(DRIZZLE, `export async function rename(rows: { name: string }[]) { for (const row of rows) await db.select().from(usersTable).where(eq(usersTable.name, row.name)); }`),
    errors: [perElement('rows', 'db.select().from(usersTable).where', 'fetch them in one query with `inArray(usersTable.name, values)`')],
  },
  {
    code: code(DRIZZLE.replace('import { eq, inArray }', 'import { and, eq, inArray }'), `export async function hideAll(rows: { name: string }[]) { for (const row of rows) await db.update(usersTable).set({ name: 'hidden' }).where(and(eq(usersTable.id, 1), eq(usersTable.name, row.name))); }`),
    errors: [perElement('rows', 'db.update(usersTable).set(...).where', 'change them in one statement with `.where(inArray(usersTable.name, values))`')],
  },
  // An insert with a conflict clause stays an insert: many rows go in one \`values([...])\` (OpenStatus's page components).
  {
    code: code(DRIZZLE, `export async function save(rows: { id: number; name: string }[]) { for (const row of rows) await db.insert(usersTable).values(row).onConflictDoUpdate({ target: usersTable.id, set: { name: row.name } }); }`),
    errors: [perElement('rows', 'db.insert(usersTable)…onConflictDoUpdate', 'write them in one statement with `insert(table).values([...])`')],
  },
  // The same values for every element: one update with the keys.
  {
    code: code(DRIZZLE, `export async function hide(ids: number[]) { for (const id of ids) await db.update(usersTable).set({ name: 'hidden' }).where(eq(usersTable.id, id)); }`),
    errors: [perElement('ids', 'db.update(usersTable).set(...).where', 'change them in one statement with `.where(inArray(table.id, ids))`')],
  },
  // Prisma
  {
    code: code(PRISMA, DECLARATIONS, `export async function f(userIds: number[]) { for (const id of userIds) { render(await prisma.order.findMany({ where: { userId: id } })); } }`),
    errors: [perElement('userIds', 'prisma.order.findMany', FORM.prismaReadByUserId)],
  },
  {
    code: code(PRISMA, DECLARATIONS, `export async function f() { for (const id of ids) { render(await prisma.user.findUnique({ where: { id } })); } }`),
    errors: [perElement('ids', 'prisma.user.findUnique', FORM.prismaRead)],
  },
  {
    code: code(PRISMA, DECLARATIONS, `export async function f() { return Promise.all(ids.map((id) => prisma.order.findMany({ where: { userId: id } }))); }`),
    errors: [perElement('ids', 'prisma.order.findMany', FORM.prismaReadByUserId)],
  },
  {
    code: code(PRISMA, DECLARATIONS, `export function f() { orders.forEach(async (o) => { await prisma.order.create({ data: { total: o.total, status: 'new', userId: o.userId } }); }); }`),
    errors: [perElement('orders', 'prisma.order.create', FORM.prismaWrite)],
  },
  // A create with nested writes cannot go into `createMany` (Hoppscotch's collection imports): a transaction instead.
  {
    code: code(PRISMA, DECLARATIONS, `export async function f() { for (const o of orders) { await prisma.order.create({ data: { total: o.total, items: { create: o.items } } }); } }`),
    errors: [perElement('orders', 'prisma.order.create', FORM.prismaNestedWrite)],
  },
  {
    code: code(PRISMA, DECLARATIONS, `export async function f() { for (const o of orders) { await prisma.$transaction(async (tx) => { await tx.order.update({ where: { id: o.id }, data: { status: 'paid' } }); }); } }`),
    errors: [perElement('orders', 'prisma.$transaction', FORM.transaction)],
  },
  {
    code: code(PRISMA, DECLARATIONS, `export async function f() { const counts = await Promise.all(orders.map((o) => prisma.order.count({ where: { userId: o.userId } }))); return counts; }`),
    errors: [perElement('orders', 'prisma.order.count', FORM.prismaCount)],
  },
  {
    // A RAG pipeline's text chunks are rows, not batches: read as records (`chunk.pageContent`), or destructured.
    code: code(PRISMA, `import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';
const splitter = new RecursiveCharacterTextSplitter({ chunkSize: 1000 });
export async function ingest(text: string) {
  const chunks = await splitter.createDocuments([text]);
  for (const chunk of chunks) { await prisma.embedding.create({ data: { content: chunk.pageContent, source: chunk.metadata.source } }); }
  await Promise.all(chunks.map(({ pageContent }) => prisma.embedding.create({ data: { content: pageContent } })));
}`),
    errors: [{ messageId: 'perElement' }, { messageId: 'perElement' }],
  },
  {
    // The same arguments every time: hoist it.
    code: code(PRISMA, DECLARATIONS, `export async function f() { for (const o of orders) { const settings = await prisma.user.findFirst({ where: { email: 'admin@example.com' } }); render(o, settings); } }`),
    errors: [{ messageId: 'repeated', data: { operation: 'prisma.user.findFirst', collection: 'orders' } }],
  },
  {
    // …also behind a missing-value test that never stores the result, or a memo keyed per element.
    code: code(PRISMA, DECLARATIONS, `export async function f() { let settings; for (const o of orders) { if (settings === undefined) { settings = await prisma.user.findFirst({ where: { email: 'admin@example.com' } }); } render(o, settings); } }`),
    errors: [{ messageId: 'repeated', data: { operation: 'prisma.user.findFirst', collection: 'orders' } }],
  },
  {
    code: code(PRISMA, DECLARATIONS, `export async function f(cache: Map<string, unknown>) { for (const o of orders) { if (!cache.has(o.id)) cache.set(o.id, await prisma.user.findFirst({ where: { email: 'admin@example.com' } })); render(o, cache.get(o.id)); } }`),
    errors: [{ messageId: 'repeated', data: { operation: 'prisma.user.findFirst', collection: 'orders' } }],
  },
  // TypeORM
  {
    code: code(TYPEORM, DECLARATIONS, `export async function f() { return Promise.all(ids.map((id) => users.findOneBy({ id }))); }`),
    errors: [perElement('ids', 'users.findOneBy', FORM.typeormRead)],
  },
  {
    code: code(TYPEORM, DECLARATIONS, `export async function f() { for (let i = 0; i < items.length; i++) { await users.save({ id: items[i].id, name: items[i].name }); } }`),
    errors: [perElement('items', 'users.save', FORM.typeormWrite)],
  },
  // The `try` block runs for every element; a `catch` around the whole loop is no failure path of one element.
  {
    code: code(PRISMA, DECLARATIONS, `declare function send(o: unknown): Promise<void>;
export async function f() { for (const o of orders) { try { await prisma.order.update({ where: { id: o.id }, data: { status: 'SENT' } }); await send(o); } catch (error) { render(error); } } }`),
    errors: [perElement('orders', 'prisma.order.update', 'change them in one statement with `updateMany`/`deleteMany` and `where: { id: { in: ids } }`, or send them together with `$transaction([...])`')],
  },
  {
    code: code(PRISMA, DECLARATIONS, `export async function f() { try { await send(); } catch { for (const o of orders) await prisma.order.update({ where: { id: o.id }, data: { status: 'FAILED' } }); } }
declare function send(): Promise<void>;`),
    errors: [perElement('orders', 'prisma.order.update', 'change them in one statement with `updateMany`/`deleteMany` and `where: { id: { in: ids } }`, or send them together with `$transaction([...])`')],
  },
  // An upsert's list of conflict columns is no list of entities (Vendure's cache tags).
  {
    code: code(TYPEORM, DECLARATIONS, `export async function f() { for (const item of items) await users.upsert({ id: item.id, name: item.name }, ['id']); }`),
    errors: [perElement('items', 'users.upsert', FORM.typeormUpsert)],
  },
  {
    code: code(TYPEORM, DECLARATIONS, `export async function f() { for (const item of items) await dataSource.manager.upsert(User, { id: item.id, name: item.name }, ['id']); }`),
    errors: [perElement('items', 'dataSource.manager.upsert', FORM.typeormUpsert)],
  },
  {
    code: code(
      `import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
class Order { id!: number; userId!: number }
@Injectable()
export class OrdersService {
  constructor(@InjectRepository(Order) private readonly orders: Repository<Order>) {}
  async forUsers(userIds: number[]) {
    const result = [];
    for (const userId of userIds) result.push(await this.orders.find({ where: { userId } }));
    return result;
  }
}`,
    ),
    errors: [perElement('userIds', 'this.orders.find', FORM.typeormRead)],
  },
  // Sequelize
  {
    code: code(SEQUELIZE, DECLARATIONS, `export async function f() { for (let i = 0; i < ids.length; i++) { render(await Order.findByPk(ids[i])); } }`),
    errors: [perElement('ids', 'Order.findByPk', FORM.sequelizeRead)],
  },
  {
    code: code(SEQUELIZE, DECLARATIONS, `export async function f() { await items.reduce(async (previous, item) => { await previous; await Order.create({ total: item.id }); }, Promise.resolve()); }`),
    errors: [perElement('items', 'Order.create', FORM.sequelizeWrite)],
  },
  // The batched form filters on the field the element sets (Outline's `Attachment.findAll({ where: { documentId } })`);
  // with two such fields, on the key.
  {
    code: code(SEQUELIZE, DECLARATIONS, `export async function f() { for (const o of orders) render(await Order.findAll({ where: { userId: o.userId, status: 'open' } })); }`),
    errors: [perElement('orders', 'Order.findAll', 'fetch them in one query with `where: { userId: ids }`')],
  },
  {
    code: code(SEQUELIZE, DECLARATIONS, `export async function f() { for (const o of orders) render(await Order.findAll({ where: { userId: o.userId, total: o.total } })); }`),
    errors: [perElement('orders', 'Order.findAll', FORM.sequelizeRead)],
  },
  // Mongoose
  {
    code: code(MONGOOSE, `export async function f(ids: string[]) { return Promise.all(ids.map((id) => User.findById(id))); }`),
    errors: [perElement('ids', 'User.findById', FORM.mongoRead)],
  },
  {
    code: code(MONGOOSE, `export async function f(teams: { id: string }[]) { for (const team of teams) { await User.updateOne({ teamId: team.id }, { $set: { name: 'x' } }); } }`),
    errors: [perElement('teams', 'User.updateOne', FORM.mongoChangeByTeamId)],
  },
  // Knex
  {
    code: code(KNEX, `export async function drain(queue: { id: number }[]) { while (queue.length > 0) { const job = queue.shift()!; await db('jobs').where({ id: job.id }).update({ done: true }); } }`),
    errors: [perElement('queue', "db('jobs').where(...).update", FORM.knexChange)],
  },
  {
    // `update` before `where` is a change too (HedgeDoc's revisions); with values of its own per row, `update(column, value)`
    // included, it is one upsert or `UPDATE … FROM (VALUES …)`.
    code: code(KNEX, `export async function f(notes: { id: number; text: string }[]) {
  for (const note of notes) { await db('notes').update({ archived: true }).where('id', note.id); }
  for (const note of notes) { const patch = note.text.trim(); await db('notes').update('patch', patch).where('id', note.id); await db('notes').where('id', note.id).update({ patch }); }
}`),
    errors: [
      perElement('notes', "db('notes').update(...).where", FORM.knexChange),
      perElement('notes', "db('notes').update(...).where", KNEX_PER_ROW),
      perElement('notes', "db('notes').where(...).update", KNEX_PER_ROW),
    ],
  },
  {
    code: code(KNEX, DECLARATIONS, `export async function f() { const rows = await Promise.all(ids.map((id) => db('users').where('id', id).first())); return rows; }`),
    errors: [perElement('ids', "db('users').where(...).first", FORM.knexRead)],
  },
  // Drizzle
  {
    code: code(DRIZZLE, DECLARATIONS, `export async function f() { for (const id of ids) { render(await db.select().from(usersTable).where(eq(usersTable.id, id))); } }`),
    errors: [perElement('ids', 'db.select().from(usersTable).where', FORM.drizzleRead)],
  },
  {
    code: code(DRIZZLE, DECLARATIONS, `export async function f() { for (const item of items) { await db.insert(usersTable).values({ name: item.name }); } }`),
    errors: [perElement('items', 'db.insert(usersTable).values', FORM.drizzleWrite)],
  },
  // Kysely
  {
    code: code(KYSELY, DECLARATIONS, `export async function f() { for (const id of ids) { render(await db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst()); } }`),
    errors: [perElement('ids', "db.selectFrom('person')…executeTakeFirst", FORM.kyselyRead)],
  },
  {
    // A subquery named per element is the same query with other keys, not another table (AT Protocol's known likers).
    code: code(KYSELY, DECLARATIONS, `export async function f() { for (const id of ids) { const recent = db.selectFrom('person').where('id', '=', id).select(['id']).as('recent'); render(await db.selectFrom(recent).select(['recent.id']).execute()); } }`),
    errors: [perElement('ids', 'db.selectFrom(recent).select(...).execute', FORM.kyselyRead)],
  },
  {
    // A transaction per element, through the project's own wrapper: its callback runs once per element, and the query in
    // it too (AT Protocol's moderation daemon). A transaction the analysis knows is reported itself, for both.
    code: code(KYSELY, DECLARATIONS, `declare const store: { transaction<T>(run: () => Promise<T>): Promise<T> };
export async function f() { for (const id of ids) { await store.transaction(async () => { render(await db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst()); }); } }`),
    errors: [perElement('ids', "db.selectFrom('person')…executeTakeFirst", FORM.kyselyRead)],
  },
  {
    code: code(KYSELY, DECLARATIONS, `export async function f() { for (const id of ids) { await db.transaction().execute(async (trx) => { render(await trx.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst()); }); } }`),
    errors: [perElement('ids', 'db.transaction().execute', 'open one transaction around the whole loop instead of one per element')],
  },
  // MikroORM
  {
    code: code(MIKRO, DECLARATIONS, `export async function f() { for (const id of ids) { render(await em.findOne(Author, { id })); } }`),
    errors: [perElement('ids', 'em.findOne', FORM.mikroRead)],
  },
  // pg and mysql2
  {
    code: code(PG, DECLARATIONS, `export async function f() { for (const id of ids) { const { rows } = await pool.query('SELECT name FROM users WHERE id = $1', [id]); render(rows); } }`),
    errors: [perElement('ids', 'pool.query', FORM.pgRead)],
  },
  {
    code: code(PG, DECLARATIONS, `export async function f() { for (const item of items) { await pool.query('INSERT INTO items (id, name) VALUES ($1, $2)', [item.id, item.name]); } }`),
    errors: [perElement('items', 'pool.query', FORM.pgWrite)],
  },
  {
    code: code(MYSQL, DECLARATIONS, `export async function f() { for (const id of ids) { render(await conn.execute('SELECT name FROM users WHERE id = ?', [id])); } }`),
    errors: [perElement('ids', 'conn.execute', FORM.mysqlRead)],
  },
  // pg-promise: the database, a transaction's or a task's handle, a parameter of its types (crowd.dev's data layer).
  {
    code: code(PG_PROMISE, DECLARATIONS, `export async function f() { for (const id of ids) { render(await db.oneOrNone('SELECT name FROM users WHERE id = $1', [id])); } }`),
    errors: [perElement('ids', 'db.oneOrNone', FORM.pgPromiseRead)],
  },
  {
    code: code(PG_PROMISE, DECLARATIONS, `export async function f() { await db.tx(async (t) => { for (const item of items) { await t.none('INSERT INTO items (id, name) VALUES ($1, $2)', [item.id, item.name]); } }); }`),
    errors: [perElement('items', 't.none', FORM.pgPromiseWrite)],
  },
  {
    code: code(`import type { IDatabase } from 'pg-promise';`, DECLARATIONS, `export async function f(database: IDatabase<{}>) { return Promise.all(ids.map((id) => database.one('SELECT name FROM users WHERE id = $1', [id]))); }`),
    errors: [perElement('ids', 'database.one', FORM.pgPromiseRead)],
  },
  // MongoDB driver
  {
    code: code(MONGODB, DECLARATIONS, `export async function f() { for (const item of items) { await orderDocs.insertOne({ itemId: item.id }); } }`),
    errors: [perElement('items', 'orderDocs.insertOne', FORM.mongoWrite)],
  },
  // Redis
  {
    code: code(REDIS, DECLARATIONS, `export async function f() { return Promise.all(keys.map((k) => redis.get('user:' + k))); }`),
    errors: [perElement('keys', 'redis.get', FORM.redisRead)],
  },
  // `mget` reads strings only: a list or a hash per key goes in a pipeline (Papermark's notification queues).
  {
    code: code(REDIS, DECLARATIONS, `export async function f() { for (const k of keys) render(await redis.lrange('queue:' + k, 0, -1)); }`),
    errors: [perElement('keys', 'redis.lrange', 'fetch them in one round trip with a pipeline')],
  },
  // A local list that starts as a literal but grows with the data (pushed in a loop, spread into) is no fixed list.
  {
    code: code(PRISMA, `export async function f(rootId: string, children: { id: string }[]) { const ids = [rootId]; for (const c of children) ids.push(c.id); for (const id of ids) await prisma.user.findUnique({ where: { id } }); }`),
    errors: [perElement('ids', 'prisma.user.findUnique', FORM.prismaRead)],
  },
  {
    code: code(PRISMA, `export async function f(rootId: string, more: string[]) { const ids = [rootId]; ids.push(...more); return Promise.all(ids.map((id) => prisma.order.findMany({ where: { userId: id } }))); }`),
    errors: [perElement('ids', 'prisma.order.findMany', FORM.prismaReadByUserId)],
  },
  // A function of the file whose list grows with its input, or a spread of data into a literal, is no fixed list.
  {
    code: code(PRISMA, DECLARATIONS, `const BASE = ['ams', 'iad'];
export async function f(extra: string[]) { for (const region of [...BASE, ...extra]) await prisma.user.count({ where: { region } }); }`),
    errors: [{ messageId: 'perElement' }],
  },
  {
    code: code(PRISMA, `function parts(embeds: { kind: string }[]) { if (embeds.length === 0) return []; return [...embeds]; }
export async function f(embeds: { kind: string }[]) { for (const part of parts(embeds)) await prisma.embed.create({ data: { kind: part.kind } }); }`),
    errors: [{ messageId: 'perElement' }],
  },
  // A key list of each element's own: one query per element all the same (Papermark's folder paths).
  {
    code: code(PRISMA, DECLARATIONS, `export async function f(docs: { path: string }[]) { return Promise.all(docs.map((doc) => prisma.folder.findMany({ where: { path: { in: doc.path.split('/') } } }))); }`),
    errors: [perElement('docs', 'prisma.folder.findMany', FORM.prismaRead)],
  },
  {
    code: code(DRIZZLE, DECLARATIONS, `export async function f(teams: { memberIds: number[] }[]) { for (const team of teams) render(await db.select().from(usersTable).where(inArray(usersTable.id, team.memberIds))); }`),
    errors: [perElement('teams', 'db.select().from(usersTable).where', FORM.drizzleRead)],
  },
  // A query runner declared first and assigned once (Flowise's transactions): its manager is TypeORM's.
  {
    code: code(TYPEORM, DECLARATIONS, `export async function f(providers: { name: string }[]) {
  let queryRunner;
  try {
    queryRunner = dataSource.createQueryRunner();
    await queryRunner.connect();
    for (const provider of providers) render(await queryRunner.manager.findOneBy(User, { name: provider.name }));
  } finally { await queryRunner?.release(); }
}`),
    errors: [perElement('providers', 'queryRunner.manager.findOneBy', FORM.typeormRead)],
  },
  // Kysely's, Sequelize's and Mongoose's IN forms with each element's own list.
  {
    code: code(KYSELY, DECLARATIONS, `export async function f(teams: { memberIds: number[] }[]) { for (const team of teams) render(await db.selectFrom('person').selectAll().where('id', 'in', team.memberIds).execute()); }`),
    errors: [perElement('teams', "db.selectFrom('person')…execute", FORM.kyselyRead)],
  },
  {
    code: code(KYSELY, DECLARATIONS, `export async function f(teams: { memberIds: number[] }[]) { for (const team of teams) render(await db.selectFrom('person').selectAll().where((eb) => eb('id', 'in', team.memberIds)).execute()); }`),
    errors: [perElement('teams', "db.selectFrom('person')…execute", FORM.kyselyRead)],
  },
  {
    code: code(SEQUELIZE, DECLARATIONS, `import { Op } from 'sequelize';
export async function f(teams: { orderIds: number[] }[]) { for (const team of teams) render(await Order.findAll({ where: { id: { [Op.in]: team.orderIds } } })); }`),
    errors: [perElement('teams', 'Order.findAll', FORM.sequelizeRead)],
  },
  {
    code: code(SEQUELIZE, DECLARATIONS, `export async function f(teams: { orderIds: number[] }[]) { for (const team of teams) render(await Order.findAll({ where: { id: team.orderIds } })); }`),
    errors: [perElement('teams', 'Order.findAll', FORM.sequelizeRead)],
  },
  {
    code: code(MONGOOSE, DECLARATIONS, `export async function f(teams: { memberIds: string[] }[]) { for (const team of teams) render(await User.find().where('_id').in(team.memberIds)); }`),
    errors: [perElement('teams', "User.find().where('_id').in", FORM.mongoRead)],
  },
  // A concurrency limiter runs each element's task once: as many queries as elements, only fewer at a time.
  {
    code: code(PRISMA, DECLARATIONS, `import pLimit from 'p-limit';
export async function f() { const limit = pLimit(5); return Promise.all(orders.map((o) => limit(async () => render(await prisma.user.findFirst({ where: { id: o.userId }, select: { id: true, name: true } }))))); }`),
    errors: [perElement("orders", "prisma.user.findFirst", FORM.prismaRead)],
  },
  // A list spelled out in the query (states, two columns of the element) asks for a few fixed values, not for a batch of
  // keys: the query still runs once per element (Shelf's per-kit bookings, Refly's per-workflow executions).
  {
    code: code(PRISMA, DECLARATIONS, `export async function f() { for (const o of orders) render(await prisma.order.findFirst({ where: { userId: o.userId, status: { in: ['ONGOING', 'OVERDUE'] } } })); }`),
    errors: [perElement('orders', 'prisma.order.findFirst', FORM.prismaReadByUserId)],
  },
  // …or held in a constant (Inbox Zero's per-recording updates under `status: { in: LIVE_STATUSES }`).
  {
    code: code(PRISMA, DECLARATIONS, `import { LIVE_STATUSES } from './statuses';
export async function f() { for (const o of orders) await prisma.order.updateMany({ where: { id: o.id, status: { in: LIVE_STATUSES } }, data: { total: o.total } }); }`),
    errors: [perElement('orders', 'prisma.order.updateMany', 'send them together in one `$transaction([...])`, or as one `UPDATE … FROM (VALUES …)` with `$executeRaw`')],
  },
  {
    code: code(PRISMA, DECLARATIONS, `import { Status } from './statuses';
export async function f() { for (const o of orders) render(await prisma.order.findFirst({ where: { userId: o.userId, status: { in: Status.OPEN_STATES } } })); }`),
    errors: [perElement('orders', 'prisma.order.findFirst', FORM.prismaReadByUserId)],
  },
  {
    code: code(PRISMA, DECLARATIONS, `export async function f() { for (const o of orders) render(await prisma.user.findMany({ where: { id: { in: [o.userId, o.id] } } })); }`),
    errors: [perElement('orders', 'prisma.user.findMany', FORM.prismaRead)],
  },
  {
    code: code(KYSELY, DECLARATIONS, `export async function f() { for (const o of orders) render(await db.selectFrom('person').selectAll().where('id', '=', o.userId).where('status', 'in', ['active', 'invited']).execute()); }`),
    errors: [perElement('orders', "db.selectFrom('person')…execute", FORM.kyselyRead)],
  },
  {
    code: code(MONGOOSE, DECLARATIONS, `export async function f() { for (const o of orders) render(await User.find({ owner: o.userId }).where('state').in(['a', 'b'])); }`),
    errors: [perElement('orders', "User.find(...).where('state').in", FORM.mongoReadByOwner)],
  },
  // Upstash's client batches only the commands of one tick: awaited one by one, each is a request.
  {
    code: `import { Redis } from '@upstash/redis';
const redis = Redis.fromEnv();
export async function f(keys: string[]) { for (const k of keys) await redis.get('user:' + k); }`,
    errors: [perElement('keys', 'redis.get', FORM.redisRead)],
  },
  {
    code: code(REDIS, DECLARATIONS, `export async function f() { for (const o of orders) { await redis.set('order:' + o.id, JSON.stringify(o)); } }`),
    errors: [perElement('orders', 'redis.set', FORM.redisWrite)],
  },
  // node-redis pipelines one tick's commands only: a loop that waits for each sends them one by one; ioredis never pipelines by itself.
  {
    code: `import { createClient } from 'redis';
const client = createClient({ url: process.env.REDIS_URL });
export async function refresh(ids: number[], key: string) { for (const id of ids) { await client.hSet(key + id, { at: '1' }); } }`,
    // A command that takes many values gets its own advice, not `mset`'s (crowd.dev's per-member `sAdd`).
    errors: [perElement('ids', 'client.hSet', 'send them in one round trip with a pipeline, or in one `hSet` call when they share a key: it takes many values')],
  },
  {
    code: code(REDIS, DECLARATIONS, `export async function f() { const ops = []; for (const o of orders) ops.push(redis.set('order:' + o.id, JSON.stringify(o))); await Promise.all(ops); }`),
    errors: [perElement('orders', 'redis.set', FORM.redisWrite)],
  },
  // Raw SQL
  {
    code: code(PRISMA, DECLARATIONS, `export async function f() { for (const id of ids) { render(await prisma.$queryRaw\`SELECT name FROM "User" WHERE id = \${id}\`); } }`),
    errors: [perElement('ids', 'prisma.$queryRaw', FORM.prismaRawRead)],
  },
  {
    code: code(PG, DECLARATIONS, `export async function f() { await Promise.all(orders.map((o) => pool.query('UPDATE orders SET total = $1 WHERE id = $2', [o.total, o.id]))); }`),
    errors: [perElement('orders', 'pool.query', FORM.pgChange)],
  },
  {
    code: code(KNEX, DECLARATIONS, `export async function f() { for (const o of orders) { await db('orders').where('id', o.id).del(); } }`),
    errors: [perElement('orders', "db('orders').where(...).del", FORM.knexChange)],
  },
  // A list of statements the function builds one per data row is a per-row query run in a second loop.
  {
    code: code(PRISMA, KNEX, `export async function reorder(records: { id: string; order: number }[], table: string) {
  const updateSqls = records.map((r) => db(table).update({ order: r.order }).where('__id', r.id).toQuery());
  for (const sql of updateSqls) await prisma.$executeRawUnsafe(sql);
}`),
    errors: [perElement('updateSqls', 'prisma.$executeRawUnsafe', FORM.prismaRawAny)],
  },
  {
    // Teable's record.service: some rows build no statement, and `.filter(Boolean)` drops them.
    code: code(PRISMA, KNEX, `export async function reorder(records: { id: string; order?: Record<string, number> }[], table: string) {
  const updateRecordSqls = records
    .map((record) => {
      if (!record.order) return;
      return db(table).update(record.order).where('__id', record.id).toQuery();
    })
    .filter(Boolean) as string[];
  for (const sql of updateRecordSqls) {
    await prisma.$executeRawUnsafe(sql);
  }
}`),
    errors: [perElement('updateRecordSqls', 'prisma.$executeRawUnsafe', FORM.prismaRawAny)],
  },
  {
    code: code(PG, KNEX, DECLARATIONS, `export async function f() {
  const sqls: string[] = [];
  for (const o of orders) sqls.push(db('orders').update({ total: o.total }).where('id', o.id).toQuery());
  for (const sql of sqls) await pool.query(sql);
}`),
    errors: [perElement('sqls', 'pool.query', FORM.pgRawAny)],
  },
  {
    code: code(KNEX, DECLARATIONS, `export async function f() {
  const statements: string[] = [];
  orders.forEach((o) => statements.push(\`UPDATE orders SET total = \${o.total} WHERE id = \${o.id}\`));
  await Promise.all(statements.map((sql) => db.raw(sql)));
}`),
    errors: [perElement('statements', 'db.raw', FORM.knexRawAny)],
  },
  // A method of the project's own client class that returns a client (Teable's `txClient()`).
  {
    code: `
import { Prisma, PrismaClient } from '@prisma/client';
declare const current: { client?: Prisma.TransactionClient };
export class PrismaService extends PrismaClient {
  txClient(): Prisma.TransactionClient { return current.client ?? this; }
}
export class Orders {
  constructor(private readonly prismaService: PrismaService) {}
  async close(ids: number[]) { for (const id of ids) await this.prismaService.txClient().order.update({ where: { id }, data: { status: 'closed' } }); }
}`,
    errors: [perElement('ids', 'this.prismaService.txClient().order.update', FORM.prismaChange)],
  },
  // The same read every time: hoist it.
  {
    // A guard on a key many elements share (`ownerId`) or on a non-key (`status`) lets it run for several elements.
    code: code(PRISMA, DECLARATIONS, `export async function f() { for (const o of orders) { if (o.userId === currentUserId) { const settings = await prisma.user.findFirst({ where: { email: 'admin@example.com' } }); render(o, settings); } if (o.status === 'paid') await prisma.user.findFirst({ where: { email: 'billing@example.com' } }); } }`),
    errors: [
      { messageId: 'repeated', data: { operation: 'prisma.user.findFirst', collection: 'orders' } },
      { messageId: 'repeated', data: { operation: 'prisma.user.findFirst', collection: 'orders' } },
    ],
  },
  {
    code: code(REDIS, DECLARATIONS, `export async function f() { for (const o of orders) { const rate = await redis.get('fx:usd'); render(o.total * Number(rate)); } }`),
    errors: [{ messageId: 'repeated', data: { operation: 'redis.get', collection: 'orders' } }],
  },
  {
    // Arguments whose contents the loop changes are not the same every time (Flowise's execution log, saved after each
    // step): the per-element advice, never "hoist it", which would write the log once.
    code: code(PRISMA, DECLARATIONS, `export async function f(executionId: string) {
  const executed: unknown[] = []; const state = { steps: 0, last: '' };
  for (const o of orders) {
    executed.push({ id: o.id });
    await prisma.execution.update({ where: { id: executionId }, data: { log: JSON.stringify(executed) } });
    state.last = o.status;
    await prisma.execution.update({ where: { id: executionId }, data: { state } });
  }
}`),
    errors: [{ messageId: 'perElement' }, { messageId: 'perElement' }],
  },
  {
    // Reading an outer object, or handing it over, is no change: the same query every time.
    code: code(PRISMA, DECLARATIONS, `export async function f(admin: { email: string; seen: string[] }) { for (const o of orders) { const settings = await prisma.user.findFirst({ where: { email: admin.email } }); render(o, settings, admin.seen.length, admin.seen.includes(o.status), admin); } }`),
    errors: [{ messageId: 'repeated', data: { operation: 'prisma.user.findFirst', collection: 'orders' } }],
  },
  // Other loop shapes
  {
    code: code(PRISMA, `export async function f(filters: Record<string, string>) { for (const key in filters) { await prisma.order.findMany({ where: { status: filters[key] } }); } }`),
    errors: [perElement('filters', 'prisma.order.findMany', FORM.prismaReadByStatus)],
  },
  {
    code: code(PRISMA, DECLARATIONS, `export async function f() { return Promise.all(Array.from(new Set(ids), (id) => prisma.order.findFirst({ where: { userId: id } }))); }`),
    errors: [perElement('new Set(ids)', 'prisma.order.findFirst', FORM.prismaReadByUserId)],
  },
  {
    // Concurrent outside, sequential inside: the inner loop awaits one findUnique at a time.
    code: code(PRISMA, `export async function f(groups: number[][]) { await Promise.all(groups.map(async (group) => { for (const id of group) await prisma.user.findUnique({ where: { id } }); })); }`),
    errors: [perElement('group', 'prisma.user.findUnique', FORM.prismaRead)],
  },
  {
    code: code(TYPEORM, DECLARATIONS, `export async function f() { for (const item of items) { await dataSource.manager.findOneBy(User, { id: item.id }); } }`),
    errors: [perElement('items', 'dataSource.manager.findOneBy', FORM.typeormRead)],
  },
  // Set-based writes keyed by the element are still one statement per element.
  {
    code: code(PRISMA, `export async function f(users: { id: number }[]) { for (const user of users) { await prisma.post.deleteMany({ where: { authorId: user.id } }); } }`),
    errors: [perElement('users', 'prisma.post.deleteMany', FORM.prismaChangeByAuthorId)],
  },
  // Mongoose documents: bulkSave and Model.populate.
  {
    code: code(MONGOOSE, `export async function f() { const users = await User.find(); for (const u of users) { u.name = 'x'; await u.save(); } }`),
    errors: [perElement('users', 'u.save', 'save them in one call with `Model.bulkSave(documents)`')],
  },
  {
    code: code(MONGOOSE, `export async function f() { const users = await User.find(); await Promise.all(users.map((u) => u.populate('teamId'))); }`),
    errors: [perElement('users', 'u.populate', 'populate them all in one query with `Model.populate(documents, path)`')],
  },
  // Per element of the outer loop, through a retry loop.
  {
    code: code(PRISMA, DECLARATIONS, `export async function f() {
  for (const o of orders) {
    for (let attempt = 0; attempt < 3; attempt++) {
      try { await prisma.order.update({ where: { id: o.id }, data: { status: 'paid' } }); break; } catch { /* retry */ }
    }
  }
}`),
    errors: [perElement('orders', 'prisma.order.update', FORM.prismaChange)],
  },
  // Only the ignored library is left alone.
  {
    code: code(PRISMA, REDIS, DECLARATIONS, `export async function f() { for (const id of ids) { render(await redis.get('k' + id), await prisma.user.findUnique({ where: { id } })); } }`),
    options: [{ ignoreLibraries: ['redis'] }],
    errors: [perElement('ids', 'prisma.user.findUnique', FORM.prismaRead)],
  },
];

// What only a type checker can see: clients whose library no import, annotation or constructor names.
const typedOnlyInvalid: Invalid[] = [
  {
    // A repository handed to a callback: the parameter has no annotation; its type comes from the callee.
    code: `
class User { id!: number }
declare function withRepository(run: (repo: import('typeorm').Repository<User>) => Promise<void>): void;
declare const ids: number[];
export function touchAll() { withRepository(async (repo) => { for (const id of ids) await repo.findOneBy({ id }); }); }`,
    errors: [perElement('ids', 'repo.findOneBy', FORM.typeormRead)],
  },
  {
    // A Prisma client returned by a factory declared elsewhere.
    code: `
declare function getDb(): import('@prisma/client').PrismaClient;
declare const ids: number[];
const db = getDb();
export async function f() { for (const id of ids) await db.user.findUnique({ where: { id } }); }`,
    errors: [perElement('ids', 'db.user.findUnique', FORM.prismaRead)],
  },
  {
    // A pool client obtained from an untyped-looking helper object.
    code: `
declare const deps: { pg: import('pg').Pool };
declare const ids: number[];
export async function f() { await Promise.all(ids.map((id) => deps.pg.query('SELECT 1 FROM users WHERE id = $1', [id]))); }`,
    errors: [perElement('ids', 'deps.pg.query', FORM.pgRead)],
  },
];

const typedOnlyValid: Valid[] = [
  // The checker knows what a method of the project's own client class returns: here, no client.
  `
import { PrismaClient } from '@prisma/client';
export class PrismaService extends PrismaClient {
  stats(): { user: { update(change: object): Promise<void> } } { return { user: { async update() {} } }; }
}
export class Counters {
  constructor(private readonly prismaService: PrismaService) {}
  async bump(ids: number[]) { for (const id of ids) await this.prismaService.stats().user.update({ where: { id }, data: {} }); }
}`,
  // A MongoDB cursor's forEach streams documents; it is not an array.
  `
import { MongoClient } from 'mongodb';
const coll = new MongoClient('mongodb://localhost').db('shop').collection('orders');
declare const found: ReturnType<typeof coll.find>;
export async function f() { await found.forEach((doc) => { void coll.updateOne({ _id: doc._id }, { $set: { seen: true } }); }); }`,
  // A fixed tuple of two keys.
  `
import Redis from 'ioredis';
const redis = new Redis();
declare const pair: [string, string];
export async function f() { return Promise.all(pair.map((k) => redis.get(k))); }`,
];

// Without types those receivers are unknown, and the rule stays silent rather than guess.
untypedRuleTester().run('no-n-plus-one', rule, {
  valid: [
    ...valid,
    ...typedOnlyInvalid.map(({ code }) => code),
    // Without a Prisma-only method called on it, a `db` of a project module says nothing of its library; nor does another name's.
    `import { db } from '@openpanel/db';
export async function deleteProjects(projects: { id: string }[]) { for (const project of projects) await db.project.delete({ where: { id: project.id } }); }`,
    `import { db, store } from './stores';
export async function drop(items: { id: string }[]) { const all = await store.items.findMany({}); for (const item of items) await db.items.delete({ where: { id: item.id } }); return all; }`,
    `import { db } from './db';
export async function load(ids: string[]) { const ready = await db.query.users.findMany(); for (const id of ids) await query.users.delete({ where: { id } }); return ready; }`,
    // Test fixtures create their rows one by one (medusa's integration-tests/__fixtures__).
    { code: code(PRISMA, DECLARATIONS, `export async function createOrders(data: { total: number }[]) { for (const row of data) await prisma.order.create({ data: { total: row.total, status: 'new', userId: 1 } }); }`), filename: 'packages/cart/integration-tests/__fixtures__/orders.ts' },
    // Subqueries built per filter and nested in one outer query, through operators the project's db module re-exports (unkey).
    `import { db, eq, exists, or, schema } from '@/lib/db';
export async function keysWith(names: string[]) { return db.select().from(schema.keys).where(or(...names.map((name) => exists(db.select().from(schema.permissions).where(eq(schema.permissions.name, name)))))); }`,
    // Seeds and migrations write row by row once, at a setup or a deploy (Gauzy's `<module>.seed.ts`).
    { code: code(PRISMA, DECLARATIONS, `export async function createIncomes(rows: { total: number }[]) { for (const row of rows) await prisma.order.create({ data: { total: row.total, status: 'new', userId: 1 } }); }`), filename: 'packages/core/src/lib/income/income.seed.ts' },
    { code: code(PRISMA, DECLARATIONS, `export async function up(ids: number[]) { for (const id of ids) await prisma.order.update({ where: { id }, data: { status: 'migrated' } }); }`), filename: 'src/migrations/1700000000000-backfill-status.ts' },
    // Teable's base creation: the schema's statements, one by one, through the workspace package's client.
    `import { PrismaService } from '@teable/db-main-prisma';
export class BaseService {
  constructor(private readonly prismaService: PrismaService, private readonly dbProvider: { createSchema(id: string): string[] }) {}
  async createBase(id: string) {
    return this.prismaService.$transaction(async (prisma) => {
      const sqlList: string[] = this.dbProvider.createSchema(id);
      for (const sql of sqlList) {
        await prisma.$executeRawUnsafe(sql);
      }
    });
  }
  async renameColumns(renames: string[][]) { for (const sqls of renames) for (const sql of sqls) await this.prismaService.txClient().$executeRawUnsafe(sql); }
}`,
    // A wrapper of TypeORM's connection: building entities per element sends nothing.
    `import { TransactionalConnection } from '../connection/transactional-connection';
export class OrderService {
  constructor(private connection: TransactionalConnection) {}
  build(ctx: unknown, inputs: { code: string }[]) { return inputs.map((input) => this.connection.getRepository(ctx, Order).create(input)); }
}`,
  ],
  invalid: [
    ...invalid,
    // A Mongoose model imported from the project's models (HyperDX's per-tile alert upserts), by a static only Mongoose
    // has. With types, the model's module gives its type (here it does not resolve).
    {
      code: `import Alert from '@/models/alert';
export async function f(tiles: { id: string }[]) { return Promise.all(tiles.map((tile) => Alert.findOneAndUpdate({ tileId: tile.id }, {}, { upsert: true }))); }`,
      errors: [perElement('tiles', 'Alert.findOneAndUpdate', FORM.mongoChangeByTileId)],
    },
    // Payload: each child saved with data of its own (Payload's nested-docs plugin) cannot be one `where … in` update.
    {
      code: `export async function resave(req: any, children: { id: string; title: string }[]) {
  for (const child of children) await req.payload.update({ id: child.id, collection: 'pages', data: { breadcrumb: child.title } });
}`,
      errors: [perElement('children', 'req.payload.update', 'send them in one transaction (pass the same `req` to every call), a few at a time: the Local API changes one document per call when each gets its own data')],
    },
    // Payload's Local API, one lookup per element (Payload's own bulk operations), and its adapter's deletes: known by
    // shape without types (with them, `req: any` says nothing, and these tests have no Payload package to type it).
    {
      code: `export async function authors(req: any, posts: { author: string }[]) {
  const found = [];
  for (const post of posts) found.push(await req.payload.findByID({ collection: 'users', id: post.author }));
  await Promise.all(posts.map((post) => req.payload.db.deleteOne({ collection: 'drafts', where: { id: { equals: post.author } } })));
  return found;
}`,
      errors: [
        perElement('posts', 'req.payload.findByID', "fetch them in one call with `find({ collection, where: { id: { in: ids } }, limit: ids.length })`"),
        perElement('posts', 'req.payload.db.deleteOne', 'change them in one call with `update({ collection, where: { id: { in: ids } }, data })`/`delete({ collection, where: { id: { in: ids } } })`'),
      ],
    },
    // A monorepo's own database package (documenso's @documenso/prisma): its client is judged by name, as a project module's.
    {
      code: `import { prisma } from '@documenso/prisma';
export async function setRecipients(ids: number[]) { await prisma.$transaction(async (tx) => { for (const id of ids) await tx.field.deleteMany({ where: { recipientId: id } }); }); }`,
      errors: [perElement('ids', 'tx.field.deleteMany', FORM.prismaChangeInTransaction)],
    },
    // Through an interactive transaction's client, which has no `$transaction([...])`, only single-statement forms are
    // offered (Shelf's kit and booking updates); an `upsert` has no batched form (Shelf's organisation links).
    {
      code: code(PRISMA, DECLARATIONS, `export async function f() { await prisma.$transaction(async (tx) => { for (const o of orders) await tx.order.update({ where: { id: o.id }, data: { total: o.total } }); }); }`),
      errors: [perElement('orders', 'tx.order.update', 'send them as one `UPDATE … FROM (VALUES …)` with `$executeRaw`')],
    },
    {
      code: code(PRISMA, DECLARATIONS, `export async function f() { await prisma.$transaction(async (tx) => { for (const o of orders) await tx.order.create({ data: { id: o.id, items: { create: [{ sku: 'a' }] } } }); }); }`),
      errors: [perElement('orders', 'tx.order.create', '`createMany` takes no nested `create`: create the parents with `createManyAndReturn` and their children with one `createMany`')],
    },
    {
      code: code(PRISMA, DECLARATIONS, `export async function f(orgIds: string[], userId: string) { await prisma.$transaction(async (tx) => { for (const organizationId of orgIds) await tx.userOrganization.upsert({ where: { userId_organizationId: { userId, organizationId } }, create: { userId, organizationId }, update: {} }); }); }`),
      errors: [perElement('orgIds', 'tx.userOrganization.upsert', 'write them in one `INSERT … ON CONFLICT (…) DO UPDATE` with `$executeRaw` (`upsert` has no batched form)')],
    },
    {
      code: code(PRISMA, DECLARATIONS, `export async function f() { for (const o of orders) await prisma.order.upsert({ where: { id: o.id }, create: { id: o.id, total: o.total }, update: { total: o.total } }); }`),
      errors: [perElement('orders', 'prisma.order.upsert', 'write them in one `INSERT … ON CONFLICT (…) DO UPDATE` with `$executeRaw` (`upsert` has no batched form), or send them together in one `$transaction([...])`')],
    },
    // A parameter defaulting to the client (Sim's `executor: DbClient = db`): the helper runs on it, or on a transaction
    // of it a caller passes.
    {
      code: code(PRISMA, DECLARATIONS, `type Db = typeof prisma;
export async function f(executor: Db = prisma) { for (const id of ids) render(await executor.user.findUnique({ where: { id } })); }`),
      errors: [perElement('ids', 'executor.user.findUnique', FORM.prismaRead)],
    },
    {
      code: `import { db } from './db';
import { eq } from 'drizzle-orm';
import { users } from './schema';
export async function f(ids: string[], executor = db) { for (const id of ids) await executor.select().from(users).where(eq(users.id, id)); }`,
      errors: [{ messageId: 'perElement' }],
    },
    // A transaction per element on a workspace client (Karakeep's import sessions): one report on the transaction,
    // not one per statement inside it.
    {
      code: `import { eq } from 'drizzle-orm';
import type { DB } from '@app/db';
import { items, sessions } from '@app/db/schema';
export class Repo {
  constructor(private db: DB) {}
  async archive(rows: { id: string }[]) {
    for (const session of rows) {
      await this.db.transaction(async (tx) => {
        await tx.update(sessions).set({ status: 'archived' }).where(eq(sessions.id, session.id));
        await tx.delete(items).where(eq(items.sessionId, session.id));
      });
    }
  }
}`,
      errors: [perElement('rows', 'this.db.transaction', 'open one transaction around the whole loop instead of one per element')],
    },
    // …while without Drizzle in the file, an opaque client's transaction stays unknown and Knex's handle keeps its shape.
    {
      code: `import { db } from './db';
export async function archive(ids: string[]) {
  for (const id of ids) await db.transaction(async (trx) => { await trx('sessions').where({ id }).update({ status: 'archived' }); });
}`,
      errors: [{ messageId: 'perElement' }],
    },
    // The next page of each element's own rows, its offset looked up by the element (Linkwarden's fair batch): one
    // query per element all the same.
    {
      code: code(PRISMA, DECLARATIONS, `export async function fair(users: { id: string }[], offsets: Map<string, number>) {
  for (const { id: userId } of users) {
    const skip = offsets.get(userId) ?? 0;
    const links = await prisma.order.findMany({ where: { userId }, skip, take: 5 });
    offsets.set(userId, skip + links.length);
  }
}`),
      errors: [{ messageId: 'perElement' }],
    },
    // The outer client, inside the transaction's callback, still has `$transaction([...])`.
    {
      code: code(PRISMA, DECLARATIONS, `export async function f() { await prisma.$transaction(async (tx) => { for (const id of ids) await prisma.order.deleteMany({ where: { userId: id } }); }); }`),
      errors: [perElement('ids', 'prisma.order.deleteMany', FORM.prismaChangeByUserId)],
    },
    // A client of any name the file calls a Prisma-only method on (`db.project.findMany`): its `delete` is Prisma's too (Openpanel).
    {
      code: `import { db } from '@openpanel/db';
export async function deleteProjects(organizationId: string) {
  const projects = await db.project.findMany({ where: { organizationId } });
  for (const project of projects) await db.project.delete({ where: { id: project.id } });
}`,
      errors: [perElement('projects', 'db.project.delete', FORM.prismaChange)],
    },
    // A workspace package's sources imported directly (Langfuse's `@langfuse/shared/src/db`): a project module too.
    {
      code: `import { prisma } from '@langfuse/shared/src/db';
export async function loadTraces(ids: string[]) { for (const id of ids) await prisma.trace.findUnique({ where: { id } }); }`,
      errors: [perElement('ids', 'prisma.trace.findUnique', FORM.prismaRead)],
    },
    // Teable's workspace package `@teable/db-main-prisma`: a word of its name says it holds the client, and the
    // injected `PrismaService` is one by its type's name.
    {
      code: `import { PrismaService } from '@teable/db-main-prisma';
export class SpaceService {
  constructor(private readonly prismaService: PrismaService) {}
  async bump(ids: string[]) { for (const id of ids) await this.prismaService.base.update({ where: { id }, data: {} }); }
}`,
      errors: [perElement('ids', 'this.prismaService.base.update', FORM.prismaChange)],
    },
    // Its `txClient()`, a method of Teable's own, returns the client it is used as.
    {
      code: `import { PrismaService } from '@teable/db-main-prisma';
export class SpaceService {
  constructor(private readonly prismaService: PrismaService) {}
  async bump(ids: string[]) { for (const id of ids) await this.prismaService.txClient().base.delete({ where: { id } }); }
  async drop(ids: string[]) { const prisma = this.prismaService.txClient(); for (const id of ids) await prisma.$executeRawUnsafe('DELETE FROM base WHERE id = $1', id); }
}`,
      errors: [perElement('ids', 'this.prismaService.txClient().base.delete', FORM.prismaChange), perElement('ids', 'prisma.$executeRawUnsafe', FORM.prismaChange)],
    },
    // A wrapper of the client behind a monorepo path alias, named as a project file (postiz's PrismaRepository).
    {
      code: `import { PrismaRepository } from '@gitroom/nestjs-libraries/database/prisma/prisma.service';
export class PostsRepository {
  constructor(private _post: PrismaRepository<'post'>) {}
  async touch(ids: string[]) { for (const id of ids) await this._post.model.post.updateMany({ where: { id }, data: { deletedAt: null } }); }
}`,
      errors: [perElement('ids', 'this._post.model.post.updateMany', FORM.prismaChange)],
    },
    // Its own reads (the entity second): per element, and in a field resolver (Vendure's RefundLine.orderLine).
    {
      code: `import { TransactionalConnection } from '../connection/transactional-connection';
import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
@Resolver('RefundLine') export class RefundLineResolver {
  constructor(private connection: TransactionalConnection) {}
  @ResolveField() orderLine(@Parent() refundLine: { orderLineId: string }, ctx: unknown) { return this.connection.getEntityOrThrow(ctx, OrderLine, refundLine.orderLineId); }
  async lines(ctx: unknown, ids: string[], channelId: string) { for (const id of ids) await this.connection.findOneInChannel(ctx, Product, id, channelId); return this.connection.findByIdsInChannel(ctx, Product, ids, channelId, {}); }
}`,
      errors: [
        { messageId: 'perParent', data: { operation: 'this.connection.getEntityOrThrow', type: '`RefundLine`', field: '`orderLine`', batched: FORM.typeormRead } },
        perElement('ids', 'this.connection.findOneInChannel', FORM.typeormRead),
      ],
    },
    // A wrapper of TypeORM's connection, by its shape: `getRepository` with the entity class last (Vendure's TransactionalConnection).
    {
      code: `import { TransactionalConnection } from '../connection/transactional-connection';
export class StockService {
  constructor(private connection: TransactionalConnection) {}
  async levels(ctx: unknown, ids: string[]) { for (const id of ids) await this.connection.getRepository(ctx, StockLevel).findOne({ where: { id } }); }
}`,
      errors: [perElement('ids', 'this.connection.getRepository(...).findOne', FORM.typeormRead)],
    },
  ],
});

typedRuleTester().run('no-n-plus-one (typed)', rule, {
  valid: [...valid, ...typedOnlyValid],
  invalid: [...invalid, ...typedOnlyInvalid],
});

typedRuleTester().run('no-n-plus-one: types the checker cannot resolve', rule, {
  valid: [],
  invalid: [
    {
      // A client typed from a package the checker cannot resolve (not installed, or a client not generated yet): an
      // error type, not an `any` someone wrote. The code's shape decides, as without types (Docmost's `KyselyDB`).
      code: `
import type { KyselyDB } from '@acme/uninstalled-db-types';
export class Pages {
  constructor(private readonly db: KyselyDB) {}
  async touch(ids: string[]) { for (const id of ids) await this.db.selectFrom('pages').select('id').where('id', '=', id).executeTakeFirst(); }
}`,
      errors: [{ messageId: 'perElement' }],
    },
  ],
});

// ---------------------------------------------------------------------------------------------------------
// Queries hidden behind calls. Same file: followed in both modes. Other files (tests/fixtures/typed/cross-file):
// followed with type information only.

const sameFileValid: Valid[] = [
  // The helper's query fills a cache on a miss, once per key (Vendure's permission checks per channel).
  code(PRISMA, `declare const requestCache: { get<T>(key: string, fill: () => Promise<T>): Promise<T> };
class Roles {
  private async permissionsOf(userId: string) { return requestCache.get(\`user:\${userId}\`, async () => prisma.user.findUnique({ where: { id: userId }, include: { roles: true } })); }
  async canAll(userId: string, channelIds: string[]) { for (const id of channelIds) { if (!(await this.permissionsOf(userId))) return false; } return true; }
}`),
  // …or answers from a map it fills itself on a miss (Midday's exchange rates, one read per currency).
  code(DRIZZLE, `const rateCache = new Map<string, { rows: unknown[]; ts: number }>();
async function ratesFor(target: string) { const cached = rateCache.get(target); if (cached && Date.now() - cached.ts < 60_000) { return cached.rows; } const rows = await db.select().from(usersTable).where(eq(usersTable.name, target)); rateCache.set(target, { rows, ts: Date.now() }); return rows; }
export async function ratesBatch(targets: string[]) { const out = new Map<string, unknown[]>(); for (const target of targets) out.set(target, await ratesFor(target)); return out; }`),
  // The helper takes the whole list: one query.
  `${PRISMA}
async function ordersOf(ids: number[]) { return prisma.order.findMany({ where: { userId: { in: ids } } }); }
export async function f(ids: number[]) { for (const chunk of [ids]) await ordersOf(chunk); }`,
  // A helper that only registers a callback: a queue worker (Maxun's pg-boss workers, one per queue), a listener,
  // a route, a timer, a cron job. Its query runs later, once per job or event, not once per call of the helper.
  `${PRISMA}
declare const boss: { work(queue: string, handler: (job: { data: { id: number } }) => Promise<unknown>): Promise<string> };
async function registerWorker(queue: string) { await boss.work(queue, async (job) => prisma.run.findUnique({ where: { id: job.data.id } })); }
export async function f(queues: string[]) { for (const queue of queues) await registerWorker(queue); }`,
  `${PRISMA}
import { EventEmitter } from 'node:events';
import { Router } from 'express';
import cron from 'node-cron';
declare const Worker: new (queue: string, processor: (job: { id: number }) => Promise<unknown>) => unknown;
const events = new EventEmitter();
function listen(name: string) { events.on(name, async (id: number) => { await prisma.user.findFirst({ where: { id } }); }); }
function route(router: Router, path: string) { router.get(\`/\${path}\`, async (_req, res) => { res.json(await prisma.user.findMany({ take: 10 })); }); router.get('/health', async (_req, res) => { res.json(await prisma.user.count()); }); }
function later(id: number) { setTimeout(async () => { await prisma.user.delete({ where: { id } }); }, 1000); }
function nightly(name: string) { cron.schedule('0 0 * * *', async () => { await prisma.report.create({ data: { name } }); }); }
function consumer(queue: string) { return new Worker(queue, async (job) => prisma.user.findFirst({ where: { id: job.id } })); }
export function setup(names: string[], router: Router, ids: number[]) {
  for (const name of names) { listen(name); route(router, name); nightly(name); consumer(name); }
  ids.forEach((id) => later(id));
}`,
  // A helper that does no I/O, called per element.
  `${PRISMA}
function label(user: { name: string }) { return user.name.toUpperCase(); }
export async function f() { const users = await prisma.user.findMany(); return users.map((u) => label(u)); }`,
  // Called once, outside the loop.
  `${PRISMA}
async function load() { return prisma.user.findMany(); }
export async function f(ids: number[]) { const all = await load(); for (const id of ids) console.log(all.length, id); }`,
  // Prisma's dataloader batches findUnique started in the same tick, even from a helper.
  `${PRISMA}
const byId = (id: number) => prisma.user.findUnique({ where: { id } });
export function f(ids: number[]) { return Promise.all(ids.map((id) => byId(id))); }`,
  // A pagination loop that calls a page helper.
  `${PRISMA}
async function page(skip: number) { return prisma.user.findMany({ skip, take: 100 }); }
export async function f() { for (let skip = 0; ; skip += 100) { const rows = await page(skip); if (rows.length < 100) break; } }`,
  // Depth 0 switches call following off.
  {
    code: `${PRISMA}
async function byId(id: number) { return prisma.user.findFirst({ where: { id } }); }
export async function f(ids: number[]) { for (const id of ids) await byId(id); }`,
    options: [{ callDepth: 0 }],
  },
  // Mutual recursion with no query terminates.
  `function ping(n: number): number { return n > 0 ? pong(n - 1) : 0; }
function pong(n: number): number { return ping(n); }
export function f(ns: number[]) { return ns.map((n) => ping(n)); }`,
];

const sameFileInvalid: Invalid[] = [
  {
    // The helper reads with the same arguments for every element: once before the loop does (Vendure's order payments).
    code: code(PRISMA, `async function paymentsOf(orderId: string) { return prisma.payment.findMany({ where: { orderId } }); }
export async function refund(order: { id: string }, lines: { id: string; qty: number }[]) {
  for (const line of lines) { const payments = await paymentsOf(order.id); await settle(payments, line); }
}
declare function settle(payments: unknown[], line: unknown): Promise<void>;`),
    errors: [{ messageId: 'repeatedCall', data: { call: 'paymentsOf', collection: 'lines', chain: 'paymentsOf → prisma.payment.findMany (file.ts:5)' } }],
  },
  {
    // A helper handed a list the loop adds to (Flowise's updateExecution with the steps run so far): one call per element.
    code: code(PRISMA, `async function saveSteps(id: string, steps: unknown[]) { const row = await prisma.execution.findFirst({ where: { id } }); return prisma.execution.update({ where: { id }, data: { steps: [...(row?.steps ?? []), ...steps] } }); }
export async function run(id: string, nodes: { id: string }[]) {
  const done: unknown[] = [];
  for (const node of nodes) { done.push(node.id); await saveSteps(id, done); }
}`),
    errors: [{ messageId: 'perElementCall' }],
  },
  {
    // A helper that updates or deletes gets the batched change, not an insert (Joplin's models).
    code: `import { Knex } from 'knex';
export class ShareUserModel {
  constructor(private db: Knex) {}
  async delete(id: string) { await this.db('share_users').where('id', id).delete(); }
  async setStatus(id: string, status: number) { await this.db('share_users').where('id', id).update({ status }); }
  async deleteAll(ids: string[]) { for (const id of ids) await this.delete(id); }
  async disableAll(ids: string[]) { for (const id of ids) await this.setStatus(id, 0); }
}`,
    errors: [
      { messageId: 'perElementCall', data: { call: 'this.delete', collection: 'ids', chain: "delete → this.db('share_users').where('id', id).delete (file.ts:4)", batched: "change them in one statement with `whereIn('id', ids).update(...)`/`.del()`" } },
      { messageId: 'perElementCall', data: { call: 'this.setStatus', collection: 'ids', chain: "setStatus → this.db('share_users').where('id', id).update (file.ts:5)", batched: "change them in one statement with `whereIn('id', ids).update(...)`/`.del()`" } },
    ],
  },
  {
    // A helper that awaits something else first sends its command in a later tick: one request per element.
    code: `import { Redis } from '@upstash/redis';
const redis = Redis.fromEnv();
declare function keyFor(id: string): Promise<string>;
async function getJob(id: string) { const key = await keyFor(id); return redis.get(key); }
export async function getJobs(ids: string[]) { return Promise.all(ids.map((id) => getJob(id))); }`,
    errors: [{ messageId: 'perElementCall' }],
  },
  {
    code: `${PRISMA}
async function ordersFor(userId: number) { return prisma.order.findMany({ where: { userId } }); }
export async function f(ids: number[]) { for (const id of ids) await ordersFor(id); }`,
    errors: [{ messageId: 'perElementCall', data: { call: 'ordersFor', collection: 'ids', chain: 'ordersFor → prisma.order.findMany (file.ts:5)', batched: 'fetch them in one query with `where: { id: { in: ids } }`' } }],
  },
  {
    // Two levels, a const arrow function and a class method reached through this.
    code: `${PRISMA}
const findUser = (id: number) => prisma.user.findFirst({ where: { id } });
class Users {
  load(id: number) { return findUser(id); }
  async all(ids: number[]) { return Promise.all(ids.map((id) => this.load(id))); }
}
export const users = new Users();`,
    errors: [{ messageId: 'perElementCall', data: { call: 'this.load', collection: 'ids', chain: 'load → findUser → prisma.user.findFirst (file.ts:5)', batched: 'fetch them in one query with `where: { id: { in: ids } }`' } }],
  },
  {
    // An object-literal method; a write.
    code: `${KNEX}
const repo = { async save(row: { id: number }) { await db('rows').insert(row); } };
export async function f(rows: { id: number }[]) { for (const row of rows) await repo.save(row); }`,
    errors: [{ messageId: 'perElementCall' }],
  },
  {
    // Callbacks that run with the call still count: a transaction's, a limiter's task (Bottleneck's `schedule`), a promise's.
    code: `${PRISMA}
import Bottleneck from 'bottleneck';
const limiter = new Bottleneck({ maxConcurrent: 2 });
async function inTransaction(id: number) { return prisma.$transaction(async (tx) => tx.user.findFirst({ where: { id } })); }
async function scheduled(id: number) { return limiter.schedule(() => prisma.user.findFirst({ where: { id } })); }
function chained(id: number) { return Promise.resolve(id).then((key) => prisma.user.findFirst({ where: { id: key } })); }
export async function f(ids: number[]) {
  for (const id of ids) { await inTransaction(id); await scheduled(id); await chained(id); }
}`,
    errors: [{ messageId: 'perElementCall', data: { call: 'inTransaction', collection: 'ids', chain: 'inTransaction → prisma.$transaction (file.ts:7)', batched: 'fetch them in one query with `where: { id: { in: ids } }`' } }, { messageId: 'perElementCall' }, { messageId: 'perElementCall' }],
  },
  {
    // Recursion over a tree.
    code: `${PRISMA}
export async function load(id: number): Promise<void> {
  const user = await prisma.user.findUnique({ where: { id }, include: { posts: true } });
  for (const post of user?.posts ?? []) await load(post.id);
}`,
    errors: [{ messageId: 'recursiveCall' }],
  },
];

untypedRuleTester().run('no-n-plus-one: calls in the same file', rule, { valid: sameFileValid, invalid: sameFileInvalid });

const crossFileValid: Valid[] = [
  // The batched form, through a NestJS service and a repository in other files.
  `import { OrdersService } from './cross-file';
export class Controller { constructor(private readonly orders: OrdersService) {}
  async byUsers(ids: number[]) { return this.orders.forUsers(ids); }
  async describeAll(orders: { id: number; total: number }[]) { return orders.map((o) => this.orders.describe(o)); } }`,
  // Helpers without queries; a query helper called once.
  `import { permissionLabel, permissionsOf } from './cross-file';
export async function f(userId: number, names: string[]) { const rows = await permissionsOf(userId); return [rows, names.map((n) => permissionLabel(n))]; }`,
  // Four levels down is past the default depth of 3.
  `import { level1 } from './cross-file/chains';
export async function f(ids: number[]) { for (const id of ids) await level1(id); }`,
  // Mutual recursion without a query.
  `import { ping } from './cross-file/chains';
export const f = (ns: number[]) => ns.map((n) => ping(n));`,
  // findUnique started together: batched by Prisma.
  `import { getOrderById } from './cross-file';
export const f = (ids: number[]) => Promise.all(ids.map((id) => getOrderById(id)));`,
  // Helpers that only register a queue worker or a listener: their queries run later, per job or event.
  `import { onOrder, registerWorker } from './cross-file/workers';
export async function f(queues: string[]) { for (const queue of queues) { await registerWorker(queue); onOrder(queue); } }`,
  // A function from node_modules is never followed.
  `import { format } from 'node:util';
export const f = (xs: string[]) => xs.map((x) => format('%s', x));`,
];

const crossFileInvalid: Invalid[] = [
  {
    code: `import { OrdersService } from './cross-file';
export class Controller { constructor(private readonly orders: OrdersService) {}
  async all(ids: number[]) { const out = []; for (const id of ids) out.push(await this.orders.forUser(id)); return out; } }`,
    errors: [{ messageId: 'perElementCall', data: { call: 'this.orders.forUser', collection: 'ids', chain: 'forUser → forUser → this.client.order.findMany (orders.repository.ts:10)', batched: 'fetch them in one query with `where: { id: { in: ids } }`' } }],
  },
  {
    code: `import { countOrders, ordersRepo, getOrderById } from './cross-file';
export async function f(ids: number[]) {
  for (const id of ids) { await countOrders(id); await ordersRepo.latest(id); await getOrderById(id); }
}`,
    errors: [
      { messageId: 'perElementCall', data: { call: 'countOrders', collection: 'ids', chain: 'countOrders → prisma.order.count (orders.repository.ts:22)', batched: 'count them in one `groupBy({ by: [...], _count: true })`' } },
      { messageId: 'perElementCall', data: { call: 'ordersRepo.latest', collection: 'ids', chain: 'latest → prisma.order.findFirst (orders.repository.ts:26)', batched: 'fetch them in one query with `where: { id: { in: ids } }`' } },
      { messageId: 'perElementCall', data: { call: 'getOrderById', collection: 'ids', chain: 'getOrderById → prisma.order.findUnique (orders.repository.ts:19)', batched: 'fetch them in one query with `where: { id: { in: ids } }`' } },
    ],
  },
  {
    // knex behind a barrel: a read and a write.
    code: `import { permissionsOf, upsertPermission } from './cross-file';
export async function f(users: { id: number }[]) {
  await Promise.all(users.map((u) => permissionsOf(u.id)));
  for (const u of users) await upsertPermission({ id: u.id, userId: u.id, name: 'read' });
}`,
    errors: [
      { messageId: 'perElementCall', data: { call: 'permissionsOf', collection: 'users', chain: "permissionsOf → db('permissions').where (permissions.ts:4)", batched: "fetch them in one query with `whereIn('id', ids)`" } },
      { messageId: 'perElementCall', data: { call: 'upsertPermission', collection: 'users', chain: "upsertPermission → db('permissions').insert(permission).onConflict (permissions.ts:8)", batched: 'write them in one statement with `insert([...])`' } },
    ],
  },
  {
    // The depth is configurable.
    code: `import { level1 } from './cross-file/chains';
export async function f(ids: number[]) { for (const id of ids) await level1(id); }`,
    options: [{ callDepth: 4 }],
    errors: [{ messageId: 'perElementCall', data: { call: 'level1', collection: 'ids', chain: 'level1 → level2 → level3 → level4 → prisma.user.findFirst (chains.ts:14)', batched: 'fetch them in one query with `where: { id: { in: ids } }`' } }],
  },
];

typedRuleTester().run('no-n-plus-one: calls in the same file (typed)', rule, { valid: sameFileValid, invalid: sameFileInvalid });
typedRuleTester().run('no-n-plus-one: calls into other files (typed)', rule, { valid: crossFileValid, invalid: crossFileInvalid });
// Without types, functions of other files are not followed.
untypedRuleTester().run('no-n-plus-one: calls into other files stay unknown without types', rule, {
  valid: [...new Set([...crossFileValid, ...crossFileInvalid.map(({ code }) => code)])],
  invalid: [],
});

// ---------------------------------------------------------------------------------------------------------
// Relation loads per row: Prisma's fluent API, Sequelize association accessors, TypeORM lazy relations
// (a relation typed `Promise<…>` queries when read), Mongoose's document populate.

const SEQUELIZE_ASSOCIATIONS = `
import { Model, Sequelize, HasManyGetAssociationsMixin, HasManyCountAssociationsMixin, BelongsToManyAddAssociationMixin } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Post extends Model { declare id: number; declare authorId: number }
class Tag extends Model { declare id: number }
class Author extends Model {
  declare id: number;
  declare getPosts: HasManyGetAssociationsMixin<Post>;
  declare countPosts: HasManyCountAssociationsMixin;
  declare addTag: BelongsToManyAddAssociationMixin<Tag, number>;
  declare getInvoices: () => Promise<unknown[]>;
  getDisplayName() { return 'Author ' + this.id; }
}
Author.init({}, { sequelize });
Author.hasMany(Post);
`;
const TYPEORM_LAZY = `
import { DataSource, Entity, PrimaryGeneratedColumn, Column, OneToOne, OneToMany, ManyToOne, JoinColumn } from 'typeorm';
@Entity() class Profile { @PrimaryGeneratedColumn() id!: number; @Column() bio!: string }
@Entity() class Photo { @PrimaryGeneratedColumn() id!: number; @ManyToOne(() => Account, (a) => a.photos) owner!: Promise<Account> }
@Entity() class Account {
  @PrimaryGeneratedColumn() id!: number;
  @OneToOne(() => Profile) @JoinColumn() profile!: Promise<Profile>;
  @OneToMany(() => Photo, (p) => p.owner) photos!: Promise<Photo[]>;
  @ManyToOne(() => Profile, { eager: true }) settings!: Profile;
  avatarUrl!: Promise<string>;
}
const dataSource = new DataSource({ type: 'postgres' });
const accounts = dataSource.getRepository(Account);
`;
const RELATION_FORM = {
  prisma: (relation: string) => `load \`${relation}\` with the parent query (\`include: { ${relation}: true }\`), or fetch all of them in one \`findMany\` with an \`in\` filter on the foreign key`,
  typeorm: (relation: string) => `load \`${relation}\` with the parent query (\`relations: ['${relation}']\` or \`leftJoinAndSelect\`), or fetch all of them in one query with \`In(ids)\``,
  sequelize: 'load the association with the parent query (`include` in its `findAll`), or fetch all of them in one query with `where: { foreignKey: ids }`',
  sequelizeWrite: 'pass them all to one call (`addTags(tags)`, `setTags(tags)`, `removeTags(tags)` take arrays), or `bulkCreate` rows of the join model',
  sequelizeCount: 'count them in one `count({ group: [...] })`',
};

const relationValid: Valid[] = [
  // Prisma: the relation loaded with the parent query; findUnique fluent calls started together (its dataloader batches them); a fluent call outside any loop; a look-alike.
  code(PRISMA, DECLARATIONS, `export async function f() { const users = await prisma.user.findMany({ where: { id: { in: ids } }, include: { posts: true } }); for (const u of users) render(u.posts); }`),
  code(PRISMA, DECLARATIONS, `export async function f() { return Promise.all(ids.map((id) => prisma.user.findUnique({ where: { id } }).posts())); }`),
  code(PRISMA, `export async function postsOf(id: number) { return prisma.user.findUnique({ where: { id } }).posts(); }`),
  code(DECLARATIONS, `const api = { user: { findUnique: (_: unknown) => ({ posts: () => [] as string[] }) } };
export function f() { for (const id of ids) render(api.user.findUnique({ where: { id } }).posts()); }`),
  // Sequelize: the association included in the parent query; methods of the model's own and of Model; an accessor-shaped property no association backs; getPosts on a plain object.
  code(SEQUELIZE_ASSOCIATIONS, DECLARATIONS, `export async function f() { const authors = await Author.findAll({ include: [Post] }); for (const a of authors) render(a.get('Posts')); }`),
  code(SEQUELIZE_ASSOCIATIONS, DECLARATIONS, `export async function f() { for (const a of await Author.findAll()) render(a.getDisplayName(), a.getDataValue('id')); }`),
  code(SEQUELIZE_ASSOCIATIONS, DECLARATIONS, `export async function f() { const authors = await Author.findAll(); return Promise.all(authors.map((a) => a.getInvoices())); }`),
  code(SEQUELIZE_ASSOCIATIONS, DECLARATIONS, `declare const feeds: { getPosts(): string[] }[];
export function f() { for (const feed of feeds) render(feed.getPosts()); }`),
  code(SEQUELIZE_ASSOCIATIONS, DECLARATIONS, `export async function f() { const a = await Author.findByPk(1); render(await a!.getPosts()); }`),
  // TypeORM: an eager relation (already loaded, not a promise); a promise that is no relation; the same entity's relation read again (TypeORM keeps it); a lazy relation outside a loop.
  code(TYPEORM_LAZY, DECLARATIONS, `export async function f() { for (const a of await accounts.find()) render(a.settings.id, await a.settings); }`),
  code(TYPEORM_LAZY, DECLARATIONS, `export async function f() { for (const a of await accounts.find()) render(await a.avatarUrl); }`),
  code(TYPEORM_LAZY, DECLARATIONS, `export async function f() { const owner = await accounts.findOneBy({ id: 1 }); for (const id of ids) render(id, await owner!.profile); }`),
  code(TYPEORM_LAZY, `export async function profileOf(account: Account) { return account.profile; }`),
  code(TYPEORM_LAZY, DECLARATIONS, `export async function f() { const rows = await accounts.find({ where: { id: In(ids) }, relations: ['profile'] }); return rows.map((r) => r.id); }
import { In } from 'typeorm';`),
  // Promise-typed properties of classes TypeORM does not manage, and a decorator named like TypeORM's.
  code(DECLARATIONS, `class Job { result!: Promise<string> }
declare const jobs: Job[];
export async function f() { for (const j of jobs) render(await j.result); }`),
  code(DECLARATIONS, `const OneToOne = (_: unknown) => (_target: object, _key: string) => undefined;
class Chain { @OneToOne(() => Chain) next!: Promise<Chain> }
declare const chains: Chain[];
export async function f() { for (const c of chains) render(await c.next); }`),
  // Mongoose: populated for all documents in one query.
  code(MONGOOSE, `export async function f() { const users = await User.find(); await User.populate(users, { path: 'teamId' }); return users; }`),
];

const relationInvalid: Invalid[] = [
  // Prisma's fluent API: reported once, on the whole chain.
  {
    code: code(PRISMA, DECLARATIONS, `export async function f() { for (const id of ids) { render(await prisma.user.findUnique({ where: { id } }).posts()); } }`),
    errors: [perElement('ids', 'prisma.user.findUnique(...).posts', RELATION_FORM.prisma('posts'))],
  },
  {
    // findFirst is not batched by the dataloader.
    code: code(PRISMA, DECLARATIONS, `export async function f() { return Promise.all(ids.map((id) => prisma.user.findFirst({ where: { id } }).orders({ take: 5 }))); }`),
    errors: [perElement('ids', 'prisma.user.findFirst(...).orders', RELATION_FORM.prisma('orders'))],
  },
  {
    code: code(PRISMA, `export async function f(postIds: number[]) { for (const id of postIds) render(await prisma.post.findUnique({ where: { id } }).author()); }
declare function render(value: unknown): void;`),
    errors: [perElement('postIds', 'prisma.post.findUnique(...).author', RELATION_FORM.prisma('author'))],
  },
  // Sequelize association accessors.
  {
    code: code(SEQUELIZE_ASSOCIATIONS, DECLARATIONS, `export async function f() { const authors = await Author.findAll(); for (const a of authors) render(await a.getPosts()); }`),
    errors: [perElement('authors', 'a.getPosts', RELATION_FORM.sequelize)],
  },
  {
    code: code(SEQUELIZE_ASSOCIATIONS, DECLARATIONS, `export async function f() { const authors = await Author.findAll(); return Promise.all(authors.map((a) => a.countPosts())); }`),
    errors: [perElement('authors', 'a.countPosts', RELATION_FORM.sequelizeCount)],
  },
  {
    code: code(SEQUELIZE_ASSOCIATIONS, `export async function tagAll(tags: Tag[]) { const author = await Author.findByPk(1); for (const tag of tags) await author!.addTag(tag); }`),
    errors: [perElement('tags', 'author.addTag', RELATION_FORM.sequelizeWrite)],
  },
  // TypeORM lazy relations: awaited per entity, or read in a concise callback.
  {
    code: code(TYPEORM_LAZY, DECLARATIONS, `export async function f() { for (const a of await accounts.find()) render(await a.profile); }`),
    errors: [perElement('await accounts.find()', 'a.profile (a lazy relation)', RELATION_FORM.typeorm('profile'))],
  },
  {
    code: code(TYPEORM_LAZY, `export async function f(list: Account[]) { return Promise.all(list.map((account) => account.photos)); }`),
    errors: [perElement('list', 'account.photos (a lazy relation)', RELATION_FORM.typeorm('photos'))],
  },
  {
    // Loaded by `relations` in the parent query or not, reading a lazy relation per entity is written as one query per entity.
    code: code(TYPEORM_LAZY, DECLARATIONS, `export async function f() { const rows = await accounts.find({ relations: ['profile'] }); for (const row of rows) render(await row.profile); }`),
    errors: [perElement('rows', 'row.profile (a lazy relation)', RELATION_FORM.typeorm('profile'))],
  },
  {
    code: code(TYPEORM_LAZY, `export async function owners(photos: Photo[]) { const out = []; for (const photo of photos) out.push(await photo.owner); return out; }`),
    errors: [perElement('photos', 'photo.owner (a lazy relation)', RELATION_FORM.typeorm('owner'))],
  },
];

// sequelize-typescript's `$get`: its package is not installed here, so only the untyped run can resolve it.
const relationUntypedOnlyInvalid: Invalid[] = [
  {
    code: `import { Model } from 'sequelize-typescript';
class Post extends Model {}
declare function render(value: unknown): void;
export async function f() { const posts = await Post.findAll(); for (const p of posts) render(await p.$get('comments')); }`,
    errors: [perElement('posts', 'p.$get', RELATION_FORM.sequelize)],
  },
];

// Only types know the receiver: entities and models reached through functions and declarations.
const relationTypedOnlyInvalid: Invalid[] = [
  {
    code: code(SEQUELIZE_ASSOCIATIONS, DECLARATIONS, `declare const authors: Author[];
export async function f() { for (const a of authors) render(await a.getPosts()); }`),
    errors: [perElement('authors', 'a.getPosts', RELATION_FORM.sequelize)],
  },
  {
    code: code(TYPEORM_LAZY, DECLARATIONS, `declare function loadAccounts(): Promise<Account[]>;
export async function f() { const list = await loadAccounts(); await Promise.all(list.map(async (a) => render(await a.profile))); }`),
    errors: [perElement('list', 'a.profile (a lazy relation)', RELATION_FORM.typeorm('profile'))],
  },
];

untypedRuleTester().run('no-n-plus-one: relation loads', rule, {
  valid: [...relationValid, ...relationTypedOnlyInvalid.map(({ code }) => code)],
  invalid: [...relationInvalid, ...relationUntypedOnlyInvalid],
});

typedRuleTester().run('no-n-plus-one: relation loads (typed)', rule, {
  valid: relationValid,
  invalid: [...relationInvalid, ...relationTypedOnlyInvalid],
});

// ---------------------------------------------------------------------------------------------------------
// GraphQL field resolvers: run once per parent object of a response, with no loop in sight

const NEST_RESOLVER = `
import { Parent, ResolveField, Resolver, Query, Args } from '@nestjs/graphql';
import { PrismaClient } from '@prisma/client';
class User { id!: number; teamId!: number; posts?: unknown[] }
`;
const READ = 'fetch them in one query with `where: { id: { in: ids } }`';
const COUNT = 'count them in one `groupBy({ by: [...], _count: true })`';

const resolverValid: Valid[] = [
  // A root query runs once per operation.
  code(NEST_RESOLVER, `@Resolver(() => User) export class UsersResolver { constructor(private prisma: PrismaClient) {}
  @Query(() => [User]) users(@Args('teamId') teamId: number) { return this.prisma.user.findMany({ where: { teamId } }); } }`),
  // Prisma batches the findUnique calls of one tick, fluent relation calls included.
  code(NEST_RESOLVER, `@Resolver(() => User) export class UsersResolver { constructor(private prisma: PrismaClient) {}
  @ResolveField() team(@Parent() user: User) { return this.prisma.team.findUnique({ where: { id: user.teamId } }); }
  @ResolveField() posts(@Parent() user: User) { return this.prisma.user.findUnique({ where: { id: user.id } }).posts(); } }`),
  // A field of a namespace object: nothing depends on the parent.
  code(NEST_RESOLVER, `@Resolver('Infra') export class InfraResolver { constructor(private prisma: PrismaClient) {}
  @ResolveField(() => [User]) admins() { return this.prisma.user.findMany({ where: { isAdmin: true }, take: 50 }); }
  @ResolveField(() => Number) userCount(@Parent() infra: unknown) { return this.prisma.user.count(); } }`),
  // The parent query may have loaded the field: the resolver queries only when it did not.
  code(NEST_RESOLVER, `@Resolver(() => User) export class UsersResolver { constructor(private prisma: PrismaClient) {}
  @ResolveField() async posts(@Parent() user: User) { if (user.posts) return user.posts; return this.prisma.post.findMany({ where: { authorId: user.id } }); } }`),
  // A DataLoader made per request batches the keys.
  code(NEST_RESOLVER, `interface Loaders { postsByAuthor: { load(id: number): Promise<unknown[]> } }
@Resolver(() => User) export class UsersResolver {
  @ResolveField() posts(@Parent() user: User, @Context('loaders') loaders: Loaders) { return loaders.postsByAuthor.load(user.id); } }`),
  // Decorators of another package, and a class method without decorators.
  code(`import { ResolveField, Parent } from './graphql-shim';
import { PrismaClient } from '@prisma/client';
class User { id!: number }
export class UsersResolver { constructor(private prisma: PrismaClient) {}
  @ResolveField() posts(@Parent() user: User) { return this.prisma.post.findMany({ where: { authorId: user.id } }); }
  postsOf(user: User) { return this.prisma.post.findMany({ where: { authorId: user.id } }); } }`),
  // Resolver maps: root types, a loader map (Mercurius loaders get every parent at once), and abstract-type hooks.
  code(PRISMA, `export const resolvers = {
  Query: { posts: (_: unknown, args: { authorId: number }) => prisma.post.findMany({ where: { authorId: args.authorId } }) },
  Mutation: { addPost: (_: unknown, args: { authorId: number }) => prisma.post.create({ data: { authorId: args.authorId } }) },
  Node: { __resolveType: (node: { kind: string }) => node.kind },
};
export const loaders = { User: { posts: async (queries: { obj: { id: number } }[]) => prisma.post.findMany({ where: { authorId: { in: queries.map((q) => q.obj.id) } } }) } };`),
  // A resolver object that is no resolver map: plain handlers keyed by capitalised names.
  code(PRISMA, `export const handlers = { Users: { list: (filter: { teamId: number }) => prisma.user.findMany({ where: { teamId: filter.teamId } }) } };`),
];

const resolverInvalid: Invalid[] = [
  {
    code: code(NEST_RESOLVER, `@Resolver(() => User) export class UsersResolver { constructor(private prisma: PrismaClient) {}
  @ResolveField() posts(@Parent() user: User) { return this.prisma.post.findMany({ where: { authorId: user.id } }); }
  @ResolveField(() => Number, { name: 'postCount' }) async count(@Parent() { id }: User) { return await this.prisma.post.count({ where: { authorId: id } }); } }`),
    errors: [
      { messageId: 'perParent', data: { operation: 'this.prisma.post.findMany', type: '`User`', field: '`posts`', batched: READ } },
      { messageId: 'perParent', data: { operation: 'this.prisma.post.count', type: '`User`', field: '`postCount`', batched: COUNT } },
    ],
  },
  {
    // No type named anywhere: the message says "parent object".
    code: code(NEST_RESOLVER, `@Resolver() export class PostsResolver { constructor(private prisma: PrismaClient) {}
  @ResolveField('author') writer(@Parent() post: { authorId: number }) { return this.prisma.user.findFirst({ where: { id: post.authorId } }); } }`),
    errors: [{ messageId: 'perParent', data: { operation: 'this.prisma.user.findFirst', type: 'parent object', field: '`author`', batched: READ } }],
  },
  {
    // TypeGraphQL; the parent's key through a local; the parent's type from its annotation.
    code: `import { FieldResolver, Resolver, Root } from 'type-graphql';
import { DataSource } from 'typeorm';
class Recipe { id!: number; authorId!: number }
class Review { id!: number }
const dataSource = new DataSource({ type: 'postgres' });
@Resolver() export class RecipeResolver {
  @FieldResolver() async reviews(@Root() recipe: Recipe) { const recipeId = recipe.id; return dataSource.getRepository(Review).find({ where: { recipeId } }); } }`,
    errors: [{ messageId: 'perParent', data: { operation: 'dataSource.getRepository(Review).find', type: '`Recipe`', field: '`reviews`', batched: 'fetch them in one query with `In(ids)`' } }],
  },
  {
    // Resolver maps: Apollo Server, Code Generator's typed objects; a callback inside the resolver runs with it.
    code: code(PRISMA, `type Resolvers = Record<string, unknown>; type UserResolvers = Record<string, unknown>;
export const resolvers: Resolvers = { User: { posts: (user: { id: number }) => prisma.post.findMany({ where: { authorId: user.id } }) } };
export const User: UserResolvers = { async team(parent: { teamId: number }) { return cache.wrap(String(parent.teamId), () => prisma.team.findFirst({ where: { id: parent.teamId } })); } };
const server = new ApolloServer({ typeDefs, resolvers: { Query: {}, Post: { author: (post: { authorId: number }) => prisma.user.findFirst({ where: { id: post.authorId } }) } } });
declare const cache: { wrap<T>(key: string, load: () => Promise<T>): Promise<T> }; declare const ApolloServer: new (options: object) => unknown; declare const typeDefs: string;`),
    errors: [
      { messageId: 'perParent', data: { operation: 'prisma.post.findMany', type: '`User`', field: '`posts`', batched: READ } },
      { messageId: 'perParent', data: { operation: 'prisma.team.findFirst', type: '`User`', field: '`team`', batched: READ } },
      { messageId: 'perParent', data: { operation: 'prisma.user.findFirst', type: '`Post`', field: '`author`', batched: READ } },
    ],
  },
  {
    // A helper of the same file that queries; Apollo Federation's reference resolver.
    code: code(NEST_RESOLVER, `import { ResolveReference } from '@nestjs/graphql';
const prisma = new PrismaClient();
async function postsOf(authorId: number) { return prisma.post.findMany({ where: { authorId } }); }
@Resolver(() => User) export class UsersResolver {
  @ResolveField() posts(@Parent() user: User) { return postsOf(user.id); }
  @ResolveReference() resolveReference(reference: { id: number }) { return prisma.user.findFirst({ where: { id: reference.id } }); } }`),
    errors: [
      { messageId: 'perParentCall', data: { call: 'postsOf', type: '`User`', field: '`posts`', chain: 'postsOf → prisma.post.findMany (file.ts:8)', batched: READ } },
      { messageId: 'perParent', data: { operation: 'prisma.user.findFirst', type: '`User`', field: '`resolveReference`', batched: READ } },
    ],
  },
];

untypedRuleTester().run('no-n-plus-one: GraphQL field resolvers', rule, { valid: resolverValid, invalid: resolverInvalid });
typedRuleTester().run('no-n-plus-one: GraphQL field resolvers (typed)', rule, {
  valid: [
    ...resolverValid,
    // A service in another file that Prisma batches (findUnique).
    code(NEST_RESOLVER, `import { getOrderById } from './cross-file';
@Resolver(() => User) export class UsersResolver { @ResolveField() lastOrder(@Parent() user: User) { return getOrderById(user.id); } }`),
  ],
  invalid: [
    ...resolverInvalid,
    {
      // A NestJS service in another file: Amplication's `workspace.projects` resolver.
      code: code(NEST_RESOLVER, `import { OrdersService } from './cross-file';
@Resolver(() => User) export class UsersResolver { constructor(private readonly orders: OrdersService) {}
  @ResolveField() orders(@Parent() user: User) { return this.orders.forUser(user.id); } }`),
      errors: [{ messageId: 'perParentCall', data: { call: 'this.orders.forUser', type: '`User`', field: '`orders`', chain: 'forUser → forUser → this.client.order.findMany (orders.repository.ts:10)', batched: READ } }],
    },
  ],
});

// ---------------------------------------------------------------------------------------------------------
// The project's repositories: a field, parameter or variable declared with a type of the project named `…Repository`
// (Standard Notes' Inversify-bound `*RepositoryInterface`s). Their queries are in another file, or behind an interface.

const INVERSIFY = `import { inject, injectable } from 'inversify';
import { ItemRepositoryInterface } from '../Domain/Item/ItemRepositoryInterface';
import TYPES from '../Bootstrap/Types';
`;

const repositoryValid: Valid[] = [
  // The batched method, called once; a method that is not awaited (a mapper); the same call for every element.
  `${INVERSIFY}@injectable() export class SaveItems {
  constructor(@inject(TYPES.ItemRepository) private itemRepository: ItemRepositoryInterface) {}
  async execute(uuids: string[]) {
    const items = await this.itemRepository.findByUuids(uuids);
    const entities = uuids.map((uuid) => this.itemRepository.toEntity(uuid));
    for (const uuid of uuids) { const limits = await this.itemRepository.findLimits(); void [uuid, limits]; }
    return [items, entities];
  }
}`,
  // A repository type of a package, or a service (not a repository) of the project.
  `import { UserRepository } from '@vendor/sdk';
import { BillingService } from './billing.service';
export async function f(repo: UserRepository, billing: BillingService, ids: string[]) {
  for (const id of ids) { await repo.findById(id); await billing.charge(id); }
}`,
  // One call per chunk of keys.
  `import { chunk } from 'lodash';
import type { OrderRepository } from './order.repository';
export async function f(orders: OrderRepository, ids: string[]) { for (const part of chunk(ids, 500)) await orders.findByIds(part); }`,
  // Switched off.
  {
    code: `import type { OrderRepository } from './order.repository';
export async function f(orders: OrderRepository, ids: string[]) { for (const id of ids) await orders.findById(id); }`,
    options: [{ projectRepositories: false }],
  },
  // A repository asked for once, outside the loop, with the same call each time; a getRepository with no name.
  `export async function f(ctx: { db: { getRepository(name: string): any } }, ids: string[]) { const repo = ctx.db.getRepository('users'); for (const id of ids) repo.toJSON(); }`,
  `export async function f(registry: { getRepository(): any }, ids: string[]) { for (const id of ids) await registry.getRepository().findOne(id); }`,
  // A destructured property typed as something else, or not typed where it is destructured.
  `import type { Repository } from './own-repository';
export async function f({ ids, cache }: { ids: string[]; cache: Map<string, Repository> }) { for (const id of ids) await cache.get(id); }`,
  `import type { Repository } from './own-repository';
export async function f({ ids, users }: { ids: string[]; users: Repository<{ id: string }> }) { for (const id of ids) await users.save({ id }); }`,
  `import type { DocumentsRepository } from './documents.repository';
type Deps = { documentsRepository: DocumentsRepository };
export async function f({ documentsRepository }: Deps, ids: string[]) { for (const id of ids) await documentsRepository.toEntity(id); }`,
  // The element picks the repository (NocoBase's attachments by collection): a different table each time.
  `export async function f(db: { getRepository(name: string): any }, groups: Map<string, string[]>) { for (const [collectionName, ids] of groups.entries()) await db.getRepository(collectionName).find({ filter: { id: ids } }); }`,
];

const repositoryInvalid: Invalid[] = [
  {
    // A property of a dependencies object, typed where it is destructured (Papra's use cases).
    code: `import type { DocumentsRepository } from './documents.repository';
export async function emptyTrash({ documents, documentsRepository }: { documents: { id: string }[]; documentsRepository: DocumentsRepository }) {
  for (const document of documents) await documentsRepository.hardDeleteDocument({ documentId: document.id });
}`,
    errors: [{ messageId: 'perElementRepositoryCall', data: { call: 'documentsRepository.hardDeleteDocument', repository: 'DocumentsRepository', collection: 'documents' } }],
  },
  {
    // A destructured client typed by the project's own alias holds its default (Langfuse's `client = prisma`).
    code: `import { prisma, type Prisma } from './db';
type PrismaClientOrTransaction = typeof prisma | Prisma.TransactionClient;
export async function touchAll({ client = prisma, ids }: { client?: PrismaClientOrTransaction; ids: string[] }) {
  for (const id of ids) await client.dataset.update({ where: { id }, data: { updatedAt: new Date() } });
}`,
    errors: [{ messageId: 'perElement' }],
  },
  {
    // …and a library's repository typed there: TypeORM's `Repository<T>`.
    code: `import type { Repository } from 'typeorm';
export async function saveAll({ rows, users }: { rows: { id: string }[]; users: Repository<{ id: string }> } = { rows: [], users: undefined! }) {
  for (const row of rows) await users.save(row);
}`,
    errors: [{ messageId: 'perElement' }],
  },
  {
    code: `${INVERSIFY}@injectable() export class SaveItems {
  constructor(@inject(TYPES.ItemRepository) private itemRepository: ItemRepositoryInterface) {}
  async execute(uuids: string[]) {
    for (const uuid of uuids) { const item = await this.itemRepository.findByUuid(uuid); if (item) await this.itemRepository.save(item); }
  }
}`,
    errors: [
      { messageId: 'perElementRepositoryCall', data: { call: 'this.itemRepository.findByUuid', repository: 'ItemRepositoryInterface', collection: 'uuids' } },
      { messageId: 'perElementRepositoryCall', data: { call: 'this.itemRepository.save', repository: 'ItemRepositoryInterface', collection: 'uuids' } },
    ],
  },
  {
    // A parameter, concurrently; an interface of this file.
    code: `interface SessionRepository { remove(id: string): Promise<void> }
export async function revokeAll(sessions: SessionRepository, ids: string[]) { await Promise.all(ids.map((id) => sessions.remove(id))); }`,
    errors: [{ messageId: 'perElementRepositoryCall', data: { call: 'sessions.remove', repository: 'SessionRepository', collection: 'ids' } }],
  },
  {
    // A repository asked for by name (NocoBase's data layer), in place or held in a const.
    code: `export async function sync(ctx: { db: { getRepository(name: string): any } }, ids: string[]) {
  const users = ctx.db.getRepository('users');
  for (const id of ids) { const user = await users.findOne({ filterByTk: id }); await ctx.db.getRepository('roles').update({ filterByTk: id, values: { user } }); }
}`,
    errors: [
      { messageId: 'perElementRepositoryCall', data: { call: 'users.findOne', repository: 'users', collection: 'ids' } },
      { messageId: 'perElementRepositoryCall', data: { call: "ctx.db.getRepository('roles').update", repository: 'roles', collection: 'ids' } },
    ],
  },
  {
    // Vendure's connection takes the request context first: the entity class names the repository.
    code: `export async function save(connection: { getRepository(ctx: object, entity: unknown): any }, ctx: object, rows: { id: string }[], Entity: unknown) { for (const row of rows) await connection.getRepository(ctx, Entity).save(row); }`,
    errors: [{ messageId: 'perElementRepositoryCall', data: { call: 'connection.getRepository(...).save', repository: 'Entity', collection: 'rows' } }],
  },
];

untypedRuleTester().run('no-n-plus-one: project repositories', rule, {
  valid: [
    ...repositoryValid,
    // A spec sets up its rows one by one (a file name the typed fixture project does not hold).
    {
      code: `import type { OrderRepository } from './order.repository';
export async function seedOrders(orders: OrderRepository, ids: string[]) { for (const id of ids) await orders.insert(id); }`,
      filename: 'src/orders/orders.service.spec.ts',
    },
  ],
  invalid: repositoryInvalid,
});
typedRuleTester().run('no-n-plus-one: project repositories (typed)', rule, { valid: repositoryValid, invalid: repositoryInvalid });

// A monorepo whose data layer is a workspace package (Novu's `@novu/dal` in `libs/dal`), found by its manifest.
const workspaceRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-perf-workspace-'));
for (const [file, text] of Object.entries({
  'package.json': JSON.stringify({ name: 'acme', private: true, workspaces: ['apps/*', 'libs/*'] }),
  'libs/dal/package.json': JSON.stringify({ name: '@acme/dal', main: 'src/index.ts' }),
  'apps/api/package.json': JSON.stringify({ name: '@acme/api', dependencies: { '@acme/dal': 'workspace:*', '@nestjs/common': '^10' } }),
  // A list of keys a sibling package fixes (Homarr's `@homarr/server-settings`).
  'libs/settings/package.json': JSON.stringify({ name: '@acme/settings', main: 'src/index.ts' }),
  'libs/settings/src/index.ts': `export const defaultSettingsKeys = ['analytics', 'crawling', 'board'] as const;`,
})) {
  fs.mkdirSync(path.dirname(path.join(workspaceRoot, file)), { recursive: true });
  fs.writeFileSync(path.join(workspaceRoot, file), text);
}
afterAll(() => fs.rmSync(workspaceRoot, { recursive: true, force: true }));
const deleteSteps = (source: string) => ({
  code: `import { Injectable } from '@nestjs/common';
import { MessageTemplateRepository } from '${source}';
@Injectable() export class DeleteWorkflow {
  constructor(private messageTemplateRepository: MessageTemplateRepository) {}
  async execute(steps: { templateId: string }[]) { for (const step of steps) await this.messageTemplateRepository.deleteById(step.templateId); }
}`,
  filename: 'apps/api/src/delete-workflow.usecase.ts',
});
const settingsLoop = (source: string) => ({
  code: `import { PrismaClient } from '@prisma/client'; import { defaultSettingsKeys } from '${source}';
const prisma = new PrismaClient();
export async function settings() { const found = []; for (const key of defaultSettingsKeys) found.push(await prisma.setting.findUnique({ where: { key } })); return found; }`,
  filename: 'apps/api/src/settings.ts',
});
untypedRuleTesterIn(workspaceRoot).run('no-n-plus-one: repositories of a workspace package', rule, {
  // A package the workspace does not hold is a library's: the database analysis's business.
  valid: [deleteSteps('@vendor/dal'), settingsLoop('@acme/settings')],
  invalid: [
    { ...settingsLoop('@vendor/settings'), errors: [{ messageId: 'perElement' }] },
    {
      ...deleteSteps('@acme/dal'),
      errors: [{ messageId: 'perElementRepositoryCall', data: { call: 'this.messageTemplateRepository.deleteById', repository: 'MessageTemplateRepository', collection: 'steps' } }],
    },
  ],
});

// ---------------------------------------------------------------------------------------------------------
// Objection: model statics, instance relation queries, batched forms. Models declared in the file (import
// evidence), or imported from a models module of a package that depends on Objection (this project's manifest
// names it; tests/fixtures/mongoose-app's does not).

const OBJECTION = `
import { Model } from 'objection';
class Pet extends Model { static tableName = 'pets'; id!: number; species!: string }
class Person extends Model { static tableName = 'persons'; id!: number; name!: string; pets?: Pet[] }
`;
const OBJECTION_FORM = {
  read: "fetch them in one query with `findByIds(ids)` or `whereIn('id', ids)`",
  write: 'write them in one statement with `insert([...])`',
  change: "change them in one statement with `whereIn('id', ids).patch(...)`/`.delete()`",
  relation: (name: string) => `load \`${name}\` with the parent query (\`withGraphFetched('${name}')\`), or for all the rows at once with \`Model.fetchGraph(rows, '${name}')\` or \`Model.relatedQuery('${name}').for(ids)\``,
};

const objectionValid: Valid[] = [
  // Eager loading instead of a query per row, a batched lookup, a graph fetched for all rows at once.
  code(OBJECTION, DECLARATIONS, `export async function f() { const people = await Person.query().withGraphFetched('pets'); for (const p of people) render(p.pets); }`),
  code(OBJECTION, DECLARATIONS, `export async function f() { const people = await Person.query().findByIds(ids); for (const p of people) render(p.name); }`),
  code(OBJECTION, DECLARATIONS, `export async function f() { const people = await Person.query().where('name', 'a'); await Person.fetchGraph(people, 'pets'); return Person.relatedQuery('pets').for(ids); }`),
  // A loop with no query in it, and a lookup by key outside any loop.
  code(OBJECTION, DECLARATIONS, `export async function f(id: number) { const person = await Person.query().findById(id); for (const item of items) render(item.name, person); }`),
  // A class of the project's own with a static named `query`: no model.
  code(DECLARATIONS, `class Query { static query(id: number) { return { id }; } }
export async function f() { for (const id of ids) render(await Query.query(id)); }`),
];

const objectionInvalid: Invalid[] = [
  // A relation query per row (Automatisch's `flow.$relatedQuery('steps')`), on rows traced to the model or on any value.
  {
    code: code(OBJECTION, DECLARATIONS, `export async function f() { const people = await Person.query().where('name', 'a'); for (const person of people) render(await person.$relatedQuery('pets')); }`),
    errors: [perElement('people', 'person.$relatedQuery', OBJECTION_FORM.relation('pets'))],
  },
  // A lookup, an insert and a change per element.
  {
    code: code(OBJECTION, DECLARATIONS, `export async function f() { for (const id of ids) render(await Person.query().findById(id)); }`),
    errors: [perElement('ids', 'Person.query().findById', OBJECTION_FORM.read)],
  },
  {
    code: code(OBJECTION, DECLARATIONS, `export async function f() { for (const item of items) await Person.query().insert({ name: item.name }); }`),
    errors: [perElement('items', 'Person.query().insert', OBJECTION_FORM.write)],
  },
  {
    code: code(OBJECTION, DECLARATIONS, `export async function f() { const people = await Person.query().where('name', 'a'); for (const person of people) await person.$query().patch({ name: 'x' }); }`),
    errors: [perElement('people', 'person.$query().patch', OBJECTION_FORM.change)],
  },
];

untypedRuleTester().run('no-n-plus-one: Objection', rule, {
  valid: objectionValid,
  invalid: [
    ...objectionInvalid,
    // On any value: the spelling is Objection's alone (with types, the checker has the last word on `any`).
    {
      code: code(DECLARATIONS, `export async function f(flows) { return Promise.all(flows.map((flow) => flow.$relatedQuery('steps'))); }`),
      errors: [perElement('flows', 'flow.$relatedQuery', OBJECTION_FORM.relation('steps'))],
    },
    // A model imported from a models module of a package that depends on Objection (Automatisch's `@/models/flow.js`).
    {
      code: code(DECLARATIONS, `import Flow from '@/models/flow.js';
export async function f(userId: string) {
  for (const id of ids) render(await Flow.query().findById(id));
  const flows = await Flow.query().where('user_id', userId);
  for (const flow of flows) await flow.$relatedQuery('steps');
}`),
      errors: [perElement('ids', 'Flow.query().findById', OBJECTION_FORM.read), perElement('flows', 'flow.$relatedQuery', OBJECTION_FORM.relation('steps'))],
    },
  ],
});
typedRuleTester().run('no-n-plus-one: Objection (typed)', rule, { valid: objectionValid, invalid: objectionInvalid });

// The same model in a package that does not depend on Objection (tests/fixtures/mongoose-app, a server file there): no model by name alone.
untypedRuleTesterIn(path.join(__dirname, '..', 'fixtures')).run('no-n-plus-one: Objection models by name need the dependency', rule, {
  valid: [
    {
      code: code(DECLARATIONS, `import Flow from '@/models/flow.js';
export async function f() { for (const id of ids) render(await Flow.query().findById(id)); }`),
      filename: 'mongoose-app/src/controllers/flows.ts',
    },
  ],
  invalid: [],
});

// ---------------------------------------------------------------------------------------------------------
// A list from a function of another module of the project that returns only fixed lists, read from disk
// (Trigger.dev's `emailLookupCandidates`, in `app/utils/plainCustomerCards.ts`).
const candidatesRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-perf-candidates-'));
for (const [file, text] of Object.entries({
  'package.json': JSON.stringify({ name: 'webapp', private: true }),
  'app/utils/candidates.ts':
    'export function emailLookupCandidates(email: string | null | undefined): string[] { const asSent = email?.trim(); if (!asSent) return []; const lower = asSent.toLowerCase(); return asSent === lower ? [asSent] : [asSent, lower]; }\nexport function keep(ids: string[]) { return ids.filter(Boolean); }\n',
})) {
  fs.mkdirSync(path.dirname(path.join(candidatesRoot, file)), { recursive: true });
  fs.writeFileSync(path.join(candidatesRoot, file), text);
}
afterAll(() => fs.rmSync(candidatesRoot, { recursive: true, force: true }));
const lookupBy = (helper: string) => ({
  code: `${PRISMA}import { ${helper} } from '../utils/candidates';
export async function findUser(email: string) { for (const e of ${helper}(${helper === 'keep' ? '[email]' : 'email'})) { const user = await prisma.user.findFirst({ where: { email: e } }); if (user) return user; } return null; }`,
  filename: 'app/routes/customer-cards.ts',
});
untypedRuleTesterIn(candidatesRoot).run('no-n-plus-one: fixed lists from a function of another module', rule, {
  valid: [lookupBy('emailLookupCandidates')],
  invalid: [{ ...lookupBy('keep'), errors: [{ messageId: 'perElement' }] }],
});

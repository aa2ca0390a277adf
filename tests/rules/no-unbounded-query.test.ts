import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import rule from '../../rules/no-unbounded-query';
import { RuleTester } from '@typescript-eslint/rule-tester';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { makeDrizzleSchemaProject } from '../analysis/drizzle-schema-project';
import { TYPED_FIXTURE_DIR, typedRuleTester, untypedRuleTester, untypedRuleTesterIn } from '../rule-tester';

type Options = [{ uniqueFields?: string[]; boundedParents?: string[]; smallTables?: string[]; allowBatchedLookups?: boolean; scripts?: string[] }];
type Valid = ValidTestCase<Options> | string;
type Invalid = InvalidTestCase<'unbounded' | 'anyRowOnly' | 'firstOfSorted', Options>;

// Each library's client, set up the way real code does, so both runs know where it comes from.
const PRISMA = `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
`;
const TYPEORM = `
import { DataSource, In, MoreThan } from 'typeorm';
class User { id!: number; name!: string; teamId!: number }
const dataSource = new DataSource({ type: 'postgres' });
const users = dataSource.getRepository(User);
`;
const SEQUELIZE = `
import { Model, Op } from 'sequelize';
class Order extends Model { declare id: number; declare total: number; declare userId: number }
`;
const MONGOOSE = `
import mongoose from 'mongoose';
const User = mongoose.model('User', new mongoose.Schema({ name: String, teamId: String }));
`;
const MONGODB = `
import { MongoClient } from 'mongodb';
const client = new MongoClient('mongodb://localhost');
const orders = client.db('shop').collection('orders');
`;
const DRIZZLE = `
import { drizzle } from 'drizzle-orm/node-postgres';
import { and, count, eq, inArray, or, sql } from 'drizzle-orm';
import { pgTable, serial, text, integer } from 'drizzle-orm/pg-core';
const posts = pgTable('posts', { id: serial('id').primaryKey(), title: text('title'), authorId: integer('author_id'), email: text('email') });
const db = drizzle('postgres://localhost/app');
`;
const MIKRO = `
import { MikroORM } from '@mikro-orm/core';
class Author { id!: number; name!: string }
const orm = await MikroORM.init({});
const em = orm.em.fork();
`;
const PAYLOAD = `
import { getPayload } from 'payload';
import config from '@payload-config';
const payload = await getPayload({ config });
`;
const DECLARATIONS = `
declare const ids: number[];
declare const authorId: number;
declare const page: number;
declare function render(...values: unknown[]): void;
`;

// Relative to the typed fixture's folder (the tester's working directory there): an absolute path would put the
// fixture under this repository's own tests/ folder, which the request-path analysis reads as test code.
const SEED_SCRIPT = 'scripts/seed.ts';

const code = (...parts: string[]) => parts.join('\n');
const FIX = {
  prisma: '`take`, with `cursor` (the last row\'s key) for the next pages',
  typeormFind: '`take`, with a `where` past the last row\'s sort key (`MoreThan(lastId)`) for the next pages',
  typeormFindBy: '`find({ where, take })` (`findBy` takes no options), with a `where` past the last row\'s sort key (`MoreThan(lastId)`) for the next pages',
  typeormBuilder: '`.take()` (`.limit()` for raw results), with a `where` past the last row\'s sort key for the next pages, or `.stream()`',
  sequelize: '`limit`, with a `where` past the last row\'s sort key (`[Op.gt]: lastId`) for the next pages',
  mongoose: '`.limit()`, with a range on the sort key for the next pages, or stream with `.cursor()`',
  mongodb: '`.limit()`, with a range on the sort key for the next pages, or iterate the cursor instead of `toArray()`',
  drizzleSelect: '`.limit()`, with a range on the sort key (`gt(table.id, lastId)`) for the next pages',
  drizzleRelational: '`limit`, with a `where` past the last row\'s sort key for the next pages',
  mikroOrm: '`limit`, with `findByCursor` or a range on the sort key for the next pages',
  payload: 'a `limit` above 0 (with `page` for the next pages), or leave `pagination` on',
};
const unbounded = (method: string, fix: string) => ({ messageId: 'unbounded' as const, data: { method, fix } });

const valid: Valid[] = [
  // A filter const read again after the query (returned beside the rows, erxes's conversations): the query still pins the key.
  code(MONGOOSE, `export async function byIds(ids: string[]) { const selector = { _id: { $in: ids } }; const users = await User.find(selector); return { selector, users }; }`),
  // A page of ids as a subquery, joined back to its rows: the subquery's limit bounds the outer query (Papra's search).
  code(DRIZZLE, `export async function search(authorId: number, pageSize: number) {
  const page = db.select({ id: posts.id }).from(posts).where(eq(posts.authorId, authorId)).limit(pageSize).offset(0).as('page');
  return db.select({ id: posts.id, title: posts.title }).from(page).innerJoin(posts, eq(posts.id, page.id));
}`),
  // Unsorted, only the first row used: a lookup by a key expected to find one row, as `const [x] = await …` is.
  code(PRISMA, `export function byEmail(email: string) { return prisma.user.findMany({ where: { email } }).then((users) => users[0]); }`),
  // A spread that bounds in every branch, or one the code cannot read: it may carry the bound.
  code(PRISMA, `export async function list(teamId: string, compact: boolean) { return prisma.document.findMany({ where: { teamId }, ...(compact ? { take: 10 } : { take: 50 }) }); }`),
  code(PRISMA, `export async function list(teamId: string, paging?: { skip: number; take: number }) { return prisma.document.findMany({ where: { teamId }, ...(paging ?? {}) }); }`),
  code(PRISMA, `export async function list(teamId: string, usePagination: boolean, paging: object) { return prisma.document.findMany({ where: { teamId }, ...(usePagination && paging) }); }`),
  // A whole table read to fill a cache: reference data, read on a miss (Vendure's roles and zones).
  // …or by a function that answers from a map it fills itself, on a miss (Midday's exchange rates).
  code(DRIZZLE, `const rateCache = new Map<string, { rates: Record<string, number>; ts: number }>();
export async function ratesFor(target: string) { const cached = rateCache.get(target); if (cached && Date.now() - cached.ts < 60_000) { return cached.rates; } const rows = await db.select({ title: posts.title }).from(posts).where(eq(posts.email, target)); const rates = Object.fromEntries(rows.map((r) => [r.title, 1])); rateCache.set(target, { rates, ts: Date.now() }); return rates; }`),
  // …or filled in the branch that tests for a miss (Dittofeed's journey cache).
  code(DRIZZLE, `const journeyCache = new Map<string, unknown[]>();
export async function journeysOf(workspaceId: string) { let journeys = journeyCache.get(workspaceId); if (!journeys) { journeys = await db.select({ title: posts.title }).from(posts).where(eq(posts.email, workspaceId)); journeyCache.set(workspaceId, journeys); } return journeys; }`),
  code(PRISMA, `class Roles { private readonly byTeam = new Map<string, unknown[]>(); async of(teamId: string) { if (this.byTeam.has(teamId)) return this.byTeam.get(teamId); const roles = await prisma.role.findMany({ where: { teamId } }); this.byTeam.set(teamId, roles); return roles; } }\nexport const roles = new Roles();`),
  code(PRISMA, `declare const rolesCache: { get<T>(key: string, fill: () => Promise<T>): Promise<T> };
export async function roles() { return rolesCache.get('roles', () => prisma.role.findMany({ include: { permissions: true } })); }`),
  code(PRISMA, `declare function createSelfRefreshingCache<T>(options: { name: string; ttl: number; refresh: { fn: () => Promise<T> } }): Promise<unknown>;
export const zones = createSelfRefreshingCache({ name: 'zones', ttl: 60_000, refresh: { fn: () => prisma.zone.findMany({ include: { members: true } }) } });`),
  code(PRISMA, `import { LRUCache } from 'lru-cache';
export const tagsByTeam = new LRUCache<string, object[]>({ max: 100, fetchMethod: (teamId) => prisma.tag.findMany({ where: { teamId } }) });`),
  // Payload's find returns a page of ten by default; a limit, a key filter, options we cannot read bound it.
  code(PAYLOAD, `export async function recent() { return payload.find({ collection: 'posts', sort: '-createdAt' }); }`),
  code(PAYLOAD, `export async function some(limit: number) { return payload.find({ collection: 'posts', pagination: false, limit }); }`),
  code(PAYLOAD, `export async function byIds(ids: string[]) { return payload.find({ collection: 'posts', pagination: false, where: { id: { in: ids } } }); }`),
  code(PAYLOAD, `export async function one(id: string) { return payload.find({ collection: 'posts', limit: 0, where: { and: [{ id: { equals: id } }, { _status: { equals: 'published' } }] } }); }`),
  code(PAYLOAD, `export async function list(options: object) { return payload.find({ collection: 'posts', pagination: false, ...options }); }`),
  code(PAYLOAD, `export async function list(pagination: boolean) { return payload.find({ collection: 'posts', pagination }); }`),
  // Knex is out of scope: a select from a table named by a constant is Knex's, not Drizzle's `db.select().from(table)` (Unleash's stores).
  code(`import { db } from './db';
const T = { featureStrategies: 'feature_strategies' };
const TABLE = 'roles';
const COLUMNS = ['id', 'name'];
export async function roles() { const rows = await db.select(COLUMNS).from(TABLE).orderBy('name', 'asc'); return rows; }
export async function strategies() { const rows = await db.select(COLUMNS).from(T.featureStrategies); return rows; }`),
  // Prisma: a bound, a key lookup, options we cannot read, aggregates, single-row methods.
  code(PRISMA, DECLARATIONS, `export async function list() { return prisma.post.findMany({ where: { authorId }, take: 20, skip: page * 20 }); }`),
  code(PRISMA, DECLARATIONS, `export async function list(limit: number) { return prisma.post.findMany({ orderBy: { id: 'asc' }, take: limit }); }`),
  code(PRISMA, DECLARATIONS, `export async function byIds() { return prisma.user.findMany({ where: { id: { in: ids } } }); }`),
  // One row per value of a list at most: \`distinct\` on the field the list pins (Umami's shares of a page of websites).
  code(PRISMA, DECLARATIONS, `export async function shares() { return prisma.share.findMany({ where: { entityId: { in: ids } }, distinct: ['entityId'] }); }`),
  // The values of a column, one row each, as `groupBy` lists them (Postiz's platforms and popular-post categories).
  code(PRISMA, DECLARATIONS, `export async function platforms() { return prisma.share.findMany({ distinct: ['platform'], select: { platform: true } }); }`),
  code(PRISMA, DECLARATIONS, `export async function topics(category: string) { return prisma.share.findMany({ where: { category }, select: { topic: true, id: false }, distinct: 'topic' }); }`),
  // A conditional bound that is a number either way.
  code(PRISMA, DECLARATIONS, `export async function list(limit?: number) { return prisma.post.findMany({ where: { authorId: 1 }, take: limit ? Math.min(limit, 100) : 20 }); }`),
  code(PRISMA, DECLARATIONS, `export async function byIds() { return prisma.user.findMany({ where: { AND: [{ id: { in: ids } }, { name: { not: null } }] } }); }`),
  // A key pinned on both sides of a conditional filter: whichever runs is bounded (Typebot's linked bots, Sim's documents).
  code(PRISMA, DECLARATIONS, `export async function byIds(userId?: string) { return prisma.user.findMany({ where: userId ? { AND: [{ id: { in: ids } }, { name: userId }] } : { id: { in: ids } } }); }`),
  code(DRIZZLE, DECLARATIONS, `export async function byIds(expected?: number) { return db.select().from(posts).where(expected ? and(inArray(posts.id, ids), eq(posts.authorId, expected)) : inArray(posts.id, ids)); }`),
  code(PRISMA, `export async function one(id: number) { return prisma.user.findMany({ where: { id } }); }`),
  // Each branch pins the key.
  code(PRISMA, `export async function oneOf(id: number, alias?: number) { return prisma.user.findMany({ where: { id: alias ? alias : { equals: id } } }); }`),
  code(PRISMA, `export async function list(args: any) { return prisma.user.findMany(args); }`),
  code(PRISMA, `export async function list(args: object) { return prisma.user.findMany({ ...args, orderBy: { id: 'asc' } }); }`),
  code(PRISMA, `export async function one(id: number) { return prisma.user.findUnique({ where: { id } }); }`),
  code(PRISMA, `export async function first() { return prisma.user.findFirst({ orderBy: { createdAt: 'desc' } }); }`),
  code(PRISMA, `export async function stats() { await prisma.order.count(); await prisma.order.aggregate({ _sum: { total: true } }); return prisma.order.groupBy({ by: ['status'], _count: true }); }`),
  code(PRISMA, `const options = { where: { active: true }, take: 50 }; export async function list() { return prisma.user.findMany(options); }`),
  // A lookup by a column the code treats as unique: only the first row is used.
  code(PRISMA, `export async function byEmail(email: string) { const [user] = await prisma.user.findMany({ where: { email } }); return user; }`),
  // Configured unique fields.
  { code: code(PRISMA, `export async function bySlugs(slugs: string[]) { return prisma.post.findMany({ where: { slug: { in: slugs } } }); }`), options: [{ uniqueFields: ['slug'] }] },
  // A field the file looks the same model up by with findUnique is unique (Civitai's tag names, usernames).
  code(PRISMA, `export async function byNames(names: string[]) { const one = await prisma.tag.findMany({ where: { name: { in: names } } }); const other = await prisma.tag.findUnique({ where: { name: names[0] } }); return [one, other]; }`),
  // Tables the project says stay small (Civitai's products and techniques), in every library's spelling, ignoring case.
  { code: code(PRISMA, `export async function plans() { return prisma.plan.findMany({ where: { active: true } }); }`), options: [{ smallTables: ['Plan'] }] },
  { code: code(TYPEORM, `export async function everyone() { return users.find(); }`), options: [{ smallTables: ['user'] }] },
  { code: code(MONGOOSE, `export async function everyone() { return User.find({ teamId: { $exists: true } }); }`), options: [{ smallTables: ['User'] }] },
  // Patterns: a family of small models named alike (erxes's …Configs, …Integrations).
  { code: code(PRISMA, `export async function configs() { await prisma.emailConfig.findMany(); return prisma.planItem.findMany(); }`), options: [{ smallTables: ['*config', 'plan*item'] }] },
  { code: code(SEQUELIZE, `export async function all() { return Order.findAll(); }`), options: [{ smallTables: ['Order'] }] },
  { code: code(MONGODB, `export async function all() { return orders.find({}).toArray(); }`), options: [{ smallTables: ['orders'] }] },
  { code: code(DRIZZLE, `export async function all() { return db.select().from(posts); }`), options: [{ smallTables: ['posts'] }] },
  { code: code(MIKRO, `export async function all() { return em.find(Author, {}); }`), options: [{ smallTables: ['author'] }] },
  // Parents the project says have few children (Documenso's envelope fields), pinned to one parent or a list of them.
  { code: code(PRISMA, `export async function fieldsOf(envelopeId: string) { return prisma.field.findMany({ where: { envelopeId, inserted: true } }); }`), options: [{ boundedParents: ['envelopeId'] }] },
  { code: code(PRISMA, `export async function fieldsOf(envelopeIds: string[]) { return prisma.field.findMany({ where: { envelopeId: { in: envelopeIds } } }); }`), options: [{ boundedParents: ['envelopeId'] }] },
  // TypeORM's relation filter pins the parent as its foreign key column does (Traduora's `where: { project: { id } }`),
  // named by the relation or by its column; a list of parents too.
  { code: code(TYPEORM, DECLARATIONS, `export async function localesOf(projectId: string) { return users.find({ where: { project: { id: projectId } }, relations: ['locale'] }); }`), options: [{ boundedParents: ['project'] }] },
  { code: code(TYPEORM, DECLARATIONS, `export async function localesOf(projectId: string) { return users.find({ where: { project: { id: projectId } } }); }`), options: [{ boundedParents: ['projectId'] }] },
  { code: code(TYPEORM, DECLARATIONS, `export async function localesOf(projectIds: string[]) { return users.find({ where: { project: { id: In(projectIds) }, active: true } }); }`), options: [{ boundedParents: ['project'] }] },
  // …or one model's parent key (Papermark: a team has few webhooks), and one model's unique field; the model named as the code names it, in any case.
  { code: code(PRISMA, `export async function hooks(teamId: string) { return prisma.webhook.findMany({ where: { teamId } }); }`), options: [{ boundedParents: ['Webhook.teamId'] }] },
  { code: code(PRISMA, `export async function byEmails(emails: string[]) { return prisma.user.findMany({ where: { email: { in: emails } } }); }`), options: [{ uniqueFields: ['user.email'] }] },
  // Batched loads of many parents' children, when the project accepts them.
  { code: code(PRISMA, DECLARATIONS, `export async function byAuthors() { return prisma.post.findMany({ where: { authorId: { in: ids } } }); }`), options: [{ allowBatchedLookups: true }] },
  { code: code(TYPEORM, DECLARATIONS, `export async function byTeams() { return users.find({ where: { teamId: In(ids) } }); }`), options: [{ allowBatchedLookups: true }] },
  { code: code(DRIZZLE, DECLARATIONS, `export async function byAuthors() { return db.select().from(posts).where(inArray(posts.authorId, ids)); }`), options: [{ allowBatchedLookups: true }] },
  // Startup code and module scope load reference data once.
  code(PRISMA, `const flags = await prisma.flag.findMany(); export const enabled = new Set(flags.map((f) => f.name));`),
  code(PRISMA, `async function bootstrap() { const countries = await prisma.country.findMany(); render(countries); } void bootstrap();`, DECLARATIONS),
  // Scripts, seeds and tests may read whole tables.
  { code: code(PRISMA, `export async function backfill() { for (const u of await prisma.user.findMany()) render(u); }`, DECLARATIONS), filename: 'scripts/backfill.ts' },
  { code: code(PRISMA, `export async function seed() { return prisma.user.findMany(); }`), filename: 'prisma/seed.ts' },
  { code: code(PRISMA, `export async function check() { return prisma.user.findMany(); }`), filename: 'src/users.test.ts' },
  // TypeORM
  code(TYPEORM, DECLARATIONS, `export async function list() { return users.find({ where: { teamId: 1 }, take: 25, skip: page * 25 }); }`),
  code(TYPEORM, DECLARATIONS, `export async function byIds() { return users.findBy({ id: In(ids) }); }`),
  // A \`uuid\` column is a key too (Standard Notes' entities), in object filters and in query-builder SQL.
  code(TYPEORM, DECLARATIONS, `export async function byUuids() { return users.findBy({ uuid: In(ids) }); }`),
  code(TYPEORM, DECLARATIONS, `export async function byUuids(uuids: string[]) { return users.createQueryBuilder('vault').where('vault.uuid IN (:...uuids)', { uuids }).getMany(); }`),
  code(TYPEORM, DECLARATIONS, `export async function byIds() { return users.find({ where: { id: In(ids) }, relations: { } }); }`),
  code(TYPEORM, DECLARATIONS, `export async function page() { return users.findAndCount({ take: 10 }); }`),
  code(TYPEORM, DECLARATIONS, `export async function byIds() { return dataSource.manager.find(User, { where: { id: In(ids) } }); }`),
  code(TYPEORM, DECLARATIONS, `export async function list() { return users.createQueryBuilder('u').where('u.teamId = :t', { t: 1 }).orderBy('u.id').take(20).getMany(); }`),
  code(TYPEORM, DECLARATIONS, `export async function list() { const qb = users.createQueryBuilder('u').where('u.active = true'); qb.take(20); return qb.getMany(); }`),
  code(TYPEORM, DECLARATIONS, `export async function byIds() { return users.createQueryBuilder('u').where('u.id IN (:...ids)', { ids }).getMany(); }`),
  code(TYPEORM, DECLARATIONS, `export async function byIds() { return users.createQueryBuilder('u').whereInIds(ids).getMany(); }`),
  // The queried alias's key, with a join beside it; an entity manager names the alias second.
  code(TYPEORM, DECLARATIONS, `export async function byId(id: number) { return users.createQueryBuilder('u').leftJoinAndSelect('u.labels', 'label').where('u.id = :id', { id }).getMany(); }`),
  code(TYPEORM, DECLARATIONS, `declare const manager: import('typeorm').EntityManager; declare class User { id: number }\nexport async function byId(id: number) { return manager.createQueryBuilder(User, 'user').where('user.id = :id', { id }).getMany(); }`),
  code(TYPEORM, DECLARATIONS, `export async function one(messageId: string | null, fallbackId: string) { return users.find({ where: { id: messageId ?? fallbackId } }); }`),
  // A key list or key spliced into the condition text (Flowise's imports): the keys still bound the rows.
  code(TYPEORM, DECLARATIONS, `export async function byIds(items: { id: string }[]) { const list = '(' + items.map((i) => \`'\${i.id}'\`).join(',') + ')'; return users.createQueryBuilder('t').where(\`t.id IN \${list}\`).getMany(); }`),
  code(TYPEORM, DECLARATIONS, `export async function byIds(list: string) { return users.createQueryBuilder('t').where(\`t.id IN (\${list})\`).getMany(); }`),
  code(TYPEORM, DECLARATIONS, `export async function byId(id: string) { return users.createQueryBuilder('t').where(\`t.id = '\${id}'\`).getMany(); }`),
  code(TYPEORM, DECLARATIONS, `export async function totals() { return users.createQueryBuilder('u').select('u.teamId').addSelect('COUNT(*)', 'n').groupBy('u.teamId').getRawMany(); }`),
  code(TYPEORM, `import type { SelectQueryBuilder } from 'typeorm'; export async function run(qb: SelectQueryBuilder<User>) { return qb.getMany(); }`),
  code(TYPEORM, `export async function one(id: number) { return users.findOneBy({ id }); }`),
  `import { BaseEntity, Entity } from 'typeorm'; @Entity() class Tag extends BaseEntity { id!: number } export async function some() { return Tag.find({ take: 10 }); }`,
  // Sequelize
  code(SEQUELIZE, DECLARATIONS, `export async function list() { return Order.findAll({ where: { userId: 1 }, limit: 50, offset: page * 50 }); }`),
  code(SEQUELIZE, DECLARATIONS, `export async function byIds() { return Order.findAll({ where: { id: ids } }); }`),
  code(SEQUELIZE, DECLARATIONS, `export async function byIds() { return Order.findAll({ where: { id: { [Op.in]: ids } } }); }`),
  code(SEQUELIZE, `export async function totals() { return Order.findAll({ attributes: ['userId'], group: ['userId'] }); }`),
  code(SEQUELIZE, `export async function one(id: number) { return Order.findByPk(id); }`),
  // Mongoose
  code(MONGOOSE, `export async function list() { return User.find({ teamId: 'a' }).sort({ _id: -1 }).limit(20).lean(); }`),
  code(MONGOOSE, DECLARATIONS, `export async function byIds() { return User.find({ _id: { $in: ids } }).lean(); }`),
  code(MONGOOSE, `export async function list() { return User.find({}, null, { limit: 10 }); }`),
  code(MONGOOSE, `export async function exportAll() { for await (const doc of User.find()) render(doc); }`, DECLARATIONS),
  code(MONGOOSE, `export async function exportAll() { await User.find().cursor().eachAsync((doc) => render(doc)); }`, DECLARATIONS),
  // A query handed back unsent: whoever runs it may still bound it.
  code(MONGOOSE, `export function activeUsers() { return User.find({ active: true }); }`),
  code(MONGOOSE, `export async function list(n: number) { const q = User.find({ teamId: 'a' }); q.limit(n); return q.exec(); }`),
  code(MONGOOSE, `export async function total() { return User.find({ teamId: 'a' }).countDocuments(); }`),
  // MongoDB driver: iterating a cursor streams.
  code(MONGODB, `export async function list() { return orders.find({ status: 'open' }).sort({ _id: -1 }).limit(50).toArray(); }`),
  code(MONGODB, `export async function list() { return orders.find({ status: 'open' }, { limit: 50 }).toArray(); }`),
  code(MONGODB, `export async function exportAll() { for await (const doc of orders.find({})) render(doc); }`, DECLARATIONS),
  code(MONGODB, DECLARATIONS, `export async function byIds() { return orders.find({ _id: { $in: ids } }).toArray(); }`),
  // Drizzle
  code(DRIZZLE, `export async function list() { return db.select().from(posts).where(eq(posts.authorId, 1)).limit(20).offset(0); }`),
  code(DRIZZLE, `export async function one(id: number) { return db.select().from(posts).where(eq(posts.id, id)); }`),
  // The value first, then the key column.
  code(DRIZZLE, `export async function one(id: number) { return db.select().from(posts).where(eq(id, posts.id)); }`),
  code(DRIZZLE, DECLARATIONS, `export async function byIds() { return db.select().from(posts).where(and(inArray(posts.id, ids), eq(posts.authorId, authorId))); }`),
  // Conditions gathered in a const array and spread into `and(…)`: a key the literal pins stays pinned (OpenStatus).
  code(DRIZZLE, DECLARATIONS, `export async function byIds(title?: string) { const conditions = [eq(posts.authorId, authorId), inArray(posts.id, ids)]; if (title) conditions.push(eq(posts.title, title)); return db.select().from(posts).where(and(...conditions)); }`),
  code(DRIZZLE, `export async function total() { return db.select({ n: count() }).from(posts); }`),
  code(DRIZZLE, `export async function total() { return db.select({ n: sql<number>\`count(*)\` }).from(posts); }`),
  code(DRIZZLE, `export async function perAuthor() { return db.select({ authorId: posts.authorId, n: count() }).from(posts).groupBy(posts.authorId); }`),
  code(DRIZZLE, `export function base() { return db.select().from(posts).$dynamic(); }`),
  code(DRIZZLE, `export async function byEmail(email: string) { const [post] = await db.select().from(posts).where(eq(posts.email, email)); return post; }`),
  code(DRIZZLE, `export async function list() { return db.query.posts.findMany({ limit: 10 }); }`),
  // An aggregate anywhere in a select expression (outside a subquery) folds the rows into one.
  code(DRIZZLE, `export async function total(authorId: number) { return db.select({ n: sql<number>\`COALESCE(SUM(\${posts.id}), 0)\`.mapWith(Number) }).from(posts).where(eq(posts.authorId, authorId)); }`),
  code(DRIZZLE, `export async function total(net: boolean) { return db.select({ n: net ? sql<number>\`coalesce(sum(\${posts.id}), 0)\` : sql<number>\`count(*) filter (where \${posts.id} > 0)\` }).from(posts); }`),
  code(TYPEORM, `export async function total() { return users.createQueryBuilder('u').select('COALESCE(SUM(u.teamId), 0)', 'n').getRawMany(); }`),
  // Only the first row is read, through a variable.
  code(DRIZZLE, `export async function byEmail(email: string) { const rows = (await db.select().from(posts).where(eq(posts.email, email))) as { id: number }[]; return rows[0] ?? null; }`),
  code(DRIZZLE, `export async function byEmail(email: string) { const rows = await db.select().from(posts).where(eq(posts.email, email)); if (!rows[0]) return null; return rows.at(0); }`),
  // A test for none beside the first row (Karakeep's link dedup), or the first row destructured later (Dittofeed).
  code(DRIZZLE, `export async function byEmail(email: string) { const rows = await db.select().from(posts).where(eq(posts.email, email)); if (rows.length == 0) return null; return rows[0].id; }`),
  code(DRIZZLE, `export async function byEmail(email: string) { const rows = await db.select().from(posts).where(eq(posts.email, email)); if (!rows.length) return null; const [first] = rows; return first; }`),
  code(DRIZZLE, `export async function one(id: number) { return db.query.posts.findMany({ where: eq(posts.id, id) }); }`),
  code(DRIZZLE, `export async function count2() { return db.$count(posts); }`),
  // MikroORM
  code(MIKRO, `export async function list() { return em.find(Author, { name: 'x' }, { limit: 10 }); }`),
  code(MIKRO, DECLARATIONS, `export async function byIds() { return em.find(Author, { id: { $in: ids } }); }`),
  // Look-alikes that are not queries.
  `export function pick(items: { id: number }[]) { return items.find((item) => item.id === 1); }`,
  `export async function list(repo: { findMany(): Promise<unknown[]> }) { return repo.findMany(); }`,
  `import $ from 'cheerio'; export function rows() { return $('tr').find('td').toArray(); }`,
  `export function pick(map: Map<string, number>) { return [...map.values()].find((v) => v > 1); }`,
  code(TYPEORM, `export async function total() { return users.createQueryBuilder('u').select('COUNT(*)', 'n').getRawMany(); }`),
  code(PRISMA, DECLARATIONS, `export async function withPosts() { return prisma.user.findMany({ where: { id: { in: ids } }, include: { posts: true } }); }`),
  code(SEQUELIZE, `export async function one(req: { params: { id: string } }) { return Order.findAll({ where: { id: req.params.id } }); }`),
  code(MIKRO, `export async function list(where: object) { return em.find(Author, where); }`),
  // A NestJS service reading through an injected repository, bounded.
  code(`import { Injectable } from '@nestjs/common'; import { InjectRepository } from '@nestjs/typeorm'; import { Repository } from 'typeorm';
class Order { id!: number; userId!: number }
@Injectable() export class OrdersService {
  constructor(@InjectRepository(Order) private readonly orders: Repository<Order>) {}
  recent(userId: number) { return this.orders.find({ where: { userId }, order: { id: 'DESC' }, take: 20 }); }
}`),
  // Knex, Kysely and raw SQL are out of scope.
  `import knex from 'knex'; const k = knex({ client: 'pg' }); export async function list() { return k('users').select('id'); }`,
  // A bound that may be missing, with a fallback, asserted present, or on a query a key bounds anyway; a plain optional `take` is trusted.
  code(PRISMA, `export async function list(authorId: number, options?: { limit?: number }) { return prisma.post.findMany({ where: { authorId }, take: options?.limit ?? 20 }); }`),
  code(PRISMA, `export async function list(authorId: number, options?: { limit?: number }) { return prisma.post.findMany({ where: { authorId }, take: options?.limit || 20 }); }`),
  code(PRISMA, `export async function list(authorId: number, options?: { limit?: number }) { return prisma.post.findMany({ where: { authorId }, take: options?.limit! }); }`),
  // A defensive `?.` off a parameter that is always there (Hoppscotch's `args: OffsetPaginationArgs`, whose `take` defaults to 10).
  code(PRISMA, `class OffsetPaginationArgs { take = 10; skip = 0 }\nexport async function list(args: OffsetPaginationArgs) { return prisma.post.findMany({ where: { authorId: 1 }, take: args?.take }); }`),
  code(PRISMA, `export async function list(args: { take: number } = { take: 10 }) { return prisma.post.findMany({ where: { authorId: 1 }, take: args?.take }); }`),
  code(PRISMA, `export async function list(authorId: number, limit?: number) { return prisma.post.findMany({ where: { authorId }, take: limit }); }`),
  code(PRISMA, DECLARATIONS, `export async function byIds(options?: { limit?: number }) { return prisma.post.findMany({ where: { id: { in: ids } }, take: options?.limit }); }`),
  // A spread may replace the bound that may be missing.
  code(PRISMA, `export async function list(authorId: number, args: object, options?: { limit?: number }) { return prisma.post.findMany({ where: { authorId }, take: options?.limit, ...args }); }`),
  code(MONGODB, `export async function open(extra: object, options?: { limit?: number }) { return orders.find({ status: 'open' }, { limit: options?.limit, ...extra }).toArray(); }`),
];

// Rows only counted, or read whole and only tested for any: no-in-memory-filtering reports them at the `.length`.
valid.push(
  code(PRISMA, `export async function total(authorId: number) { const rows = await prisma.post.findMany({ where: { authorId } }); return rows.length; }`),
  code(PRISMA, `export async function lastOne() { const all = await prisma.stockLocation.findMany(); if (all.length > 0) return 'some'; return 'none'; }`),
  code(DRIZZLE, `export async function count(authorId: number) { return (await db.select().from(posts).where(eq(posts.authorId, authorId))).length; }`),
);

const invalid: Invalid[] = [
  // …but a read before the query, or in a loop around both, may change it: the filter is not known.
  {
    code: code(MONGOOSE, `export async function widen(ids: string[], teams: string[]) { const selector: Record<string, unknown> = { _id: { $in: ids } }; const found = []; for (const teamId of teams) { found.push(...(await User.find(selector).lean())); delete selector._id; selector.teamId = teamId; } return found; }`),
    errors: [unbounded('find', FIX.mongoose)],
  },
  // …a subquery without a limit (or a limit outside the subquery's own chain) bounds nothing.
  {
    code: code(DRIZZLE, `export async function search(authorId: number) {
  const mine = db.select({ id: posts.id }).from(posts).where(eq(posts.authorId, authorId)).as('mine');
  return db.select({ id: posts.id, title: posts.title }).from(mine).innerJoin(posts, eq(posts.id, mine.id));
}`),
    errors: [unbounded('select', FIX.drizzleSelect)],
  },
  // \`distinct\` on a field the filter leaves free, or on one of two: as many rows as the table holds.
  {
    code: code(PRISMA, DECLARATIONS, `export async function shares(entityId: string) { return [await prisma.share.findMany({ where: { entityId }, distinct: ['userId'] }), await prisma.share.findMany({ where: { entityId: { in: ids } }, distinct: ['entityId', 'userId'] })]; }`),
    errors: [unbounded('findMany', FIX.prisma), unbounded('findMany', FIX.prisma)],
  },
  // \`distinct\` with more than its fields selected, or a relation's rows nested in the select: rows again.
  {
    code: code(PRISMA, DECLARATIONS, `export async function shares() { return [await prisma.share.findMany({ distinct: ['platform'], select: { platform: true, userId: true } }), await prisma.share.findMany({ distinct: ['platform'], select: { platform: true, posts: { select: { id: true } } } })]; }`),
    errors: [unbounded('findMany', FIX.prisma), unbounded('findMany', FIX.prisma)],
  },
  // A map looked up but not returned from, or one made per call: every call reads the rows.
  {
    code: code(DRIZZLE, `const rateCache = new Map<string, unknown>();
export async function ratesFor(target: string) { const cached = rateCache.get(target); console.log(cached); const rows = await db.select({ title: posts.title }).from(posts).where(eq(posts.email, target)); rateCache.set(target, rows); return rows; }
export async function ratesOf(target: string) { const local = new Map<string, unknown>(); const cached = local.get(target); if (cached) return cached; const rows = await db.select({ title: posts.title }).from(posts).where(eq(posts.email, target)); local.set(target, rows); return rows; }`),
    errors: [unbounded('select', FIX.drizzleSelect), unbounded('select', FIX.drizzleSelect)],
  },
  // A miss branch that never fills the map, or one on a map made per call.
  {
    code: code(DRIZZLE, `const journeyCache = new Map<string, unknown[]>();
export async function journeysOf(workspaceId: string) { let journeys = journeyCache.get(workspaceId); if (!journeys) { journeys = await db.select({ title: posts.title }).from(posts).where(eq(posts.email, workspaceId)); } return journeys; }
export async function journeysIn(workspaceId: string) { const local = new Map<string, unknown[]>(); let journeys = local.get(workspaceId); if (journeys === undefined) { journeys = await db.select({ title: posts.title }).from(posts).where(eq(posts.email, workspaceId)); local.set(workspaceId, journeys); } return journeys; }`),
    errors: [unbounded('select', FIX.drizzleSelect), unbounded('select', FIX.drizzleSelect)],
  },
  // The distinct values of a column of identifiers: as many as the rows they point to (Langfuse's commented objects).
  {
    code: code(PRISMA, DECLARATIONS, `export async function commented(where: { projectId: string }) { const rows = await prisma.share.findMany({ where, select: { objectId: true }, distinct: ['objectId'] }); return rows.map((r) => r.objectId); }`),
    errors: [unbounded('findMany', FIX.prisma)],
  },
  // Rows loaded only to learn whether there is any, by a filter no key bounds (Dub's workspaces a user owns): the advice
  // is one row. Rows only counted are no-in-memory-filtering's to report (at the `.length`); any other read keeps the pages advice.
  {
    code: code(PRISMA, `export async function usage(assetId: string) {
  const products = await prisma.product.findMany({ where: { assetId } });
  if ((await prisma.variant.findMany({ where: { assetId } })).length > 0) return true;
  const owned = await prisma.projectUsers.findMany({ where: { userId: assetId, role: 'owner' } });
  if (owned.length > 0 || !owned.length) return false;
  const collections = await prisma.collection.findMany({ where: { assetId } });
  return products.length + collections.length + collections.map((c) => c.id).length;
}`),
    errors: [
      { messageId: 'anyRowOnly', data: { method: 'findMany' } },
      { messageId: 'anyRowOnly', data: { method: 'findMany' } },
      unbounded('findMany', FIX.prisma),
    ],
  },
  // Destructured from `Promise.all`: the members only counted (no-in-memory-filtering's), the invites also listed (OpenStatus's seat check).
  {
    code: code(PRISMA, `export async function seats(workspaceId: string) {
  const [members, invites] = await Promise.all([prisma.member.findMany({ where: { workspaceId } }), prisma.invite.findMany({ where: { workspaceId } })]);
  return { used: members.length + invites.length, invites };
}`),
    errors: [unbounded('findMany', FIX.prisma)],
  },
  {
    code: code(PRISMA, `export async function taken(workspaceId: string) {
  const [members] = await Promise.all([prisma.member.findMany({ where: { workspaceId } })]);
  return members.length === 0 ? 'free' : 'taken';
}`),
    errors: [{ messageId: 'anyRowOnly', data: { method: 'findMany' } }],
  },
  // Not a cache: a `get` on another receiver, the key argument itself, a cache's method that takes no fill function.
  {
    code: code(PRISMA, `declare const store: { get<T>(key: string, fill: () => Promise<T>): Promise<T> }; declare const cache: { set(key: string, value: unknown): void; get<T>(fill: () => Promise<T>): Promise<T> };
export async function all() { const a = await store.get('roles', () => prisma.role.findMany()); const b = await cache.get(() => prisma.zone.findMany()); cache.set('x', await prisma.tag.findMany()); return [a, b]; }`),
    errors: [unbounded('findMany', FIX.prisma), unbounded('findMany', FIX.prisma), unbounded('findMany', FIX.prisma)],
  },
  // A key configured for one model does not bound another's.
  { code: code(PRISMA, `export async function docs(teamId: string) { return prisma.document.findMany({ where: { teamId } }); }`), options: [{ boundedParents: ['webhook.teamId'] }], errors: [unbounded('findMany', FIX.prisma)] },
  { code: code(PRISMA, `export async function byEmails(emails: string[]) { return prisma.invite.findMany({ where: { email: { in: emails } } }); }`), options: [{ uniqueFields: ['user.email'] }], errors: [unbounded('findMany', FIX.prisma)] },
  // Payload: no pagination and no limit, or a limit of 0, return every document.
  { code: code(PAYLOAD, `export async function all() { return payload.find({ collection: 'posts', pagination: false }); }`), errors: [unbounded('find', FIX.payload)] },
  { code: code(PAYLOAD, `export async function all(authorId: string) { return payload.find({ collection: 'posts', limit: 0, where: { author: { equals: authorId } } }); }`), errors: [unbounded('find', FIX.payload)] },
  { code: code(PAYLOAD, `export const handler = async (req: Request) => { const { docs } = await payload.find({ collection: 'media', depth: 0, pagination: false, where: { or: [{ id: { equals: 1 } }, { alt: { exists: true } }] } }); return Response.json(docs); };`), errors: [unbounded('find', FIX.payload)] },
  // A relation filter pins its parent only by the related row's key: another field (or none) leaves every project's rows.
  { code: code(TYPEORM, DECLARATIONS, `export async function localesOf(name: string) { return users.find({ where: { project: { name } } }); }`), options: [{ boundedParents: ['project'] }], errors: [unbounded('find', FIX.typeormFind)] },
  { code: code(TYPEORM, DECLARATIONS, `export async function localesOf() { return users.find({ where: { project: { id: MoreThan(10) } } }); }`), options: [{ boundedParents: ['project'] }], errors: [unbounded('find', FIX.typeormFind)] },
  { code: code(TYPEORM, DECLARATIONS, `export async function localesOf(projectId: string) { return users.find({ where: { project: { id: projectId } } }); }`), errors: [unbounded('find', FIX.typeormFind)] },
  // Another parent than the ones named still has any number of children.
  {
    code: code(PRISMA, `export async function postsOf(authorId: string) { return prisma.post.findMany({ where: { authorId } }); }`),
    options: [{ boundedParents: ['envelopeId'] }],
    errors: [{ messageId: 'unbounded' }],
  },
  // Only the tables named, spelled as the code names them: `plans` is not Prisma's `plan`, nor `planItem`.
  {
    code: code(PRISMA, `export async function items() { await prisma.plan.findMany(); return prisma.planItem.findMany(); }`),
    options: [{ smallTables: ['plans'] }],
    errors: [unbounded('findMany', FIX.prisma), unbounded('findMany', FIX.prisma)],
  },
  { code: code(DRIZZLE, `export async function all() { return db.select().from(posts); }`), options: [{ smallTables: ['post'] }], errors: [unbounded('select', FIX.drizzleSelect)] },
  // A pattern matches the whole name: `*config` is not `configRevision`, nor is `plan*item` `planItems`.
  {
    code: code(PRISMA, `export async function history() { await prisma.configRevision.findMany(); await prisma.planItems.findMany(); return prisma.planItem.findMany(); }`),
    options: [{ smallTables: ['*config', 'plan*item'] }],
    errors: [unbounded('findMany', FIX.prisma), unbounded('findMany', FIX.prisma)],
  },
  // Spread into `or(…)`, or a literal that pins no key: each disjunct could match any row.
  { code: code(DRIZZLE, DECLARATIONS, `export async function either() { const conditions = [inArray(posts.id, ids)]; return db.select().from(posts).where(or(...conditions, eq(posts.authorId, authorId))); }`), errors: [unbounded('select', FIX.drizzleSelect)] },
  // …pinned on one side only.
  { code: code(PRISMA, DECLARATIONS, `export async function byIds(all: boolean) { return prisma.user.findMany({ where: all ? {} : { id: { in: ids } } }); }`), errors: [unbounded('findMany', FIX.prisma)] },
  { code: code(DRIZZLE, DECLARATIONS, `export async function byIds(all: boolean) { return db.select().from(posts).where(all ? eq(posts.authorId, authorId) : inArray(posts.id, ids)); }`), errors: [unbounded('select', FIX.drizzleSelect)] },
  { code: code(DRIZZLE, DECLARATIONS, `export async function mine() { const conditions = [eq(posts.authorId, authorId)]; return db.select().from(posts).where(and(...conditions)); }`), errors: [unbounded('select', FIX.drizzleSelect)] },
  // Prisma
  { code: code(PRISMA, `export async function list() { return prisma.user.findMany(); }`), errors: [unbounded('findMany', FIX.prisma)] },
  // …only for that model, and not a part of a compound key.
  { code: code(PRISMA, `export async function byNames(names: string[]) { await prisma.tag.findUnique({ where: { name: names[0] } }); return prisma.user.findMany({ where: { name: { in: names } } }); }`), errors: [unbounded('findMany', FIX.prisma)] },
  { code: code(PRISMA, `export async function byUser(userId: number) { await prisma.follow.findUnique({ where: { userId_targetId: { userId, targetId: 1 } } }); return prisma.follow.findMany({ where: { userId } }); }`), errors: [unbounded('findMany', FIX.prisma)] },
  // One author's posts: relation-scoped lists grow without bound too.
  { code: code(PRISMA, DECLARATIONS, `export async function byAuthor() { return prisma.post.findMany({ where: { authorId } }); }`), errors: [unbounded('findMany', FIX.prisma)] },
  { code: code(PRISMA, DECLARATIONS, `export async function byAuthors() { return prisma.post.findMany({ where: { authorId: { in: ids } }, orderBy: { id: 'desc' } }); }`), errors: [unbounded('findMany', FIX.prisma)] },
  // The option only covers lists: one parent's children are still unbounded.
  { code: code(PRISMA, DECLARATIONS, `export async function byAuthor() { return prisma.post.findMany({ where: { authorId } }); }`), options: [{ allowBatchedLookups: true }], errors: [unbounded('findMany', FIX.prisma)] },
  { code: code(PRISMA, `export async function latest() { const [post] = await prisma.post.findMany({ orderBy: { id: 'desc' } }); return post; }`), errors: [unbounded('findMany', FIX.prisma)] },
  { code: code(PRISMA, `import express from 'express'; const app = express(); app.get('/users', async (req, res) => { res.json(await prisma.user.findMany({ where: { id: { not: 1 } } })); });`), errors: [unbounded('findMany', FIX.prisma)] },
  { code: code(PRISMA, `const everyone = { where: { name: { not: null } } }; export async function list() { return prisma.user.findMany(everyone); }`), errors: [unbounded('findMany', FIX.prisma)] },
  // A key pinned in one branch only: `undefined` drops the filter (Inbox Zero's rule notifications).
  { code: code(PRISMA, `export async function others(excluded?: string) { return prisma.user.findMany({ where: { id: excluded ? { not: excluded } : undefined } }); }`), errors: [unbounded('findMany', FIX.prisma)] },
  // A data source reached through a parameter typed by an alias of an object type (Flowise's agent graphs), as through an interface.
  { code: code(TYPEORM, `type GraphParams = { workspaceId: number; appDataSource: DataSource };
export const compile = async (params: GraphParams) => { const { workspaceId, appDataSource } = params; return appDataSource.getRepository(User).findBy({ teamId: workspaceId }); };`), errors: [unbounded('findBy', FIX.typeormFindBy)] },
  // A key that may be absent pins nothing when it is (Flowise's chat messages): the filter is dropped.
  { code: code(TYPEORM, DECLARATIONS, `export async function messages(chatflowid: string, messageId?: string) { return users.find({ where: { teamId: chatflowid, id: messageId ?? undefined } }); }`), errors: [unbounded('find', FIX.typeormFind)] },
  { code: code(PRISMA, `export async function messages(messageId?: string) { return prisma.user.findMany({ where: { id: messageId || undefined } }); }`), errors: [unbounded('findMany', FIX.prisma)] },
  // TypeORM
  { code: code(TYPEORM, `export async function list() { return users.find(); }`), errors: [unbounded('find', FIX.typeormFind)] },
  { code: code(TYPEORM, `export async function team(teamId: number) { return users.findBy({ teamId }); }`), errors: [unbounded('findBy', FIX.typeormFindBy)] },
  // A foreign key that names a uuid is no key of its own rows.
  { code: code(TYPEORM, `export async function ofUsers(uuids: string[]) { return users.findBy({ userUuid: In(uuids) }); }`), errors: [unbounded('findBy', FIX.typeormFindBy)] },
  { code: code(TYPEORM, `export async function recent() { return users.find({ where: { id: MoreThan(100) }, order: { id: 'DESC' } }); }`), errors: [unbounded('find', FIX.typeormFind)] },
  { code: code(TYPEORM, `export async function list() { return dataSource.manager.find(User, { where: { teamId: 1 } }); }`), errors: [unbounded('find', FIX.typeormFind)] },
  { code: `import { BaseEntity, Entity } from 'typeorm'; @Entity() class Tag extends BaseEntity { id!: number } export async function all() { return Tag.find({ order: { id: 'ASC' } }); }`, errors: [unbounded('find', FIX.typeormFind)] },
  // A joined alias's key picks the joined row: every queried row that has it comes back (Traduora's terms of a label).
  { code: code(TYPEORM, `export async function withLabel(labelId: number) { return users.createQueryBuilder('term').leftJoinAndSelect('term.labels', 'label').where('term.projectId = :p', { p: 1 }).andWhere('label.id = :labelId', { labelId }).getMany(); }`), errors: [unbounded('getMany', FIX.typeormBuilder)] },
  { code: code(TYPEORM, `export async function list() { return users.createQueryBuilder('u').leftJoinAndSelect('u.team', 't').where('t.active = true').getMany(); }`), errors: [unbounded('getMany', FIX.typeormBuilder)] },
  { code: code(TYPEORM, `export async function list() { const qb = users.createQueryBuilder('u'); qb.where('u.active = true'); return qb.getManyAndCount(); }`), errors: [unbounded('getManyAndCount', FIX.typeormBuilder)] },
  // A spliced value that is not a key, or more than one condition around it.
  { code: code(TYPEORM, `export async function list(team: string) { return users.createQueryBuilder('t').where(\`t.teamId = '\${team}'\`).getMany(); }`), errors: [unbounded('getMany', FIX.typeormBuilder)] },
  { code: code(TYPEORM, `export async function list(list: string) { return users.createQueryBuilder('t').where(\`t.id IN \${list} OR t.active = true\`).getMany(); }`), errors: [unbounded('getMany', FIX.typeormBuilder)] },
  { code: code(TYPEORM, `export async function list(id: string) { return users.createQueryBuilder('t').where(\`t.id = \${id} OR 1 = 1\`).getMany(); }`), errors: [unbounded('getMany', FIX.typeormBuilder)] },
  // A window call keeps every row; an aggregate in a scalar subquery belongs to the subquery.
  { code: code(DRIZZLE, `export async function ranked() { return db.select({ id: posts.id, n: sql<number>\`count(*) over (partition by \${posts.authorId})\` }).from(posts).where(eq(posts.authorId, 1)).execute(); }`), errors: [unbounded('select', FIX.drizzleSelect)] },
  { code: code(DRIZZLE, `export async function withCounts() { return db.select({ id: posts.id, n: sql<number>\`(select count(*) from comments c where c.post_id = \${posts.id})\` }).from(posts).execute(); }`), errors: [unbounded('select', FIX.drizzleSelect)] },
  // The rows are used beyond the first one.
  { code: code(DRIZZLE, `export async function byEmail(email: string) { const rows = await db.select().from(posts).where(eq(posts.email, email)).execute(); return rows[0] ? rows : []; }`), errors: [unbounded('select', FIX.drizzleSelect)] },
  // Rows counted (not only tested for none), or only tested for none: no first-row read.
  { code: code(DRIZZLE, `export async function byEmail(email: string) { const rows = await db.select().from(posts).where(eq(posts.email, email)); if (rows.length > 1) throw new Error('many'); return rows[0]; }`), errors: [unbounded('select', FIX.drizzleSelect)] },
  { code: code(DRIZZLE, `export async function byEmail(email: string) { const rows = await db.select().from(posts).where(eq(posts.email, email)); return rows.length > 0; }`), errors: [{ messageId: 'anyRowOnly', data: { method: 'select' } }] },
  // Sequelize
  { code: code(SEQUELIZE, `export async function list() { return Order.findAll(); }`), errors: [unbounded('findAll', FIX.sequelize)] },
  { code: code(SEQUELIZE, `export async function mine(userId: number) { return Order.findAndCountAll({ where: { userId }, order: [['id', 'DESC']] }); }`), errors: [unbounded('findAndCountAll', FIX.sequelize)] },
  // Mongoose
  { code: code(MONGOOSE, `export async function list() { return User.find({ teamId: 'a' }).sort({ name: 1 }).lean(); }`), errors: [unbounded('find', FIX.mongoose)] },
  { code: code(MONGOOSE, `export async function list() { const docs = await User.find(); return docs; }`), errors: [unbounded('find', FIX.mongoose)] },
  // A query in a branch of a choice runs where the choice does (erxes's call reports in Promise.all).
  {
    code: code(MONGOOSE, `export async function report(teamId: string, wantsAll: boolean) { const [team, all] = await Promise.all([User.find({ teamId }).lean(), wantsAll ? User.find({ name: { $exists: true } }).lean() : []]); return [team, all]; }`),
    errors: [unbounded('find', FIX.mongoose), unbounded('find', FIX.mongoose)],
  },
  { code: code(MONGOOSE, `export function list() { return User.find({ teamId: 'a' }).exec(); }`), errors: [unbounded('find', FIX.mongoose)] },
  // Sorted, then only the first row used: the top of many (Zero's newest note of a user), not a row by a unique key.
  { code: code(DRIZZLE, `export async function newest(userId: string) { const rows = await db.select().from(posts).where(eq(posts.authorId, userId)).orderBy(desc(posts.createdAt)); return rows[0]; }`), errors: [{ messageId: 'firstOfSorted', data: { method: 'select' } }] },
  { code: code(PRISMA, `export async function newest(authorId: string) { const [post] = await prisma.post.findMany({ where: { authorId }, orderBy: { createdAt: 'desc' } }); return post; }`), errors: [{ messageId: 'firstOfSorted', data: { method: 'findMany' } }] },
  // …also taken in a `then` (Vendure's nearest stock location); other uses of the rows there are pages.
  { code: code(PRISMA, `export function newest(authorId: string) { return prisma.post.findMany({ where: { authorId }, orderBy: { createdAt: 'desc' } }).then((posts) => posts[0]); }`), errors: [{ messageId: 'firstOfSorted', data: { method: 'findMany' } }] },
  { code: code(TYPEORM, `export function first(teamId: number) { return users.find({ where: { teamId }, order: { id: 'ASC' } }).then(([user]) => user); }`), errors: [{ messageId: 'firstOfSorted', data: { method: 'find' } }] },
  { code: code(PRISMA, `export function names(authorId: string) { return prisma.post.findMany({ where: { authorId }, orderBy: { createdAt: 'desc' } }).then((posts) => posts.map((p) => p.title)); }`), errors: [unbounded('findMany', FIX.prisma)] },
  // MongoDB reads a limit of 0 as none (erxes: `.limit(perPage || 0)`).
  { code: code(MONGOOSE, `export async function list() { return User.find({ teamId: 'a' }).limit(0).lean(); }`), errors: [unbounded('find', FIX.mongoose)] },
  { code: code(MONGOOSE, `export async function list(args: { perPage?: number }) { return User.find({ teamId: 'a' }).limit(args.perPage || 0).lean(); }`), errors: [unbounded('find', FIX.mongoose)] },
  { code: code(MONGOOSE, `export async function list() { return User.find({ teamId: 'a' }, null, { limit: 0 }); }`), errors: [unbounded('find', FIX.mongoose)] },
  { code: code(MONGODB, `export async function list() { return orders.find({ status: 'open' }).limit(0).toArray(); }`), errors: [unbounded('find', FIX.mongodb)] },
  // MongoDB driver
  { code: code(MONGODB, `export async function open() { return orders.find({ status: 'open' }).sort({ _id: -1 }).toArray(); }`), errors: [unbounded('find', FIX.mongodb)] },
  // Drizzle
  { code: code(DRIZZLE, `export async function list() { return db.select().from(posts); }`), errors: [unbounded('select', FIX.drizzleSelect)] },
  // The value reads a property named \`id\`, but the column compared is a foreign key: all of one user's rows (Karakeep's stats).
  { code: code(DRIZZLE, `export async function mine(ctx: { user: { id: number } }) { return db.select().from(posts).where(eq(posts.authorId, ctx.user.id)); }`), errors: [unbounded('select', FIX.drizzleSelect)] },
  { code: code(DRIZZLE, `export async function byAuthor() { const rows = await db.select({ id: posts.id, title: posts.title }).from(posts).where(eq(posts.authorId, 1)).orderBy(posts.id); return rows; }`), errors: [unbounded('select', FIX.drizzleSelect)] },
  { code: code(DRIZZLE, `export async function list() { return db.query.posts.findMany({ with: { } }); }`), errors: [unbounded('findMany', FIX.drizzleRelational)] },
  // NestJS services with injected repositories and models.
  {
    code: code(`import { Injectable } from '@nestjs/common'; import { InjectRepository } from '@nestjs/typeorm'; import { Repository } from 'typeorm';
class Order { id!: number; userId!: number }
@Injectable() export class OrdersService {
  constructor(@InjectRepository(Order) private readonly orders: Repository<Order>) {}
  forUser(userId: number) { return this.orders.find({ where: { userId } }); }
}`),
    errors: [unbounded('find', FIX.typeormFind)],
  },
  {
    code: code(`import { Injectable } from '@nestjs/common'; import { InjectModel } from '@nestjs/mongoose'; import { Model } from 'mongoose';
class Cat { name!: string }
@Injectable() export class CatsService {
  constructor(@InjectModel(Cat.name) private readonly cats: Model<Cat>) {}
  findAll() { return this.cats.find().exec(); }
}`),
    errors: [unbounded('find', FIX.mongoose)],
  },
  // Sent together in a transaction, each still unbounded.
  { code: code(PRISMA, `export async function both() { return prisma.$transaction([prisma.user.findMany(), prisma.post.findMany({ take: 5 })]); }`), errors: [unbounded('findMany', FIX.prisma)] },
  // A bound that may be missing (AFFiNE's chat histories, Langfuse's optional pagination): every library drops an undefined one.
  { code: code(PRISMA, `export async function list(authorId: number, options?: { limit?: number }) { return prisma.post.findMany({ where: { authorId }, take: options?.limit }); }`), errors: [unbounded('findMany', FIX.prisma)] },
  { code: code(PRISMA, `export async function list(options?: { limit?: number }) { return prisma.post.findMany({ orderBy: { id: 'desc' }, take: options?.limit }); }`), errors: [unbounded('findMany', FIX.prisma)] },
  { code: code(PRISMA, `export async function list(input: { limit?: number | null }) { return prisma.post.findMany({ where: { authorId: 1 }, take: input.limit ?? undefined }); }`), errors: [unbounded('findMany', FIX.prisma)] },
  // …or left out by one branch of a conditional (Formbricks's responses API, a "show all" switch).
  { code: code(PRISMA, `export async function list(limit?: number) { return prisma.post.findMany({ where: { authorId: 1 }, take: limit ? limit : undefined }); }`), errors: [unbounded('findMany', FIX.prisma)] },
  { code: code(PRISMA, `export async function list(showAll: boolean) { return prisma.post.findMany({ where: { authorId: 1 }, take: showAll ? undefined : 12 }); }`), errors: [unbounded('findMany', FIX.prisma)] },
  // …or spread in by one branch only (Papermark's documents: pages only when searching or sorting).
  { code: code(PRISMA, `export async function list(teamId: string, usePagination: boolean, skip: number, take: number) { return prisma.document.findMany({ where: { teamId }, ...(usePagination && { skip, take }) }); }`), errors: [unbounded('findMany', FIX.prisma)] },
  { code: code(PRISMA, `export async function list(teamId: string, page?: number) { return prisma.tag.findMany({ where: { teamId }, ...(page ? { skip: page * 10, take: 10 } : {}) }); }`), errors: [unbounded('findMany', FIX.prisma)] },
  { code: code(TYPEORM, `export async function list(teamId: number, options?: { take?: number }) { return users.find({ where: { teamId }, take: options?.take }); }`), errors: [unbounded('find', FIX.typeormFind)] },
  { code: code(SEQUELIZE, `export async function mine(userId: number, query?: { limit?: number }) { return Order.findAll({ where: { userId }, limit: query?.limit }); }`), errors: [unbounded('findAll', FIX.sequelize)] },
  { code: code(MONGOOSE, `export async function list(options?: { limit?: number }) { return User.find({ teamId: 'a' }, null, { limit: options?.limit }); }`), errors: [unbounded('find', FIX.mongoose)] },
  { code: code(MONGODB, `export async function open(options?: { limit?: number }) { return orders.find({ status: 'open' }, { limit: options?.limit }).toArray(); }`), errors: [unbounded('find', FIX.mongodb)] },
  // …also off a parameter that may be missing: declared `| undefined` or `any`, defaulting to `undefined`, or unannotated.
  { code: code(PRISMA, `export async function list(args: { take?: number } | undefined) { return prisma.post.findMany({ where: { authorId: 1 }, take: args?.take }); }`), errors: [unbounded('findMany', FIX.prisma)] },
  { code: code(PRISMA, `export async function list(args: any) { return prisma.post.findMany({ where: { authorId: 1 }, take: args?.take }); }`), errors: [unbounded('findMany', FIX.prisma)] },
  { code: code(PRISMA, `export async function list(args: { take?: number } = undefined) { return prisma.post.findMany({ where: { authorId: 1 }, take: args?.take }); }`), errors: [unbounded('findMany', FIX.prisma)] },
  { code: code(PRISMA, `export async function list(args) { return prisma.post.findMany({ where: { authorId: 1 }, take: args?.take }); }`), errors: [unbounded('findMany', FIX.prisma)] },
  // MikroORM
  { code: code(MIKRO, `export async function list() { return em.find(Author, { name: { $like: 'a%' } }); }`), errors: [unbounded('find', FIX.mikroOrm)] },
  { code: code(MIKRO, `export async function list() { return em.findAll(Author); }`), errors: [unbounded('findAll', FIX.mikroOrm)] },
];

/** Without types, models known by name: the typed project holds no module for them (with one, the checker tells). */
const invalidByName: Invalid[] = [
  // A model imported from the project's models (Maxun's routes).
  { code: `import Robot from './models/Robot';\nexport async function robotsOf(userId: number) { return Robot.findAll({ where: { userId } }); }`, errors: [unbounded('findAll', FIX.sequelize)] },
];

/** An optional chain on a value that is never missing: only types can tell (valid with them, below). */
const BOUND_NEVER_MISSING = code(PRISMA, `export async function list(input: { page: { limit: number } }) { return prisma.post.findMany({ where: { authorId: 1 }, take: input?.page.limit }); }`);
const invalidWithoutTypes: Invalid[] = [{ code: BOUND_NEVER_MISSING, errors: [unbounded('findMany', FIX.prisma)] }];

untypedRuleTester().run('no-unbounded-query', rule, { valid, invalid: [...invalid, ...invalidByName, ...invalidWithoutTypes] });

/**
 * Keys the project's Prisma schema declares (Civitai's tag names, its compound keys), in a throw-away monorepo whose
 * schema sits in its own package, as monorepos keep it: the tester's working directory is the monorepo's root.
 */
const schemaProject = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-perf-unbounded-'));
fs.mkdirSync(path.join(schemaProject, 'packages/db/prisma'), { recursive: true });
fs.writeFileSync(
  path.join(schemaProject, 'packages/db/prisma/schema.prisma'),
  'model Tag {\n  id Int @id\n  name String @unique\n  slug String\n}\nmodel TagsOnPosts {\n  postId Int\n  tagId Int\n  @@id([postId, tagId])\n}\n' +
    // AFFiNE's pending doc updates: `id` names a doc, not a row. A view may declare no key at all.
    'model Update {\n  workspaceId String\n  id String @map("guid")\n  createdAt DateTime\n  @@id([workspaceId, id, createdAt])\n}\nview Stats {\n  id String\n  total Int\n}\n' +
    // Amplication's entity versions: a field per version and name, a version per entity and number.
    'model EntityVersion {\n  id String @id\n  entityId String\n  versionNumber Int\n  fields EntityField[]\n  @@unique([entityId, versionNumber])\n}\n' +
    'model EntityField {\n  id String @id\n  entityVersionId String\n  name String\n  entityVersion EntityVersion @relation(fields: [entityVersionId], references: [id])\n  @@unique([entityVersionId, name])\n}\n' +
    // Postiz's users: one per e-mail and login provider, an enum of a few values; a nullable enum bounds nothing.
    'model Member {\n  id String @id\n  email String\n  providerName Provider\n  teamId String\n  seat Provider?\n  @@unique([email, providerName])\n  @@unique([teamId, seat])\n}\nenum Provider {\n  LOCAL\n  GITHUB\n  GOOGLE\n}\n',
);
// No schema anywhere: the default keys stand for every model.
const noSchemaProject = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-perf-unbounded-'));
afterAll(() => {
  fs.rmSync(schemaProject, { recursive: true, force: true });
  fs.rmSync(noSchemaProject, { recursive: true, force: true });
});
const inApp = (test: string) => ({ code: code(PRISMA, test), filename: 'apps/web/src/tags.ts' });
new RuleTester({ languageOptions: { parserOptions: { tsconfigRootDir: schemaProject } } }).run('no-unbounded-query (Prisma schema)', rule, {
  valid: [
    inApp(`export async function byNames(names: string[]) { return prisma.tag.findMany({ where: { name: { in: names } } }); }`),
    inApp(`export async function links(postId: number, tagIds: number[]) { return prisma.tagsOnPosts.findMany({ where: { postId, tagId: { in: tagIds } } }); }`),
    // The schema's key pinned whole, a field it declares as the key, the default keys of a model it does not declare or of a keyless view.
    inApp(`export async function at(workspaceId: string, docId: string, createdAt: Date) { return prisma.update.findMany({ where: { workspaceId, id: docId, createdAt } }); }`),
    inApp(`export async function byIds(ids: number[]) { return prisma.tag.findMany({ where: { id: { in: ids } } }); }`),
    inApp(`export async function byIds(ids: number[]) { return prisma.comment.findMany({ where: { id: { in: ids } } }); }`),
    inApp(`export async function one(id: string) { return prisma.stats.findMany({ where: { id } }); }`),
    // Only the first row is used; or the project names the field a key of that model.
    inApp(`export async function first(workspaceId: string, docId: string) { const [update] = await prisma.update.findMany({ where: { workspaceId, id: docId } }); return update; }`),
    { ...inApp(`export async function updates(workspaceId: string, docId: string) { return prisma.update.findMany({ where: { workspaceId, id: docId } }); }`), options: [{ uniqueFields: ['update.id'] }] },
    // A relation filter that pins the related row by its key pins the foreign key (Amplication's entity fields).
    inApp(`export async function fields(entityId: string, versionNumber: number, names: string[]) { return prisma.entityField.findMany({ where: { name: { in: names }, entityVersion: { entityId, versionNumber } } }); }`),
    inApp(`export async function fields(versionId: string, names: string[]) { return prisma.entityField.findMany({ where: { name: { in: names }, entityVersion: { id: versionId } } }); }`),
    // A compound key short of a small enum: at most three rows per e-mail.
    inApp(`export async function byEmail(email: string) { return prisma.member.findMany({ where: { email } }); }`),
    // Fluent relation reads: a page of a list relation, a to-one relation, options the code does not show, a small
    // related model, and a promise continuation.
    inApp(`export async function fields(id: string) { return prisma.entityVersion.findUnique({ where: { id } }).fields({ take: 50, orderBy: { name: 'asc' } }); }`),
    inApp(`export async function version(id: string) { return prisma.entityField.findUnique({ where: { id } }).entityVersion(); }`),
    inApp(`export async function fields(id: string, args: { take?: number }) { return prisma.entityVersion.findUnique({ where: { id } }).fields(args); }`),
    { ...inApp(`export async function fields(id: string) { return prisma.entityVersion.findUnique({ where: { id } }).fields(); }`), options: [{ smallTables: ['entityField'] }] },
    inApp(`export async function version(id: string) { return prisma.entityVersion.findUnique({ where: { id } }).then((v) => v?.versionNumber); }`),
  ],
  invalid: [
    // `id` is no key of a model the schema keys otherwise (AFFiNE's `@@id([workspaceId, id, createdAt])`).
    { ...inApp(`export async function updates(workspaceId: string, docId: string) { return prisma.update.findMany({ where: { workspaceId, id: docId }, orderBy: { createdAt: 'asc' } }); }`), errors: [unbounded('findMany', FIX.prisma)] },
    { ...inApp(`export async function updates(docIds: string[]) { return prisma.update.findMany({ where: { id: { in: docIds } } }); }`), errors: [unbounded('findMany', FIX.prisma)] },
    // A field the schema does not declare unique, half a compound key, another model's unique field.
    { ...inApp(`export async function bySlugs(slugs: string[]) { return prisma.tag.findMany({ where: { slug: { in: slugs } } }); }`), errors: [unbounded('findMany', FIX.prisma)] },
    { ...inApp(`export async function links(postId: number) { return prisma.tagsOnPosts.findMany({ where: { postId } }); }`), errors: [unbounded('findMany', FIX.prisma)] },
    { ...inApp(`export async function byNames(names: string[]) { return prisma.user.findMany({ where: { name: { in: names } } }); }`), errors: [unbounded('findMany', FIX.prisma)] },
    // Half the related key (every version of an entity), or the relation pinned without the rest of the compound key.
    { ...inApp(`export async function fields(entityId: string, names: string[]) { return prisma.entityField.findMany({ where: { name: { in: names }, entityVersion: { entityId } } }); }`), errors: [unbounded('findMany', FIX.prisma)] },
    { ...inApp(`export async function fields(entityId: string, versionNumber: number) { return prisma.entityField.findMany({ where: { entityVersion: { entityId, versionNumber } } }); }`), errors: [unbounded('findMany', FIX.prisma)] },
    // A nullable enum in the key repeats NULL: a team's members are not bounded by it.
    { ...inApp(`export async function byTeam(teamId: string) { return prisma.member.findMany({ where: { teamId } }); }`), errors: [unbounded('findMany', FIX.prisma)] },
    // A list relation read through the fluent API: every related row of one parent (Plunk's contacts of a project).
    { ...inApp(`export async function fields(id: string) { return prisma.entityVersion.findUnique({ where: { id } }).fields(); }`), errors: [unbounded('findUnique(…).fields', FIX.prisma)] },
    {
      ...inApp(`export async function named(id: string) { return prisma.entityVersion.findFirstOrThrow({ where: { id } }).fields({ where: { name: { startsWith: 'a' } }, select: { id: true } }); }`),
      errors: [unbounded('findFirstOrThrow(…).fields', FIX.prisma)],
    },
  ],
});

/**
 * Keys a Drizzle schema declares, in a workspace package the query imports through barrels (OpenStatus's page components,
 * monitor statuses and monthly uptime): unique columns, `unique().on(…)`, `primaryKey({ columns })`.
 */
const drizzleProject = makeDrizzleSchemaProject();
afterAll(() => fs.rmSync(drizzleProject, { recursive: true, force: true }));
const DRIZZLE_APP = `
import { and, eq, inArray } from 'drizzle-orm';
import { sqliteTable, text, integer } from 'drizzle-orm/sqlite-core';
import { db } from '@acme/db';
import { page, pageComponent, monitorStatus, uptimeByMonth } from '@acme/db/schema';
import * as schema from '@acme/db/schema';
import { users } from '@elsewhere/db';
const tags = sqliteTable('tags', { id: integer('id').primaryKey(), name: text('name').notNull().unique(), color: text('color') });
`;
const inApi = (test: string) => ({ code: code(DRIZZLE_APP, test), filename: 'apps/api/src/routes.ts' });
new RuleTester({ languageOptions: { parserOptions: { tsconfigRootDir: drizzleProject } } }).run('no-unbounded-query (Drizzle schema)', rule, {
  valid: [
    // Every column of a compound unique key, by `eq` and `inArray`, in either order.
    inApi(`export async function components(pageId: number, ids: number[]) { return db.select({ id: pageComponent.id }).from(pageComponent).where(and(inArray(pageComponent.monitorId, ids), eq(pageComponent.pageId, pageId))); }`),
    // A column marked unique; a table of the linted file.
    inApi(`export async function bySlug(slug: string) { return db.select().from(page).where(eq(page.slug, slug)); }`),
    inApi(`export async function byNames(names: string[]) { return db.select().from(tags).where(inArray(tags.name, names)); }`),
    // A primary key over two columns, through a namespace import.
    inApi(`export async function statuses(monitorId: number, regions: string[]) { return db.select().from(schema.monitorStatus).where(and(eq(schema.monitorStatus.monitorId, monitorId), inArray(schema.monitorStatus.region, regions))); }`),
    // Namespaces a package re-exports: \`export * as tables from './schema'\`, \`import * as schema …; export { schema }\`.
    inApi(`import { tables, schema as dbSchema } from '@acme/db'; export async function statuses(monitorId: number, regions: string[]) { return Promise.all([db.select().from(tables.monitorStatus).where(and(eq(tables.monitorStatus.monitorId, monitorId), inArray(tables.monitorStatus.region, regions))), db.select().from(dbSchema.page).where(eq(dbSchema.page.slug, 'home'))]); }`),
    // A renamed re-export, columns written by a callback, keys in the older object form.
    inApi(`export async function history(ids: number[], month: string) { return db.select().from(uptimeByMonth).where(and(inArray(uptimeByMonth.monitorId, ids), eq(uptimeByMonth.month, month))); }`),
    // The relational API's callback names the table by its parameter.
    inApi(`export async function components(pageId: number, ids: number[]) { return db.query.pageComponent.findMany({ where: (t, { and, eq, inArray }) => and(eq(t.pageId, pageId), inArray(t.monitorId, ids)) }); }`),
    // Conditions gathered in a const list.
    inApi(`export async function components(pageId: number, ids: number[]) { const where = [eq(pageComponent.pageId, pageId), inArray(pageComponent.monitorId, ids)]; return db.select().from(pageComponent).where(and(...where)); }`),
  ],
  invalid: [
    // Half a compound key: every component of a page.
    { ...inApi(`export async function components(pageId: number) { return db.select().from(pageComponent).where(eq(pageComponent.pageId, pageId)); }`), errors: [unbounded('select', FIX.drizzleSelect)] },
    { ...inApi(`export async function components(pageId: number) { return db.query.pageComponent.findMany({ where: (t, { eq }) => eq(t.pageId, pageId) }); }`), errors: [unbounded('findMany', FIX.drizzleRelational)] },
    // A partial unique index is unique only among the rows it covers; a plain index bounds nothing.
    { ...inApi(`export async function byDomain(domain: string) { return db.select().from(page).where(eq(page.customDomain, domain)); }`), errors: [unbounded('select', FIX.drizzleSelect)] },
    { ...inApi(`export async function titled(workspaceId: number, title: string) { return db.select().from(page).where(and(eq(page.workspaceId, workspaceId), eq(page.title, title))); }`), errors: [unbounded('select', FIX.drizzleSelect)] },
    // The compound key's columns pinned on two different tables; a column the table does not mark.
    { ...inApi(`export async function mixed(pageId: number, ids: number[]) { return db.select().from(pageComponent).where(and(eq(pageComponent.pageId, pageId), inArray(monitorStatus.monitorId, ids))); }`), errors: [unbounded('select', FIX.drizzleSelect)] },
    { ...inApi(`export async function byColors(colors: string[]) { return db.select().from(tags).where(inArray(tags.color, colors)); }`), errors: [unbounded('select', FIX.drizzleSelect)] },
    // A package outside the workspace: its tables are not read.
    { ...inApi(`export async function byEmail(email: string) { return db.select().from(users).where(eq(users.email, email)); }`), errors: [unbounded('select', FIX.drizzleSelect)] },
  ],
});

new RuleTester({ languageOptions: { parserOptions: { tsconfigRootDir: noSchemaProject } } }).run('no-unbounded-query (no Prisma schema)', rule, {
  valid: [{ code: code(PRISMA, `export async function updates(workspaceId: string, docId: string) { return prisma.update.findMany({ where: { workspaceId, id: docId } }); }`), filename: 'src/docs.ts' }],
  invalid: [{ code: code(PRISMA, `export async function updates(workspaceId: string, docId: string) { return prisma.update.findMany({ where: { workspaceId, createdBy: docId } }); }`), filename: 'src/docs.ts', errors: [unbounded('findMany', FIX.prisma)] }],
});

// With types: options whose type cannot hold a bound, receivers known only by their type.
/** A Drizzle table imported through a path alias: only the checker knows the file (tests/fixtures/typed/cross-file/drizzle-tables.ts). */
const aliasedDrizzleTable = (where: string) =>
  code(
    `import { drizzle } from 'drizzle-orm/node-postgres'; import { and, eq, inArray } from 'drizzle-orm'; import { membership } from '@typed-alias/drizzle-tables'; const db = drizzle('postgres://localhost/app');`,
    `export async function members(teamId: number, userIds: number[]) { return db.select().from(membership).where(${where}); }`,
  );
const ALIASED_COMPOUND_KEY = aliasedDrizzleTable('and(eq(membership.teamId, teamId), inArray(membership.userId, userIds))');
untypedRuleTester().run('no-unbounded-query (Drizzle table behind a path alias, without types)', rule, {
  valid: [],
  invalid: [{ code: ALIASED_COMPOUND_KEY, errors: [unbounded('select', FIX.drizzleSelect)] }],
});
// Linted where the fixture's tsconfig.json maps `@typed-alias/*`: the alias is followed on disk, without types.
untypedRuleTesterIn(TYPED_FIXTURE_DIR).run('no-unbounded-query (Drizzle table behind a path alias of the nearest tsconfig, without types)', rule, {
  valid: [ALIASED_COMPOUND_KEY],
  invalid: [{ code: aliasedDrizzleTable('eq(membership.teamId, teamId)'), errors: [unbounded('select', FIX.drizzleSelect)] }],
});

typedRuleTester().run('no-unbounded-query (typed)', rule, {
  valid: [
    // Cases with their own file name are about paths, not types (and the typed project holds only its own files).
    ...valid.filter((test) => typeof test === 'string' || test.filename === undefined),
    // The arguments' type allows `take`: the caller may pass one.
    code(`import { Prisma, PrismaClient } from '@prisma/client'; const prisma = new PrismaClient(); export async function list(args: Prisma.UserFindManyArgs) { return prisma.user.findMany(args); }`),
    code(`import type { Repository } from 'typeorm'; declare class Team { id: number } export async function list(repo: Repository<Team>, ids: number[]) { const { In } = await import('typeorm'); return repo.find({ where: { id: In(ids) } }); }`),
    { code: code(PRISMA, `export async function seed() { return prisma.user.findMany(); }`), filename: SEED_SCRIPT },
    BOUND_NEVER_MISSING,
    ALIASED_COMPOUND_KEY,
  ],
  invalid: [
    ...invalid,
    { code: aliasedDrizzleTable('eq(membership.teamId, teamId)'), errors: [unbounded('select', FIX.drizzleSelect)] },
    {
      // The type of the arguments has no `take`.
      code: code(`import { Prisma, PrismaClient } from '@prisma/client'; const prisma = new PrismaClient(); export async function list(args: { where: Prisma.UserWhereInput }) { return prisma.user.findMany(args); }`),
      errors: [unbounded('findMany', FIX.prisma)],
    },
    {
      // Known as a TypeORM repository by its type alone.
      code: code(`import type { Repository } from 'typeorm'; declare class Team { id: number; name: string } declare const teams: Repository<Team>; export async function list() { return teams.find({ order: { name: 'ASC' } }); }`),
      errors: [unbounded('find', FIX.typeormFind)],
    },
  ],
});

// ---------------------------------------------------------------------------------------------------------
// Objection: `Model.query()` chains awaited or returned where they are built.

const OBJECTION = `
import { Model } from 'objection';
class Person extends Model { static tableName = 'persons'; id!: number; name!: string; teamId!: number }
`;
const OBJECTION_FIX = '`.limit()`, with a range on the sort key for the next pages';

const objectionValid: Valid[] = [
  // Bounded: a limit, a page or a range, one row, rows by a list of keys, a filter on a key.
  code(OBJECTION, `export async function list() { return Person.query().where('name', 'a').orderBy('id').limit(50); }`),
  code(OBJECTION, `export async function list(page: number) { return Person.query().orderBy('id').page(page, 20); }`),
  code(OBJECTION, `export async function list() { return Person.query().orderBy('id').range(0, 49); }`),
  code(OBJECTION, `export async function one(id: number) { return Person.query().findById(id); }`),
  code(OBJECTION, `export async function one(name: string) { return Person.query().findOne({ name }); }`),
  code(OBJECTION, `export async function one(name: string) { return Person.query().where('name', name).first(); }`),
  code(OBJECTION, `export async function some(ids: number[]) { return Person.query().findByIds(ids); }`),
  code(OBJECTION, `export async function some(ids: number[]) { return Person.query().whereIn('persons.id', ids); }`),
  code(OBJECTION, `export async function one(id: number) { const rows = await Person.query().where({ id }); return rows; }`),
  code(OBJECTION, `export async function one(id: number) { return Person.query().where('id', '=', id); }`),
  // A count, a write; a builder handed to a helper that may page it; one continued elsewhere; a custom builder method.
  code(OBJECTION, `export async function total() { return Person.query().resultSize(); }`),
  code(OBJECTION, `export async function rename() { return Person.query().patch({ name: 'x' }).where('name', 'y'); }`),
  code(OBJECTION, `declare function paginate<T>(query: T, page: number): Promise<unknown>; export async function list(page: number) { return paginate(Person.query().where('teamId', 1), page); }`),
  code(OBJECTION, `export function list() { return Person.query().where('teamId', 1); }`),
  code(OBJECTION, `export async function list() { return Person.query().modify('active').orderBy('id'); }`),
  // A class of the project's own with a static named `query`: no model.
  code(`class Search { static async query(text: string) { return [text]; } } export async function list() { return Search.query('x'); }`),
];

const objectionInvalid: Invalid[] = [
  { code: code(OBJECTION, `export async function list() { return Person.query().orderBy('name'); }`), errors: [unbounded('query', OBJECTION_FIX)] },
  { code: code(OBJECTION, `export async function byTeam(teamId: number) { const people = await Person.query().where('teamId', teamId).withGraphFetched('pets'); return people; }`), errors: [unbounded('query', OBJECTION_FIX)] },
  // A filter widened by `orWhere` pins no key.
  { code: code(OBJECTION, `export async function some(id: number, name: string) { return Person.query().where('id', id).orWhere('name', name); }`), errors: [unbounded('query', OBJECTION_FIX)] },
];

untypedRuleTester().run('no-unbounded-query: Objection', rule, {
  valid: objectionValid,
  invalid: [
    ...objectionInvalid,
    // A model imported from a models module of a package that depends on Objection (Automatisch's `Flow.query()` on a request path).
    { code: `import Flow from '@/models/flow.js';\nexport default async (request: { params: { userId: string } }) => Flow.query().where('user_id', request.params.userId);`, errors: [unbounded('query', OBJECTION_FIX)] },
  ],
});
typedRuleTester().run('no-unbounded-query: Objection (typed)', rule, { valid: objectionValid, invalid: objectionInvalid });

// The same model in a package that does not depend on Objection (tests/fixtures/mongoose-app, a server file there): no model by name alone.
untypedRuleTesterIn(path.join(__dirname, '..', 'fixtures')).run('no-unbounded-query: Objection models by name need the dependency', rule, {
  valid: [{ code: `import Flow from '@/models/flow.js';\nexport async function list() { return Flow.query().where('user_id', 1); }`, filename: 'mongoose-app/src/controllers/flows.ts' }],
  invalid: [],
});

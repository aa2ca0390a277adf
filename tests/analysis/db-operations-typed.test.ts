import { ESLintUtils, type TSESTree } from '@typescript-eslint/utils';
import { getDbOperations } from '../../src/analysis/db-operations';
import { typedRuleTester } from '../rule-tester';
import { dbProbe, ops } from './db-probe';

// With type information: the package declaring the receiver's type decides, and vetoes name heuristics.
typedRuleTester().run('analysis-db-operations (typed)', dbProbe, {
  valid: [
    // Types say Map, array, user class: never a database.
    'const db = new Map<string, number>(); db.get("a"); db.set("a", 1); db.delete("a");',
    'const collection = [{ id: 1 }]; collection.find((x) => x.id === 1);',
    'class UserService { find(id: number) { return id; } findMany() { return []; } } const s = new UserService(); s.find(1); s.findMany();',
    'const prisma = { user: { findMany: () => [] as number[], create: () => 1 } }; prisma.user.findMany(); prisma.user.create();',
    'class Cache { get(k: string) { return k; } set(k: string, v: string) { return v; } } const redis = new Cache(); redis.get("a"); redis.set("a", "b");',
    'import express from "express"; const app = express(); app.get("/x", (_req, res) => { res.set("a", "b"); res.end(); }); app.delete("/y", () => {});',
    'import axios from "axios"; void axios.get("/x"); void axios.delete("/x");',
    // Name heuristics do not survive an `any` the code declares.
    'declare const db: any; db.user.findMany({}); db("users").where({ a: 1 });',
    'declare const ctx: any; ctx.prisma.user.findMany();',
    // A Prisma-looking interface of the project.
    'interface Repo { user: { findMany(args?: object): number[] } } declare const db: Repo; db.user.findMany({});',
    // Typed as a plain object even though named like a client.
    'declare const knex: (table: string) => string[]; knex("users");',
    'import { PrismaClient } from "@prisma/client"; const prisma = new PrismaClient(); void prisma.$connect();',
    'import knex from "knex"; const db = knex({ client: "pg" }); db("users").where({ id: 1 }).toSQL();',
    'import { Kysely } from "kysely"; declare const db: Kysely<{ person: { id: number } }>; db.selectFrom("person").selectAll();',
    // Project functions and classes that extend nothing, imported from another file, are known as plain by their symbol.
    'import { db } from "./cross-file/plain-code"; db("users"); db("orders");',
    'import { RedisLikeCache } from "./cross-file/plain-code"; const redis = new RedisLikeCache<string, string>(); redis.get("a"); redis.set("a", "b");',
  ],
  invalid: [
    // An import the checker cannot resolve has an error type, not a declared `any`: the checker knows nothing, and the
    // name heuristics decide as without types (a client not generated yet, a package not installed).
    ops('// @ts-ignore\nimport { db } from "./db"; db.user.findMany({}); db("users").where({ a: 1 });', 'prisma:read:findMany:user:shape:false', 'knex:read:select:users:shape:false'),
    // A project class extending a client, imported from another file: its instances are clients.
    ops(
      'import { PrismaService } from "./cross-file/plain-code"; const prisma = new PrismaService(); async function f() { await prisma.user.findMany(); }',
      'prisma:read:findMany:user:type:false',
    ),
    // ---------------------------------------------------------------- Prisma (generated client)
    ops(
      'import { PrismaClient } from "@prisma/client"; const prisma = new PrismaClient(); async function f(ids: number[]) { await prisma.user.findMany({ where: { id: { in: ids } } }); await prisma.post.create({ data: { title: "a", authorId: 1 } }); await prisma.order.count(); }',
      'prisma:read:findMany:user:type:true',
      'prisma:write:create:post:type:false',
      'prisma:count:count:order:type:false',
    ),
    ops(
      'import { PrismaClient } from "@prisma/client"; const prisma = new PrismaClient(); void prisma.$transaction(async (tx) => { await tx.user.update({ where: { id: 1 }, data: {} }); }); void prisma.$queryRaw`SELECT 1 WHERE id IN (${1})`;',
      'prisma:transaction:$transaction::type:false',
      'prisma:write:update:user:type:false',
      'prisma:raw:$queryRaw::type:true',
    ),
    ops(
      'import { PrismaClient } from "@prisma/client"; class PrismaService extends PrismaClient {} class Users { constructor(private readonly prisma: PrismaService) {} all() { return this.prisma.user.findMany(); } }',
      'prisma:read:findMany:user:type:false',
    ),
    // Only types know: a client returned by a function.
    ops('import { PrismaClient } from "@prisma/client"; declare function getClient(): PrismaClient; void getClient().order.findFirst();', 'prisma:read:findFirst:order:type:false'),
    ops('import type { Prisma } from "@prisma/client"; async function f(tx: Prisma.TransactionClient) { await tx.user.delete({ where: { id: 1 } }); }', 'prisma:write:delete:user:type:false'),

    // ---------------------------------------------------------------- TypeORM
    ops(
      'import { DataSource, In, Repository } from "typeorm"; class User { id!: number; } declare const ds: DataSource; declare const repo: Repository<User>; async function f(ids: number[]) { await repo.find({ where: { id: In(ids) } }); await ds.manager.save(User, {}); await ds.getRepository(User).createQueryBuilder("u").where("u.id = :id", { id: 1 }).getOne(); }',
      'typeorm:read:find:User:type:true',
      'typeorm:write:save:User:type:false',
      'typeorm:read:getOne:User:type:false',
    ),
    ops(
      'import { DataSource } from "typeorm"; declare const ds: DataSource; void ds.transaction(async (manager) => { await manager.increment(Object, {}, "n", 1); });',
      'typeorm:transaction:transaction::type:false',
      'typeorm:write:increment:Object:type:false',
    ),
    ops(
      'import { InjectRepository } from "@nestjs/typeorm"; import { Repository } from "typeorm"; class User { id!: number; } class S { constructor(@InjectRepository(User) private readonly users: Repository<User>) {} all() { return this.users.findAndCount(); } }',
      'typeorm:read:findAndCount:User:type:false',
    ),

    // ---------------------------------------------------------------- Sequelize
    ops(
      'import { Model, Op } from "sequelize"; class User extends Model { declare id: number; } async function f(ids: number[]) { await User.findAll({ where: { id: { [Op.in]: ids } } }); const u = await User.findByPk(1); await u?.save(); await User.destroy({ where: { id: ids } }); }',
      'sequelize:read:findAll:User:type:true',
      'sequelize:read:findByPk:User:type:false',
      'sequelize:write:save:User:type:false',
      'sequelize:write:destroy:User:type:true',
    ),
    ops('import { Sequelize } from "sequelize"; declare const sequelize: Sequelize; void sequelize.query("SELECT 1");', 'sequelize:raw:query::type:false'),

    // ---------------------------------------------------------------- Mongoose
    ops(
      'import mongoose from "mongoose"; const User = mongoose.model("User", new mongoose.Schema({ name: String })); async function f(ids: string[]) { await User.find({ _id: { $in: ids } }).sort({ name: 1 }).lean().exec(); const u = await User.findById("x"); await u?.save(); await User.insertMany([]); }',
      'mongoose:read:find:User:type:true',
      'mongoose:read:findById:User:type:false',
      'mongoose:write:save:User:type:false',
      'mongoose:write:insertMany:User:type:true',
    ),
    ops('import { Model } from "mongoose"; interface Cat { name: string } declare const cats: Model<Cat>; void cats.countDocuments();', 'mongoose:count:countDocuments:Cat:type:false'),

    // ---------------------------------------------------------------- Knex
    ops(
      'import knex from "knex"; const db = knex({ client: "pg" }); async function f() { await db("users").where({ id: 1 }).first(); await db.select("*").from("users").whereIn("id", [1, 2]); await db.raw("select 1"); }',
      'knex:read:select:users:type:false',
      'knex:read:select:users:type:true',
      'knex:raw:raw::type:false',
    ),
    ops('import type { Knex } from "knex"; async function f(trx: Knex.Transaction) { await trx("users").del(); }', 'knex:write:select:users:type:false'),

    // ---------------------------------------------------------------- Drizzle
    ops(
      'import { drizzle } from "drizzle-orm/node-postgres"; import { pgTable, integer } from "drizzle-orm/pg-core"; import { eq, inArray } from "drizzle-orm"; const users = pgTable("users", { id: integer("id") }); const db = drizzle("postgres://x"); async function f(ids: number[]) { await db.select().from(users).where(eq(users.id, 1)); await db.select().from(users).where(inArray(users.id, ids)); await db.insert(users).values({ id: 1 }); await db.delete(users); }',
      'drizzle:read:select:users:type:false',
      'drizzle:read:select:users:type:true',
      'drizzle:write:insert:users:type:false',
      'drizzle:write:delete:users:type:false',
    ),

    // ---------------------------------------------------------------- Kysely
    ops(
      'import { Kysely } from "kysely"; interface DB { person: { id: number; name: string } } declare const db: Kysely<DB>; async function f(ids: number[]) { await db.selectFrom("person").selectAll().where("id", "in", ids).execute(); await db.insertInto("person").values({ id: 1, name: "a" }).executeTakeFirst(); await db.transaction().execute(async (trx) => { await trx.deleteFrom("person").execute(); }); }',
      'kysely:read:selectFrom:person:type:true',
      'kysely:write:insertInto:person:type:false',
      'kysely:transaction:execute::type:false',
      'kysely:write:deleteFrom:person:type:false',
    ),

    // ---------------------------------------------------------------- MikroORM
    ops(
      'import { EntityManager } from "@mikro-orm/core"; class User { id!: number; } declare const em: EntityManager; async function f() { await em.find(User, {}); await em.persistAndFlush(new User()); await em.getRepository(User).count(); }',
      'mikro-orm:read:find:User:type:false',
      'mikro-orm:write:persistAndFlush::type:false',
      'mikro-orm:count:count:User:type:false',
    ),

    // Unresolved imports are `any` to the checker; import evidence still counts.
    ops('import { MikroORM } from "@mikro-orm/postgresql"; async function f() { const orm = await MikroORM.init({}); await orm.em.fork().findAll(Object); }', 'mikro-orm:read:findAll:Object:import:false'),

    // ---------------------------------------------------------------- pg
    ops(
      'import { Pool } from "pg"; const pool = new Pool(); async function f() { await pool.query("SELECT * FROM users WHERE id = ANY($1)", [[1]]); const client = await pool.connect(); await client.query("BEGIN"); client.release(); }',
      'pg:raw:query::type:true',
      'pg:raw:query::type:false',
    ),
    // Only types know: a client from a helper.
    ops('import type { PoolClient } from "pg"; declare function getClient(): Promise<PoolClient>; async function f() { const c = await getClient(); await c.query("select 1"); }', 'pg:raw:query::type:false'),

    // ---------------------------------------------------------------- mysql2
    ops(
      'import mysql from "mysql2/promise"; async function f() { const conn = await mysql.createConnection({}); await conn.execute("SELECT 1"); const pool = mysql.createPool({}); await pool.query("SELECT * FROM t WHERE id IN (?)", [[1]]); }',
      'mysql2:raw:execute::type:false',
      'mysql2:raw:query::type:true',
    ),

    // ---------------------------------------------------------------- MongoDB driver
    ops(
      'import { MongoClient } from "mongodb"; const client = new MongoClient("mongodb://x"); const users = client.db("app").collection("users"); async function f() { await users.find({ a: 1 }).sort({ a: 1 }).toArray(); await users.insertMany([]); await users.countDocuments(); }',
      'mongodb:read:find:users:type:false',
      'mongodb:write:insertMany:users:type:true',
      'mongodb:count:countDocuments:users:type:false',
    ),

    // ---------------------------------------------------------------- Redis
    ops(
      'import Redis from "ioredis"; const redis = new Redis(); async function f() { await redis.get("a"); await redis.mget("a", "b"); await redis.pipeline().get("a").set("b", "1").exec(); }',
      'redis:read:get::type:false',
      'redis:read:mget::type:true',
      'redis:write:pipeline::type:true',
    ),
    ops(
      'import { createClient } from "redis"; const client = createClient(); async function f() { await client.connect(); await client.hGetAll("h"); await client.set("a", "1"); }',
      'redis:read:hGetAll::type:false',
      'redis:write:set::type:false',
    ),
  ],
});

// ---------------------------------------------------------------------------------------------------------
// Relation loads with types: the checker's declarations decide (mixin types, relation decorators, fluent clients).

const relationProbe = ESLintUtils.RuleCreator.withoutDocs({
  meta: { type: 'problem', schema: [], messages: { op: '{{op}}' } },
  create(context) {
    const analyzer = getDbOperations(context);
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const op = analyzer.classify(node);
        if (op) context.report({ node, messageId: 'op', data: { op: `${op.library}:${op.kind}:${op.method}:${op.target ?? ''}:${op.evidence}:${op.relation ?? '-'}` } });
      },
      MemberExpression(node: TSESTree.MemberExpression) {
        const load = analyzer.classifyLazyLoad(node);
        if (load) context.report({ node, messageId: 'op', data: { op: `lazy:${load.library}:${load.relation}:${load.target ?? ''}:${load.evidence}` } });
      },
    };
  },
});

const relations = (code: string, ...expected: string[]) => ({ code, errors: expected.map((op) => ({ messageId: 'op' as const, data: { op } })) });

const PRISMA_CLIENT = 'import { PrismaClient } from "@prisma/client"; const prisma = new PrismaClient(); ';
const SEQUELIZE_MODELS =
  'import { Model, HasManyGetAssociationsMixin, BelongsToGetAssociationMixin } from "sequelize"; class Team extends Model {} class Post extends Model {} class User extends Model { declare getPosts: HasManyGetAssociationsMixin<Post>; declare getTeam: BelongsToGetAssociationMixin<Team>; getFullName() { return ""; } declare getLines: () => Promise<unknown[]>; } ';
const TYPEORM_ENTITIES =
  'import { Entity, OneToOne, OneToMany, ManyToOne } from "typeorm"; @Entity() class Profile {} @Entity() class Photo {} @Entity() class User { @OneToOne(() => Profile) profile!: Promise<Profile>; @OneToMany(() => Photo, (p) => p) photos?: Promise<Photo[]>; @ManyToOne(() => Profile) eager!: Profile; avatar!: Promise<string>; } ';

typedRuleTester().run('analysis-db-operations: relation loads (typed)', relationProbe, {
  valid: [
    // Prisma: a look-alike object the checker types as a plain object.
    'const api = { user: { findUnique: (_: unknown) => ({ posts: () => [] as number[] }) } }; api.user.findUnique({ where: { id: 1 } }).posts();',
    // Sequelize: the model's own method, Model's getDataValue, a property that is no mixin, a plain object's getPosts.
    `${SEQUELIZE_MODELS}function f(u: User) { u.getFullName(); u.getDataValue("id"); return u.getLines(); }`,
    'import { Model } from "sequelize"; class Base extends Model { getSummary() { return ""; } } class Post extends Model {} class User extends Base {} User.hasMany(Post); function f(u: User) { return u.getSummary(); }',
    'const feed = { getPosts: () => [] as number[] }; feed.getPosts();',
    // TypeORM: an eager relation, a promise that is no relation, a decorator that is not TypeORM's.
    `${TYPEORM_ENTITIES}async function g(u: User) { u.eager; await u.avatar; }`,
    'class Job { result!: Promise<string>; } async function f(jobs: Job[]) { for (const j of jobs) await j.result; }',
    'import { Entity } from "typeorm"; const OneToOne = (_: unknown) => (_t: object, _k: string) => undefined; @Entity() class Node2 { @OneToOne(() => Node2) next!: Promise<Node2>; } async function f(n: Node2) { await n.next; }',
  ],
  invalid: [
    relations(`${PRISMA_CLIENT}async function f() { await prisma.user.findUnique({ where: { id: 1 } }).posts(); }`, 'prisma:read:findUnique:user:type:posts'),
    // Only types know: the fluent client comes back from a function of the project.
    relations(`${PRISMA_CLIENT}function byId(id: number) { return prisma.user.findUnique({ where: { id } }); } async function f() { await byId(1).orders(); }`, 'prisma:read:findUnique:user:type:-', 'prisma:read:orders:user:type:orders'),
    // Sequelize: instances known by type alone, accessors by their mixin types.
    relations(`${SEQUELIZE_MODELS}declare const users: User[]; async function f() { for (const u of users) { await u.getPosts(); await u.getTeam(); } }`, 'sequelize:read:getPosts:User:type:Posts', 'sequelize:read:getTeam:User:type:Team'),
    // TypeORM: the checker finds the relation's declaration whatever the receiver.
    relations(
      `${TYPEORM_ENTITIES}declare function load(): Promise<User[]>; async function f() { for (const u of await load()) { await u.profile; await u.photos; } }`,
      'lazy:typeorm:profile:User:type',
      'lazy:typeorm:photos:User:type',
    ),
  ],
});

// Objection: models of the project's own modules known by type (tests/fixtures/typed/cross-file/objection-models.ts),
// rows by the checker's type of what a query returns, and Knex's transaction by Objection's `Transaction` type.
const OBJECTION_MODELS = 'import { Person, Pet, SearchIndex } from "./cross-file/objection-models"; ';

typedRuleTester().run('analysis-db-operations: Objection (typed)', relationProbe, {
  valid: [
    // A class of the project's own with a static `query`; a `$relatedQuery` the checker types as the project's.
    `${OBJECTION_MODELS}SearchIndex.query("text");`,
    'declare const widget: { $relatedQuery(name: string): string[]; $query(): number }; widget.$relatedQuery("x"); widget.$query();',
  ],
  invalid: [
    relations(
      `${OBJECTION_MODELS}import type { Transaction } from "objection"; async function f(ids: number[], trx: Transaction) { const people = await Person.query().where("name", "a"); for (const p of people) await p.$relatedQuery("pets").where("species", "dog"); await Person.query().findByIds(ids); await Pet.query(trx).insert({ ownerId: 1 }); await trx("logs").insert({}); }`,
      'objection:read:query:Person:type:-',
      'objection:read:$relatedQuery:Person:type:pets',
      'objection:read:query:Person:type:-',
      'objection:write:query:Pet:type:-',
      'knex:write:select:logs:type:-',
    ),
    // Rows known by type alone: a page's results, a model typed as a parameter.
    relations(
      `${OBJECTION_MODELS}async function f(owner: Person) { const page = await Person.query().page(0, 10); for (const r of page.results) await r.$fetchGraph("pets"); await owner.$query().patch({ name: "b" }); }`,
      'objection:read:query:Person:type:-',
      'objection:read:$fetchGraph:Person:type:-',
      'objection:write:$query:Person:type:-',
    ),
  ],
});

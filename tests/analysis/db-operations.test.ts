import { ESLintUtils, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { getDbOperations } from '../../src/analysis/db-operations';
import { isWorkspaceDatabasePackage } from '../../src/analysis/db/evaluate';
import { untypedRuleTester } from '../rule-tester';
import { dbProbe, ops } from './db-probe';

// Without type information: origins come from imports, initialisers, annotations, decorators and names.
untypedRuleTester().run('analysis-db-operations (untyped)', dbProbe, {
  valid: [
    // A project function called in place with no database name (`logger()`), or with arguments (a loader, not an accessor).
    'function cache() { return new Map<string, number>(); } cache().get("a");',
    // A value named `payload` that is no Payload client: a webhook's or a token's, called without a collection.
    'export function first(payload: { items: string[] }) { return payload.items.find((item) => item.length > 0); }',
    'export async function send(payload: any, id: string) { await payload.update({ status: "sent", id }); return payload.find((x: any) => x.id === id); }',
    // Set by two methods: what it holds is not known.
    'import * as redis from "redis"; class Store { private client!: any; init() { this.client = redis.createClient({}); } useMap() { this.client = new Map(); } get(k: string) { return this.client.get(k); } }',
    // A builder kept in a variable and handed to a set operation: a part of one query (Payload's polymorphic joins).
    'import { drizzle } from "drizzle-orm/node-postgres"; const db = drizzle("postgres://x"); export function union(tables: any[], where: any) { let current: any = null; for (const t of tables) { let query = db.select({ id: t.id }).from(t); if (where) query = query.where(where); current = current === null ? query : current.unionAll(query); } return current; }',
    'import { logger } from "./log"; async function f() { return logger().find(); }',
    'import { loadAll } from "./x"; async function f() { return loadAll({ page: 1 }).find(); }',
    // Maps, arrays and caches are not databases.
    'const map = new Map<string, number>(); map.get("a"); map.set("a", 1); map.delete("a");',
    'const db = new Map(); db.get("k"); db.set("k", 1);',
    'const items = [1, 2, 3]; items.find((x) => x > 1); items.filter(Boolean);',
    'const collection = [{ id: 1 }]; collection.find((x) => x.id === 1);',
    'declare const cache: Map<string, string>; cache.get("a");',
    'import NodeCache from "node-cache"; const cache = new NodeCache(); cache.get("a"); cache.set("a", 1);',
    // HTTP frameworks and clients reuse get/set/delete.
    'import express from "express"; const app = express(); app.get("/x", (req, res) => { res.set("a", "b"); res.send(); });',
    'import { Router } from "express"; const router = Router(); router.delete("/x", () => {});',
    'import axios from "axios"; axios.get("/x"); axios.delete("/x");',
    'declare const headers: Headers; headers.set("a", "b"); headers.get("a");',
    // nestjs-prisma's other exports are no client: its module, its exception filter.
    'import { PrismaModule, PrismaClientExceptionFilter } from "nestjs-prisma"; const filter = new PrismaClientExceptionFilter(); filter.catch(new Error("x"), {} as never); PrismaModule.forRoot({ isGlobal: true });',
    'import { CustomPrismaService } from "nestjs-prisma"; class S { constructor(private readonly custom: CustomPrismaService<never>) {} all() { return this.custom.find(); } }',
    // User code named like an ORM.
    'function find(x: number) { return x; } find(1);',
    'class UserService { find(id: number) { return id; } } const s = new UserService(); s.find(1);',
    'class UserService { static find(id: number) { return id; } } UserService.find(1);',
    'import _ from "lodash"; _.find([1], (x) => x === 1); import { find } from "lodash"; find([1], 1);',
    'Object.keys({}); "a".concat("b"); JSON.parse("1");',
    'const prisma = { user: { findMany() { return []; }, create() {} } }; prisma.user.findMany(); prisma.user.create();',
    // Generic method names need a known client.
    'import { db } from "./db"; db.user.create({ data: {} }); db.user.update({ where: { id: 1 } }); db.user.delete({ where: { id: 1 } }); db.user.count();',
    // A held argument needs more than a Prisma-like method name on a generic client.
    'import { store } from "./store"; const isOpen = (x: { open: boolean }) => x.open; store.items.findFirst(isOpen); store.items.create(item);',
    // A class of the project's own with a static named like Sequelize's, from a module of services: no model.
    'import { ReportService } from "./services/report"; ReportService.findAll({ where: { a: 1 } }); ReportService.bulkCreate([]);',
    'import Robot from "./models/Robot"; Robot.findAll((r: unknown) => r, 1, 2); robotRepo.findAll({});',
    // Model statics of a models module where the nearest manifest (this project's, with TypeORM and Sequelize) does
    // not say Mongoose alone; and a class of another module.
    'import Alert from "@/models/alert"; Alert.find({}); Alert.findOne({}); import { Cache } from "./cache"; Cache.find({});',
    { code: 'import { ReportService } from "./services/report"; ReportService.find({}); ReportService.create({});', filename: 'tests/fixtures/mongoose-app/src/x.ts' },
    // Sequelize's other statics and scopes on a class of a models module, beside another object mapper (this project's
    // manifest; TypeORM's BaseEntity has `create` and `count` too), or on a class of another module.
    'import { Notification, GroupUser } from "../models"; Notification.create({}); Notification.findOne({}); GroupUser.scope("withUser").findAll({ where: { a: 1 } });',
    { code: 'import { Notification } from "../models"; Notification.create({}); Notification.count();', filename: 'tests/fixtures/two-mappers-app/src/x.ts' },
    { code: 'import { ReportService } from "./services/report"; ReportService.create({}); ReportService.scope("x").findAll({ where: { a: 1 } });', filename: 'tests/fixtures/sequelize-app/src/x.ts' },
    // A project's own \`getRepository\` given no entity class, or in a package that does not depend on TypeORM.
    'import { getRepository } from "./datasource"; async function f(name: string) { await getRepository(name).find(); }',
    { code: 'import { getRepository } from "./datasource"; async function f() { await getRepository(User).find(); }', filename: 'tests/fixtures/sequelize-app/src/x.ts' },
    // A model a project object hands out under a `…Model` name, where another mapper may hold it, or from a package.
    { code: 'import Database from "../Database"; async function f(id: string) { await Database.bookModel.findAll({ where: { id } }); }', filename: 'tests/fixtures/two-mappers-app/src/controllers/books.ts' },
    { code: 'import Database from "some-database"; async function f(id: string) { await Database.bookModel.findAll({ where: { id } }); }', filename: 'tests/fixtures/sequelize-app/src/controllers/books.ts' },
    // A registry named `models` beside another object mapper (Sequelize's `db.models.User.findOne` reads the same), or
    // a lower-case member of it: no model.
    { code: 'async function f(db: Db, id: string) { await db.models.User.findOne({ where: { id } }); await db.models.User.findById(id); }', filename: 'tests/fixtures/two-mappers-app/src/controllers/users.ts' },
    { code: 'async function f(ctx: Ctx) { await ctx.models.helpers.find({}); await ctx.registry.User.find({}); }', filename: 'tests/fixtures/mongoose-app/src/controllers/users.ts' },
    // An accessor that takes arguments, or is named for something else, hands out nothing known.
    'import { db } from "./db"; export async function f(id: string) { await db.prisma(id).task_log.create({ data: { id } }); await db.users().task_log.create({ data: { id } }); }',
    'declare const client: any; client.user.create({ data: {} });',
    // Prisma-only method names, but not Prisma's call shape (arguments that are not one object literal).
    'declare const store: any; store.items.findFirst((x: number) => x > 1, 2);',
    // An `upsert` whose object has no `where` and `create`/`update` is another store's (Trigger.dev's investigations), nor
    // does its name in the text make its client Prisma's.
    'interface Ctx { investigations: { upsert(x: object): Promise<void> }; reads: any } export async function save(ctx: Ctx, id: string) { await ctx.investigations.upsert({ id, projectRef: "p" }); await ctx.reads.create({ data: {} }); }',
    // A generic adapter that names its model among the arguments (Better Auth's `ctx.context.adapter`): Prisma's never do.
    'export async function list(ctx: any, id: string) { await ctx.context.adapter.findMany({ model: "ssoProvider", where: [{ field: "userId", value: id }] }); return ctx.context.adapter.count({ model: "member", where: [] }); }',
    // Client lifecycle is not a query.
    'import { PrismaClient } from "@prisma/client"; const prisma = new PrismaClient(); prisma.$connect(); prisma.$disconnect();',
    // `db(x)` on an unknown receiver needs a table name: a string, or a name that says it holds one.
    'import { db } from "./db"; declare const name: string; declare const userId: string; db(name).where({ a: 1 }); db(userId).first(); db(config.dbPath).where({ a: 1 });',
    // A shadowed knex.
    'import knex from "knex"; function f(knex: (t: string) => unknown) { return knex("users"); }',
    'import knex from "knex"; const db = knex({ client: "pg" }); function g() { const db = (t: string) => t; return db("users"); }',
    // Building a query is not sending it: Kysely without execute, a pipeline without exec, a TypeORM builder without a terminal.
    'import { Kysely } from "kysely"; const db = new Kysely<any>({} as any); const q = db.selectFrom("users").selectAll();',
    'import Redis from "ioredis"; const redis = new Redis(); const p = redis.pipeline(); p.get("a"); p.set("b", "1");',
    'import { DataSource } from "typeorm"; const ds = new DataSource({} as any); const qb = ds.getRepository(User).createQueryBuilder("u").where("u.id = 1"); qb.getQuery();',
    // A `connection` whose getRepository takes no entity class, or a constant: not TypeORM's shape.
    'declare const connection: any; declare const ctx: unknown; connection.getRepository(ctx, "orders").find(); connection.getRepository(ORDERS).find(); connection.getRepository().find();',
    // Not queries: building entities and documents, compiling SQL.
    'import { DataSource } from "typeorm"; const ds = new DataSource({} as any); ds.getRepository(User).create({ name: "a" }); ds.getRepository(User).merge(a, b);',
    'import knex from "knex"; const db = knex({}); db("users").where({ id: 1 }).toSQL();',
    'import mongoose from "mongoose"; const User = mongoose.model("User", schema); User.find().getFilter();',
    // Names alone never make a Redis client, except the conventional ones.
    'declare const cache: any; cache.get("a"); cache.set("a", 1); cache.del("a");',
    // A renamed import is judged by its own name or the module's, not by others: `config as db` holds no client.
    'import { config as settings } from "./config"; settings.select().from(page); settings.$count(page);',
    // `$count` of something that is not a table, and a `query` member of a non-client.
    'import { db } from "./db"; db.$count("users"); declare const graph: { query: any }; graph.query.users.findMany(filter);',
    'declare const store: { get(k: string): string }; store.get("a");',
    // Computed members, odd callees, super and private names must not throw.
    'declare const x: any; x[key](); x?.[0]?.(); (0, x.y)(); new (class extends Object { m() { return super.toString(); } })().m();',
    'class A { #db = new Map(); m() { return this.#db.get("a"); } }',
    'function* g() { yield 1; } g().next();',
    // Cycles and self-references terminate.
    'let a: any = b; let b: any = a; a.user.create(); b.find();',
    'const q: any = q.where(); const r = r; r.select();',
    'class A extends A {} new A().find();',
    'class Node2 { next = this; m() { return this.next.next.next.find(); } }',
    // Odd syntax.
    'class A { static x: any; static { this.x.find(); } get db() { return this.db; } m() { return this.db.find(); } }',
    'async function f(y: any) { for await (const x of y) x.find(); const pg = await import("pg"); new pg.Pool(); }',
    'declare const x: any; x?.y!.z?.(); a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.find(); (function () { return new.target; })(); import.meta.url;',
    'const { a: { b: [c] } } = obj; c.find(); const [, , d] = arr; d.update();',
    // Subqueries and compiled SQL are not sent on their own.
    'import { drizzle } from "drizzle-orm/node-postgres"; const db = drizzle(""); const sq = db.select().from(users).where(x).as("sq");',
    // Tagged templates other than Prisma raw queries are not operations themselves.
    'import { sql } from "drizzle-orm"; const q = sql`select 1`; const h = html`<p></p>`;',
    'import { sql } from "kysely"; const fragment = sql`id = ${1}`;',
    // DDL through the schema builder and entity construction are left alone.
    'import knex from "knex"; const db = knex({}); db.schema.createTable("t", () => {});',
    'import { Sequelize, Model } from "sequelize"; class User extends Model {} User.init({}, { sequelize: new Sequelize("") }); User.build({});',
    // Transaction callbacks of unknown helpers, when nothing Prisma-like is called.
    'declare function withTransaction(cb: (tx: any) => void): void; withTransaction((tx) => tx.commit());',
    // … and only by its name: a factory's result kept under another name, or a library's own non-client call.
    'import { makeClient } from "./clients"; async function f() { const cache = makeClient(); await cache.del("k"); await cache.get("k"); }',
    'import { parse } from "url"; function f() { const redis = parse("redis://x"); return redis.get; }',
  ],
  invalid: [
    // ---------------------------------------------------------------- Prisma
    ops(
      'import { PrismaClient } from "@prisma/client"; const prisma = new PrismaClient(); prisma.user.findMany({ where: { id: 1 } });',
      'prisma:read:findMany:user:import:false',
    ),
    ops(
      'import { PrismaClient as PC } from "@prisma/client"; const prisma = new PC(); prisma.user.findUnique({ where: { id: 1 } }); prisma.post.create({ data: {} }); prisma.order.count(); prisma.order.aggregate({ _sum: { total: true } }); prisma.user.upsert({});',
      'prisma:read:findUnique:user:import:false',
      'prisma:write:create:post:import:false',
      'prisma:count:count:order:import:false',
      'prisma:count:aggregate:order:import:false',
      'prisma:write:upsert:user:import:false',
    ),
    ops(
      'const { PrismaClient } = require("@prisma/client"); const prisma = new PrismaClient(); prisma.user.deleteMany({});',
      'prisma:write:deleteMany:user:import:false',
    ),
    ops(
      'import { PrismaClient } from "@prisma/client"; const prisma = new PrismaClient(); async function f(ids: number[]) { await prisma.user.findMany({ where: { id: { in: ids } } }); await prisma.user.createMany({ data: [] }); }',
      'prisma:read:findMany:user:import:true',
      'prisma:write:createMany:user:import:true',
    ),
    // Transactions and the transaction client
    ops(
      'import { PrismaClient } from "@prisma/client"; const prisma = new PrismaClient(); prisma.$transaction(async (tx) => { await tx.user.update({ where: { id: 1 }, data: {} }); });',
      'prisma:transaction:$transaction::import:false',
      'prisma:write:update:user:import:false',
    ),
    ops(
      'import { Prisma } from "@prisma/client"; async function f(tx: Prisma.TransactionClient) { await tx.order.delete({ where: { id: 1 } }); }',
      'prisma:write:delete:order:annotation:false',
    ),
    // Raw queries
    ops(
      'import { PrismaClient } from "@prisma/client"; const prisma = new PrismaClient(); prisma.$queryRawUnsafe("SELECT * FROM users WHERE id = ANY($1)", ids); prisma.$executeRawUnsafe("DELETE FROM users");',
      'prisma:raw:$queryRawUnsafe::import:true',
      'prisma:raw:$executeRawUnsafe::import:false',
    ),
    ops(
      'import { PrismaClient } from "@prisma/client"; const prisma = new PrismaClient(); prisma.$queryRaw`SELECT * FROM users WHERE id IN (${ids})`; prisma.$executeRaw`UPDATE users SET a = 1`;',
      'prisma:raw:$queryRaw::import:true',
      'prisma:raw:$executeRaw::import:false',
    ),
    // NestJS PrismaService
    ops(
      'import { PrismaClient } from "@prisma/client"; class PrismaService extends PrismaClient { async onModuleInit() { await this.$connect(); } users() { return this.user.findMany(); } } class UsersService { constructor(private readonly prisma: PrismaService) {} all() { return this.prisma.user.findMany(); } }',
      'prisma:read:findMany:user:import:false',
      'prisma:read:findMany:user:annotation:false',
    ),
    ops(
      'import { PrismaService } from "./prisma.service"; class UsersService { constructor(private readonly prisma: PrismaService) {} one(id: number) { return this.prisma.user.findUnique({ where: { id } }); } }',
      'prisma:read:findUnique:user:annotation:false',
    ),
    // nestjs-prisma's PrismaService, injected (Reactive Resume) or built.
    ops(
      'import { PrismaService } from "nestjs-prisma"; class ResumeService { constructor(private readonly prisma: PrismaService) {} all(userId: string) { return this.prisma.resume.findMany({ where: { userId } }); } }',
      'prisma:read:findMany:resume:annotation:false',
    ),
    ops(
      'import { PrismaService } from "nestjs-prisma"; const prisma = new PrismaService(); export function all() { return prisma.resume.findMany(); }',
      'prisma:read:findMany:resume:import:false',
    ),
    ops(
      'import { PrismaService } from "../prisma/prisma.service"; class UsersService { private db: PrismaService; constructor(db: PrismaService) { this.db = db; } remove(id: number) { return this.db.user.delete({ where: { id } }); } }',
      'prisma:write:delete:user:annotation:false',
    ),
    // Prisma-like names imported from project modules
    ops('import { prisma } from "./db"; prisma.user.create({ data: {} });', 'prisma:write:create:user:shape:false'),
    // Arguments built first, on a client its name or the file's other calls show to be Prisma's (Shelf's backup restore).
    ops(
      'import { db } from "~/database/db.server"; import { prisma } from "./db"; async function f(rows: object[]) { await db.asset.findMany({ where: {} }); for (const row of rows) { const data = { ...row }; await db.asset.create(data); await prisma.note.update(data); } }',
      'prisma:read:findMany:asset:shape:false',
      'prisma:write:create:asset:shape:false',
      'prisma:write:update:note:shape:false',
    ),
    ops('import prisma from "@/lib/prisma"; export async function GET() { return prisma.post.findMany(); }', 'prisma:read:findMany:post:shape:false'),
    ops('class S { m(ctx: Context) { return ctx.prisma.user.count(); } }', 'prisma:count:count:user:shape:false'),
    ops('class S { constructor(private prismaService) {} m() { return this.prismaService.user.update({ where: { id: 1 }, data: {} }); } }', 'prisma:write:update:user:shape:false'),
    ops('import { db } from "./db"; db.user.findMany({ where: { email: "a" } }); db.order.groupBy({ by: ["status"] }); db.user.findFirst();', 'prisma:read:findMany:user:shape:false', 'prisma:read:groupBy:order:shape:false', 'prisma:read:findFirst:user:shape:false'),
    ops('import { db } from "./db"; db.$transaction([db.user.findMany()]);', 'prisma:transaction:$transaction::shape:false', 'prisma:read:findMany:user:shape:false'),
    ops('export async function save(ctx: Ctx, id: string) { await ctx.db.user.upsert({ where: { id }, create: { id }, update: {} }); } interface Ctx { db: any }', 'prisma:write:upsert:user:shape:false'),
    // A Prisma-shaped upsert in the text makes its client Prisma's in its other model calls (Civitai's `dbWrite`).
    ops('import { dbWrite } from "./db"; export async function f(id: number) { await dbWrite.tag.upsert({ where: { id }, create: { id }, update: {} }); await dbWrite.user.update({ where: { id }, data: {} }); }', 'prisma:write:upsert:tag:shape:false', 'prisma:write:update:user:shape:false'),
    // Custom client output and the Next.js global singleton
    ops('import { PrismaClient } from "../generated/prisma"; const prisma = new PrismaClient(); prisma.user.delete({ where: { id: 1 } });', 'prisma:write:delete:user:import:false'),
    ops(
      'import { PrismaClient } from "@prisma/client"; const g = globalThis as unknown as { prisma?: PrismaClient }; export const prisma = g.prisma ?? new PrismaClient(); prisma.user.count();',
      'prisma:count:count:user:import:false',
    ),
    ops('import { PrismaClient } from "@prisma/client"; const prisma = new PrismaClient().$extends({}); prisma.user.findMany();', 'prisma:read:findMany:user:import:false'),
    // Wrappers: optional chaining, casts, non-null, satisfies
    ops(
      'import { PrismaClient } from "@prisma/client"; const prisma = new PrismaClient(); prisma?.user?.findMany(); (prisma as any).user.findMany(); prisma!.user.findMany(); (prisma satisfies PrismaClient).post.findMany(); (<any>prisma).user.count();',
      'prisma:read:findMany:user:import:false',
      'prisma:read:findMany:user:import:false',
      'prisma:read:findMany:user:import:false',
      'prisma:read:findMany:post:import:false',
      'prisma:count:count:user:import:false',
    ),
    // .then/.catch are not part of the chain: the query call is the outermost.
    ops('import { PrismaClient } from "@prisma/client"; const prisma = new PrismaClient(); prisma.user.findMany().then((u) => u).catch(() => null);', 'prisma:read:findMany:user:import:false'),
    // Destructured delegates
    ops('import { PrismaClient } from "@prisma/client"; const prisma = new PrismaClient(); const { user } = prisma; user.findMany();', 'prisma:read:findMany:user:import:false'),

    // Lean documents are plain objects: their save() is not a query.
    ops('import mongoose from "mongoose"; const User = mongoose.model("User", schema); async function f() { const u = await User.findOne().lean(); u.save(); }', 'mongoose:read:findOne:User:import:false'),

    ops('import { PrismaClient } from "@prisma/client"; class R { #prisma = new PrismaClient(); m() { return this.#prisma.user.findMany(); } }', 'prisma:read:findMany:user:import:false'),
    ops('import { PrismaClient } from "@prisma/client"; const prisma = new PrismaClient(); prisma.user.findMany(...args); prisma.user.findMany?.({});', 'prisma:read:findMany:user:import:false', 'prisma:read:findMany:user:import:false'),

    // ---------------------------------------------------------------- TypeORM
    ops(
      'import { Repository } from "typeorm"; class UserRepository extends Repository<User> { byName(name: string) { return this.findOneBy({ name }); } } class S { constructor(private users: UserRepository) {} m() { return this.users.find(); } }',
      'typeorm:read:findOneBy:UserRepository:import:false',
      'typeorm:read:find:UserRepository:annotation:false',
    ),
    ops(
      'import { DataSource } from "typeorm"; const AppDataSource = new DataSource({} as any); const repo = AppDataSource.getRepository(User); repo.find(); repo.findOneBy({ id: 1 }); repo.save(user); repo.count(); repo.delete(1);',
      'typeorm:read:find:User:import:false',
      'typeorm:read:findOneBy:User:import:false',
      'typeorm:write:save:User:import:false',
      'typeorm:count:count:User:import:false',
      'typeorm:write:delete:User:import:false',
    ),
    ops(
      'import { DataSource, In } from "typeorm"; const ds = new DataSource({} as any); ds.manager.find(User, { where: { id: In(ids) } }); ds.manager.save(users); ds.query("SELECT 1");',
      'typeorm:read:find:User:import:true',
      'typeorm:write:save:users:import:false',
      'typeorm:raw:query::import:false',
    ),
    ops(
      'import { Injectable } from "@nestjs/common"; import { InjectRepository } from "@nestjs/typeorm"; import { Repository } from "typeorm"; @Injectable() class UsersService { constructor(@InjectRepository(User) private readonly users: Repository<User>) {} all() { return this.users.find({ relations: ["posts"] }); } }',
      'typeorm:read:find:User:injection:false',
    ),
    ops(
      'import { Repository, EntityManager, DataSource } from "typeorm"; class S { repo: Repository<Order>; constructor(private em: EntityManager, private ds: DataSource) {} a() { return this.repo.findOne({ where: { id: 1 } }); } b() { return this.em.findOneBy(Order, { id: 1 }); } c() { return this.ds.getRepository(Post).exists(); } }',
      'typeorm:read:findOne:Order:annotation:false',
      'typeorm:read:findOneBy:Order:annotation:false',
      'typeorm:read:exists:Post:annotation:false',
    ),
    // A project's wrapper around TypeORM's Connection, by shape: `getRepository` with an entity class last (Vendure's TransactionalConnection).
    ops(
      'import { Injectable } from "@nestjs/common"; import { TransactionalConnection } from "../connection/transactional-connection"; @Injectable() class S { constructor(private connection: TransactionalConnection) {} a(ctx: unknown) { return this.connection.getRepository(ctx, Order).findOne({ where: { id: 1 } }); } b() { return this.connection.rawConnection.getRepository(Seller).find(); } }',
      'typeorm:read:findOne:Order:shape:false',
      'typeorm:read:find:Seller:shape:false',
    ),
    // …and its own reads, the entity second: one row by id, or one query for a list of ids.
    ops(
      'import { TransactionalConnection } from "../connection/transactional-connection"; class S { constructor(private connection: TransactionalConnection) {} a(ctx: unknown, id: string, ids: string[]) { return [this.connection.getEntityOrThrow(ctx, Order, id), this.connection.findOneInChannel(ctx, Product, id, 1), this.connection.findByIdsInChannel(ctx, Product, ids, 1, {}), this.connection.getEntityOrThrow(ctx, ORDER, id), this.service.getEntityOrThrow(ctx, Order, id)]; } }',
      'typeorm:read:getEntityOrThrow:Order:shape:false',
      'typeorm:read:findOneInChannel:Product:shape:false',
      'typeorm:read:findByIdsInChannel:Product:shape:true',
    ),
    ops(
      'import { InjectDataSource, InjectEntityManager } from "@nestjs/typeorm"; class S { constructor(@InjectDataSource() private ds: any, @InjectEntityManager() private em: any) {} a() { return this.ds.query("SELECT 1"); } b() { return this.em.increment(User, {}, "n", 1); } }',
      'typeorm:raw:query::injection:false',
      'typeorm:write:increment:User:injection:false',
    ),
    // Query builders are one operation, at the terminal call.
    ops(
      'import { DataSource } from "typeorm"; const ds = new DataSource({} as any); async function f() { await ds.getRepository(User).createQueryBuilder("u").leftJoinAndSelect("u.posts", "p").where("u.id IN (:...ids)", { ids }).getMany(); await ds.createQueryBuilder().update(User).set({ a: 1 }).where("id = 1").execute(); await ds.createQueryBuilder().select("u").from(User, "u").getCount(); }',
      'typeorm:read:getMany:User:import:true',
      'typeorm:write:execute::import:false',
      'typeorm:count:getCount:User:import:false',
    ),
    ops(
      'import { DataSource } from "typeorm"; const ds = new DataSource({} as any); const qb = ds.getRepository(User).createQueryBuilder("u"); qb.where("u.id = 1"); qb.getOne();',
      'typeorm:read:getOne:User:import:false',
    ),
    // Transactions: the callback's manager
    ops(
      'import { DataSource } from "typeorm"; const ds = new DataSource({} as any); ds.transaction(async (manager) => { await manager.save(User, {}); await manager.getRepository(Post).softDelete(1); });',
      'typeorm:transaction:transaction::import:false',
      'typeorm:write:save:User:import:false',
      'typeorm:write:softDelete:Post:import:false',
    ),
    ops(
      'import { DataSource } from "typeorm"; const ds = new DataSource({} as any); ds.transaction("SERIALIZABLE", async (em) => em.remove(User, u));',
      'typeorm:transaction:transaction::import:false',
      'typeorm:write:remove:User:import:false',
    ),
    // ActiveRecord
    ops(
      'import { BaseEntity, Entity } from "typeorm"; @Entity() class User extends BaseEntity {} async function f() { const u = await User.findOneBy({ id: 1 }); await u.save(); await User.delete({ id: 1 }); }',
      'typeorm:read:findOneBy:User:import:false',
      'typeorm:write:save:User:import:false',
      'typeorm:write:delete:User:import:false',
    ),
    ops('import * as typeorm from "typeorm"; const ds = new typeorm.DataSource({} as any); ds.getRepository(User).countBy({ a: 1 });', 'typeorm:count:countBy:User:import:false'),
    ops('import { AppDataSource } from "../data-source"; AppDataSource.manager.findOneBy(User, { id: 1 });', 'typeorm:read:findOneBy:User:shape:false'),
    // A data source imported from a project module
    ops('import { AppDataSource } from "./data-source"; AppDataSource.getRepository(User).findOneByOrFail({ id: 1 });', 'typeorm:read:findOneByOrFail:User:shape:false'),

    // ---------------------------------------------------------------- Mongoose models of the project's own modules
    // HyperDX's `import Alert from '@/models/alert'`: a static only Mongoose has, anywhere; any model static when the
    // package depends on Mongoose alone of the object mappers (tests/fixtures/mongoose-app/package.json).
    {
      ...ops(
        'import Alert from "@/models/alert"; import { Team } from "../models/team"; import { Helper } from "./helpers"; async function f(id: string) { await Alert.find({ team: id }); await Team.findOne({ _id: id }); await Alert.countDocuments({}); await Helper.findById(id); await Helper.find({}); }',
        'mongoose:read:find:Alert:shape:false',
        'mongoose:read:findOne:Team:shape:false',
        'mongoose:count:countDocuments:Alert:shape:false',
        'mongoose:read:findById:Helper:shape:false',
      ),
      filename: 'tests/fixtures/mongoose-app/src/controllers/alerts.ts',
    },
    // With TypeORM beside it (its BaseEntity has `find` and `findOne` too), only the statics Mongoose alone has.
    {
      ...ops('import Alert from "@/models/alert"; async function f(id: string) { await Alert.find({ team: id }); await Alert.findByIdAndUpdate(id, {}); }', 'mongoose:write:findByIdAndUpdate:Alert:shape:false'),
      filename: 'tests/fixtures/two-mappers-app/src/controllers/alerts.ts',
    },
    // A client handed out by an accessor method named for it, called in place (Jitsu's `db.prisma()`).
    ops(
      'import { db } from "./db"; export async function log(id: string) { await db.prisma().task_log.create({ data: { id } }); await db.getPrisma().workspace.findMany({ where: { id } }); }',
      'prisma:write:create:task_log:shape:false',
      'prisma:read:findMany:workspace:shape:false',
    ),
    // erxes's GraphQL context: models taken by name from a registry named `models` (destructured, or on the context).
    {
      ...ops(
        'import type { IContext } from "~/connectionResolvers"; export const resolvers = { deals: async (_root: unknown, { ids }: { ids: string[] }, { models }: IContext) => { await models.Deals.find({ _id: { $in: ids } }); await models.Stages.findOne({ _id: ids[0] }); }, stage: (_root: unknown, _args: unknown, context: IContext) => context.models.Stages.findById("x"), helper: (_root: unknown, _args: unknown, { models }: IContext) => models.helpers.find(1) };',
        'mongoose:read:find:Deals:shape:true',
        'mongoose:read:findOne:Stages:shape:false',
        'mongoose:read:findById:Stages:shape:false',
      ),
      filename: 'tests/fixtures/mongoose-app/src/graphql/resolvers.ts',
    },

    // ---------------------------------------------------------------- Sequelize
    // A model imported from the project's models (Maxun), by a static only Sequelize has.
    ops(
      'import Robot from "./models/Robot"; import { Run } from "../db/models"; import User from "@/lib/user.model"; import { Helper } from "./helpers"; async function f(id: string) { await Robot.findAll({ where: { userId: id } }); await Run.findOrCreate({ where: { id } }); await User.bulkCreate([]); await Helper.findByPk(id); await Helper.findAll(); }',
      'sequelize:read:findAll:Robot:shape:false',
      'sequelize:write:findOrCreate:Run:shape:false',
      'sequelize:write:bulkCreate:User:shape:true',
      'sequelize:read:findByPk:Helper:shape:false',
    ),
    // Any other model static, and a scope of the model, when the package maps with Sequelize alone (Outline's
    // `@server/models`; tests/fixtures/sequelize-app/package.json).
    {
      ...ops(
        'import { Notification, GroupUser, Document } from "../models"; async function f(id: string) { await Notification.create({ userId: id }); await Notification.findOne({ where: { id } }); await GroupUser.scope("withUser").findAll({ where: { groupId: id } }); await Document.unscoped().count(); }',
        'sequelize:write:create:Notification:shape:false',
        'sequelize:read:findOne:Notification:shape:false',
        'sequelize:read:findAll:GroupUser:shape:false',
        'sequelize:count:count:Document:shape:false',
      ),
      filename: 'tests/fixtures/sequelize-app/src/tasks/notify.ts',
    },
    // A project's own \`getRepository(Entity)\` wrapping its data source's, in a package that depends on TypeORM
    // (Jellyseerr's \`@server/datasource\`; this project's manifest).
    ops(
      'import { getRepository } from "../datasource"; async function f(id: number) { const repo = getRepository(User); await repo.findOne({ where: { id } }); await getRepository(Media).save(media); }',
      'typeorm:read:findOne:User:import:false',
      'typeorm:write:save:Media:import:false',
    ),
    // …and one a project object hands out under a `…Model` name (Audiobookshelf's `Database` singleton, CommonJS).
    {
      ...ops(
        'const Database = require("../Database"); async function f(id: string) { await Database.bookModel.findAll({ where: { libraryId: id } }); await Database.mediaProgressModel.findOne({ where: { id } }); }',
        'sequelize:read:findAll:Book:shape:false',
        'sequelize:read:findOne:MediaProgress:shape:false',
      ),
      filename: 'tests/fixtures/sequelize-app/src/controllers/books.ts',
    },
    ops(
      // An array value is IN; one spelled out element by element (`[1, 2]`) is a few fixed keys, not a batch.
      'import { Model, DataTypes } from "sequelize"; class User extends Model {} async function f() { await User.findAll({ where: { id: [...ids] } }); await User.findAll({ where: { id: [1, 2] } }); await User.findByPk(1); await User.count(); await User.bulkCreate([]); }',
      'sequelize:read:findAll:User:import:true',
      'sequelize:read:findAll:User:import:false',
      'sequelize:read:findByPk:User:import:false',
      'sequelize:count:count:User:import:false',
      'sequelize:write:bulkCreate:User:import:true',
    ),
    ops(
      'import { Sequelize, Op } from "sequelize"; const sequelize = new Sequelize("sqlite::memory:"); const User = sequelize.define("User", {}); User.findOne({ where: { id: { [Op.in]: ids } } }); User.destroy({ where: { id: 1 } }); sequelize.query("SELECT 1"); sequelize.transaction(async (t) => {});',
      'sequelize:read:findOne:User:import:true',
      'sequelize:write:destroy:User:import:false',
      'sequelize:raw:query::import:false',
      'sequelize:transaction:transaction::import:false',
    ),
    ops(
      'import { Model } from "sequelize-typescript"; class Post extends Model {} async function f() { const p = await Post.findOne(); await p.update({ a: 1 }); await p.reload(); const posts = await Post.findAll(); for (const x of posts) { await x.destroy(); } posts.forEach((y) => y.save()); }',
      'sequelize:read:findOne:Post:import:false',
      'sequelize:write:update:Post:import:false',
      'sequelize:read:reload:Post:import:false',
      'sequelize:read:findAll:Post:import:false',
      'sequelize:write:destroy:Post:import:false',
      'sequelize:write:save:Post:import:false',
    ),
    ops('import { Model } from "sequelize"; class User extends Model { static active() { return this.findAll({ where: { active: true } }); } }', 'sequelize:read:findAll:User:import:false'),
    ops('import { Model } from "sequelize"; class Tag extends Model {} async function f() { const [tag, created] = await Tag.findOrCreate({ where: { name: "a" } }); await tag.increment("uses"); }', 'sequelize:write:findOrCreate:Tag:import:false', 'sequelize:write:increment:Tag:import:false'),
    ops('import { Model } from "sequelize"; class P extends Model {} P.create({ profile: { tags: ["a", "b"] } }); P.findAll({ attributes: ["id"], order: [["id", "DESC"]] });', 'sequelize:write:create:P:import:false', 'sequelize:read:findAll:P:import:false'),
    ops('const { Sequelize } = require("sequelize"); const sequelize = new Sequelize(""); sequelize.models.User.create({});', 'sequelize:write:create:User:import:false'),
    ops(
      'import { InjectModel } from "@nestjs/sequelize"; class S { constructor(@InjectModel(User) private userModel: typeof User) {} a() { return this.userModel.findAll(); } }',
      'sequelize:read:findAll:User:injection:false',
    ),

    // ---------------------------------------------------------------- Mongoose
    ops(
      'import mongoose from "mongoose"; const User = mongoose.model("User", schema); User.find({ _id: { $in: ids } }).sort({ a: 1 }).limit(10).lean().exec(); User.findById(id); User.updateMany({}, {}); User.countDocuments(); User.insertMany([]);',
      'mongoose:read:find:User:import:true',
      'mongoose:read:findById:User:import:false',
      'mongoose:write:updateMany:User:import:false',
      'mongoose:count:countDocuments:User:import:false',
      'mongoose:write:insertMany:User:import:true',
    ),
    ops(
      'import { model, Schema } from "mongoose"; const Order = model("Order", new Schema({})); async function f() { const o = await Order.findOne({}); o.status = "x"; await o.save(); const n = new Order({}); await n.save(); Order.findOne().then((d) => d.deleteOne()); }',
      'mongoose:read:findOne:Order:import:false',
      'mongoose:write:save:Order:import:false',
      'mongoose:write:save:Order:import:false',
      'mongoose:read:findOne:Order:import:false',
      'mongoose:write:deleteOne:Order:import:false',
    ),
    ops(
      'import { Model } from "mongoose"; import { InjectModel } from "@nestjs/mongoose"; class S { constructor(@InjectModel(Cat.name) private catModel: Model<Cat>) {} a() { return this.catModel.find().populate("owner").exec(); } b() { return this.catModel.aggregate([]).match({}).exec(); } }',
      'mongoose:read:find:Cat:injection:false',
      'mongoose:read:aggregate:Cat:injection:false',
    ),
    ops('import { Model } from "mongoose"; function f(users: Model<UserDoc>) { return users.findOneAndUpdate({}, {}); }', 'mongoose:write:findOneAndUpdate:UserDoc:annotation:false'),
    ops('import mongoose from "mongoose"; const conn = mongoose.createConnection("x"); const Tank = conn.model("Tank", schema); Tank.deleteMany({});', 'mongoose:write:deleteMany:Tank:import:false'),

    // ---------------------------------------------------------------- Knex
    ops(
      'import knex from "knex"; const db = knex({ client: "pg" }); db("users").where({ id: 1 }).first(); db("users"); db.select("*").from("users").whereIn("id", ids); db.raw("select 1"); db("users").insert([{ a: 1 }]); db("orders").count("id");',
      'knex:read:select:users:import:false',
      'knex:read:select:users:import:false',
      'knex:read:select:users:import:true',
      'knex:raw:raw::import:false',
      'knex:write:select:users:import:true',
      'knex:count:select:orders:import:false',
    ),
    ops(
      'const Knex = require("knex"); const k = Knex({}); k.transaction(async (trx) => { await trx("users").update({ a: 1 }); await trx.insert({}).into("logs"); });',
      'knex:transaction:transaction::import:false',
      'knex:write:select:users:import:false',
      'knex:write:insert:logs:import:false',
    ),
    ops('import { Knex } from "knex"; class R { constructor(private readonly knex: Knex) {} one(id: number) { return this.knex("users").where("id", id).first(); } }', 'knex:read:select:users:annotation:false'),
    ops('import type { Knex } from "knex"; async function f(trx: Knex.Transaction) { await trx("users").del(); }', 'knex:write:select:users:annotation:false'),
    ops('import { db } from "./db"; db("users").where({ a: 1 }); import { knex } from "../knex"; knex.raw("SELECT 1 WHERE id IN (1)");', 'knex:read:select:users:shape:false', 'knex:raw:raw::shape:true'),
    // A table named by a constant or a field, as knex repositories write it (`db<Row>(USERS_TABLE)`, `this.knex(this.tableName)`).
    ops(
      'import { db } from "./db"; import { USERS_TABLE, Tables } from "./tables"; db<Row>(USERS_TABLE).where({ a: 1 }).first(); db(Tables.ORDER_ITEMS).del(); class R { tableName = "t"; m() { return db(this.tableName).where({ a: 1 }); } }',
      'knex:read:select::shape:false',
      'knex:write:select::shape:false',
      'knex:read:select::shape:false',
    ),
    // A subquery is part of the outer query
    ops('import knex from "knex"; const db = knex({}); db("users").whereIn("id", db("orders").select("userId"));', 'knex:read:select:users:import:true'),
    ops('import knex from "knex"; const db = knex({}); async function f() { const trx = await db.transaction(); await trx("a").insert({}); }', 'knex:transaction:transaction::import:false', 'knex:write:select:a:import:false'),

    ops('const knex = require("knex")({ client: "pg" }); knex("users").select("id");', 'knex:read:select:users:import:false'),
    // A chain kept in a variable and continued later is one operation, where it continues.
    ops(
      'import knex from "knex"; const db = knex({}); async function f(id?: number) { const q = db("users").select("id"); if (id) q.where({ id }); return q.orderBy("id"); }',
      'knex:read:select:users:import:false',
    ),
    ops('import { MongoClient } from "mongodb"; const c = new MongoClient("x").db().collection("c"); async function f() { const cursor = c.find({}); return cursor.limit(5).toArray(); }', 'mongodb:read:find:c:import:false'),

    // ---------------------------------------------------------------- Drizzle
    // A subquery handed to an operator the project's database module re-exports beside its client (unkey's `@/lib/db`),
    // made per element of a list: one outer query, whatever calls the module's own functions take.
    ops(
      'import { db, eq, exists, or, schema } from "@/lib/db"; async function f(names: string[]) { const conditions = names.map((name) => exists(db.select().from(schema.permissions).where(eq(schema.permissions.name, name)))); return db.select().from(schema.keys).where(or(...conditions)); }',
      'drizzle:read:select:keys:shape:false',
    ),
    // A function of another module taking the builder is not known to nest it: the builder still runs.
    ops(
      'import { db, schema } from "@/lib/db"; import { logQuery } from "@/lib/log"; async function f() { await logQuery(db.select().from(schema.keys)); }',
      'drizzle:read:select:keys:shape:false',
    ),
    ops(
      'import { drizzle } from "drizzle-orm/node-postgres"; import { eq, inArray } from "drizzle-orm"; const db = drizzle(process.env.DATABASE_URL!); db.select().from(users).where(eq(users.id, 1)); db.select().from(users).where(inArray(users.id, ids)); db.insert(users).values({}); db.update(users).set({}).where(eq(users.id, 1)); db.delete(users);',
      'drizzle:read:select:users:import:false',
      'drizzle:read:select:users:import:true',
      'drizzle:write:insert:users:import:false',
      'drizzle:write:update:users:import:false',
      'drizzle:write:delete:users:import:false',
    ),
    ops(
      'import { drizzle } from "drizzle-orm/postgres-js"; const db = drizzle(client, { schema }); db.query.users.findMany({ with: { posts: true } }); db.query.posts.findFirst(); db.execute(sql`select 1`); db.transaction(async (tx) => { await tx.insert(users).values([{}, {}]); });',
      'drizzle:read:findMany:users:import:false',
      'drizzle:read:findFirst:posts:import:false',
      'drizzle:raw:execute::import:false',
      'drizzle:transaction:transaction::import:false',
      'drizzle:write:insert:users:import:true',
    ),
    ops('import type { NodePgDatabase } from "drizzle-orm/node-postgres"; function f(db: NodePgDatabase<typeof schema>) { return db.select({ id: users.id }).from(users).limit(1); }', 'drizzle:read:select:users:annotation:false'),
    ops('import { db } from "./db"; db.select().from(users); db.insert(users).values({}); db.query.users.findMany();', 'drizzle:read:select:users:shape:false', 'drizzle:write:insert:users:shape:false', 'drizzle:read:findMany:users:shape:false'),
    // A table's name in a constant is Knex's (Unleash's `this.db.select(COLUMNS).from(T.ROLES)`); a Drizzle table object is named like a value.
    ops(
      'import { db } from "./db"; import { TABLE, T, COLUMNS, usersTable, schema } from "./tables"; db.select(COLUMNS).from(TABLE); db.select(COLUMNS).from(T.ROLES); db.select(COLUMNS).from(T.featureStrategies); db.select().from(usersTable); db.select().from(schema.users);',
      'knex:read:select::shape:false',
      'knex:read:select::shape:false',
      'knex:read:select::shape:false',
      'drizzle:read:select:usersTable:shape:false',
      'drizzle:read:select:users:shape:false',
    ),
    // Knex's string tables on an opaque db
    ops('import { db } from "./db"; db.select("id").from("users");', 'knex:read:select:users:shape:false'),
    // A client imported under another name is judged by the module's own name too (OpenStatus's `db as defaultDb`,
    // then `const db = ctx.db ?? defaultDb`), and a `…Db` name (`readDb`) is a client; `x.query.t.findMany` is
    // Drizzle's relational API, never Prisma's; `$count` on a client judged by name is Drizzle's count.
    ops(
      'import { db as defaultDb } from "@openstatus/db"; export async function f(ctx: { db?: unknown }, id: number) { const db = (ctx.db as any) ?? defaultDb; await db.select().from(page).where(eq(page.id, id)); await defaultDb.$count(page, eq(page.workspaceId, id)); }',
      'drizzle:read:select:page:shape:false',
      'drizzle:count:$count:page:shape:false',
    ),
    ops('import { getReadDb } from "./db"; export async function f(ctx: unknown) { const readDb = getReadDb(ctx); return readDb.query.page.findMany({ where: eq(page.workspaceId, 1) }); }', 'drizzle:read:findMany:page:shape:false'),
    // …and the relational shape under any name, taking what that API takes (Dittofeed's `pTx` in a transaction).
    ops('import { db } from "./db"; export async function f() { await db().transaction(async (pTx) => { await pTx.query.secret.findFirst({ where: eq(secret.id, 1) }); }); }', 'drizzle:read:findFirst:secret:shape:false'),

    // ---------------------------------------------------------------- Kysely
    ops(
      'import { Kysely, sql } from "kysely"; const db = new Kysely<DB>({} as any); db.selectFrom("person").selectAll().where("id", "in", ids).execute(); db.insertInto("person").values({}).executeTakeFirst(); db.updateTable("person as p").set({}).where("id", "=", 1).executeTakeFirstOrThrow(); db.deleteFrom("person").execute(); sql`select 1`.execute(db);',
      'kysely:read:selectFrom:person:import:true',
      'kysely:write:insertInto:person:import:false',
      'kysely:write:updateTable:person:import:false',
      'kysely:write:deleteFrom:person:import:false',
      'kysely:raw:execute::import:false',
    ),
    ops(
      'import { Kysely, Transaction } from "kysely"; declare const db: Kysely<DB>; db.transaction().execute(async (trx) => { await trx.selectFrom("a").selectAll().execute(); }); async function f(trx: Transaction<DB>) { await trx.deleteFrom("a").execute(); }',
      'kysely:transaction:execute::annotation:false',
      'kysely:read:selectFrom:a:annotation:false',
      'kysely:write:deleteFrom:a:annotation:false',
    ),
    ops('import { db } from "./db"; db.selectFrom("users").select(["id"]).executeTakeFirst();', 'kysely:read:selectFrom:users:shape:false'),

    // ---------------------------------------------------------------- MikroORM
    ops(
      'import { EntityManager } from "@mikro-orm/core"; class S { constructor(private readonly em: EntityManager) {} a() { return this.em.find(User, { id: { $in: ids } }); } b() { return this.em.persistAndFlush(u); } c() { return this.em.getRepository(Post).findOne(1); } d() { return this.em.transactional((em) => em.nativeDelete(User, {})); } }',
      'mikro-orm:read:find:User:annotation:true',
      'mikro-orm:write:persistAndFlush:u:annotation:false',
      'mikro-orm:read:findOne:Post:annotation:false',
      'mikro-orm:transaction:transactional::annotation:false',
      'mikro-orm:write:nativeDelete:User:annotation:false',
    ),
    ops('import { EntityRepository } from "@mikro-orm/core"; class BookRepository extends EntityRepository<Book> { recent() { return this.find({}, { limit: 5 }); } }', 'mikro-orm:read:find:BookRepository:import:false'),
    ops('import type { EntityManager } from "@mikro-orm/core"; async function f(em: EntityManager) { await em.persist(a).persist(b).flush(); }', 'mikro-orm:write:flush::annotation:false'),
    ops(
      'import { MikroORM } from "@mikro-orm/postgresql"; async function f() { const orm = await MikroORM.init({}); const em = orm.em.fork(); await em.findAll(User); await em.flush(); }',
      'mikro-orm:read:findAll:User:import:false',
      'mikro-orm:write:flush::import:false',
    ),
    ops(
      'import { InjectRepository } from "@mikro-orm/nestjs"; import { EntityRepository } from "@mikro-orm/core"; class S { constructor(@InjectRepository(Book) private books: EntityRepository<Book>) {} a() { return this.books.findAndCount({}); } }',
      'mikro-orm:read:findAndCount:Book:injection:false',
    ),

    // ---------------------------------------------------------------- node-postgres
    ops(
      'import { Pool } from "pg"; const pool = new Pool(); async function f() { await pool.query("SELECT * FROM users WHERE id = ANY($1)", [ids]); const client = await pool.connect(); await client.query("BEGIN"); client.release(); }',
      'pg:raw:query::import:true',
      'pg:raw:query::import:false',
    ),
    ops('import pg from "pg"; const client = new pg.Client(); client.query({ text: "SELECT 1" });', 'pg:raw:query::import:false'),
    ops('const { Pool } = require("pg"); const pool = new Pool(); pool.query(`SELECT * FROM t WHERE id IN (${list})`);', 'pg:raw:query::import:true'),
    ops('import type { PoolClient } from "pg"; async function f(c: PoolClient) { await c.query("select 1"); }', 'pg:raw:query::annotation:false'),

    // ---------------------------------------------------------------- mysql2
    ops(
      'import mysql from "mysql2/promise"; async function f() { const conn = await mysql.createConnection({}); await conn.execute("SELECT 1"); const pool = mysql.createPool({}); await pool.query("SELECT * FROM t WHERE id IN (?)", [ids]); const c = await pool.getConnection(); await c.query("x"); }',
      'mysql2:raw:execute::import:false',
      'mysql2:raw:query::import:true',
      'mysql2:raw:query::import:false',
    ),
    ops('import { createPool } from "mysql2"; const pool = createPool({}); pool.query("SELECT 1", (err, rows) => {});', 'mysql2:raw:query::import:false'),
    ops('import type { Pool } from "mysql2/promise"; function f(pool: Pool) { return pool.execute("SELECT 1"); }', 'mysql2:raw:execute::annotation:false'),

    // ---------------------------------------------------------------- MongoDB driver
    ops(
      'import { MongoClient } from "mongodb"; const client = new MongoClient("x"); const users = client.db("app").collection("users"); users.find({ a: 1 }).sort({ a: 1 }).limit(5).toArray(); users.findOne({}); users.insertMany([]); users.updateOne({}, {}); users.aggregate([]).toArray(); users.countDocuments({ _id: { $in: ids } });',
      'mongodb:read:find:users:import:false',
      'mongodb:read:findOne:users:import:false',
      'mongodb:write:insertMany:users:import:true',
      'mongodb:write:updateOne:users:import:false',
      'mongodb:read:aggregate:users:import:false',
      'mongodb:count:countDocuments:users:import:true',
    ),
    ops('import { Collection, Db } from "mongodb"; function f(c: Collection<User>, db: Db) { c.deleteMany({}); db.collection("orders").bulkWrite([]); }', 'mongodb:write:deleteMany:User:annotation:false', 'mongodb:write:bulkWrite:orders:annotation:true'),
    ops('import { db } from "./mongo"; db.collection("users").findOneAndUpdate({}, {});', 'mongodb:write:findOneAndUpdate:users:shape:false'),
    ops('import { MongoClient } from "mongodb"; async function f() { const client = await MongoClient.connect("x"); for await (const d of client.db().collection("c").find()) { d; } }', 'mongodb:read:find:c:import:false'),

    // ---------------------------------------------------------------- Redis
    ops(
      'import Redis from "ioredis"; const redis = new Redis(); redis.get("a"); redis.set("a", "1"); redis.mget("a", "b"); redis.hgetall("h"); redis.pipeline().get("a").set("b", "1").exec(); redis.multi().incr("a").exec();',
      'redis:read:get::import:false',
      'redis:write:set::import:false',
      'redis:read:mget::import:true',
      'redis:read:hgetall::import:false',
      'redis:write:pipeline::import:true',
      'redis:write:multi::import:true',
    ),
    ops(
      'import { createClient } from "redis"; const client = createClient(); async function f() { await client.connect(); await client.hGetAll("h"); await client.HSET("h", "a", "1"); await client.mGet(["a"]); }',
      'redis:read:hGetAll::import:false',
      'redis:write:HSET::import:false',
      'redis:read:mGet::import:true',
    ),
    ops('import { Redis } from "ioredis"; class C { constructor(private readonly redis: Redis) {} a() { return this.redis.zadd("z", 1, "a"); } }', 'redis:write:zadd::annotation:false'),
    ops('import type { RedisClientType } from "redis"; async function f(r: RedisClientType) { const p = r.multi(); p.get("a"); await p.exec(); }', 'redis:write:multi::annotation:true'),
    ops('const Redis = require("ioredis"); const r = new Redis.Cluster([]); r.del("a");', 'redis:write:del::import:false'),
    ops('class C { constructor(private redis) {} a() { return this.redis.get("k"); } }', 'redis:read:get::shape:false'),
    // A client a project factory returns is judged by the name it is kept under, as a parameter is.
    ops('import { getRedisCache } from "@acme/redis"; async function f() { const redis = getRedisCache(); await redis.del("k"); }', 'redis:write:del::shape:false'),
    ops('import { getDb } from "./db"; async function f(id: string) { const db = await getDb(); return db("users").where({ id }).first(); }', 'knex:read:select:users:shape:false'),
    // The driver underneath Mongoose's connection (GrowthBook's `getCollection(name)`), and a helper of the file that returns a library object.
    ops('import mongoose from "mongoose"; async function f() { return mongoose.connection.db.collection("teams").find({}).toArray(); }', 'mongodb:read:find:teams:import:false'),
    ops('import mongoose from "mongoose"; async function f() { await mongoose.connection.collection("orders").insertOne({ a: 1 }); }', 'mongodb:write:insertOne:orders:import:false'),
    ops('import mongoose from "mongoose"; function getCollection(name: string) { return mongoose.connection.db.collection(name); } async function f() { return getCollection("teams").find({}).toArray(); }', 'mongodb:read:find::import:false'),
    ops('import { PrismaClient } from "@prisma/client"; const prisma = new PrismaClient(); const users = () => prisma.user; async function f() { return users().findMany(); }', 'prisma:read:findMany:user:import:false'),
    // A field declared without a type (or as `any`) and set once by a method (Jackson's stores' `init()`).
    ops('import * as redis from "redis"; class Store { private client!: any; async init() { try { this.client = redis.createClient({}); await this.client.connect(); } catch (e) { throw e; } return this; } get(k: string) { return this.client.sMembers(k); } }', 'redis:read:sMembers::import:false'),
    ops('import { DataSource } from "typeorm"; class Index {} class Sql { indexRepository; constructor(private ds: DataSource) {} async init() { this.indexRepository = this.ds.getRepository(Index); } async drop(id: number) { await this.indexRepository.remove({ id }); } }', 'typeorm:write:remove:Index:annotation:false'),
    // Payload's Local API and database adapter, from getPayload() or by name with a collection named (Payload's operations).
    ops('import { getPayload } from "payload"; import config from "@payload-config"; export async function posts() { const payload = await getPayload({ config }); return payload.find({ collection: "posts", where: { status: { equals: "published" } } }); }', 'payload:read:find:posts:import:false'),
    ops('export async function user(req: any) { return req.payload.findByID({ collection: "users", id: req.params.id }); }', 'payload:read:findByID:users:shape:false'),
    ops('import type { PayloadRequest } from "payload"; export async function user(req: PayloadRequest, id: string) { return req.payload.findByID({ collection: "users", id }); }', 'payload:read:findByID:users:annotation:false'),
    ops('export async function drop(req: any, id: string) { await req.payload.db.deleteOne({ collection: "posts", where: { id: { equals: id } } }); }', 'payload:write:deleteOne:posts:shape:false'),
    ops('export async function publish(req: any, ids: string[]) { await req.payload.update({ collection: "posts", where: { id: { in: ids } }, data: { status: "published" } }); }', 'payload:write:update:posts:shape:true'),
    // A lazy builder continued under its own name and awaited is sent once, at its last step.
    ops('import { drizzle } from "drizzle-orm/node-postgres"; const db = drizzle("postgres://x"); export async function f(t: any, where: any) { let query = db.select().from(t); if (where) query = query.where(where); return await query; }', 'drizzle:read:select:t:import:false'),
    // …and one called in place, judged by the accessor's name (Dittofeed's `db()`), but not a call with arguments.
    ops('import { db } from "./db"; async function f() { return db().query.segment.findMany(); }', 'drizzle:read:findMany:segment:shape:false'),
    ops('import { db } from "./db"; async function f() { return db().select().from(segment); }', 'drizzle:read:select:segment:shape:false'),
    // The transaction client of a project client's `$transaction` (a Prisma-only method).
    ops('import { dbWrite } from "~/server/db/client"; async function f(rows: { id: number }[]) { await dbWrite.$transaction(async (tx) => { for (const r of rows) await tx.model.create({ data: { id: r.id } }); }); }', 'prisma:transaction:$transaction::shape:false', 'prisma:write:create:model:shape:false'),
    ops('import { dbRead, dbWrite } from "~/server/db/client"; function f(fromWrite: boolean) { const db = fromWrite ? dbWrite : dbRead; return db.tag.findMany({ where: { id: 1 } }); }', 'prisma:read:findMany:tag:shape:false'),
  ],
});

// ---------------------------------------------------------------------------------------------------------
// A monorepo's own database package (Teable's `@teable/db-main-prisma`): what it exports, and the types annotations
// take from it, are judged as a project module's are; other scoped packages and unscoped ones hold no client.

describe('isWorkspaceDatabasePackage', () => {
  it('accepts a scoped package when a word of its name is a database word', () => {
    for (const source of ['@documenso/prisma', '@acme/db', '@teable/db-main-prisma', '@acme/database-client', '@acme/core.db', '@acme/redis-cache']) {
      expect(isWorkspaceDatabasePackage(source), source).toBe(true);
    }
  });
  it('leaves other scoped packages, unscoped packages and deep imports alone', () => {
    for (const source of ['@acme/ui-kit', '@acme/dbx', '@acme/prismatic', '@acme/sqlite-utils', 'db-utils', 'sql-formatter', 'redis-mock', 'prisma', '@acme/db/client', './db']) {
      expect(isWorkspaceDatabasePackage(source), source).toBe(false);
    }
  });
});

const TEABLE_PRISMA_SERVICE = 'import { PrismaService } from "@teable/db-main-prisma"; ';

untypedRuleTester().run('analysis-db-operations: workspace database packages (untyped)', dbProbe, {
  valid: [
    // Not a database package of the workspace: its exports and the types it declares hold no client.
    'import { PrismaService } from "@acme/ui-kit"; class S { constructor(private readonly prismaService: PrismaService) {} m() { return this.prismaService.user.update({ where: { id: 1 }, data: {} }); } }',
    'import { prisma } from "@acme/ui-kit"; prisma.user.create({ data: {} });',
    // Unscoped packages never count, whatever their name says.
    'import { prisma, db } from "db-utils"; prisma.user.create({ data: {} }); db.user.update({ where: { id: 1 }, data: {} });',
    // A project method on the client that takes arguments, or whose result is not used as a client, returns something unknown.
    `${TEABLE_PRISMA_SERVICE}class S { constructor(private readonly prismaService: PrismaService) {} m(id: string) { return this.prismaService.txClient(id).base.update({ where: { id }, data: {} }); } }`,
    `${TEABLE_PRISMA_SERVICE}class S { constructor(private readonly prismaService: PrismaService) {} m(id: string) { return this.prismaService.getCache().store.get(id); } }`,
    `${TEABLE_PRISMA_SERVICE}class S { constructor(private readonly prismaService: PrismaService) {} m(id: string) { const cache = this.prismaService.cache(); return cache.entries.set(id); } }`,
    // @nestjs-cls/transactional's host over another adapter is no Prisma client.
    'import { TransactionHost } from "@nestjs-cls/transactional"; class S { constructor(private readonly host: TransactionHost<TransactionalAdapterKnex>) {} list() { return this.host.tx.user.findMany(); } }',
  ],
  invalid: [
    // The annotated constructor parameter is a Prisma client by its type's name…
    ops(
      `${TEABLE_PRISMA_SERVICE}class SpaceService { constructor(private readonly prismaService: PrismaService) {} list(spaceId: string) { return this.prismaService.base.findMany({ where: { spaceId } }); } }`,
      'prisma:read:findMany:base:annotation:false',
    ),
    // …or, when the type's name says nothing, by its own name.
    ops(
      'import { MainClient } from "@teable/db-main-prisma"; class S { constructor(private readonly prismaService: MainClient) {} m() { return this.prismaService.user.update({ where: { id: 1 }, data: {} }); } }',
      'prisma:write:update:user:shape:false',
    ),
    ops('import { prisma } from "@acme/database-client"; prisma.user.create({ data: {} });', 'prisma:write:create:user:shape:false'),
    // Teable's `txClient()`: a method of its own on the client, used as a client (`.<model>.<method>`, `.$executeRawUnsafe`, a tag, a `const`).
    ops(
      `${TEABLE_PRISMA_SERVICE}class S { constructor(private readonly prismaService: PrismaService) {} async m(id: string) { await this.prismaService.txClient().base.update({ where: { id }, data: {} }); await this.prismaService.txClient().$executeRawUnsafe("DELETE FROM t"); await this.prismaService.txClient().$queryRaw\`SELECT 1\`; } }`,
      'prisma:write:update:base:annotation:false',
      'prisma:raw:$executeRawUnsafe::annotation:false',
      'prisma:raw:$queryRaw::annotation:false',
    ),
    ops(
      `${TEABLE_PRISMA_SERVICE}class S { constructor(private readonly prismaService: PrismaService) {} async m(id: string) { const prisma = this.prismaService.txClient(); await prisma.$executeRawUnsafe("DELETE FROM t"); return prisma.field.findMany({ where: { id } }); } }`,
      'prisma:raw:$executeRawUnsafe::annotation:false',
      'prisma:read:findMany:field:annotation:false',
    ),
    // A callback handed to a method of the project's own (Teable's `$tx`): its parameter is judged by name, as any parameter is.
    ops(
      `${TEABLE_PRISMA_SERVICE}class S { constructor(private readonly prismaService: PrismaService) {} async m(id: string) { await this.prismaService.$tx(async (prisma) => prisma.base.update({ where: { id }, data: {} })); await this.prismaService.$tx(async (handle) => handle.base.update({ where: { id }, data: {} })); } }`,
      'prisma:write:update:base:shape:false',
    ),
    // @nestjs-cls/transactional's host of the Prisma transaction: `txHost.tx` is the client; another adapter's host is not Prisma's.
    ops(
      'import { TransactionHost } from "@nestjs-cls/transactional"; import { TransactionalAdapterPrisma } from "@nestjs-cls/transactional-adapter-prisma"; class S { constructor(private readonly txHost: TransactionHost<TransactionalAdapterPrisma>) {} list() { return this.txHost.tx.user.findMany(); } }',
      'prisma:read:findMany:user:annotation:false',
    ),
    // The same on a subclass of `PrismaClient` declared in the file.
    ops(
      'import { PrismaClient } from "@prisma/client"; class Db extends PrismaClient { tx() { return this; } } const db = new Db(); db.tx().user.findMany();',
      'prisma:read:findMany:user:import:false',
    ),
  ],
});

// ---------------------------------------------------------------------------------------------------------
// Relation loads: Prisma's fluent API, Sequelize association accessors, TypeORM lazy relations.
// This probe adds the relation to each operation and reports lazy relation reads (`lazy:…`).

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

const relations = (code: string, ...expected: (string | { op: string; column: number; endColumn: number })[]) => ({
  code,
  errors: expected.map((item) => (typeof item === 'string' ? { messageId: 'op' as const, data: { op: item } } : { messageId: 'op' as const, data: { op: item.op }, column: item.column, endColumn: item.endColumn })),
});

const PRISMA_CLIENT = 'import { PrismaClient } from "@prisma/client"; const prisma = new PrismaClient(); ';
const SEQUELIZE_MODELS =
  'import { Model, HasManyGetAssociationsMixin } from "sequelize"; class Post extends Model {} class User extends Model { declare getPosts: HasManyGetAssociationsMixin<Post>; getFullName() { return ""; } declare getLines: () => Promise<unknown[]>; } ';
const TYPEORM_ENTITIES =
  'import { DataSource, Entity, OneToOne, OneToMany, ManyToOne } from "typeorm"; @Entity() class Profile {} @Entity() class Photo {} @Entity() class User { @OneToOne(() => Profile) profile!: Promise<Profile>; @OneToMany(() => Photo, (p) => p) photos?: Promise<Photo[]>; @ManyToOne(() => Profile) eager!: Profile; avatar!: Promise<string>; } const ds = new DataSource({} as any); const repo = ds.getRepository(User); ';

const RELATION_VALID = [
  // Prisma: a promise's own methods, a look-alike object, a query kept whole.
  `${PRISMA_CLIENT}const api = { user: { findUnique: (_: unknown) => ({ posts: () => [] as number[] }) } }; api.user.findUnique({ where: { id: 1 } }).posts();`,
  // Sequelize: a method of the model's own, Model's getDataValue, an accessor-shaped property with no association, a plain object's getPosts.
  `${SEQUELIZE_MODELS}function f(u: User) { u.getFullName(); u.getDataValue("id"); }`,
  'import { Model } from "sequelize"; class User extends Model { declare getLines: () => Promise<unknown[]>; } function f(u: User) { return u.getLines(); }',
  'import { Model } from "sequelize"; class Base extends Model { getSummary() { return ""; } } class Post extends Model {} class User extends Base {} User.hasMany(Post); function f(u: User) { return u.getSummary(); }',
  'const feed = { getPosts: () => [] as number[] }; feed.getPosts();',
  'import { Model } from "sequelize"; class User extends Model {} const plain = { hasOwnProperty: (k: string) => k }; plain.hasOwnProperty("a");',
  // TypeORM: eager relations, promise-typed properties that are no relation, classes TypeORM knows nothing of.
  `${TYPEORM_ENTITIES}async function g(u: User) { u.eager; await u.avatar; }`,
  'class Job { result!: Promise<string>; } async function f(jobs: Job[]) { for (const j of jobs) await j.result; }',
  'import { Entity } from "typeorm"; const OneToOne = (_: unknown) => (_t: object, _k: string) => undefined; @Entity() class Node2 { @OneToOne(() => Node2) next!: Promise<Node2>; } async function f(n: Node2) { await n.next; }',
];

untypedRuleTester().run('analysis-db-operations: relation loads (untyped)', relationProbe, {
  valid: [
    ...RELATION_VALID,
    // Without types, a receiver nothing traces to an entity or model class of the file is unknown.
    `${TYPEORM_ENTITIES}declare function load(): Promise<User[]>; async function f() { for (const u of await load()) await u.profile; }`,
    `${SEQUELIZE_MODELS}declare const users: User[]; async function f() { for (const u of users) await u.getPosts(); }`,
  ],
  invalid: [
    // Prisma's fluent API: one operation, at the outermost call.
    relations(`${PRISMA_CLIENT}prisma.user.findUnique({ where: { id: 1 } }).posts();`, { op: 'prisma:read:findUnique:user:import:posts', column: 83, endColumn: 135 }),
    relations(
      `${PRISMA_CLIENT}async function f() { await prisma.post.findFirst({ where: { id: 1 } }).author().orders({ take: 5 }); await prisma.user.update({ where: { id: 1 }, data: {} }).posts(); }`,
      'prisma:read:findFirst:post:import:orders',
      'prisma:write:update:user:import:posts',
    ),
    // `.then`/`.catch` are no relation; a chain continued through a variable the analysis does not follow stays where it starts.
    relations(`${PRISMA_CLIENT}prisma.user.findUnique({ where: { id: 1 } }).then((u) => u); const q = prisma.user.findFirst({}); q.posts();`, 'prisma:read:findUnique:user:import:-', 'prisma:read:findFirst:user:import:-'),
    // Sequelize: accessors declared with the mixin types, or made by an association the file declares; sequelize-typescript's $get.
    relations(`${SEQUELIZE_MODELS}async function f() { for (const u of await User.findAll()) { await u.getPosts(); } }`, 'sequelize:read:findAll:User:import:-', 'sequelize:read:getPosts:User:import:Posts'),
    relations(
      'import { Model, DataTypes, Sequelize } from "sequelize"; const sequelize = new Sequelize("x"); const Author = sequelize.define("Author", { name: DataTypes.STRING }); const Tag = sequelize.define("Tag", {}); Author.belongsToMany(Tag, { through: "AuthorTags" }); async function f() { const a = await Author.findByPk(1); await a!.addTag(2); await a!.countTags(); await a!.hasTag(3); }',
      'sequelize:read:findByPk:Author:import:-',
      'sequelize:write:addTag:Author:import:Tag',
      'sequelize:count:countTags:Author:import:Tags',
      'sequelize:read:hasTag:Author:import:Tag',
    ),
    relations(
      'import { Model } from "sequelize-typescript"; class Post extends Model {} async function f() { const p = await Post.findOne(); await p!.$get("comments"); await p!.$count("likes"); }',
      'sequelize:read:findOne:Post:import:-',
      'sequelize:read:$get:Post:import:comments',
      'sequelize:count:$count:Post:import:likes',
    ),
    // TypeORM: relations declared `Promise<…>` read on entities traced to their class.
    relations(
      `${TYPEORM_ENTITIES}async function f(list: User[], one: User) { for (const u of await repo.find()) await u.profile; list.map((u) => u.photos); await one.photos; }`,
      'typeorm:read:find:User:import:-',
      'lazy:typeorm:profile:User:annotation',
      'lazy:typeorm:photos:User:annotation',
      'lazy:typeorm:photos:User:annotation',
    ),
    relations(
      'import { BaseEntity, Entity, ManyToOne } from "typeorm"; @Entity() class Team extends BaseEntity {} @Entity() class Player extends BaseEntity { @ManyToOne(() => Team) team!: Promise<Team | undefined>; } async function f() { const players = await Player.find(); players.forEach(async (p) => { await p.team; }); }',
      'typeorm:read:find:Player:import:-',
      'lazy:typeorm:team:Player:annotation',
    ),
  ],
});

// ---------------------------------------------------------------------------------------------------------
// Objection.js: model classes, instances and query builders (thenable: the outermost call of a chain is the query).

const OBJECTION_MODELS = 'import { Model } from "objection"; class Pet extends Model { static tableName = "pets"; } class Person extends Model { static tableName = "persons"; } ';

untypedRuleTester().run('analysis-db-operations: Objection (untyped)', relationProbe, {
  valid: [
    // A class of the project's own with a static `query`, and a model class of no model module: no model.
    'class Query { static query(id: number) { return id; } } Query.query(1);',
    'import { Search } from "./search"; Search.query("text"); Search.relatedQuery("x");',
    // Compiled to Knex or to a subquery alias, a raw fragment, a question about the builder: nothing sent here.
    `${OBJECTION_MODELS}Person.query().where("a", 1).toKnexQuery(); Person.query().count().as("n"); Person.query().hasWheres();`,
    'import { raw } from "objection"; raw("count(*)");',
    // An instance made from JSON holds no query; `$query` takes at most the transaction.
    `${OBJECTION_MODELS}Person.fromJson({ name: "a" }); declare const row: { $query(a: number, b: number): void }; row.$query(1, 2);`,
  ],
  invalid: [
    relations(
      `${OBJECTION_MODELS}async function f(ids: number[]) { const people = await Person.query().where("age", ">", 10).orderBy("name"); for (const p of people) await p.$relatedQuery("pets").where("species", "dog"); await Person.query().findById(1).patch({ name: "x" }); await Person.query().findByIds(ids); await Person.query().insert([{ name: "a" }]); await Person.relatedQuery("pets").for(ids); }`,
      'objection:read:query:Person:import:-',
      'objection:read:$relatedQuery:Person:import:pets',
      'objection:write:query:Person:import:-',
      'objection:read:query:Person:import:-',
      'objection:write:query:Person:import:-',
      'objection:read:relatedQuery:Person:import:pets',
    ),
    // Instances: what a query returns (one row after `findById`), and `this` in the model's own methods.
    relations(
      `${OBJECTION_MODELS}class Owner extends Model { pets() { return this.$relatedQuery("pets"); } static active() { return this.query().where("active", true); } } async function f() { const one = await Person.query().findById(2); await one!.$query().delete(); await one!.$fetchGraph("pets"); }`,
      'objection:read:$relatedQuery:Owner:import:pets',
      'objection:read:query:Owner:import:-',
      'objection:read:query:Person:import:-',
      'objection:write:$query:Person:import:-',
      'objection:read:$fetchGraph:Person:import:-',
    ),
    // `require`, a namespace import, Objection's own QueryBuilder class.
    relations('const { Model } = require("objection"); class Pet extends Model {} Pet.query().delete();', 'objection:write:query:Pet:import:-'),
    relations('import objection from "objection"; class Pet extends objection.Model {} Pet.query().where("a", 1).first();', 'objection:read:query:Pet:import:-'),
    // Transactions hand out Knex's transaction; a query given it runs in it.
    relations(
      `${OBJECTION_MODELS}async function f() { await Person.transaction(async (trx) => { await Person.query(trx).insert({}); await trx("logs").insert({}); }); const t = await Person.startTransaction(); await t("audit").insert({}); await Person.knex().raw("select 1"); }`,
      'objection:transaction:transaction:Person:import:-',
      'objection:write:query:Person:import:-',
      'knex:write:select:logs:import:-',
      'objection:transaction:startTransaction:Person:import:-',
      'knex:write:select:audit:import:-',
      'knex:raw:raw::import:-',
    ),
    // Objection's `Transaction` is Knex's.
    relations('import type { Transaction } from "objection"; async function f(trx: Transaction) { await trx("logs").insert({}); }', 'knex:write:select:logs:annotation:-'),
    // Instance queries are spelled by Objection alone: on any value, in a package that does not name Objection too.
    { ...relations('export async function f(user: any) { return user.$relatedQuery("flows").where("active", true); }', 'objection:read:$relatedQuery::shape:flows'), filename: 'tests/fixtures/mongoose-app/src/flows.ts' },
  ],
});

untypedRuleTester().run('analysis-db-operations: Objection builders (untyped)', dbProbe, {
  valid: [],
  invalid: [
    // A subquery is part of the outer query (a list of keys: batched); a builder kept in a variable is sent where it is continued.
    ops(`${OBJECTION_MODELS}Person.query().whereIn("id", Pet.query().select("ownerId"));`, 'objection:read:query:Person:import:true'),
    ops(`${OBJECTION_MODELS}async function f(x: boolean) { const q = Person.query().where("a", 1); if (x) q.where("b", 2); return q.page(0, 20); }`, 'objection:read:query:Person:import:false'),
    // Rows given as an array are written in one statement; `findByIds` and `fetchGraph` of a list batch their reads.
    ops(`${OBJECTION_MODELS}async function f(rows: object[], people: Person[]) { await Person.query().insertGraph(rows.map((r) => r)); await Person.query().insert({ a: 1 }); await Person.fetchGraph(people, "pets"); }`, 'objection:write:query:Person:import:true', 'objection:write:query:Person:import:false', 'objection:read:fetchGraph:Person:import:true'),
    // A method of the project's own query builder named for a write (Automatisch's `hardDelete()`) writes; others keep the read.
    ops(`${OBJECTION_MODELS}async function f() { await Person.query().withSoftDeleted().where("a", 1).hardDelete(); await Person.query().withSoftDeleted(); }`, 'objection:write:query:Person:import:false', 'objection:read:query:Person:import:false'),
  ],
});

// Models of the project's own modules, without type information (Automatisch's `import Flow from '@/models/flow.js'`): a
// PascalCase class from a models module, or a class extending one, in a package that depends on Objection.
untypedRuleTester().run('analysis-db-operations: Objection models by name (untyped)', relationProbe, {
  valid: [
    // The package depends on Mongoose, not on Objection.
    { code: 'import Flow from "@/models/flow.js"; import Base from "@/models/base.js"; async function f(id: string) { await Flow.query().findById(id); } class Step extends Base { flow() { return this.$relatedQuery("flow"); } static all() { return this.query(); } }', filename: 'tests/fixtures/mongoose-app/src/controllers/flows.ts' },
    // Not from a models module, or not a class's name.
    { code: 'import { Helper } from "@/helpers/x.js"; import flow from "@/models/flow.js"; Helper.query("x"); flow.query();', filename: 'tests/fixtures/objection-app/src/controllers/flows.ts' },
  ],
  invalid: [
    {
      ...relations(
        'import Flow from "@/models/flow.js"; import Base from "@/models/base.js"; async function f(id: string, ids: string[]) { const flow = await Flow.query().findById(id).throwIfNotFound(); for (const step of await flow.$relatedQuery("steps")) await step.$relatedQuery("connection"); await Flow.relatedQuery("steps").for(ids); } class Step extends Base { static active() { return this.query().where("active", true); } touch() { return this.$query().patch({ a: 1 }); } }',
        'objection:read:query:Flow:shape:-',
        'objection:read:$relatedQuery:Flow:shape:steps',
        'objection:read:$relatedQuery::shape:connection',
        'objection:read:relatedQuery:Flow:shape:steps',
        'objection:read:query:Step:shape:-',
        'objection:write:$query:Step:shape:-',
      ),
      filename: 'tests/fixtures/objection-app/src/controllers/flows.ts',
    },
  ],
});

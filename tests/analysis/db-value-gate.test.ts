import { describe, expect, it } from 'vitest';
import { textHasDbShape } from '../../src/analysis/db-operations';
import { MEMBER_PREFIX } from '../../src/analysis/db/model';
import { LIBRARIES } from '../../src/analysis/db/evaluate';
import { untypedRuleTester } from '../rule-tester';
import { dbProbe, ops } from './db-probe';

// Without type information, a file that loads no database package and spells no name a library's
// heuristics look for is decided at once: none of its calls is evaluated. These pin both sides.
describe('the per-file gate of the database analysis', () => {
  it('is declared by every library whose answers rest on names', () => {
    const nameBased = LIBRARIES.filter((library) => library.fromOpaque || library.fromOpaqueTag || library.fromOpaqueSubclass || library.fromTypeName || library.fromProjectImport);
    expect(nameBased.filter((library) => !library.shapeText?.length).map((library) => library.library)).toEqual([]);
  });

  it('searches in one pattern exactly what the libraries\' own patterns find', () => {
    // Names may match in any case; method names only as written.
    const own = LIBRARIES.flatMap((library) => library.shapeText ?? []).map((pattern) => new RegExp(pattern.source, pattern.source.startsWith(MEMBER_PREFIX) ? '' : 'i'));
    const samples = [
      'const x = 1;', 'db.select()', 'adb + dbx', 'const TX = 1', 'txn', 'this.em.find()', 'items', 'AppDataSource.manager', 'dataSources',
      'await prisma.$transaction()', '`${a}`', 'knexfile.ts', 'Prisma.sql', 'user.findMany()', 'findManyUsers', 'collection', 'collections',
      'const Redis = require("ioredis")', 'redisPool', 'conn.query()', 'connection_string', 'selectFrom("t")', 'orm', 'normal', 'tx2',
      // Method names count only as methods: a lodash `groupBy(rows)` or a `$t` helper is no query.
      'groupBy(rows, key)', 'rows.groupBy(key)', 'x?.aggregate()', "x['findMany']()", 'x.\n  findMany()', 'findManyUsers()', 'x.findManyUsers()',
      'db.selectFrom("t")', 'const $t = 1', 'x.$t', '$transaction()', 'x.FINDMANY()', 'x.GroupBy()',
      // Payload's Local API by its calls: a webhook's or a token's `payload` is in many files that hold no database value.
      'req.payload.find({ collection })', 'payload . db . deleteOne(', 'const payload = JSON.parse(body)', 'payload.id', 'payload.findings',
      // Objection's instance queries by their `$` names; its models by an import of a models module.
      'flow.$relatedQuery("steps")', 'x.$query()', 'relatedQuery', 'import Flow from "@/models/flow.js"', 'import { Flow } from "../models"', 'remodel',
    ];
    for (const text of samples) expect([text, textHasDbShape(text)]).toEqual([text, own.some((pattern) => pattern.test(text))]);
  });
});

untypedRuleTester().run('analysis-db-value-gate', dbProbe, {
  valid: [
    // No database package, no telling name: mappers, policies, validators.
    'export function verify(payload: { sub: string; exp: number }) { return payload.exp > Date.now() && payload.sub.length > 0; }',
    'import { format } from "./format"; export function toDto(rows: { id: number }[]) { return rows.map((row) => format(row.id)); }',
    'const byOwner = new Map<number, number[]>(); export function plan(ids: number[]) { for (const id of ids) byOwner.get(id); byOwner.set(1, []); }',
    'export function rank(items: { score: number }[]) { return items.filter((item) => item.score > 1).find((item) => item.score > 2); }',
    // A mapper grouping rows with its own helpers: the names of query methods, but not as methods.
    'import { groupBy, aggregate } from "../utils"; export function summarize(rows: { owner: number }[]) { return aggregate(groupBy(rows, (row) => row.owner)); }',
  ],
  invalid: [
    // Each kind of evidence still opens the gate.
    ops('import { db } from "./db"; export function f() { return db("users").where({ id: 1 }); }', 'knex:read:select:users:shape:false'),
    ops('export function f(knexClient: any) { return knexClient("users").first(); }', 'knex:read:select:users:shape:false'),
    ops('import { prisma } from "./prisma"; export function f() { return prisma.user.findMany(); }', 'prisma:read:findMany:user:shape:false'),
    ops('export function f(store: any) { return store.orders.findUnique({ where: { id: 1 } }); }', 'prisma:read:findUnique:orders:shape:false'),
    ops('export function f(x: any) { return x.selectFrom("users").selectAll().execute(); }', 'kysely:read:selectFrom:users:shape:false'),
    ops('export function f(store: any) { return store.orders\n    .findMany(); }', 'prisma:read:findMany:orders:shape:false'),
    ops('import { AppDataSource } from "./data-source"; export function f() { return AppDataSource.transaction(async () => {}); }', 'typeorm:transaction:transaction::shape:false'),
    ops('class S { constructor(private readonly redis: any) {} get(k: string) { return this.redis.get(k); } }', 'redis:read:get::shape:false'),
    ops('import { Pool } from "pg"; const pool = new Pool(); export function f() { return pool.query("SELECT 1"); }', 'pg:raw:query::import:false'),
    ops('export function f(user: any) { return user.$relatedQuery("flows").where("active", true); }', 'objection:read:$relatedQuery::shape:false'),
  ],
});

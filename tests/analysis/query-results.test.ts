import { ESLintUtils, type TSESTree } from '@typescript-eslint/utils';
import { getQueryResults } from '../../src/analysis/query-results';
import { untypedRuleTester } from '../rule-tester';

// A probe rule: `rows(x)` reports what the analysis knows about the value `x` (its query's shape, and
// for a variable how its rows are read), so the data flow and the shapes are pinned by plain rule tests.
const probe = ESLintUtils.RuleCreator.withoutDocs({
  meta: { type: 'problem', schema: [], messages: { rows: '{{rows}}' } },
  create(context) {
    const results = getQueryResults(context);
    return {
      'CallExpression[callee.name="rows"]'(node: TSESTree.CallExpression) {
        const found = results.rowsOf(node.arguments[0]);
        let text = 'none';
        if (found) {
          const { query, holder } = found;
          text = `${query.library}.${query.method} filtered=${String(query.filtered)} limited=${String(query.limited)} raw=${query.rawSql}`;
          if (holder) {
            const uses = results.usesOf(holder);
            text += ` via=${holder.access} reads=${uses.reads.length} repeated=${uses.reads.filter((read) => read.repeated).length} other=${uses.otherReads.length}`;
          }
        }
        context.report({ node, messageId: 'rows', data: { rows: text } });
      },
    };
  },
});

const PRISMA = "import { PrismaClient } from '@prisma/client'; const prisma = new PrismaClient();\n";
const PG = "import { Pool } from 'pg'; const pool = new Pool();\n";
const MYSQL = "import mysql from 'mysql2/promise'; const pool = mysql.createPool({});\n";
const KNEX = "import knex from 'knex'; const db = knex({ client: 'pg' });\n";
const MONGOOSE = "import mongoose from 'mongoose'; const User = mongoose.model('User', new mongoose.Schema({}));\n";
const TYPEORM = "import { DataSource } from 'typeorm'; class User {} const ds = new DataSource({ type: 'postgres' }); const repo = ds.getRepository(User);\n";

function sees(code: string, rows: string) {
  return { code, errors: [{ messageId: 'rows' as const, data: { rows } }] };
}

untypedRuleTester().run('analysis-query-results', probe, {
  valid: ['declare const x: unknown; x;'],
  invalid: [
    // Directly awaited, and through a const.
    sees(`${PRISMA}async function f() { rows(await prisma.user.findMany()); }`, 'prisma.findMany filtered=false limited=false raw=false'),
    sees(`${PRISMA}async function f() { const u = await prisma.user.findMany({ where: { id: 1 }, take: 5 }); rows(u); }`, 'prisma.findMany filtered=true limited=true raw=false via=self reads=1 repeated=0 other=0'),
    sees(`${PRISMA}async function f(o: any) { const u = await prisma.user.findMany(o); rows(u); }`, 'prisma.findMany filtered=undefined limited=undefined raw=false via=self reads=1 repeated=0 other=0'),
    sees(`${PRISMA}async function f(p: any) { const u = await prisma.user.findMany({ where: { id: 1 }, ...p }); rows(u); }`, 'prisma.findMany filtered=true limited=undefined raw=false via=self reads=1 repeated=0 other=0'),
    // Reads in callbacks and loop bodies may repeat; a for-of's iterable runs once.
    sees(`${PRISMA}async function f(ids: number[]) { const u = await prisma.user.findMany(); ids.map(() => u); for (const x of u) {} rows(u); }`, 'prisma.findMany filtered=false limited=false raw=false via=self reads=3 repeated=1 other=0'),
    // Not followed: reassigned, single-row reads, `.then`.
    sees(`${PRISMA}async function f() { let u = await prisma.user.findMany(); u = []; rows(u); }`, 'none'),
    sees(`${PRISMA}async function f() { const u = await prisma.user.findFirst(); rows(u); }`, 'none'),
    sees(`${PRISMA}async function f() { rows(await prisma.user.findMany().then((x) => x)); }`, 'none'),
    // A read or no rows at all, behind a condition (OpenStatus's page content); another fallback is not followed.
    sees(
      `${PRISMA}async function f(ids: number[]) { const [a] = await Promise.all([ids.length > 0 ? prisma.user.findMany({ where: { id: { in: ids } } }) : Promise.resolve([] as { id: number }[])]); rows(a); }`,
      'prisma.findMany filtered=true limited=false raw=false via=self reads=1 repeated=0 other=0',
    ),
    sees(`${PRISMA}async function f(ids: number[]) { const u = ids.length === 0 ? [] : await prisma.user.findMany(); rows(u); }`, 'prisma.findMany filtered=false limited=false raw=false via=self reads=1 repeated=0 other=0'),
    sees(`${PRISMA}async function f(ids: number[], cached: { id: number }[]) { const u = ids.length ? await prisma.user.findMany() : cached; rows(u); }`, 'none'),
    // Promise.all destructuring.
    {
      code: `${PRISMA}async function f() { const [a, b] = await Promise.all([prisma.user.findUnique({ where: { id: 1 } }), prisma.order.findMany({ take: 3 })]); rows(a); rows(b); }`,
      errors: [
        { messageId: 'rows' as const, data: { rows: 'none' } },
        { messageId: 'rows' as const, data: { rows: 'prisma.findMany filtered=false limited=true raw=false via=self reads=1 repeated=0 other=0' } },
      ],
    },
    // pg: destructured rows, a held result, an awaited result.
    sees(`${PG}async function f() { const { rows: r } = await pool.query('SELECT id FROM users WHERE a = 1'); rows(r); }`, 'pg.query filtered=true limited=false raw=true via=self reads=1 repeated=0 other=0'),
    sees(`${PG}async function f() { const res = await pool.query('SELECT id FROM users LIMIT 10'); rows(res.rows); return res.rowCount; }`, 'pg.query filtered=false limited=true raw=true via=rows reads=1 repeated=0 other=1'),
    sees(`${PG}async function f() { rows((await pool.query('SELECT count(*) FROM users')).rows); }`, 'pg.query filtered=false limited=true raw=true'),
    sees(`${PG}async function f() { rows((await pool.query('SELECT id, count(*) OVER () FROM users WHERE id IN (SELECT id FROM t LIMIT 1)')).rows); }`, 'pg.query filtered=true limited=false raw=true'),
    sees(`${PG}async function f() { const { rows: r } = await pool.query('UPDATE users SET a = 1 RETURNING id'); rows(r); }`, 'none'),
    sees(`${PG}async function f(w: string) { const { rows: r } = await pool.query('SELECT id FROM users ' + w); rows(r); }`, 'pg.query filtered=undefined limited=undefined raw=true via=self reads=1 repeated=0 other=0'),
    // mysql2: the first element of the result.
    sees(`${MYSQL}async function f() { const [r] = await pool.query('SELECT id FROM users'); rows(r); }`, 'mysql2.query filtered=false limited=false raw=true via=self reads=1 repeated=0 other=0'),
    sees(`${MYSQL}async function f() { const [, fields] = await pool.query('SELECT id FROM users'); rows(fields); }`, 'none'),
    // Builders: every clause in the chain; `.first()` is one row.
    sees(`${KNEX}async function f() { rows(await db('users').whereNotNull('x').orderBy('id')); }`, 'knex.select filtered=true limited=false raw=false'),
    sees(`${KNEX}async function f() { rows(await db('users').groupBy('role').select('role')); }`, 'knex.select filtered=false limited=true raw=false'),
    sees(`${KNEX}async function f() { rows(await db('users').where({ id: 1 }).first()); }`, 'none'),
    sees(`${MONGOOSE}async function f() { rows(await User.find({}).where('age').gte(18).lean()); }`, 'mongoose.find filtered=true limited=false raw=false'),
    sees(`${MONGOOSE}async function f() { rows(await User.find({ a: 1 }, 'name', { limit: 10 })); }`, 'mongoose.find filtered=true limited=true raw=false'),
    sees(`${TYPEORM}async function f() { rows(await repo.find({ take: 10 })); }`, 'typeorm.find filtered=false limited=true raw=false'),
    sees(`${TYPEORM}async function f() { rows(await repo.createQueryBuilder('u').where('u.a = 1').getMany()); }`, 'typeorm.getMany filtered=true limited=false raw=false'),
    sees(`${TYPEORM}async function f(qb: any) { rows(await ds.manager.find(User, { where: { a: 1 } })); }`, 'typeorm.find filtered=true limited=false raw=false'),
  ],
});

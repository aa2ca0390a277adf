import { ESLintUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { getConnections } from '../../src/analysis/connections';
import { getDbOperations } from '../../src/analysis/db-operations';
import { typedRuleTester, untypedRuleTester } from '../rule-tester';

/**
 * Reports every database operation that is not a transaction opener, as `pooled` or `<kind>:<key>`: the key
 * is the variable's name, the text it was given as, or `transaction@<line>` for a transaction's callback.
 */
const connectionProbe = ESLintUtils.RuleCreator.withoutDocs({
  meta: { type: 'problem', schema: [], messages: { found: '{{found}}' } },
  create(context) {
    const db = getDbOperations(context);
    const connections = getConnections(context);
    return {
      CallExpression(node) {
        const op = db.classify(node);
        if (!op || op.kind === 'transaction') return;
        const connection = connections.connectionOf(node, op.library);
        context.report({ node, messageId: 'found', data: { found: connection ? `${connection.kind}:${keyName(connection.key)}` : 'pooled' } });
      },
    };
  },
});

function keyName(key: unknown): string {
  if (typeof key === 'string') return key;
  const variable = key as TSESLint.Scope.Variable;
  if (typeof variable.name === 'string' && Array.isArray(variable.references)) return variable.name;
  const transaction = key as { call?: TSESTree.CallExpression };
  return transaction.call ? `transaction@${transaction.call.loc.start.line}` : '?';
}

function found(code: string, ...expected: string[]) {
  return { code, errors: expected.map((item) => ({ messageId: 'found' as const, data: { found: item } })) };
}

untypedRuleTester().run('analysis-connections (untyped)', connectionProbe, {
  valid: ['import { db } from "./db"; db.query("SELECT 1");'],
  invalid: [
    // Pooled clients: nothing binds their calls to one connection.
    found(
      `import { PrismaClient } from "@prisma/client"; import { Pool } from "pg"; import mysql from "mysql2/promise"; import knex from "knex";
       const prisma = new PrismaClient(); const pool = new Pool(); const pool2 = mysql.createPool({}).promise(); const db = knex({});
       prisma.user.findMany(); pool.query("SELECT 1"); pool2.query("SELECT 1"); db("users");`,
      'pooled',
      'pooled',
      'pooled',
      'pooled',
    ),
    // One connection: pg Client and PoolClient, mysql2 connections, a TypeORM query runner, a knex transaction begun by hand.
    found(
      `import pg from "pg"; import mysql from "mysql2/promise"; import knex from "knex"; import { DataSource } from "typeorm";
       const pool = new pg.Pool(); const single = new pg.Client(); const db = knex({}); const ds = new DataSource({} as any);
       export async function f() {
         const client = await pool.connect(); client.query("SELECT 1"); single.query("SELECT 1");
         const conn = await mysql.createConnection({}); conn.execute("SELECT 1");
         const runner = ds.createQueryRunner(); runner.manager.find("User");
         const trx = await db.transaction(); trx("users");
       }`,
      'connection:client',
      'connection:single',
      'connection:conn',
      'connection:runner',
      'connection:trx',
    ),
    // A pg or mysql2 client of unknown kind counts as one connection; a pool.connect callback's client is one.
    found(
      `import type { Pool, PoolClient } from "pg"; import { Pool as P } from "pg";
       export function f(pool: Pool, client: PoolClient) { pool.query("SELECT 1"); client.query("SELECT 1"); }
       new P().connect((err, c) => c!.query("SELECT 1"));`,
      'pooled',
      'connection:client',
      'connection:c',
    ),
    // Transactions: through the handle, and calls of the transaction's library written inside its callback.
    found(
      `import { PrismaClient } from "@prisma/client"; import { Sequelize, Model } from "sequelize";
       const prisma = new PrismaClient(); const sequelize = new Sequelize("x"); class User extends Model {}
       prisma.$transaction(async (tx) => { await tx.user.findMany(); await prisma.post.findMany(); });
       sequelize.transaction(async () => { await User.findAll(); });`,
      'transaction:transaction@3',
      'transaction:transaction@3',
      'transaction:transaction@4',
    ),
    // Sessions and transactions passed as options or chained.
    found(
      `import mongoose from "mongoose"; import knex from "knex"; import { Sequelize, Model } from "sequelize";
       const User = mongoose.model("User", new mongoose.Schema({})); const db = knex({}); const sequelize = new Sequelize("x"); class Account extends Model {}
       export async function f(session: mongoose.ClientSession, trx: any, t: any) {
         User.find({}, null, { session }); User.findOne({}).session(session); User.find({}, null, { session: undefined });
         db("users").transacting(trx); Account.findAll({ transaction: t });
       }`,
      'session:session',
      'session:session',
      'pooled',
      'transaction:trx',
      'transaction:t',
    ),
    // An annotated transaction client given to a helper.
    found('import { Prisma } from "@prisma/client"; export const f = (tx: Prisma.TransactionClient) => tx.user.findMany();', 'connection:tx'),
  ],
});

typedRuleTester().run('analysis-connections (typed)', connectionProbe, {
  valid: [],
  invalid: [
    // The declared type decides where the code does not show how the client was made.
    found(
      `import type { Pool, PoolClient } from "pg";
       declare function pool(): Pool; declare function lease(): Promise<PoolClient>;
       export async function f() { const p = pool(); await p.query("SELECT 1"); const c = await lease(); await c.query("SELECT 1"); }`,
      'pooled',
      'connection:c',
    ),
  ],
});

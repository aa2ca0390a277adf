import { ESLintUtils, type TSESTree } from '@typescript-eslint/utils';
import { getTransactions } from '../../src/analysis/transactions';
import { typedRuleTester, untypedRuleTester } from '../rule-tester';

/**
 * Reports every transaction of the file at its opening call, as `library:method:handle:client:evidence`, and
 * every `probe()` call with the transactions it runs in, as `in:<opening line>:<entry line>`.
 */
const transactionProbe = ESLintUtils.RuleCreator.withoutDocs({
  meta: { type: 'problem', schema: [], messages: { found: '{{found}}' } },
  create(context) {
    const analyzer = getTransactions(context);
    const text = (node: TSESTree.Node | undefined) => (node ? context.sourceCode.getText(node) : '');
    return {
      'Program:exit'() {
        for (const transaction of analyzer.transactions()) {
          const found = `${transaction.library}:${transaction.method}:${text(transaction.handle)}:${text(transaction.client)}:${transaction.evidence}`;
          context.report({ node: transaction.call, messageId: 'found', data: { found } });
        }
      },
      'CallExpression[callee.name="probe"]'(node: TSESTree.CallExpression) {
        const running = analyzer.transactionsRunning(node).map(({ transaction, entry }) => `${transaction.call.loc.start.line}:${entry.loc.start.line}`);
        context.report({ node, messageId: 'found', data: { found: `in:${running.join(',')}` } });
      },
    };
  },
});

function found(code: string, ...expected: string[]) {
  return { code, errors: expected.map((item) => ({ messageId: 'found' as const, data: { found: item } })) };
}

untypedRuleTester().run('analysis-transactions (untyped)', transactionProbe, {
  valid: [
    // No callback, or no database.
    'import { PrismaClient } from "@prisma/client"; const prisma = new PrismaClient(); prisma.$transaction([prisma.user.findMany()]);',
    'import { Sequelize } from "sequelize"; const sequelize = new Sequelize("x"); export const f = async () => { const t = await sequelize.transaction(); await t.commit(); };',
    'import { MongoClient } from "mongodb"; const client = new MongoClient("x"); client.withSession(async (session) => session.endSession());',
    'import { store } from "./store"; store.transaction(async (draft) => { draft.n = 1; }); const transaction = "Transaction"; // transaction',
    'declare const idb: any; idb.transaction(["users"], "readwrite");',
  ],
  invalid: [
    found(
      'import { PrismaClient } from "@prisma/client"; const prisma = new PrismaClient(); prisma.$transaction(async (tx) => tx.user.findMany(), { timeout: 5000 });',
      'prisma:$transaction:tx:prisma:import',
    ),
    found('import knex from "knex"; const db = knex({}); db.transaction(async (trx) => trx("users").del());', 'knex:transaction:trx:db:import'),
    found('import { Sequelize } from "sequelize"; const sequelize = new Sequelize("x"); sequelize.transaction({ isolationLevel: "SERIALIZABLE" } as any, async (t) => t.afterCommit(() => {}));', 'sequelize:transaction:t:sequelize:import'),
    found('import { DataSource } from "typeorm"; const ds = new DataSource({} as any); ds.transaction("SERIALIZABLE", async (manager) => manager.query("SELECT 1"));', 'typeorm:transaction:manager:ds:import'),
    found('import mongoose from "mongoose"; mongoose.connection.transaction(async (session) => session);', 'mongoose:transaction:session:mongoose:import'),
    // Gaps of the database analysis bridged here: Mongoose sessions and project-module clients used as one.
    found('import mongoose from "mongoose"; export async function f() { const session = await mongoose.startSession(); await session.withTransaction(async () => {}); }', 'mongoose:withTransaction::session:import'),
    found('import { db } from "./db"; import { users } from "./schema"; db.transaction(async (tx) => { await tx.insert(users).values({}); });', 'drizzle:transaction:tx:db:shape'),
    found('import { Kysely } from "kysely"; declare const db: Kysely<any>; db.transaction().setIsolationLevel("serializable").execute(async (trx) => trx.selectFrom("a").selectAll().execute());', 'kysely:execute:trx:db:annotation'),
    found('import { EntityManager } from "@mikro-orm/core"; class S { constructor(private readonly em: EntityManager) {} run() { return this.em.transactional(async (em) => em.flush()); } }', 'mikro-orm:transactional:em:this.em:annotation'),
    // What runs inside: the callback, iteration callbacks, awaited continuations, helpers of the file (entered at their call).
    found(
      `import { PrismaClient } from "@prisma/client"; const prisma = new PrismaClient();
       async function helper() { probe(); }
       class Service {
         async run(ids: number[]) {
           await prisma.$transaction(async (tx) => {
             probe();
             ids.forEach(() => probe());
             await tx.user.findMany().then(() => probe());
             const later = () => probe();
             setTimeout(() => probe(), 0);
             await helper();
             await this.step();
             return later;
           });
         }
         private async step() { probe(); }
       }`,
      'in:5:11',
      'prisma:$transaction:tx:prisma:import',
      'in:5:6',
      'in:5:7',
      'in:5:8',
      'in:',
      'in:',
      'in:5:12',
    ),
    // A nested transaction: its callback belongs to it alone.
    found(
      `import { drizzle } from "drizzle-orm/node-postgres"; const db = drizzle("x");
       db.transaction(async (tx) => { probe(); await tx.transaction(async (savepoint) => { probe(); }); });`,
      'drizzle:transaction:tx:db:import',
      'in:2:2',
      'drizzle:transaction:savepoint:tx:import',
      'in:2:2',
    ),
  ],
});

typedRuleTester().run('analysis-transactions (typed)', transactionProbe, {
  valid: [
    'class Store { transaction(fn: (draft: { n: number }) => Promise<void>) { return fn({ n: 0 }); } } new Store().transaction(async (draft) => { draft.n = 1; });',
  ],
  invalid: [
    found('import mongoose from "mongoose"; export async function f() { const session = await mongoose.startSession(); await session.withTransaction(async () => {}); }', 'mongodb:withTransaction::session:type'),
    found('import type { Knex } from "knex"; declare const db: Knex; db.transaction(async (trx) => trx("users").del());', 'knex:transaction:trx:db:type'),
  ],
});

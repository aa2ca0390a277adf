import rule from '../../rules/no-io-in-transaction';
import { typedRuleTester, untypedRuleTester } from '../rule-tester';

const io = { messageId: 'ioInTransaction' as const };

/** The report of an HTTP request (`call`) inside `transaction`, at `line` when given. */
function httpRequestIn(transaction: string, call: string, line?: number) {
  return {
    ...io,
    ...(line === undefined ? {} : { line }),
    data: {
      io: 'An HTTP request',
      call,
      transaction,
      effect: 'keeps the transaction open while it waits, holding its locks and a pooled connection',
      fix: `Fetch what the transaction needs before it starts, and call out with its results once \`await ${transaction}(…)\` has returned.`,
    },
  };
}
const helperIo = { messageId: 'helperIoInTransaction' as const };
const outerClient = { messageId: 'outerClientInTransaction' as const };

const PRISMA = 'import { PrismaClient } from "@prisma/client"; const prisma = new PrismaClient();';
const KNEX = 'import knex from "knex"; const db = knex({ client: "pg" });';
const SEQUELIZE = 'import { Sequelize } from "sequelize"; const sequelize = new Sequelize("postgres://localhost/app"); const User = sequelize.define("User", {});';
const TYPEORM = 'import { DataSource } from "typeorm"; const dataSource = new DataSource({ type: "postgres" });';
const MONGOOSE = 'import mongoose from "mongoose"; const Order = mongoose.model("Order", new mongoose.Schema({}));';
const DRIZZLE = 'import { drizzle } from "drizzle-orm/node-postgres"; import { users, outbox } from "./schema"; const db = drizzle("postgres://localhost/app");';
const KYSELY = 'import { Kysely } from "kysely"; declare const db: Kysely<any>;';
const MAILER = 'import nodemailer from "nodemailer"; const transporter = nodemailer.createTransport({ host: "smtp.example.com" });';
const QUEUE = 'import { Queue } from "bullmq"; const emails = new Queue("emails");';

untypedRuleTester().run('no-io-in-transaction', rule, {
  valid: [
    // --- The outbox pattern: the row is written with the transaction, the message is sent after it commits.
    `${PRISMA} ${QUEUE}
     export async function signUp(email: string) {
       const user = await prisma.$transaction(async (tx) => {
         const created = await tx.user.create({ data: { email } });
         await tx.outbox.create({ data: { topic: "welcome", payload: { id: created.id } } });
         return created;
       });
       await emails.add("welcome", { id: user.id });
     }`,
    // --- Sequelize runs afterCommit hooks once the transaction has committed.
    `${SEQUELIZE} ${MAILER}
     export async function register(email: string) {
       await sequelize.transaction(async (t) => {
         await User.create({ email }, { transaction: t });
         t.afterCommit(() => transporter.sendMail({ to: email, subject: "Welcome" }));
         t.afterCommit(async () => { await fetch("https://hooks.example.com/signup"); });
       });
     }`,
    // --- I/O before and after the transaction.
    `${KNEX} import axios from "axios";
     export async function checkout(cartId: string) {
       const { data: price } = await axios.get("https://pricing.example.com/" + cartId, { timeout: 2000 });
       const orderId = await db.transaction(async (trx) => {
         const [row] = await trx("orders").insert({ cartId, total: price.total }).returning("id");
         await trx("carts").where({ id: cartId }).del();
         return row.id;
       });
       await axios.post("https://shipping.example.com/orders", { orderId }, { timeout: 2000 });
     }`,
    // --- A function made inside the callback but returned for later, or handed to a timer.
    `${KYSELY}
     export async function prepare() {
       const notify = await db.transaction().execute(async (trx) => {
         await trx.insertInto("jobs").values({ state: "new" }).execute();
         return () => fetch("https://hooks.example.com/jobs");
       });
       await notify();
     }`,
    `${DRIZZLE}
     export async function archive() {
       await db.transaction(async (tx) => {
         await tx.update(users).set({ archived: true });
         setTimeout(() => { void fetch("https://hooks.example.com/archived"); }, 0);
         setTimeout(() => console.log("archived"), 1000);
       });
     }`,
    // --- fetch in callbacks that are not transactions.
    `import express from "express"; const app = express();
     app.post("/users", async (req, res) => { await fetch("https://hooks.example.com"); res.send("ok"); });
     [1, 2].forEach(async (id) => { await fetch("https://api.example.com/" + id); });
     export async function transaction() { return fetch("https://api.example.com"); }`,
    'import { withTransaction } from "./db"; export const run = () => withTransaction(async () => { await fetch("https://api.example.com"); });',
    // A method named `transaction` on something that is not a database (its callback never uses a client).
    'import { store } from "./store"; store.transaction(async (draft) => { draft.count += 1; await fetch("https://api.example.com"); });',
    'import { MongoClient } from "mongodb"; const client = new MongoClient("mongodb://localhost"); export const run = () => client.withSession(async (session) => { await fetch("https://api.example.com"); });',
    // --- The batch form takes no callback: nothing runs inside it but its queries.
    `${PRISMA}
     export async function seed() {
       await prisma.$transaction([prisma.user.create({ data: { email: "a" } }), prisma.post.deleteMany()]);
       await fetch("https://hooks.example.com/seeded");
     }`,
    // --- Only database calls through the handle.
    `${TYPEORM}
     export async function transfer(from: number, to: number) {
       await dataSource.transaction(async (manager) => {
         await manager.decrement(Account, { id: from }, "balance", 10);
         await manager.getRepository(Account).increment({ id: to }, "balance", 10);
         await manager.query("UPDATE audit SET n = n + 1");
       });
     }`,
    `${MONGOOSE}
     export async function pay(id: string) {
       await mongoose.connection.transaction(async (session) => {
         await Order.updateOne({ _id: id }, { paid: true }, { session });
       });
     }`,
    // --- setTimeout that schedules instead of sleeping, and promises nobody waits for.
    `${PRISMA}
     export async function f(ids: number[]) {
       await prisma.$transaction(async (tx) => {
         const timer = setTimeout(() => console.warn("slow transaction"), 5000);
         await tx.user.deleteMany({ where: { id: { in: ids } } });
         clearTimeout(timer);
         const tick = new Promise((resolve) => setTimeout(resolve, 10));
         await Promise.race([tx.post.deleteMany(), new Promise((_, reject) => setTimeout(reject, 5000))]);
       });
     }`,
    // --- Functions of this file named like clients, and clients of unknown origin.
    `${PRISMA}
     function fetch(id: number) { return prisma.user.findUnique({ where: { id } }); }
     const send = (message: string) => message.toUpperCase();
     export const f = () => prisma.$transaction(async (tx) => { send("x"); await tx.user.update({ where: { id: 1 }, data: {} }); return fetch(1); });`,
    `${PRISMA} import { mailer } from "./mailer"; import { queue } from "./queue";
     export const f = () => prisma.$transaction(async (tx) => { await mailer.send({}); await queue.add("x", {}); });`,
    `${PRISMA} import WebSocket from "ws"; const socket = new WebSocket("ws://localhost");
     export const f = () => prisma.$transaction(async (tx) => { const seen = new Set<number>(); seen.add(1); socket.send("x"); });`,
    // A helper variable assigned twice: which function the call reaches is not known.
    `${PRISMA} let notify = async () => { await fetch("https://hooks.example.com"); }; export function mute() { notify = async () => {}; }
     export const f = () => prisma.$transaction(async (tx) => { await tx.user.findMany(); await notify(); });`,
    // Odd shapes around transaction-like calls do not throw.
    'declare const x: any; x.transaction(); x.transaction(1, 2); x.$transaction(async function* () {}); x.transaction(async ({ a }: any) => { await fetch("x"); }); x.transaction(async (...args: any[]) => { args[0]("t"); }); new x.transaction(() => 1); x?.transaction?.(async (tx: any) => tx?.user?.create()); (x.transaction as any)(async (trx: any) => trx("t").insert({}));',
    // A helper with I/O that only code outside the transaction calls.
    `${PRISMA}
     async function notify(id: number) { await fetch("https://hooks.example.com/" + id); }
     export async function f() { const user = await prisma.$transaction(async (tx) => tx.user.create({ data: { email: "a" } })); await notify(user.id); }`,
    // --- knex: a query on the outer client bound with .transacting(trx) is in the transaction.
    `${KNEX}
     export const f = () => db.transaction(async (trx) => { await db("logs").insert({ at: new Date() }).transacting(trx); });`,
    // Drizzle: a savepoint opened on the transaction may still use the outer transaction's handle.
    `${DRIZZLE}
     export const f = () => db.transaction(async (tx) => { await tx.transaction(async (savepoint) => { await tx.insert(users).values({}); await savepoint.insert(outbox).values({}); }); });`,
    // MikroORM and Sequelize route calls on the outer client into the transaction (context, CLS).
    'import { EntityManager } from "@mikro-orm/core"; declare const em: EntityManager; export const f = () => em.transactional(async (fork) => { await em.persistAndFlush(user); await fork.flush(); });',
    `${SEQUELIZE} export const f = () => sequelize.transaction(async (t) => { await User.create({}, { transaction: t }); await User.findAll(); });`,
    // Code chained after the transaction runs once it has committed.
    `${PRISMA} import axios from "axios";
     export const f = () => prisma.$transaction(async (tx) => tx.user.create({ data: { email: "a" } })).then((user) => axios.post("https://crm.example.com", user, { timeout: 1000 }));`,
    // A transaction begun by hand has no callback: out of scope.
    `${SEQUELIZE} export async function f() { const t = await sequelize.transaction(); await User.create({}, { transaction: t }); await t.commit(); await fetch("https://hooks.example.com"); }`,
    // Tests, seeds, migrations and scripts serve no traffic.
    { code: `${PRISMA} export const f = () => prisma.$transaction(async (tx) => { await new Promise((r) => setTimeout(r, 100)); await tx.user.findMany(); });`, filename: 'src/orders/orders.service.spec.ts' },
    { code: `${KNEX} export const seed = () => db.transaction(async (trx) => { const res = await fetch("https://example.com/fixtures.json"); await trx("users").insert(await res.json()); });`, filename: 'prisma/seed.ts' },
    { code: `${KNEX} db.transaction(async (trx) => { await fetch("https://example.com"); await trx("a").del(); });`, filename: 'tools/backfill.ts', options: [{ scripts: ['tools/**'] }] },
    // Stripe called after the transaction commits, or a webhook's signature checked inside it (no request).
    `${PRISMA} import { stripe } from "@/lib/stripe"; export async function cancel(id: string, sub: string, body: string, sig: string) { await prisma.$transaction(async (tx) => { stripe.webhooks.constructEvent(body, sig, "whsec"); await tx.space.update({ where: { id }, data: { tier: "free" } }); }); await stripe.subscriptions.cancel(sub); }`,
    // A file without transactions.
    'import axios from "axios"; export const f = () => axios.post("https://api.example.com", {}, { timeout: 1000 });',
  ],
  invalid: [
    // A Stripe API call is an HTTPS request (Rallly's billing), from a client of the project's named for it.
    {
      code: `${PRISMA} import { stripe } from "@/lib/stripe";
       export async function cancel(spaceId: string, subscriptionId: string) {
         await prisma.$transaction(async (tx) => {
           await tx.space.update({ where: { id: spaceId }, data: { tier: "free" } });
           await stripe.subscriptions.cancel(subscriptionId);
         });
       }`,
      errors: [httpRequestIn('prisma.$transaction', 'stripe.subscriptions.cancel', 5)],
    },
    // ---------------------------------------------------------------- Prisma
    {
      code: `${PRISMA} import axios from "axios";
       export async function pay(orderId: number) {
         await prisma.$transaction(async (tx) => {
           await tx.order.update({ where: { id: orderId }, data: { status: "paid" } });
           await axios.post("https://payments.example.com/capture", { orderId }, { timeout: 5000 });
         });
       }`,
      errors: [
        httpRequestIn('prisma.$transaction', 'axios.post', 5),
      ],
    },
    {
      code: `${PRISMA}
       export const f = () => prisma.$transaction(async (tx) => {
         await tx.user.update({ where: { id: 1 }, data: { name: "a" } });
         await prisma.post.create({ data: { title: "t", authorId: 1 } });
       });`,
      errors: [
        {
          ...outerClient,
          line: 4,
          data: {
            call: 'prisma.post.create',
            client: 'prisma',
            handle: "the transaction's `tx`",
            transaction: 'prisma.$transaction',
            poolNote: " (Prisma's `connection_limit=1` in serverless setups)",
            fix: 'Call it through `tx.post.create(…)`.',
          },
        },
      ],
    },
    // A client reached through an accessor (Dittofeed's `db()`): the handle is the client itself, not a function.
    {
      code: `import { db } from './db';
export async function move(id: string) {
  await db().transaction(async (tx) => {
    const group = await db().query.subscriptionGroup.findFirst({ where: (g, { eq }) => eq(g.id, id) });
    await tx.query.segment.findFirst({ where: (s, { eq }) => eq(s.id, group?.id ?? id) });
  });
}`,
      errors: [{ ...outerClient, line: 4, data: { call: 'db().query.subscriptionGroup.findFirst', client: 'db', handle: "the transaction's `tx`", transaction: 'db().transaction', poolNote: '', fix: 'Call it through `tx.query.subscriptionGroup.findFirst(…)`.' } }],
    },
    // No handle at all: nothing in the callback runs in the transaction.
    {
      code: `${PRISMA} export const f = () => prisma.$transaction(async () => { await prisma.user.create({ data: { email: "a" } }); });`,
      errors: [{ ...outerClient, data: { call: 'prisma.user.create', client: 'prisma', handle: 'the transaction handle', transaction: 'prisma.$transaction', poolNote: " (Prisma's `connection_limit=1` in serverless setups)", fix: "Take the transaction handle as the callback's first parameter and send every query of the transaction through it." } }],
    },
    // A callback passed by name; a `.then` continuation of an awaited chain; a local helper called in the callback.
    {
      code: `${PRISMA} import axios from "axios";
       async function transfer(tx: any) { await tx.account.update({ where: { id: 1 }, data: {} }); await fetch("https://ledger.example.com"); }
       export async function f() {
         await prisma.$transaction(transfer);
         await prisma.$transaction(async (tx) => {
           await tx.user.create({ data: { email: "a" } }).then((user) => axios.post("https://crm.example.com", user));
           const audit = async () => { await fetch("https://audit.example.com"); };
           await audit();
         });
       }`,
      errors: [
        { ...io, line: 2 },
        { ...io, line: 6 },
        { ...io, line: 7 },
      ],
    },
    // NestJS: an injected bullmq queue, and a private method that calls out, both from the callback.
    {
      code: `import { Injectable } from "@nestjs/common"; import { InjectQueue } from "@nestjs/bullmq"; import { Queue } from "bullmq"; import axios from "axios"; import { PrismaService } from "./prisma.service";
       @Injectable()
       export class OrdersService {
         constructor(private readonly prisma: PrismaService, @InjectQueue("orders") private readonly orders: Queue) {}
         async place(userId: number) {
           return this.prisma.$transaction(async (tx) => {
             const order = await tx.order.create({ data: { userId, total: 1, status: "new" } });
             await this.orders.add("placed", { id: order.id });
             await this.reserveStock(order.id);
             return order;
           });
         }
         private async reserveStock(orderId: number) {
           await axios.post("https://warehouse.example.com/reserve", { orderId }, { timeout: 1000 });
         }
       }`,
      errors: [
        { ...io, line: 8, data: { io: 'A queue publish', call: 'this.orders.add', transaction: 'this.prisma.$transaction', effect: 'keeps the transaction open while it waits, holding its locks and a pooled connection, and is not undone if the transaction rolls back', fix: 'Send it once `await this.prisma.$transaction(…)` has returned, or write an outbox row through `tx` and send it from there.' } },
        { ...helperIo, line: 9 },
      ],
    },
    // Publishing to every element concurrently, and an e-mail through @sendgrid/mail.
    {
      code: `${PRISMA} ${QUEUE} import sgMail from "@sendgrid/mail";
       export const f = (ids: number[]) => prisma.$transaction(async (tx) => {
         await tx.user.updateMany({ where: { id: { in: ids } }, data: { notified: true } });
         await Promise.all(ids.map((id) => emails.add("notify", { id })));
         await sgMail.send({ to: "ops@example.com", subject: "notified" });
       });`,
      errors: [
        { ...io, line: 4 },
        { ...io, line: 5 },
      ],
    },
    // ---------------------------------------------------------------- knex
    {
      code: `${KNEX}
       export const f = () => db.transaction(async (trx) => {
         await trx("accounts").where({ id: 1 }).decrement("balance", 10);
         await db("audit").insert({ action: "debit" });
         await fetch("https://ledger.example.com/debit", { method: "POST" });
       });`,
      errors: [
        { ...outerClient, line: 4, data: { call: 'db("audit").insert', client: 'db', handle: "the transaction's `trx`", transaction: 'db.transaction', poolNote: '', fix: 'Call it through `trx("audit").insert(…)`, or chain `.transacting(trx)`.' } },
        { ...io, line: 5 },
      ],
    },
    // A sleep helper of this file, a sleep written in place, util.promisify(setTimeout), delay.
    {
      code: `${KNEX} import { promisify } from "node:util"; import delay from "delay";
       const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
       const wait = promisify(setTimeout);
       export const f = () => db.transaction(async (trx) => {
         await sleep(100);
         await new Promise((r) => { setTimeout(() => r(undefined), 50); });
         await wait(10);
         await delay(10);
         await trx("jobs").update({ state: "done" });
       });`,
      errors: [
        { ...io, line: 5, data: { io: 'A sleep', call: 'sleep', transaction: 'db.transaction', effect: 'keeps the transaction open while it waits, holding its locks and a pooled connection', fix: 'Wait before the transaction starts or after it ends; to retry, retry the whole transaction.' } },
        { ...io, line: 6 },
        { ...io, line: 7 },
        { ...io, line: 8 },
      ],
    },
    // ---------------------------------------------------------------- Sequelize
    {
      code: `${SEQUELIZE} ${MAILER}
       export const f = (email: string) => sequelize.transaction(async (t) => {
         await User.create({ email }, { transaction: t });
         await transporter.sendMail({ to: email, subject: "Welcome" });
       });`,
      errors: [
        {
          ...io,
          line: 4,
          data: {
            io: 'An e-mail send',
            call: 'transporter.sendMail',
            transaction: 'sequelize.transaction',
            effect: 'keeps the transaction open while it waits, holding its locks and a pooled connection, and is not undone if the transaction rolls back',
            fix: 'Send it in `t.afterCommit(() => …)`, or write an outbox row through `t` and send it from there.',
          },
        },
      ],
    },
    // ---------------------------------------------------------------- TypeORM
    {
      code: `${TYPEORM} import { SQSClient, SendMessageCommand } from "@aws-sdk/client-sqs"; const sqs = new SQSClient({});
       export const f = () => dataSource.transaction(async (manager) => {
         await manager.save(Order, { status: "paid" });
         await dataSource.manager.save(Audit, { action: "paid" });
         await sqs.send(new SendMessageCommand({ QueueUrl: "https://sqs.example.com/q", MessageBody: "paid" }));
       });`,
      errors: [
        { ...outerClient, line: 4, data: { call: 'dataSource.manager.save', client: 'dataSource', handle: "the transaction's `manager`", transaction: 'dataSource.transaction', poolNote: '', fix: 'Call it through `manager.save(…)`.' } },
        { ...io, line: 5 },
      ],
    },
    // ---------------------------------------------------------------- Mongoose
    {
      code: `${MONGOOSE} import { Kafka } from "kafkajs"; import got from "got";
       const producer = new Kafka({ brokers: ["localhost:9092"] }).producer();
       export async function pay(id: string) {
         const session = await mongoose.startSession();
         await session.withTransaction(async () => {
           await Order.updateOne({ _id: id }, { paid: true }, { session });
           await producer.send({ topic: "payments", messages: [{ value: id }] });
         });
         await mongoose.connection.transaction(async (s) => {
           await got.post("https://api.example.com", { timeout: { request: 1000 } });
         });
       }`,
      errors: [
        { ...io, line: 7, data: { io: 'A queue publish', call: 'producer.send', transaction: 'session.withTransaction', effect: 'keeps the transaction open while it waits, holding its locks and a pooled connection, and is not undone if the transaction rolls back', fix: 'Send it once `await session.withTransaction(…)` has returned, or write an outbox row inside the transaction and send it from there (the callback may also run more than once: the driver retries it on transient errors).' } },
        { ...io, line: 10 },
      ],
    },
    // ---------------------------------------------------------------- Drizzle
    {
      code: `${DRIZZLE} import { setTimeout as sleep } from "node:timers/promises";
       export const f = () => db.transaction(async (tx) => {
         await tx.insert(users).values({ name: "a" });
         await sleep(250);
         await db.insert(outbox).values({ topic: "user.created" });
       });`,
      errors: [
        { ...io, line: 4 },
        { ...outerClient, line: 5 },
      ],
    },
    // A client imported from the project: the callback's use of `tx` shows it is a database transaction.
    {
      code: `import { db } from "./db"; import { users } from "./schema";
       export const f = () => db.transaction(async (tx) => { await tx.insert(users).values({}); await fetch("https://api.example.com"); });`,
      errors: [io],
    },
    // ---------------------------------------------------------------- Kysely
    {
      code: `${KYSELY} import amqp from "amqplib";
       export async function f() {
         const channel = await (await amqp.connect("amqp://localhost")).createChannel();
         await db.transaction().execute(async (trx) => {
           await trx.insertInto("orders").values({ id: 1 }).execute();
           channel.publish("orders", "created", Buffer.from("1"));
           await db.insertInto("audit").values({ id: 1 }).execute();
         });
       }`,
      errors: [
        { ...io, line: 6, data: { io: 'A queue publish', call: 'channel.publish', transaction: 'db.transaction().execute', effect: 'runs before the transaction commits and is not undone if it rolls back', fix: 'Send it once `await db.transaction().execute(…)` has returned, or write an outbox row through `trx` and send it from there.' } },
        { ...outerClient, line: 7 },
      ],
    },
    // AWS SDK v2 and v3 aggregated clients, Resend, and a mailer injected into a NestJS service.
    {
      code: `${PRISMA} import AWS from "aws-sdk"; import { SNS } from "@aws-sdk/client-sns"; import { Resend } from "resend"; import { MailerService } from "@nestjs-modules/mailer";
       const sqs = new AWS.SQS(); const sns = new SNS({}); const resend = new Resend("key");
       export class Signup {
         constructor(private readonly mailer: MailerService) {}
         run() {
           return prisma.$transaction(async (tx) => {
             await sqs.sendMessage({ QueueUrl: "q", MessageBody: "m" }).promise();
             await sns.publish({ TopicArn: "t", Message: "m" });
             await resend.emails.send({ from: "a", to: "b", subject: "c", html: "d" });
             await this.mailer.sendMail({ to: "b" });
           });
         }
       }`,
      errors: [
        { ...io, line: 7, data: { io: 'A queue publish', call: 'sqs.sendMessage', transaction: 'prisma.$transaction', effect: 'runs before the transaction commits and is not undone if it rolls back', fix: 'Send it once `await prisma.$transaction(…)` has returned, or write an outbox row through `tx` and send it from there.' } },
        { ...io, line: 8 },
        { ...io, line: 9 },
        { ...io, line: 10 },
      ],
    },
    // A helper handed to an iteration method, and one whose promise the callback does not wait for.
    {
      code: `${KNEX} ${MAILER}
       function welcome(email: string) { return transporter.sendMail({ to: email }); }
       async function ping() { await fetch("https://hooks.example.com"); }
       export const f = (emails: string[]) => db.transaction(async (trx) => {
         await trx("users").insert(emails.map((email) => ({ email })));
         await Promise.all(emails.map(welcome));
         void ping();
       });`,
      errors: [
        { ...helperIo, line: 6, data: { call: 'emails.map', io: 'an e-mail send', ioCall: 'transporter.sendMail', line: '2', transaction: 'db.transaction', effect: 'keeps the transaction open while it waits, holding its locks and a pooled connection, and is not undone if the transaction rolls back', fix: 'Send it once `await db.transaction(…)` has returned, or write an outbox row through `trx` and send it from there.' } },
        { ...helperIo, line: 7, data: { call: 'ping', io: 'an HTTP request', ioCall: 'fetch', line: '3', transaction: 'db.transaction', effect: 'runs before the transaction commits and is not undone if it rolls back', fix: 'Fetch what the transaction needs before it starts, and call out with its results once `await db.transaction(…)` has returned.' } },
      ],
    },
    // ---------------------------------------------------------------- MikroORM
    {
      code: `import { EntityManager } from "@mikro-orm/core"; ${MAILER}
       export class Users {
         constructor(private readonly em: EntityManager) {}
         register(user: object) {
           return this.em.transactional(async (em) => {
             em.persist(user);
             await transporter.sendMail({ subject: "Welcome" });
           });
         }
       }`,
      errors: [{ ...io, line: 7 }],
    },
  ],
});

// With type information: the packages' declarations confirm the clients; the same code shapes apply.
typedRuleTester().run('no-io-in-transaction (typed)', rule, {
  valid: [
    // The outbox row through the handle; the request after the commit.
    `import { PrismaClient } from "@prisma/client"; import axios from "axios"; const prisma = new PrismaClient();
     export async function f() {
       const user = await prisma.$transaction(async (tx) => tx.user.create({ data: { email: "a" } }));
       await axios.post("https://crm.example.com", { id: user.id }, { timeout: 1000 });
     }`,
    // Types say `seen` is a Set and `send` a local function.
    `import knex from "knex"; const db = knex({ client: "pg" }); const send = (x: string) => x;
     export const f = () => db.transaction(async (trx) => { const seen = new Set<number>(); seen.add(1); send("x"); await trx("users").where({ id: 1 }).first(); });`,
    // A handle typed as a transaction client, used in a helper (not a transaction of its own).
    'import type { Prisma } from "@prisma/client"; export async function f(tx: Prisma.TransactionClient) { await tx.user.update({ where: { id: 1 }, data: {} }); await fetch("https://api.example.com"); }',
    // Sequelize's afterCommit, Mongoose's withSession-free session use.
    `import { Sequelize, Transaction } from "sequelize"; declare const sequelize: Sequelize;
     export const f = () => sequelize.transaction(async (t: Transaction) => { t.afterCommit(async () => { await fetch("https://hooks.example.com"); }); });`,
    // A class with a `transaction` method that is no database.
    'class Store { transaction(fn: (draft: { n: number }) => Promise<void>) { return fn({ n: 0 }); } } const store = new Store(); export const f = () => store.transaction(async (draft) => { draft.n += 1; await fetch("https://api.example.com"); });',
    // The batch form.
    'import { PrismaClient } from "@prisma/client"; const prisma = new PrismaClient(); export const f = async () => { await prisma.$transaction([prisma.user.findMany()]); await fetch("https://api.example.com"); };',
    // An HTTP client imported from another module (tests/fixtures/typed/cross-file/http.ts), called once the transaction has returned.
    `import { PrismaClient } from "@prisma/client"; import { http } from "./cross-file/http"; const prisma = new PrismaClient();
     export async function activate(id: number) {
       const user = await prisma.$transaction(async (tx) => tx.user.update({ where: { id }, data: { name: "active" } }));
       await http.post("/audit", { id: user.id });
     }`,
    // Look-alikes from the same module: a project class with get/post, a project function called request.
    `import { DataSource } from "typeorm"; import { gateway, request } from "./cross-file/http"; declare const dataSource: DataSource;
     export const f = (id: number) => dataSource.transaction(async (manager) => { await manager.query("UPDATE a SET b = 1"); gateway.post("/audit", { id }); request("/x"); });`,
    // An untyped (any) receiver inside the transaction: nothing says it is an HTTP client.
    `import { PrismaClient } from "@prisma/client"; const prisma = new PrismaClient(); declare const api: any;
     export const f = () => prisma.$transaction(async (tx) => { await tx.user.findMany(); await api.post("/audit", {}); });`,
  ],
  invalid: [
    {
      code: `import { PrismaClient } from "@prisma/client"; import axios from "axios"; const prisma = new PrismaClient(); const api = axios.create({ timeout: 1000 });
       export const f = () => prisma.$transaction(async (tx) => {
         await tx.user.update({ where: { id: 1 }, data: { name: "b" } });
         await api.post("/audit", {});
         await prisma.order.create({ data: { userId: 1, total: 1, status: "new" } });
       });`,
      errors: [
        { ...io, line: 4 },
        { ...outerClient, line: 5 },
      ],
    },
    {
      code: `import knex from "knex"; import { request } from "undici"; const db = knex({ client: "pg" });
       export const f = () => db.transaction(async (trx) => { await trx("a").insert({}); await request("https://api.example.com", { headersTimeout: 1000 }); await db("b").insert({}); });`,
      errors: [io, outerClient],
    },
    {
      code: `import { Sequelize } from "sequelize"; import { setTimeout as sleep } from "node:timers/promises"; declare const sequelize: Sequelize;
       export const f = () => sequelize.transaction(async (t) => { await sleep(100); });`,
      errors: [io],
    },
    {
      code: `import { DataSource, EntityManager } from "typeorm"; import got from "got"; declare const dataSource: DataSource;
       async function work(manager: EntityManager) { await manager.query("UPDATE a SET b = 1"); await got.post("https://api.example.com", { timeout: { request: 1000 } }); }
       export const f = () => dataSource.transaction(work);`,
      errors: [{ ...io, line: 2 }],
    },
    {
      code: `import mongoose from "mongoose";
       export async function f() { const session = await mongoose.startSession(); await session.withTransaction(async () => { await new Promise((resolve) => setTimeout(resolve, 100)); }); }`,
      errors: [io],
    },
    {
      code: `import { drizzle } from "drizzle-orm/node-postgres"; import { pgTable, serial, text } from "drizzle-orm/pg-core";
       const users = pgTable("users", { id: serial("id").primaryKey(), name: text("name") });
       const db = drizzle("postgres://localhost/app");
       export const f = () => db.transaction(async (tx) => { await tx.insert(users).values({ name: "a" }); await fetch("https://api.example.com"); await db.insert(users).values({ name: "b" }); });`,
      errors: [io, outerClient],
    },
    {
      code: `import { Kysely } from "kysely"; import axios from "axios"; interface DB { person: { id: number } } declare const db: Kysely<DB>;
       export const f = () => db.transaction().execute(async (trx) => { await trx.deleteFrom("person").execute(); await axios.get("https://api.example.com"); });`,
      errors: [io],
    },
    {
      code: `import { EntityManager } from "@mikro-orm/core"; declare const em: EntityManager;
       export const f = () => em.transactional(async (fork) => { await fork.flush(); await fetch("https://api.example.com"); });`,
      errors: [io],
    },
    // An HTTP client created in another module and imported: only its type says what it is.
    {
      code: `import { PrismaClient } from "@prisma/client"; import { http } from "./cross-file/http"; const prisma = new PrismaClient();
       export const activate = (id: number) => prisma.$transaction(async (tx) => {
         const row = await tx.user.findUniqueOrThrow({ where: { id } });
         await http.post("/audit", { id: row.id, action: "activate" });
         await tx.user.update({ where: { id }, data: { name: "active" } });
       });`,
      errors: [
        httpRequestIn('prisma.$transaction', 'http.post', 4),
      ],
    },
    {
      code: `import { DataSource } from "typeorm"; import { http } from "./cross-file/http"; declare const dataSource: DataSource;
       export const reassign = (id: number, ownerId: number) => dataSource.transaction(async (manager) => {
         const current = await manager.query("SELECT * FROM orders WHERE id = $1", [id]);
         await http.post("/audit", { id, ownerId, current });
         await manager.query("UPDATE orders SET owner_id = $1 WHERE id = $2", [ownerId, id]);
       });`,
      errors: [
        httpRequestIn('dataSource.transaction', 'http.post', 4),
      ],
    },
    // Injected clients: an AxiosInstance constructor parameter, a got instance and an undici pool from another module.
    {
      code: `import { PrismaClient } from "@prisma/client"; import type { AxiosInstance } from "axios";
       export class Orders {
         constructor(private readonly prisma: PrismaClient, private readonly api: AxiosInstance) {}
         pay(id: number) {
           return this.prisma.$transaction(async (tx) => {
             await tx.order.update({ where: { id }, data: { status: "paid" } });
             await this.api.get(\`/orders/\${id}\`);
           });
         }
       }`,
      errors: [httpRequestIn('this.prisma.$transaction', 'this.api.get', 7)],
    },
    {
      code: `import knex from "knex"; import { gotClient, pool } from "./cross-file/http"; const db = knex({ client: "pg" });
       export const f = () => db.transaction(async (trx) => { await trx("a").insert({}); await gotClient.post("audit", { json: {} }); await pool.request({ path: "/x", method: "GET" }); });`,
      errors: [
        httpRequestIn('db.transaction', 'gotClient.post'),
        httpRequestIn('db.transaction', 'pool.request'),
      ],
    },
    // A package not installed here: its import has no type, so the import decides.
    {
      code: `import { PrismaClient } from "@prisma/client"; import nodemailer from "nodemailer"; const prisma = new PrismaClient(); const transporter = nodemailer.createTransport({});
       export const f = () => prisma.$transaction(async (tx) => { await tx.user.create({ data: { email: "a" } }); await transporter.sendMail({}); });`,
      errors: [io],
    },
  ],
});

// ---------------------------------------------------------------------------------------------------------
// Objection: `Model.transaction(async (trx) => …)`. A query given the transaction where it starts (`Person.query(trx)`,
// `person.$relatedQuery('pets', trx)`) or through `.transacting(trx)` runs in it; one on the model alone does not.

const OBJECTION = 'import { Model } from "objection"; class Person extends Model { static tableName = "persons"; } class Pet extends Model { static tableName = "pets"; }';

const objectionValid = [
  `${OBJECTION}
   export async function f(id: number) {
     await Person.transaction(async (trx) => {
       const person = await Person.query(trx).findById(id);
       await person!.$relatedQuery("pets", trx).insert({ name: "a" });
       await Person.query().transacting(trx).patch({ active: true }).where("id", id);
       await Person.relatedQuery("pets", trx).for(id).delete();
     });
   }`,
  // The outbox pattern: the message leaves once the transaction has committed.
  `${OBJECTION}
   export async function f(id: number) {
     await Person.transaction(async (trx) => { await Person.query(trx).insert({ id }); });
     await fetch("https://hooks.example.com/created");
   }`,
  // Another model's query given the transaction runs in it too; `Model.transaction` with the request after it returns.
  `${OBJECTION}
   export async function f(id: number) {
     await Person.transaction(async (trx) => {
       await Pet.query(trx).insert({ ownerId: id });
       await Pet.relatedQuery("owner", trx).for(id).relate(id);
       const BoundPet = Pet.bindTransaction(trx);
       await BoundPet.query().patch({ adopted: true });
     });
     await Model.transaction(async (trx) => { await Person.query(trx).patch({ active: true }); });
     await fetch("https://hooks.example.com/adopted");
   }`,
  // Model classes bound to the transaction where the chain starts.
  `${OBJECTION}
   export const f = (id: number) => Person.transaction(async (trx) => {
     await Person.bindTransaction(trx).query().insert({ id });
     await Person.bindKnex(trx).query().patch({ active: true }).where("id", id);
   });`,
  // A savepoint: the nested transaction is given the enclosing one.
  `${OBJECTION}
   export const f = (id: number) => Person.transaction(async (trx) => {
     await Person.transaction(trx, async (savepoint) => { await Person.query(savepoint).insert({ id }); });
     const nested = await Person.startTransaction(trx);
     await nested.commit();
   });`,
  // fetchGraph takes the transaction in its options (or in options built elsewhere, which may hold it).
  `${OBJECTION}
   export const f = (people: Person[], options: { transaction?: unknown }) => Person.transaction(async (trx) => {
     await Person.fetchGraph(people, "pets", { transaction: trx });
     await Person.fetchGraph(people, "pets", options as never);
   });`,
];

const objectionInvalid = [
  {
    code: `${OBJECTION}
       export async function f(id: number) {
         await Person.transaction(async (trx) => {
           await Person.query().insert({ id });
           await fetch("https://ledger.example.com/created", { method: "POST" });
         });
       }`,
    errors: [
      {
        ...outerClient,
        line: 4,
        data: {
          call: 'Person.query().insert',
          client: 'Person',
          handle: "the transaction's `trx`",
          transaction: 'Person.transaction',
          poolNote: '',
          fix: 'Pass `trx` where the query starts (`Person.query(trx)`), or chain `.transacting(trx)`.',
        },
      },
      httpRequestIn('Person.transaction', 'fetch', 5),
    ],
  },
  // `Model.transaction(…)` and the Knex given first (`Person.transaction(knex, …)`) open one too.
  {
    code: `${OBJECTION} ${KNEX}
       export async function f(id: number) {
         await Model.transaction(async (trx) => { await Person.query(trx).insert({ id }); await fetch("https://ledger.example.com/created"); });
         await Person.transaction(db, async (trx) => { await Person.query(trx).patch({ active: true }); await fetch("https://ledger.example.com/patched"); });
       }`,
    errors: [httpRequestIn('Model.transaction', 'fetch', 3), httpRequestIn('Person.transaction', 'fetch', 4)],
  },
  // Second transactions opened on the model, not given the first, and graph options without it: all on another connection.
  {
    code: `${OBJECTION}
       async function audit(other: never) { await Person.query(other).patch({ audited: true }); }
       export const f = (people: Person[]) => Person.transaction(async (trx) => {
         await Person.transaction(async (other) => { await Person.query(other).insert({}); });
         await Person.transaction(audit);
         await Person.transaction(undefined, audit);
         await Person.fetchGraph(people, "pets", { skipFetched: true });
       });`,
    errors: [
      { ...outerClient, line: 4 },
      { ...outerClient, line: 5 },
      { ...outerClient, line: 6 },
      { ...outerClient, line: 7 },
    ],
  },
];

untypedRuleTester().run('no-io-in-transaction: Objection', rule, { valid: objectionValid, invalid: objectionInvalid });
typedRuleTester().run('no-io-in-transaction: Objection (typed)', rule, { valid: objectionValid, invalid: objectionInvalid });

// ---------------------------------------------------------------------------------------------------------
// Objection's free function `transaction(knex, async (trx) => …)`, `transaction(Person, Pet, async (BoundPerson, BoundPet) => …)`
// (imported, also under another name): a function called by name that the database analysis classifies as a transaction.

const OBJECTION_TRANSACTION = `${OBJECTION} ${KNEX} import { transaction } from "objection";`;

const objectionFunctionValid = [
  // The request once the transaction has returned.
  `${OBJECTION_TRANSACTION}
   export async function f(id: number) {
     const created = await transaction(db, async (trx) => Person.query(trx).insert({ id }));
     await fetch("https://hooks.example.com/created/" + created.id);
   }`,
  // A `transaction` of the project's own, or of another package: what it does is not known.
  `${OBJECTION} import { transaction } from "./db";
   export const f = (id: number) => transaction(async (trx: never) => { await Person.query(trx).insert({ id }); await fetch("https://hooks.example.com"); });`,
  `${OBJECTION} import { transaction } from "sequelize";
   export const f = (id: number) => transaction(async (t: never) => { await Person.query(t).insert({ id }); await fetch("https://hooks.example.com"); });`,
  // `transaction` as a local name: a transaction begun by hand, a wrapper of the file, a parameter.
  `${OBJECTION}
   export async function f(id: number) {
     const transaction = await Person.startTransaction();
     await Person.query(transaction).insert({ id });
     await transaction.commit();
     await fetch("https://hooks.example.com/created");
   }`,
  `${OBJECTION}
   const transaction = (work: () => Promise<void>) => work();
   export const f = () => transaction(async () => { await fetch("https://hooks.example.com"); });`,
  `${OBJECTION}
   export const f = (transaction: (work: () => Promise<void>) => Promise<void>) => transaction(async () => { await fetch("https://hooks.example.com"); });`,
];

const objectionFunctionInvalid = [
  {
    code: `${OBJECTION_TRANSACTION}
       export const f = (id: number) => transaction(db, async (trx) => {
         await Person.query(trx).insert({ id });
         await fetch("https://ledger.example.com/created", { method: "POST" });
       });`,
    errors: [httpRequestIn('transaction', 'fetch', 4)],
  },
  // Model classes bound to the transaction.
  {
    code: `${OBJECTION} import axios from "axios"; import { transaction } from "objection";
       export const f = (id: number) => transaction(Person, Pet, async (BoundPerson, BoundPet) => {
         await BoundPerson.query().insert({ id });
         await BoundPet.query().insert({ ownerId: id });
         await axios.post("https://ledger.example.com/created", { id }, { timeout: 1000 });
       });`,
    errors: [httpRequestIn('transaction', 'axios.post', 5)],
  },
  // Under another name, with the callback a function of the file; `require`.
  {
    code: `${OBJECTION} ${KNEX} import { transaction as inTransaction } from "objection";
       async function create(trx: never) { await Person.query(trx).insert({}); await fetch("https://ledger.example.com/created"); }
       export const f = () => inTransaction(db, create);`,
    errors: [httpRequestIn('inTransaction', 'fetch', 2)],
  },
  {
    code: `${OBJECTION} ${KNEX} const { transaction } = require("objection");
       export const f = () => transaction(db, async (trx: never) => { await Person.query(trx).insert({}); await fetch("https://ledger.example.com/created"); });`,
    errors: [httpRequestIn('transaction', 'fetch', 2)],
  },
];

untypedRuleTester().run('no-io-in-transaction: Objection transaction()', rule, { valid: objectionFunctionValid, invalid: objectionFunctionInvalid });
typedRuleTester().run('no-io-in-transaction: Objection transaction() (typed)', rule, { valid: objectionFunctionValid, invalid: objectionFunctionInvalid });

// ---------------------------------------------------------------------------------------------------------
// Objection's namespace: `objection.transaction(knex, cb)` on the default import, a namespace import or `require("objection")`.

const objectionNamespaceValid = [
  // The project's own `objection` module, a local object, another package's `transaction`: what they do is not known.
  `${OBJECTION} ${KNEX} import objection from "./objection";
   export const f = (id: number) => objection.transaction(db, async (trx: never) => { await Person.query(trx).insert({ id }); await fetch("https://hooks.example.com"); });`,
  `${OBJECTION} ${KNEX}
   const objection = { transaction: async (_db: unknown, work: (trx: never) => Promise<void>) => work(undefined as never) };
   export const f = (id: number) => objection.transaction(db, async (trx) => { await Person.query(trx).insert({ id }); await fetch("https://hooks.example.com"); });`,
  `${OBJECTION} ${KNEX} import * as retry from "p-retry";
   export const f = (id: number) => (retry as any).transaction(db, async (trx: never) => { await Person.query(trx).insert({ id }); await fetch("https://hooks.example.com"); });`,
  // The request once the transaction has returned.
  `${OBJECTION} ${KNEX} import objection from "objection";
   export async function f(id: number) {
     await objection.transaction(db, async (trx) => { await Person.query(trx).insert({ id }); });
     await fetch("https://hooks.example.com/created");
   }`,
];

const objectionNamespaceInvalid = [
  {
    code: `${OBJECTION} ${KNEX} import objection from "objection";
       export const f = (id: number) => objection.transaction(db, async (trx) => {
         await Person.query(trx).insert({ id });
         await fetch("https://ledger.example.com/created", { method: "POST" });
       });`,
    errors: [httpRequestIn('objection.transaction', 'fetch', 4)],
  },
  {
    code: `${OBJECTION} ${KNEX} import * as objection from "objection";
       export const f = (id: number) => objection.transaction(db, async (trx) => { await Person.query(trx).insert({ id }); await fetch("https://ledger.example.com/created"); });`,
    errors: [httpRequestIn('objection.transaction', 'fetch', 2)],
  },
  {
    code: `${OBJECTION} ${KNEX} const objection = require("objection");
       export const f = (id: number) => objection.transaction(db, async (trx: never) => { await Person.query(trx).insert({ id }); await fetch("https://ledger.example.com/created"); });`,
    errors: [httpRequestIn('objection.transaction', 'fetch', 2)],
  },
  {
    code: `${OBJECTION} ${KNEX}
       export const f = (id: number) => require("objection").transaction(db, async (trx: never) => { await Person.query(trx).insert({ id }); await fetch("https://ledger.example.com/created"); });`,
    errors: [httpRequestIn('require("objection").transaction', 'fetch', 2)],
  },
];

untypedRuleTester().run('no-io-in-transaction: Objection namespace', rule, { valid: objectionNamespaceValid, invalid: objectionNamespaceInvalid });
typedRuleTester().run('no-io-in-transaction: Objection namespace (typed)', rule, { valid: objectionNamespaceValid, invalid: objectionNamespaceInvalid });

// ---------------------------------------------------------------------------------------------------------
// Objection: another model's query without the transaction runs on the model's own Knex, beside the transaction.

/** The report of `call` on the model `client` inside `transaction`, whose handle is `trx`. */
function otherModelIn(transaction: string, call: string, client: string, line: number) {
  return {
    ...outerClient,
    line,
    data: { call, client, handle: "the transaction's `trx`", transaction, poolNote: '', fix: `Pass \`trx\` where the query starts (\`${client}.query(trx)\`), or chain \`.transacting(trx)\`.` },
  };
}

const objectionOtherModelValid = [
  // Every model given the transaction: where the query starts, chained, bound first (in place or in a const), on a row.
  `${OBJECTION}
   export const f = (id: number) => Person.transaction(async (trx) => {
     const person = await Person.query(trx).findById(id);
     await Pet.query(trx).insert({ ownerId: id });
     await Pet.query().transacting(trx).patch({ adopted: true });
     await Pet.relatedQuery("owner", trx).for(id).relate(id);
     await Pet.bindTransaction(trx).query().delete().where("ownerId", id);
     await Pet.bindKnex(trx).query().patch({ adopted: false });
     const BoundPet = Pet.bindTransaction(trx);
     await BoundPet.query().where("ownerId", id).delete();
     const KnexPet = Pet.bindKnex(trx);
     const pet = await KnexPet.query().findById(id);
     await pet!.$query().patch({ adopted: true });
     await person!.$query(trx).patch({ active: true });
     await person!.$relatedQuery("pets", trx).insert({ name: "a" });
     await Pet.fetchGraph([pet!], "owner", { transaction: trx });
   });`,
  // Subqueries: the outer query, given the transaction, sends them.
  `${OBJECTION}
   export const f = (id: number) => Person.transaction(async (trx) => {
     await Person.query(trx).whereIn("id", Pet.query().select("ownerId")).patch({ active: true });
     await Person.query(trx).whereExists(Person.relatedQuery("pets")).delete();
     await Person.query(trx).select(["persons.*", Person.relatedQuery("pets").count().as("petCount")]).where("id", id);
   });`,
  // The models Objection's function hands out, and their shadowing names.
  `${OBJECTION} import { transaction } from "objection";
   export const f = (id: number) => transaction(Person, Pet, async (BoundPerson, BoundPet) => {
     await BoundPerson.query().insert({ id });
     await BoundPet.query().insert({ ownerId: id });
   });`,
  `${OBJECTION} import { transaction } from "objection";
   export const f = (id: number) => transaction(Person, async (Person) => { await Person.query().insert({ id }); });`,
  // Given a model, the callback gets a bound model, not the transaction: the fix the message names (\`query(trx)\`) does not apply.
  `${OBJECTION} import { transaction } from "objection";
   export const f = (id: number) => transaction(Person, async (BoundPerson) => { await BoundPerson.query().insert({ id }); await Pet.query().insert({ ownerId: id }); });`,
  // Another model's query before the transaction, and in a function handed to something that may run it later.
  `${OBJECTION}
   export async function f(id: number, later: (work: () => Promise<unknown>) => void) {
     const pets = await Pet.query().where("ownerId", id);
     await Person.transaction(async (trx) => {
       await Person.query(trx).patch({ pets: pets.length });
       later(() => Pet.query().where("ownerId", id).delete());
     });
   }`,
  // Another library's transaction: not Objection's models' business here.
  `${OBJECTION} ${KNEX}
   export const f = (id: number) => db.transaction(async (trx) => { await trx("persons").insert({ id }); await Pet.query(trx).insert({ ownerId: id }); });`,
];

const objectionOtherModelInvalid = [
  {
    code: `${OBJECTION}
       export const f = (id: number) => Person.transaction(async (trx) => {
         await Person.query(trx).insert({ id });
         await Pet.query().where("ownerId", id).delete();
         await Pet.relatedQuery("owner").for(id).relate(id);
       });`,
    errors: [
      otherModelIn('Person.transaction', 'Pet.query().where("ownerId", id).delete', 'Pet', 4),
      otherModelIn('Person.transaction', 'Pet.relatedQuery("owner").for(id).relate', 'Pet', 5),
    ],
  },
  // On the base class, the transaction's own model reached another way, and across an iteration.
  {
    code: `${OBJECTION}
       export const f = (ids: number[]) => Model.transaction(async (trx) => {
         await Person.query().findByIds(ids);
         await Promise.all(ids.map((id) => Pet.query().insert({ ownerId: id })));
       });`,
    errors: [otherModelIn('Model.transaction', 'Person.query().findByIds', 'Person', 3), otherModelIn('Model.transaction', 'Pet.query().insert', 'Pet', 4)],
  },
  // Objection's function given a Knex, and through the namespace: nothing runs on it but what is given `trx`.
  {
    code: `${OBJECTION_TRANSACTION}
       export const f = (id: number) => transaction(db, async (trx) => {
         await Person.query(trx).insert({ id });
         await Pet.query().insert({ ownerId: id });
       });`,
    errors: [otherModelIn('transaction', 'Pet.query().insert', 'Pet', 4)],
  },
  {
    code: `${OBJECTION} ${KNEX} import * as objection from "objection";
       export const f = (id: number) => objection.transaction(db, async (trx) => { await Person.query(trx).insert({ id }); await Pet.query().insert({ ownerId: id }); });`,
    errors: [otherModelIn('objection.transaction', 'Pet.query().insert', 'Pet', 2)],
  },
  // The models the function hands out are in it; the classes they were made from are not.
  {
    code: `${OBJECTION} ${KNEX} import { transaction } from "objection";
       export const f = (id: number) => transaction(db, async (trx) => {
         const BoundPet = Pet.bindKnex(trx);
         await BoundPet.query().insert({ ownerId: id });
         await Pet.query().where("ownerId", id).first();
       });`,
    errors: [otherModelIn('transaction', 'Pet.query().where("ownerId", id).first', 'Pet', 5)],
  },
];

untypedRuleTester().run('no-io-in-transaction: Objection, another model', rule, { valid: objectionOtherModelValid, invalid: objectionOtherModelInvalid });
typedRuleTester().run('no-io-in-transaction: Objection, another model (typed)', rule, { valid: objectionOtherModelValid, invalid: objectionOtherModelInvalid });

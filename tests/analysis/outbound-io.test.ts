import { ESLintUtils, type TSESTree } from '@typescript-eslint/utils';
import { getOutboundIo } from '../../src/analysis/outbound-io';
import { typedRuleTester, untypedRuleTester } from '../rule-tester';

/** Reports what the outbound-I/O analysis makes of each call and `new Promise`, as `category:client:method:evidence`. */
const ioProbe = ESLintUtils.RuleCreator.withoutDocs({
  meta: { type: 'problem', schema: [], messages: { io: '{{io}}' } },
  create(context) {
    const analyzer = getOutboundIo(context);
    const probe = (node: TSESTree.CallExpression | TSESTree.NewExpression) => {
      const found = analyzer.classify(node);
      if (found) context.report({ node, messageId: 'io', data: { io: `${found.category}:${found.client}:${found.method}:${found.evidence}` } });
    };
    return { CallExpression: probe, NewExpression: probe };
  },
});

function io(code: string, ...expected: string[]) {
  return { code, errors: expected.map((found) => ({ messageId: 'io' as const, data: { io: found } })) };
}

untypedRuleTester().run('analysis-outbound-io (untyped)', ioProbe, {
  valid: [
    // Names alone are nothing: local functions, project modules, sets, sockets, express responses.
    'function fetch(u: string) { return u; } fetch("x"); const send = (m: string) => m; send("x"); function sleep(ms: number) { return ms; } sleep(1);',
    'import { queue } from "./queue"; import { mailer } from "./mailer"; queue.add("x", {}); mailer.sendMail({}); mailer.send({});',
    'const seen = new Set<number>(); seen.add(1); import WebSocket from "ws"; new WebSocket("ws://x").send("m");',
    'import express from "express"; express().get("/", (req, res) => { res.send("ok"); });',
    // Stripe: a webhook's signature is checked locally; a project value named otherwise, or a resource Stripe does not have.
    'import Stripe from "stripe"; const stripe = new Stripe("k"); export const f = (body: string, sig: string) => stripe.webhooks.constructEvent(body, sig, "whsec");',
    'import { stripe } from "./stripe"; import { billing } from "./billing"; stripe.helpers.create({}); billing.customers.create({});',
    'import { SendMessageCommand } from "./commands"; declare const client: any; client.send(new SendMessageCommand({}));',
    'import { S3Client, GetObjectCommand } from "@aws-sdk/client-s3"; new S3Client({}).send(new GetObjectCommand({ Bucket: "b", Key: "k" }));',
    // Timers that schedule rather than wait, and sleeps nobody waits for.
    'setTimeout(() => console.log("x"), 10); const timer = new Promise((resolve) => setTimeout(resolve, 10)); Promise.race([fetchLike(), new Promise((_, reject) => setTimeout(reject, 10))]);',
    'import { setTimeout as sleep } from "node:timers/promises"; const pending = sleep(10);',
    'const Promise = class { constructor(_: unknown) {} }; export async function f() { await new Promise((r: () => void) => setTimeout(r, 10)); }',
    'export async function f() { const setTimeout = (fn: () => void) => fn(); await new Promise<void>((r) => setTimeout(r)); }',
  ],
  invalid: [
    io('import axios from "axios"; export async function f() { await axios.post("/x", {}); await fetch("/y"); }', 'http:axios:post:import', 'http:fetch:fetch:global'),
    // Stripe's API client: from its package, or a client of the project's named for it (Rallly's billing, Postiz's StripeService).
    io(
      'import Stripe from "stripe"; const stripe = new Stripe("k"); export async function f(id: string) { await stripe.customers.retrieve(id); await stripe.checkout.sessions.create({}); }',
      'http:stripe:retrieve:import',
      'http:stripe:create:import',
    ),
    io(
      'import { stripe } from "@/lib/stripe"; export async function f(id: string) { await stripe.invoices.voidInvoice(id); await stripe.billingPortal.sessions.create({ customer: id }); }',
      'http:stripe:voidInvoice:shape',
      'http:stripe:create:shape',
    ),
    io(
      'import { Queue, FlowProducer } from "bullmq"; const q = new Queue("q"); const flows = new FlowProducer(); export async function f() { await q.add("a", {}); await q.addBulk([]); await flows.add({ name: "n", queueName: "q" }); }',
      'queue:bullmq:add:import',
      'queue:bullmq:addBulk:import',
      'queue:bullmq:add:import',
    ),
    io(
      'import { Injectable } from "@nestjs/common"; import { InjectQueue } from "@nestjs/bullmq"; import type { Queue } from "bullmq"; @Injectable() export class S { constructor(@InjectQueue("q") private readonly q: Queue, @InjectQueue("r") private readonly r: any) {} run() { return Promise.all([this.q.add("a", {}), this.r.add("b", {})]); } }',
      'queue:bullmq:add:annotation',
      'queue:@nestjs/bullmq:add:injection',
    ),
    io('const { Kafka } = require("kafkajs"); const producer = new Kafka({ brokers: [] }).producer(); producer.send({ topic: "t", messages: [] }); producer.sendBatch({ topicMessages: [] });', 'queue:kafkajs:send:import', 'queue:kafkajs:sendBatch:import'),
    io(
      'import amqp from "amqplib"; export async function f() { const conn = await amqp.connect("amqp://x"); const channel = await conn.createChannel(); channel.publish("ex", "key", Buffer.from("m")); channel.sendToQueue("q", Buffer.from("m")); }',
      'queue:amqplib:publish:import',
      'queue:amqplib:sendToQueue:import',
    ),
    io(
      'import { SQSClient, SendMessageCommand } from "@aws-sdk/client-sqs"; import { SESClient, SendEmailCommand } from "@aws-sdk/client-ses"; const sqs = new SQSClient({}); const command = new SendMessageCommand({ QueueUrl: "q", MessageBody: "m" }); export async function f(ses: SESClient) { await sqs.send(command); await ses.send(new SendEmailCommand({} as any)); }',
      'queue:@aws-sdk/client-sqs:send:import',
      'email:@aws-sdk/client-ses:send:import',
    ),
    io('import * as sns from "@aws-sdk/client-sns"; const client = new sns.SNSClient({}); client.send(new sns.PublishCommand({ Message: "m" }));', 'queue:@aws-sdk/client-sns:send:import'),
    io('import AWS from "aws-sdk"; const sns = new AWS.SNS(); sns.publish({ Message: "m" });', 'queue:aws-sdk:publish:import'),
    io('import nodemailer from "nodemailer"; const transporter = nodemailer.createTransport({}); transporter.sendMail({});', 'email:nodemailer:sendMail:import'),
    io('import sgMail from "@sendgrid/mail"; sgMail.send({}); const { Resend } = require("resend"); new Resend("k").emails.send({});', 'email:@sendgrid/mail:send:import', 'email:resend:send:import'),
    // Sleeps: a promise around the global timer, timers/promises, delay, promisify(setTimeout), and helpers of this file.
    io('export async function f() { await new Promise((resolve) => setTimeout(resolve, 10)); await new Promise<void>((r) => { globalThis.setTimeout(() => r(), 10); }); }', 'sleep:setTimeout:setTimeout:global', 'sleep:setTimeout:setTimeout:global'),
    io(
      'import { setTimeout as wait, scheduler } from "node:timers/promises"; import delay from "delay"; const timers = require("timers"); export async function f() { await wait(10); await scheduler.wait(10); await delay(10); await timers.promises.setTimeout(10); }',
      'sleep:timers/promises:setTimeout:import',
      'sleep:timers/promises:scheduler.wait:import',
      'sleep:delay:delay:import',
      'sleep:timers/promises:setTimeout:import',
    ),
    io(
      'import util from "node:util"; const sleep = util.promisify(setTimeout); const pause = (ms: number) => new Promise((r) => setTimeout(r, ms)); async function nap(ms: number) { await pause(ms); } export async function f() { await sleep(10); await nap(10); return pause(5); }',
      'sleep:setTimeout:setTimeout:global',
      'sleep:setTimeout:pause:local',
      'sleep:util.promisify:sleep:import',
      'sleep:setTimeout:nap:local',
      'sleep:setTimeout:pause:local',
    ),
    // A helper that does more than wait is no sleep helper; the wait inside it still is a sleep.
    io('async function pause(ms: number) { console.log("pausing"); await new Promise((r) => setTimeout(r, ms)); } export async function f() { await pause(1); }', 'sleep:setTimeout:setTimeout:global'),
  ],
});

typedRuleTester().run('analysis-outbound-io (typed)', ioProbe, {
  valid: [
    // Types say these receivers are the project's own.
    'class Queue { add(x: number) { return x; } } const q = new Queue(); q.add(1);',
    'declare const mailer: { sendMail(m: object): Promise<void> }; export const f = () => mailer.sendMail({});',
  ],
  invalid: [
    io('import axios from "axios"; import got from "got"; export async function f() { await axios.get("/x"); await got("https://x"); }', 'http:axios:get:import', 'http:got:call:import'),
    io('import { setTimeout as sleep } from "node:timers/promises"; export async function f() { await sleep(10); }', 'sleep:timers/promises:setTimeout:import'),
    // @types/nodemailer declares the transporter: its type decides.
    io('import nodemailer from "nodemailer"; const t = nodemailer.createTransport({}); export const f = () => t.sendMail({});', 'email:nodemailer:sendMail:type'),
  ],
});

/** Reports `category:client:method:access` for calls and tagged templates: the categories and access answers every network rule shares. */
const accessProbe = ESLintUtils.RuleCreator.withoutDocs({
  meta: { type: 'problem', schema: [], messages: { io: '{{io}}' } },
  create(context) {
    const analyzer = getOutboundIo(context);
    const report = (node: TSESTree.Node, found: { category: string; client: string; method: string; access: string } | undefined) => {
      if (found) context.report({ node, messageId: 'io', data: { io: `${found.category}:${found.client}:${found.method}:${found.access}` } });
    };
    return {
      CallExpression: (node) => report(node, analyzer.classify(node)),
      TaggedTemplateExpression: (node) => report(node, analyzer.classifyTemplate(node)),
    };
  },
});

untypedRuleTester().run('analysis-outbound-io: database, cache, files and access (untyped)', accessProbe, {
  valid: [
    // Synchronous fs calls block rather than wait; a local `readFile` and a project module are not fs.
    'import { readFileSync } from "node:fs"; readFileSync("a");',
    'function readFile(p: string) { return p; } readFile("a"); import { writeFile } from "./files"; writeFile("a");',
    // Path and stream helpers do no I/O of their own.
    'import path from "node:path"; import fs from "node:fs"; path.join("a"); fs.createReadStream("a");',
  ],
  invalid: [
    io('import fs from "node:fs"; import { readFile, writeFile } from "fs/promises"; export async function f() { await fs.promises.stat("a"); await readFile("a"); await writeFile("b", ""); fs.readdir(".", () => {}); }', 'file:fs:stat:read', 'file:fs:readFile:read', 'file:fs:writeFile:write', 'file:fs:readdir:read'),
    io('const { promises: fsp } = require("fs"); export const f = () => fsp.appendFile("log", "x");', 'file:fs:appendFile:write'),
    io(
      'import { PrismaClient } from "@prisma/client"; const prisma = new PrismaClient(); export async function f() { await prisma.user.findMany(); await prisma.user.count(); await prisma.user.update({ where: { id: 1 }, data: {} }); await prisma.$queryRaw`SELECT 1`; await prisma.$executeRaw`DELETE FROM t`; }',
      'database:prisma:findMany:read',
      'database:prisma:count:read',
      'database:prisma:update:write',
      'database:prisma:$queryRaw:read',
      'database:prisma:$executeRaw:write',
    ),
    io('import { Pool } from "pg"; const pool = new Pool(); export const f = () => pool.query("SELECT 1");', 'database:pg:query:unknown'),
    io('import Redis from "ioredis"; const redis = new Redis(); export async function f() { await redis.get("k"); await redis.set("k", "v"); }', 'cache:redis:get:read', 'cache:redis:set:write'),
    io(
      'import axios from "axios"; import got from "got"; export async function f(method: string) { await axios.get("/a"); await axios.delete("/b"); await fetch("/c"); await fetch("/d", { method: "POST" }); await fetch("/e", { method }); await got("https://f"); await axios({ url: "/g" }); }',
      'http:axios:get:read',
      'http:axios:delete:write',
      'http:fetch:fetch:read',
      'http:fetch:fetch:write',
      'http:fetch:fetch:unknown',
      'http:got:call:read',
      'http:axios:call:read',
    ),
    io('import { Queue } from "bullmq"; const q = new Queue("q"); export async function f() { await q.add("a", {}); await new Promise((r) => setTimeout(r, 5)); }', 'queue:bullmq:add:write'),
  ],
});

typedRuleTester().run('analysis-outbound-io: database, cache, files and access (typed)', accessProbe, {
  valid: ['class Repo { find() { return []; } } export const f = (repo: Repo) => repo.find();'],
  invalid: [
    io('import type { Repository } from "typeorm"; class User { id!: number } export async function f(users: Repository<User>) { await users.find(); await users.save({ id: 1 }); }', 'database:typeorm:find:read', 'database:typeorm:save:write'),
    io('import { readFile } from "node:fs/promises"; export const f = () => readFile("a", "utf8");', 'file:fs:readFile:read'),
  ],
});

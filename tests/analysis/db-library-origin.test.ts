import { ESLintUtils, type TSESTree } from '@typescript-eslint/utils';
import { getReceiverPackage } from '../../src/analysis/library-origin';
import { typedRuleTester, untypedRuleTester } from '../rule-tester';

// A probe rule reporting which package the first argument of `probe(...)` comes from.
const probe = ESLintUtils.RuleCreator.withoutDocs({
  meta: { type: 'problem', schema: [], messages: { origin: '{{origin}}' } },
  create(context) {
    return {
      'CallExpression[callee.name="probe"]'(node: TSESTree.CallExpression) {
        const found = getReceiverPackage(node.arguments[0], context);
        context.report({ node, messageId: 'origin', data: { origin: found ? `${found.packageName}:${found.evidence}` : 'none' } });
      },
    };
  },
});

const origin = (code: string, expected: string) => ({ code: `declare function probe(x: unknown): void;\n${code}`, errors: [{ messageId: 'origin' as const, data: { origin: expected } }] });

untypedRuleTester().run('analysis-library-origin (untyped)', probe, {
  valid: [],
  invalid: [
    origin('import { Pool } from "pg"; const pool = new Pool(); probe(pool);', 'pg:import'),
    origin('import mysql from "mysql2/promise"; async function f() { const c = await mysql.createConnection({}); probe(c); }', 'mysql2:import'),
    origin('const axios = require("axios"); const client = axios.create({}); probe(client.get);', 'axios:import'),
    origin('import got from "got"; const api = got.extend({}).extend({}); probe(api);', 'got:import'),
    origin('import { PrismaClient } from "@prisma/client"; class S extends PrismaClient { m() { probe(this.user); } }', '@prisma/client:import'),
    origin('import type { Redis } from "ioredis"; class C { constructor(private r: Redis) {} m() { probe(this.r); } }', 'ioredis:annotation'),
    origin('import { InjectModel } from "@nestjs/mongoose"; class C { constructor(@InjectModel("Cat") private cats) {} m() { probe(this.cats); } }', '@nestjs/mongoose:injection'),
    origin('import { Kysely } from "kysely"; const db = new Kysely<any>({} as any); db.transaction().execute(async (trx) => probe(trx));', 'kysely:import'),
    origin('import { db } from "./db"; probe(db);', 'none'),
    origin('const m = new Map(); probe(m);', 'none'),
    origin('function f(x) { probe(x); }', 'none'),
  ],
});

typedRuleTester().run('analysis-library-origin (typed)', probe, {
  valid: [],
  invalid: [
    origin('import { Pool } from "pg"; declare function getPool(): Pool; probe(getPool());', 'pg:type'),
    origin('import { PrismaClient } from "@prisma/client"; const prisma = new PrismaClient(); probe(prisma.user);', '@prisma/client:type'),
    origin('import Redis from "ioredis"; probe(new Redis());', 'ioredis:type'),
    origin('import { createClient } from "redis"; probe(createClient());', '@redis/client:type'),
    origin('import axios from "axios"; probe(axios.create());', 'axios:type'),
    origin('const m = new Map<string, number>(); probe(m);', 'none'),
    origin('class Local {} probe(new Local());', 'none'),
  ],
});

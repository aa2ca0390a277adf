import { ESLintUtils, type TSESTree } from '@typescript-eslint/utils';
import { getDbOperations } from '../../src/analysis/db-operations';
import { typedRuleTester, untypedRuleTester } from '../rule-tester';

/** Reports, for each call that is a step of a database call chain, `library:method:evidence:sentLater`. */
const stepProbe = ESLintUtils.RuleCreator.withoutDocs({
  meta: { type: 'problem', schema: [], messages: { step: '{{step}}' } },
  create(context) {
    const analyzer = getDbOperations(context);
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const step = analyzer.classifyStep(node);
        if (step) context.report({ node, messageId: 'step', data: { step: `${step.library}:${step.method}:${step.evidence}:${step.sentLater}` } });
      },
    };
  },
});

function steps(code: string, ...expected: string[]) {
  return { code, errors: expected.map((step) => ({ messageId: 'step' as const, data: { step } })) };
}

untypedRuleTester().run('analysis-db-operation-steps', stepProbe, {
  valid: [
    'const map = new Map<string, number>(); map.set("a", 1); map.get("a");',
    'declare const headers: Headers; headers.set("a", "b");',
    'import NodeCache from "node-cache"; const cache = new NodeCache(); cache.set("a", 1);',
    'declare const cache: any; cache.set("a", 1);',
    // Connecting and duplicating a client are no step of an operation.
    'import { createClient } from "redis"; const client = createClient(); client.connect(); client.duplicate();',
  ],
  invalid: [
    // Commands sent on their own, and the commands queued on a pipeline or MULTI that `exec()` sends.
    steps('import Redis from "ioredis"; const redis = new Redis(); redis.set("a", "1");', 'redis:set:import:false'),
    steps(
      'import Redis from "ioredis"; const redis = new Redis(); redis.multi().set("a", "1").expire("a", 5).exec();',
      // Reported outermost first: the calls of one chain start at the same place.
      'redis:exec:import:false',
      'redis:expire:import:true',
      'redis:set:import:true',
      'redis:multi:import:true',
    ),
    steps('import Redis from "ioredis"; const redis = new Redis(); const p = redis.pipeline(); p.set("a", "1"); p.exec();', 'redis:pipeline:import:true', 'redis:set:import:true', 'redis:exec:import:false'),
    steps('import { createClient } from "redis"; const client = createClient(); client.setEx("a", 1, "v"); client.SET("b", "v");', 'redis:setEx:import:false', 'redis:SET:import:false'),
    // Name heuristics keep their evidence.
    steps('class C { constructor(private redis) {} a() { return this.redis.set("k", "v"); } }', 'redis:set:shape:false'),
    // Other libraries: each method call of a builder chain is a step (a knex builder runs when awaited, at whichever step).
    steps('import knex from "knex"; const db = knex({}); export async function f() { return db("users").where({ id: 1 }).first(); }', 'knex:first:import:false', 'knex:where:import:false'),
    steps('import { Kysely } from "kysely"; const db = new Kysely<any>({} as any); export async function f() { return db.selectFrom("users").selectAll().execute(); }', 'kysely:execute:import:false', 'kysely:selectAll:import:true', 'kysely:selectFrom:import:true'),
  ],
});

typedRuleTester().run('analysis-db-operation-steps (typed)', stepProbe, {
  valid: ['class RedisService { set(k: string, v: string): string { return k + v; } }\nexport function f(redis: RedisService): void { redis.set("a", "b"); }'],
  invalid: [
    steps('import type { Redis } from "ioredis";\nexport async function f(store: Redis): Promise<void> { await store.set("a", "1"); }', 'redis:set:type:false'),
  ],
});

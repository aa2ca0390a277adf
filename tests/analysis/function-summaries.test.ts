import { ESLintUtils } from '@typescript-eslint/utils';
import { getFunctionSummaries } from '../../src/analysis/function-summaries';
import { typedRuleTester, untypedRuleTester } from '../rule-tester';

/** Reports, for every call marked `probe(…)`'s argument, the chain to the query behind it: `a → b → prisma.user.findMany`. */
const summaryProbe = ESLintUtils.RuleCreator.withoutDocs<[number], 'query'>({
  meta: { type: 'problem', schema: [{ type: 'integer' }], messages: { query: '{{chain}}' } },
  defaultOptions: [3],
  create(context, [depth]) {
    const summaries = getFunctionSummaries(context, depth);
    return {
      'CallExpression[callee.name="probe"] > CallExpression'(call: Parameters<typeof summaries.queryBehind>[0]) {
        const effect = summaries.queryBehind(call);
        if (effect) context.report({ node: call, messageId: 'query', data: { chain: [...effect.chain, effect.text].join(' → ') } });
      },
    };
  },
});

const PRISMA = 'import { PrismaClient } from "@prisma/client"; const prisma = new PrismaClient(); declare function probe(x: unknown): void;\n';

const cases = {
  valid: [
    // Mutual recursion without a query terminates with no answer.
    `${PRISMA}function a(n: number): number { return n ? b(n - 1) : 0; } function b(n: number): number { return a(n); } probe(a(3));`,
    // Past the depth limit.
    { code: `${PRISMA}function a() { return b(); } function b() { return c(); } function c() { return prisma.user.findMany(); } probe(a());`, options: [2] as [number] },
    // A function that only builds a query without sending it is still a query for the database analysis; a pure one is not.
    `${PRISMA}function label(name: string) { return name.trim(); } probe(label("x"));`,
  ],
  invalid: [
    {
      // The query sits in the second function of a cycle.
      code: `${PRISMA}function a(n: number): unknown { if (!n) return null; return b(n); } function b(n: number) { if (n > 9) return a(n - 1); return prisma.user.findMany(); } probe(a(1)); probe(b(1));`,
      errors: [
        { messageId: 'query' as const, data: { chain: 'a → b → prisma.user.findMany' } },
        { messageId: 'query' as const, data: { chain: 'b → prisma.user.findMany' } },
      ],
    },
    {
      // Self recursion that queries.
      code: `${PRISMA}async function tree(id: number): Promise<void> { await prisma.user.findUnique({ where: { id } }); await tree(id + 1); } probe(tree(1));`,
      errors: [{ messageId: 'query' as const, data: { chain: 'tree → prisma.user.findUnique' } }],
    },
    {
      // The same helper asked about twice, at different depths: the cached summary answers both.
      code: `${PRISMA}function c() { return prisma.user.count(); } function b() { return c(); } function a() { return b(); } probe(a()); probe(b()); probe(c());`,
      errors: [
        { messageId: 'query' as const, data: { chain: 'a → b → c → prisma.user.count' } },
        { messageId: 'query' as const, data: { chain: 'b → c → prisma.user.count' } },
        { messageId: 'query' as const, data: { chain: 'c → prisma.user.count' } },
      ],
    },
    {
      // The shallowest query wins over a deeper one found first.
      code: `${PRISMA}function deep() { return deeper(); } function deeper() { return prisma.post.findMany(); } function f() { deep(); return prisma.user.findMany(); } probe(f());`,
      errors: [{ messageId: 'query' as const, data: { chain: 'f → prisma.user.findMany' } }],
    },
  ],
};

untypedRuleTester().run('analysis-function-summaries (untyped)', summaryProbe, cases);
typedRuleTester().run('analysis-function-summaries (typed)', summaryProbe, cases);

// ---------------------------------------------------------------------------------------------------------
// Outbound I/O behind calls.

/** Reports, for every call marked `probe(…)`'s argument, the I/O behind it: `a → b → axios.get (http)`, with the limiter if any. */
const ioProbe = ESLintUtils.RuleCreator.withoutDocs<[number], 'io'>({
  meta: { type: 'problem', schema: [{ type: 'integer' }], messages: { io: '{{chain}}' } },
  defaultOptions: [3],
  create(context, [depth]) {
    const summaries = getFunctionSummaries(context, depth);
    return {
      'CallExpression[callee.name="probe"] > CallExpression'(call: Parameters<typeof summaries.ioBehind>[0]) {
        const effect = summaries.ioBehind(call);
        if (!effect) return;
        const detail = [effect.category, effect.client, effect.limiter].filter(Boolean).join(', ');
        context.report({ node: call, messageId: 'io', data: { chain: `${[...effect.chain, effect.text].join(' → ')} (${detail}) at ${effect.location}` } });
      },
    };
  },
});

const IO = `import axios from 'axios';
import Redis from 'ioredis';
import pLimit from 'p-limit';
import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const redis = new Redis();
const limit = pLimit(4);
declare function probe(x: unknown): void;
`;
/** Lines of IO above the case's own code. */
const line = (n: number) => `file.ts:${n + 11}`;
const io = (chain: string) => ({ messageId: 'io' as const, data: { chain } });

const ioCases = {
  valid: [
    // Computes only, asynchronously or not.
    `${IO}function label(id: string) { return id.trim(); } probe(label("x"));`,
    `${IO}async function urlOf(id: string) { return '/users/' + id; } probe(urlOf("x"));`,
    // Starts a request without waiting for it (fire and forget is the caller's business, not a round trip).
    `${IO}function ping(u: string) { void axios.get(u); } probe(ping("x"));`,
    // Registers I/O for later: an emitter or a timer runs it, not this call.
    `${IO}function watch(bus: EventEmitter) { bus.on('refresh', () => axios.get('/a')); setTimeout(() => fetch('/b'), 10); } probe(watch(new EventEmitter()));`,
    // A local object's `get` that is no client.
    `${IO}const store = { get: async (k: string) => k.length }; async function read(k: string) { return store.get(k); } probe(read("x"));`,
    // A call that is the I/O itself is not behind a call.
    `${IO}probe(axios.get('/a'));`,
    // Mutual recursion without I/O terminates; past the depth limit nothing is found.
    `${IO}function a(n: number): number { return n ? b(n - 1) : 0; } function b(n: number): number { return a(n); } probe(a(3));`,
    { code: `${IO}function a() { return b(); } function b() { return c(); } function c() { return axios.get('/'); } probe(a());`, options: [2] as [number] },
  ],
  invalid: [
    {
      code: `${IO}async function fetchUser(id: string) { const { data } = await axios.get('/users/' + id); return data; }
probe(fetchUser("1"));`,
      errors: [io(`fetchUser → axios.get (http, axios) at ${line(0)}`)],
    },
    {
      // Two levels down, through a method of the class and a const arrow function; the global fetch.
      code: `${IO}const load = async (u: string) => (await fetch(u)).json();
class Sync {
  run(u: string) { return this.step(u); }
  private async step(u: string) { return load(u); }
  check() { probe(this.run("x")); }
}`,
      errors: [io(`run → step → load → fetch (http, fetch) at ${line(0)}`)],
    },
    {
      // A Prisma findUnique is batched by its dataloader: the request after it weighs more.
      code: `${IO}async function sync(id: number) {
  const user = await prisma.user.findUnique({ where: { id } });
  await axios.post('/sync', user);
}
probe(sync(1));`,
      errors: [io(`sync → axios.post (http, axios) at ${line(2)}`)],
    },
    {
      // Only a findUnique: the analysis still answers (the rules decide what it means).
      code: `${IO}async function owner(id: number) { return prisma.user.findUnique({ where: { id } }); } probe(owner(1));`,
      errors: [io(`owner → prisma.user.findUnique (database, prisma) at ${line(0)}`)],
    },
    {
      // A sleep weighs least: the cache read one call deeper wins.
      code: `${IO}async function hit(k: string) { return redis.get(k); }
async function slow(k: string) { await new Promise((resolve) => setTimeout(resolve, 10)); return hit(k); }
probe(slow("k"));`,
      errors: [io(`slow → hit → redis.get (cache, redis) at ${line(0)}`)],
    },
    {
      // Only a sleep.
      code: `${IO}async function pause() { await new Promise((resolve) => setTimeout(resolve, 10)); } probe(pause());`,
      errors: [io(`pause → setTimeout (sleep, setTimeout) at ${line(0)}`)],
    },
    {
      // Queued through a limiter, directly or around the call of a helper.
      code: `${IO}function limited(u: string) { return limit(() => axios.get(u)); }
async function get(u: string) { return axios.get(u); }
function limitedHelper(u: string) { return limit(() => get(u)); }
probe(limited("x")); probe(limitedHelper("x"));`,
      errors: [io(`limited → axios.get (http, axios, p-limit) at ${line(0)}`), io(`limitedHelper → get → axios.get (http, axios, p-limit) at ${line(1)}`)],
    },
    {
      // Callbacks waited for run as part of the function: retries, Promise.all over a map, .then.
      code: `${IO}async function all(paths: string[]) { return Promise.all(paths.map((p) => readFile(p, 'utf8'))); }
async function chained(u: string) { return Promise.resolve(u).then((v) => axios.get(v)); }
probe(all([])); probe(chained("x"));`,
      errors: [io(`all → readFile (file, fs) at ${line(0)}`), io(`chained → axios.get (http, axios) at ${line(1)}`)],
    },
  ],
};

untypedRuleTester().run('analysis-function-summaries io (untyped)', ioProbe, ioCases);
typedRuleTester().run('analysis-function-summaries io (typed)', ioProbe, ioCases);

// Other files of the program (tests/fixtures/typed/cross-file/accounts.*.ts): only the checker finds them.
const ACCOUNTS = `import { AccountClient } from './cross-file/accounts.client';
import { AccountsService } from './cross-file/accounts.service';
import { OrdersService } from './cross-file';
declare const client: AccountClient;
declare const service: AccountsService;
declare const orders: OrdersService;
declare function probe(x: unknown): void;
`;

const crossFile = {
  valid: [
    `${ACCOUNTS}probe(client.label(1)); probe(client.urlOf(1)); probe(service.describe({ id: 1, score: 2 }));`,
    // I/O registered on an emitter for later.
    `${ACCOUNTS}import { EventEmitter } from 'node:events'; probe(client.watch(1, new EventEmitter()));`,
  ],
  invalid: [
    {
      code: `${ACCOUNTS}probe(client.fetchDetails(1)); probe(client.fetchScore(1)); probe(client.publish(1)); probe(client.cached(1)); probe(client.owner(1));`,
      errors: [
        io('fetchDetails → fetch (http, fetch) at accounts.client.ts:27'),
        io('fetchScore → http.get (http, axios) at accounts.client.ts:36'),
        io('publish → this.queue.add (queue, bullmq) at accounts.client.ts:46'),
        io('cached → this.redis.get (cache, redis) at accounts.client.ts:50'),
        io('owner → prisma.user.findUnique (database, prisma) at accounts.client.ts:55'),
      ],
    },
    {
      // Through the injected client; through a module-wide limiter; a query is I/O too.
      code: `${ACCOUNTS}probe(service.details(1)); probe(client.fetchLimited(1)); probe(orders.forUser(1));`,
      errors: [
        io('details → fetchDetails → fetch (http, fetch) at accounts.client.ts:27'),
        io('fetchLimited → fetchDetails → fetch (http, fetch, p-limit) at accounts.client.ts:27'),
        io('forUser → forUser → this.client.order.findMany (database, prisma) at orders.repository.ts:10'),
      ],
    },
  ],
};

typedRuleTester().run('analysis-function-summaries io (typed, other files)', ioProbe, crossFile);

// ---------------------------------------------------------------------------------------------------------
// Calls through built-in globals lead to no project function, and the checker is not asked about them: inside a
// callback its answer costs a resolution of the call around it.

/** Reports a call marked `probe(…)` whose callee's name the checker was asked to resolve while summarising it. */
const checkerProbe = ESLintUtils.RuleCreator.withoutDocs<[], 'asked'>({
  meta: { type: 'problem', schema: [], messages: { asked: 'asked the checker about {{name}}' } },
  defaultOptions: [],
  create(context) {
    const summaries = getFunctionSummaries(context);
    const checker = ESLintUtils.getParserServices(context).program.getTypeChecker();
    return {
      'CallExpression[callee.name="probe"] > CallExpression'(call: Parameters<typeof summaries.queryBehind>[0]) {
        const asked: string[] = [];
        const original = checker.getSymbolAtLocation;
        checker.getSymbolAtLocation = (node) => {
          asked.push(node.getText());
          return original.call(checker, node);
        };
        try {
          summaries.queryBehind(call);
          summaries.ioBehind(call);
        } finally {
          checker.getSymbolAtLocation = original;
        }
        if (asked.length > 0) context.report({ node: call, messageId: 'asked', data: { name: [...new Set(asked)].join(', ') } });
      },
    };
  },
});

typedRuleTester().run('analysis-function-summaries (typed, built-in globals)', checkerProbe, {
  valid: [
    `${PRISMA}const rows = [{ total: 1 }]; rows.reduce((highest, row) => { probe(Math.max(highest, row.total)); return highest; }, 0);`,
    `${PRISMA}probe(JSON.parse('{}')); probe(console.log('x')); probe(process.env.HOSTS?.split(','));`,
  ],
  invalid: [
    // A project's own `Math`, or a function hung on `globalThis`, is followed as any other.
    {
      code: `${PRISMA}const Math = { max: (a: number) => prisma.user.count() }; const f = (m: typeof Math) => probe(m.max(1)); f(Math);`,
      errors: [{ messageId: 'asked' as const, data: { name: 'max' } }],
    },
    {
      code: `${PRISMA}declare global { var loadUsers: () => Promise<unknown>; } probe(globalThis.loadUsers());`,
      errors: [{ messageId: 'asked' as const, data: { name: 'loadUsers' } }],
    },
  ],
});

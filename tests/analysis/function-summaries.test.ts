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

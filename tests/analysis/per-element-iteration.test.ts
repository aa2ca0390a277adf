import { ESLintUtils, type TSESTree } from '@typescript-eslint/utils';
import { collectionSize, describeExpression, getIterationCall } from '../../src/analysis/per-element';
import { typedRuleTester, untypedRuleTester } from '../rule-tester';

// A probe rule: every call passed to `probe(...)` reports the iteration it is, as "method collection size".
const probe = ESLintUtils.RuleCreator.withoutDocs({
  meta: { type: 'problem', schema: [], messages: { iteration: '{{iteration}}' } },
  create(context) {
    const parserServices = context.sourceCode.parserServices?.program ? ESLintUtils.getParserServices(context, true) : undefined;
    const services = parserServices?.program ? parserServices : undefined;
    return {
      'CallExpression[callee.name="probe"] > CallExpression'(node: TSESTree.CallExpression) {
        const iteration = getIterationCall(node, { services });
        if (!iteration) return;
        const size = collectionSize(iteration.collection, { services }) ?? 'open';
        context.report({ node, messageId: 'iteration', data: { iteration: `${iteration.method} ${describeExpression(iteration.collection)} ${size}` } });
      },
    };
  },
});

const is = (...iterations: string[]) => ({ errors: iterations.map((iteration) => ({ messageId: 'iteration' as const, data: { iteration } })) });

const valid = [
  // Not iterations: other calls, counts, streams and cursors by name, module namespaces.
  'probe(fetch(url));',
  'probe(Array.from({ length: 5 }, (_, i) => i));',
  'probe(cursor.map((doc) => doc.id));',
  'import * as O from "fp-ts/Option"; probe(O.map((x: number) => x + 1));',
  'probe(items.map());',
];

const invalid = [
  { code: 'declare const items: string[]; probe(items.map((x) => x)); probe(items.flatMap(fn)); probe(items.forEach(fn));', ...is('map items open', 'flatMap items open', 'forEach items open') },
  { code: 'declare const ids: Set<string>; probe(Array.from(ids, (id) => id));', ...is('from ids open') },
  // Fixed sizes: literals, constants, Object.values of constants, enums.
  { code: 'probe(["a", "b"].map((x) => x));', ...is('map […] fixed') },
  { code: 'const ROUTES = ["/a", "/b"]; probe(ROUTES.map((r) => r));', ...is('map ROUTES fixed') },
  { code: 'const HANDLERS = { a: 1, b: 2 }; probe(Object.values(HANDLERS).map((h) => h));', ...is('map Object.values(HANDLERS) fixed') },
  { code: 'enum Kind { A, B } probe(Object.values(Kind).map((k) => k));', ...is('map Object.values(Kind) fixed') },
  // Chunked collections.
  { code: 'declare const ids: string[]; probe(chunk(ids, 100).map((c) => c)); const batches = splitEvery(50, ids); probe(batches.map(run));', ...is('map chunk(...) chunks', 'map batches chunks') },
  // A reference as the callback.
  { code: 'declare const urls: string[]; async function get(u: string) { return u; } probe(urls.map(get));', ...is('map urls open') },
];

untypedRuleTester().run('analysis-per-element-iteration', probe, {
  valid,
  invalid: [...invalid, { code: 'declare const pair: Pair; type Pair = [string, string]; probe(pair.map((x) => x));', ...is('map pair open') }],
});

typedRuleTester().run('analysis-per-element-iteration (typed)', probe, {
  valid: [
    ...valid,
    // A Node stream's map is not an array's.
    'import { Readable } from "node:stream"; declare const source: Readable; probe(source.map((x: unknown) => x));',
  ],
  invalid: [...invalid, { code: 'declare const pair: Pair; type Pair = [string, string]; probe(pair.map((x) => x));', ...is('map pair fixed') }],
});

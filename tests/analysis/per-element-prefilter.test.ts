import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { mayBePerElementAt, trackPerElementCode } from '../../src/analysis/per-element';

// The two prefilters rules use before asking `getPerElementScope`: a counter kept while ESLint walks the file
// (for rules that look at every call), and a walk up from one node (for rules whose selectors reach few).
// They must agree at every call.
const SAMPLES = [
  'query(); function f() { query(); }',
  'for (const o of query()) { query(o); } while (more()) { next(); } do { step(); } while (again());',
  'for (let i = 0; check(i); i++) { run(i); } for (const k in load()) use(k);',
  'items.map((item) => load(item)); items.forEach(function (item) { save(item); });',
  'for (const o of orders) { const helper = () => load(o); helper(); function inner() { load(o); } }',
  'users.map((u) => { function g() { return fetchOne(u); } return g(); });',
  'async function f(ids) { await Promise.all(ids.map(async (id) => { await get(id); })); }',
  'class A { m() { for (const x of this.xs) this.find(x); } n = () => this.all.filter((y) => y.ok); }',
  'outer(() => inner(() => deep())); obj.method(function () { call(); });',
  'for (const a of as) { bs.some((b) => b.id === a.id); } const f = (x = compute()) => x;',
];

function answersAtEveryCall(code: string): { call: string; tracker: boolean; walk: boolean }[] {
  const answers: { call: string; tracker: boolean; walk: boolean }[] = [];
  const rule = {
    meta: { type: 'problem' as const, schema: [] },
    create(context: TSESLint.RuleContext<never, []>): TSESLint.RuleListener {
      const tracker = trackPerElementCode();
      return {
        ...tracker.listeners,
        CallExpression(call: TSESTree.CallExpression) {
          answers.push({ call: context.sourceCode.getText(call.callee), tracker: tracker.mayBePerElement(), walk: mayBePerElementAt(call) });
        },
      };
    },
  };
  const linter = new Linter();
  const messages = linter.verify(code, [
    { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser as Linter.Parser }, plugins: { probe: { rules: { calls: rule as never } } }, rules: { 'probe/calls': 'error' } },
  ], 'sample.ts');
  expect(messages).toEqual([]);
  return answers;
}

describe('mayBePerElementAt', () => {
  it('answers as the per-element tracker does, at every call', () => {
    for (const code of SAMPLES) {
      const answers = answersAtEveryCall(code);
      expect(answers.length).toBeGreaterThan(0);
      for (const answer of answers) expect([code, answer.call, answer.walk]).toEqual([code, answer.call, answer.tracker]);
    }
  });

  it('says no outside loops and callbacks, yes inside them', () => {
    const answers = answersAtEveryCall('query(); for (const x of xs) load(x); xs.map((x) => save(x)); function f() { plain(); }');
    expect(Object.fromEntries(answers.map((answer) => [answer.call, answer.walk]))).toEqual({ query: false, load: true, 'xs.map': false, save: true, plain: false });
  });
});

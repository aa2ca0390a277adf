import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { mayBePerElementAt } from '../../src/analysis/per-element';

// The prefilter rules ask before `getPerElementScope`: a walk up from one node to its enclosing function, for a
// loop (any part of it, test and head included) or a function that may be an iteration callback. Each sample
// lists its calls in source order with the answer expected at each.
const SAMPLES: [code: string, answers: string][] = [
  ['query(); function f() { query(); }', 'query:false query:false'],
  [
    'for (const o of query()) { query(o); } while (more()) { next(); } do { step(); } while (again());',
    'query:true query:true more:true next:true step:true again:true',
  ],
  ['for (let i = 0; check(i); i++) { run(i); } for (const k in load()) use(k);', 'check:true run:true load:true use:true'],
  ['items.map((item) => load(item)); items.forEach(function (item) { save(item); });', 'items.map:false load:true items.forEach:false save:true'],
  // A helper declared in a loop body is no iteration callback: what it calls runs where it is called.
  ['for (const o of orders) { const helper = () => load(o); helper(); function inner() { load(o); } }', 'load:false helper:true load:false'],
  ['users.map((u) => { function g() { return fetchOne(u); } return g(); });', 'users.map:false fetchOne:false g:true'],
  ['async function f(ids) { await Promise.all(ids.map(async (id) => { await get(id); })); }', 'Promise.all:false ids.map:false get:true'],
  ['class A { m() { for (const x of this.xs) this.find(x); } n = () => this.all.filter((y) => y.ok); }', 'this.find:true this.all.filter:false'],
  // A function passed second to a plain function may be a callback (`pMap(items, fn)`, lodash's `map(list, fn)`);
  // one passed first, or to an unknown method, is not.
  [
    'outer(() => inner(list, () => deep())); pMap(items, (item) => run(item)); obj.method(function () { call(); });',
    'outer:false inner:false deep:true pMap:false run:true obj.method:false call:false',
  ],
  ['for (const a of as) { bs.some((b) => b.id === a.id); } const f = (x = compute()) => x;', 'bs.some:true compute:false'],
];

function answersAtEveryCall(code: string): string {
  const answers: string[] = [];
  const rule = {
    meta: { type: 'problem' as const, schema: [] },
    create(context: TSESLint.RuleContext<never, []>): TSESLint.RuleListener {
      return {
        CallExpression(call: TSESTree.CallExpression) {
          answers.push(`${context.sourceCode.getText(call.callee)}:${mayBePerElementAt(call)}`);
        },
      };
    },
  };
  const linter = new Linter();
  const messages = linter.verify(code, [
    { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser as Linter.Parser }, plugins: { probe: { rules: { calls: rule as never } } }, rules: { 'probe/calls': 'error' } },
  ], 'sample.ts');
  expect(messages).toEqual([]);
  return answers.join(' ');
}

describe('mayBePerElementAt', () => {
  it('says yes inside loops and possible iteration callbacks, up to the enclosing function', () => {
    for (const [code, expected] of SAMPLES) expect([code, answersAtEveryCall(code)]).toEqual([code, expected]);
  });
});

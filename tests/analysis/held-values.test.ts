import { ESLintUtils, type TSESTree } from '@typescript-eslint/utils';
import { holderOf, usesOf, type HeldValueUse } from '../../src/analysis/held-values';
import { untypedRuleTester } from '../rule-tester';

/**
 * For each `new Held()`, reports where it is kept (`variable:name:module|local[:exported]`,
 * `field:name[:static]`, or `none`) and its uses in source order, as `kind[:method or name]`.
 */
const probe = ESLintUtils.RuleCreator.withoutDocs({
  meta: { type: 'problem', schema: [], messages: { held: '{{held}}' } },
  create(context) {
    return {
      'NewExpression[callee.name="Held"]'(node: TSESTree.NewExpression) {
        const holder = holderOf(node, context.sourceCode);
        if (!holder) {
          context.report({ node, messageId: 'held', data: { held: 'none' } });
          return;
        }
        const where =
          holder.kind === 'variable'
            ? `variable:${holder.id.name}:${holder.isModuleScope ? 'module' : 'local'}${holder.isExported ? ':exported' : ''}`
            : `field:${holder.name}${holder.isStatic ? ':static' : ''}`;
        const uses = usesOf(holder, context.sourceCode).map(describe);
        context.report({ node, messageId: 'held', data: { held: [where, ...uses].join(' ') } });
      },
    };
  },
});

function describe(use: HeldValueUse): string {
  switch (use.kind) {
    case 'call':
      return `call:${use.method ?? '?'}`;
    case 'read':
    case 'write':
      return `${use.kind}:${use.name ?? (use.key ? '[key]' : '?')}`;
    default:
      return use.kind;
  }
}

function held(code: string, ...expected: string[]) {
  return { code, errors: expected.map((value) => ({ messageId: 'held' as const, data: { held: value } })) };
}

untypedRuleTester().run('analysis-held-values', probe, {
  valid: [],
  invalid: [
    // Module variables: method calls, reads, writes, deletes, iteration, reassignment.
    held(
      'const cache = new Held(); function f(k) { if (cache.has(k)) return cache.get(k); cache.set(k, 1); return cache.size; }',
      'variable:cache:module call:has call:get call:set read:size',
    ),
    held(
      'let memo = new Held(); function f(k) { memo[k] ??= 1; delete memo[k]; for (const x in memo) {} Object.keys(memo); JSON.stringify(memo); memo = {}; return k in memo; }',
      'variable:memo:module write:[key] delete iterate iterate iterate reassign read:[key]',
    ),
    // Escapes: exported, passed on, returned, stored elsewhere.
    held('export const cache = new Held(); cache.get(1);', 'variable:cache:module:exported escape call:get'),
    held('const cache = new Held(); register(cache); function g() { return cache; } const o = { cache };', 'variable:cache:module escape escape escape'),
    held('const cache = new Held(); export { cache };', 'variable:cache:module escape'),
    // A const alias is followed.
    held('const cache = new Held(); function f(k) { const c = cache; c.set(k, 1); }', 'variable:cache:module call:set'),
    // Local variables, and `let x; x = new Held()`.
    held('function f() { const local = new Held(); local.add(1); }', 'variable:local:local call:add'),
    held('let late; late = new Held(); late.set(1, 2);', 'variable:late:module call:set'),
    // Class fields: initialisers, constructor assignments, static fields, `this` destructuring.
    held(
      'class S { cache = new Held(); get(k) { return this.cache.get(k); } put(k, v) { const { cache } = this; cache.set(k, v); } reset() { this.cache = new Map(); } }',
      'field:cache call:get call:set reassign',
    ),
    held('class S { constructor() { this.memo = new Held(); } f(k) { this.memo[k] = 1; return this.memo[k]; } }', 'field:memo write:[key] read:[key]'),
    held('class S { static cache = new Held(); static f(k) { return this.cache.get(k) ?? S.cache.set(k, 1); } }', 'field:cache:static call:get call:set'),
    // A nested function's `this` is not the instance.
    held('class S { cache = new Held(); f() { return function () { return this.cache.clear(); }; } }', 'field:cache'),
    // Not kept: passed straight on, or only created in an expression.
    held('use(new Held());', 'none'),
    held('const x = [new Held()];', 'none'),
    held('class S { m() { this.cache = new Held(); } }', 'none'),
  ],
});

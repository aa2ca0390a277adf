import { ESLintUtils, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { isOnlyTestedForExistence, type ValueStep } from '../../src/analysis/existence-test';
import { isCountSelect } from '../../rules/no-count-for-existence';
import { untypedRuleTester } from '../rule-tester';

// A probe rule: `count()` resolves to a number, `rows()` to rows of `{ n }`, `pgResult()` to pg's `{ rows }`;
// the probe reports each call whose number is only tested for existence.
const SHAPES: Record<string, readonly ValueStep[]> = {
  count: [],
  rows: [{ kind: 'first' }, { kind: 'property' }],
  pgResult: [{ kind: 'property', name: 'rows' }, { kind: 'first' }, { kind: 'property' }],
};
const probe = ESLintUtils.RuleCreator.withoutDocs({
  meta: { type: 'problem', schema: [], messages: { existence: 'existence' } },
  create(context) {
    return {
      CallExpression(node: TSESTree.CallExpression) {
        if (node.callee.type !== 'Identifier' || !(node.callee.name in SHAPES)) return;
        if (isOnlyTestedForExistence(node, SHAPES[node.callee.name], context.sourceCode)) context.report({ node, messageId: 'existence' });
      },
    };
  },
});

const DECLARE = 'declare function count(): Promise<number>; declare function rows(): Promise<{ n: number }[]>; declare function pgResult(): Promise<{ rows: { n: string }[]; rowCount: number }>; declare function use(x: unknown): void;\n';
const tested = (body: string) => ({ code: `${DECLARE}async function f() { ${body} }`, errors: [{ messageId: 'existence' as const }] });
const untested = (body: string) => `${DECLARE}async function f() { ${body} }`;

untypedRuleTester().run('analysis-existence-test', probe, {
  valid: [
    untested('return await count();'),
    untested('const n = await count(); use(n);'),
    untested('const n = await count(); if (n > 0) use(1); use(n);'),
    untested('return (await count()) > 1;'),
    untested('return (await count()) >= 0;'),
    untested('return (await count()) === 1;'),
    untested('declare const max: number; return (await count()) < max;'),
    untested('const n = await count(); return n || 0;'),
    untested('const n = await count(); return n ?? 0;'),
    untested('let n = await count(); n = n + 1; return n > 0;'),
    untested('const n = count(); return n;'),
    untested('return count().then((n) => n * 2);'),
    untested('const [{ n }] = await rows(); return n + 1;'),
    untested('const r = await rows(); return r.length > 0;'),
    untested('const { rowCount } = await pgResult(); return rowCount > 0;'),
    untested('const { rows: [first] } = await pgResult(); return first ? 1 : 0;'),
    untested('const Boolean = (x: unknown) => x; return Boolean(await count());'),
    untested('const n = await count(); const x = n && 5; return x;'),
    untested('const [{ n }] = await rows(); return String(n) > "0";'),
    untested('const [n, m] = await Promise.all([count(), count()]); return n + m;'),
    untested('const [n] = await Promise.allSettled([count()]); return n ? 1 : 0;'),
    untested('const [n] = await Promise.race([count()]); return n > 0;'),
    untested('declare const more: Promise<number>[]; const [, n] = await Promise.all([...more, count()]); return n > 0;'),
    untested('const [...all] = await Promise.all([count()]); return all.length > 0;'),
  ],
  invalid: [
    tested('return (await count()) > 0;'),
    tested('return 0 < (await count());'),
    tested('return (await count()) >= 1;'),
    tested('return (await count()) !== 0;'),
    tested('return (await count()) == 0;'),
    tested('return (await count()) < 1;'),
    tested('return 0 >= (await count());'),
    tested('if (await count()) use(1);'),
    tested('return !(await count());'),
    tested('return Boolean(await count());'),
    tested('return (await count()) ? 1 : 2;'),
    tested('const n = await count(); if (n && Math.random()) use(1);'),
    tested('const n = await count(); n && use(1);'),
    tested('const n = await count(); while (!n) break; return n === 0;'),
    tested('return count().then((n) => n > 0);'),
    tested('return count().then(Boolean);'),
    tested('return Number(await count()) > 0;'),
    tested('return +(await count()) > 0;'),
    tested('const [{ n }] = await rows(); return Number.parseFloat(n as never) > 0;'),
    tested('const r = await rows(); return r[0].n > 0;'),
    tested('const { rows: [{ n }] } = await pgResult(); return n !== "0";'),
    tested('const result = await pgResult(); return parseInt(result.rows[0].n, 10) > 0;'),
    tested('const [r, n] = await Promise.all([rows(), count()]); use(r); return n > 0;'),
    tested('const results = await Promise.all([count(), count()]); return results[1] > 0;'),
    tested('return Promise.all([use(1), count()]).then(([, n]) => n > 0);'),
    tested('const [, [{ n }]] = await Promise.all([count(), rows()]); return n !== 0;'),
  ],
});

describe('isCountSelect', () => {
  it('accepts a plain count with or without an alias or cast', () => {
    expect(isCountSelect('SELECT COUNT(*) FROM users WHERE email = $1')).toBe(true);
    expect(isCountSelect('select count(id)::int as "n" from users')).toBe(true);
    expect(isCountSelect('SELECT count(1) total FROM users;')).toBe(true);
    expect(isCountSelect('/* check */ SELECT COUNT(*) AS n FROM t WHERE x IN (SELECT y FROM z)')).toBe(true);
  });
  it('rejects other selects, grouping, set operations and limits', () => {
    expect(isCountSelect('SELECT id FROM users')).toBe(false);
    expect(isCountSelect('SELECT COUNT(*), MAX(id) FROM users')).toBe(false);
    expect(isCountSelect('SELECT COUNT(*) > 0 FROM users')).toBe(false);
    expect(isCountSelect('SELECT status, COUNT(*) FROM users GROUP BY status')).toBe(false);
    expect(isCountSelect('SELECT COUNT(*) FROM users GROUP BY status')).toBe(false);
    expect(isCountSelect('SELECT COUNT(*) FROM (SELECT 1 FROM users WHERE x LIMIT 1) t')).toBe(false);
    expect(isCountSelect('SELECT COUNT(*) FROM a UNION SELECT COUNT(*) FROM b')).toBe(false);
    expect(isCountSelect('SELECT COUNT(*) FROM a; DELETE FROM a')).toBe(false);
    expect(isCountSelect('SELECT COUNT(')).toBe(false);
    expect(isCountSelect(`SELECT COUNT(${'('.repeat(10_000)}`)).toBe(false);
  });
});

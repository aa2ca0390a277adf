// The SQL scanner runs on whatever strings a codebase holds: megabytes of SQL, and text crafted to make
// a naive scanner backtrack or recurse. Each case lints one file with no-select-star (the heaviest
// consumer of the scanner) and must finish well under a second, parse included.
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import rule from '../../rules/no-select-star';

const SIZE = 1_500_000;
const BUDGET_MS = 1000;

const linter = new Linter({ configType: 'flat' });
const config: Linter.Config[] = [
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tsParser as Linter.Parser },
    plugins: { 'backend-perf': { rules: { 'no-select-star': rule as never } } },
    rules: { 'backend-perf/no-select-star': 'error' },
  },
];

/** Lints `code`; the time is the best of a few runs, so that a busy machine does not fail the test. */
function lint(code: string, runs = 3): { ms: number; messages: Linter.LintMessage[] } {
  let best = Infinity;
  let messages: Linter.LintMessage[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    messages = linter.verify(code, config, { filename: 'file.ts' });
    best = Math.min(best, performance.now() - start);
  }
  return { ms: best, messages };
}

/** `unit` repeated up to about SIZE characters. */
function fill(unit: string): string {
  return unit.repeat(Math.ceil(SIZE / unit.length));
}

function expectFast(code: string, expectedReports: number): void {
  expect(code.length).toBeGreaterThan(SIZE);
  const { ms, messages } = lint(code);
  expect(messages.filter((message) => message.fatal)).toEqual([]);
  expect(messages).toHaveLength(expectedReports);
  expect(ms, `${ms.toFixed(0)} ms`).toBeLessThan(BUDGET_MS);
}

describe('SQL scanning stays linear', () => {
  beforeAll(() => {
    // Warm up the parser and the rule so that the first case does not pay for module loading.
    lint("pool.query('SELECT * FROM t');");
  });

  it('a 1.5 MB SQL string literal', () => {
    expectFast(`pool.query("SELECT ${fill('a_column, ')}* FROM t WHERE x = 'y' -- done");`, 1);
  });

  // A thousand holes: the parser's own cost grows quickly with the number of expressions.
  const holes = (unit: string, hole: string) => Array.from({ length: 1000 }, () => unit.repeat(Math.ceil(SIZE / 1000 / unit.length))).join(hole);

  it('a 1.5 MB template literal with holes', () => {
    expectFast(`pool.query(\`SELECT * FROM t WHERE ${holes('a_column = 1 AND ', '${value} AND ')} TRUE\`);`, 1);
  });

  it('a 1.5 MB SQL tagged template', () => {
    expectFast(`import { sql } from 'drizzle-orm'; db.execute(sql\`SELECT id FROM t WHERE ${holes('(a = 1) OR ', '${value} OR ')} TRUE\`);`, 0);
  });

  it('1.5 MB of nested opening parentheses', () => {
    expectFast(`pool.query("SELECT * FROM t WHERE ${fill('(')}");`, 1);
  });

  it('1.5 MB of nested subqueries that never close', () => {
    expectFast(`pool.query("SELECT * FROM t WHERE ${fill('x IN (SELECT * FROM u WHERE ')}");`, 1);
  });

  it('1.5 MB of doubled parentheses around many union branches', () => {
    expectFast(`pool.query("SELECT * FROM t WHERE x IN ${'('.repeat(SIZE / 4)}${fill('SELECT 1 FROM t UNION ')}");`, 1);
  });

  it('1.5 MB of SELECT keywords', () => {
    expectFast(`pool.query("${fill('SELECT ')}* FROM t");`, 1);
  });

  it('an unterminated string, quoted identifier, dollar quote and block comment', () => {
    expectFast(`pool.query("SELECT * FROM t WHERE a = '${fill("x'' ")}");`, 1);
    expectFast(`pool.query('SELECT * FROM t WHERE "${fill('x"" ')}');`, 1);
    expectFast(`pool.query("SELECT * FROM t WHERE a = $tag$${fill('$ta $$ ')}");`, 1);
    expectFast(`pool.query("SELECT * FROM t /* ${fill('/* * ')}");`, 1);
  });

  it('many dollar signs that look like the start of a tag', () => {
    expectFast(`pool.query("SELECT * FROM t WHERE ${fill('$a')}");`, 1);
  });
});

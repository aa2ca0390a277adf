import { ESLintUtils, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { rawQueryOnlyReads, sqlOnlyReads } from '../../src/analysis/read-only-sql';
import { untypedRuleTester } from '../rule-tester';

describe('sqlOnlyReads', () => {
  it('accepts one plain SELECT, VALUES, TABLE or SHOW, with CTEs, joins, functions and comments', () => {
    for (const sql of [
      'SELECT * FROM users WHERE id = $1',
      '  select u.id, count(*) from users u join orders o on o.user_id = u.id group by u.id',
      '(SELECT 1) UNION (SELECT 2)',
      'WITH recent AS (SELECT * FROM orders WHERE created_at > now() - interval \'1 day\') SELECT count(*) FROM recent',
      '-- the newest first\nSELECT id FROM posts ORDER BY id DESC LIMIT 10;',
      "SELECT replace(name, 'a', 'b'), updated_at, locked_at FROM users",
      'VALUES (1), (2)',
      'TABLE users',
      'SHOW TABLES',
      'SELECT "update" FROM t',
    ]) {
      expect(sqlOnlyReads(sql), sql).toBe(true);
    }
  });

  it('refuses writes, locks, SELECT INTO, several statements and per-connection state', () => {
    for (const sql of [
      'UPDATE users SET seen = true',
      'INSERT INTO users (name) VALUES ($1)',
      'DELETE FROM sessions',
      'WITH gone AS (DELETE FROM carts WHERE id = $1 RETURNING *) SELECT count(*) FROM gone',
      'SELECT * FROM jobs WHERE id = $1 FOR UPDATE SKIP LOCKED',
      'SELECT * FROM accounts FOR SHARE',
      'SELECT * FROM accounts WHERE id = ? LOCK IN SHARE MODE',
      'SELECT * INTO archive FROM orders',
      "SELECT nextval('order_ids')",
      'SELECT pg_advisory_lock(42)',
      'SELECT LAST_INSERT_ID()',
      'SELECT 1; UPDATE users SET n = 1',
      'CALL refresh_stats()',
      'EXPLAIN ANALYZE SELECT * FROM users',
      'BEGIN',
      '',
    ]) {
      expect(sqlOnlyReads(sql), sql).toBe(false);
    }
  });
});

/** Reports `read` or `not-read` for each `query(…)` call and `$queryRaw` template, as `rawQueryOnlyReads` answers. */
const readProbe = ESLintUtils.RuleCreator.withoutDocs({
  meta: { type: 'problem', schema: [], messages: { answer: '{{answer}}' } },
  create(context) {
    const report = (node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression) =>
      context.report({ node, messageId: 'answer', data: { answer: rawQueryOnlyReads(node, context.sourceCode) ? 'read' : 'not-read' } });
    return {
      'CallExpression[callee.property.name="query"]': report,
      'TaggedTemplateExpression[tag.property.name="$queryRaw"]': report,
    };
  },
});

function answers(code: string, ...expected: string[]) {
  return { code, errors: expected.map((answer) => ({ messageId: 'answer' as const, data: { answer } })) };
}

untypedRuleTester().run('analysis-read-only-sql', readProbe, {
  valid: [],
  invalid: [
    // Text written in place, in a constant, concatenated, in pg's query config, as Prisma's tagged template.
    answers(
      `declare const pool: any; declare const prisma: any;
       const BY_ID = 'SELECT * FROM users ' + 'WHERE id = $1';
       pool.query('SELECT 1'); pool.query(BY_ID, [1]); pool.query({ text: 'SELECT * FROM teams', values: [] });
       prisma.$queryRaw\`SELECT * FROM users WHERE id = \${1}\`;`,
      'read',
      'read',
      'read',
      'read',
    ),
    // Text the code does not show, writes, an interpolated statement head, no argument at all.
    answers(
      `declare const pool: any; declare const prisma: any; declare const sql: string; declare const verb: string;
       pool.query(sql); pool.query('UPDATE users SET n = 1'); pool.query(\`\${verb} * FROM users\`); pool.query();
       prisma.$queryRaw\`SELECT * FROM jobs FOR UPDATE\`;`,
      'not-read',
      'not-read',
      'not-read',
      'not-read',
      'not-read',
    ),
  ],
});

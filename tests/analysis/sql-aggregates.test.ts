import { describe, expect, it } from 'vitest';
import { expressionAggregatesRows } from '../../src/analysis/sql/aggregates';
import { HOLE_MARKER } from '../../src/analysis/sql/tokenizer';

describe('expressionAggregatesRows', () => {
  it('finds aggregate calls anywhere outside a subquery', () => {
    for (const text of ['count(*)', 'COUNT(DISTINCT id)', `COALESCE(SUM(${HOLE_MARKER}), 0)`, 'max(a) - min(b)', 'sum(coalesce(x, 0))::int', 'count(*) FILTER (WHERE paid)', 'json_agg(t.*)', '/* total */ sum(x)']) {
      expect([text, expressionAggregatesRows(text)]).toEqual([text, true]);
    }
  });

  it('leaves window calls, scalar subqueries and plain expressions alone', () => {
    for (const text of [
      'count(*) OVER ()',
      'sum(x) OVER (PARTITION BY team_id)',
      'count(*) FILTER (WHERE paid) OVER (ORDER BY id)',
      '(SELECT count(*) FROM comments c WHERE c.post_id = p.id)',
      'COALESCE((SELECT max(x) FROM t), 0)',
      'count + 1',
      'lower(email)',
      "'sum(x)'",
      '',
    ]) {
      expect([text, expressionAggregatesRows(text)]).toEqual([text, false]);
    }
  });

  it('reads a long expression in one pass', () => {
    const text = `${'coalesce('.repeat(50_000)}x${')'.repeat(50_000)}`;
    expect(expressionAggregatesRows(text)).toBe(false);
    expect(expressionAggregatesRows(`${text} + sum(y)`)).toBe(true);
  });
});

/**
 * Whether a select-list expression folds the rows into one: an aggregate call outside any subquery
 * (`count(*)`, `COALESCE(SUM(amount), 0)`). Without GROUP BY such a query returns one row, whatever the
 * table holds. A window call (`count(*) OVER (…)`) keeps every row, and an aggregate inside a scalar
 * subquery (`(SELECT count(*) FROM …)`) belongs to that subquery. One forward pass of the lexer.
 */
import { SqlLexer, TokenKindCode } from './tokenizer';

/** SQL's aggregate functions, and Drizzle's helper names for them (`countDistinct`, `sumDistinct`…). */
export const AGGREGATE_FUNCTIONS: ReadonlySet<string> = new Set([
  'count', 'countdistinct', 'sum', 'sumdistinct', 'avg', 'avgdistinct', 'min', 'max',
  'array_agg', 'json_agg', 'jsonb_agg', 'string_agg', 'group_concat', 'json_object_agg', 'jsonb_object_agg', 'bool_and', 'bool_or', 'every',
]);

/** `text` is one select-list expression (a template's `${…}` as HOLE_MARKER). */
export function expressionAggregatesRows(text: string): boolean {
  const lexer = new SqlLexer(text);
  let depth = 0;
  /** Depth inside the outermost subquery met so far, or -1 outside any. */
  let subqueryDepth = -1;
  /** Depth inside the aggregate call being read, or -1. */
  let aggregateDepth = -1;
  /** Inside a `FILTER (…)` after an aggregate call: its depth, or -1. */
  let filterDepth = -1;
  let previousWord = '';
  let previousWasOpen = false;
  let afterAggregate = false;
  while (lexer.advance()) {
    if (lexer.kind === TokenKindCode.Comment) continue;
    const code = lexer.kind === TokenKindCode.Punctuation && lexer.end - lexer.start === 1 ? text.charCodeAt(lexer.start) : -1;
    const word = lexer.kind === TokenKindCode.Word ? text.slice(lexer.start, lexer.end).toLowerCase() : '';
    if (afterAggregate) {
      // What follows the closed call decides: OVER makes it a window call; FILTER (…) is read past.
      if (word === 'over') {
        afterAggregate = false;
      } else if (word === 'filter') {
        previousWord = word;
        continue;
      } else if (code === 0x28 /* ( */ && previousWord === 'filter') {
        afterAggregate = false;
        depth++;
        filterDepth = depth;
        previousWord = '';
        continue;
      } else {
        return true;
      }
    }
    if (code === 0x28 /* ( */) {
      depth++;
      if (aggregateDepth < 0 && subqueryDepth < 0 && AGGREGATE_FUNCTIONS.has(previousWord)) aggregateDepth = depth;
    } else if (code === 0x29 /* ) */) {
      if (depth === aggregateDepth) {
        aggregateDepth = -1;
        afterAggregate = true;
      } else if (depth === filterDepth) {
        filterDepth = -1;
        afterAggregate = true;
      } else if (depth === subqueryDepth) {
        subqueryDepth = -1;
      }
      depth = Math.max(0, depth - 1);
    } else if (word === 'select' && previousWasOpen && subqueryDepth < 0) {
      subqueryDepth = depth;
    }
    previousWasOpen = code === 0x28;
    previousWord = word;
  }
  return afterAggregate;
}

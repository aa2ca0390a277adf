/**
 * Where a hole of assembled SQL text sits in the statement: inside an SQL string literal (`'${name}'`), in a
 * value position (`= ${id}`, `IN (${ids})`, `VALUES (${a}, ${b})`, `LIKE ${q}`, `LIMIT ${n}`), or anywhere
 * else (an identifier, a clause, a fragment: `ORDER BY ${column}`, `WHERE ${conditions}`).
 *
 * A value in a value position is data that belongs in a bound parameter; a structural hole is usually a
 * fragment the code assembled (often with its own placeholders), and only suspicious when the fragment
 * comes from outside. One pass over the tokens and the holes, both in text order.
 */
import type { SqlScan } from './scanner';
import type { SqlHole, SqlText } from './sql-text';

export type HolePosition = 'quoted' | 'value' | 'structural';

/** Punctuation after which an operand is a value: comparisons, arithmetic, `||` concatenation. */
const VALUE_OPERATORS = ['=', '<', '>', '+', '-', '/', '%', '|'];
/** Words after which an operand is a value. */
const VALUE_KEYWORDS = ['LIKE', 'ILIKE', 'LIMIT', 'OFFSET', 'BETWEEN', 'TOP', 'REGEXP', 'RLIKE', 'GLOB', 'ESCAPE', 'THEN', 'ELSE'];
/** Words before a parenthesized list of values. */
const VALUE_LIST_KEYWORDS = ['IN', 'VALUES', 'ANY', 'ALL', 'SOME'];

const UNKNOWN = 0;
const YES = 1;
const NO = 2;

/** The position of every hole of `sql` that is not inlined constant text. */
export function holePositions(sql: SqlText, scan: SqlScan): Map<SqlHole, HolePosition> {
  const positions = new Map<SqlHole, HolePosition>();
  const valueLists = new Uint8Array(scan.length);
  let token = 0;
  for (const hole of sql.holes) {
    if (hole.kind === 'constant') continue;
    while (token < scan.length && scan.end(token) <= hole.start) token++;
    positions.set(hole, positionAt(scan, token, hole.start, valueLists));
  }
  return positions;
}

function positionAt(scan: SqlScan, token: number, offset: number, valueLists: Uint8Array): HolePosition {
  // Not inside any token: the hole is in a comment.
  if (token >= scan.length || scan.start(token) > offset) return 'structural';
  const kind = scan.kind(token);
  if (kind === 'string') return 'quoted';
  if (!scan.isTemplateHole(token)) return 'structural';
  return isValuePosition(scan, token, valueLists) ? 'value' : 'structural';
}

function isValuePosition(scan: SqlScan, token: number, valueLists: Uint8Array): boolean {
  const previous = token - 1;
  if (previous < 0) return false;
  for (const operator of VALUE_OPERATORS) if (scan.isPunctuation(previous, operator)) return true;
  for (const keyword of VALUE_KEYWORDS) if (scan.isKeyword(previous, keyword)) return true;
  // BETWEEN x AND ${y}; LIMIT x, ${y}
  if (scan.isKeyword(previous, 'AND') && scan.isKeyword(token - 3, 'BETWEEN')) return true;
  if (scan.isPunctuation(previous, ',') && scan.isKeyword(token - 3, 'LIMIT')) return true;
  if (scan.isPunctuation(previous, '(') || scan.isPunctuation(previous, ',')) {
    const list = scan.parent[token];
    return list >= 0 && isValueList(scan, list, valueLists);
  }
  return false;
}

/**
 * `IN (…)`, `VALUES (…)`, `= ANY (…)`, and the later rows of a multi-row `VALUES (…), (…)`. Iterative and
 * memoised: each parenthesis is decided once, however many rows precede it.
 */
function isValueList(scan: SqlScan, open: number, memo: Uint8Array): boolean {
  const pending: number[] = [];
  let current = open;
  let answer = false;
  for (;;) {
    if (memo[current] !== UNKNOWN) {
      answer = memo[current] === YES;
      break;
    }
    const before = current - 1;
    if (VALUE_LIST_KEYWORDS.some((keyword) => scan.isKeyword(before, keyword))) {
      answer = true;
      pending.push(current);
      break;
    }
    // `(…), (` : a further row of the list the previous parenthesis belongs to.
    const previousRowEnd = before - 1;
    if (scan.isPunctuation(before, ',') && scan.isPunctuation(previousRowEnd, ')') && scan.partner[previousRowEnd] >= 0) {
      pending.push(current);
      current = scan.partner[previousRowEnd];
      continue;
    }
    answer = false;
    pending.push(current);
    break;
  }
  for (const index of pending) memo[index] = answer ? YES : NO;
  return answer;
}

/**
 * Column lists: what follows SELECT (up to FROM, WHERE, …) and RETURNING, split into items at the
 * list's own parenthesis level. Each list is read once and nested parentheses are jumped over, so
 * reading every list of a text stays linear.
 */
import { splitStatements, statementVerb, type SqlScan } from './scanner';

/** Words that end a select list at its own level. */
const LIST_END_KEYWORDS = new Set([
  'FROM', 'INTO', 'WHERE', 'GROUP', 'HAVING', 'WINDOW', 'QUALIFY', 'ORDER', 'LIMIT', 'OFFSET', 'FETCH', 'FOR',
  'UNION', 'INTERSECT', 'EXCEPT', 'MINUS', 'SELECT', 'RETURNING', 'ON', 'VALUES', 'SET', 'USING',
]);
const LONGEST_LIST_END_KEYWORD = 9;

/** Words between SELECT and its first item. */
const SELECT_MODIFIERS = new Set(['ALL', 'DISTINCT', 'DISTINCTROW', 'HIGH_PRIORITY', 'STRAIGHT_JOIN']);

/** A half-open range of token indices. */
export interface TokenRange {
  readonly start: number;
  readonly end: number;
}

export interface ColumnList {
  /** `SELECT` or `RETURNING`. */
  readonly clause: 'SELECT' | 'RETURNING';
  /** Token index of the clause keyword. */
  readonly keyword: number;
  readonly items: readonly TokenRange[];
  /** The main verb of the statement the list is in (`SELECT`, `INSERT`, … see `statementVerb`), if known. */
  readonly statementVerb?: string;
  /** The list belongs to the statement's top level: not in a CTE, a subquery or other parentheses. */
  readonly topLevel: boolean;
  /**
   * For a subquery, the keyword right before its parentheses: `EXISTS`, `IN`, `ANY`, `SOME`, `ALL`,
   * `ARRAY`, `AS` (a CTE), `FROM`/`JOIN` (a derived table), …; undefined when none.
   */
  readonly subqueryOf?: string;
}

/** Every SELECT and RETURNING column list of the text, statement by statement. */
export function columnLists(scan: SqlScan): ColumnList[] {
  const lists: ColumnList[] = [];
  const memo = new Map<number, EnclosingContext>();
  for (const statement of splitStatements(scan)) {
    let verb: string | undefined | null = null; // computed on the first list of the statement
    for (let i = statement.start; i < statement.end; i++) {
      const clause = scan.isKeyword(i, 'SELECT') ? 'SELECT' : scan.isKeyword(i, 'RETURNING') ? 'RETURNING' : undefined;
      if (clause === undefined) continue;
      if (verb === null) verb = statementVerb(scan, statement)?.verb;
      const context = enclosingContext(scan, i, memo);
      lists.push({
        clause,
        keyword: i,
        items: listItems(scan, i, statement.end, clause === 'SELECT'),
        statementVerb: verb,
        topLevel: context.topLevel,
        subqueryOf: context.subqueryOf,
      });
    }
  }
  return lists;
}

/** The items of the SELECT list whose keyword is at `keyword`, read no further than `end`. */
export function selectListItems(scan: SqlScan, keyword: number, end: number): TokenRange[] {
  return listItems(scan, keyword, end, true);
}

function listItems(scan: SqlScan, keyword: number, statementEnd: number, skipModifiers: boolean): TokenRange[] {
  let i = keyword + 1;
  if (skipModifiers) i = skipSelectModifiers(scan, i, statementEnd);
  const items: TokenRange[] = [];
  let itemStart = i;
  for (; i < statementEnd; i++) {
    if (scan.isPunctuation(i, '(')) {
      if (scan.partner[i] === -1) {
        i = statementEnd;
        break;
      }
      i = scan.partner[i];
      continue;
    }
    if (scan.isPunctuation(i, ')') || scan.isPunctuation(i, ';')) break;
    if (scan.isPunctuation(i, ',')) {
      if (i > itemStart) items.push({ start: itemStart, end: i });
      itemStart = i + 1;
      continue;
    }
    const word = scan.shortKeyword(i, LONGEST_LIST_END_KEYWORD);
    if (word !== undefined && LIST_END_KEYWORDS.has(word)) break;
  }
  if (i > itemStart) items.push({ start: itemStart, end: Math.min(i, statementEnd) });
  return items;
}

/** `DISTINCT ON (…)`, `TOP (n) PERCENT WITH TIES`, MySQL's `SQL_*` hints. */
function skipSelectModifiers(scan: SqlScan, from: number, end: number): number {
  let i = from;
  while (i < end) {
    const word = scan.shortKeyword(i, 32);
    if (word === undefined) return i;
    if (SELECT_MODIFIERS.has(word) || word.startsWith('SQL_')) {
      i++;
      if (word === 'DISTINCT' && scan.isKeyword(i, 'ON') && scan.isPunctuation(i + 1, '(') && scan.partner[i + 1] !== -1) {
        i = scan.partner[i + 1] + 1;
      }
      continue;
    }
    if (word === 'TOP') {
      i++;
      if (scan.isPunctuation(i, '(') && scan.partner[i] !== -1) i = scan.partner[i] + 1;
      else if (scan.kind(i) === 'number' || scan.kind(i) === 'placeholder') i++;
      if (scan.isKeyword(i, 'PERCENT')) i++;
      if (scan.isKeyword(i, 'WITH') && scan.isKeyword(i + 1, 'TIES')) i += 2;
      continue;
    }
    return i;
  }
  return i;
}

interface EnclosingContext {
  readonly topLevel: boolean;
  readonly subqueryOf?: string;
}

const TOP_LEVEL: EnclosingContext = { topLevel: true };

/**
 * Whether token `index` sits at its statement's top level, looking through parentheses that only wrap
 * the statement or a set-operation branch (`(SELECT …) UNION (SELECT …)`); if not, the keyword right
 * before the parentheses of the innermost subquery (through doubled parentheses). Every parenthesis
 * passed on the way out gets the same answer, cached in `memo`, so deep nesting stays linear.
 */
function enclosingContext(scan: SqlScan, index: number, memo: Map<number, EnclosingContext>): EnclosingContext {
  const { parent } = scan;
  const visited: number[] = [];
  let open = parent[index];
  let result: EnclosingContext = TOP_LEVEL;
  while (open !== -1) {
    const known = memo.get(open);
    if (known) {
      result = known;
      break;
    }
    visited.push(open);
    if (open > 0 && parent[open] === open - 1) {
      open--;
      continue;
    }
    const before = open - 1;
    const wrapsBranch =
      before < 0 ||
      scan.isPunctuation(before, ';') ||
      isSetOperator(scan, before) ||
      (scan.isKeyword(before, 'ALL') && isSetOperator(scan, before - 1));
    if (!wrapsBranch) {
      result = { topLevel: false, subqueryOf: scan.keyword(before) };
      break;
    }
    open = parent[open];
  }
  for (const paren of visited) memo.set(paren, result);
  return result;
}

function isSetOperator(scan: SqlScan, index: number): boolean {
  return scan.isKeyword(index, 'UNION') || scan.isKeyword(index, 'INTERSECT') || scan.isKeyword(index, 'EXCEPT') || scan.isKeyword(index, 'MINUS');
}

/**
 * The `*` of an item that selects every column: `*` or `qualifier.*` (`t.*`, `"s"."t".*`), alone or
 * followed by a modifier word (`* EXCLUDE (…)`, `* REPLACE (…)`). Returns the token index of the `*`,
 * or -1 (for `count(*)`, `a * b`, `t.*::text`, …).
 */
export function starOfItem(scan: SqlScan, item: TokenRange): number {
  let i = item.start;
  while (i < item.end) {
    if (scan.isPunctuation(i, '*')) return i + 1 >= item.end || scan.kind(i + 1) === 'word' ? i : -1;
    const kind = scan.kind(i);
    const isName = kind === 'word' || kind === 'quoted-identifier' || kind === 'placeholder';
    if (!isName || !scan.isPunctuation(i + 1, '.')) return -1;
    i += 2;
  }
  return -1;
}

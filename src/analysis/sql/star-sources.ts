/**
 * What a select list's `*` or `q.*` expands to. A star over relations the statement itself defines with explicit
 * columns (a CTE or derived table whose select list names its columns, a `VALUES` list, a function's result) sends
 * no column a table could gain later: `WITH target AS (SELECT c.id, c.name FROM "Collection" c) SELECT t.* FROM target t`,
 * `SELECT * FROM (SELECT id, ROW_NUMBER() OVER (…) rn FROM t) x WHERE rn = 1`. Nor does one over the database's
 * own catalogs (`SELECT * FROM information_schema.columns`). A star over a base table, a template hole or anything
 * this does not read still counts.
 *
 * Every walk stays at one parenthesis level and jumps over nested parentheses, and answers are remembered per
 * statement, FROM clause and subquery, so a text is read a bounded number of times.
 */
import type { SqlScan, SqlStatementRange } from './scanner';
import { selectListItems, starOfItem, type ColumnList, type TokenRange } from './select-lists';
import { isSystemCatalog } from './system-catalogs';

/** Words that end a FROM clause at its own level. */
const FROM_END_KEYWORDS = new Set([
  'WHERE', 'GROUP', 'HAVING', 'WINDOW', 'QUALIFY', 'ORDER', 'LIMIT', 'OFFSET', 'FETCH', 'FOR', 'UNION', 'INTERSECT', 'EXCEPT', 'MINUS', 'RETURNING', 'INTO',
]);
/** Words of a join between relations. */
const JOIN_WORDS = new Set(['JOIN', 'LEFT', 'RIGHT', 'INNER', 'OUTER', 'FULL', 'CROSS', 'NATURAL', 'STRAIGHT_JOIN']);
/** Words that cannot be a relation's alias. */
const NOT_ALIASES = new Set([...FROM_END_KEYWORDS, ...JOIN_WORDS, 'ON', 'USING', 'AS', 'TABLESAMPLE', 'WITH']);
const LONGEST_KEYWORD = 13;

interface Relation {
  /** The names a star qualifier may use for it: its alias, else its own (unquoted, lower case). */
  readonly names: readonly string[];
  readonly explicit: boolean;
}

/** Remembered answers for one text (one `scanSql`). */
export interface StarSourceMemo {
  readonly relations: Map<number, Relation[] | null>;
  readonly ctes: Map<number, Map<string, number | 'explicit'>>;
  readonly subqueries: Map<number, boolean>;
}

export function newStarSourceMemo(): StarSourceMemo {
  return { relations: new Map(), ctes: new Map(), subqueries: new Map() };
}

/** The star of `item` (token `star`) in `list` only expands to columns the statement lists itself. */
export function starExpandsToListedColumns(scan: SqlScan, statement: SqlStatementRange, list: ColumnList, item: TokenRange, star: number, memo: StarSourceMemo): boolean {
  if (list.clause !== 'SELECT' || list.items.length === 0) return false;
  let relations = memo.relations.get(list.keyword);
  if (relations === undefined) {
    relations = fromRelations(scan, statement, list, memo);
    memo.relations.set(list.keyword, relations);
  }
  if (relations === null || relations.length === 0) return false;
  if (star === item.start) return relations.every((relation) => relation.explicit);
  // `q.*` (or `s.q.*`): the relation named q.
  const qualifier = nameOf(scan, star - 2);
  if (qualifier === undefined) return false;
  const named = relations.filter((relation) => relation.names.includes(qualifier));
  return named.length === 1 && named[0].explicit;
}

/** The relations of the list's FROM clause; null when the clause is not read. */
function fromRelations(scan: SqlScan, statement: SqlStatementRange, list: ColumnList, memo: StarSourceMemo): Relation[] | null {
  const from = list.items[list.items.length - 1].end;
  if (!scan.isKeyword(from, 'FROM')) return null;
  const level = scan.parent[from];
  const end = level === -1 ? statement.end : scan.partner[level] === -1 ? statement.end : scan.partner[level];
  const relations: Relation[] = [];
  let i = from + 1;
  while (i < end) {
    if (scan.isKeyword(i, 'LATERAL') || scan.isKeyword(i, 'ONLY')) i++;
    const relation = readRelation(scan, statement, i, end, memo);
    if (!relation) return null;
    relations.push(relation.relation);
    i = relation.next;
    // Skip a join condition up to the next relation.
    let joined = false;
    for (; i < end; i++) {
      if (scan.isPunctuation(i, '(')) {
        if (scan.partner[i] === -1) return null;
        i = scan.partner[i];
        continue;
      }
      if (scan.isPunctuation(i, ')') || scan.isPunctuation(i, ';')) return relations;
      if (scan.isPunctuation(i, ',')) {
        i++;
        joined = true;
        break;
      }
      const word = scan.shortKeyword(i, LONGEST_KEYWORD);
      if (word === undefined) continue;
      if (FROM_END_KEYWORDS.has(word)) return relations;
      if (JOIN_WORDS.has(word)) {
        while (i < end && JOIN_WORDS.has(scan.shortKeyword(i, LONGEST_KEYWORD) ?? '')) i++;
        joined = true;
        break;
      }
    }
    if (!joined) return relations;
  }
  return relations;
}

/** One relation of a FROM clause at token `start`: a table or CTE name, a subquery, a VALUES list or a function. */
function readRelation(scan: SqlScan, statement: SqlStatementRange, start: number, end: number, memo: StarSourceMemo): { relation: Relation; next: number } | undefined {
  let i = start;
  let explicit: boolean;
  let ownName: string | undefined;
  if (scan.isPunctuation(i, '(')) {
    const close = scan.partner[i];
    if (close === -1 || close >= end) return undefined;
    explicit = subqueryListsColumns(scan, i, memo);
    i = close + 1;
  } else {
    // A name, dotted (`schema.table`), perhaps called (`jsonb_to_recordset(…)`, `unnest($1)`).
    ownName = nameOf(scan, i);
    if (ownName === undefined) return undefined;
    const parts = [ownName];
    i++;
    while (scan.isPunctuation(i, '.') && nameOf(scan, i + 1) !== undefined) {
      ownName = nameOf(scan, i + 1);
      parts.push(ownName!);
      i += 2;
    }
    if (scan.isPunctuation(i, '(')) {
      const close = scan.partner[i];
      if (close === -1 || close >= end) return undefined;
      // A function's result: its columns are the function's, not a table's that may grow.
      explicit = true;
      ownName = undefined;
      i = close + 1;
    } else {
      const cte = ctesOf(scan, statement, memo).get(ownName!);
      // A catalog's columns are the database's (`information_schema.columns`, `pg_stat_activity`): the application adds none.
      explicit = cte === undefined ? isSystemCatalog(parts) : cte === 'explicit' || subqueryListsColumns(scan, cte, memo);
    }
  }
  let alias: string | undefined;
  if (scan.isKeyword(i, 'AS')) i++;
  const word = scan.shortKeyword(i, LONGEST_KEYWORD);
  if ((word === undefined || !NOT_ALIASES.has(word)) && nameOf(scan, i) !== undefined) {
    alias = nameOf(scan, i);
    i++;
    // A column list after the alias (`AS v("entityId" INTEGER, …)`, `AS x(a, b)`) names the columns.
    if (scan.isPunctuation(i, '(') && scan.partner[i] !== -1 && scan.partner[i] < end) {
      i = scan.partner[i] + 1;
      explicit = true;
    }
  }
  const names = alias !== undefined ? [alias] : ownName !== undefined ? [ownName] : [];
  return { relation: { names, explicit }, next: i };
}

/**
 * The parenthesized query opening at `open` names its columns: a VALUES list, or SELECT lists (each branch of a
 * UNION, the main query after a WITH) without a star item.
 */
function subqueryListsColumns(scan: SqlScan, open: number, memo: StarSourceMemo): boolean {
  const known = memo.subqueries.get(open);
  if (known !== undefined) return known;
  const close = scan.partner[open];
  let lists = 0;
  let answer = close !== -1;
  // A data-modifying query (`INSERT … SELECT … RETURNING *` in a CTE) yields its RETURNING list, not its SELECT's.
  let first = open + 1;
  while (scan.isPunctuation(first, '(')) first++;
  if (scan.isKeyword(first, 'INSERT') || scan.isKeyword(first, 'UPDATE') || scan.isKeyword(first, 'DELETE') || scan.isKeyword(first, 'MERGE')) {
    answer &&= returningListsColumns(scan, open, close);
    memo.subqueries.set(open, answer);
    return answer;
  }
  for (let i = open + 1; answer && i < close; i++) {
    if (scan.isPunctuation(i, '(')) {
      // `((SELECT …) UNION (SELECT …))`: a branch in its own parentheses.
      const inner = scan.isKeyword(i + 1, 'SELECT') || scan.isKeyword(i + 1, 'VALUES');
      if (inner && (i === open + 1 || isSetOperatorBefore(scan, i))) {
        answer = subqueryListsColumns(scan, i, memo);
        lists++;
      }
      i = scan.partner[i] === -1 ? close : scan.partner[i];
      continue;
    }
    if (scan.isKeyword(i, 'VALUES')) {
      lists++;
      continue;
    }
    if (!scan.isKeyword(i, 'SELECT')) continue;
    lists++;
    for (const item of selectListItems(scan, i, close)) {
      if (starOfItem(scan, item) !== -1) answer = false;
    }
  }
  answer &&= lists > 0;
  memo.subqueries.set(open, answer);
  return answer;
}

/** The RETURNING list at the level of the parentheses `open`…`close` names its columns (none: no columns to read). */
function returningListsColumns(scan: SqlScan, open: number, close: number): boolean {
  for (let i = open + 1; i < close; i++) {
    if (scan.isPunctuation(i, '(')) {
      i = scan.partner[i] === -1 ? close : scan.partner[i];
      continue;
    }
    if (!scan.isKeyword(i, 'RETURNING')) continue;
    const items = selectListItems(scan, i, close);
    return items.length > 0 && items.every((item) => starOfItem(scan, item) === -1);
  }
  return false;
}

function isSetOperatorBefore(scan: SqlScan, index: number): boolean {
  const before = scan.isKeyword(index - 1, 'ALL') || scan.isKeyword(index - 1, 'DISTINCT') ? index - 2 : index - 1;
  return scan.isKeyword(before, 'UNION') || scan.isKeyword(before, 'INTERSECT') || scan.isKeyword(before, 'EXCEPT');
}

/**
 * The statement's own common table expressions: by name, the `(` of the body, or 'explicit' when the CTE lists its
 * columns (`WITH t(a, b) AS (…)`). Only the WITH at the statement's start.
 */
function ctesOf(scan: SqlScan, statement: SqlStatementRange, memo: StarSourceMemo): Map<string, number | 'explicit'> {
  let ctes = memo.ctes.get(statement.start);
  if (ctes) return ctes;
  ctes = new Map();
  memo.ctes.set(statement.start, ctes);
  let i = statement.start;
  while (i < statement.end && scan.isPunctuation(i, '(')) i++;
  if (!scan.isKeyword(i, 'WITH')) return ctes;
  i++;
  if (scan.isKeyword(i, 'RECURSIVE')) i++;
  while (i < statement.end) {
    const name = nameOf(scan, i);
    if (name === undefined) break;
    i++;
    let listsColumns = false;
    if (scan.isPunctuation(i, '(') && scan.partner[i] !== -1) {
      listsColumns = true;
      i = scan.partner[i] + 1;
    }
    if (!scan.isKeyword(i, 'AS')) break;
    i++;
    if (scan.isKeyword(i, 'NOT')) i++;
    if (scan.isKeyword(i, 'MATERIALIZED')) i++;
    if (!scan.isPunctuation(i, '(') || scan.partner[i] === -1) break;
    ctes.set(name, listsColumns ? 'explicit' : i);
    i = scan.partner[i] + 1;
    if (!scan.isPunctuation(i, ',')) break;
    i++;
  }
  return ctes;
}

/** A word or quoted identifier, unquoted and in lower case (as unquoted SQL names compare). */
function nameOf(scan: SqlScan, index: number): string | undefined {
  return scan.name(index)?.toLowerCase();
}

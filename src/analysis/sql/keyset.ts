/**
 * Keyset pagination in SQL text: whether a query's WHERE compares the column its ORDER BY leads with against a value
 * (`"createdAt" < :last … ORDER BY "createdAt" DESC`), read in one pass over the scanner's tokens.
 */
import { splitStatements, type SqlScan, type SqlStatementRange } from './scanner';

/** Words that end a WHERE clause at its own level. */
const AFTER_WHERE = new Set(['GROUP', 'HAVING', 'WINDOW', 'ORDER', 'LIMIT', 'OFFSET', 'FETCH', 'FOR', 'UNION', 'INTERSECT', 'EXCEPT', 'RETURNING']);
const LONGEST_AFTER_WHERE = 9;
/** Characters of operators: a `<` or `>` next to one is part of another operator (`<>`, `->>`, `<=>`, `@>`, `<<`). */
const OPERATOR_CHARACTERS = '<>=!-+*/%@#&|^~';
/** Words before a row value `(a, b) > ($1, $2)`; any other word before a parenthesis is a function's name. */
const BEFORE_ROW = new Set(['WHERE', 'AND', 'OR', 'NOT', 'ROW']);

export interface KeysetFacts {
  /** The first column of the query's (last) ORDER BY, normalised (see `identifierName`). */
  orderColumn?: string;
  /** Columns the WHERE clause compares with `<`, `>`, `<=` or `>=` against a placeholder or a template hole. */
  compared: Set<string>;
  /** Template holes after FROM and before the clauses that follow WHERE: conditions assembled elsewhere. */
  conditionHoles: number[];
  /**
   * The ORDER BY leads with a value the query's input decides (`similarity(title, $1)`, `ts_rank(v, ${q})`) or with
   * `random()`: rows sorted by relevance have no key a next page could start after.
   */
  orderedByInput?: boolean;
}

/** What one sink's SQL has answered so far, and how many more tokens its keyset reading may visit (keeps it linear). */
export interface KeysetMemo {
  /** By the query's first token. */
  readonly answers: Map<number, boolean>;
  statements?: SqlStatementRange[];
  tokensLeft: number;
}

/** The token range of the query holding `token`: its parenthesis (a subquery), or its `;`-separated statement. */
export function queryBounds(scan: SqlScan, token: number, memo: KeysetMemo): [number, number] {
  const open = scan.parent[token];
  if (open >= 0) return [open + 1, scan.partner[open] >= 0 ? scan.partner[open] : scan.length];
  const statements = (memo.statements ??= splitStatements(scan));
  let low = 0;
  let high = statements.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if (statements[middle].start <= token) low = middle;
    else high = middle - 1;
  }
  const statement = statements[low];
  return statement ? [statement.start, statement.end] : [0, scan.length];
}

/**
 * Reads the tokens [start, end) of one query, whose clauses sit at parenthesis level `level`: conditions may be
 * nested in parentheses, subqueries (`(SELECT …)`) are skipped. `inWhere`: the text is a condition on its own (a
 * fragment pushed to a list of conditions). One pass; undefined when it would exceed the memo's token budget.
 */
export function readKeysetFacts(scan: SqlScan, start: number, end: number, level: number, inWhere: boolean, memo?: KeysetMemo): KeysetFacts | undefined {
  const facts: KeysetFacts = { compared: new Set(), conditionHoles: [] };
  let afterFrom = inWhere;
  for (let i = start; i < end; i++) {
    if (memo && --memo.tokensLeft < 0) return undefined;
    if (scan.isPunctuation(i, '(') && isSubquery(scan, i)) {
      if (scan.partner[i] < 0) break;
      i = scan.partner[i];
      continue;
    }
    if (scan.parent[i] === level) {
      const word = scan.shortKeyword(i, LONGEST_AFTER_WHERE);
      if (word === 'FROM' && !afterFrom) afterFrom = true;
      else if (word === 'WHERE') inWhere = afterFrom = true;
      else if (word !== undefined && AFTER_WHERE.has(word)) {
        inWhere = afterFrom = false;
        if (word === 'ORDER' && scan.isKeyword(i + 1, 'BY')) {
          facts.orderColumn = leadingColumn(scan, i + 2);
          facts.orderedByInput = facts.orderColumn === undefined && leadsWithInputCall(scan, i + 2);
        }
      }
    }
    if (afterFrom && scan.isTemplateHole(i)) facts.conditionHoles.push(i);
    if (inWhere && (scan.isPunctuation(i, '<') || scan.isPunctuation(i, '>'))) {
      const column = rangeComparedColumn(scan, i);
      if (column !== undefined) facts.compared.add(column);
    }
  }
  return facts;
}

function isSubquery(scan: SqlScan, open: number): boolean {
  return scan.isKeyword(open + 1, 'SELECT') || scan.isKeyword(open + 1, 'WITH') || scan.isKeyword(open + 1, 'VALUES');
}

/**
 * At a `<` or `>` token: the column of `col < value`, `col >= value` (value: a placeholder or a template hole), or
 * the first column of a row comparison `(a, b) > ($1, $2)`. Undefined for `<>`, `->`, `<=>`, casts, functions.
 */
function rangeComparedColumn(scan: SqlScan, operator: number): string | undefined {
  if (isOperatorCharacter(scan, operator - 1) && scan.end(operator - 1) === scan.start(operator)) return undefined;
  let value = operator + 1;
  if (scan.isPunctuation(value, '=') && scan.end(operator) === scan.start(value)) value++;
  if (isOperatorCharacter(scan, value) && scan.end(value - 1) === scan.start(value)) return undefined;
  if (scan.isKeyword(value, 'ROW')) value++;
  if (scan.isPunctuation(value, '(')) value++;
  if (scan.kind(value) !== 'placeholder') return undefined;
  const left = operator - 1;
  if (scan.isPunctuation(left, ')')) return rowLeadingColumn(scan, scan.partner[left]);
  return scan.isPunctuation(left - 1, '::') ? undefined : identifierName(scan, left);
}

/** `(a, b)`: the name of `a` (`t.a` too), when the parenthesis is a row value rather than a function's arguments. */
function rowLeadingColumn(scan: SqlScan, open: number): string | undefined {
  if (open < 0) return undefined;
  const before = scan.kind(open - 1);
  if (before === 'quoted-identifier' || before === 'placeholder' || (before === 'word' && !BEFORE_ROW.has(scan.keyword(open - 1)!))) return undefined;
  const last = lastOfQualifiedName(scan, open + 1);
  return last !== undefined && scan.isPunctuation(last + 1, ',') ? identifierName(scan, last) : undefined;
}

/** The first sort key after ORDER BY, when it is a column (`"createdAt"`, `r.created_at`), not an expression. */
function leadingColumn(scan: SqlScan, first: number): string | undefined {
  const last = lastOfQualifiedName(scan, first);
  if (last === undefined || scan.isPunctuation(last + 1, '(') || scan.isPunctuation(last + 1, '::')) return undefined;
  return identifierName(scan, last);
}

/** `similarity(title, $1)`, `ts_rank(v, ${q})` (a call given a placeholder or a hole), or `random()`, at `first`. */
function leadsWithInputCall(scan: SqlScan, first: number): boolean {
  if (scan.kind(first) !== 'word' || !scan.isPunctuation(first + 1, '(')) return false;
  const name = scan.tokenText(first).toLowerCase();
  if (name === 'random' || name === 'rand') return true;
  const close = scan.partner[first + 1];
  if (close < 0) return false;
  for (let i = first + 2; i < close; i++) if (scan.kind(i) === 'placeholder') return true;
  return false;
}

/** The index of the last name of `a.b."c"` starting at `first`. */
function lastOfQualifiedName(scan: SqlScan, first: number): number | undefined {
  if (identifierName(scan, first) === undefined) return undefined;
  let last = first;
  while (scan.isPunctuation(last + 1, '.') && identifierName(scan, last + 2) !== undefined) last += 2;
  return last;
}

/** A name token in lower case without its quotes: `"createdAt"`, `createdat` and `[CreatedAt]` are the same. */
function identifierName(scan: SqlScan, index: number): string | undefined {
  return scan.name(index)?.toLowerCase();
}

function isOperatorCharacter(scan: SqlScan, index: number): boolean {
  return scan.kind(index) === 'punctuation' && scan.end(index) - scan.start(index) === 1 && OPERATOR_CHARACTERS.includes(scan.tokenText(index));
}

/**
 * Structure on top of the token stream: matching parentheses, statements, and each statement's verb.
 * Everything here is linear in the number of tokens and iterative (deeply nested parentheses are data,
 * not recursion).
 */
import { HOLE_MARKER, SqlLexer, SqlToken, TOKEN_KINDS, TokenKindCode, type SqlTokenKind } from './tokenizer';

// Module-level copies: under some loaders every access to an imported binding is a getter call.
const HOLE_CODE = HOLE_MARKER.charCodeAt(0);
const KIND_NAMES = TOKEN_KINDS;
const WORD: number = TokenKindCode.Word;
const PLACEHOLDER: number = TokenKindCode.Placeholder;
const PUNCTUATION: number = TokenKindCode.Punctuation;
const COMMENT: number = TokenKindCode.Comment;
const OPEN_PAREN = 0x28;
const CLOSE_PAREN = 0x29;

/**
 * The code tokens of an SQL text (no whitespace, no comments), by index, stored in typed arrays: a
 * megabyte of SQL makes hundreds of thousands of tokens, too many to keep as objects.
 * Out-of-range indices are allowed in every method and answer "no".
 */
export class SqlScan {
  /** Number of tokens. */
  readonly length: number;
  /** For `(` and `)`: the index of the partner parenthesis, or -1 when unbalanced. -1 for other tokens. */
  readonly partner: Int32Array;
  /** The index of the innermost `(` left open before each token (a `)` gets the `(` it closes); -1 at top level. */
  readonly parent: Int32Array;
  private readonly kinds: Uint8Array;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly unterminated = new Set<number>();

  constructor(readonly text: string) {
    const capacity = text.length + 1;
    const kinds = new Uint8Array(capacity);
    const starts = new Int32Array(capacity);
    const ends = new Int32Array(capacity);
    const lexer = new SqlLexer(text);
    let count = 0;
    while (lexer.advance()) {
      if (lexer.kind === COMMENT) continue;
      kinds[count] = lexer.kind;
      starts[count] = lexer.start;
      ends[count] = lexer.end;
      if (lexer.unterminated) this.unterminated.add(count);
      count++;
    }
    this.length = count;
    this.kinds = kinds.slice(0, count);
    this.starts = starts.slice(0, count);
    this.ends = ends.slice(0, count);
    this.partner = new Int32Array(count).fill(-1);
    this.parent = new Int32Array(count).fill(-1);
    const open: number[] = [];
    for (let i = 0; i < count; i++) {
      this.parent[i] = open.length > 0 ? open[open.length - 1] : -1;
      if (kinds[i] !== PUNCTUATION || ends[i] - starts[i] !== 1) continue;
      const code = text.charCodeAt(starts[i]);
      if (code === OPEN_PAREN) {
        open.push(i);
      } else if (code === CLOSE_PAREN && open.length > 0) {
        const opener = open.pop()!;
        this.partner[opener] = i;
        this.partner[i] = opener;
      }
    }
  }

  kind(index: number): SqlTokenKind | undefined {
    return index >= 0 && index < this.length ? KIND_NAMES[this.kinds[index]] : undefined;
  }

  /** Offset of the token's first character in the text. */
  start(index: number): number {
    return this.starts[index];
  }

  /** Offset just past the token's last character. */
  end(index: number): number {
    return this.ends[index];
  }

  tokenText(index: number): string {
    return index >= 0 && index < this.length ? this.text.slice(this.starts[index], this.ends[index]) : '';
  }

  /** The name a word or a quoted identifier stands for, as written and without its quotes (`"createdAt"` → `createdAt`); undefined for other tokens. */
  name(index: number): string | undefined {
    const kind = this.kind(index);
    if (kind === 'word') return this.tokenText(index);
    return kind === 'quoted-identifier' ? this.tokenText(index).slice(1, -1) : undefined;
  }

  /** The token as an object, for callers that look at a few. */
  token(index: number): SqlToken | undefined {
    const kind = this.kind(index);
    return kind && new SqlToken(kind, this.starts[index], this.ends[index], this.tokenText(index), this.unterminated.has(index));
  }

  /** The upper-cased text of a word token; undefined for any other token. */
  keyword(index: number): string | undefined {
    return this.kind(index) === 'word' ? this.tokenText(index).toUpperCase() : undefined;
  }

  /** `keyword` when the token is a word no longer than `maxLength`: skips upper-casing long names in hot loops. */
  shortKeyword(index: number, maxLength: number): string | undefined {
    return this.kind(index) === 'word' && this.ends[index] - this.starts[index] <= maxLength ? this.keyword(index) : undefined;
  }

  /** The token is the word `keyword` (given in upper case), in any case. Allocates nothing. */
  isKeyword(index: number, keyword: string): boolean {
    if (index < 0 || index >= this.length || this.kinds[index] !== WORD) return false;
    const start = this.starts[index];
    if (this.ends[index] - start !== keyword.length) return false;
    for (let i = 0; i < keyword.length; i++) {
      let code = this.text.charCodeAt(start + i);
      if (code >= 0x61 && code <= 0x7a) code -= 0x20;
      if (code !== keyword.charCodeAt(i)) return false;
    }
    return true;
  }

  /** The token is the punctuation `text` (one character, or `::`). Allocates nothing. */
  isPunctuation(index: number, text: string): boolean {
    if (index < 0 || index >= this.length || this.kinds[index] !== PUNCTUATION) return false;
    const start = this.starts[index];
    if (this.ends[index] - start !== text.length) return false;
    return text.length === 1 ? this.text.charCodeAt(start) === text.charCodeAt(0) : this.text.startsWith(text, start);
  }

  /** The token stands for a template literal's `${…}`. */
  isTemplateHole(index: number): boolean {
    return index >= 0 && index < this.length && this.kinds[index] === PLACEHOLDER && this.text.charCodeAt(this.starts[index]) === HOLE_CODE;
  }
}

export function scanSql(text: string): SqlScan {
  return new SqlScan(text);
}

/** A statement as a half-open range of token indices; `;` separates statements at the top level. */
export interface SqlStatementRange {
  readonly start: number;
  readonly end: number;
}

export function splitStatements(scan: SqlScan): SqlStatementRange[] {
  const statements: SqlStatementRange[] = [];
  let start = 0;
  for (let i = 0; i < scan.length; i++) {
    if (scan.parent[i] === -1 && scan.isPunctuation(i, ';')) {
      if (i > start) statements.push({ start, end: i });
      start = i + 1;
    }
  }
  if (start < scan.length) statements.push({ start, end: scan.length });
  return statements;
}

/** Words that can follow a WITH clause as the statement's main verb. */
const VERBS_AFTER_WITH = new Set(['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'MERGE', 'VALUES', 'TABLE', 'REPLACE', 'UPSERT']);
const LONGEST_VERB_AFTER_WITH = 7;

export interface StatementVerb {
  /** Upper-cased: `SELECT`, `INSERT`, `CREATE`, … For `WITH … SELECT …`, the verb after the CTEs. */
  readonly verb: string;
  /** Token index of that verb. */
  readonly index: number;
}

/**
 * What a statement does: its first word after any opening parentheses, or for a statement that starts
 * with `WITH`, the first verb after the common table expressions. Undefined when the statement starts
 * with something else (a template hole, a string…).
 */
export function statementVerb(scan: SqlScan, statement: SqlStatementRange): StatementVerb | undefined {
  let i = statement.start;
  while (i < statement.end && scan.isPunctuation(i, '(')) i++;
  if (i >= statement.end) return undefined;
  const first = scan.keyword(i);
  if (first === undefined) return undefined;
  if (first !== 'WITH') return { verb: first, index: i };
  // CTE bodies are parenthesized: jump over them and take the first verb left at this level.
  for (let j = i + 1; j < statement.end; j++) {
    if (scan.isPunctuation(j, '(')) {
      if (scan.partner[j] === -1) return undefined;
      j = scan.partner[j];
      continue;
    }
    if (scan.isPunctuation(j, ')')) return undefined;
    const word = scan.shortKeyword(j, LONGEST_VERB_AFTER_WITH);
    if (word !== undefined && VERBS_AFTER_WITH.has(word)) return { verb: word, index: j };
  }
  return undefined;
}

/**
 * The first word of `text` after whitespace, comments and opening parentheses, upper-cased; undefined
 * when the text starts with anything else. Lexes only that far.
 */
export function leadingKeyword(text: string): string | undefined {
  const lexer = new SqlLexer(text);
  while (lexer.advance()) {
    if (lexer.kind === COMMENT) continue;
    if (lexer.kind === PUNCTUATION && text.charCodeAt(lexer.start) === OPEN_PAREN) continue;
    return lexer.kind === WORD ? text.slice(lexer.start, lexer.end).toUpperCase() : undefined;
  }
  return undefined;
}

/** Words that start an SQL statement, and are not everyday English verbs sent to non-SQL `query()` APIs. */
export const SQL_STATEMENT_KEYWORDS: ReadonlySet<string> = new Set([
  'SELECT', 'WITH', 'INSERT', 'UPDATE', 'DELETE', 'MERGE', 'REPLACE', 'UPSERT', 'VALUES',
  'CREATE', 'ALTER', 'DROP', 'TRUNCATE', 'EXPLAIN', 'GRANT', 'REVOKE', 'PRAGMA', 'VACUUM',
  'BEGIN', 'COMMIT', 'ROLLBACK', 'SAVEPOINT',
]);

/** `text` starts (after whitespace, comments and parentheses) with an SQL statement keyword. */
export function startsWithSqlStatement(text: string): boolean {
  const keyword = leadingKeyword(text);
  return keyword !== undefined && SQL_STATEMENT_KEYWORDS.has(keyword);
}

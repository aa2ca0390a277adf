/**
 * A lexer for SQL text as it appears in application code, shared by every SQL-aware rule.
 *
 * It is a single forward pass over the string with a fixed amount of look-ahead: no regular expressions,
 * no backtracking, so time and memory grow linearly with the text (a rule may meet megabytes of SQL).
 * It aims at the common ground of PostgreSQL, MySQL, SQLite and SQL Server closely enough to tell code
 * from strings, quoted names and comments; it does not validate anything. Unterminated quotes and
 * comments run to the end of the text and are flagged.
 */

/** Stands for an interpolated value (a template literal's `${…}`) in SQL text assembled from code. */
export const HOLE_MARKER = '\uFFFC';
const HOLE_CODE = 0xfffc;

export type SqlTokenKind =
  /** A keyword or an unquoted name: `SELECT`, `users`, `count`. */
  | 'word'
  /** `"name"`, `` `name` ``, `[name]`. */
  | 'quoted-identifier'
  /** `'text'` (also `E'…'`, `N'…'`, `X'…'`, `B'…'`) and dollar-quoted `$$…$$` / `$tag$…$tag$`. */
  | 'string'
  | 'number'
  /** `$1`, `?`, `??`, `:name`, `:1`, `@name`, `$name`, and {@link HOLE_MARKER}. */
  | 'placeholder'
  /** One character (`(`, `)`, `,`, `.`, `;`, `*`, operators), or `::`. */
  | 'punctuation'
  /** `-- …` up to the end of the line, `/* … *\/` (nesting, as in PostgreSQL). */
  | 'comment';

/** Token kinds as small numbers, for compact storage (see SqlScan); `TOKEN_KINDS[code]` names them. */
export const TOKEN_KINDS: readonly SqlTokenKind[] = ['word', 'quoted-identifier', 'string', 'number', 'placeholder', 'punctuation', 'comment'];
export const TokenKindCode = {
  Word: 0,
  QuotedIdentifier: 1,
  String: 2,
  Number: 3,
  Placeholder: 4,
  Punctuation: 5,
  Comment: 6,
} as const;
export type TokenKindCode = (typeof TokenKindCode)[keyof typeof TokenKindCode];

export class SqlToken {
  constructor(
    readonly kind: SqlTokenKind,
    /** Offset of the first character in the text. */
    readonly start: number,
    /** Offset just past the last character. */
    readonly end: number,
    readonly text: string,
    /** A quote or comment that the text never closes: it runs to the end. */
    readonly unterminated: boolean,
  ) {}
}

export interface TokenizeOptions {
  /** Keep comment tokens (default: drop them, like whitespace). */
  comments?: boolean;
}

/** Every token of `text` as objects, without whitespace (and without comments unless asked). */
export function tokenizeSql(text: string, options: TokenizeOptions = {}): SqlToken[] {
  const tokens: SqlToken[] = [];
  const lexer = new SqlLexer(text);
  for (let token = lexer.next(); token; token = lexer.next()) {
    if (token.kind !== 'comment' || options.comments) tokens.push(token);
  }
  return tokens;
}

/**
 * Reads one token at a time. `advance()` allocates nothing (the scanner stores megabytes of tokens in
 * typed arrays); `next()` wraps it in a SqlToken for callers that need only a few.
 */
export class SqlLexer {
  /** The current token, after `advance()` returned true. */
  kind: TokenKindCode = TokenKindCode.Word;
  start = 0;
  end = 0;
  unterminated = false;
  private position = 0;

  constructor(readonly text: string) {}

  /** The next token (comments included), or undefined at the end. */
  next(): SqlToken | undefined {
    if (!this.advance()) return undefined;
    return new SqlToken(TOKEN_KINDS[this.kind], this.start, this.end, this.text.slice(this.start, this.end), this.unterminated);
  }

  /** Moves to the next token (comments included); false at the end. */
  advance(): boolean {
    const text = this.text;
    let i = this.position;
    while (i < text.length && isWhitespace(text.charCodeAt(i))) i++;
    if (i >= text.length) {
      this.position = i;
      return false;
    }
    const start = i;
    const code = text.charCodeAt(i);
    const nextCode = i + 1 < text.length ? text.charCodeAt(i + 1) : -1;

    if (code === 0x2d /* - */ && nextCode === 0x2d) return this.lineComment(start);
    if (code === 0x2f /* / */ && nextCode === 0x2a /* * */) return this.blockComment(start);
    if (code === 0x27 /* ' */) return this.quoted(start, start + 1, 0x27, TokenKindCode.String, false);
    if (code === 0x22 /* " */) return this.quoted(start, start + 1, 0x22, TokenKindCode.QuotedIdentifier, false);
    if (code === 0x60 /* ` */) return this.quoted(start, start + 1, 0x60, TokenKindCode.QuotedIdentifier, false);
    if (code === 0x5b /* [ */) return this.bracketed(start);
    if (code === HOLE_CODE) return this.emit(TokenKindCode.Placeholder, start, start + 1);
    if (code === 0x24 /* $ */) return this.dollar(start);
    if (isDigit(code) || (code === 0x2e /* . */ && isDigit(nextCode))) return this.number(start);
    if (isWordStart(code)) {
      // E'…' takes backslash escapes; N'…', X'…', B'…' are plain strings with a prefix.
      if (nextCode === 0x27) {
        if (code === 0x45 || code === 0x65) return this.quoted(start, start + 2, 0x27, TokenKindCode.String, true);
        if (code === 0x4e || code === 0x6e || code === 0x58 || code === 0x78 || code === 0x42 || code === 0x62) {
          return this.quoted(start, start + 2, 0x27, TokenKindCode.String, false);
        }
      }
      return this.emit(TokenKindCode.Word, start, this.skipWordChars(start + 1));
    }
    if (code === 0x3f /* ? */) return this.emit(TokenKindCode.Placeholder, start, nextCode === 0x3f ? start + 2 : start + 1);
    if (code === 0x3a /* : */) {
      if (nextCode === 0x3a) return this.emit(TokenKindCode.Punctuation, start, start + 2);
      if (isWordStart(nextCode) || isDigit(nextCode)) return this.emit(TokenKindCode.Placeholder, start, this.skipWordChars(start + 1));
    }
    if (code === 0x40 /* @ */ && isWordStart(nextCode)) return this.emit(TokenKindCode.Placeholder, start, this.skipWordChars(start + 1));
    return this.emit(TokenKindCode.Punctuation, start, start + 1);
  }

  private emit(kind: TokenKindCode, start: number, end: number, unterminated = false): true {
    this.kind = kind;
    this.start = start;
    this.end = end;
    this.unterminated = unterminated;
    this.position = end;
    return true;
  }

  private skipWordChars(from: number): number {
    let i = from;
    while (i < this.text.length && isWordPart(this.text.charCodeAt(i))) i++;
    return i;
  }

  private lineComment(start: number): true {
    let i = start + 2;
    while (i < this.text.length) {
      const code = this.text.charCodeAt(i);
      if (code === 0x0a || code === 0x0d) break;
      i++;
    }
    return this.emit(TokenKindCode.Comment, start, i);
  }

  private blockComment(start: number): true {
    const text = this.text;
    let depth = 1;
    let i = start + 2;
    while (i < text.length) {
      const code = text.charCodeAt(i);
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : -1;
      if (code === 0x2a && next === 0x2f) {
        i += 2;
        if (--depth === 0) return this.emit(TokenKindCode.Comment, start, i);
      } else if (code === 0x2f && next === 0x2a) {
        i += 2;
        depth++;
      } else {
        i++;
      }
    }
    return this.emit(TokenKindCode.Comment, start, text.length, true);
  }

  /** A quoted run closed by `quote`; a doubled quote stands for itself. */
  private quoted(start: number, contentStart: number, quote: number, kind: TokenKindCode, backslashEscapes: boolean): true {
    const text = this.text;
    let i = contentStart;
    while (i < text.length) {
      const code = text.charCodeAt(i);
      if (backslashEscapes && code === 0x5c /* \ */) {
        i += 2;
      } else if (code === quote) {
        if (i + 1 < text.length && text.charCodeAt(i + 1) === quote) {
          i += 2;
        } else {
          return this.emit(kind, start, i + 1);
        }
      } else {
        i++;
      }
    }
    return this.emit(kind, start, text.length, true);
  }

  /**
   * `[name]` (SQL Server). PostgreSQL subscripts (`arr[1]`) come out as a bracketed token too, which is
   * harmless: nothing inside a subscript matters to the rules. No `]]` escape, so a nested subscript
   * ends the token early instead of swallowing the text after it.
   */
  private bracketed(start: number): true {
    const close = this.text.indexOf(']', start + 1);
    return close === -1
      ? this.emit(TokenKindCode.QuotedIdentifier, start, this.text.length, true)
      : this.emit(TokenKindCode.QuotedIdentifier, start, close + 1);
  }

  /** `$1`, `$$…$$`, `$tag$…$tag$`, `$name` (SQLite), or a lone `$`. */
  private dollar(start: number): true {
    const text = this.text;
    const next = start + 1 < text.length ? text.charCodeAt(start + 1) : -1;
    if (isDigit(next)) {
      let i = start + 1;
      while (i < text.length && isDigit(text.charCodeAt(i))) i++;
      return this.emit(TokenKindCode.Placeholder, start, i);
    }
    if (next === 0x24) return this.dollarQuoted(start, '$$');
    if (isWordStart(next)) {
      let i = start + 1;
      while (i < text.length && i - start <= MAX_DOLLAR_TAG_LENGTH && isTagChar(text.charCodeAt(i))) i++;
      // Tags are short; the cap keeps the search for the closing tag linear.
      if (i < text.length && text.charCodeAt(i) === 0x24 && i - start <= MAX_DOLLAR_TAG_LENGTH) {
        return this.dollarQuoted(start, text.slice(start, i + 1));
      }
      return this.emit(TokenKindCode.Placeholder, start, this.skipWordChars(start + 1));
    }
    return this.emit(TokenKindCode.Punctuation, start, start + 1);
  }

  private dollarQuoted(start: number, tag: string): true {
    const close = this.text.indexOf(tag, start + tag.length);
    return close === -1
      ? this.emit(TokenKindCode.String, start, this.text.length, true)
      : this.emit(TokenKindCode.String, start, close + tag.length);
  }

  private number(start: number): true {
    const text = this.text;
    let i = start;
    while (i < text.length && (isDigit(text.charCodeAt(i)) || text.charCodeAt(i) === 0x5f)) i++;
    if (i < text.length && text.charCodeAt(i) === 0x2e) {
      i++;
      while (i < text.length && isDigit(text.charCodeAt(i))) i++;
    }
    const e = i < text.length ? text.charCodeAt(i) : -1;
    if (e === 0x65 || e === 0x45) {
      let j = i + 1;
      const sign = j < text.length ? text.charCodeAt(j) : -1;
      if (sign === 0x2b || sign === 0x2d) j++;
      if (j < text.length && isDigit(text.charCodeAt(j))) {
        i = j;
        while (i < text.length && isDigit(text.charCodeAt(i))) i++;
      }
    }
    return this.emit(TokenKindCode.Number, start, i);
  }
}

const MAX_DOLLAR_TAG_LENGTH = 64;

function isWhitespace(code: number): boolean {
  return code <= 0x20 || code === 0xa0 || code === 0xfeff || code === 0x2028 || code === 0x2029;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isAsciiLetter(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
}

/** Letters, `_`, and any non-ASCII character except the hole marker and Unicode spaces. */
function isWordStart(code: number): boolean {
  return isAsciiLetter(code) || code === 0x5f || (code > 0x7f && code !== HOLE_CODE && !isWhitespace(code));
}

function isWordPart(code: number): boolean {
  return isWordStart(code) || isDigit(code) || code === 0x24;
}

function isTagChar(code: number): boolean {
  return isAsciiLetter(code) || isDigit(code) || code === 0x5f || (code > 0x7f && code !== HOLE_CODE);
}

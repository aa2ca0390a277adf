import { describe, expect, it } from 'vitest';
import {
  columnLists,
  HOLE_MARKER,
  leadingKeyword,
  scanSql,
  splitStatements,
  starOfItem,
  startsWithSqlStatement,
  statementVerb,
  tokenizeSql,
  type SqlScan,
} from '../../src/analysis/sql';

/** `kind:text` for every token, for compact expectations. */
function tokens(text: string, comments = false): string[] {
  return tokenizeSql(text, { comments }).map((token) => `${token.kind}:${token.text}`);
}

describe('tokenizeSql', () => {
  it('splits words, numbers, punctuation and placeholders', () => {
    expect(tokens('SELECT u.id, 2.5e3 FROM "users" u WHERE id = $1 AND n > ? AND x = :name AND y = @p')).toEqual([
      'word:SELECT', 'word:u', 'punctuation:.', 'word:id', 'punctuation:,', 'number:2.5e3', 'word:FROM',
      'quoted-identifier:"users"', 'word:u', 'word:WHERE', 'word:id', 'punctuation:=', 'placeholder:$1', 'word:AND',
      'word:n', 'punctuation:>', 'placeholder:?', 'word:AND', 'word:x', 'punctuation:=', 'placeholder::name', 'word:AND',
      'word:y', 'punctuation:=', 'placeholder:@p',
    ]);
  });

  it('keeps offsets that slice back to the token text', () => {
    const text = "select  `a`,\n'b' -- c\n from t";
    for (const token of tokenizeSql(text)) expect(text.slice(token.start, token.end)).toBe(token.text);
  });

  it('reads string literals with doubled quotes, prefixes and E-string escapes', () => {
    expect(tokens("'it''s * from' E'a\\'b' N'x' X'ff'")).toEqual(["string:'it''s * from'", "string:E'a\\'b'", "string:N'x'", "string:X'ff'"]);
  });

  it('reads dollar-quoted strings, with and without tags', () => {
    expect(tokens('$$ SELECT * $$ $fn$ a $$ b $fn$ $1')).toEqual(['string:$$ SELECT * $$', 'string:$fn$ a $$ b $fn$', 'placeholder:$1']);
  });

  it('reads quoted identifiers: double quotes, backticks, brackets', () => {
    expect(tokens('"a""b" `c` [d e]')).toEqual(['quoted-identifier:"a""b"', 'quoted-identifier:`c`', 'quoted-identifier:[d e]']);
  });

  it('drops comments unless asked, and nests block comments', () => {
    expect(tokens('a -- SELECT *\nb /* x /* y */ SELECT * */ c')).toEqual(['word:a', 'word:b', 'word:c']);
    expect(tokens('a -- x\nb', true)).toEqual(['word:a', 'comment:-- x', 'word:b']);
  });

  it('tells casts from named placeholders', () => {
    expect(tokens('x::text = :value')).toEqual(['word:x', 'punctuation:::', 'word:text', 'punctuation:=', 'placeholder::value']);
  });

  it('reads knex identifier bindings and template holes as placeholders', () => {
    expect(tokens(`select ?? from ${HOLE_MARKER}`)).toEqual(['word:select', 'placeholder:??', 'word:from', `placeholder:${HOLE_MARKER}`]);
  });

  it('runs unterminated quotes and comments to the end, flagged', () => {
    for (const text of ["SELECT 'abc", 'SELECT "abc', 'SELECT /* abc', 'SELECT $$abc', 'SELECT [abc']) {
      const all = tokenizeSql(text, { comments: true });
      expect(all).toHaveLength(2);
      expect(all[1]).toMatchObject({ end: text.length, unterminated: true });
    }
  });

  it('treats non-ASCII letters as part of words', () => {
    expect(tokens('SELECT größe FROM straße')).toEqual(['word:SELECT', 'word:größe', 'word:FROM', 'word:straße']);
  });
});

function tokenTexts(scan: SqlScan, start: number, end: number): string {
  const texts: string[] = [];
  for (let i = start; i < end; i++) texts.push(scan.tokenText(i));
  return texts.join(' ');
}

describe('scanSql', () => {
  it('stores the code tokens and answers questions about them', () => {
    const scan = scanSql(`select /* c */ "x", * FROM t::text WHERE a = ${HOLE_MARKER} AND b = 'open`);
    expect(tokenTexts(scan, 0, scan.length)).toBe(`select "x" , * FROM t :: text WHERE a = ${HOLE_MARKER} AND b = 'open`);
    expect(scan.isKeyword(0, 'SELECT')).toBe(true);
    expect(scan.keyword(0)).toBe('SELECT');
    expect(scan.keyword(1)).toBeUndefined();
    expect(scan.kind(1)).toBe('quoted-identifier');
    expect(scan.isPunctuation(3, '*')).toBe(true);
    expect(scan.isPunctuation(6, '::')).toBe(true);
    expect(scan.isTemplateHole(11)).toBe(true);
    expect(scan.token(15)).toMatchObject({ kind: 'string', text: "'open", unterminated: true });
    expect(scan.token(99)).toBeUndefined();
    expect(scan.isKeyword(-1, 'SELECT')).toBe(false);
  });


  it('pairs parentheses and records the enclosing one', () => {
    const scan = scanSql('a (b (c)) )');
    expect(Array.from(scan.partner)).toEqual([-1, 6, -1, 5, -1, 3, 1, -1]);
    expect(Array.from(scan.parent)).toEqual([-1, -1, 1, 1, 3, 3, 1, -1]);
  });

  it('splits statements at top-level semicolons', () => {
    const scan = scanSql("SELECT 1; SELECT ';' ; (SELECT 2; )");
    expect(splitStatements(scan).map((statement) => tokenTexts(scan, statement.start, statement.end))).toEqual([
      'SELECT 1',
      "SELECT ';'",
      '( SELECT 2 ; )',
    ]);
  });

  it('finds the verb of a statement, after its common table expressions', () => {
    const verb = (text: string) => {
      const scan = scanSql(text);
      return statementVerb(scan, splitStatements(scan)[0])?.verb;
    };
    expect(verb('  ((select 1))')).toBe('SELECT');
    expect(verb('WITH RECURSIVE t(n) AS (SELECT 1 UNION SELECT n + 1 FROM t) SELECT * FROM t')).toBe('SELECT');
    expect(verb('WITH a AS MATERIALIZED (SELECT 1), b AS (DELETE FROM x RETURNING *) INSERT INTO y SELECT * FROM b')).toBe('INSERT');
    expect(verb(`${HOLE_MARKER} WHERE id = 1`)).toBeUndefined();
  });
});

describe('leadingKeyword and startsWithSqlStatement', () => {
  it('skip whitespace, comments and parentheses', () => {
    expect(leadingKeyword('  -- list\n /* all */ (( select 1))')).toBe('SELECT');
    expect(startsWithSqlStatement('\n  WITH x AS (SELECT 1) SELECT * FROM x')).toBe(true);
    expect(startsWithSqlStatement('insert into t values (1)')).toBe(true);
  });

  it('reject text that is not a statement', () => {
    expect(startsWithSqlStatement('query { users { id } }')).toBe(false);
    expect(startsWithSqlStatement('id = $1')).toBe(false);
    expect(startsWithSqlStatement(`${HOLE_MARKER} WHERE id = 1`)).toBe(false);
    expect(startsWithSqlStatement('')).toBe(false);
    expect(startsWithSqlStatement('show me everything')).toBe(false);
  });
});

/** Each column list as `CLAUSE[verb/subquery/top]: item | item`, stars marked with `!`. */
function describeLists(text: string): string[] {
  const scan: SqlScan = scanSql(text);
  return columnLists(scan).map((list) => {
    const items = list.items.map((item) => {
      const body = tokenTexts(scan, item.start, item.end);
      return starOfItem(scan, item) === -1 ? body : `${body}!`;
    });
    return `${list.clause}[${list.statementVerb ?? '-'}/${list.subqueryOf ?? '-'}/${list.topLevel ? 'top' : 'nested'}]: ${items.join(' | ')}`;
  });
}

describe('columnLists and starOfItem', () => {
  it('splits select lists at their own level and marks star items', () => {
    expect(describeLists('SELECT DISTINCT a, b.*, count(*), x * 2, "s"."t".* FROM t')).toEqual([
      'SELECT[SELECT/-/top]: a | b . *! | count ( * ) | x * 2 | "s" . "t" . *!',
    ]);
  });

  it('skips modifiers: DISTINCT ON, TOP, SQL_ hints', () => {
    expect(describeLists('SELECT DISTINCT ON (a, b) * FROM t')).toEqual(['SELECT[SELECT/-/top]: *!']);
    expect(describeLists('SELECT TOP (10) PERCENT WITH TIES * FROM t')).toEqual(['SELECT[SELECT/-/top]: *!']);
    expect(describeLists('SELECT SQL_CALC_FOUND_ROWS * FROM t')).toEqual(['SELECT[SELECT/-/top]: *!']);
  });

  it('names the keyword before a subquery and sees through union branches', () => {
    expect(describeLists('SELECT a FROM t WHERE EXISTS (SELECT * FROM u) AND b IN ((SELECT * FROM v))')).toEqual([
      'SELECT[SELECT/-/top]: a',
      'SELECT[SELECT/EXISTS/nested]: *!',
      'SELECT[SELECT/IN/nested]: *!',
    ]);
    expect(describeLists('(SELECT * FROM a) UNION ALL (SELECT * FROM b)')).toEqual(['SELECT[SELECT/-/top]: *!', 'SELECT[SELECT/-/top]: *!']);
    expect(describeLists('WITH c AS (SELECT * FROM t) SELECT c.id FROM c')).toEqual(['SELECT[SELECT/AS/nested]: *!', 'SELECT[SELECT/-/top]: c . id']);
  });

  it('reads RETURNING lists and the verb they belong to', () => {
    expect(describeLists('INSERT INTO t (a) SELECT * FROM s RETURNING *')).toEqual(['SELECT[INSERT/-/top]: *!', 'RETURNING[INSERT/-/top]: *!']);
  });

  it('does not mistake casts, arithmetic or functions of a star for star items', () => {
    expect(describeLists('SELECT t.*::text, row_to_json(t.*), 2 * 3, * EXCLUDE (a) FROM t')).toEqual([
      'SELECT[SELECT/-/top]: t . * :: text | row_to_json ( t . * ) | 2 * 3 | * EXCLUDE ( a )!',
    ]);
  });

  it('survives unbalanced parentheses', () => {
    expect(describeLists('SELECT * FROM (SELECT a, (b FROM t')).toEqual(['SELECT[SELECT/-/top]: *!', 'SELECT[SELECT/FROM/nested]: a | ( b FROM t']);
    expect(describeLists(') SELECT * FROM t )')).toEqual(['SELECT[-/-/top]: *!']);
  });
});

import { ESLintUtils, type TSESTree } from '@typescript-eslint/utils';
import { getSqlSink, getSqlText, HOLE_MARKER, locateInSource, type SqlText } from '../../src/analysis/sql';
import { untypedRuleTester } from '../rule-tester';

/** The text with holes shown as `{kind}`. */
function show(sql: SqlText): string {
  let out = '';
  let offset = 0;
  for (const hole of sql.holes) {
    out += sql.text.slice(offset, hole.start);
    out += hole.kind === 'constant' ? `{constant:${sql.text.slice(hole.start, hole.end)}}` : `{${hole.kind}}`;
    offset = hole.end;
  }
  return (out + sql.text.slice(offset)).replaceAll(HOLE_MARKER, '{?}');
}

// Probes that report what the SQL helpers see, so their behaviour is pinned by plain rule tests:
// `probe(x)` reports getSqlText(x); every other call and tagged template reports getSqlSink.
const probe = ESLintUtils.RuleCreator.withoutDocs({
  meta: {
    type: 'problem',
    schema: [],
    messages: { text: '{{text}}', none: 'none', sink: '{{api}} {{evidence}}: {{text}}', located: '{{located}}' },
  },
  create(context) {
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const scope = context.sourceCode.getScope(node);
        if (node.callee.type === 'Identifier' && node.callee.name === 'probe') {
          const sql = getSqlText(node.arguments[0], scope);
          context.report({ node, messageId: sql ? 'text' : 'none', data: { text: sql ? show(sql) : '' } });
          return;
        }
        if (node.callee.type === 'Identifier' && node.callee.name === 'locate') {
          // locate(sqlExpression, 'needle'): the source text at the needle's mapped range.
          const sql = getSqlText(node.arguments[0], scope)!;
          const needle = (node.arguments[1] as TSESTree.StringLiteral).value;
          const start = sql.text.indexOf(needle);
          const location = locateInSource(sql, start, start + needle.length);
          const located = location?.range ? context.sourceCode.text.slice(location.range[0], location.range[1]) : `node ${location?.node.type}`;
          context.report({ node, messageId: 'located', data: { located } });
          return;
        }
        const sink = getSqlSink(node, scope);
        if (sink) context.report({ node, messageId: 'sink', data: { api: sink.api, evidence: sink.evidence, text: show(sink.sql) } });
      },
      TaggedTemplateExpression(node) {
        const insideProbe = context.sourceCode
          .getAncestors(node)
          .some((ancestor) => ancestor.type === 'CallExpression' && ancestor.callee.type === 'Identifier' && ancestor.callee.name === 'probe');
        if (insideProbe) return;
        const sink = getSqlSink(node, context.sourceCode.getScope(node));
        if (sink) context.report({ node, messageId: 'sink', data: { api: sink.api, evidence: sink.evidence, text: show(sink.sql) } });
      },
    };
  },
});

const text = (code: string, value: string) => ({ code, errors: [{ messageId: 'text' as const, data: { text: value } }] });
const sink = (code: string, api: string, evidence: string, value: string) => ({
  code,
  errors: [{ messageId: 'sink' as const, data: { api, evidence, text: value } }],
});

untypedRuleTester().run('analysis-sql-extract', probe, {
  valid: [
    // Calls and tags that are not SQL sinks.
    'client.query("query { users { id } }");',
    'graph.execute(document);',
    'child.exec("ls -la");',
    'const id = 1; api.query(`id = ${id}`);',
    'html`<p>SELECT * FROM t</p>`;',
    'String.raw`SELECT * FROM t`;',
    'log.info("SELECT * FROM users");',
    'pool.query(buildQuery());',
    'pool.query({ name: "x" });',
    'pool.query(...args);',
    // A local function called sql is still a tag by name, but `sqlish` is not.
    'sqlish`SELECT 1`;',
  ],
  invalid: [
    // getSqlText
    text('probe("SELECT 1");', 'SELECT 1'),
    text("probe('SELECT * FROM ' + 'users');", 'SELECT * FROM users'),
    text('probe(`SELECT * FROM t WHERE id = ${id}`);', 'SELECT * FROM t WHERE id = {interpolation}'),
    text('const T = "users"; const N = 10; probe(`SELECT * FROM ${T} LIMIT ${N}`);', 'SELECT * FROM {constant:users} LIMIT {constant:10}'),
    text('probe("SELECT * FROM t WHERE id = " + id + " AND a = 1");', 'SELECT * FROM t WHERE id = {interpolation} AND a = 1'),
    text('const base = "SELECT * FROM t"; const where = `WHERE id = ${id}`; const q = `${base} ${where}`; probe(q);', '{constant:SELECT * FROM t} WHERE id = {interpolation}'),
    text('const Q = { all: "SELECT * FROM t", one: "x" } as const; probe(Q.all);', 'SELECT * FROM t'),
    text('const Q = Object.freeze({ all: "SELECT 1" }); probe(Q.all);', 'SELECT 1'),
    text('probe(`  SELECT 1  `.trim() as string);', '  SELECT 1  '),
    text('probe(dedent`SELECT ${a}`);', 'SELECT {interpolation}'),
    text('probe(String.raw`SELECT \'\\n\'`);', "SELECT '\\n'"),
    text('import { sql } from "drizzle-orm"; probe(sql`SELECT * FROM t WHERE id = ${id}`);', 'SELECT * FROM t WHERE id = {parameter}'),
    {
      // The fragment is inlined where it is used, and is a sink of its own where it is written.
      code: 'import { sql } from "drizzle-orm"; const cond = sql`a = ${a}`; probe(sql`SELECT * FROM t WHERE ${cond} ORDER BY ${sql.raw(col)} ${sql.raw("DESC")}`);',
      errors: [
        { messageId: 'sink', data: { api: 'sql', evidence: 'tag', text: 'a = {parameter}' } },
        { messageId: 'text', data: { text: 'SELECT * FROM t WHERE a = {parameter} ORDER BY {raw} {constant:DESC}' } },
      ],
    },
    text('import { Prisma } from "@prisma/client"; probe(Prisma.sql`SELECT ${Prisma.join(ids)} ${Prisma.raw(T)}`);', 'SELECT {parameter} {raw}'),
    // Cycles and non-const bindings stop the resolution.
    text('const a = `x ${b}`; const b = `y ${a}`; probe(a);', 'x y x y {interpolation}'),
    text('let q = "SELECT 1"; probe(`${q} FROM t`);', '{interpolation} FROM t'),
    { code: 'let q = "SELECT 1"; probe(q);', errors: [{ messageId: 'none' }] },
    { code: 'probe(a + b);', errors: [{ messageId: 'none' }] },
    { code: 'probe(1 + 2);', errors: [{ messageId: 'none' }] },
    { code: 'probe(unknownTag`SELECT 1`);', errors: [{ messageId: 'none' }] },

    // Source mapping: exact when the literal has no escapes, the node otherwise.
    { code: 'locate("SELECT u.* FROM u", "u.*");', errors: [{ messageId: 'located', data: { located: 'u.*' } }] },
    { code: 'locate(`SELECT a,\n  b.* FROM ${t}`, "b.*");', errors: [{ messageId: 'located', data: { located: 'b.*' } }] },
    { code: 'locate("SELECT \\"x\\", * FROM u", "*");', errors: [{ messageId: 'located', data: { located: 'node Literal' } }] },

    // Sinks
    sink('pool.query("SELECT * FROM users WHERE id = $1", [id]);', 'query', 'statement', 'SELECT * FROM users WHERE id = $1'),
    sink('await connection.execute("select 1");', 'execute', 'statement', 'select 1'),
    sink('const { rows } = await query(`SELECT * FROM t`);', 'query', 'statement', 'SELECT * FROM t'),
    sink('client.query({ text: "SELECT * FROM t", values: [] });', 'query', 'statement', 'SELECT * FROM t'),
    sink('conn.query({ sql: "SELECT * FROM t" });', 'query', 'statement', 'SELECT * FROM t'),
    sink('prisma.$queryRawUnsafe("SELECT * FROM t WHERE id = $1", id);', '$queryRawUnsafe', 'raw-method', 'SELECT * FROM t WHERE id = $1'),
    sink('knex("t").whereRaw("id in (select id from u)");', 'whereRaw', 'raw-method', 'id in (select id from u)'),
    sink('db.any("SELECT * FROM t");', 'any', 'statement', 'SELECT * FROM t'),
    sink('await prisma.$queryRaw`SELECT * FROM t WHERE id = ${id}`;', 'prisma.$queryRaw', 'tag', 'SELECT * FROM t WHERE id = {parameter}'),
    sink('import { sql } from "kysely"; await sql`SELECT 1`.execute(db);', 'sql', 'tag', 'SELECT 1'),
    sink('import postgres from "postgres"; const pg = postgres(url); await pg`SELECT * FROM t`;', 'pg', 'tag', 'SELECT * FROM t'),
    sink('import SQL from "sql-template-strings"; db.query(SQL`SELECT 1`);', 'SQL', 'tag', 'SELECT 1'),
    sink('sql.fragment`AND a = ${a}`;', 'sql.fragment', 'tag', 'AND a = {parameter}'),
    // A constant that reaches a sink.
    sink('const Q = "SELECT * FROM t"; export async function f() { return pool.query(Q); }', 'query', 'statement', 'SELECT * FROM t'),
  ],
});

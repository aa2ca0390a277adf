/**
 * Whether a raw SQL query only reads, when its text is in the code: one `SELECT` (or `VALUES`, `TABLE`,
 * `SHOW`) statement that takes no locks, creates nothing and touches no per-connection state.
 *
 * The outbound-I/O analysis answers `access: 'unknown'` for raw SQL (`pool.query(sql)`,
 * `connection.execute(sql)`, `manager.query(sql)`), because the call alone does not say what the SQL does.
 * Rules that must know a query is a plain read ask here. The answer is "reads" only when the text shows it;
 * anything else (a variable of unknown content, a write, a data-modifying CTE, `SELECT … FOR UPDATE`,
 * `SELECT … INTO`, `nextval()`, an advisory lock, `LAST_INSERT_ID()`) is not a plain read.
 *
 * Text is found the way the SQL analysis finds it (src/analysis/sql/extract.ts): literals, templates,
 * SQL-tagged templates, `+` concatenations and `const` bindings of those, and pg's `{ text: '…' }` query
 * config. Scanning is linear in the text (the SQL tokenizer; no regular expression over user strings).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast/node-types';
import { skipExpressionWrappers } from '../ast/expressions';
import { getSqlText } from './sql/extract';
import { scanSql, splitStatements, statementVerb } from './sql/scanner';

/** Statement verbs that only return rows. */
const READ_VERBS = new Set(['SELECT', 'VALUES', 'TABLE', 'SHOW']);

/**
 * Words that make a `SELECT` more than a read, wherever they appear: row locks (`FOR UPDATE`, `FOR SHARE`,
 * MySQL's `LOCK IN SHARE MODE`), `SELECT … INTO`, data-modifying CTEs, sequence and advisory-lock
 * functions, and functions that read the state of the connection the previous statement ran on.
 */
const NOT_READ_WORDS = new Set([
  'UPDATE', 'SHARE', 'LOCK', 'INTO', 'INSERT', 'DELETE', 'MERGE', 'TRUNCATE',
  'NEXTVAL', 'SETVAL', 'CURRVAL', 'LASTVAL', 'SET_CONFIG',
  'PG_ADVISORY_LOCK', 'PG_ADVISORY_XACT_LOCK', 'PG_TRY_ADVISORY_LOCK', 'PG_TRY_ADVISORY_XACT_LOCK', 'PG_ADVISORY_UNLOCK', 'PG_NOTIFY',
  'GET_LOCK', 'RELEASE_LOCK', 'LAST_INSERT_ID', 'FOUND_ROWS', 'ROW_COUNT', 'SCOPE_IDENTITY',
]);
/** The longest word of NOT_READ_WORDS: longer words are names, never upper-cased. */
const LONGEST_WORD = 25;

/** SQL text that only reads: one statement, a read verb, no locking, writing or connection-state word. */
export function sqlOnlyReads(text: string): boolean {
  const scan = scanSql(text);
  const statements = splitStatements(scan);
  if (statements.length !== 1) return false;
  const verb = statementVerb(scan, statements[0]);
  if (!verb || !READ_VERBS.has(verb.verb)) return false;
  for (let index = 0; index < scan.length; index++) {
    const word = scan.shortKeyword(index, LONGEST_WORD);
    if (word !== undefined && NOT_READ_WORDS.has(word)) return false;
  }
  return true;
}

/**
 * Whether the raw query `node` sends only reads: a tagged template (`prisma.$queryRaw\`…\``), or a call
 * whose first argument holds the SQL (`pool.query(sql, values)`, `pool.query({ text })`,
 * `prisma.$queryRaw(Prisma.sql\`…\`)`, `knex.raw(sql)`).
 */
export function rawQueryOnlyReads(node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const sqlNode = node.type === AST_NODE_TYPES.TaggedTemplateExpression ? node : sqlArgument(node.arguments[0]);
  if (!sqlNode) return false;
  try {
    const sql = getSqlText(sqlNode, sourceCode.getScope(sqlNode));
    return sql !== undefined && sqlOnlyReads(sql.text);
  } catch {
    // An analysis bug must never take the lint run down with it: no answer is a safe answer.
    return false;
  }
}

/** The SQL argument itself, or the `text` / `sql` property of a query config object. */
function sqlArgument(argument: TSESTree.Node | undefined): TSESTree.Node | undefined {
  if (!argument) return undefined;
  const value = skipExpressionWrappers(argument);
  if (value.type !== AST_NODE_TYPES.ObjectExpression) return value;
  for (const property of value.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
    const key = property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : property.key.type === AST_NODE_TYPES.Literal ? property.key.value : undefined;
    if (key === 'text' || key === 'sql') return property.value;
  }
  return undefined;
}

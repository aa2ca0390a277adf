/**
 * Where SQL text reaches a query API: the SQL argument of a driver or ORM call, or an SQL-tagged template.
 * Stands on code shape and import tracking alone; callers with more knowledge (type information, the
 * database-operation analysis) can vouch for receivers through `isSqlReceiver`.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../../ast/node-types';
import { getSqlText } from './extract';
import { startsWithSqlStatement } from './scanner';
import type { SqlText } from './sql-text';
import { getSqlTag, staticPropertyName, type SqlTag } from './tags';

type Scope = TSESLint.Scope.Scope;

/**
 * Methods whose first argument is always SQL, whatever the receiver: Prisma's unsafe raw queries and
 * knex's raw clauses (Objection and Bookshelf inherit them).
 */
export const RAW_SQL_METHODS: ReadonlySet<string> = new Set([
  '$queryRawUnsafe', '$executeRawUnsafe',
  'whereRaw', 'orWhereRaw', 'andWhereRaw', 'havingRaw', 'orHavingRaw', 'orderByRaw', 'groupByRaw',
  'joinRaw', 'selectRaw', 'fromRaw',
]);

/**
 * Methods that take an SQL statement on database clients (pg, mysql2, Sequelize, TypeORM, MikroORM,
 * knex, Drizzle, postgres.js, better-sqlite3, pg-promise), and also mean other things elsewhere: the
 * argument counts as SQL only when it starts with a statement keyword or the receiver is vouched for.
 * (`exec` is left out: `RegExp#exec` is called on SQL text too often, in tests of SQL helpers.)
 */
export const STATEMENT_METHODS: ReadonlySet<string> = new Set([
  'query', 'execute', 'raw', 'unsafe', 'prepare',
  'any', 'one', 'many', 'none', 'oneOrNone', 'manyOrNone', 'result', 'multi',
]);

/**
 * Methods named for reading rows that project helpers around pg-promise and pg give (crowd.dev's
 * `qx.select('SELECT …')`, `selectOne`, `selectOneOrNone`). Query builders use the same names for columns
 * (knex's `.select('id')`), so the argument counts as SQL only when it starts with a statement keyword, never
 * on a vouched-for receiver alone.
 */
const SELECT_STATEMENT_METHODS: ReadonlySet<string> = new Set(['select', 'selectOne', 'selectOneOrNone']);

/** Every method name a call must have to be an SQL sink: what rules' selectors listen to. */
export const SQL_SINK_METHODS: readonly string[] = [...STATEMENT_METHODS, ...SELECT_STATEMENT_METHODS, ...RAW_SQL_METHODS];

/** Free functions taking a statement (`const { rows } = await query('SELECT …')`), same condition. */
export const STATEMENT_FUNCTIONS: ReadonlySet<string> = new Set(['query', 'execute', 'raw']);

/** Config-object forms: pg `{ text }`, mysql2 `{ sql }`, Sequelize `{ query }`. */
const SQL_OPTION_KEYS = ['text', 'sql', 'query'];

export type SqlSinkEvidence =
  /** An SQL tag (`tag` says which). */
  | 'tag'
  /** A method whose argument is always SQL (`$queryRawUnsafe`, `whereRaw`). */
  | 'raw-method'
  /** A `query`/`execute`-like call whose text starts with an SQL statement keyword. */
  | 'statement'
  /** A `query`/`execute`-like call on a receiver the caller vouched for. */
  | 'receiver';

export interface SqlSink {
  /** The call or the tagged template. */
  readonly node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression;
  /** The expression holding the SQL: the argument (or its `text`/`sql` property), or the template. */
  readonly sqlNode: TSESTree.Node;
  readonly sql: SqlText;
  /** The method or tag, for messages: `query`, `$queryRawUnsafe`, `sql`. */
  readonly api: string;
  readonly evidence: SqlSinkEvidence;
  readonly tag?: SqlTag;
}

export interface SqlSinkOptions {
  /** Vouches for a `query`/`execute`-like call's receiver (from types or the database analysis). */
  isSqlReceiver?: (call: TSESTree.CallExpression) => boolean;
}

/** The SQL sink `node` is, with its SQL text, if it is one. `scope` is the scope `node` is in. */
export function getSqlSink(
  node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression,
  scope: Scope,
  options: SqlSinkOptions = {},
): SqlSink | undefined {
  return node.type === AST_NODE_TYPES.TaggedTemplateExpression ? taggedTemplateSink(node, scope) : callSink(node, scope, options);
}

function taggedTemplateSink(node: TSESTree.TaggedTemplateExpression, scope: Scope): SqlSink | undefined {
  const tag = getSqlTag(node.tag, scope);
  if (!tag) return undefined;
  const sql = getSqlText(node, scope);
  if (!sql) return undefined;
  return { node, sqlNode: node.quasi, sql, api: tagName(node.tag), evidence: 'tag', tag };
}

function callSink(call: TSESTree.CallExpression, scope: Scope, options: SqlSinkOptions): SqlSink | undefined {
  const name = sinkName(call);
  if (name === undefined || call.arguments.length === 0) return undefined;
  const isMember = call.callee.type === AST_NODE_TYPES.MemberExpression;
  const isRawMethod = isMember && RAW_SQL_METHODS.has(name);
  const needsStatement = isMember && SELECT_STATEMENT_METHODS.has(name);
  if (!isRawMethod && !needsStatement && !(isMember ? STATEMENT_METHODS : STATEMENT_FUNCTIONS).has(name)) return undefined;

  const sqlNode = sqlArgument(call.arguments[0], name);
  if (!sqlNode) return undefined;
  const sql = getSqlText(sqlNode, scope);
  // An SQL-tagged template is a sink of its own; reporting it again through the call would double up.
  if (!sql || sql.tagged) return undefined;

  let evidence: SqlSinkEvidence | undefined;
  if (isRawMethod) evidence = 'raw-method';
  else if (startsWithSqlStatement(sql.text)) evidence = 'statement';
  else if (!needsStatement && options.isSqlReceiver?.(call)) evidence = 'receiver';
  return evidence ? { node: call, sqlNode, sql, api: name, evidence } : undefined;
}

/** The called method's (or free function's) name. */
function sinkName(call: TSESTree.CallExpression): string | undefined {
  if (call.callee.type === AST_NODE_TYPES.Identifier) return call.callee.name;
  if (call.callee.type === AST_NODE_TYPES.MemberExpression) return staticPropertyName(call.callee);
  return undefined;
}

function sqlArgument(argument: TSESTree.CallExpressionArgument, method: string): TSESTree.Node | undefined {
  if (argument.type === AST_NODE_TYPES.SpreadElement) return undefined;
  if (argument.type !== AST_NODE_TYPES.ObjectExpression) return argument;
  if (method !== 'query' && method !== 'execute') return undefined;
  for (const property of argument.properties) {
    if (
      property.type === AST_NODE_TYPES.Property &&
      !property.computed &&
      property.key.type === AST_NODE_TYPES.Identifier &&
      SQL_OPTION_KEYS.includes(property.key.name)
    ) {
      return property.value;
    }
  }
  return undefined;
}

function tagName(tag: TSESTree.Expression): string {
  if (tag.type === AST_NODE_TYPES.Identifier) return tag.name;
  if (tag.type === AST_NODE_TYPES.MemberExpression) {
    const property = staticPropertyName(tag) ?? '…';
    return tag.object.type === AST_NODE_TYPES.Identifier ? `${tag.object.name}.${property}` : property;
  }
  if (tag.type === AST_NODE_TYPES.CallExpression) return `${tagName(tag.callee as TSESTree.Expression)}(…)`;
  return 'sql';
}

/**
 * Is the receiver of a `query`/`execute`/`raw` call an SQL client? The `isSqlReceiver` option of
 * `getSqlSink`, built once per file: by the receiver's type (with type information), or by the
 * database-operation analysis (imports, factories, annotations, injection).
 */
import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../../ast/node-types';
import { getDbOperations, type DbLibrary } from '../db-operations';
import { getReceiverPackage, getTypeServices, memberName } from '../library-origin';
import { typeIsFromPackages } from './package-types';

/** Packages whose clients take SQL through `query`/`execute`/`raw`. */
export const SQL_CLIENT_PACKAGES: readonly string[] = [
  'pg', 'pg-promise', 'postgres', 'mysql', 'mysql2', 'mssql', 'tedious', 'oracledb', 'sqlite', 'sqlite3', 'better-sqlite3',
  'typeorm', 'sequelize', '@sequelize', 'knex', 'kysely', 'drizzle-orm', '@mikro-orm', '@prisma/client', '.prisma/client',
  'slonik', '@databases', '@neondatabase/serverless', '@vercel/postgres', '@planetscale/database', '@libsql/client',
];

/** Libraries of the database analysis whose raw operations take SQL (not MongoDB or Redis commands). */
export const SQL_LIBRARIES: ReadonlySet<DbLibrary> = new Set(['prisma', 'typeorm', 'sequelize', 'knex', 'drizzle', 'kysely', 'mikro-orm', 'pg', 'pg-promise', 'mysql2']);

export function sqlReceiverCheck(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): (call: TSESTree.CallExpression) => boolean {
  const typed = getTypeServices(context)?.services;
  const dbOperations = getDbOperations(context);
  return (call) => {
    // The database analysis first: other rules classify the same calls, so its answer is mostly cached.
    const operation = dbOperations.classify(call);
    if (operation?.kind === 'raw' && SQL_LIBRARIES.has(operation.library)) return true;
    if (isObjectionRaw(call, context)) return true;
    return typed !== undefined && call.callee.type === AST_NODE_TYPES.MemberExpression && typeIsFromPackages(typed, call.callee.object, SQL_CLIENT_PACKAGES) === true;
  };
}

/**
 * Objection's `raw(sql, bindings)` (`import { raw } from 'objection'`, `objection.raw`, `Model.raw`): SQL text spliced
 * into a query, though no operation of its own.
 */
function isObjectionRaw(call: TSESTree.CallExpression, context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): boolean {
  const callee = call.callee;
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name === 'raw' && getReceiverPackage(callee, context)?.packageName === 'objection';
  return callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'raw' && getReceiverPackage(callee.object, context)?.packageName === 'objection';
}

/**
 * Which calls are database operations. CONTRACT STUB: the implementation is being written.
 * Rules call `getDbOperations(context).classify(call)` from a CallExpression visitor.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

export type DbLibrary =
  | 'prisma'
  | 'typeorm'
  | 'sequelize'
  | 'mongoose'
  | 'knex'
  | 'drizzle'
  | 'kysely'
  | 'mikro-orm'
  | 'pg'
  | 'mysql2'
  | 'mongodb'
  | 'redis';

/** read: returns rows/documents/values; write: inserts/updates/deletes; count: aggregates a number; raw: SQL text or a command; transaction: opens one. */
export type DbOperationKind = 'read' | 'write' | 'count' | 'raw' | 'transaction';

/** How the analysis knows the receiver's library. */
export type DbEvidence = 'type' | 'import' | 'annotation' | 'injection' | 'shape';

export interface DbOperation {
  library: DbLibrary;
  kind: DbOperationKind;
  /** The call that sends the query: for a builder or query chain, its outermost call (the one awaited). */
  node: TSESTree.CallExpression;
  /** The call that names the operation (`prisma.user.findMany(...)`, `User.find(...)` at a chain's head, `db.select()`). */
  operationCall: TSESTree.CallExpression;
  /** `findMany`, `find`, `query`, `select`, `get`, … */
  method: string;
  /** Prisma model, TypeORM/Sequelize/Mongoose model or entity, table or collection name, when the code names it. */
  target?: string;
  evidence: DbEvidence;
  /** One statement for many keys or rows: `createMany`, `insertMany`, `bulkWrite`, `in`/`$in`/`In()`/`whereIn`/`inArray` filters, `mget`… */
  isBatched: boolean;
}

export interface DbOperationAnalyzer {
  /**
   * The database operation `call` sends, if `call` is the outermost call of a database call chain
   * (`knex('t').where(...).first()` is one operation, classified at `.first(...)`; `.then/.catch/.finally`
   * do not extend a chain). Inner calls of a chain return undefined, so each query is seen once.
   */
  classify(call: TSESTree.CallExpression): DbOperation | undefined;
}

/** One analyzer per linted file, shared by every rule that asks (cached on the SourceCode object). */
export function getDbOperations(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): DbOperationAnalyzer {
  void context;
  return { classify: () => undefined };
}

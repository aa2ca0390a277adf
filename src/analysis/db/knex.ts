/** Knex: `knex('t')…` builder chains, `knex.select().from()`, `knex.raw`, transactions. */
import type { TSESTree } from '@typescript-eslint/utils';
import type { DbOperationKind } from '../db-operations';
import { fromArgumentsAfter, holdsTableName, isStringLike, isTableNameConstant, sqlIsBatched, sqlText, staticString, tableName } from './arguments';
import { namePatternInText, continueOperation, startOperation, type AnalysisTools, type DbValue, type LibraryModel, type Role } from './model';

/** Methods of the Knex instance that start a query builder. */
const STARTERS = [
  'select', 'from', 'table', 'into', 'insert', 'update', 'del', 'delete', 'upsert', 'where', 'whereIn', 'whereRaw', 'with', 'withRecursive', 'withSchema',
  'queryBuilder', 'count', 'countDistinct', 'min', 'max', 'sum', 'avg', 'first', 'pluck', 'distinct', 'join', 'union', 'unionAll', 'truncate', 'column', 'columns',
  'increment', 'decrement', 'orderBy', 'limit', 'offset',
];

/** Methods that make a builder write. */
const WRITES = new Set(['insert', 'update', 'del', 'delete', 'upsert', 'increment', 'decrement', 'truncate', 'onConflict', 'merge', 'ignore', 'updateFrom']);
const COUNTS = new Set(['count', 'countDistinct', 'min', 'max', 'sum', 'sumDistinct', 'avg', 'avgDistinct']);
const BATCHING = new Set(['whereIn', 'orWhereIn', 'andWhereIn', 'havingIn', 'orHavingIn']);
/** Builder methods whose result is not the query. */
const NOT_CHAIN = new Set(['toSQL', 'toString', 'toQuery', 'toNative', 'as']);
/** Builder methods whose callback receives a builder to group clauses in (`where((qb) => …)`, `modify((qb) => …)`). */
const GROUPING_CALLBACK_METHODS = new Set(['where', 'andWhere', 'orWhere', 'whereNot', 'andWhereNot', 'orWhereNot', 'having', 'modify']);
/** Common builder methods, for the pre-filter (chains are followed from their head anyway). */
const CHAIN_NAMES = ['where', 'andWhere', 'orWhere', 'whereNot', 'whereNull', 'whereNotNull', 'whereIn', 'whereNotIn', 'orWhereIn', 'whereBetween', 'whereLike', 'whereILike', 'whereExists', 'whereRaw', 'first', 'returning', 'join', 'leftJoin', 'innerJoin', 'orderBy', 'groupBy', 'having', 'limit', 'offset', 'forUpdate', 'forShare', 'onConflict', 'merge', 'ignore', 'timeout', 'stream', 'pipe', 'clone', 'modify', 'transacting', 'options', 'connection', 'debug'];

const KNEX_NAME = /knex/i;
/** Generic receiver names accepted for `name('table')` calls. */
const GENERIC_NAME = /^(db|trx|tx|database|conn|connection)$/i;

function builderStart(base: DbValue, call: TSESTree.CallExpression, method: string, tools: AnalysisTools): DbValue {
  const kind: DbOperationKind = WRITES.has(method) ? 'write' : COUNTS.has(method) ? 'count' : 'read';
  const target = method === 'from' || method === 'table' || method === 'into' ? tableName(staticString(call.arguments[0])) : undefined;
  const isBatched = BATCHING.has(method) || (method === 'insert' && (call.arguments[0] !== undefined && tools.isArray(call.arguments[0])));
  return startOperation(base, call, method, kind, { role: 'builder', target, isBatched });
}

function builderCall(value: DbValue, method: string, call: TSESTree.CallExpression, tools: AnalysisTools): DbValue | undefined {
  if (NOT_CHAIN.has(method)) return undefined;
  const currentKind = value.op?.kind ?? 'read';
  const kind: DbOperationKind | undefined = WRITES.has(method) ? 'write' : COUNTS.has(method) && currentKind === 'read' ? 'count' : undefined;
  const target = method === 'from' || method === 'table' || method === 'into' ? tableName(staticString(call.arguments[0])) : undefined;
  const isBatched = BATCHING.has(method) || (method === 'insert' && (call.arguments[0] !== undefined && tools.isArray(call.arguments[0]))) || (method === 'whereRaw' && sqlIsBatched(sqlText(call.arguments[0])));
  return continueOperation(value, call, method, { kind, target, isBatched });
}

export const knex: LibraryModel = {
  library: 'knex',
  shapeText: [namePatternInText(KNEX_NAME), namePatternInText(GENERIC_NAME)],
  matchesPackage: (source) => source === 'knex',
  unsentBy: NOT_CHAIN,
  methodNames: [...STARTERS, ...CHAIN_NAMES, 'raw', 'transaction'],
  fromModule(path) {
    if (path.length === 0 || (path.length === 1 && (path[0] === 'knex' || path[0] === 'Knex'))) return { role: 'factory' };
    return undefined;
  },
  fromAnnotation(path) {
    if (path[0] !== 'Knex' && path[0] !== 'knex') return undefined;
    if (path.length === 1) return { role: 'knex' };
    if (path.length === 2 && path[1] === 'Transaction') return { role: 'knex' };
    if (path.length === 2 && path[1] === 'QueryBuilder') return { role: 'builder' };
    return undefined;
  },
  fromType(typeName) {
    if (typeName === 'Knex' || typeName === 'Transaction') return { role: 'knex' };
    if (typeName === 'QueryBuilder' || typeName === 'QueryInterface' || typeName === 'ChainableInterface') return { role: 'builder' };
    if (typeName === 'Raw') return { role: 'raw' };
    return undefined;
  },
  fromOpaque(names, method, call, tools) {
    const last = names[names.length - 1];
    const base: DbValue = { library: 'knex', role: 'knex', evidence: 'shape' };
    if (method === undefined) {
      // db('users') / trx('users')
      if ((KNEX_NAME.test(last) || GENERIC_NAME.test(last)) && call.arguments.length === 1 && holdsTableName(call.arguments[0])) {
        return startOperation(base, call, 'select', 'read', { role: 'builder', target: tableName(staticString(call.arguments[0])) });
      }
      return undefined;
    }
    if (KNEX_NAME.test(last)) {
      if (method === 'raw') return startOperation(base, call, method, 'raw', { role: 'raw', isBatched: sqlIsBatched(sqlText(call.arguments[0])) });
      if (method === 'transaction') return startOperation(base, call, method, 'transaction', { result: { role: 'knex' } });
      if (STARTERS.includes(method)) return builderStart(base, call, method, tools);
    }
    if (GENERIC_NAME.test(last) && method === 'select' && selectFromString(call)) return builderStart(base, call, method, tools);
    return undefined;
  },
  call(value, method, call, tools) {
    switch (value.role) {
      case 'factory':
        return method === undefined ? { role: 'knex' } : undefined;
      case 'knex':
        if (method === undefined) {
          return call.arguments.length > 0 ? startOperation(value, call, 'select', 'read', { role: 'builder', target: tableName(staticString(call.arguments[0])) }) : undefined;
        }
        if (method === 'raw') return startOperation(value, call, method, 'raw', { role: 'raw', isBatched: sqlIsBatched(sqlText(call.arguments[0])) });
        if (method === 'transaction') return startOperation(value, call, method, 'transaction', { result: { role: 'knex' } });
        if (method === 'transactionProvider') return undefined;
        return STARTERS.includes(method) ? builderStart(value, call, method, tools) : undefined;
      case 'builder':
      case 'raw':
        return method === undefined ? undefined : builderCall(value, method, call, tools);
      default:
        return undefined;
    }
  },
  callbackParam(value, method, _call, paramIndex) {
    if (value.role === 'knex' && method === 'transaction' && paramIndex === 0) return { role: 'knex' } satisfies Role;
    // `.where((builder) => { builder.orWhere(…) })`: the callback adds clauses to a builder of the same query.
    if (value.role === 'builder' && method !== undefined && GROUPING_CALLBACK_METHODS.has(method) && paramIndex === 0) return { role: 'builder' } satisfies Role;
    return undefined;
  },
};

/** `db.select(...)` continued by `.from('table')`: a Knex chain rather than Drizzle's `.from(tableObject)`. */
function selectFromString(call: TSESTree.CallExpression): boolean {
  const table = fromArgumentsAfter(call)?.[0];
  return isStringLike(table) || isTableNameConstant(table);
}

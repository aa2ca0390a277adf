/**
 * Objection.js: model classes (`Person.query()`, `Person.relatedQuery('pets')`, `Person.fetchGraph(people, 'pets')`,
 * `Person.transaction(…)`), instances (`person.$query()`, `person.$relatedQuery('pets')`, `person.$fetchGraph('pets')`)
 * and its query builder: Knex's clauses plus `findById`, `findByIds`, `patch`, `insertGraph`, `withGraphFetched`, `page`…
 * Awaiting a builder runs it. Transactions and `Model.knex()` hand out Knex's own objects.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../../ast/node-types';
import type { DbOperationKind } from '../db-operations';
import { isStringLike, sqlIsBatched, sqlText, staticString } from './arguments';
import {
  continueOperation,
  importedFromModelsModule,
  MODEL_CLASS_NAME,
  MODELS_MODULE_IMPORT_TEXT,
  membersInText,
  receiverFromModelsModule,
  startOperation,
  type AnalysisTools,
  type DbValue,
  type LibraryModel,
  type Role,
} from './model';

/** Builder methods that write. */
const WRITES = new Set([
  'insert', 'insertAndFetch', 'insertGraph', 'insertGraphAndFetch', 'upsertGraph', 'upsertGraphAndFetch',
  'update', 'updateAndFetch', 'updateAndFetchById', 'patch', 'patchAndFetch', 'patchAndFetchById',
  'delete', 'del', 'deleteById', 'relate', 'unrelate', 'increment', 'decrement', 'truncate', 'onConflict', 'merge', 'ignore',
]);
const COUNTS = new Set(['count', 'countDistinct', 'min', 'max', 'sum', 'sumDistinct', 'avg', 'avgDistinct', 'resultSize']);
/** Clauses that look rows up by a list of keys. */
const BATCHING = new Set(['whereIn', 'orWhereIn', 'whereInComposite', 'havingIn', 'orHavingIn', 'findByIds']);
/** Writes that take one row, or an array of rows written in one statement. */
const ROW_WRITES = new Set(['insert', 'insertAndFetch', 'insertGraph', 'insertGraphAndFetch', 'upsertGraph', 'upsertGraphAndFetch', 'relate']);
/** Methods after which awaiting the builder gives one model instance. */
const ONE_ROW = new Set(['findById', 'findOne', 'first', 'patchAndFetch', 'patchAndFetchById', 'updateAndFetch', 'updateAndFetchById']);
/** Methods after which awaiting the builder gives a number (affected rows, a count). */
const NO_ROWS = new Set(['patch', 'update', 'delete', 'del', 'deleteById', 'relate', 'unrelate', 'increment', 'decrement', 'truncate', ...COUNTS]);
/** Builder methods whose result is not the query: compiled for Knex, a subquery alias, or a question about the builder. */
const NOT_CHAIN = new Set([
  'toKnexQuery', 'toString', 'toSQL', 'as', 'knex', 'modelClass', 'tableNameFor', 'tableRefFor', 'has', 'isFind', 'isExecutable', 'isInsert',
  'isUpdate', 'isDelete', 'isRelate', 'isUnrelate', 'isInternal', 'hasWheres', 'hasSelects', 'hasWithGraph',
]);
/** Builder methods whose callback receives a builder of the same (or a sub-) query. */
const BUILDER_CALLBACK_METHODS = new Set([
  'where', 'andWhere', 'orWhere', 'whereNot', 'andWhereNot', 'orWhereNot', 'having', 'modify', 'modifyGraph', 'onBuild',
  'whereExists', 'orWhereExists', 'whereNotExists', 'orWhereNotExists', 'whereIn', 'orWhereIn', 'whereNotIn', 'orWhereNotIn',
]);

/** Verbs that start the name of a method that writes (`updateFirstOrInsert`), possibly after a manner (`hardDelete`). */
const WRITE_VERBS = new Set(['delete', 'del', 'update', 'insert', 'patch', 'upsert', 'remove', 'destroy', 'restore', 'create', 'save', 'relate', 'unrelate', 'increment', 'decrement', 'truncate']);
const WRITE_MANNERS = new Set(['hard', 'soft', 'force', 'bulk']);
/** Objection's own builder methods, whose effect the tables above say. */
const KNOWN_BUILDER_METHODS = new Set([...WRITES, ...COUNTS, ...BATCHING, ...ONE_ROW, ...NO_ROWS, ...NOT_CHAIN]);

/** Statics of a model class that start a query or a transaction, or hand out Knex. */
const MODEL_STATICS = new Set(['query', 'relatedQuery', 'fetchGraph', 'transaction', 'startTransaction', 'knex', 'knexQuery', 'fromJson', 'fromDatabaseJson', 'bindKnex', 'bindTransaction']);
/** Instance methods spelled by Objection alone: a `$` method of any value, without type information. */
const INSTANCE_QUERIES = new Set(['$query', '$relatedQuery', '$fetchGraph']);
/** Common builder methods, for the pre-filter (chains are followed from their head anyway). */
const CHAIN_NAMES = [
  'findById', 'findByIds', 'findOne', 'first', 'withGraphFetched', 'withGraphJoined', 'joinRelated', 'leftJoinRelated', 'page', 'range', 'for',
  'throwIfNotFound', 'returning', 'modify', 'execute', 'resultSize', 'where', 'whereIn', 'orderBy', 'limit', 'offset', 'select',
];

function instance(target: string | undefined, many: boolean): Role {
  return { role: 'instance', target, many };
}

function knexHandle(evidence: DbValue['evidence']): DbValue {
  return { library: 'knex', role: 'knex', evidence };
}

/** `Person.query(trx)`, `Person.relatedQuery('pets')`, … on a model class. */
function modelCall(value: DbValue, method: string, call: TSESTree.CallExpression, tools: AnalysisTools): Role | DbValue | undefined {
  switch (method) {
    case 'query':
      return startOperation(value, call, method, 'read', { role: 'builder', result: instance(value.target, true) });
    case 'relatedQuery':
      return relationQuery(value, call, method);
    case 'fetchGraph': {
      // One query per relation of the expression, for all the models given at once.
      const many = call.arguments[0] !== undefined && tools.isArray(call.arguments[0]);
      return startOperation(value, call, method, 'read', { role: 'builder', isBatched: many, result: instance(value.target, many) });
    }
    case 'transaction':
      return startOperation(value, call, method, 'transaction');
    case 'startTransaction':
      return startOperation(value, call, method, 'transaction', { result: knexHandle(value.evidence) });
    case 'knex':
      return knexHandle(value.evidence);
    case 'knexQuery':
      // Knex's builder on the model's table.
      return startOperation(knexHandle(value.evidence), call, 'select', 'read', { role: 'builder', target: value.target });
    case 'fromJson':
    case 'fromDatabaseJson':
      return instance(value.target, false);
    case 'bindKnex':
    case 'bindTransaction':
      return { role: 'model', target: value.target };
    default:
      return undefined;
  }
}

/** `person.$query()`, `person.$relatedQuery('pets')`, `person.$fetchGraph('pets')`, `person.$knex()`. */
function instanceCall(value: DbValue, method: string, call: TSESTree.CallExpression): Role | DbValue | undefined {
  switch (method) {
    case '$query':
      return startOperation(value, call, method, 'read', { role: 'builder', result: instance(value.target, false) });
    case '$relatedQuery':
      return relationQuery(value, call, method);
    case '$fetchGraph':
      return startOperation(value, call, method, 'read', { role: 'builder', result: instance(value.target, false) });
    case '$knex':
    case '$transaction':
      return knexHandle(value.evidence);
    default:
      return undefined;
  }
}

/** A query of a relation: `detail` names it (`pets`); awaited, the related rows (one, for a to-one relation, but which is not known here). */
function relationQuery(value: DbValue, call: TSESTree.CallExpression, method: string): DbValue {
  return startOperation(value, call, method, 'read', { role: 'builder', detail: staticString(call.arguments[0]) ?? '', result: instance(undefined, true) });
}

function builderCall(value: DbValue, method: string, call: TSESTree.CallExpression, tools: AnalysisTools): DbValue | undefined {
  if (NOT_CHAIN.has(method)) return undefined;
  const currentKind = value.op?.kind ?? 'read';
  // A method of the project's own query builder named for a write (Automatisch's `hardDelete()`, `updateFirstOrInsert()`).
  const ownWrite = currentKind === 'read' && !KNOWN_BUILDER_METHODS.has(method) && namedForWrite(method);
  const kind: DbOperationKind | undefined = WRITES.has(method) || ownWrite ? 'write' : COUNTS.has(method) && currentKind === 'read' ? 'count' : undefined;
  const first = call.arguments[0];
  const manyRows = first !== undefined && (ROW_WRITES.has(method) || method === 'for') && tools.isArray(first);
  const isBatched = BATCHING.has(method) || manyRows || (method.endsWith('Raw') && sqlIsBatched(sqlText(first)));
  return continueOperation(value, call, method, { kind, isBatched, result: ownWrite ? null : resultAfter(value, method, manyRows) });
}

/** What awaiting the builder gives after `method`: unchanged (undefined), rows of the model, a page of them, or no rows (null). */
function resultAfter(value: DbValue, method: string, manyRows: boolean): Role | null | undefined {
  const target = value.result?.target ?? value.target;
  if (NO_ROWS.has(method)) return null;
  if (method === 'page' || method === 'range') return { role: 'page', target };
  if (method === 'findByIds') return instance(target, true);
  if (ONE_ROW.has(method)) return instance(target, false);
  if (ROW_WRITES.has(method)) return instance(target, manyRows);
  return undefined;
}

export const objection: LibraryModel = {
  library: 'objection',
  matchesPackage: (source) => source === 'objection',
  // `$relatedQuery` and friends anywhere; models only in a file that imports a models module (`fromOpaque`, `fromOpaqueSubclass`).
  shapeText: [membersInText(INSTANCE_QUERIES), MODELS_MODULE_IMPORT_TEXT],
  unsentBy: NOT_CHAIN,
  methodNames: [...MODEL_STATICS, ...INSTANCE_QUERIES, ...WRITES, ...COUNTS, ...CHAIN_NAMES, '$knex'],
  fromModule(path) {
    if (path.length !== 1) return undefined;
    if (path[0] === 'Model') return { role: 'modelBase' };
    if (path[0] === 'QueryBuilder') return { role: 'builderClass' };
    if (path[0] === 'transaction') return { role: 'transactionFunction' };
    return undefined;
  },
  fromAnnotation(path, typeArguments) {
    if (path.length !== 1) return undefined;
    if (path[0] === 'Model') return instance(undefined, false);
    if (path[0] === 'QueryBuilder') return { role: 'builder', target: typeArguments[0] || undefined };
    if (path[0] === 'ModelClass') return { role: 'model', target: typeArguments[0] || undefined };
    // Objection's names for Knex's transaction (and instance).
    if (path[0] === 'Transaction' || path[0] === 'TransactionOrKnex') return knexHandle('annotation');
    return undefined;
  },
  fromType(typeName, typeArguments, isStatic, ownName) {
    switch (typeName) {
      case 'Model':
        // A project class extending Model: its constructor is the model, its instances are rows.
        if (isStatic) return ownName === undefined ? { role: 'modelBase' } : { role: 'model', target: ownName };
        return instance(ownName, false);
      case 'ModelClass':
      case 'ModelConstructor':
        return { role: 'model', target: typeArguments[0] || undefined };
      case 'QueryBuilder': {
        // QueryBuilder<M, R>: R is M[], M, a Page<M> or a number.
        const [model, result] = typeArguments;
        const target = model || undefined;
        const rows = result === 'Array' ? instance(target, true) : result && result === model ? instance(target, false) : result === 'Page' ? { role: 'page', target } : undefined;
        return { role: 'builder', target, result: rows };
      }
      case 'Page':
        return { role: 'page', target: typeArguments[0] || undefined };
      case 'transaction':
        return { role: 'transactionFunction' };
      case 'Transaction':
      case 'TransactionOrKnex':
        return knexHandle('type');
      default:
        return undefined;
    }
  },
  /**
   * Without type information, a model of the project's own modules (Automatisch's `import Flow from '@/models/flow.js';
   * Flow.query().findById(id)`): a PascalCase class from a models module, in a package that depends on Objection.
   * Instance queries (`flow.$relatedQuery('steps')`) are spelled by Objection alone, on any value.
   */
  fromOpaque(names, method, call, tools) {
    if (method === undefined) return undefined;
    let found: Role | DbValue | undefined;
    if (INSTANCE_QUERIES.has(method)) {
      found = instanceArgumentsFit(method, call) ? instanceCall({ library: 'objection', role: 'instance', evidence: 'shape' }, method, call) : undefined;
    } else {
      const model = names[names.length - 1];
      if (names.length !== 1 || !MODEL_STATICS.has(method) || !MODEL_CLASS_NAME.test(model)) return undefined;
      if (!receiverFromModelsModule(call, tools) || !tools.modelMappers().has('objection')) return undefined;
      found = modelCall({ library: 'objection', role: 'model', target: model, evidence: 'shape' }, method, call, tools);
    }
    // Only operations: what a heuristic hands out without one (`Flow.knex()`) is left unknown.
    return found && 'library' in found && found.op ? found : undefined;
  },
  /** `class Flow extends Base` where `Base` comes from a models module (Automatisch's `@/models/base.js`), in a package that depends on Objection. */
  fromOpaqueSubclass(names, superClass, className, tools) {
    if (names.length !== 1 || !MODEL_CLASS_NAME.test(names[0]) || !importedFromModelsModule(superClass, tools) || !tools.modelMappers().has('objection')) return undefined;
    return { role: 'model', target: className };
  },
  construct(value) {
    if (value.role === 'model') return instance(value.target, false);
    if (value.role === 'builderClass') return { role: 'builder' };
    return undefined;
  },
  subclass(value, className) {
    if (value.role === 'modelBase' || value.role === 'model') return { role: 'model', target: className };
    if (value.role === 'builderClass') return { role: 'builderClass' };
    return undefined;
  },
  member(value, name) {
    if ((value.role === 'modelBase' || value.role === 'model') && name === 'QueryBuilder') return { role: 'builderClass' };
    // A page of rows: `{ results, total }`.
    if (value.role === 'page' && name === 'results') return instance(value.target, true);
    return undefined;
  },
  call(value, method, call, tools) {
    switch (value.role) {
      case 'model':
        return method === undefined ? undefined : modelCall(value, method, call, tools);
      case 'modelBase':
        // `Model.knex()`, `Model.transaction(…)`, `Model.startTransaction()`: the base class shares the Knex instance.
        return method === 'knex' || method === 'transaction' || method === 'startTransaction' ? modelCall(value, method, call, tools) : undefined;
      case 'instance':
        return method === undefined ? undefined : instanceCall(value, method, call);
      case 'builder':
        return method === undefined ? undefined : builderCall(value, method, call, tools);
      case 'transactionFunction':
        // `transaction(knex, async (trx) => …)`, `transaction.start(knex)`.
        if (method === undefined) return startOperation(value, call, 'transaction', 'transaction');
        return method === 'start' ? startOperation(value, call, method, 'transaction', { result: knexHandle(value.evidence) }) : undefined;
      default:
        return undefined;
    }
  },
  callbackParam(value, method, _call, paramIndex) {
    if (paramIndex !== 0) return undefined;
    // `Person.transaction(async (trx) => …)`: Knex's transaction.
    if ((value.role === 'model' || value.role === 'modelBase') && method === 'transaction') return knexHandle(value.evidence);
    // `.where((builder) => …)`, `.modify((qb) => …)`: the callback adds clauses to a builder.
    if (value.role === 'builder' && BUILDER_CALLBACK_METHODS.has(method)) return { role: 'builder' };
    return undefined;
  },
};

/** `hardDelete`, `updateFirstOrInsert`: the name's first word (or the one after a manner) is a write verb; `withSoftDeleted` is not. */
function namedForWrite(method: string): boolean {
  const first = leadingWord(method, 0);
  const verb = WRITE_MANNERS.has(first) ? leadingWord(method, first.length).toLowerCase() : first;
  return WRITE_VERBS.has(verb);
}

/** The camelCase word of `name` that starts at `start`: `hardDelete` → `hard` (at 0), `Delete` (at 4). */
function leadingWord(name: string, start: number): string {
  let end = start + 1;
  while (end < name.length && name[end] >= 'a' && name[end] <= 'z') end++;
  return name.slice(start, end);
}

/** Where Objection's query starters take the transaction (or Knex) to run on. */
const CONNECTION_ARGUMENT: Readonly<Record<string, number>> = { query: 0, $query: 0, relatedQuery: 1, $relatedQuery: 1 };

/** The transaction (or Knex) an Objection query starter `method` is given: `trx` in `Person.query(trx)`, `person.$relatedQuery('pets', trx)`. */
export function objectionConnectionArgument(call: TSESTree.CallExpression, method: string): TSESTree.CallExpressionArgument | undefined {
  return Object.hasOwn(CONNECTION_ARGUMENT, method) ? call.arguments[CONNECTION_ARGUMENT[method]] : undefined;
}

/** `$relatedQuery('pets', trx?)` names its relation; `$query(trx?)` takes at most the transaction; `$fetchGraph(expression, options?)`. */
function instanceArgumentsFit(method: string, call: TSESTree.CallExpression): boolean {
  const count = call.arguments.length;
  if (method === '$query') return count <= 1;
  if (method === '$relatedQuery') {
    const relation = call.arguments[0];
    return count <= 2 && (isStringLike(relation) || relation?.type === AST_NODE_TYPES.Identifier || relation?.type === AST_NODE_TYPES.MemberExpression);
  }
  return count >= 1 && count <= 2;
}

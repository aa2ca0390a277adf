/** Kysely: builders sent by `execute*`/`stream`, `db.transaction().execute(cb)`, ``sql`…`.execute(db)``. */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../../ast/node-types';
import type { DbOperationKind } from '../db-operations';
import { skipExpressionWrappers } from '../library-origin';
import { isSpelledOutList, sqlIsBatched, sqlText, staticString, tableName } from './arguments';
import { membersInText, continueOperation, startOperation, type AnalysisTools, type DbValue, type LibraryModel, type Role } from './model';

const STARTERS: Readonly<Record<string, DbOperationKind>> = {
  selectFrom: 'read',
  selectNoFrom: 'read',
  insertInto: 'write',
  replaceInto: 'write',
  updateTable: 'write',
  deleteFrom: 'write',
  mergeInto: 'write',
};

const TERMINALS = new Set(['execute', 'executeTakeFirst', 'executeTakeFirstOrThrow', 'stream']);
const NOT_CHAIN = new Set(['as', 'compile', 'toOperationNode']);

/** A step's batching: `values([...])` inserts many rows; `where('id', 'in', ids)` and `where((eb) => eb('id', 'in', ids))` ask for the keys of `ids`. */
function stepBatching(method: string, call: TSESTree.CallExpression, tools: AnalysisTools): { isBatched: boolean; keyLists?: TSESTree.Node[] } {
  if (method === 'values') return { isBatched: call.arguments[0] !== undefined && tools.isArray(call.arguments[0]) };
  const fn = call.arguments[0];
  const comparison =
    call.arguments.length === 3
      ? method === 'where' || method === 'orWhere' || method === 'having'
        ? call
        : undefined
      : fn && (fn.type === AST_NODE_TYPES.ArrowFunctionExpression || fn.type === AST_NODE_TYPES.FunctionExpression) && fn.body.type !== AST_NODE_TYPES.BlockStatement
        ? skipExpressionWrappers(fn.body)
        : undefined;
  if (comparison?.type !== AST_NODE_TYPES.CallExpression || comparison.arguments.length !== 3 || staticString(comparison.arguments[1])?.toLowerCase() !== 'in') return { isBatched: false };
  // `where('status', 'in', ['a', 'b'])`: a few values spelled out, no batch of keys.
  if (isSpelledOutList(comparison.arguments[2])) return { isBatched: false };
  return { isBatched: true, keyLists: [comparison.arguments[2]] };
}

export const kysely: LibraryModel = {
  library: 'kysely',
  // Builder starters, only ever methods of a call (`fromOpaque`): `db.selectFrom('t')`.
  shapeText: [membersInText(Object.keys(STARTERS))],
  matchesPackage: (source) => source === 'kysely',
  unsentBy: NOT_CHAIN,
  methodNames: [...Object.keys(STARTERS), ...TERMINALS, 'transaction'],
  fromModule(path) {
    if (path.length !== 1) return undefined;
    if (path[0] === 'Kysely') return { role: 'class' };
    if (path[0] === 'sql') return { role: 'sqlTag' };
    return undefined;
  },
  fromAnnotation(path) {
    return path.length === 1 ? roleOfTypeName(path[0]) : undefined;
  },
  fromType(typeName) {
    return roleOfTypeName(typeName);
  },
  fromOpaque(_names, method, call) {
    // selectFrom/insertInto/updateTable/deleteFrom name nothing else.
    if (method === undefined || !(method in STARTERS)) return undefined;
    const base: DbValue = { library: 'kysely', role: 'db', evidence: 'shape' };
    return startOperation(base, call, method, STARTERS[method], { role: 'builder', sent: false, target: tableName(staticString(call.arguments[0])) });
  },
  construct(value) {
    return value.role === 'class' ? { role: 'db' } : undefined;
  },
  subclass(value) {
    return value.role === 'class' ? value : undefined;
  },
  call(value, method, call, tools) {
    if (method === undefined) return undefined;
    switch (value.role) {
      case 'db':
        if (method in STARTERS) return startOperation(value, call, method, STARTERS[method], { role: 'builder', sent: false, target: tableName(staticString(call.arguments[0])) });
        if (method === 'transaction' || method === 'connection') return { role: 'transactionBuilder', detail: method };
        if (method === 'with' || method === 'withRecursive' || method === 'withSchema' || method === 'withPlugin' || method === 'withoutPlugins' || method === 'withTables') return { role: 'db' };
        if (method === 'startTransaction') return { role: 'transactionBuilder', detail: method };
        return undefined;
      case 'transactionBuilder':
        if (method === 'execute') return startOperation(value, call, method, value.detail === 'connection' ? 'raw' : 'transaction');
        if (method === 'setIsolationLevel' || method === 'setAccessMode') return value;
        return undefined;
      case 'builder':
        if (NOT_CHAIN.has(method)) return undefined;
        return continueOperation(value, call, method, { sent: TERMINALS.has(method) ? true : (value.op?.sent ?? false), ...stepBatching(method, call, tools) });
      case 'rawBuilder':
        if (method === 'execute') return startOperation(value, call, method, 'raw', { isBatched: value.detail === 'batched' });
        return undefined;
      default:
        return undefined;
    }
  },
  callbackParam(value, method, _call, paramIndex) {
    return value.role === 'transactionBuilder' && method === 'execute' && paramIndex === 0 ? { role: 'db' } : undefined;
  },
  tagged(value, node) {
    return value.role === 'sqlTag' ? ({ role: 'rawBuilder', detail: sqlIsBatched(sqlText(node)) ? 'batched' : undefined } satisfies Role) : undefined;
  },
};

function roleOfTypeName(name: string): Role | undefined {
  if (name === 'Kysely' || name === 'Transaction' || name === 'ControlledTransaction' || name === 'QueryCreator') return { role: 'db' };
  if (name === 'TransactionBuilder' || name === 'ConnectionBuilder') return { role: 'transactionBuilder', detail: name === 'ConnectionBuilder' ? 'connection' : 'transaction' };
  if (name === 'RawBuilder') return { role: 'rawBuilder' };
  if (/QueryBuilder$/.test(name)) return { role: 'builder' };
  return undefined;
}

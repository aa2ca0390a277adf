/** SQL drivers: node-postgres (`pg`) and mysql2. Every query is raw SQL. */
import type { TSESTree } from '@typescript-eslint/utils';
import { sqlIsBatched, sqlText } from './arguments';
import { startOperation, type DbValue, type LibraryModel, type Role } from './model';

const client: Role = { role: 'client' };

function rawQuery(value: DbValue, method: string, call: TSESTree.CallExpression): DbValue {
  return startOperation(value, call, method, 'raw', { isBatched: sqlIsBatched(sqlText(call.arguments[0])) });
}

export const pg: LibraryModel = {
  library: 'pg',
  matchesPackage: (source) => source === 'pg' || source === 'pg-pool',
  methodNames: ['query', 'connect'],
  fromModule(path, source) {
    if (source === 'pg-pool' && path.length === 0) return { role: 'clientClass' };
    if (path.length === 0) return { role: 'module' };
    if (path.length === 1 && (path[0] === 'Pool' || path[0] === 'Client')) return { role: 'clientClass' };
    return undefined;
  },
  fromAnnotation(path) {
    return path.length === 1 ? roleOfTypeName(path[0]) : undefined;
  },
  fromType(typeName, _typeArguments, isStatic) {
    if (isStatic) return typeName === 'Pool' || typeName === 'Client' ? { role: 'clientClass' } : undefined;
    return roleOfTypeName(typeName);
  },
  construct(value) {
    return value.role === 'clientClass' ? client : undefined;
  },
  subclass(value) {
    return value.role === 'clientClass' ? value : undefined;
  },
  member(value, name) {
    if (value.role === 'module' && (name === 'Pool' || name === 'Client')) return { role: 'clientClass' };
    if (value.role === 'module' && name === 'native') return { role: 'module' };
    return undefined;
  },
  call(value, method, call) {
    if (value.role !== 'client' || method === undefined) return undefined;
    if (method === 'query') return rawQuery(value, method, call);
    // pool.connect() resolves to a PoolClient.
    if (method === 'connect') return { role: 'pending', result: client };
    return undefined;
  },
  callbackParam(value, method, _call, paramIndex) {
    // pool.connect((err, client, release) => …)
    return value.role === 'client' && method === 'connect' && paramIndex === 1 ? client : undefined;
  },
};

function roleOfTypeName(name: string): Role | undefined {
  return name === 'Pool' || name === 'PoolClient' || name === 'Client' || name === 'ClientBase' ? client : undefined;
}

const MYSQL_CONNECTION_TYPES = new Set(['Pool', 'Connection', 'PoolConnection', 'PoolNamespace', 'PoolCluster', 'PromisePool', 'PromisePoolConnection', 'PromiseConnection']);
const connection: Role = { role: 'connection', result: { role: 'connection' } };

export const mysql2: LibraryModel = {
  library: 'mysql2',
  matchesPackage: (source) => source === 'mysql2' || source === 'mysql2/promise' || source === 'mysql',
  methodNames: ['query', 'execute', 'getConnection', 'beginTransaction'],
  fromModule(path) {
    if (path.length === 0) return { role: 'module' };
    if (path.length === 1 && (path[0] === 'createConnection' || path[0] === 'createPool' || path[0] === 'createPoolCluster')) return { role: 'factory' };
    return undefined;
  },
  fromAnnotation(path) {
    return path.length === 1 && MYSQL_CONNECTION_TYPES.has(path[0]) ? connection : undefined;
  },
  fromType(typeName) {
    return MYSQL_CONNECTION_TYPES.has(typeName) ? connection : undefined;
  },
  call(value, method, call) {
    switch (value.role) {
      case 'factory':
        // createConnection resolves to a connection in mysql2/promise and is one in mysql2.
        return method === undefined ? connection : undefined;
      case 'module':
        return method === 'createConnection' || method === 'createPool' || method === 'createPoolCluster' ? connection : undefined;
      case 'connection':
        if (method === 'query' || method === 'execute') return rawQuery(value, method, call);
        if (method === 'getConnection' || method === 'promise' || method === 'of') return connection;
        if (method === 'beginTransaction') return startOperation(value, call, method, 'transaction');
        return undefined;
      default:
        return undefined;
    }
  },
  callbackParam(value, method, _call, paramIndex) {
    // pool.getConnection((err, conn) => …)
    return value.role === 'connection' && method === 'getConnection' && paramIndex === 1 ? connection : undefined;
  },
};

/**
 * pg-promise's query methods on a database, a task or a transaction: every one sends its SQL text. Not its `map` and
 * `each`: every array has methods of those names, and the pre-filter of database calls would let them all through.
 */
const PG_PROMISE_QUERIES = new Set(['query', 'none', 'one', 'many', 'oneOrNone', 'manyOrNone', 'any', 'result', 'multi', 'multiResult', 'func', 'proc']);
/** Its types of a database or of the connection a task or transaction holds. */
const PG_PROMISE_CLIENT_TYPES = new Set(['IDatabase', 'ITask', 'IBaseProtocol', 'IConnected']);
/** The library's root (`const pgp = pgPromise()`), which opens a database when called with a connection. */
const pgPromiseMain: Role = { role: 'main' };

/**
 * pg-promise: `pgPromise(options)` gives the library's root, `pgp(connection)` a database (a pool), whose query
 * methods send SQL text; `db.tx(t => …)` and `db.task(t => …)` hand their callback a handle with the same methods.
 */
export const pgPromise: LibraryModel = {
  library: 'pg-promise',
  matchesPackage: (source) => source === 'pg-promise',
  methodNames: [...PG_PROMISE_QUERIES, 'tx', 'txIf', 'task', 'taskIf', 'connect'],
  fromModule(path) {
    return path.length === 0 ? { role: 'factory' } : undefined;
  },
  fromAnnotation(path) {
    if (path.length !== 1) return undefined;
    if (path[0] === 'IMain') return pgPromiseMain;
    return PG_PROMISE_CLIENT_TYPES.has(path[0]) ? client : undefined;
  },
  fromType(typeName) {
    if (typeName === 'IMain') return pgPromiseMain;
    return PG_PROMISE_CLIENT_TYPES.has(typeName) ? client : undefined;
  },
  call(value, method, call) {
    switch (value.role) {
      case 'factory':
        return method === undefined ? pgPromiseMain : undefined;
      case 'main':
        return method === undefined ? client : undefined;
      case 'client':
        if (method === undefined) return undefined;
        if (PG_PROMISE_QUERIES.has(method)) return rawQuery(value, method, call);
        if (method === 'tx' || method === 'txIf') return startOperation(value, call, method, 'transaction', { result: client });
        if (method === 'connect') return { role: 'pending', result: client };
        return undefined;
      default:
        return undefined;
    }
  },
  callbackParam(value, method, _call, paramIndex) {
    // db.tx(async (t) => …), db.task('tag', (t) => …): the handle is the callback's first parameter.
    return value.role === 'client' && paramIndex === 0 && (method === 'tx' || method === 'txIf' || method === 'task' || method === 'taskIf') ? client : undefined;
  },
};

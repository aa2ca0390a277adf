/** Drizzle ORM: `db.select().from(t)…`, insert/update/delete builders, `db.query.<table>.findMany`, `db.execute`, transactions. */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../../ast/node-types';
import { isFunction } from '../../ast/code-shape';
import type { DbOperationKind } from '../db-operations';
import { fromArgumentsAfter, inFilterLists, isReference, isStringLike, isTableNameConstant, nameOfArgument, sqlIsBatched, sqlText } from './arguments';
import { namePatternInText, continueOperation, startOperation, type AnalysisTools, type DbValue, type LibraryModel, type Role } from './model';

const STARTERS: Readonly<Record<string, DbOperationKind>> = {
  select: 'read',
  selectDistinct: 'read',
  selectDistinctOn: 'read',
  insert: 'write',
  update: 'write',
  delete: 'write',
};

const RAW_METHODS = new Set(['execute', 'run', 'all', 'get', 'values']);
const RELATIONAL_METHODS: Readonly<Record<string, DbOperationKind>> = { findMany: 'read', findFirst: 'read' };
/** Builder methods that yield something other than the statement (a subquery, SQL text). */
const NOT_CHAIN = new Set(['as', 'toSQL', 'getSQL', 'getQuery', '_prepare']);
const CHAIN_NAMES = ['from', 'where', 'values', 'set', 'returning', 'onConflictDoUpdate', 'onConflictDoNothing', 'leftJoin', 'innerJoin', 'orderBy', 'limit', 'offset', 'groupBy', 'execute', 'prepare', 'for'];

const IN_FILTER = { functions: [{ name: 'inArray', module: isDrizzleModule }] };
const DB_NAME = /^(db|database|tx|trx|drizzle|orm)$/i;
/** `readDb`, `defaultDb`, `primaryDB`, `analyticsDatabase`: a client named for its role (OpenStatus's `db as defaultDb`). */
const DB_SUFFIX_NAME = /[a-z0-9](?:Db|DB|Database)$/;

/** The file imports from `drizzle-orm` or one of its entry points. */
const DRIZZLE_IMPORT_TEXT = /from\s*['"]drizzle-orm[/'"]/;

function isDbName(name: string): boolean {
  return DB_NAME.test(name) || DB_SUFFIX_NAME.test(name);
}

function isDrizzleModule(source: string): boolean {
  return source === 'drizzle-orm' || source.startsWith('drizzle-orm/');
}

function start(base: DbValue, call: TSESTree.CallExpression, method: string, tools: AnalysisTools): DbValue | undefined {
  const kind = STARTERS[method];
  if (!kind) return undefined;
  const target = kind === 'write' ? nameOfArgument(call.arguments[0]) : undefined;
  return startOperation(base, call, method, kind, { role: 'builder', target, keyLists: inFilterLists(call.arguments, IN_FILTER, tools) });
}

export const drizzle: LibraryModel = {
  library: 'drizzle',
  shapeText: [namePatternInText(DB_NAME), namePatternInText(DB_SUFFIX_NAME)],
  matchesPackage: isDrizzleModule,
  unsentBy: NOT_CHAIN,
  methodNames: [...Object.keys(STARTERS), ...RAW_METHODS, ...Object.keys(RELATIONAL_METHODS), ...CHAIN_NAMES, 'transaction', '$count'],
  fromModule(path, source) {
    if (source !== 'drizzle-orm' && path.length === 1 && path[0] === 'drizzle') return { role: 'factory' };
    return undefined;
  },
  fromAnnotation(path) {
    const name = path[path.length - 1];
    return roleOfTypeName(name);
  },
  fromType(typeName) {
    return roleOfTypeName(typeName);
  },
  fromOpaque(names, method, call, tools) {
    if (method === undefined) return undefined;
    const last = names[names.length - 1];
    const base: DbValue = { library: 'drizzle', role: 'db', evidence: 'shape' };
    // db.query.users.findMany(), also `pTx.query.secret.findFirst({ where })` in a transaction: the shape is Drizzle's
    // relational API whatever the client's name, when it takes what that API takes (nothing, or one object).
    if (names.length >= 3 && names[names.length - 2] === 'query' && method in RELATIONAL_METHODS && (isDbName(names[names.length - 3]) || takesQueryConfig(call))) {
      return startOperation(base, call, method, RELATIONAL_METHODS[method], { target: last });
    }
    if (!isDbName(last)) return undefined;
    // db.$count(users, filter): Drizzle's own count (Prisma's `$` methods have no `$count`).
    if (method === '$count' && call.arguments.length >= 1 && isReference(call.arguments[0])) return startOperation(base, call, method, 'count', { target: nameOfArgument(call.arguments[0]) });
    // db.insert(users) / db.update(users) / db.delete(users): a table object, not Knex's strings or objects.
    if ((method === 'insert' || method === 'update' || method === 'delete') && call.arguments.length === 1 && isReference(call.arguments[0])) return start(base, call, method, tools);
    if ((method === 'select' || method === 'selectDistinct') && selectFromTableObject(call)) return start(base, call, method, tools);
    // this.db.transaction(async (tx) => …) in a file that imports from drizzle-orm: the handle is Drizzle's (Knex's
    // `db.transaction(trx => trx('t'))` keeps its own shape elsewhere), so an N+1 is one transaction, not each statement.
    if (method === 'transaction' && call.arguments[0] !== undefined && isFunction(call.arguments[0]) && DRIZZLE_IMPORT_TEXT.test(tools.text)) return startOperation(base, call, method, 'transaction');
    return undefined;
  },
  call(value, method, call, tools) {
    switch (value.role) {
      case 'factory':
        return method === undefined ? { role: 'db' } : undefined;
      case 'db':
        if (method === undefined) return undefined;
        if (method === 'transaction') return startOperation(value, call, method, 'transaction');
        if (method === '$count') return startOperation(value, call, method, 'count', { target: nameOfArgument(call.arguments[0]) });
        if (method === 'with' || method === '$with') return method === 'with' ? { role: 'db' } : undefined;
        if (RAW_METHODS.has(method)) return startOperation(value, call, method, 'raw', { isBatched: sqlIsBatched(sqlText(call.arguments[0])) });
        if (method === 'batch') return startOperation(value, call, method, 'raw', { isBatched: true });
        return start(value, call, method, tools);
      case 'table':
        if (method === undefined || !(method in RELATIONAL_METHODS)) return undefined;
        return startOperation(value, call, method, RELATIONAL_METHODS[method], { keyLists: inFilterLists(call.arguments, IN_FILTER, tools) });
      case 'builder':
        if (method === undefined || NOT_CHAIN.has(method)) return undefined;
        return continueOperation(value, call, method, {
          target: method === 'from' ? nameOfArgument(call.arguments[0]) : undefined,
          isBatched: method === 'values' && call.arguments[0] !== undefined && tools.isArray(call.arguments[0]),
          keyLists: inFilterLists(call.arguments, IN_FILTER, tools),
        });
      default:
        return undefined;
    }
  },
  member(value, name) {
    if (value.role === 'db' && name === 'query') return { role: 'relational' };
    if (value.role === 'relational') return { role: 'table', target: name };
    return undefined;
  },
  callbackParam(value, method, _call, paramIndex) {
    return value.role === 'db' && method === 'transaction' && paramIndex === 0 ? { role: 'db' } : undefined;
  },
};

function roleOfTypeName(name: string): Role | undefined {
  if (/Database$/.test(name) || /Transaction$/.test(name)) return { role: 'db' };
  if (name === 'RelationalQueryBuilder') return { role: 'table' };
  if (/(Select|Insert|Update|Delete)(Base|Builder|QueryBuilder)$/.test(name) || /RelationalQuery$/.test(name) || /Raw$/.test(name) || name === 'QueryPromise') return { role: 'builder' };
  return undefined;
}

/** `findMany()`, `findFirst({ where, with })`: no argument, or one object literal. */
function takesQueryConfig(call: TSESTree.CallExpression): boolean {
  return call.arguments.length === 0 || (call.arguments.length === 1 && call.arguments[0].type === AST_NODE_TYPES.ObjectExpression);
}

/** `db.select(...)` continued by `.from(table)` with a table object, as Drizzle does (Knex passes a string). */
function selectFromTableObject(call: TSESTree.CallExpression): boolean {
  const args = fromArgumentsAfter(call);
  if (args?.length !== 1) return false;
  const [table] = args;
  // `.from(TABLE)`, `.from(T.ROLES)`: a table's name in a constant, which is Knex's (`db.select(COLUMNS).from(TABLE)`).
  return !isStringLike(table) && isReference(table) && !isTableNameConstant(table);
}

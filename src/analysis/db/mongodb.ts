/** The MongoDB driver: collection methods, cursors (`find().sort().toArray()`), sessions. */
import type { TSESTree } from '@typescript-eslint/utils';
import type { DbOperationKind } from '../db-operations';
import { inFilterLists, isStringLike, staticString } from './arguments';
import { wordsInText, continueOperation, startOperation, type AnalysisTools, type DbValue, type LibraryModel, type Role } from './model';

const COLLECTION_METHODS: Readonly<Record<string, DbOperationKind>> = {
  find: 'read',
  findOne: 'read',
  insertOne: 'write',
  insertMany: 'write',
  updateOne: 'write',
  updateMany: 'write',
  replaceOne: 'write',
  deleteOne: 'write',
  deleteMany: 'write',
  countDocuments: 'count',
  estimatedDocumentCount: 'count',
  count: 'count',
  distinct: 'read',
  aggregate: 'read',
  bulkWrite: 'write',
  findOneAndUpdate: 'write',
  findOneAndDelete: 'write',
  findOneAndReplace: 'write',
};

const CURSOR_METHODS = new Set(['find', 'aggregate']);
const BATCHED_METHODS = new Set(['insertMany', 'bulkWrite']);
/** Cursor methods that hand back something other than the cursor's query. */
const NOT_CHAIN = new Set(['clone', 'rewind']);
const CURSOR_NAMES = ['toArray', 'next', 'hasNext', 'tryNext', 'forEach', 'sort', 'limit', 'skip', 'project', 'batchSize'];

function collectionOperation(value: DbValue, method: string, call: TSESTree.CallExpression, tools: AnalysisTools): DbValue | undefined {
  const kind = COLLECTION_METHODS[method];
  if (!kind) return undefined;
  const keyLists = inFilterLists(call.arguments, { keys: ['$in'] }, tools);
  return startOperation(value, call, method, kind, { role: CURSOR_METHODS.has(method) ? 'cursor' : 'query', isBatched: BATCHED_METHODS.has(method), keyLists });
}

export const mongodb: LibraryModel = {
  library: 'mongodb',
  shapeText: [wordsInText(['collection'])],
  matchesPackage: (source) => source === 'mongodb',
  unsentBy: NOT_CHAIN,
  methodNames: [...Object.keys(COLLECTION_METHODS), ...CURSOR_NAMES, 'withTransaction', 'command'],
  fromModule(path) {
    return path.length === 1 && path[0] === 'MongoClient' ? { role: 'clientClass' } : undefined;
  },
  fromAnnotation(path, typeArguments) {
    return path.length === 1 ? roleOfTypeName(path[0], typeArguments[0]) : undefined;
  },
  fromType(typeName, typeArguments, isStatic) {
    if (typeName === 'MongoClient' && isStatic) return { role: 'clientClass' };
    return roleOfTypeName(typeName, typeArguments[0]);
  },
  fromOpaque(_names, method, call) {
    // db.collection('users') on a database handle from elsewhere.
    if (method !== 'collection' || call.arguments.length < 1 || !isStringLike(call.arguments[0])) return undefined;
    return { library: 'mongodb', role: 'collection', target: staticString(call.arguments[0]), evidence: 'shape' };
  },
  construct(value) {
    return value.role === 'clientClass' ? { role: 'client' } : undefined;
  },
  subclass(value) {
    return value.role === 'clientClass' ? value : undefined;
  },
  call(value, method, call, tools) {
    if (method === undefined) return undefined;
    switch (value.role) {
      case 'clientClass':
        return method === 'connect' ? { role: 'pending', result: { role: 'client' } } : undefined;
      case 'client':
        if (method === 'connect') return { role: 'pending', result: { role: 'client' } };
        if (method === 'db') return { role: 'db' };
        if (method === 'startSession') return { role: 'session' };
        if (method === 'withSession') return startOperation(value, call, method, 'transaction');
        return undefined;
      case 'db':
        if (method === 'collection') return { role: 'collection', target: staticString(call.arguments[0]) };
        if (method === 'command') return startOperation(value, call, method, 'raw');
        return undefined;
      case 'collection':
        return collectionOperation(value, method, call, tools);
      case 'cursor':
        if (NOT_CHAIN.has(method)) return undefined;
        return continueOperation(value, call, method);
      case 'session':
        if (method === 'withTransaction' || method === 'startTransaction') return startOperation(value, call, method, 'transaction');
        return undefined;
      default:
        return undefined;
    }
  },
};

function roleOfTypeName(name: string, typeArgument: string | undefined): Role | undefined {
  switch (name) {
    case 'MongoClient':
      return { role: 'client' };
    case 'Db':
      return { role: 'db' };
    case 'Collection':
      return { role: 'collection', target: typeArgument || undefined };
    case 'FindCursor':
    case 'AggregationCursor':
      return { role: 'cursor' };
    case 'ClientSession':
      return { role: 'session' };
    default:
      return undefined;
  }
}

/** MikroORM: EntityManager and EntityRepository methods, query builders, `transactional`. */
import type { TSESTree } from '@typescript-eslint/utils';
import type { DbOperationKind } from '../db-operations';
import { inFilterLists, nameOfArgument, sqlIsBatched, sqlText } from './arguments';
import { namePatternInText, continueOperation, startOperation, type AnalysisTools, type DbValue, type LibraryModel, type Role } from './model';

const ENTITY_METHODS: Readonly<Record<string, DbOperationKind>> = {
  find: 'read',
  findOne: 'read',
  findOneOrFail: 'read',
  findAll: 'read',
  findAndCount: 'read',
  findByCursor: 'read',
  count: 'count',
  nativeInsert: 'write',
  nativeUpdate: 'write',
  nativeDelete: 'write',
  insert: 'write',
  insertMany: 'write',
  upsert: 'write',
  upsertMany: 'write',
  populate: 'read',
};

/** Only the EntityManager has these; repositories delegate to it. */
const MANAGER_METHODS: Readonly<Record<string, DbOperationKind>> = {
  ...ENTITY_METHODS,
  persistAndFlush: 'write',
  removeAndFlush: 'write',
  flush: 'write',
  refresh: 'read',
  refreshOrFail: 'read',
  execute: 'raw',
  transactional: 'transaction',
  begin: 'transaction',
};

const QUERY_BUILDER_TERMINALS = new Set(['execute', 'getResult', 'getResultList', 'getSingleResult', 'getResultAndCount', 'getCount']);
const BATCHED_METHODS = new Set(['insertMany', 'upsertMany']);
const EM_NAME = /^(em|entityManager|orm)$/i;

function batching(method: string, call: TSESTree.CallExpression, tools: AnalysisTools): { isBatched: boolean; keyLists?: TSESTree.Node[] } {
  if (method === 'execute') return { isBatched: sqlIsBatched(sqlText(call.arguments[0])) };
  return { isBatched: BATCHED_METHODS.has(method), keyLists: inFilterLists(call.arguments, { keys: ['$in'] }, tools) };
}

function entityOperation(value: DbValue, method: string, call: TSESTree.CallExpression, tools: AnalysisTools, table: Readonly<Record<string, DbOperationKind>>): DbValue | undefined {
  const kind = table[method];
  if (!kind) return undefined;
  const target = value.role === 'em' && kind !== 'raw' && kind !== 'transaction' && method !== 'flush' ? nameOfArgument(call.arguments[0]) : value.target;
  return startOperation(value, call, method, kind, { target, ...batching(method, call, tools) });
}

export const mikroOrm: LibraryModel = {
  library: 'mikro-orm',
  shapeText: [namePatternInText(EM_NAME)],
  matchesPackage: (source) => source.startsWith('@mikro-orm/'),
  methodNames: [...Object.keys(MANAGER_METHODS), ...QUERY_BUILDER_TERMINALS],
  fromModule(path) {
    if (path.length !== 1) return undefined;
    if (path[0] === 'MikroORM') return { role: 'ormClass' };
    if (path[0] === 'EntityRepository') return { role: 'repositoryClass' };
    return undefined;
  },
  fromAnnotation(path, typeArguments) {
    return path.length === 1 ? roleOfTypeName(path[0], typeArguments[0]) : undefined;
  },
  fromInjection(decorator, source, argument) {
    if (source !== '@mikro-orm/nestjs') return undefined;
    if (decorator === 'InjectRepository') return { role: 'repository', target: nameOfArgument(argument) };
    if (decorator === 'InjectEntityManager') return { role: 'em' };
    return undefined;
  },
  fromType(typeName, typeArguments, isStatic, ownName) {
    if (typeName === 'MikroORM' && isStatic) return { role: 'ormClass' };
    return roleOfTypeName(typeName, typeArguments[0] || ownName);
  },
  fromOpaque(names, method, call, tools) {
    if (method === undefined || !EM_NAME.test(names[names.length - 1])) return undefined;
    // em.find(User, …) names an entity class; em.persistAndFlush(x) and friends name nothing else.
    const distinctive = method === 'persistAndFlush' || method === 'removeAndFlush' || method.startsWith('native') || method === 'transactional';
    const namesEntity = method in ENTITY_METHODS && /^[A-Z]/.test(nameOfArgument(call.arguments[0]) ?? '');
    if (!distinctive && !namesEntity) return undefined;
    return entityOperation({ library: 'mikro-orm', role: 'em', evidence: 'shape' }, method, call, tools, MANAGER_METHODS);
  },
  construct(value) {
    if (value.role === 'ormClass') return { role: 'orm' };
    if (value.role === 'repositoryClass') return { role: 'repository', target: value.target };
    return undefined;
  },
  subclass(value, className) {
    // class BookRepository extends EntityRepository<Book>
    return value.role === 'repositoryClass' ? { role: 'repositoryClass', target: value.target ?? className } : undefined;
  },
  member(value, name) {
    if (value.role === 'orm' && name === 'em') return { role: 'em' };
    return undefined;
  },
  call(value, method, call, tools) {
    if (method === undefined) return undefined;
    switch (value.role) {
      case 'ormClass':
        return method === 'init' ? { role: 'pending', result: { role: 'orm' } } : undefined;
      case 'em':
        // fork() gives a new context; persist()/remove() only mark entities and return the manager: em.persist(x).flush().
        if (method === 'fork' || method === 'persist' || method === 'remove') return { role: 'em' };
        if (method === 'getRepository') return { role: 'repository', target: nameOfArgument(call.arguments[0]) };
        if (method === 'createQueryBuilder' || method === 'qb') return { role: 'queryBuilder', target: nameOfArgument(call.arguments[0]) };
        if (method === 'getConnection') return { role: 'connection' };
        return entityOperation(value, method, call, tools, MANAGER_METHODS);
      case 'repository':
        if (method === 'createQueryBuilder' || method === 'qb') return { role: 'queryBuilder', target: value.target };
        if (method === 'getEntityManager') return { role: 'em' };
        return entityOperation(value, method, call, tools, ENTITY_METHODS);
      case 'connection':
        return method === 'execute' ? startOperation(value, call, method, 'raw', { isBatched: sqlIsBatched(sqlText(call.arguments[0])) }) : undefined;
      case 'queryBuilder': {
        if (method === 'getQuery' || method === 'getFormattedQuery' || method === 'getKnexQuery' || method === 'as' || method === 'clone') return undefined;
        const terminal = QUERY_BUILDER_TERMINALS.has(method);
        const writes = method === 'insert' || method === 'update' || method === 'delete' || method === 'truncate';
        return continueOperation(value, call, method, { sent: terminal || (value.op?.sent ?? false), kind: writes ? 'write' : method === 'getCount' ? 'count' : undefined, keyLists: inFilterLists(call.arguments, { keys: ['$in'] }, tools) });
      }
      default:
        return undefined;
    }
  },
  callbackParam(value, method, _call, paramIndex) {
    return value.role === 'em' && method === 'transactional' && paramIndex === 0 ? { role: 'em' } : undefined;
  },
};

function roleOfTypeName(name: string, typeArgument: string | undefined): Role | undefined {
  switch (name) {
    case 'EntityManager':
    case 'SqlEntityManager':
    case 'MongoEntityManager':
      return { role: 'em' };
    case 'EntityRepository':
    case 'SqlEntityRepository':
    case 'MongoEntityRepository':
      return { role: 'repository', target: typeArgument || undefined };
    case 'MikroORM':
      return { role: 'orm' };
    case 'QueryBuilder':
      return { role: 'queryBuilder', target: typeArgument || undefined };
    default:
      return undefined;
  }
}

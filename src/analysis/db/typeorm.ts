/** TypeORM: DataSource, EntityManager, Repository, QueryBuilder chains and BaseEntity statics. */
import type { TSESTree } from '@typescript-eslint/utils';
import type { DbOperationKind } from '../db-operations';
import { hasInFilter, nameOfArgument, sqlIsBatched, sqlText, staticString } from './arguments';
import { continueOperation, startOperation, type AnalysisTools, type DbValue, type LibraryModel, type Role } from './model';

const ENTITY_METHODS: Readonly<Record<string, DbOperationKind>> = {
  find: 'read',
  findBy: 'read',
  findOne: 'read',
  findOneBy: 'read',
  findOneOrFail: 'read',
  findOneByOrFail: 'read',
  findAndCount: 'read',
  findAndCountBy: 'read',
  findByIds: 'read',
  findOneById: 'read',
  preload: 'read',
  exist: 'read',
  exists: 'read',
  existsBy: 'read',
  count: 'count',
  countBy: 'count',
  sum: 'count',
  average: 'count',
  minimum: 'count',
  maximum: 'count',
  save: 'write',
  insert: 'write',
  update: 'write',
  updateAll: 'write',
  upsert: 'write',
  delete: 'write',
  deleteAll: 'write',
  remove: 'write',
  softDelete: 'write',
  softRemove: 'write',
  restore: 'write',
  recover: 'write',
  increment: 'write',
  decrement: 'write',
  clear: 'write',
  query: 'raw',
};

const QUERY_BUILDER_TERMINALS: Readonly<Record<string, DbOperationKind | 'statement'>> = {
  getMany: 'read',
  getOne: 'read',
  getOneOrFail: 'read',
  getRawMany: 'read',
  getRawOne: 'read',
  getManyAndCount: 'read',
  getRawAndEntities: 'read',
  getCount: 'count',
  getExists: 'read',
  stream: 'read',
  execute: 'statement',
};

/** Builder methods that turn a select builder into a writing statement. */
const WRITING_BUILDER_METHODS = new Set(['insert', 'update', 'delete', 'softDelete', 'restore', 'relation']);
const NOT_CHAIN = new Set(['getQuery', 'getSql', 'getQueryAndParameters', 'getParameters', 'clone', 'subQuery', 'expressionMap']);

const REPOSITORY_GETTERS = new Set(['getRepository', 'getTreeRepository', 'getMongoRepository', 'getCustomRepository']);
const ENTITY_INSTANCE_METHODS: Readonly<Record<string, DbOperationKind>> = { save: 'write', remove: 'write', softRemove: 'write', recover: 'write', reload: 'read' };

const IN_FILTER = { functions: [{ name: 'In', module: (source: string) => source === 'typeorm' }] };

function isBatched(method: string, call: TSESTree.CallExpression, tools: AnalysisTools): boolean {
  if (method === 'query') return sqlIsBatched(sqlText(call.arguments[0]));
  if ((method === 'save' || method === 'insert' || method === 'upsert' || method === 'remove' || method === 'softRemove') && call.arguments.some((argument) => tools.isArray(argument))) return true;
  return hasInFilter(call.arguments, IN_FILTER, tools);
}

function entityOperation(base: DbValue, method: string, call: TSESTree.CallExpression, tools: AnalysisTools, targetFromArgument: boolean): DbValue | undefined {
  const kind = ENTITY_METHODS[method];
  if (!kind) return undefined;
  const target = targetFromArgument && kind !== 'raw' ? nameOfArgument(call.arguments[0]) : base.target;
  const result: Role | undefined = base.role === 'activeRecord' && kind === 'read' ? { role: 'entity', target, many: method.startsWith('find') && !method.startsWith('findOne') } : undefined;
  return startOperation(base, call, method, kind, { target: kind === 'raw' ? undefined : target, isBatched: isBatched(method, call, tools), result });
}

function queryBuilder(target: string | undefined): Role {
  return { role: 'queryBuilder', target, detail: 'select' };
}

export const typeorm: LibraryModel = {
  library: 'typeorm',
  matchesPackage: (source) => source === 'typeorm' || source === '@nestjs/typeorm',
  unsentBy: NOT_CHAIN,
  methodNames: [...Object.keys(ENTITY_METHODS), ...Object.keys(QUERY_BUILDER_TERMINALS), 'transaction', 'startTransaction', 'reload'],
  fromModule(path, source) {
    if (source !== 'typeorm' || path.length !== 1) return undefined;
    switch (path[0]) {
      case 'DataSource':
      case 'Connection':
        return { role: 'dataSourceClass' };
      case 'BaseEntity':
        return { role: 'activeRecordBase' };
      case 'Repository':
      case 'TreeRepository':
      case 'MongoRepository':
        return { role: 'repositoryClass' };
      case 'getRepository':
      case 'getManager':
      case 'getConnection':
      case 'createConnection':
        return { role: 'legacyFunction', detail: path[0] };
      default:
        return undefined;
    }
  },
  fromAnnotation(path, typeArguments, source) {
    if (source !== 'typeorm' || path.length !== 1) return undefined;
    return roleOfTypeName(path[0], typeArguments[0]);
  },
  fromInjection(decorator, source, argument) {
    if (source !== '@nestjs/typeorm') return undefined;
    if (decorator === 'InjectRepository') return { role: 'repository', target: nameOfArgument(argument) };
    if (decorator === 'InjectDataSource' || decorator === 'InjectConnection') return { role: 'dataSource' };
    if (decorator === 'InjectEntityManager') return { role: 'manager' };
    return undefined;
  },
  fromType(typeName, typeArguments, isStatic, ownName) {
    if (typeName === 'BaseEntity') return isStatic ? { role: 'activeRecord', target: ownName } : { role: 'entity', target: ownName };
    return roleOfTypeName(typeName, typeArguments[0] || ownName);
  },
  fromOpaque(names, method, call, tools) {
    // `AppDataSource.getRepository(User)` with the data source imported from a project module.
    const last = names[names.length - 1];
    if (method === undefined) return undefined;
    const base: DbValue = { library: 'typeorm', role: 'dataSource', evidence: 'shape' };
    // AppDataSource.manager.find(User, …)
    if (last === 'manager' && names.length >= 2 && /datasource$/i.test(names[names.length - 2])) {
      return entityOperation({ ...base, role: 'manager' }, method, call, tools, true);
    }
    if (/datasource$/i.test(last)) {
      if (REPOSITORY_GETTERS.has(method)) return { ...base, role: 'repository', target: nameOfArgument(call.arguments[0]) };
      if (method === 'transaction') return startOperation(base, call, method, 'transaction');
    }
    return undefined;
  },
  construct(value) {
    if (value.role === 'dataSourceClass') return { role: 'dataSource' };
    if (value.role === 'activeRecord') return { role: 'entity', target: value.target };
    if (value.role === 'repositoryClass') return { role: 'repository', target: value.target };
    return undefined;
  },
  subclass(value, className) {
    if (value.role === 'activeRecordBase' || value.role === 'activeRecord') return { role: 'activeRecord', target: className };
    if (value.role === 'dataSourceClass') return value;
    // class UserRepository extends Repository<User>: `this.find()` in its methods
    if (value.role === 'repositoryClass') return { role: 'repositoryClass', target: value.target ?? className };
    return undefined;
  },
  member(value, name) {
    if ((value.role === 'dataSource' || value.role === 'repository' || value.role === 'queryRunner') && name === 'manager') return { role: 'manager' };
    if (value.role === 'manager' && name === 'connection') return { role: 'dataSource' };
    if (value.role === 'manager' && name === 'queryRunner') return { role: 'queryRunner' };
    return undefined;
  },
  call(value, method, call, tools) {
    switch (value.role) {
      case 'legacyFunction':
        if (method !== undefined) return undefined;
        if (value.detail === 'getRepository') return { role: 'repository', target: nameOfArgument(call.arguments[0]) };
        if (value.detail === 'getManager') return { role: 'manager' };
        if (value.detail === 'getConnection') return { role: 'dataSource' };
        return { role: 'pending', result: { role: 'dataSource' } };
      case 'dataSource':
      case 'manager':
        if (method === undefined) return undefined;
        if (method === 'initialize') return { role: 'pending', result: { role: 'dataSource' } };
        if (REPOSITORY_GETTERS.has(method)) return { role: 'repository', target: nameOfArgument(call.arguments[0]) };
        if (method === 'withRepository') return { role: 'repository', target: undefined };
        if (method === 'createQueryBuilder') return queryBuilder(nameOfArgument(call.arguments[0]));
        if (method === 'createQueryRunner') return { role: 'queryRunner' };
        if (method === 'transaction') return startOperation(value, call, method, 'transaction', { target: undefined });
        if (method === 'query') return entityOperation(value, method, call, tools, false);
        return value.role === 'manager' ? entityOperation(value, method, call, tools, true) : undefined;
      case 'repository':
      case 'activeRecord':
        if (method === undefined) return undefined;
        if (method === 'createQueryBuilder') return queryBuilder(value.target);
        if (method === 'extend') return value.role === 'repository' ? { role: 'repository', target: value.target } : undefined;
        return entityOperation(value, method, call, tools, false);
      case 'entity': {
        const kind = method === undefined ? undefined : ENTITY_INSTANCE_METHODS[method];
        return kind && method ? startOperation(value, call, method, kind) : undefined;
      }
      case 'queryRunner':
        if (method === 'query') return entityOperation(value, method, call, tools, false);
        if (method === 'startTransaction') return startOperation(value, call, method, 'transaction');
        return undefined;
      case 'queryBuilder':
        return method === undefined ? undefined : queryBuilderCall(value, method, call, tools);
      default:
        return undefined;
    }
  },
  callbackParam(value, method, _call, paramIndex) {
    if ((value.role === 'dataSource' || value.role === 'manager') && method === 'transaction' && paramIndex === 0) return { role: 'manager' };
    return undefined;
  },
};

function queryBuilderCall(value: DbValue, method: string, call: TSESTree.CallExpression, tools: AnalysisTools): DbValue | undefined {
  if (NOT_CHAIN.has(method)) return undefined;
  const terminal = QUERY_BUILDER_TERMINALS[method];
  const batched = method === 'whereInIds' || method === 'andWhereInIds' || method === 'orWhereInIds' || whereTextIsBatched(call) || hasInFilter(call.arguments, IN_FILTER, tools);
  if (terminal) {
    const statementKind: DbOperationKind = value.detail === 'select' || value.detail === undefined ? 'read' : 'write';
    const kind = terminal === 'statement' ? statementKind : terminal;
    // The terminal names the operation; the builder's chain identity stays with its head.
    const done = continueOperation(value, call, method, { kind, isBatched: batched, sent: true, role: 'query' });
    return { ...done, op: { ...done.op!, method, operationCall: call } };
  }
  const detail = WRITING_BUILDER_METHODS.has(method) ? method : undefined;
  return continueOperation(value, call, method, { isBatched: batched, sent: false, detail, kind: detail ? 'write' : undefined, target: method === 'from' ? nameOfArgument(call.arguments[0]) : undefined });
}

function whereTextIsBatched(call: TSESTree.CallExpression): boolean {
  const text = staticString(call.arguments[0]);
  return text !== undefined && (sqlIsBatched(text) || text.includes('(:...'));
}

function roleOfTypeName(typeName: string, typeArgument: string | undefined): Role | undefined {
  switch (typeName) {
    case 'Repository':
    case 'TreeRepository':
    case 'MongoRepository':
      return { role: 'repository', target: typeArgument || undefined };
    case 'EntityManager':
    case 'MongoEntityManager':
    case 'SqljsEntityManager':
      return { role: 'manager' };
    case 'DataSource':
    case 'Connection':
      return { role: 'dataSource' };
    case 'QueryRunner':
      return { role: 'queryRunner' };
    case 'SelectQueryBuilder':
    case 'QueryBuilder':
      return { role: 'queryBuilder', detail: 'select', target: typeArgument || undefined };
    case 'InsertQueryBuilder':
    case 'UpdateQueryBuilder':
    case 'DeleteQueryBuilder':
    case 'SoftDeleteQueryBuilder':
    case 'RelationQueryBuilder':
      return { role: 'queryBuilder', detail: 'write', target: typeArgument || undefined };
    default:
      return undefined;
  }
}

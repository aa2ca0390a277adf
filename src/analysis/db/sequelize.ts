/** Sequelize (and sequelize-typescript): model statics, instance methods, `sequelize.query` and transactions. */
import type { TSESTree } from '@typescript-eslint/utils';
import type { DbOperationKind } from '../db-operations';
import { hasInFilter, nameOfArgument, sqlIsBatched, sqlText, staticString } from './arguments';
import { startOperation, type AnalysisTools, type DbValue, type LibraryModel, type Role } from './model';

const MODEL_STATICS: Readonly<Record<string, DbOperationKind>> = {
  findAll: 'read',
  findOne: 'read',
  findByPk: 'read',
  findAndCountAll: 'read',
  findOrCreate: 'write',
  findOrBuild: 'read',
  findCreateFind: 'write',
  count: 'count',
  max: 'count',
  min: 'count',
  sum: 'count',
  aggregate: 'count',
  create: 'write',
  bulkCreate: 'write',
  update: 'write',
  destroy: 'write',
  upsert: 'write',
  increment: 'write',
  decrement: 'write',
  restore: 'write',
  truncate: 'write',
};

const INSTANCE_METHODS: Readonly<Record<string, DbOperationKind>> = {
  save: 'write',
  reload: 'read',
  destroy: 'write',
  update: 'write',
  increment: 'write',
  decrement: 'write',
  restore: 'write',
};

/** What awaiting a static's promise gives: instances of the model. */
const INSTANCE_RESULTS: Readonly<Record<string, 'one' | 'many'>> = {
  findAll: 'many',
  findOne: 'one',
  findByPk: 'one',
  create: 'one',
  bulkCreate: 'many',
  // [instance, created]: destructuring takes elements, and only the instance has methods.
  findOrCreate: 'many',
  findOrBuild: 'many',
};

const IN_FILTER = { sequelize: true } as const;

function isSequelizeModule(source: string): boolean {
  return source === 'sequelize' || source === 'sequelize-typescript' || source === '@sequelize/core' || source === '@nestjs/sequelize';
}

function modelOperation(value: DbValue, method: string, call: TSESTree.CallExpression, tools: AnalysisTools): DbValue | undefined {
  const kind = MODEL_STATICS[method];
  if (!kind) return undefined;
  const results = INSTANCE_RESULTS[method];
  const result: Role | undefined = results ? { role: 'instance', target: value.target, many: results === 'many' } : undefined;
  const isBatched = method === 'bulkCreate' || hasInFilter(call.arguments, IN_FILTER, tools);
  return startOperation(value, call, method, kind, { result, isBatched });
}

export const sequelize: LibraryModel = {
  library: 'sequelize',
  matchesPackage: isSequelizeModule,
  methodNames: [...Object.keys(MODEL_STATICS), ...Object.keys(INSTANCE_METHODS), 'query', 'transaction'],
  fromModule(path, source) {
    if (source === '@nestjs/sequelize') return undefined;
    if (path.length === 0 || (path.length === 1 && path[0] === 'Sequelize')) return { role: 'sequelizeClass' };
    if (path.length === 1 && path[0] === 'Model') return { role: 'modelBase' };
    return undefined;
  },
  fromAnnotation(path, typeArguments, source) {
    if (source === '@nestjs/sequelize' || path.length !== 1) return undefined;
    return roleOfTypeName(path[0], typeArguments[0], false);
  },
  fromInjection(decorator, source, argument) {
    if (source !== '@nestjs/sequelize') return undefined;
    if (decorator === 'InjectModel') return { role: 'model', target: nameOfArgument(argument) };
    if (decorator === 'InjectConnection') return { role: 'sequelize' };
    return undefined;
  },
  fromType(typeName, typeArguments, isStatic, ownName) {
    return roleOfTypeName(typeName, typeArguments[0] || ownName, isStatic, ownName);
  },
  construct(value) {
    if (value.role === 'sequelizeClass') return { role: 'sequelize' };
    if (value.role === 'model') return { role: 'instance', target: value.target };
    return undefined;
  },
  subclass(value, className) {
    if (value.role === 'modelBase' || value.role === 'model') return { role: 'model', target: className };
    return undefined;
  },
  member(value, name) {
    if (value.role === 'sequelizeClass' && name === 'Model') return { role: 'modelBase' };
    if (value.role === 'sequelize' && name === 'models') return { role: 'registry' };
    if (value.role === 'registry') return { role: 'model', target: name };
    return undefined;
  },
  call(value, method, call, tools) {
    if (method === undefined) return undefined;
    switch (value.role) {
      case 'sequelize':
        if (method === 'define' || method === 'model') return { role: 'model', target: staticString(call.arguments[0]) };
        if (method === 'query') return startOperation(value, call, method, 'raw', { isBatched: sqlIsBatched(sqlText(call.arguments[0])) });
        if (method === 'transaction') return startOperation(value, call, method, 'transaction', { result: { role: 'transaction' } });
        return undefined;
      case 'model':
        if (method === 'build') return { role: 'instance', target: value.target, many: false };
        if (method === 'bulkBuild') return { role: 'instance', target: value.target, many: true };
        return modelOperation(value, method, call, tools);
      case 'instance': {
        const kind = INSTANCE_METHODS[method];
        return kind ? startOperation(value, call, method, kind) : undefined;
      }
      default:
        return undefined;
    }
  },
  callbackParam(value, method, _call, paramIndex) {
    if (value.role === 'sequelize' && method === 'transaction' && paramIndex === 0) return { role: 'transaction' };
    return undefined;
  },
};

function roleOfTypeName(typeName: string, typeArgument: string | undefined, isStatic: boolean, ownName?: string): Role | undefined {
  switch (typeName) {
    case 'Sequelize':
      return isStatic ? { role: 'sequelizeClass' } : { role: 'sequelize' };
    case 'Model':
      // A project class extending Model: its constructor is the model, its instances are rows.
      if (ownName === undefined && isStatic) return { role: 'modelBase' };
      return isStatic ? { role: 'model', target: ownName } : { role: 'instance', target: ownName ?? (typeArgument || undefined) };
    case 'ModelStatic':
    case 'ModelCtor':
    case 'ModelType':
      return { role: 'model', target: typeArgument || undefined };
    case 'Transaction':
      return { role: 'transaction' };
    default:
      return undefined;
  }
}

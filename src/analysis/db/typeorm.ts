/** TypeORM: DataSource, EntityManager, Repository, QueryBuilder chains, BaseEntity statics and lazy relations (`await user.profile`). */
import { decoratorsOf } from '../../ast/code-shape';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../../ast/node-types';
import type * as ts from 'typescript';
import type { DbOperationKind } from '../db-operations';
import { decoratorOrigin, memberName, packageOfFile, resolveBinding, resolveTypeReference, skipExpressionWrappers, type TypeServices } from '../library-origin';
import { inFilterLists, nameOfArgument, sqlIsBatched, sqlText, staticString } from './arguments';
import { namePatternInText, wordsInText, continueOperation, isDbValue, startOperation, type AnalysisTools, type DbValue, type LibraryModel, type Role, type Value } from './model';
import { symbolAtLocation, typescript } from '../typescript-module';

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

const PROJECT_GET_REPOSITORY = 'project getRepository';
const REPOSITORY_GETTERS = new Set(['getRepository', 'getTreeRepository', 'getMongoRepository', 'getCustomRepository']);
const ENTITY_INSTANCE_METHODS: Readonly<Record<string, DbOperationKind>> = { save: 'write', remove: 'write', softRemove: 'write', recover: 'write', reload: 'read' };

const IN_FILTER = { functions: [{ name: 'In', module: (source: string) => source === 'typeorm' }] };

const ENTITY_WRITES = new Set(['save', 'insert', 'upsert', 'remove', 'softRemove']);

/**
 * A write is batched when its entities argument is a list: the first argument, or the second after a manager's target
 * (`manager.save(User, users)`). Not any list: `upsert(entity, ['tag', 'itemId'])` names its conflict columns in one.
 */
function batching(method: string, call: TSESTree.CallExpression, tools: AnalysisTools, targetFromArgument: boolean): { isBatched: boolean; keyLists?: TSESTree.Node[] } {
  if (method === 'query') return { isBatched: sqlIsBatched(sqlText(call.arguments[0])) };
  if (ENTITY_WRITES.has(method)) {
    const [first, second] = call.arguments;
    if ((first && tools.isArray(first)) || (targetFromArgument && second && tools.isArray(second))) return { isBatched: true };
  }
  return { isBatched: false, keyLists: inFilterLists(call.arguments, IN_FILTER, tools) };
}

function entityOperation(base: DbValue, method: string, call: TSESTree.CallExpression, tools: AnalysisTools, targetFromArgument: boolean): DbValue | undefined {
  const kind = ENTITY_METHODS[method];
  if (!kind) return undefined;
  const target = targetFromArgument && kind !== 'raw' ? nameOfArgument(call.arguments[0]) : base.target;
  const result: Role | undefined =
    base.role === 'activeRecord' && kind === 'read'
      ? { role: 'entity', target, many: method.startsWith('find') && !method.startsWith('findOne') }
      : rowResult(base, method, target);
  return startOperation(base, call, method, kind, { target: kind === 'raw' ? undefined : target, ...batching(method, call, tools, targetFromArgument), result });
}

/** Reads through a repository or entity manager whose result is entities of the target: plain objects (no `save()` of their own), kept only to know their class. */
const ROW_READS = new Set(['find', 'findBy', 'findOne', 'findOneBy', 'findOneOrFail', 'findOneByOrFail', 'findByIds', 'preload']);

function rowResult(base: DbValue, method: string, target: string | undefined): Role | undefined {
  if ((base.role !== 'repository' && base.role !== 'manager') || !ROW_READS.has(method) || target === undefined) return undefined;
  return { role: 'row', target, many: method === 'find' || method === 'findBy' || method === 'findByIds' };
}

function queryBuilder(target: string | undefined): Role {
  return { role: 'queryBuilder', target, detail: 'select' };
}

/** `AppDataSource`, `dataSource`: a TypeORM data source imported from a project module. */
const DATA_SOURCE_NAME = /datasource$/i;
/** `connection`, `rawConnection`: TypeORM's `Connection` (the data source's old name) or a project's wrapper around it. */
const CONNECTION_NAME = /connection$/i;
const ENTITY_CLASS_NAME = /^[A-Z][A-Za-z0-9]*$/;
/** Reads of Vendure's `TransactionalConnection`, whose first argument is the request context and second the entity. */
const VENDURE_CONNECTION_READS = ['getEntityOrThrow', 'findOneInChannel', 'findByIdsInChannel'];

/** `Order`: an entity class as a connection's method takes it (not a constant such as `ORDER`). */
function isEntityClassName(node: TSESTree.Node | undefined): node is TSESTree.Identifier {
  return node?.type === AST_NODE_TYPES.Identifier && ENTITY_CLASS_NAME.test(node.name) && node.name.toUpperCase() !== node.name;
}

export const typeorm: LibraryModel = {
  library: 'typeorm',
  shapeText: [namePatternInText(DATA_SOURCE_NAME), wordsInText(['getRepository'])],
  matchesPackage: (source) => source === 'typeorm' || source === '@nestjs/typeorm',
  unsentBy: NOT_CHAIN,
  methodNames: [...Object.keys(ENTITY_METHODS), ...Object.keys(QUERY_BUILDER_TERMINALS), 'transaction', 'startTransaction', 'reload', ...VENDURE_CONNECTION_READS],
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
  // A project's own `getRepository(Entity)`, wrapping its data source's (Jellyseerr's `server/datasource.ts`): judged
  // at the call, by an entity class and a package that depends on TypeORM.
  fromProjectImport(imported) {
    return imported === 'getRepository' ? { role: 'legacyFunction', detail: PROJECT_GET_REPOSITORY } : undefined;
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
    if (last === 'manager' && names.length >= 2 && DATA_SOURCE_NAME.test(names[names.length - 2])) {
      return entityOperation({ ...base, role: 'manager' }, method, call, tools, true);
    }
    if (DATA_SOURCE_NAME.test(last)) {
      if (REPOSITORY_GETTERS.has(method)) return { ...base, role: 'repository', target: nameOfArgument(call.arguments[0]) };
      if (method === 'transaction') return startOperation(base, call, method, 'transaction');
    }
    // `this.connection.getRepository(ctx, Order)`: `getRepository` is TypeORM's name, and an entity class comes
    // last (Vendure's TransactionalConnection takes the request context first).
    if (CONNECTION_NAME.test(last) && REPOSITORY_GETTERS.has(method)) {
      const entity = call.arguments[call.arguments.length - 1];
      if (isEntityClassName(entity)) return { ...base, role: 'repository', target: entity.name };
    }
    // Its own reads: `getEntityOrThrow(ctx, Order, id)`, `findOneInChannel(ctx, Product, id, channelId)`, and
    // `findByIdsInChannel(ctx, Product, ids, channelId, options)`, one query for a list of ids.
    if (CONNECTION_NAME.test(last) && VENDURE_CONNECTION_READS.includes(method)) {
      const entity = call.arguments[1];
      if (!isEntityClassName(entity)) return undefined;
      const keyLists = method === 'findByIdsInChannel' && call.arguments[2] ? [call.arguments[2]] : [];
      return startOperation({ ...base, role: 'repository', target: entity.name }, call, method, 'read', { target: entity.name, keyLists });
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
        if (value.detail === PROJECT_GET_REPOSITORY) {
          const entity = call.arguments[0];
          return call.arguments.length === 1 && isEntityClassName(entity) && tools.modelMappers().has('typeorm') ? { role: 'repository', target: entity.name } : undefined;
        }
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
  const batched = method === 'whereInIds' || method === 'andWhereInIds' || method === 'orWhereInIds' || whereTextIsBatched(call);
  const keyLists = inFilterLists(call.arguments, IN_FILTER, tools);
  if (terminal) {
    const statementKind: DbOperationKind = value.detail === 'select' || value.detail === undefined ? 'read' : 'write';
    const kind = terminal === 'statement' ? statementKind : terminal;
    // The terminal names the operation; the builder's chain identity stays with its head.
    const done = continueOperation(value, call, method, { kind, isBatched: batched, keyLists, sent: true, role: 'query' });
    return { ...done, op: { ...done.op!, method, operationCall: call } };
  }
  const detail = WRITING_BUILDER_METHODS.has(method) ? method : undefined;
  return continueOperation(value, call, method, { isBatched: batched, keyLists, sent: false, detail, kind: detail ? 'write' : undefined, target: method === 'from' ? nameOfArgument(call.arguments[0]) : undefined });
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

// ---------------------------------------------------------------------------------------------
// Lazy relations: a relation property typed `Promise<Profile>` loads the relation when read
// (`await user.profile`): one query per entity.

const RELATION_DECORATORS = new Set(['OneToOne', 'ManyToOne', 'OneToMany', 'ManyToMany']);
const ARRAY_CALLBACKS = new Set(['map', 'forEach', 'flatMap', 'filter', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex', 'reduce']);

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** What finding a lazy relation needs from the analysis of the file. */
export interface LazyRelationContext {
  sourceCode: Readonly<TSESLint.SourceCode>;
  typeServices: TypeServices | undefined;
  /** Whether to look for the entity class in this file when the checker has no answer (the file names TypeORM). */
  searchFile: boolean;
  evaluate(node: TSESTree.Node): Value | undefined;
}

export interface LazyRelation {
  /** The relation property (`profile`). */
  relation: string;
  /** The entity class declaring it. */
  entity?: string;
  /** `type`: the checker found the declaration; `annotation`: a class of this file, found through the receiver. */
  evidence: 'type' | 'annotation';
}

/**
 * The lazy relation `member` reads (`user.profile`, with `profile` declared `@OneToOne(…) profile:
 * Promise<Profile>`), if any. With types, the checker's declaration of the property decides, wherever the
 * entity is declared. Without, the receiver must be traced to an entity class of this file (an annotation,
 * an element of an annotated array, a row a repository or `BaseEntity` static returned) that declares the
 * property with a relation decorator imported from `typeorm` and a `Promise<…>` type.
 */
export function lazyRelationOf(member: TSESTree.MemberExpression, context: LazyRelationContext): LazyRelation | undefined {
  const relation = memberName(member);
  if (relation === undefined || relation.startsWith('#')) return undefined;
  if (context.typeServices) {
    const typed = typedLazyRelation(member, context.typeServices);
    if (typed !== undefined) return typed || undefined;
  }
  if (!context.searchFile) return undefined;
  const classNode = entityClassOf(member.object, context, 0);
  if (!classNode || !declaresLazyRelation(classNode, relation, context.sourceCode)) return undefined;
  return { relation, entity: classNode.id?.name, evidence: 'annotation' };
}

/** The checker's answer: the relation, false when the property is something else, undefined when the checker does not know the property. */
function typedLazyRelation(member: TSESTree.MemberExpression, typeServices: TypeServices): LazyRelation | false | undefined {
  const tsm = typescript();
  // Resolving the property makes the checker infer the receiver's type: ask only about names some class of
  // the program declares as a decorated `Promise<…>` property.
  const name = memberName(member);
  if (name === undefined || !lazyRelationCandidates(typeServices.services.program).has(name)) return false;
  const tsNode = typeServices.services.esTreeNodeToTSNodeMap.get(member as never) as ts.Node | undefined;
  if (!tsNode) return undefined;
  const nameNode = tsm.isPropertyAccessExpression(tsNode) ? tsNode.name : tsm.isElementAccessExpression(tsNode) ? tsNode.argumentExpression : undefined;
  if (!nameNode) return undefined;
  const checker = typeServices.checker;
  const symbol = checker.getSymbolAtLocation(nameNode);
  if (!symbol) return undefined;
  const declaration = symbol.getDeclarations()?.find((candidate) => tsm.isPropertyDeclaration(candidate));
  if (!declaration || !tsm.isPropertyDeclaration(declaration)) return false;
  const isRelation = (tsm.getDecorators(declaration) ?? []).some((decorator) => isTypeormRelationDecorator(decorator, checker));
  if (!isRelation) return false;
  const type = checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(symbol, tsNode));
  if (type.getSymbol()?.getName() !== 'Promise') return false;
  const owner = declaration.parent;
  const entity = tsm.isClassLike(owner) ? owner.name?.text : undefined;
  return { relation: symbol.getName(), entity, evidence: 'type' };
}

const lazyRelationCandidatesByProgram = new WeakMap<ts.Program, ReadonlySet<string>>();

/**
 * Names of class properties, anywhere in the program's own files, that have a decorator and a `Promise<…>`
 * annotation: a superset of the lazy relations, computed once per program from the syntax alone.
 */
function lazyRelationCandidates(program: ts.Program): ReadonlySet<string> {
  let names = lazyRelationCandidatesByProgram.get(program);
  if (names) return names;
  const tsm = typescript();
  const found = new Set<string>();
  const isPromise = (type: ts.TypeNode): boolean =>
    tsm.isUnionTypeNode(type) ? type.types.some(isPromise) : tsm.isTypeReferenceNode(type) && tsm.isIdentifier(type.typeName) && type.typeName.text === 'Promise';
  const visit = (node: ts.Node): void => {
    if (tsm.isPropertyDeclaration(node) && node.type && isPromise(node.type)) {
      if ((tsm.getDecorators(node)?.length ?? 0) > 0 && (tsm.isIdentifier(node.name) || tsm.isStringLiteral(node.name))) found.add(node.name.text);
    } else if (tsm.isClassLike(node) || tsm.isSourceFile(node) || tsm.isModuleBlock(node) || tsm.isModuleDeclaration(node)) {
      tsm.forEachChild(node, visit);
    }
  };
  for (const file of program.getSourceFiles()) {
    if (file.isDeclarationFile || file.fileName.includes('/node_modules/') || !file.text.includes('Promise<')) continue;
    visit(file);
  }
  names = found;
  lazyRelationCandidatesByProgram.set(program, names);
  return names;
}

function isTypeormRelationDecorator(decorator: ts.Decorator, checker: ts.TypeChecker): boolean {
  const tsm = typescript();
  const expression = tsm.isCallExpression(decorator.expression) ? decorator.expression.expression : decorator.expression;
  const symbol = symbolAtLocation(checker, tsm.isPropertyAccessExpression(expression) ? expression.name : expression);
  const declaration = symbol?.getDeclarations()?.[0];
  return symbol !== undefined && RELATION_DECORATORS.has(symbol.getName()) && declaration !== undefined && packageOfFile(declaration.getSourceFile().fileName) === 'typeorm';
}

/** The class declares `name` as a lazy relation: a relation decorator from `typeorm` and a `Promise<…>` annotation. */
function declaresLazyRelation(classNode: ClassNode, name: string, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  for (const member of classNode.body.body) {
    if (member.type !== AST_NODE_TYPES.PropertyDefinition || member.computed || member.key.type !== AST_NODE_TYPES.Identifier || member.key.name !== name) continue;
    if (!isPromiseAnnotation(member.typeAnnotation?.typeAnnotation)) return false;
    const scope = sourceCode.getScope(member);
    return decoratorsOf(member).some((decorator) => {
      const origin = decoratorOrigin(decorator, scope);
      return origin?.source === 'typeorm' && RELATION_DECORATORS.has(origin.imported);
    });
  }
  return false;
}

function isPromiseAnnotation(type: TSESTree.TypeNode | undefined): boolean {
  if (type?.type === AST_NODE_TYPES.TSUnionType) {
    const members = type.types.filter((member) => member.type !== AST_NODE_TYPES.TSUndefinedKeyword && member.type !== AST_NODE_TYPES.TSNullKeyword);
    return members.length === 1 && isPromiseAnnotation(members[0]);
  }
  return type?.type === AST_NODE_TYPES.TSTypeReference && type.typeName.type === AST_NODE_TYPES.Identifier && type.typeName.name === 'Promise';
}

/** The entity class of this file a value is an instance of, when the code shows it. */
function entityClassOf(node: TSESTree.Node, context: LazyRelationContext, depth: number): ClassNode | undefined {
  const current = skipExpressionWrappers(node);
  const value = context.evaluate(current);
  if (isEntityValue(value) && !value.many) return classNamed(value.target!, current, context.sourceCode);
  if (current.type !== AST_NODE_TYPES.Identifier || depth > 3) return undefined;
  const scope = context.sourceCode.getScope(current);
  const binding = resolveBinding(current, scope);
  switch (binding.kind) {
    case 'declared':
      return binding.type && classOfAnnotation(binding.type, scope);
    case 'value':
      if (binding.path.length === 0) return entityClassOf(binding.expression, context, depth + 1);
      if (binding.path.length === 1 && binding.path[0].kind === 'element') return elementClassOf(binding.expression, context, depth + 1);
      return undefined;
    case 'callback-param': {
      if (binding.argIndex !== 0 || binding.path.length > 0) return undefined;
      const callee = skipExpressionWrappers(binding.call.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
      const method = memberName(callee);
      const elementIndex = method === 'reduce' ? 1 : 0;
      if (method === undefined || !ARRAY_CALLBACKS.has(method) || binding.paramIndex !== elementIndex) return undefined;
      return elementClassOf(callee.object, context, depth + 1);
    }
    default:
      return undefined;
  }
}

/** The entity class of the elements of an array: rows a query returned, or an array annotated `User[]`/`Array<User>`. */
function elementClassOf(node: TSESTree.Node, context: LazyRelationContext, depth: number): ClassNode | undefined {
  const current = skipExpressionWrappers(node);
  const value = context.evaluate(current);
  if (isEntityValue(value)) return value.many ? classNamed(value.target!, current, context.sourceCode) : undefined;
  if (isDbValue(value) && value.library === 'typeorm' && value.result?.many && (value.result.role === 'row' || value.result.role === 'entity') && value.result.target) {
    return classNamed(value.result.target, current, context.sourceCode);
  }
  if (current.type !== AST_NODE_TYPES.Identifier || depth > 3) return undefined;
  const scope = context.sourceCode.getScope(current);
  const binding = resolveBinding(current, scope);
  if (binding.kind === 'value' && binding.path.length === 0) return elementClassOf(binding.expression, context, depth + 1);
  if (binding.kind !== 'declared' || !binding.type) return undefined;
  const type = binding.type;
  if (type.type === AST_NODE_TYPES.TSArrayType) return classOfAnnotation(type.elementType, scope);
  if (type.type === AST_NODE_TYPES.TSTypeReference && type.typeName.type === AST_NODE_TYPES.Identifier && (type.typeName.name === 'Array' || type.typeName.name === 'ReadonlyArray')) {
    const element = type.typeArguments?.params[0];
    return element && classOfAnnotation(element, scope);
  }
  return undefined;
}

function isEntityValue(value: Value | undefined): value is DbValue {
  return isDbValue(value) && value.library === 'typeorm' && (value.role === 'row' || value.role === 'entity') && value.target !== undefined;
}

function classOfAnnotation(type: TSESTree.TypeNode, scope: TSESLint.Scope.Scope): ClassNode | undefined {
  const reference = resolveTypeReference(type, scope);
  return reference?.kind === 'class' ? reference.node : undefined;
}

function classNamed(name: string, at: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): ClassNode | undefined {
  for (let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(at); scope; scope = scope.upper) {
    const variable = scope.set.get(name);
    if (!variable) continue;
    const def = variable.defs[0];
    return def?.type === 'ClassName' ? (def.node as ClassNode) : undefined;
  }
  return undefined;
}

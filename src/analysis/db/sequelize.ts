/**
 * Sequelize (and sequelize-typescript): model statics, instance methods, association accessors
 * (`user.getPosts()`, `user.$get('posts')`), `sequelize.query` and transactions.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../../ast/node-types';
import type * as ts from 'typescript';
import type { DbOperationKind } from '../db-operations';
import { memberName, packageOfFile, skipExpressionWrappers, type TypeServices } from '../library-origin';
import { chainRoot } from '../../ast/expressions';
import { isRelativeSpecifier } from '../modules';
import { inFilterLists, nameOfArgument, sqlIsBatched, sqlText, staticString } from './arguments';
import { MODEL_CLASS_NAME, MODELS_MODULE_IMPORT_TEXT, membersInText, receiverFromModelsModule, startOperation, type AnalysisTools, type DbValue, type LibraryModel, type Role } from './model';
import { textMentionsAny } from '../text-facts';
import { typescript } from '../typescript-module';
import { pushChildNodes } from '../../ast/children';

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

/**
 * The accessors Sequelize adds to instances for each association (`getPosts`, `setAuthor`, `addTag`,
 * `countComments`, `hasRole`, `removeTag`, `createPost`), by verb. Each one runs a query.
 */
const ACCESSOR_VERBS: Readonly<Record<string, DbOperationKind>> = { get: 'read', has: 'read', count: 'count', set: 'write', add: 'write', remove: 'write', create: 'write' };
/** Instance methods of Model itself whose names look like accessors. */
const ACCESSOR_LOOKALIKES = new Set(['getDataValue', 'setDataValue', 'setAttributes', 'getAttributes', 'getTableName', 'hasOwnProperty']);
/** sequelize-typescript's association methods take the association's name: `$get('posts')`, `$count('posts')`. */
const TS_ASSOCIATION_METHODS: Readonly<Record<string, DbOperationKind>> = { $get: 'read', $has: 'read', $count: 'count', $set: 'write', $add: 'write', $remove: 'write', $create: 'write' };
/** Model statics that declare an association. */
const ASSOCIATION_STATICS = new Set(['hasMany', 'hasOne', 'belongsTo', 'belongsToMany']);
/** The value role of an association accessor's call; `detail` holds the association part of its name. */
export const ASSOCIATION_ROLE = 'association';

/** `getPosts` → `{ kind: 'read', relation: 'Posts' }`: the name has an accessor's shape (whether it is one is decided elsewhere). */
export function associationAccessor(method: string): { kind: DbOperationKind; relation: string } | undefined {
  const tsKind = TS_ASSOCIATION_METHODS[method];
  if (tsKind) return { kind: tsKind, relation: '' };
  if (ACCESSOR_LOOKALIKES.has(method)) return undefined;
  let verbLength = 0;
  while (verbLength < method.length && method[verbLength] >= 'a' && method[verbLength] <= 'z') verbLength++;
  const kind = ACCESSOR_VERBS[method.slice(0, verbLength)];
  const next = method[verbLength];
  if (!kind || next === undefined || next < 'A' || next > 'Z') return undefined;
  return { kind, relation: method.slice(verbLength) };
}

function isSequelizeModule(source: string): boolean {
  return source === 'sequelize' || source === 'sequelize-typescript' || source === '@sequelize/core' || source === '@nestjs/sequelize';
}

function modelOperation(value: DbValue, method: string, call: TSESTree.CallExpression, tools: AnalysisTools): DbValue | undefined {
  const kind = MODEL_STATICS[method];
  if (!kind) return undefined;
  const results = INSTANCE_RESULTS[method];
  const result: Role | undefined = results ? { role: 'instance', target: value.target, many: results === 'many' } : undefined;
  return startOperation(value, call, method, kind, { result, isBatched: method === 'bulkCreate', keyLists: inFilterLists(call.arguments, IN_FILTER, tools) });
}

/** `bookModel`, `mediaProgressModel`: a model handed out under its name by an object of the project. */
const MODEL_GETTER_NAME = /^[a-z][A-Za-z0-9]*Model$/;

/**
 * `Database.bookModel.findAll(…)`: a model a project module's object hands out (Audiobookshelf's `Database` singleton,
 * with a getter per model), in a package that maps with Sequelize alone.
 */
function modelFromProjectHolder(getter: string, method: string, call: TSESTree.CallExpression, tools: AnalysisTools): DbValue | undefined {
  if (!Object.hasOwn(MODEL_STATICS, method)) return undefined;
  const callee = skipExpressionWrappers(call.callee);
  const root = callee.type === AST_NODE_TYPES.MemberExpression ? chainRoot(callee.object) : undefined;
  const source = root && tools.importSource(root);
  if (source === undefined || !isRelativeSpecifier(source) || !mapsWithSequelizeOnly(tools)) return undefined;
  return modelOperation({ library: 'sequelize', role: 'model', target: getter.slice(0, 1).toUpperCase() + getter.slice(1, -'Model'.length), evidence: 'shape' }, method, call, tools);
}

/** Statics no other library's model or repository has: a PascalCase class calling one is a Sequelize model. */
const DISTINCTIVE_STATICS = new Set(['findAll', 'findByPk', 'findAndCountAll', 'findOrCreate', 'findOrBuild', 'findCreateFind', 'bulkCreate']);
/** Spelled by Sequelize alone; the others (`findAll`) need the model's module to say it holds models. */
const SEQUELIZE_ONLY_STATICS = new Set(['findByPk', 'findAndCountAll', 'findCreateFind']);

/** Model statics that hand back the model, narrowed: `Document.scope('withDrafts')`, `User.unscoped()`. */
const SCOPING_STATICS = new Set(['scope', 'unscoped', 'schema']);
const SEQUELIZE_PACKAGES: ReadonlySet<string> = new Set(['sequelize', 'sequelize-typescript', '@sequelize/core']);

/** The nearest `package.json` depends on Sequelize and on no other object mapper with look-alike statics. */
function mapsWithSequelizeOnly(tools: AnalysisTools): boolean {
  const mappers = tools.modelMappers();
  return mappers.size > 0 && [...mappers].every((mapper) => SEQUELIZE_PACKAGES.has(mapper));
}

export const sequelize: LibraryModel = {
  library: 'sequelize',
  matchesPackage: isSequelizeModule,
  shapeText: [membersInText(DISTINCTIVE_STATICS), MODELS_MODULE_IMPORT_TEXT],
  /**
   * A model imported from the project's own module, without type information (Maxun's `import Robot from
   * './models/Robot'; Robot.findAll({ where })`): by a static only Sequelize has, on a PascalCase class. Any other
   * model static (`Notification.create(…)`, `View.findOne(…)`), and a scope of the model (`GroupUser.scope('withUser')`),
   * when the class comes from a models module and the package maps with Sequelize alone (Outline's `@server/models`).
   */
  fromOpaque(names, method, call, tools) {
    if (method !== undefined && names.length === 2 && MODEL_GETTER_NAME.test(names[1])) return modelFromProjectHolder(names[1], method, call, tools);
    if (method === undefined || names.length !== 1) return undefined;
    const modelName = names[0];
    if (!MODEL_CLASS_NAME.test(modelName)) return undefined;
    const model: DbValue = { library: 'sequelize', role: 'model', target: modelName, evidence: 'shape' };
    if (DISTINCTIVE_STATICS.has(method) && call.arguments.length <= 2) {
      if (!SEQUELIZE_ONLY_STATICS.has(method) && !receiverFromModelsModule(call, tools)) return undefined;
      return modelOperation(model, method, call, tools);
    }
    const isScope = SCOPING_STATICS.has(method);
    if ((!isScope && !Object.hasOwn(MODEL_STATICS, method)) || !receiverFromModelsModule(call, tools) || !mapsWithSequelizeOnly(tools)) return undefined;
    return isScope ? model : modelOperation(model, method, call, tools);
  },
  methodNames: [...Object.keys(MODEL_STATICS), ...Object.keys(INSTANCE_METHODS), ...Object.keys(TS_ASSOCIATION_METHODS), 'query', 'transaction'],
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
        if (SCOPING_STATICS.has(method)) return { role: 'model', target: value.target };
        if (method === 'build') return { role: 'instance', target: value.target, many: false };
        if (method === 'bulkBuild') return { role: 'instance', target: value.target, many: true };
        return modelOperation(value, method, call, tools);
      case 'instance': {
        const kind = INSTANCE_METHODS[method];
        if (kind) return startOperation(value, call, method, kind);
        const accessor = associationAccessor(method);
        if (!accessor) return undefined;
        // A candidate only: `confirmAssociationCall` tells an association accessor from a method of the model's own.
        const relation = accessor.relation || staticString(call.arguments[0]);
        return startOperation(value, call, method, accessor.kind, { role: ASSOCIATION_ROLE, detail: relation });
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

// ---------------------------------------------------------------------------------------------
// Association accessors: `user.getPosts()` is a query only if `getPosts` is an accessor Sequelize added,
// not a method the model declares itself (`getFullName()`).

function isSequelizePackage(packageName: string | undefined): boolean {
  return packageName !== undefined && isSequelizeModule(packageName);
}

/** What the rest of the file says about an accessor call, gathered once per file by the caller. */
export interface AssociationFacts {
  sourceCode: Readonly<TSESLint.SourceCode>;
  typeServices: TypeServices | undefined;
  /** Targets of the Sequelize models the file declares an association on (`User.hasMany(Post)` → `User`). */
  associatedModels(): ReadonlySet<string>;
}

/**
 * Whether `call` (an instance call the table classified as an association accessor of model `target`)
 * really is one. sequelize-typescript's `$get('posts')` always is. With types, the checker's declaration
 * of the member decides: a property typed with one of Sequelize's `…Mixin` types is an accessor; a method,
 * or a property the project types otherwise, is not. Otherwise the file must show it: the model's class
 * (or a superclass in the file) declares the accessor as a `…Mixin`-typed property, or the file declares
 * an association on the model (`User.hasMany(Post)`) and the classes do not declare the name themselves.
 */
export function confirmAssociationCall(call: TSESTree.CallExpression, method: string, target: string | undefined, facts: AssociationFacts): boolean {
  if (method in TS_ASSOCIATION_METHODS) return true;
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  if (facts.typeServices) {
    const verdict = typedAccessorVerdict(callee, facts.typeServices);
    if (verdict !== undefined) return verdict;
  }
  const classNode = target === undefined ? undefined : classNamed(target, call, facts.sourceCode);
  const own = classNode && declaredMember(classNode, method, facts.sourceCode);
  if (own === 'method') return false;
  if (own === 'mixin') return true;
  return target !== undefined && facts.associatedModels().has(target);
}

/** The checker's view of the accessor: true for a `…Mixin`-typed property, false for a method or another declared type; undefined when the checker does not know the member. */
function typedAccessorVerdict(callee: TSESTree.MemberExpression, typeServices: TypeServices): boolean | undefined {
  const tsm = typescript();
  const tsNode = typeServices.services.esTreeNodeToTSNodeMap.get(callee as never) as ts.Node | undefined;
  if (!tsNode || !tsm.isPropertyAccessExpression(tsNode)) return undefined;
  const checker = typeServices.checker;
  const symbol = checker.getSymbolAtLocation(tsNode.name);
  if (!symbol) return undefined;
  const alias = checker.getTypeOfSymbolAtLocation(symbol, tsNode).aliasSymbol;
  const aliasDeclaration = alias?.getDeclarations()?.[0];
  if (alias && alias.getName().endsWith('Mixin') && aliasDeclaration && isSequelizePackage(packageOfFile(aliasDeclaration.getSourceFile().fileName))) return true;
  const declarations = symbol.getDeclarations() ?? [];
  if (declarations.some((declaration) => tsm.isMethodDeclaration(declaration) || tsm.isMethodSignature(declaration) || tsm.isGetAccessorDeclaration(declaration))) return false;
  if (declarations.some((declaration) => (tsm.isPropertyDeclaration(declaration) && declaration.initializer !== undefined) || ((tsm.isPropertyDeclaration(declaration) || tsm.isPropertySignature(declaration)) && declaration.type !== undefined))) {
    return false;
  }
  return undefined;
}

/** The class named `name` where `at` can see it. */
function classNamed(name: string, at: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.ClassDeclaration | TSESTree.ClassExpression | undefined {
  for (let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(at); scope; scope = scope.upper) {
    const variable = scope.set.get(name);
    if (!variable) continue;
    const def = variable.defs[0];
    return def?.type === 'ClassName' ? (def.node as TSESTree.ClassDeclaration | TSESTree.ClassExpression) : undefined;
  }
  return undefined;
}

/** How the class, or a superclass declared in this file, declares `name`. */
function declaredMember(classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression, name: string, sourceCode: Readonly<TSESLint.SourceCode>): 'method' | 'mixin' | undefined {
  let current: TSESTree.ClassDeclaration | TSESTree.ClassExpression | undefined = classNode;
  for (let depth = 0; current && depth < 5; depth++) {
    const own = ownMember(current, name);
    if (own) return own;
    const superClass: TSESTree.Node | null = current.superClass;
    current = superClass?.type === AST_NODE_TYPES.Identifier ? classNamed(superClass.name, superClass, sourceCode) : undefined;
  }
  return undefined;
}

/** How the class declares `name` itself: a `…Mixin`-typed property, something else (a method, a property with a value or another type), or not at all. */
function ownMember(classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression, name: string): 'method' | 'mixin' | undefined {
  for (const member of classNode.body.body) {
    if (member.type !== AST_NODE_TYPES.MethodDefinition && member.type !== AST_NODE_TYPES.PropertyDefinition) continue;
    if (member.computed || member.key.type !== AST_NODE_TYPES.Identifier || member.key.name !== name) continue;
    if (member.type === AST_NODE_TYPES.MethodDefinition) return 'method';
    if (member.value) return 'method';
    const type = member.typeAnnotation?.typeAnnotation;
    if (!type) return undefined;
    if (type.type === AST_NODE_TYPES.TSTypeReference) {
      const typeName = type.typeName.type === AST_NODE_TYPES.TSQualifiedName ? type.typeName.right.name : type.typeName.type === AST_NODE_TYPES.Identifier ? type.typeName.name : '';
      if (typeName.endsWith('Mixin')) return 'mixin';
    }
    // Typed as something else (`declare getInvoices: () => Promise<Invoice[]>`): it may be anything; stay silent.
    return 'method';
  }
  return undefined;
}

/**
 * The models the file declares associations on: the receivers of `hasMany`, `hasOne`, `belongsTo` and
 * `belongsToMany` calls (`User.hasMany(Post)`, `this.hasMany(...)` in a model's `associate`), as the
 * analysis's targets. One walk of the file, only when its text names an association at all.
 */
export function collectAssociatedModels(sourceCode: Readonly<TSESLint.SourceCode>, modelTarget: (node: TSESTree.Node) => string | undefined): Set<string> {
  const found = new Set<string>();
  if (!textMentionsAny(sourceCode, ['hasMany', 'hasOne', 'belongsTo'])) return found;
  const pending: TSESTree.Node[] = [sourceCode.ast];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const callee = skipExpressionWrappers(node.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression) {
        const name = memberName(callee);
        if (name !== undefined && ASSOCIATION_STATICS.has(name)) {
          const target = modelTarget(callee.object);
          if (target !== undefined) found.add(target);
        }
      }
    }
    pushChildNodes(node, sourceCode.visitorKeys, pending);
  }
  return found;
}


/**
 * Evaluates expressions to the database library objects they hold, following bindings through
 * library-origin and asking each library's table what imports, annotations, members and calls mean.
 * With type information, the package declaring a value's type confirms, replaces or vetoes that answer.
 */
import { isBuiltin } from 'node:module';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import { BUILTIN_GLOBALS } from '../builtin-globals';
import { isModuleObject } from '../modules';
import { answerAboutImport } from '../program-modules';
import { symbolAtLocation, typescript } from '../typescript-module';
import { findVariable } from '@eslint-community/eslint-utils';
import { AST_NODE_TYPES } from '../../ast/node-types';
import { soleReturnedExpression } from '../../ast/code-shape';
import type { DbEvidence, DbLibrary } from '../db-operations';
import {
  decoratorOrigin,
  enclosingClassOfThis,
  getAnnotationTypeOrigin,
  getTypeOrigin,
  inheritedMember,
  memberName,
  parentSkippingWrappers,
  resolveBinding,
  resolveClassMember,
  resolveTypeReference,
  skipExpressionWrappers,
  typeArgumentName,
  type Binding,
  type PathStep,
  type TypeOrigin,
  type TypeReferenceOrigin,
  type TypeServices,
} from '../library-origin';
import { drizzle } from './drizzle';
import { knex } from './knex';
import { kysely } from './kysely';
import { mikroOrm } from './mikro-orm';
import { isDbValue, isOpaque, MODEL_MAPPER_PACKAGES, type AnalysisTools, type DbValue, type LibraryModel, type OpaqueValue, type Role, type Value } from './model';
import { nearestDependencyVersions } from '../package-manifest';
import { mongodb } from './mongodb';
import { mongoose } from './mongoose';
import { objection } from './objection';
import { prisma } from './prisma';
import { redis } from './redis';
import { payload } from './payload';
import { sequelize } from './sequelize';
import { mysql2, pg, pgPromise } from './sql-drivers';
import { typeorm } from './typeorm';
import { PROMISE_CONTINUATIONS } from '../../ast/expressions';

export const LIBRARIES: readonly LibraryModel[] = [prisma, typeorm, sequelize, mongoose, mikroOrm, objection, knex, drizzle, kysely, pg, pgPromise, mysql2, mongodb, redis, payload];

/** Name heuristics run in this order: the most distinctive shapes first (Drizzle's `db.query.t.findMany` before Prisma's `x.t.findMany`). */
const OPAQUE_ORDER: readonly LibraryModel[] = [payload, drizzle, kysely, prisma, typeorm, mikroOrm, knex, mongodb, redis, sequelize, mongoose, objection];

const LIBRARY_BY_NAME = new Map<DbLibrary, LibraryModel>(LIBRARIES.map((library) => [library.library, library]));

const METHOD_NAMES = new Set(LIBRARIES.flatMap((library) => library.methodNames));

/** Whether a method name could belong to any library: the first, cheapest test. Redis names are matched case-insensitively. */
export function isKnownMethodName(name: string): boolean {
  return METHOD_NAMES.has(name) || METHOD_NAMES.has(name.toLowerCase());
}

/** A whole library module whose members are looked up by export name. */
const MODULE_ROLE = '$module';
/** Property names under which code keeps a callable query builder (Knex instances and transactions). */
export const CALLABLE_MEMBER = /^(knex|db|trx|tx|database|connection|conn)$|knex/i;
const ARRAY_SAME = new Set(['filter', 'slice', 'sort', 'reverse', 'concat', 'toSorted', 'toReversed']);
const ARRAY_ELEMENT = new Set(['find', 'findLast', 'at', 'pop', 'shift']);
const ARRAY_CALLBACKS = new Set(['map', 'forEach', 'filter', 'find', 'findLast', 'some', 'every', 'flatMap', 'findIndex']);

const BUILTIN_TYPES = new Set(['Map', 'Set', 'WeakMap', 'WeakSet', 'Array', 'ReadonlyArray', 'Record', 'Promise', 'Partial', 'Readonly', 'Date', 'Error', 'RegExp', 'Function', 'Object', 'String', 'Number', 'Boolean', 'Headers', 'Response', 'Request', 'URL']);

function toValue(library: DbLibrary, role: Role | DbValue, evidence: DbEvidence): DbValue {
  if ('library' in role) return role;
  return { ...role, library, evidence };
}

function opaque(names: readonly string[], exportedNames?: readonly string[]): OpaqueValue {
  return exportedNames ? { opaque: true, names: names.slice(-4), exportedNames: exportedNames.slice(-4) } : { opaque: true, names: names.slice(-4) };
}

/** A project's client imported under a local name: judged by that name and by the module's own (`import { db as defaultDb }`). */
function importedOpaque(binding: Extract<Binding, { kind: 'import' }>): OpaqueValue {
  const renamed = binding.imported !== binding.name && binding.imported !== 'default' && binding.imported !== '*';
  return opaque([binding.name], renamed ? [binding.imported] : undefined);
}

/** The name paths an opaque value is judged by: its own, then its renamed import's. */
function namePaths(value: OpaqueValue): readonly (readonly string[])[] {
  return value.exportedNames ? [value.names, value.exportedNames] : [value.names];
}

function libraryOf(value: DbValue): LibraryModel {
  return LIBRARY_BY_NAME.get(value.library)!;
}

export function libraryModel(library: DbLibrary): LibraryModel {
  return LIBRARY_BY_NAME.get(library)!;
}

function modulePath(imported: string): string[] {
  return isModuleObject(imported) ? [] : [imported];
}

/**
 * A monorepo's own database package (`import { prisma } from '@documenso/prisma'`, `@acme/db`, Teable's
 * `@teable/db-main-prisma`, `@acme/database-client`): the project's client, exported under the workspace's
 * scope. A scoped name counts when one of its `-`/`.`-separated words is a database word. Its imports, and
 * the types annotations take from it, are values the name heuristics may judge, as those of a project module
 * are; any other package that is no database library holds no client (unscoped names never count:
 * `sql-formatter`, `redis-mock`, `db-utils` are packages of the registry, not the workspace's).
 */
export function isWorkspaceDatabasePackage(source: string): boolean {
  const match = /^@[\w.-]+\/([\w.-]+)$/.exec(source);
  return match !== null && match[1].split(/[-.]/).some((word) => WORKSPACE_DATABASE_NAMES.has(word));
}

const WORKSPACE_DATABASE_NAMES = new Set(['prisma', 'db', 'database', 'drizzle', 'knex', 'kysely', 'orm', 'redis', 'mongo', 'mongodb', 'sql', 'postgres', 'pg', 'mysql']);

/** Methods that hand out a database client by name: `prisma()`, `db()`, `getKnex()`, `getPrismaClient()`. */
const CLIENT_ACCESSOR_NAME = /^(?:get)?(?:prisma|Prisma|db|Db|database|Database|knex|Knex|drizzle|Drizzle|kysely|Kysely)(?:Client)?$/;

export class DbEvaluator {
  private readonly memo = new WeakMap<TSESTree.Node, Value | null>();
  private readonly typeMemo = new WeakMap<TSESTree.Node, TypeOrigin>();
  private readonly active = new Set<TSESTree.Node>();
  private readonly plainImports = new Map<string, boolean>();
  readonly tools: AnalysisTools;

  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly typeServices: TypeServices | undefined,
    /** Where the linted file lies, for what its package's manifest says; absent, the manifest is not read. */
    files?: { cwd: string; filename: string },
  ) {
    let modelMappers: ReadonlySet<string> | undefined;
    this.tools = {
      modelMappers: () => (modelMappers ??= new Set(files ? nearestDependencyVersions(files.cwd, files.filename, MODEL_MAPPER_PACKAGES)?.keys() : undefined)),
      isArray: (node) => this.isArray(node, 0),
      importSource: (node) => {
        const current = skipExpressionWrappers(node);
        if (current.type !== AST_NODE_TYPES.Identifier) return undefined;
        const binding = resolveBinding(current, this.sourceCode.getScope(current));
        return binding.kind === 'import' ? binding.source : undefined;
      },
      text: sourceCode.text,
    };
  }

  /** The library object `node` evaluates to, if any. Memoised per node; cycles and deep chains give up. */
  evaluate(node: TSESTree.Node): Value | undefined {
    const current = skipExpressionWrappers(node);
    const cached = this.memo.get(current);
    if (cached !== undefined) return cached ?? undefined;
    if (this.active.has(current) || this.active.size > 80) return undefined;
    this.active.add(current);
    let value: Value | undefined;
    try {
      value = this.evaluateStructure(current);
      // A value derived from a receiver the checker already confirmed (`tx.order` of a type-checked `tx`) needs
      // no second question: each Prisma delegate or repository type asked for costs the checker milliseconds.
      if (
        this.typeServices &&
        !(isDbValue(value) && value.evidence === 'type') &&
        (isReceiverPosition(current) || (isDbValue(value) && value.evidence === 'shape')) &&
        !this.isEvidentlyPlain(current, value)
      ) {
        value = this.sharpen(current, value);
      }
    } finally {
      this.active.delete(current);
    }
    this.memo.set(current, value ?? null);
    return value;
  }

  /**
   * A local bound to a built-in collection or a literal (`new Map(rows.map(…))`, `[]`, `{}`) is no client,
   * and asking the checker would make it infer the initialiser: often a deep ORM result type, the most
   * expensive question a rule can ask. The AST already answers it.
   */
  private isEvidentlyPlain(node: TSESTree.Node, value: Value | undefined): boolean {
    if (node.type !== AST_NODE_TYPES.Identifier || (value !== undefined && !isOpaque(value))) return false;
    const binding = resolveBinding(node, this.sourceCode.getScope(node));
    // A name imported from a project module evaluates to an opaque value (it may be a client made there), or to
    // nothing; a function or plain class (`addDays`, `chunk`) is no client, and its symbol says so more cheaply than its type.
    if (binding.kind === 'import' && binding.isProjectModule) return this.importsOnlyPlainDeclarations(node, binding);
    // Node's own modules (`appendFileSync` from node:fs) hold no database client.
    if (binding.kind === 'import' && isBuiltin(binding.source)) return true;
    if (value !== undefined) return false;
    // Local functions and classes that evaluated to nothing, and built-in globals (`Math.max`), are no clients.
    if (binding.kind === 'function' || binding.kind === 'class' || binding.kind === 'other') return true;
    if (binding.kind === 'global') return BUILTIN_GLOBALS.has(binding.name);
    if (binding.kind !== 'value' || binding.path.length > 0) return false;
    const init = skipExpressionWrappers(binding.expression);
    switch (init.type) {
      case AST_NODE_TYPES.NewExpression: {
        if (init.callee.type !== AST_NODE_TYPES.Identifier) return false;
        if (BUILTIN_GLOBALS.has(init.callee.name)) return true;
        // An instance of a project class that extends nothing (`new BoundedCache(…)`) is the project's own object.
        const made = resolveBinding(init.callee, this.sourceCode.getScope(init.callee));
        if (made.kind === 'class') return !made.node.superClass;
        return made.kind === 'import' && made.isProjectModule && this.importsOnlyPlainDeclarations(init.callee, made);
      }
      case AST_NODE_TYPES.ArrayExpression:
      case AST_NODE_TYPES.ObjectExpression:
      case AST_NODE_TYPES.Literal:
      case AST_NODE_TYPES.TemplateLiteral:
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.FunctionExpression:
        return true;
      default:
        return false;
    }
  }

  /**
   * With types: the import `identifier` reads is declared as plain project code (see below). Asked once per
   * import of the file, and answered once per export of the program (every file importing it shares the answer).
   */
  private importsOnlyPlainDeclarations(identifier: TSESTree.Identifier, binding: { source: string; imported: string }): boolean {
    const key = `${binding.source}\0${binding.imported}`;
    let answer = this.plainImports.get(key);
    if (answer === undefined) {
      answer = answerAboutImport(identifier, this.sourceCode, this.typeServices!.services, 'declares only plain code', () => this.declaresOnlyPlainCode(identifier));
      this.plainImports.set(key, answer);
    }
    return answer;
  }

  /**
   * With types: every declaration of the symbol `identifier` refers to is a function declaration or a class
   * that extends nothing. Neither is a client, nor makes one with `new`; a class extending a client does.
   */
  private declaresOnlyPlainCode(identifier: TSESTree.Identifier): boolean {
    const { services, checker } = this.typeServices!;
    const tsNode = services.esTreeNodeToTSNodeMap.get(identifier as never) as ts.Node | undefined;
    const tsm = typescript();
    const symbol = symbolAtLocation(checker, tsNode);
    const declarations = symbol?.getDeclarations() ?? [];
    return (
      declarations.length > 0 &&
      declarations.every(
        (declaration) =>
          tsm.isFunctionDeclaration(declaration) ||
          (tsm.isClassDeclaration(declaration) && !declaration.heritageClauses?.some((clause) => clause.token === tsm.SyntaxKind.ExtendsKeyword)),
      )
    );
  }

  typeOrigin(node: TSESTree.Node): TypeOrigin {
    let origin = this.typeMemo.get(node);
    if (!origin) {
      // Every read of an import, a `const` or a typed class member has the declared type: one question per
      // binding, not per use, and an imported one once per export of the program (`import { redis } from
      // './redis'` in many files). Each `this.store` asked for costs the checker about half a millisecond.
      const binding =
        node.type === AST_NODE_TYPES.Identifier ? this.stableBinding(node) : node.type === AST_NODE_TYPES.MemberExpression ? this.stableMember(node) : undefined;
      origin = binding && this.typeMemo.get(binding);
      if (!origin) {
        // A member's annotation is its type: reading the type it names spares the checker the class's `this`
        // type and the flow analysis of the read.
        const ask = () =>
          binding && node.type === AST_NODE_TYPES.MemberExpression
            ? getAnnotationTypeOrigin(binding as TSESTree.TypeNode, this.typeServices!)
            : getTypeOrigin(node, this.typeServices!);
        origin = binding?.type === AST_NODE_TYPES.ImportSpecifier || binding?.type === AST_NODE_TYPES.ImportDefaultSpecifier
          ? answerAboutImport(node as TSESTree.Identifier, this.sourceCode, this.typeServices!.services, 'type origin', ask)
          : ask();
      }
      this.typeMemo.set(node, origin);
      if (binding) this.typeMemo.set(binding, origin);
    }
    return origin;
  }

  /** The declaring node of an imported binding or a `const` whose type no narrowing can change, if `identifier` reads one. */
  private stableBinding(identifier: TSESTree.Identifier): TSESTree.Node | undefined {
    const variable = findVariable(this.sourceCode.getScope(identifier) as never, identifier as never) as TSESLint.Scope.Variable | null;
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (def?.type === 'ImportBinding') return def.node;
    if (def?.type !== 'Variable' || (def.parent as TSESTree.VariableDeclaration).kind !== 'const' || def.node.id.type !== AST_NODE_TYPES.Identifier) return undefined;
    // A declared union (`const x: A | B`) narrows per use; an inferred or single type does not.
    const annotation = def.node.id.typeAnnotation?.typeAnnotation;
    return annotation?.type === AST_NODE_TYPES.TSUnionType ? undefined : def.node;
  }

  /**
   * The annotation of the class member `this.<name>` reads, when it is no union: every read then has that type
   * (a union narrows per use). Only `instanceof` could narrow it further, to a subclass: rare enough to ignore.
   */
  private stableMember(member: TSESTree.MemberExpression): TSESTree.TypeNode | undefined {
    const object = skipExpressionWrappers(member.object);
    const name = member.computed ? undefined : memberName(member);
    if (object.type !== AST_NODE_TYPES.ThisExpression || name === undefined) return undefined;
    const owner = enclosingClassOfThis(object);
    const binding = owner && resolveClassMember(owner.classNode, name, owner.isStatic);
    return binding?.kind === 'declared' && binding.type && binding.type.type !== AST_NODE_TYPES.TSUnionType ? binding.type : undefined;
  }

  /**
   * Type information has the last word where a method is called on a value (the receivers, which is
   * where the analysis decides; inner values need no checker). Calls keep what their type-checked
   * receiver made of them, since their own type is mostly a promise; name heuristics must survive a
   * check of the receiver.
   */
  private sharpen(node: TSESTree.Node, structural: Value | undefined): Value | undefined {
    const isCallLike = node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.TaggedTemplateExpression;
    if (isCallLike && isDbValue(structural)) {
      if (structural.evidence !== 'shape') return structural;
      const receiver = receiverOf(node);
      return receiver ? this.confirmShape(receiver, structural) : structural;
    }
    if (node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) return structural;
    const origin = this.typeOrigin(node);
    switch (origin.kind) {
      case 'package': {
        const library = LIBRARIES.find((candidate) => candidate.matchesPackage(origin.packageName));
        if (!library) return undefined;
        if (isDbValue(structural) && structural.library === library.library) return { ...structural, evidence: 'type' };
        const role = library.fromType?.(origin.typeName, origin.typeArguments, origin.isStatic, origin.ownName);
        return role ? toValue(library.library, role, 'type') : undefined;
      }
      case 'any':
        return isDbValue(structural) && structural.evidence === 'shape' ? undefined : structural;
      case 'unknown':
        return structural;
      case 'other':
        return isCallLike ? structural : undefined;
    }
  }

  /** A name-heuristic answer stands only if the receiver's type does not contradict it. */
  private confirmShape(receiver: TSESTree.Node, value: DbValue): DbValue | undefined {
    const origin = this.typeOrigin(skipExpressionWrappers(receiver));
    if (origin.kind === 'unknown') return value;
    if (origin.kind === 'package' && LIBRARY_BY_NAME.get(value.library)!.matchesPackage(origin.packageName)) return { ...value, evidence: 'type' };
    return undefined;
  }

  private evaluateStructure(node: TSESTree.Node): Value | undefined {
    switch (node.type) {
      case AST_NODE_TYPES.Identifier:
        return this.valueOfBinding(resolveBinding(node, this.sourceCode.getScope(node)), node);
      case AST_NODE_TYPES.ThisExpression:
        return this.valueOfThis(node);
      case AST_NODE_TYPES.MemberExpression:
        return this.valueOfMember(node);
      case AST_NODE_TYPES.CallExpression:
        return this.valueOfCall(node);
      case AST_NODE_TYPES.NewExpression: {
        const constructor = this.evaluate(node.callee);
        if (!isDbValue(constructor)) return undefined;
        const role = libraryOf(constructor).construct?.(constructor, node);
        return role && toValue(constructor.library, role, constructor.evidence);
      }
      case AST_NODE_TYPES.AwaitExpression:
        return this.awaited(this.evaluate(node.argument));
      case AST_NODE_TYPES.TaggedTemplateExpression: {
        const tag = this.evaluate(node.tag);
        if (isOpaque(tag)) {
          for (const names of namePaths(tag)) {
            for (const library of OPAQUE_ORDER) {
              const found = library.fromOpaqueTag?.(names, node);
              if (found) return found;
            }
          }
          return undefined;
        }
        if (!isDbValue(tag)) return undefined;
        const role = libraryOf(tag).tagged?.(tag, node);
        return role && toValue(tag.library, role, tag.evidence);
      }
      case AST_NODE_TYPES.LogicalExpression: {
        const left = this.evaluate(node.left);
        if (isDbValue(left)) return left;
        const right = this.evaluate(node.right);
        return isDbValue(right) ? right : (left ?? right);
      }
      case AST_NODE_TYPES.ConditionalExpression: {
        const consequent = this.evaluate(node.consequent);
        if (isDbValue(consequent)) return consequent;
        const alternate = this.evaluate(node.alternate);
        if (isDbValue(alternate)) return alternate;
        // `(fromWrite ? dbWrite : dbRead).user.findMany()`: clients of the project, judged by name as each is.
        return isOpaque(consequent) ? consequent : isOpaque(alternate) ? alternate : undefined;
      }
      case AST_NODE_TYPES.SequenceExpression:
        return this.evaluate(node.expressions[node.expressions.length - 1]);
      case AST_NODE_TYPES.AssignmentExpression:
        return node.operator === '=' ? this.evaluate(node.right) : undefined;
      case AST_NODE_TYPES.ClassDeclaration:
      case AST_NODE_TYPES.ClassExpression:
        return this.valueOfClass(node);
      default:
        return undefined;
    }
  }

  private valueOfBinding(binding: Binding, at: TSESTree.Node): Value | undefined {
    switch (binding.kind) {
      case 'import': {
        if (binding.isProjectModule) {
          for (const library of LIBRARIES) {
            const role = library.fromProjectImport?.(binding.imported);
            if (role) return toValue(library.library, role, 'import');
          }
          return importedOpaque(binding);
        }
        return this.moduleValue(binding.source, modulePath(binding.imported)) ?? (isWorkspaceDatabasePackage(binding.source) ? importedOpaque(binding) : undefined);
      }
      case 'value': {
        const value = this.followPath(this.evaluate(binding.expression), binding.path);
        // `const redis = getRedisCache()`: what a project factory returns is unknown, and judged by the name it is
        // kept under, as a parameter is (not by the factory's, as a call in place is).
        if (binding.path.length === 0 && (value === undefined || isOpaque(value)) && this.isOpaqueFactoryCall(binding.expression)) return opaque([binding.name]);
        return value;
      }
      case 'declared':
        return this.valueOfDefault(binding.defaultValue) ?? this.valueOfDeclaration(binding, at);
      case 'callback-param':
        return this.followPath(this.valueOfCallbackParam(binding), binding.path);
      case 'param':
        return this.valueOfDefault(binding.defaultValue) ?? opaque([binding.name]);
      case 'uninitialised':
        return opaque([binding.name]);
      case 'global':
        return BUILTIN_GLOBALS.has(binding.name) ? undefined : opaque([binding.name]);
      case 'class':
        return this.evaluate(binding.node);
      default:
        return undefined;
    }
  }

  /**
   * A parameter defaulting to a database client (`executor: DbClient = db`, Sim's helpers that run in a caller's
   * transaction or on their own): it holds that client or one like it (a transaction of it), and is judged as the
   * default is (an imported client by its name, as the default's own uses are). A default that is no client (an
   * object, a literal) says nothing of what callers pass.
   */
  private valueOfDefault(defaultValue: TSESTree.Expression | undefined): Value | undefined {
    if (!defaultValue) return undefined;
    const value = this.evaluate(defaultValue);
    return value !== undefined && (isDbValue(value) || isOpaque(value)) ? value : undefined;
  }

  /** `f()` or `await f()` (also `service.getClient()`) where `f` is opaque: a function of the project or of a parameter. */
  private isOpaqueFactoryCall(expression: TSESTree.Node): boolean {
    let call = skipExpressionWrappers(expression);
    if (call.type === AST_NODE_TYPES.AwaitExpression) call = skipExpressionWrappers(call.argument);
    if (call.type !== AST_NODE_TYPES.CallExpression) return false;
    const callee = skipExpressionWrappers(call.callee);
    if (callee.type !== AST_NODE_TYPES.Identifier && callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    return isOpaque(this.evaluate(callee));
  }

  /** An export of a library module; a whole module (namespace import, `require`) whose own value means nothing stays a module to take members from. */
  private moduleValue(source: string, path: readonly string[]): DbValue | undefined {
    let namespaceOf: LibraryModel | undefined;
    for (const library of LIBRARIES) {
      if (!library.matchesPackage(source)) continue;
      const role = library.fromModule?.(path, source);
      if (role) return toValue(library.library, role, 'import');
      namespaceOf ??= library;
    }
    return namespaceOf && path.length === 0 ? { library: namespaceOf.library, role: MODULE_ROLE, detail: source, evidence: 'import' } : undefined;
  }

  /** A value annotated with a type imported from a package or a module of the project. */
  private valueOfImportedType(reference: Extract<TypeReferenceOrigin, { kind: 'import' }>, name: string): Value | undefined {
    const typeArguments = reference.typeArguments.map((argument) => typeArgumentName(argument) ?? '');
    if (!reference.isProjectModule) {
      // A package's own type named in an annotation is what the checker would answer: with type information
      // it counts as type evidence at once, and no read of the value asks the checker again.
      const evidence = this.typeServices ? 'type' : 'annotation';
      for (const library of LIBRARIES) {
        if (!library.matchesPackage(reference.source)) continue;
        const role = library.fromAnnotation?.(reference.path, typeArguments, reference.source);
        if (role) return toValue(library.library, role, evidence);
      }
      // A type of the workspace's own database package (`prismaService: PrismaService` from `@teable/db-main-prisma`)
      // is judged as a project module's: by its name, else by the annotated value's.
      return isWorkspaceDatabasePackage(reference.source) ? (this.fromTypeName(reference.name, typeArguments) ?? opaque([name])) : undefined;
    }
    return this.fromTypeName(reference.name, typeArguments) ?? opaque([name]);
  }

  private valueOfDeclaration(binding: Extract<Binding, { kind: 'declared' }>, at: TSESTree.Node): Value | undefined {
    const scope = this.sourceCode.getScope(at);
    for (const decorator of binding.decorators) {
      const origin = decoratorOrigin(decorator, scope);
      if (!origin) continue;
      for (const library of LIBRARIES) {
        if (!library.matchesPackage(origin.source)) continue;
        const role = library.fromInjection?.(origin.imported, origin.source, origin.argument);
        if (role) return toValue(library.library, role, 'injection');
      }
    }
    if (!binding.type) return opaque([binding.name]);
    const reference = resolveTypeReference(binding.type, scope);
    if (!reference) return undefined;
    switch (reference.kind) {
      case 'import':
        return this.valueOfImportedType(reference, binding.name);
      case 'global': {
        if (BUILTIN_TYPES.has(reference.name)) return undefined;
        const typeArguments = reference.typeArguments.map((argument) => typeArgumentName(argument) ?? '');
        return this.fromTypeName(reference.name, typeArguments) ?? opaque([binding.name]);
      }
      case 'class': {
        const classValue = this.evaluate(reference.node);
        if (!isDbValue(classValue)) return undefined;
        const role = libraryOf(classValue).construct?.(classValue);
        return role && toValue(classValue.library, role, 'annotation');
      }
      case 'local':
        return opaque([binding.name]);
      case 'keyword':
        return reference.keyword === 'other' ? undefined : opaque([binding.name]);
    }
  }

  private fromTypeName(name: string, typeArguments: readonly string[]): DbValue | undefined {
    for (const library of LIBRARIES) {
      const role = library.fromTypeName?.(name, typeArguments);
      if (role) return toValue(library.library, role, 'annotation');
    }
    return undefined;
  }

  private valueOfCallbackParam(binding: Extract<Binding, { kind: 'callback-param' }>): Value | undefined {
    const callee = skipExpressionWrappers(binding.call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return opaque([binding.name]);
    const method = memberName(callee);
    const base = this.evaluate(callee.object);
    // `ctx.db.$transaction(async (tx) => …)` on a client of the project: only Prisma's client has `$transaction`.
    if (isOpaque(base) && method === '$transaction' && binding.argIndex === 0 && binding.paramIndex === 0) return { library: 'prisma', role: 'client', evidence: 'shape' };
    if (!isDbValue(base) || method === undefined) return opaque([binding.name]);
    if (method === 'then' && binding.argIndex === 0 && binding.paramIndex === 0) return this.awaited(base);
    if (base.many && ARRAY_CALLBACKS.has(method) && binding.paramIndex === 0) return this.element(base);
    if (base.many && method === 'reduce' && binding.paramIndex === 1) return this.element(base);
    const role = libraryOf(base).callbackParam?.(base, method, binding.call, binding.paramIndex);
    if (role) return toValue(base.library, role, base.evidence);
    // A method no library has is the project's own (Teable's `this.prismaService.$tx(async (prisma) => …)`): what it
    // hands its callback is unknown, and judged by name as any parameter is.
    return base.evidence !== 'type' && !isKnownMethodName(method) ? opaque([binding.name]) : undefined;
  }

  private followPath(value: Value | undefined, path: readonly PathStep[]): Value | undefined {
    let current = value;
    for (const step of path) {
      if (!current) return undefined;
      current = step.kind === 'get' ? this.member(current, step.name) : this.element(current);
    }
    return current;
  }

  private valueOfThis(node: TSESTree.ThisExpression | TSESTree.Super): Value | undefined {
    const owner = enclosingClassOfThis(node);
    if (!owner) return undefined;
    if (node.type === AST_NODE_TYPES.Super && !owner.classNode.superClass) return undefined;
    const classValue = this.evaluate(owner.classNode);
    if (!isDbValue(classValue) || owner.isStatic) return classValue;
    const role = libraryOf(classValue).construct?.(classValue);
    return role && toValue(classValue.library, role, classValue.evidence);
  }

  private valueOfClass(node: TSESTree.ClassDeclaration | TSESTree.ClassExpression): Value | undefined {
    if (!node.superClass) return undefined;
    const base = this.evaluate(node.superClass);
    if (isOpaque(base)) return this.opaqueSubclass(base, node.superClass, node.id?.name);
    if (!isDbValue(base)) return undefined;
    const role = libraryOf(base).subclass?.(base, node.id?.name);
    return role && toValue(base.library, role, base.evidence);
  }

  /** A class extending a base class of the project's own (`class Flow extends Base`), judged by the libraries' name heuristics. */
  private opaqueSubclass(base: OpaqueValue, superClass: TSESTree.Node, className: string | undefined): DbValue | undefined {
    for (const library of OPAQUE_ORDER) {
      const role = library.fromOpaqueSubclass?.(base.names, superClass, className, this.tools);
      if (role) return toValue(library.library, role, 'shape');
    }
    return undefined;
  }

  private valueOfMember(node: TSESTree.MemberExpression): Value | undefined {
    const name = memberName(node);
    if (name === undefined) return undefined;
    const object = skipExpressionWrappers(node.object);
    if (object.type === AST_NODE_TYPES.ThisExpression) {
      const owner = enclosingClassOfThis(object);
      const binding = owner && resolveClassMember(owner.classNode, name, owner.isStatic);
      if (binding) return this.valueOfBinding(binding, node);
      const inherited = owner && !owner.isStatic && owner.classNode.superClass ? inheritedMember(owner.classNode, name, this.sourceCode) : undefined;
      if (inherited?.kind === 'binding') return this.valueOfBinding(inherited.binding, inherited.at);
      if (inherited?.kind === 'import') return this.valueOfImportedType(inherited.reference, name);
      if (inherited) return opaque(['this', name]);
      const self = this.evaluate(object);
      return isDbValue(self) ? this.member(self, name) : opaque(['this', name]);
    }
    if (object.type === AST_NODE_TYPES.Super) {
      const base = this.valueOfThis(object);
      return base && this.member(base, name);
    }
    const base = this.evaluate(object);
    return base && this.member(base, name);
  }

  private member(value: Value, name: string): Value | undefined {
    if (isOpaque(value)) return opaque([...value.names, name], value.exportedNames && [...value.exportedNames, name]);
    if (value.role === MODULE_ROLE) return name === 'default' ? value : this.moduleValue(value.detail!, [name]);
    if (value.many && /^\d+$/.test(name)) return this.element(value);
    const role = libraryOf(value).member?.(value, name);
    return role && toValue(value.library, role, value.evidence);
  }

  private element(value: Value): Value | undefined {
    if (!isDbValue(value)) return undefined;
    if (value.many) return { ...value, many: false, op: undefined, result: undefined };
    if (value.result?.many) return toValue(value.library, { ...value.result, many: false }, value.evidence);
    return undefined;
  }

  private awaited(value: Value | undefined): Value | undefined {
    if (!isDbValue(value) || !value.result) return undefined;
    return toValue(value.library, value.result, value.evidence);
  }

  private valueOfCall(node: TSESTree.CallExpression): Value | undefined {
    const callee = skipExpressionWrappers(node.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const method = memberName(callee);
      if (method === undefined) return undefined;
      const object = skipExpressionWrappers(callee.object);
      const base = object.type === AST_NODE_TYPES.Super ? this.valueOfThis(object) : this.evaluate(object);
      const result = this.callOn(base, method, node);
      if (result) return result;
      if (isDbValue(base)) return this.ownClientMethod(base, method, node);
      // A callable property: `this.knex('users')`, `ctx.db('users')`.
      return CALLABLE_MEMBER.test(method) ? this.callOn(this.evaluate(callee), undefined, node) : undefined;
    }
    const required = requiredModule(node);
    if (required !== undefined) return this.moduleValue(required, []);
    if (callee.type === AST_NODE_TYPES.Identifier) {
      // `getCollection(name)`, a helper of the file whose one statement returns a library object
      // (`return mongoose.connection.db.collection(name)`): its call gives that object. Not a query it starts: the
      // function summaries follow those, to the helper's own call.
      const returned = this.soleReturnOfFileFunction(callee);
      const value = returned && this.evaluate(returned);
      if (isDbValue(value) && !value.op && !value.many) return value;
    }
    if (callee.type === AST_NODE_TYPES.Identifier || callee.type === AST_NODE_TYPES.CallExpression) {
      return this.callOn(this.evaluate(callee), undefined, node);
    }
    return undefined;
  }

  /** The expression a function of this file returns as its only statement (not an async one: it returns a promise). */
  private soleReturnOfFileFunction(callee: TSESTree.Identifier): TSESTree.Node | undefined {
    const binding = resolveBinding(callee, this.sourceCode.getScope(callee));
    const fn = binding.kind === 'function' ? binding.node : binding.kind === 'value' && binding.path.length === 0 ? skipExpressionWrappers(binding.expression) : undefined;
    if (fn?.type !== AST_NODE_TYPES.FunctionDeclaration && fn?.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn?.type !== AST_NODE_TYPES.FunctionExpression) return undefined;
    return fn.async || fn.generator ? undefined : soleReturnedExpression(fn);
  }

  /**
   * A method of the project's own on a Prisma client: Teable's `this.prismaService.txClient()` (the transaction's
   * client, or the service itself). Prisma's own client methods all start with `$` and its models are properties,
   * so a plain-named method called on a client is one a subclass declares (`class PrismaService extends
   * PrismaClient`), and what it returns is unknown. Called without arguments, it counts as returning the client
   * when its result is then used as one: `.<model>.<Prisma method>(…)`, `.$executeRawUnsafe(…)`, `` .$queryRaw`…` ``,
   * directly or through the `const` it is stored in. A client the checker typed is left to the checker, which
   * knows what the method returns.
   */
  private ownClientMethod(base: DbValue, method: string, call: TSESTree.CallExpression): DbValue | undefined {
    if (base.library !== 'prisma' || base.role !== 'client' || base.many || base.evidence === 'type') return undefined;
    if (call.arguments.length > 0 || !/^[A-Za-z]/.test(method)) return undefined;
    const client: DbValue = { library: base.library, role: base.role, evidence: base.evidence };
    if (this.usedAsClient(call, client)) return client;
    const { child, parent } = parentSkippingWrappers(call);
    if (parent?.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== child || parent.id.type !== AST_NODE_TYPES.Identifier) return undefined;
    if ((parent.parent as TSESTree.VariableDeclaration).kind !== 'const') return undefined;
    const [variable] = this.sourceCode.getDeclaredVariables(parent);
    return variable?.references.some((reference) => reference.isRead() && this.usedAsClient(reference.identifier, client)) ? client : undefined;
  }

  /** `node` is used as a client of `client`'s library: a client operation, a raw query tag, or a model's operation is called on it. */
  private usedAsClient(node: TSESTree.Node, client: DbValue): boolean {
    const library = libraryOf(client);
    const { child, parent: member } = parentSkippingWrappers(node);
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== child) return false;
    const name = memberName(member);
    if (name === undefined) return false;
    const { child: memberChild, parent: user } = parentSkippingWrappers(member);
    const sends = (value: Role | DbValue | undefined) => value !== undefined && 'op' in value && value.op !== undefined;
    // `E.$executeRawUnsafe(sql)`, `E.$transaction(…)`
    if (user?.type === AST_NODE_TYPES.CallExpression && user.callee === memberChild) return sends(library.call(client, name, user, this.tools));
    const role = library.member?.(client, name);
    if (!role) return false;
    const value = toValue(client.library, role, client.evidence);
    // `` E.$queryRaw`…` ``
    if (user?.type === AST_NODE_TYPES.TaggedTemplateExpression && user.tag === memberChild) return library.tagged?.(value, user) !== undefined;
    // `E.<model>.<method>(…)`
    if (user?.type !== AST_NODE_TYPES.MemberExpression || user.object !== memberChild) return false;
    const method = memberName(user);
    const { child: callee, parent: modelCall } = parentSkippingWrappers(user);
    return method !== undefined && modelCall?.type === AST_NODE_TYPES.CallExpression && modelCall.callee === callee && sends(library.call(value, method, modelCall, this.tools));
  }

  private callOn(base: Value | undefined, method: string | undefined, call: TSESTree.CallExpression): Value | undefined {
    if (!base) return undefined;
    if (isOpaque(base)) {
      for (const names of namePaths(base)) {
        for (const library of OPAQUE_ORDER) {
          const found = library.fromOpaque?.(names, method, call, this.tools);
          if (found) return found;
        }
      }
      // `db().query.segment.findMany(…)`: an accessor of the project called in place (Dittofeed's `db()`) gives what
      // `const d = db()` holds, judged by the accessor's name.
      if (method === undefined) return call.arguments.length === 0 ? base : undefined;
      // `db.prisma().task_log.create(…)` (Jitsu), `this.getKnex()`: a method named for a client, called in place
      // without arguments, gives that client, judged by the method's name.
      return call.arguments.length === 0 && CLIENT_ACCESSOR_NAME.test(method) ? opaque([...base.names, method.replace(/^get(.)/, (_, first: string) => first.toLowerCase())]) : undefined;
    }
    if (method !== undefined && PROMISE_CONTINUATIONS.has(method)) return undefined;
    if (base.many) {
      if (method !== undefined && ARRAY_SAME.has(method)) return base;
      if (method !== undefined && ARRAY_ELEMENT.has(method)) return this.element(base);
      return undefined;
    }
    const result = libraryOf(base).call(base, method, call, this.tools);
    return result && toValue(base.library, result, base.evidence);
  }

  private isArray(node: TSESTree.Node, depth: number): boolean {
    const current = skipExpressionWrappers(node);
    if (current.type === AST_NODE_TYPES.ArrayExpression) return true;
    if (depth > 3) return false;
    if (current.type === AST_NODE_TYPES.CallExpression) {
      const callee = skipExpressionWrappers(current.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression) {
        const name = memberName(callee);
        if (name === 'map' || name === 'filter' || name === 'flatMap' || name === 'slice' || name === 'concat') return true;
        if (name === 'from' && callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'Array') return true;
      }
    }
    if (this.typeServices && (current.type === AST_NODE_TYPES.Identifier || current.type === AST_NODE_TYPES.MemberExpression)) {
      const tsNode = this.typeServices.services.esTreeNodeToTSNodeMap.get(current as never);
      if (tsNode) {
        const checker = this.typeServices.checker;
        const type = checker.getNonNullableType(checker.getTypeAtLocation(tsNode));
        return checker.isArrayType(type) || checker.isTupleType(type);
      }
    }
    if (current.type === AST_NODE_TYPES.Identifier) {
      const binding = resolveBinding(current, this.sourceCode.getScope(current));
      if (binding.kind === 'value' && binding.path.length === 0) return this.isArray(binding.expression, depth + 1);
      if (binding.kind === 'declared' && binding.type) return binding.type.type === AST_NODE_TYPES.TSArrayType || (binding.type.type === AST_NODE_TYPES.TSTypeReference && binding.type.typeName.type === AST_NODE_TYPES.Identifier && (binding.type.typeName.name === 'Array' || binding.type.typeName.name === 'ReadonlyArray'));
    }
    return false;
  }
}

/** `node` is what a method is called on (`node.m()`), what is called (`node()`), or the object of a template tag. */
function isReceiverPosition(node: TSESTree.Node): boolean {
  const { child, parent } = parentSkippingWrappers(node);
  if (!parent) return false;
  if (parent.type === AST_NODE_TYPES.CallExpression) return parent.callee === child;
  if (parent.type !== AST_NODE_TYPES.MemberExpression || parent.object !== child) return false;
  const { child: member, parent: user } = parentSkippingWrappers(parent);
  return (user?.type === AST_NODE_TYPES.CallExpression && user.callee === member) || (user?.type === AST_NODE_TYPES.TaggedTemplateExpression && user.tag === member);
}

/** `require('x')` with the free `require`: the module specifier. */
function requiredModule(call: TSESTree.CallExpression): string | undefined {
  const callee = call.callee;
  if (callee.type !== AST_NODE_TYPES.Identifier || callee.name !== 'require' || call.arguments.length !== 1) return undefined;
  const argument = call.arguments[0];
  return argument.type === AST_NODE_TYPES.Literal && typeof argument.value === 'string' ? argument.value : undefined;
}

/** The expression a call is made on: the object of a method call, or the called value itself. */
function receiverOf(node: TSESTree.Node): TSESTree.Node | undefined {
  const callee = skipExpressionWrappers(node.type === AST_NODE_TYPES.CallExpression ? node.callee : node.type === AST_NODE_TYPES.TaggedTemplateExpression ? node.tag : node);
  if (callee.type === AST_NODE_TYPES.MemberExpression) return callee.object;
  return callee;
}

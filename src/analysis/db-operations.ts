/**
 * Which calls are database operations, across Prisma, TypeORM, Sequelize, Mongoose, Knex, Objection, Drizzle,
 * Kysely, MikroORM, pg, pg-promise, mysql2, the MongoDB driver and Redis.
 * Rules call `getDbOperations(context).classify(call)` from a CallExpression visitor. Relation loads are
 * operations too: Prisma's fluent `findUnique(…).posts()`, Sequelize's `user.getPosts()` and Objection's
 * `person.$relatedQuery('pets')` are calls (with `relation` set); a TypeORM lazy relation (`await user.profile`)
 * is a property read, answered by `classifyLazyLoad(member)`.
 *
 * How: a cheap name test first (is the method, or a method down the chain, one any library has?),
 * then the receiver is traced to its origin (src/analysis/library-origin.ts) and interpreted by the
 * library tables in src/analysis/db/; with type information, the package declaring the receiver's type
 * confirms or vetoes the answer.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { findVariable } from '@eslint-community/eslint-utils';
import { AST_NODE_TYPES } from '../ast/node-types';
import { contains, enclosingFunction } from '../ast/code-shape';
import { sqlIsBatched, sqlText } from './db/arguments';
import { CALLABLE_MEMBER, DbEvaluator, LIBRARIES, isKnownMethodName, libraryModel } from './db/evaluate';
import { isDbValue, MEMBER_PREFIX, type DbValue, type Value } from './db/model';
import { ASSOCIATION_ROLE, associationAccessor, collectAssociatedModels, confirmAssociationCall, type AssociationFacts } from './db/sequelize';
import { lazyRelationOf } from './db/typeorm';
import { isRelativeSpecifier, loadedModuleSources } from './modules';
import { calledMethodName, getTypeServices, memberName, parentSkippingWrappers, skipExpressionWrappers, type TypeServices } from './library-origin';
import { textMentions } from './text-facts';
import { chainRoot, PROMISE_CONTINUATIONS } from '../ast/expressions';
import { FileCache } from './per-file';

export type DbLibrary =
  | 'prisma'
  | 'typeorm'
  | 'sequelize'
  | 'mongoose'
  | 'knex'
  | 'drizzle'
  | 'kysely'
  | 'mikro-orm'
  | 'objection'
  | 'pg'
  | 'pg-promise'
  | 'mysql2'
  | 'mongodb'
  | 'redis'
  | 'payload';

/** read: returns rows/documents/values; write: inserts/updates/deletes; count: aggregates a number; raw: SQL text or a command; transaction: opens one. */
export type DbOperationKind = 'read' | 'write' | 'count' | 'raw' | 'transaction';

/** How the analysis knows the receiver's library. */
export type DbEvidence = 'type' | 'import' | 'annotation' | 'injection' | 'shape';

export interface DbOperation {
  library: DbLibrary;
  kind: DbOperationKind;
  /** The call that sends the query: for a builder or query chain, its outermost call (the one awaited). */
  node: TSESTree.CallExpression;
  /** The call that names the operation (`prisma.user.findMany(...)`, `User.find(...)` at a chain's head, `db.select()`). */
  operationCall: TSESTree.CallExpression;
  /** `findMany`, `find`, `query`, `select`, `get`, … */
  method: string;
  /** Prisma model, TypeORM/Sequelize/Mongoose model or entity, table or collection name, when the code names it. */
  target?: string;
  evidence: DbEvidence;
  /** One statement covers a whole collection of keys or rows: `createMany`, `insertMany`, `bulkWrite`, `in`/`$in`/`In()`/`whereIn`/`inArray` filters, `mget`… (`updateMany`/`deleteMany` alone are not: issued per element they are still one statement per element). */
  isBatched: boolean;
  /**
   * The key lists it is batched by, from its IN filters (`{ id: { in: ids } }`, `{ $in: ids }`, `In(ids)`,
   * `inArray(t.id, ids)`, Kysely's `where('id', 'in', ids)`) → `ids`. Empty when batched by its method or its SQL text.
   */
  keyLists: readonly TSESTree.Node[];
  /**
   * The call loads (or changes) a relation of one row: Prisma's fluent `prisma.user.findUnique(…).posts()`
   * (`posts`; `method` stays `findUnique`), a Sequelize association accessor `user.getPosts()` (`Posts`),
   * sequelize-typescript's `user.$get('posts')` (`posts`, or '' when the name is not a literal), or an Objection
   * relation query, `person.$relatedQuery('pets')` or `Person.relatedQuery('pets').for(ids)` (`pets`, or '').
   */
  relation?: string;
}

/** A TypeORM lazy relation read: `user.profile` where `profile` is a relation declared `Promise<Profile>`. Reading it runs a query. */
export interface DbLazyLoad {
  library: DbLibrary;
  kind: 'read';
  /** The property read (`user.profile`). */
  node: TSESTree.MemberExpression;
  /** The relation property: `profile`. */
  relation: string;
  /** The entity class declaring the relation, when known. */
  target?: string;
  evidence: DbEvidence;
}

/** A raw query written as a tagged template (`prisma.$queryRaw\`…\``): not a CallExpression. */
export interface DbTemplateOperation {
  library: DbLibrary;
  kind: 'raw';
  node: TSESTree.TaggedTemplateExpression;
  /** `$queryRaw` or `$executeRaw`. */
  method: string;
  evidence: DbEvidence;
  /** The SQL text contains ` IN (` or `= ANY(`. */
  isBatched: boolean;
}

export interface DbOperationAnalyzer {
  /**
   * The database operation `call` sends, if `call` is the outermost call of a database call chain
   * (`knex('t').where(...).first()` is one operation, classified at `.first(...)`; `.then/.catch/.finally`
   * do not extend a chain). Inner calls of a chain return undefined, so each query is seen once.
   */
  classify(call: TSESTree.CallExpression): DbOperation | undefined;
  /**
   * A name-only check, far cheaper than `classify`: false means `call` is certainly no database operation.
   * Rules that also run an AST analysis per call ask this first.
   */
  mightBeOperation(call: TSESTree.CallExpression): boolean;
  /** The raw query a tagged template sends (`prisma.$queryRaw\`…\``, `prisma.$executeRaw\`…\``). */
  classifyTaggedTemplate(node: TSESTree.TaggedTemplateExpression): DbTemplateOperation | undefined;
  /**
   * The lazy relation a property read loads: `user.profile` where the entity declares `profile` with a
   * TypeORM relation decorator and a `Promise<…>` type (reading it starts the query; `await` waits for it).
   * With types, the checker finds the declaration in any file; without, the entity class must be in this
   * file and the receiver traceable to it. Eager relations and other promise-typed properties are no load.
   */
  classifyLazyLoad(member: TSESTree.MemberExpression): DbLazyLoad | undefined;
  /**
   * The method call `call` makes as one link of a database call chain, whether it sends the statement or a
   * later call does: `redis.set(k, v)`, and also each command queued on a pipeline or MULTI
   * (`redis.multi().set(k, v).expire(k, 60)`, `pipe.set(k, v)` before `pipe.exec()`), which `classify`
   * leaves to the call that sends them. Undefined for calls that are no part of an operation.
   */
  classifyStep(call: TSESTree.CallExpression): DbOperationStep | undefined;
  /**
   * False when, without type information, nothing in this file can be a database operation: it loads no
   * database package, spells no name a library's heuristics look for, and names no TypeORM (lazy relations).
   * Rules that look at nothing else return no listeners for such a file. Always true with type information.
   */
  mayFindOperations(): boolean;
}

/** One method call of a database call chain (see `DbOperationAnalyzer.classifyStep`). */
export interface DbOperationStep {
  library: DbLibrary;
  /** The method this call names (`set`, `expire`, `where`), as written. */
  method: string;
  evidence: DbEvidence;
  /** The library only sends the statement at a later call of the chain: a Redis pipeline's `exec()`, Kysely's `execute()`. */
  sentLater: boolean;
}

const TAGGED_QUERY_METHODS = new Set(['$queryRaw', '$executeRaw']);
/** Libraries whose builders and queries only run when awaited or sent by a terminal method. */
const LAZY_BUILDER_LIBRARIES = new Set<DbLibrary>(['knex', 'objection', 'drizzle', 'mongoose', 'mongodb']);
const SENDING_METHODS = new Set(['exec', 'execute', 'toArray', 'next', 'hasNext', 'tryNext', 'forEach', 'stream', 'pipe', 'cursor', 'explain', 'run', 'all', 'get', 'values']);
/** Libraries whose unsent builders are passed to other builder calls as subqueries. */
const SUBQUERY_LIBRARIES = new Set<DbLibrary>(['knex', 'objection', 'drizzle', 'kysely']);
/** Builders that run only when awaited (or `then`/`execute`d): one left as a statement never runs. */
const THENABLE_BUILDER_LIBRARIES = new Set<DbLibrary>(['knex', 'objection', 'drizzle']);
/** How many arrays, objects, callbacks or conditionals a builder is followed out of, on its way to the call or variable that takes it. */
const MAX_HOLDER_STEPS = 6;

class Analyzer implements DbOperationAnalyzer {
  private readonly results = new WeakMap<TSESTree.Node, DbOperation | null>();
  private readonly prefilter = new WeakMap<TSESTree.CallExpression, boolean>();

  private readonly lazyLoads = new WeakMap<TSESTree.MemberExpression, DbLazyLoad | null>();
  private associationFacts: AssociationFacts | undefined;
  private associationNamesPossible: boolean | undefined;
  private typeormNamed: boolean | undefined;
  private typeormInProgram: boolean | undefined;
  private dbValuesPossible: boolean | undefined;

  constructor(
    private readonly evaluator: DbEvaluator,
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly typeServices?: TypeServices,
  ) {}

  /**
   * Without type information, a database value comes from a database package this file loads, or from a name
   * one of the libraries' heuristics recognises (`prisma`, `knex`, `db`, `AppDataSource`, `$transaction`…).
   * A file with neither (a mapper, a validator, a policy module) holds none: decided once, from the imports
   * and the identifier tokens, instead of evaluating each of its calls.
   */
  private mayHoldDbValues(): boolean {
    this.dbValuesPossible ??= this.typeServices !== undefined || fileMayHoldDbValues(this.sourceCode);
    return this.dbValuesPossible;
  }

  mayFindOperations(): boolean {
    return this.mayHoldDbValues() || textMentions(this.sourceCode, 'typeorm');
  }

  classify(call: TSESTree.CallExpression): DbOperation | undefined {
    const cached = this.results.get(call);
    if (cached !== undefined) return cached ?? undefined;
    let result: DbOperation | undefined;
    try {
      result = this.passesPrefilter(call, 0) ? this.classifyCandidate(call) : undefined;
    } catch {
      // An analysis bug must never take the lint run down with it: no answer is a safe answer.
      result = undefined;
    }
    this.results.set(call, result ?? null);
    return result;
  }

  mightBeOperation(call: TSESTree.CallExpression): boolean {
    return this.passesPrefilter(call, 0);
  }

  classifyStep(call: TSESTree.CallExpression): DbOperationStep | undefined {
    const method = calledMethodName(call);
    if (method === undefined || !this.passesPrefilter(call, 0)) return undefined;
    try {
      const value = this.evaluator.evaluate(call);
      if (!isDbValue(value) || !value.op || !this.confirmsAssociation(call, value)) return undefined;
      return { library: value.library, method, evidence: value.evidence, sentLater: !value.op.sent };
    } catch {
      return undefined;
    }
  }

  classifyTaggedTemplate(node: TSESTree.TaggedTemplateExpression): DbTemplateOperation | undefined {
    if (!this.mayHoldDbValues()) return undefined;
    const tag = skipExpressionWrappers(node.tag);
    if (tag.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const method = memberName(tag);
    if (method === undefined || !TAGGED_QUERY_METHODS.has(method)) return undefined;
    try {
      const value = this.evaluator.evaluate(node);
      if (!isDbValue(value) || value.role !== 'taggedQuery') return undefined;
      return { library: value.library, kind: 'raw', node, method, evidence: value.evidence, isBatched: sqlIsBatched(sqlText(node)) };
    } catch {
      return undefined;
    }
  }

  classifyLazyLoad(member: TSESTree.MemberExpression): DbLazyLoad | undefined {
    const cached = this.lazyLoads.get(member);
    if (cached !== undefined) return cached ?? undefined;
    let result: DbLazyLoad | undefined;
    try {
      // Without types, only an entity class of this file can declare the relation, so the file names TypeORM;
      // with types, the program must include TypeORM's declarations.
      this.typeormNamed ??= textMentions(this.sourceCode, 'typeorm');
      this.typeormInProgram ??= this.typeServices !== undefined && programIncludes(this.typeServices, TYPEORM_PACKAGES);
      const typeServices = this.typeormInProgram ? this.typeServices : undefined;
      const found =
        typeServices || this.typeormNamed
          ? lazyRelationOf(member, { sourceCode: this.sourceCode, typeServices, searchFile: this.typeormNamed, evaluate: (node) => this.evaluator.evaluate(node) })
          : undefined;
      result = found && { library: 'typeorm', kind: 'read', node: member, relation: found.relation, target: found.entity, evidence: found.evidence };
    } catch {
      result = undefined;
    }
    this.lazyLoads.set(member, result ?? null);
    return result;
  }

  /** A Sequelize association accessor candidate (`user.getPosts()`) must be confirmed; every other value stands. */
  private confirmsAssociation(call: TSESTree.CallExpression, value: DbValue): boolean {
    if (value.library !== 'sequelize' || value.role !== ASSOCIATION_ROLE || !value.op) return true;
    this.associationFacts ??= {
      sourceCode: this.sourceCode,
      typeServices: this.typeServices,
      associatedModels: memoize(() =>
        collectAssociatedModels(this.sourceCode, (node) => {
          const model = this.evaluator.evaluate(node);
          return isDbValue(model) && model.library === 'sequelize' && model.role === 'model' ? model.target : undefined;
        }),
      ),
    };
    return confirmAssociationCall(call, value.op.method, value.target, this.associationFacts);
  }

  /**
   * Association accessors have open-ended names (`getPosts`, `addTag`): worth evaluating only where a
   * Sequelize model can be: the file names Sequelize, or (with types) the program includes its declarations.
   */
  private mayBeAssociationAccessor(name: string): boolean {
    if (associationAccessor(name) === undefined) return false;
    this.associationNamesPossible ??= textMentions(this.sourceCode, 'sequelize') || (this.typeServices !== undefined && programIncludes(this.typeServices, SEQUELIZE_PACKAGES));
    return this.associationNamesPossible;
  }

  /** Is the method name (or one further down the chain) known to any library? A plain `f(x)` may be `knex('t')`. */
  private passesPrefilter(call: TSESTree.CallExpression, depth: number): boolean {
    if (!this.mayHoldDbValues()) return false;
    let known = this.prefilter.get(call);
    if (known !== undefined) return known;
    const callee = skipExpressionWrappers(call.callee);
    if (callee.type === AST_NODE_TYPES.Identifier) {
      known = call.arguments.length > 0 && callee.name !== 'require';
    } else if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const name = memberName(callee);
      const object = skipExpressionWrappers(callee.object);
      known =
        name !== undefined &&
        (isKnownMethodName(name) ||
          (call.arguments.length > 0 && CALLABLE_MEMBER.test(name)) ||
          (depth < 40 && object.type === AST_NODE_TYPES.CallExpression && this.passesPrefilter(object, depth + 1)) ||
          (depth === 0 && this.mayBeAssociationAccessor(name)));
    } else {
      known = callee.type === AST_NODE_TYPES.CallExpression && call.arguments.length > 0;
    }
    this.prefilter.set(call, known);
    return known;
  }

  private classifyCandidate(call: TSESTree.CallExpression): DbOperation | undefined {
    const value = this.evaluator.evaluate(call);
    if (!isDbValue(value) || !value.op?.sent) return undefined;
    if (!this.confirmsAssociation(call, value)) return undefined;
    if (this.chainContinues(call, value)) return undefined;
    if (SUBQUERY_LIBRARIES.has(value.library) && this.isSubquery(call, value)) return undefined;
    if (this.isContinuedThroughVariable(call, value) || isDiscardedBuilderStep(call, value, (receiver) => this.evaluator.evaluate(receiver))) return undefined;
    const { op } = value;
    return {
      library: value.library,
      kind: op.kind,
      node: call,
      operationCall: op.operationCall,
      method: op.method,
      target: op.target ?? value.target,
      evidence: value.evidence,
      isBatched: op.isBatched,
      keyLists: op.keyLists,
      ...(isRelationLoad(value) ? { relation: value.detail ?? '' } : {}),
    };
  }

  /** The parent call continues the same chain (`.where()` → `.first()`), so this call is not the one that sends. */
  private chainContinues(call: TSESTree.CallExpression, value: DbValue): boolean {
    const op = value.op!;
    const { child, parent } = parentSkippingWrappers(call);
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== child) return false;
    const name = memberName(parent);
    if (name === undefined || PROMISE_CONTINUATIONS.has(name)) return false;
    const outer = parent.parent;
    if (outer?.type !== AST_NODE_TYPES.CallExpression || outer.callee !== parent) return false;
    if (libraryModel(value.library).unsentBy?.has(name)) return true;
    const outerValue = this.evaluator.evaluate(outer);
    return isDbValue(outerValue) && outerValue.op?.head === op.head;
  }

  /**
   * `const q = knex('users'); … await q.where(...).first()`: a chain stored in a variable and continued
   * later is one operation, reported where it continues; one compiled to text later (`q.toQuery()`) is
   * not sent by this code at all.
   */
  private isContinuedThroughVariable(call: TSESTree.CallExpression, value: DbValue): boolean {
    let { child, parent } = parentSkippingWrappers(call);
    // `const q = oneToOne ? knex.count(…).from(a) : knex.countDistinct(…).from(b)`: either branch is what `q` holds.
    for (let step = 0; step < MAX_HOLDER_STEPS && parent && ((parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test !== child) || parent.type === AST_NODE_TYPES.LogicalExpression); step++) {
      ({ child, parent } = parentSkippingWrappers(parent));
    }
    let variable: TSESLint.Scope.Variable | null | undefined;
    if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === child && parent.id.type === AST_NODE_TYPES.Identifier) {
      [variable] = this.sourceCode.getDeclaredVariables(parent);
    } else if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.operator === '=' && parent.right === child && parent.left.type === AST_NODE_TYPES.Identifier && LAZY_BUILDER_LIBRARIES.has(value.library)) {
      // `query = query.where(…)`: a lazy builder's next step, kept under the same name.
      variable = findVariable(this.sourceCode.getScope(parent) as never, parent.left as never) as TSESLint.Scope.Variable | null;
    }
    if (!variable) return false;
    return variable.references.some((reference) => {
      // Its own receiver (`query` in `query = query.where(…)`) does not continue it.
      if (contains(call, reference.identifier as TSESTree.Node)) return false;
      const member = reference.identifier.parent;
      // `current.unionAll(query)`: handed to another builder of the library, as a union part or subquery (Payload's polymorphic joins).
      if (member?.type === AST_NODE_TYPES.CallExpression && member.arguments.includes(reference.identifier as TSESTree.CallExpressionArgument)) {
        return SUBQUERY_LIBRARIES.has(value.library) && this.isSubquery(reference.identifier as TSESTree.Identifier, value);
      }
      if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier) return false;
      const name = memberName(member);
      if (name === undefined || PROMISE_CONTINUATIONS.has(name)) return false;
      // `q.toQuery()`, `q.toSQL()`: the builder is compiled to text; whatever sends that text is another call.
      if (libraryModel(value.library).unsentBy?.has(name)) return true;
      const later = member.parent;
      // A later call the prefilter turns away is never classified itself: the operation stays here.
      if (later?.type !== AST_NODE_TYPES.CallExpression || later.callee !== member || !this.passesPrefilter(later, 0)) return false;
      const laterValue = this.evaluator.evaluate(later);
      return isDbValue(laterValue) && laterValue.op?.head === value.op?.head;
    });
  }

  /**
   * A builder handed to another call of its own library is a subquery: straight (`whereIn('id', knex('t').select('id'))`),
   * in an array or an object of its arguments (`select({ toId: knex.raw('?', id) })`), or made per element of a list
   * the call receives (`knex.unionAll(ids.map((id) => knex.select(…)))`). A function imported from the module that
   * provides the builder's client counts as the library's (`exists(db.select()…)` with both from `@/lib/db`).
   */
  private sameVariable(a: TSESTree.Identifier, b: TSESTree.Identifier): boolean {
    if (a.name !== b.name) return false;
    const first = findVariable(this.sourceCode.getScope(a) as never, a as never);
    return first !== null && first === findVariable(this.sourceCode.getScope(b) as never, b as never);
  }

  private isSubquery(call: TSESTree.CallExpression | TSESTree.Identifier, value: DbValue, heldOnce = false): boolean {
    let { child, parent } = parentSkippingWrappers(call);
    for (let step = 0; step < MAX_HOLDER_STEPS && parent; step++) {
      const holder = subqueryHolder(child, parent);
      if (!holder) break;
      ({ child, parent } = parentSkippingWrappers(holder));
    }
    // `const queries = updates.map((u) => db.update(…)…).filter(Boolean); await db.batch(queries)`: a list of builders
    // kept in a `const` is handed on where it is read, each read into a call of the library (one level of names).
    if (!heldOnce && parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === child && parent.id.type === AST_NODE_TYPES.Identifier && parent.parent.kind === 'const') {
      const variable = findVariable(this.sourceCode.getScope(parent.id) as never, parent.id as never) as TSESLint.Scope.Variable | null;
      const reads = variable?.references.filter((reference) => reference.isRead()) ?? [];
      const handedOn = reads.filter((reference) => !isConditionRead(reference.identifier as TSESTree.Identifier));
      return handedOn.length > 0 && handedOn.every((reference) => this.isSubquery(reference.identifier as TSESTree.Identifier, value, true));
    }
    if (parent?.type !== AST_NODE_TYPES.CallExpression || !parent.arguments.includes(child as TSESTree.CallExpressionArgument)) return false;
    const callee = skipExpressionWrappers(parent.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      // `current.unionAll(query)`: only a builder takes part in a set operation, whatever this file knows of `current`.
      if (SET_OPERATIONS.has(memberName(callee) ?? '')) return true;
      const receiver = this.evaluator.evaluate(callee.object);
      if (isDbValue(receiver) && receiver.library === value.library) return true;
      // `db.batch([db.update(…)…])`: the client the builder starts from, whatever this file knows of its type.
      const client = skipExpressionWrappers(callee.object);
      const root = value.op && chainRoot(value.op.head);
      return client.type === AST_NODE_TYPES.Identifier && root !== undefined && this.sameVariable(client, root);
    }
    if (callee.type === AST_NODE_TYPES.Identifier) {
      const source = this.evaluator.tools.importSource(callee);
      if (source === undefined) return false;
      if (source === value.library || source.startsWith(`${value.library}-orm`) || source.startsWith(`${value.library}/`)) return true;
      // The project's database module re-exporting the library's operators beside its client (unkey's
      // `import { db, exists } from '@/lib/db'`): `exists(db.select()…)` is a subquery too.
      const root = chainRoot(call);
      return root !== undefined && root !== callee && this.evaluator.tools.importSource(root) === source;
    }
    return false;
  }
}

/** Query builders' set operations: their argument is a part of the receiver's query. */
const SET_OPERATIONS = new Set(['union', 'unionAll', 'intersect', 'intersectAll', 'except', 'exceptAll']);

/**
 * `q.where(...)` as a statement on a builder kept in a variable adds a clause; the query is sent where
 * `q` is awaited or continued, not here. For Knex and Drizzle that holds for any builder kept in a variable or
 * a parameter (`queryBuilder.select(column)` in a loop over columns): their builders only run when awaited.
 */
function isDiscardedBuilderStep(call: TSESTree.CallExpression, value: DbValue, evaluate: (node: TSESTree.Node) => Value | undefined): boolean {
  if (!LAZY_BUILDER_LIBRARIES.has(value.library) || !value.op) return false;
  const { parent } = parentSkippingWrappers(call);
  if (parent?.type !== AST_NODE_TYPES.ExpressionStatement) return false;
  const method = calledMethodName(call);
  if (method === undefined || SENDING_METHODS.has(method)) return false;
  return !contains(call, value.op.head) || (THENABLE_BUILDER_LIBRARIES.has(value.library) && isHeldBuilder(call, evaluate));
}

/** The receiver of a method call is a builder held in a name or a field (`queryBuilder.select(…)`, `this.qb.where(…)`), not a client. */
function isHeldBuilder(call: TSESTree.CallExpression, evaluate: (node: TSESTree.Node) => Value | undefined): boolean {
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const object = skipExpressionWrappers(callee.object);
  const held = object.type === AST_NODE_TYPES.Identifier || (object.type === AST_NODE_TYPES.MemberExpression && skipExpressionWrappers(object.object).type === AST_NODE_TYPES.ThisExpression);
  if (!held) return false;
  const receiver = evaluate(object);
  return isDbValue(receiver) && receiver.role === 'builder';
}

/**
 * What holds a builder on its way into another call's arguments: the array or object literal it is an element
 * or property value of, or the `map`/`flatMap` call whose callback returns it. Undefined for anything else.
 */
function subqueryHolder(child: TSESTree.Node, parent: TSESTree.Node): TSESTree.Node | undefined {
  switch (parent.type) {
    case AST_NODE_TYPES.ArrayExpression:
    // `[...updates.map((u) => db.update(…)), …]`
    case AST_NODE_TYPES.SpreadElement:
      return parent;
    case AST_NODE_TYPES.Property:
      return parent.value === child && parent.parent.type === AST_NODE_TYPES.ObjectExpression ? parent.parent : undefined;
    case AST_NODE_TYPES.ArrowFunctionExpression:
      return parent.body === child ? mapCallOf(parent) : undefined;
    // `updates.map((u) => { …; return db.update(…)…; })`
    case AST_NODE_TYPES.ReturnStatement: {
      const fn = enclosingFunction(parent);
      return fn && (fn.type === AST_NODE_TYPES.ArrowFunctionExpression || fn.type === AST_NODE_TYPES.FunctionExpression) ? mapCallOf(fn) : undefined;
    }
    // A list of builders filtered or cut on its way: `xs.map(…).filter(Boolean)`.
    case AST_NODE_TYPES.MemberExpression: {
      const call = parent.parent;
      if (parent.object !== child || call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== parent) return undefined;
      return child.type === AST_NODE_TYPES.CallExpression && LIST_METHODS.has(calledMethodName(child) ?? '') && LIST_KEEPING_METHODS.has(memberName(parent) ?? '') ? call : undefined;
    }
    default:
      return undefined;
  }
}

/** A read that only tests the list: `if (!isNonEmptyArray(queries)) return;`, `queries.length > 0 ? … : …`. */
function isConditionRead(identifier: TSESTree.Identifier): boolean {
  let child: TSESTree.Node = identifier;
  for (let parent = child.parent; parent; child = parent, parent = parent.parent) {
    switch (parent.type) {
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.ConditionalExpression:
      case AST_NODE_TYPES.WhileStatement:
        return parent.test === child;
      case AST_NODE_TYPES.UnaryExpression:
      case AST_NODE_TYPES.LogicalExpression:
      case AST_NODE_TYPES.BinaryExpression:
        continue;
      case AST_NODE_TYPES.MemberExpression:
        if (parent.object === child && memberName(parent) === 'length') continue;
        return false;
      case AST_NODE_TYPES.CallExpression:
        if (parent.arguments.includes(child as TSESTree.CallExpressionArgument)) continue;
        return false;
      default:
        return false;
    }
  }
  return false;
}

/** The `map`/`flatMap` call a (not async) callback makes the list of. */
function mapCallOf(fn: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression): TSESTree.CallExpression | undefined {
  // An async callback's promise waits for the builder it returns: the query runs there.
  if (fn.async) return undefined;
  const mapCall = fn.parent;
  if (mapCall?.type !== AST_NODE_TYPES.CallExpression || !mapCall.arguments.includes(fn)) return undefined;
  const method = calledMethodName(mapCall);
  return method === 'map' || method === 'flatMap' ? mapCall : undefined;
}

/** Calls that make a list of builders, and the array methods that keep (some of) its elements as they are. */
const LIST_METHODS = new Set(['map', 'flatMap', 'filter', 'slice', 'concat']);
const LIST_KEEPING_METHODS = new Set(['filter', 'slice', 'concat']);

/** Prisma's fluent relation calls, Sequelize's association accessors and Objection's relation queries load a relation; `detail` names it. */
function isRelationLoad(value: DbValue): boolean {
  return (value.library === 'prisma' && value.role === 'relation') || (value.library === 'sequelize' && value.role === ASSOCIATION_ROLE) || (value.library === 'objection' && value.detail !== undefined);
}

function memoize<T>(compute: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value;
  };
}

/** Which of the packages asked about the program includes declarations of: computed once per program and package. */
const programPackages = new WeakMap<object, Map<string, boolean>>();
function programIncludes(typeServices: TypeServices, packageDirectories: readonly string[]): boolean {
  const program = typeServices.services.program;
  let known = programPackages.get(program);
  if (!known) {
    known = new Map();
    programPackages.set(program, known);
  }
  const key = packageDirectories.join(',');
  let found = known.get(key);
  if (found === undefined) {
    const needles = packageDirectories.map((directory) => `/node_modules/${directory}/`);
    found = program.getSourceFiles().some((file) => needles.some((needle) => file.fileName.includes(needle)));
    known.set(key, found);
  }
  return found;
}

const SEQUELIZE_PACKAGES = ['sequelize', '@sequelize/core', 'sequelize-typescript'];
const TYPEORM_PACKAGES = ['typeorm'];

const analyzers = new FileCache<Analyzer>();

/** One analyzer per linted file, shared by every rule that asks (cached on the SourceCode object). */
export function getDbOperations(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): DbOperationAnalyzer {
  return analyzers.get(context.sourceCode, () => {
    const typeServices = getTypeServices(context);
    return new Analyzer(new DbEvaluator(context.sourceCode, typeServices, { cwd: context.cwd, filename: context.filename }), context.sourceCode, typeServices);
  });
}

/** See `mayHoldDbValues`: the file loads a database package, or spells a name a library's heuristics look for. */
function fileMayHoldDbValues(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  // The imports first: a set every rule's module tracking already built, against a search of the whole text.
  return loadedModuleSources(sourceCode).some(isDatabasePackage) || textHasDbShape(sourceCode.text);
}

/**
 * Answers by module specifier: the same few (`express`, `@nestjs/common`, `./db`) recur in every file. A pure
 * function of the specifier, never of a linted file, so sharing it across files is safe; bounded for editors.
 */
const databasePackageAnswers = new Map<string, boolean>();
const MAX_PACKAGE_ANSWERS = 4096;

function isDatabasePackage(source: string): boolean {
  // A file's own modules (`./db`, `../shared/prisma`) are half its imports: no package, and no cache entry each.
  if (isRelativeSpecifier(source)) return false;
  let answer = databasePackageAnswers.get(source);
  if (answer === undefined) {
    answer = LIBRARIES.some((library) => library.matchesPackage(source));
    if (databasePackageAnswers.size < MAX_PACKAGE_ANSWERS) databasePackageAnswers.set(source, answer);
  }
  return answer;
}

/**
 * All libraries' name patterns in two searches, each stopping at the first hit. The names (case-insensitive: it
 * may only match more) with the whole-word patterns (`\b(?:db|tx)\b`) merged into one word group, so the engine
 * tests one word boundary per position instead of one per pattern: half the time on a file that matches nothing.
 * Then, only in a file none of those names is in, the method names (`membersInText`) in one group after their
 * shared prefix, case-sensitive: a separate search costs less than one case-insensitive alternation of both.
 */
const SHAPE_TEXT = combinedShapePatterns(LIBRARIES.flatMap((library) => library.shapeText ?? []));

function combinedShapePatterns(patterns: readonly RegExp[]): { names: RegExp; members: RegExp | undefined } {
  const words = new Set<string>();
  const members: string[] = [];
  // Libraries may share a pattern (Mongoose's and Objection's imports of a models module): searched once.
  const others = new Set<string>();
  for (const pattern of patterns) {
    // Our own constants, never linted text: `\b(?:a|b)\b` or `\b(a|b)\b` with plain words, or a member group.
    const wordGroup = /^\\b\((?:\?:)?([\w$|]+)\)\\b$/.exec(pattern.source);
    if (wordGroup) for (const word of wordGroup[1].split('|')) words.add(word);
    else if (pattern.source.startsWith(MEMBER_PREFIX)) members.push(pattern.source.slice(MEMBER_PREFIX.length));
    else others.add(`(?:${pattern.source})`);
  }
  const longestFirst = [...words].sort((a, b) => b.length - a.length);
  return {
    names: new RegExp([...(longestFirst.length > 0 ? [`\\b(?:${longestFirst.join('|')})\\b`] : []), ...others].join('|'), 'i'),
    members: members.length > 0 ? new RegExp(`${MEMBER_PREFIX}(?:${members.join('|')})`) : undefined,
  };
}

/** The file's text spells a name or method some library's heuristics look for (exported for its test). */
export function textHasDbShape(text: string): boolean {
  return SHAPE_TEXT.names.test(text) || SHAPE_TEXT.members?.test(text) === true;
}

/**
 * The vocabulary the per-library tables of the database analysis share: what a value of a library is
 * (its role: a client, a model, a query builder…), and the hooks a library implements to say how roles
 * follow from imports, annotations, injection, types, member accesses and calls.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import type { DbEvidence, DbLibrary, DbOperationKind } from '../db-operations';
import { escapeRegExp } from '../text-facts';
import { AST_NODE_TYPES } from '../../ast/node-types';
import { chainRoot, skipExpressionWrappers } from '../../ast/expressions';

/** A statement a chain of calls sends (or will send once finished). */
export interface PendingOperation {
  kind: DbOperationKind;
  method: string;
  operationCall: TSESTree.CallExpression;
  /** The first call of the chain: two calls belong to one chain when they share it. */
  head: TSESTree.CallExpression;
  target?: string;
  isBatched: boolean;
  /** The key lists of the chain's IN filters (`{ id: { in: ids } }` → `ids`): each one batches it. */
  keyLists: readonly TSESTree.Node[];
  /** False while a builder still needs a terminal call (Kysely's `execute`, a Redis pipeline's `exec`). */
  sent: boolean;
}

/** A role of a library object, before evidence is attached. */
export interface Role {
  role: string;
  target?: string;
  /** An array of such objects (rows a query returned). */
  many?: boolean;
  /** What awaiting this value yields (a promise of a client, a query's documents). */
  result?: Role;
  /** Library-specific detail, e.g. the statement kind of a query builder. */
  detail?: string;
}

export interface DbValue extends Role {
  library: DbLibrary;
  evidence: DbEvidence;
  op?: PendingOperation;
}

/** A value of unknown origin, remembered by the names that led to it (`ctx.prisma` → ['ctx', 'prisma']) for name heuristics. */
export interface OpaqueValue {
  opaque: true;
  names: string[];
  /** The same path under a renamed import's own name (`db` for `import { db as defaultDb }`): judged by either. */
  exportedNames?: string[];
}

export type Value = DbValue | OpaqueValue;

export function isOpaque(value: Value | undefined): value is OpaqueValue {
  return value !== undefined && 'opaque' in value;
}

export function isDbValue(value: Value | undefined): value is DbValue {
  return value !== undefined && !('opaque' in value);
}

/** Questions the library tables may ask about arguments. */
export interface AnalysisTools {
  /** The argument evaluates to an array (literal, `.map()` result, or an array type). */
  isArray(node: TSESTree.Node): boolean;
  /** The module an identifier is imported from, if any. */
  importSource(node: TSESTree.Node): string | undefined;
  /** The linted file's text. */
  readonly text: string;
  /**
   * Which of the object-mapper packages with look-alike model statics (`MODEL_MAPPER_PACKAGES`) the nearest
   * `package.json` above the linted file depends on: read once per file, and only when a heuristic asks.
   */
  modelMappers(): ReadonlySet<string>;
}

/** Libraries whose models share static names (`User.find()`, `User.findOne()`, `User.create()`). */
export const MODEL_MAPPER_PACKAGES = ['mongoose', 'typeorm', 'sequelize', 'sequelize-typescript', '@sequelize/core', '@mikro-orm/core', 'objection'] as const;

/** A project module of models: `./models/Robot`, `../models`, `@/models/alert`, `@/db/models/user`, `./user.model`. */
const MODELS_MODULE = /(?:^|[/.])models?(?:\/|$)|\.model$/;

/**
 * A file's text imports from a project module of models (`MODELS_MODULE`'s shapes, quoted): the file gate for
 * heuristics that need `receiverFromModelsModule` or `importedFromModelsModule`.
 */
export const MODELS_MODULE_IMPORT_TEXT = /\/models?\/|\/models?['"]|\.model['"]/;

/** A model class's name: `Robot`, `AlertHistory`. */
export const MODEL_CLASS_NAME = /^[A-Z][A-Za-z0-9]*$/;

/** The receiver of `call` (`Robot` in `Robot.findAll(…)`) is imported from a project module of models (`MODELS_MODULE`). */
export function receiverFromModelsModule(call: TSESTree.CallExpression, tools: AnalysisTools): boolean {
  const callee = skipExpressionWrappers(call.callee);
  const root = callee.type === AST_NODE_TYPES.MemberExpression ? chainRoot(callee.object) : undefined;
  return root !== undefined && importedFromModelsModule(root, tools);
}

/** `node` (a superclass: `Base` in `class Flow extends Base`) is a name imported from a project module of models. */
export function importedFromModelsModule(node: TSESTree.Node, tools: AnalysisTools): boolean {
  const source = tools.importSource(node);
  return source !== undefined && MODELS_MODULE.test(source);
}

/** What a library table knows. Every hook is optional except `call`. */
export interface LibraryModel {
  library: DbLibrary;
  /** Module specifiers of the library (and of its framework integrations, for injection decorators). */
  matchesPackage(source: string): boolean;
  /** Methods that end a chain without sending it (`toSQL`, `getFilter`): the calls before them are no operation either. */
  unsentBy?: ReadonlySet<string>;
  /** Method names that can start, continue or end an operation of this library: the cheap pre-filter. */
  methodNames: readonly string[];
  /** A module export; `path` starts at the export name (`default` and namespace imports dropped). */
  fromModule?(path: readonly string[], source: string): Role | undefined;
  /**
   * Where a file's text may spell a name this library's name heuristics answer to (`fromOpaque`,
   * `fromOpaqueTag`, `fromOpaqueSubclass`, `fromTypeName`, `fromProjectImport`): required of every library that has one of them,
   * built from the same patterns (`namePatternInText`, `wordsInText`). A file that loads no database
   * package and matches none holds no database value without type information, so its calls need no
   * evaluation at all.
   */
  shapeText?: readonly RegExp[];
  /** A project-module import (`import { PrismaClient } from '../generated/prisma'`). */
  fromProjectImport?(imported: string): Role | undefined;
  /** A type annotation naming a type of the library; `typeArguments` are the type arguments' names. */
  fromAnnotation?(path: readonly string[], typeArguments: readonly string[], source: string): Role | undefined;
  /** A type annotation naming a project type or a name the file does not declare (`PrismaService`). */
  fromTypeName?(name: string, typeArguments: readonly string[]): Role | undefined;
  /** A NestJS-style injection decorator (`@InjectRepository(User)`) from `source`. */
  fromInjection?(decorator: string, source: string, argument: TSESTree.Node | undefined): Role | undefined;
  /** The checker's view: the library declares a type of this name. `ownName` is the project class extending it. */
  fromType?(typeName: string, typeArguments: readonly string[], isStatic: boolean, ownName: string | undefined): Role | undefined;
  /** Name heuristics: a call on a value of unknown origin reached through `names`; `method` undefined when the value itself is called. */
  fromOpaque?(names: readonly string[], method: string | undefined, call: TSESTree.CallExpression, tools: AnalysisTools): DbValue | undefined;
  /**
   * Name heuristics for `class X extends <opaque>` (`superClass`, reached through `names`): a base class of the
   * project's own, which makes `X` a model of the library and `this` in its methods a model or a row.
   */
  fromOpaqueSubclass?(names: readonly string[], superClass: TSESTree.Node, className: string | undefined, tools: AnalysisTools): Role | undefined;
  /** Name heuristics for a tagged template whose tag is a member of an opaque value. */
  fromOpaqueTag?(names: readonly string[], node: TSESTree.TaggedTemplateExpression): DbValue | undefined;
  /** `value.name` as a value (not a method call): `prisma.user`, `dataSource.manager`. */
  member?(value: DbValue, name: string): Role | DbValue | undefined;
  /** `value.method(...)`, or `value(...)` when `method` is undefined. */
  call(value: DbValue, method: string | undefined, call: TSESTree.CallExpression, tools: AnalysisTools): Role | DbValue | undefined;
  /** `new <value>(...)`, or an annotation naming the class (`node` then undefined). */
  construct?(value: DbValue, node?: TSESTree.NewExpression): Role | undefined;
  /** `class X extends <value>`. */
  subclass?(value: DbValue, className: string | undefined): Role | undefined;
  /** Parameter `paramIndex` of a callback passed to `value.method(...)`. */
  callbackParam?(value: DbValue, method: string, call: TSESTree.CallExpression, paramIndex: number): Role | undefined;
  /** A tagged template whose tag is `value` (`sql\`…\``, `prisma.$queryRaw\`…\``). */
  tagged?(value: DbValue, node: TSESTree.TaggedTemplateExpression): Role | DbValue | undefined;
}

/** Starts an operation at `call`. */
export function startOperation(
  base: DbValue,
  call: TSESTree.CallExpression,
  method: string,
  kind: DbOperationKind,
  options: { role?: string; target?: string; isBatched?: boolean; keyLists?: readonly TSESTree.Node[]; sent?: boolean; result?: Role; detail?: string } = {},
): DbValue {
  const target = options.target ?? base.target;
  const keyLists = options.keyLists ?? [];
  return {
    library: base.library,
    evidence: base.evidence,
    role: options.role ?? 'query',
    target,
    result: options.result,
    detail: options.detail,
    op: { kind, method, operationCall: call, head: call, target, isBatched: (options.isBatched ?? false) || keyLists.length > 0, keyLists, sent: options.sent ?? true },
  };
}

/**
 * Continues the operation of a chain with one more call; a builder obtained from elsewhere (typed
 * values carry no operation) starts one here.
 */
export function continueOperation(
  value: DbValue,
  call: TSESTree.CallExpression,
  method: string,
  changes: { kind?: DbOperationKind; target?: string; isBatched?: boolean; keyLists?: readonly TSESTree.Node[]; sent?: boolean; result?: Role | null; role?: string; detail?: string } = {},
): DbValue {
  const op: PendingOperation = value.op
    ? { ...value.op }
    : { kind: 'read', method, operationCall: call, head: call, target: value.target, isBatched: false, keyLists: [], sent: true };
  if (changes.kind) op.kind = changes.kind;
  if (changes.target) op.target = changes.target;
  if (changes.isBatched) op.isBatched = true;
  if (changes.keyLists?.length) {
    op.isBatched = true;
    op.keyLists = [...op.keyLists, ...changes.keyLists];
  }
  if (changes.sent !== undefined) op.sent = changes.sent;
  return {
    ...value,
    role: changes.role ?? value.role,
    target: changes.target ?? value.target,
    detail: changes.detail ?? value.detail,
    result: changes.result === null ? undefined : (changes.result ?? value.result),
    op,
  };
}

/**
 * A name pattern (`/^(db|tx)$/i`, `/prisma/i`) as a search over a file's text: anchors become word
 * boundaries. The result only ever matches more than the names would (comments and strings too).
 */
export function namePatternInText(pattern: RegExp): RegExp {
  const source = pattern.source.replace(/^\^/, '\\b').replace(/\$$/, '\\b');
  return new RegExp(source, pattern.flags.replace('g', ''));
}

/**
 * Any of `words` as a method or property name: after a `.` (or `?.`), or a quote for `x['findMany']`, with
 * nothing but spaces between. For names a library's heuristics only accept as the method of a call
 * (`x.user.findMany()`), so that a lodash `groupBy(rows, key)` does not open the gate. `$`-names need no boundary.
 */
export function membersInText(words: Iterable<string>): RegExp {
  return new RegExp(`${MEMBER_PREFIX}(?:${literalAlternatives(words)})\\b`);
}

/** Method or property position, as `membersInText` writes it (the file gate merges these patterns by this prefix). */
export const MEMBER_PREFIX = `[.'"\`]\\s*`;

/** Any of `words` as a whole word of a file's text. */
export function wordsInText(words: Iterable<string>): RegExp {
  return new RegExp(`\\b(?:${literalAlternatives(words)})\\b`);
}

/** `words` as an alternation of literals: `a|b\\.c`. */
function literalAlternatives(words: Iterable<string>): string {
  return [...words].map(escapeRegExp).join('|');
}

/**
 * Whether a method call continues a knex or Kysely query-builder chain, so that builder-level rules
 * (`.select('*')`, `.selectAll()`, `.offset()`) can tell `db('users').select('*')` from `d3.select('*')`.
 *
 * Evidence, strongest first: the receiver's type (with type information); the chain's root bound to
 * the library's factory (`knex(config)`, `new Kysely(…)`), annotated with its types (`db: Knex`,
 * `trx: Transaction<DB>`, NestJS-injected properties) or handed out by its `transaction(…)`; and the
 * chain's shape (`x.selectFrom(…)`, `x('table')`). The database-operation analysis will subsume this.
 */
import { findVariable } from '@eslint-community/eslint-utils';
import type { ParserServicesWithTypeInformation, TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../../ast/node-types';
import { holdsTableName } from '../db/arguments';
import { getImportOrigin, isModuleObject, requireSource } from '../modules';
import { typeIsFromPackages } from './package-types';
import { staticPropertyName } from './tags';
import { PROMISE_CONTINUATIONS } from '../../ast/expressions';

type Scope = TSESLint.Scope.Scope;

export type QueryBuilderLibrary = 'knex' | 'kysely';
export type QueryBuilderEvidence = 'type' | 'import' | 'annotation' | 'shape';

export interface QueryBuilderMatch {
  readonly library: QueryBuilderLibrary;
  readonly evidence: QueryBuilderEvidence;
}

/** Methods that open a Kysely query; nothing else names its methods so. */
const KYSELY_QUERY_STARTERS = new Set(['selectFrom', 'insertInto', 'updateTable', 'deleteFrom', 'mergeInto', 'replaceInto']);

/** How many bindings to follow from a chain's root to the factory call (`trx` → `db.transaction()` → `knex()`). */
const MAX_ROOT_HOPS = 4;

/**
 * The query builder whose chain `call` continues: `call` is `<chain>.method(…)`. `services` is the
 * parser services when type information is available.
 */
export function queryBuilderOf(
  call: TSESTree.CallExpression,
  scope: Scope,
  services?: ParserServicesWithTypeInformation,
): QueryBuilderMatch | undefined {
  if (call.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const receiver = call.callee.object;
  if (services) {
    // `db(table).select(…)`: a call of a knex instance starts a knex builder. The callee's type is one answer per
    // instance; the call's type would cost the checker a resolution of knex's overloads at every call site.
    const callee = receiver.type === AST_NODE_TYPES.CallExpression ? receiver.callee : undefined;
    if (callee?.type === AST_NODE_TYPES.Identifier && typeIsFromPackages(services, callee, ['knex'])) return { library: 'knex', evidence: 'type' };
    const isKnex = typeIsFromPackages(services, receiver, ['knex']);
    if (isKnex) return { library: 'knex', evidence: 'type' };
    const isKysely = typeIsFromPackages(services, receiver, ['kysely']);
    if (isKysely) return { library: 'kysely', evidence: 'type' };
    // A resolved type from any other package settles it; only `any` falls back to the code's shape.
    if (isKnex === false) return undefined;
  }
  const chain = describeChain(receiver);
  const fromRoot = chain.root ? rootLibrary(chain.root, scope, 0) : undefined;
  if (fromRoot) return fromRoot;
  if (chain.methods.some((method) => KYSELY_QUERY_STARTERS.has(method))) return { library: 'kysely', evidence: 'shape' };
  if (chain.headCall && isKnexTableCall(chain.headCall, scope)) return { library: 'knex', evidence: 'shape' };
  return undefined;
}

interface ChainDescription {
  /** The identifier or `this.member` the chain starts from. */
  root?: TSESTree.Identifier | TSESTree.MemberExpression;
  /** Method names along the chain, outermost first. */
  methods: string[];
  /** The innermost call of the chain (`db('users')` in `db('users').where(…)`). */
  headCall?: TSESTree.CallExpression;
}

function describeChain(receiver: TSESTree.Expression): ChainDescription {
  const methods: string[] = [];
  let headCall: TSESTree.CallExpression | undefined;
  let node: TSESTree.Node = receiver;
  for (;;) {
    node = unwrapExpression(node);
    if (node.type === AST_NODE_TYPES.CallExpression) {
      headCall = node;
      node = node.callee;
    } else if (node.type === AST_NODE_TYPES.MemberExpression) {
      if (node.object.type === AST_NODE_TYPES.ThisExpression) return { root: node, methods, headCall };
      const name = staticPropertyName(node);
      if (name !== undefined) methods.push(name);
      node = node.object;
    } else if (node.type === AST_NODE_TYPES.Identifier) {
      return { root: node, methods, headCall };
    } else {
      return { methods, headCall };
    }
  }
}

function unwrapExpression(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.type === AST_NODE_TYPES.ChainExpression ||
    current.type === AST_NODE_TYPES.TSNonNullExpression ||
    current.type === AST_NODE_TYPES.TSAsExpression ||
    current.type === AST_NODE_TYPES.AwaitExpression
  ) {
    current = current.type === AST_NODE_TYPES.AwaitExpression ? current.argument : current.expression;
  }
  return current;
}

/** `db('users')`, `db(USERS_TABLE)`: a knex instance called with a table name, unless `db` is imported from another package. */
function isKnexTableCall(call: TSESTree.CallExpression, scope: Scope): boolean {
  if (call.callee.type !== AST_NODE_TYPES.Identifier) return false;
  if (!holdsTableName(call.arguments[0])) return false;
  const origin = getImportOrigin(call.callee, scope);
  return !origin || origin.isProjectModule || origin.source === 'knex';
}

/** The library of a chain root: a binding of a factory call, a typed binding, or a transaction handle. */
function rootLibrary(root: TSESTree.Identifier | TSESTree.MemberExpression, scope: Scope, hops: number): QueryBuilderMatch | undefined {
  if (hops > MAX_ROOT_HOPS) return undefined;
  if (root.type === AST_NODE_TYPES.MemberExpression) return classMemberLibrary(root, scope);
  const variable = findVariable(scope as never, root as never) as TSESLint.Scope.Variable | null;
  const def = variable?.defs[0];
  if (!variable || !def) return undefined;
  if (def.type === 'Variable') {
    const declarator = def.node as TSESTree.VariableDeclarator;
    const annotated = annotationLibrary(declarator.id.type === AST_NODE_TYPES.Identifier ? declarator.id.typeAnnotation : undefined, variable.scope);
    if (annotated) return annotated;
    return declarator.init ? valueLibrary(declarator.init, variable.scope, hops) : undefined;
  }
  if (def.type === 'Parameter') {
    const name = def.name as TSESTree.Identifier;
    const annotated = annotationLibrary(name.typeAnnotation, variable.scope);
    if (annotated) return annotated;
    return transactionCallbackLibrary(def.node as TSESTree.Node, variable.scope, hops);
  }
  return undefined;
}

/** What a bound value is: `knex(config)`, `new Kysely(…)`, `await db.transaction()`. */
function valueLibrary(value: TSESTree.Node, scope: Scope, hops: number): QueryBuilderMatch | undefined {
  const node = unwrapExpression(value);
  if (node.type === AST_NODE_TYPES.NewExpression) {
    return isImportedFrom(node.callee, scope, 'kysely', ['Kysely']) ? { library: 'kysely', evidence: 'import' } : undefined;
  }
  if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const callee = node.callee;
  if (isImportedFrom(callee, scope, 'knex', ['default', 'knex', '*']) || isRequireOf(callee, 'knex')) return { library: 'knex', evidence: 'import' };
  // const trx = await db.transaction()
  if (callee.type === AST_NODE_TYPES.MemberExpression && staticPropertyName(callee) === 'transaction') {
    const base = unwrapExpression(callee.object);
    if (base.type === AST_NODE_TYPES.Identifier || isThisMember(base)) return rootLibrary(base as TSESTree.Identifier, scope, hops + 1);
  }
  return undefined;
}

/**
 * `db.transaction(async (trx) => …)` (knex) and `db.transaction().execute(async (trx) => …)` (Kysely):
 * the callback's parameter is the same kind of handle as `db`.
 */
function transactionCallbackLibrary(fn: TSESTree.Node, scope: Scope, hops: number): QueryBuilderMatch | undefined {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(fn as TSESTree.CallExpressionArgument)) return undefined;
  if (call.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  let owner: TSESTree.Node = call.callee;
  const method = staticPropertyName(call.callee);
  if (method === 'execute') {
    const inner = unwrapExpression(call.callee.object);
    if (inner.type !== AST_NODE_TYPES.CallExpression || inner.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    if (staticPropertyName(inner.callee) !== 'transaction') return undefined;
    owner = inner.callee;
  } else if (method !== 'transaction') {
    return undefined;
  }
  const base = unwrapExpression((owner as TSESTree.MemberExpression).object);
  if (base.type === AST_NODE_TYPES.Identifier || isThisMember(base)) {
    // The callback's scope is inside the function; the receiver is resolved from where the call is.
    return rootLibrary(base as TSESTree.Identifier | TSESTree.MemberExpression, scope.upper ?? scope, hops + 1);
  }
  return undefined;
}

function isThisMember(node: TSESTree.Node): node is TSESTree.MemberExpression {
  return node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.ThisExpression;
}

/** `this.db` in a class: the property's annotation or initialiser, or the constructor parameter property. */
function classMemberLibrary(member: TSESTree.MemberExpression, scope: Scope): QueryBuilderMatch | undefined {
  const name = staticPropertyName(member);
  if (name === undefined) return undefined;
  let classBody: TSESTree.Node | undefined = member.parent;
  while (classBody && classBody.type !== AST_NODE_TYPES.ClassBody) classBody = classBody.parent;
  if (!classBody) return undefined;
  for (const element of classBody.body) {
    if (element.type === AST_NODE_TYPES.PropertyDefinition && !element.computed && element.key.type === AST_NODE_TYPES.Identifier && element.key.name === name) {
      const annotated = annotationLibrary(element.typeAnnotation, scope);
      if (annotated) return annotated;
      if (element.value) return valueLibrary(element.value, scope, 0);
    }
    if (element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'constructor') {
      for (const param of element.value.params) {
        if (param.type !== AST_NODE_TYPES.TSParameterProperty) continue;
        const inner = param.parameter.type === AST_NODE_TYPES.AssignmentPattern ? param.parameter.left : param.parameter;
        if (inner.type === AST_NODE_TYPES.Identifier && inner.name === name) return annotationLibrary(inner.typeAnnotation, scope);
      }
    }
  }
  return undefined;
}

/** `Knex`, `Knex.Transaction`, `Kysely<DB>`, `Transaction<DB>`, imported from the library. */
function annotationLibrary(annotation: TSESTree.TSTypeAnnotation | undefined, scope: Scope): QueryBuilderMatch | undefined {
  const type = annotation?.typeAnnotation;
  if (type?.type !== AST_NODE_TYPES.TSTypeReference) return undefined;
  let name: TSESTree.EntityName = type.typeName;
  while (name.type === AST_NODE_TYPES.TSQualifiedName) name = name.left;
  if (name.type !== AST_NODE_TYPES.Identifier) return undefined;
  const source = getImportOrigin(name, scope)?.source;
  return source === 'knex' || source === 'kysely' ? { library: source, evidence: 'annotation' } : undefined;
}

function isImportedFrom(node: TSESTree.Node, scope: Scope, source: string, names: readonly string[]): boolean {
  if (node.type === AST_NODE_TYPES.Identifier) {
    const origin = getImportOrigin(node, scope);
    return origin?.source === source && names.includes(origin.imported);
  }
  // knex.knex(…), kysely.Kysely with a namespace import
  if (node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.Identifier) {
    const origin = getImportOrigin(node.object, scope);
    const property = staticPropertyName(node);
    return origin?.source === source && isModuleObject(origin.imported) && property !== undefined && names.includes(property);
  }
  return false;
}

/** `require('knex')` as a callee: `require('knex')(config)`. */
function isRequireOf(node: TSESTree.Node, source: string): boolean {
  return requireSource(node) === source;
}

/**
 * The outermost call of the chain `call` belongs to: `db('t').select('*').where(…)` for the `.select`
 * call. `.then`/`.catch`/`.finally` do not extend a chain (as in the database-operation analysis).
 */
export function outermostChainCall(call: TSESTree.CallExpression): TSESTree.CallExpression {
  let outer = call;
  let node: TSESTree.Node = call;
  for (;;) {
    let parent: TSESTree.Node | undefined = node.parent;
    while (parent && (parent.type === AST_NODE_TYPES.ChainExpression || parent.type === AST_NODE_TYPES.TSNonNullExpression)) {
      node = parent;
      parent = node.parent;
    }
    if (
      parent?.type !== AST_NODE_TYPES.MemberExpression ||
      parent.object !== node ||
      parent.parent?.type !== AST_NODE_TYPES.CallExpression ||
      parent.parent.callee !== parent ||
      PROMISE_CONTINUATIONS.has(staticPropertyName(parent) ?? '')
    ) {
      return outer;
    }
    outer = parent.parent;
    node = outer;
  }
}


/**
 * Is a list query bounded? Reads the pieces that decide it, across ORMs: an option of a query's options
 * object (`take`, `limit`, `where`), a filter that pins the primary key (`{ id }`, `{ id: { in: ids } }`,
 * `In(ids)`, `{ _id: { $in: ids } }`, `eq(t.id, id)`), and the method calls of a builder chain, including
 * those made on a builder kept in a variable (`qb.take(10)` as a statement).
 *
 * Everything here is syntax: which library a call belongs to is the database analysis' job
 * (src/analysis/db-operations.ts). Walks are bounded in depth and size.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast/node-types';
import { enclosingFunction, isFunction, isLoop, soleReturnedExpression } from '../ast/code-shape';
import { constInitializer, memberName, parentSkippingWrappers, skipExpressionWrappers, type TypeServices } from './library-origin';
import { memberPath, PROMISE_COMBINATORS } from '../ast/expressions';
import { typescript } from './typescript-module';
import { promiseAllElements } from './query-results';
import type { DrizzleTableKeys, DrizzleTableLookup } from './drizzle-schema';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Variable = TSESLint.Scope.Variable;

/** Fields treated as a primary key unless a rule is told more. */
export const DEFAULT_KEY_FIELDS: readonly string[] = ['id', '_id', 'uuid'];

/** Which filters bound a query by its input. */
export interface KeyPolicy {
  /** Unique fields: equal to a value, or one of a list of values, they bound a query. */
  fields: ReadonlySet<string>;
  /** A list filter on any field (`{ authorId: { in: ids } }`) bounds it too, as batched loads of many parents' children assume. */
  listsOnAnyField: boolean;
  /** Fields unique together (a schema's `@@unique([userId, tagId])`): pinning all of one such list bounds a query too. */
  compounds?: readonly (readonly string[])[];
  /**
   * Prisma relations by field name, with the fields holding the related row's key and that model's own keys: a filter
   * on the relation that pins the related row (`entityVersion: { entityId, versionNumber }`) pins those fields.
   */
  relations?: ReadonlyMap<string, { fields: readonly string[]; keys: KeyPolicy }>;
  /**
   * Drizzle: the keys tables declare (see drizzle-schema.ts), for conditions on their columns. `relational` is the table
   * of a relational query (`db.query.pageComponent`), which its `where` callback names by its first parameter.
   */
  drizzleTables?: { lookup: DrizzleTableLookup; relational?: DrizzleTableKeys };
}

// ---------------------------------------------------------------------------------------------------------
// Options objects

/** What an options object says about one option: set (with its value), surely not set, or unknowable (a spread, a computed key). */
export type OptionLookup = { kind: 'set'; value: TSESTree.Node } | { kind: 'absent' } | { kind: 'unknown' };

function staticKey(property: TSESTree.Property): string | undefined {
  if (!property.computed && property.key.type === AST_NODE_TYPES.Identifier) return property.key.name;
  if (property.key.type === AST_NODE_TYPES.Literal && typeof property.key.value === 'string') return property.key.value;
  return undefined;
}

/** The option `name` of an object literal. Anything but an object literal is `unknown`. */
export function readOption(options: TSESTree.Node | undefined, name: string): OptionLookup {
  if (!options) return { kind: 'absent' };
  const object = skipExpressionWrappers(options);
  if (object.type !== AST_NODE_TYPES.ObjectExpression) return { kind: 'unknown' };
  let unknown = false;
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.SpreadElement) {
      unknown = true;
      continue;
    }
    const key = staticKey(property);
    if (key === name) return { kind: 'set', value: property.value };
    if (key === undefined && property.computed) unknown = true;
  }
  return unknown ? { kind: 'unknown' } : { kind: 'absent' };
}

/** The spread arguments of an object literal (`{ ...args, where }` → `args`). */
export function spreadArguments(options: TSESTree.Node | undefined): TSESTree.Node[] {
  if (!options) return [];
  const object = skipExpressionWrappers(options);
  if (object.type !== AST_NODE_TYPES.ObjectExpression) return [];
  return object.properties.filter((property) => property.type === AST_NODE_TYPES.SpreadElement).map((spread) => (spread as TSESTree.SpreadElement).argument);
}

/**
 * The object literal an options argument is: the literal itself, or the initialiser of a `const` that is
 * read only here (so nothing adds a `take` to it on the way).
 */
export function resolveObjectLiteral(node: TSESTree.Node | undefined, sourceCode: SourceCode): TSESTree.ObjectExpression | undefined {
  if (!node) return undefined;
  const current = skipExpressionWrappers(node);
  if (current.type === AST_NODE_TYPES.ObjectExpression) return current;
  if (current.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = variableOf(current, sourceCode);
  const def = variable?.defs[0];
  if (!variable || variable.defs.length !== 1 || def?.type !== 'Variable' || def.node.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  if ((def.parent as TSESTree.VariableDeclaration | undefined)?.kind !== 'const' || !def.node.init) return undefined;
  const init = skipExpressionWrappers(def.node.init);
  if (init.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const reads = variable.references.filter((reference) => !reference.init);
  // Reads after this one cannot change what it sends (erxes returns the selector beside the rows), unless a loop
  // around both runs this one again after them.
  return reads.every((reference) => reference.identifier === current || readsLaterOnce(reference.identifier as TSESTree.Node, current)) ? init : undefined;
}

function readsLaterOnce(later: TSESTree.Node, query: TSESTree.Node): boolean {
  if (later.range[0] < query.range[1]) return false;
  for (let node = query.parent; node && !isFunction(node); node = node.parent) {
    if (isLoop(node) && node.range[0] <= later.range[0] && later.range[1] <= node.range[1]) return false;
  }
  return true;
}

function variableOf(identifier: TSESTree.Identifier, sourceCode: SourceCode): Variable | undefined {
  let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(identifier);
  while (scope) {
    const variable = scope.set.get(identifier.name);
    if (variable) return variable;
    scope = scope.upper;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Filters that pin the primary key

/** How a library writes "equals" and "one of" in a filter object. */
export type FilterDialect = 'prisma' | 'typeorm' | 'sequelize' | 'mongo' | 'payload';

const EQUALS_OR_IN: Readonly<Record<FilterDialect, ReadonlySet<string>>> = {
  prisma: new Set(['equals', 'in']),
  typeorm: new Set(),
  sequelize: new Set(['eq', 'in']),
  mongo: new Set(['$eq', '$in']),
  payload: new Set(['equals', 'in']),
};
const CONJUNCTIONS: Readonly<Record<FilterDialect, string>> = { prisma: 'AND', typeorm: '', sequelize: 'and', mongo: '$and', payload: 'and' };
const DISJUNCTIONS: Readonly<Record<FilterDialect, string>> = { prisma: 'OR', typeorm: '', sequelize: 'or', mongo: '$or', payload: 'or' };

/** TypeORM find operators; of these only `In`, `Equal` and `Any` keep a key lookup bounded by its input. */
const TYPEORM_OPERATORS = new Set([
  'Not', 'LessThan', 'LessThanOrEqual', 'MoreThan', 'MoreThanOrEqual', 'Equal', 'Like', 'ILike', 'Between', 'In', 'Any', 'IsNull',
  'ArrayContains', 'ArrayContainedBy', 'ArrayOverlap', 'Raw', 'JsonContains', 'And', 'Or',
]);
const TYPEORM_KEY_OPERATORS = new Set(['In', 'Equal', 'Any']);

/** The key of a filter property: its static name, or for Sequelize's `[Op.in]` the operator's name. */
function filterKey(property: TSESTree.Property, dialect: FilterDialect): string | undefined {
  const key = staticKey(property);
  if (key !== undefined) return key;
  if (dialect === 'sequelize' && property.computed && property.key.type === AST_NODE_TYPES.MemberExpression) return memberName(property.key);
  return undefined;
}

/**
 * Whether a filter object matches at most as many rows as its input names: the primary key equals a
 * value, or is one of a list (`{ id }`, `{ id: { in: ids } }`, `{ id: In(ids) }`, `{ id: ids }` in
 * Sequelize, `{ _id: { $in: ids } }`), directly or inside a conjunction; a disjunction needs it in
 * every branch. A TypeORM `where` array is a disjunction.
 */
export function filterPinsKey(filter: TSESTree.Node | undefined, keys: KeyPolicy, dialect: FilterDialect, depth = 0): boolean {
  if (!filter || depth > 6) return false;
  const current = skipExpressionWrappers(filter);
  // `where: user ? { AND: [{ id: { in: ids } }, …] } : { id: { in: ids } }`: whichever runs pins it (Typebot's linked bots).
  if (current.type === AST_NODE_TYPES.ConditionalExpression) return filterPinsKey(current.consequent, keys, dialect, depth + 1) && filterPinsKey(current.alternate, keys, dialect, depth + 1);
  if (current.type === AST_NODE_TYPES.ArrayExpression) {
    return dialect === 'typeorm' && current.elements.length > 0 && current.elements.every((element) => element !== null && element.type !== AST_NODE_TYPES.SpreadElement && filterPinsKey(element, keys, dialect, depth + 1));
  }
  if (current.type !== AST_NODE_TYPES.ObjectExpression) return false;
  let pinned: Set<string> | undefined;
  for (const property of current.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const key = filterKey(property, dialect);
    if (key === undefined) continue;
    if (dialect === 'typeorm' && relationFilterPinsKey(key, property.value, keys)) return true;
    const relation = keys.relations?.get(key);
    if (relation && filterPinsKey(property.value, relation.keys, dialect, depth + 1)) {
      // The related row is pinned by its key, and with it the fields that hold the key here.
      if (relation.fields.length === 1 && keys.fields.has(relation.fields[0])) return true;
      if (keys.compounds) for (const field of relation.fields) (pinned ??= new Set()).add(field);
      continue;
    }
    if (keys.fields.has(key) ? valuePinsKey(property.value, dialect) : keys.listsOnAnyField && valueIsList(property.value, dialect)) return true;
    if (key === CONJUNCTIONS[dialect] && someBranchPins(property.value, keys, dialect, depth)) return true;
    if (key === DISJUNCTIONS[dialect] && everyBranchPins(property.value, keys, dialect, depth)) return true;
    if (keys.compounds && valuePinsKey(property.value, dialect)) (pinned ??= new Set()).add(key);
  }
  return pinned !== undefined && keys.compounds!.some((compound) => compound.every((field) => pinned.has(field)));
}

/**
 * TypeORM's filter on a relation by the related row's key, `project: { id: projectId }` (or `{ id: In(ids) }`): it pins
 * the relation as `projectId: projectId` pins the column, so a key field named `project` or `projectId` counts.
 */
function relationFilterPinsKey(key: string, value: TSESTree.Node, keys: KeyPolicy): boolean {
  if (!keys.fields.has(key) && !keys.fields.has(`${key}Id`)) return false;
  const related = skipExpressionWrappers(value);
  if (related.type !== AST_NODE_TYPES.ObjectExpression) return false;
  return related.properties.some((property) => {
    if (property.type !== AST_NODE_TYPES.Property) return false;
    const relatedKey = filterKey(property, 'typeorm');
    return relatedKey !== undefined && DEFAULT_KEY_FIELDS.includes(relatedKey) && valuePinsKey(property.value, 'typeorm');
  });
}

function someBranchPins(value: TSESTree.Node, keys: KeyPolicy, dialect: FilterDialect, depth: number): boolean {
  const current = skipExpressionWrappers(value);
  if (current.type === AST_NODE_TYPES.ArrayExpression) {
    return current.elements.some((element) => element !== null && element.type !== AST_NODE_TYPES.SpreadElement && filterPinsKey(element, keys, dialect, depth + 1));
  }
  return filterPinsKey(current, keys, dialect, depth + 1);
}

function everyBranchPins(value: TSESTree.Node, keys: KeyPolicy, dialect: FilterDialect, depth: number): boolean {
  const current = skipExpressionWrappers(value);
  if (current.type !== AST_NODE_TYPES.ArrayExpression || current.elements.length === 0) return false;
  return current.elements.every((element) => element !== null && element.type !== AST_NODE_TYPES.SpreadElement && filterPinsKey(element, keys, dialect, depth + 1));
}

/**
 * Prisma's `distinct: ['entityId']` with a filter that pins each of those fields to a value or a list
 * (`where: { entityId: { in: websiteIds } }`): at most one row per value, however many rows match (Umami's shares).
 */
export function distinctFieldsPinned(options: TSESTree.ObjectExpression, where: TSESTree.Node): boolean {
  const fields = distinctFields(options);
  const filter = skipExpressionWrappers(where);
  if (fields === undefined || filter.type !== AST_NODE_TYPES.ObjectExpression) return false;
  return fields.every((field) =>
    filter.properties.some((property) => property.type === AST_NODE_TYPES.Property && filterKey(property, 'prisma') === field && valuePinsKey(property.value, 'prisma')),
  );
}

/**
 * Prisma's `distinct: ['platform']` with a `select` of those fields only (`select: { platform: true }`): the values a
 * column holds, one row each, as `groupBy({ by: ['platform'] })` returns them (Postiz's platforms and categories,
 * Formbricks' integration types). A column of identifiers (`objectId`, `symbolProfileId`) has as many values as the
 * rows it points to: those lists stay unbounded (Langfuse's commented objects).
 */
export function selectsOnlyDistinctFields(options: TSESTree.ObjectExpression): boolean {
  const fields = distinctFields(options);
  if (fields?.some((field) => IDENTIFIER_FIELD.test(field))) return false;
  const select = options.properties.find((property): property is TSESTree.Property => property.type === AST_NODE_TYPES.Property && filterKey(property, 'prisma') === 'select');
  const selected = select && skipExpressionWrappers(select.value);
  if (fields === undefined || selected?.type !== AST_NODE_TYPES.ObjectExpression || selected.properties.length === 0) return false;
  return selected.properties.every((property) => {
    if (property.type !== AST_NODE_TYPES.Property) return false;
    const key = filterKey(property, 'prisma');
    const value = skipExpressionWrappers(property.value);
    // `field: false` selects nothing; a relation's nested `select` would bring its rows along.
    return key !== undefined && value.type === AST_NODE_TYPES.Literal && (value.value === false || (value.value === true && fields.includes(key)));
  });
}

/** `id`, `userId`, `objectID`, `project_id`, `tagIds`: a field of identifiers. */
const IDENTIFIER_FIELD = /(?:^id|[a-z0-9]Id|ID|_id)s?$/;

/** The string fields of Prisma's `distinct` option (a list or one field); undefined when absent or not all plain strings. */
function distinctFields(options: TSESTree.ObjectExpression): string[] | undefined {
  const distinct = options.properties.find((property): property is TSESTree.Property => property.type === AST_NODE_TYPES.Property && filterKey(property, 'prisma') === 'distinct');
  const value = distinct && skipExpressionWrappers(distinct.value);
  const elements = value?.type === AST_NODE_TYPES.ArrayExpression ? value.elements : value ? [value] : [];
  const fields: string[] = [];
  for (const element of elements) {
    if (element?.type !== AST_NODE_TYPES.Literal || typeof element.value !== 'string') return undefined;
    fields.push(element.value);
  }
  return fields.length > 0 ? fields : undefined;
}

/** The value given to a key field: a plain value (equality) or a list operator pins it; range and negation operators do not. */
function valuePinsKey(value: TSESTree.Node, dialect: FilterDialect): boolean {
  const current = skipExpressionWrappers(value);
  switch (current.type) {
    case AST_NODE_TYPES.ObjectExpression:
      return current.properties.some((property) => {
        if (property.type !== AST_NODE_TYPES.Property) return false;
        const key = filterKey(property, dialect);
        return key !== undefined && EQUALS_OR_IN[dialect].has(key);
      });
    case AST_NODE_TYPES.ArrayExpression:
      // Sequelize reads an array as IN; elsewhere an array value is an equality on an array column.
      return dialect === 'sequelize';
    case AST_NODE_TYPES.CallExpression: {
      const callee = skipExpressionWrappers(current.callee);
      if (dialect === 'typeorm' && callee.type === AST_NODE_TYPES.Identifier && TYPEORM_OPERATORS.has(callee.name)) return TYPEORM_KEY_OPERATORS.has(callee.name);
      return true;
    }
    case AST_NODE_TYPES.Identifier:
      // Prisma, TypeORM and Sequelize drop a filter whose value is undefined.
      return current.name !== 'undefined';
    case AST_NODE_TYPES.ConditionalExpression:
      // `id: excluded ? { not: excluded } : undefined` pins nothing: each branch must pin the key.
      return valuePinsKey(current.consequent, dialect) && valuePinsKey(current.alternate, dialect);
    case AST_NODE_TYPES.LogicalExpression:
      // `id: messageId ?? undefined` (Flowise's chat messages) pins the key only when there is one: each side must.
      return valuePinsKey(current.left, dialect) && valuePinsKey(current.right, dialect);
    default:
      return true;
  }
}

const LIST_OPERATORS: Readonly<Record<FilterDialect, string>> = { prisma: 'in', typeorm: '', sequelize: 'in', mongo: '$in', payload: 'in' };
const TYPEORM_LIST_OPERATORS = new Set(['In', 'Any']);

/** The value given to a field is "one of a list": `{ in: ids }`, `{ $in: ids }`, `In(ids)`, Sequelize's arrays and `[Op.in]`. */
function valueIsList(value: TSESTree.Node, dialect: FilterDialect): boolean {
  const current = skipExpressionWrappers(value);
  switch (current.type) {
    case AST_NODE_TYPES.ObjectExpression:
      return current.properties.some((property) => property.type === AST_NODE_TYPES.Property && filterKey(property, dialect) === LIST_OPERATORS[dialect]);
    case AST_NODE_TYPES.ArrayExpression:
      return dialect === 'sequelize';
    case AST_NODE_TYPES.CallExpression: {
      const callee = skipExpressionWrappers(current.callee);
      return dialect === 'typeorm' && callee.type === AST_NODE_TYPES.Identifier && TYPEORM_LIST_OPERATORS.has(callee.name);
    }
    default:
      return false;
  }
}

const DRIZZLE_KEY_COMPARISONS = new Set(['eq', 'inArray']);

/**
 * Drizzle: a `where` condition that pins the primary key: `eq(t.id, id)`, `inArray(t.id, ids)`, inside
 * `and(...)` (or in every branch of `or(...)`); also the relational API's callback form
 * (`(t, { eq }) => eq(t.id, id)`) and object form (`{ id: 1 }`). With `keys.drizzleTables`, also a key the table
 * declares: a unique column, or every column of a compound key across the conjuncts of one `and(...)`.
 */
export function drizzleConditionPinsKey(condition: TSESTree.Node | undefined, keys: KeyPolicy, sourceCode?: Readonly<TSESLint.SourceCode>, depth = 0, tableParameter?: string): boolean {
  if (!condition || depth > 6) return false;
  const current = skipExpressionWrappers(condition);
  // `.where(expected ? and(inArray(t.id, ids), …) : inArray(t.id, ids))`: whichever runs pins it (Sim's documents).
  if (current.type === AST_NODE_TYPES.ConditionalExpression) {
    return drizzleConditionPinsKey(current.consequent, keys, sourceCode, depth + 1, tableParameter) && drizzleConditionPinsKey(current.alternate, keys, sourceCode, depth + 1, tableParameter);
  }
  if (current.type === AST_NODE_TYPES.ArrowFunctionExpression || current.type === AST_NODE_TYPES.FunctionExpression) {
    const first = current.params[0];
    return drizzleConditionPinsKey(soleReturnedExpression(current), keys, sourceCode, depth + 1, first?.type === AST_NODE_TYPES.Identifier ? first.name : undefined);
  }
  if (current.type === AST_NODE_TYPES.ObjectExpression) return filterPinsKey(current, keys, 'prisma', depth + 1);
  // `and(...conditions)` with `const conditions: SQL[] = [eq(t.workspaceId, id), inArray(t.id, ids)]`: later `push`es
  // only add conjuncts, so a key the literal pins stays pinned (OpenStatus's monitor lookups).
  if (current.type === AST_NODE_TYPES.SpreadElement) {
    const list = spreadConstList(current, sourceCode);
    return list !== undefined && list.some((element) => element !== null && drizzleConditionPinsKey(element, keys, sourceCode, depth + 1, tableParameter));
  }
  if (current.type !== AST_NODE_TYPES.CallExpression) return false;
  const name = calleeName(current);
  if (name !== undefined && DRIZZLE_KEY_COMPARISONS.has(name)) {
    const column = current.arguments[0];
    if (name === 'inArray' && keys.listsOnAnyField) return true;
    if (column === undefined) return false;
    if (isKeyColumn(column, keys.fields)) return true;
    const declared = pinnedColumn(current);
    if (declared && declaredTableKeys(declared.table, keys, tableParameter)?.fields.has(declared.column)) return true;
    // The value first (`eq(id, users.id)`) only when the first side is no column: in `eq(bookmarks.userId, ctx.user.id)`
    // the second side is the value, though it reads a property named `id`.
    const value = current.arguments[1];
    return name === 'eq' && value !== undefined && skipExpressionWrappers(column).type !== AST_NODE_TYPES.MemberExpression && isKeyColumn(value, keys.fields);
  }
  if (name === 'and') {
    if (current.arguments.some((argument) => drizzleConditionPinsKey(argument, keys, sourceCode, depth + 1, tableParameter))) return true;
    return keys.drizzleTables !== undefined && conjunctsPinCompoundKey(current, keys, sourceCode, tableParameter);
  }
  if (name === 'or') return current.arguments.length > 0 && current.arguments.every((argument) => argument.type !== AST_NODE_TYPES.SpreadElement && drizzleConditionPinsKey(argument, keys, sourceCode, depth + 1, tableParameter));
  return false;
}

function spreadConstList(spread: TSESTree.SpreadElement, sourceCode: Readonly<TSESLint.SourceCode> | undefined): readonly (TSESTree.Node | null)[] | undefined {
  const list = sourceCode && spread.argument.type === AST_NODE_TYPES.Identifier ? constInitializer(spread.argument, sourceCode.getScope(spread.argument)) : undefined;
  return list?.type === AST_NODE_TYPES.ArrayExpression ? list.elements : undefined;
}

/** `eq(table.column, …)`, `inArray(table.column, …)`: the table expression and the column's name. */
function pinnedColumn(call: TSESTree.CallExpression): { table: TSESTree.Expression; column: string } | undefined {
  const name = calleeName(call);
  const column = call.arguments[0] && skipExpressionWrappers(call.arguments[0]);
  if (name === undefined || !DRIZZLE_KEY_COMPARISONS.has(name) || column?.type !== AST_NODE_TYPES.MemberExpression || call.arguments.length < 2) return undefined;
  const columnName = memberName(column);
  return columnName === undefined ? undefined : { table: column.object, column: columnName };
}

function declaredTableKeys(table: TSESTree.Node, keys: KeyPolicy, tableParameter: string | undefined): DrizzleTableKeys | undefined {
  const tables = keys.drizzleTables;
  if (!tables) return undefined;
  const node = skipExpressionWrappers(table);
  if (node.type === AST_NODE_TYPES.Identifier && node.name === tableParameter) return tables.relational;
  return tables.lookup(node);
}

/** Every column of one of a table's compound keys is pinned by a conjunct of `and(...)` (nested `and`s and spread `const` lists included). */
function conjunctsPinCompoundKey(and: TSESTree.CallExpression, keys: KeyPolicy, sourceCode: Readonly<TSESLint.SourceCode> | undefined, tableParameter: string | undefined): boolean {
  const pinned = new Map<string, { table: TSESTree.Node; columns: Set<string> }>();
  const visit = (node: TSESTree.Node, depth: number): void => {
    if (depth > 4) return;
    const current = skipExpressionWrappers(node);
    if (current.type === AST_NODE_TYPES.SpreadElement) {
      for (const element of spreadConstList(current, sourceCode) ?? []) if (element) visit(element, depth + 1);
      return;
    }
    if (current.type !== AST_NODE_TYPES.CallExpression) return;
    if (calleeName(current) === 'and') {
      for (const argument of current.arguments) visit(argument, depth + 1);
      return;
    }
    const column = pinnedColumn(current);
    // Tables told apart by how the conditions name them (`schema.pageComponent`).
    const table = column && memberPath(column.table)?.join('.');
    if (!column || table === undefined) return;
    let entry = pinned.get(table);
    if (!entry) {
      entry = { table: column.table, columns: new Set() };
      pinned.set(table, entry);
    }
    entry.columns.add(column.column);
  };
  visit(and, 0);
  for (const { table, columns } of pinned.values()) {
    if (columns.size < 2) continue;
    const declared = declaredTableKeys(table, keys, tableParameter);
    if (declared?.compounds.some((compound) => compound.every((field) => columns.has(field)))) return true;
  }
  return false;
}

function calleeName(call: TSESTree.CallExpression): string | undefined {
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type === AST_NODE_TYPES.MemberExpression) return memberName(callee);
  return undefined;
}

/** `users.id`, `schema.users.id`: a column object named like a key. */
function isKeyColumn(node: TSESTree.Node, fields: ReadonlySet<string>): boolean {
  const current = skipExpressionWrappers(node);
  if (current.type !== AST_NODE_TYPES.MemberExpression) return false;
  const name = memberName(current);
  return name !== undefined && fields.has(name);
}

// ---------------------------------------------------------------------------------------------------------
// Builder chains

export interface ChainStep {
  name: string;
  call: TSESTree.CallExpression;
}

export interface QueryChain {
  /**
   * The method calls of the chain, from the outermost call to its head, plus calls made elsewhere on a
   * builder the chain keeps in a variable (`qb.take(10);`: builders of TypeORM, Mongoose, the MongoDB
   * driver and Drizzle change in place).
   */
  steps: ChainStep[];
  /** The walk reached the call `isHead` accepted. */
  reachedHead: boolean;
  /** A builder variable of the chain is also used in a way the walk cannot follow (passed, returned, reassigned). */
  escapes: boolean;
}

const MAX_CHAIN = 64;

/**
 * The method calls of the chain ending at `outer`, down to the call `isHead` accepts, following builders
 * kept in `const`/`let` variables (`const qb = repo.createQueryBuilder('u'); …; await qb.getMany()`).
 */
export function readChain(outer: TSESTree.CallExpression, isHead: (step: ChainStep) => boolean, sourceCode: SourceCode): QueryChain {
  const chain: QueryChain = { steps: [], reachedHead: false, escapes: false };
  const seen = new Set<Variable>();
  let current: TSESTree.CallExpression | undefined = outer;
  while (current && chain.steps.length < MAX_CHAIN) {
    const callee = skipExpressionWrappers(current.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) break;
    const name = memberName(callee);
    if (name === undefined) break;
    const step = { name, call: current };
    chain.steps.push(step);
    if (isHead(step)) {
      chain.reachedHead = true;
      break;
    }
    const object = skipExpressionWrappers(callee.object);
    if (object.type === AST_NODE_TYPES.CallExpression) {
      current = object;
    } else if (object.type === AST_NODE_TYPES.Identifier) {
      current = followBuilderVariable(object, chain, seen, sourceCode);
    } else {
      current = undefined;
    }
  }
  return chain;
}

/** A builder kept in a variable: its initialiser continues the walk; calls made on it elsewhere join the steps. */
function followBuilderVariable(identifier: TSESTree.Identifier, chain: QueryChain, seen: Set<Variable>, sourceCode: SourceCode): TSESTree.CallExpression | undefined {
  const variable = variableOf(identifier, sourceCode);
  const def = variable?.defs[0];
  if (!variable || seen.has(variable) || variable.defs.length !== 1 || def?.type !== 'Variable' || def.node.id.type !== AST_NODE_TYPES.Identifier || !def.node.init) return undefined;
  const init = skipExpressionWrappers(def.node.init);
  if (init.type !== AST_NODE_TYPES.CallExpression) return undefined;
  seen.add(variable);
  for (const reference of variable.references) {
    if (reference.init || reference.identifier === identifier) continue;
    if (reference.isWrite()) {
      chain.escapes = true;
      continue;
    }
    if (!collectCallsOn(reference.identifier as TSESTree.Identifier, chain)) chain.escapes = true;
  }
  return init;
}

/** `qb.where(...).take(10)` elsewhere: adds its calls to the steps. False when the variable is used otherwise. */
function collectCallsOn(identifier: TSESTree.Identifier, chain: QueryChain): boolean {
  let node: TSESTree.Node = identifier;
  let collected = false;
  for (let depth = 0; depth < MAX_CHAIN; depth++) {
    const { child, parent } = parentSkippingWrappers(node);
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== child) break;
    const call = parent.parent;
    const name = memberName(parent);
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== parent || name === undefined) break;
    chain.steps.push({ name, call });
    collected = true;
    node = call;
  }
  return collected;
}

// ---------------------------------------------------------------------------------------------------------
// Where the result goes


/**
 * Whether a lazy query (a Mongoose query, a Drizzle builder) is run where it stands: awaited, `.then`-ed,
 * returned from an async function, or handed to `Promise.all`. A builder returned from a plain function
 * or stored for later may still be narrowed by whoever receives it.
 */
export function isRunHere(node: TSESTree.Node): boolean {
  const { child, parent } = parentSkippingWrappers(node);
  if (!parent) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.AwaitExpression:
      return true;
    case AST_NODE_TYPES.MemberExpression: {
      const name = memberName(parent);
      return parent.object === child && (name === 'then' || name === 'catch' || name === 'finally') && parent.parent.type === AST_NODE_TYPES.CallExpression;
    }
    case AST_NODE_TYPES.ReturnStatement: {
      const fn = enclosingFunction(parent);
      return fn?.async === true;
    }
    case AST_NODE_TYPES.ArrowFunctionExpression:
      return parent.body === child && parent.async;
    // `await Promise.all([wantsInbound ? Cdrs.find(…) : [], …])` (erxes's call reports): a branch runs where the choice does.
    case AST_NODE_TYPES.ConditionalExpression:
      return parent.test !== child && isRunHere(parent);
    case AST_NODE_TYPES.LogicalExpression:
      return isRunHere(parent);
    case AST_NODE_TYPES.ArrayExpression: {
      const call = parent.parent;
      if (call?.type !== AST_NODE_TYPES.CallExpression) return false;
      const callee = skipExpressionWrappers(call.callee);
      return callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'Promise' && PROMISE_COMBINATORS.has(memberName(callee) ?? '');
    }
    default:
      return false;
  }
}

/**
 * The awaited result is only used for its first row: `const [user] = await …`, `(await …)[0]`, or a variable
 * read only as `rows[0]` / `rows.at(0)`. With a filter, that is a lookup by a column the code treats as
 * unique (an email, a slug).
 */
export function usesFirstRowOnly(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (continuesWithFirstRow(node)) return true;
  const { child: query, parent: awaitNode } = parentSkippingWrappers(node);
  if (awaitNode?.type !== AST_NODE_TYPES.AwaitExpression || awaitNode.argument !== query) return false;
  const { child, parent } = parentSkippingWrappers(awaitNode);
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === child) {
    const pattern = parent.id;
    if (pattern.type === AST_NODE_TYPES.Identifier) return variableReadAsFirstRowOnly(parent, sourceCode);
    return isFirstElementPattern(pattern);
  }
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === child) return memberName(parent) === '0';
  return false;
}

/** `[first]`: the first element, and nothing else. */
function isFirstElementPattern(pattern: TSESTree.Node): boolean {
  return pattern.type === AST_NODE_TYPES.ArrayPattern && pattern.elements.length === 1 && pattern.elements[0] !== null && pattern.elements[0].type !== AST_NODE_TYPES.RestElement;
}

/** `q.then((items) => items[0])`, `q.then(([first]) => first)` (Vendure's nearest stock location): the first row only. */
function continuesWithFirstRow(node: TSESTree.Node): boolean {
  const { child, parent: member } = parentSkippingWrappers(node);
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== child || memberName(member) !== 'then') return false;
  const call = member.parent;
  const callback = call?.type === AST_NODE_TYPES.CallExpression && call.callee === member && call.arguments.length === 1 ? call.arguments[0] : undefined;
  if (callback?.type !== AST_NODE_TYPES.ArrowFunctionExpression || callback.params.length !== 1) return false;
  const [param] = callback.params;
  if (param.type === AST_NODE_TYPES.ArrayPattern) return param.elements.length === 1 && param.elements[0] !== null && param.elements[0].type !== AST_NODE_TYPES.RestElement;
  if (param.type !== AST_NODE_TYPES.Identifier || callback.body.type === AST_NODE_TYPES.BlockStatement) return false;
  const body = skipExpressionWrappers(callback.body);
  return (
    body.type === AST_NODE_TYPES.MemberExpression &&
    body.computed &&
    body.object.type === AST_NODE_TYPES.Identifier &&
    body.object.name === param.name &&
    body.property.type === AST_NODE_TYPES.Literal &&
    body.property.value === 0
  );
}

/**
 * Of the rows `node` reads, only how many there are is used: `(await q).length`, or a `const` whose every read is
 * `.length` (`const rows = await repo.find(…); if (rows.length > 0) …`): the database could count them. With
 * `lengthUse`, each `.length` must also pass it (`isEmptinessTest`: only whether there is any row).
 */
export function usesRowCountOnly(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, lengthUse?: (length: TSESTree.MemberExpression) => boolean): boolean {
  const readsLength = (identifier: TSESTree.Node): boolean => {
    const { child, parent } = parentSkippingWrappers(identifier);
    return parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === child && !parent.computed && memberName(parent) === 'length' && (!lengthUse || lengthUse(parent));
  };
  const { child: query, parent: awaitNode } = parentSkippingWrappers(node);
  if (awaitNode?.type === AST_NODE_TYPES.ArrayExpression) return countedThroughPromiseAll(query, awaitNode, sourceCode, readsLength);
  if (awaitNode?.type !== AST_NODE_TYPES.AwaitExpression || awaitNode.argument !== query) return false;
  const { child, parent } = parentSkippingWrappers(awaitNode);
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === child) return readsLength(child);
  return parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === child && parent.id.type === AST_NODE_TYPES.Identifier && constReadOnlyAs(parent, sourceCode, readsLength);
}

/**
 * `const [members, invites] = await Promise.all([q1, q2])` where only `members.length` is read (OpenStatus's seat
 * check): the element of the destructuring at the query's place is only counted.
 */
function countedThroughPromiseAll(query: TSESTree.Node, list: TSESTree.ArrayExpression, sourceCode: Readonly<TSESLint.SourceCode>, readsLength: (identifier: TSESTree.Node) => boolean): boolean {
  const call = list.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== list || promiseAllElements(call, sourceCode) !== list.elements) return false;
  const index = list.elements.indexOf(query as TSESTree.Expression);
  const { child, parent: awaitNode } = parentSkippingWrappers(call);
  if (awaitNode?.type !== AST_NODE_TYPES.AwaitExpression || awaitNode.argument !== child) return false;
  const { child: awaited, parent: declarator } = parentSkippingWrappers(awaitNode);
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== awaited || declarator.id.type !== AST_NODE_TYPES.ArrayPattern) return false;
  const element = declarator.id.elements[index];
  return element?.type === AST_NODE_TYPES.Identifier && constReadOnlyAs(declarator, sourceCode, readsLength, element.name);
}

/** `const rows = (await q) as Row[]; return rows[0] ?? null`: a `const` whose every read takes the first row. */
function variableReadAsFirstRowOnly(declarator: TSESTree.VariableDeclarator, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  // `if (rows.length === 0) return null; return rows[0].id;` (Karakeep's link dedup): a test for none beside the read.
  let readsFirst = false;
  return constReadOnlyAs(declarator, sourceCode, (identifier) => (readsFirstRow(identifier) ? (readsFirst = true) : testsForNoRows(identifier))) && readsFirst;
}

/** `rows.length === 0`, `rows.length > 0`, `!rows.length`, `if (rows.length)`: whether there is any row, not how many. */
function testsForNoRows(identifier: TSESTree.Node): boolean {
  const { child, parent: member } = parentSkippingWrappers(identifier);
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== child || member.computed || memberName(member) !== 'length') return false;
  const { child: length, parent: user } = parentSkippingWrappers(member);
  if (user?.type === AST_NODE_TYPES.BinaryExpression) {
    const other = user.left === length ? user.right : user.left;
    return other.type === AST_NODE_TYPES.Literal && other.value === 0;
  }
  if (user?.type === AST_NODE_TYPES.UnaryExpression) return user.operator === '!';
  return (user?.type === AST_NODE_TYPES.IfStatement || user?.type === AST_NODE_TYPES.ConditionalExpression) && user.test === length;
}

/** A `const` that is read, and only in the way `reads` accepts (the one named `name`, of a destructuring). */
function constReadOnlyAs(declarator: TSESTree.VariableDeclarator, sourceCode: Readonly<TSESLint.SourceCode>, reads: (identifier: TSESTree.Node) => boolean, name?: string): boolean {
  if ((declarator.parent as TSESTree.VariableDeclaration).kind !== 'const') return false;
  const variables = sourceCode.getDeclaredVariables(declarator);
  const variable = name === undefined ? variables[0] : variables.find((candidate) => candidate.name === name);
  const readers = variable?.references.filter((reference) => !reference.init) ?? [];
  return readers.length > 0 && readers.every((reference) => reads(reference.identifier as TSESTree.Node));
}

/** `rows[0]`, `rows.at(0)` (through `!`, `as` and parentheses), `const [first] = rows`. */
function readsFirstRow(identifier: TSESTree.Node): boolean {
  const { child, parent } = parentSkippingWrappers(identifier);
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === child) return isFirstElementPattern(parent.id);
  if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== child) return false;
  if (parent.computed) return memberName(parent) === '0';
  if (memberName(parent) !== 'at') return false;
  const call = parent.parent;
  const argument = call?.type === AST_NODE_TYPES.CallExpression && call.callee === parent && call.arguments.length === 1 ? call.arguments[0] : undefined;
  return argument?.type === AST_NODE_TYPES.Literal && argument.value === 0;
}

// ---------------------------------------------------------------------------------------------------------
// Types

/**
 * With type information: the value `node` holds is an object type that has no property `name` (not even
 * an optional one, nor an index signature), in every member of a union. `any`, `unknown` and type
 * parameters answer false: they may hold anything.
 */
export function typeLacksProperty(node: TSESTree.Node, name: string, typeServices: TypeServices): boolean {
  const tsNode = typeServices.services.esTreeNodeToTSNodeMap.get(node as never);
  if (!tsNode) return false;
  const { checker } = typeServices;
  const flags = typescript().TypeFlags;
  const type = checker.getTypeAtLocation(tsNode);
  const members = type.isUnion() ? type.types : [type];
  let objects = 0;
  for (const member of members) {
    if (member.flags & (flags.Undefined | flags.Null | flags.Void)) continue;
    if (member.flags & (flags.Any | flags.Unknown | flags.TypeParameter | flags.NonPrimitive | flags.Intersection)) return false;
    if (!(member.flags & flags.Object)) return false;
    if (checker.getIndexInfosOfType(member).length > 0 || member.getProperty(name)) return false;
    objects++;
  }
  return objects > 0;
}

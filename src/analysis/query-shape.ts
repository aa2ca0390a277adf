/**
 * What a database read asks for: a list of rows or one row, and whether the query already filters
 * (`where`, a Mongo filter, SQL `WHERE`) and caps (`take`, `limit`, `LIMIT`, an aggregate) the rows.
 * Answers come from the code of the query itself; when options come from a variable or a spread, or SQL
 * is spliced together, the answer is "unknown" (undefined), never a guess.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast/node-types';
import type { DbLibrary, DbOperation, DbTemplateOperation } from './db-operations';
import { memberName, skipExpressionWrappers } from './library-origin';
import { isNullishValue } from '../ast/expressions';
import { getSqlText, scanSql, selectListItems, splitStatements, statementVerb, type SqlScan } from './sql';

/** How awaiting the query hands over its rows: the rows themselves, pg's `{ rows }`, mysql2's `[rows, fields]`. */
export type RowsDelivery = 'rows' | 'pg-result' | 'mysql2-result';

export interface ListReadShape {
  delivery: RowsDelivery;
  /** The query has a filter; undefined when the code does not show. */
  filtered: boolean | undefined;
  /** The query caps how many rows come back (a limit, `GROUP BY`, an aggregate); undefined when the code does not show. */
  limited: boolean | undefined;
  /** The rows come from SQL text the code wrote (raw queries and drivers), not from a query API. */
  rawSql: boolean;
  /** In SQL text: the row fields the main SELECT takes from a table it LEFT JOINs (see `leftJoinedColumns`). */
  leftJoinedColumns?: ReadonlySet<string>;
}

type Scope = TSESLint.Scope.Scope;

const KNOWN = { filtered: false, limited: false } as const;
const UNKNOWN = { filtered: undefined, limited: undefined } as const;

/** Query-builder methods that add a filter. */
const BUILDER_FILTERS = new Set(['where', 'andWhere', 'orWhere', 'whereRef', 'whereInIds', 'andWhereInIds', 'orWhereInIds', 'having', 'andHaving', 'orHaving']);
/** Query-builder methods that cap the rows. */
const BUILDER_LIMITS = new Set(['limit', 'take', 'groupBy', 'top']);
/** Mongoose query helpers that add a condition. */
const MONGOOSE_FILTERS = new Set(['where', 'equals', 'gt', 'gte', 'lt', 'lte', 'in', 'nin', 'ne', 'regex', 'or', 'and', 'nor', 'elemMatch', 'exists', 'all', 'size', 'mod', 'near', 'find', 'merge']);
/** Knex filters: every `where*`/`orWhere*`/`andWhere*`/`having*` method. */
const KNEX_FILTER_PREFIXES = ['where', 'orWhere', 'andWhere', 'having', 'orHaving', 'andHaving'];

/** Words before `(` in a select list that make the rows an aggregate (one row, or one per group). */
const AGGREGATES = new Set(['COUNT', 'SUM', 'AVG', 'MIN', 'MAX', 'ARRAY_AGG', 'JSON_AGG', 'JSONB_AGG', 'STRING_AGG', 'GROUP_CONCAT', 'BOOL_AND', 'BOOL_OR', 'EVERY']);
const SQL_LIMITS = new Set(['LIMIT', 'FETCH', 'TOP']);

interface ChainStep {
  /** The method called, or undefined for a call of the value itself (`db('users')`). */
  method: string | undefined;
  call: TSESTree.CallExpression;
}

/**
 * The calls of a method chain from its outermost call inwards: `db('t').where(…).limit(1)` gives
 * limit, where, db(…). Stops at the first receiver that is not a call.
 */
export function chainSteps(outer: TSESTree.CallExpression): ChainStep[] {
  const steps: ChainStep[] = [];
  let current: TSESTree.Node = outer;
  while (current.type === AST_NODE_TYPES.CallExpression && steps.length < 200) {
    const callee = skipExpressionWrappers(current.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      steps.push({ method: memberName(callee), call: current });
      current = skipExpressionWrappers(callee.object);
    } else {
      steps.push({ method: undefined, call: current });
      break;
    }
  }
  return steps;
}

/**
 * The shape of a read that returns a list of rows, or undefined when `operation` returns something else
 * (one row, a count, a write's result, a cursor, SQL that is not a SELECT) or cannot be told.
 */
export function listReadShape(operation: DbOperation | DbTemplateOperation, scope: Scope): ListReadShape | undefined {
  if (operation.node.type === AST_NODE_TYPES.TaggedTemplateExpression) {
    return operation.method === '$queryRaw' ? sqlShape(operation.node, scope, 'rows') : undefined;
  }
  const op = operation as DbOperation;
  if (op.kind === 'raw') return rawShape(op, scope);
  if (op.kind !== 'read') return undefined;
  const steps = chainSteps(op.node);
  const reachesOperation = steps.some((step) => step.call === op.operationCall);
  const shape = READERS[op.library]?.(op, steps, reachesOperation);
  return shape && { delivery: 'rows', rawSql: false, ...shape };
}

type FilterAndLimit = { filtered: boolean | undefined; limited: boolean | undefined };
type Reader = (op: DbOperation, steps: ChainStep[], reachesOperation: boolean) => FilterAndLimit | undefined;

const READERS: Partial<Record<DbLibrary, Reader>> = {
  prisma(op) {
    return op.method === 'findMany' ? optionsShape(op.operationCall.arguments[0], ['where'], ['take']) : undefined;
  },
  typeorm(op, steps) {
    const args = op.operationCall.arguments;
    const options = namesEntity(args[0]) ? args[1] : args[0];
    switch (op.method) {
      case 'find':
        return optionsShape(options, ['where'], ['take']);
      case 'findBy':
        return { filtered: filterArgumentShape(options), limited: false };
      case 'findByIds':
        return { filtered: true, limited: false };
      case 'getMany':
      case 'getRawMany':
        // Only a chain that starts with createQueryBuilder shows every clause.
        return steps.some((step) => step.method === 'createQueryBuilder') ? builderShape(steps, isBuilderFilter) : UNKNOWN;
      default:
        return undefined;
    }
  },
  sequelize(op) {
    return op.method === 'findAll' ? optionsShape(op.operationCall.arguments[0], ['where'], ['limit', 'group']) : undefined;
  },
  mongoose(op, steps, reachesOperation) {
    if (steps.some((step) => step.method === 'cursor' || step.method === 'findOne' || step.method === 'countDocuments' || step.method === 'distinct')) return undefined;
    if (op.method === 'where') return reachesOperation ? { filtered: true, limited: chainLimits(steps) } : UNKNOWN;
    if (op.method !== 'find') return undefined;
    if (!reachesOperation) return UNKNOWN;
    return mongoShape(op.operationCall, steps, 2, (method) => MONGOOSE_FILTERS.has(method));
  },
  mongodb(op, steps, reachesOperation) {
    // A cursor only becomes rows through toArray().
    if (op.method !== 'find' || steps[0]?.method !== 'toArray') return undefined;
    if (!reachesOperation) return UNKNOWN;
    return mongoShape(op.operationCall, steps, 1, (method) => method === 'filter');
  },
  knex(_op, steps, reachesOperation) {
    if (steps.some((step) => step.method === 'first')) return undefined;
    return reachesOperation ? builderShape(steps, isKnexFilter) : UNKNOWN;
  },
  objection(op, steps, reachesOperation) {
    // One row (`$query()`, `findById`, `first`), a page object, a count, or relations fetched onto rows already loaded.
    if (OBJECTION_NOT_LISTS.has(op.method) || steps.some((step) => step.method !== undefined && OBJECTION_NOT_LISTS.has(step.method))) return undefined;
    return reachesOperation ? builderShape(steps, isObjectionFilter) : UNKNOWN;
  },
  drizzle(op, steps, reachesOperation) {
    if (op.method === 'findMany') return optionsShape(op.operationCall.arguments[0], ['where'], ['limit']);
    if (op.method === 'findFirst' || steps[0]?.method === 'get' || steps[0]?.method === 'prepare') return undefined;
    return reachesOperation ? builderShape(steps, isBuilderFilter) : UNKNOWN;
  },
  kysely(_op, steps, reachesOperation) {
    if (steps[0]?.method !== 'execute') return undefined;
    return reachesOperation ? builderShape(steps, isBuilderFilter) : UNKNOWN;
  },
  'mikro-orm'(op, steps) {
    const args = op.operationCall.arguments;
    const rest = namesEntity(args[0]) ? args.slice(1) : args;
    if (op.method === 'find') {
      const limited = rest[1] === undefined ? false : optionsShape(rest[1], [], ['limit']).limited;
      return { filtered: filterArgumentShape(rest[0]), limited };
    }
    if (op.method === 'findAll') return optionsShape(rest[0], ['where'], ['limit']);
    const terminal = steps[0]?.method;
    if (terminal === 'getResultList' || terminal === 'getResult') {
      return steps.some((step) => step.method === 'createQueryBuilder' || step.method === 'qb') ? builderShape(steps, isBuilderFilter) : UNKNOWN;
    }
    return undefined;
  },
};

/** pg-promise's methods that resolve to the rows themselves. */
const PG_PROMISE_ROW_LISTS = new Set(['any', 'many', 'manyOrNone', 'query']);

/** Raw queries that hand back rows: pg, pg-promise and mysql2 results, TypeORM `query`, Prisma `$queryRawUnsafe`, MikroORM `execute`. */
function rawShape(op: DbOperation, scope: Scope): ListReadShape | undefined {
  const sql = op.operationCall.arguments[0];
  switch (op.library) {
    case 'pg':
      return op.method === 'query' ? sqlShape(sql, scope, 'pg-result') : undefined;
    case 'pg-promise':
      if (op.method === 'result') return sqlShape(sql, scope, 'pg-result');
      return PG_PROMISE_ROW_LISTS.has(op.method) ? sqlShape(sql, scope, 'rows') : undefined;
    case 'mysql2':
      return op.method === 'query' || op.method === 'execute' ? sqlShape(sql, scope, 'mysql2-result') : undefined;
    case 'typeorm':
      return op.method === 'query' ? sqlShape(sql, scope, 'rows') : undefined;
    case 'prisma':
      return op.method === '$queryRawUnsafe' || op.method === '$queryRaw' ? sqlShape(sql, scope, 'rows') : undefined;
    case 'mikro-orm':
      return op.method === 'execute' && op.operationCall.arguments.length <= 2 ? sqlShape(sql, scope, 'rows') : undefined;
    default:
      return undefined;
  }
}

/** `User`, `'user'`: the entity argument of EntityManager-style calls (`em.find(User, where)`). PascalCase only: `FIND_ALL` is options. */
function namesEntity(node: TSESTree.Node | undefined): boolean {
  if (!node) return false;
  const current = skipExpressionWrappers(node);
  if (current.type === AST_NODE_TYPES.Identifier) return /^[A-Z][a-z0-9]/.test(current.name);
  return current.type === AST_NODE_TYPES.Literal && typeof current.value === 'string';
}

function isEmptyObject(node: TSESTree.Node): boolean {
  const current = skipExpressionWrappers(node);
  return current.type === AST_NODE_TYPES.ObjectExpression && current.properties.length === 0;
}

/** A filter passed as a whole argument (`findBy(where)`, Mongo `find(filter)`): absent or `{}` filters nothing. */
function filterArgumentShape(node: TSESTree.Node | undefined): boolean | undefined {
  if (!node || isEmptyObject(node) || isNullishValue(node)) return false;
  return skipExpressionWrappers(node).type === AST_NODE_TYPES.ObjectExpression || skipExpressionWrappers(node).type === AST_NODE_TYPES.ArrayExpression ? true : undefined;
}

function propertyKey(property: TSESTree.Property): string | undefined {
  if (!property.computed && property.key.type === AST_NODE_TYPES.Identifier) return property.key.name;
  if (property.key.type === AST_NODE_TYPES.Literal && typeof property.key.value === 'string') return property.key.value;
  return undefined;
}

/** An options object (`{ where, take }`): which of the filter and limit keys it sets. A spread or a variable makes what it lacks unknown. */
function optionsShape(node: TSESTree.Node | undefined, filterKeys: readonly string[], limitKeys: readonly string[]): FilterAndLimit {
  if (!node || isNullishValue(node)) return KNOWN;
  const current = skipExpressionWrappers(node);
  if (current.type !== AST_NODE_TYPES.ObjectExpression) return UNKNOWN;
  let filtered = false;
  let limited = false;
  let open = false;
  for (const property of current.properties) {
    if (property.type === AST_NODE_TYPES.SpreadElement) {
      open = true;
      continue;
    }
    const key = propertyKey(property);
    if (key === undefined) open = true;
    else if (filterKeys.includes(key)) filtered ||= !isEmptyObject(property.value) && !isNullishValue(property.value);
    else if (limitKeys.includes(key)) limited ||= !isNullishValue(property.value);
  }
  return { filtered: filtered || (open ? undefined : false), limited: limited || (open ? undefined : false) };
}

function isBuilderFilter(method: string): boolean {
  return BUILDER_FILTERS.has(method);
}

function isKnexFilter(method: string): boolean {
  return KNEX_FILTER_PREFIXES.some((prefix) => method.startsWith(prefix));
}

/** Objection's reads that return no list of rows. */
const OBJECTION_NOT_LISTS = new Set(['$query', '$fetchGraph', 'fetchGraph', 'first', 'findById', 'findOne', 'page', 'range', 'resultSize']);

/** Objection filters: Knex's, a list of keys, and a relation's rows, which belong to one parent (or the parents `for` names). */
function isObjectionFilter(method: string): boolean {
  return isKnexFilter(method) || method === 'findByIds' || method === '$relatedQuery' || method === 'for';
}

function chainLimits(steps: readonly ChainStep[]): boolean {
  return steps.some((step) => step.method !== undefined && BUILDER_LIMITS.has(step.method));
}

/** Clauses of a builder chain whose every call is in view. `modify`/`$dynamic`-style hooks hide clauses. */
function builderShape(steps: readonly ChainStep[], isFilter: (method: string) => boolean): FilterAndLimit {
  if (steps.some((step) => step.method === 'modify' || step.method === '$call' || step.method === 'clone')) return UNKNOWN;
  return {
    filtered: steps.some((step) => step.method !== undefined && isFilter(step.method)),
    limited: chainLimits(steps),
  };
}

/** `find(filter, projection, options)` followed by query helpers (Mongoose) or cursor methods (driver). */
function mongoShape(find: TSESTree.CallExpression, steps: readonly ChainStep[], optionsIndex: number, isChainFilter: (method: string) => boolean): FilterAndLimit {
  const filter = find.arguments[0];
  // Mongoose takes options third (after a projection), the driver second.
  const options = find.arguments[optionsIndex];
  const optionLimit = options === undefined ? false : optionsShape(options, [], ['limit']).limited;
  const chainFilter = steps.some((step) => step.call !== find && step.method !== undefined && isChainFilter(step.method));
  const argumentFilter = filterArgumentShape(filter);
  return {
    filtered: chainFilter || argumentFilter,
    limited: chainLimits(steps) || optionLimit,
  };
}

/** SQL text that selects rows; the query's top-level clauses decide filtered and limited. */
function sqlShape(node: TSESTree.Node | undefined, scope: Scope, delivery: RowsDelivery): ListReadShape | undefined {
  if (!node) return undefined;
  let textNode = skipExpressionWrappers(node);
  // pg query config: { text: 'SELECT …', values }
  if (textNode.type === AST_NODE_TYPES.ObjectExpression) {
    const text = textNode.properties.find((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && (propertyKey(p) === 'text' || propertyKey(p) === 'sql'));
    if (!text) return undefined;
    textNode = text.value;
  }
  const sql = getSqlText(textNode, scope);
  if (!sql) return undefined;
  const scan = scanSql(sql.text);
  const statements = splitStatements(scan);
  if (statements.length !== 1) return undefined;
  const verb = statementVerb(scan, statements[0]);
  if (verb?.verb !== 'SELECT') return undefined;
  const clauses = topLevelClauses(scan, verb.index, statements[0].end);
  // Text spliced in at run time may add any clause.
  const spliced = sql.holes.some((hole) => hole.kind === 'interpolation' || hole.kind === 'raw');
  return {
    delivery,
    rawSql: true,
    filtered: clauses.filtered || (spliced ? undefined : false),
    limited: clauses.limited || (spliced ? undefined : false),
    leftJoinedColumns: leftJoinedColumns(scan, verb.index, statements[0].end),
  };
}

/**
 * The row fields the main SELECT lists from a table it LEFT JOINs (`cw."B"` after `LEFT JOIN "_completedWaitpoints"
 * cw`, or `cw.id AS waitpoint_id`): null in a row whose join found nothing, so a filter that drops those nulls checks
 * the join, as a guard on a loaded relation does (Trigger.dev reads a snapshot and its links in one query, the
 * snapshot's row kept when it has none).
 */
function leftJoinedColumns(scan: SqlScan, verbIndex: number, end: number): ReadonlySet<string> | undefined {
  const level = scan.parent[verbIndex];
  const joined = new Set<string>();
  for (let i = verbIndex + 1; i < end; i++) {
    if (scan.parent[i] !== level || !scan.isKeyword(i, 'LEFT')) continue;
    let next = scan.isKeyword(i + 1, 'OUTER') ? i + 2 : i + 1;
    if (!scan.isKeyword(next, 'JOIN')) continue;
    let name = scan.name(++next);
    while (name !== undefined && scan.isPunctuation(next + 1, '.') && scan.name(next + 2) !== undefined) {
      next += 2;
      name = scan.name(next);
    }
    if (name === undefined) continue;
    next++;
    if (scan.isKeyword(next, 'AS')) next++;
    const alias = scan.isKeyword(next, 'ON') || scan.isKeyword(next, 'USING') ? undefined : scan.name(next);
    joined.add(alias ?? name);
  }
  if (joined.size === 0) return undefined;
  const fields = new Set<string>();
  for (const item of selectListItems(scan, verbIndex, end)) {
    const qualifier = scan.name(item.start);
    const column = scan.name(item.start + 2);
    if (qualifier === undefined || column === undefined || !joined.has(qualifier) || !scan.isPunctuation(item.start + 1, '.')) continue;
    const length = item.end - item.start;
    if (length === 3) fields.add(column);
    else if (length === 4) addDefined(fields, scan.name(item.start + 3));
    else if (length === 5 && scan.isKeyword(item.start + 3, 'AS')) addDefined(fields, scan.name(item.start + 4));
  }
  return fields;
}

function addDefined(set: Set<string>, value: string | undefined): void {
  if (value !== undefined) set.add(value);
}


/** WHERE, LIMIT/FETCH/TOP, GROUP BY and aggregates at the level of the main SELECT (not in subqueries). */
function topLevelClauses(scan: SqlScan, verbIndex: number, end: number): { filtered: boolean; limited: boolean } {
  const level = scan.parent[verbIndex];
  let filtered = false;
  let limited = false;
  let inSelectList = true;
  for (let i = verbIndex + 1; i < end; i++) {
    if (scan.parent[i] !== level) continue;
    const word = scan.shortKeyword(i, 12);
    if (word === undefined) continue;
    if (word === 'FROM') inSelectList = false;
    else if (word === 'WHERE') filtered = true;
    else if (SQL_LIMITS.has(word)) limited = true;
    else if (word === 'GROUP' && scan.isKeyword(i + 1, 'BY')) limited = true;
    else if (inSelectList && AGGREGATES.has(word) && scan.isPunctuation(i + 1, '(') && !isWindowCall(scan, i + 1)) limited = true;
  }
  return { filtered, limited };
}

/** `count(*) OVER (…)` is a window function: one value per row, not an aggregate. */
function isWindowCall(scan: SqlScan, open: number): boolean {
  const close = scan.partner[open];
  return close !== -1 && scan.isKeyword(close + 1, 'OVER');
}

/** Options that load relations with the rows: TypeORM's `relations`, Prisma's `include`, MikroORM's `populate`. */
const RELATION_OPTIONS = ['relations', 'include', 'populate'];

/**
 * The relations a read loads with each row, by the name they take on it (`term` for TypeORM's `relations: ['term',
 * 'term.labels']` or `{ term: true }`, Prisma's `include: { term: true }`, Mongoose's `.populate('term')`). Only
 * names the code spells out; empty when it shows none.
 */
export function loadedRelations(operation: { node: TSESTree.Node; operationCall: TSESTree.Node }): ReadonlySet<string> {
  const names = new Set<string>();
  const add = (path: string) => names.add(path.split('.')[0]);
  const addFrom = (value: TSESTree.Node) => {
    const current = skipExpressionWrappers(value);
    if (current.type === AST_NODE_TYPES.Literal && typeof current.value === 'string') add(current.value);
    else if (current.type === AST_NODE_TYPES.ArrayExpression) {
      for (const element of current.elements) if (element?.type === AST_NODE_TYPES.Literal && typeof element.value === 'string') add(element.value);
    } else if (current.type === AST_NODE_TYPES.ObjectExpression) {
      for (const property of current.properties) {
        if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
        if (property.key.type === AST_NODE_TYPES.Identifier) add(property.key.name);
        else if (property.key.type === AST_NODE_TYPES.Literal && typeof property.key.value === 'string') add(property.key.value);
      }
    }
  };
  if (operation.operationCall.type === AST_NODE_TYPES.CallExpression) {
    for (const argument of operation.operationCall.arguments) {
      const options = skipExpressionWrappers(argument);
      if (options.type !== AST_NODE_TYPES.ObjectExpression) continue;
      for (const property of options.properties) {
        if (property.type !== AST_NODE_TYPES.Property || property.computed || property.key.type !== AST_NODE_TYPES.Identifier) continue;
        if (RELATION_OPTIONS.includes(property.key.name)) addFrom(property.value);
      }
    }
  }
  if (operation.node.type === AST_NODE_TYPES.CallExpression) {
    for (const step of chainSteps(operation.node)) {
      const argument = step.call.arguments[0];
      if (!argument) continue;
      if (step.method === 'populate') addFrom(argument);
      // Objection's eager loading: `withGraphFetched('[owner, pets.toys]')` or `{ owner: true }`.
      else if (step.method === 'withGraphFetched' || step.method === 'withGraphJoined') {
        const expression = skipExpressionWrappers(argument);
        if (expression.type === AST_NODE_TYPES.Literal && typeof expression.value === 'string') for (const name of graphExpressionRoots(expression.value)) names.add(name);
        else addFrom(argument);
      }
    }
  }
  return names;
}

/**
 * The relations an Objection relation expression names at its top level: `'owner'`, `'[owner, pets.[toys]]'`,
 * `'pets(onlyDogs)'` → `owner`, `pets`. One pass over the text: names outside any bracket, or inside the outermost `[…]`.
 */
function graphExpressionRoots(expression: string): string[] {
  const roots: string[] = [];
  const bracketed = expression.trimStart().startsWith('[');
  let depth = 0;
  let name = '';
  let expectName = true;
  for (const char of expression) {
    const isNameChar = (char >= 'a' && char <= 'z') || (char >= 'A' && char <= 'Z') || (char >= '0' && char <= '9') || char === '_' || char === '$';
    const atRootLevel = depth === (bracketed ? 1 : 0);
    if (isNameChar && atRootLevel && expectName) {
      name += char;
      continue;
    }
    if (name) roots.push(name);
    name = '';
    if (char === '[' || char === '(') depth++;
    else if (char === ']' || char === ')') depth--;
    if (atRootLevel || depth === (bracketed ? 1 : 0)) expectName = char === ',' || char === '[' || (expectName && (char === ' ' || char === '\n' || char === '\t'));
  }
  if (name) roots.push(name);
  return roots;
}

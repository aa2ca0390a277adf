import { findVariable } from '@eslint-community/eslint-utils';
import type { ParserServicesWithTypeInformation, TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../src/ast/node-types';
import { memberName, parentSkippingWrappers, PROMISE_CONTINUATIONS, skipExpressionWrappers } from '../src/ast/expressions';
import { contains, enclosingFunction, isFunction, returnedExpressions, type FunctionNode } from '../src/ast/code-shape';
import {
  columnLists,
  getSqlSink,
  locateInSource,
  outermostChainCall,
  queryBuilderOf,
  scanSql,
  splitStatements,
  starOfItem,
  SQL_SINK_METHODS,
  STATEMENT_FUNCTIONS,
  type ColumnList,
  type QueryBuilderLibrary,
  type SqlScan,
  type SqlSink,
} from '../src/analysis/sql';
import { getDbOperations } from '../src/analysis/db-operations';
import { constInitializer, getTypeServices } from '../src/analysis/library-origin';
import { getRequestPath, QUIET_DATABASE_FILE_KINDS, type FileKind } from '../src/analysis/request-path';
import { sqlReceiverCheck } from '../src/analysis/sql/receivers';
import { startsWithFunctionCall } from '../src/analysis/sql/tags';
import { newStarSourceMemo, starExpandsToListedColumns } from '../src/analysis/sql/star-sources';
import { createRule } from '../src/create-rule';
import { functionCallSelector, methodCallSelector } from '../src/ast/selectors';

/** Statements that change rows: only a top-level `RETURNING *` sends columns back to the application. */
const DATA_MODIFYING_VERBS = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE', 'REPLACE', 'UPSERT']);
/** Statements whose SELECTs never return rows to the application: DDL, exports, plans. */
const NO_RESULT_VERBS = new Set(['CREATE', 'ALTER', 'DROP', 'TRUNCATE', 'GRANT', 'REVOKE', 'COMMENT', 'COPY', 'EXPLAIN', 'DESCRIBE', 'DESC']);
/** Statements that return rows, whose subqueries may pass a `*` on to the client. */
const ROW_RETURNING_VERBS = new Set(['SELECT', 'VALUES', 'TABLE', ...DATA_MODIFYING_VERBS]);
/** Subqueries whose `*` cannot widen anything: EXISTS ignores the columns, IN/ANY/ALL/ARRAY take exactly one. */
const COLUMNLESS_SUBQUERY_KEYWORDS = new Set(['EXISTS', 'IN', 'ANY', 'SOME', 'ALL', 'ARRAY']);

/** knex methods whose column arguments may be `'*'`/`'t.*'` (strings or arrays of them), and which arguments. */
const KNEX_COLUMN_ARGUMENTS: Readonly<Record<string, 'all' | number>> = {
  select: 'all',
  column: 'all',
  columns: 'all',
  first: 'all',
  distinct: 'all',
  returning: 0,
  insert: 1,
  update: 1,
  del: 0,
  delete: 0,
};
const KYSELY_SELECT_ALL_METHODS = new Set(['selectAll', 'returningAll']);
/** Builder methods whose star is a returning list, the written rows sent back: knex's and Kysely's. */
const RETURNING_METHODS = new Set(['returning', 'insert', 'update', 'del', 'delete', 'returningAll']);
/** Kysely methods that open a query on the relation given as their first argument. */
const KYSELY_RELATION_METHODS = new Set(['selectFrom', 'insertInto', 'updateTable', 'deleteFrom', 'mergeInto', 'replaceInto']);
/** Kysely methods that open a data-modifying query: in a `.with` CTE, its rows stay in the statement. */
const DATA_MODIFYING_METHODS = new Set(['insertInto', 'updateTable', 'deleteFrom', 'mergeInto']);
/** How many bindings and subqueries to follow from a select-all call to the tables it reads. */
const MAX_RELATION_HOPS = 4;

/**
 * Calls a builder chain can be an argument of (or the callback of) where its columns do not matter:
 * existence checks, and IN subqueries, which select one column.
 */
const COLUMNLESS_SUBQUERY_CALLS = new Set([
  'exists', 'notExists',
  'whereExists', 'orWhereExists', 'andWhereExists', 'whereNotExists', 'orWhereNotExists', 'andWhereNotExists',
  'whereIn', 'orWhereIn', 'andWhereIn', 'whereNotIn', 'orWhereNotIn', 'andWhereNotIn', 'havingIn', 'havingNotIn',
]);

const MAX_FORM_LENGTH = 60;

const METHOD_SINK_SELECTOR = methodCallSelector(SQL_SINK_METHODS);
/** Files whose stars widen no request's result. */
const QUIET_FILES: ReadonlySet<FileKind> = new Set([...QUIET_DATABASE_FILE_KINDS, 'cli-script']);
const FUNCTION_SINK_SELECTOR = functionCallSelector(STATEMENT_FUNCTIONS);
const BUILDER_SELECTOR = methodCallSelector([...Object.keys(KNEX_COLUMN_ARGUMENTS), ...KYSELY_SELECT_ALL_METHODS]);

export default createRule<[], 'selectStar' | 'discardedReturning'>({
  name: 'no-select-star',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow `SELECT *`, `RETURNING *` and select-all builder calls in queries sent to the database',
      guide: 'select-only-needed-columns',
      recommended: 'recommended',
    },
    schema: [],
    messages: {
      selectStar:
        '`{{form}}` fetches every column, however many of them this code reads. Listing the columns it needs means less I/O and data on the wire, makes index-only scans possible, and keeps the result from widening silently when a column is added.',
      discardedReturning:
        '`{{form}}` sends every column of the written rows back, and this code discards the result. Drop the returning clause; where the code needs a row back (`executeTakeFirstOrThrow`), return one column.',
    },
  },
  create(context) {
    // Tests read back what they wrote, every column on purpose; a migration copies whole rows once, and so does a
    // script run by hand. Asked at each candidate, not in create: most files send no SQL, and need no file kind.
    const isQuietFile = () => QUIET_FILES.has(getRequestPath(context).fileKind);
    // Type information sharpens the receiver checks when present; other parsers (espree for .js) have none.
    const typed: ParserServicesWithTypeInformation | undefined = getTypeServices(context)?.services;
    const sourceCode = context.sourceCode;
    /** Source positions already reported: one constant can reach several sinks, a fragment several templates. */
    const reported = new Set<string>();

    const dbOperations = getDbOperations(context);

    /** A `query`/`execute` receiver known to be an SQL client: by the database analysis, or by its type. */
    const isSqlReceiver = sqlReceiverCheck(context);

    /** The builder library of `call`'s chain: from its receiver, or from the database analysis of the whole chain. */
    function builderLibrary(call: TSESTree.CallExpression): QueryBuilderLibrary | undefined {
      const match = queryBuilderOf(call, sourceCode.getScope(call), typed);
      if (match) return match.library;
      const library = dbOperations.classify(outermostChainCall(call))?.library;
      return library === 'knex' || library === 'kysely' ? library : undefined;
    }

    function checkSink(node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression): void {
      if (isQuietFile()) return;
      const sink = getSqlSink(node, sourceCode.getScope(node), { isSqlReceiver });
      if (sink) reportStars(sink);
    }

    function reportStars(sink: SqlSink): void {
      // Cheap exit before lexing: no `*` at all.
      if (!sink.sql.text.includes('*')) return;
      const scan = scanSql(sink.sql.text);
      const statements = splitStatements(scan);
      const memo = newStarSourceMemo();
      let statement = 0;
      for (const list of columnLists(scan)) {
        if (!sendsColumnsToClient(list, sink.evidence === 'tag')) continue;
        while (statement < statements.length - 1 && statements[statement].end <= list.keyword) statement++;
        for (const item of list.items) {
          const star = starOfItem(scan, item);
          if (star === -1) continue;
          // `t.*` over a CTE or derived table that lists its columns adds none a table may gain.
          if (starExpandsToListedColumns(scan, statements[statement], list, item, star, memo)) continue;
          const starLocation = locateInSource(sink.sql, scan.start(star), scan.end(star));
          const key = starLocation?.key ?? `sink:${sink.sqlNode.range[0]}:${scan.start(star)}`;
          if (reported.has(key)) continue;
          reported.add(key);
          const itemLocation = locateInSource(sink.sql, scan.start(item.start), scan.end(star));
          const range = itemLocation?.range ?? starLocation?.range;
          const form = `${list.clause} ${itemText(scan, item.start, star + 1)}`;
          const node = starLocation?.node ?? sink.sqlNode;
          // A `RETURNING *` written in this very call (not a constant other calls share) whose result nobody reads.
          const discarded = list.clause === 'RETURNING' && contains(sink.node, node) && resultIsDiscarded(sink.node);
          context.report({
            node,
            ...(range ? { loc: { start: sourceCode.getLocFromIndex(range[0]), end: sourceCode.getLocFromIndex(range[1]) } } : {}),
            messageId: discarded ? 'discardedReturning' : 'selectStar',
            data: { form: shorten(form) },
          });
        }
      }
    }

    function checkBuilder(call: TSESTree.CallExpression): void {
      const callee = call.callee as TSESTree.MemberExpression;
      if (callee.property.type !== AST_NODE_TYPES.Identifier || isQuietFile()) return;
      const method = callee.property.name;
      const form = builderForm(call, method);
      if (!form) return;
      if (isInColumnlessSubquery(call)) return;
      if (form.library === 'kysely' && (isDataModifyingCte(call) || selectsFromListedSubquery(call, sourceCode) || readsCallerChosenTables(call, sourceCode))) return;
      if (form.library === 'knex' && readsCallerChosenKnexTable(call, sourceCode)) return;
      if (builderLibrary(call) !== form.library) return;
      context.report({
        node: call,
        loc: { start: callee.property.loc.start, end: call.loc.end },
        messageId: RETURNING_METHODS.has(method) && resultIsDiscarded(call) ? 'discardedReturning' : 'selectStar',
        data: { form: shorten(form.text) },
      });
    }

    return {
      [METHOD_SINK_SELECTOR]: checkSink,
      [FUNCTION_SINK_SELECTOR]: checkSink,
      TaggedTemplateExpression: checkSink,
      [BUILDER_SELECTOR]: checkBuilder,
    };
  },
});

/**
 * Whether a list's columns go back to the application: SELECT lists of queries (CTEs, derived tables
 * and UNION branches included) but not of EXISTS/IN subqueries, nor of INSERT … SELECT and other
 * statements that keep the rows in the database; RETURNING lists at the top of INSERT/UPDATE/DELETE.
 */
function sendsColumnsToClient(list: ColumnList, isTemplateFragment: boolean): boolean {
  const verb = list.statementVerb;
  if (list.clause === 'RETURNING') return verb !== undefined && DATA_MODIFYING_VERBS.has(verb) && list.topLevel;
  if (verb !== undefined && (DATA_MODIFYING_VERBS.has(verb) || NO_RESULT_VERBS.has(verb))) return false;
  // A subquery of a template fragment that starts no statement (Shelf's ``Prisma.sql`LEFT JOIN LATERAL (SELECT b.* …) b
  // ON TRUE` ``, spliced into queries elsewhere): which of its columns reach the client is up to a select list this
  // text does not hold. A query builder's raw join (`joinRaw`) feeds the builder's own list, `*` by default.
  if (isTemplateFragment && !list.topLevel && (verb === undefined || !ROW_RETURNING_VERBS.has(verb))) return false;
  return list.subqueryOf === undefined || !COLUMNLESS_SUBQUERY_KEYWORDS.has(list.subqueryOf);
}

/**
 * Nothing reads what the query sends back: the query, with the rest of its chain (`execute…()` included), is a
 * statement of its own, awaited or not (atproto's `await db.insertInto('quote')….returningAll().executeTakeFirst()`).
 * A `.then(…)` callback, a variable or a wrapper call may read the rows.
 */
function resultIsDiscarded(query: TSESTree.Node): boolean {
  let current = query;
  for (;;) {
    const { child, parent } = parentSkippingWrappers(current);
    const step = parent?.parent;
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== child || step?.type !== AST_NODE_TYPES.CallExpression || step.callee !== parent) break;
    if (PROMISE_CONTINUATIONS.has(memberName(parent) ?? '')) return false;
    current = step;
  }
  let { parent } = parentSkippingWrappers(current);
  if (parent?.type === AST_NODE_TYPES.AwaitExpression || (parent?.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'void')) parent = parentSkippingWrappers(parent).parent;
  return parent?.type === AST_NODE_TYPES.ExpressionStatement;
}

/** `u.*`, `"users".*`, `${…}.*` from the item's tokens `[start, end)`. */
function itemText(scan: SqlScan, start: number, end: number): string {
  let text = '';
  for (let i = start; i < end; i++) text += scan.isTemplateHole(i) ? '${…}' : scan.tokenText(i);
  return text;
}

function shorten(text: string): string {
  return text.length <= MAX_FORM_LENGTH ? text : `${text.slice(0, MAX_FORM_LENGTH - 1)}…`;
}

interface BuilderForm {
  library: QueryBuilderLibrary;
  text: string;
}

/** The select-all form of a builder call (`.select('*')`, `.selectAll()`), if the call is one. */
function builderForm(call: TSESTree.CallExpression, method: string): BuilderForm | undefined {
  if (KYSELY_SELECT_ALL_METHODS.has(method)) {
    const first = call.arguments[0];
    const argument = first === undefined ? '' : first.type === AST_NODE_TYPES.Literal && typeof first.value === 'string' ? `'${first.value}'` : '…';
    return { library: 'kysely', text: `.${method}(${argument})` };
  }
  const position = KNEX_COLUMN_ARGUMENTS[method];
  if (position === undefined) return undefined;
  const candidates = position === 'all' ? call.arguments : call.arguments.slice(position, position + 1);
  for (const argument of candidates) {
    const star = starColumn(argument);
    if (star === undefined) continue;
    const before = position === 'all' || position === 0 ? '' : '…, ';
    return { library: 'knex', text: `.${method}(${before}'${star}')` };
  }
  return undefined;
}

/** `'*'` or `'t.*'`, alone or in an array literal: the star string, else undefined. */
function starColumn(argument: TSESTree.CallExpressionArgument): string | undefined {
  const values = argument.type === AST_NODE_TYPES.ArrayExpression ? argument.elements : [argument];
  for (const value of values) {
    if (value?.type === AST_NODE_TYPES.Literal && typeof value.value === 'string' && isStarColumnName(value.value.trim())) return value.value.trim();
  }
  return undefined;
}

const NAME_CHARACTERS = 'abcdefghijklmnopqrstuvwxyz0123456789_$."`';

/** `*`, or a dotted name ending in `.*` (`users.*`, `public.users.*`, `"users".*`). */
function isStarColumnName(text: string): boolean {
  if (text === '*') return true;
  if (!text.endsWith('.*') || text.length < 3) return false;
  for (let i = 0; i < text.length - 2; i++) {
    if (!NAME_CHARACTERS.includes(text[i].toLowerCase())) return false;
  }
  return true;
}

/**
 * Kysely's `db.selectFrom(inner.as('codes')).selectAll()`, where `inner` (written there or in a `const` of the
 * file) selects listed columns and no `selectAll`: the star adds no column a table may gain (atproto's invite codes).
 * Likewise `selectFrom('name')` (or `'name as n'`) of a `.with('name', cb)` CTE whose `cb` lists its columns
 * (Parabol's `RRF`/`ChunkMax`), and `selectFrom(sql\`generate_series(…)\`.as('m'))`: a set-returning function's result.
 * Not a plain `selectAll()` over a join: it also takes the joined tables' columns.
 */
function selectsFromListedSubquery(call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>, hops = 0): boolean {
  let from: TSESTree.CallExpression | undefined;
  let joins = false;
  for (let current: TSESTree.Node = call.callee; current.type === AST_NODE_TYPES.MemberExpression; ) {
    const object: TSESTree.Node = current.object;
    if (object.type !== AST_NODE_TYPES.CallExpression) break;
    const callee: TSESTree.Node = object.callee;
    const method = callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : undefined;
    if (method === 'selectFrom') {
      from = object;
      break;
    }
    if (method?.includes('Join')) joins = true;
    current = callee;
  }
  const relation = from?.arguments[0];
  if (!from || !relation || hops >= MAX_RELATION_HOPS) return false;
  const names = relationNames(relation);
  // Over a join, only a `selectAll('name')` of this relation stays within its columns.
  const target = call.arguments[0];
  if (joins && (target?.type !== AST_NODE_TYPES.Literal || typeof target.value !== 'string' || !names.includes(target.value.trim()))) return false;
  if (relation.type === AST_NODE_TYPES.Literal && typeof relation.value === 'string') {
    const callbacks = cteCallbacks(from, names[0], sourceCode, hops + 1);
    if (!callbacks) return false;
    return callbacks.every((cte) => {
      const returned = returnedExpressions(cte);
      return returned.length > 0 && returned.every((value) => listsItsColumns(value, sourceCode, hops + 1));
    });
  }
  if (relation.type !== AST_NODE_TYPES.CallExpression || relation.callee.type !== AST_NODE_TYPES.MemberExpression || memberName(relation.callee) !== 'as') return false;
  let inner: TSESTree.Node = relation.callee.object;
  if (inner.type === AST_NODE_TYPES.TaggedTemplateExpression) {
    return inner.tag.type === AST_NODE_TYPES.Identifier && inner.tag.name === 'sql' && startsWithFunctionCall(inner.quasi);
  }
  if (inner.type === AST_NODE_TYPES.Identifier) {
    const init = narrowedBuilderInitializer(inner, sourceCode.getScope(inner));
    if (!init) return false;
    inner = init;
  }
  return listsItsColumns(inner, sourceCode, hops + 1);
}

/** The names a `selectAll(…)` may give a `selectFrom` relation: `'tree'`, `'tree as t'` (both), `sub.as('codes')`. */
function relationNames(relation: TSESTree.CallExpressionArgument): string[] {
  if (relation.type === AST_NODE_TYPES.Literal && typeof relation.value === 'string') {
    // Split on single whitespace runs (linear), not with a pattern around `as` that would backtrack on long blanks.
    const words = relation.value.trim().split(/\s+/);
    return words.length === 3 && words[1].toLowerCase() === 'as' ? [words[0], words[2]] : [relation.value.trim()];
  }
  if (relation.type !== AST_NODE_TYPES.CallExpression || relation.callee.type !== AST_NODE_TYPES.MemberExpression || memberName(relation.callee) !== 'as') return [];
  const alias = relation.arguments[0];
  return alias?.type === AST_NODE_TYPES.Literal && typeof alias.value === 'string' ? [alias.value] : [];
}

/** Steps that filter, order or cut a Kysely query without touching its columns. */
const NARROWING_STEPS = new Set(['where', 'orWhere', 'andWhere', 'whereRef', 'having', 'orderBy', 'limit', 'offset', 'groupBy', 'distinct']);

/**
 * The initializer of the builder `identifier` names: a `const`'s, or a `let`'s whose every later assignment only
 * narrows it (`baseQuery = baseQuery.where(…)`, Docmost's searchable lists), so its columns are the initializer's.
 */
function narrowedBuilderInitializer(identifier: TSESTree.Identifier, scope: TSESLint.Scope.Scope): TSESTree.Expression | undefined {
  const constant = constInitializer(identifier, scope);
  if (constant) return constant;
  const variable = findVariable(scope as never, identifier as never) as TSESLint.Scope.Variable | null;
  const def = variable?.defs[0];
  if (variable?.defs.length !== 1 || def?.type !== 'Variable' || def.node.id.type !== AST_NODE_TYPES.Identifier || !def.node.init) return undefined;
  const init = def.node.init;
  for (const reference of variable.references) {
    if (!reference.isWrite() || reference.writeExpr === init) continue;
    const assignment = reference.identifier.parent;
    if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.operator !== '=' || !onlyNarrows(assignment.right, variable)) return undefined;
  }
  return init;
}

/** `x.where(…).orderBy(…)` over the variable itself, with nothing but narrowing steps. */
function onlyNarrows(value: TSESTree.Node, variable: TSESLint.Scope.Variable): boolean {
  let current = skipExpressionWrappers(value);
  let steps = 0;
  while (current.type === AST_NODE_TYPES.CallExpression && current.callee.type === AST_NODE_TYPES.MemberExpression) {
    const method = memberName(current.callee);
    if (method === undefined || !NARROWING_STEPS.has(method)) return false;
    steps++;
    current = skipExpressionWrappers(current.callee.object);
  }
  return steps > 0 && current.type === AST_NODE_TYPES.Identifier && variable.references.some((reference) => reference.identifier === current);
}

/** A Kysely chain that selects listed columns, and stars only over relations that list theirs. */
function listsItsColumns(chain: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, hops: number): boolean {
  let selects = false;
  for (let current = skipExpressionWrappers(chain); current.type === AST_NODE_TYPES.CallExpression && current.callee.type === AST_NODE_TYPES.MemberExpression; current = skipExpressionWrappers(current.callee.object)) {
    const method = memberName(current.callee);
    if (method !== undefined && KYSELY_SELECT_ALL_METHODS.has(method)) {
      if (!selectsFromListedSubquery(current, sourceCode, hops)) return false;
      selects = true;
    }
    if (method === 'select') selects = true;
  }
  return selects;
}

/**
 * The callbacks of the `.with(name, cb)` that defines CTE `name` for the chain of `from`: a `.with` further down the
 * chain or, for a chain returned by another `.with` callback, one before that `.with`; or, for a chain that starts
 * from a call to a function of this file (atproto's `getAncestorsAndSelfQb(db, …).selectFrom('ancestor')`), the
 * `.with` of every builder that function returns. Undefined when some builder does not define it.
 */
function cteCallbacks(from: TSESTree.CallExpression, name: string, sourceCode: Readonly<TSESLint.SourceCode>, hops: number): FunctionNode[] | undefined {
  for (let call: TSESTree.CallExpression | undefined = from; call; call = enclosingWith(call)) {
    if (call.callee.type !== AST_NODE_TYPES.MemberExpression) continue;
    const found = cteCallbacksOfChain(call.callee.object, name, sourceCode, hops);
    if (found) return found;
  }
  return undefined;
}

/** The callback defining CTE `name` in the chain ending at `chain`, or in the builders of the helper it starts from. */
function cteCallbacksOfChain(chain: TSESTree.Node, name: string, sourceCode: Readonly<TSESLint.SourceCode>, hops: number): FunctionNode[] | undefined {
  let node = skipExpressionWrappers(chain);
  while (node.type === AST_NODE_TYPES.CallExpression) {
    const callee = skipExpressionWrappers(node.callee);
    if (callee.type === AST_NODE_TYPES.Identifier) return helperCteCallbacks(callee, name, sourceCode, hops);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const [cteName, callback] = node.arguments;
    if (isCteMethod(memberName(callee)) && cteName?.type === AST_NODE_TYPES.Literal && typeof cteName.value === 'string' && cteNameOf(cteName.value) === name && callback && isFunction(callback)) return [callback];
    node = skipExpressionWrappers(callee.object);
  }
  return undefined;
}

/**
 * The callbacks defining CTE `name` in every builder a function of this file returns (`return query`, a `const`
 * builder or one that later statements only narrow, included). Imported functions are not read.
 */
function helperCteCallbacks(callee: TSESTree.Identifier, name: string, sourceCode: Readonly<TSESLint.SourceCode>, hops: number): FunctionNode[] | undefined {
  if (hops >= MAX_RELATION_HOPS) return undefined;
  const helper = localFunction(callee, sourceCode.getScope(callee));
  const returned = helper ? returnedExpressions(helper) : [];
  if (returned.length === 0) return undefined;
  const callbacks: FunctionNode[] = [];
  for (const value of returned) {
    let builder: TSESTree.Node | undefined = skipExpressionWrappers(value);
    if (builder.type === AST_NODE_TYPES.Identifier) builder = narrowedBuilderInitializer(builder, sourceCode.getScope(builder));
    const found = builder && cteCallbacksOfChain(builder, name, sourceCode, hops + 1);
    if (!found) return undefined;
    callbacks.push(...found);
  }
  return callbacks;
}

/** The function `identifier` names, declared in this file: a function declaration, or a `const` function expression. */
function localFunction(identifier: TSESTree.Identifier, scope: TSESLint.Scope.Scope): FunctionNode | undefined {
  const variable = findVariable(scope as never, identifier as never) as TSESLint.Scope.Variable | null;
  const def = variable?.defs[0];
  if (variable?.defs.length !== 1 || def === undefined) return undefined;
  if (def.type === 'FunctionName') return def.node as FunctionNode;
  const init = constInitializer(identifier, scope);
  return init && isFunction(init) ? init : undefined;
}

/** Kysely's two ways to define a CTE: `.with(name, cb)` and `.withRecursive(name, cb)` (Docmost's page trees). */
function isCteMethod(method: string | undefined): boolean {
  return method === 'with' || method === 'withRecursive';
}

/** A CTE's name without the column list Kysely lets it carry: `'tree(id, parent_id)'` defines `tree`. */
function cteNameOf(declared: string): string {
  const open = declared.indexOf('(');
  return (open === -1 ? declared : declared.slice(0, open)).trim();
}

/** The `.with(name, cb)` (or `.withRecursive`) call whose callback `cb` returns the chain of `call`. */
function enclosingWith(call: TSESTree.CallExpression): TSESTree.CallExpression | undefined {
  const outer = outermostChainCall(call);
  const fn = enclosingFunction(outer);
  const withCall = fn?.parent;
  if (!fn || withCall?.type !== AST_NODE_TYPES.CallExpression || withCall.arguments[1] !== fn || withCall.callee.type !== AST_NODE_TYPES.MemberExpression || !isCteMethod(memberName(withCall.callee))) return undefined;
  return returnedExpressions(fn).some((value) => skipExpressionWrappers(value) === outer) ? withCall : undefined;
}

/** Kysely's `db.with('gone', (qc) => qc.deleteFrom('jobs')….returningAll())`: the outer statement chooses the CTE's columns. */
function isDataModifyingCte(call: TSESTree.CallExpression): boolean {
  if (!enclosingWith(call)) return false;
  for (let current: TSESTree.Node = call; current.type === AST_NODE_TYPES.CallExpression && current.callee.type === AST_NODE_TYPES.MemberExpression; current = skipExpressionWrappers(current.callee.object)) {
    const method = memberName(current.callee);
    if (method !== undefined && DATA_MODIFYING_METHODS.has(method)) return true;
  }
  return false;
}

/**
 * Kysely's `db.selectFrom(model).selectAll()` where every table the chain reads is chosen by the caller: a parameter
 * (`findOne({ model })`), a name destructured from one, or a member of one (`args.model`). A generic adapter (Better
 * Auth's) returns whole records of whatever table it is asked for; it has no columns to list. The chain may start
 * from a local builder (`let query = db.selectFrom(model); … query.selectAll()`) or read a subquery
 * (`db.selectFrom((eb) => eb.selectFrom(model).selectAll().as('primary')).selectAll('primary')`).
 */
function readsCallerChosenTables(call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const tables = tablesOfChain((call.callee as TSESTree.MemberExpression).object, sourceCode, 0);
  return tables !== undefined && tables.length > 0 && tables.every((table) => isCallerChosen(table, sourceCode, 0));
}

const MAX_CHAIN_DEPTH = 32;
/** Knex's methods that name the chain's table: `knex.from(t)`, `.into(t)`, `.table(t)`. */
const KNEX_TABLE_METHODS = new Set(['from', 'into', 'table']);

/**
 * Knex's `client(table).returning('*').insert(data)` where the table is the caller's choice: a parameter or a member
 * of one (`client($.step.parameters.table)`, Automatisch's PostgreSQL actions). Code that writes to whatever table a
 * user picks has no columns to list.
 */
function readsCallerChosenKnexTable(call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  let node: TSESTree.Node = skipExpressionWrappers((call.callee as TSESTree.MemberExpression).object);
  for (let depth = 0; depth < MAX_CHAIN_DEPTH; depth++) {
    if (node.type !== AST_NODE_TYPES.CallExpression) return false;
    const callee = skipExpressionWrappers(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return node.arguments.length === 1 && isCallerChosen(node.arguments[0], sourceCode, 0);
    if (KNEX_TABLE_METHODS.has(memberName(callee) ?? '')) return node.arguments.length === 1 && isCallerChosen(node.arguments[0], sourceCode, 0);
    node = skipExpressionWrappers(callee.object);
  }
  return false;
}

/**
 * The table arguments a Kysely chain reads, found in its `selectFrom(…)`/`insertInto(…)`/… call, through a local
 * builder variable and every value assigned to it, and into `x.as('alias')` subqueries and `(eb) => …` callbacks.
 * Undefined when some part cannot be followed.
 */
function tablesOfChain(expression: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, hops: number, self?: TSESLint.Scope.Variable): TSESTree.Node[] | undefined {
  let node = skipExpressionWrappers(expression);
  while (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression) {
    const method = memberName(node.callee);
    if (method !== undefined && KYSELY_RELATION_METHODS.has(method)) {
      const relation = node.arguments[0];
      return relation === undefined ? undefined : relationTables(relation, sourceCode, hops);
    }
    node = skipExpressionWrappers(node.callee.object);
  }
  if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = findVariable(sourceCode.getScope(node) as never, node as never) as TSESLint.Scope.Variable | null;
  // `query = query.where(…)`: a step of the builder being followed adds no table.
  if (variable !== null && variable === self) return [];
  if (variable === null || hops >= MAX_RELATION_HOPS) return undefined;
  const def = variable.defs[0];
  if (variable.defs.length !== 1 || def.type !== 'Variable' || def.node.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  // `for (const query of builders)`: the values come from elsewhere.
  const loop = def.parent.parent;
  if (loop?.type === AST_NODE_TYPES.ForOfStatement || loop?.type === AST_NODE_TYPES.ForInStatement) return undefined;
  const values: TSESTree.Node[] = def.node.init ? [def.node.init] : [];
  for (const reference of variable.references) {
    if (reference.init || !reference.isWrite()) continue;
    if (!reference.writeExpr || reference.identifier.parent?.type !== AST_NODE_TYPES.AssignmentExpression || reference.identifier.parent.operator !== '=') return undefined;
    values.push(reference.writeExpr);
  }
  const tables: TSESTree.Node[] = [];
  for (const value of values) {
    const found = tablesOfChain(value, sourceCode, hops + 1, variable);
    if (found === undefined) return undefined;
    tables.push(...found);
  }
  return tables;
}

/** The tables behind a relation argument: the argument itself, or those of a `sub.as('alias')` or `(eb) => sub.as('alias')`. */
function relationTables(relation: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, hops: number): TSESTree.Node[] | undefined {
  const node = skipExpressionWrappers(relation);
  if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression && memberName(node.callee) === 'as') {
    return hops >= MAX_RELATION_HOPS ? undefined : tablesOfChain(node.callee.object, sourceCode, hops + 1);
  }
  if (node.type !== AST_NODE_TYPES.ArrowFunctionExpression && node.type !== AST_NODE_TYPES.FunctionExpression) return [node];
  const returned = returnedExpressions(node);
  if (returned.length === 0) return undefined;
  const tables: TSESTree.Node[] = [];
  for (const value of returned) {
    const found = relationTables(value, sourceCode, hops + 1);
    if (found === undefined) return undefined;
    tables.push(...found);
  }
  return tables;
}

/**
 * A table name the caller chooses: a parameter of any function (destructured or not), a member of one
 * (`args.model`), or a `const` taken from one (`const { model } = args`, `const table = options.table`).
 * String literals, `const` strings and imported constants are the code's own choice.
 */
function isCallerChosen(table: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, hops: number): boolean {
  let node = skipExpressionWrappers(table);
  while (node.type === AST_NODE_TYPES.MemberExpression && node.object.type !== AST_NODE_TYPES.ThisExpression) node = skipExpressionWrappers(node.object);
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(sourceCode.getScope(node) as never, node as never) as TSESLint.Scope.Variable | null;
  const def = variable?.defs[0];
  if (variable?.defs.length !== 1 || def === undefined) return false;
  if (def.type === 'Parameter') return true;
  if (def.type !== 'Variable' || def.parent.kind !== 'const' || !def.node.init || hops >= MAX_RELATION_HOPS) return false;
  return isCallerChosen(def.node.init, sourceCode, hops + 1);
}

/**
 * The builder chain is an existence or IN subquery: passed to `exists(…)`/`whereExists(…)`/`whereIn(…)`,
 * or built in a callback passed to one (knex's `whereExists(function () { this.select('*')… })`).
 */
function isInColumnlessSubquery(call: TSESTree.CallExpression): boolean {
  const outer = outermostChainCall(call);
  if (isArgumentOfColumnlessCall(outer)) return true;
  let node: TSESTree.Node | undefined = outer.parent;
  while (node && node.type !== AST_NODE_TYPES.ArrowFunctionExpression && node.type !== AST_NODE_TYPES.FunctionExpression) {
    if (node.type === AST_NODE_TYPES.FunctionDeclaration || node.type === AST_NODE_TYPES.Program) return false;
    node = node.parent;
  }
  return node !== undefined && isArgumentOfColumnlessCall(node);
}

function isArgumentOfColumnlessCall(node: TSESTree.Node): boolean {
  const parent = node.parent;
  if (parent?.type !== AST_NODE_TYPES.CallExpression || !parent.arguments.includes(node as TSESTree.CallExpressionArgument)) return false;
  const callee = parent.callee;
  const name =
    callee.type === AST_NODE_TYPES.Identifier
      ? callee.name
      : callee.type === AST_NODE_TYPES.MemberExpression && callee.property.type === AST_NODE_TYPES.Identifier
        ? callee.property.name
        : undefined;
  return name !== undefined && COLUMNLESS_SUBQUERY_CALLS.has(name);
}

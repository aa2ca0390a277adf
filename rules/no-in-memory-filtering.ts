import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../src/ast/node-types';
import { pushChildNodes } from '../src/ast/children';
import { oneLineText } from '../src/ast/source-text';
import { soleReturnedExpression } from '../src/ast/code-shape';
import { constInitializer, getTypeServices, memberName, parentSkippingWrappers, skipExpressionWrappers, type TypeServices } from '../src/analysis/library-origin';
import { getDbOperations, type DbLibrary } from '../src/analysis/db-operations';
import { getQueryResults, type QueryRows, type RowQuery } from '../src/analysis/query-results';
import { getRequestPath, runsOnceOrElsewhere, QUIET_DATABASE_FILE_KINDS } from '../src/analysis/request-path';
import { isColumnPredicate, isRelationGuard } from '../src/analysis/row-predicate';
import { isEmptinessTest } from '../src/analysis/existence-test';
import { loadedRelations } from '../src/analysis/query-shape';
import { createRule } from '../src/create-rule';
import { typescript } from '../src/analysis/typescript-module';

/** What the JavaScript does with the rows, and so which query feature replaces it. */
type Purpose = 'filter' | 'find' | 'exists' | 'slice' | 'count' | 'sum';
/** Query APIs by library; everything that sends SQL text (pg, pg-promise, mysql2, raw queries) shares `sql`. */
type Dialect = Exclude<DbLibrary, 'redis' | 'pg' | 'pg-promise' | 'mysql2'> | 'sql';

/** Each purpose's fix in the query's own library; `{column}` stands for the summed column. Payload's API sums nothing. */
const FIXES: Record<Dialect, Record<Exclude<Purpose, 'sum'>, string> & { sum: string | undefined }> = {
  prisma: {
    filter: 'a condition in `where`',
    find: '`findFirst({ where })` (or `findUnique` on a unique field)',
    exists: '`findFirst({ where, select: { id: true } })` or `count({ where })`',
    slice: '`take`/`skip` (with `orderBy`)',
    count: '`count({ where })`',
    sum: '`aggregate({ where, _sum: { {column}: true } })`',
  },
  typeorm: {
    filter: 'a condition in `where` (or `.where()` on a query builder)',
    find: '`findOneBy({ … })` / `findOne({ where })`',
    exists: '`existsBy({ … })` / `exists({ where })`',
    slice: '`take`/`skip` (with `order`)',
    count: '`countBy({ … })` / `count({ where })`',
    sum: '`sum(\'{column}\', where)` (or `SUM()` in a query builder)',
  },
  sequelize: {
    filter: 'a condition in `where`',
    find: '`findOne({ where })`',
    exists: '`findOne({ where, attributes: [\'id\'] })` or `count({ where })`',
    slice: '`limit`/`offset` (with `order`)',
    count: '`count({ where })`',
    sum: '`sum(\'{column}\', { where })`',
  },
  mongoose: {
    filter: 'a condition in the `find({ … })` filter',
    find: '`findOne({ … })`',
    exists: '`exists({ … })`',
    slice: '`.limit()`/`.skip()` (with `.sort()`)',
    count: '`countDocuments({ … })`',
    sum: '`aggregate([{ $match: … }, { $group: { _id: null, total: { $sum: \'${column}\' } } }])`',
  },
  mongodb: {
    filter: 'a condition in the `find({ … })` filter',
    find: '`findOne({ … })`',
    exists: '`findOne({ … }, { projection: { _id: 1 } })`',
    slice: '`.limit()`/`.skip()` (with `.sort()`)',
    count: '`countDocuments({ … })`',
    sum: '`aggregate([{ $match: … }, { $group: { _id: null, total: { $sum: \'${column}\' } } }])`',
  },
  payload: {
    filter: 'a condition in `where`',
    find: '`find({ collection, where, limit: 1 })`, or `findByID`',
    exists: '`count({ collection, where })` or `find({ collection, where, limit: 1, depth: 0 })`',
    slice: '`limit`/`page` (with `sort`)',
    count: '`count({ collection, where })`',
    sum: undefined,
  },
  knex: {
    filter: '`.where()`',
    find: '`.where(…).first()`',
    exists: '`.where(…).first()`',
    slice: '`.limit()`/`.offset()` (with `.orderBy()`)',
    count: '`.where(…).count()`',
    sum: '`.where(…).sum(\'{column}\')`',
  },
  objection: {
    filter: '`.where()`',
    find: '`.findOne(…)` (or `.where(…).first()`)',
    exists: '`.findOne(…)` (or `.where(…).first()`)',
    slice: '`.limit()`/`.offset()` or `.page()` (with `.orderBy()`)',
    count: '`.where(…).resultSize()`',
    sum: '`.where(…).sum(\'{column}\')`',
  },
  drizzle: {
    filter: '`.where()` (`where` in `findMany`)',
    find: '`.where(…).limit(1)` or `findFirst({ where })`',
    exists: '`.where(…).limit(1)`',
    slice: '`.limit()`/`.offset()` (with `.orderBy()`)',
    count: '`db.$count(table, filter)`',
    sum: '`select({ total: sum(table.{column}) })`',
  },
  kysely: {
    filter: '`.where()`',
    find: '`.where(…).executeTakeFirst()`',
    exists: '`.where(…).limit(1).executeTakeFirst()`',
    slice: '`.limit()`/`.offset()` (with `.orderBy()`)',
    count: '`.select((eb) => eb.fn.countAll().as(\'count\'))`',
    sum: '`.select((eb) => eb.fn.sum(\'{column}\').as(\'total\'))`',
  },
  'mikro-orm': {
    filter: 'a condition in the `find()` filter',
    find: '`findOne()`',
    exists: '`count()` on the same filter',
    slice: 'the `limit`/`offset` options (with `orderBy`)',
    count: '`count()` on the same filter',
    sum: '`SUM({column})` in a query builder (`qb.select(raw(\'sum({column}) as total\'))`)',
  },
  sql: {
    filter: '`WHERE`',
    find: '`WHERE … LIMIT 1`',
    exists: '`SELECT EXISTS (…)` or `WHERE … LIMIT 1`',
    slice: '`LIMIT`/`OFFSET` (with `ORDER BY`)',
    count: '`SELECT COUNT(*) … WHERE …`',
    sum: '`SELECT SUM({column}) … WHERE …`',
  },
};

const MESSAGE_IDS = {
  filter: 'filterInMemory',
  find: 'findInMemory',
  exists: 'existsInMemory',
  slice: 'sliceInMemory',
  count: 'countInMemory',
  sum: 'sumInMemory',
} as const satisfies Record<Purpose, string>;

type MessageId = (typeof MESSAGE_IDS)[Purpose];

/** Array methods that only reorder: `rows.sort(…).slice(0, 10)` is a top-N in memory. */
const ORDER_METHODS = new Set(['sort', 'toSorted', 'reverse', 'toReversed']);
const COUNT_COMPARISONS = new Set(['===', '!==', '==', '!=', '<', '>', '<=', '>=']);
/** How deep nested conditionals are followed for the keys a query filters on. */
const MAX_BRANCH_DEPTH = 4;
/** Nodes of a query read for the key list it filters on, at most. */
const MAX_QUERY_NODES = 400;
const MAX_LABEL = 60;
/** Libraries whose rows are instances of the project's entity classes, which may declare getters and methods. */
const ENTITY_ROW_LIBRARIES: ReadonlySet<string> = new Set(['typeorm', 'sequelize', 'mongoose', 'mikro-orm', 'objection']);

/** One JavaScript operation over the rows that a query option could do instead. */
interface Reduction {
  purpose: Purpose;
  /** The expression evaluating to the rows. */
  read: TSESTree.Node;
  node: TSESTree.Node;
  loc: TSESTree.SourceLocation;
  /** How the message names the operation: `.filter(…)`, `.slice(0, 10)`, `.length`. */
  operation: string;
  /** The callback a query option would replace (`.filter(pred)`), for the check with types before reporting. */
  predicate?: TSESTree.Node;
  /** For a sum: the row's property read (`r.amount`), and the column's name. */
  summed?: SummedColumn;
}

type Use = { kind: 'reduction' | 'length'; reduction: Reduction } | { kind: 'other' };
const OTHER: Use = { kind: 'other' };

export default createRule<[], MessageId>({
  name: 'no-in-memory-filtering',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow fetching rows only to filter, search, slice, count or sum them in JavaScript',
      guide: 'filter-in-the-database',
      recommended: 'recommended',
    },
    schema: [],
    messages: {
      filterInMemory:
        '`{{operation}}` filters in JavaScript the rows `{{query}}` fetched: every row it drops was read and sent over the network for nothing. Filter in the query with {{fix}}.',
      findInMemory:
        '`{{operation}}` searches in JavaScript the rows `{{query}}` fetched, to keep one. Ask the database for that row with {{fix}}.',
      existsInMemory:
        '`{{operation}}` only tells whether `{{query}}` found a matching row, after fetching all of them. Ask the database with {{fix}}.',
      sliceInMemory:
        '`{{operation}}` keeps a slice of the rows `{{query}}` fetched and drops the rest. Fetch only those rows with {{fix}}.',
      countInMemory:
        '`{{operation}}` counts in JavaScript rows `{{query}}` fetched only to be counted. Count in the database with {{fix}}.',
      sumInMemory:
        '`{{operation}}` adds up in JavaScript a column of the rows `{{query}}` fetched only for that total. Let the database sum it with {{fix}}.',
    },
  },
  create(context) {
    const sourceCode = context.sourceCode;
    // Rows come from queries: a file that can send none has nothing to filter in memory.
    if (!getDbOperations(context).mayFindOperations()) return {};
    const results = getQueryResults(context);
    const typeServices = getTypeServices(context);
    // With types, a row's getter or method is no column. Asked only of the one callback about to be reported:
    // resolving `row.status` makes the checker infer the whole query's result type, the costliest question here.
    const typedPredicateOptions = typeServices ? { isComputedProperty: (member: TSESTree.MemberExpression) => isComputedProperty(member, typeServices) } : undefined;
    /** Decided once per variable: the one reduction to report, if any. */
    const decisions = new WeakMap<object, Reduction | null>();
    let quietFile: boolean | undefined;

    /** Tests, migrations and seeds may load whole tables: not a request path. */
    function isQuietFile(): boolean {
      quietFile ??= QUIET_DATABASE_FILE_KINDS.has(getRequestPath(context).fileKind);
      return quietFile;
    }

    function predicate(node: TSESTree.Node | undefined): boolean {
      return isColumnPredicate(node, sourceCode.visitorKeys);
    }

    function reduction(purpose: Purpose, read: TSESTree.Node, node: TSESTree.Node, from: TSESTree.Node, operation: string, predicateNode?: TSESTree.Node): Reduction {
      return { purpose, read, node, operation, loc: { start: from.loc.start, end: node.loc.end }, ...(predicateNode ? { predicate: predicateNode } : {}) };
    }

    function sum(read: TSESTree.Node, node: TSESTree.CallExpression, from: TSESTree.Node, operation: string, summed: SummedColumn): Use {
      return { kind: 'reduction', reduction: { ...reduction('sum', read, node, from, operation), summed } };
    }

    /** What the code does with the rows that `read` evaluates to. */
    function classifyUse(read: TSESTree.Node): Use {
      const { child, parent } = parentSkippingWrappers(read);
      if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== child) return OTHER;
      const name = memberName(parent);
      if (name === 'length' && !parent.computed) {
        return { kind: 'length', reduction: reduction(isEmptinessTest(parent, sourceCode) ? 'exists' : 'count', read, parent, parent.property, '.length') };
      }
      const call = parent.parent;
      if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== parent || parent.computed) return OTHER;
      const from = parent.property;
      switch (name) {
        case 'filter': {
          const callback = call.arguments[0];
          if (!predicate(callback) || excludesOneKey(callback)) return OTHER;
          const length = lengthOf(call);
          if (length) return { kind: 'reduction', reduction: reduction(isEmptinessTest(length, sourceCode) ? 'exists' : 'count', read, length, from, '.filter(…).length', callback) };
          return { kind: 'reduction', reduction: reduction('filter', read, call, from, '.filter(…)', callback) };
        }
        case 'find':
        case 'findIndex':
          return predicate(call.arguments[0]) ? { kind: 'reduction', reduction: reduction('find', read, call, from, `.${name}(…)`, call.arguments[0]) } : OTHER;
        case 'some':
          return predicate(call.arguments[0]) ? { kind: 'reduction', reduction: reduction('exists', read, call, from, '.some(…)', call.arguments[0]) } : OTHER;
        case 'slice':
          return isPageSlice(call) ? { kind: 'reduction', reduction: reduction('slice', read, call, from, sliceText(call)) } : OTHER;
        case 'reduce': {
          const summed = summedColumn(call);
          return summed ? sum(read, call, from, '.reduce(…)', summed) : OTHER;
        }
        case 'map': {
          // rows.map((r) => r.amount).reduce((a, b) => a + b, 0)
          const projected = projectedColumn(call.arguments[0]);
          const total = projected && reduceOf(call);
          return total && addsUp(total) ? sum(read, total, from, '.map(…).reduce(…)', projected) : OTHER;
        }
        default: {
          // rows.sort(byDate).slice(0, 10)
          if (name === undefined || !ORDER_METHODS.has(name)) return OTHER;
          const slice = sliceOf(call);
          return slice ? { kind: 'reduction', reduction: reduction('slice', read, slice, from, `.${name}(…)${sliceText(slice)}`) } : OTHER;
        }
      }
    }

    /**
     * The reduction to report for these rows: the only one when the rows serve nothing else. Rows that
     * are also returned, iterated, mapped or read in a callback or loop are needed whole; several
     * reductions over the same rows (partitions, lookups) are one query serving several answers.
     */
    function decide(rows: QueryRows, read: TSESTree.Node): Reduction | undefined {
      if (rows.query.limited !== false) return undefined;
      const holder = rows.holder;
      if (!holder) {
        const use = classifyUse(read);
        if (use.kind === 'other' || (use.kind === 'length' && !countWorthReporting(rows, use.reduction))) return undefined;
        return use.reduction;
      }
      const known = decisions.get(holder.variable);
      if (known !== undefined) return known ?? undefined;
      const decision = decideForHolder(rows);
      decisions.set(holder.variable, decision ?? null);
      return decision;
    }

    /** A count the code keeps, returns or compares with a threshold; not a test for no rows, nor one only printed (`console.log(rows.length)`, `` `${rows.length} rows` ``). */
    function isSecondAnswer(length: Reduction): boolean {
      if (length.purpose === 'exists') return isAnswerGivenBack(length.node);
      const { child, parent } = parentSkippingWrappers(length.node);
      if (parent?.type === AST_NODE_TYPES.TemplateLiteral) return false;
      return !((parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) && parent.arguments.includes(child as TSESTree.CallExpressionArgument));
    }

    /**
     * `return rows.length > 0`, `const found = rows.length > 0`: an existence flag handed back as a value answers a
     * question of its own (Postiz's integration lookup: in this org, or anywhere); `if (rows.length === 0) return` does not.
     */
    function isAnswerGivenBack(node: TSESTree.Node): boolean {
      let current: TSESTree.Node = node;
      for (let depth = 0; depth < 6 && current.parent; depth++) {
        const parent: TSESTree.Node = current.parent;
        if (parent.type === AST_NODE_TYPES.BinaryExpression || parent.type === AST_NODE_TYPES.LogicalExpression || (parent.type === AST_NODE_TYPES.UnaryExpression && parent.operator === '!')) {
          current = parent;
          continue;
        }
        return parent.type === AST_NODE_TYPES.ReturnStatement || (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === current) || (parent.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === current);
      }
      return false;
    }

    function decideForHolder(rows: QueryRows): Reduction | undefined {
      const uses = results.usesOf(rows.holder!);
      if (uses.otherReads.length > 0) return undefined;
      const reductions: Reduction[] = [];
      const lengths: Reduction[] = [];
      for (const read of uses.reads) {
        if (read.repeated) return undefined;
        const use = classifyUse(read.node);
        if (use.kind === 'other') return undefined;
        (use.kind === 'reduction' ? reductions : lengths).push(use.reduction);
      }
      // A count of the same rows beside the reduction (`if (active.length >= MAX) …`, `{ total: rows.length }`) is a
      // second answer from one query; an emptiness test (`if (rows.length === 0) return`) is none.
      if (reductions.length === 1) return lengths.some(isSecondAnswer) ? undefined : reductions[0];
      if (reductions.length > 0 || lengths.length === 0) return undefined;
      // Only counted: one report, at the first `.length`.
      const purpose: Purpose = lengths.every((length) => length.purpose === 'exists') ? 'exists' : 'count';
      const counted = { ...lengths[0], purpose };
      return countWorthReporting(rows, counted) ? counted : undefined;
    }

    /**
     * `rows.length > 0` after a filtered query is the usual existence check by a unique key
     * (`WHERE email = $1`): at most a row or two come back. Only counts, or tests on unfiltered reads, load many rows.
     */
    function countWorthReporting(rows: QueryRows, count: Reduction): boolean {
      if (rows.query.filtered === false) return true;
      return count.purpose !== 'exists' && !checksRowsAgainstKeys(count.node, rows.query.node);
    }

    /**
     * `rows.length !== 1` or `rows.length !== ids.length` after a filtered query: a check that the one row, or
     * every key asked for (`inArray(monitor.id, ids)`), exists. The rows are as many as the keys.
     */
    function checksRowsAgainstKeys(length: TSESTree.Node, query: TSESTree.Node): boolean {
      const { child, parent } = parentSkippingWrappers(length);
      if (parent?.type !== AST_NODE_TYPES.BinaryExpression || !COUNT_COMPARISONS.has(parent.operator)) return false;
      const other = skipExpressionWrappers(parent.left === child ? parent.right : parent.left);
      if (other.type === AST_NODE_TYPES.Literal) return other.value === 1;
      const keys = countedList(other);
      return keys !== undefined && containsExpression(query, sourceCode.getText(keys));
    }

    /**
     * The list whose number of distinct keys `count` reads: `ids` of `ids.length`, of `new Set(ids).size` and of
     * `[...new Set(ids)].length` (a list that may hold a key twice, against rows that hold each once).
     */
    function countedList(count: TSESTree.Node): TSESTree.Node | undefined {
      if (count.type !== AST_NODE_TYPES.MemberExpression || count.computed) return undefined;
      const counted = skipExpressionWrappers(count.object);
      const name = memberName(count);
      const set = name === 'size' ? counted : name === 'length' && counted.type === AST_NODE_TYPES.ArrayExpression && counted.elements.length === 1 && counted.elements[0]?.type === AST_NODE_TYPES.SpreadElement ? skipExpressionWrappers(counted.elements[0].argument) : undefined;
      if (set) return set.type === AST_NODE_TYPES.NewExpression && set.callee.type === AST_NODE_TYPES.Identifier && set.callee.name === 'Set' && set.arguments.length === 1 && set.arguments[0]!.type !== AST_NODE_TYPES.SpreadElement ? set.arguments[0] : undefined;
      return name === 'length' ? counted : undefined;
    }

    /**
     * An identifier or member chain spelled `text` inside `root` (its arguments: `inArray(t.id, input.ids)`), or a
     * `const` there derived from it (`const ids = monitors.map((m) => m.id)`, also behind a ternary): as many keys.
     * A `const` list or object of conditions the query spreads or passes (`and(...whereConditions)`, OpenStatus's
     * tRPC routers) is read as if written there.
     */
    function containsExpression(root: TSESTree.Node, text: string): boolean {
      const queue: TSESTree.Node[] = [root];
      const inlined = new Set<TSESTree.Node>();
      for (let index = 0; index < queue.length && index < MAX_QUERY_NODES; index++) {
        const node = queue[index];
        if ((node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.MemberExpression) && node !== root && sourceCode.getText(node) === text) return true;
        const init = node.type === AST_NODE_TYPES.Identifier && node !== root ? constInitializer(node, sourceCode.getScope(node)) : undefined;
        if (init) {
          if (derivesFrom(init, text)) return true;
          // A list of conditions or a `where` object.
          const conditions = skipExpressionWrappers(init);
          if ((conditions.type === AST_NODE_TYPES.ArrayExpression || conditions.type === AST_NODE_TYPES.ObjectExpression) && !inlined.has(conditions)) {
            inlined.add(conditions);
            queue.push(conditions);
          }
        }
        pushChildNodes(node, sourceCode.visitorKeys, queue);
      }
      return false;
    }

    /**
     * `init` of `const ids = cond ? monitors : monitors.map(…)`: every branch is `text` itself or a `map` of it, or
     * an empty list (`monitors ? (isIds(monitors) ? monitors : monitors.map(…)) : []`, OpenStatus's page update).
     */
    function derivesFrom(init: TSESTree.Expression, text: string): boolean {
      return conditionalBranches(init).every((value) => {
        if (sourceCode.getText(value) === text || (value.type === AST_NODE_TYPES.ArrayExpression && value.elements.length === 0)) return true;
        if (value.type !== AST_NODE_TYPES.CallExpression || value.callee.type !== AST_NODE_TYPES.MemberExpression || memberName(value.callee) !== 'map') return false;
        return sourceCode.getText(skipExpressionWrappers(value.callee.object)) === text;
      });
    }

    /** The values a conditional chain may take (`a ? b : c ? d : e` gives b, d and e), wrappers skipped. */
    function conditionalBranches(expression: TSESTree.Node, depth = 0): TSESTree.Node[] {
      const value = skipExpressionWrappers(expression);
      if (value.type !== AST_NODE_TYPES.ConditionalExpression || depth >= MAX_BRANCH_DEPTH) return [value];
      return [...conditionalBranches(value.consequent, depth + 1), ...conditionalBranches(value.alternate, depth + 1)];
    }

    function check(receiver: TSESTree.Node): void {
      const read = skipExpressionWrappers(receiver);
      if (read.type !== AST_NODE_TYPES.Identifier && read.type !== AST_NODE_TYPES.AwaitExpression && read.type !== AST_NODE_TYPES.MemberExpression) return;
      const rows = results.rowsOf(read);
      if (!rows) return;
      const decision = decide(rows, read);
      if (decision?.read !== read || isQuietFile()) return;
      // A query API's list read hands back an array; the result of SQL text is typed by the caller, and may be no
      // array at all. Only then is the checker asked: inferring a deep ORM result type is costly.
      if (typeServices && rows.query.rawSql && !mayBeArray(read, typeServices)) return;
      // A callback that reads a getter or a method of the row (an entity accessor) is no query filter. Other uses
      // of the rows were decided without this question: a callback that fails it made no report in any case.
      // Only entity classes have accessors; Prisma, knex, Drizzle, Kysely and driver rows are plain objects.
      if (typedPredicateOptions && decision.predicate && ENTITY_ROW_LIBRARIES.has(rows.query.library) && !rows.query.rawSql && !isColumnPredicate(decision.predicate, sourceCode.visitorKeys, typedPredicateOptions)) return;
      // An entity's getter (`get total()`) is summed in JavaScript whatever the query does.
      if (typeServices && decision.summed?.member && ENTITY_ROW_LIBRARIES.has(rows.query.library) && !rows.query.rawSql && isComputedProperty(decision.summed.member, typeServices)) return;
      // `translations.filter((t) => !!t.term)` after `relations: ['term']`: a guard on the join, not a filter to push down.
      if (decision.purpose === 'filter' && isRelationGuard(decision.predicate, rows.query.leftJoinedColumns ?? loadedRelations(rows.query))) return;
      // Startup code (seeding defaults, loading settings once) runs once per process.
      if (runsOnceOrElsewhere(decision.node, getRequestPath(context).classify(decision.node))) return;
      const fix = FIXES[dialectOf(rows.query)][decision.purpose]?.replaceAll('{column}', decision.summed?.column ?? '');
      if (fix === undefined) return;
      context.report({
        node: decision.node,
        loc: decision.loc,
        messageId: MESSAGE_IDS[decision.purpose],
        data: { operation: decision.operation, query: queryLabel(rows.query), fix },
      });
    }

    function queryLabel(query: RowQuery): string {
      const call = query.operationCall;
      if (call.type === AST_NODE_TYPES.TaggedTemplateExpression) return `${shorten(sourceCode.getText(call.tag))}\`…\``;
      const chained = query.node === call ? '' : '…';
      const full = sourceCode.getText(call);
      if (full.length <= MAX_LABEL && !full.includes('\n')) return full + chained;
      const callee = oneLineText(sourceCode, call.callee);
      const calleeText = callee.length <= MAX_LABEL && !callee.includes('\n') ? callee : `….${query.method}`;
      return `${calleeText}(…)${chained}`;
    }

    return {
      'CallExpression[callee.type="MemberExpression"][callee.property.name=/^(?:filter|find|findIndex|some|slice|reduce|map)$/]'(call: TSESTree.CallExpression) {
        const callee = call.callee as TSESTree.MemberExpression;
        if (callee.computed) return;
        // `map` and `reduce` are everywhere: only a total's shape is worth asking the query analysis about.
        const method = memberName(callee);
        if (method === 'reduce' ? !summedColumn(call) : method === 'map' && !isSummedProjection(call)) return;
        const receiver = skipExpressionWrappers(callee.object);
        // rows.sort(…).slice(…): the rows are the receiver of the sort.
        if (receiver.type === AST_NODE_TYPES.CallExpression && memberName(callee) === 'slice') {
          const inner = skipExpressionWrappers(receiver.callee);
          if (inner.type === AST_NODE_TYPES.MemberExpression && !inner.computed && ORDER_METHODS.has(memberName(inner) ?? '')) check(inner.object);
          return;
        }
        check(receiver);
      },
      'MemberExpression[computed=false][property.name="length"]'(member: TSESTree.MemberExpression) {
        check(member.object);
      },
    };
  },
});

interface SummedColumn {
  column: string;
  /** `r.amount` (none for a destructured `{ amount }`): with types, checked to be no getter. */
  member?: TSESTree.MemberExpression;
}

/**
 * `rows.reduce((total, r) => total + r.amount, 0)` (also `{ amount }` destructured, `Number(r.amount)`, `r.amount ?? 0`,
 * a block that only returns the sum): the one column a `SUM()` would add up. The initial value must be `0`, and the
 * accumulator only added to: anything else (a max, an object of totals, a product) is left alone.
 */
function summedColumn(call: TSESTree.CallExpression): SummedColumn | undefined {
  const [callback, initial] = call.arguments;
  if (call.arguments.length !== 2 || !isZero(initial)) return undefined;
  const fn = callback && skipExpressionWrappers(callback);
  if ((fn?.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn?.type !== AST_NODE_TYPES.FunctionExpression) || fn.async || fn.params.length !== 2) return undefined;
  const [total, row] = fn.params;
  if (total.type !== AST_NODE_TYPES.Identifier) return undefined;
  const added = addedTo(total.name, returnedExpression(fn));
  if (!added) return undefined;
  const value = numericColumnRead(added);
  if (row.type === AST_NODE_TYPES.Identifier) {
    if (value?.type !== AST_NODE_TYPES.MemberExpression || value.computed || skipExpressionWrappers(value.object).type !== AST_NODE_TYPES.Identifier) return undefined;
    const object = skipExpressionWrappers(value.object) as TSESTree.Identifier;
    const column = memberName(value);
    return object.name === row.name && column !== undefined ? { column, member: value } : undefined;
  }
  // (total, { amount }) => total + amount
  if (row.type !== AST_NODE_TYPES.ObjectPattern || value?.type !== AST_NODE_TYPES.Identifier) return undefined;
  const bound = row.properties.find((property): property is TSESTree.Property => property.type === AST_NODE_TYPES.Property && !property.computed && property.value.type === AST_NODE_TYPES.Identifier && property.value.name === value.name);
  const column = bound && bound.key.type === AST_NODE_TYPES.Identifier ? bound.key.name : undefined;
  return column === undefined ? undefined : { column };
}

/** `(r) => r.amount`: a callback that reads one column of the row. */
function projectedColumn(callback: TSESTree.Node | undefined): SummedColumn | undefined {
  const fn = callback && skipExpressionWrappers(callback);
  if ((fn?.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn?.type !== AST_NODE_TYPES.FunctionExpression) || fn.async || fn.params.length !== 1) return undefined;
  const [row] = fn.params;
  const value = numericColumnRead(returnedExpression(fn));
  if (row.type !== AST_NODE_TYPES.Identifier || value?.type !== AST_NODE_TYPES.MemberExpression || value.computed) return undefined;
  const object = skipExpressionWrappers(value.object);
  const column = memberName(value);
  return object.type === AST_NODE_TYPES.Identifier && object.name === row.name && column !== undefined ? { column, member: value } : undefined;
}

/** `rows.map((r) => r.amount).reduce((a, b) => a + b, 0)`: the shape of a total, before asking whose rows these are. */
function isSummedProjection(call: TSESTree.CallExpression): boolean {
  const total = reduceOf(call);
  return total !== undefined && addsUp(total) && projectedColumn(call.arguments[0]) !== undefined;
}

/** `.reduce(…)` called on the result of `call`. */
function reduceOf(call: TSESTree.CallExpression): TSESTree.CallExpression | undefined {
  const { child, parent } = parentSkippingWrappers(call);
  if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== child || parent.computed || memberName(parent) !== 'reduce') return undefined;
  return parent.parent?.type === AST_NODE_TYPES.CallExpression && parent.parent.callee === parent ? parent.parent : undefined;
}

/** `.reduce((a, b) => a + b, 0)`: a plain sum of the values. */
function addsUp(call: TSESTree.CallExpression): boolean {
  const [callback, initial] = call.arguments;
  if (call.arguments.length !== 2 || !isZero(initial)) return false;
  const fn = callback && skipExpressionWrappers(callback);
  if ((fn?.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn?.type !== AST_NODE_TYPES.FunctionExpression) || fn.params.length !== 2) return false;
  const [total, value] = fn.params;
  if (total.type !== AST_NODE_TYPES.Identifier || value.type !== AST_NODE_TYPES.Identifier) return false;
  const added = addedTo(total.name, returnedExpression(fn));
  const operand = added && numericColumnRead(added);
  return operand?.type === AST_NODE_TYPES.Identifier && operand.name === value.name;
}

/** The expression a function returns as its only statement, without parentheses or type assertions. */
function returnedExpression(fn: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression): TSESTree.Node | undefined {
  const returned = soleReturnedExpression(fn);
  return returned && skipExpressionWrappers(returned);
}

/** In `total + x` (or `x + total`), x. */
function addedTo(total: string, expression: TSESTree.Node | undefined): TSESTree.Node | undefined {
  if (expression?.type !== AST_NODE_TYPES.BinaryExpression || expression.operator !== '+') return undefined;
  const left = skipExpressionWrappers(expression.left);
  const right = skipExpressionWrappers(expression.right);
  if (left.type === AST_NODE_TYPES.Identifier && left.name === total) return right;
  if (right.type === AST_NODE_TYPES.Identifier && right.name === total) return left;
  return undefined;
}

/**
 * The value read, through what a `SUM()` does anyway: a conversion of a numeric column (`Number(r.amount)`,
 * `parseFloat(…)`, `+r.amount`, as drivers hand `DECIMAL`s back as strings) and a default for `NULL` (`r.amount ?? 0`, `|| 0`).
 */
function numericColumnRead(node: TSESTree.Node | undefined): TSESTree.Node | undefined {
  let value = node && skipExpressionWrappers(node);
  for (let depth = 0; depth < 3 && value; depth++) {
    if (value.type === AST_NODE_TYPES.CallExpression && value.callee.type === AST_NODE_TYPES.Identifier && NUMBER_CONVERSIONS.has(value.callee.name) && value.arguments.length >= 1) {
      value = skipExpressionWrappers(value.arguments[0]);
    } else if (value.type === AST_NODE_TYPES.UnaryExpression && value.operator === '+') {
      value = skipExpressionWrappers(value.argument);
    } else if (value.type === AST_NODE_TYPES.LogicalExpression && (value.operator === '??' || value.operator === '||') && isZero(value.right)) {
      value = skipExpressionWrappers(value.left);
    } else {
      break;
    }
  }
  return value;
}

const NUMBER_CONVERSIONS = new Set(['Number', 'parseFloat', 'parseInt']);

function isZero(node: TSESTree.Node | undefined): boolean {
  return node?.type === AST_NODE_TYPES.Literal && node.value === 0;
}

function dialectOf(query: RowQuery): Dialect {
  const { library } = query;
  return query.rawSql || library === 'redis' || library === 'pg' || library === 'pg-promise' || library === 'mysql2' ? 'sql' : library;
}

/** `rows.filter(…).length`: the member expression, if the filter's result is only counted. */
function lengthOf(call: TSESTree.CallExpression): TSESTree.MemberExpression | undefined {
  const { child, parent } = parentSkippingWrappers(call);
  return parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === child && !parent.computed && memberName(parent) === 'length' ? parent : undefined;
}

const KEY_COLUMNS = new Set(['id', '_id', 'uuid']);

/** `(m) => m.id !== me.id`: drops at most the one row with that key, not worth a query change. */
function excludesOneKey(callback: TSESTree.Node | undefined): boolean {
  const fn = callback && skipExpressionWrappers(callback);
  if (fn?.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn?.type !== AST_NODE_TYPES.FunctionExpression) return false;
  let body: TSESTree.Node | undefined = fn.body;
  if (body.type === AST_NODE_TYPES.BlockStatement) body = body.body.length === 1 && body.body[0].type === AST_NODE_TYPES.ReturnStatement ? (body.body[0].argument ?? undefined) : undefined;
  const test = body && skipExpressionWrappers(body);
  if (test?.type !== AST_NODE_TYPES.BinaryExpression || (test.operator !== '!==' && test.operator !== '!=')) return false;
  return [test.left, test.right].some((side) => {
    const operand = skipExpressionWrappers(side);
    if (operand.type === AST_NODE_TYPES.Identifier) return KEY_COLUMNS.has(operand.name);
    return operand.type === AST_NODE_TYPES.MemberExpression && KEY_COLUMNS.has(memberName(operand) ?? '');
  });
}

/** `.slice(…)` called on the result of `call` (an order method). */
function sliceOf(call: TSESTree.CallExpression): TSESTree.CallExpression | undefined {
  const { child, parent } = parentSkippingWrappers(call);
  if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== child || parent.computed || memberName(parent) !== 'slice') return undefined;
  const slice = parent.parent;
  return slice?.type === AST_NODE_TYPES.CallExpression && slice.callee === parent && isPageSlice(slice) ? slice : undefined;
}

/**
 * A slice that keeps a page of the rows: not `.slice()` or `.slice(0)`, which copy the array, nor `.slice(1)` (a
 * constant start and no end), which keeps all but the first rows: an `OFFSET` would save only those (OpenStatus
 * deactivates every monitor but the oldest). `.slice(-5)` keeps the last five: a page.
 */
function isPageSlice(call: TSESTree.CallExpression): boolean {
  const args = call.arguments;
  if (args.length === 0 || args.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) return false;
  return !(args.length === 1 && args[0].type === AST_NODE_TYPES.Literal && typeof args[0].value === 'number' && args[0].value >= 0);
}

function sliceText(call: TSESTree.CallExpression): string {
  const literal = call.arguments.every((arg) => arg.type === AST_NODE_TYPES.Literal && typeof arg.value === 'number');
  return literal ? `.slice(${call.arguments.map((arg) => String((arg as TSESTree.Literal).value)).join(', ')})` : '.slice(…)';
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length <= MAX_LABEL ? oneLine : `${oneLine.slice(0, MAX_LABEL - 1)}…`;
}

/** With types: the property is a getter or a method of the row's class (an entity accessor), not a stored column. */
function isComputedProperty(member: TSESTree.MemberExpression, typeServices: TypeServices): boolean {
  if (member.computed) return false;
  const tsNode = typeServices.services.esTreeNodeToTSNodeMap.get(member.property);
  const symbol = tsNode && typeServices.checker.getSymbolAtLocation(tsNode);
  if (!symbol) return false;
  const { SymbolFlags } = typescript();
  return (symbol.flags & (SymbolFlags.GetAccessor | SymbolFlags.Method)) !== 0;
}

/** With types: the value may be an array (an array or tuple type, `any`, or a union with one). */
function mayBeArray(node: TSESTree.Node, typeServices: TypeServices): boolean {
  const tsNode = typeServices.services.esTreeNodeToTSNodeMap.get(node as never);
  if (!tsNode) return true;
  const { checker } = typeServices;
  const { TypeFlags } = typescript();
  const declared = checker.getTypeAtLocation(tsNode);
  const open = TypeFlags.Any | TypeFlags.Unknown | TypeFlags.TypeParameter;
  // Checked before removing null: the non-nullable form of `unknown` is `{}`.
  if (declared.flags & open) return true;
  const type = checker.getNonNullableType(declared);
  const members = type.isUnion() ? type.types : [type];
  return members.some((member) => member.flags & open || checker.isArrayType(member) || checker.isTupleType(member));
}

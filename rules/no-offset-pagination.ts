import { findVariable } from '@eslint-community/eslint-utils';
import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../src/ast/node-types';
import { trailingName } from '../src/ast/expressions';
import { enclosingFunction, functionName } from '../src/ast/code-shape';
import { getDbOperations, type DbLibrary } from '../src/analysis/db-operations';
import { getFixedValues } from '../src/analysis/fixed-values';
import { memberName, skipExpressionWrappers } from '../src/analysis/library-origin';
import { describeInput, getRequestInput } from '../src/analysis/request-input';
import { getRequestPath } from '../src/analysis/request-path';
import {
  getSqlSink,
  HOLE_MARKER,
  holeAt,
  locateInSource,
  outermostChainCall,
  queryBuilderOf,
  scanSql,
  SQL_SINK_METHODS,
  STATEMENT_FUNCTIONS,
  type SqlScan,
  type SqlSink,
} from '../src/analysis/sql';
import { boundArgument, positionalOrdinals } from '../src/analysis/sql/bindings';
import { queryBounds, readKeysetFacts, type KeysetMemo } from '../src/analysis/sql/keyset';
import { sqlReceiverCheck } from '../src/analysis/sql/receivers';
import { startsWithFunctionCall } from '../src/analysis/sql/tags';
import { createRule } from '../src/create-rule';
import { functionCallSelector, methodCallSelector } from '../src/ast/selectors';

type Scope = TSESLint.Scope.Scope;
type MessageIds = 'offsetPagination';
type FixForm = DbLibrary | 'sql';

const MAX_TEXT = 40;
/** Tokens read after OFFSET / LIMIT for the value expression. */
const MAX_CLAUSE_TOKENS = 64;

/** Options-object key of each library's offset, and which arguments hold options (undefined: any object argument). */
const OPTION_KEYS: Partial<Record<DbLibrary, { key: 'skip' | 'offset'; argument?: number }>> = {
  prisma: { key: 'skip' },
  typeorm: { key: 'skip' },
  sequelize: { key: 'offset' },
  'mikro-orm': { key: 'offset' },
  drizzle: { key: 'offset' },
  // The first argument is a filter: a document field may be called `skip`.
  mongoose: { key: 'skip', argument: 2 },
  mongodb: { key: 'skip', argument: 1 },
};

/** Builder and cursor methods taking an offset, by library. */
/** A chain ending in a count (Mongoose's `countDocuments`, `count`; Sequelize's `count`) returns a number, not rows. */
const COUNT_METHODS = new Set(['countDocuments', 'count', 'estimatedDocumentCount']);

const CHAIN_METHODS: Partial<Record<DbLibrary, ReadonlySet<string>>> = {
  mongoose: new Set(['skip']),
  mongodb: new Set(['skip']),
  typeorm: new Set(['skip', 'offset']),
  knex: new Set(['offset']),
  // `page(page, pageSize)` and `range(start, end)` add `OFFSET page * pageSize` / `OFFSET start` (and a count).
  objection: new Set(['offset', 'page', 'range']),
  drizzle: new Set(['offset']),
  kysely: new Set(['offset']),
  'mikro-orm': new Set(['offset']),
};

/** Keys and functions of a keyset condition (`id > last`) in ORM filters. */
const KEYSET_KEYS = new Set(['gt', 'gte', 'lt', 'lte', '$gt', '$gte', '$lt', '$lte']);
const KEYSET_FUNCTIONS = new Set(['MoreThan', 'MoreThanOrEqual', 'LessThan', 'LessThanOrEqual', 'gt', 'gte', 'lt', 'lte']);
const KEYSET_OPERATORS = new Set(['>', '>=', '<', '<=']);
const KEYSET_BUDGET = 200;

const FIXES: Readonly<Partial<Record<FixForm, string>>> = {
  prisma: "`cursor: { id: lastId }, skip: 1, take: n, orderBy: { id: 'asc' }` (or `where: { id: { gt: lastId } }`)",
  typeorm: "`where: { id: MoreThan(lastId) }, order: { id: 'ASC' }, take: n` (query builder: `.where('u.id > :lastId', { lastId }).orderBy('u.id').take(n)`)",
  sequelize: "`where: { id: { [Op.gt]: lastId } }, order: [['id', 'ASC']], limit: n`",
  mongoose: '`find({ _id: { $gt: lastId } }).sort({ _id: 1 }).limit(n)`',
  mongodb: '`find({ _id: { $gt: lastId } }).sort({ _id: 1 }).limit(n)`',
  knex: "`.where('id', '>', lastId).orderBy('id').limit(n)`",
  objection: "`.where('id', '>', lastId).orderBy('id').limit(n)`",
  kysely: "`.where('id', '>', lastId).orderBy('id').limit(n)`",
  drizzle: '`.where(gt(users.id, lastId)).orderBy(users.id).limit(n)`',
  'mikro-orm': "`{ id: { $gt: lastId } }` with `orderBy: { id: 'asc' }, limit: n` (or `em.findByCursor()`)",
  pg: '`WHERE id > $1 ORDER BY id LIMIT $2`, with the last id of the previous page',
  mysql2: '`WHERE id > ? ORDER BY id LIMIT ?`, with the last id of the previous page',
  sql: '`WHERE id > $1 ORDER BY id LIMIT $2`, with the last id of the previous page',
};

function fixFor(form: FixForm): string {
  return FIXES[form] ?? FIXES.sql!;
}

const METHOD_SINK_SELECTOR = methodCallSelector(SQL_SINK_METHODS);
const FUNCTION_SINK_SELECTOR = functionCallSelector(STATEMENT_FUNCTIONS);
const CHAIN_SELECTOR = 'CallExpression[callee.type="MemberExpression"][callee.property.name=/^(?:skip|offset)$/][arguments.length=1]';
/** Objection's `page(page, pageSize)` and `range(start, end)`: only the two-argument forms page (`range()` only counts). */
const PAGE_SELECTOR = 'CallExpression[callee.type="MemberExpression"][callee.property.name=/^(?:page|range)$/][arguments.length=2]';
const OPTION_SELECTOR = 'ObjectExpression > Property[key.name=/^(?:skip|offset)$/]';

interface Driver {
  /** For messages: "a value from the request (`req.query.page`)". */
  readonly source: string;
}

export default createRule<[], MessageIds>({
  name: 'no-offset-pagination',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow offset pagination (`skip`/`offset`/`OFFSET`) driven by request input or by callers',
      guide: 'paginate-large-results',
      recommended: 'strict',
    },
    schema: [],
    messages: {
      offsetPagination:
        '`{{form}}` pages by offset with {{source}}: every page makes the database read and throw away all the rows before it, so deep pages get slower and slower. Paginate by key instead (keyset/cursor): {{fix}}.',
    },
  },
  create(context) {
    const sourceCode = context.sourceCode;
    // Everything below is looked up on the first candidate only: most files never page.
    let serverFile: boolean | undefined;
    // Tests, scripts, migrations, seeds and config files page however they like.
    const isServerFile = () => (serverFile ??= getRequestPath(context).fileKind === 'server');
    const dbOperations = { classify: (call: TSESTree.CallExpression) => getDbOperations(context).classify(call) };
    let receiverCheck: ((call: TSESTree.CallExpression) => boolean) | undefined;
    const isSqlReceiver = (call: TSESTree.CallExpression) => (receiverCheck ??= sqlReceiverCheck(context))(call);
    const reportedSql = new Set<string>();
    // Statements already reported: one report per statement, even when its offset is written in several
    // branches (`${sorted ? sql`` : sql`OFFSET ${offset}`}` … `${sorted ? sql`OFFSET ${offset}` : sql``}`).
    const reportedStatements = new Set<TSESTree.Node>();
    const listColumns = new Map<TSESLint.Scope.Variable, ReadonlySet<string>>();

    /** Why an offset value is pagination: it comes from the request, or from the caller of this function. */
    function driverOf(value: TSESTree.Node): Driver | undefined {
      if (!isServerFile()) return undefined;
      const requestInput = getRequestInput(context);
      if (getFixedValues(context).classify(value).kind === 'fixed') return undefined;
      if (mentionsRandom(value, sourceCode.getScope(value) as Scope)) return undefined; // a random row, not a page
      const input = requestInput.inputOf(value);
      if (input) return { source: `a value from the request (\`${describeInput(sourceCode, input)}\`)` };
      const parameter = requestInput.parameterOf(value);
      if (parameter) return { source: `a value the caller passes (\`${parameter.name}\`)` };
      return undefined;
    }

    function checkOption(property: TSESTree.Property): void {
      if (property.kind !== 'init' || property.computed || property.method) return;
      const owner = optionsOwner(property.parent as TSESTree.ObjectExpression, sourceCode);
      if (!owner) return;
      const operation = dbOperations.classify(outermostChainCall(owner.call));
      if (!operation || operation.operationCall !== owner.call || (operation.kind !== 'read' && operation.kind !== 'count')) return;
      const expected = OPTION_KEYS[operation.library];
      const key = (property.key as TSESTree.Identifier).name;
      if (!expected || expected.key !== key) return;
      if (expected.argument !== undefined && owner.argumentIndex !== expected.argument) return;
      if (hasProperty(owner.objects, 'cursor')) return; // Prisma: `skip: 1` steps over the cursor row
      if (hasKeysetCondition(owner.call.arguments)) return;
      const driver = driverOf(property.value);
      if (!driver) return;
      context.report({
        node: property,
        messageId: 'offsetPagination',
        data: { form: shorten(sourceCode.getText(property)), source: driver.source, fix: fixFor(operation.library) },
      });
    }

    function checkChain(call: TSESTree.CallExpression): void {
      const method = memberName(call.callee as TSESTree.MemberExpression)!;
      const library = chainLibrary(call, method);
      if (!library) return;
      if (hasKeysetCondition(chainArguments(call)) || ordersByRelevance(call)) return;
      // The offset, or what it is computed from: the page index of `page(page, pageSize)`, the start of `range(start, end)`.
      const driver = driverOf(call.arguments[0]);
      if (!driver) return;
      // `offset(n) { this.qb.offset(n); }`: a query-builder adapter forwards its caller's value; its callers page.
      if (isForwardingAdapter(call, method)) return;
      const callee = call.callee as TSESTree.MemberExpression;
      const args = call.arguments.map((argument) => sourceCode.getText(argument)).join(', ');
      context.report({
        node: call,
        loc: { start: callee.property.loc.start, end: call.loc.end },
        messageId: 'offsetPagination',
        data: { form: shorten(`.${method}(${args})`), source: driver.source, fix: fixFor(library) },
      });
    }

    function chainLibrary(call: TSESTree.CallExpression, method: string): DbLibrary | undefined {
      const outer = outermostChainCall(call);
      // `find(q).skip(n).limit(m).countDocuments()`: a count returns no rows, so there is no page to key.
      if (outer.callee.type === AST_NODE_TYPES.MemberExpression && COUNT_METHODS.has(memberName(outer.callee) ?? '')) return undefined;
      const operation = dbOperations.classify(outer);
      if (operation && CHAIN_METHODS[operation.library]?.has(method)) return operation.library;
      // A step on a builder kept in a variable and sent later (`queryBuilder.skip(query.offset)` as a statement).
      const step = getDbOperations(context).classifyStep(call);
      if (step && CHAIN_METHODS[step.library]?.has(method)) return step.library;
      // Without a known root, the chain itself still says knex or Kysely.
      if (method !== 'offset') return undefined;
      return queryBuilderOf(call, sourceCode.getScope(call) as Scope)?.library;
    }

    function checkSink(node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression): void {
      const written = writtenText(node);
      if (written !== undefined && !mayPage(written)) return;
      // Literal SQL with no values passed along has no offset to drive.
      if (written !== undefined && node.type === AST_NODE_TYPES.CallExpression && node.arguments.length < 2) return;
      const statement = enclosingStatementTemplate(node);
      if (reportedStatements.has(statement)) return;
      const sink = getSqlSink(node, sourceCode.getScope(node), { isSqlReceiver });
      if (!sink || !mayPage(sink.sql.text)) return;
      const scan = scanSql(sink.sql.text);
      let ordinals: Int32Array | undefined;
      const keysets: KeysetMemo = { answers: new Map(), tokensLeft: 2 * scan.length + 64 };
      for (const clause of offsetClauses(scan)) {
        for (const token of clause.values) {
          const value = valueOf(sink, scan, token, () => (ordinals ??= positionalOrdinals(scan)));
          const driver = value && driverOf(value);
          if (!driver) continue;
          if (pagesByKeyToo(sink, scan, clause.keyword, keysets) || skipsRowsOfAWrite(scan, clause.keyword, keysets)) break;
          if (reportClause(sink, scan, clause, driver)) {
            reportedStatements.add(statement);
            return;
          }
          break;
        }
      }
    }

    /**
     * The query holding the OFFSET at `keyword` already pages by key: its WHERE compares the column its ORDER BY
     * leads with against a value (`"createdAt" < :last … ORDER BY "createdAt" DESC`), written in the SQL or in a
     * condition string the hole stands for. Answered once per query.
     */
    function pagesByKeyToo(sink: SqlSink, scan: SqlScan, keyword: number, memo: KeysetMemo): boolean {
      const [start, end] = queryBounds(scan, keyword, memo);
      let answer = memo.answers.get(start);
      if (answer === undefined) {
        const facts = readKeysetFacts(scan, start, end, scan.parent[keyword], false, memo);
        const column = facts?.orderColumn;
        // Sorted by relevance to the input: the database ranks every match for any page, and no key continues it.
        answer = facts?.orderedByInput === true || (column !== undefined && (facts!.compared.has(column) || facts!.conditionHoles.some((token) => holeComparesColumn(sink, scan, token, column))));
        memo.answers.set(start, answer);
      }
      return answer;
    }

    function holeComparesColumn(sink: SqlSink, scan: SqlScan, token: number, column: string): boolean {
      const hole = holeAt(sink.sql, scan.start(token));
      if (!hole || (hole.kind !== 'interpolation' && hole.kind !== 'raw')) return false;
      return joinedLists(hole.expression).some((list) => comparedInList(list).has(column));
    }

    /** The columns the condition strings of a list compare with a value; read once per list and file. */
    function comparedInList(list: TSESLint.Scope.Variable): ReadonlySet<string> {
      const known = listColumns.get(list);
      if (known) return known;
      const columns = new Set<string>();
      for (const condition of listedConditions(list)) {
        const conditionScan = scanSql(condition);
        for (const column of readKeysetFacts(conditionScan, 0, conditionScan.length, -1, true)!.compared) columns.add(column);
      }
      listColumns.set(list, columns);
      return columns;
    }

    /**
     * The lists of condition strings a hole's value joins, built in the same function: `conditions.push('"createdAt" <
     * :last')` then `${conditions.join(' and ')}`, directly or through local variables assigned from it (crowd.dev's
     * `conditionString`). Bounded walk.
     */
    function joinedLists(expression: TSESTree.Node): TSESLint.Scope.Variable[] {
      const home = sourceCode.getScope(expression).variableScope;
      const localVariable = (identifier: TSESTree.Identifier) => {
        const variable = findVariable(sourceCode.getScope(identifier) as never, identifier as never) as TSESLint.Scope.Variable | null;
        return variable?.scope.variableScope === home ? variable : undefined;
      };
      const lists: TSESLint.Scope.Variable[] = [];
      const followed = new Set<TSESLint.Scope.Variable>();
      const stack: TSESTree.Node[] = [expression];
      for (let budget = MAX_CONDITION_NODES; stack.length > 0 && budget > 0; budget--) {
        const node = skipExpressionWrappers(stack.pop()!);
        if (node.type === AST_NODE_TYPES.TemplateLiteral) {
          stack.push(...node.expressions);
        } else if (node.type === AST_NODE_TYPES.ConditionalExpression) {
          stack.push(node.consequent, node.alternate);
        } else if (node.type === AST_NODE_TYPES.BinaryExpression || node.type === AST_NODE_TYPES.LogicalExpression) {
          stack.push(node.left, node.right);
        } else if (node.type === AST_NODE_TYPES.Identifier) {
          const variable = localVariable(node);
          if (variable && !followed.has(variable)) {
            followed.add(variable);
            stack.push(...assignedValues(variable));
          }
        } else if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression && memberName(node.callee) === 'join') {
          const list = skipExpressionWrappers(node.callee.object);
          const variable = list.type === AST_NODE_TYPES.Identifier ? localVariable(list) : undefined;
          if (variable) lists.push(variable);
        }
      }
      return lists;
    }

    /** The expression a value token of the SQL stands for: a template hole's expression, or a bound argument. */
    function valueOf(sink: SqlSink, scan: SqlScan, token: number, ordinals: () => Int32Array): TSESTree.Node | undefined {
      if (scan.isTemplateHole(token)) {
        const hole = holeAt(sink.sql, scan.start(token));
        return hole && hole.kind !== 'constant' ? hole.expression : undefined;
      }
      if (sink.node.type !== AST_NODE_TYPES.CallExpression) return undefined;
      return boundArgument(sink.node, sink.api, scan, token, ordinals(), sourceCode.getScope(sink.node) as Scope);
    }

    /** Reports the clause unless its text was reported already; says whether it did. */
    function reportClause(sink: SqlSink, scan: SqlScan, clause: OffsetClause, driver: Driver): boolean {
      const last = clause.end - 1;
      const location = locateInSource(sink.sql, scan.start(clause.keyword), scan.end(last));
      const key = location?.key ?? `sink:${sink.node.range[0]}:${scan.start(clause.keyword)}`;
      if (reportedSql.has(key)) return false;
      reportedSql.add(key);
      const form = clauseText(sink, scan, clause);
      context.report({
        node: location?.node ?? sink.node,
        ...(location?.range ? { loc: { start: sourceCode.getLocFromIndex(location.range[0]), end: sourceCode.getLocFromIndex(location.range[1]) } } : {}),
        messageId: 'offsetPagination',
        data: { form: shorten(form), source: driver.source, fix: fixFor(sqlFixForm(sink)) },
      });
      return true;
    }

    function sqlFixForm(sink: SqlSink): FixForm {
      if (sink.node.type !== AST_NODE_TYPES.CallExpression) return 'sql';
      const library = dbOperations.classify(sink.node)?.library;
      return library === 'mysql2' ? 'mysql2' : 'sql';
    }

    function clauseText(sink: SqlSink, scan: SqlScan, clause: OffsetClause): string {
      let text = '';
      for (let i = clause.keyword; i < clause.end; i++) {
        if (scan.isTemplateHole(i)) {
          const hole = holeAt(sink.sql, scan.start(i));
          text += hole ? `\${${sourceCode.getText(hole.expression)}}` : '${…}';
        } else {
          text += scan.tokenText(i);
        }
        if (i + 1 < clause.end && !scan.isPunctuation(i + 1, ',') && !scan.isPunctuation(i + 1, ')') && !scan.isPunctuation(i, '(')) text += ' ';
      }
      return text;
    }

    return {
      [OPTION_SELECTOR]: checkOption,
      [CHAIN_SELECTOR]: checkChain,
      [PAGE_SELECTOR]: checkChain,
      [METHOD_SINK_SELECTOR]: checkSink,
      [FUNCTION_SINK_SELECTOR]: checkSink,
      'TaggedTemplateExpression[quasi.expressions.length>0]': checkSink,
    };
  },
});

/**
 * The chain's first `orderBy` sorts by a function of the input: `.orderBy(sql\`ts_rank(tsv, …${q}…)\`)`, or by an
 * alias the chain selects as one (`sql\`ts_rank(…)\`.as('rank')` … `.orderBy('rank', 'desc')`, Docmost's search).
 * The database ranks every match for any page, and no key continues a relevance order.
 */
function ordersByRelevance(call: TSESTree.CallExpression): boolean {
  const steps: TSESTree.CallExpression[] = [];
  for (let current: TSESTree.Node = outermostChainCall(call); current.type === AST_NODE_TYPES.CallExpression && current.callee.type === AST_NODE_TYPES.MemberExpression; current = skipExpressionWrappers(current.callee.object)) {
    steps.push(current);
  }
  // Walked from the outermost call in: the chain's first `orderBy` is the last one met.
  const firstOrder = steps.findLast((step) => memberName(step.callee as TSESTree.MemberExpression) === 'orderBy');
  const key = firstOrder?.arguments[0] && skipExpressionWrappers(firstOrder.arguments[0]);
  if (!key) return false;
  if (isInputFunctionTag(key)) return true;
  if (key.type !== AST_NODE_TYPES.Literal || typeof key.value !== 'string') return false;
  const alias = key.value.trim().split(' ')[0];
  return steps.some((step) => memberName(step.callee as TSESTree.MemberExpression) === 'select' && step.arguments.some((argument) => selectsInputFunctionAs(argument, alias)));
}

/** An `sql` template that starts with a function call given a value: `sql\`ts_rank(tsv, to_tsquery(${q}))\``. */
function isInputFunctionTag(node: TSESTree.Node): boolean {
  const current = skipExpressionWrappers(node);
  return (
    current.type === AST_NODE_TYPES.TaggedTemplateExpression &&
    trailingName(current.tag) === 'sql' &&
    current.quasi.expressions.length > 0 &&
    startsWithFunctionCall(current.quasi)
  );
}

function selectsInputFunctionAs(argument: TSESTree.Node, alias: string): boolean {
  const current = skipExpressionWrappers(argument);
  if (current.type === AST_NODE_TYPES.ArrayExpression) return current.elements.some((element) => element !== null && selectsInputFunctionAs(element, alias));
  if (current.type !== AST_NODE_TYPES.CallExpression || current.callee.type !== AST_NODE_TYPES.MemberExpression || memberName(current.callee) !== 'as') return false;
  const name = current.arguments[0];
  return name?.type === AST_NODE_TYPES.Literal && name.value === alias && isInputFunctionTag(current.callee.object);
}

/** The call sits in a method or function named for the step it makes, and passes that function's own parameter on. */
function isForwardingAdapter(call: TSESTree.CallExpression, method: string): boolean {
  const fn = enclosingFunction(call);
  if (!fn || functionName(fn) !== method) return false;
  const value = skipExpressionWrappers(call.arguments[0]);
  return value.type === AST_NODE_TYPES.Identifier && fn.params.some((param) => param.type === AST_NODE_TYPES.Identifier && param.name === value.name);
}

interface OptionsOwner {
  call: TSESTree.CallExpression;
  argumentIndex: number;
  /** The object holding the key and the objects around it that the call receives (spreads). */
  objects: TSESTree.ObjectExpression[];
}

const MAX_OWNER_HOPS = 4;

/**
 * The call an options object is passed to: directly (`findMany({ skip })`), spread into the argument
 * (`findMany({ ...(after ? { cursor, skip: 1 } : {}) })`), or through a `const` (`const page = { skip }`).
 */
function optionsOwner(object: TSESTree.ObjectExpression, sourceCode: Readonly<TSESLint.SourceCode>): OptionsOwner | undefined {
  const objects: TSESTree.ObjectExpression[] = [object];
  let node: TSESTree.Node = object;
  for (let hop = 0; hop < MAX_OWNER_HOPS; hop++) {
    let parent: TSESTree.Node | undefined = node.parent;
    while (
      parent &&
      (parent.type === AST_NODE_TYPES.TSAsExpression ||
        parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
        parent.type === AST_NODE_TYPES.ConditionalExpression ||
        parent.type === AST_NODE_TYPES.LogicalExpression)
    ) {
      node = parent;
      parent = parent.parent;
    }
    if (!parent) return undefined;
    if (parent.type === AST_NODE_TYPES.CallExpression) {
      const argumentIndex = parent.arguments.indexOf(node as TSESTree.CallExpressionArgument);
      return argumentIndex >= 0 ? { call: parent, argumentIndex, objects } : undefined;
    }
    if (parent.type === AST_NODE_TYPES.SpreadElement && parent.parent?.type === AST_NODE_TYPES.ObjectExpression) {
      node = parent.parent;
      objects.push(parent.parent);
      continue;
    }
    if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === node && parent.id.type === AST_NODE_TYPES.Identifier) {
      const [variable] = sourceCode.getDeclaredVariables(parent);
      const declaration = parent.parent as TSESTree.VariableDeclaration;
      if (!variable || declaration.kind !== 'const') return undefined;
      const declaredId = parent.id;
      const uses: TSESLint.Scope.Reference[] = variable.references.filter((reference) => reference.identifier !== declaredId);
      if (uses.length !== 1) return undefined;
      node = uses[0].identifier;
      continue;
    }
    return undefined;
  }
  return undefined;
}

function hasProperty(objects: readonly TSESTree.ObjectExpression[], name: string): boolean {
  return objects.some((object) =>
    object.properties.some((property) => property.type === AST_NODE_TYPES.Property && !property.computed && property.key.type === AST_NODE_TYPES.Identifier && property.key.name === name),
  );
}

/**
 * A keyset condition among the query's arguments: `{ id: { gt: last } }`, `{ [Op.gt]: last }`, `MoreThan(last)`,
 * `gt(t.id, last)`, `.where('id', '>', last)`, `'u.id > :last'`. Bounded walk.
 */
function hasKeysetCondition(args: readonly TSESTree.Node[]): boolean {
  let budget = KEYSET_BUDGET;
  const stack: TSESTree.Node[] = [...args];
  while (stack.length > 0) {
    if (--budget < 0) return false;
    const node = skipExpressionWrappers(stack.pop()!);
    switch (node.type) {
      case AST_NODE_TYPES.ObjectExpression:
        for (const property of node.properties) {
          if (property.type === AST_NODE_TYPES.SpreadElement) {
            stack.push(property.argument);
            continue;
          }
          const key = property.computed
            ? property.key.type === AST_NODE_TYPES.MemberExpression ? memberName(property.key) : undefined
            : property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : property.key.type === AST_NODE_TYPES.Literal ? String(property.key.value) : undefined;
          if (key !== undefined && KEYSET_KEYS.has(key)) return true;
          stack.push(property.value);
        }
        break;
      case AST_NODE_TYPES.ArrayExpression:
        for (const element of node.elements) if (element) stack.push(element);
        break;
      case AST_NODE_TYPES.CallExpression: {
        const callee = skipExpressionWrappers(node.callee);
        const name = trailingName(callee);
        if (name !== undefined && KEYSET_FUNCTIONS.has(name)) return true;
        stack.push(...node.arguments);
        break;
      }
      case AST_NODE_TYPES.Literal:
        if (typeof node.value === 'string' && (KEYSET_OPERATORS.has(node.value.trim()) || containsComparison(node.value))) return true;
        break;
      case AST_NODE_TYPES.TemplateLiteral:
        if (node.quasis.some((quasi) => containsComparison(quasi.value.raw))) return true;
        break;
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.FunctionExpression:
        // (eb) => eb('id', '>', last), (qb) => qb.where(…)
        if (node.body.type !== AST_NODE_TYPES.BlockStatement) stack.push(node.body);
        break;
      default:
        break;
    }
  }
  return false;
}

/** `'u.id > :last'`: a `<` or `>` in a short condition string (not `<>`, not `->`). Linear. */
function containsComparison(text: string): boolean {
  if (text.length > 200) return false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char !== '<' && char !== '>') continue;
    const before = text[i - 1];
    const after = text[i + 1];
    if (char === '<' && after === '>') return false;
    if (char === '>' && (before === '-' || before === '<')) continue;
    return true;
  }
  return false;
}

/** The arguments of every call of the chain `call` belongs to (its own `where`s, `find` filter…). */
function chainArguments(call: TSESTree.CallExpression): TSESTree.Node[] {
  const args: TSESTree.Node[] = [];
  let node: TSESTree.Node = outermostChainCall(call);
  for (let depth = 0; depth < 64; depth++) {
    node = skipExpressionWrappers(node);
    if (node.type === AST_NODE_TYPES.AwaitExpression) node = node.argument;
    if (node.type === AST_NODE_TYPES.CallExpression) {
      args.push(...node.arguments);
      node = node.callee;
    } else if (node.type === AST_NODE_TYPES.MemberExpression) {
      node = node.object;
    } else {
      break;
    }
  }
  return args;
}

/** `Math.random()` or `randomInt(…)` in the value (or in the `const` it names): a random row, not a page. */
function mentionsRandom(value: TSESTree.Node, scope: Scope): boolean {
  let budget = 60;
  const stack: TSESTree.Node[] = [value];
  let followed = 0;
  while (stack.length > 0) {
    if (--budget < 0) return false;
    const node = skipExpressionWrappers(stack.pop()!);
    switch (node.type) {
      case AST_NODE_TYPES.CallExpression: {
        const callee = skipExpressionWrappers(node.callee);
        const name = trailingName(callee);
        if (name === 'random' || name === 'randomInt') return true;
        stack.push(...node.arguments);
        if (callee.type === AST_NODE_TYPES.MemberExpression) stack.push(callee.object);
        break;
      }
      case AST_NODE_TYPES.BinaryExpression:
      case AST_NODE_TYPES.LogicalExpression:
        stack.push(node.left, node.right);
        break;
      case AST_NODE_TYPES.UnaryExpression:
        stack.push(node.argument);
        break;
      case AST_NODE_TYPES.Identifier: {
        if (followed++ > 2) break;
        const variable = findVariable(scope as never, node as never) as TSESLint.Scope.Variable | null;
        const def = variable?.defs[0];
        if (def?.type === 'Variable' && (def.node as TSESTree.VariableDeclarator).init) stack.push((def.node as TSESTree.VariableDeclarator).init!);
        break;
      }
      default:
        break;
    }
  }
  return false;
}

/**
 * The SQL text as written at the sink, when nothing else can add to it: a string literal, a template
 * without holes, or an SQL tag's own segments (its holes are parameters or fragments checked on their own).
 */
function writtenText(node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression): string | undefined {
  if (node.type === AST_NODE_TYPES.TaggedTemplateExpression) {
    // `sql.raw(…)` fragments splice text into the tag's SQL.
    if (node.quasi.expressions.some((expression) => expression.type === AST_NODE_TYPES.CallExpression)) return undefined;
    return node.quasi.quasis.map((quasi) => quasi.value.raw).join(' ');
  }
  const first = node.arguments[0];
  if (first?.type === AST_NODE_TYPES.Literal) return typeof first.value === 'string' ? first.value : '';
  if (first?.type === AST_NODE_TYPES.TemplateLiteral && first.expressions.length === 0) return first.quasis[0].value.raw;
  return undefined;
}

/** Cheap test before lexing: the text mentions OFFSET or LIMIT. */
/**
 * The outermost SQL template a sink is spliced into through template holes, conditionals and `&&`/`||`
 * (`sql\`… ${sorted ? sql\`OFFSET ${o}\` : sql\`\`}\``): the statement it belongs to. Else the sink itself.
 */
function enclosingStatementTemplate(node: TSESTree.Node): TSESTree.Node {
  let statement = node;
  let current = node;
  for (let parent = current.parent; parent; current = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.TaggedTemplateExpression) statement = parent;
    else if (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test !== current) continue;
    else if (parent.type !== AST_NODE_TYPES.TemplateLiteral && parent.type !== AST_NODE_TYPES.LogicalExpression) break;
  }
  return statement;
}

/**
 * An OFFSET with no LIMIT in a subquery of a DELETE or UPDATE picks every row after the first n, not a page:
 * `DELETE FROM sessions WHERE id IN (SELECT id … ORDER BY last_active_at DESC OFFSET ${keep})` (Docmost keeps each
 * user's newest sessions).
 */
function skipsRowsOfAWrite(scan: SqlScan, keyword: number, memo: KeysetMemo): boolean {
  const level = scan.parent[keyword];
  if (level < 0 || !scan.isKeyword(keyword, 'OFFSET')) return false;
  let top = level;
  while (scan.parent[top] >= 0) top = scan.parent[top];
  const [statementStart] = queryBounds(scan, top, memo);
  if (!scan.isKeyword(statementStart, 'DELETE') && !scan.isKeyword(statementStart, 'UPDATE')) return false;
  const [start, end] = queryBounds(scan, keyword, memo);
  for (let i = start; i < end; i++) {
    if (scan.parent[i] === level && (scan.isKeyword(i, 'LIMIT') || scan.isKeyword(i, 'FETCH'))) return false;
  }
  return true;
}

function mayPage(text: string): boolean {
  return /offset|limit/i.test(text);
}

interface OffsetClause {
  /** The OFFSET (or LIMIT) token. */
  keyword: number;
  /** Token index just past the clause's value expression. */
  end: number;
  /** Placeholders and template holes in the value expression. */
  values: number[];
}

/**
 * `OFFSET <expression>` and MySQL's `LIMIT <offset>, <count>`: the tokens of the offset expression. A
 * word at the clause's own level (ROWS, FETCH, LIMIT, FOR) ends it. Each clause reads at most
 * MAX_CLAUSE_TOKENS tokens, and clauses do not overlap: linear in the text.
 */
function offsetClauses(scan: SqlScan): OffsetClause[] {
  const clauses: OffsetClause[] = [];
  for (let i = 0; i < scan.length; i++) {
    const isOffset = scan.isKeyword(i, 'OFFSET');
    if (!isOffset && !scan.isKeyword(i, 'LIMIT')) continue;
    if (!startsValue(scan, i + 1)) continue; // `offset` as a column name: `WHERE offset = $1`, `SELECT offset, …`
    const level = scan.parent[i];
    const values: number[] = [];
    let end = i + 1;
    let sawComma = false;
    for (; end < scan.length && end - i <= MAX_CLAUSE_TOKENS; end++) {
      if (scan.parent[end] === level) {
        if (scan.kind(end) === 'word' || scan.isPunctuation(end, ';') || scan.isPunctuation(end, ')')) break;
        if (scan.isPunctuation(end, ',')) {
          sawComma = true;
          break;
        }
      }
      if (scan.kind(end) === 'placeholder') values.push(end);
    }
    // LIMIT n alone is a page size; `LIMIT offset, count` starts with the offset.
    if (isOffset || sawComma) clauses.push({ keyword: i, end, values });
    i = end - 1;
  }
  return clauses;
}

function startsValue(scan: SqlScan, index: number): boolean {
  const kind = scan.kind(index);
  return kind === 'placeholder' || kind === 'number' || scan.isPunctuation(index, '(');
}

// -----------------------------------------------------------------------------------------------------------
// Condition strings a query is assembled from (`conditions.push('"createdAt" < :last')`), read for keysets.

const MAX_CONDITION_NODES = 60;
const MAX_CONDITIONS = 32;
const MAX_CONDITION_LENGTH = 1000;

/** Every value a local variable is given: its initialiser and each assignment. */
function assignedValues(variable: TSESLint.Scope.Variable): TSESTree.Node[] {
  const values: TSESTree.Node[] = [];
  const def = variable.defs[0];
  if (variable.defs.length === 1 && def.type === 'Variable' && def.node.init) values.push(def.node.init);
  for (const reference of variable.references) if (!reference.init && reference.writeExpr) values.push(reference.writeExpr);
  return values;
}

/** The strings an array variable is made of: its literal elements, and what is pushed to it. Templates keep their holes as placeholders. */
function listedConditions(variable: TSESLint.Scope.Variable): string[] {
  const items: TSESTree.Node[] = [];
  const def = variable.defs[0];
  const init = variable.defs.length === 1 && def.type === 'Variable' && def.node.init ? skipExpressionWrappers(def.node.init) : undefined;
  if (init?.type === AST_NODE_TYPES.ArrayExpression) for (const element of init.elements) if (element) items.push(element);
  for (const reference of variable.references) {
    const member = reference.identifier.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier || memberName(member) !== 'push') continue;
    const call = member.parent;
    if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === member) items.push(...call.arguments);
  }
  const conditions: string[] = [];
  for (const item of items.slice(0, MAX_CONDITIONS)) {
    const text = conditionText(skipExpressionWrappers(item));
    if (text !== undefined && text.length <= MAX_CONDITION_LENGTH) conditions.push(text);
  }
  return conditions;
}

function conditionText(node: TSESTree.Node): string | undefined {
  if (node.type === AST_NODE_TYPES.Literal) return typeof node.value === 'string' ? node.value : undefined;
  if (node.type === AST_NODE_TYPES.TemplateLiteral) return node.quasis.map((quasi) => quasi.value.cooked ?? quasi.value.raw).join(HOLE_MARKER);
  return undefined;
}

function shorten(text: string): string {
  const flat = text.slice(0, MAX_TEXT * 4).replace(/\s+/g, ' ');
  return flat.length <= MAX_TEXT ? flat : `${flat.slice(0, MAX_TEXT - 1)}…`;
}

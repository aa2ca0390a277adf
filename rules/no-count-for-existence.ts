import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../src/ast/node-types';
import { getDbOperations, type DbLibrary, type DbOperation } from '../src/analysis/db-operations';
import { isOnlyTestedForExistence, promiseAllOf, type ValueStep } from '../src/analysis/existence-test';
import { calledMethodName, memberName, parentSkippingWrappers, skipExpressionWrappers } from '../src/analysis/library-origin';
import { drizzleTableLookup } from '../src/analysis/drizzle-schema';
import { declaredKeys, prismaKeysFor, type PrismaKeysByAccessor, type PrismaModelKeys } from '../src/analysis/prisma-schema';
import { DEFAULT_KEY_FIELDS, drizzleConditionPinsKey, filterPinsKey, readOption, resolveObjectLiteral, type KeyPolicy } from '../src/analysis/query-bounds';
import { DEFAULT_SCRIPT_GLOBS, scriptsOptionSchema, getRequestPath } from '../src/analysis/request-path';
import { outermostChainCall } from '../src/analysis/sql/query-builders';
import { getSqlSink } from '../src/analysis/sql/sinks';
import { SqlLexer } from '../src/analysis/sql/tokenizer';
import { isSystemCatalog } from '../src/analysis/sql/system-catalogs';
import { createRule } from '../src/create-rule';

type Options = [{ scripts?: string[] }];
type MessageIds = 'countForExistence';

/** The library's way to ask for one row instead of counting them all. */
const FIXES = {
  // Without the schema's word on the model's fields, no `select` the message could name is sure to compile.
  prisma: '`findFirst({ where })` (selecting a single field) and test the result for `null`',
  typeorm: '`exists({ where })` or `existsBy(where)`',
  typeormBuilder: '`.getExists()`',
  sequelize: "`findOne({ where, attributes: ['id'] })` and test the result for `null`",
  mongoose: '`exists(filter)` (or `countDocuments(filter, { limit: 1 })`)',
  mongodb: '`findOne(filter, { projection: { _id: 1 } })` (or `countDocuments(filter, { limit: 1 })`)',
  knex: "`.first('id')`, which reads at most one row (`limit 1`), or `whereExists`",
  // Objection's `first()` adds no `limit 1` unless the model sets `useLimitInFirst`.
  objection: "`.select('id').limit(1).first()` and test the result for `undefined`",
  drizzle: '`` db.select({ one: sql`1` }).from(table).where(…).limit(1) ``',
  kysely: "`` .select(sql`1`.as('one')).limit(1).executeTakeFirst() ``",
  mikroOrm: "`findOne(Entity, where, { fields: ['id'] })` and test the result for `null`",
  sql: '`SELECT 1 … LIMIT 1` or `SELECT EXISTS (…)`',
} as const;
type Fix = keyof typeof FIXES;

/** A count whose value the rule follows: the call to report, what to call it, and the way down to the number. */
interface CountQuery {
  label: string;
  fix: Fix;
  steps: readonly ValueStep[];
  /** Whether its filter pins a unique key: then it counts at most one row (or one per value given), and stopping at the first saves nothing. */
  pinsKey?: (keys: KeyPolicy) => boolean;
}

/** Keys of any model, when the schema does not tell: the ones no-unbounded-query assumes. */
const DEFAULT_KEYS: KeyPolicy = { fields: new Set(DEFAULT_KEY_FIELDS), listsOnAnyField: false };

/** Method names that count (`estimatedDocumentCount` reads collection metadata: not a scan, so not here). */
const COUNT_METHODS = new Set(['count', 'countBy', 'countDocuments', '$count', 'getCount', 'countDistinct', 'resultSize']);
/** Methods that send SQL text (pg, mysql2, TypeORM, Prisma's unsafe raw query). */
const SQL_METHODS = new Set(['query', 'execute', '$queryRawUnsafe']);
const MAX_CHAIN = 64;
const ROWS_THEN_FIELD: readonly ValueStep[] = [{ kind: 'first' }, { kind: 'property' }];
const FIELD: readonly ValueStep[] = [{ kind: 'property' }];
/** Every shape a count's result comes in: the number, rows of `{ n }`, one `{ n }` row. */
const ANY_COUNT_SHAPE: readonly (readonly ValueStep[])[] = [[], ROWS_THEN_FIELD, FIELD];

export default createRule<Options, MessageIds>({
  name: 'no-count-for-existence',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow counting rows only to test whether any exist',
      guide: 'filter-in-the-database',
      recommended: 'strict',
    },
    schema: [
      {
        type: 'object',
        properties: {
          scripts: scriptsOptionSchema('where a count costs nobody a response.'),
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ scripts: [...DEFAULT_SCRIPT_GLOBS] }],
    messages: {
      countForExistence: '`{{method}}` counts every matching row only to learn whether there is one. Ask for a single row instead: {{fix}}.',
    },
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const seen = new WeakSet<TSESTree.Node>();
    /** The project's Prisma schema, read once per file and only for a Prisma count used as an existence test (null: none). */
    let schemaKeys: PrismaKeysByAccessor | null | undefined;
    /** The keys the schema declares for a model, if any (a view may declare none). */
    const keysOfModel = (model: string | undefined): PrismaModelKeys | undefined => {
      schemaKeys ??= prismaKeysFor(context.cwd, context.filename) ?? null;
      return model === undefined ? undefined : declaredKeys(schemaKeys?.get(model));
    };

    function check(node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression, count: CountQuery | undefined, op?: DbOperation) {
      if (!count || !isOnlyTestedForExistence(node, count.steps, sourceCode)) return;
      // A model the schema declares keys for has those instead of the defaults: an `id` that is only part of a compound key is no key.
      const declared = count.fix === 'prisma' ? keysOfModel(op?.target) : undefined;
      if (count.pinsKey?.(declared ? { fields: declared.fields, compounds: declared.compounds, listsOnAnyField: false } : DEFAULT_KEYS)) return;
      // A key the Drizzle schema declares (`slug: text().unique()`), looked up only for a count about to be reported.
      if (count.fix === 'drizzle' && count.pinsKey?.({ ...DEFAULT_KEYS, drizzleTables: { lookup: drizzleTableLookup(context) } })) return;
      if (node.type === AST_NODE_TYPES.CallExpression && countedAlongsideList(node, (call) => getDbOperations(context).classify(call), sourceCode)) return;
      // Tests, scripts, migrations, seeds and startup code may count however they like. Asked last: it is the costliest question.
      const requestPath = getRequestPath(context, { scripts: options.scripts });
      if (requestPath.fileKind !== 'server' || !requestPath.classify(node).onRequestPath) return;
      const fix = count.fix === 'prisma' ? prismaFix(declared) : FIXES[count.fix];
      context.report({ node, messageId: 'countForExistence', data: { method: count.label, fix } });
    }

    return {
      CallExpression(node) {
        // The counting call's own name first (cheap), then the whole chain it belongs to, once.
        const callee = node.callee;
        if (callee.type !== AST_NODE_TYPES.MemberExpression) return;
        const name = memberName(callee);
        if (name === undefined) return;
        const sendsSql = SQL_METHODS.has(name);
        if (!sendsSql && !COUNT_METHODS.has(name) && !(name === 'select' && node.arguments.some((argument) => mentionsCount(argument, 0)))) return;
        const outer = sendsSql ? node : outermostChainCall(node);
        if (seen.has(outer)) return;
        seen.add(outer);
        // What the code does with the result is read before the costlier database analysis: most counts are used as numbers.
        if (sendsSql ? !isCountSql(outer, sourceCode) : !ANY_COUNT_SHAPE.some((steps) => isOnlyTestedForExistence(outer, steps, sourceCode))) return;
        const op = getDbOperations(context).classify(outer);
        if (!op) return;
        check(outer, sendsSql ? sqlCount(op, outer) : countQuery(op, outer, chainNames(outer), sourceCode), op);
      },
      TaggedTemplateExpression(node) {
        const tag = node.tag;
        if (tag.type !== AST_NODE_TYPES.MemberExpression || memberName(tag) !== '$queryRaw') return;
        const op = getDbOperations(context).classifyTaggedTemplate(node);
        if (op?.library !== 'prisma') return;
        const sink = getSqlSink(node, sourceCode.getScope(node));
        if (sink && isCountSelect(sink.sql.text)) check(node, { label: 'SELECT COUNT(…)', fix: 'sql', steps: ROWS_THEN_FIELD });
      },
    };
  },
});

/** Method names of the syntactic chain, outermost first. */
function chainNames(node: TSESTree.CallExpression): string[] {
  const names: string[] = [];
  let current: TSESTree.Node = node;
  for (let depth = 0; depth < MAX_CHAIN && current.type === AST_NODE_TYPES.CallExpression; depth++) {
    const callee = skipExpressionWrappers(current.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) break;
    names.push(memberName(callee) ?? '');
    current = skipExpressionWrappers(callee.object);
  }
  return names;
}

function chainCalls(node: TSESTree.CallExpression): TSESTree.CallExpression[] {
  const calls: TSESTree.CallExpression[] = [];
  let current: TSESTree.Node = node;
  for (let depth = 0; depth < MAX_CHAIN && current.type === AST_NODE_TYPES.CallExpression; depth++) {
    calls.push(current);
    const callee = skipExpressionWrappers(current.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) break;
    current = skipExpressionWrappers(callee.object);
  }
  return calls;
}

/** The count query `op` is, if the rule knows the shape of its result. */
function countQuery(op: DbOperation, node: TSESTree.CallExpression, names: readonly string[], sourceCode: Readonly<TSESLint.SourceCode>): CountQuery | undefined {
  const args = op.operationCall.arguments;
  const scalar = (fix: Fix, pinsKey?: CountQuery['pinsKey'], label = op.method): CountQuery => ({ label, fix, steps: [], pinsKey });
  const options = (index: number) => resolveObjectLiteral(args[index], sourceCode);
  /** The filter object a count is given (or the `where` of its options), as a literal when it can be read. */
  const filter = (node: TSESTree.Node | undefined) => (node && node.type !== AST_NODE_TYPES.SpreadElement ? (resolveObjectLiteral(node, sourceCode) ?? node) : undefined);
  const whereOf = (object: TSESTree.ObjectExpression | undefined) => {
    const where = object && readOption(object, 'where');
    return where?.kind === 'set' ? filter(where.value) : undefined;
  };
  switch (op.library) {
    case 'prisma': {
      if (op.method !== 'count') return undefined;
      const object = options(0);
      // `select` makes the result an object of counts; `take` bounds the count.
      if (args[0] && (!object || readOption(object, 'select').kind !== 'absent' || readOption(object, 'take').kind !== 'absent')) return undefined;
      return scalar('prisma', (keys) => filterPinsKey(whereOf(object), keys, 'prisma'));
    }
    case 'typeorm': {
      // `count(options)`, `countBy(where)`; an entity manager names the entity first: the filter is the last argument.
      const last = args.at(-1);
      if (op.method === 'count') return scalar('typeorm', (keys) => filterPinsKey(whereOf(resolveObjectLiteral(last, sourceCode)), keys, 'typeorm'));
      if (op.method === 'countBy') return scalar('typeorm', (keys) => filterPinsKey(filter(last), keys, 'typeorm'));
      return op.method === 'getCount' ? scalar('typeormBuilder') : undefined;
    }
    case 'sequelize': {
      if (op.method !== 'count') return undefined;
      const object = options(0);
      // `group` makes it one count per group.
      if (args[0] && (!object || readOption(object, 'group').kind !== 'absent')) return undefined;
      return scalar('sequelize', (keys) => filterPinsKey(whereOf(object), keys, 'sequelize'));
    }
    case 'mongoose':
    case 'mongodb': {
      if (op.method !== 'countDocuments' && op.method !== 'count') return undefined;
      // `countDocuments(filter, { limit: 1 })` stops at the first match: already an existence test.
      if (names.includes('limit') || limited(args[1])) return undefined;
      return scalar(op.library === 'mongoose' ? 'mongoose' : 'mongodb', (keys) => filterPinsKey(filter(args[0]), keys, 'mongo'));
    }
    case 'knex':
      return knexCount(op, names);
    case 'objection':
      // `resultSize()` resolves to the number itself; `count()` gives rows of `{ count }`, as Knex's does.
      if (names[0] === 'resultSize') return scalar('objection', undefined, 'resultSize');
      return knexCount(op, names, 'objection');
    case 'drizzle':
      if (op.method === '$count') return scalar('drizzle', (keys) => drizzleConditionPinsKey(args[1], keys, sourceCode));
      if (op.method === 'select' && !names.includes('groupBy') && !names.includes('limit') && drizzleSelectsOnlyCount(op.operationCall)) {
        const wheres = chainCalls(node).filter((call) => calledMethodName(call) === 'where');
        return { label: 'count()', fix: 'drizzle', steps: ROWS_THEN_FIELD, pinsKey: (keys) => wheres.some((where) => drizzleConditionPinsKey(where.arguments[0], keys, sourceCode)) };
      }
      return undefined;
    case 'kysely':
      return kyselyCount(node, names);
    case 'mikro-orm': {
      if (names[0] === 'getCount') return scalar('mikroOrm', undefined, 'getCount');
      if (op.method !== 'count') return undefined;
      // `em.count(Author, where)` names the entity first; `repository.count(where)` does not.
      const where = args.length > 1 && !resolveObjectLiteral(args[0], sourceCode) ? args[1] : args[0];
      return scalar('mikroOrm', (keys) => filterPinsKey(filter(where), keys, 'mongo'));
    }
    default:
      return undefined;
  }
}

/**
 * Prisma's existence check, with a `select` of one field the schema declares for the model: its `id`, or another key
 * (`WorkspacePage` has `@@id([workspaceId, pageId])` and no `id`). Without one, no `select` is sure to compile.
 */
function prismaFix(declared: PrismaModelKeys | undefined): string {
  const field = declared && (declared.fields.has('id') ? 'id' : ([...declared.fields][0] ?? declared.compounds[0]?.[0]));
  return field === undefined ? FIXES.prisma : `\`findFirst({ where, select: { ${field}: true } })\` and test the result for \`null\``;
}

/** Reads that return one row, not a list: a sibling of this kind does not make a count a page's total. */
const SINGLE_ROW_METHODS = new Set([
  'findFirst', 'findFirstOrThrow', 'findUnique', 'findUniqueOrThrow', 'findOne', 'findOneBy', 'findOneOrFail', 'findOneByOrFail', 'findByPk', 'findById',
  'first', 'getOne', 'getOneOrFail', 'getRawOne', 'executeTakeFirst', 'executeTakeFirstOrThrow', 'exists', 'existsBy', 'get',
]);

/**
 * `const [total, rows] = await Promise.all([repo.count(…), repo.find(…)])`: a count fetched with a list is the list's
 * total, whatever the code then asks of it. A sibling that reads one row, or is no query, makes no list.
 */
function countedAlongsideList(call: TSESTree.CallExpression, classify: (call: TSESTree.CallExpression) => DbOperation | undefined, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const { child, parent: array } = parentSkippingWrappers(call);
  if (array?.type !== AST_NODE_TYPES.ArrayExpression || !promiseAllOf(array, sourceCode)) return false;
  return array.elements.some((element) => {
    const sibling = element && element !== child && element.type !== AST_NODE_TYPES.SpreadElement ? skipExpressionWrappers(element) : undefined;
    if (sibling?.type !== AST_NODE_TYPES.CallExpression) return false;
    const op = classify(sibling);
    return op?.kind === 'read' && !SINGLE_ROW_METHODS.has(op.method) && !chainNames(sibling).some((name) => SINGLE_ROW_METHODS.has(name));
  });
}

/** Options that set a `limit`, or that we cannot read. */
function limited(options: TSESTree.Node | undefined): boolean {
  return options !== undefined && readOption(options, 'limit').kind !== 'absent';
}

/** `knex('t').where(…).count('* as n')` gives rows of `{ n }`; `.first()` gives the row. */
function knexCount(op: DbOperation, names: readonly string[], fix: 'knex' | 'objection' = 'knex'): CountQuery | undefined {
  if (op.kind !== 'count' || names.includes('groupBy') || names.includes('limit')) return undefined;
  const counting = names.find((name) => name === 'count' || name === 'countDistinct');
  if (!counting || names.some((name) => name === 'sum' || name === 'min' || name === 'max' || name === 'avg' || name === 'pluck')) return undefined;
  return { label: counting, fix, steps: names.includes('first') ? FIELD : ROWS_THEN_FIELD };
}

/** Kysely: `.select((eb) => eb.fn.countAll().as('n'))` sent with `executeTakeFirst()` (a row) or `execute()` (rows). */
function kyselyCount(node: TSESTree.CallExpression, names: readonly string[]): CountQuery | undefined {
  if (names.includes('groupBy') || names.includes('limit')) return undefined;
  const selects = chainCalls(node).filter((call) => calledMethodName(call) === 'select');
  if (selects.length !== 1 || !selects[0].arguments.some((argument) => mentionsCount(argument, 0))) return undefined;
  const terminal = names[0];
  if (terminal === 'executeTakeFirst' || terminal === 'executeTakeFirstOrThrow') return { label: 'fn.count', fix: 'kysely', steps: FIELD };
  if (terminal === 'execute') return { label: 'fn.count', fix: 'kysely', steps: ROWS_THEN_FIELD };
  return undefined;
}

const COUNT_FUNCTIONS = new Set(['count', 'countAll', 'countDistinct']);

/** A small walk over a select argument for `count()`, `eb.fn.countAll()`, ``sql`count(*)` ``. */
function mentionsCount(node: TSESTree.Node, depth: number): boolean {
  if (depth > 6) return false;
  const current = skipExpressionWrappers(node);
  switch (current.type) {
    case AST_NODE_TYPES.CallExpression: {
      const callee = skipExpressionWrappers(current.callee);
      if (callee.type === AST_NODE_TYPES.Identifier && COUNT_FUNCTIONS.has(callee.name)) return true;
      if (callee.type === AST_NODE_TYPES.MemberExpression) {
        const name = memberName(callee);
        const object = skipExpressionWrappers(callee.object);
        if (name !== undefined && COUNT_FUNCTIONS.has(name) && object.type === AST_NODE_TYPES.MemberExpression && memberName(object) === 'fn') return true;
        return mentionsCount(callee.object, depth + 1);
      }
      return false;
    }
    case AST_NODE_TYPES.TaggedTemplateExpression:
      return startsWithCount(current.quasi.quasis[0].value.cooked ?? '');
    case AST_NODE_TYPES.ArrowFunctionExpression:
      return current.body.type !== AST_NODE_TYPES.BlockStatement && mentionsCount(current.body, depth + 1);
    case AST_NODE_TYPES.ObjectExpression:
      return current.properties.length === 1 && current.properties[0].type === AST_NODE_TYPES.Property && mentionsCount(current.properties[0].value, depth + 1);
    case AST_NODE_TYPES.ArrayExpression:
      return current.elements.length === 1 && current.elements[0] !== null && mentionsCount(current.elements[0], depth + 1);
    default:
      return false;
  }
}

/** Drizzle: `select({ n: count() })` with the count as its only field. */
function drizzleSelectsOnlyCount(select: TSESTree.CallExpression): boolean {
  const fields = select.arguments[0] && skipExpressionWrappers(select.arguments[0]);
  return fields?.type === AST_NODE_TYPES.ObjectExpression && fields.properties.length === 1 && mentionsCount(fields, 0);
}

function startsWithCount(text: string): boolean {
  const lexer = new SqlLexer(text);
  const first = lexer.next();
  const second = lexer.next();
  return first?.kind === 'word' && first.text.toLowerCase() === 'count' && second?.text === '(';
}

/** The shape of an SQL result, per library, down to the first row's first field. */
const SQL_RESULT_STEPS: Partial<Record<DbLibrary, readonly ValueStep[]>> = {
  pg: [{ kind: 'property', name: 'rows' }, ...ROWS_THEN_FIELD],
  mysql2: [{ kind: 'first' }, ...ROWS_THEN_FIELD],
  typeorm: ROWS_THEN_FIELD,
  prisma: ROWS_THEN_FIELD,
};

/** A raw query already known to send a plain `SELECT COUNT(…)`, if its library's result shape is known. */
function sqlCount(op: DbOperation, node: TSESTree.CallExpression): CountQuery | undefined {
  const steps = SQL_RESULT_STEPS[op.library];
  if (op.kind !== 'raw' || !steps || op.node !== node) return undefined;
  return { label: 'SELECT COUNT(…)', fix: 'sql', steps };
}

/** The call's SQL text is a plain `SELECT COUNT(…)`; the database analysis confirms the receiver afterwards. */
function isCountSql(call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const sink = getSqlSink(call, sourceCode.getScope(call), { isSqlReceiver: () => true });
  return sink !== undefined && isCountSelect(sink.sql.text);
}

const ENDS_COUNT_ITEM = new Set(['from']);
const NOT_A_PLAIN_COUNT = new Set(['group', 'union', 'intersect', 'except', 'limit', 'having']);

/**
 * `SELECT COUNT(…) [::int] [AS n] FROM …` with nothing else selected, no grouping or set operation, and
 * no LIMIT anywhere (`COUNT(*)` over a `LIMIT 1` subquery is already an existence test), over an application's
 * table: counting in a catalog (`FROM information_schema.tables`, `FROM pg_roles`) reads a few small rows. One pass
 * of the lexer.
 */
export function isCountSelect(text: string): boolean {
  const lexer = new SqlLexer(text);
  const word = (token: { kind: string; text: string } | undefined) => (token?.kind === 'word' ? token.text.toLowerCase() : undefined);
  const next = () => {
    for (let token = lexer.next(); token; token = lexer.next()) if (token.kind !== 'comment') return token;
    return undefined;
  };
  if (word(next()) !== 'select' || word(next()) !== 'count' || next()?.text !== '(') return false;
  let depth = 1;
  let token = next();
  for (; token && depth > 0; token = next()) {
    if (token.text === '(') depth++;
    else if (token.text === ')') depth--;
    if (depth === 0) break;
  }
  if (!token) return false;
  token = next();
  if (token?.text === '::') {
    next();
    token = next();
  }
  if (word(token) === 'as') token = next();
  if (token && !ENDS_COUNT_ITEM.has(word(token) ?? '') && (token.kind === 'word' || token.kind === 'quoted-identifier')) token = next();
  if (word(token) !== 'from') return false;
  const relation: string[] = [];
  for (token = next(); token && (token.kind === 'word' || token.kind === 'quoted-identifier'); token = next()) {
    relation.push(token.kind === 'word' ? token.text : token.text.slice(1, -1));
    token = next();
    if (token?.text !== '.') break;
  }
  if (isSystemCatalog(relation)) return false;
  for (; token; token = next()) {
    const current = word(token);
    if (current !== undefined && NOT_A_PLAIN_COUNT.has(current)) return false;
    if (token.text === ';') return next() === undefined;
  }
  return true;
}

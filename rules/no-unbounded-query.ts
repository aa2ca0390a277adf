import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../src/ast/node-types';
import { addsNoProperties, isLiteralValue, PROMISE_CONTINUATIONS, spreadAlternatives } from '../src/ast/expressions';
import { getDbOperations, type DbOperation } from '../src/analysis/db-operations';
import { getTypeServices, memberName, skipExpressionWrappers, type TypeServices } from '../src/analysis/library-origin';
import {
  DEFAULT_KEY_FIELDS,
  drizzleConditionPinsKey,
  filterPinsKey,
  isRunHere,
  distinctFieldsPinned,
  selectsOnlyDistinctFields,
  readChain,
  readOption,
  resolveObjectLiteral,
  spreadArguments,
  typeLacksProperty,
  usesFirstRowOnly,
  usesRowCountOnly,
  type ChainStep,
  type KeyPolicy,
  type QueryChain,
} from '../src/analysis/query-bounds';
import { drizzleTableKeysByName, drizzleTableLookup } from '../src/analysis/drizzle-schema';
import { isEmptinessTest } from '../src/analysis/existence-test';
import { declaredKeys, prismaKeysFor, type PrismaKeysByAccessor, type PrismaRelation } from '../src/analysis/prisma-schema';
import { DEFAULT_SCRIPT_GLOBS, scriptsOptionSchema, getRequestPath } from '../src/analysis/request-path';
import { outermostChainCall } from '../src/analysis/sql/query-builders';
import { expressionAggregatesRows } from '../src/analysis/sql/aggregates';
import { HOLE_MARKER, SqlLexer } from '../src/analysis/sql/tokenizer';
import { typescript } from '../src/analysis/typescript-module';
import { enclosingFunction } from '../src/ast/code-shape';
import { inCacheMissBranch, isCacheAsideFunction, isCacheFillCallback } from '../src/analysis/lazy-initialisation';
import { createRule } from '../src/create-rule';

type Options = [{ uniqueFields?: string[]; boundedParents?: string[]; smallTables?: string[]; allowBatchedLookups?: boolean; scripts?: string[] }];
type MessageIds = 'unbounded' | 'anyRowOnly' | 'firstOfSorted';

/** The method names that can start or end a list query: the cheap test before the database analysis. */
const CANDIDATE_METHODS = new Set([
  'findMany', 'find', 'findBy', 'findAndCount', 'findAndCountBy', 'findAll', 'findAndCountAll',
  'getMany', 'getManyAndCount', 'getRawMany', 'getRawAndEntities', 'select', 'selectDistinct', 'selectDistinctOn', 'toArray', 'query',
]);

/**
 * How each library bounds a list and pages through it: the fix the message names. The next page starts past the
 * last row's sort key (keyset), as no-offset-pagination asks: an offset would only trade this report for that one.
 */
const FIXES = {
  prisma: '`take`, with `cursor` (the last row\'s key) for the next pages',
  typeormFind: '`take`, with a `where` past the last row\'s sort key (`MoreThan(lastId)`) for the next pages',
  typeormFindBy: '`find({ where, take })` (`findBy` takes no options), with a `where` past the last row\'s sort key (`MoreThan(lastId)`) for the next pages',
  typeormBuilder: '`.take()` (`.limit()` for raw results), with a `where` past the last row\'s sort key for the next pages, or `.stream()`',
  sequelize: '`limit`, with a `where` past the last row\'s sort key (`[Op.gt]: lastId`) for the next pages',
  mongoose: '`.limit()`, with a range on the sort key for the next pages, or stream with `.cursor()`',
  mongodb: '`.limit()`, with a range on the sort key for the next pages, or iterate the cursor instead of `toArray()`',
  drizzleSelect: '`.limit()`, with a range on the sort key (`gt(table.id, lastId)`) for the next pages',
  drizzleRelational: '`limit`, with a `where` past the last row\'s sort key for the next pages',
  mikroOrm: '`limit`, with `findByCursor` or a range on the sort key for the next pages',
  objection: '`.limit()`, with a range on the sort key for the next pages',
  payload: 'a `limit` above 0 (with `page` for the next pages), or leave `pagination` on',
} as const;
type Fix = keyof typeof FIXES;

/** Bounded, unbounded, or not knowable from here (options from elsewhere, a builder passed around). */
type Verdict = 'bounded' | 'unbounded' | 'unknown';

interface Check {
  verdict: Verdict;
  /** The query has a filter: a first-row-only use then reads as a lookup by a unique column. */
  filtered: boolean;
}

interface Inputs {
  node: TSESTree.CallExpression;
  op: DbOperation;
  keys: KeyPolicy;
  types: TypeServices | undefined;
  sourceCode: Readonly<TSESLint.SourceCode>;
}

const UNKNOWN: Check = { verdict: 'unknown', filtered: false };

export default createRule<Options, MessageIds>({
  name: 'no-unbounded-query',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow list queries that return every matching row with no limit',
      guide: 'paginate-large-results',
      recommended: 'strict',
    },
    schema: [
      {
        type: 'object',
        properties: {
          uniqueFields: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description: 'Unique fields besides `id`, `_id` and `uuid`: a filter on one of them (equal to a value, or one of a list) bounds a query by its input. `model.field` names a field of one model only (`user.email`).',
          },
          boundedParents: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description: 'Foreign keys whose parent has few children by design (`envelopeId` when an envelope holds a handful of fields): a filter on one of them bounds a query by its input, as a unique field does. `model.field` names the key of one model only (`webhook.teamId`: a team has few webhooks, not few documents).',
          },
          smallTables: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description: 'Models, entities, tables or collections that stay small by nature (plans, countries, feature flags), as the code names them (`plan` for `prisma.plan`, `Plan`, `plans`; compared ignoring case): reading all their rows is the point. A `*` stands for any run of characters (`*Configs`, `*Integrations`).',
          },
          allowBatchedLookups: {
            type: 'boolean',
            description: 'Treat a list filter on any field (`{ authorId: { in: authorIds } }`) as bounded by its input, as DataLoader-style batched loads of many parents\' children assume.',
          },
          scripts: scriptsOptionSchema('which may read whole tables.'),
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ uniqueFields: [], boundedParents: [], smallTables: [], allowBatchedLookups: false, scripts: [...DEFAULT_SCRIPT_GLOBS] }],
    messages: {
      anyRowOnly:
        '`{{method}}` loads every matching row only to learn whether there is any: the rows cross the network and fill memory for a yes or no. Read at most one row (`findFirst`, `take: 1`, `.limit(1)`) and test that.',
      firstOfSorted:
        '`{{method}}` sorts and loads every matching row, and only the first is used: the database sends them all for one. Ask for one row (`findFirst`, `take: 1`, `.limit(1)`), and the database can stop at the top of its sort.',
      unbounded: '`{{method}}` returns every matching row: nothing bounds how many, so a large table (or a user with many records) makes this slow and memory-hungry. Read it in pages with {{fix}}: one page per request for a list a client reads, page after page for a job that needs every row. Rows loaded only to add them up need no pages: let the query aggregate them (`SUM`, `COUNT`, `GROUP BY`).',
    },
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const seen = new WeakSet<TSESTree.CallExpression>();
    const smallTables = namePatterns(options.smallTables ?? []);
    let keys: KeyPolicy | undefined;
    /** The configured keys alone: the base for a model whose schema declares its own keys in place of the defaults. */
    let keysWithoutDefaults: KeyPolicy | undefined;
    let configuredKeys: ConfiguredKeys | undefined;
    /** The key fields for one model: the general ones (from `base`), and those configured for it alone (`webhook.teamId`). */
    const keysFor = (target: string | undefined, base: KeyPolicy = keys!): KeyPolicy => {
      const ownFields = target === undefined ? undefined : configuredKeys!.byModel.get(target.toLowerCase());
      return ownFields ? { ...base, fields: new Set([...base.fields, ...ownFields]) } : base;
    };
    let types: TypeServices | false | undefined;
    /** Per model, fields the file looks rows up by with Prisma's `findUnique` (`tag.findUnique({ where: { name } })`): unique. */
    const uniqueByModel = new Map<string, Set<string>>();
    /**
     * Filtered Prisma lists found unbounded, or bounded only by a default key (`id`), judged at the end, when every
     * `findUnique` of the file is known and only then the schema read.
     */
    const prismaLists: { outer: TSESTree.CallExpression; op: DbOperation; model: string; result: { check: Check; fix: Fix }; boundedByDefaultKeys?: boolean }[] = [];
    /** Prisma's fluent relation reads (`prisma.project.findUnique(…).contacts()`), judged at the end by the schema's list fields. */
    const fluentReads: { call: TSESTree.CallExpression; relation: string }[] = [];

    function report(outer: TSESTree.CallExpression, op: DbOperation, result: { check: Check; fix: Fix }): void {
      if (result.check.filtered && usesFirstRowOnly(outer, sourceCode)) {
        // Sorted first (Zero's newest note of a user), the first row is the top of many, not a row by a unique key.
        if (!isSorted(outer, op)) return;
        const requestPath = getRequestPath(context, { scripts: options.scripts });
        if (requestPath.fileKind === 'server' && requestPath.classify(outer).onRequestPath) context.report({ node: outer, messageId: 'firstOfSorted', data: { method: op.method } });
        return;
      }
      // A whole table read to fill a cache (`rolesCache.get(key, () => repo.find())`, or a function that answers from a
      // map it fills itself): reference data, read on a miss.
      const fillingFunction = enclosingFunction(outer);
      if (fillingFunction && (isCacheFillCallback(fillingFunction) || isCacheAsideFunction(fillingFunction, sourceCode) || inCacheMissBranch(outer, sourceCode))) return;
      // Tests, scripts, migrations, seeds and startup code may read whole tables. Asked last: it is the costliest question.
      const requestPath = getRequestPath(context, { scripts: options.scripts });
      if (requestPath.fileKind !== 'server' || !requestPath.classify(outer).onRequestPath) return;
      // Rows loaded only to be counted: no-in-memory-filtering, on in every preset with this rule, reports that at the
      // `.length` and asks for a count; one warning is enough. It leaves alone a filtered read only tested for any row
      // (a lookup by a key it expects to find one row), which this rule knows has no bound: the advice is one row, not pages.
      if (usesRowCountOnly(outer, sourceCode)) {
        if (result.check.filtered && usesRowCountOnly(outer, sourceCode, (length) => isEmptinessTest(length, sourceCode))) {
          context.report({ node: outer, messageId: 'anyRowOnly', data: { method: op.method } });
        }
        return;
      }
      context.report({ node: outer, messageId: 'unbounded', data: { method: op.method, fix: FIXES[result.fix] } });
    }

    /**
     * A to-many relation read through Prisma's fluent API: every related row of one parent (every contact of a
     * project), unless the relation call takes a `take`. Known from the schema's list field (`contacts Contact[]`).
     */
    function checkFluentRead(call: TSESTree.CallExpression, relation: string, schemaKeys: PrismaKeysByAccessor): void {
      const op = getDbOperations(context).classify(call);
      if (op?.library !== 'prisma' || op.kind !== 'read' || op.relation !== relation || op.target === undefined) return;
      const related = schemaKeys.get(op.target)?.listRelations?.get(relation);
      if (related === undefined || smallTables.has(related.toLowerCase()) || smallTables.has(relation.toLowerCase())) return;
      const options = call.arguments[0];
      if (options) {
        const object = options.type === AST_NODE_TYPES.SpreadElement ? undefined : resolveObjectLiteral(options, sourceCode);
        if (!object || readOption(object, 'take').kind !== 'absent') return;
      }
      report(call, { ...op, method: `${op.method}(…).${relation}` }, { check: { verdict: 'unbounded', filtered: true }, fix: 'prisma' });
    }

    return {
      CallExpression(node) {
        // The list method's own call first (cheap), then the whole chain it belongs to, once.
        const callee = node.callee;
        if (callee.type !== AST_NODE_TYPES.MemberExpression) return;
        const name = memberName(callee);
        if (name === 'findUnique' || name === 'findUniqueOrThrow') recordUniqueLookup(callee, node, uniqueByModel);
        if (name !== undefined && PRISMA_FLUENT_HEADS.has(name)) recordFluentRead(node, fluentReads);
        if (name === undefined || !CANDIDATE_METHODS.has(name) || isFunction(node.arguments[0]) || isColumnNameSelect(name, node)) return;
        const outer = outermostChainCall(node);
        if (seen.has(outer)) return;
        seen.add(outer);
        // A bound written on the query itself settles it before the costlier database analysis runs.
        if (hasVisibleBound(outer)) return;
        const op = getDbOperations(context).classify(outer);
        if (op?.kind !== 'read') return;
        if (op.target !== undefined && smallTables.has(op.target.toLowerCase())) return;
        // A few children per parent bound a list the way a unique key bounds one row: both are bounded by the input.
        configuredKeys ??= configuredKeyFields([...(options.uniqueFields ?? []), ...(options.boundedParents ?? [])]);
        keys ??= { fields: new Set([...DEFAULT_KEY_FIELDS, ...configuredKeys.anyModel]), listsOnAnyField: options.allowBatchedLookups === true };
        keysWithoutDefaults ??= { ...keys, fields: new Set(configuredKeys.anyModel) };
        types ??= getTypeServices(context) ?? false;
        const result = checkQuery({ node: outer, op, keys: keysFor(op.target), types: types || undefined, sourceCode });
        if (result?.check.verdict === 'bounded' && op.library === 'prisma' && op.target !== undefined) {
          // Bounded by a default key (`id`) only? The schema may key the model otherwise (`@@id([workspaceId, id, createdAt])`): judged at the end.
          const withoutDefaults = checkQuery({ node: outer, op, keys: keysFor(op.target, keysWithoutDefaults), types: types || undefined, sourceCode });
          if (withoutDefaults?.check.verdict === 'unbounded') prismaLists.push({ outer, op, model: op.target, result: withoutDefaults, boundedByDefaultKeys: true });
          return;
        }
        if (!result || result.check.verdict !== 'unbounded') return;
        // The keys a Drizzle schema declares, looked up only for a filtered list about to be reported.
        if (op.library === 'drizzle' && result.check.filtered) {
          const relational = op.method === 'findMany' && op.target !== undefined ? drizzleTableKeysByName(context, op.target) : undefined;
          const drizzleTables = { lookup: drizzleTableLookup(context), relational };
          const recheck = checkQuery({ node: outer, op, keys: { ...keysFor(op.target), drizzleTables }, types: types || undefined, sourceCode });
          if (recheck?.check.verdict !== 'unbounded') return;
        }
        if (op.library === 'prisma' && result.check.filtered && op.target !== undefined) prismaLists.push({ outer, op, model: op.target, result });
        else report(outer, op, result);
      },
      'Program:exit'() {
        if (prismaLists.length === 0 && fluentReads.length === 0) return;
        // The keys the project's schema declares, read only for a file with a filtered list to judge.
        const schemaKeys = prismaKeysFor(context.cwd, context.filename);
        if (schemaKeys) for (const fluent of fluentReads) checkFluentRead(fluent.call, fluent.relation, schemaKeys);
        for (const { outer, op, model, result, boundedByDefaultKeys } of prismaLists) {
          const unique = uniqueByModel.get(model);
          const declared = declaredKeys(schemaKeys?.get(model));
          // Without the model's keys from the schema, the default keys stand, and what they bound stays bounded.
          if (boundedByDefaultKeys && !declared) continue;
          if (!unique && !declared) {
            report(outer, op, result);
            continue;
          }
          // The schema's keys replace the defaults: under `@@id([workspaceId, id, createdAt])`, `id` alone is no key.
          const modelKeys = keysFor(model, declared ? keysWithoutDefaults! : keys!);
          // A key short of its small-enum fields leaves a few rows per value (`@@unique([email, provider])`): bounded too.
          const fewRows = declared?.fewRowsKeys ?? [];
          const fields = new Set([...modelKeys.fields, ...(unique ?? []), ...(declared?.fields ?? []), ...fewRows.filter((key) => key.length === 1).map(([field]) => field)]);
          const compounds = [...(declared?.compounds ?? []), ...fewRows.filter((key) => key.length > 1)];
          const relations = schemaKeys && declared?.relations ? relatedKeys(declared.relations, schemaKeys) : undefined;
          const recheck = checkQuery({ node: outer, op, keys: { ...modelKeys, fields, compounds: declared ? compounds : undefined, relations }, types: types || undefined, sourceCode });
          if (recheck?.check.verdict === 'unbounded') report(outer, op, result);
        }
      },
    };
  },
});


/**
 * Names compared ignoring case, where `*` stands for any run of characters: an exact name is a set lookup, a pattern
 * is matched part by part with `indexOf` (linear, no regular expression built from the option).
 */
function namePatterns(names: readonly string[]): { has(name: string): boolean } {
  const exact = new Set<string>();
  const patterns: string[][] = [];
  for (const name of names) {
    const lower = name.toLowerCase();
    if (lower.includes('*')) patterns.push(lower.split('*'));
    else exact.add(lower);
  }
  return { has: (name) => exact.has(name) || patterns.some((parts) => matchesParts(name, parts)) };
}

function matchesParts(name: string, parts: readonly string[]): boolean {
  const first = parts[0];
  const last = parts[parts.length - 1];
  if (!name.startsWith(first) || name.length < first.length + last.length || !name.endsWith(last)) return false;
  let at = first.length;
  const end = name.length - last.length;
  for (let index = 1; index < parts.length - 1; index++) {
    const found = name.indexOf(parts[index], at);
    if (found === -1 || found + parts[index].length > end) return false;
    at = found + parts[index].length;
  }
  return true;
}

/** Prisma's single-row reads a fluent relation call may follow. */
const PRISMA_FLUENT_HEADS = new Set(['findUnique', 'findUniqueOrThrow', 'findFirst', 'findFirstOrThrow']);

/** `x.findUnique(…).contacts(…)`: the relation call right after the single-row read. */
function recordFluentRead(head: TSESTree.CallExpression, into: { call: TSESTree.CallExpression; relation: string }[]): void {
  const member = head.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== head) return;
  const call = member.parent;
  const relation = memberName(member);
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member || relation === undefined || relation.startsWith('$') || PROMISE_CONTINUATIONS.has(relation)) return;
  into.push({ call, relation });
}

/** The relations whose related model declares keys in the schema, with those keys: a filter pinning them pins the relation. */
function relatedKeys(relations: ReadonlyMap<string, PrismaRelation>, schemaKeys: PrismaKeysByAccessor): KeyPolicy['relations'] {
  const out = new Map<string, { fields: readonly string[]; keys: KeyPolicy }>();
  for (const [name, relation] of relations) {
    const keys = declaredKeys(schemaKeys.get(relation.model));
    if (keys) out.set(name, { fields: relation.fields, keys: { fields: keys.fields, compounds: keys.compounds, listsOnAnyField: false } });
  }
  return out.size > 0 ? out : undefined;
}

interface ConfiguredKeys {
  /** Fields named alone (`envelopeId`): keys of every model. */
  anyModel: string[];
  /** Fields named with their model (`webhook.teamId`), by the model's name in lower case. */
  byModel: Map<string, string[]>;
}

/** `uniqueFields` and `boundedParents` entries: `field` for every model, `model.field` for one (as the code names the model). */
function configuredKeyFields(entries: readonly string[]): ConfiguredKeys {
  const keys: ConfiguredKeys = { anyModel: [], byModel: new Map() };
  for (const entry of entries) {
    const dot = entry.lastIndexOf('.');
    if (dot <= 0 || dot === entry.length - 1) {
      keys.anyModel.push(entry);
      continue;
    }
    const model = entry.slice(0, dot).toLowerCase();
    const fields = keys.byModel.get(model) ?? [];
    fields.push(entry.slice(dot + 1));
    keys.byModel.set(model, fields);
  }
  return keys;
}

/**
 * `db.tag.findUnique({ where: { name } })`: Prisma accepts only unique fields there, so `name` is unique for `tag`.
 * Only a single plain field: a compound key (`{ userId_tagId: { … } }`) makes neither of its parts unique.
 */
function recordUniqueLookup(callee: TSESTree.MemberExpression, call: TSESTree.CallExpression, uniqueByModel: Map<string, Set<string>>): void {
  const model = callee.object.type === AST_NODE_TYPES.MemberExpression ? memberName(callee.object) : undefined;
  const where = readOption(call.arguments[0], 'where');
  if (model === undefined || where.kind !== 'set') return;
  const filter = skipExpressionWrappers(where.value);
  if (filter.type !== AST_NODE_TYPES.ObjectExpression || filter.properties.length !== 1) return;
  const property = filter.properties[0];
  if (property.type !== AST_NODE_TYPES.Property || property.computed || property.key.type !== AST_NODE_TYPES.Identifier) return;
  if (skipExpressionWrappers(property.value).type === AST_NODE_TYPES.ObjectExpression) return;
  let fields = uniqueByModel.get(model);
  if (!fields) uniqueByModel.set(model, (fields = new Set()));
  fields.add(property.key.name);
}

const BOUND_NAMES = new Set(['take', 'limit']);

/** `.limit(n)`/`.take(n)` in the chain, or a `take`/`limit` option in an object literal argument of one of its calls. */
function hasVisibleBound(outer: TSESTree.CallExpression): boolean {
  let current: TSESTree.Node = outer;
  for (let depth = 0; depth < 64 && current.type === AST_NODE_TYPES.CallExpression; depth++) {
    const callee = skipExpressionWrappers(current.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    // `.limit(0)` may mean none (MongoDB): the library's own check decides.
    if (BOUND_NAMES.has(memberName(callee) ?? '') && !mayMeanNoMongoLimit(current.arguments[0])) return true;
    if (current.arguments.some((argument) => visiblyBounds(readOption(argument, 'take')) || visiblyBounds(readOption(argument, 'limit'), { zeroIsNone: true }))) return true;
    current = skipExpressionWrappers(callee.object);
  }
  return false;
}

/** A bound option set to a value that bounds: not one that may be missing (`options?.limit`), nor Payload's `limit: 0`, which means no limit. */
function visiblyBounds(option: ReturnType<typeof readOption>, { zeroIsNone = false } = {}): boolean {
  if (option.kind !== 'set' || boundMayBeMissing(option.value, undefined)) return false;
  return !zeroIsNone || !isLiteralValue(skipExpressionWrappers(option.value), 0);
}

/**
 * A bound that may hold nothing: `take: options?.limit`, `take: input.limit ?? undefined`. Every library here drops an
 * `undefined` bound and lists every match. A plain `take: limit` is trusted (most are validated or defaulted), and so
 * is `options?.limit!` or a cast. With types, a value whose type cannot be undefined or null bounds
 * (`input?.limit` with `input` never missing).
 */
function boundMayBeMissing(value: TSESTree.Node, types: TypeServices | undefined, sourceCode?: Readonly<TSESLint.SourceCode>): boolean {
  if (!mayBeMissingByShape(value, 0)) return false;
  if (sourceCode && chainsOffRequiredParameter(value, sourceCode)) return false;
  return types === undefined || !typeExcludesMissing(value, types);
}

/**
 * `args?.take` where `args` is a parameter declared with a type that has no `undefined` or `null` (`args:
 * PaginationArgs`, not `args?: …` or `| undefined`), or with a default: the `?.` is defensive, and the bound is
 * `args.take`. Asked of the code, since projects without `strictNullChecks` leave the checker no say (Hoppscotch).
 */
function chainsOffRequiredParameter(value: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (value.type !== AST_NODE_TYPES.ChainExpression || value.expression.type !== AST_NODE_TYPES.MemberExpression) return false;
  const member = value.expression;
  const object = member.object;
  if (!member.optional || object.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(sourceCode.getScope(object) as never, object as never) as TSESLint.Scope.Variable | null;
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type !== 'Parameter' || def.name.type !== AST_NODE_TYPES.Identifier) return false;
  const parameter = def.name;
  if (parameter.parent?.type === AST_NODE_TYPES.AssignmentPattern && parameter.parent.left === parameter) return !isUndefined(parameter.parent.right);
  const annotation = parameter.typeAnnotation?.typeAnnotation;
  if (!annotation || parameter.optional) return false;
  const members = annotation.type === AST_NODE_TYPES.TSUnionType ? annotation.types : [annotation];
  return members.every((member) => !MAYBE_MISSING_TYPES.has(member.type));
}

/** Type annotations that admit a missing value. */
const MAYBE_MISSING_TYPES: ReadonlySet<string> = new Set([
  AST_NODE_TYPES.TSUndefinedKeyword, AST_NODE_TYPES.TSNullKeyword, AST_NODE_TYPES.TSVoidKeyword, AST_NODE_TYPES.TSAnyKeyword, AST_NODE_TYPES.TSUnknownKeyword,
]);

function mayBeMissingByShape(value: TSESTree.Node, depth: number): boolean {
  // `options?.limit!` asserts the value is there (the parser keeps the `!` inside the chain).
  if (value.type === AST_NODE_TYPES.ChainExpression) return value.expression.type !== AST_NODE_TYPES.TSNonNullExpression;
  // `a ?? undefined`, `a || b?.limit`: missing when the fallback may be.
  if (value.type === AST_NODE_TYPES.LogicalExpression && value.operator !== '&&') return depth < 4 && (isUndefined(value.right) || mayBeMissingByShape(value.right, depth + 1));
  // `take: limit ? limit : undefined`, `take: showAll ? undefined : 12`: a branch leaves it out (Formbricks's responses API).
  if (value.type === AST_NODE_TYPES.ConditionalExpression) return depth < 4 && [value.consequent, value.alternate].some((branch) => isUndefined(branch) || mayBeMissingByShape(branch, depth + 1));
  return false;
}

function isUndefined(node: TSESTree.Node): boolean {
  return (node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined') || (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === 'void');
}

/** The checker's type of `value` has no `undefined` or `null` in it (under `strictNullChecks`, where types say so). */
function typeExcludesMissing(value: TSESTree.Node, types: TypeServices): boolean {
  const compilerOptions = types.services.program.getCompilerOptions();
  if (!(compilerOptions.strictNullChecks ?? compilerOptions.strict)) return false;
  const tsNode = types.services.esTreeNodeToTSNodeMap.get(value as never);
  if (!tsNode) return false;
  const flags = typescript().TypeFlags;
  const type = types.checker.getTypeAtLocation(tsNode);
  const missing = flags.Undefined | flags.Null | flags.Void | flags.Any | flags.Unknown | flags.TypeParameter;
  return !(type.isUnion() ? type.types : [type]).some((member) => member.flags & missing);
}

/** `knex('t').select('id', 'name')`: column names as strings are Knex or Kysely, out of this rule's scope. Drizzle selects take an object. */
function isColumnNameSelect(name: string, call: TSESTree.CallExpression): boolean {
  return name.startsWith('select') && call.arguments.some((argument) => argument.type === AST_NODE_TYPES.Literal || argument.type === AST_NODE_TYPES.TemplateLiteral || argument.type === AST_NODE_TYPES.ArrayExpression);
}

/** `items.find((item) => …)`: array methods take a callback where list queries take options. */
function isFunction(argument: TSESTree.Node | undefined): boolean {
  return argument?.type === AST_NODE_TYPES.ArrowFunctionExpression || argument?.type === AST_NODE_TYPES.FunctionExpression;
}

function checkQuery(inputs: Inputs): { check: Check; fix: Fix } | undefined {
  const { op } = inputs;
  switch (op.library) {
    case 'prisma':
      return op.method === 'findMany' ? { check: checkPrismaFindMany(inputs), fix: 'prisma' } : undefined;
    case 'typeorm':
      if (TYPEORM_FIND.has(op.method)) return { check: checkTypeormFind(inputs), fix: op.method.endsWith('By') ? 'typeormFindBy' : 'typeormFind' };
      if (TYPEORM_BUILDER_LISTS.has(op.method)) return { check: checkTypeormBuilder(inputs), fix: 'typeormBuilder' };
      return undefined;
    case 'sequelize':
      return op.method === 'findAll' || op.method === 'findAndCountAll' ? { check: checkSequelize(inputs), fix: 'sequelize' } : undefined;
    case 'mongoose':
      return op.method === 'find' ? { check: checkMongoose(inputs), fix: 'mongoose' } : undefined;
    case 'mongodb':
      return op.method === 'find' ? { check: checkMongodb(inputs), fix: 'mongodb' } : undefined;
    case 'drizzle':
      if (op.method === 'findMany') return { check: checkOptionsQuery(inputs, inputs.op.operationCall.arguments[0], 'limit', (where) => drizzleConditionPinsKey(where, inputs.keys, inputs.sourceCode)), fix: 'drizzleRelational' };
      if (DRIZZLE_SELECTS.has(op.method)) return { check: checkDrizzleSelect(inputs), fix: 'drizzleSelect' };
      return undefined;
    case 'mikro-orm':
      return MIKRO_LISTS.has(op.method) ? { check: checkMikroOrm(inputs), fix: 'mikroOrm' } : undefined;
    case 'payload':
      return op.method === 'find' ? { check: checkPayloadFind(inputs), fix: 'payload' } : undefined;
    case 'objection':
      return op.method === 'query' ? { check: checkObjection(inputs), fix: 'objection' } : undefined;
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Queries bounded by an options object: Prisma, TypeORM find, Sequelize, Drizzle's relational API, MikroORM

/** Prisma's `findMany`: bounded by `take`, a filter pinning the key, or `distinct` on fields the filter pins or the only ones selected. */
function checkPrismaFindMany(inputs: Inputs): Check {
  const options = inputs.op.operationCall.arguments[0];
  const optionsObject = resolveObjectLiteral(options, inputs.sourceCode);
  // A list of a column's values, not of rows: left alone, as a `groupBy` is.
  if (optionsObject !== undefined && selectsOnlyDistinctFields(optionsObject)) return UNKNOWN;
  const pins = (where: TSESTree.Node) => filterPinsKey(where, inputs.keys, 'prisma') || (optionsObject !== undefined && distinctFieldsPinned(optionsObject, where));
  return checkOptionsQuery(inputs, options, 'take', pins);
}

/**
 * A query whose options object may set `boundKey` and a `where`. Options we cannot read (a parameter, a
 * spread) may carry the bound, unless their type shows they cannot.
 */
function checkOptionsQuery(inputs: Inputs, options: TSESTree.Node | undefined, boundKey: string, wherePins: (where: TSESTree.Node) => boolean): Check {
  if (!options) return { verdict: 'unbounded', filtered: false };
  if (options.type === AST_NODE_TYPES.SpreadElement) return UNKNOWN;
  const object = resolveObjectLiteral(options, inputs.sourceCode);
  if (!object) return { verdict: optionsTypeLacks(inputs, options, boundKey) ? 'unbounded' : 'unknown', filtered: true };
  const bound = readOption(object, boundKey);
  // Any bound counts, a variable too: it is bounded by whatever it holds. One that may be missing may bound nothing.
  const boundMayBeNone = bound.kind === 'set' && boundMayBeMissing(bound.value, inputs.types, inputs.sourceCode);
  if (bound.kind === 'set' && !boundMayBeNone) return { verdict: 'bounded', filtered: true };
  // A spread may hold the bound, or one that replaces a bound that may be missing, unless its type or its branches show
  // it cannot always: `...(usePagination && { skip, take })` leaves the default view unbounded (Papermark's documents).
  if (bound.kind === 'unknown' || boundMayBeNone) {
    const spreads = spreadArguments(object).map((spread) => (optionsTypeLacks(inputs, spread, boundKey) ? 'never' : spreadSetsOption(spread, boundKey)));
    if (spreads.includes('always') && bound.kind === 'unknown') return { verdict: 'bounded', filtered: true };
    if (spreads.includes('unknown')) return UNKNOWN;
  }
  const where = readOption(object, 'where');
  if (where.kind !== 'set') return { verdict: 'unbounded', filtered: false };
  const whereObject = resolveObjectLiteral(where.value, inputs.sourceCode) ?? where.value;
  return { verdict: wherePins(whereObject) ? 'bounded' : 'unbounded', filtered: true };
}

/**
 * Whether a spread in an options object sets `key`, read from its shape: `...(cond ? { take: 10 } : { take: 50 })` always,
 * `...(cond && { take })` sometimes, `...(cond ? { where } : {})` never; anything but object literals and nothing is unknown.
 */
function spreadSetsOption(node: TSESTree.Node, key: string, depth = 0): 'always' | 'sometimes' | 'never' | 'unknown' {
  const value = skipExpressionWrappers(node);
  if (depth > 3) return 'unknown';
  if (value.type === AST_NODE_TYPES.ObjectExpression) {
    const found = readOption(value, key);
    return found.kind === 'set' ? 'always' : found.kind === 'absent' ? 'never' : 'unknown';
  }
  if (addsNoProperties(value)) return 'never';
  const spread = spreadAlternatives(value);
  if (!spread) return 'unknown';
  const verdicts = spread.alternatives.map((alternative) => spreadSetsOption(alternative, key, depth + 1));
  // `cond && { take }` adds nothing when `cond` is falsy.
  if (spread.mayAddNothing) verdicts.push('never');
  if (verdicts.includes('unknown')) return 'unknown';
  if (verdicts.every((verdict) => verdict === 'always')) return 'always';
  return verdicts.every((verdict) => verdict === 'never') ? 'never' : 'sometimes';
}

function optionsTypeLacks(inputs: Inputs, node: TSESTree.Node, boundKey: string): boolean {
  return inputs.types !== undefined && typeLacksProperty(node, boundKey, inputs.types);
}

/**
 * Payload's `find` returns a page of ten unless told otherwise. It returns every match with `limit: 0`, or with
 * `pagination: false` and no `limit` (Payload's find operation: `limit ?? (pagination && limit !== 0 ? 10 : 0)`).
 */
function checkPayloadFind(inputs: Inputs): Check {
  const options = inputs.op.operationCall.arguments[0];
  const object = options && resolveObjectLiteral(options, inputs.sourceCode);
  if (!object) return UNKNOWN;
  const limit = readOption(object, 'limit');
  const pagination = readOption(object, 'pagination');
  const unlimited = limit.kind === 'set' ? isLiteralValue(skipExpressionWrappers(limit.value), 0) : limit.kind === 'absent' && pagination.kind === 'set' && isLiteralValue(skipExpressionWrappers(pagination.value), false);
  if (!unlimited) return { verdict: limit.kind === 'unknown' || pagination.kind === 'unknown' ? 'unknown' : 'bounded', filtered: true };
  const where = readOption(object, 'where');
  if (where.kind !== 'set') return { verdict: 'unbounded', filtered: false };
  const whereObject = resolveObjectLiteral(where.value, inputs.sourceCode) ?? where.value;
  return { verdict: filterPinsKey(whereObject, inputs.keys, 'payload') ? 'bounded' : 'unbounded', filtered: true };
}

const TYPEORM_FIND = new Set(['find', 'findBy', 'findAndCount', 'findAndCountBy']);

/** `manager.find(User, options)` names the entity first; `repository.find(options)` does not. */
function namesEntity(argument: TSESTree.Node | undefined): boolean {
  if (!argument) return false;
  const current = skipExpressionWrappers(argument);
  if (current.type === AST_NODE_TYPES.Literal) return typeof current.value === 'string';
  if (current.type === AST_NODE_TYPES.Identifier) return /^[A-Z]/.test(current.name);
  if (current.type === AST_NODE_TYPES.MemberExpression) return /^[A-Z]/.test(memberName(current) ?? '');
  return false;
}

function checkTypeormFind(inputs: Inputs): Check {
  const { op, keys } = inputs;
  const args = op.operationCall.arguments;
  const offset = namesEntity(args[0]) ? 1 : 0;
  const argument = args[offset];
  const pins = (where: TSESTree.Node) => filterPinsKey(where, keys, 'typeorm');
  if (op.method.endsWith('By')) {
    // findBy(where): no options, so only a key filter bounds it.
    if (!argument) return { verdict: 'unbounded', filtered: false };
    if (argument.type === AST_NODE_TYPES.SpreadElement) return UNKNOWN;
    return { verdict: pins(resolveObjectLiteral(argument, inputs.sourceCode) ?? argument) ? 'bounded' : 'unbounded', filtered: true };
  }
  return checkOptionsQuery(inputs, argument, 'take', pins);
}

function checkSequelize(inputs: Inputs): Check {
  const options = inputs.op.operationCall.arguments[0];
  const object = options && resolveObjectLiteral(options, inputs.sourceCode);
  // A grouped query returns one row per group: an aggregate, not a list of records.
  if (object && readOption(object, 'group').kind === 'set') return UNKNOWN;
  return checkOptionsQuery(inputs, options, 'limit', (where) => filterPinsKey(where, inputs.keys, 'sequelize'));
}

const MIKRO_LISTS = new Set(['find', 'findAll', 'findAndCount']);

function checkMikroOrm(inputs: Inputs): Check {
  const { op, keys } = inputs;
  const args = op.operationCall.arguments;
  const offset = namesEntity(args[0]) ? 1 : 0;
  const pins = (where: TSESTree.Node) => mikroWherePins(where, keys);
  if (op.method === 'findAll') return checkOptionsQuery(inputs, args[offset], 'limit', pins);
  const where = args[offset];
  if (!where) return { verdict: 'unbounded', filtered: false };
  const whereObject = where.type === AST_NODE_TYPES.SpreadElement ? undefined : resolveObjectLiteral(where, inputs.sourceCode);
  // A filter we cannot read may be a primary key: MikroORM accepts one in its place.
  if (!whereObject && !isLiteralOrArray(where)) return UNKNOWN;
  if (pins(whereObject ?? where)) return { verdict: 'bounded', filtered: true };
  const options = args[offset + 1];
  if (!options) return { verdict: 'unbounded', filtered: true };
  const check = checkOptionsQuery(inputs, options, 'limit', () => false);
  return { ...check, filtered: true };
}

/** MikroORM also takes a primary key or a list of them in place of a filter object. */
function mikroWherePins(where: TSESTree.Node, keys: KeyPolicy): boolean {
  return isLiteralOrArray(where) || filterPinsKey(where, keys, 'mongo');
}

function isLiteralOrArray(node: TSESTree.Node): boolean {
  const current = skipExpressionWrappers(node);
  return current.type === AST_NODE_TYPES.ArrayExpression || current.type === AST_NODE_TYPES.Literal;
}

// ---------------------------------------------------------------------------------------------------------
// Queries bounded by a builder chain: TypeORM's QueryBuilder, Mongoose, the MongoDB driver, Drizzle

const TYPEORM_BUILDER_LISTS = new Set(['getMany', 'getManyAndCount', 'getRawMany', 'getRawAndEntities']);
const TYPEORM_KEY_LISTS = new Set(['whereInIds', 'andWhereInIds']);
const TYPEORM_WHERE = new Set(['where', 'andWhere']);

function stepNames(chain: QueryChain): Set<string> {
  return new Set(chain.steps.map((step) => step.name));
}

function checkTypeormBuilder(inputs: Inputs): Check {
  const chain = readChain(inputs.node, (step) => step.name === 'createQueryBuilder', inputs.sourceCode);
  if (!chain.reachedHead || chain.escapes) return UNKNOWN;
  const names = stepNames(chain);
  if (names.has('take') || names.has('limit')) return { verdict: 'bounded', filtered: true };
  // Grouped or aggregated raw results (`select('COUNT(*)', 'n')`) are not lists of records.
  if (names.has('groupBy') || chain.steps.some((step) => (step.name === 'select' || step.name === 'addSelect') && selectsAggregateText(step.call))) return UNKNOWN;
  const filtered = chain.steps.some((step) => TYPEORM_WHERE.has(step.name) || TYPEORM_KEY_LISTS.has(step.name));
  const widened = chain.steps.some((step) => step.name.startsWith('orWhere'));
  const alias = mainAlias(chain);
  if (!widened && chain.steps.some((step) => TYPEORM_KEY_LISTS.has(step.name) || (TYPEORM_WHERE.has(step.name) && builderWherePins(step, inputs.keys, alias)))) {
    return { verdict: 'bounded', filtered };
  }
  return { verdict: 'unbounded', filtered };
}

function selectsAggregateText(select: TSESTree.CallExpression): boolean {
  const selection = select.arguments[0] && skipExpressionWrappers(select.arguments[0]);
  return selection?.type === AST_NODE_TYPES.Literal && typeof selection.value === 'string' && expressionAggregatesRows(selection.value);
}

/**
 * The alias `createQueryBuilder` gives the queried entity: `repo.createQueryBuilder('term')`,
 * `manager.createQueryBuilder(Term, 'term')`. Undefined when the code does not spell it.
 */
function mainAlias(chain: QueryChain): string | undefined {
  const head = chain.steps.find((step) => step.name === 'createQueryBuilder');
  const argument = head?.call.arguments.find((candidate) => candidate.type === AST_NODE_TYPES.Literal && typeof candidate.value === 'string');
  return argument?.type === AST_NODE_TYPES.Literal && typeof argument.value === 'string' ? argument.value.toLowerCase() : undefined;
}

/**
 * `.where({ id: In(ids) })`, or condition text on the key alone: `'u.id = :id'`, `'u.id IN (:...ids)'`. A key of a
 * joined alias (`'label.id = :labelId'` after `leftJoin('term.labels', 'label')`) picks the joined row, not the queried ones.
 */
function builderWherePins(step: ChainStep, keys: KeyPolicy, alias: string | undefined): boolean {
  const condition = step.call.arguments[0];
  if (!condition) return false;
  const current = skipExpressionWrappers(condition);
  if (current.type === AST_NODE_TYPES.ObjectExpression || current.type === AST_NODE_TYPES.ArrayExpression) return filterPinsKey(current, keys, 'typeorm');
  if (current.type === AST_NODE_TYPES.Literal && typeof current.value === 'string') return conditionTextPinsKey(current.value, keys, { alias });
  if (current.type === AST_NODE_TYPES.TemplateLiteral && current.expressions.length === 0) return conditionTextPinsKey(current.quasis[0].value.cooked ?? '', keys, { alias });
  if (current.type === AST_NODE_TYPES.TemplateLiteral && current.expressions.length === 1) return conditionTextPinsKey(spliceAsParameter(current), keys, { listMayBeSpliced: true, alias });
  return false;
}

/**
 * A condition with one value spliced in (`t.id IN ${ids}`, `t.id = '${id}'`, Flowise's imports) read as if the value
 * were a parameter. Splicing is prefer-parameterized-query's matter; the key still bounds the rows.
 */
function spliceAsParameter(template: TSESTree.TemplateLiteral): string {
  let before = template.quasis[0].value.cooked ?? '';
  let after = template.quasis[1].value.cooked ?? '';
  if (before.endsWith("'") && after.startsWith("'")) {
    before = before.slice(0, -1);
    after = after.slice(1);
  }
  return `${before}:value${after}`;
}

/**
 * The whole condition is `[alias.]key = :param` or `[alias.]key IN (:...params)`. One forward pass of the
 * SQL lexer over a short string; anything else (AND, OR, functions) is not recognised.
 */
function conditionTextPinsKey(text: string, keys: KeyPolicy, { listMayBeSpliced = false, alias }: { listMayBeSpliced?: boolean; alias?: string } = {}): boolean {
  if (text.length > 200) return false;
  const tokens: string[] = [];
  const lexer = new SqlLexer(text);
  for (let token = lexer.next(); token && tokens.length < 16; token = lexer.next()) {
    if (token.kind === 'comment') continue;
    if (token.kind === 'placeholder') tokens.push(':');
    else if (token.kind === 'quoted-identifier') tokens.push(token.text.slice(1, -1));
    else if (token.text === '.' && (tokens.at(-1) === ':' || tokens.at(-1) === ':.' || tokens.at(-1) === ':..')) tokens[tokens.length - 1] += '.';
    else if (token.kind === 'word' && tokens.at(-1) === ':...') tokens[tokens.length - 1] = ':';
    else tokens.push(token.kind === 'word' && !keys.fields.has(token.text) ? token.text.toLowerCase() : token.text);
  }
  // A parameter reads `:name` or, for lists, `:...names`: both end up as one ':' token.
  const start = tokens[1] === '.' ? 2 : 0;
  if (start === 2 && alias !== undefined && tokens[0].toLowerCase() !== alias) return false;
  const rest = tokens.slice(start + 1).join(' ');
  // A spliced list brings its own parentheses: `t.id IN ${'(' + ids + ')'}`.
  const isList = rest === 'in ( : )' || (listMayBeSpliced && rest === 'in :');
  if (keys.fields.has(tokens[start] ?? '')) return rest === '= :' || isList;
  return keys.listsOnAnyField && tokens.length > start && isList;
}

/** Chain steps and query options that sort: `orderBy(…)`, Mongoose's `sort(…)`, `{ orderBy }` (Prisma), `{ order }` (TypeORM, Sequelize), `{ sort }`. */
const SORT_STEPS = new Set(['orderBy', 'sort', 'order']);

/** The query sorts its rows: a sorting step in the chain from the operation to `outer`, or a sort key in its options. */
function isSorted(outer: TSESTree.CallExpression, op: DbOperation): boolean {
  for (let current: TSESTree.Node = outer; current.type === AST_NODE_TYPES.CallExpression; ) {
    const callee = skipExpressionWrappers(current.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) break;
    if (SORT_STEPS.has(memberName(callee) ?? '')) return true;
    if (current === op.operationCall) break;
    current = skipExpressionWrappers(callee.object);
  }
  return op.operationCall.arguments.some((argument) => [...SORT_STEPS].some((key) => readOption(argument, key).kind === 'set'));
}

/** Mongoose query methods that turn a `find` into something other than a list of documents. */
const MONGOOSE_NOT_LIST = new Set([
  'cursor', 'eachAsync', 'stream', 'countDocuments', 'count', 'estimatedDocumentCount', 'distinct', 'findOne', 'exists', 'explain',
  'deleteMany', 'deleteOne', 'updateMany', 'updateOne', 'replaceOne', 'findOneAndUpdate', 'findOneAndDelete', 'findOneAndReplace', 'paginate',
]);

function checkMongoose(inputs: Inputs): Check {
  const { node, op, keys } = inputs;
  const chain = readChain(node, (step) => step.call === op.operationCall, inputs.sourceCode);
  if (!chain.reachedHead || chain.escapes) return UNKNOWN;
  const names = stepNames(chain);
  if ([...names].some((name) => MONGOOSE_NOT_LIST.has(name))) return UNKNOWN;
  if (!names.has('exec') && !isRunHere(node)) return UNKNOWN;
  return checkMongoFind(inputs, names, op.operationCall.arguments[0], op.operationCall.arguments[2], keys, chain);
}

function checkMongodb(inputs: Inputs): Check {
  const { node, op, keys } = inputs;
  const chain = readChain(node, (step) => step.call === op.operationCall, inputs.sourceCode);
  // Only `toArray()` loads the whole cursor; iterating it streams.
  if (!chain.reachedHead || chain.escapes || chain.steps[0]?.name !== 'toArray') return UNKNOWN;
  return checkMongoFind(inputs, stepNames(chain), op.operationCall.arguments[0], op.operationCall.arguments[1], keys, chain);
}

function checkMongoFind(inputs: Inputs, names: ReadonlySet<string>, filter: TSESTree.Node | undefined, options: TSESTree.Node | undefined, keys: KeyPolicy, chain: QueryChain): Check {
  const filtered = filter !== undefined && !isEmptyObject(filter);
  if (chain.steps.some((step) => step.name === 'limit' && !mayMeanNoMongoLimit(step.call.arguments[0]))) return { verdict: 'bounded', filtered };
  if (options) {
    const object = resolveObjectLiteral(options, inputs.sourceCode);
    if (!object) return UNKNOWN;
    const limit = readOption(object, 'limit');
    if (limit.kind === 'unknown') return UNKNOWN;
    if (limit.kind === 'set' && !boundMayBeMissing(limit.value, inputs.types, inputs.sourceCode) && !mayMeanNoMongoLimit(limit.value)) return { verdict: 'bounded', filtered };
    // A spread may replace a limit that may be missing.
    if (limit.kind === 'set' && spreadArguments(object).length > 0) return UNKNOWN;
  }
  if (filter && filter.type !== AST_NODE_TYPES.SpreadElement && filterPinsKey(resolveObjectLiteral(filter, inputs.sourceCode) ?? filter, keys, 'mongo')) return { verdict: 'bounded', filtered };
  return { verdict: 'unbounded', filtered };
}

/**
 * MongoDB reads a limit of 0 as none: `.limit(0)`, and `.limit(input.limit || 0)` when the input has none (erxes
 * writes both), list every match.
 */
function mayMeanNoMongoLimit(value: TSESTree.Node | undefined): boolean {
  if (!value) return false;
  const current = skipExpressionWrappers(value);
  if (isLiteralValue(current, 0)) return true;
  return current.type === AST_NODE_TYPES.LogicalExpression && (current.operator === '||' || current.operator === '??') && mayMeanNoMongoLimit(current.right);
}

function isEmptyObject(node: TSESTree.Node): boolean {
  const current = skipExpressionWrappers(node);
  return current.type === AST_NODE_TYPES.ObjectExpression && current.properties.length === 0;
}

/** Objection's builder methods that read at most one row, or rows by a list of keys, or a page. */
const OBJECTION_BOUNDS = new Set(['first', 'findById', 'findOne', 'findByIds', 'limit', 'page', 'range']);
/** Clauses that keep a query a list of rows, by prefix: filters, sorts, selects, joins (`joinRelated`, `leftJoin`…). */
const OBJECTION_LIST_PREFIXES = ['where', 'andWhere', 'orWhere', 'having', 'andHaving', 'orHaving', 'orderBy', 'select', 'distinct', 'clear'];
const OBJECTION_LIST_STEPS = new Set([
  'query', 'column', 'columns', 'from', 'table', 'alias', 'join', 'with', 'withRecursive', 'withMaterialized', 'withNotMaterialized', 'withSchema',
  'withGraphFetched', 'withGraphJoined', 'allowGraph', 'modifyGraph', 'throwIfNotFound', 'skipUndefined', 'context', 'timeout', 'debug', 'offset',
  'forUpdate', 'forShare', 'forNoKeyUpdate', 'forKeyShare', 'skipLocked', 'noWait', 'castTo',
]);
const OBJECTION_EQUALS = new Set(['where', 'andWhere']);
const OBJECTION_KEY_LISTS = new Set(['whereIn', 'andWhereIn']);

/** `Model.query()` and its chain: bounded by a bound, a lookup of one row, or a filter on a key (`where('id', id)`, `whereIn('id', ids)`). */
function checkObjection(inputs: Inputs): Check {
  const { node, op, keys } = inputs;
  const chain = readChain(node, (step) => step.call === op.operationCall, inputs.sourceCode);
  if (!chain.reachedHead || chain.escapes) return UNKNOWN;
  const filtered = chain.steps.some((step) => step.name.startsWith('where') || step.name.startsWith('andWhere') || step.name.startsWith('orWhere') || step.name === 'findOne');
  if (chain.steps.some((step) => OBJECTION_BOUNDS.has(step.name))) return { verdict: 'bounded', filtered };
  // `modify`, `groupBy`, a method of the project's own query builder (`withSoftDeleted()`): what it does to the rows is not in view.
  if (chain.steps.some((step) => !isObjectionListStep(step.name) || (step.name === 'select' && selectsAggregateText(step.call)))) return UNKNOWN;
  // Awaited or returned here: a builder handed to a helper (`paginate(query)`) may be bounded there.
  if (!isRunHere(node)) return UNKNOWN;
  const widened = chain.steps.some((step) => step.name.startsWith('orWhere'));
  if (!widened && chain.steps.some((step) => objectionWherePins(step, keys))) return { verdict: 'bounded', filtered };
  return { verdict: 'unbounded', filtered };
}

function isObjectionListStep(name: string): boolean {
  return OBJECTION_LIST_STEPS.has(name) || OBJECTION_LIST_PREFIXES.some((prefix) => name.startsWith(prefix)) || name.endsWith('Join') || name.endsWith('JoinRelated') || name === 'joinRelated';
}

/** `where('id', id)`, `where('flows.id', '=', id)`, `where({ id })`, `whereIn('id', ids)`: the step pins a key column. */
function objectionWherePins(step: ChainStep, keys: KeyPolicy): boolean {
  const [first, second, third] = step.call.arguments;
  if (!first) return false;
  const column = staticColumn(first);
  if (OBJECTION_KEY_LISTS.has(step.name)) return keys.listsOnAnyField || (column !== undefined && keys.fields.has(column));
  if (!OBJECTION_EQUALS.has(step.name)) return false;
  // Knex reads a filter object as equalities, as TypeORM's `where` does.
  if (skipExpressionWrappers(first).type === AST_NODE_TYPES.ObjectExpression) return filterPinsKey(first, keys, 'typeorm');
  if (column === undefined || !keys.fields.has(column)) return false;
  if (third === undefined) return second !== undefined;
  const operator = staticColumn(second);
  return operator === '=' || (operator?.toLowerCase() === 'in' && (keys.listsOnAnyField || keys.fields.has(column)));
}

/** A column named by a string, without its table (`'flows.id'` → `id`). */
function staticColumn(node: TSESTree.Node | undefined): string | undefined {
  const current = node && skipExpressionWrappers(node);
  if (current?.type !== AST_NODE_TYPES.Literal || typeof current.value !== 'string') return undefined;
  return current.value.slice(current.value.lastIndexOf('.') + 1);
}

const DRIZZLE_SELECTS = new Set(['select', 'selectDistinct', 'selectDistinctOn']);
/** Builder methods after which the query is run, streamed, prepared or handed on elsewhere. */
const DRIZZLE_RUN = new Set(['execute', 'all', 'values']);
const DRIZZLE_NOT_LIST = new Set(['$dynamic', 'prepare', 'iterator', 'get', 'groupBy', 'toSQL', 'getSQL', 'as']);
const DRIZZLE_AGGREGATES = new Set(['count', 'countDistinct', 'sum', 'sumDistinct', 'avg', 'avgDistinct', 'min', 'max']);

function checkDrizzleSelect(inputs: Inputs): Check {
  const { node, op, keys } = inputs;
  const chain = readChain(node, (step) => step.call === op.operationCall, inputs.sourceCode);
  if (!chain.reachedHead || chain.escapes) return UNKNOWN;
  const names = stepNames(chain);
  if ([...names].some((name) => DRIZZLE_NOT_LIST.has(name)) || selectsAggregate(op.operationCall)) return UNKNOWN;
  if (![...names].some((name) => DRIZZLE_RUN.has(name)) && !isRunHere(node)) return UNKNOWN;
  const wheres = chain.steps.filter((step) => step.name === 'where');
  const filtered = wheres.length > 0;
  if (names.has('limit')) return { verdict: 'bounded', filtered };
  if (wheres.some((step) => drizzleConditionPinsKey(step.call.arguments[0], keys, inputs.sourceCode))) return { verdict: 'bounded', filtered };
  if (chain.steps.some((step) => step.name === 'from' && isLimitedSubquery(step.call.arguments[0], inputs.sourceCode))) return { verdict: 'bounded', filtered };
  return { verdict: 'unbounded', filtered };
}

/**
 * `.from(page)` where `page` is a `const` of this file built as `db.select(…)…limit(n)….as('page')`: the page of ids
 * the outer query joins its rows to (Papra's full-text search) bounds it.
 */
function isLimitedSubquery(argument: TSESTree.Node | undefined, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const name = argument && skipExpressionWrappers(argument);
  if (name?.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(sourceCode.getScope(name) as never, name as never) as TSESLint.Scope.Variable | null;
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type !== 'Variable' || def.parent.kind !== 'const' || !def.node.init) return false;
  let sawAs = false;
  for (let current = skipExpressionWrappers(def.node.init); current.type === AST_NODE_TYPES.CallExpression; ) {
    const callee = skipExpressionWrappers(current.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    const step = memberName(callee);
    if (step === 'as') sawAs = true;
    else if (step === 'limit') return sawAs;
    current = skipExpressionWrappers(callee.object);
  }
  return false;
}

/** `db.select({ total: count() })`, `sql<number>\`COALESCE(SUM(…), 0)\``: one row (or one per group), not a list. */
function selectsAggregate(select: TSESTree.CallExpression): boolean {
  const fields = select.arguments[0] && skipExpressionWrappers(select.arguments[0]);
  if (fields?.type !== AST_NODE_TYPES.ObjectExpression) return false;
  return fields.properties.some((property) => property.type === AST_NODE_TYPES.Property && isAggregateField(property.value, 0));
}

function isAggregateField(node: TSESTree.Node, depth: number): boolean {
  let value = skipExpressionWrappers(node);
  // `cond ? sql\`SUM(a)\` : sql\`SUM(b)\``: one row either way.
  if (value.type === AST_NODE_TYPES.ConditionalExpression) return depth < 4 && isAggregateField(value.consequent, depth + 1) && isAggregateField(value.alternate, depth + 1);
  // sql`…`.mapWith(Number), count().as('n')
  while (value.type === AST_NODE_TYPES.CallExpression && value.callee.type === AST_NODE_TYPES.MemberExpression && value.callee.object.type !== AST_NODE_TYPES.Identifier) {
    value = skipExpressionWrappers(value.callee.object);
  }
  if (value.type === AST_NODE_TYPES.CallExpression && value.callee.type === AST_NODE_TYPES.Identifier) return DRIZZLE_AGGREGATES.has(value.callee.name);
  if (value.type === AST_NODE_TYPES.TaggedTemplateExpression) return expressionAggregatesRows(value.quasi.quasis.map((quasi) => quasi.value.cooked ?? '').join(HOLE_MARKER));
  return false;
}

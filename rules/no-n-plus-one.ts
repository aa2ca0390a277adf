import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { isAwaitedWhereItStands } from '../src/analysis/awaited';
import { isAutoPipelinedCommand } from '../src/analysis/auto-pipelining';
import { FileCache } from '../src/analysis/per-file';
import { constInitializer, getTypeServices, memberName, skipExpressionWrappers } from '../src/analysis/library-origin';
import { clientRoot, getTransactions } from '../src/analysis/transactions';
import { getDbOperations, type DbLazyLoad, type DbLibrary, type DbOperation, type DbTemplateOperation } from '../src/analysis/db-operations';
import { payloadTargetOption } from '../src/analysis/db/payload';
import { DEFAULT_SUMMARY_DEPTH, getFunctionSummaries, type QueryEffect } from '../src/analysis/function-summaries';
import { collectionSize, describeExpression, getIterationCall, getPerElementScope, mayBePerElementAt, type PerElementScope } from '../src/analysis/per-element';
import { leadingKeyword } from '../src/analysis/sql/scanner';
import { chainSteps } from '../src/analysis/query-shape';
import { projectRepositoryType, repositoryGetterCall } from '../src/analysis/repositories';
import { textMentions } from '../src/analysis/text-facts';
import { getRequestPath, runsOnceOrElsewhere, QUIET_DATABASE_FILE_KINDS } from '../src/analysis/request-path';
import { createRule } from '../src/create-rule';
import { pushChildNodes } from '../src/ast/children';
import { contains, enclosingFunction, isFunction, runsInErrorHandler } from '../src/ast/code-shape';
import { AST_NODE_TYPES } from '../src/ast/node-types';
import { chainRoot, parentSkippingWrappers, PROMISE_COMBINATORS, stringHead, trailingName } from '../src/ast/expressions';
import { findVariable } from '@eslint-community/eslint-utils';
import { enclosingFieldResolver, readsOwnFieldFromParent, readsParent, type FieldResolver } from '../src/analysis/graphql-resolvers';

const LIBRARIES: readonly DbLibrary[] = [
  'prisma',
  'typeorm',
  'sequelize',
  'mongoose',
  'knex',
  'objection',
  'drizzle',
  'kysely',
  'mikro-orm',
  'pg',
  'pg-promise',
  'mysql2',
  'mongodb',
  'redis',
  'payload',
];

/** How each library reads, inserts, changes (updates or deletes) or counts many keys in one statement. */
interface BatchedForms {
  read: string;
  write: string;
  change: string;
  count: string;
  /** Reads in raw SQL, when the library's own read form does not apply to it. */
  rawRead?: string;
}

const GROUP_BY = 'count them in one grouped query (`GROUP BY`)';

const BATCHED_FORMS: Record<DbLibrary, BatchedForms> = {
  prisma: {
    read: 'fetch them in one query with `where: { id: { in: ids } }`',
    write: 'write them in one statement with `createMany`',
    change: 'change them in one statement with `updateMany`/`deleteMany` and `where: { id: { in: ids } }`, or send them together with `$transaction([...])`',
    count: 'count them in one `groupBy({ by: [...], _count: true })`',
    rawRead: 'fetch them in one query with `WHERE id IN (${Prisma.join(ids)})`',
  },
  typeorm: {
    read: 'fetch them in one query with `In(ids)`',
    write: 'write them in one call with `save(entities)` or `insert([...])`',
    change: 'change them in one statement with `update({ id: In(ids) }, ...)`/`delete({ id: In(ids) })`, or one `save(entities)`',
    count: GROUP_BY,
  },
  sequelize: {
    read: 'fetch them in one query with `where: { id: ids }`',
    write: 'write them in one statement with `bulkCreate`',
    change: 'change them in one statement with `update(..., { where: { id: ids } })`/`destroy({ where: { id: ids } })`, or `bulkCreate` with `updateOnDuplicate`',
    count: 'count them in one `count({ group: [...] })`',
  },
  mongoose: {
    read: 'fetch them in one query with `{ _id: { $in: ids } }`',
    write: 'write them in one call with `insertMany` or `bulkWrite`',
    change: 'change them in one call with `updateMany`/`deleteMany` and `{ _id: { $in: ids } }`, or `bulkWrite`',
    count: 'count them in one `aggregate` with `$group`',
  },
  mongodb: {
    read: 'fetch them in one query with `{ _id: { $in: ids } }`',
    write: 'write them in one call with `insertMany` or `bulkWrite`',
    change: 'change them in one call with `updateMany`/`deleteMany` and `{ _id: { $in: ids } }`, or `bulkWrite`',
    count: 'count them in one `aggregate` with `$group`',
  },
  knex: {
    read: "fetch them in one query with `whereIn('id', ids)`",
    rawRead: 'fetch them in one query with `WHERE id IN (?)` and an array binding',
    write: 'write them in one statement with `insert([...])`',
    change: "change them in one statement with `whereIn('id', ids).update(...)`/`.del()`",
    count: GROUP_BY,
  },
  objection: {
    read: "fetch them in one query with `findByIds(ids)` or `whereIn('id', ids)`",
    write: 'write them in one statement with `insert([...])`',
    change: "change them in one statement with `whereIn('id', ids).patch(...)`/`.delete()`",
    count: GROUP_BY,
  },
  drizzle: {
    read: 'fetch them in one query with `inArray(table.id, ids)`',
    write: 'write them in one statement with `insert(table).values([...])`',
    change: 'change them in one statement with `.where(inArray(table.id, ids))`',
    count: GROUP_BY,
  },
  kysely: {
    read: "fetch them in one query with `where('id', 'in', ids)`",
    write: 'write them in one statement with `insertInto(table).values([...])`',
    change: "change them in one statement with `where('id', 'in', ids)`",
    count: GROUP_BY,
  },
  'mikro-orm': {
    read: 'fetch them in one query with `{ id: { $in: ids } }`',
    write: 'persist them all and `flush()` once, or use `insertMany`',
    change: 'change the entities and `flush()` once, or use `nativeUpdate`/`nativeDelete` with `{ id: { $in: ids } }`',
    count: GROUP_BY,
  },
  pg: {
    read: 'fetch them in one query with `WHERE id = ANY($1)`',
    write: 'write them in one statement: a multi-row `INSERT … VALUES` or `unnest($1)`',
    change: 'change them in one statement with `WHERE id = ANY($1)`, or `UPDATE … FROM unnest(...)`',
    count: GROUP_BY,
  },
  'pg-promise': {
    read: 'fetch them in one query with `WHERE id IN ($1:csv)`',
    write: 'write them in one statement: a multi-row `INSERT` built with `pgp.helpers.insert(rows, columns)`',
    change: 'change them in one statement with `WHERE id IN ($1:csv)`, or `pgp.helpers.update(rows, columns)` with `WHERE v.id = t.id`',
    count: GROUP_BY,
  },
  mysql2: {
    read: 'fetch them in one query with `WHERE id IN (?)`',
    write: 'write them in one statement: a multi-row `INSERT … VALUES ?`',
    change: 'change them in one statement with `WHERE id IN (?)`',
    count: GROUP_BY,
  },
  redis: {
    read: 'fetch them in one round trip with `mget` or a pipeline',
    write: 'send them in one round trip with a pipeline (or `mset` for plain sets)',
    change: 'send them in one round trip with a pipeline (`del` takes many keys)',
    count: 'send them in one round trip with a pipeline',
  },
  payload: {
    read: "fetch them in one call with `find({ collection, where: { id: { in: ids } }, limit: ids.length })`",
    write: 'create them in one transaction (pass the same `req` to every call), a few at a time: the Local API creates one document per call',
    change: 'change them in one call with `update({ collection, where: { id: { in: ids } }, data })`/`delete({ collection, where: { id: { in: ids } } })`',
    count: 'read the grouping field of the matching documents in one `find` (`select`, `depth: 0`) and count them in one pass: the Local API has no grouped count',
  },
};

/** Methods whose batched form is their own, whatever the operation's kind. */
const METHOD_FORMS: Partial<Record<DbLibrary, Record<string, string>>> = {
  mongoose: {
    save: 'save them in one call with `Model.bulkSave(documents)`',
    populate: 'populate them all in one query with `Model.populate(documents, path)`',
  },
  sequelize: {
    save: 'write them in one statement with `bulkCreate` and `updateOnDuplicate`',
  },
  typeorm: {
    upsert: 'write them in one statement: `upsert(entities, conflictPaths)` takes a list',
  },
};

const REDIS_PIPELINED_READ = 'fetch them in one round trip with a pipeline';

/** Redis commands that take many members, fields or keys in one call (`sAdd(key, members)`, `hSet(key, fields)`). */
const REDIS_VARIADIC_COMMANDS = new Set(['sadd', 'srem', 'zadd', 'zrem', 'hset', 'hdel', 'lpush', 'rpush', 'del', 'unlink', 'pfadd', 'xack', 'smismember', 'hmget']);

/** The batched form a method has of its own: `METHOD_FORMS`, or a Redis command that takes many members. */
function ownBatchedForm(library: DbLibrary, method: string): string | undefined {
  const own = METHOD_FORMS[library]?.[method];
  if (own !== undefined) return own;
  if (library !== 'redis' || !REDIS_VARIADIC_COMMANDS.has(method.toLowerCase())) return undefined;
  return `send them in one round trip with a pipeline, or in one \`${method}\` call when they share a key: it takes many values`;
}

/**
 * How each library loads a relation for many rows at once, for relation loads made per row (Prisma's
 * fluent `findUnique(…).posts()`, Sequelize's `user.getPosts()`, TypeORM's lazy `await user.profile`).
 */
const RELATION_FORMS: Partial<Record<DbLibrary, (relation: string) => string>> = {
  prisma: (relation) =>
    `load \`${relation}\` with the parent query (\`include: { ${relation}: true }\`), or fetch all of them in one \`findMany\` with an \`in\` filter on the foreign key`,
  typeorm: (relation) => `load \`${relation}\` with the parent query (\`relations: ['${relation}']\` or \`leftJoinAndSelect\`), or fetch all of them in one query with \`In(ids)\``,
  sequelize: () => 'load the association with the parent query (`include` in its `findAll`), or fetch all of them in one query with `where: { foreignKey: ids }`',
  objection: (relation) => {
    const name = relation || 'relation';
    return `load \`${name}\` with the parent query (\`withGraphFetched('${name}')\`), or for all the rows at once with \`Model.fetchGraph(rows, '${name}')\` or \`Model.relatedQuery('${name}').for(ids)\``;
  },
};

/** Sequelize association writes per row: the accessors take arrays. */
const SEQUELIZE_ASSOCIATION_WRITE = 'pass them all to one call (`addTags(tags)`, `setTags(tags)`, `removeTags(tags)` take arrays), or `bulkCreate` rows of the join model';

/** Method names that change existing rows rather than insert new ones. */
const CHANGE_METHOD = /update|delete|destroy|remove|^del$|^hdel$|^srem$|increment|decrement|upsert|^replace|^patch/i;

/** Raw SQL: read or write from the statement's first word. */
const SQL_INSERT_VERBS = new Set(['INSERT', 'REPLACE', 'UPSERT']);
const SQL_CHANGE_VERBS = new Set(['UPDATE', 'DELETE', 'MERGE']);
const SQL_READ_VERBS = new Set(['SELECT', 'WITH', 'VALUES', 'TABLE']);

const MAX_OPERATION_TEXT = 48;

/** Prisma's dataloader folds `findUnique` calls issued in the same tick into one query. */
const PRISMA_DATALOADER_METHODS = new Set(['findUnique', 'findUniqueOrThrow']);

type Options = [{ ignoreLibraries?: DbLibrary[]; callDepth?: number; projectRepositories?: boolean }];
type MessageIds = 'perElement' | 'repeated' | 'perElementCall' | 'repeatedCall' | 'recursiveCall' | 'perParent' | 'perParentCall' | 'perElementRepositoryCall';

export default createRule<Options, MessageIds>({
  name: 'no-n-plus-one',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow database queries and writes that run once per element of a collection',
      guide: 'n-plus-one-queries',
      recommended: 'recommended',
    },
    schema: [
      {
        type: 'object',
        properties: {
          ignoreLibraries: {
            type: 'array',
            items: { type: 'string', enum: [...LIBRARIES] },
            uniqueItems: true,
            description: 'Database libraries whose operations this rule does not report.',
          },
          callDepth: {
            type: 'integer',
            minimum: 0,
            maximum: 8,
            description: 'How many calls deep to follow a function called per element to the query it runs (0: report only queries written in the loop).',
          },
          projectRepositories: {
            type: 'boolean',
            description: "Report calls of the project's repositories (a field, parameter or variable declared with a type of the project named `…Repository`) once per element, when the query behind them cannot be followed.",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ ignoreLibraries: [], callDepth: DEFAULT_SUMMARY_DEPTH, projectRepositories: true }],
    messages: {
      perElement: '{{operation}} runs once per element of `{{collection}}` — {{batched}}.',
      repeated:
        '{{operation}} runs once per element of `{{collection}}` with the same arguments every time — run it once before the loop and reuse the result.',
      perElementCall: '`{{call}}(…)` runs a database query once per element of `{{collection}}` ({{chain}}) — {{batched}}, and give the helper the whole list.',
      repeatedCall:
        '`{{call}}(…)` runs a database query once per element of `{{collection}}` with the same arguments every time ({{chain}}) — call it once before the loop and reuse the result.',
      perParent:
        '{{operation}} runs once per {{type}} in a response: GraphQL calls the field resolver {{field}} for every parent object, so a list of n costs n queries — collect the keys with a DataLoader made per request and {{batched}}.',
      perParentCall:
        '`{{call}}(…)` queries the database once per {{type}} in a response ({{chain}}): GraphQL calls the field resolver {{field}} for every parent object, so a list of n costs n queries — collect the keys with a DataLoader made per request and {{batched}}.',
      perElementRepositoryCall:
        '`{{call}}(…)` calls the repository `{{repository}}` once per element of `{{collection}}`: each call is at least one round trip to its database — give the repository a method that takes the whole list (one query with `IN (…)`) and call it once.',
      recursiveCall:
        '`{{call}}(…)` calls itself once per element of `{{collection}}` and queries the database each time ({{chain}}): a tree of n nodes costs n queries — load the rows of the whole tree in one query (a recursive CTE, or one query per level) and build it in memory.',
    },
  },
  create(context, [{ ignoreLibraries = [], callDepth = DEFAULT_SUMMARY_DEPTH, projectRepositories = true }]) {
    const db = getDbOperations(context);
    // Without types, helpers are followed only within the file: a file that can hold no database value has no N+1,
    // but for calls of the project's repositories (a type named `…Repository`).
    const mayHoldDbValues = db.mayFindOperations();
    if (!mayHoldDbValues && !(projectRepositories && textMentions(context.sourceCode, 'Repo'))) return {};
    // Tests, fixtures and seeds set up rows one by one on purpose, and migrations run once at a deploy: no request waits for
    // them. A file that can only call repositories asks when it finds one called per element.
    let testOrMigration: boolean | undefined;
    const isTestOrMigration = () => (testOrMigration ??= QUIET_DATABASE_FILE_KINDS.has(getRequestPath(context).fileKind));
    if (mayHoldDbValues && isTestOrMigration()) return {};
    const ignored = new Set<string>(ignoreLibraries);
    const services = getTypeServices(context)?.services;
    const summaries = callDepth > 0 ? getFunctionSummaries(context, callDepth) : undefined;

    /** A call of a project function, per element, that reaches a query: the N+1 is one or more calls away. */
    function checkHelperCall(call: TSESTree.CallExpression, scope: PerElementScope, effect: QueryEffect): void {
      if (ignored.has(effect.library)) return;
      if (scope.concurrent && isEffectBatchedPerTick(effect)) return;
      if (fetchesPageThroughCall(call, scope, context.sourceCode)) return;
      // A helper that changes the schema (`dropPartition(p, name)` running `DROP TABLE …`): no `IN (…)` joins them.
      if (effect.kind === 'raw' && effect.operationCall && changesSchema(effect.operationCall, context.sourceCode)) return;
      if (runsOnce(call)) return;
      const callText = describeExpression(call.callee, MAX_OPERATION_TEXT);
      if (isRecursion(call, effect)) {
        context.report({ node: call, messageId: 'recursiveCall', data: { call: callText, collection: scope.collectionText, chain: chainText(effect) } });
        return;
      }
      // A read whose call gets the same arguments for every element: one call before the loop does (Vendure's order payments).
      if (effectReads(effect) && !variesPerIteration(call, scope.node, context.sourceCode)) {
        if (!runsForOneKeyOnly(call, scope.node, context.sourceCode) && !isMemoisedPerLoop(call, scope.node, context.sourceCode)) {
          context.report({ node: call, messageId: 'repeatedCall', data: { call: callText, collection: scope.collectionText, chain: chainText(effect) } });
        }
        return;
      }
      context.report({
        node: call,
        messageId: 'perElementCall',
        data: { call: callText, collection: scope.collectionText, chain: chainText(effect), batched: batchedFormOfEffect(effect) },
      });
    }

    /**
     * A helper's query its library joins with the others started in the same tick: Prisma's dataloader batches
     * `findUnique` calls, and a Redis client that pipelines by itself sends the commands a helper sends before it
     * awaits anything.
     */
    function isEffectBatchedPerTick(effect: QueryEffect): boolean {
      if (effect.library === 'prisma') return PRISMA_DATALOADER_METHODS.has(effect.method);
      return effect.library === 'redis' && sendsAutoPipelinedCommandFirst(effect);
    }

    /** `async getJob(id) { return await redis.get(\`job:\${id}\`); }`: the command leaves in the caller's tick. */
    function sendsAutoPipelinedCommandFirst(effect: QueryEffect): boolean {
      const command = effect.operationCall;
      if (!command || effect.chain.length !== 1 || !isAutoPipelinedCommand(command, context)) return false;
      const helper = enclosingFunction(command);
      if (!helper || helper.body.type !== AST_NODE_TYPES.BlockStatement) return helper !== undefined;
      const opening = context.sourceCode.getFirstToken(helper.body);
      if (opening === null) return false;
      // The `await` of the command itself waits for the answer, after the command left.
      const ownAwaits = new Set<number>();
      for (let node: TSESTree.Node | undefined = command.parent; node && node !== helper; node = node.parent) if (node.type === AST_NODE_TYPES.AwaitExpression) ownAwaits.add(node.range[0]);
      return !context.sourceCode.getTokensBetween(opening, command).some((token) => token.value === 'await' && token.type !== 'String' && token.type !== 'Template' && !ownAwaits.has(token.range[0]));
    }

    /** Startup code (seeding default roles in `onModuleInit`), a cache filled once, a development-only branch: asked last, just before a report. */
    function runsOnce(node: TSESTree.Node): boolean {
      return runsOnceOrElsewhere(node, getRequestPath(context).classify(node));
    }

    function check(operation: QueryOperation | undefined): void {
      if (!operation || ignored.has(operation.library)) return;
      // Batched by a key list is one query per element still when each element brings its own list.
      if (operation.isBatched && operation.keyLists.length === 0) return;
      const scope = getPerElementScope(operation.node, { services });
      if (!scope || inTransactionOpenedPerElement(operation.node, scope)) return;
      if (operation.isBatched && (operation.kind !== 'read' || isGroupedCollection(scope.collection, context.sourceCode) || !listsKeysPerElement(operation, scope, context.sourceCode))) return;
      if (
        isBatchedByLibrary(operation, scope, context) ||
        (!isRowRelationLoad(operation) && selectsTargetPerElement(operation, scope, context.sourceCode)) ||
        runsEachStatement(operation, scope, context.sourceCode) ||
        fetchesPagePerIteration(operation, scope, context.sourceCode)
      ) {
        return;
      }
      // TypeORM keeps a lazy relation once loaded: the same entity's relation read again is no new query.
      if (operation.node.type === 'MemberExpression' && !variesPerIteration(operation.node, scope.node, context.sourceCode)) return;
      // Only for the elements that failed (a `catch` block or `.catch(…)` in the loop: Inbox Zero marks a job FAILED):
      // batching it would mean collecting the failures for a write after the loop, which a failure path rarely needs.
      if (runsInErrorHandler(operation.node, scope.node)) return;
      const name = describeOperation(operation);
      if (isReadLike(operation) && !variesPerIteration(operation.node, scope.node, context.sourceCode)) {
        // Only for the element with one key (`if (workspace.id === ACME_ID)`): it runs once, not once per element.
        const memoised = operation.node.type === AST_NODE_TYPES.CallExpression && isMemoisedPerLoop(operation.node, scope.node, context.sourceCode);
        if (!runsForOneKeyOnly(operation.node, scope.node, context.sourceCode) && !runsOnce(operation.node) && !memoised) {
          context.report({ node: operation.node, messageId: 'repeated', data: { operation: name, collection: scope.collectionText } });
        }
        return;
      }
      // Only for the element with one key (`if (store.id === storeId) await repo.save(store)`): at most once per loop.
      if (runsForOneKeyOnly(operation.node, scope.node, context.sourceCode) || runsOnce(operation.node)) return;
      if (chainsOnPreviousResult(operation.node, context.sourceCode)) return;
      context.report({
        node: operation.node,
        messageId: 'perElement',
        data: { operation: name, collection: scope.collectionText, batched: perElementForm(operation, scope.node) },
      });
    }

    /**
     * The batched form for a statement sent per element. Prisma's forms send a batch with `$transaction([...])`, which
     * the client of an interactive transaction (`prisma.$transaction(async (tx) => …)`) does not have: through `tx`,
     * only the single-statement forms apply. An `upsert` has no batched form of its own.
     */
    function perElementForm(operation: QueryOperation, loop: TSESTree.Node): string {
      if (operation.library === 'prisma') {
        const root = operation.head.type === AST_NODE_TYPES.CallExpression ? clientRoot(operation.head) : undefined;
        const inTransaction = root?.type === AST_NODE_TYPES.Identifier && getTransactions(context).handleOf(root)?.library === 'prisma';
        const forms = inTransaction ? PRISMA_INTERACTIVE_TRANSACTION_FORMS : PRISMA_FORMS;
        if (operation.method === 'upsert') return forms.upsert;
        if (updatesPerRowValues(operation, loop, context.sourceCode)) return forms.perRowUpdate;
        if (inTransaction && operation.kind === 'write' && !operation.relation) {
          if (CHANGE_METHOD.test(operation.method) || changesRows(operation.node)) return PRISMA_TRANSACTION_CHANGE;
          if (createsNestedRows(operation.head)) return PRISMA_TRANSACTION_NESTED_WRITE;
        }
        return withElementKey(batchedForm(operation), operation, loop, context.sourceCode);
      }
      const perRow = updatesPerRowValues(operation, loop, context.sourceCode) ? PER_ROW_UPDATE_FORMS[operation.library] : undefined;
      return perRow ?? withElementKey(batchedForm(operation), operation, loop, context.sourceCode);
    }

    /**
     * The operation runs in the callback of a transaction the loop opens once per element: that transaction is reported
     * ("open one transaction around the whole loop"), and its statements go with it in one report.
     */
    function inTransactionOpenedPerElement(node: TSESTree.Node, scope: PerElementScope): boolean {
      for (let current = node.parent; current && current !== scope.node; current = current.parent) {
        const opener = current.parent;
        if (!isFunction(current) || opener?.type !== AST_NODE_TYPES.CallExpression || !opener.arguments.includes(current as TSESTree.CallExpressionArgument)) continue;
        if (db.mightBeOperation(opener) && db.classify(opener)?.kind === 'transaction') return true;
      }
      return false;
    }

    /**
     * A query in a GraphQL field resolver, or a call of a helper that queries: it runs once per parent object of the
     * response. Only where the query depends on the parent (a resolver that ignores it is a namespace's field), and
     * only where the resolver does not first take the field from the parent (`parent.posts ?? …`: loaded with it).
     */
    /** A method of a project's repository (`this.itemRepository.findByUuid(uuid)`), whose query is out of sight, per element. */
    function checkRepositoryCall(call: TSESTree.CallExpression): void {
      const repository = projectRepositoryType(call, context.sourceCode);
      if (!repository) return;
      const scope = services ? getPerElementScope(call, { services }) : getPerElementScope(call);
      if (!scope || runsOnce(call) || fetchesPageThroughCall(call, scope, context.sourceCode)) return;
      // Its promise waited for where it stands, or the callbacks' promises joined (`Promise.all(ids.map(…))`): a method
      // merely returned from a callback may be a mapper's (`uuids.map((u) => repo.toEntity(u))`).
      if (parentSkippingWrappers(call).parent?.type !== AST_NODE_TYPES.AwaitExpression && !scope.concurrent) return;
      if (isTestOrMigration()) return;
      // The same call every time, or one that runs for a single key only: not one per element.
      if (!variesPerIteration(call, scope.node, context.sourceCode) || runsForOneKeyOnly(call, scope.node, context.sourceCode)) return;
      // A repository asked for by a name each element gives (`db.getRepository(collectionName)`): the element picks the table.
      const getter = repositoryGetterCall(call, context.sourceCode);
      if (getter && contains(scope.node, getter) && getter.arguments.some((argument) => variesPerIteration(argument, scope.node, context.sourceCode))) return;
      context.report({
        node: call,
        messageId: 'perElementRepositoryCall',
        data: { call: describeExpression(call.callee, MAX_OPERATION_TEXT), repository, collection: scope.collectionText },
      });
    }

    function checkInFieldResolver(call: TSESTree.CallExpression, known?: DbOperation, knownEffect?: QueryEffect): void {
      const resolver = enclosingFieldResolver(call, context);
      if (!resolver) return;
      const operation = known ?? (knownEffect || !db.mightBeOperation(call) ? undefined : db.classify(call));
      if (operation) {
        checkResolverOperation(fromCall(operation), resolver);
        return;
      }
      if (!summaries || !isAwaitedWhereItStands(call) || !readsParent(call, resolver, context.sourceCode)) return;
      const effect = knownEffect ?? summaries.queryBehind(call);
      if (!effect || ignored.has(effect.library) || readsOwnFieldFromParent(resolver, context.sourceCode)) return;
      // The resolvers of one list run in the same tick.
      if (isEffectBatchedPerTick(effect) || runsOnce(call)) return;
      const { type, field } = resolverData(resolver);
      context.report({
        node: call,
        messageId: 'perParentCall',
        data: { call: describeExpression(call.callee, MAX_OPERATION_TEXT), type, field, chain: chainText(effect), batched: batchedFormOfEffect(effect) },
      });
    }

    function checkResolverOperation(operation: QueryOperation | undefined, resolver: FieldResolver): void {
      if (!operation || ignored.has(operation.library) || !readsParent(operation.node, resolver, context.sourceCode)) return;
      // The resolvers of one list run in the same tick: what batches a tick's calls (`findUnique`, also fluent) batches them.
      if (isBatchedPerTick(operation, context)) return;
      if (readsOwnFieldFromParent(resolver, context.sourceCode) || runsOnce(operation.node)) return;
      const { type, field } = resolverData(resolver);
      context.report({
        node: operation.node,
        messageId: 'perParent',
        data: { operation: describeOperation(operation), type, field, batched: batchedForm(operation) },
      });
    }

    // Cheapest first: a walk up to the enclosing function for a loop or an iteration callback (most calls are
    // in neither), a method-name check, the AST walk, then the full classification. Types can only remove
    // scopes. (A walk per call costs less than listeners on every loop and function entry and exit.)
    return {
      CallExpression(call) {
        if (!mayBePerElementAt(call) || (services && !getPerElementScope(call))) {
          checkInFieldResolver(call);
          return;
        }
        // With types, classifying a call asks the checker: the scope from code shape first (types only remove scopes).
        const operation = db.mightBeOperation(call) ? db.classify(call) : undefined;
        if (operation) {
          if (getPerElementScope(call)) check(fromCall(operation));
          else checkInFieldResolver(call, operation);
          return;
        }
        // A helper's query adds a round trip per element only where the loop waits for the helper.
        if (!isAwaitedWhereItStands(call)) return;
        // Cheapest first. Without types, the summary rejects most callees at once (no function of this file).
        // With types, resolving the callee is costly: the scope as types see it (the collection's type) is
        // asked only for a helper that queries.
        const effect = summaries?.queryBehind(call);
        if (!effect) {
          if (projectRepositories) checkRepositoryCall(call);
          return;
        }
        const scope = services ? getPerElementScope(call, { services }) : getPerElementScope(call);
        if (scope) checkHelperCall(call, scope, effect);
        else checkInFieldResolver(call, undefined, effect);
      },
      TaggedTemplateExpression(template) {
        if (!mayBePerElementAt(template) || !getPerElementScope(template)) {
          const resolver = enclosingFieldResolver(template, context);
          if (resolver) checkResolverOperation(fromTemplate(db.classifyTaggedTemplate(template)), resolver);
          return;
        }
        check(fromTemplate(db.classifyTaggedTemplate(template)));
      },
      // TypeORM lazy relations load when read: `await user.profile`, `users.map((u) => u.profile)`.
      // Awaited calls (most awaits) are the CallExpression listener's: only awaited property reads may load a relation.
      'AwaitExpression[argument.type!="CallExpression"]'(node: TSESTree.AwaitExpression) {
        if (!mayBePerElementAt(node)) return;
        const argument = unwrap(node.argument);
        const load = argument.type === 'MemberExpression' ? db.classifyLazyLoad(argument) : undefined;
        if (load && getPerElementScope(argument)) check(fromLazyLoad(load));
      },
      'ArrowFunctionExpression > MemberExpression.body'(member: TSESTree.MemberExpression) {
        if (!mayBePerElementAt(member)) return;
        const load = db.classifyLazyLoad(member);
        if (load && getPerElementScope(member)) check(fromLazyLoad(load));
      },
    };
  },
});

/** `forUser → findOrders → prisma.order.findMany (orders.repository.ts:42)` */
function chainText(effect: QueryEffect): string {
  return `${[...effect.chain, effect.text].join(' → ')} (${effect.location})`;
}

/** The called function is the one the call is written in: recursion over a tree. */
function isRecursion(call: TSESTree.CallExpression, effect: QueryEffect): boolean {
  for (let node: TSESTree.Node | undefined = call.parent; node; node = node.parent) {
    if (node === effect.declaration) return true;
  }
  return false;
}

/** The query behind a call reads (by kind when known, else by the method's name). */
function effectReads(effect: QueryEffect): boolean {
  if (effect.kind !== undefined) return effect.kind === 'read' || effect.kind === 'count';
  return !WRITE_METHOD.test(effect.method) && effect.library !== 'redis';
}

/** The batched form for a query found behind a call: by kind when known, else by the method's name. */
function batchedFormOfEffect(effect: QueryEffect): string {
  const own = ownBatchedForm(effect.library, effect.method);
  if (own !== undefined) return own;
  const forms = BATCHED_FORMS[effect.library];
  if (effect.kind === 'count') return forms.count;
  if (effect.kind === 'write' || (effect.kind === undefined && WRITE_METHOD.test(effect.method))) {
    return CHANGE_METHOD.test(effect.method) || CHANGE_METHOD.test(effect.lastStep ?? '') ? forms.change : forms.write;
  }
  return forms.read;
}

/** Method names that write, for queries found in other files (the database analysis of this file has not seen them). */
const WRITE_METHOD = /^(create|insert|save|update|upsert|delete|destroy|remove|persist|set|del|add|bulk|increment|decrement)/i;

/** A helper called with a page window that moves per iteration (`list({ skip: page * 100 })`, `listPage(cursor)` with `cursor` reassigned): pagination. */
function fetchesPageThroughCall(call: TSESTree.CallExpression, scope: PerElementScope, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  return fetchesPagePerIteration({ library: 'prisma', kind: 'read', method: '', node: call, head: call, isBatched: false, keyLists: [] }, scope, sourceCode);
}

/** A database call, a raw tagged template (`prisma.$queryRaw\`…\``) or a lazy relation read (`user.profile`), as this rule needs it. */
interface QueryOperation {
  library: DbLibrary;
  kind: DbOperation['kind'];
  method: string;
  /** The call, tagged template or property read that sends the query: where the report goes. */
  node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression | TSESTree.MemberExpression;
  /** The call or template that names the operation, at the head of a chain. */
  head: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression | TSESTree.MemberExpression;
  isBatched: boolean;
  /** The key lists of its IN filters (`{ id: { in: ids } }` → `ids`): see DbOperation. */
  keyLists: readonly TSESTree.Node[];
  /** The relation a relation load reads or changes (`posts`, `profile`). */
  relation?: string;
}

function fromCall(operation: DbOperation | undefined): QueryOperation | undefined {
  return operation && { ...operation, head: operation.operationCall };
}

function fromTemplate(operation: DbTemplateOperation | undefined): QueryOperation | undefined {
  return operation && { ...operation, head: operation.node, keyLists: [] };
}

function fromLazyLoad(load: DbLazyLoad | undefined): QueryOperation | undefined {
  return load && { library: load.library, kind: load.kind, method: load.relation, node: load.node, head: load.node, isBatched: false, keyLists: [], relation: load.relation };
}

/** A relation load on a row (`user.getPosts()`, `user.profile`): the element picks the row, not a table. Prisma's fluent calls start at the client and keep the check. */
function isRowRelationLoad(operation: QueryOperation): boolean {
  return operation.relation !== undefined && operation.library !== 'prisma';
}

function unwrap(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (current.type === 'ChainExpression' || current.type === 'TSNonNullExpression' || current.type === 'TSAsExpression') current = current.expression;
  return current;
}

/**
 * Per-element code the library itself batches: Prisma `findUnique` calls started together (its dataloader
 * sends one query), and operations built for `prisma.$transaction([...])`, which Prisma sends as one batch:
 * `$transaction(items.map(...))`, or an array the loop fills and the function then hands to `$transaction`
 * (`ops.push(prisma.x.update(…))`, `const ops = [...items.map(…)]`). Prisma's operations do nothing until awaited
 * or batched, so collecting them sends nothing. And commands started together on an auto-pipelining Redis client (Upstash's).
 */
function isBatchedByLibrary(operation: QueryOperation, scope: PerElementScope, context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): boolean {
  if (scope.concurrent && isBatchedPerTick(operation, context)) return true;
  if (operation.library !== 'prisma') return false;
  const { sourceCode } = context;
  if (scope.kind === 'callback' && isPassedToTransaction(scope.node, sourceCode)) return true;
  return isPushedForTransaction(operation.node, scope.node, sourceCode);
}

/** Joined by its library with the others started in the same tick: Prisma's `findUnique` (its dataloader), a command of an auto-pipelining Redis client (Upstash's). */
function isBatchedPerTick(operation: QueryOperation, context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): boolean {
  if (operation.library === 'prisma') return PRISMA_DATALOADER_METHODS.has(operation.method);
  return operation.library === 'redis' && operation.node.type === 'CallExpression' && isAutoPipelinedCommand(operation.node, context);
}

function isPassedToTransaction(iteration: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  let node = iteration;
  while (node.parent?.type === 'SpreadElement' || node.parent?.type === 'ArrayExpression') node = node.parent;
  const parent = node.parent;
  if (parent?.type === 'CallExpression' && parent.arguments[0] === node && lastStepName(parent) === '$transaction') return true;
  // `const ops = [first, ...items.map(…)]`, `ops.push(...items.map(…))`, later `$transaction(ops)`.
  if (parent?.type === 'VariableDeclarator' && parent.init === node && parent.id.type === 'Identifier') return isSentByTransaction(parent.id, iteration, sourceCode);
  return node !== iteration && isPushedForTransaction(node, iteration, sourceCode);
}

/**
 * `ops.push(prisma.x.update(…))` (the operation itself, not awaited) or `ops.push(...items.map(…))`, with `ops` later
 * given to `$transaction`. The operation may be held in a `const` first, and the array may be a property of a
 * `reduce` accumulator (`acc.updates.push(update)`, later `$transaction(result.updates)`: Amplication's plugin
 * catalog): Prisma sends nothing until the operation is awaited.
 */
function isPushedForTransaction(operation: TSESTree.Node, perElement: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const targets = pushTargetsOf(operation, sourceCode);
  return targets !== undefined && targets.length > 0 && targets.every((target) => (target.type === 'Identifier' ? isSentByTransaction(target, perElement, sourceCode) : isPropertySentByTransaction(target, perElement, sourceCode)));
}

/** Where `operation` is pushed: directly, or through a `const` whose every use is a push. Undefined when it is used otherwise. */
function pushTargetsOf(operation: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): PushTarget[] | undefined {
  const direct = pushTarget(operation.parent, operation);
  if (direct) return [direct];
  const holder = operation.parent;
  if (holder?.type !== 'VariableDeclarator' || holder.init !== operation || holder.id.type !== 'Identifier' || holder.parent.kind !== 'const') return undefined;
  const [variable] = sourceCode.getDeclaredVariables(holder);
  const targets: PushTarget[] = [];
  for (const reference of variable?.references ?? []) {
    if (reference.init) continue;
    const target = pushTarget(reference.identifier.parent, reference.identifier);
    if (!target) return undefined;
    targets.push(target);
  }
  return targets;
}

type PushTarget = TSESTree.Identifier | (TSESTree.MemberExpression & { property: TSESTree.Identifier });

/** The array `call` pushes `argument` onto: `ops.push(argument)`, `ops.push(...argument)`, `acc.ops.push(argument)`. */
function pushTarget(call: TSESTree.Node | undefined, argument: TSESTree.Node): PushTarget | undefined {
  if (call?.type !== 'CallExpression' || !call.arguments.includes(argument as TSESTree.CallExpressionArgument)) return undefined;
  const callee = call.callee;
  if (callee.type !== 'MemberExpression' || (memberName(callee) !== 'push' && memberName(callee) !== 'unshift')) return undefined;
  const array = callee.object;
  if (array.type === 'Identifier') return array;
  return array.type === 'MemberExpression' && !array.computed && array.property.type === 'Identifier' ? (array as PushTarget) : undefined;
}

/**
 * `acc.updates`, filled per element, reaches `$transaction(x.updates)` after the iteration, in the same function: the
 * property's name ties them (the accumulator is the reduce's result by then).
 */
function isPropertySentByTransaction(target: TSESTree.MemberExpression & { property: TSESTree.Identifier }, perElement: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  let outer: TSESTree.Node | undefined = perElement.parent;
  while (outer && !isFunction(outer) && outer.type !== 'Program') outer = outer.parent;
  if (!outer) return false;
  const name = target.property.name;
  const pending: TSESTree.Node[] = [outer.type === 'Program' ? outer : outer.body];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.type === 'CallExpression' && lastStepName(node) === '$transaction' && node.range[0] >= perElement.range[1]) {
      const [argument] = node.arguments;
      if (argument?.type === 'MemberExpression' && !argument.computed && argument.property.type === 'Identifier' && argument.property.name === name) return true;
    }
    if (node !== outer && isFunction(node)) continue;
    pushChildNodes(node, sourceCode.visitorKeys, pending);
  }
  return false;
}

/**
 * The array is handed whole to `….$transaction(ops)` (or spread into its list) after the per-element code, not once per
 * element inside it, and never awaited as separate queries.
 */
function isSentByTransaction(array: TSESTree.Identifier, perElement: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, hops = 0): boolean {
  const variable = findVariable(sourceCode.getScope(array) as never, array as never) as TSESLint.Scope.Variable | null;
  if (!variable) return false;
  let sent = false;
  for (const reference of variable.references) {
    let node = reference.identifier as TSESTree.Node;
    // `$transaction([...ops, last])`
    if (node.parent?.type === 'SpreadElement' && node.parent.parent?.type === 'ArrayExpression') node = node.parent.parent;
    // `const operations = [create(…), ...ops]; await prisma.$transaction(operations)` (Refly's credit service).
    const holder = node.parent;
    if (node !== reference.identifier && holder?.type === 'VariableDeclarator' && holder.init === node && holder.id.type === 'Identifier' && hops < 2) {
      sent ||= isSentByTransaction(holder.id, perElement, sourceCode, hops + 1);
      continue;
    }
    const call = node.parent;
    if (call?.type !== 'CallExpression' || call.arguments[0] !== node) continue;
    const step = lastStepName(call);
    if (step === '$transaction') sent ||= !contains(perElement, call);
    else if (step !== undefined && PROMISE_COMBINATORS.has(step)) return false;
  }
  return sent;
}

/** Calls that pick the table, collection, model or database a chain works on. */
const TARGET_SELECTORS = new Set([
  'from',
  'table',
  'into',
  'withSchema',
  'collection',
  'db',
  'useDb',
  'model',
  'getRepository',
  'getMongoRepository',
  'getTreeRepository',
  'selectFrom',
  'insertInto',
  'updateTable',
  'deleteFrom',
]);

/**
 * The element picks *where* the operation goes, not which keys: `knex(table).del()`, `db.collection(name)
 * .countDocuments()`, `prisma[model].deleteMany()` per table, collection or tenant. No single statement
 * spans those targets, so there is no batched form to suggest.
 */
function selectsTargetPerElement(operation: QueryOperation, scope: PerElementScope, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const varies = (node: TSESTree.Node | undefined) => node !== undefined && variesPerIteration(node, scope.node, sourceCode);
  // Payload names the collection in its options: `find({ collection: slug })` per slug queries a table each time.
  if (operation.library === 'payload' && operation.head.type === 'CallExpression' && varies(payloadTargetOption(operation.head))) return true;
  let node: TSESTree.Node = operation.node.type === 'CallExpression' ? operation.node.callee : operation.node.type === 'TaggedTemplateExpression' ? operation.node.tag : operation.node;
  for (let depth = 0; depth < 50; depth++) {
    if (node.type === 'ChainExpression' || node.type === 'TSNonNullExpression' || node.type === 'TSAsExpression') {
      node = node.expression;
    } else if (node.type === 'MemberExpression') {
      if (node.computed && varies(node.property)) return true;
      node = node.object;
    } else if (node.type === 'CallExpression') {
      const callee: TSESTree.Expression = node.callee;
      const selector =
        callee.type === 'Identifier' ||
        (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && TARGET_SELECTORS.has(callee.property.name));
      if (selector && varies(node.arguments[0]) && !isDerivedTable(node.arguments[0], sourceCode)) return true;
      node = callee;
    } else {
      return false;
    }
  }
  return false;
}

/**
 * A subquery given a name to select from (`selectFrom(recent)` with `recent = db.selectFrom('like')…as('recent')`,
 * Knex's `from(sub.as('t'))`): built per element, it is the same query each time with other keys, not another table
 * (AT Protocol's known likers, one query per subject).
 */
function isDerivedTable(argument: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  let node = skipExpressionWrappers(argument);
  if (node.type === 'Identifier') node = skipExpressionWrappers(constInitializer(node, sourceCode.getScope(node)) ?? node);
  return node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && memberName(node.callee) === 'as';
}

/** Libraries whose raw calls take a whole SQL statement first: Redis commands and MongoDB `command` documents are no SQL text. */
const SQL_TEXT_LIBRARIES = new Set<DbLibrary>(['prisma', 'typeorm', 'sequelize', 'knex', 'drizzle', 'kysely', 'mikro-orm', 'pg', 'pg-promise', 'mysql2']);

/**
 * Each element is a statement, not a key: `for (const sql of sqlList) await prisma.$executeRawUnsafe(sql)` runs a
 * list of different statements (a schema's DDL, the `ALTER`s a provider returns), one per element, and no
 * `IN (…)` form joins them. Like a loop whose element picks the table, there is nothing to batch. Unless the
 * function visibly builds that list one statement per data row (`records.map((r) => knex(t).update(o).where('id',
 * r.id).toQuery())`, or `sqls.push(…)` of a built statement in a loop over rows): that is a per-row query split in
 * two loops, and stays reported.
 */
function runsEachStatement(operation: QueryOperation, scope: PerElementScope, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (operation.kind !== 'raw' || !SQL_TEXT_LIBRARIES.has(operation.library) || operation.head.type !== 'CallExpression') return false;
  const text = sqlTextArgument(operation.head);
  if (!text) return false;
  // Schema changes (`ALTER TABLE … ADD …` per new field, Knex's `schema.alterTable(…)`): no `IN (…)` joins them either.
  if (isSchemaStatement(text, sourceCode, 0)) return true;
  const statement = statementOfEntry(unwrap(text));
  if (!isIterationElement(statement, scope, sourceCode, 0)) return false;
  return scope.collection === undefined || !isBuiltPerRow(scope.collection, sourceCode);
}

/** A raw query whose SQL text changes the schema. */
function changesSchema(call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const text = sqlTextArgument(call);
  return text !== undefined && isSchemaStatement(text, sourceCode, 0);
}

/** `entry.sql` of Knex's `toSQL()` entries (`{ sql, bindings }`), `entry.text` of pg's: the entry is the statement. */
function statementOfEntry(node: TSESTree.Node): TSESTree.Node {
  if (node.type !== 'MemberExpression' || node.computed) return node;
  const name = memberName(node);
  return name === 'sql' || name === 'text' ? unwrap(node.object) : node;
}

const SCHEMA_VERBS = new Set(['CREATE', 'ALTER', 'DROP', 'TRUNCATE', 'GRANT', 'REVOKE', 'COMMENT', 'RENAME']);

/**
 * SQL that changes the schema: text whose first keyword is `CREATE`, `ALTER`, `DROP`, …, or what a Knex schema builder
 * makes (`this.knex.schema.alterTable(…).toQuery()`), directly or through a `const`.
 */
function isSchemaStatement(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, depth: number): boolean {
  const current = unwrap(node);
  const head = stringHead(current);
  if (head !== undefined) {
    const verb = leadingKeyword(head);
    return verb !== undefined && SCHEMA_VERBS.has(verb);
  }
  if (current.type === 'CallExpression') return isKnexSchemaChain(current);
  if (current.type !== 'Identifier' || depth >= 2) return false;
  const variable = referenceIndex(sourceCode).references.get(current)?.resolved;
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type !== 'Variable' || def.parent.kind !== 'const' || !def.node.init) return false;
  return isSchemaStatement(def.node.init, sourceCode, depth + 1);
}

/** `knex.schema.createTable(…)…toQuery()`: a chain through a `schema` member. */
function isKnexSchemaChain(call: TSESTree.CallExpression): boolean {
  let current: TSESTree.Node = call;
  for (let steps = 0; steps < 16; steps++) {
    current = unwrap(current);
    if (current.type === 'CallExpression') current = current.callee;
    else if (current.type === 'MemberExpression') {
      if (!current.computed && memberName(current) === 'schema') return true;
      current = current.object;
    } else return false;
  }
  return false;
}

/** The argument a raw call takes its whole SQL text from: the first, or the `text`/`sql` of a `{ text, values }` object (pg). */
function sqlTextArgument(call: TSESTree.CallExpression): TSESTree.Node | undefined {
  const first = call.arguments[0];
  if (!first || first.type === 'SpreadElement') return undefined;
  const argument = unwrap(first);
  if (argument.type !== 'ObjectExpression') return argument;
  for (const property of argument.properties) {
    if (property.type === 'Property' && (memberKeyName(property) === 'text' || memberKeyName(property) === 'sql')) return property.value;
  }
  return undefined;
}

/**
 * `node` is the element the iteration is at: the loop variable of `for (const sql of list)` (or what its head
 * destructures), a callback's first parameter, `list[i]` in an index walk, `queue.shift()` in a consuming loop, or
 * a `const` declared in the iteration and bound to one of those.
 */
function isIterationElement(node: TSESTree.Node, scope: PerElementScope, sourceCode: Readonly<TSESLint.SourceCode>, depth: number): boolean {
  const current = unwrap(node);
  const collection = scope.collection && unwrap(scope.collection);
  const isCollection = (candidate: TSESTree.Node) => collection !== undefined && sourceCode.getText(unwrap(candidate)) === sourceCode.getText(collection);
  if (current.type === 'MemberExpression') {
    return scope.kind !== 'for-of' && scope.kind !== 'callback' && current.computed && isCollection(current.object) && variesPerIteration(current.property, scope.node, sourceCode);
  }
  if (current.type === 'CallExpression') {
    const callee = unwrap(current.callee);
    const taken = callee.type === 'MemberExpression' ? memberName(callee) : undefined;
    return (scope.kind === 'while' || scope.kind === 'do-while') && current.arguments.length === 0 && (taken === 'shift' || taken === 'pop') && callee.type === 'MemberExpression' && isCollection(callee.object);
  }
  if (current.type !== 'Identifier') return false;
  const variable = referenceIndex(sourceCode).references.get(current)?.resolved;
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!def) return false;
  if (scope.kind === 'for-of' && scope.node.type === 'ForOfStatement' && contains(scope.node.left, def.name)) return true;
  const element = scope.callback?.params[0];
  if (scope.kind === 'callback' && element !== undefined && contains(element, def.name)) return true;
  if (def.type !== 'Variable' || def.parent.kind !== 'const' || !def.node.init || !contains(scope.node, def.node) || depth >= 3) return false;
  return isIterationElement(def.node.init, scope, sourceCode, depth + 1);
}

/** Array steps that keep the statements a list holds: `.filter(Boolean)` after a `.map`. */
const KEEPS_ELEMENTS = new Set(['filter', 'slice', 'concat', 'flat', 'sort', 'reverse', 'toSorted', 'toReversed']);

/**
 * The iterated list is made one statement per data row where the code shows it: `rows.map((r) => …toQuery())`
 * (through `.filter(…)`), directly or as what a variable is set to, or a variable filled by `.push(…)` of a built
 * statement in a loop over data. A list taken from elsewhere (a provider's `createSchema(id)`, a parameter) is
 * a list of statements.
 */
function isBuiltPerRow(collection: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const list = unwrap(collection);
  if (isMappedPerRow(list, sourceCode)) return true;
  if (list.type !== 'Identifier') return false;
  const index = referenceIndex(sourceCode);
  const variable = index.references.get(list)?.resolved;
  if (!variable || variable.defs.length !== 1 || variable.defs[0].type !== 'Variable') return false;
  if (index.writesOf(variable).some((write) => write.writeExpr !== null && write.writeExpr !== undefined && isMappedPerRow(write.writeExpr, sourceCode))) return true;
  return variable.references.some((reference) => isPushedPerRow(reference.identifier, sourceCode));
}

/** `rows.map((row) => <a statement built from it>)`, maybe followed by `.filter(…)`; not over a fixed list or chunks, nor picking statements out of elements (`toSQL().map((q) => q.sql)`). */
function isMappedPerRow(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  let current = unwrap(node);
  for (let depth = 0; depth < 5 && current.type === 'CallExpression'; depth++) {
    const iteration = getIterationCall(current);
    if (iteration && (iteration.method === 'map' || iteration.method === 'flatMap' || iteration.method === 'from')) {
      return collectionSize(iteration.collection) === undefined && buildsPerElement(iteration.callback, sourceCode);
    }
    const callee = unwrap(current.callee);
    if (callee.type !== 'MemberExpression' || !KEEPS_ELEMENTS.has(memberName(callee) ?? '')) return false;
    current = unwrap(callee.object);
  }
  return false;
}

/** A mapping callback that makes something of each element: a function it names, or an inline one returning a call, template or other built value. */
function buildsPerElement(callback: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (!isFunction(callback)) return true;
  if (callback.body.type !== 'BlockStatement') return isBuiltValue(callback.body);
  const pending: TSESTree.Node[] = [callback.body];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.type === 'ReturnStatement') {
      if (node.argument && isBuiltValue(node.argument)) return true;
    } else if (!isFunction(node)) {
      pushChildNodes(node, sourceCode.visitorKeys, pending);
    }
  }
  return false;
}

/** A value computed here (a call, a template, a concatenation), not one picked out of something (`item.sql`, `sql`, a literal). */
function isBuiltValue(node: TSESTree.Node): boolean {
  const current = unwrap(node);
  switch (current.type) {
    case 'CallExpression':
    case 'NewExpression':
    case 'TemplateLiteral':
    case 'TaggedTemplateExpression':
    case 'BinaryExpression':
      return true;
    case 'AwaitExpression':
      return isBuiltValue(current.argument);
    case 'ConditionalExpression':
      return isBuiltValue(current.consequent) || isBuiltValue(current.alternate);
    case 'LogicalExpression':
      return isBuiltValue(current.left) || isBuiltValue(current.right);
    case 'ArrayExpression':
      return current.elements.some((element) => element !== null && (element.type === 'SpreadElement' ? isBuiltValue(element.argument) : isBuiltValue(element)));
    default:
      return false;
  }
}

/** `list.push(...rows.map(build))`, or `list.push(<built statement>)` (also `unshift`) run per element of a loop over data. */
function isPushedPerRow(identifier: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const { child, parent: member } = parentSkippingWrappers(identifier);
  if (member?.type !== 'MemberExpression' || member.object !== child) return false;
  const method = memberName(member);
  const { child: callee, parent: call } = parentSkippingWrappers(member);
  if ((method !== 'push' && method !== 'unshift') || call?.type !== 'CallExpression' || call.callee !== callee) return false;
  if (call.arguments.some((argument) => argument.type === 'SpreadElement' && isMappedPerRow(argument.argument, sourceCode))) return true;
  return call.arguments.some((argument) => isBuiltValue(argument.type === 'SpreadElement' ? argument.argument : argument)) && getPerElementScope(call) !== undefined;
}

/** Option keys and chain steps that select a page of results. */
const PAGE_SELECTORS = new Set(['skip', 'offset', 'cursor', 'after', 'startAfter', 'page']);

/**
 * The loop moves a page window, not a key: `findMany({ skip: page * 100, take: 100 })` over page numbers,
 * `.offset(n)` with `n` advanced each time, a `cursor` reassigned from the last page. That is pagination.
 */
function fetchesPagePerIteration(operation: QueryOperation, scope: PerElementScope, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (operation.node.type !== 'CallExpression' || !isReadLike(operation)) return false;
  const pending: TSESTree.Node[] = [operation.node];
  let pages = false;
  let pagesPerElement = false;
  let usesElement = false;
  const page = (value: TSESTree.Node) => {
    if (!variesPerIteration(value, scope.node, sourceCode)) return;
    pages = true;
    if (dependsOnElement(value, scope, sourceCode, 0)) pagesPerElement = true;
  };
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.type === 'Property' && !node.computed && node.key.type === 'Identifier' && PAGE_SELECTORS.has(node.key.name)) {
      page(node.value);
      continue;
    }
    if (node.type === 'CallExpression') {
      const step = lastStepName(node);
      if (step !== undefined && PAGE_SELECTORS.has(step) && node.arguments[0]) {
        page(node.arguments[0]);
        pending.push(node.callee);
        continue;
      }
    } else if (node.type === 'Identifier' && !usesElement && isIterationElement(node, scope, sourceCode, 0)) {
      usesElement = true;
    }
    if (isFunctionLike(node)) continue;
    pushChildNodes(node, sourceCode.visitorKeys, pending);
  }
  // `findMany({ where: { createdBy: { id: userId } }, skip: nextOffset.get(userId) })` for each user (Linkwarden's fair
  // batch): the next page of each element's own rows, one query per element all the same.
  return pages && !(pagesPerElement && usesElement);
}

/** `value` reads the iteration's element, directly or through `const`s declared in the iteration (`const skip = offsets.get(userId)`). */
function dependsOnElement(value: TSESTree.Node, scope: PerElementScope, sourceCode: Readonly<TSESLint.SourceCode>, depth: number): boolean {
  const pending: TSESTree.Node[] = [value];
  for (let seen = 0; pending.length > 0 && seen < 200; seen++) {
    const node = pending.pop()!;
    if (node.type === 'Identifier') {
      if (isIterationElement(node, scope, sourceCode, 0)) return true;
      const variable = referenceIndex(sourceCode).references.get(node)?.resolved;
      const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (depth < 3 && def?.type === 'Variable' && def.parent.kind === 'const' && def.node.init && contains(scope.node, def.node) && dependsOnElement(def.node.init, scope, sourceCode, depth + 1)) return true;
      continue;
    }
    if (isFunctionLike(node)) continue;
    pushChildNodes(node, sourceCode.visitorKeys, pending);
  }
  return false;
}

function isFunctionLike(node: TSESTree.Node): boolean {
  return node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression';
}

function isReadLike(operation: QueryOperation): boolean {
  return operation.kind === 'read' || operation.kind === 'count' || (operation.kind === 'raw' && rawVerb(operation) === 'read');
}

function batchedForm(operation: QueryOperation): string {
  if (operation.relation !== undefined) {
    const relationForm = RELATION_FORMS[operation.library];
    if (operation.kind === 'read' && relationForm) return relationForm(operation.relation);
    if (operation.kind === 'write' && operation.library === 'sequelize') return SEQUELIZE_ASSOCIATION_WRITE;
  }
  const own = ownBatchedForm(operation.library, operation.method);
  if (own !== undefined) return own;
  const forms = BATCHED_FORMS[operation.library];
  switch (operation.kind) {
    case 'read':
      // `mget` reads string values only: a list, a hash or a set read per key (`lrange`, `hgetall`) goes in a pipeline.
      if (operation.library === 'redis' && operation.method.toLowerCase() !== 'get') return REDIS_PIPELINED_READ;
      return forms.read;
    case 'count':
      return forms.count;
    case 'write':
      if (CHANGE_METHOD.test(operation.method) || changesRows(operation.node)) return forms.change;
      return operation.library === 'prisma' && createsNestedRows(operation.head) ? PRISMA_NESTED_WRITE : forms.write;
    case 'transaction':
      return 'open one transaction around the whole loop instead of one per element';
    case 'raw': {
      const verb = rawVerb(operation);
      if (verb === 'read') return forms.rawRead ?? forms.read;
      if (verb === 'write') return forms.write;
      if (verb === 'change') return forms.change;
      return `${forms.rawRead ?? forms.read}, or ${forms.write.replace(/^write them /, 'write ')}`;
    }
  }
}

/**
 * A step of the write's chain changes or deletes rows: `update`/`del` before or after knex's `where` (`db('t').update(v).where(…)`).
 * An insert's conflict clause (`insert(t).values(v).onConflictDoUpdate(…)`, OpenStatus's page components) leaves it an
 * insert: many rows go in one `values([...])` with the same clause.
 */
function changesRows(node: QueryOperation['node']): boolean {
  if (node.type !== 'CallExpression') return CHANGE_METHOD.test(lastStepName(node) ?? '');
  return chainSteps(node).some((step) => step.method !== undefined && !INSERT_CONFLICT_STEPS.has(step.method) && CHANGE_METHOD.test(step.method));
}

/** Drizzle's and TypeORM's upsert clauses on an insert. */
const INSERT_CONFLICT_STEPS = new Set(['onConflictDoUpdate', 'onDuplicateKeyUpdate', 'orUpdate']);

/** `createMany` takes flat rows only: creates that carry nested writes go together in one transaction instead. */
const PRISMA_NESTED_WRITE = 'send them together with `$transaction([...])` (`createMany` takes no nested `create`), or create the parents with `createManyAndReturn` and their children with one `createMany`';

/** Prisma's forms that depend on the client: see `perElementForm`. */
interface PrismaForms {
  upsert: string;
  perRowUpdate: string;
}

const PRISMA_UPSERT = 'write them in one `INSERT … ON CONFLICT (…) DO UPDATE` with `$executeRaw` (`upsert` has no batched form)';

const PRISMA_FORMS: PrismaForms = {
  upsert: `${PRISMA_UPSERT}, or send them together in one \`$transaction([...])\``,
  perRowUpdate: 'send them together in one `$transaction([...])`, or as one `UPDATE … FROM (VALUES …)` with `$executeRaw`',
};

/** Through an interactive transaction's client, which has no `$transaction([...])`. */
const PRISMA_INTERACTIVE_TRANSACTION_FORMS: PrismaForms = {
  upsert: PRISMA_UPSERT,
  perRowUpdate: 'send them as one `UPDATE … FROM (VALUES …)` with `$executeRaw`',
};
/** The other forms through that client: `BATCHED_FORMS.prisma.change` and `PRISMA_NESTED_WRITE` without the batch. */
const PRISMA_TRANSACTION_CHANGE = 'change them in one statement with `updateMany`/`deleteMany` and `where: { id: { in: ids } }`';
const PRISMA_TRANSACTION_NESTED_WRITE = '`createMany` takes no nested `create`: create the parents with `createManyAndReturn` and their children with one `createMany`';
const NESTED_WRITES = new Set(['create', 'createMany', 'connectOrCreate', 'upsert']);

/** `prisma.collection.create({ data: { title, children: { create: [...] } } })`: a create with nested writes (Hoppscotch's imports). */
function createsNestedRows(head: QueryOperation['head']): boolean {
  if (head.type !== 'CallExpression') return false;
  const options = head.arguments[0];
  if (options?.type !== 'ObjectExpression') return false;
  const data = options.properties.find((property): property is TSESTree.Property => property.type === 'Property' && !property.computed && property.key.type === 'Identifier' && property.key.name === 'data');
  if (data?.value.type !== 'ObjectExpression') return false;
  return data.value.properties.some(
    (field) =>
      field.type === 'Property' &&
      field.value.type === 'ObjectExpression' &&
      field.value.properties.some((write) => write.type === 'Property' && !write.computed && write.key.type === 'Identifier' && NESTED_WRITES.has(write.key.name)),
  );
}

/** `update` in `db('t').where(...).update(...)`, `$queryRaw` in `prisma.$queryRaw\`…\``. */
function lastStepName(node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression | TSESTree.MemberExpression): string | undefined {
  if (node.type === 'MemberExpression') return undefined;
  const callee = node.type === 'CallExpression' ? node.callee : node.tag;
  return callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' ? callee.property.name : undefined;
}

/** Whether raw SQL reads, inserts or changes rows, when the code shows it. */
function rawVerb(operation: QueryOperation): 'read' | 'write' | 'change' | undefined {
  if (operation.library === 'prisma' && operation.method.startsWith('$queryRaw')) return 'read';
  const text = sqlTextOf(operation.head);
  const verb = text === undefined ? undefined : leadingKeyword(text);
  if (verb === undefined) return undefined;
  if (SQL_READ_VERBS.has(verb)) return 'read';
  if (SQL_INSERT_VERBS.has(verb)) return 'write';
  return SQL_CHANGE_VERBS.has(verb) ? 'change' : undefined;
}

/** The start of the SQL text: a tagged template's first chunk, or a call's string, template or `{ text }` argument. */
function sqlTextOf(node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression | TSESTree.MemberExpression): string | undefined {
  if (node.type === 'MemberExpression') return undefined;
  const first = node.type === 'TaggedTemplateExpression' ? node.quasi : node.arguments[0];
  if (!first) return undefined;
  if (first.type === 'Literal' || first.type === 'TemplateLiteral') return stringHead(first);
  if (first.type === 'TaggedTemplateExpression') return first.quasi.quasis[0]?.value.cooked ?? undefined;
  if (first.type === 'ObjectExpression') {
    for (const property of first.properties) {
      if (property.type === 'Property' && !property.computed && property.key.type === 'Identifier' && (property.key.name === 'text' || property.key.name === 'sql')) {
        return property.value.type === 'Literal' && typeof property.value.value === 'string' ? property.value.value : undefined;
      }
    }
  }
  return undefined;
}

/**
 * `prisma.user.findUnique`, `this.users.findOneBy`, `db('jobs').where(...).update`: the call as written.
 * A long chain keeps its head and its last step: `db.selectFrom('person')…executeTakeFirst`.
 */
function describeOperation(operation: QueryOperation): string {
  if (operation.node.type === 'MemberExpression') return `${describeExpression(operation.node, MAX_OPERATION_TEXT)} (a lazy relation)`;
  const callee = operation.node.type === 'CallExpression' ? operation.node.callee : operation.node.tag;
  const full = describeExpression(callee, Number.POSITIVE_INFINITY);
  if (full.length <= MAX_OPERATION_TEXT || operation.head === operation.node) return describeExpression(callee, MAX_OPERATION_TEXT);
  return `${describeExpression(operation.head, MAX_OPERATION_TEXT)}…${lastStepName(operation.node) ?? operation.method}`;
}

/**
 * Updates whose new values differ per element cannot become one `where id in (…)` update: each library's way of
 * sending many rows with their own values in one round trip.
 */
const PER_ROW_UPDATE_FORMS: Partial<Record<DbLibrary, string>> = {
  prisma: PRISMA_FORMS.perRowUpdate,
  typeorm: 'save the changed entities in one `save(entities)`, or send one `UPDATE … FROM (VALUES …)` query',
  sequelize: 'write them in one statement with `bulkCreate(rows, { updateOnDuplicate: [...] })`',
  mongoose: 'send them in one `bulkWrite([...])` of `updateOne` operations',
  mongodb: 'send them in one `bulkWrite([...])` of `updateOne` operations',
  knex: "write them in one statement with `insert(rows).onConflict('id').merge()`, or one `UPDATE … FROM (VALUES …)` through `knex.raw`",
  objection: "write them in one statement with `query().insert(rows).onConflict('id').merge()`, or one `UPDATE … FROM (VALUES …)` through `Model.knex().raw`",
  drizzle: 'write them in one statement with `insert(table).values(rows).onConflictDoUpdate(…)`, or one `UPDATE … FROM (VALUES …)` through `sql`',
  kysely: 'write them in one statement with `insertInto(table).values(rows).onConflict(…)`, or one `UPDATE … FROM (VALUES …)`',
  payload: 'send them in one transaction (pass the same `req` to every call), a few at a time: the Local API changes one document per call when each gets its own data',
};

/** Where each library's update takes its new values: `set(values)`, `update(values)`, Prisma's `data`, a driver's second argument. */
function updatedValues(operation: QueryOperation): TSESTree.Node | undefined {
  if (operation.kind !== 'write' || operation.node.type !== 'CallExpression') return undefined;
  // Objection also changes rows with `patch(…)`.
  const updates = operation.library === 'objection' ? /update|patch/i : /update/i;
  // knex's `update(…)` may come before its `where(…)`: any step of the chain.
  if (!updates.test(operation.method) && !chainSteps(operation.node).some((step) => step.method !== undefined && updates.test(step.method))) return undefined;
  for (let node: TSESTree.Node = operation.node; node.type === 'CallExpression'; ) {
    const callee: TSESTree.Node = skipExpressionWrappers(node.callee);
    if (callee.type !== 'MemberExpression') return undefined;
    const method = memberName(callee);
    const [first, second] = node.arguments;
    if (method === 'set' && first) return first;
    if (method !== undefined && updates.test(method) && first) {
      // Prisma and Payload take the new values as `data` in their one options object.
      if (operation.library === 'prisma' || operation.library === 'payload') return first.type === 'ObjectExpression' ? first.properties.find((property) => property.type === 'Property' && memberKeyName(property) === 'data') : undefined;
      // TypeORM `update(criteria, values)`, MongoDB and Mongoose `updateOne(filter, update)`; Sequelize and knex take the values
      // first, but knex's `update(column, value)` its one value second.
      if (operation.library === 'knex' && first.type === 'Literal' && typeof first.value === 'string' && second) return second;
      // Objection: `patch(values)`, `patchAndFetchById(id, values)`.
      if (operation.library === 'objection') return method.endsWith('ById') ? second : first;
      return operation.library === 'sequelize' || operation.library === 'knex' ? first : second;
    }
    node = skipExpressionWrappers(callee.object);
  }
  return undefined;
}

/**
 * `form` filtering on the field the per-element query sets from the element, when that is not the row's own key:
 * `Attachment.findAll({ where: { documentId: document.id } })` is batched with `where: { documentId: ids }`.
 */
function withElementKey(form: string, operation: QueryOperation, loop: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): string {
  if (operation.kind !== 'read' && operation.kind !== 'write' && operation.kind !== 'count') return form;
  if (operation.library === 'drizzle' && form.includes(DRIZZLE_ID_LIST)) {
    const column = drizzleElementColumn(operation, loop, sourceCode);
    return column === undefined ? form : form.replace(DRIZZLE_ID_LIST, `inArray(${column.text}, ${KEY_VARIABLE.test(column.name) ? 'ids' : 'values'})`);
  }
  // Only the forms that filter on the row's own key (`where: { id: ids }`, `{ _id: { $in: ids } }`) name a field.
  if (!form.includes('{ id: ') && !form.includes('{ _id: ')) return form;
  const field = elementKeyField(operation, loop, sourceCode);
  if (field === undefined) return form;
  // The list it takes: of keys for a key (`authorId: { in: ids }`), of values for another field (`status: { in: values }`).
  const list = KEY_VARIABLE.test(field) ? 'ids' : 'values';
  return form.replace(ID_FILTER_WITH_LIST, (_match, between: string) => `{ ${field}: ${between}${list}`);
}

const DRIZZLE_ID_LIST = 'inArray(table.id, ids)';

/**
 * The column a Drizzle query's `.where(…)` compares with a value of the element: `eq(monitor.name, row.name)`, alone or
 * as the one varying comparison of an `and(…)` (OpenStatus's import writers match on names, URLs and e-mails).
 */
function drizzleElementColumn(operation: QueryOperation, loop: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): { text: string; name: string } | undefined {
  if (operation.node.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const where = chainSteps(operation.node).find((step) => step.method === 'where')?.call.arguments[0];
  if (!where) return undefined;
  let condition = skipExpressionWrappers(where);
  if (condition.type === AST_NODE_TYPES.CallExpression && calleeName(condition) === 'and') {
    const varying = condition.arguments.filter((argument) => variesPerIteration(argument, loop, sourceCode));
    if (varying.length !== 1) return undefined;
    condition = skipExpressionWrappers(varying[0]);
  }
  if (condition.type !== AST_NODE_TYPES.CallExpression || calleeName(condition) !== 'eq' || condition.arguments.length !== 2) return undefined;
  const [column, value] = condition.arguments.map((argument) => skipExpressionWrappers(argument));
  if (column.type !== AST_NODE_TYPES.MemberExpression || column.computed || column.property.type !== AST_NODE_TYPES.Identifier) return undefined;
  if (variesPerIteration(column, loop, sourceCode) || !variesPerIteration(value, loop, sourceCode)) return undefined;
  // The row's own key keeps the general form.
  if (/^_?id$/.test(column.property.name)) return undefined;
  return { text: sourceCode.getText(column), name: column.property.name };
}

function calleeName(call: TSESTree.CallExpression): string | undefined {
  const callee = skipExpressionWrappers(call.callee);
  return callee.type === AST_NODE_TYPES.Identifier ? callee.name : undefined;
}

/** `{ id: ids`, `{ _id: { $in: ids`, `{ id: { in: ids`: the filter on the row's own key up to the list it takes. */
const ID_FILTER_WITH_LIST = /\{ _?id: ([^}]*?)\bids\b/g;

/** Libraries whose queries take the filter itself first: `Model.find({ documentId })`, `collection.updateOne({ teamId }, …)`. */
const FILTER_FIRST_LIBRARIES: ReadonlySet<string> = new Set(['mongoose', 'mongodb']);

/**
 * The one field of the query's filter whose value changes with the element: of a `where` object in the first or second
 * argument (Prisma's `{ where }`, Sequelize's `update(values, { where })`), or the first argument when the library takes
 * the filter so.
 */
function elementKeyField(operation: QueryOperation, loop: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): string | undefined {
  const head = operation.head;
  if (head.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const objects = head.arguments.slice(0, 2).map((argument) => skipExpressionWrappers(argument)).filter((argument) => argument.type === AST_NODE_TYPES.ObjectExpression);
  let filter: TSESTree.Node | undefined;
  for (const object of objects) {
    const where = object.properties.find((property): property is TSESTree.Property => property.type === AST_NODE_TYPES.Property && memberKeyName(property) === 'where');
    if (where) {
      filter = skipExpressionWrappers(where.value);
      break;
    }
  }
  if (!filter && FILTER_FIRST_LIBRARIES.has(operation.library) && head.arguments[0]) filter = skipExpressionWrappers(head.arguments[0]);
  if (filter?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  let found: string | undefined;
  for (const property of filter.properties) {
    if (property.type !== AST_NODE_TYPES.Property) return undefined;
    const value = skipExpressionWrappers(property.value);
    if (!variesPerIteration(value, loop, sourceCode)) continue;
    const name = memberKeyName(property);
    // Two varying fields, an operator object (`{ [Op.in]: … }`, `{ in: … }`) or a nested relation: no one key to name.
    if (found !== undefined || name === undefined || name.startsWith('$') || value.type === AST_NODE_TYPES.ObjectExpression || value.type === AST_NODE_TYPES.ArrayExpression) return undefined;
    found = name;
  }
  return found !== undefined && !/^_?id$/.test(found) ? found : undefined;
}

function memberKeyName(property: TSESTree.Property): string | undefined {
  if (!property.computed && property.key.type === 'Identifier') return property.key.name;
  return property.key.type === 'Literal' && typeof property.key.value === 'string' ? property.key.value : undefined;
}

function updatesPerRowValues(operation: QueryOperation, iteration: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const values = updatedValues(operation);
  return values !== undefined && variesPerIteration(values, iteration, sourceCode);
}

/**
 * Whether anything the operation uses changes from one iteration to the next: a variable declared inside
 * the loop or callback (the element, an index, something derived from them), one assigned there, or one whose
 * contents the loop changes (`executed.push(step)` before `save(executed)`, Flowise's execution log).
 * Variables declared inside the operation itself (a callback's own parameters) do not count.
 */
function variesPerIteration(operation: TSESTree.Node, iteration: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const index = referenceIndex(sourceCode);
  const inIterationOnly = (node: TSESTree.Node) => contains(iteration, node) && !contains(operation, node);
  const pending: TSESTree.Node[] = [operation];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.type === 'Identifier') {
      const variable = index.references.get(node)?.resolved;
      if (
        variable &&
        (variable.defs.some((def) => inIterationOnly(def.name)) ||
          index.writesOf(variable).some((write) => inIterationOnly(write.identifier)) ||
          // An import's contents are a module's (a client): only a local array or object is filled in the loop.
          (variable.defs[0]?.type !== 'ImportBinding' && variable.references.some((reference) => inIterationOnly(reference.identifier) && changesContents(reference.identifier as TSESTree.Node))))
      ) {
        return true;
      }
    }
    pushChildNodes(node, sourceCode.visitorKeys, pending);
  }
  return false;
}

/** Methods of arrays, maps and sets that change what they hold. */
const MUTATING_METHODS = new Set(['push', 'unshift', 'splice', 'pop', 'shift', 'set', 'add', 'delete', 'clear', 'fill', 'sort', 'reverse', 'copyWithin']);

/** `identifier` is the object whose contents the code around it changes: `x.push(…)`, `x.a = …`, `x[i] += …`, `Object.assign(x, …)`. */
function changesContents(identifier: TSESTree.Node): boolean {
  const parent = identifier.parent;
  if (parent?.type === AST_NODE_TYPES.CallExpression) {
    const callee = parent.callee;
    return parent.arguments[0] === identifier && callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'assign' && callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'Object';
  }
  if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== identifier) return false;
  // `x.push(…)`, `x.items.push(…)`, `x.a = …`, `x.a.b = …`, `x[i]++`: the outermost member of the chain is called or written.
  let member: TSESTree.MemberExpression = parent;
  while (member.parent?.type === AST_NODE_TYPES.MemberExpression && member.parent.object === member) member = member.parent;
  const user = member.parent;
  if (user?.type === AST_NODE_TYPES.CallExpression && user.callee === member) return MUTATING_METHODS.has(memberName(member) ?? '');
  return (user?.type === AST_NODE_TYPES.AssignmentExpression && user.left === member) || (user?.type === AST_NODE_TYPES.UpdateExpression && user.argument === member);
}

/**
 * Rows grouped by a value (`Object.entries(linksByGroup)`, `partnerGroups`): one query per group is how a batched
 * read or write with each group's own filter or data is written, and the groups are few.
 */
function isGroupedCollection(collection: TSESTree.Node | undefined, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (!collection) return false;
  const node = skipExpressionWrappers(collection);
  // `const entries = Object.entries(byType)` (Parabol's loaders): the groups, kept under another name.
  const initializer = node.type === AST_NODE_TYPES.Identifier ? constInitializer(node, sourceCode.getScope(node)) : undefined;
  return (initializer !== undefined && hasGroupedShape(skipExpressionWrappers(initializer))) || hasGroupedShape(node);
}

/** `Object.entries(byGroup)` (or `.values()`/`.keys()` of a map), or a collection named for its groups. */
function hasGroupedShape(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const callee = skipExpressionWrappers(node.callee);
    const method = callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : undefined;
    return method === 'entries' || method === 'values' || method === 'keys';
  }
  const name = trailingName(node);
  return name !== undefined && /group/i.test(name);
}

/**
 * The operation's key lists (`{ id: { in: list } }`, `{ $in: list }`, `In(list)`, `inArray(col, list)`) all change with
 * the element (`path: { in: segmentsOf(doc) }`, Papermark's folders): one query per element, each for that element's
 * keys. Batched by its method (`createMany`) or by a list fixed for the loop, it stays one statement.
 */
function listsKeysPerElement(operation: QueryOperation, scope: PerElementScope, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  return operation.keyLists.length > 0 && operation.keyLists.every((list) => variesPerIteration(list, scope.node, sourceCode));
}

/** An element's own unique key (`workspace.id`); `workspace.ownerId` is shared by many elements. */
const OWN_KEY_PROPERTY = /^(?:id|_id|uuid|slug)$/;
/** An element that is itself a key: `for (const id of ids)`, `for (const userId of userIds)`. */
const KEY_VARIABLE = /^(?:id|_id|uuid|slug)$|(?:Id|_id|ID|Uuid|UUID)$/;

/**
 * `operation` runs only for the element whose key equals a value fixed for the whole loop: under
 * `if (workspace.id === ACME_WORKSPACE_ID)` (or `&&`, `? :`), or after `if (user.id !== ownerId) continue;`.
 * Keys are unique, so that is once per loop, however many elements there are.
 */
function runsForOneKeyOnly(operation: TSESTree.Node, iteration: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const pinsKey = (test: TSESTree.Node, operator: '===' | '!==') => conjuncts(test, operator === '===' ? '&&' : '||').some((part) => isKeyComparedToFixed(part, operator, iteration, sourceCode));
  let child: TSESTree.Node = operation;
  for (let node = operation.parent; node && node !== iteration; child = node, node = node.parent) {
    if ((node.type === 'IfStatement' || node.type === 'ConditionalExpression') && node.consequent === child && pinsKey(node.test, '===')) return true;
    if (node.type === 'LogicalExpression' && node.operator === '&&' && node.right === child && pinsKey(node.left, '===')) return true;
    if (node.type === 'BlockStatement') {
      // `if (user.id !== ownerId) continue;` earlier in the loop's body.
      for (const statement of node.body) {
        if (statement === child) break;
        if (statement.type === 'IfStatement' && !statement.alternate && skipsIteration(statement.consequent) && pinsKey(statement.test, '!==')) return true;
      }
    }
  }
  return false;
}

/**
 * The call (which gets the same arguments for every element) fills a memo the loop reads first, under a key fixed for
 * the loop: `let populated = cache.get(table); if (populated === undefined) { populated = await tableHasRows(table);
 * cache.set(table, populated); }` (Better Auth's migration planner, per field of a table), or
 * `if (!cache.has(key)) cache.set(key, await load(key));`. It runs once per run of the loop.
 */
function isMemoisedPerLoop(call: TSESTree.CallExpression, iteration: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  let value: TSESTree.Node = call;
  while (value.parent?.type === AST_NODE_TYPES.AwaitExpression || value.parent?.type === AST_NODE_TYPES.TSAsExpression || value.parent?.type === AST_NODE_TYPES.TSNonNullExpression) value = value.parent;
  const holder = value.parent;
  // `cache.set(key, await load(key))` under `if (!cache.has(key))`.
  if (holder?.type === AST_NODE_TYPES.CallExpression && holder.arguments[1] === value && isMemoWrite(holder, iteration, sourceCode)) {
    const cache = (holder.callee as TSESTree.MemberExpression).object;
    return guardedBy(holder, iteration, (test) => isMissingEntryTest(test, cache, sourceCode));
  }
  // `populated = await tableHasRows(…)` under `if (populated === undefined)`, stored with `cache.set(key, populated)`.
  if (holder?.type !== AST_NODE_TYPES.AssignmentExpression || holder.operator !== '=' || holder.right !== value || holder.left.type !== AST_NODE_TYPES.Identifier) return false;
  const name = holder.left.name;
  let child: TSESTree.Node = holder;
  for (let node: TSESTree.Node | undefined = holder.parent; node && node !== iteration; child = node, node = node.parent) {
    if (node.type !== AST_NODE_TYPES.IfStatement || node.consequent !== child || !isMissingValueTest(node.test, name)) continue;
    let stores = false;
    walkNodes(node.consequent, sourceCode, (inner) => {
      if (inner.type === AST_NODE_TYPES.CallExpression && isMemoWrite(inner, iteration, sourceCode)) {
        const stored = inner.arguments[1];
        if (stored?.type === AST_NODE_TYPES.Identifier && stored.name === name) stores = true;
      }
    });
    return stores;
  }
  return false;
}

/** `<map>.set(key, value)` with a key the loop does not change. */
function isMemoWrite(call: TSESTree.CallExpression, iteration: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const callee = call.callee;
  return callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'set' && call.arguments.length === 2 && call.arguments[0]?.type !== AST_NODE_TYPES.SpreadElement && !variesPerIteration(call.arguments[0], iteration, sourceCode);
}

/** Some `if` around `node`, inside `iteration`, whose consequent holds it and whose test passes `isGuard`. */
function guardedBy(node: TSESTree.Node, iteration: TSESTree.Node, isGuard: (test: TSESTree.Node) => boolean): boolean {
  let child: TSESTree.Node = node;
  for (let current = node.parent; current && current !== iteration; child = current, current = current.parent) {
    if (current.type === AST_NODE_TYPES.IfStatement && current.consequent === child && isGuard(current.test)) return true;
  }
  return false;
}

/** `!cache.has(…)` on the same map. */
function isMissingEntryTest(test: TSESTree.Node, cache: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (test.type !== AST_NODE_TYPES.UnaryExpression || test.operator !== '!' || test.argument.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = test.argument.callee;
  return callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'has' && sourceCode.getText(callee.object) === sourceCode.getText(cache);
}

/** `x === undefined`, `x == null`, `x === null`, `!x`. */
function isMissingValueTest(test: TSESTree.Node, name: string): boolean {
  if (test.type === AST_NODE_TYPES.UnaryExpression) return test.operator === '!' && test.argument.type === AST_NODE_TYPES.Identifier && test.argument.name === name;
  if (test.type !== AST_NODE_TYPES.BinaryExpression || (test.operator !== '===' && test.operator !== '==')) return false;
  const isName = (side: TSESTree.Node) => side.type === AST_NODE_TYPES.Identifier && side.name === name;
  const isMissing = (side: TSESTree.Node) => (side.type === AST_NODE_TYPES.Identifier && side.name === 'undefined') || (side.type === AST_NODE_TYPES.Literal && side.value === null);
  return (isName(test.left) && isMissing(test.right)) || (isName(test.right) && isMissing(test.left));
}

/** Visits `root` and its descendants, not entering functions. */
function walkNodes(root: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, visit: (node: TSESTree.Node) => void): void {
  const stack: TSESTree.Node[] = [root];
  for (let seen = 0; stack.length > 0 && seen < MAX_MEMO_WALK; seen++) {
    const node = stack.pop()!;
    visit(node);
    if (!isFunction(node)) pushChildNodes(node, sourceCode.visitorKeys, stack);
  }
}

const MAX_MEMO_WALK = 2000;

/** The parts of `a && b && c` (or of `a || b` for the negated form); the expression itself otherwise. */
function conjuncts(test: TSESTree.Node, operator: '&&' | '||'): TSESTree.Node[] {
  return test.type === 'LogicalExpression' && test.operator === operator ? [...conjuncts(test.left, operator), ...conjuncts(test.right, operator)] : [test];
}

/**
 * `posts.push(await prisma.post.upsert({ data: { parentPostId: posts[posts.length - 1]?.id } }))`, or
 * `previous = await repo.save({ …, parent: previous })`: each query takes what the one before it returned (Postiz's
 * thread of comments, a chain of versions), so none can leave before the previous answer is back. A sequence, which
 * no batched form replaces.
 */
function chainsOnPreviousResult(query: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const holder = resultHolder(query);
  if (!holder) return false;
  const variable = findVariable(sourceCode.getScope(holder.node) as never, holder.node as never) as TSESLint.Scope.Variable | null;
  // The query, and the builder or cursor it finishes when kept in a `const` first (NodeBB's set intersection:
  // `const cursor = objects.find({ value: { $in: items.map(…) } }); items = await cursor.toArray()`).
  const parts = [query, ...builderInitializer(query, sourceCode)];
  return (
    variable?.references.some((reference) => {
      const read = reference.identifier as TSESTree.Node;
      return read !== holder.node && reference.isRead() && parts.some((part) => contains(part, read)) && (holder.kind === 'assigned' || readsElement(read));
    }) === true
  );
}

/** The initializer of the `const` a query's chain starts from (`cursor` in `cursor.toArray()`), if any. */
function builderInitializer(query: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.Node[] {
  if (query.type !== AST_NODE_TYPES.CallExpression) return [];
  const root = chainRoot(query.callee);
  const init = root && constInitializer(root, sourceCode.getScope(root));
  return init ? [init] : [];
}

/** The variable an awaited query's result is kept in: `list.push(await query)` (its elements), `previous = await query`. */
function resultHolder(query: TSESTree.Node): { node: TSESTree.Identifier; kind: 'pushed' | 'assigned' } | undefined {
  const awaited = parentSkippingWrappers(query);
  if (awaited.parent?.type !== AST_NODE_TYPES.AwaitExpression) return undefined;
  const { child, parent } = parentSkippingWrappers(awaited.parent);
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(child as TSESTree.CallExpressionArgument)) {
    const callee = parent.callee;
    return callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'push' && callee.object.type === AST_NODE_TYPES.Identifier ? { node: callee.object, kind: 'pushed' } : undefined;
  }
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.operator === '=' && parent.right === child && parent.left.type === AST_NODE_TYPES.Identifier) return { node: parent.left, kind: 'assigned' };
  return undefined;
}

/** `list[list.length - 1]`, `list.at(-1)`: an element of the list, not its `length` (which an index gives as well). */
function readsElement(list: TSESTree.Node): boolean {
  const { parent } = parentSkippingWrappers(list);
  if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== list) return false;
  if (parent.computed) return true;
  return memberName(parent) === 'at' && parent.parent?.type === AST_NODE_TYPES.CallExpression && parent.parent.callee === parent;
}

function skipsIteration(statement: TSESTree.Statement): boolean {
  if (statement.type === 'ContinueStatement') return true;
  return statement.type === 'BlockStatement' && statement.body.length === 1 && statement.body[0].type === 'ContinueStatement';
}

/** `element.id === FIXED` (or `==`, either side; `!==`/`!=` for the negated form), the key read per element and the other side fixed for the loop. */
function isKeyComparedToFixed(test: TSESTree.Node, operator: '===' | '!==', iteration: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (test.type !== 'BinaryExpression' || (test.operator !== operator && test.operator !== operator.slice(0, 2))) return false;
  const isKey = (side: TSESTree.Node) => {
    const named =
      side.type === 'Identifier'
        ? KEY_VARIABLE.test(side.name)
        : side.type === 'MemberExpression' && !side.computed && side.property.type === 'Identifier' && OWN_KEY_PROPERTY.test(side.property.name);
    return named && variesPerIteration(side, iteration, sourceCode);
  };
  const fixed = (side: TSESTree.Node) => side.type !== 'PrivateIdentifier' && !variesPerIteration(side, iteration, sourceCode);
  return (isKey(test.left) && fixed(test.right)) || (isKey(test.right) && fixed(test.left));
}



/** Every reference of a file by its identifier, and each variable's writes: built once per file. */
interface ReferenceIndex {
  references: Map<TSESTree.Node, TSESLint.Scope.Reference>;
  writesOf(variable: TSESLint.Scope.Variable): TSESLint.Scope.Reference[];
}

const referenceIndexes = new FileCache<ReferenceIndex>();

function referenceIndex(sourceCode: Readonly<TSESLint.SourceCode>): ReferenceIndex {
  return referenceIndexes.get(sourceCode, () => {
    const references = new Map<TSESTree.Node, TSESLint.Scope.Reference>();
    for (const scope of sourceCode.scopeManager?.scopes ?? []) {
      for (const reference of scope.references) references.set(reference.identifier, reference);
    }
    const writes = new Map<TSESLint.Scope.Variable, TSESLint.Scope.Reference[]>();
    return {
      references,
      writesOf(variable) {
        let found = writes.get(variable);
        if (!found) {
          found = variable.references.filter((reference) => reference.isWrite());
          writes.set(variable, found);
        }
        return found;
      },
    };
  });
}

/** How messages name a resolver's parent type and field: "`User`", "`posts`". */
function resolverData(resolver: FieldResolver): { type: string; field: string } {
  return { type: resolver.typeName === undefined ? 'parent object' : `\`${resolver.typeName}\``, field: `\`${resolver.field}\`` };
}

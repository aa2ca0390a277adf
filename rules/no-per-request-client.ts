import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../src/ast/node-types';
import { getClientConstructors, TYPED_CANDIDATE_NAMES, type ClientCreation, type ClientLibrary } from '../src/analysis/client-constructors';
import { CLOSE_METHODS, getInstanceReuse } from '../src/analysis/instance-reuse';
import { constInitializer, getTypeServices, memberName, skipExpressionWrappers } from '../src/analysis/library-origin';
import { describeExpression, getPerElementScope, type PerElementOptions } from '../src/analysis/per-element';
import { contains, enclosingFunction } from '../src/ast/code-shape';
import { parentSkippingWrappers, propertyKeyName, stringHead } from '../src/ast/expressions';
import { leadingKeyword } from '../src/analysis/sql';
import { DEFAULT_SCRIPT_GLOBS, scriptsOptionSchema, getRequestPath } from '../src/analysis/request-path';
import { createRule } from '../src/create-rule';
import { runsOncePerProcess } from '../src/analysis/once-guards';
import { getImportOrigin } from '../src/analysis/modules';

type Options = [{ scripts: string[] }];
type MessageIds = 'perRequest' | 'perRequestFactory' | 'requestScoped' | 'connectPerRequest' | 'perRequestHttp' | 'perRequestHttpFactory' | 'requestScopedHttp';

const PER_REQUEST =
  '`{{call}}` creates a new {{client}} every time this code runs, and it runs per request: {{cost}}. {{advice}}; or keep it in a lazy singleton (`client ??= …`) or a NestJS provider.';
const PER_REQUEST_FACTORY =
  '`{{call}}` creates a new {{client}} each time `{{factory}}` runs, and `{{factory}}` runs per request: {{cost}}. {{advice}}; or keep it in a lazy singleton (`client ??= …`) or a NestJS provider.';
const REQUEST_SCOPED =
  '`{{call}}` creates a new {{client}} for every request: it is built by a request-scoped provider or a per-request context. Create it once in a default-scoped (singleton) provider or at module scope, and inject or import it.';

/** HTTP clients and agents: the same messages, linked to the guide's item on keep-alive connections. */
const HTTP_MESSAGE: Readonly<Record<'perRequest' | 'perRequestFactory' | 'requestScoped', MessageIds>> = {
  perRequest: 'perRequestHttp',
  perRequestFactory: 'perRequestHttpFactory',
  requestScoped: 'requestScopedHttp',
};

const OPENS_CONNECTIONS = 'each one opens its own connections, pays their setup again and can exhaust the server';
const OWN_SOCKETS = 'each one keeps its own sockets, so no kept-alive connection is ever reused';
const REBUILT_INSTANCE = 'its configuration is rebuilt for every request, and an agent in it never reuses a connection';

/** What a client per request costs, by library, for the message. */
export const COST: Readonly<Record<ClientLibrary, string>> = {
  prisma: 'each one starts its own query engine and connection pool, and can exhaust the database',
  pg: OPENS_CONNECTIONS,
  postgres: OPENS_CONNECTIONS,
  mysql2: OPENS_CONNECTIONS,
  ioredis: OPENS_CONNECTIONS,
  redis: OPENS_CONNECTIONS,
  mongodb: OPENS_CONNECTIONS,
  mongoose: OPENS_CONNECTIONS,
  sequelize: OPENS_CONNECTIONS,
  knex: OPENS_CONNECTIONS,
  typeorm: OPENS_CONNECTIONS,
  kysely: OPENS_CONNECTIONS,
  drizzle: OPENS_CONNECTIONS,
  'mikro-orm': 'each one discovers the entities and opens its own connection pool again',
  http: OWN_SOCKETS,
  agentkeepalive: OWN_SOCKETS,
  undici: OWN_SOCKETS,
  axios: REBUILT_INSTANCE,
  got: REBUILT_INSTANCE,
  bullmq: 'each one opens its own Redis connections (a worker or an events listener a blocking one too), which stay open until `close()`',
  'aws-sdk': 'each one keeps its own HTTP connection pool and resolves its credentials again, so no kept-alive connection is reused',
  'aws-sdk-v2':
    'each one looks up its credentials again before its first call (with an instance or task role, a request to the metadata endpoint) and rebuilds its configuration',
  'cloud-storage': 'each one keeps its own HTTP agent and authenticates again (a fresh OAuth token or key exchange), so neither a kept-alive connection nor a token is reused',
  clickhouse: 'each one keeps its own HTTP agent and socket pool, so no kept-alive connection is reused, and stays open until `close()`',
};

/** How to share each library's client, for the message. */
export const ADVICE: Readonly<Record<ClientLibrary, string>> = {
  prisma: 'Create one `PrismaClient` per process at module scope and import it (in development, keep it on `globalThis` so hot reloads reuse it)',
  pg: 'Create one `Pool` at module scope and run queries with `pool.query()`, or borrow a client with `pool.connect()` and `release()` it',
  postgres: 'Create one `sql` instance at module scope; it pools connections itself',
  mysql2: 'Create one pool with `createPool()` at module scope and use `pool.query()`, or `pool.getConnection()` and `release()`',
  ioredis: 'Create one client at module scope and reuse it; ioredis pipelines concurrent commands over one connection',
  redis: 'Create one client at module scope, `connect()` it at startup and reuse it',
  mongodb: 'Create one `MongoClient` at module scope, connect it once and reuse it; it pools connections',
  mongoose: 'Create the connection once at module scope and register the models on it',
  sequelize: 'Create one `Sequelize` instance at module scope; it owns the connection pool',
  knex: 'Create one knex instance at module scope; it owns the connection pool',
  typeorm: 'Create and `initialize()` one `DataSource` at startup (or register it with `TypeOrmModule`) and reuse it',
  kysely: 'Create one `Kysely` instance at module scope',
  'mikro-orm': 'Call `MikroORM.init()` once at startup and give each request its own `orm.em.fork()`',
  drizzle: 'Create the drizzle instance (and its pool) once at module scope',
  http: 'Create one `Agent` at module scope and pass it to every request; a new agent per request never reuses a kept-alive socket',
  agentkeepalive: 'Create one agent at module scope and pass it to every request; a new agent per request never reuses a kept-alive socket',
  undici: 'Create one dispatcher at module scope (or install it with `setGlobalDispatcher()`) so that its connections are reused',
  axios: 'Create the instance once at module scope and reuse it',
  got: 'Create the instance once at module scope and reuse it',
  bullmq: 'Create each queue once per queue name at module scope or startup and reuse it (a `Queue` can share one ioredis client passed as `connection`); run workers at startup',
  'aws-sdk': 'Create the client once at module scope and reuse it; with settings that vary (a region, a tenant\'s credentials), keep one client per setting in a map',
  'aws-sdk-v2': 'Create the client once at module scope and reuse it; with settings that vary (a region, a tenant\'s credentials), keep one client per setting in a map',
  'cloud-storage': 'Create the client once at module scope and reuse it (a bucket or container handle from it is cheap); with credentials that vary, keep one client per credential in a map',
  clickhouse: 'Create one client at module scope and reuse it; with settings that vary (a tenant\'s database), keep one client per setting in a map',
};

export default createRule<Options, MessageIds>({
  name: 'no-per-request-client',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow creating database, cache and HTTP clients or pools per request instead of once',
      guide: 'connection-pooling',
      messageGuides: { perRequestHttp: 'connection-reuse', perRequestHttpFactory: 'connection-reuse', requestScopedHttp: 'connection-reuse' },
      recommended: 'recommended',
    },
    schema: [
      {
        type: 'object',
        properties: {
          scripts: scriptsOptionSchema('where a client per run is expected.'),
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ scripts: [...DEFAULT_SCRIPT_GLOBS] }],
    messages: {
      perRequest: PER_REQUEST,
      perRequestFactory: PER_REQUEST_FACTORY,
      requestScoped: REQUEST_SCOPED,
      perRequestHttp: PER_REQUEST,
      perRequestHttpFactory: PER_REQUEST_FACTORY,
      requestScopedHttp: REQUEST_SCOPED,
      connectPerRequest:
        '`{{call}}` connects on a request path. Call `mongoose.connect()` once at startup, before the server listens, or behind a check of an already open connection; models use that default connection.',
    },
  },
  create(context, [options]) {
    const clients = getClientConstructors(context);
    const typeServices = getTypeServices(context);
    const typed = typeServices !== undefined;
    const perElementOptions: PerElementOptions = { services: typeServices?.services };
    const typedCreations: ClientCreation[] = [];
    const sourceCode = context.sourceCode;

    function collectTyped(node: TSESTree.NewExpression | TSESTree.CallExpression) {
      const name = calleeName(node.callee);
      if (name === undefined || !TYPED_CANDIDATE_NAMES.has(name)) return;
      const creation = clients.classify(node);
      if (creation?.evidence === 'type') typedCreations.push(creation);
    }

    function check() {
      const creations = [...clients.creations(), ...typedCreations].filter((creation) => creation.opensConnections);
      // Most files create no client: answer that before building the (costlier) request-path analysis.
      if (creations.length === 0) return;
      const requestPath = getRequestPath(context, { scripts: options.scripts });
      // Tests, CLI scripts, migrations, seeds and config files may create clients however they like.
      if (requestPath.fileKind !== 'server') return;
      const counted = new Set<TSESTree.Node>(creations.map((creation) => creation.node));
      const reuse = getInstanceReuse(context, requestPath);
      for (const creation of creations) {
        const { node } = creation;
        // A client built inside another one's configuration is that client's business: one report.
        if (isNestedInCreation(node, counted)) continue;
        if (usesPerRequestBinding(node, sourceCode) || isDedicatedConnection(creation, sourceCode) || onlyPresigns(creation, sourceCode) || isAgentForOneCall(creation, sourceCode)) continue;
        // Behind a guard that lets it run once per process or per key (`if (cache.has(modelId)) return cache.get(modelId)`
        // at the top of a function that fills the cache: Flowise's Bedrock model probe).
        if (runsOncePerProcess(node, sourceCode)) continue;
        const verdict = reuse.classify(node, { storesItself: creation.globalConnection });
        if (!verdict.perRequest) continue;
        // A batch job's client (one per run, used for every element) reuses its connections across the batch. A
        // request handler's batch is one request's payload: the client is still made per request.
        if (verdict.reason === 'request-path' && !verdict.via && verdict.where?.reason !== 'handler' && servesWholeBatch(node, sourceCode, perElementOptions)) continue;
        // Queues and workers are made by functions that start the app (`bootWorkers()` called from another file's
        // `main`): only a request handler or a job seen to make one counts, not an exported function taken to serve requests.
        if (creation.category === 'queue' && (verdict.where === undefined || verdict.where.reason === 'server-function')) continue;
        const call = describeCall(node);
        if (creation.globalConnection) {
          context.report({ node, messageId: 'connectPerRequest', data: { call } });
          continue;
        }
        const client = creation.makes;
        const cost = COST[creation.library];
        const advice = ADVICE[creation.library];
        // HTTP clients and agents lose their kept-alive sockets: the guide's item on reusing connections.
        const messageId = (base: keyof typeof HTTP_MESSAGE): MessageIds => (creation.category === 'http' ? HTTP_MESSAGE[base] : base);
        if (verdict.reason !== 'request-path') context.report({ node, messageId: messageId('requestScoped'), data: { call, client } });
        else if (verdict.via) context.report({ node, messageId: messageId('perRequestFactory'), data: { call, client, cost, advice, factory: verdict.via.name } });
        else context.report({ node, messageId: messageId('perRequest'), data: { call, client, cost, advice } });
      }
    }

    if (!typed) return { 'Program:exit': check };
    return {
      NewExpression: collectTyped,
      CallExpression: collectTyped,
      'Program:exit': check,
    };
  },
});

// ---------------------------------------------------------------------------------------------------------

function calleeName(callee: TSESTree.Node): string | undefined {
  const value = skipExpressionWrappers(callee);
  if (value.type === AST_NODE_TYPES.Identifier) return value.name;
  if (value.type === AST_NODE_TYPES.MemberExpression) return memberName(value);
  return undefined;
}

/** `new Pool()`, `mysql.createPool()`, `new pg.Pool()`: the callee, without the arguments. */
function describeCall(node: TSESTree.NewExpression | TSESTree.CallExpression): string {
  const callee = describeExpression(node.callee, 40);
  return node.type === AST_NODE_TYPES.NewExpression ? `new ${callee}()` : `${callee}()`;
}

/** The creation sits in the arguments of another counted creation (`new Kysely({ dialect: new PostgresDialect({ pool: new Pool() }) })`). */
function isNestedInCreation(node: TSESTree.Node, counted: ReadonlySet<TSESTree.Node>): boolean {
  let child: TSESTree.Node = node;
  for (let current = node.parent, depth = 0; current && depth < 64; child = current, current = current.parent, depth++) {
    if (
      (current.type === AST_NODE_TYPES.NewExpression || current.type === AST_NODE_TYPES.CallExpression) &&
      counted.has(current) &&
      current.arguments.includes(child as TSESTree.CallExpressionArgument)
    ) {
      return true;
    }
  }
  return false;
}

/**
 * One client for a whole batch: made once per call, outside any loop, held in a variable, and used only in the
 * body of a loop over a collection (or an iteration callback) of the same function, directly or handed to a call
 * made there (`for (const purl of purls) await ingestOne(purl, dispatcher)`), besides being closed. Every element
 * reuses its connections. A client made inside the loop, or also used outside it, is not.
 */
function servesWholeBatch(creation: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, options: PerElementOptions): boolean {
  const fn = enclosingFunction(creation);
  if (!fn || getPerElementScope(creation, options)) return false;
  const declarator = holdingDeclarator(creation);
  const [variable] = declarator ? sourceCode.getDeclaredVariables(declarator) : [];
  if (!variable) return false;
  let loopUses = 0;
  for (const reference of variable.references) {
    if (!reference.isRead() || isCloseCall(reference.identifier)) continue;
    const scope = getPerElementScope(reference.identifier, options);
    if (!scope || !contains(fn, scope.node) || contains(scope.node, creation)) return false;
    loopUses++;
  }
  return loopUses > 0;
}

/** `const dispatcher = proxy ? new ProxyAgent(proxy) : undefined`: the declaration whose variable holds the created value. */
function holdingDeclarator(creation: TSESTree.Node): TSESTree.VariableDeclarator | undefined {
  let node = creation;
  for (let depth = 0; node.parent && depth < 8; node = node.parent, depth++) {
    const parent = node.parent;
    switch (parent.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.AwaitExpression:
        continue;
      case AST_NODE_TYPES.ConditionalExpression:
        if (parent.test === node) return undefined;
        continue;
      case AST_NODE_TYPES.VariableDeclarator:
        return parent.init === node && parent.id.type === AST_NODE_TYPES.Identifier ? parent : undefined;
      default:
        return undefined;
    }
  }
  return undefined;
}

/** Redis commands that hold their connection until they return: pops that wait, and subscriptions (the connection then takes no other command). */
const BLOCKING_REDIS_COMMANDS = new Set(['blpop', 'brpop', 'brpoplpush', 'blmove', 'blmpop', 'bzpopmin', 'bzpopmax', 'bzmpop', 'subscribe', 'psubscribe', 'ssubscribe']);
/** Stream reads, blocking when given `BLOCK` (ioredis's `'BLOCK', ms` arguments, node-redis's `{ BLOCK: ms }` option). */
const STREAM_READS = new Set(['xread', 'xreadgroup']);

/**
 * A connection the code opens for one job and closes when done, which no shared client could do as well:
 * - `const redis = new Redis(…)` that the same code waits on (`redis.xread('BLOCK', …)`, `blpop`, `subscribe`): a
 *   blocking command holds its connection, so a stream of server-sent events needs one of its own for as long as it
 *   lasts (Trigger.dev's realtime streams);
 * - an SQL client that only runs schema statements (`client.exec({ query: 'CREATE DATABASE IF NOT EXISTS …' })`): a
 *   provisioning step, often connected without a database (Dittofeed's ClickHouse bootstrap);
 * - a probe: a client that only connects (or runs `SELECT 1`) and closes, to test settings just entered (Tianji's
 *   warehouse URL check).
 * A client made per request for anything else, or never closed, is still reported.
 */
/** The presigners of the AWS SDK v3: they sign a URL or a form with the client's settings, and send nothing. */
const PRESIGNERS: ReadonlyMap<string, string> = new Map([
  ['@aws-sdk/s3-request-presigner', 'getSignedUrl'],
  ['@aws-sdk/s3-presigned-post', 'createPresignedPost'],
]);

/**
 * An AWS client held only to presign (`const client = new S3Client({ region, credentials }); return getSignedUrl(client,
 * command)`, Papermark's per-team storage): signing is local work, so the client never opens a connection nor keeps one.
 */
function onlyPresigns(creation: ClientCreation, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (creation.library !== 'aws-sdk') return false;
  const declarator = holdingDeclarator(creation.node);
  const variable = declarator && sourceCode.getDeclaredVariables(declarator)[0];
  if (!variable) return false;
  let presigns = false;
  for (const reference of variable.references) {
    if (reference.init) continue;
    const identifier = reference.identifier as TSESTree.Node;
    const call = identifier.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== identifier || call.callee.type !== AST_NODE_TYPES.Identifier) return false;
    const origin = getImportOrigin(call.callee, sourceCode.getScope(call));
    if (origin === undefined || PRESIGNERS.get(origin.source) !== origin.imported) return false;
    presigns = true;
  }
  return presigns;
}

function isDedicatedConnection(creation: ClientCreation, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const declarator = holdingDeclarator(creation.node);
  const variable = declarator && sourceCode.getDeclaredVariables(declarator)[0];
  if (!variable) return false;
  const redis = creation.library === 'ioredis' || creation.library === 'redis';
  let blocks = false;
  let closes = false;
  let otherUses = 0;
  for (const reference of variable.references) {
    const identifier = reference.identifier as TSESTree.Node;
    if (reference.init) continue;
    if (isCloseCall(identifier)) {
      closes = true;
      continue;
    }
    const member = identifier.parent;
    const call = member?.type === AST_NODE_TYPES.MemberExpression && member.object === identifier ? member.parent : undefined;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) {
      otherUses++;
      continue;
    }
    const method = memberName(member)?.toLowerCase();
    if (redis && method !== undefined && (BLOCKING_REDIS_COMMANDS.has(method) || (STREAM_READS.has(method) && passesBlock(call)))) blocks = true;
    // Schema statements, and probes (connect, `SELECT 1`, close: Tianji's check of a warehouse URL just typed in,
    // which no pool may hold yet) are what such a connection is for; anything else is the client's use.
    else if (!redis && (isSchemaStatement(call) || isProbeStatement(call))) continue;
    else if (method === undefined || !CONNECTION_SETUP_METHODS.has(method)) otherUses++;
  }
  return closes && (blocks || otherUses === 0);
}

/** `await client.query('SELECT 1');`: a literal statement that only tests the connection, its result dropped. */
function isProbeStatement(call: TSESTree.CallExpression): boolean {
  const { child, parent } = parentSkippingWrappers(call);
  const statement = parent?.type === AST_NODE_TYPES.AwaitExpression ? parentSkippingWrappers(parent).parent : parent;
  if (statement?.type !== AST_NODE_TYPES.ExpressionStatement || (parent?.type !== AST_NODE_TYPES.AwaitExpression && statement.expression !== child)) return false;
  const first = call.arguments.length === 1 ? skipExpressionWrappers(call.arguments[0]) : undefined;
  const text =
    first?.type === AST_NODE_TYPES.Literal && typeof first.value === 'string' ? first.value : first?.type === AST_NODE_TYPES.TemplateLiteral && first.expressions.length === 0 ? first.quasis[0].value.cooked : undefined;
  if (typeof text !== 'string') return false;
  const words = text.trim().replace(/;$/, '').toUpperCase().split(/\s+/);
  return words[0] === 'SELECT' && words[1] === '1' && (words.length === 2 || (words.length === 4 && words[2] === 'AS'));
}

/** Calls that set a connection up rather than use it. */
const CONNECTION_SETUP_METHODS = new Set(['connect', 'on', 'once', 'ping']);
/** Statements that change a schema or a database, not its rows. */
const SCHEMA_KEYWORDS = new Set(['CREATE', 'ALTER', 'DROP']);

/** `client.query('CREATE …')`, `client.exec({ query: \`CREATE DATABASE IF NOT EXISTS ${db}\` })`: a literal statement that changes a schema. */
function isSchemaStatement(call: TSESTree.CallExpression): boolean {
  const [first] = call.arguments;
  if (!first) return false;
  let text = stringHead(skipExpressionWrappers(first));
  if (text === undefined && first.type === AST_NODE_TYPES.ObjectExpression) {
    for (const property of first.properties) {
      if (property.type === AST_NODE_TYPES.Property && SQL_TEXT_KEYS.has(propertyKeyName(property) ?? '')) text = stringHead(skipExpressionWrappers(property.value));
    }
  }
  const keyword = text === undefined ? undefined : leadingKeyword(text);
  return keyword !== undefined && SCHEMA_KEYWORDS.has(keyword);
}

const SQL_TEXT_KEYS = new Set(['query', 'sql', 'text']);

/** An argument `'BLOCK'` (any case) or an options object with a `BLOCK` key. */
function passesBlock(call: TSESTree.CallExpression): boolean {
  return call.arguments.some((argument) => {
    const value = skipExpressionWrappers(argument);
    if (value.type === AST_NODE_TYPES.Literal) return typeof value.value === 'string' && value.value.toUpperCase() === 'BLOCK';
    return value.type === AST_NODE_TYPES.ObjectExpression && value.properties.some((property) => property.type === AST_NODE_TYPES.Property && propertyKeyName(property)?.toUpperCase() === 'BLOCK');
  });
}

/** `client.close()`, `dispatcher?.close()`, `pool.end()`: the end of the client's life, not a use. */
function isCloseCall(identifier: TSESTree.Node): boolean {
  const member = identifier.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== identifier) return false;
  const call = member.parent;
  return call?.type === AST_NODE_TYPES.CallExpression && call.callee === member && CLOSE_METHODS.has(memberName(member) ?? '');
}


/**
 * Node's `http`/`https` `Agent` made to be used for one call: it opts out of reusing connections (`keepAlive: false`,
 * `maxCachedSessions: 0`: Tianji's monitor wants fresh DNS, TCP and TLS timings on every check), or resolves names
 * with a `lookup` built for this call (Karakeep's and Linkwarden's fetches pin the addresses they have just checked
 * against SSRF). A shared agent would defeat either purpose.
 */
function isAgentForOneCall(creation: ClientCreation, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (creation.library !== 'http' || creation.node.type !== AST_NODE_TYPES.NewExpression) return false;
  const argument = creation.node.arguments[0] && skipExpressionWrappers(creation.node.arguments[0]);
  // `const httpsAgentOptions = { keepAlive: false, … }; new https.Agent(httpsAgentOptions)` (Tianji's monitor).
  const held = argument?.type === AST_NODE_TYPES.Identifier ? constInitializer(argument, sourceCode.getScope(argument)) : argument;
  const options = held && skipExpressionWrappers(held);
  if (options?.type !== AST_NODE_TYPES.ObjectExpression) return false;
  return options.properties.some((property) => {
    if (property.type !== AST_NODE_TYPES.Property) return false;
    const name = propertyKeyName(property);
    const value = skipExpressionWrappers(property.value);
    if (name === 'keepAlive') return value.type === AST_NODE_TYPES.Literal && value.value === false;
    if (name === 'maxCachedSessions') return value.type === AST_NODE_TYPES.Literal && value.value === 0;
    return name === 'lookup' && (value.type === AST_NODE_TYPES.CallExpression || value.type === AST_NODE_TYPES.ArrowFunctionExpression || value.type === AST_NODE_TYPES.FunctionExpression);
  });
}

/**
 * A connection made from a per-request binding, such as Cloudflare Hyperdrive (`env.HYPERDRIVE.connectionString`,
 * `c.env.HYPERDRIVE.host`): the platform pools the connections, and its bindings exist only per request, so the
 * documented pattern is a client per request.
 */
function usesPerRequestBinding(node: TSESTree.NewExpression | TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const stack: TSESTree.Node[] = [...node.arguments];
  for (let seen = 0; stack.length > 0 && seen < 200; seen++) {
    const current = stack.pop()!;
    if (current.type === AST_NODE_TYPES.MemberExpression) {
      if (isBindingMember(current, sourceCode)) return true;
      stack.push(current.object);
      continue;
    }
    if (current.type === AST_NODE_TYPES.ObjectExpression) {
      for (const property of current.properties) stack.push(property.type === AST_NODE_TYPES.Property ? property.value : property.argument);
    } else if (current.type === AST_NODE_TYPES.TemplateLiteral) {
      stack.push(...current.expressions);
    } else if (current.type === AST_NODE_TYPES.LogicalExpression || current.type === AST_NODE_TYPES.BinaryExpression) {
      stack.push(current.left, current.right);
    } else if (current.type === AST_NODE_TYPES.TSAsExpression || current.type === AST_NODE_TYPES.TSNonNullExpression || current.type === AST_NODE_TYPES.ChainExpression) {
      stack.push(current.expression);
    }
  }
  return false;
}

/** `env.BINDING.prop` or `c.env.BINDING.prop`, where `env` is a parameter (or a parameter's `env`), never `process.env`. */
function isBindingMember(member: TSESTree.MemberExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const binding = skipExpressionWrappers(member.object);
  if (binding.type !== AST_NODE_TYPES.MemberExpression) return false;
  let env = skipExpressionWrappers(binding.object);
  if (env.type === AST_NODE_TYPES.MemberExpression) {
    if (memberName(env) !== 'env') return false;
    env = skipExpressionWrappers(env.object);
    if (env.type !== AST_NODE_TYPES.Identifier || env.name === 'process') return false;
  } else if (env.type !== AST_NODE_TYPES.Identifier || env.name !== 'env') {
    return false;
  }
  if (env.type !== AST_NODE_TYPES.Identifier) return false;
  const scope = sourceCode.getScope(env);
  for (let current: typeof scope | null = scope; current; current = current.upper) {
    const variable = current.set.get(env.name);
    if (variable) return variable.defs.some((def) => def.type === 'Parameter');
  }
  return false;
}

/**
 * Which calls create a database, cache or HTTP client, pool or connection: `new PrismaClient()`,
 * `new Pool()` (pg), `mysql.createPool()`, `new Redis()` (ioredis), `createClient()` (redis),
 * `new MongoClient()`, `mongoose.createConnection()`, `new Sequelize()`, `knex(config)`,
 * `new DataSource()` (TypeORM), `MikroORM.init()`, `new Kysely()`, `drizzle(url)`, `new http.Agent()`, undici dispatchers,
 * `axios.create()`, `got.extend()`, BullMQ's `new Queue()` and `new Worker()` (each holds Redis connections), the AWS
 * SDK's `new S3Client()` and other service clients (each holds an HTTP connection pool).
 *
 * Constructors are found through real imports (import, require, renames, destructuring, namespaces,
 * `node:` specifiers), never by name alone. A Prisma client generated into the project
 * (`import { PrismaClient } from '../generated/prisma'`) counts too, as it does for the database analysis.
 * With type information, a `new X()` or `createX()` reached through a project re-export counts when the
 * checker says a client package declares what it builds.
 *
 * Rules call `getClientConstructors(context)`: `creations()` lists what imports show, `classifyByType(node)`
 * adds the typed cases one node at a time (rules pre-filter with `TYPED_CANDIDATE_NAMES`).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast/node-types';
import { constInitializer, getTypeOrigin, getTypeServices, memberName, packageOfSpecifier, skipExpressionWrappers, type TypeServices } from './library-origin';
import { importedName, isProjectModuleSpecifier, moduleTraceMap, ReferenceTracker, trackModuleReferences, type TraceMap } from './modules';
import { FileCache } from './per-file';

export type ClientLibrary =
  | 'prisma'
  | 'pg'
  | 'postgres'
  | 'mysql2'
  | 'ioredis'
  | 'redis'
  | 'mongodb'
  | 'mongoose'
  | 'sequelize'
  | 'knex'
  | 'typeorm'
  | 'kysely'
  | 'drizzle'
  | 'mikro-orm'
  | 'http'
  | 'agentkeepalive'
  | 'undici'
  | 'axios'
  | 'got'
  | 'bullmq'
  | 'aws-sdk'
  | 'aws-sdk-v2'
  | 'cloud-storage'
  | 'clickhouse';

export type ClientCategory = 'database' | 'cache' | 'http' | 'queue';

/** One constructor or factory of a client library. */
export interface ClientConstructor {
  library: ClientLibrary;
  category: ClientCategory;
  /** The API as its library documents it: `PrismaClient`, `Pool`, `createPool`, `create`. */
  api: string;
  /** What it makes, for messages: `PrismaClient`, `pg Pool`, `mysql2 pool`, `axios instance`. */
  makes: string;
  /**
   * A wrapper that opens connections only for some configurations (drizzle over a URL, Kysely with its own
   * dialect) and otherwise wraps a client it is given: see `ClientCreation.opensConnections`.
   */
  wrapper?: 'drizzle' | 'kysely' | 'bullmq-queue';
  /**
   * The library keeps the connection in its own global state and returns it when called again with the same
   * settings (`mongoose.connect`): the call stores its result itself.
   */
  globalConnection?: boolean;
}

export interface ClientCreation extends ClientConstructor {
  node: TSESTree.NewExpression | TSESTree.CallExpression;
  /** The module specifier it was imported from (`mysql2/promise`, `../generated/prisma`), or the package its type comes from. */
  source: string;
  evidence: 'import' | 'type';
  /**
   * It opens connections of its own. False for wrappers handed an existing client or pool
   * (`drizzle(pool)`, `new Kysely({ dialect })` over a shared dialect or pool).
   */
  opensConnections: boolean;
}

export interface ClientConstructorAnalyzer {
  /** Every creation this file's imports show, in source order. */
  creations(): readonly ClientCreation[];
  /** The creation `node` makes, found by imports, else (with type information) by the type of what it builds. */
  classify(node: TSESTree.NewExpression | TSESTree.CallExpression): ClientCreation | undefined;
}

/**
 * Callee names worth a type query when imports do not explain a `new X()` or `x()`: the constructors and the
 * unambiguous factories of the table (a bare `connect` or `create` is too common to ask about).
 */
export const TYPED_CANDIDATE_NAMES: ReadonlySet<string> = new Set([
  'PrismaClient',
  'Pool',
  'Client',
  'Redis',
  'Cluster',
  'MongoClient',
  'Sequelize',
  'DataSource',
  'Kysely',
  'Agent',
  'HttpsAgent',
  'BalancedPool',
  'RoundRobinPool',
  'ProxyAgent',
  'EnvHttpProxyAgent',
  'createPool',
  'createPoolCluster',
  'createConnection',
  'createClient',
  'createClientPool',
  'createCluster',
  'createSentinel',
  'Queue',
  'Worker',
  'QueueEvents',
  'FlowProducer',
]);

// ---------------------------------------------------------------------------------------------------------
// The table.

const { CALL, CONSTRUCT } = ReferenceTracker;

type TraceNode = { [key: string]: TraceNode; [CALL]?: ClientConstructor; [CONSTRUCT]?: ClientConstructor };

function made(library: ClientLibrary, category: ClientCategory, api: string, makes: string, extra: Partial<ClientConstructor> = {}): ClientConstructor {
  return { library, category, api, makes, ...extra };
}
const constructs = (info: ClientConstructor): TraceNode => ({ [CONSTRUCT]: info }) as TraceNode;
const calls = (info: ClientConstructor): TraceNode => ({ [CALL]: info }) as TraceNode;

const PRISMA = constructs(made('prisma', 'database', 'PrismaClient', 'PrismaClient'));
const PRISMA_MODULE: TraceNode = { PrismaClient: PRISMA } as TraceNode;

const PG_MODULE: TraceNode = {
  Client: constructs(made('pg', 'database', 'Client', 'pg Client')),
  Pool: constructs(made('pg', 'database', 'Pool', 'pg Pool')),
} as TraceNode;
PG_MODULE.native = { ...PG_MODULE } as TraceNode;

const MYSQL_MODULE = (library: 'mysql2'): TraceNode =>
  ({
    createConnection: calls(made(library, 'database', 'createConnection', `${library} connection`)),
    createPool: calls(made(library, 'database', 'createPool', `${library} pool`)),
    createPoolCluster: calls(made(library, 'database', 'createPoolCluster', `${library} pool cluster`)),
  }) as TraceNode;

const IOREDIS_CLIENT = made('ioredis', 'cache', 'Redis', 'ioredis client');
const IOREDIS_CLUSTER = constructs(made('ioredis', 'cache', 'Cluster', 'ioredis cluster client'));
const IOREDIS_MODULE: TraceNode = {
  [CONSTRUCT]: IOREDIS_CLIENT,
  Redis: { [CONSTRUCT]: IOREDIS_CLIENT, Cluster: IOREDIS_CLUSTER },
  Cluster: IOREDIS_CLUSTER,
} as TraceNode;

const REDIS_MODULE: TraceNode = {
  createClient: calls(made('redis', 'cache', 'createClient', 'redis client')),
  createClientPool: calls(made('redis', 'cache', 'createClientPool', 'redis client pool')),
  createCluster: calls(made('redis', 'cache', 'createCluster', 'redis cluster client')),
  createSentinel: calls(made('redis', 'cache', 'createSentinel', 'redis sentinel client')),
} as TraceNode;

const MONGO_CLIENT = made('mongodb', 'database', 'MongoClient', 'MongoClient');
const MONGODB_MODULE: TraceNode = {
  MongoClient: { [CONSTRUCT]: MONGO_CLIENT, connect: calls({ ...MONGO_CLIENT, api: 'MongoClient.connect' }) },
} as TraceNode;

const MONGOOSE_MODULE: TraceNode = {
  connect: calls(made('mongoose', 'database', 'connect', 'mongoose connection', { globalConnection: true })),
  createConnection: calls(made('mongoose', 'database', 'createConnection', 'mongoose connection')),
} as TraceNode;

const SEQUELIZE = made('sequelize', 'database', 'Sequelize', 'Sequelize instance');
const SEQUELIZE_MODULE: TraceNode = { [CONSTRUCT]: SEQUELIZE, Sequelize: constructs(SEQUELIZE) } as TraceNode;

const KNEX = made('knex', 'database', 'knex', 'knex instance');
const KNEX_MODULE: TraceNode = { [CALL]: KNEX, knex: calls(KNEX) } as TraceNode;

const TYPEORM_MODULE: TraceNode = {
  DataSource: constructs(made('typeorm', 'database', 'DataSource', 'TypeORM DataSource')),
  createConnection: calls(made('typeorm', 'database', 'createConnection', 'TypeORM connection')),
} as TraceNode;

const MIKRO_ORM = made('mikro-orm', 'database', 'MikroORM.init', 'MikroORM instance');
const MIKRO_ORM_MODULE: TraceNode = { MikroORM: { init: calls(MIKRO_ORM), initSync: calls({ ...MIKRO_ORM, api: 'MikroORM.initSync' }) } } as TraceNode;

const KYSELY_MODULE: TraceNode = { Kysely: constructs(made('kysely', 'database', 'Kysely', 'Kysely instance', { wrapper: 'kysely' })) } as TraceNode;
const DRIZZLE_MODULE: TraceNode = { drizzle: calls(made('drizzle', 'database', 'drizzle', 'drizzle database', { wrapper: 'drizzle' })) } as TraceNode;

const HTTP_AGENT = (library: 'http'): TraceNode => ({ Agent: constructs(made(library, 'http', 'Agent', 'http Agent')) }) as TraceNode;
const KEEPALIVE_AGENT = made('agentkeepalive', 'http', 'Agent', 'keep-alive Agent');
const AGENTKEEPALIVE_MODULE: TraceNode = { [CONSTRUCT]: KEEPALIVE_AGENT, HttpsAgent: constructs({ ...KEEPALIVE_AGENT, api: 'HttpsAgent' }) } as TraceNode;

/** undici dispatchers that own connection pools (RetryAgent and the mocks wrap or fake one). */
const UNDICI_MODULE: TraceNode = Object.fromEntries(
  ['Agent', 'Pool', 'Client', 'BalancedPool', 'RoundRobinPool', 'ProxyAgent', 'EnvHttpProxyAgent', 'H2CClient'].map((name) => [
    name,
    constructs(made('undici', 'http', name, `undici ${name}`)),
  ]),
) as TraceNode;

const AXIOS_MODULE: TraceNode = { create: calls(made('axios', 'http', 'create', 'axios instance')) } as TraceNode;
const GOT_EXTEND = calls(made('got', 'http', 'extend', 'got instance'));
const GOT_MODULE: TraceNode = { extend: GOT_EXTEND, got: { extend: GOT_EXTEND } } as TraceNode;

/**
 * BullMQ: a `Queue` or `FlowProducer` opens its own Redis connection unless handed an existing client as
 * `connection` (which it then shares); a `Worker` and `QueueEvents` also open a blocking one either way.
 */
const BULLMQ_MODULE: TraceNode = {
  Queue: constructs(made('bullmq', 'queue', 'Queue', 'BullMQ Queue', { wrapper: 'bullmq-queue' })),
  FlowProducer: constructs(made('bullmq', 'queue', 'FlowProducer', 'BullMQ FlowProducer', { wrapper: 'bullmq-queue' })),
  Worker: constructs(made('bullmq', 'queue', 'Worker', 'BullMQ Worker')),
  QueueEvents: constructs(made('bullmq', 'queue', 'QueueEvents', 'BullMQ QueueEvents')),
} as TraceNode;

const POSTGRES_MODULE: TraceNode = calls(made('postgres', 'database', 'postgres', 'postgres.js pool'));
/** ClickHouse's official client: `createClient()` keeps its own HTTP agent with a pool of kept-alive sockets. */
const CLICKHOUSE_MODULE: TraceNode = { createClient: calls(made('clickhouse', 'database', 'createClient', 'ClickHouse client')) } as TraceNode;

/**
 * The AWS SDK v3 clients most backends use, by package: each `XClient` (and its aggregated `X` class) holds its
 * own HTTP connection pool and credential provider, like an HTTP agent.
 */
const AWS_CLIENTS: Readonly<Record<string, string>> = {
  s3: 'S3', ses: 'SES', sesv2: 'SESv2', sqs: 'SQS', sns: 'SNS', dynamodb: 'DynamoDB', lambda: 'Lambda', kinesis: 'Kinesis',
  firehose: 'Firehose', 'secrets-manager': 'SecretsManager', ssm: 'SSM', kms: 'KMS', sts: 'STS', eventbridge: 'EventBridge',
  'cloudwatch-logs': 'CloudWatchLogs', cloudwatch: 'CloudWatch', sfn: 'SFN', 'bedrock-runtime': 'BedrockRuntime',
  'cognito-identity-provider': 'CognitoIdentityProvider', textract: 'Textract', rekognition: 'Rekognition', athena: 'Athena',
  scheduler: 'Scheduler', 'sagemaker-runtime': 'SageMakerRuntime', translate: 'Translate', polly: 'Polly', transcribe: 'Transcribe',
};
const AWS_MODULES: Readonly<Record<string, TraceNode>> = Object.fromEntries(
  Object.entries(AWS_CLIENTS).map(([service, name]) => {
    const client = made('aws-sdk', 'http', `${name}Client`, `AWS ${name}Client`);
    return [`@aws-sdk/client-${service}`, { [`${name}Client`]: constructs(client), [name]: constructs({ ...client, api: name, makes: `AWS ${name} client` }) } as TraceNode];
  }),
);

/**
 * AWS SDK v2: `new AWS.S3()` from the whole SDK, or `new S3()` from `aws-sdk/clients/s3`; the same services as v3.
 * Unlike v3's, v2's clients share one HTTP agent; what each new one repeats is its credential lookup.
 */
const AWS_V2_MODULES: Readonly<Record<string, TraceNode>> = {
  'aws-sdk': Object.fromEntries(Object.values(AWS_CLIENTS).map((name) => [name, constructs(made('aws-sdk-v2', 'http', name, `AWS ${name} client`))])) as TraceNode,
  ...Object.fromEntries(
    Object.entries(AWS_CLIENTS).map(([service, name]) => [`aws-sdk/clients/${service.replace(/-/g, '')}`, constructs(made('aws-sdk-v2', 'http', name, `AWS ${name} client`))]),
  ),
};

/**
 * Google Cloud Storage's `Storage` and Azure's `BlobServiceClient` (also from a connection string): each keeps its own
 * HTTP agent and authenticates on its own (an OAuth token fetch, a key exchange).
 */
const GOOGLE_STORAGE_MODULE: TraceNode = { Storage: constructs(made('cloud-storage', 'http', 'Storage', 'Google Cloud Storage client')) } as TraceNode;
const AZURE_BLOB = made('cloud-storage', 'http', 'BlobServiceClient', 'Azure BlobServiceClient');
const AZURE_BLOB_MODULE: TraceNode = {
  BlobServiceClient: { [CONSTRUCT]: AZURE_BLOB, fromConnectionString: calls({ ...AZURE_BLOB, api: 'BlobServiceClient.fromConnectionString' }) },
} as TraceNode;

const TABLE: Readonly<Record<string, TraceNode>> = {
  '@prisma/client': PRISMA_MODULE,
  '@prisma/client/edge': PRISMA_MODULE,
  pg: PG_MODULE,
  'pg-pool': constructs(made('pg', 'database', 'Pool', 'pg Pool')),
  postgres: POSTGRES_MODULE,
  mysql2: MYSQL_MODULE('mysql2'),
  'mysql2/promise': MYSQL_MODULE('mysql2'),
  ioredis: IOREDIS_MODULE,
  redis: REDIS_MODULE,
  '@redis/client': REDIS_MODULE,
  mongodb: MONGODB_MODULE,
  mongoose: MONGOOSE_MODULE,
  sequelize: SEQUELIZE_MODULE,
  '@sequelize/core': SEQUELIZE_MODULE,
  'sequelize-typescript': SEQUELIZE_MODULE,
  knex: KNEX_MODULE,
  typeorm: TYPEORM_MODULE,
  kysely: KYSELY_MODULE,
  ...Object.fromEntries(['core', 'postgresql', 'mysql', 'mariadb', 'sqlite', 'better-sqlite', 'libsql', 'mssql', 'mongodb'].map((driver) => [`@mikro-orm/${driver}`, MIKRO_ORM_MODULE])),
  'drizzle-orm/node-postgres': DRIZZLE_MODULE,
  'drizzle-orm/postgres-js': DRIZZLE_MODULE,
  'drizzle-orm/mysql2': DRIZZLE_MODULE,
  http: HTTP_AGENT('http'),
  https: HTTP_AGENT('http'),
  agentkeepalive: AGENTKEEPALIVE_MODULE,
  undici: UNDICI_MODULE,
  axios: AXIOS_MODULE,
  got: GOT_MODULE,
  bullmq: BULLMQ_MODULE,
  '@taskforcesh/bullmq-pro': BULLMQ_MODULE,
  '@clickhouse/client': CLICKHOUSE_MODULE,
  '@clickhouse/client-web': CLICKHOUSE_MODULE,
  ...AWS_MODULES,
  ...AWS_V2_MODULES,
  '@google-cloud/storage': GOOGLE_STORAGE_MODULE,
  '@azure/storage-blob': AZURE_BLOB_MODULE,
};

const TRACE_MAP = moduleTraceMap(TABLE as unknown as TraceMap<ClientConstructor>);

/**
 * For type evidence: per package (as `packageOfFile` names it), the constructors by the name of the type they
 * build (`new X()`) and the factories by their own name (`createPool()`). Node's `http.Agent` is declared by
 * `@types/node`.
 */
const BY_PACKAGE: ReadonlyMap<string, ReadonlyMap<string, ClientConstructor>> = (() => {
  const out = new Map<string, Map<string, ClientConstructor>>();
  const add = (pkg: string, name: string, info: ClientConstructor) => {
    let names = out.get(pkg);
    if (!names) out.set(pkg, (names = new Map()));
    if (!names.has(name)) names.set(name, info);
  };
  const visit = (pkg: string, node: TraceNode, name: string | undefined, depth: number) => {
    const info = node[CONSTRUCT] ?? node[CALL];
    if (info && (name ?? info.api) === info.api) add(pkg, info.api, info);
    if (depth > 2) return;
    for (const [key, child] of Object.entries(node)) visit(pkg, child, key, depth + 1);
  };
  for (const [source, node] of Object.entries(TABLE)) {
    const pkg = source === 'http' || source === 'https' ? 'node' : packageOfSpecifier(source);
    visit(pkg, node, undefined, 0);
  }
  return out;
})();

// ---------------------------------------------------------------------------------------------------------

class Analyzer implements ClientConstructorAnalyzer {
  private tracked: Map<TSESTree.Node, ClientCreation> | undefined;
  private readonly typeServices: TypeServices | undefined;

  constructor(private readonly sourceCode: Readonly<TSESLint.SourceCode>, context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>) {
    this.typeServices = getTypeServices(context);
  }

  creations(): readonly ClientCreation[] {
    return [...this.index().values()].sort((a, b) => a.node.range[0] - b.node.range[0]);
  }

  classify(node: TSESTree.NewExpression | TSESTree.CallExpression): ClientCreation | undefined {
    return this.index().get(node) ?? this.classifyByType(node);
  }

  private index(): Map<TSESTree.Node, ClientCreation> {
    if (this.tracked) return this.tracked;
    const tracked = new Map<TSESTree.Node, ClientCreation>();
    const record = (node: TSESTree.Node, info: ClientConstructor, source: string) => {
      if (node.type !== AST_NODE_TYPES.NewExpression && node.type !== AST_NODE_TYPES.CallExpression) return;
      if (tracked.has(node)) return;
      tracked.set(node, { ...info, node, source, evidence: 'import', opensConnections: this.opensConnections(info, node) });
    };
    for (const { node, path, info } of trackModuleReferences(this.sourceCode, TRACE_MAP)) record(node, info, path[0]);
    // A file that never spells `PrismaClient` imports no re-exported one (most files: no walk of its imports).
    const projectPrisma = this.sourceCode.text.includes('PrismaClient') ? projectPrismaSources(this.sourceCode.ast) : [];
    if (projectPrisma.length > 0) {
      const map = Object.fromEntries(projectPrisma.map((source) => [source, PRISMA_MODULE]));
      for (const { node, path, info } of trackModuleReferences(this.sourceCode, moduleTraceMap(map as unknown as TraceMap<ClientConstructor>))) record(node, info, path[0]);
    }
    this.tracked = tracked;
    return tracked;
  }

  /** With type information: a `new X()` whose built type, or a `createX()` whose function, a client package declares. */
  private classifyByType(node: TSESTree.NewExpression | TSESTree.CallExpression): ClientCreation | undefined {
    if (!this.typeServices) return undefined;
    const name = calleeName(node.callee);
    if (name === undefined || !TYPED_CANDIDATE_NAMES.has(name)) return undefined;
    const isNew = node.type === AST_NODE_TYPES.NewExpression;
    const origin = getTypeOrigin(isNew ? node : node.callee, this.typeServices);
    if (origin.kind !== 'package') return undefined;
    const names = BY_PACKAGE.get(origin.packageName);
    // A constructor is known by the type it builds (an alias may rename the class); a factory by its name.
    const info = isNew ? (names?.get(origin.typeName) ?? names?.get(name)) : names?.get(name);
    if (!info || (isNew && info.api.startsWith('create'))) return undefined;
    return { ...info, node, source: origin.packageName, evidence: 'type', opensConnections: this.opensConnections(info, node) };
  }

  private opensConnections(info: ClientConstructor, node: TSESTree.NewExpression | TSESTree.CallExpression): boolean {
    if (info.wrapper === 'drizzle') return this.drizzleOpensConnections(node.arguments[0]);
    if (info.wrapper === 'kysely') return kyselyOpensConnections(node.arguments[0], this.sourceCode);
    if (info.wrapper === 'bullmq-queue') return bullmqQueueOpensConnection(node.arguments[1], this.sourceCode);
    return true;
  }

  /** `drizzle(url)`, `drizzle(process.env.DATABASE_URL)`, `drizzle({ connection })` make a pool; `drizzle(pool)` and `drizzle({ client })` wrap one. */
  private drizzleOpensConnections(argument: TSESTree.Node | undefined): boolean {
    if (!argument) return false;
    let value = skipExpressionWrappers(argument);
    if (value.type === AST_NODE_TYPES.Identifier) {
      if (this.typeServices) return this.isStringTyped(value);
      value = constInitializer(value, this.sourceCode.getScope(value)) ?? value;
    }
    if (isStringExpression(value)) return true;
    if (value.type === AST_NODE_TYPES.ObjectExpression) return hasProperty(value, 'connection') && !hasProperty(value, 'client');
    return this.typeServices !== undefined && this.isStringTyped(value);
  }

  private isStringTyped(node: TSESTree.Node): boolean {
    const services = this.typeServices!;
    const tsNode = services.services.esTreeNodeToTSNodeMap.get(node as never);
    if (!tsNode) return false;
    const type = services.checker.getTypeAtLocation(tsNode);
    const parts = type.isUnion() ? type.types : [type];
    // 402653316 = ts.TypeFlags.StringLike; 98304 = Undefined | Null (`process.env.X` is `string | undefined`).
    return parts.some((part) => (part.flags & 402653316) !== 0) && parts.every((part) => (part.flags & (402653316 | 98304)) !== 0);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Helpers.

/** Project modules this file imports a `PrismaClient` from: a client generated into the source tree. */
function projectPrismaSources(program: TSESTree.Program): string[] {
  const sources = new Set<string>();
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration && isProjectModuleSpecifier(statement.source.value, program)) {
      const importsClient = statement.specifiers.some((specifier) => specifier.type === AST_NODE_TYPES.ImportSpecifier && importedName(specifier) === 'PrismaClient');
      if (importsClient) sources.add(statement.source.value);
    }
    if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of statement.declarations) {
        const init = declarator.init;
        if (
          declarator.id.type === AST_NODE_TYPES.ObjectPattern &&
          init?.type === AST_NODE_TYPES.CallExpression &&
          init.callee.type === AST_NODE_TYPES.Identifier &&
          init.callee.name === 'require' &&
          init.arguments[0]?.type === AST_NODE_TYPES.Literal &&
          typeof init.arguments[0].value === 'string' &&
          isProjectModuleSpecifier(init.arguments[0].value, program) &&
          declarator.id.properties.some(
            (property) => property.type === AST_NODE_TYPES.Property && !property.computed && property.key.type === AST_NODE_TYPES.Identifier && property.key.name === 'PrismaClient',
          )
        ) {
          sources.add(init.arguments[0].value);
        }
      }
    }
  }
  return [...sources];
}

/**
 * `new Kysely({ dialect: new PostgresDialect({ pool: new Pool() }) })` builds its own pool; a dialect shared
 * from elsewhere, or an inline dialect handed an existing pool or database, does not.
 */
function kyselyOpensConnections(argument: TSESTree.Node | undefined, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const config = objectLiteral(argument, sourceCode);
  const dialect = config && propertyValue(config, 'dialect');
  if (!dialect) return false;
  const inline = skipExpressionWrappers(dialect);
  if (inline.type !== AST_NODE_TYPES.NewExpression) return false;
  const options = objectLiteral(inline.arguments[0], sourceCode);
  if (!options) return false;
  for (const key of ['pool', 'database', 'connection', 'client']) {
    const value = propertyValue(options, key);
    if (value && isExistingValue(value)) return false;
  }
  return true;
}

/**
 * `new Queue(name, { connection: { host, port } })` opens a connection; `{ connection: redis }` shares an existing
 * client. Options the file does not spell out (`new Queue(name, opts)`, `{ ...base }`) may hold either: unknown, so not counted.
 */
function bullmqQueueOpensConnection(argument: TSESTree.Node | undefined, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const options = objectLiteral(argument, sourceCode);
  if (!options || options.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement)) return false;
  // Connection settings (`{ host, port }`, inline or in a const) open one; a client (`redis`, `new Redis()`, counted
  // itself) is shared.
  return objectLiteral(propertyValue(options, 'connection'), sourceCode) !== undefined;
}

/** A reference to something made elsewhere: `pool`, `this.pool`, `deps.db`. */
function isExistingValue(node: TSESTree.Node): boolean {
  const value = skipExpressionWrappers(node);
  return value.type === AST_NODE_TYPES.Identifier || value.type === AST_NODE_TYPES.MemberExpression;
}

function objectLiteral(node: TSESTree.Node | undefined, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.ObjectExpression | undefined {
  if (!node) return undefined;
  let value = skipExpressionWrappers(node);
  if (value.type === AST_NODE_TYPES.Identifier) value = constInitializer(value, sourceCode.getScope(value)) ?? value;
  value = skipExpressionWrappers(value);
  return value.type === AST_NODE_TYPES.ObjectExpression ? value : undefined;
}

function propertyValue(object: TSESTree.ObjectExpression, key: string): TSESTree.Node | undefined {
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const name = !property.computed && property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : property.key.type === AST_NODE_TYPES.Literal ? String(property.key.value) : undefined;
    if (name === key) return property.value;
  }
  return undefined;
}

function hasProperty(object: TSESTree.ObjectExpression, key: string): boolean {
  return propertyValue(object, key) !== undefined;
}

/** A string literal, a template literal, or `process.env.X`. */
function isStringExpression(node: TSESTree.Node): boolean {
  const value = skipExpressionWrappers(node);
  if (value.type === AST_NODE_TYPES.Literal) return typeof value.value === 'string';
  if (value.type === AST_NODE_TYPES.TemplateLiteral) return true;
  if (value.type === AST_NODE_TYPES.LogicalExpression) return isStringExpression(value.left) || isStringExpression(value.right);
  if (value.type !== AST_NODE_TYPES.MemberExpression) return false;
  const object = skipExpressionWrappers(value.object);
  return (
    object.type === AST_NODE_TYPES.MemberExpression &&
    memberName(object) === 'env' &&
    skipExpressionWrappers(object.object).type === AST_NODE_TYPES.Identifier &&
    (skipExpressionWrappers(object.object) as TSESTree.Identifier).name === 'process'
  );
}

/** The initialiser of the `const` that `identifier` names, if it has exactly one definition. */
/** `Pool` for `new Pool()`, `new pg.Pool()`, `mysql.createPool()`. */
function calleeName(callee: TSESTree.Node): string | undefined {
  const value = skipExpressionWrappers(callee);
  if (value.type === AST_NODE_TYPES.Identifier) return value.name;
  if (value.type === AST_NODE_TYPES.MemberExpression) return memberName(value);
  return undefined;
}

const analyzers = new FileCache<Analyzer>();

/** One analyzer per linted file, shared by every rule that asks (cached on the SourceCode object). */
export function getClientConstructors(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): ClientConstructorAnalyzer {
  return analyzers.get(context.sourceCode, () => new Analyzer(context.sourceCode, context));
}

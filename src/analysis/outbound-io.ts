/**
 * Which calls are slow outbound I/O, of which kind, through which client: HTTP requests (answered by the
 * HTTP analysis, src/analysis/http-clients.ts), database operations and Redis commands (answered by the
 * database analysis, src/analysis/db-operations.ts), queue and event-bus publishes, e-mail sends,
 * asynchronous file-system calls, and sleeps. Every network rule asks here, so they agree on what I/O is.
 * Rules call `getOutboundIo(context).classify(node)` from a CallExpression (or NewExpression) visitor, and
 * `classifyTemplate(node)` for raw queries written as tagged templates (`prisma.$queryRaw\`…\``).
 * Each answer says whether the call only reads (`access`), which decides whether two calls may overlap.
 *
 * Nothing is matched by name alone. Module functions are tracked through their imports; instance methods
 * count only when the receiver comes from the package (src/analysis/library-origin.ts follows it through
 * initialisers, `new`, calls, `await`, annotations, injection decorators, class members, and with type
 * information the package declaring its type); an AWS SDK v3 `client.send(command)` counts by the command
 * class it is given. A sleep is a promise around the global `setTimeout`, a promise-returning timer
 * (`timers/promises`, `delay`, `util.promisify(setTimeout)`), or a function of this file that does nothing
 * but wait on one of those; sleeps count only where they are waited for.
 *
 * File calls are the asynchronous `fs` API (promises and callbacks), tracked through their imports; the
 * synchronous `*Sync` functions block instead of waiting, and are the blocking-call analysis's business.
 *
 * To grow it: add a category and a table, and keep the one `classify` entry point.
 */
import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast/node-types';
import { trailingName } from '../ast/expressions';
import { isAwaitedWhereItStands } from './awaited';
import { getDbOperations, type DbEvidence, type DbOperation, type DbTemplateOperation } from './db-operations';
import { getHttpClients, type HttpEvidence, type OutboundHttpRequest } from './http-clients';
import { getReceiverPackage, memberName, resolveBinding, skipExpressionWrappers, type ReceiverEvidence } from './library-origin';
import { ReferenceTracker, getImportOrigin, isModuleObject, moduleTraceMap, trackModuleReferences, type TraceMap } from './modules';
import { FileCache } from './per-file';

/** `database` is every database library but Redis, which is `cache`. */
export type OutboundIoCategory = 'http' | 'database' | 'cache' | 'queue' | 'email' | 'file' | 'sleep';

/**
 * How the client is known: HTTP's evidence, the receiver's (type, import, annotation, injection), the
 * database analysis's (which adds `shape`), or `local` for a sleep helper of this file.
 */
export type OutboundIoEvidence = HttpEvidence | ReceiverEvidence | DbEvidence | 'local';

/**
 * What the call does to the other side: `read` only asks (a GET, a SELECT, a Redis GET, a file read),
 * `write` changes something or sends a message, `none` is a sleep, `unknown` when the code does not say
 * (an HTTP method held in a variable, raw SQL, a Redis `EVAL`).
 */
export type IoAccess = 'read' | 'write' | 'none' | 'unknown';

export interface OutboundIoCall<Node extends TSESTree.Node = TSESTree.CallExpression | TSESTree.NewExpression> {
  category: OutboundIoCategory;
  /**
   * The client: an HTTP client (`fetch`, `axios`, `got`, …, as in http-clients), a database library (`prisma`,
   * `typeorm`, `redis`, …, as in db-operations), a package (`bullmq`, `kafkajs`, `amqplib`,
   * `@aws-sdk/client-sqs`, `nodemailer`, `@sendgrid/mail`, `timers/promises`, `delay`), `fs` for file calls,
   * `setTimeout` for a promise around the global timer, or `util.promisify` for a promisified `setTimeout`.
   */
  client: string;
  /** The call (or `new Promise(…)`, or tagged template) that does the I/O. */
  node: Node;
  /** `post`, `findMany`, `get`, `add`, `send`, `publish`, `sendMail`, `readFile`, `setTimeout`, … or the name of this file's sleep helper. */
  method: string;
  evidence: OutboundIoEvidence;
  access: IoAccess;
  /** HTTP only: the request as the HTTP analysis describes it (options, defaults, …). */
  http?: OutboundHttpRequest;
  /** Database and cache only: the operation as the database analysis describes it. */
  db?: Node extends TSESTree.TaggedTemplateExpression ? DbTemplateOperation : DbOperation;
}

export interface OutboundIoAnalyzer {
  /** The outbound I/O `node` does, if it does any. */
  classify(node: TSESTree.CallExpression | TSESTree.NewExpression): OutboundIoCall | undefined;
  /** The raw query a tagged template sends (`prisma.$queryRaw\`…\``), as database I/O. */
  classifyTemplate(node: TSESTree.TaggedTemplateExpression): OutboundIoCall<TSESTree.TaggedTemplateExpression> | undefined;
}

/** One analyzer per linted file, shared by every rule that asks (cached on the SourceCode object). */
export function getOutboundIo(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): OutboundIoAnalyzer {
  return analyzers.get(context.sourceCode, () => new Analyzer(context));
}

const analyzers = new FileCache<Analyzer>();

// ---------------------------------------------------------------------------------------------------------
// What each package's API looks like.

type MessagingCategory = Exclude<OutboundIoCategory, 'http' | 'sleep'>;

const QUEUE_ADD = { add: 'queue', addBulk: 'queue' } as const;
const AMQP_PUBLISH = { publish: 'queue', sendToQueue: 'queue' } as const;
const SES_METHODS = { sendEmail: 'email', sendRawEmail: 'email', sendTemplatedEmail: 'email', sendBulkTemplatedEmail: 'email', sendBulkEmail: 'email' } as const;

/**
 * Methods that publish or send, by the package the receiver comes from. The receiver is any value derived
 * from the package: `new Queue()`, `kafka.producer()`, `await conn.createChannel()`, `createTransport()`,
 * an annotated or injected field.
 */
const RECEIVER_METHODS: Readonly<Record<string, Readonly<Record<string, MessagingCategory>>>> = {
  bullmq: QUEUE_ADD,
  bull: QUEUE_ADD,
  '@nestjs/bullmq': QUEUE_ADD,
  '@nestjs/bull': QUEUE_ADD,
  kafkajs: { send: 'queue', sendBatch: 'queue' },
  amqplib: AMQP_PUBLISH,
  'amqp-connection-manager': AMQP_PUBLISH,
  '@google-cloud/pubsub': { publish: 'queue', publishMessage: 'queue', publishJSON: 'queue' },
  // AWS SDK v3 aggregated clients (`new SQS({})`) and v2 service objects (`new AWS.SQS()`).
  '@aws-sdk/client-sqs': { sendMessage: 'queue', sendMessageBatch: 'queue' },
  '@aws-sdk/client-sns': { publish: 'queue', publishBatch: 'queue' },
  '@aws-sdk/client-eventbridge': { putEvents: 'queue' },
  '@aws-sdk/client-ses': SES_METHODS,
  '@aws-sdk/client-sesv2': SES_METHODS,
  'aws-sdk': { sendMessage: 'queue', sendMessageBatch: 'queue', publish: 'queue', publishBatch: 'queue', putEvents: 'queue', ...SES_METHODS },
  nodemailer: { sendMail: 'email' },
  '@nestjs-modules/mailer': { sendMail: 'email' },
  '@sendgrid/mail': { send: 'email', sendMultiple: 'email' },
  resend: { send: 'email' },
  postmark: { sendEmail: 'email', sendEmailBatch: 'email', sendEmailWithTemplate: 'email', sendEmailBatchWithTemplates: 'email' },
};

/** AWS SDK v3 commands that publish or send, sent as `client.send(new Command(…))`. */
const SES_COMMANDS = { SendEmailCommand: 'email', SendRawEmailCommand: 'email', SendTemplatedEmailCommand: 'email', SendBulkTemplatedEmailCommand: 'email', SendBulkEmailCommand: 'email' } as const;
const AWS_COMMANDS: Readonly<Record<string, Readonly<Record<string, MessagingCategory>>>> = {
  '@aws-sdk/client-sqs': { SendMessageCommand: 'queue', SendMessageBatchCommand: 'queue' },
  '@aws-sdk/client-sns': { PublishCommand: 'queue', PublishBatchCommand: 'queue' },
  '@aws-sdk/client-eventbridge': { PutEventsCommand: 'queue' },
  '@aws-sdk/client-kinesis': { PutRecordCommand: 'queue', PutRecordsCommand: 'queue' },
  '@aws-sdk/client-ses': SES_COMMANDS,
  '@aws-sdk/client-sesv2': SES_COMMANDS,
};

/** Stripe's resource methods, and whether each only reads. */
const STRIPE_METHODS: Readonly<Record<string, IoAccess>> = {
  retrieve: 'read', list: 'read', search: 'read', listLineItems: 'read', retrieveUpcoming: 'read', listUpcomingLineItems: 'read',
  create: 'write', update: 'write', del: 'write', cancel: 'write', confirm: 'write', capture: 'write', pay: 'write', finalizeInvoice: 'write',
  voidInvoice: 'write', markUncollectible: 'write', sendInvoice: 'write', attach: 'write', detach: 'write', createLoginLink: 'write',
  expire: 'write', resume: 'write', createUsageRecord: 'write', createPreview: 'unknown',
};
/** Namespaces between the client and a resource: `stripe.checkout.sessions`, `stripe.billingPortal.sessions`. */
const STRIPE_NAMESPACES = new Set(['checkout', 'billingPortal', 'billing', 'identity', 'issuing', 'radar', 'reporting', 'sigma', 'tax', 'terminal', 'treasury', 'financialConnections', 'climate', 'apps', 'entitlements', 'forwarding', 'testHelpers']);
/** Stripe's top-level resources, for a client known only by its name. */
const STRIPE_RESOURCES = new Set([
  'accounts', 'applicationFees', 'balance', 'balanceTransactions', 'charges', 'coupons', 'creditNotes', 'customers', 'disputes', 'events',
  'files', 'invoiceItems', 'invoices', 'paymentIntents', 'paymentLinks', 'paymentMethods', 'payouts', 'plans', 'prices', 'products',
  'promotionCodes', 'quotes', 'refunds', 'setupIntents', 'subscriptionItems', 'subscriptionSchedules', 'subscriptions', 'taxRates', 'transfers',
]);
/** `stripe`, `stripeClient`, `this._stripe`, `ctx.stripe`. */
const STRIPE_CLIENT_NAME = /^_?stripe(?:Client|Api|Sdk|Service)?$/i;

/** Every method name of RECEIVER_METHODS, plus `send` for AWS commands: the cheap first test. */
const IO_METHOD_NAMES = new Set(['send', ...Object.values(RECEIVER_METHODS).flatMap((methods) => Object.keys(methods))]);

type SleepInfo = { role: 'sleep'; client: string; method: string } | { role: 'promisify' };

const { CALL } = ReferenceTracker;
const sleepCall = (client: string, method: string) => ({ [CALL]: { role: 'sleep', client, method } });

/** Functions that return a promise resolved after a delay. */
const SLEEP_TRACE_MAP = moduleTraceMap<SleepInfo>({
  'timers/promises': { setTimeout: sleepCall('timers/promises', 'setTimeout'), scheduler: { wait: sleepCall('timers/promises', 'scheduler.wait') } },
  timers: { promises: { setTimeout: sleepCall('timers/promises', 'setTimeout') } },
  delay: { ...sleepCall('delay', 'delay'), rangeDelay: sleepCall('delay', 'rangeDelay') },
  'sleep-promise': sleepCall('sleep-promise', 'sleep'),
  'p-sleep': sleepCall('p-sleep', 'sleep'),
  util: { promisify: { [CALL]: { role: 'promisify' } } },
} as unknown as TraceMap<SleepInfo>);

/** Text every sleep needs (see `maySleep`): `setTimeout` covers the global timer and its `util.promisify`. */
const SLEEP_WORDS = ['setTimeout', 'timers', 'delay', 'sleep'];

type FileInfo = { method: string; access: 'read' | 'write' };

/** The asynchronous `fs` API: the same functions in `fs.promises`, `fs/promises` and callback form. */
const FILE_READS = ['readFile', 'readdir', 'stat', 'lstat', 'access', 'readlink', 'realpath', 'opendir', 'open', 'read', 'exists'];
const FILE_WRITES = ['writeFile', 'appendFile', 'mkdir', 'mkdtemp', 'rm', 'rmdir', 'unlink', 'rename', 'copyFile', 'cp', 'truncate', 'chmod', 'chown', 'utimes', 'symlink', 'link', 'write'];

function fileFunctions(): Record<string, unknown> {
  const functions: Record<string, unknown> = {};
  for (const method of FILE_READS) functions[method] = { [CALL]: { method, access: 'read' } };
  for (const method of FILE_WRITES) functions[method] = { [CALL]: { method, access: 'write' } };
  return functions;
}

const FILE_TRACE_MAP = moduleTraceMap<FileInfo>({
  fs: { ...fileFunctions(), promises: fileFunctions() },
  'fs/promises': fileFunctions(),
} as unknown as TraceMap<FileInfo>);

const DB_ACCESS: Readonly<Record<DbOperation['kind'], IoAccess>> = { read: 'read', count: 'read', write: 'write', transaction: 'write', raw: 'unknown' };

const HTTP_READ_METHODS = new Set(['get', 'head', 'options', 'getJSON', 'getUri']);
const HTTP_WRITE_METHODS = new Set(['post', 'put', 'patch', 'delete', 'del', 'postForm', 'putForm', 'patchForm']);
/** Calls that default to GET when their options name no method. */
const HTTP_GET_BY_DEFAULT = new Set(['fetch', 'call', 'request', 'stream', 'paginate', 'paginate.all']);

/** A GET or HEAD only reads; other verbs change state. From the method called, else from the options' `method`. */
function httpAccess(request: OutboundHttpRequest): IoAccess {
  if (HTTP_READ_METHODS.has(request.method) || request.method === 'stream.get') return 'read';
  if (HTTP_WRITE_METHODS.has(request.method) || request.method.startsWith('stream.')) return 'write';
  if (!HTTP_GET_BY_DEFAULT.has(request.method)) return 'unknown';
  const options = request.requestInit ?? request.options;
  if (!options.properties.has('method')) return options.complete ? 'read' : 'unknown';
  const value = options.properties.get('method');
  if (value?.type !== AST_NODE_TYPES.Literal || typeof value.value !== 'string') return 'unknown';
  return /^(get|head|options)$/i.test(value.value) ? 'read' : 'write';
}

type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration;

/** How far a sleep helper may call another before the search gives up. */
const MAX_HELPER_DEPTH = 3;

// ---------------------------------------------------------------------------------------------------------

class Analyzer implements OutboundIoAnalyzer {
  private readonly sourceCode: Readonly<TSESLint.SourceCode>;
  private readonly results = new WeakMap<TSESTree.Node, OutboundIoCall | null>();
  private readonly sleepHelpers = new WeakMap<FunctionNode, { client: string } | null>();
  private sleepCalls: Map<TSESTree.CallExpression, { client: string; method: string }> | undefined;
  private fileCalls: Map<TSESTree.CallExpression, FileInfo> | undefined;
  /** Variables holding `util.promisify(setTimeout)`. */
  private promisifiedTimers: Set<TSESLint.Scope.Variable> | undefined;
  private sleepWordsFound: boolean | undefined;

  constructor(private readonly context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>) {
    this.sourceCode = context.sourceCode;
  }

  classify(node: TSESTree.CallExpression | TSESTree.NewExpression): OutboundIoCall | undefined {
    const cached = this.results.get(node);
    if (cached !== undefined) return cached ?? undefined;
    let result: OutboundIoCall | undefined;
    try {
      result = node.type === AST_NODE_TYPES.NewExpression ? this.classifyNew(node) : this.classifyCall(node);
    } catch {
      // An analysis bug must never take the lint run down with it: no answer is a safe answer.
      result = undefined;
    }
    this.results.set(node, result ?? null);
    return result;
  }

  private classifyNew(node: TSESTree.NewExpression): OutboundIoCall | undefined {
    if (!this.isSleepPromise(node) || !isAwaitedWhereItStands(node)) return undefined;
    return { category: 'sleep', client: 'setTimeout', node, method: 'setTimeout', evidence: 'global', access: 'none' };
  }

  classifyTemplate(node: TSESTree.TaggedTemplateExpression): OutboundIoCall<TSESTree.TaggedTemplateExpression> | undefined {
    try {
      const db = getDbOperations(this.context).classifyTaggedTemplate(node);
      if (!db) return undefined;
      return { category: 'database', client: db.library, node, method: db.method, evidence: db.evidence, access: db.method === '$queryRaw' ? 'read' : 'write', db };
    } catch {
      return undefined;
    }
  }

  private classifyCall(call: TSESTree.CallExpression): OutboundIoCall | undefined {
    const http = getHttpClients(this.context).classify(call);
    if (http) return { category: 'http', client: http.client, node: call, method: http.method, evidence: http.evidence, access: httpAccess(http), http };
    const dbOperations = getDbOperations(this.context);
    const db = dbOperations.mightBeOperation(call) ? dbOperations.classify(call) : undefined;
    if (db) {
      return { category: db.library === 'redis' ? 'cache' : 'database', client: db.library, node: call, method: db.method, evidence: db.evidence, access: DB_ACCESS[db.kind], db };
    }
    const file = this.trackedFileCalls().get(call);
    if (file) return { category: 'file', client: 'fs', node: call, method: file.method, evidence: 'import', access: file.access };
    const callee = skipExpressionWrappers(call.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const method = memberName(callee);
      if (method !== undefined && IO_METHOD_NAMES.has(method)) {
        const messaging = this.messagingCall(call, callee, method);
        if (messaging) return messaging;
      }
      if (method !== undefined && Object.hasOwn(STRIPE_METHODS, method)) {
        const stripe = this.stripeCall(call, callee, method);
        if (stripe) return stripe;
      }
    }
    // A sleep only counts where it is waited for: the cheap position test first.
    const sleep = isAwaitedWhereItStands(call) ? this.sleepOf(call, 0) : undefined;
    if (sleep) return { category: 'sleep', node: call, access: 'none', ...sleep };
    return undefined;
  }

  // -------------------------------------------------------------------------------------------------------
  // Stripe's API client: each resource method is an HTTPS request to Stripe.

  /**
   * `stripe.invoices.retrieve(id)`, `stripe.checkout.sessions.create({…})`: a resource method of a client from the
   * `stripe` package, or, for a client made in another module of the project (`import { stripe } from '@/lib/stripe'`),
   * of a value named `stripe` whose resource is one of Stripe's. `stripe.webhooks.constructEvent` checks a signature
   * locally and sends nothing.
   */
  private stripeCall(call: TSESTree.CallExpression, callee: TSESTree.MemberExpression, method: string): OutboundIoCall | undefined {
    const resource = skipExpressionWrappers(callee.object);
    if (resource.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const resourceName = memberName(resource);
    if (resourceName === undefined || resourceName === 'webhooks') return undefined;
    // `stripe.checkout.sessions`: a namespace between the client and the resource.
    const namespace = skipExpressionWrappers(resource.object);
    const nested = namespace.type === AST_NODE_TYPES.MemberExpression && STRIPE_NAMESPACES.has(memberName(namespace) ?? '');
    const client = nested ? skipExpressionWrappers((namespace as TSESTree.MemberExpression).object) : namespace;
    const access = STRIPE_METHODS[method];
    if (!this.stripeWords()) return undefined;
    const receiver = getReceiverPackage(client, this.context);
    if (receiver?.packageName === 'stripe') return { category: 'http', client: 'stripe', node: call, method, evidence: receiver.evidence, access };
    if (receiver === undefined && STRIPE_CLIENT_NAME.test(trailingName(client) ?? '') && (nested || STRIPE_RESOURCES.has(resourceName))) {
      return { category: 'http', client: 'stripe', node: call, method, evidence: 'shape', access };
    }
    return undefined;
  }

  private stripeWordsFound: boolean | undefined;

  /** Only a file that says `stripe` (its import, its client's name) can call it. */
  private stripeWords(): boolean {
    this.stripeWordsFound ??= /stripe/i.test(this.sourceCode.text);
    return this.stripeWordsFound;
  }

  // -------------------------------------------------------------------------------------------------------
  // Queues and e-mail.

  private messagingCall(call: TSESTree.CallExpression, callee: TSESTree.MemberExpression, method: string): OutboundIoCall | undefined {
    if (method === 'send' && call.arguments[0]) {
      const command = this.awsCommand(call.arguments[0]);
      if (command) return { category: command.category, client: command.packageName, node: call, method, evidence: 'import', access: 'write' };
    }
    const receiver = getReceiverPackage(callee.object, this.context);
    if (!receiver || !Object.hasOwn(RECEIVER_METHODS, receiver.packageName)) return undefined;
    const methods = RECEIVER_METHODS[receiver.packageName];
    if (!Object.hasOwn(methods, method)) return undefined;
    return { category: methods[method], client: receiver.packageName, node: call, method, evidence: receiver.evidence, access: 'write' };
  }

  // -------------------------------------------------------------------------------------------------------
  // Files.

  private trackedFileCalls(): Map<TSESTree.CallExpression, FileInfo> {
    if (this.fileCalls) return this.fileCalls;
    this.fileCalls = new Map();
    for (const { node, info } of trackModuleReferences(this.sourceCode, FILE_TRACE_MAP)) {
      if (node.type === AST_NODE_TYPES.CallExpression) this.fileCalls.set(node, info);
    }
    return this.fileCalls;
  }

  /** A command written in place or held in a `const`, with its class imported from an AWS package of AWS_COMMANDS. */
  private awsCommand(argument: TSESTree.Node): { category: MessagingCategory; packageName: string } | undefined {
    let value = skipExpressionWrappers(argument);
    if (value.type === AST_NODE_TYPES.Identifier) {
      const binding = resolveBinding(value, this.sourceCode.getScope(value));
      if (binding.kind !== 'value' || binding.path.length > 0 || !this.isWrittenOnce(value)) return undefined;
      value = skipExpressionWrappers(binding.expression);
    }
    if (value.type !== AST_NODE_TYPES.NewExpression) return undefined;
    // `new SendMessageCommand(…)`, or `new sqs.SendMessageCommand(…)` on a namespace import.
    const callee = value.callee;
    const head = callee.type === AST_NODE_TYPES.MemberExpression ? callee.object : callee;
    if (head.type !== AST_NODE_TYPES.Identifier) return undefined;
    const origin = getImportOrigin(head, this.sourceCode.getScope(head));
    if (!origin || !Object.hasOwn(AWS_COMMANDS, origin.source)) return undefined;
    const className = callee.type === AST_NODE_TYPES.MemberExpression ? (isModuleObject(origin.imported) ? memberName(callee) : undefined) : origin.imported;
    const commands = AWS_COMMANDS[origin.source];
    return className !== undefined && Object.hasOwn(commands, className) ? { category: commands[className], packageName: origin.source } : undefined;
  }

  // -------------------------------------------------------------------------------------------------------
  // Sleeps.

  /** What kind of sleep `call` is, whether or not it is waited for. */
  private sleepOf(call: TSESTree.CallExpression, depth: number): { client: string; method: string; evidence: OutboundIoEvidence } | undefined {
    if (!this.maySleep()) return undefined;
    const tracked = this.trackedSleepCalls().get(call);
    if (tracked) return { ...tracked, evidence: 'import' };
    const callee = skipExpressionWrappers(call.callee);
    if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = findVariable(this.sourceCode.getScope(callee) as never, callee as never) as TSESLint.Scope.Variable | null;
    if (variable && this.promisifiedTimerVariables().has(variable)) return { client: 'util.promisify', method: callee.name, evidence: 'import' };
    const helper = this.sleepHelper(this.functionBoundTo(callee), depth);
    return helper ? { client: helper.client, method: callee.name, evidence: 'local' } : undefined;
  }

  /**
   * Every sleep this analysis finds is spelled in the file: a global or imported `setTimeout`, a module of
   * `SLEEP_TRACE_MAP` (`timers/promises`, `timers`, `delay`, `sleep-promise`, `p-sleep`). A file with none of
   * these words sleeps nowhere, and its awaited calls need no scope lookup each.
   */
  private maySleep(): boolean {
    this.sleepWordsFound ??= SLEEP_WORDS.some((word) => this.sourceCode.text.includes(word));
    return this.sleepWordsFound;
  }

  private trackedSleepCalls(): Map<TSESTree.CallExpression, { client: string; method: string }> {
    if (this.sleepCalls) return this.sleepCalls;
    this.sleepCalls = new Map();
    this.promisifiedTimers = new Set();
    for (const { node, info } of trackModuleReferences(this.sourceCode, SLEEP_TRACE_MAP)) {
      if (node.type !== AST_NODE_TYPES.CallExpression) continue;
      if (info.role === 'sleep') this.sleepCalls.set(node, { client: info.client, method: info.method });
      else this.recordPromisifiedTimer(node);
    }
    return this.sleepCalls;
  }

  private promisifiedTimerVariables(): Set<TSESLint.Scope.Variable> {
    this.trackedSleepCalls();
    return this.promisifiedTimers!;
  }

  /** `const sleep = promisify(setTimeout)`: a variable written once, holding a promise-returning timer. */
  private recordPromisifiedTimer(call: TSESTree.CallExpression): void {
    const argument = call.arguments[0];
    if (!argument || !this.isGlobalTimer(argument)) return;
    const parent = call.parent;
    if (parent?.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== call || parent.id.type !== AST_NODE_TYPES.Identifier) return;
    const [variable] = this.sourceCode.getDeclaredVariables(parent);
    if (variable && variable.references.filter((reference) => reference.isWrite()).length === 1) this.promisifiedTimers!.add(variable as TSESLint.Scope.Variable);
  }

  /** The function a called identifier is bound to in this file: a declaration, or a variable written once with a function. */
  private functionBoundTo(identifier: TSESTree.Identifier): FunctionNode | undefined {
    const binding = resolveBinding(identifier, this.sourceCode.getScope(identifier));
    if (binding.kind === 'function' && binding.node.type === AST_NODE_TYPES.FunctionDeclaration) return binding.node;
    if (binding.kind !== 'value' || binding.path.length > 0 || !this.isWrittenOnce(identifier)) return undefined;
    const value = skipExpressionWrappers(binding.expression);
    return value.type === AST_NODE_TYPES.ArrowFunctionExpression || value.type === AST_NODE_TYPES.FunctionExpression ? value : undefined;
  }

  /** A variable assigned again may hold something else where it is used. */
  private isWrittenOnce(identifier: TSESTree.Identifier): boolean {
    const variable = findVariable(this.sourceCode.getScope(identifier) as never, identifier as never) as TSESLint.Scope.Variable | null;
    return (variable?.references.filter((reference) => reference.isWrite()).length ?? 0) <= 1;
  }

  /**
   * A function whose whole job is to wait: `(ms) => new Promise((r) => setTimeout(r, ms))`,
   * `async function sleep(ms) { await setTimeout(ms); }`, or one that waits on another such helper.
   */
  private sleepHelper(fn: FunctionNode | undefined, depth: number): { client: string } | undefined {
    if (!fn || depth >= MAX_HELPER_DEPTH) return undefined;
    const cached = this.sleepHelpers.get(fn);
    if (cached !== undefined) return cached ?? undefined;
    this.sleepHelpers.set(fn, null); // a helper that calls itself is no sleep
    let found: { client: string } | undefined;
    if (fn.body.type !== AST_NODE_TYPES.BlockStatement) {
      found = this.sleepExpression(fn.body, depth);
    } else if (fn.body.body.length > 0) {
      const waits = fn.body.body.map((statement) => this.sleepStatement(statement, depth));
      found = waits.every((wait) => wait !== undefined) ? waits[0] : undefined;
    }
    this.sleepHelpers.set(fn, found ?? null);
    return found;
  }

  /** `return <sleep>;` or `await <sleep>;` */
  private sleepStatement(statement: TSESTree.Statement, depth: number): { client: string } | undefined {
    if (statement.type === AST_NODE_TYPES.ReturnStatement && statement.argument) return this.sleepExpression(statement.argument, depth);
    if (statement.type === AST_NODE_TYPES.ExpressionStatement && statement.expression.type === AST_NODE_TYPES.AwaitExpression) {
      return this.sleepExpression(statement.expression.argument, depth);
    }
    return undefined;
  }

  private sleepExpression(expression: TSESTree.Node, depth: number): { client: string } | undefined {
    let value = skipExpressionWrappers(expression);
    if (value.type === AST_NODE_TYPES.AwaitExpression) value = skipExpressionWrappers(value.argument);
    if (value.type === AST_NODE_TYPES.NewExpression) return this.isSleepPromise(value) ? { client: 'setTimeout' } : undefined;
    if (value.type === AST_NODE_TYPES.CallExpression) {
      const sleep = this.sleepOf(value, depth + 1);
      return sleep && { client: sleep.client };
    }
    return undefined;
  }

  /** `new Promise((resolve) => setTimeout(resolve, ms))`, or `setTimeout(() => resolve(), ms)` in the executor's body. */
  private isSleepPromise(node: TSESTree.NewExpression): boolean {
    if (node.callee.type !== AST_NODE_TYPES.Identifier || node.callee.name !== 'Promise' || !this.isGlobal(node.callee)) return false;
    const executor = node.arguments[0];
    if (!executor || (executor.type !== AST_NODE_TYPES.ArrowFunctionExpression && executor.type !== AST_NODE_TYPES.FunctionExpression)) return false;
    const resolve = executor.params[0];
    if (resolve?.type !== AST_NODE_TYPES.Identifier) return false;
    const statements = executor.body.type === AST_NODE_TYPES.BlockStatement ? executor.body.body.map(statementExpression) : [executor.body];
    return statements.some((statement) => statement !== undefined && this.isTimerResolving(statement, resolve));
  }

  /** `setTimeout(resolve, ms)` or `setTimeout(() => resolve(x), ms)` with the global timer. */
  private isTimerResolving(expression: TSESTree.Node, resolve: TSESTree.Identifier): boolean {
    const call = skipExpressionWrappers(expression);
    if (call.type !== AST_NODE_TYPES.CallExpression || !this.isGlobalTimer(call.callee)) return false;
    const callback = call.arguments[0];
    if (!callback) return false;
    if (callback.type === AST_NODE_TYPES.Identifier) return callback.name === resolve.name;
    if (callback.type !== AST_NODE_TYPES.ArrowFunctionExpression && callback.type !== AST_NODE_TYPES.FunctionExpression) return false;
    const body = callback.body.type === AST_NODE_TYPES.BlockStatement ? callback.body.body.map(statementExpression) : [callback.body];
    return body.some((statement) => {
      const inner = statement && skipExpressionWrappers(statement);
      return inner?.type === AST_NODE_TYPES.CallExpression && inner.callee.type === AST_NODE_TYPES.Identifier && inner.callee.name === resolve.name;
    });
  }

  /** The global `setTimeout` (or `globalThis.setTimeout`), or `setTimeout` imported from `timers`. */
  private isGlobalTimer(node: TSESTree.Node): boolean {
    const value = skipExpressionWrappers(node);
    if (value.type === AST_NODE_TYPES.MemberExpression) {
      return memberName(value) === 'setTimeout' && value.object.type === AST_NODE_TYPES.Identifier && value.object.name === 'globalThis' && this.isGlobal(value.object);
    }
    if (value.type !== AST_NODE_TYPES.Identifier || value.name !== 'setTimeout') return false;
    if (this.isGlobal(value)) return true;
    const origin = getImportOrigin(value, this.sourceCode.getScope(value));
    return origin !== undefined && (origin.source === 'timers' || origin.source === 'node:timers') && origin.imported === 'setTimeout';
  }

  private isGlobal(identifier: TSESTree.Identifier): boolean {
    const variable = findVariable(this.sourceCode.getScope(identifier) as never, identifier as never) as TSESLint.Scope.Variable | null;
    // No variable: an undeclared global. A variable without definitions: a built-in from lib or ESLint globals.
    return !variable || variable.defs.length === 0;
  }
}

function statementExpression(statement: TSESTree.Statement): TSESTree.Expression | undefined {
  return statement.type === AST_NODE_TYPES.ExpressionStatement ? statement.expression : undefined;
}

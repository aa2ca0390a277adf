/**
 * Which database calls are bound to one connection (or one session), so that they run one after another
 * whatever the code does: two calls with the same answer cannot overlap, and `Promise.all` around them
 * saves nothing (or is refused by the driver).
 *
 * A call is bound to one connection when:
 * - it goes through an interactive transaction's handle (`tx.user.findMany()` in `prisma.$transaction(async
 *   (tx) => …)`, `trx('users')`, TypeORM's `manager`, …; src/analysis/transactions.ts), or it is a call of
 *   the transaction's library written inside the transaction's callback (Sequelize with CLS and MikroORM
 *   route the outer client into the transaction; with the others the outer client inside is a bug that
 *   no-io-in-transaction reports, and it is not worth parallelising);
 * - it passes a session or transaction as an option: `{ session }` (Mongoose, the MongoDB driver),
 *   `{ transaction: t }` (Sequelize), or chains `.session(s)` (Mongoose) or `.transacting(trx)` (Knex);
 * - its client is one connection: a pg `Client` or a `PoolClient` from `pool.connect()`, a mysql2
 *   connection (`createConnection`, `pool.getConnection()`), a TypeORM `QueryRunner`, a transaction begun by
 *   hand (`await knex.transaction()`), or a value annotated or typed as one of those (`PoolClient`,
 *   `Knex.Transaction`, `Prisma.TransactionClient`, `QueryRunner`, …).
 *
 * Pooled clients (a pg `Pool`, a mysql2 pool, `PrismaClient`, a knex instance, a TypeORM `DataSource` or
 * repository, Mongoose models, MongoDB collections) spread concurrent calls over their connections; Redis
 * clients pipeline concurrent commands over one connection, so overlapping them does save round trips.
 * For pg and mysql2, whose pools and single connections share one API, a client whose kind the code does
 * not show counts as one connection.
 */
import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast/node-types';
import { propertyKeyName, trailingName } from '../ast/expressions';
import type { DbLibrary } from './db-operations';
import { getDbOperations } from './db-operations';
import {
  enclosingClassOfThis,
  getTypeOrigin,
  getTypeServices,
  memberName,
  resolveBinding,
  resolveClassMember,
  resolveTypeReference,
  skipExpressionWrappers,
  type Binding,
} from './library-origin';
import { getImportOrigin } from './modules';
import { usesOnlyInProcessSqlite } from './module-files';
import { objectionConnectionArgument } from './db/objection';
import { clientRoot, getTransactions, type ClientRoot } from './transactions';
import { FileCache } from './per-file';
import { textMentions } from './text-facts';

/** One connection or session: equal keys (`===`) mean the same connection. */
export interface Connection {
  key: unknown;
  /** How the code binds the call to it. */
  kind: 'transaction' | 'session' | 'connection';
}

export interface ConnectionAnalyzer {
  /**
   * The one connection or session the database call `node` (a call, or a tagged template such as
   * `tx.$queryRaw\`…\``) of `library` runs on; undefined when it goes through a pooled client.
   * A pg or mysql2 client the code does not show to be a pool counts as one connection, unless `certain`
   * asks for the cases the code shows (a rule that stays quiet on one connection must not guess).
   */
  connectionOf(node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression, library: DbLibrary, options?: { certain?: boolean }): Connection | undefined;
}

/** One analyzer per linted file, shared by every rule that asks (cached on the SourceCode object). */
export function getConnections(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): ConnectionAnalyzer {
  return analyzers.get(context.sourceCode, () => new Analyzer(context));
}

const analyzers = new FileCache<Analyzer>();

type Pooling = 'single' | 'pooled' | 'unknown';

/** Type names (as the package declares them, or as the code annotates them) of one-connection clients. */
const SINGLE_TYPES: Partial<Record<DbLibrary, ReadonlySet<string>>> = {
  pg: new Set(['Client', 'PoolClient', 'ClientBase']),
  mysql2: new Set(['Connection', 'PoolConnection', 'PromiseConnection', 'PromisePoolConnection']),
  knex: new Set(['Transaction']),
  typeorm: new Set(['QueryRunner']),
  prisma: new Set(['TransactionClient']),
  kysely: new Set(['Transaction']),
  drizzle: new Set(['PgTransaction', 'MySqlTransaction', 'SQLiteTransaction', 'NodePgTransaction']),
  sequelize: new Set(['Transaction']),
};

/** Type names of pooled clients, for the libraries whose pools and connections look alike. */
const POOLED_TYPES: Partial<Record<DbLibrary, ReadonlySet<string>>> = {
  pg: new Set(['Pool']),
  mysql2: new Set(['Pool', 'PromisePool', 'PoolNamespace', 'PoolCluster']),
};

/** Libraries whose clients may be a pool or one connection with the same API: unknown means one connection. */
const UNKNOWN_IS_SINGLE = new Set<DbLibrary>(['pg', 'mysql2']);

/** Drizzle's drivers for SQLite running inside the process (better-sqlite3, Bun's, Expo's, op-sqlite, sql.js). */
const IN_PROCESS_SQLITE_DRIZZLE = new Set(['drizzle-orm/better-sqlite3', 'drizzle-orm/bun-sqlite', 'drizzle-orm/expo-sqlite', 'drizzle-orm/op-sqlite', 'drizzle-orm/sql-js']);

/** Calls that return one connection of the client they are called on. */
const SINGLE_FACTORIES = new Set(['connect', 'getConnection', 'createConnection', 'createQueryRunner', 'transaction', 'startTransaction', 'beginTransaction']);
const POOL_FACTORIES = new Set(['createPool', 'createPoolCluster']);
/** `pool.promise()` (mysql2) wraps its receiver without changing what it is. */
const WRAPPERS = new Set(['promise']);
/** Option properties and chain steps that bind a call to a session or transaction. */
const BINDING_OPTIONS = new Set(['session', 'transaction']);
const BINDING_STEPS = new Set(['session', 'transacting']);
const MAX_DEPTH = 8;
/** A function that runs its callback in a transaction, by its name: `withTransaction`, `runInTransaction`, `transaction`. */
const TRANSACTION_HELPER_NAME = /transaction/i;
const MAX_CHAIN = 40;

class Analyzer implements ConnectionAnalyzer {
  private readonly sourceCode: Readonly<TSESLint.SourceCode>;
  private readonly poolings = new WeakMap<TSESTree.Node, Pooling>();

  constructor(private readonly context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>) {
    this.sourceCode = context.sourceCode;
  }

  connectionOf(node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression, library: DbLibrary, options: { certain?: boolean } = {}): Connection | undefined {
    try {
      return (
        this.boundOption(node) ??
        (library === 'objection' ? this.objectionBinding(node) : undefined) ??
        this.transactionConnection(node, library) ??
        this.clientConnection(node, library, options.certain === true)
      );
    } catch {
      // An analysis bug must never take the lint run down with it: no answer is a safe answer.
      return undefined;
    }
  }

  /** `{ session }`, `{ transaction: t }`, `.session(s)`, `.transacting(trx)` anywhere along the call chain. */
  private boundOption(node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression): Connection | undefined {
    let current: TSESTree.Node = node;
    for (let depth = 0; depth < MAX_CHAIN && current.type === AST_NODE_TYPES.CallExpression; depth++) {
      const callee = skipExpressionWrappers(current.callee);
      const step = callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : undefined;
      if (step !== undefined && BINDING_STEPS.has(step) && current.arguments[0] && !isLiteral(current.arguments[0])) {
        return { key: this.keyOf(current.arguments[0]), kind: step === 'session' ? 'session' : 'transaction' };
      }
      for (const argument of current.arguments) {
        const value = skipExpressionWrappers(argument);
        if (value.type !== AST_NODE_TYPES.ObjectExpression) continue;
        for (const property of value.properties) {
          if (property.type !== AST_NODE_TYPES.Property) continue;
          const name = propertyKeyName(property);
          if (name === undefined || !BINDING_OPTIONS.has(name) || isLiteral(property.value)) continue;
          return { key: this.keyOf(property.value), kind: name === 'session' ? 'session' : 'transaction' };
        }
      }
      current = callee.type === AST_NODE_TYPES.MemberExpression ? skipExpressionWrappers(callee.object) : callee;
    }
    return undefined;
  }

  /** Objection takes the transaction (or a Knex) where the query starts: `Person.query(trx)`, `person.$relatedQuery('pets', trx)`. */
  private objectionBinding(node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression): Connection | undefined {
    let current: TSESTree.Node = node;
    for (let depth = 0; depth < MAX_CHAIN && current.type === AST_NODE_TYPES.CallExpression; depth++) {
      const callee = skipExpressionWrappers(current.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
      const step = memberName(callee);
      const handle = step === undefined ? undefined : objectionConnectionArgument(current, step);
      if (handle && !isLiteral(handle)) return { key: this.keyOf(handle), kind: 'transaction' };
      current = skipExpressionWrappers(callee.object);
    }
    return undefined;
  }

  /** Through a transaction handle, or a call of the transaction's library written inside its callback. */
  private transactionConnection(node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression, library: DbLibrary): Connection | undefined {
    const transactions = getTransactions(this.context);
    const root = clientRoot(node.type === AST_NODE_TYPES.CallExpression ? node.callee : node.tag);
    if (root?.type === AST_NODE_TYPES.Identifier) {
      const handled = transactions.handleOf(root);
      if (handled) return { key: handled, kind: 'transaction' };
    }
    if (!textMentions(this.sourceCode, 'ransaction')) return undefined;
    if (root?.type === AST_NODE_TYPES.Identifier) {
      const wrapped = this.wrappedTransactionHandle(root);
      if (wrapped) return { key: wrapped, kind: 'transaction' };
    }
    const running = transactions.transactionsRunning(node).find(({ transaction }) => transaction.library === library);
    return running && { key: running.transaction, kind: 'transaction' };
  }

  /**
   * The first parameter of a callback handed to a project's own transaction helper: `withTransaction(ctx,
   * async (tx) => …)`, `runInTransaction(async (trx) => …)` (openstatus). Whatever the helper opens, the
   * handle is one transaction, so one connection.
   */
  private wrappedTransactionHandle(identifier: TSESTree.Identifier): TSESLint.Scope.Variable | undefined {
    const variable = findVariable(this.sourceCode.getScope(identifier) as never, identifier as never) as TSESLint.Scope.Variable | null;
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (def?.type !== 'Parameter') return undefined;
    const fn = def.node as TSESTree.Node;
    if ((fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.type !== AST_NODE_TYPES.FunctionExpression) || fn.params[0] !== def.name) return undefined;
    const call = fn.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(fn)) return undefined;
    const callee = skipExpressionWrappers(call.callee);
    const name = trailingName(callee);
    return name !== undefined && TRANSACTION_HELPER_NAME.test(name) ? (variable ?? undefined) : undefined;
  }

  private clientConnection(node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression, library: DbLibrary, certain: boolean): Connection | undefined {
    const root = clientRoot(node.type === AST_NODE_TYPES.CallExpression ? node.callee : node.tag);
    if (!root) return undefined;
    let pooling = this.pooling(root, library, 0);
    // A Drizzle client made elsewhere (`import { db } from '@karakeep/db'`) in a project whose only driver is SQLite in
    // the process: every query runs on the main thread, one after another.
    if (pooling === 'unknown' && library === 'drizzle' && !certain && this.usesOnlyInProcessSqlite()) pooling = 'single';
    if (pooling === 'pooled' || (pooling === 'unknown' && (certain || !UNKNOWN_IS_SINGLE.has(library)))) return undefined;
    return { key: this.keyOf(root), kind: 'connection' };
  }

  private onlyInProcessSqlite: boolean | undefined;

  /** The file's project runs on SQLite inside the process only (see module-files.ts): asked once per file. */
  private usesOnlyInProcessSqlite(): boolean {
    this.onlyInProcessSqlite ??= usesOnlyInProcessSqlite(this.context.cwd, this.context.filename);
    return this.onlyInProcessSqlite;
  }

  // -------------------------------------------------------------------------------------------------------
  // Pooled or one connection.

  private pooling(node: TSESTree.Node, library: DbLibrary, depth: number): Pooling {
    const cached = this.poolings.get(node);
    if (cached) return cached;
    this.poolings.set(node, 'unknown'); // cycles end here
    const result = this.typedPooling(node, library) ?? this.untypedPooling(node, library, depth);
    this.poolings.set(node, result);
    return result;
  }

  /** The package type of the client, when type information names one of the tables' types. */
  private typedPooling(node: TSESTree.Node, library: DbLibrary): Pooling | undefined {
    const typeServices = getTypeServices(this.context);
    if (!typeServices) return undefined;
    const origin = getTypeOrigin(node, typeServices);
    if (origin.kind !== 'package') return undefined;
    return poolingOfTypeName(origin.typeName, library);
  }

  private untypedPooling(node: TSESTree.Node, library: DbLibrary, depth: number): Pooling {
    if (depth > MAX_DEPTH) return 'unknown';
    const value = skipExpressionWrappers(node);
    switch (value.type) {
      case AST_NODE_TYPES.Identifier: {
        const transactions = getTransactions(this.context);
        if (transactions.handleOf(value)) return 'single';
        return this.bindingPooling(resolveBinding(value, this.sourceCode.getScope(value)), value, library, depth);
      }
      case AST_NODE_TYPES.MemberExpression: {
        if (skipExpressionWrappers(value.object).type === AST_NODE_TYPES.ThisExpression) {
          const owner = enclosingClassOfThis(value);
          const name = memberName(value);
          const binding = owner && name !== undefined ? resolveClassMember(owner.classNode, name, owner.isStatic) : undefined;
          return binding ? this.bindingPooling(binding, value, library, depth) : 'unknown';
        }
        // `queryRunner.manager`: what the object is.
        return this.pooling(value.object, library, depth + 1);
      }
      case AST_NODE_TYPES.AwaitExpression:
        return this.pooling(value.argument, library, depth + 1);
      case AST_NODE_TYPES.NewExpression:
        return this.constructedPooling(value, library);
      case AST_NODE_TYPES.CallExpression:
        return this.calledPooling(value, library, depth);
      default:
        return 'unknown';
    }
  }

  private bindingPooling(binding: Binding, at: TSESTree.Node, library: DbLibrary, depth: number): Pooling {
    switch (binding.kind) {
      case 'value':
        return this.pooling(binding.expression, library, depth + 1);
      case 'declared': {
        if (!binding.type) return 'unknown';
        const reference = resolveTypeReference(binding.type, this.sourceCode.getScope(at));
        if (reference?.kind !== 'import') return 'unknown';
        const typeName = reference.path.length > 0 ? reference.path[reference.path.length - 1] : reference.name;
        return poolingOfTypeName(typeName, library) ?? 'unknown';
      }
      case 'callback-param': {
        // pool.connect((err, client, release) => …), pool.getConnection((err, conn) => …)
        const callee = skipExpressionWrappers(binding.call.callee);
        const method = callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : undefined;
        return method !== undefined && SINGLE_FACTORIES.has(method) ? 'single' : 'unknown';
      }
      default:
        return 'unknown';
    }
  }

  /** `new Pool()`, `new pg.Client()`, `new PgPool()` (pg-pool's default export). */
  private constructedPooling(node: TSESTree.NewExpression, library: DbLibrary): Pooling {
    const callee = skipExpressionWrappers(node.callee);
    let name: string | undefined;
    if (callee.type === AST_NODE_TYPES.Identifier) {
      const origin = getImportOrigin(callee, this.sourceCode.getScope(callee));
      if (origin?.source === 'pg-pool') return 'pooled';
      name = origin && origin.imported !== 'default' && origin.imported !== '*' ? origin.imported : callee.name;
    } else if (callee.type === AST_NODE_TYPES.MemberExpression) {
      name = memberName(callee);
    }
    return name === undefined ? 'unknown' : (poolingOfTypeName(name, library) ?? 'unknown');
  }

  /** `pool.connect()`, `pool.getConnection()`, `mysql.createPool()`, `pool.promise()`, `knex.transaction()`. */
  private calledPooling(call: TSESTree.CallExpression, library: DbLibrary, depth: number): Pooling {
    const callee = skipExpressionWrappers(call.callee);
    let name: string | undefined;
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      name = memberName(callee);
      if (name !== undefined && WRAPPERS.has(name)) return this.pooling(callee.object, library, depth + 1);
    } else if (callee.type === AST_NODE_TYPES.Identifier) {
      const origin = getImportOrigin(callee, this.sourceCode.getScope(callee));
      // `drizzle(new Database(file))` from `drizzle-orm/better-sqlite3`: SQLite in the process, one connection.
      if (library === 'drizzle' && origin && IN_PROCESS_SQLITE_DRIZZLE.has(origin.source)) return 'single';
      name = origin ? origin.imported : undefined;
    }
    if (name === undefined) return 'unknown';
    if (POOL_FACTORIES.has(name)) return 'pooled';
    if (!SINGLE_FACTORIES.has(name)) return 'unknown';
    // `transaction()` counts when the database analysis says it opens one (not an unrelated `transaction` method).
    if (name === 'transaction') return getDbOperations(this.context).classify(call)?.kind === 'transaction' ? 'single' : 'unknown';
    return 'single';
  }

  // -------------------------------------------------------------------------------------------------------

  /** The variable a name refers to, `this.<name>` as text, anything else by its text. */
  private keyOf(node: TSESTree.Node | ClientRoot): unknown {
    const value = skipExpressionWrappers(node);
    if (value.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariable(this.sourceCode.getScope(value) as never, value as never) as TSESLint.Scope.Variable | null;
      return variable ?? `name:${value.name}`;
    }
    return `text:${this.sourceCode.getText(value)}`;
  }
}

function poolingOfTypeName(typeName: string, library: DbLibrary): Pooling | undefined {
  if (SINGLE_TYPES[library]?.has(typeName)) return 'single';
  if (POOLED_TYPES[library]?.has(typeName)) return 'pooled';
  return undefined;
}

function isLiteral(node: TSESTree.Node): boolean {
  const value = skipExpressionWrappers(node);
  return value.type === AST_NODE_TYPES.Literal || (value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined');
}


/**
 * Which function bodies run inside a database transaction, and which parameter is the transaction handle.
 *
 * A transaction here is a call that runs a callback inside one and commits when the callback's promise
 * settles: `prisma.$transaction(async (tx) => …)`, `knex.transaction(async (trx) => …)`,
 * `sequelize.transaction(async (t) => …)`, TypeORM's `dataSource.transaction(async (manager) => …)`,
 * Mongoose's `connection.transaction(…)` and `session.withTransaction(…)`, Drizzle's `db.transaction(…)`,
 * Kysely's `db.transaction().execute(…)`, MikroORM's `em.transactional(…)`, Objection's `Person.transaction(…)` and its
 * function `transaction(knex, …)` (also `objection.transaction(knex, …)`). The database analysis
 * (`getDbOperations(context).classify`) decides that a call opens one; three gaps of it are bridged here (see
 * `fallbackTransaction` and `isObjectionModule`). Transactions begun and committed by hand (`await sequelize.transaction()`,
 * `queryRunner.startTransaction()`) have no callback and are not covered.
 *
 * Code runs inside a transaction when it is written in the callback, or in a function the callback runs
 * while it runs: an iteration callback (`items.map(…)`), a `.then` continuation of an awaited chain, a
 * promise executor, an immediately invoked function, or a function of this file (declaration, `const`,
 * class method) that the callback calls. Functions handed to anything else (`t.afterCommit(fn)`,
 * `setTimeout(fn)`, `emitter.on(…)`, returned for later) are not known to run inside it.
 */
import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast/node-types';
import { contains } from '../ast/code-shape';
import { isAwaitedWhereItStands } from './awaited';
import { getDbOperations, type DbEvidence, type DbLibrary, type DbOperationAnalyzer } from './db-operations';
import { enclosingClassOfThis, getReceiverPackage, memberName, parentSkippingWrappers, resolveBinding, skipExpressionWrappers } from './library-origin';
import { isModuleObject, requireSource } from './modules';
import { FileCache } from './per-file';
import { MAX_TRANSACTION_BUILDER_STEPS, TRANSACTION_OPENER_NAMES } from './transaction-openers';
import { PROMISE_CONTINUATIONS } from '../ast/expressions';

export type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration;

export interface TransactionCallback {
  library: DbLibrary;
  /** The call that runs the callback in a transaction: `prisma.$transaction(cb)`, `db.transaction().execute(cb)`. */
  call: TSESTree.CallExpression;
  /** `$transaction`, `transaction`, `execute` (Kysely), `transactional`, `withTransaction`. */
  method: string;
  /** The function whose body runs inside the transaction (written in place, or a function of this file passed by name). */
  callback: FunctionNode;
  /** The callback's first parameter, which holds the transaction handle (`tx`, `trx`, `t`, `manager`, `em`, `session`), when it is a plain name. */
  handle?: TSESTree.Identifier;
  /**
   * What the transaction was opened on, as written at the head of the call's receiver: `prisma` in
   * `prisma.$transaction(…)`, `this.prisma` in `this.prisma.$transaction(…)`, `db` in `db.transaction().execute(…)`.
   */
  client?: ClientRoot;
  evidence: DbEvidence;
}

/** The head of a receiver chain: a name, or a member of `this` (`this.prisma`). */
export type ClientRoot = TSESTree.Identifier | TSESTree.MemberExpression;

export interface TransactionEntry {
  transaction: TransactionCallback;
  /**
   * Where the code enters the transaction: the node asked about when it is written inside the callback,
   * else the call inside the callback that runs it (`await notifyUser(u)` for code in `notifyUser`).
   */
  entry: TSESTree.Node;
}

export interface TransactionAnalyzer {
  /** The transaction `call` opens with a callback (`prisma.$transaction([a, b])` has none). */
  transactionOf(call: TSESTree.CallExpression): TransactionCallback | undefined;
  /** Every transaction with a callback in the file. */
  transactions(): readonly TransactionCallback[];
  /** The transactions open while `node` runs, innermost only: one usually, more when a helper is called from several. */
  transactionsRunning(node: TSESTree.Node): readonly TransactionEntry[];
  /** The transaction whose handle parameter `identifier` refers to. */
  handleOf(identifier: TSESTree.Identifier): TransactionCallback | undefined;
  /** Both roots name the same variable, or the same member of `this` in the same class. */
  isSameClient(a: ClientRoot, b: ClientRoot): boolean;
}

/** One analyzer per linted file, shared by every rule that asks (cached on the SourceCode object). */
export function getTransactions(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): TransactionAnalyzer {
  return analyzers.get(context.sourceCode, () => new Analyzer(context));
}

const analyzers = new FileCache<Analyzer>();

/** The head of the receiver chain `node` is or starts with: `prisma` in `prisma.user.findMany`, `this.db` in `this.db('t').where()`. */
export function clientRoot(node: TSESTree.Node): ClientRoot | undefined {
  let current = skipExpressionWrappers(node);
  for (let depth = 0; depth < MAX_CHAIN; depth++) {
    if (current.type === AST_NODE_TYPES.Identifier) return current;
    if (current.type === AST_NODE_TYPES.MemberExpression) {
      if (skipExpressionWrappers(current.object).type === AST_NODE_TYPES.ThisExpression) return current;
      current = skipExpressionWrappers(current.object);
    } else if (current.type === AST_NODE_TYPES.CallExpression) {
      current = skipExpressionWrappers(current.callee);
    } else {
      return undefined;
    }
  }
  return undefined;
}

/** Method names that open a transaction around a callback, across the libraries: the cheap first test. */
const OPENER_METHODS = new Set([...TRANSACTION_OPENER_NAMES, 'execute']);
/** Text every opener's name (or, for Kysely, its builder's) contains. */
const NAME_PART = 'ransaction';
/** At most this many transactions are looked at per file. */
const MAX_TRANSACTIONS = 200;
/** Array methods that call their callback before they return. */
const ITERATION_METHODS = new Set(['map', 'forEach', 'filter', 'reduce', 'reduceRight', 'flatMap', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex', 'sort', 'toSorted']);
const MONGO_PACKAGES = new Set(['mongoose', 'mongodb', '@nestjs/mongoose']);
const OBJECTION_PACKAGE = 'objection';
/** What Objection's `transaction(knex, cb)` is, when the database analysis does not follow its module's members. */
const OBJECTION_FUNCTION: { library: DbLibrary; evidence: DbEvidence } = { library: 'objection', evidence: 'import' };
const MAX_CHAIN = 40;
/** How many helper calls deep the search follows a transaction's callback. */
const MAX_CALL_DEPTH = 8;
/** At most this many transactions are reported for one function. */
const MAX_RUNNING = 8;
/** At most this many uses of a handle are looked at to see whether it is a database client. */
const MAX_HANDLE_USES = 50;
/** At most this many functions are followed per file. */
const MAX_EXPLORED = 500;

/** A transaction `fn` runs in; `entry` null when `fn` is written inside the transaction's callback. */
interface Running {
  transaction: TransactionCallback;
  entry: TSESTree.Node | null;
}

class Analyzer implements TransactionAnalyzer {
  private readonly sourceCode: Readonly<TSESLint.SourceCode>;
  private dbAnalyzer: DbOperationAnalyzer | undefined;
  private readonly openers = new WeakMap<TSESTree.CallExpression, TransactionCallback | null>();
  private index: { all: TransactionCallback[]; running: Map<FunctionNode, Running[]> } | undefined;

  constructor(private readonly context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>) {
    this.sourceCode = context.sourceCode;
  }

  /** Made on first use: files that never ask about a transaction need no database analysis. */
  private get db(): DbOperationAnalyzer {
    this.dbAnalyzer ??= getDbOperations(this.context);
    return this.dbAnalyzer;
  }

  transactionOf(call: TSESTree.CallExpression): TransactionCallback | undefined {
    const cached = this.openers.get(call);
    if (cached !== undefined) return cached ?? undefined;
    let result: TransactionCallback | undefined;
    try {
      result = this.findTransaction(call);
    } catch {
      // An analysis bug must never take the lint run down with it: no answer is a safe answer.
      result = undefined;
    }
    this.openers.set(call, result ?? null);
    return result;
  }

  transactions(): readonly TransactionCallback[] {
    return this.build().all;
  }

  transactionsRunning(node: TSESTree.Node): readonly TransactionEntry[] {
    const fn = enclosingFunction(node);
    if (!fn) return [];
    const running = this.build().running.get(fn);
    return running ? running.map((item) => ({ transaction: item.transaction, entry: item.entry ?? node })) : [];
  }

  handleOf(identifier: TSESTree.Identifier): TransactionCallback | undefined {
    const variable = this.variableOf(identifier);
    const def = variable?.defs[0];
    if (def?.type !== 'Parameter' || !isFunctionNode(def.node)) return undefined;
    const fn = def.node;
    return this.build().all.find((transaction) => transaction.callback === fn && transaction.handle === def.name);
  }

  isSameClient(a: ClientRoot, b: ClientRoot): boolean {
    if (a.type === AST_NODE_TYPES.Identifier && b.type === AST_NODE_TYPES.Identifier) {
      if (a.name !== b.name) return false;
      const first = this.variableOf(a);
      return first === this.variableOf(b);
    }
    if (a.type === AST_NODE_TYPES.MemberExpression && b.type === AST_NODE_TYPES.MemberExpression) {
      const name = memberName(a);
      if (name === undefined || name !== memberName(b)) return false;
      const owner = enclosingClassOfThis(a);
      return owner !== undefined && owner.classNode === enclosingClassOfThis(b)?.classNode;
    }
    return false;
  }

  // -------------------------------------------------------------------------------------------------------
  // Which calls open a transaction.

  private findTransaction(call: TSESTree.CallExpression): TransactionCallback | undefined {
    const callee = skipExpressionWrappers(call.callee);
    if (callee.type === AST_NODE_TYPES.Identifier) return this.functionTransaction(call);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const method = memberName(callee);
    if (method === undefined || !OPENER_METHODS.has(method)) return undefined;
    const callback = this.callbackArgument(call);
    if (!callback) return undefined;
    const handle = plainParameter(callback.params[0]);
    // `objection.transaction(knex, cb)`: Objection's function reached through its module, opened on no client of the file's.
    const objectionFunction = method === 'transaction' && this.isObjectionModule(callee.object);
    const found = this.classifiedTransaction(call) ?? (objectionFunction ? OBJECTION_FUNCTION : this.fallbackTransaction(callee, method, callback));
    if (!found) return undefined;
    return { library: found.library, call, method, callback, handle, client: objectionFunction ? undefined : clientRoot(callee.object), evidence: found.evidence };
  }

  /** Objection's module itself: `import objection from 'objection'`, `import * as objection`, `require('objection')` in place or in a variable. */
  private isObjectionModule(node: TSESTree.Node): boolean {
    const value = skipExpressionWrappers(node);
    if (value.type === AST_NODE_TYPES.CallExpression) return requireSource(value) === OBJECTION_PACKAGE;
    if (value.type !== AST_NODE_TYPES.Identifier) return false;
    const binding = resolveBinding(value, this.sourceCode.getScope(value));
    return binding.kind === 'import' && binding.source === OBJECTION_PACKAGE && isModuleObject(binding.imported);
  }

  /**
   * A function called by name that the database analysis says opens a transaction: Objection's
   * `transaction(knex, async (trx) => …)` and `transaction(Person, Pet, async (BoundPerson, BoundPet) => …)`. It is
   * opened on no client of the file's: what it runs on is handed to it.
   */
  private functionTransaction(call: TSESTree.CallExpression): TransactionCallback | undefined {
    const callback = this.callbackArgument(call);
    const found = callback && this.classifiedTransaction(call);
    if (!found) return undefined;
    return { library: found.library, call, method: 'transaction', callback, handle: plainParameter(callback.params[0]), evidence: found.evidence };
  }

  /** What the database analysis says. `withSession` hands out a session without a transaction. */
  private classifiedTransaction(call: TSESTree.CallExpression): { library: DbLibrary; evidence: DbEvidence } | undefined {
    const op = this.db.classify(call);
    return op?.kind === 'transaction' && op.method !== 'withSession' ? { library: op.library, evidence: op.evidence } : undefined;
  }

  /**
   * Two shapes the database analysis does not classify (yet):
   * - Mongoose's `session.withTransaction(cb)` on a session from `mongoose.startSession()`,
   *   `Model.startSession()` or `connection.startSession()` without type information;
   * - `<x>.transaction(cb)` / `<x>.transactional(cb)` on a receiver of unknown origin (`import { db } from './db'`),
   *   when the callback uses its parameter as a database client (`trx('users')`, `tx.insert(users)`).
   */
  private fallbackTransaction(callee: TSESTree.MemberExpression, method: string, callback: FunctionNode): { library: DbLibrary; evidence: DbEvidence } | undefined {
    if (method === 'withTransaction') {
      const receiver = getReceiverPackage(callee.object, this.context);
      if (!receiver || !MONGO_PACKAGES.has(receiver.packageName)) return undefined;
      return { library: receiver.packageName === 'mongodb' ? 'mongodb' : 'mongoose', evidence: receiver.evidence };
    }
    if (method !== 'transaction' && method !== 'transactional') return undefined;
    const library = this.handleUsedAsDatabase(callback);
    return library && { library, evidence: 'shape' };
  }

  /** The library of a database operation the callback sends through its first parameter. */
  private handleUsedAsDatabase(callback: FunctionNode): DbLibrary | undefined {
    const handle = plainParameter(callback.params[0]);
    if (!handle) return undefined;
    const variable = this.sourceCode.getDeclaredVariables(callback).find((candidate) => candidate.identifiers.includes(handle as never));
    for (const reference of (variable?.references ?? []).slice(0, MAX_HANDLE_USES)) {
      let current: TSESTree.Node = reference.identifier as TSESTree.Node;
      for (let depth = 0; depth < MAX_CHAIN; depth++) {
        const { child, parent } = parentSkippingWrappers(current);
        if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === child) {
          current = parent;
          continue;
        }
        if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.callee !== child) break;
        const op = this.db.classify(parent);
        if (op && op.kind !== 'transaction') return op.library;
        current = parent;
      }
    }
    return undefined;
  }

  /** The first argument that is a function, written in place or named (a declaration or `const` of this file). */
  private callbackArgument(call: TSESTree.CallExpression): FunctionNode | undefined {
    for (const argument of call.arguments) {
      const value = skipExpressionWrappers(argument);
      if (isFunctionNode(value)) return value;
      if (value.type !== AST_NODE_TYPES.Identifier) continue;
      const named = this.functionNamed(value);
      if (named) return named;
    }
    return undefined;
  }

  /** The function a name holds for sure: a function declaration, or a variable written once, with a function. */
  private functionNamed(identifier: TSESTree.Identifier): FunctionNode | undefined {
    const binding = resolveBinding(identifier, this.sourceCode.getScope(identifier));
    if (binding.kind === 'function' && binding.node.type === AST_NODE_TYPES.FunctionDeclaration) return binding.node;
    if (binding.kind !== 'value' || binding.path.length > 0) return undefined;
    const value = skipExpressionWrappers(binding.expression);
    if (!isFunctionNode(value)) return undefined;
    // `let notify = …; notify = other;`: which function a call reaches depends on the order things run in.
    const writes = this.variableOf(identifier)?.references.filter((reference) => reference.isWrite()).length ?? 0;
    return writes <= 1 ? value : undefined;
  }

  // -------------------------------------------------------------------------------------------------------
  // Which functions run while a transaction's callback runs.

  /**
   * Finds the file's transactions where the text names one (every opener has "ransaction" in its name or,
   * for Kysely, in the call its `execute` continues: no walk of the whole tree), then follows each
   * callback down to the functions it runs.
   */
  private build(): { all: TransactionCallback[]; running: Map<FunctionNode, Running[]> } {
    if (this.index) return this.index;
    const index = { all: [] as TransactionCallback[], running: new Map<FunctionNode, Running[]>() };
    this.index = index;
    try {
      const text = this.sourceCode.text;
      for (let at = text.indexOf(NAME_PART); at !== -1 && index.all.length < MAX_TRANSACTIONS; at = text.indexOf(NAME_PART, at + NAME_PART.length)) {
        for (const opener of this.openersNamedAt(at)) {
          const transaction = this.transactionOf(opener);
          if (transaction && !index.all.includes(transaction) && index.all.length < MAX_TRANSACTIONS) index.all.push(transaction);
        }
      }
      const budget = { functions: MAX_EXPLORED };
      for (const transaction of index.all) this.explore(transaction.callback, transaction, null, 0, budget);
    } catch {
      // An analysis bug must never take the lint run down with it: what was found so far stands.
    }
    return index;
  }

  /**
   * The calls named by the name that covers text offset `at`: a function's (`transaction(knex, cb)`, also every call of
   * `tx` after `import { transaction as tx }`), or else the one call of the method `x.transaction(…)`, `x.$transaction(…)`,
   * `x.withTransaction(…)`, `x.transactional(…)`, or the `execute(…)` that a Kysely `x.transaction()` leads to.
   */
  private openersNamedAt(at: number): TSESTree.CallExpression[] {
    const name = nodeAt(this.sourceCode.ast, at, this.sourceCode.visitorKeys);
    if (name?.type !== AST_NODE_TYPES.Identifier || !OPENER_METHODS.has(name.name)) return [];
    const specifier = name.parent;
    if (specifier?.type === AST_NODE_TYPES.ImportSpecifier && specifier.imported === name && specifier.local.name !== name.name) return this.callsOf(specifier);
    const { child, parent } = parentSkippingWrappers(name);
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === child) return [parent];
    const opener = this.openerNamedAt(name);
    return opener ? [opener] : [];
  }

  /** The calls of the name an import specifier brings in, in the order they are written. */
  private callsOf(specifier: TSESTree.ImportSpecifier): TSESTree.CallExpression[] {
    const calls: TSESTree.CallExpression[] = [];
    for (const reference of this.sourceCode.getDeclaredVariables(specifier)[0]?.references ?? []) {
      const { child, parent } = parentSkippingWrappers(reference.identifier as TSESTree.Node);
      if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === child) calls.push(parent);
      if (calls.length >= MAX_TRANSACTIONS) break;
    }
    return calls;
  }

  /** The call of the method `property` (an opener's name) names, or the Kysely `execute(…)` it leads to. */
  private openerNamedAt(property: TSESTree.Identifier): TSESTree.CallExpression | undefined {
    const member = property.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.property !== property) return undefined;
    const { child, parent } = parentSkippingWrappers(member);
    if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.callee !== child) return undefined;
    if (property.name !== 'transaction' || parent.arguments.length > 0) return parent;
    // db.transaction().setIsolationLevel('serializable').execute(cb)
    let call: TSESTree.CallExpression = parent;
    for (let depth = 0; depth < MAX_TRANSACTION_BUILDER_STEPS; depth++) {
      const { child: value, parent: next } = parentSkippingWrappers(call);
      if (next?.type !== AST_NODE_TYPES.MemberExpression || next.object !== value) return call;
      const { child: callee, parent: outer } = parentSkippingWrappers(next);
      if (outer?.type !== AST_NODE_TYPES.CallExpression || outer.callee !== callee) return call;
      if (memberName(next) === 'execute') return outer;
      call = outer;
    }
    return call;
  }

  /** Records that `fn` runs inside `transaction` (entered at `entry`), then follows what its body runs. */
  private explore(fn: FunctionNode, transaction: TransactionCallback, entry: TSESTree.Node | null, depth: number, budget: { functions: number }): void {
    const { running, all } = this.index!;
    // A callback of another transaction runs in that one: the innermost transaction is the one that counts.
    if (fn !== transaction.callback && all.some((other) => other.callback === fn)) return;
    const known = running.get(fn) ?? [];
    if (known.length >= MAX_RUNNING || known.some((item) => item.transaction === transaction && item.entry === entry)) return;
    known.push({ transaction, entry });
    running.set(fn, known);
    if (depth > MAX_CALL_DEPTH || --budget.functions < 0) return;
    const stack: TSESTree.Node[] = [fn.body];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (isFunctionNode(node)) {
        // Written here and run on the spot (`items.map(async (x) => …)`); other functions run only where called.
        if (runsOnTheSpot(node)) this.explore(node, transaction, entry, depth, budget);
        continue;
      }
      if (node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) continue;
      if (node.type === AST_NODE_TYPES.CallExpression) this.followCall(node, transaction, entry, depth, budget);
      pushChildren(node, this.sourceCode.visitorKeys, stack);
    }
  }

  /** A call in code that runs inside `transaction`: the functions of this file it runs run there too. */
  private followCall(call: TSESTree.CallExpression, transaction: TransactionCallback, entry: TSESTree.Node | null, depth: number, budget: { functions: number }): void {
    const targets: FunctionNode[] = [];
    const called = this.functionCalledBy(skipExpressionWrappers(call.callee));
    if (called) targets.push(called);
    call.arguments.forEach((argument, index) => {
      // `ids.map(notify)`: a named function handed to an iteration method.
      const value = skipExpressionWrappers(argument);
      if (value.type === AST_NODE_TYPES.Identifier && isInvoker(call, index)) {
        const named = this.functionNamed(value);
        if (named) targets.push(named);
      }
    });
    for (const target of targets) {
      // Entered where the code leaves the callback's text: a helper written elsewhere is entered at this call.
      const targetEntry = entry ?? (contains(transaction.callback, target) ? null : call);
      this.explore(target, transaction, targetEntry, depth + 1, budget);
    }
  }

  /** The function of this file a callee names: a declaration, a `const` holding a function, or a method of the class `this` is in. */
  private functionCalledBy(callee: TSESTree.Node): FunctionNode | undefined {
    if (callee.type === AST_NODE_TYPES.Identifier) return this.functionNamed(callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || skipExpressionWrappers(callee.object).type !== AST_NODE_TYPES.ThisExpression) return undefined;
    const name = memberName(callee);
    const owner = enclosingClassOfThis(callee);
    return name === undefined || !owner ? undefined : classMethod(owner.classNode.body, name, owner.isStatic);
  }

  private variableOf(identifier: TSESTree.Identifier): TSESLint.Scope.Variable | null {
    return findVariable(this.sourceCode.getScope(identifier) as never, identifier as never) as TSESLint.Scope.Variable | null;
  }
}

// ---------------------------------------------------------------------------------------------------------

function isFunctionNode(node: TSESTree.Node): node is FunctionNode {
  return node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionExpression || node.type === AST_NODE_TYPES.FunctionDeclaration;
}

/** The innermost function whose body holds `node`; none for module code, class fields and static blocks. */
function enclosingFunction(node: TSESTree.Node): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current)) return current;
    if (current.type === AST_NODE_TYPES.ClassBody) return undefined;
  }
  return undefined;
}

function plainParameter(param: TSESTree.Parameter | undefined): TSESTree.Identifier | undefined {
  if (param?.type === AST_NODE_TYPES.Identifier) return param;
  if (param?.type === AST_NODE_TYPES.AssignmentPattern && param.left.type === AST_NODE_TYPES.Identifier) return param.left;
  return undefined;
}

/** A call that runs its function argument at `index` before it returns (or, for `.then`, before an awaited chain settles). */
function isInvoker(call: TSESTree.CallExpression, index: number): boolean {
  if (index < 0) return false;
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const name = memberName(callee);
  if (name === undefined) return false;
  if (ITERATION_METHODS.has(name)) return index === 0;
  if (name === 'from') return index === 1 && callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'Array';
  if (PROMISE_CONTINUATIONS.has(name)) return index <= 1 && isAwaitedWhereItStands(call);
  return false;
}

/** An immediately invoked function, a promise executor, or a callback of an iteration method or awaited `.then`. */
function runsOnTheSpot(fn: FunctionNode): boolean {
  const { child, parent } = parentSkippingWrappers(fn);
  if (parent?.type === AST_NODE_TYPES.CallExpression) {
    return parent.callee === child || isInvoker(parent, parent.arguments.indexOf(child as TSESTree.CallExpressionArgument));
  }
  return parent?.type === AST_NODE_TYPES.NewExpression && parent.arguments[0] === child && parent.callee.type === AST_NODE_TYPES.Identifier && parent.callee.name === 'Promise';
}

/** The method (or function-valued field) `name` of a class body. */
function classMethod(classBody: TSESTree.ClassBody, name: string, isStatic: boolean): FunctionNode | undefined {
  for (const member of classBody.body) {
    if (member.type !== AST_NODE_TYPES.MethodDefinition && member.type !== AST_NODE_TYPES.PropertyDefinition) continue;
    if (member.static !== isStatic || (member.type === AST_NODE_TYPES.MethodDefinition && member.kind !== 'method')) continue;
    const key = member.key;
    const keyName = key.type === AST_NODE_TYPES.PrivateIdentifier ? `#${key.name}` : !member.computed && key.type === AST_NODE_TYPES.Identifier ? key.name : undefined;
    if (keyName !== name || !member.value) continue;
    const value = skipExpressionWrappers(member.value);
    return isFunctionNode(value) ? value : undefined;
  }
  return undefined;
}

/** The innermost node whose range holds text offset `at`. */
function nodeAt(root: TSESTree.Node, at: number, visitorKeys: TSESLint.SourceCode.VisitorKeys): TSESTree.Node | undefined {
  let current: TSESTree.Node = root;
  for (;;) {
    let inner: TSESTree.Node | undefined;
    for (const key of visitorKeys[current.type] ?? []) {
      const value = (current as unknown as Record<string, unknown>)[key];
      for (const item of Array.isArray(value) ? value : [value]) {
        const child = item as TSESTree.Node | null;
        if (child && typeof child.type === 'string' && child.range[0] <= at && at < child.range[1]) {
          inner = child;
          break;
        }
      }
      if (inner) break;
    }
    if (!inner) return current;
    current = inner;
  }
}

function pushChildren(node: TSESTree.Node, visitorKeys: TSESLint.SourceCode.VisitorKeys, stack: TSESTree.Node[]): void {
  for (const key of visitorKeys[node.type] ?? []) {
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index--) {
        const item = value[index] as TSESTree.Node | null;
        if (item && typeof item.type === 'string') stack.push(item);
      }
    } else if (value && typeof (value as TSESTree.Node).type === 'string') {
      stack.push(value as TSESTree.Node);
    }
  }
}

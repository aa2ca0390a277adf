import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../src/ast/node-types';
import { createRule } from '../src/create-rule';
import { getDbOperations, type DbLibrary, type DbOperation } from '../src/analysis/db-operations';
import { isAwaitedWhereItStands } from '../src/analysis/awaited';
import { memberName, resolveBinding, skipExpressionWrappers } from '../src/analysis/library-origin';
import { DEFAULT_SCRIPT_GLOBS, scriptsOptionSchema, getRequestPath } from '../src/analysis/request-path';
import { getOutboundIo, type OutboundIoCall, type OutboundIoCategory } from '../src/analysis/outbound-io';
import { objectionConnectionArgument } from '../src/analysis/db/objection';
import { clientRoot, getTransactions, type TransactionCallback, type TransactionEntry } from '../src/analysis/transactions';
import { textMentions } from '../src/analysis/text-facts';
import { isNullishValue, propertyKeyName } from '../src/ast/expressions';

type MessageIds = 'ioInTransaction' | 'helperIoInTransaction' | 'outerClientInTransaction';

/** The I/O a transaction should not wait on; database and cache calls belong in it, file calls are local. */
type TransactionIoCategory = Extract<OutboundIoCategory, 'http' | 'queue' | 'email' | 'sleep'>;

type TransactionIo = OutboundIoCall & { category: TransactionIoCategory };

function isTransactionIo(found: OutboundIoCall): found is TransactionIo {
  return Object.hasOwn(IO_NAMES, found.category);
}

const IO_NAMES: Readonly<Record<TransactionIoCategory, { subject: string; object: string }>> = {
  http: { subject: 'An HTTP request', object: 'an HTTP request' },
  queue: { subject: 'A queue publish', object: 'a queue publish' },
  email: { subject: 'An e-mail send', object: 'an e-mail send' },
  sleep: { subject: 'A sleep', object: 'a sleep' },
};

/**
 * Libraries whose transaction only covers what goes through its handle. Sequelize (with CLS) and MikroORM
 * (its transaction context) can route calls on the outer client into the transaction; Mongoose and the
 * MongoDB driver join a transaction per call, through the `session` option.
 */
const HANDLE_BOUND = new Set<DbLibrary>(['prisma', 'knex', 'objection', 'drizzle', 'kysely', 'typeorm']);
const MAX_TEXT = 60;
const MAX_CHAIN = 40;
/**
 * Objection's model statics that take the transaction (or a Knex) first, besides the query starters, and how many
 * arguments they have then: a model class bound to it (`Person.bindTransaction(trx).query()`), a savepoint in it
 * (`Person.transaction(trx, async (inner) => …)`, `Person.startTransaction(trx)`).
 */
const OBJECTION_CONNECTION_FIRST: Readonly<Record<string, number>> = { bindKnex: 1, bindTransaction: 1, startTransaction: 1, transaction: 2 };
/** Where `fetchGraph` takes its options, which may name the transaction (`{ transaction: trx }`). */
const OBJECTION_GRAPH_OPTIONS: Readonly<Record<string, number>> = { fetchGraph: 2, $fetchGraph: 1 };

type Options = [{ scripts: string[] }];

export default createRule<Options, MessageIds>({
  name: 'no-io-in-transaction',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow slow I/O (HTTP calls, queue publishes, e-mails, sleeps) and calls on the outer client inside database transaction callbacks',
      guide: 'short-transactions',
      recommended: 'recommended',
    },
    schema: [
      {
        type: 'object',
        properties: {
          scripts: scriptsOptionSchema('where a long transaction holds up no request.'),
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ scripts: [...DEFAULT_SCRIPT_GLOBS] }],
    messages: {
      ioInTransaction: '{{io}} (`{{call}}(…)`) inside the `{{transaction}}(…)` callback {{effect}}. {{fix}}',
      helperIoInTransaction: '`{{call}}(…)` runs inside the `{{transaction}}(…)` callback and makes {{io}} (`{{ioCall}}(…)`, line {{line}}), which {{effect}}. {{fix}}',
      outerClientInTransaction:
        '`{{call}}(…)` goes through `{{client}}`, not {{handle}}, so it runs outside the `{{transaction}}(…)` transaction on another pooled connection: it does not commit or roll back with it, and with a small pool{{poolNote}} it waits for the connection the transaction holds. {{fix}}',
    },
  },
  create(context, [options]) {
    const { sourceCode } = context;
    // Every callback transaction API has this in its name ($transaction, transaction, withTransaction, transactional).
    if (!textMentions(sourceCode, 'ransaction')) return {};
    // Tests (which may sleep inside a transaction on purpose), scripts, migrations and seeds serve no traffic.
    if (getRequestPath(context, { scripts: options.scripts }).fileKind !== 'server') return {};
    const transactions = getTransactions(context);
    const io = getOutboundIo(context);
    const reported = new Set<TSESTree.Node>();

    function slowIo(node: TSESTree.CallExpression | TSESTree.NewExpression): TransactionIo | undefined {
      const found = io.classify(node);
      return found && isTransactionIo(found) ? found : undefined;
    }

    function checkIo(node: TSESTree.CallExpression | TSESTree.NewExpression, running: readonly TransactionEntry[]): void {
      const found = slowIo(node);
      if (!found) return;
      for (const { transaction, entry } of running) {
        if (reported.has(entry)) continue;
        reported.add(entry);
        // A helper that is itself I/O (`await sleep(100)` with `sleep` defined in this file) is reported as such.
        const direct = entry === node ? found : isCallOrNew(entry) ? slowIo(entry) : undefined;
        if (direct) {
          context.report({
            node: entry,
            messageId: 'ioInTransaction',
            data: {
              io: IO_NAMES[direct.category].subject,
              call: ioCallText(direct, sourceCode),
              transaction: transactionText(transaction, sourceCode),
              effect: ioEffect(direct),
              fix: ioFix(direct.category, transaction, sourceCode),
            },
          });
        } else {
          context.report({
            node: entry,
            messageId: 'helperIoInTransaction',
            data: {
              call: calleeText(entry, sourceCode),
              io: IO_NAMES[found.category].object,
              ioCall: ioCallText(found, sourceCode),
              line: String(node.loc.start.line),
              transaction: transactionText(transaction, sourceCode),
              // The callback waits for the I/O when it waits for the helper and the helper waits for the I/O.
              effect: ioEffect(found, isAwaitedWhereItStands(entry) && isAwaitedWhereItStands(node)),
              fix: ioFix(found.category, transaction, sourceCode),
            },
          });
        }
      }
    }

    function checkOuterClient(node: TSESTree.CallExpression, running: readonly TransactionEntry[]): void {
      // Only code written in the callback: a helper of its own may well be meant to run outside.
      const written = running.filter((candidate) => candidate.entry === node && HANDLE_BOUND.has(candidate.transaction.library));
      if (written.length === 0) return;
      // The head of the call's chain names the client it goes through: compare first, classify second.
      const root = clientRoot(node.callee);
      if (!root) return;
      for (const { transaction } of written) {
        const client = transaction.client;
        const sameClient = client !== undefined && transactions.isSameClient(root, client);
        if (!sameClient && !isUnboundObjectionModel(root, transaction)) continue;
        const op = getDbOperations(context).classify(node);
        if (!op || transaction.library !== op.library) continue;
        // Opened on an enclosing transaction's handle (a savepoint): the outer handle shares the connection.
        if (client?.type === AST_NODE_TYPES.Identifier && transactions.handleOf(client)) continue;
        if (isBoundToTransaction(op)) continue;
        // Another model's query starts on the class itself (`Pet.query()`); a row's (`pet.$query()`) may belong to a bound class.
        if (!sameClient && !startsOnModel(op, root)) continue;
        context.report({ node, messageId: 'outerClientInTransaction', data: outerClientData(op, transaction, root, sourceCode) });
        return;
      }
    }

    /**
     * A model class of Objection's in an Objection transaction that did not hand it out: `Pet` in `Person.transaction(async (trx) => …)`
     * runs on the model's own Knex, not on `trx`. Not the callback's parameters (the bound models of `transaction(Person, Pet, cb)`),
     * nor classes bound first (`const BoundPet = Pet.bindTransaction(trx)`): only a class declared or imported as it is.
     */
    function isUnboundObjectionModel(root: TSESTree.Node, transaction: TransactionCallback): boolean {
      if (transaction.library !== 'objection' || root.type !== AST_NODE_TYPES.Identifier || handsOutModels(transaction)) return false;
      const binding = resolveBinding(root, sourceCode.getScope(root));
      if (binding.kind === 'class' || binding.kind === 'import') return true;
      return binding.kind === 'value' && binding.path.length === 0 && skipExpressionWrappers(binding.expression).type === AST_NODE_TYPES.ClassExpression;
    }

    /** Objection's function given models (`transaction(Person, Pet, async (BoundPerson, BoundPet) => …)`) hands its callback bound models, not the transaction. */
    function handsOutModels(transaction: TransactionCallback): boolean {
      // Opened on a model (`Person.transaction(…)`), the transaction is what the callback gets.
      if (transaction.client !== undefined) return false;
      const given = transaction.call.arguments.slice(0, -1);
      if (given.length !== 1) return true;
      const first = skipExpressionWrappers(given[0]);
      return first.type === AST_NODE_TYPES.Identifier && resolveBinding(first, sourceCode.getScope(first)).kind === 'class';
    }

    return {
      CallExpression(node) {
        const running = transactions.transactionsRunning(node);
        if (running.length === 0) return;
        checkIo(node, running);
        checkOuterClient(node, running);
      },
      'NewExpression[callee.type="Identifier"][callee.name="Promise"]'(node: TSESTree.NewExpression) {
        const running = transactions.transactionsRunning(node);
        if (running.length > 0) checkIo(node, running);
      },
    };
  },
});

function isCallOrNew(node: TSESTree.Node): node is TSESTree.CallExpression | TSESTree.NewExpression {
  return node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression;
}

/** Source text on one line, shortened for a message. */
function shortText(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): string {
  // Only the start is shown: collapse the whitespace of a bounded prefix, not of a whole chain.
  const text = sourceCode.getText(node).slice(0, MAX_TEXT * 4).replace(/\s+/g, ' ');
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

function calleeText(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): string {
  if (node.type === AST_NODE_TYPES.NewExpression) return `new ${shortText(node.callee, sourceCode)}`;
  return node.type === AST_NODE_TYPES.CallExpression ? shortText(node.callee, sourceCode) : shortText(node, sourceCode);
}

function ioCallText(found: OutboundIoCall, sourceCode: Readonly<TSESLint.SourceCode>): string {
  return calleeText(found.node, sourceCode);
}

function transactionText(transaction: TransactionCallback, sourceCode: Readonly<TSESLint.SourceCode>): string {
  return shortText(transaction.call.callee, sourceCode);
}

/** What the I/O does to the transaction: waiting holds it open; a publish or send is not undone by a rollback. */
function ioEffect(found: OutboundIoCall, waited = isAwaitedWhereItStands(found.node)): string {
  const sideEffect = found.category === 'queue' || found.category === 'email';
  if (!waited && found.category !== 'sleep') return 'runs before the transaction commits and is not undone if it rolls back';
  const holds = 'keeps the transaction open while it waits, holding its locks and a pooled connection';
  return sideEffect ? `${holds}, and is not undone if the transaction rolls back` : holds;
}

/** The library's way to wait for the commit. */
function afterCommit(transaction: TransactionCallback, sourceCode: Readonly<TSESLint.SourceCode>): string {
  if (transaction.library === 'sequelize' && transaction.handle) return `in \`${transaction.handle.name}.afterCommit(() => …)\``;
  return `once \`await ${transactionText(transaction, sourceCode)}(…)\` has returned`;
}

function ioFix(category: TransactionIoCategory, transaction: TransactionCallback, sourceCode: Readonly<TSESLint.SourceCode>): string {
  const retries = transaction.method === 'withTransaction' || transaction.library === 'mongoose' ? ' (the callback may also run more than once: the driver retries it on transient errors)' : '';
  switch (category) {
    case 'sleep':
      return 'Wait before the transaction starts or after it ends; to retry, retry the whole transaction.';
    case 'http':
      return `Fetch what the transaction needs before it starts, and call out with its results ${afterCommit(transaction, sourceCode)}${retries}.`;
    default: {
      const outbox = transaction.handle ? `write an outbox row through \`${transaction.handle.name}\`` : 'write an outbox row inside the transaction';
      return `Send it ${afterCommit(transaction, sourceCode)}, or ${outbox} and send it from there${retries}.`;
    }
  }
}

/**
 * knex's `.transacting(trx)` puts a query built on the outer client into the transaction; so does Objection's (which
 * also takes the transaction where the query starts: `Person.query(trx)`, `person.$relatedQuery('pets', trx)`,
 * `Person.bindTransaction(trx).query()`, `Person.fetchGraph(people, 'pets', { transaction: trx })`).
 */
function isBoundToTransaction(op: DbOperation): boolean {
  if (op.library !== 'knex' && op.library !== 'objection') return false;
  let current: TSESTree.Node = op.node;
  for (let depth = 0; depth < MAX_CHAIN && current.type === AST_NODE_TYPES.CallExpression; depth++) {
    const callee = skipExpressionWrappers(current.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    const method = memberName(callee);
    if (method === 'transacting') return true;
    if (op.library === 'objection' && method !== undefined && isGivenObjectionConnection(current, method)) return true;
    current = skipExpressionWrappers(callee.object);
  }
  return false;
}

/** The query starts with a static of the model class `root` names: `Pet.query()`, `Pet.relatedQuery('owner')`, `Pet.transaction(…)`. */
function startsOnModel(op: DbOperation, root: TSESTree.Node): boolean {
  const callee = skipExpressionWrappers(op.operationCall.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && skipExpressionWrappers(callee.object) === root && !op.method.startsWith('$');
}

/** An Objection call `method` that is given the transaction (or a Knex) to run on. */
function isGivenObjectionConnection(call: TSESTree.CallExpression, method: string): boolean {
  if (objectionConnectionArgument(call, method) !== undefined) return true;
  if (Object.hasOwn(OBJECTION_CONNECTION_FIRST, method)) {
    // `Person.transaction(async (trx) => …)`, the callback alone, opens a transaction of its own on another connection.
    const first = call.arguments[0];
    return call.arguments.length >= OBJECTION_CONNECTION_FIRST[method] && first !== undefined && !isNullishValue(first);
  }
  if (!Object.hasOwn(OBJECTION_GRAPH_OPTIONS, method)) return false;
  const options = call.arguments[OBJECTION_GRAPH_OPTIONS[method]];
  if (!options) return false;
  // Options built elsewhere (`opts`, `{ ...opts }`) may hold the transaction: only a literal without it says no.
  const value = skipExpressionWrappers(options);
  if (value.type !== AST_NODE_TYPES.ObjectExpression) return true;
  return value.properties.some((property) => property.type !== AST_NODE_TYPES.Property || propertyKeyName(property) === 'transaction');
}

function outerClientData(op: DbOperation, transaction: TransactionCallback, root: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): Record<string, string> {
  const call = calleeText(op.node, sourceCode);
  const client = shortText(root, sourceCode);
  const handle = transaction.handle?.name;
  let fix: string;
  if (!handle) {
    fix = 'Take the transaction handle as the callback\'s first parameter and send every query of the transaction through it.';
  } else {
    let rest = call.startsWith(client) ? call.slice(client.length) : undefined;
    // TypeORM: `dataSource.manager.save(…)` becomes `manager.save(…)`, the handle being an EntityManager.
    if (op.library === 'typeorm' && rest?.startsWith('.manager.')) rest = rest.slice('.manager'.length);
    // An accessor called for the client (`db().query.group.findFirst`, Dittofeed's): the handle is the client itself.
    // (Knex's `db('audit')` names a table: its handle is called the same way.)
    if (rest?.startsWith('()') && op.library !== 'knex') rest = rest.slice(2);
    const through = rest === undefined ? `\`${handle}\`` : `\`${handle}${rest}(…)\``;
    // Objection takes the transaction where the query starts, not as a receiver.
    fix = op.library === 'objection' ? `Pass \`${handle}\` where the query starts (\`${client}.query(${handle})\`)` : `Call it through ${through}`;
    if (op.library === 'knex' || op.library === 'objection') fix += `, or chain \`.transacting(${handle})\``;
    fix += '.';
  }
  return {
    call,
    client,
    handle: handle ? `the transaction's \`${handle}\`` : 'the transaction handle',
    transaction: transactionText(transaction, sourceCode),
    poolNote: op.library === 'prisma' ? ' (Prisma\'s `connection_limit=1` in serverless setups)' : '',
    fix,
  };
}

import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../src/ast/node-types';
import { contains, isFunction } from '../src/ast/code-shape';
import { createRule } from '../src/create-rule';
import { getConnections, type Connection } from '../src/analysis/connections';
import { getDbOperations, type DbLibrary, type DbOperation } from '../src/analysis/db-operations';
import { getTypeServices, memberName, resolveBinding, skipExpressionWrappers } from '../src/analysis/library-origin';
import { getHttpClients } from '../src/analysis/http-clients';
import { getOutboundIo, type OutboundIoCall } from '../src/analysis/outbound-io';
import { describeExpression, getPerElementScope } from '../src/analysis/per-element';
import { rawQueryOnlyReads } from '../src/analysis/read-only-sql';
import { DEFAULT_SCRIPT_GLOBS, scriptsOptionSchema, getRequestPath } from '../src/analysis/request-path';
import { clientRoot, getTransactions } from '../src/analysis/transactions';
import { textMentions } from '../src/analysis/text-facts';
import { pushChildNodes } from '../src/ast/children';

type MessageIds = 'sequentialRead' | 'runTogether';
type Options = [{ scripts: string[] }];

type IoNode = TSESTree.CallExpression | TSESTree.TaggedTemplateExpression;
type VisitorKeys = Readonly<TSESLint.SourceCode>['visitorKeys'];
type ReadIo = OutboundIoCall<IoNode>;

/**
 * One statement that waits for one outbound read and does nothing else: `const a = await read()`,
 * `a = await read()`, `await read()`, `const b = (await read()).data`.
 */
interface Member {
  statement: TSESTree.ExpressionStatement | TSESTree.VariableDeclaration;
  awaitNode: TSESTree.AwaitExpression;
  io: ReadIo;
  /** Variables the statement declares or assigns. */
  writes: TSESLint.Scope.Variable[];
  /** `const x = await read()` / `await read()` as written, which the suggestion can merge; `other` for the rest. */
  form: 'const' | 'bare' | 'other';
  connection?: Connection;
  /** The statement calls something besides the read itself (in its arguments, say). */
  callsOther: boolean;
}

/** Methods that read an HTTP response body on the request's promise: `got(url).json()`, `ky.get(url).text()`. */
const BODY_READERS = new Set(['json', 'text', 'buffer', 'arrayBuffer', 'blob', 'formData']);
const CONTINUATIONS = new Set(['then', 'catch']);
/** Redis reads with a side effect: XREADGROUP hands entries to a consumer and records them as pending. */
const CACHE_READS_WITH_EFFECTS = new Set(['xreadgroup']);
const MAX_CONTINUATIONS = 6;
const MAX_CALL_TEXT = 48;
/** Groups of this many reads at most get a suggestion: longer ones deserve a look by hand. */
const MAX_SUGGESTED = 3;
const MAX_LINE = 80;
/** Default values of destructuring that run no code. */
const SIMPLE_DEFAULTS = new Set<string>([AST_NODE_TYPES.Literal, AST_NODE_TYPES.Identifier, AST_NODE_TYPES.TemplateLiteral, AST_NODE_TYPES.ArrayExpression, AST_NODE_TYPES.ObjectExpression, AST_NODE_TYPES.UnaryExpression]);

export default createRule<Options, MessageIds>({
  name: 'prefer-parallel-io',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Prefer starting independent database, cache and HTTP reads together over awaiting them one after another',
      guide: 'reduce-round-trips',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: {
          scripts: scriptsOptionSchema('where no request waits for the reads.'),
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ scripts: [...DEFAULT_SCRIPT_GLOBS] }],
    messages: {
      sequentialRead: '`{{call}}` does not use the {{result}} of {{earlier}}: start them together with `Promise.all` and save a round trip.',
      runTogether: 'Start the {{count}} reads together with `Promise.all`.',
    },
  },
  create(context, [options]) {
    const { sourceCode } = context;
    if (!textMentions(sourceCode, 'await')) return {};
    const requestPath = getRequestPath(context, { scripts: options.scripts });
    // Tests, scripts, migrations and seeds serve no traffic: nobody waits for their round trips.
    if (requestPath.fileKind !== 'server') return {};
    // Reads are database, cache or HTTP calls: a file where neither analysis can find one has nothing to group.
    if (!getDbOperations(context).mayFindOperations() && !getHttpClients(context).mayFindRequests()) return {};
    const io = getOutboundIo(context);
    const hasTransactions = textMentions(sourceCode, 'ransaction');

    /** The outbound read `expression` waits for, through response-body readers and plain `.then` projections. */
    function readIo(expression: TSESTree.Node): ReadIo | undefined {
      let current = skipExpressionWrappers(expression);
      // `await (search ? Model.countDocuments(q) : Model.estimatedDocumentCount())`: a read whichever branch runs.
      if (current.type === AST_NODE_TYPES.ConditionalExpression) {
        const whenTrue = readIo(current.consequent);
        const whenFalse = whenTrue && readIo(current.alternate);
        return whenTrue && whenFalse && whenTrue.category === whenFalse.category ? whenTrue : undefined;
      }
      let throughBody = false;
      for (let step = 0; step <= MAX_CONTINUATIONS; step++) {
        if (current.type === AST_NODE_TYPES.TaggedTemplateExpression) {
          const found = io.classifyTemplate(current);
          return found && !throughBody && isRead(found) ? found : undefined;
        }
        if (current.type !== AST_NODE_TYPES.CallExpression) return undefined;
        const found = io.classify(current);
        if (found) return (!throughBody || found.category === 'http') && isRead(found as ReadIo) ? (found as ReadIo) : undefined;
        const callee = skipExpressionWrappers(current.callee);
        if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
        const method = memberName(callee);
        if (method !== undefined && BODY_READERS.has(method) && current.arguments.length === 0) {
          throughBody = true;
        } else if (method === undefined || !CONTINUATIONS.has(method) || !current.arguments.every(isProjection)) {
          return undefined;
        }
        current = skipExpressionWrappers(callee.object);
      }
      return undefined;
    }

    /** Database, cache and HTTP calls that only read. Raw SQL counts when its text is a plain `SELECT`. */
    function isRead(found: ReadIo): boolean {
      if (found.category !== 'database' && found.category !== 'cache' && found.category !== 'http') return false;
      if (found.db?.kind === 'raw') return found.category === 'database' && rawQueryOnlyReads(found.node, sourceCode);
      if (found.access !== 'read') return false;
      if (found.category === 'cache' && CACHE_READS_WITH_EFFECTS.has(found.method.toLowerCase())) return false;
      // HTTP inside a transaction belongs outside it (no-io-in-transaction), not next to its queries.
      return !(found.category === 'http' && hasTransactions && getTransactions(context).transactionsRunning(found.node).length > 0);
    }

    function memberOf(statement: TSESTree.Statement): Member | undefined {
      let value: TSESTree.Node;
      let target: TSESTree.Node | undefined;
      let form: Member['form'] = 'other';
      if (statement.type === AST_NODE_TYPES.ExpressionStatement) {
        const expression = statement.expression;
        if (expression.type === AST_NODE_TYPES.AwaitExpression) {
          value = expression;
          form = 'bare';
        } else if (expression.type === AST_NODE_TYPES.AssignmentExpression && expression.operator === '=' && isPlainPattern(expression.left)) {
          value = expression.right;
          target = expression.left;
        } else {
          return undefined;
        }
      } else if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
        if (statement.declare || statement.declarations.length !== 1 || (statement.kind !== 'const' && statement.kind !== 'let' && statement.kind !== 'var')) return undefined;
        const [declarator] = statement.declarations;
        if (!declarator.init || !isPlainPattern(declarator.id)) return undefined;
        value = declarator.init;
        if (statement.kind === 'const' && declarator.init.type === AST_NODE_TYPES.AwaitExpression && !declarator.id.typeAnnotation) form = 'const';
      } else {
        return undefined;
      }
      const awaitNode = awaitedAtHead(value);
      if (!awaitNode || waitsElsewhere(statement, awaitNode, sourceCode.visitorKeys)) return undefined;
      const found = readIo(awaitNode.argument);
      if (!found || continuesStoredQuery(found, statement)) return undefined;
      const writes = statement.type === AST_NODE_TYPES.VariableDeclaration ? [...sourceCode.getDeclaredVariables(statement.declarations[0])] : assignedVariables(target);
      if (!writes) return undefined;
      const connection = found.category === 'database' ? getConnections(context).connectionOf(found.node, found.client as DbLibrary) : undefined;
      return { statement, awaitNode, io: found, writes: writes as TSESLint.Scope.Variable[], form, connection, callsOther: callsOther(statement, awaitNode, sourceCode.visitorKeys) };
    }

    /**
     * A query object kept in a variable and continued here: a cursor (`await cursor.next()`), a builder
     * (`await query.where(…).first()`, TypeORM's `createQueryBuilder`). Its state changes with each call,
     * so two of them started together would not do what the two in a row do.
     */
    function continuesStoredQuery(found: ReadIo, statement: TSESTree.Node): boolean {
      const db = found.db;
      if (!db || db.node.type !== AST_NODE_TYPES.CallExpression) return false;
      if (!contains(statement, (db as DbOperation).operationCall)) return true;
      if (db.library !== 'typeorm') return false;
      const root = clientRoot(db.node.callee);
      if (root?.type !== AST_NODE_TYPES.Identifier) return false;
      const binding = resolveBinding(root, sourceCode.getScope(root));
      return binding.kind === 'value' && callsMethod(binding.expression, 'createQueryBuilder');
    }

    /** The variables an assignment's target names; undefined when one is not declared in the file. */
    function assignedVariables(target: TSESTree.Node | undefined): TSESLint.Scope.Variable[] | undefined {
      const variables: TSESLint.Scope.Variable[] = [];
      for (const identifier of patternIdentifiers(target)) {
        const variable = findVariable(sourceCode.getScope(identifier) as never, identifier as never) as TSESLint.Scope.Variable | null;
        if (!variable || variable.defs.length === 0) return undefined;
        variables.push(variable);
      }
      return variables;
    }

    /** `const user = await find(id)` followed by a statement that reads `user`: the two cannot start together. */
    function declaresWhatIsUsedIn(statement: TSESTree.Statement, next: TSESTree.Statement): boolean {
      if (statement.type !== AST_NODE_TYPES.VariableDeclaration || statement.declarations.length !== 1) return false;
      return sourceCode.getDeclaredVariables(statement.declarations[0]).some((variable) => variable.references.some((reference) => contains(next, reference.identifier as TSESTree.Node)));
    }

    /** `later` must wait for `earlier`: it uses a variable `earlier` sets, or calls code that might. */
    function dependsOn(later: Member, earlier: Member, listScope: TSESLint.Scope.Scope): boolean {
      for (const variable of earlier.writes) {
        for (const reference of variable.references) {
          const identifier = reference.identifier as TSESTree.Node;
          if (contains(later.statement, identifier)) return true;
          // A function that reads it and that `later` may call: declared (hoisted) or written before `later`.
          if (later.callsOther && !contains(earlier.statement, identifier) && reference.from.variableScope !== listScope) {
            const fn = reference.from.variableScope.block as TSESTree.Node;
            if (fn.type === AST_NODE_TYPES.FunctionDeclaration || fn.range[1] <= later.statement.range[0]) return true;
          }
        }
      }
      return false;
    }

    /** Consecutive members that may start together: each one uses none of the earlier ones and shares no connection with them. */
    function groupsOf(statements: readonly TSESTree.Statement[]): Member[][] {
      const groups: Member[][] = [];
      let current: Member[] = [];
      let listScope: TSESLint.Scope.Scope | undefined;
      const close = () => {
        if (current.length > 1) groups.push(current);
        current = [];
      };
      for (let index = 0; index < statements.length; index++) {
        const statement = statements[index];
        // A statement can only join a group already open or open one with the next statement, and not one
        // that next statement closes at once by using what it declares: classifying the read is the costly step.
        const mayGroup =
          quickShape(statement) &&
          (current.length > 0 || (index + 1 < statements.length && quickShape(statements[index + 1]) && !declaresWhatIsUsedIn(statement, statements[index + 1])));
        const member = mayGroup ? memberOf(statement) : undefined;
        if (!member) {
          close();
          continue;
        }
        listScope ??= sourceCode.getScope(statement).variableScope;
        const scope = listScope;
        if (current.some((earlier) => dependsOn(member, earlier, scope) || sameConnection(member, earlier))) close();
        current.push(member);
      }
      close();
      return groups;
    }

    function report(group: Member[]): void {
      if (!requestPath.classify(group[0].statement).onRequestPath) return;
      const services = getTypeServices(context)?.services;
      let fix: TSESLint.ReportFixFunction | null | undefined;
      for (let index = 1; index < group.length; index++) {
        const member = group[index];
        // Per-element database reads are no-n-plus-one's: their fix is one batched query, not Promise.all.
        if ((member.io.category === 'database' || member.io.category === 'cache') && getPerElementScope(member.statement, { services })) continue;
        const earlier = group.slice(0, index);
        fix ??= suggestionFix(group, sourceCode) ?? null;
        context.report({
          node: member.awaitNode,
          messageId: 'sequentialRead',
          data: {
            call: describeCall(member.io.node),
            result: earlier.length === 1 ? 'result' : 'results',
            earlier: listText(earlier.map((item) => `\`${describeCall(item.io.node)}\` on line ${item.awaitNode.loc.start.line}`)),
          },
          suggest: fix ? [{ messageId: 'runTogether', data: { count: String(group.length) }, fix }] : [],
        });
      }
    }

    function check(statements: readonly TSESTree.Statement[]): void {
      if (!hasConsecutiveAwaits(statements)) return;
      for (const group of groupsOf(statements)) report(group);
    }

    // A run needs two statements: ESLint skips the many blocks of one statement or none for us.
    return {
      'BlockStatement[body.length>1]'(node: TSESTree.BlockStatement) {
        check(node.body);
      },
      'SwitchCase[consequent.length>1]'(node: TSESTree.SwitchCase) {
        check(node.consequent);
      },
    };
  },
});

/** `expression` is a call chain with a call of `method` in it: `repo.createQueryBuilder('u').where(…)`. */
function callsMethod(expression: TSESTree.Node, method: string): boolean {
  let current = skipExpressionWrappers(expression);
  for (let depth = 0; depth < 40; depth++) {
    if (current.type === AST_NODE_TYPES.CallExpression) {
      const callee = skipExpressionWrappers(current.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      if (memberName(callee) === method) return true;
      current = skipExpressionWrappers(callee.object);
    } else if (current.type === AST_NODE_TYPES.AwaitExpression) {
      current = skipExpressionWrappers(current.argument);
    } else {
      return false;
    }
  }
  return false;
}

function sameConnection(a: Member, b: Member): boolean {
  return a.connection !== undefined && b.connection !== undefined && a.connection.key === b.connection.key;
}

/** The cheap test before any analysis: two statements in a row shaped like `… await …`. */
function hasConsecutiveAwaits(statements: readonly TSESTree.Statement[]): boolean {
  let previous = false;
  for (const statement of statements) {
    const shaped = quickShape(statement);
    if (shaped && previous) return true;
    previous = shaped;
  }
  return false;
}

function quickShape(statement: TSESTree.Statement): boolean {
  let value: TSESTree.Node | null | undefined;
  if (statement.type === AST_NODE_TYPES.ExpressionStatement) {
    value = statement.expression.type === AST_NODE_TYPES.AssignmentExpression ? statement.expression.right : statement.expression;
  } else if (statement.type === AST_NODE_TYPES.VariableDeclaration && statement.declarations.length === 1) {
    value = statement.declarations[0].init;
  }
  return value !== null && value !== undefined && awaitedAtHead(value) !== undefined;
}

/** `await x`, or `(await x).data` (static member accesses on the awaited value). */
function awaitedAtHead(node: TSESTree.Node): TSESTree.AwaitExpression | undefined {
  let current = skipExpressionWrappers(node);
  while (current.type === AST_NODE_TYPES.MemberExpression && !current.computed) current = skipExpressionWrappers(current.object);
  return current.type === AST_NODE_TYPES.AwaitExpression ? current : undefined;
}

/** A declaration or assignment target made of names only: `a`, `{ data }`, `[first, second = 0]`, `{ a: { b } }`. */
function isPlainPattern(node: TSESTree.Node): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
      return true;
    case AST_NODE_TYPES.ObjectPattern:
      return node.properties.every((property) =>
        property.type === AST_NODE_TYPES.RestElement ? isPlainPattern(property.argument) : !property.computed && isPlainPattern(property.value),
      );
    case AST_NODE_TYPES.ArrayPattern:
      return node.elements.every((element) => element === null || (element.type === AST_NODE_TYPES.RestElement ? isPlainPattern(element.argument) : isPlainPattern(element)));
    case AST_NODE_TYPES.AssignmentPattern:
      return isPlainPattern(node.left) && isSimpleDefault(node.right);
    default:
      return false;
  }
}

function isSimpleDefault(node: TSESTree.Node): boolean {
  if (!SIMPLE_DEFAULTS.has(node.type)) return false;
  if (node.type === AST_NODE_TYPES.TemplateLiteral) return node.expressions.length === 0;
  if (node.type === AST_NODE_TYPES.ArrayExpression) return node.elements.length === 0;
  if (node.type === AST_NODE_TYPES.ObjectExpression) return node.properties.length === 0;
  if (node.type === AST_NODE_TYPES.UnaryExpression) return node.argument.type === AST_NODE_TYPES.Literal;
  return true;
}

function patternIdentifiers(node: TSESTree.Node | undefined): TSESTree.Identifier[] {
  if (!node) return [];
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
      return [node];
    case AST_NODE_TYPES.ObjectPattern:
      return node.properties.flatMap((property) => patternIdentifiers(property.type === AST_NODE_TYPES.RestElement ? property.argument : property.value));
    case AST_NODE_TYPES.ArrayPattern:
      return node.elements.flatMap((element) => (element ? patternIdentifiers(element.type === AST_NODE_TYPES.RestElement ? element.argument : element) : []));
    case AST_NODE_TYPES.AssignmentPattern:
      return patternIdentifiers(node.left);
    default:
      return [];
  }
}

/**
 * A `.then`/`.catch` callback that only picks from its argument: `(r) => r.json()`, `({ data }) => data`,
 * `() => null`. Anything that calls out or has a body of statements may depend on order.
 */
function isProjection(argument: TSESTree.Node): boolean {
  if (argument.type !== AST_NODE_TYPES.ArrowFunctionExpression || argument.async || argument.body.type === AST_NODE_TYPES.BlockStatement) return false;
  if (!argument.params.every(isPlainPattern)) return false;
  let current = skipExpressionWrappers(argument.body);
  for (let depth = 0; depth < MAX_CONTINUATIONS; depth++) {
    if (current.type === AST_NODE_TYPES.Literal || current.type === AST_NODE_TYPES.Identifier) return true;
    if (current.type === AST_NODE_TYPES.MemberExpression && !current.computed) {
      current = skipExpressionWrappers(current.object);
    } else if (current.type === AST_NODE_TYPES.CallExpression && current.arguments.length === 0 && current.callee.type === AST_NODE_TYPES.MemberExpression && !current.callee.computed) {
      current = skipExpressionWrappers(current.callee.object);
    } else {
      return false;
    }
  }
  return false;
}

/** Another `await` or `yield` in the statement (outside nested functions): a second wait, whose order matters. */
function waitsElsewhere(statement: TSESTree.Node, awaitNode: TSESTree.AwaitExpression, visitorKeys: VisitorKeys): boolean {
  return someNode(
    statement,
    visitorKeys,
    (node) => node !== awaitNode && (node.type === AST_NODE_TYPES.AwaitExpression || node.type === AST_NODE_TYPES.YieldExpression),
    isFunction,
  );
}

/**
 * A call, `new` or tagged template in the statement that is not a step of the awaited read's own chain
 * (nor inside one of its `.then` projections, which call nothing but methods of their argument).
 */
function callsOther(statement: TSESTree.Node, awaitNode: TSESTree.AwaitExpression, visitorKeys: VisitorKeys): boolean {
  const chain = new Set<TSESTree.Node>();
  const projections = new Set<TSESTree.Node>();
  let current = skipExpressionWrappers(awaitNode.argument);
  for (let depth = 0; depth < 40; depth++) {
    if (current.type === AST_NODE_TYPES.CallExpression) {
      chain.add(current);
      const callee = skipExpressionWrappers(current.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && CONTINUATIONS.has(memberName(callee) ?? '')) {
        for (const argument of current.arguments) projections.add(argument);
      }
      current = callee;
    } else if (current.type === AST_NODE_TYPES.TaggedTemplateExpression) {
      chain.add(current);
      current = skipExpressionWrappers(current.tag);
    } else if (current.type === AST_NODE_TYPES.MemberExpression) {
      current = skipExpressionWrappers(current.object);
    } else {
      break;
    }
  }
  return someNode(
    statement,
    visitorKeys,
    (node) => (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression || node.type === AST_NODE_TYPES.TaggedTemplateExpression) && !chain.has(node),
    (node) => projections.has(node),
  );
}


/** Walks `root` (its child keys only), not below the nodes `skip` accepts, and answers whether `test` holds for a node. */
function someNode(root: TSESTree.Node, visitorKeys: VisitorKeys, test: (node: TSESTree.Node) => boolean, skip: (node: TSESTree.Node) => boolean): boolean {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node !== root && skip(node)) continue;
    if (test(node)) return true;
    pushChildNodes(node, visitorKeys, stack);
  }
  return false;
}


/**
 * `prisma.user.findUnique(…)`, `db('users').where(...).first(…)`, `prisma.$queryRaw\`…\``. A long chain keeps
 * its head and its last step: `db.selectFrom('person')….executeTakeFirst(…)`.
 */
function describeCall(node: IoNode): string {
  if (node.type === AST_NODE_TYPES.TaggedTemplateExpression) return `${describeExpression(node.tag, MAX_CALL_TEXT)}\`…\``;
  const full = describeExpression(node.callee, Number.POSITIVE_INFINITY);
  const callee = skipExpressionWrappers(node.callee);
  const last = callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : undefined;
  const head = chainHead(node);
  if (full.length <= MAX_CALL_TEXT || last === undefined || head === node) return `${describeExpression(node.callee, MAX_CALL_TEXT)}(…)`;
  return `${describeExpression(head, MAX_CALL_TEXT)}….${last}(…)`;
}

/** The first call of a method chain: `db.selectFrom('person')` in `db.selectFrom('person').selectAll().execute()`. */
function chainHead(call: TSESTree.CallExpression): TSESTree.CallExpression {
  let head = call;
  let current: TSESTree.Node = skipExpressionWrappers(call.callee);
  for (let depth = 0; depth < 40; depth++) {
    if (current.type === AST_NODE_TYPES.MemberExpression) {
      current = skipExpressionWrappers(current.object);
    } else if (current.type === AST_NODE_TYPES.CallExpression) {
      head = current;
      current = skipExpressionWrappers(current.callee);
    } else {
      break;
    }
  }
  return head;
}

function listText(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

// ---------------------------------------------------------------------------------------------------------
// The suggestion: `const [a, b] = await Promise.all([x(), y()]);` in place of the group.

function suggestionFix(group: Member[], sourceCode: Readonly<TSESLint.SourceCode>): TSESLint.ReportFixFunction | undefined {
  if (group.length > MAX_SUGGESTED || group.some((member) => member.form === 'other')) return undefined;
  const first = group[0].statement;
  const last = group[group.length - 1].statement;
  // A local `Promise` is not the global one.
  const promise = findVariable(sourceCode.getScope(first) as never, 'Promise') as TSESLint.Scope.Variable | null;
  if (promise && promise.defs.length > 0) return undefined;
  // Comments between or inside the statements (outside the reads themselves) would be lost.
  for (const [index, member] of group.entries()) {
    if (index > 0 && sourceCode.getCommentsBefore(member.statement).length > 0) return undefined;
    const argument = member.awaitNode.argument;
    if (sourceCode.getCommentsInside(member.statement).some((comment) => !contains(argument, comment as unknown as TSESTree.Node))) return undefined;
  }
  const names = group.map((member) => (member.statement.type === AST_NODE_TYPES.VariableDeclaration ? sourceCode.getText(member.statement.declarations[0].id) : ''));
  while (names.length > 0 && names[names.length - 1] === '') names.pop();
  const reads = group.map((member) => sourceCode.getText(member.awaitNode.argument));
  const semicolon = sourceCode.getText(last).endsWith(';') ? ';' : '';
  const head = names.length > 0 ? `const [${names.join(', ')}] = await Promise.all([` : 'await Promise.all([';
  const indent = lineIndent(sourceCode, first);
  const oneLine = `${head}${reads.join(', ')}])${semicolon}`;
  let text: string;
  if (!oneLine.includes('\n') && indent.length + oneLine.length <= MAX_LINE) {
    text = oneLine;
  } else {
    const inner = `${indent}  `;
    const elements = group.map((member, index) => `${inner}${reindent(reads[index], member.awaitNode.argument, sourceCode)},`);
    text = `${head}\n${elements.join('\n')}\n${indent}])${semicolon}`;
  }
  return (fixer) => fixer.replaceTextRange([first.range[0], last.range[1]], text);
}

function lineIndent(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string {
  const line = sourceCode.lines[node.loc.start.line - 1] ?? '';
  let end = 0;
  while (end < line.length && (line[end] === ' ' || line[end] === '\t')) end++;
  return line.slice(0, end);
}

/** Moves the continuation lines of a read two spaces right, unless a string or template spans lines (its text must not change). */
function reindent(text: string, node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): string {
  if (!text.includes('\n')) return text;
  const spansLines = sourceCode.getTokens(node).some((token) => (token.type === 'Template' || token.type === 'String') && token.loc.start.line !== token.loc.end.line);
  return spansLines ? text : text.split('\n').join('\n  ');
}

/**
 * Code guarded to run once per process by a flag or collection that outlives the call: `if (!initialized) { …;
 * initialized = true; }`, or `if (warned) return;` at the top of a function that later sets `warned = true` (or fills
 * the cache it tests). Loading a file, or printing a warning, behind such a guard happens once, not per request.
 */
import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { pushChildNodes } from '../ast/children';
import { enclosingFunction, exitsAtEnd, isFunction } from '../ast/code-shape';
import { memberName, skipExpressionWrappers } from '../ast/expressions';
import { AST_NODE_TYPES } from '../ast/node-types';
import { isSetBackIn, mentions, outlivesCall } from './lazy-initialisation';
import { constInitializer } from './library-origin';

/** `call` (or a `new`) sits behind a once-per-process guard (see the module's comment). */
export function runsOncePerProcess(call: TSESTree.CallExpression | TSESTree.NewExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  return isInOnceGuard(call, sourceCode) || isAfterDoneReturn(call, sourceCode, true);
}

/**
 * `runsOncePerProcess`, where the guard is a flag or memo the code assigns (`if (files) return files; … files = built`),
 * not a collection it fills: a cache asks this of its own writes, and `if (seen.has(id)) return; seen.add(id)` guards one
 * key, not the process.
 */
export function runsOncePerProcessBehindFlag(call: TSESTree.CallExpression | TSESTree.NewExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  return isInOnceGuard(call, sourceCode) || isAfterDoneReturn(call, sourceCode, false);
}

/**
 * `if (!initialized) { await initWasm(fs.readFileSync(path)); initialized = true; }`: a block that sets the
 * flag its condition tests, so it runs once per process (seen in outline's HTMLHelper).
 */
function isInOnceGuard(call: TSESTree.CallExpression | TSESTree.NewExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  let child: TSESTree.Node = call;
  for (let node: TSESTree.Node | undefined = call.parent; node && !isFunction(node); child = node, node = node.parent) {
    if (node.type !== AST_NODE_TYPES.IfStatement || node.consequent !== child) continue;
    const test = node.test;
    const statements = withTryBlocks(child.type === AST_NODE_TYPES.BlockStatement ? child.body : [child]);
    const guards = statements.some((statement) => {
      if (statement.type !== AST_NODE_TYPES.ExpressionStatement || !isMarkedDone(statement.expression)) return false;
      const { left } = statement.expression;
      return (
        flagOutlivesCall(left, call, sourceCode) &&
        mentions(test, sourceCode.getText(left), sourceCode) &&
        !isSetBackIn(sourceCode.getText(left), sourceCode, enclosingFunction(call) ?? sourceCode.ast)
      );
    });
    // An inner condition (`if (fs.existsSync(path))`) inside the guard: the guard may be further out.
    if (guards) return true;
  }
  return false;
}

/**
 * The statements of a guarded block, with those of its `try`, `catch` and `finally` blocks: `if (!store) { try { store
 * = build(); } catch { console.warn(…); store = new MemoryStore(); } }` (Hexabot's session store) sets the guard too.
 */
function withTryBlocks(statements: readonly TSESTree.Node[]): TSESTree.Node[] {
  const all: TSESTree.Node[] = [];
  for (const statement of statements) {
    all.push(statement);
    if (statement.type !== AST_NODE_TYPES.TryStatement) continue;
    all.push(...statement.block.body, ...(statement.handler?.body.body ?? []), ...(statement.finalizer?.body ?? []));
  }
  return all;
}

/**
 * `flag = true`, or the tested value set to a new object or array (`if (!build) { build = { sha: '' }; … }`, GrowthBook's
 * build info): the test fails from then on.
 */
function isMarkedDone(node: TSESTree.Node): node is TSESTree.AssignmentExpression {
  if (node.type !== AST_NODE_TYPES.AssignmentExpression || node.operator !== '=') return false;
  const value = skipExpressionWrappers(node.right);
  if (value.type === AST_NODE_TYPES.Literal) return value.value === true;
  return value.type === AST_NODE_TYPES.ObjectExpression || value.type === AST_NODE_TYPES.ArrayExpression || value.type === AST_NODE_TYPES.NewExpression;
}

/**
 * `if (loaded) return;` (or `if (cache.size > 0) return;`) at the top of the function, which later sets the flag
 * (`loaded = true`) or fills the collection it tests (`cache.set(…)`), both outliving the call: everything after the
 * guard runs once per process.
 */
function isAfterDoneReturn(call: TSESTree.CallExpression | TSESTree.NewExpression, sourceCode: Readonly<TSESLint.SourceCode>, countFilling: boolean): boolean {
  let fn = enclosingFunction(call);
  // From an array method's callback (`files.forEach((f) => …)`) to the function that runs it; not from a timer's or a
  // listener's, which run later and again (`setInterval(() => write(), 2000)` in Civitai's heartbeat).
  while (fn && isArrayCallback(fn)) fn = enclosingFunction(fn);
  if (!fn || fn.body.type !== AST_NODE_TYPES.BlockStatement) return false;
  for (const statement of fn.body.body) {
    if (statement.range[1] > call.range[0]) return false;
    if (statement.type !== AST_NODE_TYPES.IfStatement || statement.alternate || !exitsAtEnd(statement.consequent)) continue;
    const test = statement.test;
    const isGuardTarget = (target: TSESTree.Node) => flagOutlivesCall(target, call, sourceCode) && mentions(test, sourceCode.getText(target), sourceCode) && !isSetBackIn(sourceCode.getText(target), sourceCode, fn);
    if (marksDone(fn.body, isGuardTarget, sourceCode, countFilling)) return true;
  }
  return false;
}

const ARRAY_CALLBACK_METHODS = new Set(['forEach', 'map', 'flatMap', 'filter', 'some', 'every', 'find', 'findIndex', 'reduce']);

/** `xs.forEach(fn)` and the like: the callback runs while the call does. */
function isArrayCallback(fn: TSESTree.Node): boolean {
  const parent = fn.parent;
  return parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(fn as TSESTree.CallExpressionArgument) && parent.callee.type === AST_NODE_TYPES.MemberExpression && ARRAY_CALLBACK_METHODS.has(memberName(parent.callee) ?? '');
}

/** Methods that add to a collection: after one, a `size`/`length` test sees it filled. */
const FILLING_METHODS = new Set(['set', 'add', 'push']);
const MAX_DONE_NODES = 2000;

/**
 * Somewhere in `body`, `target = true` (or a new object, or a collection the function built), or with `countFilling`
 * `target.set/add/push(…)`, for a target `isGuardTarget` accepts.
 */
function marksDone(body: TSESTree.Node, isGuardTarget: (target: TSESTree.Node) => boolean, sourceCode: Readonly<TSESLint.SourceCode>, countFilling: boolean): boolean {
  const queue: TSESTree.Node[] = [body];
  for (let index = 0; index < queue.length && index < MAX_DONE_NODES; index++) {
    const node = queue[index];
    if ((isMarkedDone(node) || isSetToLocalOf(node, body, sourceCode)) && isGuardTarget(node.left)) return true;
    if (countFilling && node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression && FILLING_METHODS.has(memberName(node.callee) ?? '') && isGuardTarget(node.callee.object)) {
      return true;
    }
    // Callbacks run with the function (`files.forEach((f) => cache.set(f, …))`); other functions may run later.
    if (node !== body && isFunction(node) && node.parent?.type !== AST_NODE_TYPES.CallExpression) continue;
    pushChildNodes(node, sourceCode.visitorKeys, queue);
  }
  return false;
}

/**
 * `memo = files`, with `files` a `const` the function itself declares and builds (`const files = new Map(); …`): the
 * memo the guard returns (`if (memo) return memo;`) holds it from then on (Sim's static component files).
 */
function isSetToLocalOf(node: TSESTree.Node, body: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): node is TSESTree.AssignmentExpression {
  if (node.type !== AST_NODE_TYPES.AssignmentExpression || node.operator !== '=') return false;
  const value = skipExpressionWrappers(node.right);
  const init = value.type === AST_NODE_TYPES.Identifier ? constInitializer(value, sourceCode.getScope(value)) : undefined;
  const made = init && skipExpressionWrappers(init);
  const isCollection = made?.type === AST_NODE_TYPES.ObjectExpression || made?.type === AST_NODE_TYPES.ArrayExpression || made?.type === AST_NODE_TYPES.NewExpression;
  return isCollection && init!.range[0] >= body.range[0] && init!.range[1] <= body.range[1];
}

/**
 * The flag or collection lives longer than one call: a module or outer variable, or a member of `this` or of such a
 * variable. A member of a local object (`result.labels.push(…)` after `if (result.labels.length === 0) return`) is
 * made anew by every call.
 */
function flagOutlivesCall(target: TSESTree.Node, call: TSESTree.CallExpression | TSESTree.NewExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  let root = target;
  while (root.type === AST_NODE_TYPES.MemberExpression) {
    if (root.computed) return false;
    root = root.object;
  }
  if (root.type === AST_NODE_TYPES.ThisExpression) return true;
  return root.type === AST_NODE_TYPES.Identifier && outlivesCall(root, call, sourceCode) && isModuleVariable(root, sourceCode);
}

/**
 * Declared at the top of the module: a flag in a function that runs per request (`let failed = false` in a handler,
 * tested by its `fail()` closure) guards once per request, not once per process (Dub's reward generator).
 */
function isModuleVariable(identifier: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const variable = findVariable(sourceCode.getScope(identifier) as never, identifier as never) as TSESLint.Scope.Variable | null;
  const scope = variable?.scope.type;
  if (scope === 'module' || scope === 'global') return true;
  // `PromptTemplate.partialsRegistered` inside the class: its own name, bound in the class's scope; a static field
  // of a class declared at the top of the module lives as long as the process.
  if (scope !== 'class') return false;
  let declaration: TSESTree.Node | undefined = variable?.scope.block;
  if (declaration?.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration || declaration?.parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration) declaration = declaration.parent;
  return declaration?.parent?.type === AST_NODE_TYPES.Program;
}

/**
 * Lazy initialisation: a value made on first use and kept in a cache that outlives the call
 * (`template ??= readFileSync(…)`, `if (!client) client = createClient()`). The code runs once per process,
 * on the first request, however many requests follow. Shared by no-blocking-call (the blocking call itself)
 * and the request-path analysis (a function called only that way).
 */
import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast/node-types';
import { pushChildNodes } from '../ast/children';
import { memberName, PROMISE_CONTINUATIONS, trailingName } from '../ast/expressions';
import { enclosingFunction, isFunction } from '../ast/code-shape';

/**
 * `call`'s value goes into a cache that outlives it, through the expressions a loaded value passes on its way
 * (`JSON.parse(…)`, `.toString()`, `as T`, `await`, either side of `||` or `?:`, a property of an options object):
 * `x ??= call`, `x ||= call`, `if (!x) x = call`,
 * `x ?? (x = call)`, `if (x) return x; x = await call`, or a `const` that is then stored so
 * (`const instance = new Provider(); globalThis.__provider = instance;`).
 */
export function isLazyInitialisation(call: TSESTree.CallExpression | TSESTree.NewExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  let node: TSESTree.Node = call;
  for (let depth = 0; depth < 8; depth++) {
    const parent: TSESTree.Node | undefined = node.parent;
    if (!parent) return false;
    switch (parent.type) {
      case AST_NODE_TYPES.AssignmentExpression:
        return parent.right === node && isCacheAssignment(parent, call, sourceCode);
      case AST_NODE_TYPES.VariableDeclarator:
        return parent.init === node && isStoredInCache(parent, call, sourceCode);
      case AST_NODE_TYPES.AwaitExpression:
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression:
      case AST_NODE_TYPES.MemberExpression:
      case AST_NODE_TYPES.ChainExpression:
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      // `cached = (await hasDockerEnv()) || (await hasDockerCGroup())`: each call is part of the value computed once.
      case AST_NODE_TYPES.LogicalExpression:
      case AST_NODE_TYPES.ConditionalExpression:
      // `transporter = nodemailer.createTransport({ SES: new AWS.SES(…) })` (erxes): the options go into the cached value.
      case AST_NODE_TYPES.ObjectExpression:
        node = parent;
        break;
      case AST_NODE_TYPES.Property:
        if (parent.value !== node) return false;
        node = parent;
        break;
      default:
        return false;
    }
  }
  return false;
}

/** `const instance = call; …; cache = instance;`: a `const` of the function whose value some cache assignment stores. */
function isStoredInCache(declarator: TSESTree.VariableDeclarator, call: TSESTree.CallExpression | TSESTree.NewExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (declarator.id.type !== AST_NODE_TYPES.Identifier || (declarator.parent as TSESTree.VariableDeclaration).kind !== 'const') return false;
  const [variable] = sourceCode.getDeclaredVariables(declarator);
  return (
    variable?.references.some((reference) => {
      const parent = reference.identifier.parent;
      return parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === reference.identifier && isCacheAssignment(parent, call, sourceCode);
    }) === true
  );
}

/**
 * `x ??= …`, `x ||= …`, `if (!x) x = …`, `x ?? (x = …)`, or `x = …` after `if (x) return x;` in the same block,
 * where `x` outlives the call (declared outside the function, or a property).
 */
function isCacheAssignment(assignment: TSESTree.AssignmentExpression, call: TSESTree.CallExpression | TSESTree.NewExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const target = assignment.left;
  if (!outlivesCall(target, call, sourceCode)) return false;
  // `inFlight = fetchKeys().finally(() => { inFlight = null; })`: made again after every reset.
  if (isSetBackIn(sourceCode.getText(target), sourceCode, enclosingFunction(assignment) ?? sourceCode.ast)) return false;
  if (assignment.operator === '??=' || assignment.operator === '||=') return true;
  if (assignment.operator !== '=') return false;
  const targetText = sourceCode.getText(target);
  const parent = assignment.parent;
  if (parent.type === AST_NODE_TYPES.LogicalExpression && parent.right === assignment && (parent.operator === '??' || parent.operator === '||')) {
    return sourceCode.getText(parent.left) === targetText;
  }
  // Inside the consequent of an `if` that tests the cache, or after an `if` that tests it and leaves.
  let current: TSESTree.Node = assignment;
  for (let depth = 0; depth < 6 && current.parent; depth++) {
    const outer: TSESTree.Node = current.parent;
    if (outer.type === AST_NODE_TYPES.IfStatement) {
      if (mentions(outer.test, targetText, sourceCode)) return outer.consequent === current;
      // A condition of its own inside the cache's test (`if (!spec) { if (existsSync(file)) spec = readFileSync(file); }`).
      current = outer;
      continue;
    }
    if (outer.type === AST_NODE_TYPES.BlockStatement && followsReturnOfCache(outer.body, current, targetText, sourceCode)) return true;
    if (outer.type !== AST_NODE_TYPES.ExpressionStatement && outer.type !== AST_NODE_TYPES.BlockStatement && outer.type !== AST_NODE_TYPES.SequenceExpression) return false;
    current = outer;
  }
  return false;
}

const MAX_EARLIER_STATEMENTS = 8;

/** An earlier statement of the block is `if (x) return x;` (or `if (x) { return x; }`): the rest runs while the cache is empty. */
function followsReturnOfCache(body: readonly TSESTree.Node[], statement: TSESTree.Node, targetText: string, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const index = body.indexOf(statement as TSESTree.Statement);
  for (let i = Math.max(0, index - MAX_EARLIER_STATEMENTS); i < index; i++) {
    const earlier = body[i];
    if (earlier.type !== AST_NODE_TYPES.IfStatement || earlier.alternate || !mentions(earlier.test, targetText, sourceCode)) continue;
    const exit = earlier.consequent.type === AST_NODE_TYPES.BlockStatement && earlier.consequent.body.length === 1 ? earlier.consequent.body[0] : earlier.consequent;
    if (exit.type === AST_NODE_TYPES.ReturnStatement && exit.argument && sourceCode.getText(exit.argument) === targetText) return true;
  }
  return false;
}

/** A variable declared outside the function around `call`, or a non-computed property (`this.template`, `cache.schema`). */
export function outlivesCall(target: TSESTree.Node, call: TSESTree.CallExpression | TSESTree.NewExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (target.type === AST_NODE_TYPES.MemberExpression) return !target.computed;
  if (target.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(sourceCode.getScope(call) as never, target as never) as TSESLint.Scope.Variable | null;
  const declared = variable?.defs[0]?.name;
  if (!declared) return false;
  const fn = enclosingFunction(call);
  return !fn || declared.range[0] < fn.range[0] || declared.range[1] > fn.range[1];
}

const MAX_TEST_NODES = 40;

/** Does a condition mention the cache (`!template`, `template === undefined`, `!this.schema`, `cache.has(key)`)? Bounded. */
export function mentions(test: TSESTree.Node, targetText: string, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const queue: TSESTree.Node[] = [test];
  for (let index = 0; index < queue.length && index < MAX_TEST_NODES; index++) {
    const node = queue[index];
    if ((node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.MemberExpression) && sourceCode.getText(node) === targetText) return true;
    switch (node.type) {
      case AST_NODE_TYPES.UnaryExpression:
        queue.push(node.argument);
        break;
      case AST_NODE_TYPES.BinaryExpression:
      case AST_NODE_TYPES.LogicalExpression:
        queue.push(node.left, node.right);
        break;
      case AST_NODE_TYPES.MemberExpression:
        queue.push(node.object);
        break;
      case AST_NODE_TYPES.ChainExpression:
        queue.push(node.expression);
        break;
      case AST_NODE_TYPES.CallExpression:
        queue.push(node.callee);
        break;
      default:
        break;
    }
  }
  return false;
}

/**
 * Within `scope` (the function that caches or guards), the slot is set back on the way out: `running = false` in the
 * function's own code or a `finally`, `.finally(() => { inFlight = null; })`, `cache.clear()`, `delete x`. That makes a
 * mutex or a refresh that runs again (Maxun's `if (isProcessing) return; isProcessing = true; … finally { isProcessing =
 * false; }`, Unkey's request coalescing), not a value made once. A reset in another callback (`client.on('end', () => {
 * client = null; })`) or another function (`close()`) leaves a value made once per connection.
 */
export function isSetBackIn(target: string, sourceCode: Readonly<TSESLint.SourceCode>, scope: TSESTree.Node): boolean {
  const stack: TSESTree.Node[] = [scope];
  for (let visited = 0; stack.length > 0 && visited < MAX_RESET_SCAN; visited++) {
    const node = stack.pop()!;
    if (node !== scope && isFunction(node) && !isSettledCallback(node)) continue;
    if (isReset(node, target, sourceCode)) return true;
    pushChildNodes(node, sourceCode.visitorKeys, stack);
  }
  return false;
}

const MAX_RESET_SCAN = 4000;

/** `x = false | null | undefined | 0`, `delete x`, `x.clear()`, `x.delete(…)` for the target's text. */
function isReset(node: TSESTree.Node, target: string, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (node.type === AST_NODE_TYPES.AssignmentExpression) {
    return node.operator === '=' && isResetValue(node.right) && sourceCode.getText(node.left) === target;
  }
  if (node.type === AST_NODE_TYPES.UnaryExpression) return node.operator === 'delete' && sourceCode.getText(node.argument) === target;
  if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression || node.callee.computed) return false;
  const method = memberName(node.callee);
  return (method === 'clear' || method === 'delete') && sourceCode.getText(node.callee.object) === target;
}

function isResetValue(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.Literal) return node.value === null || node.value === false || node.value === 0;
  return node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined';
}

/** A callback run when the function's own work settles: `.finally(…)`, `.then(…)`, `.catch(…)`. */
function isSettledCallback(fn: TSESTree.Node): boolean {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(fn as TSESTree.CallExpressionArgument)) return false;
  const callee = call.callee;
  return callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && PROMISE_CONTINUATIONS.has(memberName(callee) ?? '');
}

/** Methods of cache clients that take a function to compute a missing value: cache-manager's `wrap`, Keyv-style `get(key, fn)`. */
const CACHE_FILL_METHODS = new Set(['get', 'wrap', 'getOrSet', 'getOrSetAsync', 'remember', 'rememberForever', 'getOrCreate', 'getOrLoad', 'fetch']);
/** Option keys under which a cache takes the function that fills it: `createSelfRefreshingCache({ refresh: { fn } })`, lru-cache's `fetchMethod`. */
const CACHE_FILL_KEYS = new Set(['fn', 'fetchMethod', 'load', 'loader', 'factory', 'refresh']);
const CACHE_NAME = /cache/i;

/**
 * `fn` computes a value a cache keeps: a later argument of a fill method on a receiver named as a cache
 * (`this.rolesCache.get(key, async () => …)`, `cacheManager.wrap(key, () => …)`), or the fill option of a cache
 * being created (`createSelfRefreshingCache({ refresh: { fn: (ctx) => … } })`, `new LRUCache({ fetchMethod })`).
 * It runs on a miss, not on every request.
 */
export function isCacheFillCallback(fn: TSESTree.Node): boolean {
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] !== fn && parent.arguments.includes(fn as TSESTree.CallExpressionArgument)) {
    const callee = parent.callee;
    return callee.type === AST_NODE_TYPES.MemberExpression && CACHE_FILL_METHODS.has(memberName(callee) ?? '') && CACHE_NAME.test(trailingName(callee.object) ?? '');
  }
  if (parent?.type !== AST_NODE_TYPES.Property || parent.value !== fn || parent.key.type !== AST_NODE_TYPES.Identifier || !CACHE_FILL_KEYS.has(parent.key.name)) return false;
  // Up through the options objects (`{ refresh: { fn } }`) to the call or `new` that makes the cache.
  let node: TSESTree.Node = parent.parent;
  for (let depth = 0; depth < 3 && node.type === AST_NODE_TYPES.ObjectExpression; depth++) {
    const holder: TSESTree.Node | undefined = node.parent;
    if ((holder?.type === AST_NODE_TYPES.CallExpression || holder?.type === AST_NODE_TYPES.NewExpression) && holder.arguments.includes(node as TSESTree.CallExpressionArgument)) {
      return CACHE_NAME.test(trailingName(holder.callee) ?? '');
    }
    if (holder?.type !== AST_NODE_TYPES.Property || holder.value !== node) return false;
    node = holder.parent;
  }
  return false;
}

/**
 * A function that answers from a cache it keeps and fills on a miss, written by hand: it looks the key up in a map that
 * outlives the call (a module-level `Map`, a class field), returns on a hit, and `set`s the map later on
 * (`const cached = rateCache.get(target); if (cached && fresh(cached)) return cached.rates; … query …;
 * rateCache.set(target, { rates, ts })`, Midday's exchange rates). Its work runs once per key, not once per call.
 */
export function isCacheAsideFunction(fn: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (!isFunction(fn) || fn.body.type !== AST_NODE_TYPES.BlockStatement) return false;
  const body = fn.body.body;
  for (let index = 0; index < body.length && index < MAX_LOOKUP_STATEMENTS; index++) {
    const cache = earlyReturnLookup(body, index, sourceCode);
    if (cache) return setsLater(body.slice(index + 1), cache, sourceCode);
  }
  return false;
}

const MAX_LOOKUP_STATEMENTS = 6;

/**
 * The text of the cache `body[index]` looks a key up in, when the lookup returns on a hit: `if (M.has(k)) return …`,
 * or `const hit = M.get(k)` followed by an `if` that tests `hit` and returns.
 */
function earlyReturnLookup(body: readonly TSESTree.Statement[], index: number, sourceCode: Readonly<TSESLint.SourceCode>): string | undefined {
  const statement = body[index];
  if (statement.type === AST_NODE_TYPES.IfStatement && returns(statement.consequent)) {
    const call = unwrapAwait(statement.test);
    return call && cacheOf(call, 'has', sourceCode);
  }
  const lookup = declaredLookup(statement, sourceCode);
  const next = body[index + 1];
  if (!lookup || next?.type !== AST_NODE_TYPES.IfStatement || !returns(next.consequent)) return undefined;
  return mentions(next.test, lookup.name, sourceCode) ? lookup.cache : undefined;
}

/** `const hit = await M.get(k)` (or `let`), one declarator, on a map that outlives the call: the name and the map's text. */
function declaredLookup(statement: TSESTree.Statement, sourceCode: Readonly<TSESLint.SourceCode>): { name: string; cache: string } | undefined {
  if (statement.type !== AST_NODE_TYPES.VariableDeclaration || statement.declarations.length !== 1) return undefined;
  const [declarator] = statement.declarations;
  const call = declarator.init ? unwrapAwait(declarator.init) : undefined;
  const cache = call && declarator.id.type === AST_NODE_TYPES.Identifier ? cacheOf(call, 'get', sourceCode) : undefined;
  return cache === undefined ? undefined : { name: (declarator.id as TSESTree.Identifier).name, cache };
}

function unwrapAwait(node: TSESTree.Node): TSESTree.CallExpression | undefined {
  const inner = node.type === AST_NODE_TYPES.AwaitExpression ? node.argument : node;
  return inner.type === AST_NODE_TYPES.CallExpression ? inner : undefined;
}

/** `M.method(key)` on a map that outlives the call: the map's text. */
function cacheOf(call: TSESTree.CallExpression, method: 'get' | 'has', sourceCode: Readonly<TSESLint.SourceCode>): string | undefined {
  const callee = call.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(callee) !== method || call.arguments.length !== 1) return undefined;
  const map = callee.object;
  const longLived =
    (map.type === AST_NODE_TYPES.MemberExpression && map.object.type === AST_NODE_TYPES.ThisExpression) ||
    (map.type === AST_NODE_TYPES.Identifier && outlivesCall(map, call, sourceCode));
  return longLived ? sourceCode.getText(map) : undefined;
}

/** A `return`, or a block that ends in one. */
function returns(statement: TSESTree.Statement): boolean {
  if (statement.type === AST_NODE_TYPES.ReturnStatement) return true;
  return statement.type === AST_NODE_TYPES.BlockStatement && statement.body[statement.body.length - 1]?.type === AST_NODE_TYPES.ReturnStatement;
}

/** Some `cache.set(key, value)` in `statements`, nested functions included (`.then((v) => cache.set(k, v))`). */
function setsLater(statements: readonly TSESTree.Node[], cache: string, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const queue: TSESTree.Node[] = [...statements];
  for (let index = 0; index < queue.length && index < MAX_SET_SCAN_NODES; index++) {
    const node = queue[index];
    if (node.type === AST_NODE_TYPES.CallExpression && node.arguments.length === 2) {
      const callee = node.callee;
      if (callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'set' && sourceCode.getText(callee.object) === cache) return true;
    }
    pushChildNodes(node, sourceCode.visitorKeys, queue);
  }
  return false;
}

const MAX_SET_SCAN_NODES = 2_000;

/**
 * `node` runs in the branch that fills a cache on a miss: `let hit = M.get(k); if (!hit) { … query …; M.set(k, hit) }`
 * (Dittofeed's journey cache), on a map that outlives the call. It runs once per key, not once per call.
 */
export function inCacheMissBranch(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  for (let child = node, current = node.parent; current && !isFunction(current); child = current, current = current.parent) {
    if (current.type !== AST_NODE_TYPES.IfStatement || current.consequent !== child) continue;
    const missed = missedName(current.test);
    if (missed === undefined) continue;
    const cache = lookupInto(missed, current, sourceCode);
    if (cache !== undefined && setsLater([current.consequent], cache, sourceCode)) return true;
  }
  return false;
}

/** `!hit`, `hit === undefined`, `hit == null`: the name tested for a miss. */
function missedName(test: TSESTree.Node): string | undefined {
  if (test.type === AST_NODE_TYPES.UnaryExpression && test.operator === '!' && test.argument.type === AST_NODE_TYPES.Identifier) return test.argument.name;
  if (test.type !== AST_NODE_TYPES.BinaryExpression || (test.operator !== '===' && test.operator !== '==')) return undefined;
  const [name, other] = test.left.type === AST_NODE_TYPES.Identifier && test.left.name !== 'undefined' ? [test.left, test.right] : [test.right, test.left];
  const missing = (other.type === AST_NODE_TYPES.Identifier && other.name === 'undefined') || (other.type === AST_NODE_TYPES.Literal && other.value === null);
  return missing && name.type === AST_NODE_TYPES.Identifier ? name.name : undefined;
}

/** The cache whose lookup declared `name` in one of the statements just before `statement` (`let hit = M.get(k)`). */
function lookupInto(name: string, statement: TSESTree.IfStatement, sourceCode: Readonly<TSESLint.SourceCode>): string | undefined {
  const block = statement.parent;
  if (block?.type !== AST_NODE_TYPES.BlockStatement) return undefined;
  const at = block.body.indexOf(statement);
  for (let index = at - 1; index >= 0 && index >= at - MAX_LOOKUP_STATEMENTS; index--) {
    const previous = block.body[index];
    if (previous.type === AST_NODE_TYPES.VariableDeclaration && previous.declarations.length === 1 && previous.declarations[0].id.type === AST_NODE_TYPES.Identifier && previous.declarations[0].id.name === name) {
      return declaredLookup(previous, sourceCode)?.cache;
    }
  }
  return undefined;
}

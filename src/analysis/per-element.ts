/**
 * Which code runs once per element of a collection: loop bodies that walk a collection and callbacks of
 * array iteration methods. Loops that run a bounded or deliberately batched number of times (pagination,
 * chunks, retries, small literal lists, streamed cursors, polling) are not per element.
 *
 * The analysis works from the AST alone (no scope manager needed); type information, when a rule passes
 * it, only sharpens what a callback's receiver is.
 */
import type { ParserServicesWithTypeInformation, TSESTree } from '@typescript-eslint/utils';
import { appendedByIndex, ELEMENT_ADDING_METHODS, elementsAddedBy, isFunction, programOf, isLoop, isModuleLevelDeclaration, patternNames, returnsOnlyFixedLists, type FunctionNode, type LoopStatement } from '../ast/code-shape';
import { isLiteralValue, memberName, PROMISE_COMBINATORS, skipExpressionWrappers as unwrapExpression, trailingName } from '../ast/expressions';
import { AST_NODE_TYPES, AST_TOKEN_TYPES } from '../ast/node-types';
import { isCapitalisedName, isConstantName } from '../ast/identifier-words';
import type * as ts from 'typescript';
import { isAstNode } from '../ast/children';
import { importedName, isEnumImport, isModuleObject, isProjectModuleSpecifier } from './modules';
import { typeOfValue } from './library-origin';
import { importsFixedList } from './imported-constants';
import { exportsFixedList, exportsFixedListFunction, isWorkspacePackage, moduleParserAt, resolveProjectModule, type ModuleParser } from './module-files';
import { lintedFileLocation } from './path-aliases';
import { isCalledLimiter, isLimiterPackage, LIMITER_METHOD_NAMES, runsGivenTask } from './limiters';
import { MAX_TRANSACTION_BUILDER_STEPS, TRANSACTION_OPENER_NAMES } from './transaction-openers';

export type PerElementKind = 'for-of' | 'for-in' | 'for' | 'while' | 'do-while' | 'callback';

export interface PerElementScope {
  kind: PerElementKind;
  /** The loop statement, or the iteration call (`items.map(...)`). */
  node: TSESTree.Node;
  /** The iterated collection (`items` in `for (const x of items)` / `items.map(...)`), when there is one. */
  collection?: TSESTree.Node;
  /** Source text naming the collection, for messages ("for each element of `orders`"). */
  collectionText: string;
  /** Array method for callbacks: map, forEach, flatMap, reduce, filter, some, every, find, … */
  method?: string;
  /** The callbacks run concurrently, e.g. `Promise.all(items.map(async (x) => …))`. */
  concurrent: boolean;
  /** For callbacks: the function that runs once per element. */
  callback?: TSESTree.FunctionLike;
}

/** An iteration over a small fixed list: not per element; the search goes on outward. */
const BOUNDED = Symbol('bounded');

export interface PerElementOptions {
  /** Parser services with a program: lets the analysis ask what a callback's receiver is. */
  services?: ParserServicesWithTypeInformation;
}

/**
 * The innermost enclosing loop or iteration callback in which `node` runs once per element, looking no
 * further out than the enclosing non-callback function. Pagination loops, chunk loops (one statement per
 * chunk), retry loops, loops over small literal arrays and `for await` over cursors are not per element;
 * the search goes on outward past them, so a retry loop inside a per-element loop is still per element.
 * Code that leaves the loop right after it runs (`return await db.find(...)` in a search loop) runs at
 * most once and is not per element either.
 */
export function getPerElementScope(node: TSESTree.Node, options: PerElementOptions = {}): PerElementScope | undefined {
  const verdicts = verdictCache(options);
  let child: TSESTree.Node = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (isFunctionNode(parent)) {
      if (runsInPlace(parent)) continue;
      const verdict = cached(verdicts, parent, () => iterationCallbackScope(parent, options));
      if (verdict === BOUNDED) continue;
      if (verdict && runsOnFirstIterationOnly(node, parent, callbackParameterName(parent, 'index'))) return undefined;
      if (verdict && runsForOneValueOnly(node, parent, callbackParameterName(parent, 'element'))) continue;
      return verdict;
    }
    if (parent.type === AST_NODE_TYPES.ClassBody) return undefined;
    if (isLoop(parent) && parent.body === child) {
      const loop = parent;
      const scope = cached(verdicts, loop, () => loopScope(loop, options));
      if (
        scope &&
        scope !== BOUNDED &&
        !leavesLoopAfterRunning(node, loop) &&
        !runsOnFirstIterationOnly(node, loop, loopIndexName(loop)) &&
        !runsForOneValueOnly(node, loop, loop.type === AST_NODE_TYPES.ForOfStatement ? loopVariableName(loop.left) : undefined)
      ) {
        return scope;
      }
    }
  }
  return undefined;
}

/**
 * Whether `loop` itself runs once per element of a collection (a `for…of`/`for…in` over a collection, an
 * index walk up to `.length`, a queue consumed with `shift()`/`pop()`), wherever it sits: its per-element
 * scope, or undefined for a loop that repeats something else (a retry or polling counter, pagination, a
 * `while (true)` loop, chunks, a small literal list, a `for await` cursor) and for any other node.
 * Unlike `getPerElementScope`, it does not look at enclosing loops or at where a node sits in the loop.
 */
export function getLoopCollectionScope(loop: TSESTree.Node, options: PerElementOptions = {}): PerElementScope | undefined {
  if (!isLoop(loop)) return undefined;
  const verdict = cached(verdictCache(options), loop, () => loopScope(loop, options));
  return verdict === BOUNDED ? undefined : verdict;
}

type Verdict = PerElementScope | typeof BOUNDED | undefined;

/**
 * What each loop and function was found to be, so a loop holding many calls is judged once. Keyed by AST
 * nodes, which belong to one file; typed answers are kept apart per program's services.
 */
const untypedVerdicts = new WeakMap<TSESTree.Node, Verdict | null>();
const typedVerdicts = new WeakMap<ParserServicesWithTypeInformation, WeakMap<TSESTree.Node, Verdict | null>>();

function verdictCache(options: PerElementOptions): WeakMap<TSESTree.Node, Verdict | null> {
  if (!options.services) return untypedVerdicts;
  let verdicts = typedVerdicts.get(options.services);
  if (!verdicts) {
    verdicts = new WeakMap();
    typedVerdicts.set(options.services, verdicts);
  }
  return verdicts;
}

function cached(verdicts: WeakMap<TSESTree.Node, Verdict | null>, node: TSESTree.Node, compute: () => Verdict): Verdict {
  const known = verdicts.get(node);
  if (known !== undefined) return known ?? undefined;
  const verdict = compute();
  verdicts.set(node, verdict ?? null);
  return verdict;
}

// ---------------------------------------------------------------------------------------------------
// Loops

type Loop = LoopStatement;

function loopScope(loop: Loop, options: PerElementOptions): PerElementScope | undefined {
  switch (loop.type) {
    case AST_NODE_TYPES.ForOfStatement:
      return forOfScope(loop, options);
    case AST_NODE_TYPES.ForInStatement:
      if (isBoundedObject(loop.right)) return undefined;
      return collectionScope('for-in', loop, loop.right);
    case AST_NODE_TYPES.ForStatement: {
      const collection = indexWalkCollection(loop);
      // `for (let i = 0; i < ORDER.length; i++)` over a small fixed list, as `for (const x of ORDER)` would be; over
      // `chunks` (`chunk(items, 500)`), one statement per chunk.
      if (!collection || isChunkCollection(collection) || isBoundedCollection(collection) || (options.services && receiverVerdict(collection, options.services) === 'bounded')) return undefined;
      return collectionScope('for', loop, collection);
    }
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement: {
      const collection = consumedCollection(loop);
      return collection && collectionScope(loop.type === AST_NODE_TYPES.WhileStatement ? 'while' : 'do-while', loop, collection);
    }
  }
}

function collectionScope(kind: PerElementKind, node: TSESTree.Node, collection: TSESTree.Node): PerElementScope {
  let concurrent: boolean | undefined;
  return {
    kind,
    node,
    collection,
    collectionText: describeExpression(collection),
    // Asked only of a few operations (Redis commands, Prisma's findUnique): the walk of the body waits until then.
    get concurrent() {
      return (concurrent ??= startsAllWithoutWaiting(node));
    },
  };
}

const MAX_LOOP_BODY_NODES = 2000;

/**
 * A loop whose body never waits (`for (const id of ids) ops.push(redis.hSet(key(id), v))`, then `Promise.all(ops)`)
 * starts the work of every element in the same tick, as `Promise.all(items.map(…))` does. Not `for await`.
 */
function startsAllWithoutWaiting(loop: TSESTree.Node): boolean {
  if (!isLoop(loop) || (loop.type === AST_NODE_TYPES.ForOfStatement && loop.await)) return false;
  const pending: unknown[] = [loop.body];
  for (let seen = 0; pending.length > 0; seen++) {
    if (seen > MAX_LOOP_BODY_NODES) return false;
    const node = pending.pop();
    if (!isAstNode(node)) continue;
    if (node.type === AST_NODE_TYPES.AwaitExpression || node.type === AST_NODE_TYPES.YieldExpression) return false;
    if (isFunction(node)) continue;
    for (const key in node) {
      if (key === 'parent' || key === 'loc' || key === 'range') continue;
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) pending.push(...value);
      else if (value !== null && typeof value === 'object') pending.push(value);
    }
  }
  return true;
}

function forOfScope(loop: TSESTree.ForOfStatement, options: PerElementOptions): PerElementScope | undefined {
  // `for await` streams a cursor, a readable or a queue consumer: rows arrive one by one by design. Over an array it
  // is a plain loop that awaits each element (Gauzy writes `for await (const id of ids)` around a query).
  if (loop.await && !iteratesArray(loop.right, options, 0)) return undefined;
  // Chunks first: `for (const batch of chunk(ids, 100))` answers from the code, where a bounded collection may read
  // the module that exports `chunk` from disk.
  const pattern = loop.left.type === AST_NODE_TYPES.VariableDeclaration ? loop.left.declarations[0]?.id : loop.left;
  const element = loopVariableName(loop.left);
  if ((isChunkCollection(loop.right) || (element !== undefined && isChunkElementName(element))) && !isTextChunk(loop.right, pattern, loop.body)) return undefined;
  if (isBoundedCollection(loop.right)) return undefined;
  if (options.services && receiverVerdict(loop.right, options.services) === 'bounded') return undefined;
  return collectionScope('for-of', loop, loop.right);
}

const MAX_ARRAY_HOPS = 3;
/** Array methods whose result is a new array, whatever the callback does. */
const ARRAY_RESULT_METHODS = new Set(['map', 'filter', 'slice', 'concat', 'flat', 'flatMap', 'toSorted', 'toReversed', 'sort', 'reverse']);

/**
 * What a `for await` iterates is surely an array (or, with type information, any synchronous collection): an array
 * literal, `Object.keys(…)`/`values`/`entries`, `Array.from(…)`, a parameter or variable annotated as an array, a name
 * bound to one of these, or `map`/`filter`/… over one. A cursor, a stream, a generator or anything unknown is not.
 */
function iteratesArray(expression: TSESTree.Node, options: PerElementOptions, depth: number): boolean {
  if (options.services) {
    const verdict = receiverVerdict(expression, options.services);
    if (verdict !== undefined) return verdict !== 'other';
  }
  const node = unwrapExpression(expression);
  switch (node.type) {
    case AST_NODE_TYPES.ArrayExpression:
      return true;
    case AST_NODE_TYPES.CallExpression: {
      const callee = unwrapExpression(node.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      const method = memberName(callee);
      if (isIdentifierNamed(callee.object, 'Object')) return method === 'keys' || method === 'values' || method === 'entries';
      if (isIdentifierNamed(callee.object, 'Array')) return method === 'from' || method === 'of';
      return method !== undefined && ARRAY_RESULT_METHODS.has(method) && depth < MAX_ARRAY_HOPS && iteratesArray(callee.object, {}, depth + 1);
    }
    case AST_NODE_TYPES.Identifier: {
      if (depth >= MAX_ARRAY_HOPS) return false;
      const binding = resolveBinding(node);
      if ((binding?.kind === 'const' || binding?.kind === 'let') && binding.init) return iteratesArray(binding.init, {}, depth + 1);
      const annotation = declaredAnnotation(node);
      return annotation !== undefined && isArrayAnnotation(annotation);
    }
    default:
      return false;
  }
}

/** The type annotation of the parameter or variable declarator `identifier` names, if it has one. */
function declaredAnnotation(identifier: TSESTree.Identifier): TSESTree.TypeNode | undefined {
  for (let node: TSESTree.Node | undefined = identifier.parent; node; node = node.parent) {
    if (node.type === AST_NODE_TYPES.VariableDeclarator) {
      if (node.id.type === AST_NODE_TYPES.Identifier && node.id.name === identifier.name) return node.id.typeAnnotation?.typeAnnotation;
    } else if (isFunctionNode(node)) {
      for (const param of node.params) {
        const target = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
        if (target.type === AST_NODE_TYPES.Identifier && target.name === identifier.name) return target.typeAnnotation?.typeAnnotation;
      }
    }
  }
  return undefined;
}

/** `T[]`, `readonly T[]`, `Array<T>`, `ReadonlyArray<T>`. */
function isArrayAnnotation(annotation: TSESTree.TypeNode): boolean {
  if (annotation.type === AST_NODE_TYPES.TSArrayType) return true;
  if (annotation.type === AST_NODE_TYPES.TSTypeOperator && annotation.operator === 'readonly' && annotation.typeAnnotation) return isArrayAnnotation(annotation.typeAnnotation);
  return annotation.type === AST_NODE_TYPES.TSTypeReference && annotation.typeName.type === AST_NODE_TYPES.Identifier && (annotation.typeName.name === 'Array' || annotation.typeName.name === 'ReadonlyArray');
}

function loopVariableName(left: TSESTree.ForOfStatement['left']): string | undefined {
  if (left.type === AST_NODE_TYPES.VariableDeclaration) {
    const id = left.declarations[0]?.id;
    return id?.type === AST_NODE_TYPES.Identifier ? id.name : undefined;
  }
  return left.type === AST_NODE_TYPES.Identifier ? left.name : undefined;
}

/**
 * `for (let i = 0; i < items.length; i++)` and `for (let i = items.length - 1; i >= 0; i--)`: the index
 * steps by one over a collection. Steps of more than one (`i += 500` with `ids.slice(i, i + 500)`), loops
 * without a test (`for (let offset = 0; ; offset += PAGE)`) and counters bounded by a number (retries) are not.
 */
function indexWalkCollection(loop: TSESTree.ForStatement): TSESTree.Node | undefined {
  const index = unitStepIndex(loop.update);
  if (!index || !loop.test) return undefined;
  const bound = comparedWith(loop.test, index);
  const fromTest = bound && lengthOwner(bound, loop);
  if (fromTest) return fromTest;
  // Walking backwards: the length is in the initializer and the test compares with 0.
  if (loop.init?.type === AST_NODE_TYPES.VariableDeclaration) {
    for (const declarator of loop.init.declarations) {
      if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.name === index && declarator.init) {
        return lengthOwner(declarator.init, loop);
      }
    }
  }
  return undefined;
}

/** The name of the variable an update expression moves by exactly one: `i++`, `--i`, `i += 1`, `i = i + 1`. */
function unitStepIndex(update: TSESTree.Expression | null): string | undefined {
  if (!update) return undefined;
  if (update.type === AST_NODE_TYPES.UpdateExpression) {
    return update.argument.type === AST_NODE_TYPES.Identifier ? update.argument.name : undefined;
  }
  if (update.type !== AST_NODE_TYPES.AssignmentExpression || update.left.type !== AST_NODE_TYPES.Identifier) return undefined;
  const name = update.left.name;
  if ((update.operator === '+=' || update.operator === '-=') && isLiteralValue(update.right, 1)) return name;
  const right = update.right;
  if (
    update.operator === '=' &&
    right.type === AST_NODE_TYPES.BinaryExpression &&
    (right.operator === '+' || right.operator === '-') &&
    right.left.type === AST_NODE_TYPES.Identifier &&
    right.left.name === name &&
    isLiteralValue(right.right, 1)
  ) {
    return name;
  }
  return undefined;
}

const COMPARISONS = new Set(['<', '<=', '>', '>=', '!=', '!==']);

/** In `i < bound` or `bound > i`, the `bound`. */
function comparedWith(test: TSESTree.Expression, index: string): TSESTree.Node | undefined {
  if (test.type !== AST_NODE_TYPES.BinaryExpression || !COMPARISONS.has(test.operator)) return undefined;
  if (isIdentifierNamed(test.left, index)) return test.right;
  if (isIdentifierNamed(test.right, index)) return test.left;
  return undefined;
}

/**
 * `items` in `items.length`, `items.length - 1`, or a variable holding either (`n = items.length` in the
 * loop's initializer or a `const` before it).
 */
function lengthOwner(expression: TSESTree.Node, loop: TSESTree.ForStatement, depth = 0): TSESTree.Node | undefined {
  const node = unwrapExpression(expression);
  if (depth > 4) return undefined;
  if (node.type === AST_NODE_TYPES.BinaryExpression && (node.operator === '-' || node.operator === '+') && node.right.type === AST_NODE_TYPES.Literal) {
    return lengthOwner(node.left, loop, depth + 1);
  }
  if (isMemberNamed(node, 'length')) return (node as TSESTree.MemberExpression).object;
  if (node.type === AST_NODE_TYPES.Identifier) {
    if (loop.init?.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of loop.init.declarations) {
        if (isIdentifierNamed(declarator.id, node.name) && declarator.init) return lengthOwner(declarator.init, loop, depth + 1);
      }
    }
    const binding = resolveBinding(node);
    if (binding?.kind === 'const' && binding.init) return lengthOwner(binding.init, loop, depth + 1);
  }
  return undefined;
}

/**
 * The collection a `while`/`do…while` loop consumes one element at a time: `while (queue.length) { const
 * job = queue.shift(); … }`, `while ((job = queue.pop()))`, or an index walk `while (i < items.length) { …; i++ }`.
 * Pagination (`while (hasMore)`, `do { … } while (page.length === size)`), retry counters and `while (true)`
 * polling loops consume nothing and are not per element; neither are loops taking `splice(0, 100)` chunks.
 */
function consumedCollection(loop: TSESTree.WhileStatement | TSESTree.DoWhileStatement): TSESTree.Node | undefined {
  let found: TSESTree.Node | undefined;
  walkShallow(loop.test, (node) => {
    if (found) return false;
    const taken = takenCollection(node);
    if (taken) {
      found = taken;
      return false;
    }
    if (isMemberNamed(node, 'length')) {
      const owner = (node as TSESTree.MemberExpression).object;
      if (takesOneByOne(loop, owner)) found = owner;
      else if (node.parent?.type === AST_NODE_TYPES.BinaryExpression) {
        const index = indexComparedWithLength(node.parent, node);
        if (index && incrementsIndex(loop.body, index)) found = owner;
      }
      return false;
    }
    return true;
  });
  return found;
}

/** `queue` in `queue.shift()` / `queue.pop()`. */
function takenCollection(node: TSESTree.Node): TSESTree.Node | undefined {
  if (node.type !== AST_NODE_TYPES.CallExpression || node.arguments.length > 0) return undefined;
  const callee = node.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const name = memberName(callee);
  return name === 'shift' || name === 'pop' ? callee.object : undefined;
}

function takesOneByOne(loop: TSESTree.WhileStatement | TSESTree.DoWhileStatement, collection: TSESTree.Node): boolean {
  const text = describeExpression(collection);
  let takes = false;
  walkShallow(loop.body, (node) => {
    if (takes) return false;
    const taken = takenCollection(node);
    if (taken && describeExpression(taken) === text) takes = true;
    return !isFunctionNode(node);
  });
  return takes;
}

function indexComparedWithLength(comparison: TSESTree.BinaryExpression, length: TSESTree.Node): string | undefined {
  if (!COMPARISONS.has(comparison.operator)) return undefined;
  const other = comparison.left === length ? comparison.right : comparison.left;
  return other.type === AST_NODE_TYPES.Identifier ? other.name : undefined;
}

function incrementsIndex(body: TSESTree.Statement, index: string): boolean {
  let increments = false;
  walkShallow(body, (node) => {
    if (increments) return false;
    if ((node.type === AST_NODE_TYPES.UpdateExpression || node.type === AST_NODE_TYPES.AssignmentExpression) && unitStepIndex(node) === index) {
      increments = true;
    }
    return !isFunctionNode(node);
  });
  return increments;
}

/**
 * Whether `node` is followed, unconditionally, by leaving `loop`: it sits in a `return`/`throw`, or a later
 * statement of a block it is in returns, throws or breaks out of the loop. Then it runs at most once.
 */
function leavesLoopAfterRunning(node: TSESTree.Node, loop: Loop): boolean {
  // The ancestors between `node` and the loop, innermost first.
  const path: TSESTree.Node[] = [];
  for (let parent = node.parent; parent && parent !== loop; parent = parent.parent) {
    if (isFunctionNode(parent)) return false;
    path.push(parent);
  }
  // A plain `break` leaves this loop only from where no inner loop or switch would take it.
  let breakLeavesLoop = true;
  const breakLeavesFrom = new Set<TSESTree.Node>();
  for (let i = path.length - 1; i >= 0; i--) {
    const ancestor = path[i];
    if (isLoop(ancestor) || ancestor.type === AST_NODE_TYPES.SwitchStatement) breakLeavesLoop = false;
    if (breakLeavesLoop) breakLeavesFrom.add(ancestor);
  }
  const label = labelOf(loop);
  let child: TSESTree.Node = node;
  for (const ancestor of path) {
    if (ancestor.type === AST_NODE_TYPES.ReturnStatement || ancestor.type === AST_NODE_TYPES.ThrowStatement) return true;
    const exits = blockExits(ancestor);
    if (exits) {
      // Statements are in source order: an exit at or after `child`'s start comes after it in the block.
      const from = child.range[0];
      if (exits.returnOrThrow >= from) return true;
      if (breakLeavesFrom.has(ancestor) && exits.plainBreak >= from) return true;
      if (label !== undefined && (exits.labeledBreaks.get(label) ?? -1) >= from) return true;
    }
    child = ancestor;
  }
  return false;
}

/**
 * Whether `node` sits in a branch taken on the first iteration only: `if (i === 0)` on the loop's index or the
 * callback's index parameter, or `if (saved.length === 1)` right after the iteration's one unconditional
 * `saved.push(…)` into an array made before the loop (Postiz's first upserted post).
 */
function runsOnFirstIterationOnly(node: TSESTree.Node, owner: TSESTree.Node, indexName: string | undefined): boolean {
  let child: TSESTree.Node = node;
  for (let parent = node.parent; parent && parent !== owner; child = parent, parent = parent.parent) {
    if (isFunctionNode(parent)) return false;
    const guarded =
      (parent.type === AST_NODE_TYPES.IfStatement && parent.consequent === child) ||
      (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.consequent === child) ||
      (parent.type === AST_NODE_TYPES.LogicalExpression && parent.operator === '&&' && parent.right === child);
    if (!guarded) continue;
    const test = (parent as TSESTree.IfStatement | TSESTree.ConditionalExpression).test ?? (parent as TSESTree.LogicalExpression).left;
    if (indexName !== undefined && isZeroTest(test, indexName)) return true;
    if (parent.type === AST_NODE_TYPES.IfStatement && isFirstPushTest(test, parent, owner)) return true;
  }
  return false;
}

/** `i === 0`, `0 === i`, `!i`. */
function isZeroTest(test: TSESTree.Node, name: string): boolean {
  if (test.type === AST_NODE_TYPES.UnaryExpression) return test.operator === '!' && test.argument.type === AST_NODE_TYPES.Identifier && test.argument.name === name;
  if (test.type !== AST_NODE_TYPES.BinaryExpression || (test.operator !== '===' && test.operator !== '==')) return false;
  const isName = (side: TSESTree.Node) => side.type === AST_NODE_TYPES.Identifier && side.name === name;
  return (isName(test.left) && isLiteralValue(test.right, 0)) || (isName(test.right) && isLiteralValue(test.left, 0));
}

/** `saved.length === 1` in an `if` of the loop's body, after the body's one `saved.push(x)` statement. */
function isFirstPushTest(test: TSESTree.Node, guard: TSESTree.IfStatement, loop: TSESTree.Node): boolean {
  if (test.type !== AST_NODE_TYPES.BinaryExpression || test.operator !== '===' || !isLiteralValue(test.right, 1)) return false;
  const length = test.left;
  if (length.type !== AST_NODE_TYPES.MemberExpression || memberName(length) !== 'length' || length.object.type !== AST_NODE_TYPES.Identifier) return false;
  const array = length.object.name;
  const body = isLoop(loop) ? (loop as LoopStatement).body : undefined;
  if (body?.type !== AST_NODE_TYPES.BlockStatement || guard.parent !== body) return false;
  let pushes = 0;
  for (const statement of body.body) {
    if (statement === guard) return pushes === 1;
    // An array made in each iteration holds one element every time.
    if (statement.type === AST_NODE_TYPES.VariableDeclaration && statement.declarations.some((declarator) => patternNames(declarator.id).includes(array))) return false;
    if (statement.type === AST_NODE_TYPES.VariableDeclaration) continue;
    // Any branch or block before the guard may push under a condition, and skip the first iteration.
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return false;
    const call = unwrapExpression(statement.expression);
    if (call.type === AST_NODE_TYPES.LogicalExpression || call.type === AST_NODE_TYPES.ConditionalExpression) return false;
    // `saved = []` each iteration.
    if (call.type === AST_NODE_TYPES.AssignmentExpression && call.left.type === AST_NODE_TYPES.Identifier && call.left.name === array) return false;
    if (call.type === AST_NODE_TYPES.CallExpression && call.callee.type === AST_NODE_TYPES.MemberExpression && memberName(call.callee) === 'push') {
      const receiver = call.callee.object;
      if (receiver.type === AST_NODE_TYPES.Identifier && receiver.name === array) pushes += call.arguments.length === 1 && call.arguments[0].type !== AST_NODE_TYPES.SpreadElement ? 1 : 2;
    }
  }
  return false;
}

/** `i` of `for (let i = 0; …; i++)`. */
function loopIndexName(loop: Loop): string | undefined {
  if (loop.type !== AST_NODE_TYPES.ForStatement || loop.init?.type !== AST_NODE_TYPES.VariableDeclaration) return undefined;
  const [declarator] = loop.init.declarations;
  return declarator?.id.type === AST_NODE_TYPES.Identifier && declarator.init && isLiteralValue(declarator.init, 0) ? declarator.id.name : undefined;
}

/** The index parameter of an iteration callback: `index` of `items.map((item, index) => …)`. */
/**
 * Whether `node` runs only for elements equal to one value: in a `case 'assets':` of a `switch` on the element itself,
 * or under `if (entity === 'assets')`. A loop over kinds (Wiki.js's export walks `['assets', 'pages', …]` and switches
 * on each) reaches that code once per listed kind, not once per row. A switch on a field of the element
 * (`switch (event.type)`) dispatches rows, and still repeats.
 */
function runsForOneValueOnly(node: TSESTree.Node, owner: TSESTree.Node, elementName: string | undefined): boolean {
  if (elementName === undefined) return false;
  let child: TSESTree.Node = node;
  for (let parent = node.parent; parent && parent !== owner; child = parent, parent = parent.parent) {
    if (isFunctionNode(parent)) return false;
    if (parent.type === AST_NODE_TYPES.SwitchCase && parent.test && parent.consequent.includes(child as TSESTree.Statement)) {
      const discriminant = unwrapExpression((parent.parent as TSESTree.SwitchStatement).discriminant);
      if (isIdentifierNamed(discriminant, elementName) && isConstantValue(parent.test)) return true;
    }
    if (parent.type === AST_NODE_TYPES.IfStatement && parent.consequent === child && comparesWithConstant(parent.test, elementName)) return true;
  }
  return false;
}

/** `entity === 'assets'` (either way round, `==` too). */
function comparesWithConstant(test: TSESTree.Node, name: string): boolean {
  if (test.type !== AST_NODE_TYPES.BinaryExpression || (test.operator !== '===' && test.operator !== '==')) return false;
  const left = unwrapExpression(test.left);
  const right = unwrapExpression(test.right);
  return (isIdentifierNamed(left, name) && isConstantValue(right)) || (isIdentifierNamed(right, name) && isConstantValue(left));
}

/** A string or number literal, a template without holes, or an enum's member (`Entity.Assets`). */
function isConstantValue(node: TSESTree.Node): boolean {
  const value = unwrapExpression(node);
  if (value.type === AST_NODE_TYPES.Literal) return typeof value.value === 'string' || typeof value.value === 'number';
  if (value.type === AST_NODE_TYPES.TemplateLiteral) return value.expressions.length === 0;
  return value.type === AST_NODE_TYPES.MemberExpression && !value.computed && value.object.type === AST_NODE_TYPES.Identifier && /^[A-Z]/.test(value.object.name);
}

/**
 * The name a callback gives the element (`(entity) => …`) or its index (`(item, i) => …`); `reduce` and `reduceRight`
 * take their accumulator first.
 */
function callbackParameterName(callback: FunctionNode, role: 'element' | 'index'): string | undefined {
  const call = callback.parent;
  const method = call?.type === AST_NODE_TYPES.CallExpression && call.callee.type === AST_NODE_TYPES.MemberExpression ? memberName(call.callee) : undefined;
  const parameter = callback.params[(method === 'reduce' || method === 'reduceRight' ? 1 : 0) + (role === 'index' ? 1 : 0)];
  return parameter?.type === AST_NODE_TYPES.Identifier ? parameter.name : undefined;
}

interface BlockExits {
  /** Where the block's last `return`/`throw` statement starts; -1 without one. */
  returnOrThrow: number;
  /** Where its last unlabeled `break` starts (never in a switch case, whose break leaves the switch). */
  plainBreak: number;
  labeledBreaks: Map<string, number>;
}

const blockExitsCache = new WeakMap<TSESTree.Node, BlockExits>();

/** The unconditional exits among a block's own statements, computed once per block. */
function blockExits(node: TSESTree.Node): BlockExits | undefined {
  const statements = node.type === AST_NODE_TYPES.BlockStatement ? node.body : node.type === AST_NODE_TYPES.SwitchCase ? node.consequent : undefined;
  if (!statements) return undefined;
  let exits = blockExitsCache.get(node);
  if (!exits) {
    exits = { returnOrThrow: -1, plainBreak: -1, labeledBreaks: new Map() };
    for (const statement of statements) {
      const start = statement.range[0];
      if (statement.type === AST_NODE_TYPES.ReturnStatement || statement.type === AST_NODE_TYPES.ThrowStatement) exits.returnOrThrow = start;
      else if (statement.type === AST_NODE_TYPES.BreakStatement) {
        if (statement.label) exits.labeledBreaks.set(statement.label.name, start);
        else if (node.type !== AST_NODE_TYPES.SwitchCase) exits.plainBreak = start;
      }
    }
    blockExitsCache.set(node, exits);
  }
  return exits;
}

function labelOf(loop: Loop): string | undefined {
  return loop.parent?.type === AST_NODE_TYPES.LabeledStatement ? loop.parent.label.name : undefined;
}

// ---------------------------------------------------------------------------------------------------
// Iteration callbacks

const ARRAY_ITERATION_METHODS = new Set([
  'map',
  'forEach',
  'flatMap',
  'reduce',
  'reduceRight',
  'filter',
  'some',
  'every',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
]);

/** Collection-first helpers of lodash/underscore (`_.map(items, fn)`). */
const LODASH_ITERATION_FUNCTIONS = new Set([
  'map',
  'forEach',
  'each',
  'flatMap',
  'reduce',
  'reduceRight',
  'filter',
  'some',
  'every',
  'find',
  'findIndex',
  'forOwn',
  'mapValues',
  'groupBy',
  'keyBy',
]);
const LODASH_MODULES = new Set(['lodash', 'lodash-es', 'underscore', 'lodash/fp']);

/** Bluebird's collection helpers; all but the series ones start every callback at once. */
const BLUEBIRD_FUNCTIONS = new Map([
  ['map', true],
  ['filter', true],
  ['each', false],
  ['mapSeries', false],
  ['reduce', false],
]);


/** Method names (and free functions) whose function arguments may be iteration callbacks. */
const ITERATION_CALLEE_NAMES = new Set([
  ...ARRAY_ITERATION_METHODS,
  ...LODASH_ITERATION_FUNCTIONS,
  ...BLUEBIRD_FUNCTIONS.keys(),
  'from',
  'fromAsync',
]);

/**
 * A name-only superset of `iterationCallbackScope`: could `fn` be an iteration callback? Used by
 * `mayBePerElementAt` to skip, at no cost, code that certainly runs once per call.
 */
function mayBeIterationCallback(fn: TSESTree.Node): boolean {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee === fn) return false;
  const callee = call.callee;
  // p-map and lodash's functions take the callback second (see iterationCallbackScope).
  if (callee.type === AST_NODE_TYPES.Identifier) return call.arguments[1] === fn;
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = memberName(callee);
  return method !== undefined && ITERATION_CALLEE_NAMES.has(method);
}

/**
 * A cheap prefilter before `getPerElementScope`: could `node` run once per element at all? It walks up to the
 * enclosing function for a loop or a possible iteration callback; most calls of a file are in neither, and
 * are dismissed without the scope analysis.
 */
export function mayBePerElementAt(node: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    switch (current.type) {
      case AST_NODE_TYPES.ForStatement:
      case AST_NODE_TYPES.ForOfStatement:
      case AST_NODE_TYPES.ForInStatement:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
        return true;
      case AST_NODE_TYPES.FunctionDeclaration:
      case AST_NODE_TYPES.FunctionExpression:
      case AST_NODE_TYPES.ArrowFunctionExpression:
        // Per-element scopes never reach past a function that is not an iteration callback, run in place, or queued.
        if (runsInPlace(current)) break;
        return mayBeIterationCallback(current);
      default:
        break;
    }
  }
  return false;
}

/**
 * If `fn` is an iteration callback: its per-element scope, or BOUNDED when the iteration runs over a small
 * fixed list (the search goes on outward). undefined when `fn` is any other function, where the search stops.
 */
function iterationCallbackScope(fn: TSESTree.FunctionLike, options: PerElementOptions): PerElementScope | typeof BOUNDED | undefined {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const argumentIndex = call.arguments.indexOf(fn as TSESTree.CallExpressionArgument);
  if (argumentIndex < 0) return undefined;
  const callee = call.callee;

  if (callee.type === AST_NODE_TYPES.Identifier) {
    // p-map, or a lodash function imported by name: both take the callback second (asked before resolving the name).
    if (argumentIndex !== 1) return undefined;
    const origin = importOf(callee);
    if (!origin) return undefined;
    if (origin.source === 'p-map' && origin.imported === 'default') return callbackScope(call, fn, call.arguments[0], 'pMap', true);
    if (LODASH_MODULES.has(origin.source) && LODASH_ITERATION_FUNCTIONS.has(origin.imported)) {
      return callbackScope(call, fn, call.arguments[0], origin.imported, false);
    }
    return undefined;
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const method = memberName(callee);
  if (method === undefined) return undefined;
  const receiver = callee.object;

  if (argumentIndex === 1 && receiver.type === AST_NODE_TYPES.Identifier) {
    if (receiver.name === 'Array' && (method === 'from' || method === 'fromAsync')) {
      const source = call.arguments[0];
      // `Array.from({ length: n }, fn)` repeats a count, it does not walk a collection.
      if (!source || unwrapExpression(source).type === AST_NODE_TYPES.ObjectExpression) return BOUNDED;
      return callbackScope(call, fn, source, method, flowsIntoPromiseCombinator(call) || isAsyncFunction(fn), options);
    }
    const origin = importOf(receiver);
    if ((origin && LODASH_MODULES.has(origin.source)) || (!origin && receiver.name === '_')) {
      return LODASH_ITERATION_FUNCTIONS.has(method) ? callbackScope(call, fn, call.arguments[0], method, false, options) : undefined;
    }
    if ((origin?.source === 'bluebird' || receiver.name === 'Promise' || receiver.name === 'Bluebird') && BLUEBIRD_FUNCTIONS.has(method)) {
      return callbackScope(call, fn, call.arguments[0], method, BLUEBIRD_FUNCTIONS.get(method)!, options);
    }
    return undefined;
  }

  if (argumentIndex !== 0 || !ARRAY_ITERATION_METHODS.has(method)) return undefined;
  if (isNotACollection(receiver)) return undefined;
  // Unawaited async callbacks of map/forEach also start together; other methods use the callbacks' results.
  const startsAll = method === 'map' || method === 'flatMap' || method === 'forEach';
  const concurrent = startsAll && (isAsyncFunction(fn) || (method !== 'forEach' && flowsIntoPromiseCombinator(call)));
  return callbackScope(call, fn, receiver, method, concurrent, options);
}

function callbackScope(
  call: TSESTree.CallExpression,
  fn: TSESTree.FunctionLike,
  collection: TSESTree.Node | undefined,
  method: string,
  concurrent: boolean,
  options: PerElementOptions = {},
): PerElementScope | typeof BOUNDED | undefined {
  if (!collection || collection.type === AST_NODE_TYPES.SpreadElement) return undefined;
  // Chunks first, as in `forOfScope`: the bounded-collection test may read another module from disk.
  const element = fn.params[0];
  if ((isChunkCollection(collection) || (element?.type === AST_NODE_TYPES.Identifier && isChunkElementName(element.name))) && !(fn.body && isTextChunk(collection, element, fn.body))) return BOUNDED;
  if (isBoundedCollection(collection)) return BOUNDED;
  if (options.services) {
    const verdict = receiverVerdict(collection, options.services);
    if (verdict === 'bounded') return BOUNDED;
    if (verdict === 'other') return undefined;
  }
  return { kind: 'callback', node: call, collection, collectionText: describeExpression(collection), method, concurrent, callback: fn };
}

/**
 * Receivers whose `.map`/`.forEach` is not an array's, seen from code shape: a module namespace or a
 * package's default export (`O.map(f)` in fp-ts), streams, cursors and observables by their usual names
 * (`cursor`, `stream`, `users$`), and MongoDB cursors (`collection.find(q).forEach(fn)`: an array's `find`
 * returns one element, so a `.forEach` after `.find(...)` is a cursor's).
 */
const STREAM_NAME = /(cursor|stream|readable)$|\$$/i;

function isNotACollection(receiver: TSESTree.Expression): boolean {
  const node = unwrapExpression(receiver);
  if (node.type === AST_NODE_TYPES.Identifier) {
    if (STREAM_NAME.test(node.name)) return true;
    const origin = importOf(node);
    return origin !== undefined && !isProjectModuleSpecifier(origin.source, node) && isModuleObject(origin.imported);
  }
  if (node.type === AST_NODE_TYPES.MemberExpression) {
    const name = memberName(node);
    return name !== undefined && STREAM_NAME.test(name);
  }
  for (let link: TSESTree.Node = node; link.type === AST_NODE_TYPES.CallExpression; ) {
    const callee = link.callee;
    if (callee.type !== AST_NODE_TYPES.MemberExpression) break;
    const name = memberName(callee);
    if (name === 'find' || name === 'aggregate' || name === 'cursor' || name === 'stream' || name === 'watch') return true;
    link = unwrapExpression(callee.object);
  }
  return false;
}

/**
 * `Promise.all(items.map(...))`, `Promise.all([...items.map(...)])`, or `const ps = items.map(...)` later
 * passed to `Promise.all(ps)` in the same function: the callbacks' promises are all started at once.
 */
function flowsIntoPromiseCombinator(call: TSESTree.CallExpression): boolean {
  let node: TSESTree.Node = call;
  for (let parent = node.parent; parent; node = parent, parent = parent.parent) {
    if (
      parent.type === AST_NODE_TYPES.ChainExpression ||
      parent.type === AST_NODE_TYPES.TSAsExpression ||
      parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      parent.type === AST_NODE_TYPES.SpreadElement ||
      parent.type === AST_NODE_TYPES.ArrayExpression
    ) {
      continue;
    }
    if (parent.type === AST_NODE_TYPES.CallExpression) return parent.arguments.includes(node as TSESTree.CallExpressionArgument) && isPromiseCombinator(parent);
    if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier && parent.init === node) {
      return passedToPromiseCombinator(parent.id.name, parent);
    }
    return false;
  }
  return false;
}

function isPromiseCombinator(call: TSESTree.CallExpression): boolean {
  const callee = call.callee;
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    (callee.object.name === 'Promise' || callee.object.name === 'Bluebird') &&
    PROMISE_COMBINATORS.has(memberName(callee) ?? '')
  );
}

function passedToPromiseCombinator(name: string, declarator: TSESTree.Node): boolean {
  let container: TSESTree.Node | undefined = declarator.parent;
  while (container && !isFunctionNode(container) && container.type !== AST_NODE_TYPES.Program) container = container.parent;
  if (!container) return false;
  let passed = false;
  walkShallow(container, (node) => {
    if (passed) return false;
    if (node.type === AST_NODE_TYPES.CallExpression && isPromiseCombinator(node)) {
      const argument = node.arguments[0];
      const inner = argument?.type === AST_NODE_TYPES.ArrayExpression && argument.elements[0]?.type === AST_NODE_TYPES.SpreadElement ? argument.elements[0].argument : argument;
      if (inner && isIdentifierNamed(inner, name)) passed = true;
    }
    return true;
  });
  return passed;
}

// ---------------------------------------------------------------------------------------------------
// Bounded and chunked collections

/**
 * Collections whose size the source code fixes: array literals (`['a', 'b']`, `[a, b]`), and constants or
 * `Object.values/keys/entries` of constants holding non-empty literals or enums. An empty literal
 * (`const found = []`) is one filled later, so it does not count; nor does a literal the code grows
 * without bound (see `growsWithoutBound`).
 */
function isBoundedCollection(expression: TSESTree.Node, depth = 0): boolean {
  const node = unwrapExpression(expression);
  if (node.type === AST_NODE_TYPES.ArrayExpression) {
    // `[...migrations].sort(byId)`, `[...DEFAULT_ROLES, 'owner']`: a copy of fixed lists is as fixed.
    return node.elements.every((element) => element === null || element.type !== AST_NODE_TYPES.SpreadElement || (depth < 3 && isBoundedCollection(element.argument, depth + 1)));
  }
  if (node.type === AST_NODE_TYPES.Identifier && depth < 3) {
    const binding = resolveBinding(node);
    if (binding?.kind === 'enum' || isImportedConstant(binding, node)) return true;
    if (binding?.kind === 'import') return binding.source !== undefined && binding.imported !== undefined && importsFixedListLiteral(node, binding.source, binding.imported);
    if (binding?.kind !== 'const' || !binding.init) return false;
    const init = unwrapExpression(binding.init);
    // A module-level constant by the naming convention, computed once at load (`const FIELDS = Object.keys(schema.shape)`).
    if (isConstantName(node.name) && isModuleLevel(binding.init) && !isEmptyCollection(init)) return true;
    // `const statuses = Object.values(Status)` and `const scopes = withEmail ? ['openid', 'email'] : ['openid']` too;
    // an empty literal is filled later.
    const fixed =
      init.type === AST_NODE_TYPES.ArrayExpression
        ? init.elements.length > 0 && isBoundedCollection(init, depth + 1)
        : (init.type === AST_NODE_TYPES.CallExpression || init.type === AST_NODE_TYPES.ConditionalExpression) && isBoundedCollection(init, depth + 1);
    // …unless the code grows it afterwards (`const ids = [rootId]; for (const c of children) ids.push(c.id)`).
    return fixed && !growsWithoutBound(node, binding, binding.init, depth);
  }
  if (node.type === AST_NODE_TYPES.CallExpression && isObjectIteration(node)) {
    const argument = node.arguments[0];
    return argument !== undefined && isBoundedObject(argument, depth + 1);
  }
  // `AtlassianManager.CONFLUENCE_SCOPE`: a constant table kept as a static of a class (or a member of a namespace) of
  // the project, named as the imported constants above are (Parabol's scopes).
  if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed && node.property.type === AST_NODE_TYPES.Identifier && isConstantName(node.property.name)) {
    const owner = unwrapExpression(node.object);
    const binding = owner.type === AST_NODE_TYPES.Identifier ? resolveBinding(owner) : undefined;
    return binding?.kind === 'import' && binding.source !== undefined && isProjectModuleSpecifier(binding.source, owner);
  }
  if (depth >= 3) return false;
  // `cond ? ROLES : []`: bounded whichever runs.
  if (node.type === AST_NODE_TYPES.ConditionalExpression) return isBoundedCollection(node.consequent, depth + 1) && isBoundedCollection(node.alternate, depth + 1);
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrapExpression(node.callee);
    // `REGIONS.filter(…)`, `STEPS.slice(1)`, `ROLES.map(…)`: no longer than what they start from.
    if (callee.type === AST_NODE_TYPES.MemberExpression && SUBSET_METHODS.has(memberName(callee) ?? '')) return isBoundedCollection(callee.object, depth + 1);
    // `separateEmbeds(embed)`, a function of the file that returns only array literals (`[]`, `[e]`, `[a, b]`), or
    // one of another module of the project, read from disk (Trigger.dev's `emailLookupCandidates`).
    if (callee.type === AST_NODE_TYPES.Identifier) {
      const binding = resolveBinding(callee);
      if (binding?.kind === 'import') return importedFunctionReturnsFixedLists(callee, binding.source!, binding.imported!);
      const fn = binding?.kind === 'function' ? binding.fn : binding?.kind === 'const' && binding.init && isFunction(unwrapExpression(binding.init)) ? (unwrapExpression(binding.init) as FunctionNode) : undefined;
      return fn !== undefined && returnsOnlyFixedLists(fn);
    }
  }
  return false;
}

/**
 * Whether code of the file adds a number of elements to the array `binding` holds that the code does not fix: a
 * push, unshift, inserting splice or append by index (`ids[ids.length] = id`) that spreads a list (`ids.push(...more)`), runs in a loop or in a function
 * (a callback, a closure) inside the block that declares the array, a worklist's push in the loop over it, the
 * method handed on (`Array.prototype.push.apply(ids, xs)`, `ids.push.bind(ids)`), or a `length` set from a value.
 * `if (owner) roles.push('owner')` adds one element at most, and a push per element of a fixed list as many as it
 * has (`for (const r of ['b', 'c']) roles.push(r)`): the list stays fixed.
 */
function growsWithoutBound(reference: TSESTree.Identifier, binding: Binding, init: TSESTree.Node, depth: number): boolean {
  const program = programOf(reference);
  if (!mayBeGrown(program, reference.name)) return false;
  const sites = growthSites(program).get(reference.name);
  if (!sites) return false;
  const block = declaringBlock(init);
  return sites.some((site) => resolveBinding(site.array) === binding && (site.unbounded || repeatsWithin(site.node, block, depth)));
}

interface GrowthSite {
  /** The array grown. */
  array: TSESTree.Identifier;
  /** The growing call or assignment. */
  node: TSESTree.Node;
  /** Adds a number of elements the code does not fix, even when it runs once. */
  unbounded: boolean;
}

const growthSitesCache = new WeakMap<TSESTree.Node, Map<string, GrowthSite[]>>();
/** Per file: the names its tokens show a growing member on; null when the tokens cannot tell (see `mayBeGrown`). */
const grownNamesCache = new WeakMap<TSESTree.Node, ReadonlySet<string> | null>();
const GROWING_MEMBERS: ReadonlySet<string> = new Set([...ELEMENT_ADDING_METHODS, 'length']);

/**
 * Whether the file may grow an array named `name`: a look at its tokens, far cheaper than `growthSites`' walk of the
 * whole tree, which most files (a fixed list only read) never need. Every growth `growthSites` records reads a
 * member `push`, `unshift`, `splice` or `length` (after `.`, `?.` or `!.`) of an identifier, maybe wrapped in
 * parentheses with a type assertion. So a file whose tokens show those members only after other identifiers, after
 * calls (`rows.filter(…).length`), indexes or literals grows no array named `name`. A member after other parentheses
 * (`(ids as T[]).push(x)`), computed (`ids['push'](x)`) or handed on (`Array.prototype.push.apply(ids, xs)`) leaves the
 * question to the walk.
 */
function mayBeGrown(program: TSESTree.Node, name: string): boolean {
  let names = grownNamesCache.get(program);
  if (names === undefined) {
    names = grownNamesFromTokens((program as TSESTree.Program).tokens);
    grownNamesCache.set(program, names);
  }
  return names === null || names.has(name);
}

/** Words the parser's tokens call identifiers (`await`, `of`) that take an operand: a `(` after them groups. */
const OPERATOR_WORDS: ReadonlySet<string> = new Set(['await', 'of', 'as', 'satisfies', 'yield', 'in', 'instanceof', 'typeof', 'void', 'delete', 'return', 'throw', 'case', 'new', 'else', 'do']);
/** How far back a `)` before a growing member is matched to its `(`: further, the walk decides. */
const MAX_PARENTHESIS_LOOKBACK = 256;

/** The receivers' names (see `mayBeGrown`); null when the tokens cannot tell. */
function grownNamesFromTokens(tokens: readonly TSESTree.Token[] | undefined): ReadonlySet<string> | null {
  if (!tokens) return null;
  const names = new Set<string>();
  for (let index = 2; index < tokens.length; index++) {
    const member = tokens[index];
    // `ids['push'](x)`: a computed member, which the walk reads like a named one.
    if (member.type === AST_TOKEN_TYPES.String && tokens[index - 1].value === '[' && GROWING_MEMBERS.has(member.value.slice(1, -1))) return null;
    if (member.type !== AST_TOKEN_TYPES.Identifier || !GROWING_MEMBERS.has(member.value)) continue;
    const dot = tokens[index - 1];
    if (dot.type !== AST_TOKEN_TYPES.Punctuator || (dot.value !== '.' && dot.value !== '?.')) continue;
    // `ids.push.apply(ids, xs)`, `[].push.call(ids, x)`: the array grown is an argument.
    const after = tokens[index + 1];
    if (member.value !== 'length' && after?.value === '.' && (tokens[index + 2]?.value === 'apply' || tokens[index + 2]?.value === 'call')) return null;
    let receiverIndex = index - 2;
    // `ids!.push(x)`
    if (tokens[receiverIndex].type === AST_TOKEN_TYPES.Punctuator && tokens[receiverIndex].value === '!' && receiverIndex > 0) receiverIndex--;
    const receiver = tokens[receiverIndex];
    // A keyword token may be a name (`type`, `of`); `this` and `super` are not.
    if (receiver.type === AST_TOKEN_TYPES.Identifier || (receiver.type === AST_TOKEN_TYPES.Keyword && receiver.value !== 'this' && receiver.value !== 'super')) names.add(receiver.value);
    else if (receiver.type === AST_TOKEN_TYPES.Punctuator && receiver.value === ')' && !closesCall(tokens, receiverIndex)) return null;
  }
  return names;
}

/**
 * The `)` at `index` ends the arguments of a call by name (`filter(…)`, `rows?.(…)`), not a parenthesised expression.
 * After another `)` or `]` a `(` may open either (`for (…) (ids as T[]).push(x)`): no call, as far as this says.
 */
function closesCall(tokens: readonly TSESTree.Token[], index: number): boolean {
  let depth = 0;
  for (let at = index; at >= 0 && index - at <= MAX_PARENTHESIS_LOOKBACK; at--) {
    const token = tokens[at];
    if (token.type !== AST_TOKEN_TYPES.Punctuator) continue;
    if (token.value === ')') depth++;
    else if (token.value === '(' && --depth === 0) {
      const before = tokens[at - 1];
      if (before?.type === AST_TOKEN_TYPES.Identifier) return !OPERATOR_WORDS.has(before.value);
      return before?.type === AST_TOKEN_TYPES.Punctuator && before.value === '?.';
    }
  }
  return false;
}

/** Every place in the file that adds elements to an array named by an identifier, by that name; one walk per file. */
function growthSites(program: TSESTree.Node): Map<string, GrowthSite[]> {
  let sites = growthSitesCache.get(program);
  if (sites) return sites;
  const found = new Map<string, GrowthSite[]>();
  const add = (array: TSESTree.Node, node: TSESTree.Node, unbounded: boolean) => {
    const target = unwrapExpression(array);
    if (target.type !== AST_NODE_TYPES.Identifier) return;
    const list = found.get(target.name);
    const site = { array: target, node, unbounded };
    if (list) list.push(site);
    else found.set(target.name, [site]);
  };
  walkShallow(program, (node) => {
    if (node.type === AST_NODE_TYPES.MemberExpression && ELEMENT_ADDING_METHODS.has(memberName(node) ?? '')) {
      const call = node.parent;
      if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === node) {
        // `ids.splice(i, 1)` only removes.
        if (elementsAddedBy(node)) add(node.object, call, call.arguments.some((argument) => argument.type === AST_NODE_TYPES.SpreadElement));
      } else {
        // `ids.push.apply(ids, xs)`, `ids.push.bind(ids)`: handed on, it may run any number of times.
        add(node.object, node, true);
      }
      // `Array.prototype.push.apply(ids, xs)`, `[].push.call(ids, x)`.
      const apply = node.parent;
      if (apply?.type === AST_NODE_TYPES.MemberExpression && apply.object === node && (memberName(apply) === 'apply' || memberName(apply) === 'call')) {
        const applyCall = apply.parent;
        const target = applyCall?.type === AST_NODE_TYPES.CallExpression && applyCall.callee === apply ? applyCall.arguments[0] : undefined;
        if (target) add(target, applyCall!, true);
      }
    } else if (node.type === AST_NODE_TYPES.AssignmentExpression || node.type === AST_NODE_TYPES.UpdateExpression) {
      // `ids[ids.length] = id` appends, as a push does.
      const appended = node.type === AST_NODE_TYPES.AssignmentExpression ? appendedByIndex(node) : undefined;
      if (appended) add(appended, node, false);
      const target = node.type === AST_NODE_TYPES.AssignmentExpression ? node.left : node.argument;
      // `ids.length = n` may lengthen the list; a number (`ids.length = 0`, clearing it) fixes it.
      const fixesLength = node.type === AST_NODE_TYPES.AssignmentExpression && node.operator === '=' && node.right.type === AST_NODE_TYPES.Literal && typeof node.right.value === 'number';
      if (target.type === AST_NODE_TYPES.MemberExpression && memberName(target) === 'length' && !fixesLength) add(target.object, node, true);
    }
    return true;
  });
  sites = found;
  growthSitesCache.set(program, sites);
  return sites;
}

/** The block, program or switch whose declarations hold the declarator `init` initialises (as `resolveBinding` finds it). */
function declaringBlock(init: TSESTree.Node): TSESTree.Node | undefined {
  for (let node = init.parent; node; node = node.parent) {
    if (node.type === AST_NODE_TYPES.BlockStatement || node.type === AST_NODE_TYPES.Program || node.type === AST_NODE_TYPES.StaticBlock || node.type === AST_NODE_TYPES.SwitchStatement) return node;
  }
  return undefined;
}

/**
 * `node` may run a number of times per run of `block` that the code does not fix: a loop or a function lies between
 * them, other than a `for…of` or an iteration callback over a fixed list (`for (const r of ['b', 'c'])`,
 * `EXTRA_ROLES.forEach((r) => …)`). A worklist walked while it grows (`for (const id of ids) ids.push(…)`) is no fixed
 * list: `depth` bounds the search through it.
 */
function repeatsWithin(node: TSESTree.Node, block: TSESTree.Node | undefined, depth: number): boolean {
  for (let current = node.parent; current && current !== block; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ForOfStatement && !current.await && isBoundedCollection(current.right, depth + 1)) continue;
    if (isFunction(current) && isIterationOfBoundedCollection(current, depth)) continue;
    if (isLoop(current) || isFunction(current)) return true;
  }
  return false;
}

/** `fn` is the callback of `forEach`/`map`/… called on a fixed list: it runs once per element, then and there. */
function isIterationOfBoundedCollection(fn: TSESTree.Node, depth: number): boolean {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== fn) return false;
  const callee = unwrapExpression(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && ARRAY_ITERATION_METHODS.has(memberName(callee) ?? '') && isBoundedCollection(callee.object, depth + 1);
}

/** Array methods whose result holds no more elements than their receiver. */
const SUBSET_METHODS = new Set(['filter', 'slice', 'map', 'toSorted', 'toReversed', 'sort', 'reverse', 'with']);

/** `callee`, imported from `source` as `imported`, is a function of another module of the project that returns only fixed lists. */
function importedFunctionReturnsFixedLists(callee: TSESTree.Identifier, source: string, imported: string): boolean {
  return askAboutProjectExport(callee, source, imported, exportsFixedListFunction);
}

/**
 * `reference`, imported from `source` as `imported`, is a list another module of the project writes out as a literal
 * and never grows (`import { fixedFields } from './helpers'`, Shelf's column tables): what a constant's name in capitals
 * tells of the others (see `isImportedConstant`), read from the module.
 */
function importsFixedListLiteral(reference: TSESTree.Identifier, source: string, imported: string): boolean {
  return askAboutProjectExport(reference, source, imported, exportsFixedList);
}

/** `question` about export `imported` of the project module `source` that `where`'s file imports, parsed from disk. */
function askAboutProjectExport(
  where: TSESTree.Node,
  source: string,
  imported: string,
  question: (cwd: string, parse: ModuleParser, file: string, name: string) => boolean,
): boolean {
  // A sibling package of the workspace (`@homarr/server-settings`) is the project's code too, read the same way.
  if (imported === '*' || imported === 'default' || (!isProjectModuleSpecifier(source, where) && !isWorkspacePackage(source, where))) return false;
  const location = lintedFileLocation(where);
  const parse = location && moduleParserAt(where);
  const file = parse && resolveProjectModule(location.cwd, location.filename, source);
  return file !== undefined && parse !== undefined && question(location!.cwd, parse, file, imported);
}

/**
 * A constant of another module of the project, by the naming convention for them: `import { EVENT_COLUMNS }
 * from '@/lib/constants'`. Its value is set once in the code (a table of columns, roles, regions), so its
 * length is too; this file cannot see the literal, the name says what it is. An enum by its name
 * (`import { DaysEnum } from '@novu/shared'`) is one too, from any module, and a Prisma enum (see `isEnumImport`).
 */
function isImportedConstant(binding: Binding | undefined, reference: TSESTree.Node): boolean {
  if (binding?.kind !== 'import' || binding.imported === undefined) return false;
  if (isEnumImport(binding.imported, binding.source)) return true;
  return binding.source !== undefined && isProjectModuleSpecifier(binding.source, reference) && isConstantName(binding.imported);
}

/** The initialiser of a declaration at the top of the module (exported or not). */
function isModuleLevel(init: TSESTree.Node): boolean {
  const declaration = init.parent?.parent;
  return declaration?.type === AST_NODE_TYPES.VariableDeclaration && isModuleLevelDeclaration(declaration);
}

/** `[]`, `new Set()`, `new Map()`, `new Array()`: a collection made empty to be filled later. */
function isEmptyCollection(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.ArrayExpression) return node.elements.length === 0;
  return node.type === AST_NODE_TYPES.NewExpression && node.arguments.length === 0;
}

function isObjectIteration(call: TSESTree.CallExpression): boolean {
  const callee = call.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || !isIdentifierNamed(callee.object, 'Object')) return false;
  const name = memberName(callee);
  return name === 'values' || name === 'keys' || name === 'entries';
}

function isBoundedObject(expression: TSESTree.Node, depth = 0): boolean {
  const node = unwrapExpression(expression);
  if (node.type === AST_NODE_TYPES.ObjectExpression) return node.properties.every((property) => property.type === AST_NODE_TYPES.Property);
  if (node.type === AST_NODE_TYPES.Identifier && depth < 3) {
    const binding = resolveBinding(node);
    if (binding?.kind === 'enum' || isImportedConstant(binding, node)) return true;
    // An object imported under a capitalised name is an enum or a table of constants (`for (const k in EmailProviderType)`),
    // as array-values.ts reads it for `Object.keys(…)`.
    if (binding?.kind === 'import' && (isCapitalisedName(node.name) || isCapitalisedName(binding.imported ?? ''))) return true;
    if (binding?.kind !== 'const' || !binding.init) return false;
    const init = unwrapExpression(binding.init);
    return init.type === AST_NODE_TYPES.ObjectExpression && init.properties.length > 0 && isBoundedObject(init, depth + 1);
  }
  return false;
}

/** Functions that split a collection into chunks or pages: `chunk(ids, 100)`, `_.chunk`, `paginate(...)`, `splitEvery`. */
const CHUNKING_CALLEE = /chunk|batch|paginat|splitevery|ingroupsof/i;

/** One statement per chunk: `chunk(ids, 100)`, a `const` holding one, a collection named `chunks`/`batches`, or its `entries()`. */
function isChunkCollection(expression: TSESTree.Node, depth = 0): boolean {
  const node = unwrapExpression(expression);
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const callee = node.callee;
    const name = trailingName(callee);
    // `batches.entries()`, `batches.values()`: the same chunks, with their indexes.
    if (callee.type === AST_NODE_TYPES.MemberExpression && (name === 'entries' || name === 'values') && node.arguments.length === 0) return depth < 3 && isChunkCollection(callee.object, depth + 1);
    return name !== undefined && CHUNKING_CALLEE.test(name);
  }
  if (node.type === AST_NODE_TYPES.Identifier) {
    // Not `slices`: a domain's word as often (Shelf's booking slices, GrowthBook's dimension slices) as a chunk's.
    if (/(chunks|batches)$/i.test(node.name)) return true;
    const binding = depth < 3 ? resolveBinding(node) : undefined;
    return binding?.kind === 'const' && binding.init !== undefined && isChunkCollection(binding.init, depth + 1);
  }
  return false;
}

/** What an array has: a chunk of a batched collection is read through these only. */
const ARRAY_MEMBERS = new Set([
  'length', 'map', 'forEach', 'filter', 'reduce', 'some', 'every', 'find', 'findIndex', 'slice', 'splice', 'concat', 'join', 'includes',
  'indexOf', 'flat', 'flatMap', 'at', 'entries', 'keys', 'values', 'push', 'pop', 'shift', 'unshift', 'sort', 'reverse', 'toString',
]);
const MAX_RECORD_SCAN = 2000;

/**
 * A `chunk` that is a row, not a batch: a RAG pipeline's text chunks (`chunk.pageContent`, `chunk.metadata`). Read
 * as a record, and named for chunks only: a `batch` with fields (`batch.rows`, `batch.id`) is still one batch.
 */
function isTextChunk(collection: TSESTree.Node, element: TSESTree.Node | undefined, body: TSESTree.Node): boolean {
  const collectionNode = unwrapExpression(collection);
  const collectionName = trailingName(collectionNode.type === AST_NODE_TYPES.CallExpression ? collectionNode.callee : collectionNode) ?? '';
  const elementName = element?.type === AST_NODE_TYPES.Identifier ? element.name : '';
  return !/batch/i.test(collectionName) && !/batch/i.test(elementName) && readsElementAsRecord(element, body);
}

/**
 * The element is a record, not a chunk of a batched list: destructured into properties, or a property of it that
 * no array has is read.
 */
function readsElementAsRecord(element: TSESTree.Node | undefined, body: TSESTree.Node): boolean {
  if (element?.type === AST_NODE_TYPES.ObjectPattern) return true;
  if (element?.type !== AST_NODE_TYPES.Identifier) return false;
  const name = element.name;
  let found = false;
  let visited = 0;
  walkShallow(body, (node) => {
    if (found || ++visited > MAX_RECORD_SCAN) return false;
    found =
      node.type === AST_NODE_TYPES.MemberExpression &&
      !node.computed &&
      node.object.type === AST_NODE_TYPES.Identifier &&
      node.object.name === name &&
      node.property.type === AST_NODE_TYPES.Identifier &&
      !ARRAY_MEMBERS.has(node.property.name);
    return !found;
  });
  return found;
}

/** A loop variable or callback parameter that holds a chunk: `chunk`, `idChunk`, `batch` (a `slice` is too often a domain's row). */
function isChunkElementName(name: string): boolean {
  return /^(chunk|batch)|(chunk|batch)$/i.test(name);
}

/**
 * What the code says about the size of a collection, by the same tests the per-element search uses:
 * `fixed` for array literals, non-empty constant array or object literals, `Object.values/keys/entries`
 * of those, enums and (with type information) fixed-length tuples; `chunks` for a chunked collection
 * (`chunk(ids, 100)`, `_.chunk`, a `const` holding one, a name ending in `chunks`/`batches`/`slices`),
 * whose elements are each one bounded chunk; undefined when the code does not say.
 */
export function collectionSize(collection: TSESTree.Node, options: PerElementOptions = {}): 'fixed' | 'chunks' | undefined {
  if (isBoundedCollection(collection)) return 'fixed';
  if (isChunkCollection(collection)) return 'chunks';
  if (options.services && receiverVerdict(collection, options.services) === 'bounded') return 'fixed';
  return undefined;
}

/** A name for one chunk of a batched collection: `chunk`, `idChunk`, `batch`, `slice` (as loop variables and callback parameters are judged). */
export function isChunkName(name: string): boolean {
  return isChunkElementName(name);
}

export interface IterationCall {
  /** The walked collection: the receiver of `items.map(fn)`, the first argument of `Array.from(items, fn)`. */
  collection: TSESTree.Node;
  /** The array method, or `from` for `Array.from`. */
  method: string;
  /** What runs per element: an inline function or a reference to one. */
  callback: TSESTree.CallExpressionArgument;
}

/**
 * The collection and callback of an array iteration call, `items.map(fn)` or `Array.from(items, fn)`,
 * whatever `fn` is (an inline function or a reference), seen from the call itself. undefined for other
 * calls, for `Array.from({ length: n }, fn)` (a count, not a collection), and for receivers that are not
 * arrays (module namespaces, streams, cursors and observables, by name or, with types, by type). The
 * collection's size is `collectionSize`'s question.
 */
export function getIterationCall(call: TSESTree.CallExpression, options: PerElementOptions = {}): IterationCall | undefined {
  const callee = unwrapExpression(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const method = memberName(callee);
  if (method === undefined) return undefined;
  const receiver = unwrapExpression(callee.object);
  let collection: TSESTree.Node | undefined;
  let callback: TSESTree.CallExpressionArgument | undefined;
  if (receiver.type === AST_NODE_TYPES.Identifier && receiver.name === 'Array' && (method === 'from' || method === 'fromAsync') && !resolveBinding(receiver)) {
    collection = call.arguments[0];
    callback = call.arguments[1];
    if (collection && unwrapExpression(collection).type === AST_NODE_TYPES.ObjectExpression) return undefined;
  } else if (ARRAY_ITERATION_METHODS.has(method)) {
    if (isNotACollection(callee.object)) return undefined;
    collection = callee.object;
    callback = call.arguments[0];
  }
  if (!collection || !callback || collection.type === AST_NODE_TYPES.SpreadElement || callback.type === AST_NODE_TYPES.SpreadElement) return undefined;
  if (options.services && receiverVerdict(collection, options.services) === 'other') return undefined;
  return { collection, method, callback };
}

// ---------------------------------------------------------------------------------------------------
// Types

type ReceiverVerdict = 'collection' | 'bounded' | 'other';

const ANY_OR_UNKNOWN = 1 | 2; // ts.TypeFlags.Any | ts.TypeFlags.Unknown
const NULLISH = 16384 | 32768 | 65536; // ts.TypeFlags.Void | Undefined | Null
const TYPE_PARAMETER = 262144; // ts.TypeFlags.TypeParameter
const LIB_COLLECTIONS = new Set(['Array', 'ReadonlyArray', 'Map', 'ReadonlyMap', 'Set', 'ReadonlySet', 'Iterable', 'IterableIterator', 'MapIterator', 'SetIterator', 'ArrayIterator', 'Generator']);

/**
 * What the type checker says the iterated expression is: an array, Map or Set ('collection'), a tuple
 * of fixed length ('bounded'), or something else with its own `.map`/`.forEach` (a cursor, a stream,
 * an observable: 'other'). undefined when the type says nothing (any, unknown, generics).
 */
function receiverVerdict(expression: TSESTree.Node, services: ParserServicesWithTypeInformation): ReceiverVerdict | undefined {
  const checker = services.program.getTypeChecker();
  const type = typeOfValue(services, expression);
  const parts = (type.isUnion() ? type.types : [type]).filter((part) => (part.flags & NULLISH) === 0);
  const verdicts = new Set(parts.map((part) => typeVerdict(part, checker, services.program)));
  if (verdicts.size === 0 || verdicts.has(undefined)) return undefined;
  if (verdicts.size === 1) {
    const verdict = [...verdicts][0];
    // A project constant's literal (see imported-constants.ts): its type says `T[]`, its declaration how many.
    return verdict === 'collection' && importsFixedList(services, checker, expression) ? 'bounded' : verdict;
  }
  return verdicts.has('other') ? undefined : 'collection';
}

/**
 * Arrays, Maps and Sets are collections; tuples without a rest element have a fixed length. A type
 * that can only be consumed asynchronously (a cursor, a stream) or subscribed to (an observable) is
 * something else, whatever its `.map`/`.forEach` do. Other types say nothing either way.
 */
function typeVerdict(type: ts.Type, checker: ts.TypeChecker, program: ts.Program): ReceiverVerdict | undefined {
  if (type.flags & (ANY_OR_UNKNOWN | TYPE_PARAMETER)) return undefined;
  if (checker.isTupleType(type)) {
    const target = (type as ts.TypeReference).target as ts.TupleType;
    return target.hasRestElement ? 'collection' : 'bounded';
  }
  if (checker.isArrayType(type)) return 'collection';
  const symbol = type.getSymbol() ?? type.aliasSymbol;
  const declarations = symbol?.getDeclarations() ?? [];
  if (symbol && declarations.length > 0 && declarations.every((declaration) => program.isSourceFileDefaultLibrary(declaration.getSourceFile()))) {
    const name = symbol.getName();
    return LIB_COLLECTIONS.has(name) || name.endsWith('Array') ? 'collection' : undefined;
  }
  let syncIterable = false;
  let asyncIterable = false;
  let subscribable = false;
  for (const property of checker.getPropertiesOfType(type)) {
    const name = property.getName();
    if (name.startsWith('__@iterator')) syncIterable = true;
    else if (name.startsWith('__@asyncIterator')) asyncIterable = true;
    else if (name === 'subscribe') subscribable = true;
  }
  if (syncIterable) return 'collection';
  return asyncIterable || subscribable ? 'other' : undefined;
}

// ---------------------------------------------------------------------------------------------------
// Naming collections in messages

const MAX_TEXT = 48;

/**
 * A short, readable rendering of an expression for messages: `orders`, `req.body.items`,
 * `users.filter(...)`, `Object.keys(obj)`, `db('users')`. Arguments other than a single name or short
 * string are elided; text longer than `maxLength` is cut.
 */
export function describeExpression(node: TSESTree.Node, maxLength = MAX_TEXT): string {
  const text = render(node, 0);
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

function render(node: TSESTree.Node, depth: number): string {
  if (depth > 12) return '…';
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
      return node.name;
    case AST_NODE_TYPES.PrivateIdentifier:
      return `#${node.name}`;
    case AST_NODE_TYPES.ThisExpression:
      return 'this';
    case AST_NODE_TYPES.Super:
      return 'super';
    case AST_NODE_TYPES.Literal:
      return node.raw.length <= 20 ? node.raw : '…';
    case AST_NODE_TYPES.MemberExpression: {
      const object = render(node.object, depth + 1);
      const dot = node.optional ? '?.' : '.';
      if (!node.computed) return `${object}${dot}${render(node.property, depth + 1)}`;
      const simple = node.property.type === AST_NODE_TYPES.Identifier || node.property.type === AST_NODE_TYPES.Literal;
      return `${object}${node.optional ? '?.' : ''}[${simple ? render(node.property, depth + 1) : '…'}]`;
    }
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression: {
      const callee = render(node.callee, depth + 1);
      const prefix = node.type === AST_NODE_TYPES.NewExpression ? 'new ' : '';
      if (node.arguments.length === 0) return `${prefix}${callee}()`;
      const only = node.arguments.length === 1 ? node.arguments[0] : undefined;
      const simple =
        only &&
        (only.type === AST_NODE_TYPES.Identifier ||
          (only.type === AST_NODE_TYPES.MemberExpression && !only.computed) ||
          (only.type === AST_NODE_TYPES.Literal && typeof only.value === 'string'));
      return `${prefix}${callee}(${simple ? render(only, depth + 1) : '...'})`;
    }
    case AST_NODE_TYPES.ChainExpression:
    case AST_NODE_TYPES.TSNonNullExpression:
    case AST_NODE_TYPES.TSAsExpression:
    case AST_NODE_TYPES.TSSatisfiesExpression:
    case AST_NODE_TYPES.TSTypeAssertion:
      return render(node.expression, depth + 1);
    case AST_NODE_TYPES.AwaitExpression:
      return `await ${render(node.argument, depth + 1)}`;
    case AST_NODE_TYPES.SpreadElement:
      return `...${render(node.argument, depth + 1)}`;
    case AST_NODE_TYPES.ArrayExpression:
      if (node.elements.length === 0) return '[]';
      return node.elements.length === 1 && node.elements[0] ? `[${render(node.elements[0], depth + 1)}]` : '[…]';
    case AST_NODE_TYPES.ObjectExpression:
      return '{…}';
    case AST_NODE_TYPES.LogicalExpression: {
      // `adjustments || []`, `definition.extends ?? []`: the collection and its fallback; parenthesised inside
      // another expression (`(values ?? []).entries()`).
      const text = `${render(node.left, depth + 1)} ${node.operator} ${render(node.right, depth + 1)}`;
      return depth === 0 ? text : `(${text})`;
    }
    default:
      return '…';
  }
}

// ---------------------------------------------------------------------------------------------------
// Small AST helpers

function isFunctionNode(node: TSESTree.Node): node is TSESTree.FunctionLike & (TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration) {
  return (
    node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionDeclaration
  );
}

/** A function that runs once each time the code around it runs: its calls repeat with that code's loop. */
function runsInPlace(fn: TSESTree.Node): boolean {
  return isImmediatelyInvoked(fn) || isQueuedTask(fn) || isTransactionCallback(fn);
}

/** The transaction openers, and Firestore's `runTransaction(cb)`, which runs the callback (once or more) too. */
const TRANSACTION_OPENERS = new Set([...TRANSACTION_OPENER_NAMES, 'runTransaction']);

/**
 * The callback of a transaction (`db.transaction(async (tx) => …)`, a project's `withTransaction(cb)`, Kysely's
 * `db.transaction().execute(async (trx) => …)`): it runs once per call, so a call of it in a loop runs it once per
 * element, and its queries with it (AT Protocol's moderation daemon reverts each group in a transaction of its own).
 */
function isTransactionCallback(fn: TSESTree.Node): boolean {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee === fn || !call.arguments.includes(fn as TSESTree.CallExpressionArgument)) return false;
  const callee = unwrapExpression(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return TRANSACTION_OPENERS.has(callee.name);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = memberName(callee);
  if (method !== undefined && TRANSACTION_OPENERS.has(method)) return true;
  if (method !== 'execute') return false;
  let step = unwrapExpression(callee.object);
  for (let depth = 0; depth <= MAX_TRANSACTION_BUILDER_STEPS && step.type === AST_NODE_TYPES.CallExpression; depth++) {
    const stepCallee = unwrapExpression(step.callee);
    if (stepCallee.type !== AST_NODE_TYPES.MemberExpression) return false;
    if (memberName(stepCallee) === 'transaction') return true;
    step = unwrapExpression(stepCallee.object);
  }
  return false;
}

/** `(async () => { … })()`: the function runs right where it is written. */
function isImmediatelyInvoked(fn: TSESTree.Node): boolean {
  return fn.parent?.type === AST_NODE_TYPES.CallExpression && fn.parent.callee === fn;
}

/**
 * A task handed to a concurrency limiter, which runs it once, soon: `limit(async () => …)` of `const limit = pLimit(5)`,
 * `queue.add(() => …)` of a p-queue, `limiter.schedule(() => …)` of Bottleneck. Inside `items.map((x) => limit(() => …))`
 * it runs once per element (Refly's share duplication), however few at a time.
 */
function isQueuedTask(fn: TSESTree.Node): boolean {
  let known = queuedTasks.get(fn);
  if (known === undefined) {
    known = computeIsQueuedTask(fn);
    queuedTasks.set(fn, known);
  }
  return known;
}

/** Asked of every function around a call in a loop or callback: remembered per function node (a pure fact of the AST). */
const queuedTasks = new WeakMap<TSESTree.Node, boolean>();

function computeIsQueuedTask(fn: TSESTree.Node): boolean {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(fn as TSESTree.CallExpressionArgument)) return false;
  const callee = unwrapExpression(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return call.arguments[0] === fn && isCalledLimiter(limiterPackage(callee));
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = memberName(callee);
  const object = unwrapExpression(callee.object);
  if (method === undefined || object.type !== AST_NODE_TYPES.Identifier || !LIMITER_METHOD_NAMES.has(method)) return false;
  return runsGivenTask(limiterPackage(object), method);
}

/** The limiter package a `const` was made with: `pLimit(5)`, `new PQueue({ concurrency: 2 })`, `new Bottleneck(…)`. */
function limiterPackage(identifier: TSESTree.Identifier): string | undefined {
  const binding = resolveBinding(identifier);
  const init = binding?.kind === 'const' && binding.init ? unwrapExpression(binding.init) : undefined;
  if (init?.type !== AST_NODE_TYPES.CallExpression && init?.type !== AST_NODE_TYPES.NewExpression) return undefined;
  const maker = unwrapExpression(init.callee);
  const source = maker.type === AST_NODE_TYPES.Identifier ? importOf(maker)?.source : undefined;
  return source !== undefined && isLimiterPackage(source) ? source : undefined;
}

function isAsyncFunction(fn: TSESTree.FunctionLike): boolean {
  return 'async' in fn && fn.async === true;
}



function isMemberNamed(node: TSESTree.Node, name: string): boolean {
  return node.type === AST_NODE_TYPES.MemberExpression && memberName(node) === name;
}

function isIdentifierNamed(node: TSESTree.Node, name: string): boolean {
  return node.type === AST_NODE_TYPES.Identifier && node.name === name;
}

/**
 * Visits `root` and its descendants in source order; `visit` returns false to skip a node's children.
 * Iterative, so deep trees cannot overflow the stack.
 */
function walkShallow(root: TSESTree.Node, visit: (node: TSESTree.Node) => boolean): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!visit(node)) continue;
    const children: TSESTree.Node[] = [];
    for (const key of Object.keys(node)) {
      if (key === 'parent' || key === 'loc' || key === 'range' || key === 'typeAnnotation' || key === 'returnType') continue;
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (const item of value) if (isAstNode(item)) children.push(item);
      } else if (isAstNode(value)) {
        children.push(value);
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
}


// ---------------------------------------------------------------------------------------------------
// Resolving names without a scope manager

interface Binding {
  kind: 'const' | 'let' | 'var' | 'enum' | 'import' | 'function' | 'other';
  init?: TSESTree.Expression;
  /** A function declaration's node. */
  fn?: TSESTree.FunctionDeclaration;
  source?: string;
  imported?: string;
}


function importOf(identifier: TSESTree.Identifier): { source: string; imported: string } | undefined {
  const binding = resolveBinding(identifier);
  return binding?.kind === 'import' ? { source: binding.source!, imported: binding.imported! } : undefined;
}

/**
 * The declaration `identifier` refers to, found by walking out through the enclosing blocks, loop heads,
 * catch clauses and function parameters (lexical scoping; `var` hoisted from nested blocks is not seen and
 * reads as unknown, which callers treat as "could be anything").
 */
function resolveBinding(identifier: TSESTree.Identifier): Binding | undefined {
  const name = identifier.name;
  for (let node: TSESTree.Node | undefined = identifier.parent; node; node = node.parent) {
    switch (node.type) {
      case AST_NODE_TYPES.BlockStatement:
      case AST_NODE_TYPES.Program:
      case AST_NODE_TYPES.StaticBlock:
      case AST_NODE_TYPES.SwitchStatement: {
        const found = blockBindings(node).get(name);
        if (found) return found;
        break;
      }
      case AST_NODE_TYPES.ForStatement:
      case AST_NODE_TYPES.ForOfStatement:
      case AST_NODE_TYPES.ForInStatement: {
        const head = node.type === AST_NODE_TYPES.ForStatement ? node.init : node.left;
        if (head?.type === AST_NODE_TYPES.VariableDeclaration && head.declarations.some((d) => patternBinds(d.id, name))) return { kind: 'other' };
        break;
      }
      case AST_NODE_TYPES.CatchClause:
        if (node.param && patternBinds(node.param, name)) return { kind: 'other' };
        break;
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.FunctionExpression:
      case AST_NODE_TYPES.FunctionDeclaration:
        if (node.params.some((param) => patternBinds(param, name))) return { kind: 'other' };
        if (node.type === AST_NODE_TYPES.FunctionExpression && node.id?.name === name) return { kind: 'other' };
        break;
      default:
        break;
    }
  }
  return undefined;
}

const blockBindingsCache = new WeakMap<TSESTree.Node, Map<string, Binding>>();

/** The names a block, program or switch declares directly, computed once per block. */
function blockBindings(block: TSESTree.BlockStatement | TSESTree.Program | TSESTree.StaticBlock | TSESTree.SwitchStatement): Map<string, Binding> {
  let bindings = blockBindingsCache.get(block);
  if (bindings) return bindings;
  bindings = new Map();
  const statements = block.type === AST_NODE_TYPES.SwitchStatement ? block.cases.flatMap((switchCase) => switchCase.consequent) : block.body;
  for (const statement of statements) addDeclaredBindings(statement, bindings);
  blockBindingsCache.set(block, bindings);
  return bindings;
}

function addDeclaredBindings(statement: TSESTree.Node, bindings: Map<string, Binding>): void {
  const add = (name: string, binding: Binding) => {
    if (!bindings.has(name)) bindings.set(name, binding);
  };
  const declaration =
    (statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) && statement.declaration
      ? statement.declaration
      : statement;
  switch (declaration.type) {
    case AST_NODE_TYPES.VariableDeclaration:
      for (const declarator of declaration.declarations) {
        if (declarator.id.type === AST_NODE_TYPES.Identifier) {
          const required = requiredModule(declarator.init);
          const kind = declaration.kind === 'const' ? 'const' : declaration.kind === 'let' ? 'let' : declaration.kind === 'var' ? 'var' : 'other';
          add(declarator.id.name, required !== undefined ? { kind: 'import', source: required, imported: '*' } : { kind, init: declarator.init ?? undefined });
        } else {
          for (const name of patternNames(declarator.id)) add(name, { kind: 'other' });
        }
      }
      break;
    case AST_NODE_TYPES.TSEnumDeclaration:
      add(declaration.id.name, { kind: 'enum' });
      break;
    case AST_NODE_TYPES.FunctionDeclaration:
      if (declaration.id) add(declaration.id.name, { kind: 'function', fn: declaration });
      break;
    case AST_NODE_TYPES.ClassDeclaration:
      if (declaration.id) add(declaration.id.name, { kind: 'other' });
      break;
    case AST_NODE_TYPES.ImportDeclaration:
      for (const specifier of declaration.specifiers) {
        add(specifier.local.name, { kind: 'import', source: declaration.source.value, imported: importedName(specifier) });
      }
      break;
    default:
      break;
  }
}

/** `m` in `require('m')` and `require('m').default`. */
function requiredModule(init: TSESTree.Expression | null): string | undefined {
  const call = init?.type === AST_NODE_TYPES.MemberExpression && memberName(init) === 'default' ? init.object : init;
  if (
    call?.type === AST_NODE_TYPES.CallExpression &&
    isIdentifierNamed(call.callee, 'require') &&
    call.arguments[0]?.type === AST_NODE_TYPES.Literal &&
    typeof call.arguments[0].value === 'string'
  ) {
    return call.arguments[0].value;
  }
  return undefined;
}

function patternBinds(pattern: TSESTree.Node, name: string): boolean {
  return patternNames(pattern).includes(name);
}

import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../src/ast/node-types';
import { enclosingClassOfThis, getReceiverPackage, getTypeServices, memberName, resolveClassMember, skipExpressionWrappers } from '../src/analysis/library-origin';
import { getConnections } from '../src/analysis/connections';
import { getDbOperations, type DbLibrary } from '../src/analysis/db-operations';
import { getFixedValues } from '../src/analysis/fixed-values';
import { getFunctionSummaries, type FunctionSummaryAnalyzer, type IoEffect } from '../src/analysis/function-summaries';
import { getImportOrigin } from '../src/analysis/modules';
import { getOutboundIo, type OutboundIoCategory } from '../src/analysis/outbound-io';
import { collectionSize, describeExpression, getIterationCall, getPerElementScope, isChunkName, type PerElementOptions } from '../src/analysis/per-element';
import { getQueryResults } from '../src/analysis/query-results';
import { describeInput, getRequestInput } from '../src/analysis/request-input';
import { getRequestPath, QUIET_FILE_KINDS } from '../src/analysis/request-path';
import { contains, elementsAddedBy, enclosingFunction, isFunction } from '../src/ast/code-shape';
import { createRule } from '../src/create-rule';
import { isCalledLimiter, isLimiterMethod, LIMITER_METHOD_NAMES } from '../src/analysis/limiters';
import { isAutoPipelinedCommand } from '../src/analysis/auto-pipelining';
import { pushChildNodes } from '../src/ast/children';

type Variable = TSESLint.Scope.Variable;
type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration;
type SlowIoCategory = Exclude<OutboundIoCategory, 'sleep'>;

const COMBINATORS = new Set(['all', 'allSettled']);
/** Iteration calls whose callbacks' promises all start at once: `items.map(fn)`, `Array.from(items, fn)`. */
const FAN_OUT_METHODS = new Set(['map', 'flatMap', 'from']);

/** Prisma's dataloader folds `findUnique` calls issued in the same tick into one query (as in no-n-plus-one). */
const PRISMA_DATALOADER_METHODS = new Set(['findUnique', 'findUniqueOrThrow']);

/** Array methods whose callbacks run during the call: their I/O is the enclosing callback's. */
const IN_PLACE_CALLBACK_METHODS = new Set(['map', 'flatMap', 'forEach', 'filter', 'reduce', 'reduceRight', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex', 'then']);
/** Retry helpers run the function they are given right away (and again on failure), with no limit of their own. */
const RETRY_PACKAGES = new Set(['p-retry', 'async-retry']);

/** What runs at once, for the message. */
const IN_FLIGHT: Readonly<Record<SlowIoCategory, string>> = {
  http: 'HTTP requests (and sockets)',
  database: 'queries (and pooled connections)',
  cache: 'Redis commands',
  queue: 'publishes',
  email: 'e-mail sends',
  file: 'file operations (and file descriptors)',
};

const MAX_DEPTH = 10;
const MAX_WALK = 2000;
const MAX_TEXT = 48;

/** What decides how many elements a collection has. */
interface SizeSource {
  kind: 'request' | 'rows' | 'parameter';
  /** For messages: the request read, the query, the parameter. */
  text: string;
}

/** What one element's callback does, as far as concurrency goes. */
interface ElementIo {
  category: SlowIoCategory;
  /** For messages: "one `axios.get`", "one `fetchUser` (which calls `axios.get`)". */
  operation: string;
}

/** A collection whose elements each start work in the same `Promise.all`. */
interface FanOut {
  collection: TSESTree.Node;
  /** `Array.from({ length: n }, fn)`: a count rather than a collection; only a count the client picks is unbounded. */
  count?: TSESTree.Node;
  /** The function run per element (`items.map(fn)`), or the expressions pushed per element (`promises.push(io(x))`). */
  work: { callback: TSESTree.CallExpressionArgument } | { pushed: TSESTree.Node[] };
}

/** `oneConnection`: some of the I/O found runs on one connection (a transaction handle), and was left out of `io`. */
type Scan = { limited: true } | { limited: false; io?: ElementIo; oneConnection?: boolean };

export default createRule<[], 'unbounded'>({
  name: 'no-unbounded-concurrency',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow `Promise.all` over I/O for every element of a collection whose size comes from input',
      guide: 'bounded-concurrency',
      recommended: 'recommended',
    },
    schema: [],
    messages: {
      unbounded:
        '`{{combinator}}` starts {{operation}} for every element of `{{collection}}` at once, and {{source}}: nothing bounds how many {{inFlight}} are in flight together. Bound it with `pMap(items, fn, { concurrency: 10 })` (p-map) or a `p-limit` limiter.',
    },
  },
  create(context) {
    const { sourceCode } = context;
    // Looked up on the first `Promise.all` only: most files have none worth checking.
    let quietFile: boolean | undefined;
    let perElementOptions: PerElementOptions | undefined;
    const options = () => (perElementOptions ??= { services: getTypeServices(context)?.services });
    // Asked only about calls in the work of a fan-out already known to be unbounded in size.
    let summaries: FunctionSummaryAnalyzer | undefined;
    const functionSummaries = () => (summaries ??= getFunctionSummaries(context));

    // -----------------------------------------------------------------------------------------------
    // Which collections a `Promise.all` fans out over.

    function fanOutsOf(argument: TSESTree.Node, combinator: TSESTree.CallExpression, depth: number): FanOut[] {
      const node = skipExpressionWrappers(argument);
      if (depth > 3) return [];
      if (node.type === AST_NODE_TYPES.CallExpression) {
        const iteration = getIterationCall(node, options());
        if (iteration) return FAN_OUT_METHODS.has(iteration.method) ? [{ collection: iteration.collection, work: { callback: iteration.callback } }] : [];
        const count = countedFanOut(node);
        return count ? [count] : [];
      }
      if (node.type === AST_NODE_TYPES.ArrayExpression) {
        // `[...items.map(fn), other()]`: only spread elements can hold many promises.
        return node.elements.flatMap((element) => (element?.type === AST_NODE_TYPES.SpreadElement ? fanOutsOf(element.argument, combinator, depth + 1) : []));
      }
      if (node.type === AST_NODE_TYPES.Identifier) return heldFanOuts(node, combinator, depth);
      return [];
    }

    /** `Array.from({ length: n }, fn)`: `n` calls of `fn`. */
    function countedFanOut(call: TSESTree.CallExpression): FanOut | undefined {
      const callee = skipExpressionWrappers(call.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.Identifier || callee.object.name !== 'Array' || memberName(callee) !== 'from') return undefined;
      const [source, callback] = call.arguments;
      const object = source && skipExpressionWrappers(source);
      if (object?.type !== AST_NODE_TYPES.ObjectExpression || !callback || callback.type === AST_NODE_TYPES.SpreadElement || !isGlobal(callee.object)) return undefined;
      for (const property of object.properties) {
        if (property.type === AST_NODE_TYPES.Property && !property.computed && property.key.type === AST_NODE_TYPES.Identifier && property.key.name === 'length') {
          return { collection: object, count: property.value, work: { callback } };
        }
      }
      return undefined;
    }

    /**
     * `const promises = items.map(fn)`, or `const promises = []` filled by `promises.push(io(x))` once per
     * element of a loop, in the same function as the `Promise.all` and never reassigned.
     */
    function heldFanOuts(identifier: TSESTree.Identifier, combinator: TSESTree.CallExpression, depth: number): FanOut[] {
      const variable = findVariable(sourceCode.getScope(identifier) as never, identifier as never) as Variable | null;
      const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (!variable || def?.type !== 'Variable') return [];
      const declarator = def.node as TSESTree.VariableDeclarator;
      if (declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init || enclosingFunction(declarator) !== enclosingFunction(combinator)) return [];
      if (variable.references.some((reference) => reference.isWrite() && !reference.init)) return [];
      const init = skipExpressionWrappers(declarator.init);
      if (init.type !== AST_NODE_TYPES.ArrayExpression || init.elements.length > 0) return fanOutsOf(init, combinator, depth + 1);
      // An empty array filled in a loop.
      const byCollection = new Map<TSESTree.Node, TSESTree.Node[]>();
      for (const reference of variable.references) {
        if (reference.init) continue;
        const use = reference.identifier as TSESTree.Identifier;
        if (isPassedToCombinator(use) || isLengthRead(use)) continue;
        const push = pushCallOn(use);
        if (!push) return []; // emptied, spliced, handed elsewhere: the code manages the list itself
        const scope = getPerElementScope(push, options());
        if (!scope?.collection) continue; // pushed once, not per element
        if (contains(scope.node, combinator)) return []; // awaited inside the loop: one batch per round
        const pushed = byCollection.get(scope.collection) ?? [];
        pushed.push(...push.arguments);
        byCollection.set(scope.collection, pushed);
      }
      return [...byCollection].map(([collection, pushed]) => ({ collection, work: { pushed } }));
    }

    // -----------------------------------------------------------------------------------------------
    // How many elements: what sizes a collection.

    function sizeOf(expression: TSESTree.Node, depth = 0): SizeSource | 'bounded' | undefined {
      if (depth > MAX_DEPTH) return undefined;
      const node = skipExpressionWrappers(expression);
      if (collectionSize(node, options())) return 'bounded';
      switch (node.type) {
        case AST_NODE_TYPES.ArrayExpression: {
          let bounded = true;
          for (const element of node.elements) {
            if (element?.type !== AST_NODE_TYPES.SpreadElement) continue;
            const size = sizeOf(element.argument, depth + 1);
            if (typeof size === 'object') return size;
            if (size === undefined) bounded = false;
          }
          return bounded ? 'bounded' : undefined;
        }
        case AST_NODE_TYPES.AwaitExpression:
          return rowsSize(node) ?? sizeOf(node.argument, depth + 1);
        case AST_NODE_TYPES.Identifier:
          return identifierSize(node, depth);
        case AST_NODE_TYPES.CallExpression:
          return callSize(node, depth);
        case AST_NODE_TYPES.NewExpression:
          // new Set(ids), new Map(entries)
          if (node.callee.type === AST_NODE_TYPES.Identifier && (node.callee.name === 'Set' || node.callee.name === 'Map') && node.arguments[0]) {
            return sizeOf(node.arguments[0], depth + 1);
          }
          return undefined;
        case AST_NODE_TYPES.MemberExpression: {
          // One chunk of a chunked collection (`chunks[i]`); an AWS event's `Records`, capped by the trigger's batch size.
          if (node.computed && collectionSize(node.object, options()) === 'chunks') return 'bounded';
          if (!node.computed && memberName(node) === 'Records') return 'bounded';
          return rowsSize(node) ?? inputSize(node);
        }
        case AST_NODE_TYPES.LogicalExpression:
        case AST_NODE_TYPES.ConditionalExpression: {
          const parts = node.type === AST_NODE_TYPES.LogicalExpression ? [node.left, node.right] : [node.consequent, node.alternate];
          const sizes = parts.map((part) => sizeOf(part, depth + 1));
          return sizes.find((size) => typeof size === 'object') ?? (sizes.every((size) => size === 'bounded') ? 'bounded' : undefined);
        }
        default:
          return undefined;
      }
    }

    function identifierSize(node: TSESTree.Identifier, depth: number): SizeSource | 'bounded' | undefined {
      if (isChunkName(node.name)) return 'bounded';
      const rows = rowsSize(node);
      if (rows) return rows;
      const variable = findVariable(sourceCode.getScope(node) as never, node as never) as Variable | null;
      const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (!variable || !def) return undefined;
      const name = def.name as TSESTree.Identifier;
      if (isFixedTuple(name.typeAnnotation?.typeAnnotation)) return 'bounded';
      if (def.type === 'Variable') {
        const declarator = def.node as TSESTree.VariableDeclarator;
        const holder = declarator.parent?.parent;
        // A loop variable over chunks holds one chunk: `for (const ids of _.chunk(all, 100))`.
        if (holder?.type === AST_NODE_TYPES.ForOfStatement && holder.left === declarator.parent) {
          return collectionSize(holder.right, options()) === 'chunks' ? 'bounded' : inputSize(node);
        }
        const writes = variable.references.filter((reference) => reference.isWrite()).length;
        if (declarator.id === name && declarator.init && writes <= 1) {
          const size = sizeOf(declarator.init, depth + 1);
          if (typeof size === 'object') return size;
          // `const urls = ['/health']; for (const u of req.body.urls) urls.push(u)`: as long as what fills it.
          const grown = grownSize(variable, declarator, depth);
          if (grown) return grown;
          // What a builder chain returns is no parameter's size, even when its client is one (`callSize`).
          return size !== undefined || isBuilderResult(declarator.init) ? size : inputSize(node);
        }
        return inputSize(node);
      }
      if (def.type === 'Parameter') {
        // A callback's element over chunks: `chunks.forEach((ids) => …)`.
        const fn = def.node as TSESTree.Node;
        const call = fn.parent;
        if (call?.type === AST_NODE_TYPES.CallExpression && fn !== call.callee) {
          const iteration = getIterationCall(call, options());
          if (iteration?.callback === fn && (fn as FunctionNode).params[0] === name && collectionSize(iteration.collection, options()) === 'chunks') return 'bounded';
        }
        return inputSize(node);
      }
      return undefined;
    }

    /** Variables whose growth is being traced: a worklist pushed to in the loop over itself adds nothing more. */
    const tracingGrowth = new Set<Variable>();

    /**
     * What sizes the elements the code adds to a list after declaring it: a push, unshift or inserting splice run
     * once per element of a collection (a loop over it, an iteration callback) that encloses the push but not
     * the declaration, or one that spreads a collection (`urls.push(...req.body.urls)`). A loop that reads the
     * list's `length` may stop at a cap (`if (urls.length >= 10) break`): the code manages the size itself.
     */
    function grownSize(variable: Variable, declarator: TSESTree.VariableDeclarator, depth: number): SizeSource | undefined {
      if (tracingGrowth.has(variable)) return undefined;
      tracingGrowth.add(variable);
      try {
        for (const reference of variable.references) {
          const growth = growingCallOn(reference.identifier as TSESTree.Identifier);
          if (!growth) continue;
          for (let scope = getPerElementScope(growth.call, options()); scope && !contains(scope.node, declarator); scope = getPerElementScope(scope.node, options())) {
            if (readsLengthWithin(variable, scope.node)) break;
            const size = scope.collection && sizeOf(scope.collection, depth + 1);
            if (typeof size === 'object') return size;
          }
          for (const added of growth.added) {
            const size = added.type === AST_NODE_TYPES.SpreadElement ? sizeOf(added.argument, depth + 1) : undefined;
            if (typeof size === 'object') return size;
          }
        }
        return undefined;
      } finally {
        tracingGrowth.delete(variable);
      }
    }

    function callSize(node: TSESTree.CallExpression, depth: number): SizeSource | 'bounded' | undefined {
      const callee = skipExpressionWrappers(node.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return rowsSize(node) ?? inputSize(node);
      const method = memberName(callee);
      const receiver = skipExpressionWrappers(callee.object);
      if (receiver.type === AST_NODE_TYPES.Identifier && isGlobal(receiver)) {
        // Object.keys(x) / values / entries, Array.from(x), Array.of(a, b)
        if (receiver.name === 'Object' && (method === 'keys' || method === 'values' || method === 'entries')) {
          return node.arguments[0] ? sizeOf(node.arguments[0], depth + 1) : undefined;
        }
        if (receiver.name === 'Array' && method === 'from') {
          const source = node.arguments[0];
          if (!source || skipExpressionWrappers(source).type === AST_NODE_TYPES.ObjectExpression) return 'bounded'; // a count: `{ length: 5 }`
          return sizeOf(source, depth + 1);
        }
        if (receiver.name === 'Array' && method === 'of' && node.arguments.every((argument) => argument.type !== AST_NODE_TYPES.SpreadElement)) return 'bounded';
        // Promise.all(list) / allSettled: one result per element, so `(await Promise.all(xs.map(f))).map(g)` is as long as `xs`.
        if (receiver.name === 'Promise' && method !== undefined && COMBINATORS.has(method)) {
          const list = node.arguments[0];
          return list && list.type !== AST_NODE_TYPES.SpreadElement ? sizeOf(list, depth + 1) : undefined;
        }
      }
      switch (method) {
        case 'slice':
          return isConstantWindow(node) ? 'bounded' : sizeOf(callee.object, depth + 1);
        case 'splice':
          return node.arguments[1] && isConstant(node.arguments[1]) ? 'bounded' : sizeOf(callee.object, depth + 1);
        case 'filter':
        case 'map':
        case 'flatMap':
        case 'flat':
        case 'sort':
        case 'reverse':
        case 'toSorted':
        case 'toReversed':
        case 'concat': {
          const own = sizeOf(callee.object, depth + 1);
          if (typeof own === 'object' || method !== 'concat') return own;
          for (const argument of node.arguments) {
            const size = sizeOf(argument, depth + 1);
            if (typeof size === 'object') return size;
          }
          return own;
        }
        default: {
          const rows = rowsSize(node);
          if (rows !== undefined) return rows;
          // A builder chain (`db.update(t).set(…).where(…).returning()`) is sized by what it selects or writes,
          // not by the client it starts from, even when that client is a parameter.
          return isCallChain(callee.object) ? writtenRowsSize(node, depth) : inputSize(node);
        }
      }
    }

    /**
     * The rows a write returns (`insert(t).values(list).returning()`): as many as `values(…)` is given. Any other
     * write (an update by key, a delete) has no size the code shows.
     */
    function writtenRowsSize(node: TSESTree.CallExpression, depth: number): SizeSource | 'bounded' | undefined {
      let values: TSESTree.Node | undefined;
      for (let current: TSESTree.Node = node; current.type === AST_NODE_TYPES.CallExpression && !values; ) {
        const callee = skipExpressionWrappers(current.callee);
        if (callee.type !== AST_NODE_TYPES.MemberExpression) break;
        if (memberName(callee) === 'values' && current.arguments[0]?.type !== AST_NODE_TYPES.SpreadElement) values = current.arguments[0];
        current = skipExpressionWrappers(callee.object);
      }
      // The database question last: it may ask the checker.
      if (!values) return undefined;
      const operation = getDbOperations(context).classify(node);
      return operation && operation.kind !== 'read' ? sizeOf(values, depth + 1) : undefined;
    }

    /** The rows of a database read, unless the query caps them (`take`, `limit`, an aggregate). */
    function rowsSize(node: TSESTree.Node): SizeSource | 'bounded' | undefined {
      const found = getQueryResults(context).rowsOf(node);
      if (!found) return undefined;
      if (found.query.limited) return 'bounded';
      const query = found.query.node;
      const callee = query.type === AST_NODE_TYPES.CallExpression ? query.callee : query.tag;
      return { kind: 'rows', text: describeExpression(callee, MAX_TEXT) };
    }

    /** Request input, or a parameter of a named function (its callers decide). */
    function inputSize(node: TSESTree.Node): SizeSource | undefined {
      const requestInput = getRequestInput(context);
      const input = requestInput.inputOf(node);
      if (input) return { kind: 'request', text: describeInput(sourceCode, input) };
      const parameter = requestInput.parameterOf(node);
      return parameter ? { kind: 'parameter', text: parameter.name } : undefined;
    }

    function countSize(count: TSESTree.Node): SizeSource | undefined {
      const input = getRequestInput(context).inputOf(count);
      return input && { kind: 'request', text: describeInput(sourceCode, input) };
    }

    function isConstant(node: TSESTree.Node): boolean {
      return getFixedValues(context).classify(node).kind === 'fixed';
    }

    /**
     * `slice(0, 10)`, `slice(-5)`, `slice(i, i + BATCH)`, `slice(0, Math.min(n, 100))`: at most a constant
     * number of elements, whatever the receiver holds.
     */
    function isConstantWindow(call: TSESTree.CallExpression): boolean {
      const [start, end] = call.arguments;
      if (!start || start.type === AST_NODE_TYPES.SpreadElement) return false;
      if (!end) {
        const from = skipExpressionWrappers(start);
        return from.type === AST_NODE_TYPES.UnaryExpression && from.operator === '-' && isConstant(from.argument);
      }
      if (end.type === AST_NODE_TYPES.SpreadElement) return false;
      if (isConstant(start) && isConstant(end)) return true;
      const to = skipExpressionWrappers(end);
      if (to.type === AST_NODE_TYPES.BinaryExpression && to.operator === '+') {
        const width = sameText(to.left, start) ? to.right : sameText(to.right, start) ? to.left : undefined;
        // A window of a batch size: fixed, or chosen by the code (not by the client).
        if (width) return !getRequestInput(context).inputOf(width);
      }
      return isCappedByMin(to);
    }

    function isCappedByMin(node: TSESTree.Node): boolean {
      if (node.type !== AST_NODE_TYPES.CallExpression) return false;
      const callee = skipExpressionWrappers(node.callee);
      return (
        callee.type === AST_NODE_TYPES.MemberExpression &&
        callee.object.type === AST_NODE_TYPES.Identifier &&
        callee.object.name === 'Math' &&
        isGlobal(callee.object) &&
        memberName(callee) === 'min' &&
        node.arguments.some((argument) => argument.type !== AST_NODE_TYPES.SpreadElement && isConstant(argument))
      );
    }

    function sameText(a: TSESTree.Node, b: TSESTree.Node): boolean {
      return sourceCode.getText(a) === sourceCode.getText(b);
    }

    function isGlobal(identifier: TSESTree.Identifier): boolean {
      const variable = findVariable(sourceCode.getScope(identifier) as never, identifier as never) as Variable | null;
      return !variable || variable.defs.length === 0;
    }

    // -----------------------------------------------------------------------------------------------
    // What each element does: the I/O its callback (or pushed expression) starts.

    function elementIo(fanOut: FanOut): Scan {
      if ('callback' in fanOut.work) {
        const callback = skipExpressionWrappers(fanOut.work.callback);
        if (isFunction(callback)) return scan(callback, 0);
        const target = functionReferencedBy(callback);
        if (!target) return { limited: false };
        const inner = scan(target, 1);
        return inner.limited || !inner.io ? inner : { limited: false, io: via(callback, inner.io) };
      }
      let found: ElementIo | undefined;
      for (const pushed of fanOut.work.pushed) {
        if (isFunction(skipExpressionWrappers(pushed))) continue; // a thunk, run later by whoever takes it
        const result = scan(pushed, 0);
        if (result.limited) return result;
        found ??= result.io;
      }
      return { limited: false, io: found };
    }

    /**
     * The first slow I/O `root` starts: in its own body, in callbacks that run in place (array iteration,
     * `.then`, IIFEs, `new Promise` executors, retry helpers) and, from depth 0, one level into functions
     * of this file it calls. A concurrency limiter anywhere in it settles the question. A call from depth 0
     * that shows no I/O that way is asked about once more, of the function summaries: the I/O its function
     * reaches through further calls, and with type information in other files.
     */
    /** Per depth (0: the element's own code, 1: a helper it calls), what each function or expression was found to do. */
    const scans = [new WeakMap<TSESTree.Node, Scan>(), new WeakMap<TSESTree.Node, Scan>()];

    function scan(root: TSESTree.Node, depth: 0 | 1): Scan {
      const memo = scans[depth];
      const known = memo.get(root);
      if (known) return known;
      memo.set(root, { limited: false }); // a function that reaches itself adds nothing
      const result = computeScan(root, depth);
      memo.set(root, result);
      return result;
    }

    function computeScan(root: TSESTree.Node, depth: 0 | 1): Scan {
      const io = getOutboundIo(context);
      let found: ElementIo | undefined;
      let oneConnection = false;
      const stack: TSESTree.Node[] = [isFunction(root) ? root.body : root];
      let visited = 0;
      while (stack.length > 0) {
        const node = stack.pop()!;
        if (++visited > MAX_WALK) break;
        if (isFunction(node)) {
          // Callbacks that run in place are part of this code (and judged once each); others run later, elsewhere.
          if (runsInPlace(node)) {
            const inner = scan(node, depth);
            if (inner.limited) return inner;
            found ??= inner.io;
            oneConnection ||= inner.oneConnection === true;
          }
          continue;
        }
        if (node.type === AST_NODE_TYPES.CallExpression) {
          if (isLimiterCall(node)) return { limited: true };
          if (!found) {
            const call = io.classify(node);
            if (call && call.category !== 'sleep') {
              const single = onOneConnection(node, call.db?.library);
              oneConnection ||= single;
              if (!(call.client === 'prisma' && PRISMA_DATALOADER_METHODS.has(call.method)) && !single && !(call.db?.library === 'redis' && isAutoPipelinedCommand(node, context))) {
                found = { category: call.category, operation: `one \`${calleeText(node)}\`` };
              }
            } else if (!call && depth === 0) {
              const target = calledFunction(node);
              let helperOnOneConnection = false;
              if (target) {
                const inner = scan(target, 1);
                if (inner.limited) return inner;
                if (inner.io) found = via(node.callee, inner.io);
                helperOnOneConnection = inner.oneConnection === true;
              }
              if (!found) {
                const effect = functionSummaries().ioBehind(node);
                // The scan above saw the helper's own queries go through one connection (a transaction handle it is
                // given, Shelf's kit custody helper): no fan-out. The summary does not know connections.
                if (effect && isUnboundedIo(effect) && !(helperOnOneConnection && effect.chain.length <= 1)) found = viaSummary(node.callee, effect);
              }
            }
          }
        } else if (node.type === AST_NODE_TYPES.TaggedTemplateExpression && !found) {
          const call = io.classifyTemplate(node);
          if (call) found = { category: 'database', operation: `one \`${describeExpression(node.tag, MAX_TEXT)}\`` };
        }
        // Children in reverse, so they come off the stack in source order and the first I/O named is the first written.
        const children: TSESTree.Node[] = [];
        pushChildNodes(node, sourceCode.visitorKeys, children);
        for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
      }
      return { limited: false, io: found, oneConnection };
    }

    /**
     * A query on one connection: an interactive transaction's handle (`tx.order.update(…)`), a client checked
     * out of a pool, `{ transaction: t }`. Its queries wait their turn on that connection, so a fan-out of them
     * opens nothing more (the queries themselves are no-n-plus-one's). A session may use several connections.
     */
    function onOneConnection(node: TSESTree.CallExpression, library: DbLibrary | undefined): boolean {
      if (library === undefined) return false;
      const connection = getConnections(context).connectionOf(node, library, { certain: true });
      return connection !== undefined && connection.kind !== 'session';
    }

    function via(callee: TSESTree.Node, io: ElementIo): ElementIo {
      return { category: io.category, operation: `one \`${describeExpression(callee, MAX_TEXT)}\` call (it runs ${io.operation.replace(/^one /, '')})` };
    }

    /** A helper's I/O found by the summaries: named with where it is, and the functions in between when there are several. */
    function viaSummary(callee: TSESTree.Node, effect: IoEffect & { category: SlowIoCategory }): ElementIo {
      const through = effect.chain.length > 1 ? `, through ${effect.chain.join(' → ')}` : '';
      return { category: effect.category, operation: `one \`${describeExpression(callee, MAX_TEXT)}\` call (it runs \`${effect.text}\` at ${effect.location}${through})` };
    }

    function calleeText(call: TSESTree.CallExpression): string {
      return describeExpression(call.callee, MAX_TEXT);
    }

    /** A nested function that runs while the enclosing code runs, rather than being handed off for later. */
    function runsInPlace(fn: FunctionNode): boolean {
      const parent = fn.parent;
      if (parent?.type === AST_NODE_TYPES.NewExpression) {
        return parent.callee.type === AST_NODE_TYPES.Identifier && parent.callee.name === 'Promise' && parent.arguments[0] === fn;
      }
      if (parent?.type !== AST_NODE_TYPES.CallExpression) return false;
      if (parent.callee === fn) return true;
      const callee = skipExpressionWrappers(parent.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression) return IN_PLACE_CALLBACK_METHODS.has(memberName(callee) ?? '');
      if (callee.type === AST_NODE_TYPES.Identifier) {
        const origin = getImportOrigin(callee, sourceCode.getScope(callee));
        return origin !== undefined && RETRY_PACKAGES.has(origin.source);
      }
      return false;
    }

    /** `limit(() => …)` from `pLimit(n)`, `queue.add(() => …)` on a p-queue, `limiter.schedule(…)` on Bottleneck. */
    const limiterCalls = new WeakMap<TSESTree.CallExpression, boolean>();

    function isLimiterCall(call: TSESTree.CallExpression): boolean {
      let known = limiterCalls.get(call);
      if (known === undefined) {
        known = computeIsLimiterCall(call);
        limiterCalls.set(call, known);
      }
      return known;
    }

    function computeIsLimiterCall(call: TSESTree.CallExpression): boolean {
      const callee = skipExpressionWrappers(call.callee);
      if (callee.type === AST_NODE_TYPES.Identifier) {
        if (!call.arguments.some((argument) => isFunction(argument) || argument.type === AST_NODE_TYPES.Identifier)) return false;
        return isCalledLimiter(getReceiverPackage(callee, context)?.packageName);
      }
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      const method = memberName(callee);
      if (method === undefined || !LIMITER_METHOD_NAMES.has(method)) return false;
      return isLimiterMethod(getReceiverPackage(callee.object, context)?.packageName, method);
    }

    /** A function of this file a call runs: `helper(x)`, `this.helper(x)`. */
    function calledFunction(call: TSESTree.CallExpression): FunctionNode | undefined {
      const callee = skipExpressionWrappers(call.callee);
      return callee.type === AST_NODE_TYPES.Identifier || callee.type === AST_NODE_TYPES.MemberExpression ? functionReferencedBy(callee) : undefined;
    }

    function functionReferencedBy(reference: TSESTree.Node): FunctionNode | undefined {
      const node = skipExpressionWrappers(reference);
      if (node.type === AST_NODE_TYPES.Identifier) {
        const variable = findVariable(sourceCode.getScope(node) as never, node as never) as Variable | null;
        const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
        if (def?.type === 'FunctionName') return def.node.type === AST_NODE_TYPES.FunctionDeclaration && !def.node.generator ? def.node : undefined;
        if (def?.type !== 'Variable' || variable!.references.filter((r) => r.isWrite()).length > 1) return undefined;
        const init = (def.node as TSESTree.VariableDeclarator).init;
        const value = init && skipExpressionWrappers(init);
        return value && isFunction(value) && !value.generator ? value : undefined;
      }
      if (node.type === AST_NODE_TYPES.MemberExpression && skipExpressionWrappers(node.object).type === AST_NODE_TYPES.ThisExpression) {
        const owner = enclosingClassOfThis(node);
        const name = memberName(node);
        if (!owner || name === undefined) return undefined;
        for (const element of owner.classNode.body.body) {
          if (element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'method' && element.static === owner.isStatic && !element.computed && element.key.type === AST_NODE_TYPES.Identifier && element.key.name === name) {
            const method = element.value;
            return method.type === AST_NODE_TYPES.FunctionExpression && !method.generator ? method : undefined;
          }
        }
        const member = resolveClassMember(owner.classNode, name, owner.isStatic);
        const value = member?.kind === 'value' ? skipExpressionWrappers(member.expression) : undefined;
        return value && isFunction(value) && !value.generator ? value : undefined;
      }
      return undefined;
    }

    // -----------------------------------------------------------------------------------------------

    function check(combinator: TSESTree.CallExpression): void {
      for (const fanOut of fanOutsOf(combinator.arguments[0], combinator, 0)) {
        // A count is how worker pools bound concurrency: only one the client picks is unbounded.
        const size = fanOut.count ? countSize(fanOut.count) : sizeOf(fanOut.collection);
        if (typeof size !== 'object') continue;
        const work = elementIo(fanOut);
        if (work.limited || !work.io) continue;
        context.report({
          node: combinator,
          messageId: 'unbounded',
          data: {
            combinator: describeExpression(combinator.callee, MAX_TEXT),
            operation: work.io.operation,
            collection: fanOut.count ? `{ length: ${describeExpression(fanOut.count, MAX_TEXT)} }` : describeExpression(fanOut.collection, MAX_TEXT),
            source: sourceText(size),
            inFlight: IN_FLIGHT[work.io.category],
          },
        });
        return;
      }
    }

    return {
      'CallExpression[callee.type="MemberExpression"][callee.property.name=/^all(Settled)?$/]'(node: TSESTree.CallExpression) {
        const name = combinatorName(node);
        if (name === undefined || !node.arguments[0] || node.arguments[0].type === AST_NODE_TYPES.SpreadElement) return;
        // Tests fan out over fixtures they wrote, browser code of a full-stack app is not the backend's; scripts and servers are checked alike.
        quietFile ??= QUIET_FILE_KINDS.has(getRequestPath(context).fileKind);
        if (quietFile) return;
        check(node);
      },
    };

    /** `all`/`allSettled` for `Promise.all(…)` on the global Promise (or Bluebird's). */
    function combinatorName(call: TSESTree.CallExpression): string | undefined {
      const callee = call.callee;
      if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.Identifier) return undefined;
      const name = memberName(callee);
      if (name === undefined || !COMBINATORS.has(name)) return undefined;
      const object = callee.object;
      if (object.name === 'Promise' && isGlobal(object)) return name;
      return getImportOrigin(object, sourceCode.getScope(object))?.source === 'bluebird' ? name : undefined;
    }
  },
});

/**
 * I/O behind a helper that adds to what is in flight: not a sleep, not queued through a limiter on the way,
 * not a Prisma `findUnique` (the summaries prefer any other I/O the helper reaches to those).
 */
function isUnboundedIo(effect: IoEffect): effect is IoEffect & { category: SlowIoCategory } {
  return effect.category !== 'sleep' && effect.limiter === undefined && !(effect.client === 'prisma' && PRISMA_DATALOADER_METHODS.has(effect.method));
}

function sourceText(size: SizeSource): string {
  switch (size.kind) {
    case 'request':
      return `its size comes from the request (\`${size.text}\`)`;
    case 'rows':
      return `its size grows with the rows \`${size.text}\` returns`;
    case 'parameter':
      return `its size is up to the caller (parameter \`${size.text}\`)`;
  }
}

/** `[a, b]`, `readonly [a, b]`: a tuple type without a rest element. */
function isFixedTuple(type: TSESTree.TypeNode | undefined): boolean {
  if (!type) return false;
  const inner = type.type === AST_NODE_TYPES.TSTypeOperator && type.operator === 'readonly' ? type.typeAnnotation : type;
  return inner?.type === AST_NODE_TYPES.TSTupleType && inner.elementTypes.every((element) => element.type !== AST_NODE_TYPES.TSRestType);
}

/** `promises` in `promises.push(…)`. */
function pushCallOn(identifier: TSESTree.Identifier): TSESTree.CallExpression | undefined {
  const member = identifier.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== identifier || memberName(member) !== 'push') return undefined;
  const call = member.parent;
  return call?.type === AST_NODE_TYPES.CallExpression && call.callee === member ? call : undefined;
}

/** `urls.push(a, b)`, `urls.unshift(x)`, `urls.splice(i, 0, x)`: the call and the elements it adds. */
function growingCallOn(identifier: TSESTree.Identifier): ReturnType<typeof elementsAddedBy> {
  const member = identifier.parent;
  return member?.type === AST_NODE_TYPES.MemberExpression && member.object === identifier ? elementsAddedBy(member) : undefined;
}

/** Some `list.length` read inside `node`. */
function readsLengthWithin(variable: Variable, node: TSESTree.Node): boolean {
  return variable.references.some((reference) => contains(node, reference.identifier) && isLengthRead(reference.identifier as TSESTree.Identifier));
}

/** `promises.length`, read (not assigned: `promises.length = 0` empties the list). */
function isLengthRead(identifier: TSESTree.Identifier): boolean {
  const member = identifier.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== identifier || memberName(member) !== 'length') return false;
  const parent = member.parent;
  return !(parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === member) && parent?.type !== AST_NODE_TYPES.UpdateExpression;
}

/** `Promise.all(promises)`, `Promise.allSettled([...promises, other])`. */
function isPassedToCombinator(identifier: TSESTree.Identifier): boolean {
  let node: TSESTree.Node = identifier;
  let parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.SpreadElement) {
    node = parent;
    parent = parent.parent;
    if (parent?.type !== AST_NODE_TYPES.ArrayExpression) return false;
    node = parent;
    parent = parent.parent;
  }
  if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.arguments[0] !== node) return false;
  const callee = parent.callee;
  return callee.type === AST_NODE_TYPES.MemberExpression && COMBINATORS.has(memberName(callee) ?? '');
}

/** `await a.b(…).c(…)`: the result of a method called on another method call's result. */
function isBuilderResult(init: TSESTree.Node): boolean {
  let current = skipExpressionWrappers(init);
  if (current.type === AST_NODE_TYPES.AwaitExpression) current = skipExpressionWrappers(current.argument);
  if (current.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipExpressionWrappers(current.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && isCallChain(callee.object);
}

/** `a.b(…).c(…)`: the receiver is itself a method call's result. */
function isCallChain(receiver: TSESTree.Node): boolean {
  const current = skipExpressionWrappers(receiver);
  return current.type === AST_NODE_TYPES.CallExpression && skipExpressionWrappers(current.callee).type === AST_NODE_TYPES.MemberExpression;
}

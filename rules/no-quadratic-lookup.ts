import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../src/ast/node-types';
import { appendedByIndex, elementsAddedBy, isFunction, isLoop, isModuleLevelDeclaration, NON_GROWING_ARRAY_METHODS, patternNames, soleReturnedExpression } from '../src/ast/code-shape';
import { getArrayValues, listsDeclaredDictionary, isRestParameter, isUrlQueryParameters, type ArrayValueAnalyzer } from '../src/analysis/array-values';
import { getTypeServices, memberName, parentSkippingWrappers, skipExpressionWrappers } from '../src/analysis/library-origin';
import { getImportOrigin, isModuleObject, loadsAnyModuleOf, moduleTraceMap } from '../src/analysis/modules';
import { readChain, readOption, resolveObjectLiteral } from '../src/analysis/query-bounds';
import { getQueryResults, type RowQuery } from '../src/analysis/query-results';
import { describeExpression, getPerElementScope, mayBePerElementAt, type PerElementScope } from '../src/analysis/per-element';
import { getRequestPath, runsOnceOrElsewhere, QUIET_FILE_KINDS } from '../src/analysis/request-path';
import { createRule } from '../src/create-rule';

type MessageIds = 'useSet' | 'useMap' | 'growing' | 'dedupe' | 'groupFirst';

/** Linear searches of an array, and `filter`, which scans it whole to pick one key's elements. */
const LOOKUP_METHODS = new Set(['includes', 'indexOf', 'lastIndexOf', 'find', 'findIndex', 'findLast', 'findLastIndex', 'some', 'filter']);
const VALUE_METHODS = new Set(['includes', 'indexOf', 'lastIndexOf']);
const INDEX_METHODS = new Set(['indexOf', 'lastIndexOf', 'findIndex', 'findLastIndex']);
const LODASH_MODULES = new Set(['lodash', 'lodash-es', 'underscore']);
/** A key a property access can spell after a dot (`item.id`); checked on a short literal. */
const IDENTIFIER_NAME = /^[A-Za-z_$][\w$]*$/;
const LODASH_TRACE_MAP = moduleTraceMap(Object.fromEntries([...LODASH_MODULES].map((source) => [source, {}])));
const LOOKUP_CALL_SELECTOR = `CallExpression[callee.type="MemberExpression"][callee.computed=false][callee.property.name=/^(?:${[...LOOKUP_METHODS].join('|')})$/]`;
/** Array methods whose result, built inline as the searched array, is rebuilt for every element. */
const INLINE_ARRAY_METHODS = new Set(['map', 'filter', 'flatMap', 'flat', 'slice', 'concat', 'toSorted', 'toReversed']);
const INLINE_STATICS = new Set(['keys', 'values', 'entries', 'from']);
const TYPE_KEYS = new Set(['typeAnnotation', 'typeArguments', 'typeParameters', 'returnType']);
/** How many enclosing per-element scopes to look through for one in which the searched value changes. */
const MAX_SCOPES = 6;
const MAX_KEY_TEXT = 40;
/** The largest `take`/`limit` whose rows still count as a small table. */
const MAX_SMALL_CAP = 100;
const CAP_METHODS = new Set(['limit', 'take', 'top']);

/** One linear search: `ids.includes(x)`, `users.find((u) => u.id === id)`, `_.find(users, { id })`. */
interface Lookup {
  call: TSESTree.CallExpression;
  method: string;
  /** The searched array. */
  array: TSESTree.Node;
  /** The value searched for, or the predicate. */
  argument: TSESTree.Node | undefined;
  /** How the message names the call: `ids.includes(…)`, `_.find(users, …)`. */
  label: string;
}

/** What the search compares: a value, or a key of each element (`u.id` in `(u) => u.id === order.userId`). */
interface SearchTest {
  /** The expression compared with the array's elements or keys: it must change from one element to the next. */
  value: TSESTree.Node;
  /** A predicate function whose own parameters do not count as per-element data. */
  predicate?: TSESTree.Node;
  /** How to compute each element's key, as an arrow function's text: `(u) => u.id`; undefined when elements are compared whole. */
  keyFunction?: string;
  /** The same key for a `[key, element]` Map entry: `(u) => [u.id, u]`; undefined when it cannot be written. */
  entryFunction?: string;
  /** The same key with the element's index: `(u, i) => [u.id, i]`. */
  indexEntryFunction?: string;
}

export default createRule<[], MessageIds>({
  name: 'no-quadratic-lookup',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow searching or filtering an array with `includes`/`indexOf`/`find`/`some`/`filter` once per element of another collection',
      guide: 'algorithms-and-data-structures',
      recommended: 'recommended',
    },
    schema: [],
    messages: {
      useSet:
        '`{{lookup}}` scans `{{array}}` once per element of `{{collection}}`, so the work grows with the product of their lengths. Build a Set once, before the loop (`{{build}}`), and test with `.has()`.',
      useMap:
        '`{{lookup}}` scans `{{array}}` once per element of `{{collection}}`, so the work grows with the product of their lengths. Index it once, before the loop, in a Map (`{{build}}`), and look up with `.get()`.',
      growing:
        '`{{lookup}}` scans `{{array}}` once per element of `{{collection}}` while the loop keeps adding to it: the work grows with the square of the count. Keep a Set of what was added next to it and test with `.has()`.',
      dedupe:
        '`{{lookup}}` removes duplicates from `{{collection}}` by rescanning it for every element: the work grows with the square of its length. Use {{fix}}.',
      groupFirst:
        '`{{lookup}}` scans `{{array}}` once per element of `{{collection}}`, so the work grows with the product of their lengths. Group it once, before the loop (`{{build}}` on Node 21 or later, or a Map of arrays filled in one pass), and take each group with `{{take}}`.',
    },
  },
  create(context) {
    const { sourceCode } = context;
    // Tests compare small fixtures; nothing in production waits for them. Browser code spends the user's CPU, not the server's.
    // Asked at each lookup in a loop, not in create: most files have none, and need no file kind from this rule.
    const isQuietFile = () => QUIET_FILE_KINDS.has(getRequestPath(context).fileKind);
    const services = getTypeServices(context)?.services;
    let arrays: ArrayValueAnalyzer | undefined;

    function variableOf(identifier: TSESTree.Identifier): TSESLint.Scope.Variable | undefined {
      return (findVariable(sourceCode.getScope(identifier) as never, identifier as never) as TSESLint.Scope.Variable | null) ?? undefined;
    }

    /** The lookup `call` makes, if it is one: an array method, or a lodash/underscore function. */
    function lookupOf(call: TSESTree.CallExpression): Lookup | undefined {
      const callee = skipExpressionWrappers(call.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression) {
        const method = memberName(callee);
        if (method === undefined || !LOOKUP_METHODS.has(method)) return undefined;
        const object = skipExpressionWrappers(callee.object);
        if (object.type === AST_NODE_TYPES.Identifier && isLodash(object)) return lodashLookup(call, method, `${object.name}.${method}`);
        return { call, method, array: callee.object, argument: call.arguments[0], label: `${describeExpression(callee.object)}.${method}(…)` };
      }
      if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
      const origin = getImportOrigin(callee, sourceCode.getScope(callee));
      if (!origin || !LODASH_MODULES.has(origin.source) || !LOOKUP_METHODS.has(origin.imported)) return undefined;
      return lodashLookup(call, origin.imported, callee.name);
    }

    function isLodash(identifier: TSESTree.Identifier): boolean {
      const origin = getImportOrigin(identifier, sourceCode.getScope(identifier));
      return origin !== undefined && LODASH_MODULES.has(origin.source) && isModuleObject(origin.imported);
    }

    function lodashLookup(call: TSESTree.CallExpression, method: string, calleeText: string): Lookup | undefined {
      const [array, argument] = call.arguments;
      if (!array || array.type === AST_NODE_TYPES.SpreadElement) return undefined;
      return { call, method, array, argument, label: `${calleeText}(${describeExpression(array)}, …)` };
    }

    /**
     * Names declared inside `scope` (and not inside `exclude`), or variables written inside it, that
     * `expression` reads: then it changes from one element to the next.
     */
    function dependsOn(expression: TSESTree.Node, scope: TSESTree.Node, exclude: TSESTree.Node | undefined): boolean {
      let depends = false;
      walkReferences(expression, sourceCode.visitorKeys, (identifier) => {
        if (depends) return;
        const variable = variableOf(identifier);
        if (!variable || variable.defs.length === 0) return;
        const declared = variable.defs.some((def) => contains(scope, def.name) && !(exclude && contains(exclude, def.name)));
        const written = variable.references.some((reference) => reference.isWrite() && !reference.init && contains(scope, reference.identifier));
        if (declared || written) depends = true;
      });
      return depends;
    }

    function check(call: TSESTree.CallExpression): void {
      const lookup = lookupOf(call);
      if (!lookup) return;
      const test = searchTest(lookup, sourceCode);
      if (!test) return;
      const innermost = getPerElementScope(call, { services });
      if (!innermost) return;
      if (reportDedupe(lookup, test, innermost)) return;
      const array = skipExpressionWrappers(lookup.array);
      if (!isSearchableForm(array, 0)) return;
      // The innermost scope in which the searched value changes while the array does not.
      let scope: PerElementScope | undefined;
      let candidate: PerElementScope | undefined = innermost;
      for (let hops = 0; candidate && hops < MAX_SCOPES && !scope; hops++) {
        // Made per element (the element's own children, or derived from them): nothing to build once.
        if (dependsOn(array, candidate.node, array)) return;
        // A walk over a small fixed table, or over a few capped rows, is k searches, not n: the search goes on
        // outward, as per-element.ts does for literal lists.
        if (dependsOn(test.value, candidate.node, test.predicate) && !walksFixedTable(candidate) && !(candidate.collection && isFewRows(candidate.collection, 0))) scope = candidate;
        else candidate = getPerElementScope(candidate.node, { services });
      }
      if (!scope || (scope.collection && (isRestParameter(scope.collection, sourceCode) || isUrlQueryParameters(scope.collection, sourceCode)))) return;
      arrays ??= getArrayValues(context);
      if (arrays.classify(array) !== 'array' || isFewRows(array, 0)) return;
      // Data by a guess only (`order.fulfillments.filter(…)`, `Object.keys(options)`), searched once per element of a
      // list no more is known of (`order.lines`): both may be a handful (Vendure's orders). One side must show data.
      if (arrays.isDataByGuess(array) && !(scope.collection && arrays.classifyByShape(scope.collection) === 'array' && !arrays.isDataByGuess(scope.collection))) return;
      // The loop is the multiplier: over the keys of a record the code gives no size of (Novu's five channels,
      // `Object.entries(preferences)`), the searches add up to a few scans of the list. A declared dictionary
      // (`Record<string, V>`) holds as many keys as were put in.
      if (scope.collection && arrays.isDataByGuess(scope.collection) && !listsDeclaredDictionary(scope.collection, sourceCode)) return;
      // Startup code (bootstrap, a NestJS module's set-up, a cache filled once) runs once: asked last, as it is rarely needed.
      // …and functions that work on a page (`document`, `sessionStorage`) spend the user's CPU.
      const requestPath = getRequestPath(context);
      if (runsOnceOrElsewhere(call, requestPath.classify(call)) || requestPath.inPageCode(call)) return;
      // `if (links.length < 3 && !links.includes(url))`: each search scans at most the cap.
      if (runsOnlyWhileShort(call, array, scope.node)) return;
      // The duplicates named in an error about to be thrown (Logto's connector ids): once, and only on failure.
      if (buildsThrownError(scope.node)) return;
      const data = { lookup: lookup.label, array: describeExpression(array), collection: scope.collectionText };
      if (lookup.method === 'filter') {
        // A list the loop adds to, filtered: no Set replaces it, and the growing message's advice does not fit.
        if (growsIn(array, scope.node)) return;
        const grouping = groupingRemedy(lookup, test, data.array, sourceCode);
        context.report({ node: call, messageId: grouping.messageId, data: { ...data, lookup: grouping.label, build: grouping.build, take: grouping.take } });
        return;
      }
      if (growsIn(array, scope.node)) {
        // `if (picked.length >= max) break;` at the top of the loop: the array never holds more than the cap.
        if (!isLengthCappedIn(array, scope.node, sourceCode) && !growsOnlyWhileShort(array, scope.node)) context.report({ node: call, messageId: 'growing', data });
        return;
      }
      const { messageId, build } = remedy(lookup, test, data.array);
      context.report({ node: call, messageId, data: { ...data, build } });
    }

    /** `Object.values(Colors).filter(…)`, `[...allColors].map(…)`: the collection is a table the code fixes. */
    function walksFixedTable(scope: PerElementScope): boolean {
      if (!scope.collection) return false;
      arrays ??= getArrayValues(context);
      return arrays.classifyByShape(scope.collection) === 'fixed';
    }

    /**
     * Rows of a read capped by a small constant (`take: 5`, `.limit(10)`), or `map`/`filter`/`slice` of them,
     * never added to: searching them costs a constant per element, and a loop over them searches a constant
     * number of times. So does any list cut to a small constant length (`apps.slice(0, 100)`, `xs.slice(-5)`).
     */
    function isFewRows(node: TSESTree.Node, depth: number): boolean {
      const current = skipExpressionWrappers(node);
      if (depth > 4) return false;
      if (current.type === AST_NODE_TYPES.CallExpression) {
        const callee = skipExpressionWrappers(current.callee);
        if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
        const method = memberName(callee) ?? '';
        if (method === 'slice' && isSmallSlice(current.arguments)) return true;
        return NON_GROWING_ARRAY_METHODS.has(method) && isFewRows(callee.object, depth + 1);
      }
      if (current.type === AST_NODE_TYPES.Identifier) {
        const variable = variableOf(current);
        if (!variable || variable.references.some((reference) => isGrowingUse(reference.identifier))) return false;
        const rows = getQueryResults(context).rowsOf(current);
        if (rows) return isSmallCap(rows.query);
        // const emails = recipients.map((r) => r.email)
        const def = variable.defs.length === 1 ? variable.defs[0] : undefined;
        if (def?.type !== 'Variable' || def.node.id !== def.name || !def.node.init || (def.parent as TSESTree.VariableDeclaration).kind !== 'const') return false;
        return isFewRows(def.node.init, depth + 1);
      }
      const rows = getQueryResults(context).rowsOf(current);
      return rows !== undefined && isSmallCap(rows.query);
    }

    /** The query caps its rows (query-shape.ts says so) with a small constant the code writes. */
    function isSmallCap(query: RowQuery): boolean {
      if (query.limited !== true) return false;
      if (query.node.type === AST_NODE_TYPES.CallExpression) {
        const chain = readChain(query.node, (step) => step.call === query.operationCall, sourceCode);
        if (chain.steps.some((step) => CAP_METHODS.has(step.name) && isSmallCount(step.call.arguments[0]))) return true;
      }
      const options = optionsArgument(query);
      const cap = readOption(options && resolveObjectLiteral(options, sourceCode), query.library === 'prisma' || query.library === 'typeorm' ? 'take' : 'limit');
      return cap.kind === 'set' && isSmallCount(cap.value);
    }

    /** `slice(0, 100)`, `slice(0, MAX_APPS)`, `slice(-5)`: at most a small constant number of elements. */
    function isSmallSlice(args: TSESTree.CallExpressionArgument[]): boolean {
      const [start, end] = args;
      if (args.length === 1 && start) return (numericValue(skipExpressionWrappers(start)) ?? 0) < 0 && isSmallCount(start);
      return args.length === 2 && !!start && numericValue(skipExpressionWrappers(start)) === 0 && isSmallCount(end);
    }

    /** `5`, or a module-level `const PAGE_SIZE = 5`: a count fixed in the code, not one a request picks. */
    function isSmallCount(node: TSESTree.Node | undefined, depth = 0): boolean {
      const current = node && skipExpressionWrappers(node);
      if (!current) return false;
      if (current.type === AST_NODE_TYPES.Identifier) {
        if (depth > 2) return false;
        const def = variableOf(current)?.defs;
        if (def?.length !== 1 || def[0].type !== 'Variable') return false;
        const declaration = def[0].parent as TSESTree.VariableDeclaration;
        const init = def[0].node.init;
        return declaration.kind === 'const' && isModuleLevelDeclaration(declaration) && def[0].node.id === def[0].name && !!init && isSmallCount(init, depth + 1);
      }
      const value = numericValue(current);
      // Prisma's negative `take` counts from the end.
      return value !== undefined && Math.abs(value) <= MAX_SMALL_CAP;
    }

    /** `xs.filter((x, i) => xs.indexOf(x) === i)`, also with the third parameter (`self.indexOf(x) === i`). */
    function reportDedupe(lookup: Lookup, test: SearchTest, scope: PerElementScope): boolean {
      if (scope.kind !== 'callback' || scope.method !== 'filter' || !scope.callback || !scope.collection || !INDEX_METHODS.has(lookup.method)) return false;
      const [element, index, self] = scope.callback.params;
      if (element?.type !== AST_NODE_TYPES.Identifier || index?.type !== AST_NODE_TYPES.Identifier) return false;
      const { child, parent } = parentSkippingWrappers(lookup.call);
      if (parent?.type !== AST_NODE_TYPES.BinaryExpression || (parent.operator !== '===' && parent.operator !== '==')) return false;
      const other = skipExpressionWrappers(parent.left === child ? parent.right : parent.left);
      if (other.type !== AST_NODE_TYPES.Identifier || other.name !== index.name) return false;
      const array = skipExpressionWrappers(lookup.array);
      const searchesSelf =
        (array.type === AST_NODE_TYPES.Identifier && self?.type === AST_NODE_TYPES.Identifier && array.name === self.name) ||
        (describeExpression(array) === scope.collectionText && !dependsOn(array, scope.node, array));
      if (!searchesSelf) return false;
      let fix: string;
      if (VALUE_METHODS.has(lookup.method)) {
        const value = skipExpressionWrappers(test.value);
        if (value.type !== AST_NODE_TYPES.Identifier || value.name !== element.name) return false;
        fix = `\`[...new Set(${scope.collectionText})]\``;
      } else {
        if (!test.keyFunction || !mentions(test.value, element.name)) return false;
        fix = 'one pass that keeps a Set of the keys it has seen';
      }
      arrays ??= getArrayValues(context);
      if (arrays.classify(scope.collection) === 'other') return false;
      context.report({ node: lookup.call, messageId: 'dedupe', data: { lookup: lookup.label, collection: scope.collectionText, fix } });
      return true;
    }

    /** The array is added to inside the loop: `if (!seen.includes(x)) seen.push(x)`. */
    function growsIn(array: TSESTree.Node, scope: TSESTree.Node): boolean {
      if (array.type === AST_NODE_TYPES.Identifier) {
        const variable = variableOf(array);
        return !!variable?.references.some((reference) => contains(scope, reference.identifier) && isGrowingUse(reference.identifier));
      }
      if (array.type !== AST_NODE_TYPES.MemberExpression || skipExpressionWrappers(array.object).type !== AST_NODE_TYPES.ThisExpression) return false;
      const name = memberName(array);
      let grows = false;
      walkReferences(scope, sourceCode.visitorKeys, () => undefined, (member) => {
        if (!grows && skipExpressionWrappers(member.object).type === AST_NODE_TYPES.ThisExpression && memberName(member) === name && isGrowingUse(member)) grows = true;
      });
      return grows;
    }

    /**
     * Within the loop, the search runs only while the array holds fewer elements than a small constant: an earlier
     * operand of the same `&&` (`links.length < 3 && !links.includes(url)`), or the test of an enclosing `if` (or
     * `?:`) whose consequent holds the search (`if (MAX_LINKS > links.length) { … }`). A guard outside the loop, or
     * outside a function that runs later, does not bound the searches.
     */
    function runsOnlyWhileShort(call: TSESTree.CallExpression, array: TSESTree.Node, loop: TSESTree.Node): boolean {
      return guardedByShortTest(call, sourceCode.getText(array), loop);
    }

    /**
     * Every element the loop adds to the array goes in under a test that it is still short (`if (x.coverPath &&
     * !covers.includes(id) && covers.length < 25) covers.push(id)`, Audiobookshelf's stats): it never holds more, wherever
     * the test stands in the condition.
     */
    function growsOnlyWhileShort(array: TSESTree.Node, loop: TSESTree.Node): boolean {
      if (array.type !== AST_NODE_TYPES.Identifier) return false;
      const growths = (variableOf(array)?.references ?? []).filter((reference) => contains(loop, reference.identifier) && isGrowingUse(reference.identifier));
      const arrayText = sourceCode.getText(array);
      return growths.length > 0 && growths.every((reference) => guardedByShortTest(reference.identifier, arrayText, loop));
    }

    /** `node` runs, within `loop`, only after a test that the array named `arrayText` holds fewer than a small count. */
    function guardedByShortTest(node: TSESTree.Node, arrayText: string, loop: TSESTree.Node): boolean {
      const isLengthOfArray = (side: TSESTree.Node): boolean => {
        const member = skipExpressionWrappers(side);
        return member.type === AST_NODE_TYPES.MemberExpression && memberName(member) === 'length' && sourceCode.getText(member.object) === arrayText;
      };
      const isShortTest = (test: TSESTree.Node): boolean => {
        const comparison = skipExpressionWrappers(test);
        if (comparison.type !== AST_NODE_TYPES.BinaryExpression) return false;
        const { left, operator, right } = comparison;
        if (operator === '<' || operator === '<=') return isLengthOfArray(left) && isSmallCount(right);
        if (operator === '>' || operator === '>=') return isLengthOfArray(right) && isSmallCount(left);
        return false;
      };
      let child: TSESTree.Node = node;
      for (let parent: TSESTree.Node | undefined = node.parent; parent && parent !== loop && !isFunction(parent); parent = parent.parent) {
        const guard =
          parent.type === AST_NODE_TYPES.LogicalExpression && parent.operator === '&&' && parent.right === child
            ? parent.left
            : (parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression) && parent.consequent === child
              ? parent.test
              : undefined;
        if (guard && conjuncts(guard).some(isShortTest)) return true;
        child = parent;
      }
      return false;
    }

    // The selectors name the lookups, so that ESLint hands over only those calls: an array method by name
    // (written `xs.find` or `xs['find']`), or a free function when the file loads lodash or underscore.
    const listeners: TSESLint.RuleListener = {
      [LOOKUP_CALL_SELECTOR]: checkIfPerElement,
      'CallExpression[callee.computed=true]'(call: TSESTree.CallExpression) {
        const method = memberName(call.callee as TSESTree.MemberExpression);
        if (method !== undefined && LOOKUP_METHODS.has(method)) checkIfPerElement(call);
      },
    };
    if (loadsAnyModuleOf(sourceCode, LODASH_TRACE_MAP)) {
      listeners['CallExpression[callee.type="Identifier"]'] = (call: TSESTree.CallExpression) => {
        if (call.arguments.length >= 2) checkIfPerElement(call);
      };
    }
    return listeners;

    function checkIfPerElement(call: TSESTree.CallExpression): void {
      if (mayBePerElementAt(call) && !isQuietFile()) check(call);
    }
  },
});

// -----------------------------------------------------------------------------------------------------------
// The search

/** Searched arrays the rule can judge: a variable, a field of `this`, query rows (`res.rows`), or an array built inline from one. */
function isSearchableForm(node: TSESTree.Node, depth: number): boolean {
  if (depth > 6) return false;
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
      return true;
    case AST_NODE_TYPES.MemberExpression: {
      const object = skipExpressionWrappers(node.object);
      if (object.type === AST_NODE_TYPES.ThisExpression) return true;
      const name = memberName(node);
      // pg's `res.rows`, mysql2's `res[0]`: the array analysis decides whether they are rows.
      return (name === 'rows' && !node.computed) || (name === '0' && node.computed);
    }
    case AST_NODE_TYPES.CallExpression: {
      const callee = skipExpressionWrappers(node.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      const name = memberName(callee) ?? '';
      const object = skipExpressionWrappers(callee.object);
      if (object.type === AST_NODE_TYPES.Identifier && (object.name === 'Object' || object.name === 'Array')) {
        const source = node.arguments[0];
        return INLINE_STATICS.has(name) && source !== undefined && source.type !== AST_NODE_TYPES.SpreadElement && isSearchableForm(skipExpressionWrappers(source), depth + 1);
      }
      return INLINE_ARRAY_METHODS.has(name) && isSearchableForm(object, depth + 1);
    }
    default:
      return false;
  }
}

/**
 * What the lookup compares with each element. Values for `includes`/`indexOf`; for predicates, an equality
 * between a key of the element and something else (`(u) => u.id === order.userId`), or lodash's
 * `{ id: order.userId }` and `['id', order.userId]` shorthands. Other predicates (ranges, several fields, function calls on both
 * sides) have no Set or Map equivalent: undefined.
 */
function searchTest(lookup: Lookup, sourceCode: Readonly<TSESLint.SourceCode>): SearchTest | undefined {
  const argument = lookup.argument;
  if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return undefined;
  if (VALUE_METHODS.has(lookup.method)) return { value: argument };
  const predicate = skipExpressionWrappers(argument);
  if (predicate.type === AST_NODE_TYPES.ObjectExpression) {
    // lodash: _.find(users, { id: order.userId })
    if (predicate.properties.length !== 1) return undefined;
    const property = predicate.properties[0];
    if (property.type !== AST_NODE_TYPES.Property || property.computed || property.key.type !== AST_NODE_TYPES.Identifier) return undefined;
    const key = property.key.name;
    return {
      value: property.value,
      keyFunction: `(item) => item.${key}`,
      entryFunction: `(item) => [item.${key}, item]`,
      indexEntryFunction: `(item, i) => [item.${key}, i]`,
    };
  }
  if (predicate.type === AST_NODE_TYPES.ArrayExpression) {
    // lodash's matchesProperty shorthand: _.find(folders, ['id', parentId]) (Wiki.js's asset folders).
    const [key, value] = predicate.elements;
    if (predicate.elements.length !== 2 || key?.type !== AST_NODE_TYPES.Literal || typeof key.value !== 'string' || !IDENTIFIER_NAME.test(key.value)) return undefined;
    if (!value || value.type === AST_NODE_TYPES.SpreadElement) return undefined;
    return {
      value,
      keyFunction: `(item) => item.${key.value}`,
      entryFunction: `(item) => [item.${key.value}, item]`,
      indexEntryFunction: `(item, i) => [item.${key.value}, i]`,
    };
  }
  if (predicate.type !== AST_NODE_TYPES.ArrowFunctionExpression && predicate.type !== AST_NODE_TYPES.FunctionExpression) return undefined;
  if (predicate.async || predicate.generator || predicate.params.length !== 1) return undefined;
  const param = predicate.params[0];
  if (param.type !== AST_NODE_TYPES.Identifier && param.type !== AST_NODE_TYPES.ObjectPattern && param.type !== AST_NODE_TYPES.ArrayPattern) return undefined;
  const names = new Set(patternNames(param));
  const body = soleReturnedExpression(predicate);
  const comparison = body && skipExpressionWrappers(body);
  if (comparison?.type !== AST_NODE_TYPES.BinaryExpression || (comparison.operator !== '===' && comparison.operator !== '==')) return undefined;
  const leftUses = usesAny(comparison.left, names, sourceCode);
  const rightUses = usesAny(comparison.right, names, sourceCode);
  if (leftUses === rightUses) return undefined;
  const keySide = leftUses ? comparison.left : comparison.right;
  const value = leftUses ? comparison.right : comparison.left;
  const paramText = sourceCode.getText(param);
  const keyText = sourceCode.getText(keySide);
  if (keySide.type === AST_NODE_TYPES.Identifier && param.type === AST_NODE_TYPES.Identifier && keySide.name === param.name) {
    return { value, predicate };
  }
  if (keyText.length > MAX_KEY_TEXT || keyText.includes('\n')) return { value, predicate, keyFunction: 'each element\'s key' };
  const keyFunction = `(${paramText}) => ${keyText}`;
  if (param.type === AST_NODE_TYPES.Identifier) {
    const paramName = param.name;
    return { value, predicate, keyFunction, entryFunction: `(${paramText}) => [${keyText}, ${paramName}]`, indexEntryFunction: `(${paramText}, i) => [${keyText}, i]` };
  }
  // ([id]) => id === x over pairs (Shelf's `sliceRemainingPairs`): the entry keeps the pair, keyed by its element.
  if (param.type === AST_NODE_TYPES.ArrayPattern) {
    const index = keySide.type === AST_NODE_TYPES.Identifier ? param.elements.findIndex((element) => element?.type === AST_NODE_TYPES.Identifier && element.name === keySide.name) : -1;
    return index < 0 ? { value, predicate, keyFunction } : { value, predicate, keyFunction, entryFunction: `(item) => [item[${index}], item]`, indexEntryFunction: `(item, i) => [item[${index}], i]` };
  }
  // ({ id }) => id === x: the entry needs the whole element, so name it.
  const property = keySide.type === AST_NODE_TYPES.Identifier ? destructuredProperty(param, keySide.name) : undefined;
  return property
    ? { value, predicate, keyFunction, entryFunction: `(item) => [item.${property}, item]`, indexEntryFunction: `(item, i) => [item.${property}, i]` }
    : { value, predicate, keyFunction };
}

/** The Set or Map that replaces the search, written out for the message. */
function remedy(lookup: Lookup, test: SearchTest, arrayText: string): { messageId: 'useSet' | 'useMap'; build: string } {
  const { method } = lookup;
  const presence = method === 'includes' || method === 'some' || (INDEX_METHODS.has(method) && isPresenceTest(lookup.call));
  const keys = test.keyFunction === undefined ? arrayText : test.keyFunction.startsWith('(') ? `${arrayText}.map(${test.keyFunction})` : undefined;
  // A search for the element itself (`find((u) => u === x)`) only tells whether it is there.
  if (presence || (test.keyFunction === undefined && !INDEX_METHODS.has(method))) {
    return { messageId: 'useSet', build: keys ? `new Set(${keys})` : `new Set(${arrayText}.map(…))` };
  }
  if (VALUE_METHODS.has(method)) return { messageId: 'useMap', build: `new Map(${arrayText}.map((value, i) => [value, i]))` };
  const entry = INDEX_METHODS.has(method) ? (test.keyFunction === undefined ? '(value, i) => [value, i]' : test.indexEntryFunction) : test.entryFunction;
  return { messageId: 'useMap', build: entry ? `new Map(${arrayText}.map(${entry}))` : `new Map(${arrayText}.map(…))` };
}

/**
 * For `posts.filter((p) => p.authorId === a.id)`: group the array by the key once (`Map.groupBy(posts, (p) =>
 * p.authorId)`), then take one group per element (`.get(a.id) ?? []`, or its `length` when the filter only counts).
 * A filter that keeps only its first match (`filter(…)[0]`, `.at(0)`) is a `find`, and gets find's Map.
 */
function groupingRemedy(
  lookup: Lookup,
  test: SearchTest,
  arrayText: string,
  sourceCode: Readonly<TSESLint.SourceCode>,
): { messageId: 'useSet' | 'useMap' | 'groupFirst'; label: string; build: string; take: string } {
  const use = filterResultUse(lookup.call);
  if (use === '[0]' || use === '.at(0)') {
    const found = remedy({ ...lookup, method: 'find' }, test, arrayText);
    return { ...found, label: `${lookup.label}${use}`, take: '' };
  }
  const keyFunction =
    test.keyFunction === undefined ? wholeElementKey(test.predicate) : test.keyFunction.startsWith('(') ? test.keyFunction : undefined;
  const valueText = sourceCode.getText(test.value);
  const value = valueText.length > MAX_KEY_TEXT || valueText.includes('\n') ? '…' : valueText;
  return {
    messageId: 'groupFirst',
    label: lookup.label,
    build: `Map.groupBy(${arrayText}, ${keyFunction ?? '…'})`,
    take: use === 'count' ? `.get(${value})?.length ?? 0` : `.get(${value}) ?? []`,
  };
}

/** `filter(…)[0]` and `filter(…).at(0)` keep the first match; `filter(…).length` counts them. */
function filterResultUse(call: TSESTree.CallExpression): '[0]' | '.at(0)' | 'count' | 'list' {
  const { child, parent } = parentSkippingWrappers(call);
  if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== child) return 'list';
  if (parent.computed) return numericValue(skipExpressionWrappers(parent.property)) === 0 ? '[0]' : 'list';
  const name = memberName(parent);
  if (name === 'length') return 'count';
  const grand = parent.parent;
  if (name === 'at' && grand?.type === AST_NODE_TYPES.CallExpression && grand.callee === parent && grand.arguments.length === 1 && numericValue(grand.arguments[0]) === 0) {
    return '.at(0)';
  }
  return 'list';
}

/** `(id) => id` for a filter comparing each element whole (`ids.filter((id) => id === x)`). */
function wholeElementKey(predicate: TSESTree.Node | undefined): string | undefined {
  if (predicate?.type !== AST_NODE_TYPES.ArrowFunctionExpression && predicate?.type !== AST_NODE_TYPES.FunctionExpression) return undefined;
  const param = predicate.params[0];
  return param?.type === AST_NODE_TYPES.Identifier ? `(${param.name}) => ${param.name}` : undefined;
}

/** The options object of a list read, where query-shape.ts reads its `take`/`limit`. */
function optionsArgument(query: RowQuery): TSESTree.Node | undefined {
  if (query.operationCall.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const args = query.operationCall.arguments;
  // `em.find(User, where, options)` names the entity first; `repo.find(options)` does not.
  const first = args[0] && skipExpressionWrappers(args[0]);
  const offset = (first?.type === AST_NODE_TYPES.Identifier && /^[A-Z]/.test(first.name)) || (first?.type === AST_NODE_TYPES.Literal && typeof first.value === 'string') ? 1 : 0;
  switch (query.library) {
    case 'prisma':
    case 'sequelize':
    case 'drizzle':
      return args[0];
    case 'typeorm':
      return args[offset];
    case 'mikro-orm':
      return query.method === 'findAll' ? args[offset] : args[offset + 1];
    case 'mongoose':
      return args[2];
    case 'mongodb':
      return args[1];
    default:
      return undefined;
  }
}

/** `i !== -1`, `i > -1`, `i >= 0`, `i < 0`, `i === -1`, `~i`: only whether the element is there. */
function isPresenceTest(call: TSESTree.Node): boolean {
  const { child, parent } = parentSkippingWrappers(call);
  if (parent?.type === AST_NODE_TYPES.UnaryExpression) return parent.operator === '~';
  if (parent?.type !== AST_NODE_TYPES.BinaryExpression) return false;
  const other = skipExpressionWrappers(parent.left === child ? parent.right : parent.left);
  const value = numericValue(other);
  if (value === -1) return ['===', '!==', '==', '!=', '>', '<='].includes(parent.operator);
  if (value === 0) return parent.left === child ? parent.operator === '>=' || parent.operator === '<' : parent.operator === '<=' || parent.operator === '>';
  return false;
}

function numericValue(node: TSESTree.Node): number | undefined {
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'number') return node.value;
  if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '-' && node.argument.type === AST_NODE_TYPES.Literal && typeof node.argument.value === 'number') {
    return -node.argument.value;
  }
  return undefined;
}

/** In `{ id }` or `{ id: userId }`, the property that binds `name`. */
function destructuredProperty(pattern: TSESTree.ObjectPattern, name: string): string | undefined {
  for (const property of pattern.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed || property.key.type !== AST_NODE_TYPES.Identifier) continue;
    const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
    if (value.type === AST_NODE_TYPES.Identifier && value.name === name) return property.key.name;
  }
  return undefined;
}


/** Whether `expression` reads one of `names` (as a variable, not as a property name). */
function usesAny(expression: TSESTree.Node, names: ReadonlySet<string>, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  let uses = false;
  walkReferences(expression, sourceCode.visitorKeys, (identifier) => {
    if (names.has(identifier.name)) uses = true;
  });
  return uses;
}

function mentions(expression: TSESTree.Node, name: string): boolean {
  const node = skipExpressionWrappers(expression);
  if (node.type === AST_NODE_TYPES.Identifier) return node.name === name;
  return node.type === AST_NODE_TYPES.MemberExpression && mentions(node.object, name);
}

/** The operands of an `&&` chain: `a && b && c` is `a`, `b` and `c`. */
function conjuncts(test: TSESTree.Node): TSESTree.Node[] {
  const found: TSESTree.Node[] = [];
  const stack = [test];
  while (stack.length > 0) {
    const node = skipExpressionWrappers(stack.pop()!);
    if (node.type === AST_NODE_TYPES.LogicalExpression && node.operator === '&&') stack.push(node.right, node.left);
    else found.push(node);
  }
  return found;
}

/** `seen.push(x)`, `seen.unshift(x)`, `seen.splice(…)`, `seen[n] = x`. */
/**
 * The loop leaves (or skips) once the array reaches a length: a statement of its body is
 * `if (array.length >= cap) break;` (also `>`, `===`, either side, `return` or `continue`).
 */
function isLengthCappedIn(array: TSESTree.Node, loop: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const body = isLoop(loop) ? loop.body : undefined;
  if (body?.type !== AST_NODE_TYPES.BlockStatement) return false;
  const arrayText = sourceCode.getText(array);
  return body.body.some((statement) => {
    if (statement.type !== AST_NODE_TYPES.IfStatement || !leavesIteration(statement.consequent) || statement.test.type !== AST_NODE_TYPES.BinaryExpression) return false;
    const { left, operator, right } = statement.test;
    const isLength = (side: TSESTree.Node) => {
      const member = skipExpressionWrappers(side);
      return member.type === AST_NODE_TYPES.MemberExpression && memberName(member) === 'length' && sourceCode.getText(member.object) === arrayText;
    };
    return ((operator === '>=' || operator === '>' || operator === '===') && isLength(left)) || ((operator === '<=' || operator === '<' || operator === '===') && isLength(right));
  });
}

/**
 * `node` lies in a branch that ends by throwing: the `if` block or `catch` body around it, within its function, has a
 * `throw` for its last statement. Such a branch runs once per failure, to describe it.
 */
function buildsThrownError(node: TSESTree.Node): boolean {
  for (let current: TSESTree.Node | undefined = node.parent; current && !isFunction(current); current = current.parent) {
    if (current.type !== AST_NODE_TYPES.BlockStatement) continue;
    const owner = current.parent;
    const isBranch = owner?.type === AST_NODE_TYPES.IfStatement || owner?.type === AST_NODE_TYPES.CatchClause;
    if (isBranch && current.body[current.body.length - 1]?.type === AST_NODE_TYPES.ThrowStatement) return true;
  }
  return false;
}

/** `break`, `continue`, `return` or `throw`, or a block ending in one. */
function leavesIteration(statement: TSESTree.Statement): boolean {
  const last = statement.type === AST_NODE_TYPES.BlockStatement ? statement.body[statement.body.length - 1] : statement;
  return last !== undefined && (last.type === AST_NODE_TYPES.BreakStatement || last.type === AST_NODE_TYPES.ContinueStatement || last.type === AST_NODE_TYPES.ReturnStatement || last.type === AST_NODE_TYPES.ThrowStatement);
}

function isGrowingUse(node: TSESTree.Node): boolean {
  const { child, parent } = parentSkippingWrappers(node);
  if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== child) return false;
  const grand = parent.parent;
  // `splice(i, 1)` only removes; `splice(i, 0, x)` inserts.
  if (grand?.type === AST_NODE_TYPES.CallExpression && grand.callee === parent) return elementsAddedBy(parent) !== undefined;
  // `arr[arr.length] = x` appends; `arr[i] = x` at a found index replaces.
  return grand?.type === AST_NODE_TYPES.AssignmentExpression && grand.left === parent && appendedByIndex(grand) !== undefined;
}

function contains(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/**
 * Visits the identifiers `root` reads as variables (not property names, object keys or types), and,
 * if asked, every member expression; iterative, so deep trees cannot overflow the stack.
 */
function walkReferences(
  root: TSESTree.Node,
  visitorKeys: TSESLint.SourceCode.VisitorKeys,
  onIdentifier: (identifier: TSESTree.Identifier) => void,
  onMember?: (member: TSESTree.MemberExpression) => void,
): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === AST_NODE_TYPES.Identifier) {
      onIdentifier(node);
      continue;
    }
    if (node.type === AST_NODE_TYPES.MemberExpression) {
      onMember?.(node);
      stack.push(node.object);
      if (node.computed) stack.push(node.property);
      continue;
    }
    if (node.type === AST_NODE_TYPES.Property && !node.computed && !node.shorthand) {
      stack.push(node.value);
      continue;
    }
    for (const key of visitorKeys[node.type] ?? []) {
      if (TYPE_KEYS.has(key)) continue;
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (const item of value) if (item && typeof item === 'object' && 'type' in item) stack.push(item as TSESTree.Node);
      } else if (value && typeof value === 'object' && 'type' in value) {
        stack.push(value as TSESTree.Node);
      }
    }
  }
}

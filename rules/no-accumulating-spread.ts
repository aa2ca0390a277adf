import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../src/ast/node-types';
import { pushChildNodes } from '../src/ast/children';
import { contains, enclosingFunction } from '../src/ast/code-shape';
import { getArrayValues, isRestParameter, listsDeclaredDictionary, type ArrayValueAnalyzer } from '../src/analysis/array-values';
import { getTypeServices, memberName, parentSkippingWrappers, skipExpressionWrappers } from '../src/analysis/library-origin';
import { getPerElementScope, type PerElementScope } from '../src/analysis/per-element';
import { getRequestPath, runsOnceOrElsewhere, QUIET_FILE_KINDS } from '../src/analysis/request-path';
import { createRule } from '../src/create-rule';
import { onePassRewrite } from '../src/fixes/one-pass-rewrite';

type MessageIds = 'copiedAccumulator' | 'useOnePass';

/** How a step copies the accumulator into a new value. */
type CopyShape = 'object-spread' | 'array-spread' | 'set-spread' | 'map-spread' | 'concat' | 'assign';

/** Constructors that copy an iterable they are given: `new Set([...seen, id])` copies `seen` as the spread does. */
const COPYING_CONSTRUCTORS = new Set(['Set', 'Map']);
const REDUCE_METHODS = new Set(['reduce', 'reduceRight']);
/** Calls that copy what they are given into a new array or object. */
const COPYING_METHODS = new Set(['concat', 'assign']);

/** One step that makes a new accumulator from a copy of the old one. */
interface Copy {
  /** The new value: the object or array literal, or the `concat`/`Object.assign` call. */
  node: TSESTree.Node;
  shape: CopyShape;
  /** The accumulator read inside it. */
  accumulator: TSESTree.Identifier;
}

export default createRule<[], MessageIds>({
  name: 'no-accumulating-spread',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow copying an accumulator once per element (`reduce((acc, x) => ({ ...acc, … }))`, `list = [...list, x]` in a loop)',
      guide: 'algorithms-and-data-structures',
      recommended: 'strict',
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      useOnePass: 'Build the result in one pass with `{{form}}`.',
      copiedAccumulator:
        '`{{copy}}` copies `{{accumulator}}` for each element of `{{collection}}`: every step copies all that was gathered before it, so the work grows with the square of the count. {{fix}}.',
    },
  },
  create(context) {
    const { sourceCode } = context;
    /** Asked at the first candidate copy, not in create: most files have none. */
    const perElementOptions = () => ({ services: getTypeServices(context)?.services });
    let arrays: ArrayValueAnalyzer | undefined;

    function variableOf(identifier: TSESTree.Identifier): TSESLint.Scope.Variable | undefined {
      return (findVariable(sourceCode.getScope(identifier) as never, identifier as never) as TSESLint.Scope.Variable | null) ?? undefined;
    }

    /** Cheap shape tests first (is the copy assigned back, or returned from a reduce callback?), then scopes. */
    function check(copy: Copy): void {
      if (keepsItsShape(copy, sourceCode.visitorKeys)) return;
      const assignment = reassignmentOf(copy);
      if (assignment) {
        checkLoopStep(copy, assignment);
        return;
      }
      const callback = returningFunction(copy.node);
      const call = callback && reduceCallOf(callback);
      const accumulator = callback?.params[0];
      if (!call || accumulator?.type !== AST_NODE_TYPES.Identifier || accumulator.name !== copy.accumulator.name) return;
      // The name is the callback's first parameter, not a shadowing variable of an inner block.
      if (variableOf(copy.accumulator)?.defs[0]?.name !== accumulator) return;
      checkReduceStep(copy, call);
    }

    /** `items.reduce((acc, x) => ({ ...acc, [x.id]: x }), {})`: the copy is what the callback returns. */
    function checkReduceStep(copy: Copy, call: TSESTree.CallExpression): void {
      // `words.reduce((text, w) => text.concat(w), '')` joins strings, which engines do without copying.
      if (copy.shape === 'concat' && !holdsArray(call.arguments[1])) return;
      const scope = getPerElementScope(copy.node, perElementOptions());
      // Over a small literal list or a constant table, per-element.ts finds no per-element scope, or an outer one.
      if (scope?.node !== call) return;
      report(copy, scope);
    }

    /** `for (const x of xs) list = [...list, x]`: the accumulator lives outside the loop and gets the copy each time. */
    function checkLoopStep(copy: Copy, assignment: TSESTree.AssignmentExpression): void {
      const variable = variableOf(copy.accumulator);
      const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (!def || (def.type !== 'Variable' && def.type !== 'Parameter')) return;
      if (copy.shape === 'concat' && !(def.type === 'Variable' && holdsArray(def.node.init ?? undefined))) return;
      const scope = getPerElementScope(assignment, perElementOptions());
      // Declared inside the loop, it starts empty for each element: each copy is as small as one element's share.
      if (!scope || contains(scope.node, def.name)) return;
      report(copy, scope);
    }

    function report(copy: Copy, scope: PerElementScope): void {
      if (!scope.collection) return;
      arrays ??= getArrayValues(context);
      // Only a collection whose length depends on data: a fixed table or a few rest arguments copy a constant.
      if (arrays.classify(scope.collection) !== 'array' || isRestParameter(scope.collection, sourceCode)) return;
      // The keys of an object neither read from the database nor sent by the client (a preferences record, a row's
      // columns), or a list of one object's property the code gives no size of: most are a handful, and then the
      // square of the count is nothing. An object declared as a dictionary holds as many keys as were put in.
      if (arrays.isDataByGuess(scope.collection) && !listsDeclaredDictionary(scope.collection, sourceCode)) return;
      const requestPath = getRequestPath(context);
      // Tests and browser code; startup code and module set-up run once; page code spends the user's CPU.
      if (QUIET_FILE_KINDS.has(requestPath.fileKind)) return;
      // Asked of the loop or the iteration call: a reduce at module level runs its callback there and then.
      if (runsOnceOrElsewhere(scope.node, requestPath.classify(scope.node)) || requestPath.inPageCode(copy.node)) return;
      const name = copy.accumulator.name;
      const rewrite = scope.node.type === AST_NODE_TYPES.CallExpression ? onePassRewrite(scope.node, sourceCode) : undefined;
      const call = scope.node;
      context.report({
        node: copy.node,
        messageId: 'copiedAccumulator',
        data: { copy: copyText(copy.shape, name), accumulator: name, collection: scope.collectionText, fix: remedy(copy.shape, name, scope.kind === 'callback' && REDUCE_METHODS.has(scope.method ?? '')) },
        suggest: rewrite ? [{ messageId: 'useOnePass', data: { form: rewrite.form }, fix: (fixer) => fixer.replaceText(call, rewrite.text) }] : [],
      });
    }

    /** An array literal, or a value the code shape (or the checker) says is an array. */
    function holdsArray(node: TSESTree.Node | undefined): boolean {
      if (!node) return false;
      const value = skipExpressionWrappers(node);
      if (value.type === AST_NODE_TYPES.ArrayExpression) return true;
      arrays ??= getArrayValues(context);
      const kind = arrays.classify(value);
      return kind === 'array' || kind === 'fixed';
    }

    return {
      SpreadElement(spread) {
        const argument = skipExpressionWrappers(spread.argument);
        if (argument.type !== AST_NODE_TYPES.Identifier) return;
        const literal = spread.parent;
        if (literal.type === AST_NODE_TYPES.ObjectExpression) check({ node: literal, shape: 'object-spread', accumulator: argument });
        else if (literal.type === AST_NODE_TYPES.ArrayExpression) {
          const construction = copyingConstruction(literal);
          check({ node: construction ?? literal, shape: construction ? (construction.callee as TSESTree.Identifier).name === 'Set' ? 'set-spread' : 'map-spread' : 'array-spread', accumulator: argument });
        }
      },
      'CallExpression[callee.type="MemberExpression"][callee.property.name=/^(?:concat|assign)$/]'(call: TSESTree.CallExpression) {
        const callee = call.callee as TSESTree.MemberExpression;
        const object = skipExpressionWrappers(callee.object);
        if (memberName(callee) === 'concat') {
          if (object.type === AST_NODE_TYPES.Identifier) check({ node: call, shape: 'concat', accumulator: object });
          return;
        }
        // `Object.assign({}, acc, { [k]: v })`: a fresh object with everything `acc` holds.
        if (object.type !== AST_NODE_TYPES.Identifier || object.name !== 'Object' || call.arguments.length < 2) return;
        const [target, source] = call.arguments.map((argument) => skipExpressionWrappers(argument));
        if (target.type !== AST_NODE_TYPES.ObjectExpression || target.properties.length > 0 || source.type !== AST_NODE_TYPES.Identifier) return;
        check({ node: call, shape: 'assign', accumulator: source });
      },
    };
  },
});

/** Nodes looked at in the values of a copy's properties before giving up (and reporting, as before the look). */
const MAX_VALUE_NODES = 200;

/**
 * `{ ...state, count: state.count + 1 }`: every key the copy adds is written in the code, so the object never holds
 * more keys than its initial value and those names. Each copy is as large as the one before and the loop stays
 * linear: a parser's state threaded through a reduce (Logto's parentheses matcher). A computed key, another spread,
 * or a value that copies a list of its own (`items: [...state.items, item]`) can grow, and is still reported.
 */
function keepsItsShape(copy: Copy, visitorKeys: Readonly<TSESLint.SourceCode>['visitorKeys']): boolean {
  let added: TSESTree.Node[];
  if (copy.shape === 'object-spread') added = [copy.node];
  else if (copy.shape === 'assign') added = (copy.node as TSESTree.CallExpression).arguments.slice(2).map((argument) => skipExpressionWrappers(argument));
  else return false;
  if (added.length === 0) return false;
  const values: TSESTree.Node[] = [];
  for (const literal of added) {
    if (literal.type !== AST_NODE_TYPES.ObjectExpression) return false;
    for (const property of literal.properties) {
      if (property.type === AST_NODE_TYPES.SpreadElement) {
        if (skipExpressionWrappers(property.argument) !== copy.accumulator) return false;
        continue;
      }
      if (property.computed && property.key.type !== AST_NODE_TYPES.Literal) return false;
      values.push(property.value);
    }
  }
  return !values.some((value) => mayCopyAList(value, visitorKeys));
}

/** `value` holds a spread, a `concat`/`Object.assign` call or a `new Set`/`new Map`: something that may copy what was gathered. */
function mayCopyAList(value: TSESTree.Node, visitorKeys: Readonly<TSESLint.SourceCode>['visitorKeys']): boolean {
  const stack = [value];
  for (let seen = 0; stack.length > 0; seen++) {
    if (seen >= MAX_VALUE_NODES) return true;
    const node = stack.pop() as TSESTree.Node;
    switch (node.type) {
      case AST_NODE_TYPES.SpreadElement:
        return true;
      case AST_NODE_TYPES.CallExpression:
        if (node.callee.type === AST_NODE_TYPES.MemberExpression && COPYING_METHODS.has(memberName(node.callee) ?? '')) return true;
        break;
      case AST_NODE_TYPES.NewExpression:
        if (node.callee.type === AST_NODE_TYPES.Identifier && COPYING_CONSTRUCTORS.has(node.callee.name)) return true;
        break;
      default:
        break;
    }
    pushChildNodes(node, visitorKeys, stack);
  }
  return false;
}

/** `list = <copy of list>`: an assignment of the copy back to the variable it copies. */
function reassignmentOf(copy: Copy): TSESTree.AssignmentExpression | undefined {
  const { child, parent } = parentSkippingWrappers(copy.node);
  if (parent?.type !== AST_NODE_TYPES.AssignmentExpression || parent.operator !== '=' || parent.right !== child) return undefined;
  const target = skipExpressionWrappers(parent.left);
  return target.type === AST_NODE_TYPES.Identifier && target.name === copy.accumulator.name ? parent : undefined;
}

/** The `reduce`/`reduceRight` call `callback` is the first argument of. */
function reduceCallOf(callback: TSESTree.FunctionLike): TSESTree.CallExpression | undefined {
  const { child, parent } = parentSkippingWrappers(callback);
  if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.arguments[0] !== child) return undefined;
  const callee = skipExpressionWrappers(parent.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const method = memberName(callee);
  return method !== undefined && REDUCE_METHODS.has(method) ? parent : undefined;
}

/** `new Set([...seen, id])` and `new Map([...byId, [k, v]])` copy what the spread copies: the new accumulator is the construction. */
function copyingConstruction(literal: TSESTree.ArrayExpression): TSESTree.NewExpression | undefined {
  const { child, parent } = parentSkippingWrappers(literal);
  if (parent?.type !== AST_NODE_TYPES.NewExpression || parent.arguments[0] !== child || parent.callee.type !== AST_NODE_TYPES.Identifier) return undefined;
  return COPYING_CONSTRUCTORS.has(parent.callee.name) ? parent : undefined;
}

/**
 * The function `value` is the returned value of: as an arrow's expression body or in a `return` of its own, directly
 * or as a branch of `cond ? … : …` or `a ?? …` (`(acc, x) => (x.ok ? [...acc, x] : acc)` copies at every kept element).
 */
function returningFunction(value: TSESTree.Node): TSESTree.FunctionLike | undefined {
  let current = value;
  for (let depth = 0; depth < 8; depth++) {
    const { child, parent } = parentSkippingWrappers(current);
    if (!parent) return undefined;
    switch (parent.type) {
      case AST_NODE_TYPES.ArrowFunctionExpression:
        return parent.body === child ? parent : undefined;
      case AST_NODE_TYPES.ReturnStatement:
        return enclosingFunction(parent);
      case AST_NODE_TYPES.ConditionalExpression:
        if (parent.test === child) return undefined;
        break;
      case AST_NODE_TYPES.LogicalExpression:
        break;
      case AST_NODE_TYPES.SequenceExpression:
        if (parent.expressions.at(-1) !== child) return undefined;
        break;
      default:
        return undefined;
    }
    current = parent;
  }
  return undefined;
}

function copyText(shape: CopyShape, name: string): string {
  switch (shape) {
    case 'object-spread':
      return `{ ...${name}, … }`;
    case 'array-spread':
      return `[...${name}, …]`;
    case 'set-spread':
      return `new Set([...${name}, …])`;
    case 'map-spread':
      return `new Map([...${name}, …])`;
    case 'concat':
      return `${name}.concat(…)`;
    case 'assign':
      return `Object.assign({}, ${name}, …)`;
  }
}

/** What to write instead: change the accumulator in place (and hand it back, in a reduce callback). */
function remedy(shape: CopyShape, name: string, inReduce: boolean): string {
  const handBack = inReduce ? ` and return \`${name}\`` : '';
  switch (shape) {
    case 'object-spread':
      return `Set the key on \`${name}\` (\`${name}[key] = value\`)${handBack}, or build the object in one pass with \`Object.fromEntries(…)\` or a Map`;
    case 'assign':
      return `Assign into \`${name}\` itself (\`Object.assign(${name}, …)\`)${handBack}`;
    case 'array-spread':
      return `Push onto \`${name}\` (\`${name}.push(…)\`)${handBack}, or build the array in one pass with \`map\`/\`flatMap\`/\`filter\``;
    case 'set-spread':
      return `Add to \`${name}\` (\`${name}.add(…)\`)${handBack}, or build the Set once from all the values`;
    case 'map-spread':
      return `Set the entry on \`${name}\` (\`${name}.set(key, value)\`)${handBack}, or build the Map once from all the entries`;
    case 'concat':
      return `Push onto \`${name}\` (\`${name}.push(...items)\`)${handBack}, or build the array in one pass with \`flatMap\`/\`flat\``;
  }
}

/**
 * Is a value an array, and does the code fix its length?
 *
 * `classify(node)` answers:
 * - `fixed`: an array whose length the code spells out: an array literal of listed elements (`['admin', 'owner']`,
 *   `[a, b]`), a variable or class field holding one that is never added to in a loop, a function or with a
 *   spread (`push(...rows)`), `Array.of(…)`, `Object.keys/values/entries` of an object literal, an enum or an
 *   import named like one or like a constant (`Colors`, `INTERNAL_CLAIM_ID`; with type information, any enum), or of
 *   a part of one (`Roles.values`, `CONFIG[name].syncs`),
 *   `map`/`filter`/`slice` of such arrays, a `process.env` value or a setting (`config.get('x')`, `meta.config.x`) split
 *   into a list, a fixed-length tuple, a list as it is when walked, before the walk or later code reassigns or grows it; also a list
 *   declared of an enum or of a few literals (`types: Color[]`, `('read' | 'write')[]`), which holds no more distinct
 *   values than its type has, an array parameter of a function only this file calls, always with fixed lists, and
 *   (with type information) an imported `const` another file of the program declares as a list of fixed length
 *   (imported-constants.ts);
 * - `array`: an array whose length depends on data: rows a database read returned (src/analysis/query-results.ts),
 *   `map`/`filter`/`flatMap`/`flat` results of such arrays, of request input or of other unsized lists (see below),
 *   `Array.from(…)`, `Object.keys/values/entries(…)` of other objects,
 *   `split(…)` results, literals with spreads of such arrays, literals filled in a loop, a function or by a spread,
 *   an empty literal handed to other code to fill, parameters, fields and variables without an initialiser (or
 *   assigned again) annotated `T[]`/`Array<T>`/`ReadonlyArray<T>` or a tuple with a rest element, the list a zod
 *   schema of a list hands its refinements, and (with type information) any value whose type is an array;
 * - `other`: known not to be an array: strings, numbers, objects, Sets and Maps, typed arrays and other classes
 *   (from the code, or from the type checker, which wins over the code shape except for `fixed`);
 * - undefined: the code does not say (parameters without annotations, imports, properties of other objects,
 *   results of unknown functions, `map`/`filter` results of an import or of a package client's page, variables
 *   initialised with one of those whatever their annotation, and variables or fields declared `any` unless they hold
 *   query rows). `map`/`filter` of other unsized lists (what a project helper returned) count as data.
 *
 * Without type information the answer comes from the code's shape alone; with it, the checker decides
 * whenever the type says something (`any`, `unknown` and type parameters say nothing).
 */
import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast/node-types';
import type * as ts from 'typescript';
import { contains, isFunction, isModuleLevelDeclaration, isPrivateMember, runsRepeatedly, decoratorsOf } from '../ast/code-shape';
import { isCapitalisedName } from '../ast/identifier-words';
import { constInitializer, enclosingClassOfThis, getTypeServices, memberName, skipExpressionWrappers, type TypeServices } from './library-origin';
import { importsFixedList } from './imported-constants';
import { importedName, isEnumImport, isEnumName, isImportedEnum, isProjectModuleSpecifier } from './modules';
import { exportsFewValuedType, moduleParserFor, resolveProjectModule } from './module-files';
import { getQueryResults, type QueryResultAnalyzer } from './query-results';
import { getRequestInput, type RequestInputAnalyzer } from './request-input';
import { getDbOperations } from './db-operations';
import { FileCache } from './per-file';
import { typescript } from './typescript-module';
import { pushChildNodes } from '../ast/children';

export type ArrayKind = 'fixed' | 'array' | 'other';

export interface ArrayValueAnalyzer {
  /** What `node` evaluates to: an array of fixed length, an array of data-dependent length, not an array, or undefined when unknown. */
  classify(node: TSESTree.Node): ArrayKind | undefined;
  /** What the code shape alone says, ignoring type information (but for telling an enum under any name, or a list of one). */
  classifyByShape(node: TSESTree.Node): ArrayKind | undefined;
  /**
   * `node`, or the `const` holding it, counts as data on a guess only: a map or filter of one object's property the code
   * gives no size of (`order.fulfillments.filter(…)`, see `unsizedReceiver`), or the keys or values of an object
   * (`Object.keys(sortParams)`), neither read from the database nor sent by the client. A rule weighing two lists against
   * each other may ask the other for evidence.
   */
  isDataByGuess(node: TSESTree.Node): boolean;
}

type Variable = TSESLint.Scope.Variable;
type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

const MAX_DEPTH = 16;
/** How many property steps a part of a constant table may be from its root (`CONFIG[integration].syncs` is two). */
const MAX_TABLE_PATH = 4;
/** The most entries of a catalogue whose every entry is checked (a list of fonts runs to some 1,500). */
const MAX_CATALOGUE_ENTRIES = 5_000;
/** Methods that pick one entry of a list. */
const ENTRY_PICKING_METHODS = new Set(['find', 'findLast', 'at']);

/** The list an entry is picked from: `fonts.find(…)`, `fonts.at(-1)`, `fonts[index]`. */
function pickedEntrySource(node: TSESTree.Node): TSESTree.Identifier | undefined {
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const callee = skipExpressionWrappers(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || !ENTRY_PICKING_METHODS.has(memberName(callee) ?? '')) return undefined;
    const list = skipExpressionWrappers(callee.object);
    return list.type === AST_NODE_TYPES.Identifier ? list : undefined;
  }
  if (node.type === AST_NODE_TYPES.MemberExpression && node.computed) {
    const list = skipExpressionWrappers(node.object);
    return list.type === AST_NODE_TYPES.Identifier ? list : undefined;
  }
  return undefined;
}

/** Methods whose result is an array of at most the receiver's length (or of data-dependent length): always a new array. */
const ARRAY_BUILDING_METHODS = new Set(['map', 'filter', 'flatMap', 'flat']);
/** Methods that return the receiver's elements, reordered or cut: an array exactly when the receiver is one (strings have `slice` too). */
const SAME_KIND_METHODS = new Set(['slice', 'sort', 'toSorted', 'reverse', 'toReversed', 'toSpliced', 'with', 'fill', 'copyWithin']);
/** Calls on a variable holding an array that add elements to it. */
const GROWING_METHODS = new Set(['push', 'unshift', 'splice']);
const OBJECT_LISTS = new Set(['keys', 'values', 'entries', 'getOwnPropertyNames']);
/** Globals constructed into things that are not arrays. */
const NON_ARRAY_CONSTRUCTORS = new Set(['Set', 'Map', 'WeakSet', 'WeakMap', 'Date', 'RegExp', 'URL', 'URLSearchParams', 'Error', 'Object', 'String', 'Number', 'Boolean', 'Promise']);
const TYPED_ARRAY = /^(?:Int8|Uint8|Uint8Clamped|Int16|Uint16|Int32|Uint32|Float16|Float32|Float64|BigInt64|BigUint64)Array$/;
/** Array methods a list goes through on its way to a receiver (`toolList.map(…).map(…)`). */
const ARRAY_METHOD_CHAIN = new Set(['map', 'filter', 'flat', 'flatMap', 'slice', 'concat', 'sort', 'toSorted', 'reverse', 'toReversed']);
/** Methods of a zod schema whose callback's first parameter is the value being validated. */
const SCHEMA_REFINEMENTS = new Set(['refine', 'superRefine', 'transform']);
/** Methods of a zod schema that keep its value as it is: a refinement, a lower bound, a description. */
const SCHEMA_KEEPING_METHODS = new Set(['min', 'nonempty', 'optional', 'nullable', 'nullish', 'default', 'catch', 'describe', 'brand', 'readonly', 'refine', 'superRefine']);
/** zod schemas of a few values (`z.enum(['a', 'b'])`, `z.nativeEnum(Color)`, `z.literal('a')`). */
const FEW_VALUED_SCHEMAS = new Set(['enum', 'nativeEnum', 'literal']);
/** Receivers whose `.map`/`.filter` return streams, cursors or observables. */
const STREAM_NAME = /(?:cursor|stream|readable)$|\$$/i;

class Analyzer implements ArrayValueAnalyzer {
  private readonly shapes = new WeakMap<TSESTree.Node, ArrayKind | null>();
  private readonly inProgress = new Set<TSESTree.Node>();
  private readonly classGrowth = new WeakMap<ClassNode, Set<string>>();
  private queryResults: QueryResultAnalyzer | undefined;
  private requestInput: RequestInputAnalyzer | undefined;
  private depth = 0;

  constructor(
    private readonly context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
    private readonly types: TypeServices | undefined,
  ) {}

  classify(node: TSESTree.Node): ArrayKind | undefined {
    const shape = this.classifyByShape(node);
    if (shape === 'fixed' || !this.types) return shape;
    const typed = this.typeKind(node);
    // `SESSION_COLUMNS` imported from a constants module: typed `string[]`, declared as a literal of nine.
    if (typed === 'array' && shape === undefined && importsFixedList(this.types.services, this.types.checker, node)) return 'fixed';
    return typed ?? shape;
  }

  classifyByShape(node: TSESTree.Node): ArrayKind | undefined {
    const known = this.shapes.get(node);
    if (known !== undefined) return known ?? undefined;
    if (this.inProgress.has(node) || this.depth >= MAX_DEPTH) return undefined;
    this.inProgress.add(node);
    this.depth++;
    let kind: ArrayKind | undefined;
    try {
      kind = this.shape(node);
    } catch {
      kind = undefined;
    } finally {
      this.depth--;
      this.inProgress.delete(node);
    }
    this.shapes.set(node, kind ?? null);
    return kind;
  }

  private get sourceCode(): Readonly<TSESLint.SourceCode> {
    return this.context.sourceCode;
  }

  isDataByGuess(node: TSESTree.Node): boolean {
    let current = skipExpressionWrappers(node);
    for (let steps = 0; steps < 3 && current.type === AST_NODE_TYPES.Identifier; steps++) {
      const init = constInitializer(current, this.sourceCode.getScope(current));
      if (!init) return false;
      current = skipExpressionWrappers(init);
    }
    if (current.type !== AST_NODE_TYPES.CallExpression || current.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    const method = memberName(current.callee);
    const object = skipExpressionWrappers(current.callee.object);
    let source: TSESTree.Node | undefined;
    if (object.type === AST_NODE_TYPES.Identifier && object.name === 'Object' && OBJECT_LISTS.has(method ?? '') && this.isGlobal(object)) {
      const [first] = current.arguments;
      source = first && first.type !== AST_NODE_TYPES.SpreadElement ? skipExpressionWrappers(first) : undefined;
    } else if (ARRAY_BUILDING_METHODS.has(method ?? '')) {
      // `Object.entries(row).filter(…)`: a guess, mapped or filtered, stays one.
      if (object.type === AST_NODE_TYPES.CallExpression && this.isDataByGuess(object)) return this.classifyByShape(current) === 'array';
      const property = propertyListRoot(object);
      if (property && this.classifyByShape(property) === undefined) source = property;
    }
    return source !== undefined && this.classifyByShape(current) === 'array' && !this.isRequestInput(source) && !this.isFromDatabaseRead(source);
  }

  private rows(node: TSESTree.Node): boolean {
    this.queryResults ??= getQueryResults(this.context);
    return this.queryResults.rowsOf(node) !== undefined;
  }

  /** Read from what a client sent (`req.body.items`): mapped or filtered, a list as long as the client makes it. */
  private isRequestInput(node: TSESTree.Node): boolean {
    this.requestInput ??= getRequestInput(this.context);
    return this.requestInput.inputOf(node) !== undefined;
  }

  /**
   * A list the code gives no size of, mapped or filtered: data, as most lists a backend handles are (what a project
   * helper returned, a property of a row), unless it is a module's export (Postiz's imported tool classes) or a page an
   * SDK hands back (`(await stripe.subscriptions.list(…)).data`), neither of which grows with the data.
   */
  private unsizedReceiver(object: TSESTree.Node): ArrayKind | undefined {
    if (this.isRequestInput(object) || this.isFromDatabaseRead(object)) return 'array';
    return this.isModuleOrPackageList(object) || this.isRefinedValue(object) ? undefined : 'array';
  }

  /**
   * `toolList`, `config.plans` (imports), `(await stripe.subscriptions.list()).data` (a call of a package's client),
   * through the array methods applied to them: see `unsizedReceiver`.
   */
  private isModuleOrPackageList(node: TSESTree.Node): boolean {
    let root = skipExpressionWrappers(node);
    for (let steps = 0; steps < 12; steps++) {
      if (root.type === AST_NODE_TYPES.MemberExpression) root = memberChainRoot(root);
      else if (root.type === AST_NODE_TYPES.CallExpression && root.callee.type === AST_NODE_TYPES.MemberExpression && ARRAY_METHOD_CHAIN.has(memberName(root.callee) ?? '')) root = skipExpressionWrappers(root.callee.object);
      else break;
    }
    if (root.type === AST_NODE_TYPES.AwaitExpression) root = skipExpressionWrappers(root.argument);
    if (root.type === AST_NODE_TYPES.CallExpression) return this.isPackageCall(root);
    if (root.type !== AST_NODE_TYPES.Identifier) return false;
    const def = this.singleDef(root);
    if (def?.type === 'ImportBinding') return true;
    // A page held first: `const page = await openai.vectorStores.files.list(id)`, then `page.data` (Flowise).
    const init = def?.type === 'Variable' && def.parent?.kind === 'const' && def.node.id.type === AST_NODE_TYPES.Identifier ? def.node.init : null;
    const awaited = init && skipExpressionWrappers(init);
    // `const settings = getSettings()`, then `settings.radarr`: the state an imported accessor hands out, read at once
    // and with nothing to select by, is the module's, as an import is (Jellyseerr's settings).
    if (awaited?.type === AST_NODE_TYPES.CallExpression && awaited.arguments.length === 0 && awaited.callee.type === AST_NODE_TYPES.Identifier && this.singleDef(awaited.callee)?.type === 'ImportBinding') {
      return root !== node;
    }
    if (awaited?.type !== AST_NODE_TYPES.AwaitExpression) return false;
    const call = skipExpressionWrappers(awaited.argument);
    return call.type === AST_NODE_TYPES.CallExpression && this.isPackageCall(call);
  }

  /** `stripe.subscriptions.list(…)` on a client a package made (`new Stripe(key)`), or a package's function: no project helper. */
  private isPackageCall(call: TSESTree.CallExpression): boolean {
    const root = memberChainRoot(call.callee);
    if (root.type !== AST_NODE_TYPES.Identifier) return false;
    const def = this.singleDef(root);
    if (def?.type === 'Variable') {
      const init = def.node.init && skipExpressionWrappers(def.node.init);
      if (init?.type !== AST_NODE_TYPES.NewExpression && init?.type !== AST_NODE_TYPES.CallExpression) return false;
      // `const getSurvey = reactCache(async (id) => …)`, `memoize(fn)`: a project function a package wraps, not its client.
      if (init.type === AST_NODE_TYPES.CallExpression && init.arguments.some((argument) => argument.type === AST_NODE_TYPES.ArrowFunctionExpression || argument.type === AST_NODE_TYPES.FunctionExpression)) return false;
      const maker = memberChainRoot(init.callee);
      return maker.type === AST_NODE_TYPES.Identifier && this.isPackageImport(maker);
    }
    return this.isPackageImport(root);
  }

  private isPackageImport(identifier: TSESTree.Identifier): boolean {
    const source = this.importSource(identifier);
    return source !== undefined && !isProjectModuleSpecifier(source, identifier);
  }

  /** The module an identifier is imported from, when an `import` declaration binds it. */
  private importSource(identifier: TSESTree.Identifier): string | undefined {
    const def = this.singleDef(identifier);
    return def?.type === 'ImportBinding' ? (def.parent as TSESTree.ImportDeclaration | null)?.source.value : undefined;
  }

  /** A parameter of a callback refining a schema (`.superRefine((ids) => …)`): what the schema says, or nothing. */
  private isRefinedValue(node: TSESTree.Node): boolean {
    const root = memberChainRoot(node);
    const def = root.type === AST_NODE_TYPES.Identifier ? this.singleDef(root) : undefined;
    const call = def?.type === 'Parameter' ? (def.node as TSESTree.Node).parent : undefined;
    return call?.type === AST_NODE_TYPES.CallExpression && call.callee.type === AST_NODE_TYPES.MemberExpression && SCHEMA_REFINEMENTS.has(memberName(call.callee) ?? '');
  }

  /**
   * Read from what a database read returned: a relation of a row (`organisation.members`, Documenso's invites), groups
   * (`prisma.payout.groupBy(…)`, Dub's reminders). As long as the data makes it, unlike an imported list or a page an
   * API hands back.
   */
  private isFromDatabaseRead(node: TSESTree.Node): boolean {
    let root = memberChainRoot(node);
    if (root.type === AST_NODE_TYPES.Identifier) {
      const init = constInitializer(root, this.context.sourceCode.getScope(root));
      if (!init) return false;
      root = skipExpressionWrappers(init);
    }
    if (root.type === AST_NODE_TYPES.AwaitExpression) root = skipExpressionWrappers(root.argument);
    if (root.type !== AST_NODE_TYPES.CallExpression) return false;
    const operation = getDbOperations(this.context).classify(root);
    return operation !== undefined && (operation.kind === 'read' || operation.kind === 'raw');
  }

  private shape(node: TSESTree.Node): ArrayKind | undefined {
    switch (node.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.TSSatisfiesExpression: {
        const inner = skipExpressionWrappers(node.expression);
        // `[...revisionStatus, 'open'] as const`: a tuple the code spells out, spreading other module tables.
        if (isConstAssertion(node) && inner.type === AST_NODE_TYPES.ArrayExpression && this.spreadsOnlyModuleTables(inner)) return 'fixed';
        const kind = this.classifyByShape(node.expression);
        // `ENV_SCOPED_PERMISSIONS as readonly string[]`: a cast tells nothing of an imported table's length.
        if (kind === undefined && inner.type === AST_NODE_TYPES.Identifier && this.isImport(inner)) return undefined;
        return kind ?? this.annotated(node.typeAnnotation);
      }
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.ChainExpression:
      case AST_NODE_TYPES.TSInstantiationExpression:
        return this.classifyByShape(node.expression);
      case AST_NODE_TYPES.ArrayExpression:
        return this.literal(node);
      case AST_NODE_TYPES.Literal:
      case AST_NODE_TYPES.TemplateLiteral:
      case AST_NODE_TYPES.ObjectExpression:
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.FunctionExpression:
      case AST_NODE_TYPES.ClassExpression:
      case AST_NODE_TYPES.BinaryExpression:
      case AST_NODE_TYPES.UnaryExpression:
      case AST_NODE_TYPES.UpdateExpression:
        return 'other';
      case AST_NODE_TYPES.NewExpression: {
        const callee = skipExpressionWrappers(node.callee);
        if (callee.type !== AST_NODE_TYPES.Identifier || !this.isGlobal(callee)) return undefined;
        if (callee.name === 'Array') return 'array';
        return NON_ARRAY_CONSTRUCTORS.has(callee.name) || TYPED_ARRAY.test(callee.name) ? 'other' : undefined;
      }
      case AST_NODE_TYPES.Identifier:
        return this.variable(node);
      case AST_NODE_TYPES.MemberExpression:
        if (skipExpressionWrappers(node.object).type === AST_NODE_TYPES.ThisExpression) return this.classMember(node);
        return this.rows(node) ? 'array' : undefined;
      case AST_NODE_TYPES.AwaitExpression: {
        if (this.rows(node)) return 'array';
        // await Promise.all(list): one result per element of the list.
        const call = skipExpressionWrappers(node.argument);
        if (call.type !== AST_NODE_TYPES.CallExpression || !this.isGlobalStatic(call, 'Promise', ['all', 'allSettled'])) return undefined;
        const list = call.arguments[0];
        return list && list.type !== AST_NODE_TYPES.SpreadElement ? this.arrayOnly(this.classifyByShape(list)) : undefined;
      }
      case AST_NODE_TYPES.CallExpression:
        return this.call(node);
      case AST_NODE_TYPES.LogicalExpression:
        return node.operator === '&&' ? undefined : either([this.classifyByShape(node.left), this.classifyByShape(node.right)]);
      case AST_NODE_TYPES.ConditionalExpression:
        return either([this.classifyByShape(node.consequent), this.classifyByShape(node.alternate)]);
      case AST_NODE_TYPES.SequenceExpression:
        return this.classifyByShape(node.expressions[node.expressions.length - 1]);
      default:
        return undefined;
    }
  }

  private arrayOnly(kind: ArrayKind | undefined): ArrayKind | undefined {
    return kind === 'other' ? undefined : kind;
  }

  /** `[a, b]` is fixed; spreads make it as long as what they spread. */
  /** Every spread of the literal is a fixed array, an import, or a module-level `const` (tables of the modules). */
  private spreadsOnlyModuleTables(node: TSESTree.ArrayExpression): boolean {
    return node.elements.every((element) => {
      if (element?.type !== AST_NODE_TYPES.SpreadElement) return true;
      const spread = skipExpressionWrappers(element.argument);
      const kind = this.classifyByShape(spread);
      if (kind === 'fixed') return true;
      if (kind === 'array' || spread.type !== AST_NODE_TYPES.Identifier) return false;
      const def = this.variableOf(spread)?.defs;
      if (def?.length !== 1) return false;
      if (def[0].type === 'ImportBinding') return true;
      const declaration = def[0].type === 'Variable' ? (def[0].node as TSESTree.VariableDeclarator).parent : undefined;
      return declaration?.type === AST_NODE_TYPES.VariableDeclaration && declaration.kind === 'const' && declaration.parent?.type === AST_NODE_TYPES.Program;
    });
  }

  private isImport(identifier: TSESTree.Identifier): boolean {
    const defs = this.variableOf(identifier)?.defs;
    return defs?.length === 1 && defs[0].type === 'ImportBinding';
  }

  private literal(node: TSESTree.ArrayExpression): ArrayKind {
    for (const element of node.elements) {
      if (element?.type !== AST_NODE_TYPES.SpreadElement) continue;
      if (this.classifyByShape(this.setSource(element.argument) ?? element.argument) !== 'fixed') return 'array';
    }
    return 'fixed';
  }

  /** `new Set(list)`: its distinct values are no more than the list's (`[...new Set([issuer, tokenUrl])]`). */
  private setSource(node: TSESTree.Node): TSESTree.Node | undefined {
    const current = skipExpressionWrappers(node);
    if (current.type !== AST_NODE_TYPES.NewExpression || current.arguments.length !== 1 || current.arguments[0].type === AST_NODE_TYPES.SpreadElement) return undefined;
    const callee = skipExpressionWrappers(current.callee);
    return callee.type === AST_NODE_TYPES.Identifier && callee.name === 'Set' && this.isGlobal(callee) ? current.arguments[0] : undefined;
  }

  private call(call: TSESTree.CallExpression): ArrayKind | undefined {
    const callee = skipExpressionWrappers(call.callee);
    if (callee.type === AST_NODE_TYPES.Identifier) return callee.name === 'Array' && this.isGlobal(callee) ? 'array' : undefined;
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const method = memberName(callee);
    if (method === undefined) return undefined;
    const object = skipExpressionWrappers(callee.object);
    if (object.type === AST_NODE_TYPES.Identifier && (object.name === 'Array' || object.name === 'Object' || object.name === 'Promise') && this.isGlobal(object)) {
      return this.staticCall(object.name, method, call);
    }
    if (ARRAY_BUILDING_METHODS.has(method)) {
      if (this.iteratesSomethingElse(object)) return undefined;
      const receiver = this.classifyByShape(object) ?? this.unsizedReceiver(object);
      // Flattening a fixed list of lists (`[hidden, blocked].flat()`) gives as many elements as the lists hold.
      if (receiver === 'fixed' && (method === 'flat' || method === 'flatMap')) return undefined;
      // As long as the receiver, or shorter: a list of unknown length (an import, another object's property) stays unknown.
      return this.arrayOnly(receiver);
    }
    if (SAME_KIND_METHODS.has(method)) return this.arrayOnly(this.classifyByShape(object));
    if (method === 'concat') {
      const receiver = this.arrayOnly(this.classifyByShape(object));
      if (!receiver) return undefined;
      const parts = call.arguments.map((argument) => (argument.type === AST_NODE_TYPES.SpreadElement ? undefined : this.classifyByShape(argument)));
      return receiver === 'fixed' && parts.every((part) => part === 'fixed' || part === 'other') ? 'fixed' : 'array';
    }
    if (method === 'split') return isWrittenText(object) || (readsEnvironment(object, this.context.sourceCode) && !this.isRequestInput(object)) ? 'fixed' : 'array';
    return undefined;
  }

  private staticCall(owner: 'Array' | 'Object' | 'Promise', method: string, call: TSESTree.CallExpression): ArrayKind | undefined {
    const [first] = call.arguments;
    if (owner === 'Promise') return 'other';
    if (owner === 'Array') {
      if (method === 'of') return 'fixed';
      if (method !== 'from') return method === 'isArray' ? 'other' : undefined;
      if (!first || first.type === AST_NODE_TYPES.SpreadElement) return 'array';
      const source = skipExpressionWrappers(first);
      // Array.from({ length: 3 }) has three elements; Array.from({ length: n }) has n.
      if (source.type === AST_NODE_TYPES.ObjectExpression) return hasLiteralLength(source) ? 'fixed' : 'array';
      return this.classifyByShape(this.setSource(source) ?? source) === 'fixed' ? 'fixed' : 'array';
    }
    if (!OBJECT_LISTS.has(method)) return undefined;
    if (!first || first.type === AST_NODE_TYPES.SpreadElement) return 'array';
    return this.isFixedObject(first) || this.isEnumObject(first) ? 'fixed' : 'array';
  }

  /**
   * An object literal of plain properties, a `const` holding one, an enum, or an import named like an enum or a
   * constant table (`Colors`, `INTERNAL_CLAIM_ID`, `import * as Roles`): its keys are written in the code.
   */
  private isFixedObject(node: TSESTree.Node, depth = 0): boolean {
    const current = skipExpressionWrappers(node);
    if (current.type === AST_NODE_TYPES.ObjectExpression) return current.properties.every((property) => property.type === AST_NODE_TYPES.Property);
    if (isOneElement(current)) return true;
    if (current.type === AST_NODE_TYPES.MemberExpression) return this.isFixedTablePart(current, depth);
    if (current.type !== AST_NODE_TYPES.Identifier || depth > 3) return false;
    const def = this.singleDef(current);
    if (def?.type === 'TSEnumName') return true;
    if (def?.type === 'ImportBinding') return this.isTableImport(current, def);
    if (def?.type !== 'Variable') return false;
    const declarator = def.node as TSESTree.VariableDeclarator;
    return (declarator.parent as TSESTree.VariableDeclaration).kind === 'const' && declarator.id === def.name && declarator.init !== null && this.isFixedObject(declarator.init, depth + 1);
  }

  private singleDef(identifier: TSESTree.Identifier): TSESLint.Scope.Definition | undefined {
    const defs = this.variableOf(identifier)?.defs;
    return defs?.length === 1 ? defs[0] : undefined;
  }

  /**
   * An import named like an enum or a constant table (`Colors`, `INTERNAL_CLAIM_ID`, `import * as Roles`), or any
   * object a published package exports (tesseract.js's `languages`): a table the package fixes. A project module's
   * lower-case export (`statusLabels`) may be a registry the code fills, and stays data.
   */
  private isTableImport(local: TSESTree.Identifier, def: TSESLint.Scope.Definition): boolean {
    const imported = importedName(def.node as TSESTree.Node);
    const source = (def.parent as TSESTree.ImportDeclaration | null)?.source?.value;
    return isCapitalisedName(local.name) || isCapitalisedName(imported) || isEnumImport(imported, source) || (source !== undefined && !isProjectModuleSpecifier(source, local));
  }

  /**
   * A part of such a table (`Roles.values`, `NANGO_INTEGRATION_CONFIG[integration].syncs`): the root is an enum, an
   * import named like a table, or a module-level `const` object literal whose properties lead to fixed tables. A
   * member of anything else (`req.body.items`, a local variable's) is runtime data.
   */
  private isFixedTablePart(member: TSESTree.MemberExpression, depth: number): boolean {
    const path: (string | undefined)[] = [];
    let current: TSESTree.Node = member;
    while (current.type === AST_NODE_TYPES.MemberExpression) {
      if (path.length >= MAX_TABLE_PATH || current.property.type === AST_NODE_TYPES.PrivateIdentifier) return false;
      path.unshift(memberName(current));
      current = skipExpressionWrappers(current.object);
    }
    return current.type === AST_NODE_TYPES.Identifier && this.isFixedTablePath(current, path, depth);
  }

  private isFixedTablePath(root: TSESTree.Identifier, path: readonly (string | undefined)[], depth: number): boolean {
    if (depth > 3) return false;
    const def = this.singleDef(root);
    if (def?.type === 'TSEnumName') return true;
    if (def?.type === 'ImportBinding') return this.isTableImport(root, def);
    if (def?.type !== 'Variable') return false;
    const declarator = def.node as TSESTree.VariableDeclarator;
    const declaration = declarator.parent as TSESTree.VariableDeclaration;
    if (declaration.kind !== 'const' || declarator.id !== def.name || !declarator.init) return false;
    const init = skipExpressionWrappers(declarator.init);
    // `const font = fonts.find((f) => f.family === family)`, then `Object.entries(font.files)`: a part of an entry of a
    // module-level catalogue (Reactive Resume's fonts), wherever the entry is picked.
    const catalogue = pickedEntrySource(init);
    if (catalogue) return this.isFixedCataloguePath(catalogue, path, depth + 1);
    if (!isModuleLevelDeclaration(declaration)) return false;
    if (init.type === AST_NODE_TYPES.Identifier) return this.isFixedTablePath(init, path, depth + 1);
    return init.type === AST_NODE_TYPES.ObjectExpression && this.isFixedLiteralPath(init, path, depth);
  }

  /** A module-level `const` array literal of object literals, each of which leads along `path` to a fixed table. */
  private isFixedCataloguePath(catalogue: TSESTree.Identifier, path: readonly (string | undefined)[], depth: number): boolean {
    const def = this.singleDef(catalogue);
    if (def?.type !== 'Variable') return false;
    const declarator = def.node as TSESTree.VariableDeclarator;
    const declaration = declarator.parent as TSESTree.VariableDeclaration;
    if (declaration.kind !== 'const' || declarator.id !== def.name || !declarator.init || !isModuleLevelDeclaration(declaration)) return false;
    const entries = skipExpressionWrappers(declarator.init);
    if (entries.type !== AST_NODE_TYPES.ArrayExpression || entries.elements.length === 0 || entries.elements.length > MAX_CATALOGUE_ENTRIES) return false;
    return entries.elements.every((entry) => entry?.type === AST_NODE_TYPES.ObjectExpression && this.isFixedLiteralPath(entry, path, depth));
  }

  /** Follows `path` through nested object literals; a computed key (`[integration]`) must lead to a fixed table from every property. */
  private isFixedLiteralPath(value: TSESTree.Node, path: readonly (string | undefined)[], depth: number): boolean {
    const current = skipExpressionWrappers(value);
    if (path.length === 0) {
      // An empty literal at the end of a path is a slot filled at run time (`CACHE.users[id] = user`).
      if (current.type === AST_NODE_TYPES.ObjectExpression && current.properties.length === 0) return false;
      return this.isFixedObject(current, depth + 1) || this.classifyByShape(current) === 'fixed';
    }
    if (current.type !== AST_NODE_TYPES.ObjectExpression) return false;
    const properties: TSESTree.Property[] = [];
    for (const property of current.properties) {
      // A spread hides which keys there are.
      if (property.type !== AST_NODE_TYPES.Property) return false;
      properties.push(property);
    }
    const [key, ...rest] = path;
    if (key === undefined) return properties.length > 0 && properties.every((property) => this.isFixedLiteralPath(property.value, rest, depth));
    const property = properties.findLast((candidate) => classKeyName(candidate.key, candidate.computed) === key);
    return property !== undefined && this.isFixedLiteralPath(property.value, rest, depth);
  }

  /** With type information, an enum's object under any name (`Object.values(kinds)` with `kinds: typeof Kind`). */
  private isEnumObject(node: TSESTree.Node): boolean {
    if (!this.types) return false;
    const tsNode = this.types.services.esTreeNodeToTSNodeMap.get(node as never) as ts.Node | undefined;
    if (!tsNode) return false;
    const symbol = this.types.checker.getTypeAtLocation(tsNode).getSymbol();
    return symbol !== undefined && (symbol.flags & typescript().SymbolFlags.Enum) !== 0;
  }

  /** `stream.map(…)`, `cursor.filter(…)`, `users$.map(…)`, `O.map(…)` of an imported package namespace: not arrays. */
  private iteratesSomethingElse(receiver: TSESTree.Node): boolean {
    if (receiver.type === AST_NODE_TYPES.MemberExpression) {
      const name = memberName(receiver);
      return name !== undefined && STREAM_NAME.test(name);
    }
    if (receiver.type !== AST_NODE_TYPES.Identifier) return false;
    if (STREAM_NAME.test(receiver.name)) return true;
    const def = this.variableOf(receiver)?.defs[0];
    if (def?.type !== 'ImportBinding') return false;
    const source = (def.parent as TSESTree.ImportDeclaration).source.value;
    return !isProjectSource(source);
  }

  // -------------------------------------------------------------------------------------------------
  // Variables and class fields

  private variableOf(identifier: TSESTree.Identifier): Variable | undefined {
    return (findVariable(this.sourceCode.getScope(identifier) as never, identifier as never) as Variable | null) ?? undefined;
  }

  private isGlobal(identifier: TSESTree.Identifier): boolean {
    const variable = this.variableOf(identifier);
    return !variable || variable.defs.length === 0;
  }

  private isGlobalStatic(call: TSESTree.CallExpression, owner: string, methods: readonly string[]): boolean {
    const callee = skipExpressionWrappers(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || !methods.includes(memberName(callee) ?? '')) return false;
    const object = skipExpressionWrappers(callee.object);
    return object.type === AST_NODE_TYPES.Identifier && object.name === owner && this.isGlobal(object);
  }

  private variable(identifier: TSESTree.Identifier): ArrayKind | undefined {
    const variable = this.variableOf(identifier);
    if (!variable) return undefined;
    if (variable.defs.length === 0) return identifier.name === 'undefined' || identifier.name === 'NaN' || identifier.name === 'Infinity' ? 'other' : undefined;
    if (variable.defs.length !== 1) return undefined;
    const def = variable.defs[0];
    switch (def.type) {
      case 'Variable':
        return this.declaredVariable(variable, def.node as TSESTree.VariableDeclarator, def.name as TSESTree.Identifier, identifier);
      case 'Parameter':
        return this.parameter(def.node as TSESTree.Node, def.name as TSESTree.Identifier);
      case 'FunctionName':
      case 'ClassName':
      case 'TSEnumName':
        return 'other';
      default:
        return undefined;
    }
  }

  /**
   * A parameter that binds `name` directly: its annotation (`ids: string[]`, `ids: string[] = []`,
   * `constructor(private ids: string[])`), or else its default value: `ids = []` takes arrays, of any length.
   * An array is fixed after all when every call of the function passes a fixed one (see `fixedAtEveryCall`).
   */
  private parameter(fn: TSESTree.Node, name: TSESTree.Identifier): ArrayKind | undefined {
    if (!('params' in fn)) return undefined;
    const params = fn.params as TSESTree.Parameter[];
    for (const [index, param] of params.entries()) {
      let inner: TSESTree.Node = param;
      if (inner.type === AST_NODE_TYPES.TSParameterProperty) inner = inner.parameter;
      const fallback = inner.type === AST_NODE_TYPES.AssignmentPattern ? inner.right : undefined;
      if (inner.type === AST_NODE_TYPES.AssignmentPattern) inner = inner.left;
      if (inner !== name) continue;
      let kind: ArrayKind | undefined;
      if (name.typeAnnotation) kind = this.annotated(name.typeAnnotation.typeAnnotation);
      else {
        const given = fallback && this.classifyByShape(fallback);
        kind = given === 'fixed' || given === 'array' ? 'array' : undefined;
      }
      if (kind === undefined && index === 0) kind = this.validatedList(fn);
      return kind === 'array' && this.fixedAtEveryCall(fn, index, name, fallback) ? 'fixed' : kind;
    }
    return undefined;
  }

  /**
   * The first parameter of a callback refining or transforming a zod schema of a list (`z.array(…)`,
   * `z.string().array()`, `z.custom<User[]>()`, then `.superRefine((users) => …)`): the list a client sent, as long
   * as the client makes it unless the schema caps it (`.max(10)`); a list of an enum's values is fixed, as its type's.
   */
  private validatedList(fn: TSESTree.Node): ArrayKind | undefined {
    const call = fn.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== fn) return undefined;
    const callee = skipExpressionWrappers(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || !SCHEMA_REFINEMENTS.has(memberName(callee) ?? '')) return undefined;
    let schema = skipExpressionWrappers(callee.object);
    while (schema.type === AST_NODE_TYPES.CallExpression && schema.callee.type === AST_NODE_TYPES.MemberExpression) {
      const method = memberName(schema.callee) ?? '';
      const owner = skipExpressionWrappers(schema.callee.object);
      if (method === 'array' || method === 'custom') return this.isZodSchema(owner) ? this.listSchemaKind(schema, method, owner) : undefined;
      if (!SCHEMA_KEEPING_METHODS.has(method)) return undefined;
      schema = owner;
    }
    return undefined;
  }

  /** `z.array(z.enum([…]))`, `z.enum([…]).array()`: few distinct values; `z.custom<T[]>()`: what `T[]` says; else a list of data. */
  private listSchemaKind(schema: TSESTree.CallExpression, method: 'array' | 'custom', owner: TSESTree.Node): ArrayKind | undefined {
    if (method === 'custom') {
      const type = schema.typeArguments?.params[0];
      return type && this.arrayOnly(this.annotated(type));
    }
    const element = schema.arguments.length === 0 ? owner : schema.arguments[0];
    return isFewValuedSchema(element) ? 'fixed' : 'array';
  }

  /** A call chain rooted at an import from zod (`z.string()`, `z`). */
  private isZodSchema(node: TSESTree.Node): boolean {
    let root = node;
    while (root.type === AST_NODE_TYPES.CallExpression || root.type === AST_NODE_TYPES.MemberExpression) {
      root = skipExpressionWrappers(root.type === AST_NODE_TYPES.CallExpression ? root.callee : root.object);
    }
    const source = root.type === AST_NODE_TYPES.Identifier ? this.importSource(root) : undefined;
    return source !== undefined && /^zod(?:\/|$)/.test(source);
  }

  /**
   * The parameter at `index` of a function only this file can call (neither exported nor handed on as a value), and
   * every call passes a fixed list there (`merge(a, b, ['id', 'type'])`), leaves it to a fixed default
   * (`keys: string[] = []`), or hands the parameter itself on (a recursive merge of Amplication's block settings);
   * the function never assigns to it nor adds to it.
   */
  private fixedAtEveryCall(fn: TSESTree.Node, index: number, name: TSESTree.Identifier, fallback: TSESTree.Node | undefined): boolean {
    // A function of the file nobody calls (dead code) never sees a list at all.
    const calls = this.callSites(fn);
    const own = this.variableOf(name);
    if (!calls || !own) return false;
    for (const reference of own.references) {
      const use = growingUse(reference.identifier);
      if ((reference.isWrite() && reference.identifier !== name) || use === 'grows' || use === 'grows-by-spread') return false;
    }
    if (fallback && this.classifyByShape(fallback) !== 'fixed') return false;
    return calls.every((call) => {
      if (!call) return false;
      if (call.arguments.slice(0, index + 1).some((argument) => argument.type === AST_NODE_TYPES.SpreadElement)) return false;
      const argument = call.arguments[index];
      if (!argument) return true;
      const value = skipExpressionWrappers(argument);
      if (value.type === AST_NODE_TYPES.Identifier && this.variableOf(value) === own) return true;
      return this.classifyByShape(argument) === 'fixed';
    });
  }

  /**
   * Every call of `fn`, or undefined when not all uses are known: a function of the file that is not exported (each
   * use of its name; one that is no call gives `undefined` in the list), or a private method, instance or static, whose
   * class calls it as `this.name(…)` and never hands it on (Gauzy's and NocoBase's helpers given a literal list of fields).
   */
  private callSites(fn: TSESTree.Node): (TSESTree.CallExpression | undefined)[] | undefined {
    const variable = this.localFunctionVariable(fn);
    if (variable) {
      return variable.references
        .filter((reference) => !reference.init)
        .map(({ identifier }) => (identifier.parent?.type === AST_NODE_TYPES.CallExpression && identifier.parent.callee === identifier ? identifier.parent : undefined));
    }
    const method = fn.parent;
    if (method?.type !== AST_NODE_TYPES.MethodDefinition || method.value !== fn || !isPrivateMember(method)) return undefined;
    return thisCallsOf(method.parent.parent as TSESTree.ClassDeclaration | TSESTree.ClassExpression, method.key as TSESTree.Identifier | TSESTree.PrivateIdentifier, this.sourceCode.visitorKeys);
  }

  /** The variable naming `fn` (a function declaration, or a `const` holding an arrow or anonymous function) when it is not exported. */
  private localFunctionVariable(fn: TSESTree.Node): Variable | undefined {
    let declaration: TSESTree.Node;
    if (fn.type === AST_NODE_TYPES.FunctionDeclaration && fn.id) declaration = fn;
    else if ((fn.type === AST_NODE_TYPES.ArrowFunctionExpression || (fn.type === AST_NODE_TYPES.FunctionExpression && !fn.id)) && fn.parent.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.init === fn && fn.parent.id.type === AST_NODE_TYPES.Identifier) {
      declaration = fn.parent;
      if ((fn.parent.parent as TSESTree.VariableDeclaration).kind !== 'const') return undefined;
    } else return undefined;
    const statement = declaration.type === AST_NODE_TYPES.VariableDeclarator ? declaration.parent : declaration;
    if (statement?.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration || statement?.parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration) return undefined;
    const variable = this.sourceCode.getDeclaredVariables(declaration).find((candidate) => candidate.defs.length === 1 && candidate.defs[0].node === declaration);
    // A script's top-level function is a global other scripts may call.
    return variable && variable.scope.type !== 'global' ? variable : undefined;
  }

  private declaredVariable(variable: Variable, declarator: TSESTree.VariableDeclarator, name: TSESTree.Identifier, at: TSESTree.Identifier): ArrayKind | undefined {
    // const { rows } = await pool.query(…), const [users, orders] = await Promise.all([…])
    if (declarator.id !== name) return this.rows(at) ? 'array' : undefined;
    const declaration = declarator.parent as TSESTree.VariableDeclaration;
    const loop = declaration.parent;
    if ((loop?.type === AST_NODE_TYPES.ForOfStatement || loop?.type === AST_NODE_TYPES.ForInStatement) && loop.left === declaration) return undefined;
    if (this.rows(at)) return 'array';
    // Read once to be walked (`metrics.forEach(…)`), the list is what it was before the walk: what the walk assigns, or
    // the code after it adds (NodeBB's analytics metrics), comes later.
    const walk = runsRepeatedly(at, declarator) ? undefined : walkOf(at);
    const values: TSESTree.Node[] = declarator.init ? [declarator.init] : [];
    for (const reference of variable.references) {
      if (!reference.isWrite() || reference.init) continue;
      const assignment = reference.identifier.parent;
      if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.operator !== '=' || assignment.left !== reference.identifier) return undefined;
      // `options = options.sort(…)`: the same elements, or fewer.
      if (isNarrowingOfItself(assignment.right, name.name)) continue;
      if (walk && (contains(walkedPart(walk), assignment) || runsAfter(assignment, walk, declarator))) continue;
      values.push(assignment.right);
    }
    const annotation = declarator.id.typeAnnotation?.typeAnnotation;
    let kind = values.length > 0 ? either(values.map((value) => this.classifyByShape(value))) : undefined;
    // Holding only its initialiser, the variable is as long as that (`const limits: string[] = config.limits` is the
    // config's list, whatever it is); the annotation speaks for values assigned elsewhere.
    const onlyInitialised = declarator.init !== null && values.length === 1;
    if (kind === undefined && annotation && !onlyInitialised) kind = this.annotated(annotation);
    if (kind === 'fixed') {
      const literal = declarator.init && skipExpressionWrappers(declarator.init);
      const empty = literal?.type === AST_NODE_TYPES.ArrayExpression && literal.elements.length === 0;
      kind = this.growth(variable, declaration, empty, walk && ((reference) => runsAfter(reference, walk, declarator)));
    }
    return declaredAny(annotation, kind);
  }

  /**
   * A variable holding a fixed-length array that the code adds to: in a loop, in a function, or by a spread
   * (`push(...rows)`) makes its length data-dependent; so does handing an empty one to other code to fill.
   */
  private growth(variable: Variable, declaration: TSESTree.Node, empty: boolean, isLater?: (identifier: TSESTree.Identifier) => boolean): ArrayKind {
    for (const reference of variable.references) {
      if (reference.init) continue;
      const identifier = reference.identifier as TSESTree.Identifier;
      if (isLater?.(identifier)) continue;
      const use = growingUse(identifier);
      if (use === 'grows-by-spread') return 'array';
      if (use === 'grows' && runsRepeatedly(identifier, declaration)) return 'array';
      if (empty && use === 'escapes') return 'array';
    }
    return 'fixed';
  }

  private classMember(member: TSESTree.MemberExpression): ArrayKind | undefined {
    const name = memberName(member);
    const owner = enclosingClassOfThis(member);
    if (name === undefined || !owner) return undefined;
    for (const element of owner.classNode.body.body) {
      if (element.type === AST_NODE_TYPES.PropertyDefinition && element.static === owner.isStatic && classKeyName(element.key, element.computed) === name) {
        const annotation = element.typeAnnotation?.typeAnnotation;
        let kind = element.value ? this.classifyByShape(element.value) : undefined;
        if (kind === undefined && annotation) kind = this.annotated(annotation);
        // Fields are changed from methods: any push, or a new array assigned, makes the length data-dependent.
        if (kind === 'fixed' && this.grownFields(owner.classNode).has(name)) kind = 'array';
        return declaredAny(annotation, kind);
      }
      if (element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'constructor' && !owner.isStatic) {
        for (const param of element.value.params) {
          if (param.type !== AST_NODE_TYPES.TSParameterProperty) continue;
          const inner = param.parameter.type === AST_NODE_TYPES.AssignmentPattern ? param.parameter.left : param.parameter;
          if (inner.type !== AST_NODE_TYPES.Identifier || inner.name !== name) continue;
          const kind = inner.typeAnnotation ? this.annotated(inner.typeAnnotation.typeAnnotation) : undefined;
          // A list the DI container hands in (`@Inject('DataProviders') providers: Provider[]`) is the
          // module's configuration: its length is set at startup, like a literal table's.
          if (kind === 'array' && decoratorsOf(param).some(isInjectDecorator)) return this.grownFields(owner.classNode).has(name) ? 'array' : 'fixed';
          return kind;
        }
      }
    }
    return undefined;
  }

  /** Names of `this.<name>` fields the class pushes to (or splices, or assigns by index), or assigns anew. */
  private grownFields(classNode: ClassNode): Set<string> {
    let grown = this.classGrowth.get(classNode);
    if (grown) return grown;
    grown = new Set();
    const found = grown;
    walk(classNode.body, this.sourceCode.visitorKeys, (node) => {
      if (node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.ThisExpression) {
        const name = memberName(node);
        const use = growingUse(node);
        const assigned = node.parent?.type === AST_NODE_TYPES.AssignmentExpression && node.parent.left === node;
        if (name !== undefined && (assigned || use === 'grows' || use === 'grows-by-spread')) found.add(name);
      }
    });
    this.classGrowth.set(classNode, grown);
    return grown;
  }

  // -------------------------------------------------------------------------------------------------
  // Element types

  /** What an annotation says, knowing which element types have few values. */
  private annotated(type: TSESTree.TypeNode): ArrayKind | undefined {
    return annotationKind(type, (element) => this.hasFewValues(element));
  }

  /**
   * An element type with a few values: a literal or a union of literals (`'read' | 'write'`), an enum of this file or a
   * type alias of it for one of those, or an imported enum. A list of such elements holds no more distinct values
   * than the type has, and code that takes one (`unsupportedTypes: EnumPropertyType[]`) hands in a few of them.
   * Objects holding an enum field (`{ type: Kind }[]`) are data like any other.
   */
  private hasFewValues(element: TSESTree.TypeNode, depth = 0): boolean {
    if (depth > 3) return false;
    switch (element.type) {
      case AST_NODE_TYPES.TSLiteralType:
        return true;
      case AST_NODE_TYPES.TSUnionType: {
        const parts = element.types.filter((part) => part.type !== AST_NODE_TYPES.TSNullKeyword && part.type !== AST_NODE_TYPES.TSUndefinedKeyword);
        return parts.length > 0 && parts.every((part) => this.hasFewValues(part, depth + 1));
      }
      case AST_NODE_TYPES.TSTypeReference:
        return this.namesFewValues(element, depth);
      // Property names (`keys: (keyof T)[]`): as many as the type has, written out by the caller (`omit(user, ['password'])`).
      case AST_NODE_TYPES.TSTypeOperator:
        return element.operator === 'keyof';
      default:
        return false;
    }
  }

  private namesFewValues(reference: TSESTree.TSTypeReference, depth: number): boolean {
    const def = reference.typeName.type === AST_NODE_TYPES.Identifier ? this.singleDef(reference.typeName) : undefined;
    if (def?.type === 'TSEnumName') return true;
    // A type parameter bounded by such a type (`K extends keyof T`): the checker sees only a parameter.
    if (def?.node.type === AST_NODE_TYPES.TSTypeParameter) return def.node.constraint !== undefined && this.hasFewValues(def.node.constraint, depth + 1);
    const alias = def?.type === 'Type' ? def.node : undefined;
    if (alias?.type === AST_NODE_TYPES.TSTypeAliasDeclaration && !alias.typeParameters && this.hasFewValues(alias.typeAnnotation, depth + 1)) return true;
    if (def?.type === 'ClassName' || def?.node.type === AST_NODE_TYPES.TSInterfaceDeclaration) return false;
    // The checker knows what an import, an alias or a qualified name (`$Enums.Role`) is; without it (or when it cannot
    // resolve the import either), only a name may tell.
    const checked = this.types && this.typeHasFewValues(reference);
    if (checked !== undefined) return checked;
    return def?.type === 'ImportBinding' && this.isEnumTypeImport(reference.typeName as TSESTree.Identifier, def);
  }

  /**
   * An import `isEnumImport` takes for an enum. A PascalCase name from a Prisma client is one only if the file also reads
   * it as a value (`Role.ADMIN`): the client exports each model's row type (`User`) too, but as a type alone.
   */
  private isEnumTypeImport(local: TSESTree.Identifier, def: TSESLint.Scope.Definition): boolean {
    const imported = importedName(def.node as TSESTree.Node);
    // Named like one, or read only for its members (`EnumModuleDtoPropertyType.Dto`: Amplication's generated enums).
    if (isEnumName(local.name) || isImportedEnum(local, this.sourceCode)) return true;
    const source = (def.parent as TSESTree.ImportDeclaration | null)?.source?.value;
    if (isEnumImport(imported, source) && (this.variableOf(local)?.references.some((reference) => reference.isValueReference) ?? false)) return true;
    // Declared so in a module of the project, read from disk (Standard Notes' `SubscriptionName`, Flowise's `ChatMessageRatingType`).
    return source !== undefined && this.projectModuleDeclaresFewValues(source, imported);
  }

  private readonly fewValuedImports = new Map<string, boolean>();

  /** The module of the project `source` names exports `name` as an enum or an alias of literals (see module-files.ts). */
  private projectModuleDeclaresFewValues(source: string, name: string): boolean {
    const key = `${source}\0${name}`;
    let answer = this.fewValuedImports.get(key);
    if (answer === undefined) {
      const { cwd, filename } = this.context;
      const parse = moduleParserFor(this.context);
      const file = parse && resolveProjectModule(cwd, filename, source);
      answer = file !== undefined && parse !== undefined && exportsFewValuedType(cwd, parse, file, name);
      this.fewValuedImports.set(key, answer);
    }
    return answer;
  }

  /** What the checker says of the referenced type; undefined when it does not know it (an unresolved import is `any`). */
  private typeHasFewValues(reference: TSESTree.TSTypeReference): boolean | undefined {
    const tsNode = this.types!.services.esTreeNodeToTSNodeMap.get(reference as never) as ts.TypeNode | undefined;
    const type = tsNode && this.types!.checker.getTypeFromTypeNode(tsNode);
    if (!type || type.flags & typescript().TypeFlags.Any) return undefined;
    return isFewValuedType(type);
  }

  // -------------------------------------------------------------------------------------------------
  // Types

  private typeKind(node: TSESTree.Node): ArrayKind | undefined {
    const types = this.types!;
    const tsNode = types.services.esTreeNodeToTSNodeMap.get(node as never);
    if (!tsNode) return undefined;
    const { checker } = types;
    const type = checker.getTypeAtLocation(tsNode);
    return typeKindOf(type, checker);
  }
}

/** What a type says: arrays and tuples with a rest element are arrays, other tuples are fixed, anything known else is other. */
function typeKindOf(type: ts.Type, checker: ts.TypeChecker, depth = 0): ArrayKind | undefined {
  const { TypeFlags } = typescript();
  if (depth > 4 || type.flags & (TypeFlags.Any | TypeFlags.Unknown | TypeFlags.TypeParameter | TypeFlags.Never)) return undefined;
  if (type.isUnion()) {
    const parts = type.types.filter((part) => !(part.flags & (TypeFlags.Undefined | TypeFlags.Null | TypeFlags.Void)));
    return parts.length === 0 ? undefined : either(parts.map((part) => typeKindOf(part, checker, depth + 1)));
  }
  if (type.isIntersection()) {
    const parts = type.types.map((part) => typeKindOf(part, checker, depth + 1));
    if (parts.includes('array')) return 'array';
    if (parts.includes('fixed')) return 'fixed';
    return parts.includes(undefined) ? undefined : 'other';
  }
  if (checker.isTupleType(type)) {
    const target = (type as ts.TypeReference).target as ts.TupleType;
    return target.hasRestElement ? 'array' : 'fixed';
  }
  return checker.isArrayType(type) ? 'array' : 'other';
}

/** An enum, a literal, or a union of them (an enum of several members is one): a type with a few values. */
function isFewValuedType(type: ts.Type): boolean {
  const { TypeFlags } = typescript();
  const few = TypeFlags.Enum | TypeFlags.EnumLiteral | TypeFlags.StringLiteral | TypeFlags.NumberLiteral | TypeFlags.BooleanLiteral | TypeFlags.BigIntLiteral;
  if (!type.isUnion()) return (type.flags & few) !== 0;
  const parts = type.types.filter((part) => !(part.flags & (TypeFlags.Undefined | TypeFlags.Null)));
  return parts.length > 0 && parts.every((part) => (part.flags & few) !== 0);
}

/**
 * Alternatives (`a ?? b`, `c ? a : b`, assignments): fixed only if all are; an array if any is and none
 * is something else; unknown when any is unknown or arrays mix with other values.
 */
function either(kinds: readonly (ArrayKind | undefined)[]): ArrayKind | undefined {
  if (kinds.includes(undefined)) return undefined;
  if (kinds.every((kind) => kind === 'other')) return 'other';
  if (kinds.includes('other')) return undefined;
  return kinds.includes('array') ? 'array' : 'fixed';
}

/**
 * `const options: any = Object.keys(…)`: a value its author declared `any` is not taken for a data-sized array on
 * the strength of its initialiser alone; rows a database read returned still are (they are answered before this).
 */
function declaredAny(annotation: TSESTree.TypeNode | undefined, kind: ArrayKind | undefined): ArrayKind | undefined {
  return annotation?.type === AST_NODE_TYPES.TSAnyKeyword && kind === 'array' ? undefined : kind;
}

/**
 * What a type annotation says: `T[]`, `Array<T>`, `ReadonlyArray<T>`, `readonly T[]`, tuples, primitives, Sets and Maps.
 * An array of a type `hasFewValues` says has few values (`Color[]`, `('read' | 'write')[]`) is taken for a fixed list.
 */
function annotationKind(type: TSESTree.TypeNode, hasFewValues: (element: TSESTree.TypeNode) => boolean): ArrayKind | undefined {
  switch (type.type) {
    case AST_NODE_TYPES.TSArrayType:
      return hasFewValues(type.elementType) ? 'fixed' : 'array';
    case AST_NODE_TYPES.TSTupleType:
      return type.elementTypes.some((element) => element.type === AST_NODE_TYPES.TSRestType) ? 'array' : 'fixed';
    case AST_NODE_TYPES.TSTypeOperator:
      return type.operator === 'readonly' && type.typeAnnotation ? annotationKind(type.typeAnnotation, hasFewValues) : undefined;
    case AST_NODE_TYPES.TSStringKeyword:
    case AST_NODE_TYPES.TSNumberKeyword:
    case AST_NODE_TYPES.TSBooleanKeyword:
    case AST_NODE_TYPES.TSBigIntKeyword:
    case AST_NODE_TYPES.TSLiteralType:
    case AST_NODE_TYPES.TSTypeLiteral:
      return 'other';
    case AST_NODE_TYPES.TSUnionType: {
      const parts = type.types.filter((part) => part.type !== AST_NODE_TYPES.TSNullKeyword && part.type !== AST_NODE_TYPES.TSUndefinedKeyword);
      return parts.length === 0 ? undefined : either(parts.map((part) => annotationKind(part, hasFewValues)));
    }
    case AST_NODE_TYPES.TSTypeReference: {
      if (type.typeName.type !== AST_NODE_TYPES.Identifier) return undefined;
      const name = type.typeName.name;
      if (name === 'Array' || name === 'ReadonlyArray') {
        const element = type.typeArguments?.params[0];
        return element && hasFewValues(element) ? 'fixed' : 'array';
      }
      return NON_ARRAY_CONSTRUCTORS.has(name) || name === 'ReadonlySet' || name === 'ReadonlyMap' || TYPED_ARRAY.test(name) ? 'other' : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * How an array-holding expression is used at `node`: it `grows` (`push`, `unshift`, `splice`, an index or
 * `length` assignment), `grows-by-spread` (`push(...rows)`), `escapes` to other code (an argument, an
 * assignment, a return value, an element of another literal), or undefined for reads.
 */
function growingUse(node: TSESTree.Node): 'grows' | 'grows-by-spread' | 'escapes' | undefined {
  let child: TSESTree.Node = node;
  let parent = node.parent;
  while (parent && (parent.type === AST_NODE_TYPES.TSNonNullExpression || parent.type === AST_NODE_TYPES.TSAsExpression || parent.type === AST_NODE_TYPES.ChainExpression)) {
    child = parent;
    parent = parent.parent;
  }
  if (!parent) return undefined;
  switch (parent.type) {
    case AST_NODE_TYPES.MemberExpression: {
      if (parent.object !== child) return undefined;
      const call = parent.parent;
      const name = memberName(parent);
      if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === parent && name !== undefined && GROWING_METHODS.has(name)) {
        return call.arguments.some((argument) => argument.type === AST_NODE_TYPES.SpreadElement) ? 'grows-by-spread' : 'grows';
      }
      const assignment = parent.parent;
      if (assignment?.type === AST_NODE_TYPES.AssignmentExpression && assignment.left === parent && (parent.computed || name === 'length')) return 'grows';
      return undefined;
    }
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      return parent.arguments.includes(child as TSESTree.CallExpressionArgument) ? 'escapes' : undefined;
    case AST_NODE_TYPES.AssignmentExpression:
      return parent.right === child ? 'escapes' : undefined;
    case AST_NODE_TYPES.VariableDeclarator:
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.Property:
    case AST_NODE_TYPES.ArrayExpression:
      return 'escapes';
    default:
      return undefined;
  }
}


/**
 * Configuration, fixed per process: `process.env.X`, `process.env.X ?? ''`, `(process.env.X || '').trim()`, a setting
 * read by name from a configuration service (`this.configService.get<string>('tools.list')`, NestJS's ConfigService in
 * Refly), a property of an object named as configuration (`(meta.config.systemTags || '')`, NodeBB's admin settings;
 * `this.config.allowedHosts`, `settings.tags`), or a `const` holding one of those. Not what a client sent: the caller
 * checks request input, and a parameter named after the request (`data.settings.tags`) is one.
 */
function readsEnvironment(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, depth = 0): boolean {
  const current = skipExpressionWrappers(node);
  if (depth > 6) return false;
  switch (current.type) {
    case AST_NODE_TYPES.MemberExpression: {
      const object = skipExpressionWrappers(current.object);
      if (object.type === AST_NODE_TYPES.MemberExpression && memberName(object) === 'env') {
        const root = skipExpressionWrappers(object.object);
        if (root.type === AST_NODE_TYPES.Identifier && root.name === 'process') return true;
      }
      // A value kept in the configuration, not a method of it (`settings.list()` may return anything).
      const called = current.parent?.type === AST_NODE_TYPES.CallExpression && current.parent.callee === current;
      if (namesConfiguration(object) && !called && !isRequestNamedParameter(memberChainRoot(object), sourceCode)) return true;
      return readsEnvironment(current.object, sourceCode, depth + 1);
    }
    case AST_NODE_TYPES.CallExpression:
      return readsSetting(current) || readsEnvironment(current.callee, sourceCode, depth + 1);
    case AST_NODE_TYPES.LogicalExpression:
      return readsEnvironment(current.left, sourceCode, depth + 1);
    case AST_NODE_TYPES.Identifier: {
      const init = constInitializer(current, sourceCode.getScope(current));
      return init !== undefined && readsEnvironment(init, sourceCode, depth + 1);
    }
    default:
      return false;
  }
}

/** `config.get('key')`, `this.configService.getOrThrow<string>('key')`: a setting named by a literal, on a configuration object. */
function readsSetting(call: TSESTree.CallExpression): boolean {
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || call.arguments[0]?.type !== AST_NODE_TYPES.Literal) return false;
  const method = memberName(callee);
  if (method !== 'get' && method !== 'getOrThrow') return false;
  const object = skipExpressionWrappers(callee.object);
  const receiver = object.type === AST_NODE_TYPES.MemberExpression ? memberName(object) : object.type === AST_NODE_TYPES.Identifier ? object.name : undefined;
  return receiver !== undefined && /^(?:config|configService|appConfig|settings)$/i.test(receiver);
}

/** `config`, `conf`, `settings`, `appConfig`, `SITE_SETTINGS`; not `options`/`opts`, which are as often request input. */
const CONFIGURATION_NAME = /^(?:config|configuration|conf|settings)$/i;
const CONFIGURATION_SUFFIX = /(?:Config|Configuration|Settings|_CONFIG|_SETTINGS)$/;

/** An object named as configuration: `config`, `meta.config`, `this.appConfig`. */
function namesConfiguration(object: TSESTree.Node): boolean {
  const name = object.type === AST_NODE_TYPES.Identifier ? object.name : object.type === AST_NODE_TYPES.MemberExpression ? memberName(object) : undefined;
  return name !== undefined && (CONFIGURATION_NAME.test(name) || CONFIGURATION_SUFFIX.test(name));
}

/** Names a handler gives what the client sent (`(socket, data)`, `(req, res)`, `({ input })`). */
const REQUEST_PARAMETER_NAMES = new Set(['req', 'request', 'ctx', 'context', 'body', 'payload', 'input', 'data', 'params', 'query']);

function isRequestNamedParameter(root: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (root.type !== AST_NODE_TYPES.Identifier || !REQUEST_PARAMETER_NAMES.has(root.name)) return false;
  const variable = findVariable(sourceCode.getScope(root) as never, root as never) as Variable | null;
  return variable?.defs.some((def) => def.type === 'Parameter') ?? false;
}

function hasLiteralLength(object: TSESTree.ObjectExpression): boolean {
  return object.properties.some(
    (property) =>
      property.type === AST_NODE_TYPES.Property &&
      !property.computed &&
      property.key.type === AST_NODE_TYPES.Identifier &&
      property.key.name === 'length' &&
      property.value.type === AST_NODE_TYPES.Literal &&
      typeof property.value.value === 'number',
  );
}

function classKeyName(key: TSESTree.Node, computed: boolean): string | undefined {
  if (key.type === AST_NODE_TYPES.PrivateIdentifier) return `#${key.name}`;
  if (!computed && key.type === AST_NODE_TYPES.Identifier) return key.name;
  if (key.type === AST_NODE_TYPES.Literal && typeof key.value === 'string') return key.value;
  return undefined;
}

/**
 * PascalCase or SCREAMING_CASE: how enums and constant maps are named. A class would fit too, but its
 * `Object.values` is its few static members, fixed as well.
 */
const NARROWING_METHODS = new Set(['sort', 'toSorted', 'reverse', 'toReversed', 'slice', 'filter']);

/** Array methods that walk their receiver as it was when called (a variable assigned anew meanwhile holds another array). */
const WALKING_METHODS = new Set(['forEach', 'map', 'flatMap', 'filter', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex', 'reduce', 'reduceRight']);

/** The walk over `read`: `read.forEach(…)` and the like, or `for (… of read)`. */
function walkOf(read: TSESTree.Identifier): TSESTree.CallExpression | TSESTree.ForOfStatement | undefined {
  const parent = read.parent;
  if (parent?.type === AST_NODE_TYPES.ForOfStatement && parent.right === read) return parent;
  const call = parent?.parent;
  if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== read || call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== parent) return undefined;
  return call.arguments.length > 0 && WALKING_METHODS.has(memberName(parent) ?? '') ? call : undefined;
}

/** What runs for each element of a walk: the call's callback, or the loop's body. */
function walkedPart(walk: TSESTree.CallExpression | TSESTree.ForOfStatement): TSESTree.Node {
  return walk.type === AST_NODE_TYPES.ForOfStatement ? walk.body : walk.arguments[0];
}

/** `node` comes after the walk in the function that declares the list, not in a closure that might run before it. */
function runsAfter(node: TSESTree.Node, walk: TSESTree.Node, declarator: TSESTree.Node): boolean {
  if (node.range[0] < walk.range[1]) return false;
  for (let current = node.parent; current && !contains(current, declarator); current = current.parent) {
    if (isFunction(current)) return false;
  }
  return true;
}

/** `name.sort(…)`, `name.filter(…)`: a value no longer than `name` itself. */
function isNarrowingOfItself(value: TSESTree.Node, name: string): boolean {
  const call = skipExpressionWrappers(value);
  if (call.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const object = skipExpressionWrappers(call.callee.object);
  return object.type === AST_NODE_TYPES.Identifier && object.name === name && NARROWING_METHODS.has(memberName(call.callee) ?? '');
}

/** What a member chain reads from: `config` in `config.limits.plans` (through parentheses and assertions). */
function memberChainRoot(node: TSESTree.Node): TSESTree.Node {
  let root = skipExpressionWrappers(node);
  while (root.type === AST_NODE_TYPES.MemberExpression) root = skipExpressionWrappers(root.object);
  return root;
}

/** `z.enum([…])`, `z.nativeEnum(Color)`, `z.literal('a')`, perhaps `.optional()`: a schema of a few values. */
function isFewValuedSchema(node: TSESTree.Node | undefined): boolean {
  const call = node && skipExpressionWrappers(node);
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = memberName(call.callee) ?? '';
  return FEW_VALUED_SCHEMAS.has(method) || (SCHEMA_KEEPING_METHODS.has(method) && isFewValuedSchema(call.callee.object));
}

/** `x as const`. */
function isConstAssertion(node: TSESTree.TSAsExpression | TSESTree.TSTypeAssertion | TSESTree.TSSatisfiesExpression): boolean {
  const type = node.typeAnnotation;
  return type.type === AST_NODE_TYPES.TSTypeReference && type.typeName.type === AST_NODE_TYPES.Identifier && type.typeName.name === 'const';
}


function isProjectSource(source: string): boolean {
  return source.startsWith('.') || source.startsWith('/') || source.startsWith('@/') || source.startsWith('~/') || source.startsWith('#');
}

/** Visits `root` and its descendants (iteratively, so deep trees cannot overflow the stack). */
function walk(root: TSESTree.Node, visitorKeys: TSESLint.SourceCode.VisitorKeys, visit: (node: TSESTree.Node) => void): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    visit(node);
    pushChildNodes(node, visitorKeys, stack);
  }
}

const analyzers = new FileCache<Analyzer>();

/** One analyzer per linted file, shared by every rule that asks (cached on the SourceCode object). */
export function getArrayValues(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): ArrayValueAnalyzer {
  return analyzers.get(context.sourceCode, () => new Analyzer(context, getTypeServices(context)));
}

/** A rest parameter (`...scopes`): it holds as many elements as a call site writes arguments (`requireScopes('users.read')`). */
export function isRestParameter(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const current = skipExpressionWrappers(node);
  if (current.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(sourceCode.getScope(current) as never, current as never) as Variable | null;
  const def = variable?.defs[0];
  return def?.type === 'Parameter' && (def.name as TSESTree.Node).parent?.type === AST_NODE_TYPES.RestElement;
}

/**
 * A URL's query parameters: `url.searchParams`, `new URLSearchParams(text)`, a parameter typed `URLSearchParams`, or
 * their `entries()`/`keys()`/`values()`. A request line is capped at a few kilobytes by every server, so they are a
 * handful: Shelf's filters walk them against the index's columns.
 */
export function isUrlQueryParameters(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  let current = skipExpressionWrappers(node);
  if (current.type === AST_NODE_TYPES.CallExpression && current.arguments.length === 0 && current.callee.type === AST_NODE_TYPES.MemberExpression && ITERATOR_METHODS.has(memberName(current.callee) ?? '')) {
    current = skipExpressionWrappers(current.callee.object);
  }
  if (current.type === AST_NODE_TYPES.MemberExpression) return memberName(current) === 'searchParams';
  if (current.type !== AST_NODE_TYPES.Identifier) return false;
  const init = constInitializer(current, sourceCode.getScope(current));
  if (init) {
    const value = skipExpressionWrappers(init);
    return (value.type === AST_NODE_TYPES.NewExpression && value.callee.type === AST_NODE_TYPES.Identifier && value.callee.name === 'URLSearchParams') || (value.type === AST_NODE_TYPES.MemberExpression && memberName(value) === 'searchParams');
  }
  const variable = findVariable(sourceCode.getScope(current) as never, current as never) as Variable | null;
  const def = variable?.defs[0];
  const annotation = def?.type === 'Parameter' && (def.name as TSESTree.Identifier).typeAnnotation?.typeAnnotation;
  return annotation !== undefined && annotation !== false && annotation.type === AST_NODE_TYPES.TSTypeReference && annotation.typeName.type === AST_NODE_TYPES.Identifier && annotation.typeName.name === 'URLSearchParams';
}

const ITERATOR_METHODS = new Set(['entries', 'keys', 'values']);

/** `@Inject(token)` (NestJS, Angular, tsyringe, InversifyJS's `@inject`, `@multiInject`): the value comes from the DI container. */
function isInjectDecorator(decorator: TSESTree.Decorator): boolean {
  const expression = decorator.expression.type === AST_NODE_TYPES.CallExpression ? decorator.expression.callee : decorator.expression;
  return expression.type === AST_NODE_TYPES.Identifier && INJECT_DECORATORS.has(expression.name);
}

const INJECT_DECORATORS = new Set(['Inject', 'inject', 'multiInject', 'injectAll']);

/**
 * One element of a list, `rows[0]`, `rows.at(-1)` or `rows[0] ?? {}`: its keys are the columns of one record (HyperDX's
 * chart rows), as many as the schema has, however many rows there are.
 */
function isOneElement(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.LogicalExpression && (node.operator === '??' || node.operator === '||')) {
    const fallback = skipExpressionWrappers(node.right);
    return isOneElement(skipExpressionWrappers(node.left)) && fallback.type === AST_NODE_TYPES.ObjectExpression && fallback.properties.length === 0;
  }
  if (node.type === AST_NODE_TYPES.MemberExpression) return node.computed && isIndexLiteral(node.property);
  if (node.type !== AST_NODE_TYPES.CallExpression || node.arguments.length !== 1) return false;
  const callee = skipExpressionWrappers(node.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier && callee.property.name === 'at' && isIndexLiteral(node.arguments[0]);
}

function isIndexLiteral(node: TSESTree.Node): boolean {
  const value = node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '-' ? node.argument : node;
  return value.type === AST_NODE_TYPES.Literal && typeof value.value === 'number';
}

const MAX_CLASS_NODES = 20_000;

/** `this.name(…)` calls in `classNode`'s own members; undefined when `this.name` is used otherwise or the class is too large to read. */
function thisCallsOf(classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression, key: TSESTree.Identifier | TSESTree.PrivateIdentifier, visitorKeys: TSESLint.SourceCode.VisitorKeys): TSESTree.CallExpression[] | undefined {
  const calls: TSESTree.CallExpression[] = [];
  const stack: TSESTree.Node[] = [classNode.body];
  for (let visited = 0; stack.length > 0; visited++) {
    if (visited > MAX_CLASS_NODES) return undefined;
    const node = stack.pop()!;
    if (node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.ThisExpression && !node.computed && node.property.type === key.type && node.property.name === key.name) {
      const parent = node.parent;
      if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.callee !== node) return undefined;
      calls.push(parent);
    }
    pushChildNodes(node, visitorKeys, stack);
  }
  return calls;
}

/** `order.fulfillments` in `order.fulfillments.filter(…).map(…)`: the property of one object a chain of array methods starts from. */
function propertyListRoot(node: TSESTree.Node): TSESTree.MemberExpression | undefined {
  let current = skipExpressionWrappers(node);
  for (let steps = 0; steps < 12 && current.type === AST_NODE_TYPES.CallExpression && current.callee.type === AST_NODE_TYPES.MemberExpression && ARRAY_METHOD_CHAIN.has(memberName(current.callee) ?? ''); steps++) {
    current = skipExpressionWrappers(current.callee.object);
  }
  return current.type === AST_NODE_TYPES.MemberExpression && !current.computed ? current : undefined;
}

/**
 * `Object.keys/values/entries(x)` of a name declared as a dictionary, keyed by whatever the data holds:
 * `Record<string, V>`, `{ [key: string]: V }` (as a `T[]` annotation says a list). An interface with named members
 * (`IPreferenceChannels`) has the keys it names.
 */
export function listsDeclaredDictionary(collection: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const call = skipExpressionWrappers(collection);
  if (call.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.MemberExpression || !DICTIONARY_LISTS.has(memberName(call.callee) ?? '')) return false;
  const argument = call.arguments[0] && skipExpressionWrappers(call.arguments[0]);
  if (argument?.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(sourceCode.getScope(argument) as never, argument as never) as Variable | null;
  const declared = variable?.defs[0]?.name;
  const annotation = declared?.type === AST_NODE_TYPES.Identifier ? declared.typeAnnotation?.typeAnnotation : undefined;
  if (annotation?.type === AST_NODE_TYPES.TSTypeLiteral) return annotation.members.some((member) => member.type === AST_NODE_TYPES.TSIndexSignature);
  if (annotation?.type !== AST_NODE_TYPES.TSTypeReference || annotation.typeName.type !== AST_NODE_TYPES.Identifier || annotation.typeName.name !== 'Record') return false;
  const keyType = annotation.typeArguments?.params[0];
  return keyType?.type === AST_NODE_TYPES.TSStringKeyword || keyType?.type === AST_NODE_TYPES.TSNumberKeyword;
}

const DICTIONARY_LISTS = new Set(['keys', 'values', 'entries']);

/** Text the code spells out: a string literal, a template without holes, or `String.raw` of one (erxes's regex specials). */
function isWrittenText(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.Literal) return true;
  if (node.type === AST_NODE_TYPES.TemplateLiteral) return node.expressions.length === 0;
  return node.type === AST_NODE_TYPES.TaggedTemplateExpression && node.quasi.expressions.length === 0 && node.tag.type === AST_NODE_TYPES.MemberExpression && node.tag.object.type === AST_NODE_TYPES.Identifier && node.tag.object.name === 'String' && memberName(node.tag) === 'raw';
}

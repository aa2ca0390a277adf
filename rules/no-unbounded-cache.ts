import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../src/ast/node-types';
import { isNullishValue } from '../src/ast/expressions';
import { findVariable } from '@eslint-community/eslint-utils';
import { getClientConstructors, type ClientConstructorAnalyzer } from '../src/analysis/client-constructors';
import { getFixedValues, type FixedValueAnalyzer } from '../src/analysis/fixed-values';
import { isKeyCheckedAgainstFixedTable } from '../src/analysis/fixed-table-keys';
import { holderOf, usesOf, type HeldValueUse, type Holder } from '../src/analysis/held-values';
import { getInstanceReuse, type InstanceReuseAnalyzer } from '../src/analysis/instance-reuse';
import { declaresFiniteKeys, keyIsOfFiniteType } from '../src/analysis/key-domain';
import { getRequestInput } from '../src/analysis/request-input';
import { constInitializer, decoratorOrigin, getTypeServices, memberName, resolveBinding, skipExpressionWrappers, type TypeServices } from '../src/analysis/library-origin';
import { getImportOrigin } from '../src/analysis/modules';
import { runsOncePerProcessBehindFlag } from '../src/analysis/once-guards';
import { DEFAULT_SCRIPT_GLOBS, scriptsOptionSchema, getRequestPath, type RequestPathAnalyzer } from '../src/analysis/request-path';
import { assignedFunctionName, enclosingFunction, isFunction, decoratorsOf } from '../src/ast/code-shape';
import { createRule } from '../src/create-rule';
import { pushChildNodes } from '../src/ast/children';

type Options = [{ scripts: string[] }];
type MessageIds = 'unboundedCache';

type CollectionKind = 'Map' | 'Set' | 'object';
type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;
type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

interface Candidate {
  creation: TSESTree.Node;
  kind: CollectionKind;
}

/** A write that adds an entry under a key the code does not fix. */
interface Growth {
  node: TSESTree.Node;
  key: TSESTree.Node;
  /** The write also reads the entry (`cache[k] ??= …`). */
  alsoReads: boolean;
}

/** NestJS classes the DI container instantiates once (in the default scope). */
const NEST_SINGLETON_DECORATORS = new Set(['Injectable', 'Controller', 'Resolver', 'Processor', 'WebSocketGateway', 'Catch']);
const COMPARISONS = new Set(['<', '<=', '>', '>=', '==', '===', '!=', '!==']);
/** Functions that fill a registry of handlers or plugins, usually while the application starts. */
const REGISTERING_NAME = /^register(?:[A-Z_$]|$)/;
/** `lang`, `language`, `locale`, `userLang`, `uiLocale`, `targetLanguage`: a name for a language or locale. */
const LANGUAGE_KEY_NAME = /^(?:(?:lang|language|locale)|[a-z][A-Za-z]*(?:Lang|Language|Locale))$/;
/** String methods that spell a language tag another way (`en_US` → `en-US`). */
const LANGUAGE_RESPELLINGS = new Set(['replace', 'replaceAll', 'toLowerCase', 'toUpperCase', 'trim']);
/** `const`s followed back from a key to the language it is computed from. */
const MAX_LANGUAGE_STEPS = 2;
const MAX_SCANNED_NODES = 5000;
const MAX_TEXT = 40;

export default createRule<Options, MessageIds>({
  name: 'no-unbounded-cache',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow long-lived Map, Set or object caches that only grow',
      guide: 'bounded-in-process-caches',
      recommended: 'recommended',
    },
    schema: [
      {
        type: 'object',
        properties: {
          scripts: scriptsOptionSchema('whose process ends with the run.'),
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ scripts: [...DEFAULT_SCRIPT_GLOBS] }],
    messages: {
      unboundedCache:
        '`{{name}}` is {{what}} used as a cache that only grows: `{{write}}` adds an entry for every new key, and nothing deletes, clears or caps its entries, so they stay until the process exits. Use an LRU bounded by size and age, such as `new LRUCache({ max, ttl })` from lru-cache, or evict entries.',
    },
  },
  create(context, [options]) {
    const { sourceCode } = context;
    const candidates: Candidate[] = [];

    function collect(creation: TSESTree.Node, kind: CollectionKind) {
      if (mayBeHeldLongLived(creation)) candidates.push({ creation, kind });
    }

    // Narrow selectors: ESLint hands over only `new Map`/`new Set`, object literals, and `….create(…)` calls.
    return {
      'NewExpression[callee.name=/^(?:Map|Set)$/]'(node: TSESTree.NewExpression) {
        const callee = node.callee as TSESTree.Identifier;
        if (isGlobal(callee, sourceCode)) collect(node, callee.name as CollectionKind);
      },
      // Only literals that can be what a variable, a field or `this.x =` holds: a call's argument, a return value or
      // a nested property (most literals) is no long-lived collection.
      ':matches(VariableDeclarator, PropertyDefinition, AssignmentExpression, TSAsExpression, TSSatisfiesExpression, TSTypeAssertion) > ObjectExpression'(
        node: TSESTree.ObjectExpression,
      ) {
        collect(node, 'object');
      },
      // `Object.create(null)`
      'CallExpression[callee.computed=false][callee.property.name="create"]'(node: TSESTree.CallExpression) {
        const callee = node.callee as TSESTree.MemberExpression;
        const object = skipExpressionWrappers(callee.object);
        const [prototype] = node.arguments;
        if (object.type !== AST_NODE_TYPES.Identifier || object.name !== 'Object' || prototype?.type !== AST_NODE_TYPES.Literal || prototype.value !== null) return;
        if (isGlobal(object, sourceCode)) collect(node, 'object');
      },
      'Program:exit'() {
        if (candidates.length === 0) return;
        const analysis = new CacheAnalysis(context, () => getRequestPath(context, { scripts: options.scripts }));
        const reported = new Set<TSESTree.Node>();
        for (const candidate of candidates) {
          const finding = analysis.check(candidate);
          if (!finding || reported.has(finding.node)) continue;
          reported.add(finding.node);
          context.report({ node: finding.node, messageId: 'unboundedCache', data: finding.data });
        }
      },
    };
  },
});

/** Cheap shape test before any analysis: stored right away in a module-level variable or in a class field. */
function mayBeHeldLongLived(creation: TSESTree.Node): boolean {
  let node = creation;
  let parent = node.parent;
  while (parent && (parent.type === AST_NODE_TYPES.TSAsExpression || parent.type === AST_NODE_TYPES.TSSatisfiesExpression || parent.type === AST_NODE_TYPES.TSTypeAssertion)) {
    node = parent;
    parent = parent.parent;
  }
  if (!parent) return false;
  if (parent.type === AST_NODE_TYPES.VariableDeclarator) {
    const statement = parent.parent.parent;
    return parent.init === node && (statement?.type === AST_NODE_TYPES.Program || statement?.type === AST_NODE_TYPES.ExportNamedDeclaration);
  }
  if (parent.type === AST_NODE_TYPES.PropertyDefinition) return parent.value === node;
  return parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === node && parent.left.type === AST_NODE_TYPES.MemberExpression && parent.left.object.type === AST_NODE_TYPES.ThisExpression;
}

class CacheAnalysis {
  private readonly sourceCode: Readonly<TSESLint.SourceCode>;
  private fixedValues: FixedValueAnalyzer | undefined;
  private reuse: InstanceReuseAnalyzer | undefined;
  private clients: ClientConstructorAnalyzer | undefined;
  private readonly longLivedClasses = new Map<ClassNode, boolean>();
  private types: TypeServices | null | undefined;
  private requestPathAnalyzer: RequestPathAnalyzer | undefined;

  constructor(
    private readonly context: Readonly<TSESLint.RuleContext<MessageIds, Options>>,
    private readonly getRequestPath: () => RequestPathAnalyzer,
  ) {
    this.sourceCode = context.sourceCode;
  }

  /** Asked only for a collection that grows: most files hold none, and need no file kind. */
  private get requestPath(): RequestPathAnalyzer {
    this.requestPathAnalyzer ??= this.getRequestPath();
    return this.requestPathAnalyzer;
  }

  check(candidate: Candidate): { node: TSESTree.Node; data: Record<string, string> } | undefined {
    const holder = holderOf(candidate.creation, this.sourceCode);
    if (!holder || (holder.kind === 'variable' && !holder.isModuleScope)) return undefined;
    // Cheap questions first: most module-level objects are never written under an open key.
    const uses = usesOf(holder, this.sourceCode);
    if (uses.some((use) => this.boundsOrEscapes(use)) || !uses.some((use) => growthOf(use, candidate.kind))) return undefined;
    // Tests, scripts, migrations and config files end with their run.
    if (this.requestPath.fileKind !== 'server') return undefined;
    const what = this.describeHolder(holder, candidate);
    if (what === undefined) return undefined;
    // Keyed by classes, an enum or a union of literals: one entry per member of a set the code fixes.
    if (declaresFiniteKeys(candidate.creation, annotationOf(holder), this.sourceCode)) return undefined;
    const growth = this.memoGrowth(uses, candidate.kind);
    if (!growth) return undefined;
    return { node: declarationNode(holder), data: { name: holderName(holder), what, write: writeText(growth.node, this.sourceCode) } };
  }

  /** "a module-level Map", "a static Map field", "an object field of the long-lived `Users`"; undefined when the holder does not outlive a request. */
  private describeHolder(holder: Holder, candidate: Candidate): string | undefined {
    const kind = candidate.kind;
    if (holder.kind === 'variable') return holder.isModuleScope ? `a module-level ${kind}` : undefined;
    if (holder.isStatic) return `a static ${kind} field`;
    if (!this.isLongLivedInstance(holder.classNode, candidate.creation)) return undefined;
    const className = holder.classNode.id?.name;
    const field = className ? `${kind} field of the long-lived \`${className}\`` : `${kind} field of a long-lived instance`;
    return `${/^[aeiou]/i.test(kind) ? 'an' : 'a'} ${field}`;
  }

  /**
   * One instance serves many requests: a NestJS provider or controller of the default scope, or a class this
   * file only instantiates where the instance is kept (`export const users = new Users()`, a lazy singleton).
   */
  private isLongLivedInstance(classNode: ClassNode, creation: TSESTree.Node): boolean {
    let known = this.longLivedClasses.get(classNode);
    if (known !== undefined) return known;
    this.reuse ??= getInstanceReuse(this.context, this.requestPath);
    const reuse = this.reuse;
    if (this.hasNestSingletonDecorator(classNode)) {
      known = !reuse.classify(creation as TSESTree.Expression).perRequest;
    } else {
      const instantiations = this.instantiationsOf(classNode);
      known =
        instantiations.length > 0 &&
        instantiations.every((node) => {
          const verdict = reuse.classify(node);
          return !verdict.perRequest && verdict.reason !== 'factory';
        });
    }
    this.longLivedClasses.set(classNode, known);
    return known;
  }

  private hasNestSingletonDecorator(classNode: ClassNode): boolean {
    return decoratorsOf(classNode).some((decorator) => {
      const origin = decoratorOrigin(decorator, this.sourceCode.getScope(decorator));
      return origin !== undefined && origin.source.startsWith('@nestjs/') && NEST_SINGLETON_DECORATORS.has(origin.imported);
    });
  }

  private instantiationsOf(classNode: ClassNode): TSESTree.NewExpression[] {
    const out: TSESTree.NewExpression[] = [];
    const declarator = classNode.type === AST_NODE_TYPES.ClassExpression && classNode.parent?.type === AST_NODE_TYPES.VariableDeclarator ? classNode.parent : undefined;
    const declaring: TSESTree.Node | undefined = classNode.type === AST_NODE_TYPES.ClassDeclaration ? classNode : declarator;
    if (!declaring) return out;
    for (const variable of this.sourceCode.getDeclaredVariables(declaring)) {
      for (const reference of variable.references) {
        const parent = reference.identifier.parent;
        if (parent?.type === AST_NODE_TYPES.NewExpression && parent.callee === reference.identifier) out.push(parent);
      }
    }
    return out;
  }

  /** Entries are deleted or cleared, the collection is replaced or size-checked, or other code gets hold of it. */
  private boundsOrEscapes(use: HeldValueUse): boolean {
    switch (use.kind) {
      case 'escape':
      case 'reassign':
      case 'delete':
        return true;
      case 'call':
        return use.method === 'delete' || use.method === 'clear';
      case 'read':
        return use.name === 'size' && isCompared(use.node);
      case 'iterate':
        return isCountCompared(use.node);
      default:
        return false;
    }
  }

  /** A write on a request path that adds an entry under an open key, in code that also looks entries up: a memo cache. */
  private memoGrowth(uses: readonly HeldValueUse[], kind: CollectionKind): Growth | undefined {
    const lookups = uses.filter((use) => isLookup(use, kind) && !isDuplicateGuard(use));
    for (const use of uses) {
      const growth = growthOf(use, kind);
      if (!growth || this.isFixed(growth.key) || isRegistration(use, this.sourceCode) || isKeyCheckedAgainstFixedTable(growth.key, growth.node, this.sourceCode)) continue;
      if (this.keyIsOfFiniteType(growth.key) || this.isLanguageKey(growth.key)) continue;
      if (this.storesConfiguredObject(use) && !getRequestInput(this.context).inputOf(growth.key)) continue;
      if (!this.requestPath.classify(growth.node).onRequestPath) continue;
      // Filled behind a once-per-process guard (`if (files) return files; … files = built`): once, whatever the keys.
      if (growth.node.type === AST_NODE_TYPES.CallExpression && runsOncePerProcessBehindFlag(growth.node, this.sourceCode)) continue;
      const scope = outermostFunction(growth.node);
      const writer = namedEnclosingFunction(growth.node);
      if (growth.alsoReads || lookups.some((lookup) => outermostFunction(lookup.reference) === scope || (writer !== undefined && this.calls(outermostFunction(lookup.reference), writer)))) {
        return growth;
      }
    }
    return undefined;
  }

  /**
   * The entry is a client that holds connections (undici's `new Agent()`, `new https.Agent()`, redis's
   * `createClient()`, `new Pool()`), or an object of them: a pool of clients, one per configuration (Nango's
   * agents per timeout settings, redis clients per URL). That is the reuse no-per-request-client asks for, and
   * the configurations a process uses are few; a client per value of request input (`req.params.tenant`) is not.
   * So is an `Intl` formatter (`new Intl.DateTimeFormat(locale, options)`), the memo its docs recommend: one per
   * locale, time zone and format options the app uses (Rallly's date formatters).
   */
  private storesConfiguredObject(use: HeldValueUse): boolean {
    const value = storedValue(use);
    if (!value) return false;
    this.clients ??= getClientConstructors(this.context);
    return this.isConfiguredObject(value, 0);
  }

  private isConfiguredObject(node: TSESTree.Node, depth: number): boolean {
    const value = skipExpressionWrappers(node);
    switch (value.type) {
      case AST_NODE_TYPES.NewExpression:
        return isIntlFormatter(value) || this.clients!.classify(value) !== undefined;
      case AST_NODE_TYPES.CallExpression:
        return this.clients!.classify(value) !== undefined;
      case AST_NODE_TYPES.ObjectExpression:
        return value.properties.length > 0 && value.properties.every((property) => property.type === AST_NODE_TYPES.Property && this.isConfiguredObject(property.value, depth));
      case AST_NODE_TYPES.Identifier:
        return depth === 0 && this.variableHoldsClient(value);
      // `configured ? new Queue(name, options) : null`: a client, or none where it is not configured.
      case AST_NODE_TYPES.ConditionalExpression: {
        const branches = [value.consequent, value.alternate].filter((branch) => !isNullishValue(branch));
        return branches.length === 1 && this.isConfiguredObject(branches[0], depth);
      }
      default:
        return false;
    }
  }

  /**
   * Every value the variable is given is a client, leaving aside a look-up it starts from
   * (`let agent = agents.get(key); if (!agent) { agent = new Agent(); agents.set(key, agent); }`).
   */
  private variableHoldsClient(identifier: TSESTree.Identifier): boolean {
    const variable = findVariable(this.sourceCode.getScope(identifier) as never, identifier as never) as TSESLint.Scope.Variable | null;
    if (!variable || variable.defs.length !== 1 || variable.defs[0].type !== 'Variable') return false;
    const written: TSESTree.Node[] = [];
    for (const reference of variable.references) {
      if (!reference.isWrite()) continue;
      if (!reference.writeExpr || reference.identifier.parent?.type === AST_NODE_TYPES.UpdateExpression) return false;
      const isPlainAssignment = reference.init || (reference.identifier.parent?.type === AST_NODE_TYPES.AssignmentExpression && reference.identifier.parent.operator === '=');
      if (!isPlainAssignment) return false;
      written.push(reference.writeExpr as TSESTree.Node);
    }
    const given = written.filter((expression) => !isLookupCall(expression));
    return given.length > 0 && given.every((expression) => this.isConfiguredObject(expression, 1));
  }

  /** With type information: `cache.set(region, …)` where `region: 'eu' | 'us'`, an enum member, or a class. */
  private keyIsOfFiniteType(key: TSESTree.Node): boolean {
    if (this.types === undefined) this.types = getTypeServices(this.context) ?? null;
    return this.types !== null && keyIsOfFiniteType(key, this.types);
  }

  /**
   * A key named for a language or locale (`cache[language]`, `dictionaries.set(userLang, …)`): one entry per language
   * the app ships, a set the code fixes (NodeBB's admin search dictionaries). Not when the client sends it
   * (`req.headers['accept-language']`, a query parameter): any string then makes a new entry.
   */
  private isLanguageKey(key: TSESTree.Node): boolean {
    return this.derivesFromLanguage(key, 0) && !getRequestInput(this.context).inputOf(skipExpressionWrappers(key));
  }

  /**
   * A language by its name (`language`, `user.locale`), a string literal, or a `const` computed from those alone: Outline's
   * `const tag = language ? language.replace('_', '-') : 'en-US'`, one entry per locale the app ships.
   */
  private derivesFromLanguage(key: TSESTree.Node, depth: number): boolean {
    const node = skipExpressionWrappers(key);
    switch (node.type) {
      case AST_NODE_TYPES.Identifier: {
        if (LANGUAGE_KEY_NAME.test(node.name)) return true;
        const init = depth < MAX_LANGUAGE_STEPS ? constInitializer(node, this.sourceCode.getScope(node)) : undefined;
        return init !== undefined && this.derivesFromLanguage(init, depth + 1);
      }
      case AST_NODE_TYPES.MemberExpression: {
        const name = memberName(node);
        return name !== undefined && LANGUAGE_KEY_NAME.test(name);
      }
      case AST_NODE_TYPES.Literal:
        return depth > 0 && typeof node.value === 'string';
      case AST_NODE_TYPES.ConditionalExpression:
        return depth > 0 && this.derivesFromLanguage(node.consequent, depth) && this.derivesFromLanguage(node.alternate, depth);
      case AST_NODE_TYPES.LogicalExpression:
        return depth > 0 && this.derivesFromLanguage(node.left, depth) && this.derivesFromLanguage(node.right, depth);
      case AST_NODE_TYPES.CallExpression: {
        // `language.replace('_', '-')`, `locale.toLowerCase()`: the same language, spelled another way.
        const callee = skipExpressionWrappers(node.callee);
        return depth > 0 && callee.type === AST_NODE_TYPES.MemberExpression && LANGUAGE_RESPELLINGS.has(memberName(callee) ?? '') && this.derivesFromLanguage(callee.object, depth);
      }
      default:
        return false;
    }
  }

  private isFixed(key: TSESTree.Node): boolean {
    this.fixedValues ??= getFixedValues(this.context);
    return this.fixedValues.classify(key).kind === 'fixed';
  }

  /** Code in `scope` calls the function `target` (a method through `this.name(…)`, a function by its name). */
  private calls(scope: TSESTree.Node, target: FunctionNode): boolean {
    const name = functionName(target);
    if (name === undefined || scope === target) return false;
    const isMethod = target.parent?.type === AST_NODE_TYPES.MethodDefinition || target.parent?.type === AST_NODE_TYPES.PropertyDefinition;
    const visitorKeys = this.sourceCode.visitorKeys;
    const queue: TSESTree.Node[] = [scope];
    for (let index = 0; index < queue.length && index < MAX_SCANNED_NODES; index++) {
      const node = queue[index];
      if (node.type === AST_NODE_TYPES.CallExpression) {
        const callee = skipExpressionWrappers(node.callee);
        if (isMethod && callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.ThisExpression && memberName(callee) === name) return true;
        if (!isMethod && callee.type === AST_NODE_TYPES.Identifier && callee.name === name) {
          const binding = resolveBinding(callee, this.sourceCode.getScope(callee));
          if ((binding.kind === 'function' && binding.node === target) || (binding.kind === 'value' && skipExpressionWrappers(binding.expression) === target)) return true;
        }
      }
      pushChildNodes(node, visitorKeys, queue);
    }
    return false;
  }
}

// -----------------------------------------------------------------------------------------------------------
// What a use does to the collection.

function growthOf(use: HeldValueUse, kind: CollectionKind): Growth | undefined {
  if (use.kind === 'call') {
    const key = use.call.arguments[0];
    if (!key || key.type === AST_NODE_TYPES.SpreadElement) return undefined;
    if ((kind === 'Map' && use.method === 'set') || (kind === 'Set' && use.method === 'add')) return { node: use.call, key, alsoReads: false };
    return undefined;
  }
  if (kind !== 'object' || use.kind !== 'write' || use.node.type !== AST_NODE_TYPES.AssignmentExpression) return undefined;
  const member = skipExpressionWrappers(use.node.left);
  if (member.type !== AST_NODE_TYPES.MemberExpression || !member.computed) return undefined;
  const { operator } = use.node;
  if (operator !== '=' && operator !== '??=' && operator !== '||=') return undefined;
  return { node: use.node, key: use.key, alsoReads: operator !== '=' };
}

/** Looks an entry up by key: `get`/`has`, `cache[key]`, `key in cache`. */
function isLookup(use: HeldValueUse, kind: CollectionKind): boolean {
  if (use.kind === 'call') return kind === 'Map' ? use.method === 'get' || use.method === 'has' : kind === 'Set' ? use.method === 'has' : use.method === 'hasOwnProperty';
  return kind === 'object' && use.kind === 'read' && use.key !== undefined;
}

/** `if (handlers.has(name)) throw …`: a check against registering twice, not a cache lookup. */
function isDuplicateGuard(use: HeldValueUse): boolean {
  let node: TSESTree.Node = use.kind === 'call' ? use.call : use.reference;
  for (let depth = 0; depth < 4 && node.parent; depth++) {
    const parent: TSESTree.Node = node.parent;
    if (parent.type === AST_NODE_TYPES.IfStatement && parent.test === node) return startsWithThrow(parent.consequent);
    if (parent.type !== AST_NODE_TYPES.UnaryExpression && parent.type !== AST_NODE_TYPES.LogicalExpression && parent.type !== AST_NODE_TYPES.BinaryExpression) return false;
    node = parent;
  }
  return false;
}

function startsWithThrow(statement: TSESTree.Statement): boolean {
  if (statement.type === AST_NODE_TYPES.ThrowStatement) return true;
  return statement.type === AST_NODE_TYPES.BlockStatement && statement.body[0]?.type === AST_NODE_TYPES.ThrowStatement;
}

/** The value a write stores: `map.set(key, value)`, `cache[key] = value`. */
function storedValue(use: HeldValueUse): TSESTree.Node | undefined {
  if (use.kind === 'call') {
    const value = use.call.arguments[1];
    return value && value.type !== AST_NODE_TYPES.SpreadElement ? value : undefined;
  }
  return use.kind === 'write' && use.node.type === AST_NODE_TYPES.AssignmentExpression ? use.node.right : undefined;
}

/** `cache.get(key)` or `cache[key]`: a look-up, not a value of its own. */
function isLookupCall(expression: TSESTree.Node): boolean {
  const value = skipExpressionWrappers(expression);
  if (value.type === AST_NODE_TYPES.MemberExpression) return value.computed;
  return value.type === AST_NODE_TYPES.CallExpression && value.callee.type === AST_NODE_TYPES.MemberExpression && memberName(value.callee) === 'get' && value.arguments.length === 1;
}

/**
 * A registry rather than a cache: handlers, plugins or classes stored under a name (`handlers.set(name, () => …)`),
 * or an entry written by a `register…` function.
 */
function isRegistration(use: HeldValueUse, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const value = storedValue(use);
  const current = value && skipExpressionWrappers(value);
  if (
    current?.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    current?.type === AST_NODE_TYPES.FunctionExpression ||
    current?.type === AST_NODE_TYPES.ClassExpression ||
    (current && isLazyComponent(current, sourceCode))
  ) {
    return true;
  }
  const writer = namedEnclosingFunction(use.reference);
  const name = writer && functionName(writer);
  return name !== undefined && REGISTERING_NAME.test(name);
}

/**
 * A component loaded on first use, `dynamic(() => import(…))` from `next/dynamic` or React's `lazy(…)`, directly or
 * through a `const`: one per kind of component the app has (Homarr's widgets), a registry like stored classes.
 */
function isLazyComponent(value: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const made = value.type === AST_NODE_TYPES.Identifier ? constInitializer(value, sourceCode.getScope(value)) : value;
  const call = made && skipExpressionWrappers(made);
  if (call?.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipExpressionWrappers(call.callee);
  const scope = sourceCode.getScope(call);
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const origin = getImportOrigin(callee, scope);
    return (origin?.source === 'next/dynamic' && origin.imported === 'default') || (origin?.source === 'react' && origin.imported === 'lazy');
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(callee) !== 'lazy' || callee.object.type !== AST_NODE_TYPES.Identifier) return false;
  return getImportOrigin(callee.object, scope)?.source === 'react';
}

/** `cache.size > MAX`: the code caps the collection. */
function isCompared(member: TSESTree.Node): boolean {
  let node = member;
  while (node.parent?.type === AST_NODE_TYPES.TSNonNullExpression || node.parent?.type === AST_NODE_TYPES.ChainExpression) node = node.parent;
  const parent = node.parent;
  return parent?.type === AST_NODE_TYPES.BinaryExpression && COMPARISONS.has(parent.operator);
}

/** `Object.keys(cache).length >= MAX`. */
function isCountCompared(node: TSESTree.Node): boolean {
  const parent = node.parent;
  return parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === node && memberName(parent) === 'length' && isCompared(parent);
}

// -----------------------------------------------------------------------------------------------------------
// Small AST helpers.

function isGlobal(identifier: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  return resolveBinding(identifier, sourceCode.getScope(identifier)).kind === 'global';
}


/** The nearest function around `node` that has a name (callbacks inside a method belong to the method). */
function namedEnclosingFunction(node: TSESTree.Node): FunctionNode | undefined {
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) if (functionName(fn) !== undefined) return fn;
  return undefined;
}

/** The outermost function around `node`, or the program. */
function outermostFunction(node: TSESTree.Node): TSESTree.Node {
  let outermost: TSESTree.Node | undefined;
  let current: TSESTree.Node = node;
  while (current.parent) {
    current = current.parent;
    if (isFunction(current)) outermost = current;
  }
  return outermost ?? current;
}

/** A function's own name, its variable's, or its method's. */
function functionName(fn: FunctionNode): string | undefined {
  if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.id) return fn.id.name;
  const parent = fn.parent;
  if ((parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.PropertyDefinition) && !parent.computed && parent.key.type === AST_NODE_TYPES.Identifier) return parent.key.name;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
  if (parent?.type === AST_NODE_TYPES.Property && !parent.computed && parent.key.type === AST_NODE_TYPES.Identifier) return parent.key.name;
  // `vending.registerFormat = function (format, module) {…}` (archiver's registry of formats).
  return assignedFunctionName(fn);
}

/** The type the holder is declared with: `const cache: Map<K, V> = …`, `private cache: Record<K, V> = {}`, or a field declared apart from its constructor assignment. */
function annotationOf(holder: Holder): TSESTree.TypeNode | undefined {
  if (holder.kind === 'variable') return holder.id.typeAnnotation?.typeAnnotation;
  return fieldDeclaration(holder)?.typeAnnotation?.typeAnnotation;
}

/** The variable's name, the field's key, or for `this.x = …` in a constructor the field's declaration when the class has one. */
function declarationNode(holder: Holder): TSESTree.Node {
  if (holder.kind === 'variable') return holder.id;
  return fieldDeclaration(holder)?.key ?? holder.key;
}

/** The class field that holds the value: its own declaration, or the one a constructor's `this.x = …` assigns. */
function fieldDeclaration(holder: Extract<Holder, { kind: 'field' }>): TSESTree.PropertyDefinition | undefined {
  if (holder.initialization.type === AST_NODE_TYPES.PropertyDefinition) return holder.initialization;
  return holder.classNode.body.body.find(
    (element): element is TSESTree.PropertyDefinition =>
      element.type === AST_NODE_TYPES.PropertyDefinition && element.static === holder.isStatic && !element.computed && propertyName(element.key) === holder.name,
  );
}

function propertyName(key: TSESTree.Node): string | undefined {
  if (key.type === AST_NODE_TYPES.Identifier) return key.name;
  if (key.type === AST_NODE_TYPES.PrivateIdentifier) return `#${key.name}`;
  return key.type === AST_NODE_TYPES.Literal && typeof key.value === 'string' ? key.value : undefined;
}

function holderName(holder: Holder): string {
  if (holder.kind === 'variable') return holder.id.name;
  if (holder.isStatic) return `${holder.classNode.id?.name ?? 'this'}.${holder.name}`;
  return `this.${holder.name}`;
}

/** `cache.set(…)`, `this.cache.add(…)`, `memo[…] = …`. */
function writeText(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): string {
  let text: string;
  if (node.type === AST_NODE_TYPES.CallExpression) {
    text = `${sourceCode.getText(node.callee)}(…)`;
  } else if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.MemberExpression) {
    text = `${sourceCode.getText(node.left.object)}[…] ${node.operator} …`;
  } else {
    text = sourceCode.getText(node);
  }
  return text.length <= MAX_TEXT && !text.includes('\n') ? text : text.slice(0, MAX_TEXT - 1) + '…';
}

/** The constructors of `Intl`: each builds its locale data once, which is why they are kept and reused. */
const INTL_FORMATTERS = new Set(['Collator', 'DateTimeFormat', 'DisplayNames', 'DurationFormat', 'ListFormat', 'Locale', 'NumberFormat', 'PluralRules', 'RelativeTimeFormat', 'Segmenter']);

/** `new Intl.NumberFormat(locale, options)`. */
function isIntlFormatter(construction: TSESTree.NewExpression): boolean {
  const callee = skipExpressionWrappers(construction.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const object = skipExpressionWrappers(callee.object);
  return object.type === AST_NODE_TYPES.Identifier && object.name === 'Intl' && INTL_FORMATTERS.has(memberName(callee) ?? '');
}

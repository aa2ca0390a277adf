/**
 * What calling a function of the project does, followed through the calls it makes: does it run a database
 * operation, and through which chain of calls? `getFunctionSummaries(context).queryBehind(call)` answers for
 * one call expression.
 *
 * Without type information, calls are followed to functions of the same file: declarations, `const`
 * arrow functions and function expressions written once, methods of the enclosing class (`this.load()`),
 * and methods of a `const` object literal (`repo.byId()`). With type information, the checker resolves
 * any call to its declaration (through imports, re-exports and barrel files, injected services typed by
 * their class, object-literal methods), and functions declared in other files of the program are read
 * from the TypeScript AST: a call on a receiver whose type a database package declares, with a method
 * name that library has, is a query. Declaration files and `node_modules` are never followed.
 *
 * Summaries are kept per function: per file for the ESTree side, per TypeScript program for other files
 * (a WeakMap keyed by the program, so nothing outlives it and each ESLint worker keeps its own). The
 * depth limit bounds the work per call; a cycle (recursion, mutual recursion) is cut where it closes.
 */
import path from 'node:path';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import { skipExpressionWrappers } from '../ast/expressions';
import { isAwaitedWhereItStands } from './awaited';
import { getDbOperations, type DbLibrary, type DbOperationKind } from './db-operations';
import { LIBRARIES, isKnownMethodName } from './db/evaluate';
import { enclosingClassOfThis, getTypeServices, memberName, resolveBinding, resolveClassMember, typeOriginOf, type TypeServices } from './library-origin';

export const DEFAULT_SUMMARY_DEPTH = 3;

/** A database operation reached by calling a function. */
export interface QueryEffect {
  library: DbLibrary;
  /** `findMany`, `query`, … */
  method: string;
  /** Known for operations the ESTree analysis classified; undefined for those found in other files. */
  kind: DbOperationKind | undefined;
  /** The operation's callee as written, shortened: `prisma.order.findMany`. */
  text: string;
  /** Where the operation is: `orders.repository.ts:42`. */
  location: string;
  /** The functions from the called one down to the one that runs the operation: `['forUser', 'findOrders']`. */
  chain: readonly string[];
  /** The called function's declaration, for recursion checks. */
  declaration: object;
}

export interface FunctionSummaryAnalyzer {
  /** The database operation that `call` runs inside a function of the project, if any (not `call` itself). */
  queryBehind(call: TSESTree.CallExpression): QueryEffect | undefined;
}

type RuleContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

const analyzers = new WeakMap<object, Map<number, Analyzer>>();

/** One analyzer per file and depth, shared by the rules that ask. */
export function getFunctionSummaries(context: RuleContext, depth = DEFAULT_SUMMARY_DEPTH): FunctionSummaryAnalyzer {
  let byDepth = analyzers.get(context.sourceCode);
  if (!byDepth) {
    byDepth = new Map();
    analyzers.set(context.sourceCode, byDepth);
  }
  let analyzer = byDepth.get(depth);
  if (!analyzer) {
    analyzer = new Analyzer(context, depth);
    byDepth.set(depth, analyzer);
  }
  return analyzer;
}

type EstreeFunction = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

/** A summary as computed: the shallowest query found (its depth below the summarised function), or none. */
interface Summary {
  effect: Omit<QueryEffect, 'declaration'> | undefined;
  /** Levels of calls below the summarised function at which the effect sits (0: in its own body). */
  depth: number;
  /** A cycle or the depth limit cut the search short: the answer holds only for this search. */
  partial: boolean;
}

const NO_EFFECT: Summary = { effect: undefined, depth: 0, partial: false };

/** Summaries of functions in other files, per program. */
const programSummaries = new WeakMap<ts.Program, Map<ts.Node, Summary>>();

let typescriptModule: typeof ts | undefined;
function typescript(): typeof ts {
  // Loaded only for typed linting, so untyped users need not install TypeScript.
  typescriptModule ??= require('typescript') as typeof ts;
  return typescriptModule;
}

const MAX_TEXT = 48;
const MAX_NODES_PER_FUNCTION = 20_000;

class Analyzer implements FunctionSummaryAnalyzer {
  private readonly sourceCode: Readonly<TSESLint.SourceCode>;
  private readonly typeServices: TypeServices | undefined;
  private readonly localSummaries = new WeakMap<EstreeFunction, Summary>();
  private readonly fileName: string;

  constructor(
    private readonly context: RuleContext,
    private readonly maxDepth: number,
  ) {
    this.sourceCode = context.sourceCode;
    this.typeServices = getTypeServices(context);
    this.fileName = path.basename(context.filename);
  }

  queryBehind(call: TSESTree.CallExpression): QueryEffect | undefined {
    if (this.maxDepth < 1) return undefined;
    try {
      const target = this.resolveCall(call);
      if (!target) return undefined;
      const summary = target.kind === 'estree' ? this.summarizeLocal(target.node, this.maxDepth - 1, new Set()) : this.summarizeRemote(target.node, this.maxDepth - 1, new Set());
      if (!summary.effect) return undefined;
      return { ...summary.effect, chain: [target.name, ...summary.effect.chain], declaration: target.node };
    } catch {
      // An analysis bug must never take the lint run down with it.
      return undefined;
    }
  }

  // -------------------------------------------------------------------------------------------------------
  // Which function a call runs.

  private resolveCall(call: TSESTree.CallExpression): { kind: 'estree'; node: EstreeFunction; name: string } | { kind: 'ts'; node: ts.FunctionLikeDeclaration; name: string } | undefined {
    const local = this.localFunction(call);
    if (local) return { kind: 'estree', ...local };
    if (!this.typeServices) return undefined;
    const declaration = this.resolvedDeclaration(this.typeServices.services.esTreeNodeToTSNodeMap.get(call as never) as ts.Node | undefined);
    if (!declaration) return undefined;
    const name = declarationName(declaration) ?? calleeName(call) ?? 'function';
    // A declaration of this file maps back to its ESTree node, which the richer analysis of this file reads.
    const estree = this.typeServices.services.tsNodeToESTreeNodeMap.get(declaration as never) as TSESTree.Node | undefined;
    if (estree && isEstreeFunction(estree)) return { kind: 'estree', node: estree, name };
    return { kind: 'ts', node: declaration, name };
  }

  /** A function of this file that `call` calls, found without types. */
  private localFunction(call: TSESTree.CallExpression): { node: EstreeFunction; name: string } | undefined {
    const callee = skipExpressionWrappers(call.callee);
    if (callee.type === AST_NODE_TYPES.Identifier) {
      const fn = this.functionBoundTo(callee);
      return fn && { node: fn, name: callee.name };
    }
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const name = memberName(callee);
    if (name === undefined) return undefined;
    const object = skipExpressionWrappers(callee.object);
    if (object.type === AST_NODE_TYPES.ThisExpression) {
      const owner = enclosingClassOfThis(callee);
      const method = owner && classMethod(owner.classNode, name, owner.isStatic);
      return method && { node: method, name };
    }
    if (object.type === AST_NODE_TYPES.Identifier) {
      const binding = resolveBinding(object, this.sourceCode.getScope(object));
      if (binding.kind === 'class') {
        const method = classMethod(binding.node, name, true);
        return method && { node: method, name };
      }
      if (binding.kind !== 'value' || binding.path.length > 0 || !this.isWrittenOnce(object)) return undefined;
      const value = skipExpressionWrappers(binding.expression);
      if (value.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
      const fn = objectMethod(value, name);
      return fn && { node: fn, name };
    }
    return undefined;
  }

  private functionBoundTo(identifier: TSESTree.Identifier): EstreeFunction | undefined {
    const binding = resolveBinding(identifier, this.sourceCode.getScope(identifier));
    if (binding.kind === 'function' && binding.node.type === AST_NODE_TYPES.FunctionDeclaration) return binding.node;
    if (binding.kind !== 'value' || binding.path.length > 0 || !this.isWrittenOnce(identifier)) return undefined;
    const value = skipExpressionWrappers(binding.expression);
    return value.type === AST_NODE_TYPES.ArrowFunctionExpression || value.type === AST_NODE_TYPES.FunctionExpression ? value : undefined;
  }

  private isWrittenOnce(identifier: TSESTree.Identifier): boolean {
    const scope = this.sourceCode.getScope(identifier);
    for (let current: TSESLint.Scope.Scope | null = scope; current; current = current.upper) {
      const variable = current.set.get(identifier.name);
      if (variable) return variable.references.filter((reference) => reference.isWrite()).length <= 1;
    }
    return false;
  }

  /** The declaration the checker resolves a call to, when it has a body in a source file of the project. */
  private resolvedDeclaration(tsCall: ts.Node | undefined): ts.FunctionLikeDeclaration | undefined {
    const tsm = typescript();
    if (!tsCall || !tsm.isCallExpression(tsCall)) return undefined;
    const checker = this.typeServices!.checker;
    const declaration = checker.getResolvedSignature(tsCall)?.getDeclaration() as ts.Node | undefined;
    return declaration && followableFunction(declaration) ? declaration : undefined;
  }

  // -------------------------------------------------------------------------------------------------------
  // Summaries of functions of this file, with the database analysis of this file.

  private summarizeLocal(fn: EstreeFunction, budget: number, visiting: Set<object>): Summary {
    const cached = this.localSummaries.get(fn);
    if (cached && (cached.effect ? cached.depth <= budget : !cached.partial)) return cached;
    if (visiting.has(fn)) return { ...NO_EFFECT, partial: true };
    visiting.add(fn);
    const db = getDbOperations(this.context);
    const calls: TSESTree.CallExpression[] = [];
    let found: Summary | undefined;
    walkEstree(fn.body, this.sourceCode.visitorKeys, (node) => {
      if (found) return false;
      // Only calls whose promise the function waits for (or hands back) can add a round trip to its caller;
      // the filter also keeps type queries off the many synchronous calls of a body.
      if (node.type === AST_NODE_TYPES.CallExpression && isAwaitedWhereItStands(node)) {
        const operation = db.mightBeOperation(node) ? db.classify(node) : undefined;
        if (operation) {
          found = { effect: { library: operation.library, method: operation.method, kind: operation.kind, text: shortText(operation.node.callee, this.sourceCode), location: `${this.fileName}:${operation.node.loc.start.line}`, chain: [] }, depth: 0, partial: false };
          return false;
        }
        calls.push(node);
      } else if (node.type === AST_NODE_TYPES.TaggedTemplateExpression) {
        const operation = db.classifyTaggedTemplate(node);
        if (operation) {
          found = { effect: { library: operation.library, method: operation.method, kind: 'raw', text: shortText(node.tag, this.sourceCode), location: `${this.fileName}:${node.loc.start.line}`, chain: [] }, depth: 0, partial: false };
          return false;
        }
      }
      return true;
    });
    const summary = found ?? this.deeper(calls, budget, visiting);
    visiting.delete(fn);
    if (!summary.partial) this.localSummaries.set(fn, summary);
    return summary;
  }

  /** The shallowest query among the functions `calls` run, one level down. */
  private deeper(calls: readonly TSESTree.CallExpression[], budget: number, visiting: Set<object>): Summary {
    if (budget < 1) return { ...NO_EFFECT, partial: calls.length > 0 };
    let best: Summary | undefined;
    let partial = false;
    for (const call of calls) {
      const target = this.resolveCall(call);
      if (!target) continue;
      const inner = target.kind === 'estree' ? this.summarizeLocal(target.node, budget - 1, visiting) : this.summarizeRemote(target.node, budget - 1, visiting);
      partial ||= inner.partial;
      if (inner.effect && (!best || inner.depth + 1 < best.depth)) {
        best = { effect: { ...inner.effect, chain: [target.name, ...inner.effect.chain] }, depth: inner.depth + 1, partial: false };
        if (best.depth === 1) break;
      }
    }
    return best ?? { ...NO_EFFECT, partial };
  }

  // -------------------------------------------------------------------------------------------------------
  // Summaries of functions in other files, from the TypeScript AST and the checker.

  private summarizeRemote(fn: ts.FunctionLikeDeclaration, budget: number, visiting: Set<object>): Summary {
    const program = this.typeServices!.services.program;
    let cache = programSummaries.get(program);
    if (!cache) {
      cache = new Map();
      programSummaries.set(program, cache);
    }
    const cached = cache.get(fn);
    if (cached && (cached.effect ? cached.depth <= budget : !cached.partial)) return cached;
    if (visiting.has(fn)) return { ...NO_EFFECT, partial: true };
    visiting.add(fn);
    const tsm = typescript();
    const checker = this.typeServices!.checker;
    const calls: ts.CallExpression[] = [];
    let found: Summary | undefined;
    let visited = 0;
    const visit = (node: ts.Node): void => {
      if (found || ++visited > MAX_NODES_PER_FUNCTION) return;
      if ((tsm.isCallExpression(node) || tsm.isTaggedTemplateExpression(node)) && isWaitedFor(node)) {
        // A chain is waited for at its outermost call; the query may be named by any call down the chain.
        for (let link: ts.Node = node; tsm.isCallExpression(link) || tsm.isTaggedTemplateExpression(link); ) {
          const effect = remoteQuery(link, checker);
          if (effect) {
            found = { effect, depth: 0, partial: false };
            return;
          }
          const callee = tsm.isCallExpression(link) ? link.expression : link.tag;
          if (!tsm.isPropertyAccessExpression(callee)) break;
          link = callee.expression;
        }
        if (tsm.isCallExpression(node)) calls.push(node);
      }
      tsm.forEachChild(node, visit);
    };
    if (fn.body) visit(fn.body);
    let summary = found;
    if (!summary) {
      if (budget < 1) {
        summary = { ...NO_EFFECT, partial: calls.length > 0 };
      } else {
        let partial = false;
        for (const call of calls) {
          const declaration = this.resolvedDeclaration(call);
          if (!declaration) continue;
          const inner = this.summarizeRemote(declaration, budget - 1, visiting);
          partial ||= inner.partial;
          if (inner.effect && (!summary || inner.depth + 1 < summary.depth)) {
            const name = declarationName(declaration) ?? 'function';
            summary = { effect: { ...inner.effect, chain: [name, ...inner.effect.chain] }, depth: inner.depth + 1, partial: false };
            if (summary.depth === 1) break;
          }
        }
        summary ??= { ...NO_EFFECT, partial };
      }
    }
    visiting.delete(fn);
    if (!summary.partial) cache.set(fn, summary);
    return summary;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Helpers.

function isEstreeFunction(node: TSESTree.Node): node is EstreeFunction {
  return node.type === AST_NODE_TYPES.FunctionDeclaration || node.type === AST_NODE_TYPES.FunctionExpression || node.type === AST_NODE_TYPES.ArrowFunctionExpression;
}

function classMethod(classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression, name: string, isStatic: boolean): EstreeFunction | undefined {
  for (const element of classNode.body.body) {
    if (element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'method' && element.static === isStatic && !element.computed && element.key.type === AST_NODE_TYPES.Identifier && element.key.name === name) {
      return element.value.type === AST_NODE_TYPES.FunctionExpression ? element.value : undefined;
    }
  }
  const member = resolveClassMember(classNode, name, isStatic);
  if (member?.kind !== 'value') return undefined;
  const value = skipExpressionWrappers(member.expression);
  return value.type === AST_NODE_TYPES.ArrowFunctionExpression || value.type === AST_NODE_TYPES.FunctionExpression ? value : undefined;
}

function objectMethod(object: TSESTree.ObjectExpression, name: string): EstreeFunction | undefined {
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed || property.key.type !== AST_NODE_TYPES.Identifier || property.key.name !== name) continue;
    const value = skipExpressionWrappers(property.value);
    return value.type === AST_NODE_TYPES.ArrowFunctionExpression || value.type === AST_NODE_TYPES.FunctionExpression ? value : undefined;
  }
  return undefined;
}

function calleeName(call: TSESTree.CallExpression): string | undefined {
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  return callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : undefined;
}

/** Walks a subtree depth-first; `visit` returns false to skip a node's children. Iterative, so deep code cannot overflow the stack. */
function walkEstree(root: TSESTree.Node, visitorKeys: Readonly<Record<string, readonly string[] | undefined>>, visit: (node: TSESTree.Node) => boolean): void {
  const pending: TSESTree.Node[] = [root];
  let visited = 0;
  while (pending.length > 0 && ++visited <= MAX_NODES_PER_FUNCTION) {
    const node = pending.pop()!;
    if (!visit(node)) continue;
    const keys = visitorKeys[node.type] ?? [];
    for (let index = keys.length - 1; index >= 0; index--) {
      const value = (node as unknown as Record<string, unknown>)[keys[index]];
      if (Array.isArray(value)) {
        for (let item = value.length - 1; item >= 0; item--) if (isNode(value[item])) pending.push(value[item] as TSESTree.Node);
      } else if (isNode(value)) {
        pending.push(value);
      }
    }
  }
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

function shortText(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): string {
  const text = sourceCode.getText(node).replace(/\s+/g, ' ');
  return text.length <= MAX_TEXT ? text : `${text.slice(0, MAX_TEXT - 1)}…`;
}

/** `await x()`, `return x()`, `() => x()`, through parentheses and type assertions: the function waits for (or hands back) the promise. */
function isWaitedFor(node: ts.Node): boolean {
  const tsm = typescript();
  let child = node;
  let parent = node.parent;
  while (parent && (tsm.isParenthesizedExpression(parent) || tsm.isAsExpression(parent) || tsm.isNonNullExpression(parent) || tsm.isSatisfiesExpression(parent))) {
    child = parent;
    parent = parent.parent;
  }
  if (!parent) return false;
  if (tsm.isAwaitExpression(parent) || tsm.isReturnStatement(parent)) return true;
  return tsm.isArrowFunction(parent) && parent.body === child;
}

/** A function-like declaration with a body, in a source file of the project (not a declaration file, not node_modules). */
function followableFunction(node: ts.Node): node is ts.FunctionLikeDeclaration {
  const tsm = typescript();
  if (!(tsm.isFunctionDeclaration(node) || tsm.isMethodDeclaration(node) || tsm.isArrowFunction(node) || tsm.isFunctionExpression(node))) return false;
  if (!node.body) return false;
  const file = node.getSourceFile();
  return !file.isDeclarationFile && !file.fileName.includes('/node_modules/');
}

const WRITE_STEP = /^(create|insert|save|update|upsert|delete|destroy|remove|persist|flush|merge|del|set|hset|incr|increment|decrement|bulk)/i;
const COUNT_STEP = /^count/i;

/** Whether a chain written in another file writes or counts, from the names of its steps (`insert(…).onConflict(…)` writes); a read otherwise. */
function chainKind(callee: ts.PropertyAccessExpression): DbOperationKind {
  const tsm = typescript();
  let kind: DbOperationKind = 'read';
  let current: ts.Expression = callee;
  for (let depth = 0; depth < 50; depth++) {
    if (tsm.isPropertyAccessExpression(current)) {
      const name = current.name.text;
      if (WRITE_STEP.test(name)) return 'write';
      if (COUNT_STEP.test(name)) kind = 'count';
      current = current.expression;
    } else if (tsm.isCallExpression(current)) {
      current = current.expression;
    } else {
      break;
    }
  }
  return kind;
}

/** `forUser` for a method or function declaration, the variable or property an arrow function is assigned to. */
function declarationName(node: ts.FunctionLikeDeclaration): string | undefined {
  const tsm = typescript();
  if (node.name && (tsm.isIdentifier(node.name) || tsm.isPrivateIdentifier(node.name))) return node.name.text;
  const parent = node.parent;
  if (parent && (tsm.isVariableDeclaration(parent) || tsm.isPropertyAssignment(parent) || tsm.isPropertyDeclaration(parent)) && tsm.isIdentifier(parent.name)) return parent.name.text;
  return undefined;
}

/**
 * A query in another file: `receiver.method(…)` (or a tagged template on `receiver.$queryRaw`) where the
 * receiver's type is declared by a database package and the method is one that library has.
 */
function remoteQuery(node: ts.CallExpression | ts.TaggedTemplateExpression, checker: ts.TypeChecker): Omit<QueryEffect, 'declaration'> | undefined {
  const tsm = typescript();
  const callee = tsm.isCallExpression(node) ? node.expression : node.tag;
  if (!tsm.isPropertyAccessExpression(callee) || !tsm.isIdentifier(callee.name)) return undefined;
  const method = callee.name.text;
  if (!isKnownMethodName(method)) return undefined;
  const origin = typeOriginOf(checker, checker.getTypeAtLocation(callee.expression));
  if (origin.kind !== 'package') return undefined;
  const library = LIBRARIES.find((candidate) => candidate.matchesPackage(origin.packageName));
  if (!library) return undefined;
  if (library.fromType && !library.fromType(origin.typeName, origin.typeArguments, origin.isStatic, origin.ownName)) return undefined;
  const file = node.getSourceFile();
  const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
  const text = callee.getText(file).replace(/\s+/g, ' ');
  return {
    library: library.library,
    method,
    kind: chainKind(callee),
    text: text.length <= MAX_TEXT ? text : `${text.slice(0, MAX_TEXT - 1)}…`,
    location: `${path.basename(file.fileName)}:${line}`,
    chain: [],
  };
}

/**
 * Is a value derived from what a client sent? `getRequestInput(context).inputOf(node)` follows a value
 * back through bindings, destructuring, member accesses, string and array methods, templates,
 * concatenation, arithmetic, `??`/`||`, ternaries, `await` and validation calls (`schema.parse(req.query)`)
 * to a read of request input:
 *
 * - Express `req.query`/`params`/`body`/`headers`/`cookies`/`url`, `req.get()`/`header()`/`param()`;
 *   Fastify `request.query`/`params`/`body`/`headers`; Koa `ctx.query`/`params`/`querystring`/`headers`,
 *   `ctx.request.body`; Hono `c.req.query()`/`param()`/`json()`/`valid()`/`header()`; Fetch and Next.js
 *   `request.json()`/`formData()`/`nextUrl.searchParams`; tRPC `input`;
 * - NestJS `@Query()`/`@Param()`/`@Body()`/`@Headers()` parameters (and `@Req()`), routing-controllers'
 *   `@QueryParam()`/`@Param()`/`@Body()`…;
 * - Next.js pages' `searchParams`/`params` props and route handlers' `{ params }`.
 *
 * A request object is recognised by its parameter's annotation (`req: Request` from express, `FastifyRequest`,
 * Koa `Context`, Hono `Context`, `NextRequest`, the global `Request`), by its type with type information,
 * by NestJS decorators, by the `(req, res)` / `(request, reply)` / `(ctx, next)` signature, or as the
 * first parameter of a route handler (src/analysis/request-path.ts).
 *
 * `parameterOf(node)` answers a neighbouring question with the same walk: which parameter of a named
 * function or method (not an inline callback) the value derives from, i.e. a value the caller chooses.
 *
 * Calls of functions the analysis cannot see through (`normalizeSort(req.query.sort)`) end the trail:
 * they may well sanitize. Everything is bounded and memoised per node.
 */
import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast/node-types';
import { isFunction, isInlineCallback, type FunctionNode, decoratorsOf } from '../ast/code-shape';
import { decoratorOrigin, getTypeOrigin, getTypeServices, memberName, resolveTypeReference, skipExpressionWrappers, type TypeServices } from './library-origin';
import { getImportOrigin } from './modules';
import { getRequestPath } from './request-path';
import { FileCache } from './per-file';

type Scope = TSESLint.Scope.Scope;
type RuleContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

export type RequestInputKind = 'query' | 'params' | 'body' | 'headers' | 'cookies' | 'url';

export interface RequestInput {
  /** The expression (or decorated parameter) that reads the request: `req.query`, `c.req.query('page')`, `@Query('page') page`. */
  readonly node: TSESTree.Node;
  readonly kind: RequestInputKind;
}

export interface RequestInputAnalyzer {
  /** The read of request input that `node`'s value derives from, if the file shows one. */
  inputOf(node: TSESTree.Node): RequestInput | undefined;
  /**
   * The parameter of a named function or method (not an inline callback, not a request object) that
   * `node`'s value derives from: a value the function's callers choose.
   */
  parameterOf(node: TSESTree.Node): TSESTree.Identifier | undefined;
}

/** What a value is, as far as request input goes. */
interface Trace {
  /** The value is itself a request, a framework context, a Next.js page's props or a route handler's context. */
  readonly role?: 'request' | 'context' | 'context-state' | 'page-props' | 'route-context';
  readonly input?: RequestInput;
  readonly parameter?: TSESTree.Identifier;
}

const NOTHING: Trace = {};

/** Properties of a request object that hold what the client sent. */
const REQUEST_PROPERTIES: Readonly<Record<string, RequestInputKind>> = {
  query: 'query',
  params: 'params',
  body: 'body',
  headers: 'headers',
  cookies: 'cookies',
  signedCookies: 'cookies',
  files: 'body',
  file: 'body',
  url: 'url',
  originalUrl: 'url',
  path: 'url',
  search: 'url',
  searchParams: 'query',
  nextUrl: 'url',
  querystring: 'query',
  hostname: 'headers',
  // tRPC procedures: `({ input }) => …`
  input: 'body',
};

/** Methods of a request object returning what the client sent (Express, Hono, Fetch). */
const REQUEST_METHODS: Readonly<Record<string, RequestInputKind>> = {
  get: 'headers',
  header: 'headers',
  param: 'params',
  query: 'query',
  queries: 'query',
  valid: 'body',
  json: 'body',
  text: 'body',
  formData: 'body',
  parseBody: 'body',
  arrayBuffer: 'body',
  blob: 'body',
};

/** Koa's and Hono's context: input properties (not `body`, which is the response in Koa). */
const CONTEXT_PROPERTIES: Readonly<Record<string, RequestInputKind>> = {
  query: 'query',
  params: 'params',
  querystring: 'query',
  headers: 'headers',
  header: 'headers',
  url: 'url',
  path: 'url',
  search: 'url',
  href: 'url',
  originalUrl: 'url',
};
const CONTEXT_REQUEST_PROPERTIES = new Set(['request', 'req']);
/**
 * What a middleware parsed from the request into Koa's `ctx.state` for the handlers after it: Outline's `pagination()`
 * copies the client's `offset` and `limit` to `ctx.state.pagination`. The rest of the state (the user, a transaction)
 * is the server's own.
 */
const CONTEXT_STATE_INPUT = new Set(['pagination', 'paging', 'paginate']);

/** Parameter decorators that inject request input, by package. */
const INPUT_DECORATORS: Readonly<Record<string, Readonly<Record<string, RequestInputKind | 'request'>>>> = {
  '@nestjs/common': { Query: 'query', Param: 'params', Body: 'body', Headers: 'headers', HostParam: 'headers', Req: 'request', Request: 'request' },
  'routing-controllers': {
    QueryParam: 'query', QueryParams: 'query', Param: 'params', Params: 'params', Body: 'body', BodyParam: 'body',
    HeaderParam: 'headers', HeaderParams: 'headers', CookieParam: 'cookies', CookieParams: 'cookies', UploadedFile: 'body', Req: 'request',
  },
};

/** Framework types of request and context objects, by package (annotations and the type checker). */
const FRAMEWORK_TYPES: Readonly<Record<string, Readonly<Record<string, 'request' | 'context'>>>> = {
  express: { Request: 'request' },
  'express-serve-static-core': { Request: 'request' },
  fastify: { FastifyRequest: 'request' },
  koa: { Context: 'context', ParameterizedContext: 'context', DefaultContext: 'context', ExtendableContext: 'context', Request: 'request' },
  '@koa/router': { RouterContext: 'context' },
  'koa-router': { RouterContext: 'context', IRouterContext: 'context' },
  hono: { Context: 'context', HonoRequest: 'request' },
  next: { NextApiRequest: 'request', NextRequest: 'request' },
  'next/server': { NextRequest: 'request' },
};

/** Global functions whose result carries their first argument's content. */
const PASS_THROUGH_FUNCTIONS = new Set(['Number', 'String', 'parseInt', 'parseFloat', 'BigInt', 'decodeURIComponent', 'decodeURI', 'unescape', 'structuredClone']);
/** Static helpers of these globals whose result carries their arguments' content. */
const PASS_THROUGH_NAMESPACES = new Set(['Math', 'Object', 'Array', 'JSON', 'Number', 'String']);
/** Validation calls return (a typed copy of) what they were given: `schema.parse(req.query)`. */
const VALIDATION_METHODS = new Set(['parse', 'parseAsync', 'safeParse', 'safeParseAsync', 'validate', 'validateAsync', 'validateSync', 'cast', 'decode']);
const VALIDATION_FUNCTIONS = new Set(['plainToInstance', 'plainToClass']);

const HTTP_METHOD_EXPORTS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const NEXT_PAGE_FILE = /^(?:page|layout|template|default)\.[cm]?[jt]sx?$/;
const REQUEST_NAMES = new Set(['req', 'request']);
const RESPONSE_NAMES = new Set(['res', 'reply', 'response']);
const CONTEXT_NAMES = new Set(['ctx', 'context', 'c']);

const MAX_STEPS = 400;
const MAX_DEPTH = 24;

type PathStep = { kind: 'get'; name: string | undefined } | { kind: 'element' };

class Analyzer implements RequestInputAnalyzer {
  private readonly memo = new WeakMap<TSESTree.Node, Trace>();
  private readonly inProgress = new Set<TSESTree.Node>();
  /** Per variable, so every reference of a `let` assigned many times is answered once. */
  private readonly variables = new Map<TSESLint.Scope.Variable, Trace | null>();
  private steps = 0;
  private depth = 0;
  private readonly isNextPageFile: boolean;

  constructor(
    private readonly context: RuleContext,
    private readonly types: TypeServices | undefined,
  ) {
    const filename = context.filename.replaceAll('\\', '/');
    this.isNextPageFile = NEXT_PAGE_FILE.test(filename.slice(filename.lastIndexOf('/') + 1));
  }

  inputOf(node: TSESTree.Node): RequestInput | undefined {
    return this.trace(node).input;
  }

  parameterOf(node: TSESTree.Node): TSESTree.Identifier | undefined {
    return this.trace(node).parameter;
  }

  private trace(node: TSESTree.Node): Trace {
    if (this.depth === 0) this.steps = 0;
    const known = this.memo.get(node);
    if (known) return known;
    if (this.inProgress.has(node) || ++this.steps > MAX_STEPS || this.depth >= MAX_DEPTH) return NOTHING;
    this.inProgress.add(node);
    this.depth++;
    let result: Trace;
    try {
      result = this.compute(node);
    } catch {
      result = NOTHING; // an analysis bug must not take the lint run down
    } finally {
      this.depth--;
      this.inProgress.delete(node);
    }
    this.memo.set(node, result);
    return result;
  }

  private compute(node: TSESTree.Node): Trace {
    const current = skipExpressionWrappers(node);
    switch (current.type) {
      case AST_NODE_TYPES.Identifier:
        return this.identifier(current);
      case AST_NODE_TYPES.MemberExpression: {
        const owner = this.trace(current.object);
        const trace = this.step(owner, { kind: 'get', name: memberName(current) }, current);
        // `req.query.page` rather than `req.query`: name the read as precisely as the code does.
        if (owner.input && trace.input === owner.input && skipExpressionWrappers(current.object) === owner.input.node) {
          return { ...trace, input: { node: current, kind: owner.input.kind } };
        }
        return trace;
      }
      case AST_NODE_TYPES.CallExpression:
        return this.call(current);
      case AST_NODE_TYPES.NewExpression:
        return current.callee.type === AST_NODE_TYPES.Identifier && (current.callee.name === 'URL' || current.callee.name === 'URLSearchParams')
          ? this.derived(current.arguments)
          : NOTHING;
      case AST_NODE_TYPES.AwaitExpression:
      case AST_NODE_TYPES.SpreadElement:
        return this.trace(current.argument);
      case AST_NODE_TYPES.UnaryExpression:
        return current.operator === '-' || current.operator === '+' || current.operator === '~' ? this.derived([current.argument]) : NOTHING;
      case AST_NODE_TYPES.LogicalExpression:
      case AST_NODE_TYPES.BinaryExpression:
        return this.derived([current.left, current.right]);
      case AST_NODE_TYPES.ConditionalExpression:
        return this.derived([current.consequent, current.alternate]);
      case AST_NODE_TYPES.TemplateLiteral:
        return this.derived(current.expressions);
      case AST_NODE_TYPES.ArrayExpression:
        return this.derived(current.elements.filter((element): element is TSESTree.Expression | TSESTree.SpreadElement => element !== null));
      case AST_NODE_TYPES.ObjectExpression:
        return this.derived(current.properties.map((property) => (property.type === AST_NODE_TYPES.Property ? property.value : property)));
      case AST_NODE_TYPES.AssignmentExpression:
        return this.trace(current.right);
      case AST_NODE_TYPES.SequenceExpression:
        return this.trace(current.expressions[current.expressions.length - 1]);
      default:
        return NOTHING;
    }
  }

  /** A value computed from `parts`: it carries their input and parameter, not their role. */
  private derived(parts: readonly TSESTree.Node[]): Trace {
    let input: RequestInput | undefined;
    let parameter: TSESTree.Identifier | undefined;
    for (const part of parts) {
      const trace = this.trace(part);
      input ??= trace.input;
      parameter ??= trace.parameter;
      if (input && parameter) break;
    }
    return input || parameter ? { input, parameter } : NOTHING;
  }

  /** One step into a value: a property of it (member access, destructuring) or one of its elements. */
  private step(owner: Trace, step: PathStep, at: TSESTree.Node): Trace {
    if (owner.input || owner.parameter) return { input: owner.input, parameter: owner.parameter };
    if (step.kind !== 'get' || step.name === undefined) return NOTHING;
    const name = step.name;
    switch (owner.role) {
      case 'request': {
        const kind = REQUEST_PROPERTIES[name];
        return kind ? { input: { node: at, kind } } : NOTHING;
      }
      case 'context': {
        if (CONTEXT_REQUEST_PROPERTIES.has(name)) return { role: 'request' };
        if (name === 'state') return { role: 'context-state' };
        const kind = CONTEXT_PROPERTIES[name];
        return kind ? { input: { node: at, kind } } : NOTHING;
      }
      case 'context-state':
        return CONTEXT_STATE_INPUT.has(name) ? { input: { node: at, kind: 'query' } } : NOTHING;
      case 'page-props':
        return name === 'searchParams' ? { input: { node: at, kind: 'query' } } : name === 'params' ? { input: { node: at, kind: 'params' } } : NOTHING;
      case 'route-context':
        return name === 'params' ? { input: { node: at, kind: 'params' } } : NOTHING;
      default:
        return NOTHING;
    }
  }

  private walk(start: Trace, path: readonly PathStep[], at: TSESTree.Node): Trace {
    let trace = start;
    for (const step of path) {
      if (trace === NOTHING) return NOTHING;
      trace = this.step(trace, step, at);
    }
    return trace;
  }

  private call(node: TSESTree.CallExpression): Trace {
    const callee = skipExpressionWrappers(node.callee);
    if (callee.type === AST_NODE_TYPES.Identifier) {
      const scope = this.scopeOf(callee);
      if (isGlobal(callee, scope)) return PASS_THROUGH_FUNCTIONS.has(callee.name) && node.arguments[0] ? this.trace(node.arguments[0]) : NOTHING;
      if (VALIDATION_FUNCTIONS.has(callee.name) && getImportOrigin(callee, scope)?.source === 'class-transformer') return this.derived(node.arguments.slice(1, 2));
      return NOTHING;
    }
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return NOTHING;
    const method = memberName(callee);
    if (method === undefined) return NOTHING;
    const receiver = skipExpressionWrappers(callee.object);
    if (receiver.type === AST_NODE_TYPES.Identifier && PASS_THROUGH_NAMESPACES.has(receiver.name) && isGlobal(receiver, this.scopeOf(receiver))) {
      return this.derived(node.arguments);
    }
    const owner = this.trace(callee.object);
    if (owner.input || owner.parameter) return { input: owner.input, parameter: owner.parameter };
    if (owner.role === 'request') {
      const kind = REQUEST_METHODS[method];
      return kind ? { input: { node, kind } } : NOTHING;
    }
    if (VALIDATION_METHODS.has(method)) return this.derived(node.arguments.slice(0, 1));
    return NOTHING;
  }

  private scopeOf(node: TSESTree.Node): Scope {
    return this.context.sourceCode.getScope(node) as Scope;
  }

  private identifier(node: TSESTree.Identifier): Trace {
    const variable = findVariable(this.scopeOf(node) as never, node as never) as TSESLint.Scope.Variable | null;
    const def = variable?.defs[0];
    if (!variable || !def) return NOTHING;
    if (def.type === 'Variable') {
      const known = this.variables.get(variable);
      if (known !== undefined) return known ?? NOTHING; // null: a cycle through its own assignments
      this.variables.set(variable, null);
      const result = this.variable(variable, def.node as TSESTree.VariableDeclarator, def.name as TSESTree.Identifier);
      if (this.steps <= MAX_STEPS) this.variables.set(variable, result);
      else this.variables.delete(variable);
      return result;
    }
    if (def.type === 'Parameter') return this.parameter(def.node as TSESTree.Node, def.name as TSESTree.Identifier);
    return NOTHING;
  }

  private variable(variable: TSESLint.Scope.Variable, declarator: TSESTree.VariableDeclarator, name: TSESTree.Identifier): Trace {
    const path = patternPath(declarator.id, name);
    if (!path) return NOTHING;
    const declaration = declarator.parent;
    const loop = declaration?.parent;
    if (loop && (loop.type === AST_NODE_TYPES.ForOfStatement || loop.type === AST_NODE_TYPES.ForInStatement) && loop.left === declaration) {
      return this.walk(this.trace(loop.right), [{ kind: 'element' }, ...path], name);
    }
    const sources: Trace[] = [];
    if (declarator.init) sources.push(this.walk(this.trace(declarator.init), path, name));
    if (declaration?.kind !== 'const') {
      for (const reference of variable.references) {
        if (!reference.isWrite() || reference.identifier === name || !reference.writeExpr) continue;
        const assignment = reference.identifier.parent;
        const direct = assignment?.type === AST_NODE_TYPES.AssignmentExpression && assignment.left === reference.identifier;
        // A destructuring assignment's source reaches this variable through a path; its input does too.
        sources.push(direct ? this.trace(reference.writeExpr) : this.derived([reference.writeExpr]));
      }
    }
    if (sources.length === 1) return sources[0];
    const input = sources.find((source) => source.input)?.input;
    const parameter = sources.find((source) => source.parameter)?.parameter;
    return input || parameter ? { input, parameter } : NOTHING;
  }

  private parameter(fn: TSESTree.Node, name: TSESTree.Identifier): Trace {
    if (!isFunction(fn)) return NOTHING;
    const index = fn.params.findIndex((param) => patternPath(param, name) !== undefined);
    if (index < 0) return NOTHING;
    const param = fn.params[index];
    const path = patternPath(param, name)!;
    const root = this.parameterRoot(fn, index, param);
    if (root) {
      const trace = this.walk(root, path, name);
      return trace.role || trace.input ? trace : NOTHING;
    }
    // A value the caller chooses: parameters of named functions and methods, not of inline callbacks.
    return isInlineCallback(fn) ? NOTHING : { parameter: name };
  }

  /** What the whole parameter at `index` is: a request, a context, request input, page props… */
  private parameterRoot(fn: FunctionNode, index: number, param: TSESTree.Parameter): Trace | undefined {
    const inner = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
    const target = inner.type === AST_NODE_TYPES.AssignmentPattern ? inner.left : inner;
    const scope = this.scopeOf(fn);
    for (const decorator of [...decoratorsOf(param), ...decoratorsOf(target)]) {
      const origin = decoratorOrigin(decorator, scope);
      const kind = origin && INPUT_DECORATORS[origin.source]?.[origin.imported];
      if (kind === 'request') return { role: 'request' };
      if (kind) return { input: { node: decorator, kind } };
    }
    const annotation = 'typeAnnotation' in target ? target.typeAnnotation?.typeAnnotation : undefined;
    if (annotation) {
      const role = annotationRole(annotation, scope);
      if (role) return { role };
    }
    if (this.types && target.type === AST_NODE_TYPES.Identifier) {
      const origin = getTypeOrigin(target, this.types);
      const role = origin.kind === 'package' ? FRAMEWORK_TYPES[origin.packageName]?.[origin.typeName] : undefined;
      if (role) return { role };
    }
    const shape = signatureRole(fn, index);
    if (shape) return { role: shape };
    if (isClassMethod(fn)) return undefined;
    if (this.isNextPageFile && index === 0 && isDefaultExportOrMetadata(fn)) return { role: 'page-props' };
    if (index > 1 || !this.isHandler(fn)) return undefined;
    if (index === 1) return isHttpMethodExport(fn) ? { role: 'route-context' } : undefined;
    return target.type === AST_NODE_TYPES.Identifier && CONTEXT_NAMES.has(target.name) ? { role: 'context' } : { role: 'request' };
  }

  private isHandler(fn: FunctionNode): boolean {
    return getRequestPath(this.context).classify(fn).reason === 'handler';
  }
}

/** `(req, res)`, `(request, reply)`, `(err, req, res, next)`, Koa's `(ctx, next)`. */
function signatureRole(fn: FunctionNode, index: number): 'request' | 'context' | undefined {
  const name = (i: number) => {
    const param = fn.params[i];
    const target = param?.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
    return target?.type === AST_NODE_TYPES.Identifier ? target.name : undefined;
  };
  const own = name(index);
  if (own !== undefined && REQUEST_NAMES.has(own) && RESPONSE_NAMES.has(name(index + 1) ?? '')) return 'request';
  if (index === 0 && (own === 'ctx' || own === 'context') && name(1) === 'next') return 'context';
  return undefined;
}

function annotationRole(type: TSESTree.TypeNode, scope: Scope): 'request' | 'context' | undefined {
  const origin = resolveTypeReference(type, scope);
  if (origin?.kind === 'import' && !origin.isProjectModule) {
    return FRAMEWORK_TYPES[origin.source]?.[origin.path[origin.path.length - 1] ?? ''];
  }
  // The Fetch API's Request, as Next.js route handlers and edge runtimes receive it.
  if (origin?.kind === 'global' && origin.path.length === 1 && origin.name === 'Request') return 'request';
  return undefined;
}

function isClassMethod(fn: FunctionNode): boolean {
  const parent = fn.parent;
  return parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.PropertyDefinition;
}

function isDefaultExportOrMetadata(fn: FunctionNode): boolean {
  if (fn.parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration) return true;
  const name = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn.id?.name : undefined;
  return (name === 'generateMetadata' || name === 'generateViewport') && fn.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration;
}

function isHttpMethodExport(fn: FunctionNode): boolean {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return HTTP_METHOD_EXPORTS.has(fn.id?.name ?? '') && fn.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration;
  const declarator = fn.parent;
  return (
    declarator?.type === AST_NODE_TYPES.VariableDeclarator &&
    declarator.id.type === AST_NODE_TYPES.Identifier &&
    HTTP_METHOD_EXPORTS.has(declarator.id.name) &&
    declarator.parent?.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration
  );
}

function isGlobal(identifier: TSESTree.Identifier, scope: Scope): boolean {
  const variable = findVariable(scope as never, identifier as never) as TSESLint.Scope.Variable | null;
  return !variable || variable.defs.length === 0;
}

function patternKeyName(property: TSESTree.Property): string | undefined {
  if (!property.computed && property.key.type === AST_NODE_TYPES.Identifier) return property.key.name;
  if (property.key.type === AST_NODE_TYPES.Literal && (typeof property.key.value === 'string' || typeof property.key.value === 'number')) return String(property.key.value);
  return undefined;
}

/**
 * The steps from a pattern's whole value to `target` inside it (`{ query: { page } }` → query, page).
 * Computed keys give a step with no name; rest elements keep the whole value.
 */
function patternPath(pattern: TSESTree.Node, target: TSESTree.Node): PathStep[] | undefined {
  if (pattern === target) return [];
  switch (pattern.type) {
    case AST_NODE_TYPES.AssignmentPattern:
      return patternPath(pattern.left, target);
    case AST_NODE_TYPES.TSParameterProperty:
      return patternPath(pattern.parameter, target);
    case AST_NODE_TYPES.RestElement:
      return patternPath(pattern.argument, target);
    case AST_NODE_TYPES.ObjectPattern:
      for (const property of pattern.properties) {
        if (property.type === AST_NODE_TYPES.RestElement) {
          const inner = patternPath(property.argument, target);
          if (inner) return inner;
          continue;
        }
        const inner = patternPath(property.value, target);
        if (inner) return [{ kind: 'get', name: patternKeyName(property) }, ...inner];
      }
      return undefined;
    case AST_NODE_TYPES.ArrayPattern:
      for (const element of pattern.elements) {
        if (!element) continue;
        const inner = patternPath(element, target);
        if (inner) return [{ kind: 'element' }, ...inner];
      }
      return undefined;
    default:
      return undefined;
  }
}

const analyzers = new FileCache<Analyzer>();

/** One analyzer per linted file, shared by every rule that asks (cached on the SourceCode object). */
export function getRequestInput(context: RuleContext): RequestInputAnalyzer {
  return analyzers.get(context.sourceCode, () => new Analyzer(context, getTypeServices(context)));
}

/** Source text for messages: `req.query.sort`, shortened. */
export function describeInput(sourceCode: Readonly<TSESLint.SourceCode>, input: RequestInput, maxLength = 40): string {
  const text = sourceCode.getText(input.node).slice(0, maxLength * 4).replace(/\s+/g, ' ');
  return text.length <= maxLength ? text : `${text.slice(0, maxLength - 1)}…`;
}

/**
 * Which code sends a response body, through which framework, and which expression is the body.
 *
 * `getResponses(context).sendOf(node)` answers for a call, a `new`, an assignment, a `return` statement
 * or the expression body of an arrow function:
 * - Express and Node's `http`: `res.send(body)`, `res.end(body)`, `res.write(body)`, also after fluent calls
 *   (`res.status(200).type('pdf').send(body)`, `res.writeHead(200).end(body)`), Next.js API routes' `res`;
 * - Fastify: `reply.send(body)` (`reply.code(200).send(body)`), `reply.raw.end(body)`, and a value returned
 *   from a Fastify route handler;
 * - Koa: `ctx.body = body`, `ctx.response.body = body`, `ctx.res.end(body)`;
 * - Hono: `c.body(body)`, `c.text(body)`, `c.html(body)`, `c.newResponse(body)`;
 * - the Fetch API (Next.js route handlers, edge runtimes): `new Response(body)` with the global `Response`
 *   (or undici's), `new NextResponse(body)` from `next/server`;
 * - NestJS: `new StreamableFile(body)` from `@nestjs/common` (and `@Res() res` as an Express response).
 *
 * `responseObjectOf(node)` answers the question underneath: is this value a response object, and of which
 * kind? A response is recognised by its parameter's annotation (`res: express.Response`, `FastifyReply`,
 * Koa's `Context`, Hono's `Context`, `http.ServerResponse`, `NextApiResponse`), by its type with type
 * information, by NestJS's `@Res()`/`@Response()`, by the `(req, res)` / `(request, reply)` signature, or by
 * its place among a route handler's parameters (src/analysis/request-path.ts): `res`/`reply` second,
 * Koa's `ctx` or Hono's `c` first. A Koa and a Hono context look alike by name; what the code does with
 * them tells them apart (`ctx.body = x` is Koa, `c.body(x)` is Hono).
 *
 * Names alone never make a response: `stream.write(chunk)`, `socket.end(data)`, `queue.send(msg)` on values
 * that are not response objects are not sends.
 */
import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast/node-types';
import { enclosingFunction, decoratorsOf } from '../ast/code-shape';
import {
  decoratorOrigin,
  getReceiverPackage,
  getTypeOrigin,
  getTypeServices,
  memberName,
  parentSkippingWrappers,
  resolveTypeReference,
  skipExpressionWrappers,
  type TypeServices,
} from './library-origin';
import { getImportOrigin } from './modules';
import { getRequestPath } from './request-path';
import { FileCache } from './per-file';

type RuleContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;
type Scope = TSESLint.Scope.Scope;
type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression;

/**
 * The framework whose response carries the body. `node` is Express and Node's `http` alike (an Express
 * response is a `ServerResponse`); `fetch` is the Fetch API's `Response`, including Next.js's `NextResponse`.
 */
export type ResponseFramework = 'node' | 'fastify' | 'koa' | 'hono' | 'fetch' | 'nestjs';

/**
 * What a response object is: an Express/Node response, a Fastify reply, a Koa context or Koa response,
 * a Hono context, or a handler's context that may be Koa's or Hono's (`context`).
 */
export type ResponseObjectKind = 'node-response' | 'fastify-reply' | 'koa-context' | 'koa-response' | 'hono-context' | 'context';

/** How the response object (or the send) is known. */
export type ResponseEvidence = 'type' | 'annotation' | 'decorator' | 'signature' | 'handler' | 'import' | 'global';

export interface ResponseObject {
  kind: ResponseObjectKind;
  evidence: ResponseEvidence;
}

export interface ResponseSend {
  /** The send: the call, the `new`, the assignment, or the returned expression. */
  node: TSESTree.Node;
  /** The expression sent as the body. */
  body: TSESTree.Node;
  framework: ResponseFramework;
  /**
   * How it is sent: a method name (`send`, `end`, `write`, `body`, `text`, `html`, `newResponse`), `body =`
   * for Koa's assignment, `new Response` / `new NextResponse` / `new StreamableFile`, or `return`.
   */
  method: string;
  evidence: ResponseEvidence;
}

export interface ResponseAnalyzer {
  /** The body that `node` sends as a response, if it is a send. */
  sendOf(node: TSESTree.Node): ResponseSend | undefined;
  /** What kind of response object `node` evaluates to, if it is one. */
  responseObjectOf(node: TSESTree.Node): ResponseObject | undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Framework APIs.

/** Methods that send a body, by the kind of object they are called on. */
const SEND_METHODS: Readonly<Record<ResponseObjectKind, ReadonlySet<string>>> = {
  'node-response': new Set(['send', 'end', 'write']),
  'fastify-reply': new Set(['send']),
  'hono-context': new Set(['body', 'text', 'html', 'newResponse']),
  context: new Set(['body', 'text', 'html', 'newResponse']),
  'koa-context': new Set(),
  'koa-response': new Set(),
};
/** Every method that sends a body in some framework: what a send call's name must be. */
export const ALL_SEND_METHODS: ReadonlySet<string> = new Set(Object.values(SEND_METHODS).flatMap((methods) => [...methods]));

/** Methods that return the response itself, so a send can be chained after them. */
const FLUENT_METHODS: Readonly<Partial<Record<ResponseObjectKind, ReadonlySet<string>>>> = {
  'node-response': new Set(['status', 'type', 'set', 'header', 'contentType', 'attachment', 'append', 'cookie', 'clearCookie', 'vary', 'location', 'links', 'setHeader', 'writeHead', 'setHeaders']),
  'fastify-reply': new Set(['code', 'status', 'header', 'headers', 'type', 'removeHeader', 'serializer']),
};

/** Response types by the package that declares them (annotations and the type checker alike). */
const RESPONSE_TYPES: Readonly<Record<string, Readonly<Record<string, ResponseObjectKind>>>> = {
  express: { Response: 'node-response' },
  'express-serve-static-core': { Response: 'node-response' },
  node: { ServerResponse: 'node-response', Http2ServerResponse: 'node-response' },
  http: { ServerResponse: 'node-response' },
  'node:http': { ServerResponse: 'node-response' },
  http2: { Http2ServerResponse: 'node-response' },
  'node:http2': { Http2ServerResponse: 'node-response' },
  next: { NextApiResponse: 'node-response' },
  fastify: { FastifyReply: 'fastify-reply' },
  koa: { Context: 'koa-context', ParameterizedContext: 'koa-context', DefaultContext: 'koa-context', ExtendableContext: 'koa-context', Response: 'koa-response' },
  '@koa/router': { RouterContext: 'koa-context' },
  'koa-router': { RouterContext: 'koa-context', IRouterContext: 'koa-context' },
  hono: { Context: 'hono-context' },
};

/** Parameter decorators that inject the response object. */
const RESPONSE_DECORATORS: Readonly<Record<string, ReadonlySet<string>>> = {
  '@nestjs/common': new Set(['Res', 'Response']),
  'routing-controllers': new Set(['Res']),
};

/** Constructors whose first argument becomes the response body. */
const RESPONSE_CONSTRUCTORS: Readonly<Record<string, Readonly<Record<string, ResponseFramework>>>> = {
  'next/server': { NextResponse: 'fetch' },
  'next/server.js': { NextResponse: 'fetch' },
  undici: { Response: 'fetch' },
  '@nestjs/common': { StreamableFile: 'nestjs' },
};

const REQUEST_NAMES = new Set(['req', 'request', '_req', '_request', 'rq']);
const RESPONSE_NAMES: Readonly<Record<string, ResponseObjectKind>> = { res: 'node-response', response: 'node-response', resp: 'node-response', reply: 'fastify-reply' };
const CONTEXT_NAMES: Readonly<Record<string, ResponseObjectKind>> = { ctx: 'context', context: 'context', c: 'hono-context' };

/** Fastify's route registration methods: a function passed to one is a route handler whose return value is sent. */
const FASTIFY_ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'all', 'route']);
/** Names Fastify's documentation gives the instance, trusted only in files that import Fastify. */
const FASTIFY_INSTANCE_NAMES = new Set(['fastify', 'instance']);
const FASTIFY_HANDLER_TYPES = new Set(['FastifyRequest', 'FastifyReply']);

const MAX_DEPTH = 12;

// ---------------------------------------------------------------------------------------------------------

class Analyzer implements ResponseAnalyzer {
  private readonly sourceCode: Readonly<TSESLint.SourceCode>;
  private readonly types: TypeServices | undefined;
  private readonly objects = new WeakMap<TSESTree.Node, ResponseObject | null>();
  /** Per function: how it is known to be a Fastify route handler, or null when it is not one. */
  private readonly fastifyHandlers = new WeakMap<TSESTree.Node, ResponseEvidence | null>();
  private importsFastify: boolean | undefined;

  constructor(private readonly context: RuleContext) {
    this.sourceCode = context.sourceCode;
    this.types = getTypeServices(context);
  }

  sendOf(node: TSESTree.Node): ResponseSend | undefined {
    try {
      switch (node.type) {
        case AST_NODE_TYPES.CallExpression:
          return this.callSend(node);
        case AST_NODE_TYPES.NewExpression:
          return this.constructorSend(node);
        case AST_NODE_TYPES.AssignmentExpression:
          return this.assignmentSend(node);
        case AST_NODE_TYPES.ReturnStatement:
          return node.argument ? this.returnSend(node.argument, enclosingFunction(node)) : undefined;
        case AST_NODE_TYPES.ArrowFunctionExpression:
          return node.body.type !== AST_NODE_TYPES.BlockStatement ? this.returnSend(node.body, node) : undefined;
        default:
          return undefined;
      }
    } catch {
      return undefined; // an analysis bug must not take the lint run down
    }
  }

  responseObjectOf(node: TSESTree.Node): ResponseObject | undefined {
    try {
      return this.objectOf(node, 0);
    } catch {
      return undefined;
    }
  }

  // -------------------------------------------------------------------------------------------------------
  // Sends.

  private callSend(call: TSESTree.CallExpression): ResponseSend | undefined {
    const callee = skipExpressionWrappers(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const method = memberName(callee);
    const body = call.arguments[0];
    if (method === undefined || !ALL_SEND_METHODS.has(method) || !body || body.type === AST_NODE_TYPES.SpreadElement) return undefined;
    const object = this.objectOf(callee.object, 0);
    if (!object || !SEND_METHODS[object.kind].has(method)) return undefined;
    return { node: call, body, framework: frameworkOf(object.kind, 'call'), method, evidence: object.evidence };
  }

  private constructorSend(node: TSESTree.NewExpression): ResponseSend | undefined {
    const body = node.arguments[0];
    if (!body || body.type === AST_NODE_TYPES.SpreadElement) return undefined;
    const callee = skipExpressionWrappers(node.callee);
    if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
    const scope = this.sourceCode.getScope(node);
    if (callee.name === 'Response' && isGlobal(callee, scope)) return { node, body, framework: 'fetch', method: 'new Response', evidence: 'global' };
    const origin = getImportOrigin(callee, scope);
    if (!origin || !Object.hasOwn(RESPONSE_CONSTRUCTORS, origin.source)) return undefined;
    const constructors = RESPONSE_CONSTRUCTORS[origin.source];
    if (!Object.hasOwn(constructors, origin.imported)) return undefined;
    return { node, body, framework: constructors[origin.imported], method: `new ${origin.imported}`, evidence: 'import' };
  }

  private assignmentSend(node: TSESTree.AssignmentExpression): ResponseSend | undefined {
    if (node.operator !== '=' || node.left.type !== AST_NODE_TYPES.MemberExpression || memberName(node.left) !== 'body') return undefined;
    const object = this.objectOf(node.left.object, 0);
    if (!object || (object.kind !== 'koa-context' && object.kind !== 'koa-response' && object.kind !== 'context')) return undefined;
    return { node, body: node.right, framework: 'koa', method: 'body =', evidence: object.evidence };
  }

  /** A value returned from a Fastify route handler is the response body. */
  private returnSend(body: TSESTree.Node, fn: FunctionNode | undefined): ResponseSend | undefined {
    const evidence = fn && this.fastifyHandlerEvidence(fn);
    if (!evidence) return undefined;
    // `return reply.send(x)` returns the reply, not a payload: the send is the call.
    const value = skipExpressionWrappers(body);
    const returned = value.type === AST_NODE_TYPES.AwaitExpression ? skipExpressionWrappers(value.argument) : value;
    if ((returned.type === AST_NODE_TYPES.CallExpression && this.callSend(returned)) || this.objectOf(returned, 0)) return undefined;
    return { node: body, body, framework: 'fastify', method: 'return', evidence };
  }

  // -------------------------------------------------------------------------------------------------------
  // Response objects.

  private objectOf(node: TSESTree.Node, depth: number): ResponseObject | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const current = skipExpressionWrappers(node);
    const known = this.objects.get(current);
    if (known !== undefined) return known ?? undefined;
    this.objects.set(current, null); // a cycle is no response
    const result = this.computeObject(current, depth);
    this.objects.set(current, result ?? null);
    return result;
  }

  private computeObject(node: TSESTree.Node, depth: number): ResponseObject | undefined {
    if (this.types && (node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.MemberExpression || node.type === AST_NODE_TYPES.CallExpression)) {
      const origin = getTypeOrigin(node, this.types);
      if (origin.kind === 'package') {
        const kind = RESPONSE_TYPES[origin.packageName]?.[origin.typeName];
        return kind ? { kind, evidence: 'type' } : undefined;
      }
      if (origin.kind === 'other') return undefined;
    }
    switch (node.type) {
      case AST_NODE_TYPES.Identifier:
        return this.identifierObject(node, depth);
      case AST_NODE_TYPES.MemberExpression: {
        const name = memberName(node);
        const owner = this.objectOf(node.object, depth + 1);
        if (!owner || name === undefined) return undefined;
        if (name === 'raw' && owner.kind === 'fastify-reply') return { kind: 'node-response', evidence: owner.evidence };
        if (owner.kind === 'koa-context' || owner.kind === 'context') {
          if (name === 'res') return { kind: 'node-response', evidence: owner.evidence };
          if (name === 'response') return { kind: 'koa-response', evidence: owner.evidence };
        }
        return undefined;
      }
      case AST_NODE_TYPES.CallExpression: {
        const callee = skipExpressionWrappers(node.callee);
        if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
        const method = memberName(callee);
        if (method === undefined) return undefined;
        const owner = this.objectOf(callee.object, depth + 1);
        return owner && FLUENT_METHODS[owner.kind]?.has(method) ? owner : undefined;
      }
      default:
        return undefined;
    }
  }

  private identifierObject(identifier: TSESTree.Identifier, depth: number): ResponseObject | undefined {
    const variable = findVariable(this.sourceCode.getScope(identifier) as never, identifier as never) as TSESLint.Scope.Variable | null;
    const def = variable?.defs[0];
    if (!variable || !def || variable.defs.length !== 1) return undefined;
    if (def.type === 'Parameter') return this.parameterObject(def.node as TSESTree.Node, def.name as TSESTree.Identifier);
    if (def.type !== 'Variable') return undefined;
    // `const r = res.status(200)`: a const holding a response (never a destructured part of one).
    const declarator = def.node as TSESTree.VariableDeclarator;
    if (declarator.parent.kind !== 'const' || declarator.id !== def.name || !declarator.init) return undefined;
    return this.objectOf(declarator.init, depth + 1);
  }

  private parameterObject(fn: TSESTree.Node, name: TSESTree.Identifier): ResponseObject | undefined {
    if (!isFunction(fn)) return undefined;
    const index = fn.params.findIndex((param) => parameterIdentifier(param) === name);
    if (index < 0) return undefined;
    const param = fn.params[index];
    const scope = this.sourceCode.getScope(fn);
    for (const decorator of [...decoratorsOf(param), ...decoratorsOf(name)]) {
      const origin = decoratorOrigin(decorator, scope);
      if (origin && RESPONSE_DECORATORS[origin.source]?.has(origin.imported)) return { kind: 'node-response', evidence: 'decorator' };
    }
    const annotation = name.typeAnnotation?.typeAnnotation;
    if (annotation) {
      const reference = resolveTypeReference(annotation, scope);
      if (reference?.kind === 'import' && !reference.isProjectModule) {
        const kind = RESPONSE_TYPES[reference.source]?.[reference.path[reference.path.length - 1] ?? ''];
        if (kind) return { kind, evidence: 'annotation' };
      }
      // Annotated with something else (the Fetch `Response`, a project type): not a framework response.
      if (reference && reference.kind !== 'keyword') return undefined;
    }
    const own = name.name;
    const previous = index > 0 ? parameterIdentifier(fn.params[index - 1])?.name : undefined;
    if (Object.hasOwn(RESPONSE_NAMES, own) && previous !== undefined && REQUEST_NAMES.has(previous)) return { kind: RESPONSE_NAMES[own], evidence: 'signature' };
    // Koa middleware: `(ctx, next)`.
    if (index === 0 && (own === 'ctx' || own === 'context') && parameterIdentifier(fn.params[1])?.name === 'next') return { kind: 'context', evidence: 'signature' };
    if (index > 1 || !this.isHandler(fn)) return undefined;
    if (index === 1 && Object.hasOwn(RESPONSE_NAMES, own)) return { kind: RESPONSE_NAMES[own], evidence: 'handler' };
    if (index === 0 && Object.hasOwn(CONTEXT_NAMES, own)) return { kind: CONTEXT_NAMES[own], evidence: 'handler' };
    return undefined;
  }

  private isHandler(fn: FunctionNode): boolean {
    return getRequestPath(this.context).classify(fn).reason === 'handler';
  }

  // -------------------------------------------------------------------------------------------------------
  // Fastify handlers, whose return value is the response.

  private fastifyHandlerEvidence(fn: FunctionNode): ResponseEvidence | undefined {
    let known = this.fastifyHandlers.get(fn);
    if (known === undefined) {
      known = (this.types !== undefined || this.fileImportsFastify() ? this.computeFastifyHandler(fn) : undefined) ?? null;
      this.fastifyHandlers.set(fn, known);
    }
    return known ?? undefined;
  }

  private computeFastifyHandler(fn: FunctionNode): ResponseEvidence | undefined {
    const registration = this.fastifyRegistrationEvidence(fn);
    if (registration) return registration;
    // `(request: FastifyRequest, reply: FastifyReply)`, by annotation, or by type for a function that is not
    // an argument of some other call (`items.map((x) => x.id)` is not worth a type query).
    const { child, parent } = parentSkippingWrappers(fn);
    const isArgument = (parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) && parent.arguments.includes(child as TSESTree.CallExpressionArgument);
    for (const param of fn.params.slice(0, 2)) {
      const identifier = parameterIdentifier(param);
      if (!identifier) continue;
      const annotation = identifier.typeAnnotation?.typeAnnotation;
      if (annotation) {
        const reference = resolveTypeReference(annotation, this.sourceCode.getScope(fn));
        if (reference?.kind === 'import' && reference.source === 'fastify' && FASTIFY_HANDLER_TYPES.has(reference.path[reference.path.length - 1] ?? '')) return 'annotation';
      }
      if (this.types && !isArgument) {
        const origin = getTypeOrigin(identifier, this.types);
        if (origin.kind === 'package' && origin.packageName === 'fastify' && FASTIFY_HANDLER_TYPES.has(origin.typeName)) return 'type';
      }
    }
    return undefined;
  }

  /** `fastify.get('/', handler)`, `app.route({ handler })` on a Fastify instance. */
  private fastifyRegistrationEvidence(fn: FunctionNode): ResponseEvidence | undefined {
    let { child, parent } = parentSkippingWrappers(fn);
    if (parent?.type === AST_NODE_TYPES.Property && parent.value === child && !parent.computed && parent.key.type === AST_NODE_TYPES.Identifier && parent.key.name === 'handler') {
      ({ child, parent } = parentSkippingWrappers(parent.parent));
    }
    if (parent?.type !== AST_NODE_TYPES.CallExpression || !parent.arguments.includes(child as TSESTree.CallExpressionArgument)) return undefined;
    const callee = skipExpressionWrappers(parent.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || !FASTIFY_ROUTE_METHODS.has(memberName(callee) ?? '')) return undefined;
    const receiver = skipExpressionWrappers(callee.object);
    const origin = getReceiverPackage(receiver, this.context);
    if (origin?.packageName === 'fastify') return origin.evidence === 'type' ? 'type' : origin.evidence === 'annotation' ? 'annotation' : 'import';
    return receiver.type === AST_NODE_TYPES.Identifier && FASTIFY_INSTANCE_NAMES.has(receiver.name) && this.fileImportsFastify() ? 'import' : undefined;
  }

  private fileImportsFastify(): boolean {
    this.importsFastify ??= this.sourceCode.ast.body.some((statement) => {
      if (statement.type === AST_NODE_TYPES.ImportDeclaration) return isFastifyModule(statement.source.value);
      if (statement.type !== AST_NODE_TYPES.VariableDeclaration) return false;
      return statement.declarations.some((declarator) => {
        const init = declarator.init && skipExpressionWrappers(declarator.init);
        return (
          init?.type === AST_NODE_TYPES.CallExpression &&
          init.callee.type === AST_NODE_TYPES.Identifier &&
          init.callee.name === 'require' &&
          init.arguments[0]?.type === AST_NODE_TYPES.Literal &&
          typeof init.arguments[0].value === 'string' &&
          isFastifyModule(init.arguments[0].value)
        );
      });
    });
    return this.importsFastify;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Helpers.

function frameworkOf(kind: ResponseObjectKind, shape: 'call' | 'assignment'): ResponseFramework {
  switch (kind) {
    case 'node-response':
      return 'node';
    case 'fastify-reply':
      return 'fastify';
    case 'hono-context':
      return 'hono';
    case 'context':
      return shape === 'call' ? 'hono' : 'koa';
    default:
      return 'koa';
  }
}

function isFastifyModule(source: string): boolean {
  return source === 'fastify' || source === 'fastify-plugin' || source.startsWith('@fastify/');
}

function isFunction(node: TSESTree.Node): node is FunctionNode {
  return node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionExpression || node.type === AST_NODE_TYPES.FunctionDeclaration;
}

/** The identifier a parameter binds as a whole (`res`, `res = x`, `@Res() res`, `private res`), if any. */
function parameterIdentifier(param: TSESTree.Parameter | undefined): TSESTree.Identifier | undefined {
  let target: TSESTree.Node | undefined = param;
  if (target?.type === AST_NODE_TYPES.TSParameterProperty) target = target.parameter;
  if (target?.type === AST_NODE_TYPES.AssignmentPattern) target = target.left;
  return target?.type === AST_NODE_TYPES.Identifier ? target : undefined;
}

function isGlobal(identifier: TSESTree.Identifier, scope: Scope): boolean {
  const variable = findVariable(scope as never, identifier as never) as TSESLint.Scope.Variable | null;
  return !variable || variable.defs.length === 0;
}

const analyzers = new FileCache<Analyzer>();

/**
 * The payload `node` would send if it is a send (`sendOf`), found from its shape alone: the first argument of
 * a call of a send method or of a constructor, the right side of `x.body = …`, a returned value. No receiver
 * or type is looked at, so a rule can test the payload first and ask `sendOf` (which may query types) only
 * for payloads that matter.
 */
export function sendPayloadCandidate(node: TSESTree.Node): TSESTree.Node | undefined {
  switch (node.type) {
    case AST_NODE_TYPES.CallExpression: {
      const callee = skipExpressionWrappers(node.callee);
      const method = callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : undefined;
      const body = node.arguments[0];
      return method !== undefined && ALL_SEND_METHODS.has(method) && body && body.type !== AST_NODE_TYPES.SpreadElement ? body : undefined;
    }
    case AST_NODE_TYPES.NewExpression: {
      const body = node.arguments[0];
      return body && body.type !== AST_NODE_TYPES.SpreadElement ? body : undefined;
    }
    case AST_NODE_TYPES.AssignmentExpression:
      return node.operator === '=' && node.left.type === AST_NODE_TYPES.MemberExpression && memberName(node.left) === 'body' ? node.right : undefined;
    case AST_NODE_TYPES.ReturnStatement:
      return node.argument ?? undefined;
    case AST_NODE_TYPES.ArrowFunctionExpression:
      return node.body.type !== AST_NODE_TYPES.BlockStatement ? node.body : undefined;
    default:
      return undefined;
  }
}

/** One analyzer per linted file, shared by every rule that asks (cached on the SourceCode object). */
export function getResponses(context: RuleContext): ResponseAnalyzer {
  return analyzers.get(context.sourceCode, () => new Analyzer(context));
}

/**
 * Routes registered by method calls on an app or router: Express (`app.get('/x', …)`, `router.post(…)`,
 * `router.route('/x').get(…).put(…)`), Koa's router (`router.get('/x', …)`, named routes
 * `router.get('name', '/x', …)`), Hono (`app.get('/x', …)`, `app.on('GET', '/x', …)`) and Fastify
 * (`fastify.get('/x', opts?, handler)`, `fastify.route({ method, url, handler })`).
 *
 * A call counts only when its receiver is one of those frameworks' apps or routers (receivers.ts) and its
 * path is a string the code spells out. The handlers are the functions among the arguments: inline
 * functions, named functions and methods (`controller.list`), functions inside wrappers
 * (`asyncHandler(async (req, res) => …)`) and Fastify's `handler` and hook options.
 */
import { Node, SyntaxKind, type CallExpression, type Expression, type SourceFile } from 'ts-morph';
import type { CallGraph } from '../call-graph';
import type { HttpMethod } from '../types';
import { stringValue } from './imports';
import { frameworkOf, unwrapExpression, type RouterFramework } from './receivers';
import { httpMethod, ROUTE_METHODS, scopeOf } from './route-paths';

/** A route as declared in one place, before mount prefixes are applied. */
export interface DeclaredRoute {
  framework: RouterFramework;
  method: HttpMethod;
  /** The path as written at the registration. */
  path: string;
  /** Where the route is registered. */
  node: Node;
  /** The declaration of the app or router it is registered on (for mount prefixes), when known. */
  scope?: Node;
  /** Handler and middleware functions. */
  entries: Node[];
  handlerName?: string;
}

/** Fastify route options that hold functions run for the request. */
const FASTIFY_HANDLER_OPTIONS = new Set([
  'handler',
  'onRequest',
  'preParsing',
  'preValidation',
  'preHandler',
  'preSerialization',
  'onSend',
  'onResponse',
]);

export function routerCallRoutes(file: SourceFile, graph: CallGraph): DeclaredRoute[] {
  const routes: DeclaredRoute[] = [];
  for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const callee = call.getExpression();
    if (!Node.isPropertyAccessExpression(callee)) continue;
    const name = callee.getName();
    try {
      if (Object.hasOwn(ROUTE_METHODS, name)) routes.push(...methodCallRoute(call, ROUTE_METHODS[name], graph));
      else if (name === 'route') routes.push(...fastifyRouteCall(call, graph));
      else if (name === 'on') routes.push(...honoOnCall(call, graph));
    } catch {
      // A checker failure on one call (broken code) must not lose the file's other routes.
    }
  }
  return routes;
}

/** `router.route('/x').get(h).post(h2)`: the router and the path, for any method call of the chain. */
function expressRouteChain(receiver: Expression): { base: Expression; path: string } | undefined {
  let current = unwrapExpression(receiver);
  for (let depth = 0; depth < 10 && Node.isCallExpression(current); depth++) {
    const callee = current.getExpression();
    if (!Node.isPropertyAccessExpression(callee)) return undefined;
    const name = callee.getName();
    if (name === 'route') {
      const args = current.getArguments();
      const path = args.length === 1 ? stringValue(args[0]) : undefined;
      return path === undefined ? undefined : { base: callee.getExpression(), path };
    }
    if (!Object.hasOwn(ROUTE_METHODS, name)) return undefined;
    current = unwrapExpression(callee.getExpression());
  }
  return undefined;
}

function methodCallRoute(call: CallExpression, method: HttpMethod, graph: CallGraph): DeclaredRoute[] {
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee)) return [];
  const receiver = callee.getExpression();
  const args = call.getArguments();

  const chain = expressRouteChain(receiver);
  if (chain) {
    if (args.length === 0 || frameworkOf(chain.base) !== 'express') return [];
    return [route('express', method, chain.path, call, scopeOf(chain.base), args, graph)];
  }

  // Cheap checks first: a route has a path the code spells out and at least one handler.
  if (args.length < 2) return [];
  const first = stringValue(args[0]);
  const second = args.length > 2 ? stringValue(args[1]) : undefined;
  if (first === undefined) return [];
  const framework = frameworkOf(receiver);
  if (!framework) return [];
  // Koa's named routes: router.get('user', '/users/:id', handler).
  const named = framework === 'koa' && second !== undefined;
  const path = named ? second : first;
  const handlers = args.slice(named ? 2 : 1);
  return [route(framework, method, path, call, scopeOf(receiver), handlers, graph)];
}

/** Fastify's `fastify.route({ method: 'GET' | ['GET', 'HEAD'], url: '/x', handler, preHandler })`. */
function fastifyRouteCall(call: CallExpression, graph: CallGraph): DeclaredRoute[] {
  const callee = call.getExpression();
  const [options] = call.getArguments();
  if (!Node.isPropertyAccessExpression(callee) || !options || !Node.isObjectLiteralExpression(options)) return [];
  if (frameworkOf(callee.getExpression()) !== 'fastify') return [];
  const property = (name: string) => {
    const found = options.getProperty(name);
    return found && Node.isPropertyAssignment(found) ? found.getInitializer() : undefined;
  };
  const path = stringValue(property('url')) ?? stringValue(property('path'));
  const methodNode = property('method');
  const methodNames = methodNode && Node.isArrayLiteralExpression(methodNode) ? methodNode.getElements() : [methodNode];
  const methods = methodNames.map((node) => httpMethod(stringValue(node) ?? '')).filter((method) => method !== undefined);
  if (path === undefined || methods.length === 0) return [];
  return methods.map((method) => route('fastify', method, path, call, scopeOf(callee.getExpression()), [options], graph));
}

/** Hono's `app.on('GET' | ['GET', 'POST'], '/x' | ['/a', '/b'], ...handlers)`. */
function honoOnCall(call: CallExpression, graph: CallGraph): DeclaredRoute[] {
  const callee = call.getExpression();
  const [methodNode, pathNode, ...handlers] = call.getArguments();
  if (!Node.isPropertyAccessExpression(callee) || !methodNode || !pathNode || handlers.length === 0) return [];
  if (frameworkOf(callee.getExpression()) !== 'hono') return [];
  const strings = (node: Node) => (Node.isArrayLiteralExpression(node) ? node.getElements() : [node]).map((element) => stringValue(element));
  const methods = strings(methodNode).map((name) => (name === undefined ? undefined : httpMethod(name)));
  const paths = strings(pathNode);
  const routes: DeclaredRoute[] = [];
  for (const method of methods) {
    for (const path of paths) {
      if (method && path !== undefined) routes.push(route('hono', method, path, call, scopeOf(callee.getExpression()), handlers, graph));
    }
  }
  return routes;
}

function route(
  framework: RouterFramework,
  method: HttpMethod,
  path: string,
  node: Node,
  scope: Node | undefined,
  handlers: readonly Node[],
  graph: CallGraph,
): DeclaredRoute {
  const entries = handlers.flatMap((handler) => handlerFunctions(handler, graph, 0));
  const last = handlers.at(-1);
  const handlerName = last && (Node.isIdentifier(last) || Node.isPropertyAccessExpression(last)) ? last.getText() : undefined;
  return { framework, method, path, node, scope, entries: [...new Set(entries)], handlerName };
}

/** The functions a handler argument stands for. */
export function handlerFunctions(argument: Node, graph: CallGraph, depth: number): Node[] {
  if (depth > 4) return [];
  if (Node.isArrowFunction(argument) || Node.isFunctionExpression(argument)) return [argument];
  if (Node.isIdentifier(argument) || Node.isPropertyAccessExpression(argument)) return graph.functionsOf(argument);
  if (Node.isArrayLiteralExpression(argument)) return argument.getElements().flatMap((element) => handlerFunctions(element, graph, depth + 1));
  if (Node.isObjectLiteralExpression(argument)) {
    const functions: Node[] = [];
    for (const property of argument.getProperties()) {
      if (Node.isPropertyAssignment(property) && FASTIFY_HANDLER_OPTIONS.has(property.getName())) {
        const initializer = property.getInitializer();
        if (initializer) functions.push(...handlerFunctions(initializer, graph, depth + 1));
      } else if (Node.isMethodDeclaration(property) && FASTIFY_HANDLER_OPTIONS.has(property.getName())) {
        functions.push(property);
      } else if (Node.isShorthandPropertyAssignment(property) && FASTIFY_HANDLER_OPTIONS.has(property.getName())) {
        functions.push(...graph.functionsOf(property.getNameNode()));
      }
    }
    return functions;
  }
  if (Node.isCallExpression(argument)) {
    // `handler.bind(this)`, or a wrapper such as asyncHandler(fn) / catchErrors(async (req, res) => …).
    const bound = graph.functionsOf(argument);
    if (bound.length > 0) return bound;
    return argument.getArguments().flatMap((inner) => handlerFunctions(inner, graph, depth + 1));
  }
  if (Node.isParenthesizedExpression(argument) || Node.isAsExpression(argument)) {
    return handlerFunctions(argument.getExpression(), graph, depth + 1);
  }
  return [];
}

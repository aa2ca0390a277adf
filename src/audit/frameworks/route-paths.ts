/**
 * Route path helpers shared by the framework readers: joining mount prefixes and route paths the way the
 * frameworks do ("/orders" + "/" → "/orders", "users" + ":id" → "/users/:id"), and naming the object a
 * route is registered on (its "scope": the declaration of the app, router or plugin parameter), so that
 * prefixes mounted on that object elsewhere can be found.
 */
import { Node, type Expression } from 'ts-morph';
import type { HttpMethod } from '../types';
import { unwrapExpression } from './receivers';

/** Method names of the router-style APIs (Express, Koa's router, Hono, Fastify shorthands). */
export const ROUTE_METHODS: Readonly<Record<string, HttpMethod>> = {
  get: 'GET',
  post: 'POST',
  put: 'PUT',
  patch: 'PATCH',
  delete: 'DELETE',
  del: 'DELETE',
  head: 'HEAD',
  options: 'OPTIONS',
  all: 'ALL',
};

export function httpMethod(name: string): HttpMethod | undefined {
  const upper = name.toUpperCase();
  if (upper === 'DEL') return 'DELETE';
  return (['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ALL'] as const).find((method) => method === upper);
}

/** Joins path pieces: one leading slash, no doubled or trailing slashes ("/" alone for the root). */
export function joinPaths(...parts: readonly string[]): string {
  const segments: string[] = [];
  for (const part of parts) {
    for (const segment of part.split('/')) if (segment !== '') segments.push(segment);
  }
  return `/${segments.join('/')}`;
}

/**
 * The declaration that identifies the object an expression refers to: the variable, parameter or class
 * field holding an app or router. Calls chained on an app (`app.get(…).post(…)`, `router.route('/x')`)
 * refer to the app they start from.
 */
export function scopeOf(expression: Expression, depth = 0): Node | undefined {
  if (depth > 8) return undefined;
  const unwrapped = unwrapExpression(expression);
  if (Node.isCallExpression(unwrapped)) {
    const callee = unwrapped.getExpression();
    if (Node.isPropertyAccessExpression(callee)) {
      const name = callee.getName();
      if (name in ROUTE_METHODS || name === 'route' || name === 'on' || name === 'use' || name === 'basePath') {
        return scopeOf(callee.getExpression(), depth + 1);
      }
    }
    return undefined;
  }
  let nameNode: Node | undefined;
  if (Node.isIdentifier(unwrapped)) nameNode = unwrapped;
  else if (Node.isPropertyAccessExpression(unwrapped)) nameNode = unwrapped.getNameNode();
  if (!nameNode) return undefined;
  try {
    let symbol = nameNode.getSymbol();
    if (symbol?.isAlias()) symbol = symbol.getAliasedSymbol() ?? symbol;
    const declaration = symbol?.getDeclarations()[0];
    // `export default router` seen through a default import: the router's own declaration.
    if (declaration && Node.isExportAssignment(declaration)) return scopeOf(declaration.getExpression(), depth + 1);
    return declaration;
  } catch {
    return undefined;
  }
}

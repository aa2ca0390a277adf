/**
 * Is an expression an app or router of a web framework (Express, Fastify, Koa's router, Hono), and which?
 *
 * Asked of the receiver of `x.get('/path', handler)` before the call is taken for a route. Decided by
 * 1. the type checker: the package that declares the receiver's type (express-serve-static-core's Router,
 *    fastify's FastifyInstance, hono's Hono, @koa/router's Router), which sees through parameters,
 *    class fields and factories;
 * 2. without usable types (JavaScript, packages without declarations): the variable's initializer, an
 *    `express()`, `Router()`, `fastify()`, `new Hono()` or `new Router()` imported from the framework.
 * A `map.get('/x', fn)` on anything else is never a route.
 */
import { Node, type Expression, type Type } from 'ts-morph';
import type { Framework } from '../types';
import { importOrigin } from './imports';

export type RouterFramework = Exclude<Framework, 'nestjs' | 'nextjs'>;

/** Packages whose declarations type a framework's app or router objects. */
const DECLARING_PACKAGES: Record<string, RouterFramework> = {
  express: 'express',
  '@types/express': 'express',
  '@types/express-serve-static-core': 'express',
  'express-serve-static-core': 'express',
  fastify: 'fastify',
  hono: 'hono',
  '@koa/router': 'koa',
  'koa-router': 'koa',
  '@types/koa-router': 'koa',
  '@types/koa__router': 'koa',
};

/** The package a declaration file belongs to: ".../node_modules/@types/express/index.d.ts" → "@types/express". */
export function packageOfFile(filePath: string): string | undefined {
  const marker = '/node_modules/';
  const index = filePath.replaceAll('\\', '/').lastIndexOf(marker);
  if (index < 0) return undefined;
  const [first, second] = filePath.slice(index + marker.length).split('/');
  return first?.startsWith('@') && second ? `${first}/${second}` : first;
}

/** The app and router types of each framework; its request, reply and context types are not receivers of routes. */
const ROUTER_TYPE_NAMES: Record<RouterFramework, ReadonlySet<string>> = {
  express: new Set(['Express', 'Application', 'Router', 'IRouter', 'Route', 'IRoute']),
  fastify: new Set(['FastifyInstance']),
  hono: new Set(['Hono', 'HonoBase']),
  koa: new Set(['Router', 'KoaRouter']),
};

function frameworkOfModule(module: string): RouterFramework | undefined {
  if (module === 'express') return 'express';
  if (module === 'fastify') return 'fastify';
  if (module === 'hono' || module.startsWith('hono/')) return 'hono';
  if (module === '@koa/router' || module === 'koa-router') return 'koa';
  return undefined;
}

function frameworkOfType(type: Type, depth = 0): RouterFramework | undefined {
  if (depth > 2) return undefined;
  const parts = type.isUnion() ? type.getUnionTypes() : type.isIntersection() ? type.getIntersectionTypes() : undefined;
  if (parts) {
    for (const part of parts) {
      const found = frameworkOfType(part, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  for (const symbol of [type.getAliasSymbol(), type.getSymbol()]) {
    if (!symbol) continue;
    for (const declaration of symbol.getDeclarations()) {
      const pkg = packageOfFile(declaration.getSourceFile().getFilePath());
      const framework = pkg === undefined ? undefined : DECLARING_PACKAGES[pkg];
      if (framework && ROUTER_TYPE_NAMES[framework].has(symbol.getName())) return framework;
    }
  }
  return undefined;
}

/** `express()`, `express.Router()`, `Router()`, `fastify()`, `new Hono()`, `new Router()`: which framework made it. */
function frameworkOfFactoryCall(node: Node | undefined): RouterFramework | undefined {
  if (!node || !(Node.isCallExpression(node) || Node.isNewExpression(node))) return undefined;
  const callee = node.getExpression();
  if (Node.isIdentifier(callee)) {
    const origin = importOrigin(callee);
    if (!origin) return undefined;
    const framework = frameworkOfModule(origin.module);
    if (framework === 'express' && !['default', '*', 'Router'].includes(origin.name)) return undefined;
    return framework;
  }
  // `express.Router()`, `new hono.Hono()`
  if (Node.isPropertyAccessExpression(callee)) {
    const object = callee.getExpression();
    if (!Node.isIdentifier(object)) return undefined;
    const origin = importOrigin(object);
    const framework = origin && frameworkOfModule(origin.module);
    if (framework === 'express') return callee.getName() === 'Router' ? 'express' : undefined;
    return framework;
  }
  return undefined;
}

function frameworkFromInitializer(expression: Expression, depth: number): RouterFramework | undefined {
  if (Node.isCallExpression(expression) || Node.isNewExpression(expression)) {
    const direct = frameworkOfFactoryCall(expression);
    if (direct) return direct;
    // A chain on a framework object returns one: `new Hono().basePath('/api')`, `router.route('/x')`.
    const callee = expression.getExpression();
    if (Node.isPropertyAccessExpression(callee) && depth < 4) return frameworkOfSyntax(callee.getExpression(), depth + 1);
    return undefined;
  }
  if (Node.isIdentifier(expression) && depth < 4) {
    const declaration = expression.getSymbol()?.getDeclarations()[0];
    if (Node.isVariableDeclaration(declaration)) {
      const initializer = declaration.getInitializer();
      return initializer ? frameworkFromInitializer(initializer, depth + 1) : undefined;
    }
  }
  return undefined;
}

function frameworkOfSyntax(expression: Expression, depth = 0): RouterFramework | undefined {
  const unwrapped = unwrapExpression(expression);
  if (Node.isIdentifier(unwrapped)) {
    let symbol = unwrapped.getSymbol();
    if (symbol?.isAlias()) symbol = symbol.getAliasedSymbol() ?? symbol;
    const declaration = symbol?.getDeclarations()[0];
    if (Node.isVariableDeclaration(declaration)) {
      const initializer = declaration.getInitializer();
      return initializer ? frameworkFromInitializer(initializer, depth) : undefined;
    }
    return undefined;
  }
  return frameworkFromInitializer(unwrapped, depth);
}

/** Skips parentheses, `await`, `as`, `!` and `satisfies` around an expression. */
export function unwrapExpression(expression: Expression): Expression {
  let current: Expression = expression;
  for (;;) {
    if (
      Node.isParenthesizedExpression(current) ||
      Node.isAsExpression(current) ||
      Node.isNonNullExpression(current) ||
      Node.isSatisfiesExpression(current) ||
      Node.isAwaitExpression(current) ||
      Node.isTypeAssertion(current)
    ) {
      current = current.getExpression();
    } else {
      return current;
    }
  }
}

/** Which framework's app or router `expression` is, or undefined when it is none (or cannot be told). */
export function frameworkOf(expression: Expression): RouterFramework | undefined {
  try {
    const byType = frameworkOfType(expression.getType());
    if (byType) return byType;
  } catch {
    // The checker can fail on broken code; the syntactic answer below still stands.
  }
  return frameworkOfSyntax(expression);
}

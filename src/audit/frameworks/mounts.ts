/**
 * Mount prefixes: where a router's routes end up. Reads
 * - Express and Koa: `app.use('/orders', ordersRouter)`, `app.use('/orders', ordersRouter(service))`,
 *   `router.use('/v1', other.routes())`;
 * - Hono: `app.route('/users', users)`, `new Hono().basePath('/api')`;
 * - Fastify: `app.register(plugin, { prefix: '/v1' })` (the plugin's first parameter is the instance);
 * - Koa: `new Router({ prefix: '/api' })`;
 * - a router handed to a function that registers routes on its parameter (`registerRoutes(app)`).
 * A router mounted in several places gets every path. Prefixes the code does not spell out (computed at
 * run time) appear as `{expression}`.
 */
import { Node, SyntaxKind, type Expression, type SourceFile } from 'ts-morph';
import { isFunctionLike, type CallGraph } from '../call-graph';
import { stringValue } from './imports';
import { frameworkOf, unwrapExpression } from './receivers';
import { joinPaths, scopeOf } from './route-paths';

interface Mount {
  parent: Node;
  prefix: string;
}

/** At most this many full paths per router: a router mounted under many prefixes is listed under the first ones. */
const MAX_PREFIXES = 16;

export class MountMap {
  private readonly parents = new Map<Node, Mount[]>();
  private readonly prefixCache = new Map<Node, string[]>();

  constructor(private readonly graph: CallGraph) {}

  /** Records the mounts made in a file. */
  addFile(file: SourceFile): void {
    for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
      try {
        this.addMountCall(call);
      } catch {
        // Broken code: skip this call.
      }
    }
  }

  private link(child: Node, parent: Node | undefined, prefix: string): void {
    if (!parent || child === parent) return;
    const mounts = this.parents.get(child) ?? [];
    if (!mounts.some((mount) => mount.parent === parent && mount.prefix === prefix)) mounts.push({ parent, prefix });
    this.parents.set(child, mounts);
  }

  private addMountCall(call: import('ts-morph').CallExpression): void {
    const callee = call.getExpression();
    if (!Node.isPropertyAccessExpression(callee)) return;
    const name = callee.getName();
    if (name !== 'use' && name !== 'route' && name !== 'register') return;
    const args = call.getArguments() as Expression[];
    if (args.length === 0) return;
    const receiver = callee.getExpression();
    const framework = frameworkOf(receiver);
    if (!framework) return;
    const parent = scopeOf(receiver);
    if (name === 'register') {
      if (framework !== 'fastify') return;
      const [plugin, options] = args;
      const prefixNode = options && Node.isObjectLiteralExpression(options) ? options.getProperty('prefix') : undefined;
      const prefix = prefixNode && Node.isPropertyAssignment(prefixNode) ? prefixText(prefixNode.getInitializer()) : '';
      for (const child of this.childScopes(plugin, 0)) this.link(child, parent, prefix);
      return;
    }
    if (name === 'route') {
      // Hono's app.route('/users', users); Express's router.route('/x') has one argument and mounts nothing.
      if (framework !== 'hono' || args.length !== 2) return;
      for (const child of this.childScopes(args[1], 0)) this.link(child, parent, prefixText(args[0]));
      return;
    }
    // use([prefix], ...routers): Express and Koa's router.
    if (framework !== 'express' && framework !== 'koa') return;
    const first = unwrapExpression(args[0]);
    const hasPrefix = stringValue(first) !== undefined || Node.isTemplateExpression(first) || (args.length > 1 && isPathLike(first));
    const prefix = hasPrefix ? prefixText(first) : '';
    for (const mounted of hasPrefix ? args.slice(1) : args) {
      for (const child of this.childScopes(mounted, 0)) this.link(child, parent, prefix);
    }
  }

  /** The app or router objects an argument of a mount call stands for. */
  private childScopes(argument: Expression | undefined, depth: number): Node[] {
    if (!argument || depth > 4) return [];
    const node = unwrapExpression(argument);
    if (Node.isArrowFunction(node) || Node.isFunctionExpression(node)) return firstParameter(node);
    if (Node.isIdentifier(node) || Node.isPropertyAccessExpression(node)) {
      const scope = scopeOf(node);
      if (!scope) return [];
      if (Node.isFunctionDeclaration(scope)) return firstParameter(scope);
      if (Node.isVariableDeclaration(scope)) {
        const initializer = scope.getInitializer();
        if (initializer && (Node.isArrowFunction(initializer) || Node.isFunctionExpression(initializer))) return firstParameter(initializer);
      }
      return [scope];
    }
    if (Node.isCallExpression(node)) {
      const callee = node.getExpression();
      // Koa: other.routes() / other.middleware() mounts `other`.
      if (Node.isPropertyAccessExpression(callee) && (callee.getName() === 'routes' || callee.getName() === 'middleware')) {
        const scope = scopeOf(callee.getExpression());
        return scope ? [scope] : [];
      }
      // A factory building the router: ordersRouter(service) returns `router`.
      const scopes: Node[] = [];
      for (const fn of this.graph.functionsOf(callee)) {
        for (const returned of returnedExpressions(fn)) scopes.push(...this.childScopes(returned, depth + 1));
      }
      // A wrapper around a plugin: fp(plugin).
      if (scopes.length === 0) {
        for (const inner of node.getArguments() as Expression[]) {
          const unwrappedInner = unwrapExpression(inner);
          if (Node.isArrowFunction(unwrappedInner) || Node.isFunctionExpression(unwrappedInner) || Node.isIdentifier(unwrappedInner)) {
            scopes.push(...this.childScopes(unwrappedInner, depth + 1).filter((scope) => Node.isParameterDeclaration(scope)));
          }
        }
      }
      return scopes;
    }
    return [];
  }

  /**
   * A router registered on a function's parameter gets its parents from the function's call sites:
   * `registerOrderRoutes(app)` makes the routes of `function registerOrderRoutes(router)` the app's.
   */
  linkParameterFromCallSites(parameter: Node): void {
    if (!Node.isParameterDeclaration(parameter) || this.parents.has(parameter)) return;
    const fn = parameter.getParent();
    if (!fn || !isFunctionLike(fn)) return;
    const index = (fn as Node & { getParameters(): Node[] }).getParameters().indexOf(parameter);
    const nameNode = functionNameNode(fn);
    if (!nameNode || index < 0) return;
    let references: Node[] = [];
    try {
      references = (nameNode as Node & { findReferencesAsNodes(): Node[] }).findReferencesAsNodes();
    } catch {
      return;
    }
    for (const reference of references.slice(0, 50)) {
      const parent = reference.getParent();
      const call = Node.isPropertyAccessExpression(parent) ? parent.getParent() : parent;
      if (!call || !Node.isCallExpression(call)) continue;
      const callee = call.getExpression();
      if (callee !== reference && callee !== parent) continue;
      const argument = call.getArguments()[index] as Expression | undefined;
      if (argument && frameworkOf(argument)) this.link(parameter, scopeOf(argument), '');
    }
  }

  /** Every full prefix of a scope, from its root app down ("" for a root). */
  prefixesOf(scope: Node | undefined): string[] {
    if (!scope) return [''];
    return this.prefixes(scope, new Set());
  }

  private prefixes(scope: Node, visiting: Set<Node>): string[] {
    const cached = this.prefixCache.get(scope);
    if (cached) return cached;
    const own = ownPrefix(scope);
    const mounts = this.parents.get(scope) ?? [];
    if (mounts.length === 0 || visiting.has(scope)) return [own];
    visiting.add(scope);
    const result: string[] = [];
    for (const mount of mounts) {
      for (const parentPrefix of this.prefixes(mount.parent, visiting)) {
        const full = joinPaths(parentPrefix, mount.prefix, own);
        if (!result.includes(full) && result.length < MAX_PREFIXES) result.push(full);
      }
    }
    visiting.delete(scope);
    this.prefixCache.set(scope, result);
    return result;
  }
}

/** A prefix as the code spells it, or `{expression}` when it is computed. */
function prefixText(node: Node | undefined): string {
  if (!node) return '';
  const value = stringValue(node);
  if (value !== undefined) return value;
  return `{${node.getText().replace(/\s+/g, ' ')}}`;
}

/** `app.use(prefixes.orders, router)`: a first argument that is no function or router is a prefix. */
function isPathLike(node: Node): boolean {
  if (Node.isArrowFunction(node) || Node.isFunctionExpression(node) || Node.isCallExpression(node)) return false;
  try {
    const type = node.getType();
    return type.isString() || type.isStringLiteral();
  } catch {
    return false;
  }
}

/** A scope's own prefix, from how the router was created: `new Router({ prefix })`, `new Hono().basePath('/api')`. */
function ownPrefix(scope: Node): string {
  if (!Node.isVariableDeclaration(scope)) return '';
  let current = scope.getInitializer();
  const parts: string[] = [];
  for (let depth = 0; current && depth < 6; depth++) {
    current = unwrapExpression(current as Expression);
    if (Node.isNewExpression(current)) {
      const [options] = current.getArguments();
      const prefix = options && Node.isObjectLiteralExpression(options) ? options.getProperty('prefix') : undefined;
      if (prefix && Node.isPropertyAssignment(prefix)) parts.unshift(prefixText(prefix.getInitializer()));
      break;
    }
    if (!Node.isCallExpression(current)) break;
    const callee = current.getExpression();
    if (!Node.isPropertyAccessExpression(callee)) break;
    if (callee.getName() === 'basePath') parts.unshift(prefixText(current.getArguments()[0]));
    current = callee.getExpression();
  }
  return parts.length === 0 ? '' : joinPaths(...parts);
}

function firstParameter(fn: Node): Node[] {
  const parameters = (fn as Node & { getParameters?: () => Node[] }).getParameters?.() ?? [];
  return parameters.length > 0 ? [parameters[0]] : [];
}

/** What a function returns: an arrow's expression body, or its own `return` statements (not nested functions'). */
export function returnedExpressions(fn: Node): Expression[] {
  if (Node.isArrowFunction(fn)) {
    const body = fn.getBody();
    if (!Node.isBlock(body)) return [body as Expression];
  }
  const out: Expression[] = [];
  for (const statement of fn.getDescendantsOfKind(SyntaxKind.ReturnStatement)) {
    const owner = statement.getFirstAncestor((ancestor) => isFunctionLike(ancestor));
    const expression = statement.getExpression();
    if (owner === fn && expression) out.push(expression);
  }
  return out;
}

/** The identifier callers use for a function: its name, or the variable or property holding it. */
function functionNameNode(fn: Node): Node | undefined {
  if (Node.isFunctionDeclaration(fn) || Node.isMethodDeclaration(fn)) return fn.getNameNode();
  const holder = fn.getParent();
  if (holder && (Node.isVariableDeclaration(holder) || Node.isPropertyAssignment(holder) || Node.isPropertyDeclaration(holder))) {
    return holder.getNameNode();
  }
  return undefined;
}

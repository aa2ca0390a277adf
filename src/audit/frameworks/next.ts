/**
 * Next.js route handlers, read from where files sit:
 * - App Router: `app/**\/route.ts` (also under `src/`) exporting `GET`, `POST`, `PUT`, `PATCH`, `DELETE`,
 *   `HEAD` or `OPTIONS` functions; route groups `(group)` and parallel slots `@slot` leave the URL, private
 *   folders `_name` are not routed, dynamic segments stay as written (`[id]`, `[...slug]`).
 * - Pages Router API routes: `pages/api/**` with a default export, which serves every method.
 */
import { Node, type SourceFile } from 'ts-morph';
import type { HttpMethod } from '../types';
import { joinPaths } from './route-paths';

export interface NextRoute {
  method: HttpMethod;
  path: string;
  node: Node;
  handlerName: string;
  entry: Node;
}

const ROUTE_FILE = /^route\.(?:ts|tsx|mts|js|jsx|mjs)$/;
const SOURCE_EXTENSION = /\.(?:ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const APP_METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/** The function an export stands for: a function declaration, or a variable holding a function. */
function exportedFunction(declaration: Node): Node | undefined {
  if (Node.isFunctionDeclaration(declaration)) return declaration;
  if (Node.isVariableDeclaration(declaration)) {
    const initializer = declaration.getInitializer();
    if (initializer && (Node.isArrowFunction(initializer) || Node.isFunctionExpression(initializer))) return initializer;
    // export const GET = withAuth(async (req) => …): the wrapped function.
    if (initializer && Node.isCallExpression(initializer)) {
      return initializer.getArguments().find((argument) => Node.isArrowFunction(argument) || Node.isFunctionExpression(argument));
    }
  }
  return undefined;
}

/** URL segments of a folder path under app/ or pages/: groups and slots dropped. */
function urlSegments(folders: readonly string[]): string[] | undefined {
  const segments: string[] = [];
  for (const folder of folders) {
    if (folder.startsWith('_')) return undefined; // private folder: not routed
    if ((folder.startsWith('(') && folder.endsWith(')')) || folder.startsWith('@')) continue;
    segments.push(folder);
  }
  return segments;
}

/** `relativePath` is the file's path relative to the project root, with forward slashes. */
export function nextRoutes(file: SourceFile, relativePath: string): NextRoute[] {
  const parts = relativePath.split('/');
  const base = parts.at(-1) ?? '';
  const folders = parts.slice(0, -1);

  const appIndex = folders.lastIndexOf('app');
  if (appIndex >= 0 && ROUTE_FILE.test(base)) {
    const segments = urlSegments(folders.slice(appIndex + 1));
    if (!segments) return [];
    const routes: NextRoute[] = [];
    for (const [name, declarations] of file.getExportedDeclarations()) {
      const method = APP_METHODS.find((candidate) => candidate === name);
      const entry = method ? declarations.map(exportedFunction).find((fn) => fn !== undefined) : undefined;
      if (method && entry) routes.push({ method, path: joinPaths(...segments), node: entry, handlerName: name, entry });
    }
    return routes;
  }

  const pagesIndex = folders.lastIndexOf('pages');
  if (pagesIndex >= 0 && folders[pagesIndex + 1] === 'api' && SOURCE_EXTENSION.test(base)) {
    const segments = urlSegments(folders.slice(pagesIndex + 1));
    const name = base.replace(SOURCE_EXTENSION, '');
    if (!segments || name.startsWith('_')) return [];
    const entry = (file.getExportedDeclarations().get('default') ?? []).map(exportedFunction).find((fn) => fn !== undefined);
    if (!entry) return [];
    const path = joinPaths(...segments, name === 'index' ? '' : name);
    return [{ method: 'ALL', path, node: entry, handlerName: 'default', entry }];
  }
  return [];
}

/**
 * The HTTP endpoints of a project, with where they are declared and the functions that handle them:
 * Express, Fastify, Koa's router and Hono (method calls on apps and routers, with mount prefixes),
 * NestJS controllers and Next.js route handlers. Read statically with ts-morph; no code is run.
 */
import path from 'node:path';
import type { Node, SourceFile } from 'ts-morph';
import type { CallGraph } from './call-graph';
import { MountMap } from './frameworks/mounts';
import { nestRoutes } from './frameworks/nest';
import { nextRoutes } from './frameworks/next';
import { joinPaths } from './frameworks/route-paths';
import { routerCallRoutes, type DeclaredRoute } from './frameworks/router-calls';
import type { Endpoint } from './types';

/** An endpoint with the ts-morph nodes of its handlers, for attribution. */
export interface DiscoveredEndpoint {
  endpoint: Omit<Endpoint, 'findings'>;
  /** Handler and middleware functions: where a request's work starts. */
  entries: Node[];
}

export interface DiscoveryResult {
  endpoints: DiscoveredEndpoint[];
  /** Files the reader failed on (kept going with the others). */
  failures: { file: string; message: string }[];
}

/** A path relative to `root`, with forward slashes. */
export function relativePath(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

function location(root: string, node: Node): Endpoint['location'] {
  const file = node.getSourceFile();
  const { line, column } = file.getLineAndColumnAtPos(node.getStart());
  return { file: relativePath(root, file.getFilePath()), line, column };
}

/**
 * Finds the endpoints declared in `files`. Mount prefixes are collected from every project source file,
 * since a router is often mounted in a file outside the audited paths.
 */
export function discoverEndpoints(files: readonly SourceFile[], projectFiles: readonly SourceFile[], root: string, graph: CallGraph): DiscoveryResult {
  const failures: DiscoveryResult['failures'] = [];
  const mounts = new MountMap(graph);
  const declared: DeclaredRoute[] = [];
  const found: DiscoveredEndpoint[] = [];
  const add = (endpoint: Omit<Endpoint, 'findings' | 'id' | 'handler'>, entries: Node[]) => {
    const id = `${endpoint.method} ${endpoint.path} (${endpoint.location.file}:${endpoint.location.line})`;
    // The last function of a route's arguments is its handler; the ones before it are middleware.
    const handler = entries.at(-1);
    found.push({ endpoint: { id, ...endpoint, ...(handler ? { handler: location(root, handler) } : {}) }, entries });
  };

  for (const file of files) {
    const relative = relativePath(root, file.getFilePath());
    try {
      declared.push(...routerCallRoutes(file, graph));
      for (const route of nestRoutes(file)) {
        add({ method: route.method, path: route.path, framework: 'nestjs', location: location(root, route.node), handlerName: route.handlerName }, [route.entry]);
      }
      for (const route of nextRoutes(file, relative)) {
        add({ method: route.method, path: route.path, framework: 'nextjs', location: location(root, route.node), handlerName: route.handlerName }, [route.entry]);
      }
    } catch (error) {
      failures.push({ file: relative, message: error instanceof Error ? error.message : String(error) });
    }
  }

  if (declared.length > 0) {
    for (const file of projectFiles) {
      if (file.isDeclarationFile() || file.isInNodeModules()) continue;
      mounts.addFile(file);
    }
    for (const route of declared) if (route.scope) mounts.linkParameterFromCallSites(route.scope);
    for (const route of declared) {
      for (const prefix of mounts.prefixesOf(route.scope)) {
        add(
          {
            method: route.method,
            path: joinPaths(prefix, route.path),
            framework: route.framework,
            location: location(root, route.node),
            handlerName: route.handlerName,
          },
          route.entries,
        );
      }
    }
  }

  const unique = new Map<string, DiscoveredEndpoint>();
  for (const endpoint of found) if (!unique.has(endpoint.endpoint.id)) unique.set(endpoint.endpoint.id, endpoint);
  return {
    endpoints: [...unique.values()].sort(
      (a, b) =>
        a.endpoint.location.file.localeCompare(b.endpoint.location.file) ||
        a.endpoint.location.line - b.endpoint.location.line ||
        a.endpoint.path.localeCompare(b.endpoint.path),
    ),
    failures,
  };
}

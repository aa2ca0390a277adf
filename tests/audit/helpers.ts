/**
 * Fixture projects for the audit's tests: written to a temporary folder with a node_modules link to this
 * repository's, so the type checker sees the real framework packages (express, fastify, hono, NestJS).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CallGraph } from '../../src/audit/call-graph';
import { discoverEndpoints, type DiscoveredEndpoint } from '../../src/audit/endpoints';
import { findTsconfig, listSourceFiles, loadProject } from '../../src/audit/project';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export const FIXTURE_TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'preserve',
    moduleResolution: 'bundler',
    lib: ['ES2023'],
    types: [],
    strict: true,
    esModuleInterop: true,
    skipLibCheck: true,
    experimentalDecorators: true,
    emitDecoratorMetadata: true,
    noEmit: true,
  },
  include: ['**/*.ts'],
};

const made: string[] = [];

/** A temporary project with `files` (path → text); `tsconfig: false` leaves the tsconfig out. */
export function fixtureProject(files: Record<string, string>, options: { tsconfig?: object | false } = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'backend-perf-audit-'));
  made.push(dir);
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  if (options.tsconfig !== false) writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(options.tsconfig ?? FIXTURE_TSCONFIG, null, 2));
  for (const [file, text] of Object.entries(files)) {
    const target = path.join(dir, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  return dir;
}

export function removeFixtureProjects(): void {
  for (const dir of made.splice(0)) {
    discovered.delete(dir);
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface Discovered {
  endpoints: DiscoveredEndpoint[];
  /** "GET /users/:id", sorted. */
  routes: string[];
  graph: CallGraph;
  project: ReturnType<typeof loadProject>['project'];
}

const discovered = new Map<string, Discovered>();

/** Endpoints of a fixture project, as the audit reads them (read once per project). */
export function discover(dir: string): Discovered {
  const cached = discovered.get(dir);
  if (cached) return cached;
  const result = discoverUncached(dir);
  discovered.set(dir, result);
  return result;
}

function discoverUncached(dir: string): Discovered {
  const files = listSourceFiles([dir]);
  const { project } = loadProject(findTsconfig(dir), files);
  const graph = new CallGraph();
  const sourceFiles = files.map((file) => project.getSourceFileOrThrow(file));
  const { endpoints, failures } = discoverEndpoints(sourceFiles, project.getSourceFiles(), dir, graph);
  if (failures.length > 0) throw new Error(JSON.stringify(failures));
  const routes = endpoints.map(({ endpoint }) => `${endpoint.method} ${endpoint.path}`).sort();
  return { endpoints, routes, graph, project };
}

/** Where `marker` first occurs in a fixture file: 1-based line and column, as ESLint reports. */
export function locate(dir: string, file: string, marker: string): { filePath: string; line: number; column: number } {
  const filePath = path.join(dir, file);
  const lines = readFileSync(filePath, 'utf8').split('\n');
  const index = lines.findIndex((line) => line.includes(marker));
  if (index < 0) throw new Error(`${marker} not found in ${file}`);
  return { filePath, line: index + 1, column: lines[index].indexOf(marker) + 1 };
}

/**
 * What the nearest `package.json` says of a file's package: a command-line tool (a `bin`, or an argument parser or
 * terminal prompt among its dependencies) with no server, worker or queue library anywhere in its dependencies.
 * A monorepo's admin CLI (Openpanel's `admin/`) or documentation generators (medusa's `www/utils/packages/*`)
 * keep their helpers in files that show nothing of it: `displayOrg()` prints with `console.log` for a terminal.
 * Or a front end: a UI library and no server or back-end library (GrowthBook's Next.js front end, whose `services/`
 * call its API with `fetch` from the page). See `PackageKind`.
 *
 * Only manifests strictly below ESLint's working directory count: the project's root manifest describes the
 * whole app (and in a rule's tests, whatever repository runs them).
 *
 * Manifests are read from disk, never executed, and remembered by folder for a few seconds: within a lint run
 * every file of a package shares one read, and an editor's long-lived ESLint sees an edited manifest soon after.
 * The memo is a pure function of the disk, not of linted files, so `--concurrency` workers each keep their own.
 * ESLint's `--cache` does not know a result depends on a manifest: after changing a package's `bin` or
 * dependencies, clear the cache (`--cache` results are otherwise correct).
 */
import fs from 'node:fs';
import path from 'node:path';
import { DISK_MEMO_MS, remembered, type DiskMemo } from './disk-memo';
import { isAtOrBelow, isStrictlyBelow } from './folders';

/** Libraries that serve requests or run jobs: a package depending on one is no mere command-line tool. */
const SERVER_PACKAGES = new Set([
  'express', 'fastify', 'koa', 'koa-router', 'hono', 'next', 'restify', 'h3', 'nitropack', 'nuxt', 'elysia', 'polka', 'micro',
  'socket.io', 'ws', 'graphql-yoga', 'apollo-server', 'apollo-server-express', 'bullmq', 'bull', 'bee-queue', 'agenda', 'pg-boss',
  'kafkajs', 'amqplib', 'amqp-connection-manager', 'serverless-http', 'firebase-functions', 'inngest',
  // React Router's server adapters (framework mode with server rendering); `react-router` itself also runs a plain
  // single-page app (Parabol's client), and `@react-router/dev` builds one.
  '@react-router/node', '@react-router/serve', '@react-router/express', '@react-router/architect', '@react-router/cloudflare',
  // Angular's server rendering.
  '@angular/ssr', '@angular/platform-server',
]);
// Temporal's worker runs activities; its client only starts workflows, as command-line tools do (Dittofeed's admin CLI).
const SERVER_SCOPES = ['@nestjs/', '@fastify/', '@hapi/', '@koa/', '@hono/', '@trpc/server', '@remix-run/', '@sveltejs/kit', '@apollo/server', '@temporalio/worker', '@trigger.dev/', '@azure/functions', '@google-cloud/functions-framework', '@vercel/node', '@netlify/functions', '@adonisjs/', '@feathersjs/'];

function isServerPackage(name: string): boolean {
  return SERVER_PACKAGES.has(name) || SERVER_SCOPES.some((scope) => name.startsWith(scope));
}

interface Manifest {
  name?: unknown;
  bin?: unknown;
  dependencies?: unknown;
  devDependencies?: unknown;
  peerDependencies?: unknown;
  optionalDependencies?: unknown;
  scripts?: unknown;
}

/** A dependency field as the object it should be (`{ "express": "^4" }`); undefined for anything else. */
function dependencyRecord(field: unknown): Record<string, unknown> | undefined {
  return field !== null && typeof field === 'object' && !Array.isArray(field) ? (field as Record<string, unknown>) : undefined;
}

function names(field: unknown): string[] {
  const record = dependencyRecord(field);
  return record ? Object.keys(record) : [];
}

/** The manifest's package is a command-line tool and nothing else (see the module's comment). */
export function isCommandLineManifest(manifest: Manifest, commandLineModules: ReadonlySet<string>): boolean {
  if (externalDependencies(manifest).some(isServerPackage)) return false;
  const bin = manifest.bin;
  const hasBin = (typeof bin === 'string' && bin !== '') || names(bin).length > 0;
  return hasBin || names(manifest.dependencies).some((name) => commandLineModules.has(name));
}

/** Libraries that draw a user interface, or build one for a browser or a phone, or only run in a page. */
const UI_PACKAGES = new Set([
  'react-dom', 'vue', 'svelte', 'solid-js', 'preact', 'react-native', 'expo', '@angular/platform-browser',
  // An Angular library names only the core among its dependencies (often as a peer); server rendering adds a server.
  '@angular/core',
  '@vitejs/plugin-react', '@vitejs/plugin-react-swc', '@vitejs/plugin-vue', '@sveltejs/vite-plugin-svelte',
  // rrweb records the page's DOM for session replay (OpenPanel's web SDK, `packages/sdks/web`); its types say nothing.
  'rrweb', '@rrweb/record', 'rrweb-snapshot',
]);
/**
 * Tauri's JavaScript API and plugins (`@tauri-apps/api`, `@tauri-apps/plugin-fs`, also as a peer): the package runs in
 * a desktop app's webview, like a browser tab (Hoppscotch's kernel). Its CLI (`@tauri-apps/cli`) only builds the app.
 */
function isDesktopWebviewPackage(name: string): boolean {
  return name.startsWith('@tauri-apps/') && name !== '@tauri-apps/cli';
}

/**
 * Back-end libraries besides the servers: databases, caches, mail, cloud SDKs, server loggers. A front-end package
 * depends on none of them; a package that does may run its code on a server (server-side rendering, API routes).
 */
const BACKEND_PACKAGES = new Set([
  'prisma', '@prisma/client', 'typeorm', 'sequelize', 'sequelize-typescript', 'mongoose', 'mongodb', 'knex', 'drizzle-orm', 'kysely',
  'pg', 'pg-promise', 'postgres', 'mysql', 'mysql2', 'better-sqlite3', 'sqlite3', '@libsql/client', '@neondatabase/serverless', '@vercel/postgres',
  '@planetscale/database', 'ioredis', 'redis', '@upstash/redis', '@clickhouse/client', 'nodemailer', 'firebase-admin', 'winston', 'pino',
  'sharp', 'puppeteer',
]);
const BACKEND_SCOPES = ['@mikro-orm/', '@aws-sdk/', '@google-cloud/', '@azure/', '@elastic/', '@opensearch-project/'];

/**
 * The manifest's package is a front end (see `PackageKind`): it depends on a UI library and on no server and no back-end
 * library. `next` when the only server it depends on is Next.js, which serves pages and API routes alike.
 */
export function isBrowserManifest(manifest: Manifest): 'browser' | 'next' | undefined {
  const all = externalDependencies(manifest);
  if (!all.some((name) => UI_PACKAGES.has(name) || isDesktopWebviewPackage(name))) return undefined;
  if (all.some((name) => isBackendPackage(name) && !isTestToolOnly(manifest, name))) return undefined;
  const servers = all.filter(isServerPackage);
  if (servers.length === 0) return 'browser';
  return servers.every((name) => name === 'next') ? 'next' : undefined;
}

function isBackendPackage(name: string): boolean {
  return BACKEND_PACKAGES.has(name) || BACKEND_SCOPES.some((scope) => name.startsWith(scope));
}

/** A headless browser among the dev dependencies only drives the front end's tests (Vendure's Angular admin UI). */
function isTestToolOnly(manifest: Manifest, name: string): boolean {
  return name === 'puppeteer' && dependencyRecord(manifest.devDependencies)?.[name] !== undefined && dependencyRecord(manifest.dependencies)?.[name] === undefined;
}

/**
 * The packages of every dependency field but the monorepo's own: a sibling package (`"@trigger.dev/core": "workspace:*"`)
 * is the project's own code, not a server or UI library.
 */
function externalDependencies(manifest: Manifest): string[] {
  return dependencyRecords(manifest).flatMap((record) => Object.keys(record).filter((name) => !isWorkspaceVersion(record[name])));
}

/** The manifest's dependency fields that are objects: dependencies, dev, peer and optional, in that order. */
function dependencyRecords(manifest: Manifest): Record<string, unknown>[] {
  const fields = [manifest.dependencies, manifest.devDependencies, manifest.peerDependencies, manifest.optionalDependencies];
  return fields.map(dependencyRecord).filter((record) => record !== undefined);
}

function isWorkspaceVersion(version: unknown): boolean {
  return typeof version === 'string' && version.startsWith('workspace:');
}

const MAX_MEMO_SIZE = 20_000;

/**
 * What the nearest manifest strictly below the working directory says its package is:
 * - `command-line`: a tool (see `isCommandLineManifest`);
 * - `browser`: a front end and nothing else (see `isBrowserManifest`): a Vite or React Native app, a component library;
 * - `next-pages-app`: the same for a Next.js app on the pages router (`pages/`, no `app/`), whose only server code is
 *   its API routes, middleware and data-fetching functions;
 * - `test-support`: helpers for tests, by the package's name (see `isTestSupportName`);
 * - `static-site`: a site a generator builds ahead of time (see `isStaticSiteManifest`);
 * - `worker-process`: a process of its own that serves nothing (see `isWorkerProcessManifest`);
 * - `other`: anything else, servers and libraries.
 */
export type PackageKind = 'command-line' | 'browser' | 'next-pages-app' | 'test-support' | 'static-site' | 'worker-process' | 'other';

/**
 * By working directory and folder: the nearest manifest's verdict at or above the folder (null: none below the working
 * directory, which is why it is part of the key). `commandLineModules` is one constant set, so it need not be.
 */
const verdicts: DiskMemo<PackageKind | null> = new Map();
/** The same verdicts by working directory and a file's folder as ESLint spells them. */
const verdictsBySpelledFolder: DiskMemo<PackageKind | null> = new Map();

/**
 * The nearest `package.json` above `fileName`, strictly below `cwd`, describes a command-line tool. Undefined when
 * there is none (or the file lies outside `cwd`): the file's own signs decide.
 */
export function inCommandLinePackage(cwd: string, fileName: string, commandLineModules: ReadonlySet<string>): boolean | undefined {
  const kind = packageKindAt(cwd, fileName, commandLineModules);
  return kind === undefined ? undefined : kind === 'command-line';
}

/** The kind of package (see `PackageKind`) the nearest `package.json` above `fileName`, strictly below `cwd`, describes. */
export function packageKindAt(cwd: string, fileName: string, commandLineModules: ReadonlySet<string>): PackageKind | undefined {
  // Every file of a folder asks the same question: the folder as spelled answers it before any path is resolved.
  const now = Date.now();
  const spelledKey = `${cwd}\0${fileName.slice(0, Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')))}`;
  return remembered(verdictsBySpelledFolder, spelledKey, now, MAX_MEMO_SIZE, () => kindAbove(cwd, fileName, commandLineModules, now)) ?? undefined;
}

/** `packageKindAt`'s answer, null for none, from the folders' memo and the manifests. */
function kindAbove(cwd: string, fileName: string, commandLineModules: ReadonlySet<string>, now: number): PackageKind | null {
  const root = path.resolve(cwd);
  let folder = path.dirname(path.resolve(root, fileName));
  if (!isStrictlyBelow(folder, root)) return null;
  const visited: string[] = [];
  let kind: PackageKind | null = null;
  while (isStrictlyBelow(folder, root)) {
    const known = verdicts.get(`${root}\0${folder}`);
    if (known && now - known.at < DISK_MEMO_MS) {
      kind = known.value;
      break;
    }
    visited.push(folder);
    const manifest = manifestAt(path.join(folder, 'package.json'), now);
    if (manifest !== undefined) {
      kind = manifest === null ? 'other' : packageKindOf(manifest, folder, commandLineModules);
      break;
    }
    // An Nx app keeps no manifest of its own (the workspace root's lists every app's dependencies): its project says.
    if (isNxWebApp(manifestAt(path.join(folder, 'project.json'), now))) {
      kind = 'browser';
      break;
    }
    folder = path.dirname(folder);
  }
  if (verdicts.size + visited.length > MAX_MEMO_SIZE) verdicts.clear();
  for (const visitedFolder of visited) verdicts.set(`${root}\0${visitedFolder}`, { at: now, value: kind });
  return kind;
}

function packageKindOf(manifest: Manifest, folder: string, commandLineModules: ReadonlySet<string>): PackageKind {
  if (isTestSupportName(manifest.name)) return 'test-support';
  if (isCommandLineManifest(manifest, commandLineModules)) return 'command-line';
  if (isStaticSiteManifest(manifest)) return 'static-site';
  const browser = isBrowserManifest(manifest);
  if (browser === 'browser') return 'browser';
  if (browser === 'next') return usesPagesRouter(folder) ? 'next-pages-app' : 'other';
  return isWorkerProcessManifest(manifest) ? 'worker-process' : 'other';
}

/** Programs that run a script file: `tsx index.ts`, `node dist/main.js`, `nodemon src/worker.ts`. */
const SCRIPT_RUNNERS = new Set(['node', 'tsx', 'ts-node', 'ts-node-dev', 'bun', 'nodemon', 'esno', 'esrun']);
const SCRIPT_FILE = /\.[cm]?[jt]s$/;

/**
 * A package that starts a process of its own and serves nothing: its `start` script runs a script file, and none of
 * its dependencies serves requests or takes jobs from a queue (`SERVER_PACKAGES`), while it names a back-end library
 * or a sibling package (its dependencies are its own, not hoisted to the workspace's root). Linkwarden's `apps/worker`
 * (`tsx index.ts`, polling loops over Prisma): no request waits on what it writes to stdout or blocks. Its sibling
 * packages may still start a server for it: `module-files`' `siblingsServeNothing` checks them.
 */
function isWorkerProcessManifest(manifest: Manifest): boolean {
  const scripts = dependencyRecord(manifest.scripts);
  const start = scripts?.start;
  if (typeof start !== 'string' || !runsScriptFile(start)) return false;
  if (externalDependencies(manifest).some(isServerPackage)) return false;
  return dependencyRecords(manifest).some((record) => Object.entries(record).some(([name, version]) => isBackendPackage(name) || isWorkspaceVersion(version) || version === '*'));
}

/**
 * The sibling packages (`workspace:` or `*` versions) the nearest manifest above `fileName`, strictly below `cwd`,
 * depends on, and that manifest's folder: what `module-files` resolves to check that none of them serves requests
 * (erxes's plugins start a server that a shared workspace package builds). Undefined when there is no manifest.
 */
export function siblingDependenciesAt(cwd: string, fileName: string): { folder: string; names: string[] } | undefined {
  const root = path.resolve(cwd);
  const now = Date.now();
  for (let folder = path.dirname(path.resolve(root, fileName)); isStrictlyBelow(folder, root); folder = path.dirname(folder)) {
    const manifest = manifestAt(path.join(folder, 'package.json'), now);
    if (manifest === undefined) continue;
    const names = manifest === null ? [] : dependencyRecords(manifest).flatMap((record) => Object.keys(record).filter((name) => isWorkspaceVersion(record[name]) || record[name] === '*'));
    return { folder, names };
  }
  return undefined;
}

/** The packages a manifest needs at run time: its `dependencies` and `optionalDependencies`. */
export function runtimeDependencyNames(manifest: Readonly<Record<string, unknown>>): string[] {
  return [...names(manifest.dependencies), ...names(manifest.optionalDependencies)];
}

/** A manifest's package depends on a library that serves requests or takes jobs (`SERVER_PACKAGES`). */
export function dependsOnServer(manifest: Readonly<Record<string, unknown>>): boolean {
  return externalDependencies(manifest as Manifest).some(isServerPackage);
}

/** `tsx index.ts`, `NODE_ENV=production node --enable-source-maps dist/main.js`: the first command runs a script file. */
function runsScriptFile(script: string): boolean {
  const words = script.split(/\s+/).filter((word) => word !== '');
  let index = 0;
  while (index < words.length && (words[index].includes('=') || words[index] === 'cross-env')) index++;
  if (!SCRIPT_RUNNERS.has(words[index] ?? '')) return false;
  for (index++; index < words.length && !['&&', '||', ';', '|', '&'].includes(words[index]); index++) {
    if (SCRIPT_FILE.test(words[index])) return true;
  }
  return false;
}

/** Generators of static sites: their pages and helpers run while the site is built, or in the reader's browser. */
const STATIC_SITE_GENERATORS = new Set(['astro', '@docusaurus/core', 'vitepress', 'vuepress', '@vuepress/core', '@11ty/eleventy', 'hexo']);
/** Astro's adapters for rendering on a server, which turn a static site into a server. */
const ASTRO_SERVER_ADAPTER = /^@astrojs\/(?:node|vercel|netlify|cloudflare|deno)$|^@deno\/astro-adapter$|^astro-sst$/;

/**
 * A static site (a blog or docs built with Astro, Docusaurus, VitePress, Eleventy…) with no server or back-end package
 * beside it, and for Astro no adapter that renders pages on a server (Open SaaS's Starlight blog).
 */
function isStaticSiteManifest(manifest: Manifest): boolean {
  const all = externalDependencies(manifest);
  if (!all.some((name) => STATIC_SITE_GENERATORS.has(name))) return false;
  // sharp optimises the site's images while it is built.
  return !all.some((name) => isServerPackage(name) || (isBackendPackage(name) && name !== 'sharp') || ASTRO_SERVER_ADAPTER.test(name));
}

/** Last segments of package names that hold test helpers or tests: Trigger.dev's `@internal/testcontainers`, `@acme/test-utils`. */
const TEST_SUPPORT_NAMES = new Set(['test', 'tests', 'testing', 'e2e', 'testcontainers', 'test-utils', 'testutils', 'test-helpers', 'testhelpers', 'test-setup', 'test-fixtures', 'test-kit']);
/** Endings of such names: Trigger.dev's `sdk-compat-tests`, `api-e2e`, `shared-test-utils`. */
const TEST_SUPPORT_SUFFIXES = ['-tests', '-e2e', '-testing', '-test-utils', '-test-helpers'];

/** A workspace package named for tests: its modules set up containers and fixtures for test runs, and serve no requests. */
function isTestSupportName(name: unknown): boolean {
  if (typeof name !== 'string') return false;
  const last = name.slice(name.lastIndexOf('/') + 1);
  return TEST_SUPPORT_NAMES.has(last) || TEST_SUPPORT_SUFFIXES.some((suffix) => last.endsWith(suffix));
}

/** `pages/` and no `app/`, at the package's root or under `src/`: the app router's server components are server code. */
function usesPagesRouter(folder: string): boolean {
  const isFolder = (...parts: string[]) => fs.statSync(path.join(folder, ...parts), { throwIfNoEntry: false })?.isDirectory() === true;
  return (isFolder('pages') || isFolder('src', 'pages')) && !isFolder('app') && !isFolder('src', 'app');
}

/** Nx executors that serve a bundle to a browser in development. */
const NX_WEB_DEV_SERVERS = /^@(?:nx|nrwl)\/(?:webpack|web|vite|rspack|react):dev-server$/;
/** Nx executors and options that run or build for Node. */
const NX_NODE_EXECUTORS = /^@(?:nx|nrwl)\/(?:node|js:node|express|nest)/;

/**
 * An Nx `project.json` of a browser app: a web dev server among its targets (`@nx/webpack:dev-server`,
 * `@nx/vite:dev-server`), and no target that runs on Node (`@nx/js:node`) or bundles for it (`"target": "node"`).
 * Amplication's React client has only this to tell it from its NestJS server in the same workspace.
 */
function isNxWebApp(project: Manifest | null | undefined): boolean {
  const targets = (project as { targets?: unknown } | null | undefined)?.targets;
  if (targets === null || typeof targets !== 'object') return false;
  let webServer = false;
  for (const target of Object.values(targets as Record<string, unknown>)) {
    if (target === null || typeof target !== 'object') continue;
    const { executor, options } = target as { executor?: unknown; options?: unknown };
    if (typeof executor !== 'string') continue;
    if (NX_NODE_EXECUTORS.test(executor) || (options !== null && typeof options === 'object' && (options as { target?: unknown }).target === 'node')) return false;
    webServer ||= NX_WEB_DEV_SERVERS.test(executor);
  }
  return webServer;
}

/** Parsed manifests by path, for a few seconds (see the module's comment): both questions of a package share a read. */
const manifests: DiskMemo<Manifest | null | undefined> = new Map();

/** `readManifest`, remembered. */
function manifestAt(file: string, now: number): Manifest | null | undefined {
  return remembered(manifests, file, now, MAX_MEMO_SIZE, () => readManifest(file));
}

/** `folder` holds a `package.json` (parsable or not): a package starts there. Read through the same memo as every manifest here. */
export function hasManifest(folder: string): boolean {
  return manifestAt(path.join(folder, 'package.json'), Date.now()) !== undefined;
}

/** The `package.json` of `folder` as an object, read and remembered as every manifest here is; undefined when there is none. */
export function manifestIn(folder: string): Readonly<Record<string, unknown>> | undefined {
  return (manifestAt(path.join(folder, 'package.json'), Date.now()) as Record<string, unknown> | null | undefined) ?? undefined;
}

/**
 * The versions the nearest `package.json` at or above `fileName`'s folder, up to `cwd` (included: a project's root
 * manifest says which libraries its code uses), gives the first of `packages` it depends on, with any others of them
 * it lists. Undefined when no manifest there names any.
 */
export function nearestDependencyVersions(cwd: string, fileName: string, packages: readonly string[]): Map<string, string> | undefined {
  const root = path.resolve(cwd);
  const now = Date.now();
  // ESLint hands rules absolute names; a relative one (a test's) is relative to the working directory.
  for (let folder = path.dirname(path.resolve(root, fileName)); isAtOrBelow(folder, root); folder = path.dirname(folder)) {
    const manifest = manifestAt(path.join(folder, 'package.json'), now);
    const versions = manifest ? dependencyVersions(manifest, packages) : undefined;
    if (versions) return versions;
    if (folder === root) break;
  }
  return undefined;
}

/**
 * Packages that build or type code for Cloudflare Workers (or deploy a framework's server there). A package that
 * depends on one runs in a Workers isolate, whose `console` hands records to the runtime's log stream: no stdout
 * write blocks the event loop there.
 */
const WORKERS_PACKAGES = ['wrangler', '@cloudflare/workers-types', '@cloudflare/vite-plugin', '@opennextjs/cloudflare', '@cloudflare/next-on-pages'];

const workersAnswers: DiskMemo<boolean> = new Map();

/**
 * The file's package, by its nearest `package.json` at or above the file's folder (up to `cwd`, included), runs on
 * Cloudflare Workers (see `WORKERS_PACKAGES`). Only the package's own manifest counts: a monorepo's root that deploys
 * one worker among Node services says nothing of the others.
 */
export function runsOnCloudflareWorkers(cwd: string, fileName: string): boolean {
  const root = path.resolve(cwd);
  const folderOfFile = path.dirname(path.resolve(root, fileName));
  const now = Date.now();
  return remembered(workersAnswers, `${root}\0${folderOfFile}`, now, MAX_MEMO_SIZE, () => {
    for (let folder = folderOfFile; isAtOrBelow(folder, root); folder = path.dirname(folder)) {
      const manifest = manifestAt(path.join(folder, 'package.json'), now);
      if (manifest) return dependencyRecords(manifest).some((record) => WORKERS_PACKAGES.some((name) => record[name] !== undefined));
      if (manifest === null || folder === root) return false;
    }
    return false;
  });
}

function dependencyVersions(manifest: Manifest, packages: readonly string[]): Map<string, string> | undefined {
  let found: Map<string, string> | undefined;
  for (const record of dependencyRecords(manifest)) {
    for (const name of packages) {
      const version = record[name];
      if (typeof version === 'string' && !found?.has(name)) (found ??= new Map()).set(name, version);
    }
  }
  return found;
}

/** The parsed manifest; null when it exists but cannot be read as an object; undefined when there is none. */
function readManifest(file: string): Manifest | null | undefined {
  let text: string;
  try {
    // Most folders have no manifest: asking first spares building the exception a failed read throws.
    if (!fs.statSync(file, { throwIfNoEntry: false })?.isFile()) return undefined;
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Manifest) : null;
  } catch {
    return null;
  }
}

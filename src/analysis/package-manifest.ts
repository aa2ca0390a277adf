/**
 * What the nearest `package.json` says of a file's package: a command-line tool (a `bin`, or an argument parser or
 * terminal prompt among its dependencies) with no server, worker or queue library anywhere in its dependencies.
 * A monorepo's admin CLI (Openpanel's `admin/`) or documentation generators (medusa's `www/utils/packages/*`)
 * keep their helpers in files that show nothing of it: `displayOrg()` prints with `console.log` for a terminal.
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

/** Libraries that serve requests or run jobs: a package depending on one is no mere command-line tool. */
const SERVER_PACKAGES = new Set([
  'express', 'fastify', 'koa', 'koa-router', 'hono', 'next', 'restify', 'h3', 'nitropack', 'nuxt', 'elysia', 'polka', 'micro',
  'socket.io', 'ws', 'graphql-yoga', 'apollo-server', 'apollo-server-express', 'bullmq', 'bull', 'bee-queue', 'agenda', 'pg-boss',
  'kafkajs', 'amqplib', 'amqp-connection-manager', 'serverless-http', 'firebase-functions', 'inngest', 'react-router',
]);
const SERVER_SCOPES = ['@nestjs/', '@fastify/', '@hapi/', '@koa/', '@hono/', '@trpc/server', '@remix-run/', '@sveltejs/kit', '@apollo/server', '@temporalio/', '@trigger.dev/', '@azure/functions', '@google-cloud/functions-framework', '@vercel/node', '@netlify/functions', '@adonisjs/', '@feathersjs/'];

function isServerPackage(name: string): boolean {
  return SERVER_PACKAGES.has(name) || SERVER_SCOPES.some((scope) => name.startsWith(scope));
}

interface Manifest {
  bin?: unknown;
  dependencies?: unknown;
  devDependencies?: unknown;
  peerDependencies?: unknown;
  optionalDependencies?: unknown;
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
  // A sibling package of the monorepo (`"@trigger.dev/core": "workspace:*"`) is the project's own code, not a server library.
  const external = (field: unknown) => names(field).filter((name) => !isWorkspaceVersion(dependencyRecord(field)![name]));
  const all = [...external(manifest.dependencies), ...external(manifest.devDependencies), ...external(manifest.peerDependencies), ...external(manifest.optionalDependencies)];
  if (all.some(isServerPackage)) return false;
  const bin = manifest.bin;
  const hasBin = (typeof bin === 'string' && bin !== '') || names(bin).length > 0;
  return hasBin || names(manifest.dependencies).some((name) => commandLineModules.has(name));
}

function isWorkspaceVersion(version: unknown): boolean {
  return typeof version === 'string' && version.startsWith('workspace:');
}

const MEMO_MS = 5_000;
const MAX_MEMO_SIZE = 20_000;
/**
 * By working directory and folder: the nearest manifest's verdict at or above the folder (null: none below the working
 * directory, which is why it is part of the key). `commandLineModules` is one constant set, so it need not be.
 */
const verdicts = new Map<string, { at: number; isCommandLine: boolean | null }>();
/** The same verdicts by working directory and a file's folder as ESLint spells them. */
const verdictsBySpelledFolder = new Map<string, { at: number; isCommandLine: boolean | null }>();

/**
 * The nearest `package.json` above `fileName`, strictly below `cwd`, describes a command-line tool. Undefined when
 * there is none (or the file lies outside `cwd`): the file's own signs decide.
 */
export function inCommandLinePackage(cwd: string, fileName: string, commandLineModules: ReadonlySet<string>): boolean | undefined {
  // Every file of a folder asks the same question: the folder as spelled answers it before any path is resolved.
  const now = Date.now();
  const spelledKey = `${cwd}\0${fileName.slice(0, Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')))}`;
  const spelled = verdictsBySpelledFolder.get(spelledKey);
  if (spelled && now - spelled.at < MEMO_MS) return spelled.isCommandLine ?? undefined;
  const verdict = verdictAbove(cwd, fileName, commandLineModules, now);
  if (verdictsBySpelledFolder.size >= MAX_MEMO_SIZE) verdictsBySpelledFolder.clear();
  verdictsBySpelledFolder.set(spelledKey, { at: now, isCommandLine: verdict });
  return verdict ?? undefined;
}

/** `inCommandLinePackage`'s answer, null for none, from the folders' memo and the manifests. */
function verdictAbove(cwd: string, fileName: string, commandLineModules: ReadonlySet<string>, now: number): boolean | null {
  const root = path.resolve(cwd);
  let folder = path.dirname(path.resolve(fileName));
  if (!folder.startsWith(root + path.sep)) return null;
  const visited: string[] = [];
  let verdict: boolean | null = null;
  while (folder.length > root.length && folder.startsWith(root + path.sep)) {
    const known = verdicts.get(`${root}\0${folder}`);
    if (known && now - known.at < MEMO_MS) {
      verdict = known.isCommandLine;
      break;
    }
    visited.push(folder);
    const manifest = manifestAt(path.join(folder, 'package.json'), now);
    if (manifest !== undefined) {
      verdict = manifest !== null && isCommandLineManifest(manifest, commandLineModules);
      break;
    }
    folder = path.dirname(folder);
  }
  if (verdicts.size + visited.length > MAX_MEMO_SIZE) verdicts.clear();
  for (const visitedFolder of visited) verdicts.set(`${root}\0${visitedFolder}`, { at: now, isCommandLine: verdict });
  return verdict;
}

/** Parsed manifests by path, for a few seconds (see the module's comment): both questions of a package share a read. */
const manifests = new Map<string, { at: number; manifest: Manifest | null | undefined }>();

/** `readManifest`, remembered. */
function manifestAt(file: string, now: number): Manifest | null | undefined {
  let known = manifests.get(file);
  if (!known || now - known.at >= MEMO_MS) {
    if (manifests.size >= MAX_MEMO_SIZE) manifests.clear();
    known = { at: now, manifest: readManifest(file) };
    manifests.set(file, known);
  }
  return known.manifest;
}

/**
 * The versions the nearest `package.json` at or above `fileName`'s folder, up to `cwd` (included: a project's root
 * manifest says which libraries its code uses), gives the first of `packages` it depends on, with any others of them
 * it lists. Undefined when no manifest there names any.
 */
export function nearestDependencyVersions(cwd: string, fileName: string, packages: readonly string[]): Map<string, string> | undefined {
  const root = path.resolve(cwd);
  const now = Date.now();
  for (let folder = path.dirname(path.resolve(fileName)); folder === root || folder.startsWith(root + path.sep); folder = path.dirname(folder)) {
    const manifest = manifestAt(path.join(folder, 'package.json'), now);
    const versions = manifest ? dependencyVersions(manifest, packages) : undefined;
    if (versions) return versions;
    if (folder === root) break;
  }
  return undefined;
}

function dependencyVersions(manifest: Manifest, packages: readonly string[]): Map<string, string> | undefined {
  let found: Map<string, string> | undefined;
  for (const field of [manifest.dependencies, manifest.devDependencies, manifest.peerDependencies, manifest.optionalDependencies]) {
    const record = dependencyRecord(field);
    if (!record) continue;
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

/**
 * The project's own module paths that look like packages: `compilerOptions.paths` of the nearest `tsconfig.json` (or
 * `jsconfig.json`), as Outline's `"@server/*": ["./server/*"]` lets `import { User } from '@server/models'` name a
 * folder of the project. Without it, such an import reads as an npm package, and what it brings in (models,
 * clients, helpers) as a library's.
 *
 * Read from disk and remembered for a few seconds like package manifests (see disk-memo.ts). Each rule's `create`
 * notes which file an AST is (`registerPathAliases`), so analyses that only hold a scope can ask; the config is read
 * the first time one does. Nothing is shared between files but what the disk says.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { TSESLint } from '@typescript-eslint/utils';
import { remembered, type DiskMemo } from './disk-memo';
import { isAtOrBelow } from './folders';
import { FileCache } from './per-file';

/** The specifiers the aliases cover: `@server/` for `@server/*`, and keys without a star taken whole. */
export interface PathAliases {
  prefixes: readonly string[];
  exact: ReadonlySet<string>;
}

const NO_ALIASES: PathAliases = { prefixes: [], exact: new Set() };
const CONFIG_NAMES = ['tsconfig.json', 'jsconfig.json'];
const MAX_MEMO_SIZE = 5_000;
/** A config larger than this is no hand-written one: left unread. */
const MAX_CONFIG_BYTES = 1_000_000;

const aliasesByFolder: DiskMemo<PathAliases> = new Map();
/** Parsed configs by path; null for one that exists but cannot be read as an object (it still is the nearest). */
const configsByFile: DiskMemo<Record<string, unknown> | null | undefined> = new Map();
/** By the file's AST (what a scope leads to): where the file is, once a rule's `create` said so, and its aliases once asked. */
interface LintedFile {
  location?: { cwd: string; filename: string };
  aliases?: PathAliases;
}
const filesByProgram = new FileCache<LintedFile>();

/** Notes where the file being linted is, with its AST: one comparison after the first rule of the file. */
export function registerPathAliases(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): void {
  const file = filesByProgram.get(context.sourceCode.ast, () => ({}));
  file.location ??= { cwd: context.cwd, filename: context.filename };
}

/** `source` is one of the project's path aliases, for the file whose scope (any of its scopes) is given. */
export function isPathAlias(source: string, scope: TSESLint.Scope.Scope | undefined): boolean {
  let root = scope;
  while (root?.upper) root = root.upper;
  const file = root && filesByProgram.get(root.block, () => ({}));
  if (!file?.location) return false;
  const aliases = (file.aliases ??= pathAliasesFor(file.location.cwd, file.location.filename));
  return aliases.exact.has(source) || aliases.prefixes.some((prefix) => source.startsWith(prefix));
}

/** The aliases of the nearest config at or above the file's folder, up to `cwd` (included). */
export function pathAliasesFor(cwd: string, fileName: string): PathAliases {
  const root = path.resolve(cwd);
  const folder = path.dirname(path.resolve(root, fileName));
  if (!isAtOrBelow(folder, root)) return NO_ALIASES;
  const now = Date.now();
  return remembered(aliasesByFolder, `${root}\0${folder}`, now, MAX_MEMO_SIZE, () => {
    for (let current = folder; isAtOrBelow(current, root); current = path.dirname(current)) {
      for (const name of CONFIG_NAMES) {
        const config = configAt(path.join(current, name), now);
        if (config !== undefined) return config === null ? NO_ALIASES : aliasesOf(config, path.join(current, name), now);
      }
      if (current === root) break;
    }
    return NO_ALIASES;
  });
}

/** The config's `paths`, or those of the config it extends (one level: a package's tsconfig over the workspace's). */
function aliasesOf(config: Record<string, unknown>, file: string, now: number): PathAliases {
  const own = pathsOf(config);
  if (own) return aliasesFromPaths(own);
  const base = config.extends;
  if (typeof base !== 'string' || !base.startsWith('.')) return NO_ALIASES;
  const baseFile = path.resolve(path.dirname(file), base.endsWith('.json') ? base : `${base}.json`);
  const baseConfig = configAt(baseFile, now);
  const inherited = baseConfig && pathsOf(baseConfig);
  return inherited ? aliasesFromPaths(inherited) : NO_ALIASES;
}

function pathsOf(config: Record<string, unknown>): Record<string, unknown> | undefined {
  const options = config.compilerOptions;
  const paths = options !== null && typeof options === 'object' ? (options as Record<string, unknown>).paths : undefined;
  return paths !== null && typeof paths === 'object' && !Array.isArray(paths) ? (paths as Record<string, unknown>) : undefined;
}

function aliasesFromPaths(paths: Record<string, unknown>): PathAliases {
  const prefixes: string[] = [];
  const exact = new Set<string>();
  for (const [key, targets] of Object.entries(paths)) {
    // `"vite": ["./node_modules/vite/…"]` points at a package's own files: still a package.
    if (!Array.isArray(targets) || targets.length === 0 || targets.every((target) => typeof target !== 'string' || target.includes('node_modules'))) continue;
    const star = key.indexOf('*');
    if (star < 0) exact.add(key);
    // `"*": […]` would take every package for the project's: only aliases with text before the star count.
    else if (star > 0 && star === key.length - 1) prefixes.push(key.slice(0, star));
  }
  return prefixes.length === 0 && exact.size === 0 ? NO_ALIASES : { prefixes, exact };
}

function configAt(file: string, now: number): Record<string, unknown> | null | undefined {
  return remembered(configsByFile, file, now, MAX_MEMO_SIZE, () => readConfig(file));
}

function readConfig(file: string): Record<string, unknown> | null | undefined {
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
  if (!stat?.isFile()) return undefined;
  if (stat.size > MAX_CONFIG_BYTES) return null;
  try {
    const parsed: unknown = JSON.parse(stripJsonComments(fs.readFileSync(file, 'utf8')));
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * JSON with comments and trailing commas (what tsconfig files allow) as plain JSON: one pass, strings kept whole.
 * A comma is dropped when only whitespace or comments stand between it and a closing bracket.
 */
export function stripJsonComments(text: string): string {
  let out = '';
  let pendingComma = '';
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '"') {
      out += pendingComma;
      pendingComma = '';
      let end = index + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      out += text.slice(index, end + 1);
      index = end;
    } else if (char === '/' && text[index + 1] === '/') {
      const end = text.indexOf('\n', index);
      index = end < 0 ? text.length : end - 1;
    } else if (char === '/' && text[index + 1] === '*') {
      const end = text.indexOf('*/', index + 2);
      index = end < 0 ? text.length : end + 1;
    } else if (char === ',') {
      out += pendingComma;
      pendingComma = ',';
    } else if (char === '}' || char === ']') {
      pendingComma = '';
      out += char;
    } else if (char === ' ' || char === '\t' || char === '\n' || char === '\r') {
      if (pendingComma) pendingComma += char;
      else out += char;
    } else {
      out += pendingComma + char;
      pendingComma = '';
    }
  }
  return out + pendingComma;
}

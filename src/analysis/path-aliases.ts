/**
 * The project's own module paths that look like packages: `compilerOptions.paths` of the nearest `tsconfig.json` (or
 * `jsconfig.json`), as Outline's `"@server/*": ["./server/*"]` lets `import { User } from '@server/models'` name a
 * folder of the project. Without it, such an import reads as an npm package, and what it brings in (models,
 * clients, helpers) as a library's. `pathAliasTargets` also says which files an alias leads to, for reading them
 * (module-files.ts).
 *
 * Read from disk and remembered for a few seconds like package manifests (see disk-memo.ts). Each rule's `create`
 * notes which file an AST is (`registerPathAliases`), so analyses that only hold a scope or a node can ask (also
 * where the file is: `lintedFileLocation`); the config is read the first time one does. Nothing is shared between
 * files but what the disk says.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { programOf } from '../ast/code-shape';
import { remembered, type DiskMemo } from './disk-memo';
import { isAtOrBelow } from './folders';
import { FileCache } from './per-file';

/** The specifiers the aliases cover: `@server/` for `@server/*`, and keys without a star taken whole. */
export interface PathAliases {
  prefixes: readonly string[];
  exact: ReadonlySet<string>;
  /**
   * Where each alias leads, as TypeScript resolves it: by key (`@server/*`, `config`), the absolute paths of its
   * targets, outside `node_modules`, each with at most one `*` that stands for what the specifier's star matched.
   */
  targets: ReadonlyMap<string, readonly string[]>;
}

const NO_ALIASES: PathAliases = { prefixes: [], exact: new Set(), targets: new Map() };
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
  /** The parser the file was linted with, for analyses that read another module of the project (module-files.ts). */
  parser?: unknown;
  aliases?: PathAliases;
}
const filesByProgram = new FileCache<LintedFile>();

/** Notes where the file being linted is, with its AST: one comparison after the first rule of the file. */
export function registerPathAliases(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): void {
  const file = filesByProgram.get(context.sourceCode.ast, () => ({}));
  if (file.location) return;
  file.location = { cwd: context.cwd, filename: context.filename };
  file.parser = context.languageOptions?.parser;
}

/** `source` is one of the project's path aliases, for the file that holds `where` (any of its scopes or nodes). */
export function isPathAlias(source: string, where: TSESLint.Scope.Scope | TSESTree.Node | undefined): boolean {
  const file = lintedFileOf(where);
  if (!file?.location) return false;
  const aliases = (file.aliases ??= pathAliasesFor(file.location.cwd, file.location.filename));
  return aliases.exact.has(source) || aliases.prefixes.some((prefix) => source.startsWith(prefix));
}

/** Where the linted file that holds `where` is (once a rule's `create` said so), with its aliases once asked. */
function lintedFileOf(where: TSESLint.Scope.Scope | TSESTree.Node | undefined): LintedFile | undefined {
  const program = where === undefined ? undefined : 'childScopes' in where ? rootScopeOf(where).block : programOf(where);
  return program && filesByProgram.get(program, () => ({}));
}

/** The working directory and file name of the linted file that holds `where`: for analyses that only hold a node. */
export function lintedFileLocation(where: TSESLint.Scope.Scope | TSESTree.Node | undefined): { cwd: string; filename: string } | undefined {
  return lintedFileOf(where)?.location;
}

/** The parser the linted file that holds `where` was linted with (once a rule's `create` said so). */
export function lintedFileParser(where: TSESLint.Scope.Scope | TSESTree.Node | undefined): unknown {
  return lintedFileOf(where)?.parser;
}

function rootScopeOf(scope: TSESLint.Scope.Scope): TSESLint.Scope.Scope {
  let root = scope;
  while (root.upper) root = root.upper;
  return root;
}

/**
 * The paths, without extension, that `specifier` names through the path aliases of `fromFile`'s nearest config, in
 * TypeScript's order: the exact key, else the longest matching prefix, its targets as listed. Empty when no alias
 * matches. `~/server/db/schema` under `"~/*": ["./src/*"]` → `<config folder>/src/server/db/schema`.
 */
export function pathAliasTargets(cwd: string, fromFile: string, specifier: string): readonly string[] {
  const aliases = pathAliasesFor(cwd, fromFile);
  if (aliases.exact.has(specifier)) return aliases.targets.get(specifier) ?? [];
  let longest = '';
  for (const prefix of aliases.prefixes) if (prefix.length > longest.length && specifier.startsWith(prefix)) longest = prefix;
  if (longest === '') return [];
  const matched = specifier.slice(longest.length);
  return (aliases.targets.get(`${longest}*`) ?? []).map((target) => target.replace('*', matched));
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
  if (own) return aliasesFromPaths(own, targetsFolderOf(config, file));
  const base = config.extends;
  if (typeof base !== 'string' || !base.startsWith('.')) return NO_ALIASES;
  const baseFile = path.resolve(path.dirname(file), base.endsWith('.json') ? base : `${base}.json`);
  const baseConfig = configAt(baseFile, now);
  const inherited = baseConfig && pathsOf(baseConfig);
  return inherited ? aliasesFromPaths(inherited, targetsFolderOf(baseConfig, baseFile)) : NO_ALIASES;
}

/** What a config's `paths` targets are relative to: its `baseUrl`, else its own folder (TypeScript ≥ 4.1). */
function targetsFolderOf(config: Record<string, unknown>, file: string): string {
  const options = config.compilerOptions as Record<string, unknown>;
  return path.resolve(path.dirname(file), typeof options.baseUrl === 'string' ? options.baseUrl : '.');
}

function pathsOf(config: Record<string, unknown>): Record<string, unknown> | undefined {
  const options = config.compilerOptions;
  const paths = options !== null && typeof options === 'object' ? (options as Record<string, unknown>).paths : undefined;
  return paths !== null && typeof paths === 'object' && !Array.isArray(paths) ? (paths as Record<string, unknown>) : undefined;
}

function aliasesFromPaths(paths: Record<string, unknown>, targetsFolder: string): PathAliases {
  const prefixes: string[] = [];
  const exact = new Set<string>();
  const targets = new Map<string, string[]>();
  for (const [key, listed] of Object.entries(paths)) {
    // `"vite": ["./node_modules/vite/…"]` points at a package's own files: still a package.
    const projectTargets = Array.isArray(listed) ? listed.filter((target): target is string => typeof target === 'string' && !target.includes('node_modules')) : [];
    if (projectTargets.length === 0) continue;
    const star = key.indexOf('*');
    if (star < 0) exact.add(key);
    // `"*": […]` would take every package for the project's: only aliases with text before the star count.
    else if (star > 0 && star === key.length - 1) prefixes.push(key.slice(0, star));
    else continue;
    // A target with more than one star is an error to TypeScript: it leads nowhere.
    const resolvable = projectTargets.filter((target) => target.indexOf('*') === target.lastIndexOf('*'));
    targets.set(key, resolvable.map((target) => path.resolve(targetsFolder, target)));
  }
  return prefixes.length === 0 && exact.size === 0 ? NO_ALIASES : { prefixes, exact, targets };
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

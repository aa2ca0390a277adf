/**
 * The project's other modules, read from disk without type information: the file an import of a linted file leads
 * to, and the `const` an export of that file names, following re-exports (`export * from './pages'`,
 * `export { page } from './page'`). A Drizzle query's table is defined in a schema module the query only imports.
 *
 * Only the project's own sources are read: a relative specifier, a path alias of the nearest `tsconfig.json` (see
 * path-aliases.ts), or a workspace package's (a folder of the working directory with that `name` in its manifest, or
 * a `node_modules` link that leads out of every `node_modules`). Published packages are not. A file is parsed with
 * the linted file's own parser, never executed, and what it declares is remembered by path for a few seconds (see
 * disk-memo.ts): a pure function of the disk, safe for
 * `--concurrency`. ESLint's `--cache` does not know a result depends on another file: after changing such a module,
 * clear the cache.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast/node-types';
import { isFunction, patternNames, returnsOnlyFixedLists } from '../ast/code-shape';
import { skipExpressionWrappers } from '../ast/expressions';
import { remembered, type DiskMemo } from './disk-memo';
import { readSmallTextFile, subfolders } from './folders';
import { isRelativeSpecifier } from './modules';
import { dependsOnServer, manifestIn, runtimeDependencyNames, siblingDependenciesAt } from './package-manifest';
import { lintedFileLocation, lintedFileParser, pathAliasTargets } from './path-aliases';

/** What a module declares at its top level, for following its exports. */
export interface ModuleSummary {
  /** `const name = …` (exported or not), by name. */
  consts: ReadonlyMap<string, TSESTree.Expression>;
  /** Import bindings by local name: the module and the name it exports (`*` for a namespace import). */
  imports: ReadonlyMap<string, ImportedName>;
  /** Exported names: a local binding, or a name re-exported from another module (`*` for `export * as name`). */
  exports: ReadonlyMap<string, { local: string } | ImportedName>;
  /** `export * from '…'`. */
  stars: readonly string[];
  /** Types of a few values declared at the top level (exported or not): enums, and aliases of literals or their unions. */
  fewValuedTypes: ReadonlySet<string>;
  /** Function declarations at the top level (exported or not), by name. */
  functions: ReadonlyMap<string, TSESTree.FunctionDeclaration>;
  /** Class declarations at the top level (exported or not), by name. */
  classes: ReadonlyMap<string, TSESTree.ClassDeclaration>;
  /** Every name a top-level declaration of the module makes (types, interfaces, classes, functions, variables): found here, a lookup ends. */
  declared: ReadonlySet<string>;
}

export interface ImportedName {
  source: string;
  imported: string;
}

/** A `const` found by following imports: its initializer, and the file it is written in. */
export interface ModuleConst {
  file: string;
  init: TSESTree.Expression;
}

/** A class found by following imports, and the file it is written in. */
export interface ModuleClass {
  file: string;
  declaredClass: TSESTree.ClassDeclaration;
}

/** Parses another file of the project with the linted file's parser; undefined when it does not parse. */
export type ModuleParser = (file: string, text: string) => TSESTree.Program | undefined;

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
/** `./schema.js` in TypeScript's ESM style names `./schema.ts`. */
const COMPILED_TO_SOURCE: Readonly<Record<string, readonly string[]>> = {
  '.js': ['.ts', '.tsx'],
  '.jsx': ['.tsx'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
};
/** Schema modules are small; a generated file of megabytes is no place to look for one. */
const MAX_FILE_BYTES = 1_000_000;
/** Modules one lookup may visit: a schema barrel re-exports a few dozen folders, each with its own barrel (OpenStatus: ~80). */
const MAX_FILES_PER_LOOKUP = 256;
const MAX_MEMO_SIZE = 2_000;
/**
 * A summary keeps its file's tree alive (its initializers point into it): a few hundred files at most, which a
 * monorepo's schema modules and barrels stay well under; past that the memo starts over.
 */
const MAX_SUMMARIES = 256;
/** Folders scanned for workspace packages, as the Prisma schema search does. */
const MAX_SCANNED_FOLDERS = 400;

const resolutions: DiskMemo<string | null> = new Map();
const summaries: DiskMemo<ModuleSummary | null> = new Map();
const workspaceIndexes: DiskMemo<ReadonlyMap<string, string>> = new Map();

/** The linted file's parser, set up for another file of the project: no type information, whatever the lint uses. */
export function moduleParserFor(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): ModuleParser | undefined {
  return moduleParserOf(context.languageOptions?.parser);
}

/** The same, for an analysis that holds only a node of the linted file (registered by `registerPathAliases`). */
export function moduleParserAt(where: TSESTree.Node): ModuleParser | undefined {
  return moduleParserOf(lintedFileParser(where));
}

function moduleParserOf(given: unknown): ModuleParser | undefined {
  const parser = given as { parse?: (text: string, options: object) => unknown; parseForESLint?: (text: string, options: object) => { ast: unknown } } | undefined;
  if (!parser || (typeof parser.parse !== 'function' && typeof parser.parseForESLint !== 'function')) return undefined;
  return (file, text) => {
    const options = { ecmaVersion: 'latest', sourceType: 'module', filePath: file, range: true, loc: true, projectService: false, project: undefined };
    try {
      const ast = typeof parser.parse === 'function' ? parser.parse(text, options) : parser.parseForESLint!(text, options).ast;
      return (ast as TSESTree.Program | undefined)?.type === AST_NODE_TYPES.Program ? (ast as TSESTree.Program) : undefined;
    } catch {
      return undefined;
    }
  };
}

/** The file `specifier`, imported by `fromFile`, names among the project's own sources; undefined for a published package or nothing found. */
export function resolveProjectModule(cwd: string, fromFile: string, specifier: string): string | undefined {
  const fromFolder = path.dirname(path.resolve(cwd, fromFile));
  const resolved = remembered(resolutions, `${cwd}\0${fromFolder}\0${specifier}`, Date.now(), MAX_MEMO_SIZE, () => {
    if (isRelativeSpecifier(specifier)) return sourceFileAt(path.resolve(fromFolder, specifier)) ?? null;
    if (specifier.startsWith('node:') || path.isAbsolute(specifier)) return null;
    // `~/server/db/schema` under the nearest tsconfig's `"~/*": ["./src/*"]` (create-t3-app), `@/db/schema` (Next.js).
    for (const target of pathAliasTargets(cwd, fromFile, specifier)) {
      const file = sourceFileAt(target);
      if (file) return file;
    }
    const { name, subpath } = splitPackageSpecifier(specifier);
    if (name === undefined) return null;
    const folder = workspacePackageFolder(cwd, fromFolder, name);
    return (folder === undefined ? undefined : packageModule(folder, subpath)) ?? null;
  });
  return resolved ?? undefined;
}

/**
 * The initializer of the `const` that `file` exports as `name`, following re-exports into other project modules.
 * `parse` reads a file; undefined when the export is no `const`, or leads out of the project.
 */
export function exportedConst(cwd: string, parse: ModuleParser, file: string, name: string): ModuleConst | undefined {
  const found = findExport(cwd, parse, file, name, { files: MAX_FILES_PER_LOOKUP }, new Set());
  return found && 'init' in found ? found : undefined;
}

/**
 * The package whose export makes the `const` that `file` exports as `name`: `new Redis({ … })`, `Redis.fromEnv()`,
 * `createClient(…)`, also behind a singleton's fallback (`globalThis.redis ?? new Redis(…)`), with `Redis` or
 * `createClient` imported from that package. Undefined for anything else.
 */
export function exportedConstPackage(cwd: string, parse: ModuleParser, file: string, name: string): string | undefined {
  const found = exportedConst(cwd, parse, file, name);
  if (!found) return undefined;
  const imports = moduleSummary(found.file, parse)?.imports;
  const packageOf = (node: TSESTree.Node, depth: number): string | undefined => {
    const value = skipExpressionWrappers(node);
    if (value.type === AST_NODE_TYPES.LogicalExpression && depth < 2) return packageOf(value.right, depth + 1) ?? packageOf(value.left, depth + 1);
    if (value.type !== AST_NODE_TYPES.NewExpression && value.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const callee = skipExpressionWrappers(value.callee);
    const root = callee.type === AST_NODE_TYPES.MemberExpression ? skipExpressionWrappers(callee.object) : callee;
    const imported = root.type === AST_NODE_TYPES.Identifier ? imports?.get(root.name) : undefined;
    return imported && !isRelativeSpecifier(imported.source) ? imported.source : undefined;
  };
  return packageOf(found.init, 0);
}

/** The class the name `local` of module `file` holds: declared in it, or imported from another module of the project. */
export function classNamedIn(cwd: string, parse: ModuleParser, file: string, local: string): ModuleClass | undefined {
  const summary = moduleSummary(file, parse);
  const found = summary && localConst(cwd, parse, file, summary, local, { files: MAX_FILES_PER_LOOKUP }, new Set());
  return found && 'declaredClass' in found ? found : undefined;
}

/** The class `file` exports as `name`, following re-exports. */
export function exportedClass(cwd: string, parse: ModuleParser, file: string, name: string): ModuleClass | undefined {
  const found = findExport(cwd, parse, file, name, { files: MAX_FILES_PER_LOOKUP }, new Set());
  return found && 'declaredClass' in found ? found : undefined;
}

/** The module `file` exports as the namespace `name` (`export * as schema from './schema'`), following re-exports. */
export function exportedNamespace(cwd: string, parse: ModuleParser, file: string, name: string): string | undefined {
  const found = findExport(cwd, parse, file, name, { files: MAX_FILES_PER_LOOKUP }, new Set());
  return found && 'namespaceOf' in found ? found.namespaceOf : undefined;
}

/**
 * `file` exports `name` as an enum or an alias of a few literals (`type Plan = 'free' | 'pro'`), declared in it or
 * re-exported from another module of the project: a list of its values holds no more than the type has.
 */
export function exportsFewValuedType(cwd: string, parse: ModuleParser, file: string, name: string): boolean {
  return remembered(fewValuedAnswers, `${cwd}\0${file}\0${name}`, Date.now(), MAX_MEMO_SIZE, () => {
    // Most imported types are interfaces of a module that re-exports nothing: its text answers without a parse.
    if (!mayDeclareOrReexport(file, name)) return false;
    const found = findExport(cwd, parse, file, name, { files: MAX_FILES_PER_LOOKUP }, new Set());
    return found !== undefined && 'fewValuedType' in found;
  });
}

const fewValuedAnswers: DiskMemo<boolean> = new Map();

/**
 * `file` exports `name` as a function (declared, or a `const` arrow or function expression) that is not async and
 * whose every `return` is an array literal without spreads, or a choice between such literals
 * (`return same ? [email] : [email, lower]`), following re-exports: whatever its arguments, a list of fixed length.
 */
export function exportsFixedListFunction(cwd: string, parse: ModuleParser, file: string, name: string): boolean {
  return remembered(fixedListAnswers, `${cwd}\0${file}\0${name}`, Date.now(), MAX_MEMO_SIZE, () => {
    const found = findExport(cwd, parse, file, name, { files: MAX_FILES_PER_LOOKUP }, new Set());
    const fn = found === undefined ? undefined : 'declaredFunction' in found ? found.declaredFunction : 'init' in found ? skipExpressionWrappers(found.init) : undefined;
    return fn !== undefined && isFunction(fn) && returnsOnlyFixedLists(fn);
  });
}

const fixedListAnswers: DiskMemo<boolean> = new Map();

/**
 * `file` exports as `name` a `const` holding a non-empty array literal with no spreads (`export const fixedFields =
 * ['name', 'status'] as const`), which its own module never grows: a table written once, whatever its name's case.
 * At most `MAX_FIXED_LIST_ELEMENTS` entries: a catalogue of a hundred models (Trigger.dev's default LLM prices) is data
 * a loop still queries once per entry.
 */
export function exportsFixedList(cwd: string, parse: ModuleParser, file: string, name: string): boolean {
  return remembered(fixedTableAnswers, `${cwd}\0${file}\0${name}`, Date.now(), MAX_MEMO_SIZE, () => {
    const found = exportedConst(cwd, parse, file, name);
    const list = found && skipExpressionWrappers(found.init);
    if (list?.type !== AST_NODE_TYPES.ArrayExpression || list.elements.length === 0 || list.elements.length > MAX_FIXED_LIST_ELEMENTS) return false;
    if (list.elements.some((element) => element === null || element.type === AST_NODE_TYPES.SpreadElement)) return false;
    // The name it has in its own module: `export { fields as fixedFields }`.
    const exported = moduleSummary(found!.file, parse)?.exports.get(name);
    const local = exported && 'local' in exported ? exported.local : name;
    const text = readSource(found!.file) ?? '';
    return !growsInText(text, local) && !growsInText(text, name);
  });
}

const fixedTableAnswers: DiskMemo<boolean> = new Map();
const MAX_FIXED_LIST_ELEMENTS = 50;

/** `text` calls a growing method on `name` (`name.push(`, `.unshift(`, `.splice(`): one `indexOf` pass per method. */
function growsInText(text: string, name: string): boolean {
  return ['push', 'unshift', 'splice'].some((method) => {
    const needle = `${name}.${method}(`;
    for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) if (at === 0 || !isIdentifierCharacter(text.charCodeAt(at - 1))) return true;
    return false;
  });
}

/**
 * `file`'s text spells `enum <name>`, or `type <name> =` and a literal, or re-exports something: only then can it
 * export such a type. `type <name> = z.infer<…>` alone (Langfuse's `IngestionEventType`, in a module of 27 kB)
 * declares the name as a type of other values, and answers without a parse.
 */
function mayDeclareOrReexport(file: string, name: string): boolean {
  const text = readSource(file);
  if (text === undefined) return false;
  if (text.includes(`enum ${name}`)) return true;
  const alias = aliasValueStart(text, name);
  if (alias !== 'none') return alias === 'literal';
  return text.includes('export *') || text.includes('export {');
}

/**
 * How the text's aliases named `name` begin (`type Plan = 'free' | …`, `type Plan =\n  | 'free'`): with a literal
 * in at least one, with something else in all (`z.infer<…>`, another type, type parameters), or no alias of the
 * name at all. One `indexOf` pass and a few characters after each match: linear in the text.
 */
function aliasValueStart(text: string, name: string): 'literal' | 'other' | 'none' {
  const needle = `type ${name}`;
  let found: 'other' | 'none' = 'none';
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) {
    // `subtype Plan`, `type PlanName`: another word.
    if ((at > 0 && isIdentifierCharacter(text.charCodeAt(at - 1))) || isIdentifierCharacter(text.charCodeAt(at + needle.length))) continue;
    let next = skipBlank(text, at + needle.length, '');
    if (text[next] === '<') {
      found = 'other';
      continue;
    }
    if (text[next] !== '=') continue;
    next = skipBlank(text, next + 1, '|');
    if (startsLiteral(text, next)) return 'literal';
    found = 'other';
  }
  return found;
}

/** The index of the first character at or after `from` that is neither white space nor one of `also`. */
function skipBlank(text: string, from: number, also: string): number {
  let index = from;
  while (index < text.length && (text.charCodeAt(index) <= 32 || also.includes(text[index]))) index++;
  return index;
}

const LITERAL_WORDS = ['true', 'false', 'null', 'undefined'];

/** A string, template, number or keyword literal starts at `index`. */
function startsLiteral(text: string, index: number): boolean {
  const first = text[index];
  if (first === "'" || first === '"' || first === '`' || first === '-' || (first >= '0' && first <= '9')) return true;
  return LITERAL_WORDS.some((word) => text.startsWith(word, index) && !isIdentifierCharacter(text.charCodeAt(index + word.length)));
}

function isIdentifierCharacter(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 36 || code > 127;
}

/** `declaredIn`: the module declares the name as something else (an interface, a class, an alias of an object type). */
type Export =
  | ModuleConst
  | { namespaceOf: string }
  | { fewValuedType: string }
  | { declaredFunction: TSESTree.FunctionDeclaration }
  | ModuleClass
  | { declaredIn: string };

function findExport(cwd: string, parse: ModuleParser, file: string, name: string, budget: { files: number }, visited: Set<string>): Export | undefined {
  const key = `${file}\0${name}`;
  if (visited.has(key) || --budget.files < 0) return undefined;
  visited.add(key);
  const summary = moduleSummary(file, parse);
  if (!summary) return undefined;
  const exported = summary.exports.get(name);
  if (exported) {
    if ('local' in exported) return localConst(cwd, parse, file, summary, exported.local, budget, visited);
    return followImport(cwd, parse, file, exported, budget, visited);
  }
  if (name === 'default') return undefined;
  for (const source of summary.stars) {
    const target = resolveProjectModule(cwd, file, source);
    const found = target === undefined ? undefined : findExport(cwd, parse, target, name, budget, visited);
    if (found) return found;
  }
  return undefined;
}

function localConst(cwd: string, parse: ModuleParser, file: string, summary: ModuleSummary, local: string, budget: { files: number }, visited: Set<string>): Export | undefined {
  const init = summary.consts.get(local);
  if (init) return { file, init };
  if (summary.fewValuedTypes.has(local)) return { fewValuedType: file };
  const declaredFunction = summary.functions.get(local);
  if (declaredFunction) return { declaredFunction };
  const declaredClass = summary.classes.get(local);
  if (declaredClass) return { file, declaredClass };
  const imported = summary.imports.get(local);
  if (imported) return followImport(cwd, parse, file, imported, budget, visited);
  // Declared here as something else: no other module behind an `export *` needs a look (and a parse).
  return summary.declared.has(local) ? { declaredIn: file } : undefined;
}

function followImport(cwd: string, parse: ModuleParser, file: string, imported: ImportedName, budget: { files: number }, visited: Set<string>): Export | undefined {
  const target = resolveProjectModule(cwd, file, imported.source);
  if (target === undefined) return undefined;
  return imported.imported === '*' ? { namespaceOf: target } : findExport(cwd, parse, target, imported.imported, budget, visited);
}

/** What `file` declares (see `ModuleSummary`), parsed once per few seconds; undefined when it cannot be read or parsed. */
export function moduleSummary(file: string, parse: ModuleParser): ModuleSummary | undefined {
  return remembered(summaries, file, Date.now(), MAX_SUMMARIES, () => {
    if (file.endsWith('.d.ts') || file.endsWith('.d.mts') || file.endsWith('.d.cts')) return null;
    const text = readSource(file);
    if (text === undefined) return null;
    const program = parse(file, text);
    return program ? summarize(program) : null;
  }) ?? undefined;
}

/** A source file's text; undefined when it cannot be read or is too large to be a hand-written module. */
function readSource(file: string): string | undefined {
  return readSmallTextFile(file, MAX_FILE_BYTES);
}

function summarize(program: TSESTree.Program): ModuleSummary {
  const consts = new Map<string, TSESTree.Expression>();
  const imports = new Map<string, ImportedName>();
  const exports = new Map<string, { local: string } | ImportedName>();
  const stars: string[] = [];
  const fewValuedTypes = new Set<string>();
  const declared = new Set<string>();
  const functions = new Map<string, TSESTree.FunctionDeclaration>();
  const classes = new Map<string, TSESTree.ClassDeclaration>();
  const addDeclared = (declaration: TSESTree.Node | null | undefined, exported: boolean): void => {
    if (declaration?.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id) functions.set(declaration.id.name, declaration);
    if (declaration?.type === AST_NODE_TYPES.ClassDeclaration && declaration.id) classes.set(declaration.id.name, declaration);
    for (const name of declaredNames(declaration)) {
      declared.add(name);
      if (exported && !exports.has(name)) exports.set(name, { local: name });
    }
  };
  const addFewValuedType = (declaration: TSESTree.Node | null | undefined, exported: boolean): void => {
    const isFewValued =
      declaration?.type === AST_NODE_TYPES.TSEnumDeclaration ||
      (declaration?.type === AST_NODE_TYPES.TSTypeAliasDeclaration && !declaration.typeParameters && isLiteralUnion(declaration.typeAnnotation));
    if (!isFewValued) return;
    fewValuedTypes.add(declaration.id.name);
    if (exported) exports.set(declaration.id.name, { local: declaration.id.name });
  };
  const addConsts = (declaration: TSESTree.Node | null | undefined, exported: boolean): void => {
    if (declaration?.type !== AST_NODE_TYPES.VariableDeclaration || declaration.kind !== 'const') return;
    for (const declarator of declaration.declarations) {
      if (declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) continue;
      consts.set(declarator.id.name, declarator.init);
      if (exported) exports.set(declarator.id.name, { local: declarator.id.name });
    }
  };
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration) addDeclared(statement.declaration, true);
    else addDeclared(statement, false);
    switch (statement.type) {
      case AST_NODE_TYPES.VariableDeclaration:
        addConsts(statement, false);
        break;
      case AST_NODE_TYPES.TSEnumDeclaration:
      case AST_NODE_TYPES.TSTypeAliasDeclaration:
        addFewValuedType(statement, false);
        break;
      case AST_NODE_TYPES.ImportDeclaration:
        for (const specifier of statement.specifiers) {
          const imported =
            specifier.type === AST_NODE_TYPES.ImportNamespaceSpecifier ? '*' : specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier ? 'default' : nameOf(specifier.imported);
          if (imported !== undefined) imports.set(specifier.local.name, { source: statement.source.value, imported });
        }
        break;
      case AST_NODE_TYPES.ExportNamedDeclaration:
        addConsts(statement.declaration, true);
        addFewValuedType(statement.declaration, true);
        for (const specifier of statement.specifiers) {
          const exported = nameOf(specifier.exported);
          const local = nameOf(specifier.local);
          if (exported === undefined || local === undefined) continue;
          exports.set(exported, statement.source ? { source: statement.source.value, imported: local } : { local });
        }
        break;
      case AST_NODE_TYPES.ExportAllDeclaration: {
        const exported = statement.exported === null ? undefined : nameOf(statement.exported);
        if (statement.exported === null) stars.push(statement.source.value);
        else if (exported !== undefined) exports.set(exported, { source: statement.source.value, imported: '*' });
        break;
      }
      case AST_NODE_TYPES.ExportDefaultDeclaration:
        if (statement.declaration.type === AST_NODE_TYPES.Identifier) exports.set('default', { local: statement.declaration.name });
        if (statement.declaration.type === AST_NODE_TYPES.ClassDeclaration && statement.declaration.id) {
          classes.set(statement.declaration.id.name, statement.declaration);
          exports.set('default', { local: statement.declaration.id.name });
        }
        break;
      default:
        break;
    }
  }
  return { consts, imports, exports, stars, fewValuedTypes, functions, classes, declared };
}

/** The names a top-level declaration makes: a type, interface, enum, class, function or namespace, or a variable's. */
function declaredNames(declaration: TSESTree.Node | null | undefined): string[] {
  switch (declaration?.type) {
    case AST_NODE_TYPES.TSTypeAliasDeclaration:
    case AST_NODE_TYPES.TSInterfaceDeclaration:
    case AST_NODE_TYPES.TSEnumDeclaration:
      return [declaration.id.name];
    case AST_NODE_TYPES.ClassDeclaration:
    case AST_NODE_TYPES.FunctionDeclaration:
    case AST_NODE_TYPES.TSDeclareFunction:
      return declaration.id ? [declaration.id.name] : [];
    case AST_NODE_TYPES.TSModuleDeclaration:
      return declaration.id.type === AST_NODE_TYPES.Identifier ? [declaration.id.name] : [];
    case AST_NODE_TYPES.VariableDeclaration:
      return declaration.declarations.flatMap((declarator) => patternNames(declarator.id));
    default:
      return [];
  }
}

/** `'free'`, `'free' | 'pro' | null`: literals only (and nullish parts). */
function isLiteralUnion(type: TSESTree.TypeNode): boolean {
  if (type.type === AST_NODE_TYPES.TSLiteralType) return true;
  if (type.type !== AST_NODE_TYPES.TSUnionType) return false;
  const parts = type.types.filter((part) => part.type !== AST_NODE_TYPES.TSNullKeyword && part.type !== AST_NODE_TYPES.TSUndefinedKeyword);
  return parts.length > 0 && parts.every((part) => part.type === AST_NODE_TYPES.TSLiteralType);
}

function nameOf(node: TSESTree.Identifier | TSESTree.StringLiteral): string | undefined {
  return node.type === AST_NODE_TYPES.Identifier ? node.name : typeof node.value === 'string' ? node.value : undefined;
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file, { throwIfNoEntry: false })?.isFile() === true;
  } catch {
    return false;
  }
}

/** A source file at `base`: as written, with a source extension added, or a folder's `index`. */
function sourceFileAt(base: string): string | undefined {
  const extension = path.extname(base);
  if (SOURCE_EXTENSIONS.includes(extension)) {
    for (const sourceExtension of COMPILED_TO_SOURCE[extension] ?? []) {
      const source = base.slice(0, -extension.length) + sourceExtension;
      if (isFile(source)) return source;
    }
    if (isFile(base)) return base;
  }
  for (const candidate of SOURCE_EXTENSIONS) if (isFile(base + candidate)) return base + candidate;
  for (const candidate of SOURCE_EXTENSIONS) if (isFile(path.join(base, `index${candidate}`))) return path.join(base, `index${candidate}`);
  return undefined;
}

/**
 * `specifier` names a package of the project's own workspace (`@novu/dal` in Novu's `libs/dal`), for the linted file
 * that holds `where`: one whose manifest a folder of the working directory holds, or that a `node_modules` link at or
 * above it leads to outside every `node_modules`. Published packages are not.
 */
export function isWorkspacePackage(specifier: string, where: TSESLint.Scope.Scope | TSESTree.Node): boolean {
  const location = lintedFileLocation(where);
  const { name } = splitPackageSpecifier(specifier);
  if (!location || name === undefined || specifier.startsWith('node:')) return false;
  const cwd = path.resolve(location.cwd);
  return remembered(workspacePackages, `${cwd}\0${name}`, Date.now(), MAX_MEMO_SIZE, () => workspacePackageFolder(cwd, cwd, name) !== undefined);
}

const workspacePackages: DiskMemo<boolean> = new Map();

/** `@acme/db/src/schema` → `@acme/db` and `src/schema`; `lodash` → `lodash` and no subpath. */
function splitPackageSpecifier(specifier: string): { name: string | undefined; subpath: string } {
  const parts = specifier.split('/');
  const nameParts = specifier.startsWith('@') ? 2 : 1;
  if (parts.length < nameParts || parts.slice(0, nameParts).some((part) => part === '' || part === '.' || part === '..')) return { name: undefined, subpath: '' };
  return { name: parts.slice(0, nameParts).join('/'), subpath: parts.slice(nameParts).join('/') };
}

/**
 * The folder of the workspace package `name`: a `node_modules` link above the importing folder that leads out of
 * every `node_modules` (a workspace link; a published package stays inside), else a folder of the working directory,
 * one or two levels down, whose manifest has that name (a monorepo before `npm install`).
 */
function workspacePackageFolder(cwd: string, fromFolder: string, name: string): string | undefined {
  for (let folder = fromFolder, depth = 0; depth < 16; depth++) {
    const linked = path.join(folder, 'node_modules', name);
    if (isFolder(linked)) {
      let real: string;
      try {
        real = fs.realpathSync(linked);
      } catch {
        return undefined;
      }
      return real.split(path.sep).includes('node_modules') ? undefined : real;
    }
    const parent = path.dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  return workspaceIndex(path.resolve(cwd)).get(name);
}

function isFolder(folder: string): boolean {
  try {
    return fs.statSync(folder, { throwIfNoEntry: false })?.isDirectory() === true;
  } catch {
    return false;
  }
}

/** Package names of the working directory's folders one and two levels down, to their folders. */
function workspaceIndex(root: string): ReadonlyMap<string, string> {
  return remembered(workspaceIndexes, root, Date.now(), MAX_MEMO_SIZE, () => {
    const index = new Map<string, string>();
    let scanned = 0;
    const visit = (folder: string, depth: number): void => {
      if (++scanned > MAX_SCANNED_FOLDERS) return;
      const name = manifestIn(folder)?.name;
      if (typeof name === 'string' && !index.has(name)) index.set(name, folder);
      if (depth < 2) for (const child of subfolders(folder)) visit(child, depth + 1);
    };
    for (const child of subfolders(root)) visit(child, 1);
    return index;
  });
}

/** A workspace package's module: its manifest's `exports` entry for the subpath, else the subpath's file, else its entry files. */
function packageModule(folder: string, subpath: string): string | undefined {
  const manifest = manifestIn(folder);
  const exported = exportTarget(manifest?.exports, subpath === '' ? '.' : `./${subpath}`);
  const fromExports = exported === undefined ? undefined : sourceOf(folder, exported);
  if (fromExports) return fromExports;
  if (subpath !== '') return sourceFileAt(path.join(folder, subpath));
  for (const field of [manifest?.types, manifest?.typings, manifest?.module, manifest?.main]) {
    const file = typeof field === 'string' ? sourceOf(folder, field) : undefined;
    if (file) return file;
  }
  return sourceFileAt(path.join(folder, 'src', 'index')) ?? sourceFileAt(path.join(folder, 'index'));
}

/** The file an `exports` map names for a subpath (`"./schema": { "types": …, "default": … }`), conditions in a source-first order. */
function exportTarget(exports: unknown, subpath: string): string | undefined {
  if (typeof exports === 'string') return subpath === '.' ? exports : undefined;
  if (exports === null || typeof exports !== 'object' || Array.isArray(exports)) return undefined;
  const entries = exports as Record<string, unknown>;
  const isSubpathMap = Object.keys(entries).some((key) => key.startsWith('.'));
  const entry = isSubpathMap ? entries[subpath] : subpath === '.' ? entries : undefined;
  return conditionTarget(entry, 0);
}

function conditionTarget(entry: unknown, depth: number): string | undefined {
  if (typeof entry === 'string') return entry;
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry) || depth > 3) return undefined;
  const conditions = entry as Record<string, unknown>;
  for (const condition of ['source', 'types', 'import', 'node', 'require', 'default']) {
    const target = conditionTarget(conditions[condition], depth + 1);
    if (target !== undefined) return target;
  }
  return undefined;
}

/** The source of an entry a manifest names: itself when it is source, else its `.ts` twin (`dist/index.d.ts` → `src/index.ts`). */
function sourceOf(folder: string, entry: string): string | undefined {
  const file = path.resolve(folder, entry);
  if (!file.startsWith(folder)) return undefined;
  const withoutDeclaration = file.replace(/\.d\.(ts|mts|cts)$/, '');
  const direct = sourceFileAt(withoutDeclaration === file ? file : withoutDeclaration);
  if (direct && !/\.d\.[mc]?ts$/.test(direct)) return direct;
  // A built entry (`dist/index.js`): the sources usually sit in `src/` with the same layout.
  const relative = path.relative(folder, withoutDeclaration).split(path.sep);
  if (relative.length > 1 && (relative[0] === 'dist' || relative[0] === 'build' || relative[0] === 'lib')) {
    return sourceFileAt(path.join(folder, 'src', ...relative.slice(1)).replace(/\.[mc]?js$/, ''));
  }
  return undefined;
}

/**
 * `fileName` belongs to a package that runs as a process of its own and serves nothing (`packageKind` says
 * `worker-process`), and none of the sibling packages it depends on serves requests either: each resolves to a folder
 * whose manifest names no server library. A sibling that cannot be found may be the server: the answer is then no.
 */
export function siblingsServeNothing(cwd: string, fileName: string): boolean {
  const found = siblingDependenciesAt(cwd, fileName);
  if (!found) return false;
  return remembered(siblingVerdicts, `${path.resolve(cwd)}\0${found.folder}`, Date.now(), MAX_MEMO_SIZE, () =>
    siblingManifests(cwd, found).every((manifest) => manifest !== undefined && !dependsOnServer(manifest)),
  );
}

/** The manifests of the sibling packages `found` names, as the workspace resolves them; undefined for one it cannot find. */
function siblingManifests(cwd: string, found: { folder: string; names: readonly string[] }): (Readonly<Record<string, unknown>> | undefined)[] {
  return found.names.map((name) => {
    const folder = workspacePackageFolder(cwd, found.folder, name);
    return folder === undefined ? undefined : manifestIn(folder);
  });
}

const siblingVerdicts: DiskMemo<boolean> = new Map();

/** Drivers of SQLite inside the process: its queries run on the calling thread, one at a time. */
const IN_PROCESS_SQLITE_DRIVERS = new Set(['better-sqlite3', 'sql.js', 'expo-sqlite', '@op-engineering/op-sqlite']);
/** Drivers that talk to a database server (or a remote SQLite), whose pools overlap queries. */
const NETWORK_DATABASE_DRIVERS = new Set(['pg', 'postgres', 'mysql2', 'mysql', '@libsql/client', '@neondatabase/serverless', '@vercel/postgres', '@planetscale/database', '@tidbcloud/serverless', '@electric-sql/pglite', '@xata.io/client']);

/**
 * The package of `fileName` and the sibling packages it depends on name an in-process SQLite driver
 * (`better-sqlite3`) and no other database driver (Karakeep's `@karakeep/db`). A project that may run on several
 * (Homarr's SQLite, MySQL or Postgres) does not count.
 */
export function usesOnlyInProcessSqlite(cwd: string, fileName: string): boolean {
  const found = siblingDependenciesAt(cwd, fileName);
  if (!found) return false;
  return remembered(sqliteVerdicts, `${path.resolve(cwd)}\0${found.folder}`, Date.now(), MAX_MEMO_SIZE, () => {
    let sqlite = false;
    for (const manifest of [manifestIn(found.folder), ...siblingManifests(cwd, found)]) {
      for (const name of manifest ? runtimeDependencyNames(manifest) : []) {
        if (NETWORK_DATABASE_DRIVERS.has(name)) return false;
        if (IN_PROCESS_SQLITE_DRIVERS.has(name)) sqlite = true;
      }
    }
    return sqlite;
  });
}

const sqliteVerdicts: DiskMemo<boolean> = new Map();

import { ReferenceTracker, findVariable, type TraceMap } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast/node-types';
import { propertyKeyName } from '../ast/expressions';
import { FileCache } from './per-file';
import { textMentions } from './text-facts';
import { isPathAlias } from './path-aliases';

export { ReferenceTracker };
export type { TraceMap };

const NODE_BUILTINS = new Set(['fs', 'fs/promises', 'child_process', 'crypto', 'zlib', 'http', 'https', 'http2', 'net', 'os', 'path', 'stream', 'stream/promises', 'timers', 'timers/promises', 'util', 'worker_threads', 'events', 'url', 'buffer', 'dns']);

/**
 * Makes a trace map of module APIs match the ways code really imports them:
 * - `node:fs` as well as `fs` for Node's built-ins (ReferenceTracker matches sources literally);
 * - named imports (`import { readFileSync } from 'fs'`) and default imports (`import fs from 'fs'`),
 *   which ReferenceTracker's strict mode only allows for modules flagged as ESM; TypeScript's interop
 *   makes both work for the CommonJS packages we track.
 */
export function moduleTraceMap<T>(traceMap: TraceMap<T>): TraceMap<T> {
  const out: Record<string, unknown> = {};
  for (const [source, exports] of Object.entries(traceMap)) {
    const withInterop = { ...exports, default: exports, [ReferenceTracker.ESM]: true };
    out[source] = withInterop;
    if (NODE_BUILTINS.has(source)) out[`node:${source}`] = withInterop;
  }
  return out as TraceMap<T>;
}

/**
 * Every reference to a module API described by `traceMap` (build it with `moduleTraceMap`), through
 * `import`, `require`, renames, destructuring and `node:` specifiers, plus globals and TypeScript's
 * `import x = require('m')` if asked.
 * A report's `path` starts with the module specifier: `['node:fs', 'readFileSync']`.
 */
export interface TrackedReference<T> {
  node: TSESTree.Node;
  path: string[];
  type: symbol;
  info: T;
}

export interface TrackOptions {
  /** Also report globals described by the trace map. */
  globals?: boolean;
  /** Also follow TypeScript's `import fs = require('fs')` (opt-in, so existing answers of other rules stay as they are). */
  importEquals?: boolean;
}

export function trackModuleReferences<T>(
  sourceCode: Readonly<TSESLint.SourceCode>,
  traceMap: TraceMap<T>,
  options: TrackOptions = {},
): Iterable<TrackedReference<T>> {
  return trackAll(sourceCode, traceMap, options) as Iterable<TrackedReference<T>>;
}

/** What a file loads: the specifiers of its imports and `import x = require()`s, and its free `require` calls. */
interface FileModules {
  /** Lists, not sets: a file loads a few modules, and a list is cheaper to build and scan. */
  importSources: readonly string[];
  requireCalls: readonly TSESTree.CallExpression[];
  /** Both together, as `loadedModuleSources` returns them. */
  allSources: readonly string[];
}

const fileModulesCache = new FileCache<FileModules>();

/** Computed once per file for every rule that tracks module APIs; it decides most files without a tracker. */
function fileModules(sourceCode: Readonly<TSESLint.SourceCode>): FileModules {
  return fileModulesCache.get(sourceCode, () => modulesOf(sourceCode));
}

function modulesOf(sourceCode: Readonly<TSESLint.SourceCode>): FileModules {
  const importSources: string[] = [];
  for (const statement of sourceCode.ast.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
      importSources.push(statement.source.value);
      continue;
    }
    const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
    if (
      declaration?.type === AST_NODE_TYPES.TSImportEqualsDeclaration &&
      declaration.moduleReference.type === AST_NODE_TYPES.TSExternalModuleReference &&
      declaration.moduleReference.expression.type === AST_NODE_TYPES.Literal &&
      typeof declaration.moduleReference.expression.value === 'string'
    ) {
      importSources.push(declaration.moduleReference.expression.value);
    }
  }
  // Most TypeScript files never spell `require`: their unresolved references need not be searched for it.
  const requires = textMentions(sourceCode, 'require') ? requireCalls(sourceCode.scopeManager!.globalScope!) : [];
  return {
    importSources,
    requireCalls: requires,
    allSources: requires.length === 0 ? importSources : [...importSources, ...requires.map((call) => requireSource(call)!)],
  };
}

/** Every module specifier the file loads statically: imports (type-only ones too), `import x = require()`, free `require('m')`. */
export function loadedModuleSources(sourceCode: Readonly<TSESLint.SourceCode>): readonly string[] {
  return fileModules(sourceCode).allSources;
}

/**
 * The file, which loads `source` (see `loadedModuleSources`), does so when it runs: a `require`, a re-export, an
 * import for its side effects, or an import with a binding read as a value (or never read). Not `import type`, nor
 * an import whose bindings only annotate types.
 */
export function loadsAtRunTime(sourceCode: Readonly<TSESLint.SourceCode>, source: string): boolean {
  let imports = 0;
  for (const statement of sourceCode.ast.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration || statement.source.value !== source) continue;
    imports++;
    if (statement.importKind === 'type') continue;
    if (statement.specifiers.length === 0) return true;
    for (const specifier of statement.specifiers) {
      if (specifier.type === AST_NODE_TYPES.ImportSpecifier && specifier.importKind === 'type') continue;
      const [variable] = sourceCode.getDeclaredVariables(specifier);
      // An unused binding still says what the file was written for.
      if (!variable || variable.references.length === 0 || variable.references.some((reference) => reference.isValueReference)) return true;
    }
  }
  // Named by a `require` or an `export … from`, not an import.
  return imports === 0;
}

/** The file loads at least one of the modules a trace map describes (build it with `moduleTraceMap`). */
export function loadsAnyModuleOf(sourceCode: Readonly<TSESLint.SourceCode>, traceMap: TraceMap<unknown>): boolean {
  return loadsAnyOf(fileModules(sourceCode), traceMap);
}

function loadsAnyOf(modules: FileModules, traceMap: TraceMap<unknown>): boolean {
  for (const source of modules.importSources) if (Object.hasOwn(traceMap, source)) return true;
  return modules.requireCalls.some((call) => Object.hasOwn(traceMap, requireSource(call)!));
}

function* trackAll<T>(sourceCode: Readonly<TSESLint.SourceCode>, traceMap: TraceMap<T>, options: TrackOptions) {
  const globalScope = sourceCode.scopeManager!.globalScope!;
  const modules = fileModules(sourceCode);
  const loads = loadsAnyOf(modules, traceMap);
  if (!loads && !options.globals) return;
  const tracker = new ReferenceTracker(globalScope as never);
  if (loads) yield* trackLoaded(sourceCode, tracker, modules, traceMap, options);
  if (options.globals) yield* tracker.iterateGlobalReferences(traceMap);
}

function* trackLoaded<T>(sourceCode: Readonly<TSESLint.SourceCode>, tracker: ReferenceTracker, modules: FileModules, traceMap: TraceMap<T>, options: TrackOptions) {
  yield* tracker.iterateEsmReferences(traceMap);
  // ReferenceTracker's own CommonJS support needs `require` declared as a global, which TypeScript
  // projects rarely configure; find the calls to the undeclared `require` instead.
  for (const call of modules.requireCalls) {
    const source = requireSource(call)!;
    if (!Object.hasOwn(traceMap, source)) continue;
    const exports = traceMap[source] as Record<string | symbol, unknown>;
    for (const report of tracker.iteratePropertyReferences(call as never, exports as TraceMap<T>)) {
      // `require('m').default` is the same export as `require('m')` under interop.
      const path = report.path[0] === 'default' ? report.path.slice(1) : report.path;
      if (path.length > 0 || report.type !== ReferenceTracker.READ) yield { ...report, path: [source, ...path] };
    }
  }
  if (options.importEquals) yield* importEqualsReferences(sourceCode, tracker, traceMap);
}

/** `import fs = require('fs')`: the binding's reads, followed like those of `const fs = require('fs')`. */
function* importEqualsReferences<T>(sourceCode: Readonly<TSESLint.SourceCode>, tracker: ReferenceTracker, traceMap: TraceMap<T>) {
  for (const statement of sourceCode.ast.body) {
    const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
    if (declaration?.type !== AST_NODE_TYPES.TSImportEqualsDeclaration || declaration.importKind === 'type') continue;
    const reference = declaration.moduleReference;
    if (reference.type !== AST_NODE_TYPES.TSExternalModuleReference || reference.expression.type !== AST_NODE_TYPES.Literal) continue;
    const source = reference.expression.value;
    if (typeof source !== 'string' || !Object.hasOwn(traceMap, source)) continue;
    const exports = traceMap[source] as TraceMap<T>;
    for (const variable of sourceCode.scopeManager?.getDeclaredVariables(declaration) ?? []) {
      for (const read of variable.references) {
        if (!read.isRead() || !read.isValueReference) continue;
        for (const report of tracker.iteratePropertyReferences(read.identifier as never, exports)) {
          const path = report.path[0] === 'default' ? report.path.slice(1) : report.path;
          if (path.length > 0 || report.type !== ReferenceTracker.READ) yield { ...report, path: [source, ...path] };
        }
      }
    }
  }
}

/** Calls of the free `require` (never a local function of that name). */
function requireCalls(globalScope: TSESLint.Scope.Scope): TSESTree.CallExpression[] {
  const declared = globalScope.set.get('require');
  if (declared && declared.defs.length > 0) return [];
  const references = [...globalScope.through, ...(declared?.references ?? [])];
  const calls: TSESTree.CallExpression[] = [];
  for (const reference of references) {
    const parent = reference.identifier.parent;
    if (
      reference.identifier.name === 'require' &&
      parent?.type === AST_NODE_TYPES.CallExpression &&
      parent.callee === reference.identifier &&
      requireSource(parent) !== undefined
    ) {
      calls.push(parent);
    }
  }
  return calls;
}

export interface ImportOrigin {
  /** The module specifier as written, e.g. `@prisma/client`, `./db`, `node:fs`. */
  source: string;
  /** The imported name: `default`, `*` for a namespace or whole `require()`, or an export name. */
  imported: string;
  /** Specifier names a file of this project (`./db`, `../lib/prisma`, `@/db`, `~/db`). */
  isProjectModule: boolean;
}

/**
 * An imported name that follows the enum naming convention, PascalCase ending in `Enum` (`ChatProviderIdEnum`,
 * `DaysEnum`): its values are fixed in the code, wherever it is declared (a shared package of a monorepo too).
 */
export function isEnumName(name: string): boolean {
  return name.length > 4 && name.endsWith('Enum') && name[0] >= 'A' && name[0] <= 'Z';
}

/**
 * An imported name that holds an enum's values: one named like an enum (`isEnumName`), or a PascalCase export of
 * a Prisma client module (`import { PayoutStatus } from '@prisma/client'`, a workspace's `@acme/prisma/client`,
 * a generated `./generated/prisma`), where Prisma emits one object per enum of the schema.
 */
export function isEnumImport(imported: string, source: string | undefined): boolean {
  if (isEnumName(imported)) return true;
  return source !== undefined && imported[0] >= 'A' && imported[0] <= 'Z' && PRISMA_CLIENT_MODULE.test(source) && imported !== 'Prisma' && imported !== 'PrismaClient';
}

const PRISMA_CLIENT_MODULE = /(?:^|\/)[@.]?prisma\/client(?:\/|$)|(?:^|\/)generated\/prisma(?:\/|$)/;

/**
 * An enum of another module, seen from here: an import named like one (`PayoutStatusEnum`), or one whose
 * members the file reads as values and never calls (`SlackChannel.Alerts`, `CopilotProviderType.OpenAI`). A class
 * used as a key type has as many keys as instances, and its statics are mostly called (`User.create()`).
 */
export function isImportedEnum(name: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const variable = findVariable(sourceCode.getScope(name) as never, name.name) as TSESLint.Scope.Variable | null;
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type !== 'ImportBinding' || def.node.type !== AST_NODE_TYPES.ImportSpecifier) return false;
  // By name alone only the `…Enum` convention: `@prisma/client` exports each model's row type beside its enums.
  if (isEnumName(importedName(def.node))) return true;
  let readsMembers = false;
  for (const reference of variable!.references) {
    if (!reference.isValueReference) continue;
    const parent = reference.identifier.parent;
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== reference.identifier || parent.computed) return false;
    if (parent.parent.type === AST_NODE_TYPES.CallExpression && parent.parent.callee === parent) return false;
    readsMembers = true;
  }
  return readsMembers;
}

/** `./x` or `../x`: a file of the project, never a package (unlike `.prisma/client`). */
export function isRelativeSpecifier(source: string): boolean {
  return source.startsWith('./') || source.startsWith('../');
}

/**
 * `source` names a module of the project, not a package. `where` (a scope or node of the importing file) lets the
 * file's nearest tsconfig say which of its path aliases are the project's.
 */
export function isProjectModuleSpecifier(source: string, where?: TSESLint.Scope.Scope | TSESTree.Node): boolean {
  return (
    source.startsWith('.') ||
    source.startsWith('/') ||
    source.startsWith('@/') ||
    source.startsWith('~/') ||
    source.startsWith('#') ||
    // `import { PrismaService } from 'src/prisma/prisma.service'`: the project's own root through `baseUrl`
    // (the NestJS CLI's default) or a `@src/*` path alias; no npm package is imported as either.
    source.startsWith('src/') ||
    source.startsWith('@src/') ||
    // A workspace package's sources imported directly (Langfuse's `@langfuse/shared/src/db`): published packages
    // export their build, not their `src/` folder.
    source.includes('/src/') ||
    namesProjectFile(source) ||
    // `@server/models` under `"paths": { "@server/*": ["./server/*"] }` (Outline): the nearest tsconfig says.
    isPathAlias(source, where)
  );
}

/**
 * A monorepo's path alias to one of its files, told by the file's NestJS-style name:
 * `@gitroom/nestjs-libraries/database/prisma/prisma.service`, `@app/orders/orders.repository`, Docmost's
 * `@docmost/db/repos/page/page.repo` and `@docmost/db/types/kysely.types`. npm packages' deep imports are not named
 * so (`@prisma/client/runtime/library`, `rxjs/operators`, `date-fns/locale/en-US`).
 */
function namesProjectFile(source: string): boolean {
  const slash = source.lastIndexOf('/');
  if (slash < 0) return false;
  const dot = source.lastIndexOf('.');
  return dot > slash + 1 && PROJECT_FILE_ROLES.has(source.slice(dot + 1));
}

const PROJECT_FILE_ROLES = new Set(['service', 'repository', 'repo', 'types', 'module', 'controller', 'provider', 'providers', 'entity', 'model', 'schema', 'dto', 'guard', 'resolver', 'gateway', 'dao', 'helper', 'helpers', 'util', 'utils', 'constants']);

/** The module a `require('…')` call names, or undefined for any other node. */
export function requireSource(node: TSESTree.Node | null | undefined): string | undefined {
  if (
    node?.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.Identifier &&
    node.callee.name === 'require' &&
    node.arguments.length === 1 &&
    node.arguments[0].type === AST_NODE_TYPES.Literal &&
    typeof node.arguments[0].value === 'string'
  ) {
    return node.arguments[0].value;
  }
  return undefined;
}


/**
 * The export an import reads (`importedName`, `getImportOrigin`'s `imported`) is the module object itself: a namespace
 * or a whole `require(…)` (`*`), or the default export, which CommonJS packages make the module object.
 */
export function isModuleObject(imported: string): boolean {
  return imported === '*' || imported === 'default';
}

/** The export an import binding reads: its name, `default` for a default import, `*` for a namespace (or a whole `import x = require(…)`). */
export function importedName(binding: TSESTree.Node): string {
  if (binding.type === AST_NODE_TYPES.ImportSpecifier) return binding.imported.type === AST_NODE_TYPES.Identifier ? binding.imported.name : String(binding.imported.value);
  return binding.type === AST_NODE_TYPES.ImportDefaultSpecifier ? 'default' : '*';
}

/**
 * Where the binding behind `identifier` was imported from: `import x from 'm'`, `import { a as x } from 'm'`,
 * `import * as x from 'm'`, `const x = require('m')`, `const { a: x } = require('m')`, `const x = require('m').a`.
 */
export function getImportOrigin(
  identifier: TSESTree.Identifier,
  scope: TSESLint.Scope.Scope,
): ImportOrigin | undefined {
  const variable = findVariable(scope as never, identifier as never) as TSESLint.Scope.Variable | null;
  const def = variable?.defs[0];
  if (!def) return undefined;
  if (def.type === 'ImportBinding') {
    // `import fs = require('fs')` binds through a TSImportEqualsDeclaration, with no ImportDeclaration around it;
    // only trackModuleReferences follows those, when a rule asks.
    const declaration = def.parent as TSESTree.Node | null | undefined;
    if (declaration?.type !== AST_NODE_TYPES.ImportDeclaration) return undefined;
    const source = declaration.source.value;
    return { source, imported: importedName(def.node as TSESTree.Node), isProjectModule: isProjectModuleSpecifier(source, scope) };
  }
  if (def.type === 'Variable') {
    const declarator = def.node as TSESTree.VariableDeclarator;
    const init = declarator.init;
    let source = requireSource(init);
    if (source !== undefined) {
      if (declarator.id.type === AST_NODE_TYPES.Identifier) return { source, imported: '*', isProjectModule: isProjectModuleSpecifier(source, scope) };
      if (declarator.id.type === AST_NODE_TYPES.ObjectPattern) {
        for (const property of declarator.id.properties) {
          if (property.type !== AST_NODE_TYPES.Property) continue;
          const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
          if (value.type === AST_NODE_TYPES.Identifier && value.name === identifier.name) {
            const imported = propertyKeyName(property);
            if (imported) return { source, imported, isProjectModule: isProjectModuleSpecifier(source, scope) };
          }
        }
      }
      return undefined;
    }
    // const x = require('m').a
    if (init?.type === AST_NODE_TYPES.MemberExpression && !init.computed && init.property.type === AST_NODE_TYPES.Identifier) {
      source = requireSource(init.object);
      if (source !== undefined && declarator.id.type === AST_NODE_TYPES.Identifier) {
        return { source, imported: init.property.name, isProjectModule: isProjectModuleSpecifier(source, scope) };
      }
    }
  }
  return undefined;
}

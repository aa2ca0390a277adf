/**
 * Does a piece of code run while the server is serving requests (or in a job inside the server process),
 * or only at startup, in a CLI script, in tests?
 *
 * Rules call `getRequestPath(context, { scripts }).classify(node)`. The answer is decided in three steps:
 * 1. the file: tests, migrations, seeds, config files and CLI scripts never serve requests;
 * 2. the enclosing function: route handlers, hooks, workers and timers are on the request path; startup code
 *    (`bootstrap()`, the `listen` callback, crash handlers, NestJS lifecycle hooks) is not;
 * 3. any other function: how this file uses it. A function only called from startup code is startup code;
 *    one called from a handler, exported, or used in an unknown way is assumed to serve requests.
 * Before step 2, code in a branch production never takes (development, tests, a debug switch: see
 * src/analysis/environment-guards.ts) is off the request path wherever it is; so is a function only called
 * there, and what a factory only called there returns.
 *
 * Step 3 at the file's edge: without type information an exported function counts as "called from
 * elsewhere" (on the request path). With it, the files of the program that import the export are looked up
 * (src/analysis/importers.ts, through re-exports and barrels): when every one of them is a CLI script, a
 * test, a migration, a seed or a config file, the function only runs there.
 */
import { isBuiltin } from 'node:module';
import path from 'node:path';
import type { ParserServicesWithTypeInformation, TSESLint, TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import { AST_NODE_TYPES } from '../ast/node-types';
import { skipExpressionWrappers, stringHead } from '../ast/expressions';
import { enclosingFunction, isExportedDeclaration, isFunction, isLoop, isPrivateMember, isProcessExitCall, returnedExpressions, soleReturnedExpression, type FunctionNode, decoratorsOf } from '../ast/code-shape';
import { runsOnlyOutsideProduction } from './environment-guards';
import { anyGlob, compileGlob, globListKey } from './globs';
import { getImporterIndex, type ImportOfExport } from './importers';
import { isLazyInitialisation } from './lazy-initialisation';
import { runsOncePerProcess } from './once-guards';
import { callsOnlyAtModuleLoad, NEST_LIFECYCLE_HOOKS } from './load-time-calls';
import { exportsMigrationSteps, programFileExportsMigrationSteps } from './migration-shape';
import { getImportOrigin, importedName, isRelativeSpecifier, loadedModuleSources, loadsAtRunTime } from './modules';
import { constInitializer, resolveTypeReference, typeOfValue } from './library-origin';
import { FileCache } from './per-file';
import { packageKindAt } from './package-manifest';
import { siblingsServeNothing } from './module-files';
import { isInBrowserEntryFolder } from './browser-entry';
import { isInNestedTestFolder } from './test-folders';
import { runsCallbackOnListening } from './deferred-callbacks';
import { textMentions } from './text-facts';
import { callsTestGlobalsAtTopLevel, programFileCallsTestGlobals } from './test-suites';
import { typescript } from './typescript-module';
import { pushChildNodes } from '../ast/children';

export { compileGlob } from './globs';

export type RequestPathReason =
  /** A route handler, middleware, request hook, tRPC procedure, controller method. */
  | 'handler'
  /** A queue worker, `setInterval`, cron job: runs inside the server process while it serves. */
  | 'job'
  /**
   * A task of a job platform that runs it in a worker process of its own (trigger.dev's `task({ run })`): server
   * work all the same, but no request waits on that process's event loop.
   */
  | 'worker-process-job'
  /** Any other function of a server file that is not clearly startup code. */
  | 'server-function'
  | 'module-top-level'
  /** `bootstrap()`/`main()`/… or a function only called from startup code, NestJS lifecycle hooks; build time too (`generateStaticParams`). */
  | 'startup'
  | 'listen-callback'
  /** `process.on('uncaughtException' | 'SIGTERM' | …)`. */
  | 'crash-handler'
  | 'cli-script'
  /** Exported, and imported (with type information) only by CLI scripts, tests, migrations, seeds, config files or browser code. */
  | 'imported-by-scripts-only'
  | 'test-file'
  | 'migration-or-seed'
  | 'config-file'
  /** A file of a `loaders/` folder: code that wires the app up once at startup (medusa, the "bulletproof" Express layout). */
  | 'startup-file'
  /** Browser code of a full-stack app: a `'use client'` module, a React hook or component with state, a client store. */
  | 'client-side'
  /** Minified code (a bundle vendored into the project): see `hasMinifiedLine`. */
  | 'generated-file'
  /** A branch taken only in development or tests (`if (env.isDevelopment) …`): see src/analysis/environment-guards.ts. */
  | 'outside-production'
  /** Called only to fill a cache that outlives the call (`client ??= createClient()`): once per process. */
  | 'lazy-initialisation'
  /** A function declared in a module or another function, not exported, that nothing refers to: dead code. */
  | 'never-called';

export interface RequestPathClassification {
  onRequestPath: boolean;
  reason: RequestPathReason;
  /** On the path of a package that runs as a process of its own and serves nothing (a `worker-process` package). */
  inDetachedProcess?: boolean;
}

/**
 * Code that runs once per process (startup, loading the module, a cache filled on first use, shutdown), only
 * outside production, or in a browser: how slow it is delays no request. Rules that also report CLI scripts and
 * migrations (where the data can be large) leave these alone.
 */
const RUNS_ONCE_OR_ELSEWHERE = new Set<RequestPathReason>([
  'startup', 'startup-file', 'module-top-level', 'listen-callback', 'crash-handler', 'config-file', 'lazy-initialisation', 'outside-production', 'client-side',
  'never-called',
]);

export function runsOnceOrElsewhere(node: TSESTree.Node, classification: RequestPathClassification): boolean {
  if (classification.onRequestPath || !RUNS_ONCE_OR_ELSEWHERE.has(classification.reason)) return false;
  // A callback handed to a call at module level may run on every use: a zod schema's `superRefine`, a selector.
  return classification.reason !== 'module-top-level' || enclosingFunction(node) === undefined;
}

export type FileKind = 'server' | 'cli-script' | 'test-file' | 'migration-or-seed' | 'config-file' | 'startup-file' | 'client-side' | 'generated-file';

/**
 * Tests and browser code of a full-stack app, where nothing the backend serves waits for what they do, and minified
 * code, which nobody edits: the rules that check every other kind of file leave these alone.
 */
export const QUIET_FILE_KINDS: ReadonlySet<FileKind> = new Set(['test-file', 'client-side', 'generated-file']);
/**
 * Tests, migrations and seeds, which write and read rows on purpose, once, outside any request, and minified code,
 * which nobody edits: the database rules that check scripts and jobs leave these alone.
 */
export const QUIET_DATABASE_FILE_KINDS: ReadonlySet<FileKind> = new Set(['test-file', 'migration-or-seed', 'generated-file']);

export interface RequestPathOptions {
  /** Globs of CLI/script files, matched against the file path relative to ESLint's cwd. */
  scripts?: readonly string[];
}

export interface RequestPathAnalyzer {
  readonly fileKind: FileKind;
  /** Where `node` runs. A function node is classified by where its body runs. */
  classify(node: TSESTree.Node): RequestPathClassification;
  /** `node` is in a function that uses a browser page's globals without checking for them (`document.createElement`): browser code. */
  inPageCode(node: TSESTree.Node): boolean;
}

export const DEFAULT_SCRIPT_GLOBS: readonly string[] = ['**/scripts/**', '**/bin/**', '**/cli/**', '**/*.cli.*'];

/** The JSON schema of the `scripts` option every request-path rule offers; `why` ends its description. */
export function scriptsOptionSchema(why: string): { type: 'array'; items: { type: 'string' }; description: string } {
  return { type: 'array', items: { type: 'string' }, description: `Globs of CLI and script files (relative to the ESLint working directory), ${why}` };
}

// `test/`, `tests/` and `e2e/` are anchored at the project root (ESLint's cwd): a `tests` folder deeper in
// a path is too often something else (and test fixtures that lint as real code live there).
// Test helpers by their usual names (`portfolio-calculator-test-utils.ts`, `test-helpers.ts`, `__mocks__/`) serve tests only.
// `integration-tests/` and `__fixtures__/` folders hold test code wherever they are (medusa's packages).
// Novu keeps its end-to-end tests as `e2e/*.e2e.ts` beside the code they test, with helpers in the same folder.
const TEST_GLOBS = [
  '**/*.test.*', '**/*.spec.*', '**/*.e2e-spec.*', '**/*.e2e.*', '**/__tests__/**', '**/__mocks__/**', '**/__fixtures__/**', '**/integration-tests/**',
  '**/*test-utils.*', '**/*test-helpers.*', '**/*test-support.*', '**/*.mock.*', '**/*.mocks.*', '**/__mock__/**', '**/e2e/**',
  // …and packages or folders of them (medusa's `packages/medusa-test-utils/`).
  '**/*test-utils/**', '**/*test-helpers/**',
  // Langfuse's `__e2e__/` folders and its `*.servertest.ts`/`*.clienttest.ts` suites.
  '**/__e2e__/**', '**/*.servertest.*', '**/*.clienttest.*',
  // Nx's end-to-end projects (`apps/api-e2e/`). A folder that only starts with the word stays (`e2e-reports/` below).
  '**/*-e2e/**',
  // Benchmark harnesses: they time code with console reports, and serve nothing (Karakeep's `packages/benchmarks/`).
  // At the root or as a package only: deeper, `benchmarks/` may be a feature of the product.
  'benchmarks/**', 'packages/benchmarks/**', 'packages/*/benchmarks/**', 'apps/*/benchmarks/**',
  // `test/` at the root; deeper, outside routing folders (see `isInNestedTestFolder`). `tests/` folders at any depth:
  // see `isTestPath`.
  'test/**', 'tests/**',
  // …and at the root of a monorepo's package, beside its `src/` (Teable's `apps/nestjs-backend/test/` e2e helpers).
  // One pattern per folder: each keeps `/test/` as the text a path must hold, which rejects most paths at once.
  'apps/*/test/**', 'packages/*/test/**', 'libs/*/test/**', 'services/*/test/**', 'plugins/*/test/**',
  // Test doubles: in-memory fakes of stores and services (Unleash's `fakes/` folders and `fake-*-store.ts`).
  '**/fakes/**', '**/fake-*.*', '**/*.fake.*',
];
// `database/migrate.ts` runs the migrations from the command line (seen in domain-driven-hexagon);
// medusa keeps its `migration-up`/`migration-down` commands in `migration-scripts/`.
// TypeORM's CLI writes migrations to `src/migration/` in its documentation.
// Gauzy runs its migrations from `database/migration-executor.ts` and `migration-utils.ts`, and seeds each module
// from a `<module>.seed.ts` beside it.
const MIGRATION_OR_SEED_GLOBS = [
  '**/migrations/**', '**/migration/**', '**/migration-scripts/**', '**/migrate/**',
  // Named kinds of migrations: Openpanel's `code-migrations/`, Langfuse's `backgroundMigrations/`, `data_migrations/`.
  '**/*-migrations/**', '**/*_migrations/**', '**/*Migrations/**', '**/migration.*', '**/migration-*.*', '**/migrate.*', '**/migrator.*',
  // One-off data migrations among a package's scripts, named for what they move or fill in: Sim's
  // `scripts/migrate-deployment-versions.ts`, `scripts/backfill-api-key-hash.ts`. Elsewhere such a name may be a service
  // that migrates on request (`src/users/migrate-users.service.ts`).
  '**/scripts/migrate-*.*', '**/scripts/backfill-*.*',
  '**/seed*', '**/seed*/**', '**/*.seed.*', '**/*.seeds.*', '**/*.seeder.*',
  // Data upgrades by release, in folders named for the version (NodeBB's `src/upgrades/3.8.0/*.js`).
  '**/upgrades/*.*.*/*',
];
const CONFIG_GLOBS = ['**/*.config.*'];
// Folders only browser code lives in: Remix's and React Router's `.client/` (left out of the server build),
// `client-only/` (Documenso's `packages/lib/client-only/`, the mirror of `server-only/`), and Storybook's stories
// (`button.stories.tsx`, or a component folder's own `stories.tsx`, as Formbricks names them) and set-up. A
// `*.client.ts` file name says nothing: server code names its HTTP clients so (`stripe.client.ts`).
const CLIENT_FOLDER_GLOBS = ['**/.client/**', '**/client-only/**', '**/.storybook/**', '**/*.stories.*', '**/stories.{tsx,jsx,mdx}'];
// `loaders/` folders wire the app up once at startup (medusa's module loaders, the "bulletproof" Express layout's
// express/mongoose/agenda loaders). GraphQL DataLoaders also live in `loaders/` and run per request: a file that
// imports `dataloader` stays server code.
// A `bootstrap/` or `boot/` folder or a `bootstrap.ts` file starts the app (Gauzy's `lib/bootstrap/`, Vendure's
// `bootstrap.ts`, AnythingLLM's `utils/boot/`).
// Next.js runs `instrumentation.ts`'s `register()` once when the server starts; other apps set up OpenTelemetry there.
// `startup/` and `on-start/` folders hold what runs once when the process starts (Homarr's tasks app).
const STARTUP_GLOBS = ['**/loaders/**', '**/bootstrap/**', '**/bootstrap.*', '**/boot/**', '**/instrumentation.*', '**/startup/**', '**/on-start/**'];
const DATALOADER_MODULE = 'dataloader';

// Test runners, and libraries only tests load: assertions (chai), Nest's testing module, supertest's fake requests,
// Testcontainers' throwaway databases.
const TEST_FRAMEWORK_MODULES = new Set([
  'vitest', '@jest/globals', 'node:test', 'bun:test', 'mocha', 'ava', 'tap', '@playwright/test', 'chai', '@nestjs/testing', 'supertest', 'testcontainers',
  // Test doubles: a module that loads one builds fakes for tests (HedgeDoc's database mock provider, on knex-mock-client).
  'knex-mock-client', 'mock-knex', 'nock', 'sinon', 'ts-mockito', 'testdouble',
]);
/** A test framework's module, or one of its parts (`vitest/node` for a global set-up, `@vitest/…`, `jest-mock-extended`, `@testcontainers/postgresql`). */
function isTestFrameworkModule(source: string): boolean {
  return TEST_FRAMEWORK_MODULES.has(source) || isPackageFamily(source, 'vitest') || isPackageFamily(source, 'jest') || source.startsWith('@testcontainers/');
}
/**
 * Browser code in a full-stack repository (Next.js, Remix): React components and hooks, and client stores.
 * Server components cannot call React's hooks (only `use` and `cache` run there), so a module importing one
 * is a client component or a custom hook (unkey's `useFetchTimeseries` with `useMemo`); these stores are
 * client state libraries. Plain `react` imports, server components, and the non-hook exports of data libraries
 * that also prefetch on the server (`QueryClient` of `@tanstack/react-query`) say nothing.
 */
const CLIENT_HOOKS = new Set([
  'useState', 'useEffect', 'useLayoutEffect', 'useInsertionEffect', 'useReducer', 'useSyncExternalStore', 'useOptimistic', 'useActionState',
  'useMemo', 'useCallback', 'useRef', 'useContext', 'useTransition', 'useDeferredValue', 'useImperativeHandle', 'useId',
]);
const CLIENT_ONLY_MODULES = new Set([
  'react-dom/client', 'react-router-dom', 'zustand', 'jotai', 'recoil', 'pinia', 'svelte/store', 'solid-js/store', 'next/router', 'react-hot-toast', 'react-toastify', 'sonner',
  // Saves a Blob through a link the page clicks.
  'file-saver',
  // Imported for its side effect: the build fails if a server module loads this one.
  'client-only',
  // MobX stores and models (Outline's `app/stores`, `app/models`), and Sentry's browser SDKs (servers load `@sentry/node`).
  'mobx', 'mobx-react', 'mobx-react-lite', 'mobx-state-tree',
  // TanStack DB's collections live in the page (Unkey's `lib/collections/`); nuqs's main entry is a client module
  // (servers import `nuqs/server`); rrweb records the page's DOM.
  '@tanstack/db', '@tanstack/react-db', '@tanstack/query-db-collection', 'nuqs', 'rrweb',
  // tRPC's Next.js client, and charts and node graphs drawn in the page (Langfuse, Dittofeed's journey editor).
  '@trpc/next', 'recharts', '@xyflow/react', '@xyflow/system', 'reactflow',
  // An Electron app's main process and preload scripts: a desktop program, not a server.
  'electron', 'electron-updater',
  '@sentry/react', '@sentry/browser', '@sentry/vue', '@sentry/angular', '@sentry/svelte', '@sentry/react-native',
  // WebAuthn's browser half (its server half is `@simplewebauthn/server`), and tus's resumable uploads from a page.
  '@simplewebauthn/browser', 'tus-js-client',
  // IndexedDB wrappers: a page's local database (AFFiNE's local-first search index); servers have no IndexedDB.
  'idb', 'idb-keyval', 'dexie', 'localforage',
]);
/** Solid's reactive primitives: its components and browser widgets call them (Typebot's embed), server code does not. */
const SOLID_PRIMITIVES = new Set(['createSignal', 'createEffect', 'createRenderEffect', 'createMemo', 'createResource', 'onMount', 'onCleanup', 'untrack', 'batch']);

/**
 * Modules only browser or app code loads: the client stores above, the Next.js pages router's client API,
 * toast notifications, and React Native or Expo (a mobile app beside the server in a monorepo, Linkwarden's
 * `apps/mobile`: it serves one user, never requests).
 */
function isClientOnlyModule(source: string): boolean {
  if (CLIENT_ONLY_MODULES.has(source)) return true;
  // A desktop app's webview (Tauri's JavaScript API and plugins) serves one user, like a browser tab.
  if (isPackageFamily(source, 'tauri-apps')) return true;
  // Uppy's uploader widgets; `@uppy/companion` is its server.
  if (source.startsWith('@uppy/')) return !source.startsWith('@uppy/companion');
  // Their server packages run on servers: `expo-server-sdk` sends push notifications, `expo-router/server` serves API routes.
  if (source.includes('server') || source.includes('ssr')) return false;
  return isPackageFamily(source, 'react-native') || isPackageFamily(source, 'expo') || isBrowserFrameworkModule(source);
}

/**
 * Angular and Vue apps, and their ecosystems (Ghostfolio's `apps/client` and `libs/ui` beside its NestJS API):
 * `@angular/…`, NgRx, Ionic, `ngx-…` components, `vue`, `vue-router`, VueUse. Their server rendering packages
 * (`@angular/ssr`, `@angular/platform-server`, `vue/server-renderer`) are excluded by the caller, and a file that
 * loads one of them is no client code (`isClientSideModule`).
 */
function isBrowserFrameworkModule(source: string): boolean {
  return (
    source.startsWith('@angular/') ||
    source.startsWith('@ngrx/') ||
    source.startsWith('@ionic/') ||
    source.startsWith('ngx-') ||
    // Angular libraries published under a scope: `@ngx-translate/core`, `@biesbjerg/ngx-translate-extract-marker`.
    (source.startsWith('@') && (source.startsWith('@ngx-') || source.includes('/ngx-'))) ||
    source.startsWith('@vueuse/') ||
    source === 'vue' ||
    source === 'vue-router'
  );
}

/** Server rendering of a browser framework: Angular's SSR server (an Express app) and its platform, Vue's renderer. */
function isServerRenderingModule(source: string): boolean {
  return source.startsWith('@angular/ssr') || source.startsWith('@angular/platform-server') || source === 'vue/server-renderer' || source === '@vue/server-renderer';
}

/** `name`, `name/…`, `name-…` (`react-native-svg`, `expo-sqlite`), or a package of the `@name…` scopes (`@react-native-community/netinfo`, `@expo/vector-icons`). */
function isPackageFamily(source: string, name: string): boolean {
  const scoped = source.startsWith('@') ? source.slice(1) : source;
  if (!scoped.startsWith(name)) return false;
  const next = scoped.charAt(name.length);
  return next === '' || next === '/' || next === '-';
}

/**
 * The module is browser or app code: a `'use client'` directive, a client-only module (`isClientOnlyModule`), or a
 * React hook imported (`isClientHookImport`). `imported` holds the module's import specifiers; the imported names
 * are only read when needed.
 */
function isClientSideModule(
  firstStatementDirective: string | undefined,
  imported: Iterable<string>,
  importsClientHook: () => boolean,
  loadsAtRunTime: (source: string) => boolean = () => true,
): boolean {
  if (firstStatementDirective === 'use client') return true;
  let clientOnly = false;
  for (const source of imported) {
    // A file's own modules (`./db`, `../shared`) are most of its imports, and neither kind of package.
    if (isRelativeSpecifier(source)) continue;
    if (isServerRenderingModule(source)) return false;
    // `import { Node, Edge } from '@xyflow/react'` for types alone: the server runs the file (Refly's canvas helpers).
    if (!clientOnly && isClientOnlyModule(source) && loadsAtRunTime(source)) clientOnly = true;
  }
  return clientOnly || importsClientHook();
}

/** `loadsAtRunTime`, where Angular's injector reads constructor parameters' types (`constructor(private store: Store)`): a type is a value there. */
function loadsModuleAtRunTime(sourceCode: Readonly<TSESLint.SourceCode>, source: string): boolean {
  return isBrowserFrameworkModule(source) || loadsAtRunTime(sourceCode, source);
}

/**
 * A React hook, which only browser code calls: one of React's (or Preact's) own with state or effects (not `cache`
 * or `use`, which server components call too), a reactive primitive of Solid, `useSWR` (swr's default export), or a `use…` export of a React binding
 * (`useQuery` from `@tanstack/react-query`, `useSession` from `next-auth/react`) or of `next/navigation`.
 * `use…` functions of other packages are not hooks: `useContainer` (class-validator), `useServer` (graphql-ws).
 */
function isClientHookImport(source: string, imported: string): boolean {
  if (source === 'react' || source === 'preact/hooks' || source === 'preact/compat') return CLIENT_HOOKS.has(imported);
  if (source === 'solid-js') return SOLID_PRIMITIVES.has(imported);
  // swr's global `mutate` and `preload` refresh the page's cache; a server component imports `unstable_serialize` at most.
  if (isPackageFamily(source, 'swr') && !source.startsWith('@')) return imported === 'default' || imported === 'mutate' || imported === 'preload' || isHookName(imported);
  return isHookName(imported) && (source === 'next/navigation' || HOOK_LIBRARIES.has(source) || isReactBinding(source));
}

/** React libraries whose names do not say so: animation, drag and drop, GraphQL clients (`useDragControls`, `useQuery`). */
const HOOK_LIBRARIES = new Set(['framer-motion', '@dnd-kit/core', '@dnd-kit/sortable', '@apollo/client', 'urql']);

function isHookName(name: string): boolean {
  return name.length > 3 && name.startsWith('use') && name.charCodeAt(3) >= 65 && name.charCodeAt(3) <= 90;
}

/** A package for React other than React itself: a path segment `react` or `react-…` (`react-hook-form`, `@tanstack/react-query`, `next-auth/react`). */
function isReactBinding(source: string): boolean {
  return source.split('/').some((segment) => {
    const name = segment.startsWith('@') ? segment.slice(1) : segment;
    return name === 'react' || name.startsWith('react-');
  });
}

// Argument parsers, and the prompts of interactive terminals (Vendure's `@vendure/create`). Spinners (ora) say less:
// Novu's workflow client, a server library, draws one while it runs a step.
const CLI_MODULES = new Set([
  'commander', 'yargs', 'yargs/yargs', 'cac', 'meow', 'sade', 'citty', '@oclif/core', 'clipanion',
  '@clack/prompts', 'inquirer', '@inquirer/prompts', 'prompts', 'enquirer',
  // Vercel's `arg`. Not the bare string parsers (yargs-parser, minimist, mri): Hoppscotch's web app parses curl commands with one.
  'arg',
  // The GitHub Actions toolkit: an action's code runs once per workflow step.
  '@actions/core', '@actions/github',
  // NestJS command-line apps: `@Command({ command: 'config:check' })` methods run once per invocation (Postiz's `apps/commands`).
  'nestjs-command', 'nest-commander',
]);
/**
 * An HTTP framework or its middleware. A file loading one beside an argument parser serves requests too: NocoBase's
 * application and gateway take their commands from `commander` and their requests through Koa.
 */
const WEB_SERVER_MODULES = new Set(['express', 'koa', 'fastify', 'hono', 'restify', 'polka', 'h3', 'elysia']);
const WEB_SERVER_PREFIXES = ['koa-', '@koa/', 'express-', '@fastify/', '@hono/'];

function isWebServerModule(source: string): boolean {
  return WEB_SERVER_MODULES.has(source) || WEB_SERVER_PREFIXES.some((prefix) => source.startsWith(prefix));
}

function isReadlineModule(source: string): boolean {
  return source === 'readline' || source === 'node:readline' || source === 'readline/promises' || source === 'node:readline/promises';
}

/**
 * Bundlers and compilers: a file that loads one is a build plugin or build script (Vendure's `vite-plugin-*.ts`),
 * run by a command, never by a request. Counted with the CLI scripts.
 */
function isBuildToolModule(source: string): boolean {
  // Docusaurus loads its plugins (`loadContent`, `postBuild`) while it builds the docs site (Homarr's docs coverage check).
  return BUILD_TOOL_MODULES.has(source) || source.startsWith('@rollup/') || source.startsWith('@vitejs/') || source.startsWith('@docusaurus/');
}

/**
 * Bundlers, compilers, and the style sheet and asset compilers of a build (NodeBB's `meta/minifier.js` compiles its
 * themes' SCSS with sass and postcss in forked workers at build time).
 */
const BUILD_TOOL_MODULES = new Set([
  'vite', 'rollup', 'webpack', 'esbuild', '@babel/core',
  'sass', 'sass-embedded', 'node-sass', 'less', 'postcss', 'autoprefixer', 'rtlcss', 'clean-css', 'cssnano', 'lightningcss', 'terser',
]);

/**
 * Packages of build-tool plugins, by the names their ecosystems give them (medusa's `admin-vite-plugin/`, typedoc's
 * `typedoc-plugin-*`): code a bundler, linter or documentation tool loads, never a request; and CI code. Counted with the scripts.
 */
const isBuildToolPackagePath = anyGlob([
  '**/vite-plugin-*/**', '**/*-vite-plugin/**', '**/rollup-plugin-*/**', '**/*-rollup-plugin/**', '**/*-webpack-plugin/**', '**/esbuild-plugin-*/**', '**/*-esbuild-plugin/**',
  '**/babel-plugin-*/**', '**/eslint-plugin-*/**', '**/prettier-plugin-*/**', '**/typedoc-*/**',
  // GitHub's workflows and actions (Payload's review bot, its test matrix): code a CI runner starts, no request.
  '**/.github/**',
]);

const isTestGlobPath = anyGlob(TEST_GLOBS);
/** Test folders at any depth: a package's `tests/`, and `testing/` (Novu's `libs/testing`, Angular's `src/testing/` helpers). */
// End-to-end test packages named in full too (Karakeep's `packages/e2e_tests/`), but not Dub's cron route that cleans
// up after its end-to-end tests (`app/api/cron/cleanup/e2e-tests/route.ts`); shared end-to-end harnesses (Vendure's
// `e2e-common/`) and plugins written only to be tested against (its `dev-server/test-plugins/`).
const isInTestsFolder = anyGlob(['**/tests/**', '**/testing/**', '**/e2e_tests/**', '**/e2e-tests/**', '**/e2e-common/**', '**/e2e-utils/**', '**/e2e-helpers/**', '**/test-plugins/**']);
/**
 * Test code by its path: the globs above, or a file in a `tests/` or `testing/` folder at any depth (a package's
 * `tests/`, `lib/tests/__mocks__/`), unless it is a Next.js route handler, which serves `…/tests/…` URLs.
 */
function isTestPath(relativePath: string, cwd: string): boolean {
  return isTestGlobPath(relativePath) || ((isInTestsFolder(relativePath) || isInNestedTestFolder(cwd, relativePath)) && !NEXT_ROUTE_FILE.test(baseName(relativePath)));
}


/** Next.js's App Router handler files (`app/api/users/route.ts`) and middleware, by base name. */
const NEXT_ROUTE_FILE = /^route\.[cm]?[jt]sx?$/;
const NEXT_MIDDLEWARE_FILE = /^middleware\.[cm]?[jt]sx?$/;

/**
 * Exports of an App Router file that Next.js calls once, at `next build`: the params of the pages to prerender
 * (`generateStaticParams` of a `page` or `layout`), the ids of split sitemaps (`generateSitemaps`). Not
 * `generateMetadata` or `generateImageMetadata`, which run per request on dynamic pages.
 */
function nextBuildTimeExports(relativePath: string): ReadonlySet<string> | undefined {
  if (!NEXT_APP_FOLDER.test(relativePath)) return undefined;
  const base = baseName(relativePath);
  if (NEXT_PAGE_OR_LAYOUT_FILE.test(base)) return NEXT_STATIC_PARAMS_EXPORTS;
  return NEXT_SITEMAP_FILE.test(base) ? NEXT_SITEMAPS_EXPORTS : undefined;
}
const NEXT_APP_FOLDER = /(?:^|\/)app\//;
const NEXT_PAGE_OR_LAYOUT_FILE = /^(?:page|layout)\.[cm]?[jt]sx?$/;
const NEXT_SITEMAP_FILE = /^sitemap\.[cm]?[jt]sx?$/;
const NEXT_STATIC_PARAMS_EXPORTS: ReadonlySet<string> = new Set(['generateStaticParams']);
const NEXT_SITEMAPS_EXPORTS: ReadonlySet<string> = new Set(['generateSitemaps']);

function baseName(relativePath: string): string {
  return relativePath.slice(relativePath.lastIndexOf('/') + 1);
}
const isMigrationOrSeedGlobPath = anyGlob(MIGRATION_OR_SEED_GLOBS);
/**
 * A script named as migrations are, from the time it was written: Outline's `scripts/20210716000000-backfill-revisions.ts`,
 * `scripts/20221029000000-crdt-to-text.ts`. A one-off data migration, run by hand once per install.
 */
const TIMESTAMPED_SCRIPT = /(?:^|\/)scripts\/\d{8,14}[-_][^/]*$/;
/**
 * A migration or seed by its path; not a Next.js API route or route handler in a folder so named, which serves requests
 * (Linkwarden's bookmark import at `pages/api/v1/migration/`, Homarr's `app/api/backup/migrations/route.ts`).
 */
const isMigrationOrSeedPath = (relativePath: string): boolean =>
  (isMigrationOrSeedGlobPath(relativePath) && !(isNextRequestFile(relativePath) && !relativePath.includes('seed'))) ||
  (relativePath.includes('scripts/') && TIMESTAMPED_SCRIPT.test(relativePath));
const isConfigPath = anyGlob(CONFIG_GLOBS);
const isStartupPath = anyGlob(STARTUP_GLOBS);
const isClientFolderPath = anyGlob(CLIENT_FOLDER_GLOBS);
const isNextApiPath = compileGlob('**/pages/api/**');
const APP_FOLDER = /(?:^|\/)app\//;
/** A Next.js API route (`pages/api/…`) or an app-router route handler (`app/…/route.ts`). */
function isNextRequestFile(relativePath: string): boolean {
  return isNextApiPath(relativePath) || (NEXT_ROUTE_FILE.test(baseName(relativePath)) && APP_FOLDER.test(relativePath));
}

/** The linted file's path relative to ESLint's cwd, with `/` separators (absolute if outside the cwd). */
function projectRelativePath(cwd: string, absolute: string): string {
  // The usual case, a file under the cwd, needs no path arithmetic.
  if (absolute.length > cwd.length + 1 && absolute.startsWith(cwd) && (absolute[cwd.length] === path.sep || absolute[cwd.length] === '/')) {
    const relative = absolute.slice(cwd.length + 1);
    return path.sep === '/' ? relative : relative.split(path.sep).join('/');
  }
  return toRelativePath(cwd, absolute);
}

// ---------------------------------------------------------------------------------------------------------
// The file

/**
 * Verdicts of `programFileKind` by program file, for every linted file that asks about the same importer. A pure
 * function of the program's file, its path and the options (never of the linted file), like the importer index.
 */
const programFileKinds = new WeakMap<ts.SourceFile, { cwd: string; isScriptPath: (p: string) => boolean; kind: FileKind }>();

function programFileKindOf(file: ts.SourceFile, cwd: string, isScriptPath: (p: string) => boolean): FileKind {
  const known = programFileKinds.get(file);
  if (known?.cwd === cwd && known.isScriptPath === isScriptPath) return known.kind;
  const kind = programFileKind(file, cwd, toRelativePath(cwd, file.fileName), isScriptPath);
  programFileKinds.set(file, { cwd, isScriptPath, kind });
  return kind;
}

/** The same verdict as `fileKindOf`, for another file of the program, from its TypeScript AST. */
function programFileKind(file: ts.SourceFile, cwd: string, relativePath: string, isScriptPath: (p: string) => boolean): FileKind {
  const tsm = typescript();
  // A statement's text is only read in a file that spells `process.argv` at all.
  const mentionsArgv = file.text.includes('process.argv');
  const imported = new Set<string>();
  let importsClientHook = false;
  let argvAtTopLevel = false;
  for (const statement of file.statements) {
    if (tsm.isImportDeclaration(statement) && tsm.isStringLiteral(statement.moduleSpecifier)) {
      const clause = statement.importClause;
      const typesOnly = clause !== undefined && (clause.isTypeOnly || (!clause.name && clause.namedBindings !== undefined && tsm.isNamedImports(clause.namedBindings) && clause.namedBindings.elements.length > 0 && clause.namedBindings.elements.every((element) => element.isTypeOnly)));
      if (!typesOnly) imported.add(statement.moduleSpecifier.text);
      const bindings = statement.importClause?.namedBindings;
      const source = statement.moduleSpecifier.text;
      if (!statement.importClause?.isTypeOnly) {
        if (statement.importClause?.name && isClientHookImport(source, 'default')) importsClientHook = true;
        if (bindings && tsm.isNamedImports(bindings) && bindings.elements.some((element) => !element.isTypeOnly && isClientHookImport(source, (element.propertyName ?? element.name).text))) importsClientHook = true;
      }
    } else if (mentionsArgv && !tsm.isFunctionDeclaration(statement) && !tsm.isClassDeclaration(statement) && statement.getText(file).includes('process.argv')) {
      argvAtTopLevel = true;
    }
  }
  if (isTestPath(relativePath, cwd) || [...imported].some(isTestFrameworkModule) || programFileCallsTestGlobals(file)) return 'test-file';
  if (isMigrationOrSeedPath(relativePath) || programFileExportsMigrationSteps(file)) return 'migration-or-seed';
  if (isConfigPath(relativePath)) return 'config-file';
  if (file.text.startsWith('#!') || isScriptPath(relativePath) || isBuildToolPackagePath(relativePath)) return 'cli-script';
  if ([...imported].some((source) => CLI_MODULES.has(source) || isBuildToolModule(source)) && ![...imported].some(isWebServerModule)) return 'cli-script';
  if (argvAtTopLevel) return 'cli-script';
  if (isStartupPath(relativePath) && !imported.has(DATALOADER_MODULE)) return 'startup-file';
  const first = file.statements[0];
  const directive = first && tsm.isExpressionStatement(first) && tsm.isStringLiteral(first.expression) ? first.expression.text : undefined;
  if (isClientFolderPath(relativePath)) return 'client-side';
  if (programFileExportsRouteModuleServerFunction(file) && isRouteModuleBy([...imported], relativePath)) return 'server';
  if (isClientSideModule(directive, imported, () => importsClientHook)) return 'client-side';
  return packageFileKind(cwd, file.fileName, relativePath, imported, file.text);
}

/** `exportsRouteModuleServerFunction` on another file of the program, from its TypeScript AST. */
function programFileExportsRouteModuleServerFunction(file: ts.SourceFile): boolean {
  const tsm = typescript();
  for (const statement of file.statements) {
    if (!tsm.canHaveModifiers(statement) || !tsm.getModifiers(statement)?.some((modifier) => modifier.kind === tsm.SyntaxKind.ExportKeyword)) continue;
    if (tsm.isFunctionDeclaration(statement) && statement.name && ROUTE_MODULE_SERVER_EXPORTS.has(statement.name.text)) return true;
    if (tsm.isVariableStatement(statement) && statement.declarationList.declarations.some((declaration) => tsm.isIdentifier(declaration.name) && ROUTE_MODULE_SERVER_EXPORTS.has(declaration.name.text))) return true;
  }
  return false;
}

/**
 * React Router's framework mode and Remix: a route module exports a `loader` and an `action`, which run on the server
 * for each request, beside the component the page renders (Shelf's `app/routes/**.tsx`). The file is server code;
 * its components, `clientLoader` and `clientAction` are the page's (`routeModuleComponents`).
 */
const ROUTE_MODULE_SERVER_EXPORTS = new Set(['loader', 'action']);
const ROUTE_MODULE_CLIENT_EXPORTS = new Set(['clientLoader', 'clientAction', 'clientMiddleware']);

function isFrameworkRouteModule(program: TSESTree.Program, imported: () => readonly string[], relativePath: string): boolean {
  return exportsRouteModuleServerFunction(program) && isRouteModuleBy(imported(), relativePath);
}

/** A route module by what it loads (`react-router`, `@remix-run/node`, `@react-router/node`) or where it lies (`routes/`). */
function isRouteModuleBy(imported: readonly string[], relativePath: string): boolean {
  return relativePath.includes('/routes/') || relativePath.startsWith('routes/') || imported.some((source) => source === 'react-router' || source.startsWith('@react-router/') || source.startsWith('@remix-run/'));
}

/** An exported `loader` or `action`. */
function exportsRouteModuleServerFunction(program: TSESTree.Program): boolean {
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.ExportNamedDeclaration) continue;
    const { declaration } = statement;
    if (declaration?.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id && ROUTE_MODULE_SERVER_EXPORTS.has(declaration.id.name)) return true;
    if (declaration?.type === AST_NODE_TYPES.VariableDeclaration && declaration.declarations.some((declarator) => declarator.id.type === AST_NODE_TYPES.Identifier && ROUTE_MODULE_SERVER_EXPORTS.has(declarator.id.name))) return true;
    if (statement.specifiers.some((specifier) => specifier.exported.type === AST_NODE_TYPES.Identifier && ROUTE_MODULE_SERVER_EXPORTS.has(specifier.exported.name))) return true;
  }
  return false;
}

/**
 * The page's part of a route module: its default export, `clientLoader`/`clientAction`, and every component
 * (a top-level function under a PascalCase name: `ErrorBoundary`, `Layout`, the page's own pieces).
 */
function routeModuleComponents(program: TSESTree.Program): ReadonlySet<TSESTree.Node> {
  const functions = new Set<TSESTree.Node>();
  const byName = new Map<string, TSESTree.Node>();
  const add = (name: string, fn: TSESTree.Node, exported: boolean) => {
    if (!isFunction(fn)) return;
    byName.set(name, fn);
    if (isComponentName(name) || (exported && ROUTE_MODULE_CLIENT_EXPORTS.has(name))) functions.add(fn);
  };
  for (const statement of program.body) {
    const exported = statement.type === AST_NODE_TYPES.ExportNamedDeclaration;
    const declaration = exported ? statement.declaration : statement.type === AST_NODE_TYPES.ExportDefaultDeclaration ? undefined : statement;
    // A declaration outside `export default` always has a name.
    if (declaration?.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id) add(declaration.id.name, declaration, exported);
    else if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of declaration.declarations) {
        if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.init) add(declarator.id.name, skipExpressionWrappers(declarator.init), exported);
      }
    }
  }
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.ExportDefaultDeclaration) continue;
    const value = statement.declaration.type === AST_NODE_TYPES.Identifier ? byName.get(statement.declaration.name) : skipExpressionWrappers(statement.declaration as TSESTree.Node);
    if (value && isFunction(value)) functions.add(value);
  }
  return functions;
}

function isComponentName(name: string): boolean {
  return name.charCodeAt(0) >= 65 && name.charCodeAt(0) <= 90 && /[a-z]/.test(name);
}

function toRelativePath(cwd: string, fileName: string): string {
  const relative = path.relative(cwd, fileName);
  const chosen = relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? fileName : relative;
  return chosen.split(path.sep).join('/').replace(/\\/g, '/');
}

function fileKindOf(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>, relativePath: string, isScriptPath: (p: string) => boolean): FileKind {
  const sourceCode = context.sourceCode;
  if (hasMinifiedLine(sourceCode.text)) return 'generated-file';
  // Every linted file asks this once: the module's top-level statements, not its whole text, name what it loads.
  const imported = importedModules(sourceCode.ast);
  if (isTestPath(relativePath, context.cwd) || imported.some(isTestFrameworkModule) || callsTestGlobalsAtTopLevel(sourceCode)) return 'test-file';
  // A migration exports `down`: a file whose text never spells it (most files) needs no look at its exports.
  if (isMigrationOrSeedPath(relativePath) || (sourceCode.text.includes('down') && exportsMigrationSteps(sourceCode.ast))) return 'migration-or-seed';
  if (isConfigPath(relativePath)) return 'config-file';
  if (sourceCode.text.startsWith('#!') || isScriptPath(relativePath) || isBuildToolPackagePath(relativePath)) return 'cli-script';
  if (imported.some((source) => CLI_MODULES.has(source) || isBuildToolModule(source)) && !imported.some(isWebServerModule)) return 'cli-script';
  // A prompt on the terminal: `readline.createInterface({ input: process.stdin })` (Karakeep's model comparison tool).
  // Reading a file line by line with readline is server work, and needs no stdin.
  if (imported.some(isReadlineModule) && sourceCode.text.includes('process.stdin')) return 'cli-script';
  if (textMentions(sourceCode, 'argv') && readsProcessArgvAtTopLevel(sourceCode)) return 'cli-script';
  if (isStartupPath(relativePath) && !imported.includes(DATALOADER_MODULE)) return 'startup-file';
  if (isClientFolderPath(relativePath)) return 'client-side';
  // Its `loader` and `action` serve requests, whatever hooks its component calls (see `routeModuleComponents`).
  if (isFrameworkRouteModule(sourceCode.ast, () => imported, relativePath)) return 'server';
  const importsClientCode = () => importsClientHook(sourceCode) || usesDomViewLibrary(sourceCode) || componentCallsHook(sourceCode, relativePath);
  if (isClientSideModule(directiveOf(sourceCode.ast), imported, importsClientCode, (source) => loadsModuleAtRunTime(sourceCode, source))) return 'client-side';
  // Last, since it reads the disk: what the package's manifest says.
  return packageFileKind(context.cwd, context.filename, relativePath, imported, sourceCode.text);
}

const MINIFIED_LINE_LENGTH = 2_000;
/** A minified line has a statement or block boundary every few dozen characters; a long string (base64, an SVG path) has none. */
const MINIFIED_CHARACTERS_PER_BOUNDARY = 50;

/**
 * The file holds a line of minified code: longer than 2,000 characters, with a `;`, `{` or `}` at least every 50
 * (Audiobookshelf's vendored `async` bundle and Emscripten glue). Hand-written code has no such line; a long string
 * literal (an inline image) does not count. Linear in the text; short files need no look.
 */
function hasMinifiedLine(text: string): boolean {
  if (text.length < MINIFIED_LINE_LENGTH) return false;
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (end - start >= MINIFIED_LINE_LENGTH) {
      let boundaries = 0;
      for (let index = start; index < end; index++) {
        const code = text.charCodeAt(index);
        if (code === 59 || code === 123 || code === 125) boundaries++;
      }
      if (boundaries * MINIFIED_CHARACTERS_PER_BOUNDARY >= end - start) return true;
    }
    start = end + 1;
  }
  return false;
}

/**
 * A file's kind from its package's manifest (package-manifest.ts), for a file with no sign of its own: a helper of a
 * monorepo's command-line package is a script; one of a front-end package is browser code (GrowthBook's Next.js front
 * end, Jackson's UI library), and so is one in the folder a single-page app's `index.html` loads (browser-entry.ts),
 * unless it loads Node's modules, or is one of a pages-router app's server files: API routes, middleware, and pages
 * that fetch their data on the server (`getServerSideProps`, `getStaticProps`).
 */
function packageFileKind(cwd: string, fileName: string, relativePath: string, imported: Iterable<string>, text: string): FileKind {
  const kind = packageKindAt(cwd, fileName, CLI_MODULES);
  // A static site's code runs while the site is built, as a build script's does.
  if (kind === 'command-line' || kind === 'static-site') return 'cli-script';
  if (kind === 'test-support') return 'test-file';
  if (kind !== 'browser' && kind !== 'next-pages-app' && !isInBrowserEntryFolder(cwd, fileName)) return 'server';
  for (const source of imported) if (isBuiltin(source) && !BROWSER_POLYFILLED_BUILTINS.has(source)) return 'server';
  if (kind === 'next-pages-app' && (isNextServerPath(relativePath) || NEXT_SERVER_DATA_FUNCTIONS.some((name) => text.includes(name)))) return 'server';
  return 'client-side';
}

/**
 * Node modules that browser bundles get polyfills for (webpack 4 and Browserify ship them, others via plugins), so a
 * front end may import them: Amplication's client imports `assert`. Imported as `node:assert`, they mean Node.
 */
const BROWSER_POLYFILLED_BUILTINS = new Set(['assert', 'buffer', 'events', 'path', 'punycode', 'querystring', 'string_decoder', 'url', 'util']);

const NEXT_SERVER_DATA_FUNCTIONS = ['getServerSideProps', 'getStaticProps', 'getStaticPaths', 'getInitialProps'];
/** `pages/api/…` (under the package or its `src/`) and `middleware.ts`. */
const isNextServerPath = anyGlob(['**/pages/api/**', '**/middleware.{ts,js,mts,mjs}']);

/**
 * Libraries that draw into a page's DOM: editor views (ProseMirror's, CodeMirror's, Monaco), Tiptap's React and
 * Vue bindings, maps. A server process cannot run them.
 */
const DOM_VIEW_MODULES = new Set(['prosemirror-view', '@codemirror/view', 'monaco-editor', '@tiptap/react', '@tiptap/vue-3', 'leaflet', 'mapbox-gl', 'maplibre-gl']);

/**
 * The file uses a value of a DOM view library (`new Decoration…`, `DecorationSet.create(…)`, `EditorView.theme(…)`):
 * editor plugins and widgets (Outline's `shared/editor`). Only as types (`view: EditorView` in a command's
 * signature, written without `import type`), the library says nothing: code shared with the server does that.
 */
function usesDomViewLibrary(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  for (const statement of sourceCode.ast.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration || statement.importKind === 'type' || !DOM_VIEW_MODULES.has(statement.source.value)) continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type === AST_NODE_TYPES.ImportSpecifier && specifier.importKind === 'type') continue;
      const [variable] = sourceCode.getDeclaredVariables(specifier);
      if (variable?.references.some((reference) => (reference as { isValueReference?: boolean }).isValueReference === true)) return true;
    }
  }
  return false;
}

/**
 * Functions that use the page's globals (`document.createElement('a')`, `window.location`), and the functions around
 * them: they run in a browser, since a server would throw there. A shared helper file keeps its other functions.
 * Nothing in a file that checks `typeof window` anywhere (written to run on both sides), or that drives a headless
 * browser or builds a DOM of its own (playwright, jsdom). A function sent to a page with `page.evaluate(…)` that
 * uses them is page code itself, whatever the file imports (Maxun's enricher gets its `page` untyped), but the
 * function that sends it is not.
 */
function pageCodeFunctions(sourceCode: Readonly<TSESLint.SourceCode>): ReadonlySet<TSESTree.Node> {
  /** Host-less fetches: no server can make them, whatever else the file does. */
  const pagePathFetches: TSESTree.Node[] = [];
  const globalUses: TSESTree.Node[] = [];
  /** Callbacks given to `page.evaluate(…)` and the like that use the page's globals: the page runs them, whatever the file imports. */
  const pageCallbacks = new Set<TSESTree.Node>();
  const useOf = (identifier: TSESTree.Node) => {
    const callback = pageEvaluateCallbackAround(identifier);
    if (callback) pageCallbacks.add(callback);
    else globalUses.push(identifier);
  };
  let checksForWindow = false;
  let extensionScript = false;
  /** Functions of the file that only return a test that holds in a browser. */
  const browserTestHelpers = new Set<TSESLint.Scope.Variable>();
  /** Code a `typeof window` test lets run only in a browser: `if (typeof window !== 'undefined') { … }`. */
  const browserBranches: TSESTree.Node[] = [];
  for (const reference of sourceCode.scopeManager?.globalScope?.through ?? []) {
    const name = reference.identifier.name;
    const identifier = reference.identifier as TSESTree.Node;
    if (name === 'fetch') {
      if (fetchesPagePath(identifier)) pagePathFetches.push(identifier);
      continue;
    }
    const isTypeReference = (reference as { isTypeReference?: boolean }).isTypeReference === true;
    if (isTypeReference ? isDomTypeName(name) && typesParameter(identifier) : DOM_VALUE_GLOBALS.has(name)) {
      // `typeof XMLHttpRequest !== 'undefined'` asks where the code runs: no sign it runs in a page.
      if (!isTypeofOperand(identifier)) useOf(identifier);
      continue;
    }
    if (!PAGE_GLOBALS.has(name)) continue;
    if (isTypeofOperand(identifier)) {
      // `if (typeof window === 'undefined') return;` only leaves the server out, and what follows it runs in a page;
      // any other check runs on both sides.
      const exitGuard = serverExitGuard(identifier.parent as TSESTree.UnaryExpression);
      if (exitGuard) pushStatementsAfter(exitGuard, browserBranches);
      else checksForWindow = true;
      if (name === 'window' || name === 'document') {
        pushBrowserOnlyBranches(identifier.parent as TSESTree.UnaryExpression, browserBranches);
        const helper = browserTestHelper(identifier.parent as TSESTree.UnaryExpression, sourceCode);
        if (helper) browserTestHelpers.add(helper);
      }
      continue;
    }
    if (name === 'navigator' && !usesBrowserOnlyNavigator(identifier)) continue;
    if (name === 'self' && !usesWebWorkerSelf(identifier)) continue;
    // `chrome.alarms.onAlarm.addListener(…)` at the top of a module: a browser extension's script, all of it.
    if (name === 'chrome' && !extensionScript && enclosingFunction(identifier) === undefined) extensionScript = true;
    if ((reference as { isValueReference?: boolean }).isValueReference !== false) useOf(identifier);
  }
  if (extensionScript) return new Set([sourceCode.ast]);
  // `if (inBrowser()) { … }` with `const inBrowser = () => typeof window !== 'undefined'` (Jitsu's logger): as the test.
  for (const helper of browserTestHelpers) {
    for (const reference of helper.references) {
      const call = reference.identifier.parent;
      if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === reference.identifier && call.arguments.length === 0) pushBranchesWhereHolds(call, browserBranches);
    }
  }
  const buildsServerDom = (globalUses.length > 0 && !checksForWindow) || browserBranches.length > 0 ? importedModules(sourceCode.ast).some((source) => SERVER_DOM_MODULES.has(source)) : false;
  const countsGlobals = globalUses.length > 0 && !checksForWindow && !buildsServerDom;
  const uses = countsGlobals ? [...pagePathFetches, ...globalUses] : pagePathFetches;
  const lifecycleMethods = sourceCode.text.includes('component') ? reactLifecycleMethods(sourceCode.ast) : [];
  const branches = buildsServerDom ? [] : browserBranches;
  if (uses.length === 0 && lifecycleMethods.length === 0 && branches.length === 0 && pageCallbacks.size === 0) return NO_FUNCTIONS;
  // Branches join the functions: `inPageCode` asks whether any enclosing node is in the set.
  const functions = new Set<TSESTree.Node>([...lifecycleMethods, ...branches, ...pageCallbacks]);
  for (const use of uses) {
    // A class that reads the user's files with a `FileReader` (Reactive Resume's import parsers) is built for the page: all of it.
    const readsUserFiles = use.type === AST_NODE_TYPES.Identifier && use.name === 'FileReader';
    for (let node = use.parent; node; node = node.parent) {
      if (isFunction(node)) functions.add(node);
      else if (readsUserFiles && (node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression)) functions.add(node.body);
    }
    // `self.onconnect = (event) => …`, `window.onload = …`: the handler given to the page runs there too.
    const handler = assignedHandler(use);
    if (handler) functions.add(handler);
  }
  return functions;
}

/** The function assigned to a member of `identifier` (`self.onmessage = (event) => …`). */
function assignedHandler(identifier: TSESTree.Node): TSESTree.Node | undefined {
  const member = identifier.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== identifier) return undefined;
  const assignment = member.parent;
  if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.left !== member) return undefined;
  const value = skipExpressionWrappers(assignment.right);
  return isFunction(value) ? value : undefined;
}

/**
 * The browser-side lifecycle methods of React class components declared at the top of the file
 * (`class ErrorBoundary extends React.Component { componentDidCatch(…) { … } }`): a server render never calls them.
 */
function reactLifecycleMethods(program: TSESTree.Program): TSESTree.Node[] {
  const methods: TSESTree.Node[] = [];
  for (const statement of program.body) {
    const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration ? statement.declaration : statement;
    if (declaration?.type !== AST_NODE_TYPES.ClassDeclaration || !extendsReactComponent(declaration.superClass)) continue;
    for (const element of declaration.body.body) {
      if (element.type === AST_NODE_TYPES.MethodDefinition && !element.static && element.key.type === AST_NODE_TYPES.Identifier && REACT_BROWSER_LIFECYCLE.has(element.key.name)) methods.push(element.value);
    }
  }
  return methods;
}

const REACT_BROWSER_LIFECYCLE = new Set(['componentDidMount', 'componentDidUpdate', 'componentWillUnmount', 'componentDidCatch']);

function extendsReactComponent(superClass: TSESTree.Node | null | undefined): boolean {
  if (!superClass) return false;
  const name = superClass.type === AST_NODE_TYPES.Identifier ? superClass.name : superClass.type === AST_NODE_TYPES.MemberExpression && !superClass.computed && superClass.property.type === AST_NODE_TYPES.Identifier ? superClass.property.name : undefined;
  return name === 'Component' || name === 'PureComponent';
}

/**
 * The code a test of `typeof window` (or `document`) runs only in a browser: the rest of `typeof window !== 'undefined'
 * && …`, the `if`'s or `?:`'s consequent it tests, and for `=== 'undefined'` the other side of `||` and the `else`.
 * Not `navigator` or the web storages: newer Node versions have them.
 */
function pushBrowserOnlyBranches(typeofExpression: TSESTree.UnaryExpression, branches: TSESTree.Node[]): void {
  const comparison = typeofExpression.parent;
  if (comparison?.type !== AST_NODE_TYPES.BinaryExpression) return;
  const other = comparison.left === typeofExpression ? comparison.right : comparison.left;
  if (other.type !== AST_NODE_TYPES.Literal || other.value !== 'undefined') return;
  const isDefinedTest = comparison.operator === '!==' || comparison.operator === '!=';
  if (!isDefinedTest && comparison.operator !== '===' && comparison.operator !== '==') return;
  pushBranchesWhereHolds(comparison, branches, !isDefinedTest);
}

/**
 * The code that runs only once `test` holds (or, `negated`, once it fails): the rest of its `&&` chain (`||`), and the
 * branch of the `if` or `? :` it decides.
 */
function pushBranchesWhereHolds(test: TSESTree.Node, branches: TSESTree.Node[], negated = false): void {
  // Once the test holds (`&&`) or fails (`||`), the rest of the chain runs only in a browser.
  const chainOperator = negated ? '||' : '&&';
  let current: TSESTree.Node = test;
  while (current.parent?.type === AST_NODE_TYPES.LogicalExpression && current.parent.operator === chainOperator && current.parent.left === current) {
    branches.push(current.parent.right);
    current = current.parent;
  }
  const owner = current.parent;
  if ((owner?.type === AST_NODE_TYPES.IfStatement || owner?.type === AST_NODE_TYPES.ConditionalExpression) && owner.test === current) {
    const branch = negated ? owner.alternate : owner.consequent;
    if (branch) branches.push(branch);
  }
}

/**
 * The variable of a function of the file whose one returned expression is a browser test made of `typeof window` or
 * `typeof document` checks joined by `&&` (`function inBrowser() { return typeof document !== 'undefined' && typeof
 * window !== 'undefined'; }`), when `typeofExpression` is part of it.
 */
function browserTestHelper(typeofExpression: TSESTree.UnaryExpression, sourceCode: Readonly<TSESLint.SourceCode>): TSESLint.Scope.Variable | undefined {
  let test: TSESTree.Node | undefined = typeofExpression.parent;
  if (test?.type !== AST_NODE_TYPES.BinaryExpression || (test.operator !== '!==' && test.operator !== '!=')) return undefined;
  while (test.parent?.type === AST_NODE_TYPES.LogicalExpression && test.parent.operator === '&&') test = test.parent;
  const fn = enclosingFunction(test);
  if (!fn || soleReturnedExpression(fn) !== test) return undefined;
  const declaration = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn : fn.parent?.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.init === fn ? fn.parent : undefined;
  if (!declaration) return undefined;
  return sourceCode.getDeclaredVariables(declaration).find((variable) => variable.defs.length === 1);
}

/**
 * `if (typeof window === 'undefined') return;` (or `throw`): what follows runs in a browser only. A guard that
 * returns a value (`return process.env.APP_URL`) serves the server too: the function is written for both sides.
 */
function serverExitGuard(typeofExpression: TSESTree.UnaryExpression): TSESTree.IfStatement | undefined {
  const comparison = typeofExpression.parent;
  if (!comparison || !isUndefinedTypeofTest(comparison)) return undefined;
  // `typeof document === 'undefined' || typeof window === 'undefined'`: each test alone would leave too.
  let test: TSESTree.Node = comparison;
  while (test.parent?.type === AST_NODE_TYPES.LogicalExpression && test.parent.operator === '||' && isBrowserAbsenceTest(otherOperand(test.parent, test))) test = test.parent;
  const guard = test.parent;
  if (guard?.type !== AST_NODE_TYPES.IfStatement || guard.test !== test || guard.alternate) return undefined;
  const exit = guard.consequent.type === AST_NODE_TYPES.BlockStatement ? guard.consequent.body.at(-1) : guard.consequent;
  return exit?.type === AST_NODE_TYPES.ThrowStatement || (exit?.type === AST_NODE_TYPES.ReturnStatement && exit.argument === null) ? guard : undefined;
}

/** The statements after `guard` in its block: past an exit guard, only a page runs them (Better Auth's one-tap client). */
function pushStatementsAfter(guard: TSESTree.IfStatement, branches: TSESTree.Node[]): void {
  const block = guard.parent;
  if (block?.type !== AST_NODE_TYPES.BlockStatement) return;
  const index = block.body.indexOf(guard);
  for (let later = index + 1; later < block.body.length; later++) branches.push(block.body[later]);
}

function isTypeofOperand(identifier: TSESTree.Node): boolean {
  return identifier.parent?.type === AST_NODE_TYPES.UnaryExpression && identifier.parent.operator === 'typeof';
}

function otherOperand(logical: TSESTree.LogicalExpression, operand: TSESTree.Node): TSESTree.Node {
  return logical.left === operand ? logical.right : logical.left;
}

/** `typeof window === 'undefined'`, or `!window.document`: a test that holds where there is no page (Better Auth's one-tap client). */
function isBrowserAbsenceTest(node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.UnaryExpression || node.operator !== '!') return isUndefinedTypeofTest(node);
  let object: TSESTree.Node = node.argument;
  while (object.type === AST_NODE_TYPES.MemberExpression) object = object.object;
  return object !== node.argument && object.type === AST_NODE_TYPES.Identifier && (object.name === 'window' || object.name === 'document');
}

/** `typeof <page global> === 'undefined'`, or an `||` of such tests. */
function isUndefinedTypeofTest(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.LogicalExpression) return node.operator === '||' && isUndefinedTypeofTest(node.left) && isUndefinedTypeofTest(node.right);
  if (node.type !== AST_NODE_TYPES.BinaryExpression || (node.operator !== '===' && node.operator !== '==')) return false;
  const [typeofSide, other] = node.left.type === AST_NODE_TYPES.UnaryExpression ? [node.left, node.right] : [node.right, node.left];
  return (
    typeofSide.type === AST_NODE_TYPES.UnaryExpression &&
    typeofSide.operator === 'typeof' &&
    typeofSide.argument.type === AST_NODE_TYPES.Identifier &&
    PAGE_GLOBALS.has(typeofSide.argument.name) &&
    other.type === AST_NODE_TYPES.Literal &&
    other.value === 'undefined'
  );
}

const NO_FUNCTIONS: ReadonlySet<TSESTree.Node> = new Set();

/** Globals only a browser page, a web worker (`self.postMessage`, `usesWebWorkerSelf`) or a browser extension (`chrome.storage`) has. Node ≥ 21 has a `navigator` too, without these members (`usesBrowserOnlyNavigator`). */
const PAGE_GLOBALS = new Set(['document', 'window', 'localStorage', 'sessionStorage', 'navigator', 'chrome', 'self']);
/**
 * The page's DOM, which Node does not have: its constructors and functions as values (`XPathResult.FIRST_ORDERED_NODE_TYPE`,
 * `getComputedStyle(el)`, `new Image()`), and its node and event types in annotations (`root: Element | Document`,
 * `el: HTMLElement`). A function using one works on a page (Maxun's selector and list extractors).
 */
const DOM_VALUE_GLOBALS = new Set([
  'XPathResult', 'NodeFilter', 'getComputedStyle', 'requestAnimationFrame', 'cancelAnimationFrame', 'Image', 'MutationObserver',
  'IntersectionObserver', 'ResizeObserver', 'customElements', 'HTMLElement', 'Node', 'DOMParser', 'XMLHttpRequest', 'FileReader',
  'indexedDB',
]);
const DOM_TYPE_NAMES = new Set(['Document', 'Element', 'Window', 'NodeListOf', 'DOMRect', 'MouseEvent', 'KeyboardEvent', 'PointerEvent', 'DragEvent', 'CanvasRenderingContext2D', 'XPathResult', 'ShadowRoot']);

/**
 * A type reference in the annotation of a function's parameter (`(root: Element) => …`). Elsewhere, a DOM type says
 * less: a server rendering with a canvas library casts its images `as unknown as HTMLImageElement` (Documenso).
 */
function typesParameter(identifier: TSESTree.Node): boolean {
  let child = identifier;
  for (let node = identifier.parent; node; child = node, node = node.parent) {
    if (isFunction(node)) return (node.params as TSESTree.Node[]).includes(child);
  }
  return false;
}

function isDomTypeName(name: string): boolean {
  return DOM_TYPE_NAMES.has(name) || (name.startsWith('HTML') && name.endsWith('Element')) || (name.startsWith('SVG') && name.endsWith('Element'));
}

const BROWSER_ONLY_NAVIGATOR_MEMBERS = new Set(['clipboard', 'serviceWorker', 'geolocation', 'mediaDevices', 'sendBeacon', 'share', 'vibrate', 'onLine']);

function usesBrowserOnlyNavigator(identifier: TSESTree.Node): boolean {
  const member = identifier.parent;
  return member?.type === AST_NODE_TYPES.MemberExpression && member.object === identifier && member.property.type === AST_NODE_TYPES.Identifier && BROWSER_ONLY_NAVIGATOR_MEMBERS.has(member.property.name);
}

/** A web worker's messaging (`self.onmessage = …`, `self.postMessage(…)`): a service worker of an edge runtime uses `self` for its `fetch` events. */
function usesWebWorkerSelf(identifier: TSESTree.Node): boolean {
  const member = identifier.parent;
  return member?.type === AST_NODE_TYPES.MemberExpression && member.object === identifier && member.property.type === AST_NODE_TYPES.Identifier && WEB_WORKER_MEMBERS.has(member.property.name);
}
// A service worker's own: its registration, `skipWaiting()`, the pages it controls, its lifecycle handlers (Parabol's `sw.ts`).
const WEB_WORKER_MEMBERS = new Set(['onmessage', 'postMessage', 'importScripts', 'onmessageerror', 'onconnect', 'registration', 'skipWaiting', 'clients', 'oninstall', 'onactivate', 'onfetch', 'onpush']);

/**
 * `fetch('/api/files')`, `` fetch(`/api/files/${id}`) ``: a path without a host, which only a page resolves (against its
 * own URL). Node's `fetch` throws on it, so the code around it runs in a browser.
 */
function fetchesPagePath(identifier: TSESTree.Node): boolean {
  const call = identifier.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== identifier) return false;
  const head = stringHead(call.arguments[0]);
  return head !== undefined && head.startsWith('/') && !head.startsWith('//');
}

// Besides headless browsers and DOM implementations, XML libraries whose nodes are typed with the DOM's types (SAML).
const SERVER_DOM_MODULES = new Set([
  'playwright', 'playwright-core', '@playwright/test', 'puppeteer', 'puppeteer-core', 'jsdom', 'happy-dom', 'linkedom', 'domino',
  '@xmldom/xmldom', 'xmldom', 'xpath', 'xml-crypto', 'xml-encryption', '@node-saml/node-saml', 'passport-saml', 'samlify',
]);
/** Headless-browser methods that run the function they are given inside the page: `page.evaluate(() => document.title)`. */
const PAGE_EVALUATE_METHODS = new Set(['evaluate', 'evaluateHandle', '$eval', '$$eval', 'addInitScript', 'waitForFunction', 'evaluateOnNewDocument']);

/** The outermost function around `identifier` given to a headless browser's `page.evaluate(…)` and the like, if any. */
function pageEvaluateCallbackAround(identifier: TSESTree.Node): TSESTree.Node | undefined {
  let callback: TSESTree.Node | undefined;
  for (let node = identifier.parent; node; node = node.parent) if (isCallbackOfPageEvaluate(node)) callback = node;
  return callback;
}

/** `fn` is given to one of the headless-browser methods that run it inside the page (`page.$eval(sel, (el) => …)`). */
function isCallbackOfPageEvaluate(fn: TSESTree.Node): boolean {
  if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.type !== AST_NODE_TYPES.FunctionExpression) return false;
  const call = fn.parent;
  return (
    call?.type === AST_NODE_TYPES.CallExpression &&
    call.arguments.includes(fn) &&
    call.callee.type === AST_NODE_TYPES.MemberExpression &&
    call.callee.property.type === AST_NODE_TYPES.Identifier &&
    PAGE_EVALUATE_METHODS.has(call.callee.property.name)
  );
}

/**
 * A function a headless browser runs inside its page: given to `page.evaluate(…)` and the like in a file that
 * drives playwright or puppeteer (only the distinctive `$eval`, `waitForFunction`… elsewhere: `evaluate` is a common
 * method name). Its `console.log` prints in the page, and its work is the page's.
 */
function runsInHeadlessPage(fn: TSESTree.Node, drivesHeadlessBrowser: () => boolean): boolean {
  if (!isCallbackOfPageEvaluate(fn)) return false;
  const method = ((fn.parent as TSESTree.CallExpression).callee as TSESTree.MemberExpression).property as TSESTree.Identifier;
  return (method.name !== 'evaluate' && method.name !== 'evaluateHandle') || drivesHeadlessBrowser();
}

function isHeadlessBrowserModule(source: string): boolean {
  // `playwright-core`, `@playwright/test`, `puppeteer-extra`, crawlee's `@crawlee/playwright`.
  return isPackageFamily(source, 'playwright') || isPackageFamily(source, 'puppeteer') || isPackageFamily(source, 'crawlee');
}

function directiveOf(program: TSESTree.Program): string | undefined {
  const first = program.body[0];
  return first?.type === AST_NODE_TYPES.ExpressionStatement ? (first.directive ?? undefined) : undefined;
}

/** A top-level import of a React hook (`isClientHookImport`). */
function importsClientHook(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  for (const statement of sourceCode.ast.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration || statement.importKind === 'type') continue;
    const source = statement.source.value;
    for (const specifier of statement.specifiers) {
      if (specifier.type === AST_NODE_TYPES.ImportSpecifier) {
        if (specifier.importKind !== 'type' && isClientHookImport(source, importedName(specifier))) return true;
      } else if ((specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier && isClientHookImport(source, 'default')) || (REACT_MODULES.has(source) && callsHookOf(sourceCode, specifier))) {
        return true;
      }
    }
  }
  return false;
}

const REACT_MODULES = new Set(['react', 'preact/compat']);

/**
 * A JSX file whose component calls an imported hook of any library (`const { toast } = useToast()` in Teable's
 * `CodeBlock`, Vendure's `useLocalFormat()`): a component that calls a hook renders in the browser, since server
 * components cannot call them. Only in `.tsx`/`.jsx` files and only from PascalCase functions: server code has
 * `use…` functions too (Nitro's `useStorage()`, class-validator's `useContainer()`).
 */
function componentCallsHook(sourceCode: Readonly<TSESLint.SourceCode>, relativePath: string): boolean {
  if (!relativePath.endsWith('x')) return customHookCallsProjectHook(sourceCode, relativePath);
  for (const statement of sourceCode.ast.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration || statement.importKind === 'type' || SERVER_COMPONENT_HOOK_MODULES.has(statement.source.value)) continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type === AST_NODE_TYPES.ImportSpecifier && specifier.importKind === 'type') continue;
      const isHook = specifier.type !== AST_NODE_TYPES.ImportNamespaceSpecifier && isHookName(specifier.local.name);
      const [variable] = sourceCode.getDeclaredVariables(specifier);
      // A hook by name (`useToast()`), or one reached through an imported object (tRPC's `api.traces.byId.useQuery()`).
      if (variable?.references.some((reference) => isCallInComponent(isHook ? (reference.identifier as TSESTree.Node) : hookMemberOf(reference.identifier as TSESTree.Node)))) return true;
    }
  }
  return false;
}

/**
 * A custom hook in a `.ts` file (`export function useInitialFilters()`) calling a hook of the project's own `hooks/`
 * folder (`import { useSearchParams } from '~/hooks/search-params'`, Shelf's filters; `import { useFields } from
 * './useFields'` beside it, Umami's `components/hooks`): React code. Both names and the folder must say so; server
 * code has `use…` functions of its own (Nitro's `useStorage()`).
 */
function customHookCallsProjectHook(sourceCode: Readonly<TSESLint.SourceCode>, relativePath: string): boolean {
  for (const statement of sourceCode.ast.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration || statement.importKind === 'type') continue;
    let checkedModule = false;
    for (const specifier of statement.specifiers) {
      if (specifier.type !== AST_NODE_TYPES.ImportSpecifier || specifier.importKind === 'type' || !isHookName(specifier.local.name)) continue;
      // The module's path last: most imports bring no hook, and every file asks.
      if (!checkedModule) {
        if (!isProjectHooksModule(statement.source.value, relativePath)) break;
        checkedModule = true;
      }
      const [variable] = sourceCode.getDeclaredVariables(specifier);
      if (variable?.references.some((reference) => isCalledInFunctionNamed(reference.identifier as TSESTree.Node, isHookName))) return true;
    }
  }
  return false;
}

/**
 * `~/hooks/search-params`, `@/hooks/use-user`, `../../hooks`, or `./useFields` from a file in `hooks/`: a module of the
 * project's `hooks/` folder.
 */
function isProjectHooksModule(source: string, relativePath: string): boolean {
  if (source.startsWith('~/') || source.startsWith('@/')) return HOOKS_FOLDER.test(source);
  // `./…` stays in the file's folder, so in a hooks folder when the file is (no path joined: every import asks).
  return isRelativeSpecifier(source) && (HOOKS_FOLDER.test(source) || (source.startsWith('./') && HOOKS_FOLDER.test(relativePath)));
}

const HOOKS_FOLDER = /(?:^|\/)hooks(?:\/|$)/;

/** Hooks server components may call: next-intl's `useTranslations`, `useFormatter`, `useLocale`. */
const SERVER_COMPONENT_HOOK_MODULES = new Set(['next-intl', 'use-intl']);

/** The member chain `root.a.b.useX` that `root` starts, if it ends in a hook's name; else `root` itself (no hook). */
function hookMemberOf(root: TSESTree.Node): TSESTree.Node | undefined {
  let current = root;
  while (current.parent?.type === AST_NODE_TYPES.MemberExpression && current.parent.object === current && !current.parent.computed) current = current.parent;
  return current !== root && current.type === AST_NODE_TYPES.MemberExpression && current.property.type === AST_NODE_TYPES.Identifier && isHookName(current.property.name) ? current : undefined;
}

function isCallInComponent(callee: TSESTree.Node | undefined): boolean {
  return isCalledInFunctionNamed(callee, (name) => name.charCodeAt(0) >= 65 && name.charCodeAt(0) <= 90);
}

/** `callee` is called in a function whose name (a declaration's, or the `const` holding it) passes `accepts`. */
function isCalledInFunctionNamed(callee: TSESTree.Node | undefined, accepts: (name: string) => boolean): boolean {
  const call = callee?.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== callee) return false;
  const fn = enclosingFunction(call);
  const name = fn?.type === AST_NODE_TYPES.FunctionDeclaration ? fn.id?.name : fn?.parent?.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.id.type === AST_NODE_TYPES.Identifier ? fn.parent.id.name : undefined;
  return name !== undefined && accepts(name);
}

/** `React.useCallback(…)` through `import * as React from 'react'` or `import React from 'react'`: a hook, as if imported by name. */
function callsHookOf(sourceCode: Readonly<TSESLint.SourceCode>, specifier: TSESTree.ImportDefaultSpecifier | TSESTree.ImportNamespaceSpecifier): boolean {
  const [variable] = sourceCode.getDeclaredVariables(specifier);
  return (
    variable?.references.some((reference) => {
      const member = reference.identifier.parent;
      return member?.type === AST_NODE_TYPES.MemberExpression && member.object === reference.identifier && !member.computed && member.property.type === AST_NODE_TYPES.Identifier && CLIENT_HOOKS.has(member.property.name);
    }) === true
  );
}

/** Module specifiers of top-level imports, re-exports (`export { x } from '…'`) and `require('…')` calls at module level (a list: a file has a few). */
function importedModules(program: TSESTree.Program): string[] {
  const out: string[] = [];
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) out.push(statement.source.value);
    if ((statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportAllDeclaration) && statement.source) out.push(statement.source.value);
    if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of statement.declarations) {
        const source = requireSource(declarator.init);
        if (source !== undefined) out.push(source);
      }
    }
  }
  return out;
}

function requireSource(node: TSESTree.Node | null | undefined): string | undefined {
  while (node?.type === AST_NODE_TYPES.MemberExpression) node = node.object;
  if (
    node?.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.Identifier &&
    node.callee.name === 'require' &&
    node.arguments[0]?.type === AST_NODE_TYPES.Literal &&
    typeof node.arguments[0].value === 'string'
  ) {
    return node.arguments[0].value;
  }
  return undefined;
}

function readsProcessArgvAtTopLevel(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  return globalReferences(sourceCode, 'process').some((identifier) => {
    const parent = identifier.parent;
    return parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === identifier && propertyName(parent) === 'argv' && !enclosingFunction(parent);
  });
}

/**
 * References to a global such as `console` or `process`, never a local binding of that name. Unlike
 * ReferenceTracker's global tracking, this also sees globals the ESLint config does not declare (TypeScript
 * projects rarely list Node's globals): those references stay unresolved in the global scope.
 */
export function globalReferences(sourceCode: Readonly<TSESLint.SourceCode>, name: string): TSESTree.Identifier[] {
  const globalScope = sourceCode.scopeManager?.globalScope;
  if (!globalScope) return [];
  const out: TSESTree.Identifier[] = [];
  const declared = globalScope.set.get(name);
  if (declared) {
    if (declared.defs.length > 0) return [];
    for (const reference of declared.references) if (reference.isRead()) out.push(reference.identifier as TSESTree.Identifier);
  }
  for (const reference of globalScope.through) {
    if (reference.identifier.name === name && reference.isRead()) out.push(reference.identifier as TSESTree.Identifier);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// What counts as what

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'use', 'head', 'options', 'param', 'route']);
const ERROR_HANDLER_SETTERS = new Set(['setErrorHandler', 'setNotFoundHandler', 'setSchemaErrorFormatter']);
/** Fastify application hooks: they run at startup or shutdown, not per request. */
const FASTIFY_APP_HOOKS = new Set(['onReady', 'onListen', 'onClose', 'preClose', 'onRoute', 'onRegister']);
const CRASH_OR_SHUTDOWN_EVENTS = new Set([
  'uncaughtException',
  'uncaughtExceptionMonitor',
  'unhandledRejection',
  'warning',
  'exit',
  'beforeExit',
  'SIGTERM',
  'SIGINT',
  'SIGHUP',
  'SIGQUIT',
  'SIGUSR1',
  'SIGUSR2',
]);
const PROCESS_LISTENER_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);
/** Events of a server that fire per incoming request or connection. */
const PER_REQUEST_EVENTS = new Set(['request', 'connection', 'upgrade']);
const HTTP_MODULES = ['http', 'https', 'http2', 'node:http', 'node:https', 'node:http2'];
const TRPC_RESOLVERS = new Set(['query', 'mutation', 'subscription']);
/** Calls that run their callback before returning (or once, right after): the callback runs where the call does. */
const IMMEDIATE_CALLBACK_METHODS = new Set([
  'forEach', 'map', 'flatMap', 'filter', 'reduce', 'reduceRight', 'some', 'every', 'find', 'findIndex', 'findLast',
  'findLastIndex', 'sort', 'toSorted', 'from', 'replace', 'replaceAll', 'then', 'catch', 'finally',
]);
const IMMEDIATE_CALLBACK_FUNCTIONS = new Set(['setTimeout', 'setImmediate', 'queueMicrotask', 'nextTick']);

/** Calls that give the same router under another type: Fastify's `fastify.withTypeProvider<TypeBoxTypeProvider>()` (Dittofeed's controllers). */
const SAME_ROUTER_METHODS = new Set(['withTypeProvider']);
/** Route registration receivers by name: `app`, `router`, `server`, `fastify`, `userRouter`, `this.app`, … */
const ROUTER_NAME = /^(?:app|application|router|server|fastify|instance|api|hono|koa|routes|[a-z][A-Za-z0-9]*(?:Router|App|Server|Routes))$/;
/** Packages whose types or factories make a receiver a router/app. */
const ROUTER_PACKAGES = new Set(['express', 'express-serve-static-core', 'fastify', 'hono', 'koa', '@koa/router', 'koa-router', 'restify', 'polka']);
const ROUTER_FACTORY_IMPORTS = new Set(['express', 'fastify', 'hono', 'koa', '@koa/router', 'koa-router', 'restify', 'polka']);

const HTTP_METHOD_EXPORTS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const HANDLER_DECORATORS = new Set([
  'Get', 'Post', 'Put', 'Patch', 'Delete', 'All', 'Options', 'Head', 'Search', 'Sse',
  'Query', 'Mutation', 'Subscription', 'ResolveField', 'FieldResolver', 'MessagePattern', 'SubscribeMessage',
]);
/**
 * trigger.dev's task definitions: each run of `run` executes in a worker process of the platform's, apart from the
 * app's server (Papermark's file conversions, Midday's jobs).
 */
const TRIGGER_TASK_FACTORIES = new Set(['task', 'schemaTask']);
const TRIGGER_SDK_MODULES = ['@trigger.dev/sdk', '@trigger.dev/sdk/v3'];
const NEST_APPLICATION_FACTORIES: ReadonlySet<string> = new Set(['create', 'createApplicationContext', 'createMicroservice']);
const JOB_DECORATORS = new Set(['Cron', 'Interval', 'Timeout', 'Process', 'OnEvent', 'EventPattern', 'OnWorkerEvent', 'OnQueueEvent']);
/**
 * NestJS (and similar) classes instantiated once by the DI container at startup; TypeORM's `@EventSubscriber()`
 * classes, once by the data source as it starts (their hooks still run per write).
 */
const DI_CLASS_DECORATORS = new Set(['Injectable', 'Controller', 'Module', 'Resolver', 'Processor', 'WebSocketGateway', 'Catch', 'JsonController', 'EventSubscriber']);
const DECORATOR_PACKAGES = /^(?:@nestjs\/|routing-controllers$|type-graphql$|typeorm$)/;

/**
 * Names of code that runs once per process: at startup, and at its end (`stopApp`, `shutdown`, `gracefulShutdown`);
 * a server, router or gateway started or closed by name (erxes's `startSubscriptionServer`, `startRouter`); Gauzy's
 * plugin lifecycle (`onPluginBootstrap`, `onPluginDestroy`, `onPluginDefaultSeed`); every runner of a manager started
 * or stopped at once (Tianji's monitor and cron managers' `startAll`).
 */
const STARTUP_NAME =
  /^(?:main|listen|(?:start|stop)(?:Server|App|Application|Http|Https|HTTP|HTTPS|Api|API|Router|All)?|(?:start|stop|close)[A-Z]\w*(?:Server|Router|Gateway)|onPlugin(?:Bootstrap|Destroy|[A-Za-z]*Seed)|(?:bootstrap|boot|init|initialize|initialise|setup|setUp|configure|seed|migrate|runMigrations?|runSeeds?|shutdown|gracefulShutdown|loadConfig|loadConfiguration|loadEnv|readConfig|readConfiguration|readEnv)(?:[A-Z0-9_].*)?|on(?:Application|App|Module|Server)(?:Start|Started|Init|Ready|Bootstrap|Shutdown|Stop)_?|onStart(?:up)?(?:Async)?|[A-Za-z]*ModuleOptions)$/;

const TEARDOWN_NAMES = new Set(['destroy', 'dispose', 'teardown']);

/**
 * `destroy()` (or `dispose()`, `teardown()`) taking nothing, in a class that also has a startup method (`init(injector)`):
 * the pair a framework calls when it starts and stops a plugin or strategy (Vendure's `InjectableStrategy`), once each.
 * A `destroy(id)` that takes what to delete is a handler's.
 */
function isTeardownOfInitialisedClass(member: TSESTree.MethodDefinition | TSESTree.PropertyDefinition, name: string, classNode: ClassNode): boolean {
  if (!TEARDOWN_NAMES.has(name) || member.type !== AST_NODE_TYPES.MethodDefinition || member.value.params.length > 0) return false;
  return classNode.body.body.some((other) => other.type === AST_NODE_TYPES.MethodDefinition && other.kind === 'method' && /^init(?:iali[sz]e)?$/.test(memberName(other) ?? ''));
}

/**
 * The function's body always ends by calling `process.exit(…)`: as its last statement, or last in the `finally` of a
 * `try` that is (`try { … } finally { await db.disconnect(); process.exit(0); }`). An exit in a branch says nothing.
 */
function endsTheProcess(fn: FunctionNode): boolean {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return false;
  const last = fn.body.body.at(-1);
  const final = last?.type === AST_NODE_TYPES.TryStatement ? last.finalizer?.body.at(-1) : last;
  return final?.type === AST_NODE_TYPES.ExpressionStatement && isProcessExitCall(final.expression);
}

/** Modules that load environment files, and the function that does it. */
const ENV_FILE_LOADERS: ReadonlyMap<string, string> = new Map([
  ['dotenv', 'config'],
  ['@next/env', 'loadEnvConfig'],
]);

function isStartupName(name: string): boolean {
  return STARTUP_NAME.test(name);
}

/**
 * A public method that takes two or more arguments and returns what it builds from them is a factory its callers use
 * whenever they need one, whatever its name: each Flowise node's `init(nodeData, input, options)` returns the model or
 * store it configures, on every prediction. A startup `init(app, config)` sets state and returns nothing.
 */
function buildsFromItsArguments(member: TSESTree.MethodDefinition | TSESTree.PropertyDefinition): boolean {
  const fn = member.value;
  if (!fn || (fn.type !== AST_NODE_TYPES.FunctionExpression && fn.type !== AST_NODE_TYPES.ArrowFunctionExpression) || fn.params.length < 2) return false;
  return returnedExpressions(fn).some((returned) => {
    const value = skipExpressionWrappers(returned);
    return !(value.type === AST_NODE_TYPES.ThisExpression || (value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined'));
  });
}

/**
 * A loop that runs as long as the process does, started once: `while (true)`, `for (;;)`, `while (this.running)`
 * (a flag the loop never sets itself, and no `break` or `return` of its own). A worker's polling loop: what its body
 * does, and calls, happens again and again while the server runs, though the function around it starts only once.
 * A retry loop at startup (`while (!connected) { …; connected = true; }`, `while (true) { try { …; break; } … }`) ends.
 */
function isWorkerLoop(loop: TSESTree.Node, child: TSESTree.Node, visitorKeys: TSESLint.SourceCode.VisitorKeys): boolean {
  if ((loop.type !== AST_NODE_TYPES.WhileStatement && loop.type !== AST_NODE_TYPES.DoWhileStatement && loop.type !== AST_NODE_TYPES.ForStatement) || child !== loop.body) return false;
  const { test } = loop;
  const flag = test === null ? undefined : test.type === AST_NODE_TYPES.UnaryExpression && test.operator === '!' ? test.argument : test;
  const name = flag === undefined ? undefined : flagName(flag);
  if (flag !== undefined && !(flag.type === AST_NODE_TYPES.Literal && flag.value === true) && name === undefined) return false;
  return !leavesOrSets(loop.body, name, visitorKeys);
}

/** `running` of `running` or `this.running`: a flag a worker's `stop()` turns off. */
function flagName(node: TSESTree.Node): string | undefined {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name;
  if (node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.ThisExpression && !node.computed && node.property.type === AST_NODE_TYPES.Identifier) return node.property.name;
  return undefined;
}

const MAX_LOOP_NODES = 5000;

/** The loop body leaves the loop itself (`break`, `return`) or assigns the flag it tests. */
function leavesOrSets(body: TSESTree.Node, flag: string | undefined, visitorKeys: TSESLint.SourceCode.VisitorKeys): boolean {
  const stack: TSESTree.Node[] = [body];
  for (let visited = 0; stack.length > 0; visited++) {
    if (visited > MAX_LOOP_NODES) return true;
    const node = stack.pop() as TSESTree.Node;
    if (isFunction(node)) continue;
    if (node.type === AST_NODE_TYPES.ReturnStatement || (node.type === AST_NODE_TYPES.BreakStatement && node.label === null && !isInNestedBreakable(node, body))) return true;
    if (node.type === AST_NODE_TYPES.BreakStatement && node.label !== null) return true;
    if (flag !== undefined && node.type === AST_NODE_TYPES.AssignmentExpression && flagName(node.left) === flag) return true;
    pushChildNodes(node, visitorKeys, stack);
  }
  return false;
}

/** A `break` that belongs to a loop or `switch` inside the body, not to the loop itself. */
function isInNestedBreakable(node: TSESTree.Node, body: TSESTree.Node): boolean {
  for (let current = node.parent; current && current !== body; current = current.parent) {
    if (isLoop(current) || current.type === AST_NODE_TYPES.SwitchStatement) return true;
  }
  return false;
}

/** Code of a worker loop in code that runs once: it runs for the life of the process, like a job. */
function repeatedForever(context: RequestPathClassification | undefined): RequestPathClassification | undefined {
  return context && !context.onRequestPath && ONCE_STARTED_REASONS.has(context.reason) ? ON('job') : context;
}

/** Where a worker's loop starts: at startup, at module load, when the server listens. */
const ONCE_STARTED_REASONS = new Set<RequestPathReason>(['startup', 'module-top-level', 'listen-callback', 'lazy-initialisation']);

// ---------------------------------------------------------------------------------------------------------
// The analyzer

/** Who imports an export, as far as the program shows: nobody, only scripts/tests/migrations/config, server code too, or unknown (no types). */
/**
 * Who imports an export, with type information: nobody, only scripts (and tests, migrations, config or browser
 * code), only such files and server modules that call it while they load (`load-time`), or server code.
 */
type ImporterVerdict = 'none' | 'scripts-only' | 'load-time' | 'server' | 'unknown';

/** Server modules read for load-time calls, at most: past that, the export is assumed to serve requests. */
const MAX_LOAD_TIME_IMPORTERS = 20;

const ON = (reason: RequestPathReason): RequestPathClassification => ({ onRequestPath: true, reason });
const OFF = (reason: RequestPathReason): RequestPathClassification => ({ onRequestPath: false, reason });

/**
 * Code that runs in the serving process, where a blocked event loop delays requests: all of the request path but the
 * tasks a job platform runs in worker processes of its own, and a package that is a process of its own serving nothing
 * (`inDetachedProcess`), for the rules about blocking and synchronous output.
 */
export function sharesServingEventLoop(where: RequestPathClassification): boolean {
  return where.onRequestPath && where.reason !== 'worker-process-job' && where.inDetachedProcess !== true;
}

/** Top-level statements only a module has: a file with one is no script sharing its globals. */
const MODULE_STATEMENTS: ReadonlySet<string> = new Set([AST_NODE_TYPES.ImportDeclaration, AST_NODE_TYPES.ExportNamedDeclaration, AST_NODE_TYPES.ExportDefaultDeclaration, AST_NODE_TYPES.ExportAllDeclaration, AST_NODE_TYPES.TSExportAssignment]);

/** How a function value (or a wrapper call's result) is used, and what that says about where it runs. */
interface Usage {
  /**
   * call: invoked here; registered: passed to a route/hook/worker/listen/…; exported: leaves the file;
   * returned: handed to whoever calls the enclosing function; callback: passed to some other call;
   * unknown: stored in a property, an object, …
   */
  kind: 'call' | 'registered' | 'exported' | 'returned' | 'callback' | 'unknown';
  /**
   * Where the usage runs, worked out only when needed (call and callback usages ask about the enclosing
   * function). Undefined while undecided: the usage sits in a function whose answer is being worked out (a cycle).
   */
  resolve: () => RequestPathClassification | undefined;
}

function hasPrivateConstructor(classNode: ClassNode): boolean {
  return classNode.body.body.some((member) => member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor' && member.accessibility === 'private');
}

function isStaticMemberAccess(identifier: TSESTree.Node): boolean {
  const parent = identifier.parent;
  return parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === identifier && !parent.computed && parent.property.type === AST_NODE_TYPES.Identifier && parent.property.name !== 'prototype';
}

/**
 * `{ provide: CacheService, useFactory: (config) => … }`, `TypeOrmModule.forRootAsync({ useFactory: … })`: a NestJS
 * (or Angular) container calls the factory once, when it builds the module (`builtPerRequest` says when not).
 */
function isDependencyFactory(property: TSESTree.Property): boolean {
  return !property.computed && property.key.type === AST_NODE_TYPES.Identifier && property.key.name === 'useFactory' && property.parent.type === AST_NODE_TYPES.ObjectExpression;
}

/** The provider says `scope: Scope.REQUEST` or `Scope.TRANSIENT`: its factory runs per request or per injection. */
function builtPerRequest(provider: TSESTree.Node): boolean {
  if (provider.type !== AST_NODE_TYPES.ObjectExpression) return false;
  return provider.properties.some(
    (property) =>
      property.type === AST_NODE_TYPES.Property &&
      !property.computed &&
      property.key.type === AST_NODE_TYPES.Identifier &&
      property.key.name === 'scope' &&
      property.value.type === AST_NODE_TYPES.MemberExpression &&
      property.value.property.type === AST_NODE_TYPES.Identifier &&
      (property.value.property.name === 'REQUEST' || property.value.property.name === 'TRANSIENT'),
  );
}

/**
 * `export const prisma = singleton('prisma', () => makeClient())` at module level: a value made once under a name
 * (a `globalThis` slot that survives hot reloads), so the callback, which takes nothing, runs while the module loads.
 * A wrapper whose result serves requests takes their arguments (`withAuth(async (req) => …)`) or no name
 * (`memoize(() => …)`, `unstable_cache(fn, ['key'])`); a job helper takes a name too, so the helper's own name decides.
 */
function isNamedValueFactory(call: TSESTree.CallExpression | TSESTree.NewExpression, callback: TSESTree.Node): boolean {
  if (call.type !== AST_NODE_TYPES.CallExpression || !isFunction(callback) || (callback as FunctionNode).params.length > 0) return false;
  // By the helper's name: a job helper has the same shape (Civitai's `createJob('name', '0 * * * *', async () => …)`).
  const callee = skipExpressionWrappers(call.callee);
  const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : undefined;
  if (name === undefined || !VALUE_FACTORY_NAME.test(name)) return false;
  if (!call.arguments.some((argument) => stringValue(argument) !== undefined)) return false;
  return enclosingFunction(call) === undefined;
}

/** Helpers that keep one value per name for the process: `singleton`, `globalSingleton`, `remember`, `lazy`, `once`. */
const VALUE_FACTORY_NAME = /singleton|^remember|^lazy$|^once$/i;

function fixedUsage(kind: Usage['kind'], result: RequestPathClassification): Usage {
  return { kind, resolve: () => result };
}

/** Usages that show a value is treated as a function (so a wrapper's callback runs when the wrapper's result does). */
const FUNCTIONAL_USAGES = new Set<Usage['kind']>(['call', 'registered', 'exported', 'returned']);

const MAX_DEPTH = 40;
/** Functions and classes analysed per file, counting re-analysis inside cycles. */
const MAX_WORK = 20_000;
/** Nodes scanned in one function body when looking for route registrations. */
const MAX_SCANNED_NODES = 3000;
const MAX_USAGE_HOPS = 12;
/** Nodes scanned in one class body when looking for the calls of its private methods. */
const MAX_SCANNED_CLASS_NODES = 20_000;

class Analyzer {
  private readonly memo = new Map<TSESTree.Node, RequestPathClassification>();
  private readonly stack: TSESTree.Node[] = [];
  /** Nodes whose result depended on a node up the stack that was still undecided (a cycle). */
  private readonly provisional = new Set<TSESTree.Node>();
  /**
   * Provisional results, reused until the current top-level query ends: without them, a file of many
   * mutually recursive functions would be explored once per path through them.
   */
  private readonly queryMemo = new Map<TSESTree.Node, RequestPathClassification | null>();
  private work = 0;
  private readonly usageCache = new Map<TSESTree.Node, readonly Usage[]>();
  private readonly registersRoutesCache = new Map<TSESTree.Node, boolean>();
  /** The file loads a module that reads environment files (see `loadsEnvironmentFile`); computed on first need. */
  private loadsEnvModule: boolean | undefined;
  /** The file loads `@nestjs/core` (see `createsNestApplication`); computed on first need. */
  private loadsNestCore: boolean | undefined;
  private readonly thisUsesCache = new Map<ClassNode, ReadonlyMap<string, TSESTree.MemberExpression[]>>();
  /** Present when the file is linted with type information. */
  private readonly typeServices: ParserServicesWithTypeInformation | undefined;
  private readonly isNextRouteFile: boolean;
  private readonly isNextApiFile: boolean;
  private readonly isNextMiddlewareFile: boolean;
  private readonly isServerActionsFile: boolean;
  /** What an App Router page, layout or sitemap exports for Next.js to call at build time (`nextBuildTimeExports`). */
  private readonly nextBuildTimeExports: ReadonlySet<string> | undefined;
  /** A route module with a component beside its `loader`/`action` (`isFrameworkRouteModule`, in a `.tsx`/`.jsx` file). */
  private readonly isRouteModule: boolean;

  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    readonly fileKind: FileKind,
    relativePath: string,
    private readonly files: { cwd: string; fileName: string; isScriptPath: (p: string) => boolean },
  ) {
    const services = sourceCode.parserServices as Partial<ParserServicesWithTypeInformation> | undefined;
    this.typeServices = services?.program ? (services as ParserServicesWithTypeInformation) : undefined;
    const base = baseName(relativePath);
    this.isNextRouteFile = NEXT_ROUTE_FILE.test(base);
    this.isNextMiddlewareFile = NEXT_MIDDLEWARE_FILE.test(base);
    this.isNextApiFile = isNextApiPath(relativePath);
    this.nextBuildTimeExports = nextBuildTimeExports(relativePath);
    const first = sourceCode.ast.body[0];
    this.isServerActionsFile = first?.type === AST_NODE_TYPES.ExpressionStatement && first.directive === 'use server';
    this.isRouteModule = fileKind === 'server' && relativePath.endsWith('x') && isFrameworkRouteModule(sourceCode.ast, () => importedModules(sourceCode.ast), relativePath);
  }

  classify(node: TSESTree.Node): RequestPathClassification {
    switch (this.fileKind) {
      case 'server': {
        if (runsOnlyOutsideProduction(node, this.sourceCode)) return OFF('outside-production');
        if (this.inPageCode(node)) return OFF('client-side');
        // Undecided only happens inside a cycle, never for a fresh query.
        const where = this.location(node) ?? ON('server-function');
        return where.onRequestPath && this.inWorkerProcessPackage() ? { ...where, inDetachedProcess: true } : where;
      }
      default:
        return OFF(this.fileKind);
    }
  }

  private workerProcessPackage: boolean | undefined;

  private inWorkerProcessPackage(): boolean {
    this.workerProcessPackage ??= packageKindAt(this.files.cwd, this.files.fileName, CLI_MODULES) === 'worker-process' && siblingsServeNothing(this.files.cwd, this.files.fileName);
    return this.workerProcessPackage;
  }

  private pageFunctions: ReadonlySet<TSESTree.Node> | undefined;

  /** `node` is in a function that uses the page's globals (`pageCodeFunctions`), or that a headless browser runs in its page. */
  inPageCode(node: TSESTree.Node): boolean {
    this.pageFunctions ??= this.isRouteModule ? new Set([...pageCodeFunctions(this.sourceCode), ...routeModuleComponents(this.sourceCode.ast)]) : pageCodeFunctions(this.sourceCode);
    for (let current: TSESTree.Node | undefined = node; current; current = current.parent) {
      if (this.pageFunctions.has(current) || runsInHeadlessPage(current, this.drivesHeadlessBrowser)) return true;
    }
    return false;
  }

  private headlessBrowser: boolean | undefined;
  private readonly drivesHeadlessBrowser = (): boolean => (this.headlessBrowser ??= importedModules(this.sourceCode.ast).some(isHeadlessBrowserModule));

  /** Where the code at `node` runs: decided by its innermost enclosing function or class member. */
  private location(node: TSESTree.Node): RequestPathClassification | undefined {
    let child: TSESTree.Node = node;
    let inWorkerLoop = false;
    for (let current: TSESTree.Node | undefined = node; current; child = current, current = current.parent) {
      if (isFunction(current)) return inWorkerLoop ? repeatedForever(this.functionContext(current)) : this.functionContext(current);
      // Instance field initialisers run in the constructor.
      if (current.type === AST_NODE_TYPES.PropertyDefinition && current.value === child && !current.static && current !== node) {
        return this.constructorContext(current.parent.parent as ClassNode);
      }
      if (!inWorkerLoop && isWorkerLoop(current, child, this.sourceCode.visitorKeys)) inWorkerLoop = true;
    }
    return inWorkerLoop ? repeatedForever(OFF('module-top-level')) : OFF('module-top-level');
  }

  /** Memoised, cycle-safe evaluation of where a function (or a class's constructor) runs. */
  private memoised(key: TSESTree.Node, compute: () => RequestPathClassification | undefined): RequestPathClassification | undefined {
    const known = this.memo.get(key);
    if (known) return known;
    if (this.queryMemo.has(key)) {
      // A provisional answer: whoever uses it depends on the same undecided cycle.
      for (const frame of this.stack) this.provisional.add(frame);
      return this.queryMemo.get(key) ?? undefined;
    }
    const index = this.stack.indexOf(key);
    if (index >= 0) {
      // A cycle: the frames above `key` depend on a result not known yet.
      for (const frame of this.stack.slice(index + 1)) this.provisional.add(frame);
      return undefined;
    }
    // Bounds on pathological files (very deep call chains, huge cycles): assume the code serves requests.
    if (this.stack.length >= MAX_DEPTH || ++this.work > MAX_WORK) return ON('server-function');
    this.stack.push(key);
    let result: RequestPathClassification | undefined;
    try {
      result = compute();
    } finally {
      this.stack.pop();
    }
    if (this.provisional.has(key)) {
      this.provisional.delete(key);
      this.queryMemo.set(key, result ?? null);
    } else if (result) {
      this.memo.set(key, result);
    }
    if (this.stack.length === 0) this.queryMemo.clear();
    return result;
  }

  private functionContext(fn: FunctionNode): RequestPathClassification | undefined {
    return this.memoised(fn, () => this.computeFunctionContext(fn));
  }

  private computeFunctionContext(fn: FunctionNode): RequestPathClassification | undefined {
    const member = fn.parent;
    if (
      (member.type === AST_NODE_TYPES.MethodDefinition || member.type === AST_NODE_TYPES.PropertyDefinition) &&
      member.value === fn
    ) {
      return this.memberContext(member);
    }
    if (isDecoratorFunction(fn) || this.transformsPayloadConfig(fn)) return OFF('startup');
    const usages = this.usagesOf(fn);
    const isSetup = () => {
      const name = functionName(fn);
      return (
        (name !== undefined && STARTUP_NAME.test(name) && (!enclosingFunction(fn) || isMethodOfReturnedObject(fn))) ||
        this.registersRoutes(fn) ||
        this.loadsEnvironmentFile(fn) ||
        this.createsNestApplication(fn)
      );
    };
    if (usages.length === 0 && this.isDeadDeclaration(fn)) return OFF('never-called');
    const found = this.combine(usages, isSetup);
    // A function that ends the process runs at most once, however it is reached: a script's main (Novu's
    // `apps/api/admin/connect-to-dal.ts`). Code known to run once already keeps its reason (a crash handler's `.catch`).
    return found?.onRequestPath && endsTheProcess(fn) ? OFF('cli-script') : found;
  }

  /**
   * A function declaration nothing refers to (Rybbit's `convertPostgresToClickhouse`, whose caller was commented out):
   * not exported, and declared inside another function or in a module. A file with no `import`, `export` or
   * `require` may be a script whose top-level functions other scripts call.
   */
  private isDeadDeclaration(fn: FunctionNode): boolean {
    if (fn.type !== AST_NODE_TYPES.FunctionDeclaration || !fn.id || isExportedDeclaration(fn)) return false;
    if (enclosingFunction(fn)) return true;
    this.isModule ??= this.sourceCode.ast.body.some((statement) => MODULE_STATEMENTS.has(statement.type)) || /\brequire\s*\(|\bmodule\.exports\b|\bexports\./.test(this.sourceCode.text);
    return this.isModule;
  }

  private isModule: boolean | undefined;

  /**
   * A Payload plugin or config step: `(incomingConfig: Config): Config => …` with `Config` from `payload`. Payload
   * runs it once, while it builds its configuration at startup (Payload's form builder and multi-tenant plugins).
   */
  private transformsPayloadConfig(fn: FunctionNode): boolean {
    const returned = fn.returnType?.typeAnnotation;
    if (!returned || !fn.params.some((param) => param.type === AST_NODE_TYPES.Identifier && param.typeAnnotation !== undefined)) return false;
    const scope = this.sourceCode.getScope(fn);
    const isPayloadConfig = (type: TSESTree.TypeNode | undefined) => {
      const origin = type && resolveTypeReference(type, scope);
      return origin?.kind === 'import' && origin.source === 'payload' && origin.path.length === 1 && origin.path[0] === 'Config';
    };
    const returnsConfig = isPayloadConfig(returned) || (returned.type === AST_NODE_TYPES.TSTypeReference && returned.typeName.type === AST_NODE_TYPES.Identifier && returned.typeName.name === 'Promise' && isPayloadConfig(returned.typeArguments?.params[0]));
    return returnsConfig && fn.params.some((param) => param.type === AST_NODE_TYPES.Identifier && isPayloadConfig(param.typeAnnotation?.typeAnnotation));
  }

  /** Methods and class-field functions: decorators, NestJS lifecycle hooks, constructors, startup names. */
  private memberContext(member: TSESTree.MethodDefinition | TSESTree.PropertyDefinition): RequestPathClassification | undefined {
    for (const decorator of decoratorsOf(member)) {
      const name = this.decoratorName(decorator);
      if (name && HANDLER_DECORATORS.has(name)) return ON('handler');
      if (name && JOB_DECORATORS.has(name)) return ON('job');
    }
    const classNode = member.parent.parent as ClassNode;
    if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor') return this.constructorContext(classNode);
    // A NestJS module's static methods (`register()`, `forRoot()`, `forFeature()`) build it in `imports`, at bootstrap.
    if (member.static && decoratorsOf(classNode).some((decorator) => this.decoratorName(decorator) === 'Module')) return OFF('startup');
    const name = memberName(member);
    if (name && NEST_LIFECYCLE_HOOKS.has(name)) return OFF('startup');
    const startupName = name !== undefined && STARTUP_NAME.test(name) && !enclosingFunction(classNode);
    if (isPrivateMember(member)) {
      // Where its class calls it decides, whatever its name: Maxun's private `initializeRecording(page)` runs on
      // every page navigation. A startup name counts only when the class never calls it (a framework may, by name).
      if (startupName && !this.thisMemberUses(classNode).get(privateMemberKey(member))?.length) return OFF('startup');
      return this.privateMethodContext(classNode, member);
    }
    if (startupName && !buildsFromItsArguments(member)) return OFF('startup');
    if (name !== undefined && isTeardownOfInitialisedClass(member, name, classNode)) return OFF('startup');
    // With type information: an exported class only scripts import (HyperDX's dashboard provisioner) runs in them.
    const exportName = exportedClassName(classNode);
    if (exportName !== undefined && this.importersOf(exportName, false) === 'scripts-only') return OFF('imported-by-scripts-only');
    return ON('server-function');
  }

  /**
   * A private method runs where its class calls it (`this.loadFiles()` from `onModuleInit`): no code outside
   * the class can. Off the request path when every call is; any other use (a callback, `.bind(this)`), or
   * none at all in the class (a framework may call it by name), may run anywhere.
   */
  private privateMethodContext(classNode: ClassNode, member: TSESTree.MethodDefinition | TSESTree.PropertyDefinition): RequestPathClassification | undefined {
    const uses = this.thisMemberUses(classNode).get(privateMemberKey(member)) ?? [];
    if (uses.length === 0) return ON('server-function');
    let firstOff: RequestPathClassification | undefined;
    let undecided = false;
    for (const use of uses) {
      const call = use.parent;
      if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== use) return ON('server-function');
      const result = this.location(call);
      if (!result) undecided = true;
      else if (result.onRequestPath) return ON('server-function');
      else firstOff ??= result;
    }
    // Calls inside a cycle still being decided (the method calling itself) follow the others.
    return firstOff ?? (undecided ? undefined : ON('server-function'));
  }

  /** `this.name` reads in a class's own methods and field initialisers (not in nested classes or functions with their own `this`), by name. */
  private thisMemberUses(classNode: ClassNode): ReadonlyMap<string, TSESTree.MemberExpression[]> {
    let uses = this.thisUsesCache.get(classNode);
    if (uses) return uses;
    const found = new Map<string, TSESTree.MemberExpression[]>();
    uses = found;
    const visitorKeys = this.sourceCode.visitorKeys;
    const stack: TSESTree.Node[] = [];
    for (const element of classNode.body.body) {
      if ((element.type === AST_NODE_TYPES.MethodDefinition || element.type === AST_NODE_TYPES.PropertyDefinition) && element.value) stack.push(element.value);
    }
    let scanned = 0;
    while (stack.length > 0) {
      // A class too large to scan whole could call the method where the scan did not reach: no answer from it.
      if (++scanned > MAX_SCANNED_CLASS_NODES) {
        uses = new Map();
        break;
      }
      const node = stack.pop()!;
      if (node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) continue;
      // A function of its own binds `this` to something else, unless it is one of the class's methods.
      if (
        (node.type === AST_NODE_TYPES.FunctionDeclaration || node.type === AST_NODE_TYPES.FunctionExpression) &&
        node.parent?.type !== AST_NODE_TYPES.MethodDefinition &&
        node.parent?.type !== AST_NODE_TYPES.PropertyDefinition
      ) {
        continue;
      }
      // `this.helper()`, and `Migrations.helper()` by the class's own name (a static member's other spelling).
      if (node.type === AST_NODE_TYPES.MemberExpression && (node.object.type === AST_NODE_TYPES.ThisExpression || (classNode.id !== null && node.object.type === AST_NODE_TYPES.Identifier && node.object.name === classNode.id.name))) {
        const key = thisMemberKey(node);
        if (key !== undefined) {
          const list = found.get(key);
          if (list) list.push(node);
          else found.set(key, [node]);
        }
      }
      pushChildNodes(node, visitorKeys, stack);
    }
    this.thisUsesCache.set(classNode, uses);
    return uses;
  }

  /** A constructor runs where the class is instantiated: once at startup for DI-managed classes. */
  private constructorContext(classNode: ClassNode): RequestPathClassification | undefined {
    return this.memoised(classNode, () => {
      for (const decorator of decoratorsOf(classNode)) {
        const name = this.decoratorName(decorator);
        if (name && DI_CLASS_DECORATORS.has(name)) return OFF('startup');
      }
      // Only this file makes instances, wherever the class is exported to: a private constructor is only called by the
      // class itself (a singleton's `getInstance()`), and a module's singleton is made as it loads.
      const usages = this.usagesOf(classNode);
      const madeInThisFile = usages.some((usage) => usage.kind === 'exported') && (hasPrivateConstructor(classNode) || this.isModuleSingleton(classNode));
      return this.combine(madeInThisFile ? usages.filter((usage) => usage.kind !== 'exported') : usages, () => false);
    });
  }

  /**
   * Without type information: an exported class the file itself instantiates, and only as the module loads
   * (`export const tb = new OSTinybird({ … })`), is a module's singleton: other files import the instance, not the
   * class to make their own. With it, the importers say whether they construct it too (`importersOf`).
   */
  private isModuleSingleton(classNode: ClassNode): boolean {
    if (this.typeServices || classNode.type !== AST_NODE_TYPES.ClassDeclaration) return false;
    let constructions = 0;
    for (const variable of this.sourceCode.scopeManager?.getDeclaredVariables(classNode) ?? []) {
      for (const reference of variable.references) {
        if (reference.isWrite() || (reference as { isValueReference?: boolean }).isValueReference === false) continue;
        const identifier = reference.identifier as TSESTree.Node;
        if (isStaticMemberAccess(identifier) || identifier.parent?.type === AST_NODE_TYPES.ExportSpecifier) continue;
        const construction = identifier.parent;
        if (construction?.type !== AST_NODE_TYPES.NewExpression || construction.callee !== identifier || this.location(construction)?.reason !== 'module-top-level') return false;
        constructions++;
      }
    }
    return constructions > 0;
  }

  /**
   * One answer from many usages: a registration as a handler or job wins; then setup code (a startup name,
   * a body that registers routes); then any usage on the request path. A function only used from off-path
   * code is off the path too.
   */
  private combine(usages: readonly Usage[], isSetup: () => boolean): RequestPathClassification | undefined {
    let registeredOff: RequestPathClassification | undefined;
    for (const usage of usages) {
      const result = usage.kind === 'registered' ? usage.resolve() : undefined;
      if (result?.onRequestPath) return result;
      registeredOff ??= result;
    }
    // A setup name says the code runs once; a registration off the path (a SIGTERM handler) says more precisely when.
    if (isSetup()) return registeredOff ?? OFF('startup');
    // Usages that need no further analysis first; stop at the first one on the request path.
    const ordered = [...usages.filter((usage) => !isDeferred(usage)), ...usages.filter(isDeferred)];
    let firstOff: { usage: Usage; result: RequestPathClassification } | undefined;
    for (const usage of ordered) {
      const result = usage.resolve();
      if (!result) continue;
      if (result.onRequestPath) return usage.kind === 'call' ? ON('server-function') : result;
      firstOff ??= { usage, result };
    }
    // Only used inside a cycle still being decided: undecided too. Never used in this file: assume it serves requests.
    if (!firstOff) return usages.length > 0 ? undefined : ON('server-function');
    // A function called from module top level is startup code.
    if (firstOff.usage.kind === 'call' && firstOff.result.reason === 'module-top-level') return OFF('startup');
    return firstOff.result;
  }

  /** How this file uses a function or class (its usages resolve lazily, so the list itself can be kept). */
  private usagesOf(node: FunctionNode | ClassNode): readonly Usage[] {
    let usages = this.usageCache.get(node);
    if (!usages) {
      usages =
        node.type === AST_NODE_TYPES.FunctionDeclaration || node.type === AST_NODE_TYPES.ClassDeclaration
          ? this.declarationUsages(node, node.id)
          : this.usagesOfValue(node, new Set());
      this.usageCache.set(node, usages);
    }
    return usages;
  }

  /** Usages of a declared function or class: its references in this file, and its export. */
  private declarationUsages(declaration: TSESTree.FunctionDeclaration | TSESTree.ClassDeclaration, id: TSESTree.Identifier | null): Usage[] {
    const usages: Usage[] = [];
    if (isExportedDeclaration(declaration)) usages.push(this.exportedUsage(id?.name, declaration.parent.type === AST_NODE_TYPES.ExportDefaultDeclaration));
    if (id) usages.push(...this.referenceUsages(declaration, new Set()));
    return usages;
  }

  private referenceUsages(declaringNode: TSESTree.Node, visited: Set<TSESTree.Node>): Usage[] {
    if (visited.has(declaringNode) || visited.size >= MAX_USAGE_HOPS) return [];
    visited.add(declaringNode);
    const usages: Usage[] = [];
    for (const variable of this.sourceCode.scopeManager?.getDeclaredVariables(declaringNode) ?? []) {
      if (!variable.defs.some((def) => def.type === 'FunctionName' || def.type === 'ClassName' || def.type === 'Variable')) continue;
      const isClass = declaringNode.type === AST_NODE_TYPES.ClassDeclaration;
      for (const reference of variable.references) {
        if (reference.isWrite() || (reference as { isValueReference?: boolean }).isValueReference === false) continue;
        // `ReturnType<typeof createClient>`: a type names the value, and runs nothing (Midday's lazily built tRPC client).
        if (reference.identifier.parent?.type === AST_NODE_TYPES.TSTypeQuery) continue;
        // `Provider.instance`, `Provider.getInstance()`: a static member, no instance made (only `new` runs the constructor).
        if (isClass && isStaticMemberAccess(reference.identifier as TSESTree.Node)) continue;
        usages.push(...this.usagesOfValue(reference.identifier as TSESTree.Node, visited));
      }
    }
    return usages;
  }

  /** How the value of `expression` (a function, a reference to one, or a wrapper call's result) is used. */
  private usagesOfValue(expression: TSESTree.Node, visited: Set<TSESTree.Node>): Usage[] {
    const { node, parent } = valueParent(expression);
    if (!parent) return [];
    switch (parent.type) {
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression:
        if (parent.callee === node) {
          // `client ??= createClient()`, `if (!client) client = createClient()`: made once, on first use; so is a call
          // behind a once-guard (`if (!baseEvent) { baseEvent = { gitID: getGitID() }; }`, Payload's telemetry).
          if (isLazyInitialisation(parent, this.sourceCode) || (parent.type === AST_NODE_TYPES.CallExpression && runsOncePerProcess(parent, this.sourceCode))) {
            return [fixedUsage('call', OFF('lazy-initialisation'))];
          }
          return [{ kind: 'call', resolve: () => this.callSiteContext(parent) }];
        }
        return this.callbackUsages(parent, visited, node);
      case AST_NODE_TYPES.VariableDeclarator: {
        if (parent.init !== node || parent.id.type !== AST_NODE_TYPES.Identifier) return [fixedUsage('unknown', ON('server-function'))];
        const usages = this.referenceUsages(parent, visited);
        const declaration = parent.parent;
        if (declaration.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration) usages.push(this.exportedUsage(parent.id.name, false));
        return usages;
      }
      case AST_NODE_TYPES.ExportDefaultDeclaration:
        return [this.exportedUsage(undefined, true)];
      case AST_NODE_TYPES.ExportSpecifier:
        return [this.exportedUsage(parent.exported.type === AST_NODE_TYPES.Identifier ? parent.exported.name : undefined, false)];
      case AST_NODE_TYPES.AssignmentExpression:
        if (parent.right === node && isCommonJsExport(parent.left)) return [this.exportedUsage(assignedName(parent.left), false)];
        return [fixedUsage('unknown', ON('server-function'))];
      case AST_NODE_TYPES.Property:
        if (parent.value === node && isDependencyFactory(parent)) return [fixedUsage('registered', builtPerRequest(parent.parent) ? ON('server-function') : OFF('startup'))];
        return this.containedUsages(node);
      case AST_NODE_TYPES.ArrayExpression:
        return this.containedUsages(node);
      case AST_NODE_TYPES.ReturnStatement: {
        const factory = enclosingFunction(parent);
        if (factory && isDecoratorOf(node, factory)) return [fixedUsage('returned', OFF('startup'))];
        return [this.handedOutUsage(factory, 'returned')];
      }
      case AST_NODE_TYPES.ArrowFunctionExpression:
        if (parent.body !== node) return [fixedUsage('unknown', ON('server-function'))];
        return [isDecoratorOf(node, parent) ? fixedUsage('returned', OFF('startup')) : this.handedOutUsage(parent, 'returned')];
      case AST_NODE_TYPES.MemberExpression:
        // A builder's step (`createRoute().GET(…).handler(cb).toNextApiHandler()`, Jitsu's API routes): what becomes of
        // the whole chain becomes of the value.
        if (parent.object === node && parent.parent?.type === AST_NODE_TYPES.CallExpression && parent.parent.callee === parent) return this.usagesOfValue(parent.parent, visited);
        return [fixedUsage('unknown', ON('server-function'))];
      default:
        return [fixedUsage('unknown', ON('server-function'))];
    }
  }

  /** A value inside an object or array literal: a route options object or handler array registers it. */
  private containedUsages(node: TSESTree.Node): Usage[] {
    let current = node;
    for (let depth = 0; depth < 8; depth++) {
      const parent = current.parent;
      if (parent?.type === AST_NODE_TYPES.Property && parent.value === current) current = parent.parent;
      else if (parent?.type === AST_NODE_TYPES.ArrayExpression) current = parent;
      else break;
    }
    const { node: container, parent } = valueParent(current);
    if (parent && (parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) && parent.callee !== container) {
      const registration = this.registration(parent);
      if (registration) return [fixedUsage('registered', registration)];
    }
    if (parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration) return [this.exportedUsage(undefined, true)];
    if (parent?.type === AST_NODE_TYPES.AssignmentExpression && isCommonJsExport(parent.left)) return [this.exportedUsage(undefined, false)];
    // `return { track: (event) => … }`: a member of what a factory hands out.
    if (parent?.type === AST_NODE_TYPES.ReturnStatement) return [this.handedOutUsage(enclosingFunction(parent), 'unknown')];
    if (parent?.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === container) return [this.handedOutUsage(parent, 'unknown')];
    return [fixedUsage('unknown', ON('server-function'))];
  }

  /**
   * A function a factory returns runs wherever the factory's caller uses it: a handler made by a factory that runs
   * once at startup (`app.get('/', makeHandler())`, an Express middleware factory) serves every request. Only a
   * factory production never calls (`if (NODE_ENV !== 'production') return noop();`) hands out nothing production runs.
   */
  private handedOutUsage(factory: FunctionNode | undefined, kind: Usage['kind']): Usage {
    if (!factory) return fixedUsage(kind, ON('server-function'));
    return {
      kind,
      resolve: () => {
        const context = this.functionContext(factory);
        if (!context) return undefined;
        return !context.onRequestPath && context.reason === 'outside-production' ? context : ON('server-function');
      },
    };
  }

  /** Where a call runs: nowhere in production behind a development or debug check (the function it calls with it), else where its function does. */
  private callSiteContext(call: TSESTree.CallExpression | TSESTree.NewExpression): RequestPathClassification | undefined {
    return runsOnlyOutsideProduction(call, this.sourceCode) ? OFF('outside-production') : this.location(call);
  }

  /** A value passed to a call: a registration decides; otherwise it runs where the call does, or where the call's result is used. */
  private callbackUsages(call: TSESTree.CallExpression | TSESTree.NewExpression, visited: Set<TSESTree.Node>, callback: TSESTree.Node): Usage[] {
    const registration = this.registration(call);
    if (registration) return [fixedUsage('registered', registration)];
    const here: Usage = { kind: 'callback', resolve: () => this.callSiteContext(call) };
    if (isImmediateCall(call)) return [here];
    // A wrapper (`asyncHandler(fn)`, `memoize(fn)`): the callback runs when the wrapper's result is called.
    const wrapped = this.usagesOfValue(call, visited).filter((usage) => FUNCTIONAL_USAGES.has(usage.kind));
    if (wrapped.length === 0) return [here];
    return isNamedValueFactory(call, callback) ? [fixedUsage('callback', OFF('startup'))] : wrapped;
  }

  /** What passing a value to `call` makes of it, if `call` registers routes, hooks, jobs or process handlers. */
  private registration(call: TSESTree.CallExpression | TSESTree.NewExpression): RequestPathClassification | undefined {
    const callee = call.callee;
    if (call.type === AST_NODE_TYPES.NewExpression) {
      if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
      const origin = getImportOrigin(callee, this.sourceCode.getScope(call));
      if (!origin) return undefined;
      if (origin.imported === 'Worker' && (origin.source === 'bullmq' || origin.source === '@taskforcesh/bullmq-pro')) return ON('job');
      if ((origin.imported === 'CronJob' && origin.source === 'cron') || (origin.imported === 'Cron' && origin.source === 'croner')) return ON('job');
      return undefined;
    }
    if (callee.type === AST_NODE_TYPES.Identifier) {
      if (callee.name === 'setInterval' && this.isGlobalOrFrom(callee, call, ['timers', 'node:timers'])) return ON('job');
      const origin = getImportOrigin(callee, this.sourceCode.getScope(call));
      if (origin && TRIGGER_TASK_FACTORIES.has(origin.imported) && TRIGGER_SDK_MODULES.includes(origin.source)) return ON('worker-process-job');
      if (origin?.imported === 'createServer' && HTTP_MODULES.includes(origin.source)) return ON('handler');
      if (origin?.imported === 'schedule' && origin.source === 'node-cron') return ON('job');
      if (origin?.imported === 'scheduleJob' && origin.source === 'node-schedule') return ON('job');
      return undefined;
    }
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const method = propertyName(callee);
    if (method === undefined) return undefined;
    const receiver = callee.object;
    const firstArgument = stringValue(call.arguments[0]);
    if (PROCESS_LISTENER_METHODS.has(method) && receiver.type === AST_NODE_TYPES.Identifier && receiver.name === 'process' && this.isGlobalOrFrom(receiver, call, ['process', 'node:process'])) {
      return firstArgument !== undefined && CRASH_OR_SHUTDOWN_EVENTS.has(firstArgument) ? OFF('crash-handler') : undefined;
    }
    if (runsCallbackOnListening(method, firstArgument)) return OFF('listen-callback');
    if (method === 'on' && firstArgument !== undefined && PER_REQUEST_EVENTS.has(firstArgument)) return ON('handler');
    // Prisma's query events: the listener runs for every query the client sends (Documenso's logging client).
    if (method === '$on' && firstArgument === 'query') return ON('handler');
    if (method === 'setInterval' && receiver.type === AST_NODE_TYPES.Identifier && this.importedFrom(receiver, call, ['timers', 'node:timers'])) return ON('job');
    if (method === 'createServer' && receiver.type === AST_NODE_TYPES.Identifier && this.importedFrom(receiver, call, HTTP_MODULES)) return ON('handler');
    if (method === 'schedule' && receiver.type === AST_NODE_TYPES.Identifier && this.importedFrom(receiver, call, ['node-cron'])) return ON('job');
    if (method === 'scheduleJob' && receiver.type === AST_NODE_TYPES.Identifier && this.importedFrom(receiver, call, ['node-schedule'])) return ON('job');
    // `schedules.task({ run })`, or `sdk.task(…)` through a namespace import.
    if (TRIGGER_TASK_FACTORIES.has(method) && receiver.type === AST_NODE_TYPES.Identifier && this.importedFrom(receiver, call, TRIGGER_SDK_MODULES)) return ON('worker-process-job');
    if (method === 'addHook') {
      return firstArgument !== undefined && FASTIFY_APP_HOOKS.has(firstArgument) ? OFF('startup') : ON('handler');
    }
    if (ERROR_HANDLER_SETTERS.has(method)) return ON('handler');
    if (TRPC_RESOLVERS.has(method) && isProcedureBuilder(receiver)) return ON('handler');
    if (ROUTE_METHODS.has(method) && this.isRouter(receiver, call)) return ON('handler');
    return undefined;
  }

  /**
   * Does the function's own body (not its nested functions) register routes or hooks? Then it is setup code:
   * a router factory (`function ordersRouter() { const r = Router(); r.get(…); return r; }`) or a Fastify plugin.
   */
  private registersRoutes(fn: FunctionNode): boolean {
    let known = this.registersRoutesCache.get(fn);
    if (known === undefined) {
      known = this.scanForRouteRegistration(fn);
      this.registersRoutesCache.set(fn, known);
    }
    return known;
  }

  private scanForRouteRegistration(fn: FunctionNode): boolean {
    return this.ownBodyCalls(fn, (call) => {
      if (call.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      const method = propertyName(call.callee);
      return (
        method !== undefined &&
        (ROUTE_METHODS.has(method) || method === 'addHook' || method === 'register') &&
        passesHandlers(method, call.arguments) &&
        this.isRouter(call.callee.object, call)
      );
    });
  }

  /** Some call of the function's own body (its nested functions aside, up to `MAX_SCANNED_NODES` nodes) passes `test`. */
  private ownBodyCalls(fn: FunctionNode, test: (call: TSESTree.CallExpression) => boolean): boolean {
    const visitorKeys = this.sourceCode.visitorKeys as Record<string, readonly string[] | undefined>;
    const queue: TSESTree.Node[] = [fn.body];
    for (let index = 0; index < queue.length && index < MAX_SCANNED_NODES; index++) {
      const node = queue[index];
      if (node.type === AST_NODE_TYPES.CallExpression && test(node)) return true;
      for (const key of visitorKeys[node.type] ?? []) {
        const child = (node as unknown as Record<string, unknown>)[key];
        for (const item of Array.isArray(child) ? child : [child]) {
          if (item && typeof item === 'object' && typeof (item as TSESTree.Node).type === 'string' && !isFunction(item as TSESTree.Node)) queue.push(item as TSESTree.Node);
        }
      }
    }
    return false;
  }

  /**
   * The function builds a NestJS application (`NestFactory.create(AppModule)`, `createApplicationContext`,
   * `createMicroservice`): only startup and build code does, whatever its name (Hoppscotch's `emitGQLSchemaFile`).
   */
  private createsNestApplication(fn: FunctionNode): boolean {
    this.loadsNestCore ??= loadedModuleSources(this.sourceCode).includes('@nestjs/core');
    return (
      this.loadsNestCore &&
      this.ownBodyCalls(fn, (call) => {
        const callee = call.callee;
        if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.Identifier || !NEST_APPLICATION_FACTORIES.has(propertyName(callee) ?? '')) return false;
        const origin = getImportOrigin(callee.object, this.sourceCode.getScope(call));
        return origin?.source === '@nestjs/core' && origin.imported === 'NestFactory';
      })
    );
  }

  /**
   * Does the function's own body load an environment file (dotenv's `config()`, `@next/env`'s `loadEnvConfig()`)? Then
   * it prepares the process's settings before anything else runs (Latitude's `loadDevelopmentEnvironments`, which
   * checks that `.env.development` exists first). Only files that load one of those modules are walked.
   */
  private loadsEnvironmentFile(fn: FunctionNode): boolean {
    // The file's loaded modules include its free `require('dotenv')` calls, wherever they stand.
    this.loadsEnvModule ??= loadedModuleSources(this.sourceCode).some((source) => ENV_FILE_LOADERS.has(source));
    return this.loadsEnvModule && this.ownBodyCalls(fn, (call) => this.isEnvironmentFileLoad(call));
  }

  /** `config()` imported from dotenv (under any name), `dotenv.config()`, `require('dotenv').config()`, `loadEnvConfig()` of `@next/env`. */
  private isEnvironmentFileLoad(call: TSESTree.CallExpression): boolean {
    const callee = call.callee;
    if (callee.type === AST_NODE_TYPES.Identifier) {
      const origin = getImportOrigin(callee, this.sourceCode.getScope(call));
      return origin !== undefined && ENV_FILE_LOADERS.get(origin.source) === origin.imported;
    }
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    const method = propertyName(callee);
    const object = callee.object;
    if (requireSource(object) === 'dotenv') return method === 'config';
    if (object.type !== AST_NODE_TYPES.Identifier) return false;
    const origin = getImportOrigin(object, this.sourceCode.getScope(call));
    return origin !== undefined && (origin.imported === 'default' || origin.imported === '*') && method !== undefined && ENV_FILE_LOADERS.get(origin.source) === method;
  }

  /** Is `receiver` an Express/Fastify/Koa/Hono app or router? By name, by its factory, or by its type. */
  private isRouter(receiver: TSESTree.Node, at: TSESTree.Node): boolean {
    let current = receiver;
    // Chained registrations: `router.route('/x').get(a).post(b)`, `app.get(...).post(...)`.
    for (let depth = 0; depth < 16; depth++) {
      if (current.type === AST_NODE_TYPES.CallExpression && current.callee.type === AST_NODE_TYPES.MemberExpression) {
        const method = propertyName(current.callee);
        if (method !== undefined && (ROUTE_METHODS.has(method) || SAME_ROUTER_METHODS.has(method))) {
          current = current.callee.object;
          continue;
        }
      }
      break;
    }
    const name = current.type === AST_NODE_TYPES.Identifier ? current.name : current.type === AST_NODE_TYPES.MemberExpression ? propertyName(current) : undefined;
    if (name !== undefined && ROUTER_NAME.test(name)) return true;
    if (this.isRouterFactoryCall(current, at)) return true;
    if (current.type === AST_NODE_TYPES.Identifier) {
      const init = constInitializer(current, this.sourceCode.getScope(at));
      if (init && this.isRouterFactoryCall(init, at)) return true;
    }
    if (this.typeServices) {
      const pkg = declaringPackageOfType(this.typeServices, current);
      if (pkg !== undefined && ROUTER_PACKAGES.has(pkg)) return true;
    }
    return false;
  }

  /** `express()`, `express.Router()`, `Router()`, `fastify()`, `new Hono()`, `new Koa()`, `new Router()` from a router package. */
  private isRouterFactoryCall(node: TSESTree.Node, at: TSESTree.Node): boolean {
    if (node.type !== AST_NODE_TYPES.CallExpression && node.type !== AST_NODE_TYPES.NewExpression) return false;
    let callee: TSESTree.Node = node.callee;
    if (callee.type === AST_NODE_TYPES.MemberExpression) callee = callee.object;
    if (callee.type !== AST_NODE_TYPES.Identifier) return false;
    const origin = getImportOrigin(callee, this.sourceCode.getScope(at));
    return origin !== undefined && ROUTER_FACTORY_IMPORTS.has(origin.source);
  }

  private isGlobalOrFrom(identifier: TSESTree.Identifier, at: TSESTree.Node, sources: readonly string[]): boolean {
    const variable = findVariableByName(this.sourceCode.getScope(at), identifier.name);
    if (!variable || variable.defs.length === 0) return true;
    return this.importedFrom(identifier, at, sources);
  }

  private importedFrom(identifier: TSESTree.Identifier, at: TSESTree.Node, sources: readonly string[]): boolean {
    const origin = getImportOrigin(identifier, this.sourceCode.getScope(at));
    return origin !== undefined && sources.includes(origin.source);
  }

  /** The decorator's name, unless it is imported from a package that is not a known framework. */
  private decoratorName(decorator: TSESTree.Decorator): string | undefined {
    let expression: TSESTree.Node = decorator.expression;
    if (expression.type === AST_NODE_TYPES.CallExpression) expression = expression.callee;
    if (expression.type === AST_NODE_TYPES.MemberExpression) return propertyName(expression);
    if (expression.type !== AST_NODE_TYPES.Identifier) return undefined;
    const origin = getImportOrigin(expression, this.sourceCode.getScope(decorator));
    if (origin && !origin.isProjectModule && !DECORATOR_PACKAGES.test(origin.source)) return undefined;
    return origin && origin.imported !== 'default' && origin.imported !== '*' ? origin.imported : expression.name;
  }

  /**
   * A value that leaves the file. Without cross-file call following, its callers are unknown: it serves
   * requests. Next.js route handlers, API routes, middleware and server actions are handlers by convention;
   * what it calls at build time (`generateStaticParams`) is startup code.
   */
  private exportedUsage(name: string | undefined, isDefault: boolean): Usage {
    const isNextHandler =
      (this.isNextRouteFile && name !== undefined && HTTP_METHOD_EXPORTS.has(name)) ||
      (this.isNextApiFile && isDefault) ||
      (this.isNextMiddlewareFile && (name === 'middleware' || isDefault)) ||
      this.isServerActionsFile;
    if (isNextHandler) return fixedUsage('registered', ON('handler'));
    if (name !== undefined && this.nextBuildTimeExports?.has(name)) return fixedUsage('registered', OFF('startup'));
    switch (this.importersOf(name ?? 'default')) {
      case 'scripts-only':
        return fixedUsage('exported', OFF('imported-by-scripts-only'));
      // Called by other server modules only while they load (`export const limiter = createRateLimiter(…)`).
      case 'load-time':
        return fixedUsage('exported', OFF('startup'));
      // Nobody imports it: an entry point. Where this file uses it decides (`run()` at the bottom of a CLI
      // script is startup); left alone, it is assumed to serve requests (a serverless handler).
      case 'none':
        return { kind: 'exported', resolve: () => undefined };
      default:
        return fixedUsage('exported', ON('server-function'));
    }
  }

  private importerVerdicts: Map<string, ImporterVerdict> | undefined;

  private importerVerdict(imports: readonly ImportOfExport[] | undefined, askLoadTime: boolean): ImporterVerdict {
    if (!imports) return 'unknown';
    if (imports.length === 0) return 'none';
    const serverImports = imports.filter(({ file }) => programFileKindOf(file, this.files.cwd, this.files.isScriptPath) === 'server');
    if (serverImports.length === 0) return 'scripts-only';
    if (!askLoadTime || serverImports.length > MAX_LOAD_TIME_IMPORTERS) return 'server';
    return serverImports.every(({ file, localName }) => localName !== undefined && callsOnlyAtModuleLoad(file, localName, isStartupName)) ? 'load-time' : 'server';
  }

  /**
   * With type information: who imports an export of this file (unknown without it). `askLoadTime: false` for a caller
   * that only tells scripts from servers (a class's methods): server importers are not scanned for load-time calls.
   */
  private importersOf(exportName: string, askLoadTime = true): ImporterVerdict {
    const program = this.typeServices?.program;
    if (!program) return 'unknown';
    this.importerVerdicts ??= new Map();
    const key = askLoadTime ? exportName : `${exportName}\0servers`;
    let verdict = this.importerVerdicts.get(key);
    if (verdict === undefined) {
      verdict = 'unknown';
      try {
        verdict = this.importerVerdict(getImporterIndex(program).importsOf(this.files.fileName, exportName), askLoadTime);
      } catch {
        // No verdict from the program: keep the file-local answer.
      }
      this.importerVerdicts.set(key, verdict);
    }
    return verdict;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Small AST helpers

/** The name other modules import a top-level class by: its own, or `default`. */
function exportedClassName(classNode: ClassNode): string | undefined {
  if (classNode.parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration) return 'default';
  return classNode.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration && classNode.id ? classNode.id.name : undefined;
}

/** Climb over expressions that pass a value through unchanged (`x as T`, `x!`, `a ?? x`, `c ? x : y`). */
function valueParent(expression: TSESTree.Node): { node: TSESTree.Node; parent: TSESTree.Node | undefined } {
  let node = expression;
  for (;;) {
    const parent = node.parent;
    if (!parent) return { node, parent: undefined };
    switch (parent.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.LogicalExpression:
        node = parent;
        continue;
      case AST_NODE_TYPES.ConditionalExpression:
        if (parent.test === node) return { node, parent };
        node = parent;
        continue;
      default:
        return { node, parent };
    }
  }
}

/**
 * `app.get('/x', handler)`, `app.use(cors())`, `fastify.register(plugin)`: arguments that can be handlers.
 * A lone argument of `get` is a settings lookup (`app.get('trust proxy')`), not a route.
 */
function passesHandlers(method: string, args: readonly TSESTree.CallExpressionArgument[]): boolean {
  const anyPosition = method === 'use' || method === 'register';
  return args.some(
    (argument, index) =>
      isFunction(argument) ||
      ((anyPosition || index > 0) &&
        (argument.type === AST_NODE_TYPES.Identifier || argument.type === AST_NODE_TYPES.CallExpression || argument.type === AST_NODE_TYPES.ArrayExpression)),
  );
}

/** Call and callback usages ask where the enclosing function runs: analysed last, and only if needed. */
function isDeferred(usage: Usage): boolean {
  return usage.kind === 'call' || usage.kind === 'callback';
}

function isImmediateCall(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const callee = call.callee;
  if (call.type === AST_NODE_TYPES.NewExpression) return callee.type === AST_NODE_TYPES.Identifier && callee.name === 'Promise';
  if (callee.type === AST_NODE_TYPES.Identifier) return IMMEDIATE_CALLBACK_FUNCTIONS.has(callee.name);
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const method = propertyName(callee);
    return method !== undefined && (IMMEDIATE_CALLBACK_METHODS.has(method) || IMMEDIATE_CALLBACK_FUNCTIONS.has(method));
  }
  return false;
}

/** `publicProcedure.input(schema)`, `t.procedure`, `protectedProcedure`: a tRPC procedure builder chain. */
function isProcedureBuilder(receiver: TSESTree.Node): boolean {
  let current: TSESTree.Node = receiver;
  for (let depth = 0; depth < 16; depth++) {
    if (current.type === AST_NODE_TYPES.Identifier) return current.name === 'procedure' || /[a-z0-9]Procedure$/.test(current.name);
    if (current.type === AST_NODE_TYPES.MemberExpression) {
      const name = propertyName(current);
      if (name === 'procedure' || (name !== undefined && /[a-z0-9]Procedure$/.test(name))) return true;
      current = current.object;
    } else if (current.type === AST_NODE_TYPES.CallExpression) {
      current = current.callee;
    } else {
      return false;
    }
  }
  return false;
}

function propertyName(member: TSESTree.MemberExpression): string | undefined {
  if (!member.computed && member.property.type === AST_NODE_TYPES.Identifier) return member.property.name;
  if (member.property.type === AST_NODE_TYPES.Literal && typeof member.property.value === 'string') return member.property.value;
  return undefined;
}

function stringValue(node: TSESTree.Node | undefined): string | undefined {
  if (node?.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') return node.value;
  if (node?.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) return node.quasis[0].value.cooked ?? undefined;
  return undefined;
}

/** A method (or function-valued field) only the class's own code can call: TypeScript `private`, or `#name`. */
/** `#name` for an ECMAScript private member, the name otherwise. */
function privateMemberKey(member: TSESTree.MethodDefinition | TSESTree.PropertyDefinition): string {
  return member.key.type === AST_NODE_TYPES.PrivateIdentifier ? `#${member.key.name}` : (member.key as TSESTree.Identifier).name;
}


function thisMemberKey(member: TSESTree.MemberExpression): string | undefined {
  if (member.property.type === AST_NODE_TYPES.PrivateIdentifier) return `#${member.property.name}`;
  if (!member.computed && member.property.type === AST_NODE_TYPES.Identifier) return member.property.name;
  if (member.computed && member.property.type === AST_NODE_TYPES.Literal && typeof member.property.value === 'string') return member.property.value;
  return undefined;
}

function memberName(member: TSESTree.MethodDefinition | TSESTree.PropertyDefinition): string | undefined {
  if (!member.computed && member.key.type === AST_NODE_TYPES.Identifier) return member.key.name;
  if (member.key.type === AST_NODE_TYPES.Literal && typeof member.key.value === 'string') return member.key.value;
  return undefined;
}

/** Parameter names of the decorators TypeScript calls: `(target, propertyKey, descriptor)`, `(target, key, index)`; `_target` when unused. */
const DECORATOR_TARGET = /^_*(?:target|constructor|ctor|cls|klass|entity|prototype|object)$/;
const DECORATOR_MEMBER = /^_*(?:propertyKey|propertyName|property|key|name|methodName|memberName|fieldName|field)$/;
const DECORATOR_THIRD = /^_*(?:descriptor|parameterIndex|index)$/;

/**
 * `returned` is a decorator that `factory` makes: the factory is named like a decorator (PascalCase, as
 * `@Money()`, `@EntityId()` are written) and the returned function takes a decorator's parameters. Decorators
 * run when the class they decorate is defined, once, as its module loads (Vendure's column registries).
 */
function isDecoratorOf(returned: TSESTree.Node, factory: FunctionNode): boolean {
  return isFunction(returned) && isDecoratorName(functionName(factory)) && takesDecoratorParameters(returned, 1);
}

/**
 * A module-level decorator written directly, not made by a factory: `const Field = (target: Model, propertyKey:
 * string) => { fields.set(…) }` (Outline's model fields), used as `@Field`. It runs as each decorated class is
 * defined. Two parameters at least: a lone `(target)` says too little.
 */
function isDecoratorFunction(fn: FunctionNode): boolean {
  return !enclosingFunction(fn) && isDecoratorName(functionName(fn)) && takesDecoratorParameters(fn, 2);
}

/** PascalCase, as decorators are written (`@Money()`, `@Field`), and not an all-caps constant. */
function isDecoratorName(name: string | undefined): boolean {
  return name !== undefined && name[0] >= 'A' && name[0] <= 'Z' && name.toUpperCase() !== name;
}

function takesDecoratorParameters(fn: FunctionNode, atLeast: number): boolean {
  const names = fn.params.map((param) => (param.type === AST_NODE_TYPES.Identifier ? param.name : ''));
  if (names.length < atLeast) return false;
  switch (names.length) {
    case 1:
      return DECORATOR_TARGET.test(names[0]);
    case 2:
      return DECORATOR_TARGET.test(names[0]) && DECORATOR_MEMBER.test(names[1]);
    case 3:
      return DECORATOR_TARGET.test(names[0]) && DECORATOR_MEMBER.test(names[1]) && DECORATOR_THIRD.test(names[2]);
    default:
      return false;
  }
}

/** The name a function goes by: its own, its variable's, or its property's. */
/**
 * A method of the object a factory returns (`return { initializeAsync: async () => …, startAsync: … }`, Homarr's
 * cron-job groups): the object outlives the factory's call, and a startup name there means what it means at the top
 * of a module. A startup-named helper local to a function is just a helper.
 */
function isMethodOfReturnedObject(fn: FunctionNode): boolean {
  const { node, parent } = valueParent(fn);
  if (parent?.type !== AST_NODE_TYPES.Property || parent.value !== node) return false;
  const object = parent.parent;
  if (object.type !== AST_NODE_TYPES.ObjectExpression) return false;
  const { node: returned, parent: holder } = valueParent(object);
  return holder?.type === AST_NODE_TYPES.ReturnStatement || (holder?.type === AST_NODE_TYPES.ArrowFunctionExpression && holder.body === returned);
}

function functionName(fn: FunctionNode): string | undefined {
  if (fn.id) return fn.id.name;
  const { node, parent } = valueParent(fn);
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === node && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
  if (parent?.type === AST_NODE_TYPES.Property && parent.value === node && !parent.computed && parent.key.type === AST_NODE_TYPES.Identifier) return parent.key.name;
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === node) return assignedName(parent.left);
  return undefined;
}

function assignedName(left: TSESTree.Node): string | undefined {
  if (left.type === AST_NODE_TYPES.Identifier) return left.name;
  if (left.type === AST_NODE_TYPES.MemberExpression) return propertyName(left);
  return undefined;
}

/** `module.exports = …`, `module.exports.x = …`, `exports.x = …`. */
function isCommonJsExport(left: TSESTree.Node): boolean {
  let current = left;
  while (current.type === AST_NODE_TYPES.MemberExpression) {
    const object: TSESTree.Node = current.object;
    if (object.type === AST_NODE_TYPES.Identifier && object.name === 'module' && propertyName(current) === 'exports') return true;
    if (object.type === AST_NODE_TYPES.Identifier && object.name === 'exports') return true;
    current = object;
  }
  return false;
}

function findVariableByName(scope: TSESLint.Scope.Scope, name: string): TSESLint.Scope.Variable | undefined {
  for (let current: TSESLint.Scope.Scope | null = scope; current; current = current.upper) {
    const variable = current.set.get(name);
    if (variable) return variable;
  }
  return undefined;
}

/**
 * The npm package that declares the type of `node` (`express`, `@nestjs/common`, `pino`), from the file the
 * type's symbol is declared in; `@types/x` counts as `x`.
 */
export function declaringPackageOfType(services: ParserServicesWithTypeInformation, node: TSESTree.Node): string | undefined {
  const type = typeOfValue(services, node);
  const symbol = type.getSymbol() ?? type.aliasSymbol;
  const fileName = symbol?.declarations?.[0]?.getSourceFile().fileName;
  if (!fileName) return undefined;
  const marker = '/node_modules/';
  const normalised = fileName.replace(/\\/g, '/');
  const at = normalised.lastIndexOf(marker);
  if (at < 0) return undefined;
  const parts = normalised.slice(at + marker.length).split('/');
  const name = parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  return name.startsWith('@types/') ? name.slice('@types/'.length).replace(/^(.+)__(.+)$/, '@$1/$2') : name;
}

// ---------------------------------------------------------------------------------------------------------
// Entry point


const cache = new FileCache<Map<string, RequestPathAnalyzer>>();

/**
 * What `getRequestPath` hands out: the file's kind at once (most rules stop there), the function-level
 * analysis only when a rule first asks where a node runs.
 */
class LazyRequestPath implements RequestPathAnalyzer {
  private analyzer: Analyzer | undefined;

  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    readonly fileKind: FileKind,
    private readonly relativePath: string,
    private readonly files: { cwd: string; fileName: string; isScriptPath: (p: string) => boolean },
  ) {}

  classify(node: TSESTree.Node): RequestPathClassification {
    this.analyzer ??= new Analyzer(this.sourceCode, this.fileKind, this.relativePath, this.files);
    return this.analyzer.classify(node);
  }

  inPageCode(node: TSESTree.Node): boolean {
    this.analyzer ??= new Analyzer(this.sourceCode, this.fileKind, this.relativePath, this.files);
    return this.analyzer.inPageCode(node);
  }
}

/** One analyzer per linted file and option set, shared by every rule that asks (cached on the SourceCode object). */
export function getRequestPath(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  options: RequestPathOptions = {},
): RequestPathAnalyzer {
  const scripts = options.scripts ?? DEFAULT_SCRIPT_GLOBS;
  const key = globListKey(scripts);
  const perOptions = cache.get(context.sourceCode, () => new Map());
  let analyzer = perOptions.get(key);
  if (!analyzer) {
    const { cwd, filename } = context;
    const fileName = path.isAbsolute(filename) ? filename : path.resolve(cwd, filename);
    const relativePath = projectRelativePath(cwd, fileName);
    const isScriptPath = anyGlob(scripts);
    analyzer = new LazyRequestPath(context.sourceCode, fileKindOf(context, relativePath, isScriptPath), relativePath, { cwd, fileName, isScriptPath });
    perOptions.set(key, analyzer);
  }
  return analyzer;
}

import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inCommandLinePackage, isBrowserManifest, isCommandLineManifest, packageKindAt, runsOnCloudflareWorkers } from '../../src/analysis/package-manifest';
import { getRequestPath, sharesServingEventLoop } from '../../src/analysis/request-path';
import { requestPathProbe as probe } from './request-path-probe';

/** Reports `serving` or `separate` at each `here()` call: whether it shares the event loop that serves requests. */
const servingProbe = {
  meta: { type: 'problem', schema: [] },
  create(context: never) {
    const requestPath = getRequestPath(context);
    return {
      'CallExpression[callee.name="here"]'(node: never) {
        (context as { report(d: object): void }).report({ node, message: sharesServingEventLoop(requestPath.classify(node)) ? 'serving' : 'separate' });
      },
    };
  },
};

const CLI = new Set(['commander', 'inquirer', 'arg']);

describe('isCommandLineManifest', () => {
  it('knows a tool by its bin or its argument parser or prompt', () => {
    expect(isCommandLineManifest({ bin: 'dist/cli.js' }, CLI)).toBe(true);
    expect(isCommandLineManifest({ bin: { gen: 'dist/cli.js' }, dependencies: { typedoc: '1' } }, CLI)).toBe(true);
    expect(isCommandLineManifest({ dependencies: { inquirer: '9', chalk: '5' } }, CLI)).toBe(true);
    expect(isCommandLineManifest({ dependencies: { arg: '5', '@temporalio/client': '1' } }, CLI)).toBe(true);
    // Sibling packages of the monorepo are the project's own code, whatever their scope (Trigger.dev's CLI).
    expect(isCommandLineManifest({ bin: { trigger: 'dist/index.js' }, dependencies: { '@trigger.dev/core': 'workspace:4.5.12', commander: '9' } }, CLI)).toBe(true);
  });
  it('leaves packages with a server, worker or queue library, or with no sign of a tool', () => {
    expect(isCommandLineManifest({ bin: 'dist/main.js', dependencies: { express: '4' } }, CLI)).toBe(false);
    expect(isCommandLineManifest({ dependencies: { commander: '11', '@nestjs/core': '10' } }, CLI)).toBe(false);
    expect(isCommandLineManifest({ dependencies: { arg: '5' }, devDependencies: { fastify: '4' } }, CLI)).toBe(false);
    expect(isCommandLineManifest({ dependencies: { commander: '11', bullmq: '5' } }, CLI)).toBe(false);
    expect(isCommandLineManifest({ bin: 'dist/index.js', dependencies: { '@trigger.dev/sdk': '4.5.12' } }, CLI)).toBe(false);
    // Temporal's worker runs activities: a server; its client only starts workflows (Dittofeed's admin CLI has one).
    expect(isCommandLineManifest({ dependencies: { commander: '11', '@temporalio/worker': '1' } }, CLI)).toBe(false);
    // A parser among the dev dependencies only (a test helper's), or nothing at all.
    expect(isCommandLineManifest({ devDependencies: { commander: '11' } }, CLI)).toBe(false);
    expect(isCommandLineManifest({}, CLI)).toBe(false);
    expect(isCommandLineManifest({ dependencies: { 'yargs-parser': '22', vue: '3' } }, CLI)).toBe(false);
    expect(isCommandLineManifest({ bin: '', dependencies: ['commander'] }, CLI)).toBe(false);
  });
});

describe('isBrowserManifest', () => {
  it('knows a front end by its UI library, and a Next.js one apart', () => {
    expect(isBrowserManifest({ dependencies: { react: '19', 'react-dom': '19', swr: '2' } })).toBe('browser');
    expect(isBrowserManifest({ devDependencies: { '@vitejs/plugin-react': '4', 'react-daisyui': '5' } })).toBe('browser');
    expect(isBrowserManifest({ dependencies: { next: '15', react: '19', 'react-dom': '19', handlebars: '4' } })).toBe('next');
    // The monorepo's own packages say nothing of the runtime.
    expect(isBrowserManifest({ dependencies: { vue: '3', '@app/api': 'workspace:*' } })).toBe('browser');
    // A Tauri app's webview code, its API a peer (Hoppscotch's kernel); Tauri's CLI alone builds, and says nothing.
    expect(isBrowserManifest({ dependencies: { '@tauri-apps/plugin-fs': '2', axios: '1' }, peerDependencies: { '@tauri-apps/api': '2' } })).toBe('browser');
    expect(isBrowserManifest({ devDependencies: { '@tauri-apps/cli': '2' }, dependencies: { zod: '3' } })).toBeUndefined();
    expect(isBrowserManifest({ dependencies: { '@tauri-apps/api': '2', express: '4' } })).toBeUndefined();
    // An Angular app, puppeteer among its dev dependencies for its tests (Vendure's admin UI); with server rendering, not.
    expect(isBrowserManifest({ dependencies: { '@angular/core': '19', '@angular/platform-browser': '19' }, devDependencies: { puppeteer: '22' } })).toBe('browser');
    expect(isBrowserManifest({ dependencies: { '@angular/platform-browser': '19', '@angular/ssr': '19' } })).toBeUndefined();
    // An Angular library with the core as a peer (Gauzy's plugin UIs); with server rendering, a server.
    expect(isBrowserManifest({ peerDependencies: { '@angular/core': '19', '@angular/common': '19' } })).toBe('browser');
    expect(isBrowserManifest({ dependencies: { '@angular/core': '19', '@angular/ssr': '19', express: '4' } })).toBeUndefined();
    expect(isBrowserManifest({ dependencies: { '@angular/platform-browser': '19', puppeteer: '22' } })).toBeUndefined();
    // A session-replay SDK records the page (OpenPanel's web SDK); rrweb's types alone, or beside a server, say nothing.
    expect(isBrowserManifest({ dependencies: { '@openpanel/sdk': 'workspace:1.3.1', '@rrweb/types': '2.0.0-alpha.20', rrweb: '2.0.0-alpha.20' } })).toBe('browser');
    expect(isBrowserManifest({ dependencies: { '@rrweb/types': '2.0.0-alpha.20' } })).toBeUndefined();
    expect(isBrowserManifest({ dependencies: { rrweb: '2', fastify: '5' } })).toBeUndefined();
  });
  it('leaves packages that also hold server or back-end code', () => {
    expect(isBrowserManifest({ dependencies: { next: '15', 'react-dom': '19', '@prisma/client': '6' } })).toBeUndefined();
    expect(isBrowserManifest({ dependencies: { 'react-dom': '19', express: '4' } })).toBeUndefined();
    // React Router serves requests only through its server adapters; alone it runs a single-page app (Parabol's client).
    expect(isBrowserManifest({ dependencies: { react: '19', 'react-dom': '19', 'react-router': '7' } })).toBe('browser');
    expect(isBrowserManifest({ dependencies: { react: '19', 'react-dom': '19', 'react-router': '7', '@react-router/node': '7' } })).toBeUndefined();
    expect(isBrowserManifest({ dependencies: { 'react-dom': '19', '@aws-sdk/client-s3': '3' } })).toBeUndefined();
    expect(isBrowserManifest({ dependencies: { 'react-dom': '19', next: '15', '@trpc/server': '11' } })).toBeUndefined();
    expect(isBrowserManifest({ dependencies: { react: '19', '@react-email/components': '1' } })).toBeUndefined();
  });
});

/** A throw-away monorepo on disk. */
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-perf-manifest-'));
function write(relative: string, text: string) {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}
write('package.json', JSON.stringify({ name: 'app', bin: 'cli.js', dependencies: { commander: '11' } }));
write('admin/package.json', JSON.stringify({ name: '@app/admin', dependencies: { inquirer: '9', chalk: '5' } }));
write('apps/api/package.json', JSON.stringify({ name: '@app/api', dependencies: { express: '4', commander: '11' } }));
write('tooling/broken/package.json', '{ not json');
// A Vite front end, a pages-router Next.js front end, and an app-router one (whose server components are server code).
write('apps/spa/package.json', JSON.stringify({ name: '@app/spa', dependencies: { 'react-dom': '19' } }));
write('apps/dashboard/package.json', JSON.stringify({ name: '@app/dashboard', dependencies: { next: '15', 'react-dom': '19' } }));
write('apps/dashboard/pages/index.tsx', '');
write('apps/site/package.json', JSON.stringify({ name: '@app/site', dependencies: { next: '15', 'react-dom': '19' } }));
write('apps/site/src/app/page.tsx', '');
write('apps/site/src/pages/legacy.tsx', '');
// Nx apps without a manifest of their own: a React client (web dev server), a NestJS server bundled by the same
// webpack executor for Node, a library, and a client whose project also has a Node target.
const nxTarget = (executor: string, options?: object) => ({ executor, ...(options ? { options } : {}) });
write('nx/apps/client/project.json', JSON.stringify({ projectType: 'application', targets: { build: nxTarget('@nx/webpack:webpack', { compiler: 'babel' }), serve: nxTarget('@nx/webpack:dev-server') } }));
write('nx/apps/server/project.json', JSON.stringify({ projectType: 'application', targets: { build: nxTarget('@nx/webpack:webpack', { target: 'node' }), serve: nxTarget('@nx/js:node') } }));
write('nx/apps/ssr/project.json', JSON.stringify({ targets: { serve: nxTarget('@nx/vite:dev-server'), 'serve-ssr': nxTarget('@nx/js:node') } }));
write('nx/libs/util/project.json', JSON.stringify({ projectType: 'library', targets: { build: nxTarget('@nx/js:tsc') } }));
write('nx/package.json', JSON.stringify({ name: 'nx-workspace', dependencies: { '@nestjs/core': '10', react: '18' } }));
// A worker deployed with wrangler beside the Node API, and a root that deploys a worker of its own.
write('apps/edge/package.json', JSON.stringify({ name: '@app/edge', dependencies: { hono: '4' }, devDependencies: { wrangler: '4' } }));
write('workers-root/package.json', JSON.stringify({ name: 'w', devDependencies: { '@cloudflare/workers-types': '4' } }));
write('workers-root/services/node-api/package.json', JSON.stringify({ name: 'node-api', dependencies: { express: '4' } }));
// Packages of test helpers, by name (Trigger.dev's `@internal/testcontainers` and `sdk-compat-tests`), beside a
// package whose name only contains a test word.
write('internal-packages/testcontainers/package.json', JSON.stringify({ name: '@internal/testcontainers', dependencies: { ioredis: '5' } }));
write('internal-packages/sdk-compat-tests/package.json', JSON.stringify({ name: '@internal/sdk-compat-tests', dependencies: { express: '4' } }));
write('internal-packages/testing-library-server/package.json', JSON.stringify({ name: '@internal/testing-library-server', dependencies: { express: '4' } }));
// Static sites: an Astro blog (Open SaaS's Starlight blog) and Docusaurus docs are built ahead of time; an Astro site
// with a server adapter, or beside a database client, renders on a server.
write('sites/blog/package.json', JSON.stringify({ name: 'blog', dependencies: { astro: '7', '@astrojs/starlight': '0.41', sharp: '0.35' } }));
write('sites/docs/package.json', JSON.stringify({ name: 'docs', dependencies: { '@docusaurus/core': '3', react: '18' } }));
write('sites/ssr/package.json', JSON.stringify({ name: 'ssr', dependencies: { astro: '7', '@astrojs/node': '9' } }));
write('sites/shop/package.json', JSON.stringify({ name: 'shop', dependencies: { astro: '7', 'drizzle-orm': '0.40' } }));
// Processes of their own: Linkwarden's worker (polling loops over a sibling Prisma package) serves nothing; a queue
// worker takes jobs (it may share the server's process), a launcher with no dependencies of its own says nothing,
// and `next start` runs no script file.
write('procs/worker/package.json', JSON.stringify({ name: '@lw/worker', private: true, scripts: { start: 'tsx index.ts' }, dependencies: { '@lw/prisma': 'workspace:*', axios: '1' } }));
write('procs/env-worker/package.json', JSON.stringify({ name: 'env-worker', scripts: { start: 'NODE_ENV=production node --enable-source-maps dist/main.js' }, dependencies: { pg: '8' } }));
write('procs/queue/package.json', JSON.stringify({ name: 'queue', scripts: { start: 'node dist/worker.js' }, dependencies: { bullmq: '5', pg: '8' } }));
write('procs/launcher/package.json', JSON.stringify({ name: 'launcher', scripts: { start: 'node index.js' }, dependencies: { dotenv: '16' } }));
write('procs/next/package.json', JSON.stringify({ name: 'web', scripts: { start: 'next start' }, dependencies: { '@lw/prisma': 'workspace:*' } }));
write('procs/lib/package.json', JSON.stringify({ name: '@lw/lib', scripts: { build: 'tsc' }, dependencies: { '@lw/prisma': 'workspace:*' } }));
write('procs/prisma/package.json', JSON.stringify({ name: '@lw/prisma', dependencies: { '@prisma/client': '5' } }));
// erxes's plugins: a process whose server a shared sibling package starts; and one whose sibling cannot be found.
write('procs/plugin/package.json', JSON.stringify({ name: 'sales', scripts: { start: 'node -r tsconfig-paths/register dist/src/main.js' }, dependencies: { 'api-shared': 'workspace:^' } }));
write('procs/shared/package.json', JSON.stringify({ name: 'api-shared', dependencies: { express: '4', mongoose: '8' } }));
write('procs/orphan/package.json', JSON.stringify({ name: 'orphan', scripts: { start: 'tsx index.ts' }, dependencies: { 'not-here': 'workspace:*' } }));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('runsOnCloudflareWorkers', () => {
  it("reads the package's own manifest, the working directory's included", () => {
    expect(runsOnCloudflareWorkers(root, path.join(root, 'apps/edge/src/index.ts'))).toBe(true);
    expect(runsOnCloudflareWorkers(root, path.join(root, 'apps/api/src/routes/users.ts'))).toBe(false);
    expect(runsOnCloudflareWorkers(path.join(root, 'workers-root'), path.join(root, 'workers-root/src/worker.ts'))).toBe(true);
    expect(runsOnCloudflareWorkers(path.join(root, 'workers-root'), path.join(root, 'workers-root/services/node-api/src/app.ts'))).toBe(false);
  });

  it('takes a working directory of / as holding every file', () => {
    expect(runsOnCloudflareWorkers(path.parse(root).root, path.join(root, 'apps/edge/src/index.ts'))).toBe(true);
  });
});

describe('inCommandLinePackage', () => {
  it('reads the nearest manifest strictly below the working directory', () => {
    expect(inCommandLinePackage(root, path.join(root, 'admin/src/utils/display.ts'), CLI)).toBe(true);
    expect(inCommandLinePackage(root, path.join(root, 'apps/api/src/routes/users.ts'), CLI)).toBe(false);
    // The root manifest describes the whole project; a broken one says nothing; outside the project, nothing either.
    expect(inCommandLinePackage(root, path.join(root, 'src/server.ts'), CLI)).toBeUndefined();
    expect(inCommandLinePackage(root, path.join(root, 'tooling/broken/src/a.ts'), CLI)).toBe(false);
    // A relative name is read from the working directory; a working directory of / holds every file.
    expect(inCommandLinePackage(root, 'admin/src/utils/display.ts', CLI)).toBe(true);
    expect(inCommandLinePackage(path.parse(root).root, path.join(root, 'admin/src/utils/display.ts'), CLI)).toBe(true);
    expect(inCommandLinePackage(root, path.join(os.tmpdir(), 'elsewhere/a.ts'), CLI)).toBeUndefined();
    expect(inCommandLinePackage(root, '<input>', CLI)).toBeUndefined();
  });
  it('tells front ends apart, a Next.js app by its router', () => {
    expect(packageKindAt(root, path.join(root, 'apps/spa/src/api.ts'), CLI)).toBe('browser');
    expect(packageKindAt(root, path.join(root, 'apps/dashboard/services/api.ts'), CLI)).toBe('next-pages-app');
    expect(packageKindAt(root, path.join(root, 'apps/site/src/lib/api.ts'), CLI)).toBe('other');
    expect(packageKindAt(root, path.join(root, 'apps/api/src/a.ts'), CLI)).toBe('other');
    expect(packageKindAt(root, path.join(root, 'admin/src/a.ts'), CLI)).toBe('command-line');
  });
  it('knows a package of test helpers by its name', () => {
    expect(packageKindAt(root, path.join(root, 'internal-packages/testcontainers/src/docker.ts'), CLI)).toBe('test-support');
    expect(packageKindAt(root, path.join(root, 'internal-packages/sdk-compat-tests/src/server.ts'), CLI)).toBe('test-support');
    expect(packageKindAt(root, path.join(root, 'internal-packages/testing-library-server/src/server.ts'), CLI)).toBe('other');
  });
  it('knows a static site by its generator, unless it renders on a server', () => {
    expect(packageKindAt(root, path.join(root, 'sites/blog/src/components/imagePaths.ts'), CLI)).toBe('static-site');
    expect(packageKindAt(root, path.join(root, 'sites/docs/src/plugins/coverage.ts'), CLI)).toBe('static-site');
    expect(packageKindAt(root, path.join(root, 'sites/ssr/src/pages/api/users.ts'), CLI)).toBe('other');
    expect(packageKindAt(root, path.join(root, 'sites/shop/src/lib/db.ts'), CLI)).toBe('other');
  });
  it('knows a process of its own that serves nothing by its start script and dependencies', () => {
    const kinds = Object.fromEntries(['worker', 'env-worker', 'queue', 'launcher', 'next', 'lib'].map((name) => [name, packageKindAt(root, path.join(root, `procs/${name}/src/a.ts`), CLI)]));
    expect(kinds).toEqual({ worker: 'worker-process', 'env-worker': 'worker-process', queue: 'other', launcher: 'other', next: 'other', lib: 'other' });
  });
  it("knows an Nx web app by its project's dev server, without a manifest of its own", () => {
    expect(packageKindAt(root, path.join(root, 'nx/apps/client/src/api/storage.ts'), CLI)).toBe('browser');
    expect(packageKindAt(root, path.join(root, 'nx/apps/server/src/main.ts'), CLI)).toBe('other');
    expect(packageKindAt(root, path.join(root, 'nx/apps/ssr/src/server.ts'), CLI)).toBe('other');
    expect(packageKindAt(root, path.join(root, 'nx/libs/util/src/index.ts'), CLI)).toBe('other');
  });
});

describe('request path of a file in a command-line package', () => {

  const linter = new Linter({ cwd: root, configType: 'flat' });
  const where = (filename: string) =>
    linter
      .verify(`export function display(org: { name: string }) { here(org); }`, [{ files: ['**/*.ts'], languageOptions: { parser: tsParser }, plugins: { p: { rules: { where: probe as never } } }, rules: { 'p/where': 'error' } }], { filename: path.join(root, filename) })
      .map((message) => message.message);

  it('is a script when its package is only a tool', () => {
    expect(where('admin/src/utils/display.ts')).toEqual(['off:cli-script']);
  });
  it('stays server code in a package with a server, and in the project root', () => {
    expect(where('apps/api/src/display.ts')).toEqual(['on:server-function']);
    expect(where('src/display.ts')).toEqual(['on:server-function']);
  });
  it("is browser code in a front end's package (GrowthBook's services), but for its server files", () => {
    expect(where('apps/spa/src/display.ts')).toEqual(['off:client-side']);
    expect(where('apps/dashboard/services/display.ts')).toEqual(['off:client-side']);
    expect(where('apps/dashboard/pages/api/display.ts')).toEqual(['on:server-function']);
    expect(where('apps/dashboard/middleware.ts')).toEqual(['on:server-function']);
    expect(where('apps/site/src/lib/display.ts')).toEqual(['on:server-function']);
    const code = (text: string, filename: string) =>
      linter.verify(text, [{ files: ['**/*.ts'], languageOptions: { parser: tsParser }, plugins: { p: { rules: { where: probe as never } } }, rules: { 'p/where': 'error' } }], { filename: path.join(root, filename) }).map((message) => message.message);
    // Node's modules, or data fetched on the server, make a file server code.
    expect(code(`import fs from 'node:fs'; export function display() { here(fs); }`, 'apps/dashboard/lib/files.ts')).toEqual(['on:server-function']);
    expect(code(`export async function getServerSideProps() { here(); return { props: {} }; }`, 'apps/dashboard/pages/report.ts')).not.toEqual(['off:client-side']);
    // Modules bundlers polyfill for the browser say nothing (Amplication's client imports `assert`); `node:` says Node.
    expect(code(`import assert from 'assert'; import { EventEmitter } from 'events'; export function display() { here(assert, EventEmitter); }`, 'apps/spa/src/storage.ts')).toEqual(['off:client-side']);
    expect(code(`import assert from 'node:assert'; export function display() { here(assert); }`, 'apps/spa/src/storage.ts')).toEqual(['on:server-function']);
    expect(code(`import { readFile } from 'fs'; export function display() { here(readFile); }`, 'apps/spa/src/storage.ts')).toEqual(['on:server-function']);
  });
  it('is a test file in a package of test helpers', () => {
    expect(where('internal-packages/testcontainers/src/display.ts')).toEqual(['off:test-file']);
    expect(where('internal-packages/testing-library-server/src/display.ts')).toEqual(['on:server-function']);
  });
  it("is build code in a static site's package", () => {
    expect(where('sites/blog/src/components/display.ts')).toEqual(['off:cli-script']);
    expect(where('sites/ssr/src/lib/display.ts')).toEqual(['on:server-function']);
  });
  it("stays on the path in a process of its own, which shares no event loop with a server", () => {
    expect(where('procs/worker/lib/display.ts')).toEqual(['on:server-function']);
    const detached = (filename: string) =>
      linter
        .verify(`export function display(org: { name: string }) { here(org); }`, [{ files: ['**/*.ts'], languageOptions: { parser: tsParser }, plugins: { p: { rules: { where: servingProbe as never } } }, rules: { 'p/where': 'error' } }], { filename: path.join(root, filename) })
        .map((message) => message.message);
    expect(detached('procs/worker/lib/display.ts')).toEqual(['separate']);
    expect(detached('procs/env-worker/src/display.ts')).toEqual(['separate']);
    expect(detached('procs/plugin/src/display.ts')).toEqual(['serving']);
    expect(detached('procs/orphan/src/display.ts')).toEqual(['serving']);
    expect(detached('procs/queue/src/display.ts')).toEqual(['serving']);
    expect(detached('apps/api/src/display.ts')).toEqual(['serving']);
  });
  it('is browser code in an Nx web app without a manifest of its own', () => {
    expect(where('nx/apps/client/src/display.ts')).toEqual(['off:client-side']);
    expect(where('nx/apps/server/src/display.ts')).toEqual(['on:server-function']);
  });
});

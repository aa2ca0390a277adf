import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isInBrowserEntryFolder, moduleScriptSources } from '../../src/analysis/browser-entry';
import { requestPathProbe as probe } from './request-path-probe';

describe('moduleScriptSources', () => {
  it("reads each module script's source, whatever the attributes' order, quotes or case", () => {
    expect(moduleScriptSources('<html><body><script type="module" src="/src/index.tsx"></script></body></html>')).toEqual(['/src/index.tsx']);
    expect(moduleScriptSources(`<SCRIPT src='./app/main.ts' defer TYPE=module></SCRIPT><script type="module" src=/src/extra.js></script>`)).toEqual(['./app/main.ts', '/src/extra.js']);
  });
  it('leaves classic scripts, inline modules and tags cut short', () => {
    expect(moduleScriptSources('<script src="/src/legacy.js"></script><script type="module">import "./x.js"</script>')).toEqual([]);
    expect(moduleScriptSources('<script type="module" src="/src/main.ts"')).toEqual([]);
  });
});

/** A throw-away project on disk, laid out as Maxun is: one manifest for a Vite front end in `src/` and a server in `server/`. */
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-perf-browser-entry-'));
function write(relative: string, text: string) {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}
write('package.json', JSON.stringify({ name: 'scraper', dependencies: { express: '4', sequelize: '6', react: '18', 'react-dom': '18', axios: '1' } }));
write('index.html', '<!doctype html><html><body><div id="root"></div><script type="module" src="/src/index.tsx"></script></body></html>');
// A package of a workspace with its own page, loading `./app/main.ts`, and one whose page loads only a CDN's script.
write('apps/web/package.json', JSON.stringify({ name: '@scraper/web', dependencies: { express: '4' } }));
write('apps/web/index.html', `<script type='module' src='./app/main.ts'></script>`);
write('apps/docs/package.json', JSON.stringify({ name: '@scraper/docs', dependencies: { express: '4' } }));
write('apps/docs/index.html', '<script type="module" src="https://cdn.example.com/widget.js"></script>');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('isInBrowserEntryFolder', () => {
  it("holds for files in the entry's folder and below it", () => {
    expect(isInBrowserEntryFolder(root, path.join(root, 'src/api/storage.ts'))).toBe(true);
    expect(isInBrowserEntryFolder(root, path.join(root, 'src/index.tsx'))).toBe(true);
    expect(isInBrowserEntryFolder(root, path.join(root, 'apps/web/app/pages/list.ts'))).toBe(true);
  });
  it('reads a relative file name from the working directory, and stops at the package of a working directory of /', () => {
    expect(isInBrowserEntryFolder(root, 'apps/web/app/main.ts')).toBe(true);
    expect(isInBrowserEntryFolder(path.parse(root).root, path.join(root, 'apps/web/app/pages/view.ts'))).toBe(true);
  });
  it("leaves the server's folders, a `server` folder under the entry's, other folders of a package, and pages of a CDN's scripts", () => {
    expect(isInBrowserEntryFolder(root, path.join(root, 'server/src/routes/storage.ts'))).toBe(false);
    expect(isInBrowserEntryFolder(root, path.join(root, 'src/server/api.ts'))).toBe(false);
    expect(isInBrowserEntryFolder(root, path.join(root, 'apps/web/src/main.ts'))).toBe(false);
    expect(isInBrowserEntryFolder(root, path.join(root, 'apps/docs/src/main.ts'))).toBe(false);
    // A package's page is never read for a file of another package below it, nor a page above the working directory.
    expect(isInBrowserEntryFolder(path.join(root, 'server'), path.join(root, 'server/src/api.ts'))).toBe(false);
  });
});

describe('request path of a file a single-page app loads', () => {
  const linter = new Linter({ cwd: root, configType: 'flat' });
  const where = (text: string, filename: string) =>
    linter
      .verify(text, [{ files: ['**/*.ts'], languageOptions: { parser: tsParser }, plugins: { p: { rules: { where: probe as never } } }, rules: { 'p/where': 'error' } }], { filename: path.join(root, filename) })
      .map((message) => message.message);
  const display = `export function display(org: { name: string }) { here(org); }`;

  it("is browser code in the entry's folder (Maxun's API client)", () => {
    expect(where(display, 'src/api/storage.ts')).toEqual(['off:client-side']);
    expect(where(display, 'apps/web/app/storage.ts')).toEqual(['off:client-side']);
  });
  it('stays server code elsewhere, and where it loads Node modules', () => {
    expect(where(display, 'server/src/routes/storage.ts')).toEqual(['on:server-function']);
    expect(where(display, 'src/server/storage.ts')).toEqual(['on:server-function']);
    expect(where(`import fs from 'node:fs'; export function display() { here(fs); }`, 'src/api/files.ts')).toEqual(['on:server-function']);
  });
});

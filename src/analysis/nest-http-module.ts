/**
 * NestJS's `HttpService` (`@nestjs/axios`) sends through the axios instance its `HttpModule` was registered with:
 * `HttpModule.register({ timeout: 5000 })` (or `registerAsync`) configures one, a bare `HttpModule` in a module's
 * `imports` hands out axios's default instance, which never times out. The module that provides a service sits in
 * the service's folder or one above it (`license/license.module.ts` for `license/services/lemon-squeezy.service.ts`),
 * so the nearest folder with a `*.module.ts` answers for the services below it.
 */
import path from 'node:path';
import { remembered, type DiskMemo } from './disk-memo';
import { listing, isAtOrBelow, readSmallTextFile } from './folders';

/** no-timeout: the nearest modules import a bare `HttpModule`; unknown: anything else (configured, or provided elsewhere). */
export type NestHttpDefaults = 'no-timeout' | 'unknown';

const MAX_MEMO_SIZE = 2_000;
/** A module file this large is not hand-written: its text is not read. */
const MAX_MODULE_BYTES = 200_000;
const MODULE_FILE = /\.module\.[cm]?[jt]s$/;

const answersByFolder: DiskMemo<NestHttpDefaults> = new Map();

/**
 * What the `HttpModule` the nearest NestJS modules import says about timeouts. The modules are looked for in the
 * file's folder and each one above it, up to the package's root (a folder with a `package.json`) and never above
 * `cwd`. The first folder that has any decides: none of them naming `HttpModule` means the service comes from a
 * module imported there (a shared module may register it), so the answer is unknown.
 */
export function nestHttpModuleDefaults(cwd: string, fileName: string): NestHttpDefaults {
  const root = path.resolve(cwd);
  const folder = path.dirname(path.resolve(root, fileName));
  return remembered(answersByFolder, `${root}\0${folder}`, Date.now(), MAX_MEMO_SIZE, () => nearestModulesSay(root, folder));
}

function nearestModulesSay(root: string, start: string): NestHttpDefaults {
  for (let folder = start; isAtOrBelow(folder, root); folder = path.dirname(folder)) {
    const entries = listing(folder);
    const modules = [...entries].filter(([name, kind]) => kind === 'file' && MODULE_FILE.test(name)).map(([name]) => path.join(folder, name));
    if (modules.length > 0) return modulesSay(modules) === 'no-timeout' && !bootstrapSetsAxiosDefaults(root, folder, entries) ? 'no-timeout' : 'unknown';
    if (entries.has('package.json') || folder === root) return 'unknown';
  }
  return 'unknown';
}

/**
 * A bare `HttpModule` hands out axios's default instance, so `axios.defaults.timeout = …` in the app's bootstrap file
 * (`main.ts` at or under its package's root, as Nest's starter puts it) bounds every request through it.
 */
function bootstrapSetsAxiosDefaults(root: string, start: string, startEntries: ReadonlyMap<string, 'file' | 'folder'>): boolean {
  for (let folder = start; isAtOrBelow(folder, root); folder = path.dirname(folder)) {
    const entries = folder === start ? startEntries : listing(folder);
    for (const main of ['main.ts', 'main.js', path.join('src', 'main.ts'), path.join('src', 'main.js')]) {
      const text = readSmallTextFile(path.join(folder, main), MAX_MODULE_BYTES);
      if (text?.includes('defaults')) return true;
    }
    if (entries.has('package.json') || folder === root) return false;
  }
  return false;
}

function modulesSay(modules: readonly string[]): NestHttpDefaults {
  let bare = false;
  for (const file of modules) {
    const text = readSmallTextFile(file, MAX_MODULE_BYTES);
    if (text === undefined) return 'unknown';
    const use = httpModuleUse(text);
    if (use === 'configured') return 'unknown';
    if (use === 'bare') bare = true;
  }
  return bare ? 'no-timeout' : 'unknown';
}

/**
 * How a module's text uses `HttpModule`: `HttpModule.register(…)`/`registerAsync(…)` (any member) configures it, and
 * a text that also spells `timeout`, axios's `defaults` or `AXIOS_INSTANCE_TOKEN` may configure it some other way. Scanned with
 * `indexOf`, linear in the text's length.
 */
export function httpModuleUse(text: string): 'bare' | 'configured' | 'absent' {
  let named = false;
  for (let at = text.indexOf('HttpModule'); at !== -1; at = text.indexOf('HttpModule', at + 10)) {
    // `import { HttpModule } from '@nestjs/axios'` names it; what follows the name tells a member from a bare use.
    let next = at + 10;
    while (next < text.length && (text[next] === ' ' || text[next] === '\n' || text[next] === '\r' || text[next] === '\t')) next++;
    if (text[next] === '.') return 'configured';
    // `MyHttpModule`, `HttpModuleOptions`: another name.
    if (isIdentifierCharacter(text[at - 1]) || isIdentifierCharacter(text[at + 10])) continue;
    named = true;
  }
  if (!named) return 'absent';
  // A provider of `AXIOS_INSTANCE_TOKEN` replaces the instance the service sends through.
  return text.includes('timeout') || text.includes('defaults') || text.includes('AXIOS_INSTANCE_TOKEN') ? 'configured' : 'bare';
}

function isIdentifierCharacter(character: string | undefined): boolean {
  return character !== undefined && /[\w$]/.test(character);
}

/**
 * A `test/` folder below a project's root holds tests when it looks like a test suite's home: Hexabot's
 * `src/utils/test/` (seeding `fixtures/`), Outline's `server/test/` and Umami's `src/test/` (a `setup.ts` the test
 * runner loads first). A `test/` folder may also be a feature of the product (an exam app's `src/modules/test/`), or a
 * route segment below `app/`, `pages/`, `routes/` or `api/` (Formbricks' `app/api/v3/workflows/[workflowId]/test/`),
 * so the folder's name alone does not decide.
 */
import path from 'node:path';
import { remembered, type DiskMemo } from './disk-memo';
import { listing } from './folders';

const MAX_MEMO_SIZE = 2_000;
const ROUTING_FOLDERS: ReadonlySet<string> = new Set(['app', 'pages', 'routes', 'api']);
const WORKSPACE_FOLDERS: ReadonlySet<string> = new Set(['apps', 'packages', 'libs', 'services', 'plugins']);
/** Subfolders only a test suite keeps. */
const TEST_SUPPORT_FOLDERS: ReadonlySet<string> = new Set(['fixtures', '__fixtures__', 'mocks', '__mocks__']);
/** A test runner's set-up file: `setup.ts`, `global-setup.ts`, `jest.setup.ts`, `vitest.setup.ts`, `test-utils.tsx`. */
const TEST_SUPPORT_FILE = /^(?:[\w-]*[.-])?setup\.[cm]?[jt]sx?$|^test-utils\.[cm]?[jt]sx?$/i;

const answersByFolder: DiskMemo<boolean> = new Map();

/**
 * `relativePath` (from `cwd`, with `/` separators) lies in a nested `test/` folder that is a test suite's: the first
 * `test` folder of the path, below no routing folder, either seen through the path (`test/fixtures/…`) or holding a
 * support subfolder or a set-up file on disk.
 */
export function isInNestedTestFolder(cwd: string, relativePath: string): boolean {
  if (!relativePath.includes('/test/')) return false;
  const folders = relativePath.split('/');
  folders.pop();
  for (let index = 0; index < folders.length; index++) {
    const folder = folders[index];
    // A workspace's package named `api` or `app` (`packages/api/`) routes nothing by its name.
    if (ROUTING_FOLDERS.has(folder) && !(index === 1 && WORKSPACE_FOLDERS.has(folders[0]))) return false;
    if (folder !== 'test') continue;
    // `test/` at the root is another rule's (every root `test/` is test code).
    if (index === 0) return false;
    if (index + 1 < folders.length && TEST_SUPPORT_FOLDERS.has(folders[index + 1])) return true;
    const testFolder = path.resolve(cwd, ...folders.slice(0, index + 1));
    return remembered(answersByFolder, testFolder, Date.now(), MAX_MEMO_SIZE, () => holdsTestSupport(testFolder));
  }
  return false;
}

/** A test file's name: `reports.test.ts`, `matching.integration.spec.tsx`. */
const TEST_FILE = /\.(?:test|spec)\.[cm]?[jt]sx?$/i;
const CODE_FILE = /\.[cm]?[jt]sx?$/i;

/**
 * The folder holds a support subfolder or a set-up file, or mostly tests: more test files than other code (Midday's
 * `packages/db/src/test/`, its suites beside a golden dataset). A feature folder named `test` keeps a spec beside each
 * of its sources at most.
 */
function holdsTestSupport(folder: string): boolean {
  let tests = 0;
  let otherCode = 0;
  for (const [name, kind] of listing(folder)) {
    if (kind === 'folder' ? TEST_SUPPORT_FOLDERS.has(name) : TEST_SUPPORT_FILE.test(name)) return true;
    if (kind === 'folder') continue;
    if (TEST_FILE.test(name)) tests++;
    else if (CODE_FILE.test(name) && !name.endsWith('.d.ts')) otherCode++;
  }
  return tests > otherCode;
}

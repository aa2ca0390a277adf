import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import noNPlusOne from '../../rules/no-n-plus-one';
import { isInNestedTestFolder } from '../../src/analysis/test-folders';
import { messagesOnDisk } from '../rule-tester';

// A `test/` folder below the root is a test suite's when it keeps fixtures or mocks, a set-up file, or mostly tests; otherwise it
// may be a feature of the product (an exam app's `src/modules/test/`) or a route segment.

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-perf-test-folders-'));
function write(relative: string, text = 'export {};\n') {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}
write('package.json', JSON.stringify({ name: 'api', dependencies: { typeorm: '^0.3.0' } }));
write('packages/api/src/utils/test/fixtures/label.ts');
write('packages/api/src/utils/test/utils.ts');
write('server/test/setup.ts');
write('server/test/support.ts');
write('src/test/vitest.setup.ts');
write('src/modules/test/test.service.ts');
write('src/modules/test/test.service.spec.ts');
write('src/modules/test/setup/wizard.ts');
write('app/api/workflows/[id]/test/setup.ts');
write('packages/db/src/test/reports.test.ts');
write('packages/db/src/test/matching.integration.test.ts');
write('packages/db/src/test/golden-dataset.ts');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('nested test/ folders', () => {
  it('holding fixtures, mocks or a set-up file are test code', () => {
    expect(isInNestedTestFolder(root, 'packages/api/src/utils/test/fixtures/label.ts')).toBe(true);
    expect(isInNestedTestFolder(root, 'packages/api/src/utils/test/utils.ts')).toBe(true);
    expect(isInNestedTestFolder(root, 'server/test/support.ts')).toBe(true);
    expect(isInNestedTestFolder(root, 'src/test/render.tsx')).toBe(true);
    // Mostly test suites, beside the data they share (Midday's \`packages/db/src/test/\`).
    expect(isInNestedTestFolder(root, 'packages/db/src/test/golden-dataset.ts')).toBe(true);
    // Seen in the path alone, whatever the disk holds.
    expect(isInNestedTestFolder(root, 'libs/core/src/test/__mocks__/redis.ts')).toBe(true);
  });

  it('are not when they hold a feature of the product, or sit below a routing folder', () => {
    expect(isInNestedTestFolder(root, 'src/modules/test/test.service.ts')).toBe(false);
    expect(isInNestedTestFolder(root, 'src/modules/test/setup/wizard.ts')).toBe(false);
    expect(isInNestedTestFolder(root, 'app/api/workflows/[id]/test/route.ts')).toBe(false);
    expect(isInNestedTestFolder(root, 'src/routes/test/fixtures/index.ts')).toBe(false);
    expect(isInNestedTestFolder(root, 'apps/web/src/api/test/fixtures/index.ts')).toBe(false);
    // Not nested: a root `test/` is decided elsewhere.
    expect(isInNestedTestFolder(root, 'test/setup.ts')).toBe(false);
    expect(isInNestedTestFolder(root, 'src/testing.ts')).toBe(false);
  });

  it('silence the rules in a fixture that seeds rows one by one (Hexabot)', () => {
    const code = `import { DataSource } from 'typeorm';
export async function installLabelFixtures(dataSource: DataSource, labels: { name: string }[]) {
  for (const label of labels) await dataSource.getRepository('Label').save(label);
}
`;
    const lint = (filename: string) => messagesOnDisk(root, filename, code, { 'no-n-plus-one': noNPlusOne }).map((message) => `${message.line} ${message.ruleId}`);
    expect(lint('packages/api/src/utils/test/fixtures/label.ts')).toEqual([]);
    expect(lint('src/modules/test/test.service.ts')).toEqual(['3 p/no-n-plus-one']);
  });
});

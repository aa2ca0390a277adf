/**
 * The plugin in an editor. The VS Code ESLint extension (and other ESLint-based editor integrations)
 * lints the open buffer with ESLint's Node API: `new ESLint({ cwd: <workspace folder> })`, then
 * `lintText(<buffer text>, { filePath, warnIgnored: false })`, so rules see unsaved text under the file's
 * real path. This test does the same on a file of examples/, untyped (the `recommended` preset, as the
 * demo configures it) and typed (examples/eslint.config.mjs, `recommended-type-checked`, which the
 * extension would load itself), and checks the warnings and their guide suffix.
 * `npm run bench` measures the latency of the same calls (bench/editor-latency.mjs).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { guideLabel, type GuideItemAnchor } from '../../src/guide/catalogue';
import plugin from '../../src/index';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLES = path.join(REPO_ROOT, 'examples');
const FILE = path.join(EXAMPLES, 'src', 'services', 'order-service.ts');
/** What examples/src/services/order-service.ts plants (tests/demo.test.ts pins the same lines). */
const SAVED_WARNINGS = ['50 backend-perf/no-n-plus-one', '76 backend-perf/no-sync-logging', '118 backend-perf/no-quadratic-lookup', '129 backend-perf/no-io-in-transaction'];
const BUILT_ENTRY = path.join(REPO_ROOT, 'dist', 'src', 'index.js');

/** The untyped editor config, as scripts/demo.mjs builds it. */
function untypedEslint(): ESLint {
  return new ESLint({
    cwd: EXAMPLES,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts'], ...plugin.configs.recommended },
      { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } },
    ] as never,
  });
}

/** The typed editor config: the workspace's own eslint.config.mjs, found from cwd like the extension does. */
function typedEslint(): ESLint {
  return new ESLint({ cwd: EXAMPLES });
}

const MODES = [
  { name: 'untyped (recommended)', create: untypedEslint },
  { name: 'typed (examples/eslint.config.mjs, recommended-type-checked)', create: typedEslint },
];

/** An N+1 typed into the buffer and not saved yet. */
const UNSAVED_ADDITION = `
export async function emailsOf(prisma: PrismaClient, ids: readonly number[]): Promise<(string | undefined)[]> {
  const emails: (string | undefined)[] = [];
  for (const id of ids) {
    const user = await prisma.user.findUnique({ where: { id }, select: { email: true } });
    emails.push(user?.email);
  }
  return emails;
}
`;

function suffixOf(ruleId: string): string {
  const anchor = (plugin.rules as Record<string, { meta: { docs: { guide: GuideItemAnchor } } }>)[ruleId.replace('backend-perf/', '')].meta.docs.guide;
  return ` (guide: ${guideLabel(anchor)})`;
}

async function lintBuffer(eslint: ESLint, text: string) {
  const [result] = await eslint.lintText(text, { filePath: FILE, warnIgnored: false });
  expect(result.filePath).toBe(FILE);
  expect(result.messages.filter((message) => message.fatal || message.ruleId === null)).toEqual([]);
  return result.messages.map((message) => ({ line: message.line, ruleId: message.ruleId!, message: message.message }));
}

beforeAll(() => {
  if (!existsSync(BUILT_ENTRY)) throw new Error(`${BUILT_ENTRY} is missing: run \`npm run build\` first (examples/eslint.config.mjs loads the build).`);
});

describe.each(MODES)('lintText with a filePath, $name', ({ create }) => {
  const saved = readFileSync(FILE, 'utf8');
  let eslint: ESLint;

  beforeAll(() => {
    eslint = create();
  });

  it('reports the file’s warnings, each message ending with its guide item', async () => {
    const messages = await lintBuffer(eslint, saved);
    expect(messages.map(({ line, ruleId }) => `${line} ${ruleId}`)).toEqual(SAVED_WARNINGS);
    for (const { ruleId, message } of messages) expect(message.endsWith(suffixOf(ruleId))).toBe(true);
    expect(messages[0].message).toMatch(/ \(guide: Database › N\+1 queries\)$/);
  });

  it('lints the unsaved buffer, not the file on disk', async () => {
    const buffer = saved + UNSAVED_ADDITION;
    const addedLine = saved.split('\n').length + UNSAVED_ADDITION.split('\n').findIndex((line) => line.includes('findUnique'));
    const messages = await lintBuffer(eslint, buffer);
    expect(messages.map(({ line, ruleId }) => `${line} ${ruleId}`)).toEqual([
      ...SAVED_WARNINGS,
      `${addedLine} backend-perf/no-n-plus-one`,
    ]);
    // Back to the saved text: the extra warning goes away again.
    expect(await lintBuffer(eslint, saved)).toHaveLength(SAVED_WARNINGS.length);
  });
});

import path from 'node:path';
import * as tsParser from '@typescript-eslint/parser';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import { afterAll, describe, it } from 'vitest';

// @typescript-eslint/rule-tester needs the test framework's hooks wired in.
RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

export const TYPED_FIXTURE_DIR = path.join(__dirname, 'fixtures', 'typed');

/** A tester without type information: what an editor gets from the `recommended` config. */
export function untypedRuleTester(): RuleTester {
  return new RuleTester();
}

/**
 * A tester without type information whose working directory is `dir` (ESLint's `cwd`, as the parser's root sets it):
 * cases named relative to it (`workers-app/src/index.ts`) read the packages there, and are not test files.
 */
export function untypedRuleTesterIn(dir: string): RuleTester {
  return new RuleTester({ languageOptions: { parserOptions: { tsconfigRootDir: dir } } });
}

/**
 * A tester with type information from tests/fixtures/typed (real packages from node_modules, Prisma's
 * generated client). Cases lint as tests/fixtures/typed/file.ts unless they set `filename`.
 */
export function typedRuleTester(): RuleTester {
  return new RuleTester({
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: TYPED_FIXTURE_DIR,
      },
    },
  });
}

/**
 * The messages `rules` (by id, each on as an error under the prefix `p/`) report on `code` linted as `filename` of a
 * project on disk at `cwd`, without type information: for analyses that read the project's other files and manifests.
 */
export function messagesOnDisk(cwd: string, filename: string, code: string, rules: Readonly<Record<string, unknown>>): Linter.LintMessage[] {
  const linter = new Linter({ cwd, configType: 'flat' });
  return linter.verify(
    code,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tsParser },
        plugins: { p: { rules: rules as never } },
        rules: Object.fromEntries(Object.keys(rules).map((id) => [`p/${id}`, 'error' as const])),
      },
    ],
    { filename: path.join(cwd, filename) },
  );
}

import path from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
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

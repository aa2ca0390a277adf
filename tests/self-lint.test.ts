// The plugin's own source passes its lint config (eslint.config.mjs): typescript-eslint's recommended
// rules everywhere, eslint-plugin-eslint-plugin's on rule modules. Warnings are printed, not failed.
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..');

function describeMessages(results: ESLint.LintResult[], severity: 1 | 2): string[] {
  return results.flatMap((result) =>
    result.messages
      .filter((message) => message.severity === severity || (severity === 2 && message.fatal))
      .map((message) => `${path.relative(ROOT, result.filePath)}:${message.line}:${message.column} ${message.message} (${message.ruleId ?? 'parse error'})`),
  );
}

describe('self-lint', () => {
  it('src/ and rules/ have no lint errors', async () => {
    const eslint = new ESLint({ cwd: ROOT });
    const results = await eslint.lintFiles(['src', 'rules']);
    expect(results.length).toBeGreaterThan(0);

    const warnings = describeMessages(results, 1);
    if (warnings.length > 0) console.warn(`self-lint warnings:\n  ${warnings.join('\n  ')}`);
    expect(describeMessages(results, 2)).toEqual([]);
  });
});

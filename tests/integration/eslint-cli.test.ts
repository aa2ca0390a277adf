// Loads the built plugin the way users do: a project with its own eslint.config, the plugin resolved by
// package name from node_modules (a symlink to this repository, so `main`/`exports` → dist/ are used),
// linted by the real ESLint CLI (10, and 9 through the `eslint-v9` alias). Besides hand-written configs
// (ESM, CommonJS, typed), the configs shown under "Usage" in README.md are run verbatim with `eslint .`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const ESLINT_10 = path.join(REPO_ROOT, 'node_modules', 'eslint');
const ESLINT_9 = path.join(REPO_ROOT, 'node_modules', 'eslint-v9');
const BUILT_ENTRY = path.join(REPO_ROOT, 'dist', 'src', 'index.js');
const CLI_TIMEOUT_MS = 60_000;
const FETCH_RULE = 'backend-perf/require-fetch-timeout';

interface BuiltPlugin {
  meta: { name: string; version: string };
  rules: Record<string, { meta: { docs: { description: string } } }>;
  configs: Record<string, { rules?: Record<string, unknown> }>;
}

interface LintMessage {
  ruleId: string | null;
  message: string;
  line: number;
  fatal?: boolean;
}

interface LintResult {
  filePath: string;
  messages: LintMessage[];
  errorCount: number;
  fatalErrorCount: number;
}

const loadBuiltPlugin = (): BuiltPlugin => createRequire(__filename)(BUILT_ENTRY) as BuiltPlugin;

// The finding is only asserted once the rule exists; until then the placeholder describes itself as 'TODO'.
const fetchRuleImplemented =
  existsSync(BUILT_ENTRY) && loadBuiltPlugin().rules['require-fetch-timeout']?.meta.docs.description !== 'TODO';

const SOURCES = {
  'src/fetch-without-timeout.ts': [
    'export async function loadProfile(url: string): Promise<unknown> {',
    '  const response = await fetch(url);',
    '  return response.json();',
    '}',
    '',
  ].join('\n'),
  'src/fetch-with-timeout.ts': [
    'export async function loadProfile(url: string): Promise<unknown> {',
    '  const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });',
    '  return response.json();',
    '}',
    '',
  ].join('\n'),
};

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'nodenext',
    moduleResolution: 'nodenext',
    lib: ['ES2023'],
    types: ['node'],
    strict: true,
    skipLibCheck: true,
    noEmit: true,
  },
  include: ['src'],
};

// A local rule that reports whether the parser gave it a TypeScript program: proves the typed preset
// really switched type information on.
const TYPE_PROBE_PLUGIN = `{
  rules: {
    'type-information': {
      meta: { type: 'problem', schema: [], messages: { probe: 'type information: {{available}}' } },
      create(context) {
        return {
          Program(node) {
            const available = String(Boolean(context.sourceCode.parserServices?.program));
            context.report({ node, messageId: 'probe', data: { available } });
          },
        };
      },
    },
  },
}`;

const UNTYPED_CONFIG_BODY = `[
  { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } },
  backendPerf.configs.recommended,
]`;

const typedConfigBody = (rootDirExpression: string) => `[
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser, parserOptions: { tsconfigRootDir: ${rootDirExpression} } },
  },
  backendPerf.configs['recommended-type-checked'],
  { plugins: { probe: ${TYPE_PROBE_PLUGIN} }, rules: { 'probe/type-information': 'warn' } },
]`;

const HAND_WRITTEN_CONFIGS = {
  mjs: `import backendPerf from 'eslint-plugin-backend-perf';
import tseslint from 'typescript-eslint';

export default ${UNTYPED_CONFIG_BODY};
`,
  cjs: `const backendPerf = require('eslint-plugin-backend-perf');
const tseslint = require('typescript-eslint');

module.exports = ${UNTYPED_CONFIG_BODY};
`,
  typed: `import backendPerf from 'eslint-plugin-backend-perf';
import tseslint from 'typescript-eslint';

export default ${typedConfigBody('import.meta.dirname')};
`,
};

/** The flat configs README.md shows under "Usage": the code blocks that export a config. */
function readmeUsageConfigs(): string[] {
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const usage = readme.split(/^## /m).find((section) => section.startsWith('Usage'));
  const blocks = [...(usage ?? '').matchAll(/```js\n([\s\S]*?)```/g)].map((match) => match[1]);
  return blocks.filter((block) => block.includes('export default'));
}

interface Scenario {
  name: string;
  /** The ESLint package to run and to install as the project's `eslint`. */
  eslintPackage: string;
  configFileName: 'eslint.config.mjs' | 'eslint.config.cjs';
  configText: string;
  /** What to lint: README configs are run the way README's CI section runs ESLint. */
  target: string;
  typed: boolean;
  /** The config includes the type-information probe rule. */
  probed: boolean;
}

const README_CONFIGS = readmeUsageConfigs();

const SCENARIOS: Scenario[] = [
  { name: 'ESLint 10, eslint.config.mjs (import)', eslintPackage: ESLINT_10, configFileName: 'eslint.config.mjs', configText: HAND_WRITTEN_CONFIGS.mjs, target: 'src', typed: false, probed: false },
  { name: 'ESLint 10, eslint.config.cjs (require)', eslintPackage: ESLINT_10, configFileName: 'eslint.config.cjs', configText: HAND_WRITTEN_CONFIGS.cjs, target: 'src', typed: false, probed: false },
  { name: 'ESLint 9, eslint.config.mjs (import)', eslintPackage: ESLINT_9, configFileName: 'eslint.config.mjs', configText: HAND_WRITTEN_CONFIGS.mjs, target: 'src', typed: false, probed: false },
  { name: 'ESLint 10, recommended-type-checked', eslintPackage: ESLINT_10, configFileName: 'eslint.config.mjs', configText: HAND_WRITTEN_CONFIGS.typed, target: 'src', typed: true, probed: true },
  { name: 'ESLint 9, recommended-type-checked', eslintPackage: ESLINT_9, configFileName: 'eslint.config.mjs', configText: HAND_WRITTEN_CONFIGS.typed, target: 'src', typed: true, probed: true },
  ...README_CONFIGS.map((configText, index): Scenario => ({
    name: `ESLint 10, README usage config ${index + 1}, \`eslint .\``,
    eslintPackage: ESLINT_10,
    configFileName: 'eslint.config.mjs',
    configText,
    target: '.',
    typed: configText.includes('type-checked'),
    probed: false,
  })),
];

/** Links a package of this repository's node_modules into the temporary project. */
function linkDependency(projectDir: string, name: string, target = path.join(REPO_ROOT, 'node_modules', name)): void {
  const link = path.join(projectDir, 'node_modules', name);
  mkdirSync(path.dirname(link), { recursive: true });
  symlinkSync(target, link, 'dir');
}

/** A fresh project per scenario, so exactly one eslint.config.* exists in it. */
function createProject(parentDir: string, scenario: Scenario): string {
  const projectDir = mkdtempSync(path.join(parentDir, 'project-'));
  mkdirSync(path.join(projectDir, 'src'));
  writeFileSync(path.join(projectDir, 'package.json'), JSON.stringify({ name: 'cli-fixture', private: true }));
  writeFileSync(path.join(projectDir, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
  writeFileSync(path.join(projectDir, scenario.configFileName), scenario.configText);
  for (const [file, text] of Object.entries(SOURCES)) writeFileSync(path.join(projectDir, file), text);
  linkDependency(projectDir, 'eslint-plugin-backend-perf', REPO_ROOT);
  linkDependency(projectDir, 'eslint', scenario.eslintPackage);
  linkDependency(projectDir, 'typescript-eslint');
  linkDependency(projectDir, 'typescript');
  linkDependency(projectDir, '@types/node');
  return projectDir;
}

/** The environment minus ESLint switches a developer may have exported (they would change what is tested). */
function cleanEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('ESLINT_')));
}

/** Runs the CLI; exit status 1 (lint errors) is accepted where `allowErrors`, so tests can name the errors. */
function runEslint(eslintPackage: string, cwd: string, args: string[], { allowErrors = false } = {}): string {
  const run = spawnSync(process.execPath, [path.join(eslintPackage, 'bin', 'eslint.js'), ...args], {
    cwd,
    encoding: 'utf8',
    timeout: CLI_TIMEOUT_MS,
    env: cleanEnvironment(),
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 16 * 1024 * 1024,
  });
  const details = `eslint ${args.join(' ')} in ${cwd}\nstatus ${run.status}, signal ${run.signal}\n${run.stderr}\n${run.stdout}`;
  if (run.error) throw new Error(`${run.error.message}\n${details}`);
  // Status 2 means ESLint failed to load its config or crashed.
  if (run.status !== 0 && !(allowErrors && run.status === 1)) throw new Error(`ESLint failed: ${details}`);
  return run.stdout;
}

let tempRoot: string;

beforeAll(() => {
  if (!existsSync(BUILT_ENTRY)) throw new Error(`${BUILT_ENTRY} is missing: run \`npm run build\` first (npm test does).`);
  tempRoot = mkdtempSync(path.join(os.tmpdir(), 'backend-perf-cli-'));
});

afterAll(() => {
  if (tempRoot) rmSync(tempRoot, { recursive: true, force: true });
});

describe('the built plugin in a real project, through the ESLint CLI', () => {
  it('finds the usage configs in README.md', () => {
    expect(README_CONFIGS.length).toBeGreaterThan(0);
  });

  it('exports the presets the scenarios use, with the fetch rule in recommended', () => {
    const plugin = loadBuiltPlugin();
    expect(plugin.meta.name).toBe('eslint-plugin-backend-perf');
    expect(plugin.configs.recommended.rules).toHaveProperty([FETCH_RULE]);
    expect(plugin.configs['recommended-type-checked'].rules).toHaveProperty([FETCH_RULE]);
  });

  describe.each(SCENARIOS)('$name', (scenario) => {
    let projectDir: string;
    let results: Map<string, LintResult>;

    beforeAll(() => {
      projectDir = createProject(tempRoot, scenario);
      const output = runEslint(scenario.eslintPackage, projectDir, ['--format', 'json', scenario.target], { allowErrors: true });
      const parsed = JSON.parse(output) as LintResult[];
      results = new Map(parsed.map((result) => [path.relative(projectDir, result.filePath).split(path.sep).join('/'), result]));
    });

    it('resolves the plugin by package name and turns its rules on', () => {
      const printed = runEslint(scenario.eslintPackage, projectDir, ['--print-config', 'src/fetch-without-timeout.ts']);
      // ESLint prints `undefined` for a file no config object matches.
      expect(printed.trim(), 'no config applies to .ts files').not.toBe('undefined');
      const config = JSON.parse(printed) as {
        plugins: string[];
        rules: Record<string, unknown[]>;
        languageOptions: { parserOptions?: { projectService?: unknown } };
      };
      const { version } = loadBuiltPlugin().meta;
      expect(config.plugins).toContain(`backend-perf:eslint-plugin-backend-perf@${version}`);
      expect(config.rules[FETCH_RULE]?.[0], `${FETCH_RULE} severity`).toBe(1); // 1 = warn
      if (scenario.typed) expect(config.languageOptions.parserOptions?.projectService).toBe(true);
    });

    it('lints every file without parse or configuration errors', () => {
      const sourcesLinted = [...results.keys()].filter((file) => file.startsWith('src/'));
      expect(sourcesLinted.sort()).toEqual(Object.keys(SOURCES).sort());
      for (const result of results.values()) {
        expect(result.messages.filter((message) => message.fatal || message.ruleId === null)).toEqual([]);
        expect(result.errorCount).toBe(0);
      }
    });

    if (scenario.probed) {
      it('gives rules type information', () => {
        for (const file of Object.keys(SOURCES)) {
          const probes = (results.get(file)?.messages ?? []).filter((message) => message.ruleId === 'probe/type-information');
          expect(probes.map((message) => message.message)).toEqual(['type information: true']);
        }
      });
    }

    it.skipIf(!fetchRuleImplemented)('reports the fetch without a timeout, and only that one', () => {
      const fetchFindings = (file: string) =>
        (results.get(file)?.messages ?? []).filter((message) => message.ruleId === FETCH_RULE).map((message) => message.line);
      expect(fetchFindings('src/fetch-without-timeout.ts')).toEqual([2]);
      expect(fetchFindings('src/fetch-with-timeout.ts')).toEqual([]);
    });
  });
});

/**
 * The audit's findings: the plugin's rules run through ESLint's Node API, the way `eslint` runs them.
 *
 * By default the audit brings its own config, so every team is measured against the same checklist:
 * the plugin's preset with type information (`recommended-type-checked`) for the files the tsconfig
 * covers, and the untyped preset (`recommended`) for the others (JavaScript, files outside the tsconfig),
 * with typescript-eslint's parser. `--eslint-config` uses the project's own eslint.config.* instead
 * (its rule settings, ignores and parser options). Either way only `backend-perf/*` reports are kept.
 *
 * Files are linted in batches so a progress bar can follow; a file that fails to parse or makes a rule
 * throw is reported as skipped, and the others are still linted.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { SOURCE_FILES, TYPED_SOURCE_FILES } from '../configs';
import { AuditUsageError } from './project';

export type PresetLevel = 'recommended' | 'strict' | 'all';

export const RULE_PREFIX = 'backend-perf/';
const BATCH_SIZE = 8;

export interface RawFinding {
  filePath: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  ruleId: string;
  /** The rule's message id: which guide item the message names (see `guideOfMessage`). */
  messageId?: string;
  message: string;
}

export interface RawSkipped {
  filePath: string;
  line: number;
  column: number;
  message: string;
}

export interface LintPlan {
  /** ESLint's cwd: ignore patterns and config `files` globs are relative to it. */
  cwd: string;
  files: readonly string[];
  /** Files linted with type information (a subset of `files`). */
  typedFiles: ReadonlySet<string>;
  tsconfig?: string;
  preset: PresetLevel;
  /** Use the project's eslint.config.* instead of the plugin's presets. */
  useEslintConfig: boolean;
  ignorePatterns: readonly string[];
}

export interface LintOutcome {
  findings: RawFinding[];
  skipped: RawSkipped[];
  /** Files ESLint linted (ignored ones excluded). */
  linted: string[];
  presets: string[];
  /** `backend-perf/*` rules switched on for at least one linted file. */
  activeRules: Set<string>;
}

export interface PluginLike {
  rules: Record<string, { meta?: { docs?: { requiresTypeChecking?: boolean } } }>;
  configs: Record<string, Linter.Config>;
}

/** typescript-eslint's parser: the project's own copy first (it matches its TypeScript), else ours. */
function loadParser(cwd: string): Linter.Parser {
  for (const base of [path.join(cwd, 'package.json'), __filename]) {
    try {
      return createRequire(base)('@typescript-eslint/parser') as Linter.Parser;
    } catch {
      // try the next place
    }
  }
  throw new AuditUsageError('backend-perf audit needs the typescript-eslint parser: npm i -D typescript-eslint');
}

/** The untyped counterpart of a preset: `all` without its type-information settings or type-only rules. */
function untypedPreset(plugin: PluginLike, preset: PresetLevel): { name: string; config: Linter.Config } {
  if (preset !== 'all') return { name: preset, config: plugin.configs[preset] };
  const all = plugin.configs.all;
  const rules = Object.fromEntries(
    Object.entries(all.rules ?? {}).filter(([id]) => !plugin.rules[id.slice(RULE_PREFIX.length)]?.meta?.docs?.requiresTypeChecking),
  );
  return { name: 'all (untyped)', config: { name: 'backend-perf/all-untyped', files: SOURCE_FILES, plugins: all.plugins, rules } };
}

function typedPresetName(preset: PresetLevel): string {
  return preset === 'all' ? 'all' : `${preset}-type-checked`;
}

interface Linters {
  untyped: ESLint;
  typed?: ESLint;
  presets: string[];
  /** The plugin rules the configs switch on; undefined for the project's own config (asked per file). */
  activeRules?: Set<string>;
}

function isOn(entry: unknown): boolean {
  const severity = Array.isArray(entry) ? entry[0] : entry;
  return severity !== 0 && severity !== 'off' && severity !== undefined;
}

function rulesOn(configs: readonly Linter.Config[]): Set<string> {
  const on = new Set<string>();
  for (const config of configs) {
    for (const [id, entry] of Object.entries(config.rules ?? {})) if (id.startsWith(RULE_PREFIX) && isOn(entry)) on.add(id);
  }
  return on;
}

function createLinters(plan: LintPlan, plugin: PluginLike): Linters {
  const common = {
    cwd: plan.cwd,
    cache: false,
    errorOnUnmatchedPattern: false,
    warnIgnored: false,
    ignorePatterns: [...plan.ignorePatterns],
  };
  if (plan.useEslintConfig) {
    return { untyped: new ESLint(common), presets: ['eslint-config'] };
  }
  const parser = loadParser(plan.cwd);
  const base: Linter.Config = {
    name: 'backend-perf-audit/parser',
    files: SOURCE_FILES,
    languageOptions: { parser },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
  };
  const untypedConfig = untypedPreset(plugin, plan.preset);
  const untyped = new ESLint({ ...common, overrideConfigFile: true, overrideConfig: [base, untypedConfig.config] });
  if (!plan.tsconfig || plan.typedFiles.size === 0) {
    return { untyped, presets: [untypedConfig.name], activeRules: rulesOn([untypedConfig.config]) };
  }

  const tsconfigRootDir = path.dirname(plan.tsconfig);
  // The project service finds each file's nearest tsconfig.json; a differently named one is named outright.
  const parserOptions =
    path.basename(plan.tsconfig) === 'tsconfig.json'
      ? { projectService: true, tsconfigRootDir }
      : { projectService: false, project: plan.tsconfig, tsconfigRootDir };
  const typedName = typedPresetName(plan.preset);
  const typed = new ESLint({
    ...common,
    overrideConfigFile: true,
    overrideConfig: [
      base,
      plugin.configs[typedName],
      { name: 'backend-perf-audit/type-information', files: TYPED_SOURCE_FILES, languageOptions: { parserOptions } },
    ],
  });
  const presets = [typedName];
  const configs = [plugin.configs[typedName]];
  if (plan.files.some((file) => !plan.typedFiles.has(file))) {
    presets.push(untypedConfig.name);
    configs.push(untypedConfig.config);
  }
  return { untyped, typed, presets, activeRules: rulesOn(configs) };
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n').find((line) => line.trim() !== '') ?? text;
}

/** Lints `plan.files`; `onProgress(done, total)` after each batch. */
export async function lintProject(plan: LintPlan, plugin: PluginLike, onProgress?: (done: number, total: number) => void): Promise<LintOutcome> {
  const { untyped, typed, presets, activeRules } = createLinters(plan, plugin);
  const outcome: LintOutcome = { findings: [], skipped: [], linted: [], presets, activeRules: activeRules ?? new Set() };

  if (plan.useEslintConfig && plan.files.length > 0) {
    try {
      await untyped.calculateConfigForFile(plan.files[0]);
    } catch (error) {
      throw new AuditUsageError(`Cannot load the project's ESLint config: ${firstLine(error)}`);
    }
  }

  const kept: string[] = [];
  for (const file of plan.files) if (!(await untyped.isPathIgnored(file))) kept.push(file);
  const typedFiles = typed ? kept.filter((file) => plan.typedFiles.has(file)) : [];
  const untypedFiles = typed ? kept.filter((file) => !plan.typedFiles.has(file)) : kept;

  let done = 0;
  const total = kept.length;
  for (const [eslint, files] of [[typed, typedFiles], [untyped, untypedFiles]] as const) {
    if (!eslint) continue;
    for (let start = 0; start < files.length; start += BATCH_SIZE) {
      const batch = files.slice(start, start + BATCH_SIZE);
      collect(outcome, await lintBatch(eslint, batch, outcome));
      done += batch.length;
      onProgress?.(done, total);
    }
  }
  if (!activeRules) outcome.activeRules = await rulesOnInProjectConfig(untyped, outcome.linted);
  return outcome;
}

/** With the project's own config: the plugin rules it switches on, asked for a sample of the linted files. */
async function rulesOnInProjectConfig(eslint: ESLint, linted: readonly string[]): Promise<Set<string>> {
  const on = new Set<string>();
  const step = Math.max(1, Math.floor(linted.length / 25));
  for (let index = 0; index < linted.length; index += step) {
    try {
      const config = (await eslint.calculateConfigForFile(linted[index])) as Linter.Config | undefined;
      for (const id of rulesOn(config ? [config] : [])) on.add(id);
    } catch {
      // A file the config does not cover: nothing to add.
    }
  }
  return on;
}

/** One batch; when ESLint throws (a crashing rule or parser), each file again on its own to find the culprit. */
async function lintBatch(eslint: ESLint, batch: readonly string[], outcome: LintOutcome): Promise<ESLint.LintResult[]> {
  try {
    return await eslint.lintFiles([...batch]);
  } catch {
    const results: ESLint.LintResult[] = [];
    for (const file of batch) {
      try {
        results.push(...(await eslint.lintFiles([file])));
      } catch (error) {
        outcome.skipped.push({ filePath: file, line: 1, column: 1, message: `could not be linted: ${firstLine(error)}` });
      }
    }
    return results;
  }
}

function collect(outcome: LintOutcome, results: readonly ESLint.LintResult[]): void {
  for (const result of results) {
    const fatal = result.messages.find((message) => message.fatal);
    if (fatal) {
      // A parse error: ESLint ran no rule on the file.
      outcome.skipped.push({ filePath: result.filePath, line: fatal.line ?? 1, column: fatal.column ?? 1, message: fatal.message });
      continue;
    }
    outcome.linted.push(result.filePath);
    for (const message of result.messages) {
      // Messages without a rule ("file ignored" notices) cannot occur with warnIgnored: false; skip any.
      if (message.ruleId === null) continue;
      if (!message.ruleId.startsWith(RULE_PREFIX)) continue;
      outcome.findings.push({
        filePath: result.filePath,
        line: message.line,
        column: message.column,
        endLine: message.endLine,
        endColumn: message.endColumn,
        ruleId: message.ruleId,
        ...(message.messageId === undefined ? {} : { messageId: message.messageId }),
        message: message.message,
      });
    }
  }
}

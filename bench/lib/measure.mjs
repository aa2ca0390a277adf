// Lints the generated project once in a given mode with ESLint's Node API and `stats: true`, and sums
// what the stats report: parse time, time per rule, and where each rule reported.
import path from 'node:path';
import { clearCaches } from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

/** The flat config of a mode: the TypeScript parser (typed or not), plus the mode's preset if any. */
function configFor(mode, projectDir) {
  const parserOptions = mode.typed ? { projectService: true, tsconfigRootDir: projectDir } : {};
  const base = {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser, parserOptions },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
  };
  return mode.preset ? [base, mode.preset] : [base];
}

/**
 * One lint of every file. Typed runs start from a cold project service, as a CLI run does: the program
 * is built while parsing the first file, so its cost lands in the parse time.
 */
export async function lintOnce(mode, projectDir, patterns) {
  if (mode.typed) clearCaches();
  globalThis.gc?.();
  const eslint = new ESLint({
    cwd: projectDir,
    overrideConfigFile: true,
    overrideConfig: configFor(mode, projectDir),
    stats: true,
    cache: false,
  });
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const results = await eslint.lintFiles(patterns);
  const cpu = process.cpuUsage(cpuBefore);
  const wallMs = performance.now() - started;
  return summarize(results, projectDir, wallMs, (cpu.user + cpu.system) / 1000);
}

function summarize(results, projectDir, wallMs, cpuMs) {
  const run = { wallMs, cpuMs, parseMs: 0, rulesMs: 0, ruleMs: {}, findings: {}, fatal: [], files: results.length };
  for (const result of results) {
    for (const pass of result.stats?.times.passes ?? []) {
      run.parseMs += pass.parse?.total ?? 0;
      for (const [ruleId, { total }] of Object.entries(pass.rules ?? {})) {
        run.ruleMs[ruleId] = (run.ruleMs[ruleId] ?? 0) + total;
        run.rulesMs += total;
      }
    }
    const file = path.relative(projectDir, result.filePath).split(path.sep).join('/');
    for (const message of result.messages) {
      if (message.fatal || message.ruleId === null) run.fatal.push(`${file}:${message.line}: ${message.message}`);
      else (run.findings[message.ruleId] ??= []).push({ file, line: message.line });
    }
  }
  return run;
}

export function median(values) {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The median of every measure over a mode's rounds; findings come from the first round (they do not vary). */
export function combineRounds(runs) {
  const ruleIds = new Set(runs.flatMap((run) => Object.keys(run.ruleMs)));
  return {
    rounds: runs.length,
    files: runs[0].files,
    wallMs: median(runs.map((run) => run.wallMs)),
    cpuMs: median(runs.map((run) => run.cpuMs)),
    parseMs: median(runs.map((run) => run.parseMs)),
    rulesMs: median(runs.map((run) => run.rulesMs)),
    // Rules as a share of the rest of their own run: unlike the comparison with another run, it does not
    // move when the machine gets busier between runs.
    sameRunShare: median(runs.map((run) => run.rulesMs / Math.max(1, run.wallMs - run.rulesMs))),
    ruleMs: Object.fromEntries([...ruleIds].map((id) => [id, median(runs.map((run) => run.ruleMs[id] ?? 0))])),
    findings: runs[0].findings,
    fatal: runs[0].fatal,
  };
}

// Benchmark: how much time the plugin's rules add to linting a realistic backend, without and with type
// information. `npm run bench` builds the plugin, then runs this.
//
// In one process, it lints the generated project (bench/generate.mjs) in each mode with ESLint's Node API
// and `stats: true`: parse-only (typescript-eslint's parser, no rules), one empty rule (what enabling any rule
// costs ESLint by itself), the untyped presets, typed parse-only (projectService, no rules), typed with one
// empty rule, and the typed presets. After a warm-up, modes run in rounds,
// interleaved, and the median of each measure is reported, so one noisy run cannot decide a target.
// Then the editor case: warm single-file latency of `lintText` on a ~300-line file (bench/editor-latency.mjs).
//
// Usage: node bench/run.mjs [--rounds N] [--typed-rounds N] [--skip-typed] [--domains N] [--list-findings] [--strict]
// Exits 1 on crashes or parse errors; on a missed target only with --strict.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ESLint } from 'eslint';
import { editorLatencyReport, measureEditorLatency, UNTYPED_TARGET_MS } from './editor-latency.mjs';
import { generate, GENERATED_DIR } from './generate.mjs';
import { combineRounds, lintOnce } from './lib/measure.mjs';
import { checkMode, findingDetails, findingsTable, modesTable, slowestRulesTable } from './lib/report.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const BUILT_PLUGIN = path.join(ROOT, 'dist', 'src', 'index.js');
const PATTERNS = ['src/**/*.ts'];
/** A fifth of the project, with the code the rules look at most: enough for V8 to optimize the hot paths. */
const WARM_UP_PATTERNS = ['src/shared/**/*.ts', 'src/modules/*/*.repository.ts', 'src/modules/*/*.service.ts'];

const { values: options } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    'typed-rounds': { type: 'string', default: '2' },
    'skip-typed': { type: 'boolean', default: false },
    domains: { type: 'string' },
    strict: { type: 'boolean', default: false },
    'list-findings': { type: 'boolean', default: false },
  },
});

function loadPlugin() {
  if (!existsSync(BUILT_PLUGIN)) {
    console.error(`${path.relative(ROOT, BUILT_PLUGIN)} is missing: run \`npm run bench\` (it builds first).`);
    process.exit(1);
  }
  return createRequire(import.meta.url)(BUILT_PLUGIN);
}

/**
 * A reference mode: ESLint running one rule that does nothing. It shows what enabling any rule costs on its own
 * (ESLint's per-rule set-up and the garbage collection it brings), apart from what this plugin's rules do.
 */
const EMPTY_RULE_CONFIG = {
  plugins: { reference: { rules: { 'empty-rule': { meta: { type: 'problem', schema: [] }, create: () => ({}) } } } },
  rules: { 'reference/empty-rule': 'warn' },
};

const ruleSet = (preset) => Object.keys(preset.rules ?? {}).sort().join(',');

/** Parse-only baselines, the presets, and the extra presets only where their rules differ from one already listed. */
function planModes(plugin, includeTyped) {
  const modes = [{ name: 'parse-only', typed: false }, { name: 'one empty rule', typed: false, preset: EMPTY_RULE_CONFIG, baselineName: 'parse-only', reference: true }];
  const add = (name, typed, baselineName) => {
    const preset = plugin.configs[name];
    const sameRules = modes.some((mode) => mode.preset && !mode.reference && mode.typed === typed && ruleSet(mode.preset) === ruleSet(preset));
    if (!sameRules) modes.push({ name, typed, preset, baselineName });
  };
  add('recommended', false, 'parse-only');
  add('strict', false, 'parse-only');
  if (includeTyped) {
    modes.push({ name: 'typed parse-only', typed: true });
    modes.push({ name: 'typed, one empty rule', typed: true, preset: EMPTY_RULE_CONFIG, baselineName: 'typed parse-only', reference: true });
    add('recommended-type-checked', true, 'typed parse-only');
    add('strict-type-checked', true, 'typed parse-only');
    add('all', true, 'typed parse-only');
  }
  return modes;
}

/** Runs each group's modes `rounds` times, rotating their order every round. */
async function measureRounds(modes, rounds, onRun) {
  const runs = new Map(modes.map((mode) => [mode.name, []]));
  for (let round = 0; round < rounds; round++) {
    const order = modes.map((_, index) => modes[(index + round) % modes.length]);
    for (const mode of order) {
      const run = await lintOnce(mode, GENERATED_DIR, PATTERNS);
      runs.get(mode.name).push(run);
      onRun(mode, round, run);
    }
  }
  return runs;
}

async function main() {
  const benchStarted = performance.now();
  const plugin = loadPlugin();
  // Typed runs resolve @prisma/client's generated models; the fixture script generates them offline once.
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'prepare-fixtures.mjs')], { cwd: ROOT, stdio: 'inherit' });
  const manifest = generate(options.domains ? { domainCount: Number(options.domains) } : {});

  const rounds = Math.max(1, Number(options.rounds));
  const typedRounds = Math.max(1, Number(options['typed-rounds']));
  const modes = planModes(plugin, !options['skip-typed']);
  const untypedModes = modes.filter((mode) => !mode.typed);
  const typedModes = modes.filter((mode) => mode.typed);

  console.log(`eslint-plugin-backend-perf ${plugin.meta.version} benchmark`);
  console.log(`ESLint ${ESLint.version}, typescript-eslint ${createRequire(import.meta.url)('typescript-eslint/package.json').version}, Node ${process.version}, ${os.availableParallelism()} CPUs`);
  console.log(`Project: ${manifest.files} files, ${manifest.lines.toLocaleString('en-US')} lines (${path.relative(ROOT, GENERATED_DIR)}), ${manifest.domains} domains`);
  console.log(`Planted anti-patterns: ${Object.entries(manifest.planted).map(([item, count]) => `${item} ${count}`).join(', ')}`);
  console.log(`Modes: ${modes.map((mode) => mode.name).join(', ')}`);
  console.log('');

  const progress = (mode, round, run) =>
    console.log(
      `  ${round < 0 ? 'warm-up' : `round ${round + 1}`} ${mode.name}: ${(run.wallMs / 1000).toFixed(2)} s wall, ` +
        `${(run.cpuMs / 1000).toFixed(2)} s CPU, rules ${(run.rulesMs / 1000).toFixed(3)} s`,
    );

  // Warm-up: lets V8 optimize the parser and the rules before anything is measured.
  console.log('Warm-up (not measured)');
  for (const mode of untypedModes) progress(mode, -1, await lintOnce(mode, GENERATED_DIR, WARM_UP_PATTERNS));

  console.log(`Untyped modes, ${rounds} round(s)`);
  const runs = await measureRounds(untypedModes, rounds, progress);
  if (typedModes.length > 0) {
    // The same warm-up for the typed modes: the checker's own code is first compiled by V8 when a rule asks
    // for a type, which would otherwise be charged to whichever typed preset runs first. Every measured run
    // still builds its program and answers every type question from scratch.
    console.log('Typed warm-up (not measured)');
    for (const mode of typedModes) progress(mode, -1, await lintOnce(mode, GENERATED_DIR, WARM_UP_PATTERNS));
    console.log(`Typed modes, ${typedRounds} round(s) (each builds the TypeScript program from scratch)`);
    for (const [name, typedRuns] of await measureRounds(typedModes, typedRounds, progress)) runs.set(name, typedRuns);
  }

  const measurements = new Map([...runs].map(([name, modeRuns]) => [name, combineRounds(modeRuns)]));
  const ruleModes = modes.filter((mode) => mode.preset && !mode.reference);

  console.log('');
  console.log(`Medians over the rounds. "rules" is the sum of ESLint's per-rule times; targets compare it with the parse-only`);
  console.log(`mode's wall time. "rest of own run" compares it with the same run minus the rules: a cross-check when the`);
  console.log(`machine is busy (wall times then vary between runs; CPU s shows the work actually done).`);
  console.log(modesTable(modes, measurements));
  console.log('');
  for (const mode of ruleModes) {
    console.log(slowestRulesTable(mode, measurements.get(mode.name), measurements.get(mode.baselineName)));
    console.log('');
  }
  console.log('Findings per rule: reports in files where an anti-pattern meant for the rule was planted (one of its guide item, or one the');
  console.log('generator names the rule for), and elsewhere');
  console.log('(a false positive, or a problem the generator did not mean to plant: check the lines below). "—" = rule off.');
  console.log(findingsTable(ruleModes, measurements, plugin.rules, manifest));
  const details = findingDetails(ruleModes, measurements, plugin.rules, manifest, options['list-findings'] ? Infinity : 5);
  if (details) console.log(details);
  console.log('');

  // Single-file latency in an editor (bench/editor-latency.mjs), after the project runs so it cannot disturb them.
  const editor = await measureEditorLatency({ projectDir: GENERATED_DIR, typed: !options['skip-typed'] });
  console.log(editorLatencyReport(editor));
  console.log('');

  const fatal = [...measurements.values()].flatMap((measured) => measured.fatal);
  const references = new Map(modes.filter((mode) => mode.reference).map((mode) => [mode.baselineName, measurements.get(mode.name)]));
  const checks = ruleModes.flatMap((mode) =>
    checkMode(mode, measurements.get(mode.name), measurements.get(mode.baselineName), references.get(mode.baselineName)),
  );
  checks.push({ pass: editor.pass, label: `editor: untyped single-file lint of ${editor.lines} lines, median ${editor.untyped.median.toFixed(1)} ms < ${UNTYPED_TARGET_MS} ms` });
  console.log('Targets');
  for (const check of checks) console.log(`  ${check.pass ? 'PASS' : 'FAIL'}  ${check.label}`);
  if (fatal.length > 0) {
    console.log(`\n${fatal.length} parse or configuration error(s) in the generated project:`);
    for (const line of [...new Set(fatal)].slice(0, 20)) console.log(`  ${line}`);
  }
  const failed = checks.filter((check) => !check.pass).length;
  console.log(`\n${failed === 0 ? 'All targets met' : `${failed} target(s) missed`}; bench took ${((performance.now() - benchStarted) / 1000).toFixed(0)} s.`);

  if (fatal.length > 0) process.exitCode = 1;
  else if (failed > 0 && options.strict) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});

// `npm run demo`: lints the example service in examples/ with the built plugin, twice — with the
// `recommended` preset and no type information, then with `recommended-type-checked` through
// examples/eslint.config.mjs — and prints every warning with the guide section it links to.
// `--json` prints the same findings as JSON instead (the demo smoke test reads that).
// The text output ends with `backend-perf audit examples`: the scorecard by guide section and the endpoints
// with the most findings (src/audit/, docs/audit.md).
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

const root = path.resolve(import.meta.dirname, '..');
const examplesDir = path.join(root, 'examples');
const FILE_PATTERNS = ['src/**/*.ts'];

// The build is CommonJS; load it the way a project's config would.
const require = createRequire(import.meta.url);
const plugin = require(path.join(root, 'dist/src/index.js'));
const { guideLabel, guideOfMessage, getGuideItem, getGuideSection } = require(path.join(root, 'dist/src/guide/catalogue.js'));
const { guideUrl } = require(path.join(root, 'dist/src/guide/links.js'));

const RULE_PREFIX = 'backend-perf/';
const MODES = [
  { id: 'untyped', title: 'without type information', preset: 'recommended' },
  { id: 'typed', title: 'with type information', preset: 'recommended-type-checked' },
];

const asJson = process.argv.includes('--json');

/** The untyped run builds its config here; the typed run uses examples/eslint.config.mjs as a project would. */
function eslintFor(mode) {
  if (mode.id === 'typed') return new ESLint({ cwd: examplesDir });
  return new ESLint({
    cwd: examplesDir,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts'], ...plugin.configs.recommended },
      { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } },
    ],
  });
}

/** The guide item behind a rule's message (the rule's own item without a message id), as the demo prints it. */
function guideFor(ruleId, messageId) {
  const docs = plugin.rules[ruleId.slice(RULE_PREFIX.length)]?.meta?.docs;
  if (!docs?.guide) return undefined;
  const anchor = guideOfMessage(docs, messageId);
  const item = getGuideItem(anchor);
  return { anchor, label: guideLabel(anchor), section: getGuideSection(item.section).title, url: guideUrl(anchor) };
}

/** createRule ends every message with "(guide: …)"; the demo prints the guide on its own line instead. */
function withoutGuideSuffix(message, guide) {
  const suffix = guide ? ` (guide: ${guide.label})` : '';
  return suffix && message.endsWith(suffix) ? message.slice(0, -suffix.length) : message;
}

async function lint(mode) {
  const started = performance.now();
  const results = await eslintFor(mode).lintFiles(FILE_PATTERNS);
  const findings = [];
  const errors = [];
  for (const result of results) {
    const file = path.relative(root, result.filePath);
    for (const message of result.messages) {
      // Parse errors and unknown-rule or config problems: the demo would silently show nothing otherwise.
      if (message.fatal || message.severity === 2 || !message.ruleId) {
        errors.push({ file, line: message.line, column: message.column, ruleId: message.ruleId, message: message.message });
        continue;
      }
      if (!message.ruleId.startsWith(RULE_PREFIX)) continue;
      const guide = guideFor(message.ruleId, message.messageId);
      findings.push({
        file,
        line: message.line,
        column: message.column,
        endLine: message.endLine,
        endColumn: message.endColumn,
        ruleId: message.ruleId,
        message: withoutGuideSuffix(message.message, guide),
        guide,
      });
    }
  }
  return { mode, files: results.length, findings, errors, seconds: (performance.now() - started) / 1000 };
}

const findingKey = (finding) => `${finding.file}:${finding.line}:${finding.column}:${finding.ruleId}`;

/** Every finding of either run once, with the runs that reported it. */
function mergeFindings(runs) {
  const merged = new Map();
  for (const run of runs) {
    for (const finding of run.findings) {
      const key = findingKey(finding);
      if (!merged.has(key)) merged.set(key, { ...finding, modes: [] });
      merged.get(key).modes.push(run.mode.id);
    }
  }
  return [...merged.values()].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId),
  );
}

function countBy(items, keyOf) {
  const counts = {};
  for (const item of items) counts[keyOf(item)] = (counts[keyOf(item)] ?? 0) + 1;
  return counts;
}

function summarize(runs, findings) {
  const byRule = {};
  for (const ruleName of Object.keys(plugin.rules)) {
    byRule[RULE_PREFIX + ruleName] = Object.fromEntries(
      runs.map((run) => [run.mode.id, run.findings.filter((finding) => finding.ruleId === RULE_PREFIX + ruleName).length]),
    );
  }
  const bySection = Object.fromEntries(
    Object.entries(countBy(findings, (finding) => finding.guide?.section ?? '(no guide)')).sort(([a], [b]) => a.localeCompare(b)),
  );
  return { byRule, bySection };
}

/** Rules still shipped as scaffolding placeholders; the demo says so rather than implying a clean bill. */
function placeholderRules() {
  return Object.entries(plugin.rules)
    .filter(([, rule]) => rule.meta?.docs?.description === 'TODO')
    .map(([name]) => RULE_PREFIX + name);
}

// ---- text output ----

const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code) => (text) => (useColor ? `\u001b[${code}m${text}\u001b[0m` : String(text));
const bold = paint('1');
const dim = paint('2');
const yellow = paint('33');
const cyan = paint('36');
const red = paint('31');
const underline = paint('4');

const plural = (count, word) => `${count} ${word}${count === 1 ? '' : 's'}`;

function printText(runs, findings, summary, placeholders) {
  const out = [];
  out.push(bold(`backend-perf demo: linting ${path.relative(root, examplesDir)}/ (${plural(runs[0].files, 'file')})`));
  for (const run of runs) {
    out.push(
      `  ${run.mode.title.padEnd(26)} ${dim(`(${run.mode.preset})`.padEnd(28))} ` +
        `${plural(run.findings.length, 'warning')} ${dim(`in ${run.seconds.toFixed(1)} s`)}`,
    );
  }
  out.push('');

  let currentFile;
  for (const finding of findings) {
    if (finding.file !== currentFile) {
      if (currentFile !== undefined) out.push('');
      currentFile = finding.file;
      out.push(underline(finding.file));
    }
    const where = `${finding.file}:${finding.line}:${finding.column}`;
    const onlyIn = finding.modes.length === 1 ? dim(finding.modes[0] === 'typed' ? '  [needs types]' : '  [untyped only]') : '';
    out.push(`  ${where}  ${yellow(finding.ruleId)}  ${finding.message}${onlyIn}`);
    if (finding.guide) out.push(dim(`    ↳ guide: ${finding.guide.label} — `) + cyan(finding.guide.url));
  }
  if (findings.length > 0) out.push('');

  for (const run of runs) {
    for (const error of run.errors) {
      out.push(red(`error (${run.mode.id}) ${error.file}:${error.line}:${error.column}  ${error.ruleId ?? ''}  ${error.message}`));
    }
  }

  out.push(bold('Warnings per rule'), dim(`  ${''.padEnd(40)} ${MODES.map((mode) => mode.id.padStart(8)).join('')}`));
  for (const [ruleId, counts] of Object.entries(summary.byRule)) {
    const guide = guideFor(ruleId);
    out.push(`  ${ruleId.padEnd(40)} ${MODES.map((mode) => String(counts[mode.id] ?? 0).padStart(8)).join('')}  ${dim(guide?.label ?? '')}`);
  }
  out.push(bold('Warnings per guide section') + dim(' (either run)'));
  if (Object.keys(summary.bySection).length === 0) out.push(dim('  none'));
  for (const [section, count] of Object.entries(summary.bySection)) out.push(`  ${section.padEnd(40)} ${String(count).padStart(8)}`);
  if (placeholders.length > 0) {
    out.push('', yellow(`Not implemented yet (placeholders): ${placeholders.join(', ')}`));
  }
  console.log(out.join('\n'));
}

// ---- main ----

const runs = [];
for (const mode of MODES) runs.push(await lint(mode));
const findings = mergeFindings(runs);
const summary = summarize(runs, findings);
const placeholders = placeholderRules();
const errors = runs.flatMap((run) => run.errors.map((error) => ({ mode: run.mode.id, ...error })));

if (asJson) {
  const modes = Object.fromEntries(
    runs.map((run) => [run.mode.id, { preset: run.mode.preset, files: run.files, warnings: run.findings.length }]),
  );
  console.log(JSON.stringify({ modes, findings, summary, placeholders, errors }, null, 2));
} else {
  printText(runs, findings, summary, placeholders);
  // The same service as the audit command reports it: `backend-perf audit examples`.
  const { runAudit } = require(path.join(root, 'dist/src/audit/audit.js'));
  const { formatReport } = require(path.join(root, 'dist/src/audit/formats/index.js'));
  console.log(`\n${bold('$ backend-perf audit examples')}\n`);
  const report = await runAudit({ paths: [path.relative(root, examplesDir)], cwd: root });
  console.log(formatReport(report, 'terminal', { color: useColor }));
}

// Warnings are the point of the demo; only a broken run (parse or config errors) fails it.
process.exitCode = errors.length > 0 ? 1 : 0;

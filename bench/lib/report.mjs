// Formats the benchmark's tables and checks its targets.

export const TARGETS = {
  /** Sum of rule times of an untyped preset, as a share of the untyped parse-only run. */
  untypedRulesShare: 0.05,
  /** Sum of rule times of a typed preset, as a share of the typed parse-only run. */
  typedRulesShare: 0.1,
  /** Any single rule, as a share of its mode's parse-only run. */
  singleRuleShare: 0.01,
  /** Wall time of a typed preset (cross-file analysis on), as a multiple of the typed parse-only run's. */
  typedWallRatio: 1.15,
};

const seconds = (ms) => (ms / 1000).toFixed(2);
const percent = (share) => `${(share * 100).toFixed(2)}%`;
const pad = (text, width) => String(text).padEnd(width);
const padLeft = (text, width) => String(text).padStart(width);

function table(header, rows) {
  const widths = header.map((cell, column) => Math.max(String(cell).length, ...rows.map((row) => String(row[column]).length)));
  const line = (row) => row.map((cell, column) => (column === 0 ? pad(cell, widths[column]) : padLeft(cell, widths[column]))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

/** Every target check of one rule mode against its parse-only baseline. */
export function checkMode(mode, measured, baseline, emptyRule) {
  const limit = mode.typed ? TARGETS.typedRulesShare : TARGETS.untypedRulesShare;
  const rulesShare = measured.rulesMs / baseline.wallMs;
  const checks = [
    {
      label: `${mode.name}: rules ${percent(rulesShare)} of ${mode.baselineName} (target ≤ ${percent(limit)})`,
      pass: rulesShare <= limit,
    },
  ];
  for (const [ruleId, ms] of Object.entries(measured.ruleMs)) {
    const share = ms / baseline.wallMs;
    if (share > TARGETS.singleRuleShare) {
      checks.push({ label: `${mode.name}: ${ruleId} ${percent(share)} (target ≤ ${percent(TARGETS.singleRuleShare)} per rule)`, pass: false });
    }
  }
  const slowest = Math.max(0, ...Object.values(measured.ruleMs)) / baseline.wallMs;
  if (checks.length === 1) {
    checks.push({ label: `${mode.name}: slowest rule ${percent(slowest)} (target ≤ ${percent(TARGETS.singleRuleShare)} per rule)`, pass: true });
  }
  if (mode.typed) {
    const ratio = measured.wallMs / baseline.wallMs;
    // ESLint's own cost of running any rule at all, for reading the ratio: not a target.
    const reference = emptyRule ? `; ESLint with one empty rule: ${(emptyRule.wallMs / baseline.wallMs).toFixed(3)}×` : '';
    checks.push({
      label: `${mode.name}: wall ${ratio.toFixed(3)}× ${mode.baselineName} (target ≤ ${TARGETS.typedWallRatio}×${reference})`,
      pass: ratio <= TARGETS.typedWallRatio,
    });
  }
  return checks;
}

export function modesTable(modes, measurements) {
  const rows = modes.map((mode) => {
    const measured = measurements.get(mode.name);
    const baseline = mode.baselineName ? measurements.get(mode.baselineName) : undefined;
    return [
      mode.name,
      measured.rounds,
      seconds(measured.wallMs),
      seconds(measured.cpuMs),
      baseline ? `${(measured.wallMs / baseline.wallMs).toFixed(3)}×` : '—',
      seconds(measured.parseMs),
      baseline ? seconds(measured.rulesMs) : '—',
      baseline ? percent(measured.rulesMs / baseline.wallMs) : '—',
      baseline ? percent(measured.sameRunShare) : '—',
      Object.keys(measured.ruleMs).length,
    ];
  });
  return table(['mode', 'rounds', 'wall s', 'CPU s', 'wall vs parse-only', 'parse s', 'rules s', 'rules % of parse-only', 'rules % of rest of own run', 'rules on'], rows);
}

export function slowestRulesTable(mode, measured, baseline, count = 5) {
  const rows = Object.entries(measured.ruleMs)
    .sort(([, a], [, b]) => b - a)
    .slice(0, count)
    .map(([ruleId, ms]) => [
      ruleId,
      `${ms.toFixed(1)} ms`,
      percent(ms / baseline.wallMs),
      percent(measured.rulesMs === 0 ? 0 : ms / measured.rulesMs),
    ]);
  if (rows.length === 0) return `  (no rules ran)`;
  return table([`slowest rules in ${mode.name}`, 'time', `% of ${mode.baselineName}`, '% of all rules'], rows)
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}

/**
 * Where a mode's findings of one rule fall: in files that got an anti-pattern meant for the rule
 * (at most as many as were planted there), elsewhere (a false positive, or a real problem the generator
 * did not mean to plant), and planted files with fewer findings than plants (missed).
 */
export function classifyFindings(locations = [], plantedFiles = {}) {
  const perFile = new Map();
  for (const location of locations) perFile.set(location.file, [...(perFile.get(location.file) ?? []), location.line]);
  const result = { total: locations.length, atPlanted: 0, elsewhere: [], missed: [] };
  for (const [file, lines] of perFile) {
    const planted = plantedFiles[file] ?? 0;
    result.atPlanted += Math.min(planted, lines.length);
    if (planted === 0) result.elsewhere.push(...lines.map((line) => `${file}:${line}`));
  }
  for (const [file, planted] of Object.entries(plantedFiles)) {
    const found = perFile.get(file)?.length ?? 0;
    if (found < planted) result.missed.push(`${file} (${planted - found} of ${planted})`);
  }
  return result;
}

/**
 * The plants a rule should report, per file: those that name it, and those of its guide item that name no
 * rules (every rule of the item is then expected to report them).
 */
export function plantsOfRule(name, guide, manifest) {
  const files = {};
  let count = 0;
  for (const plant of manifest.plants ?? []) {
    if (plant.rules ? !plant.rules.includes(name) : plant.guide !== guide) continue;
    files[plant.file] = (files[plant.file] ?? 0) + 1;
    count++;
  }
  return { files, count };
}

/** Findings per rule and mode, next to how many anti-patterns meant for the rule were planted. */
export function findingsTable(ruleModes, measurements, rules, manifest) {
  const rows = Object.entries(rules).map(([name, rule]) => {
    const ruleId = `backend-perf/${name}`;
    const guide = rule.meta.docs?.guide ?? '?';
    const plants = plantsOfRule(name, guide, manifest);
    const cells = ruleModes.flatMap((mode) => {
      const measured = measurements.get(mode.name);
      if (!(ruleId in measured.ruleMs)) return ['—', '—', '—'];
      const found = classifyFindings(measured.findings[ruleId], plants.files);
      return [found.total, found.atPlanted, found.elsewhere.length];
    });
    return [ruleId, guide, plants.count, ...cells];
  });
  const header = ['rule', 'guide item', 'planted', ...ruleModes.flatMap((mode) => [mode.name, 'at planted', 'elsewhere'])];
  return table(header, rows);
}

/** The findings outside planted files and the planted files without findings, per rule and mode. */
export function findingDetails(ruleModes, measurements, rules, manifest, limit) {
  const lines = [];
  for (const mode of ruleModes) {
    const measured = measurements.get(mode.name);
    for (const [name, rule] of Object.entries(rules)) {
      const ruleId = `backend-perf/${name}`;
      if (!(ruleId in measured.ruleMs)) continue;
      const found = classifyFindings(measured.findings[ruleId], plantsOfRule(name, rule.meta.docs?.guide, manifest).files);
      for (const [label, items] of [['reported outside planted files', found.elsewhere], ['planted but not reported', found.missed]]) {
        if (items.length === 0) continue;
        lines.push(`  ${mode.name}, ${ruleId}, ${label} (${items.length}):`);
        for (const item of items.slice(0, limit)) lines.push(`    ${item}`);
        if (items.length > limit) lines.push(`    … ${items.length - limit} more (--list-findings shows all)`);
      }
    }
  }
  return lines.join('\n');
}

/**
 * Wording shared by the audit's output formats, so the terminal, Markdown and HTML reports say the same
 * things the same way: status labels of scorecard items, endpoint labels, counts, the run's description.
 */
import path from 'node:path';
import { getGuideItem, getGuideSection } from '../../guide/catalogue';
import { RULE_PREFIX } from '../findings';
import { scorecardTotals } from '../scorecard';
import type { AuditReport, Endpoint, Finding, ScorecardItem } from '../types';

export function plural(count: number, word: string, pluralWord = `${word}s`): string {
  return `${count} ${count === 1 ? word : pluralWord}`;
}

/** "no-n-plus-one" for "backend-perf/no-n-plus-one". */
export function shortRule(ruleId: string): string {
  return ruleId.startsWith(RULE_PREFIX) ? ruleId.slice(RULE_PREFIX.length) : ruleId;
}

export function endpointLabel(endpoint: Pick<Endpoint, 'method' | 'path'>): string {
  return `${endpoint.method} ${endpoint.path}`;
}

export function locationLabel(where: { file: string; line: number; column?: number }): string {
  return where.column === undefined ? `${where.file}:${where.line}` : `${where.file}:${where.line}:${where.column}`;
}

/** "Database › N+1 queries" for a finding's guide item. */
export function guideLabelOf(finding: Finding): string | undefined {
  if (!finding.guide) return undefined;
  const item = getGuideItem(finding.guide);
  return `${getGuideSection(item.section).title} › ${item.title}`;
}

/** What an item's status means, in words. */
export function statusText(item: ScorecardItem): string {
  switch (item.status) {
    case 'checked':
      return item.findings === 0 ? 'clean' : plural(item.findings, 'finding');
    case 'not-enabled': {
      const levels = [...new Set(item.rules.map((rule) => rule.level ?? 'all'))];
      return `in the ${levels.join('/')} preset, not enabled in this run (--preset ${levels.includes('all') ? 'all' : levels[0]})`;
    }
    case 'no-rule':
      return 'no rule yet';
    case 'not-static':
      return `not checked statically: ${item.notStatic ?? ''}`;
  }
}

/** Rules of an item that were on in this run, and those that were not. */
export function itemRules(item: ScorecardItem): { active: string[]; inactive: string[] } {
  return {
    active: item.rules.filter((rule) => rule.active).map((rule) => shortRule(rule.id)),
    inactive: item.rules.filter((rule) => !rule.active).map((rule) => shortRule(rule.id)),
  };
}

/** "18 files, type-checked with examples/tsconfig.json (recommended-type-checked + recommended)". */
export function runDescription(report: AuditReport): string {
  const { run } = report;
  const files = plural(run.files, 'file');
  if (run.eslintConfig) return `${files}, with the project's ESLint config`;
  const presets = run.presets.join(' + ');
  if (run.typed && run.tsconfig) {
    const tsconfig = path.relative(report.root, run.tsconfig).split(path.sep).join('/');
    return `${files}, type-checked with ${tsconfig} (${presets})`;
  }
  return `${files}, without type information (${presets})`;
}

/** "8 findings, 6 of 16 endpoints affected". */
export function headline(report: AuditReport): string {
  const affected = report.endpoints.filter((endpoint) => endpoint.findings > 0).length;
  const endpoints = report.endpoints.length === 0 ? 'no endpoints found' : `${affected} of ${plural(report.endpoints.length, 'endpoint')} affected`;
  return `${plural(report.findings.length, 'finding')}, ${endpoints}`;
}

/** "16 of 41 checklist items checked by a rule (12 clean), …". */
export function coverageLine(report: AuditReport): string {
  const totals = scorecardTotals(report.scorecard);
  const parts = [`${totals.checked} of ${totals.items} checklist items checked by a rule (${totals.clean} clean)`];
  if (totals['not-enabled'] > 0) parts.push(`${totals['not-enabled']} with rules not enabled`);
  if (totals['no-rule'] > 0) parts.push(`${totals['no-rule']} without a rule yet`);
  parts.push(`${totals['not-static']} not checkable statically`);
  return parts.join(', ');
}

export function endpointsWithFindings(report: AuditReport): Endpoint[] {
  return report.endpoints.filter((endpoint) => endpoint.findings > 0);
}

export function findingsOutsideEndpoints(report: AuditReport): Finding[] {
  return report.findings.filter((finding) => finding.endpoints.length === 0);
}

/** Finding counts per rule for one endpoint: "no-sync-logging ×2, require-fetch-timeout". */
export function rulesSummary(findings: readonly Finding[]): string {
  const counts = new Map<string, number>();
  for (const finding of findings) counts.set(shortRule(finding.ruleId), (counts.get(shortRule(finding.ruleId)) ?? 0) + 1);
  return [...counts].map(([rule, count]) => (count > 1 ? `${rule} ×${count}` : rule)).join(', ');
}

/** Each endpoint's findings, by endpoint id. */
export function findingsByEndpoint(report: AuditReport): Map<string, Finding[]> {
  const byEndpoint = new Map<string, Finding[]>();
  for (const finding of report.findings) {
    for (const id of finding.endpoints) {
      const list = byEndpoint.get(id);
      if (list) list.push(finding);
      else byEndpoint.set(id, [finding]);
    }
  }
  return byEndpoint;
}

/** Frameworks with their endpoint counts: "express 15, nestjs 3". */
export function frameworkSummary(report: AuditReport): string {
  const counts = new Map<string, number>();
  for (const endpoint of report.endpoints) counts.set(endpoint.framework, (counts.get(endpoint.framework) ?? 0) + 1);
  return [...counts].map(([framework, count]) => `${framework} ${count}`).join(', ');
}

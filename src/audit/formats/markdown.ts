/**
 * The audit as GitHub-flavoured Markdown, sized for a pull-request comment: a headline, the scorecard as
 * one table per guide section, the endpoints with the most findings, and the findings (folded away in a
 * <details> block when there are many). Every cell is escaped: messages and paths come from user code.
 */
import type { AuditReport, ScorecardItem } from '../types';
import {
  coverageLine,
  endpointLabel,
  endpointsWithFindings,
  findingsByEndpoint,
  findingsOutsideEndpoints,
  frameworkSummary,
  headline,
  itemRules,
  locationLabel,
  plural,
  rulesSummary,
  runDescription,
  shortRule,
  statusText,
} from './shared';

/** Table cells: no line breaks or pipes, and no HTML or Markdown that user text could smuggle in. */
export function cell(text: string): string {
  return text
    .replaceAll('\\', '\\\\')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('|', '\\|')
    .replaceAll('`', '\\`')
    .replaceAll('[', '\\[')
    .replaceAll(']', '\\]')
    .replaceAll('*', '\\*')
    .replaceAll('_', '\\_')
    .replaceAll('~', '\\~')
    .replace(/[\r\n]+/g, ' ');
}

function code(text: string): string {
  return `<code>${cell(text).replaceAll('\\`', '`')}</code>`;
}

const STATUS_ICON: Record<ScorecardItem['status'], string> = {
  checked: '',
  'not-enabled': '⏸️',
  'no-rule': '➖',
  'not-static': 'ℹ️',
};

function statusCell(item: ScorecardItem): string {
  if (item.status === 'checked') return item.findings > 0 ? `⚠️ ${plural(item.findings, 'finding')}` : '✅ clean';
  return `${STATUS_ICON[item.status]} ${cell(statusText(item))}`;
}

function rulesCell(item: ScorecardItem): string {
  const { inactive } = itemRules(item);
  const links = item.rules
    .filter((rule) => rule.active)
    .map((rule) => (rule.url ? `[${code(shortRule(rule.id))}](${rule.url})` : code(shortRule(rule.id))));
  if (item.status === 'not-enabled') return inactive.map(code).join(', ');
  const off = inactive.length > 0 && item.status === 'checked' ? ` (not enabled: ${inactive.map(code).join(', ')})` : '';
  return links.join(', ') + off;
}

/** Findings listed in full up to this many; beyond it they go in a folded block. */
const OPEN_FINDINGS = 20;

export function formatMarkdown(report: AuditReport): string {
  const out: string[] = [];
  out.push('## backend-perf audit', '');
  out.push(`**${cell(headline(report))}** · ${cell(runDescription(report))}`, '');

  out.push('### Scorecard by guide section', '');
  out.push(`${cell(coverageLine(report))}.`, '');
  out.push('| Guide item | Status | Rules |', '| :-- | :-- | :-- |');
  for (const section of report.scorecard) {
    const count = section.findings === 0 ? '✅ clean' : `⚠️ ${plural(section.findings, 'finding')}`;
    out.push(`| **[${cell(section.title)}](${section.url})** | **${count}** | |`);
    for (const item of section.items) out.push(`| [${cell(item.title)}](${item.url}) | ${statusCell(item)} | ${rulesCell(item)} |`);
  }
  out.push('');

  out.push('### Endpoints with the most findings', '');
  const worst = endpointsWithFindings(report);
  if (report.endpoints.length === 0) out.push('No HTTP endpoints found (Express, Fastify, Koa, Hono, NestJS, Next.js).', '');
  else if (worst.length === 0) out.push(`None of the ${plural(report.endpoints.length, 'endpoint')} reaches a finding.`, '');
  else {
    const byEndpoint = findingsByEndpoint(report);
    out.push('Fix the worst first.', '', '| Findings | Endpoint | Declared at | Rules |', '| --: | :-- | :-- | :-- |');
    for (const endpoint of worst) {
      out.push(
        `| ${endpoint.findings} | ${code(endpointLabel(endpoint))} | ${code(locationLabel(endpoint.location))} | ${cell(rulesSummary(byEndpoint.get(endpoint.id) ?? []))} |`,
      );
    }
    out.push('', `${plural(report.endpoints.length, 'endpoint')} found (${cell(frameworkSummary(report))}).`, '');
  }

  if (report.findings.length > 0) {
    const endpointsById = new Map(report.endpoints.map((endpoint) => [endpoint.id, endpoint]));
    const folded = report.findings.length > OPEN_FINDINGS;
    out.push('### Findings', '');
    if (folded) out.push(`<details><summary>${plural(report.findings.length, 'finding')}</summary>`, '');
    out.push('| Location | Rule | Message | Endpoints |', '| :-- | :-- | :-- | :-- |');
    for (const finding of report.findings) {
      const endpoints = finding.endpoints.map((id) => endpointsById.get(id)).filter((endpoint) => endpoint !== undefined);
      out.push(
        `| ${code(locationLabel(finding))} | ${code(shortRule(finding.ruleId))} | ${cell(finding.message)} | ` +
          `${endpoints.length === 0 ? '—' : endpoints.map((endpoint) => code(endpointLabel(endpoint))).join(', ')} |`,
      );
    }
    if (folded) out.push('', '</details>');
    out.push('');
    const outside = findingsOutsideEndpoints(report).length;
    if (outside > 0) out.push(`${plural(outside, 'finding')} reached by no endpoint (startup code, scripts, jobs or unused code).`, '');
  }

  if (report.skipped.length > 0) {
    out.push(`### Skipped ${plural(report.skipped.length, 'file')}`, '');
    for (const skipped of report.skipped) out.push(`- ${code(locationLabel(skipped))}: ${cell(skipped.message)}`);
    out.push('');
  }
  if (report.notes.length > 0) {
    out.push('### Notes', '');
    for (const note of report.notes) out.push(`- ${cell(note)}`);
    out.push('');
  }
  out.push(`<sub>${cell(report.tool.name)} ${cell(report.tool.version)} · [guide](${report.scorecard[0]?.url.split('#')[0] ?? report.tool.informationUri})</sub>`, '');
  return out.join('\n');
}

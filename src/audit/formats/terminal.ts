/**
 * The audit for a terminal (the default format): the scorecard by guide section, the endpoints with the
 * most findings first, every finding by file with the endpoints it affects, then skipped files and notes.
 * Colour only when asked (the CLI asks when stdout is a terminal and NO_COLOR is unset).
 */
import type { AuditReport, ScorecardItem } from '../types';
import {
  coverageLine,
  endpointLabel,
  endpointsWithFindings,
  findingsByEndpoint,
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

export interface TerminalOptions {
  color?: boolean;
}

type Paint = (text: string) => string;

function painter(enabled: boolean) {
  const paint = (code: string): Paint => (text) => (enabled ? `\u001b[${code}m${text}\u001b[0m` : text);
  return { bold: paint('1'), dim: paint('2'), red: paint('31'), green: paint('32'), yellow: paint('33'), cyan: paint('36'), underline: paint('4') };
}

const ITEM_WIDTH = 46;

export function formatTerminal(report: AuditReport, options: TerminalOptions = {}): string {
  const c = painter(options.color ?? false);
  const out: string[] = [];
  const seconds = (report.run.durationMs / 1000).toFixed(1);

  out.push(c.bold(`backend-perf audit: ${headline(report)}`));
  out.push(c.dim(`${runDescription(report)}, ${seconds} s`));
  out.push('');

  // Scorecard
  out.push(c.bold('Scorecard by guide section'));
  for (const section of report.scorecard) {
    const count = section.findings === 0 ? c.green('clean') : c.yellow(plural(section.findings, 'finding'));
    out.push(`${c.bold(section.title.padEnd(ITEM_WIDTH + 2))} ${count}`);
    for (const item of section.items) out.push(itemLine(item, c));
  }
  out.push(c.dim(coverageLine(report)));
  out.push('');

  // Endpoints, worst first
  const worst = endpointsWithFindings(report);
  const byEndpoint = findingsByEndpoint(report);
  if (report.endpoints.length === 0) {
    out.push(c.bold('Endpoints'), c.dim('  No HTTP endpoints found (Express, Fastify, Koa, Hono, NestJS, Next.js).'));
  } else {
    out.push(c.bold('Endpoints with the most findings') + c.dim(' (fix the worst first)'));
    if (worst.length === 0) out.push(c.green(`  None of the ${plural(report.endpoints.length, 'endpoint')} reaches a finding.`));
    const width = Math.min(48, Math.max(...worst.map((endpoint) => endpointLabel(endpoint).length), 10));
    for (const endpoint of worst) {
      out.push(
        `  ${c.yellow(String(endpoint.findings).padStart(3))}  ${endpointLabel(endpoint).padEnd(width)}  ` +
          `${c.dim(locationLabel(endpoint.location))}  ${rulesSummary(byEndpoint.get(endpoint.id) ?? [])}`,
      );
    }
    const clean = report.endpoints.length - worst.length;
    if (clean > 0 && worst.length > 0) out.push(c.dim(`  ${plural(clean, 'other endpoint')} without findings`));
    out.push(c.dim(`  ${plural(report.endpoints.length, 'endpoint')}: ${frameworkSummary(report)}`));
  }
  out.push('');

  // Findings by file
  if (report.findings.length > 0) {
    out.push(c.bold('Findings'));
    const endpointsById = new Map(report.endpoints.map((endpoint) => [endpoint.id, endpoint]));
    let currentFile: string | undefined;
    for (const finding of report.findings) {
      if (finding.file !== currentFile) {
        currentFile = finding.file;
        out.push(`  ${c.underline(finding.file)}`);
      }
      const reached = finding.endpoints.map((id) => endpointsById.get(id)).filter((endpoint) => endpoint !== undefined);
      const where =
        reached.length === 0
          ? c.dim('no endpoint reaches it')
          : `${reached.slice(0, 3).map(endpointLabel).join(', ')}${reached.length > 3 ? ` +${reached.length - 3}` : ''}`;
      out.push(`    ${`${finding.line}:${finding.column}`.padEnd(8)} ${c.yellow(shortRule(finding.ruleId))}  ${finding.message}`);
      out.push(`    ${' '.repeat(8)} ${c.dim('→')} ${where}`);
    }
    out.push('');
  }

  if (report.skipped.length > 0) {
    out.push(c.red(c.bold(`Skipped ${plural(report.skipped.length, 'file')}`)));
    for (const skipped of report.skipped) out.push(`  ${locationLabel(skipped)}  ${skipped.message}`);
    out.push('');
  }
  if (report.notes.length > 0) {
    out.push(c.bold('Notes'));
    for (const note of report.notes) out.push(`  ${note}`);
    out.push('');
  }
  return `${out.join('\n')}\n`;
}

function itemLine(item: ScorecardItem, c: ReturnType<typeof painter>): string {
  const title = item.title.length > ITEM_WIDTH ? `${item.title.slice(0, ITEM_WIDTH - 1)}…` : item.title;
  const { active, inactive } = itemRules(item);
  switch (item.status) {
    case 'checked': {
      const mark = item.findings > 0 ? c.yellow('✖') : c.green('✔');
      const count = item.findings > 0 ? c.yellow(String(item.findings).padStart(3)) : c.green('  0');
      const off = inactive.length > 0 ? c.dim(` (not enabled: ${inactive.join(', ')})`) : '';
      return `  ${mark} ${title.padEnd(ITEM_WIDTH)} ${count}  ${active.join(', ')}${off}`;
    }
    case 'not-enabled':
      return `  ${c.dim('○')} ${title.padEnd(ITEM_WIDTH)} ${c.dim('  -')}  ${c.dim(`${inactive.join(', ')}: ${statusText(item)}`)}`;
    case 'no-rule':
      return `  ${c.dim('·')} ${title.padEnd(ITEM_WIDTH)} ${c.dim('  -')}  ${c.dim(statusText(item))}`;
    case 'not-static':
      return `  ${c.dim('–')} ${c.dim(title.padEnd(ITEM_WIDTH))} ${c.dim('  -')}  ${c.dim(statusText(item))}`;
  }
}

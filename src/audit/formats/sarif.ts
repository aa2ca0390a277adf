/**
 * The audit as SARIF 2.1.0, for GitHub code scanning (`github/codeql-action/upload-sarif`) and other SARIF
 * viewers. One run; the driver lists every rule of the plugin (from the scorecard, so rule metadata is
 * never restated here) with its guide item; each finding is a `warning` result located relative to
 * `%SRCROOT%` (the audit's root), naming the endpoints that reach it. Skipped files and notes become
 * tool execution notifications. tests/audit/sarif.test.ts validates the output against the schema.
 */
import { pathToFileURL } from 'node:url';
import { guideLabel } from '../../guide/catalogue';
import type { AuditReport, Finding, ScorecardItem, ScorecardSection } from '../types';
import { endpointLabel, shortRule } from './shared';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SOURCE_ROOT = '%SRCROOT%';

/** "no-n-plus-one" → "NoNPlusOne": SARIF's `name` is an identifier-like form of the rule id. */
function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join('');
}

/** A path relative to the root as a URI reference: forward slashes, each segment percent-encoded. */
function relativeUri(file: string): string {
  return file
    .split('/')
    .map((segment) => (segment === '..' || segment === '.' ? segment : encodeURIComponent(segment)))
    .join('/');
}

function rootUri(root: string): string {
  const href = pathToFileURL(root).href;
  return href.endsWith('/') ? href : `${href}/`;
}

interface RuleEntry {
  section: ScorecardSection;
  item: ScorecardItem;
  rule: ScorecardItem['rules'][number];
}

/** Each rule once, under its own guide item (the scorecard also lists it under items some of its messages name). */
function ruleEntries(report: AuditReport): RuleEntry[] {
  const entries: RuleEntry[] = [];
  for (const section of report.scorecard) {
    for (const item of section.items) for (const rule of item.rules) if (rule.guide === item.anchor) entries.push({ section, item, rule });
  }
  return entries.sort((a, b) => a.rule.id.localeCompare(b.rule.id));
}

function location(file: string, line: number, column: number, endLine?: number, endColumn?: number) {
  const region: Record<string, number> = { startLine: Math.max(1, line), startColumn: Math.max(1, column) };
  if (endLine !== undefined && endColumn !== undefined && (endLine > line || (endLine === line && endColumn > column))) {
    region.endLine = endLine;
    region.endColumn = endColumn;
  }
  return { physicalLocation: { artifactLocation: { uri: relativeUri(file), uriBaseId: SOURCE_ROOT }, region } };
}

export function formatSarif(report: AuditReport): string {
  const entries = ruleEntries(report);
  const ruleIndex = new Map(entries.map((entry, index) => [entry.rule.id, index]));
  const endpointsById = new Map(report.endpoints.map((endpoint) => [endpoint.id, endpoint]));

  const rules = entries.map(({ section, item, rule }) => {
    const label = guideLabel(item.anchor);
    const description = rule.description ?? shortRule(rule.id);
    return {
      id: rule.id,
      name: pascalCase(shortRule(rule.id)),
      shortDescription: { text: description },
      fullDescription: { text: `${description}. Guide: ${label}.` },
      ...(rule.url ? { helpUri: rule.url } : {}),
      help: {
        text: `${description}. Guide: ${label} (${item.url}).`,
        markdown: `${description}.\n\nGuide: [${label}](${item.url})${rule.url ? ` · [Rule documentation](${rule.url})` : ''}`,
      },
      defaultConfiguration: { level: 'warning', enabled: rule.active },
      properties: { tags: ['performance', 'backend', section.title], precision: 'high', 'problem.severity': 'warning', guide: item.anchor },
    };
  });

  const result = (finding: Finding) => {
    const reached = finding.endpoints.map((id) => endpointsById.get(id)).filter((endpoint) => endpoint !== undefined);
    const guide = finding.guide ? ` (guide: ${guideLabel(finding.guide)})` : '';
    const reachedText = reached.length > 0 ? ` Reached from ${reached.map(endpointLabel).join(', ')}.` : '';
    const index = ruleIndex.get(finding.ruleId);
    return {
      ruleId: finding.ruleId,
      ...(index === undefined ? {} : { ruleIndex: index }),
      level: 'warning',
      message: { text: `${finding.message}${guide}${reachedText}` },
      locations: [location(finding.file, finding.line, finding.column, finding.endLine, finding.endColumn)],
      ...(reached.length > 0
        ? {
            relatedLocations: reached.map((endpoint, id) => ({
              id,
              message: { text: `${endpointLabel(endpoint)} (${endpoint.framework})` },
              ...location(endpoint.location.file, endpoint.location.line, endpoint.location.column),
            })),
          }
        : {}),
      properties: { endpoints: reached.map(endpointLabel) },
    };
  };

  const notifications = [
    ...report.skipped.map((skipped) => ({
      level: 'error',
      message: { text: `Skipped: ${skipped.message}` },
      locations: [location(skipped.file, skipped.line, skipped.column)],
    })),
    ...report.notes.map((note) => ({ level: 'note', message: { text: note } })),
  ];

  const sarif = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'backend-perf',
            fullName: `${report.tool.name} audit`,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: report.tool.informationUri,
            rules,
          },
        },
        originalUriBaseIds: { [SOURCE_ROOT]: { uri: rootUri(report.root) } },
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            executionSuccessful: true,
            ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
          },
        ],
        results: report.findings.map(result),
        properties: {
          endpoints: report.endpoints.map((endpoint) => ({
            method: endpoint.method,
            path: endpoint.path,
            framework: endpoint.framework,
            location: endpoint.location,
            findings: endpoint.findings,
          })),
        },
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

/** The audit's output formats by name, as `--format` takes them. */
import type { AuditReport } from '../types';
import { formatHtml } from './html';
import { formatJson } from './json';
import { formatMarkdown } from './markdown';
import { formatSarif } from './sarif';
import { formatTerminal } from './terminal';

export const FORMATS = ['terminal', 'markdown', 'json', 'sarif', 'html'] as const;
export type FormatName = (typeof FORMATS)[number];

export function isFormatName(name: string): name is FormatName {
  return (FORMATS as readonly string[]).includes(name);
}

export function formatReport(report: AuditReport, format: FormatName, options: { color?: boolean } = {}): string {
  switch (format) {
    case 'terminal':
      return formatTerminal(report, options);
    case 'markdown':
      return formatMarkdown(report);
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report);
    case 'html':
      return formatHtml(report);
  }
}

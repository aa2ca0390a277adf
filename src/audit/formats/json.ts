/**
 * The audit as JSON: the report object itself (types.ts), with a schema version for consumers.
 * Paths are relative to `root`; nothing in it holds machine-specific state beyond `root` and the tsconfig path.
 */
import type { AuditReport } from '../types';

/** Bumped when a field changes meaning or disappears; new fields may appear without a bump. */
export const JSON_SCHEMA_VERSION = 1;

export function formatJson(report: AuditReport): string {
  return `${JSON.stringify({ schemaVersion: JSON_SCHEMA_VERSION, ...report }, null, 2)}\n`;
}

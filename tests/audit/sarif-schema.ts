/**
 * Validates SARIF logs against the SARIF 2.1.0 JSON schema, offline. The schema is vendored in
 * tests/audit/schemas/sarif-2.1.0-rtm.5.json, copied unchanged from the npm package @microsoft/jest-sarif
 * (lib/schemas/, MIT licence), a draft-04 schema: hence ajv-draft-04. One of its patterns is not valid
 * as a Unicode regular expression, so patterns are compiled without the `u` flag.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

const SCHEMA_PATH = path.join(__dirname, 'schemas', 'sarif-2.1.0-rtm.5.json');

let validator: ((data: unknown) => boolean) & { errors?: unknown };

/** The schema errors of a SARIF log (empty when it is valid). */
export function sarifSchemaErrors(log: unknown): unknown[] {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    validator = ajv.compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')));
  }
  return validator(log) ? [] : ((validator.errors as unknown[] | null | undefined) ?? ['invalid']);
}

/**
 * The `backend-perf` command line (bin/backend-perf.js): `backend-perf audit [paths] [options]`.
 * Parses options, runs the audit, writes the report to stdout or a file, and returns the exit status:
 * 0 when the findings stay within --max-warnings (or none is given), 1 when there are more findings than
 * --max-warnings allows, 2 for usage and configuration errors (unknown option, missing path or tsconfig,
 * an ESLint config that does not load).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PACKAGE_JSON } from '../guide/links';
import { runAudit } from './audit';
import type { PresetLevel } from './findings';
import { formatReport, FORMATS, isFormatName } from './formats';
import { terminalProgress } from './progress';
import { AuditUsageError } from './project';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

const PRESETS: readonly PresetLevel[] = ['recommended', 'strict', 'all'];

export const USAGE = `Usage: backend-perf audit [paths...] [options]

Audits a Node.js/TypeScript backend against the backend performance guide: lints it with
eslint-plugin-backend-perf, lists its HTTP endpoints (Express, Fastify, Koa, Hono, NestJS, Next.js),
attributes each finding to the endpoints whose handlers reach it, and prints a scorecard by guide section.
Paths default to the current directory. Nothing is executed and nothing is sent over the network.

Options:
  -f, --format <name>     ${FORMATS.join(', ')} (default: terminal)
  -o, --output <file>     write the report to a file instead of stdout
      --max-warnings <n>  exit with status 1 when there are more than n findings
      --tsconfig <file>   the tsconfig to use (default: the nearest tsconfig.json at or above the first path)
      --no-type-check     lint without type information even when a tsconfig is found
      --preset <name>     ${PRESETS.join(', ')} (default: recommended)
      --eslint-config     lint with the project's own eslint.config.* instead of the plugin's preset
      --ignore <glob>     skip files matching the glob (repeatable); node_modules, dist, build and
                          coverage are skipped already
      --no-progress       no progress bar on stderr
      --color, --no-color force colours on or off in the terminal format
  -h, --help              show this help
  -v, --version           show the version

Exit status: 0 within --max-warnings, 1 more findings than --max-warnings, 2 usage or configuration error.
`;

export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  cwd: string;
  env: Record<string, string | undefined>;
}

const defaultIo = (): CliIo => ({ stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env });

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', short: 'f' },
      output: { type: 'string', short: 'o' },
      'max-warnings': { type: 'string' },
      tsconfig: { type: 'string' },
      'no-type-check': { type: 'boolean' },
      preset: { type: 'string' },
      'eslint-config': { type: 'boolean' },
      ignore: { type: 'string', multiple: true },
      'no-progress': { type: 'boolean' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
}

function usageError(io: CliIo, message: string): number {
  io.stderr.write(`backend-perf: ${message}\nRun \`backend-perf audit --help\` for usage.\n`);
  return EXIT_USAGE;
}

export async function main(argv: readonly string[], io: CliIo = defaultIo()): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    // parseArgs explains unknown options and missing values itself.
    return usageError(io, error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.version) {
    io.stdout.write(`${PACKAGE_JSON.version}\n`);
    return EXIT_OK;
  }
  const [command, ...paths] = positionals;
  if (values.help || command === 'help') {
    io.stdout.write(USAGE);
    return EXIT_OK;
  }
  if (command === undefined) return usageError(io, 'missing command: backend-perf audit [paths...]');
  if (command !== 'audit') return usageError(io, `unknown command '${command}' (the command is \`audit\`)`);

  const format = values.format ?? 'terminal';
  if (!isFormatName(format)) return usageError(io, `unknown format '${format}' (one of ${FORMATS.join(', ')})`);
  const preset = values.preset ?? 'recommended';
  if (!(PRESETS as readonly string[]).includes(preset)) return usageError(io, `unknown preset '${preset}' (one of ${PRESETS.join(', ')})`);
  if (values['eslint-config'] && (values.preset !== undefined || values.tsconfig !== undefined)) {
    return usageError(io, '--eslint-config uses the project\'s config; it cannot be combined with --preset or --tsconfig');
  }
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings']);
    if (!/^\d+$/.test(values['max-warnings']) || !Number.isSafeInteger(maxWarnings)) {
      return usageError(io, `--max-warnings needs a whole number, not '${values['max-warnings']}'`);
    }
  }

  const showProgress = !values['no-progress'] && io.stderr.isTTY === true;
  const progress = showProgress ? terminalProgress(io.stderr) : undefined;
  let report;
  try {
    report = await runAudit({
      paths,
      cwd: io.cwd,
      tsconfig: values.tsconfig,
      typeCheck: !values['no-type-check'],
      preset: preset as PresetLevel,
      useEslintConfig: values['eslint-config'] ?? false,
      ignorePatterns: values.ignore ?? [],
      progress,
    });
  } catch (error) {
    progress?.finish();
    if (error instanceof AuditUsageError) return usageError(io, error.message);
    throw error;
  }

  const writesToTerminal = values.output === undefined && io.stdout.isTTY === true;
  const color = values['no-color'] ? false : values.color ? true : writesToTerminal && !io.env.NO_COLOR;
  const text = formatReport(report, format, { color });
  if (values.output !== undefined) {
    const target = path.resolve(io.cwd, values.output);
    try {
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, text);
    } catch (error) {
      return usageError(io, `cannot write ${values.output}: ${error instanceof Error ? error.message : String(error)}`);
    }
    io.stderr.write(`backend-perf audit: ${report.findings.length} finding(s); ${format} report written to ${values.output}\n`);
  } else {
    io.stdout.write(text);
  }
  for (const skipped of report.skipped) {
    if (format !== 'terminal' || values.output !== undefined) io.stderr.write(`backend-perf audit: skipped ${skipped.file}: ${skipped.message}\n`);
  }

  if (maxWarnings !== undefined && report.findings.length > maxWarnings) {
    io.stderr.write(`backend-perf audit: ${report.findings.length} finding(s), more than --max-warnings ${maxWarnings}\n`);
    return EXIT_FINDINGS;
  }
  return EXIT_OK;
}

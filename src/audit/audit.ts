/**
 * `backend-perf audit`, start to finish: list the files, find the tsconfig, lint with ESLint
 * (findings.ts), read the endpoints with ts-morph (endpoints.ts), attribute each finding to the endpoints
 * whose handlers reach it (attribute.ts) and build the scorecard (scorecard.ts). Returns the report that
 * the formats render. Reads source files; never runs them and never touches the network.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import plugin from '../index';
import { guideLabel, guideOfMessage, type GuideItemAnchor, type RuleGuideDocs } from '../guide/catalogue';
import { PACKAGE_JSON, REPOSITORY_URL } from '../guide/links';
import { attributeFindings } from './attribute';
import { CallGraph } from './call-graph';
import { discoverEndpoints, relativePath } from './endpoints';
import { lintProject, RULE_PREFIX, type PluginLike, type PresetLevel } from './findings';
import { silentProgress, type ProgressListener } from './progress';
import { AuditUsageError, findTsconfig, listSourceFiles, loadProject, TYPESCRIPT_EXTENSIONS } from './project';
import { buildScorecard, type RuleLike } from './scorecard';
import type { AuditReport, Endpoint, Finding } from './types';

export interface AuditOptions {
  /** Files or folders to audit, relative to `cwd`; default: `cwd`. */
  paths?: readonly string[];
  /** Where the audit runs; the report's paths are relative to it. Default: process.cwd(). */
  cwd?: string;
  /** A tsconfig to use instead of the nearest tsconfig.json. */
  tsconfig?: string;
  /** Lint with type information where a tsconfig covers the files (default true). */
  typeCheck?: boolean;
  preset?: PresetLevel;
  /** Use the project's eslint.config.* instead of the plugin's presets. */
  useEslintConfig?: boolean;
  /** Extra ignore globs, as ESLint's `ignorePatterns`. */
  ignorePatterns?: readonly string[];
  progress?: ProgressListener;
}

const rules = plugin.rules as unknown as Record<string, RuleLike>;

/** The deepest folder containing all of `paths`. */
function commonAncestor(paths: readonly string[]): string {
  let common = paths[0];
  for (const candidate of paths.slice(1)) {
    while (common !== path.dirname(common) && path.relative(common, candidate).startsWith('..')) common = path.dirname(common);
  }
  return common;
}

function guideOf(ruleId: string, messageId: string | undefined): GuideItemAnchor | undefined {
  const docs = rules[ruleId.slice(RULE_PREFIX.length)]?.meta?.docs;
  return docs?.guide === undefined ? undefined : guideOfMessage(docs as RuleGuideDocs, messageId);
}

/** createRule ends each message with "(guide: Section › Item)"; the report shows the guide item on its own. */
function withoutGuideSuffix(message: string, anchor: GuideItemAnchor | undefined): string {
  const suffix = anchor ? ` (guide: ${guideLabel(anchor)})` : '';
  return suffix && message.endsWith(suffix) ? message.slice(0, -suffix.length) : message;
}

export async function runAudit(options: AuditOptions = {}): Promise<AuditReport> {
  const started = performance.now();
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const progress = options.progress ?? silentProgress;
  const targets = (options.paths && options.paths.length > 0 ? options.paths : ['.']).map((target) => path.resolve(cwd, target));
  const notes: string[] = [];

  progress.phase('Listing files');
  const files = listSourceFiles(targets);
  if (files.length === 0) throw new AuditUsageError(`No JavaScript or TypeScript files under ${targets.map((target) => relativePath(cwd, target) || '.').join(', ')}`);

  let tsconfig: string | undefined;
  if (options.tsconfig) {
    tsconfig = path.resolve(cwd, options.tsconfig);
    if (!existsSync(tsconfig) || !statSync(tsconfig).isFile()) throw new AuditUsageError(`tsconfig not found: ${options.tsconfig}`);
  } else {
    tsconfig = findTsconfig(targets[0]);
    if (!tsconfig) {
      notes.push(
        `No tsconfig.json found at or above ${relativePath(cwd, targets[0]) || '.'}: linted without type information, ` +
          'and calls were resolved among the audited files only. Point to one with --tsconfig.',
      );
    }
  }

  progress.phase('Reading the project');
  const { project, tsconfigFiles } = loadProject(tsconfig, files);
  const typeCheck = options.typeCheck !== false && !options.useEslintConfig && tsconfig !== undefined;
  const typedFiles = new Set(typeCheck ? files.filter((file) => tsconfigFiles.has(file) && TYPESCRIPT_EXTENSIONS.has(path.extname(file))) : []);
  const outsideTsconfig = files.filter((file) => TYPESCRIPT_EXTENSIONS.has(path.extname(file)) && !tsconfigFiles.has(file)).length;
  if (typeCheck && outsideTsconfig > 0) {
    notes.push(`${outsideTsconfig} TypeScript file(s) are outside ${relativePath(cwd, tsconfig!)} and were linted without type information.`);
  }

  progress.phase('Linting', files.length);
  const lint = await lintProject(
    {
      cwd: commonAncestor([cwd, ...targets]),
      files,
      typedFiles,
      tsconfig: typeCheck ? tsconfig : undefined,
      preset: options.preset ?? 'recommended',
      useEslintConfig: options.useEslintConfig ?? false,
      ignorePatterns: options.ignorePatterns ?? [],
    },
    plugin as unknown as PluginLike,
    (done, total) => progress.update(done, total),
  );

  progress.phase('Reading endpoints');
  const graph = new CallGraph();
  const linted = new Set(lint.linted);
  const sourceFiles = files.filter((file) => linted.has(file)).flatMap((file) => project.getSourceFile(file) ?? []);
  const discovery = discoverEndpoints(sourceFiles, project.getSourceFiles(), cwd, graph);
  for (const failure of discovery.failures) notes.push(`Endpoints of ${failure.file} could not be read: ${failure.message}`);

  progress.phase('Attributing findings');
  const attribution = attributeFindings(lint.findings, discovery.endpoints, project, graph);
  const findings: Finding[] = lint.findings.map((raw, index) => {
    const guide = guideOf(raw.ruleId, raw.messageId);
    return {
      file: relativePath(cwd, raw.filePath),
      line: raw.line,
      column: raw.column,
      ...(raw.endLine === undefined ? {} : { endLine: raw.endLine, endColumn: raw.endColumn }),
      ruleId: raw.ruleId,
      message: withoutGuideSuffix(raw.message, guide),
      ...(guide ? { guide } : {}),
      endpoints: attribution[index].sort(),
    };
  });
  findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));

  const counts = new Map<string, number>();
  for (const finding of findings) for (const id of finding.endpoints) counts.set(id, (counts.get(id) ?? 0) + 1);
  const endpoints: Endpoint[] = discovery.endpoints
    .map(({ endpoint }) => ({ ...endpoint, findings: counts.get(endpoint.id) ?? 0 }))
    .sort((a, b) => b.findings - a.findings || a.path.localeCompare(b.path) || a.method.localeCompare(b.method) || a.id.localeCompare(b.id));

  progress.finish();
  return {
    tool: { name: PACKAGE_JSON.name, version: PACKAGE_JSON.version, informationUri: REPOSITORY_URL },
    root: cwd,
    run: {
      typed: typedFiles.size > 0,
      ...(tsconfig ? { tsconfig } : {}),
      presets: lint.presets,
      eslintConfig: options.useEslintConfig ?? false,
      files: lint.linted.length,
      durationMs: Math.round(performance.now() - started),
    },
    scorecard: buildScorecard(rules, lint.activeRules, findings),
    endpoints,
    findings,
    skipped: lint.skipped
      .map((skipped) => ({ file: relativePath(cwd, skipped.filePath), line: skipped.line, column: skipped.column, message: skipped.message }))
      .sort((a, b) => a.file.localeCompare(b.file)),
    notes,
  };
}

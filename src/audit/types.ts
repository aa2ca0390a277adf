/**
 * The audit report: what `backend-perf audit` found, in a plain serialisable shape that every output
 * format (terminal, Markdown, JSON, SARIF, HTML) renders. Nothing here holds AST or ts-morph nodes.
 */
import type { GuideItemAnchor, GuideSectionAnchor } from '../guide/catalogue';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS' | 'ALL';

export type Framework = 'express' | 'fastify' | 'koa' | 'hono' | 'nestjs' | 'nextjs';

/** A place in a file: path relative to the report's root (forward slashes), 1-based line and column. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

export interface Endpoint {
  /** Unique within a report: method, path and the handler's location. */
  id: string;
  method: HttpMethod;
  /** The route path with mount prefixes resolved where the code shows them ("/orders/:id"). */
  path: string;
  framework: Framework;
  /** Where the route is declared (the registration call, decorator or exported function). */
  location: SourceLocation;
  /** Where its handler function is, when the audit could resolve it (it may be in another file). */
  handler?: SourceLocation;
  /** The handler's name when it has one (`OrderController.findOne`, `GET`), else undefined. */
  handlerName?: string;
  /** Findings reached from this endpoint's handlers. */
  findings: number;
}

export interface Finding extends SourceLocation {
  endLine?: number;
  endColumn?: number;
  /** "backend-perf/no-n-plus-one". */
  ruleId: string;
  /** The message without the "(guide: …)" suffix: the report shows the guide item on its own. */
  message: string;
  guide?: GuideItemAnchor;
  /** Ids of the endpoints whose handlers reach this finding (empty: startup code, scripts, unreached). */
  endpoints: string[];
}

/** A file the audit could not lint (syntax error, crash in a parser or rule): reported, then skipped. */
export interface SkippedFile extends SourceLocation {
  message: string;
}

export type ItemStatus =
  /** At least one rule enforces the item and is on in this run. */
  | 'checked'
  /** Rules exist but the chosen preset does not turn them on (e.g. strict-only rules). */
  | 'not-enabled'
  /** A rule could check this, but the plugin has none yet. */
  | 'no-rule'
  /** No static rule can judge this item; `notStatic` says why. */
  | 'not-static';

export interface ScorecardRule {
  /** "backend-perf/no-n-plus-one". */
  id: string;
  /** The preset level that turns it on, if any ("recommended", "strict"); rules without one are in `all` only. */
  level?: string;
  /** On in this run. */
  active: boolean;
  description?: string;
  /** The rule's documentation. */
  url?: string;
  /** Findings whose message names this item. */
  findings: number;
  /** The rule's own guide item; another when only some of its messages name this one (`meta.docs.messageGuides`). */
  guide: GuideItemAnchor;
}

export interface ScorecardItem {
  anchor: GuideItemAnchor;
  title: string;
  url: string;
  status: ItemStatus;
  rules: ScorecardRule[];
  notStatic?: string;
  findings: number;
}

export interface ScorecardSection {
  anchor: GuideSectionAnchor;
  title: string;
  url: string;
  items: ScorecardItem[];
  findings: number;
}

export interface AuditRun {
  /** Type information used for the files the tsconfig covers. */
  typed: boolean;
  /** Absolute path of the tsconfig used, if any. */
  tsconfig?: string;
  /** The plugin presets used ("recommended-type-checked" for typed files, "recommended" for the rest), or "eslint-config". */
  presets: string[];
  /** The project's own ESLint config decided which rules ran. */
  eslintConfig: boolean;
  /** Files linted. */
  files: number;
  durationMs: number;
}

export interface AuditReport {
  tool: { name: string; version: string; informationUri: string };
  /** Absolute directory the report's paths are relative to. */
  root: string;
  run: AuditRun;
  scorecard: ScorecardSection[];
  /** Sorted worst first: most findings, then method and path. */
  endpoints: Endpoint[];
  findings: Finding[];
  skipped: SkippedFile[];
  /** Things the user should know about the run (no tsconfig found, files outside the tsconfig, …). */
  notes: string[];
}

import { ESLintUtils } from '@typescript-eslint/utils';
import type { RuleWithMetaAndName } from '@typescript-eslint/utils/eslint-utils';
import type { RuleContext, RuleModule } from '@typescript-eslint/utils/ts-eslint';
import { guideLabel, guideOfMessage, type GuideItemAnchor } from './guide/catalogue';
import { ruleDocsUrl } from './guide/links';
import { registerPathAliases } from './analysis/path-aliases';

/** What every rule of this plugin declares in `meta.docs`. Configs, docs and the guide are derived from it. */
export interface BackendPerfDocs {
  description: string;
  /** The guide item this rule enforces: an anchor of docs/guide.md. */
  guide: GuideItemAnchor;
  /**
   * Messages about another guide item than `guide` (no-per-request-client's HTTP clients belong to "Reuse
   * connections"): each names and links its own item, and the guide lists the rule under that item too.
   */
  messageGuides?: Readonly<Record<string, GuideItemAnchor>>;
  /** Which preset turns the rule on; rules without it are only in `all`. */
  recommended?: 'recommended' | 'strict';
  /** The rule does nothing useful without type information. Most rules only use it when present. */
  requiresTypeChecking?: boolean;
}

/**
 * Options merged with `meta.defaultOptions`, once per distinct configuration rather than once per file:
 * typescript-eslint's RuleCreator deep-clones them for every file, which measurably costs each rule.
 * A rule configured with options gets a freshly merged array per file, so the cache compares content: a structural
 * comparison of small option objects costs far less than a clone or even a JSON key. What is cached is a
 * pure function of the configuration, never of a linted file, so sharing it across files is safe.
 */
interface MergedOptions {
  options: readonly unknown[];
  merged: readonly unknown[];
}
/** Per rule (keyed by its defaults object), the few configurations seen so far. */
const mergedOptionsCache = new WeakMap<object, MergedOptions[]>();
const MAX_CACHED_OPTION_SETS = 16;

function optionsWithDefaults<Options extends readonly unknown[]>(options: Options, defaults: Readonly<Options>): Options {
  // ESLint ≥ 9.15 merges `meta.defaultOptions` itself: a rule configured without options gets, for every file,
  // a fresh array holding the very default objects. Nothing to merge or look up.
  if (options === defaults || holdsTheDefaults(options, defaults)) return defaults as Options;
  let seen = mergedOptionsCache.get(defaults);
  if (!seen) {
    seen = [];
    mergedOptionsCache.set(defaults, seen);
  }
  for (const entry of seen) if (entry.options === options || sameOptionValue(entry.options, options)) return entry.merged as Options;
  const merged = ESLintUtils.applyDefault(defaults, options);
  if (seen.length < MAX_CACHED_OPTION_SETS) seen.push({ options, merged });
  return merged;
}

function holdsTheDefaults(options: readonly unknown[], defaults: readonly unknown[]): boolean {
  if (options.length !== defaults.length) return false;
  for (let index = 0; index < options.length; index++) if (options[index] !== defaults[index]) return false;
  return true;
}

/** Deep equality of JSON-like option values (what an options schema admits). */
function sameOptionValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, index) => sameOptionValue(item, b[index]));
  if (Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  return aKeys.every((key) => Object.hasOwn(b, key) && sameOptionValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/**
 * typescript-eslint's rule shape, plus one convention: every message ends by naming its guide item,
 * e.g. "… (guide: Database › N+1 queries)", so a warning in an editor points at the fix. That is the rule's
 * item, or the message's own in `messageGuides`.
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  rule: Readonly<RuleWithMetaAndName<Options, MessageIds, BackendPerfDocs>>,
): RuleModule<MessageIds, Options, BackendPerfDocs> & { name: string } {
  const messages = Object.fromEntries(
    Object.entries<string>(rule.meta.messages).map(([id, text]) => [id, `${text} (guide: ${guideLabel(guideOfMessage(rule.meta.docs, id))})`]),
  ) as Record<MessageIds, string>;
  const defaults = (rule.meta.defaultOptions ?? []) as unknown as Readonly<Options>;
  return {
    name: rule.name,
    meta: { ...rule.meta, messages, docs: { ...rule.meta.docs, url: ruleDocsUrl(rule.name) } },
    create(context: Readonly<RuleContext<MessageIds, Options>>) {
      registerPathAliases(context);
      return rule.create(context, optionsWithDefaults(context.options, defaults));
    },
  };
}

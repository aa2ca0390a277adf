import { ESLintUtils } from '@typescript-eslint/utils';
import type { RuleWithMetaAndName } from '@typescript-eslint/utils/eslint-utils';
import type { RuleContext, RuleModule } from '@typescript-eslint/utils/ts-eslint';
import { guideLabel, type GuideItemAnchor } from './guide/catalogue';
import { ruleDocsUrl } from './guide/links';

/** What every rule of this plugin declares in `meta.docs`. Configs, docs and the guide are derived from it. */
export interface BackendPerfDocs {
  description: string;
  /** The guide item this rule enforces: an anchor of docs/guide.md. */
  guide: GuideItemAnchor;
  /** Which preset turns the rule on; rules without it are only in `all`. */
  recommended?: 'recommended' | 'strict';
  /** The rule does nothing useful without type information. Most rules only use it when present. */
  requiresTypeChecking?: boolean;
}

/**
 * Options merged with `meta.defaultOptions`, once per options array rather than once per file:
 * typescript-eslint's RuleCreator deep-clones them for every file, which measurably costs each rule.
 * The cache is keyed by the options array ESLint hands out for a configuration, a pure function of it.
 */
const mergedOptionsCache = new WeakMap<readonly unknown[], readonly unknown[]>();

function optionsWithDefaults<Options extends readonly unknown[]>(options: Options, defaults: Readonly<Options>): Options {
  let merged = mergedOptionsCache.get(options);
  if (!merged) {
    merged = ESLintUtils.applyDefault(defaults, options);
    mergedOptionsCache.set(options, merged);
  }
  return merged as Options;
}

/**
 * typescript-eslint's rule shape, plus one convention: every message ends by naming its guide item,
 * e.g. "… (guide: Database › N+1 queries)", so a warning in an editor points at the fix.
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  rule: Readonly<RuleWithMetaAndName<Options, MessageIds, BackendPerfDocs>>,
): RuleModule<MessageIds, Options, BackendPerfDocs> & { name: string } {
  const suffix = ` (guide: ${guideLabel(rule.meta.docs.guide)})`;
  const messages = Object.fromEntries(
    Object.entries<string>(rule.meta.messages).map(([id, text]) => [id, text + suffix]),
  ) as Record<MessageIds, string>;
  const defaults = (rule.meta.defaultOptions ?? []) as unknown as Readonly<Options>;
  return {
    name: rule.name,
    meta: { ...rule.meta, messages, docs: { ...rule.meta.docs, url: ruleDocsUrl(rule.name) } },
    create(context: Readonly<RuleContext<MessageIds, Options>>) {
      return rule.create(context, optionsWithDefaults(context.options, defaults));
    },
  };
}

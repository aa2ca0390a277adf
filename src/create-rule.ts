import { ESLintUtils } from '@typescript-eslint/utils';
import type { RuleWithMetaAndName } from '@typescript-eslint/utils/eslint-utils';
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

const createDocumentedRule = ESLintUtils.RuleCreator<BackendPerfDocs>(ruleDocsUrl);

/**
 * typescript-eslint's RuleCreator, plus one convention: every message ends by naming its guide item,
 * e.g. "… (guide: Database › N+1 queries)", so a warning in an editor points at the fix.
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  rule: Readonly<RuleWithMetaAndName<Options, MessageIds, BackendPerfDocs>>,
) {
  const suffix = ` (guide: ${guideLabel(rule.meta.docs.guide)})`;
  const messages = Object.fromEntries(
    Object.entries<string>(rule.meta.messages).map(([id, text]) => [id, text + suffix]),
  ) as Record<MessageIds, string>;
  return createDocumentedRule<Options, MessageIds>({ ...rule, meta: { ...rule.meta, messages } });
}

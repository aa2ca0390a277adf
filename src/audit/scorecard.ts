/**
 * The scorecard: every item of the guide's checklist (src/guide/catalogue.ts), grouped by section, with
 * the rules that enforce it (read from the rules' `meta.docs.guide`), whether they ran, and how many
 * findings each produced. Items no rule can judge say why, from the catalogue's `notStatic`.
 */
import type { BackendPerfDocs } from '../create-rule';
import { GUIDE_ITEMS, GUIDE_SECTIONS, guideItemsOfRule, type RuleGuideDocs } from '../guide/catalogue';
import { guideUrl, REPOSITORY_URL } from '../guide/links';
import { RULE_PREFIX } from './findings';
import type { Finding, ItemStatus, ScorecardSection } from './types';

export interface RuleLike {
  meta?: { docs?: Partial<BackendPerfDocs> & { url?: string } };
}

export function sectionUrl(anchor: string): string {
  return `${REPOSITORY_URL}/blob/main/docs/guide.md#${anchor}`;
}

export function buildScorecard(
  rules: Readonly<Record<string, RuleLike>>,
  activeRules: ReadonlySet<string>,
  findings: readonly Pick<Finding, 'ruleId' | 'guide'>[],
): ScorecardSection[] {
  // A finding counts under the guide item its message names (a rule may enforce more than one item).
  const findingsByRuleAndItem = new Map<string, number>();
  const keyOf = (ruleId: string, anchor: string | undefined) => `${ruleId}\0${anchor ?? ''}`;
  for (const finding of findings) {
    const key = keyOf(finding.ruleId, finding.guide);
    findingsByRuleAndItem.set(key, (findingsByRuleAndItem.get(key) ?? 0) + 1);
  }

  return GUIDE_SECTIONS.map((section) => {
    const items = GUIDE_ITEMS.filter((item) => item.section === section.anchor).map((item) => {
      const enforcing = Object.entries(rules)
        .filter(([, rule]) => rule.meta?.docs?.guide !== undefined && guideItemsOfRule(rule.meta.docs as RuleGuideDocs).includes(item.anchor))
        .map(([name, rule]) => {
          const id = RULE_PREFIX + name;
          return {
            id,
            level: rule.meta?.docs?.recommended,
            active: activeRules.has(id),
            description: rule.meta?.docs?.description,
            url: rule.meta?.docs?.url,
            findings: findingsByRuleAndItem.get(keyOf(id, item.anchor)) ?? 0,
            guide: rule.meta!.docs!.guide!,
          };
        })
        .sort((a, b) => a.id.localeCompare(b.id));
      const notStatic = 'notStatic' in item ? item.notStatic : undefined;
      let status: ItemStatus;
      if (enforcing.length > 0) status = enforcing.some((rule) => rule.active) ? 'checked' : 'not-enabled';
      else status = notStatic ? 'not-static' : 'no-rule';
      return {
        anchor: item.anchor,
        title: item.title,
        url: guideUrl(item.anchor),
        status,
        rules: enforcing,
        ...(notStatic ? { notStatic } : {}),
        findings: enforcing.reduce((sum, rule) => sum + rule.findings, 0),
      };
    });
    return {
      anchor: section.anchor,
      title: section.title,
      url: sectionUrl(section.anchor),
      items,
      findings: items.reduce((sum, item) => sum + item.findings, 0),
    };
  });
}

/** Totals for a one-line summary: items checked, items with rules not enabled, items without a rule. */
export function scorecardTotals(scorecard: readonly ScorecardSection[]): Record<ItemStatus, number> & { items: number; clean: number } {
  const totals = { items: 0, clean: 0, checked: 0, 'not-enabled': 0, 'no-rule': 0, 'not-static': 0 };
  for (const section of scorecard) {
    for (const item of section.items) {
      totals.items++;
      totals[item.status]++;
      if (item.status === 'checked' && item.findings === 0) totals.clean++;
    }
  }
  return totals;
}

/**
 * The scorecard lists every checklist item of the guide catalogue, with the rules that enforce it taken
 * from rule metadata (never a hand-written list), and a status that says what the run could tell.
 */
import { describe, expect, it } from 'vitest';
import { buildScorecard, scorecardTotals, type RuleLike } from '../../src/audit/scorecard';
import { GUIDE_ITEMS, GUIDE_SECTIONS, guideItemsOfRule, type RuleGuideDocs } from '../../src/guide/catalogue';
import plugin from '../../src/index';

const rules = plugin.rules as unknown as Record<string, RuleLike>;

describe('buildScorecard', () => {
  it('has every guide section and item, in catalogue order', () => {
    const scorecard = buildScorecard(rules, new Set(), []);
    expect(scorecard.map((section) => section.anchor)).toEqual(GUIDE_SECTIONS.map((section) => section.anchor));
    expect(scorecard.flatMap((section) => section.items.map((item) => item.anchor))).toEqual(
      GUIDE_SECTIONS.flatMap((section) => GUIDE_ITEMS.filter((item) => item.section === section.anchor).map((item) => item.anchor)),
    );
  });

  it("lists under each item exactly the plugin's rules whose meta.docs.guide or messageGuides names it", () => {
    const scorecard = buildScorecard(rules, new Set(), []);
    const listed = scorecard.flatMap((section) => section.items.flatMap((item) => item.rules.map((rule) => `${rule.id} → ${item.anchor}`)));
    const fromMetadata = Object.entries(rules).flatMap(([name, rule]) => guideItemsOfRule(rule.meta!.docs as RuleGuideDocs).map((anchor) => `backend-perf/${name} → ${anchor}`));
    expect(listed.sort()).toEqual(fromMetadata.sort());
    expect(listed).toContain('backend-perf/no-per-request-client → connection-reuse');
  });

  it('counts a finding under the guide item its message names', () => {
    const fake: Record<string, RuleLike> = {
      clients: { meta: { docs: { guide: 'connection-pooling', messageGuides: { http: 'connection-reuse' }, recommended: 'recommended', description: 'D' } } },
    };
    const findings = [
      { ruleId: 'backend-perf/clients', guide: 'connection-pooling' as const },
      { ruleId: 'backend-perf/clients', guide: 'connection-reuse' as const },
      { ruleId: 'backend-perf/clients', guide: 'connection-reuse' as const },
    ];
    const scorecard = buildScorecard(fake, new Set(['backend-perf/clients']), findings);
    const item = (anchor: string) => scorecard.flatMap((section) => section.items).find((candidate) => candidate.anchor === anchor)!;
    expect(item('connection-pooling')).toMatchObject({ status: 'checked', findings: 1, rules: [{ id: 'backend-perf/clients', findings: 1 }] });
    expect(item('connection-reuse')).toMatchObject({ status: 'checked', findings: 2, rules: [{ id: 'backend-perf/clients', findings: 2 }] });
  });

  it("explains items no rule can check with the catalogue's reason", () => {
    const scorecard = buildScorecard(rules, new Set(), []);
    for (const item of scorecard.flatMap((section) => section.items)) {
      const catalogue = GUIDE_ITEMS.find((candidate) => candidate.anchor === item.anchor)!;
      if (item.rules.length === 0 && 'notStatic' in catalogue) {
        expect(item.status).toBe('not-static');
        expect(item.notStatic).toBe(catalogue.notStatic);
      }
    }
  });

  it('tells checked, not enabled, no rule yet and not static apart, and counts findings per rule, item and section', () => {
    const fake: Record<string, RuleLike> = {
      'query-a': { meta: { docs: { guide: 'n-plus-one-queries', recommended: 'recommended', description: 'A', url: 'https://example.test/a' } } },
      'query-b': { meta: { docs: { guide: 'n-plus-one-queries', recommended: 'strict', description: 'B' } } },
      'pages-c': { meta: { docs: { guide: 'paginate-large-results', recommended: 'strict', description: 'C' } } },
    };
    const nPlusOne = 'n-plus-one-queries' as const;
    const findings = [{ ruleId: 'backend-perf/query-a', guide: nPlusOne }, { ruleId: 'backend-perf/query-a', guide: nPlusOne }, { ruleId: 'backend-perf/query-b', guide: nPlusOne }];
    const scorecard = buildScorecard(fake, new Set(['backend-perf/query-a', 'backend-perf/query-b']), findings);
    const database = scorecard.find((section) => section.anchor === 'database')!;
    const item = (anchor: string) => scorecard.flatMap((section) => section.items).find((candidate) => candidate.anchor === anchor)!;

    expect(item('n-plus-one-queries')).toMatchObject({
      status: 'checked',
      findings: 3,
      rules: [
        { id: 'backend-perf/query-a', active: true, level: 'recommended', findings: 2, description: 'A', url: 'https://example.test/a' },
        { id: 'backend-perf/query-b', active: true, level: 'strict', findings: 1 },
      ],
    });
    expect(item('paginate-large-results')).toMatchObject({ status: 'not-enabled', findings: 0 });
    expect(item('select-only-needed-columns')).toMatchObject({ status: 'no-rule', rules: [] });
    expect(item('indexes').status).toBe('not-static');
    expect(database.findings).toBe(3);
    expect(item('n-plus-one-queries').url).toBe('https://github.com/backend-perf/eslint-plugin-backend-perf/blob/main/docs/guide.md#n-plus-one-queries');

    const totals = scorecardTotals(scorecard);
    expect(totals).toMatchObject({ items: GUIDE_ITEMS.length, checked: 1, 'not-enabled': 1, clean: 0 });
    expect(totals['not-static']).toBe(GUIDE_ITEMS.filter((candidate) => 'notStatic' in candidate).length);
  });
});

// eslint-doc-generator settings: rule doc headers (docs/rules/<id>.md, above the
// "end auto-generated rule header" marker) and the rules list in README.md.
// Reads the built plugin like the generator itself, so `npm run build` comes first (`npm run docs` does it).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const cataloguePath = path.join(import.meta.dirname, 'dist', 'src', 'guide', 'catalogue.js');
if (!existsSync(cataloguePath)) {
  throw new Error('dist/ is missing: run `npm run build` before eslint-doc-generator.');
}
const { GUIDE_ITEMS, GUIDE_SECTIONS } = require(cataloguePath);
const { homepage } = JSON.parse(readFileSync(path.join(import.meta.dirname, 'package.json'), 'utf8'));

const sectionOfItem = new Map(GUIDE_ITEMS.map((item) => [item.anchor, item.section]));

/**
 * The tool has no custom columns, so the README groups rules by guide section instead: one table per
 * section, in guide order, headed by a link to that section.
 */
function rulesByGuideSection(rules) {
  const lists = GUIDE_SECTIONS.map((section) => ({
    title: section.title,
    description: `Guide: [${section.title}](docs/guide.md#${section.anchor})`,
    rules: rules.filter(([, rule]) => sectionOfItem.get(rule.meta?.docs?.guide) === section.anchor),
  }));
  // A rule pointing outside the catalogue fails the structure tests; list it anyway rather than drop it.
  const unplaced = rules.filter(([, rule]) => !sectionOfItem.has(rule.meta?.docs?.guide));
  return [...lists, { title: 'Other', rules: unplaced }].filter((list) => list.rules.length > 0);
}

/** @type {import('eslint-doc-generator').GenerateOptions} */
const config = {
  configEmoji: [
    ['recommended', '✅'],
    ['recommended-type-checked', '☑️'],
    ['strict', '🔒'],
    ['strict-type-checked', '🔐'],
    ['all', '🌐'],
  ],
  urlConfigs: `${homepage.replace(/#.*$/, '')}#configs`,
  pathRuleDoc: 'docs/rules/{name}.md',
  pathRuleList: 'README.md',
  // "# Disallow … (`backend-perf/<id>`)", the title the rule docs are written under.
  ruleDocTitleFormat: 'desc-parens-prefix-name',
  ruleDocNotices: ['deprecated', 'configs', 'fixableAndHasSuggestions', 'requiresTypeChecking', 'options'],
  // The shape every rule doc follows; the generator fails (and --check with it) when a section is missing.
  ruleDocSectionInclude: [
    'Why',
    'What it reports',
    'What it leaves alone',
    'Examples',
    'Type information',
    'When not to use it',
  ],
  // Rule docs say "This rule has no options." where the generator would forbid an Options heading;
  // tests/plugin-structure.test.ts checks instead that rules with options document each of them.
  ruleDocSectionOptions: false,
  ruleListColumns: [
    'name',
    'description',
    'configsError',
    'configsWarn',
    'configsOff',
    'fixable',
    'hasSuggestions',
    'requiresTypeChecking',
    'options',
    'deprecated',
  ],
  ruleListSplit: rulesByGuideSection,
};

export default config;

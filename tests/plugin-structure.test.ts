// The plugin's parts must agree: every rule has a module, tests, docs and a registry entry; its metadata
// points at a real guide item; its messages name that item; and the configs follow from the metadata.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GUIDE_ITEMS, guideItemsOfRule, guideLabel, guideOfMessage, type GuideItemAnchor } from '../src/guide/catalogue';
import plugin from '../src/index';

const ROOT = path.resolve(__dirname, '..');
const PREFIX = 'backend-perf';

interface PackageJson {
  name: string;
  version: string;
  repository: { url: string };
}

interface RuleUnderTest {
  name?: string;
  defaultOptions?: unknown;
  meta: {
    type?: string;
    docs: {
      description: string;
      guide: GuideItemAnchor;
      messageGuides?: Record<string, GuideItemAnchor>;
      recommended?: 'recommended' | 'strict';
      requiresTypeChecking?: boolean;
      url?: string;
    };
    messages: Record<string, string>;
    schema?: unknown;
    defaultOptions?: unknown;
  };
}

interface ConfigUnderTest {
  name?: string;
  plugins?: Record<string, unknown>;
  languageOptions?: { parserOptions?: { projectService?: unknown } };
  rules?: Record<string, unknown>;
}

const packageJson = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as PackageJson;
const guide = readFileSync(path.join(ROOT, 'docs', 'guide.md'), 'utf8');
const rules = plugin.rules as unknown as Record<string, RuleUnderTest>;
const configs = plugin.configs as unknown as Record<string, ConfigUnderTest>;
const ruleIds = Object.keys(rules).sort();
const catalogueAnchors = new Set<string>(GUIDE_ITEMS.map((item) => item.anchor));

/** File names in `dir` ending in `suffix`, without the suffix: the rule ids that directory declares. */
function idsIn(dir: string, suffix: string): string[] {
  return readdirSync(path.join(ROOT, dir))
    .filter((file) => file.endsWith(suffix))
    .map((file) => file.slice(0, -suffix.length))
    .sort();
}

function hasOptions(schema: unknown): boolean {
  if (Array.isArray(schema)) return schema.length > 0;
  return typeof schema === 'object' && schema !== null && Object.keys(schema).length > 0;
}

/** The option names a schema declares: the properties of each object in the options array. */
function optionNames(schema: unknown): string[] {
  const entries = Array.isArray(schema) ? schema : [schema];
  return entries.flatMap((entry: unknown) => {
    const properties = (entry as { properties?: Record<string, unknown> } | null)?.properties;
    return properties ? Object.keys(properties) : [];
  });
}

function readRuleDoc(id: string): string {
  return readFileSync(path.join(ROOT, 'docs', 'rules', `${id}.md`), 'utf8');
}

function configRuleIds(config: ConfigUnderTest): string[] {
  return Object.keys(config.rules ?? {})
    .map((key) => key.slice(PREFIX.length + 1))
    .sort();
}

function idsWhere(include: (docs: RuleUnderTest['meta']['docs']) => boolean): string[] {
  return ruleIds.filter((id) => include(rules[id].meta.docs));
}

describe('every rule has a module, tests, docs and a registry entry', () => {
  it('rules/*.ts, tests/rules/*.test.ts, docs/rules/*.md and plugin.rules name the same rules', () => {
    expect(ruleIds.length).toBeGreaterThan(0);
    const mismatches = [
      ['rules/*.ts', idsIn('rules', '.ts')],
      ['tests/rules/*.test.ts', idsIn(path.join('tests', 'rules'), '.test.ts')],
      ['docs/rules/*.md', idsIn(path.join('docs', 'rules'), '.md')],
    ].flatMap(([where, ids]) => {
      const extra = (ids as string[]).filter((id) => !ruleIds.includes(id));
      const missing = ruleIds.filter((id) => !(ids as string[]).includes(id));
      return [
        ...extra.map((id) => `${where} has ${id}, which src/rules.ts does not register`),
        ...missing.map((id) => `${where} lacks ${id}`),
      ];
    });
    expect(mismatches).toEqual([]);
  });
});

describe.each(ruleIds)('rule %s', (id) => {
  const rule = rules[id];
  const { docs } = rule.meta;

  it('is named after its file', () => {
    expect(rule.name).toBe(id);
  });

  it('has a description', () => {
    expect(typeof docs.description).toBe('string');
    expect(docs.description.trim()).not.toBe('');
    expect(docs.description).not.toMatch(/^TODO\b/);
  });

  it('links to its documentation by absolute URL', () => {
    const repository = packageJson.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
    expect(repository).toMatch(/^https:\/\//);
    expect(docs.url).toBe(`${repository}/blob/main/docs/rules/${id}.md`);
  });

  it('enforces catalogue items whose anchors exist in docs/guide.md', () => {
    for (const anchor of guideItemsOfRule(docs)) {
      expect(catalogueAnchors.has(anchor), anchor).toBe(true);
      expect(guide).toContain(`<a id="${anchor}"></a>`);
    }
  });

  it('gives another guide item only to messages it has, and never its own item again', () => {
    for (const [messageId, anchor] of Object.entries(docs.messageGuides ?? {})) {
      expect(Object.keys(rule.meta.messages), messageId).toContain(messageId);
      expect(anchor, messageId).not.toBe(docs.guide);
    }
  });

  it('links its guide items from its doc, its own first', () => {
    const doc = readRuleDoc(id);
    const [own, ...others] = guideItemsOfRule(docs);
    expect(doc).toContain(`Guide: [${guideLabel(own)}](../guide.md#${own})`);
    for (const anchor of others) expect(doc, anchor).toContain(`[${guideLabel(anchor)}](../guide.md#${anchor})`);
  });

  it('documents each of its options, or says it has none', () => {
    const doc = readRuleDoc(id);
    if (!hasOptions(rule.meta.schema)) {
      expect(doc).toContain('This rule has no options.');
      return;
    }
    expect(doc).toMatch(/^## Options$/m);
    for (const option of optionNames(rule.meta.schema)) expect(doc, `option ${option}`).toContain(`\`${option}\``);
  });

  it('ends every message with its guide label, once', () => {
    const messages = Object.entries(rule.meta.messages);
    expect(messages.length).toBeGreaterThan(0);
    for (const [messageId, text] of messages) {
      const suffix = ` (guide: ${guideLabel(guideOfMessage(docs, messageId))})`;
      expect(text.endsWith(suffix), `${messageId}: ${text}`).toBe(true);
      expect(text.indexOf('(guide:'), `${messageId} names the guide twice: ${text}`).toBe(text.lastIndexOf('(guide:'));
      expect(text.slice(0, -suffix.length).trim(), `${messageId} is empty`).not.toBe('');
    }
  });

  it('declares its preset level, if any, as recommended or strict', () => {
    expect([undefined, 'recommended', 'strict']).toContain(docs.recommended);
  });

  it('has a schema, and meta.defaultOptions exactly when the schema takes options', () => {
    expect(rule.meta.schema).toBeDefined();
    expect(rule.meta.defaultOptions !== undefined, 'meta.defaultOptions present').toBe(hasOptions(rule.meta.schema));
    // Options are declared in meta; the legacy top-level defaultOptions stays unused.
    expect(rule.defaultOptions).toBeUndefined();
  });
});

describe('configs', () => {
  const recommended = idsWhere((docs) => docs.recommended === 'recommended' && !docs.requiresTypeChecking);
  const recommendedTyped = idsWhere((docs) => docs.recommended === 'recommended');
  const strict = idsWhere((docs) => docs.recommended !== undefined && !docs.requiresTypeChecking);
  const strictTyped = idsWhere((docs) => docs.recommended !== undefined);

  it('are exactly the five presets', () => {
    expect(Object.keys(configs).sort()).toEqual(
      ['all', 'recommended', 'recommended-type-checked', 'strict', 'strict-type-checked'].sort(),
    );
  });

  it.each(Object.keys(configs))('%s is named, registers the plugin and only refers to existing rules', (name) => {
    const config = configs[name];
    expect(config.name).toBe(`${PREFIX}/${name}`);
    expect(config.plugins?.[PREFIX]).toBe(plugin);
    for (const key of Object.keys(config.rules ?? {})) {
      expect(key.startsWith(`${PREFIX}/`), key).toBe(true);
      expect(ruleIds, key).toContain(key.slice(PREFIX.length + 1));
    }
  });

  it('recommended has exactly the recommended rules that need no type information', () => {
    expect(configRuleIds(configs.recommended)).toEqual(recommended);
    expect(configs.recommended.languageOptions?.parserOptions?.projectService).toBeUndefined();
  });

  it('recommended-type-checked has every recommended rule and turns on the project service', () => {
    expect(configRuleIds(configs['recommended-type-checked'])).toEqual(recommendedTyped);
    expect(configs['recommended-type-checked'].languageOptions?.parserOptions?.projectService).toBe(true);
  });

  it('strict contains recommended, strict-type-checked contains recommended-type-checked', () => {
    expect(configRuleIds(configs.strict)).toEqual(strict);
    expect(configRuleIds(configs.strict)).toEqual(expect.arrayContaining(configRuleIds(configs.recommended)));
    expect(configs.strict.languageOptions?.parserOptions?.projectService).toBeUndefined();
    expect(configRuleIds(configs['strict-type-checked'])).toEqual(strictTyped);
    expect(configRuleIds(configs['strict-type-checked'])).toEqual(
      expect.arrayContaining(configRuleIds(configs['recommended-type-checked'])),
    );
    expect(configs['strict-type-checked'].languageOptions?.parserOptions?.projectService).toBe(true);
  });

  it('all has every rule, with type information', () => {
    expect(configRuleIds(configs.all)).toEqual(ruleIds);
    expect(configs.all.languageOptions?.parserOptions?.projectService).toBe(true);
  });
});

describe('plugin meta', () => {
  it('matches package.json', () => {
    expect(plugin.meta.name).toBe(packageJson.name);
    expect(plugin.meta.version).toBe(packageJson.version);
    expect(plugin.meta.namespace).toBe(PREFIX);
  });
});

import type { TSESLint } from '@typescript-eslint/utils';
import type { BackendPerfDocs } from './create-rule';

type AnyRule = { meta: { docs?: BackendPerfDocs } };

/** Which preset levels include a rule: `strict` contains everything `recommended` does. */
const PRESET_LEVELS = {
  recommended: ['recommended'],
  strict: ['recommended', 'strict'],
} as const;

function ruleEntries(
  rules: Record<string, AnyRule>,
  include: (docs: BackendPerfDocs) => boolean,
): Record<string, TSESLint.SharedConfig.RuleEntry> {
  const entries: Record<string, TSESLint.SharedConfig.RuleEntry> = {};
  for (const [name, rule] of Object.entries(rules)) {
    const docs = rule.meta.docs;
    if (docs && include(docs)) entries[`backend-perf/${name}`] = 'warn';
  }
  return entries;
}

/**
 * The flat configs, all derived from rule metadata:
 * - recommended: rules marked recommended that need no type information;
 * - recommended-type-checked: recommended rules, with type information switched on;
 * - strict / strict-type-checked: recommended plus the opinionated rules, without / with type information;
 * - all: every rule, type information on.
 */
/** Files the presets lint: TypeScript and JavaScript sources; typed presets only what a tsconfig can cover. */
export const SOURCE_FILES = ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'];
export const TYPED_SOURCE_FILES = ['**/*.{ts,tsx,mts,cts}'];

export function buildConfigs(plugin: TSESLint.FlatConfig.Plugin, rules: Record<string, AnyRule>) {
  const inPreset = (level: keyof typeof PRESET_LEVELS) => (docs: BackendPerfDocs) =>
    docs.recommended !== undefined && (PRESET_LEVELS[level] as readonly string[]).includes(docs.recommended);
  const typeInformation: TSESLint.FlatConfig.LanguageOptions = {
    parserOptions: { projectService: true },
  };
  const config = (
    name: string,
    include: (docs: BackendPerfDocs) => boolean,
    languageOptions?: TSESLint.FlatConfig.LanguageOptions,
  ): TSESLint.FlatConfig.Config => ({
    name: `backend-perf/${name}`,
    // Presets carry `files` so they lint .ts on their own; typed presets skip plain JS such as
    // eslint.config.mjs, which a tsconfig's project service would not find.
    files: languageOptions ? TYPED_SOURCE_FILES : SOURCE_FILES,
    plugins: { 'backend-perf': plugin },
    ...(languageOptions ? { languageOptions } : {}),
    rules: ruleEntries(rules, include),
  });
  return {
    recommended: config('recommended', (docs) => inPreset('recommended')(docs) && !docs.requiresTypeChecking),
    'recommended-type-checked': config('recommended-type-checked', inPreset('recommended'), typeInformation),
    strict: config('strict', (docs) => inPreset('strict')(docs) && !docs.requiresTypeChecking),
    'strict-type-checked': config('strict-type-checked', inPreset('strict'), typeInformation),
    all: config('all', () => true, typeInformation),
  };
}

// Lints the plugin's own source: typescript-eslint's recommended rules for src/ and rules/, and
// eslint-plugin-eslint-plugin's rules for rule modules. tests/self-lint.test.ts runs this config.
import { defineConfig, globalIgnores } from 'eslint/config';
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores([
    'dist/',
    'node_modules/',
    'tests/fixtures/',
    'examples/',
    'bench/.generated/',
    'test-results/',
  ]),
  {
    name: 'backend-perf/source',
    files: ['src/**/*.ts', 'rules/**/*.ts'],
    extends: [tseslint.configs.recommended],
    rules: {
      // TypeScript is an optional peer dependency, loaded lazily with require() only for typed linting.
      '@typescript-eslint/no-require-imports': ['error', { allow: ['^typescript$'] }],
      // Node types come from src/ast/node-types.ts: the package's own export is a chain of re-export getters,
      // run at every comparison in the analyses' hottest loops.
      'no-restricted-imports': [
        'error',
        { paths: [{ name: '@typescript-eslint/utils', importNames: ['AST_NODE_TYPES'], message: 'Import AST_NODE_TYPES from src/ast/node-types.ts.' }] },
      ],
    },
  },
  {
    name: 'backend-perf/node-types',
    files: ['src/ast/node-types.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    name: 'backend-perf/rule-modules',
    files: ['rules/**/*.ts'],
    extends: [eslintPlugin.configs['rules-recommended']],
    rules: {
      // Reports are built from messageIds with `data`, never from interpolated strings.
      'eslint-plugin/prefer-placeholders': 'error',
      // Descriptions become doc titles and README rows; keep them imperative ("Disallow …", "Require …").
      'eslint-plugin/require-meta-docs-description': ['warn', { pattern: '^([Dd]isallow|[Rr]equire|[Ee]nforce|[Pp]refer)\\b' }],
    },
  },
);

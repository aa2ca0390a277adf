// Lints the example service with the plugin's type-checked preset, the way a project would adopt it.
// `eslint-plugin-backend-perf` resolves to this repository's build (dist/) through package self-reference,
// so run `npm run build` first.
import backendPerf from 'eslint-plugin-backend-perf';
import tseslint from 'typescript-eslint';

export default [
  {
    files: ['**/*.ts'],
    ...backendPerf.configs['recommended-type-checked'],
  },
  {
    files: ['**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
];

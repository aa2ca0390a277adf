import type { TSESLint } from '@typescript-eslint/utils';
import { buildConfigs } from './configs';
import { PACKAGE_JSON } from './guide/links';
import { rules } from './rules';

const plugin = {
  meta: { name: PACKAGE_JSON.name, version: PACKAGE_JSON.version, namespace: 'backend-perf' },
  rules,
  configs: {} as ReturnType<typeof buildConfigs>,
};
plugin.configs = buildConfigs(plugin as unknown as TSESLint.FlatConfig.Plugin, rules);

export = plugin;

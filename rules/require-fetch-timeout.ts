import { createRule } from '../src/create-rule';

// Placeholder, replaced by the real rule.
export default createRule({
  name: 'require-fetch-timeout',
  meta: {
    type: 'suggestion',
    docs: { description: 'TODO', guide: 'timeouts', recommended: 'recommended' },
    schema: [],
    messages: { todo: 'TODO' },
  },
  create() {
    return {};
  },
});

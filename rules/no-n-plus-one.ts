import { createRule } from '../src/create-rule';

// Placeholder, replaced by the real rule.
export default createRule({
  name: 'no-n-plus-one',
  meta: {
    type: 'suggestion',
    docs: { description: 'TODO', guide: 'n-plus-one-queries', recommended: 'recommended' },
    schema: [],
    messages: { todo: 'TODO' },
  },
  create() {
    return {};
  },
});

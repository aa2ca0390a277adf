import { createRule } from '../src/create-rule';

// Placeholder, replaced by the real rule.
export default createRule({
  name: 'no-select-star',
  meta: {
    type: 'suggestion',
    docs: { description: 'TODO', guide: 'select-only-needed-columns', recommended: 'recommended' },
    schema: [],
    messages: { todo: 'TODO' },
  },
  create() {
    return {};
  },
});

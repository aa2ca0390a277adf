import { createRule } from '../src/create-rule';

// Placeholder, replaced by the real rule.
export default createRule({
  name: 'no-sync-logging',
  meta: {
    type: 'suggestion',
    docs: { description: 'TODO', guide: 'asynchronous-logging', recommended: 'recommended' },
    schema: [],
    messages: { todo: 'TODO' },
  },
  create() {
    return {};
  },
});

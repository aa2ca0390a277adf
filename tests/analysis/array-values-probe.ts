import { ESLintUtils, type TSESTree } from '@typescript-eslint/utils';
import { getArrayValues } from '../../src/analysis/array-values';

/** A probe rule: every `probe(x)` reports what the array analysis says `x` is; unknown values are not reported. */
export const arrayValuesProbe = ESLintUtils.RuleCreator.withoutDocs({
  meta: { type: 'problem', schema: [], messages: { kind: '{{kind}}' } },
  create(context) {
    const arrays = getArrayValues(context);
    return {
      'CallExpression[callee.name="probe"]'(node: TSESTree.CallExpression) {
        const argument = node.arguments[0];
        const kind = argument && arrays.classify(argument);
        if (kind) context.report({ node, messageId: 'kind', data: { kind } });
      },
    };
  },
});

/** The probe's report for one kind. */
export const is = (kind: 'fixed' | 'array' | 'other') => ({ errors: [{ messageId: 'kind' as const, data: { kind } }] });

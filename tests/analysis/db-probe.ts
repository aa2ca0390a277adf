import { ESLintUtils, type TSESTree } from '@typescript-eslint/utils';
import { getDbOperations } from '../../src/analysis/db-operations';

/**
 * A probe rule that reports what the database analysis makes of each call and tagged template, as
 * `library:kind:method:target:evidence:batched`, so its behaviour is pinned by plain rule tests.
 */
export const dbProbe = ESLintUtils.RuleCreator.withoutDocs({
  meta: { type: 'problem', schema: [], messages: { op: '{{op}}' } },
  create(context) {
    const analyzer = getDbOperations(context);
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const op = analyzer.classify(node);
        if (op) {
          context.report({ node, messageId: 'op', data: { op: `${op.library}:${op.kind}:${op.method}:${op.target ?? ''}:${op.evidence}:${op.isBatched}` } });
        }
      },
      TaggedTemplateExpression(node: TSESTree.TaggedTemplateExpression) {
        const op = analyzer.classifyTaggedTemplate(node);
        if (op) context.report({ node, messageId: 'op', data: { op: `${op.library}:${op.kind}:${op.method}::${op.evidence}:${op.isBatched}` } });
      },
    };
  },
});

/** Test-case helper: code reporting exactly the listed operations, in source order. */
export function ops(code: string, ...expected: string[]) {
  return { code, errors: expected.map((op) => ({ messageId: 'op' as const, data: { op } })) };
}

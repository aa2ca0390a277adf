import { ESLintUtils, type TSESTree } from '@typescript-eslint/utils';
import { getRequestPath } from '../../src/analysis/request-path';

/** A probe rule that reports where each `here()` call runs (`on:handler`, `off:startup`), so the request-path analysis is pinned by plain rule tests. */
export const requestPathProbe = ESLintUtils.RuleCreator.withoutDocs<[{ scripts?: string[] }], 'where'>({
  meta: {
    type: 'problem',
    schema: [{ type: 'object', properties: { scripts: { type: 'array', items: { type: 'string' } } }, additionalProperties: false }],
    messages: { where: '{{where}}' },
    defaultOptions: [{}],
  },
  create(context, [options]) {
    const requestPath = getRequestPath(context, options);
    return {
      'CallExpression[callee.name="here"]'(node: TSESTree.CallExpression) {
        const { onRequestPath, reason } = requestPath.classify(node);
        context.report({ node, messageId: 'where', data: { where: `${onRequestPath ? 'on' : 'off'}:${reason}` } });
      },
    };
  },
});

import { parseForESLint } from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { oneLineText } from '../../src/ast/source-text';

/** The text of the first statement's expression, through a minimal SourceCode (only getText is read). */
function quote(code: string): string {
  const { ast } = parseForESLint(code, { range: true });
  const statement = ast.body[0] as TSESTree.ExpressionStatement;
  const sourceCode = { getText: (node: TSESTree.Node) => code.slice(node.range[0], node.range[1]) } as unknown as TSESLint.SourceCode;
  return oneLineText(sourceCode, statement.expression);
}

describe('oneLineText', () => {
  it('joins a method chain split over lines', () => {
    expect(quote('axios\n      .post')).toBe('axios.post');
    expect(quote('this.client\r\n  ?.get')).toBe('this.client?.get');
  });

  it('turns other line breaks into one space, and none next to brackets', () => {
    expect(quote('call(\n  a,\n  b\n)')).toBe('call(a, b)');
    expect(quote('[\n  1,\n  2,\n]')).toBe('[1, 2,]');
    expect(quote('a &&\n    b')).toBe('a && b');
    expect(quote('ok\n  ? a\n  : b')).toBe('ok ? a : b');
  });

  it('keeps text with comments or template literals as written', () => {
    expect(quote('axios // the shared client\n  .post')).toBe('axios // the shared client\n  .post');
    expect(quote('axios /* shared */\n  .post')).toBe('axios /* shared */\n  .post');
    expect(quote('`a\nb`')).toBe('`a\nb`');
  });

  it('leaves one-line text alone', () => {
    expect(quote('this.http.get')).toBe('this.http.get');
  });
});

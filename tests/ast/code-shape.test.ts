import { parseForESLint } from '@typescript-eslint/parser';
import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { enclosingFunction, isFunction, isInlineCallback, type FunctionNode } from '../../src/ast/code-shape';

/** The functions of `code`, in source order, with parents set. */
function functionsOf(code: string): FunctionNode[] {
  const { ast, visitorKeys } = parseForESLint(code, { range: true });
  const found: FunctionNode[] = [];
  const visit = (node: TSESTree.Node, parent: TSESTree.Node | undefined): void => {
    (node as { parent?: TSESTree.Node }).parent = parent;
    if (isFunction(node)) found.push(node);
    for (const key of visitorKeys[node.type] ?? []) {
      const value = (node as unknown as Record<string, unknown>)[key];
      for (const child of Array.isArray(value) ? value : [value]) if (child && typeof (child as TSESTree.Node).type === 'string') visit(child as TSESTree.Node, node);
    }
  };
  visit(ast, undefined);
  return found;
}

describe('isInlineCallback', () => {
  it('is true for a function written as an argument of a call or of new', () => {
    expect(functionsOf('items.map((item) => item.id);').map(isInlineCallback)).toEqual([true]);
    expect(functionsOf('new Promise(function (resolve) { resolve(1); });').map(isInlineCallback)).toEqual([true]);
    expect(functionsOf('run(((done) => done()) as Task);').map(isInlineCallback)).toEqual([true]);
    expect(functionsOf('run(((done) => done()) satisfies Task);').map(isInlineCallback)).toEqual([true]);
  });

  it('is false for a callee, a declaration, a returned or assigned function', () => {
    expect(functionsOf('(() => 1)();').map(isInlineCallback)).toEqual([false]);
    expect(functionsOf('function load() {}').map(isInlineCallback)).toEqual([false]);
    expect(functionsOf('const load = () => fetch(url);').map(isInlineCallback)).toEqual([false]);
    expect(functionsOf('function make() { return () => 1; }').map(isInlineCallback)).toEqual([false, false]);
    expect(functionsOf('handler.onDone = (x) => x;').map(isInlineCallback)).toEqual([false]);
  });

  it('looks only at the function itself, not at calls around its enclosing function', () => {
    const [outer, inner] = functionsOf('app.get("/", (req, res) => { const send = () => res.end(); send(); });');
    expect(isInlineCallback(outer)).toBe(true);
    expect(isInlineCallback(inner)).toBe(false);
    expect(enclosingFunction(inner)).toBe(outer);
  });
});

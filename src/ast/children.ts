/**
 * The child nodes of an AST node, by the parser's visitor keys (never `parent`, never tokens or comments):
 * the one way the analyses' explicit-stack walks step down the tree.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

type VisitorKeys = Readonly<TSESLint.SourceCode>['visitorKeys'] | Readonly<Record<string, readonly string[] | undefined>>;

/** A value held under a visitor key is a node (not `null`, not a missing optional child). */
export function isAstNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** Appends the children of `node` to `into`, in source order. */
export function pushChildNodes(node: TSESTree.Node, visitorKeys: VisitorKeys, into: TSESTree.Node[]): void {
  for (const key of (visitorKeys as Readonly<Record<string, readonly string[] | undefined>>)[node.type] ?? []) {
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isAstNode(item)) into.push(item);
    } else if (isAstNode(value)) {
      into.push(value);
    }
  }
}

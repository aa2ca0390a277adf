/** Small AST helpers about expressions, shared by every analysis: what a value is once TypeScript's wrappers are peeled off. */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';

/** Skips TypeScript-only wrappers and optional chains around an expression: `(db as any)`, `db!`, `x satisfies T`, `a?.b`. */
export function skipExpressionWrappers(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.TSInstantiationExpression:
        current = current.expression;
        break;
      case AST_NODE_TYPES.ChainExpression:
        current = current.expression;
        break;
      default:
        return current;
    }
  }
}

/**
 * An array literal without spreads (`[]`, `[a, b]`), or a choice between such literals (`same ? [email] : [email, lower]`,
 * `a ?? [x]` only when `a` is one too): a list whose length the code fixes, whichever branch runs.
 */
export function isFixedListLiteral(node: TSESTree.Node, depth = 0): boolean {
  const value = skipExpressionWrappers(node);
  if (value.type === AST_NODE_TYPES.ArrayExpression) return value.elements.every((element) => element?.type !== AST_NODE_TYPES.SpreadElement);
  if (depth >= 4) return false;
  if (value.type === AST_NODE_TYPES.ConditionalExpression) return isFixedListLiteral(value.consequent, depth + 1) && isFixedListLiteral(value.alternate, depth + 1);
  if (value.type === AST_NODE_TYPES.LogicalExpression && value.operator !== '&&') return isFixedListLiteral(value.left, depth + 1) && isFixedListLiteral(value.right, depth + 1);
  return false;
}

/** `null` or `undefined` (through wrappers such as `as` and `!`). */
export function isNullishValue(node: TSESTree.Node): boolean {
  const value = skipExpressionWrappers(node);
  return (value.type === AST_NODE_TYPES.Literal && value.value === null) || (value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined');
}

/** A value whose spread adds no property: `{}`, `undefined`, `null`, `false`, `''`, `0`. */
export function addsNoProperties(value: TSESTree.Node): boolean {
  if (value.type === AST_NODE_TYPES.ObjectExpression) return value.properties.length === 0;
  if (value.type === AST_NODE_TYPES.Identifier) return value.name === 'undefined';
  return value.type === AST_NODE_TYPES.Literal && !value.value;
}

/**
 * What a spread of a choice may add (`...(a ? b : c)`, `...(cond && b)`, `...(a ?? b)`): the values it may spread, and
 * whether it may also spread nothing (`cond && …` when `cond` is falsy). Undefined for a value that is no choice.
 */
export function spreadAlternatives(value: TSESTree.Node): { alternatives: TSESTree.Expression[]; mayAddNothing: boolean } | undefined {
  if (value.type === AST_NODE_TYPES.ConditionalExpression) return { alternatives: [value.consequent, value.alternate], mayAddNothing: false };
  if (value.type !== AST_NODE_TYPES.LogicalExpression) return undefined;
  return value.operator === '&&' ? { alternatives: [value.right], mayAddNothing: true } : { alternatives: [value.left, value.right], mayAddNothing: false };
}

/** The nearest ancestor that is not a TypeScript-only wrapper or optional-chain container of `node`. */
export function parentSkippingWrappers(node: TSESTree.Node): { child: TSESTree.Node; parent: TSESTree.Node | undefined } {
  let child = node;
  let parent = node.parent;
  while (
    parent &&
    (parent.type === AST_NODE_TYPES.TSAsExpression ||
      parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
      parent.type === AST_NODE_TYPES.TSTypeAssertion ||
      parent.type === AST_NODE_TYPES.ChainExpression)
  ) {
    child = parent;
    parent = parent.parent;
  }
  return { child, parent };
}

/** `Promise.all`, `allSettled`, `race`, `any`: the combinators that start every promise they are given. */
export const PROMISE_COMBINATORS: ReadonlySet<string> = new Set(['all', 'allSettled', 'race', 'any']);

/** `then`, `catch`, `finally`: a promise's continuations, whose callbacks run when it settles. */
export const PROMISE_CONTINUATIONS: ReadonlySet<string> = new Set(['then', 'catch', 'finally']);

/** The name of a member access when it is static: `a.b`, `a['b']`, `a.#b`; numeric indexes as their digits. */
export function memberName(node: TSESTree.MemberExpression): string | undefined {
  if (!node.computed) {
    return node.property.type === AST_NODE_TYPES.PrivateIdentifier ? `#${node.property.name}` : (node.property as TSESTree.Identifier).name;
  }
  if (node.property.type === AST_NODE_TYPES.Literal && (typeof node.property.value === 'string' || typeof node.property.value === 'number')) {
    return String(node.property.value);
  }
  return undefined;
}

/** The name an expression ends in: `fetch` of `fetch`, `send` of `client.send`; undefined for anything else. */
export function trailingName(node: TSESTree.Node): string | undefined {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name;
  return node.type === AST_NODE_TYPES.MemberExpression ? memberName(node) : undefined;
}

/** A literal of exactly this value, as written (`0`, `false`). */
export function isLiteralValue(node: TSESTree.Node, value: string | number | boolean | null): boolean {
  return node.type === AST_NODE_TYPES.Literal && node.value === value;
}

/** How a string starts as written: a string literal's value, or a template's text before its first `${…}`. */
export function stringHead(node: TSESTree.Node | undefined): string | undefined {
  if (node?.type === AST_NODE_TYPES.Literal) return typeof node.value === 'string' ? node.value : undefined;
  if (node?.type === AST_NODE_TYPES.TemplateLiteral) return node.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

const MAX_CHAIN_STEPS = 64;

/** The identifier a chain of calls and members starts from: `db` in `db.select().from(t).where(c)` or in `db.models.Robot`. */
export function chainRoot(node: TSESTree.Node): TSESTree.Identifier | undefined {
  let current: TSESTree.Node = node;
  for (let step = 0; step < MAX_CHAIN_STEPS; step++) {
    current = skipExpressionWrappers(current);
    if (current.type === AST_NODE_TYPES.Identifier) return current;
    if (current.type === AST_NODE_TYPES.CallExpression) current = current.callee;
    else if (current.type === AST_NODE_TYPES.MemberExpression) current = current.object;
    else return undefined;
  }
  return undefined;
}

/** A property's key as a name: `a`, `'a'` (not computed keys, numbers or private names). */
export function propertyKeyName(property: TSESTree.Property): string | undefined {
  if (!property.computed && property.key.type === AST_NODE_TYPES.Identifier) return property.key.name;
  return property.key.type === AST_NODE_TYPES.Literal && typeof property.key.value === 'string' ? property.key.value : undefined;
}

/** `['this', 'client']`, `['globalThis', 'prisma']`, `['pools', '*']` for `pools[id]`; undefined for other shapes. */
export function memberPath(node: TSESTree.Node): string[] | undefined {
  const path: string[] = [];
  let current = skipExpressionWrappers(node);
  for (let depth = 0; depth < 16; depth++) {
    if (current.type === AST_NODE_TYPES.MemberExpression) {
      path.unshift(memberName(current) ?? '*');
      current = skipExpressionWrappers(current.object);
      continue;
    }
    if (current.type === AST_NODE_TYPES.Identifier) return [current.name, ...path];
    if (current.type === AST_NODE_TYPES.ThisExpression) return ['this', ...path];
    return undefined;
  }
  return undefined;
}

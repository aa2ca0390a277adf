/**
 * Which code runs once per element of a collection. CONTRACT STUB: the implementation is being written.
 */
import type { TSESTree } from '@typescript-eslint/utils';

export type PerElementKind = 'for-of' | 'for-in' | 'for' | 'while' | 'do-while' | 'callback';

export interface PerElementScope {
  kind: PerElementKind;
  /** The loop statement, or the iteration call (`items.map(...)`). */
  node: TSESTree.Node;
  /** The iterated collection (`items` in `for (const x of items)` / `items.map(...)`), when there is one. */
  collection?: TSESTree.Node;
  /** Source text naming the collection, for messages ("for each element of `orders`"). */
  collectionText: string;
  /** Array method for callbacks: map, forEach, flatMap, reduce, filter, some, every, find, … */
  method?: string;
  /** The callbacks run concurrently, e.g. `Promise.all(items.map(async (x) => …))`. */
  concurrent: boolean;
}

/**
 * The innermost enclosing loop or iteration callback in which `node` runs once per element, looking no
 * further out than the enclosing non-callback function. Pagination loops, chunk loops (one statement per
 * chunk), retry loops, loops over small literal arrays and `for await` over cursors are not per element.
 */
export function getPerElementScope(node: TSESTree.Node): PerElementScope | undefined {
  void node;
  return undefined;
}

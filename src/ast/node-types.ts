import { AST_NODE_TYPES as NODE_TYPES, AST_TOKEN_TYPES as TOKEN_TYPES } from '@typescript-eslint/utils';

/**
 * typescript-eslint's node type names, as a plain value. Imported from `@typescript-eslint/utils`, every
 * `AST_NODE_TYPES.X` in compiled code runs three re-export getters (utils → types → ast-spec) before it reads
 * the enum, and the analyses compare node types in their hottest loops. Same object, same types.
 */
export const AST_NODE_TYPES: typeof NODE_TYPES = NODE_TYPES;

/** The token type names, likewise. */
export const AST_TOKEN_TYPES: typeof TOKEN_TYPES = TOKEN_TYPES;

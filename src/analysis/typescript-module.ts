import type * as ts from 'typescript';

let typescriptModule: typeof ts | undefined;

/**
 * The TypeScript module, loaded at the first call: only analyses running with type information call it,
 * so users who lint without types need not install TypeScript.
 */
export function typescript(): typeof ts {
  typescriptModule ??= require('typescript') as typeof ts;
  return typescriptModule;
}

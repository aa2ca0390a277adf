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

/** The symbol the checker finds at `node`; for an import or a re-export, the symbol it stands for. */
export function symbolAtLocation(checker: ts.TypeChecker, node: ts.Node | undefined): ts.Symbol | undefined {
  const symbol = node && checker.getSymbolAtLocation(node);
  return symbol && symbol.flags & typescript().SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
}

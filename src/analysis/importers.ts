/**
 * Which files of a TypeScript program import an export of a file: `importsOf(file, name)` follows
 * `import { name }`, default and namespace imports, `import x = require()`, and re-exports through barrel
 * files (`export * from`, `export { name as other } from`) to the files that finally import it.
 *
 * Used with type information only, to ask where a function exported from the linted file is used from
 * (the request-path analysis: a helper imported only by CLI scripts is not on a request path). The index
 * is built once per program from import and export declarations alone (no function bodies are read) and
 * kept in a WeakMap keyed by the program, so it lives as long as the program and no longer.
 */
import type * as ts from 'typescript';
import { programResolvesModules, resolvedModuleFile } from './program-modules';
import { typescript } from './typescript-module';

export interface ImporterIndex {
  /**
   * The imports of `exportName` (`'default'` for the default export) of `fileName`, through any chain of
   * re-exports, each with its file and the local name it binds (undefined for a namespace import or
   * `import x = require()`); undefined when the answer is unsure (a chain too long to follow).
   */
  importsOf(fileName: string, exportName: string): readonly ImportOfExport[] | undefined;
}

export interface ImportOfExport {
  file: ts.SourceFile;
  localName: string | undefined;
}

/** One import or re-export of a module by another file. */
interface ModuleUse {
  file: ts.SourceFile;
  /** Imported name → local or re-exported name; `*` imports or re-exports every name. */
  names: ReadonlyMap<string, string> | '*';
  reexport: boolean;
}

const MAX_REEXPORT_HOPS = 16;

const indexes = new WeakMap<ts.Program, ImporterIndex>();

export function getImporterIndex(program: ts.Program): ImporterIndex {
  let index = indexes.get(program);
  if (!index) {
    index = buildIndex(program);
    indexes.set(program, index);
  }
  return index;
}

function buildIndex(program: ts.Program): ImporterIndex {
  const tsm = typescript();
  const checker = program.getTypeChecker();
  const usesByTarget = new Map<string, ModuleUse[]>();

  const resolvesModules = programResolvesModules(program);
  const targetOf = (specifier: ts.Expression, file: ts.SourceFile): string | undefined => {
    // The program's own module resolution first: a map lookup, where the checker would build the module's symbol.
    const resolved = tsm.isStringLiteral(specifier) ? resolvedModuleFile(program, specifier, file) : undefined;
    if (resolved !== undefined) {
      const target = program.getSourceFile(resolved);
      return target && !target.isDeclarationFile ? target.fileName : undefined;
    }
    // Unresolved by the program (`node:fs`, declared by `declare module`): no file of the program, as the checker would say.
    if (resolvesModules && tsm.isStringLiteral(specifier)) return undefined;
    const declaration = checker.getSymbolAtLocation(specifier)?.declarations?.[0];
    return declaration && tsm.isSourceFile(declaration) && !declaration.isDeclarationFile ? declaration.fileName : undefined;
  };
  const record = (specifier: ts.Expression, use: ModuleUse) => {
    const target = targetOf(specifier, use.file);
    if (!target) return;
    const uses = usesByTarget.get(target);
    if (uses) uses.push(use);
    else usesByTarget.set(target, [use]);
  };

  for (const file of program.getSourceFiles()) {
    if (file.isDeclarationFile || file.fileName.includes('/node_modules/')) continue;
    for (const statement of file.statements) {
      if (tsm.isImportDeclaration(statement)) {
        const clause = statement.importClause;
        if (!clause || clause.isTypeOnly) continue;
        const names = new Map<string, string>();
        let everything = false;
        if (clause.name) names.set('default', clause.name.text);
        const bindings = clause.namedBindings;
        if (bindings && tsm.isNamespaceImport(bindings)) everything = true;
        if (bindings && tsm.isNamedImports(bindings)) {
          for (const element of bindings.elements) {
            if (!element.isTypeOnly) names.set((element.propertyName ?? element.name).text, element.name.text);
          }
        }
        record(statement.moduleSpecifier, { file, names: everything ? '*' : names, reexport: false });
      } else if (tsm.isExportDeclaration(statement) && statement.moduleSpecifier && !statement.isTypeOnly) {
        const clause = statement.exportClause;
        if (!clause || tsm.isNamespaceExport(clause)) {
          record(statement.moduleSpecifier, { file, names: '*', reexport: !clause });
          continue;
        }
        const names = new Map<string, string>();
        for (const element of clause.elements) names.set((element.propertyName ?? element.name).text, element.name.text);
        record(statement.moduleSpecifier, { file, names, reexport: true });
      } else if (tsm.isImportEqualsDeclaration(statement) && tsm.isExternalModuleReference(statement.moduleReference)) {
        record(statement.moduleReference.expression, { file, names: '*', reexport: false });
      }
    }
  }

  const importsOf = (fileName: string, exportName: string): ImportOfExport[] | undefined => {
    const found: ImportOfExport[] = [];
    const seen = new Set<string>();
    let unsure = false;
    const visit = (target: string, name: string, hops: number) => {
      const key = `${target}\0${name}`;
      if (seen.has(key)) return;
      seen.add(key);
      if (hops > MAX_REEXPORT_HOPS) {
        unsure = true;
        return;
      }
      for (const use of usesByTarget.get(target) ?? []) {
        if (use.names !== '*' && !use.names.has(name)) continue;
        // `export * from` passes every name but the default one through under its own name.
        if (use.reexport) {
          if (use.names === '*' && name === 'default') continue;
          visit(use.file.fileName, use.names === '*' ? name : use.names.get(name)!, hops + 1);
        } else {
          found.push({ file: use.file, localName: use.names === '*' ? undefined : use.names.get(name) });
        }
      }
    };
    visit(fileName, exportName, 0);
    return unsure ? undefined : found;
  };
  return { importsOf };
}

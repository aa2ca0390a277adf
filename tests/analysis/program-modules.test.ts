import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { answerAboutExport, resolvedModuleFile } from '../../src/analysis/program-modules';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/typed/cross-file');
const program = ts.createProgram([path.join(FIXTURES, 'orders.service.ts'), path.join(FIXTURES, 'routes.ts')], {
  strict: true,
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  skipLibCheck: true,
  noEmit: true,
});

/** The module specifiers of a fixture file's imports. */
function importsOf(fileName: string): { file: ts.SourceFile; specifier: ts.StringLiteral }[] {
  const file = program.getSourceFile(path.join(FIXTURES, fileName))!;
  return file.statements.filter(ts.isImportDeclaration).map((statement) => ({ file, specifier: statement.moduleSpecifier as ts.StringLiteral }));
}

describe('resolvedModuleFile', () => {
  it('resolves a relative import to the project file, and a package to its declarations', () => {
    const resolved = importsOf('orders.service.ts').map(({ file, specifier }) => [specifier.text, resolvedModuleFile(program, specifier, file)]);
    for (const [specifier, fileName] of resolved) {
      expect(fileName, specifier).toBeDefined();
      if (specifier!.startsWith('.')) expect(fileName).toBe(path.join(FIXTURES, `${specifier!.replace(/^\.\//, '')}.ts`));
    }
  });
});

describe('answerAboutExport', () => {
  it('computes an answer once per export of the program, whichever file asks', () => {
    const asks = [...importsOf('orders.service.ts'), ...importsOf('routes.ts')].filter(({ specifier }) => specifier.text.startsWith('.'));
    expect(asks.length).toBeGreaterThan(1);
    let computed = 0;
    const answers = asks.map(({ file, specifier }) => answerAboutExport(program, 'test question', specifier, file, 'someExport', () => ++computed));
    const distinctModules = new Set(asks.map(({ file, specifier }) => resolvedModuleFile(program, specifier, file)));
    expect(computed).toBe(distinctModules.size);
    // Asked again about the same exports: every answer comes from the cache.
    const again = asks.map(({ file, specifier }) => answerAboutExport(program, 'test question', specifier, file, 'someExport', () => ++computed));
    expect(again).toEqual(answers);
    expect(computed).toBe(distinctModules.size);
  });

  it('answers for the import alone when its module does not resolve', () => {
    const file = ts.createSourceFile('/virtual/a.ts', "import { x } from './missing';", ts.ScriptTarget.ES2022, true);
    const specifier = (file.statements[0] as ts.ImportDeclaration).moduleSpecifier as ts.StringLiteral;
    let computed = 0;
    answerAboutExport(program, 'test question', specifier, file, 'x', () => ++computed);
    answerAboutExport(program, 'test question', specifier, file, 'x', () => ++computed);
    expect(computed).toBe(2);
  });
});

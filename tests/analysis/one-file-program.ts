import ts from 'typescript';

const FILE = '/virtual/main.ts';

/** A TypeScript program of one in-memory file (with the default libraries): its checker and its source file. */
export function compileOneFile(code: string): { checker: ts.TypeChecker; file: ts.SourceFile } {
  const options: ts.CompilerOptions = { strict: true, target: ts.ScriptTarget.ES2022, noEmit: true, skipLibCheck: true };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, language) => (fileName === FILE ? ts.createSourceFile(FILE, code, language, true) : getSourceFile(fileName, language));
  host.fileExists = ((exists) => (fileName: string) => fileName === FILE || exists(fileName))(host.fileExists.bind(host));
  const program = ts.createProgram([FILE], options, host);
  return { checker: program.getTypeChecker(), file: program.getSourceFile(FILE)! };
}

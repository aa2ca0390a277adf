/**
 * With type information: answers about the exports of a project's modules, asked once per program instead
 * of once per importing file. Many files import the same export (`import { db } from '../../shared/db'`);
 * the checker resolves every import site anew, while the program already knows which file each module
 * specifier resolves to. Answers are kept in a WeakMap keyed by the program: they live as long as the program
 * and are a function of it alone, so nothing carries from one linted file to the next that the program does
 * not already hold (ESLint's --cache and --concurrency see the same results as without it).
 */
import { findVariable } from '@eslint-community/eslint-utils';
import type { ParserServicesWithTypeInformation, TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast/node-types';
import type * as ts from 'typescript';
import { importedName } from './modules';
import { typescript } from './typescript-module';

/** `Program#getResolvedModuleFromModuleSpecifier`: public at run time since TypeScript 5.3, not in its typings. */
type ResolvingProgram = ts.Program & {
  getResolvedModuleFromModuleSpecifier?: (specifier: ts.StringLiteralLike, file?: ts.SourceFile) => { resolvedModule?: { resolvedFileName: string } } | undefined;
};

/**
 * Per program and specifier node, what it resolved to: one import is asked about at each use of its bindings,
 * and the program's lookup is not free. Keyed by the program too: a new program (an editor's, after an edit)
 * reuses the source files that did not change, while what their imports resolve to may have.
 */
const resolvedByProgram = new WeakMap<ts.Program, WeakMap<ts.Node, string | null>>();

/**
 * The program can say what its module specifiers resolve to (TypeScript ≥ 5.3). Then a specifier it left unresolved
 * (a `node:` built-in declared by `declare module`, a package without types) is one the checker cannot take to a file
 * of the program either: it reads the same resolutions.
 */
export function programResolvesModules(program: ts.Program): boolean {
  return typeof (program as ResolvingProgram).getResolvedModuleFromModuleSpecifier === 'function';
}

/** The file a module specifier of `file` resolves to, as the program resolved it; undefined when unknown (or TypeScript < 5.3). */
export function resolvedModuleFile(program: ts.Program, specifier: ts.StringLiteralLike, file: ts.SourceFile): string | undefined {
  let resolvedBySpecifier = resolvedByProgram.get(program);
  if (!resolvedBySpecifier) {
    resolvedBySpecifier = new WeakMap();
    resolvedByProgram.set(program, resolvedBySpecifier);
  }
  const known = resolvedBySpecifier.get(specifier);
  if (known !== undefined) return known ?? undefined;
  const resolve = (program as ResolvingProgram).getResolvedModuleFromModuleSpecifier;
  if (typeof resolve !== 'function') return undefined;
  let resolved: string | undefined;
  try {
    resolved = resolve.call(program, specifier, file)?.resolvedModule?.resolvedFileName;
  } catch {
    resolved = undefined;
  }
  resolvedBySpecifier.set(specifier, resolved ?? null);
  return resolved;
}

const answersByProgram = new WeakMap<ts.Program, Map<string, unknown>>();
/** A program's answers stop growing here (a safety net: a real program has far fewer distinct exports). */
const MAX_ANSWERS = 50_000;

/**
 * The answer to `question` about export `exportName` of the module `specifier` (in `file`) resolves to,
 * computed by `compute` the first time any file of the program asks. When the module cannot be resolved
 * from the program, `compute` answers for this import alone.
 */
export function answerAboutExport<T>(
  program: ts.Program,
  question: string,
  specifier: ts.StringLiteralLike,
  file: ts.SourceFile,
  exportName: string,
  compute: () => T,
): T {
  const moduleFile = resolvedModuleFile(program, specifier, file);
  if (moduleFile === undefined) return compute();
  let answers = answersByProgram.get(program);
  if (!answers) {
    answers = new Map();
    answersByProgram.set(program, answers);
  }
  const key = `${question}\0${moduleFile}\0${exportName}`;
  if (answers.has(key)) return answers.get(key) as T;
  const answer = compute();
  if (answers.size < MAX_ANSWERS) answers.set(key, answer);
  return answer;
}

/**
 * `answerAboutExport` for the export an imported name reads (`import { db } from './db'`, a default or a
 * namespace import); `compute` answers alone for any other name, or an import the program cannot resolve.
 */
export function answerAboutImport<T>(
  identifier: TSESTree.Identifier,
  sourceCode: Readonly<TSESLint.SourceCode>,
  services: ParserServicesWithTypeInformation,
  question: string,
  compute: () => T,
): T {
  const variable = findVariable(sourceCode.getScope(identifier) as never, identifier as never) as TSESLint.Scope.Variable | null;
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  const declaration = definition?.parent as TSESTree.Node | null | undefined;
  if (definition?.type !== 'ImportBinding' || declaration?.type !== AST_NODE_TYPES.ImportDeclaration) return compute();
  const exportName = importedName(definition.node as TSESTree.Node);
  const specifier = services.esTreeNodeToTSNodeMap.get(declaration.source as never) as ts.Node | undefined;
  if (!specifier || !typescript().isStringLiteral(specifier)) return compute();
  return answerAboutExport(services.program, question, specifier, specifier.getSourceFile(), exportName, compute);
}

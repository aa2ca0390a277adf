/**
 * A test file by what it does, whatever its name: its top level calls a test runner's global (`describe(…)`,
 * `test(…)`, `it(…)`) with a function, as Jest, Vitest (with `globals`), Mocha and Jasmine test files do without
 * importing anything (Traduora's `formatters/resx-spec.ts`). Server code never calls an undeclared `describe` at
 * its top level.
 */
import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import { AST_NODE_TYPES } from '../ast/node-types';
import { isFunction } from '../ast/code-shape';
import { typescript } from './typescript-module';

/** Test runners' globals that register a suite or a test. */
const SUITE_GLOBALS = new Set(['describe', 'test', 'it', 'suite', 'context', 'fdescribe', 'xdescribe', 'fit', 'xit']);
/** Their variants: `describe.skip(…)`, `test.each(table)(…)`. */
const SUITE_VARIANTS = new Set(['skip', 'only', 'concurrent', 'todo', 'serial', 'each', 'sequential', 'skipIf', 'runIf']);

/** The file's top level registers a test through an undeclared test-runner global. */
export function callsTestGlobalsAtTopLevel(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const { body } = sourceCode.ast;
  for (const statement of body) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.expression.type !== AST_NODE_TYPES.CallExpression) continue;
    const call = statement.expression;
    const global = suiteGlobalOf(call.callee);
    if (global && call.arguments.some((argument) => isFunction(argument)) && !isDeclared(sourceCode, global)) return true;
  }
  return false;
}

/** `describe` in `describe(…)`, `describe.skip(…)` and `describe.each(table)(…)`. */
function suiteGlobalOf(callee: TSESTree.Node): TSESTree.Identifier | undefined {
  let current = callee;
  // `test.each(table)` returns the function that registers the tests.
  if (current.type === AST_NODE_TYPES.CallExpression) current = current.callee;
  if (current.type === AST_NODE_TYPES.MemberExpression) {
    if (current.computed || current.property.type !== AST_NODE_TYPES.Identifier || !SUITE_VARIANTS.has(current.property.name)) return undefined;
    current = current.object;
  }
  return current.type === AST_NODE_TYPES.Identifier && SUITE_GLOBALS.has(current.name) ? current : undefined;
}

/** The module declares or imports the name: then it is the module's own function, not the runner's global. */
function isDeclared(sourceCode: Readonly<TSESLint.SourceCode>, identifier: TSESTree.Identifier): boolean {
  const variable = findVariable(sourceCode.getScope(identifier) as never, identifier as never) as TSESLint.Scope.Variable | null;
  return variable !== null && variable.defs.length > 0;
}

/** The same test on another file of the program, from its TypeScript AST. */
export function programFileCallsTestGlobals(file: ts.SourceFile): boolean {
  const tsm = typescript();
  let declared: Set<string> | undefined;
  for (const statement of file.statements) {
    if (!tsm.isExpressionStatement(statement) || !tsm.isCallExpression(statement.expression)) continue;
    const call = statement.expression;
    let callee: ts.Expression = call.expression;
    if (tsm.isCallExpression(callee)) callee = callee.expression;
    if (tsm.isPropertyAccessExpression(callee)) {
      if (!SUITE_VARIANTS.has(callee.name.text)) continue;
      callee = callee.expression;
    }
    if (!tsm.isIdentifier(callee) || !SUITE_GLOBALS.has(callee.text)) continue;
    if (!call.arguments.some((argument) => tsm.isArrowFunction(argument) || tsm.isFunctionExpression(argument))) continue;
    declared ??= topLevelNames(file, tsm);
    if (!declared.has(callee.text)) return true;
  }
  return false;
}

/** Names the file imports or declares at its top level. */
function topLevelNames(file: ts.SourceFile, tsm: typeof ts): Set<string> {
  const names = new Set<string>();
  for (const statement of file.statements) {
    if (tsm.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.name) names.add(clause.name.text);
      const bindings = clause?.namedBindings;
      if (bindings && tsm.isNamespaceImport(bindings)) names.add(bindings.name.text);
      else if (bindings) for (const element of bindings.elements) names.add(element.name.text);
    } else if ((tsm.isFunctionDeclaration(statement) || tsm.isClassDeclaration(statement)) && statement.name) {
      names.add(statement.name.text);
    } else if (tsm.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) if (tsm.isIdentifier(declaration.name)) names.add(declaration.name.text);
    }
  }
  return names;
}

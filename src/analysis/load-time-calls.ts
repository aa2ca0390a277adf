/**
 * Does another file of the program use an imported function only by calling it while the module loads
 * (`export const limiter = createRateLimiter(…)`, `if (!global.db) global.db = createDb();`)? Then the
 * function runs once per process, at startup, however many requests the server later serves.
 *
 * Read from the importing file's TypeScript AST by name: any other use of the name (passed as a value,
 * re-exported, called inside a function or a class) answers no, and so does a name shadowed anywhere.
 */
import type * as ts from 'typescript';
import { typescript } from './typescript-module';

/** Larger importing files are not read: the answer stays "may run anywhere". */
const MAX_FILE_LENGTH = 500_000;

export function callsOnlyAtModuleLoad(file: ts.SourceFile, localName: string): boolean {
  if (file.text.length > MAX_FILE_LENGTH || !file.text.includes(localName)) return false;
  const tsm = typescript();
  let calls = 0;
  let otherUse = false;

  const visit = (node: ts.Node, inFunction: boolean): void => {
    if (otherUse) return;
    if (tsm.isImportDeclaration(node)) return;
    if (tsm.isIdentifier(node) && node.text === localName) {
      if (isNameOfSomethingElse(node, tsm)) return;
      const parent = node.parent;
      if (!inFunction && tsm.isCallExpression(parent) && parent.expression === node) calls++;
      else otherUse = true;
      return;
    }
    const entersFunction = inFunction || tsm.isFunctionLike(node) || tsm.isClassLike(node);
    tsm.forEachChild(node, (child) => visit(child, entersFunction));
  };
  visit(file, false);
  return !otherUse && calls > 0;
}

/** `x.name`, `{ name: … }`, a method or property called `name`: the same spelling, another thing; `typeof name` in a type runs nothing. */
function isNameOfSomethingElse(node: ts.Identifier, tsm: typeof ts): boolean {
  const parent = node.parent;
  if (tsm.isTypeQueryNode(parent)) return true;
  if (tsm.isPropertyAccessExpression(parent) && parent.name === node) return true;
  if ((tsm.isPropertyAssignment(parent) || tsm.isPropertyDeclaration(parent) || tsm.isMethodDeclaration(parent) || tsm.isPropertySignature(parent) || tsm.isMethodSignature(parent)) && parent.name === node) return true;
  return tsm.isQualifiedName(parent) && parent.right === node;
}

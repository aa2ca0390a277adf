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

export function callsOnlyAtModuleLoad(file: ts.SourceFile, localName: string, isStartupName: (name: string) => boolean): boolean {
  if (file.text.length > MAX_FILE_LENGTH || !file.text.includes(localName)) return false;
  const tsm = typescript();
  let calls = 0;
  let otherUse = false;

  // `inFunction`: inside a function or class, except a top-level startup function (`export async function
  // initAuthSecrets() { secret = await getOrCreateStoredSecret(…) }`, Flowise), which runs at startup too.
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
    const entersFunction = inFunction || ((tsm.isFunctionLike(node) || tsm.isClassLike(node)) && !isTopLevelStartupFunction(node, tsm, isStartupName) && !isProviderFactory(node, tsm));
    // A class's decorators run once, when the class is defined: `@Module({ providers: [{ useFactory: … }] })`.
    const isClass = tsm.isClassLike(node);
    tsm.forEachChild(node, (child) => visit(child, isClass && tsm.isDecorator(child) ? inFunction : entersFunction));
  };
  visit(file, false);
  return !otherUse && calls > 0;
}

/** `function initX() {…}` or `const initX = async () => {…}` at the top of the module, named for startup. */
function isTopLevelStartupFunction(node: ts.Node, tsm: typeof ts, isStartupName: (name: string) => boolean): boolean {
  if (tsm.isFunctionDeclaration(node)) return node.name !== undefined && tsm.isSourceFile(node.parent) && isStartupName(node.name.text);
  if (!tsm.isArrowFunction(node) && !tsm.isFunctionExpression(node)) return false;
  const declaration = node.parent;
  return tsm.isVariableDeclaration(declaration) && declaration.initializer === node && tsm.isIdentifier(declaration.name) && tsm.isSourceFile(declaration.parent.parent.parent) && isStartupName(declaration.name.text);
}

/**
 * A NestJS provider's `useFactory` (`{ provide: DATA_SOURCE, useFactory: () => createDataSource() }`,
 * `TypeOrmModule.forRootAsync({ useFactory: … })`): Nest calls it once, while it builds the module at startup.
 */
function isProviderFactory(node: ts.Node, tsm: typeof ts): boolean {
  const parent = node.parent;
  if (tsm.isMethodDeclaration(node)) return tsm.isObjectLiteralExpression(parent) && tsm.isIdentifier(node.name) && node.name.text === 'useFactory';
  return (tsm.isArrowFunction(node) || tsm.isFunctionExpression(node)) && tsm.isPropertyAssignment(parent) && parent.initializer === node && tsm.isIdentifier(parent.name) && parent.name.text === 'useFactory';
}

/** `x.name`, `{ name: … }`, a method or property called `name`: the same spelling, another thing; `typeof name` in a type runs nothing. */
function isNameOfSomethingElse(node: ts.Identifier, tsm: typeof ts): boolean {
  const parent = node.parent;
  if (tsm.isTypeQueryNode(parent)) return true;
  if (tsm.isPropertyAccessExpression(parent) && parent.name === node) return true;
  if ((tsm.isPropertyAssignment(parent) || tsm.isPropertyDeclaration(parent) || tsm.isMethodDeclaration(parent) || tsm.isPropertySignature(parent) || tsm.isMethodSignature(parent)) && parent.name === node) return true;
  return tsm.isQualifiedName(parent) && parent.right === node;
}

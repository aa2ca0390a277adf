import type * as ts from 'typescript';
import { symbolAtLocation, typescript } from './typescript-module';

/**
 * The type of a `const` or a class property made with `new` and nothing else, read from the class it constructs:
 * `export const dataSource = new DataSource({ … })`, `const redis = new Redis(url)`, `this.pool` with
 * `private readonly pool = new Pool()` give the classes' instance types.
 *
 * Asking the checker for the type at `dataSource` checks its initializer first: the constructor's overloads and
 * every argument against them (TypeORM's options are a union of some twenty drivers' interfaces), several
 * milliseconds for the first question about each client of a program. The class alone gives the same answer
 * when it cannot differ:
 * - the name reads a `const` (through imports too), or `this.name` a class property, declared once without an
 *   annotation, whose initializer is `new C(…)` (in parentheses at most: `as` and `satisfies` change or check the
 *   type). A property assigned another value in the function that reads it could be narrowed there: a subclass
 *   from another package is rare enough to ignore;
 * - `C` is a class, not generic (no type arguments to infer) and written without type arguments.
 * Otherwise undefined: the caller asks the checker as usual.
 */
export function constructedInstanceType(checker: ts.TypeChecker, node: ts.Node): ts.Type | undefined {
  const tsm = typescript();
  const isThisMember = tsm.isPropertyAccessExpression(node) && node.expression.kind === tsm.SyntaxKind.ThisKeyword;
  if (!tsm.isIdentifier(node) && !isThisMember) return undefined;
  const declarations = symbolAtLocation(checker, node)?.getDeclarations();
  const declaration = declarations?.length === 1 ? declarations[0] : undefined;
  if (!declaration || !declaresOnceWithoutAnnotation(declaration, isThisMember) || !declaration.initializer) return undefined;
  let initializer: ts.Expression = declaration.initializer;
  while (tsm.isParenthesizedExpression(initializer)) initializer = initializer.expression;
  if (!tsm.isNewExpression(initializer) || initializer.typeArguments) return undefined;
  const classSymbol = symbolAtLocation(checker, initializer.expression);
  if (!classSymbol || !(classSymbol.flags & tsm.SymbolFlags.Class)) return undefined;
  const classDeclarations = classSymbol.getDeclarations() ?? [];
  // A class merged with an interface or a namespace is still one class; any type parameter calls for inference.
  if (!classDeclarations.some((node) => tsm.isClassDeclaration(node) || tsm.isClassExpression(node))) return undefined;
  if (classDeclarations.some((node) => (tsm.isClassLike(node) || tsm.isInterfaceDeclaration(node)) && node.typeParameters)) return undefined;
  return checker.getDeclaredTypeOfSymbol(classSymbol);
}

/** A `const` of a single name, or a class property (a read of `this.x`), neither annotated nor optional. */
function declaresOnceWithoutAnnotation(declaration: ts.Declaration, isThisMember: boolean): declaration is ts.VariableDeclaration | ts.PropertyDeclaration {
  const tsm = typescript();
  if (isThisMember) return tsm.isPropertyDeclaration(declaration) && !declaration.type && !declaration.questionToken && !declaration.exclamationToken;
  return tsm.isVariableDeclaration(declaration) && !declaration.type && tsm.isIdentifier(declaration.name) && (tsm.getCombinedNodeFlags(declaration) & tsm.NodeFlags.Const) !== 0;
}

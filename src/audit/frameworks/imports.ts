/**
 * Which module export an identifier is bound to, read from its declaration with ts-morph:
 * `import x from 'm'` (default), `import { a as x } from 'm'` (a), `import * as x from 'm'` (*),
 * `const x = require('m')` (*), `const { a: x } = require('m')` (a).
 * The audit's framework detection uses it where type information cannot tell (JavaScript, missing types).
 */
import { Node, type Identifier } from 'ts-morph';

export interface ImportOrigin {
  /** The module specifier as written: "express", "@nestjs/common". */
  module: string;
  /** The imported name: "default", "*" for a namespace or a whole CommonJS module, or a named export. */
  name: string;
}

export function importOrigin(identifier: Identifier): ImportOrigin | undefined {
  const declaration = identifier.getSymbol()?.getDeclarations()[0];
  if (!declaration) return undefined;
  if (Node.isImportClause(declaration)) {
    const module = moduleOf(declaration.getParent());
    return module === undefined ? undefined : { module, name: 'default' };
  }
  if (Node.isNamespaceImport(declaration)) {
    const module = moduleOf(declaration.getParent().getParent());
    return module === undefined ? undefined : { module, name: '*' };
  }
  if (Node.isImportSpecifier(declaration)) {
    return { module: declaration.getImportDeclaration().getModuleSpecifierValue(), name: declaration.getName() };
  }
  if (Node.isImportEqualsDeclaration(declaration)) {
    const reference = declaration.getModuleReference();
    if (Node.isExternalModuleReference(reference)) {
      const specifier = reference.getExpression();
      if (specifier && Node.isStringLiteral(specifier)) return { module: specifier.getLiteralValue(), name: '*' };
    }
    return undefined;
  }
  if (Node.isVariableDeclaration(declaration)) {
    const module = requiredModule(declaration.getInitializer());
    return module === undefined ? undefined : { module, name: '*' };
  }
  if (Node.isBindingElement(declaration)) {
    const pattern = declaration.getParent();
    const variable = pattern.getParent();
    if (!Node.isObjectBindingPattern(pattern) || !Node.isVariableDeclaration(variable)) return undefined;
    const module = requiredModule(variable.getInitializer());
    if (module === undefined) return undefined;
    const property = declaration.getPropertyNameNode();
    return { module, name: property ? property.getText() : declaration.getName() };
  }
  return undefined;
}

/** The module an import declaration names (JSDoc `@import` tags have none we use). */
function moduleOf(declaration: Node): string | undefined {
  return Node.isImportDeclaration(declaration) ? declaration.getModuleSpecifierValue() : undefined;
}

/** `require('m')` → "m". */
function requiredModule(initializer: Node | undefined): string | undefined {
  if (!initializer || !Node.isCallExpression(initializer)) return undefined;
  const callee = initializer.getExpression();
  const [argument] = initializer.getArguments();
  if (!Node.isIdentifier(callee) || callee.getText() !== 'require' || !argument) return undefined;
  return Node.isStringLiteral(argument) || Node.isNoSubstitutionTemplateLiteral(argument) ? argument.getLiteralValue() : undefined;
}

/** The string a literal (or a `const` bound to one) holds: route paths are usually written inline. */
export function stringValue(node: Node | undefined, depth = 0): string | undefined {
  if (!node) return undefined;
  if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) return node.getLiteralValue();
  if (Node.isParenthesizedExpression(node) || Node.isAsExpression(node) || Node.isSatisfiesExpression(node)) {
    return stringValue(node.getExpression(), depth);
  }
  if (Node.isIdentifier(node) && depth < 3) {
    const declaration = node.getSymbol()?.getDeclarations()[0];
    if (Node.isVariableDeclaration(declaration) && declaration.getVariableStatement()?.getDeclarationKind() === 'const') {
      return stringValue(declaration.getInitializer(), depth + 1);
    }
  }
  return undefined;
}

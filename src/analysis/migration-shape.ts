/**
 * A migration module by its shape, wherever it lives: it exports an `up` and a `down` step. Knex and Umzug
 * (`export async function up(knex)`), TypeORM (`export class AddUsers1700000000000 implements
 * MigrationInterface { up(); down() }`), sequelize-cli (`module.exports = { up, down }`) and Logto's
 * "alterations" (`const alteration: AlterationScript = { up, down }; export default alteration;`) all do.
 * Migrations run once per deploy: no request waits for them.
 *
 * Two readings of the same shape: the linted file's ESTree, and another program file's TypeScript AST.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast/node-types';
import type * as ts from 'typescript';
import { typescript } from './typescript-module';

const STEPS = ['up', 'down'] as const;

/** The linted file exports `up` and `down`, by name, in its default export, or through `module.exports`. */
export function exportsMigrationSteps(program: TSESTree.Program): boolean {
  const exported = new Set<string>();
  const objects = new Map<string, TSESTree.Node>();
  let defaultName: string | undefined;
  for (const statement of program.body) {
    switch (statement.type) {
      case AST_NODE_TYPES.ExportNamedDeclaration: {
        const declaration = statement.declaration;
        if (declaration?.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id) exported.add(declaration.id.name);
        if (declaration?.type === AST_NODE_TYPES.ClassDeclaration && hasSteps(declaration)) return true;
        if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
          for (const declarator of declaration.declarations) if (declarator.id.type === AST_NODE_TYPES.Identifier && isFunctionValue(declarator.init)) exported.add(declarator.id.name);
        }
        for (const specifier of statement.specifiers) if (specifier.exported.type === AST_NODE_TYPES.Identifier) exported.add(specifier.exported.name);
        break;
      }
      case AST_NODE_TYPES.ExportDefaultDeclaration: {
        const declaration = statement.declaration;
        if (declaration.type === AST_NODE_TYPES.Identifier) defaultName = declaration.name;
        else if (hasSteps(declaration)) return true;
        break;
      }
      case AST_NODE_TYPES.VariableDeclaration:
        for (const declarator of statement.declarations) {
          if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.init) objects.set(declarator.id.name, declarator.init);
        }
        break;
      case AST_NODE_TYPES.ExpressionStatement: {
        const expression = statement.expression;
        if (expression.type !== AST_NODE_TYPES.AssignmentExpression || expression.left.type !== AST_NODE_TYPES.MemberExpression) break;
        const target = expression.left;
        // `module.exports = { up, down }`; `exports.up = …`, `module.exports.down = …`
        if (isModuleExports(target) && hasSteps(expression.right)) return true;
        if (!target.computed && target.property.type === AST_NODE_TYPES.Identifier && (isModuleExports(target.object) || isIdentifier(target.object, 'exports'))) {
          exported.add(target.property.name);
        }
        break;
      }
      default:
        break;
    }
  }
  if (STEPS.every((step) => exported.has(step))) return true;
  const defaultValue = defaultName === undefined ? undefined : objects.get(defaultName);
  return defaultValue !== undefined && hasSteps(defaultValue);
}

/** An object literal or a class with `up` and `down` members (through `as`/`satisfies`). */
function hasSteps(node: TSESTree.Node): boolean {
  let value = node;
  while (value.type === AST_NODE_TYPES.TSAsExpression || value.type === AST_NODE_TYPES.TSSatisfiesExpression) value = value.expression;
  const names = new Set<string>();
  if (value.type === AST_NODE_TYPES.ObjectExpression) {
    for (const property of value.properties) {
      if (property.type === AST_NODE_TYPES.Property && !property.computed && property.key.type === AST_NODE_TYPES.Identifier) names.add(property.key.name);
    }
  } else if (value.type === AST_NODE_TYPES.ClassDeclaration || value.type === AST_NODE_TYPES.ClassExpression) {
    for (const member of value.body.body) {
      if (member.type === AST_NODE_TYPES.MethodDefinition && !member.computed && !member.static && member.key.type === AST_NODE_TYPES.Identifier) names.add(member.key.name);
    }
  }
  return STEPS.every((step) => names.has(step));
}

/** `up = async (knex) => …`, `down = function () {…}`: a step, not a flag or a constant that happens to be called `up`. */
function isFunctionValue(node: TSESTree.Node | null): boolean {
  return node?.type === AST_NODE_TYPES.ArrowFunctionExpression || node?.type === AST_NODE_TYPES.FunctionExpression;
}

function isModuleExports(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.MemberExpression && !node.computed && isIdentifier(node.object, 'module') && isIdentifier(node.property, 'exports');
}

function isIdentifier(node: TSESTree.Node, name: string): boolean {
  return node.type === AST_NODE_TYPES.Identifier && node.name === name;
}

/** The same question about another file of the program. */
export function programFileExportsMigrationSteps(file: ts.SourceFile): boolean {
  const tsm = typescript();
  const exported = new Set<string>();
  const objects = new Map<string, ts.Node>();
  let defaultName: string | undefined;
  const isExported = (statement: ts.Statement) => tsm.canHaveModifiers(statement) && (tsm.getModifiers(statement) ?? []).some((modifier) => modifier.kind === tsm.SyntaxKind.ExportKeyword);
  const stepsOf = (node: ts.Node): boolean => {
    let value = node;
    while (tsm.isAsExpression(value) || tsm.isSatisfiesExpression(value)) value = value.expression;
    const members = tsm.isObjectLiteralExpression(value) ? value.properties : tsm.isClassLike(value) ? value.members : undefined;
    const names = new Set((members ?? []).flatMap((member) => (member.name && tsm.isIdentifier(member.name) ? [member.name.text] : [])));
    return STEPS.every((step) => names.has(step));
  };
  for (const statement of file.statements) {
    if (tsm.isFunctionDeclaration(statement) && statement.name && isExported(statement)) exported.add(statement.name.text);
    // `export class …` and `export default class …` alike: both carry the `export` modifier.
    else if (tsm.isClassDeclaration(statement) && isExported(statement) && stepsOf(statement)) return true;
    else if (tsm.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (!tsm.isIdentifier(declaration.name)) continue;
        const initializer = declaration.initializer;
        if (isExported(statement) && initializer && (tsm.isArrowFunction(initializer) || tsm.isFunctionExpression(initializer))) exported.add(declaration.name.text);
        if (initializer) objects.set(declaration.name.text, initializer);
      }
    } else if (tsm.isExportAssignment(statement)) {
      if (tsm.isIdentifier(statement.expression)) defaultName = statement.expression.text;
      else if (stepsOf(statement.expression)) return true;
    } else if (tsm.isExportDeclaration(statement) && !statement.moduleSpecifier && statement.exportClause && tsm.isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements) exported.add(element.name.text);
    } else if (tsm.isExpressionStatement(statement) && tsm.isBinaryExpression(statement.expression) && statement.expression.operatorToken.kind === tsm.SyntaxKind.EqualsToken) {
      const left = statement.expression.left;
      if (tsm.isPropertyAccessExpression(left) && left.getText(file) === 'module.exports' && stepsOf(statement.expression.right)) return true;
      if (tsm.isPropertyAccessExpression(left) && /^(?:module\.)?exports$/.test(left.expression.getText(file))) exported.add(left.name.text);
    }
  }
  if (STEPS.every((step) => exported.has(step))) return true;
  const defaultValue = defaultName === undefined ? undefined : objects.get(defaultName);
  return defaultValue !== undefined && stepsOf(defaultValue);
}

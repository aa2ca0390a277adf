/**
 * With type information: what another file of the program declares for a value this file imports. Its type says
 * `string[]`; its declaration may say how many elements it holds.
 */
import type { ParserServicesWithTypeInformation, TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import { NON_GROWING_ARRAY_METHODS } from '../ast/code-shape';
import { skipExpressionWrappers } from '../ast/expressions';
import { typescript } from './typescript-module';

const OBJECT_LISTINGS = new Set(['keys', 'values', 'entries']);
const MAX_STEPS = 6;

/**
 * `import { SESSION_COLUMNS } from '@/lib/constants'` (Umami), `import { defaultWidgetConfigs } from
 * '@homarr/definitions'`, `import { NON_INVESTMENT_ACTIVITY_TYPES } from '@ghostfolio/common/config'`: a `const` of a
 * source file of the program (not a declaration file), whatever its name's case, holding a list whose length that
 * file fixes: a non-empty array literal without spreads (`as const` or not), or `Object.keys/values/entries` of an
 * object with no index signature (an enum, a constant table), either maybe filtered, mapped or sliced. `node` is an
 * identifier that an import binds, maybe wrapped in a type assertion; anything else (a local, a parameter) says no.
 */
export function importsFixedList(services: ParserServicesWithTypeInformation, checker: ts.TypeChecker, node: TSESTree.Node): boolean {
  const tsm = typescript();
  const identifier = services.esTreeNodeToTSNodeMap.get(skipExpressionWrappers(node) as never) as ts.Node | undefined;
  if (!identifier || !tsm.isIdentifier(identifier)) return false;
  const symbol = checker.getSymbolAtLocation(identifier);
  if (!symbol || !(symbol.flags & tsm.SymbolFlags.Alias)) return false;
  const declaration = checker.getAliasedSymbol(symbol).valueDeclaration;
  if (!declaration || declaration.getSourceFile().isDeclarationFile) return false;
  if (!tsm.isVariableDeclaration(declaration) || !declaration.initializer) return false;
  if (!(tsm.getCombinedNodeFlags(declaration) & tsm.NodeFlags.Const)) return false;
  return isFixedList(checker, declaration.initializer);
}

function isFixedList(checker: ts.TypeChecker, expression: ts.Expression): boolean {
  const tsm = typescript();
  let node = expression;
  for (let step = 0; step < MAX_STEPS; step++) {
    while (tsm.isAsExpression(node) || tsm.isSatisfiesExpression(node) || tsm.isParenthesizedExpression(node) || tsm.isTypeAssertionExpression(node)) node = node.expression;
    if (tsm.isArrayLiteralExpression(node)) return node.elements.length > 0 && node.elements.every((element) => !tsm.isSpreadElement(element));
    if (!tsm.isCallExpression(node) || !tsm.isPropertyAccessExpression(node.expression)) return false;
    const { expression: receiver, name } = node.expression;
    if (tsm.isIdentifier(receiver) && receiver.text === 'Object' && OBJECT_LISTINGS.has(name.text)) {
      const [listed] = node.arguments;
      return listed !== undefined && hasFixedKeys(checker, checker.getTypeAtLocation(listed));
    }
    if (!NON_GROWING_ARRAY_METHODS.has(name.text)) return false;
    node = receiver;
  }
  return false;
}

/** An object type whose keys the code spells out: properties, and no index signature (`Record<string, T>` has one). */
function hasFixedKeys(checker: ts.TypeChecker, type: ts.Type): boolean {
  const { TypeFlags } = typescript();
  if (type.flags & (TypeFlags.Any | TypeFlags.Unknown) || !(type.flags & TypeFlags.Object)) return false;
  return checker.getIndexInfosOfType(type).length === 0 && checker.getPropertiesOfType(type).length > 0;
}

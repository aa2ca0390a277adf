import type * as ts from 'typescript';
import { symbolAtLocation, typescript } from './typescript-module';

/**
 * The type of a callback's unannotated parameter read from the called function's declared signature:
 * `withClient(async (client) => …)` with `withClient(work: (client: PoolClient) => Promise<T>)` gives
 * `PoolClient`.
 *
 * Asking the checker for the type at `client` resolves the whole call first: the overload, and the type
 * arguments, which for `Promise<T>` means checking the callback's body. That is the most expensive question
 * a transaction callback (`tx`, `trx`, `manager`, `client`) raises, and its answer rarely depends on it.
 * The declared answer is used only when it cannot differ from the checker's:
 * - the callback is a direct argument, with no spread before it, and its parameter a plain name, with no
 *   annotation, default or rest, the callback itself not generic;
 * - every signature of the callee that could take a function at that position takes one with a single call
 *   signature, and all of them give the parameter the same type (overloads whose type there no function is
 *   assignable to cannot be chosen);
 * - that type mentions no type parameter (it needs no inference) and is one type, not a union that narrowing
 *   could change.
 * Otherwise undefined: the caller asks the checker as usual.
 */
export function declaredCallbackParameterType(checker: ts.TypeChecker, identifier: ts.Node): ts.Type | undefined {
  const tsm = typescript();
  if (!tsm.isIdentifier(identifier)) return undefined;
  const parameter = parameterDeclarationOf(checker, identifier);
  if (!parameter) return undefined;
  const callback = parameter.parent;
  if (!(tsm.isArrowFunction(callback) || tsm.isFunctionExpression(callback)) || callback.typeParameters) return undefined;
  const parameterIndex = callback.parameters.indexOf(parameter);
  const call = callback.parent;
  if (!tsm.isCallExpression(call)) return undefined;
  const argumentIndex = call.arguments.indexOf(callback);
  if (argumentIndex < 0 || call.arguments.slice(0, argumentIndex).some((argument) => tsm.isSpreadElement(argument))) return undefined;
  const calleeSymbol = symbolOfCallee(checker, call.expression);
  if (!calleeSymbol) return undefined;
  const signatures = checker.getSignaturesOfType(checker.getTypeOfSymbol(calleeSymbol), tsm.SignatureKind.Call);
  let found: ts.Type | undefined;
  for (const signature of signatures) {
    if (!canTakeArgumentCount(signature, call.arguments.length)) continue;
    const slot = parameterTypeAt(checker, signature, argumentIndex);
    if (!slot) continue;
    if (cannotTakeFunction(checker, slot)) continue;
    const callbackSignature = singleCallSignature(checker, slot);
    if (!callbackSignature) return undefined;
    const parameterType = parameterTypeAt(checker, callbackSignature, parameterIndex);
    if (!parameterType || (found !== undefined && parameterType !== found)) return undefined;
    found = parameterType;
  }
  return found && isSettled(checker, found) ? found : undefined;
}

function parameterDeclarationOf(checker: ts.TypeChecker, identifier: ts.Identifier): ts.ParameterDeclaration | undefined {
  const tsm = typescript();
  // The declaration itself, or a read of it. Resolving a read's symbol costs the checker a scope walk of its own:
  // only a name some enclosing callback declares as a parameter can resolve to one.
  const isDeclaration = tsm.isParameter(identifier.parent) && identifier.parent.name === identifier;
  if (!isDeclaration && !namesEnclosingCallbackParameter(identifier)) return undefined;
  const declaration = isDeclaration ? identifier.parent : checker.getSymbolAtLocation(identifier)?.valueDeclaration;
  if (!declaration || !tsm.isParameter(declaration)) return undefined;
  if (!tsm.isIdentifier(declaration.name) || declaration.type || declaration.initializer || declaration.dotDotDotToken || declaration.questionToken) return undefined;
  // A JSDoc type (in a JavaScript file) is the parameter's own annotation, which the contextual type does not override.
  if (tsm.getJSDocType(declaration)) return undefined;
  if ((tsm.isArrowFunction(declaration.parent) || tsm.isFunctionExpression(declaration.parent)) && declaration.parent.parameters.some(isThisParameter)) return undefined;
  return declaration;
}

/** An enclosing arrow function or function expression has a parameter of this name (a plain one). */
function namesEnclosingCallbackParameter(identifier: ts.Identifier): boolean {
  const tsm = typescript();
  for (let node: ts.Node | undefined = identifier.parent; node && !tsm.isSourceFile(node); node = node.parent) {
    if ((tsm.isArrowFunction(node) || tsm.isFunctionExpression(node)) && node.parameters.some((parameter) => tsm.isIdentifier(parameter.name) && parameter.name.text === identifier.text)) {
      return true;
    }
  }
  return false;
}

function isThisParameter(parameter: ts.ParameterDeclaration): boolean {
  return typescript().isIdentifier(parameter.name) && parameter.name.text === 'this';
}

function symbolOfCallee(checker: ts.TypeChecker, callee: ts.Expression): ts.Symbol | undefined {
  const tsm = typescript();
  const named = tsm.isPropertyAccessExpression(callee) ? callee.name : tsm.isIdentifier(callee) ? callee : undefined;
  if (!named) return undefined;
  const symbol = symbolAtLocation(checker, named);
  // Only declared functions and methods: a variable's or property's type may itself need inference.
  return symbol && symbol.flags & (tsm.SymbolFlags.Function | tsm.SymbolFlags.Method) ? symbol : undefined;
}

function canTakeArgumentCount(signature: ts.Signature, count: number): boolean {
  const declaration = signature.getDeclaration() as ts.SignatureDeclaration | undefined;
  const hasRest = declaration?.parameters.some((parameter) => parameter.dotDotDotToken) ?? false;
  return hasRest || count <= signature.getParameters().length;
}

/** The declared type of parameter `index`, without inference; undefined at or past a rest parameter, or for an unannotated one. */
function parameterTypeAt(checker: ts.TypeChecker, signature: ts.Signature, index: number): ts.Type | undefined {
  const parameters = signature.getParameters();
  const declaration = signature.getDeclaration() as ts.SignatureDeclaration | undefined;
  // A `this` parameter is in the declaration's list but not in the signature's: the positions would not line up.
  if (!declaration || declaration.parameters.some(isThisParameter)) return undefined;
  const restIndex = declaration.parameters.findIndex((parameter) => parameter.dotDotDotToken);
  if (restIndex >= 0 && index >= restIndex) return undefined;
  const parameter = parameters[index];
  if (!parameter) return undefined;
  // An unannotated parameter's type would be inferred: not a declared answer.
  const parameterDeclaration = parameter.valueDeclaration;
  if (!parameterDeclaration || !typescript().isParameter(parameterDeclaration) || !parameterDeclaration.type) return undefined;
  return checker.getTypeOfSymbol(parameter);
}

/**
 * A type no function is assignable to, so an overload taking it there is never chosen for a callback: a
 * primitive, an array or tuple (or a type parameter constrained to one, Prisma's `$transaction([...])`), or an
 * object type without call signatures or index signatures whose properties a function lacks (knex's
 * `transaction(config?: TransactionConfig)`: a missing required property or, all optional, a weak type).
 */
function cannotTakeFunction(checker: ts.TypeChecker, type: ts.Type): boolean {
  const tsm = typescript();
  const members = type.isUnion() ? type.types : [type];
  return members.every((member) => {
    if (member.flags & (tsm.TypeFlags.StringLike | tsm.TypeFlags.NumberLike | tsm.TypeFlags.BooleanLike | tsm.TypeFlags.BigIntLike | tsm.TypeFlags.Null | tsm.TypeFlags.Undefined | tsm.TypeFlags.Void)) return true;
    if (member.flags & tsm.TypeFlags.TypeParameter) {
      const constraint = checker.getBaseConstraintOfType(member);
      return constraint !== undefined && (checker.isArrayType(constraint) || checker.isTupleType(constraint));
    }
    if (checker.isArrayType(member) || checker.isTupleType(member)) return true;
    if (!(member.flags & tsm.TypeFlags.Object)) return false;
    if (member.getCallSignatures().length > 0 || member.getConstructSignatures().length > 0 || checker.getIndexInfosOfType(member).length > 0) return false;
    const properties = member.getProperties();
    return properties.length > 0 && properties.every((property) => !FUNCTION_PROPERTIES.has(property.getName()));
  });
}

/** What every function has (`Function.prototype` and own properties): a type naming one may accept a function. */
const FUNCTION_PROPERTIES = new Set(['apply', 'call', 'bind', 'toString', 'length', 'name', 'arguments', 'caller', 'prototype', 'constructor', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString']);

/** The one call signature of a function type (an optional one: `| undefined` dropped), if there is exactly one. */
function singleCallSignature(checker: ts.TypeChecker, type: ts.Type): ts.Signature | undefined {
  const tsm = typescript();
  const members = type.isUnion() ? type.types.filter((member) => !(member.flags & (tsm.TypeFlags.Undefined | tsm.TypeFlags.Null | tsm.TypeFlags.Void))) : [type];
  if (members.length !== 1) return undefined;
  const signatures = checker.getSignaturesOfType(members[0], tsm.SignatureKind.Call);
  return signatures.length === 1 && !signatures[0].getTypeParameters()?.length ? signatures[0] : undefined;
}

/**
 * Needs no inference and no narrowing: no type parameter in it or in its type arguments, and, at the top, one
 * type rather than a union that narrowing could change (`| undefined` aside). Unions inside type arguments
 * (`Omit<PrismaClient, '$connect' | '$on'>`) are fixed.
 */
function isSettled(checker: ts.TypeChecker, type: ts.Type, depth = 0): boolean {
  const tsm = typescript();
  if (depth > 4) return false;
  if (type.flags & tsm.TypeFlags.TypeParameter) return false;
  if (type.isUnion()) {
    const others = depth === 0 ? type.types.filter((member) => !(member.flags & (tsm.TypeFlags.Undefined | tsm.TypeFlags.Null | tsm.TypeFlags.Void))) : type.types;
    return (depth > 0 || others.length === 1) && others.every((member) => isSettled(checker, member, depth + 1));
  }
  if (type.isIntersection()) return type.types.every((member) => isSettled(checker, member, depth + 1));
  const aliasArguments = type.aliasTypeArguments ?? [];
  if (!aliasArguments.every((argument) => isSettled(checker, argument, depth + 1))) return false;
  if (type.flags & tsm.TypeFlags.Object && (type as ts.ObjectType).objectFlags & tsm.ObjectFlags.Reference) {
    return checker.getTypeArguments(type as ts.TypeReference).every((argument) => isSettled(checker, argument, depth + 1));
  }
  return true;
}

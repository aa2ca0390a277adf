/**
 * With type information: which package declares the type of an expression. Used to confirm (or rule
 * out) that a receiver is a knex builder, a pg pool, … when import tracking cannot see it.
 */
import type { ParserServicesWithTypeInformation, TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import { typeOfValue } from '../library-origin';

// ts.TypeFlags values, kept here so this module does not load `typescript` (an optional peer).
const ANY_OR_UNKNOWN = 1 | 2;
const NULLISH = 32768 /* Undefined */ | 65536 /* Null */ | 16384 /* Void */;

/**
 * `true` when the type of `node` is declared in one of `packages` (its own folder in node_modules, or
 * `@types/<package>`), `false` when it is a known type declared elsewhere, undefined when the type is
 * `any`/`unknown` (unresolved imports, untyped JavaScript) and says nothing.
 */
export function typeIsFromPackages(
  services: ParserServicesWithTypeInformation,
  node: TSESTree.Node,
  packages: readonly string[],
): boolean | undefined {
  const type = typeOfValue(services, node);
  const parts = (type.isUnion() || type.isIntersection() ? type.types : [type]).filter((part) => (part.flags & NULLISH) === 0);
  if (parts.length === 0 || parts.some((part) => (part.flags & ANY_OR_UNKNOWN) !== 0)) return undefined;
  return parts.some((part) => declaredInPackages(part, packages));
}

function declaredInPackages(type: ts.Type, packages: readonly string[]): boolean {
  const symbols = [type.getSymbol(), type.aliasSymbol];
  for (const symbol of symbols) {
    for (const declaration of symbol?.getDeclarations() ?? []) {
      const fileName = declaration.getSourceFile().fileName.replaceAll('\\', '/');
      if (packages.some((name) => fileName.includes(`/node_modules/${name}/`) || fileName.includes(`/node_modules/@types/${name}/`))) return true;
    }
  }
  return false;
}

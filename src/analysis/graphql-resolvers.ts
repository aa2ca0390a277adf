/**
 * GraphQL field resolvers: functions the server calls once for every parent object of a response. A list of n
 * users asking for `posts` runs the `User.posts` resolver n times, so a query written in it is an N+1 without any
 * loop in sight. Recognised:
 * - NestJS (`@nestjs/graphql`): methods decorated `@ResolveField` (or the older `@ResolveProperty`) with a `@Parent()`
 *   parameter, and `@ResolveReference` (Apollo Federation resolves each entity reference separately);
 * - TypeGraphQL (`type-graphql`): methods decorated `@FieldResolver` with a `@Root()` parameter;
 * - resolver maps (Apollo Server, GraphQL Yoga, graphql-tools, Mercurius): `{ Query: {…}, User: { posts(parent) {…} } }`,
 *   an object typed `Resolvers` (GraphQL Code Generator), given as `resolvers: {…}`, or one type's object typed
 *   `UserResolvers`. Root types (`Query`, `Mutation`, `Subscription`) run once per operation, not per parent.
 * A resolver that never reads its parent (a namespace object's fields: Hoppscotch's `infra { allUsers }`) is not one
 * of these: nothing in it varies per parent.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { decoratorOrigin } from './library-origin';
import { FileCache } from './per-file';
import { AST_NODE_TYPES } from '../ast/node-types';
import { propertyKeyName } from '../ast/expressions';
import { contains, isFunction, isInlineCallback, decoratorsOf } from '../ast/code-shape';

export interface FieldResolver {
  fn: TSESTree.FunctionLike;
  /** The parent's type as the code names it (`User`), when it does. */
  typeName?: string;
  /** The field the resolver computes (`posts`). */
  field: string;
  /** The parameter that receives the parent object. */
  parent: TSESTree.Parameter;
}

/** Decorators that make a method a field resolver, by package; each with the decorator that marks its parent parameter. */
const FIELD_RESOLVER_DECORATORS: Readonly<Record<string, Readonly<Record<string, string | null>>>> = {
  '@nestjs/graphql': { ResolveField: 'Parent', ResolveProperty: 'Parent', ResolveReference: null },
  'type-graphql': { FieldResolver: 'Root' },
};
const RESOLVER_CLASS_DECORATORS: Readonly<Record<string, string>> = { '@nestjs/graphql': 'Resolver', 'type-graphql': 'Resolver' };

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);
/** Keys of a type's resolver object that are not per-parent fields (abstract types and scalars). */
const NOT_FIELD_KEYS = new Set(['__resolveType', '__isTypeOf', '__serialize', '__parseValue', '__parseLiteral']);
/** Type annotations of a whole resolver map: GraphQL Code Generator's `Resolvers`, graphql-tools' `IResolvers`, Apollo's `GraphQLResolverMap`. */
const RESOLVER_MAP_TYPE = /^(?:I?Resolvers|GraphQLResolverMap)$/;
/** Code Generator's resolvers of one type: `UserResolvers`. */
const TYPE_RESOLVERS_TYPE = /^([A-Z][A-Za-z0-9_]*)Resolvers$/;

/** Field resolvers by function node, per file; the file's text decides first whether any can exist. */
const byFile = new FileCache<{ possible: boolean; verdicts: Map<TSESTree.Node, FieldResolver | null> }>();

/** Text without which a file holds no field resolver the analysis recognises. */
const RESOLVER_TEXT = ['Resolve', 'resolvers'];

/**
 * The field resolver `node` runs in, when the code between them runs each time the resolver does: the resolver's
 * body itself, or callbacks called there (`.then(…)`, `cache.wrap(key, () => …)`). A function declared on its own
 * stops the search: it runs whenever it is called.
 */
export function enclosingFieldResolver(node: TSESTree.Node, context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): FieldResolver | undefined {
  const { sourceCode } = context;
  let file: { possible: boolean; verdicts: Map<TSESTree.Node, FieldResolver | null> } | undefined;
  for (let current = node.parent; current; current = current.parent) {
    if (!isFunction(current)) continue;
    // Only a decorated method or an object's function can be a resolver: the file's text is asked after that.
    if (mayBeResolver(current)) {
      file ??= byFile.get(sourceCode, () => ({ possible: RESOLVER_TEXT.some((text) => sourceCode.text.includes(text)), verdicts: new Map() }));
      if (!file.possible) return undefined;
      let verdict = file.verdicts.get(current);
      if (verdict === undefined) {
        verdict = fieldResolverOf(current, sourceCode) ?? null;
        file.verdicts.set(current, verdict);
      }
      if (verdict) return verdict;
    }
    if (!isInlineCallback(current)) return undefined;
  }
  return undefined;
}

function mayBeResolver(fn: TSESTree.Node): boolean {
  const holder = fn.parent;
  if (holder?.type === AST_NODE_TYPES.Property) return holder.value === fn;
  return (holder?.type === AST_NODE_TYPES.MethodDefinition || holder?.type === AST_NODE_TYPES.PropertyDefinition) && holder.value === fn && decoratorsOf(holder).length > 0;
}

function fieldResolverOf(fn: TSESTree.FunctionLike, sourceCode: Readonly<TSESLint.SourceCode>): FieldResolver | undefined {
  const holder = fn.parent;
  if ((holder?.type === AST_NODE_TYPES.MethodDefinition || holder?.type === AST_NODE_TYPES.PropertyDefinition) && holder.value === fn) {
    return decoratedFieldResolver(fn, holder, sourceCode);
  }
  if (holder?.type === AST_NODE_TYPES.Property && holder.value === fn && holder.parent.type === AST_NODE_TYPES.ObjectExpression) {
    return mappedFieldResolver(fn, holder, holder.parent);
  }
  return undefined;
}

/** `@ResolveField() posts(@Parent() user: User) {…}` in a `@Resolver(() => User)` class. */
function decoratedFieldResolver(
  fn: TSESTree.FunctionLike,
  member: TSESTree.MethodDefinition | TSESTree.PropertyDefinition,
  sourceCode: Readonly<TSESLint.SourceCode>,
): FieldResolver | undefined {
  if (member.static || decoratorsOf(member).length === 0) return undefined;
  const scope = sourceCode.getScope(member);
  for (const decorator of decoratorsOf(member)) {
    const origin = decoratorOrigin(decorator, scope);
    const parentDecorator = origin ? FIELD_RESOLVER_DECORATORS[origin.source]?.[origin.imported] : undefined;
    if (!origin || parentDecorator === undefined) continue;
    const parent = parentDecorator === null ? fn.params[0] : fn.params.find((param) => hasDecorator(param, origin.source, parentDecorator, sourceCode));
    if (!parent) return undefined;
    const field = decoratorFieldName(decorator) ?? (member.key.type === AST_NODE_TYPES.Identifier && !member.computed ? member.key.name : undefined);
    if (field === undefined) return undefined;
    const classNode = member.parent.parent;
    const typeName = resolverClassTypeName(classNode, origin.source, sourceCode) ?? annotatedTypeName(parent);
    return { fn, parent, field, typeName };
  }
  return undefined;
}

function hasDecorator(param: TSESTree.Parameter, source: string, name: string, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  return decoratorsOf(param).some((decorator) => {
    const origin = decoratorOrigin(decorator, sourceCode.getScope(decorator));
    return origin?.source === source && origin.imported === name;
  });
}

/** `@ResolveField('posts', …)` or `@ResolveField(() => [Post], { name: 'posts' })`. */
function decoratorFieldName(decorator: TSESTree.Decorator): string | undefined {
  if (decorator.expression.type !== AST_NODE_TYPES.CallExpression) return undefined;
  for (const argument of decorator.expression.arguments) {
    if (argument.type === AST_NODE_TYPES.Literal && typeof argument.value === 'string') return argument.value;
    if (argument.type !== AST_NODE_TYPES.ObjectExpression) continue;
    for (const property of argument.properties) {
      if (property.type === AST_NODE_TYPES.Property && propertyKeyName(property) === 'name' && property.value.type === AST_NODE_TYPES.Literal && typeof property.value.value === 'string') {
        return property.value.value;
      }
    }
  }
  return undefined;
}

/** `@Resolver(() => User)`, `@Resolver(of => User)`, `@Resolver(User)`, `@Resolver('User')`. */
function resolverClassTypeName(classNode: TSESTree.Node, source: string, sourceCode: Readonly<TSESLint.SourceCode>): string | undefined {
  if (classNode.type !== AST_NODE_TYPES.ClassDeclaration && classNode.type !== AST_NODE_TYPES.ClassExpression) return undefined;
  for (const decorator of decoratorsOf(classNode)) {
    const origin = decoratorOrigin(decorator, sourceCode.getScope(decorator));
    if (origin?.source !== source || origin.imported !== RESOLVER_CLASS_DECORATORS[source]) continue;
    let argument = origin.argument;
    if (argument?.type === AST_NODE_TYPES.ArrowFunctionExpression && argument.body.type !== AST_NODE_TYPES.BlockStatement) argument = argument.body;
    if (argument?.type === AST_NODE_TYPES.Identifier) return argument.name;
    if (argument?.type === AST_NODE_TYPES.Literal && typeof argument.value === 'string') return argument.value;
  }
  return undefined;
}

/** `user: User` → `User`. */
function annotatedTypeName(param: TSESTree.Parameter): string | undefined {
  const target = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
  const annotation = (target as { typeAnnotation?: TSESTree.TSTypeAnnotation }).typeAnnotation?.typeAnnotation;
  return annotation?.type === AST_NODE_TYPES.TSTypeReference && annotation.typeName.type === AST_NODE_TYPES.Identifier ? annotation.typeName.name : undefined;
}

/** `User: { posts(parent) {…} }` in a resolver map, or `posts` of an object typed `UserResolvers`. */
function mappedFieldResolver(fn: TSESTree.FunctionLike, field: TSESTree.Property, typeObject: TSESTree.ObjectExpression): FieldResolver | undefined {
  const fieldName = propertyKeyName(field);
  if (fieldName === undefined || NOT_FIELD_KEYS.has(fieldName)) return undefined;
  const parent = fn.params[0];
  if (!parent) return undefined;
  const typeName = resolvedTypeName(typeObject);
  return typeName === undefined || ROOT_TYPES.has(typeName) ? undefined : { fn, parent, field: fieldName, typeName };
}

/** The GraphQL type whose resolvers `typeObject` holds, if it is a type's resolver object. */
function resolvedTypeName(typeObject: TSESTree.ObjectExpression): string | undefined {
  const holder = typeObject.parent;
  if (holder.type === AST_NODE_TYPES.Property && holder.value === typeObject && holder.parent.type === AST_NODE_TYPES.ObjectExpression) {
    const typeName = propertyKeyName(holder);
    return typeName !== undefined && /^[A-Z]/.test(typeName) && isResolverMap(holder.parent) ? typeName : undefined;
  }
  const annotation = declaredTypeName(typeObject);
  return annotation === undefined ? undefined : TYPE_RESOLVERS_TYPE.exec(annotation)?.[1];
}

/** An object of type resolvers: it holds a root type's resolvers, is typed as a resolver map, or is given as `resolvers`. */
function isResolverMap(map: TSESTree.ObjectExpression): boolean {
  for (const property of map.properties) {
    if (property.type === AST_NODE_TYPES.Property && ROOT_TYPES.has(propertyKeyName(property) ?? '') && property.value.type === AST_NODE_TYPES.ObjectExpression) return true;
  }
  const annotation = declaredTypeName(map);
  if (annotation !== undefined) return RESOLVER_MAP_TYPE.test(annotation);
  const holder = map.parent;
  return holder.type === AST_NODE_TYPES.Property && holder.value === map && propertyKeyName(holder) === 'resolvers';
}

/** The type an object literal is declared with: `const x: T = {…}`, `{…} satisfies T`, `{…} as T`. */
function declaredTypeName(object: TSESTree.ObjectExpression): string | undefined {
  const holder = object.parent;
  let annotation: TSESTree.TypeNode | undefined;
  if (holder.type === AST_NODE_TYPES.VariableDeclarator && holder.init === object) annotation = holder.id.typeAnnotation?.typeAnnotation;
  else if ((holder.type === AST_NODE_TYPES.TSSatisfiesExpression || holder.type === AST_NODE_TYPES.TSAsExpression) && holder.expression === object) annotation = holder.typeAnnotation;
  if (annotation?.type !== AST_NODE_TYPES.TSTypeReference) return undefined;
  const name = annotation.typeName;
  if (name.type === AST_NODE_TYPES.Identifier) return name.name;
  return name.type === AST_NODE_TYPES.TSQualifiedName ? name.right.name : undefined;
}

/**
 * `node` reads the parent object, directly or through a local computed from it in the resolver (`const { id } =
 * parent`): what it does varies per parent.
 */
export function readsParent(node: TSESTree.Node, resolver: FieldResolver, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  return readsAnyWithin(parentDerivedVariables(resolver, sourceCode), node);
}

/**
 * The resolver reads the field it computes from its parent (`parent.posts ?? …`, `if (user.profile) return user.profile`):
 * the parent query may have loaded it, and the resolver queries only when it did not.
 */
export function readsOwnFieldFromParent(resolver: FieldResolver, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  return parentVariables(resolver, sourceCode).some((variable) =>
    variable.references.some((reference) => {
      const read = reference.identifier.parent;
      return read?.type === AST_NODE_TYPES.MemberExpression && read.object === reference.identifier && !read.computed && read.property.type === AST_NODE_TYPES.Identifier && read.property.name === resolver.field;
    }),
  ) || destructuresField(resolver);
}

/** `posts({ posts, id }) {…}`: the field is taken from the parent by destructuring. */
function destructuresField(resolver: FieldResolver): boolean {
  const binding = parentBinding(resolver.parent);
  if (binding.type !== AST_NODE_TYPES.ObjectPattern) return false;
  return binding.properties.some((property) => property.type === AST_NODE_TYPES.Property && propertyKeyName(property) === resolver.field);
}

function parentBinding(param: TSESTree.Parameter): TSESTree.Node {
  const target = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
  return target.type === AST_NODE_TYPES.AssignmentPattern ? target.left : target;
}

/** The variables the parent parameter declares (ESLint lists a function's parameters on the function). */
function parentVariables(resolver: FieldResolver, sourceCode: Readonly<TSESLint.SourceCode>): TSESLint.Scope.Variable[] {
  return sourceCode.getDeclaredVariables(resolver.fn).filter((variable) => variable.defs.some((def) => def.type === 'Parameter' && contains(resolver.parent, def.name)));
}

/** One of `variables` is read inside `node`. */
function readsAnyWithin(variables: readonly TSESLint.Scope.Variable[], node: TSESTree.Node): boolean {
  return variables.some((variable) => variable.references.some((reference) => contains(node, reference.identifier)));
}

const derivedByResolver = new WeakMap<FieldResolver, TSESLint.Scope.Variable[]>();

/** The parent's bindings, and the resolver's locals initialised from them (in order, so chains count). */
function parentDerivedVariables(resolver: FieldResolver, sourceCode: Readonly<TSESLint.SourceCode>): TSESLint.Scope.Variable[] {
  let variables = derivedByResolver.get(resolver);
  if (variables) return variables;
  variables = parentVariables(resolver, sourceCode);
  const body = resolver.fn.body;
  if (body?.type === AST_NODE_TYPES.BlockStatement) {
    for (const statement of body.body) {
      if (statement.type !== AST_NODE_TYPES.VariableDeclaration) continue;
      for (const declarator of statement.declarations) {
        if (declarator.init && readsAnyWithin(variables, declarator.init)) variables.push(...sourceCode.getDeclaredVariables(declarator));
      }
    }
  }
  derivedByResolver.set(resolver, variables);
  return variables;
}

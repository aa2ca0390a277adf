/**
 * Repositories of the project: the data-access objects a service holds under a type of its own, named for what it is
 * (`private itemRepository: ItemRepositoryInterface`, `@inject(TYPES.Users) users: UserRepository`). The type says
 * nothing of the library behind it, and its methods live in another file (or nowhere: an interface, bound by a
 * container), but every call of a repository's method is at least one round trip to its store.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast/node-types';
import { memberName, skipExpressionWrappers } from '../ast/expressions';
import { constInitializer, receiverBinding, resolveTypeReference } from './library-origin';
import { isWorkspacePackage } from './module-files';

/** `ItemRepository`, `ItemRepositoryInterface`, `IUserRepository`, `UsersRepo`. */
const REPOSITORY_TYPE_NAME = /^[A-Z]\w*(?:Repository|Repo)(?:Interface)?$/;

/**
 * The declared type, as written (`ItemRepositoryInterface`), of the repository of the project that `call`, a
 * `<receiver>.<method>(…)`, is made on: a field of the enclosing class (`this.x`) or a
 * parameter or variable, declared with a type named `…Repository` (or `…Repo`, `…RepositoryInterface`) that this file
 * declares or imports from a module of the project, or from a package of its workspace. A library's type (TypeORM's `Repository<T>`) is the database
 * analysis's business, and so is anything without a declared type.
 */
export function projectRepositoryType(call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): string | undefined {
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(callee) === undefined) return undefined;
  const receiver = skipExpressionWrappers(callee.object);
  const getter = repositoryGetterCall(call, sourceCode);
  if (getter) return repositoryNameOf(getter);
  const binding = receiverBinding(receiver, sourceCode.getScope(receiver));
  if (binding?.kind !== 'declared' || !binding.type) return undefined;
  const type = binding.type;
  if (type.type !== AST_NODE_TYPES.TSTypeReference || type.typeName.type !== AST_NODE_TYPES.Identifier || !REPOSITORY_TYPE_NAME.test(type.typeName.name)) return undefined;
  const origin = resolveTypeReference(type, sourceCode.getScope(receiver));
  // Also a repository a workspace package of the project exports (Novu's `@novu/dal`).
  const ofProject =
    origin !== undefined && ((origin.kind === 'import' && (origin.isProjectModule || isWorkspacePackage(origin.source, receiver))) || origin.kind === 'class' || origin.kind === 'local');
  return ofProject ? type.typeName.name : undefined;
}

/**
 * The call that asked for the repository `call` is made on, by name: `ctx.db.getRepository('users')` (NocoBase's data
 * layer over Sequelize; TypeORM's, when the database analysis does not know the receiver), in place or held in a
 * local `const`.
 */
export function repositoryGetterCall(call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.CallExpression | undefined {
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  let node: TSESTree.Node | undefined = skipExpressionWrappers(callee.object);
  if (node.type === AST_NODE_TYPES.Identifier) node = constInitializer(node, sourceCode.getScope(node));
  node = node && skipExpressionWrappers(node);
  if (node?.type === AST_NODE_TYPES.AwaitExpression) node = skipExpressionWrappers(node.argument);
  if (node?.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression || memberName(node.callee) !== 'getRepository' || node.arguments.length === 0) return undefined;
  return node;
}

/**
 * The name a repository is asked for by: a string (`users`), else the entity class, which comes last (Vendure's
 * `getRepository(ctx, Product)` takes the request context first).
 */
function repositoryNameOf(getter: TSESTree.CallExpression): string {
  const named = getter.arguments.find((argument) => argument.type === AST_NODE_TYPES.Literal && typeof argument.value === 'string' && argument.value !== '');
  if (named?.type === AST_NODE_TYPES.Literal) return String(named.value);
  const last = skipExpressionWrappers(getter.arguments[getter.arguments.length - 1]);
  if (last.type === AST_NODE_TYPES.Identifier) return last.name;
  return last.type === AST_NODE_TYPES.MemberExpression && memberName(last) !== undefined ? memberName(last)! : 'getRepository(…)';
}

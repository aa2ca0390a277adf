/**
 * Redis clients that batch by themselves: Upstash's REST client sends every command started in the same tick as one
 * HTTP request (`enableAutoPipelining`, on by default since @upstash/redis 1.34), and node-redis (`redis` 4 and
 * later, `@redis/client`) writes the commands of one tick to its connection as one pipeline. A fan-out over them
 * (`Promise.all(keys.map((k) => redis.get(k)))`) is one round trip, as Prisma's `findUnique` calls are one query;
 * commands awaited one after another are still one round trip each. ioredis pipelines only with
 * `enableAutoPipelining`, off by default.
 *
 * The client's package comes from the receiver's type or import; for a client the project makes elsewhere
 * (`import { redis } from '~/server/redis'`), from that module's text (`export const redis = new Redis(…)` with `Redis`
 * from '@upstash/redis'), else from the nearest `package.json`: when every Redis client it depends on batches by itself.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast/node-types';
import { getReceiverPackage, skipExpressionWrappers } from './library-origin';
import { exportedConstPackage, moduleParserFor, resolveProjectModule } from './module-files';
import { getImportOrigin } from './modules';
import { nearestDependencyVersions } from './package-manifest';

const REDIS_CLIENT_PACKAGES = ['@upstash/redis', 'redis', '@redis/client', 'ioredis'];

/** `call` is a command of a client whose package batches the commands of one tick. */
export function isAutoPipelinedCommand(call: TSESTree.CallExpression, context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): boolean {
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const receiver = getReceiverPackage(callee.object, context);
  // The manifest is read only where it decides: node-redis's version, or a client made elsewhere.
  const versions = () => nearestDependencyVersions(context.cwd, context.filename, REDIS_CLIENT_PACKAGES);
  if (receiver !== undefined) return autoPipelines(receiver.packageName, receiver.packageName === 'redis' ? versions()?.get('redis') : undefined);
  // `import { redis } from '@/utils/redis'`, whose module says `export const redis = new Redis(…)` from '@upstash/redis'.
  const made = projectClientPackage(callee.object, context);
  if (made !== undefined) return autoPipelines(made, made === 'redis' ? versions()?.get('redis') : undefined);
  const dependencies = versions();
  if (!dependencies) return false;
  for (const [name, version] of dependencies) if (!autoPipelines(name, version)) return false;
  return true;
}

/** The Redis package that made a client another module of the project exports, read from that module's text. */
function projectClientPackage(object: TSESTree.Node, context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): string | undefined {
  const root = skipExpressionWrappers(object);
  if (root.type !== AST_NODE_TYPES.Identifier) return undefined;
  const origin = getImportOrigin(root, context.sourceCode.getScope(root));
  if (!origin?.isProjectModule || origin.imported === '*') return undefined;
  const parse = moduleParserFor(context);
  const file = parse && resolveProjectModule(context.cwd, context.filename, origin.source);
  const made = file === undefined ? undefined : exportedConstPackage(context.cwd, parse!, file, origin.imported);
  return made !== undefined && REDIS_CLIENT_PACKAGES.includes(made) ? made : undefined;
}

function autoPipelines(packageName: string, version: string | undefined): boolean {
  switch (packageName) {
    case '@upstash/redis':
    case '@redis/client':
      return true;
    case 'redis':
      // node-redis 3 and earlier send each command on its own.
      return version === undefined || !(majorVersion(version) < 4);
    default:
      return false;
  }
}

/** The first number of a version range (`^5.1.0` → 5); NaN when it names none (`latest`, `workspace:*`). */
function majorVersion(range: string): number {
  let start = 0;
  while (start < range.length && !isDigit(range.charCodeAt(start))) start++;
  let end = start;
  while (end < range.length && isDigit(range.charCodeAt(end))) end++;
  return end > start ? Number(range.slice(start, end)) : Number.NaN;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

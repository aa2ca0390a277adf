/**
 * Which template tags build SQL (`sql\`…\``, `Prisma.sql\`…\``, `prisma.$queryRaw\`…\``) and which merely
 * build strings (`String.raw`, `dedent`).
 */
import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../../ast/node-types';
import { getImportOrigin } from '../modules';

type Scope = TSESLint.Scope.Scope;

export interface SqlTag {
  /** The package the tag comes from, when import tracking found it. */
  readonly source?: string;
  /** `import`: tracked to an SQL package; `name`: an SQL tag by its name only (`sql`, `$queryRaw`). */
  readonly evidence: 'import' | 'name';
}

/** Packages exporting an SQL template tag, and the export names it goes by (`default`, `*` for the module itself). */
const SQL_TAG_EXPORTS: Readonly<Record<string, readonly string[]>> = {
  'drizzle-orm': ['sql'],
  'drizzle-orm/sql': ['sql'],
  kysely: ['sql'],
  slonik: ['sql'],
  '@sequelize/core': ['sql'],
  '@mikro-orm/core': ['sql'],
  '@mikro-orm/knex': ['sql'],
  '@mikro-orm/postgresql': ['sql'],
  '@mikro-orm/mysql': ['sql'],
  '@mikro-orm/mariadb': ['sql'],
  '@mikro-orm/sqlite': ['sql'],
  '@mikro-orm/libsql': ['sql'],
  '@mikro-orm/mssql': ['sql'],
  'sql-template-strings': ['default', 'SQL', '*'],
  'sql-template-tag': ['default', 'sql', '*'],
  '@databases/pg': ['sql'],
  '@databases/mysql': ['sql'],
  '@databases/sqlite': ['sql'],
  '@vercel/postgres': ['sql'],
  '@prisma/client/runtime/library': ['sqltag'],
};

/** Packages whose factory returns an SQL tag: `const sql = postgres(url)`, `const sql = neon(url)`. */
const SQL_TAG_FACTORIES: Readonly<Record<string, readonly string[]>> = {
  postgres: ['default', '*'],
  '@neondatabase/serverless': ['neon'],
  slonik: ['createSqlTag'],
};

/** The namespace object carrying `Prisma.sql` / `Prisma.raw`. */
const PRISMA_NAMESPACE_SOURCES = new Set(['@prisma/client', '@prisma/client/edge', '@prisma/client/runtime/library']);

const SQL_TAG_NAMES = new Set(['sql', 'SQL']);
const PRISMA_RAW_TAG_METHODS = new Set(['$queryRaw', '$executeRaw']);
/** `sql.fragment\`…\``, `sql.unsafe\`…\`` (slonik) on an SQL tag. */
const TAG_MEMBER_TAGS = new Set(['fragment', 'unsafe']);
/** `sql.type(schema)\`…\``, `sql.typeAlias('x')\`…\`` (slonik) on an SQL tag. */
const TAG_FACTORY_METHODS = new Set(['type', 'typeAlias']);

/** Tags that return the template's text (or the same text re-indented). */
const STRING_TAG_NAMES = new Set(['dedent', 'outdent', 'stripIndent', 'stripIndents', 'oneLine', 'oneLineTrim']);

/** The SQL tag `tag` is, if it is one. */
export function getSqlTag(tag: TSESTree.Expression, scope: Scope): SqlTag | undefined {
  if (tag.type === AST_NODE_TYPES.Identifier) return identifierTag(tag, scope);
  if (tag.type === AST_NODE_TYPES.MemberExpression) {
    const property = staticPropertyName(tag);
    if (property === undefined) return undefined;
    if (PRISMA_RAW_TAG_METHODS.has(property)) return { source: '@prisma/client', evidence: 'name' };
    if (property === 'sql' && tag.object.type === AST_NODE_TYPES.Identifier) {
      const origin = getImportOrigin(tag.object, scope);
      if (origin && PRISMA_NAMESPACE_SOURCES.has(origin.source)) return { source: origin.source, evidence: 'import' };
      return { evidence: 'name' }; // Prisma.sql from a re-export, db.sql (@vercel/postgres)
    }
    if (TAG_MEMBER_TAGS.has(property) && tag.object.type === AST_NODE_TYPES.Identifier) return identifierTag(tag.object, scope);
    return undefined;
  }
  if (tag.type === AST_NODE_TYPES.CallExpression && tag.callee.type === AST_NODE_TYPES.MemberExpression) {
    const property = staticPropertyName(tag.callee);
    if (property !== undefined && TAG_FACTORY_METHODS.has(property) && tag.callee.object.type === AST_NODE_TYPES.Identifier) {
      return identifierTag(tag.callee.object, scope);
    }
  }
  return undefined;
}

function identifierTag(identifier: TSESTree.Identifier, scope: Scope): SqlTag | undefined {
  const origin = getImportOrigin(identifier, scope);
  if (origin && SQL_TAG_EXPORTS[origin.source]?.includes(origin.imported)) return { source: origin.source, evidence: 'import' };
  const factorySource = tagFactorySource(identifier, scope);
  if (factorySource !== undefined) return { source: factorySource, evidence: 'import' };
  if (SQL_TAG_NAMES.has(identifier.name)) return { evidence: 'name' };
  return undefined;
}

/** `const sql = postgres(url)`: the package of the factory that made the tag. */
function tagFactorySource(identifier: TSESTree.Identifier, scope: Scope): string | undefined {
  const variable = findVariable(scope as never, identifier as never) as TSESLint.Scope.Variable | null;
  const def = variable?.defs[0];
  if (def?.type !== 'Variable') return undefined;
  let init = (def.node as TSESTree.VariableDeclarator).init;
  if (init?.type === AST_NODE_TYPES.AwaitExpression) init = init.argument;
  if (init?.type !== AST_NODE_TYPES.CallExpression || init.callee.type !== AST_NODE_TYPES.Identifier) return undefined;
  const origin = getImportOrigin(init.callee, variable!.scope);
  if (origin && SQL_TAG_FACTORIES[origin.source]?.includes(origin.imported)) return origin.source;
  return undefined;
}

/** The tag returns the template's own text: `String.raw`, `dedent` and friends. */
export function isStringTag(tag: TSESTree.Expression, scope: Scope): boolean {
  if (tag.type === AST_NODE_TYPES.Identifier) return STRING_TAG_NAMES.has(tag.name);
  return (
    tag.type === AST_NODE_TYPES.MemberExpression &&
    tag.object.type === AST_NODE_TYPES.Identifier &&
    tag.object.name === 'String' &&
    staticPropertyName(tag) === 'raw' &&
    isGlobal(tag.object, scope)
  );
}

/**
 * A call that splices its argument into an SQL tag's text unescaped: `sql.raw(x)` (Drizzle, Kysely),
 * `Prisma.raw(x)`, `sql.unsafe(x)` (postgres.js). Returns the argument.
 */
export function rawFragmentArgument(call: TSESTree.CallExpression, scope: Scope): TSESTree.Node | undefined {
  const callee = call.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.Identifier) return undefined;
  const property = staticPropertyName(callee);
  if (property !== 'raw' && property !== 'unsafe') return undefined;
  const object = callee.object;
  const isPrisma = object.name === 'Prisma' || PRISMA_NAMESPACE_SOURCES.has(getImportOrigin(object, scope)?.source ?? '');
  if (!isPrisma && !getSqlTag(object, scope)) return undefined;
  return call.arguments[0];
}

export function staticPropertyName(member: TSESTree.MemberExpression): string | undefined {
  if (!member.computed && member.property.type === AST_NODE_TYPES.Identifier) return member.property.name;
  if (member.computed && member.property.type === AST_NODE_TYPES.Literal && typeof member.property.value === 'string') return member.property.value;
  return undefined;
}

function isGlobal(identifier: TSESTree.Identifier, scope: Scope): boolean {
  const variable = findVariable(scope as never, identifier as never) as TSESLint.Scope.Variable | null;
  return !variable || variable.defs.length === 0;
}

/** The template's text starts with a function call: `` sql`ts_rank(tsv, …)` ``, `` sql`generate_series(…)` ``. */
export function startsWithFunctionCall(template: TSESTree.TemplateLiteral): boolean {
  return /^\s*[A-Za-z_][\w.]*\s*\(/.test(template.quasis[0].value.raw);
}

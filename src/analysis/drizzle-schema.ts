/**
 * The unique keys a Drizzle table declares: columns marked `.primaryKey()` or `.unique()`, and the column lists of
 * `primaryKey({ columns: [t.a, t.b] })`, `unique().on(t.a, t.b)` and `uniqueIndex().on(t.a, t.b)` in its extra
 * configuration. A `where` that pins such a key returns at most one row per value it is given, as a lookup by `id` does.
 *
 * The table is the object a query's columns are read from (`eq(pageComponent.pageId, id)`): a `const` of the linted
 * file, or one it imports from the project's schema modules (read from disk, see module-files.ts, which follows the
 * nearest tsconfig's path aliases), also through a namespace import (`schema.monitorStatus.monitorId`). With type
 * information, the checker names the declaring file of an import the disk search cannot resolve.
 */
import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import { soleReturnedExpression } from '../ast/code-shape';
import { memberName, skipExpressionWrappers } from '../ast/expressions';
import { AST_NODE_TYPES } from '../ast/node-types';
import { constInitializer, getTypeServices } from './library-origin';
import { chainSteps } from './query-shape';
import { exportedConst, exportedNamespace, moduleParserFor, moduleSummary, resolveProjectModule, type ModuleParser } from './module-files';
import { importedName } from './modules';
import { FileCache } from './per-file';
import { symbolAtLocation, typescript } from './typescript-module';

export interface DrizzleTableKeys {
  /** Columns unique on their own, by the property name queries read them with (`pageComponent.id` → `id`). */
  fields: ReadonlySet<string>;
  /** Column lists unique together. */
  compounds: readonly (readonly string[])[];
}

/** Answers a query's table: the keys of the table an expression names, when its definition can be found. */
export type DrizzleTableLookup = (table: TSESTree.Node) => DrizzleTableKeys | undefined;

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** Per file, by the table expression's text: a query's conditions name the same few tables again and again. */
const lookupsByFile = new FileCache<Map<string, DrizzleTableKeys | null>>();

/** The table lookup for the linted file (see the module's comment). */
export function drizzleTableLookup(context: Context): DrizzleTableLookup {
  const { sourceCode } = context;
  return (table) => {
    const node = skipExpressionWrappers(table);
    if (node.type !== AST_NODE_TYPES.Identifier && node.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const known = lookupsByFile.get(sourceCode, () => new Map());
    const text = sourceCode.getText(node);
    let keys = known.get(text);
    if (keys === undefined) {
      keys = findTableKeys(context, node) ?? null;
      known.set(text, keys);
    }
    return keys ?? undefined;
  };
}

/** The keys of the table named by `name` in the linted file's module scope (`db.query.pageComponent` → the imported `pageComponent`). */
export function drizzleTableKeysByName(context: Context, name: string): DrizzleTableKeys | undefined {
  const moduleScope = context.sourceCode.scopeManager?.globalScope?.childScopes.find((scope) => scope.type === 'module') ?? context.sourceCode.scopeManager?.globalScope;
  const variable = moduleScope?.set.get(name);
  const identifier = variable?.identifiers[0];
  return identifier ? drizzleTableLookup(context)(identifier) : undefined;
}

function findTableKeys(context: Context, node: TSESTree.Identifier | TSESTree.MemberExpression): DrizzleTableKeys | undefined {
  const parse = moduleParserFor(context);
  const definition = tableDefinition(context, node, parse);
  if (definition) return tableKeysOf(definition);
  return parse ? typedTableDefinition(context, node, parse) : undefined;
}

/** The table's `xTable(…)` call, found without type information. */
function tableDefinition(context: Context, node: TSESTree.Identifier | TSESTree.MemberExpression, parse: ModuleParser | undefined): TSESTree.Node | undefined {
  const { sourceCode } = context;
  if (node.type === AST_NODE_TYPES.MemberExpression) {
    // `schema.monitorStatus` with `import * as schema from '@acme/db/schema'`.
    const name = memberName(node);
    if (node.computed || name === undefined || node.object.type !== AST_NODE_TYPES.Identifier || !parse) return undefined;
    const binding = importBinding(sourceCode, node.object);
    if (!binding) return undefined;
    const imported = resolveProjectModule(context.cwd, context.filename, binding.source);
    // Or a namespace a module re-exports: `import { schema } from '@acme/db'` with `export * as schema from './schema'`.
    const file = binding.imported === '*' || imported === undefined ? imported : exportedNamespace(context.cwd, parse, imported, binding.imported);
    return file === undefined ? undefined : exportedConst(context.cwd, parse, file, name)?.init;
  }
  const binding = importBinding(sourceCode, node);
  if (!binding) return constInitializer(node, sourceCode.getScope(node));
  if (binding.imported === '*' || !parse) return undefined;
  const file = resolveProjectModule(context.cwd, context.filename, binding.source);
  return file === undefined ? undefined : exportedConst(context.cwd, parse, file, binding.imported)?.init;
}

function importBinding(sourceCode: Readonly<TSESLint.SourceCode>, identifier: TSESTree.Identifier): { source: string; imported: string } | undefined {
  const variable = findVariable(sourceCode.getScope(identifier) as never, identifier as never) as TSESLint.Scope.Variable | null;
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  const declaration = def?.parent as TSESTree.Node | null | undefined;
  if (def?.type !== 'ImportBinding' || declaration?.type !== AST_NODE_TYPES.ImportDeclaration) return undefined;
  return { source: declaration.source.value, imported: importedName(def.node as TSESTree.Node) };
}

/** With type information: the file the checker says declares the table, read from disk like any other module. */
function typedTableDefinition(context: Context, node: TSESTree.Identifier | TSESTree.MemberExpression, parse: ModuleParser): DrizzleTableKeys | undefined {
  const types = getTypeServices(context);
  if (!types) return undefined;
  const tsNode = types.services.esTreeNodeToTSNodeMap.get((node.type === AST_NODE_TYPES.MemberExpression ? node.property : node) as never) as ts.Node | undefined;
  const declaration = symbolAtLocation(types.checker, tsNode)?.valueDeclaration;
  if (!declaration || !typescript().isVariableDeclaration(declaration) || !typescript().isIdentifier(declaration.name)) return undefined;
  const init = moduleSummary(declaration.getSourceFile().fileName, parse)?.consts.get(declaration.name.text);
  return init ? tableKeysOf(init) : undefined;
}

/** Table constructors: `pgTable`, `mysqlTable`, `sqliteTable`, `singlestoreTable`, a `pgTableCreator`'s `createTable`; `pgSchema(…).table`. */
function isTableConstructor(callee: TSESTree.Node): boolean {
  const current = skipExpressionWrappers(callee);
  if (current.type === AST_NODE_TYPES.Identifier) return current.name.endsWith('Table') || current.name === 'table';
  return current.type === AST_NODE_TYPES.MemberExpression && memberName(current) === 'table';
}

/** The keys of `xTable('name', columns, extraConfig)`; undefined for anything else. */
export function tableKeysOf(definition: TSESTree.Node): DrizzleTableKeys | undefined {
  const call = skipExpressionWrappers(definition);
  if (call.type !== AST_NODE_TYPES.CallExpression || !isTableConstructor(call.callee) || call.arguments.length < 2) return undefined;
  const columns = objectOf(call.arguments[1]);
  if (!columns) return undefined;
  const fields = new Set<string>();
  const compounds: string[][] = [];
  for (const property of columns.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const name = propertyName(property);
    const value = skipExpressionWrappers(property.value);
    if (name !== undefined && value.type === AST_NODE_TYPES.CallExpression && chainSteps(value).some(({ method }) => method === 'primaryKey' || method === 'unique')) fields.add(name);
  }
  for (const key of extraKeys(call.arguments[2])) {
    if (key.length === 1) fields.add(key[0]);
    else if (key.length > 1) compounds.push(key);
  }
  return { fields, compounds };
}

/** The columns object: written inline, or returned by the columns callback (`(t) => ({ id: t.integer().primaryKey() })`). */
function objectOf(node: TSESTree.Node | undefined): TSESTree.ObjectExpression | undefined {
  if (!node) return undefined;
  let current = skipExpressionWrappers(node);
  if (current.type === AST_NODE_TYPES.ArrowFunctionExpression || current.type === AST_NODE_TYPES.FunctionExpression) {
    const returned = soleReturnedExpression(current);
    if (!returned) return undefined;
    current = skipExpressionWrappers(returned);
  }
  return current.type === AST_NODE_TYPES.ObjectExpression ? current : undefined;
}

function propertyName(property: TSESTree.Property): string | undefined {
  if (!property.computed && property.key.type === AST_NODE_TYPES.Identifier) return property.key.name;
  return property.key.type === AST_NODE_TYPES.Literal && typeof property.key.value === 'string' ? property.key.value : undefined;
}

/** The keys the extra configuration declares: `(t) => [primaryKey({ columns: [t.a, t.b] }), unique().on(t.c)]`, or the older object form. */
function extraKeys(extra: TSESTree.Node | undefined): string[][] {
  if (!extra) return [];
  const fn = skipExpressionWrappers(extra);
  if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.type !== AST_NODE_TYPES.FunctionExpression) return [];
  const returned = soleReturnedExpression(fn);
  const body = returned && skipExpressionWrappers(returned);
  const entries =
    body?.type === AST_NODE_TYPES.ArrayExpression
      ? body.elements
      : body?.type === AST_NODE_TYPES.ObjectExpression
        ? body.properties.map((property) => (property.type === AST_NODE_TYPES.Property ? property.value : null))
        : [];
  const keys: string[][] = [];
  for (const entry of entries) {
    const key = entry && entry.type !== AST_NODE_TYPES.SpreadElement ? declaredKey(entry) : undefined;
    if (key) keys.push(key);
  }
  return keys;
}

/** `primaryKey({ columns: [t.a, t.b] })`, `primaryKey(t.a, t.b)`, `unique().on(t.a, t.b)`, `uniqueIndex('i').on(t.a)`; not a partial index (`.where(…)`). */
function declaredKey(entry: TSESTree.Node): string[] | undefined {
  const call = skipExpressionWrappers(entry);
  if (call.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'primaryKey') {
    const first = call.arguments[0] && skipExpressionWrappers(call.arguments[0]);
    if (first?.type === AST_NODE_TYPES.ObjectExpression) {
      const columns = first.properties.find((property): property is TSESTree.Property => property.type === AST_NODE_TYPES.Property && propertyName(property) === 'columns');
      const list = columns && skipExpressionWrappers(columns.value);
      return list?.type === AST_NODE_TYPES.ArrayExpression ? columnNames(list.elements) : undefined;
    }
    return columnNames(call.arguments);
  }
  // `unique('name').on(t.a, t.b)`, possibly followed by `.nullsNotDistinct()`.
  const steps = chainSteps(call);
  const head = steps.at(-1)!;
  const maker = head.method === undefined ? skipExpressionWrappers(head.call.callee) : undefined;
  if (maker?.type !== AST_NODE_TYPES.Identifier || (maker.name !== 'unique' && maker.name !== 'uniqueIndex')) return undefined;
  if (steps.some(({ method }) => method === 'where')) return undefined;
  const on = steps.find(({ method }) => method === 'on');
  if (on) return columnNames(on.call.arguments);
  // drizzle-kit's introspection: `uniqueIndex('k').using('btree', t.a.asc().nullsLast().op('uuid_ops'), t.b…)`.
  const using = steps.find(({ method }) => method === 'using');
  return using && using.call.arguments.length > 1 ? columnNames(using.call.arguments.slice(1).map(indexedColumn)) : undefined;
}

/** Index column options that leave the column: `.asc()`, `.desc()`, `.nullsFirst()`, `.nullsLast()`, `.op('text_ops')`. */
const INDEX_COLUMN_OPTIONS = new Set(['asc', 'desc', 'nullsFirst', 'nullsLast', 'op']);

/** `t.a.asc().nullsLast().op('uuid_ops')` → `t.a`; anything else as it is. */
function indexedColumn(node: TSESTree.Node): TSESTree.Node {
  let current = skipExpressionWrappers(node);
  for (let depth = 0; depth < 8 && current.type === AST_NODE_TYPES.CallExpression; depth++) {
    const callee = skipExpressionWrappers(current.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || !INDEX_COLUMN_OPTIONS.has(memberName(callee) ?? '')) break;
    current = skipExpressionWrappers(callee.object);
  }
  return current;
}

/** `t.a, t.b` → `a`, `b`; undefined when any is not a column read (an expression index). */
function columnNames(nodes: readonly (TSESTree.Node | null)[]): string[] | undefined {
  const names: string[] = [];
  for (const node of nodes) {
    const column = node && skipExpressionWrappers(node);
    const name = column?.type === AST_NODE_TYPES.MemberExpression ? memberName(column) : undefined;
    if (name === undefined) return undefined;
    names.push(name);
  }
  return names.length > 0 ? names : undefined;
}

/**
 * Which values hold the rows a database read returned, and where those rows are read again.
 *
 * Followed, within one function:
 * - the awaited query itself: `(await prisma.user.findMany()).filter(…)`;
 * - a variable that holds the awaited result and is never reassigned: `const users = await repo.find()`;
 * - pg results: `const { rows } = await pool.query(…)`, `const res = await pool.query(…); res.rows`,
 *   `(await pool.query(…)).rows`;
 * - mysql2 results: `const [rows] = await pool.query(…)`, `res[0]`;
 * - `const [users, orders] = await Promise.all([prisma.user.findMany(), …])`.
 * Not followed: `.then(callback)`, rows returned from another function, stored in object properties or
 * class fields, reassigned variables, and builders kept in a variable before being awaited.
 *
 * Which reads return a list of rows, and whether they already filter or cap it: src/analysis/query-shape.ts.
 */
import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast/node-types';
import { runsRepeatedly } from '../ast/code-shape';
import { getDbOperations, type DbLibrary, type DbOperationAnalyzer } from './db-operations';
import { memberName, parentSkippingWrappers, skipExpressionWrappers } from './library-origin';
import { listReadShape, type ListReadShape } from './query-shape';
import { FileCache } from './per-file';

type Variable = TSESLint.Scope.Variable;

/** A database read that returns a list of rows. */
export interface RowQuery extends ListReadShape {
  library: DbLibrary;
  /** `findMany`, `find`, `findAll`, `select`, `query`, `$queryRaw`, … */
  method: string;
  /** The call (or tagged template) that sends the query: the one awaited. */
  node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression;
  /** The call that names the operation (`prisma.user.findMany(…)`, `db('users')` at a chain's head). */
  operationCall: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression;
}

/** A variable through which the rows are read. */
export interface RowsHolder {
  variable: Variable;
  /** The variable holds the rows (`self`), or a driver result they are part of: `res.rows` (pg), `res[0]` (mysql2). */
  access: 'self' | 'rows' | 'first';
  declarator: TSESTree.VariableDeclarator;
}

export interface QueryRows {
  query: RowQuery;
  /** Set when the rows reach the expression through a variable. */
  holder?: RowsHolder;
}

export interface RowsRead {
  /** An expression evaluating to the rows: `users`, `res.rows`, `res[0]`. */
  node: TSESTree.Expression;
  /** The read may run several times per query: it sits in a function or a loop that the holder's declaration is not in. */
  repeated: boolean;
}

export interface RowsUses {
  /** Every read of the rows through the holder, in source order. */
  reads: RowsRead[];
  /** Reads of the holding variable that are not reads of the rows: a whole pg result returned, `res.rowCount`. */
  otherReads: TSESTree.Identifier[];
}

export interface QueryResultAnalyzer {
  /** The list read that `node` sends, if it is the outermost call of one (or a `$queryRaw` template). */
  listQuery(node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression): RowQuery | undefined;
  /** The query whose full list of rows `node` evaluates to, if any. */
  rowsOf(node: TSESTree.Node): QueryRows | undefined;
  /** Where the rows in `holder` are read. */
  usesOf(holder: RowsHolder): RowsUses;
}

class Analyzer implements QueryResultAnalyzer {
  private readonly queries = new WeakMap<TSESTree.Node, RowQuery | null>();
  private readonly bindings = new WeakMap<Variable, QueryRows | null>();
  private readonly uses = new WeakMap<Variable, RowsUses>();

  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly dbOperations: DbOperationAnalyzer,
  ) {}

  listQuery(node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression): RowQuery | undefined {
    const cached = this.queries.get(node);
    if (cached !== undefined) return cached ?? undefined;
    let query: RowQuery | undefined;
    try {
      query = this.computeListQuery(node);
    } catch {
      query = undefined;
    }
    this.queries.set(node, query ?? null);
    return query;
  }

  rowsOf(node: TSESTree.Node): QueryRows | undefined {
    const current = skipExpressionWrappers(node);
    switch (current.type) {
      case AST_NODE_TYPES.AwaitExpression: {
        const query = this.awaitedQuery(current);
        return query?.delivery === 'rows' ? { query } : undefined;
      }
      case AST_NODE_TYPES.Identifier: {
        const bound = this.binding(current);
        return bound?.holder?.access === 'self' ? bound : undefined;
      }
      case AST_NODE_TYPES.MemberExpression: {
        const name = memberName(current);
        if (name === 'rows' && !current.computed) return this.resultPart(current.object, 'pg-result');
        if (name === '0' && current.computed) return this.resultPart(current.object, 'mysql2-result');
        return undefined;
      }
      default:
        return undefined;
    }
  }

  usesOf(holder: RowsHolder): RowsUses {
    let uses = this.uses.get(holder.variable);
    if (!uses) {
      uses = { reads: [], otherReads: [] };
      for (const reference of holder.variable.references) {
        if (reference.init) continue;
        const identifier = reference.identifier as TSESTree.Identifier;
        const read = holder.access === 'self' ? identifier : resultPartRead(identifier, holder.access);
        if (read) uses.reads.push({ node: read, repeated: runsRepeatedly(read, holder.declarator) });
        else uses.otherReads.push(identifier);
      }
      this.uses.set(holder.variable, uses);
    }
    return uses;
  }

  private computeListQuery(node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression): RowQuery | undefined {
    const operation = node.type === AST_NODE_TYPES.CallExpression ? this.dbOperations.classify(node) : this.dbOperations.classifyTaggedTemplate(node);
    if (!operation || operation.node !== node) return undefined;
    const shape = listReadShape(operation, this.sourceCode.getScope(node));
    if (!shape) return undefined;
    const operationCall = 'operationCall' in operation ? operation.operationCall : node;
    return { ...shape, library: operation.library, method: operation.method, node, operationCall };
  }

  private awaitedQuery(node: TSESTree.AwaitExpression): RowQuery | undefined {
    const argument = skipExpressionWrappers(node.argument);
    if (argument.type === AST_NODE_TYPES.CallExpression || argument.type === AST_NODE_TYPES.TaggedTemplateExpression) return this.listQuery(argument);
    return undefined;
  }

  /** `x.rows` / `x[0]` where `x` is a whole pg / mysql2 result: awaited in place or held in a variable. */
  private resultPart(object: TSESTree.Node, delivery: 'pg-result' | 'mysql2-result'): QueryRows | undefined {
    const current = skipExpressionWrappers(object);
    if (current.type === AST_NODE_TYPES.AwaitExpression) {
      const query = this.awaitedQuery(current);
      return query?.delivery === delivery ? { query } : undefined;
    }
    if (current.type !== AST_NODE_TYPES.Identifier) return undefined;
    const bound = this.binding(current);
    return bound?.query.delivery === delivery && bound.holder?.access !== 'self' ? bound : undefined;
  }

  /** What the variable behind `identifier` holds, when it is bound once to an awaited query's result. */
  private binding(identifier: TSESTree.Identifier): QueryRows | undefined {
    const variable = findVariable(this.sourceCode.getScope(identifier) as never, identifier as never) as Variable | null;
    if (!variable) return undefined;
    const cached = this.bindings.get(variable);
    if (cached !== undefined) return cached ?? undefined;
    let bound: QueryRows | undefined;
    try {
      bound = this.computeBinding(variable);
    } catch {
      bound = undefined;
    }
    this.bindings.set(variable, bound ?? null);
    return bound;
  }

  private computeBinding(variable: Variable): QueryRows | undefined {
    if (variable.defs.length !== 1) return undefined;
    const def = variable.defs[0];
    if (def.type !== 'Variable') return undefined;
    const declarator = def.node as TSESTree.VariableDeclarator;
    if (!declarator.init || variable.references.some((reference) => reference.isWrite() && !reference.init)) return undefined;
    // `ids.length > 0 ? await db.select()… : []`: the read's rows, or none at all.
    const init = skipExpressionWrappers(branchBesideEmpty(declarator.init));
    if (init.type !== AST_NODE_TYPES.AwaitExpression) return undefined;
    const name = def.name as TSESTree.Identifier;
    const id = declarator.id;

    if (id === name) {
      const query = this.awaitedQuery(init);
      if (!query) return undefined;
      const access = query.delivery === 'rows' ? 'self' : query.delivery === 'pg-result' ? 'rows' : 'first';
      return { query, holder: { variable, access, declarator } };
    }
    // const { rows } = await pool.query(…)
    if (id.type === AST_NODE_TYPES.ObjectPattern) {
      const property = id.properties.find((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && patternTarget(p.value) === name);
      if (!property || property.computed || property.key.type !== AST_NODE_TYPES.Identifier || property.key.name !== 'rows') return undefined;
      const query = this.awaitedQuery(init);
      return query?.delivery === 'pg-result' ? { query, holder: { variable, access: 'self', declarator } } : undefined;
    }
    if (id.type === AST_NODE_TYPES.ArrayPattern) {
      const index = id.elements.findIndex((element) => element !== null && patternTarget(element) === name);
      if (index < 0) return undefined;
      // const [users, orders] = await Promise.all([prisma.user.findMany(), …])
      const elements = promiseAllElements(init.argument, this.sourceCode);
      if (elements) {
        const element = elements[index];
        // `ids.length > 0 ? db.select()…all() : Promise.resolve([])` (OpenStatus's page content).
        const call = element && skipExpressionWrappers(branchBesideEmpty(element));
        if (call?.type !== AST_NODE_TYPES.CallExpression && call?.type !== AST_NODE_TYPES.TaggedTemplateExpression) return undefined;
        const query = this.listQuery(call);
        return query?.delivery === 'rows' ? { query, holder: { variable, access: 'self', declarator } } : undefined;
      }
      // const [rows] = await pool.query(…) (mysql2)
      if (index !== 0) return undefined;
      const query = this.awaitedQuery(init);
      return query?.delivery === 'mysql2-result' ? { query, holder: { variable, access: 'self', declarator } } : undefined;
    }
    return undefined;
  }
}

/**
 * The other branch of `cond ? x : []` or `cond ? x : Promise.resolve([])` (either way round): the value is `x`'s rows
 * or none, so it holds whatever rows `x` holds. Anything else is returned as it is.
 */
function branchBesideEmpty(node: TSESTree.Node): TSESTree.Node {
  const current = skipExpressionWrappers(node);
  if (current.type !== AST_NODE_TYPES.ConditionalExpression) return node;
  if (isEmptyRows(current.alternate)) return current.consequent;
  return isEmptyRows(current.consequent) ? current.alternate : node;
}

/** `[]`, `Promise.resolve([])`, `Promise.resolve([] as Row[])`. */
function isEmptyRows(node: TSESTree.Node): boolean {
  const current = skipExpressionWrappers(node);
  if (current.type === AST_NODE_TYPES.ArrayExpression) return current.elements.length === 0;
  if (current.type !== AST_NODE_TYPES.CallExpression || current.arguments.length !== 1) return false;
  const callee = skipExpressionWrappers(current.callee);
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    !callee.computed &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    callee.object.name === 'Promise' &&
    memberName(callee) === 'resolve' &&
    isEmptyRows(current.arguments[0])
  );
}

/** The identifier a destructuring element binds directly (`rows`, `rows = []`); nested patterns bind nothing here. */
function patternTarget(node: TSESTree.Node): TSESTree.Node {
  return node.type === AST_NODE_TYPES.AssignmentPattern ? node.left : node;
}

/** The array literal of `Promise.all([…])` (the global Promise), if `node` is such a call. */
export function promiseAllElements(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): (TSESTree.Node | null)[] | undefined {
  const call = skipExpressionWrappers(node);
  if (call.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(callee) !== 'all') return undefined;
  const object = skipExpressionWrappers(callee.object);
  if (object.type !== AST_NODE_TYPES.Identifier || object.name !== 'Promise') return undefined;
  const declared = findVariable(sourceCode.getScope(object) as never, object as never) as Variable | null;
  if (declared && declared.defs.length > 0) return undefined;
  const list = call.arguments[0] && skipExpressionWrappers(call.arguments[0]);
  if (list?.type !== AST_NODE_TYPES.ArrayExpression || list.elements.some((element) => element?.type === AST_NODE_TYPES.SpreadElement)) return undefined;
  return list.elements;
}

/** `res.rows` / `res[0]` around a reference to a held driver result. */
function resultPartRead(identifier: TSESTree.Identifier, access: 'rows' | 'first'): TSESTree.Expression | undefined {
  const { child, parent } = parentSkippingWrappers(identifier);
  if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== child) return undefined;
  const name = memberName(parent);
  if (access === 'rows') return name === 'rows' && !parent.computed ? parent : undefined;
  return name === '0' && parent.computed ? parent : undefined;
}

const analyzers = new FileCache<Analyzer>();

/** One analyzer per linted file, shared by every rule that asks (cached on the SourceCode object). */
export function getQueryResults(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): QueryResultAnalyzer {
  return analyzers.get(context.sourceCode, () => new Analyzer(context.sourceCode, getDbOperations(context)));
}

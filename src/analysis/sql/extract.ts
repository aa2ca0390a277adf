/**
 * The SQL text an expression holds: string literals, template literals, SQL-tagged templates, `+`
 * concatenations of those, and `const` bindings of them in the same file.
 *
 * Built with an explicit work stack (a 100 000-term concatenation is a 100 000-deep tree) and within
 * fixed budgets: at most MAX_HOPS bindings followed in a row (so reference cycles end), at most
 * MAX_RESOLUTIONS bindings inlined per text, and no inlining past MAX_INLINED_LENGTH characters.
 */
import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../../ast/node-types';
import type { SqlHole, SqlHoleKind, SqlText, SqlTextPiece } from './sql-text';
import { getSqlTag, isStringTag, rawFragmentArgument, staticPropertyName } from './tags';
import { HOLE_MARKER } from './tokenizer';

type Scope = TSESLint.Scope.Scope;

const MAX_HOPS = 4;
const MAX_RESOLUTIONS = 100;
const MAX_INLINED_LENGTH = 4_000_000;

/**
 * The SQL text `node` holds, or undefined when it holds no literal text at all (a call result, a
 * parameter, an unknown tag). `scope` is the scope `node` is in (`sourceCode.getScope(node)`).
 */
export function getSqlText(node: TSESTree.Node, scope: Scope): SqlText | undefined {
  // Several rules read the SQL of the same call (no-select-star, prefer-parameterized-query, …): built once.
  const cached = sqlTexts.get(node);
  if (cached && cached.scope === scope) return cached.sql;
  const sql = buildSqlText(node, scope);
  sqlTexts.set(node, { scope, sql });
  return sql;
}

/** Per AST node (so per linted file, and gone with it): the text built for it, and the scope it was read in. */
const sqlTexts = new WeakMap<TSESTree.Node, { scope: Scope; sql: SqlText | undefined }>();

function buildSqlText(node: TSESTree.Node, scope: Scope): SqlText | undefined {
  const resolved = resolveBinding(node, scope, 0);
  if (!resolved) return undefined;
  const { node: expression, scope: expressionScope, hops } = resolved;
  const builder = new SqlTextBuilder();
  if (expression.type === AST_NODE_TYPES.TaggedTemplateExpression) {
    if (getSqlTag(expression.tag, expressionScope)) {
      builder.tagged = true;
      builder.run({ kind: 'tagged-template', template: expression.quasi, scope: expressionScope, hops });
    } else if (isStringTag(expression.tag, expressionScope)) {
      builder.run({ kind: 'template', template: expression.quasi, scope: expressionScope, hops, useRaw: isRawTag(expression.tag) });
    } else {
      return undefined;
    }
  } else if (isTextShaped(expression)) {
    builder.run({ kind: 'text', node: expression, scope: expressionScope, hops, leaf: 'interpolation' });
  } else {
    return undefined;
  }
  return builder.result();
}

/** Where a spliced hole started, filled in when its work begins. */
interface HoleMark {
  start: number;
  holeCount: number;
}

type Work =
  /** Text spliced in place: literal text, or an expression resolved to text; `leaf` if it cannot be. */
  | { kind: 'text'; node: TSESTree.Node; scope: Scope; hops: number; leaf: SqlHoleKind }
  /** A template literal whose holes are spliced text. */
  | { kind: 'template'; template: TSESTree.TemplateLiteral; scope: Scope; hops: number; useRaw: boolean }
  /** The template of an SQL tag: holes are parameters unless they are SQL fragments themselves. */
  | { kind: 'tagged-template'; template: TSESTree.TemplateLiteral; scope: Scope; hops: number }
  | { kind: 'tagged-hole'; node: TSESTree.Node; scope: Scope; hops: number }
  | { kind: 'quasi'; element: TSESTree.TemplateElement; template: TSESTree.TemplateLiteral; useRaw: boolean }
  | { kind: 'begin-hole'; mark: HoleMark }
  /** Closes a spliced hole: if it produced no placeholder, its value was constant and is now inlined. */
  | { kind: 'end-hole'; node: TSESTree.Node; mark: HoleMark };

class SqlTextBuilder {
  tagged = false;
  private readonly parts: string[] = [];
  private length = 0;
  private readonly pieces: SqlTextPiece[] = [];
  private readonly holes: SqlHole[] = [];
  private sawLiteral = false;
  private resolutions = 0;
  private readonly stack: Work[] = [];

  run(first: Work): void {
    this.stack.push(first);
    while (this.stack.length > 0) this.step(this.stack.pop()!);
  }

  result(): SqlText | undefined {
    if (!this.sawLiteral) return undefined;
    return { text: this.parts.join(''), pieces: this.pieces, holes: this.holes, tagged: this.tagged };
  }

  private step(work: Work): void {
    switch (work.kind) {
      case 'text':
        return this.text(work.node, work.scope, work.hops, work.leaf);
      case 'template':
        return this.template(work.template, work.useRaw, (expression) => this.splicedHole(expression, work.scope, work.hops, 'interpolation'));
      case 'tagged-template':
        return this.template(work.template, false, (expression) => [{ kind: 'tagged-hole', node: expression, scope: work.scope, hops: work.hops }]);
      case 'tagged-hole':
        return this.taggedHole(work.node, work.scope, work.hops);
      case 'quasi':
        return this.quasi(work.element, work.template, work.useRaw);
      case 'begin-hole':
        work.mark.start = this.length;
        work.mark.holeCount = this.holes.length;
        return;
      case 'end-hole':
        if (this.holes.length === work.mark.holeCount && this.length > work.mark.start) {
          this.holes.push({ kind: 'constant', expression: work.node, start: work.mark.start, end: this.length });
        }
        return;
    }
  }

  /** Schedules the template's segments and holes to run in source order. */
  private template(template: TSESTree.TemplateLiteral, useRaw: boolean, holeWork: (expression: TSESTree.Expression) => Work[]): void {
    const work: Work[] = [];
    template.quasis.forEach((element, index) => {
      work.push({ kind: 'quasi', element, template, useRaw });
      const expression = template.expressions[index];
      if (expression) work.push(...holeWork(expression));
    });
    this.schedule(work);
  }

  /** Pushes work items so that they run in the order given. */
  private schedule(work: readonly Work[]): void {
    for (let i = work.length - 1; i >= 0; i--) this.stack.push(work[i]);
  }

  /** An expression spliced into the text: inlined when it resolves to constant text, else a placeholder. */
  private splicedHole(expression: TSESTree.Node, scope: Scope, hops: number, leaf: SqlHoleKind): Work[] {
    const mark: HoleMark = { start: 0, holeCount: 0 };
    return [
      { kind: 'begin-hole', mark },
      { kind: 'text', node: expression, scope, hops, leaf },
      { kind: 'end-hole', node: expression, mark },
    ];
  }

  private text(node: TSESTree.Node, scope: Scope, hops: number, leaf: SqlHoleKind): void {
    const expression = unwrap(node);
    if (expression.type === AST_NODE_TYPES.Literal) {
      if (typeof expression.value === 'string') return this.stringLiteral(expression as TSESTree.StringLiteral);
      if (typeof expression.value === 'number' || typeof expression.value === 'bigint') return this.append(String(expression.value));
      return this.placeholder(leaf, node);
    }
    if (expression.type === AST_NODE_TYPES.TemplateLiteral) {
      this.stack.push({ kind: 'template', template: expression, scope, hops, useRaw: false });
      return;
    }
    if (expression.type === AST_NODE_TYPES.BinaryExpression && isStringConcatenation(expression)) {
      const work: Work[] = [];
      for (const operand of [expression.left, expression.right]) {
        if (isTextShaped(unwrap(operand))) work.push({ kind: 'text', node: operand, scope, hops, leaf });
        else work.push(...this.splicedHole(operand, scope, hops, leaf));
      }
      this.schedule(work);
      return;
    }
    if (expression.type === AST_NODE_TYPES.TaggedTemplateExpression && isStringTag(expression.tag, scope)) {
      this.stack.push({ kind: 'template', template: expression.quasi, scope, hops, useRaw: isRawTag(expression.tag) });
      return;
    }
    if ((expression.type === AST_NODE_TYPES.Identifier || expression.type === AST_NODE_TYPES.MemberExpression) && this.canResolve(hops)) {
      const resolved = resolveBinding(expression, scope, hops);
      if (resolved && resolved.node !== expression) {
        this.resolutions++;
        this.stack.push({ kind: 'text', node: resolved.node, scope: resolved.scope, hops: resolved.hops, leaf });
        return;
      }
    }
    this.placeholder(leaf, node);
  }

  private taggedHole(node: TSESTree.Node, scope: Scope, hops: number): void {
    const expression = unwrap(node);
    if (expression.type === AST_NODE_TYPES.TaggedTemplateExpression && getSqlTag(expression.tag, scope)) {
      this.stack.push({ kind: 'tagged-template', template: expression.quasi, scope, hops });
      return;
    }
    if ((expression.type === AST_NODE_TYPES.Identifier || expression.type === AST_NODE_TYPES.MemberExpression) && this.canResolve(hops)) {
      const resolved = resolveBinding(expression, scope, hops);
      if (resolved && resolved.node !== expression) {
        const target = resolved.node;
        if (target.type === AST_NODE_TYPES.TaggedTemplateExpression && getSqlTag(target.tag, resolved.scope)) {
          this.resolutions++;
          this.stack.push({ kind: 'tagged-template', template: target.quasi, scope: resolved.scope, hops: resolved.hops });
          return;
        }
      }
    }
    if (expression.type === AST_NODE_TYPES.CallExpression) {
      const argument = rawFragmentArgument(expression, scope);
      if (argument) {
        this.schedule(this.splicedHole(argument, scope, hops, 'raw'));
        return;
      }
    }
    this.placeholder('parameter', node);
  }

  private canResolve(hops: number): boolean {
    return hops < MAX_HOPS && this.resolutions < MAX_RESOLUTIONS && this.length < MAX_INLINED_LENGTH;
  }

  private stringLiteral(literal: TSESTree.StringLiteral): void {
    const exact = !literal.raw.includes('\\');
    this.addPiece(literal.value, literal, literal, exact ? literal.range[0] + 1 : undefined);
  }

  private quasi(element: TSESTree.TemplateElement, template: TSESTree.TemplateLiteral, useRaw: boolean): void {
    const cooked = element.value.cooked as string | null;
    const value = useRaw || cooked === null ? element.value.raw : cooked;
    const exact = value === element.value.raw;
    this.addPiece(value, template, element, exact ? element.range[0] + 1 : undefined);
  }

  private addPiece(value: string, node: SqlTextPiece['node'], element: SqlTextPiece['element'], sourceStart: number | undefined): void {
    this.sawLiteral = true;
    if (value.length === 0) return;
    this.pieces.push({ start: this.length, end: this.length + value.length, node, element, sourceStart });
    this.append(value);
  }

  private append(value: string): void {
    this.parts.push(value);
    this.length += value.length;
  }

  private placeholder(kind: SqlHoleKind, expression: TSESTree.Node): void {
    this.holes.push({ kind, expression, start: this.length, end: this.length + 1 });
    this.append(HOLE_MARKER);
  }
}

/** Type-only wrappers and `.trim()`, which do not change which SQL runs. */
function unwrap(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
        current = current.expression;
        continue;
      case AST_NODE_TYPES.CallExpression:
        if (
          current.arguments.length === 0 &&
          current.callee.type === AST_NODE_TYPES.MemberExpression &&
          TRIM_METHODS.has(staticPropertyName(current.callee) ?? '')
        ) {
          current = current.callee.object;
          continue;
        }
        return current;
      default:
        return current;
    }
  }
}

const TRIM_METHODS = new Set(['trim', 'trimStart', 'trimEnd']);

function isTextShaped(node: TSESTree.Node): boolean {
  return (
    (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') ||
    node.type === AST_NODE_TYPES.TemplateLiteral ||
    (node.type === AST_NODE_TYPES.BinaryExpression && isStringConcatenation(node))
  );
}

/** A `+` chain with a string literal or template among the operands of its left spine (no recursion). */
function isStringConcatenation(node: TSESTree.BinaryExpression): boolean {
  let current: TSESTree.Node = node;
  while (current.type === AST_NODE_TYPES.BinaryExpression && current.operator === '+') {
    if (isLiteralText(unwrap(current.right))) return true;
    current = unwrap(current.left);
  }
  return isLiteralText(current);
}

function isLiteralText(node: TSESTree.Node): boolean {
  return (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') || node.type === AST_NODE_TYPES.TemplateLiteral;
}

function isRawTag(tag: TSESTree.Expression): boolean {
  return tag.type === AST_NODE_TYPES.MemberExpression;
}

interface ResolvedBinding {
  node: TSESTree.Node;
  scope: Scope;
  hops: number;
}

/**
 * Follows `const` bindings from `node`: an identifier to its initialiser, `OBJ.key` to the property of a
 * `const OBJ = { key: … }`. Stops after MAX_HOPS bindings, so cycles end. Returns `node` itself (unwrapped)
 * when there is nothing to follow, undefined when a binding cannot be followed.
 */
function resolveBinding(node: TSESTree.Node, scope: Scope, hops: number): ResolvedBinding | undefined {
  let current = unwrap(node);
  let currentScope = scope;
  let currentHops = hops;
  while (current.type === AST_NODE_TYPES.Identifier || current.type === AST_NODE_TYPES.MemberExpression) {
    if (currentHops >= MAX_HOPS) return undefined;
    const next = current.type === AST_NODE_TYPES.Identifier ? constInitializer(current, currentScope) : constObjectProperty(current, currentScope);
    if (!next) return undefined;
    current = unwrap(next.node);
    currentScope = next.scope;
    currentHops++;
  }
  return { node: current, scope: currentScope, hops: currentHops };
}

function constInitializer(identifier: TSESTree.Identifier, scope: Scope): { node: TSESTree.Node; scope: Scope } | undefined {
  const variable = findVariable(scope as never, identifier as never) as TSESLint.Scope.Variable | null;
  if (!variable || variable.defs.length !== 1) return undefined;
  const def = variable.defs[0];
  if (def.type !== 'Variable' || def.parent.kind !== 'const') return undefined;
  const declarator = def.node as TSESTree.VariableDeclarator;
  if (declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) return undefined;
  return { node: declarator.init, scope: variable.scope };
}

/** `QUERIES.byId` where `const QUERIES = { byId: '…' }` (also `as const`, `Object.freeze({…})`). */
function constObjectProperty(member: TSESTree.MemberExpression, scope: Scope): { node: TSESTree.Node; scope: Scope } | undefined {
  const key = staticPropertyName(member);
  if (key === undefined || member.object.type !== AST_NODE_TYPES.Identifier) return undefined;
  const binding = constInitializer(member.object, scope);
  if (!binding) return undefined;
  let object = unwrap(binding.node);
  if (
    object.type === AST_NODE_TYPES.CallExpression &&
    object.arguments.length === 1 &&
    object.callee.type === AST_NODE_TYPES.MemberExpression &&
    object.callee.object.type === AST_NODE_TYPES.Identifier &&
    object.callee.object.name === 'Object' &&
    staticPropertyName(object.callee) === 'freeze'
  ) {
    object = unwrap(object.arguments[0]);
  }
  if (object.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  let value: TSESTree.Node | undefined;
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.SpreadElement) {
      value = undefined; // a later spread may override anything before it
      continue;
    }
    if (property.kind !== 'init' || property.method) continue;
    const name = property.computed
      ? property.key.type === AST_NODE_TYPES.Literal && typeof property.key.value === 'string' ? property.key.value : undefined
      : property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : property.key.type === AST_NODE_TYPES.Literal ? String(property.key.value) : undefined;
    if (name === key) value = property.value;
  }
  return value ? { node: value, scope: binding.scope } : undefined;
}

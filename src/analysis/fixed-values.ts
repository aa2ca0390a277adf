/**
 * Which values an expression can take, as far as the code shows: only values the code itself spells out
 * (`fixed`), only numbers (`numeric`), a string run through an SQL escaping function (`escaped`), or
 * anything at all (`open`).
 *
 * Rules ask this about the pieces of SQL text and the arguments of queries: a fixed value cannot carry
 * SQL written by someone else, nor make a new statement per request; a number cannot carry SQL either.
 *
 * `fixed` covers: literals; `const` bindings of fixed values; module-level `const`s and imported bindings
 * (values set once per process by the code); `let` variables whose every assignment is fixed (a `switch`
 * assigning literals); enum members; any property of an object or array literal made of fixed values,
 * looked up with any key (`SORT_COLUMNS[req.query.sort] ?? 'created_at'`); `ALLOWED.includes(x) ? x : …`
 * guards; placeholder lists (`ids.map((_, i) => \`$${i + 1}\`).join(', ')`, `Array(n).fill('?').join()`) and
 * pg-promise named placeholders made from names (`columns.map((c) => \`$(${c})\`)`);
 * `process.env.*`; class properties initialised with fixed values; identifier-escaping functions
 * (`escapeIdentifier(x)`); and, from type annotations or with type information, values whose type is a
 * union of literal types or an enum.
 *
 * Everything is bounded: a fixed work budget per question, memoised per node, cycles assumed fixed (the
 * other assignments decide).
 */
import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast/node-types';
import { declaredFunctionOf, getTypeServices, memberName, resolveClassMember, enclosingClassOfThis, skipExpressionWrappers, type TypeServices } from './library-origin';
import { getImportOrigin } from './modules';
import { FileCache } from './per-file';
import { isModuleLevelDeclaration } from '../ast/code-shape';

type Scope = TSESLint.Scope.Scope;
type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression;

export type ValueKind =
  /** Only values the code spells out. */
  | 'fixed'
  /** Only numbers (coerced, computed or typed so): no SQL can hide in them, but they vary at runtime. */
  | 'numeric'
  /** A string literal escaped for SQL (`escapeLiteral(x)`, `mysql.escape(x)`): not injectable, varies at runtime. */
  | 'escaped'
  /** Anything. */
  | 'open';

export interface ValueClass {
  readonly kind: ValueKind;
  /** The sub-expression that makes the value `numeric`, `escaped` or `open` (the whole node when fixed). */
  readonly node: TSESTree.Node;
}

export interface FixedValueAnalyzer {
  classify(node: TSESTree.Node): ValueClass;
}

const SEVERITY: Readonly<Record<ValueKind, number>> = { fixed: 0, numeric: 1, escaped: 2, open: 3 };

/** Per question: expressions visited before giving up (and answering `open`). */
const MAX_STEPS = 400;
const MAX_DEPTH = 24;

const FIXED_GLOBALS = new Set(['undefined', 'NaN', 'Infinity']);
/** Global functions returning numbers whatever they are given. */
const NUMERIC_FUNCTIONS = new Set(['Number', 'parseInt', 'parseFloat', 'BigInt']);
const NUMERIC_NAMESPACES = new Set(['Math', 'Number']);
const NUMERIC_STATICS = new Set(['now']); // Date.now()
const NUMERIC_METHODS = new Set(['toFixed', 'toPrecision', 'toExponential', 'getTime', 'valueOf', 'indexOf', 'lastIndexOf', 'findIndex', 'findLastIndex', 'charCodeAt', 'codePointAt', 'localeCompare']);
/** Functions that quote an identifier: the result names a column or table, never carries a value. */
const IDENTIFIER_ESCAPES = new Set(['escapeId', 'escapeIdentifier', 'quoteIdentifier', 'quoteIdent', 'quote_ident', 'ident', 'escapeIdentifiers']);
/**
 * Functions named for making a placeholder list (`createSqlPlaceholders(values)`, `placeholders(n)`,
 * `buildPlaceholders`): their text is `?, ?, ?` or `$1, $2`, whatever this file shows of them (teable's
 * helper lives in a base class in another file). Names that fill or replace placeholders do not match.
 */
const PLACEHOLDER_FUNCTION_NAME = /^(?:create|build|make|get|gen|generate|to)?(?:Sql|Query|Param|Params|Bind|Binding)?Placeholders?(?:List|String|Text)?$/i;
/**
 * Methods of a query builder that keep a value among the query's parameters and return its placeholder: Dittofeed's
 * ClickHouse builder `qb.addQueryValue(workspaceId, 'String')` returns `{v0:String}`, sent with `query_params`.
 */
const PARAMETER_BINDING_METHOD = /^add(?:Query|Sql)?(?:Value|Param|Parameter|Binding)$/;
/** Functions that quote a literal value for SQL. */
const VALUE_ESCAPES = new Set(['escape', 'escapeLiteral', 'quoteLiteral', 'quote_literal', 'literal', 'escapeString']);
/** `format(…)` of these packages escapes its arguments (`%L`, `%I`, `?`, `??`). */
const FORMAT_PACKAGES = new Set(['pg-format', 'sqlstring', 'mysql', 'mysql2', 'mysql2/promise']);
/** Callbacks whose second parameter is the element's index. */
const INDEXED_CALLBACK_METHODS = new Set(['map', 'flatMap', 'forEach', 'filter', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex']);
/** Array methods whose callback's return values become the elements of the result. */
const MAPPING_METHODS = new Set(['map', 'flatMap']);
/** String and array methods whose result is made of the receiver's values and the arguments. */
const PURE_METHODS = new Set([
  'join', 'repeat', 'toUpperCase', 'toLowerCase', 'toLocaleUpperCase', 'toLocaleLowerCase', 'trim', 'trimStart', 'trimEnd', 'slice', 'substring', 'substr',
  'padStart', 'padEnd', 'concat', 'replace', 'replaceAll', 'split', 'at', 'charAt', 'toString', 'normalize', 'filter', 'reverse', 'sort', 'flat',
  'find', 'findLast', 'toSorted', 'toReversed', 'with', 'keys', 'values', 'entries',
]);
/** Lookups: whatever the key, the result is one of the receiver's values (or undefined). */
const LOOKUP_METHODS = new Set(['get', 'at']);
const COLLECTIONS = new Set(['Set', 'Map', 'Array']);
/** Guards whose truth means the tested value is one of the receiver's elements or keys. */
const MEMBERSHIP_METHODS = new Set(['includes', 'has']);

class Analyzer implements FixedValueAnalyzer {
  private readonly memo = new WeakMap<TSESTree.Node, ValueClass>();
  private readonly inProgress = new Set<TSESTree.Node>();
  /** Per variable, so every reference of a `let` assigned many times is answered once. */
  private readonly variables = new Map<TSESLint.Scope.Variable, ValueClass | null>();
  /** Per function of this file: what its calls return (null while being worked out: recursion). */
  private readonly functions = new Map<TSESTree.Node, ValueClass | null>();
  private steps = 0;
  private depth = 0;

  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly types: TypeServices | undefined,
    /** TypeScript holds every caller to a parameter's inferred type; plain JavaScript does not. */
    private readonly isTypeScript: boolean,
  ) {}

  classify(node: TSESTree.Node): ValueClass {
    if (this.depth === 0) this.steps = 0;
    const known = this.memo.get(node);
    if (known) return known;
    if (this.inProgress.has(node)) return fixed(node); // a cycle: the other writes decide
    if (++this.steps > MAX_STEPS || this.depth >= MAX_DEPTH) return open(node);
    this.inProgress.add(node);
    this.depth++;
    let result: ValueClass;
    try {
      result = this.compute(node);
      // Only the leaf that decided: a composite's parts were each asked on their own.
      if (result.kind === 'open' && result.node === node && this.types) result = this.fromType(node) ?? result;
    } catch {
      result = open(node);
    } finally {
      this.depth--;
      this.inProgress.delete(node);
    }
    this.memo.set(node, result);
    return result;
  }

  private compute(node: TSESTree.Node): ValueClass {
    const current = skipExpressionWrappers(node);
    switch (current.type) {
      case AST_NODE_TYPES.Literal:
        return fixed(node);
      case AST_NODE_TYPES.TemplateLiteral:
        return this.combine(
          node,
          current.expressions.filter((_, index) => !isNamedPlaceholderHole(current.quasis[index].value.cooked, current.quasis[index + 1].value.cooked)),
        );
      case AST_NODE_TYPES.TaggedTemplateExpression:
        return isStringTag(current.tag) ? this.combine(node, current.quasi.expressions) : open(node);
      case AST_NODE_TYPES.Identifier:
        return this.identifier(current);
      case AST_NODE_TYPES.MemberExpression:
        return this.member(current);
      case AST_NODE_TYPES.CallExpression:
        return this.call(current);
      case AST_NODE_TYPES.ConditionalExpression:
        return this.conditional(current);
      case AST_NODE_TYPES.LogicalExpression:
        return this.combine(node, [current.left, current.right]);
      case AST_NODE_TYPES.BinaryExpression:
        return this.binary(current);
      case AST_NODE_TYPES.UnaryExpression:
        if (current.operator === '-' || current.operator === '+' || current.operator === '~') return this.numericOf(current.argument, node);
        return fixed(node); // !x, typeof x, void x, delete x
      case AST_NODE_TYPES.UpdateExpression:
        return numeric(node);
      case AST_NODE_TYPES.ArrayExpression:
        return this.combine(node, current.elements.filter((element): element is TSESTree.Expression | TSESTree.SpreadElement => element !== null));
      case AST_NODE_TYPES.ObjectExpression:
        return this.combine(
          node,
          current.properties.map((property) => (property.type === AST_NODE_TYPES.Property ? property.value : property)),
        );
      case AST_NODE_TYPES.SpreadElement:
        return this.classify(current.argument);
      case AST_NODE_TYPES.AwaitExpression:
        return this.classify(current.argument);
      case AST_NODE_TYPES.SequenceExpression:
        return this.classify(current.expressions[current.expressions.length - 1]);
      case AST_NODE_TYPES.AssignmentExpression:
        return current.operator === '=' ? this.classify(current.right) : this.combine(node, [current.left, current.right]);
      case AST_NODE_TYPES.NewExpression:
        // new Set([...]), new Map([...]), new Array(n): collections of what they are built from.
        return current.callee.type === AST_NODE_TYPES.Identifier && COLLECTIONS.has(current.callee.name) && isGlobal(current.callee, this.scopeOf(current))
          ? this.combine(node, current.arguments)
          : open(node);
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.FunctionExpression:
      case AST_NODE_TYPES.ClassExpression:
        return fixed(node);
      case AST_NODE_TYPES.AssignmentPattern:
        return this.combine(node, [current.left, current.right]);
      default:
        return open(node);
    }
  }

  /** The most open of the parts (the first such part in source order). */
  private combine(whole: TSESTree.Node, parts: readonly TSESTree.Node[]): ValueClass {
    let worst: ValueClass = fixed(whole);
    for (const part of parts) {
      const value = this.classify(part);
      if (SEVERITY[value.kind] > SEVERITY[worst.kind]) worst = value;
      if (worst.kind === 'open') break;
    }
    return worst;
  }

  /** Arithmetic makes a number of whatever it is given; fixed operands stay fixed. */
  private numericOf(operand: TSESTree.Node, whole: TSESTree.Node): ValueClass {
    return this.classify(operand).kind === 'fixed' ? fixed(whole) : numeric(whole);
  }

  private binary(node: TSESTree.BinaryExpression): ValueClass {
    switch (node.operator) {
      case '+': {
        // `'$(' + c + ')'`: only the text before the placeholder can carry SQL.
        const opening = namedPlaceholderOpening(node);
        if (opening) {
          const before = this.classify(opening);
          return before.kind === 'fixed' ? fixed(node) : before;
        }
        const left = this.classify(node.left);
        const right = this.classify(node.right);
        return SEVERITY[right.kind] > SEVERITY[left.kind] ? right : left.kind === 'fixed' ? fixed(node) : left;
      }
      case '-':
      case '*':
      case '/':
      case '%':
      case '**':
      case '|':
      case '&':
      case '^':
      case '<<':
      case '>>':
      case '>>>': {
        const both = this.classify(node.left).kind === 'fixed' && this.classify(node.right).kind === 'fixed';
        return both ? fixed(node) : numeric(node);
      }
      default:
        return fixed(node); // comparisons, `in`, `instanceof`: booleans
    }
  }

  /** `ALLOWED.includes(x) ? x : 'id'`: inside the guarded branch, `x` is one of the allowed values. */
  private conditional(node: TSESTree.ConditionalExpression): ValueClass {
    const guard = this.membershipGuard(node.test);
    const parts: TSESTree.Node[] = [];
    for (const [branch, guarded] of [[node.consequent, guard?.positive] as const, [node.alternate, guard && !guard.positive] as const]) {
      if (guarded && guard && sameReference(branch, guard.value)) continue;
      parts.push(branch);
    }
    return this.combine(node, parts);
  }

  private membershipGuard(test: TSESTree.Node): { value: TSESTree.Node; positive: boolean } | undefined {
    let positive = true;
    let current = skipExpressionWrappers(test);
    while (current.type === AST_NODE_TYPES.UnaryExpression && current.operator === '!') {
      positive = !positive;
      current = skipExpressionWrappers(current.argument);
    }
    // `x in MAP` / `Object.hasOwn(MAP, x)` guard lookups whose values are fixed anyway; only membership of x itself matters.
    if (current.type !== AST_NODE_TYPES.CallExpression || current.arguments.length !== 1) return undefined;
    const callee = skipExpressionWrappers(current.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || !MEMBERSHIP_METHODS.has(memberName(callee) ?? '')) return undefined;
    if (this.classify(callee.object).kind !== 'fixed') return undefined;
    return { value: current.arguments[0], positive };
  }

  private scopeOf(node: TSESTree.Node): Scope {
    return this.sourceCode.getScope(node) as Scope;
  }

  private identifier(node: TSESTree.Identifier): ValueClass {
    const variable = findVariable(this.scopeOf(node) as never, node as never) as TSESLint.Scope.Variable | null;
    const def = variable?.defs[0];
    if (!variable || !def) return FIXED_GLOBALS.has(node.name) ? fixed(node) : open(node);
    switch (def.type) {
      case 'ImportBinding':
      case 'TSEnumName':
      case 'FunctionName':
      case 'ClassName':
        return fixed(node);
      case 'Variable': {
        const known = this.variables.get(variable);
        // null: being worked out (a cycle through its own assignments); the other writes decide.
        if (known !== undefined) return known === null || known.kind === 'fixed' ? fixed(node) : known;
        this.variables.set(variable, null);
        const result = this.variable(node, variable, def.node as TSESTree.VariableDeclarator, def.parent as TSESTree.VariableDeclaration);
        // An answer cut short by the work budget is not the variable's answer.
        if (this.steps <= MAX_STEPS) this.variables.set(variable, result);
        else this.variables.delete(variable);
        return result;
      }
      case 'Parameter':
        return this.parameter(node, def.node as TSESTree.Node, def.name as TSESTree.Identifier);
      default:
        return open(node);
    }
  }

  private variable(node: TSESTree.Identifier, variable: TSESLint.Scope.Variable, declarator: TSESTree.VariableDeclarator, declaration: TSESTree.VariableDeclaration): ValueClass {
    const holder = declaration.parent;
    if (holder?.type === AST_NODE_TYPES.ForOfStatement || holder?.type === AST_NODE_TYPES.ForInStatement) {
      return this.classify(holder.right).kind === 'fixed' ? fixed(node) : open(node);
    }
    // Set once per process by the code (not `declare const`, which has no value in the code).
    if (declaration.kind === 'const' && !declaration.declare && isModuleLevelDeclaration(declaration)) return fixed(node);
    const annotated = declarator.id.type === AST_NODE_TYPES.Identifier ? this.fromAnnotation(declarator.id.typeAnnotation, node) : undefined;
    if (annotated) return annotated;
    if (declaration.kind === 'const' || declaration.declare) {
      if (!declarator.init) return open(node);
      const value = this.classify(declarator.init);
      return value.kind === 'fixed' ? fixed(node) : value;
    }
    // let / var: every value ever assigned.
    const writes: TSESTree.Node[] = declarator.init ? [declarator.init] : [];
    for (const reference of variable.references) {
      if (!reference.isWrite() || reference.identifier === declarator.id) continue;
      const assignment = reference.identifier.parent;
      if (assignment?.type === AST_NODE_TYPES.UpdateExpression) {
        writes.push(assignment);
      } else if (assignment?.type === AST_NODE_TYPES.AssignmentExpression && assignment.left === reference.identifier) {
        writes.push(assignment.right);
      } else if (reference.writeExpr) {
        writes.push(reference.writeExpr); // destructuring assignment or for-of target: its source
      } else {
        return open(node);
      }
    }
    const value = this.combine(node, writes);
    return value.kind === 'fixed' ? fixed(node) : value;
  }

  private parameter(node: TSESTree.Identifier, fn: TSESTree.Node, name: TSESTree.Identifier): ValueClass {
    const annotated = this.fromAnnotation(name.typeAnnotation, node);
    if (annotated) return annotated;
    if (!isFunction(fn)) return open(node);
    // `hours = 24` without an annotation: TypeScript types the parameter `number`.
    if (this.isTypeScript && !name.typeAnnotation && hasNumberDefault(fn, name)) return numeric(node);
    const index = fn.params.findIndex((param) => param === name || (param.type === AST_NODE_TYPES.AssignmentPattern && param.left === name));
    const call = fn.parent;
    if (index < 0 || call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(fn as TSESTree.CallExpressionArgument)) return open(node);
    const callee = skipExpressionWrappers(call.callee);
    // Array.from(x, (_, i) => …): i is an index.
    if (isArrayFrom(callee)) return index === 1 ? fixed(node) : this.classify(call.arguments[0]).kind === 'fixed' ? fixed(node) : open(node);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return open(node);
    const method = memberName(callee) ?? '';
    if (!INDEXED_CALLBACK_METHODS.has(method)) return open(node);
    if (index === 1) return fixed(node);
    if (index === 0 && this.classify(callee.object).kind === 'fixed') return fixed(node);
    return open(node);
  }

  /** `dir: 'asc' | 'desc'`, `limit: number`, `status: Status` (a local enum or literal-union alias). */
  private fromAnnotation(annotation: TSESTree.TSTypeAnnotation | undefined, node: TSESTree.Node): ValueClass | undefined {
    const kind = annotation ? this.annotationKind(annotation.typeAnnotation, 0) : undefined;
    if (kind === 'fixed') return fixed(node);
    if (kind === 'numeric') return numeric(node);
    return undefined;
  }

  private annotationKind(type: TSESTree.TypeNode, depth: number): 'fixed' | 'numeric' | undefined {
    if (depth > 4) return undefined;
    switch (type.type) {
      case AST_NODE_TYPES.TSLiteralType:
      case AST_NODE_TYPES.TSBooleanKeyword:
      case AST_NODE_TYPES.TSUndefinedKeyword:
      case AST_NODE_TYPES.TSNullKeyword:
        return 'fixed';
      case AST_NODE_TYPES.TSNumberKeyword:
      case AST_NODE_TYPES.TSBigIntKeyword:
        return 'numeric';
      case AST_NODE_TYPES.TSUnionType: {
        let result: 'fixed' | 'numeric' = 'fixed';
        for (const member of type.types) {
          const kind = this.annotationKind(member, depth + 1);
          if (!kind) return undefined;
          if (kind === 'numeric') result = 'numeric';
        }
        return result;
      }
      case AST_NODE_TYPES.TSTypeReference: {
        if (type.typeName.type !== AST_NODE_TYPES.Identifier) return undefined;
        const variable = findVariable(this.scopeOf(type) as never, type.typeName.name) as TSESLint.Scope.Variable | null;
        const def = variable?.defs[0];
        if (def?.type === 'TSEnumName') return 'fixed';
        if (def?.type === 'Type' && def.node.type === AST_NODE_TYPES.TSTypeAliasDeclaration) return this.annotationKind(def.node.typeAnnotation, depth + 1);
        return undefined;
      }
      default:
        return undefined;
    }
  }

  private member(node: TSESTree.MemberExpression): ValueClass {
    if (isProcessEnv(node.object, this.scopeOf(node))) return fixed(node);
    const object = skipExpressionWrappers(node.object);
    if (object.type === AST_NODE_TYPES.ThisExpression) return this.classMember(node);
    const owner = this.classify(node.object);
    if (owner.kind === 'fixed') return fixed(node);
    if (!node.computed && node.property.type === AST_NODE_TYPES.Identifier && node.property.name === 'length') return numeric(node);
    return open(node);
  }

  /** `this.table`: a class property initialised with a fixed value (or annotated with a literal type). */
  private classMember(node: TSESTree.MemberExpression): ValueClass {
    const owner = enclosingClassOfThis(node);
    const name = memberName(node);
    if (!owner || name === undefined) return open(node);
    const binding = resolveClassMember(owner.classNode, name, owner.isStatic);
    if (binding?.kind === 'value') return this.classify(binding.expression).kind === 'fixed' ? fixed(node) : open(node);
    if (binding?.kind === 'declared') {
      for (const element of owner.classNode.body.body) {
        if (element.type !== AST_NODE_TYPES.PropertyDefinition || element.static !== owner.isStatic || element.key.type !== AST_NODE_TYPES.Identifier || element.key.name !== name) continue;
        if (element.value && this.classify(element.value).kind === 'fixed') return fixed(node);
        const annotated = this.fromAnnotation(element.typeAnnotation, node);
        if (annotated) return annotated;
      }
    }
    return open(node);
  }

  private call(node: TSESTree.CallExpression): ValueClass {
    const callee = skipExpressionWrappers(node.callee);
    const scope = this.scopeOf(node);
    if (callee.type === AST_NODE_TYPES.Identifier) {
      if (isGlobal(callee, scope)) {
        if (NUMERIC_FUNCTIONS.has(callee.name)) return numeric(node);
        if (callee.name === 'String') return node.arguments[0] ? this.classify(node.arguments[0]) : fixed(node);
        if (callee.name === 'Array') return fixed(node); // Array(n): holes, filled later
      }
      if (IDENTIFIER_ESCAPES.has(callee.name)) return fixed(node);
      if (VALUE_ESCAPES.has(callee.name)) return escaped(node);
      if (PLACEHOLDER_FUNCTION_NAME.test(callee.name) && !isLocalFunction(callee, scope)) return fixed(node);
      if (callee.name === 'format' && FORMAT_PACKAGES.has(getImportOrigin(callee, scope)?.source ?? '')) return escaped(node);
      return this.localFunctionResult(callee, scope, node);
    }
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return open(node);
    const method = memberName(callee);
    if (method === undefined) return open(node);
    const receiver = skipExpressionWrappers(callee.object);
    if (receiver.type === AST_NODE_TYPES.Identifier && isGlobal(receiver, scope)) {
      if (NUMERIC_NAMESPACES.has(receiver.name) || (receiver.name === 'Date' && NUMERIC_STATICS.has(method))) return numeric(node);
      if (receiver.name === 'Array' && method === 'from') return this.arrayFrom(node);
      if (receiver.name === 'Object' && (method === 'keys' || method === 'values' || method === 'entries' || method === 'freeze')) {
        return node.arguments[0] && this.classify(node.arguments[0]).kind === 'fixed' ? fixed(node) : open(node);
      }
      if (receiver.name === 'JSON' || receiver.name === 'String') return open(node);
    }
    if (IDENTIFIER_ESCAPES.has(method)) return fixed(node);
    if (VALUE_ESCAPES.has(method)) return escaped(node);
    if (PLACEHOLDER_FUNCTION_NAME.test(method) || PARAMETER_BINDING_METHOD.test(method)) return fixed(node);
    if (method === 'format' && receiver.type === AST_NODE_TYPES.Identifier && FORMAT_PACKAGES.has(getImportOrigin(receiver, scope)?.source ?? '')) return escaped(node);
    if (NUMERIC_METHODS.has(method)) return numeric(node);
    if (MAPPING_METHODS.has(method)) return this.mapped(node, callee);
    if (method === 'fill' && node.arguments[0]) return this.classify(node.arguments[0]);
    if (LOOKUP_METHODS.has(method)) return this.classify(callee.object).kind === 'fixed' ? fixed(node) : open(node);
    // A pure string or array method of a fixed value, with fixed or numeric arguments: `.join(', ')`, `.repeat(n)`.
    if (!PURE_METHODS.has(method)) return open(node);
    const owner = this.classify(callee.object);
    if (owner.kind === 'open') return owner;
    for (const argument of node.arguments) {
      if (isFunction(argument)) continue; // filter/sort/find callbacks choose among the receiver's own values
      const value = this.classify(argument);
      if (value.kind === 'open' || value.kind === 'escaped') return value;
    }
    return owner.kind === 'fixed' ? fixed(node) : owner;
  }

  /**
   * A call of a function declared in this file (`function placeholders(n) { return Array(n).fill('?').join(); }`):
   * what its `return`s give, with its parameters as open as ever.
   */
  private localFunctionResult(callee: TSESTree.Identifier, scope: Scope, call: TSESTree.CallExpression): ValueClass {
    const fn = declaredFunctionOf(callee, scope);
    if (!fn || !isFunction(fn) || fn.async || fn.generator) return open(call);
    const known = this.functions.get(fn);
    if (known !== undefined) return known === null || known.kind === 'fixed' ? fixed(call) : known.kind === 'open' ? open(call) : { kind: known.kind, node: call };
    this.functions.set(fn, null);
    const results = returnedExpressions(fn);
    const value = results ? this.combine(call, results) : open(call);
    this.functions.set(fn, value);
    return value.kind === 'fixed' ? fixed(call) : value.kind === 'open' ? open(call) : { kind: value.kind, node: call };
  }

  /** `xs.map(cb)`: the values `cb` returns (`ids.map(() => '?')`, `ids.map((_, i) => \`$${i + 1}\`)`, `xs.map(Number)`). */
  private mapped(node: TSESTree.CallExpression, callee: TSESTree.MemberExpression): ValueClass {
    const callback = node.arguments[0];
    if (!callback) return open(node);
    return this.callbackResult(node, callback, () => this.classify(callee.object));
  }

  /** `Array.from({ length: n }, cb)`, `Array.from(xs)`. */
  private arrayFrom(node: TSESTree.CallExpression): ValueClass {
    const [source, callback] = node.arguments;
    if (!source) return fixed(node);
    if (!callback) return this.classify(source).kind === 'fixed' ? fixed(node) : open(node);
    return this.callbackResult(node, callback, () => this.classify(source));
  }

  private callbackResult(node: TSESTree.CallExpression, callback: TSESTree.CallExpressionArgument, elements: () => ValueClass): ValueClass {
    const fn = skipExpressionWrappers(callback);
    if (fn.type === AST_NODE_TYPES.Identifier && isGlobal(fn, this.scopeOf(fn))) {
      if (NUMERIC_FUNCTIONS.has(fn.name)) return numeric(node);
      if (fn.name === 'String') return elements();
    }
    if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.type !== AST_NODE_TYPES.FunctionExpression) return open(node);
    const results = returnedExpressions(fn);
    if (!results) return open(node);
    const value = this.combine(node, results);
    return value.kind === 'fixed' ? fixed(node) : value;
  }

  /** With type information: a union of literal types or an enum is fixed; a number type is numeric. */
  private fromType(node: TSESTree.Node): ValueClass | undefined {
    const types = this.types!;
    const tsNode = types.services.esTreeNodeToTSNodeMap.get(node as never);
    if (!tsNode) return undefined;
    const type = types.checker.getTypeAtLocation(tsNode);
    const parts = type.isUnion() ? type.types : [type];
    let kind: ValueKind = 'fixed';
    let sawValue = false;
    for (const part of parts) {
      const flags = part.flags;
      if (flags & NULLISH) continue;
      sawValue = true;
      if (flags & LITERAL_OR_ENUM && !(flags & (NUMBER | BIGINT))) continue;
      if (flags & (NUMBER_LIKE | BIGINT_LIKE)) {
        kind = flags & (NUMBER | BIGINT) ? 'numeric' : kind;
        continue;
      }
      return undefined;
    }
    if (!sawValue) return undefined;
    return kind === 'fixed' ? fixed(node) : numeric(node);
  }
}

// ts.TypeFlags, kept here so this module does not load `typescript`.
const NUMBER = 8;
const BIGINT = 64;
const NUMBER_LIKE = 296;
const BIGINT_LIKE = 2112;
const LITERAL_OR_ENUM = 128 /* StringLiteral */ | 256 /* NumberLiteral */ | 512 /* BooleanLiteral */ | 1024 /* EnumLiteral */ | 2048 /* BigIntLiteral */ | 32 /* Enum */;
const NULLISH = 16384 /* Void */ | 32768 /* Undefined */ | 65536 /* Null */;

function fixed(node: TSESTree.Node): ValueClass {
  return { kind: 'fixed', node };
}
function numeric(node: TSESTree.Node): ValueClass {
  return { kind: 'numeric', node };
}
function escaped(node: TSESTree.Node): ValueClass {
  return { kind: 'escaped', node };
}
function open(node: TSESTree.Node): ValueClass {
  return { kind: 'open', node };
}

/**
 * pg-promise's named placeholders, `$(name)`, `$<name>`, `$[name]`, `$/name/` and `${name}`: the text names a property of
 * the parameters object, whose value pg-promise formats. Each opening with its closing.
 */
const NAMED_PLACEHOLDER_CLOSINGS: Readonly<Record<string, string>> = { '(': ')', '<': '>', '[': ']', '/': '/', '{': '}' };
/**
 * Formatting filters that keep the value escaped: `~`/`:name`/`:alias` (an identifier), `:json`, `:csv`/`:list`. Not `^`/`:raw`
 * (text as is), nor `#`/`:value` (escaped but unquoted: SQL unless the placeholder is inside quotes).
 */
const ESCAPING_FILTERS = ['~', ':name', ':alias', ':json', ':csv', ':list'];
const NAME_CHARACTER = /[A-Za-z0-9_$.]/;
const SPACE = /\s/;

/**
 * The text before and after a hole make it the name of a pg-promise named placeholder (`$(` hole `)`, `$<` hole `:name>`):
 * the code writes placeholders for names (columns, keys of the parameters object), like `$${i + 1}` for indexes, and the
 * values go in the parameters object. Name characters may surround the hole (`$(old_${c})`). Holes the placeholder does not
 * wrap (`${c} = $(${c})`, the column list beside it) are judged as usual, so names from the request are still seen there.
 */
function isNamedPlaceholderHole(before: string | null, after: string | null): boolean {
  if (before === null || after === null) return false;
  let start = before.length;
  while (start > 0 && NAME_CHARACTER.test(before[start - 1])) start--;
  while (start > 0 && SPACE.test(before[start - 1])) start--;
  if (start < 2 || before[start - 2] !== '$') return false;
  const closing = NAMED_PLACEHOLDER_CLOSINGS[before[start - 1]];
  if (closing === undefined) return false;
  let end = 0;
  while (end < after.length && NAME_CHARACTER.test(after[end])) end++;
  const filter = ESCAPING_FILTERS.find((candidate) => after.startsWith(candidate, end));
  if (filter) end += filter.length;
  while (end < after.length && SPACE.test(after[end])) end++;
  return after[end] === closing;
}

/**
 * `'$(' + c + ')'` (or `prefix + '$(' + c + ')'`): the concatenation of a named placeholder around one value. Returns what
 * comes before the value (its last string literal opens the placeholder), to be judged on its own.
 */
function namedPlaceholderOpening(node: TSESTree.BinaryExpression): TSESTree.Node | undefined {
  const closing = node.right;
  const inner = node.left;
  if (!isStringLiteral(closing) || inner.type !== AST_NODE_TYPES.BinaryExpression || inner.operator !== '+') return undefined;
  const opening = inner.left;
  const openingText =
    opening.type === AST_NODE_TYPES.BinaryExpression && opening.operator === '+' && isStringLiteral(opening.right) ? opening.right : opening;
  if (!isStringLiteral(openingText)) return undefined;
  return isNamedPlaceholderHole(openingText.value, closing.value) ? opening : undefined;
}

function isStringLiteral(node: TSESTree.Node): node is TSESTree.StringLiteral {
  return node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string';
}

function isFunction(node: TSESTree.Node): node is FunctionNode {
  return node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionExpression || node.type === AST_NODE_TYPES.FunctionDeclaration;
}

function isArrayFrom(callee: TSESTree.Node): boolean {
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    callee.object.name === 'Array' &&
    memberName(callee) === 'from'
  );
}

/** The name is declared in this file (not imported): what its function returns can be read here instead of guessed. */
function isLocalFunction(identifier: TSESTree.Identifier, scope: Scope): boolean {
  const variable = findVariable(scope as never, identifier as never) as TSESLint.Scope.Variable | null;
  return variable !== null && variable.defs.length > 0 && variable.defs.every((def) => def.type !== 'ImportBinding');
}

function isGlobal(identifier: TSESTree.Identifier, scope: Scope): boolean {
  const variable = findVariable(scope as never, identifier as never) as TSESLint.Scope.Variable | null;
  return !variable || variable.defs.length === 0;
}

function isStringTag(tag: TSESTree.Expression): boolean {
  if (tag.type === AST_NODE_TYPES.Identifier) return tag.name === 'dedent' || tag.name === 'outdent';
  return tag.type === AST_NODE_TYPES.MemberExpression && tag.object.type === AST_NODE_TYPES.Identifier && tag.object.name === 'String' && memberName(tag) === 'raw';
}

/** `process.env` (the global `process`). */
function isProcessEnv(node: TSESTree.Node, scope: Scope): boolean {
  const current = skipExpressionWrappers(node);
  return (
    current.type === AST_NODE_TYPES.MemberExpression &&
    memberName(current) === 'env' &&
    current.object.type === AST_NODE_TYPES.Identifier &&
    current.object.name === 'process' &&
    isGlobal(current.object, scope)
  );
}

function sameReference(a: TSESTree.Node, b: TSESTree.Node): boolean {
  const left = skipExpressionWrappers(a);
  const right = skipExpressionWrappers(b);
  if (left.type === AST_NODE_TYPES.Identifier && right.type === AST_NODE_TYPES.Identifier) return left.name === right.name;
  if (left.type === AST_NODE_TYPES.MemberExpression && right.type === AST_NODE_TYPES.MemberExpression) {
    const name = memberName(left);
    return name !== undefined && name === memberName(right) && sameReference(left.object, right.object);
  }
  return false;
}

const MAX_RETURNS = 16;

/** What a callback returns: its expression body, or the `return` arguments of its own body (not nested functions). */
function returnedExpressions(fn: FunctionNode): TSESTree.Node[] | undefined {
  if (!fn.body) return undefined;
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return [fn.body];
  const results: TSESTree.Node[] = [];
  const stack: TSESTree.Node[] = [fn.body];
  let visited = 0;
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (++visited > 200) return undefined;
    switch (node.type) {
      case AST_NODE_TYPES.ReturnStatement:
        if (!node.argument || results.length >= MAX_RETURNS) return undefined;
        results.push(node.argument);
        break;
      case AST_NODE_TYPES.BlockStatement:
        stack.push(...node.body);
        break;
      case AST_NODE_TYPES.IfStatement:
        stack.push(node.consequent);
        if (node.alternate) stack.push(node.alternate);
        break;
      case AST_NODE_TYPES.SwitchStatement:
        for (const clause of node.cases) stack.push(...clause.consequent);
        break;
      default:
        break; // other statements return nothing; nested functions return for themselves
    }
  }
  return results.length > 0 ? results : undefined;
}

/** `(hours = 24)`, `(offset = -1)`: a parameter whose default is a number literal. */
function hasNumberDefault(fn: FunctionNode, name: TSESTree.Identifier): boolean {
  const param = fn.params.find((candidate) => candidate.type === AST_NODE_TYPES.AssignmentPattern && candidate.left === name) as TSESTree.AssignmentPattern | undefined;
  let value = param && skipExpressionWrappers(param.right);
  if (value?.type === AST_NODE_TYPES.UnaryExpression && value.operator === '-') value = skipExpressionWrappers(value.argument);
  return value?.type === AST_NODE_TYPES.Literal && typeof value.value === 'number';
}

const TYPESCRIPT_FILE = /\.[cm]?tsx?$/;

const analyzers = new FileCache<Analyzer>();

/** One analyzer per linted file, shared by every rule that asks (cached on the SourceCode object). */
export function getFixedValues(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): FixedValueAnalyzer {
  return analyzers.get(context.sourceCode, () => new Analyzer(context.sourceCode, getTypeServices(context), TYPESCRIPT_FILE.test(context.filename)));
}

import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../src/ast/node-types';
import { trailingName } from '../src/ast/expressions';
import type * as ts from 'typescript';
import { getDbOperations, type DbOperationAnalyzer } from '../src/analysis/db-operations';
import { getTypeServices, memberName, packageOfFile, parentSkippingWrappers, skipExpressionWrappers, type TypeServices } from '../src/analysis/library-origin';
import { runsOnlyOutsideProduction } from '../src/analysis/environment-guards';
import { getArrayValues } from '../src/analysis/array-values';
import { describeExpression } from '../src/analysis/per-element';
import { getRequestPath, QUIET_FILE_KINDS } from '../src/analysis/request-path';
import { enclosingFunction, functionName, isFunction, repeats } from '../src/ast/code-shape';
import { createRule } from '../src/create-rule';
import { typescript } from '../src/analysis/typescript-module';

type MessageIds = 'deepClone' | 'plainForm' | 'useStructuredClone';

/** Libraries whose query results are class instances with their own `toJSON()`, and how to get plain objects from them. */
const PLAIN_FORMS = {
  mongoose: 'add `.lean()` to the query, or call `.toObject()` on the document',
  sequelize: 'pass `raw: true` in the query options, or call `.get({ plain: true })` on the instance',
} as const;
type DocumentLibrary = keyof typeof PLAIN_FORMS;
const MAX_LABEL = 40;
const GENERIC_PLAIN_FORM = 'call its `toJSON()` (or the library\'s plain-object accessor) directly';

/** A `JSON.stringify(value)` whose text goes straight into `JSON.parse`. */
interface Clone {
  value: TSESTree.Node;
  /** Set when the text passes through a `const`: `const s = JSON.stringify(x); … JSON.parse(s)`. */
  through?: { declaration: TSESTree.VariableDeclaration; variable: TSESLint.Scope.Variable };
  /** `JSON.stringify(x) || '{}'`: the text falls back to a literal when `x` is undefined, which `structuredClone` does not. */
  fallsBack?: boolean;
}

export default createRule<[], MessageIds>({
  name: 'no-json-deep-clone',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow deep-copying values with `JSON.parse(JSON.stringify(x))`',
      guide: 'serialization',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      deepClone:
        '`JSON.parse(JSON.stringify({{value}}))` copies `{{value}}` by serialising it whole to text and parsing it back: two full passes on the event loop, and Dates come back as strings, Maps and Sets as `{}`, while `undefined` and functions disappear. Use `structuredClone()`, or copy only the part you change.',
      plainForm:
        '`JSON.parse(JSON.stringify({{value}}))` serialises a {{library}} to text and parses it back only to get its plain form. Ask for plain data instead: {{fix}}.',
      useStructuredClone: 'Replace with `structuredClone({{value}})` (it keeps Dates, Maps and Sets, and throws on functions).',
    },
  },
  create(context) {
    const { sourceCode } = context;
    let quietFile: boolean | undefined;
    let typeServices: TypeServices | null | undefined;
    let db: DbOperationAnalyzer | undefined;

    /**
     * Tests normalise values to their JSON shape on purpose (`toEqual` against parsed fixtures), and their copies
     * cost nothing in production; browser code of a full-stack app spends the user's CPU, not the server's.
     */
    function isQuietFile(): boolean {
      quietFile ??= QUIET_FILE_KINDS.has(getRequestPath(context).fileKind);
      return quietFile;
    }

    function types(): TypeServices | undefined {
      if (typeServices === undefined) typeServices = getTypeServices(context) ?? null;
      return typeServices ?? undefined;
    }

    /** Does `name` (`JSON`, `globalThis`, `structuredClone`) refer to the global, not to something this file declares or imports? */
    function isGlobal(identifier: TSESTree.Identifier): boolean {
      const variable = findVariable(sourceCode.getScope(identifier) as never, identifier as never) as TSESLint.Scope.Variable | null;
      return !variable || variable.defs.length === 0;
    }

    /** `JSON.<method>(…)` or `globalThis.JSON.<method>(…)` on the global JSON object. */
    function isGlobalJsonCall(node: TSESTree.Node, method: 'parse' | 'stringify'): node is TSESTree.CallExpression {
      if (node.type !== AST_NODE_TYPES.CallExpression) return false;
      const callee = skipExpressionWrappers(node.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(callee) !== method) return false;
      const object = skipExpressionWrappers(callee.object);
      if (object.type === AST_NODE_TYPES.Identifier) return object.name === 'JSON' && isGlobal(object);
      if (object.type !== AST_NODE_TYPES.MemberExpression || memberName(object) !== 'JSON') return false;
      const root = skipExpressionWrappers(object.object);
      return root.type === AST_NODE_TYPES.Identifier && root.name === 'globalThis' && isGlobal(root);
    }

    /** The value a plain `JSON.stringify(value)` serialises: no replacer (a `null`/`undefined` one is none), indentation ignored. */
    function stringifiedValue(node: TSESTree.Node): TSESTree.Node | undefined {
      const call = skipExpressionWrappers(node);
      if (!isGlobalJsonCall(call, 'stringify')) return undefined;
      const [value, replacer] = call.arguments;
      if (!value || call.arguments.some((argument) => argument.type === AST_NODE_TYPES.SpreadElement)) return undefined;
      if (replacer && !isNullish(replacer)) return undefined;
      return value;
    }

    /** What `JSON.parse(text)` parses, when `text` is a plain stringify of a value: in place, or through a `const` read only there. */
    function cloneOf(parse: TSESTree.CallExpression): Clone | undefined {
      const [text, reviver] = parse.arguments;
      if (!text || text.type === AST_NODE_TYPES.SpreadElement || (reviver && !isNullish(reviver)) || parse.arguments.length > 2) return undefined;
      const direct = stringifiedValue(text);
      if (direct) return { value: direct };
      // erxes parses `JSON.stringify(payload) || '{}'` per message: the fallback hides the same round trip.
      const fallback = skipExpressionWrappers(text);
      if (fallback.type === AST_NODE_TYPES.LogicalExpression && (fallback.operator === '||' || fallback.operator === '??') && fallback.right.type === AST_NODE_TYPES.Literal && typeof fallback.right.value === 'string') {
        const value = stringifiedValue(fallback.left);
        if (value) return { value, fallsBack: true };
      }
      const name = skipExpressionWrappers(text);
      if (name.type !== AST_NODE_TYPES.Identifier) return undefined;
      const variable = findVariable(sourceCode.getScope(name) as never, name as never) as TSESLint.Scope.Variable | null;
      const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (!variable || def?.type !== 'Variable') return undefined;
      const declarator = def.node as TSESTree.VariableDeclarator;
      const declaration = declarator.parent as TSESTree.VariableDeclaration;
      if (declaration.kind !== 'const' || declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) return undefined;
      // The text serves nothing else (a log line, a hash, a response body), and is parsed once per stringify.
      const reads = variable.references.filter((reference) => !reference.init);
      if (reads.length !== 1 || reads[0].identifier !== name || !isStatementList(declaration.parent)) return undefined;
      if (crossesRepeatedCode(parse, declaration.parent)) return undefined;
      const value = stringifiedValue(declarator.init);
      return value ? { value, through: { declaration, variable } } : undefined;
    }

    /** The library whose document `value` is, when the round trip is there to get its plain form. */
    function documentLibrary(value: TSESTree.Node): DocumentLibrary | 'typed' | undefined {
      db ??= getDbOperations(context);
      // A query that asks for plain rows (`.lean()`, `raw: true`) settles it, whatever the declared type says.
      const fromQuery = untypedDocumentLibrary(value, db, sourceCode);
      if (fromQuery === 'plain') return undefined;
      const typed = types();
      if (typed) {
        const verdict = typedDocumentLibrary(value, typed);
        if (verdict !== undefined) return verdict === 'plain' ? undefined : verdict;
      }
      return fromQuery;
    }

    return {
      'CallExpression[callee.type="MemberExpression"][callee.property.name="parse"]'(parse: TSESTree.CallExpression) {
        if (!isGlobalJsonCall(parse, 'parse')) return;
        const clone = cloneOf(parse);
        if (!clone || isComparedDeeply(parse) || isResultDiscarded(parse) || isInJsonSerializer(parse) || isQuietFile() || getRequestPath(context).inPageCode(parse)) return;
        // A copy made for debugging output only (`debug && console.log(JSON.parse(JSON.stringify(payload)))`).
        if (runsOnlyOutsideProduction(parse, sourceCode)) return;
        // The fallback of a helper that uses `structuredClone` when the runtime has it (Hexabot's cloneObject): on
        // Node 17 and later the round trip never runs.
        if (isStructuredCloneFallback(parse)) return;
        // A list of a few values (`filters: RatingType[]` of an enum, a literal list): there is next to nothing to copy.
        if (getArrayValues(context).classify(clone.value) === 'fixed') return;
        const valueText = label(clone.value);
        const library = documentLibrary(clone.value);
        if (library) {
          context.report({
            node: parse,
            messageId: 'plainForm',
            data: {
              value: valueText,
              library: library === 'typed' ? 'value with its own `toJSON()`' : `${library === 'mongoose' ? 'Mongoose document' : 'Sequelize instance'}`,
              fix: library === 'typed' ? GENERIC_PLAIN_FORM : PLAIN_FORMS[library],
            },
          });
          return;
        }
        const fix = suggestion(parse, clone);
        context.report({
          node: parse,
          messageId: 'deepClone',
          data: { value: valueText },
          suggest: fix ? [{ messageId: 'useStructuredClone', data: { value: valueText }, fix }] : [],
        });
      },
    };

    /** The function around `parse` also spells `structuredClone`: it prefers it and falls back on the round trip. */
    function isStructuredCloneFallback(parse: TSESTree.CallExpression): boolean {
      const fn = enclosingFunction(parse);
      return fn !== undefined && sourceCode.text.slice(fn.range[0], parse.range[0]).includes('structuredClone');
    }

    /** The copied value as the message shows it: its source when short, else a summary. */
    function label(value: TSESTree.Node): string {
      const text = sourceCode.getText(value);
      if (text.length > MAX_LABEL || text.includes('\n')) return describeExpression(value);
      return value.type === AST_NODE_TYPES.SequenceExpression ? `(${text})` : text;
    }

    /**
     * `structuredClone(value)` in place of the parse. Through a variable, only when the declaration is the
     * statement right before the parse's: further away, `value` may have changed since it was serialised.
     */
    function suggestion(parse: TSESTree.CallExpression, clone: Clone): TSESLint.ReportFixFunction | undefined {
      const scope = sourceCode.getScope(parse);
      const shadowed = findVariable(scope as never, 'structuredClone') as TSESLint.Scope.Variable | null;
      if (shadowed && shadowed.defs.length > 0) return undefined;
      if (clone.fallsBack) return undefined;
      const valueSource = sourceCode.getText(clone.value);
      const replacement = `structuredClone(${clone.value.type === AST_NODE_TYPES.SequenceExpression ? `(${valueSource})` : valueSource})`;
      if (!clone.through) return (fixer) => fixer.replaceText(parse, replacement);
      const { declaration } = clone.through;
      if (declaration.declarations.length !== 1) return undefined;
      const next = nextStatement(declaration);
      if (!next || !statementHolds(next, parse)) return undefined;
      // The value's names must mean the same where the parse is: the same scope, no block in between.
      if (sourceCode.getScope(parse) !== sourceCode.getScope(declaration)) return undefined;
      return (fixer) => [fixer.removeRange([declaration.range[0], next.range[0]]), fixer.replaceText(parse, replacement)];
    }
  },
});

/**
 * A `toJSON()` or `serialize…()` method or function: producing the JSON form is its job, and `structuredClone`
 * would keep the Dates and Maps it is meant to turn into text (Gauzy's entity `toJSON`).
 */
function isInJsonSerializer(parse: TSESTree.CallExpression): boolean {
  const fn = enclosingFunction(parse);
  const name = fn && functionName(fn);
  return (name !== undefined && (name === 'toJSON' || SERIALIZING_NAME.test(name) || PLAIN_DATA_NAME.test(name) || NEXT_PROPS_FUNCTIONS.has(name))) || isHeldAsSerialized(parse);
}

/**
 * A function named for dropping what JSON cannot hold (Automatisch's `stripFunctions`, `toPlainObject`, `jsonify`):
 * the round trip removes functions, class instances and `undefined` on purpose, which `structuredClone` would refuse.
 */
const PLAIN_DATA_NAME = /^(?:strip(?:Functions|Methods|Undefined)|toPlain(?:Object|Data)?|jsonify|toSerializable)$/i;

const SERIALIZING_NAME = /^seriali[sz]/i;
/** Next.js hands their props over as JSON and refuses a `Date`: turning rows into JSON text there is the point. */
const NEXT_PROPS_FUNCTIONS = new Set(['getStaticProps', 'getServerSideProps']);

/**
 * The copy is kept under a name that says it is the JSON form (`const serializedLink = JSON.parse(JSON.stringify(link))`,
 * also as one branch of `brand ? … : null`): Papermark's page props, which must hold strings, not Dates.
 */
function isHeldAsSerialized(parse: TSESTree.CallExpression): boolean {
  let node: TSESTree.Node = parse;
  let parent = node.parent;
  while (parent && (parent.type === AST_NODE_TYPES.ConditionalExpression || parent.type === AST_NODE_TYPES.LogicalExpression || parent.type === AST_NODE_TYPES.TSAsExpression || parent.type === AST_NODE_TYPES.TSSatisfiesExpression || parent.type === AST_NODE_TYPES.TSNonNullExpression)) {
    node = parent;
    parent = node.parent;
  }
  let target: TSESTree.Node | undefined;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === node) target = parent.id;
  else if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === node) target = parent.left;
  else if (parent?.type === AST_NODE_TYPES.Property && parent.value === node) target = parent.key;
  const name = target && trailingName(target);
  return name !== undefined && SERIALIZING_NAME.test(name);
}

/**
 * Deep comparisons and diffs: a value round-tripped into one is normalised to its JSON form (Dates as strings,
 * `undefined` properties dropped) to compare it with stored JSON, not copied (Typebot's
 * `dequal(JSON.parse(JSON.stringify(a.groups)), JSON.parse(JSON.stringify(b.groups)))`). `structuredClone` would
 * keep what the comparison must ignore.
 */
const DEEP_COMPARISONS = new Set([
  'dequal', 'isEqual', 'isEqualWith', 'isMatch', 'isDeepStrictEqual', 'deepEqual', 'deepStrictEqual', 'notDeepEqual', 'notDeepStrictEqual',
  'diff', 'detailedDiff', 'addedDiff', 'deletedDiff', 'updatedDiff',
]);

/** The parse's result goes straight into a deep comparison: `dequal(JSON.parse(…), …)`, `_.isEqual(…)`, `assert.deepStrictEqual(…)`. */
function isComparedDeeply(parse: TSESTree.CallExpression): boolean {
  const { child, parent } = parentSkippingWrappers(parse);
  if (parent?.type !== AST_NODE_TYPES.CallExpression || !parent.arguments.includes(child as TSESTree.CallExpressionArgument)) return false;
  const callee = skipExpressionWrappers(parent.callee);
  const name = trailingName(callee);
  return name !== undefined && DEEP_COMPARISONS.has(name);
}

function isNullish(node: TSESTree.Node): boolean {
  const inner = skipExpressionWrappers(node);
  return (inner.type === AST_NODE_TYPES.Literal && inner.value === null && !('regex' in inner)) || (inner.type === AST_NODE_TYPES.Identifier && inner.name === 'undefined');
}

type StatementList = TSESTree.BlockStatement | TSESTree.Program | TSESTree.StaticBlock | TSESTree.SwitchCase;

function isStatementList(node: TSESTree.Node | undefined): node is StatementList {
  return (
    node?.type === AST_NODE_TYPES.BlockStatement ||
    node?.type === AST_NODE_TYPES.Program ||
    node?.type === AST_NODE_TYPES.StaticBlock ||
    node?.type === AST_NODE_TYPES.SwitchCase
  );
}

function statementsOf(list: StatementList): TSESTree.Node[] {
  return list.type === AST_NODE_TYPES.SwitchCase ? list.consequent : list.body;
}

function nextStatement(statement: TSESTree.Node): TSESTree.Node | undefined {
  const list = statement.parent;
  if (!isStatementList(list)) return undefined;
  const statements = statementsOf(list);
  return statements[statements.indexOf(statement) + 1];
}

/** `statement` contains `node` without a nested block or function in between. */
function statementHolds(statement: TSESTree.Node, node: TSESTree.Node): boolean {
  for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
    if (current === statement) return true;
    if (current.type === AST_NODE_TYPES.BlockStatement || isFunction(current)) return false;
  }
  return false;
}

/**
 * Whether a function or a loop lies between `node` and the statement list `container`: a string made once
 * and parsed many times (`const TEMPLATE = JSON.stringify(defaults)` read in a factory) is a template, not
 * a per-copy round trip.
 */
function crossesRepeatedCode(node: TSESTree.Node, container: TSESTree.Node): boolean {
  let child: TSESTree.Node = node;
  for (let current = node.parent; current !== container; child = current, current = current.parent) {
    // Not inside the declaration's statement list at all: nothing to say about it.
    if (!current || repeats(current, child)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------
// Documents whose JSON form is the point

/**
 * With types: a value (or array element) whose type has its own `toJSON()` method, such as a Mongoose
 * document or a Sequelize instance. 'plain' when the type is known and has none; undefined when it says nothing.
 */
function typedDocumentLibrary(value: TSESTree.Node, typeServices: TypeServices): DocumentLibrary | 'typed' | 'plain' | undefined {
  const tsNode = typeServices.services.esTreeNodeToTSNodeMap.get(value as never);
  if (!tsNode) return undefined;
  const { checker } = typeServices;
  const { TypeFlags } = typescript();
  let type = checker.getTypeAtLocation(tsNode);
  if (type.flags & (TypeFlags.Any | TypeFlags.Unknown | TypeFlags.TypeParameter)) return undefined;
  type = checker.getNonNullableType(type);
  if (checker.isArrayType(type)) type = checker.getTypeArguments(type as ts.TypeReference)[0] ?? type;
  if (type.flags & (TypeFlags.Any | TypeFlags.Unknown | TypeFlags.TypeParameter)) return undefined;
  // A Date's toJSON is its ISO string: round-tripping one is a different mistake, not a document's plain form.
  const symbolName = type.getSymbol()?.getName();
  if (symbolName === 'Date') return 'plain';
  const toJson = checker.getPropertyOfType(checker.getApparentType(type), 'toJSON');
  if (!toJson) return 'plain';
  const file = toJson.getDeclarations()?.[0]?.getSourceFile().fileName;
  const packageName = file ? packageOfFile(file) : undefined;
  return packageName === 'mongoose' || packageName === 'sequelize' ? packageName : 'typed';
}

/**
 * Without types: `value` holds the awaited result of a Mongoose or Sequelize read that returns documents,
 * bound by a variable written once or awaited in place; 'plain' when that read asks for plain rows
 * (`.lean()`, `raw: true`, or Sequelize options it cannot see).
 */
function untypedDocumentLibrary(value: TSESTree.Node, db: DbOperationAnalyzer, sourceCode: Readonly<TSESLint.SourceCode>): DocumentLibrary | 'plain' | undefined {
  let expression = skipExpressionWrappers(value);
  if (expression.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(sourceCode.getScope(expression) as never, expression as never) as TSESLint.Scope.Variable | null;
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (!variable || def?.type !== 'Variable') return undefined;
    const declarator = def.node as TSESTree.VariableDeclarator;
    if (declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) return undefined;
    if (variable.references.some((reference) => reference.isWrite() && !reference.init)) return undefined;
    expression = skipExpressionWrappers(declarator.init);
  }
  if (expression.type !== AST_NODE_TYPES.AwaitExpression) return undefined;
  const call = skipExpressionWrappers(expression.argument);
  if (call.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const operation = db.classify(call);
  if (!operation || operation.kind !== 'read') return undefined;
  if (operation.library === 'mongoose') return chainCalls(operation.node, 'lean') ? 'plain' : 'mongoose';
  if (operation.library === 'sequelize') {
    const options = operation.operationCall.arguments[operation.method === 'findByPk' ? 1 : 0];
    return options && asksForRawRows(options) ? 'plain' : 'sequelize';
  }
  return undefined;
}

/** Whether a call chain ending at `call` includes `.<method>(…)`. */
function chainCalls(call: TSESTree.Node, method: string): boolean {
  let current = skipExpressionWrappers(call);
  for (let step = 0; step < 30 && current.type === AST_NODE_TYPES.CallExpression; step++) {
    const callee = skipExpressionWrappers(current.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    if (memberName(callee) === method) return true;
    current = skipExpressionWrappers(callee.object);
  }
  return false;
}

/** Sequelize's `{ raw: true }` in a query's options (or options it cannot see, which may say so). */
function asksForRawRows(argument: TSESTree.Node): boolean {
  const options = skipExpressionWrappers(argument);
  if (options.type !== AST_NODE_TYPES.ObjectExpression) return true;
  return options.properties.some(
    (property) =>
      property.type === AST_NODE_TYPES.SpreadElement ||
      (property.type === AST_NODE_TYPES.Property &&
        !property.computed &&
        property.key.type === AST_NODE_TYPES.Identifier &&
        property.key.name === 'raw' &&
        !(property.value.type === AST_NODE_TYPES.Literal && property.value.value === false)),
  );
}

/**
 * `JSON.parse(JSON.stringify(value));` as a statement of its own: a check that the value survives JSON (Payload's
 * field validators, in a try/catch), not a copy anyone uses.
 */
function isResultDiscarded(parse: TSESTree.CallExpression): boolean {
  return parentSkippingWrappers(parse).parent?.type === AST_NODE_TYPES.ExpressionStatement;
}

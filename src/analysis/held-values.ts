/**
 * How this file uses a value kept in a variable or a class field: which methods are called on it, which
 * of its properties are read, written or deleted, whether the variable or field is assigned again, and
 * whether the value escapes to code this file cannot follow (passed to a function, returned, exported,
 * stored elsewhere).
 *
 * Rules call `holderOf(expression)` on the expression that creates a value (`new Map()`, `new NodeCache()`)
 * to find where it is kept (`const cache = …`, `private cache = …`, `this.cache = …` in a constructor,
 * `static cache = …`), then `usesOf(holder, sourceCode)` for every use of it in the file. Local aliases
 * (`const c = this.cache`, `const { cache } = this`) are followed; every other way of reaching the value
 * (`svc.cache` from outside the class, `this[name]`) is not seen.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast/node-types';
import { enclosingClassOfThis, memberName, parentSkippingWrappers, skipExpressionWrappers } from './library-origin';
import { pushChildNodes } from '../ast/children';

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** Where a value is kept. */
export type Holder =
  | {
      kind: 'variable';
      variable: TSESLint.Scope.Variable;
      /** The declared name. */
      id: TSESTree.Identifier;
      /** Declared at the top level of the module (or script). */
      isModuleScope: boolean;
      /** `export const x = …`, `export { x }`, `export default x`, `module.exports = { x }`: other files may use it. */
      isExported: boolean;
      /** The write that stores the value: the declarator, or the assignment `x = …` of a `let x;`. */
      initialization: TSESTree.VariableDeclarator | TSESTree.AssignmentExpression;
    }
  | {
      kind: 'field';
      classNode: ClassNode;
      name: string;
      isStatic: boolean;
      /** The property's key, or the `this.x` of the constructor assignment that stores the value. */
      key: TSESTree.Node;
      initialization: TSESTree.PropertyDefinition | TSESTree.AssignmentExpression;
    };

/** One use of a held value. `reference` is the expression that evaluates to it (`cache`, `this.cache`, an alias). */
export type HeldValueUse =
  /** `ref.method(…)`. */
  | { kind: 'call'; reference: TSESTree.Node; method: string | undefined; call: TSESTree.CallExpression }
  /** `ref.size`, `ref[key]` read, `key in ref`; `key` is the key expression when there is one. */
  | { kind: 'read'; reference: TSESTree.Node; name: string | undefined; key?: TSESTree.Node; node: TSESTree.Node }
  /** `ref[key] = v`, `ref.x = v`, `ref[key] ??= v`, `ref[key]++`. */
  | { kind: 'write'; reference: TSESTree.Node; name: string | undefined; key: TSESTree.Node; node: TSESTree.AssignmentExpression | TSESTree.UpdateExpression }
  /** `delete ref[key]`. */
  | { kind: 'delete'; reference: TSESTree.Node; node: TSESTree.UnaryExpression }
  /** The variable or field itself is written again: `cache = new Map()`, `this.cache = {}` outside its initialisation. */
  | { kind: 'reassign'; reference: TSESTree.Node; node: TSESTree.Node }
  /** Iterated or copied without being changed: `for (… of ref)`, `[...ref]`, `Object.keys(ref)`, `JSON.stringify(ref)`. */
  | { kind: 'iterate'; reference: TSESTree.Node; node: TSESTree.Node }
  /** Handed to code this file does not follow. */
  | { kind: 'escape'; reference: TSESTree.Node; node: TSESTree.Node };

/** Global functions that read what they are given without keeping or changing it. */
const READING_STATICS: Readonly<Record<string, ReadonlySet<string>>> = {
  Object: new Set(['keys', 'values', 'entries', 'getOwnPropertyNames', 'freeze', 'isFrozen']),
  Array: new Set(['from', 'isArray']),
  JSON: new Set(['stringify']),
};
const READING_FUNCTIONS = new Set(['structuredClone', 'String', 'Boolean']);
const COPYING_CONSTRUCTORS = new Set(['Map', 'Set', 'Array']);
const MAX_ALIAS_DEPTH = 3;
const MAX_SCANNED_NODES = 20_000;

// ---------------------------------------------------------------------------------------------------------
// Where a created value is kept.

/** The variable or class field the value of `creation` is stored in, if it is stored right away. */
export function holderOf(creation: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): Holder | undefined {
  let node: TSESTree.Node = creation;
  for (let parent = node.parent; parent; node = parent, parent = parent.parent) {
    if (
      parent.type === AST_NODE_TYPES.AwaitExpression ||
      parent.type === AST_NODE_TYPES.TSAsExpression ||
      parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
      parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      parent.type === AST_NODE_TYPES.TSTypeAssertion
    ) {
      continue;
    }
    break;
  }
  const parent = node.parent;
  if (!parent) return undefined;
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === node && parent.id.type === AST_NODE_TYPES.Identifier) {
    const variable = sourceCode.getDeclaredVariables(parent).find((candidate) => candidate.name === (parent.id as TSESTree.Identifier).name);
    return variable && variableHolder(variable, parent.id, parent);
  }
  if (parent.type === AST_NODE_TYPES.PropertyDefinition && parent.value === node) {
    const name = propertyName(parent.key, parent.computed);
    if (name === undefined) return undefined;
    return { kind: 'field', classNode: parent.parent.parent as ClassNode, name, isStatic: parent.static, key: parent.key, initialization: parent };
  }
  if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.operator === '=' && parent.right === node) {
    const target = skipExpressionWrappers(parent.left);
    if (target.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariable(sourceCode.getScope(target), target.name);
      // Only `let x; … x = creation` where this is the one write that stores a value.
      if (!variable || variable.defs.length !== 1 || variable.defs[0].type !== 'Variable') return undefined;
      const declarator = variable.defs[0].node as TSESTree.VariableDeclarator;
      if (declarator.init || declarator.id.type !== AST_NODE_TYPES.Identifier) return undefined;
      return variableHolder(variable, declarator.id, parent);
    }
    if (target.type === AST_NODE_TYPES.MemberExpression && skipExpressionWrappers(target.object).type === AST_NODE_TYPES.ThisExpression && parent.parent?.type === AST_NODE_TYPES.ExpressionStatement) {
      const name = memberName(target);
      const owner = enclosingClassOfThis(target);
      if (name === undefined || !owner || owner.isStatic || !isConstructorBodyStatement(parent.parent)) return undefined;
      return { kind: 'field', classNode: owner.classNode, name, isStatic: false, key: target, initialization: parent };
    }
  }
  return undefined;
}

function variableHolder(variable: TSESLint.Scope.Variable, id: TSESTree.Identifier, initialization: TSESTree.VariableDeclarator | TSESTree.AssignmentExpression): Holder {
  const scopeType = variable.scope.type;
  const declaration = variable.defs[0]?.parent;
  const exportedDeclaration = declaration?.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration;
  return { kind: 'variable', variable, id, isModuleScope: scopeType === 'module' || scopeType === 'global', isExported: exportedDeclaration, initialization };
}

/** A statement directly in a constructor's body. */
function isConstructorBodyStatement(statement: TSESTree.Node): boolean {
  const body = statement.parent;
  const fn = body?.parent;
  return body?.type === AST_NODE_TYPES.BlockStatement && fn?.type === AST_NODE_TYPES.FunctionExpression && fn.parent?.type === AST_NODE_TYPES.MethodDefinition && fn.parent.kind === 'constructor';
}

// ---------------------------------------------------------------------------------------------------------
// Its uses.

/** Every use of the held value in this file, in source order. */
export function usesOf(holder: Holder, sourceCode: Readonly<TSESLint.SourceCode>): HeldValueUse[] {
  const uses: HeldValueUse[] = [];
  if (holder.kind === 'variable') {
    if (holder.isExported) uses.push({ kind: 'escape', reference: holder.id, node: holder.id });
    for (const reference of holder.variable.references) {
      const identifier = reference.identifier as TSESTree.Identifier;
      if (reference.init || (holder.initialization.type === AST_NODE_TYPES.AssignmentExpression && skipExpressionWrappers(holder.initialization.left) === identifier)) continue;
      if (reference.isWrite()) {
        uses.push({ kind: 'reassign', reference: identifier, node: identifier.parent ?? identifier });
        continue;
      }
      classify(identifier, sourceCode, uses, 0);
    }
  } else {
    for (const reference of fieldReferences(holder, sourceCode)) {
      if (holder.initialization.type === AST_NODE_TYPES.AssignmentExpression && reference === holder.key) continue;
      classify(reference, sourceCode, uses, 0);
    }
  }
  return uses.sort((a, b) => a.reference.range[0] - b.reference.range[0]);
}

/** `this.<name>` in the class's instance (or static) code, `ClassName.<name>` for a static field, and `const { name } = this`. */
function fieldReferences(holder: Extract<Holder, { kind: 'field' }>, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.Node[] {
  const out: TSESTree.Node[] = [];
  const visitorKeys = sourceCode.visitorKeys;
  const queue: TSESTree.Node[] = [holder.classNode.body];
  for (let index = 0; index < queue.length && index < MAX_SCANNED_NODES; index++) {
    const node = queue[index];
    if (node.type === AST_NODE_TYPES.ThisExpression) {
      const owner = enclosingClassOfThis(node);
      if (owner?.classNode === holder.classNode && owner.isStatic === holder.isStatic) {
        const { child, parent } = parentSkippingWrappers(node);
        if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === child && memberName(parent) === holder.name) out.push(parent);
        else if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === child && parent.id.type === AST_NODE_TYPES.ObjectPattern) {
          const alias = destructuredAlias(parent.id, holder.name);
          if (alias) out.push(...aliasReferences(alias, sourceCode));
        }
      }
    }
    pushChildNodes(node, visitorKeys, queue);
  }
  // `ClassName.cache` anywhere in the file.
  if (holder.isStatic && holder.classNode.id) {
    for (const variable of sourceCode.getDeclaredVariables(holder.classNode)) {
      for (const reference of variable.references) {
        const { child, parent } = parentSkippingWrappers(reference.identifier as TSESTree.Node);
        if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === child && memberName(parent) === holder.name) out.push(parent);
      }
    }
  }
  return out;
}

function destructuredAlias(pattern: TSESTree.ObjectPattern, name: string): TSESTree.Identifier | undefined {
  for (const property of pattern.properties) {
    if (property.type !== AST_NODE_TYPES.Property || propertyName(property.key, property.computed) !== name) continue;
    const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
    return value.type === AST_NODE_TYPES.Identifier ? value : undefined;
  }
  return undefined;
}

/** The uses of a local alias of the value (`const c = cache`), unless the alias is assigned again. */
function aliasReferences(id: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.Node[] {
  const variable = findVariable(sourceCode.getScope(id), id.name);
  if (variable?.defs[0]?.name !== id) return [];
  return variable.references.filter((reference) => !reference.init).map((reference) => reference.identifier as TSESTree.Node);
}

/** What the code around `reference` does with the value. */
function classify(reference: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, uses: HeldValueUse[], depth: number): void {
  const { child, parent } = parentSkippingWrappers(reference);
  const escape = (): void => {
    uses.push({ kind: 'escape', reference, node: parent ?? reference });
  };
  if (!parent) return;
  switch (parent.type) {
    case AST_NODE_TYPES.MemberExpression: {
      if (parent.object !== child) return escape();
      const name = memberName(parent);
      const key = parent.computed ? parent.property : undefined;
      const { child: member, parent: outer } = parentSkippingWrappers(parent);
      if (outer?.type === AST_NODE_TYPES.CallExpression && outer.callee === member) {
        uses.push({ kind: 'call', reference, method: name, call: outer });
        return;
      }
      if (outer?.type === AST_NODE_TYPES.AssignmentExpression && outer.left === member) {
        uses.push({ kind: 'write', reference, name, key: key ?? parent.property, node: outer });
        return;
      }
      if (outer?.type === AST_NODE_TYPES.UpdateExpression) {
        uses.push({ kind: 'write', reference, name, key: key ?? parent.property, node: outer });
        return;
      }
      if (outer?.type === AST_NODE_TYPES.UnaryExpression && outer.operator === 'delete') {
        uses.push({ kind: 'delete', reference, node: outer });
        return;
      }
      uses.push({ kind: 'read', reference, name, key, node: parent });
      return;
    }
    case AST_NODE_TYPES.AssignmentExpression:
      if (parent.left === child) {
        uses.push({ kind: 'reassign', reference, node: parent });
        return;
      }
      return escape();
    case AST_NODE_TYPES.BinaryExpression:
      if (parent.operator === 'in' && parent.right === child) {
        uses.push({ kind: 'read', reference, name: undefined, key: parent.left, node: parent });
        return;
      }
      uses.push({ kind: 'read', reference, name: undefined, node: parent });
      return;
    case AST_NODE_TYPES.UnaryExpression:
    case AST_NODE_TYPES.ExpressionStatement:
    case AST_NODE_TYPES.TemplateLiteral:
    case AST_NODE_TYPES.AwaitExpression:
      uses.push({ kind: 'read', reference, name: undefined, node: parent });
      return;
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
      uses.push({ kind: 'read', reference, name: undefined, node: parent });
      return;
    case AST_NODE_TYPES.ConditionalExpression:
      if (parent.test === child) {
        uses.push({ kind: 'read', reference, name: undefined, node: parent });
        return;
      }
      return escape();
    case AST_NODE_TYPES.ForOfStatement:
    case AST_NODE_TYPES.ForInStatement:
      if (parent.right === child) {
        uses.push({ kind: 'iterate', reference, node: parent });
        return;
      }
      return escape();
    case AST_NODE_TYPES.SpreadElement: {
      const container = parent.parent;
      if (container?.type === AST_NODE_TYPES.ArrayExpression || container?.type === AST_NODE_TYPES.ObjectExpression) {
        uses.push({ kind: 'iterate', reference, node: parent });
        return;
      }
      return escape();
    }
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      if (parent.callee !== child && isReadingCall(parent, sourceCode)) {
        uses.push({ kind: 'iterate', reference, node: parent });
        return;
      }
      return escape();
    case AST_NODE_TYPES.VariableDeclarator:
      // `const c = cache`: follow the alias.
      if (parent.init === child && parent.id.type === AST_NODE_TYPES.Identifier && depth < MAX_ALIAS_DEPTH && (parent.parent as TSESTree.VariableDeclaration).kind === 'const') {
        for (const alias of aliasReferences(parent.id, sourceCode)) classify(alias, sourceCode, uses, depth + 1);
        return;
      }
      return escape();
    default:
      return escape();
  }
}

/** `Object.keys(x)`, `Array.from(x)`, `JSON.stringify(x)`, `new Map(x)`: reads its argument, keeps nothing. */
function isReadingCall(call: TSESTree.CallExpression | TSESTree.NewExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) {
    if (!isGlobal(callee, sourceCode)) return false;
    return call.type === AST_NODE_TYPES.NewExpression ? COPYING_CONSTRUCTORS.has(callee.name) : READING_FUNCTIONS.has(callee.name);
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression || call.type !== AST_NODE_TYPES.CallExpression) return false;
  const object = skipExpressionWrappers(callee.object);
  const method = memberName(callee);
  if (object.type !== AST_NODE_TYPES.Identifier || method === undefined || !isGlobal(object, sourceCode)) return false;
  return READING_STATICS[object.name]?.has(method) === true;
}

function isGlobal(identifier: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const variable = findVariable(sourceCode.getScope(identifier), identifier.name);
  return !variable || variable.defs.length === 0;
}

// ---------------------------------------------------------------------------------------------------------
// Small helpers.


function propertyName(key: TSESTree.Node, computed: boolean): string | undefined {
  if (key.type === AST_NODE_TYPES.PrivateIdentifier) return `#${key.name}`;
  if (!computed && key.type === AST_NODE_TYPES.Identifier) return key.name;
  if (key.type === AST_NODE_TYPES.Literal && (typeof key.value === 'string' || typeof key.value === 'number')) return String(key.value);
  return undefined;
}

function findVariable(scope: TSESLint.Scope.Scope, name: string): TSESLint.Scope.Variable | undefined {
  for (let current: TSESLint.Scope.Scope | null = scope; current; current = current.upper) {
    const variable = current.set.get(name);
    if (variable) return variable;
  }
  return undefined;
}

/**
 * Which synchronous file writes write a log (`fs.appendFileSync('./logs/app.log', line)`). no-sync-logging
 * reports them with the logging fix; no-blocking-call leaves them to it, so a log write gets one warning,
 * with the more specific advice.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast/node-types';
import { wordsOf } from '../ast/identifier-words';

/** The `fs` functions a log line is written with, synchronously. */
export const SYNC_LOG_WRITE_FUNCTIONS: ReadonlySet<string> = new Set(['appendFileSync', 'writeFileSync', 'writeSync']);

/** Words that mark a file path, data or function as a log. */
const LOG_WORDS = new Set(['log', 'logs', 'logger', 'logging']);
const LOG_FUNCTION_WORDS = new Set([...LOG_WORDS, 'audit']);

/** A write call whose path or data names a log, or that sits in a function named like logging. */
export function isLogFileWrite(call: TSESTree.CallExpression): boolean {
  const [target, data] = call.arguments;
  if (target && mentionsWord(target, LOG_WORDS)) return true;
  if (data && mentionsWord(data, LOG_WORDS)) return true;
  const name = enclosingFunctionName(call);
  return name !== undefined && wordsOf(name).some((word) => LOG_FUNCTION_WORDS.has(word));
}

const MAX_SCANNED_NODES = 40;

/** Does an expression name one of `words` in an identifier, a property name or a string (`'./logs/app.log'`, `logLine`)? */
function mentionsWord(expression: TSESTree.Node, words: ReadonlySet<string>): boolean {
  const queue: TSESTree.Node[] = [expression];
  for (let scanned = 0; scanned < queue.length && scanned < MAX_SCANNED_NODES; scanned++) {
    const node = queue[scanned];
    let text: string | undefined;
    switch (node.type) {
      case AST_NODE_TYPES.Identifier:
        text = node.name;
        break;
      case AST_NODE_TYPES.Literal:
        text = typeof node.value === 'string' ? node.value : undefined;
        break;
      case AST_NODE_TYPES.TemplateLiteral:
        text = node.quasis.map((quasi) => quasi.value.cooked ?? '').join(' ');
        queue.push(...node.expressions);
        break;
      case AST_NODE_TYPES.MemberExpression:
        queue.push(node.object, node.property);
        break;
      case AST_NODE_TYPES.CallExpression:
        queue.push(node.callee, ...node.arguments);
        break;
      case AST_NODE_TYPES.BinaryExpression:
        queue.push(node.left, node.right);
        break;
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
        queue.push(node.expression);
        break;
      default:
        break;
    }
    if (text !== undefined && wordsOf(text).some((word) => words.has(word))) return true;
  }
  return false;
}

/** The name of the innermost named function around `node`: its own, its variable's, its property's or its method's. */
function enclosingFunctionName(node: TSESTree.Node): string | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (
      current.type !== AST_NODE_TYPES.FunctionDeclaration &&
      current.type !== AST_NODE_TYPES.FunctionExpression &&
      current.type !== AST_NODE_TYPES.ArrowFunctionExpression
    ) {
      continue;
    }
    if (current.id) return current.id.name;
    const parent = current.parent;
    if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
    if ((parent.type === AST_NODE_TYPES.MethodDefinition || parent.type === AST_NODE_TYPES.Property || parent.type === AST_NODE_TYPES.PropertyDefinition) && !parent.computed && parent.key.type === AST_NODE_TYPES.Identifier) {
      return parent.key.name;
    }
  }
  return undefined;
}

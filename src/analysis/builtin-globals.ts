/**
 * Globals of JavaScript, Node and the web platform: no database client lives in one, and no function of the project
 * is reached through one (`Math.max`, `JSON.parse`, `console.log`, `process.env.X.split`). Analyses that follow names
 * or calls stop at them without asking the type checker.
 */
export const BUILTIN_GLOBALS: ReadonlySet<string> = new Set([
  'Map', 'Set', 'WeakMap', 'WeakSet', 'Array', 'Object', 'JSON', 'Math', 'Promise', 'Reflect', 'console', 'process', 'Buffer', 'Date', 'Number',
  'String', 'Boolean', 'Symbol', 'Error', 'globalThis', 'window', 'document', 'fetch', 'URL', 'URLSearchParams', 'Intl', 'RegExp', 'Headers',
  'Response', 'Request', 'FormData', 'localStorage', 'sessionStorage', 'require', 'module', 'exports', 'undefined', 'NaN', 'Infinity',
  'AbortSignal', 'AbortController', 'Atomics', 'BigInt', 'TextEncoder', 'TextDecoder', 'crypto', 'performance', 'structuredClone', 'setTimeout',
  'setInterval', 'setImmediate', 'queueMicrotask', 'Blob', 'EventTarget', 'Event',
]);

/**
 * Built-in globals whose members a project may extend with functions of its own (`globalThis.loadUser = …`,
 * `module.exports.helper`): a call through them may still reach project code.
 */
const EXTENSIBLE_GLOBALS: ReadonlySet<string> = new Set(['globalThis', 'window', 'document', 'module', 'exports', 'require']);

/** A built-in global whose methods (and their results' methods) are the platform's own: `Math`, `JSON`, `console`. */
export function isClosedBuiltinGlobal(name: string): boolean {
  return BUILTIN_GLOBALS.has(name) && !EXTENSIBLE_GLOBALS.has(name);
}

/**
 * The one way analyses keep an analyzer per linted file: in a WeakMap keyed by the file's SourceCode, so
 * every rule that asks about the same file shares it, and nothing outlives the file (ESLint --concurrency
 * and --cache see no state carried between files).
 */
export function perFile<T>(cache: WeakMap<object, T>, sourceCode: object, make: () => T): T {
  let value = cache.get(sourceCode);
  if (value === undefined) {
    value = make();
    cache.set(sourceCode, value);
  }
  return value;
}

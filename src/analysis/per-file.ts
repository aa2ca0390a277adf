/**
 * The one way analyses keep an analyzer per linted file: keyed by the file's SourceCode object, so every rule
 * that asks about the same file shares it, and no file ever sees another's answers (ESLint --concurrency and
 * --cache see no state carried between files).
 *
 * Every rule asks several analyses about the file ESLint is linting right now, so each cache answers that file
 * from a field, and only looks in its WeakMap when the file changes. The field holds the last file until the
 * next one is linted: the only thing kept after a file, and only ever handed back for that same SourceCode.
 */
export class FileCache<T> {
  private readonly byFile = new WeakMap<object, T>();
  private lastFile: object | undefined;
  private lastValue: T | undefined;

  get(sourceCode: object, make: () => T): T {
    if (sourceCode === this.lastFile) return this.lastValue as T;
    let value = this.byFile.get(sourceCode);
    if (value === undefined) {
      value = make();
      this.byFile.set(sourceCode, value);
    }
    this.lastFile = sourceCode;
    this.lastValue = value;
    return value;
  }
}

/** `cache.get(sourceCode, make)`, for analyses written as one call. */
export function perFile<T>(cache: FileCache<T>, sourceCode: object, make: () => T): T {
  return cache.get(sourceCode, make);
}

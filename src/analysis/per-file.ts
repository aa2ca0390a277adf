/**
 * The one way analyses keep an analyzer per linted file: keyed by the file's SourceCode object, so every rule
 * that asks about the same file shares it, and no file ever sees another's answers (ESLint --concurrency and
 * --cache see no state carried between files).
 *
 * ESLint lints a file in one synchronous run: every rule's `create` and listeners for it run before control
 * returns to the event loop. So a cache holds one file, the last asked about, and makes a new value when
 * another file asks; the value is only ever handed back for that same SourceCode object. (A WeakMap by file
 * cost about a microsecond per `get` or `set` in a lint run, some 20 ms per bench run, and only ever served
 * one file at a time.)
 *
 * Nothing outlives the file's run: once it ends (the first microtask after it), every cache forgets its file.
 * Kept until the next file instead, the last file's tree would survive that file's parse, and the garbage
 * collector would copy it there.
 */
export class FileCache<T> {
  private lastFile: object | undefined;
  private lastValue: T | undefined;
  /** Listed in `holding`, to be forgotten by the pending microtask. */
  held = false;

  get(sourceCode: object, make: () => T): T {
    if (sourceCode !== this.lastFile) {
      // Forget the previous file first: if `make` throws, no stale value is left for this one.
      this.lastFile = undefined;
      this.lastValue = make();
      this.lastFile = sourceCode;
      forgetAfterThisRun(this);
    }
    return this.lastValue as T;
  }

  forget(): void {
    this.held = false;
    this.lastFile = undefined;
    this.lastValue = undefined;
  }
}

/** The caches holding a file now, forgotten together by one microtask. */
const holding: FileCache<unknown>[] = [];
let forgetScheduled = false;
/**
 * A settled promise's `then` queues the microtask: `queueMicrotask` builds an AsyncResource for every call, some
 * microseconds each, once per linted file.
 */
const settled = Promise.resolve();

function forgetAfterThisRun(cache: FileCache<unknown>): void {
  if (cache.held) return;
  cache.held = true;
  holding.push(cache);
  if (forgetScheduled) return;
  forgetScheduled = true;
  void settled.then(forgetAll);
}

function forgetAll(): void {
  forgetScheduled = false;
  for (const cache of holding) cache.forget();
  holding.length = 0;
}

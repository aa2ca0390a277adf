/**
 * Concurrency limiters, by package: what calling them or their methods does with a task. One table for the rules and
 * analyses that recognise them (no-unbounded-concurrency, function summaries, per-element scopes).
 */
interface Limiter {
  /** The limiter itself is called with the task: `limit(() => …)` of `pLimit(5)`. */
  called: boolean;
  /** Methods that queue tasks under the limit: `queue.add(() => …)`, `limiter.schedule(…)`, `limit.map(items, fn)`. */
  methods: ReadonlySet<string>;
  /** Of those, the ones that run the one function they are given, once (not `wrap`, `addAll` or `map`). */
  runsGivenTask: ReadonlySet<string>;
}

const LIMITERS: Readonly<Record<string, Limiter>> = {
  'p-limit': { called: true, methods: new Set(['map']), runsGivenTask: new Set() },
  'p-queue': { called: false, methods: new Set(['add', 'addAll']), runsGivenTask: new Set(['add']) },
  bottleneck: { called: false, methods: new Set(['schedule', 'wrap', 'submit']), runsGivenTask: new Set(['schedule', 'submit']) },
  'async-sema': { called: false, methods: new Set(['acquire']), runsGivenTask: new Set() },
};

/** Method names any limiter queues tasks with: the cheap test before resolving the receiver's package. */
export const LIMITER_METHOD_NAMES: ReadonlySet<string> = new Set(Object.values(LIMITERS).flatMap(({ methods }) => [...methods]));

/** A limiter package called with the task itself (`limit(() => …)`). */
export function isCalledLimiter(packageName: string | undefined): boolean {
  return packageName !== undefined && Object.hasOwn(LIMITERS, packageName) && LIMITERS[packageName].called;
}

/** `method` of a `packageName` limiter queues tasks under its limit. */
export function isLimiterMethod(packageName: string | undefined, method: string): boolean {
  return packageName !== undefined && Object.hasOwn(LIMITERS, packageName) && LIMITERS[packageName].methods.has(method);
}

/** `method` of a `packageName` limiter runs the one function it is given, once (`queue.add(fn)`, `limiter.schedule(fn)`). */
export function runsGivenTask(packageName: string | undefined, method: string): boolean {
  return packageName !== undefined && Object.hasOwn(LIMITERS, packageName) && LIMITERS[packageName].runsGivenTask.has(method);
}

/** Packages whose limiters the untyped per-element analysis follows from their import. */
export function isLimiterPackage(source: string): boolean {
  return Object.hasOwn(LIMITERS, source);
}

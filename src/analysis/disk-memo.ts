/**
 * Answers read from disk (package manifests, Prisma schemas), remembered for a few seconds: within a lint run every
 * file of a package shares one read, and an editor's long-lived ESLint sees an edited file soon after. A memo is a
 * pure function of the disk, never of a linted file, so `--concurrency` workers each keep their own.
 */

/** How long a disk answer stays good. */
export const DISK_MEMO_MS = 5_000;

export type DiskMemo<T> = Map<string, { at: number; value: T }>;

/** `memo`'s answer for `key` if read in the last few seconds, else `compute()`'s, remembered; the memo is emptied at `maxSize`. */
export function remembered<T>(memo: DiskMemo<T>, key: string, now: number, maxSize: number, compute: () => T): T {
  const known = memo.get(key);
  if (known && now - known.at < DISK_MEMO_MS) return known.value;
  if (memo.size >= maxSize) memo.clear();
  const value = compute();
  memo.set(key, { at: now, value });
  return value;
}

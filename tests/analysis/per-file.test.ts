import { describe, expect, it } from 'vitest';
import { FileCache } from '../../src/analysis/per-file';

describe('FileCache', () => {
  it('answers the same file from its slot, and makes a new value for another file', () => {
    const cache = new FileCache<{ file: string }>();
    const first = {};
    const second = {};
    let made = 0;
    const make = (file: string) => () => ({ file: `${file}#${++made}` });
    const value = cache.get(first, make('first'));
    expect(cache.get(first, make('first'))).toBe(value);
    expect(cache.get(second, make('second'))).toEqual({ file: 'second#2' });
    // Back to the first file (ESLint never does this within a run): a fresh value, never the second file's.
    expect(cache.get(first, make('first'))).toEqual({ file: 'first#3' });
  });

  it('forgets its file once the synchronous run that linted it ends', async () => {
    const cache = new FileCache<object>();
    const file = {};
    const value = cache.get(file, () => ({}));
    expect(cache.get(file, () => ({}))).toBe(value);
    await Promise.resolve();
    expect(cache.get(file, () => ({}))).not.toBe(value);
  });

  it('keeps no stale value when making one throws', () => {
    const cache = new FileCache<string>();
    const file = {};
    cache.get({}, () => 'other file');
    expect(() =>
      cache.get(file, () => {
        throw new Error('analysis bug');
      }),
    ).toThrow('analysis bug');
    expect(cache.get(file, () => 'made again')).toBe('made again');
  });
});

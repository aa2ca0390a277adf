/** The progress bar: only on a terminal, only for runs that last, throttled, erased at the end. */
import { describe, expect, it } from 'vitest';
import { silentProgress, terminalProgress } from '../../src/audit/progress';

function fakeTerminal(isTTY = true) {
  const writes: string[] = [];
  return { stream: { isTTY, columns: 60, write: (text: string) => writes.push(text) }, writes };
}

describe('terminalProgress', () => {
  it('prints nothing when stderr is not a terminal', () => {
    const { stream } = fakeTerminal(false);
    expect(terminalProgress(stream)).toBe(silentProgress);
  });

  it('stays quiet for short runs, then draws a bar, throttled, and erases it when done', () => {
    const { stream, writes } = fakeTerminal();
    let now = 0;
    const progress = terminalProgress(stream, { delayMs: 400, intervalMs: 100, now: () => now });
    progress.phase('Linting', 10);
    progress.update(2);
    expect(writes).toEqual([]);

    now = 500;
    progress.update(5);
    expect(writes.at(-1)).toBe(`\r\u001b[K[${'█'.repeat(12)}${'░'.repeat(12)}] 5/10 Linting`);
    now = 550;
    progress.update(6);
    expect(writes).toHaveLength(1);

    now = 700;
    progress.phase('Reading endpoints');
    expect(writes.at(-1)).toBe('\r\u001b[KReading endpoints…');
    progress.finish();
    expect(writes.at(-1)).toBe('\r\u001b[K');
  });

  it('erases nothing when it never drew', () => {
    const { stream, writes } = fakeTerminal();
    const progress = terminalProgress(stream, { now: () => 0 });
    progress.phase('Linting', 3);
    progress.finish();
    expect(writes).toEqual([]);
  });
});

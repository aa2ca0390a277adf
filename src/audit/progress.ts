/**
 * A progress bar on stderr for long audits: shown only on a terminal, only once a run has lasted a
 * moment (short runs print nothing), redrawn at most a few times a second, and erased when done so the
 * report on stdout stays clean.
 */
export interface ProgressListener {
  /** A new phase ("Linting", "Reading endpoints"), with its number of steps when known. */
  phase(label: string, total?: number): void;
  update(done: number, total?: number): void;
  finish(): void;
}

export const silentProgress: ProgressListener = { phase() {}, update() {}, finish() {} };

interface Stream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

const BAR_WIDTH = 24;

export function terminalProgress(stream: Stream, { delayMs = 400, intervalMs = 100, now = () => Date.now() } = {}): ProgressListener {
  if (!stream.isTTY) return silentProgress;
  const started = now();
  let label = '';
  let done = 0;
  let total: number | undefined;
  let lastDraw = 0;
  let drawn = false;

  const draw = (force = false) => {
    const time = now();
    if (time - started < delayMs || (!force && time - lastDraw < intervalMs)) return;
    lastDraw = time;
    let line: string;
    if (total && total > 0) {
      const filled = Math.round((Math.min(done, total) / total) * BAR_WIDTH);
      line = `[${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}] ${done}/${total} ${label}`;
    } else {
      line = `${label}…`;
    }
    const width = (stream.columns ?? 80) - 1;
    stream.write(`\r\u001b[K${line.slice(0, width)}`);
    drawn = true;
  };

  return {
    phase(next, steps) {
      label = next;
      done = 0;
      total = steps;
      draw(true);
    },
    update(count, steps) {
      done = count;
      if (steps !== undefined) total = steps;
      draw();
    },
    finish() {
      if (drawn) stream.write('\r\u001b[K');
      drawn = false;
    },
  };
}

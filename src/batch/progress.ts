/**
 * The progress line on stderr: messages done (of the total when it is known), bytes, rate, ETA
 * and findings so far. Redrawn at most ten times a second.
 */

/**
 * A snapshot of a run's progress.
 *
 * @example
 * const s: ProgressState = { messages: 10, totalMessages: null, bytes: 1e6, totalBytes: 4e6, findings: 3, elapsedMs: 2000 };
 */
export interface ProgressState {
  readonly messages: number;
  /** Known when every input is a single-message file. */
  readonly totalMessages: number | null;
  readonly bytes: number;
  readonly totalBytes: number;
  readonly findings: number;
  readonly elapsedMs: number;
}

function mb(n: number): string {
  return (n / 1e6).toFixed(n < 1e7 ? 1 : 0);
}

function duration(s: number): string {
  if (!Number.isFinite(s)) return '?';
  const sec = Math.round(s);
  if (sec < 60) return `${sec}s`;
  if (sec < 3600) return `${Math.floor(sec / 60)}m${String(sec % 60).padStart(2, '0')}s`;
  return `${Math.floor(sec / 3600)}h${String(Math.floor((sec % 3600) / 60)).padStart(2, '0')}m`;
}

/**
 * The progress line (no control characters).
 *
 * @example
 * formatProgress({ messages: 50, totalMessages: 100, bytes: 5e6, totalBytes: 1e7, findings: 7, elapsedMs: 5000 });
 * // '50/100 messages · 5.0/10 MB · 10 msg/s · ETA 5s · 7 findings'
 */
export function formatProgress(s: ProgressState): string {
  const secs = s.elapsedMs / 1000;
  const rate = secs > 0 ? s.messages / secs : 0;
  const done = s.totalMessages !== null && s.totalMessages > 0 ? s.messages / s.totalMessages : s.totalBytes > 0 ? s.bytes / s.totalBytes : 0;
  const eta = done > 0 ? (secs * (1 - done)) / done : Number.POSITIVE_INFINITY;
  const count = s.totalMessages !== null ? `${s.messages}/${s.totalMessages} messages` : `${s.messages} messages`;
  return [count, `${mb(s.bytes)}/${mb(s.totalBytes)} MB`, `${rate.toFixed(rate < 10 ? 1 : 0)} msg/s`, `ETA ${duration(eta)}`, `${s.findings} findings`].join(' · ');
}

/**
 * Draws the progress line on a terminal stream, throttled; `done` clears it.
 *
 * @example
 * const bar = new ProgressBar(process.stderr); bar.update(state); bar.done();
 */
export class ProgressBar {
  private last = 0;
  private readonly out: NodeJS.WriteStream;

  constructor(out: NodeJS.WriteStream) {
    this.out = out;
  }

  /** Redraws when at least 100 ms passed since the last draw (or when `force`). */
  update(s: ProgressState, force = false): void {
    const now = Date.now();
    if (!force && now - this.last < 100) return;
    this.last = now;
    const width = Math.max(20, (this.out.columns ?? 80) - 1);
    this.out.write(`\r\x1b[K${formatProgress(s).slice(0, width)}`);
  }

  /** Clears the line. */
  done(): void {
    this.out.write('\r\x1b[K');
  }
}

/**
 * Whether to show progress: stderr is a terminal, not in CI, not `--quiet`.
 *
 * @example
 * showProgress(process.stderr.isTTY, process.env, false);
 */
export function showProgress(isTty: boolean | undefined, env: NodeJS.ProcessEnv, quiet: boolean): boolean {
  return isTty === true && !quiet && (env.CI === undefined || env.CI === '' || env.CI === 'false');
}

import type { WorkloadProgress } from './workload.js';

/**
 * A one-line progress bar, hand-written: on a terminal the line is redrawn in place (`\r`); else
 * a line is printed every few seconds, so logs stay readable. Twenty lines against a dependency
 * (cli-progress and its string-width tree) for the one bar the main job draws.
 */
export class ProgressBar {
  private lastLine = 0;
  private ended = false;
  constructor(
    private readonly out: NodeJS.WritableStream & { isTTY?: boolean },
    private readonly width = 30,
  ) {}

  /** Shows `p`. */
  update(p: WorkloadProgress): void {
    const fraction = p.durationMs === 0 ? 1 : Math.min(1, p.elapsedMs / p.durationMs);
    const filled = Math.round(fraction * this.width);
    const rate = p.elapsedMs > 0 ? Math.round((p.completed * 1000) / p.elapsedMs) : 0;
    const text = `[${'#'.repeat(filled)}${'.'.repeat(this.width - filled)}] ${(p.elapsedMs / 1000).toFixed(1)}/${(p.durationMs / 1000).toFixed(0)} s  ${p.completed} ops  ${rate} ops/s  ${p.failed} failed`;
    if (this.out.isTTY === true) this.out.write(`\r${text}\u001b[K`);
    else if (!this.ended && (p.elapsedMs - this.lastLine >= 5_000 || fraction === 1)) {
      this.lastLine = p.elapsedMs;
      this.ended = fraction === 1;
      this.out.write(`${text}\n`);
    }
  }

  /** Ends the bar's line. */
  done(): void {
    if (this.out.isTTY === true) this.out.write('\n');
  }
}

import { performance } from 'node:perf_hooks';

/**
 * How much work a check may still do. Shared by every part of a history, so the limit is for the whole
 * check. Running out makes the answer "unknown", never a guess.
 */
export class Budget {
  private readonly deadline: number;
  private readonly maxSteps: number;
  /** Search steps taken so far. */
  steps = 0;
  /** Set once the budget has run out; it stays out. */
  exhausted = false;

  /**
   * @param timeoutMs - wall-clock limit from now; `undefined` for none.
   * @param maxSteps - limit on search steps; `undefined` for none.
   */
  constructor(timeoutMs?: number, maxSteps?: number) {
    this.deadline = timeoutMs === undefined ? Number.POSITIVE_INFINITY : performance.now() + timeoutMs;
    this.maxSteps = maxSteps ?? Number.POSITIVE_INFINITY;
  }

  /**
   * Counts `n` steps; returns false when the budget is spent. The clock is read only every few thousand
   * steps because reading it costs more than a search step.
   */
  spend(n: number): boolean {
    if (this.exhausted) return false;
    this.steps += n;
    if (this.steps > this.maxSteps || performance.now() > this.deadline) this.exhausted = true;
    return !this.exhausted;
  }

  /** Milliseconds left before the deadline (Infinity when there is none). */
  remainingMs(): number {
    return this.deadline - performance.now();
  }
}

import { performance } from 'node:perf_hooks';

/** Options of {@link Driver.waitFor}. */
export interface WaitOptions {
  /** How long to wait before failing, in the driver's milliseconds (real or virtual). */
  readonly timeoutMs?: number;
  /** What is awaited, for the failure message. */
  readonly what?: string;
}

/**
 * How a compliance suite lets time pass. A real-time driver polls on the host's clock; a
 * virtual-time driver (the simulator's) advances its simulation instead — the suites never
 * touch a clock of their own, so the same suite runs in both.
 */
export interface Driver {
  /** The driver's time in milliseconds (the host's monotonic clock, or virtual time). */
  now(): number;
  /** Lets `ms` milliseconds pass, running everything that happens meanwhile. */
  sleep(ms: number): Promise<void>;
  /**
   * Lets time pass until `predicate` holds, checking it as events are handled; rejects with an
   * error naming `what` if `timeoutMs` passes first.
   */
  waitFor(predicate: () => boolean, options?: WaitOptions): Promise<void>;
}

/** Error of a {@link Driver.waitFor} that timed out. */
export class WaitTimeoutError extends Error {
  override readonly name = 'WaitTimeoutError';
}

/** Options of {@link realTimeDriver}. */
export interface RealTimeDriverOptions {
  /** How often `waitFor` checks its predicate, in ms. Default 2. */
  readonly pollMs?: number;
  /** `waitFor`'s timeout when the caller gives none, in ms. Default 20 000 (slow CI machines). */
  readonly defaultTimeoutMs?: number;
}

/** A {@link Driver} on the host's clock, for production implementations. */
export function realTimeDriver(options: RealTimeDriverOptions = {}): Driver {
  const pollMs = options.pollMs ?? 2;
  const defaultTimeoutMs = options.defaultTimeoutMs ?? 20_000;
  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  return {
    now: () => performance.now(),
    sleep,
    async waitFor(predicate, waitOptions = {}) {
      const timeoutMs = waitOptions.timeoutMs ?? defaultTimeoutMs;
      const deadline = performance.now() + timeoutMs;
      while (!predicate()) {
        if (performance.now() > deadline) {
          throw new WaitTimeoutError(
            `timed out after ${timeoutMs} ms waiting for ${waitOptions.what ?? 'a condition'}`,
          );
        }
        await sleep(pollMs);
      }
    },
  };
}

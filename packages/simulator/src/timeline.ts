import type { TimelineTarget } from './future-event-list.js';

/**
 * Time as the simulated environment sees it, and a way to act later. In simulation it is the
 * virtual clock and future-event list; in local emulation, the host's clock and timers. The
 * simulated network, timers and scenario drivers are written against this interface only, so
 * the same code runs in both modes.
 */
export interface Timeline {
  /** Milliseconds since the run began. */
  now(): number;
  /** Calls `target.fire(payload)` after `delay` milliseconds (>= 0). */
  after<P>(delay: number, target: TimelineTarget<P>, payload: P): void;
  /**
   * As {@link after}, for a delay that recurs (a periodic timer's period, a fixed timeout): the
   * simulation keeps such events in a queue per delay, cheaper than its heap. Same effect.
   */
  afterFixed<P>(delay: number, target: TimelineTarget<P>, payload: P): void;
}

/** A target whose payload is the function to call; for infrequent events (scenario steps). */
export const CALL: TimelineTarget<() => void> = { fire: (fn) => fn() };

import type { TimelineTarget } from './future-event-list.js';
import type { Timeline } from './timeline.js';

/**
 * The timeline of local emulation: the host's monotonic clock and timers. Used with the
 * kernel's production EventLoopScheduler, so a scenario runs in real time with the same
 * simulated network and timers.
 */
export class RealTimeTimeline implements Timeline {
  readonly #origin = performance.now();
  readonly #handles = new Set<ReturnType<typeof setTimeout>>();
  #closed = false;

  /** Called after every fired event, e.g. to check invariants. */
  onFired: (() => void) | undefined;

  now(): number {
    return performance.now() - this.#origin;
  }

  after<P>(delay: number, target: TimelineTarget<P>, payload: P): void {
    if (!(delay >= 0)) throw new RangeError(`delay must be a number >= 0, got ${delay}`);
    if (this.#closed) return;
    const handle = setTimeout(() => {
      this.#handles.delete(handle);
      target.fire(payload);
      this.onFired?.();
    }, delay);
    this.#handles.add(handle);
  }

  afterFixed<P>(delay: number, target: TimelineTarget<P>, payload: P): void {
    this.after(delay, target, payload);
  }

  /** Cancels every pending event; nothing fires after this. */
  close(): void {
    this.#closed = true;
    for (const handle of this.#handles) clearTimeout(handle);
    this.#handles.clear();
  }
}

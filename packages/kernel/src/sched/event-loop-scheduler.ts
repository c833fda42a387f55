import { ReadyQueue } from './ready-queue.js';
import type { Schedulable, Scheduler } from './scheduler.js';

/** Tuning of the production scheduler. */
export interface EventLoopSchedulerOptions {
  /** Events one component handles before the next ready component gets its turn (fairness). */
  readonly eventsPerTurn?: number;
  /** Events handled in one event-loop turn before yielding to I/O. */
  readonly eventsPerSlice?: number;
  /** Milliseconds of handling in one event-loop turn before yielding to I/O. */
  readonly maxSliceMs?: number;
}

/**
 * The production scheduler on Node's event loop: runs ready components round-robin in
 * slices, and yields with `setImmediate` between slices so that timers and sockets are
 * served while components are busy.
 */
export class EventLoopScheduler implements Scheduler {
  readonly #ready = new ReadyQueue();
  readonly #eventsPerTurn: number;
  readonly #eventsPerSlice: number;
  readonly #maxSliceMs: number;
  #pending = false;

  constructor(options: EventLoopSchedulerOptions = {}) {
    this.#eventsPerTurn = options.eventsPerTurn ?? 64;
    this.#eventsPerSlice = options.eventsPerSlice ?? 20_000;
    this.#maxSliceMs = options.maxSliceMs ?? 8;
  }

  schedule(component: Schedulable): void {
    this.#ready.push(component);
    if (!this.#pending) {
      this.#pending = true;
      setImmediate(this.#slice);
    }
  }

  readonly #slice = (): void => {
    const started = performance.now();
    let turns = 0;
    try {
      while (this.#ready.size > 0) {
        const next = this.#ready.shift() as Schedulable;
        if (next.runBatch(this.#eventsPerTurn)) this.#ready.push(next);
        turns++;
        // Checking the clock every few turns keeps its cost off the hot path.
        if (turns * this.#eventsPerTurn >= this.#eventsPerSlice) break;
        if ((turns & 15) === 0 && performance.now() - started > this.#maxSliceMs) break;
      }
    } finally {
      this.#pending = this.#ready.size > 0;
      if (this.#pending) setImmediate(this.#slice);
    }
  };
}

import { ReadyQueue } from './ready-queue.js';
import type { Schedulable, Scheduler } from './scheduler.js';

/**
 * Runs components only when asked, synchronously and in a deterministic round-robin order.
 * For tests, and the base the simulator's scheduler builds on.
 */
export class ManualScheduler implements Scheduler {
  readonly #ready = new ReadyQueue();

  constructor(
    /** Events one component handles before the next ready component gets its turn. */
    readonly eventsPerTurn = 32,
  ) {}

  schedule(component: Schedulable): void {
    this.#ready.push(component);
  }

  /** Whether some component has work. */
  get idle(): boolean {
    return this.#ready.size === 0;
  }

  /** Runs one component's turn; returns false if nothing was ready. */
  step(): boolean {
    const next = this.#ready.shift();
    if (next === undefined) return false;
    if (next.runBatch(this.eventsPerTurn)) this.#ready.push(next);
    return true;
  }

  /**
   * Runs until no component has work. `maxTurns` bounds a system that never goes idle; reaching
   * it throws, since a test expecting quiescence should hear about a livelock.
   */
  runUntilIdle(maxTurns = 10_000_000): number {
    let turns = 0;
    while (this.step()) {
      turns++;
      if (turns >= maxTurns) throw new Error(`ManualScheduler: still busy after ${maxTurns} turns`);
    }
    return turns;
  }
}

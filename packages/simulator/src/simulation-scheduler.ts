import type { Schedulable, Scheduler } from '@kompics/kernel';
import { FutureEventList, type TimelineTarget } from './future-event-list.js';
import type { Timeline } from './timeline.js';

/**
 * The deterministic scheduler: single-threaded, with a virtual clock and a future-event list
 * ordered by time, then by insertion. Every ready component runs (round-robin, like the
 * kernel's ManualScheduler) before time advances to the next future event.
 */
export class SimulationScheduler implements Scheduler, Timeline {
  #ready: (Schedulable | undefined)[] = new Array(64);
  #head = 0;
  #size = 0;
  #mask = 63;
  readonly #fel = new FutureEventList();
  #now = 0;
  #fired = 0;

  constructor(
    /** Events one component handles before the next ready component gets its turn. */
    readonly eventsPerTurn = 32,
  ) {}

  /** Called by the kernel when a component goes from idle to having work. */
  schedule(component: Schedulable): void {
    if (this.#size > this.#mask) this.#grow();
    this.#ready[(this.#head + this.#size) & this.#mask] = component;
    this.#size++;
  }

  /** Virtual milliseconds since the run began. */
  now(): number {
    return this.#now;
  }

  /** Future events fired so far. */
  get fired(): number {
    return this.#fired;
  }

  /** Future events waiting. */
  get pending(): number {
    return this.#fel.size;
  }

  /** Time of the next future event, `Infinity` if none. */
  get nextTime(): number {
    return this.#fel.peekTime();
  }

  /** Whether no component has work right now. */
  get idle(): boolean {
    return this.#size === 0;
  }

  /** Fires `target` with `payload` at `now + delay`. */
  after<P>(delay: number, target: TimelineTarget<P>, payload: P): void {
    if (!(delay >= 0)) throw new RangeError(`delay must be a number >= 0, got ${delay}`);
    this.#fel.push(this.#now + delay, target, payload);
  }

  /** Fires `target` with `payload` at `now + delay`, a delay that recurs (see FutureEventList). */
  afterFixed<P>(delay: number, target: TimelineTarget<P>, payload: P): void {
    if (!(delay >= 0)) throw new RangeError(`delay must be a number >= 0, got ${delay}`);
    this.#fel.pushFixedDelay(this.#now + delay, delay, target, payload);
  }

  /** Runs ready components round-robin until none has work; returns the turns taken. */
  drain(): number {
    let turns = 0;
    const perTurn = this.eventsPerTurn;
    while (this.#size > 0) {
      const at = this.#head;
      const next = this.#ready[at] as Schedulable;
      this.#ready[at] = undefined;
      this.#head = (at + 1) & this.#mask;
      this.#size--;
      if (next.runBatch(perTurn)) {
        if (this.#size > this.#mask) this.#grow();
        this.#ready[(this.#head + this.#size) & this.#mask] = next;
        this.#size++;
      }
      turns++;
    }
    return turns;
  }

  /**
   * One step: drains ready components, then advances the clock to the next future event (if
   * it is not later than `until`), fires it and drains again. Returns false when nothing was
   * left to do before `until`; the clock then stands at `until` if that is finite.
   */
  step(until = Number.POSITIVE_INFINITY): boolean {
    if (this.#size > 0) this.drain();
    const time = this.#fel.peekTime();
    if (time > until || time === Number.POSITIVE_INFINITY) {
      if (until !== Number.POSITIVE_INFINITY && until > this.#now) this.#now = until;
      return false;
    }
    this.#now = time;
    this.#fired++;
    this.#fel.popAndFire();
    if (this.#size > 0) this.drain();
    return true;
  }

  /** Steps until nothing is left before `until`; returns the steps taken. */
  runUntil(until = Number.POSITIVE_INFINITY): number {
    let steps = 0;
    while (this.step(until)) steps++;
    return steps;
  }

  #grow(): void {
    const capacity = (this.#mask + 1) * 2;
    const items: (Schedulable | undefined)[] = new Array(capacity);
    for (let i = 0; i < this.#size; i++) items[i] = this.#ready[(this.#head + i) & this.#mask];
    this.#ready = items;
    this.#head = 0;
    this.#mask = capacity - 1;
  }
}

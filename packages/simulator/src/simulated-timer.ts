import { ComponentDefinition, Kill, Stop } from '@kompics/kernel';
import {
  CancelPeriodicTimeout,
  CancelTimeout,
  SchedulePeriodicTimeout,
  ScheduleTimeout,
  type Timeout,
  Timer,
} from '@kompics/timer';
import type { TimelineTarget } from './future-event-list.js';
import type { Timeline } from './timeline.js';

class Pending {
  active = true;
  constructor(
    readonly timeout: Timeout,
    readonly period: number,
  ) {}
}

/**
 * Provides the Timer port on a {@link Timeline}: virtual time in simulation, real time in
 * local emulation. One instance serves one node; a crashed node's timer is {@link shutdown}
 * so that its periodic timeouts stop.
 */
export class SimulatedTimer extends ComponentDefinition implements TimelineTarget<Pending> {
  readonly timer = this.provides(Timer);
  readonly #timeline: Timeline;
  readonly #once = new Map<string, Pending>();
  readonly #periodic = new Map<string, Pending>();

  constructor(timeline: Timeline) {
    super();
    this.#timeline = timeline;
    this.subscribe(this.timer, ScheduleTimeout, (request) => {
      const pending = new Pending(request.timeout, 0);
      this.#once.set(request.timeout.timeoutId, pending);
      // Protocols schedule most timeouts with a handful of fixed delays.
      this.#timeline.afterFixed(request.delay, this, pending);
    });
    this.subscribe(this.timer, SchedulePeriodicTimeout, (request) => {
      const pending = new Pending(request.timeout, request.period);
      this.#periodic.set(request.timeout.timeoutId, pending);
      this.#timeline.after(request.delay, this, pending);
    });
    this.subscribe(this.timer, CancelTimeout, (request) => this.#cancel(this.#once, request.timeoutId));
    this.subscribe(this.timer, CancelPeriodicTimeout, (request) =>
      this.#cancel(this.#periodic, request.timeoutId),
    );
    this.subscribe(this.control, Stop, () => this.shutdown());
    this.subscribe(this.control, Kill, () => this.shutdown());
  }

  /** Timeouts scheduled and not yet delivered or cancelled. */
  get pending(): number {
    return this.#once.size + this.#periodic.size;
  }

  /** Forgets every timeout: none fires after this. */
  shutdown(): void {
    for (const p of this.#once.values()) p.active = false;
    for (const p of this.#periodic.values()) p.active = false;
    this.#once.clear();
    this.#periodic.clear();
  }

  /** @internal Called by the timeline when a timeout is due. */
  fire(pending: Pending): void {
    if (!pending.active) return;
    if (pending.period > 0) {
      this.#timeline.afterFixed(pending.period, this, pending);
    } else {
      pending.active = false;
      this.#once.delete(pending.timeout.timeoutId);
    }
    this.trigger(pending.timeout, this.timer);
  }

  #cancel(map: Map<string, Pending>, id: string): void {
    const pending = map.get(id);
    if (pending === undefined) return;
    pending.active = false;
    map.delete(id);
  }
}

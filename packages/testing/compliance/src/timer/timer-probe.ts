import { ComponentDefinition } from '@kompics/kernel';
import {
  CancelPeriodicTimeout,
  CancelTimeout,
  SchedulePeriodicTimeout,
  ScheduleTimeout,
  Timeout,
  Timer,
} from '@kompics/timer';

/** The timeout the timer suite schedules. */
export class ProbeTimeout extends Timeout {
  declare private readonly brand: 'ProbeTimeout';
}

/** One delivery of a timeout, at the probe's clock time. */
export interface Firing {
  readonly id: string;
  readonly at: number;
}

/**
 * The component a timer harness creates for the suite: it requires {@link Timer}, schedules and
 * cancels what the suite tells it to, and records every delivery with the time of its context's
 * clock (virtual in simulation, the host's in production).
 */
export class TimerProbe extends ComponentDefinition {
  readonly timer = this.requires(Timer);
  /** Every delivery, in arrival order. */
  readonly fired: Firing[] = [];
  /** When each timeout was requested, on the probe's clock. */
  readonly requestedAt = new Map<string, number>();
  /** Deliveries counted when the probe itself triggered the cancel, by id. */
  readonly firedBeforeCancel = new Map<string, number>();
  readonly #cancelAfter = new Map<string, number>();

  constructor() {
    super();
    this.subscribe(this.timer, ProbeTimeout, (timeout) => {
      const id = timeout.timeoutId;
      this.fired.push({ id, at: this.context.clock.now() });
      const limit = this.#cancelAfter.get(id);
      if (limit !== undefined && this.firings(id).length === limit) {
        this.#cancelAfter.delete(id);
        this.cancelPeriodic(id);
      }
    });
  }

  /** Schedules a one-shot timeout; returns its id. */
  scheduleOnce(delay: number): string {
    const id = this.#request();
    this.trigger(new ScheduleTimeout(delay, new ProbeTimeout(id)), this.timer);
    return id;
  }

  /**
   * Schedules a periodic timeout; returns its id. With `cancelAfter`, the probe cancels it from
   * its own handler when the `cancelAfter`-th delivery arrives.
   */
  schedulePeriodic(delay: number, period: number, options: { cancelAfter?: number } = {}): string {
    const id = this.#request();
    if (options.cancelAfter !== undefined) this.#cancelAfter.set(id, options.cancelAfter);
    this.trigger(new SchedulePeriodicTimeout(delay, period, new ProbeTimeout(id)), this.timer);
    return id;
  }

  cancelOnce(id: string): void {
    this.firedBeforeCancel.set(id, this.firings(id).length);
    this.trigger(new CancelTimeout(id), this.timer);
  }

  cancelPeriodic(id: string): void {
    this.firedBeforeCancel.set(id, this.firings(id).length);
    this.trigger(new CancelPeriodicTimeout(id), this.timer);
  }

  /** Deliveries of timeout `id`. */
  firings(id: string): Firing[] {
    return this.fired.filter((f) => f.id === id);
  }

  #request(): string {
    const id = this.context.ids.next();
    this.requestedAt.set(id, this.context.clock.now());
    return id;
  }
}

import { performance } from 'node:perf_hooks';
import { ComponentDefinition, ConfigError, Kill, Stop } from '@kompics/kernel';
import {
  CancelPeriodicTimeout,
  CancelTimeout,
  SchedulePeriodicTimeout,
  ScheduleTimeout,
  type Timeout,
  Timer,
} from '@kompics/timer';

/** Options of {@link NodeTimer}. */
export interface NodeTimerOptions {
  /**
   * Whether pending timeouts keep the Node process alive. Default `false`: the host timers are
   * `unref`'d, so a destroyed timer component (which runs no Stop handler) can never hold the
   * process open. A process whose only work is timers (no sockets) sets it to `true`.
   */
  readonly keepProcessAlive?: boolean;
}

/** One scheduled timeout and its host timer. */
class Scheduled {
  /** False once cancelled, delivered (one-shot) or cleared: the host callback then does nothing. */
  active = true;
  handle: NodeJS.Timeout | undefined;
  constructor(
    readonly timeout: Timeout,
    /** 0 for a one-shot timeout. */
    readonly period: number,
    /** When the next delivery is due, on the monotonic clock (`performance.now()`). */
    public due: number,
  ) {}
}

/**
 * Provides the {@link Timer} port on the host's timers.
 *
 * - A one-shot timeout is delivered once, no earlier than `delay` ms after the request was
 *   handled; a periodic one after `delay`, then every `period` ms, on a fixed schedule (a late
 *   delivery does not shift the later ones; deliveries missed while the event loop was blocked
 *   are not made up).
 * - Once this component has handled a cancel, it never triggers that timeout again: every host
 *   callback checks that its timeout is still scheduled before it triggers, so a host timer
 *   that already fired cannot leak a delivery past the cancel.
 * - On Stop and Kill every host timer is cleared. A component that is destroyed without Stop
 *   runs no handler; its host timers are `unref`'d so they never keep the process alive
 *   (see {@link NodeTimerOptions.keepProcessAlive}).
 *
 * Scheduling an id that is already scheduled replaces the earlier timeout of that id.
 */
export class NodeTimer extends ComponentDefinition {
  readonly timer = this.provides(Timer);
  readonly #once = new Map<string, Scheduled>();
  readonly #periodic = new Map<string, Scheduled>();
  readonly #keepAlive: boolean;

  constructor(options: NodeTimerOptions = {}) {
    super();
    if (options.keepProcessAlive !== undefined && typeof options.keepProcessAlive !== 'boolean') {
      throw new ConfigError(
        `NodeTimer: keepProcessAlive must be a boolean, got ${JSON.stringify(options.keepProcessAlive)}`,
      );
    }
    this.#keepAlive = options.keepProcessAlive ?? false;
    this.subscribe(this.timer, ScheduleTimeout, (request) => {
      this.#schedule(this.#once, new Scheduled(request.timeout, 0, performance.now() + request.delay));
    });
    this.subscribe(this.timer, SchedulePeriodicTimeout, (request) => {
      const entry = new Scheduled(request.timeout, request.period, performance.now() + request.delay);
      this.#schedule(this.#periodic, entry);
    });
    this.subscribe(this.timer, CancelTimeout, (request) => this.#cancel(this.#once, request.timeoutId));
    this.subscribe(this.timer, CancelPeriodicTimeout, (request) =>
      this.#cancel(this.#periodic, request.timeoutId),
    );
    this.subscribe(this.control, Stop, () => this.clear());
    this.subscribe(this.control, Kill, () => this.clear());
  }

  /** Timeouts scheduled and neither delivered (one-shot) nor cancelled. */
  get pending(): number {
    return this.#once.size + this.#periodic.size;
  }

  /** Clears every host timer: nothing scheduled so far is delivered. Runs on Stop and Kill. */
  clear(): void {
    for (const map of [this.#once, this.#periodic]) {
      for (const entry of map.values()) this.#disarm(entry);
      map.clear();
    }
  }

  #schedule(map: Map<string, Scheduled>, entry: Scheduled): void {
    const id = entry.timeout.timeoutId;
    const previous = map.get(id);
    if (previous !== undefined) this.#disarm(previous);
    map.set(id, entry);
    this.#arm(map, entry);
  }

  #arm(map: Map<string, Scheduled>, entry: Scheduled): void {
    const wait = Math.max(0, entry.due - performance.now());
    // Node's timers have millisecond resolution and may fire a fraction early: round up.
    entry.handle = setTimeout(() => this.#fire(map, entry), Math.ceil(wait));
    if (!this.#keepAlive) entry.handle.unref();
  }

  #fire(map: Map<string, Scheduled>, entry: Scheduled): void {
    entry.handle = undefined;
    if (!entry.active) return;
    if (performance.now() < entry.due) {
      // Early by a fraction of a millisecond: wait for the rest, so a timeout is never early.
      this.#arm(map, entry);
      return;
    }
    if (entry.period > 0) {
      const now = performance.now();
      entry.due += entry.period;
      // After a long stall, skip the missed periods instead of firing them in a burst.
      if (entry.due <= now) entry.due += Math.ceil((now - entry.due) / entry.period) * entry.period;
      this.#arm(map, entry);
    } else {
      entry.active = false;
      map.delete(entry.timeout.timeoutId);
    }
    this.trigger(entry.timeout, this.timer);
  }

  #cancel(map: Map<string, Scheduled>, id: string): void {
    const entry = map.get(id);
    if (entry === undefined) return;
    map.delete(id);
    this.#disarm(entry);
  }

  #disarm(entry: Scheduled): void {
    entry.active = false;
    if (entry.handle !== undefined) clearTimeout(entry.handle);
    entry.handle = undefined;
  }
}

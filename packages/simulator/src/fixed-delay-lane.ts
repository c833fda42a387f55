import type { TimelineTarget } from './future-event-list.js';

const INITIAL_CAPACITY = 64;

/**
 * Future events that were all scheduled the same fixed delay after the moment they were
 * pushed (a periodic timer's next round, a protocol's fixed timeout). Virtual time never goes
 * back, so their times only grow and a first-in first-out ring keeps them in order: pushing and
 * taking the first are constant time, where a heap would sift each one through its levels.
 * Part of the {@link FutureEventList}, which compares the first of each lane with its heap.
 */
export class FixedDelayLane {
  #times = new Float64Array(INITIAL_CAPACITY);
  #seqs = new Float64Array(INITIAL_CAPACITY);
  #targets: (TimelineTarget | undefined)[] = new Array<TimelineTarget | undefined>(INITIAL_CAPACITY).fill(
    undefined,
  );
  #payloads: unknown[] = new Array<unknown>(INITIAL_CAPACITY).fill(undefined);
  #head = 0;
  #size = 0;
  #mask = INITIAL_CAPACITY - 1;

  constructor(
    /** The delay every event of this lane was scheduled with; changed only while it is empty. */
    public delay: number,
  ) {}

  get size(): number {
    return this.#size;
  }

  /** Time of the first event; the lane must not be empty. */
  firstTime(): number {
    return this.#times[this.#head] as number;
  }

  /** Sequence number of the first event; the lane must not be empty. */
  firstSeq(): number {
    return this.#seqs[this.#head] as number;
  }

  /** Whether an event at `time` may join the end without breaking the order. */
  accepts(time: number): boolean {
    return this.#size === 0 || time >= (this.#times[(this.#head + this.#size - 1) & this.#mask] as number);
  }

  /** Adds an event at the end; the caller has checked {@link accepts} and numbers `seq` upward. */
  push(time: number, seq: number, target: TimelineTarget, payload: unknown): void {
    if (this.#size > this.#mask) this.#grow();
    const at = (this.#head + this.#size) & this.#mask;
    this.#times[at] = time;
    this.#seqs[at] = seq;
    this.#targets[at] = target;
    this.#payloads[at] = payload;
    this.#size++;
  }

  /** Removes the first event and fires it; the lane must not be empty. */
  shiftAndFire(): void {
    const at = this.#head;
    const target = this.#targets[at] as TimelineTarget;
    const payload = this.#payloads[at];
    this.#targets[at] = undefined;
    this.#payloads[at] = undefined;
    this.#head = (at + 1) & this.#mask;
    this.#size--;
    target.fire(payload);
  }

  #grow(): void {
    const capacity = (this.#mask + 1) * 2;
    const times = new Float64Array(capacity);
    const seqs = new Float64Array(capacity);
    const targets = new Array<TimelineTarget | undefined>(capacity).fill(undefined);
    const payloads = new Array<unknown>(capacity).fill(undefined);
    for (let i = 0; i < this.#size; i++) {
      const from = (this.#head + i) & this.#mask;
      times[i] = this.#times[from] as number;
      seqs[i] = this.#seqs[from] as number;
      targets[i] = this.#targets[from];
      payloads[i] = this.#payloads[from];
    }
    this.#times = times;
    this.#seqs = seqs;
    this.#targets = targets;
    this.#payloads = payloads;
    this.#head = 0;
    this.#mask = capacity - 1;
  }
}

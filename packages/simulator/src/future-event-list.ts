/** What a future event calls when its time comes. */
export interface TimelineTarget<P = unknown> {
  fire(payload: P): void;
}

/**
 * The simulator's future-event list: a binary min-heap ordered by virtual time, then by the
 * sequence number of insertion, so events at equal times fire in the order they were
 * scheduled. Entries live in parallel arrays; pushing and popping allocate nothing.
 */
export class FutureEventList {
  #times: number[] = [];
  #seqs: number[] = [];
  #targets: (TimelineTarget | undefined)[] = [];
  #payloads: unknown[] = [];
  #size = 0;
  #nextSeq = 0;

  get size(): number {
    return this.#size;
  }

  /** Time of the earliest event; `Infinity` when empty. */
  peekTime(): number {
    return this.#size === 0 ? Number.POSITIVE_INFINITY : (this.#times[0] as number);
  }

  push<P>(time: number, target: TimelineTarget<P>, payload: P): void {
    const seq = this.#nextSeq++;
    let i = this.#size++;
    const times = this.#times;
    const seqs = this.#seqs;
    const targets = this.#targets;
    const payloads = this.#payloads;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent] as number;
      if (pt < time || (pt === time && (seqs[parent] as number) < seq)) break;
      times[i] = pt;
      seqs[i] = seqs[parent] as number;
      targets[i] = targets[parent];
      payloads[i] = payloads[parent];
      i = parent;
    }
    times[i] = time;
    seqs[i] = seq;
    targets[i] = target as TimelineTarget;
    payloads[i] = payload;
  }

  /**
   * Removes the earliest event and fires it. The caller checks {@link peekTime} first and
   * advances its clock; returns false if the list was empty.
   */
  popAndFire(): boolean {
    if (this.#size === 0) return false;
    const times = this.#times;
    const seqs = this.#seqs;
    const targets = this.#targets;
    const payloads = this.#payloads;
    const target = targets[0] as TimelineTarget;
    const payload = payloads[0];
    const last = --this.#size;
    if (last > 0) {
      const time = times[last] as number;
      const seq = seqs[last] as number;
      const lastTarget = targets[last];
      const lastPayload = payloads[last];
      let i = 0;
      const half = last >> 1;
      while (i < half) {
        let child = 2 * i + 1;
        let ct = times[child] as number;
        let cs = seqs[child] as number;
        const right = child + 1;
        if (right < last) {
          const rt = times[right] as number;
          const rs = seqs[right] as number;
          if (rt < ct || (rt === ct && rs < cs)) {
            child = right;
            ct = rt;
            cs = rs;
          }
        }
        if (time < ct || (time === ct && seq < cs)) break;
        times[i] = ct;
        seqs[i] = cs;
        targets[i] = targets[child];
        payloads[i] = payloads[child];
        i = child;
      }
      times[i] = time;
      seqs[i] = seq;
      targets[i] = lastTarget;
      payloads[i] = lastPayload;
    }
    targets[last] = undefined;
    payloads[last] = undefined;
    target.fire(payload);
    return true;
  }

  clear(): void {
    this.#times = [];
    this.#seqs = [];
    this.#targets = [];
    this.#payloads = [];
    this.#size = 0;
  }
}

/** What a future event calls when its time comes. */
export interface TimelineTarget<P = unknown> {
  fire(payload: P): void;
}

const INITIAL_CAPACITY = 256;

/**
 * The simulator's future-event list: a binary min-heap ordered by virtual time, then by the
 * sequence number of insertion, so events at equal times fire in the order they were
 * scheduled.
 *
 * The heap itself holds only numbers, in typed arrays: each entry's time and sequence number
 * side by side (so comparing two siblings reads one cache line) and the slot where its target
 * and payload wait. Target and payload are written once, when the event is pushed, and never
 * move; sifting moves numbers only. Sifting pointers instead (as before) cost a write barrier
 * per move, a slow one whenever the payload was younger than the array (every message in
 * flight), and it spread each pop over four arrays of objects: with a thousand nodes the heap
 * was a quarter of the simulator's instructions. Freed slots are reused last-in first-out, so
 * the slots in use stay few and warm. Pushing and popping allocate nothing once grown.
 */
export class FutureEventList {
  /** Heap entries: `[time, seq]` of entry i at 2i and 2i+1. */
  #keys = new Float64Array(2 * INITIAL_CAPACITY);
  /** Heap entries: the slot of entry i. */
  #slots = new Int32Array(INITIAL_CAPACITY);
  #targets: (TimelineTarget | undefined)[] = [];
  #payloads: unknown[] = [];
  /** Slots free for reuse, a stack. */
  #free = new Int32Array(INITIAL_CAPACITY);
  #freeCount = 0;
  /** Slots ever handed out; slots at and above this one were never used. */
  #slotsUsed = 0;
  #capacity = INITIAL_CAPACITY;
  #size = 0;
  #nextSeq = 0;

  get size(): number {
    return this.#size;
  }

  /** Time of the earliest event; `Infinity` when empty. */
  peekTime(): number {
    return this.#size === 0 ? Number.POSITIVE_INFINITY : (this.#keys[0] as number);
  }

  push<P>(time: number, target: TimelineTarget<P>, payload: P): void {
    if (this.#size === this.#capacity) this.#grow();
    const seq = this.#nextSeq++;
    const slot = this.#freeCount > 0 ? (this.#free[--this.#freeCount] as number) : this.#slotsUsed++;
    this.#targets[slot] = target as TimelineTarget;
    this.#payloads[slot] = payload;
    const keys = this.#keys;
    const slots = this.#slots;
    let i = this.#size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = keys[2 * parent] as number;
      if (pt < time || (pt === time && (keys[2 * parent + 1] as number) < seq)) break;
      keys[2 * i] = pt;
      keys[2 * i + 1] = keys[2 * parent + 1] as number;
      slots[i] = slots[parent] as number;
      i = parent;
    }
    keys[2 * i] = time;
    keys[2 * i + 1] = seq;
    slots[i] = slot;
  }

  /**
   * Removes the earliest event and fires it. The caller checks {@link peekTime} first and
   * advances its clock; returns false if the list was empty.
   */
  popAndFire(): boolean {
    if (this.#size === 0) return false;
    const keys = this.#keys;
    const slots = this.#slots;
    const slot = slots[0] as number;
    const last = --this.#size;
    if (last > 0) {
      const time = keys[2 * last] as number;
      const seq = keys[2 * last + 1] as number;
      const lastSlot = slots[last] as number;
      let i = 0;
      const half = last >> 1;
      while (i < half) {
        let child = 2 * i + 1;
        let ct = keys[2 * child] as number;
        let cs = keys[2 * child + 1] as number;
        const right = child + 1;
        if (right < last) {
          const rt = keys[2 * right] as number;
          const rs = keys[2 * right + 1] as number;
          if (rt < ct || (rt === ct && rs < cs)) {
            child = right;
            ct = rt;
            cs = rs;
          }
        }
        if (time < ct || (time === ct && seq < cs)) break;
        keys[2 * i] = ct;
        keys[2 * i + 1] = cs;
        slots[i] = slots[child] as number;
        i = child;
      }
      keys[2 * i] = time;
      keys[2 * i + 1] = seq;
      slots[i] = lastSlot;
    }
    const target = this.#targets[slot] as TimelineTarget;
    const payload = this.#payloads[slot];
    this.#targets[slot] = undefined;
    this.#payloads[slot] = undefined;
    this.#free[this.#freeCount++] = slot;
    target.fire(payload);
    return true;
  }

  clear(): void {
    this.#targets = [];
    this.#payloads = [];
    this.#freeCount = 0;
    this.#slotsUsed = 0;
    this.#size = 0;
  }

  #grow(): void {
    const capacity = this.#capacity * 2;
    const keys = new Float64Array(2 * capacity);
    keys.set(this.#keys);
    this.#keys = keys;
    const slots = new Int32Array(capacity);
    slots.set(this.#slots);
    this.#slots = slots;
    const free = new Int32Array(capacity);
    free.set(this.#free);
    this.#free = free;
    this.#capacity = capacity;
  }
}

import { FixedDelayLane } from './fixed-delay-lane.js';

/** What a future event calls when its time comes. */
export interface TimelineTarget<P = unknown> {
  fire(payload: P): void;
}

const INITIAL_CAPACITY = 256;
/** Lanes kept at most; events of further delays go to the heap. */
const MAX_LANES = 16;
/** `#next` when it must be worked out again. */
const UNKNOWN = -3;
/** `#next` when the list is empty. */
const NONE = -2;
/** `#next` when the earliest event is the heap's. */
const HEAP = -1;

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
 *
 * Events scheduled with a fixed delay ({@link pushFixedDelay}: a periodic timer's rounds, a
 * fixed timeout) go to a {@link FixedDelayLane} per delay instead, in order by construction;
 * the earliest event is then the least of the heap's top and each lane's first. With a thousand
 * nodes on a periodic timer that takes a thousand entries out of the heap.
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
  /** Entries in the heap. */
  #size = 0;
  #nextSeq = 0;
  #lanes: FixedDelayLane[] = [];
  /** Entries in all lanes. */
  #inLanes = 0;
  /** Where the earliest event is: {@link HEAP}, a lane's index, {@link NONE} or {@link UNKNOWN}. */
  #next = NONE;

  get size(): number {
    return this.#size + this.#inLanes;
  }

  /** Time of the earliest event; `Infinity` when empty. */
  peekTime(): number {
    const next = this.#next === UNKNOWN ? this.#findNext() : this.#next;
    if (next === HEAP) return this.#keys[0] as number;
    if (next === NONE) return Number.POSITIVE_INFINITY;
    return (this.#lanes[next] as FixedDelayLane).firstTime();
  }

  /**
   * Adds an event scheduled `delay` after now, at `time`: one of many with that same delay, so
   * it joins the delay's lane (the heap if there are too many lanes, or if virtual time went
   * back, which it does not in a simulation). Fires exactly as {@link push} would.
   */
  pushFixedDelay<P>(time: number, delay: number, target: TimelineTarget<P>, payload: P): void {
    const lanes = this.#lanes;
    let lane: FixedDelayLane | undefined;
    let empty: FixedDelayLane | undefined;
    for (let i = 0; i < lanes.length; i++) {
      const candidate = lanes[i] as FixedDelayLane;
      if (candidate.delay === delay) {
        lane = candidate;
        break;
      }
      if (empty === undefined && candidate.size === 0) empty = candidate;
    }
    if (lane === undefined && empty !== undefined) {
      // An empty lane takes the new delay, so delays used once do not hold lanes for ever.
      empty.delay = delay;
      lane = empty;
    } else if (lane === undefined && lanes.length < MAX_LANES) {
      lane = new FixedDelayLane(delay);
      lanes.push(lane);
    }
    if (lane === undefined || !lane.accepts(time)) {
      this.push(time, target, payload);
      return;
    }
    lane.push(time, this.#nextSeq++, target as TimelineTarget, payload);
    this.#inLanes++;
    this.#next = UNKNOWN;
  }

  push<P>(time: number, target: TimelineTarget<P>, payload: P): void {
    this.#next = UNKNOWN;
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
    const next = this.#next === UNKNOWN ? this.#findNext() : this.#next;
    this.#next = UNKNOWN;
    if (next === NONE) return false;
    if (next !== HEAP) {
      this.#inLanes--;
      (this.#lanes[next] as FixedDelayLane).shiftAndFire();
      return true;
    }
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

  /** Finds, and remembers until the next change, where the earliest event is. */
  #findNext(): number {
    let next = NONE;
    let time = Number.POSITIVE_INFINITY;
    let seq = 0;
    if (this.#size > 0) {
      next = HEAP;
      time = this.#keys[0] as number;
      seq = this.#keys[1] as number;
    }
    const lanes = this.#lanes;
    for (let i = 0; i < lanes.length; i++) {
      const lane = lanes[i] as FixedDelayLane;
      if (lane.size === 0) continue;
      const t = lane.firstTime();
      // The first event found is the earliest so far, whatever its time (even Infinity).
      if (next === NONE || t < time || (t === time && lane.firstSeq() < seq)) {
        next = i;
        time = t;
        seq = lane.firstSeq();
      }
    }
    this.#next = next;
    return next;
  }

  clear(): void {
    this.#lanes = [];
    this.#inLanes = 0;
    this.#next = NONE;
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

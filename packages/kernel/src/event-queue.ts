/**
 * A growable ring buffer of (target, event) pairs in two parallel arrays, so the hot path
 * allocates nothing per event.
 */
export class EventQueue<T> {
  #targets: (T | undefined)[] = new Array(16);
  #events: (object | undefined)[] = new Array(16);
  #head = 0;
  #size = 0;
  #mask = 15;

  get size(): number {
    return this.#size;
  }

  push(target: T, event: object): void {
    if (this.#size > this.#mask) this.#grow();
    const at = (this.#head + this.#size) & this.#mask;
    this.#targets[at] = target;
    this.#events[at] = event;
    this.#size++;
  }

  /** Target of the first pair; call {@link shiftEvent} next. */
  peekTarget(): T {
    return this.#targets[this.#head] as T;
  }

  /** Removes the first pair and returns its event. */
  shiftEvent(): object {
    const at = this.#head;
    const event = this.#events[at] as object;
    this.#targets[at] = undefined;
    this.#events[at] = undefined;
    this.#head = (at + 1) & this.#mask;
    this.#size--;
    return event;
  }

  clear(): void {
    this.#targets = new Array(16);
    this.#events = new Array(16);
    this.#head = 0;
    this.#size = 0;
    this.#mask = 15;
  }

  #grow(): void {
    const capacity = (this.#mask + 1) * 2;
    const targets: (T | undefined)[] = new Array(capacity);
    const events: (object | undefined)[] = new Array(capacity);
    for (let i = 0; i < this.#size; i++) {
      const from = (this.#head + i) & this.#mask;
      targets[i] = this.#targets[from];
      events[i] = this.#events[from];
    }
    this.#targets = targets;
    this.#events = events;
    this.#head = 0;
    this.#mask = capacity - 1;
  }
}

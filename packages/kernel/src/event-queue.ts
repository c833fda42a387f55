/**
 * A growable ring buffer of (target, event) pairs, interleaved in one array (target at an even
 * index, its event right after), so the hot path allocates nothing per event and touches one
 * array, not two.
 */
export class EventQueue<T> {
  #items: (T | object | undefined)[] = new Array(4);
  #head = 0;
  #size = 0;
  /** Capacity in pairs, minus one; the capacity is a power of two. */
  #mask = 1;

  get size(): number {
    return this.#size;
  }

  push(target: T, event: object): void {
    if (this.#size > this.#mask) this.#grow();
    const at = ((this.#head + this.#size) & this.#mask) << 1;
    const items = this.#items;
    items[at] = target;
    items[at + 1] = event;
    this.#size++;
  }

  /** Target of the first pair; call {@link shiftEvent} next. */
  peekTarget(): T {
    return this.#items[this.#head << 1] as T;
  }

  /** Removes the first pair and returns its event. */
  shiftEvent(): object {
    const head = this.#head;
    const at = head << 1;
    const items = this.#items;
    const event = items[at + 1] as object;
    items[at] = undefined;
    items[at + 1] = undefined;
    this.#head = (head + 1) & this.#mask;
    this.#size--;
    return event;
  }

  clear(): void {
    this.#items = new Array(4);
    this.#head = 0;
    this.#size = 0;
    this.#mask = 1;
  }

  #grow(): void {
    const capacity = (this.#mask + 1) * 2;
    const items: (T | object | undefined)[] = new Array(capacity * 2);
    for (let i = 0; i < this.#size; i++) {
      const from = ((this.#head + i) & this.#mask) << 1;
      items[2 * i] = this.#items[from];
      items[2 * i + 1] = this.#items[from + 1];
    }
    this.#items = items;
    this.#head = 0;
    this.#mask = capacity - 1;
  }
}

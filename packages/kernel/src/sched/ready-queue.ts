import type { Schedulable } from './scheduler.js';

/** FIFO of ready components: round-robin order is what makes schedulers fair. */
export class ReadyQueue {
  #items: (Schedulable | undefined)[] = new Array(64);
  #head = 0;
  #size = 0;
  #mask = 63;

  get size(): number {
    return this.#size;
  }

  push(item: Schedulable): void {
    if (this.#size > this.#mask) this.#grow();
    this.#items[(this.#head + this.#size) & this.#mask] = item;
    this.#size++;
  }

  shift(): Schedulable | undefined {
    if (this.#size === 0) return undefined;
    const item = this.#items[this.#head];
    this.#items[this.#head] = undefined;
    this.#head = (this.#head + 1) & this.#mask;
    this.#size--;
    return item;
  }

  #grow(): void {
    const capacity = (this.#mask + 1) * 2;
    const items: (Schedulable | undefined)[] = new Array(capacity);
    for (let i = 0; i < this.#size; i++) items[i] = this.#items[(this.#head + i) & this.#mask];
    this.#items = items;
    this.#head = 0;
    this.#mask = capacity - 1;
  }
}

import type { RandomSource } from '@kompics/kernel';
import type { Address } from '@kompics/network';
import type { ViewEntry } from './view-entry.js';

/** A Cyclon partial view: at most `capacity` peers, never the node itself, no duplicates. */
export class CyclonView {
  #entries: ViewEntry[] = [];

  constructor(
    readonly self: Address,
    readonly capacity: number,
    private readonly random: RandomSource,
  ) {}

  get entries(): readonly ViewEntry[] {
    return this.#entries;
  }

  get size(): number {
    return this.#entries.length;
  }

  has(address: Address): boolean {
    return this.#entries.some((e) => e.address.equals(address));
  }

  /** Adds a peer if there is room and it is neither the node itself nor already known. */
  add(address: Address, age: number): boolean {
    if (address.equals(this.self) || this.has(address) || this.#entries.length >= this.capacity) return false;
    this.#entries.push({ address, age });
    return true;
  }

  remove(address: Address): void {
    this.#entries = this.#entries.filter((e) => !e.address.equals(address));
  }

  incrementAges(): void {
    for (const entry of this.#entries) entry.age++;
  }

  /** The entry that has circulated longest (ties: the first). */
  oldest(): ViewEntry | undefined {
    let oldest: ViewEntry | undefined;
    for (const entry of this.#entries) if (oldest === undefined || entry.age > oldest.age) oldest = entry;
    return oldest;
  }

  /** Up to `count` distinct entries chosen uniformly at random, leaving out `exclude`. */
  randomSubset(count: number, exclude?: Address): ViewEntry[] {
    const pool = this.#entries.filter((e) => exclude === undefined || !e.address.equals(exclude));
    // Partial Fisher–Yates over a copy: the first `count` slots end up a uniform sample.
    for (let i = 0; i < Math.min(count, pool.length); i++) {
      const j = i + this.random.nextInt(pool.length - i);
      [pool[i], pool[j]] = [pool[j] as ViewEntry, pool[i] as ViewEntry];
    }
    return pool.slice(0, count).map((e) => ({ address: e.address, age: e.age }));
  }

  /**
   * Cyclon's merge: each received entry that is new fills an empty slot, or else takes the
   * slot of one of the entries `sent` to the peer in this shuffle.
   */
  merge(received: readonly ViewEntry[], sent: readonly ViewEntry[]): void {
    const replaceable = sent.map((e) => e.address);
    for (const entry of received) {
      if (entry.address.equals(this.self) || this.has(entry.address)) continue;
      if (this.#entries.length < this.capacity) {
        this.#entries.push({ address: entry.address, age: entry.age });
        continue;
      }
      while (replaceable.length > 0) {
        const victim = replaceable.shift() as Address;
        if (this.has(victim)) {
          this.remove(victim);
          this.#entries.push({ address: entry.address, age: entry.age });
          break;
        }
      }
    }
  }
}

/**
 * Broadcast ids already delivered, each remembered for `retentionMs` after it was first seen.
 * Insertion order is time order, so forgetting is a walk from the oldest: amortized O(1).
 */
export class SeenSet {
  readonly #firstSeen = new Map<string, number>();

  constructor(readonly retentionMs: number) {}

  /** Records `key` at `now`; false if it was already there (a duplicate). */
  add(key: string, now: number): boolean {
    this.forget(now);
    if (this.#firstSeen.has(key)) return false;
    this.#firstSeen.set(key, now);
    return true;
  }

  has(key: string): boolean {
    return this.#firstSeen.has(key);
  }

  /** Forgets ids first seen more than `retentionMs` before `now`. */
  forget(now: number): void {
    for (const [key, at] of this.#firstSeen) {
      if (now - at <= this.retentionMs) break;
      this.#firstSeen.delete(key);
    }
  }

  get size(): number {
    return this.#firstSeen.size;
  }
}

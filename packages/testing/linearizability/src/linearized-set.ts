/**
 * The set of operations already linearized on the current search path, with what Lowe's memoization
 * needs: a cheap incremental hash and a compact snapshot.
 *
 * Operations are numbered by return time. The search linearizes every operation before it can move
 * past its return, so the set is almost always "every operation below `prefix`" plus a few operations
 * concurrent with operation `prefix` (the "extras"). A snapshot stores just that, so remembering a
 * visited configuration costs O(concurrency) instead of O(history length) as a plain bitset copy would.
 */
export class LinearizedSet {
  private readonly words: Uint32Array;
  private readonly keys: Uint32Array;
  /** Every operation with a smaller number is in the set; operation `prefix` is not. */
  prefix = 0;
  /** How many operations numbered `prefix` or more are in the set. */
  extras = 0;
  /** Zobrist hash of the set: the XOR of one random key per member. */
  hash = 0;

  constructor(size: number, seed = 0x2545f491) {
    this.words = new Uint32Array((size >>> 5) + 1);
    this.keys = new Uint32Array(size);
    let x = seed | 0 || 1;
    for (let i = 0; i < size; i++) {
      // xorshift32: deterministic, so runs are reproducible.
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      this.keys[i] = x >>> 0;
    }
  }

  has(id: number): boolean {
    return (this.words[id >>> 5]! & (1 << (id & 31))) !== 0;
  }

  add(id: number): void {
    this.words[id >>> 5]! |= 1 << (id & 31);
    this.hash ^= this.keys[id]!;
    if (id >= this.prefix) this.extras++;
    while (this.has(this.prefix)) {
      this.prefix++;
      this.extras--;
    }
  }

  delete(id: number): void {
    this.words[id >>> 5]! &= ~(1 << (id & 31));
    this.hash ^= this.keys[id]!;
    if (id >= this.prefix) {
      this.extras--;
    } else {
      this.extras += this.prefix - id - 1;
      this.prefix = id;
    }
  }

  /** The members numbered `prefix` or more, ascending. */
  snapshotExtras(): Uint32Array {
    const out = new Uint32Array(this.extras);
    let found = 0;
    for (let id = this.prefix + 1; found < this.extras; id++) {
      if (this.has(id)) out[found++] = id;
    }
    return out;
  }

  /** Whether this set equals the one a snapshot was taken of. */
  matches(prefix: number, extras: Uint32Array): boolean {
    if (prefix !== this.prefix || extras.length !== this.extras) return false;
    for (let i = 0; i < extras.length; i++) {
      if (!this.has(extras[i]!)) return false;
    }
    return true;
  }

  /** All members, ascending. */
  members(): number[] {
    const out: number[] = [];
    for (let id = 0; id < this.prefix; id++) out.push(id);
    for (const id of this.snapshotExtras()) out.push(id);
    return out;
  }
}

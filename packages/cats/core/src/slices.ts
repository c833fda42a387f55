import { inArc, RING_SIZE } from '@kompics/ring';

/**
 * The fixed key ranges of the data layer: the identifier ring cut into `count` equal arcs
 * ("slices"). Slice `i` is the arc `(from, to]`; each slice has its own replication group and
 * view. Ranges never split or merge; the ring decides only who replicates each one.
 */
export class Slices {
  readonly #width: number;

  constructor(readonly count: number) {
    if (!Number.isInteger(count) || count < 1 || count > 65_536)
      throw new RangeError(`slice count must be an integer in [1, 65536], got ${count}`);
    this.#width = RING_SIZE / count;
  }

  /** The slice holding ring point `hash` (a key's `ringHash`). */
  of(hash: number): number {
    // (from, to] arcs: the point `to` of slice i belongs to slice i.
    let i = Math.ceil(hash / this.#width) - 1;
    if (i < 0) i = this.count - 1;
    // Floating-point edges: settle on the slice whose integer arc holds the point.
    for (const j of [i, (i + 1) % this.count, (i + this.count - 1) % this.count]) {
      const [from, to] = this.range(j);
      if (this.count === 1 || inArc(hash, from, to)) return j;
    }
    return i;
  }

  /** Slice `i`'s arc as `[fromExclusive, toInclusive]` ring ids. */
  range(i: number): readonly [number, number] {
    const to = Math.floor((i + 1) * this.#width) % RING_SIZE;
    const from = Math.floor(i * this.#width) % RING_SIZE;
    // Slice count-1 ends at RING_SIZE, which is 0 on the ring.
    return [from, to];
  }
}

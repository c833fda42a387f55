import type { RandomSource } from '@kompics/kernel';
import type { Address } from '@kompics/network';

/** The peers gossip goes to: the latest sample from peer sampling. */
export class PeerPool {
  #peers: readonly Address[] = [];

  constructor(
    readonly self: Address,
    private readonly random: RandomSource,
  ) {}

  /** Replaces the pool with a fresh sample (this node left out). */
  replace(peers: readonly Address[]): void {
    this.#peers = peers.filter((p) => !p.equals(this.self));
  }

  get peers(): readonly Address[] {
    return this.#peers;
  }

  /** Up to `count` distinct peers chosen uniformly at random, none of them in `exclude`. */
  choose(count: number, exclude: readonly Address[]): Address[] {
    const pool = this.#peers.filter((p) => !exclude.some((e) => e.equals(p)));
    const n = Math.min(count, pool.length);
    // Partial Fisher–Yates: the first n slots end up a uniform sample.
    for (let i = 0; i < n; i++) {
      const j = i + this.random.nextInt(pool.length - i);
      [pool[i], pool[j]] = [pool[j] as Address, pool[i] as Address];
    }
    return pool.slice(0, n);
  }
}

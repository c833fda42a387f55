import type { RingNode } from '@kompics/ring';

/** A node this node suspected, and since when. */
export interface SuspectedEntry {
  readonly node: RingNode;
  readonly since: number;
}

/**
 * The bounded list of nodes a node has suspected, for ring unification: they are probed every
 * period γ, and one that answers may belong to another ring. Full, it forgets the oldest
 * suspicion; an entry older than the time to live is dropped.
 */
export class SuspectedList {
  readonly #entries = new Map<string, SuspectedEntry>();

  constructor(
    readonly capacity: number,
    readonly ttlMs: number,
  ) {}

  get size(): number {
    return this.#entries.size;
  }

  has(addressKey: string): boolean {
    return this.#entries.has(addressKey);
  }

  /** Adds a suspicion (a node already in the list keeps its first time). */
  add(node: RingNode, now: number): void {
    if (this.#entries.has(node.address.key)) return;
    if (this.#entries.size >= this.capacity) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(node.address.key, { node, since: now });
  }

  /** Removes and returns the entry at `addressKey`, if any. */
  take(addressKey: string): SuspectedEntry | undefined {
    const entry = this.#entries.get(addressKey);
    this.#entries.delete(addressKey);
    return entry;
  }

  /** Drops entries older than the time to live. */
  expire(now: number): void {
    for (const [key, entry] of this.#entries) if (now - entry.since > this.ttlMs) this.#entries.delete(key);
  }

  entries(): SuspectedEntry[] {
    return [...this.#entries.values()];
  }
}

import { RING_SIZE, type RingNode } from '@kompics/ring';

/** Bits of a ring identifier, and so entries of a finger table. */
export const FINGER_COUNT = 32;

/**
 * Chord's fingers: entry `k` is the node responsible for `self + 2^k`. Only a routing aid (the
 * successor list keeps the ring correct); entries go stale and are refreshed one per round.
 */
export class FingerTable {
  readonly #entries: (RingNode | undefined)[] = new Array(FINGER_COUNT).fill(undefined);
  #next = 0;

  constructor(readonly selfId: number) {}

  /** The identifier finger `k` points at. */
  target(k: number): number {
    return (this.selfId + 2 ** k) % RING_SIZE;
  }

  get(k: number): RingNode | undefined {
    return this.#entries[k];
  }

  set(k: number, node: RingNode | undefined): void {
    this.#entries[k] = node;
  }

  /** The index to refresh next, round robin. */
  nextIndex(): number {
    const k = this.#next;
    this.#next = (this.#next + 1) % FINGER_COUNT;
    return k;
  }

  /** Forgets every entry at `addressKey` (a suspected or departed node). */
  remove(addressKey: string): void {
    for (let k = 0; k < FINGER_COUNT; k++)
      if (this.#entries[k]?.address.key === addressKey) this.#entries[k] = undefined;
  }

  /** The distinct nodes in the table. */
  nodes(): RingNode[] {
    const byKey = new Map<string, RingNode>();
    for (const node of this.#entries) if (node !== undefined) byKey.set(node.address.key, node);
    return [...byKey.values()];
  }
}

import type { Address } from '@kompics/network';
import type { RingNode } from '@kompics/ring';
import { type MemberRecord, supersedes } from './member-record.js';
import { combineDigest, digestTerm } from './table-digest.js';

/** What applying news did to the table. */
export type Change = 'added' | 'removed' | 'updated' | 'none';

/**
 * A router's table: one {@link MemberRecord} per address, live members and tombstones (nodes
 * announced failed or left, kept for a while so stale news cannot bring them back). Live
 * members are also kept sorted by ring id for lookups. The node itself is always a live member.
 */
export class Membership {
  readonly #records = new Map<string, MemberRecord>();
  /** Live members, kept sorted by {@link compareNodes} as they come and go. */
  readonly #sorted: RingNode[] = [];
  /** Sum (mod 2^32) and count of the confirmed live members' digest terms. */
  #digestSum = 0;
  #digestCount = 0;

  constructor(
    readonly self: RingNode,
    now: number,
  ) {
    this.#put({ node: self, incarnation: 0, alive: true, since: now });
  }

  get(address: Address): MemberRecord | undefined {
    return this.#records.get(address.key);
  }

  /** Records, live and dead, in insertion order. */
  records(): IterableIterator<MemberRecord> {
    return this.#records.values();
  }

  /** Live members sorted by ring id (ties by address), this node included. */
  sorted(): readonly RingNode[] {
    return this.#sorted;
  }

  /** Live members, this node included. */
  get size(): number {
    return this.#sorted.length;
  }

  /** Digest of the confirmed live members (incarnation > 0): see `tableDigest`. */
  digest(): number {
    return combineDigest(this.#digestSum, this.#digestCount);
  }

  /** Sets this node's own incarnation (on joining, and when refuting news of its death). */
  setSelfIncarnation(incarnation: number, now: number): void {
    this.#put({ node: this.self, incarnation, alive: true, since: now });
  }

  /**
   * Applies news of `node` at `incarnation` (alive or dead), learnt `age` ms after it was
   * current. News of this node itself is left to the router. Returns what changed.
   */
  apply(node: RingNode, incarnation: number, alive: boolean, now: number, age = 0): Change {
    const key = node.address.key;
    if (key === this.self.address.key) return 'none';
    const current = this.#records.get(key);
    if (current !== undefined && !supersedes(incarnation, alive, current)) return 'none';
    this.#put({ node, incarnation, alive, since: now - age });
    if (current === undefined) return alive ? 'added' : 'none';
    if (current.alive !== alive) return alive ? 'added' : 'removed';
    return 'updated';
  }

  /** A node heard of without an announcement: added, unconfirmed, if nothing is known of it. */
  hear(node: RingNode, now: number): Change {
    if (this.#records.has(node.address.key)) return 'none';
    return this.apply(node, 0, true, now);
  }

  /**
   * Unconfirmed members heard of more than `unconfirmedTtlMs` ago become (local) tombstones;
   * tombstones older than `tombstoneMs` are forgotten. Returns whether a live member went.
   */
  expire(now: number, unconfirmedTtlMs: number, tombstoneMs: number): boolean {
    let removed = false;
    for (const [key, r] of this.#records) {
      if (key === this.self.address.key) continue;
      if (r.alive && r.incarnation === 0 && now - r.since > unconfirmedTtlMs) {
        this.#put({ node: r.node, incarnation: 0, alive: false, since: now });
        removed = true;
      } else if (!r.alive && now - r.since > tombstoneMs) {
        this.#records.delete(key);
      }
    }
    return removed;
  }

  /** The `count` live members after this node on the ring and the `count` before it. */
  neighbours(count: number): RingNode[] {
    const sorted = this.#sorted;
    const at = this.#position(this.self);
    const found = new Map<string, RingNode>();
    for (let d = 1; d <= count && d < sorted.length; d++) {
      for (const i of [at + d, at - d]) {
        const n = sorted[(i + sorted.length) % sorted.length] as RingNode;
        found.set(n.address.key, n);
      }
    }
    return [...found.values()];
  }

  #put(record: MemberRecord): void {
    const key = record.node.address.key;
    const previous = this.#records.get(key);
    this.#records.set(key, record);
    if (previous !== undefined) {
      if (previous.alive && previous.incarnation > 0) {
        this.#digestSum = (this.#digestSum - digestTerm(key, previous.incarnation)) >>> 0;
        this.#digestCount--;
      }
      if (previous.alive && !(record.alive && previous.node.id === record.node.id))
        this.#remove(previous.node);
    }
    if (record.alive && record.incarnation > 0) {
      this.#digestSum = (this.#digestSum + digestTerm(key, record.incarnation)) >>> 0;
      this.#digestCount++;
    }
    if (record.alive && !(previous?.alive === true && previous.node.id === record.node.id))
      this.#insert(record.node);
  }

  /** Where `node` is, or would go, in the sorted live members. */
  #position(node: RingNode): number {
    let lo = 0;
    let hi = this.#sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareNodes(this.#sorted[mid] as RingNode, node) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  #insert(node: RingNode): void {
    this.#sorted.splice(this.#position(node), 0, node);
  }

  #remove(node: RingNode): void {
    const at = this.#position(node);
    if (this.#sorted[at]?.address.equals(node.address)) this.#sorted.splice(at, 1);
  }
}

/** Order of the ring: by id, ties (two addresses hashing alike) by address. */
export function compareNodes(a: RingNode, b: RingNode): number {
  return a.id - b.id || (a.address.key < b.address.key ? -1 : a.address.key > b.address.key ? 1 : 0);
}

import type { RingNode } from '@kompics/ring';

/**
 * A replication group's view of one key range: who its members are and which configuration
 * this is. Views of one slice are numbered 1, 2, …; view `v + 1` is agreed by Paxos among the
 * members of view `v`. Every reply of a replica carries its view, so a coordinator can tell
 * replies of different configurations apart.
 */
export class GroupView {
  constructor(
    /** The slice (key range) this view replicates. */
    readonly slice: number,
    /** The configuration number: 1 for the first view of a slice. */
    readonly number: number,
    /** The members, in ring order from the node responsible for the range's end. */
    readonly members: readonly RingNode[],
    /**
     * The members of view `number - 1`, from whom a new member fetches the range's data before
     * it serves; empty for a first view (which starts empty, with nothing to fetch).
     */
    readonly previous: readonly RingNode[] = [],
  ) {
    if (!Number.isSafeInteger(number) || number < 1) throw new RangeError(`bad view number ${number}`);
    if (members.length === 0) throw new RangeError('a view has at least one member');
  }

  /** How many members make a majority. */
  get majority(): number {
    return Math.floor(this.members.length / 2) + 1;
  }

  /** Whether `key` (an address key, `host:port`) is a member. */
  has(addressKey: string): boolean {
    return this.members.some((m) => m.address.key === addressKey);
  }

  /** Whether two views have the same members (in any order). */
  sameMembers(other: readonly RingNode[]): boolean {
    if (other.length !== this.members.length) return false;
    return other.every((n) => this.members.some((m) => m.equals(n)));
  }

  toString(): string {
    return `slice ${this.slice} v${this.number} [${this.members.map((m) => m.address.key).join(', ')}]`;
  }
}

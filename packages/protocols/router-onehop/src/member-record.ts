import type { RingNode } from '@kompics/ring';

/**
 * What a router believes about one node. `incarnation` orders news of the node: it is the
 * node's clock when it (re)joined, or the announcer's clock when it was declared failed, and 0
 * when the node was only heard of (peer sampling, the ring) without an announcement. Higher
 * incarnations win; at equal incarnations, dead wins over alive.
 */
export interface MemberRecord {
  readonly node: RingNode;
  readonly incarnation: number;
  readonly alive: boolean;
  /** Local time from which this belief counts, for expiry (earlier for news that travelled). */
  readonly since: number;
}

/** Whether news `(incarnation, alive)` supersedes the record `current`. */
export function supersedes(incarnation: number, alive: boolean, current: MemberRecord): boolean {
  if (incarnation !== current.incarnation) return incarnation > current.incarnation;
  return current.alive && !alive;
}

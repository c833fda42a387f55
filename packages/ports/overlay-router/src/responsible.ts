import type { RingNode } from '@kompics/ring';

/**
 * Where the node responsible for `keyHash` sits in `members` (sorted by ring id, ascending):
 * the index of the first member whose id is at least `keyHash`, wrapping to 0 past the last.
 * That is the node `n` with `keyHash` in `(predecessor(n), n]`. -1 for an empty list.
 * Binary search: O(log n).
 */
export function responsibleIndex(members: readonly RingNode[], keyHash: number): number {
  if (members.length === 0) return -1;
  let lo = 0;
  let hi = members.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((members[mid] as RingNode).id < keyHash) lo = mid + 1;
    else hi = mid;
  }
  return lo === members.length ? 0 : lo;
}

/**
 * The replication group of `keyHash` among `members` (sorted by ring id): the responsible node
 * and the members after it, `degree` nodes in all (fewer if there are fewer members).
 */
export function replicaGroup(members: readonly RingNode[], keyHash: number, degree: number): RingNode[] {
  const at = responsibleIndex(members, keyHash);
  if (at < 0) return [];
  const group: RingNode[] = [];
  for (let d = 0; d < Math.min(degree, members.length); d++) {
    group.push(members[(at + d) % members.length] as RingNode);
  }
  return group;
}

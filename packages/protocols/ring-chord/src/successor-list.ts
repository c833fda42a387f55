import { type RingNode, ringDistance } from '@kompics/ring';

/**
 * A successor list built from `candidates`, as node `self` should keep it: without `self`,
 * without nodes `usable` rejects, one entry per address, in clockwise order from `self`, at most
 * `length` long. Merging what a successor reports with what else the node knows this way keeps
 * the closest live nodes first, whatever the order they were heard of.
 */
export function successorList(
  self: RingNode,
  candidates: Iterable<RingNode>,
  length: number,
  usable: (node: RingNode) => boolean,
): RingNode[] {
  const byKey = new Map<string, RingNode>();
  for (const node of candidates) {
    if (node.id === self.id || node.address.equals(self.address) || !usable(node)) continue;
    if (!byKey.has(node.address.key)) byKey.set(node.address.key, node);
  }
  return [...byKey.values()]
    .sort((a, b) => ringDistance(self.id, a.id) - ringDistance(self.id, b.id))
    .slice(0, length);
}

/** Whether two node lists name the same nodes in the same order. */
export function sameNodes(a: readonly RingNode[], b: readonly RingNode[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!(a[i] as RingNode).equals(b[i] as RingNode)) return false;
  return true;
}

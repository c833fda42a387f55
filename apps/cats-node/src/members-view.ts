import type { Member, NodeStatus, RingMember } from './node-api.js';

const RING_SIZE = 2 ** 32;

/** `GET /api/members`: the member table and, per key range, its replica group as this node knows it. */
export interface MembersView {
  readonly members: readonly Member[];
  readonly replicationDegree: number;
  readonly slices: ReadonlyArray<{
    readonly from: number;
    readonly to: number;
    readonly members: readonly string[];
  }>;
}

/** `http(s)://host:port` of a peer address, in the scheme this node serves. */
export function memberUrl(address: RingMember['address'], scheme: 'http' | 'https'): string {
  return `${scheme}://${address.key}`;
}

/** Slice `i` of `count` as `(from, to]` ring ids; the same cut as `@cats/core`'s `Slices`. */
export function sliceRange(i: number, count: number): readonly [number, number] {
  const width = RING_SIZE / count;
  return [Math.floor(i * width) % RING_SIZE, Math.floor((i + 1) * width) % RING_SIZE];
}

/** The replica group of ring point `point` among `sorted` (ascending ids): its successor and the next ones. */
export function ringGroup<T extends { readonly id: number }>(
  sorted: readonly T[],
  point: number,
  degree: number,
): T[] {
  if (sorted.length === 0) return [];
  let at = sorted.findIndex((m) => m.id >= point);
  if (at < 0) at = 0;
  const group: T[] = [];
  for (let d = 0; d < Math.min(degree, sorted.length); d++) group.push(sorted[(at + d) % sorted.length] as T);
  return group;
}

/**
 * Builds the members view: the router's member table, and for each slice the members of this
 * node's view of its group where it has one, else the group the ring gives it.
 */
export function membersView(
  table: readonly RingMember[],
  status: NodeStatus,
  scheme: 'http' | 'https',
  replicationDegree: number,
  sliceCount: number,
): MembersView {
  const byKey = new Map<string, Member>();
  for (const m of table)
    byKey.set(m.address.key, { id: m.id, address: m.address.key, url: memberUrl(m.address, scheme) });
  const self = status.node;
  byKey.set(self.address, { id: self.id, address: self.address, url: self.url });
  const members = [...byKey.values()].sort((a, b) => a.id - b.id);
  const viewed = new Map(status.groups.filter((g) => g.view !== null).map((g) => [g.slice, g]));
  const slices = [];
  for (let i = 0; i < sliceCount; i++) {
    const [from, to] = sliceRange(i, sliceCount);
    const group = viewed.get(i);
    const addresses = group
      ? group.members.map((m) => m.address)
      : ringGroup(members, to, replicationDegree).map((m) => m.address);
    slices.push({ from, to, members: addresses });
  }
  return { members, replicationDegree, slices };
}

// The JSON the nodes and the bootstrap server answer with (docs/deployment-contract.md).

/** A ring member as the HTTP API names it. */
export interface Member {
  readonly id: number;
  readonly address: string;
  readonly url: string;
}

/** One key range `(from, to]` of the ring and the addresses of its replica group. */
export interface SliceEntry {
  readonly from: number;
  readonly to: number;
  readonly members: readonly string[];
  /** The group's view number when the answering node has one (a newer view wins when tables are merged). */
  readonly view?: number | null;
}

/** `GET /api/members`. */
export interface MembersResponse {
  readonly members: readonly Member[];
  readonly replicationDegree: number;
  readonly slices: readonly SliceEntry[];
}

/** `GET /api/nodes` on the bootstrap server. */
export interface BootstrapNodesResponse {
  readonly nodes: readonly {
    readonly address: string;
    readonly url: string;
    readonly lastSeenMsAgo: number;
  }[];
}

/** `GET /api/status`: what a node reports about itself. */
export interface NodeStatus {
  readonly node: {
    readonly id: number;
    readonly address: string;
    readonly url: string;
    readonly startedAt: number;
    readonly uptimeMs: number;
  };
  readonly ring: {
    readonly joined: boolean;
    readonly predecessor: Member | null;
    readonly successors: readonly Member[];
  };
  readonly groups: readonly {
    readonly slice: number;
    readonly from: number;
    readonly to: number;
    readonly view: number | null;
    readonly members: readonly Member[];
    readonly serving: boolean;
  }[];
  readonly store: { readonly entries: number; readonly bytes: number };
  readonly suspected: readonly string[];
  readonly counters: Readonly<Record<string, number>>;
  readonly bootstrap: string | null;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isRingNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 2 ** 32;
}

/** Reads a `/api/members` answer, throwing a TypeError naming the first thing wrong with it. */
export function parseMembers(json: unknown): MembersResponse {
  if (!isObject(json)) throw new TypeError('the member table is not a JSON object');
  const { members, slices, replicationDegree } = json;
  if (!Array.isArray(members)) throw new TypeError('the member table has no "members" array');
  if (!Array.isArray(slices)) throw new TypeError('the member table has no "slices" array');
  const parsedMembers: Member[] = members.map((m, i) => {
    if (!isObject(m) || typeof m.address !== 'string' || typeof m.url !== 'string' || !isRingNumber(m.id)) {
      throw new TypeError(`member ${i} of the table is not { id, address, url }`);
    }
    return { id: m.id, address: m.address, url: m.url };
  });
  const parsedSlices: SliceEntry[] = slices.map((s, i) => {
    if (!isObject(s) || !isRingNumber(s.from) || !isRingNumber(s.to) || !Array.isArray(s.members)) {
      throw new TypeError(`slice ${i} of the table is not { from, to, members }`);
    }
    if (!s.members.every((a) => typeof a === 'string'))
      throw new TypeError(`slice ${i} has a member that is not an address`);
    const view = typeof s.view === 'number' ? s.view : null;
    return { from: s.from, to: s.to, members: s.members as string[], view };
  });
  return {
    members: parsedMembers,
    slices: parsedSlices,
    replicationDegree: typeof replicationDegree === 'number' ? replicationDegree : 0,
  };
}

/** Reads a bootstrap server's `/api/nodes` answer. */
export function parseBootstrapNodes(json: unknown): string[] {
  if (!isObject(json) || !Array.isArray(json.nodes))
    throw new TypeError('the bootstrap answer has no "nodes" array');
  return json.nodes.flatMap((n) => (isObject(n) && typeof n.url === 'string' ? [n.url] : []));
}

// What the app needs from a running node: the `RunningCatsNode` of the deployment contract
// (docs/deployment-contract.md), written structurally so the HTTP layer can be tested against
// an in-memory fake and runs unchanged on `@cats/node`'s real node.

/** A ring member as the pages and the JSON API show it. */
export interface Member {
  readonly id: number;
  readonly address: string;
  readonly url: string;
}

/** One replication group this node knows, as `NodeStatus.groups` reports it. */
export interface GroupStatus {
  readonly slice: number;
  readonly from: number;
  readonly to: number;
  readonly view: number | null;
  readonly members: readonly Member[];
  readonly serving: boolean;
}

/** A node's report of itself (`GET /api/status`). */
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
  readonly groups: readonly GroupStatus[];
  readonly store: { readonly entries: number; readonly bytes: number };
  readonly suspected: readonly string[];
  readonly counters: Readonly<Record<string, number>>;
  readonly bootstrap: string | null;
}

/** A node on the ring: an id and a peer address (`RingNode` of `@kompics/ring`, structurally). */
export interface RingMember {
  readonly id: number;
  readonly address: { readonly host: string; readonly port: number; readonly key: string };
}

/** The operations the app uses of a running node. */
export interface NodeHandle {
  readonly self: RingMember;
  readonly url: string;
  put(key: string, value: string | Uint8Array): Promise<void>;
  get(key: string): Promise<Uint8Array | string | undefined>;
  delete(key: string): Promise<void>;
  status(): Promise<NodeStatus>;
  members(): Promise<readonly RingMember[]>;
  leave(): Promise<void>;
  stop(): Promise<void>;
}

/** Why an operation failed, as `DhtError.reason` says it. */
export type FailureReason = 'timeout' | 'unavailable' | 'rejected';

/** The failure reason of an error thrown by a node operation, if it carries one. */
export function failureReason(error: unknown): FailureReason | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const reason = (error as { reason?: unknown }).reason;
  return reason === 'timeout' || reason === 'unavailable' || reason === 'rejected' ? reason : undefined;
}

// What the app needs from a running node: the `RunningCatsNode` of the deployment contract
// (docs/deployment-contract.md), written structurally so the HTTP layer can be tested against
// an in-memory fake and runs unchanged on `@cats/node`'s real node.

/** The status shapes are `@cats/node`'s own (one definition of the contract's `NodeStatus`). */
export type { GroupStatus, Member, NodeStatus } from '@cats/node';

import type { NodeStatus } from '@cats/node';

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

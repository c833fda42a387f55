import { definePort } from '@kompics/kernel';
import type { RingNode } from '@kompics/ring';

/** Leave the system gracefully: retire from every replica group, then leave the ring and overlay. */
export class LeaveNode {
  declare private readonly kind: 'leave-node';
  constructor(readonly requestId: string) {}
}

/**
 * The node has left (answering {@link LeaveNode}); `handedOver` is false if it gave up waiting,
 * or if it was alone in the ring (nobody to hand its ranges to: they stay in its store).
 */
export class NodeLeft {
  declare private readonly kind: 'node-left';
  constructor(
    readonly requestId: string,
    readonly handedOver: boolean,
  ) {}
}

/** Asks for the one-hop router's member table. */
export class MembersQuery {
  declare private readonly kind: 'members-query';
  constructor(readonly requestId: string) {}
}

/** The member table (sorted by ring id), answering {@link MembersQuery}. */
export class MembersAnswer {
  declare private readonly kind: 'members-answer';
  constructor(
    readonly requestId: string,
    readonly members: readonly RingNode[],
  ) {}
}

/** Node control: graceful leave and the member table, for the app driving a {@link CatsNode}. */
export const NodeControl = definePort('NodeControl', {
  requests: [LeaveNode, MembersQuery],
  indications: [NodeLeft, MembersAnswer],
});
export type NodeControl = typeof NodeControl;

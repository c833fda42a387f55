import type { Address } from '@kompics/network';
import type { StoreValue, Tag } from '@kompics/store';
import { ConsistentQuorum } from './consistent-quorum.js';
import type { AbdReply, AbdWrite } from './messages.js';

/** What the client asked for. */
export type OperationKind = 'get' | 'put' | 'delete';

/**
 * One client operation coordinated by this node: ABD's two phases, each finished by a
 * consistent quorum (or, in eventual mode, by any majority of the locally computed group).
 * Phase 1 reads `(value, tag)`; phase 2 writes — the new value with a greater tag for put and
 * delete, the highest value read back for get (skipped when the whole quorum agreed).
 */
export class Operation {
  /** 1: read, 2: write. */
  phase: 1 | 2 = 1;
  /** Bumped at each phase start, so late replies of an earlier phase are ignored. */
  attempt = 0;
  /** What phase 2 writes. */
  write: AbdWrite | undefined;
  /** Nodes asked in this phase, by address key. */
  readonly contacted = new Map<string, Address>();
  readonly answered = new Set<string>();
  readonly quorum = new ConsistentQuorum<AbdReply>();
  /** Eventual mode: the group this node believes replicates the key, and the replies from it. */
  group: Address[] = [];
  readonly eventual = new Map<string, AbdReply>();
  /** Retries so far in this phase. */
  retries = 0;
  /** Messages sent for this operation (for the figures). */
  messages = 0;
  /** Everyone who answered anything, over the whole operation (address keys). */
  readonly heard = new Set<string>();
  /** The group the router named in its latest answer for the range (address keys). */
  routed = new Set<string>();

  constructor(
    readonly id: string,
    readonly requestId: string,
    readonly kind: OperationKind,
    readonly key: string,
    readonly hash: number,
    readonly slice: number,
    readonly value: StoreValue | null,
    readonly startedAt: number,
    readonly deadlineId: string,
  ) {}

  /** Starts a phase afresh. */
  begin(phase: 1 | 2): number {
    this.phase = phase;
    this.attempt++;
    this.contacted.clear();
    this.answered.clear();
    this.quorum.clear();
    this.eventual.clear();
    this.retries = 0;
    return this.attempt;
  }
}

/** The highest-tagged reply among `replies`, and whether every reply had that same tag. */
export function highest(replies: readonly AbdReply[]): {
  value: StoreValue | null;
  tag: Tag;
  unanimous: boolean;
} {
  let best = replies[0] as AbdReply;
  for (const r of replies) if (r.tag.isAfter(best.tag)) best = r;
  const unanimous = replies.every((r) => r.tag.equals(best.tag));
  return { value: best.value, tag: best.tag, unanimous };
}

import type { Ballot } from './ballot.js';
import type { GroupView } from './group-view.js';
import type { AcceptedProposal, Promised } from './messages.js';
import type { SyncSession } from './sync-session.js';

/** Paxos acceptor state for deciding the view after view `instance`. */
export interface AcceptorState {
  readonly instance: number;
  promised: Ballot;
  accepted: AcceptedProposal | undefined;
  /** When this node accepted (to notice a stalled reconfiguration). */
  since: number;
}

/** A reconfiguration this node is driving as Paxos proposer. */
export interface ProposerState {
  readonly instance: number;
  readonly ballot: Ballot;
  /** The members this node wants, used unless an acceptor reports an accepted proposal. */
  readonly wanted: AcceptedProposal['members'];
  phase: 'prepare' | 'accept';
  readonly promises: Map<string, Promised>;
  readonly accepts: Set<string>;
  /**
   * Acceptors that refused this ballot in the current phase and have not answered ok since: in
   * the prepare phase those that echo the ballot (not ready in the view, or a duplicate
   * Prepare), in the accept phase any refusal naming this ballot or a higher one.
   */
  readonly refused: Set<string>;
  /**
   * In the accept phase: when a refusal showed this ballot may not win (a higher promise, or
   * refusals that leave no majority). The proposer keeps counting acceptances — the others'
   * may have chosen its view, and a chosen view nobody learns stalls the group (soak: rejoins,
   * seed 7877) — and is dropped at the first maintenance round `retryMs` after this; the
   * responsible node then proposes a higher ballot at once, which learns what was chosen (a
   * node finishing a stalled reconfiguration waits for its stalled-reconfiguration wait again).
   */
  outbidAt: number | undefined;
  members: AcceptedProposal['members'];
  readonly startedAt: number;
}

/**
 * What one node knows and does for one key range: the newest view it knows (decided, whether
 * or not it is a member), whether it serves that view, how much of the history its data covers,
 * and its roles in reconfiguration (acceptor, proposer, range transfers).
 */
export class SliceState {
  /** The newest decided view known. */
  view: GroupView | undefined;
  /** The view number in which this node became ready (fetched the range's data); 0 if never. */
  readyIn = 0;
  /** This node's data holds every write completed in views numbered below this. */
  coversBelow = 0;
  acceptor: AcceptorState | undefined;
  proposer: ProposerState | undefined;
  /** The highest ballot round seen in this range's reconfigurations, so the next ballot is higher. */
  highestRound = 0;
  /** Range transfers under way, by the view number they fetch for. */
  readonly syncs = new Map<number, SyncSession>();
  /**
   * Whether this node may hold data of the range (it was a member of some view since its last
   * garbage collection of the range). Durable.
   */
  holdsData = false;
  /** Members of the newest view (by address key) that said they serve it (for GC and Retire). */
  readonly readyVotes = new Set<string>();
  /** When this node first saw itself outside the newest view while holding data. */
  removedSince: number | undefined;
  /** A garbage collection of the range is under way. */
  collecting = false;

  constructor(readonly slice: number) {}

  /** Whether `self` (an address key) is a member of the newest view. */
  isMember(self: string): boolean {
    return this.view?.has(self) === true;
  }

  /**
   * Whether this node answers ABD requests in its view: a member that has the range's data and
   * has not accepted a reconfiguration of the view (after which it must never serve it again).
   */
  serving(self: string): boolean {
    const view = this.view;
    if (view === undefined || !view.has(self) || this.readyIn !== view.number) return false;
    const a = this.acceptor;
    return !(a !== undefined && a.instance === view.number && a.accepted !== undefined);
  }
}

import {
  FailureDetector,
  Restore,
  StartMonitoring,
  StopMonitoring,
  Suspect,
} from '@kompics/failure-detector';
import { ComponentDefinition, Kill, Start, Stop } from '@kompics/kernel';
import { type Address, Network } from '@kompics/network';
import {
  between,
  CreateRing,
  inArc,
  JoinRing,
  LeaveRing,
  Neighbourhood,
  NeighbourhoodQuery,
  NewPredecessor,
  NewSuccessorList,
  Ring,
  RingJoined,
  RingNode,
  ringDistance,
} from '@kompics/ring';
import {
  CancelPeriodicTimeout,
  CancelTimeout,
  SchedulePeriodicTimeout,
  ScheduleTimeout,
  Timeout,
  Timer,
} from '@kompics/timer';
import { ChordCounters } from './counters.js';
import { FINGER_COUNT, FingerTable } from './finger-table.js';
import {
  ChordFindSuccessor,
  ChordFoundSuccessor,
  ChordGetNeighbours,
  ChordMLookup,
  ChordNeighbours,
  ChordPredecessorLeaving,
  ChordProbe,
  ChordProbeAck,
  ChordSuccessorLeaving,
  ChordTryMerge,
} from './messages.js';
import { type ChordRingOptions, type ResolvedChordOptions, resolveChordOptions } from './options.js';
import { sameNodes, successorList } from './successor-list.js';
import { SuspectedList } from './suspected-list.js';

/** Hops after which a routed message is dropped: a guard, routing makes progress at every hop. */
export const MAX_HOPS = 1024;

class StabilizeRound extends Timeout {
  declare private readonly brand: 'StabilizeRound';
}
class UnifyRound extends Timeout {
  declare private readonly brand: 'UnifyRound';
}
class JoinRetry extends Timeout {
  declare private readonly brand: 'JoinRetry';
}

/** What a lookup this node started is for. */
type LookupPurpose =
  | { readonly kind: 'join' }
  | { readonly kind: 'finger'; readonly index: number }
  | { readonly kind: 'loop' };

/** Where a node is in its life on the ring. */
export type ChordPhase = 'idle' | 'joining' | 'joined' | 'left';

const sameNode = (a: RingNode | undefined, b: RingNode | undefined): boolean =>
  a === undefined ? b === undefined : b !== undefined && a.equals(b);

/**
 * A Chord-style implementation of the {@link Ring} port.
 *
 * - **Ring**: node ids and key hashes share one ring of 2^32 ids; each node keeps its
 *   predecessor, a successor list of `successorListLength` nodes and a finger table (a routing
 *   aid for lookups).
 * - **Stabilization**: every period a node asks its successor for its predecessor and
 *   successor list (offering itself as the successor's predecessor, Chord's notify), adopts a
 *   closer successor if there is one, and takes over the successor's list. It refreshes one
 *   finger per period.
 * - **Join** through any bootstrap node (a lookup of the joiner's id); **leave** hands the
 *   leaver's successor list to its predecessor and its predecessor to its successor.
 * - **Failures**: the FailureDetector watches the predecessor and successors; a suspected node
 *   is dropped from every pointer and remembered in a bounded list.
 * - **Ring unification** (Shafaat, Ghodsi, Haridi, 2007): every period γ the remembered nodes
 *   are probed; one that answers may live in another ring (a partition healed), so the node
 *   starts `mlookup`/`trymerge` with it, which zips the two rings into one. The gossip variant
 *   also starts merges at a few random known nodes from every merging node, so the rings merge
 *   in a logarithmic rather than linear number of steps.
 * - **Loopy rings** (that wrap around more than once): every few rounds a node looks up its own
 *   id from its successor; an answer from a node whose successor skips this node is the mark
 *   of a second lap, and the node unifies with it as with another ring.
 */
export class ChordRing extends ComponentDefinition {
  readonly ring = this.provides(Ring);
  readonly net = this.requires(Network);
  readonly timer = this.requires(Timer);
  readonly fd = this.requires(FailureDetector);
  readonly options: ResolvedChordOptions;
  /** This node on the ring. */
  readonly self: RingNode;
  /** What this node has done, for reports and tests. */
  readonly counters = new ChordCounters();

  #phase: ChordPhase = 'idle';
  #predecessor: RingNode | undefined;
  #successors: RingNode[] = [];
  readonly #fingers: FingerTable;
  readonly #suspected: SuspectedList;
  readonly #monitored = new Map<string, Address>();
  readonly #lookups = new Map<number, { readonly purpose: LookupPurpose; readonly sentAt: number }>();
  readonly #requester: string;
  #publishedPredecessor: RingNode | undefined;
  #publishedSuccessors: readonly RingNode[] = [];
  #nextRequest = 1;
  #nextNonce = 1;
  #rounds = 0;
  #stabilizeTimer: string | undefined;
  #unifyTimer: string | undefined;
  #joinTimer: string | undefined;
  #via: readonly Address[] = [];
  #viaNext = 0;
  #lastGossip = Number.NEGATIVE_INFINITY;

  constructor(options: ChordRingOptions) {
    super();
    this.options = resolveChordOptions(options);
    this.self = new RingNode(this.options.id, this.options.self);
    this.#fingers = new FingerTable(this.self.id);
    this.#suspected = new SuspectedList(this.options.suspectedListSize, this.options.suspectedTtlMs);
    this.#requester = `ring-chord@${this.self.address.key}`;

    this.subscribe(this.control, Start, () => this.#start());
    this.subscribe(this.control, Stop, () => this.#stopTimers());
    this.subscribe(this.control, Kill, () => this.#stopTimers());

    this.subscribe(this.ring, CreateRing, () => this.#create());
    this.subscribe(this.ring, JoinRing, (r) => this.#join(r.via));
    this.subscribe(this.ring, LeaveRing, () => this.#leave());
    this.subscribe(this.ring, NeighbourhoodQuery, () =>
      this.trigger(new Neighbourhood(this.self, this.#predecessor, [...this.#successors]), this.ring),
    );

    this.subscribe(this.timer, StabilizeRound, (t) => {
      if (t.timeoutId === this.#stabilizeTimer) this.#round();
    });
    this.subscribe(this.timer, UnifyRound, (t) => {
      if (t.timeoutId === this.#unifyTimer) this.#probeSuspected();
    });
    this.subscribe(this.timer, JoinRetry, (t) => {
      if (t.timeoutId === this.#joinTimer) this.#retryJoin();
    });

    this.subscribe(this.fd, Suspect, (s) => this.#suspect(s.node));
    this.subscribe(this.fd, Restore, (r) => this.#restore(r.node));

    this.subscribe(this.net, ChordFindSuccessor, (m) => this.#mine(m) && this.#findSuccessor(m));
    this.subscribe(this.net, ChordFoundSuccessor, (m) => this.#mine(m) && this.#found(m));
    this.subscribe(
      this.net,
      ChordGetNeighbours,
      (m) => this.#mine(m) && this.#joined() && this.#getNeighbours(m),
    );
    this.subscribe(this.net, ChordNeighbours, (m) => this.#mine(m) && this.#joined() && this.#neighbours(m));
    this.subscribe(
      this.net,
      ChordSuccessorLeaving,
      (m) => this.#mine(m) && this.#joined() && this.#successorLeft(m),
    );
    this.subscribe(
      this.net,
      ChordPredecessorLeaving,
      (m) => this.#mine(m) && this.#joined() && this.#predecessorLeft(m),
    );
    this.subscribe(this.net, ChordProbe, (m) => {
      if (this.#mine(m) && this.#joined())
        this.trigger(new ChordProbeAck(this.self.address, m.source, m.nonce, this.self), this.net);
    });
    this.subscribe(this.net, ChordProbeAck, (m) => this.#mine(m) && this.#joined() && this.#probeAnswered(m));
    this.subscribe(
      this.net,
      ChordMLookup,
      (m) => this.#mine(m) && this.#joined() && this.#mlookup(m.id, m.hops),
    );
    this.subscribe(this.net, ChordTryMerge, (m) => this.#mine(m) && this.#joined() && this.#tryMerge(m));
  }

  // ---- inspection ----------------------------------------------------------------------------

  get phase(): ChordPhase {
    return this.#phase;
  }

  get predecessor(): RingNode | undefined {
    return this.#predecessor;
  }

  get successors(): readonly RingNode[] {
    return this.#successors;
  }

  /** The distinct nodes in the finger table. */
  fingers(): RingNode[] {
    return this.#fingers.nodes();
  }

  /** The nodes remembered as suspected, oldest first. */
  suspected(): RingNode[] {
    return this.#suspected.entries().map((e) => e.node);
  }

  /**
   * Adds nodes to the list probed for ring unification, as if this node had suspected them:
   * one that answers from another ring is merged with this one. For tools that learn of nodes
   * out of band (a bootstrap server, a saved member list) and for tests.
   */
  probeLater(nodes: readonly RingNode[]): void {
    const now = this.context.clock.now();
    for (const node of nodes) if (!node.address.equals(this.self.address)) this.#suspected.add(node, now);
  }

  // ---- lifecycle and requests ----------------------------------------------------------------

  #start(): void {
    const period = this.options.stabilizePeriodMs;
    this.#stabilizeTimer = this.context.ids.next();
    // A random phase, so that nodes started together do not stabilize in lockstep.
    const offset = this.context.random.nextFloat() * period;
    this.trigger(
      new SchedulePeriodicTimeout(offset, period, new StabilizeRound(this.#stabilizeTimer)),
      this.timer,
    );
    if (this.options.unification !== 'off') {
      const gamma = this.options.unificationPeriodMs;
      this.#unifyTimer = this.context.ids.next();
      this.trigger(
        new SchedulePeriodicTimeout(
          this.context.random.nextFloat() * gamma,
          gamma,
          new UnifyRound(this.#unifyTimer),
        ),
        this.timer,
      );
    }
    const initial = this.options.initial;
    if (initial !== undefined) {
      this.#phase = 'joined';
      this.#predecessor = initial.predecessor?.equals(this.self) === true ? undefined : initial.predecessor;
      this.#successors = successorList(
        this.self,
        initial.successors,
        this.options.successorListLength,
        () => true,
      );
      this.trigger(new RingJoined(this.self), this.ring);
      this.#publish();
    }
  }

  #stopTimers(): void {
    if (this.#stabilizeTimer !== undefined)
      this.trigger(new CancelPeriodicTimeout(this.#stabilizeTimer), this.timer);
    if (this.#unifyTimer !== undefined) this.trigger(new CancelPeriodicTimeout(this.#unifyTimer), this.timer);
    if (this.#joinTimer !== undefined) this.trigger(new CancelTimeout(this.#joinTimer), this.timer);
    this.#stabilizeTimer = undefined;
    this.#unifyTimer = undefined;
    this.#joinTimer = undefined;
  }

  #create(): void {
    if (this.#phase === 'joined') return;
    this.#phase = 'joined';
    this.#predecessor = undefined;
    this.#successors = [];
    this.trigger(new RingJoined(this.self), this.ring);
    this.#publish();
  }

  #join(via: readonly Address[]): void {
    if (this.#phase === 'joined') return;
    const others = via.filter((a) => !a.equals(this.self.address));
    if (others.length === 0) {
      this.#create();
      return;
    }
    this.#phase = 'joining';
    this.#via = others;
    this.#viaNext = 0;
    this.#retryJoin();
  }

  #retryJoin(): void {
    if (this.#phase !== 'joining') return;
    const via = this.#via[this.#viaNext % this.#via.length] as Address;
    this.#viaNext++;
    const requestId = this.#startLookup({ kind: 'join' });
    this.trigger(
      new ChordFindSuccessor(this.self.address, via, this.self.id, this.self, requestId, 0),
      this.net,
    );
    this.#joinTimer = this.context.ids.next();
    this.trigger(new ScheduleTimeout(this.options.joinRetryMs, new JoinRetry(this.#joinTimer)), this.timer);
  }

  #leave(): void {
    if (this.#phase !== 'joined') {
      this.#phase = 'left';
      return;
    }
    const predecessor = this.#predecessor;
    const successor = this.#successors[0];
    if (predecessor !== undefined)
      this.#send(
        new ChordSuccessorLeaving(this.self.address, predecessor.address, this.self, [...this.#successors]),
      );
    if (successor !== undefined)
      this.#send(new ChordPredecessorLeaving(this.self.address, successor.address, this.self, predecessor));
    this.#phase = 'left';
    this.#stopTimers();
    for (const [key, address] of this.#monitored) {
      this.trigger(new StopMonitoring(address, this.#requester), this.fd);
      this.#monitored.delete(key);
    }
    this.#predecessor = undefined;
    this.#successors = [];
  }

  // ---- periodic work -------------------------------------------------------------------------

  #round(): void {
    if (this.#phase !== 'joined') return;
    this.#rounds++;
    this.#stabilize();
    this.#refreshFinger();
    if (this.options.unification !== 'off' && this.#rounds % this.options.loopCheckRounds === 0)
      this.#checkLoop();
    // Lookups lost on the way (a crashed hop) are forgotten after a while.
    const now = this.context.clock.now();
    const horizon = 10 * this.options.stabilizePeriodMs;
    for (const [id, lookup] of this.#lookups) if (now - lookup.sentAt > horizon) this.#lookups.delete(id);
  }

  #stabilize(): void {
    if (this.#successors.length === 0) this.#repairSuccessor();
    const successor = this.#successors[0];
    if (successor === undefined) return;
    this.counters.stabilizations++;
    this.#send(new ChordGetNeighbours(this.self.address, successor.address, this.self));
  }

  /** Refreshes the next finger that does not fall to the successor (those need no message). */
  #refreshFinger(): void {
    const successor = this.#successors[0];
    for (let i = 0; i < FINGER_COUNT; i++) {
      const k = this.#fingers.nextIndex();
      const target = this.#fingers.target(k);
      if (successor === undefined || inArc(target, this.self.id, successor.id)) {
        this.#fingers.set(k, successor);
        continue;
      }
      this.#lookup(target, { kind: 'finger', index: k });
      return;
    }
  }

  /** Looks up this node's own id, starting at the successor: a second lap shows in the answer. */
  #checkLoop(): void {
    const successor = this.#successors[0];
    if (successor === undefined) return;
    const requestId = this.#startLookup({ kind: 'loop' });
    this.#send(
      new ChordFindSuccessor(this.self.address, successor.address, this.self.id, this.self, requestId, 0),
    );
  }

  #startLookup(purpose: LookupPurpose): number {
    const requestId = this.#nextRequest++;
    this.#lookups.set(requestId, { purpose, sentAt: this.context.clock.now() });
    return requestId;
  }

  #lookup(target: number, purpose: LookupPurpose): void {
    const requestId = this.#startLookup(purpose);
    this.#route(
      new ChordFindSuccessor(this.self.address, this.self.address, target, this.self, requestId, 0),
    );
  }

  // ---- lookups -------------------------------------------------------------------------------

  #findSuccessor(m: ChordFindSuccessor): void {
    if (this.#phase === 'joined') {
      this.#route(m);
    } else if (this.#phase === 'joining' && m.hops < MAX_HOPS) {
      // Not in the ring yet: pass the lookup to the node this one is joining through.
      const via = this.#via[(this.#viaNext - 1 + this.#via.length) % this.#via.length] as Address;
      if (!via.equals(m.origin.address))
        this.#send(
          new ChordFindSuccessor(this.self.address, via, m.target, m.origin, m.requestId, m.hops + 1),
        );
    }
  }

  /** Answers a lookup if `target` falls to this node's successor, or passes it on. */
  #route(m: ChordFindSuccessor): void {
    const successor = this.#successors[0];
    if (successor === undefined || inArc(m.target, this.self.id, successor.id)) {
      const found = new ChordFoundSuccessor(
        this.self.address,
        m.origin.address,
        m.requestId,
        this.self,
        successor === undefined ? [this.self] : [...this.#successors],
      );
      if (m.origin.address.equals(this.self.address)) this.#found(found);
      else this.#send(found);
      return;
    }
    if (m.hops >= MAX_HOPS) return;
    const next = this.#closestPreceding(m.target) ?? successor;
    this.#send(
      new ChordFindSuccessor(this.self.address, next.address, m.target, m.origin, m.requestId, m.hops + 1),
    );
  }

  #found(m: ChordFoundSuccessor): void {
    const lookup = this.#lookups.get(m.requestId);
    if (lookup === undefined) return;
    this.#lookups.delete(m.requestId);
    const purpose = lookup.purpose;
    switch (purpose.kind) {
      case 'join':
        this.#joined_(m);
        return;
      case 'finger': {
        const node = m.successors[0];
        this.#fingers.set(
          purpose.index,
          node !== undefined && this.#usable(node) && !node.equals(this.self) ? node : undefined,
        );
        return;
      }
      case 'loop': {
        if (this.#phase !== 'joined' || m.responsible.equals(this.self)) return;
        const next = m.successors[0];
        if (next?.equals(this.self) === true) return;
        // The node before this one's id does not point at it: another lap, or a node that
        // has not stabilized yet. Unify with it, as with another ring.
        this.counters.loopWitnesses++;
        this.#startMerge(m.responsible);
        return;
      }
    }
  }

  #joined_(m: ChordFoundSuccessor): void {
    if (this.#phase !== 'joining') return;
    this.#phase = 'joined';
    if (this.#joinTimer !== undefined) this.trigger(new CancelTimeout(this.#joinTimer), this.timer);
    this.#joinTimer = undefined;
    this.#predecessor = m.responsible.equals(this.self) ? undefined : m.responsible;
    this.#successors = this.#list(m.successors);
    if (this.#successors.length === 0 && this.#predecessor !== undefined)
      this.#successors = [this.#predecessor];
    this.trigger(new RingJoined(this.self), this.ring);
    this.#publish();
    this.#stabilize();
  }

  /** The known node closest before `target`, going clockwise from this node. */
  #closestPreceding(target: number): RingNode | undefined {
    let best: RingNode | undefined;
    let bestDistance = -1;
    const consider = (node: RingNode | undefined) => {
      if (node === undefined || !between(node.id, this.self.id, target)) return;
      const d = ringDistance(this.self.id, node.id);
      if (d > bestDistance) {
        best = node;
        bestDistance = d;
      }
    };
    for (const node of this.#successors) consider(node);
    for (let k = 0; k < FINGER_COUNT; k++) consider(this.#fingers.get(k));
    return best;
  }

  // ---- stabilization -------------------------------------------------------------------------

  #getNeighbours(m: ChordGetNeighbours): void {
    this.#considerPredecessor(m.sender);
    // A node alone takes the first to find it as its successor too.
    if (this.#successors.length === 0 && this.#usable(m.sender)) this.#successors = [m.sender];
    this.#send(
      new ChordNeighbours(this.self.address, m.source, this.self, this.#predecessor, [...this.#successors]),
    );
    this.#publish();
  }

  #neighbours(m: ChordNeighbours): void {
    const successor = this.#successors[0];
    if (successor === undefined || !successor.address.equals(m.source)) return; // stale
    const candidates = [m.sender, ...m.successors];
    const p = m.predecessor;
    if (p !== undefined && between(p.id, this.self.id, m.sender.id)) candidates.push(p);
    this.#successors = this.#list(candidates);
    if (this.#successors.length === 0) this.#repairSuccessor();
    this.#publish();
    const now = this.#successors[0];
    if (now !== undefined && !now.equals(successor)) this.#stabilize();
  }

  #considerPredecessor(node: RingNode): boolean {
    if (!this.#usable(node) || node.equals(this.self)) return false;
    const p = this.#predecessor;
    if (p !== undefined && (p.equals(node) || !between(node.id, p.id, this.self.id))) return false;
    this.#predecessor = node;
    return true;
  }

  #considerSuccessor(node: RingNode): boolean {
    const before = this.#successors[0];
    this.#successors = this.#list([node, ...this.#successors]);
    const after = this.#successors[0];
    return !sameNode(before, after);
  }

  /** With no successor left, the closest live node known clockwise takes its place. */
  #repairSuccessor(): void {
    const known = [...this.#fingers.nodes()];
    if (this.#predecessor !== undefined) known.push(this.#predecessor);
    this.#successors = this.#list(known);
  }

  // ---- leaves and failures -------------------------------------------------------------------

  #successorLeft(m: ChordSuccessorLeaving): void {
    this.#forget(m.leaver);
    this.#successors = this.#list([...this.#successors, ...m.successors]);
    if (this.#successors.length === 0) this.#repairSuccessor();
    this.#publish();
    this.#stabilize();
  }

  #predecessorLeft(m: ChordPredecessorLeaving): void {
    const wasPredecessor = this.#predecessor?.equals(m.leaver) === true;
    this.#forget(m.leaver);
    if (wasPredecessor && m.predecessor !== undefined) this.#considerPredecessor(m.predecessor);
    if (this.#successors.length === 0) this.#repairSuccessor();
    this.#publish();
  }

  #suspect(address: Address): void {
    if (this.#phase !== 'joined') return;
    const node =
      this.#successors.find((n) => n.address.equals(address)) ??
      (this.#predecessor?.address.equals(address) === true ? this.#predecessor : undefined);
    if (node === undefined) return;
    this.counters.suspicions++;
    const successor = this.#successors[0];
    this.#forget(node);
    if (this.#successors.length === 0) this.#repairSuccessor();
    this.#publish();
    if (!sameNode(successor, this.#successors[0])) this.#stabilize();
  }

  #restore(address: Address): void {
    const entry = this.#suspected.take(address.key);
    if (entry !== undefined && this.#phase === 'joined') this.#startMerge(entry.node);
  }

  /** Drops `node` from every pointer and remembers it as suspected (for ring unification). */
  #forget(node: RingNode): void {
    const key = node.address.key;
    this.#successors = this.#successors.filter((n) => n.address.key !== key);
    if (this.#predecessor?.address.key === key) this.#predecessor = undefined;
    this.#fingers.remove(key);
    this.#suspected.add(node, this.context.clock.now());
  }

  // ---- ring unification ----------------------------------------------------------------------

  #probeSuspected(): void {
    if (this.#phase !== 'joined') return;
    this.#suspected.expire(this.context.clock.now());
    for (const { node } of this.#suspected.entries()) {
      this.#send(new ChordProbe(this.self.address, node.address, this.#nextNonce++));
    }
  }

  #probeAnswered(m: ChordProbeAck): void {
    if (this.#suspected.take(m.source.key) === undefined) return;
    this.counters.probesAnswered++;
    this.#startMerge(m.node);
  }

  /** `q` is alive and may be in another ring: each looks the other up in its own ring. */
  #startMerge(q: RingNode): void {
    if (this.options.unification === 'off' || q.address.equals(this.self.address)) return;
    this.counters.mergesStarted++;
    this.#mlookup(q, 0);
    this.#send(new ChordMLookup(this.self.address, q.address, this.self, 0));
  }

  /** `mlookup(id)`: finds where `id` sits in this node's ring and tells it its neighbours there. */
  #mlookup(id: RingNode, hops: number): void {
    if (id.address.equals(this.self.address)) return;
    const successor = this.#successors[0];
    const predecessor = this.#predecessor;
    if (successor === undefined) {
      this.#send(new ChordTryMerge(this.self.address, id.address, this.self, this.self));
      return;
    }
    if (successor.equals(id) || predecessor?.equals(id) === true) return;
    if (between(id.id, this.self.id, successor.id)) {
      this.#send(new ChordTryMerge(this.self.address, id.address, this.self, successor));
    } else if (predecessor !== undefined && between(id.id, predecessor.id, this.self.id)) {
      this.#send(new ChordTryMerge(this.self.address, id.address, predecessor, this.self));
    } else if (hops < MAX_HOPS) {
      const next = this.#closestPreceding(id.id) ?? successor;
      this.#send(new ChordMLookup(this.self.address, next.address, id, hops + 1));
    }
  }

  /**
   * `trymerge(cpred, csucc)`: adopt closer neighbours from another ring, and zip on. Only news
   * moves the zipper: candidates no closer than what this node has are dropped, which ends the
   * echoes every step sends back.
   */
  #tryMerge(m: ChordTryMerge): void {
    const { candidatePredecessor: cpred, candidateSuccessor: csucc } = m;
    const successor = this.#successors[0];
    const predecessor = this.#predecessor;
    const successorBetter =
      !csucc.equals(this.self) &&
      this.#usable(csucc) &&
      (successor === undefined || between(csucc.id, this.self.id, successor.id));
    const predecessorBetter =
      !cpred.equals(this.self) &&
      this.#usable(cpred) &&
      (predecessor === undefined || between(cpred.id, predecessor.id, this.self.id));
    if (!successorBetter && !predecessorBetter) return;
    // Tell the candidates where they sit in this ring, by the pointers from before the merge:
    // that is the next step of the zipper.
    this.#mlookup(csucc, 0);
    this.#mlookup(cpred, 0);
    if (successorBetter) this.#considerSuccessor(csucc);
    if (predecessorBetter) this.#considerPredecessor(cpred);
    this.counters.merges++;
    this.#gossip(successorBetter ? csucc : cpred);
    this.#publish();
    if (!sameNode(successor, this.#successors[0])) this.#stabilize();
  }

  /**
   * The gossip variant: a node that just merged asks a node of the other ring (`other`) to
   * place a few random nodes of this ring, each of which then merges (and gossips) in turn, so
   * merging spreads from many points at once.
   */
  #gossip(other: RingNode): void {
    if (this.options.unification !== 'gossip' || other.equals(this.self)) return;
    const now = this.context.clock.now();
    if (now - this.#lastGossip < this.options.gossipCooldownMs) return;
    this.#lastGossip = now;
    const known = this.#list([...this.#fingers.nodes(), ...this.#successors]).filter((n) => !n.equals(other));
    for (let i = 0; i < this.options.gossipFanout && known.length > 0; i++) {
      const [r] = known.splice(this.context.random.nextInt(known.length), 1) as [RingNode];
      this.counters.gossips++;
      this.#send(new ChordMLookup(this.self.address, other.address, r, 0));
    }
  }

  // ---- helpers -------------------------------------------------------------------------------

  #list(candidates: Iterable<RingNode>): RingNode[] {
    return successorList(this.self, candidates, this.options.successorListLength, (n) => this.#usable(n));
  }

  /** A node may be adopted unless this node suspects it (and has not heard from it since). */
  #usable(node: RingNode): boolean {
    return !this.#suspected.has(node.address.key);
  }

  #mine(m: { readonly destination: Address }): boolean {
    return m.destination.equals(this.self.address);
  }

  #joined(): boolean {
    return this.#phase === 'joined';
  }

  #send(
    m:
      | ChordFindSuccessor
      | ChordFoundSuccessor
      | ChordGetNeighbours
      | ChordNeighbours
      | ChordSuccessorLeaving
      | ChordPredecessorLeaving
      | ChordProbe
      | ChordMLookup
      | ChordTryMerge,
  ): void {
    this.trigger(m, this.net);
  }

  /** Tells the ring's users what changed, and has the failure detector watch the new neighbours. */
  #publish(): void {
    if (this.#phase !== 'joined') return;
    if (!sameNode(this.#publishedPredecessor, this.#predecessor)) {
      this.#publishedPredecessor = this.#predecessor;
      this.trigger(new NewPredecessor(this.#predecessor), this.ring);
    }
    if (!sameNodes(this.#publishedSuccessors, this.#successors)) {
      this.#publishedSuccessors = [...this.#successors];
      this.trigger(new NewSuccessorList(this.#publishedSuccessors), this.ring);
      // Push the new list to the predecessor at once rather than at its next round, so a change
      // travels the L nodes that list it at network speed.
      const p = this.#predecessor;
      if (p !== undefined)
        this.#send(
          new ChordNeighbours(this.self.address, p.address, this.self, p, this.#publishedSuccessors),
        );
    }
    const wanted = new Map<string, Address>();
    if (this.#predecessor !== undefined) wanted.set(this.#predecessor.address.key, this.#predecessor.address);
    for (const node of this.#successors.slice(0, this.options.monitoredSuccessors))
      wanted.set(node.address.key, node.address);
    for (const [key, address] of this.#monitored) {
      if (!wanted.has(key)) {
        this.#monitored.delete(key);
        this.trigger(new StopMonitoring(address, this.#requester), this.fd);
      }
    }
    for (const [key, address] of wanted) {
      if (!this.#monitored.has(key)) {
        this.#monitored.set(key, address);
        this.trigger(new StartMonitoring(address, this.#requester), this.fd);
      }
    }
  }
}

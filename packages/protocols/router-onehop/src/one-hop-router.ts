import { Broadcast, BroadcastPort, Deliver } from '@kompics/broadcast';
import { FailureDetector, StartMonitoring, StopMonitoring, Suspect } from '@kompics/failure-detector';
import { ComponentDefinition, Kill, Start, Stop } from '@kompics/kernel';
import { type Address, Network } from '@kompics/network';
import {
  LeaveOverlay,
  Lookup,
  LookupResponse,
  MemberTable,
  MemberTableQuery,
  OverlayRouter,
  replicaGroup,
} from '@kompics/overlay-router';
import { PeerSampling, Sample, SampleRequest } from '@kompics/peer-sampling';
import { inArc, NewPredecessor, NewSuccessorList, Ring, RingJoined, RingNode } from '@kompics/ring';
import { CancelPeriodicTimeout, SchedulePeriodicTimeout, Timeout, Timer } from '@kompics/timer';
import { Membership } from './membership.js';
import { TableDigest, TableState, type WireRecord } from './messages.js';
import { type OneHopRouterOptions, type ResolvedRouterOptions, resolveRouterOptions } from './options.js';
import { MemberFailed, MemberJoined, MemberLeft } from './payloads.js';

/** Ring nodes computed from addresses that are remembered, at most. */
const MAX_REMEMBERED_IDS = 10_000;

/** The router's anti-entropy and housekeeping tick. */
class AntiEntropyRound extends Timeout {}

/** Counters of one router, for tests and benchmarks. */
export interface RouterStats {
  lookups: number;
  /** Joins, leaves and failures this node broadcast. */
  announced: number;
  /** Times this node refuted news of its own death. */
  refuted: number;
  digestsSent: number;
  tablesSent: number;
  recordsSent: number;
}

/**
 * One-hop routing (after Gupta, Liskov and Rodrigues, One Hop Lookups for Peer-to-Peer Overlays,
 * 2003): every node keeps a table of all members, sorted by ring id, and answers a
 * {@link Lookup} locally — the responsible node is the first member at or after the key's hash,
 * wrapping — so a request reaches its replicas in one hop.
 *
 * The table is eventually consistent, fed by:
 * - **announcements**, broadcast (epidemic) with an incarnation: a node announces itself with
 *   its clock when it joins the ring ({@link MemberJoined}); a node announces a failure
 *   ({@link MemberFailed}, with its own clock) when its failure detector suspects one of its
 *   table neighbours, or when a node drops out of its ring successor list within the list's
 *   span; a leaving node announces {@link MemberLeft}. Higher incarnations win; at equal ones,
 *   death wins. A live node that hears of its own death refutes it by announcing itself with a
 *   higher incarnation, so a false suspicion costs messages, not membership; a node that
 *   restarts joins with a newer incarnation and is re-added.
 * - **anti-entropy**: every period a node sends the digest of its confirmed members to a random
 *   peer; when digests differ, the tables (with tombstones) are exchanged and merged, so news a
 *   broadcast missed still arrives.
 * - **peer sampling and the ring**: addresses heard of there (ring id `nodeId(address)`) are
 *   added unconfirmed until an announcement confirms them, and dropped after
 *   `unconfirmedTtlMs` otherwise.
 *
 * A stale table sends a request to the wrong node, which refuses or does not answer; the caller
 * retries after the table has caught up. It never costs correctness: the data layer checks.
 */
export class OneHopRouter extends ComponentDefinition {
  readonly router = this.provides(OverlayRouter);
  readonly net = this.requires(Network);
  readonly timer = this.requires(Timer);
  readonly sampling = this.requires(PeerSampling);
  readonly ring = this.requires(Ring);
  readonly fd = this.requires(FailureDetector);
  readonly broadcast = this.requires(BroadcastPort);
  readonly options: ResolvedRouterOptions;
  readonly membership: Membership;
  readonly stats: RouterStats = {
    lookups: 0,
    announced: 0,
    refuted: 0,
    digestsSent: 0,
    tablesSent: 0,
    recordsSent: 0,
  };
  readonly #self: RingNode;
  readonly #requester: string;
  readonly #monitored = new Map<string, Address>();
  readonly #ids = new Map<string, RingNode>();
  #incarnation = 0;
  #joined = false;
  #leaving = false;
  #samplePeers: readonly Address[] = [];
  #successors: readonly RingNode[] = [];
  #roundId: string | undefined;

  constructor(options: OneHopRouterOptions) {
    super();
    this.options = resolveRouterOptions(options);
    this.#self = new RingNode(this.options.nodeId(this.options.self), this.options.self);
    this.#requester = `one-hop-router@${this.options.self.key}`;
    this.membership = new Membership(this.#self, this.#now());

    this.subscribe(this.control, Start, () => {
      this.#roundId = this.context.ids.next();
      const period = this.options.antiEntropyPeriodMs;
      this.trigger(
        new SchedulePeriodicTimeout(period, period, new AntiEntropyRound(this.#roundId)),
        this.timer,
      );
      this.trigger(new SampleRequest(10), this.sampling);
    });
    this.subscribe(this.control, Stop, () => this.#stopRounds());
    this.subscribe(this.control, Kill, () => this.#stopRounds());
    this.subscribe(this.timer, AntiEntropyRound, (t) => {
      if (t.timeoutId === this.#roundId) this.#round();
    });

    this.subscribe(this.router, Lookup, (l) => this.#lookup(l));
    this.subscribe(this.router, MemberTableQuery, () =>
      this.trigger(new MemberTable([...this.membership.sorted()]), this.router),
    );
    this.subscribe(this.router, LeaveOverlay, () => this.#leave());

    this.subscribe(this.ring, RingJoined, () => this.#joinedRing());
    this.subscribe(this.ring, NewPredecessor, (p) => {
      if (p.predecessor !== undefined) this.#hear(p.predecessor);
    });
    this.subscribe(this.ring, NewSuccessorList, (s) => this.#newSuccessors(s.successors));
    this.subscribe(this.sampling, Sample, (s) => {
      this.#samplePeers = s.peers.filter((p) => !p.equals(this.options.self));
      for (const peer of this.#samplePeers) this.#hear(this.#ringNodeOf(peer));
    });
    this.subscribe(this.fd, Suspect, (s) => this.#declareFailed(s.node));
    this.subscribe(this.broadcast, Deliver, (d) => this.#deliver(d));
    this.subscribe(this.net, TableDigest, (m) => this.#digestReceived(m));
    this.subscribe(this.net, TableState, (m) => this.#stateReceived(m));
  }

  /** This node on the ring. */
  get self(): RingNode {
    return this.#self;
  }

  /** This node's current incarnation (0 until it has joined the ring). */
  get incarnation(): number {
    return this.#incarnation;
  }

  /** The replication group of `keyHash` as this node believes it now (what a Lookup answers). */
  lookup(keyHash: number, replicationDegree: number): RingNode[] {
    return replicaGroup(this.membership.sorted(), keyHash, replicationDegree);
  }

  /** Addresses the router is watching with the failure detector. */
  monitored(): string[] {
    return [...this.#monitored.keys()];
  }

  /** The ring node at `address` by the `nodeId` rule, remembered (hashing is not free). */
  #ringNodeOf(address: Address): RingNode {
    let node = this.#ids.get(address.key);
    if (node === undefined) {
      node = new RingNode(this.options.nodeId(address), address);
      if (this.#ids.size >= MAX_REMEMBERED_IDS) this.#ids.clear();
      this.#ids.set(address.key, node);
    }
    return node;
  }

  #now(): number {
    return Math.floor(this.context.clock.now());
  }

  #stopRounds(): void {
    if (this.#roundId !== undefined) this.trigger(new CancelPeriodicTimeout(this.#roundId), this.timer);
    this.#roundId = undefined;
  }

  #lookup(request: Lookup): void {
    this.stats.lookups++;
    const [responsible, ...successors] = this.lookup(request.keyHash, request.replicationDegree);
    // The table always holds this node, so there is always a responsible node.
    this.trigger(
      new LookupResponse(request.requestId, request.keyHash, responsible as RingNode, successors),
      this.router,
    );
  }

  // ---- news --------------------------------------------------------------------------------

  #joinedRing(): void {
    if (this.#leaving) return;
    if (!this.#joined) {
      this.#joined = true;
      this.#incarnation = Math.max(1, this.#now(), this.#incarnation);
      this.membership.setSelfIncarnation(this.#incarnation, this.#now());
      this.#changed();
    }
    this.#announce(new MemberJoined(this.#self, this.#incarnation));
  }

  #leave(): void {
    if (this.#leaving) return;
    this.#leaving = true;
    this.#stopRounds();
    if (this.#joined) this.#announce(new MemberLeft(this.#self, Math.max(this.#now(), this.#incarnation)));
  }

  #hear(node: RingNode): void {
    if (node.address.equals(this.options.self)) return;
    if (this.membership.hear(node, this.#now()) !== 'none') this.#changed();
  }

  #declareFailed(address: Address): void {
    const record = this.membership.get(address);
    if (record === undefined || !record.alive || address.equals(this.options.self)) return;
    const incarnation = Math.max(this.#now(), record.incarnation);
    this.membership.apply(record.node, incarnation, false, this.#now());
    this.#changed();
    this.#announce(new MemberFailed(record.node, incarnation));
  }

  #newSuccessors(successors: readonly RingNode[]): void {
    const last = successors.at(-1);
    if (this.options.failuresFromRing && last !== undefined && !last.address.equals(this.options.self)) {
      for (const old of this.#successors) {
        if (successors.some((n) => n.address.equals(old.address))) continue;
        // Still within the span of the list, so it would be listed if it were up.
        if (inArc(old.id, this.#self.id, last.id)) this.#declareFailed(old.address);
      }
    }
    this.#successors = successors;
    for (const node of successors) this.#hear(node);
  }

  #deliver(delivery: Deliver): void {
    const news = delivery.payload;
    if (news instanceof MemberJoined) this.#news(news.node, news.incarnation, true, 0);
    else if (news instanceof MemberFailed || news instanceof MemberLeft)
      this.#news(news.node, news.incarnation, false, 0);
  }

  #news(node: RingNode, incarnation: number, alive: boolean, age: number): void {
    if (this.#merge(node, incarnation, alive, age)) this.#changed();
  }

  /** Applies news to the table (or refutes news of this node); whether the live members changed. */
  #merge(node: RingNode, incarnation: number, alive: boolean, age: number): boolean {
    if (node.address.equals(this.options.self)) {
      this.#aboutSelf(incarnation, alive);
      return false;
    }
    return this.membership.apply(node, incarnation, alive, this.#now(), age) !== 'none';
  }

  /** News of this node's own death (or of a newer self) is refuted with a higher incarnation. */
  #aboutSelf(incarnation: number, alive: boolean): void {
    if (!this.#joined || this.#leaving) return;
    const stale = alive ? incarnation <= this.#incarnation : incarnation < this.#incarnation;
    if (stale) return;
    this.#incarnation = Math.max(this.#now(), incarnation + 1);
    this.membership.setSelfIncarnation(this.#incarnation, this.#now());
    this.stats.refuted++;
    this.#announce(new MemberJoined(this.#self, this.#incarnation));
  }

  #announce(news: MemberJoined | MemberLeft | MemberFailed): void {
    this.stats.announced++;
    this.trigger(new Broadcast(news), this.broadcast);
  }

  /** After the live members changed: watch the (possibly new) table neighbours. */
  #changed(): void {
    if (!this.#joined || this.#leaving) return;
    const want = new Map<string, Address>();
    for (const n of this.membership.neighbours(this.options.monitorNeighbours))
      want.set(n.address.key, n.address);
    for (const [key, address] of this.#monitored) {
      if (want.has(key)) continue;
      this.#monitored.delete(key);
      this.trigger(new StopMonitoring(address, this.#requester), this.fd);
    }
    for (const [key, address] of want) {
      if (this.#monitored.has(key)) continue;
      this.#monitored.set(key, address);
      this.trigger(new StartMonitoring(address, this.#requester), this.fd);
    }
  }

  // ---- anti-entropy ------------------------------------------------------------------------

  #round(): void {
    const now = this.#now();
    if (this.membership.expire(now, this.options.unconfirmedTtlMs, this.options.tombstoneMs)) this.#changed();
    if (this.#leaving) return;
    const peer = this.#randomPeer();
    if (peer === undefined) return;
    this.stats.digestsSent++;
    this.trigger(new TableDigest(this.options.self, peer, this.membership.digest()), this.net);
  }

  /** A random peer from the latest sample, or else from the table. */
  #randomPeer(): Address | undefined {
    if (this.#samplePeers.length > 0)
      return this.#samplePeers[this.context.random.nextInt(this.#samplePeers.length)];
    const others = this.membership.sorted().filter((n) => !n.address.equals(this.options.self));
    if (others.length === 0) return undefined; // alone: nobody to compare tables with
    return others[this.context.random.nextInt(others.length)]?.address;
  }

  #digestReceived(message: TableDigest): void {
    if (!message.destination.equals(this.options.self) || this.#leaving) return;
    if (message.digest !== this.membership.digest()) this.#sendTable(message.source, true);
  }

  #stateReceived(message: TableState): void {
    if (!message.destination.equals(this.options.self) || this.#leaving) return;
    let changed = false;
    for (const r of message.records) changed = this.#merge(r.node, r.incarnation, r.alive, r.age) || changed;
    if (changed) this.#changed();
    if (message.reply && message.digest !== this.membership.digest()) this.#sendTable(message.source, false);
  }

  #sendTable(to: Address, reply: boolean): void {
    const now = this.#now();
    const records: WireRecord[] = [];
    for (const r of this.membership.records()) {
      // Unconfirmed members and local expiries are hearsay: only announced news travels.
      if (r.incarnation > 0)
        records.push({ node: r.node, incarnation: r.incarnation, alive: r.alive, age: now - r.since });
    }
    this.stats.tablesSent++;
    this.stats.recordsSent += records.length;
    this.trigger(new TableState(this.options.self, to, this.membership.digest(), reply, records), this.net);
  }
}

import { ComponentDefinition, Kill, Start, Stop } from '@kompics/kernel';
import { type Address, Network } from '@kompics/network';
import { CancelPeriodicTimeout, SchedulePeriodicTimeout, Timeout, Timer } from '@kompics/timer';
import { GetPeers, KeepAlive, PeersReply } from './messages.js';

class EvictionRound extends Timeout {}

/** Settings of a {@link BootstrapServer}. Times in milliseconds. */
export interface BootstrapServerOptions {
  readonly self: Address;
  /** A node silent this long is forgotten. Default 3000. */
  readonly evictAfterMs?: number;
  /** How often silent nodes are looked for. Default 1000. */
  readonly checkPeriodMs?: number;
  /** Most peers in one reply. Default 50. */
  readonly maxPeersPerReply?: number;
  /**
   * After the server starts, how long it names no founder (it leaves requests unanswered, so
   * clients retry) while no node is live: the keep-alives of a cluster that outlived a server
   * restart arrive within this. Default `evictAfterMs`.
   */
  readonly foundingGraceMs?: number;
}

/** A node the server believes live, and when it last heard of it (its clock, ms). */
export interface LiveNode {
  readonly address: Address;
  readonly lastSeenMs: number;
}

/**
 * The bootstrap server: remembers the nodes that send keep-alives, forgets those that fall
 * silent, and answers each request with a random choice of the live ones.
 *
 * **One founder.** While no node is live, exactly one requester is told it is the first (an
 * empty reply): from that moment it counts as live, so later requesters are handed the founder
 * (and evicted with it if it falls silent, after which the next requester founds). During the
 * founding grace after the server starts, no founder is named (requests wait for live nodes),
 * so a restarted server does not found a second cluster while the old one's keep-alives are on
 * their way.
 */
export class BootstrapServer extends ComponentDefinition {
  readonly net = this.requires(Network);
  readonly timer = this.requires(Timer);
  readonly self: Address;
  readonly #evictAfter: number;
  readonly #checkPeriod: number;
  readonly #maxPeers: number;
  readonly #grace: number;
  #graceUntil = Number.POSITIVE_INFINITY;
  readonly #lastSeen = new Map<string, { address: Address; at: number }>();
  #roundId: string | undefined;

  constructor(options: BootstrapServerOptions) {
    super();
    if (options?.self === undefined) throw new TypeError('BootstrapServer needs its own address (self)');
    this.self = options.self;
    this.#evictAfter = options.evictAfterMs ?? 3000;
    this.#checkPeriod = options.checkPeriodMs ?? 1000;
    this.#maxPeers = options.maxPeersPerReply ?? 50;
    this.#grace = options.foundingGraceMs ?? this.#evictAfter;
    if (!Number.isFinite(this.#grace) || this.#grace < 0)
      throw new RangeError(`foundingGraceMs must be >= 0, got ${this.#grace}`);
    for (const [name, v] of [
      ['evictAfterMs', this.#evictAfter],
      ['checkPeriodMs', this.#checkPeriod],
      ['maxPeersPerReply', this.#maxPeers],
    ] as const) {
      if (!Number.isFinite(v) || v <= 0) throw new RangeError(`${name} must be positive, got ${v}`);
    }
    this.subscribe(this.control, Start, () => {
      this.#graceUntil = this.context.clock.now() + this.#grace;
      this.#roundId = this.context.ids.next();
      const p = this.#checkPeriod;
      this.trigger(new SchedulePeriodicTimeout(p, p, new EvictionRound(this.#roundId)), this.timer);
    });
    const stop = () => {
      if (this.#roundId !== undefined) this.trigger(new CancelPeriodicTimeout(this.#roundId), this.timer);
      this.#roundId = undefined;
    };
    this.subscribe(this.control, Stop, stop);
    this.subscribe(this.control, Kill, stop);
    this.subscribe(this.timer, EvictionRound, (t) => {
      if (t.timeoutId === this.#roundId) this.#evict();
    });
    this.subscribe(this.net, KeepAlive, (k) => {
      if (k.destination.equals(this.self))
        this.#lastSeen.set(k.source.key, { address: k.source, at: this.context.clock.now() });
    });
    this.subscribe(this.net, GetPeers, (g) => this.#answer(g));
  }

  /** The keys of the nodes considered live now, sorted. */
  live(): string[] {
    return [...this.#lastSeen.keys()].sort();
  }

  /** The nodes considered live now with when each was last heard of, sorted by key. */
  liveNodes(): LiveNode[] {
    return [...this.#lastSeen.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, e]) => ({ address: e.address, lastSeenMs: e.at }));
  }

  /** The node last told it founds the system, while it counts as live. */
  get founder(): Address | undefined {
    return this.#founder !== undefined && this.#lastSeen.has(this.#founder.key) ? this.#founder : undefined;
  }

  #founder: Address | undefined;

  #answer(request: GetPeers): void {
    if (!request.destination.equals(this.self)) return;
    const candidates = [...this.#lastSeen.values()]
      .map((e) => e.address)
      .filter((a) => !a.equals(request.source));
    if (candidates.length === 0 && !this.#lastSeen.has(request.source.key)) {
      // Nobody live: found the system with this requester, unless still in the grace period.
      if (this.context.clock.now() < this.#graceUntil) return;
      this.#founder = request.source;
      this.#lastSeen.set(request.source.key, { address: request.source, at: this.context.clock.now() });
    }
    const count = Math.min(request.count, this.#maxPeers, candidates.length);
    for (let i = 0; i < count; i++) {
      const j = i + this.context.random.nextInt(candidates.length - i);
      [candidates[i], candidates[j]] = [candidates[j] as Address, candidates[i] as Address];
    }
    this.trigger(new PeersReply(this.self, request.source, candidates.slice(0, count)), this.net);
  }

  #evict(): void {
    const now = this.context.clock.now();
    for (const [key, entry] of this.#lastSeen)
      if (now - entry.at > this.#evictAfter) this.#lastSeen.delete(key);
  }
}

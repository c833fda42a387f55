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
}

/**
 * The bootstrap server: remembers the nodes that send keep-alives, forgets those that fall
 * silent, and answers each request with a random choice of the live ones.
 */
export class BootstrapServer extends ComponentDefinition {
  readonly net = this.requires(Network);
  readonly timer = this.requires(Timer);
  readonly self: Address;
  readonly #evictAfter: number;
  readonly #checkPeriod: number;
  readonly #maxPeers: number;
  readonly #lastSeen = new Map<string, { address: Address; at: number }>();
  #roundId: string | undefined;

  constructor(options: BootstrapServerOptions) {
    super();
    if (options?.self === undefined) throw new TypeError('BootstrapServer needs its own address (self)');
    this.self = options.self;
    this.#evictAfter = options.evictAfterMs ?? 3000;
    this.#checkPeriod = options.checkPeriodMs ?? 1000;
    this.#maxPeers = options.maxPeersPerReply ?? 50;
    for (const [name, v] of [
      ['evictAfterMs', this.#evictAfter],
      ['checkPeriodMs', this.#checkPeriod],
      ['maxPeersPerReply', this.#maxPeers],
    ] as const) {
      if (!Number.isFinite(v) || v <= 0) throw new RangeError(`${name} must be positive, got ${v}`);
    }
    this.subscribe(this.control, Start, () => {
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

  /** The nodes considered live now, sorted by key. */
  live(): string[] {
    return [...this.#lastSeen.keys()].sort();
  }

  #answer(request: GetPeers): void {
    if (!request.destination.equals(this.self)) return;
    const candidates = [...this.#lastSeen.values()]
      .map((e) => e.address)
      .filter((a) => !a.equals(request.source));
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

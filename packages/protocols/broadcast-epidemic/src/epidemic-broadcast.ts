import { Broadcast, BroadcastPort, Deliver } from '@kompics/broadcast';
import { ComponentDefinition, Start } from '@kompics/kernel';
import { type Address, Network } from '@kompics/network';
import { PeerSampling, Sample, SampleRequest } from '@kompics/peer-sampling';
import { EpidemicGossip } from './messages.js';
import {
  type EpidemicBroadcastOptions,
  type ResolvedEpidemicOptions,
  resolveEpidemicOptions,
} from './options.js';
import { PeerPool } from './peer-pool.js';
import { SeenSet } from './seen-set.js';

/** Own broadcasts held while no peer is known yet; more are sent to nobody. */
const MAX_WAITING = 1024;

/** Counters of one node's epidemic broadcast, for tests and benchmarks. */
export interface EpidemicStats {
  /** Broadcasts this node originated. */
  broadcast: number;
  /** Payloads delivered here (own broadcasts included). */
  delivered: number;
  /** Gossip messages this node sent. */
  sent: number;
  /** Gossip messages that arrived with an id already delivered. */
  duplicates: number;
}

/**
 * Epidemic (gossip) broadcast, infect and die: the origin delivers its payload and sends it to
 * `fanout` random peers; a node receiving an id for the first time delivers it and, unless it
 * has travelled `maxHops` hops, forwards it once to `fanout` random peers other than its sender
 * and the origin; later copies are dropped by id. Peers come from peer sampling (the latest
 * sample; a broadcast made before the first sample waits for it). Best effort: with `fanout ≈ ln(n) + c` every live node delivers with probability about
 * `e^-e^-c`, in `O(log n)` hops; there is no retransmission (protocols that need every node to
 * converge add their own anti-entropy, as the one-hop router does).
 *
 * Provides {@link BroadcastPort}; requires {@link Network} and {@link PeerSampling}.
 */
export class EpidemicBroadcast extends ComponentDefinition {
  readonly broadcast = this.provides(BroadcastPort);
  readonly net = this.requires(Network);
  readonly sampling = this.requires(PeerSampling);
  readonly options: ResolvedEpidemicOptions;
  readonly stats: EpidemicStats = { broadcast: 0, delivered: 0, sent: 0, duplicates: 0 };
  readonly #seen: SeenSet;
  readonly #pool: PeerPool;
  /** Prefix making this incarnation's ids unique across restarts: its start time. */
  readonly #epoch: string;
  /** Own broadcasts made before the first sample arrived: sent when it does. */
  #waiting: { id: string; payload: Broadcast['payload'] }[] = [];

  constructor(options: EpidemicBroadcastOptions) {
    super();
    this.options = resolveEpidemicOptions(options);
    this.#seen = new SeenSet(this.options.seenRetentionMs);
    this.#pool = new PeerPool(this.options.self, this.context.random);
    this.#epoch = Math.floor(this.context.clock.now()).toString(36);
    this.subscribe(this.control, Start, () =>
      this.trigger(new SampleRequest(this.options.sampleSize), this.sampling),
    );
    this.subscribe(this.sampling, Sample, (s) => {
      if (s.peers.length === 0) return;
      this.#pool.replace(s.peers);
      const waiting = this.#waiting;
      this.#waiting = [];
      for (const w of waiting) this.#forward(this.options.self, w.id, 0, w.payload, []);
    });
    this.subscribe(this.broadcast, Broadcast, (b) => this.#originate(b));
    this.subscribe(this.net, EpidemicGossip, (g) => this.#receive(g));
  }

  /** The peers gossip goes to now. */
  peers(): readonly Address[] {
    return this.#pool.peers;
  }

  #originate(request: Broadcast): void {
    const self = this.options.self;
    const id = `${this.#epoch}.${this.context.ids.next()}`;
    this.stats.broadcast++;
    this.#seen.add(`${self.key}|${id}`, this.context.clock.now());
    this.stats.delivered++;
    this.trigger(new Deliver(request.payload, self, id, 0), this.broadcast);
    if (this.#pool.peers.length === 0 && this.#waiting.length < MAX_WAITING) {
      this.#waiting.push({ id, payload: request.payload });
      return;
    }
    this.#forward(self, id, 0, request.payload, []);
  }

  #receive(gossip: EpidemicGossip): void {
    const self = this.options.self;
    if (!gossip.destination.equals(self)) return;
    const hops = gossip.hops + 1;
    if (!this.#seen.add(`${gossip.origin.key}|${gossip.id}`, this.context.clock.now())) {
      this.stats.duplicates++;
      return;
    }
    this.stats.delivered++;
    this.trigger(new Deliver(gossip.payload, gossip.origin, gossip.id, hops), this.broadcast);
    if (hops < this.options.maxHops) {
      this.#forward(gossip.origin, gossip.id, hops, gossip.payload, [gossip.source, gossip.origin]);
    }
  }

  #forward(origin: Address, id: string, hops: number, payload: Broadcast['payload'], exclude: Address[]) {
    const self = this.options.self;
    for (const peer of this.#pool.choose(this.options.fanout, exclude)) {
      this.stats.sent++;
      this.trigger(new EpidemicGossip(self, peer, origin, id, hops, payload), this.net);
    }
  }
}

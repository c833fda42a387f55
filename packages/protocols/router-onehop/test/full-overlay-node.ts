// A simulated CATS-like node with the real overlay stack: the Chord ring (`@kompics/ring-chord`)
// and the one-hop router over one ping failure detector, Cyclon peer sampling and the epidemic
// broadcast; a small driver enters the ring through known nodes, as a CATS node does on boot.
import { BroadcastPayloadRegistry, BroadcastPort } from '@kompics/broadcast';
import { EpidemicBroadcast, registerEpidemicBroadcastCodecs } from '@kompics/broadcast-epidemic';
import { FailureDetector } from '@kompics/failure-detector';
import { PingFailureDetector, registerFailureDetectorCodecs } from '@kompics/failure-detector-ping';
import { type Child, ComponentDefinition, Start } from '@kompics/kernel';
import { type Address, CodecRegistry, Network } from '@kompics/network';
import { OverlayRouter } from '@kompics/overlay-router';
import { PeerSampling } from '@kompics/peer-sampling';
import { Cyclon, registerCyclonCodecs } from '@kompics/peer-sampling-cyclon';
import { CreateRing, JoinRing, Ring, RingJoined } from '@kompics/ring';
import { ChordRing, type ChordRingOptions, registerRingChordCodecs } from '@kompics/ring-chord';
import { CancelPeriodicTimeout, SchedulePeriodicTimeout, Timeout, Timer } from '@kompics/timer';
import {
  OneHopRouter,
  type OneHopRouterOptions,
  registerOneHopRouterCodecs,
  registerRouterPayloads,
} from '../src/index.js';

/** Every codec of the stack, in one registry: Cyclon, detector, broadcast (with the router's news), router, ring. */
export function fullOverlayCodecs(): CodecRegistry {
  const registry = new CodecRegistry();
  registerCyclonCodecs(registry);
  registerFailureDetectorCodecs(registry);
  registerEpidemicBroadcastCodecs(registry, registerRouterPayloads(new BroadcastPayloadRegistry()));
  registerOneHopRouterCodecs(registry);
  registerRingChordCodecs(registry);
  return registry;
}

class Rebootstrap extends Timeout {}

/** Asks the bootstrap service for live nodes again (the tests read them off the simulation). */
export type Bootstrap = () => readonly Address[];

/**
 * Enters the ring on start: creates it with no known node, else joins through the known ones.
 * Like a CATS node asking its bootstrap server again, it joins through fresh live nodes if it
 * has not joined within `retryMs`: ring-chord retries only through the nodes it was given, and
 * under churn all of them may crash while the join lookups are lost on crashed fingers.
 */
export class RingEntry extends ComponentDefinition {
  readonly ring = this.requires(Ring);
  readonly timer = this.requires(Timer);
  rebootstraps = 0;
  #joined = false;
  #timer: string | undefined;
  constructor(via: readonly Address[], bootstrap?: Bootstrap, retryMs = 10_000) {
    super();
    this.subscribe(this.control, Start, () => {
      if (via.length === 0) {
        this.trigger(new CreateRing(), this.ring);
        return;
      }
      this.trigger(new JoinRing(via), this.ring);
      if (bootstrap === undefined) return;
      this.#timer = this.context.ids.next();
      this.trigger(new SchedulePeriodicTimeout(retryMs, retryMs, new Rebootstrap(this.#timer)), this.timer);
    });
    this.subscribe(this.ring, RingJoined, () => {
      this.#joined = true;
      if (this.#timer !== undefined) this.trigger(new CancelPeriodicTimeout(this.#timer), this.timer);
      this.#timer = undefined;
    });
    this.subscribe(this.timer, Rebootstrap, (t) => {
      if (this.#joined || t.timeoutId !== this.#timer || bootstrap === undefined) return;
      const fresh = bootstrap();
      if (fresh.length === 0) return;
      this.rebootstraps++;
      this.trigger(new JoinRing(fresh), this.ring);
    });
  }
}

export interface FullOverlayNodeOptions {
  readonly self: Address;
  /** Known live nodes (what a bootstrap server hands out): the ring is joined, and Cyclon seeded, through them. */
  readonly via: readonly Address[];
  /** Asked for fresh live nodes if the node has not joined the ring within 10 s. */
  readonly bootstrap?: Bootstrap;
  readonly chord?: Partial<Omit<ChordRingOptions, 'self'>>;
  readonly router?: Partial<Omit<OneHopRouterOptions, 'self'>>;
}

export class FullOverlayNode extends ComponentDefinition {
  readonly net = this.requires(Network);
  readonly timer = this.requires(Timer);
  readonly overlay = this.provides(OverlayRouter);
  readonly chord: Child<ChordRing>;
  readonly router: Child<OneHopRouter>;
  readonly epidemic: Child<EpidemicBroadcast>;
  readonly entry: Child<RingEntry>;

  constructor(options: FullOverlayNodeOptions) {
    super();
    const { self } = options;
    const fd = this.create(PingFailureDetector, { self, pingIntervalMs: 1000, minTimeoutMs: 1000 });
    const cyclon = this.create(Cyclon, { self, bootstrap: options.via, viewSize: 20, shuffleLength: 5 });
    this.epidemic = this.create(EpidemicBroadcast, { self });
    // Both default to ringHash(self.key) for the node's ring id; nothing is passed so they agree.
    this.chord = this.create(ChordRing, { ...options.chord, self });
    this.router = this.create(OneHopRouter, { ...options.router, self });
    this.entry = this.create(RingEntry, options.via, options.bootstrap);
    for (const child of [fd, cyclon, this.epidemic, this.chord, this.router])
      this.connect(this.net, child.required(Network));
    for (const child of [fd, cyclon, this.chord, this.router, this.entry])
      this.connect(this.timer, child.required(Timer));
    // One detector serves the ring and the router (it keeps a set of requesters per node).
    this.connect(fd.provided(FailureDetector), this.chord.required(FailureDetector));
    this.connect(fd.provided(FailureDetector), this.router.required(FailureDetector));
    this.connect(cyclon.provided(PeerSampling), this.epidemic.required(PeerSampling));
    this.connect(cyclon.provided(PeerSampling), this.router.required(PeerSampling));
    this.connect(this.epidemic.provided(BroadcastPort), this.router.required(BroadcastPort));
    this.connect(this.chord.provided(Ring), this.router.required(Ring));
    this.connect(this.chord.provided(Ring), this.entry.required(Ring));
    this.connect(this.router.provided(OverlayRouter), this.overlay);
  }
}

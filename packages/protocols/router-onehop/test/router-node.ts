// A simulated CATS-like node for the router's tests: Cyclon, the ping failure detector, the
// epidemic broadcast, the oracle ring and the one-hop router, wired as an app would wire them.
import { BroadcastPayloadRegistry, BroadcastPort } from '@kompics/broadcast';
import { EpidemicBroadcast, registerEpidemicBroadcastCodecs } from '@kompics/broadcast-epidemic';
import { FailureDetector } from '@kompics/failure-detector';
import { PingFailureDetector, registerFailureDetectorCodecs } from '@kompics/failure-detector-ping';
import { type Child, ComponentDefinition } from '@kompics/kernel';
import { type Address, CodecRegistry, Network } from '@kompics/network';
import { OverlayRouter } from '@kompics/overlay-router';
import { PeerSampling } from '@kompics/peer-sampling';
import { Cyclon, registerCyclonCodecs } from '@kompics/peer-sampling-cyclon';
import { Ring, RingNode, ringHash } from '@kompics/ring';
import { Timer } from '@kompics/timer';
import {
  OneHopRouter,
  type OneHopRouterOptions,
  registerOneHopRouterCodecs,
  registerRouterPayloads,
} from '../src/index.js';
import { OracleRing, type Truth } from './oracle-ring.js';

/** Every codec a router node needs: Cyclon, the detector, the broadcast (with the router's news) and the router. */
export function routerCodecs(): CodecRegistry {
  const registry = new CodecRegistry();
  registerCyclonCodecs(registry);
  registerFailureDetectorCodecs(registry);
  registerEpidemicBroadcastCodecs(registry, registerRouterPayloads(new BroadcastPayloadRegistry()));
  registerOneHopRouterCodecs(registry);
  return registry;
}

export const ringNodeOf = (address: Address) => new RingNode(ringHash(address.key), address);

export interface RouterNodeOptions {
  readonly self: Address;
  /** Known nodes to join through (what a bootstrap server hands out). */
  readonly bootstrap: readonly Address[];
  readonly truth: Truth;
  readonly router?: Partial<OneHopRouterOptions>;
  readonly fanout?: number;
  /** The failure detector's least timeout beyond the ping interval (1000 ms). Default 1000. */
  readonly fdTimeoutMs?: number;
}

export class RouterNode extends ComponentDefinition {
  readonly net = this.requires(Network);
  readonly timer = this.requires(Timer);
  readonly overlay = this.provides(OverlayRouter);
  readonly router: Child<OneHopRouter>;
  readonly epidemic: Child<EpidemicBroadcast>;

  constructor(options: RouterNodeOptions) {
    super();
    const { self } = options;
    const cyclon = this.create(Cyclon, {
      self,
      bootstrap: options.bootstrap,
      viewSize: 20,
      shuffleLength: 5,
    });
    const fd = this.create(PingFailureDetector, {
      self,
      pingIntervalMs: 1000,
      minTimeoutMs: options.fdTimeoutMs ?? 1000,
    });
    this.epidemic = this.create(EpidemicBroadcast, {
      self,
      ...(options.fanout === undefined ? {} : { fanout: options.fanout }),
    });
    const ring = this.create(OracleRing, ringNodeOf(self), options.truth);
    this.router = this.create(OneHopRouter, { ...options.router, self });
    for (const child of [cyclon, fd, this.epidemic, this.router])
      this.connect(this.net, child.required(Network));
    for (const child of [cyclon, fd, ring, this.router]) this.connect(this.timer, child.required(Timer));
    this.connect(cyclon.provided(PeerSampling), this.epidemic.required(PeerSampling));
    this.connect(cyclon.provided(PeerSampling), this.router.required(PeerSampling));
    this.connect(fd.provided(FailureDetector), this.router.required(FailureDetector));
    this.connect(this.epidemic.provided(BroadcastPort), this.router.required(BroadcastPort));
    this.connect(ring.provided(Ring), this.router.required(Ring));
    this.connect(this.router.provided(OverlayRouter), this.overlay);
  }
}

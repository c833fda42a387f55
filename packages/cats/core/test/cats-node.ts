// A simulated CATS node for the tests: the data layer over an in-memory store, the oracle ring
// and the oracle router, wired as an app would wire the real ones.
import { Dht } from '@kompics/dht';
import { type Child, ComponentDefinition } from '@kompics/kernel';
import { Network } from '@kompics/network';
import { OverlayRouter } from '@kompics/overlay-router';
import { Ring, type RingNode } from '@kompics/ring';
import { Status } from '@kompics/status';
import { Store } from '@kompics/store';
import { MemoryStore, MemoryStoreData } from '@kompics/store-memory';
import { Timer } from '@kompics/timer';
import { CatsControl, CatsDataLayer, type CatsOptions } from '../src/index.js';
import { OracleRing, type Truth } from './oracle-ring.js';
import { OracleRouter } from './oracle-router.js';

export interface CatsNodeOptions {
  readonly cats: CatsOptions;
  readonly truth: Truth;
  /** The node's disk (survives a restart when handed to the next incarnation). */
  readonly data?: MemoryStoreData;
  readonly ringPeriodMs?: number;
}

export class CatsNode extends ComponentDefinition {
  readonly net = this.requires(Network);
  readonly timer = this.requires(Timer);
  readonly dht = this.provides(Dht);
  readonly control_ = this.provides(CatsControl);
  readonly status = this.provides(Status);
  readonly data: MemoryStoreData;
  readonly layer: Child<CatsDataLayer>;

  constructor(options: CatsNodeOptions) {
    super();
    const self: RingNode = options.cats.self;
    this.data = options.data ?? new MemoryStoreData();
    const store = this.create(MemoryStore, { data: this.data });
    const ring = this.create(OracleRing, self, options.truth, options.ringPeriodMs ?? 500);
    const router = this.create(OracleRouter, self, options.truth);
    this.layer = this.create(CatsDataLayer, options.cats);
    this.connect(this.net, this.layer.required(Network));
    this.connect(this.timer, this.layer.required(Timer));
    this.connect(this.timer, ring.required(Timer));
    this.connect(ring.provided(Ring), this.layer.required(Ring));
    this.connect(router.provided(OverlayRouter), this.layer.required(OverlayRouter));
    this.connect(store.provided(Store), this.layer.required(Store));
    this.connect(this.layer.provided(Dht), this.dht);
    this.connect(this.layer.provided(CatsControl), this.control_);
    this.connect(this.layer.provided(Status), this.status);
  }
}

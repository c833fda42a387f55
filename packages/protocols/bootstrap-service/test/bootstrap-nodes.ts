// Simulated nodes: a bootstrap server, and clients that join through it.
import { Bootstrap, BootstrapCompleted, BootstrapRequest, BootstrapResponse } from '@kompics/bootstrap';
import { type Child, ComponentDefinition, Start } from '@kompics/kernel';
import { type Address, CodecRegistry, Network } from '@kompics/network';
import { Timer } from '@kompics/timer';
import { BootstrapClient, BootstrapServer, registerBootstrapCodecs } from '../src/index.js';

export class ServerNode extends ComponentDefinition {
  readonly net = this.requires(Network);
  readonly timer = this.requires(Timer);
  readonly server: Child<BootstrapServer>;
  constructor(self: Address) {
    super();
    this.server = this.create(BootstrapServer, { self, evictAfterMs: 3000, checkPeriodMs: 1000 });
    this.connect(this.net, this.server.required(Network));
    this.connect(this.timer, this.server.required(Timer));
  }
}

/** Asks for peers at start, records what it got, and reports itself joined. */
export class Joiner extends ComponentDefinition {
  readonly bootstrap = this.requires(Bootstrap);
  responses: { t: number; peers: string[] }[] = [];
  constructor() {
    super();
    this.subscribe(this.control, Start, () => this.trigger(new BootstrapRequest(10), this.bootstrap));
    this.subscribe(this.bootstrap, BootstrapResponse, (r) => {
      this.responses.push({ t: this.context.clock.now(), peers: r.peers.map((p) => p.key).sort() });
      this.trigger(new BootstrapCompleted(), this.bootstrap);
    });
  }
}

export class ClientNode extends ComponentDefinition {
  readonly net = this.requires(Network);
  readonly timer = this.requires(Timer);
  readonly joiner: Child<Joiner>;
  constructor(self: Address, server: Address) {
    super();
    const client = this.create(BootstrapClient, { self, server, keepAlivePeriodMs: 1000, retryMs: 500 });
    this.connect(this.net, client.required(Network));
    this.connect(this.timer, client.required(Timer));
    this.joiner = this.create(Joiner);
    this.connect(client.provided(Bootstrap), this.joiner.required(Bootstrap));
  }
}

export const bootstrapCodecs = () => registerBootstrapCodecs(new CodecRegistry());

// Shared by the tests: free ports, in-process nodes (a runtime each), a log collector.
import { createServer } from 'node:net';
import { NetworkProbe, realTimeDriver } from '@kompics/compliance';
import { type Child, ComponentDefinition, type Fault, Runtime, type Start, type Stop } from '@kompics/kernel';
import { Address, type CodecRegistry, Network, NetworkStatus, PeerStatus } from '@kompics/network';
import { WsNetwork, type WsNetworkInit } from '../src/index.js';
import { EchoApp } from './fixtures/echo-app.js';

export const driver = realTimeDriver({ defaultTimeoutMs: 30_000 });

/** A TCP port nobody listens on right now (the OS picks it; we release it at once). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

export async function freeAddress(): Promise<Address> {
  return new Address('127.0.0.1', await freePort());
}

/** A node: the network, the compliance probe and the echo app, plus a recorder of connection news. */
export class NodeHost extends ComponentDefinition {
  readonly net: Child<WsNetwork>;
  readonly probe: Child<NetworkProbe>;
  readonly app: Child<EchoApp>;
  readonly news: PeerStatus[] = [];
  constructor(init: WsNetworkInit) {
    super();
    this.net = this.create(WsNetwork, init);
    this.probe = this.create(NetworkProbe, init.self);
    this.app = this.create(EchoApp, init.self);
    this.connect(this.net.provided(Network), this.probe.required(Network));
    this.connect(this.net.provided(Network), this.app.required(Network));
    this.subscribe(this.net.provided(NetworkStatus), PeerStatus, (event) => this.news.push(event));
  }
  /** Starts or stops the network component alone. */
  lifecycle(event: Start | Stop): void {
    this.trigger(event, this.net.control);
  }
}

/** A running node in this process. */
export interface TestNode {
  readonly address: Address;
  readonly runtime: Runtime;
  readonly host: NodeHost;
  readonly probe: NetworkProbe;
  readonly app: EchoApp;
  readonly network: WsNetwork;
  readonly faults: Fault[];
  /** Every line the network logged. */
  readonly logs: string[];
  stop(): Promise<void>;
}

/** Names of the connection news a node heard about `peer`, in order. */
export function newsAbout(node: TestNode, peer: Address): string[] {
  return node.host.news.filter((n) => n.peer.key === peer.key).map((n) => n.constructor.name);
}

/** Starts a node on a free port (or `init.self`), waits until it listens. */
export async function startNode(
  codecs: CodecRegistry,
  init: Partial<WsNetworkInit> = {},
  faults: Fault[] = [],
): Promise<TestNode> {
  const logs: string[] = [];
  const address = init.self ?? (await freeAddress());
  const runtime = new Runtime({ onFault: (fault) => faults.push(fault) });
  const host = runtime.bootstrap(NodeHost, {
    codecs,
    log: (line) => logs.push(line),
    ...init,
    self: address,
  });
  runtime.start();
  const network = host.net.definition;
  await driver.waitFor(() => runtime.state === 'active', { what: 'the node to start' });
  await network.listening();
  return {
    address,
    runtime,
    host,
    probe: host.probe.definition,
    app: host.app.definition,
    network,
    faults,
    logs,
    async stop() {
      runtime.kill();
      await network.close();
    },
  };
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  CatsNode,
  type CatsNodeOptions,
  catsNodeCodecs,
  componentSpec,
  NodeControl,
  NodeDriver,
  type NodeStatus,
} from '@cats/node';
import type { DhtValue } from '@kompics/dht';
import { Dht } from '@kompics/dht';
import { PingFailureDetector } from '@kompics/failure-detector-ping';
import { type Child, ComponentDefinition, Killed, Runtime } from '@kompics/kernel';
import { Address, Network } from '@kompics/network';
import { WsNetwork, type WsNetworkInit } from '@kompics/network-ws';
import type { RingNode } from '@kompics/ring';
import { Status } from '@kompics/status';
import { MemoryStore } from '@kompics/store-memory';
import { Timer } from '@kompics/timer';
import { NodeTimer } from '@kompics/timer-node';

/** How {@link startCustomNode} runs the node. */
export interface CustomNodeConfig {
  /** Host to listen on and advertise (default 127.0.0.1). */
  readonly host?: string;
  readonly port: number;
  /** The bootstrap server: `host:port` or `http://host:port`. */
  readonly bootstrap: string;
  /** The injected failure detector's ping period (default 250 ms; the reference node pings every 1000). */
  readonly pingIntervalMs?: number;
  /** Gets every non-WebSocket HTTP request on the node's port. */
  readonly httpHandler?: (req: IncomingMessage, res: ServerResponse) => void;
  /** Where log lines go (default console.error). */
  readonly log?: (line: string) => void;
}

/** A running custom node: the `RunningCatsNode` shape of the deployment contract. */
export interface CustomNode {
  readonly self: RingNode;
  readonly url: string;
  put(key: string, value: DhtValue): Promise<void>;
  get(key: string): Promise<DhtValue | undefined>;
  delete(key: string): Promise<void>;
  status(): Promise<NodeStatus>;
  members(): Promise<RingNode[]>;
  leave(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The component tree: the same `CatsNode` composite as the reference node, handed different
 * parts — an in-memory store instead of LMDB, and an explicitly built ping failure detector with
 * faster pings and shorter timeouts — beside the WebSocket network, the host timer and
 * `@cats/node`'s `NodeDriver` (promises in, port events out).
 */
export class CustomNodeMain extends ComponentDefinition {
  readonly network: Child<WsNetwork>;
  readonly node: Child<CatsNode>;
  readonly driver: Child<NodeDriver>;

  constructor(networkInit: WsNetworkInit, nodeOptions: CatsNodeOptions) {
    super();
    this.network = this.create(WsNetwork, networkInit);
    const timer = this.create(NodeTimer);
    this.node = this.create(CatsNode, nodeOptions);
    this.driver = this.create(NodeDriver);
    this.connect(this.network.provided(Network), this.node.required(Network));
    this.connect(timer.provided(Timer), this.node.required(Timer));
    this.connect(this.node.provided(Dht), this.driver.required(Dht));
    this.connect(this.node.provided(Status), this.driver.required(Status));
    this.connect(this.node.provided(NodeControl), this.driver.required(NodeControl));
  }
}

/** The options of the `CatsNode` composite for this composition. */
export function customNodeOptions(
  self: Address,
  bootstrap: Address,
  pingIntervalMs: number,
): CatsNodeOptions {
  return {
    self,
    bootstrapServer: bootstrap,
    bootstrapUrl: `http://${bootstrap.key}`,
    urlOf: (a) => `http://${a.key}`,
    // Injected parts: what the reference node does not use.
    store: () => componentSpec(MemoryStore, {}),
    failureDetector: (me) =>
      componentSpec(PingFailureDetector, { self: me, pingIntervalMs, minTimeoutMs: 2 * pingIntervalMs }),
    // Replication degree and slices stay at the defaults (3 and 16): every node of a cluster must agree on them.
  };
}

function parseBootstrap(text: string): Address {
  const hostPort = /^https?:\/\//.test(text) ? new URL(text).host : text;
  return Address.parse(hostPort);
}

/** Starts the custom node in this process; resolves once its port listens (it joins in the background). */
export async function startCustomNode(config: CustomNodeConfig): Promise<CustomNode> {
  if (!Number.isInteger(config.port) || config.port < 1 || config.port > 65535) {
    throw new RangeError(`port must be an integer in 1..65535, got ${String(config.port)}`);
  }
  const pingIntervalMs = config.pingIntervalMs ?? 250;
  if (!Number.isInteger(pingIntervalMs) || pingIntervalMs < 10) {
    throw new RangeError(`pingIntervalMs must be an integer >= 10, got ${String(pingIntervalMs)}`);
  }
  const log = config.log ?? ((line: string) => console.error(line));
  const self = new Address(config.host ?? '127.0.0.1', config.port);
  const networkInit: WsNetworkInit = {
    self,
    codecs: catsNodeCodecs(),
    log,
    ...(config.httpHandler === undefined ? {} : { httpHandler: config.httpHandler }),
  };
  let killed: () => void = () => {};
  const gone = new Promise<void>((resolve) => {
    killed = resolve;
  });
  const runtime = new Runtime({
    name: 'custom-node',
    onFault: (fault) => log(`custom node: ${fault.message}`),
    onLifecycle: (event) => {
      if (event instanceof Killed) killed();
    },
  });
  const main = runtime.bootstrap(
    CustomNodeMain,
    networkInit,
    customNodeOptions(self, parseBootstrap(config.bootstrap), pingIntervalMs),
  );
  runtime.start();
  const network = main.network.definition;
  const driver = main.driver.definition;
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      driver.abandon('the node is stopping');
      runtime.kill();
      await Promise.race([gone, new Promise((r) => setTimeout(r, 2000).unref())]);
      await network.close();
    })();
    return stopping;
  };
  try {
    await network.listening();
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    self: main.node.definition.self,
    url: `http://${self.key}`,
    put: (key, value) => driver.put(key, value),
    get: (key) => driver.get(key),
    delete: (key) => driver.delete(key),
    status: () => driver.nodeStatus(),
    members: () => driver.members(),
    leave: async () => {
      await driver.leave();
    },
    stop,
  };
}

import { Dht, type DhtValue } from '@kompics/dht';
import { type Child, ComponentDefinition, Killed, Runtime } from '@kompics/kernel';
import { Network } from '@kompics/network';
import { WsNetwork, type WsNetworkInit } from '@kompics/network-ws';
import type { RingNode } from '@kompics/ring';
import { Status } from '@kompics/status';
import { LmdbStore } from '@kompics/store-lmdb';
import { MemoryStore } from '@kompics/store-memory';
import { Timer } from '@kompics/timer';
import { NodeTimer } from '@kompics/timer-node';
import { CatsNode } from '../cats-node.js';
import { catsNodeCodecs } from '../codecs.js';
import { componentSpec } from '../component-spec.js';
import { NodeControl } from '../node-control-port.js';
import type { NodeStatus } from '../node-status.js';
import type { CatsNodeOptions } from '../options.js';
import { type CatsNodeConfig, type ResolvedCatsNodeConfig, resolveCatsNodeConfig } from './config.js';
import { DhtError } from './dht-error.js';
import { NodeDriver } from './driver.js';

export type { CatsNodeConfig } from './config.js';

/** A node started by {@link startCatsNode}. */
export interface RunningCatsNode {
  /** The node's ring id and peer address. */
  readonly self: RingNode;
  /** `http(s)://host:port`: the node's HTTP side (the app's `httpHandler`). */
  readonly url: string;
  /** Stores `value` under `key`. Rejects with a {@link DhtError}. */
  put(key: string, value: string | Uint8Array): Promise<void>;
  /** The value of `key`; `undefined` when absent. Rejects with a {@link DhtError}. */
  get(key: string): Promise<Uint8Array | string | undefined>;
  /** Deletes `key`. Rejects with a {@link DhtError}. */
  delete(key: string): Promise<void>;
  status(): Promise<NodeStatus>;
  /** The one-hop router's member table. */
  members(): Promise<RingNode[]>;
  /** Graceful: hands this node's ranges over and leaves the ring. Operations are rejected afterwards. */
  leave(): Promise<void>;
  /** Closes sockets, store and timers; pending operations reject with `unavailable`. Safe to call twice. */
  stop(): Promise<void>;
}

/** The process's component tree: the network, the timer, the node and the promise driver. */
class CatsNodeMain extends ComponentDefinition {
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

function nodeOptions(config: ResolvedCatsNodeConfig): CatsNodeOptions {
  const t = config.tuning;
  const scheme = config.tls === undefined ? 'http' : 'https';
  const store = config.store;
  return {
    self: config.address,
    bootstrapServer: config.bootstrap,
    bootstrapUrl: config.bootstrapUrl,
    urlOf: (a) => `${scheme}://${a.key}`,
    store: () =>
      store.kind === 'memory'
        ? componentSpec(MemoryStore, {})
        : componentSpec(LmdbStore, { path: store.dataDir }),
    cats: {
      ...(config.replicationDegree === undefined ? {} : { replicationDegree: config.replicationDegree }),
      ...(config.slices === undefined ? {} : { slices: config.slices }),
      mode: config.consistency,
      ...(t.operationTimeoutMs === undefined ? {} : { operationTimeoutMs: t.operationTimeoutMs }),
    },
    pingFailureDetector: {
      ...(t.pingIntervalMs === undefined ? {} : { pingIntervalMs: t.pingIntervalMs }),
      ...(t.minTimeoutMs === undefined ? {} : { minTimeoutMs: t.minTimeoutMs }),
    },
    chord: t.stabilizePeriodMs === undefined ? {} : { stabilizePeriodMs: t.stabilizePeriodMs },
    bootstrapClient: t.keepAlivePeriodMs === undefined ? {} : { keepAlivePeriodMs: t.keepAlivePeriodMs },
    ...(t.rejoinAfterMs === undefined ? {} : { rejoinAfterMs: t.rejoinAfterMs }),
    ...(t.leaveTimeoutMs === undefined ? {} : { leaveTimeoutMs: t.leaveTimeoutMs }),
  };
}

/**
 * Runs a CATS node in this process on the production runtime (event-loop scheduler, host
 * timers, WebSockets): validates the config (a `TypeError` or `RangeError` names the problem),
 * opens the store (LMDB in `dataDir`, or memory), listens on the node's port (WebSocket peers,
 * and the app's `httpHandler` for everything else), and bootstraps into the cluster through the
 * bootstrap server. Resolves once the port listens; the node joins in the background (see
 * `status().ring.joined`; operations before that reject with `rejected`).
 */
export async function startCatsNode(config: CatsNodeConfig): Promise<RunningCatsNode> {
  const resolved = resolveCatsNodeConfig(config);
  const log = resolved.log;
  const scheme = resolved.tls === undefined ? 'http' : 'https';
  const networkInit: WsNetworkInit = {
    self: resolved.address,
    codecs: catsNodeCodecs(),
    log,
    ...(resolved.bind === undefined ? {} : { bind: resolved.bind }),
    ...(resolved.clusterSecret === undefined ? {} : { clusterSecret: resolved.clusterSecret }),
    ...(resolved.tls === undefined ? {} : { tls: resolved.tls }),
    ...(resolved.httpHandler === undefined ? {} : { httpHandler: resolved.httpHandler }),
  };
  let killed: () => void = () => {};
  const gone = new Promise<void>((resolve) => {
    killed = resolve;
  });
  const runtime = new Runtime({
    name: 'cats',
    onFault: (fault) => log(`cats node: ${fault.message}`),
    onLifecycle: (event) => {
      if (event instanceof Killed) killed();
    },
  });
  const main = runtime.bootstrap(CatsNodeMain, networkInit, nodeOptions(resolved));
  const network = main.network.definition;
  runtime.start();
  try {
    await network.listening();
  } catch (error) {
    await shutdown();
    throw error;
  }
  const driver = main.driver.definition;
  const node = main.node.definition;
  let stopping: Promise<void> | undefined;

  async function shutdown(): Promise<void> {
    main.driver.definition.abandon('the node is stopping');
    const store = main.node.definition.store.definition as { close?: () => Promise<void> };
    runtime.kill();
    await Promise.race([gone, new Promise((r) => setTimeout(r, 2000).unref())]);
    await network.close();
    if (typeof store.close === 'function') await store.close();
  }

  const running: RunningCatsNode = {
    self: node.self,
    url: `${scheme}://${resolved.address.key}`,
    put: (key, value) => (stopping ? rejectStopped() : driver.put(key, value as DhtValue)),
    get: (key) => (stopping ? rejectStopped() : driver.get(key)),
    delete: (key) => (stopping ? rejectStopped() : driver.delete(key)),
    status: () => (stopping ? rejectStopped() : driver.nodeStatus()),
    members: () => (stopping ? rejectStopped() : driver.members()),
    leave: async () => {
      if (stopping) return rejectStopped();
      const handedOver = await driver.leave();
      if (!handedOver)
        log(
          `cats node ${resolved.address.key}: left without handing every range over (no other node took them over in time, or none was left); the data stays in its store`,
        );
    },
    stop: () => {
      stopping ??= shutdown();
      return stopping;
    },
  };
  return running;
}

function rejectStopped<T>(): Promise<T> {
  return Promise.reject(new DhtError('unavailable', 'the node is stopped'));
}

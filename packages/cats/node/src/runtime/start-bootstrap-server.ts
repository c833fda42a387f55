import { type Child, ComponentDefinition, Killed, Runtime } from '@kompics/kernel';
import { Network } from '@kompics/network';
import type { WsHttpHandler, WsTlsFiles } from '@kompics/network-ws';
import { WsNetwork, type WsNetworkInit } from '@kompics/network-ws';
import { Timer } from '@kompics/timer';
import { NodeTimer } from '@kompics/timer-node';
import { BootstrapServerNode } from '../bootstrap-server-node.js';
import { catsNodeCodecs } from '../codecs.js';
import { type NodeLogger, parseAddress } from './config.js';

/** How {@link startBootstrapServer} runs a bootstrap server. */
export interface BootstrapServerConfig {
  /** The server's address `host:port` (nodes are given it as `bootstrap`). */
  readonly address: string;
  /** Where to listen when it differs from `address` (e.g. `0.0.0.0:7000`). */
  readonly bind?: string;
  readonly clusterSecret?: string;
  readonly tls?: WsTlsFiles;
  /** Gets every non-WebSocket HTTP request on the server's port (its page and API). */
  readonly httpHandler?: WsHttpHandler;
  /**
   * A node silent this long is forgotten; also the grace after start during which no node is
   * named founder. Default 3000 (nodes send keep-alives every second).
   */
  readonly evictAfterMs?: number;
  readonly log?: NodeLogger;
}

/** A node the bootstrap server considers live. */
export interface LiveNodeInfo {
  /** `host:port`. */
  readonly address: string;
  /** `http(s)://host:port` (same scheme as the server). */
  readonly url: string;
  /** When its last keep-alive arrived (ms since the epoch). */
  readonly lastSeenMs: number;
  readonly lastSeenMsAgo: number;
}

/** A bootstrap server started by {@link startBootstrapServer}. */
export interface RunningBootstrapServer {
  /** `http(s)://host:port`. */
  readonly url: string;
  /** `host:port`: what nodes are given as `bootstrap`. */
  readonly address: string;
  /** The live nodes, sorted by address. */
  liveNodes(): LiveNodeInfo[];
  /** Closes the socket and timers. Safe to call twice. */
  stop(): Promise<void>;
}

class BootstrapMain extends ComponentDefinition {
  readonly network: Child<WsNetwork>;
  readonly server: Child<BootstrapServerNode>;
  constructor(networkInit: WsNetworkInit, evictAfterMs: number) {
    super();
    this.network = this.create(WsNetwork, networkInit);
    const timer = this.create(NodeTimer);
    this.server = this.create(BootstrapServerNode, {
      self: networkInit.self,
      evictAfterMs,
      checkPeriodMs: Math.max(1, Math.floor(evictAfterMs / 3)),
    });
    this.connect(this.network.provided(Network), this.server.required(Network));
    this.connect(timer.provided(Timer), this.server.required(Timer));
  }
}

const KEYS = ['address', 'bind', 'clusterSecret', 'tls', 'httpHandler', 'evictAfterMs', 'log'];

/**
 * Runs a bootstrap server in this process (production runtime): validates the config, listens
 * on its port (WebSocket for nodes, `httpHandler` for everything else) and resolves once it
 * listens.
 */
export async function startBootstrapServer(config: BootstrapServerConfig): Promise<RunningBootstrapServer> {
  if (typeof config !== 'object' || config === null)
    throw new TypeError('startBootstrapServer needs a config object { address }');
  for (const key of Object.keys(config))
    if (!KEYS.includes(key))
      throw new TypeError(`startBootstrapServer: unknown option ${JSON.stringify(key)}`);
  const address = parseAddress('address', config.address);
  const bind = config.bind === undefined ? undefined : parseAddress('bind', config.bind);
  const evictAfterMs = config.evictAfterMs ?? 3000;
  if (!Number.isSafeInteger(evictAfterMs) || evictAfterMs < 1)
    throw new RangeError(
      `evictAfterMs must be a positive integer, got ${JSON.stringify(config.evictAfterMs)}`,
    );
  if (config.httpHandler !== undefined && typeof config.httpHandler !== 'function')
    throw new TypeError('httpHandler must be a function (request, response) => void');
  if (config.log !== undefined && typeof config.log !== 'function')
    throw new TypeError('log must be a function');
  const log: NodeLogger = config.log ?? ((line) => console.error(line));
  const scheme = config.tls === undefined ? 'http' : 'https';
  const networkInit: WsNetworkInit = {
    self: address,
    codecs: catsNodeCodecs(),
    log,
    ...(bind === undefined ? {} : { bind: { host: bind.host, port: bind.port } }),
    ...(config.clusterSecret === undefined ? {} : { clusterSecret: config.clusterSecret }),
    ...(config.tls === undefined ? {} : { tls: config.tls }),
    ...(config.httpHandler === undefined ? {} : { httpHandler: config.httpHandler }),
  };
  let killed: () => void = () => {};
  const gone = new Promise<void>((resolve) => {
    killed = resolve;
  });
  const runtime = new Runtime({
    name: 'bootstrap',
    onFault: (fault) => log(`bootstrap server: ${fault.message}`),
    onLifecycle: (event) => {
      if (event instanceof Killed) killed();
    },
  });
  const main = runtime.bootstrap(BootstrapMain, networkInit, evictAfterMs);
  const network = main.network.definition;
  const shutdown = async () => {
    runtime.kill();
    await Promise.race([gone, new Promise((r) => setTimeout(r, 2000).unref())]);
    await network.close();
  };
  runtime.start();
  try {
    await network.listening();
  } catch (error) {
    await shutdown();
    throw error;
  }
  let stopping: Promise<void> | undefined;
  return {
    url: `${scheme}://${address.key}`,
    address: address.key,
    liveNodes: () => {
      const now = Date.now();
      return main.server.definition.server.definition.liveNodes().map((n) => ({
        address: n.address.key,
        url: `${scheme}://${n.address.key}`,
        lastSeenMs: n.lastSeenMs,
        lastSeenMsAgo: Math.max(0, now - n.lastSeenMs),
      }));
    },
    stop: () => {
      stopping ??= shutdown();
      return stopping;
    },
  };
}

import { Address } from '@kompics/network';
import type { WsHttpHandler, WsTlsFiles } from '@kompics/network-ws';

/** Where log lines go. */
export type NodeLogger = (line: string) => void;

/** Timings a deployment or a test may tune (defaults suit a LAN). Times in milliseconds. */
export interface CatsNodeTuning {
  readonly operationTimeoutMs?: number;
  readonly pingIntervalMs?: number;
  readonly minTimeoutMs?: number;
  readonly stabilizePeriodMs?: number;
  readonly keepAlivePeriodMs?: number;
  readonly rejoinAfterMs?: number;
  readonly leaveTimeoutMs?: number;
}

/** How {@link startCatsNode} runs a node. */
export interface CatsNodeConfig {
  /** This node's address `host:port`: peers connect to it, and its HTTP side is `http(s)://host:port`. */
  readonly address: string;
  /** Where to listen when it differs from `address` (e.g. `0.0.0.0:7000`). */
  readonly bind?: string;
  /** The bootstrap server: `host:port` or its URL `http(s)://host:port`. */
  readonly bootstrap: string;
  /** Directory of the durable (LMDB) store; or give `store: 'memory'`. */
  readonly dataDir?: string;
  /** `'memory'`: an in-memory store (nothing survives the process). */
  readonly store?: 'memory';
  /** Shared secret of the cluster (≥ 16 bytes): peers must prove they know it. */
  readonly clusterSecret?: string;
  /** Certificate files: peers connect with `wss://`, the HTTP side is `https://`. */
  readonly tls?: WsTlsFiles;
  /** Gets every non-WebSocket HTTP request on the node's port (the app's HTTP API). */
  readonly httpHandler?: WsHttpHandler;
  /** Replicas per key range. Default 3. */
  readonly replicationDegree?: number;
  /** Key ranges the ring is cut into. Default 16. */
  readonly slices?: number;
  /**
   * `consistent` (default, linearizable) or `eventual`: the deliberately weaker baseline of
   * `@cats/core`, for measuring the cost of consistency only. Every node must use the same.
   */
  readonly consistency?: 'consistent' | 'eventual';
  /** Where log lines go (network errors, faults). Default `console.error`. */
  readonly log?: NodeLogger;
  readonly tuning?: CatsNodeTuning;
}

/** A validated {@link CatsNodeConfig}. */
export interface ResolvedCatsNodeConfig {
  readonly address: Address;
  readonly bind: { readonly host: string; readonly port: number } | undefined;
  readonly bootstrap: Address;
  readonly bootstrapUrl: string;
  readonly store: { readonly kind: 'memory' } | { readonly kind: 'lmdb'; readonly dataDir: string };
  readonly clusterSecret: string | undefined;
  readonly tls: WsTlsFiles | undefined;
  readonly httpHandler: WsHttpHandler | undefined;
  readonly replicationDegree: number | undefined;
  readonly slices: number | undefined;
  readonly consistency: 'consistent' | 'eventual';
  readonly log: NodeLogger;
  readonly tuning: CatsNodeTuning;
}

const NODE_KEYS = [
  'address',
  'bind',
  'bootstrap',
  'dataDir',
  'store',
  'clusterSecret',
  'tls',
  'httpHandler',
  'replicationDegree',
  'slices',
  'consistency',
  'log',
  'tuning',
];
const TUNING_KEYS = [
  'operationTimeoutMs',
  'pingIntervalMs',
  'minTimeoutMs',
  'stabilizePeriodMs',
  'keepAlivePeriodMs',
  'rejoinAfterMs',
  'leaveTimeoutMs',
];

/** Parses `host:port` (a real port), naming the option in the error. */
export function parseAddress(name: string, value: unknown): Address {
  if (typeof value !== 'string' || value.length === 0)
    throw new TypeError(`${name} must be a string "host:port", got ${JSON.stringify(value)}`);
  let address: Address;
  try {
    address = Address.parse(value);
  } catch (error) {
    throw new TypeError(`${name}: ${(error as Error).message}`);
  }
  if (address.port === 0) throw new RangeError(`${name} must name a port other than 0, got ${value}`);
  return address;
}

/** Parses a server given as `host:port` or `http(s)://host:port`; the URL defaults to `scheme://host:port`. */
export function parseServer(
  name: string,
  value: unknown,
  scheme: 'http' | 'https',
): { address: Address; url: string } {
  if (typeof value === 'string' && /^[a-z]+:\/\//i.test(value)) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new TypeError(`${name} is not a valid URL: ${JSON.stringify(value)}`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new TypeError(`${name} must be an http(s) URL or "host:port", got ${JSON.stringify(value)}`);
    const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const address = new Address(host, port);
    return { address, url: `${url.protocol}//${address.key}` };
  }
  const address = parseAddress(name, value);
  return { address, url: `${scheme}://${address.key}` };
}

function optionalPositiveInt(name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1)
    throw new RangeError(`${name} must be a positive integer, got ${JSON.stringify(value)}`);
  return value;
}

function checkKeys(what: string, object: object, known: readonly string[]): void {
  for (const key of Object.keys(object))
    if (!known.includes(key)) throw new TypeError(`${what}: unknown option ${JSON.stringify(key)}`);
}

/** Validates a {@link CatsNodeConfig}; throws a `TypeError` or `RangeError` naming the problem. */
export function resolveCatsNodeConfig(config: CatsNodeConfig): ResolvedCatsNodeConfig {
  if (typeof config !== 'object' || config === null)
    throw new TypeError('startCatsNode needs a config object { address, bootstrap, dataDir | store }');
  checkKeys('startCatsNode', config, NODE_KEYS);
  const address = parseAddress('address', config.address);
  const bind = config.bind === undefined ? undefined : parseAddress('bind', config.bind);
  const scheme = config.tls === undefined ? 'http' : 'https';
  const bootstrap = parseServer('bootstrap', config.bootstrap, scheme);
  if (bootstrap.address.equals(address)) throw new RangeError('bootstrap must not be the node itself');
  if (config.dataDir !== undefined && config.store !== undefined)
    throw new TypeError('give either dataDir (a durable store) or store: "memory", not both');
  let store: ResolvedCatsNodeConfig['store'];
  if (config.store !== undefined) {
    if (config.store !== 'memory')
      throw new RangeError(`store must be 'memory', got ${JSON.stringify(config.store)}`);
    store = { kind: 'memory' };
  } else {
    if (typeof config.dataDir !== 'string' || config.dataDir.trim().length === 0)
      throw new TypeError(
        'startCatsNode needs dataDir (a directory for the durable store) or store: "memory"',
      );
    store = { kind: 'lmdb', dataDir: config.dataDir };
  }
  if (config.clusterSecret !== undefined && typeof config.clusterSecret !== 'string')
    throw new TypeError('clusterSecret must be a string');
  if (config.httpHandler !== undefined && typeof config.httpHandler !== 'function')
    throw new TypeError('httpHandler must be a function (request, response) => void');
  if (config.log !== undefined && typeof config.log !== 'function')
    throw new TypeError('log must be a function');
  const tuning = config.tuning ?? {};
  if (typeof tuning !== 'object' || tuning === null) throw new TypeError('tuning must be an object');
  checkKeys('tuning', tuning, TUNING_KEYS);
  for (const [k, v] of Object.entries(tuning)) optionalPositiveInt(`tuning.${k}`, v);
  return {
    address,
    bind: bind === undefined ? undefined : { host: bind.host, port: bind.port },
    bootstrap: bootstrap.address,
    bootstrapUrl: bootstrap.url,
    store,
    clusterSecret: config.clusterSecret,
    tls: config.tls,
    httpHandler: config.httpHandler,
    replicationDegree: optionalPositiveInt('replicationDegree', config.replicationDegree),
    slices: optionalPositiveInt('slices', config.slices),
    consistency: consistencyOf(config.consistency),
    log: config.log ?? ((line) => console.error(line)),
    tuning,
  };
}

function consistencyOf(value: unknown): 'consistent' | 'eventual' {
  if (value === undefined || value === 'consistent') return 'consistent';
  if (value === 'eventual') return 'eventual';
  throw new RangeError(`consistency must be 'consistent' or 'eventual', got ${JSON.stringify(value)}`);
}

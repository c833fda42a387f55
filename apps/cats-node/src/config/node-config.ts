import { readFileSync } from 'node:fs';
import { type OptionSources, type OptionSpec, parseOptions } from './options.js';
import { UsageError } from './usage-error.js';

/** Log levels pino knows, quietest last. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
/** A pino log level. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The configuration keys of `cats-node`. */
export const NODE_OPTIONS: readonly OptionSpec[] = [
  {
    key: 'port',
    flag: '--port',
    env: 'CATS_PORT',
    kind: { type: 'port' },
    help: 'TCP port: peers, HTTP API and pages',
  },
  {
    key: 'host',
    flag: '--host',
    env: 'CATS_HOST',
    kind: { type: 'string' },
    default: '127.0.0.1',
    help: 'host to listen on and advertise to peers',
  },
  {
    key: 'bootstrap',
    flag: '--bootstrap',
    env: 'CATS_BOOTSTRAP',
    kind: { type: 'url' },
    help: 'bootstrap server URL, e.g. http://127.0.0.1:7000',
  },
  {
    key: 'store',
    flag: '--store',
    env: 'CATS_STORE',
    kind: { type: 'enum', values: ['lmdb', 'memory'] },
    default: 'lmdb',
    help: 'lmdb (durable, needs --data-dir) or memory',
  },
  {
    key: 'dataDir',
    flag: '--data-dir',
    env: 'CATS_DATA_DIR',
    kind: { type: 'path' },
    help: 'folder of the durable store',
  },
  {
    key: 'clusterSecretFile',
    flag: '--cluster-secret-file',
    env: 'CATS_CLUSTER_SECRET_FILE',
    kind: { type: 'path' },
    help: 'file holding the shared cluster secret (>= 16 bytes)',
  },
  {
    key: 'token',
    flag: '--token',
    env: 'CATS_TOKEN',
    kind: { type: 'string' },
    help: 'bearer token the /kv API requires',
  },
  {
    key: 'tlsKey',
    flag: '--tls-key',
    env: 'CATS_TLS_KEY',
    kind: { type: 'path' },
    help: 'TLS private key (PEM)',
  },
  {
    key: 'tlsCert',
    flag: '--tls-cert',
    env: 'CATS_TLS_CERT',
    kind: { type: 'path' },
    help: 'TLS certificate (PEM)',
  },
  {
    key: 'tlsCa',
    flag: '--tls-ca',
    env: 'CATS_TLS_CA',
    kind: { type: 'path' },
    help: 'CA peers must chain to (PEM)',
  },
  {
    key: 'replicationDegree',
    flag: '--replication-degree',
    env: 'CATS_REPLICATION_DEGREE',
    kind: { type: 'integer', min: 1, max: 9 },
    default: 3,
    help: 'replicas per key range (the same on every node)',
  },
  {
    key: 'slices',
    flag: '--slices',
    env: 'CATS_SLICES',
    kind: { type: 'integer', min: 1, max: 65536 },
    default: 16,
    help: 'key ranges the ring is cut into (the same on every node)',
  },
  {
    key: 'consistency',
    flag: '--consistency',
    env: 'CATS_CONSISTENCY',
    kind: { type: 'enum', values: ['consistent', 'eventual'] },
    default: 'consistent',
    help: 'consistent (linearizable) or eventual (the weaker baseline, for measuring the cost of consistency; the same on every node)',
  },
  {
    key: 'leaveTimeoutMs',
    flag: '--leave-timeout-ms',
    env: 'CATS_LEAVE_TIMEOUT_MS',
    kind: { type: 'integer', min: 0, max: 600_000 },
    default: 10_000,
    help: 'on SIGTERM/SIGINT, how long handing data over may take before stopping anyway (0: stop at once)',
  },
  {
    key: 'logLevel',
    flag: '--log-level',
    env: 'CATS_LOG_LEVEL',
    kind: { type: 'enum', values: LOG_LEVELS },
    default: 'info',
    help: 'log level',
  },
];

/** A validated `cats-node` configuration. */
export interface NodeAppConfig {
  readonly port: number;
  readonly host: string;
  readonly bootstrap: string;
  readonly store: 'lmdb' | 'memory';
  /** Set when `store` is `lmdb`. */
  readonly dataDir: string | undefined;
  /** The secret's bytes (read from the file), when set. */
  readonly clusterSecret: Buffer | undefined;
  readonly token: string | undefined;
  readonly tls: TlsFiles | undefined;
  readonly replicationDegree: number;
  readonly slices: number;
  /** `consistent` (linearizable) or `eventual` (the baseline of the cost-of-consistency benchmark). */
  readonly consistency: 'consistent' | 'eventual';
  /** On SIGTERM/SIGINT, how long the graceful leave may take (0: no leave). */
  readonly leaveTimeoutMs: number;
  readonly logLevel: LogLevel;
}

/** TLS certificate files as given by `--tls-key`, `--tls-cert` and `--tls-ca`. */
export interface TlsFiles {
  readonly keyFile: string;
  readonly certFile: string;
  readonly caFile?: string;
}

/** Checks that the TLS flags make a whole: key and certificate together, the CA only with them. */
export function tlsFiles(
  key: string | undefined,
  cert: string | undefined,
  ca: string | undefined,
): TlsFiles | undefined {
  if ((key === undefined) !== (cert === undefined)) {
    throw new UsageError('--tls-key and --tls-cert go together: give both or neither');
  }
  if (ca !== undefined && key === undefined) throw new UsageError('--tls-ca needs --tls-key and --tls-cert');
  if (key === undefined || cert === undefined) return undefined;
  return { keyFile: key, certFile: cert, ...(ca === undefined ? {} : { caFile: ca }) };
}

/** Reads the cluster secret from its file (surrounding whitespace dropped); at least 16 bytes. */
export function readClusterSecret(file: string): Buffer {
  let secret: Buffer;
  try {
    secret = Buffer.from(readFileSync(file, 'utf8').trim(), 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read --cluster-secret-file ${file}: ${(error as Error).message}`);
  }
  if (secret.length < 16) {
    throw new UsageError(`the cluster secret in ${file} must be at least 16 bytes, it has ${secret.length}`);
  }
  return secret;
}

function str(values: Readonly<Record<string, string | number>>, key: string): string | undefined {
  const v = values[key];
  return v === undefined ? undefined : String(v);
}

/**
 * Reads and validates `cats-node`'s configuration; `undefined` when `--help` was asked for.
 * Throws a {@link UsageError} with a message for the operator on any problem.
 */
export function loadNodeConfig(sources: OptionSources): NodeAppConfig | undefined {
  const parsed = parseOptions(NODE_OPTIONS, 'CATS_', sources);
  if (parsed.help) return undefined;
  const v = parsed.values;
  if (v.port === undefined)
    throw new UsageError('--port is required (or CATS_PORT, or "port" in the config file)');
  const bootstrap = str(v, 'bootstrap');
  if (bootstrap === undefined) {
    throw new UsageError('--bootstrap <url> is required: the bootstrap server, e.g. http://127.0.0.1:7000');
  }
  const store = str(v, 'store') as 'lmdb' | 'memory';
  const dataDir = str(v, 'dataDir');
  if (store === 'lmdb' && dataDir === undefined) {
    throw new UsageError('--data-dir is required with --store lmdb (or use --store memory)');
  }
  if (store === 'memory' && dataDir !== undefined) {
    throw new UsageError('--data-dir has no use with --store memory; drop one of them');
  }
  const tls = tlsFiles(str(v, 'tlsKey'), str(v, 'tlsCert'), str(v, 'tlsCa'));
  const secretFile = str(v, 'clusterSecretFile');
  const clusterSecret = secretFile === undefined ? undefined : readClusterSecret(secretFile);
  return {
    port: Number(v.port),
    host: str(v, 'host') as string,
    bootstrap,
    store,
    dataDir: store === 'lmdb' ? dataDir : undefined,
    clusterSecret,
    token: str(v, 'token'),
    tls,
    replicationDegree: Number(v.replicationDegree),
    slices: Number(v.slices),
    consistency: str(v, 'consistency') as 'consistent' | 'eventual',
    leaveTimeoutMs: Number(v.leaveTimeoutMs),
    logLevel: str(v, 'logLevel') as LogLevel,
  };
}

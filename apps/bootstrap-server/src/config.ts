import {
  LOG_LEVELS,
  type LogLevel,
  type OptionSources,
  type OptionSpec,
  parseOptions,
  readClusterSecret,
  type TlsFiles,
  tlsFiles,
} from '@cats/node-app';

/** The configuration keys of `cats-bootstrap`. */
export const BOOTSTRAP_OPTIONS: readonly OptionSpec[] = [
  {
    key: 'port',
    flag: '--port',
    env: 'CATS_BOOTSTRAP_PORT',
    kind: { type: 'port' },
    default: 7000,
    help: 'TCP port: nodes, the page and the JSON API',
  },
  {
    key: 'host',
    flag: '--host',
    env: 'CATS_BOOTSTRAP_HOST',
    kind: { type: 'string' },
    default: '127.0.0.1',
    help: 'host to listen on and that nodes reach',
  },
  {
    key: 'evictAfterMs',
    flag: '--evict-after-ms',
    env: 'CATS_BOOTSTRAP_EVICT_AFTER_MS',
    kind: { type: 'integer', min: 100, max: 3_600_000 },
    default: 3000,
    help: 'a node silent this long is forgotten',
  },
  {
    key: 'clusterSecretFile',
    flag: '--cluster-secret-file',
    env: 'CATS_BOOTSTRAP_CLUSTER_SECRET_FILE',
    kind: { type: 'path' },
    help: "file holding the cluster's shared secret (>= 16 bytes), as the nodes'",
  },
  {
    key: 'tlsKey',
    flag: '--tls-key',
    env: 'CATS_BOOTSTRAP_TLS_KEY',
    kind: { type: 'path' },
    help: 'TLS private key (PEM)',
  },
  {
    key: 'tlsCert',
    flag: '--tls-cert',
    env: 'CATS_BOOTSTRAP_TLS_CERT',
    kind: { type: 'path' },
    help: 'TLS certificate (PEM)',
  },
  {
    key: 'tlsCa',
    flag: '--tls-ca',
    env: 'CATS_BOOTSTRAP_TLS_CA',
    kind: { type: 'path' },
    help: 'CA peers must chain to (PEM)',
  },
  {
    key: 'logLevel',
    flag: '--log-level',
    env: 'CATS_BOOTSTRAP_LOG_LEVEL',
    kind: { type: 'enum', values: LOG_LEVELS },
    default: 'info',
    help: 'log level',
  },
];

/** A validated `cats-bootstrap` configuration. */
export interface BootstrapAppConfig {
  readonly port: number;
  readonly host: string;
  readonly evictAfterMs: number;
  readonly clusterSecret: Buffer | undefined;
  readonly tls: TlsFiles | undefined;
  readonly logLevel: LogLevel;
}

/** Reads and validates the configuration; `undefined` when `--help` was asked for. Throws `UsageError`. */
export function loadBootstrapConfig(sources: OptionSources): BootstrapAppConfig | undefined {
  const parsed = parseOptions(BOOTSTRAP_OPTIONS, 'CATS_BOOTSTRAP_', sources);
  if (parsed.help) return undefined;
  const v = parsed.values;
  return {
    port: Number(v.port),
    host: String(v.host),
    evictAfterMs: Number(v.evictAfterMs),
    clusterSecret:
      v.clusterSecretFile === undefined ? undefined : readClusterSecret(String(v.clusterSecretFile)),
    tls: tlsFiles(
      v.tlsKey === undefined ? undefined : String(v.tlsKey),
      v.tlsCert === undefined ? undefined : String(v.tlsCert),
      v.tlsCa === undefined ? undefined : String(v.tlsCa),
    ),
    logLevel: String(v.logLevel) as LogLevel,
  };
}

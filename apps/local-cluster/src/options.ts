import { parseArgs } from 'node:util';

/** The main job's settings. */
export interface LocalClusterOptions {
  /** How many node processes (default 5). */
  readonly nodes: number;
  /** How long the workload runs, in seconds (default 20). */
  readonly durationS: number;
  /** How many concurrent clients (default 4). */
  readonly clients: number;
  /** Stop everything after the report instead of keeping the cluster running. */
  readonly exit: boolean;
  /** The nodes' store: `lmdb` (durable, in a temporary folder; default) or `memory`. */
  readonly store: 'lmdb' | 'memory';
  /** First port (bootstrap server; nodes on the next ones); 0: ports the system picks; undefined: 7000 when free, else any. */
  readonly basePort: number | undefined;
  readonly help: boolean;
}

/** A bad command line (exit code 2). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const USAGE = `usage: npm start -- [options]   (or: node apps/local-cluster/dist/main.js [options])

Starts a bootstrap server and N CATS nodes (each its own process) on 127.0.0.1, runs a mixed
workload through @cats/client, checks the history for linearizability, prints the figures and
the pages' addresses, then keeps the cluster running until Ctrl-C.

options:
  --nodes <n>        node processes, 1..32 (default 5)
  --duration <s>     workload seconds, 1..3600 (default 20)
  --clients <n>      concurrent clients, 1..64 (default 4)
  --store <kind>     lmdb (default, in a temporary folder) or memory
  --port <p>         bootstrap server port, nodes on the next ones (0: any free ports;
                     default 7000 when 7000.. are free, else any)
  --exit             stop everything after the report (exit code 1 if the history is not linearizable)
  -h, --help         this help`;

function integer(text: string | undefined, flag: string, min: number, max: number, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) {
    throw new UsageError(`${flag} must be a whole number in ${min}..${max}, got ${JSON.stringify(text)}`);
  }
  return n;
}

/** Parses and validates the main job's flags. */
export function parseLocalClusterOptions(argv: readonly string[]): LocalClusterOptions {
  let values: ReturnType<typeof parse>['values'];
  try {
    const parsed = parse(argv);
    values = parsed.values;
    if (parsed.positionals.length > 0)
      throw new UsageError(`unexpected argument ${JSON.stringify(parsed.positionals[0])}`);
  } catch (error) {
    throw error instanceof UsageError ? error : new UsageError((error as Error).message);
  }
  const store = values.store ?? 'lmdb';
  if (store !== 'lmdb' && store !== 'memory')
    throw new UsageError(`--store must be lmdb or memory, got ${JSON.stringify(store)}`);
  return {
    nodes: integer(values.nodes, '--nodes', 1, 32, 5),
    durationS: integer(values.duration, '--duration', 1, 3600, 20),
    clients: integer(values.clients, '--clients', 1, 64, 4),
    exit: values.exit ?? false,
    store,
    basePort:
      values.port === '0'
        ? 0
        : values.port === undefined
          ? undefined
          : integer(values.port, '--port', 1024, 65000, 0),
    help: values.help ?? false,
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      nodes: { type: 'string' },
      duration: { type: 'string' },
      clients: { type: 'string' },
      store: { type: 'string' },
      port: { type: 'string' },
      exit: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

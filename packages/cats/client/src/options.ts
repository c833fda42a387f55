/** Where the client learns the cluster from: a bootstrap server, or one or more nodes. */
export type CatsSeeds = { readonly bootstrap: string } | { readonly nodes: readonly string[] };

/** Options of {@link connect}. */
export interface ConnectOptions {
  /** Time budget of one operation, retries included, in milliseconds (default 10,000). */
  readonly timeoutMs?: number;
  /** How many more members an operation may try after the first fails (default 4, at most 100). */
  readonly retries?: number;
  /** Sent as `Authorization: Bearer <token>` to nodes that require one. */
  readonly token?: string;
  /** Refetch the member table in the background when it is older than this (default 5,000 ms; 0: only on failures). */
  readonly refreshIntervalMs?: number;
}

/** Validated options with defaults filled in. */
export interface ResolvedOptions {
  readonly timeoutMs: number;
  readonly retries: number;
  readonly token: string | undefined;
  readonly refreshIntervalMs: number;
  readonly bootstrap: URL | undefined;
  readonly seeds: readonly URL[];
}

function checkUrl(text: unknown, what: string): URL {
  if (typeof text !== 'string') throw new TypeError(`${what} must be a URL string, got ${typeof text}`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new TypeError(
      `${what} is not a URL: ${JSON.stringify(text)} (expected e.g. http://127.0.0.1:7000)`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`${what} must be an http:// or https:// URL, got ${JSON.stringify(text)}`);
  }
  return new URL(url.origin);
}

function checkInteger(value: unknown, what: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value))
    throw new TypeError(`${what} must be an integer, got ${String(value)}`);
  if (value < min || value > max)
    throw new RangeError(`${what} must be between ${min} and ${max}, got ${value}`);
  return value;
}

/** Checks the seeds and options of {@link connect}, with clear TypeError/RangeError messages. */
export function resolveOptions(seeds: CatsSeeds, options: ConnectOptions): ResolvedOptions {
  if (typeof seeds !== 'object' || seeds === null) {
    throw new TypeError('connect needs { bootstrap: url } or { nodes: [url, ...] }');
  }
  let bootstrap: URL | undefined;
  let nodes: URL[] = [];
  if ('bootstrap' in seeds && seeds.bootstrap !== undefined) {
    bootstrap = checkUrl(seeds.bootstrap, 'bootstrap');
  } else if ('nodes' in seeds && Array.isArray(seeds.nodes)) {
    if (seeds.nodes.length === 0) throw new RangeError('nodes must name at least one node URL');
    nodes = seeds.nodes.map((n, i) => checkUrl(n, `nodes[${i}]`));
  } else {
    throw new TypeError('connect needs { bootstrap: url } or { nodes: [url, ...] }');
  }
  const token = options.token;
  if (token !== undefined && (typeof token !== 'string' || token.length === 0 || /[\r\n]/.test(token))) {
    throw new TypeError('token must be a non-empty string on one line');
  }
  return {
    timeoutMs: checkInteger(options.timeoutMs ?? 10_000, 'timeoutMs', 1, 3_600_000),
    retries: checkInteger(options.retries ?? 4, 'retries', 0, 100),
    refreshIntervalMs: checkInteger(options.refreshIntervalMs ?? 5_000, 'refreshIntervalMs', 0, 3_600_000),
    token,
    bootstrap,
    seeds: nodes,
  };
}

import { X509Certificate } from 'node:crypto';

/** Where the client learns the cluster from: a bootstrap server, or one or more nodes. */
export type CatsSeeds = { readonly bootstrap: string } | { readonly nodes: readonly string[] };

/** PEM text: a string, or its bytes (e.g. what `readFileSync('ca.pem')` returns). */
export type PemText = string | Uint8Array;

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
  /**
   * The certificate authorities trusted for `https://` nodes and bootstrap servers: PEM text
   * (e.g. `readFileSync('ca.pem')`), or several. As Node's `tls` `ca` option, this **replaces**
   * the default trust store for this client (publicly trusted CAs are then no longer trusted
   * unless included), so a cluster can use its own CA without `NODE_EXTRA_CA_CERTS`.
   * Plain `http://` is unaffected. Default: Node's trust store.
   */
  readonly ca?: PemText | readonly PemText[];
}

/** Validated options with defaults filled in. */
export interface ResolvedOptions {
  readonly timeoutMs: number;
  readonly retries: number;
  readonly token: string | undefined;
  readonly refreshIntervalMs: number;
  readonly bootstrap: URL | undefined;
  readonly seeds: readonly URL[];
  /** The trusted CAs as PEM strings, or `undefined` for Node's default trust store. */
  readonly ca: readonly string[] | undefined;
}

const PEM_BEGIN = '-----BEGIN CERTIFICATE-----';
const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/**
 * The certificates in PEM text, each parsed: Node silently skips a CA it cannot parse, so a
 * truncated or corrupt file would otherwise leave the client trusting nothing, and every
 * connection would fail with an error that blames the server.
 */
function checkCertificates(text: string, what: string): void {
  const blocks = text.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0)
    throw new TypeError(`${what} has ${PEM_BEGIN} but no complete certificate (is the file cut off?)`);
  blocks.forEach((block, i) => {
    try {
      new X509Certificate(block);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new TypeError(`${what}: certificate ${i + 1} of ${blocks.length} cannot be parsed: ${why}`);
    }
  });
}

function checkPem(value: unknown, what: string): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (value instanceof Uint8Array)
    text = Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8');
  else
    throw new TypeError(
      `${what} must be PEM text (a string or a Buffer/Uint8Array), got ${value === null ? 'null' : typeof value}`,
    );
  if (text.trim().length === 0) throw new TypeError(`${what} is empty (expected PEM certificate text)`);
  if (!text.includes(PEM_BEGIN))
    throw new TypeError(
      `${what} is not a PEM certificate: it must contain ${PEM_BEGIN} (give the file's contents, not its path)`,
    );
  checkCertificates(text, what);
  return text;
}

function checkCa(ca: unknown): string[] | undefined {
  if (ca === undefined) return undefined;
  if (Array.isArray(ca)) {
    if (ca.length === 0) throw new TypeError('ca must name at least one PEM certificate when it is an array');
    return ca.map((c, i) => checkPem(c, `ca[${i}]`));
  }
  return [checkPem(ca, 'ca')];
}

/**
 * Checks CA text the way {@link ConnectOptions.ca} is checked by `connect` — PEM with at least one
 * complete certificate, every certificate parsable — and returns it as a string; throws a
 * `TypeError` whose message starts with `what`. For checking a CA file when it is configured
 * (e.g. `validateCa(readFileSync(path), path)`) rather than at the first connection.
 */
export function validateCa(pem: PemText, what = 'ca'): string {
  return checkPem(pem, what);
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
    ca: checkCa(options.ca),
  };
}

import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** An HTTP answer, body read in full. */
export interface HttpAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** How an exchange failed before an answer arrived. */
export class TransportError extends Error {
  constructor(
    /**
     * `timeout`: the client stopped waiting (the node may still act); `connect`: no connection;
     * `tls`: the TLS handshake failed (e.g. the node's certificate is not trusted);
     * `io`: the connection broke.
     */
    readonly kind: 'timeout' | 'connect' | 'tls' | 'io',
    message: string,
  ) {
    super(message);
  }
}

/** A reused keep-alive connection was reset before any answer: safe to send again. */
class StaleSocket extends Error {}

const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'EADDRNOTAVAIL',
]);

/** OpenSSL verify results that mean the issuer is not trusted: the `ca` option is the fix. */
const UNTRUSTED_CODES = new Set([
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'INVALID_CA',
  'CERT_CHAIN_TOO_LONG',
  'PATH_LENGTH_EXCEEDED',
  'INVALID_PURPOSE',
  'CERT_REJECTED',
]);
/** The certificate is fine but not valid now (clocks, or an expired certificate). */
const EXPIRY_CODES = new Set(['CERT_NOT_YET_VALID', 'CERT_HAS_EXPIRED']);
/** Other TLS handshake failures (e.g. an https:// URL naming a plain-HTTP server). */
const TLS_CODE = /^(ERR_SSL_|ERR_TLS_|EPROTO$)/;

/** OpenSSL's messages can run over several lines of internal detail: the first one says it. */
function firstLine(message: string): string {
  return message.split('\n', 1)[0]?.trim() ?? message;
}

/** The TLS settings of an {@link HttpPool}. */
export interface HttpPoolTls {
  /** The CAs trusted for https:// (PEM); replaces Node's default trust store. Default: that store. */
  readonly ca?: readonly string[] | undefined;
}

/** Describes a failed exchange as a {@link TransportError}. */
function transportError(url: URL, error: NodeJS.ErrnoException): TransportError {
  const code = error.code;
  if (code !== undefined && CONNECT_CODES.has(code))
    return new TransportError('connect', `${url.origin}: ${code}`);
  if (code !== undefined && url.protocol === 'https:') {
    const message = firstLine(error.message);
    if (UNTRUSTED_CODES.has(code))
      return new TransportError(
        'tls',
        `${url.origin}: TLS certificate not accepted: ${message} (${code}); is the cluster's CA trusted (the ca option)?`,
      );
    if (code === 'ERR_TLS_CERT_ALTNAME_INVALID')
      return new TransportError(
        'tls',
        `${url.origin}: TLS certificate not accepted: it does not name ${url.hostname} (${message}); use the host name or address it was issued for`,
      );
    if (EXPIRY_CODES.has(code))
      return new TransportError(
        'tls',
        `${url.origin}: TLS certificate not accepted: ${message} (${code}); check its validity dates and the clocks`,
      );
    if (TLS_CODE.test(code))
      return new TransportError('tls', `${url.origin}: TLS handshake failed: ${message} (${code})`);
  }
  return new TransportError('io', `${url.origin}: ${code ?? error.message}`);
}

/**
 * Keep-alive HTTP over `node:http` agents, one per scheme. Plain `node:http` rather than the global
 * `fetch`: `close()` can destroy the pooled sockets (so a program exits as soon as it closes its
 * client; the global fetch's pool cannot be reached without importing undici), connection errors
 * keep their `code` (ECONNREFUSED tells "never reached the node" apart from "broke mid-way"),
 * and there is no dependency to carry.
 */
export class HttpPool {
  private readonly http = new HttpAgent({ keepAlive: true, maxSockets: 64 });
  private readonly https: HttpsAgent;

  constructor(tls: HttpPoolTls = {}) {
    this.https = new HttpsAgent({
      keepAlive: true,
      maxSockets: 64,
      ...(tls.ca === undefined ? {} : { ca: [...tls.ca] }),
    });
  }

  /** Sends one request and reads the whole answer; rejects with {@link TransportError}. */
  async send(
    url: URL,
    method: string,
    headers: Record<string, string>,
    body: Uint8Array | undefined,
    timeoutMs: number,
  ): Promise<HttpAnswer> {
    const deadline = Date.now() + timeoutMs;
    try {
      return await this.exchange(url, method, headers, body, timeoutMs);
    } catch (error) {
      // A pooled connection the node closed while idle: the request never reached it, so it is
      // sent again once on a fresh connection (what Node's docs advise for `reusedSocket`).
      if (!(error instanceof StaleSocket)) throw error;
      return this.exchange(url, method, headers, body, Math.max(1, deadline - Date.now()), false);
    }
  }

  private exchange(
    url: URL,
    method: string,
    headers: Record<string, string>,
    body: Uint8Array | undefined,
    timeoutMs: number,
    mayBeStale = true,
  ): Promise<HttpAnswer> {
    return new Promise((resolve, reject) => {
      const secure = url.protocol === 'https:';
      const req = (secure ? httpsRequest : httpRequest)(url, {
        method,
        headers: body === undefined ? headers : { ...headers, 'content-length': String(body.byteLength) },
        agent: secure ? this.https : this.http,
      });
      let settled = false;
      const timer = setTimeout(() => {
        fail(new TransportError('timeout', `no answer from ${url.origin} within ${timeoutMs} ms`));
        req.destroy();
      }, timeoutMs);
      const fail = (error: TransportError) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(error);
      };
      req.on('error', (error: NodeJS.ErrnoException) => {
        if (mayBeStale && req.reusedSocket && error.code === 'ECONNRESET' && !settled) {
          settled = true;
          clearTimeout(timer);
          reject(new StaleSocket());
          return;
        }
        fail(transportError(url, error));
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (error) => fail(new TransportError('io', `${url.origin}: ${error.message}`)));
        res.on('end', () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
        });
      });
      req.end(body === undefined ? undefined : Buffer.from(body.buffer, body.byteOffset, body.byteLength));
    });
  }

  /** Closes every pooled connection. */
  close(): void {
    this.http.destroy();
    this.https.destroy();
  }
}

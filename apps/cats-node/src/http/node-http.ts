import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { membersView } from '../members-view.js';
import type { KvOp, KvOutcome, NodeMetrics } from '../metrics.js';
import { failureReason, type NodeHandle, type NodeStatus, type RingMember } from '../node-api.js';
import { renderClusterPage } from '../pages/cluster-page.js';
import { renderStatusLive, renderStatusPage } from '../pages/status-page.js';
import { discardBody, readBody } from './read-body.js';
import { HttpError, sendHtml, sendJson } from './respond.js';

/** The longest key, in UTF-8 bytes (`@kompics/dht`'s limit). */
export const MAX_KEY_BYTES = 1024;
/** The largest value, in bytes (`@kompics/dht`'s limit): 1 MiB. */
export const MAX_VALUE_BYTES = 1024 * 1024;

/** Settings of the node's HTTP side. */
export interface NodeHttpOptions {
  readonly logger: Logger;
  readonly metrics: NodeMetrics;
  /** When set, `/kv/*` requires `Authorization: Bearer <token>`. */
  readonly token?: string | undefined;
  readonly scheme: 'http' | 'https';
  readonly replicationDegree: number;
  readonly slices: number;
}

/** How long a status or member-table query may take before the request is answered 504. */
const QUERY_TIMEOUT_MS = 5_000;
/**
 * How long a key-value operation may take before the request is answered 504 (the node's own
 * operation timeout is shorter; this guards against a node that never answers).
 */
const OPERATION_TIMEOUT_MS = 15_000;

/** `promise`, or a 504 {@link HttpError} if it has not settled within `ms`. */
function answerWithin<T>(promise: Promise<T>, what: string, ms = QUERY_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new HttpError(504, `the node did not answer ${what} within ${ms} ms`)),
      ms,
    );
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

const ROUTES =
  'GET /, GET /cluster, GET /api/status, GET /api/members, GET|PUT|DELETE /kv/<key>, GET /metrics';
const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, PUT, DELETE, OPTIONS',
  'access-control-allow-headers': 'authorization, content-type',
  'access-control-expose-headers': 'x-cats-node',
};

function allow(method: string, allowed: readonly string[]): void {
  if (!allowed.includes(method)) {
    throw new HttpError(405, `method ${method} is not allowed here (allowed: ${allowed.join(', ')})`, {
      allow: allowed.join(', '),
    });
  }
}

/**
 * The HTTP error for a node operation's failure (`DhtError`): `timeout` 504; `unavailable` and
 * `rejected` (the node refuses to serve: not joined yet, or left; another node may) 503.
 */
function nodeFailure(error: unknown, node: NodeHandle | undefined): HttpError | undefined {
  const reason = failureReason(error);
  if (reason === undefined) return undefined;
  const message = `${reason}: ${error instanceof Error ? error.message : String(error)}`;
  const coordinator: Record<string, string> =
    node === undefined ? {} : { 'x-cats-node': node.self.address.key };
  return new HttpError(reason === 'timeout' ? 504 : 503, message, coordinator);
}

/** Every member a status names (itself, its neighbours, its groups' members), as ring members. */
function membersOfStatus(status: NodeStatus): RingMember[] {
  const all = [
    status.node,
    status.ring.predecessor,
    ...status.ring.successors,
    ...status.groups.flatMap((g) => g.members),
  ];
  const byAddress = new Map<string, RingMember>();
  for (const m of all) {
    if (m === null || byAddress.has(m.address)) continue;
    const at = m.address.lastIndexOf(':');
    const host = m.address.slice(0, at).replace(/^\[(.*)\]$/, '$1');
    byAddress.set(m.address, {
      id: m.id,
      address: { host, port: Number(m.address.slice(at + 1)), key: m.address },
    });
  }
  return [...byAddress.values()];
}

/**
 * The node's HTTP API and pages, as one request handler for the node's port (the network's
 * `httpHandler`). The handler exists before the node does (the node needs it to start), so
 * requests before {@link attach} are answered 503.
 */
export class NodeHttp {
  readonly #options: NodeHttpOptions;
  #node: NodeHandle | undefined;
  #stopping = false;

  constructor(options: NodeHttpOptions) {
    this.#options = options;
  }

  /** The request handler: every HTTP request on the node's port that is not a WebSocket upgrade. */
  readonly handler = (req: IncomingMessage, res: ServerResponse): void => {
    this.#serve(req, res).catch((error: unknown) => this.#fail(req, res, error));
  };

  /** Serves requests with this node from now on. */
  attach(node: NodeHandle): void {
    this.#node = node;
    this.#options.metrics.attach(node);
  }

  /** Answers 503 from now on (the node is leaving). */
  stopping(): void {
    this.#stopping = true;
  }

  #status(): Promise<NodeStatus> {
    return answerWithin(this.#live().status(), 'the status query');
  }

  #live(): NodeHandle {
    if (this.#node === undefined) throw new HttpError(503, 'the node is starting; try again shortly');
    if (this.#stopping) throw new HttpError(503, 'the node is shutting down');
    return this.#node;
  }

  async #serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
    const query = new URLSearchParams(q < 0 ? '' : rawUrl.slice(q + 1));
    if (method === 'OPTIONS') {
      discardBody(req);
      res.writeHead(204, CORS).end();
      return;
    }
    if (path.startsWith('/kv/')) {
      await this.#kv(req, res, method, path);
      return;
    }
    if (method !== 'GET' && method !== 'HEAD') discardBody(req);
    switch (path) {
      case '/': {
        allow(method, ['GET']);
        const status = await this.#status();
        if (query.get('live') === '1') {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
          res.end(renderStatusLive(status));
        } else sendHtml(res, renderStatusPage(status, { tokenRequired: this.#options.token !== undefined }));
        return;
      }
      case '/cluster':
        allow(method, ['GET']);
        sendHtml(res, renderClusterPage(await this.#status()));
        return;
      case '/api/status':
        allow(method, ['GET']);
        sendJson(res, 200, await this.#status(), CORS);
        return;
      case '/api/members': {
        allow(method, ['GET']);
        const node = this.#live();
        const status = await this.#status();
        const table = await answerWithin(node.members(), 'the member-table query').catch((error: unknown) => {
          // Without the router's table, the members the status names still draw the ring.
          this.#options.logger.warn(
            { err: error },
            'member table unavailable; using the members in the status',
          );
          return membersOfStatus(status);
        });
        const { scheme, replicationDegree, slices } = this.#options;
        sendJson(res, 200, membersView(table, status, scheme, replicationDegree, slices), CORS);
        return;
      }
      case '/metrics': {
        allow(method, ['GET']);
        const text = await this.#options.metrics.render();
        res.writeHead(200, { 'content-type': this.#options.metrics.contentType }).end(text);
        return;
      }
      case '/favicon.ico':
        res.writeHead(204).end();
        return;
      default:
        throw new HttpError(404, `no route ${method} ${path.slice(0, 200)} (routes: ${ROUTES})`);
    }
  }

  async #kv(req: IncomingMessage, res: ServerResponse, method: string, path: string): Promise<void> {
    if (method !== 'PUT') discardBody(req);
    allow(method, ['GET', 'PUT', 'DELETE']);
    const token = this.#options.token;
    if (token !== undefined && req.headers.authorization !== `Bearer ${token}`) {
      if (method === 'PUT') discardBody(req);
      throw new HttpError(
        401,
        req.headers.authorization === undefined
          ? 'this node requires a token: Authorization: Bearer <token>'
          : 'wrong token',
        { 'www-authenticate': 'Bearer' },
      );
    }
    const key = this.#key(path.slice(4), method === 'PUT' ? req : undefined);
    const node = this.#live();
    const value = method === 'PUT' ? await this.#value(req) : undefined;
    const op: KvOp = method === 'GET' ? 'get' : method === 'PUT' ? 'put' : 'delete';
    const started = process.hrtime.bigint();
    const done = (outcome: KvOutcome) =>
      this.#options.metrics.observe(op, outcome, Number(process.hrtime.bigint() - started) / 1e9);
    const coordinator = { 'x-cats-node': node.self.address.key };
    try {
      if (op === 'get') {
        const found = await answerWithin(node.get(key), 'the get', OPERATION_TIMEOUT_MS);
        if (found === undefined) {
          done('not_found');
          sendJson(res, 404, { error: 'not found' }, coordinator);
          return;
        }
        const body =
          typeof found === 'string'
            ? Buffer.from(found, 'utf8')
            : Buffer.from(found.buffer, found.byteOffset, found.byteLength);
        done('ok');
        res.writeHead(200, {
          'content-type': 'application/octet-stream',
          'content-length': body.length,
          'cache-control': 'no-store',
          ...coordinator,
        });
        res.end(body);
        return;
      }
      if (op === 'put')
        await answerWithin(node.put(key, value as Uint8Array), 'the put', OPERATION_TIMEOUT_MS);
      else await answerWithin(node.delete(key), 'the delete', OPERATION_TIMEOUT_MS);
      done('ok');
      res.writeHead(204, coordinator).end();
    } catch (error) {
      done(failureReason(error) ?? 'error');
      throw error;
    }
  }

  /** Decodes and checks a key; on a refused PUT the body is drained without being kept. */
  #key(raw: string, body: IncomingMessage | undefined): string {
    const refuse = (error: HttpError): never => {
      if (body !== undefined) discardBody(body);
      throw error;
    };
    if (raw.length === 0) return refuse(new HttpError(400, 'the key is empty: use /kv/<key>'));
    // A key of 1024 bytes is at most 3 * 1024 characters percent-encoded; refuse longer before decoding.
    if (raw.length > 3 * MAX_KEY_BYTES) {
      return refuse(new HttpError(413, `a key is at most ${MAX_KEY_BYTES} UTF-8 bytes; this one is longer`));
    }
    let key: string;
    try {
      key = decodeURIComponent(raw);
    } catch {
      return refuse(new HttpError(400, 'the key is not valid percent-encoded UTF-8'));
    }
    const size = Buffer.byteLength(key, 'utf8');
    if (size > MAX_KEY_BYTES) {
      return refuse(new HttpError(413, `a key is at most ${MAX_KEY_BYTES} UTF-8 bytes; this one is ${size}`));
    }
    return key;
  }

  async #value(req: IncomingMessage): Promise<Uint8Array> {
    const body = await readBody(req, MAX_VALUE_BYTES, 'a value');
    const type = req.headers['content-type'] ?? '';
    if (/^application\/(.+\+)?json\b/i.test(type)) {
      try {
        JSON.parse(body.toString('utf8'));
      } catch (error) {
        throw new HttpError(400, `malformed JSON body (content-type ${type}): ${(error as Error).message}`);
      }
    }
    return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  }

  #fail(req: IncomingMessage, res: ServerResponse, error: unknown): void {
    const { logger, metrics } = this.#options;
    const http = error instanceof HttpError ? error : nodeFailure(error, this.#node);
    const status = http?.status ?? 500;
    const message = http?.message ?? 'internal error';
    const line = { method: req.method, url: (req.url ?? '').slice(0, 200), status, error: message };
    if (http === undefined) logger.error({ ...line, err: error }, 'request failed');
    else logger.warn(line, 'request rejected');
    metrics.rejected(status);
    if (!req.complete) discardBody(req);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    sendJson(res, status, { error: message }, http?.headers ?? {});
  }
}

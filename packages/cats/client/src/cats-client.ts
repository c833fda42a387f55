import { ringHash } from '@kompics/ring';
import { CatsClientError } from './client-error.js';
import { type HttpAnswer, HttpPool, TransportError } from './http.js';
import { MemberTable } from './member-table.js';
import type { ResolvedOptions } from './options.js';
import { type CatsValue, checkKey, valueBytes } from './validate.js';
import { type MembersResponse, type NodeStatus, parseBootstrapNodes, parseMembers } from './wire.js';

/** How long a member that refused a connection is skipped, in milliseconds. */
const DOWN_MS = 1_000;
/** Time budget of one member-table request during a refresh, in milliseconds. */
const REFRESH_REQUEST_MS = 2_000;

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

function errorMessage(answer: HttpAnswer): string {
  try {
    const json = JSON.parse(answer.body.toString('utf8')) as { error?: unknown };
    if (typeof json.error === 'string') return json.error;
  } catch {
    // not JSON: fall through
  }
  return `HTTP ${answer.status}`;
}

/**
 * A connection to a CATS cluster (made by {@link connect}). Each operation goes in one hop to a
 * member of the key's replica group, as the member table says; when that member is down or its
 * group unavailable, the client refreshes the table and tries another, within the operation's
 * time budget and retry count. Safe to use from many concurrent callers.
 *
 * Retries never repeat a write the client gave up waiting for: a write is retried only after a
 * node has answered (503/504) or could not be reached, so a completed operation never has a
 * stray earlier attempt still running behind it.
 */
export class CatsClient {
  private readonly pool: HttpPool;
  private readonly table: MemberTable;
  private readonly down = new Map<string, number>();
  private refreshing: Promise<boolean> | undefined;
  private lastRefresh = 0;
  private closed = false;
  /** @internal The last refusal (401) a table request got, reported by {@link connect} when no node answered. */
  refusal: string | undefined;
  /** @internal The last TLS failure (e.g. an untrusted certificate) a table request got, reported by {@link connect}. */
  tlsFailure: string | undefined;

  /** @internal Use {@link connect}. */
  constructor(private readonly options: ResolvedOptions) {
    // One pool for every request: operations, status, and the member-table and bootstrap fetches.
    this.pool = new HttpPool({ ca: options.ca });
    const first = options.bootstrap ?? options.seeds[0];
    this.table = new MemberTable(first?.protocol ?? 'http:');
  }

  /** Stores `value` under `key` (a string is stored as its UTF-8 bytes). */
  async put(key: string, value: CatsValue): Promise<void> {
    checkKey(key);
    const body = valueBytes(value);
    await this.operate('PUT', key, body);
  }

  /** The value stored under `key`, or `undefined` when there is none. */
  async get(key: string): Promise<Uint8Array | undefined> {
    checkKey(key);
    const answer = await this.operate('GET', key, undefined);
    if (answer.status === 404) return undefined;
    return new Uint8Array(answer.body.buffer, answer.body.byteOffset, answer.body.byteLength);
  }

  /** {@link get}, decoded as UTF-8 text. */
  async getString(key: string): Promise<string | undefined> {
    const bytes = await this.get(key);
    return bytes === undefined
      ? undefined
      : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  }

  /** Removes `key` (succeeds when it is already absent). */
  async delete(key: string): Promise<void> {
    checkKey(key);
    await this.operate('DELETE', key, undefined);
  }

  /** A node's status (`GET /api/status`): the given node's URL, or else any member's. */
  async status(node?: string): Promise<NodeStatus> {
    this.checkOpen();
    const targets = node === undefined ? shuffle(this.liveUrls()) : [new URL(node).origin];
    let last: CatsClientError | undefined;
    for (const url of targets) {
      try {
        const answer = await this.pool.send(
          new URL('/api/status', url),
          'GET',
          this.headers(),
          undefined,
          this.options.timeoutMs,
        );
        if (answer.status === 200) return JSON.parse(answer.body.toString('utf8')) as NodeStatus;
        last = new CatsClientError(
          answer.status === 401 ? 'rejected' : 'unavailable',
          `${url}: ${errorMessage(answer)}`,
          {
            status: answer.status,
            node: url,
          },
        );
      } catch (error) {
        last = this.transportFailure(error, url, 1);
      }
    }
    throw last ?? new CatsClientError('no-nodes', 'no node is known');
  }

  /** Fetches the member table again now; resolves to whether some node answered. */
  refresh(): Promise<boolean> {
    this.refreshing ??= this.fetchTable().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  /** The URLs of the members the client knows. */
  nodes(): string[] {
    return this.table.allUrls();
  }

  /** The URLs of the replica group the client would send `key` to. */
  groupOf(key: string): string[] {
    return this.table.groupFor(ringHash(checkKey(key)));
  }

  /** Closes the client's connections; later operations reject. */
  close(): void {
    this.closed = true;
    this.pool.close();
  }

  private checkOpen(): void {
    if (this.closed) throw new CatsClientError('rejected', 'the client is closed');
  }

  private headers(): Record<string, string> {
    const token = this.options.token;
    return token === undefined ? {} : { authorization: `Bearer ${token}` };
  }

  private isDown(url: string, now: number): boolean {
    const until = this.down.get(url);
    if (until === undefined) return false;
    if (until > now) return true;
    this.down.delete(url);
    return false;
  }

  private liveUrls(): string[] {
    const now = Date.now();
    const known = this.table.allUrls();
    const all = known.length > 0 ? known : this.options.seeds.map((u) => u.origin);
    const live = all.filter((u) => !this.isDown(u, now));
    return live.length > 0 ? live : all;
  }

  /** The next member to try for ring position `hash`: its group first, then anyone, skipping members tried or down. */
  private pick(hash: number, tried: ReadonlySet<string>): string | undefined {
    const now = Date.now();
    const fresh = (urls: string[]) => shuffle(urls.filter((u) => !tried.has(u) && !this.isDown(u, now)));
    return (
      fresh(this.table.groupFor(hash))[0] ??
      fresh(this.liveUrls())[0] ??
      shuffle(this.table.groupFor(hash).filter((u) => !tried.has(u)))[0] ??
      shuffle(this.table.groupFor(hash))[0] ??
      shuffle(this.liveUrls())[0]
    );
  }

  private async operate(
    method: 'GET' | 'PUT' | 'DELETE',
    key: string,
    body: Uint8Array | undefined,
  ): Promise<HttpAnswer> {
    this.checkOpen();
    const { timeoutMs, retries, refreshIntervalMs } = this.options;
    const deadline = Date.now() + timeoutMs;
    const hash = ringHash(key);
    const path = `/kv/${encodeURIComponent(key)}`;
    const headers =
      body === undefined ? this.headers() : { ...this.headers(), 'content-type': 'application/octet-stream' };
    const tried = new Set<string>();
    let last: CatsClientError | undefined;
    for (let attempt = 1; attempt <= retries + 1; attempt++) {
      if (refreshIntervalMs > 0 && Date.now() - this.lastRefresh > refreshIntervalMs) void this.refresh();
      const url = this.pick(hash, tried);
      if (url === undefined) throw new CatsClientError('no-nodes', 'no node is known');
      tried.add(url);
      const remaining = deadline - Date.now();
      if (remaining <= 0) break;
      try {
        const answer = await this.pool.send(new URL(path, url), method, headers, body, remaining);
        if ((answer.status >= 200 && answer.status < 300) || (answer.status === 404 && method === 'GET'))
          return answer;
        const message = `${method} ${JSON.stringify(key)} at ${url}: ${errorMessage(answer)}`;
        const details = { status: answer.status, node: url, attempts: attempt };
        if (answer.status === 503) last = new CatsClientError('unavailable', message, details);
        else if (answer.status === 504) last = new CatsClientError('timeout', message, details);
        else throw new CatsClientError('rejected', message, details);
        void this.refresh();
      } catch (error) {
        if (error instanceof CatsClientError) throw error;
        last = this.transportFailure(error, url, attempt);
        if (last.code === 'timeout') throw last;
        if (error instanceof TransportError && error.kind === 'connect')
          this.down.set(url, Date.now() + DOWN_MS);
        // A member went away: learn the new table before choosing the next one.
        await Promise.race([this.refresh(), delay(Math.max(0, deadline - Date.now()))]);
      }
      const pause = Math.min(10 * 2 ** (attempt - 1), 200, deadline - Date.now());
      if (pause > 0 && attempt <= retries) await delay(pause * (0.5 + Math.random() / 2));
    }
    throw (
      last ??
      new CatsClientError('timeout', `${method} ${JSON.stringify(key)}: no answer within ${timeoutMs} ms`, {
        attempts: tried.size,
      })
    );
  }

  private transportFailure(error: unknown, url: string, attempts: number): CatsClientError {
    if (error instanceof TransportError) {
      const code = error.kind === 'timeout' ? 'timeout' : 'unavailable';
      return new CatsClientError(code, error.message, { node: url, attempts });
    }
    throw error;
  }

  private async fetchTable(): Promise<boolean> {
    if (this.closed) return false;
    const timeout = Math.min(REFRESH_REQUEST_MS, this.options.timeoutMs);
    const ask = async (url: string): Promise<boolean> => {
      try {
        const answer = await this.pool.send(
          new URL('/api/members', url),
          'GET',
          this.headers(),
          undefined,
          timeout,
        );
        if (answer.status === 401)
          this.refusal = `${url}: ${errorMessage(answer)} (a token is required or wrong)`;
        if (answer.status !== 200) return false;
        this.table.merge(parseMembers(JSON.parse(answer.body.toString('utf8'))));
        this.lastRefresh = Date.now();
        return true;
      } catch (error) {
        if (error instanceof TransportError && error.kind === 'tls') this.tlsFailure = error.message;
        if (error instanceof TransportError && error.kind !== 'timeout')
          this.down.set(url, Date.now() + DOWN_MS);
        return false;
      }
    };
    const known = shuffle(this.liveUrls());
    for (const url of known.slice(0, 3)) if (await ask(url)) return true;
    if (this.options.bootstrap !== undefined && !this.closed) {
      try {
        const answer = await this.pool.send(
          new URL('/api/nodes', this.options.bootstrap),
          'GET',
          this.headers(),
          undefined,
          timeout,
        );
        if (answer.status === 401)
          this.refusal = `${this.options.bootstrap.origin}: ${errorMessage(answer)} (a token is required or wrong)`;
        if (answer.status === 200) {
          const urls = shuffle(parseBootstrapNodes(JSON.parse(answer.body.toString('utf8'))));
          for (const url of urls.filter((u) => !known.slice(0, 3).includes(u)).slice(0, 3))
            if (await ask(url)) return true;
        }
      } catch (error) {
        // bootstrap server unreachable: keep the table held
        if (error instanceof TransportError && error.kind === 'tls') this.tlsFailure = error.message;
      }
    }
    for (const url of known.slice(3)) if (await ask(url)) return true;
    return false;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export type { MembersResponse };

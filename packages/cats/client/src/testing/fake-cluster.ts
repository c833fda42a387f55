import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { MAX_KEY_BYTES, MAX_VALUE_BYTES } from '@kompics/dht';
import { RING_SIZE, ringHash } from '@kompics/ring';
import type { Member, MembersResponse, NodeStatus, SliceEntry } from '../wire.js';

/** Options of {@link startFakeCluster}. */
export interface FakeClusterOptions {
  /** How many fake nodes (default 3). */
  readonly nodes?: number;
  /** How many equal key ranges the ring is cut into (default 8). */
  readonly slices?: number;
  /** Replica group size (default 3, capped at the node count). */
  readonly replicationDegree?: number;
  /** When set, every request must carry `Authorization: Bearer <token>`. */
  readonly token?: string;
  /** When true, a node answers 503 to a key whose group it is not in (as a node that stopped serving a range). */
  readonly strict?: boolean;
  /** Also start a fake bootstrap server (default true). */
  readonly bootstrap?: boolean;
  /**
   * Serve HTTPS with this key and certificate (PEM; the certificate must name 127.0.0.1), for
   * the nodes and the bootstrap server alike; their URLs are then `https://`. Default: plain HTTP.
   */
  readonly tls?: { readonly key: string | Uint8Array; readonly cert: string | Uint8Array };
}

/** How one fake node behaves, changeable during a test. */
export interface FakeNodeBehaviour {
  /** Wait this long before answering a `/kv/` request. */
  delayMs?: number;
  /** Answer every `/kv/` request with this status (e.g. 503) instead of serving it. */
  failWith?: number;
  /** Serve this member table instead of the cluster's (a lagging node). */
  table?: MembersResponse;
  /** Cut the connection of the next `/kv/` request without answering (as a node closing an idle keep-alive connection). */
  resetNext?: boolean;
}

/** One fake node. */
export interface FakeNode {
  readonly index: number;
  readonly url: string;
  readonly address: string;
  readonly id: number;
  /** `/kv/` requests this node received, as `METHOD key`. */
  readonly requests: string[];
  behaviour: FakeNodeBehaviour;
  /** Whether its server is listening. */
  readonly up: boolean;
}

/**
 * An in-process stand-in for a CATS cluster that speaks the HTTP API of
 * docs/deployment-contract.md: `/kv/:key`, `/api/members`, `/api/status`, and a bootstrap
 * server's `/api/nodes`, over one shared map (so it is trivially linearizable). For tests of
 * clients and tools; it does no replication.
 */
export class FakeCluster {
  /** The shared store. */
  readonly store = new Map<string, Buffer>();
  readonly nodes: FakeNode[] = [];
  /** The bootstrap server's URL (when started). */
  bootstrapUrl: string | undefined;
  private readonly servers: (Server | undefined)[] = [];
  private bootstrapServer: Server | undefined;
  private slices: SliceEntry[] = [];
  private readonly options: Required<Omit<FakeClusterOptions, 'token' | 'tls'>> & {
    token: string | undefined;
    tls: FakeClusterOptions['tls'] | undefined;
  };

  constructor(options: FakeClusterOptions = {}) {
    const nodes = options.nodes ?? 3;
    this.options = {
      nodes,
      slices: options.slices ?? 8,
      replicationDegree: Math.min(options.replicationDegree ?? 3, nodes),
      token: options.token,
      strict: options.strict ?? false,
      bootstrap: options.bootstrap ?? true,
      tls: options.tls,
    };
  }

  private serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Server {
    const tls = this.options.tls;
    if (tls === undefined) return createServer(handler);
    return createHttpsServer({ key: Buffer.from(tls.key), cert: Buffer.from(tls.cert) }, handler);
  }

  private get scheme(): string {
    return this.options.tls === undefined ? 'http' : 'https';
  }

  /** Starts the servers on loopback ports. */
  async start(): Promise<this> {
    for (let i = 0; i < this.options.nodes; i++) {
      const server = this.serve((req, res) => this.serveNode(i, req, res));
      const port = await listen(server, 0);
      this.servers[i] = server;
      const address = `127.0.0.1:${port}`;
      const node = {
        index: i,
        url: `${this.scheme}://${address}`,
        address,
        id: ringHash(address),
        requests: [],
        behaviour: {},
        up: true,
      };
      this.nodes.push(node);
    }
    this.slices = this.computeSlices();
    if (this.options.bootstrap) {
      this.bootstrapServer = this.serve((req, res) => this.serveBootstrap(req, res));
      this.bootstrapUrl = `${this.scheme}://127.0.0.1:${await listen(this.bootstrapServer, 0)}`;
    }
    return this;
  }

  /** The member table every node serves (unless its behaviour overrides it). */
  table(): MembersResponse {
    return {
      members: this.nodes.filter((n) => n.up).map((n) => member(n)),
      replicationDegree: this.options.replicationDegree,
      slices: this.slices.map((s) => ({ ...s, members: [...s.members] })),
    };
  }

  /** The indices of the nodes in the group of the range holding `key`. */
  groupOf(key: string): number[] {
    const slice = this.sliceOf(ringHash(key));
    return slice.members.map((a) => this.nodes.findIndex((n) => n.address === a));
  }

  /** Gives the range holding `key` a new group (the listed node indices) in a newer view. */
  reassign(key: string, nodeIndices: readonly number[]): void {
    const slice = this.sliceOf(ringHash(key));
    const i = this.slices.indexOf(slice);
    this.slices[i] = {
      from: slice.from,
      to: slice.to,
      members: nodeIndices.map((n) => this.nodes[n]!.address),
      view: (slice.view ?? 0) + 1,
    };
  }

  /** Stops node `index`'s server (its connections are cut): the node is down. */
  async stopNode(index: number): Promise<void> {
    const server = this.servers[index];
    if (server === undefined) return;
    this.servers[index] = undefined;
    (this.nodes[index] as { up: boolean }).up = false;
    // As the real cluster does after a while: groups re-form without the node, in newer views.
    const views = this.slices.map((s) => s.view ?? 0);
    this.slices = this.computeSlices().map((s, i) => ({ ...s, view: views[i]! + 1 }));
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Stops every server. */
  async close(): Promise<void> {
    for (const n of this.nodes) await this.stopNode(n.index);
    const b = this.bootstrapServer;
    if (b !== undefined) {
      b.closeAllConnections();
      await new Promise<void>((resolve) => b.close(() => resolve()));
    }
  }

  private sliceOf(hash: number): SliceEntry {
    const width = RING_SIZE / this.options.slices;
    const i = Math.ceil(hash / width) - 1;
    return this.slices[(i + this.options.slices) % this.options.slices]!;
  }

  private computeSlices(): SliceEntry[] {
    const sorted = this.nodes.filter((n) => n.up).sort((a, b) => a.id - b.id);
    const width = RING_SIZE / this.options.slices;
    const slices: SliceEntry[] = [];
    for (let i = 0; i < this.options.slices; i++) {
      const from = (i * width) % RING_SIZE;
      const to = ((i + 1) * width) % RING_SIZE;
      // Responsible: the first node at or after `to`, then its successors.
      let first = sorted.findIndex((n) => n.id >= to);
      if (first < 0) first = 0;
      const members = [];
      for (let k = 0; k < Math.min(this.options.replicationDegree, sorted.length); k++)
        members.push(sorted[(first + k) % sorted.length]!.address);
      slices.push({ from, to, members, view: 1 });
    }
    return slices;
  }

  private authorized(req: IncomingMessage, res: ServerResponse): boolean {
    if (this.options.token === undefined || req.headers.authorization === `Bearer ${this.options.token}`)
      return true;
    json(res, 401, { error: 'token required' });
    return false;
  }

  private serveBootstrap(req: IncomingMessage, res: ServerResponse): void {
    if (!this.authorized(req, res)) return;
    if (req.method === 'GET' && req.url === '/api/nodes') {
      json(res, 200, {
        nodes: this.nodes
          .filter((n) => n.up)
          .map((n) => ({ address: n.address, url: n.url, lastSeenMsAgo: 0 })),
      });
    } else json(res, 404, { error: 'unknown route' });
  }

  private serveNode(index: number, req: IncomingMessage, res: ServerResponse): void {
    const node = this.nodes[index]!;
    res.setHeader('x-cats-node', node.address);
    if (!this.authorized(req, res)) return;
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/api/members' && req.method === 'GET') {
      json(res, 200, node.behaviour.table ?? this.table());
      return;
    }
    if (url.pathname === '/api/status' && req.method === 'GET') {
      json(res, 200, this.status(node));
      return;
    }
    if (!url.pathname.startsWith('/kv/')) {
      json(res, 404, { error: 'unknown route' });
      return;
    }
    let key: string;
    try {
      key = decodeURIComponent(url.pathname.slice(4));
    } catch {
      json(res, 400, { error: 'malformed key' });
      return;
    }
    if (key.length === 0 || Buffer.byteLength(key) > MAX_KEY_BYTES) {
      json(res, 400, { error: `a key is 1..${MAX_KEY_BYTES} bytes` });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.byteLength;
      if (size <= MAX_VALUE_BYTES) chunks.push(c);
    });
    req.on('end', () => {
      node.requests.push(`${req.method} ${key}`);
      if (node.behaviour.resetNext === true) {
        node.behaviour.resetNext = false;
        req.socket.destroy();
        return;
      }
      const answer = () => {
        if (!node.up) return;
        if (node.behaviour.failWith !== undefined) {
          json(res, node.behaviour.failWith, {
            error: node.behaviour.failWith === 504 ? 'timeout' : 'unavailable',
          });
          return;
        }
        if (this.options.strict && !this.groupOf(key).includes(index)) {
          json(res, 503, { error: 'not serving this range' });
          return;
        }
        this.serveKv(req.method ?? 'GET', key, chunks, size, res);
      };
      if (node.behaviour.delayMs !== undefined) setTimeout(answer, node.behaviour.delayMs);
      else answer();
    });
  }

  private serveKv(method: string, key: string, chunks: Buffer[], size: number, res: ServerResponse): void {
    switch (method) {
      case 'GET': {
        const value = this.store.get(key);
        if (value === undefined) json(res, 404, { error: 'not found' });
        else {
          res.writeHead(200, {
            'content-type': 'application/octet-stream',
            'content-length': value.byteLength,
          });
          res.end(value);
        }
        return;
      }
      case 'PUT':
        if (size > MAX_VALUE_BYTES) {
          json(res, 413, { error: `a value is at most ${MAX_VALUE_BYTES} bytes` });
          return;
        }
        this.store.set(key, Buffer.concat(chunks));
        res.writeHead(204).end();
        return;
      case 'DELETE':
        this.store.delete(key);
        res.writeHead(204).end();
        return;
      default:
        json(res, 405, { error: `method ${method} not allowed` });
    }
  }

  private status(node: FakeNode): NodeStatus {
    const sorted = this.nodes.filter((n) => n.up).sort((a, b) => a.id - b.id);
    const at = sorted.indexOf(node);
    const pred = sorted[(at - 1 + sorted.length) % sorted.length];
    return {
      node: { id: node.id, address: node.address, url: node.url, startedAt: 0, uptimeMs: 0 },
      ring: {
        joined: true,
        predecessor: pred === undefined ? null : member(pred),
        successors: sorted
          .slice(at + 1)
          .concat(sorted.slice(0, at))
          .map(member),
      },
      groups: this.slices
        .map((s, slice) => ({ s, slice }))
        .filter(({ s }) => s.members.includes(node.address))
        .map(({ s, slice }) => ({
          slice,
          from: s.from,
          to: s.to,
          view: s.view ?? null,
          serving: true,
          members: s.members.map((a) => member(this.nodes.find((n) => n.address === a)!)),
        })),
      store: {
        entries: this.store.size,
        bytes: [...this.store.values()].reduce((sum, v) => sum + v.byteLength, 0),
      },
      suspected: this.nodes.filter((n) => !n.up).map((n) => n.address),
      counters: { requests: node.requests.length },
      bootstrap: this.bootstrapUrl ?? null,
    };
  }
}

function member(n: FakeNode): Member {
  return { id: n.id, address: n.address, url: n.url };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/** Starts a {@link FakeCluster}. */
export function startFakeCluster(options: FakeClusterOptions = {}): Promise<FakeCluster> {
  return new FakeCluster(options).start();
}

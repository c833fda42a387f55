import { Agent, request } from 'node:http';
import { connect as netConnect, type Socket } from 'node:net';
import { Rng } from './rng.js';

/** Options of {@link fuzzHttp}. */
export interface HttpFuzzOptions {
  /** `http://host:port` of the node. */
  readonly url: string;
  /** Hostile requests in all (huge values: a few dozen of them at most). */
  readonly requests: number;
  /** Requests at a time. Default 16. */
  readonly concurrency?: number;
  readonly seed?: number;
  /** Bearer token to send (so the requests reach the API's validation). */
  readonly token?: string;
}

/** What the HTTP fuzzer sent and what the node answered. */
export interface HttpFuzzReport {
  readonly sent: number;
  /** Answers by HTTP status (`error` when the connection failed). */
  readonly statuses: Readonly<Record<string, number>>;
  /** Requests by generator. */
  readonly byKind: Readonly<Record<string, number>>;
  /** Answers by generator and status (`kind status`). */
  readonly byKindStatus: Readonly<Record<string, number>>;
  /** Requests the API must reject (4xx): each should be one log line. */
  readonly expectedRejections: number;
  /** Of those, answered with a 4xx. */
  readonly rejected: number;
  /** Answers that were neither 4xx nor a connection error on a request meant to be rejected: 5xx, 2xx. */
  readonly unexpected: readonly string[];
  /** Raw requests that are not HTTP at all (answered by the HTTP parser, not the API: no app log line). */
  readonly rawGarbage: number;
}

interface HostileRequest {
  readonly kind: string;
  readonly method: string;
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: Buffer | string;
}

const MAX_VALUE = 1024 * 1024;

function badKey(rng: Rng): string {
  switch (rng.int(6)) {
    case 0:
      return ''; // empty key
    case 1:
      return 'k'.repeat(1025 + rng.int(3000)); // over 1024 bytes
    case 2:
      return `a%${'ZZ'}${rng.int(100)}`; // broken percent-encoding
    case 3:
      return `%ED%A0%80${rng.int(1000)}`; // an encoded lone surrogate: not UTF-8
    case 4:
      return `%C0%AF${rng.int(1000)}`; // overlong UTF-8
    default:
      return `%FF%FE${rng.int(1000)}`; // invalid UTF-8 bytes
  }
}

function hostile(rng: Rng, hugeLeft: { n: number }): HostileRequest {
  const pick = rng.int(100);
  if (pick < 40) {
    const method = ['GET', 'PUT', 'DELETE'][rng.int(3)] as string;
    return {
      kind: 'bad-key',
      method,
      path: `/kv/${badKey(rng)}`,
      ...(method === 'PUT' ? { body: 'v' } : {}),
    };
  }
  if (pick < 55) {
    return {
      kind: 'bad-json',
      method: 'PUT',
      path: `/kv/fuzz-json-${rng.int(100)}`,
      headers: { 'content-type': 'application/json' },
      body: ['{', '{"a":', '[1,2', 'nul', '{"a" 1}', "{'a':1}", '\u0000', '"unterminated'][
        rng.int(8)
      ] as string,
    };
  }
  if (pick < 65) {
    if (hugeLeft.n > 0) {
      hugeLeft.n--;
      return {
        kind: 'huge-value',
        method: 'PUT',
        path: '/kv/fuzz-huge',
        body: Buffer.alloc(MAX_VALUE + 1 + rng.int(4096), 7),
      };
    }
    return {
      kind: 'huge-declared-length',
      method: 'PUT',
      path: '/kv/fuzz-huge',
      headers: { 'content-length': String(MAX_VALUE + 1 + rng.int(1e9)) },
    };
  }
  if (pick < 80) {
    const method = ['POST', 'PATCH', 'PUT', 'DELETE'][rng.int(4)] as string;
    const path = ['/api/status', '/api/members', '/metrics'][rng.int(3)] as string;
    return { kind: 'bad-method', method, path };
  }
  return {
    kind: 'unknown-route',
    method: 'GET',
    path: `/${rng.string(1 + rng.int(12)).replace(/[^a-z0-9]/gi, 'x')}/${rng.int(1e6)}`,
  };
}

function send(
  agent: Agent,
  base: URL,
  req: HostileRequest,
  token: string | undefined,
): Promise<number | 'error'> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = { ...(req.headers ?? {}) };
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    const r = request(
      {
        host: base.hostname,
        port: base.port,
        method: req.method,
        path: req.path,
        headers,
        agent,
        timeout: 10_000,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve('error'));
      },
    );
    r.on('timeout', () => r.destroy(new Error('timeout')));
    r.on('error', () => resolve('error'));
    if (req.headers?.['content-length'] !== undefined) {
      // Declared but never sent: the node must answer from the header alone (or we give up).
      r.flushHeaders();
      setTimeout(() => r.destroy(), 2_000);
      return;
    }
    r.end(req.body);
  });
}

/** Raw bytes that are not an HTTP request at all, or a request line with a bad method token (the HTTP parser answers, not the API). */
function rawGarbage(base: URL, rng: Rng): Promise<void> {
  return new Promise((resolve) => {
    const socket = netConnect(Number(base.port), base.hostname);
    const done = () => {
      socket.destroy();
      resolve();
    };
    socket.setTimeout(3_000, done);
    socket.on('error', done);
    socket.on('close', done);
    socket.on('data', done);
    const junk = rng.chance(0.5)
      ? rng.bytes(1 + rng.int(200))
      : Buffer.from(`${['FROB', 'G E T', 'GET\u0000'][rng.int(3)]} /kv/x HTTP/1.1\r\nHost: x\r\n`);
    socket.on('connect', () => socket.end(Buffer.concat([junk, Buffer.from('\r\n\r\n')])));
  });
}

/**
 * Sends hostile requests to a node's HTTP API: bad keys (empty, over 1024 bytes, broken
 * percent-encoding, invalid UTF-8), bad JSON bodies, values over 1 MiB (and declared lengths
 * over it), wrong methods, unknown routes, and raw non-HTTP bytes.
 */
export async function fuzzHttp(options: HttpFuzzOptions): Promise<HttpFuzzReport> {
  const base = new URL(options.url);
  const rng = new Rng(options.seed ?? 0xf22);
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency ?? 16 });
  const statuses: Record<string, number> = {};
  const byKind: Record<string, number> = {};
  const byKindStatus: Record<string, number> = {};
  const unexpected: string[] = [];
  const hugeLeft = { n: 40 };
  let sent = 0;
  let expected = 0;
  let rejected = 0;
  let raw = 0;
  const worker = async () => {
    while (sent < options.requests) {
      sent++;
      if (rng.chance(0.02)) {
        raw++;
        byKind['raw-garbage'] = (byKind['raw-garbage'] ?? 0) + 1;
        await rawGarbage(base, rng);
        continue;
      }
      const req = hostile(rng, hugeLeft);
      byKind[req.kind] = (byKind[req.kind] ?? 0) + 1;
      expected++;
      const status = await send(agent, base, req, options.token);
      statuses[String(status)] = (statuses[String(status)] ?? 0) + 1;
      byKindStatus[`${req.kind} ${status}`] = (byKindStatus[`${req.kind} ${status}`] ?? 0) + 1;
      if (typeof status === 'number' && status >= 400 && status < 500) rejected++;
      else if (status !== 'error' && unexpected.length < 20) {
        unexpected.push(`${req.kind}: ${req.method} ${req.path.slice(0, 80)} -> ${status}`);
      }
    }
  };
  try {
    await Promise.all([...Array(options.concurrency ?? 16).keys()].map(worker));
  } finally {
    agent.destroy();
  }
  return {
    sent,
    statuses,
    byKind,
    byKindStatus,
    expectedRejections: expected,
    rejected,
    unexpected,
    rawGarbage: raw,
  };
}

/** Options of {@link slowClients}. */
export interface SlowClientOptions {
  readonly url: string;
  /** Sockets that trickle a request a byte at a time. Default 50. */
  readonly sockets?: number;
  /** Between two bytes, ms. Default 500. */
  readonly intervalMs?: number;
}

/**
 * Opens sockets that send a request one byte at a time (slowloris) and keep them open until
 * `stop()`. Returns how many the node had closed by then.
 */
export function slowClients(options: SlowClientOptions): { stop(): number } {
  const base = new URL(options.url);
  const request = Buffer.from(
    `PUT /kv/slow HTTP/1.1\r\nHost: ${base.host}\r\nContent-Length: 100000\r\nX-Slow: ${'a'.repeat(4000)}\r\n\r\n`,
  );
  const sockets: Socket[] = [];
  let closedByNode = 0;
  for (let i = 0; i < (options.sockets ?? 50); i++) {
    const socket = netConnect(Number(base.port), base.hostname);
    let at = 0;
    const timer = setInterval(() => {
      if (socket.destroyed) return clearInterval(timer);
      socket.write(request.subarray(at % request.length, (at % request.length) + 1));
      at++;
    }, options.intervalMs ?? 500);
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(timer);
      closedByNode++;
    });
    sockets.push(socket);
  }
  return {
    stop() {
      const closed = closedByNode;
      for (const s of sockets) s.destroy();
      return closed;
    },
  };
}

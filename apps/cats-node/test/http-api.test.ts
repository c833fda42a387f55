// The HTTP API against an in-memory node: routes, limits, errors, token, metrics.
import { createServer, request as httpRequest, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeHttp } from '../src/http/node-http.js';
import type { MembersView } from '../src/members-view.js';
import { NodeMetrics } from '../src/metrics.js';
import type { NodeStatus } from '../src/node-api.js';
import { FakeDhtError, FakeNode } from './support/fake-node.js';

interface Served {
  server: Server;
  base: string;
  node: FakeNode;
  lines: Array<Record<string, unknown>>;
}

async function serve(token?: string): Promise<Served> {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  const http = new NodeHttp({
    logger,
    metrics: new NodeMetrics(),
    token,
    scheme: 'http',
    replicationDegree: 3,
    slices: 8,
  });
  const server = createServer(http.handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const node = new FakeNode(port);
  http.attach(node);
  return { server, base: `http://127.0.0.1:${port}`, node, lines };
}

/** A raw request, to send bodies fetch would not (declared lengths, chunked streams). */
function raw(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string | number>,
  write: (req: ReturnType<typeof httpRequest>) => void,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    write(req);
  });
}

async function errorOf(res: Response): Promise<string> {
  return ((await res.json()) as { error: string }).error;
}

let s: Served;
beforeAll(async () => {
  s = await serve();
});
afterAll(() => {
  s.server.close();
});

describe('key-value API', () => {
  it('puts, gets and deletes bytes, naming the coordinator', async () => {
    const put = await fetch(`${s.base}/kv/greeting`, { method: 'PUT', body: 'hello wörld' });
    expect(put.status).toBe(204);
    expect(put.headers.get('x-cats-node')).toBe(s.node.self.address.key);
    const get = await fetch(`${s.base}/kv/greeting`);
    expect(get.status).toBe(200);
    expect(get.headers.get('content-type')).toBe('application/octet-stream');
    expect(await get.text()).toBe('hello wörld');
    expect((await fetch(`${s.base}/kv/greeting`, { method: 'DELETE' })).status).toBe(204);
    const gone = await fetch(`${s.base}/kv/greeting`);
    expect(gone.status).toBe(404);
    expect(await gone.json()).toEqual({ error: 'not found' });
  });

  it('keeps binary values exact and decodes percent-encoded keys', async () => {
    const bytes = new Uint8Array([0, 255, 1, 254, 10, 13]);
    const key = 'dir/ключ ✓';
    expect(
      (await fetch(`${s.base}/kv/${encodeURIComponent(key)}`, { method: 'PUT', body: bytes })).status,
    ).toBe(204);
    expect(s.node.data.get(key)).toEqual(bytes);
    const back = new Uint8Array(await (await fetch(`${s.base}/kv/${encodeURIComponent(key)}`)).arrayBuffer());
    expect(back).toEqual(bytes);
  });

  it('accepts a key of exactly 1024 bytes and a value of exactly 1 MiB', async () => {
    const key = 'k'.repeat(1024);
    const value = new Uint8Array(1024 * 1024).fill(7);
    expect((await fetch(`${s.base}/kv/${key}`, { method: 'PUT', body: value })).status).toBe(204);
    expect(s.node.data.get(key)?.byteLength).toBe(1024 * 1024);
  });

  it('refuses an oversized key with 413, before reading the body', async () => {
    const res = await fetch(`${s.base}/kv/${'k'.repeat(1025)}`, { method: 'PUT', body: 'v' });
    expect(res.status).toBe(413);
    expect(await errorOf(res)).toMatch(/key is at most 1024 UTF-8 bytes; this one is 1025/);
    // Multi-byte characters count as bytes: 342 × 3 bytes = 1026.
    const wide = await fetch(`${s.base}/kv/${encodeURIComponent('€'.repeat(342))}`);
    expect(wide.status).toBe(413);
  });

  it('refuses an oversized value with 413: a declared length at once, a chunked stream as it grows', async () => {
    const declared = await raw(s.base, 'PUT', '/kv/big', { 'content-length': 1024 * 1024 + 1 }, (req) => {
      req.write('x'); // the rest never comes: the answer must not wait for it
    });
    expect(declared.status).toBe(413);
    expect((JSON.parse(declared.body) as { error: string }).error).toMatch(/value is at most 1048576 bytes/);
    const chunked = await raw(s.base, 'PUT', '/kv/big', { 'transfer-encoding': 'chunked' }, (req) => {
      const chunk = Buffer.alloc(64 * 1024, 1);
      for (let i = 0; i < 20; i++) req.write(chunk);
      req.end();
    });
    expect(chunked.status).toBe(413);
    expect(s.node.data.has('big')).toBe(false);
  });

  it('answers an oversized declared value at once, and lets the client finish sending on a connection it can reuse', async () => {
    const socket = connect(Number(new URL(s.base).port), '127.0.0.1');
    const received: Buffer[] = [];
    socket.on('data', (c: Buffer) => received.push(c));
    const text = () => Buffer.concat(received).toString('latin1');
    const until = async (what: string, done: () => boolean) => {
      for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 10));
      expect(done(), what).toBe(true);
    };
    let failure: Error | undefined;
    socket.on('error', (error) => {
      failure = error;
    });
    const size = 1024 * 1024 + 1;
    socket.write(`PUT /kv/big HTTP/1.1\r\nhost: x\r\ncontent-length: ${size}\r\n\r\nx`);
    await until('the 413 before the body is sent', () => text().includes('value is at most'));
    expect(text()).toMatch(/^HTTP\/1\.1 413 /);
    // The rest of the body, after the answer: a closed connection would break the pipe here.
    for (let sent = 1; sent < size; sent += 64 * 1024) {
      socket.write(Buffer.alloc(Math.min(64 * 1024, size - sent), 1));
    }
    received.length = 0;
    socket.write('PUT /kv/after HTTP/1.1\r\nhost: x\r\ncontent-length: 2\r\n\r\nok');
    await until('the next request on the same connection answered', () => text().includes('HTTP/1.1 204'));
    socket.destroy();
    expect(failure).toBeUndefined();
    expect(s.node.data.has('big')).toBe(false);
    expect(new TextDecoder().decode(s.node.data.get('after'))).toBe('ok');
  });

  it('checks JSON bodies declared as JSON and names the parse error', async () => {
    const bad = await fetch(`${s.base}/kv/doc`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{"a": 1,',
    });
    expect(bad.status).toBe(400);
    expect(await errorOf(bad)).toMatch(/^malformed JSON body/);
    const good = await fetch(`${s.base}/kv/doc`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{"a": 1}',
    });
    expect(good.status).toBe(204);
  });

  it('answers bad keys, unknown routes and methods with clear JSON errors', async () => {
    const cases: Array<[string, string, number, RegExp]> = [
      ['GET', '/kv/', 400, /key is empty/],
      ['GET', '/kv/%E0%A4%A', 400, /not valid percent-encoded/],
      ['GET', '/nope', 404, /no route GET \/nope/],
      ['POST', '/kv/a', 405, /method POST is not allowed here \(allowed: GET, PUT, DELETE\)/],
      ['DELETE', '/api/status', 405, /allowed: GET/],
    ];
    for (const [method, path, status, message] of cases) {
      const res = await fetch(`${s.base}${path}`, { method });
      expect(res.status, `${method} ${path}`).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await errorOf(res)).toMatch(message);
    }
  });

  it('maps the node failures to 503 and 504', async () => {
    const cases: Array<[FakeDhtError, number]> = [
      [new FakeDhtError('unavailable', 'no quorum'), 503],
      [new FakeDhtError('timeout', 'no answer in 4000 ms'), 504],
      [new FakeDhtError('rejected', 'not joined yet'), 503],
    ];
    for (const [error, status] of cases) {
      s.node.fail = error;
      const res = await fetch(`${s.base}/kv/x`);
      expect(res.status).toBe(status);
      expect(await errorOf(res)).toContain(error.message);
    }
  });

  it('logs one line per rejected request', async () => {
    const before = s.lines.length;
    await fetch(`${s.base}/definitely-not-here`);
    const added = s.lines.slice(before);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ msg: 'request rejected', status: 404, url: '/definitely-not-here' });
  });
});

describe('JSON API and metrics', () => {
  it('serves the status and the members with every slice’s group', async () => {
    const status = (await (await fetch(`${s.base}/api/status`)).json()) as NodeStatus;
    expect(status.node.address).toBe(s.node.self.address.key);
    const view = (await (await fetch(`${s.base}/api/members`)).json()) as MembersView;
    expect(view.members).toHaveLength(5);
    expect(view.replicationDegree).toBe(3);
    expect(view.slices).toHaveLength(8);
    for (const slice of view.slices) expect(slice.members).toHaveLength(3);
    // Slice 3 is one this node has a view of: its view's members, not the ring's guess.
    expect(view.slices[3]?.members[0]).toBe(s.node.self.address.key);
  });

  it('exports operation counters and latency histograms by op and outcome, and process metrics', async () => {
    await fetch(`${s.base}/kv/m`, { method: 'PUT', body: 'v' });
    await fetch(`${s.base}/kv/m`);
    await fetch(`${s.base}/kv/absent`);
    const text = await (await fetch(`${s.base}/metrics`)).text();
    expect(text).toMatch(/cats_operations_total\{op="put",outcome="ok"\} \d+/);
    expect(text).toMatch(/cats_operations_total\{op="get",outcome="not_found"\} \d+/);
    expect(text).toMatch(/cats_operation_duration_seconds_bucket\{le="0.005",op="get",outcome="ok"\} \d+/);
    expect(text).toMatch(/cats_store_entries \d+/);
    expect(text).toMatch(/process_cpu_user_seconds_total/);
    expect(text).toMatch(/nodejs_eventloop_lag_seconds/);
  });
});

describe('bearer token', () => {
  it('guards /kv and names what is missing', async () => {
    const t = await serve('s3cret');
    try {
      const none = await fetch(`${t.base}/kv/a`);
      expect(none.status).toBe(401);
      expect(await errorOf(none)).toMatch(/requires a token: Authorization: Bearer/);
      const wrong = await fetch(`${t.base}/kv/a`, {
        method: 'PUT',
        body: 'x',
        headers: { authorization: 'Bearer no' },
      });
      expect(wrong.status).toBe(401);
      const right = await fetch(`${t.base}/kv/a`, {
        method: 'PUT',
        body: 'x',
        headers: { authorization: 'Bearer s3cret' },
      });
      expect(right.status).toBe(204);
    } finally {
      t.server.close();
    }
  });
});

describe('pages', () => {
  it('are self-contained HTML: nothing loaded from elsewhere', async () => {
    for (const path of ['/', '/cluster']) {
      const res = await fetch(`${s.base}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await res.text();
      expect(html).not.toMatch(/<(script|img|iframe)[^>]+src=/i);
      expect(html).not.toMatch(/<link[^>]+href="https?:/i);
    }
  });
});

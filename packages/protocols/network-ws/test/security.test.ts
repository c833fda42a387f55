// Admission control (cluster secret) and TLS, in one process with real sockets.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Address } from '@kompics/network';
import { Packr } from 'msgpackr';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { FrameKind, PROTOCOL_VERSION } from '../src/index.js';
import { Data, Ping, TYPE_IDS, testCodecs } from './fixtures/messages.js';
import { driver, freeAddress, freePort, newsAbout, startNode, type TestNode } from './helpers.js';

const SECRET = 'correct horse battery staple';
const packr = new Packr({ useRecords: false });
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function node(init: Parameters<typeof startNode>[1] = {}): Promise<TestNode> {
  const started = await startNode(testCodecs(), {
    reconnect: { initialDelayMs: 50, maxDelayMs: 200 },
    ...init,
  });
  cleanups.push(() => started.stop());
  return started;
}

const sleep = (ms: number) => driver.sleep(ms);

describe('admission control with a cluster secret', () => {
  it('delivers between nodes that share the secret', async () => {
    const [a, b] = [await node({ clusterSecret: SECRET }), await node({ clusterSecret: SECRET })];
    a.app.send(new Ping(a.address, b.address, 1, 'members'));
    await driver.waitFor(() => a.app.pongs.length === 1, { what: 'the pong' });
    expect(newsAbout(a, b.address)).toEqual(['PeerConnected']);
    expect([a.logs, b.logs]).toEqual([[], []]);
  });

  it('never delivers the messages of a peer without the secret, nor sends it any', async () => {
    const a = await node({ clusterSecret: SECRET });
    const outsider = await node();
    outsider.app.send(new Data(outsider.address, a.address, 0, 'let me in'));
    a.app.send(new Data(a.address, outsider.address, 0, 'for members only'));
    await driver.waitFor(() => a.logs.length >= 2, { what: 'the rejections' });
    await sleep(300);
    expect(a.app.report(outsider.address).count).toBe(0);
    expect(outsider.app.report(a.address).count).toBe(0);
    expect(a.network.stats.messagesDelivered).toBe(0);
    expect(outsider.network.stats.messagesDelivered).toBe(0);
    expect(a.logs.every((line) => line.includes('(unauthenticated): peer has no cluster secret'))).toBe(true);
    expect(newsAbout(a, outsider.address)).toEqual([]);
  });

  it('never delivers the messages of a peer with a wrong secret', async () => {
    const a = await node({ clusterSecret: SECRET });
    const impostor = await node({ clusterSecret: 'a different secret of some length' });
    impostor.app.send(new Data(impostor.address, a.address, 0, 'trust me'));
    await driver.waitFor(() => a.logs.length >= 1, { what: 'the rejection' });
    await sleep(300);
    expect(a.app.report(impostor.address).count).toBe(0);
    expect(impostor.app.report(a.address).count).toBe(0);
    expect(a.logs[0]).toMatch(
      /rejected frame from .* \(unauthenticated\): wrong proof of the cluster secret/,
    );
  });

  it('rejects data sent before the proof', async () => {
    const a = await node({ clusterSecret: SECRET });
    const socket = new WebSocket(`ws://${a.address.key}/`);
    cleanups.push(() => socket.terminate());
    await new Promise<void>((resolve) => socket.once('open', () => resolve()));
    const claimed = await freeAddress();
    socket.send(
      packr.pack([FrameKind.hello, PROTOCOL_VERSION, claimed.host, claimed.port, Buffer.alloc(16, 1)]),
    );
    socket.send(packr.pack([FrameKind.data, [TYPE_IDS.data, [0, 'sneaky']]]));
    await new Promise<void>((resolve) => socket.once('close', () => resolve()));
    expect(a.app.report(claimed).count).toBe(0);
    expect(a.logs).toHaveLength(1);
    expect(a.logs[0]).toContain(
      '(unauthenticated): data before the handshake completed; closing the connection',
    );
  });
});

/** A TCP relay that records every byte going through it, both ways. */
async function relay(target: number): Promise<{ port: number; bytes: () => Buffer; server: Server }> {
  const chunks: Buffer[] = [];
  const server = createServer((client) => {
    const upstream = createConnection({ host: '127.0.0.1', port: target });
    // When one side closes, close the other (a paused pipe would never see the end).
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.on('data', (chunk) => chunks.push(Buffer.from(chunk)));
    upstream.on('data', (chunk) => chunks.push(Buffer.from(chunk)));
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return {
    port: typeof address === 'object' && address !== null ? address.port : 0,
    bytes: () => Buffer.concat(chunks),
    server,
  };
}

describe('TLS', () => {
  let dir = '';
  let tls: { keyFile: string; certFile: string; caFile: string };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'network-ws-tls-'));
    tls = { keyFile: join(dir, 'key.pem'), certFile: join(dir, 'cert.pem'), caFile: join(dir, 'cert.pem') };
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        tls.keyFile,
        '-out',
        tls.certFile,
        '-days',
        '2',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'pipe' },
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const SECRET_TEXT = 'PLAINTEXT-THAT-MUST-NOT-SHOW-ON-THE-WIRE';

  /** A sends a ping to B through a recording relay; B answers over the same connection. */
  async function exchangeThroughRelay(withTls: boolean): Promise<Buffer> {
    const bPort = await freePort();
    const wire = await relay(bPort);
    const bAddress = new Address('127.0.0.1', wire.port);
    const options = withTls ? { tls } : {};
    const b = await node({ self: bAddress, bind: { host: '127.0.0.1', port: bPort }, ...options });
    const a = await node(options);
    a.app.send(new Ping(a.address, b.address, 1, SECRET_TEXT));
    await driver.waitFor(() => a.app.pongs.length === 1, { what: 'the pong' });
    expect(a.app.pongs[0]?.payload).toBe(SECRET_TEXT);
    expect([a.logs, b.logs]).toEqual([[], []]);
    return wire.bytes();
  }

  it('shows the plaintext on the wire without TLS (the relay sees it)', async () => {
    const bytes = await exchangeThroughRelay(false);
    expect(bytes.includes(SECRET_TEXT)).toBe(true);
  });

  it('encrypts traffic with TLS: the relay never sees the plaintext', async () => {
    const bytes = await exchangeThroughRelay(true);
    expect(bytes.length).toBeGreaterThan(0);
    expect(bytes.includes(SECRET_TEXT)).toBe(false);
    expect(bytes.includes(Buffer.from(SECRET_TEXT).subarray(0, 12))).toBe(false);
  });

  it('does not talk to plain ws:// clients', async () => {
    const b = await node({ tls });
    const plain = new WebSocket(`ws://${b.address.key}/`);
    cleanups.push(() => plain.terminate());
    const outcome = await new Promise<string>((resolve) => {
      plain.once('open', () => resolve('open'));
      plain.once('error', (error) => resolve(`error: ${error.message}`));
    });
    expect(outcome).toMatch(/^error/);
    // A node without TLS cannot reach it either.
    const clear = await node();
    clear.app.send(new Data(clear.address, b.address, 0, 'in the clear'));
    await sleep(500);
    expect(b.app.report(clear.address).count).toBe(0);
    expect(b.network.stats.messagesDelivered).toBe(0);
  });

  it('refuses a missing certificate file at construction, naming it', async () => {
    await expect(node({ tls: { ...tls, keyFile: join(dir, 'nope.pem') } })).rejects.toThrow(
      /cannot read tls\.keyFile ".*nope\.pem"/,
    );
  });
});

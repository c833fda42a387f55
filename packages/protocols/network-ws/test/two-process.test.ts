// Two OS processes on loopback: this test process runs node A; a child process runs node B
// (test/fixtures/peer.ts, compiled to dist-bench/ by the package's test script).
import { Address } from '@kompics/network';
import { Packr } from 'msgpackr';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { FrameKind, PROTOCOL_VERSION } from '../src/index.js';
import { PeerProcess } from './child-peer.js';
import { Ping, TYPE_IDS, testCodecs } from './fixtures/messages.js';
import { driver, freeAddress, newsAbout, startNode, type TestNode } from './helpers.js';

const packr = new Packr({ useRecords: false });
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function nodeA(init: Parameters<typeof startNode>[1] = {}): Promise<TestNode> {
  const node = await startNode(testCodecs(), { reconnect: { initialDelayMs: 50, maxDelayMs: 500 }, ...init });
  cleanups.push(() => node.stop());
  return node;
}

async function peerB(
  options: Omit<ConstructorParameters<typeof PeerProcess>[0], 'self'> & { self?: string } = {},
) {
  const self = options.self ?? (await freeAddress()).key;
  const peer = new PeerProcess({ ...options, self });
  cleanups.push(() => peer.kill());
  await peer.ready();
  return { peer, address: Address.parse(self) };
}

/** A raw WebSocket client that speaks the handshake by hand, then sends whatever a test wants. */
async function rawClient(target: Address, claimed: Address): Promise<WebSocket> {
  const socket = new WebSocket(`ws://${target.key}/`);
  cleanups.push(async () => socket.terminate());
  const frames: unknown[][] = [];
  socket.on('message', (data) => frames.push(packr.unpack(data as Buffer) as unknown[]));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  socket.send(packr.pack([FrameKind.hello, PROTOCOL_VERSION, claimed.host, claimed.port, null]));
  await driver.waitFor(() => frames.some((f) => f[0] === FrameKind.welcome), { what: 'WELCOME' });
  return socket;
}

describe('network-ws between two processes', () => {
  it('carries 100 000 messages each way, in order, with none lost', async () => {
    const a = await nodeA({ maxQueuedMessages: 200_000 });
    const { peer, address: b } = await peerB({ maxQueuedMessages: 200_000 });
    const count = 100_000;
    // A -> B, sent 10 000 per event-loop turn.
    await a.app.stream(b, count, 10_000);
    await driver.waitFor(() => a.network.stats.messagesSent >= count, { what: 'A to send everything' });
    const report = await peer.reportWhen(a.address.key, (r) => (r.count as number) >= count);
    expect(report).toMatchObject({ count, inOrder: true, next: count });
    // B -> A.
    peer.command({ cmd: 'stream', to: a.address.key, count, chunk: 10_000 });
    await driver.waitFor(() => a.app.report(b).count >= count, {
      what: 'A to receive 100 000',
      timeoutMs: 60_000,
    });
    expect(a.app.report(b)).toEqual({ count, inOrder: true, next: count });
    expect(a.network.stats.droppedMessages).toBe(0);
    // Coalescing: far fewer frames than messages.
    expect(a.network.stats.framesSent).toBeLessThan(count / 10);
    expect(a.logs).toEqual([]);
    expect(peer.logLines).toEqual([]);
  });

  it('reports a killed peer as dropped, and its return as a reconnection', async () => {
    const a = await nodeA();
    const first = await peerB();
    const b = first.address;
    a.app.send(new Ping(a.address, b, 1, 'hello'));
    await driver.waitFor(() => a.app.pongs.length === 1, { what: 'the first pong' });
    expect(newsAbout(a, b)).toEqual(['PeerConnected']);
    await first.peer.kill();
    await driver.waitFor(() => newsAbout(a, b).includes('PeerDropped'), { what: 'the drop' });
    expect(newsAbout(a, b)).toEqual(['PeerConnected', 'PeerDropped']);
    // Messages sent while B is away wait in A's queue.
    a.app.send(new Ping(a.address, b, 2, 'while away'));
    const second = await peerB({ self: b.key });
    await driver.waitFor(() => newsAbout(a, b).includes('PeerReconnected'), { what: 'the reconnection' });
    expect(newsAbout(a, b)).toEqual(['PeerConnected', 'PeerDropped', 'PeerReconnected']);
    await driver.waitFor(() => a.app.pongs.length === 2, { what: 'the queued ping to be answered' });
    expect(a.app.pongs.map((p) => p.payload)).toEqual(['hello', 'while away']);
    // The new B process sees A as a new peer.
    await second.peer.next('B to hear of A', (e) => e.type === 'status' && e.peer === a.address.key);
    expect(second.peer.events.filter((e) => e.type === 'status').map((e) => e.kind)).toEqual([
      'PeerConnected',
    ]);
  });

  it('rejects garbage with one log line per frame and keeps serving its other peers', async () => {
    const a = await nodeA();
    const { peer, address: b } = await peerB({ maxFrameBytes: 64 * 1024 });
    let pinged = 0;
    const ping = () => a.app.send(new Ping(a.address, b, pinged++, 'still there?'));
    ping();
    await driver.waitFor(() => a.app.pongs.length === 1, { what: 'the first pong' });

    const attacker = await freeAddress();
    const raw = await rawClient(b, attacker);
    const validData = packr.pack([FrameKind.data, [TYPE_IDS.data, [0, 'fine']]]);
    const garbage: [string, Buffer | string][] = [
      ['not-msgpack', Buffer.from([0xc1, 0x07, 0x3f, 0x99, 0x00, 0xff, 0x12, 0x34])],
      ['not-msgpack', validData.subarray(0, validData.length - 3)],
      ['unknown-type', packr.pack([FrameKind.data, [999, 'who knows']])],
      ['invalid-message', packr.pack([FrameKind.data, [TYPE_IDS.data, { not: 'a data body' }]])],
      ['invalid-message', packr.pack([FrameKind.data, [TYPE_IDS.ping, [1.5, 'x']]])],
      ['malformed', packr.pack({ a: 'map, not a frame' })],
      ['malformed', packr.pack([FrameKind.data, 'not an entry'])],
      ['malformed', 'a text frame'],
      ['unknown-type', packr.pack([FrameKind.data, [TYPE_IDS.data, [1, 'ok']], [4242, null]])],
    ];
    for (const [, frame] of garbage) {
      raw.send(frame, { binary: typeof frame !== 'string' });
      ping();
    }
    await driver.waitFor(() => peer.logLines.length >= garbage.length, { what: 'the rejections' });
    // Oversized last: the victim closes that connection (and only that one).
    const closed = new Promise<number>((resolve) => raw.once('close', (code) => resolve(code)));
    raw.send(Buffer.alloc(100 * 1024, 7));
    expect(await closed).toBe(1009);
    // Garbage before any handshake, from a second client.
    const early = new WebSocket(`ws://${b.key}/`);
    cleanups.push(async () => early.terminate());
    await new Promise<void>((resolve) => early.once('open', () => resolve()));
    early.send(Buffer.from([0xc1, 0xc1, 0xc1]));
    await new Promise<void>((resolve) => early.once('close', () => resolve()));

    const expected = [...garbage.map(([reason]) => reason), 'oversized', 'not-msgpack'];
    await driver.waitFor(() => peer.logLines.length >= expected.length, { what: 'every rejection' });
    ping();
    await driver.waitFor(() => a.app.pongs.length === pinged, { what: 'B to answer every ping' });

    const lines = peer.logLines;
    expect(lines).toHaveLength(expected.length);
    lines.forEach((line, i) => {
      expect(line).toMatch(/^\[network-ws 127\.0\.0\.1:\d+\] rejected frame from /);
      expect(line).toContain(`(${expected[i]})`);
    });
    expect(lines[lines.length - 1]).toContain('closing the connection');
    // Nothing of the attacker's reached B's application, not even the valid entry of a bad frame.
    const report = await peer.report(attacker.key);
    expect(report).toMatchObject({ count: 0, sources: [] });
    peer.command({ cmd: 'stats' });
    const stats = (await peer.next('stats', (e) => e.type === 'stats')).stats as {
      rejectedFrames: number;
      rejectedByReason: Record<string, number>;
    };
    expect(stats.rejectedFrames).toBe(expected.length);
    expect(stats.rejectedByReason).toMatchObject({
      'not-msgpack': 3,
      'unknown-type': 2,
      'invalid-message': 2,
      malformed: 3,
      oversized: 1,
    });
    expect(peer.exited).toBe(false);
    expect(a.logs).toEqual([]);
  });
});

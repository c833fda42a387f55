// Behaviour of WsNetwork beyond the compliance suite, in one process with real sockets.
import { ComponentDefinition, ConfigError, ManualScheduler, Runtime, Start, Stop } from '@kompics/kernel';
import { Address, CodecRegistry, PeerDropped } from '@kompics/network';
import { Packr } from 'msgpackr';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { FrameKind, PROTOCOL_VERSION, WsNetwork, type WsNetworkInit } from '../src/index.js';
import { Data, Ping, testCodecs } from './fixtures/messages.js';
import { driver, freeAddress, newsAbout, startNode, type TestNode } from './helpers.js';

const packr = new Packr({ useRecords: false });
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function node(init: Partial<WsNetworkInit> = {}): Promise<TestNode> {
  const started = await startNode(testCodecs(), {
    reconnect: { initialDelayMs: 20, maxDelayMs: 200 },
    ...init,
  });
  cleanups.push(() => started.stop());
  return started;
}

describe('configuration', () => {
  const self = new Address('127.0.0.1', 7000);
  const codecs = new CodecRegistry();
  const build = (init: unknown) => {
    class Main extends ComponentDefinition {
      constructor() {
        super();
        this.create(WsNetwork, init as WsNetworkInit);
      }
    }
    return () => new Runtime({ scheduler: new ManualScheduler() }).bootstrap(Main);
  };

  it.each([
    [{ codecs }, /self must be an Address/],
    [{ self: '127.0.0.1:7000', codecs }, /self must be an Address/],
    [{ self: new Address('127.0.0.1', 0), codecs }, /self must name a port/],
    [{ self }, /codecs must be a CodecRegistry/],
    [{ self, codecs, clusterSecret: 'short' }, /clusterSecret must be at least 16 bytes, got 5/],
    [{ self, codecs, clusterSecret: 42 }, /clusterSecret must be a string or bytes/],
    [{ self, codecs, maxFrameBytes: 10 }, /maxFrameBytes must be an integer >= 1024, got 10/],
    [{ self, codecs, maxQueuedMessages: 1.5 }, /maxQueuedMessages must be an integer >= 1/],
    [{ self, codecs, reconnect: { initialDelayMs: 500, maxDelayMs: 100 } }, /maxDelayMs must be >= /],
    [{ self, codecs, reconnect: { retries: 3 } }, /unknown option reconnect\.retries/],
    [{ self, codecs, maxFrameSize: 1 }, /unknown option "maxFrameSize"/],
    [{ self, codecs, tls: { keyFile: '/nonexistent/key.pem', certFile: 'x' } }, /cannot read tls\.keyFile/],
    [{ self, codecs, bind: { host: '0.0.0.0' } }, /bind\.port is required/],
    [{ self, codecs, log: 'stderr' }, /log must be a function/],
  ])('rejects %o', (init, message) => {
    expect(build(init)).toThrow(ConfigError);
    expect(build(init)).toThrow(message);
  });

  it('fills in the defaults', () => {
    let network: WsNetwork | undefined;
    class Main extends ComponentDefinition {
      constructor() {
        super();
        network = this.create(WsNetwork, { self, codecs }).definition;
      }
    }
    new Runtime({ scheduler: new ManualScheduler() }).bootstrap(Main);
    expect(network?.settings).toMatchObject({
      bind: { host: '127.0.0.1', port: 7000 },
      maxFrameBytes: 4 * 1024 * 1024,
      maxQueuedMessages: 10_000,
      clusterSecret: undefined,
      tls: undefined,
    });
  });
});

describe('connections', () => {
  it('resolves simultaneous connects to one connection per pair, used both ways', async () => {
    const nodes = await Promise.all(Array.from({ length: 6 }, () => node()));
    // Every node sends to every other in the same turn: every pair dials both ways at once.
    for (const from of nodes) {
      for (const to of nodes) {
        if (from !== to) from.app.send(new Ping(from.address, to.address, 1, from.address.key));
      }
    }
    const others = nodes.length - 1;
    await driver.waitFor(() => nodes.every((n) => n.app.pongs.length === others), { what: 'all pongs' });
    await driver.sleep(200);
    for (const n of nodes) {
      expect(n.network.stats.connectionsEstablished).toBe(others);
      expect(n.network.stats.connectionsDropped).toBe(0);
      for (const peer of nodes) {
        if (peer !== n) expect(newsAbout(n, peer.address)).toEqual(['PeerConnected']);
      }
      expect(n.logs).toEqual([]);
    }
  });

  it('redials after a peer restarts on the same address, reporting dropped then reconnected', async () => {
    const a = await node();
    const b = await node();
    a.app.send(new Ping(a.address, b.address, 1, 'one'));
    await driver.waitFor(() => a.app.pongs.length === 1, { what: 'the first pong' });
    await b.stop();
    await driver.waitFor(() => newsAbout(a, b.address).includes('PeerDropped'), { what: 'the drop' });
    const again = await node({ self: b.address });
    await driver.waitFor(() => newsAbout(a, b.address).includes('PeerReconnected'), { what: 'reconnection' });
    a.app.send(new Ping(a.address, again.address, 2, 'two'));
    await driver.waitFor(() => a.app.pongs.length === 2, { what: 'the second pong' });
    expect(newsAbout(a, b.address)).toEqual(['PeerConnected', 'PeerDropped', 'PeerReconnected']);
  });

  it('closes a connection that stops answering pings and reports it dropped', async () => {
    const a = await node({ heartbeatMs: 50 });
    const peer = await freeAddress();
    const socket = new WebSocket(`ws://${a.address.key}/`, { autoPong: false });
    cleanups.push(() => socket.terminate());
    await new Promise<void>((resolve) => socket.once('open', () => resolve()));
    socket.send(packr.pack([FrameKind.hello, PROTOCOL_VERSION, peer.host, peer.port, null]));
    await driver.waitFor(() => newsAbout(a, peer).includes('PeerConnected'), { what: 'the connection' });
    await driver.waitFor(() => newsAbout(a, peer).includes('PeerDropped'), { what: 'the heartbeat to fail' });
    const dropped = a.host.news.find((n) => n instanceof PeerDropped);
    expect(dropped).toMatchObject({ reason: 'no heartbeat' });
  });

  it('closes its server on Stop and listens again on a new Start', async () => {
    const a = await node();
    const b = await node();
    a.host.lifecycle(new Stop());
    await driver.waitFor(() => a.host.net.state === 'passive', { what: 'the network to stop' });
    await a.network.close();
    b.app.send(new Ping(b.address, a.address, 1, 'anyone?'));
    await driver.sleep(200);
    expect(a.app.pings).toBe(0);
    a.host.lifecycle(new Start());
    await driver.waitFor(() => a.host.net.state === 'active', { what: 'the network to start' });
    await a.network.listening();
    await driver.waitFor(() => a.app.pings === 1, { what: 'the queued ping to arrive' });
  });
});

describe('listening', () => {
  it('reports an address in use with a log line and a rejected listening()', async () => {
    const a = await node();
    const logs: string[] = [];
    const runtime = new Runtime();
    class Clash extends ComponentDefinition {
      readonly net = this.create(WsNetwork, {
        self: a.address,
        codecs: testCodecs(),
        log: (l) => logs.push(l),
      });
    }
    const clash = runtime.bootstrap(Clash);
    runtime.start();
    await expect(clash.net.definition.listening()).rejects.toThrow(/EADDRINUSE/);
    expect(logs).toEqual([expect.stringMatching(/cannot listen on 127\.0\.0\.1:\d+: .*EADDRINUSE/)]);
    runtime.kill();
    await clash.net.definition.close();
  });

  it('closes a server stopped before it was bound', async () => {
    const address = await freeAddress();
    const runtime = new Runtime();
    class Quick extends ComponentDefinition {
      readonly net = this.create(WsNetwork, { self: address, codecs: testCodecs() });
    }
    const quick = runtime.bootstrap(Quick);
    runtime.start();
    await driver.waitFor(() => runtime.state === 'active', { what: 'the start' });
    await quick.net.definition.close();
    // The port is free again: a new node can listen there.
    const again = await node({ self: address });
    expect(again.logs).toEqual([]);
  });
});

describe('send queues', () => {
  it('coalesces the messages of one turn into one frame', async () => {
    const [a, b] = [await node(), await node()];
    a.app.send(new Ping(a.address, b.address, 0, 'warm up'));
    await driver.waitFor(() => a.app.pongs.length === 1, { what: 'the connection' });
    const before = a.network.stats.framesSent;
    a.app.send(...Array.from({ length: 1000 }, (_, i) => new Data(a.address, b.address, i, 'x')));
    await driver.waitFor(() => b.app.report(a.address).count === 1000, { what: 'the burst' });
    expect(a.network.stats.framesSent - before).toBe(1);
    expect(b.network.stats.messagesDelivered).toBe(1001);
  });

  it('splits a turn into frames of at most maxMessagesPerFrame and maxFrameBytes', async () => {
    const [a, b] = [
      await node({ maxMessagesPerFrame: 100, maxFrameBytes: 4096 }),
      await node({ maxFrameBytes: 4096 }),
    ];
    a.app.send(new Ping(a.address, b.address, 0, 'warm up'));
    await driver.waitFor(() => a.app.pongs.length === 1, { what: 'the connection' });
    const before = a.network.stats.framesSent;
    a.app.send(...Array.from({ length: 1000 }, (_, i) => new Data(a.address, b.address, i, 'x'.repeat(100))));
    await driver.waitFor(() => b.app.report(a.address).count === 1000, { what: 'the burst' });
    expect(b.app.report(a.address).inOrder).toBe(true);
    // About 30 messages of ~110 bytes fit in 4 KiB.
    expect(a.network.stats.framesSent - before).toBeGreaterThanOrEqual(1000 / 37);
    expect(b.logs).toEqual([]);
  });

  it('drops a message too large for any frame, with one log line', async () => {
    const [a, b] = [await node({ maxFrameBytes: 4096 }), await node()];
    a.app.send(
      new Data(a.address, b.address, 0, 'y'.repeat(10_000)),
      new Data(a.address, b.address, 1, 'small'),
    );
    await driver.waitFor(() => b.app.report(a.address).count === 1, { what: 'the small one' });
    expect(a.network.stats.droppedByReason.oversized).toBe(1);
    expect(a.logs).toHaveLength(1);
    expect(a.logs[0]).toMatch(
      /dropped a message to .*: it encodes to \d+ bytes, over maxFrameBytes \(4096\)/,
    );
  });

  it('bounds the queue of an unreachable peer: drop-newest, one log line, then gives up', async () => {
    const a = await node({
      maxQueuedMessages: 5,
      reconnect: { initialDelayMs: 20, maxDelayMs: 50, giveUpAfterMs: 300 },
    });
    const nowhere = await freeAddress();
    a.app.send(...Array.from({ length: 20 }, (_, i) => new Data(a.address, nowhere, i, 'lost')));
    await driver.waitFor(() => a.network.stats.droppedByReason['queue-full'] === 15, { what: 'the drops' });
    expect(a.logs).toHaveLength(1);
    expect(a.logs[0]).toMatch(/dropping messages to 127\.0\.0\.1:\d+: send queue full \(5 messages/);
    await driver.waitFor(() => a.network.stats.droppedByReason.unreachable === 5, { what: 'giving up' });
    expect(a.logs[1]).toMatch(/dropped 5 messages to 127\.0\.0\.1:\d+: unreachable for \d+ ms/);
    expect(a.network.stats.droppedMessages).toBe(20);
  });

  it('bounds the bytes queued for a slow peer', async () => {
    const a = await node({ maxQueuedBytes: 64 * 1024, socketHighWaterBytes: 16 * 1024 });
    // A peer that completes the handshake, then never reads: the kernel buffers fill, then ours.
    const peer = await freeAddress();
    const socket = new WebSocket(`ws://${a.address.key}/`);
    cleanups.push(() => socket.terminate());
    await new Promise<void>((resolve) => socket.once('open', () => resolve()));
    socket.send(packr.pack([FrameKind.hello, PROTOCOL_VERSION, peer.host, peer.port, null]));
    await driver.waitFor(() => newsAbout(a, peer).includes('PeerConnected'), { what: 'the connection' });
    (socket as unknown as { _socket: { pause(): void } })._socket.pause();
    for (let turn = 0; turn < 200; turn++) {
      a.app.send(...Array.from({ length: 100 }, (_, i) => new Data(a.address, peer, i, 'z'.repeat(1000))));
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    const { droppedByReason } = a.network.stats;
    expect(droppedByReason['queue-full']).toBeGreaterThan(0);
    expect(a.logs.filter((l) => l.includes('send queue full'))).toHaveLength(1);
  });
});

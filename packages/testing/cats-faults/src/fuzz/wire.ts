import { Packr } from 'msgpackr';
import WebSocket from 'ws';
import { Rng } from './rng.js';

/** The wire's codec settings (as `@kompics/network-ws`'s `wire-format.ts`), to build and judge frames alike. */
const packr = new Packr({ useRecords: false, mapsAsObjects: true, moreTypes: false });

/** Frame kinds of the wire (DATA, HELLO, AUTH, WELCOME). */
const KIND = { data: 0, hello: 1, auth: 2, welcome: 3 } as const;

/** Options of {@link fuzzWire}. */
export interface WireFuzzOptions {
  /** `ws://host:port` (or `wss://`) of the node's one port. */
  readonly url: string;
  /** Hostile frames to send in all. */
  readonly frames: number;
  /** Connections at a time. Default 8. */
  readonly lanes?: number;
  /** Frames per established connection (the node closes a connection at 100 rejected frames). Default 99. */
  readonly perConnection?: number;
  /** CA for `wss://`. */
  readonly ca?: Buffer;
  readonly seed?: number;
}

/** What the wire fuzzer sent. */
export interface WireFuzzReport {
  /** Frames sent (all kinds). */
  readonly sent: number;
  /** Frames a node must reject whatever its message types (judged locally with the wire's rules). */
  readonly certainRejections: number;
  /** Of those, frames sent as the first frame of a connection (each also ends its connection). */
  readonly preHandshake: number;
  /** Frames by generator. */
  readonly byKind: Readonly<Record<string, number>>;
  /** Connections opened; connections the node refused or broke before we were done. */
  readonly connections: number;
  readonly refusedConnections: number;
}

/**
 * Whether a node without a cluster secret must reject `bytes` as a frame on an established
 * connection it accepted, by the wire's rules (`decodeFrame`, frame kinds, entry shape, type
 * ids in 0..65535). False means it may be accepted (a DATA frame of a type id the node may know).
 */
export function certainlyRejected(bytes: Uint8Array, text = false): boolean {
  if (text) return true;
  let value: unknown;
  try {
    value = packr.unpack(bytes);
  } catch {
    return true;
  }
  if (!Array.isArray(value) || value.length === 0 || !Number.isInteger(value[0])) return true;
  if (value[0] !== KIND.data) return true; // second HELLO, AUTH without secret, WELCOME to an acceptor, unknown kind
  if (value.length < 2) return true;
  for (let i = 1; i < value.length; i++) {
    const entry: unknown = value[i];
    if (!Array.isArray(entry) || (entry.length !== 2 && entry.length !== 4)) return true;
    const typeId: unknown = entry[0];
    if (!Number.isInteger(typeId) || (typeId as number) < 0 || (typeId as number) > 0xffff) return true;
  }
  return false;
}

function maybeHello(data: Buffer | string): boolean {
  if (typeof data === 'string') return false;
  try {
    const value: unknown = packr.unpack(data);
    return Array.isArray(value) && value[0] === KIND.hello;
  } catch {
    return false;
  }
}

function randomValue(rng: Rng, depth = 0): unknown {
  switch (rng.int(depth > 2 ? 6 : 9)) {
    case 0:
      return rng.int(2 ** 31) * (rng.chance(0.5) ? -1 : 1);
    case 1:
      return rng.float() * 1e9;
    case 2:
      return rng.string(rng.int(40));
    case 3:
      return null;
    case 4:
      return rng.chance(0.5);
    case 5:
      return rng.bytes(rng.int(48));
    case 6:
      return [...Array(rng.int(5)).keys()].map(() => randomValue(rng, depth + 1));
    case 7: {
      const object: Record<string, unknown> = {};
      for (let i = rng.int(5); i > 0; i--) object[rng.string(1 + rng.int(8))] = randomValue(rng, depth + 1);
      return object;
    }
    default:
      return [rng.int(0x10000), randomValue(rng, depth + 1)];
  }
}

/** A frame the way a peer would send one: DATA with plausible entries, or a handshake frame. */
function validShapedFrame(rng: Rng): unknown[] {
  const pick = rng.int(10);
  if (pick < 7) {
    const entries = [...Array(1 + rng.int(4)).keys()].map(() =>
      rng.chance(0.8)
        ? [rng.int(64), randomValue(rng)]
        : [rng.int(64), randomValue(rng), '127.0.0.1', 1 + rng.int(65535)],
    );
    return [KIND.data, ...entries];
  }
  if (pick < 9)
    return [KIND.hello, 1, '127.0.0.1', 1 + rng.int(65535), rng.chance(0.5) ? null : rng.bytes(16)];
  return [KIND.auth, rng.bytes(32)];
}

function mutate(rng: Rng, bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  switch (rng.int(5)) {
    case 0: {
      for (let i = 1 + rng.int(4); i > 0 && copy.length > 0; i--) copy[rng.int(copy.length)] = rng.int(256);
      return copy;
    }
    case 1:
      return copy.subarray(0, rng.int(Math.max(1, copy.length)));
    case 2:
      return Buffer.concat([copy, rng.bytes(1 + rng.int(16))]);
    case 3: {
      const at = rng.int(copy.length + 1);
      return Buffer.concat([copy.subarray(0, at), rng.bytes(1 + rng.int(8)), copy.subarray(at)]);
    }
    default: {
      // A huge declared length: a msgpack str32/bin32/array32 header claiming gigabytes.
      const header = [0xdb, 0xc6, 0xdd][rng.int(3)] as number;
      return Buffer.concat([Buffer.from([0x92, 0x00, header, 0x7f, 0xff, 0xff, 0xff]), copy.subarray(0, 8)]);
    }
  }
}

type Generated = { readonly kind: string; readonly data: Buffer | string };

function generate(rng: Rng): Generated {
  const pick = rng.int(100);
  if (pick < 30) return { kind: 'random-bytes', data: rng.bytes(1 + rng.int(256)) };
  if (pick < 35) return { kind: 'text', data: rng.string(1 + rng.int(64)) };
  if (pick < 65) return { kind: 'mutated-valid', data: mutate(rng, packr.pack(validShapedFrame(rng))) };
  if (pick < 85) return { kind: 'valid-shape-random-body', data: packr.pack(validShapedFrame(rng)) };
  if (pick < 95) {
    return {
      kind: 'unknown-type',
      data: packr.pack([KIND.data, [0x10000 + rng.int(1e6), randomValue(rng)]]),
    };
  }
  return { kind: 'random-msgpack', data: packr.pack(randomValue(rng)) };
}

/** Opens a connection and completes the handshake as a peer claiming `claim`; resolves the socket or undefined. */
function handshake(url: string, claimPort: number, ca: Buffer | undefined): Promise<WebSocket | undefined> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, {
      ...(ca ? { ca } : {}),
      handshakeTimeout: 5_000,
      perMessageDeflate: false,
    });
    let settled = false;
    const done = (result: WebSocket | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (!result) ws.terminate();
      resolve(result);
    };
    const timer = setTimeout(() => done(undefined), 5_000);
    ws.on('message', (data) => {
      let frame: unknown;
      try {
        frame = packr.unpack(data as Buffer);
      } catch {
        return done(undefined);
      }
      if (!Array.isArray(frame)) return done(undefined);
      if (frame[0] === KIND.hello) {
        // We claim an address that sorts below the node's, so our connection wins any duplicate.
        ws.send(packr.pack([KIND.hello, 1, '1.0.0.1', claimPort, null]), { binary: true });
      } else if (frame[0] === KIND.welcome) {
        done(ws);
      }
    });
    ws.on('error', () => done(undefined));
    ws.on('close', () => done(undefined));
  });
}

function closeQuietly(ws: WebSocket): Promise<void> {
  return new Promise((resolve) => {
    if (ws.readyState === WebSocket.CLOSED) return resolve();
    const timer = setTimeout(() => {
      ws.terminate();
      resolve();
    }, 2_000);
    ws.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    ws.close(1000);
  });
}

/** Opens a connection and sends one hostile frame before any handshake (the node must reject it and close). */
function preHandshakeFrame(url: string, item: Generated, ca: Buffer | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, {
      ...(ca ? { ca } : {}),
      handshakeTimeout: 5_000,
      perMessageDeflate: false,
    });
    let sent = false;
    const timer = setTimeout(() => {
      ws.terminate();
      resolve(sent);
    }, 5_000);
    ws.on('open', () => {
      ws.send(item.data, { binary: typeof item.data !== 'string' });
      sent = true;
    });
    ws.on('error', () => {});
    ws.on('close', () => {
      clearTimeout(timer);
      resolve(sent);
    });
  });
}

/**
 * Sends hostile frames to a node's peer port: random bytes, text frames, mutated and
 * valid-shaped frames with random bodies, unknown message types, random msgpack. Most go over
 * connections that completed the handshake as a fake peer (the deep surface: message
 * decoding), up to `perConnection` per connection; one in twenty as the first frame of a fresh
 * connection (the handshake surface). The node has no cluster secret for this (with one, every
 * frame would stop at the handshake).
 */
export async function fuzzWire(options: WireFuzzOptions): Promise<WireFuzzReport> {
  const rng = new Rng(options.seed ?? 0x5eed);
  const lanes = options.lanes ?? 8;
  const perConnection = options.perConnection ?? 99;
  const byKind: Record<string, number> = {};
  let sent = 0;
  let certain = 0;
  let preHandshake = 0;
  let connections = 0;
  let refused = 0;
  const count = (item: Generated) => {
    sent++;
    byKind[item.kind] = (byKind[item.kind] ?? 0) + 1;
    if (
      certainlyRejected(
        typeof item.data === 'string' ? Buffer.from(item.data) : item.data,
        typeof item.data === 'string',
      )
    ) {
      certain++;
      return true;
    }
    return false;
  };
  const lane = async (index: number) => {
    while (sent < options.frames) {
      connections++;
      if (rng.chance(0.05)) {
        const item = generate(rng);
        if (await preHandshakeFrame(options.url, item, options.ca)) {
          sent++;
          // Before the handshake every frame but a well-formed HELLO is rejected.
          if (!maybeHello(item.data)) {
            certain++;
            preHandshake++;
          }
          byKind[`pre-handshake:${item.kind}`] = (byKind[`pre-handshake:${item.kind}`] ?? 0) + 1;
        } else refused++;
        continue;
      }
      const ws = await handshake(options.url, 1 + index, options.ca);
      if (!ws) {
        refused++;
        await new Promise((r) => setTimeout(r, 100));
        continue;
      }
      let rejectedHere = 0;
      for (let i = 0; i < perConnection && sent < options.frames && ws.readyState === WebSocket.OPEN; i++) {
        const item = generate(rng);
        // Uncertain frames may be accepted; keep the rejections under the node's abuse limit either way.
        if (count(item)) rejectedHere++;
        ws.send(item.data, { binary: typeof item.data !== 'string' });
        if (rejectedHere >= perConnection) break;
        if (i % 16 === 15) await new Promise((r) => setImmediate(r));
      }
      await closeQuietly(ws);
    }
  };
  await Promise.all([...Array(lanes).keys()].map(lane));
  return { sent, certainRejections: certain, preHandshake, byKind, connections, refusedConnections: refused };
}

import { Packr } from 'msgpackr';

/**
 * The wire format. Every WebSocket message is one binary frame holding one msgpack array whose
 * first element says what it is:
 *
 * - `[DATA, entry, entry, ...]` — messages; an entry is `[typeId, body]`, or
 *   `[typeId, body, sourceHost, sourcePort]` when the message's source is not the sending node.
 * - `[HELLO, version, host, port, nonce | null]` — first frame of each side: the sender's listen
 *   address, and a fresh 16-byte nonce when it requires proof of the cluster secret.
 * - `[AUTH, proof]` — HMAC-SHA256 proving the cluster secret, answering the peer's nonce.
 * - `[WELCOME]` — the accepting side keeps this connection: data may flow.
 */
export const FrameKind = { data: 0, hello: 1, auth: 2, welcome: 3 } as const;

/** Version of the handshake and frame layout, sent in HELLO. */
export const PROTOCOL_VERSION = 1;

/** Close codes of the protocol (4000–4999 are for applications). */
export const CloseCode = {
  /** The peer already has a connection that wins over this one. */
  duplicate: 4001,
  /** A newer connection replaced this one. */
  replaced: 4002,
  /** The handshake failed (bad HELLO, failed proof, timeout, wrong address). */
  handshake: 4003,
  /** This node stops. */
  shutdown: 4004,
  /** The peer sent too many frames that had to be rejected. */
  abuse: 4005,
} as const;

/** The one msgpack codec of the wire: plain maps and arrays, no msgpackr records. */
export const packr = new Packr({ useRecords: false, mapsAsObjects: true, moreTypes: false });

/** Encodes any frame. */
export function encodeFrame(frame: readonly unknown[]): Buffer {
  return packr.pack(frame);
}

export function helloFrame(host: string, port: number, nonce: Uint8Array | undefined): Buffer {
  return encodeFrame([FrameKind.hello, PROTOCOL_VERSION, host, port, nonce ?? null]);
}

export function authFrame(proof: Uint8Array): Buffer {
  return encodeFrame([FrameKind.auth, proof]);
}

export const WELCOME_FRAME: Buffer = encodeFrame([FrameKind.welcome]);

/** Why a frame is rejected; counted per reason in the network's stats. */
export type RejectReason =
  | 'not-msgpack'
  | 'malformed'
  | 'unknown-type'
  | 'invalid-message'
  | 'oversized'
  | 'handshake'
  | 'unauthenticated';

/** All rejection reasons, for counters. */
export const REJECT_REASONS: readonly RejectReason[] = [
  'not-msgpack',
  'malformed',
  'unknown-type',
  'invalid-message',
  'oversized',
  'handshake',
  'unauthenticated',
];

/** A frame that cannot be accepted, with the reason and a detail for the log line. */
export class FrameRejection extends Error {
  override readonly name = 'FrameRejection';
  constructor(
    readonly reason: RejectReason,
    readonly detail: string,
  ) {
    super(`${reason}: ${detail}`);
  }
}

/** Decodes a frame's bytes into its msgpack array, or throws a {@link FrameRejection}. */
export function decodeFrame(bytes: Uint8Array): unknown[] {
  let value: unknown;
  try {
    value = packr.unpack(bytes);
  } catch (error) {
    throw new FrameRejection('not-msgpack', `not valid msgpack (${(error as Error).message})`);
  }
  if (!Array.isArray(value) || value.length === 0 || !Number.isInteger(value[0])) {
    throw new FrameRejection('malformed', 'not a frame (want a msgpack array starting with a frame kind)');
  }
  return value;
}

/** A peer's HELLO, checked. */
export interface Hello {
  readonly host: string;
  readonly port: number;
  readonly nonce: Buffer | undefined;
}

export function parseHello(frame: readonly unknown[]): Hello {
  const [, version, host, port, nonce] = frame;
  if (version !== PROTOCOL_VERSION) {
    throw new FrameRejection('handshake', `unsupported protocol version ${JSON.stringify(version)}`);
  }
  if (typeof host !== 'string' || host.length === 0 || host.length > 255) {
    throw new FrameRejection('handshake', 'HELLO without a valid host');
  }
  if (!Number.isInteger(port) || (port as number) < 1 || (port as number) > 65535) {
    throw new FrameRejection('handshake', 'HELLO without a valid port');
  }
  if (nonce !== null && !(nonce instanceof Uint8Array && nonce.length === 16)) {
    throw new FrameRejection('handshake', 'HELLO with a malformed nonce');
  }
  return { host, port: port as number, nonce: nonce === null ? undefined : Buffer.from(nonce) };
}

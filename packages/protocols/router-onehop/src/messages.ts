import { type Address, CodecError, type CodecRegistry, Message } from '@kompics/network';
import { RingNode } from '@kompics/ring';
import { isIncarnation } from './payloads.js';

/** One record of a table sent for anti-entropy: a node, its incarnation, alive or not, and age. */
export interface WireRecord {
  readonly node: RingNode;
  readonly incarnation: number;
  readonly alive: boolean;
  /** How long ago, in ms, the sender started believing this (tombstones expire by it). */
  readonly age: number;
}

/** Opens an anti-entropy exchange: the digest of the sender's confirmed live members. */
export class TableDigest extends Message {
  constructor(
    source: Address,
    destination: Address,
    readonly digest: number,
  ) {
    super(source, destination);
  }
}

/**
 * A table, sent when digests differ: confirmed live members and tombstones. `reply` asks the
 * receiver to send its own table back if, after merging, its digest still differs from
 * `digest` (the sender's).
 */
export class TableState extends Message {
  constructor(
    source: Address,
    destination: Address,
    readonly digest: number,
    readonly reply: boolean,
    readonly records: readonly WireRecord[],
  ) {
    super(source, destination);
  }
}

/** Wire type ids of the router's messages. */
export const TABLE_DIGEST_TYPE = 155;
export const TABLE_STATE_TYPE = 156;
/** Records one table message may carry; more is a malformed (or hostile) message. */
export const MAX_TABLE_RECORDS = 65_536;

function digestOf(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 0xffffffff)
    throw new CodecError(`${what}: digest must be a 32-bit unsigned integer`);
  return value;
}

function decodeRecords(raw: unknown): WireRecord[] {
  if (!Array.isArray(raw)) throw new CodecError('TableState: records must be an array');
  if (raw.length > MAX_TABLE_RECORDS)
    throw new CodecError(`TableState: more than ${MAX_TABLE_RECORDS} records`);
  return raw.map((r, i) => {
    if (!Array.isArray(r) || r.length !== 6)
      throw new CodecError(`TableState: record ${i} must be [id, host, port, incarnation, alive, age]`);
    const [id, host, port, incarnation, alive, age] = r as unknown[];
    if (!isIncarnation(incarnation)) throw new CodecError(`TableState: record ${i}: bad incarnation`);
    if (typeof alive !== 'boolean') throw new CodecError(`TableState: record ${i}: alive must be a boolean`);
    if (typeof age !== 'number' || !Number.isFinite(age) || age < 0)
      throw new CodecError(`TableState: record ${i}: age must be a non-negative number`);
    let node: RingNode;
    try {
      node = RingNode.fromWire([id, host, port]);
    } catch (error) {
      throw new CodecError(`TableState: record ${i}: ${(error as Error).message}`);
    }
    return { node, incarnation, alive, age };
  });
}

/** Registers the router's anti-entropy messages for the wire. */
export function registerOneHopRouterCodecs(registry: CodecRegistry): CodecRegistry {
  return registry
    .register({
      typeId: TABLE_DIGEST_TYPE,
      messageClass: TableDigest,
      encode: (m) => m.digest,
      decode: (body, source, destination) =>
        new TableDigest(source, destination, digestOf(body, 'TableDigest')),
    })
    .register({
      typeId: TABLE_STATE_TYPE,
      messageClass: TableState,
      encode: (m) => [
        m.digest,
        m.reply,
        m.records.map((r) => [...r.node.toWire(), r.incarnation, r.alive, Math.round(r.age)]),
      ],
      decode: (body, source, destination) => {
        if (!Array.isArray(body) || body.length !== 3)
          throw new CodecError('TableState: body must be [digest, reply, records]');
        const [digest, reply, records] = body as [unknown, unknown, unknown];
        if (typeof reply !== 'boolean') throw new CodecError('TableState: reply must be a boolean');
        return new TableState(
          source,
          destination,
          digestOf(digest, 'TableState'),
          reply,
          decodeRecords(records),
        );
      },
    });
}

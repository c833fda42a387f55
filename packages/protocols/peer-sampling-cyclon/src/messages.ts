import { Address, CodecError, type CodecRegistry, Message } from '@kompics/network';
import type { ViewEntry } from './view-entry.js';

/** Entries one shuffle message may carry; more is a malformed (or hostile) message. */
export const MAX_SHUFFLE_ENTRIES = 256;

/** Opens a shuffle: a subset of the sender's view, plus the sender itself at age 0. */
export class ShuffleRequest extends Message {
  constructor(
    source: Address,
    destination: Address,
    readonly entries: readonly ViewEntry[],
  ) {
    super(source, destination);
  }
}

/** Answers a shuffle with a subset of the receiver's view. */
export class ShuffleResponse extends Message {
  constructor(
    source: Address,
    destination: Address,
    readonly entries: readonly ViewEntry[],
  ) {
    super(source, destination);
  }
}

export const SHUFFLE_REQUEST_TYPE = 110;
export const SHUFFLE_RESPONSE_TYPE = 111;

function encodeEntries(entries: readonly ViewEntry[]): unknown {
  return entries.map((e) => [e.address.host, e.address.port, e.age]);
}

function decodeEntries(body: unknown, what: string): ViewEntry[] {
  if (!Array.isArray(body)) throw new CodecError(`${what}: entries must be an array`);
  if (body.length > MAX_SHUFFLE_ENTRIES)
    throw new CodecError(`${what}: more than ${MAX_SHUFFLE_ENTRIES} entries`);
  return body.map((raw, i) => {
    if (!Array.isArray(raw) || raw.length !== 3)
      throw new CodecError(`${what}: entry ${i} must be [host, port, age]`);
    const [host, port, age] = raw as [unknown, unknown, unknown];
    if (
      typeof host !== 'string' ||
      typeof port !== 'number' ||
      typeof age !== 'number' ||
      !Number.isInteger(age) ||
      age < 0
    ) {
      throw new CodecError(`${what}: entry ${i} is malformed`);
    }
    try {
      return { address: new Address(host, port), age };
    } catch (error) {
      throw new CodecError(`${what}: entry ${i}: ${(error as Error).message}`);
    }
  });
}

/** Registers Cyclon's messages for the wire. */
export function registerCyclonCodecs(registry: CodecRegistry): CodecRegistry {
  return registry
    .register({
      typeId: SHUFFLE_REQUEST_TYPE,
      messageClass: ShuffleRequest,
      encode: (m) => encodeEntries(m.entries),
      decode: (body, source, destination) =>
        new ShuffleRequest(source, destination, decodeEntries(body, 'ShuffleRequest')),
    })
    .register({
      typeId: SHUFFLE_RESPONSE_TYPE,
      messageClass: ShuffleResponse,
      encode: (m) => encodeEntries(m.entries),
      decode: (body, source, destination) =>
        new ShuffleResponse(source, destination, decodeEntries(body, 'ShuffleResponse')),
    });
}

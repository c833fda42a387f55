import type { Address, CodecRegistry, Message } from '@kompics/network';
import { CodecError } from '@kompics/network';
import { Packr } from 'msgpackr';

/**
 * Messages as bytes, the way a real network sends them: the registry's codec turns a message
 * into plain data and msgpack turns that into bytes; delivery reverses both. Running every
 * simulated message through it makes serialization bugs show and counts message sizes.
 * The frame is `[typeId, body]`; addresses travel beside it, as a transport would know them.
 */
export class WireCodec {
  readonly #packr = new Packr({ useRecords: false, moreTypes: false });

  constructor(readonly registry: CodecRegistry) {}

  encode(message: Message): Uint8Array {
    const codec = this.registry.codecFor(message);
    return this.#packr.pack([codec.typeId, codec.encode(message)]);
  }

  decode(bytes: Uint8Array, source: Address, destination: Address): Message {
    const frame: unknown = this.#packr.unpack(bytes);
    if (!Array.isArray(frame) || frame.length !== 2 || typeof frame[0] !== 'number') {
      throw new CodecError('malformed frame: want [typeId, body]');
    }
    const codec = this.registry.codecById(frame[0]);
    if (codec === undefined) throw new CodecError(`unknown message type id ${String(frame[0])}`);
    return codec.decode(frame[1], source, destination);
  }
}

/** FNV-1a over bytes: a cheap fingerprint of a message's wire form for traces. */
export function fingerprint(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i] as number;
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

import type { EventClass } from '@kompics/kernel';
import { CodecError } from '@kompics/network';
import type { BroadcastPayload } from './broadcast-payload.js';

/**
 * How one payload class crosses the wire inside a broadcast implementation's messages.
 * `encode` returns plain data (objects, arrays, strings, numbers, booleans, null, Uint8Array);
 * `decode` rebuilds the payload from untrusted data and throws a {@link CodecError} saying what
 * is wrong with bad input.
 */
export interface PayloadCodec<P extends BroadcastPayload = BroadcastPayload> {
  /** Stable id on the wire, in the same space as message type ids; never reuse one. */
  readonly typeId: number;
  readonly payloadClass: EventClass<P>;
  encode(payload: P): unknown;
  decode(body: unknown): P;
}

/**
 * The payload classes a node can broadcast and deliver, by stable type id. The application
 * (or each protocol, through its own `register…Payloads(registry)`) fills it; the broadcast
 * implementation's wire codec reads it.
 */
export class BroadcastPayloadRegistry {
  readonly #byId = new Map<number, PayloadCodec>();
  readonly #byClass = new Map<EventClass, PayloadCodec>();

  /** Registers a codec; a second codec for the same id or class is an error. */
  register<P extends BroadcastPayload>(codec: PayloadCodec<P>): this {
    if (!Number.isInteger(codec.typeId) || codec.typeId < 0 || codec.typeId > 0xffff) {
      throw new RangeError(`payload type id must be an integer in 0..65535, got ${String(codec.typeId)}`);
    }
    const existing = this.#byId.get(codec.typeId);
    if (existing !== undefined) {
      throw new CodecError(`payload type id ${codec.typeId} is taken by ${existing.payloadClass.name}`);
    }
    if (this.#byClass.has(codec.payloadClass)) {
      throw new CodecError(`${codec.payloadClass.name} is already registered`);
    }
    this.#byId.set(codec.typeId, codec as unknown as PayloadCodec);
    this.#byClass.set(codec.payloadClass, codec as unknown as PayloadCodec);
    return this;
  }

  /** The codec for a payload's exact class; a {@link CodecError} if there is none. */
  codecFor(payload: BroadcastPayload): PayloadCodec {
    const codec = this.#byClass.get(payload.constructor as EventClass);
    if (codec === undefined)
      throw new CodecError(`${payload.constructor.name} has no registered payload codec`);
    return codec;
  }

  /** The codec for a type id read off the wire, or undefined for an unknown type. */
  codecById(typeId: number): PayloadCodec | undefined {
    return this.#byId.get(typeId);
  }

  /** Registered payload type ids. */
  get typeIds(): readonly number[] {
    return [...this.#byId.keys()];
  }

  /** Encodes a payload as `[typeId, body]`. */
  encode(payload: BroadcastPayload): [number, unknown] {
    const codec = this.codecFor(payload);
    return [codec.typeId, codec.encode(payload)];
  }

  /** Decodes `[typeId, body]` from untrusted data; a {@link CodecError} for anything malformed. */
  decode(raw: unknown): BroadcastPayload {
    if (!Array.isArray(raw) || raw.length !== 2 || typeof raw[0] !== 'number') {
      throw new CodecError('payload must be [typeId, body]');
    }
    const codec = this.#byId.get(raw[0]);
    if (codec === undefined) throw new CodecError(`unknown payload type id ${raw[0]}`);
    const payload = codec.decode(raw[1]);
    if (!(payload instanceof codec.payloadClass)) {
      throw new CodecError(`payload codec ${codec.typeId} did not produce a ${codec.payloadClass.name}`);
    }
    return payload;
  }
}

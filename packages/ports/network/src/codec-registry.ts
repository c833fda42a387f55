import type { EventClass } from '@kompics/kernel';
import type { Address } from './address.js';
import type { Message } from './message.js';

/** A message failed a codec's validation, or no codec knows it. */
export class CodecError extends Error {
  override readonly name = 'CodecError';
}

/**
 * How one message class crosses the wire. `encode` returns the message's body as plain data
 * (objects, arrays, strings, numbers, booleans, null, Uint8Array); `decode` rebuilds the message
 * from untrusted data and must throw a {@link CodecError} saying what is wrong with bad input.
 */
export interface MessageCodec<M extends Message = Message> {
  /** Stable id on the wire; never reuse one for a different class. */
  readonly typeId: number;
  readonly messageClass: EventClass<M>;
  encode(message: M): unknown;
  decode(body: unknown, source: Address, destination: Address): M;
}

/**
 * The message classes a node can send and receive, by stable type id. Network
 * implementations (and the simulator, which encodes every message by default) encode through it.
 */
export class CodecRegistry {
  readonly #byId = new Map<number, MessageCodec>();
  readonly #byClass = new Map<EventClass, MessageCodec>();

  /** Registers a codec; a second codec for the same id or class is an error. */
  register<M extends Message>(codec: MessageCodec<M>): this {
    if (!Number.isInteger(codec.typeId) || codec.typeId < 0 || codec.typeId > 0xffff) {
      throw new RangeError(`type id must be an integer in 0..65535, got ${String(codec.typeId)}`);
    }
    const existing = this.#byId.get(codec.typeId);
    if (existing !== undefined) {
      throw new CodecError(`type id ${codec.typeId} is taken by ${existing.messageClass.name}`);
    }
    if (this.#byClass.has(codec.messageClass)) {
      throw new CodecError(`${codec.messageClass.name} is already registered`);
    }
    this.#byId.set(codec.typeId, codec as unknown as MessageCodec);
    this.#byClass.set(codec.messageClass, codec as unknown as MessageCodec);
    return this;
  }

  /** The codec for a message's exact class. */
  codecFor(message: Message): MessageCodec {
    const codec = this.#byClass.get(message.constructor as EventClass);
    if (codec === undefined) throw new CodecError(`${message.constructor.name} has no registered codec`);
    return codec;
  }

  /** The codec for a type id read off the wire, or undefined for an unknown type. */
  codecById(typeId: number): MessageCodec | undefined {
    return this.#byId.get(typeId);
  }

  /** Registered type ids. */
  get typeIds(): readonly number[] {
    return [...this.#byId.keys()];
  }
}

import type { Address } from './address.js';

/**
 * Base class of everything sent over the network. Subclass it per message kind and register
 * each subclass with a {@link CodecRegistry} to send it across a real wire.
 */
export abstract class Message {
  constructor(
    readonly source: Address,
    readonly destination: Address,
  ) {}
}

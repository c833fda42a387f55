import { type Address, CodecError, type CodecRegistry, Message } from '@kompics/network';

/** A probe; the receiver's detector answers with a {@link FdPong} carrying the same nonce. */
export class FdPing extends Message {
  constructor(
    source: Address,
    destination: Address,
    readonly nonce: number,
  ) {
    super(source, destination);
  }
}

/** The answer to a {@link FdPing}. */
export class FdPong extends Message {
  constructor(
    source: Address,
    destination: Address,
    readonly nonce: number,
  ) {
    super(source, destination);
  }
}

/** Wire type ids of this package's messages. */
export const FD_PING_TYPE = 100;
export const FD_PONG_TYPE = 101;

function nonceOf(body: unknown, what: string): number {
  if (typeof body !== 'number' || !Number.isSafeInteger(body) || body < 0) {
    throw new CodecError(`${what}: nonce must be a non-negative integer`);
  }
  return body;
}

/** Registers the detector's messages for the wire. */
export function registerFailureDetectorCodecs(registry: CodecRegistry): CodecRegistry {
  return registry
    .register({
      typeId: FD_PING_TYPE,
      messageClass: FdPing,
      encode: (m) => m.nonce,
      decode: (body, source, destination) => new FdPing(source, destination, nonceOf(body, 'FdPing')),
    })
    .register({
      typeId: FD_PONG_TYPE,
      messageClass: FdPong,
      encode: (m) => m.nonce,
      decode: (body, source, destination) => new FdPong(source, destination, nonceOf(body, 'FdPong')),
    });
}

import { Address, CodecError, type CodecRegistry, Message } from '@kompics/network';

/** Most peers one reply carries; a longer list on the wire is malformed. */
export const MAX_PEERS_PER_REPLY = 1000;

/** A client asks the server for up to `count` live nodes. */
export class GetPeers extends Message {
  constructor(
    source: Address,
    destination: Address,
    readonly count: number,
  ) {
    super(source, destination);
  }
}

/** The server's answer to {@link GetPeers}. */
export class PeersReply extends Message {
  constructor(
    source: Address,
    destination: Address,
    readonly peers: readonly Address[],
  ) {
    super(source, destination);
  }
}

/** A joined node reports itself live. */
export class KeepAlive extends Message {
  declare private readonly kind: 'keep-alive';
}

export const GET_PEERS_TYPE = 120;
export const PEERS_REPLY_TYPE = 121;
export const KEEP_ALIVE_TYPE = 122;

function decodePeers(body: unknown): Address[] {
  if (!Array.isArray(body)) throw new CodecError('PeersReply: peers must be an array');
  if (body.length > MAX_PEERS_PER_REPLY)
    throw new CodecError(`PeersReply: more than ${MAX_PEERS_PER_REPLY} peers`);
  return body.map((raw, i) => {
    if (!Array.isArray(raw) || typeof raw[0] !== 'string' || typeof raw[1] !== 'number') {
      throw new CodecError(`PeersReply: peer ${i} must be [host, port]`);
    }
    try {
      return new Address(raw[0], raw[1]);
    } catch (error) {
      throw new CodecError(`PeersReply: peer ${i}: ${(error as Error).message}`);
    }
  });
}

/** Registers the bootstrap messages for the wire. */
export function registerBootstrapCodecs(registry: CodecRegistry): CodecRegistry {
  return registry
    .register({
      typeId: GET_PEERS_TYPE,
      messageClass: GetPeers,
      encode: (m) => m.count,
      decode: (body, source, destination) => {
        if (typeof body !== 'number' || !Number.isInteger(body) || body < 1 || body > MAX_PEERS_PER_REPLY) {
          throw new CodecError(`GetPeers: count must be an integer in 1..${MAX_PEERS_PER_REPLY}`);
        }
        return new GetPeers(source, destination, body);
      },
    })
    .register({
      typeId: PEERS_REPLY_TYPE,
      messageClass: PeersReply,
      encode: (m) => m.peers.map((p) => [p.host, p.port]),
      decode: (body, source, destination) => new PeersReply(source, destination, decodePeers(body)),
    })
    .register({
      typeId: KEEP_ALIVE_TYPE,
      messageClass: KeepAlive,
      encode: () => null,
      decode: (body, source, destination) => {
        if (body !== null) throw new CodecError('KeepAlive: body must be null');
        return new KeepAlive(source, destination);
      },
    });
}

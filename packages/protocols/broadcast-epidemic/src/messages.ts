import { type BroadcastPayload, BroadcastPayloadRegistry } from '@kompics/broadcast';
import { Address, CodecError, type CodecRegistry, Message } from '@kompics/network';

/** One hop of an epidemic broadcast: the payload, who broadcast it, its id and hops so far. */
export class EpidemicGossip extends Message {
  constructor(
    source: Address,
    destination: Address,
    /** The node that broadcast the payload. */
    readonly origin: Address,
    /** Unique per origin (from the origin's id source, prefixed with its start time). */
    readonly id: string,
    /** Hops travelled before this one's sender forwarded it (0 from the origin). */
    readonly hops: number,
    readonly payload: BroadcastPayload,
  ) {
    super(source, destination);
  }
}

/** Wire type id of {@link EpidemicGossip}. */
export const EPIDEMIC_GOSSIP_TYPE = 150;
/** Longest broadcast id accepted off the wire. */
export const MAX_BROADCAST_ID_LENGTH = 256;

function decodeGossip(
  body: unknown,
  source: Address,
  destination: Address,
  payloads: BroadcastPayloadRegistry,
) {
  if (!Array.isArray(body) || body.length !== 5)
    throw new CodecError('EpidemicGossip: body must be [originHost, originPort, id, hops, payload]');
  const [host, port, id, hops, payload] = body as [unknown, unknown, unknown, unknown, unknown];
  if (typeof host !== 'string' || typeof port !== 'number')
    throw new CodecError('EpidemicGossip: origin must be a host and a port');
  let origin: Address;
  try {
    origin = new Address(host, port);
  } catch (error) {
    throw new CodecError(`EpidemicGossip: origin: ${(error as Error).message}`);
  }
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_BROADCAST_ID_LENGTH)
    throw new CodecError(`EpidemicGossip: id must be a string of 1..${MAX_BROADCAST_ID_LENGTH} characters`);
  if (typeof hops !== 'number' || !Number.isInteger(hops) || hops < 0 || hops > 0xffff)
    throw new CodecError('EpidemicGossip: hops must be an integer in 0..65535');
  let decoded: BroadcastPayload;
  try {
    decoded = payloads.decode(payload);
  } catch (error) {
    throw new CodecError(`EpidemicGossip: ${(error as Error).message}`);
  }
  return new EpidemicGossip(source, destination, origin, id, hops, decoded);
}

/**
 * Registers the epidemic broadcast's message for the wire. `payloads` knows every payload class
 * the node broadcasts (register them before the first message is sent; the registry is read at
 * each encode and decode).
 */
export function registerEpidemicBroadcastCodecs(
  registry: CodecRegistry,
  payloads: BroadcastPayloadRegistry = new BroadcastPayloadRegistry(),
): CodecRegistry {
  return registry.register({
    typeId: EPIDEMIC_GOSSIP_TYPE,
    messageClass: EpidemicGossip,
    encode: (m) => [m.origin.host, m.origin.port, m.id, m.hops, payloads.encode(m.payload)],
    decode: (body, source, destination) => decodeGossip(body, source, destination, payloads),
  });
}

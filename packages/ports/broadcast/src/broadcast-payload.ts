/**
 * Base class of everything broadcast. Subclass it per kind of news (say `MemberJoined`) and
 * register each subclass with a {@link BroadcastPayloadRegistry}, so that broadcast
 * implementations can carry it across the wire.
 */
export abstract class BroadcastPayload {
  declare private readonly brand: 'broadcast-payload';
}

import { BroadcastPayload, type BroadcastPayloadRegistry } from '@kompics/broadcast';
import { CodecError } from '@kompics/network';
import { RingNode } from '@kompics/ring';

/** News of a node's membership, ordered by incarnation (see `MemberRecord`). */
abstract class MembershipNews extends BroadcastPayload {
  constructor(
    readonly node: RingNode,
    readonly incarnation: number,
  ) {
    super();
  }
}

/** `node` is up, in the given incarnation (its clock when it joined or refuted its death). */
export class MemberJoined extends MembershipNews {
  declare private readonly news: 'joined';
}

/** `node` left gracefully; every incarnation up to `incarnation` is gone. */
export class MemberLeft extends MembershipNews {
  declare private readonly news: 'left';
}

/** `node` was detected failed; every incarnation up to `incarnation` (the detector's clock) is gone. */
export class MemberFailed extends MembershipNews {
  declare private readonly news: 'failed';
}

/** Payload type ids of the router's broadcast news. */
export const MEMBER_JOINED_TYPE = 160;
export const MEMBER_LEFT_TYPE = 161;
export const MEMBER_FAILED_TYPE = 162;

/** Whether `value` is a valid incarnation: a non-negative safe integer. */
export function isIncarnation(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function decodeNews<N extends MembershipNews>(
  body: unknown,
  what: string,
  make: (node: RingNode, incarnation: number) => N,
): N {
  if (!Array.isArray(body) || body.length !== 2)
    throw new CodecError(`${what}: body must be [node, incarnation]`);
  const [raw, incarnation] = body as [unknown, unknown];
  if (!isIncarnation(incarnation))
    throw new CodecError(`${what}: incarnation must be a non-negative integer`);
  let node: RingNode;
  try {
    node = RingNode.fromWire(raw);
  } catch (error) {
    throw new CodecError(`${what}: ${(error as Error).message}`);
  }
  return make(node, incarnation);
}

/** Registers the router's membership news with the broadcast payload registry. */
export function registerRouterPayloads(payloads: BroadcastPayloadRegistry): BroadcastPayloadRegistry {
  const encode = (n: MembershipNews) => [n.node.toWire(), n.incarnation];
  return payloads
    .register({
      typeId: MEMBER_JOINED_TYPE,
      payloadClass: MemberJoined,
      encode,
      decode: (body) => decodeNews(body, 'MemberJoined', (n, i) => new MemberJoined(n, i)),
    })
    .register({
      typeId: MEMBER_LEFT_TYPE,
      payloadClass: MemberLeft,
      encode,
      decode: (body) => decodeNews(body, 'MemberLeft', (n, i) => new MemberLeft(n, i)),
    })
    .register({
      typeId: MEMBER_FAILED_TYPE,
      payloadClass: MemberFailed,
      encode,
      decode: (body) => decodeNews(body, 'MemberFailed', (n, i) => new MemberFailed(n, i)),
    });
}

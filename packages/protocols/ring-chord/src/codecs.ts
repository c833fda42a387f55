import { CodecError, type CodecRegistry } from '@kompics/network';
import { RingNode } from '@kompics/ring';
import {
  ChordFindSuccessor,
  ChordFoundSuccessor,
  ChordGetNeighbours,
  ChordMLookup,
  ChordNeighbours,
  ChordPredecessorLeaving,
  ChordProbe,
  ChordProbeAck,
  ChordSuccessorLeaving,
  ChordTryMerge,
} from './messages.js';

/** Wire type ids of this package's messages (the range 130–149 is this package's). */
export const CHORD_FIND_SUCCESSOR_TYPE = 130;
export const CHORD_FOUND_SUCCESSOR_TYPE = 131;
export const CHORD_GET_NEIGHBOURS_TYPE = 132;
export const CHORD_NEIGHBOURS_TYPE = 133;
export const CHORD_SUCCESSOR_LEAVING_TYPE = 134;
export const CHORD_PREDECESSOR_LEAVING_TYPE = 135;
export const CHORD_PROBE_TYPE = 136;
export const CHORD_PROBE_ACK_TYPE = 137;
export const CHORD_MLOOKUP_TYPE = 138;
export const CHORD_TRY_MERGE_TYPE = 139;

/** Ring nodes one message may carry; more is a malformed (or hostile) message. */
export const MAX_NODES_PER_MESSAGE = 256;

function node(raw: unknown, what: string): RingNode {
  try {
    return RingNode.fromWire(raw);
  } catch (error) {
    throw new CodecError(`${what}: ${(error as Error).message}`);
  }
}

function optionalNode(raw: unknown, what: string): RingNode | undefined {
  return raw === null || raw === undefined ? undefined : node(raw, what);
}

function nodes(raw: unknown, what: string): RingNode[] {
  if (!Array.isArray(raw)) throw new CodecError(`${what}: nodes must be an array`);
  if (raw.length > MAX_NODES_PER_MESSAGE)
    throw new CodecError(`${what}: more than ${MAX_NODES_PER_MESSAGE} nodes`);
  return raw.map((r) => node(r, what));
}

function integer(raw: unknown, what: string, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof raw !== 'number' || !Number.isSafeInteger(raw) || raw < 0 || raw > max)
    throw new CodecError(`${what}: expected a non-negative integer`);
  return raw;
}

function fields(body: unknown, count: number, what: string): unknown[] {
  if (!Array.isArray(body) || body.length !== count)
    throw new CodecError(`${what}: body must be an array of ${count}`);
  return body;
}

/** Registers the ring's messages for the wire. */
export function registerRingChordCodecs(registry: CodecRegistry): CodecRegistry {
  return registry
    .register({
      typeId: CHORD_FIND_SUCCESSOR_TYPE,
      messageClass: ChordFindSuccessor,
      encode: (m) => [m.target, m.origin.toWire(), m.requestId, m.hops],
      decode: (body, source, destination) => {
        const [target, origin, requestId, hops] = fields(body, 4, 'ChordFindSuccessor');
        return new ChordFindSuccessor(
          source,
          destination,
          integer(target, 'ChordFindSuccessor.target', 2 ** 32 - 1),
          node(origin, 'ChordFindSuccessor.origin'),
          integer(requestId, 'ChordFindSuccessor.requestId'),
          integer(hops, 'ChordFindSuccessor.hops'),
        );
      },
    })
    .register({
      typeId: CHORD_FOUND_SUCCESSOR_TYPE,
      messageClass: ChordFoundSuccessor,
      encode: (m) => [m.requestId, m.responsible.toWire(), m.successors.map((s) => s.toWire())],
      decode: (body, source, destination) => {
        const [requestId, responsible, successors] = fields(body, 3, 'ChordFoundSuccessor');
        return new ChordFoundSuccessor(
          source,
          destination,
          integer(requestId, 'ChordFoundSuccessor.requestId'),
          node(responsible, 'ChordFoundSuccessor.responsible'),
          nodes(successors, 'ChordFoundSuccessor.successors'),
        );
      },
    })
    .register({
      typeId: CHORD_GET_NEIGHBOURS_TYPE,
      messageClass: ChordGetNeighbours,
      encode: (m) => m.sender.toWire(),
      decode: (body, source, destination) =>
        new ChordGetNeighbours(source, destination, node(body, 'ChordGetNeighbours.sender')),
    })
    .register({
      typeId: CHORD_NEIGHBOURS_TYPE,
      messageClass: ChordNeighbours,
      encode: (m) => [
        m.sender.toWire(),
        m.predecessor?.toWire() ?? null,
        m.successors.map((s) => s.toWire()),
      ],
      decode: (body, source, destination) => {
        const [sender, predecessor, successors] = fields(body, 3, 'ChordNeighbours');
        return new ChordNeighbours(
          source,
          destination,
          node(sender, 'ChordNeighbours.sender'),
          optionalNode(predecessor, 'ChordNeighbours.predecessor'),
          nodes(successors, 'ChordNeighbours.successors'),
        );
      },
    })
    .register({
      typeId: CHORD_SUCCESSOR_LEAVING_TYPE,
      messageClass: ChordSuccessorLeaving,
      encode: (m) => [m.leaver.toWire(), m.successors.map((s) => s.toWire())],
      decode: (body, source, destination) => {
        const [leaver, successors] = fields(body, 2, 'ChordSuccessorLeaving');
        return new ChordSuccessorLeaving(
          source,
          destination,
          node(leaver, 'ChordSuccessorLeaving.leaver'),
          nodes(successors, 'ChordSuccessorLeaving.successors'),
        );
      },
    })
    .register({
      typeId: CHORD_PREDECESSOR_LEAVING_TYPE,
      messageClass: ChordPredecessorLeaving,
      encode: (m) => [m.leaver.toWire(), m.predecessor?.toWire() ?? null],
      decode: (body, source, destination) => {
        const [leaver, predecessor] = fields(body, 2, 'ChordPredecessorLeaving');
        return new ChordPredecessorLeaving(
          source,
          destination,
          node(leaver, 'ChordPredecessorLeaving.leaver'),
          optionalNode(predecessor, 'ChordPredecessorLeaving.predecessor'),
        );
      },
    })
    .register({
      typeId: CHORD_PROBE_TYPE,
      messageClass: ChordProbe,
      encode: (m) => m.nonce,
      decode: (body, source, destination) =>
        new ChordProbe(source, destination, integer(body, 'ChordProbe.nonce')),
    })
    .register({
      typeId: CHORD_PROBE_ACK_TYPE,
      messageClass: ChordProbeAck,
      encode: (m) => [m.nonce, m.node.toWire()],
      decode: (body, source, destination) => {
        const [nonce, n] = fields(body, 2, 'ChordProbeAck');
        return new ChordProbeAck(
          source,
          destination,
          integer(nonce, 'ChordProbeAck.nonce'),
          node(n, 'ChordProbeAck.node'),
        );
      },
    })
    .register({
      typeId: CHORD_MLOOKUP_TYPE,
      messageClass: ChordMLookup,
      encode: (m) => [m.id.toWire(), m.hops],
      decode: (body, source, destination) => {
        const [id, hops] = fields(body, 2, 'ChordMLookup');
        return new ChordMLookup(
          source,
          destination,
          node(id, 'ChordMLookup.id'),
          integer(hops, 'ChordMLookup.hops'),
        );
      },
    })
    .register({
      typeId: CHORD_TRY_MERGE_TYPE,
      messageClass: ChordTryMerge,
      encode: (m) => [m.candidatePredecessor.toWire(), m.candidateSuccessor.toWire()],
      decode: (body, source, destination) => {
        const [cpred, csucc] = fields(body, 2, 'ChordTryMerge');
        return new ChordTryMerge(
          source,
          destination,
          node(cpred, 'ChordTryMerge.candidatePredecessor'),
          node(csucc, 'ChordTryMerge.candidateSuccessor'),
        );
      },
    });
}

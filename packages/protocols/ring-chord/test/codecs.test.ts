import { Address, CodecError, CodecRegistry, type Message } from '@kompics/network';
import { RingNode } from '@kompics/ring';
import { WireCodec } from '@kompics/simulator';
import { describe, expect, it } from 'vitest';
import {
  CHORD_FIND_SUCCESSOR_TYPE,
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
  MAX_NODES_PER_MESSAGE,
  registerRingChordCodecs,
} from '../src/index.js';
import { convergence, joinOneByOne, partition, simulation, split, whatIsWrong } from './scenarios.js';

const a = new Address('10.0.0.1', 1);
const b = new Address('10.0.0.2', 2);
const n1 = new RingNode(1, a);
const n2 = new RingNode(2 ** 32 - 1, b);

describe('wire codecs', () => {
  const wire = new WireCodec(registerRingChordCodecs(new CodecRegistry()));
  const roundTrip = <M extends Message>(m: M): M => wire.decode(wire.encode(m), m.source, m.destination) as M;

  it('round-trips every message', () => {
    const messages: Message[] = [
      new ChordFindSuccessor(a, b, 12345, n1, 7, 3),
      new ChordFoundSuccessor(a, b, 7, n2, [n1, n2]),
      new ChordGetNeighbours(a, b, n1),
      new ChordNeighbours(a, b, n1, undefined, [n2]),
      new ChordNeighbours(a, b, n1, n2, []),
      new ChordSuccessorLeaving(a, b, n1, [n2]),
      new ChordPredecessorLeaving(a, b, n1, n2),
      new ChordPredecessorLeaving(a, b, n1, undefined),
      new ChordProbe(a, b, 99),
      new ChordProbeAck(a, b, 99, n2),
      new ChordMLookup(a, b, n2, 0),
      new ChordTryMerge(a, b, n1, n2),
    ];
    for (const m of messages) {
      const copy = roundTrip(m);
      expect(copy).toBeInstanceOf(m.constructor);
      expect(JSON.stringify(copy)).toEqual(JSON.stringify(m));
    }
  });

  it('uses the type ids 130–139', () => {
    const ids = registerRingChordCodecs(new CodecRegistry()).typeIds;
    expect([...ids].sort((x, y) => x - y)).toEqual(Array.from({ length: 10 }, (_, k) => 130 + k));
  });

  it('rejects malformed bodies with a CodecError', () => {
    const codec = registerRingChordCodecs(new CodecRegistry()).codecById(CHORD_FIND_SUCCESSOR_TYPE);
    expect(() => codec?.decode([2 ** 32, n1.toWire(), 1, 0], a, b)).toThrow(CodecError);
    expect(() => codec?.decode([1, [1, 'h'], 1, 0], a, b)).toThrow(CodecError);
    expect(() => codec?.decode('x', a, b)).toThrow(CodecError);
    const found = registerRingChordCodecs(new CodecRegistry()).codecById(131);
    const tooMany = Array.from({ length: MAX_NODES_PER_MESSAGE + 1 }, () => n1.toWire());
    expect(() => found?.decode([1, n1.toWire(), tooMany], a, b)).toThrow(/more than/);
  });

  it('runs a join, a partition and a merge with every message through the codec', () => {
    const sim = simulation({ seed: 11, codec: true });
    const members = Array.from({ length: 30 }, (_, k) => k + 1);
    sim.run({ until: joinOneByOne(sim, members) });
    expect(convergence(sim, 30_000), whatIsWrong(sim)).toBeDefined();
    partition(sim, split(sim, members));
    sim.run({ until: sim.now + 20_000 });
    sim.network.heal();
    expect(convergence(sim, 60_000), whatIsWrong(sim)).toBeDefined();
    expect(sim.stats.bytes).toBeGreaterThan(0);
  });
});

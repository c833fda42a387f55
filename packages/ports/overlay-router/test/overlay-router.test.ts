import { Address } from '@kompics/network';
import { RingNode, ringHash } from '@kompics/ring';
import { describe, expect, it } from 'vitest';
import { Lookup, LookupResponse, replicaGroup, responsibleIndex } from '../src/index.js';

const n = (id: number) => new RingNode(id, new Address('h', 1000 + (id % 60_000)));
const members = [10, 20, 30, 40].map(n);

describe('responsibility on the ring', () => {
  it('gives a key to the first member at or after its hash, wrapping past the last', () => {
    expect(responsibleIndex(members, 5)).toBe(0);
    expect(responsibleIndex(members, 10)).toBe(0);
    expect(responsibleIndex(members, 11)).toBe(1);
    expect(responsibleIndex(members, 40)).toBe(3);
    expect(responsibleIndex(members, 41)).toBe(0);
    expect(responsibleIndex([], 41)).toBe(-1);
  });

  it('builds replication groups of the responsible node and its successors', () => {
    expect(replicaGroup(members, 35, 3).map((m) => m.id)).toEqual([40, 10, 20]);
    expect(replicaGroup(members, 0, 9).map((m) => m.id)).toEqual([10, 20, 30, 40]);
    expect(replicaGroup([], 0, 3)).toEqual([]);
  });

  it('agrees with a linear scan on random rings', () => {
    let seed = 1;
    const next = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed;
    };
    for (let round = 0; round < 50; round++) {
      const ring = [...new Set(Array.from({ length: 1 + (next() % 20) }, () => next()))]
        .sort((a, b) => a - b)
        .map(n);
      const key = next();
      const scan = ring.findIndex((m) => m.id >= key);
      expect(responsibleIndex(ring, key)).toBe(Math.max(scan, 0));
    }
  });
});

describe('OverlayRouter events', () => {
  it('hashes keys onto the ring and validates lookups', () => {
    expect(Lookup.forKey('apple', 3, 'r1').keyHash).toBe(ringHash('apple'));
    expect(() => new Lookup(-1, 3, 'r')).toThrow(RangeError);
    expect(() => new Lookup(2 ** 32, 3, 'r')).toThrow(RangeError);
    expect(() => new Lookup(5, 0, 'r')).toThrow(/replicationDegree/);
  });

  it('exposes the replication group of a response', () => {
    const r = new LookupResponse('r1', 15, n(20), [n(30), n(40)]);
    expect(r.group.map((m) => m.id)).toEqual([20, 30, 40]);
  });
});

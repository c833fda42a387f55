import { Address } from '@kompics/network';
import { ringHash } from '@kompics/ring';
import { describe, expect, it } from 'vitest';
import { resolveChordOptions } from '../src/options.js';
import { ChordNode } from './chord-node.js';
import { simulation } from './scenarios.js';

const self = new Address('10.9.0.1', 9);

describe('options', () => {
  it('defaults the id to the hash of the address and fills in defaults', () => {
    const o = resolveChordOptions({ self });
    expect(o.id).toBe(ringHash(self.key));
    expect(o).toMatchObject({
      successorListLength: 8,
      monitoredSuccessors: 8,
      stabilizePeriodMs: 1000,
      unification: 'gossip',
      unificationPeriodMs: 2000,
      suspectedListSize: 16,
      gossipFanout: 3,
      loopCheckRounds: 5,
    });
    expect(
      resolveChordOptions({ self, id: 42, successorListLength: 3, monitoredSuccessors: 10 }),
    ).toMatchObject({
      id: 42,
      monitoredSuccessors: 3,
    });
  });

  it('refuses bad options with a clear error', () => {
    expect(() => resolveChordOptions({} as never)).toThrow(/needs its own address/);
    expect(() => resolveChordOptions({ self, id: 2 ** 32 })).toThrow(/id must be an integer/);
    expect(() => resolveChordOptions({ self, successorListLength: 0 })).toThrow(/successorListLength/);
    expect(() => resolveChordOptions({ self, stabilizePeriodMs: -1 })).toThrow(/stabilizePeriodMs/);
    expect(() => resolveChordOptions({ self, unification: 'fast' as never })).toThrow(/unification/);
    const sim = simulation({ seed: 1 });
    expect(() =>
      sim.startNode({
        name: 'bad',
        address: self,
        definition: ChordNode,
        args: [{ self, gossipFanout: 0 }, 'create'],
      }),
    ).toThrow(/gossipFanout must be a positive integer/);
  });
});

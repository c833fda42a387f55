import { Address } from '@kompics/network';
import { forEachSeed, Simulation, uniform } from '@kompics/simulator';
import { describe, expect, it } from 'vitest';
import { GET_PEERS_TYPE, KEEP_ALIVE_TYPE, PEERS_REPLY_TYPE } from '../src/index.js';
import { bootstrapCodecs, ClientNode, ServerNode } from './bootstrap-nodes.js';

const server = new Address('10.2.0.1', 6000);
const client = (i: number) => new Address(`10.2.1.${i}`, 6000);

function system(seed: number, serverAt = 0) {
  const sim = new Simulation({
    seed,
    codecs: bootstrapCodecs(),
    network: { latency: uniform(5, 50) },
    trace: 'off',
  });
  sim.at(serverAt, () =>
    sim.startNode({ name: 'server', address: server, definition: ServerNode, args: [server] }),
  );
  const join = (i: number, at: number) =>
    sim.at(at, () =>
      sim.startNode({ name: `c${i}`, address: client(i), definition: ClientNode, args: [client(i), server] }),
    );
  const live = () => sim.node<ServerNode>('server').definition.server.definition.live();
  const responses = (i: number) => sim.node<ClientNode>(`c${i}`).definition.joiner.definition.responses;
  return { sim, join, live, responses };
}

describe('bootstrap service, in simulation', () => {
  it('hands out live nodes, keeps them by keep-alives and forgets the silent (many seeds)', () => {
    forEachSeed(
      'hands out live nodes',
      [1, 2, 3, 4, 5, 6],
      (seed) => {
        const { sim, join, live, responses } = system(seed);
        for (let i = 1; i <= 6; i++) join(i, 100 + i * 1000);
        sim.run({ until: 8_000 });
        expect(responses(1)).toHaveLength(1);
        expect(responses(1)[0]?.peers).toEqual([]);
        // The sixth joined after five others had reported in: it gets all of them, not itself.
        expect(responses(6)[0]?.peers).toEqual([1, 2, 3, 4, 5].map((i) => client(i).key).sort());
        expect(live()).toEqual([1, 2, 3, 4, 5, 6].map((i) => client(i).key).sort());
        sim.killNode('c3');
        sim.run({ until: 13_000 });
        expect(live()).not.toContain(client(3).key);
        expect(live()).toHaveLength(5);
        join(7, 13_100);
        sim.run({ until: 14_000 });
        expect(responses(7)[0]?.peers).toHaveLength(5);
        expect(responses(7)[0]?.peers).not.toContain(client(3).key);
      },
      '@kompics/bootstrap-service',
    );
  });

  it('retries until a late server answers', () => {
    const { sim, join, responses } = system(9, 3_000);
    join(1, 0);
    sim.run({ until: 5_000 });
    const got = responses(1);
    expect(got).toHaveLength(1);
    expect(got[0]?.t).toBeGreaterThanOrEqual(3_000);
  });
});

describe('bootstrap wire format', () => {
  const registry = bootstrapCodecs();
  const a = new Address('h', 1);
  it.each([
    [GET_PEERS_TYPE, 0, /GetPeers: count/],
    [GET_PEERS_TYPE, 'ten', /GetPeers: count/],
    [PEERS_REPLY_TYPE, 'x', /peers must be an array/],
    [PEERS_REPLY_TYPE, [['h']], /peer 0 must be/],
    [PEERS_REPLY_TYPE, [['h', 99999]], /peer 0: Address port/],
    [PEERS_REPLY_TYPE, Array.from({ length: 1001 }, () => ['h', 1]), /more than 1000 peers/],
    [KEEP_ALIVE_TYPE, 5, /KeepAlive: body must be null/],
  ] as const)('type %i rejects %j', (type, body, message) => {
    expect(() => registry.codecById(type)?.decode(body, a, a)).toThrow(message);
  });
});

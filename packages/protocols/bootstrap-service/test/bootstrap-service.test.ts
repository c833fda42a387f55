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
  const srv = () => sim.node<ServerNode>('server').definition.server.definition;
  return { sim, join, live, responses, server: srv };
}

describe('bootstrap service, in simulation', () => {
  it('hands out live nodes, keeps them by keep-alives and forgets the silent (many seeds)', () => {
    forEachSeed(
      'hands out live nodes',
      [1, 2, 3, 4, 5, 6],
      (seed) => {
        const { sim, join, live, responses } = system(seed);
        // After the server's founding grace (3 s, its eviction time).
        for (let i = 1; i <= 6; i++) join(i, 3_100 + i * 1000);
        sim.run({ until: 11_000 });
        expect(responses(1)).toHaveLength(1);
        expect(responses(1)[0]?.peers).toEqual([]);
        // The sixth joined after five others had reported in: it gets all of them, not itself.
        expect(responses(6)[0]?.peers).toEqual([1, 2, 3, 4, 5].map((i) => client(i).key).sort());
        expect(live()).toEqual([1, 2, 3, 4, 5, 6].map((i) => client(i).key).sort());
        sim.killNode('c3');
        sim.run({ until: 16_000 });
        expect(live()).not.toContain(client(3).key);
        expect(live()).toHaveLength(5);
        join(7, 16_100);
        sim.run({ until: 17_000 });
        expect(responses(7)[0]?.peers).toHaveLength(5);
        expect(responses(7)[0]?.peers).not.toContain(client(3).key);
      },
      '@kompics/bootstrap-service',
    );
  });

  it('retries until a late server answers (after its founding grace)', () => {
    const { sim, join, responses } = system(9, 3_000);
    join(1, 0);
    sim.run({ until: 7_000 });
    const got = responses(1);
    expect(got).toHaveLength(1);
    expect(got[0]?.t).toBeGreaterThanOrEqual(6_000);
  });

  it('names exactly one founder among nodes starting together; the others get it (many seeds)', () => {
    forEachSeed(
      'one founder',
      [1, 2, 3, 4, 5, 6, 7, 8],
      (seed) => {
        const { sim, join, live, responses, server: srv } = system(seed);
        // All ask during the grace and right after it, a few ms apart.
        for (let i = 1; i <= 6; i++) join(i, 2_900 + i * 7 * seed);
        sim.run({ until: 6_000 });
        const founders = [1, 2, 3, 4, 5, 6].filter((i) => responses(i)[0]?.peers.length === 0);
        expect(founders).toHaveLength(1);
        const founder = client(founders[0] as number).key;
        expect(srv().founder?.key).toBe(founder);
        for (let i = 1; i <= 6; i++) {
          expect(responses(i)).toHaveLength(1);
          if (client(i).key !== founder) expect(responses(i)[0]?.peers).toContain(founder);
        }
        expect(live()).toHaveLength(6);
        const seen = srv().liveNodes();
        expect(seen.map((n) => n.address.key)).toEqual(live());
        for (const n of seen) expect(n.lastSeenMs).toBeGreaterThan(5_000);
      },
      '@kompics/bootstrap-service',
    );
  });

  it('answers nobody during the grace after a restart, then hands out the surviving nodes', () => {
    const { sim, join, responses } = system(4);
    for (let i = 1; i <= 3; i++) join(i, 3_100 + i * 100);
    sim.run({ until: 5_000 });
    expect(responses(1)[0]?.peers).toEqual([]);
    sim.killNode('server');
    sim.run({ until: 6_000 });
    sim.startNode({ name: 'server', address: server, definition: ServerNode, args: [server] });
    // A new node asks at once: the server has heard from nobody yet, and must not found.
    join(4, 6_010);
    sim.run({ until: 10_000 });
    const got = responses(4);
    expect(got).toHaveLength(1);
    expect(got[0]?.peers).toEqual([1, 2, 3].map((i) => client(i).key).sort());
  });

  it('lets the next requester found when the founder falls silent before any keep-alive', () => {
    const { sim, join, responses, server: srv } = system(5);
    join(1, 3_100);
    sim.run({ until: 3_300 });
    expect(responses(1)[0]?.peers).toEqual([]);
    sim.killNode('c1');
    join(2, 3_400);
    sim.run({ until: 4_000 });
    // Meanwhile the dead founder is handed out (it counts as live until evicted).
    expect(responses(2)[0]?.peers).toEqual([client(1).key]);
    join(3, 8_000);
    sim.run({ until: 9_000 });
    // c2 kept its keep-alives going, so it is live: c3 gets it, not a new founding.
    expect(responses(3)[0]?.peers).toEqual([client(2).key]);
    expect(srv().live()).toEqual([client(2).key, client(3).key].sort());
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

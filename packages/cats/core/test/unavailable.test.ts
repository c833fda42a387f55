import { Dht, DhtFailure, Get, GetResponse, Put, PutResponse } from '@kompics/dht';
import { Address, CodecRegistry } from '@kompics/network';
import { RingNode, ringHash } from '@kompics/ring';
import { Simulation, uniform } from '@kompics/simulator';
import { expect, test } from 'vitest';
import { registerCatsCodecs } from '../src/index.js';
import { CatsNode } from './cats-node.js';

// A group that lost a majority of its view is unavailable, never inconsistent: with two of
// three nodes crashed at once, the survivor cannot reconfigure alone (it needs a majority of
// the view), so operations time out instead of answering from one replica.
test('a group without a majority of its view is unavailable, not inconsistent', () => {
  const sim = new Simulation({
    seed: 3,
    codecs: registerCatsCodecs(new CodecRegistry()),
    network: { latency: uniform(1, 5) },
  });
  const nodes = [1, 2, 3].map((i) => {
    const a = new Address(`10.2.0.${i}`, 7000);
    return new RingNode(ringHash(a.key), a);
  });
  const live = new Set(nodes);
  const truth = () => [...live].sort((x, y) => x.id - y.id);
  for (const [i, self] of nodes.entries()) {
    sim.startNode({
      name: `n${i + 1}`,
      address: self.address,
      definition: CatsNode,
      args: [{ cats: { self, genesis: nodes, slices: 4 }, truth }],
    });
  }
  const client = sim.client('n1', Dht);
  sim.at(100, () => client.request(new Put('p1', 'k', 'v1')));
  sim.at(500, () => {
    for (const name of ['n2', 'n3']) sim.killNode(name);
    live.delete(nodes[1] as RingNode);
    live.delete(nodes[2] as RingNode);
  });
  sim.at(2000, () => client.request(new Get('g1', 'k')));
  sim.run({ until: 10_000 });
  expect(client.received[0]).toBeInstanceOf(PutResponse);
  expect(client.received[1]).toBeInstanceOf(DhtFailure);
  expect((client.received[1] as DhtFailure).reason).toBe('timeout');
  expect(client.received.some((e) => e instanceof GetResponse)).toBe(false);
});

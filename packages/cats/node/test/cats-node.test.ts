// The CatsNode composite in simulation: what it answers before it has joined, its status once
// joined (its store growing with writes), a graceful leave through NodeControl, and an injected
// failure detector.
import { Dht, DhtFailure, Put, PutResponse } from '@kompics/dht';
import { PingFailureDetector } from '@kompics/failure-detector-ping';
import { Address } from '@kompics/network';
import { Simulation, uniform } from '@kompics/simulator';
import { Status, StatusRequest, StatusResponse } from '@kompics/status';
import { MemoryStore } from '@kompics/store-memory';
import { describe, expect, it } from 'vitest';
import {
  BootstrapServerNode,
  CatsNode,
  catsNodeCodecs,
  componentSpec,
  LeaveNode,
  MembersAnswer,
  MembersQuery,
  NodeControl,
  NodeLeft,
  type NodeStatus,
} from '../src/index.js';

const SERVER = new Address('10.8.0.1', 7000);
const addr = (i: number) => new Address(`10.8.1.${i}`, 7000);

function cluster(size: number, startAt: (i: number) => number = () => 0, rejoinAfterMs = 10_000) {
  const sim = new Simulation({
    seed: 7,
    codecs: catsNodeCodecs(),
    trace: 'off',
    network: { latency: uniform(1, 10) },
  });
  sim.startNode({
    name: 'server',
    address: SERVER,
    definition: BootstrapServerNode,
    args: [{ self: SERVER, evictAfterMs: 2000 }],
  });
  const start = (i: number) =>
    sim.startNode({
      name: `n${i}`,
      address: addr(i),
      definition: CatsNode,
      args: [
        {
          self: addr(i),
          bootstrapServer: SERVER,
          store: () => componentSpec(MemoryStore, {}),
          cats: { slices: 4 },
          failureDetector: (self: Address) =>
            componentSpec(PingFailureDetector, { self, pingIntervalMs: 700, minTimeoutMs: 900 }),
          urlOf: (a: Address) => `https://${a.key}`,
          rejoinAfterMs,
        },
      ],
    });
  for (let i = 1; i <= size; i++) sim.at(startAt(i), () => start(i));
  const node = (i: number) => sim.node<CatsNode>(`n${i}`).definition;
  return { sim, node, start };
}

describe('CatsNode', () => {
  it('rejects operations before it has joined, then serves them', () => {
    const { sim, node } = cluster(1);
    sim.run({ until: 1 });
    const dht = sim.client('n1', Dht);
    const answers: object[] = [];
    dht.onIndication((e) => answers.push(e));
    dht.request(new Put('early', 'k', 'v'));
    sim.run({ until: 500 });
    expect(answers[0]).toBeInstanceOf(DhtFailure);
    expect(answers[0]).toMatchObject({ reason: 'rejected', detail: 'not joined yet' });
    sim.run({ until: 4000 });
    expect(node(1).phase).toBe('joined');
    expect(node(1).founder).toBe(true);
    dht.request(new Put('later', 'k', 'v'));
    sim.run({ until: 5000 });
    expect(answers[1]).toBeInstanceOf(PutResponse);
  });

  it('a node alone in the ring leaves at once: nobody to hand over to, no wait for the leave timeout', () => {
    const { sim, node } = cluster(1);
    sim.run({ until: 4000 });
    expect(node(1).phase).toBe('joined');
    const control = sim.client('n1', NodeControl);
    const news: object[] = [];
    control.onIndication((e) => news.push(e));
    control.request(new LeaveNode('alone'));
    // The leave timeout is 20 s; a node alone answers within a maintenance round or two.
    sim.run({ until: 4500 });
    expect(news.find((e) => e instanceof NodeLeft)).toMatchObject({ requestId: 'alone', handedOver: false });
    expect(node(1).phase).toBe('left');
  });

  it('reports a NodeStatus (store size and counters included), lists members, leaves gracefully; the injected detector is used', () => {
    const { sim, node } = cluster(4);
    sim.run({ until: 30_000 });
    expect([1, 2, 3, 4].filter((i) => node(i).founder)).toHaveLength(1);
    expect(node(2).fd.definition).toBeInstanceOf(PingFailureDetector);
    expect((node(2).fd.definition as PingFailureDetector).options.pingIntervalMs).toBe(700);

    const status = sim.client('n2', Status);
    const reports: StatusResponse[] = [];
    status.onIndication((e) => {
      if (e instanceof StatusResponse) reports.push(e);
    });
    status.request(new StatusRequest('s1'));
    sim.run({ until: 31_000 });
    expect(reports.map((r) => [r.requestId, r.source])).toEqual([['s1', 'node']]);
    const s = reports[0]?.report as unknown as NodeStatus;
    expect(s.node).toMatchObject({
      id: node(2).self.id,
      address: addr(2).key,
      url: `https://${addr(2).key}`,
    });
    expect(s.ring.joined).toBe(true);
    expect(s.ring.successors.length).toBe(3);
    expect(s.ring.predecessor?.url).toMatch(/^https:\/\/10\.8\.1\.\d:7000$/);
    expect(s.groups.length).toBeGreaterThan(0);
    expect(s.groups.every((g) => g.members.length === 3 && g.view !== null)).toBe(true);
    expect(s.groups.some((g) => g.serving)).toBe(true);
    expect(s.bootstrap).toBe(`https://${SERVER.key}`);
    expect(s.suspected).toEqual([]);
    expect(typeof s.counters.reconfigurations).toBe('number');
    // Nothing was written yet: the store holds nothing, and no operation was coordinated here.
    expect(s.store).toEqual({ entries: 0, bytes: 0 });
    expect(s.counters.puts).toBe(0);

    // Writes through n2 show in its status: its store grows, and its put counter counts them.
    const dht = sim.client('n2', Dht);
    const written: object[] = [];
    dht.onIndication((e) => written.push(e));
    for (let k = 0; k < 12; k++) dht.request(new Put(`w${k}`, `key-${k}`, `value-${k}`));
    sim.run({ until: 33_000 });
    expect(written.filter((e) => e instanceof PutResponse)).toHaveLength(12);
    status.request(new StatusRequest('s2'));
    sim.run({ until: 34_000 });
    const after = reports[1]?.report as unknown as NodeStatus;
    expect(reports[1]?.requestId).toBe('s2');
    expect(after.store.entries).toBeGreaterThan(0);
    expect(after.store.entries).toBeLessThanOrEqual(12);
    expect(after.store.bytes).toBeGreaterThan(0);
    expect(after.counters.puts).toBe(12);

    const control = sim.client('n3', NodeControl);
    const news: object[] = [];
    control.onIndication((e) => news.push(e));
    control.request(new MembersQuery('m1'));
    control.request(new LeaveNode('l1'));
    sim.run({ until: 45_000 });
    const members = news.find((e) => e instanceof MembersAnswer) as MembersAnswer;
    expect(members.members.map((m) => m.address.key).sort()).toEqual(
      [1, 2, 3, 4].map((i) => addr(i).key).sort(),
    );
    const left = news.find((e) => e instanceof NodeLeft) as NodeLeft;
    expect(left).toMatchObject({ requestId: 'l1', handedOver: true });
    expect(node(3).phase).toBe('left');
    // No view any other node holds names n3 any more.
    for (const i of [1, 2, 4])
      for (let slice = 0; slice < 4; slice++)
        expect(node(i).layer?.viewOf(slice)?.has(addr(3).key) ?? false).toBe(false);
  });

  it('a restarted bootstrap server does not found a second cluster: a new node joins the running one', () => {
    const { sim, node, start } = cluster(3, (i) => i * 150);
    sim.run({ until: 20_000 });
    expect([1, 2, 3].filter((i) => node(i).founder)).toHaveLength(1);
    sim.killNode('server');
    sim.run({ until: 22_000 });
    sim.startNode({
      name: 'server',
      address: SERVER,
      definition: BootstrapServerNode,
      args: [{ self: SERVER, evictAfterMs: 2000 }],
    });
    // The new node asks at once, before the running nodes' keep-alives reached the new server.
    start(4);
    sim.run({ until: 40_000 });
    expect(node(4).founder).toBe(false);
    expect(node(4).phase).toBe('joined');
    const server = sim.node<BootstrapServerNode>('server').definition.server.definition;
    expect(server.live()).toEqual([1, 2, 3, 4].map((i) => addr(i).key).sort());
    // One ring: every node's successor list names only members of the one cluster, n4 included.
    expect(
      [1, 2, 3].some((i) => node(i).chord.definition.successors.some((s) => s.address.equals(addr(4)))),
    ).toBe(true);
  });

  it('asks the server again when the peers it was given are gone, and founds afresh if nobody is left', () => {
    const { sim, node, start } = cluster(2, (i) => i * 100, 4000);
    sim.run({ until: 15_000 });
    expect(node(1).phase).toBe('joined');
    expect(node(2).phase).toBe('joined');
    sim.killNode('n1');
    sim.killNode('n2');
    // The server still hands the dead nodes out until it evicts them (2 s).
    start(3);
    sim.run({ until: 16_000 });
    expect(node(3).phase).toBe('joining');
    sim.run({ until: 30_000 });
    expect(node(3).rebootstraps).toBeGreaterThanOrEqual(1);
    expect(node(3).founder).toBe(true);
    expect(node(3).phase).toBe('joined');
    const dht = sim.client('n3', Dht);
    const answers: object[] = [];
    dht.onIndication((e) => answers.push(e));
    dht.request(new Put('p', 'k', 'v'));
    sim.run({ until: 32_000 });
    expect(answers[0]).toBeInstanceOf(PutResponse);
  });
});

import { PutResponse } from '@kompics/dht';
import { Status, StatusRequest, StatusResponse } from '@kompics/status';
import { expect, test } from 'vitest';
import { answerOf, Cluster, clusterNode } from './cluster.js';

// How @cats/node starts a fresh cluster: the first node with genesis [self] (every range has a
// one-member view), the others with genesis [] once they joined the ring. The groups grow to
// three replicas by reconfiguration and range transfer; data written early stays readable, and
// the data layer's status report shows the groups and the store's size.
test('a one-node genesis grows to three replicas by joins, and reports its status', () => {
  const c = new Cluster(31);
  c.start(1, [clusterNode(1)]);
  const keys = Array.from({ length: 30 }, (_, k) => `key-${k}`);
  const writes: Array<ReturnType<Cluster['op']>> = [];
  c.sim.at(100, () => {
    for (const [k, key] of keys.entries()) writes.push(c.op(1, 'put', key, `v${k}`));
  });
  c.sim.at(1000, () => c.start(2, []));
  c.sim.at(2500, () => c.start(3, []));
  const reads: Array<ReturnType<Cluster['op']>> = [];
  c.sim.at(7000, () => {
    for (const [k, key] of keys.entries()) reads.push(c.op(1 + (k % 3), 'get', key));
  });
  let status: StatusResponse | undefined;
  c.sim.at(7500, () => {
    const probe = c.sim.client('n3', Status);
    probe.onIndication((e) => {
      if (e instanceof StatusResponse) status = e;
    });
    probe.request(new StatusRequest('s1'));
  });
  c.sim.run({ until: 9000 });
  for (const w of writes) expect(w()).toBeInstanceOf(PutResponse);
  expect(reads.map((r) => answerOf(r()))).toEqual(keys.map((_, k) => `v${k}`));
  for (const i of [1, 2, 3])
    for (let slice = 0; slice < 4; slice++) {
      expect(c.layer(i).viewOf(slice)?.members.length).toBe(3);
      expect(c.layer(i).serves(slice)).toBe(true);
    }
  expect(status?.requestId).toBe('s1');
  expect(status?.source).toBe('data');
  const report = status?.report as {
    groups: Array<{ slice: number; view: number; members: Array<{ address: string }>; serving: boolean }>;
    store: { entries: number; bytes: number };
    counters: Record<string, number>;
  };
  expect(report.groups.map((g) => g.slice)).toEqual([0, 1, 2, 3]);
  for (const g of report.groups) {
    expect(g.serving).toBe(true);
    expect(g.view).toBeGreaterThan(1);
    expect(g.members.map((m) => m.address).sort()).toEqual(
      [1, 2, 3].map((i) => clusterNode(i).address.key).sort(),
    );
  }
  // n3 got every key by transfer (three nodes, three replicas): its store holds all of them.
  expect(report.store.entries).toBe(keys.length);
  expect(report.store.bytes).toBeGreaterThan(0);
  expect(report.counters.gets).toBeGreaterThan(0);
  expect(report.counters.transfersIn).toBeGreaterThan(0);
});

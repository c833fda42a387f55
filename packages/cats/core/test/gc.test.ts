import { PutResponse } from '@kompics/dht';
import { inArc } from '@kompics/ring';
import { expect, test } from 'vitest';
import { answerOf, Cluster, clusterNode } from './cluster.js';

// A member removed from a range's group deletes its copy of the range (StoreRemoveRange) once a
// majority of the new view serves it and gcDelayMs has passed; the data stays readable.
test('removed members garbage-collect the ranges they no longer replicate', () => {
  const genesis = [1, 2, 3].map(clusterNode);
  const c = new Cluster(11, { gcDelayMs: 1000 });
  for (const i of [1, 2, 3]) c.start(i, genesis);
  const keys = Array.from({ length: 60 }, (_, k) => `key-${k}`);
  const writes: Array<ReturnType<Cluster['op']>> = [];
  c.sim.at(100, () => {
    for (const [k, key] of keys.entries()) writes.push(c.op(1 + (k % 3), 'put', key, `v${k}`));
  });
  for (const i of [4, 5, 6]) c.sim.at(1000 + 100 * i, () => c.start(i, []));
  const reads: Array<ReturnType<Cluster['op']>> = [];
  c.sim.at(9000, () => {
    for (const [k, key] of keys.entries()) reads.push(c.op(1 + (k % 6), 'get', key));
  });
  c.sim.run({ until: 12_000 });
  for (const w of writes) expect(w()).toBeInstanceOf(PutResponse);
  expect(reads.map((r) => answerOf(r()))).toEqual(keys.map((_, k) => `v${k}`));

  let collected = 0;
  for (const i of [1, 2, 3]) {
    const layer = c.layer(i);
    const data = c.disks.get(`n${i}`);
    for (let slice = 0; slice < layer.slices.count; slice++) {
      const view = layer.viewOf(slice);
      if (view === undefined || view.has(clusterNode(i).address.key)) continue;
      // Not a member of the range's newest view: its copy is gone.
      const [from, to] = layer.slices.range(slice);
      const left = [...(data?.entries() ?? [])].filter((e) => inArc(e.hash, from, to));
      expect(left, `n${i} slice ${slice}`).toEqual([]);
      collected++;
    }
  }
  expect(collected).toBeGreaterThan(0);
  const total = [1, 2, 3].reduce((sum, i) => sum + c.layer(i).stats.rangesCollected, 0);
  expect(total).toBe(collected);
});

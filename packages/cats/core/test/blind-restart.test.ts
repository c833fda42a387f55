import { expect, test } from 'vitest';
import { answerOf, Cluster, clusterNode } from './cluster.js';

// A node restarted with its data knows its views at once but nothing of the ring until the ring
// has answered. Knowing no neighbours must not make it think it alone is responsible for every
// range and shrink each group to itself: the group would drop to one copy (and the others would
// garbage-collect theirs) until the ring answered.
test('a restarted node that knows no ring neighbours yet does not shrink its groups to itself', () => {
  const c = new Cluster(7);
  const genesis = [1, 2, 3].map(clusterNode);
  for (const i of [1, 2, 3]) c.start(i, genesis);
  const keys = Array.from({ length: 12 }, (_, k) => `key-${k}`);
  c.sim.at(200, () => {
    for (const [k, key] of keys.entries()) c.op(1, 'put', key, `v${k}`);
  });
  c.sim.at(1500, () => c.kill(2));
  c.sim.at(1600, () => {
    c.blind.add(clusterNode(2).address.key);
    c.start(2, genesis);
  });
  let smallest = 3;
  for (let t = 1700; t <= 6000; t += 100)
    c.sim.at(t, () => {
      for (const i of [1, 3])
        for (let slice = 0; slice < 4; slice++)
          smallest = Math.min(smallest, c.layer(i).viewOf(slice)?.members.length ?? 0);
    });
  c.sim.at(6000, () => c.blind.clear());
  const reads: Array<ReturnType<Cluster['op']>> = [];
  c.sim.at(8000, () => {
    for (const [k, key] of keys.entries()) reads.push(c.op(1 + (k % 3), 'get', key));
  });
  c.sim.run({ until: 9500 });
  // The ring may notice the 100 ms crash and drop n2 for a while (a legitimate two-member view);
  // a one-member view can come only from the restarted node proposing itself alone.
  expect(smallest).toBeGreaterThanOrEqual(2);
  for (const i of [1, 2, 3])
    for (let slice = 0; slice < 4; slice++) expect(c.layer(i).viewOf(slice)?.members.length).toBe(3);
  expect(reads.map((r) => answerOf(r()))).toEqual(keys.map((_, k) => `v${k}`));
});

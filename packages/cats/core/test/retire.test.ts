import { PutResponse } from '@kompics/dht';
import { expect, test } from 'vitest';
import { CatsControl, Retire, Retired } from '../src/index.js';
import { answerOf, Cluster, clusterNode } from './cluster.js';

// Retire (graceful leave): the node proposes every group it is in without itself, others leave
// it out, and it indicates Retired once a majority of each new view serves the range. Then it
// can stop: nothing acknowledged is lost. (Under load, with linearizability checked, the churn
// family retires a node in every seed.)
test('a retiring node hands every range over, then reports Retired; nothing is lost', () => {
  const genesis = [1, 2, 3, 4, 5].map(clusterNode);
  const c = new Cluster(21);
  for (const i of [1, 2, 3, 4, 5]) c.start(i, genesis);
  const keys = Array.from({ length: 40 }, (_, k) => `key-${k}`);
  const writes: Array<ReturnType<Cluster['op']>> = [];
  c.sim.at(100, () => {
    for (const [k, key] of keys.entries()) writes.push(c.op(1 + (k % 5), 'put', key, `v${k}`));
  });
  let retiredAt: number | undefined;
  c.sim.at(1000, () => {
    const control = c.sim.client('n3', CatsControl);
    control.onIndication((e) => {
      if (e instanceof Retired && retiredAt === undefined) {
        retiredAt = c.sim.now;
        // Every view n3 knows has left it out, and the others agree.
        for (let slice = 0; slice < 4; slice++) {
          expect(c.layer(3).viewOf(slice)?.has(clusterNode(3).address.key)).not.toBe(true);
          for (const i of [1, 2, 4, 5])
            expect(c.layer(i).viewOf(slice)?.has(clusterNode(3).address.key)).not.toBe(true);
        }
        c.sim.stopNode('n3');
        c.live.delete('n3');
      }
    });
    control.request(new Retire());
  });
  const reads: Array<ReturnType<Cluster['op']>> = [];
  c.sim.at(8000, () => {
    for (const [k, key] of keys.entries()) reads.push(c.op([1, 2, 4, 5][k % 4] as number, 'get', key));
  });
  c.sim.run({ until: 10_000 });
  for (const w of writes) expect(w()).toBeInstanceOf(PutResponse);
  expect(retiredAt).toBeDefined();
  expect(reads.map((r) => answerOf(r()))).toEqual(keys.map((_, k) => `v${k}`));
});

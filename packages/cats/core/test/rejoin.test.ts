import { PutResponse } from '@kompics/dht';
import { inArc, type RingNode } from '@kompics/ring';
import { expect, test } from 'vitest';
import { Slices } from '../src/index.js';
import { answerOf, Cluster, clusterNode } from './cluster.js';

// Found by a real-process fault run (a group answered "no consistent quorum" for good): a node
// that joins a group is crashed while it fetches the range (it is a durable member of the new
// view, not ready yet) and restarted with its store before its neighbours' failure detectors
// notice — so nothing reconfigures the group again. The restarted node must resume the transfer
// on its own and serve the range; otherwise a two-member group never has a consistent quorum.
test('a new member crashed mid-transfer and restarted resumes the transfer and serves', () => {
  const c = new Cluster(53, { syncChunk: 1 });
  c.start(1, [clusterNode(1)]);
  const keys = Array.from({ length: 120 }, (_, k) => `key-${k}`);
  const writes: Array<ReturnType<Cluster['op']>> = [];
  c.sim.at(100, () => {
    for (const [k, key] of keys.entries()) writes.push(c.op(1, 'put', key, `v${k}`));
  });
  c.sim.at(1000, () => c.start(2, []));
  // As soon as n2 is a member of a view it does not serve yet (it is fetching the range), crash
  // it — kept in the oracle ring, as a quick restart is — and restart it 300 ms later.
  let crashedAt: number | undefined;
  const watch = () => {
    if (crashedAt !== undefined) return;
    const layer = c.layer(2);
    for (let slice = 0; slice < 4; slice++) {
      if (layer.viewOf(slice)?.has(clusterNode(2).address.key) === true && !layer.serves(slice)) {
        crashedAt = c.sim.now;
        c.sim.killNode('n2');
        c.sim.after(300, () => c.start(2, []));
        return;
      }
    }
    c.sim.after(1, watch);
  };
  c.sim.at(1001, watch);
  const reads: Array<ReturnType<Cluster['op']>> = [];
  c.sim.at(6000, () => {
    for (const [k, key] of keys.entries()) reads.push(c.op(1 + (k % 2), 'get', key));
  });
  c.sim.run({ until: 12000 });
  expect(crashedAt).toBeDefined();
  for (const w of writes) expect(w()).toBeInstanceOf(PutResponse);
  for (const i of [1, 2])
    for (let slice = 0; slice < 4; slice++)
      expect(c.layer(i).serves(slice), `n${i} slice ${slice}`).toBe(true);
  expect(reads.map((r) => answerOf(r()))).toEqual(keys.map((_, k) => `v${k}`));
});

// The other half of that run: views replaced before anyone was ready in them. Three new nodes
// take over a range (view k+1 = [x, y, z], all fetching it); z dies, so the group moves on to
// view k+2 = [x, y, w]; x and y crash and restart (their transfers for k+1 are lost). If k+2
// could be decided while no member of k+1 was ready, no source would ever cover the writes
// before k+1 and the range would be lost for good; acceptors that are not ready in a view do
// not vote on replacing it, so k+2 waits until x and y have the range, and the group recovers.
test('a view is replaced only once a majority of it is ready, so a chain of moves recovers', () => {
  const c = new Cluster(59, { syncChunk: 1 });
  const base = [1, 2, 3];
  c.start(1, [clusterNode(1)]);
  c.sim.at(300, () => c.start(2, []));
  c.sim.at(600, () => c.start(3, []));
  const keys = Array.from({ length: 800 }, (_, k) => `key-${k}`);
  const writes: Array<ReturnType<Cluster['op']>> = [];
  c.sim.at(100, () => {
    for (const [k, key] of keys.entries()) writes.push(c.op(1, 'put', key, `v${k}`));
  });
  // Three nodes whose ids fall just after a range's end, before the first base node: they
  // become the range's whole group.
  const slices = new Slices(4);
  const sortedBase = base.map(clusterNode).sort((a, b) => a.id - b.id);
  let target: { slice: number; joiners: number[] } | undefined;
  for (let slice = 0; slice < 4 && target === undefined; slice++) {
    const to = slices.range(slice)[1];
    const succ = sortedBase.find((n) => n.id >= to) ?? (sortedBase[0] as RingNode);
    const joiners: number[] = [];
    for (let i = 4; i < 250 && joiners.length < 3; i++) {
      const id = clusterNode(i).id;
      if (id !== succ.id && (id === to || inArc(id, to, succ.id))) joiners.push(i);
    }
    if (joiners.length === 3) target = { slice, joiners };
  }
  if (target === undefined) throw new Error('no range with three joiners found');
  const { slice, joiners } = target;
  const [x, y, z] = joiners as [number, number, number];
  const keyOf = (i: number) => clusterNode(i).address.key;
  c.sim.at(4000, () => {
    for (const i of joiners) c.start(i, []);
  });
  let moved: number | undefined;
  let crashed = false;
  const watch = () => {
    if (c.sim.now > 9000) return;
    if (moved === undefined) {
      const view = c.layer(1).viewOf(slice);
      if (view !== undefined && joiners.every((i) => view.has(keyOf(i)))) {
        // View k+1 = [x, y, z] is decided and they are fetching: z dies for good.
        moved = view.number;
        c.kill(z);
      }
    } else if (!crashed) {
      const view = c.layer(x).viewOf(slice);
      if (view !== undefined && view.number > moved && !c.layer(x).serves(slice)) {
        crashed = true;
        for (const i of [x, y]) {
          c.sim.killNode(`n${i}`);
          c.sim.after(100, () => c.start(i, []));
        }
      }
    }
    c.sim.after(1, watch);
  };
  c.sim.at(4001, watch);
  const reads: Array<ReturnType<Cluster['op']>> = [];
  c.sim.at(14000, () => {
    for (const [k, key] of keys.entries()) reads.push(c.op(1 + (k % 3), 'get', key));
  });
  c.sim.run({ until: 20000 });
  expect(moved).toBeDefined();
  for (const w of writes) expect(w()).toBeInstanceOf(PutResponse);
  const live = [...base, x, y];
  const newest = c.layer(1).viewOf(slice);
  expect(newest?.members.map((m) => m.address.key)).not.toContain(keyOf(z));
  const serving = live.filter(
    (i) => c.layer(i).serves(slice) && c.layer(i).viewOf(slice)?.number === newest?.number,
  );
  expect(serving.length).toBeGreaterThanOrEqual(newest?.majority ?? 99);
  expect(reads.map((r) => answerOf(r()))).toEqual(keys.map((_, k) => `v${k}`));
});

import type { RingNode } from '@kompics/ring';
import { expect, test } from 'vitest';
import { Ballot, decodeSliceInto, encodeSlice, GroupView, SliceState } from '../src/index.js';
import { Cluster, clusterNode } from './cluster.js';

// Crash and restart with the same store data: each node loads its views, readiness, the ballot
// rounds it used and its Paxos acceptor state (promised ballot, accepted proposal) before it
// serves anything, so a restarted acceptor never promises or accepts against what it said
// before, and never serves a view it had voted to replace. Nodes are crashed at many moments of
// a run with joins (reconfigurations in flight) and their state compared across the restart.
test('a restarted node comes back with exactly the durable state it had acknowledged', () => {
  const genesis = [1, 2, 3, 4].map(clusterNode);
  const c = new Cluster(41, { slices: 8 });
  for (const i of [1, 2, 3, 4]) c.start(i, genesis);
  for (const i of [5, 6, 7]) c.sim.at(500 + 300 * i, () => c.start(i, []));
  let k = 0;
  c.sim.at(200, () => {
    for (let j = 0; j < 30; j++) c.op(1 + (j % 4), 'put', `key-${j}`, `v${j}`);
  });
  let compared = 0;
  // Every 137 ms, crash one node and restart it 50 ms later; compare once it has loaded (before
  // any message can reach it: the latency is at least 1 ms).
  for (let at = 1000; at < 5000; at += 137) {
    const victim = 1 + (k++ % 7);
    c.sim.at(at, () => {
      if (!c.live.has(`n${victim}`)) return;
      const layer = c.layer(victim);
      const before = Array.from({ length: 8 }, (_, s) => layer.durableStateOf(s));
      c.kill(victim);
      c.sim.after(50, () => {
        c.start(victim, victim <= 4 ? genesis : []);
        c.sim.after(0.5, () => {
          const restarted = c.layer(victim);
          expect(restarted.loaded).toBe(true);
          for (let s = 0; s < 8; s++) {
            const was = before[s];
            // Only ranges the node may hold data of (or voted on) are remembered; the views of
            // other groups are learnt again from replies and gossip.
            if (was === undefined) continue;
            const kept = JSON.parse(was) as { holdsData: boolean; highestRound: number };
            if (!kept.holdsData && kept.highestRound === 0) continue;
            expect(restarted.durableStateOf(s), `n${victim} slice ${s}`).toBe(was);
            compared++;
          }
        });
      });
    });
  }
  c.sim.run({ until: 8000 });
  expect(compared).toBeGreaterThan(100);
});

// The record format round-trips everything, the acceptor state included.
test('a slice state record round-trips views, readiness, rounds and acceptor state', () => {
  const [a, b, c, d] = [1, 2, 3, 4].map(clusterNode) as [RingNode, RingNode, RingNode, RingNode];
  const state = new SliceState(5);
  state.view = new GroupView(5, 7, [a, b, c], [a, b, d]);
  state.readyIn = 7;
  state.coversBelow = 7;
  state.highestRound = 12;
  state.holdsData = true;
  state.acceptor = {
    instance: 7,
    promised: new Ballot(12, b.address.key),
    accepted: { ballot: new Ballot(11, c.address.key), members: [a, c, d] },
    since: 1234,
  };
  const text = encodeSlice(state);
  const back = new SliceState(5);
  decodeSliceInto(back, text);
  expect(encodeSlice(back)).toBe(text);
  expect(back.view?.toString()).toBe(state.view.toString());
  expect(back.view?.previous.map((n) => n.address.key)).toEqual([a, b, d].map((n) => n.address.key));
  expect(back.acceptor?.promised.toString()).toBe(`12:${b.address.key}`);
  expect(back.acceptor?.accepted?.members.map((n) => n.id)).toEqual([a, c, d].map((n) => n.id));
  // It never serves view 7 again: it accepted a successor.
  expect(back.serving(a.address.key)).toBe(false);
  expect(() => decodeSliceInto(new SliceState(6), text)).toThrow(/malformed/);
  expect(() => decodeSliceInto(new SliceState(5), '{oops')).toThrow(/not JSON/);
});

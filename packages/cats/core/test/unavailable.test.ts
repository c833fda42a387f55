import { DhtFailure, PutResponse } from '@kompics/dht';
import { expect, test } from 'vitest';
import { answerOf, Cluster, clusterNode } from './cluster.js';

const genesis = [1, 2, 3].map(clusterNode);

// A group that lost a majority of its view is unavailable, never inconsistent: with two of
// three nodes crashed, the survivor cannot reconfigure alone (it needs a majority of the view).
// The coordinator knows the group's view, heard from no majority during the whole operation,
// and its router (fed by the failure detector; here the oracle) no longer lists the others: it
// fails the operation with `unavailable`, not `timeout`, and never answers from one replica.
test('an operation on a group that lost its majority fails with unavailable', () => {
  const c = new Cluster(3);
  for (const i of [1, 2, 3]) c.start(i, genesis);
  let wrote: ReturnType<Cluster['op']> = () => undefined;
  let read: ReturnType<Cluster['op']> = () => undefined;
  c.sim.at(100, () => {
    wrote = c.op(1, 'put', 'k', 'v1');
  });
  c.sim.at(500, () => {
    c.kill(2);
    c.kill(3);
  });
  c.sim.at(2000, () => {
    read = c.op(1, 'get', 'k');
  });
  c.sim.run({ until: 10_000 });
  expect(wrote()).toBeInstanceOf(PutResponse);
  const failure = read();
  expect(failure).toBeInstanceOf(DhtFailure);
  expect((failure as DhtFailure).reason).toBe('unavailable');
  expect((failure as DhtFailure).detail).toMatch(/lost its majority: 1 of 3/);
  expect(c.layer(1).stats.unavailable).toBe(1);
});

// The same group comes back when the crashed members restart with their disks: they load their
// views and acceptor state, and the value acknowledged before the crash is read again.
test('the group is available again once its members restart with their durable state', () => {
  const c = new Cluster(4);
  for (const i of [1, 2, 3]) c.start(i, genesis);
  let wrote: ReturnType<Cluster['op']> = () => undefined;
  let during: ReturnType<Cluster['op']> = () => undefined;
  let after: ReturnType<Cluster['op']> = () => undefined;
  c.sim.at(100, () => {
    wrote = c.op(1, 'put', 'k', 'v1');
  });
  c.sim.at(500, () => {
    c.kill(2);
    c.kill(3);
  });
  c.sim.at(1000, () => {
    during = c.op(1, 'get', 'k');
  });
  c.sim.at(7000, () => {
    c.start(2, genesis);
    c.start(3, genesis);
  });
  c.sim.at(8000, () => {
    after = c.op(2, 'get', 'k');
  });
  c.sim.run({ until: 12_000 });
  expect(wrote()).toBeInstanceOf(PutResponse);
  expect(answerOf(during())).toBe('failure: unavailable');
  expect(answerOf(after())).toBe('v1');
  expect(c.layer(2).stats.viewsLoaded).toBe(4);
});

// A coordinator that cannot tell (members alive as far as it knows, just not answering in time)
// reports a timeout: here a partition hides the other two members from node 1's messages while
// its router still lists them.
test('an operation that merely got no answer in time fails with timeout', () => {
  const c = new Cluster(5);
  for (const i of [1, 2, 3]) c.start(i, genesis);
  let read: ReturnType<Cluster['op']> = () => undefined;
  c.sim.at(500, () => {
    for (const i of [2, 3]) c.sim.network.cut(clusterNode(1).address, clusterNode(i).address);
    read = c.op(1, 'get', 'k');
  });
  c.sim.run({ until: 6000 });
  expect(answerOf(read())).toBe('failure: timeout');
});

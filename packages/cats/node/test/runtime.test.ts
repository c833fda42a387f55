// The real runtime in this process: a bootstrap server and four nodes on loopback through
// startCatsNode (memory store), driven through the promise API.
import { afterAll, describe, expect, it } from 'vitest';
import {
  DhtError,
  type RunningBootstrapServer,
  type RunningCatsNode,
  startBootstrapServer,
  startCatsNode,
} from '../src/index.js';
import { freePort, waitFor } from './loopback.js';

const TUNING = { rejoinAfterMs: 3000, leaveTimeoutMs: 15_000 };
const KEYS = 30;

describe('startCatsNode on loopback', () => {
  let server: RunningBootstrapServer | undefined;
  const nodes: RunningCatsNode[] = [];
  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.stop()));
    await server?.stop();
  });

  /** Every node has joined and serves a full group (3 of the given nodes) in every range it knows of. */
  const settled = (group: readonly RunningCatsNode[]) => async () => {
    const keys = new Set(group.map((n) => n.self.address.key));
    for (const n of group) {
      const s = await n.status();
      if (!s.ring.joined || s.groups.length === 0) return false;
      if (!s.groups.every((g) => g.members.length === 3 && g.members.every((m) => keys.has(m.address))))
        return false;
      if (!s.groups.some((g) => g.serving)) return false;
    }
    return true;
  };

  it('forms a cluster, agrees across nodes, hands data over on leave, stops cleanly', async () => {
    server = await startBootstrapServer({ address: `127.0.0.1:${await freePort()}`, evictAfterMs: 1500 });
    for (let i = 0; i < 4; i++) {
      nodes.push(
        await startCatsNode({
          address: `127.0.0.1:${await freePort()}`,
          bootstrap: server.url,
          store: 'memory',
          tuning: TUNING,
        }),
      );
    }
    const [a, b, c, d] = nodes as [RunningCatsNode, RunningCatsNode, RunningCatsNode, RunningCatsNode];
    await waitFor('every node joined, every range with a full group', settled(nodes), 60_000);
    expect(
      server
        .liveNodes()
        .map((n) => n.address)
        .sort(),
    ).toEqual(nodes.map((n) => n.self.address.key).sort());

    // Operations through any node agree.
    await a.put('k1', 'v1');
    expect(await b.get('k1')).toBe('v1');
    await c.put('k2', new Uint8Array([1, 2, 3]));
    expect(await d.get('k2')).toEqual(new Uint8Array([1, 2, 3]));
    await b.delete('k1');
    expect(await c.get('k1')).toBeUndefined();
    for (let i = 0; i < KEYS; i++) await nodes[i % 4]?.put(`key-${i}`, `value-${i}`);

    const status = await a.status();
    expect(status.node).toMatchObject({ id: a.self.id, address: a.self.address.key, url: a.url });
    expect(status.ring.joined).toBe(true);
    expect(status.ring.successors.length).toBeGreaterThan(0);
    expect(status.ring.predecessor).not.toBeNull();
    expect(status.bootstrap).toBe(server.url);
    expect(status.suspected).toEqual([]);
    expect(status.counters.puts).toBeGreaterThan(0);
    // a replicates most ranges (three replicas of four nodes): its store holds some of the keys.
    expect(status.store.entries).toBeGreaterThan(0);
    expect(status.store.bytes).toBeGreaterThan(0);
    // Membership is a gossiped view that converges: b may not have heard of a member yet, or,
    // on a loaded machine, may have dropped one after a late heartbeat until it refutes. Seen
    // once in a full test run beside a valgrind run: b's view lacked one of the four.
    const everyone = nodes.map((n) => n.self.address.key).sort();
    const bKnows = async () => (await b.members()).map((m) => m.address.key).sort();
    await waitFor('b to know every member', async () => (await bKnows()).join() === everyone.join(), 60_000);
    expect(await bKnows()).toEqual(everyone);

    // c leaves gracefully: its ranges move to the other three. Then d crashes: had c not handed
    // its data over, the ranges c and d shared would have lost their majority.
    await c.leave();
    await expect(c.get('k2')).rejects.toBeInstanceOf(DhtError);
    await c.stop();
    await waitFor('the groups reconfigured without c', settled([a, b, d]), 60_000);
    await d.stop();
    for (let i = 0; i < KEYS; i++) expect(await nodes[i % 2]?.get(`key-${i}`)).toBe(`value-${i}`);
    expect(await b.get('k2')).toEqual(new Uint8Array([1, 2, 3]));
  }, 180_000);
});

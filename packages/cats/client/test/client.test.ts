import { afterEach, describe, expect, it } from 'vitest';
import { type CatsClient, CatsClientError, connect, isCatsClientError } from '../src/index.js';
import { type FakeCluster, startFakeCluster } from '../src/testing/index.js';

let cluster: FakeCluster | undefined;
let client: CatsClient | undefined;

afterEach(async () => {
  client?.close();
  client = undefined;
  await cluster?.close();
  cluster = undefined;
});

async function setUp(options: Parameters<typeof startFakeCluster>[0] = {}, connectOptions = {}) {
  cluster = await startFakeCluster(options);
  client = await connect({ nodes: [cluster.nodes[0]!.url] }, connectOptions);
  return { cluster, client };
}

function keysOf(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `key-${i}`);
}

describe('@cats/client', () => {
  it('puts, gets and deletes text and bytes', async () => {
    const { client } = await setUp();
    await client.put('greeting', 'hello, wörld');
    expect(await client.getString('greeting')).toBe('hello, wörld');
    const bytes = new Uint8Array([0, 1, 2, 255]);
    await client.put('raw', bytes);
    const got = await client.get('raw');
    expect(got).toBeInstanceOf(Uint8Array);
    expect([...got!]).toEqual([0, 1, 2, 255]);
    await client.delete('greeting');
    expect(await client.get('greeting')).toBeUndefined();
    expect(await client.getString('never-written')).toBeUndefined();
    await client.delete('never-written'); // deleting an absent key succeeds
  });

  it('carries keys that need escaping in a URL', async () => {
    const { cluster, client } = await setUp();
    const key = 'a/b?c#d %e/..';
    await client.put(key, 'v');
    expect(cluster.store.get(key)?.toString()).toBe('v');
    expect(await client.getString(key)).toBe('v');
  });

  it('sends each operation in one hop to a member of the key group', async () => {
    const { cluster, client } = await setUp({ nodes: 6, replicationDegree: 2 });
    for (const key of keysOf(40)) await client.put(key, 'x');
    for (const key of keysOf(40)) {
      const receivers = cluster.nodes.filter((n) => n.requests.includes(`PUT ${key}`)).map((n) => n.index);
      expect(receivers).toHaveLength(1);
      expect(cluster.groupOf(key)).toContain(receivers[0]);
    }
    expect(client.nodes()).toHaveLength(6);
  });

  it('fails over to another member when one is down', async () => {
    const { cluster, client } = await setUp({ nodes: 5 });
    await client.put('k', 'v1');
    const [first] = cluster.groupOf('k');
    await cluster.stopNode(first!);
    for (let i = 0; i < 10; i++) {
      await client.put('k', `v${i}`);
      expect(await client.getString('k')).toBe(`v${i}`);
    }
    // the table was refreshed: the down node is gone from the members
    expect(client.nodes()).not.toContain(cluster.nodes[first!]!.url);
  });

  it('connects through any live seed, and through the bootstrap server', async () => {
    cluster = await startFakeCluster({ nodes: 3 });
    await cluster.stopNode(0);
    client = await connect({ nodes: [cluster.nodes[0]!.url, cluster.nodes[2]!.url] });
    await client.put('a', 'b');
    client.close();
    client = await connect({ bootstrap: cluster.bootstrapUrl! });
    expect(await client.getString('a')).toBe('b');
    expect(client.nodes().sort()).toEqual([cluster.nodes[1]!.url, cluster.nodes[2]!.url].sort());
  });

  it('refreshes the table when a range moved and follows the new group', async () => {
    const { cluster, client } = await setUp(
      { nodes: 6, replicationDegree: 2, strict: true },
      { refreshIntervalMs: 0 },
    );
    await client.put('moving', 'v1');
    const old = cluster.groupOf('moving');
    const fresh = [0, 1, 2, 3, 4, 5].filter((i) => !old.includes(i)).slice(0, 2);
    cluster.reassign('moving', fresh);
    await client.put('moving', 'v2'); // an old member answers 503: refresh, then a new member
    expect(client.groupOf('moving').sort()).toEqual(fresh.map((i) => cluster.nodes[i]!.url).sort());
    for (const n of cluster.nodes) n.requests.length = 0;
    expect(await client.getString('moving')).toBe('v2');
    const receivers = cluster.nodes.filter((n) => n.requests.length > 0).map((n) => n.index);
    expect(receivers).toHaveLength(1);
    expect(fresh).toContain(receivers[0]);
  });

  it('keeps the newer view of a range when a lagging node serves an older table', async () => {
    const { cluster, client } = await setUp({ nodes: 4, replicationDegree: 2 }, { refreshIntervalMs: 0 });
    const before = cluster.table();
    const fresh = [0, 1, 2, 3].filter((i) => !cluster.groupOf('k').includes(i)).slice(0, 2);
    cluster.reassign('k', fresh);
    await client.refresh();
    const expected = fresh.map((i) => cluster.nodes[i]!.url).sort();
    expect(client.groupOf('k').sort()).toEqual(expected);
    for (const n of cluster.nodes) n.behaviour.table = before;
    await client.refresh();
    expect(client.groupOf('k').sort()).toEqual(expected);
  });

  it('sends again, once, a request whose kept-alive connection was cut before an answer', async () => {
    const { cluster, client } = await setUp({ nodes: 1 }, { retries: 0 });
    await client.put('k', 'v1'); // opens the connection the next request reuses
    cluster.nodes[0]!.behaviour.resetNext = true;
    await client.put('k', 'v2');
    expect(cluster.nodes[0]!.requests).toEqual(['PUT k', 'PUT k', 'PUT k']);
    expect(await client.getString('k')).toBe('v2');
  });

  it('times out with a typed error', async () => {
    const { cluster, client } = await setUp({ nodes: 3 }, { timeoutMs: 300 });
    for (const n of cluster.nodes) n.behaviour.delayMs = 5_000;
    const error = await client.put('slow', 'v').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CatsClientError);
    expect((error as CatsClientError).code).toBe('timeout');
    // the write was sent once: the client does not repeat a write it gave up waiting for
    expect(cluster.nodes.flatMap((n) => n.requests)).toEqual(['PUT slow']);
  });

  it('tries a bounded number of members, then reports unavailable', async () => {
    const { cluster, client } = await setUp({ nodes: 5 }, { retries: 2 });
    for (const n of cluster.nodes) n.behaviour.failWith = 503;
    const error = await client.get('k').catch((e: unknown) => e);
    expect(isCatsClientError(error, 'unavailable')).toBe(true);
    expect((error as CatsClientError).details.status).toBe(503);
    expect(cluster.nodes.flatMap((n) => n.requests)).toHaveLength(3);
  });

  it('reports a node timeout (504) as timeout after retrying', async () => {
    const { cluster, client } = await setUp({ nodes: 3 }, { retries: 1 });
    for (const n of cluster.nodes) n.behaviour.failWith = 504;
    await expect(client.delete('k')).rejects.toMatchObject({ code: 'timeout', details: { status: 504 } });
  });

  it('refuses bad input before sending anything', async () => {
    const { cluster, client } = await setUp();
    await expect(client.put('', 'v')).rejects.toThrow(RangeError);
    await expect(client.get('k'.repeat(1025))).rejects.toThrow(/at most 1024 UTF-8 bytes/);
    await expect(client.get('é'.repeat(513))).rejects.toThrow(RangeError);
    await expect(client.delete('\ud800')).rejects.toThrow(/lone surrogate/);
    await expect(client.put('k', new Uint8Array(1024 * 1024 + 1))).rejects.toThrow(/at most 1048576 bytes/);
    await expect(client.put('k', 42 as unknown as string)).rejects.toThrow(TypeError);
    await expect(client.get(7 as unknown as string)).rejects.toThrow(TypeError);
    expect(cluster.nodes.flatMap((n) => n.requests)).toEqual([]);
    await client.put('k', new Uint8Array(1024 * 1024)); // the limit itself is fine
  });

  it('refuses bad seeds and options', async () => {
    await expect(connect({ nodes: [] })).rejects.toThrow(RangeError);
    await expect(connect({ nodes: ['localhost:7000'] })).rejects.toThrow(/http:\/\/ or https:\/\//);
    await expect(connect({ bootstrap: 'not a url' })).rejects.toThrow(/not a URL/);
    await expect(connect({} as never)).rejects.toThrow(TypeError);
    await expect(connect({ nodes: ['http://127.0.0.1:1'] }, { retries: -1 })).rejects.toThrow(RangeError);
    await expect(connect({ nodes: ['http://127.0.0.1:1'] }, { timeoutMs: 1.5 })).rejects.toThrow(TypeError);
    await expect(connect({ nodes: ['http://127.0.0.1:1'] }, { token: '' })).rejects.toThrow(TypeError);
  });

  it('says no-nodes when no node answers', async () => {
    cluster = await startFakeCluster({ nodes: 1 });
    const url = cluster.nodes[0]!.url;
    await cluster.stopNode(0);
    await expect(connect({ nodes: [url] })).rejects.toMatchObject({ code: 'no-nodes' });
  });

  it('sends the token, and reports a refused token as rejected', async () => {
    cluster = await startFakeCluster({ nodes: 2, token: 's3cret' });
    const url = cluster.nodes[0]!.url;
    await expect(connect({ nodes: [url] })).rejects.toMatchObject({ code: 'rejected' });
    await expect(connect({ nodes: [url] }, { token: 'wrong' })).rejects.toThrow(/token/);
    client = await connect({ nodes: [url] }, { token: 's3cret' });
    await client.put('k', 'v');
    expect(await client.getString('k')).toBe('v');
    expect((await client.status()).node.url).toMatch(/^http:\/\/127\.0\.0\.1:/);
  });

  it('reads a node status and rejects operations after close', async () => {
    const { cluster, client } = await setUp({ nodes: 3 });
    const status = await client.status(cluster.nodes[1]!.url);
    expect(status.node.address).toBe(cluster.nodes[1]!.address);
    expect(status.ring.joined).toBe(true);
    client.close();
    await expect(client.get('k')).rejects.toMatchObject({ code: 'rejected' });
  });
});

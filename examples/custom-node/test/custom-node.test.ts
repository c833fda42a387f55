import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CatsClient, connect } from '@cats/client';
import { Children, choosePorts, type LocalCluster, startLocalCluster } from '@cats/local-cluster';
import { createLogger, NodeHttp, NodeMetrics } from '@cats/node-app';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWithDependencies } from '../../../apps/local-cluster/test/build-closure.js';
import { type CustomNode, startCustomNode } from '../src/index.js';

const children = new Children();
const runDir = mkdtempSync(join(tmpdir(), 'cats-custom-node-'));
let cluster: LocalCluster;
let node: CustomNode | undefined;
let client: CatsClient | undefined;

async function eventually(what: string, timeoutMs: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function membersOf(url: string): Promise<{ members: unknown[]; slices: { members: string[] }[] }> {
  return (await (await fetch(`${url}/api/members`)).json()) as {
    members: unknown[];
    slices: { members: string[] }[];
  };
}

beforeAll(async () => {
  buildWithDependencies('apps/local-cluster'); // the reference apps the cluster runs
  const ports = await choosePorts(4, 0);
  cluster = await startLocalCluster(
    children,
    { nodeCount: 2, ports: ports.slice(0, 3), store: 'memory', runDir },
    () => {},
  );
  const http = new NodeHttp({
    logger: createLogger('custom-node-test', 'silent'),
    metrics: new NodeMetrics(),
    scheme: 'http',
    replicationDegree: 3,
    slices: 16,
  });
  node = await startCustomNode({
    port: ports[3]!,
    bootstrap: cluster.bootstrap.url,
    httpHandler: http.handler,
    log: () => {},
  });
  http.attach(node);
}, 240_000);

afterAll(async () => {
  client?.close();
  await node?.stop();
  await children.stop();
  rmSync(runDir, { recursive: true, force: true });
}, 60_000);

describe('the custom node', () => {
  it('joins a cluster of reference nodes and takes its place in every replica group', async () => {
    const custom = node!;
    await eventually('the custom node to join', 60_000, async () => (await custom.status()).ring.joined);
    const urls = [...cluster.nodes.map((n) => n.url), custom.url];
    await eventually('every node to see the 3 members and full groups', 90_000, async () => {
      for (const url of urls) {
        const view = await membersOf(url);
        if (view.members.length !== 3 || view.slices.some((s) => s.members.length !== 3)) return false;
      }
      return true;
    });
    expect((await custom.members()).length).toBe(3);
    // r = 3 on 3 nodes: the custom node is a serving member of every range's group.
    await eventually('the custom node to serve every range', 60_000, async () => {
      const groups = (await custom.status()).groups;
      return (
        groups.length === 16 && groups.every((g) => g.serving && g.members.some((m) => m.url === custom.url))
      );
    });
  }, 120_000);

  it('serves put and get with the reference nodes: through itself, through the client, over HTTP', async () => {
    const custom = node!;
    client = await connect({ bootstrap: cluster.bootstrap.url }, { timeoutMs: 10_000 });
    await eventually('the client to know the custom node', 30_000, async () => {
      await client!.refresh();
      return client!.nodes().includes(custom.url);
    });
    for (let i = 0; i < 10; i++) await client.put(`via-client-${i}`, `value ${i}`);
    for (let i = 0; i < 10; i++) {
      const value = await custom.get(`via-client-${i}`);
      expect(typeof value === 'string' ? value : Buffer.from(value!).toString()).toBe(`value ${i}`);
    }
    await custom.put('via-custom', 'written by the custom node');
    expect(await client.getString('via-custom')).toBe('written by the custom node');
    const http = await fetch(`${custom.url}/kv/via-client-3`);
    expect(http.status).toBe(200);
    expect(await http.text()).toBe('value 3');
    await client.delete('via-custom');
    expect(await custom.get('via-custom')).toBeUndefined();
    // r = 3 on 3 nodes: the custom node holds a replica of everything in its memory store.
    // It coordinated operations itself (through its own driver) and served as a replica.
    const status = await custom.status();
    expect(status.counters.completed).toBeGreaterThanOrEqual(12);
  }, 120_000);
});

describe('the custom node process', () => {
  it('refuses bad flags with exit code 2', async () => {
    const { spawnSync } = await import('node:child_process');
    buildWithDependencies('examples/custom-node');
    const main = join(import.meta.dirname, '..', 'dist', 'main.js');
    for (const args of [
      ['--bogus'],
      ['--port', '7000'],
      ['--port', 'x', '--bootstrap', 'http://127.0.0.1:7000'],
    ]) {
      const result = spawnSync(process.execPath, [main, ...args], { encoding: 'utf8' });
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr).toContain('usage: cats-custom-node');
    }
  });
});

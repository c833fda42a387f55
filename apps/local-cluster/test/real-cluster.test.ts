import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CatsClient, connect } from '@cats/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../scripts/test-support/ensure-built.js';
import { Children, choosePorts, type LocalCluster, startLocalCluster } from '../src/index.js';
import { buildWithDependencies } from './build-closure.js';

const children = new Children();
const runDir = mkdtempSync(join(tmpdir(), 'cats-real-cluster-'));
let cluster: LocalCluster;
let client: CatsClient;

function cats(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [
      join(repoRoot, 'apps/cats-client/dist/main.js'),
      '--bootstrap',
      cluster.bootstrap.url,
      ...args,
    ]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function httpGet(url: string, key: string): Promise<string | undefined> {
  const response = await fetch(`${url}/kv/${encodeURIComponent(key)}`);
  if (response.status === 404) return undefined;
  expect(response.status).toBe(200);
  return response.text();
}

beforeAll(async () => {
  buildWithDependencies('apps/local-cluster');
  buildWithDependencies('apps/cats-client');
  const ports = await choosePorts(6, 0);
  cluster = await startLocalCluster(children, { nodeCount: 5, ports, store: 'memory', runDir }, () => {});
  client = await connect({ bootstrap: cluster.bootstrap.url }, { timeoutMs: 10_000 });
}, 240_000);

afterAll(async () => {
  client?.close();
  await children.stop();
  rmSync(runDir, { recursive: true, force: true });
}, 60_000);

describe('a real cluster of cats-node processes', () => {
  it('gives the same answers through the CLI, the library and the HTTP API of every node', async () => {
    await client.put('lib-key', 'from the library');
    expect((await cats('put', 'cli-key', 'from the CLI')).code).toBe(0);
    const put = await fetch(`${cluster.nodes[2]!.url}/kv/http-key`, { method: 'PUT', body: 'from HTTP' });
    expect(put.status).toBe(204);
    const expected: Record<string, string> = {
      'lib-key': 'from the library',
      'cli-key': 'from the CLI',
      'http-key': 'from HTTP',
    };
    for (const [key, value] of Object.entries(expected)) {
      expect(await client.getString(key)).toBe(value);
      expect(await cats('get', key)).toMatchObject({ code: 0, stdout: value });
      for (const node of cluster.nodes) expect(await httpGet(node.url, key)).toBe(value);
    }
    expect((await cats('delete', 'lib-key')).code).toBe(0);
    await client.delete('cli-key');
    expect((await fetch(`${cluster.nodes[0]!.url}/kv/http-key`, { method: 'DELETE' })).status).toBe(204);
    for (const key of Object.keys(expected)) {
      expect(await client.get(key)).toBeUndefined();
      expect((await cats('get', key)).code).toBe(1);
      for (const node of cluster.nodes) expect(await httpGet(node.url, key)).toBeUndefined();
    }
    const status = await cats('--json', 'status', cluster.nodes[1]!.url);
    expect(JSON.parse(status.stdout).ring.joined).toBe(true);
  }, 120_000);

  it('loses nothing when a node leaves gracefully and another is killed', async () => {
    const keys = Array.from({ length: 30 }, (_, i) => `durable-${i}`);
    for (const key of keys) await client.put(key, `value of ${key}`);
    const leaving = cluster.nodes[3]!.child;
    await children.stop([leaving], 30_000); // SIGTERM: leave the ring, hand the data over
    for (const key of keys) expect(await client.getString(key)).toBe(`value of ${key}`);
    const killed = cluster.nodes[2]!.child;
    process.kill(-killed.pid, 'SIGKILL');
    await killed.exited;
    for (const key of keys) expect(await client.getString(key)).toBe(`value of ${key}`);
    await client.put('after-failures', 'still writable');
    expect(await client.getString('after-failures')).toBe('still writable');
  }, 180_000);
});

import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { readmeExample } from '../../../../scripts/test-support/readme-example.js';
import { startFakeCluster } from '../src/testing/index.js';

const here = dirname(fileURLToPath(import.meta.url));

describe('the README example', () => {
  it('is the code in test/readme-example.ts', () => {
    const { block, example } = readmeExample(here, '@cats/client');
    expect(block).toBe(example);
  });

  it('runs against a cluster', async () => {
    const cluster = await startFakeCluster({ nodes: 3 });
    process.env.CATS_NODE = cluster.nodes[1]!.url;
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      await import('./readme-example.js');
      expect(log.mock.calls.map((c) => c[0])).toEqual(['hello', new Uint8Array([1, 2, 3]), undefined]);
      expect(cluster.store.has('bytes')).toBe(true);
    } finally {
      log.mockRestore();
      delete process.env.CATS_NODE;
      await cluster.close();
    }
  });
});

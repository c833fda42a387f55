import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { readmeExample } from '../../../../scripts/test-support/readme-example.js';
import { makeCertificates, startFakeCluster } from '../src/testing/index.js';

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

describe("the README's TLS example", () => {
  it('is the code in test/readme-tls-example.ts', () => {
    const readme = readFileSync(resolve(here, '../README.md'), 'utf8');
    const block = /## TLS[^\n]*\n[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    const example = readFileSync(resolve(here, 'readme-tls-example.ts'), 'utf8')
      .split('\n')
      .slice(1)
      .join('\n')
      .replace("from '../src/index.js'", "from '@cats/client'");
    expect(block).toBe(example);
  });

  it('runs against an https cluster with its CA in ./ca.pem', async () => {
    const certs = makeCertificates();
    const cluster = await startFakeCluster({ nodes: 3, tls: { key: certs.key, cert: certs.cert } });
    const cwd = process.cwd();
    process.env.CATS_BOOTSTRAP = cluster.bootstrapUrl!;
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      process.chdir(certs.dir);
      await import('./readme-tls-example.js');
      expect(log.mock.calls.map((c) => c[0])).toEqual(['TLS']);
      expect(cluster.store.get('over')?.toString()).toBe('TLS');
    } finally {
      process.chdir(cwd);
      log.mockRestore();
      delete process.env.CATS_BOOTSTRAP;
      await cluster.close();
      certs.remove();
    }
  });
});

import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { readmeExample } from '../../../../scripts/test-support/readme-example.js';
import { buildApps } from './support/build.js';

const here = dirname(fileURLToPath(import.meta.url));

describe('the README example', () => {
  beforeAll(() => buildApps(), 300_000);

  it('is the code in test/readme-example.ts', () => {
    const { block, example } = readmeExample(here, '@cats/faults');
    expect(block).toBe(example);
  });

  it('runs a cluster, kills, restarts and pauses a node, and the history is linearizable', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      await import('./readme-example.js');
      expect(log.mock.calls.map((c) => c[0])).toEqual(['linearizable']);
    } finally {
      log.mockRestore();
    }
  }, 120_000);
});

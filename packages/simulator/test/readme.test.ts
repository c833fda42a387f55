import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { readmeExample } from '../../../scripts/test-support/readme-example.js';

const here = dirname(fileURLToPath(import.meta.url));

describe('the README example', () => {
  it('is the code in test/readme-example.ts', () => {
    const { block, example } = readmeExample(here, '@kompics/simulator');
    expect(block).toBe(example);
  });

  it('runs, and the same seed gives the same hash', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const assert = vi.spyOn(console, 'assert');
    try {
      await import('./readme-example.js');
      const [hash, stats, alive] = log.mock.calls[0] as [string, Record<string, number>, string[]];
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      expect(stats.delivered).toBeGreaterThan(150);
      expect(alive).toEqual(['n0', 'n1', 'n3', 'n4']);
      expect(assert).toHaveBeenCalledWith(true);
    } finally {
      log.mockRestore();
      assert.mockRestore();
    }
  });
});

import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { readmeExample } from '../../../../scripts/test-support/readme-example.js';

const here = dirname(fileURLToPath(import.meta.url));

describe('the README example', () => {
  it('is the code in test/readme-example.ts', () => {
    const { block, example } = readmeExample(here, '@kompics/ring-chord');
    expect(block).toBe(example);
  });

  it('runs: the eight survivors form the perfect ring', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      await import('./readme-example.js');
      const [ring] = log.mock.calls[0] as [string[]];
      const [group] = log.mock.calls[1] as [string[]];
      expect(ring).toHaveLength(8);
      // Each node's successor is the next one in id order, and the last's is the first.
      ring.forEach((line, i) => {
        const next = (ring[(i + 1) % ring.length] as string).split(' -> ')[0];
        expect(line.split(' -> ')[1]).toBe(next);
      });
      expect(group).toHaveLength(3);
      expect(group[0]).toBe('10.0.0.4:7000');
    } finally {
      log.mockRestore();
    }
  });
});

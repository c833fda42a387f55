import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { readmeExample } from '../../../../scripts/test-support/readme-example.js';

const here = dirname(fileURLToPath(import.meta.url));

describe('the README example', () => {
  it('is the code in test/readme-example.ts', () => {
    const { block, example } = readmeExample(here, '@kompics/ycsb');
    expect(block).toBe(example);
  });

  it('runs: every operation completes and a throughput is reported', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const progress = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await import('./readme-example.js');
      expect(progress).toHaveBeenLastCalledWith('\r5000/5000');
      expect(log.mock.calls[0]?.[0]).toMatch(/^\d+ ops\/s, read p99 [\d.]+ ms, errors 0$/);
    } finally {
      log.mockRestore();
      progress.mockRestore();
    }
  });
});

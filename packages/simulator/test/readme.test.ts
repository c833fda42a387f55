import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));

describe('the README example', () => {
  it('is the code in test/readme-example.ts', () => {
    const readme = readFileSync(resolve(here, '../README.md'), 'utf8');
    const block = /## Example\n\n```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    const example = readFileSync(resolve(here, 'readme-example.ts'), 'utf8')
      .split('\n')
      .slice(1)
      .join('\n')
      .replace("from '../src/index.js'", "from '@kompics/simulator'");
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

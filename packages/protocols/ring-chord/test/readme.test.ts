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
      .replace("from '../src/index.js'", "from '@kompics/ring-chord'");
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

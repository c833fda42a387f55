// The README shows exactly the example this test runs, and the example works.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { readmeExample } from '../../../../scripts/test-support/readme-example.js';
import { freePort } from './loopback.js';
import { example } from './readme-example.js';

it('the README example is the tested one', () => {
  const { block, example: code } = readmeExample(dirname(fileURLToPath(import.meta.url)), '@cats/node');
  expect(block).toBe(code);
});

it('the README example stores and reads a value through a one-node cluster', async () => {
  expect(await example(await freePort(), await freePort())).toBe('hello');
}, 30_000);

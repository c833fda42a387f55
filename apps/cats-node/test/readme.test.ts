// The README's commands are ones the node accepts: each `node apps/cats-node/dist/cli.js …` line
// in its shell blocks parses to a valid configuration, and the tables name every option.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadNodeConfig, NODE_OPTIONS } from '../src/config/node-config.js';

const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
const commands = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)]
  .flatMap((m) => (m[1] ?? '').split('\n'))
  .filter((line) => line.startsWith('node apps/cats-node/dist/cli.js '))
  .map((line) => line.split(/\s+/).slice(2));

describe('README', () => {
  it('starts three nodes with commands the node accepts', () => {
    expect(commands).toHaveLength(3);
    for (const argv of commands) {
      expect(loadNodeConfig({ argv, env: {}, cwd: '/tmp' })).toMatchObject({ store: 'lmdb' });
    }
  });

  it('documents every option with its flag and variable', () => {
    for (const spec of NODE_OPTIONS) {
      expect(readme).toContain(`\`${spec.flag}\``);
      expect(readme).toContain(`\`${spec.env}\``.slice(0, -1));
    }
  });
});

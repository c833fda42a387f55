// The README's command is one the server accepts, and its table names every option.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BOOTSTRAP_OPTIONS, loadBootstrapConfig } from '../src/config.js';

const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');

describe('README', () => {
  it('starts the server with a command it accepts', () => {
    const line = readme.split('\n').find((l) => l.startsWith('node apps/bootstrap-server/dist/cli.js '));
    expect(line).toBeDefined();
    const argv = (line as string).split(/\s+/).slice(2);
    expect(loadBootstrapConfig({ argv, env: {}, cwd: '/tmp' })).toMatchObject({
      port: 7000,
      evictAfterMs: 3000,
    });
  });

  it('documents every option with its flag and variable', () => {
    for (const spec of BOOTSTRAP_OPTIONS) {
      expect(readme).toContain(`\`${spec.flag}\``);
      expect(readme).toContain(`\`${spec.env}\``);
    }
  });
});

// stop() leaves nothing open: a child process that starts a bootstrap server and a node (durable
// LMDB store, HTTP handler), uses it and stops both must exit by itself.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const fixture = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'exit-child.mjs');

it('a process that stopped its node and bootstrap server exits by itself', async () => {
  const child = spawn(process.execPath, [fixture], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString();
  });
  // A generous guard: a process held open by a handle never exits; kill it so the test fails clearly.
  const guard = setTimeout(() => child.kill('SIGKILL'), 45_000);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on('exit', (c, s) => resolve([c, s])),
  );
  clearTimeout(guard);
  expect({ code, signal, out, err }).toEqual({ code: 0, signal: null, out: 'done v\n', err: '' });
}, 60_000);

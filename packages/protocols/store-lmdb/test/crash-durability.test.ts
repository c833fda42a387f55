import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStoreSession } from '@kompics/store/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { LmdbStore } from '../src/index.js';

const writer = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'crash-writer.mjs');
const expectedKey = (run: number, i: number) => `run${run}/key${i}`;
const expectedValue = (run: number, i: number) => `value ${i} of run ${run} ${'.'.repeat(i % 64)}`;

const children: ChildProcess[] = [];
const directories: string[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const dir of directories.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * Runs the writer until it has acknowledged at least `acks` puts, then kills it with SIGKILL
 * while it has more in flight. Resolves with the keys it acknowledged.
 */
function writeThenKill(directory: string, run: number, acks: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, directory, String(run), '32'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let out = '';
    let err = '';
    let lines = 0;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      for (const c of chunk) if (c === '\n') lines++;
      if (lines >= acks && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      err += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') {
        reject(new Error(`writer exited on its own (code ${code}, signal ${signal}): ${err}`));
        return;
      }
      // Only complete lines are acknowledgements; a torn last line is not.
      const complete = out.slice(0, out.lastIndexOf('\n') + 1);
      resolve(complete.split('\n').filter((line) => line.length > 0));
    });
  });
}

describe('LmdbStore under kill -9', () => {
  it('gives back every acknowledged write after the writing process is killed mid-stream (4 crashes)', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'kompics-lmdb-crash-'));
    directories.push(directory);
    const acknowledged: Array<{ run: number; i: number }> = [];
    for (let run = 1; run <= 4; run++) {
      const keys = await writeThenKill(directory, run, 150 + 90 * run);
      expect(keys.length).toBeGreaterThanOrEqual(150 + 90 * run);
      for (const key of keys) {
        const match = /^run(\d+)\/key(\d+)$/.exec(key);
        expect(match, `unexpected line ${key}`).not.toBeNull();
        acknowledged.push({ run: Number(match?.[1]), i: Number(match?.[2]) });
      }

      // Reopen the directory the killed process left behind: every acknowledged write, of this
      // run and all earlier ones, is there with its tag.
      const session = openStoreSession({ definition: LmdbStore, args: [{ path: directory }] });
      const answers = await Promise.all(acknowledged.map(({ run: r, i }) => session.get(expectedKey(r, i))));
      const missing = answers.filter((a, n) => {
        const { run: r, i } = acknowledged[n] as { run: number; i: number };
        return a.value !== expectedValue(r, i) || a.tag.toString() !== `${i + 1}:run${r}`;
      });
      expect(missing.map((m) => m.key)).toEqual([]);
      // The store holds at least the acknowledged writes (and perhaps some in flight at the kill).
      const all = await session.scan(0, 0, 5000);
      expect(all.entries.length).toBeGreaterThanOrEqual(acknowledged.length);
      await session.kill();
      await (session.store as LmdbStore).close();
    }
  });
});

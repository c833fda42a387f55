import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../scripts/test-support/ensure-built.js';
import { buildWithDependencies } from './build-closure.js';

const main = join(repoRoot, 'apps/local-cluster/dist/main.js');

interface Run {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly done: Promise<number | null>;
}

function start(args: readonly string[]): Run {
  const child = spawn(process.execPath, [main, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout?.on('data', (c: Buffer) => {
    text += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    text += c.toString();
  });
  const done = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, output: () => text, done };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Processes whose command line mentions `text` (the run's own folder). */
function processesMentioning(text: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(text)) found.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return found;
}

/** Asserts that every child the run started is gone, and removes the run's folder. */
function expectNothingLeft(output: string): void {
  const pids = [...output.matchAll(/\(pid (\d+)\)/g)].map((m) => Number(m[1]));
  expect(pids.length).toBeGreaterThan(1);
  expect(pids.filter(alive)).toEqual([]);
  const files = /files {6}(\S+)/.exec(output)?.[1];
  expect(files).toBeDefined();
  expect(processesMentioning(files!)).toEqual([]);
  rmSync(files!, { recursive: true, force: true });
}

beforeAll(() => {
  buildWithDependencies('apps/local-cluster');
}, 300_000);

describe('the main job', () => {
  it('refuses bad flags with exit code 2', async () => {
    for (const args of [
      ['--nodes', '0'],
      ['--duration', 'soon'],
      ['--clients', '65'],
      ['--store', 'disk'],
      ['--bogus'],
      ['extra'],
    ]) {
      const run = start(args);
      expect(await run.done, args.join(' ')).toBe(2);
      expect(run.output(), args.join(' ')).toMatch(/^cats-local-cluster: .+\nusage: /);
    }
  });

  it('runs a cluster and a workload, finds the history linearizable, and leaves no process behind', async () => {
    const run = start(['--exit', '--duration', '5', '--nodes', '3', '--port', '0']);
    const code = await run.done;
    const output = run.output();
    expect(code, output).toBe(0);
    expect(output).toContain('cluster formed in');
    expect(output).toMatch(/throughput {2}\d+ ops\/s/);
    expect(output).toMatch(/ {14}get +\d+ +[\d.]+ +[\d.]+ +[\d.]+/);
    expect(output).toMatch(/verdict {5}LINEARIZABLE: \d+ operations/);
    expect(output).toMatch(/cluster {4}http:\/\/127\.0\.0\.1:\d+\/cluster/);
    expect(output).toContain('stopped: all 4 processes have exited');
    expectNothingLeft(output);
  }, 180_000);

  it('keeps the cluster up until SIGINT, then stops it cleanly', async () => {
    const run = start([
      '--duration',
      '1',
      '--nodes',
      '2',
      '--store',
      'memory',
      '--clients',
      '2',
      '--port',
      '0',
    ]);
    for (let i = 0; i < 600 && !run.output().includes('Ctrl-C stops it'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(run.output()).toContain('The cluster keeps running; Ctrl-C stops it.');
    const pids = [...run.output().matchAll(/\(pid (\d+)\)/g)].map((m) => Number(m[1]));
    expect(pids.every(alive)).toBe(true);
    run.child.kill('SIGINT');
    expect(await run.done).toBe(0);
    expect(run.output()).toContain('SIGINT: stopping the cluster');
    expectNothingLeft(run.output());
  }, 180_000);
});

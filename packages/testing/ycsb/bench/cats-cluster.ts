// A local CATS cluster of real processes for the side-by-side benchmark: one bootstrap server
// and N `cats-node` processes (the built apps), each with its own lmdb data directory.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { freePort } from '../src/index.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../..');

/** A running local CATS cluster. */
export interface CatsCluster {
  readonly bootstrap: string;
  readonly nodes: readonly string[];
  stop(): Promise<void>;
}

export interface CatsClusterOptions {
  readonly nodes: number;
  readonly consistency: 'consistent' | 'eventual';
  readonly store?: 'lmdb' | 'memory';
  readonly readyTimeoutMs?: number;
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGKILL');
  });
}

/** Starts the cluster and waits until every node reports a joined ring and full groups. */
export async function startCatsCluster(options: CatsClusterOptions): Promise<CatsCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'ycsb-cats-'));
  const children: ChildProcess[] = [];
  const logs: string[] = [];
  const start = (script: string, args: string[]) => {
    const child = spawn(process.execPath, [join(repoRoot, script), ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr?.on('data', (d: Buffer) => {
      if (logs.length < 200) logs.push(d.toString());
    });
    children.push(child);
    return child;
  };
  const bootstrapPort = await freePort();
  const bootstrap = `http://127.0.0.1:${bootstrapPort}`;
  start('apps/bootstrap-server/dist/cli.js', ['--host', '127.0.0.1', '--port', String(bootstrapPort)]);
  const nodes: string[] = [];
  for (let i = 0; i < options.nodes; i++) {
    const port = await freePort();
    nodes.push(`http://127.0.0.1:${port}`);
    start('apps/cats-node/dist/cli.js', [
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--bootstrap',
      bootstrap,
      '--store',
      options.store ?? 'lmdb',
      '--data-dir',
      join(dir, `n${i}`),
      '--consistency',
      options.consistency,
      '--log-level',
      'warn',
    ]);
    await sleep(300);
  }
  const stop = async () => {
    await Promise.all(children.map(stopChild));
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  for (;;) {
    const exited = children.find((c) => c.exitCode !== null);
    if (exited !== undefined) {
      await stop();
      throw new Error(`a CATS process exited early:\n${logs.join('')}`);
    }
    if (await ready(nodes, options.nodes, options.consistency)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`CATS cluster of ${options.nodes} not ready in time:\n${logs.slice(-20).join('')}`);
    }
    await sleep(500);
  }
  return { bootstrap, nodes, stop };
}

interface StatusJson {
  readonly ring?: { readonly joined?: boolean };
  readonly groups?: readonly { readonly members?: readonly unknown[]; readonly serving?: boolean }[];
}

/**
 * Every node joined and knows all `n` members; in consistent mode also every group it is in has
 * min(3, n) members (the eventual baseline has no views: it uses the ring's groups directly).
 */
async function ready(nodes: readonly string[], n: number, consistency: string): Promise<boolean> {
  try {
    const get = async <T>(url: string) => (await (await fetch(url)).json()) as T;
    const statuses = await Promise.all(nodes.map((url) => get<StatusJson>(`${url}/api/status`)));
    const members = await Promise.all(
      nodes.map((url) => get<{ members?: readonly unknown[] }>(`${url}/api/members`)),
    );
    const viewsFull = (s: StatusJson) =>
      consistency === 'eventual' ||
      ((s.groups ?? []).length > 0 &&
        (s.groups ?? []).every((g) => (g.members?.length ?? 0) === Math.min(3, n)));
    return (
      statuses.every((s) => s.ring?.joined === true && viewsFull(s)) &&
      members.every((m) => (m.members?.length ?? 0) === n)
    );
  } catch {
    return false;
  }
}

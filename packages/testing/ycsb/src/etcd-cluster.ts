import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Etcd3 } from 'etcd3';
import { freePort } from './free-port.js';

/** A running local etcd cluster. */
export interface EtcdCluster {
  /** Client URLs of the members. */
  readonly endpoints: readonly string[];
  /** The etcd version the binary reports. */
  readonly version: string;
  stop(): Promise<void>;
}

/** Settings of {@link startEtcdCluster}. */
export interface EtcdClusterOptions {
  /** Members (default 3). */
  readonly members?: number;
  /** The etcd binary (default `etcd` on the PATH; Debian's `etcd-server` package). */
  readonly binary?: string;
  /** How long to wait for the cluster to answer (ms, default 30 000). */
  readonly readyTimeoutMs?: number;
}

/** The version of the etcd binary, or `undefined` when there is none. */
export function etcdVersion(binary = 'etcd'): string | undefined {
  try {
    const out = execFileSync(binary, ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return /etcd Version: (\S+)/.exec(out)?.[1];
  } catch {
    return undefined;
  }
}

/**
 * Starts an etcd cluster on loopback, each member its own process with its own data directory
 * (in a fresh temporary folder, removed by `stop`), with etcd's default durability (WAL fsync
 * before acknowledging). Resolves once a linearizable write and read succeed.
 */
export async function startEtcdCluster(options: EtcdClusterOptions = {}): Promise<EtcdCluster> {
  const members = options.members ?? 3;
  const binary = options.binary ?? 'etcd';
  if (!Number.isInteger(members) || members < 1)
    throw new RangeError(`members must be a positive integer, got ${members}`);
  const version = etcdVersion(binary);
  if (version === undefined)
    throw new Error(`no etcd binary '${binary}' (on Debian: apt-get install etcd-server)`);
  const root = mkdtempSync(join(tmpdir(), 'ycsb-etcd-'));
  const ports = [];
  for (let i = 0; i < members; i++) ports.push({ client: await freePort(), peer: await freePort() });
  const initial = ports.map((p, i) => `m${i}=http://127.0.0.1:${p.peer}`).join(',');
  const token = `ycsb-${process.pid}-${Date.now()}`;
  const children: ChildProcess[] = ports.map((p, i) =>
    spawn(
      binary,
      [
        `--name=m${i}`,
        `--data-dir=${join(root, `m${i}`)}`,
        `--listen-client-urls=http://127.0.0.1:${p.client}`,
        `--advertise-client-urls=http://127.0.0.1:${p.client}`,
        `--listen-peer-urls=http://127.0.0.1:${p.peer}`,
        `--initial-advertise-peer-urls=http://127.0.0.1:${p.peer}`,
        `--initial-cluster=${initial}`,
        '--initial-cluster-state=new',
        `--initial-cluster-token=${token}`,
        '--log-level=error',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    ),
  );
  const logs = children.map(() => [] as string[]);
  children.forEach((c, i) => {
    c.stderr?.on('data', (d: Buffer) => logs[i]?.push(d.toString()));
  });
  const endpoints = ports.map((p) => `http://127.0.0.1:${p.client}`);
  const stop = async () => {
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) return resolve();
            c.once('exit', () => resolve());
            c.kill('SIGTERM');
            setTimeout(() => c.kill('SIGKILL'), 5000).unref();
          }),
      ),
    );
    rmSync(root, { recursive: true, force: true });
  };
  const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
  const probe = new Etcd3({ hosts: endpoints });
  try {
    for (;;) {
      const exited = children.find((c) => c.exitCode !== null);
      if (exited !== undefined) throw new Error(`an etcd member exited:\n${logs.flat().join('')}`);
      try {
        await probe.put('ycsb-ready').value('1');
        if ((await probe.get('ycsb-ready').string()) === '1') break;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`etcd cluster not ready: ${(error as Error).message}`);
        await sleep(200);
      }
    }
  } catch (error) {
    await stop();
    throw error;
  } finally {
    probe.close();
  }
  return { endpoints, version, stop };
}

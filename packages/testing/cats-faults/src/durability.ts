import { rmSync } from 'node:fs';
import { connect } from '@cats/client';
import { type ClusterOptions, FaultCluster, sleep } from './cluster.js';

/** Options of {@link runDurability}. */
export interface DurabilityOptions extends ClusterOptions {
  /** Concurrent writers. Default 4. */
  readonly writers?: number;
  /** Writing time before every node is killed, ms. Default 3 000. */
  readonly writeMs?: number;
  readonly keep?: boolean;
}

/** What the durability run found. */
export interface DurabilityReport {
  readonly ok: boolean;
  /** Writes the cluster acknowledged before the crash. */
  readonly acknowledged: number;
  /** Writes that failed or were cut by the crash (not required to survive). */
  readonly unacknowledged: number;
  /** Acknowledged writes read back with their value after the restart. */
  readonly readBack: number;
  /** Acknowledged keys missing or with another value after the restart: each is a lost write. */
  readonly lost: readonly { key: string; expected: string; got: string | null | 'unreadable' }[];
  readonly outDir: string;
  readonly problems: readonly string[];
}

/**
 * Durability: writers put unique keys; while they write, every node is killed with SIGKILL at
 * once; all are restarted from their data directories; every acknowledged write must be read
 * back with its value.
 */
export async function runDurability(options: DurabilityOptions = {}): Promise<DurabilityReport> {
  const cluster = await FaultCluster.start({ nodes: 3, ...options, store: 'lmdb' });
  const acked = new Map<string, string>();
  let unacknowledged = 0;
  const lost: { key: string; expected: string; got: string | null | 'unreadable' }[] = [];
  const problems: string[] = [];
  let readBack = 0;
  try {
    const token = options.token === undefined ? {} : { token: options.token };
    const db = await connect({ nodes: cluster.urls }, { timeoutMs: 3_000, retries: 2, ...token });
    let writing = true;
    const writers = [...Array(options.writers ?? 4).keys()].map(async (w) => {
      for (let n = 0; writing; n++) {
        const key = `d-${w}-${n}`;
        const value = `v-${w}-${n}-${'x'.repeat(64)}`;
        try {
          await db.put(key, value);
          acked.set(key, value);
        } catch {
          unacknowledged++;
        }
      }
    });
    await sleep(options.writeMs ?? 3_000);
    // Every node at once, writes in flight.
    await Promise.all(cluster.nodes.map((node) => cluster.kill(node.index)));
    writing = false;
    await Promise.all(writers);
    db.close();
    for (const node of cluster.nodes) await cluster.restart(node.index, false);
    for (const node of cluster.nodes) await cluster.waitJoined(node.index, 60_000);
    await cluster.waitStable(60_000).catch((error: Error) => problems.push(error.message));
    const reader = await connect({ nodes: cluster.urls }, { timeoutMs: 5_000, retries: 8, ...token });
    for (const [key, expected] of acked) {
      let got: string | null | 'unreadable' = 'unreadable';
      for (let attempt = 0; attempt < 4 && got === 'unreadable'; attempt++) {
        try {
          got = (await reader.getString(key)) ?? null;
        } catch {
          await sleep(500);
        }
      }
      if (got === expected) readBack++;
      else lost.push({ key, expected, got });
    }
    reader.close();
  } catch (error) {
    problems.push(`the run failed: ${(error as Error).stack ?? String(error)}`);
  } finally {
    await cluster.close();
  }
  if (acked.size === 0) problems.push('no write was acknowledged before the crash');
  const ok = lost.length === 0 && problems.length === 0;
  if (ok && !options.keep) rmSync(cluster.workDir, { recursive: true, force: true });
  return {
    ok,
    acknowledged: acked.size,
    unacknowledged,
    readBack,
    lost,
    outDir: cluster.workDir,
    problems,
  };
}

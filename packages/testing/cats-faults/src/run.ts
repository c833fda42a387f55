import { rmSync } from 'node:fs';
import { type ClusterOptions, FaultCluster, sleep } from './cluster.js';
import { HistoryRecorder } from './history.js';
import { checkRun, type HistoryVerdict } from './verdict.js';
import { finalReads, runWorkload } from './workload.js';

/** A kind of fault and its repair. */
export type FaultKind = 'kill' | 'pause' | 'partition';

/** One applied fault, as the run's report lists it. */
export interface FaultRecord {
  readonly cycle: number;
  readonly kind: FaultKind;
  readonly nodes: readonly number[];
  /** Set when the fault could not be applied (partition in loopback mode). */
  readonly skipped?: string;
}

/** Options of {@link runFaults}. */
export interface FaultRunOptions extends ClusterOptions {
  /** Fault cycles (a fault, a hold time, its repair). Default 21. */
  readonly cycles?: number;
  /** Kinds applied in turn. Default kill, pause, partition. */
  readonly kinds?: readonly FaultKind[];
  /** How long a fault lasts before its repair, ms. Default 2 000. */
  readonly holdMs?: number;
  /** Quiet time after a repair, ms. Default 1 000. */
  readonly settleMs?: number;
  /** Concurrent clients. Default 4. */
  readonly clients?: number;
  /** Keys. Default 8. */
  readonly keys?: number;
  /** Keep the output folder even when the run passes. */
  readonly keep?: boolean;
  /** Stop when this returns true (soak runs by time instead of cycles). */
  readonly until?: (cycle: number) => boolean;
  /** Called between cycles with the cluster (soak samples metrics here). */
  readonly onCycle?: (cluster: FaultCluster, cycle: number) => Promise<void>;
  /** Called once the cluster is up, before the workload starts. */
  readonly onStart?: (cluster: FaultCluster) => Promise<void>;
  /** Called after the final reads, before the cluster stops. */
  readonly onEnd?: (cluster: FaultCluster) => Promise<void>;
}

/** What a fault run found. */
export interface FaultRunReport {
  /** True when every check passed (linearizable, every written key read back, no node lost). */
  readonly ok: boolean;
  readonly mode: 'namespaces' | 'loopback';
  readonly modeReason: string;
  readonly faults: readonly FaultRecord[];
  readonly history: HistoryVerdict;
  /** Keys the final reads could not read (each is a failure). */
  readonly unreadKeys: readonly string[];
  /** The run's folder: logs, and on failure history.jsonl and report.html. Removed on success unless `keep`. */
  readonly outDir: string;
  readonly kept: boolean;
  readonly durationMs: number;
  /** Client operations that had not settled 5 s past their own time budget (recorded as pending). */
  readonly clientOverruns: number;
  /** Problems other than the history's verdict. */
  readonly problems: readonly string[];
}

function pick(count: number, n: number): number[] {
  const all = [...Array(n).keys()];
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [all[i], all[j]] = [all[j] as number, all[i] as number];
  }
  return all.slice(0, count);
}

/**
 * The harness's regular run: a cluster of real processes, concurrent recorded clients, and a
 * fault per cycle (kill -9 then restart from the data directory; SIGSTOP then SIGCONT; a
 * partition of a minority then heal). After the last cycle every key written is read again
 * and the whole history goes through the linearizability checker.
 */
export async function runFaults(options: FaultRunOptions = {}): Promise<FaultRunReport> {
  const started = Date.now();
  const say = options.say ?? (() => {});
  const cluster = await FaultCluster.start(options);
  const recorder = new HistoryRecorder();
  const faults: FaultRecord[] = [];
  const problems: string[] = [];
  const n = cluster.nodes.length;
  const kinds = options.kinds ?? ['kill', 'pause', 'partition'];
  const cycles = options.cycles ?? 21;
  const hold = options.holdMs ?? 2_000;
  const settle = options.settleMs ?? 1_000;
  const minority = Math.max(1, Math.floor((n - 1) / 2));
  let unreadKeys: string[] = [];
  try {
    await options.onStart?.(cluster);
    const workload = await runWorkload(recorder, {
      nodes: cluster.urls,
      clients: options.clients ?? 4,
      keys: options.keys ?? 8,
      ...(options.token === undefined ? {} : { token: options.token }),
    });
    try {
      for (let cycle = 0; options.until ? !options.until(cycle) : cycle < cycles; cycle++) {
        const kind = kinds[cycle % kinds.length] as FaultKind;
        if (kind === 'kill') {
          const [victim] = pick(1, n) as [number];
          faults.push({ cycle, kind, nodes: [victim] });
          await cluster.kill(victim);
          await sleep(hold);
          await cluster.restart(victim);
        } else if (kind === 'pause') {
          const [victim] = pick(1, n) as [number];
          faults.push({ cycle, kind, nodes: [victim] });
          cluster.pause(victim);
          await sleep(hold);
          cluster.resume(victim);
        } else if (!cluster.canPartition) {
          faults.push({ cycle, kind, nodes: [], skipped: 'no network namespaces: partitions skipped' });
          say(`cycle ${cycle}: partition SKIPPED (no network namespaces)`);
        } else {
          const side = pick(1 + Math.floor(Math.random() * minority), n);
          faults.push({ cycle, kind, nodes: side });
          cluster.partition(side);
          await sleep(hold);
          cluster.heal();
        }
        await sleep(settle);
        try {
          await cluster.waitStable(20_000);
        } catch (error) {
          problems.push(`cycle ${cycle} (${kind}): the cluster did not settle: ${(error as Error).message}`);
        }
        await options.onCycle?.(cluster, cycle);
      }
    } finally {
      await workload.stop();
    }
    // Everything repaired: the cluster must settle before the final reads.
    await cluster
      .waitStable(60_000)
      .catch((error: Error) => problems.push(`after the last cycle: ${error.message}`));
    unreadKeys = await finalReads(recorder, cluster.urls, [...workload.keys()].sort(), options.token);
    await options.onEnd?.(cluster);
  } catch (error) {
    problems.push(`the run failed: ${(error as Error).stack ?? String(error)}`);
  } finally {
    await cluster.close();
  }
  for (const key of unreadKeys) problems.push(`final read of ${key} failed`);
  const keepAnyway = options.keep === true || problems.length > 0;
  const history: HistoryVerdict = checkRun(recorder, cluster.workDir, keepAnyway);
  const ok = history.verdict === 'linearizable' && problems.length === 0 && history.completed > 0;
  const kept = !ok || options.keep === true;
  if (!kept) rmSync(cluster.workDir, { recursive: true, force: true });
  else say(`cats-faults: run folder (logs, history, report): ${cluster.workDir}`);
  return {
    ok,
    mode: cluster.mode,
    modeReason: cluster.modeReason,
    faults,
    history,
    unreadKeys,
    outDir: cluster.workDir,
    kept,
    durationMs: Date.now() - started,
    clientOverruns: recorder.overruns,
    problems,
  };
}

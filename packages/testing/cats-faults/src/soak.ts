import type { ClusterOptions, FaultCluster } from './cluster.js';
import { type ResourceSample, sampleResources } from './metrics.js';
import { type FaultRunReport, runFaults } from './run.js';

/** Options of {@link runSoak}. */
export interface SoakOptions extends ClusterOptions {
  /** How long the load and faults last, minutes. */
  readonly minutes: number;
  /** Time between two faults (a fault's hold time is half of it), ms. Default 10 000. */
  readonly faultEveryMs?: number;
  readonly clients?: number;
  readonly keep?: boolean;
}

/** One node's resource figures at the start and the end of a soak. */
export interface NodeResources {
  readonly node: string;
  readonly start: ResourceSample | undefined;
  readonly end: ResourceSample | undefined;
  /** Times the process was started (a restarted node's end figures are a younger process's). */
  readonly starts: number;
}

/** What a soak found. */
export interface SoakReport {
  readonly run: FaultRunReport;
  readonly minutes: number;
  readonly operations: number;
  readonly resources: readonly NodeResources[];
}

async function sampleAll(cluster: FaultCluster): Promise<Map<string, ResourceSample>> {
  const out = new Map<string, ResourceSample>();
  await Promise.all(
    cluster.nodes.map(async (n) => {
      try {
        out.set(n.name, await sampleResources(n.url, cluster.httpOptions.ca));
      } catch {
        // A node that does not answer has no sample.
      }
    }),
  );
  return out;
}

/**
 * Sustained mixed load with periodic faults (kill -9 and restart, pause, partition) for a given
 * time, the history checked at the end, and each node's memory and open handles (from its
 * /metrics) measured at the start and at the end.
 */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  if (!(options.minutes > 0)) throw new RangeError(`minutes must be > 0, got ${options.minutes}`);
  const every = options.faultEveryMs ?? 10_000;
  let start = new Map<string, ResourceSample>();
  let end = new Map<string, ResourceSample>();
  let starts: number[] = [];
  let names: string[] = [];
  const deadline = { at: Number.POSITIVE_INFINITY };
  const run = await runFaults({
    ...options,
    holdMs: Math.round(every / 2),
    settleMs: Math.round(every / 2),
    clients: options.clients ?? 6,
    keys: 64,
    until: () => Date.now() >= deadline.at,
    onStart: async (cluster) => {
      start = await sampleAll(cluster);
      deadline.at = Date.now() + options.minutes * 60_000;
    },
    onEnd: async (cluster) => {
      end = await sampleAll(cluster);
      starts = cluster.nodes.map((n) => n.starts);
      names = cluster.nodes.map((n) => n.name);
    },
  });
  return {
    run,
    minutes: options.minutes,
    operations: run.history.operations,
    resources: names.map((node, i) => ({
      node,
      start: start.get(node),
      end: end.get(node),
      starts: starts[i] ?? 0,
    })),
  };
}

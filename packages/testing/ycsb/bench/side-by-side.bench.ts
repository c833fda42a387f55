/**
 * CATS next to etcd 3.4 on this machine, one run: YCSB workloads A, B and C (zipfian) against a
 * 3-member etcd cluster and a 3-node CATS cluster (3 replicas per group), both durable (etcd
 * fsyncs its WAL before acknowledging; CATS's lmdb store commits synced before a replica
 * acknowledges) and both linearizable; then CATS in its `eventual` baseline mode (the cost of
 * consistency), and CATS with 3, 6 and 9 node processes (scalability on one machine).
 *
 *   pnpm --filter @kompics/ycsb bench [-- --json] [--records 1000] [--operations 10000]
 *        [--concurrency 32] [--value-size 100] [--skip-scale]
 */
import { connect } from '@cats/client';
import {
  EtcdDriver,
  type KvDriver,
  loadPhase,
  type PhaseResult,
  runPhase,
  startEtcdCluster,
  type Workload,
  type WorkloadName,
  workload,
} from '../src/index.js';
import { type CatsCluster, startCatsCluster } from './cats-cluster.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const num = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  const v = i < 0 ? fallback : Number(args[i + 1]);
  if (!Number.isSafeInteger(v) || v < 1) throw new RangeError(`--${name} must be a positive integer`);
  return v;
};
const settings = {
  recordCount: num('records', 1000),
  operationCount: num('operations', 10_000),
  concurrency: num('concurrency', 32),
  valueSize: num('value-size', 100),
  distribution: 'zipfian' as const,
};
const say = (line: string) => {
  if (!json) process.stderr.write(`${line}\n`);
};

function progress(label: string) {
  let last = 0;
  return (done: number, total: number) => {
    if (json || !process.stderr.isTTY) return;
    const now = Date.now();
    if (now - last < 100 && done < total) return;
    last = now;
    const width = 30;
    const filled = Math.round((done / total) * width);
    process.stderr.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
    if (done === total) process.stderr.write('\n');
  };
}

async function catsDriver(cluster: CatsCluster): Promise<KvDriver> {
  const db = await connect({ bootstrap: cluster.bootstrap }, { timeoutMs: 10_000 });
  return {
    name: 'cats',
    read: (key) => db.get(key),
    update: (key, value) => db.put(key, value),
    close: async () => db.close(),
  };
}

interface Row {
  readonly system: string;
  readonly workload: WorkloadName;
  readonly run: PhaseResult;
}

async function runAll(system: string, driver: KvDriver, names: readonly WorkloadName[]): Promise<Row[]> {
  const rows: Row[] = [];
  const loadW: Workload = workload('A', settings);
  say(`${system}: load ${settings.recordCount} records`);
  const load = await loadPhase(driver, loadW, progress(`${system} load`));
  if (load.errors > 0) say(`${system}: ${load.errors} load errors, e.g. ${load.errorSamples[0]}`);
  for (const name of names) {
    const run = await runPhase(driver, workload(name, settings), progress(`${system} ${name}`));
    say(
      `${system} ${name}: ${run.throughput.toFixed(0)} ops/s, p99 ${run.latency.all.p99.toFixed(2)} ms, errors ${run.errors}`,
    );
    rows.push({ system, workload: name, run });
  }
  return rows;
}

const ALL: readonly WorkloadName[] = ['A', 'B', 'C'];
const rows: Row[] = [];

const etcd = await startEtcdCluster({ members: 3 });
try {
  const driver = new EtcdDriver(etcd.endpoints);
  rows.push(...(await runAll(`etcd ${etcd.version}`, driver, ALL)));
  await driver.close();
} finally {
  await etcd.stop();
}

for (const consistency of ['consistent', 'eventual'] as const) {
  const cluster = await startCatsCluster({ nodes: 3, consistency });
  try {
    const driver = await catsDriver(cluster);
    rows.push(...(await runAll(consistency === 'consistent' ? 'cats' : 'cats-eventual', driver, ALL)));
    await driver.close();
  } finally {
    await cluster.stop();
  }
}

const scale: Row[] = [];
if (!args.includes('--skip-scale')) {
  for (const n of [3, 6, 9]) {
    const cluster = await startCatsCluster({ nodes: n, consistency: 'consistent' });
    try {
      const driver = await catsDriver(cluster);
      scale.push(...(await runAll(`cats ×${n}`, driver, ['B'])));
      await driver.close();
    } finally {
      await cluster.stop();
    }
  }
}

const find = (system: string, w: WorkloadName) =>
  rows.find((r) => r.system.startsWith(system) && r.workload === w)?.run;
const comparison = ALL.map((w) => {
  const e = find('etcd', w);
  const c = find('cats', w);
  const ev = find('cats-eventual', w);
  const throughputRatio = e && c ? c.throughput / e.throughput : Number.NaN;
  const p99Ratio = e && c ? c.latency.all.p99 / e.latency.all.p99 : Number.NaN;
  const goalThroughput = w === 'A' ? 0.8 : 1;
  return {
    workload: w,
    etcd: e && { throughput: e.throughput, p99: e.latency.all.p99, errors: e.errors },
    cats: c && { throughput: c.throughput, p99: c.latency.all.p99, errors: c.errors },
    catsEventual: ev && { throughput: ev.throughput, p99: ev.latency.all.p99, errors: ev.errors },
    throughputRatio,
    p99Ratio,
    consistencyCost: c && ev ? 1 - c.throughput / ev.throughput : Number.NaN,
    goalMet: throughputRatio >= goalThroughput && p99Ratio <= 1,
  };
});

const result = { bench: 'side-by-side', node: process.version, settings, comparison, rows, scale };
if (json) {
  console.log(JSON.stringify(result, null, 2));
} else {
  const f0 = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '-' : n.toFixed(0));
  const f2 = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '-' : n.toFixed(2));
  console.log(
    `side-by-side: ${settings.recordCount} records, ${settings.operationCount} ops, ${settings.concurrency} clients, ${settings.valueSize} B values, zipfian; etcd 3 members, CATS 3 nodes (r = 3), both durable and linearizable`,
  );
  console.log(
    'workload  etcd ops/s  etcd p99 ms  cats ops/s  cats p99 ms  ratio ops  ratio p99  eventual ops/s  consistency cost  goal',
  );
  for (const c of comparison) {
    console.log(
      [
        c.workload.padEnd(8),
        f0(c.etcd?.throughput).padStart(10),
        f2(c.etcd?.p99).padStart(11),
        f0(c.cats?.throughput).padStart(10),
        f2(c.cats?.p99).padStart(11),
        f2(c.throughputRatio).padStart(9),
        f2(c.p99Ratio).padStart(9),
        f0(c.catsEventual?.throughput).padStart(14),
        `${(c.consistencyCost * 100).toFixed(0)}%`.padStart(16),
        c.goalMet ? ' met' : ' MISSED',
      ].join('  '),
    );
  }
  if (scale.length > 0) {
    console.log('scalability (workload B, 2 cores shared by every process and the load generator):');
    for (const s of scale)
      console.log(
        `  ${s.system.padEnd(8)} ${f0(s.run.throughput)} ops/s, p99 ${f2(s.run.latency.all.p99)} ms`,
      );
  }
  const errors = [...rows, ...scale].filter((r) => r.run.errors > 0);
  for (const e of errors)
    console.log(`errors: ${e.system} ${e.workload}: ${e.run.errors} (${e.run.errorSamples[0]})`);
}

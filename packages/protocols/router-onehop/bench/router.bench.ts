// The one-hop router at scale, in the simulator: a cluster churns (joins and crashes drawn by
// a stochastic process) while lookups are checked against the truth; then churn stops and the
// time until every table is right is measured.
//
//   pnpm --filter @kompics/router-onehop bench [-- --json] [--nodes 1000] [--events 200]
//        [--interval 250] [--seed 1]
import { cpus } from 'node:os';
import { churnRun } from '../test/churn.js';

function arg(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isFinite(value)) throw new RangeError(`--${name} needs a number`);
  return value;
}

const json = process.argv.includes('--json');
const nodes = arg('nodes', 1000);
const events = arg('events', 200);
const interval = arg('interval', 250);
const seed = arg('seed', 1);

const r = churnRun(seed, {
  nodes,
  events,
  meanInterArrivalMs: interval,
  warmupMs: 30_000,
  settleMs: 30_000,
  lookupsPerTick: 20,
  finalLookupsPerNode: 5,
});
const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, Node ${process.version}`;
if (json) {
  console.log(
    JSON.stringify({ benchmark: '@kompics/router-onehop churn', machine, nodes, events, interval, ...r }),
  );
} else {
  const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(2)}%`;
  console.log(`@kompics/router-onehop: ${nodes} nodes, seed ${seed}; ${machine}`);
  console.log(
    `churn: ${r.joins} joins + ${r.crashes} crashes over ${(r.churnMs / 1000).toFixed(1)} s ` +
      `(exponential inter-arrival, mean ${interval} ms); ${r.nodesAtEnd} nodes at the end`,
  );
  console.log(
    `lookups during churn: ${r.during.lookups}, responsible right ${pct(r.during.responsible, r.during.lookups)}, ` +
      `group (r=3) right ${pct(r.during.group, r.during.lookups)}`,
  );
  console.log(
    `convergence after churn: ${r.convergenceMs} ms; tables right at the end: ${pct(r.tablesCorrect, 1)}`,
  );
  console.log(`lookups after settling: ${r.after.group}/${r.after.lookups} right`);
  console.log(
    `messages per node per second during churn: ${r.messagesPerNodePerSecond.toFixed(1)} ` +
      `(broadcast gossip ${r.byKind.gossip.toFixed(1)}, digests ${r.byKind.digests.toFixed(2)}, ` +
      `tables ${r.byKind.tables.toFixed(2)} carrying ${r.byKind.records.toFixed(0)} records); ` +
      `${r.byKind.announced} announcements`,
  );
  console.log(`wall clock: ${(r.wallMs / 1000).toFixed(1)} s`);
}

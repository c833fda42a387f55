/**
 * Ring figures in the simulator (virtual time; latency uniform 5–50 ms one way; stabilization
 * every 1 s; ping failure detector every 1 s; successor lists of 8):
 *
 * - convergence: 1,000 nodes join one by one (one every 50 ms); time from the last join to the
 *   perfect ring, and messages per node per second in the steady state after;
 * - crashes: a fifth of the 1,000 nodes crash at once; time to the survivors' perfect ring;
 * - merges: a random two-way partition held until each half is a perfect ring, then healed;
 *   and two rings that were never one, healed, of which a single node learns of the other;
 *   time to one perfect ring with simple and gossip-assisted unification, at 100 and 1,000 nodes.
 *
 *   pnpm --filter @kompics/ring-chord bench [--json] [--seeds 3] [--big-seeds 1]
 */
import type { UnificationMode } from '../src/index.js';
import {
  crashFifth,
  joinRun,
  type MergeResult,
  oneDetector,
  partitionAndHeal,
  summary,
} from '../test/scenarios.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const numberArg = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i < 0 ? fallback : Number(args[i + 1]);
};
const smallSeeds = numberArg('--seeds', 3);
const bigSeeds = numberArg('--big-seeds', 1);
const seeds = (count: number, base: number) => Array.from({ length: count }, (_, k) => base + k);

interface Row {
  readonly scenario: string;
  readonly nodes: number;
  readonly variant: string;
  readonly seeds: number;
  /** Mean virtual ms to the perfect ring (whole successor lists). */
  readonly meanMs: number;
  readonly maxMs: number;
  /** Mean virtual ms until successor and predecessor pointers were right (merges only). */
  readonly pointersMs?: number;
  /** Messages per node per second (steady state) or per node during the merge. */
  readonly messages: number;
  readonly messagesUnit: string;
  readonly wallMs: number;
}

const rows: Row[] = [];
const log = (row: Row) => {
  rows.push(row);
  if (!json)
    process.stderr.write(
      `  ${row.scenario}, ${row.nodes} nodes, ${row.variant}: ${row.meanMs.toFixed(0)} ms\n`,
    );
};

function timed<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const value = fn();
  return [value, performance.now() - start];
}

// Convergence of 1,000 joins.
{
  const [results, wall] = timed(() => seeds(bigSeeds, 7).map((seed) => joinRun(seed, 1000)));
  const times = summary(results.map((r) => r.converged));
  log({
    scenario: 'join one by one',
    nodes: 1000,
    variant: '-',
    seeds: results.length,
    meanMs: times.mean,
    maxMs: times.max,
    messages: summary(results.map((r) => r.messagesPerNodePerSecond)).mean,
    messagesUnit: 'per node per s (steady)',
    wallMs: wall,
  });
}

// A fifth crash at once.
{
  const [results, wall] = timed(() => seeds(bigSeeds, 31).map((seed) => crashFifth(seed, 1000)));
  const times = summary(results.map((r) => r.converged));
  log({
    scenario: '20% crash at once',
    nodes: 1000,
    variant: '-',
    seeds: results.length,
    meanMs: times.mean,
    maxMs: times.max,
    messages: Number.NaN,
    messagesUnit: '-',
    wallMs: wall,
  });
}

// Merges.
const merge = (
  scenario: string,
  run: (seed: number, n: number, mode: UnificationMode) => MergeResult,
  n: number,
  mode: UnificationMode,
  count: number,
  base: number,
) => {
  const [results, wall] = timed(() => seeds(count, base).map((seed) => run(seed, n, mode)));
  const times = summary(results.map((r) => r.merged));
  log({
    scenario,
    nodes: n,
    variant: mode,
    seeds: results.length,
    meanMs: times.mean,
    maxMs: times.max,
    pointersMs: summary(results.map((r) => r.pointers)).mean,
    messages: summary(results.map((r) => r.messagesPerNode)).mean,
    messagesUnit: 'per node during the merge',
    wallMs: wall,
  });
};
for (const n of [100, 1000]) {
  for (const mode of ['simple', 'gossip'] as const) {
    const count = n > 100 ? bigSeeds : smallSeeds;
    merge('partition healed', partitionAndHeal, n, mode, count, 500);
    merge('two rings, one detector', oneDetector, n, mode, count, 600);
  }
}

if (json) {
  console.log(JSON.stringify({ package: '@kompics/ring-chord', node: process.version, rows }, null, 2));
} else {
  const header = [
    'scenario',
    'nodes',
    'variant',
    'seeds',
    'mean ms',
    'max ms',
    'pointers ms',
    'messages',
    'wall s',
  ];
  const table = rows.map((r) => [
    r.scenario,
    String(r.nodes),
    r.variant,
    String(r.seeds),
    r.meanMs.toFixed(0),
    String(r.maxMs),
    r.pointersMs === undefined ? '-' : r.pointersMs.toFixed(0),
    Number.isNaN(r.messages) ? '-' : `${r.messages.toFixed(1)} ${r.messagesUnit}`,
    (r.wallMs / 1000).toFixed(1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => (row[i] as string).length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] as number))
      .join('  ')
      .trimEnd();
  console.log(`@kompics/ring-chord: virtual-time figures, Node ${process.version}`);
  console.log(line(header));
  for (const row of table) console.log(line(row));
}

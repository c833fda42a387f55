/**
 * Paired A/B of two builds of this package on the bench's ping workload (codec off). Fresh
 * simulations of build A and build B alternate in one process, the order swapped every pair,
 * and the report gives each build's median and best messages per second and the median of the
 * per-pair ratios B/A. On a shared machine single runs spread 2–5x as the host's load comes and
 * goes; two runs of the same pair see nearly the same host, so their ratio is what can be
 * compared. Both builds share this checkout's kernel and ports.
 *
 *   node dist-bench/bench/paired.js --a <dir> --b <dir> [--nodes 1000] [--pairs 30] [--seconds 10]
 *
 * Each `<dir>` holds a built `index.js` of `@kompics/simulator`: this checkout's `dist-bench/src`
 * and, for the other side, the same directory built from another commit (`git worktree add`,
 * `tsc -p tsconfig.bench.json --outDir <dir>/..`), kept inside this package so that it resolves
 * the same dependencies.
 */
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { median, option, positiveInteger } from './bench-options.js';
import { pingRate, type SimulatorModule } from './ping-workload.js';

async function load(name: string): Promise<SimulatorModule> {
  const dir = option(name);
  if (dir === undefined) throw new TypeError(`--${name} <dir> is required (a built simulator's directory)`);
  const path = resolve(isAbsolute(dir) ? dir : resolve(process.cwd(), dir), 'index.js');
  return (await import(pathToFileURL(path).href)) as SimulatorModule;
}

let a: SimulatorModule;
let b: SimulatorModule;
let nodes: number;
let pairs: number;
let seconds: number;
try {
  a = await load('a');
  b = await load('b');
  nodes = positiveInteger('nodes', 1_000);
  pairs = positiveInteger('pairs', 30);
  seconds = positiveInteger('seconds', 10);
} catch (error) {
  console.error(`paired: ${(error as Error).message}`);
  process.exit(2);
}
const as: number[] = [];
const bs: number[] = [];
const ratios: number[] = [];
for (let p = 0; p < pairs; p++) {
  let ra: number;
  let rb: number;
  if (p % 2 === 0) {
    ra = pingRate(a, nodes, seconds);
    rb = pingRate(b, nodes, seconds);
  } else {
    rb = pingRate(b, nodes, seconds);
    ra = pingRate(a, nodes, seconds);
  }
  as.push(ra);
  bs.push(rb);
  ratios.push(rb / ra);
}
const result = {
  nodes,
  pairs,
  simulatedSecondsPerRun: seconds,
  a: { median: median(as), best: Math.max(...as) },
  b: { median: median(bs), best: Math.max(...bs) },
  ratio: { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) },
};
if (process.argv.includes('--json')) {
  console.log(JSON.stringify(result, null, 2));
} else {
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  console.log(`paired A/B: ${nodes} nodes, ${pairs} pairs of ${seconds} simulated s, codec off`);
  console.log(`  A: median ${fmt(result.a.median)} msgs/s, best ${fmt(result.a.best)}`);
  console.log(`  B: median ${fmt(result.b.median)} msgs/s, best ${fmt(result.b.best)}`);
  console.log(
    `  B/A per pair: median ${result.ratio.median.toFixed(3)} (range ${result.ratio.min.toFixed(2)}–${result.ratio.max.toFixed(2)})`,
  );
}

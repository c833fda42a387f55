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
import { option, positiveInteger } from './bench-options.js';
import { runPairs } from './pairs.js';
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
runPairs(
  `paired A/B: ${nodes} nodes, ${pairs} pairs of ${seconds} simulated s, codec off`,
  { nodes, simulatedSecondsPerRun: seconds },
  pairs,
  () => pingRate(a, nodes, seconds),
  () => pingRate(b, nodes, seconds),
);

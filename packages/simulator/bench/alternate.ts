/**
 * Paired A/B of two builds in fresh processes: each run is its own Node process (a fresh heap
 * and fresh JIT, nothing shared with the other build), the two builds alternate, the order
 * swapped every pair, optionally pinned to one CPU. Unlike `paired.ts`, each build may bring its
 * own kernel and Network port package, so that changes to those can be compared too. Reports each build's median and
 * best messages per second and the median of the per-pair ratios B/A.
 *
 *   node dist-bench/bench/alternate.js --a <simulator dir> --b <simulator dir>
 *     [--a-kernel <kernel dir>] [--b-kernel <kernel dir>] [--a-network <dir>] [--b-network <dir>]
 *     [--pairs 10] [--nodes 1000]
 *     [--seconds 100] [--cpu 0] [--json]
 *
 * A directory holds a built `index.js` (`dist` of the package, or a build of another commit:
 * `git worktree add node_modules/.ab/wt <commit>`, then `tsc -p` each package's
 * `tsconfig.build.json` with `--outDir`). On a shared machine whose CPUs differ, `--cpu` keeps
 * both builds on the same one.
 */
import { spawnSync } from 'node:child_process';
import { register } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { option, positiveInteger } from './bench-options.js';
import { runPairs } from './pairs.js';
import type { SimulatorModule } from './ping-workload.js';

const nodes = positiveInteger('nodes', 1_000);
/** Packages a build may bring its own copy of: option name, package name. */
const BUILT_PACKAGES = [
  ['kernel', '@kompics/kernel'],
  ['network', '@kompics/network'],
] as const;
const seconds = positiveInteger('seconds', 100);

/** One run, in this process: messages per wall-clock second after a 1-s warm-up. */
async function child(): Promise<void> {
  const packages: Record<string, string> = {};
  for (const [flag, name] of BUILT_PACKAGES) {
    const dir = option(flag);
    if (dir !== undefined) packages[name] = dir;
  }
  register('./build-hooks.js', import.meta.url, { data: { packages } });
  const simulator = (await import(
    pathToFileURL(resolve(option('sim') as string, 'index.js')).href
  )) as SimulatorModule;
  const { pingRate } = await import('./ping-workload.js');
  console.log(JSON.stringify({ rate: pingRate(simulator, nodes, seconds) }));
}

function run(side: 'a' | 'b', cpu: string | undefined): number {
  const sim = option(side);
  if (sim === undefined) throw new TypeError(`--${side} <dir> is required (a built simulator's directory)`);
  const builds = BUILT_PACKAGES.flatMap(([flag]) => {
    const dir = option(`${side}-${flag}`);
    return dir === undefined ? [] : [`--${flag}`, resolve(dir)];
  });
  const args = [
    fileURLToPath(import.meta.url),
    '--child',
    '--sim',
    resolve(sim),
    ...builds,
    '--nodes',
    String(nodes),
    '--seconds',
    String(seconds),
  ];
  const out =
    cpu === undefined
      ? spawnSync(process.execPath, args, { encoding: 'utf8' })
      : spawnSync('taskset', ['-c', cpu, process.execPath, ...args], { encoding: 'utf8' });
  const line = out.stdout?.split('\n').find((l) => l.startsWith('{"rate"'));
  if (out.status !== 0 || line === undefined) {
    throw new Error(
      `run of build ${side.toUpperCase()} failed (exit ${out.status}): ${out.stderr ?? out.error}`,
    );
  }
  return (JSON.parse(line) as { rate: number }).rate;
}

function parent(): void {
  const pairs = positiveInteger('pairs', 10);
  const cpu = option('cpu');
  runPairs(
    `alternating processes: ${nodes} nodes, ${pairs} pairs of ${seconds} simulated s, codec off` +
      (cpu === undefined ? '' : `, CPU ${cpu}`),
    { nodes, simulatedSecondsPerRun: seconds, cpu: cpu ?? null },
    pairs,
    () => run('a', cpu),
    () => run('b', cpu),
  );
}

try {
  if (process.argv.includes('--child')) await child();
  else parent();
} catch (error) {
  console.error(`alternate: ${(error as Error).message}`);
  process.exit(2);
}

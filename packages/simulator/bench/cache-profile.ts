/**
 * Counts what one simulated message costs in instructions and cache misses, without the noise
 * of a shared machine: runs the bench's ping workload under valgrind's callgrind with a
 * simulated cache, measures only a window after warm-up (instrumentation is switched on and off
 * around it with `callgrind_control`), and reports per message: instructions (Ir),
 * first-level data misses (D1mr) and last-level misses (DLmr read, DLmw write) of the simulated
 * last level, `--ll` bytes. With `--ll 524288` that level stands for a 512 KB second-level
 * cache, whose misses are what separates 1,000 nodes from 100 on this workload.
 *
 * Two runs of the same build agree to within about 2%; wall-clock runs here spread 2–5x.
 * Needs valgrind (Debian package `valgrind`). Takes a minute or two.
 *
 *   pnpm --filter @kompics/simulator bench:cache [-- --nodes 1000 --warm 30 --seconds 2]
 *     [--ll 524288] [--top 25] [--sim <dir of a built simulator>] [--node-flags "..."]
 *     [--callers <name,...>] [--branches] [--json]]
 *
 * `--branches` also simulates branch prediction and adds the mispredicted conditional branches
 * per message (Bcm): a heap's sift compares are coin tosses a predictor loses, which
 * instruction counts do not show.
 *
 * `--callers` lists, for each function whose name contains one of the given strings (V8's
 * builtins and runtime functions included, e.g. `ObjectGetPrototypeOf,LoadIC_Megamorphic`), the
 * functions calling it and what those calls cost per message, callee's work included: how a
 * runtime call or a megamorphic load on the path is found.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { option, positiveInteger, positiveNumber } from './bench-options.js';
import { readCallgrind } from './callgrind-report.js';
import { pingSimulation, type SimulatorModule } from './ping-workload.js';

const nodes = positiveInteger('nodes', 1000);
// Defaults scale with the node count, for the same number of messages (300,000 warm, 20,000 counted).
const warm = positiveNumber('warm', (30 * 1000) / nodes);
const seconds = positiveNumber('seconds', (2 * 1000) / nodes);

/** In valgrind: run the workload, counting only the window after the warm-up. */
async function child(): Promise<void> {
  const dir = option('sim');
  const simulator = (await import(
    dir === undefined ? '../src/index.js' : pathToFileURL(resolve(dir, 'index.js')).href
  )) as SimulatorModule;
  const sim = pingSimulation(simulator, nodes, warm * 1_000);
  const sent = sim.stats.sent;
  execFileSync('callgrind_control', ['-i', 'on', String(process.pid)], { stdio: 'ignore' });
  sim.run({ until: (warm + seconds) * 1_000 });
  execFileSync('callgrind_control', ['-i', 'off', String(process.pid)], { stdio: 'ignore' });
  console.log(JSON.stringify({ pid: process.pid, messages: sim.stats.sent - sent }));
}

/** Ways of a simulated last level of `bytes` (64-byte lines): valgrind wants a power-of-two set count. */
function waysFor(bytes: number): number {
  const ways = [16, 12, 24, 20, 8].find((w) => {
    const sets = bytes / 64 / w;
    return Number.isInteger(sets) && (sets & (sets - 1)) === 0;
  });
  if (ways === undefined) throw new RangeError(`--ll ${bytes}: not a cache size valgrind can simulate`);
  return ways;
}

function parent(): void {
  const work = mkdtempSync(join(tmpdir(), 'cache-profile-'));
  const profile = join(work, 'callgrind.out');
  const ll = positiveNumber('ll', 524288);
  const self = fileURLToPath(import.meta.url);
  // The child runs in the scratch directory (V8 writes its code log there), so paths go absolute.
  const passOn = process.argv
    .slice(2)
    .filter((a) => a !== '--json')
    .map((a, i, all) => (all[i - 1] === '--sim' ? resolve(process.cwd(), a) : a));
  const nodeFlags = (option('node-flags') ?? '').split(' ').filter((f) => f !== '');
  const branches = process.argv.includes('--branches');
  const run = spawnSync(
    'valgrind',
    [
      '--tool=callgrind',
      '--instr-atstart=no',
      '--cache-sim=yes',
      ...(branches ? ['--branch-sim=yes'] : []),
      '--I1=32768,8,64',
      '--D1=32768,8,64',
      `--LL=${ll},${waysFor(ll)},64`,
      '--dump-instr=yes',
      `--callgrind-out-file=${profile}`,
      process.execPath,
      '--perf-basic-prof',
      // Optimised code is then made on the main thread, before the window, not during it.
      '--no-concurrent-recompilation',
      ...nodeFlags,
      self,
      '--child',
      ...passOn,
    ],
    { encoding: 'utf8', maxBuffer: 1 << 26, cwd: work },
  );
  if (run.error !== undefined) {
    throw new Error(`cannot run valgrind (Debian package "valgrind"): ${run.error.message}`);
  }
  const line = run.stdout.split('\n').find((l) => l.startsWith('{"pid"'));
  if (run.status !== 0 || line === undefined) {
    throw new Error(`the profiled run failed (exit ${run.status}):\n${run.stderr.slice(-2000)}`);
  }
  const { pid, messages } = JSON.parse(line) as { pid: number; messages: number };
  const perfMap = `/tmp/perf-${pid}.map`;
  const report = readCallgrind(profile, perfMap);
  rmSync(work, { recursive: true, force: true });
  rmSync(perfMap, { force: true });
  const shown = ['Ir', 'D1mr', 'DLmr', 'DLmw', ...(branches ? ['Bcm'] : [])];
  const perMessage = (costs: Readonly<Record<string, number>>): Record<string, number> =>
    Object.fromEntries(shown.map((e) => [e, Math.round(((costs[e] ?? 0) / messages) * 100) / 100]));
  const top = positiveNumber('top', 25);
  const functions = report.functions
    .map((f) => ({ name: f.name, perMessage: perMessage(f.costs) }))
    .sort((p, q) => (q.perMessage.DLmr ?? 0) - (p.perMessage.DLmr ?? 0))
    .slice(0, top);
  const callers = (option('callers') ?? '').split(',').filter((c) => c !== '');
  const calls = report.calls
    .filter((c) => callers.some((name) => c.callee.includes(name)))
    .slice(0, top)
    .map((c) => ({ caller: c.caller, callee: c.callee, perMessage: perMessage(c.costs) }));
  const result = {
    nodes,
    warm,
    seconds,
    lastLevelBytes: ll,
    messages,
    perMessage: perMessage(report.totals),
    functions,
    ...(callers.length > 0 ? { calls } : {}),
  };
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(result, null, 2));
    return;
  }
  const total = result.perMessage;
  console.log(
    `cache profile: ${nodes} nodes, ${messages} messages after ${warm} simulated s, last level ${ll} bytes`,
  );
  console.log(
    `  per message: ${total.Ir} instructions, ${total.D1mr} D1 read misses, ` +
      `${total.DLmr} last-level read misses, ${total.DLmw} last-level write misses` +
      (branches ? `, ${total.Bcm} mispredicted branches` : ''),
  );
  const header = shown.map((e) => e.padStart(7)).join(' ');
  console.log(` ${header}  function (self cost, by last-level read misses)`);
  const short = (name: string) => name.replace(/file:\/\/\/.*?\/packages\//, '').slice(0, 100);
  for (const f of functions) {
    const cells = shown.map((e) => (f.perMessage[e] ?? 0).toFixed(1).padStart(7));
    console.log(` ${cells.join(' ')}  ${short(f.name)}`);
  }
  if (callers.length > 0) {
    console.log(` ${header}  callee <- caller (inclusive cost of the calls)`);
    for (const c of calls) {
      const cells = shown.map((e) => (c.perMessage[e] ?? 0).toFixed(1).padStart(7));
      console.log(` ${cells.join(' ')}  ${short(c.callee)} <- ${short(c.caller)}`);
    }
  }
}

if (process.argv.includes('--child')) await child();
else parent();

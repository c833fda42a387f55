/**
 * Simulator throughput: 1,000 nodes each ping a random peer on a periodic timer. Reports
 * simulated messages per wall-clock second and simulated seconds per wall-clock second, with
 * the wire codec off and on, against a baseline measured in the same run: the same number of
 * events pushed through and popped from a plain binary heap, with no components at all.
 *
 * Each figure is the median of `--repeat` runs codec off (default 5; an even count is made odd)
 * and of the odd number nearest 3/5 of that codec on, each a fresh simulation, the two modes
 * interleaved; the baseline is a median of as many runs. On a shared VM single runs of the same
 * code spread by 2x or more (slow spells of the host come and go), so the range is printed too.
 *
 *   pnpm --filter @kompics/simulator bench [-- --json] [-- --nodes 1000 --seconds 200 --repeat 5]
 */
import { Simulation, uniform } from '../src/index.js';
import { positiveInteger, positiveNumber } from './bench-options.js';
import { codecs, startPingNodes } from './ping-workload.js';

interface SimResult {
  readonly codec: boolean;
  readonly nodes: number;
  readonly simulatedSeconds: number;
  readonly messages: number;
  readonly wallSeconds: number;
  readonly messagesPerSecond: number;
  /** Process CPU time (user + system) of the timed run: steadier than wall time on a shared machine. */
  readonly cpuSeconds: number;
  readonly messagesPerCpuSecond: number;
  readonly simulatedSecondsPerSecond: number;
  readonly bytes: number;
}

function simulate(nodes: number, seconds: number, codec: boolean): SimResult {
  const sim = new Simulation({ seed: 1, codecs, codec, trace: 'off', network: { latency: uniform(5, 50) } });
  startPingNodes(sim, nodes);
  sim.run({ until: 1_000 }); // warm-up
  const sentBefore = sim.stats.sent;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  sim.run({ until: 1_000 + seconds * 1_000 });
  const wallSeconds = (performance.now() - started) / 1_000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const messages = sim.stats.sent - sentBefore;
  return {
    codec,
    nodes,
    simulatedSeconds: seconds,
    messages,
    wallSeconds,
    messagesPerSecond: messages / wallSeconds,
    cpuSeconds,
    messagesPerCpuSecond: messages / cpuSeconds,
    simulatedSecondsPerSecond: seconds / wallSeconds,
    bytes: sim.stats.bytes,
  };
}

/** The baseline: `count` events through a plain binary heap of objects, as many in flight as the simulation had. */
function baseline(
  count: number,
  inFlight: number,
): { readonly wallSeconds: number; readonly eventsPerSecond: number } {
  interface Entry {
    time: number;
    seq: number;
    payload: number;
  }
  const heap: Entry[] = [];
  const less = (a: Entry, b: Entry) => a.time < b.time || (a.time === b.time && a.seq < b.seq);
  const push = (e: Entry) => {
    let i = heap.length;
    heap.push(e);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(e, heap[p] as Entry)) break;
      heap[i] = heap[p] as Entry;
      i = p;
    }
    heap[i] = e;
  };
  const pop = (): Entry => {
    const top = heap[0] as Entry;
    const last = heap.pop() as Entry;
    if (heap.length > 0) {
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= heap.length) break;
        if (c + 1 < heap.length && less(heap[c + 1] as Entry, heap[c] as Entry)) c++;
        if (!less(heap[c] as Entry, last)) break;
        heap[i] = heap[c] as Entry;
        i = c;
      }
      heap[i] = last;
    }
    return top;
  };
  let seq = 0;
  let x = 1;
  const rand = () => {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    return x / 0x80000000;
  };
  for (let i = 0; i < inFlight; i++) push({ time: rand() * 50, seq: seq++, payload: i });
  let sink = 0;
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const e = pop();
    sink += e.payload;
    push({ time: e.time + 5 + rand() * 45, seq: seq++, payload: i });
  }
  const wallSeconds = (performance.now() - started) / 1_000;
  if (sink === -1) console.log(sink);
  return { wallSeconds, eventsPerSecond: count / wallSeconds };
}

/** The run with the median messages per second, with every run's figure beside it. */
function medianOf(runs: SimResult[]): SimResult & { readonly runs: readonly number[] } {
  const sorted = [...runs].sort((a, b) => a.messagesPerSecond - b.messagesPerSecond);
  const median = sorted[Math.floor((sorted.length - 1) / 2)] as SimResult;
  return { ...median, runs: runs.map((r) => Math.round(r.messagesPerSecond)) };
}

const nodes = positiveInteger('nodes', 1_000);
const seconds = positiveNumber('seconds', 200);
/** Odd, so that a median is one run rather than the slower of two. */
const odd = (n: number) => Math.max(1, Math.round(n)) | 1;
const repeat = odd(positiveInteger('repeat', 5));
const onRepeat = odd((repeat * 3) / 5);
const offRuns: SimResult[] = [];
const onRuns: SimResult[] = [];
// Interleaved, codec-on runs spread over the rounds, so a slow spell of the host touches both
// modes alike.
for (let i = 0; i < repeat; i++) {
  offRuns.push(simulate(nodes, seconds, false));
  if (Math.floor(((i + 1) * onRepeat) / repeat) > onRuns.length)
    onRuns.push(simulate(nodes, Math.max(1, Math.round(seconds / 4)), true));
}
const off = medianOf(offRuns);
const on = medianOf(onRuns);
// With 10 pings per node per second and latencies of 5–50 ms, about nodes * 10 * 0.0275 are in flight.
const baseRuns = Array.from({ length: repeat }, () =>
  baseline(off.messages, Math.round(nodes * 10 * 0.0275)),
);
const base = [...baseRuns].sort((a, b) => a.eventsPerSecond - b.eventsPerSecond)[
  (repeat - 1) / 2
] as ReturnType<typeof baseline>;
const result = {
  bench: 'simulator',
  node: process.version,
  codecOff: off,
  codecOn: on,
  baseline: { ...base, events: off.messages, what: 'plain binary heap push+pop per event, no components' },
  ratios: {
    codecOffVsBaseline: off.messagesPerSecond / base.eventsPerSecond,
    codecOnVsBaseline: on.messagesPerSecond / base.eventsPerSecond,
    codecOnVsOff: on.messagesPerSecond / off.messagesPerSecond,
  },
  goal: { messagesPerSecondCodecOff: 1_000_000, met: off.messagesPerSecond >= 1_000_000 },
};

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(result, null, 2));
} else {
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  console.log(
    `simulator bench: ${nodes} nodes, ping a random peer every 100 ms (virtual), latency uniform(5, 50)`,
  );
  for (const r of [off, on]) {
    const low = Math.min(...r.runs);
    const high = Math.max(...r.runs);
    console.log(
      `  codec ${r.codec ? 'on ' : 'off'}: ${fmt(r.messages)} msgs in ${r.simulatedSeconds} simulated s, ${r.wallSeconds.toFixed(2)} wall s -> ` +
        `${fmt(r.messagesPerSecond)} msgs/s (${fmt(r.messagesPerCpuSecond)} per CPU s), ` +
        `${r.simulatedSecondsPerSecond.toFixed(1)} simulated s per wall s; median of ${r.runs.length} runs, range ${fmt(low)}–${fmt(high)}`,
    );
  }
  console.log(`  baseline (plain heap, no components): ${fmt(base.eventsPerSecond)} events/s`);
  console.log(
    `  ratio vs baseline: codec off ${result.ratios.codecOffVsBaseline.toFixed(3)}, codec on ${result.ratios.codecOnVsBaseline.toFixed(3)}; ` +
      `codec on/off ${result.ratios.codecOnVsOff.toFixed(3)}`,
  );
  console.log(`  goal >= 1,000,000 msgs/s with the codec off: ${result.goal.met ? 'met' : 'NOT met'}`);
}

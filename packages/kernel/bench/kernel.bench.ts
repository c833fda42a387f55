// Events per second through the kernel, against a plain in-process callback loop doing the same work.
//
// Usage: pnpm --filter @kompics/kernel bench [--json] [--events N] [--rounds N] [--warmup N]
//                                            [--only TEXT] [--kernel-only]
// With --json, stdout carries the JSON only (pnpm prints its own lines to stderr).
//
// Every scenario moves `events` Data events from one producer to its consumers in batches, with
// credit-based flow control: each consumer acknowledges every batch, and the producer keeps
// `window` batches in flight. The plain loop does the same work with an array queue and direct
// calls: allocate the event, enqueue it per consumer, drain the queue calling each consumer,
// acknowledge each batch. Figures are deliveries (handler invocations) per second: the median of
// `rounds` timed rounds after `warmup` untimed ones, kernel and plain rounds alternating.
//
// Each system is built once and runs every round, as a long-lived application would, and the heap
// is collected (`--expose-gc`) once per scenario, before its warm-up, never between rounds. Both
// a fresh tree per round and a forced full collection make V8 discard the optimized code (it
// holds the tree's closures and maps weakly: `--trace-deopt` says "weak objects"), and the round
// would then measure re-optimization instead of the kernel.
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  type Child,
  ComponentDefinition,
  definePort,
  EventLoopScheduler,
  hostContext,
  ManualScheduler,
  Runtime,
  type Scheduler,
} from '../src/index.js';

class Data {
  declare private readonly brand: 'Data';
  constructor(readonly value: number) {}
}
class Ack {
  declare private readonly brand: 'Ack';
  constructor(readonly round: number) {}
}
const Stream = definePort('Stream', { requests: [Data], indications: [Ack] });

/** The shape of one round. */
export interface Plan {
  /** Events the producer triggers per round; every consumer receives all of them. */
  readonly events: number;
  readonly batch: number;
  readonly window: number;
  readonly consumers: number;
}

/** The current round, shared by a system's parts; collects results so no work is optimized away. */
class Round {
  id = 0;
  done = 0;
  checksum = 0;
  onAllDone: () => void = () => {};

  constructor(readonly plan: Plan) {}

  next(): void {
    this.id++;
    this.done = 0;
    this.checksum = 0;
  }

  finish(sum: number): void {
    this.checksum += sum;
    if (++this.done === this.plan.consumers) this.onAllDone();
  }

  check(): void {
    const { events, consumers } = this.plan;
    const expected = ((events * (events - 1)) / 2) * consumers;
    if (this.done !== consumers || this.checksum !== expected) {
      throw new Error(
        `round ${this.id} lost events: ${this.done}/${consumers} consumers done, checksum ${this.checksum} ≠ ${expected}`,
      );
    }
  }
}

// ---- the kernel system -------------------------------------------------------------------------

class Producer extends ComponentDefinition {
  readonly out = this.requires(Stream);
  #sent = 0;
  #acks = 0;
  constructor(readonly round: Round) {
    super();
    this.subscribe(this.out, Ack, (ack) => {
      // Acknowledgements of a finished round may still be on their way; they carry its id.
      if (ack.round === round.id && ++this.#acks % round.plan.consumers === 0) this.#sendBatch();
    });
  }

  /** Starts a round, as an I/O callback would: from outside any handler. */
  startRound(): void {
    this.#sent = 0;
    this.#acks = 0;
    for (let i = 0; i < this.round.plan.window; i++) this.#sendBatch();
  }

  #sendBatch(): void {
    const end = Math.min(this.#sent + this.round.plan.batch, this.round.plan.events);
    for (let i = this.#sent; i < end; i++) this.trigger(new Data(i), this.out);
    this.#sent = end;
  }
}

class Consumer extends ComponentDefinition {
  readonly in = this.provides(Stream);
  #count = 0;
  #sum = 0;
  constructor(round: Round) {
    super();
    const { batch, events } = round.plan;
    this.subscribe(this.in, Data, (data) => {
      this.#sum += data.value;
      if (++this.#count % batch === 0) this.trigger(new Ack(round.id), this.in);
      if (this.#count === events) {
        round.finish(this.#sum);
        this.#count = 0;
        this.#sum = 0;
      }
    });
  }
}

/** A composite that provides Stream by delegating it to its child: a relay `depth` levels deep. */
class Relay extends ComponentDefinition {
  readonly in = this.provides(Stream);
  constructor(depth: number, round: Round) {
    super();
    const child = depth > 1 ? this.create(Relay, depth - 1, round) : this.create(Consumer, round);
    this.connect(child.provided(Stream), this.in);
  }
}

export type Shape = 'direct' | 'nested';
const NESTING = 4;

class Bench extends ComponentDefinition {
  readonly producer: Child<Producer>;
  constructor(shape: Shape, round: Round) {
    super();
    this.producer = this.create(Producer, round);
    if (shape === 'nested') {
      const relay = this.create(Relay, NESTING, round);
      this.connect(relay.provided(Stream), this.producer.required(Stream));
    } else {
      for (let i = 0; i < round.plan.consumers; i++) {
        const consumer = this.create(Consumer, round);
        this.connect(consumer.provided(Stream), this.producer.required(Stream));
      }
    }
  }
}

/** Wall-clock and CPU seconds of one round. */
export interface Timing {
  readonly wall: number;
  readonly cpu: number;
}

/** Starts timing; the returned function stops it. CPU time is the process's, user plus system. */
function stopwatch(): () => Timing {
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  return () => {
    const wall = (performance.now() - wall0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    return { wall, cpu: (cpu.user + cpu.system) / 1e6 };
  };
}

/** A started kernel system; each call of the returned function times one round. */
export async function kernelSystem(
  shape: Shape,
  plan: Plan,
  kind: 'manual' | 'event-loop',
): Promise<() => Promise<Timing>> {
  const round = new Round(plan);
  const scheduler: Scheduler = kind === 'manual' ? new ManualScheduler() : new EventLoopScheduler();
  let started = (): void => {};
  const runtime = new Runtime({
    scheduler,
    // A fixed seed: the bench reads no host entropy.
    context: hostContext(1),
    onLifecycle: () => started(),
  });
  const bench = runtime.bootstrap(Bench, shape, round);
  await new Promise<void>((resolve) => {
    started = resolve;
    runtime.start();
    if (scheduler instanceof ManualScheduler) scheduler.runUntilIdle();
  });
  const producer = bench.producer.definition;

  if (scheduler instanceof ManualScheduler) {
    return async () => {
      round.next();
      const stop = stopwatch();
      producer.startRound();
      scheduler.runUntilIdle(Number.MAX_SAFE_INTEGER);
      const timing = stop();
      round.check();
      return timing;
    };
  }
  return async () => {
    round.next();
    const done = new Promise<void>((resolve) => {
      round.onAllDone = resolve;
    });
    const stop = stopwatch();
    producer.startRound();
    await done;
    const timing = stop();
    round.check();
    return timing;
  };
}

// ---- the plain loop ----------------------------------------------------------------------------

class PlainConsumer {
  count = 0;
  sum = 0;
  constructor(readonly system: PlainSystem) {}

  handle(data: Data): void {
    const { round } = this.system;
    this.sum += data.value;
    if (++this.count % round.plan.batch === 0) this.system.ack();
    if (this.count === round.plan.events) {
      round.finish(this.sum);
      this.count = 0;
      this.sum = 0;
    }
  }
}

/** The same work with a FIFO of (consumer, event) pairs (a ring over two arrays) and direct calls. */
class PlainSystem {
  readonly consumers: PlainConsumer[] = [];
  targets: (PlainConsumer | undefined)[] = new Array(16);
  events: (Data | undefined)[] = new Array(16);
  head = 0;
  size = 0;
  mask = 15;
  sent = 0;
  acks = 0;

  constructor(readonly round: Round) {
    for (let c = 0; c < round.plan.consumers; c++) this.consumers.push(new PlainConsumer(this));
  }

  /** Times one round. */
  run(): Timing {
    this.round.next();
    const stop = stopwatch();
    this.sent = 0;
    this.acks = 0;
    for (let w = 0; w < this.round.plan.window; w++) this.sendBatch();
    while (this.size > 0) {
      const at = this.head;
      const target = this.targets[at] as PlainConsumer;
      const event = this.events[at] as Data;
      this.targets[at] = undefined;
      this.events[at] = undefined;
      this.head = (at + 1) & this.mask;
      this.size--;
      target.handle(event);
    }
    const timing = stop();
    this.round.check();
    return timing;
  }

  sendBatch(): void {
    const end = Math.min(this.sent + this.round.plan.batch, this.round.plan.events);
    for (let i = this.sent; i < end; i++) {
      const data = new Data(i);
      for (let c = 0; c < this.consumers.length; c++) this.push(this.consumers[c] as PlainConsumer, data);
    }
    this.sent = end;
  }

  ack(): void {
    if (++this.acks % this.round.plan.consumers === 0) this.sendBatch();
  }

  push(target: PlainConsumer, event: Data): void {
    if (this.size > this.mask) this.grow();
    const at = (this.head + this.size) & this.mask;
    this.targets[at] = target;
    this.events[at] = event;
    this.size++;
  }

  grow(): void {
    const capacity = (this.mask + 1) * 2;
    const targets: (PlainConsumer | undefined)[] = new Array(capacity);
    const events: (Data | undefined)[] = new Array(capacity);
    for (let i = 0; i < this.size; i++) {
      targets[i] = this.targets[(this.head + i) & this.mask];
      events[i] = this.events[(this.head + i) & this.mask];
    }
    this.targets = targets;
    this.events = events;
    this.head = 0;
    this.mask = capacity - 1;
  }
}

// ---- driver ------------------------------------------------------------------------------------

const BATCH = 1000;
const WINDOW = 2;
const FAN_OUT = 8;

interface Result {
  readonly name: string;
  readonly scheduler: 'manual' | 'event-loop';
  readonly consumers: number;
  /** Handler invocations per round: events × consumers. */
  readonly deliveries: number;
  /** Median deliveries per second (wall clock) over the timed rounds. */
  readonly eventsPerSecond: number;
  /** Median deliveries per CPU second of the process: what one core does, even on a busy machine. */
  readonly eventsPerCpuSecond: number;
  /** Median deliveries per second of the plain loop doing the same work (null with --kernel-only). */
  readonly plainEventsPerSecond: number | null;
  readonly plainEventsPerCpuSecond: number | null;
  /** eventsPerSecond / plainEventsPerSecond. */
  readonly ratioToPlain: number | null;
  /** Deliveries per second of every timed kernel round, in order. */
  readonly samples: readonly number[];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** A full collection, so that no scenario pays for another's garbage. */
function collect(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function positiveInteger(flag: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) {
    process.stderr.write(`--${flag} must be a positive integer, got ${JSON.stringify(raw)}\n`);
    process.exit(2);
  }
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      events: { type: 'string' },
      rounds: { type: 'string' },
      warmup: { type: 'string' },
      only: { type: 'string' },
      'kernel-only': { type: 'boolean', default: false },
    },
    allowPositionals: true,
  });
  const events = positiveInteger('events', values.events, 2_000_000);
  const rounds = positiveInteger('rounds', values.rounds, 7);
  const warmup = positiveInteger('warmup', values.warmup, 3);
  const kernelOnly = values['kernel-only'] === true;
  const perConsumer = (n: number): number => Math.max(BATCH, Math.round(n / BATCH) * BATCH);

  const scenarios: {
    name: string;
    scheduler: 'manual' | 'event-loop';
    shape: Shape;
    consumers: number;
  }[] = [
    { name: '1→1', scheduler: 'manual', shape: 'direct', consumers: 1 },
    { name: `fan-out 1→${FAN_OUT}`, scheduler: 'manual', shape: 'direct', consumers: FAN_OUT },
    { name: `nested ${NESTING} levels`, scheduler: 'manual', shape: 'nested', consumers: 1 },
    { name: '1→1', scheduler: 'event-loop', shape: 'direct', consumers: 1 },
  ];

  const results: Result[] = [];
  for (const s of scenarios) {
    if (values.only !== undefined && !`${s.name} ${s.scheduler}`.includes(values.only)) continue;
    const plan: Plan = {
      events: perConsumer(events / s.consumers),
      batch: BATCH,
      window: WINDOW,
      consumers: s.consumers,
    };
    const deliveries = plan.events * plan.consumers;
    collect();
    const kernelRound = await kernelSystem(s.shape, plan, s.scheduler);
    const plain = new PlainSystem(new Round(plan));
    const kernel: Timing[] = [];
    const direct: Timing[] = [];
    // Alternating kernel and plain rounds lets both see the same machine conditions.
    for (let i = 0; i < warmup + rounds; i++) {
      const k = await kernelRound();
      const d = kernelOnly ? undefined : plain.run();
      if (i >= warmup) {
        kernel.push(k);
        if (d !== undefined) direct.push(d);
      }
    }
    const rate = (timings: readonly Timing[], which: keyof Timing): number =>
      median(timings.map((t) => deliveries / t[which]));
    const eventsPerSecond = rate(kernel, 'wall');
    const plainEventsPerSecond = kernelOnly ? null : rate(direct, 'wall');
    results.push({
      name: s.name,
      scheduler: s.scheduler,
      consumers: s.consumers,
      deliveries,
      eventsPerSecond,
      eventsPerCpuSecond: rate(kernel, 'cpu'),
      plainEventsPerSecond,
      plainEventsPerCpuSecond: kernelOnly ? null : rate(direct, 'cpu'),
      ratioToPlain: plainEventsPerSecond === null ? null : eventsPerSecond / plainEventsPerSecond,
      samples: kernel.map((t) => deliveries / t.wall),
    });
  }

  const oneToOne = results.find((r) => r.name === '1→1' && r.scheduler === 'manual');
  const goals = {
    oneToOneEventsPerSecond: 10_000_000,
    ratioToPlain: 0.2,
    met:
      oneToOne === undefined || oneToOne.ratioToPlain === null
        ? null
        : oneToOne.eventsPerSecond >= 10_000_000 && oneToOne.ratioToPlain >= 0.2,
  };
  const machine = {
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
  };
  const settings = { events, batch: BATCH, window: WINDOW, rounds, warmup };

  if (values.json === true) {
    process.stdout.write(`${JSON.stringify({ machine, settings, results, goals }, null, 2)}\n`);
    return;
  }
  console.log(
    `kernel bench: node ${machine.node}, ${machine.cpus} cpus (${machine.cpuModel}); ` +
      `median of ${rounds} rounds after ${warmup} warm-up; batch ${BATCH}, window ${WINDOW}`,
  );
  const header = [
    'scenario',
    'scheduler',
    'deliveries/round',
    'events/s',
    'events/cpu-s',
    'plain loop/s',
    'ratio',
  ];
  const rows = results.map((r) => [
    r.name,
    r.scheduler,
    String(r.deliveries),
    formatRate(r.eventsPerSecond),
    formatRate(r.eventsPerCpuSecond),
    r.plainEventsPerSecond === null ? '-' : formatRate(r.plainEventsPerSecond),
    r.ratioToPlain === null ? '-' : r.ratioToPlain.toFixed(3),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)));
  for (const row of [header, ...rows]) {
    console.log(row.map((cell, i) => cell.padEnd(widths[i] as number)).join('  '));
  }
  const verdict = goals.met === null ? 'not measured' : goals.met ? 'met' : 'NOT met';
  console.log(`goal (1→1, manual): at least 10 M events/s and 0.2 of the plain loop: ${verdict}`);
}

function formatRate(perSecond: number): string {
  return `${(perSecond / 1e6).toFixed(2)} M`;
}

// Run as a program; other scripts (A/B comparisons of kernel builds) may import kernelSystem.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();

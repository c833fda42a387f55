/**
 * CATS data layer figures in the deterministic simulator (virtual time; one-way latency uniform
 * 1–10 ms; r = 3; the oracle ring and router of the tests, so the figures are the data layer's
 * own; the in-memory store):
 *
 * - messages per completed operation (ABD requests sent and replies received by the
 *   coordinator), for reads answered in one phase, reads that wrote back, and writes;
 * - completed operations per simulated second with closed-loop clients (each issues its next
 *   operation as soon as the last one returns), 2 clients per node up to 200 clients;
 *
 * at 10, 100 and 1,000 nodes (1,000 nodes run a quarter of the simulated time), for the consistent mode and, as the baseline of the same run, the
 * `eventual` mode (plain majorities, no views). Half gets, half puts, on 1,000 keys, 10% of the
 * operations on 4 hot keys (where reads meet concurrent writes and must write back).
 *
 *   pnpm --filter @cats/core bench [--json] [--sizes 10,100,1000] [--seconds 4]
 */
import { Dht, DhtFailure, Get, GetResponse, Put, PutResponse } from '@kompics/dht';
import { Address, CodecRegistry } from '@kompics/network';
import { RingNode, ringHash } from '@kompics/ring';
import { type ClientProbe, Simulation, uniform } from '@kompics/simulator';
import { type CatsStats, type ConsistencyMode, emptyStats, registerCatsCodecs } from '../src/index.js';
import { CatsNode } from '../test/cats-node.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const arg = (name: string) => {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args[i + 1];
};
const sizes = (arg('--sizes') ?? '10,100,1000').split(',').map(Number);
const seconds = Number(arg('--seconds') ?? 4);
if (sizes.some((n) => !Number.isInteger(n) || n < 3) || !(seconds > 0))
  throw new RangeError('usage: bench [--json] [--sizes 10,100,1000] [--seconds 4]');

interface Row {
  readonly nodes: number;
  readonly mode: ConsistencyMode;
  readonly clients: number;
  readonly simulatedSeconds: number;
  readonly completed: number;
  readonly failed: number;
  readonly opsPerSimSecond: number;
  readonly messagesPerOp: number;
  readonly fastReadMessages: number;
  readonly writeBackReadMessages: number;
  readonly writeMessages: number;
  readonly fastReadShare: number;
  /** Every message the data layer sent (ABD, Paxos, view gossip, transfer) per completed operation. */
  readonly allMessagesPerOp: number;
  readonly wallMs: number;
}

function run(n: number, mode: ConsistencyMode): Row {
  const started = performance.now();
  const sim = new Simulation({
    seed: 7,
    codecs: registerCatsCodecs(new CodecRegistry()),
    trace: 'off',
    network: { latency: uniform(1, 10) },
  });
  const nodes = Array.from({ length: n }, (_, i) => {
    const a = new Address(`10.${Math.floor(i / 250)}.${i % 250}.1`, 7000);
    return new RingNode(ringHash(a.key), a);
  });
  const sorted = [...nodes].sort((a, b) => a.id - b.id);
  const truth = () => sorted;
  const slices = Math.max(16, n);
  for (const [i, self] of nodes.entries())
    sim.startNode({
      name: `n${i}`,
      address: self.address,
      definition: CatsNode,
      args: [{ cats: { self, mode, genesis: nodes, slices }, truth }],
    });
  const random = sim.random('bench');
  const clients = Math.min(2 * n, 200);
  const warmup = 500;
  const span = n >= 1000 ? seconds / 4 : seconds;
  const end = warmup + span * 1000;
  let completed = 0;
  let failed = 0;
  let counter = 0;
  // One probe per node (a node's Dht port has one); answers go to their client by request id.
  const probes = new Map<number, ClientProbe>();
  const owner = new Map<string, number>();
  const issue = (c: number) => {
    if (sim.now >= end) return;
    const probe = probes.get(c % n) as ClientProbe;
    const key = random.nextFloat() < 0.1 ? `hot-${random.nextInt(4)}` : `key-${random.nextInt(1000)}`;
    const id = `r${++counter}`;
    owner.set(id, c);
    probe.request(random.nextFloat() < 0.5 ? new Get(id, key) : new Put(id, key, `v${counter}`));
  };
  for (let i = 0; i < Math.min(n, clients); i++) {
    const probe = sim.client(`n${i}`, Dht);
    probes.set(i, probe);
    probe.onIndication((e) => {
      if (!(e instanceof GetResponse || e instanceof PutResponse || e instanceof DhtFailure)) return;
      const c = owner.get(e.requestId);
      if (c === undefined) return;
      owner.delete(e.requestId);
      if (sim.now >= warmup) {
        if (e instanceof DhtFailure) failed++;
        else completed++;
      }
      issue(c);
    });
  }
  for (let c = 0; c < clients; c++) sim.at(warmup - 100 + random.nextInt(100), () => issue(c));
  // Count only what the measured window did: reset the counters at its start.
  let base = emptyStats();
  const total = () => {
    const s = emptyStats();
    for (const node of sim.nodes) {
      const st = (node.definition as CatsNode).layer.definition.stats;
      for (const k of Object.keys(st) as (keyof CatsStats)[]) s[k] += st[k];
    }
    return s;
  };
  sim.at(warmup, () => {
    base = total();
  });
  const measured = emptyStats();
  sim.at(end, () => {
    const now = total();
    for (const k of Object.keys(now) as (keyof CatsStats)[]) measured[k] = now[k] - base[k];
  });
  sim.run({ until: end + 1 });
  const m = measured;
  const per = (messages: number, count: number) => (count === 0 ? 0 : messages / count);
  const ops = m.fastReads + m.writeBackReads + m.writes;
  return {
    nodes: n,
    mode,
    clients,
    simulatedSeconds: span,
    completed,
    failed,
    opsPerSimSecond: completed / span,
    messagesPerOp: per(m.fastReadMessages + m.writeBackReadMessages + m.writeMessages, ops),
    fastReadMessages: per(m.fastReadMessages, m.fastReads),
    writeBackReadMessages: per(m.writeBackReadMessages, m.writeBackReads),
    writeMessages: per(m.writeMessages, m.writes),
    fastReadShare: per(m.fastReads, m.fastReads + m.writeBackReads),
    allMessagesPerOp: per(m.abdMessages + m.paxosMessages + m.viewMessages + m.syncMessages, completed),
    wallMs: performance.now() - started,
  };
}

const rows: Row[] = [];
for (const n of sizes) {
  for (const mode of ['consistent', 'eventual'] as const) {
    const row = run(n, mode);
    rows.push(row);
    if (!json)
      process.stderr.write(
        `  ${n} nodes, ${mode}: ${row.opsPerSimSecond.toFixed(0)} ops/sim s, ${row.messagesPerOp.toFixed(2)} msg/op (${(row.wallMs / 1000).toFixed(1)} s wall)\n`,
      );
  }
}

const ratio = (n: number) => {
  const c = rows.find((r) => r.nodes === n && r.mode === 'consistent') as Row;
  const e = rows.find((r) => r.nodes === n && r.mode === 'eventual') as Row;
  return {
    messages: c.messagesPerOp / e.messagesPerOp,
    all: c.allMessagesPerOp / e.allMessagesPerOp,
    throughput: c.opsPerSimSecond / e.opsPerSimSecond,
  };
};

if (json) {
  process.stdout.write(
    `${JSON.stringify({ node: process.version, rows, ratios: sizes.map((n) => ({ nodes: n, ...ratio(n) })) }, null, 2)}\n`,
  );
} else {
  const f = (x: number, d = 2) => x.toFixed(d);
  const lines = [
    `@cats/core: virtual-time figures, Node ${process.version}, ${seconds} simulated s per run (${seconds / 4} at 1,000 nodes)`,
    '',
    '| nodes | mode | clients | sim s | ops / sim s | msg / op | one-phase read | read + write-back | write | reads without write-back | all msg / op | wall s |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.nodes} | ${r.mode} | ${r.clients} | ${r.simulatedSeconds} | ${f(r.opsPerSimSecond, 0)} | ${f(r.messagesPerOp)} | ${f(r.fastReadMessages)} | ${f(r.writeBackReadMessages)} | ${f(r.writeMessages)} | ${f(100 * r.fastReadShare, 0)}% | ${f(r.allMessagesPerOp)} | ${f(r.wallMs / 1000, 1)} |`,
    ),
    '',
    'consistent / eventual (same run):',
    ...sizes.map((n) => {
      const x = ratio(n);
      return `  ${n} nodes: ${f(x.messages)}x ABD messages per operation, ${f(x.all)}x all messages per operation, ${f(x.throughput)}x operations per simulated second`;
    }),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

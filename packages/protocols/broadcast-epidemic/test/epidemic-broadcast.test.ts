import { Broadcast, BroadcastPort, Deliver } from '@kompics/broadcast';
import { Address, CodecError, CodecRegistry } from '@kompics/network';
import { type ClientProbe, forEachSeed, Simulation, uniform } from '@kompics/simulator';
import { describe, expect, it } from 'vitest';
import { EPIDEMIC_GOSSIP_TYPE, registerEpidemicBroadcastCodecs, SeenSet } from '../src/index.js';
import { BroadcastNode, broadcastCodecs, Note, notePayloads } from './broadcast-node.js';

const addr = (i: number) => new Address(`10.2.${i >> 8}.${i & 255}`, 6000);

interface Run {
  /** Per broadcast: fraction of nodes live at the end that delivered it. */
  coverage: number[];
  /** Per broadcast: ms from the broadcast to the last delivery. */
  latency: number[];
  /** Per broadcast: the largest hop count of a delivery. */
  hops: number[];
  /** Gossip messages sent per node per broadcast. */
  messagesPerNode: number;
}

/** `n` nodes, Cyclon warmed up for 20 s, then `count` broadcasts from random nodes 500 ms apart. */
function run(
  seed: number,
  n: number,
  count: number,
  opts: { loss: number; codec: boolean; fanout?: number },
): Run {
  const sim = new Simulation({
    seed,
    codecs: broadcastCodecs(),
    codec: opts.codec,
    network: { latency: uniform(5, 50), loss: opts.loss },
    trace: 'off',
  });
  const random = sim.random('test');
  const clients = new Map<string, ClientProbe>();
  for (let i = 0; i < n; i++) {
    const known = i === 0 ? [] : Array.from({ length: Math.min(3, i) }, () => addr(1 + random.nextInt(i)));
    sim.at(i * 10, () => {
      const name = `n${i + 1}`;
      sim.startNode({
        name,
        address: addr(i + 1),
        definition: BroadcastNode,
        args: [addr(i + 1), known, opts.fanout === undefined ? {} : { fanout: opts.fanout }],
      });
      clients.set(name, sim.client(name, BroadcastPort));
    });
  }
  const sentAt = new Map<string, number>();
  for (let b = 0; b < count; b++) {
    sim.at(20_000 + b * 500, () => {
      const origin = `n${1 + random.nextInt(n)}`;
      sentAt.set(`b${b}`, sim.now);
      clients.get(origin)?.request(new Broadcast(new Note(`b${b}`)));
    });
  }
  // Record each delivery's time and hops, per broadcast.
  const delivered = new Map<string, { t: number; hops: number }[]>();
  sim.at(19_999, () => {
    for (const client of clients.values()) {
      client.onIndication((e) => {
        if (!(e instanceof Deliver) || !(e.payload instanceof Note)) return;
        const list = delivered.get(e.payload.text) ?? [];
        list.push({ t: sim.now, hops: e.hops });
        delivered.set(e.payload.text, list);
      });
    }
  });
  const before = () => {
    let sent = 0;
    for (const name of sim.alive())
      sent += sim.node<BroadcastNode>(name).definition.epidemic.definition.stats.sent;
    return sent;
  };
  sim.run({ until: 20_000 + count * 500 + 5_000 });
  const result: Run = { coverage: [], latency: [], hops: [], messagesPerNode: before() / n / count };
  for (const [id, at] of sentAt) {
    const list = delivered.get(id) ?? [];
    result.coverage.push(list.length / n);
    result.latency.push(Math.max(...list.map((d) => d.t)) - at);
    result.hops.push(Math.max(...list.map((d) => d.hops)));
  }
  return result;
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const quantile = (xs: readonly number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] as number;

describe('epidemic broadcast, in simulation', () => {
  it('reaches every node w.h.p. with 5% message loss (200 nodes, fanout 10, many seeds)', () => {
    const all: Run[] = [];
    forEachSeed(
      'reaches every node w.h.p.',
      [1, 2, 3, 4, 5, 6],
      (seed) => {
        const r = run(seed, 200, 20, { loss: 0.05, codec: false });
        all.push(r);
        // Every broadcast reaches nearly everyone; most reach everyone.
        for (const c of r.coverage) expect(c).toBeGreaterThanOrEqual(0.99);
        expect(r.coverage.filter((c) => c === 1).length).toBeGreaterThanOrEqual(r.coverage.length * 0.85);
      },
      '@kompics/broadcast-epidemic',
    );
    const coverage = all.flatMap((r) => r.coverage);
    const latency = all.flatMap((r) => r.latency);
    const hops = all.flatMap((r) => r.hops);
    const full = coverage.filter((c) => c === 1).length / coverage.length;
    console.log(
      `epidemic broadcast, 200 nodes, fanout 10, loss 5%, latency uniform(5,50) ms, ${coverage.length} broadcasts: ` +
        `coverage mean ${(mean(coverage) * 100).toFixed(3)}% min ${(Math.min(...coverage) * 100).toFixed(1)}%, ` +
        `fully covered ${(full * 100).toFixed(1)}%; latency to last delivery mean ${mean(latency).toFixed(0)} ms ` +
        `p95 ${quantile(latency, 0.95).toFixed(0)} ms; max hops mean ${mean(hops).toFixed(1)}; ` +
        `messages per node per broadcast ${mean(all.map((r) => r.messagesPerNode)).toFixed(2)}`,
    );
  });

  it('delivers each broadcast once per node, through the wire codec', () => {
    forEachSeed(
      'delivers each broadcast once per node',
      [11, 12, 13],
      (seed) => {
        const r = run(seed, 40, 5, { loss: 0, codec: true });
        // No loss and 40 nodes: everyone delivers (Deliver counted once per node by the seen set).
        expect(r.coverage).toEqual([1, 1, 1, 1, 1]);
      },
      '@kompics/broadcast-epidemic',
    );
  });

  it('a larger fanout buys coverage with messages', () => {
    const rows = [4, 6, 8, 10].map((fanout) => {
      const r = run(21, 200, 20, { loss: 0.05, codec: false, fanout });
      return { fanout, coverage: mean(r.coverage), messages: r.messagesPerNode };
    });
    console.log(
      `fanout sweep (200 nodes, loss 5%, seed 21): ${rows
        .map(
          (r) =>
            `fanout ${r.fanout}: coverage ${(r.coverage * 100).toFixed(2)}%, ${r.messages.toFixed(2)} msgs/node`,
        )
        .join('; ')}`,
    );
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i]?.messages).toBeGreaterThan(rows[i - 1]?.messages as number);
    }
    expect(rows.at(-1)?.coverage).toBeGreaterThanOrEqual(0.99);
  });
});

describe('epidemic broadcast wire format', () => {
  const registry = registerEpidemicBroadcastCodecs(new CodecRegistry(), notePayloads());
  const codec = registry.codecById(EPIDEMIC_GOSSIP_TYPE);
  const decode = (body: unknown) => codec?.decode(body, addr(1), addr(2));

  it('round-trips a gossip message', () => {
    const decoded = decode(['10.0.0.9', 7, 'x.n1-3', 2, [169, 'hello']]);
    expect(decoded).toMatchObject({ origin: new Address('10.0.0.9', 7), id: 'x.n1-3', hops: 2 });
    expect((decoded as unknown as { payload: Note }).payload).toBeInstanceOf(Note);
  });

  it.each([
    ['not an array', { x: 1 }],
    ['a short body', ['h', 1, 'id', 0]],
    ['a bad origin port', ['h', 70000, 'id', 0, [169, 'x']]],
    ['an empty id', ['h', 1, '', 0, [169, 'x']]],
    ['a negative hop count', ['h', 1, 'id', -1, [169, 'x']]],
    ['an unknown payload type', ['h', 1, 'id', 0, [999, 'x']]],
    ['a malformed payload', ['h', 1, 'id', 0, [169, 42]]],
    ['a payload that is not [type, body]', ['h', 1, 'id', 0, 'x']],
  ])('rejects %s with a CodecError', (_what, body) => {
    expect(() => decode(body)).toThrow(CodecError);
  });
});

describe('SeenSet', () => {
  it('drops duplicates and forgets ids after the retention time', () => {
    const seen = new SeenSet(100);
    expect(seen.add('a', 0)).toBe(true);
    expect(seen.add('a', 50)).toBe(false);
    expect(seen.add('b', 60)).toBe(true);
    expect(seen.add('a', 150)).toBe(true);
    expect(seen.has('b')).toBe(true);
    seen.forget(161);
    expect(seen.has('b')).toBe(false);
  });

  it('refuses bad options with a clear error', () => {
    const sim = new Simulation({ seed: 1, codecs: broadcastCodecs(), trace: 'off' });
    expect(() =>
      sim.startNode({
        name: 'bad',
        address: addr(1),
        definition: BroadcastNode,
        args: [addr(1), [], { fanout: 0 }],
      }),
    ).toThrow(/fanout must be a positive integer/);
  });
});

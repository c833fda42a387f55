import { describe, expect, it } from 'vitest';
import { checkDeterminism, describeDeterminism, Simulation, type TraceMode, uniform } from '../src/index.js';
import { addr, codecs, type Flavour, Pinger } from './fixtures.js';

function pingSystem(
  seed: number,
  options: { flavour?: Flavour; trace?: TraceMode; codec?: boolean } = {},
): Simulation {
  const sim = new Simulation({
    seed,
    codecs: codecs(),
    codec: options.codec ?? true,
    trace: options.trace ?? 'lines',
    network: { latency: uniform(5, 50), loss: 0.05 },
  });
  const addresses = Array.from({ length: 8 }, (_, i) => addr(i + 1));
  addresses.forEach((self, i) => {
    const peers = addresses.filter((a) => a !== self);
    sim.startNode({
      name: `n${i + 1}`,
      address: self,
      definition: Pinger,
      args: [self, peers, 100, options.flavour ?? 'honest'],
    });
  });
  sim.run({ until: 3_000 });
  return sim;
}

describe('determinism', () => {
  it('gives the same trace hash for the same seed', () => {
    const a = pingSystem(1234);
    const b = pingSystem(1234);
    expect(a.trace?.count).toBeGreaterThan(1000);
    expect(a.trace?.digest()).toBe(b.trace?.digest());
    expect(a.stats.toJSON()).toEqual(b.stats.toJSON());
  });

  it('gives different hashes for different seeds', () => {
    const hashes = new Set([1, 2, 3, 4].map((seed) => pingSystem(seed, { trace: 'hash' }).trace?.digest()));
    expect(hashes.size).toBe(4);
  });

  it('is deterministic with the codec off too, and the codec changes nothing but sizes', () => {
    const off1 = pingSystem(7, { codec: false });
    const off2 = pingSystem(7, { codec: false });
    expect(off1.trace?.digest()).toBe(off2.trace?.digest());
    const on = pingSystem(7, { codec: true });
    expect(on.trace?.count).toBe(off1.trace?.count);
    const strip = (line: string) => line.replace(/,"size":\d+,"fp":"[0-9a-f]+"/, '');
    expect(on.trace?.lines.map(strip)).toEqual(off1.trace?.lines);
    expect(on.trace?.lines.some((l) => /"size":\d+/.test(l))).toBe(true);
  });

  it('the check passes an honest system', () => {
    const report = checkDeterminism(99, (seed) => pingSystem(seed));
    expect(report.deterministic, describeDeterminism(report)).toBe(true);
  });

  it('the check catches Math.random() behind the kernel’s back and names the first differing event', () => {
    const report = checkDeterminism(99, (seed) => pingSystem(seed, { flavour: 'math-random' }));
    expect(report.deterministic).toBe(false);
    expect(report.divergence).toBeDefined();
    const text = describeDeterminism(report);
    expect(text).toMatch(/runs differ at event #\d+/);
    expect(report.divergence?.first).not.toBe(report.divergence?.second);
  });

  it('the check catches Date.now() behind the kernel’s back (through the wire bytes)', () => {
    const report = checkDeterminism(99, (seed) => pingSystem(seed, { flavour: 'date-now' }));
    expect(report.deterministic).toBe(false);
    // The first difference is a delivered Ping whose wire bytes differ.
    expect(report.divergence?.first).toMatch(/"event":"Ping"/);
  });
});

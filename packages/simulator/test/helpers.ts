import type { Address } from '@kompics/network';
import { type NetworkModelOptions, Simulation } from '../src/index.js';
import { addr, codecs, Ping, Pinger } from './fixtures.js';

/** A delivered ping, as seen at its destination node. */
export interface Arrival {
  readonly t: number;
  readonly from: string;
  readonly to: string;
  readonly seq: number;
  readonly sentAt: number;
}

/** `n` pingers (n1…), each pinging a random other one every `period` ms; arrivals are recorded. */
export function pingers(
  n: number,
  options: {
    seed?: number;
    period?: number;
    network?: NetworkModelOptions;
    peers?: (self: Address, all: Address[]) => Address[];
    codec?: boolean;
  } = {},
): { sim: Simulation; arrivals: Arrival[]; addresses: Address[] } {
  const sim = new Simulation({
    seed: options.seed ?? 42,
    codecs: codecs(),
    codec: options.codec ?? false,
    trace: 'off',
    network: options.network ?? {},
  });
  const addresses = Array.from({ length: n }, (_, i) => addr(i + 1));
  const arrivals: Arrival[] = [];
  sim.observe((delivery, t) => {
    const event = delivery.event;
    if (event instanceof Ping && delivery.component !== '/sim/network') {
      arrivals.push({
        t,
        from: event.source.key,
        to: event.destination.key,
        seq: event.seq,
        sentAt: event.sentAt,
      });
    }
  });
  for (const [i, self] of addresses.entries()) {
    const peers = options.peers?.(self, addresses) ?? addresses.filter((a) => a !== self);
    sim.startNode({
      name: `n${i + 1}`,
      address: self,
      definition: Pinger,
      args: [self, peers, options.period ?? 1],
    });
  }
  return { sim, arrivals, addresses };
}

export function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

export function stdDev(xs: readonly number[]): number {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
}

export function quantile(xs: readonly number[], q: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

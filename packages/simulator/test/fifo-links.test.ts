import { SeededRandom } from '@kompics/kernel';
import { describe, expect, it } from 'vitest';
import { FifoLinks } from '../src/fifo-links.js';

/** FifoLinks next to the obvious model (a map of each link's last arrival), checked on every send. */
class Checked {
  readonly fifo = new FifoLinks();
  readonly #last = new Map<string, number>();
  /** Sends whose arrival an earlier copy on the same link held back. */
  constrained = 0;

  send(from: string, to: string, now: number, due: number): void {
    const link = `${from}>${to}`;
    const expected = Math.max(due, this.#last.get(link) ?? Number.NEGATIVE_INFINITY);
    if (expected > due) this.constrained++;
    this.#last.set(link, expected);
    expect(this.fifo.arrival(from, to, now, due)).toBe(expected);
  }

  expectInFlightAt(now: number): void {
    const inFlight = [...this.#last.values()].filter((arrival) => arrival > now).length;
    expect(this.fifo.inFlightLinks(now)).toBe(inFlight);
  }
}

describe('FifoLinks', () => {
  it('gives every copy the arrival a per-link map of last arrivals gives, with fan-out past the rows and many senders', () => {
    const random = new SeededRandom(11);
    const checked = new Checked();
    const keys = Array.from({ length: 150 }, (_, i) => `10.0.${i}.1:7000`);
    let now = 0;
    for (let i = 0; i < 50_000; i++) {
      now += random.nextFloat() * 0.2;
      // A few senders fan out to many peers at once, so that their rows fill up and spill over.
      const from = keys[i % 7 === 0 ? random.nextInt(3) : random.nextInt(keys.length)] as string;
      const to = keys[random.nextInt(keys.length)] as string;
      checked.send(from, to, now, now + random.nextFloat() * 50);
    }
    expect(checked.constrained).toBeGreaterThan(100);
    checked.expectInFlightAt(now);
  });

  it('a broadcasting sender keeps FIFO on every link, its links past the row swept as they expire', () => {
    const random = new SeededRandom(5);
    const checked = new Checked();
    const peers = Array.from({ length: 300 }, (_, i) => `10.1.${i}.1:7000`);
    let now = 0;
    for (let round = 0; round < 200; round++) {
      now += 10;
      for (const to of peers) {
        checked.send('root', to, now, now + (random.nextInt(4) === 0 ? 80 : 5 + random.nextFloat() * 20));
      }
    }
    expect(checked.constrained).toBeGreaterThan(1_000);
    checked.expectInFlightAt(now);
  });

  it('forgets links whose copies have arrived: a later copy is not held back by them', () => {
    const fifo = new FifoLinks();
    expect(fifo.arrival('a', 'b', 0, 40)).toBe(40);
    expect(fifo.arrival('a', 'b', 10, 15)).toBe(40);
    expect(fifo.arrival('a', 'c', 10, 12)).toBe(12);
    expect(fifo.inFlightLinks(10)).toBe(2);
    expect(fifo.arrival('a', 'b', 41, 45)).toBe(45);
    expect(fifo.inFlightLinks(41)).toBe(1);
  });
});

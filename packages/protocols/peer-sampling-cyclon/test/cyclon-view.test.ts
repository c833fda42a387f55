import { SeededRandom } from '@kompics/kernel';
import { Address, CodecRegistry } from '@kompics/network';
import { describe, expect, it } from 'vitest';
import { CyclonView, MAX_SHUFFLE_ENTRIES, registerCyclonCodecs, SHUFFLE_REQUEST_TYPE } from '../src/index.js';

const a = (i: number) => new Address('h', 1000 + i);

describe('CyclonView', () => {
  it('never holds itself or a duplicate, and never exceeds its capacity', () => {
    const view = new CyclonView(a(0), 3, new SeededRandom(1));
    expect([
      view.add(a(0), 0),
      view.add(a(1), 0),
      view.add(a(1), 5),
      view.add(a(2), 0),
      view.add(a(3), 0),
    ]).toEqual([false, true, false, true, true]);
    expect(view.add(a(4), 0)).toBe(false);
    expect(view.size).toBe(3);
  });

  it('merges by filling empty slots first, then replacing what was sent', () => {
    const view = new CyclonView(a(0), 4, new SeededRandom(1));
    for (const i of [1, 2, 3]) view.add(a(i), i);
    view.merge(
      [
        { address: a(0), age: 0 }, // itself: ignored
        { address: a(2), age: 0 }, // known: ignored
        { address: a(7), age: 1 }, // fills the empty slot
        { address: a(8), age: 2 }, // replaces a sent entry
        { address: a(9), age: 3 }, // nothing left to replace: dropped
      ],
      [{ address: a(3), age: 3 }],
    );
    expect(view.entries.map((e) => e.address.port).sort()).toEqual([1001, 1002, 1007, 1008]);
  });

  it('picks the oldest entry and random subsets without repeats', () => {
    const view = new CyclonView(a(0), 10, new SeededRandom(3));
    for (let i = 1; i <= 10; i++) view.add(a(i), i % 4);
    view.incrementAges();
    expect(view.oldest()?.age).toBe(4);
    const subset = view.randomSubset(5, a(3));
    expect(new Set(subset.map((e) => e.address.key)).size).toBe(5);
    expect(subset.some((e) => e.address.equals(a(3)))).toBe(false);
  });
});

describe('Cyclon wire format', () => {
  const registry = registerCyclonCodecs(new CodecRegistry());
  const decode = (body: unknown) => registry.codecById(SHUFFLE_REQUEST_TYPE)?.decode(body, a(1), a(2));

  it('round-trips entries', () => {
    const decoded = decode([['h', 1005, 3]]);
    expect(decoded).toMatchObject({ entries: [{ address: a(5), age: 3 }] });
  });

  it.each([
    ['not an array', { x: 1 }],
    ['a short entry', [['h', 1]]],
    ['a negative age', [['h', 1, -1]]],
    ['a bad port', [['h', 70000, 1]]],
    ['too many entries', Array.from({ length: MAX_SHUFFLE_ENTRIES + 1 }, () => ['h', 1, 0])],
  ])('rejects %s', (_what, body) => {
    expect(() => decode(body)).toThrow(/ShuffleRequest/);
  });
});

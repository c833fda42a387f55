import { describe, expect, it } from 'vitest';
import {
  type Child,
  ComponentDefinition,
  Config,
  ConfigError,
  CountingIdSource,
  configKey,
  SeededRandom,
} from '../src/index.js';
import { harness } from './fixtures.js';

const Replicas = configKey('cats.replicas', {
  parse: (raw) => {
    if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1) throw new Error('want an integer >= 1');
    return raw;
  },
  default: 3,
});
const Name = configKey('node.name', {
  parse: (raw) => {
    if (typeof raw !== 'string') throw new Error('want a string');
    return raw;
  },
});

class Reader extends ComponentDefinition {
  readonly replicas = this.config.get(Replicas);
  readonly name = this.config.has(Name) ? this.config.get(Name) : '(none)';
  readonly kids: Child<Reader>[] = [];
  constructor(depth: number, overrideAt: number) {
    super();
    if (depth > 0) {
      const options = depth === overrideAt ? { config: (c: Config) => c.with(Replicas, 5) } : {};
      this.kids.push(this.createWith(options, Reader, depth - 1, overrideAt));
      this.kids.push(this.create(Reader, depth - 1, overrideAt));
    }
  }
}

describe('configuration', () => {
  it('is inherited by children and overridable per child, for that child’s whole subtree', () => {
    const h = harness(Reader, [2, 2], { config: Config.fromRecord({ 'node.name': 'n1' }) });
    const root = h.root;
    const [over, plain] = root.kids.map((k) => k.definition) as [Reader, Reader];
    expect(root.replicas).toBe(3);
    expect(over.replicas).toBe(5);
    expect(over.kids.map((k) => k.definition.replicas)).toEqual([5, 5]);
    expect(plain.replicas).toBe(3);
    expect(plain.kids.map((k) => k.definition.name)).toEqual(['n1', 'n1']);
  });

  it('reports a missing or invalid value with the key’s name', () => {
    expect(() => Config.empty.get(Name)).toThrow(new ConfigError("missing configuration value 'node.name'"));
    expect(() => Config.fromRecord({ 'cats.replicas': 0 }).get(Replicas)).toThrow(
      "invalid configuration value 'cats.replicas': want an integer >= 1",
    );
    expect(() => Config.empty.with(Replicas, -1)).toThrow('want an integer >= 1');
  });

  it('fails the component’s creation when its configuration is wrong', () => {
    expect(() =>
      harness(Reader, [0, 0], { config: Config.fromRecord({ 'cats.replicas': 'three' }) }),
    ).toThrow(ConfigError);
  });
});

describe('context', () => {
  class Roller extends ComponentDefinition {
    roll(n: number): number[] {
      return Array.from({ length: n }, () => this.context.random.nextInt(1000));
    }
    ids(n: number): string[] {
      return Array.from({ length: n }, () => this.context.ids.next());
    }
    now(): number {
      return this.context.clock.now();
    }
  }
  class Parent extends ComponentDefinition {
    readonly inherits = this.create(Roller);
    readonly own = this.createWith(
      {
        context: {
          clock: { now: () => 1234 },
          random: new SeededRandom(99),
          ids: new CountingIdSource('n2-'),
        },
      },
      Roller,
    );
  }

  it('gives the same random sequence for the same seed and a different one for another seed', () => {
    const a = new SeededRandom(1);
    const b = new SeededRandom(1);
    const c = new SeededRandom(2);
    const draw = (r: SeededRandom) => Array.from({ length: 20 }, () => r.nextInt(1_000_000));
    const first = draw(a);
    expect(draw(b)).toEqual(first);
    expect(draw(c)).not.toEqual(first);
    expect(() => a.nextInt(0)).toThrow(RangeError);
  });

  it('is inherited by children unless overridden, as a simulated node overrides clock, random and ids', () => {
    const h = harness(Parent, [], {
      context: { clock: { now: () => 5 }, random: new SeededRandom(99), ids: new CountingIdSource('n1-') },
    });
    const { inherits, own } = h.root;
    expect(inherits.definition.now()).toBe(5);
    expect(own.definition.now()).toBe(1234);
    expect(inherits.definition.ids(2)).toEqual(['n1-1', 'n1-2']);
    expect(own.definition.ids(2)).toEqual(['n2-1', 'n2-2']);
    // Same seed, separate sources: same draws.
    expect(own.definition.roll(5)).toEqual(inherits.definition.roll(5));
  });

  it('never repeats an id', () => {
    const ids = new CountingIdSource('x');
    const seen = new Set(Array.from({ length: 10_000 }, () => ids.next()));
    expect(seen.size).toBe(10_000);
  });
});

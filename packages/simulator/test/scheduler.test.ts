import { ComponentDefinition, definePort, Runtime, Start } from '@kompics/kernel';
import { describe, expect, it } from 'vitest';
import { FutureEventList, SimulationScheduler, type TimelineTarget } from '../src/index.js';

describe('future-event list', () => {
  it('orders by time, then by insertion', () => {
    const fel = new FutureEventList();
    const fired: string[] = [];
    const target: TimelineTarget<string> = { fire: (p) => fired.push(p) };
    const entries: [number, string][] = [
      [5, 'e'],
      [1, 'a'],
      [3, 'c1'],
      [3, 'c2'],
      [0, 'z'],
      [3, 'c3'],
      [2, 'b'],
    ];
    for (const [t, p] of entries) fel.push(t, target, p);
    while (fel.size > 0) fel.popAndFire();
    expect(fired).toEqual(['z', 'a', 'b', 'c1', 'c2', 'c3', 'e']);
  });

  it('stays a heap under random use', () => {
    const fel = new FutureEventList();
    let now = 0;
    let lastSeq = -1;
    let pushed = 0;
    const target: TimelineTarget<{ t: number; seq: number }> = {
      fire: ({ t, seq }) => {
        expect(t).toBeGreaterThanOrEqual(now);
        if (t === now) expect(seq).toBeGreaterThan(lastSeq);
        now = t;
        lastSeq = seq;
      },
    };
    let x = 12345;
    const next = () => {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      return x;
    };
    for (let round = 0; round < 50; round++) {
      for (let i = 0; i < 200; i++) {
        const t = now + (next() % 20);
        fel.push(t, target, { t, seq: pushed++ });
      }
      for (let i = 0; i < 150; i++) {
        const t = fel.peekTime();
        fel.popAndFire();
        expect(now).toBe(t);
      }
    }
  });
});

describe('future-event list against a sorted reference', () => {
  it('fires a fixed-delay event at any time, Infinity included, as push would', () => {
    const fel = new FutureEventList();
    const fired: number[] = [];
    const target: TimelineTarget<number> = { fire: (p) => fired.push(p) };
    fel.pushFixedDelay(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, target, 1);
    expect(fel.size).toBe(1);
    expect(fel.popAndFire()).toBe(true);
    fel.push(Number.POSITIVE_INFINITY, target, 2);
    fel.pushFixedDelay(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, target, 3);
    while (fel.popAndFire()) {}
    expect(fired).toEqual([1, 2, 3]);
  });

  it('fires every event once, with its own target and payload, in (time, insertion) order, heap and lanes alike', () => {
    const fel = new FutureEventList();
    let x = 99;
    const next = () => {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      return x;
    };
    // The reference: pending events as [time, insertion, target index, payload].
    let pending: [number, number, number, number][] = [];
    const fired: [number, number][] = [];
    const targets = [0, 1, 2].map((t) => ({ fire: (payload: number) => fired.push([t, payload]) }));
    let inserted = 0;
    let now = 0;
    for (let round = 0; round < 40; round++) {
      // Bursts far past the initial capacity, then drains that free many slots for reuse.
      const pushes = round % 8 === 3 ? 3000 : next() % 300;
      for (let i = 0; i < pushes; i++) {
        const target = next() % 3;
        const payload = next();
        let time: number;
        if (next() % 2 === 0) {
          time = now + (next() % 50) / (next() % 2 === 0 ? 1 : 4);
          fel.push(time, targets[target] as (typeof targets)[number], payload);
        } else {
          // Fixed delays: more of them than there are lanes, a few times at odds with the delay.
          const delay = 5 * (next() % 24);
          time = next() % 50 === 0 ? now + delay / 2 : now + delay;
          fel.pushFixedDelay(time, delay, targets[target] as (typeof targets)[number], payload);
        }
        pending.push([time, inserted++, target, payload]);
      }
      pending.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      const pops = Math.min(pending.length, next() % 400);
      for (let i = 0; i < pops; i++) {
        const [time, , target, payload] = pending.shift() as [number, number, number, number];
        expect(fel.peekTime()).toBe(time);
        fel.popAndFire();
        expect(fired.pop()).toEqual([target, payload]);
        now = time;
      }
      expect(fel.size).toBe(pending.length);
      if (round === 20) {
        fel.clear();
        pending = [];
        expect(fel.peekTime()).toBe(Number.POSITIVE_INFINITY);
      }
    }
    // Drain: the order holds to the last event.
    pending.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    for (const [time, , target, payload] of pending) {
      expect(fel.peekTime()).toBe(time);
      fel.popAndFire();
      expect(fired.pop()).toEqual([target, payload]);
    }
    expect(fel.size).toBe(0);
    expect(fel.popAndFire()).toBe(false);
  });
});

class Hello {
  constructor(readonly n: number) {}
}
const HelloPort = definePort('Hello', { requests: [Hello], indications: [] });

class Chatter extends ComponentDefinition {
  readonly port = this.provides(HelloPort);
  constructor(readonly log: string[]) {
    super();
    this.subscribe(this.port, Hello, (h) => log.push(`hello ${h.n}`));
  }
}

class Sender extends ComponentDefinition {
  readonly out = this.requires(HelloPort);
  constructor() {
    super();
    this.subscribe(this.control, Start, () => {
      for (let i = 0; i < 3; i++) this.send(i);
    });
  }
  send(n: number): void {
    this.trigger(new Hello(n), this.out);
  }
}

class Host extends ComponentDefinition {
  readonly sender;
  constructor(log: string[]) {
    super();
    const chatter = this.create(Chatter, log);
    this.sender = this.create(Sender);
    this.connect(chatter.provided(HelloPort), this.sender.required(HelloPort));
  }
  send(n: number): void {
    this.sender.definition.send(n);
  }
}

describe('simulation scheduler', () => {
  it('runs every ready component before advancing virtual time', () => {
    const scheduler = new SimulationScheduler();
    const log: string[] = [];
    const runtime = new Runtime({
      scheduler,
      context: { clock: scheduler, random: null as never, ids: null as never },
    });
    const host = runtime.bootstrap(Host, log) as Host;
    runtime.start();
    const at = (t: number, n: number) =>
      scheduler.after(
        t,
        {
          fire: () => {
            log.push(`t=${scheduler.now()}`);
            host.send(n);
          },
        },
        undefined,
      );
    at(10, 10);
    at(5, 5);
    at(10, 11);
    expect(scheduler.runUntil()).toBe(3);
    expect(log).toEqual([
      'hello 0',
      'hello 1',
      'hello 2',
      't=5',
      'hello 5',
      't=10',
      'hello 10',
      't=10',
      'hello 11',
    ]);
    expect(scheduler.now()).toBe(10);
  });

  it('stops at `until` with the clock there', () => {
    const scheduler = new SimulationScheduler();
    const fired: number[] = [];
    for (const t of [1, 2, 30]) scheduler.after(t, { fire: () => fired.push(t) }, undefined);
    expect(scheduler.runUntil(20)).toBe(2);
    expect(scheduler.now()).toBe(20);
    expect(scheduler.pending).toBe(1);
    expect(() => scheduler.after(-1, { fire: () => {} }, undefined)).toThrow(RangeError);
  });
});

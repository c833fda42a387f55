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

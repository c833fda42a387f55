import { describe, expect, it } from 'vitest';
import {
  type Child,
  ComponentDefinition,
  Kill,
  Killed,
  Start,
  Started,
  Stop,
  Stopped,
} from '../src/index.js';
import { harness, Pinger, PingPort, Ponger, started } from './fixtures.js';

/** A node of a tree that logs its lifecycle handlers and its children's lifecycle indications. */
class Node extends ComponentDefinition {
  readonly kids: Child<Node>[] = [];
  constructor(
    readonly name: string,
    depth: number,
    readonly log: string[],
  ) {
    super();
    this.subscribe(this.control, Start, () => log.push(`start:${name}`));
    this.subscribe(this.control, Stop, () => log.push(`stop:${name}`));
    this.subscribe(this.control, Kill, () => log.push(`kill:${name}`));
    if (depth > 0) {
      for (const suffix of ['a', 'b']) {
        const kid = this.createWith({ name: `${name}${suffix}` }, Node, `${name}${suffix}`, depth - 1, log);
        this.subscribe(kid.control, Started, () => log.push(`${name} heard started:${kid.definition.name}`));
        this.subscribe(kid.control, Stopped, () => log.push(`${name} heard stopped:${kid.definition.name}`));
        this.subscribe(kid.control, Killed, () => log.push(`${name} heard killed:${kid.definition.name}`));
        this.kids.push(kid);
      }
    }
  }
}

function tree() {
  const log: string[] = [];
  const rootEvents: string[] = [];
  const h = harness(Node, ['r', 2, log], { onLifecycle: (e) => rootEvents.push(e.constructor.name) });
  return { h, log, rootEvents };
}

/** Index of `entry` in `log`, failing loudly if absent. */
function at(log: string[], entry: string): number {
  const i = log.indexOf(entry);
  if (i < 0) throw new Error(`${entry} not in ${log.join(', ')}`);
  return i;
}

describe('lifecycle', () => {
  it('starts parents before children and reports Started only after every child has', () => {
    const { h, log, rootEvents } = tree();
    h.runtime.start();
    h.run();
    expect(rootEvents).toEqual(['Started']);
    expect(at(log, 'start:r')).toBeLessThan(at(log, 'start:ra'));
    expect(at(log, 'start:ra')).toBeLessThan(at(log, 'start:raa'));
    // ra reports Started only after both its children did, and r only after ra and rb.
    expect(at(log, 'ra heard started:raa')).toBeLessThan(at(log, 'r heard started:ra'));
    expect(at(log, 'ra heard started:rab')).toBeLessThan(at(log, 'r heard started:ra'));
    expect(log.filter((e) => e.startsWith('start:'))).toHaveLength(7);
    expect(h.runtime.state).toBe('active');
  });

  it('delivers Stopped leaf first, then middle, then root, running Stop handlers bottom-up', () => {
    const { h, log, rootEvents } = tree();
    h.runtime.start();
    h.run();
    log.length = 0;
    h.runtime.stop();
    h.run();
    expect(rootEvents).toEqual(['Started', 'Stopped']);
    expect(at(log, 'stop:raa')).toBeLessThan(at(log, 'ra heard stopped:raa'));
    expect(at(log, 'ra heard stopped:raa')).toBeLessThan(at(log, 'stop:ra'));
    expect(at(log, 'ra heard stopped:rab')).toBeLessThan(at(log, 'stop:ra'));
    expect(at(log, 'stop:ra')).toBeLessThan(at(log, 'r heard stopped:ra'));
    expect(at(log, 'r heard stopped:ra')).toBeLessThan(at(log, 'stop:r'));
    expect(at(log, 'r heard stopped:rb')).toBeLessThan(at(log, 'stop:r'));
    expect(h.runtime.state).toBe('passive');
    // A stopped tree starts again.
    h.runtime.start();
    h.run();
    expect(rootEvents).toEqual(['Started', 'Stopped', 'Started']);
  });

  it('kills a three-level tree: stops it bottom-up, then destroys it', () => {
    const { h, log, rootEvents } = tree();
    h.runtime.start();
    h.run();
    const ra = h.root.kids[0] as Child<Node>;
    const raa = ra.definition.kids[0] as Child<Node>;
    log.length = 0;
    h.runtime.kill();
    h.run();
    expect(rootEvents).toEqual(['Started', 'Killed']);
    expect(at(log, 'stop:raa')).toBeLessThan(at(log, 'stop:ra'));
    expect(at(log, 'stop:ra')).toBeLessThan(at(log, 'stop:r'));
    expect(log.indexOf('kill:r')).toBe(0);
    expect([h.runtime.state, ra.state, raa.state]).toEqual(['destroyed', 'destroyed', 'destroyed']);
  });

  it('kills one child on request: it stops, reports Killed, and is removed with its channels', () => {
    class Main extends ComponentDefinition {
      readonly pinger = this.create(Pinger);
      readonly ponger = this.create(Ponger);
      readonly heard: string[] = [];
      constructor() {
        super();
        this.connect(this.ponger.provided(PingPort), this.pinger.required(PingPort));
        this.subscribe(this.ponger.control, Killed, () => this.heard.push('killed'));
      }
      killPonger(): void {
        this.trigger(new Kill(), this.ponger.control);
      }
    }
    const h = started(Main);
    h.root.killPonger();
    h.run();
    expect(h.root.heard).toEqual(['killed']);
    expect(h.root.ponger.state).toBe('destroyed');
    h.root.pinger.definition.send(1);
    h.run();
    expect(h.root.pinger.definition.pongs).toEqual([]);
    expect(h.runtime.state).toBe('active');
  });

  it('holds events for a component that has not started, and delivers them in order once it does', () => {
    class Main extends ComponentDefinition {
      readonly pinger = this.create(Pinger);
      late: Child<Ponger> | undefined;
      addLate(): void {
        this.late = this.create(Ponger);
        this.connect(this.late.provided(PingPort), this.pinger.required(PingPort));
      }
      startLate(): void {
        if (this.late) this.trigger(new Start(), this.late.control);
      }
    }
    const h = started(Main);
    h.root.addLate();
    h.root.pinger.definition.send(1, 2, 3);
    h.run();
    expect(h.root.late?.state).toBe('passive');
    expect(h.root.late?.definition.seen).toEqual([]);
    h.root.startLate();
    h.run();
    expect(h.root.late?.definition.seen).toEqual([1, 2, 3]);
    expect(h.root.pinger.definition.pongs).toEqual([1, 2, 3]);
  });

  it('holds events while stopped and handles them after a restart', () => {
    class Main extends ComponentDefinition {
      readonly pinger = this.create(Pinger);
      readonly ponger = this.create(Ponger);
      constructor() {
        super();
        this.connect(this.ponger.provided(PingPort), this.pinger.required(PingPort));
      }
      lifecycle(event: Start | Stop): void {
        this.trigger(event, this.ponger.control);
      }
    }
    const h = started(Main);
    h.root.lifecycle(new Stop());
    h.run();
    expect(h.root.ponger.state).toBe('passive');
    h.root.pinger.definition.send(7);
    h.run();
    expect(h.root.pinger.definition.pongs).toEqual([]);
    h.root.lifecycle(new Start());
    h.run();
    expect(h.root.pinger.definition.pongs).toEqual([7]);
  });
});

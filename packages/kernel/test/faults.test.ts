import { describe, expect, it } from 'vitest';
import { type Child, ComponentDefinition, type Fault, UnhandledFaultError } from '../src/index.js';
import { Fragile, harnessFaults } from './fault-fixtures.js';
import { type Ping, Pinger, PingPort } from './fixtures.js';

describe('faults', () => {
  it('escalates by default, through every ancestor, to the root policy', () => {
    const h = harnessFaults('escalate');
    h.root.middle.definition.pinger.definition.send(1, 2, 13, 4);
    h.run();
    expect(h.rootFaults).toHaveLength(1);
    const fault = h.rootFaults[0] as Fault;
    expect(fault.source).toBe('/main/Middle/Fragile');
    expect((fault.event as Ping).seq).toBe(13);
    expect(fault.message).toBe('fault in /main/Middle/Fragile: unlucky 13');
    // The faulty child is halted: events after the fault wait.
    expect(h.fragile().handled).toEqual([1, 2]);
    expect(h.fragileState()).toBe('faulty');
  });

  it('resolves: drops the failing event and goes on with the next', () => {
    const h = harnessFaults('resolve');
    h.root.middle.definition.pinger.definition.send(1, 13, 3, 13, 5);
    h.run();
    expect(h.rootFaults).toEqual([]);
    expect(h.fragile().handled).toEqual([1, 3, 5]);
    expect(h.pongs()).toEqual([1, 3, 5]);
    expect(h.root.middle.definition.faults).toEqual(['unlucky 13', 'unlucky 13']);
  });

  it('restarts: a fresh instance with the same arguments, same channels, handling the events held', () => {
    const h = harnessFaults('restart');
    const before = h.fragile();
    h.root.middle.definition.pinger.definition.send(1, 2, 13, 4, 5);
    h.run();
    const after = h.fragile();
    expect(after).not.toBe(before);
    expect(before.handled).toEqual([1, 2]);
    expect(after.handled).toEqual([4, 5]);
    expect(after.label).toBe(before.label);
    expect(h.pongs()).toEqual([1, 2, 4, 5]);
    expect(h.root.middle.definition.fragile.state).toBe('active');
  });

  it('destroys: the child is gone, its events dropped, the parent goes on', () => {
    const h = harnessFaults('destroy');
    h.root.middle.definition.pinger.definition.send(1, 13, 3);
    h.run();
    expect(h.root.middle.definition.fragile.state).toBe('destroyed');
    expect(h.pongs()).toEqual([1]);
    expect(h.runtime.state).toBe('active');
    expect(h.rootFaults).toEqual([]);
  });

  it('lets a per-child policy override the parent’s onFault', () => {
    const h = harnessFaults('escalate', 'resolve');
    h.root.middle.definition.pinger.definition.send(13, 2);
    h.run();
    expect(h.rootFaults).toEqual([]);
    expect(h.pongs()).toEqual([2]);
  });

  it('by default throws the fault out of the scheduler, failing the run (the production root policy)', () => {
    const h = harnessFaults('escalate', undefined, false);
    h.root.middle.definition.pinger.definition.send(13);
    let thrown: unknown;
    try {
      h.run();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UnhandledFaultError);
    expect((thrown as UnhandledFaultError).fault.source).toBe('/main/Middle/Fragile');
    expect(((thrown as Error).cause as Error).message).toBe('unlucky 13');
  });

  it('turns a throwing fault policy into a fault of the parent', () => {
    class Broken extends ComponentDefinition {
      readonly pinger = this.create(Pinger);
      readonly fragile: Child;
      constructor() {
        super();
        this.fragile = this.createWith(
          {
            faultPolicy: () => {
              throw new Error('policy broke');
            },
          },
          Fragile,
          'x',
        );
        this.connect(this.fragile.provided(PingPort), this.pinger.required(PingPort));
      }
    }
    const h = harnessFaults('escalate');
    const b = h.runtimeFor(Broken);
    b.root.pinger.definition.send(13);
    b.run();
    expect(b.rootFaults.map((f) => [f.source, (f.error as Error).message])).toEqual([
      ['/main', 'policy broke'],
    ]);
  });
});

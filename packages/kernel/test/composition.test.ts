import { describe, expect, it } from 'vitest';
import { type Child, ComponentDefinition, Start } from '../src/index.js';
import { Ping, Pinger, PingPort, Ponger, started } from './fixtures.js';

/** Provides PingPort by delegating to a child `depth` levels down, where a Ponger answers. */
class Layer extends ComponentDefinition {
  readonly port = this.provides(PingPort);
  readonly inner: Child;
  constructor(depth: number) {
    super();
    this.inner = depth > 1 ? this.create(Layer, depth - 1) : this.create(Ponger);
    this.connect(this.inner.provided(PingPort), this.port);
  }
}

/** Requires PingPort and shares it with a Pinger child. */
class Wrapper extends ComponentDefinition {
  readonly port = this.requires(PingPort);
  readonly pinger = this.create(Pinger);
  constructor() {
    super();
    this.connect(this.port, this.pinger.required(PingPort));
  }
}

describe('hierarchical composition', () => {
  it('passes requests down and indications up through four levels of delegation on both sides', () => {
    class Main extends ComponentDefinition {
      readonly wrapper = this.create(Wrapper);
      readonly layer = this.create(Layer, 4);
      constructor() {
        super();
        this.connect(this.layer.provided(PingPort), this.wrapper.required(PingPort));
      }
    }
    const h = started(Main);
    const pinger = h.root.wrapper.definition.pinger.definition;
    pinger.send(1, 2, 3);
    h.run();
    expect(pinger.pongs).toEqual([1, 2, 3]);
    let leaf: Child = h.root.layer;
    while (leaf.definition instanceof Layer) leaf = leaf.definition.inner;
    expect(leaf.path).toBe('/main/Layer/Layer/Layer/Layer/Ponger');
    expect((leaf.definition as Ponger).seen).toEqual([1, 2, 3]);
  });

  it('creates, connects, starts, disconnects and destroys children at run time from handlers', () => {
    /** On Ping n: 1 creates and starts a Ponger, 2 routes to it, 3 destroys it. */
    class Manager extends ComponentDefinition {
      readonly commands = this.provides(PingPort);
      readonly pinger = this.create(Pinger);
      worker: Child<Ponger> | undefined;
      constructor() {
        super();
        this.subscribe(this.commands, Ping, (command) => {
          if (command.seq === 1) {
            this.worker = this.create(Ponger);
            this.connect(this.worker.provided(PingPort), this.pinger.required(PingPort));
            this.trigger(new Start(), this.worker.control);
          } else if (command.seq === 3 && this.worker !== undefined) {
            this.destroy(this.worker);
          }
        });
      }
    }
    class Main extends ComponentDefinition {
      readonly boss = this.create(Pinger);
      readonly manager = this.create(Manager);
      constructor() {
        super();
        this.connect(this.manager.provided(PingPort), this.boss.required(PingPort));
      }
    }
    const h = started(Main);
    const manager = h.root.manager.definition;
    const pinger = manager.pinger.definition;
    pinger.send(10); // no worker yet: nobody hears it
    h.root.boss.definition.send(1);
    h.run();
    expect(manager.worker?.state).toBe('active');
    pinger.send(11, 12);
    h.run();
    expect(pinger.pongs).toEqual([11, 12]);
    h.root.boss.definition.send(3);
    h.run();
    expect(manager.worker?.state).toBe('destroyed');
    pinger.send(13);
    h.run();
    expect(pinger.pongs).toEqual([11, 12]);
    expect(manager.worker?.definition.seen).toEqual([11, 12]);
  });

  it('gives siblings distinct paths', () => {
    class Main extends ComponentDefinition {
      readonly a = this.create(Ponger);
      readonly b = this.create(Ponger);
      readonly c = this.createWith({ name: 'custom' }, Ponger);
    }
    const h = started(Main);
    expect([h.root.a.path, h.root.b.path, h.root.c.path]).toEqual([
      '/main/Ponger',
      '/main/Ponger-2',
      '/main/custom',
    ]);
  });
});

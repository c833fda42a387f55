import { describe, expect, it } from 'vitest';
import { ComponentDefinition, definePort, ManualScheduler, Runtime } from '../src/index.js';

class Ping {
  constructor(readonly seq: number) {}
}
class Pong {
  constructor(readonly reply: number) {}
}
const PingPort = definePort('PingPort', { requests: [Ping], indications: [Pong] });

class Ponger extends ComponentDefinition {
  readonly port = this.provides(PingPort);
  constructor() {
    super();
    this.subscribe(this.port, Ping, (p) => this.trigger(new Pong(p.seq), this.port));
  }
}
class Pinger extends ComponentDefinition {
  readonly port = this.requires(PingPort);
  readonly got: number[] = [];
  constructor(n: number) {
    super();
    this.subscribe(this.control, Start, () => {
      for (let i = 0; i < n; i++) this.trigger(new Ping(i), this.port);
    });
    this.subscribe(this.port, Pong, (p) => this.got.push(p.reply));
  }
}
import { Start } from '../src/index.js';
class Main extends ComponentDefinition {
  readonly pinger;
  constructor() {
    super();
    const a = this.create(Pinger, 5);
    const b = this.create(Ponger);
    this.connect(b.provided(PingPort), a.required(PingPort));
    this.pinger = a;
  }
}

describe('smoke', () => {
  it('ping pong', () => {
    const scheduler = new ManualScheduler();
    const rt = new Runtime({ scheduler });
    const main = rt.bootstrap(Main);
    rt.start();
    scheduler.runUntilIdle();
    expect(rt.state).toBe('active');
    expect(main.pinger.definition.got).toEqual([0, 1, 2, 3, 4]);
  });
});

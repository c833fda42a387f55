// The example in README.md, kept here so that it is compiled and run with the tests.
import { expect, it } from 'vitest';
import {
  ComponentDefinition,
  definePort,
  type Fault,
  ManualScheduler,
  Runtime,
  Start,
} from '../src/index.js';

class Ping {
  constructor(readonly seq: number) {}
}
class Pong {
  constructor(readonly reply: number) {}
}
const PingPort = definePort('PingPort', { requests: [Ping], indications: [Pong] });

class Ponger extends ComponentDefinition {
  readonly pings = this.provides(PingPort);
  constructor() {
    super();
    this.subscribe(this.pings, Ping, (ping) => {
      if (ping.seq === 3) throw new Error('three is unlucky');
      this.trigger(new Pong(ping.seq), this.pings);
    });
  }
}

class Pinger extends ComponentDefinition {
  readonly pings = this.requires(PingPort);
  readonly replies: number[] = [];
  constructor(count: number) {
    super();
    this.subscribe(this.control, Start, () => {
      for (let seq = 1; seq <= count; seq++) this.trigger(new Ping(seq), this.pings);
    });
    this.subscribe(this.pings, Pong, (pong) => this.replies.push(pong.reply));
  }
}

class Main extends ComponentDefinition {
  readonly pinger = this.create(Pinger, 5);
  readonly ponger = this.create(Ponger);
  constructor() {
    super();
    this.connect(this.ponger.provided(PingPort), this.pinger.required(PingPort));
  }
  // A child's handler threw: drop that event and let the child go on.
  override onFault(_fault: Fault) {
    return 'resolve' as const;
  }
}

it('runs the README example', () => {
  const scheduler = new ManualScheduler(); // production code leaves this out: the default runs on the event loop
  const runtime = new Runtime({ scheduler });
  const main = runtime.bootstrap(Main);
  runtime.start();
  scheduler.runUntilIdle();
  expect(main.pinger.definition.replies).toEqual([1, 2, 4, 5]);
});

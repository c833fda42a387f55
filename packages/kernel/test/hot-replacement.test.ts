import { describe, expect, it } from 'vitest';
import { type Child, ComponentDefinition, SeededRandom, Start } from '../src/index.js';
import { harness, Ping, Pinger, PingPort, Pong, Ponger } from './fixtures.js';

/** Records every Ping and answers it; a version number tells instances apart. */
class Counter extends ComponentDefinition {
  readonly port = this.provides(PingPort);
  received: number[] = [];
  startedBeforeFirstEvent: boolean | undefined;
  readonly helper = this.create(Ponger);
  constructor(readonly version: number) {
    super();
    let started = false;
    this.subscribe(this.control, Start, () => {
      started = true;
    });
    this.subscribe(this.port, Ping, (ping) => {
      this.startedBeforeFirstEvent ??= started;
      this.received.push(ping.seq);
      this.trigger(new Pong(ping.seq), this.port);
    });
  }
}

class Main extends ComponentDefinition {
  readonly pinger = this.create(Pinger);
  readonly counter: Child<Counter> = this.create(Counter, 1);
  replacements = 0;
  constructor(swapEvery: number) {
    super();
    this.connect(this.counter.provided(PingPort), this.pinger.required(PingPort));
    if (swapEvery > 0) {
      // Replacement from inside the tree, in the middle of the stream: the parent listens to
      // its child's provided port directly.
      this.subscribe(this.counter.provided(PingPort), Pong, (pong) => {
        if (pong.reply % swapEvery === 0) this.swap();
      });
    }
  }
  swap(): void {
    const next = this.counter.definition.version + 1;
    this.replace(this.counter, {
      definition: Counter,
      args: [next],
      handover: (previous, fresh) => {
        fresh.received = [...(previous as Counter).received];
      },
    });
    this.replacements++;
  }
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('hot replacement', () => {
  it('loses and duplicates nothing under a continuous stream, swapped at random points', () => {
    const h = harness(Main, [0]);
    h.runtime.start();
    h.run();
    const random = new SeededRandom(42);
    let sent = 0;
    for (let round = 0; round < 300; round++) {
      const batch = 1 + random.nextInt(40);
      h.root.pinger.definition.send(...range(batch).map((i) => sent + i));
      sent += batch;
      for (let steps = random.nextInt(6); steps > 0; steps--) h.scheduler.step();
      h.root.swap();
    }
    h.run();
    const counter = h.root.counter.definition;
    expect(h.root.replacements).toBe(300);
    expect(counter.version).toBe(301);
    expect(counter.received).toEqual(range(sent));
    expect(h.root.pinger.definition.pongs).toEqual(range(sent));
  });

  it('swaps from a handler mid-stream, starting the replacement before it sees any held event', () => {
    const h = harness(Main, [50]);
    h.runtime.start();
    h.run();
    h.root.pinger.definition.send(...range(1000));
    h.run();
    const counter = h.root.counter.definition;
    expect(h.root.replacements).toBe(20);
    expect(counter.received).toEqual(range(1000));
    expect(h.root.pinger.definition.pongs).toEqual(range(1000));
    expect(counter.startedBeforeFirstEvent).toBe(true);
    // The replacement built its own child; the old one's is gone, the path reused.
    expect(counter.helper.state).toBe('active');
    expect(counter.helper.path).toBe('/main/Counter/Ponger');
  });
});

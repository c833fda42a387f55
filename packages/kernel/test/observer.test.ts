import { describe, expect, it } from 'vitest';
import { ComponentDefinition, type Delivery } from '../src/index.js';
import { harness, Pinger, PingPort, Ponger } from './fixtures.js';

class Main extends ComponentDefinition {
  readonly pinger = this.create(Pinger);
  readonly ponger = this.create(Ponger);
  constructor() {
    super();
    this.connect(this.ponger.provided(PingPort), this.pinger.required(PingPort));
  }
}

describe('delivery observer', () => {
  it('sees every delivery with the component path, the port and the event, lifecycle included', () => {
    const seen: Delivery[] = [];
    const h = harness(Main, [], { observer: (d) => seen.push(d) });
    h.runtime.start();
    h.run();
    h.root.pinger.definition.send(1, 2);
    h.run();
    const line = (d: Delivery) => `${d.component} ${d.port} ${d.event.constructor.name}`;
    const ordinary = seen.map(line).filter((l) => !l.includes(' Control '));
    expect(ordinary).toEqual([
      '/main/Ponger PingPort Ping',
      '/main/Ponger PingPort Ping',
      '/main/Pinger PingPort Pong',
      '/main/Pinger PingPort Pong',
    ]);
    expect(seen.map(line)).toContain('/main/Ponger Control Start');
    expect(seen.map(line)).toContain('/main Control Started');
  });

  it('can be switched off and on at run time', () => {
    const seen: Delivery[] = [];
    const h = harness(Main, []);
    h.runtime.start();
    h.run();
    h.root.pinger.definition.send(1);
    h.run();
    h.runtime.observe((d) => seen.push(d));
    h.root.pinger.definition.send(2);
    h.run();
    h.runtime.observe(undefined);
    h.root.pinger.definition.send(3);
    h.run();
    expect(seen.map((d) => d.event)).toHaveLength(2);
    expect(h.root.pinger.definition.pongs).toEqual([1, 2, 3]);
  });
});

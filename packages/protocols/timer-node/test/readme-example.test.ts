// The README's example, run (with a 10 ms period instead of 1 s).
import { ComponentDefinition, Runtime, Start } from '@kompics/kernel';
import { SchedulePeriodicTimeout, Timeout, Timer } from '@kompics/timer';
import { expect, it } from 'vitest';
import { NodeTimer } from '../src/index.js';

class Heartbeat extends Timeout {}

class Beacon extends ComponentDefinition {
  readonly timer = this.requires(Timer);
  beats = 0;
  constructor() {
    super();
    this.subscribe(this.control, Start, () => {
      this.trigger(new SchedulePeriodicTimeout(0, 10, new Heartbeat(this.context.ids.next())), this.timer);
    });
    this.subscribe(this.timer, Heartbeat, () => this.beats++);
  }
}

class Main extends ComponentDefinition {
  readonly beacon;
  constructor() {
    super();
    const timer = this.create(NodeTimer);
    this.beacon = this.create(Beacon);
    this.connect(timer.provided(Timer), this.beacon.required(Timer));
  }
}

it('runs the README example', async () => {
  const runtime = new Runtime();
  const main = runtime.bootstrap(Main);
  runtime.start();
  while (main.beacon.definition.beats < 3) await new Promise((resolve) => setTimeout(resolve, 5));
  runtime.kill();
  expect(main.beacon.definition.beats).toBeGreaterThanOrEqual(3);
});

// The Timer compliance suite on NodeTimer (this file is the example of @kompics/compliance's README).
import { realTimeDriver, type TimerHarness, TimerProbe, timerComplianceSuite } from '@kompics/compliance';
import { ComponentDefinition, type Fault, Runtime, Start } from '@kompics/kernel';
import { Timer } from '@kompics/timer';
import { NodeTimer } from '../src/index.js';

class TimerHost extends ComponentDefinition {
  readonly timer = this.create(NodeTimer);
  addProbe() {
    const probe = this.create(TimerProbe);
    this.connect(this.timer.provided(Timer), probe.required(Timer));
    this.trigger(new Start(), probe.control);
    return probe;
  }
}

timerComplianceSuite({
  name: '@kompics/timer-node',
  setup: async () => {
    const faults: Fault[] = [];
    const runtime = new Runtime({ onFault: (fault) => faults.push(fault) });
    const host = runtime.bootstrap(TimerHost);
    runtime.start();
    const driver = realTimeDriver();
    await driver.waitFor(() => runtime.state === 'active', { what: 'the runtime to start' });
    const harness: TimerHarness & { runtime: Runtime } = {
      ...driver,
      faults,
      runtime,
      async addProbe() {
        const probe = host.addProbe();
        await driver.waitFor(() => probe.state === 'active', { what: 'the probe to start' });
        return probe.definition;
      },
    };
    return harness;
  },
  teardown: async (harness) => harness.runtime.kill(),
});

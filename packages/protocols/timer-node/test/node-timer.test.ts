import { TimerProbe } from '@kompics/compliance';
import { ComponentDefinition, ConfigError, ManualScheduler, Runtime, Start, Stop } from '@kompics/kernel';
import { ScheduleTimeout, Timeout, Timer } from '@kompics/timer';
import { describe, expect, it } from 'vitest';
import { NodeTimer } from '../src/index.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Host timers that keep the process alive. */
const refTimers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

class Host extends ComponentDefinition {
  readonly timerChild;
  readonly probe = this.create(TimerProbe);
  constructor(keepProcessAlive = false) {
    super();
    this.timerChild = this.create(NodeTimer, { keepProcessAlive });
    this.connect(this.timerChild.provided(Timer), this.probe.required(Timer));
  }
  stopTimer(): void {
    this.trigger(new Stop(), this.timerChild.control);
  }
  startTimer(): void {
    this.trigger(new Start(), this.timerChild.control);
  }
  destroyTimer(): void {
    this.destroy(this.timerChild);
  }
}

function manual(keepProcessAlive = false) {
  const scheduler = new ManualScheduler();
  const runtime = new Runtime({ scheduler });
  const host = runtime.bootstrap(Host, keepProcessAlive);
  runtime.start();
  scheduler.runUntilIdle();
  return { scheduler, runtime, host, probe: host.probe.definition, timer: host.timerChild.definition };
}

describe('NodeTimer', () => {
  it('triggers nothing after a cancel is handled, even when the host callback already fired', async () => {
    const { scheduler, probe } = manual();
    const id = probe.schedulePeriodic(0, 1);
    scheduler.runUntilIdle();
    // Host callbacks fire and queue deliveries at the probe, which the manual scheduler does not run yet.
    await sleep(30);
    probe.cancelPeriodic(id);
    scheduler.runUntilIdle();
    const handled = probe.firings(id).length;
    expect(handled).toBeGreaterThan(0);
    await sleep(30);
    scheduler.runUntilIdle();
    expect(probe.firings(id)).toHaveLength(handled);
  });

  it('clears every host timer on Stop and schedules again after a new Start', async () => {
    const { scheduler, host, probe, timer } = manual();
    const once = probe.scheduleOnce(20);
    const periodic = probe.schedulePeriodic(10, 10);
    scheduler.runUntilIdle();
    expect(timer.pending).toBe(2);
    host.stopTimer();
    scheduler.runUntilIdle();
    expect(timer.pending).toBe(0);
    await sleep(60);
    scheduler.runUntilIdle();
    expect(probe.firings(once)).toEqual([]);
    expect(probe.firings(periodic)).toEqual([]);
    host.startTimer();
    const again = probe.scheduleOnce(1);
    scheduler.runUntilIdle();
    await sleep(20);
    scheduler.runUntilIdle();
    expect(probe.firings(again)).toHaveLength(1);
  });

  it('clears every host timer when killed with its runtime', async () => {
    const { scheduler, runtime, probe, timer } = manual();
    probe.schedulePeriodic(5, 5);
    scheduler.runUntilIdle();
    runtime.kill();
    scheduler.runUntilIdle();
    expect(runtime.state).toBe('destroyed');
    expect(timer.pending).toBe(0);
  });

  it('never keeps the process alive by default, even once destroyed without Stop', () => {
    const before = refTimers();
    const { scheduler, host, probe } = manual();
    probe.schedulePeriodic(60_000, 60_000);
    probe.scheduleOnce(60_000);
    scheduler.runUntilIdle();
    host.destroyTimer();
    expect(refTimers()).toBe(before);
  });

  it('keeps the process alive while timeouts are pending when asked to', () => {
    const before = refTimers();
    const { scheduler, runtime, probe } = manual(true);
    probe.scheduleOnce(60_000);
    scheduler.runUntilIdle();
    expect(refTimers()).toBe(before + 1);
    runtime.stop();
    scheduler.runUntilIdle();
    expect(refTimers()).toBe(before);
  });

  it('replaces a timeout scheduled again under the same id', async () => {
    class Again extends Timeout {}
    class Rescheduler extends ComponentDefinition {
      readonly timer = this.requires(Timer);
      readonly fired: number[] = [];
      constructor() {
        super();
        this.subscribe(this.timer, Again, () => this.fired.push(performance.now()));
      }
      schedule(delay: number): void {
        this.trigger(new ScheduleTimeout(delay, new Again('same-id')), this.timer);
      }
    }
    class Main extends ComponentDefinition {
      readonly timerChild = this.create(NodeTimer);
      readonly user = this.create(Rescheduler);
      constructor() {
        super();
        this.connect(this.timerChild.provided(Timer), this.user.required(Timer));
      }
    }
    const scheduler = new ManualScheduler();
    const runtime = new Runtime({ scheduler });
    const main = runtime.bootstrap(Main);
    runtime.start();
    scheduler.runUntilIdle();
    const start = performance.now();
    main.user.definition.schedule(5);
    main.user.definition.schedule(40);
    scheduler.runUntilIdle();
    expect(main.timerChild.definition.pending).toBe(1);
    await sleep(80);
    scheduler.runUntilIdle();
    expect(main.user.definition.fired).toHaveLength(1);
    expect((main.user.definition.fired[0] as number) - start).toBeGreaterThanOrEqual(40);
  });

  it('rejects a bad option with a clear error', () => {
    class Bad extends ComponentDefinition {
      constructor() {
        super();
        this.create(NodeTimer, { keepProcessAlive: 'yes' as unknown as boolean });
      }
    }
    const runtime = new Runtime({ scheduler: new ManualScheduler() });
    expect(() => runtime.bootstrap(Bad)).toThrow(ConfigError);
    expect(() => new Runtime({ scheduler: new ManualScheduler() }).bootstrap(Bad)).toThrow(
      /keepProcessAlive must be a boolean/,
    );
  });
});

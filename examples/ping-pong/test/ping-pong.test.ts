import { ComponentDefinition, type Fault, type FaultAction, ManualScheduler, Runtime } from '@kompics/kernel';
import { describe, expect, it } from 'vitest';
import { PingPongMain } from '../src/main-component.js';
import { Ping } from '../src/messages.js';
import { createPingPong, pingPongConfig } from '../src/run.js';

/** Builds the game on a ManualScheduler, runs it until nothing is left to do, and returns it. */
function play(rounds: number, failAt: number | null) {
  const scheduler = new ManualScheduler();
  const faultsAtRoot: Fault[] = [];
  const system = createPingPong({ rounds, failAt }, { scheduler, onFault: (f) => faultsAtRoot.push(f) });
  const firstPonger = system.main.ponger.definition;
  system.runtime.start();
  scheduler.runUntilIdle();
  return { ...system, firstPonger, faultsAtRoot, report: system.main.pinger.definition.report };
}

const upTo = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

describe('ping-pong under the ManualScheduler', () => {
  it('plays every round, restarts the poisoned ponger, and loses no message', () => {
    const { main, firstPonger, faultsAtRoot, report, messages, runtime } = play(20, 7);

    // All rounds complete, each answered exactly once and in order.
    expect(main.pinger.definition.done).toBe(true);
    expect(report.answered).toEqual(upTo(20));
    expect(report.unexpected).toBe(0);

    // The fault was handled by the parent's policy with a restart, and went no further.
    expect(main.faults).toEqual([
      { source: '/main/ponger', message: 'poison ping in round 7', round: 7, action: 'restart' },
    ]);
    expect(faultsAtRoot).toEqual([]);
    expect(runtime.state).toBe('active');

    // The ponger is a fresh instance on the very same channels: it announced itself to the pinger
    // through them, and went on answering through them.
    expect(main.ponger.definition).not.toBe(firstPonger);
    expect(main.ponger.state).toBe('active');
    expect(report.readies).toBe(2);
    expect(report.resent).toBe(1);

    // No message lost: every message sent through the network reached the node it was addressed
    // to. The poisoned Ping was delivered too; its handler threw, and the pinger sent it again.
    expect(report.pingsSent).toBe(21);
    expect(messages.sent).toBe(report.pingsSent + 20 /* pongs */ + 2 /* readies */);
    expect(messages.delivered).toBe(messages.sent);
    expect(main.network.definition.forwarded).toBe(messages.sent);
  });

  it('fails on the first and on the last round just as well', () => {
    for (const failAt of [1, 5]) {
      const { main, report, messages } = play(5, failAt);
      expect(report.answered).toEqual(upTo(5));
      expect(main.faults.map((f) => [f.round, f.action])).toEqual([[failAt, 'restart']]);
      expect(messages.delivered).toBe(messages.sent);
    }
  });

  it('plays without faults when no failure is configured', () => {
    const { main, firstPonger, report, messages } = play(50, null);
    expect(report.answered).toEqual(upTo(50));
    expect(main.faults).toEqual([]);
    expect(main.ponger.definition).toBe(firstPonger);
    expect(report).toMatchObject({ readies: 1, resent: 0, pingsSent: 50 });
    expect(messages.sent).toBe(50 + 50 + 1);
    expect(messages.delivered).toBe(messages.sent);
  });

  it('the nearest parent handles the fault: an escalating grandparent never hears of it', () => {
    class EscalatingMain extends ComponentDefinition {
      readonly game = this.create(PingPongMain);
      override onFault(): FaultAction {
        return 'escalate';
      }
    }
    const scheduler = new ManualScheduler();
    const atRoot: Fault[] = [];
    const runtime = new Runtime({
      scheduler,
      config: pingPongConfig({ rounds: 10, failAt: 3 }),
      onFault: (fault) => atRoot.push(fault),
    });
    // The game is a child here, under a parent that would escalate; the ponger's fault goes to
    // the ponger's parent, PingPongMain, whose policy restarts it.
    const root = runtime.bootstrap(EscalatingMain);
    runtime.start();
    scheduler.runUntilIdle();
    expect(root.game.definition.pinger.definition.report.answered).toEqual(upTo(10));
    expect(atRoot).toEqual([]);
  });

  it('an escalated fault halts the ponger and reaches the root', () => {
    class NoRestart extends PingPongMain {
      override onFault(fault: Fault): FaultAction {
        super.onFault(fault);
        return 'escalate';
      }
    }
    const scheduler = new ManualScheduler();
    const atRoot: Fault[] = [];
    const runtime = new Runtime({
      scheduler,
      config: pingPongConfig({ rounds: 10, failAt: 3 }),
      onFault: (fault) => atRoot.push(fault),
    });
    const main = runtime.bootstrap(NoRestart);
    runtime.start();
    scheduler.runUntilIdle();
    expect(atRoot.map((f) => f.source)).toEqual(['/main/ponger']);
    expect(atRoot[0]?.event).toBeInstanceOf(Ping);
    expect(atRoot[0]?.event).toMatchObject({ round: 3, attempt: 1 });
    expect(main.ponger.state).toBe('faulty');
    expect(main.pinger.definition.report.answered).toEqual([1, 2]);
  });
});

import {
  Config,
  type DeliveryObserver,
  type Fault,
  Killed,
  Runtime,
  type Scheduler,
  UnhandledFaultError,
} from '@kompics/kernel';
import { Message } from '@kompics/network';
import { FAIL_AT, ROUNDS } from './config.js';
import { type FaultRecord, PingPongMain } from './main-component.js';
import type { PingerReport } from './pinger.js';

/** What to play. */
export interface PingPongSettings {
  readonly rounds: number;
  /** Round whose first Ping makes the ponger throw; null for no failure. */
  readonly failAt: number | null;
}

/** Messages counted as they pass the network and as their receivers handle them. */
export class MessageCounter {
  /** Messages the network component received to send. */
  sent = 0;
  /** Messages handled by the node they were addressed to (including one whose handler threw). */
  delivered = 0;

  constructor(readonly networkPath: string) {}

  readonly observe: DeliveryObserver = ({ component, event }) => {
    if (!(event instanceof Message)) return;
    if (component === this.networkPath) this.sent++;
    else this.delivered++;
  };
}

export interface PingPongSystem {
  readonly runtime: Runtime;
  readonly main: PingPongMain;
  readonly messages: MessageCounter;
}

/** The configuration the components read: rounds and the poison round, validated by their keys. */
export function pingPongConfig(settings: PingPongSettings): Config {
  return Config.empty.with(ROUNDS, settings.rounds).with(FAIL_AT, settings.failAt);
}

/**
 * Builds the component tree on a runtime, not yet started. Tests pass a ManualScheduler;
 * without one the runtime uses the production EventLoopScheduler.
 */
export function createPingPong(
  settings: PingPongSettings,
  options: {
    readonly scheduler?: Scheduler;
    readonly onFinished?: (report: PingerReport) => void;
    readonly onFault?: (fault: Fault) => void;
    readonly onKilled?: () => void;
  } = {},
): PingPongSystem {
  const runtime = new Runtime({
    config: pingPongConfig(settings),
    ...(options.scheduler === undefined ? {} : { scheduler: options.scheduler }),
    ...(options.onFault === undefined ? {} : { onFault: options.onFault }),
    onLifecycle: (event) => {
      if (event instanceof Killed) options.onKilled?.();
    },
  });
  const main = runtime.bootstrap(PingPongMain, { onFinished: (report) => options.onFinished?.(report) });
  const messages = new MessageCounter(main.network.path);
  runtime.observe(messages.observe);
  return { runtime, main, messages };
}

/** What a finished run reports. */
export interface PingPongSummary {
  readonly settings: PingPongSettings;
  readonly pinger: PingerReport;
  readonly faults: readonly FaultRecord[];
  readonly messages: { readonly sent: number; readonly delivered: number };
}

/**
 * Plays a whole game on the production scheduler: starts the tree, waits for the last Pong,
 * kills the tree and resolves once it is gone. A fault that reaches the root rejects.
 */
export function runPingPong(settings: PingPongSettings): Promise<PingPongSummary> {
  return new Promise((resolve, reject) => {
    let report: PingerReport | undefined;
    const system = createPingPong(settings, {
      onFinished: (finished) => {
        report = finished;
        system.runtime.kill();
      },
      onFault: (fault) => reject(new UnhandledFaultError(fault)),
      onKilled: () => {
        if (report === undefined) {
          reject(new Error('the component tree was killed before the last round'));
          return;
        }
        resolve({
          settings,
          pinger: report,
          faults: [...system.main.faults],
          messages: { sent: system.messages.sent, delivered: system.messages.delivered },
        });
      },
    });
    system.runtime.start();
  });
}

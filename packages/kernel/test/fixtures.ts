// Events, ports and components shared by the kernel tests.
import {
  ComponentDefinition,
  CountingIdSource,
  type DefinitionClass,
  definePort,
  type Fault,
  ManualScheduler,
  Runtime,
  type RuntimeOptions,
  SeededRandom,
} from '../src/index.js';

export class Ping {
  constructor(readonly seq: number) {}
}
export class Pong {
  constructor(readonly reply: number) {}
}
/** A subclass of Ping: subscriptions to Ping see it too. */
export class UrgentPing extends Ping {
  readonly urgent = true;
}
export const PingPort = definePort('PingPort', { requests: [Ping], indications: [Pong] });
export type PingPort = typeof PingPort;

export class Note {
  constructor(
    readonly to: string,
    readonly text: string,
  ) {}
}
export const NotePort = definePort('NotePort', { requests: [Note], indications: [Note] });

/** Answers each Ping with a Pong of the same number. */
export class Ponger extends ComponentDefinition {
  readonly port = this.provides(PingPort);
  readonly seen: number[] = [];
  constructor() {
    super();
    this.subscribe(this.port, Ping, (ping) => {
      this.seen.push(ping.seq);
      this.trigger(new Pong(ping.seq), this.port);
    });
  }
}

/** Records every Pong; `send` triggers Pings from outside a handler (tests only). */
export class Pinger extends ComponentDefinition {
  readonly port = this.requires(PingPort);
  readonly pongs: number[] = [];
  constructor() {
    super();
    this.subscribe(this.port, Pong, (pong) => this.pongs.push(pong.reply));
  }
  send(...seqs: number[]): void {
    for (const seq of seqs) this.trigger(new Ping(seq), this.port);
  }
  /** Triggers any request, for tests of subclass matching. */
  sendPing(ping: Ping): void {
    this.trigger(ping, this.port);
  }
}

/** A test harness: a runtime on a ManualScheduler with faults collected instead of thrown. */
export interface Harness<D> {
  readonly runtime: Runtime;
  readonly scheduler: ManualScheduler;
  readonly root: D;
  readonly rootFaults: Fault[];
  run(): void;
}

export function harness<C extends DefinitionClass>(
  definition: C,
  args: ConstructorParameters<C>,
  options: Omit<RuntimeOptions, 'scheduler'> & { collectFaults?: boolean } = {},
): Harness<InstanceType<C>> {
  const scheduler = new ManualScheduler();
  const rootFaults: Fault[] = [];
  const runtime = new Runtime({
    context: { clock: { now: () => 0 }, random: new SeededRandom(7), ids: new CountingIdSource('t') },
    ...options,
    scheduler,
    ...(options.collectFaults === false ? {} : { onFault: (fault: Fault) => rootFaults.push(fault) }),
  });
  const root = runtime.bootstrap(definition, ...args);
  return {
    runtime,
    scheduler,
    root,
    rootFaults,
    run: () => {
      scheduler.runUntilIdle();
    },
  };
}

/** Starts a harness and runs it until idle. */
export function started<C extends DefinitionClass>(
  definition: C,
  ...args: ConstructorParameters<C>
): Harness<InstanceType<C>> {
  const h = harness(definition, args);
  h.runtime.start();
  h.run();
  return h;
}

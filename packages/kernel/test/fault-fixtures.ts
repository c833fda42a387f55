// A three-level tree whose leaf throws on Ping 13, for the fault-policy tests.
import {
  type Child,
  ComponentDefinition,
  type DefinitionClass,
  type Fault,
  type FaultAction,
} from '../src/index.js';
import { harness, Ping, Pinger, PingPort, Pong } from './fixtures.js';

/** Answers Pings, throwing on 13. */
export class Fragile extends ComponentDefinition {
  readonly port = this.provides(PingPort);
  readonly handled: number[] = [];
  constructor(readonly label: string) {
    super();
    this.subscribe(this.port, Ping, (ping) => {
      if (ping.seq === 13) throw new Error(`unlucky ${ping.seq}`);
      this.handled.push(ping.seq);
      this.trigger(new Pong(ping.seq), this.port);
    });
  }
}

/** Parent of the fragile leaf, applying `action` to its faults. */
export class Middle extends ComponentDefinition {
  readonly pinger = this.create(Pinger);
  readonly fragile: Child<Fragile>;
  readonly faults: string[] = [];
  constructor(
    readonly action: FaultAction,
    childPolicy: FaultAction | undefined,
  ) {
    super();
    this.fragile = this.createWith(childPolicy ? { faultPolicy: () => childPolicy } : {}, Fragile, 'leaf');
    this.connect(this.fragile.provided(PingPort), this.pinger.required(PingPort));
  }
  override onFault(fault: Fault): FaultAction {
    this.faults.push((fault.error as Error).message);
    return this.action;
  }
}

export class Top extends ComponentDefinition {
  readonly middle: Child<Middle>;
  constructor(action: FaultAction, childPolicy: FaultAction | undefined) {
    super();
    this.middle = this.create(Middle, action, childPolicy);
  }
}

export function harnessFaults(action: FaultAction, childPolicy?: FaultAction, collectFaults = true) {
  const h = harness(Top, [action, childPolicy], { collectFaults });
  h.runtime.start();
  h.run();
  const middle = () => h.root.middle.definition;
  return {
    ...h,
    fragile: () => middle().fragile.definition,
    fragileState: () => middle().fragile.state,
    pongs: () => middle().pinger.definition.pongs,
    runtimeFor<C extends DefinitionClass>(cls: C, ...args: ConstructorParameters<C>) {
      const other = harness(cls, args);
      other.runtime.start();
      other.run();
      return other;
    },
  };
}

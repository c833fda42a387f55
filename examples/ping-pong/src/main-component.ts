import { type Child, ComponentDefinition, type Fault, type FaultAction } from '@kompics/kernel';
import { Address, destinationSelector, Network } from '@kompics/network';
import { LoopbackNetwork } from './loopback-network.js';
import { Ping } from './messages.js';
import { Pinger, type PingerReport } from './pinger.js';
import { Ponger } from './ponger.js';

/** Where the two nodes live on the loopback network: identities only, nothing listens. */
export const PINGER_ADDRESS = new Address('127.0.0.1', 7001);
export const PONGER_ADDRESS = new Address('127.0.0.1', 7002);

/** One fault the main component's policy dealt with. */
export interface FaultRecord {
  /** Path of the component whose handler threw. */
  readonly source: string;
  readonly message: string;
  /** Round of the Ping being handled when it threw, if it was a Ping. */
  readonly round: number | undefined;
  readonly action: FaultAction;
}

export interface PingPongOptions {
  /** Called once, from the pinger's handler, when the last Pong has arrived. */
  readonly onFinished?: (report: PingerReport) => void;
}

/**
 * The root: a loopback network and two nodes on it. Both nodes require Network from the same
 * network component; each channel carries a destination selector, so each node receives only
 * the messages addressed to it.
 *
 * Its fault policy restarts the ponger: the kernel replaces the ponger's definition with a fresh
 * instance of the same class and arguments, keeping its ports, its channels and any events
 * queued for it. Faults of anything else are escalated to the runtime.
 */
export class PingPongMain extends ComponentDefinition {
  readonly network: Child<LoopbackNetwork>;
  readonly pinger: Child<Pinger>;
  readonly ponger: Child<Ponger>;
  readonly faults: FaultRecord[] = [];

  constructor(options: PingPongOptions = {}) {
    super();
    this.network = this.createWith({ name: 'network' }, LoopbackNetwork);
    this.pinger = this.createWith(
      { name: 'pinger' },
      Pinger,
      PINGER_ADDRESS,
      PONGER_ADDRESS,
      options.onFinished,
    );
    this.ponger = this.createWith({ name: 'ponger' }, Ponger, PONGER_ADDRESS, PINGER_ADDRESS);
    const net = this.network.provided(Network);
    this.connect(net, this.pinger.required(Network), { selector: destinationSelector(PINGER_ADDRESS) });
    this.connect(net, this.ponger.required(Network), { selector: destinationSelector(PONGER_ADDRESS) });
  }

  override onFault(fault: Fault): FaultAction {
    const action: FaultAction = fault.source === this.ponger.path ? 'restart' : 'escalate';
    this.faults.push({
      source: fault.source,
      message: fault.error instanceof Error ? fault.error.message : String(fault.error),
      round: fault.event instanceof Ping ? fault.event.round : undefined,
      action,
    });
    return action;
  }
}

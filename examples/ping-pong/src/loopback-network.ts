import { ComponentDefinition } from '@kompics/kernel';
import { Message, Network } from '@kompics/network';

/**
 * An in-process network: it provides the Network port and hands every message it is asked to
 * send straight back out as an indication. It does not route: the parent connects each node
 * with `destinationSelector(nodeAddress)`, so the kernel delivers each indication only on the
 * channel of the node the message is addressed to. Messages to an address no node listens on
 * match no channel and vanish, as on a real network.
 */
export class LoopbackNetwork extends ComponentDefinition {
  readonly network = this.provides(Network);
  /** Messages handed back out so far. */
  forwarded = 0;

  constructor() {
    super();
    this.subscribe(this.network, Message, (message) => {
      this.forwarded++;
      this.trigger(message, this.network);
    });
  }
}

import { ComponentDefinition } from '@kompics/kernel';
import { type Address, Message, Network } from '@kompics/network';
import { Ping, Pong } from './probe-messages.js';

/**
 * The node a network harness creates for the suite: it requires {@link Network}, records every
 * message it receives, answers each {@link Ping} with a {@link Pong}, and sends what the suite
 * tells it to. A harness creates it with `create(NetworkProbe, address)` and connects it to the
 * Network provider under test (with `destinationSelector(address)` when nodes share a provider).
 */
export class NetworkProbe extends ComponentDefinition {
  readonly network = this.requires(Network);
  /** Every message received, in arrival order. */
  readonly received: Message[] = [];

  constructor(readonly self: Address) {
    super();
    this.subscribe(this.network, Message, (message) => this.received.push(message));
    this.subscribe(this.network, Ping, (ping) => {
      this.trigger(new Pong(this.self, ping.source, ping.seq), this.network);
    });
  }

  /** Sends messages through the provider under test (called by the suite between handlers). */
  send(...messages: Message[]): void {
    for (const message of messages) this.trigger(message, this.network);
  }

  /** Received messages of class `type`. */
  receivedOf<M extends Message>(type: abstract new (...args: never[]) => M): M[] {
    return this.received.filter((m): m is M => m instanceof type);
  }
}

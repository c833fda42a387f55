import { ComponentDefinition, Start } from '@kompics/kernel';
import { type Address, Network } from '@kompics/network';
import { FAIL_AT } from './config.js';
import { Ping, Pong, PongerReady } from './messages.js';

/** What the ponger throws on the poison ping. */
export class PoisonPingError extends Error {
  override readonly name = 'PoisonPingError';
  constructor(readonly round: number) {
    super(`poison ping in round ${round}`);
  }
}

/**
 * Answers every Ping with a Pong, except the first Ping of the configured {@link FAIL_AT}
 * round, on which its handler throws. The kernel then halts it and hands a Fault to its parent.
 *
 * Each time it starts (also as a fresh instance after a restart) it tells the pinger it is
 * ready: the Ping it was handling when it failed is gone, and this is how the pinger learns
 * to send it again.
 */
export class Ponger extends ComponentDefinition {
  readonly network = this.requires(Network);

  constructor(self: Address, pinger: Address) {
    super();
    const failAt = this.config.get(FAIL_AT);
    this.subscribe(this.control, Start, () => {
      this.trigger(new PongerReady(self, pinger), this.network);
    });
    this.subscribe(this.network, Ping, (ping) => {
      if (ping.round === failAt && ping.attempt === 1) throw new PoisonPingError(ping.round);
      this.trigger(new Pong(self, ping.source, ping.round, ping.attempt), this.network);
    });
  }
}

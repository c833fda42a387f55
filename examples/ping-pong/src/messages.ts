import { type Address, Message } from '@kompics/network';

/** The pinger's request for round `round`. `attempt` counts the sends of that round, from 1. */
export class Ping extends Message {
  declare private readonly brand: 'Ping';
  constructor(
    source: Address,
    destination: Address,
    readonly round: number,
    readonly attempt: number,
  ) {
    super(source, destination);
  }
}

/** The ponger's answer to the Ping of `round`. */
export class Pong extends Message {
  declare private readonly brand: 'Pong';
  constructor(
    source: Address,
    destination: Address,
    readonly round: number,
    readonly attempt: number,
  ) {
    super(source, destination);
  }
}

/**
 * Sent by a ponger each time it starts, the first time and after every restart: "a fresh
 * ponger is listening". The pinger answers it by sending (or resending) its current Ping.
 */
export class PongerReady extends Message {
  declare private readonly brand: 'PongerReady';
}

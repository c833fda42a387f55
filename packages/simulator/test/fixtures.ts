import { ComponentDefinition, Start } from '@kompics/kernel';
import { Address, CodecError, CodecRegistry, Message, Network } from '@kompics/network';
import { CancelPeriodicTimeout, SchedulePeriodicTimeout, Timeout, Timer } from '@kompics/timer';

export class Ping extends Message {
  declare private readonly brand: 'Ping';
  constructor(
    source: Address,
    destination: Address,
    readonly seq: number,
    readonly sentAt: number,
  ) {
    super(source, destination);
  }
}

export class Pong extends Message {
  declare private readonly brand: 'Pong';
  constructor(
    source: Address,
    destination: Address,
    readonly seq: number,
  ) {
    super(source, destination);
  }
}

export class Tick extends Timeout {
  declare private readonly brand: 'Tick';
}

function record(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new CodecError('want an object');
  return body as Record<string, unknown>;
}

function num(body: Record<string, unknown>, key: string): number {
  const value = body[key];
  if (typeof value !== 'number') throw new CodecError(`${key} must be a number`);
  return value;
}

export function codecs(): CodecRegistry {
  return new CodecRegistry()
    .register({
      typeId: 1,
      messageClass: Ping,
      encode: (m: Ping) => ({ seq: m.seq, at: m.sentAt }),
      decode: (body, source, destination) => {
        const r = record(body);
        return new Ping(source, destination, num(r, 'seq'), num(r, 'at'));
      },
    })
    .register({
      typeId: 2,
      messageClass: Pong,
      encode: (m: Pong) => ({ seq: m.seq }),
      decode: (body, source, destination) => new Pong(source, destination, num(record(body), 'seq')),
    });
}

export function addr(i: number): Address {
  return new Address(`10.0.0.${i}`, 7000);
}

/** How a peer is chosen and what goes in a ping: the honest way, or behind the kernel's back. */
export type Flavour = 'honest' | 'math-random' | 'date-now';

/**
 * Pings a random peer every `period` ms; answers pings with pongs. Records what it received.
 */
export class Pinger extends ComponentDefinition {
  readonly net = this.requires(Network);
  readonly timer = this.requires(Timer);
  readonly pings: Ping[] = [];
  readonly pongs: Pong[] = [];
  readonly latencies: number[] = [];
  #seq = 0;
  #tickId = '';

  constructor(
    readonly self: Address,
    readonly peers: readonly Address[],
    readonly period: number,
    readonly flavour: Flavour = 'honest',
  ) {
    super();
    this.subscribe(this.control, Start, () => {
      this.#tickId = this.context.ids.next();
      this.trigger(new SchedulePeriodicTimeout(period, period, new Tick(this.#tickId)), this.timer);
    });
    this.subscribe(this.timer, Tick, () => this.#tick());
    this.subscribe(this.net, Ping, (ping) => {
      this.pings.push(ping);
      this.latencies.push(this.context.clock.now() - ping.sentAt);
      this.trigger(new Pong(this.self, ping.source, ping.seq), this.net);
    });
    this.subscribe(this.net, Pong, (pong) => this.pongs.push(pong));
  }

  #tick(): void {
    if (this.peers.length === 0) return;
    const index =
      this.flavour === 'math-random'
        ? Math.floor(Math.random() * this.peers.length)
        : this.context.random.nextInt(this.peers.length);
    const peer = this.peers[index] as Address;
    const stamp = this.flavour === 'date-now' ? Date.now() : this.context.clock.now();
    this.trigger(new Ping(this.self, peer, this.#seq++, stamp), this.net);
  }

  stopTicking(): void {
    this.trigger(new CancelPeriodicTimeout(this.#tickId), this.timer);
  }
}

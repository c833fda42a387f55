import { Bootstrap, BootstrapCompleted, BootstrapRequest, BootstrapResponse } from '@kompics/bootstrap';
import { ComponentDefinition, Kill, Stop } from '@kompics/kernel';
import { type Address, Network } from '@kompics/network';
import {
  CancelPeriodicTimeout,
  CancelTimeout,
  SchedulePeriodicTimeout,
  ScheduleTimeout,
  Timeout,
  Timer,
} from '@kompics/timer';
import { GetPeers, KeepAlive, MAX_PEERS_PER_REPLY, PeersReply } from './messages.js';

class RetryRequest extends Timeout {}
class SendKeepAlive extends Timeout {}

/** Settings of a {@link BootstrapClient}. Times in milliseconds. */
export interface BootstrapClientOptions {
  readonly self: Address;
  readonly server: Address;
  /** Between keep-alives once joined. Default 1000. */
  readonly keepAlivePeriodMs?: number;
  /** Between retries of an unanswered request. Default 1000. */
  readonly retryMs?: number;
}

function positive(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v <= 0)
    throw new RangeError(`${name} must be a positive number of milliseconds, got ${v}`);
  return v;
}

/**
 * Provides {@link Bootstrap} by talking to a bootstrap server: asks it for peers (retrying
 * until it answers), and once the node says it has joined, sends keep-alives so the server
 * keeps handing it out.
 */
export class BootstrapClient extends ComponentDefinition {
  readonly bootstrap = this.provides(Bootstrap);
  readonly net = this.requires(Network);
  readonly timer = this.requires(Timer);
  readonly self: Address;
  readonly server: Address;
  readonly #keepAlivePeriod: number;
  readonly #retry: number;
  #request: { count: number; timeoutId: string } | undefined;
  #keepAliveId: string | undefined;

  constructor(options: BootstrapClientOptions) {
    super();
    if (options?.self === undefined || options.server === undefined) {
      throw new TypeError('BootstrapClient needs its own address (self) and the server address');
    }
    this.self = options.self;
    this.server = options.server;
    this.#keepAlivePeriod = positive('keepAlivePeriodMs', options.keepAlivePeriodMs, 1000);
    this.#retry = positive('retryMs', options.retryMs, 1000);
    this.subscribe(this.bootstrap, BootstrapRequest, (r) =>
      this.#ask(Math.min(r.count, MAX_PEERS_PER_REPLY)),
    );
    this.subscribe(this.bootstrap, BootstrapCompleted, () => this.#startKeepAlives());
    this.subscribe(this.timer, RetryRequest, (t) => {
      if (this.#request?.timeoutId === t.timeoutId) this.#ask(this.#request.count);
    });
    this.subscribe(this.timer, SendKeepAlive, (t) => {
      if (t.timeoutId === this.#keepAliveId) this.trigger(new KeepAlive(this.self, this.server), this.net);
    });
    this.subscribe(this.net, PeersReply, (reply) => this.#answered(reply));
    const stop = () => this.#stopTimers();
    this.subscribe(this.control, Stop, stop);
    this.subscribe(this.control, Kill, stop);
  }

  #ask(count: number): void {
    const timeoutId = this.context.ids.next();
    this.#request = { count, timeoutId };
    this.trigger(new GetPeers(this.self, this.server, count), this.net);
    this.trigger(new ScheduleTimeout(this.#retry, new RetryRequest(timeoutId)), this.timer);
  }

  #answered(reply: PeersReply): void {
    if (
      this.#request === undefined ||
      !reply.source.equals(this.server) ||
      !reply.destination.equals(this.self)
    )
      return;
    this.trigger(new CancelTimeout(this.#request.timeoutId), this.timer);
    this.#request = undefined;
    const peers = reply.peers.filter((p) => !p.equals(this.self));
    this.trigger(new BootstrapResponse(peers), this.bootstrap);
  }

  #startKeepAlives(): void {
    if (this.#keepAliveId !== undefined) return;
    this.#keepAliveId = this.context.ids.next();
    const period = this.#keepAlivePeriod;
    this.trigger(new SchedulePeriodicTimeout(0, period, new SendKeepAlive(this.#keepAliveId)), this.timer);
  }

  #stopTimers(): void {
    if (this.#request !== undefined) this.trigger(new CancelTimeout(this.#request.timeoutId), this.timer);
    if (this.#keepAliveId !== undefined)
      this.trigger(new CancelPeriodicTimeout(this.#keepAliveId), this.timer);
    this.#request = undefined;
    this.#keepAliveId = undefined;
  }
}

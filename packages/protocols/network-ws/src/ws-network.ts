import { ComponentDefinition, Kill, Start, Stop } from '@kompics/kernel';
import { type Address, Message, Network, NetworkStatus } from '@kompics/network';
import { resolveConfig, type WsNetworkConfig, type WsNetworkInit } from './config.js';
import { WsEndpoint } from './endpoint.js';
import type { WsNetworkStats } from './stats.js';

/**
 * Provides the {@link Network} port over WebSockets, listening on its own address, and
 * {@link NetworkStatus} with connection news.
 *
 * - One connection per pair of nodes, used both ways. When two nodes dial each other at once,
 *   the connection dialed by the lower address (by `Address.key`) wins; lost connections are
 *   redialed with exponential backoff by both sides.
 * - Messages sent to one peer during one event-loop turn travel in one frame (coalescing).
 * - Frames are msgpack; each message is encoded by its codec in the {@link CodecRegistry}, and
 *   a received frame is delivered only if every message in it decodes. Anything else is
 *   rejected with one log line and counted in {@link stats}; it never reaches a component.
 * - Per-peer send queues are bounded (drop-newest, counted and logged), see {@link WsNetworkInit}.
 * - With a cluster secret, peers prove it by HMAC challenge–response before their messages are
 *   delivered or any message is sent to them; with certificate files, traffic is TLS.
 *
 * The configuration is validated when the component is created ({@link ConfigError}). It
 * listens on Start and closes its server and connections on Stop and Kill; call {@link close}
 * when destroying it without a Stop. Sending a message class that has no codec is a
 * programming error: the send handler throws (a Fault).
 */
export class WsNetwork extends ComponentDefinition {
  readonly network = this.provides(Network);
  readonly status = this.provides(NetworkStatus);
  /** The validated configuration, defaults filled in. */
  readonly settings: WsNetworkConfig;
  readonly #endpoint: WsEndpoint;
  #listening = new Listening();

  constructor(init: WsNetworkInit) {
    super();
    this.settings = resolveConfig(init);
    this.#endpoint = new WsEndpoint(
      this.settings,
      {
        deliver: (message) => this.trigger(message, this.network),
        status: (event) => this.trigger(event, this.status),
      },
      this.context.random.fork(),
    );
    this.subscribe(this.network, Message, (message) => this.#endpoint.send(message));
    this.subscribe(this.control, Start, () => {
      this.#listening.follow(this.#endpoint.start());
    });
    this.subscribe(this.control, Stop, () => void this.close());
    this.subscribe(this.control, Kill, () => void this.close());
  }

  /** This node's address. */
  get self(): Address {
    return this.settings.self;
  }

  /** Live counters: messages, frames, rejections and drops. */
  get stats(): WsNetworkStats {
    return this.#endpoint.stats;
  }

  /**
   * Resolves once the server listens after the next (or current) Start; rejects if it cannot
   * (the reason is also logged).
   */
  listening(): Promise<void> {
    return this.#listening.promise;
  }

  /** Closes the server and every connection; resolves when they are closed. Safe to call twice. */
  close(): Promise<void> {
    if (this.#listening.bound) this.#listening = new Listening();
    return this.#endpoint.stop();
  }
}

/** The promise {@link WsNetwork.listening} returns: settled by the next start. */
class Listening {
  readonly promise: Promise<void>;
  #resolve: () => void = () => {};
  #reject: (error: unknown) => void = () => {};
  /** Whether a start was given to {@link follow}. */
  bound = false;

  constructor() {
    this.promise = new Promise<void>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    // Nobody need wait for it: a failure to listen is logged anyway.
    this.promise.catch(() => {});
  }

  follow(start: Promise<void>): void {
    if (this.bound) return;
    this.bound = true;
    start.then(this.#resolve, this.#reject);
  }
}

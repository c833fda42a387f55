import { ComponentDefinition, type RandomSource } from '@kompics/kernel';
import { type Address, Message, Network } from '@kompics/network';
import { FifoLinks } from './fifo-links.js';
import type { TimelineTarget } from './future-event-list.js';
import type { NetworkModel } from './network-model.js';
import type { NetworkStats } from './network-stats.js';
import type { Timeline } from './timeline.js';
import { fingerprint, type WireCodec } from './wire-codec.js';

/** What the trace learns about a delivered message: its wire size and a fingerprint of its bytes. */
export interface WireInfo {
  readonly size: number;
  readonly fingerprint: string;
}

/** Everything the simulated network needs from the simulation. */
export interface SimulatedNetworkInit {
  readonly timeline: Timeline;
  readonly model: NetworkModel;
  readonly random: RandomSource;
  readonly stats: NetworkStats;
  /** Encode on send and decode on delivery; absent to pass message objects through (faster). */
  readonly codec?: WireCodec | undefined;
  /** Filled with the wire size of each delivered message, when a trace wants it. */
  readonly wireInfo?: WeakMap<object, WireInfo> | undefined;
}

class InFlight {
  constructor(
    readonly bytes: Uint8Array,
    readonly source: Address,
    readonly destination: Address,
  ) {}
}

/**
 * Provides the Network port in simulation and local emulation: applies the
 * {@link NetworkModel} to every message, then delivers it after its latency as an
 * indication. Many nodes share one instance, each through a channel with
 * `destinationSelector(address)`, exactly as they would share a production network component.
 */
export class SimulatedNetwork extends ComponentDefinition {
  readonly network = this.provides(Network);
  readonly #init: SimulatedNetworkInit;
  /** Per link, when its last FIFO copy in flight arrives. */
  readonly #fifo = new FifoLinks();
  readonly #plain: TimelineTarget<Message>;
  readonly #wire: TimelineTarget<InFlight>;

  constructor(init: SimulatedNetworkInit) {
    super();
    this.#init = init;
    this.#plain = { fire: (message) => this.#arrive(message) };
    this.#wire = { fire: (flight) => this.#arriveWire(flight) };
    this.subscribe(this.network, Message, (message) => this.#send(message));
  }

  // Kept small (the codec's path in a method of its own, the connectivity check only while the
  // network is disrupted) so that the compiler's inlining budget more often reaches the latency
  // sampling and the FIFO bookkeeping: a number passed to or returned from a call it does not
  // inline is a heap number, up to three per message on this path.
  #send(message: Message): void {
    const { model, random, stats, codec } = this.#init;
    stats.sent++;
    const flight = codec === undefined ? undefined : this.#encode(codec, message);
    const from = message.source.key;
    const to = message.destination.key;
    if (model.disrupted && !model.connected(from, to)) {
      stats.blocked++;
      return;
    }
    if (model.loss > 0 && random.nextFloat() < model.loss) {
      stats.lost++;
      return;
    }
    let copies = 1;
    if (model.duplication > 0 && random.nextFloat() < model.duplication) {
      copies = 2;
      stats.duplicated++;
    }
    stats.inFlight += copies;
    for (let c = 0; c < copies; c++) {
      const delay = this.#delay(from, to);
      if (flight !== undefined) this.#init.timeline.after(delay, this.#wire, flight);
      else this.#init.timeline.after(delay, this.#plain, message);
    }
  }

  #encode(codec: WireCodec, message: Message): InFlight {
    const bytes = codec.encode(message);
    this.#init.stats.bytes += bytes.length;
    return new InFlight(bytes, message.source, message.destination);
  }

  /** Milliseconds from now until a copy sent now on `from -> to` arrives. */
  #delay(from: string, to: string): number {
    const { model, random, timeline } = this.#init;
    const latency = Math.max(0, model.sampleLatency(from, to, random));
    const reorder = model.reorder;
    if (reorder !== undefined && reorder.probability > 0 && random.nextFloat() < reorder.probability) {
      this.#init.stats.reordered++;
      return latency + random.nextFloat() * reorder.maxDelay;
    }
    if (!model.fifo) return latency;
    const now = timeline.now();
    return this.#fifo.arrival(from, to, now, now + latency) - now;
  }

  #arrive(message: Message): void {
    const stats = this.#init.stats;
    const model = this.#init.model;
    stats.inFlight--;
    // Tested first: an undisrupted network needs no look at the sender's address, which is
    // seldom still in the cache by the time its message arrives.
    if (model.disrupted && !model.connected(message.source.key, message.destination.key)) {
      stats.blocked++;
      return;
    }
    stats.delivered++;
    this.trigger(message, this.network);
  }

  #arriveWire(flight: InFlight): void {
    const { model, stats, codec, wireInfo } = this.#init;
    stats.inFlight--;
    if (model.disrupted && !model.connected(flight.source.key, flight.destination.key)) {
      stats.blocked++;
      return;
    }
    const message = (codec as WireCodec).decode(flight.bytes, flight.source, flight.destination);
    wireInfo?.set(message, { size: flight.bytes.length, fingerprint: fingerprint(flight.bytes) });
    stats.delivered++;
    this.trigger(message, this.network);
  }
}

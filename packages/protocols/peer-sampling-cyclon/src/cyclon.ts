import { ComponentDefinition, Kill, Start, Stop } from '@kompics/kernel';
import { Network } from '@kompics/network';
import { PeerSampling, Sample, SampleRequest } from '@kompics/peer-sampling';
import { CancelPeriodicTimeout, SchedulePeriodicTimeout, Timeout, Timer } from '@kompics/timer';
import { CyclonView } from './cyclon-view.js';
import { ShuffleRequest, ShuffleResponse } from './messages.js';
import { type CyclonOptions, type ResolvedCyclonOptions, resolveCyclonOptions } from './options.js';
import type { ViewEntry } from './view-entry.js';

class ShuffleRound extends Timeout {}

/**
 * Cyclon (Voulgaris, Gavidia, van Steen, 2005): each period a node ages its view, shuffles a
 * few entries with its oldest peer (dropping that peer, so dead peers leave views), and merges
 * what comes back. The overlay stays connected and close to a random graph under churn.
 * Provides {@link PeerSampling}: samples on request and one periodic sample per round.
 */
export class Cyclon extends ComponentDefinition {
  readonly sampling = this.provides(PeerSampling);
  readonly net = this.requires(Network);
  readonly timer = this.requires(Timer);
  readonly options: ResolvedCyclonOptions;
  readonly view: CyclonView;
  /** What was sent to each peer in a shuffle still awaiting its answer. */
  readonly #pending = new Map<string, ViewEntry[]>();
  #roundId: string | undefined;

  constructor(options: CyclonOptions) {
    super();
    this.options = resolveCyclonOptions(options);
    this.view = new CyclonView(this.options.self, this.options.viewSize, this.context.random);
    this.#join();
    this.subscribe(this.control, Start, () => {
      this.#roundId = this.context.ids.next();
      const period = this.options.shufflePeriodMs;
      this.trigger(new SchedulePeriodicTimeout(period, period, new ShuffleRound(this.#roundId)), this.timer);
    });
    const stop = () => {
      if (this.#roundId !== undefined) this.trigger(new CancelPeriodicTimeout(this.#roundId), this.timer);
      this.#roundId = undefined;
    };
    this.subscribe(this.control, Stop, stop);
    this.subscribe(this.control, Kill, stop);
    this.subscribe(this.timer, ShuffleRound, (t) => {
      if (t.timeoutId === this.#roundId) this.#shuffle();
    });
    this.subscribe(this.net, ShuffleRequest, (r) => this.#answer(r));
    this.subscribe(this.net, ShuffleResponse, (r) => this.#merge(r));
    this.subscribe(this.sampling, SampleRequest, (r) =>
      this.trigger(new Sample(this.#sample(r.count), true), this.sampling),
    );
  }

  /** The peers in the view now. */
  peers(): string[] {
    return this.view.entries.map((e) => e.address.key);
  }

  #join(): void {
    for (const address of this.options.bootstrap) this.view.add(address, 0);
  }

  #shuffle(): void {
    // A node that lost every peer joins again through the known nodes.
    if (this.view.size === 0) this.#join();
    this.view.incrementAges();
    const target = this.view.oldest();
    if (target === undefined) return;
    this.view.remove(target.address);
    const sent = this.view.randomSubset(this.options.shuffleLength - 1);
    this.#pending.set(target.address.key, sent);
    const self = this.options.self;
    this.trigger(new ShuffleRequest(self, target.address, [...sent, { address: self, age: 0 }]), this.net);
    this.trigger(new Sample(this.#sample(this.options.viewSize), false), this.sampling);
  }

  #answer(request: ShuffleRequest): void {
    if (!request.destination.equals(this.options.self)) return;
    const reply = this.view.randomSubset(this.options.shuffleLength, request.source);
    this.trigger(new ShuffleResponse(this.options.self, request.source, reply), this.net);
    this.view.merge(request.entries.slice(0, this.options.shuffleLength), reply);
  }

  #merge(response: ShuffleResponse): void {
    if (!response.destination.equals(this.options.self)) return;
    const sent = this.#pending.get(response.source.key);
    if (sent === undefined) return; // not asked, or answered already
    this.#pending.delete(response.source.key);
    this.view.merge(response.entries.slice(0, this.options.shuffleLength), sent);
  }

  #sample(count: number) {
    return this.view.randomSubset(count).map((e) => e.address);
  }
}

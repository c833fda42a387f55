import {
  FailureDetector,
  Restore,
  StartMonitoring,
  StopMonitoring,
  Suspect,
} from '@kompics/failure-detector';
import { ComponentDefinition, Kill, Start, Stop } from '@kompics/kernel';
import { Network } from '@kompics/network';
import { CancelPeriodicTimeout, SchedulePeriodicTimeout, Timeout, Timer } from '@kompics/timer';
import { FdPing, FdPong } from './messages.js';
import { MonitoredNode } from './monitored-node.js';
import { type PingFailureDetectorOptions, type ResolvedOptions, resolveOptions } from './options.js';

/** The detector's own clock tick. */
class PingRound extends Timeout {}

/**
 * An eventually perfect failure detector by pinging. Every ping interval each monitored node is
 * pinged; a node silent for longer than the interval plus its timeout is suspected. The timeout
 * follows the measured round trips (`srtt + 4·rttvar`, at least `minTimeoutMs`) and grows by
 * `timeoutIncrementMs` each time a suspicion proves false, so under partial synchrony false
 * suspicions eventually stop. A crashed node is suspected at most
 * `2 · pingIntervalMs + timeout` after its last answer.
 *
 * Also answers other detectors' pings, so every node runs one.
 */
export class PingFailureDetector extends ComponentDefinition {
  readonly fd = this.provides(FailureDetector);
  readonly net = this.requires(Network);
  readonly timer = this.requires(Timer);
  readonly options: ResolvedOptions;
  readonly #monitored = new Map<string, MonitoredNode>();
  #nextNonce = 1;
  #roundId: string | undefined;

  constructor(options: PingFailureDetectorOptions) {
    super();
    this.options = resolveOptions(options);
    this.subscribe(this.control, Start, () => this.#startRounds());
    this.subscribe(this.control, Stop, () => this.#stopRounds());
    this.subscribe(this.control, Kill, () => this.#stopRounds());
    this.subscribe(this.fd, StartMonitoring, (r) => this.#startMonitoring(r));
    this.subscribe(this.fd, StopMonitoring, (r) => this.#stopMonitoring(r));
    this.subscribe(this.timer, PingRound, (t) => {
      if (t.timeoutId === this.#roundId) this.#round();
    });
    this.subscribe(this.net, FdPing, (ping) => {
      if (ping.destination.equals(this.options.self)) {
        this.trigger(new FdPong(this.options.self, ping.source, ping.nonce), this.net);
      }
    });
    this.subscribe(this.net, FdPong, (pong) => this.#pong(pong));
  }

  /** Nodes monitored now, with their requesters (for inspection and tests). */
  monitored(): ReadonlyMap<
    string,
    { readonly suspected: boolean; readonly requesters: number; readonly timeout: number }
  > {
    const view = new Map<string, { suspected: boolean; requesters: number; timeout: number }>();
    for (const [key, node] of this.#monitored) {
      view.set(key, {
        suspected: node.suspected,
        requesters: node.requesters.size,
        timeout: node.timeout(this.options.minTimeoutMs),
      });
    }
    return view;
  }

  #startRounds(): void {
    this.#roundId = this.context.ids.next();
    const interval = this.options.pingIntervalMs;
    this.trigger(new SchedulePeriodicTimeout(interval, interval, new PingRound(this.#roundId)), this.timer);
  }

  #stopRounds(): void {
    if (this.#roundId === undefined) return;
    this.trigger(new CancelPeriodicTimeout(this.#roundId), this.timer);
    this.#roundId = undefined;
  }

  #startMonitoring(request: StartMonitoring): void {
    let node = this.#monitored.get(request.node.key);
    if (node === undefined) {
      node = new MonitoredNode(request.node, this.context.clock.now());
      this.#monitored.set(request.node.key, node);
      this.#ping(node);
    }
    node.requesters.add(request.requester);
    // A newcomer learns a standing suspicion at once.
    if (node.suspected) this.trigger(new Suspect(node.address), this.fd);
  }

  #stopMonitoring(request: StopMonitoring): void {
    const node = this.#monitored.get(request.node.key);
    if (node === undefined) return;
    node.requesters.delete(request.requester);
    if (node.requesters.size === 0) this.#monitored.delete(request.node.key);
  }

  #round(): void {
    const now = this.context.clock.now();
    const { pingIntervalMs, minTimeoutMs } = this.options;
    for (const node of this.#monitored.values()) {
      if (!node.suspected && now - node.lastHeard > pingIntervalMs + node.timeout(minTimeoutMs)) {
        node.suspected = true;
        this.trigger(new Suspect(node.address), this.fd);
      }
      this.#ping(node);
    }
  }

  #ping(node: MonitoredNode): void {
    const nonce = this.#nextNonce++;
    node.pingSent(nonce, this.context.clock.now());
    this.trigger(new FdPing(this.options.self, node.address, nonce), this.net);
  }

  #pong(pong: FdPong): void {
    if (!pong.destination.equals(this.options.self)) return;
    const node = this.#monitored.get(pong.source.key);
    if (node === undefined || !node.pongReceived(pong.nonce, this.context.clock.now())) return;
    if (node.suspected) {
      node.suspected = false;
      node.penalty += this.options.timeoutIncrementMs;
      this.trigger(new Restore(node.address), this.fd);
    }
  }
}

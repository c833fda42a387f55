// A simulated node running the ping failure detector and a watcher that monitors its peers.
import {
  FailureDetector,
  Restore,
  StartMonitoring,
  StopMonitoring,
  Suspect,
} from '@kompics/failure-detector';
import { type Child, ComponentDefinition, Start } from '@kompics/kernel';
import { type Address, CodecRegistry, Network } from '@kompics/network';
import { Timer } from '@kompics/timer';
import {
  PingFailureDetector,
  type PingFailureDetectorOptions,
  registerFailureDetectorCodecs,
} from '../src/index.js';

/** What one watcher saw, with virtual times. */
export interface Verdict {
  readonly t: number;
  readonly node: string;
  readonly kind: 'suspect' | 'restore';
}

export class Watcher extends ComponentDefinition {
  readonly fd = this.requires(FailureDetector);
  readonly verdicts: Verdict[] = [];
  readonly suspected = new Set<string>();
  constructor(
    readonly name: string,
    peers: readonly Address[],
  ) {
    super();
    this.subscribe(this.control, Start, () => {
      for (const peer of peers) this.trigger(new StartMonitoring(peer, name), this.fd);
    });
    this.subscribe(this.fd, Suspect, (s) => {
      this.suspected.add(s.node.key);
      this.verdicts.push({ t: this.context.clock.now(), node: s.node.key, kind: 'suspect' });
    });
    this.subscribe(this.fd, Restore, (r) => {
      this.suspected.delete(r.node.key);
      this.verdicts.push({ t: this.context.clock.now(), node: r.node.key, kind: 'restore' });
    });
  }
  stop(peer: Address): void {
    this.trigger(new StopMonitoring(peer, this.name), this.fd);
  }
  start(peer: Address): void {
    this.trigger(new StartMonitoring(peer, this.name), this.fd);
  }
}

/** A node: its failure detector plus `watchers` independent requesters. */
export class FdNode extends ComponentDefinition {
  readonly net = this.requires(Network);
  readonly timer = this.requires(Timer);
  readonly detector: Child<PingFailureDetector>;
  readonly watchers: Child<Watcher>[] = [];
  constructor(options: PingFailureDetectorOptions, peers: readonly Address[], watchers = 1) {
    super();
    this.detector = this.create(PingFailureDetector, options);
    this.connect(this.net, this.detector.required(Network));
    this.connect(this.timer, this.detector.required(Timer));
    for (let i = 0; i < watchers; i++) {
      const w = this.createWith({ name: `watcher${i}` }, Watcher, `${options.self.key}/w${i}`, peers);
      this.connect(this.detector.provided(FailureDetector), w.required(FailureDetector));
      this.watchers.push(w);
    }
  }
}

export const fdCodecs = () => registerFailureDetectorCodecs(new CodecRegistry());

// A simulated node running the Chord ring over the ping failure detector, and a driver that
// creates or joins the ring and records what the ring tells it.
import { FailureDetector } from '@kompics/failure-detector';
import {
  PingFailureDetector,
  type PingFailureDetectorOptions,
  registerFailureDetectorCodecs,
} from '@kompics/failure-detector-ping';
import { type Child, ComponentDefinition, Start } from '@kompics/kernel';
import { type Address, CodecRegistry, Network } from '@kompics/network';
import {
  CreateRing,
  JoinRing,
  LeaveRing,
  Neighbourhood,
  NeighbourhoodQuery,
  NewPredecessor,
  NewSuccessorList,
  Ring,
  RingJoined,
  type RingNode,
} from '@kompics/ring';
import { Timer } from '@kompics/timer';
import { ChordRing, type ChordRingOptions, registerRingChordCodecs } from '../src/index.js';

/** How a node enters the ring: create it, join through these nodes, or nothing (crafted pointers). */
export type Entry = 'create' | readonly Address[] | 'none';

/** Uses the Ring port as an application would: enters the ring, and records the indications. */
export class RingUser extends ComponentDefinition {
  readonly ring = this.requires(Ring);
  joinedAt: number | undefined;
  predecessorChanges = 0;
  successorListChanges = 0;
  lastSuccessors: readonly RingNode[] = [];
  lastPredecessor: RingNode | undefined;
  readonly neighbourhoods: Neighbourhood[] = [];
  constructor(entry: Entry) {
    super();
    this.subscribe(this.control, Start, () => {
      if (entry === 'create') this.trigger(new CreateRing(), this.ring);
      else if (entry !== 'none') this.trigger(new JoinRing(entry), this.ring);
    });
    this.subscribe(this.ring, RingJoined, () => {
      this.joinedAt = this.context.clock.now();
    });
    this.subscribe(this.ring, NewPredecessor, (p) => {
      this.predecessorChanges++;
      this.lastPredecessor = p.predecessor;
    });
    this.subscribe(this.ring, Neighbourhood, (n) => this.neighbourhoods.push(n));
    this.subscribe(this.ring, NewSuccessorList, (s) => {
      this.successorListChanges++;
      this.lastSuccessors = s.successors;
    });
  }
  query(): void {
    this.trigger(new NeighbourhoodQuery(), this.ring);
  }
  leave(): void {
    this.trigger(new LeaveRing(), this.ring);
  }
}

/** A node: ping failure detector, Chord ring, and a ring user. */
export class ChordNode extends ComponentDefinition {
  readonly net = this.requires(Network);
  readonly timer = this.requires(Timer);
  readonly detector: Child<PingFailureDetector>;
  readonly chord: Child<ChordRing>;
  readonly user: Child<RingUser>;
  constructor(ring: ChordRingOptions, entry: Entry, fd: Partial<PingFailureDetectorOptions> = {}) {
    super();
    this.detector = this.create(PingFailureDetector, { self: ring.self, ...fd });
    this.chord = this.create(ChordRing, ring);
    this.user = this.create(RingUser, entry);
    this.connect(this.net, this.detector.required(Network));
    this.connect(this.timer, this.detector.required(Timer));
    this.connect(this.net, this.chord.required(Network));
    this.connect(this.timer, this.chord.required(Timer));
    this.connect(this.detector.provided(FailureDetector), this.chord.required(FailureDetector));
    this.connect(this.chord.provided(Ring), this.user.required(Ring));
  }
}

export const chordCodecs = () => registerRingChordCodecs(registerFailureDetectorCodecs(new CodecRegistry()));

// The README's example (test/readme.test.ts checks that the two agree, and runs it).
import { FailureDetector } from '@kompics/failure-detector';
import { PingFailureDetector, registerFailureDetectorCodecs } from '@kompics/failure-detector-ping';
import { type Child, ComponentDefinition, Start } from '@kompics/kernel';
import { Address, CodecRegistry, Network } from '@kompics/network';
import { JoinRing, NewSuccessorList, Ring } from '@kompics/ring';
import { Simulation } from '@kompics/simulator';
import { Timer } from '@kompics/timer';
import { ChordRing, registerRingChordCodecs } from '../src/index.js';

/** An application on the ring: joins it, and keeps its replication group (itself and 2 successors). */
class Replicas extends ComponentDefinition {
  readonly ring = this.requires(Ring);
  group: string[] = [];
  constructor(self: Address, via: readonly Address[]) {
    super();
    // With no other node to join through, JoinRing creates the ring.
    this.subscribe(this.control, Start, () => this.trigger(new JoinRing(via), this.ring));
    this.subscribe(this.ring, NewSuccessorList, (s) => {
      this.group = [self.key, ...s.successors.slice(0, 2).map((n) => n.address.key)];
    });
  }
}

/** A node: the ping failure detector, the Chord ring over it, and the application. */
class Node extends ComponentDefinition {
  readonly net = this.requires(Network);
  readonly timer = this.requires(Timer);
  readonly chord: Child<ChordRing>;
  readonly app: Child<Replicas>;
  constructor(self: Address, via: readonly Address[]) {
    super();
    const fd = this.create(PingFailureDetector, { self });
    this.chord = this.create(ChordRing, { self, successorListLength: 4, unification: 'gossip' });
    this.app = this.create(Replicas, self, via);
    for (const c of [fd, this.chord]) {
      this.connect(this.net, c.required(Network));
      this.connect(this.timer, c.required(Timer));
    }
    this.connect(fd.provided(FailureDetector), this.chord.required(FailureDetector));
    this.connect(this.chord.provided(Ring), this.app.required(Ring));
  }
}

// Ten nodes in the simulator: n0 creates the ring, the others join through n0.
const codecs = registerRingChordCodecs(registerFailureDetectorCodecs(new CodecRegistry()));
const sim = new Simulation({ seed: 1, codecs });
const addresses = Array.from({ length: 10 }, (_, i) => new Address(`10.0.0.${i + 1}`, 7000));
addresses.forEach((self, i) => {
  const via = i === 0 ? [] : [addresses[0] as Address];
  sim.at(i * 100, () => sim.startNode({ name: `n${i}`, address: self, definition: Node, args: [self, via] }));
});
sim.run({ until: 10_000 });
// Crash two nodes; the ring closes over the gap.
sim.killNode('n4');
sim.killNode('n7');
sim.run({ until: 20_000 });
const ring = sim.alive().map((name) => sim.node<Node>(name).definition.chord.definition);
ring.sort((a, b) => a.self.id - b.self.id);
console.log(ring.map((r) => `${r.self.address.host} -> ${r.successors[0]?.address.host}`));
console.log(sim.node<Node>('n3').definition.app.definition.group);

import { ComponentDefinition, Start } from '@kompics/kernel';
import { Address, Network } from '@kompics/network';
import { replicaGroup } from '@kompics/overlay-router';
import type { RingNode } from '@kompics/ring';
import { constant } from '@kompics/simulator';
import { expect, test } from 'vitest';
import { Accepted, Ballot, Prepare, Slices } from '../src/index.js';
import { Cluster, clusterNode } from './cluster.js';

/** Sends one Paxos Prepare at start, as a proposer the ring does not know would. */
class RoguePrepare extends ComponentDefinition {
  readonly net = this.requires(Network);

  constructor(self: Address, to: Address, slice: number, instance: number, ballot: Ballot) {
    super();
    this.subscribe(this.control, Start, () =>
      this.trigger(new Prepare(self, to, slice, instance, ballot), this.net),
    );
  }
}

// Soak seed 7877 of `rejoins`, in small: the responsible node's Prepare is promised by every
// member, then one member promises a higher ballot (of a proposer that was cut off) before the
// Accept reaches it. It refuses the Accept before the others answer; the other two accept, and
// their acceptances choose the view. The proposer must not give up at that refusal: a member
// that accepted a successor of its view never serves the view again, so a chosen view nobody
// learns leaves the group without a serving majority until a later ballot finishes it.
test('a proposer refused by one member in the accept phase decides when the other two accept', () => {
  const c = new Cluster(71);
  const genesis = [1, 2, 3].map(clusterNode);
  for (const i of [1, 2, 3]) c.start(i, genesis);
  const joiner = 4;

  // A range whose group changes when n4 joins, its responsible node after the join, and a
  // member of its current view (all three genesis nodes) other than that node.
  const slices = new Slices(4);
  const after = [...genesis, clusterNode(joiner)].sort((a, b) => a.id - b.id);
  let slice = -1;
  for (let s = 0; s < 4 && slice < 0; s++) {
    const group = replicaGroup(after, slices.range(s)[1], 3);
    if (group.some((n) => n.equals(clusterNode(joiner)))) slice = s;
  }
  expect(slice).toBeGreaterThanOrEqual(0);
  const responsible = replicaGroup(after, slices.range(slice)[1], 3)[0] as RingNode;
  const stubborn = genesis.find((n) => !n.equals(responsible)) as RingNode;

  // The stubborn member's answers reach the proposer first; everyone else's take 20 ms.
  const net = c.sim.network;
  for (const from of [...genesis, clusterNode(joiner)])
    net.setLinkLatency(from.address, responsible.address, constant(from.equals(stubborn) ? 1 : 20));
  net.setLinkLatency(responsible.address, stubborn.address, constant(1));

  // As soon as the stubborn member has the proposer's Prepare, a rogue proposer's higher ballot
  // reaches it too (1 ms), well before the proposer can send its Accept (20 ms).
  const rogue = new Address('10.3.0.200', 7000);
  net.setLinkLatency(rogue, stubborn.address, constant(1));
  let rogueSent = false;
  const sendRogue = () => {
    rogueSent = true;
    c.sim.after(0, () =>
      c.sim.startNode({
        name: 'rogue',
        address: rogue,
        definition: RoguePrepare,
        args: [rogue, stubborn.address, slice, 1, new Ballot(50, rogue.key)],
      }),
    );
  };

  const ballots = new Set<string>();
  const refusals: Accepted[] = [];
  let acceptances = 0;
  c.sim.observe(({ event }) => {
    if (
      event instanceof Prepare &&
      event.slice === slice &&
      event.instance === 1 &&
      event.source.equals(responsible.address)
    ) {
      ballots.add(String(event.ballot));
      if (!rogueSent && event.destination.equals(stubborn.address)) sendRogue();
    }
    if (
      event instanceof Accepted &&
      event.slice === slice &&
      !event.ok &&
      event.source.equals(stubborn.address) &&
      event.destination.equals(responsible.address)
    )
      refusals.push(event);
    if (
      event instanceof Accepted &&
      event.slice === slice &&
      event.ok &&
      event.destination.equals(responsible.address)
    )
      acceptances++;
  });

  c.sim.at(1000, () => c.start(joiner, []));
  c.sim.run({ until: 4000 });

  // The scenario happened: the member promised the rogue's ballot and refused the proposer's Accept.
  expect(refusals.length).toBeGreaterThan(0);
  expect(refusals[0]?.ballot.round).toBe(50);
  expect(acceptances).toBeGreaterThanOrEqual(2);
  // One ballot: the proposer carried on past the refusal and decided.
  expect([...ballots]).toHaveLength(1);
  const wanted = replicaGroup(after, slices.range(slice)[1], 3);
  for (const i of [1, 2, 3, joiner]) {
    const view = c.layer(i).viewOf(slice);
    expect(view?.number, `n${i}'s view of slice ${slice}`).toBeGreaterThanOrEqual(2);
    expect(view?.sameMembers(wanted), `n${i}: ${String(view)}`).toBe(true);
  }
  for (const n of wanted) expect(c.layer(Number(n.address.host.split('.')[3])).serves(slice)).toBe(true);
});

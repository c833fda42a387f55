// A test-only Ring provider that knows the truth (copied from router-onehop's tests and made
// per node): every `periodMs` it tells its node its predecessor and successor list as they are
// among the members that node can reach (`truth(self)`), so a partition splits the ring views.
import { ComponentDefinition, Start } from '@kompics/kernel';
import { NewPredecessor, NewSuccessorList, Ring, RingJoined, type RingNode } from '@kompics/ring';
import { SchedulePeriodicTimeout, Timeout, Timer } from '@kompics/timer';

class Stabilize extends Timeout {}

/** The live members this node can reach, sorted by ring id: its "truth". */
export type Truth = (self: RingNode) => readonly RingNode[];

export class OracleRing extends ComponentDefinition {
  readonly ring = this.provides(Ring);
  readonly timer = this.requires(Timer);
  #predecessor: string | undefined;
  #successors = '';

  constructor(
    readonly self: RingNode,
    truth: Truth,
    periodMs = 500,
    successors = 4,
  ) {
    super();
    this.subscribe(this.control, Start, () => {
      this.trigger(new RingJoined(self), this.ring);
      this.trigger(
        new SchedulePeriodicTimeout(0, periodMs, new Stabilize(this.context.ids.next())),
        this.timer,
      );
    });
    this.subscribe(this.timer, Stabilize, () => {
      const members = truth(self);
      const others = members.length - (members.some((n) => n.equals(self)) ? 1 : 0);
      if (others === 0) return;
      let lo = 0;
      let hi = members.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((members[mid] as RingNode).id <= self.id) lo = mid + 1;
        else hi = mid;
      }
      const at = (i: number) =>
        members[(((lo + i) % members.length) + members.length) % members.length] as RingNode;
      const succ: RingNode[] = [];
      for (let i = 0; succ.length < Math.min(successors, others); i++)
        if (!at(i).equals(self)) succ.push(at(i));
      let pred = at(-1);
      if (pred.equals(self)) pred = at(-2);
      if (pred.address.key !== this.#predecessor) {
        this.#predecessor = pred.address.key;
        this.trigger(new NewPredecessor(pred), this.ring);
      }
      const key = succ.map((n) => n.address.key).join(',');
      if (key !== this.#successors) {
        this.#successors = key;
        this.trigger(new NewSuccessorList(succ), this.ring);
      }
    });
  }
}

/**
 * A Paxos ballot: a round number and the proposer's address key, ordered by round, then by
 * proposer, so two proposers never share a ballot.
 */
export class Ballot {
  /** Lower than every ballot a proposer uses. */
  static readonly ZERO = new Ballot(0, '');

  constructor(
    readonly round: number,
    readonly proposer: string,
  ) {
    if (!Number.isSafeInteger(round) || round < 0) throw new RangeError(`bad ballot round ${round}`);
  }

  /** Negative, zero or positive as `a` is lower than, equal to or greater than `b`. */
  static compare(a: Ballot, b: Ballot): number {
    if (a.round !== b.round) return a.round < b.round ? -1 : 1;
    if (a.proposer === b.proposer) return 0;
    return a.proposer < b.proposer ? -1 : 1;
  }

  /** The ballot a proposer uses to overtake this one. */
  next(proposer: string): Ballot {
    return new Ballot(this.round + 1, proposer);
  }

  toString(): string {
    return `${this.round}:${this.proposer}`;
  }
}

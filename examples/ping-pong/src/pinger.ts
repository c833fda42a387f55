import { ComponentDefinition } from '@kompics/kernel';
import { type Address, Network } from '@kompics/network';
import { ROUNDS } from './config.js';
import { Ping, Pong, PongerReady } from './messages.js';

/** What the pinger saw, for summaries and tests. */
export interface PingerReport {
  /** Rounds configured. */
  readonly rounds: number;
  /** Rounds whose Pong arrived, in arrival order. */
  readonly answered: readonly number[];
  /** Pings sent, resends included. */
  readonly pingsSent: number;
  /** Pings sent again because a restarted ponger announced itself while a round was open. */
  readonly resent: number;
  /** PongerReady announcements heard: one per ponger start. */
  readonly readies: number;
  /** Pongs for a round that was not the open one (there should be none). */
  readonly unexpected: number;
}

/**
 * Plays `ROUNDS` rounds, one Ping in flight at a time: it sends round 1 when the ponger first
 * announces itself, and round r + 1 when the Pong of round r arrives. When a (restarted) ponger
 * announces itself while a round is open, it resends that round's Ping.
 */
export class Pinger extends ComponentDefinition {
  readonly network = this.requires(Network);
  readonly #rounds: number;
  readonly #answered: number[] = [];
  /** The round whose Pong is awaited; 0 before the first Ping, rounds + 1 when done. */
  #open = 0;
  #attempt = 0;
  #pingsSent = 0;
  #resent = 0;
  #readies = 0;
  #unexpected = 0;

  constructor(
    readonly self: Address,
    readonly peer: Address,
    onFinished: (report: PingerReport) => void = () => {},
  ) {
    super();
    this.#rounds = this.config.get(ROUNDS);
    this.subscribe(this.network, PongerReady, () => {
      this.#readies++;
      if (this.#open === 0) this.#ping(1, 1);
      else if (this.#open <= this.#rounds) {
        this.#resent++;
        this.#ping(this.#open, this.#attempt + 1);
      }
    });
    this.subscribe(this.network, Pong, (pong) => {
      if (pong.round !== this.#open) {
        this.#unexpected++;
        return;
      }
      this.#answered.push(pong.round);
      if (pong.round < this.#rounds) {
        this.#ping(pong.round + 1, 1);
      } else {
        this.#open = this.#rounds + 1;
        onFinished(this.report);
      }
    });
  }

  get done(): boolean {
    return this.#open > this.#rounds;
  }

  get report(): PingerReport {
    return {
      rounds: this.#rounds,
      answered: [...this.#answered],
      pingsSent: this.#pingsSent,
      resent: this.#resent,
      readies: this.#readies,
      unexpected: this.#unexpected,
    };
  }

  #ping(round: number, attempt: number): void {
    this.#open = round;
    this.#attempt = attempt;
    this.#pingsSent++;
    this.trigger(new Ping(this.self, this.peer, round, attempt), this.network);
  }
}

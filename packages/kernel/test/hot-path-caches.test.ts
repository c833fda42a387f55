// The one-entry caches on the hot path (direction check by prototype, matching handlers by
// class) must never change what is allowed or which handlers run.
import { describe, expect, it } from 'vitest';
import { ComponentDefinition, PortDirectionError, type Subscription } from '../src/index.js';
import { Ping, PingPort, Pong, Ponger, started, UrgentPing } from './fixtures.js';

/** Triggers whatever it is given on its required PingPort, from outside a handler. */
class Sender extends ComponentDefinition {
  readonly port = this.requires(PingPort);
  readonly pongs: number[] = [];
  constructor() {
    super();
    this.subscribe(this.port, Pong, (pong) => this.pongs.push(pong.reply));
  }
  send(event: unknown): void {
    this.trigger(event as Ping, this.port);
  }
}

class Pair extends ComponentDefinition {
  readonly sender = this.create(Sender);
  readonly ponger = this.create(Ponger);
  constructor() {
    super();
    this.connect(this.ponger.provided(PingPort), this.sender.required(PingPort));
  }
}

/** Provides PingPort and lets a test change its subscriptions between events. */
class Switchboard extends ComponentDefinition {
  readonly port = this.provides(PingPort);
  readonly log: string[] = [];
  #extra: Subscription | undefined;
  readonly #base: Subscription;
  constructor() {
    super();
    this.#base = this.subscribe(this.port, Ping, (ping) => this.log.push(`a${ping.seq}`));
  }
  dropBase(): void {
    this.#base.unsubscribe();
  }
  addExtra(): void {
    this.#extra = this.subscribe(this.port, UrgentPing, (ping) => this.log.push(`u${ping.seq}`));
  }
  dropExtra(): void {
    this.#extra?.unsubscribe();
  }
}

class Board extends ComponentDefinition {
  readonly sender = this.create(Sender);
  readonly board = this.create(Switchboard);
  constructor() {
    super();
    this.connect(this.board.provided(PingPort), this.sender.required(PingPort));
  }
}

describe('hot-path caches', () => {
  it('an allowed event does not let a look-alike through afterwards', () => {
    const h = started(Pair);
    const sender = h.root.sender.definition;
    sender.send(new Ping(1));
    // Same `constructor` as an allowed event, but not an instance of Ping.
    expect(() => sender.send({ constructor: Ping, seq: 2 })).toThrow(PortDirectionError);
    expect(() => sender.send(Object.create(null))).toThrow(PortDirectionError);
    expect(() => sender.send(new Pong(3))).toThrow(PortDirectionError);
    sender.send(new UrgentPing(4));
    sender.send(new Ping(5));
    h.run();
    expect(h.root.ponger.definition.seen).toEqual([1, 4, 5]);
    expect(sender.pongs).toEqual([1, 4, 5]);
  });

  it('a subscription or unsubscription between events of one class takes effect at once', () => {
    const h = started(Board);
    const sender = h.root.sender.definition;
    const board = h.root.board.definition;
    sender.send(new UrgentPing(1));
    h.run();
    board.addExtra();
    sender.send(new UrgentPing(2));
    sender.send(new Ping(3));
    h.run();
    board.dropExtra();
    sender.send(new UrgentPing(4));
    h.run();
    expect(board.log).toEqual(['a1', 'a2', 'u2', 'a3', 'a4']);
  });

  it('events queued before a subscription meet the handlers current when they are handled', () => {
    const h = started(Board);
    const sender = h.root.sender.definition;
    const board = h.root.board.definition;
    sender.send(new UrgentPing(1));
    board.addExtra();
    sender.send(new UrgentPing(2));
    h.run();
    expect(board.log).toEqual(['a1', 'u1', 'a2', 'u2']);
  });

  it('a lone queued event whose only handler is unsubscribed before it is handled runs nothing', () => {
    const h = started(Board);
    const sender = h.root.sender.definition;
    const board = h.root.board.definition;
    sender.send(new Ping(1));
    h.run();
    sender.send(new Ping(2)); // queued alone, its one handler found at delivery
    board.dropBase();
    h.run();
    board.addExtra();
    sender.send(new UrgentPing(3)); // queued alone again: found at delivery, still current
    h.run();
    expect(board.log).toEqual(['a1', 'u3']);
  });
});

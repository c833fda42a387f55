// The caches on the hot path (direction check by prototype, matching handlers by class, the
// handler found at delivery, a handle's copy of its port's lone peer) must never change what is
// allowed, where an event goes or which handlers run.
import { describe, expect, it } from 'vitest';
import {
  type Channel,
  ComponentDefinition,
  KernelError,
  PortDirectionError,
  type Subscription,
} from '../src/index.js';
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

  it('an earlier handle to the same port follows later rewiring, like the latest one', () => {
    /** Takes a second handle to its required port once it is connected. */
    class TwoHandles extends ComponentDefinition {
      readonly first = this.requires(PingPort);
      second: typeof this.first | undefined;
      takeSecondHandle(): void {
        this.second = this.requires(PingPort);
      }
      sendVia(handle: 'first' | 'second', seq: number): void {
        this.trigger(new Ping(seq), this[handle] ?? this.first);
      }
    }
    class Rewired extends ComponentDefinition {
      readonly sender = this.create(TwoHandles);
      readonly one = this.create(Ponger);
      readonly two = this.create(Ponger);
      #channel: Channel;
      constructor() {
        super();
        this.#channel = this.connect(this.one.provided(PingPort), this.sender.required(PingPort));
      }
      rewire(): void {
        this.disconnect(this.#channel);
        this.#channel = this.connect(this.two.provided(PingPort), this.sender.required(PingPort));
      }
    }
    const h = started(Rewired);
    const sender = h.root.sender.definition;
    sender.sendVia('first', 1);
    sender.takeSecondHandle();
    sender.sendVia('second', 2);
    h.run();
    h.root.rewire();
    sender.sendVia('first', 3);
    sender.sendVia('second', 4);
    h.run();
    expect(h.root.one.definition.seen).toEqual([1, 2]);
    expect(h.root.two.definition.seen).toEqual([3, 4]);
  });

  it("refuses another component's handle even after its owner triggered on it", () => {
    /** Triggers on whatever handle it is given, which is not its own. */
    class Borrower extends ComponentDefinition {
      misuse(handle: unknown): void {
        this.trigger(new Ping(9), handle as never);
      }
    }
    class Main extends ComponentDefinition {
      readonly pair = this.create(Pair);
      readonly borrower = this.create(Borrower);
    }
    const h = started(Main);
    const sender = h.root.pair.definition.sender.definition;
    sender.send(new Ping(1));
    sender.send(new Ping(2));
    expect(() => h.root.borrower.definition.misuse(sender.port)).toThrow(KernelError);
    h.run();
    expect(h.root.pair.definition.ponger.definition.seen).toEqual([1, 2]);
  });
});

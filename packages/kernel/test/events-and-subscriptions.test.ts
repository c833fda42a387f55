import { describe, expect, it } from 'vitest';
import { ComponentDefinition, type Subscription } from '../src/index.js';
import { Ping, Pinger, PingPort, Pong, Ponger, started, UrgentPing } from './fixtures.js';

/** Provides PingPort and records, per handler, what it saw. */
class Recorder extends ComponentDefinition {
  readonly port = this.provides(PingPort);
  readonly log: string[] = [];
  subscription: Subscription | undefined;
  constructor() {
    super();
    this.subscribe(this.port, Ping, (p) => this.log.push(`first:${p.seq}`));
    this.subscribe(this.port, UrgentPing, (p) => this.log.push(`urgent:${p.seq}`));
    this.subscription = this.subscribe(this.port, Ping, (p) => this.log.push(`third:${p.seq}`));
  }
  unsubscribeThird(): void {
    this.subscription?.unsubscribe();
  }
  subscribeLate(): void {
    this.subscribe(this.port, Ping, (p) => this.log.push(`late:${p.seq}`));
  }
}

class Pair extends ComponentDefinition {
  readonly pinger = this.create(Pinger);
  readonly recorder = this.create(Recorder);
  constructor() {
    super();
    this.connect(this.recorder.provided(PingPort), this.pinger.required(PingPort));
  }
}

describe('events and subscriptions', () => {
  it('matches by class, subclasses included, running every matching handler in subscription order', () => {
    const h = started(Pair);
    h.root.pinger.definition.send(1);
    h.root.pinger.definition.sendPing(new UrgentPing(2));
    h.run();
    expect(h.root.recorder.definition.log).toEqual(['first:1', 'third:1', 'first:2', 'urgent:2', 'third:2']);
  });

  it('honours subscribe and unsubscribe at any time, even for events already queued', () => {
    const h = started(Pair);
    const recorder = h.root.recorder.definition;
    h.root.pinger.definition.send(1, 2);
    recorder.unsubscribeThird(); // events 1 and 2 are queued, not yet handled
    recorder.subscribeLate();
    h.run();
    expect(recorder.log).toEqual(['first:1', 'late:1', 'first:2', 'late:2']);
  });

  it('stops a handler in the middle of a stream when another handler unsubscribes it', () => {
    class SelfStopping extends ComponentDefinition {
      readonly port = this.provides(PingPort);
      readonly counted: number[] = [];
      readonly after: number[] = [];
      constructor() {
        super();
        let counting: Subscription | undefined;
        // Runs first: unsubscribes the counter once it reaches 5, for this very event too.
        this.subscribe(this.port, Ping, (p) => {
          if (p.seq === 5) counting?.unsubscribe();
        });
        counting = this.subscribe(this.port, Ping, (p) => this.counted.push(p.seq));
        this.subscribe(this.port, Ping, (p) => this.after.push(p.seq));
      }
    }
    class Main extends ComponentDefinition {
      readonly pinger = this.create(Pinger);
      readonly sink = this.create(SelfStopping);
      constructor() {
        super();
        this.connect(this.sink.provided(PingPort), this.pinger.required(PingPort));
      }
    }
    const h = started(Main);
    h.root.pinger.definition.send(...Array.from({ length: 10 }, (_, i) => i + 1));
    h.run();
    expect(h.root.sink.definition.counted).toEqual([1, 2, 3, 4]);
    expect(h.root.sink.definition.after).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('runs one handler at a time: an event triggered inside a handler is handled after it returns', () => {
    class Echo extends ComponentDefinition {
      readonly port = this.provides(PingPort);
      constructor() {
        super();
        this.subscribe(this.port, Ping, (p) => this.trigger(new Pong(p.seq), this.port));
      }
    }
    class Caller extends ComponentDefinition {
      readonly port = this.requires(PingPort);
      readonly log: string[] = [];
      constructor() {
        super();
        this.subscribe(this.port, Pong, (p) => {
          this.log.push(`enter:${p.reply}`);
          if (p.reply < 3) this.trigger(new Ping(p.reply + 1), this.port);
          this.log.push(`exit:${p.reply}`);
        });
      }
      kick(): void {
        this.trigger(new Ping(1), this.port);
      }
    }
    class Main extends ComponentDefinition {
      readonly caller = this.create(Caller);
      readonly echo = this.create(Echo);
      constructor() {
        super();
        this.connect(this.echo.provided(PingPort), this.caller.required(PingPort));
      }
    }
    const h = started(Main);
    h.root.caller.definition.kick();
    h.run();
    expect(h.root.caller.definition.log).toEqual([
      'enter:1',
      'exit:1',
      'enter:2',
      'exit:2',
      'enter:3',
      'exit:3',
    ]);
  });

  it('keeps the order of events sent on one channel (FIFO), across many scheduler turns', () => {
    class Main extends ComponentDefinition {
      readonly pinger = this.create(Pinger);
      readonly ponger = this.create(Ponger);
      constructor() {
        super();
        this.connect(this.ponger.provided(PingPort), this.pinger.required(PingPort));
      }
    }
    const h = started(Main);
    const seqs = Array.from({ length: 5000 }, (_, i) => i);
    h.root.pinger.definition.send(...seqs);
    h.run();
    expect(h.root.ponger.definition.seen).toEqual(seqs);
    expect(h.root.pinger.definition.pongs).toEqual(seqs);
  });

  it('drops an event no handler subscribes to without queuing it', () => {
    class Deaf extends ComponentDefinition {
      readonly port = this.provides(PingPort);
    }
    class Main extends ComponentDefinition {
      readonly pinger = this.create(Pinger);
      readonly deaf = this.create(Deaf);
      constructor() {
        super();
        this.connect(this.deaf.provided(PingPort), this.pinger.required(PingPort));
      }
    }
    const h = started(Main);
    h.root.pinger.definition.send(1);
    expect(h.scheduler.idle).toBe(true);
  });
});

import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  ComponentDefinition,
  type ControlPort,
  definePort,
  type Fault,
  type IndicationOf,
  type Kill,
  type Killed,
  PortDirectionError,
  type ProvidedPort,
  type RequestOf,
  type RequiredPort,
  type Start,
  Started,
  type Stop,
  type Stopped,
} from '../src/index.js';
import { harness, Note, NotePort, Ping, PingPort, Pong } from './fixtures.js';

describe('port directions at compile time', () => {
  it('derives request and indication types from the port declaration', () => {
    expectTypeOf<RequestOf<typeof PingPort>>().toEqualTypeOf<Ping>();
    expectTypeOf<IndicationOf<typeof PingPort>>().toEqualTypeOf<Pong>();
    expectTypeOf<RequestOf<typeof ControlPort>>().toEqualTypeOf<Start | Stop | Kill>();
    expectTypeOf<IndicationOf<typeof ControlPort>>().toEqualTypeOf<Started | Stopped | Killed | Fault>();
  });

  it('rejects wrong-direction triggers and subscriptions in the type checker', () => {
    // Never instantiated: this class exists for the type checker. Every @ts-expect-error
    // line below must be an error, or `tsc` (the typecheck step of the tests) fails.
    class Misuse extends ComponentDefinition {
      readonly req = this.requires(PingPort);
      readonly prov = this.provides(PingPort);
      readonly notes = this.requires(NotePort);
      misuse(): void {
        this.trigger(new Ping(1), this.req); // a request on a required port: fine
        this.trigger(new Pong(1), this.prov); // an indication on a provided port: fine
        this.subscribe(this.req, Pong, (p) => expectTypeOf(p).toEqualTypeOf<Pong>());
        this.subscribe(this.prov, Ping, (p) => expectTypeOf(p).toEqualTypeOf<Ping>());
        // @ts-expect-error an indication triggered on a required port
        this.trigger(new Pong(1), this.req);
        // @ts-expect-error a request triggered on a provided port
        this.trigger(new Ping(1), this.prov);
        // @ts-expect-error a request subscribed on a required port
        this.subscribe(this.req, Ping, () => {});
        // @ts-expect-error an indication subscribed on a provided port
        this.subscribe(this.prov, Pong, () => {});
        // @ts-expect-error an event of another port type
        this.trigger(new Note('a', 'b'), this.req);
      }
    }
    class Wiring extends ComponentDefinition {
      wire(): void {
        const a = this.create(Misuse);
        this.connect(a.provided(PingPort), a.required(PingPort)); // provider end to requirer end: fine
        // @ts-expect-error a channel between ports of different types
        this.connect(a.provided(PingPort), a.required(NotePort));
        // @ts-expect-error a required port cannot be the provider end of a sibling channel
        this.connect(a.required(PingPort), a.required(PingPort));
        // @ts-expect-error a child's required port is not this component's provider end
        this.connect(this.requires(PingPort), a.provided(PingPort));
        // A parent may use its child's provided port: requests in, indications out.
        this.trigger(new Ping(1), a.provided(PingPort));
        this.subscribe(a.provided(PingPort), Pong, () => {});
        // @ts-expect-error requests do not come out of a child's provided port
        this.subscribe(a.provided(PingPort), Ping, () => {});
        // @ts-expect-error indications do not go into a child's provided port
        this.trigger(new Pong(1), a.provided(PingPort));
      }
    }
    expectTypeOf<Misuse['req']>().toEqualTypeOf<RequiredPort<typeof PingPort>>();
    expectTypeOf<Misuse['prov']>().not.toEqualTypeOf<RequiredPort<typeof PingPort>>();
    expectTypeOf<ProvidedPort<typeof PingPort>>().not.toExtend<ProvidedPort<typeof NotePort>>();
    expect(Wiring).toBeTypeOf('function');
  });
});

describe('port directions at run time', () => {
  // Plain JavaScript callers bypass the types; the kernel still refuses, with a clear error.
  type Loose = (event: object, port: unknown) => void;
  type LooseSubscribe = (port: unknown, eventClass: unknown, handler: () => void) => void;

  class Untyped extends ComponentDefinition {
    readonly req = this.requires(PingPort);
    readonly prov = this.provides(PingPort);
    attempt(
      kind: 'trigger-indication' | 'trigger-request' | 'subscribe-request' | 'subscribe-indication',
    ): void {
      const trigger = this.trigger.bind(this) as unknown as Loose;
      const subscribe = this.subscribe.bind(this) as unknown as LooseSubscribe;
      if (kind === 'trigger-indication') trigger(new Pong(1), this.req);
      if (kind === 'trigger-request') trigger(new Ping(1), this.prov);
      if (kind === 'subscribe-request') subscribe(this.req, Ping, () => {});
      if (kind === 'subscribe-indication') subscribe(this.prov, Pong, () => {});
    }
  }

  it.each([
    ['trigger-indication', /Pong cannot be triggered on required port PingPort of \/main.*allows Ping/],
    ['trigger-request', /Ping cannot be triggered on provided port PingPort.*allows Pong/],
    ['subscribe-request', /cannot subscribe to Ping on required port PingPort.*delivers Pong/],
    ['subscribe-indication', /cannot subscribe to Pong on provided port PingPort.*delivers Ping/],
  ] as const)('refuses %s with a PortDirectionError naming the event and the port', (kind, message) => {
    const h = harness(Untyped, []);
    expect(() => h.root.attempt(kind)).toThrow(PortDirectionError);
    expect(() => h.root.attempt(kind)).toThrow(message);
  });

  it('refuses to trigger lifecycle indications, which only the kernel sends', () => {
    class Liar extends ComponentDefinition {
      lie(): void {
        (this.trigger.bind(this) as unknown as Loose)(new Started(), this.control);
      }
    }
    const h = harness(Liar, []);
    expect(() => h.root.lie()).toThrow(/lifecycle indications are sent by the kernel/);
  });

  it('refuses to connect ports of different types', () => {
    class Main extends ComponentDefinition {
      tryConnect(): void {
        const a = this.create(Untyped);
        const connect = this.connect.bind(this) as unknown as (a: unknown, b: unknown) => void;
        connect(a.provided(PingPort), this.create(NoteUser).required(NotePort));
      }
    }
    class NoteUser extends ComponentDefinition {
      readonly notes = this.requires(NotePort);
    }
    const h = harness(Main, []);
    expect(() => h.root.tryConnect()).toThrow(/cannot connect PingPort to NotePort/);
  });

  it('refuses a port the child does not have', () => {
    const Other = definePort('Other', { requests: [], indications: [] });
    class Main extends ComponentDefinition {
      look(): void {
        this.create(Untyped).provided(Other);
      }
    }
    expect(() => harness(Main, []).root.look()).toThrow(/does not provide Other/);
  });

  it('refuses direct construction of a component', () => {
    expect(() => new Untyped()).toThrow(/must be created by the kernel/);
  });
});

import { ComponentDefinition, ManualScheduler, Runtime, Start } from '@kompics/kernel';
import { Address, CodecError } from '@kompics/network';
import { describe, expect, it } from 'vitest';
import {
  Broadcast,
  BroadcastPayload,
  BroadcastPayloadRegistry,
  BroadcastPort,
  Deliver,
} from '../src/index.js';

class Hello extends BroadcastPayload {
  constructor(readonly who: string) {
    super();
  }
}
class Bye extends BroadcastPayload {
  declare private readonly bye: true;
}

const registry = () =>
  new BroadcastPayloadRegistry().register({
    typeId: 160,
    payloadClass: Hello,
    encode: (p) => p.who,
    decode: (body) => {
      if (typeof body !== 'string') throw new CodecError('Hello: body must be a string');
      return new Hello(body);
    },
  });

describe('BroadcastPayloadRegistry', () => {
  it('round-trips a registered payload as [typeId, body]', () => {
    const r = registry();
    expect(r.encode(new Hello('ann'))).toEqual([160, 'ann']);
    expect(r.decode([160, 'ann'])).toEqual(new Hello('ann'));
    expect(r.typeIds).toEqual([160]);
  });

  it('refuses a second codec for an id or a class, and bad ids', () => {
    const r = registry();
    const bye = { typeId: 160, payloadClass: Bye, encode: () => null, decode: () => new Bye() };
    expect(() => r.register(bye)).toThrow(/taken by Hello/);
    expect(() => r.register({ ...bye, typeId: 161, payloadClass: Hello as never })).toThrow(
      /already registered/,
    );
    expect(() => r.register({ ...bye, typeId: -1 })).toThrow(RangeError);
  });

  it('has no codec for an unregistered payload', () => {
    expect(() => registry().encode(new Bye())).toThrow(CodecError);
  });

  it.each([
    ['not an array', 'x'],
    ['a missing body', [160]],
    ['a non-numeric type', ['160', 'x']],
    ['an unknown type', [999, 'x']],
    ['a malformed body', [160, 42]],
  ])('rejects %s with a CodecError', (_what, raw) => {
    expect(() => registry().decode(raw)).toThrow(CodecError);
  });

  it('rejects a codec that decodes into the wrong class', () => {
    const r = new BroadcastPayloadRegistry().register({
      typeId: 1,
      payloadClass: Hello,
      encode: () => null,
      decode: () => new Bye() as unknown as Hello,
    });
    expect(() => r.decode([1, null])).toThrow(/did not produce a Hello/);
  });
});

describe('BroadcastPort', () => {
  it('carries Broadcast in and Deliver out', () => {
    const origin = new Address('10.0.0.1', 1);
    class Loopback extends ComponentDefinition {
      readonly port = this.provides(BroadcastPort);
      constructor() {
        super();
        this.subscribe(this.port, Broadcast, (b) =>
          this.trigger(new Deliver(b.payload, origin, 'x1', 0), this.port),
        );
      }
    }
    class User extends ComponentDefinition {
      readonly port = this.requires(BroadcastPort);
      readonly got: Deliver[] = [];
      constructor() {
        super();
        this.subscribe(this.control, Start, () => this.trigger(new Broadcast(new Hello('bob')), this.port));
        this.subscribe(this.port, Deliver, (d) => this.got.push(d));
      }
    }
    class Main extends ComponentDefinition {
      readonly loop = this.create(Loopback);
      readonly user = this.create(User);
      constructor() {
        super();
        this.connect(this.loop.provided(BroadcastPort), this.user.required(BroadcastPort));
      }
    }
    const scheduler = new ManualScheduler();
    const runtime = new Runtime({ scheduler });
    const main = runtime.bootstrap(Main);
    runtime.start();
    scheduler.runUntilIdle();
    const [d] = main.user.definition.got;
    expect(d?.payload).toEqual(new Hello('bob'));
    expect(d?.origin.equals(origin)).toBe(true);
  });
});

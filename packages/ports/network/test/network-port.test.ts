import { ComponentDefinition, ManualScheduler, Runtime } from '@kompics/kernel';
import { describe, expect, it } from 'vitest';
import {
  Address,
  CodecError,
  CodecRegistry,
  destinationSelector,
  Message,
  Network,
  NetworkStatus,
  PeerConnected,
  PeerDropped,
  PeerReconnected,
  PeerStatus,
} from '../src/index.js';

class Hello extends Message {
  constructor(
    source: Address,
    destination: Address,
    readonly text: string,
  ) {
    super(source, destination);
  }
}

const codecs = () =>
  new CodecRegistry().register({
    typeId: 1,
    messageClass: Hello,
    encode: (m) => m.text,
    decode: (body, source, destination) => {
      if (typeof body !== 'string') throw new CodecError('Hello: body must be a string');
      return new Hello(source, destination, body);
    },
  });

describe('Address', () => {
  it('is a value with a key, parsed from host:port and [v6]:port', () => {
    expect(Address.parse('127.0.0.1:7000').equals(new Address('127.0.0.1', 7000))).toBe(true);
    expect(Address.parse('[::1]:80').key).toBe('[::1]:80');
    expect(new Address('node-1', 1).toString()).toBe('node-1:1');
  });

  it.each(['', 'nohost', 'h:99999', 'h:-1', ':80', 'h:1:2'])('rejects %j with a clear error', (text) => {
    expect(() => Address.parse(text)).toThrow(/address|port/);
  });
});

describe('CodecRegistry', () => {
  it('finds codecs by class and by type id', () => {
    const registry = codecs();
    const a = new Address('a', 1);
    const hello = new Hello(a, a, 'hi');
    const codec = registry.codecFor(hello);
    expect(codec.typeId).toBe(1);
    expect(registry.codecById(1)?.decode(codec.encode(hello), a, a)).toEqual(hello);
    expect(registry.codecById(2)).toBeUndefined();
  });

  it('refuses a taken type id, a class registered twice, a bad id and an unregistered class', () => {
    const registry = codecs();
    class Other extends Message {}
    const codec = { encode: () => null, decode: () => new Other(new Address('a', 1), new Address('a', 1)) };
    expect(() => registry.register({ ...codec, typeId: 1, messageClass: Other })).toThrow(
      /type id 1 is taken by Hello/,
    );
    expect(() => registry.register({ ...codec, typeId: 2, messageClass: Hello as never })).toThrow(
      /already registered/,
    );
    expect(() => registry.register({ ...codec, typeId: 70000, messageClass: Other })).toThrow(RangeError);
    expect(() => registry.codecFor(new Other(new Address('a', 1), new Address('a', 1)))).toThrow(
      /no registered codec/,
    );
  });

  it('lets a codec reject bad input with a CodecError', () => {
    const a = new Address('a', 1);
    expect(() => codecs().codecById(1)?.decode(42, a, a)).toThrow(CodecError);
  });
});

describe('destinationSelector', () => {
  /** Echoes every message back as an indication, like a loopback network. */
  class Loopback extends ComponentDefinition {
    readonly net = this.provides(Network);
    constructor() {
      super();
      this.subscribe(this.net, Message, (m) => this.trigger(m, this.net));
    }
  }
  class Node extends ComponentDefinition {
    readonly net = this.requires(Network);
    readonly got: string[] = [];
    constructor(readonly self: Address) {
      super();
      this.subscribe(this.net, Hello, (h) => this.got.push(`${h.source}>${h.text}`));
    }
    say(to: Address, text: string): void {
      this.trigger(new Hello(this.self, to, text), this.net);
    }
  }
  class Cluster extends ComponentDefinition {
    readonly net = this.create(Loopback);
    readonly nodes = [1, 2, 3].map((i) => {
      const address = new Address('10.0.0.1', i);
      const node = this.create(Node, address);
      this.connect(this.net.provided(Network), node.required(Network), {
        selector: destinationSelector(address),
      });
      return node;
    });
  }

  it('delivers each message only to its destination node', () => {
    const scheduler = new ManualScheduler();
    const runtime = new Runtime({ scheduler });
    const cluster = runtime.bootstrap(Cluster);
    runtime.start();
    scheduler.runUntilIdle();
    const [n1, n2, n3] = cluster.nodes.map((n) => n.definition) as [Node, Node, Node];
    n1.say(n2.self, 'to two');
    n3.say(n1.self, 'to one');
    scheduler.runUntilIdle();
    expect([n1.got, n2.got, n3.got]).toEqual([['10.0.0.1:3>to one'], ['10.0.0.1:1>to two'], []]);
  });
});

describe('NetworkStatus', () => {
  const local = new Address('10.0.0.1', 1);
  const peer = new Address('10.0.0.2', 2);
  class Reporter extends ComponentDefinition {
    readonly status = this.provides(NetworkStatus);
    report(): void {
      this.trigger(new PeerConnected(local, peer), this.status);
      this.trigger(new PeerDropped(local, peer, 'closed by peer'), this.status);
      this.trigger(new PeerReconnected(local, peer), this.status);
    }
  }
  class Listener extends ComponentDefinition {
    readonly status = this.requires(NetworkStatus);
    readonly heard: string[] = [];
    constructor() {
      super();
      this.subscribe(this.status, PeerStatus, (news) =>
        this.heard.push(`${news.constructor.name} ${news.peer}`),
      );
      this.subscribe(this.status, PeerDropped, (news) => this.heard.push(news.reason));
    }
  }
  class Main extends ComponentDefinition {
    readonly reporter = this.create(Reporter);
    readonly listener = this.create(Listener);
    constructor() {
      super();
      this.connect(this.reporter.provided(NetworkStatus), this.listener.required(NetworkStatus));
    }
  }

  it('carries connection news as indications, matched by class and base class', () => {
    const scheduler = new ManualScheduler();
    const runtime = new Runtime({ scheduler });
    const main = runtime.bootstrap(Main);
    runtime.start();
    scheduler.runUntilIdle();
    main.reporter.definition.report();
    scheduler.runUntilIdle();
    expect(main.listener.definition.heard).toEqual([
      'PeerConnected 10.0.0.2:2',
      'PeerDropped 10.0.0.2:2',
      'closed by peer',
      'PeerReconnected 10.0.0.2:2',
    ]);
  });
});

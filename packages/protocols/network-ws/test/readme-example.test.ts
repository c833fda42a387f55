// The README's example, run.
import { ComponentDefinition, Runtime } from '@kompics/kernel';
import {
  Address,
  CodecError,
  CodecRegistry,
  Message,
  Network,
  NetworkStatus,
  PeerConnected,
} from '@kompics/network';
import { expect, it } from 'vitest';
import { WsNetwork } from '../src/index.js';
import { driver, freePort } from './helpers.js';

class Hello extends Message {
  constructor(
    source: Address,
    destination: Address,
    readonly text: string,
  ) {
    super(source, destination);
  }
}

const codecs = new CodecRegistry().register({
  typeId: 1,
  messageClass: Hello,
  encode: (m) => m.text,
  decode: (body, source, destination) => {
    if (typeof body !== 'string') throw new CodecError('Hello: body must be a string');
    return new Hello(source, destination, body);
  },
});

class Greeter extends ComponentDefinition {
  readonly net = this.requires(Network);
  readonly heard: string[] = [];
  constructor(readonly self: Address) {
    super();
    this.subscribe(this.net, Hello, (hello) => this.heard.push(`${hello.source} says ${hello.text}`));
  }
  greet(peer: Address): void {
    this.trigger(new Hello(this.self, peer, 'hi'), this.net);
  }
}

class Node extends ComponentDefinition {
  readonly network;
  readonly greeter;
  readonly news: string[] = [];
  constructor(self: Address) {
    super();
    this.network = this.create(WsNetwork, { self, codecs, clusterSecret: 'a secret of at least 16 bytes' });
    this.greeter = this.create(Greeter, self);
    this.connect(this.network.provided(Network), this.greeter.required(Network));
    this.subscribe(this.network.provided(NetworkStatus), PeerConnected, (news) =>
      this.news.push(`connected to ${news.peer}`),
    );
  }
}

it('runs the README example', async () => {
  const [a, b] = [new Address('127.0.0.1', await freePort()), new Address('127.0.0.1', await freePort())];
  const runtimeA = new Runtime();
  const nodeA = runtimeA.bootstrap(Node, a);
  const runtimeB = new Runtime();
  const nodeB = runtimeB.bootstrap(Node, b);
  runtimeA.start();
  runtimeB.start();
  await Promise.all([nodeA.network.definition.listening(), nodeB.network.definition.listening()]);
  nodeA.greeter.definition.greet(b);
  await driver.waitFor(() => nodeB.greeter.definition.heard.length === 1, { what: 'the greeting' });
  expect(nodeB.greeter.definition.heard).toEqual([`${a} says hi`]);
  expect(nodeA.news).toEqual([`connected to ${b}`]);
  runtimeA.kill();
  runtimeB.kill();
  await Promise.all([nodeA.network.definition.close(), nodeB.network.definition.close()]);
});

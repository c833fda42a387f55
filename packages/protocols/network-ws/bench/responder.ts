// The benchmark's far side, in its own process: node dist-bench/bench/responder.js <kompics|plain> <port>
// Prints {"ready":true} once it listens.
import { ComponentDefinition, Runtime } from '@kompics/kernel';
import { Address, Network } from '@kompics/network';
import { WebSocketServer } from 'ws';
import { WsNetwork } from '../src/index.js';
import { Data, Ping, Pong, testCodecs } from '../test/fixtures/messages.js';
import { ACK_EVERY, plainFrame, plainPackr, TYPE_IDS } from './bench-protocol.js';

class Responder extends ComponentDefinition {
  readonly network = this.requires(Network);
  #received = 0;
  constructor(readonly self: Address) {
    super();
    this.subscribe(this.network, Data, (data) => {
      if (data.seq === 0) this.#received = 0;
      this.#received++;
      if (this.#received % ACK_EVERY === 0) {
        this.trigger(new Pong(this.self, data.source, this.#received, ''), this.network);
      }
    });
    this.subscribe(this.network, Ping, (ping) => {
      this.trigger(new Pong(this.self, ping.source, ping.seq, ping.payload), this.network);
    });
  }
}

class ResponderMain extends ComponentDefinition {
  constructor(self: Address) {
    super();
    const net = this.create(WsNetwork, { self, codecs: testCodecs(), maxQueuedMessages: 1_000_000 });
    const responder = this.create(Responder, self);
    this.connect(net.provided(Network), responder.required(Network));
  }
}

const [mode, portText] = process.argv.slice(2);
const port = Number(portText);
const ready = () => process.stdout.write(`${JSON.stringify({ ready: true })}\n`);

if (mode === 'kompics') {
  const runtime = new Runtime();
  runtime.bootstrap(ResponderMain, new Address('127.0.0.1', port));
  runtime.start();
  // The listen socket is up within a few event-loop turns.
  setTimeout(ready, 200);
} else {
  const wss = new WebSocketServer({ host: '127.0.0.1', port, perMessageDeflate: false });
  wss.on('listening', ready);
  wss.on('connection', (socket) => {
    let received = 0;
    socket.on('message', (bytes) => {
      const [typeId, [seq, payload]] = plainPackr.unpack(bytes as Buffer) as [number, [number, string]];
      if (typeId === TYPE_IDS.data) {
        if (seq === 0) received = 0;
        received++;
        if (received % ACK_EVERY === 0) socket.send(plainFrame(TYPE_IDS.pong, received, ''));
      } else if (typeId === TYPE_IDS.ping) {
        socket.send(plainFrame(TYPE_IDS.pong, seq, payload));
      }
    });
  });
}

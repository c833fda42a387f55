// The benchmark's near side: the same two workloads over WsNetwork and over plain ws + msgpackr.
import { ComponentDefinition } from '@kompics/kernel';
import { type Address, Network } from '@kompics/network';
import { WebSocket } from 'ws';
import { Data, Ping, Pong } from '../test/fixtures/messages.js';
import { plainFrame, plainPackr, TYPE_IDS } from './bench-protocol.js';

/** A workload: resolves when done. */
export interface Workloads {
  /** Streams `count` Data messages with at most `window` unacknowledged. */
  stream(count: number, window: number, payload: string): Promise<void>;
  /** Sends `count` Pings keeping `concurrency` outstanding. */
  requestResponse(count: number, concurrency: number, payload: string): Promise<void>;
}

/** The workloads as a Kompics component over the Network port. */
export class BenchClient extends ComponentDefinition implements Workloads {
  readonly network = this.requires(Network);
  #onPong: (pong: Pong) => void = () => {};

  constructor(
    readonly self: Address,
    readonly peer: Address,
  ) {
    super();
    this.subscribe(this.network, Pong, (pong) => this.#onPong(pong));
  }

  stream(count: number, window: number, payload: string): Promise<void> {
    return new Promise((resolve) => {
      let sent = 0;
      const sendUpTo = (limit: number) => {
        const end = Math.min(count, limit);
        for (; sent < end; sent++) this.trigger(new Data(this.self, this.peer, sent, payload), this.network);
      };
      this.#onPong = (ack) => {
        if (ack.seq >= count) resolve();
        else sendUpTo(ack.seq + window);
      };
      sendUpTo(window);
    });
  }

  requestResponse(count: number, concurrency: number, payload: string): Promise<void> {
    return new Promise((resolve) => {
      let sent = 0;
      let answered = 0;
      const send = () => this.trigger(new Ping(this.self, this.peer, sent++, payload), this.network);
      this.#onPong = () => {
        answered++;
        if (answered === count) resolve();
        else if (sent < count) send();
      };
      for (let i = 0; i < Math.min(concurrency, count); i++) send();
    });
  }
}

/** The baseline: the same workloads with plain ws and msgpackr, one frame per message. */
export class PlainClient implements Workloads {
  #onPong: (seq: number) => void = () => {};
  private constructor(readonly socket: WebSocket) {
    socket.on('message', (bytes) => {
      const [, [seq]] = plainPackr.unpack(bytes as Buffer) as [number, [number, string]];
      this.#onPong(seq);
    });
  }

  static connect(port: number): Promise<PlainClient> {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/`, { perMessageDeflate: false });
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new PlainClient(socket)));
      socket.once('error', reject);
    });
  }

  stream(count: number, window: number, payload: string): Promise<void> {
    return new Promise((resolve) => {
      let sent = 0;
      const sendUpTo = (limit: number) => {
        const end = Math.min(count, limit);
        for (; sent < end; sent++) this.socket.send(plainFrame(TYPE_IDS.data, sent, payload));
      };
      this.#onPong = (acked) => {
        if (acked >= count) resolve();
        else sendUpTo(acked + window);
      };
      sendUpTo(window);
    });
  }

  requestResponse(count: number, concurrency: number, payload: string): Promise<void> {
    return new Promise((resolve) => {
      let sent = 0;
      let answered = 0;
      const send = () => this.socket.send(plainFrame(TYPE_IDS.ping, sent++, payload));
      this.#onPong = () => {
        answered++;
        if (answered === count) resolve();
        else if (sent < count) send();
      };
      for (let i = 0; i < Math.min(concurrency, count); i++) send();
    });
  }

  close(): void {
    this.socket.terminate();
  }
}

import { createConnection, createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  type Child,
  ComponentDefinition,
  definePort,
  EventLoopScheduler,
  Runtime,
  Start,
} from '../src/index.js';

class Tick {
  declare private readonly brand: 'tick';
}
class Tock {
  declare private readonly brand: 'tock';
}
const LoopPort = definePort('Loop', { requests: [Tick], indications: [Tock] });

/** Keeps itself busy forever: every Tick it gets answers a Tock, every Tock a Tick. */
class Spinner extends ComponentDefinition {
  readonly out = this.requires(LoopPort);
  readonly in = this.provides(LoopPort);
  handled = 0;
  running = true;
  constructor() {
    super();
    this.subscribe(this.control, Start, () => this.trigger(new Tick(), this.out));
    this.subscribe(this.in, Tick, () => {
      this.handled++;
      if (this.running) this.trigger(new Tock(), this.in);
    });
    this.subscribe(this.out, Tock, () => {
      this.handled++;
      if (this.running) this.trigger(new Tick(), this.out);
    });
  }
}

class Spinners extends ComponentDefinition {
  readonly spinners: Child<Spinner>[] = [];
  constructor(count: number) {
    super();
    for (let i = 0; i < count; i++) {
      const s = this.create(Spinner);
      this.connect(s.provided(LoopPort), s.required(LoopPort));
      this.spinners.push(s);
    }
  }
  halt(): void {
    for (const s of this.spinners) s.definition.running = false;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('EventLoopScheduler', () => {
  it('is fair: busy components progress at comparable rates', async () => {
    const runtime = new Runtime({ scheduler: new EventLoopScheduler() });
    const root = runtime.bootstrap(Spinners, 3);
    runtime.start();
    await sleep(200);
    root.halt();
    const counts = root.spinners.map((s) => s.definition.handled);
    const least = Math.min(...counts);
    const most = Math.max(...counts);
    expect(least).toBeGreaterThan(1000);
    expect(most / least).toBeLessThan(1.5);
  });

  it('yields to I/O: a socket on loopback is served while components are saturated', async () => {
    const server = createServer((socket) => socket.on('data', () => socket.end('pong')));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP address');
    const runtime = new Runtime({ scheduler: new EventLoopScheduler() });
    const root = runtime.bootstrap(Spinners, 2);
    runtime.start();
    try {
      await sleep(20);
      const before = root.spinners[0]?.definition.handled ?? 0;
      const reply = await new Promise<string>((resolve, reject) => {
        const client = createConnection(address.port, '127.0.0.1', () => client.write('ping'));
        let data = '';
        client.on('data', (chunk) => {
          data += chunk.toString();
        });
        client.on('end', () => resolve(data));
        client.on('error', reject);
      });
      const after = root.spinners[0]?.definition.handled ?? 0;
      expect(reply).toBe('pong');
      // The components kept running while the socket was served.
      expect(after).toBeGreaterThan(before);
    } finally {
      root.halt();
      server.close();
    }
  });
});

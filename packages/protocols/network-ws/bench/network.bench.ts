// Messages per second between two processes on loopback, WsNetwork against plain ws + msgpackr
// sending one frame per message, measured in the same run with alternating rounds.
// Usage: pnpm --filter @kompics/network-ws bench [--json] [--messages N] [--rounds N] [--payload BYTES]
//   (pnpm --silent --filter ... bench --json keeps pnpm's banner off stdout)
//
// Workloads (identical on both sides, see bench-protocol.ts):
// - stream: N Data messages, the receiver acknowledges every 1000, the sender keeps at most
//   10 000 unacknowledged;
// - request/response: N Pings answered by Pongs, with 1 and with 64 outstanding.
// A figure is the median of `rounds` timed rounds after one warm-up round.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type Child, ComponentDefinition, Runtime } from '@kompics/kernel';
import { Address, Network } from '@kompics/network';
import { WsNetwork } from '../src/index.js';
import { testCodecs } from '../test/fixtures/messages.js';
import { BenchClient, PlainClient, type Workloads } from './clients.js';

const RESPONDER = fileURLToPath(new URL('./responder.js', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

async function responder(mode: 'kompics' | 'plain', port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [RESPONDER, mode, String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`responder exited with ${code}`)));
  });
  return child;
}

class ClientMain extends ComponentDefinition {
  readonly client: Child<BenchClient>;
  constructor(self: Address, peer: Address) {
    super();
    const net = this.create(WsNetwork, { self, codecs: testCodecs(), maxQueuedMessages: 1_000_000 });
    this.client = this.create(BenchClient, self, peer);
    this.connect(net.provided(Network), this.client.required(Network));
  }
}

interface Scenario {
  readonly name: string;
  readonly messages: number;
  readonly run: (w: Workloads, payload: string) => Promise<void>;
}

interface Result {
  readonly scenario: string;
  readonly messages: number;
  /** Median messages per second through WsNetwork. */
  readonly kompicsPerSecond: number;
  /** Median messages per second through plain ws + msgpackr, one frame per message. */
  readonly plainPerSecond: number;
  /** kompicsPerSecond / plainPerSecond. */
  readonly ratio: number;
  readonly kompicsSamples: readonly number[];
  readonly plainSamples: readonly number[];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function positiveInteger(flag: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) {
    process.stderr.write(`--${flag} must be a positive integer, got ${JSON.stringify(raw)}\n`);
    process.exit(2);
  }
  return value;
}

async function timed(messages: number, run: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await run();
  return messages / ((performance.now() - started) / 1000);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      messages: { type: 'string' },
      rounds: { type: 'string' },
      payload: { type: 'string' },
    },
    allowPositionals: true,
  });
  const messages = positiveInteger('messages', values.messages, 200_000);
  const rounds = positiveInteger('rounds', values.rounds, 5);
  const payload = 'p'.repeat(positiveInteger('payload', values.payload, 32));
  const scenarios: Scenario[] = [
    { name: 'stream', messages, run: (w, p) => w.stream(messages, 10_000, p) },
    {
      name: 'request/response, 64 outstanding',
      messages: Math.max(1, messages / 4),
      run: (w, p) => w.requestResponse(Math.max(1, messages / 4), 64, p),
    },
    {
      name: 'request/response, 1 outstanding',
      messages: Math.max(1, messages / 20),
      run: (w, p) => w.requestResponse(Math.max(1, messages / 20), 1, p),
    },
  ];

  const [kompicsPort, plainPort, selfPort] = [await freePort(), await freePort(), await freePort()];
  const kompicsResponder = await responder('kompics', kompicsPort);
  const plainResponder = await responder('plain', plainPort);
  const runtime = new Runtime();
  const main = runtime.bootstrap(
    ClientMain,
    new Address('127.0.0.1', selfPort),
    new Address('127.0.0.1', kompicsPort),
  );
  runtime.start();
  const kompics = main.client.definition;
  const plain = await PlainClient.connect(plainPort);

  const results: Result[] = [];
  try {
    for (const scenario of scenarios) {
      const kompicsSamples: number[] = [];
      const plainSamples: number[] = [];
      // One warm-up round each, then alternating timed rounds: both see the same machine.
      for (let round = 0; round <= rounds; round++) {
        const k = await timed(scenario.messages, () => scenario.run(kompics, payload));
        const p = await timed(scenario.messages, () => scenario.run(plain, payload));
        if (round > 0) {
          kompicsSamples.push(k);
          plainSamples.push(p);
        }
      }
      const kompicsPerSecond = median(kompicsSamples);
      const plainPerSecond = median(plainSamples);
      results.push({
        scenario: scenario.name,
        messages: scenario.messages,
        kompicsPerSecond,
        plainPerSecond,
        ratio: kompicsPerSecond / plainPerSecond,
        kompicsSamples,
        plainSamples,
      });
    }
  } finally {
    plain.close();
    runtime.kill();
    kompicsResponder.kill();
    plainResponder.kill();
  }

  const environment = {
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    payloadBytes: payload.length,
    rounds,
  };
  if (values.json === true) {
    process.stdout.write(
      `${JSON.stringify({ benchmark: '@kompics/network-ws', environment, results }, null, 2)}\n`,
    );
  } else {
    console.log(
      `@kompics/network-ws: messages/s between two processes on 127.0.0.1, median of ${rounds} rounds; ` +
        `${environment.cores} × ${environment.cpu}, Node ${environment.node}, payload ${payload.length} B`,
    );
    const rows = [
      ['scenario', 'messages', 'WsNetwork msg/s', 'plain ws msg/s', 'ratio'],
      ...results.map((r) => [
        r.scenario,
        String(r.messages),
        Math.round(r.kompicsPerSecond).toLocaleString('en-US'),
        Math.round(r.plainPerSecond).toLocaleString('en-US'),
        `${r.ratio.toFixed(2)}×`,
      ]),
    ];
    const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => (row[i] as string).length))) ?? [];
    for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i] as number)).join('  '));
  }
  // The runtime's sockets are gone; let the process end even if a timer lingers.
  setTimeout(() => process.exit(0), 100).unref();
}

await main();

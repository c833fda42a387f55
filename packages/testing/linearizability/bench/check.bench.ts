// Operations checked per second on seeded, linearizable kv histories.
// Usage: pnpm --filter @kompics/linearizability bench [-- --json] [--timeout ms]
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import {
  checkHistory,
  decodeKvRecord,
  kvModel,
  parseHistory,
  partitionHistory,
  randomKvHistory,
} from '../src/index.js';

interface Row {
  readonly operations: number;
  readonly keys: number;
  readonly clients: number;
  readonly verdict: string;
  /** Wall time of checkHistory on the parsed history. */
  readonly checkMs: number;
  readonly opsPerSecond: number;
  /** Wall time of the baseline: parsing the JSON Lines text and splitting it per key. */
  readonly baselineMs: number;
  /** checkMs / baselineMs. */
  readonly ratio: number;
  readonly steps: number;
}

const { values } = parseArgs({
  options: { json: { type: 'boolean' }, timeout: { type: 'string' } },
  allowPositionals: true,
});
const timeoutMs = Number(values.timeout ?? 10_000);

const rows: Row[] = [];
for (const operations of [10_000, 100_000]) {
  for (const keys of [1, 1000]) {
    for (const clients of [10, 50]) {
      rows.push(measure(operations, keys, clients));
    }
  }
}

if (values.json === true) {
  process.stdout.write(`${JSON.stringify({ node: process.version, timeoutMs, rows }, null, 2)}\n`);
} else {
  console.log(
    `lincheck bench (node ${process.version}, budget ${timeoutMs} ms per history; ratio = check / (parse + partition))`,
  );
  console.log(
    ['operations', 'keys', 'clients', 'verdict', 'check ms', 'ops/s', 'baseline ms', 'ratio', 'steps'].join(
      '\t',
    ),
  );
  for (const r of rows) {
    console.log(
      [
        r.operations,
        r.keys,
        r.clients,
        r.verdict,
        r.checkMs.toFixed(1),
        Math.round(r.opsPerSecond),
        r.baselineMs.toFixed(1),
        r.ratio.toFixed(2),
        r.steps,
      ].join('\t'),
    );
  }
}

function measure(operations: number, keys: number, clients: number): Row {
  const seed = operations * 31 + keys * 7 + clients;
  const generated = randomKvHistory({ operations, keys, clients, seed });
  const text = generated
    .map((op) =>
      JSON.stringify({
        client: op.client,
        call: op.call,
        return: op.return,
        ...op.input,
        ...('output' in op ? { output: op.output } : {}),
      }),
    )
    .join('\n');
  // Warm up both paths on a small history so the JIT has compiled them before timing.
  const warm = randomKvHistory({ operations: 2000, keys, clients, seed: seed + 1 });
  checkHistory(kvModel, warm, { timeoutMs: 1000 });

  let started = performance.now();
  const history = parseHistory(text, decodeKvRecord);
  partitionHistory(kvModel, history);
  const baselineMs = performance.now() - started;

  started = performance.now();
  const result = checkHistory(kvModel, history, { timeoutMs });
  const checkMs = performance.now() - started;
  return {
    operations,
    keys,
    clients,
    verdict: result.verdict,
    checkMs,
    opsPerSecond: result.verdict === 'linearizable' ? operations / (checkMs / 1000) : 0,
    baselineMs,
    ratio: checkMs / baselineMs,
    steps: result.steps,
  };
}

import { type CatsClient, connect } from '@cats/client';
import type { HistoryRecorder } from './history.js';

/** Options of {@link runWorkload}. */
export interface WorkloadOptions {
  /** Node URLs the clients start from. */
  readonly nodes: readonly string[];
  /** Concurrent clients (each its own `@cats/client` connection, one operation at a time). Default 4. */
  readonly clients?: number;
  /** Keys used (`k0`..). Few keys: more contention, harder histories. Default 8. */
  readonly keys?: number;
  /** Share of reads (rest: puts, and 5% deletes). Default 0.5. */
  readonly readRatio?: number;
  /** Per-operation budget of the client, ms. Default 3 000. */
  readonly timeoutMs?: number;
  /** Bearer token. */
  readonly token?: string;
  /** Pause between a client's operations, ms. Default 5. */
  readonly thinkMs?: number;
  /** Key prefix (runs can share a cluster). Default `k`. */
  readonly keyPrefix?: string;
}

/** A running workload: stop it to get the clients closed. */
export interface RunningWorkload {
  /** Stops issuing operations and waits for the ones in flight. */
  stop(): Promise<void>;
  /** Operations completed so far (ok or failed). */
  readonly issued: () => number;
  /** Keys written (put) so far. */
  readonly keys: () => ReadonlySet<string>;
}

/** Client number used by the final reads after a run. */
export const FINAL_READER = 1_000;

/**
 * Starts concurrent clients doing puts, gets and deletes on a small key space through
 * `@cats/client`, every operation recorded in `recorder`. Each put writes a unique value
 * (`c<client>-<n>`), so the checker can tell every write apart.
 */
export async function runWorkload(
  recorder: HistoryRecorder,
  options: WorkloadOptions,
): Promise<RunningWorkload> {
  const count = options.clients ?? 4;
  const keys = options.keys ?? 8;
  const readRatio = options.readRatio ?? 0.5;
  const prefix = options.keyPrefix ?? 'k';
  const written = new Set<string>();
  // The harness's own bound: the client's budget and a margin (a client that overruns is counted).
  const deadline = (options.timeoutMs ?? 3_000) + 5_000;
  let running = true;
  let issued = 0;
  const clients: CatsClient[] = [];
  for (let c = 0; c < count; c++) {
    clients.push(
      await connect(
        { nodes: options.nodes },
        {
          timeoutMs: options.timeoutMs ?? 3_000,
          retries: 4,
          refreshIntervalMs: 1_000,
          ...(options.token === undefined ? {} : { token: options.token }),
        },
      ),
    );
  }
  const loops = clients.map(async (db, c) => {
    let n = 0;
    while (running) {
      const key = `${prefix}${Math.floor(Math.random() * keys)}`;
      const dice = Math.random();
      if (dice < readRatio) {
        await recorder.record(c, { f: 'get', key }, async () => (await db.getString(key)) ?? null, deadline);
      } else if (dice < readRatio + 0.05) {
        await recorder.record(
          c,
          { f: 'delete', key },
          async () => {
            await db.delete(key);
            return null;
          },
          deadline,
        );
      } else {
        const value = `c${c}-${n++}`;
        written.add(key);
        await recorder.record(
          c,
          { f: 'put', key, value },
          async () => {
            await db.put(key, value);
            return null;
          },
          deadline,
        );
      }
      issued++;
      if ((options.thinkMs ?? 5) > 0) await new Promise((r) => setTimeout(r, options.thinkMs ?? 5));
    }
  });
  return {
    issued: () => issued,
    keys: () => written,
    async stop() {
      running = false;
      await Promise.all(loops);
      for (const db of clients) db.close();
    },
  };
}

/**
 * Reads every key once more after the faults are over (client {@link FINAL_READER}), retrying
 * a failed read a few times; the reads go into the history, so a lost acknowledged write
 * shows up as a linearizability violation. Resolves with the keys that could not be read.
 */
export async function finalReads(
  recorder: HistoryRecorder,
  nodes: readonly string[],
  keys: Iterable<string>,
  token?: string,
): Promise<string[]> {
  const db = await connect(
    { nodes },
    { timeoutMs: 5_000, retries: 8, ...(token === undefined ? {} : { token }) },
  );
  const unread: string[] = [];
  try {
    for (const key of keys) {
      let ok = false;
      for (let attempt = 0; attempt < 5 && !ok; attempt++) {
        const op = await recorder.record(
          FINAL_READER,
          { f: 'get', key },
          async () => (await db.getString(key)) ?? null,
          15_000,
        );
        ok = op.return !== null;
        if (!ok) await new Promise((r) => setTimeout(r, 1_000));
      }
      if (!ok) unread.push(key);
    }
  } finally {
    db.close();
  }
  return unread;
}

import { writeFileSync } from 'node:fs';
import type { KvInput, KvOutput, Operation } from '@kompics/linearizability';

/** One recorded key-value operation (the checker's `Operation` with a failure note). */
export type RecordedOperation = Operation<KvInput, KvOutput> & {
  /** Why it failed (client error code and message), when it did. */
  readonly error?: string;
  /** When the failure was reported (same clock as `call`): how long the client took to give up. */
  readonly failedAt?: number;
};

/** Microseconds since the recorder's origin, as an integer (the history's time unit). */
function nowMicros(origin: number): number {
  return Math.round((performance.now() - origin) * 1000);
}

/**
 * Records every operation of a run: call and return times (µs, one clock for all clients),
 * input, output or failure. A failed write is kept with `return: null` (it may or may not have
 * taken effect); a failed read too (the checker drops pending reads).
 */
export class HistoryRecorder {
  readonly #origin = performance.now();
  readonly #ops: RecordedOperation[] = [];
  #overruns = 0;

  /** Time now on the history's clock. */
  now(): number {
    return nowMicros(this.#origin);
  }

  /**
   * Runs `body` as the operation `input` of `client`, recording it. Resolves with the recorded
   * operation (never rejects for a failed operation). With `deadlineMs`, an operation still
   * running then is recorded as pending (it may take effect later) and left to finish.
   */
  async record(
    client: number,
    input: KvInput,
    body: () => Promise<KvOutput>,
    deadlineMs?: number,
  ): Promise<RecordedOperation> {
    const call = this.now();
    let op: RecordedOperation;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const work = body();
      const output =
        deadlineMs === undefined
          ? await work
          : await Promise.race([
              work,
              new Promise<never>((_, reject) => {
                timer = setTimeout(() => {
                  this.#overruns++;
                  reject(
                    Object.assign(new Error(`the client did not settle within ${deadlineMs} ms`), {
                      code: 'overrun',
                    }),
                  );
                }, deadlineMs);
              }),
            ]);
      op =
        input.f === 'get'
          ? { client, call, return: this.now(), input, output }
          : { client, call, return: this.now(), input, output: null };
    } catch (error) {
      const code = (error as { code?: string }).code;
      op = {
        client,
        call,
        return: null,
        input,
        error: `${code ?? 'error'}: ${(error as Error).message}`,
        failedAt: this.now(),
      };
    } finally {
      if (timer !== undefined) clearTimeout(timer);
    }
    this.#ops.push(op);
    return op;
  }

  /**
   * Operations the client had not settled by their deadline (recorded as pending, left
   * running): each is a client that overran its own time budget.
   */
  get overruns(): number {
    return this.#overruns;
  }

  /** Every operation recorded so far, in completion order. */
  get operations(): readonly RecordedOperation[] {
    return this.#ops;
  }

  /** The history as JSON Lines in `@kompics/linearizability`'s format (`lincheck check file --model kv`). */
  toJsonl(): string {
    return this.#ops
      .map((op) => {
        const line: Record<string, unknown> = {
          client: op.client,
          call: op.call,
          return: op.return,
          ...op.input,
        };
        if (op.return !== null && op.input.f === 'get') line.output = op.output ?? null;
        if (op.error !== undefined) line.error = op.error;
        if (op.failedAt !== undefined) line.failedAt = op.failedAt;
        return JSON.stringify(line);
      })
      .join('\n')
      .concat('\n');
  }

  /** Writes {@link toJsonl} to `path`. */
  save(path: string): void {
    writeFileSync(path, this.toJsonl());
  }
}

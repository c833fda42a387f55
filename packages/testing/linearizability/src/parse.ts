import type { Operation } from './operation.js';

/** A malformed history line: `line` is 1-based. */
export class HistoryParseError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = 'HistoryParseError';
  }
}

/** Thrown by a {@link RecordDecoder} for a record it cannot read; the parser adds the line number. */
export class RecordError extends Error {
  override readonly name = 'RecordError';
}

/** What a decoder makes of one record's model-specific fields. */
export interface DecodedRecord<Input, Output> {
  readonly input: Input;
  /** Absent for an operation that never returned. */
  readonly output?: Output;
}

/**
 * Reads the model-specific fields (`f`, `key`, `value`, `output`, ...) of one JSON record.
 * `pending` is true when the operation never returned; then its output is unknown and must not be required.
 * Throws {@link RecordError} saying what is wrong.
 */
export type RecordDecoder<Input, Output> = (
  record: Readonly<Record<string, unknown>>,
  pending: boolean,
) => DecodedRecord<Input, Output>;

/**
 * Parses a JSON Lines history, one operation per line: `client`, `call` and `return` (integers;
 * `return` is `null` for an operation that never returned) plus the fields the decoder reads.
 * Blank lines are skipped.
 *
 * @throws HistoryParseError naming the first malformed line and what is wrong with it.
 */
export function parseHistory<Input, Output>(
  text: string,
  decode: RecordDecoder<Input, Output>,
): Operation<Input, Output>[] {
  const ops: Operation<Input, Output>[] = [];
  const lines = text.split('\n');
  for (let l = 0; l < lines.length; l++) {
    const raw = lines[l]!.trim();
    if (raw === '') continue;
    const line = l + 1;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (e) {
      throw new HistoryParseError(line, `not valid JSON (${e instanceof Error ? e.message : String(e)})`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new HistoryParseError(line, 'expected a JSON object');
    }
    try {
      ops.push(parseRecord(value as Record<string, unknown>, line, decode));
    } catch (e) {
      if (e instanceof RecordError) throw new HistoryParseError(line, e.message);
      throw e;
    }
  }
  return ops;
}

function parseRecord<Input, Output>(
  record: Record<string, unknown>,
  line: number,
  decode: RecordDecoder<Input, Output>,
): Operation<Input, Output> {
  const client = integerField(record, 'client');
  const call = integerField(record, 'call');
  if (!('return' in record))
    throw new RecordError('missing field "return" (use null for an operation that never returned)');
  const ret = record.return === null ? null : integerField(record, 'return');
  if (ret !== null && ret < call) throw new RecordError(`"return" (${ret}) is before "call" (${call})`);
  const { input, output } = decode(record, ret === null);
  const base = { client, call, return: ret, input, line };
  return ret === null || output === undefined ? base : { ...base, output };
}

function integerField(record: Record<string, unknown>, name: string): number {
  const v = record[name];
  if (v === undefined) throw new RecordError(`missing field "${name}"`);
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) {
    throw new RecordError(`field "${name}" must be an integer (got ${JSON.stringify(v)})`);
  }
  return v;
}

/** Reads a string field; throws a {@link RecordError} naming the field when it is missing or not a string. */
export function stringField(record: Readonly<Record<string, unknown>>, name: string): string {
  const v = record[name];
  if (v === undefined) throw new RecordError(`missing field "${name}"`);
  if (typeof v !== 'string')
    throw new RecordError(`field "${name}" must be a string (got ${JSON.stringify(v)})`);
  return v;
}

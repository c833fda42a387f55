import { hashNumber, hashString } from '../hash.js';
import { accept, defineModel, type Model, REJECTED } from '../model.js';
import { type DecodedRecord, RecordError } from '../parse.js';

/** A value a register holds. */
export type RegisterValue = string | number;

/** An operation on a register; `key` names the register (absent: the single register). */
export type RegisterInput =
  | { readonly f: 'read'; readonly key?: string }
  | { readonly f: 'write'; readonly key?: string; readonly value: RegisterValue }
  | {
      readonly f: 'cas';
      readonly key?: string;
      readonly expected: RegisterValue | null;
      readonly value: RegisterValue;
    };

/** What a register operation returns: a read the value (null: never written), a cas whether it swapped. */
export type RegisterOutput = RegisterValue | null | boolean;

/** The state of one register: its value, or null before the first write. */
export type RegisterState = RegisterValue | null;

/**
 * Read/write/compare-and-set registers, one independent register per key. A read of a never-written
 * register returns null; `cas(expected, value)` writes `value` and returns true when the register holds
 * `expected`, and otherwise returns false and changes nothing.
 */
export const registerModel: Model<RegisterState, RegisterInput, RegisterOutput> = defineModel<
  RegisterState,
  RegisterInput,
  RegisterOutput
>({
  name: 'register',
  init: () => null,
  step(state, input, output) {
    switch (input.f) {
      case 'read':
        return output === undefined || output === state ? accept(state) : REJECTED;
      case 'write':
        return accept(input.value);
      case 'cas': {
        const swaps = state === input.expected;
        if (output === undefined) return accept(swaps ? input.value : state);
        if (output !== swaps) return REJECTED;
        return accept(swaps ? input.value : state);
      }
    }
  },
  equal: (a, b) => a === b,
  hash: (s) => (s === null ? 0x9e3779b9 : typeof s === 'number' ? hashNumber(s) : hashString(s)),
  partition: (input) => input.key ?? '',
  readOnly: (input) => input.f === 'read',
  describeOperation(input, output) {
    const key = input.key === undefined ? '' : `${input.key}`;
    const out = output === undefined ? '?' : show(output);
    switch (input.f) {
      case 'read':
        return `read(${key}) → ${out}`;
      case 'write':
        return `write(${key ? `${key}, ` : ''}${show(input.value)})`;
      case 'cas':
        return `cas(${key ? `${key}, ` : ''}${show(input.expected)}, ${show(input.value)}) → ${out}`;
    }
  },
  describeState: (s) => show(s),
});

function show(v: RegisterOutput): string {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

function registerValue(record: Readonly<Record<string, unknown>>, name: string): RegisterValue {
  const v = record[name];
  if (v === undefined) throw new RecordError(`missing field "${name}"`);
  if (typeof v !== 'string' && typeof v !== 'number') {
    throw new RecordError(`field "${name}" must be a string or a number (got ${JSON.stringify(v)})`);
  }
  return v;
}

/**
 * Reads a register history record: `f` is read, write or cas; `key` is optional; a write carries
 * `value`; a cas carries `expected` (null matches a never-written register), `value` and a boolean
 * `output`; a read carries its result as `output` (null: never written).
 */
export function decodeRegisterRecord(
  record: Readonly<Record<string, unknown>>,
  pending: boolean,
): DecodedRecord<RegisterInput, RegisterOutput> {
  const rawKey = record.key;
  if (rawKey !== undefined && typeof rawKey !== 'string') {
    throw new RecordError(`field "key" must be a string (got ${JSON.stringify(rawKey)})`);
  }
  const key = rawKey === undefined ? {} : { key: rawKey };
  const f = record.f;
  switch (f) {
    case 'read': {
      const input: RegisterInput = { f, ...key };
      if (pending) return { input };
      if (!('output' in record))
        throw new RecordError('a completed read needs "output" (null: never written)');
      const output = record.output;
      if (output !== null && typeof output !== 'string' && typeof output !== 'number') {
        throw new RecordError(
          `field "output" of a read must be a string, a number or null (got ${JSON.stringify(output)})`,
        );
      }
      return { input, output };
    }
    case 'write':
      return { input: { f, ...key, value: registerValue(record, 'value') } };
    case 'cas': {
      if (!('expected' in record)) throw new RecordError('missing field "expected"');
      const expected = record.expected === null ? null : registerValue(record, 'expected');
      const input: RegisterInput = { f, ...key, expected, value: registerValue(record, 'value') };
      if (pending) return { input };
      if (typeof record.output !== 'boolean') {
        throw new RecordError(
          `a completed cas needs "output": true or false (got ${JSON.stringify(record.output)})`,
        );
      }
      return { input, output: record.output };
    }
    default:
      throw new RecordError(`field "f" must be one of read, write, cas (got ${JSON.stringify(f)})`);
  }
}

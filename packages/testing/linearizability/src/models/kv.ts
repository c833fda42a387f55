import { hashString } from '../hash.js';
import { accept, defineModel, type Model, REJECTED } from '../model.js';
import { type DecodedRecord, RecordError, stringField } from '../parse.js';

/** An operation on a key-value map. */
export type KvInput =
  | { readonly f: 'get'; readonly key: string }
  | { readonly f: 'put'; readonly key: string; readonly value: string }
  | { readonly f: 'append'; readonly key: string; readonly value: string }
  | { readonly f: 'delete'; readonly key: string };

/** What a get returns (null: the key is absent); other operations return nothing (null). */
export type KvOutput = string | null;

/** The state of one key: its value, or null when absent. The map is split per key, so this is all a part needs. */
export type KvState = string | null;

/**
 * A key-value map of strings, split per key. A get of an absent key returns null; append to an absent
 * key stores the appended string; delete makes the key absent.
 */
export const kvModel: Model<KvState, KvInput, KvOutput> = defineModel<KvState, KvInput, KvOutput>({
  name: 'kv',
  init: () => null,
  step(state, input, output) {
    switch (input.f) {
      case 'get':
        return output === undefined || output === state ? accept(state) : REJECTED;
      case 'put':
        return accept(input.value);
      case 'append':
        return accept(state === null ? input.value : state + input.value);
      case 'delete':
        return accept(null);
    }
  },
  equal: (a, b) => a === b,
  hash: (s) => (s === null ? 0x9e3779b9 : hashString(s)),
  partition: (input) => input.key,
  readOnly: (input) => input.f === 'get',
  describeOperation(input, output) {
    switch (input.f) {
      case 'get':
        return `get(${input.key}) → ${output === undefined ? '?' : show(output)}`;
      case 'put':
        return `put(${input.key}, ${show(input.value)})`;
      case 'append':
        return `append(${input.key}, ${show(input.value)})`;
      case 'delete':
        return `delete(${input.key})`;
    }
  },
  describeState: (s) => show(s),
});

function show(v: KvOutput): string {
  return v === null ? 'null' : JSON.stringify(v);
}

/**
 * Reads a key-value history record: `f` is get, put, append or delete; `key` is required; put and
 * append carry `value`; a completed get carries its result as `output` (null: absent).
 */
export function decodeKvRecord(
  record: Readonly<Record<string, unknown>>,
  pending: boolean,
): DecodedRecord<KvInput, KvOutput> {
  const f = record.f;
  switch (f) {
    case 'get': {
      const input: KvInput = { f, key: stringField(record, 'key') };
      if (pending) return { input };
      if (!('output' in record)) throw new RecordError('a completed get needs "output" (null: absent)');
      const output = record.output;
      if (output !== null && typeof output !== 'string') {
        throw new RecordError(
          `field "output" of a get must be a string or null (got ${JSON.stringify(output)})`,
        );
      }
      return { input, output };
    }
    case 'put':
    case 'append':
      return { input: { f, key: stringField(record, 'key'), value: stringField(record, 'value') } };
    case 'delete':
      return { input: { f, key: stringField(record, 'key') } };
    default:
      throw new RecordError(`field "f" must be one of get, put, append, delete (got ${JSON.stringify(f)})`);
  }
}

import type { Model } from './model.js';
import { decodeKvRecord, kvModel } from './models/kv.js';
import { decodeRegisterRecord, registerModel } from './models/register.js';
import type { RecordDecoder } from './parse.js';

/** A model together with the decoder of its JSON Lines history records. */
export interface HistoryFormat<State, Input, Output> {
  readonly model: Model<State, Input, Output>;
  readonly decode: RecordDecoder<Input, Output>;
}

/** The built-in models, by the name the CLI's `--model` takes. */
export const builtinFormats = {
  kv: { model: kvModel, decode: decodeKvRecord },
  register: { model: registerModel, decode: decodeRegisterRecord },
} as const;

/** A built-in model's name. */
export type BuiltinModelName = keyof typeof builtinFormats;

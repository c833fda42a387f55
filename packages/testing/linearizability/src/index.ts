export { Budget } from './budget.js';
export { type CheckOptions, type CheckResult, checkHistory, type PartResult, type Verdict } from './check.js';
export { type BuiltinModelName, builtinFormats, type HistoryFormat } from './formats.js';
export { hashNumber, hashString, mix32 } from './hash.js';
export { type HtmlOptions, renderHtml } from './html.js';
export { type CliIo, ExitCode, main } from './main.js';
export {
  accept,
  defineModel,
  type InputOf,
  type Model,
  type OperationOf,
  type OutputOf,
  REJECTED,
  type StepResult,
} from './model.js';
export { decodeKvRecord, type KvInput, type KvOutput, type KvState, kvModel } from './models/kv.js';
export {
  decodeRegisterRecord,
  type RegisterInput,
  type RegisterOutput,
  type RegisterState,
  type RegisterValue,
  registerModel,
} from './models/register.js';
export { isPending, type Operation } from './operation.js';
export {
  type DecodedRecord,
  HistoryParseError,
  parseHistory,
  type RecordDecoder,
  RecordError,
  stringField,
} from './parse.js';
export { type Part, partitionHistory } from './partition.js';
export { mulberry32, type RandomKvHistoryOptions, randomKvHistory } from './simulate.js';
export type { Violation } from './violation.js';

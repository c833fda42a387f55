import type {
  KvInput,
  KvOutput,
  Operation,
  RegisterInput,
  RegisterOutput,
  RegisterValue,
} from '../../src/index.js';

type RegisterOp = Operation<RegisterInput, RegisterOutput>;
type KvOp = Operation<KvInput, KvOutput>;

/** Short constructors for hand-made histories: `ret` null means the operation never returned. */
export const reg = {
  write: (
    client: number,
    call: number,
    ret: number | null,
    value: RegisterValue,
    key?: string,
  ): RegisterOp => ({
    client,
    call,
    return: ret,
    input: key === undefined ? { f: 'write', value } : { f: 'write', key, value },
  }),
  read: (
    client: number,
    call: number,
    ret: number | null,
    output: RegisterValue | null,
    key?: string,
  ): RegisterOp =>
    withOutput(
      { client, call, return: ret, input: key === undefined ? { f: 'read' } : { f: 'read', key } },
      output,
    ),
  cas: (
    client: number,
    call: number,
    ret: number | null,
    expected: RegisterValue | null,
    value: RegisterValue,
    output: boolean,
  ): RegisterOp => withOutput({ client, call, return: ret, input: { f: 'cas', expected, value } }, output),
};

export const kv = {
  get: (client: number, call: number, ret: number | null, key: string, output: string | null): KvOp =>
    withOutput({ client, call, return: ret, input: { f: 'get', key } }, output),
  put: (client: number, call: number, ret: number | null, key: string, value: string): KvOp => ({
    client,
    call,
    return: ret,
    input: { f: 'put', key, value },
  }),
  append: (client: number, call: number, ret: number | null, key: string, value: string): KvOp => ({
    client,
    call,
    return: ret,
    input: { f: 'append', key, value },
  }),
  delete: (client: number, call: number, ret: number | null, key: string): KvOp => ({
    client,
    call,
    return: ret,
    input: { f: 'delete', key },
  }),
};

function withOutput<I, O>(op: Operation<I, O>, output: O): Operation<I, O> {
  return op.return === null ? op : { ...op, output };
}

import { describe, expect, it } from 'vitest';
import {
  decodeKvRecord,
  decodeRegisterRecord,
  HistoryParseError,
  parseHistory,
  type RecordDecoder,
} from '../src/index.js';

function parseError<I, O>(text: string, decode: RecordDecoder<I, O>): HistoryParseError {
  try {
    parseHistory(text, decode);
  } catch (e) {
    if (e instanceof HistoryParseError) return e;
    throw e;
  }
  throw new Error('expected a parse error');
}

describe('parseHistory', () => {
  it('reads completed and pending kv operations, skipping blank lines', () => {
    const text = [
      '{"client": 3, "call": 1200, "return": 1250, "f": "put", "key": "k1", "value": "v7"}',
      '',
      '{"client": 4, "call": 1210, "return": 1260, "f": "get", "key": "k1", "output": "v7"}',
      '{"client": 5, "call": 1220, "return": null, "f": "get", "key": "k1"}',
      '{"client": 6, "call": 1230, "return": 1240, "f": "append", "key": "k1", "value": "x"}',
      '{"client": 6, "call": 1300, "return": 1310, "f": "delete", "key": "k1"}',
    ].join('\n');
    const ops = parseHistory(text, decodeKvRecord);
    expect(ops).toEqual([
      { client: 3, call: 1200, return: 1250, input: { f: 'put', key: 'k1', value: 'v7' }, line: 1 },
      { client: 4, call: 1210, return: 1260, input: { f: 'get', key: 'k1' }, output: 'v7', line: 3 },
      { client: 5, call: 1220, return: null, input: { f: 'get', key: 'k1' }, line: 4 },
      { client: 6, call: 1230, return: 1240, input: { f: 'append', key: 'k1', value: 'x' }, line: 5 },
      { client: 6, call: 1300, return: 1310, input: { f: 'delete', key: 'k1' }, line: 6 },
    ]);
  });

  it('reads register operations with and without a key', () => {
    const text = [
      '{"client": 1, "call": 0, "return": 5, "f": "write", "value": 1}',
      '{"client": 2, "call": 1, "return": 6, "f": "cas", "key": "r", "expected": null, "value": "a", "output": true}',
      '{"client": 3, "call": 2, "return": 7, "f": "read", "output": null}',
    ].join('\n');
    expect(parseHistory(text, decodeRegisterRecord).map((op) => [op.input, op.output])).toEqual([
      [{ f: 'write', value: 1 }, undefined],
      [{ f: 'cas', key: 'r', expected: null, value: 'a' }, true],
      [{ f: 'read' }, null],
    ]);
  });

  it.each([
    ['not JSON', '{"client": 1,', /not valid JSON/],
    ['not an object', '[1, 2]', /expected a JSON object/],
    [
      'missing client',
      '{"call": 1, "return": 2, "f": "get", "key": "k", "output": null}',
      /missing field "client"/,
    ],
    [
      'non-integer call',
      '{"client": 1, "call": 1.5, "return": 2, "f": "get", "key": "k", "output": null}',
      /"call" must be an integer/,
    ],
    [
      'missing return',
      '{"client": 1, "call": 1, "f": "get", "key": "k", "output": null}',
      /missing field "return"/,
    ],
    [
      'return before call',
      '{"client": 1, "call": 5, "return": 2, "f": "get", "key": "k", "output": null}',
      /before "call"/,
    ],
    [
      'unknown f',
      '{"client": 1, "call": 1, "return": 2, "f": "incr", "key": "k"}',
      /"f" must be one of get, put, append, delete/,
    ],
    ['missing key', '{"client": 1, "call": 1, "return": 2, "f": "put", "value": "v"}', /missing field "key"/],
    [
      'numeric value',
      '{"client": 1, "call": 1, "return": 2, "f": "put", "key": "k", "value": 3}',
      /"value" must be a string/,
    ],
    ['get without output', '{"client": 1, "call": 1, "return": 2, "f": "get", "key": "k"}', /needs "output"/],
  ])('reports %s with its line number', (_name, bad, reason) => {
    const good = '{"client": 1, "call": 0, "return": 1, "f": "put", "key": "k", "value": "v"}';
    const e = parseError([good, '', good, bad, good].join('\n'), decodeKvRecord);
    expect(e.line).toBe(4);
    expect(e.reason).toMatch(reason);
    expect(e.message).toMatch(/^line 4: /);
  });

  it('validates register records', () => {
    expect(
      parseError(
        '{"client": 1, "call": 0, "return": 1, "f": "cas", "expected": 1, "value": 2}',
        decodeRegisterRecord,
      ).reason,
    ).toMatch(/cas needs "output"/);
    expect(
      parseError('{"client": 1, "call": 0, "return": 1, "f": "get"}', decodeRegisterRecord).reason,
    ).toMatch(/one of read, write, cas/);
    expect(
      parseError(
        '{"client": 1, "call": 0, "return": 1, "f": "read", "key": 4, "output": 1}',
        decodeRegisterRecord,
      ).reason,
    ).toMatch(/"key" must be a string/);
  });
});

import { describe, expect, it } from 'vitest';
import {
  AtomicRegister,
  MAX_KEY_BYTES,
  OperationFailed,
  ReadRequest,
  ReadResponse,
  RegisterResponse,
  WriteRequest,
  WriteResponse,
} from '../src/index.js';

describe('the atomic register port', () => {
  it('builds requests and responses that carry their request id and key', () => {
    const write = new WriteRequest('w1', 'user:1', Uint8Array.from([1, 2]));
    expect([write.requestId, write.key, Array.from(write.value as Uint8Array)]).toEqual([
      'w1',
      'user:1',
      [1, 2],
    ]);
    expect(new WriteRequest('w2', 'k', null).value).toBeNull();
    expect(new WriteRequest('w3', 'k', '').value).toBe('');
    expect(new ReadRequest('r1', 'k').key).toBe('k');
    const read = new ReadResponse('r1', 'k', 'v');
    expect(read).toBeInstanceOf(RegisterResponse);
    expect([read.requestId, read.key, read.value]).toEqual(['r1', 'k', 'v']);
    expect(new WriteResponse('w1', 'k').key).toBe('k');
    const failed = new OperationFailed('r1', 'k', 'unavailable', 'the group lost its majority');
    expect([failed.reason, failed.detail]).toEqual(['unavailable', 'the group lost its majority']);
  });

  it('rejects malformed requests with clear errors', () => {
    expect(() => new ReadRequest('', 'k')).toThrow(/requestId must be a non-empty string/);
    expect(() => new ReadRequest('r', '')).toThrow(/must not be empty/);
    expect(() => new ReadRequest('r', 3 as unknown as string)).toThrow(TypeError);
    expect(() => new ReadRequest('r', 'x'.repeat(MAX_KEY_BYTES + 1))).toThrow(
      /at most 1024 UTF-8 bytes; this one is 1025/,
    );
    expect(() => new ReadRequest('r', '\udfff')).toThrow(/lone surrogate/);
    expect(new ReadRequest('r', 'ü'.repeat(MAX_KEY_BYTES / 2)).key.length).toBe(512);
    expect(() => new WriteRequest('w', 'k', 42 as unknown as string)).toThrow(/string, a Uint8Array or null/);
    expect(() => new WriteRequest('w', 'k', undefined as unknown as string)).toThrow(/got undefined/);
    expect(() => new OperationFailed('r', 'k', 'lost' as 'timeout', '')).toThrow(
      /timeout, unavailable, rejected/,
    );
  });

  it('is a port of reads and writes', () => {
    expect(AtomicRegister.name).toBe('AtomicRegister');
    expect(AtomicRegister.requests).toEqual([ReadRequest, WriteRequest]);
    expect(AtomicRegister.indications).toContain(OperationFailed);
  });
});

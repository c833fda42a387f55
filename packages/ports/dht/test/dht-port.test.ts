import { describe, expect, it } from 'vitest';
import {
  Delete,
  DeleteResponse,
  Dht,
  DhtFailure,
  DhtResponse,
  Get,
  GetResponse,
  MAX_KEY_BYTES,
  MAX_VALUE_BYTES,
  Put,
  PutResponse,
} from '../src/index.js';

describe('the DHT port', () => {
  it('builds requests and responses', () => {
    const put = new Put('p1', 'user:1', 'Ada');
    expect([put.requestId, put.key, put.value]).toEqual(['p1', 'user:1', 'Ada']);
    expect(new Put('p2', 'k', new Uint8Array(MAX_VALUE_BYTES)).value.length).toBe(MAX_VALUE_BYTES);
    expect(new Put('p3', 'k', '').value).toBe('');
    expect(new Get('g', 'k').key).toBe('k');
    expect(new Delete('d', 'k').key).toBe('k');
    expect(new GetResponse('g', 'k', null).value).toBeNull();
    expect(new PutResponse('p1', 'k')).toBeInstanceOf(DhtResponse);
    expect(new DeleteResponse('d', 'k').requestId).toBe('d');
    const failure = new DhtFailure('g', 'timeout', 'no quorum within 2000 ms');
    expect([failure.requestId, failure.reason, failure.detail]).toEqual([
      'g',
      'timeout',
      'no quorum within 2000 ms',
    ]);
  });

  it('checks keys: non-empty strings of at most 1 KiB of UTF-8', () => {
    expect(() => new Get('g', '')).toThrow(RangeError);
    expect(() => new Get('g', '')).toThrow(/must not be empty/);
    expect(() => new Get('g', 7 as unknown as string)).toThrow(TypeError);
    expect(() => new Get('g', 7 as unknown as string)).toThrow(/must be a string, got number/);
    expect(new Get('g', 'x'.repeat(MAX_KEY_BYTES)).key.length).toBe(1024);
    expect(() => new Delete('d', 'x'.repeat(MAX_KEY_BYTES + 1))).toThrow(
      /at most 1024 UTF-8 bytes; this one is 1025/,
    );
    // 342 three-byte characters are 1026 bytes though only 342 code units.
    expect(() => new Get('g', '€'.repeat(342))).toThrow(RangeError);
    expect(new Get('g', '🎉'.repeat(256)).key.length).toBe(512);
    expect(() => new Get('g', 'a\ud800')).toThrow(/lone surrogate/);
  });

  it('checks values: strings or bytes of at most 1 MiB', () => {
    expect(() => new Put('p', 'k', null as unknown as string)).toThrow(TypeError);
    expect(() => new Put('p', 'k', null as unknown as string)).toThrow(/string or a Uint8Array, got null/);
    expect(() => new Put('p', 'k', { a: 1 } as unknown as string)).toThrow(/got object/);
    expect(() => new Put('p', 'k', new Uint8Array(MAX_VALUE_BYTES + 1))).toThrow(RangeError);
    expect(() => new Put('p', 'k', new Uint8Array(MAX_VALUE_BYTES + 1))).toThrow(
      /at most 1048576 bytes \(1 MiB\); this one is 1048577/,
    );
    expect(() => new Put('p', 'k', 'é'.repeat(MAX_VALUE_BYTES / 2 + 1))).toThrow(RangeError);
    expect(() => new Put('p', 'k', '\udc00')).toThrow(/lone surrogate/);
    expect(() => new Put('', 'k', 'v')).toThrow(/requestId must be a non-empty string/);
  });

  it('checks failure reasons', () => {
    for (const reason of ['timeout', 'unavailable', 'rejected'] as const) {
      expect(new DhtFailure('r', reason, '').reason).toBe(reason);
    }
    expect(() => new DhtFailure('r', 'oops' as 'timeout', '')).toThrow(
      /timeout, unavailable, rejected; got oops/,
    );
  });

  it('is a port of puts, gets and deletes', () => {
    expect(Dht.name).toBe('Dht');
    expect(Dht.requests).toEqual([Put, Get, Delete]);
    expect(Dht.indications).toContain(DhtFailure);
  });
});

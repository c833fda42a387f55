import { RING_SIZE } from '@kompics/ring';
import { describe, expect, it } from 'vitest';
import {
  arcPosition,
  arcSegments,
  compareInArc,
  MAX_KEY_BYTES,
  Store,
  StoreDelete,
  StoreGet,
  StorePut,
  StoreRange,
  StoreRangeResult,
  StoreReleaseSnapshot,
  StoreRemoveRange,
  StoreSnapshot,
  Tag,
  utf8ByteLength,
} from '../src/index.js';

describe('tags', () => {
  it('order by sequence, then writer', () => {
    const tags = [new Tag(2, 'b'), new Tag(1, 'z'), new Tag(2, 'a'), Tag.ZERO, new Tag(10, '')];
    expect(tags.sort(Tag.compare).map(String)).toEqual(['0:', '1:z', '2:a', '2:b', '10:']);
    expect(new Tag(2, 'b').isAfter(new Tag(2, 'a'))).toBe(true);
    expect(new Tag(2, 'a').isAfter(new Tag(2, 'a'))).toBe(false);
    expect(new Tag(2, 'a').equals(new Tag(2, 'a'))).toBe(true);
    expect(new Tag(2, 'a').compareTo(new Tag(1, 'b'))).toBeGreaterThan(0);
    expect(Tag.max(new Tag(1, 'a'), new Tag(3, 'a'), new Tag(2, 'z')).toString()).toBe('3:a');
    expect(Tag.max()).toBe(Tag.ZERO);
    expect(new Tag(4, 'x').next('y').toString()).toBe('5:y');
  });

  it('reject bad sequences and writers', () => {
    expect(() => new Tag(-1, 'a')).toThrow(RangeError);
    expect(() => new Tag(1.5, 'a')).toThrow(/non-negative safe integer/);
    expect(() => new Tag(Number.MAX_SAFE_INTEGER + 1, 'a')).toThrow(RangeError);
    expect(() => new Tag(1, 7 as unknown as string)).toThrow(TypeError);
  });
});

describe('store requests', () => {
  it('validate keys, values, tags and ids when built', () => {
    expect(new StoreGet('r1', 'k').key).toBe('k');
    expect(() => new StoreGet('', 'k')).toThrow(/requestId must be a non-empty string/);
    expect(() => new StoreGet('r', '')).toThrow(/key must not be empty/);
    expect(() => new StoreGet('r', 5 as unknown as string)).toThrow(TypeError);
    expect(() => new StoreGet('r', 'a\ud800b')).toThrow(/lone surrogate/);
    expect(() => new StoreGet('r', 'a\udc00')).toThrow(/lone surrogate/);
    expect(new StoreGet('r', 'a🎉').key).toBe('a🎉');
    expect(() => new StoreDelete('r', 'x'.repeat(MAX_KEY_BYTES + 1))).toThrow(
      /1025 UTF-8 bytes long; the limit is 1024/,
    );
    expect(new StoreDelete('r', 'é'.repeat(MAX_KEY_BYTES / 2)).key.length).toBe(512);
    expect(() => new StoreDelete('r', 'é'.repeat(MAX_KEY_BYTES / 2 + 1))).toThrow(RangeError);
    expect(new StorePut('r', 'k', null, Tag.ZERO).value).toBeNull();
    expect(new StorePut('r', 'k', new Uint8Array(2), Tag.ZERO).value).toBeInstanceOf(Uint8Array);
    expect(() => new StorePut('r', 'k', 5 as unknown as string, Tag.ZERO)).toThrow(
      /string, a Uint8Array or null/,
    );
    expect(() => new StorePut('r', 'k', undefined as unknown as string, Tag.ZERO)).toThrow(/got undefined/);
    expect(() => new StorePut('r', 'k', 'v', { sequence: 1, writer: 'w' } as Tag)).toThrow(
      /tag must be a Tag/,
    );
  });

  it('validate arcs, limits, cursors and snapshot ids', () => {
    const r = new StoreRange('r', 5, 2, 10, { hash: 7, key: 'k' }, 'snap');
    expect([r.fromExclusive, r.toInclusive, r.limit, r.after, r.snapshot]).toEqual([
      5,
      2,
      10,
      { hash: 7, key: 'k' },
      'snap',
    ]);
    expect(new StoreRange('r', 0, 0, 1).after).toBeUndefined();
    expect(() => new StoreRange('r', RING_SIZE, 0, 1)).toThrow(/fromExclusive must be a ring id/);
    expect(() => new StoreRange('r', 0, -1, 1)).toThrow(/toInclusive must be a ring id/);
    expect(() => new StoreRange('r', 0, 1, 0)).toThrow(/limit must be a positive integer/);
    expect(() => new StoreRange('r', 0, 1, 2.5)).toThrow(RangeError);
    expect(() => new StoreRange('r', 0, 1, 5, { hash: 1.5, key: 'k' })).toThrow(/after.hash/);
    expect(() => new StoreRange('r', 0, 1, 5, { hash: 1, key: 2 as unknown as string })).toThrow(TypeError);
    expect(() => new StoreRange('r', 0, 1, 5, undefined, '')).toThrow(/snapshotId/);
    expect(() => new StoreSnapshot('r', 0, 2 ** 40)).toThrow(RangeError);
    expect(() => new StoreRemoveRange('r', 0.5, 1)).toThrow(RangeError);
    expect(() => new StoreReleaseSnapshot('r', '')).toThrow(TypeError);
  });

  it('form a port whose responses can be subscribed to all at once', () => {
    expect(Store.name).toBe('Store');
    expect(Store.requests).toContain(StorePut);
    expect(Store.indications).toContain(StoreRangeResult);
    expect(new StoreRangeResult('r', [], undefined).done).toBe(true);
  });
});

describe('arc order', () => {
  it('splits arcs into clockwise hash intervals', () => {
    const max = RING_SIZE - 1;
    expect(arcSegments(10, 20)).toEqual([[11, 20]]);
    expect(arcSegments(20, 10)).toEqual([
      [21, max],
      [0, 10],
    ]);
    expect(arcSegments(7, 7)).toEqual([
      [8, max],
      [0, 7],
    ]);
    expect(arcSegments(max, 3)).toEqual([[0, 3]]);
    expect(arcSegments(max, max)).toEqual([[0, max]]);
  });

  it('orders positions clockwise from the arc start, the start itself last', () => {
    expect(arcPosition(11, 10)).toBe(1);
    expect(arcPosition(10, 10)).toBe(RING_SIZE);
    expect(arcPosition(2, RING_SIZE - 3)).toBe(5);
    const from = RING_SIZE - 5;
    const sorted = [
      { hash: 3, key: 'b' },
      { hash: RING_SIZE - 1, key: 'a' },
      { hash: 3, key: 'a' },
      { hash: from, key: 'z' },
    ].sort((a, b) => compareInArc(a, b, from));
    expect(sorted).toEqual([
      { hash: RING_SIZE - 1, key: 'a' },
      { hash: 3, key: 'a' },
      { hash: 3, key: 'b' },
      { hash: from, key: 'z' },
    ]);
  });

  it('counts UTF-8 bytes', () => {
    expect(utf8ByteLength('abc')).toBe(3);
    expect(utf8ByteLength('é')).toBe(2);
    expect(utf8ByteLength('€')).toBe(3);
    expect(utf8ByteLength('🎉')).toBe(4);
    expect(utf8ByteLength('\ud800x')).toBe(4);
    for (const s of ['héllo 🎉 wörld', '\u0000', 'ж'.repeat(100)]) {
      expect(utf8ByteLength(s)).toBe(Buffer.byteLength(s, 'utf8'));
    }
  });
});

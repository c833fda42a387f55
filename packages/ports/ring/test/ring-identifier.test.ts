import { Address } from '@kompics/network';
import { describe, expect, it, vi } from 'vitest';
import { between, inArc, RING_SIZE, RingNode, ringDistance, ringHash } from '../src/index.js';

describe('ring identifiers', () => {
  it('hashes keys onto the ring, the same way every time', () => {
    const h = ringHash('user:42');
    expect(h).toBe(ringHash('user:42'));
    expect(h).toBeGreaterThanOrEqual(0);
    expect(h).toBeLessThan(RING_SIZE);
    expect(ringHash('user:43')).not.toBe(h);
  });

  it('is the first 32 bits of SHA-1, for strings and bytes (stored data is placed by it)', () => {
    // SHA-1("abc") = a9993e36 4706816a ba3e2571 7850c26c 9cd0d89d (FIPS 180 test vector).
    expect(ringHash('abc')).toBe(0xa9993e36);
    expect(ringHash(new TextEncoder().encode('abc'))).toBe(0xa9993e36);
    expect(ringHash(new Uint8Array([0, 1, 2, 255]))).toBe(3324782482);
  });

  it('gives the same identifiers on Node releases without crypto.hash (the createHash fallback)', async () => {
    vi.resetModules();
    vi.doMock('node:crypto', async () => {
      const real = await vi.importActual<typeof import('node:crypto')>('node:crypto');
      return { ...real, hash: undefined };
    });
    try {
      const fallback = await import('../src/ring-identifier.js');
      expect(fallback.ringHash).not.toBe(ringHash);
      expect(fallback.ringHash('abc')).toBe(0xa9993e36);
      expect(fallback.ringHash(new Uint8Array([0, 1, 2, 255]))).toBe(3324782482);
      for (const key of ['', 'user:42', 'ключ', '🔑']) expect(fallback.ringHash(key)).toBe(ringHash(key));
    } finally {
      vi.doUnmock('node:crypto');
      vi.resetModules();
    }
  });

  it('measures clockwise distance and arcs that wrap around zero', () => {
    expect(ringDistance(10, 20)).toBe(10);
    expect(ringDistance(20, 10)).toBe(RING_SIZE - 10);
    expect(inArc(5, RING_SIZE - 10, 10)).toBe(true);
    expect(inArc(10, RING_SIZE - 10, 10)).toBe(true);
    expect(inArc(RING_SIZE - 10, RING_SIZE - 10, 10)).toBe(false);
    expect(inArc(11, RING_SIZE - 10, 10)).toBe(false);
    expect(inArc(7, 3, 3)).toBe(true); // alone on the ring: everything
    expect(between(10, 5, 10)).toBe(false);
    expect(between(7, 5, 10)).toBe(true);
  });

  it('round-trips nodes through their wire form and rejects bad ones', () => {
    const node = new RingNode(123, new Address('10.0.0.1', 9000));
    expect(RingNode.fromWire(node.toWire()).equals(node)).toBe(true);
    expect(() => RingNode.fromWire([RING_SIZE, 'h', 1])).toThrow(RangeError);
    expect(() => RingNode.fromWire([1, 'h'])).toThrow(TypeError);
    expect(() => RingNode.fromWire([1, 'h', 70000])).toThrow(RangeError);
  });
});

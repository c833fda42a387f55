import { BroadcastPayloadRegistry } from '@kompics/broadcast';
import { Address, CodecError, CodecRegistry } from '@kompics/network';
import { RingNode } from '@kompics/ring';
import { describe, expect, it } from 'vitest';
import {
  MAX_TABLE_RECORDS,
  MEMBER_FAILED_TYPE,
  MEMBER_JOINED_TYPE,
  MemberFailed,
  MemberJoined,
  Membership,
  registerOneHopRouterCodecs,
  registerRouterPayloads,
  TABLE_DIGEST_TYPE,
  TABLE_STATE_TYPE,
  TableState,
  tableDigest,
} from '../src/index.js';

const node = (id: number, port = 1000 + id) => new RingNode(id, new Address('h', port));
const ids = (m: Membership) => m.sorted().map((n) => n.id);

describe('Membership', () => {
  it('keeps live members sorted by ring id, itself included', () => {
    const m = new Membership(node(50), 0);
    for (const id of [90, 10, 70, 30]) m.apply(node(id), 5, true, 0);
    expect(ids(m)).toEqual([10, 30, 50, 70, 90]);
    m.apply(node(70), 6, false, 0);
    expect(ids(m)).toEqual([10, 30, 50, 90]);
    expect(m.neighbours(1).map((n) => n.id)).toEqual([90, 30]);
  });

  it('orders news by incarnation, death winning ties; a later incarnation revives', () => {
    const m = new Membership(node(1), 0);
    expect(m.apply(node(5), 10, true, 0)).toBe('added');
    expect(m.apply(node(5), 9, false, 0)).toBe('none'); // older failure: stale
    expect(m.apply(node(5), 10, false, 0)).toBe('removed'); // same incarnation: death wins
    expect(m.apply(node(5), 10, true, 0)).toBe('none');
    expect(m.apply(node(5), 12, true, 0)).toBe('added'); // rejoined
    expect(m.get(node(5).address)).toMatchObject({ incarnation: 12, alive: true });
    expect(m.apply(node(1), 99, false, 0)).toBe('none'); // news of itself is the router's business
  });

  it('adds nodes heard of unconfirmed, never over a tombstone, and drops them after a while', () => {
    const m = new Membership(node(1), 0);
    m.apply(node(2), 10, false, 0);
    expect(m.hear(node(2), 5)).toBe('none');
    expect(m.hear(node(3), 5)).toBe('added');
    expect(m.expire(1000, 2000, 60_000)).toBe(false);
    expect(m.apply(node(4), 7, true, 0)).toBe('added');
    expect(m.expire(8000, 2000, 60_000)).toBe(true); // node 3 never confirmed
    expect(ids(m)).toEqual([1, 4]);
    expect(m.hear(node(3), 9000)).toBe('none'); // its local tombstone holds
    m.expire(200_000, 2000, 60_000); // tombstones forgotten
    expect(m.get(node(2).address)).toBeUndefined();
  });

  it('digests confirmed live members only, independent of order, incrementally', () => {
    const a = new Membership(node(1), 0);
    const b = new Membership(node(2), 0);
    a.setSelfIncarnation(3, 0);
    b.setSelfIncarnation(4, 0);
    a.apply(node(2), 4, true, 0);
    b.apply(node(1), 3, true, 0);
    a.hear(node(9), 0); // unconfirmed: not in the digest
    b.apply(node(8), 2, false, 0); // tombstone: not in the digest
    expect(a.digest()).toBe(b.digest());
    expect(a.digest()).toBe(
      tableDigest([
        [node(2).address.key, 4],
        [node(1).address.key, 3],
      ]),
    );
    a.apply(node(2), 5, true, 0);
    expect(a.digest()).not.toBe(b.digest());
  });
});

describe('router wire format', () => {
  const registry = registerOneHopRouterCodecs(new CodecRegistry());
  const src = new Address('h', 1);
  const dst = new Address('h', 2);
  const state = (body: unknown) => registry.codecById(TABLE_STATE_TYPE)?.decode(body, src, dst);
  const digest = (body: unknown) => registry.codecById(TABLE_DIGEST_TYPE)?.decode(body, src, dst);

  it('round-trips a table', () => {
    const m = new TableState(src, dst, 42, true, [{ node: node(7), incarnation: 3, alive: false, age: 12 }]);
    const decoded = state(registry.codecFor(m).encode(m)) as TableState;
    expect(decoded).toBeInstanceOf(TableState);
    expect(decoded.records[0]).toMatchObject({ incarnation: 3, alive: false, age: 12 });
    expect(decoded.records[0]?.node.equals(node(7))).toBe(true);
  });

  it.each([
    ['not an array', 5],
    ['a bad digest', [-1, true, []]],
    ['a non-boolean reply', [1, 'yes', []]],
    ['records that are not an array', [1, true, {}]],
    ['a short record', [1, true, [[1, 'h', 2, 3, true]]]],
    ['a bad ring id', [1, true, [[2 ** 32, 'h', 2, 3, true, 0]]]],
    ['a bad port', [1, true, [[1, 'h', 70_000, 3, true, 0]]]],
    ['a negative incarnation', [1, true, [[1, 'h', 2, -3, true, 0]]]],
    ['a negative age', [1, true, [[1, 'h', 2, 3, true, -1]]]],
    [
      'too many records',
      [1, true, Array.from({ length: MAX_TABLE_RECORDS + 1 }, () => [1, 'h', 2, 3, true, 0])],
    ],
  ])('rejects a TableState with %s', (_what, body) => {
    expect(() => state(body)).toThrow(CodecError);
  });

  it.each([
    ['a string', 'x'],
    ['a fraction', 1.5],
    ['a number too large', 2 ** 32],
  ])('rejects a TableDigest with %s', (_what, body) => {
    expect(() => digest(body)).toThrow(CodecError);
  });

  const payloads = registerRouterPayloads(new BroadcastPayloadRegistry());
  it('round-trips membership news', () => {
    const news = payloads.decode(payloads.encode(new MemberFailed(node(3), 17)));
    expect(news).toBeInstanceOf(MemberFailed);
    expect(news).toMatchObject({ incarnation: 17 });
  });

  it.each([
    ['not a pair', [MEMBER_JOINED_TYPE, 3]],
    ['a bad node', [MEMBER_JOINED_TYPE, [[1, 'h'], 3]]],
    ['a fractional incarnation', [MEMBER_FAILED_TYPE, [[1, 'h', 2], 0.5]]],
    ['an unknown type', [999, [[1, 'h', 2], 1]]],
  ])('rejects news with %s', (_what, raw) => {
    expect(() => payloads.decode(raw)).toThrow(CodecError);
  });

  it('news classes are distinct', () => {
    expect(new MemberJoined(node(1), 1)).not.toBeInstanceOf(MemberFailed);
  });
});

import { Address, CodecRegistry } from '@kompics/network';
import { inArc, RingNode, ringHash } from '@kompics/ring';
import { Tag } from '@kompics/store';
import { describe, expect, test } from 'vitest';
import {
  AbdReply,
  AbdRequest,
  Accept,
  Accepted,
  Ballot,
  ConsistentQuorum,
  catsCodecs,
  GroupView,
  highest,
  Leaving,
  Prepare,
  Promised,
  ReadyNews,
  ReadyQuery,
  registerCatsCodecs,
  resolveCatsOptions,
  Slices,
  SyncChunk,
  SyncPull,
  SyncSession,
  ViewNews,
} from '../src/index.js';

const node = (i: number) => {
  const a = new Address(`10.1.0.${i}`, 7000);
  return new RingNode(ringHash(a.key), a);
};
const [a, b, c, d] = [node(1), node(2), node(3), node(4)] as [RingNode, RingNode, RingNode, RingNode];
const reply = (from: RingNode, view: GroupView, tag = Tag.ZERO, value: string | null = null) =>
  new AbdReply(from.address, a.address, 'op', 1, 'ok', view, value, tag);

describe('consistent quorum', () => {
  const v1 = new GroupView(0, 1, [a, b, c]);
  const v2 = new GroupView(0, 2, [b, c, d], [a, b, c]);

  test('a majority of one view, all answering in it, is a quorum', () => {
    const q = new ConsistentQuorum<AbdReply>();
    expect(q.add(a.address.key, v1, reply(a, v1))).toBeUndefined();
    const result = q.add(b.address.key, v1, reply(b, v1));
    expect(result?.view).toBe(v1);
    expect(result?.replies).toHaveLength(2);
  });

  test('replies from mixed views never form a quorum', () => {
    const q = new ConsistentQuorum<AbdReply>();
    expect(q.add(a.address.key, v1, reply(a, v1))).toBeUndefined();
    expect(q.add(b.address.key, v2, reply(b, v2))).toBeUndefined();
    expect(q.add(d.address.key, v2, reply(d, v2))?.view).toBe(v2);
  });

  test('duplicates and non-members do not count', () => {
    const q = new ConsistentQuorum<AbdReply>();
    expect(q.add(a.address.key, v1, reply(a, v1))).toBeUndefined();
    expect(q.add(a.address.key, v1, reply(a, v1))).toBeUndefined();
    expect(q.add(d.address.key, v1, reply(d, v1))).toBeUndefined();
  });

  test('highest picks the greatest tag and tells whether the quorum agreed', () => {
    const t1 = new Tag(1, 'x');
    const t2 = new Tag(2, 'y');
    expect(highest([reply(a, v1, t1, 'one'), reply(b, v1, t2, 'two')])).toEqual({
      value: 'two',
      tag: t2,
      unanimous: false,
    });
    expect(highest([reply(a, v1, t2, 'two'), reply(b, v1, t2, 'two')]).unanimous).toBe(true);
  });
});

describe('slices', () => {
  test.each([1, 3, 8, 16, 1000])('%i slices cover the ring, each point in exactly its own arc', (count) => {
    const slices = new Slices(count);
    for (const point of [
      0,
      1,
      2 ** 31,
      2 ** 32 - 1,
      ...Array.from({ length: 200 }, (_, i) => ringHash(`k${i}`)),
    ]) {
      const i = slices.of(point);
      const [from, to] = slices.range(i);
      expect(count === 1 || inArc(point, from, to)).toBe(true);
    }
    for (let i = 0; i < count; i++) {
      const [, to] = slices.range(i);
      expect(slices.of(to)).toBe(i);
    }
  });
});

describe('range transfer rule', () => {
  test('needs a majority of the previous view and one source covering it', () => {
    const v2 = new GroupView(0, 2, [b, c, d], [a, b, c]);
    const s = new SyncSession(v2, d.address, 0, 0);
    expect(s.complete()).toBe(false);
    const sa = s.sources.get(a.address.key);
    const sb = s.sources.get(b.address.key);
    if (sa === undefined || sb === undefined) throw new Error('sources missing');
    Object.assign(sa, { done: true, coversBelow: 0 });
    Object.assign(sb, { done: true, coversBelow: 0 });
    expect(s.complete()).toBe(false); // a majority, but neither covers the writes before view 1
    sb.coversBelow = 1;
    expect(s.complete()).toBe(true);
  });

  test('a first view needs nothing', () => {
    expect(new SyncSession(new GroupView(0, 1, [a]), a.address, 0, 0).complete()).toBe(true);
  });
});

describe('ballots and options', () => {
  test('ballots order by round, then proposer', () => {
    expect(Ballot.compare(new Ballot(1, 'b'), new Ballot(2, 'a'))).toBeLessThan(0);
    expect(Ballot.compare(new Ballot(2, 'b'), new Ballot(2, 'a'))).toBeGreaterThan(0);
    expect(Ballot.ZERO.next('x').round).toBe(1);
  });

  test('options are validated', () => {
    expect(resolveCatsOptions({ self: a }).replicationDegree).toBe(3);
    expect(() => resolveCatsOptions({ self: a, mode: 'nope' as 'eventual' })).toThrow(RangeError);
    expect(() => resolveCatsOptions({ self: a, slices: 0 })).toThrow(RangeError);
  });
});

describe('codecs', () => {
  const registry = registerCatsCodecs(new CodecRegistry());
  const v = new GroupView(3, 7, [a, b, c], [a, b, d]);
  const roundTrip = <M extends object>(m: M): M => {
    const codec = registry.codecFor(m as never);
    const body = JSON.parse(JSON.stringify(codec.encode(m as never)));
    return codec.decode(body, a.address, b.address) as unknown as M;
  };
  const tag = new Tag(4, 'w');
  const ballot = new Ballot(2, 'p');
  const messages = [
    new AbdRequest(a.address, b.address, 'op', 2, 'key', { value: 'x', tag }),
    new AbdRequest(a.address, b.address, 'op', 1, 'key', undefined),
    new AbdReply(a.address, b.address, 'op', 1, 'not-member', v, null, tag),
    new AbdReply(a.address, b.address, 'op', 1, 'ok', undefined, 'val', tag),
    new Prepare(a.address, b.address, 3, 7, ballot),
    new Promised(a.address, b.address, 3, 7, ballot, true, { ballot, members: [a, d] }, v),
    new Accept(a.address, b.address, 3, 7, ballot, [a, b]),
    new Accepted(a.address, b.address, 3, 7, ballot, false),
    new ViewNews(a.address, b.address, [v]),
    new SyncPull(a.address, b.address, v, { hash: 5, key: 'k' }, 10),
    new SyncChunk(a.address, b.address, 3, 7, undefined, 6, [{ key: 'k', value: null, tag }], {
      hash: 9,
      key: 'z',
    }),
    new ReadyQuery(a.address, b.address, 3),
    new ReadyNews(a.address, b.address, 3, v, true),
    new ReadyNews(a.address, b.address, 3, undefined, false),
    new Leaving(a.address, b.address, c),
  ];

  test('type ids are in CATS range 200–249', () => {
    for (const codec of catsCodecs()) expect(codec.typeId >= 200 && codec.typeId <= 249).toBe(true);
  });

  test.each(messages.map((m) => [m.constructor.name, m] as const))('%s round-trips', (_name, m) => {
    expect(roundTrip(m)).toEqual(m);
  });

  test('malformed input is a CodecError', () => {
    const codec = registry.codecFor(messages[0] as never);
    expect(() => codec.decode(['op', 1], a.address, b.address)).toThrow(/AbdRequest/);
    const view = registry.codecFor(messages[8] as never);
    expect(() => view.decode([[3, 0, [], []]], a.address, b.address)).toThrow();
  });
});

import type { ComponentDefinition } from '@kompics/kernel';
import { inArc, RING_SIZE, ringHash } from '@kompics/ring';
import { afterEach, describe, expect, it } from 'vitest';
import { arcPosition } from '../arc-order.js';
import type { StoreEntry } from '../store-entry.js';
import { StoreRange, StoreReleaseSnapshot } from '../store-requests.js';
import { StoreFailure, type StoreGetResult, type StorePutResult } from '../store-responses.js';
import type { StoreValue } from '../store-value.js';
import { Tag } from '../tag.js';
import { openStoreSession, type StoreSession, type StoreSubject } from './store-session.js';

/** How the contract suite makes, restarts and disposes of stores of one implementation. */
export interface StoreContractHarness {
  /** A new, empty store for one test. */
  setup(): StoreSubject | Promise<StoreSubject>;
  /**
   * A store over the same data as `previous`, after that one was killed: a restart. Give it for
   * a store that keeps its data across restarts (the suite then checks that it does).
   */
  reopen?(previous: StoreSubject): StoreSubject | Promise<StoreSubject>;
  /** Called after a store component is killed (e.g. to wait until its files are closed). */
  afterKill?(store: ComponentDefinition): void | Promise<void>;
  /** Called at the end of each test with the subject `setup` made (e.g. to delete its files). */
  teardown?(subject: StoreSubject): void | Promise<void>;
}

const w = (sequence: number, writer = 'w') => new Tag(sequence, writer);

/** `n` keys with their hashes, sorted by hash. */
function keySet(prefix: string, n: number): Array<{ key: string; hash: number }> {
  return Array.from({ length: n }, (_, i) => ({
    key: `${prefix}${i}`,
    hash: ringHash(`${prefix}${i}`),
  })).sort((a, b) => a.hash - b.hash);
}

/** Entries as comparable plain data (bytes as arrays). */
function plain(entries: readonly StoreEntry[]) {
  return entries.map((e) => ({ key: e.key, hash: e.hash, value: show(e.value), tag: e.tag.toString() }));
}

function show(value: StoreValue | null): unknown {
  return value instanceof Uint8Array ? { bytes: Array.from(value) } : value;
}

/** What a scan of the arc should return from `model`, in arc order (hash ties by key). */
function expected(
  model: ReadonlyMap<string, { value: StoreValue | null; tag: Tag }>,
  from: number,
  to: number,
) {
  const entries: StoreEntry[] = [];
  for (const [key, { value, tag }] of model) {
    const hash = ringHash(key);
    if (inArc(hash, from, to)) entries.push({ key, hash, value, tag });
  }
  entries.sort((a, b) => arcPosition(a.hash, from) - arcPosition(b.hash, from) || (a.key < b.key ? -1 : 1));
  return plain(entries);
}

/** Sorts equal-hash runs by key, so implementations may order keys of one hash as they like. */
function normalized(entries: readonly StoreEntry[], from: number) {
  return plain(
    [...entries].sort(
      (a, b) => arcPosition(a.hash, from) - arcPosition(b.hash, from) || (a.key < b.key ? -1 : 1),
    ),
  );
}

/**
 * The Store port's contract, as a vitest suite: every implementation runs it through a harness.
 * Covers get/put/delete, the keep-the-highest-tag rule, tombstones, value fidelity, request
 * order, range scans by key hash (wrap-around, whole ring, chunking with cursors), snapshots
 * that stay consistent while writes go on, range removal, metadata records, stats (entry and
 * byte counts), and — for a harness with `reopen` — that everything acknowledged (data,
 * metadata and the counts) survives a restart.
 */
export function storeContract(name: string, harness: StoreContractHarness): void {
  describe(`${name}: the Store port contract`, () => {
    const sessions: StoreSession[] = [];
    const subjects: StoreSubject[] = [];

    async function open(subject?: StoreSubject): Promise<StoreSession> {
      const s = subject ?? (await harness.setup());
      if (subject === undefined) subjects.push(s);
      const session = openStoreSession(s);
      sessions.push(session);
      return session;
    }

    async function close(session: StoreSession): Promise<void> {
      const at = sessions.indexOf(session);
      if (at >= 0) sessions.splice(at, 1);
      await session.kill();
      await harness.afterKill?.(session.store);
      expect(session.fault?.message).toBeUndefined();
      expect(session.unexpected).toEqual([]);
    }

    afterEach(async () => {
      for (const session of [...sessions]) await close(session);
      for (const subject of subjects.splice(0)) await harness.teardown?.(subject);
    });

    it('reads an absent key as null with the zero tag', async () => {
      const store = await open();
      const got = await store.get('nothing-here');
      expect(got.key).toBe('nothing-here');
      expect(got.value).toBeNull();
      expect(got.tag.equals(Tag.ZERO)).toBe(true);
    });

    it('stores text and bytes faithfully, and copies bytes in and out', async () => {
      const store = await open();
      const bytes = Uint8Array.from([0, 1, 127, 128, 255]);
      const big = new Uint8Array(256 * 1024).map((_, i) => (i * 31) % 251);
      const longKey = 'ключ-'.repeat(1024).slice(0, 500); // 2 bytes per Cyrillic letter: ~1000 bytes
      await store.put('text', 'héllo wörld ✓ 🎉', w(1));
      await store.put('bytes', bytes, w(1));
      await store.put('empty-text', '', w(1));
      await store.put('empty-bytes', new Uint8Array(0), w(1));
      await store.put('big', big, w(1));
      await store.put(longKey, 'long key', w(1));
      bytes[0] = 99; // the caller's copy changes; the stored one must not
      expect((await store.get('text')).value).toBe('héllo wörld ✓ 🎉');
      const gotBytes = (await store.get('bytes')).value;
      expect(gotBytes).toBeInstanceOf(Uint8Array);
      expect(Array.from(gotBytes as Uint8Array)).toEqual([0, 1, 127, 128, 255]);
      (gotBytes as Uint8Array)[1] = 99; // nor may the reader's copy change it
      expect(Array.from((await store.get('bytes')).value as Uint8Array)).toEqual([0, 1, 127, 128, 255]);
      expect((await store.get('empty-text')).value).toBe('');
      const emptyBytes = (await store.get('empty-bytes')).value;
      expect(emptyBytes).toBeInstanceOf(Uint8Array);
      expect((emptyBytes as Uint8Array).length).toBe(0);
      expect(Buffer.from((await store.get('big')).value as Uint8Array).equals(Buffer.from(big))).toBe(true);
      expect((await store.get(longKey)).value).toBe('long key');
    });

    it('keeps the value with the highest tag: lower and equal tags change nothing', async () => {
      const store = await open();
      const first = await store.put('k', 'v2', w(2, 'a'));
      expect(first.applied).toBe(true);
      expect(first.tag.equals(w(2, 'a'))).toBe(true);

      const lower = await store.put('k', 'v1', w(1, 'z'));
      expect(lower.applied).toBe(false);
      expect(lower.tag.toString()).toBe('2:a');
      const equal = await store.put('k', 'other', w(2, 'a'));
      expect(equal.applied).toBe(false);
      let got = await store.get('k');
      expect([got.value, got.tag.toString()]).toEqual(['v2', '2:a']);

      // Same sequence, greater writer: greater tag.
      expect((await store.put('k', 'v2b', w(2, 'b'))).applied).toBe(true);
      expect((await store.put('k', 'v3', w(3, 'a'))).applied).toBe(true);
      got = await store.get('k');
      expect([got.value, got.tag.toString()]).toEqual(['v3', '3:a']);
    });

    it('keeps tombstones with their tags, so older writes cannot revive a key', async () => {
      const store = await open();
      await store.put('k', 'alive', w(1));
      expect((await store.put('k', null, w(2))).applied).toBe(true);
      let got = await store.get('k');
      expect([got.value, got.tag.toString()]).toEqual([null, '2:w']);
      const stale = await store.put('k', 'zombie', w(1, 'zz'));
      expect(stale.applied).toBe(false);
      expect((await store.get('k')).value).toBeNull();
      expect((await store.put('k', 'reborn', w(3))).applied).toBe(true);
      got = await store.get('k');
      expect([got.value, got.tag.toString()]).toEqual(['reborn', '3:w']);
    });

    it('deletes keys entirely, tag included', async () => {
      const store = await open();
      await store.put('a', 'x', w(5));
      await store.put('t', null, w(5));
      expect((await store.delete('a')).existed).toBe(true);
      expect((await store.delete('t')).existed).toBe(true);
      expect((await store.delete('a')).existed).toBe(false);
      expect((await store.delete('never')).existed).toBe(false);
      const got = await store.get('a');
      expect(got.value).toBeNull();
      expect(got.tag.equals(Tag.ZERO)).toBe(true);
      // With the tag gone, any put applies again.
      expect((await store.put('a', 'again', w(1))).applied).toBe(true);
      expect((await store.get('a')).value).toBe('again');
    });

    it('handles pipelined requests in the order sent', async () => {
      const store = await open();
      const sent = [
        store.put('p', 'one', w(1)),
        store.put('p', 'two', w(2)),
        store.put('p', 'stale', w(1, 'x')),
        store.get('p'),
        store.put('q', 'q1', w(1)),
        store.delete('q'),
        store.get('q'),
        store.put('p', null, w(3)),
        store.get('p'),
      ];
      const [one, two, stale, getP, , deleteQ, getQ, tomb, getP2] = await Promise.all(sent);
      expect((one as StorePutResult).applied).toBe(true);
      expect((two as StorePutResult).applied).toBe(true);
      expect((stale as StorePutResult).applied).toBe(false);
      expect((stale as StorePutResult).tag.toString()).toBe('2:w');
      expect([(getP as StoreGetResult).value, (getP as StoreGetResult).tag.toString()]).toEqual([
        'two',
        '2:w',
      ]);
      expect((deleteQ as { existed: boolean }).existed).toBe(true);
      expect((getQ as StoreGetResult).value).toBeNull();
      expect((tomb as StorePutResult).applied).toBe(true);
      expect((getP2 as StoreGetResult).tag.toString()).toBe('3:w');
      expect((getP2 as StoreGetResult).value).toBeNull();
    });

    it('scans arcs by key hash, including arcs that wrap past zero and the whole ring', async () => {
      const store = await open();
      const keys = keySet('r', 120);
      const model = new Map<string, { value: StoreValue | null; tag: Tag }>();
      await Promise.all(
        keys.map(({ key }, i) => {
          const value = i % 10 === 3 ? null : i % 2 === 0 ? `v${i}` : Uint8Array.from([i, i + 1]);
          model.set(key, { value, tag: w(i + 1) });
          return store.put(key, value, w(i + 1));
        }),
      );
      const h = (i: number) => (keys[i] as { hash: number }).hash;
      const arcs: Array<[number, number, string]> = [
        [h(10), h(50), 'inner arc, bounds on keys: from excluded, to included'],
        [h(100), h(20), 'wraps past zero'],
        [h(7), h(7), 'from = to: the whole ring'],
        [0, RING_SIZE - 1, 'almost all of it'],
        [RING_SIZE - 1, 0, 'just the point 0'],
        [h(30), h(30) + 1 === h(31) ? h(30) : h(30) + 1, 'a tiny arc, probably empty'],
      ];
      for (const [from, to, what] of arcs) {
        for (const limit of [1, 7, 1000]) {
          const { entries, chunks } = await store.scan(from, to, limit);
          expect(normalized(entries, from), `${what}, limit ${limit}`).toEqual(expected(model, from, to));
          for (const chunk of chunks) expect(chunk.entries.length).toBeLessThanOrEqual(limit);
          expect(chunks.at(-1)?.done).toBe(true);
          // Arc order: clockwise from `from`.
          const positions = entries.map((e) => arcPosition(e.hash, from));
          expect(positions).toEqual([...positions].sort((a, b) => a - b));
        }
      }
      // Bounds: the key at `from` is excluded, the key at `to` included.
      const { entries } = await store.scan(h(10), h(50), 1000);
      expect(entries.some((e) => e.hash === h(10))).toBe(false);
      expect(entries.some((e) => e.hash === h(50))).toBe(true);
    });

    it('chunks a scan: each chunk ends at a cursor the next one continues after', async () => {
      const store = await open();
      const keys = keySet('c', 40);
      for (const { key } of keys) await store.put(key, key, w(1));
      const from = (keys[5] as { hash: number }).hash;
      const first = await store.range(from, from, 10);
      expect(first.entries.length).toBe(10);
      expect(first.done).toBe(false);
      const last = first.entries.at(-1) as StoreEntry;
      expect(first.next).toEqual({ hash: last.hash, key: last.key });
      const rest = await store.scan(from, from, 10);
      expect(rest.entries.length).toBe(40);
      expect(rest.chunks.map((c) => c.entries.length)).toEqual([10, 10, 10, 10]);
      const second = await store.range(from, from, 100, first.next);
      expect(second.entries.length).toBe(30);
      expect(second.done).toBe(true);
      expect(new Set([...first.entries, ...second.entries].map((e) => e.key)).size).toBe(40);
      // An empty store, or an empty arc, is one empty, final chunk.
      const empty = await store.range(
        from,
        from + 1 === (keys[6] as { hash: number }).hash ? from : from + 1,
        5,
      );
      expect(empty.done).toBe(true);
    });

    it('keeps a snapshot consistent while writes go on, and releases it', async () => {
      const store = await open();
      const keys = keySet('s', 60);
      const model = new Map<string, { value: StoreValue | null; tag: Tag }>();
      for (const [i, { key }] of keys.entries()) {
        const value = i % 7 === 0 ? null : `v${i}`;
        model.set(key, { value, tag: w(1) });
        await store.put(key, value, w(1));
      }
      const from = (keys[50] as { hash: number }).hash;
      const to = (keys[30] as { hash: number }).hash; // wraps: about 40 keys
      const want = expected(model, from, to);
      const snap = await store.snapshot(from, to);
      expect(snap.size).toBe(want.length);
      expect([snap.fromExclusive, snap.toInclusive]).toEqual([from, to]);

      // Read the first chunk, then change things in the arc (and out of it) meanwhile.
      const firstChunk = await store.range(from, to, 6, undefined, snap.snapshotId);
      const changes: Promise<unknown>[] = [];
      for (const [i, { key }] of keys.entries()) {
        if (i % 3 === 0) changes.push(store.put(key, `new${i}`, w(2)));
        else if (i % 3 === 1) changes.push(store.put(key, null, w(2)));
        else if (i % 5 === 0) changes.push(store.delete(key));
      }
      for (let i = 0; i < 15; i++) changes.push(store.put(`fresh${i}`, 'fresh', w(1)));
      changes.push(
        store.removeRange((keys[55] as { hash: number }).hash, (keys[10] as { hash: number }).hash),
      );
      await Promise.all(changes);

      const rest = await store.range(from, to, 1000, firstChunk.next, snap.snapshotId);
      const seen = [...firstChunk.entries, ...rest.entries];
      expect(normalized(seen, from)).toEqual(want);
      // Chunked differently, the snapshot reads the same.
      expect(normalized((await store.scan(from, to, 4, snap.snapshotId)).entries, from)).toEqual(want);
      // A snapshot read over a sub-arc gives just that part of the snapshot.
      const subTo = (keys[5] as { hash: number }).hash;
      const sub = await store.scan(from, subTo, 3, snap.snapshotId);
      expect(normalized(sub.entries, from)).toEqual(expected(model, from, subTo));
      // The live data has moved on.
      const live = await store.scan(from, to, 1000);
      expect(normalized(live.entries, from)).not.toEqual(want);

      const released = await store.releaseSnapshot(snap.snapshotId);
      expect(released.snapshotId).toBe(snap.snapshotId);
      const after = await store.send(
        new StoreRange(store.nextId(), from, to, 10, undefined, snap.snapshotId),
      );
      expect(after).toBeInstanceOf(StoreFailure);
      expect((after as StoreFailure).reason).toBe('unknown-snapshot');
      const again = await store.send(new StoreReleaseSnapshot(store.nextId(), snap.snapshotId));
      expect((again as StoreFailure).reason).toBe('unknown-snapshot');
    });

    it('keeps several snapshots apart', async () => {
      const store = await open();
      await store.put('x', 'one', w(1));
      const a = await store.snapshot(0, 0);
      await store.put('x', 'two', w(2));
      const b = await store.snapshot(0, 0);
      await store.put('x', 'three', w(3));
      expect(a.snapshotId).not.toBe(b.snapshotId);
      const valueIn = async (id: string) => (await store.scan(0, 0, 10, id)).entries.map((e) => e.value);
      expect(await valueIn(a.snapshotId)).toEqual(['one']);
      expect(await valueIn(b.snapshotId)).toEqual(['two']);
      await store.releaseSnapshot(a.snapshotId);
      expect(await valueIn(b.snapshotId)).toEqual(['two']);
      await store.releaseSnapshot(b.snapshotId);
    });

    it('removes exactly the entries of an arc (wrap-around included), tombstones too', async () => {
      const store = await open();
      const keys = keySet('g', 80);
      const model = new Map<string, { value: StoreValue | null; tag: Tag }>();
      for (const [i, { key }] of keys.entries()) {
        const value = i % 9 === 0 ? null : `v${i}`;
        model.set(key, { value, tag: w(4) });
        await store.put(key, value, w(4));
      }
      const from = (keys[70] as { hash: number }).hash;
      const to = (keys[12] as { hash: number }).hash;
      const inside = [...model.keys()].filter((k) => inArc(ringHash(k), from, to));
      expect(inside.length).toBe(22);
      const removed = await store.removeRange(from, to);
      expect(removed.removed).toBe(inside.length);
      for (const key of inside) model.delete(key);
      expect(normalized((await store.scan(0, 0, 25)).entries, 0)).toEqual(expected(model, 0, 0));
      const gone = await store.get(inside[0] as string);
      expect(gone.tag.equals(Tag.ZERO)).toBe(true);
      expect((await store.removeRange(from, to)).removed).toBe(0);
      // An arc with nothing in it, then everything.
      expect((await store.removeRange(0, 0)).removed).toBe(model.size);
      expect((await store.scan(0, 0, 10)).entries).toEqual([]);
    });

    it('keeps its data across Stop and Start', async () => {
      const store = await open();
      await store.put('kept', 'across', w(3));
      const snap = await store.snapshot(0, 0);
      await store.stop();
      const queued = store.get('kept'); // waits while the store is stopped
      await store.start();
      const got = await queued;
      expect([got.value, got.tag.toString()]).toEqual(['across', '3:w']);
      expect((await store.put('kept', 'after', w(4))).applied).toBe(true);
      // Snapshots end when the store stops.
      const stale = await store.send(new StoreRange(store.nextId(), 0, 0, 5, undefined, snap.snapshotId));
      expect((stale as StoreFailure).reason).toBe('unknown-snapshot');
    });

    it('keeps metadata records apart from the data: put replaces, get, list by prefix, delete', async () => {
      const store = await open();
      expect((await store.metaGet('view/1')).value).toBeNull();
      expect((await store.metaList()).records).toEqual([]);
      await store.metaPut('view/2', 'two');
      await store.metaPut('view/10', Uint8Array.from([1, 2, 3]));
      await store.metaPut('other', '{"a":1}');
      await store.metaPut('view/2', 'two, again');
      expect((await store.metaGet('view/2')).value).toBe('two, again');
      const bytes = (await store.metaGet('view/10')).value;
      expect(Array.from(bytes as Uint8Array)).toEqual([1, 2, 3]);
      const listed = await store.metaList('view/');
      expect(listed.records.map((r) => [r.name, show(r.value)])).toEqual([
        ['view/10', { bytes: [1, 2, 3] }],
        ['view/2', 'two, again'],
      ]);
      expect((await store.metaList()).records.map((r) => r.name)).toEqual(['other', 'view/10', 'view/2']);
      // Metadata is not data: no key reads it, no scan or range removal sees or touches it.
      expect((await store.get('view/2')).value).toBeNull();
      await store.put('view/2', 'data', w(1));
      expect((await store.scan(0, 0, 10)).entries.map((e) => e.key)).toEqual(['view/2']);
      expect((await store.removeRange(0, 0)).removed).toBe(1);
      expect((await store.metaGet('view/2')).value).toBe('two, again');
      expect((await store.metaDelete('other')).existed).toBe(true);
      expect((await store.metaDelete('other')).existed).toBe(false);
      expect((await store.metaList()).records.map((r) => r.name)).toEqual(['view/10', 'view/2']);
      // Pipelined: each request sees the ones sent before it.
      const [, got, , gone] = await Promise.all([
        store.metaPut('p', 'one'),
        store.metaGet('p'),
        store.metaDelete('p'),
        store.metaGet('p'),
      ]);
      expect([got.value, gone.value]).toEqual(['one', null]);
    });

    it('counts entries (tombstones included) and bytes: up on put, down on delete and range removal', async () => {
      const store = await open();
      const empty = await store.stats();
      expect(empty.entries).toBe(0);
      expect(empty.bytes).toBeGreaterThanOrEqual(0);
      const keys = keySet('s', 40);
      await Promise.all(keys.map(({ key }, i) => store.put(key, i % 10 === 0 ? null : `value-${i}`, w(5))));
      const filled = await store.stats();
      expect(filled.entries).toBe(40);
      expect(filled.bytes).toBeGreaterThan(empty.bytes);

      // Writes that change no key's presence change no count: a losing tag, a replacement.
      const first = (keys[0] as { key: string }).key;
      expect((await store.put(first, 'loses', w(1))).applied).toBe(false);
      expect((await store.put(first, 'wins', w(9))).applied).toBe(true);
      expect((await store.stats()).entries).toBe(40);

      // A big value shows in the bytes; removing it takes them back.
      const big = new Uint8Array(64 * 1024).fill(7);
      const before = await store.stats();
      await store.put('big', big, w(1));
      const withBig = await store.stats();
      expect(withBig.entries).toBe(41);
      expect(withBig.bytes - before.bytes).toBeGreaterThanOrEqual(big.byteLength);
      expect((await store.delete('big')).existed).toBe(true);
      const withoutBig = await store.stats();
      expect(withoutBig.entries).toBe(40);
      expect(withoutBig.bytes).toBeLessThan(withBig.bytes);
      expect((await store.delete('big')).existed).toBe(false);
      expect((await store.stats()).entries).toBe(40);

      // Stats sent right after writes (without waiting for them) count them.
      const [, , piped] = await Promise.all([
        store.put('piped-1', 'x', w(1)),
        store.put('piped-2', null, w(1)),
        store.stats(),
      ]);
      expect(piped.entries).toBe(42);

      // Metadata records are not data entries.
      await store.metaPut('not-data', 'x');
      expect((await store.stats()).entries).toBe(42);

      // A range removal takes off exactly what it removed; the whole ring leaves nothing.
      const from = (keys[9] as { hash: number }).hash;
      const to = (keys[29] as { hash: number }).hash;
      const removed = (await store.removeRange(from, to)).removed;
      expect(removed).toBeGreaterThanOrEqual(20);
      expect((await store.stats()).entries).toBe(42 - removed);
      await store.removeRange(0, 0);
      expect((await store.stats()).entries).toBe(0);
    });

    if (harness.reopen !== undefined) {
      const reopen = harness.reopen.bind(harness);
      it('gives back every acknowledged metadata record after a restart', async () => {
        const subject = await harness.setup();
        subjects.push(subject);
        const first = await open(subject);
        await Promise.all(Array.from({ length: 20 }, (_, i) => first.metaPut(`m/${i}`, `v${i}`)));
        await first.metaPut('m/3', 'replaced');
        await first.metaDelete('m/4');
        await close(first);
        const second = await open(await reopen(subject));
        const records = (await second.metaList('m/')).records;
        expect(records.length).toBe(19);
        expect((await second.metaGet('m/3')).value).toBe('replaced');
        expect((await second.metaGet('m/4')).value).toBeNull();
        expect((await second.metaGet('m/19')).value).toBe('v19');
        await close(second);
      });

      it('reports the same stats after a restart', async () => {
        const subject = await harness.setup();
        subjects.push(subject);
        const first = await open(subject);
        await Promise.all(
          keySet('r', 30).map(({ key }, i) => first.put(key, i % 3 === 0 ? null : `v${i}`.repeat(i), w(1))),
        );
        const before = await first.stats();
        expect(before.entries).toBe(30);
        await close(first);
        const second = await open(await reopen(subject));
        const after = await second.stats();
        expect(after.entries).toBe(30);
        expect(after.bytes).toBe(before.bytes);
        await second.put('one-more', 'x', w(1));
        expect((await second.stats()).entries).toBe(31);
        await close(second);
      });

      it('gives back everything acknowledged after a restart', async () => {
        const subject = await harness.setup();
        subjects.push(subject);
        const first = await open(subject);
        const keys = keySet('d', 50);
        const model = new Map<string, { value: StoreValue | null; tag: Tag }>();
        const acks = keys.map(({ key }, i) => {
          const value = i % 8 === 0 ? null : i % 2 ? `v${i}` : Uint8Array.from([i]);
          model.set(key, { value, tag: w(i + 1, 'n1') });
          return first.put(key, value, w(i + 1, 'n1'));
        });
        await Promise.all(acks);
        await first.delete((keys[1] as { key: string }).key);
        model.delete((keys[1] as { key: string }).key);
        await close(first);

        const second = await open(await reopen(subject));
        expect(normalized((await second.scan(0, 0, 17)).entries, 0)).toEqual(expected(model, 0, 0));
        const k5 = keys[5] as { key: string };
        const got = await second.get(k5.key);
        expect(got.tag.toString()).toBe('6:n1');
        expect((await second.put(k5.key, 'older', w(2))).applied).toBe(false);
        await close(second);
      });
    }
  });
}

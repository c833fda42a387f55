import {
  type Address,
  CodecError,
  type CodecRegistry,
  type Message,
  type MessageCodec,
} from '@kompics/network';
import { RingNode } from '@kompics/ring';
import { type StoreCursor, type StoreValue, Tag } from '@kompics/store';
import { Ballot } from './ballot.js';
import { GroupView } from './group-view.js';
import {
  AbdReply,
  AbdRequest,
  type AbdStatus,
  Accept,
  Accepted,
  Leaving,
  Prepare,
  Promised,
  ReadyNews,
  ReadyQuery,
  SyncChunk,
  type SyncEntry,
  SyncPull,
  ViewNews,
} from './messages.js';

/** Wire type ids of the data layer's messages (CATS owns 200–249). */
export const CATS_TYPE_IDS = {
  AbdRequest: 200,
  AbdReply: 201,
  Prepare: 202,
  Promised: 203,
  Accept: 204,
  Accepted: 205,
  ViewNews: 206,
  SyncPull: 207,
  SyncChunk: 208,
  ReadyQuery: 209,
  ReadyNews: 210,
  Leaving: 211,
} as const;

/** Most entries a sync chunk may carry on the wire; more is malformed. */
export const MAX_SYNC_ENTRIES = 10_000;
/** Most members a view may have on the wire. */
export const MAX_VIEW_MEMBERS = 64;
/** Most views one piece of news may carry. */
export const MAX_VIEWS_PER_NEWS = 65_536;

// ---- plain-data forms, with validation of untrusted input --------------------------------------

function fail(what: string): never {
  throw new CodecError(what);
}

function arr(raw: unknown, what: string, length?: number): unknown[] {
  if (!Array.isArray(raw) || (length !== undefined && raw.length !== length))
    fail(`${what} must be an array${length === undefined ? '' : ` of ${length}`}`);
  return raw;
}

function int(raw: unknown, what: string): number {
  if (typeof raw !== 'number' || !Number.isSafeInteger(raw) || raw < 0)
    fail(`${what} must be a non-negative integer`);
  return raw;
}

function str(raw: unknown, what: string): string {
  if (typeof raw !== 'string') fail(`${what} must be a string`);
  return raw;
}

function bool(raw: unknown, what: string): boolean {
  if (typeof raw !== 'boolean') fail(`${what} must be a boolean`);
  return raw;
}

function value(raw: unknown, what: string): StoreValue | null {
  if (raw === null || typeof raw === 'string' || raw instanceof Uint8Array) return raw;
  return fail(`${what} must be a string, bytes or null`);
}

function guard<T>(what: string, make: () => T): T {
  try {
    return make();
  } catch (error) {
    if (error instanceof CodecError) throw error;
    throw new CodecError(`${what}: ${(error as Error).message}`);
  }
}

export const tagOut = (t: Tag) => [t.sequence, t.writer];
export const tagIn = (raw: unknown, what: string) => {
  const [s, w] = arr(raw, what, 2);
  return guard(what, () => new Tag(int(s, `${what}.sequence`), str(w, `${what}.writer`)));
};

export const ballotOut = (b: Ballot) => [b.round, b.proposer];
export const ballotIn = (raw: unknown) => {
  const [r, p] = arr(raw, 'ballot', 2);
  return new Ballot(int(r, 'ballot.round'), str(p, 'ballot.proposer'));
};

export const nodesOut = (nodes: readonly RingNode[]) => nodes.map((n) => n.toWire());
export const nodesIn = (raw: unknown, what: string) => {
  const list = arr(raw, what);
  if (list.length > MAX_VIEW_MEMBERS) fail(`${what}: more than ${MAX_VIEW_MEMBERS} nodes`);
  return list.map((n) => guard(what, () => RingNode.fromWire(n)));
};

export const viewOut = (v: GroupView) => [v.slice, v.number, nodesOut(v.members), nodesOut(v.previous)];
export const viewIn = (raw: unknown) => {
  const [slice, number, members, previous] = arr(raw, 'view', 4);
  return guard(
    'view',
    () =>
      new GroupView(
        int(slice, 'view.slice'),
        int(number, 'view.number'),
        nodesIn(members, 'view.members'),
        nodesIn(previous, 'view.previous'),
      ),
  );
};
const optionalView = (raw: unknown) => (raw === null ? undefined : viewIn(raw));

const cursorOut = (c: StoreCursor | undefined) => (c === undefined ? null : [c.hash, c.key]);
const cursorIn = (raw: unknown): StoreCursor | undefined => {
  if (raw === null) return undefined;
  const [hash, key] = arr(raw, 'cursor', 2);
  return { hash: int(hash, 'cursor.hash'), key: str(key, 'cursor.key') };
};

const STATUSES: readonly AbdStatus[] = ['ok', 'not-member', 'not-ready'];

function codec<M extends Message>(c: MessageCodec<M>): MessageCodec<M> {
  return c;
}

/** The codecs of every message the data layer sends. */
export function catsCodecs(): MessageCodec[] {
  return [
    codec({
      typeId: CATS_TYPE_IDS.AbdRequest,
      messageClass: AbdRequest,
      encode: (m) => [
        m.opId,
        m.phase,
        m.key,
        m.write === undefined ? null : [m.write.value, tagOut(m.write.tag)],
      ],
      decode: (body, s: Address, d: Address) => {
        const [opId, phase, key, write] = arr(body, 'AbdRequest', 4);
        let w: AbdRequest['write'];
        if (write !== null) {
          const [v, t] = arr(write, 'AbdRequest.write', 2);
          w = { value: value(v, 'AbdRequest.value'), tag: tagIn(t, 'AbdRequest.tag') };
        }
        return new AbdRequest(s, d, str(opId, 'opId'), int(phase, 'phase'), str(key, 'key'), w);
      },
    }),
    codec({
      typeId: CATS_TYPE_IDS.AbdReply,
      messageClass: AbdReply,
      encode: (m) => [
        m.opId,
        m.phase,
        m.status,
        m.view === undefined ? null : viewOut(m.view),
        m.value,
        tagOut(m.tag),
      ],
      decode: (body, s, d) => {
        const [opId, phase, status, view, v, tag] = arr(body, 'AbdReply', 6);
        if (!STATUSES.includes(status as AbdStatus)) fail('AbdReply: bad status');
        return new AbdReply(
          s,
          d,
          str(opId, 'opId'),
          int(phase, 'phase'),
          status as AbdStatus,
          optionalView(view),
          value(v, 'AbdReply.value'),
          tagIn(tag, 'AbdReply.tag'),
        );
      },
    }),
    codec({
      typeId: CATS_TYPE_IDS.Prepare,
      messageClass: Prepare,
      encode: (m) => [m.slice, m.instance, ballotOut(m.ballot)],
      decode: (body, s, d) => {
        const [slice, instance, ballot] = arr(body, 'Prepare', 3);
        return new Prepare(s, d, int(slice, 'slice'), int(instance, 'instance'), ballotIn(ballot));
      },
    }),
    codec({
      typeId: CATS_TYPE_IDS.Promised,
      messageClass: Promised,
      encode: (m) => [
        m.slice,
        m.instance,
        ballotOut(m.ballot),
        m.ok,
        m.accepted === undefined ? null : [ballotOut(m.accepted.ballot), nodesOut(m.accepted.members)],
        m.view === undefined ? null : viewOut(m.view),
      ],
      decode: (body, s, d) => {
        const [slice, instance, ballot, ok, accepted, view] = arr(body, 'Promised', 6);
        let acc: Promised['accepted'];
        if (accepted !== null) {
          const [b, members] = arr(accepted, 'Promised.accepted', 2);
          acc = { ballot: ballotIn(b), members: nodesIn(members, 'accepted.members') };
        }
        return new Promised(
          s,
          d,
          int(slice, 'slice'),
          int(instance, 'instance'),
          ballotIn(ballot),
          bool(ok, 'ok'),
          acc,
          optionalView(view),
        );
      },
    }),
    codec({
      typeId: CATS_TYPE_IDS.Accept,
      messageClass: Accept,
      encode: (m) => [m.slice, m.instance, ballotOut(m.ballot), nodesOut(m.members)],
      decode: (body, s, d) => {
        const [slice, instance, ballot, members] = arr(body, 'Accept', 4);
        return new Accept(
          s,
          d,
          int(slice, 'slice'),
          int(instance, 'instance'),
          ballotIn(ballot),
          nodesIn(members, 'members'),
        );
      },
    }),
    codec({
      typeId: CATS_TYPE_IDS.Accepted,
      messageClass: Accepted,
      encode: (m) => [m.slice, m.instance, ballotOut(m.ballot), m.ok],
      decode: (body, s, d) => {
        const [slice, instance, ballot, ok] = arr(body, 'Accepted', 4);
        return new Accepted(
          s,
          d,
          int(slice, 'slice'),
          int(instance, 'instance'),
          ballotIn(ballot),
          bool(ok, 'ok'),
        );
      },
    }),
    codec({
      typeId: CATS_TYPE_IDS.ViewNews,
      messageClass: ViewNews,
      encode: (m) => m.views.map(viewOut),
      decode: (body, s, d) => {
        const list = arr(body, 'ViewNews');
        if (list.length > MAX_VIEWS_PER_NEWS) fail('ViewNews: too many views');
        return new ViewNews(s, d, list.map(viewIn));
      },
    }),
    codec({
      typeId: CATS_TYPE_IDS.SyncPull,
      messageClass: SyncPull,
      encode: (m) => [viewOut(m.view), cursorOut(m.after), m.limit],
      decode: (body, s, d) => {
        const [view, after, limit] = arr(body, 'SyncPull', 3);
        const n = int(limit, 'limit');
        if (n < 1 || n > MAX_SYNC_ENTRIES) fail('SyncPull: bad limit');
        return new SyncPull(s, d, viewIn(view), cursorIn(after), n);
      },
    }),
    codec({
      typeId: CATS_TYPE_IDS.SyncChunk,
      messageClass: SyncChunk,
      encode: (m) => [
        m.slice,
        m.viewNumber,
        cursorOut(m.after),
        m.coversBelow,
        m.entries.map((e) => [e.key, e.value, tagOut(e.tag)]),
        cursorOut(m.next),
      ],
      decode: (body, s, d) => {
        const [slice, viewNumber, after, coversBelow, entries, next] = arr(body, 'SyncChunk', 6);
        const list = arr(entries, 'SyncChunk.entries');
        if (list.length > MAX_SYNC_ENTRIES) fail('SyncChunk: too many entries');
        const decoded: SyncEntry[] = list.map((e) => {
          const [key, v, tag] = arr(e, 'SyncChunk entry', 3);
          return { key: str(key, 'entry.key'), value: value(v, 'entry.value'), tag: tagIn(tag, 'entry.tag') };
        });
        return new SyncChunk(
          s,
          d,
          int(slice, 'slice'),
          int(viewNumber, 'viewNumber'),
          cursorIn(after),
          int(coversBelow, 'coversBelow'),
          decoded,
          cursorIn(next),
        );
      },
    }),
    codec({
      typeId: CATS_TYPE_IDS.ReadyQuery,
      messageClass: ReadyQuery,
      encode: (m) => [m.slice],
      decode: (body, s, d) => {
        const [slice] = arr(body, 'ReadyQuery', 1);
        return new ReadyQuery(s, d, int(slice, 'slice'));
      },
    }),
    codec({
      typeId: CATS_TYPE_IDS.ReadyNews,
      messageClass: ReadyNews,
      encode: (m) => [m.slice, m.view === undefined ? null : viewOut(m.view), m.ready],
      decode: (body, s, d) => {
        const [slice, view, ready] = arr(body, 'ReadyNews', 3);
        return new ReadyNews(s, d, int(slice, 'slice'), optionalView(view), bool(ready, 'ready'));
      },
    }),
    codec({
      typeId: CATS_TYPE_IDS.Leaving,
      messageClass: Leaving,
      encode: (m) => m.node.toWire(),
      decode: (body, s, d) =>
        new Leaving(
          s,
          d,
          guard('Leaving', () => RingNode.fromWire(body)),
        ),
    }),
  ] as unknown as MessageCodec[];
}

/** Registers the data layer's messages for the wire. */
export function registerCatsCodecs(registry: CodecRegistry): CodecRegistry {
  for (const c of catsCodecs()) registry.register(c);
  return registry;
}

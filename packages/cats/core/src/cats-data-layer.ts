import {
  Delete,
  DeleteResponse,
  Dht,
  DhtFailure,
  type DhtRequest,
  Get,
  GetResponse,
  Put,
  PutResponse,
} from '@kompics/dht';
import { ComponentDefinition, type RequestOf, Start } from '@kompics/kernel';
import { type Address, type Message, Network } from '@kompics/network';
import { Lookup, LookupResponse, OverlayRouter, replicaGroup } from '@kompics/overlay-router';
import { inArc, NewPredecessor, NewSuccessorList, Ring, type RingNode, ringHash } from '@kompics/ring';
import { type JsonObject, Status, StatusRequest, StatusResponse } from '@kompics/status';
import {
  Store,
  type StoreCursor,
  StoreFailure,
  StoreGet,
  StoreGetResult,
  StoreMetaList,
  StoreMetaListResult,
  StoreMetaPut,
  StoreMetaPutResult,
  StorePut,
  StorePutResult,
  StoreRange,
  StoreRangeRemoved,
  StoreRangeResult,
  StoreRemoveRange,
  StoreResponse,
  StoreStats,
  StoreStatsResult,
  type StoreValue,
  Tag,
} from '@kompics/store';
import { CancelTimeout, SchedulePeriodicTimeout, ScheduleTimeout, Timeout, Timer } from '@kompics/timer';
import { Ballot } from './ballot.js';
import { CatsControl, Retire, Retired } from './cats-control.js';
import { decodeSliceInto, encodeSlice, SLICE_RECORD_PREFIX, sliceRecordName } from './durable-state.js';
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
  SyncPull,
  ViewNews,
} from './messages.js';
import { highest, Operation, type OperationKind } from './operation.js';
import { type CatsOptions, type ResolvedCatsOptions, resolveCatsOptions } from './options.js';
import { type ProposerState, SliceState } from './slice-state.js';
import { Slices } from './slices.js';
import { type CatsStats, emptyStats } from './stats.js';
import { SyncSession, type SyncSource } from './sync-session.js';

class RetryTick extends Timeout {
  declare private readonly brand: 'retry';
}
class MaintenanceTick extends Timeout {
  declare private readonly brand: 'maintenance';
}
class OperationDeadline extends Timeout {
  constructor(
    id: string,
    readonly opId: string,
  ) {
    super(id);
  }
}

const sameCursor = (a: StoreCursor | undefined, b: StoreCursor | undefined) =>
  a === undefined ? b === undefined : b !== undefined && a.hash === b.hash && a.key === b.key;

/**
 * The CATS data layer on one node: provides the {@link Dht} port over the ring.
 *
 * - **Coordinator.** A Put, Get or Delete runs ABD: phase 1 reads `(value, tag)` from a
 *   consistent quorum of the key range's group, phase 2 writes (the new value with the next
 *   tag, or the highest value read back — skipped when the quorum agreed). Replies carry the
 *   replier's view; the coordinator follows newer views it hears of, retries unanswered
 *   requests and fails with `timeout` at the deadline.
 * - **Replica.** Answers ABD requests for the ranges whose current view it serves, through the
 *   Store port (which keeps the highest tag per key).
 * - **Reconfiguration.** The node that believes it is responsible for a range's end proposes
 *   the group it sees on the ring as the next view; the members of the current view agree by
 *   Paxos (an acceptor stops serving the view once it accepts). Members of the new view fetch
 *   the range from a majority of the previous view before serving.
 *
 * In `eventual` mode (the deliberately broken baseline) the coordinator takes any majority of
 * the group its router names for the key, and replicas answer every request.
 */
export class CatsDataLayer extends ComponentDefinition {
  readonly dht = this.provides(Dht);
  readonly net = this.requires(Network);
  readonly timer = this.requires(Timer);
  readonly ring = this.requires(Ring);
  readonly router = this.requires(OverlayRouter);
  readonly store = this.requires(Store);
  readonly status = this.provides(Status);
  readonly control_ = this.provides(CatsControl);

  readonly options: ResolvedCatsOptions;
  readonly slices: Slices;
  readonly stats: CatsStats = emptyStats();
  readonly #self: RingNode;
  readonly #key: string;
  readonly #states = new Map<number, SliceState>();
  readonly #ops = new Map<string, Operation>();
  readonly #lookups = new Map<string, string>();
  readonly #storeWaits = new Map<string, (response: StoreResponse) => void>();
  #predecessor: RingNode | undefined;
  #successors: readonly RingNode[] = [];
  /** Set once the durable state is loaded: nothing is served before. */
  #loaded = false;
  /** Client requests that arrived while loading. */
  readonly #early: Array<() => void> = [];
  /** Retire was asked: leave every group, then indicate Retired. */
  #retiring = false;
  #retired = false;
  /** Nodes known to be retiring (address key -> when heard), left out of proposed groups. */
  readonly #leaving = new Map<string, number>();
  /** The store's size as last reported (refreshed on every status request). */
  #storeStats = { entries: 0, bytes: 0 };

  constructor(options: CatsOptions) {
    super();
    this.options = resolveCatsOptions(options);
    this.slices = new Slices(this.options.slices);
    this.#self = this.options.self;
    this.#key = this.#self.address.key;

    this.subscribe(this.control, Start, () => this.#start());
    this.subscribe(this.dht, Put, (r) => this.#whenLoaded(() => this.#startOperation('put', r, r.value)));
    this.subscribe(this.dht, Get, (r) => this.#whenLoaded(() => this.#startOperation('get', r, null)));
    this.subscribe(this.dht, Delete, (r) => this.#whenLoaded(() => this.#startOperation('delete', r, null)));
    this.subscribe(this.timer, RetryTick, () => this.#retry());
    this.subscribe(this.timer, MaintenanceTick, () => this.#maintain());
    // A status answer carries fresh store figures: ask the store first (it answers at once, or
    // once earlier writes are durable); if it fails, answer with the last figures known.
    this.subscribe(this.status, StatusRequest, (r) =>
      this.#storeCall(new StoreStats(this.context.ids.next()), (response) => {
        if (response instanceof StoreStatsResult)
          this.#storeStats = { entries: response.entries, bytes: response.bytes };
        this.trigger(new StatusResponse(r.requestId, 'data', this.report()), this.status);
      }),
    );
    this.subscribe(this.control_, Retire, () => this.#whenLoaded(() => this.#retire()));
    this.subscribe(this.timer, OperationDeadline, (t) => this.#deadline(t.opId));
    this.subscribe(this.router, LookupResponse, (r) => this.#lookedUp(r));
    this.subscribe(this.ring, NewPredecessor, (e) => {
      this.#predecessor = e.predecessor;
    });
    this.subscribe(this.ring, NewSuccessorList, (e) => {
      this.#successors = e.successors;
    });
    this.subscribe(this.store, StoreResponse, (r) => {
      const wait = this.#storeWaits.get(r.requestId);
      if (wait === undefined) return;
      this.#storeWaits.delete(r.requestId);
      wait(r);
    });
    // Until the durable state is loaded, messages are dropped (their senders retry).
    this.subscribe(this.net, AbdRequest, (m) => this.#loaded && this.#serve(m));
    this.subscribe(this.net, AbdReply, (m) => this.#loaded && this.#replied(m));
    this.subscribe(this.net, Prepare, (m) => this.#loaded && this.#prepare(m));
    this.subscribe(this.net, Promised, (m) => this.#loaded && this.#promised(m));
    this.subscribe(this.net, Accept, (m) => this.#loaded && this.#accept(m));
    this.subscribe(this.net, Accepted, (m) => this.#loaded && this.#accepted(m));
    this.subscribe(this.net, ViewNews, (m) => {
      if (this.#loaded) for (const view of m.views) this.#learn(view);
    });
    this.subscribe(this.net, SyncPull, (m) => this.#loaded && this.#syncPull(m));
    this.subscribe(this.net, SyncChunk, (m) => this.#loaded && this.#syncChunk(m));
    this.subscribe(this.net, ReadyQuery, (m) => this.#loaded && this.#readyQuery(m));
    this.subscribe(this.net, ReadyNews, (m) => this.#loaded && this.#readyNews(m));
    this.subscribe(this.net, Leaving, (m) => {
      if (this.#loaded) this.#leaving.set(m.node.address.key, this.context.clock.now());
    });
  }

  /** The newest view this node knows of a slice (undefined: none). */
  viewOf(slice: number): GroupView | undefined {
    return this.#states.get(slice)?.view;
  }

  /** Whether this node serves the slice's current view. */
  serves(slice: number): boolean {
    return this.#states.get(slice)?.serving(this.#key) === true;
  }

  /**
   * The durable part of a slice's state, as text (the record it persists): for tests and
   * inspection. Undefined if this node knows nothing of the slice.
   */
  durableStateOf(slice: number): string | undefined {
    const state = this.#states.get(slice);
    return state === undefined ? undefined : encodeSlice(state);
  }

  /** Operations in flight. */
  get pending(): number {
    return this.#ops.size;
  }

  get #consistent(): boolean {
    return this.options.mode === 'consistent';
  }

  /** Whether the durable state is loaded (before that, nothing is served). */
  get loaded(): boolean {
    return this.#loaded;
  }

  /** Whether Retire completed. */
  get retired(): boolean {
    return this.#retired;
  }

  #whenLoaded(run: () => void): void {
    if (this.#loaded) run();
    else this.#early.push(run);
  }

  #start(): void {
    if (!this.#consistent) {
      this.#ready();
      return;
    }
    // Load the durable state (views, acceptor state) before serving anything.
    this.#storeCall(new StoreMetaList(this.context.ids.next(), SLICE_RECORD_PREFIX), (r) => {
      if (!(r instanceof StoreMetaListResult))
        throw new Error(
          `CatsDataLayer: cannot load its durable state: ${String((r as { detail?: string }).detail)}`,
        );
      for (const record of r.records) {
        const slice = Number(record.name.slice(SLICE_RECORD_PREFIX.length));
        if (!Number.isSafeInteger(slice) || slice < 0 || slice >= this.slices.count) continue;
        const state = this.#state(slice);
        decodeSliceInto(
          state,
          typeof record.value === 'string' ? record.value : new TextDecoder().decode(record.value),
        );
        this.stats.viewsLoaded++;
      }
      this.#ready();
    });
  }

  #ready(): void {
    this.#loaded = true;
    const o = this.options;
    this.trigger(
      new SchedulePeriodicTimeout(o.retryMs, o.retryMs, new RetryTick(this.context.ids.next())),
      this.timer,
    );
    if (this.#consistent) {
      this.#resumeTransfers();
      this.#begin();
    }
    for (const run of this.#early.splice(0)) run();
  }

  /**
   * After a restart: a member of a range's newest view that was not ready in it (it crashed while
   * fetching the range) fetches it again. Transfers are not durable, and nothing else would
   * restart this one: the view is decided, so no one learns it anew, and the group may never
   * change again — without this node it may lack a majority for good.
   */
  #resumeTransfers(): void {
    for (const state of this.#states.values()) {
      const view = state.view;
      if (view === undefined || !view.has(this.#key) || state.readyIn === view.number) continue;
      if (state.coversBelow >= view.number) {
        // Its data already holds every write before the view (a transfer completed just before the crash).
        state.readyIn = view.number;
        this.#persist(state);
      } else this.#fetch(state, view);
    }
  }

  #begin(): void {
    const o = this.options;
    this.trigger(
      new SchedulePeriodicTimeout(
        o.maintenanceMs,
        o.maintenanceMs,
        new MaintenanceTick(this.context.ids.next()),
      ),
      this.timer,
    );
    if (!o.genesis.some((n) => n.equals(this.#self))) return;
    const sorted = [...o.genesis].sort((a, b) => a.id - b.id);
    for (let slice = 0; slice < this.slices.count; slice++) {
      // A slice with durable state is past genesis (this is a restart): never install view 1 again.
      if (this.#states.get(slice)?.view !== undefined) continue;
      const [, to] = this.slices.range(slice);
      const members = replicaGroup(sorted, to, o.replicationDegree);
      // Views of other groups are learnt from replies and gossip when needed.
      if (members.some((m) => m.equals(this.#self))) this.#learn(new GroupView(slice, 1, members));
    }
  }

  /**
   * Writes the slice's durable state; `then` runs once it is durable (a reply that depends on
   * it is sent only then).
   */
  #persist(state: SliceState, then?: () => void): void {
    this.stats.stateWrites++;
    const put = new StoreMetaPut(this.context.ids.next(), sliceRecordName(state.slice), encodeSlice(state));
    this.#storeCall(put, (r) => {
      if (r instanceof StoreMetaPutResult) then?.();
    });
  }

  #state(slice: number): SliceState {
    let state = this.#states.get(slice);
    if (state === undefined) {
      state = new SliceState(slice);
      this.#states.set(slice, state);
    }
    return state;
  }

  #send(message: Message, kind: 'abd' | 'paxos' | 'view' | 'sync'): void {
    if (kind === 'abd') this.stats.abdMessages++;
    else if (kind === 'paxos') this.stats.paxosMessages++;
    else if (kind === 'view') this.stats.viewMessages++;
    else this.stats.syncMessages++;
    this.trigger(message, this.net);
  }

  #storeCall(request: RequestOf<Store>, then: (response: StoreResponse) => void): void {
    this.#storeWaits.set(request.requestId, then);
    this.trigger(request, this.store);
  }

  // ---- coordinator ---------------------------------------------------------------------------

  #startOperation(kind: OperationKind, request: DhtRequest, value: StoreValue | null): void {
    this.stats.operations++;
    if (kind === 'get') this.stats.gets++;
    else if (kind === 'put') this.stats.puts++;
    else this.stats.deletes++;
    const id = this.context.ids.next();
    const hash = ringHash(request.key);
    const deadline = new OperationDeadline(this.context.ids.next(), id);
    const op = new Operation(
      id,
      request.requestId,
      kind,
      request.key,
      hash,
      this.slices.of(hash),
      value,
      this.context.clock.now(),
      deadline.timeoutId,
    );
    this.#ops.set(id, op);
    this.trigger(new ScheduleTimeout(this.options.operationTimeoutMs, deadline), this.timer);
    op.begin(1);
    this.#contact(op, true);
  }

  /** Sends the current phase to everyone it should reach and has not; looks up if it knows nobody. */
  #contact(op: Operation, lookup: boolean): void {
    if (this.#consistent) {
      const view = this.#state(op.slice).view;
      if (view !== undefined) for (const m of view.members) this.#ask(op, m.address);
      if (view === undefined || lookup) this.#lookup(op, this.slices.range(op.slice)[1]);
    } else {
      for (const a of op.group) this.#ask(op, a);
      if (op.group.length === 0 || lookup) this.#lookup(op, op.hash);
    }
  }

  #lookup(op: Operation, point: number): void {
    const requestId = this.context.ids.next();
    this.#lookups.set(requestId, op.id);
    this.trigger(new Lookup(point, this.options.replicationDegree, requestId), this.router);
  }

  #lookedUp(response: LookupResponse): void {
    const opId = this.#lookups.get(response.requestId);
    if (opId === undefined) return;
    this.#lookups.delete(response.requestId);
    const op = this.#ops.get(opId);
    if (op === undefined) return;
    const group = response.group.map((n) => n.address);
    if (!this.#consistent) op.group = group;
    op.routed = new Set(group.map((a) => a.key));
    for (const a of group) this.#ask(op, a);
  }

  /** Sends the current phase's request to `to`, once per phase. */
  #ask(op: Operation, to: Address): void {
    if (op.contacted.has(to.key)) return;
    op.contacted.set(to.key, to);
    this.#request(op, to);
  }

  #request(op: Operation, to: Address): void {
    op.messages++;
    this.stats.operationMessages++;
    const write = op.phase === 2 ? op.write : undefined;
    this.#send(new AbdRequest(this.#self.address, to, op.id, op.attempt, op.key, write), 'abd');
  }

  #replied(reply: AbdReply): void {
    if (reply.view !== undefined && this.#consistent) this.#learn(reply.view);
    const op = this.#ops.get(reply.opId);
    if (op === undefined) return;
    op.heard.add(reply.source.key);
    op.messages++;
    if (reply.phase !== op.attempt) return;
    if (this.#consistent) {
      if (reply.status === 'ok' && reply.view !== undefined) {
        op.answered.add(reply.source.key);
        const quorum = op.quorum.add(reply.source.key, reply.view, reply);
        if (quorum !== undefined) {
          this.#phaseDone(op, quorum.replies);
          return;
        }
      }
      // Follow the newest view heard of: ask its members too.
      this.#contact(op, false);
    } else if (reply.status === 'ok') {
      op.answered.add(reply.source.key);
      op.eventual.set(reply.source.key, reply);
      const needed = Math.floor(Math.max(op.group.length, 1) / 2) + 1;
      if (op.eventual.size >= needed) this.#phaseDone(op, [...op.eventual.values()]);
    }
  }

  #phaseDone(op: Operation, replies: readonly AbdReply[]): void {
    if (op.phase === 2) {
      this.#finish(op, op.write?.value ?? null);
      return;
    }
    const read = highest(replies);
    if (op.kind === 'get') {
      if (read.unanimous) {
        this.stats.readsWithoutWriteBack++;
        this.#finish(op, read.value);
        return;
      }
      op.write = { value: read.value, tag: read.tag };
      this.stats.writeBacks++;
    } else {
      op.write = { value: op.kind === 'put' ? op.value : null, tag: read.tag.next(`${this.#key}/${op.id}`) };
    }
    op.begin(2);
    this.#contact(op, false);
  }

  #finish(op: Operation, value: StoreValue | null): void {
    this.#ops.delete(op.id);
    this.trigger(new CancelTimeout(op.deadlineId), this.timer);
    this.stats.completed++;
    if (op.kind !== 'get') {
      this.stats.writes++;
      this.stats.writeMessages += op.messages;
    } else if (op.phase === 1) {
      this.stats.fastReads++;
      this.stats.fastReadMessages += op.messages;
    } else {
      this.stats.writeBackReads++;
      this.stats.writeBackReadMessages += op.messages;
    }
    const response =
      op.kind === 'get'
        ? new GetResponse(op.requestId, op.key, value)
        : op.kind === 'put'
          ? new PutResponse(op.requestId, op.key)
          : new DeleteResponse(op.requestId, op.key);
    this.trigger(response, this.dht);
  }

  #deadline(opId: string): void {
    const op = this.#ops.get(opId);
    if (op === undefined) return;
    this.#ops.delete(opId);
    const lost = this.#majorityLost(op);
    if (lost !== undefined) {
      this.stats.unavailable++;
      this.trigger(new DhtFailure(op.requestId, 'unavailable', lost), this.dht);
      return;
    }
    this.stats.timedOut++;
    this.trigger(
      new DhtFailure(
        op.requestId,
        'timeout',
        `no consistent quorum within ${this.options.operationTimeoutMs} ms`,
      ),
      this.dht,
    );
  }

  /**
   * Why the operation's group is unavailable, if this coordinator can tell: it knows the range's
   * current view, and fewer than a majority of its members are alive as far as it can see —
   * they neither answered anything during the whole operation nor are among the nodes its
   * router names for the range (the router's member table is fed by the failure detector).
   * Such a group cannot serve nor reconfigure until members come back. Anything else (no view
   * known, members alive but not answering in time, a reconfiguration under way) is a timeout.
   */
  #majorityLost(op: Operation): string | undefined {
    if (!this.#consistent) return undefined;
    const view = this.#state(op.slice).view;
    if (view === undefined) return undefined;
    const alive = view.members.filter(
      (m) => op.heard.has(m.address.key) || op.routed.has(m.address.key),
    ).length;
    if (alive >= view.majority) return undefined;
    return `the group of ${op.key}'s range (view ${view.number}) lost its majority: ${alive} of ${view.members.length} members reachable`;
  }

  #retry(): void {
    for (const op of this.#ops.values()) {
      op.retries++;
      for (const [key, address] of op.contacted) if (!op.answered.has(key)) this.#request(op, address);
      this.#contact(op, op.retries % 4 === 0);
    }
    if (this.#consistent) this.#retrySyncs();
  }

  // ---- replica ---------------------------------------------------------------------------------

  #serve(request: AbdRequest): void {
    let view: GroupView | undefined;
    if (this.#consistent) {
      const state = this.#state(this.slices.of(ringHash(request.key)));
      if (!state.serving(this.#key)) {
        const status: AbdStatus = state.isMember(this.#key) ? 'not-ready' : 'not-member';
        this.#reply(request, status, state.view, null, Tag.ZERO);
        return;
      }
      // The view in which this replica handled the request: it stored (or read) while serving it.
      view = state.view;
    }
    const id = this.context.ids.next();
    const write = request.write;
    if (write === undefined) {
      this.#storeCall(new StoreGet(id, request.key), (r) => {
        if (r instanceof StoreGetResult) this.#reply(request, 'ok', view, r.value, r.tag);
      });
    } else {
      this.#storeCall(new StorePut(id, request.key, write.value, write.tag), (r) => {
        if (r instanceof StorePutResult) this.#reply(request, 'ok', view, null, r.tag);
      });
    }
  }

  #reply(
    request: AbdRequest,
    status: AbdStatus,
    view: GroupView | undefined,
    value: StoreValue | null,
    tag: Tag,
  ) {
    this.#send(
      new AbdReply(this.#self.address, request.source, request.opId, request.phase, status, view, value, tag),
      'abd',
    );
  }

  // ---- views -----------------------------------------------------------------------------------

  /**
   * Takes note of a decided view. A newer view replaces the known one: this node stops serving
   * the old one and, if a member of the new one, fetches the range before serving it.
   */
  #learn(view: GroupView): void {
    if (view.slice >= this.slices.count) return;
    const state = this.#state(view.slice);
    if (state.view !== undefined && state.view.number >= view.number) return;
    state.view = view;
    state.acceptor = undefined;
    state.proposer = undefined;
    state.readyVotes.clear();
    this.stats.viewsLearnt++;
    if (!view.has(this.#key)) {
      if (this.#retiring && state.holdsData) this.#askReady(view);
      // Only a node that may hold the range's data (or voted on its views) needs to remember.
      if (state.holdsData || state.highestRound > 0) this.#persist(state);
      return;
    }
    state.holdsData = true;
    state.removedSince = undefined;
    if (view.previous.length === 0) {
      // A first view: nothing was ever written to the range.
      state.readyIn = view.number;
      state.coversBelow = Math.max(state.coversBelow, view.number);
      this.#persist(state);
      return;
    }
    this.#persist(state);
    this.#fetch(state, view);
  }

  /** Starts fetching the range for `view` (a view this node is a member of), unless under way. */
  #fetch(state: SliceState, view: GroupView): void {
    if (state.coversBelow >= view.number || state.syncs.has(view.number)) return;
    const session = new SyncSession(view, this.#self.address, state.coversBelow, this.context.clock.now());
    state.syncs.set(view.number, session);
    for (const source of session.sources.values()) if (!source.done) this.#pull(view, source);
    this.#checkSync(state, session);
  }

  #maintain(): void {
    const mine: GroupView[] = [];
    for (const state of this.#states.values()) {
      if (state.view !== undefined && state.isMember(this.#key)) mine.push(state.view);
    }
    if (mine.length > 0) {
      // Every view this node is a member of goes to its ring neighbours and to the view's other
      // members. The members matter most: one that was down when the view was decided (and is
      // not a ring neighbour of anyone who knows it) would otherwise keep serving the previous
      // view, and if it is the node responsible for the range, nobody would ever propose the
      // next view (soak: rejoins, seed 9109).
      const news = new Map<string, { to: Address; views: GroupView[] }>();
      const tell = (to: Address, views: readonly GroupView[]) => {
        if (to.key === this.#key) return;
        let entry = news.get(to.key);
        if (entry === undefined) {
          entry = { to, views: [] };
          news.set(to.key, entry);
        }
        for (const v of views) if (!entry.views.includes(v)) entry.views.push(v);
      };
      for (const n of [this.#predecessor, ...this.#successors]) if (n !== undefined) tell(n.address, mine);
      for (const view of mine) for (const m of view.members) tell(m.address, [view]);
      for (const { to, views } of news.values())
        this.#send(new ViewNews(this.#self.address, to, views), 'view');
    }
    const now = this.context.clock.now();
    for (const [key, since] of this.#leaving)
      if (key !== this.#key && now - since > 8 * this.options.maintenanceMs) this.#leaving.delete(key);
    if (this.#retiring) this.#announceLeaving();
    this.#reconfigure();
    this.#handOver();
  }

  // ---- retiring and garbage collection ---------------------------------------------------------

  #retire(): void {
    if (!this.#consistent) {
      this.#retired = true;
      this.trigger(new Retired(), this.control_);
      return;
    }
    if (this.#retiring) return;
    this.#retiring = true;
    this.#announceLeaving();
    this.#reconfigure();
  }

  /** Tells ring neighbours and the members of this node's groups that it is leaving. */
  #announceLeaving(): void {
    const to = new Map<string, Address>();
    for (const n of [this.#predecessor, ...this.#successors])
      if (n !== undefined) to.set(n.address.key, n.address);
    for (const state of this.#states.values())
      if (state.view?.has(this.#key) === true)
        for (const m of state.view.members) to.set(m.address.key, m.address);
    to.delete(this.#key);
    for (const address of to.values())
      this.#send(new Leaving(this.#self.address, address, this.#self), 'view');
  }

  #isLeaving(node: RingNode): boolean {
    return node.equals(this.#self) ? this.#retiring : this.#leaving.has(node.address.key);
  }

  /**
   * For every range whose newest view left this node out while it still holds the range's data:
   * asks the view's members whether they serve it; once a majority does (they have the data) and
   * `gcDelayMs` has passed, deletes the range. A retiring node reports Retired once every range
   * it replicated has been handed over so.
   */
  #handOver(): void {
    const now = this.context.clock.now();
    for (const state of this.#states.values()) {
      const view = state.view;
      if (view === undefined || view.has(this.#key) || !state.holdsData) continue;
      if (state.readyVotes.size < view.majority) this.#askReady(view);
      if (state.collecting) continue;
      state.removedSince ??= now;
      if (state.readyVotes.size >= view.majority && now - state.removedSince >= this.options.gcDelayMs)
        this.#collect(state);
    }
    this.#checkRetired();
  }

  #askReady(view: GroupView): void {
    for (const m of view.members)
      this.#send(new ReadyQuery(this.#self.address, m.address, view.slice), 'view');
  }

  /** A retiring node is done once no view it knows has it and each new view's majority serves. */
  #checkRetired(): void {
    if (!this.#retiring || this.#retired) return;
    for (const state of this.#states.values()) {
      const view = state.view;
      if (view === undefined) continue;
      if (view.has(this.#key)) return;
      if (state.holdsData && state.readyVotes.size < view.majority) return;
    }
    this.#retired = true;
    this.trigger(new Retired(), this.control_);
  }

  #readyQuery(m: ReadyQuery): void {
    const state = this.#states.get(m.slice);
    this.#send(
      new ReadyNews(this.#self.address, m.source, m.slice, state?.view, state?.serving(this.#key) === true),
      'view',
    );
  }

  #readyNews(m: ReadyNews): void {
    if (m.view === undefined) return;
    this.#learn(m.view);
    const state = this.#states.get(m.slice);
    if (state?.view === undefined || !m.ready || state.view.number !== m.view.number) return;
    if (state.view.has(m.source.key)) state.readyVotes.add(m.source.key);
    this.#checkRetired();
  }

  /**
   * Deletes this node's copy of a range it no longer replicates. First, durably, it gives up
   * every claim about the range (so neither now nor after a restart does it act as a transfer
   * source with data it no longer has), then removes the data — unless it became a member again
   * meanwhile.
   */
  #collect(state: SliceState): void {
    state.collecting = true;
    state.holdsData = false;
    state.readyIn = 0;
    state.coversBelow = 0;
    state.syncs.clear();
    this.#persist(state, () => {
      if (state.holdsData) {
        state.collecting = false;
        return;
      }
      const [from, to] = this.slices.range(state.slice);
      this.#storeCall(new StoreRemoveRange(this.context.ids.next(), from, to), (r) => {
        state.collecting = false;
        if (r instanceof StoreRangeRemoved) this.stats.rangesCollected++;
      });
    });
  }

  // ---- status ----------------------------------------------------------------------------------

  /**
   * The data layer's state as JSON, for status pages (the `data` part of a node's status):
   * mode, groups, `store: { entries, bytes }` (the local store's size as of the last status
   * request — see `StoreStatsResult`) and counters (`gets`, `puts`, `deletes`: client operations
   * this node coordinated; …).
   */
  report(): JsonObject {
    const groups = [...this.#states.values()]
      .filter((st) => st.view !== undefined)
      .sort((a, b) => a.slice - b.slice)
      .map((st) => {
        const [from, to] = this.slices.range(st.slice);
        const view = st.view as GroupView;
        return {
          slice: st.slice,
          from,
          to,
          view: view.number,
          members: view.members.map((m) => ({ id: m.id, address: m.address.key })),
          serving: st.serving(this.#key),
        };
      });
    const st = this.stats;
    return {
      mode: this.options.mode,
      loaded: this.#loaded,
      retiring: this.#retiring,
      retired: this.#retired,
      groups,
      store: { ...this.#storeStats },
      counters: {
        gets: st.gets,
        puts: st.puts,
        deletes: st.deletes,
        completed: st.completed,
        failures: st.timedOut + st.unavailable,
        timeouts: st.timedOut,
        unavailable: st.unavailable,
        writeBacks: st.writeBacks,
        skippedWriteBacks: st.readsWithoutWriteBack,
        reconfigurations: st.decided,
        viewsLearnt: st.viewsLearnt,
        transfersIn: st.syncsCompleted,
        entriesReceived: st.entriesReceived,
        rangesCollected: st.rangesCollected,
        stateWrites: st.stateWrites,
        messagesSent: st.abdMessages + st.paxosMessages + st.viewMessages + st.syncMessages,
        pending: this.#ops.size,
      },
    };
  }

  /** Proposes the next view of every range this node is responsible for whose group changed. */
  #reconfigure(): void {
    const now = this.context.clock.now();
    const r = this.options.replicationDegree;
    const pred = this.#predecessor;
    if (pred === undefined && this.#successors.length > 0) return;
    const wanted: RingNode[] = [];
    for (const n of [this.#self, ...this.#successors]) {
      if (wanted.length >= r) break;
      if (!this.#isLeaving(n) && !wanted.some((w) => w.equals(n))) wanted.push(n);
    }
    if (wanted.length === 0) return;
    const stale = 4 * this.options.maintenanceMs;
    for (const state of this.#states.values()) {
      const view = state.view;
      if (view === undefined) continue;
      const running = state.proposer;
      if (
        running !== undefined &&
        now - running.startedAt < stale &&
        (running.outbidAt === undefined || now - running.outbidAt < this.options.retryMs)
      )
        continue;
      state.proposer = undefined;
      const [, to] = this.slices.range(state.slice);
      // Knowing no neighbour (just restarted, or cut off) is not being alone: a node proposes a
      // group only once its ring names a predecessor, else it would shrink every group it is in
      // to itself. (A node that really is alone has nothing to propose: it could not win a
      // majority of a larger view, and a one-member view is already itself.)
      const responsible = pred !== undefined && inArc(to, pred.id, this.#self.id);
      const acceptor = state.acceptor;
      // A member that accepted a reconfiguration of the view never serves it again, so a view
      // with an accepted, undecided successor is frozen even when its members are the ones
      // wanted (the ring changed back): the responsible node finishes it at once rather than
      // after the stalled-reconfiguration wait below. (Paxos adopts the accepted members if an
      // acceptor that accepted them is among the majority that promises; else the wanted ones.)
      const accepted = acceptor?.instance === view.number ? acceptor.accepted : undefined;
      if (responsible && (accepted !== undefined || !view.sameMembers(wanted))) this.#propose(state, wanted);
      else if (accepted !== undefined && acceptor !== undefined && now - acceptor.since > stale)
        // A reconfiguration this node accepted has stalled (its proposer may have crashed): finish it.
        this.#propose(state, accepted.members);
    }
  }

  #propose(state: SliceState, members: readonly RingNode[]): void {
    const view = state.view as GroupView;
    const round = Math.max(state.acceptor?.promised.round ?? 0, state.highestRound) + 1;
    state.highestRound = round;
    const ballot = new Ballot(round, this.#key);
    state.proposer = {
      instance: view.number,
      ballot,
      wanted: members,
      phase: 'prepare',
      promises: new Map(),
      accepts: new Set(),
      refused: new Set(),
      outbidAt: undefined,
      members,
      startedAt: this.context.clock.now(),
    };
    const proposer = state.proposer;
    // The round is durable before any Prepare goes out, so a restarted proposer never reuses a ballot.
    this.#persist(state, () => {
      if (state.proposer !== proposer) return;
      for (const m of view.members)
        this.#send(new Prepare(this.#self.address, m.address, state.slice, view.number, ballot), 'paxos');
    });
  }

  /** The acceptor of the current view's reconfiguration, if this node is a member of that view. */
  #acceptorFor(slice: number, instance: number) {
    const state = this.#states.get(slice);
    const view = state?.view;
    if (state === undefined || view === undefined || view.number !== instance || !view.has(this.#key))
      return undefined;
    state.acceptor ??= { instance, promised: Ballot.ZERO, accepted: undefined, since: 0 };
    return { state, acceptor: state.acceptor };
  }

  #prepare(m: Prepare): void {
    const found = this.#acceptorFor(m.slice, m.instance);
    if (found === undefined) {
      const view = this.#states.get(m.slice)?.view;
      this.#send(
        new Promised(this.#self.address, m.source, m.slice, m.instance, m.ballot, false, undefined, view),
        'paxos',
      );
      return;
    }
    const { acceptor, state } = found;
    if (state.readyIn !== m.instance) {
      // Only a member ready in the view (it holds the range's data) takes part in replacing it.
      // So a decided view always had a majority ready in its predecessor: one of them covers
      // every write before it, and the transfer to its members can complete. Replacing views
      // nobody was ready in would chain views whose transfers can never complete (no source
      // covers the writes before them) and lose the group for good.
      const refusal = new Promised(
        this.#self.address,
        m.source,
        m.slice,
        m.instance,
        m.ballot,
        false,
        undefined,
        state.view,
      );
      this.#send(refusal, 'paxos');
      return;
    }
    const ok = Ballot.compare(m.ballot, acceptor.promised) > 0;
    if (ok) acceptor.promised = m.ballot;
    state.highestRound = Math.max(state.highestRound, acceptor.promised.round);
    const ballot = ok ? m.ballot : acceptor.promised;
    const reply = new Promised(
      this.#self.address,
      m.source,
      m.slice,
      m.instance,
      ballot,
      ok,
      acceptor.accepted,
      state.view,
    );
    // A promise is durable before it is sent.
    if (ok) this.#persist(state, () => this.#send(reply, 'paxos'));
    else this.#send(reply, 'paxos');
  }

  #promised(m: Promised): void {
    const state = this.#states.get(m.slice);
    if (m.view !== undefined) this.#learn(m.view);
    const p = state?.proposer;
    if (state === undefined || p === undefined || p.instance !== m.instance || p.phase !== 'prepare') return;
    if (!m.ok) {
      if (m.view === undefined || m.view.number < m.instance) {
        // The acceptor has not heard of the view yet: tell it.
        const view = state.view;
        if (view !== undefined) this.#send(new ViewNews(this.#self.address, m.source, [view]), 'view');
        return;
      }
      state.highestRound = Math.max(state.highestRound, m.ballot.round);
      const order = Ballot.compare(m.ballot, p.ballot);
      // A lower ballot: a late answer to an earlier ballot of this proposer.
      if (order < 0) return;
      // Promised a higher ballot: give up at once (nothing was accepted under this ballot yet,
      // so nothing is left unlearnt); the next attempt takes a higher round.
      if (order > 0) state.proposer = undefined;
      // Not ready in the view yet (or a duplicate Prepare): give up once too many say so.
      else if (!p.promises.has(m.source.key)) {
        p.refused.add(m.source.key);
        if (this.#noMajorityLeft(state, p)) state.proposer = undefined;
      }
      return;
    }
    if (Ballot.compare(m.ballot, p.ballot) !== 0) return;
    p.refused.delete(m.source.key);
    p.promises.set(m.source.key, m);
    const view = state.view as GroupView;
    if (p.promises.size < view.majority) return;
    // Paxos: adopt the proposal accepted under the highest ballot, if any.
    let best: Promised['accepted'];
    for (const promise of p.promises.values()) {
      const a = promise.accepted;
      if (a !== undefined && (best === undefined || Ballot.compare(a.ballot, best.ballot) > 0)) best = a;
    }
    p.members = best?.members ?? p.wanted;
    p.phase = 'accept';
    p.refused.clear();
    for (const member of view.members)
      this.#send(
        new Accept(this.#self.address, member.address, m.slice, m.instance, p.ballot, p.members),
        'paxos',
      );
  }

  #accept(m: Accept): void {
    const found = this.#acceptorFor(m.slice, m.instance);
    if (found === undefined) {
      this.#send(new Accepted(this.#self.address, m.source, m.slice, m.instance, m.ballot, false), 'paxos');
      return;
    }
    const { acceptor } = found;
    const ok = Ballot.compare(m.ballot, acceptor.promised) >= 0;
    if (ok) {
      // From here on this node never serves the view again (see SliceState.serving).
      acceptor.promised = m.ballot;
      acceptor.accepted = { ballot: m.ballot, members: m.members };
      acceptor.since = this.context.clock.now();
    }
    const reply = new Accepted(
      this.#self.address,
      m.source,
      m.slice,
      m.instance,
      ok ? m.ballot : acceptor.promised,
      ok,
    );
    // An acceptance is durable before it is sent (and, restarted, this node never serves the view again).
    if (ok) this.#persist(found.state, () => this.#send(reply, 'paxos'));
    else this.#send(reply, 'paxos');
  }

  /** Whether the acceptors that have not refused the proposer's ballot can no longer make a majority. */
  #noMajorityLeft(state: SliceState, p: ProposerState): boolean {
    const view = state.view as GroupView;
    return p.refused.size > view.members.length - view.majority;
  }

  #accepted(m: Accepted): void {
    const state = this.#states.get(m.slice);
    const p = state?.proposer;
    if (state === undefined || p === undefined || p.instance !== m.instance || p.phase !== 'accept') return;
    if (!m.ok) {
      state.highestRound = Math.max(state.highestRound, m.ballot.round);
      // A refusal names the acceptor's promise, never lower than the ballot it refuses: a lower
      // one is a late answer to an earlier ballot of this proposer.
      const order = Ballot.compare(m.ballot, p.ballot);
      if (order < 0 || p.accepts.has(m.source.key)) return;
      p.refused.add(m.source.key);
      // Not given up at once: the other acceptances may still choose the view (see outbidAt).
      if (order > 0 || this.#noMajorityLeft(state, p)) p.outbidAt ??= this.context.clock.now();
      return;
    }
    if (Ballot.compare(m.ballot, p.ballot) !== 0) return;
    p.refused.delete(m.source.key);
    p.accepts.add(m.source.key);
    const view = state.view as GroupView;
    if (p.accepts.size < view.majority) return;
    const next = new GroupView(m.slice, view.number + 1, p.members, view.members);
    this.stats.decided++;
    const tell = new Map<string, Address>();
    for (const n of [...view.members, ...next.members]) tell.set(n.address.key, n.address);
    tell.delete(this.#key);
    for (const to of tell.values()) this.#send(new ViewNews(this.#self.address, to, [next]), 'view');
    this.#learn(next);
  }

  // ---- range transfer ------------------------------------------------------------------------------

  #pull(view: GroupView, source: SyncSource): void {
    source.pulledAt = this.context.clock.now();
    this.#send(
      new SyncPull(this.#self.address, source.address, view, source.after, this.options.syncChunk),
      'sync',
    );
  }

  #syncPull(m: SyncPull): void {
    // The requester's view is decided: learning it stops this node serving older ones, so the
    // data read below holds every write this node acknowledged in them.
    this.#learn(m.view);
    const state = this.#state(m.view.slice);
    // A node that deleted (or is deleting) its copy of the range is no source: its data would
    // not hold the writes it once stored.
    if (!state.holdsData || state.collecting) return;
    const coversBelow = state.coversBelow;
    const [from, to] = this.slices.range(m.view.slice);
    this.#storeCall(new StoreRange(this.context.ids.next(), from, to, m.limit, m.after), (r) => {
      if (!(r instanceof StoreRangeResult)) return;
      const entries = r.entries.map((e) => ({ key: e.key, value: e.value, tag: e.tag }));
      this.#send(
        new SyncChunk(
          this.#self.address,
          m.source,
          m.view.slice,
          m.view.number,
          m.after,
          coversBelow,
          entries,
          r.next,
        ),
        'sync',
      );
    });
  }

  #syncChunk(m: SyncChunk): void {
    const state = this.#states.get(m.slice);
    const session = state?.syncs.get(m.viewNumber);
    const source = session?.sources.get(m.source.key);
    if (state === undefined || session === undefined || source === undefined) return;
    if (source.done || source.writing || !sameCursor(m.after, source.after)) return;
    source.coversBelow = Math.min(source.coversBelow, m.coversBelow);
    const advance = () => {
      source.writing = false;
      source.after = m.next;
      if (m.next === undefined) {
        source.done = true;
        this.#checkSync(state, session);
      } else this.#pull(session.view, source);
    };
    if (m.entries.length === 0) {
      advance();
      return;
    }
    source.writing = true;
    let left = m.entries.length;
    this.stats.entriesReceived += left;
    for (const e of m.entries) {
      this.#storeCall(new StorePut(this.context.ids.next(), e.key, e.value, e.tag), (r) => {
        if (r instanceof StoreFailure) return;
        if (--left === 0) advance();
      });
    }
  }

  #checkSync(state: SliceState, session: SyncSession): void {
    if (state.syncs.get(session.view.number) !== session) return;
    const own = session.sources.get(this.#key);
    if (own !== undefined) own.coversBelow = state.coversBelow;
    if (!session.complete()) return;
    const n = session.view.number;
    state.syncs.delete(n);
    state.coversBelow = Math.max(state.coversBelow, n);
    for (const older of [...state.syncs.keys()]) if (older <= n) state.syncs.delete(older);
    this.stats.syncsCompleted++;
    if (state.view?.number === n && state.isMember(this.#key)) state.readyIn = n;
    this.#persist(state);
    // Covering more may complete a transfer for a later view that counts on this node's own data.
    for (const later of [...state.syncs.values()]) this.#checkSync(state, later);
  }

  #retrySyncs(): void {
    const now = this.context.clock.now();
    const wait = 4 * this.options.retryMs;
    for (const state of this.#states.values()) {
      for (const session of state.syncs.values()) {
        for (const source of session.sources.values()) {
          if (source.writing || now - source.pulledAt < wait) continue;
          if (source.done) {
            // Finished with too weak a guarantee: fetch again later, once it may cover more.
            if (source.coversBelow >= session.view.number - 1 || source.address.key === this.#key) continue;
            source.done = false;
            source.after = undefined;
            source.coversBelow = Number.POSITIVE_INFINITY;
          }
          this.#pull(session.view, source);
        }
      }
    }
  }
}

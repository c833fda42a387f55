import {
  type Child,
  ComponentDefinition,
  type Fault,
  Killed,
  type RequestOf,
  Runtime,
  Started,
  Stopped,
} from '@kompics/kernel';
import type { StoreCursor, StoreEntry } from '../store-entry.js';
import { StoreMetaDelete, StoreMetaGet, StoreMetaList, StoreMetaPut } from '../store-meta.js';
import { Store } from '../store-port.js';
import {
  StoreDelete,
  StoreGet,
  StorePut,
  StoreRange,
  StoreReleaseSnapshot,
  StoreRemoveRange,
  StoreSnapshot,
  StoreStats,
} from '../store-requests.js';
import {
  StoreDeleteResult,
  StoreFailure,
  StoreGetResult,
  StoreMetaDeleteResult,
  StoreMetaGetResult,
  StoreMetaListResult,
  StoreMetaPutResult,
  StorePutResult,
  StoreRangeRemoved,
  StoreRangeResult,
  StoreResponse,
  StoreSnapshotOpened,
  StoreSnapshotReleased,
  StoreStatsResult,
} from '../store-responses.js';
import type { StoreValue } from '../store-value.js';
import type { Tag } from '../tag.js';

/** A store implementation to test: its component class and constructor arguments. */
export interface StoreSubject {
  readonly definition: new (...args: never[]) => ComponentDefinition;
  readonly args: readonly unknown[];
}

type AnyDefinition = new (...args: unknown[]) => ComponentDefinition;
/** Any request of the Store port. */
type StoreRequest = RequestOf<Store>;

interface Waiter {
  resolve(response: StoreResponse): void;
  reject(error: unknown): void;
}

/** Requires the Store port and matches each response to the request it answers. */
class StoreProbe extends ComponentDefinition {
  readonly store = this.requires(Store);
  readonly #waiting = new Map<string, Waiter>();
  /** Responses nobody was waiting for (a store must not send any). */
  readonly unexpected: StoreResponse[] = [];

  constructor() {
    super();
    this.subscribe(this.store, StoreResponse, (response) => {
      const waiter = this.#waiting.get(response.requestId);
      if (waiter === undefined) {
        this.unexpected.push(response);
        return;
      }
      this.#waiting.delete(response.requestId);
      waiter.resolve(response);
    });
  }

  send(request: StoreRequest): Promise<StoreResponse> {
    if (this.#waiting.has(request.requestId)) throw new Error(`request id ${request.requestId} is in use`);
    return new Promise((resolve, reject) => {
      this.#waiting.set(request.requestId, { resolve, reject });
      this.trigger(request, this.store);
    });
  }

  failAll(error: unknown): void {
    for (const waiter of this.#waiting.values()) waiter.reject(error);
    this.#waiting.clear();
  }
}

/** The root of a session: the store under test and a probe, connected. */
class StoreTestbed extends ComponentDefinition {
  readonly store: Child;
  readonly probe = this.create(StoreProbe);

  constructor(subject: StoreSubject) {
    super();
    this.store = this.create(subject.definition as AnyDefinition, ...subject.args);
    this.connect(this.store.provided(Store), this.probe.required(Store));
  }
}

/** Thrown when a store answers with a `StoreFailure` or with the wrong kind of response. */
export class UnexpectedStoreResponse extends Error {
  override readonly name = 'UnexpectedStoreResponse';
  constructor(
    readonly response: StoreResponse,
    expected: string,
  ) {
    super(
      response instanceof StoreFailure
        ? `expected ${expected}, the store failed: ${response.reason}: ${response.detail}`
        : `expected ${expected}, got ${response.constructor.name}`,
    );
  }
}

/**
 * A store component running in a runtime of its own, driven by promises: for tests of store
 * implementations (the contract suite, durability tests) and for tools. Open one with
 * {@link openStoreSession}.
 */
export class StoreSession {
  readonly #runtime: Runtime;
  readonly #testbed: StoreTestbed;
  readonly #killed: Promise<void>;
  readonly #lifecycle: Array<{ kind: typeof Started | typeof Stopped; resolve: () => void }> = [];
  #fault: Fault | undefined;
  #nextId = 1;

  /** @internal use {@link openStoreSession} */
  constructor(subject: StoreSubject) {
    let killed!: () => void;
    this.#killed = new Promise((resolve) => {
      killed = resolve;
    });
    this.#runtime = new Runtime({
      name: 'store-session',
      onFault: (fault) => {
        this.#fault = fault;
        this.#testbed.probe.definition.failAll(fault.error);
      },
      onLifecycle: (event) => {
        if (event instanceof Killed) killed();
        for (const waiter of this.#lifecycle.splice(0)) {
          if (event instanceof waiter.kind) waiter.resolve();
          else this.#lifecycle.push(waiter);
        }
      },
    });
    this.#testbed = this.#runtime.bootstrap(StoreTestbed, subject);
    this.#runtime.start();
  }

  /** The store component's definition (to inspect it, or close it). */
  get store(): ComponentDefinition {
    return this.#testbed.store.definition;
  }

  /** The fault the store raised, if any (its pending requests were rejected with it). */
  get fault(): Fault | undefined {
    return this.#fault;
  }

  /** Responses that answered no outstanding request. */
  get unexpected(): readonly StoreResponse[] {
    return this.#testbed.probe.definition.unexpected;
  }

  /** A fresh request id. */
  nextId(): string {
    return `q${this.#nextId++}`;
  }

  /** Sends any request; resolves with its response, whatever kind. */
  send(request: StoreRequest): Promise<StoreResponse> {
    return this.#testbed.probe.definition.send(request);
  }

  async #expect<R extends StoreResponse>(
    request: StoreRequest,
    kind: abstract new (...args: never[]) => R,
  ): Promise<R> {
    const response = await this.send(request);
    if (!(response instanceof kind)) throw new UnexpectedStoreResponse(response, kind.name);
    return response;
  }

  get(key: string): Promise<StoreGetResult> {
    return this.#expect(new StoreGet(this.nextId(), key), StoreGetResult);
  }

  put(key: string, value: StoreValue | null, tag: Tag): Promise<StorePutResult> {
    return this.#expect(new StorePut(this.nextId(), key, value, tag), StorePutResult);
  }

  delete(key: string): Promise<StoreDeleteResult> {
    return this.#expect(new StoreDelete(this.nextId(), key), StoreDeleteResult);
  }

  range(
    fromExclusive: number,
    toInclusive: number,
    limit: number,
    after?: StoreCursor,
    snapshot?: string,
  ): Promise<StoreRangeResult> {
    return this.#expect(
      new StoreRange(this.nextId(), fromExclusive, toInclusive, limit, after, snapshot),
      StoreRangeResult,
    );
  }

  /** Reads a whole arc (of the live data, or of a snapshot) chunk by chunk. */
  async scan(
    fromExclusive: number,
    toInclusive: number,
    limit: number,
    snapshot?: string,
  ): Promise<{ entries: StoreEntry[]; chunks: StoreRangeResult[] }> {
    const chunks: StoreRangeResult[] = [];
    let after: StoreCursor | undefined;
    do {
      const chunk = await this.range(fromExclusive, toInclusive, limit, after, snapshot);
      chunks.push(chunk);
      after = chunk.next;
    } while (after !== undefined);
    return { entries: chunks.flatMap((c) => [...c.entries]), chunks };
  }

  snapshot(fromExclusive: number, toInclusive: number): Promise<StoreSnapshotOpened> {
    return this.#expect(new StoreSnapshot(this.nextId(), fromExclusive, toInclusive), StoreSnapshotOpened);
  }

  releaseSnapshot(snapshotId: string): Promise<StoreSnapshotReleased> {
    return this.#expect(new StoreReleaseSnapshot(this.nextId(), snapshotId), StoreSnapshotReleased);
  }

  removeRange(fromExclusive: number, toInclusive: number): Promise<StoreRangeRemoved> {
    return this.#expect(new StoreRemoveRange(this.nextId(), fromExclusive, toInclusive), StoreRangeRemoved);
  }

  /** Writes the metadata record `name`. */
  metaPut(name: string, value: StoreValue): Promise<StoreMetaPutResult> {
    return this.#expect(new StoreMetaPut(this.nextId(), name, value), StoreMetaPutResult);
  }

  /** Reads the metadata record `name`. */
  metaGet(name: string): Promise<StoreMetaGetResult> {
    return this.#expect(new StoreMetaGet(this.nextId(), name), StoreMetaGetResult);
  }

  /** Lists the metadata records whose names start with `prefix`. */
  metaList(prefix = ''): Promise<StoreMetaListResult> {
    return this.#expect(new StoreMetaList(this.nextId(), prefix), StoreMetaListResult);
  }

  /** Removes the metadata record `name`. */
  metaDelete(name: string): Promise<StoreMetaDeleteResult> {
    return this.#expect(new StoreMetaDelete(this.nextId(), name), StoreMetaDeleteResult);
  }

  /** Asks how much the store holds (entries, tombstones included, and approximate bytes). */
  stats(): Promise<StoreStatsResult> {
    return this.#expect(new StoreStats(this.nextId()), StoreStatsResult);
  }

  #next(kind: typeof Started | typeof Stopped): Promise<void> {
    return new Promise((resolve) => this.#lifecycle.push({ kind, resolve }));
  }

  /** Stops the tree (the store gets Stop) and resolves once it reports Stopped. */
  async stop(): Promise<void> {
    const stopped = this.#next(Stopped);
    this.#runtime.stop();
    await stopped;
  }

  /** Starts the tree again after {@link stop}; resolves once it reports Started. */
  async start(): Promise<void> {
    const started = this.#next(Started);
    this.#runtime.start();
    await started;
  }

  /** Kills the runtime (Stop, then destroy) and resolves once it reports Killed. */
  async kill(): Promise<void> {
    this.#runtime.kill();
    await this.#killed;
  }
}

/** Starts `subject` in a runtime of its own (the production scheduler) with a probe attached. */
export function openStoreSession(subject: StoreSubject): StoreSession {
  return new StoreSession(subject);
}

import { FailureDetector, Restore, Suspect } from '@kompics/failure-detector';
import { ComponentDefinition, Start } from '@kompics/kernel';
import { Address } from '@kompics/network';
import { NewPredecessor, NewSuccessorList, Ring, RingJoined, type RingNode } from '@kompics/ring';
import { type JsonObject, type JsonValue, Status, StatusRequest, StatusResponse } from '@kompics/status';
import { CancelTimeout, ScheduleTimeout, Timeout, Timer } from '@kompics/timer';
import { type GroupStatus, type Member, NODE_STATUS_SOURCE, type NodeStatus } from './node-status.js';

class DataStatusDeadline extends Timeout {
  declare private readonly brand: 'data-status-deadline';
}

/** Settings of a {@link StatusCollector}. */
export interface StatusCollectorOptions {
  readonly self: RingNode;
  /** The URL of a node's HTTP side, from its peer address. */
  readonly urlOf: (address: Address) => string;
  readonly bootstrapUrl: string | null;
  /** How long to wait for the data layer's report. Default 1000 ms. */
  readonly dataTimeoutMs?: number;
  /** Counters of the composite itself (read when a report is made). */
  readonly counters?: () => Readonly<Record<string, number>>;
}

/** The data layer's report, as far as the node status needs it. */
interface DataReport {
  groups: GroupStatus[];
  store: { entries: number; bytes: number } | undefined;
  counters: Record<string, number>;
}

const isObject = (v: JsonValue | undefined): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: JsonValue | undefined): number | undefined => (typeof v === 'number' ? v : undefined);

/**
 * Aggregates a {@link NodeStatus}: the ring neighbourhood from Ring indications, suspected nodes
 * from the failure detector, groups, store and counters from the data layer's `Status` report
 * (source `data`). Provides `Status`, answering with source `node`.
 */
export class StatusCollector extends ComponentDefinition {
  readonly status = this.provides(Status);
  readonly data = this.requires(Status);
  readonly ring = this.requires(Ring);
  readonly fd = this.requires(FailureDetector);
  readonly timer = this.requires(Timer);
  readonly #options: StatusCollectorOptions;
  readonly #timeoutMs: number;
  readonly #suspected = new Set<string>();
  readonly #pending = new Map<string, { requestId: string; timeoutId: string }>();
  #joined = false;
  #predecessor: RingNode | undefined;
  #successors: readonly RingNode[] = [];
  #startedAt = 0;

  constructor(options: StatusCollectorOptions) {
    super();
    this.#options = options;
    this.#timeoutMs = options.dataTimeoutMs ?? 1000;
    this.subscribe(this.control, Start, () => {
      this.#startedAt = this.context.clock.now();
    });
    this.subscribe(this.ring, RingJoined, () => {
      this.#joined = true;
    });
    this.subscribe(this.ring, NewPredecessor, (e) => {
      this.#predecessor = e.predecessor;
    });
    this.subscribe(this.ring, NewSuccessorList, (e) => {
      this.#successors = e.successors;
    });
    this.subscribe(this.fd, Suspect, (e) => this.#suspected.add(e.node.key));
    this.subscribe(this.fd, Restore, (e) => this.#suspected.delete(e.node.key));
    this.subscribe(this.status, StatusRequest, (r) => {
      const inner = `node-status-${this.context.ids.next()}`;
      const timeoutId = this.context.ids.next();
      this.#pending.set(inner, { requestId: r.requestId, timeoutId });
      this.trigger(new ScheduleTimeout(this.#timeoutMs, new DataStatusDeadline(timeoutId)), this.timer);
      this.trigger(new StatusRequest(inner), this.data);
    });
    this.subscribe(this.data, StatusResponse, (r) => {
      const pending = this.#pending.get(r.requestId);
      if (pending === undefined || r.source !== 'data') return;
      this.#pending.delete(r.requestId);
      this.trigger(new CancelTimeout(pending.timeoutId), this.timer);
      this.#answer(pending.requestId, this.#parse(r.report));
    });
    this.subscribe(this.timer, DataStatusDeadline, (t) => {
      for (const [inner, pending] of this.#pending) {
        if (pending.timeoutId !== t.timeoutId) continue;
        this.#pending.delete(inner);
        this.#answer(pending.requestId, undefined);
      }
    });
  }

  /** Addresses the failure detector suspects now, sorted. */
  get suspected(): string[] {
    return [...this.#suspected].sort();
  }

  #member(node: RingNode): Member {
    return { id: node.id, address: node.address.key, url: this.#options.urlOf(node.address) };
  }

  #parse(report: JsonObject): DataReport {
    const groups: GroupStatus[] = [];
    const rawGroups = report.groups;
    if (Array.isArray(rawGroups)) {
      for (const g of rawGroups as readonly JsonValue[]) {
        if (!isObject(g)) continue;
        const members: Member[] = [];
        if (Array.isArray(g.members)) {
          for (const m of g.members as readonly JsonValue[]) {
            if (!isObject(m) || typeof m.address !== 'string') continue;
            const address = m.address;
            const url = typeof m.url === 'string' ? m.url : this.#urlOfKey(address);
            members.push({ id: num(m.id) ?? 0, address, url });
          }
        }
        groups.push({
          slice: num(g.slice) ?? 0,
          from: num(g.from) ?? 0,
          to: num(g.to) ?? 0,
          view: num(g.view) ?? null,
          members,
          serving: g.serving === true,
        });
      }
    }
    const counters: Record<string, number> = {};
    if (isObject(report.counters))
      for (const [k, v] of Object.entries(report.counters)) if (typeof v === 'number') counters[k] = v;
    const store = isObject(report.store)
      ? { entries: num(report.store.entries) ?? 0, bytes: num(report.store.bytes) ?? 0 }
      : undefined;
    return { groups, store, counters };
  }

  #urlOfKey(key: string): string {
    try {
      return this.#options.urlOf(Address.parse(key));
    } catch {
      return `http://${key}`;
    }
  }

  #answer(requestId: string, data: DataReport | undefined): void {
    const now = this.context.clock.now();
    const self = this.#options.self;
    const status: NodeStatus = {
      node: {
        id: self.id,
        address: self.address.key,
        url: this.#options.urlOf(self.address),
        startedAt: this.#startedAt,
        uptimeMs: Math.max(0, now - this.#startedAt),
      },
      ring: {
        joined: this.#joined,
        predecessor: this.#predecessor === undefined ? null : this.#member(this.#predecessor),
        successors: this.#successors.map((s) => this.#member(s)),
      },
      groups: data?.groups ?? [],
      store: data?.store ?? { entries: 0, bytes: 0 },
      suspected: this.suspected,
      counters: { ...(data?.counters ?? {}), ...(this.#options.counters?.() ?? {}) },
      bootstrap: this.#options.bootstrapUrl,
    };
    this.trigger(
      new StatusResponse(requestId, NODE_STATUS_SOURCE, status as unknown as JsonObject),
      this.status,
    );
  }
}

import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { NodeHandle, NodeStatus } from './node-api.js';

/** A key-value operation the HTTP API serves. */
export type KvOp = 'get' | 'put' | 'delete';
/** How an operation ended. */
export type KvOutcome = 'ok' | 'not_found' | 'timeout' | 'unavailable' | 'rejected' | 'error';

/**
 * The node's Prometheus metrics: operations by op and outcome (count and latency), rejected
 * HTTP requests by reason, gauges read from the node's status at scrape time, and the default
 * process metrics (CPU, memory, event loop lag, handles).
 */
export class NodeMetrics {
  readonly registry = new Registry();
  readonly #ops = new Counter({
    name: 'cats_operations_total',
    help: 'Key-value operations served through the HTTP API, by op and outcome.',
    labelNames: ['op', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly #latency = new Histogram({
    name: 'cats_operation_duration_seconds',
    help: 'Latency of key-value operations served through the HTTP API, by op and outcome.',
    labelNames: ['op', 'outcome'] as const,
    buckets: [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10],
    registers: [this.registry],
  });
  readonly #rejected = new Counter({
    name: 'cats_http_rejected_total',
    help: 'HTTP requests rejected before reaching the store, by HTTP status.',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });
  #node: NodeHandle | undefined;
  #scrape: Promise<NodeStatus | undefined> | undefined;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    const fromStatus = (name: string, help: string, read: (s: NodeStatus) => number) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        collect: async function (this: Gauge) {
          const status = await metrics.#status();
          // A node that cannot report (stopping, or too slow) leaves the last value.
          if (status !== undefined) this.set(read(status));
        },
      });
    const metrics = this;
    fromStatus('cats_store_entries', 'Entries in the local store.', (s) => s.store.entries);
    fromStatus('cats_store_bytes', 'Bytes in the local store.', (s) => s.store.bytes);
    fromStatus('cats_ring_joined', '1 when the node has joined the ring.', (s) => (s.ring.joined ? 1 : 0));
    fromStatus('cats_suspected_nodes', 'Nodes the failure detector suspects.', (s) => s.suspected.length);
    fromStatus('cats_groups_serving', 'Key ranges whose current view this node serves.', (s) =>
      s.groups.reduce((n, g) => n + (g.serving ? 1 : 0), 0),
    );
  }

  /** The node's status for this scrape: one query shared by every gauge, given up after 2 s. */
  #status(): Promise<NodeStatus | undefined> {
    const node = this.#node;
    if (node === undefined) return Promise.resolve(undefined);
    if (this.#scrape === undefined) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), 2000);
      });
      this.#scrape = Promise.race([node.status().catch(() => undefined), late]).finally(() => {
        clearTimeout(timer);
        this.#scrape = undefined;
      });
    }
    return this.#scrape;
  }

  /** Reads gauges from this node's status from now on. */
  attach(node: NodeHandle): void {
    this.#node = node;
  }

  /** Records one operation. */
  observe(op: KvOp, outcome: KvOutcome, seconds: number): void {
    this.#ops.inc({ op, outcome });
    this.#latency.observe({ op, outcome }, seconds);
  }

  /** Records one rejected request. */
  rejected(status: number): void {
    this.#rejected.inc({ status: String(status) });
  }

  /** The Prometheus text exposition. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  /** Its content type. */
  get contentType(): string {
    return this.registry.contentType;
  }
}

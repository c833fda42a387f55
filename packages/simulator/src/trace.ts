import { createHash, type Hash } from 'node:crypto';
import { type Delivery, eventName } from '@kompics/kernel';
import type { WireInfo } from './simulated-network.js';

/** How much of a run to record. */
export type TraceMode =
  /** Nothing: the fastest runs (benchmarks). */
  | 'off'
  /** A sha256 over every delivery's trace line, without keeping the lines. */
  | 'hash'
  /** The hash and every line, in memory (determinism checks, debugging, files). */
  | 'lines';

/** One delivered event, as a trace line records it. */
export interface TraceRecord {
  /** Virtual time, ms. */
  readonly t: number;
  /** The node the receiving component belongs to (`sim` for the simulation's own components). */
  readonly node: string;
  /** Path of the receiving component. */
  readonly path: string;
  readonly port: string;
  readonly event: string;
  /** Wire size in bytes, for messages delivered through the codec. */
  readonly size?: number;
  /** Fingerprint of the message's wire bytes, for messages delivered through the codec. */
  readonly fp?: string;
}

/**
 * The record of a run: every delivered event as a JSON line (virtual time, node, component
 * path, port, event type, size) folded into an incremental sha256, so two runs compare by
 * one hash, and, in `lines` mode, kept so that the first difference can be named.
 */
export class Trace {
  readonly #hash: Hash;
  readonly #lines: string[] | undefined;
  readonly #clock: () => number;
  readonly #nodeOf: (path: string) => string;
  readonly #wire: WeakMap<object, WireInfo>;
  #count = 0;

  constructor(
    readonly mode: Exclude<TraceMode, 'off'>,
    clock: () => number,
    nodeOf: (path: string) => string,
    wire: WeakMap<object, WireInfo>,
  ) {
    this.#hash = createHash('sha256');
    this.#lines = mode === 'lines' ? [] : undefined;
    this.#clock = clock;
    this.#nodeOf = nodeOf;
    this.#wire = wire;
  }

  /** Deliveries recorded. */
  get count(): number {
    return this.#count;
  }

  /** The recorded lines (empty unless the mode is `lines`). */
  get lines(): readonly string[] {
    return this.#lines ?? [];
  }

  /** The kernel's delivery observer feeding this trace. */
  readonly observe = (delivery: Delivery): void => {
    const path = delivery.component;
    const info = this.#wire.get(delivery.event);
    const record: TraceRecord =
      info === undefined
        ? {
            t: this.#clock(),
            node: this.#nodeOf(path),
            path,
            port: delivery.port,
            event: eventName(delivery.event),
          }
        : {
            t: this.#clock(),
            node: this.#nodeOf(path),
            path,
            port: delivery.port,
            event: eventName(delivery.event),
            size: info.size,
            fp: info.fingerprint,
          };
    this.note(JSON.stringify(record));
  };

  /** Adds a line that is not a delivery (e.g. a scenario operation) to the hash and lines. */
  note(line: string): void {
    this.#count++;
    this.#hash.update(line);
    this.#hash.update('\n');
    this.#lines?.push(line);
  }

  /** The sha256 of the run so far (the trace goes on recording). */
  digest(): string {
    return this.#hash.copy().digest('hex');
  }

  /** The lines as JSON-lines text. */
  toJsonLines(): string {
    return this.lines.length === 0 ? '' : `${this.lines.join('\n')}\n`;
  }
}

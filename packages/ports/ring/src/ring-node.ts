import { Address } from '@kompics/network';
import { isRingId } from './ring-identifier.js';

/** A node on the ring: its identifier and where to reach it. */
export class RingNode {
  constructor(
    readonly id: number,
    readonly address: Address,
  ) {
    if (!isRingId(id)) throw new RangeError(`ring id must be an integer in [0, 2^32), got ${String(id)}`);
  }

  equals(other: RingNode): boolean {
    return this.id === other.id && this.address.equals(other.address);
  }

  toString(): string {
    return `${this.id}@${this.address.key}`;
  }

  /** Plain data for a wire codec: `[id, host, port]`. */
  toWire(): [number, string, number] {
    return [this.id, this.address.host, this.address.port];
  }

  /** Rebuilds a node from {@link toWire}'s form; throws a TypeError or RangeError on bad input. */
  static fromWire(raw: unknown): RingNode {
    if (!Array.isArray(raw) || raw.length !== 3) throw new TypeError('ring node must be [id, host, port]');
    const [id, host, port] = raw as [unknown, unknown, unknown];
    if (typeof host !== 'string' || typeof port !== 'number')
      throw new TypeError('ring node must be [id, host, port]');
    return new RingNode(id as number, new Address(host, port));
  }
}

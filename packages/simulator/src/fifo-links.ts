/** Slots per sender row: links of one sender with a copy in flight kept in the flat arrays. */
const ROW = 8;

/**
 * The FIFO state of the simulated network's links: for each sender, the destinations it has a
 * copy in flight to and when the last of those copies arrives, so that a copy sent later never
 * arrives earlier on the same link.
 *
 * Senders are interned to small integers, and each sender owns a row of {@link ROW} slots in
 * flat arrays, holding only links with a copy still in flight (a node that pings a peer
 * every 100 ms over 5–50 ms links has less than one); entries whose arrival has passed constrain
 * nothing and are dropped as the row is scanned. A sender with more links in flight than its
 * row holds (a broadcast) keeps the rest in a map of its own, swept of expired entries as it
 * grows, so memory follows the links actually in flight. The layout is for the cache: with
 * thousands of nodes, a map per sender (as before) cost two or three cache misses on every send,
 * and the periodic sweep of stale links was a tenth of the simulator's time.
 */
export class FifoLinks {
  readonly #ids = new Map<string, number>();
  /** Rows allocated (senders the arrays have room for). */
  #rows = 64;
  #counts = new Uint8Array(64);
  /**
   * The destination of each slot, as its address key: compared by value (`===`), so only the
   * sender is interned, one map lookup per send rather than two.
   */
  #destinations: (string | undefined)[] = new Array<string | undefined>(64 * ROW).fill(undefined);
  #arrivals = new Float64Array(64 * ROW);
  /** Per sender, the links that did not fit in its row, and the size that triggers a sweep. */
  readonly #overflow: (Overflow | undefined)[] = [];

  /**
   * When a copy sent at `now` on `from -> to`, unconstrained due at `due` (>= now), arrives:
   * `due`, or later if an earlier copy on the link arrives later. Records the answer.
   */
  arrival(from: string, to: string, now: number, due: number): number {
    const sender = this.#id(from);
    const destination = to;
    const base = sender * ROW;
    const count = this.#counts[sender] as number;
    const destinations = this.#destinations;
    const arrivals = this.#arrivals;
    let arrival = due;
    let kept = 0;
    for (let i = base; i < base + count; i++) {
      const at = arrivals[i] as number;
      if (at <= now) continue;
      const d = destinations[i] as string;
      if (d === destination) {
        if (at > arrival) arrival = at;
        continue;
      }
      destinations[base + kept] = d;
      arrivals[base + kept] = at;
      kept++;
    }
    const overflow = this.#overflow[sender];
    if (overflow !== undefined) {
      const last = overflow.links.get(destination);
      if (last !== undefined) {
        // Math.max keeps `arrival` a raw double: assigning the map's (boxed) number to it would
        // make the compiler box it on every path, three heap numbers per message.
        arrival = Math.max(arrival, last);
        overflow.links.delete(destination);
      }
    }
    if (kept < ROW) {
      destinations[base + kept] = destination;
      arrivals[base + kept] = arrival;
      kept++;
    } else {
      this.#spill(sender, destination, arrival, now);
    }
    this.#counts[sender] = kept;
    return arrival;
  }

  /** Links with a copy in flight at `now` (for tests and diagnostics). */
  inFlightLinks(now: number): number {
    let links = 0;
    for (let sender = 0; sender < this.#ids.size; sender++) {
      const count = this.#counts[sender] as number;
      for (let i = sender * ROW; i < sender * ROW + count; i++) {
        if ((this.#arrivals[i] as number) > now) links++;
      }
      for (const at of this.#overflow[sender]?.links.values() ?? []) if (at > now) links++;
    }
    return links;
  }

  #spill(sender: number, destination: string, arrival: number, now: number): void {
    let overflow = this.#overflow[sender];
    if (overflow === undefined) {
      overflow = { links: new Map(), sweepAt: 64 };
      this.#overflow[sender] = overflow;
    }
    overflow.links.set(destination, arrival);
    if (overflow.links.size < overflow.sweepAt) return;
    // Amortized: a sweep comes after at least as many new entries as it keeps.
    for (const [d, at] of overflow.links) if (at <= now) overflow.links.delete(d);
    overflow.sweepAt = Math.max(64, 2 * overflow.links.size);
  }

  #id(key: string): number {
    let id = this.#ids.get(key);
    if (id === undefined) {
      id = this.#ids.size;
      this.#ids.set(key, id);
      if (id >= this.#rows) this.#grow();
    }
    return id;
  }

  #grow(): void {
    const rows = this.#rows * 2;
    const counts = new Uint8Array(rows);
    counts.set(this.#counts);
    const destinations = this.#destinations.concat(
      new Array<string | undefined>((rows - this.#rows) * ROW).fill(undefined),
    );
    const arrivals = new Float64Array(rows * ROW);
    arrivals.set(this.#arrivals);
    this.#rows = rows;
    this.#counts = counts;
    this.#destinations = destinations;
    this.#arrivals = arrivals;
  }
}

interface Overflow {
  readonly links: Map<string, number>;
  sweepAt: number;
}

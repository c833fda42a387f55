/**
 * The FIFO state of the simulated network's links: for each sender, the destinations it has a
 * copy in flight to and when the last of those copies arrives, so that a copy sent later never
 * arrives earlier on the same link.
 *
 * Addresses are interned to small integers, and each sender owns a row of `width` slots in
 * flat typed arrays. A row holds only links with a copy still in flight (a node that pings a
 * peer every 100 ms over 5–50 ms links has less than one); entries whose arrival has passed
 * constrain nothing and are dropped as the row is scanned. A full row doubles every row's
 * width. The layout is for the cache: with thousands of nodes, a map per sender (as before)
 * cost two or three cache misses on every send, and the periodic sweep of stale links was a
 * tenth of the simulator's time; these arrays stay small enough to stay cached.
 */
export class FifoLinks {
  readonly #ids = new Map<string, number>();
  /** Slots per sender row; a power of two. */
  #width = 4;
  /** Rows allocated (senders the arrays have room for). */
  #rows = 64;
  #counts = new Uint32Array(64);
  #destinations = new Int32Array(64 * 4);
  #arrivals = new Float64Array(64 * 4);

  /**
   * When a copy sent at `now` on `from -> to`, unconstrained due at `due` (>= now), arrives:
   * `due`, or later if an earlier copy on the link arrives later. Records the answer.
   */
  arrival(from: string, to: string, now: number, due: number): number {
    const sender = this.#id(from);
    const destination = this.#id(to);
    let base = sender * this.#width;
    const count = this.#counts[sender] as number;
    const destinations = this.#destinations;
    const arrivals = this.#arrivals;
    let arrival = due;
    let kept = 0;
    for (let i = base; i < base + count; i++) {
      const at = arrivals[i] as number;
      if (at <= now) continue;
      const d = destinations[i] as number;
      if (d === destination) {
        if (at > arrival) arrival = at;
        continue;
      }
      destinations[base + kept] = d;
      arrivals[base + kept] = at;
      kept++;
    }
    if (kept === this.#width) {
      this.#widen();
      base = sender * this.#width;
    }
    this.#destinations[base + kept] = destination;
    this.#arrivals[base + kept] = arrival;
    this.#counts[sender] = kept + 1;
    return arrival;
  }

  /** Links with a copy in flight at `now` (for tests and diagnostics). */
  inFlightLinks(now: number): number {
    let links = 0;
    const width = this.#width;
    for (let sender = 0; sender < this.#ids.size; sender++) {
      const count = this.#counts[sender] as number;
      for (let i = sender * width; i < sender * width + count; i++) {
        if ((this.#arrivals[i] as number) > now) links++;
      }
    }
    return links;
  }

  #id(key: string): number {
    let id = this.#ids.get(key);
    if (id === undefined) {
      id = this.#ids.size;
      this.#ids.set(key, id);
      if (id >= this.#rows) this.#resize(this.#rows * 2, this.#width);
    }
    return id;
  }

  #widen(): void {
    this.#resize(this.#rows, this.#width * 2);
  }

  #resize(rows: number, width: number): void {
    const counts = new Uint32Array(rows);
    const destinations = new Int32Array(rows * width);
    const arrivals = new Float64Array(rows * width);
    const oldWidth = this.#width;
    for (let sender = 0; sender < this.#rows; sender++) {
      const count = this.#counts[sender] as number;
      counts[sender] = count;
      destinations.set(
        this.#destinations.subarray(sender * oldWidth, sender * oldWidth + count),
        sender * width,
      );
      arrivals.set(this.#arrivals.subarray(sender * oldWidth, sender * oldWidth + count), sender * width);
    }
    this.#rows = rows;
    this.#width = width;
    this.#counts = counts;
    this.#destinations = destinations;
    this.#arrivals = arrivals;
  }
}

/** A small seeded random source (mulberry32) so a fuzz run can be replayed from its seed. */
export class Rng {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** A float in [0, 1). */
  float(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  bytes(n: number): Buffer {
    const out = Buffer.alloc(n);
    for (let i = 0; i < n; i++) out[i] = this.int(256);
    return out;
  }

  /** A string of random code points, surrogates and control characters included. */
  string(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) {
      const r = this.int(10);
      s +=
        r < 6
          ? String.fromCharCode(32 + this.int(95))
          : r < 8
            ? String.fromCharCode(this.int(0x10000))
            : String.fromCharCode(this.int(32));
    }
    return s;
  }
}

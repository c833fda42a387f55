/** Time as the component sees it, in milliseconds. Virtual in simulation, the host's in production. */
export interface Clock {
  now(): number;
}

/** A seeded source of randomness. Components must use this, never `Math.random`. */
export interface RandomSource {
  /** A float in [0, 1). */
  nextFloat(): number;
  /** An integer in [0, bound). */
  nextInt(bound: number): number;
  /** A new independent source derived from this one (deterministically). */
  fork(): RandomSource;
}

/** Unique identifiers, deterministic under simulation. */
export interface IdSource {
  /** An identifier never returned before by this source. */
  next(): string;
}

/**
 * Everything a component may read from its environment. Under the determinism contract a
 * protocol component reads time, randomness and ids only from here.
 */
export interface ComponentContext {
  readonly clock: Clock;
  readonly random: RandomSource;
  readonly ids: IdSource;
}

/** Ids of the form `<prefix><counter>`, counting from 1. */
export class CountingIdSource implements IdSource {
  #counter = 0;
  constructor(readonly prefix: string) {}
  next(): string {
    this.#counter += 1;
    return `${this.prefix}${this.#counter}`;
  }
}

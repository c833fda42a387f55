// Checks a simulated system of Chord nodes against the perfect ring of its live nodes.
import type { Simulation } from '@kompics/simulator';
import type { ChordRing } from '../src/index.js';
import type { ChordNode } from './chord-node.js';

/** The live nodes' ring components, by node name. */
export function liveRings(sim: Simulation, names: readonly string[] = sim.alive()): ChordRing[] {
  return names.map((name) => sim.node<ChordNode>(name).definition.chord.definition);
}

/**
 * How far `rings` are from the perfect ring over themselves: every node's predecessor is the
 * previous id, its successor list the next `min(length, n - 1)` ids. Returns the number of
 * nodes whose pointers are wrong, and the first of them described.
 */
export function ringErrors(
  rings: readonly ChordRing[],
  /** Check only the first `listLength` successors (1: successor and predecessor only). */
  listLength = Number.POSITIVE_INFINITY,
): { wrong: number; first: string | undefined } {
  const sorted = [...rings].sort((a, b) => a.self.id - b.self.id);
  const n = sorted.length;
  let wrong = 0;
  let first: string | undefined;
  for (let i = 0; i < n; i++) {
    const r = sorted[i] as ChordRing;
    const full = Math.min(r.options.successorListLength, n - 1);
    const length = Math.min(full, listLength);
    const expectedPred = n > 1 ? (sorted[(i - 1 + n) % n] as ChordRing).self : undefined;
    const expectedSuccs = Array.from({ length }, (_, k) => (sorted[(i + 1 + k) % n] as ChordRing).self);
    const predOk =
      expectedPred === undefined ? r.predecessor === undefined : r.predecessor?.equals(expectedPred) === true;
    const succsOk =
      (r.successors.length === full || (length < full && r.successors.length >= length)) &&
      expectedSuccs.every((s, k) => r.successors[k]?.equals(s) === true);
    if (r.phase !== 'joined' || !predOk || !succsOk) {
      wrong++;
      first ??=
        `${r.self} (${r.phase}): pred ${r.predecessor} want ${expectedPred}; ` +
        `succs [${r.successors.map((s) => s.id).join(', ')}…] want [${expectedSuccs.map((s) => s.id).join(', ')}…]`;
    }
  }
  return { wrong, first };
}

/** Whether `rings` form exactly the perfect ring over themselves. */
export function isPerfectRing(rings: readonly ChordRing[]): boolean {
  return ringErrors(rings).wrong === 0;
}

/**
 * Checks every `everyMs` from now until `deadline` and returns the first virtual time at which
 * `done()` holds (running the simulation up to it), or undefined if it never does.
 */
export function runUntil(
  sim: Simulation,
  done: () => boolean,
  deadline: number,
  everyMs = 250,
): number | undefined {
  let at: number | undefined;
  const check = () => {
    if (at !== undefined) return;
    if (done()) {
      at = sim.now;
      sim.stop();
      return;
    }
    if (sim.now + everyMs <= deadline) sim.after(everyMs, check);
  };
  sim.after(0, check);
  sim.run({ until: deadline });
  return at;
}

import { type ComponentContext, CountingIdSource, type RandomSource, SeededRandom } from '@kompics/kernel';

/**
 * A 32-bit seed derived from the run's seed and a label (FNV-1a over the label, mixed with
 * the seed). Each node, the network and the scenario get their own stream this way, so adding a
 * node does not shift the randomness any other part sees.
 */
export function deriveSeed(seed: number, label: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // A final avalanche (murmur3 fmix32) so that nearby labels give unrelated seeds.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h | 0;
}

/** A seeded random source for `label` under the run's `seed`. */
export function randomFor(seed: number, label: string): RandomSource {
  return new SeededRandom(deriveSeed(seed, label));
}

/**
 * The context of one incarnation of a simulated node: the run's clock, randomness forked
 * from the seed by node name and incarnation, and ids prefixed with the node's name.
 */
export function nodeContext(
  seed: number,
  clock: ComponentContext['clock'],
  node: string,
  incarnation: number,
): ComponentContext {
  return {
    clock,
    random: randomFor(seed, `node:${node}#${incarnation}`),
    ids: new CountingIdSource(incarnation === 1 ? `${node}-` : `${node}#${incarnation}-`),
  };
}

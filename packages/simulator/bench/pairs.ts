/** Paired A/B runs, shared by `paired.ts` (in one process) and `alternate.ts` (in fresh processes). */
import { median } from './bench-options.js';

/**
 * Runs `pairs` pairs of A and B, the order swapped every pair, and prints each build's median
 * and best messages per second and the median of the per-pair ratios B/A (`--json`: as JSON,
 * with `details` and every run).
 */
export function runPairs(
  title: string,
  details: Record<string, unknown>,
  pairs: number,
  runA: () => number,
  runB: () => number,
): void {
  const as: number[] = [];
  const bs: number[] = [];
  const ratios: number[] = [];
  for (let p = 0; p < pairs; p++) {
    const aFirst = p % 2 === 0;
    const first = aFirst ? runA() : runB();
    const second = aFirst ? runB() : runA();
    const [ra, rb] = aFirst ? [first, second] : [second, first];
    as.push(ra);
    bs.push(rb);
    ratios.push(rb / ra);
  }
  const result = {
    ...details,
    pairs,
    a: { median: median(as), best: Math.max(...as), runs: as },
    b: { median: median(bs), best: Math.max(...bs), runs: bs },
    ratio: { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) },
  };
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(result, null, 2));
    return;
  }
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  console.log(title);
  console.log(`  A: median ${fmt(result.a.median)} msgs/s, best ${fmt(result.a.best)}`);
  console.log(`  B: median ${fmt(result.b.median)} msgs/s, best ${fmt(result.b.best)}`);
  console.log(
    `  B/A per pair: median ${result.ratio.median.toFixed(3)} (range ${result.ratio.min.toFixed(2)}–${result.ratio.max.toFixed(2)})`,
  );
}

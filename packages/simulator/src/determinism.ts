import type { Simulation } from './simulation.js';

/** Where two runs of one seed first differ. */
export interface Divergence {
  /** 0-based index of the first differing trace line. */
  readonly index: number;
  /** The line in the first run (undefined if that run ended first). */
  readonly first: string | undefined;
  /** The line in the second run (undefined if that run ended first). */
  readonly second: string | undefined;
}

/** The verdict of {@link checkDeterminism}. */
export interface DeterminismReport {
  readonly seed: number;
  readonly deterministic: boolean;
  readonly hashes: readonly [string, string];
  readonly events: readonly [number, number];
  /** The first difference, when the runs differ. */
  readonly divergence?: Divergence;
}

/** Names the first line at which two traces differ, or undefined if they are equal. */
export function firstDivergence(a: readonly string[], b: readonly string[]): Divergence | undefined {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return { index: i, first: a[i], second: b[i] };
  }
  if (a.length === b.length) return undefined;
  return { index: n, first: a[n], second: b[n] };
}

/**
 * Runs `run(seed)` twice and compares the traces line by line. `run` builds a simulation with
 * trace mode `lines`, runs it and returns it. A component that reads the host's clock or
 * `Math.random` behind the kernel's back shows up as a divergence naming the first event that
 * differs.
 */
export function checkDeterminism(seed: number, run: (seed: number) => Simulation): DeterminismReport {
  const traces = [run(seed), run(seed)].map((sim) => {
    const trace = sim.trace;
    if (trace === undefined || trace.mode !== 'lines') {
      throw new TypeError("checkDeterminism needs simulations with trace: 'lines'");
    }
    return { hash: trace.digest(), lines: trace.lines };
  }) as [{ hash: string; lines: readonly string[] }, { hash: string; lines: readonly string[] }];
  const [a, b] = traces;
  const divergence = a.hash === b.hash ? undefined : firstDivergence(a.lines, b.lines);
  return {
    seed,
    deterministic: divergence === undefined && a.hash === b.hash,
    hashes: [a.hash, b.hash],
    events: [a.lines.length, b.lines.length],
    ...(divergence === undefined ? {} : { divergence }),
  };
}

/** A one-paragraph description of a report, for assertion messages. */
export function describeDeterminism(report: DeterminismReport): string {
  if (report.deterministic)
    return `seed ${report.seed}: deterministic (${report.events[0]} events, ${report.hashes[0]})`;
  const d = report.divergence;
  if (d === undefined) return `seed ${report.seed}: hashes differ but no line does`;
  return (
    `seed ${report.seed}: runs differ at event #${d.index}\n` +
    `  first run:  ${d.first ?? '(ended)'}\n` +
    `  second run: ${d.second ?? '(ended)'}`
  );
}

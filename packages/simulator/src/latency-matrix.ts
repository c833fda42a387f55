/** How to read a latency matrix file. */
export interface LatencyMatrixOptions {
  /** Unit of the numbers in the file; King's data set is in microseconds. Default `'us'`. */
  readonly unit?: 'us' | 'ms';
  /** Whether the numbers are round-trip times (halved to one-way latency). Default true. */
  readonly roundTrip?: boolean;
}

/**
 * Measured pairwise latencies, e.g. the King data set: `n` lines of `n` whitespace-separated
 * numbers, entry `(i, j)` the latency from host `i` to host `j`; negative entries mean
 * unknown. Lines starting with `#` and blank lines are ignored. Simulated nodes are mapped to
 * rows by {@link NetworkModel.useLatencyMatrix}.
 */
export class LatencyMatrix {
  private constructor(
    /** One-way latencies in milliseconds; `undefined` where unknown. */
    readonly rows: readonly (readonly (number | undefined)[])[],
  ) {}

  /** Hosts in the matrix. */
  get size(): number {
    return this.rows.length;
  }

  /** One-way latency in ms from host `from` to host `to`, or undefined if unknown. */
  latency(from: number, to: number): number | undefined {
    return this.rows[from]?.[to];
  }

  /** Parses matrix text; throws with the line number on a malformed or non-square matrix. */
  static parse(text: string, options: LatencyMatrixOptions = {}): LatencyMatrix {
    const scale = (options.unit === 'ms' ? 1 : 1 / 1000) * (options.roundTrip === false ? 1 : 0.5);
    const rows: (number | undefined)[][] = [];
    const lines = text.split(/\r?\n/);
    for (let n = 0; n < lines.length; n++) {
      const line = (lines[n] as string).trim();
      if (line === '' || line.startsWith('#')) continue;
      const row = line.split(/[\s,]+/).map((cell) => {
        const value = Number(cell);
        if (!Number.isFinite(value))
          throw new SyntaxError(`latency matrix line ${n + 1}: not a number: ${cell}`);
        return value < 0 ? undefined : value * scale;
      });
      rows.push(row);
    }
    for (let i = 0; i < rows.length; i++) {
      if ((rows[i] as unknown[]).length !== rows.length) {
        throw new SyntaxError(
          `latency matrix is not square: row ${i + 1} has ${(rows[i] as unknown[]).length} entries, want ${rows.length}`,
        );
      }
    }
    if (rows.length === 0) throw new SyntaxError('latency matrix is empty');
    return new LatencyMatrix(rows);
  }
}

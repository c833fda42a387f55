import type { Simulation } from './simulation.js';

/**
 * A parameterized action on the simulated system: start a node, kill it, change the network,
 * issue a client request, anything. A {@link StochasticProcess} draws the parameters.
 */
export interface Operation<P extends readonly unknown[] = readonly unknown[]> {
  readonly name: string;
  run(sim: Simulation, ...params: P): void;
}

/** Declares an operation. */
export function operation<P extends readonly unknown[]>(
  name: string,
  run: (sim: Simulation, ...params: P) => void,
): Operation<P> {
  return { name, run };
}

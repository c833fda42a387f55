import type { DefinitionClass } from '@kompics/kernel';
import type { NetworkModel } from './network-model.js';
import { type Operation, operation } from './operation.js';
import type { NodeSpec } from './simulation.js';

/**
 * Starts a node of class `definition`, with the name, address and arguments that `spec` builds
 * from the parameters: `startNode(Peer, (i: number) => ({ name: `n${i}`, address: at(i), args: [at(i)] }))`.
 */
export function startNode<
  C extends DefinitionClass,
  P extends readonly unknown[],
  const S extends Omit<NodeSpec<C>, 'definition'>,
>(definition: C, spec: (...params: P) => S): Operation<P> {
  return operation('startNode', (sim, ...params: P) => {
    sim.startNode({ ...spec(...params), definition });
  });
}

/** Crashes the named node (no handler runs). A node that is down is left alone. */
export const killNode: Operation<readonly [name: string]> = operation('killNode', (sim, name: string) => {
  if (sim.hasNode(name)) sim.killNode(name);
});

/** Stops the named node gracefully (its Stop and Kill handlers run). */
export const stopNode: Operation<readonly [name: string]> = operation('stopNode', (sim, name: string) => {
  if (sim.hasNode(name)) sim.stopNode(name);
});

/** Crashes the named node if it is up and starts it again with its last spec. */
export const restartNode: Operation<readonly [name: string]> = operation(
  'restartNode',
  (sim, name: string) => {
    sim.restartNode(name);
  },
);

/** Changes the network model, e.g. `changeNetwork('partition', (net) => net.partition([[a], [b]]))`. */
export function changeNetwork<P extends readonly unknown[]>(
  name: string,
  change: (network: NetworkModel, ...params: P) => void,
): Operation<P> {
  return operation(name, (sim, ...params: P) => change(sim.network, ...params));
}

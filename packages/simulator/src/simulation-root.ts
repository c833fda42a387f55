import {
  type AnyPortType,
  type Child,
  type ComponentContext,
  ComponentDefinition,
  type DefinitionClass,
  KernelError,
  Kill,
  Start,
} from '@kompics/kernel';
import { type Address, destinationSelector, Network } from '@kompics/network';
import { Timer } from '@kompics/timer';
import { ClientProbe } from './client-probe.js';
import { SimulatedNetwork, type SimulatedNetworkInit } from './simulated-network.js';
import { SimulatedTimer } from './simulated-timer.js';
import type { Timeline } from './timeline.js';

/** The components of one node incarnation, as the root holds them. */
export interface NodeComponents {
  readonly app: Child;
  readonly timer: Child<SimulatedTimer> | undefined;
  /** Client probes attached to the node's provided ports, by port name. */
  readonly clients: Map<string, Child<ClientProbe>>;
}

function requiresPort(child: Child, port: typeof Network | typeof Timer): boolean {
  try {
    child.required(port);
    return true;
  } catch (error) {
    if (error instanceof KernelError) return false;
    throw error;
  }
}

/**
 * The root of a simulated system: owns the shared {@link SimulatedNetwork} and one child per
 * node (plus that node's {@link SimulatedTimer}). The {@link Simulation} drives it.
 */
export class SimulationRoot extends ComponentDefinition {
  readonly network: Child<SimulatedNetwork>;

  constructor(network: SimulatedNetworkInit) {
    super();
    this.network = this.createWith({ name: 'network' }, SimulatedNetwork, network);
  }

  /** @internal Creates and starts a node: its component, wired to the network and its own timer. */
  spawn(
    name: string,
    context: ComponentContext,
    timeline: Timeline,
    definition: DefinitionClass,
    args: readonly unknown[],
    address: Address | undefined,
  ): NodeComponents {
    const create = this.createWith as (o: object, d: DefinitionClass, ...a: readonly unknown[]) => Child;
    const app = create.call(this, { name, context }, definition, ...args);
    if (app.path.slice(app.path.lastIndexOf('/') + 1) !== name) {
      this.destroy(app);
      throw new KernelError(`a component named ${name} already exists in the simulation`);
    }
    let timer: Child<SimulatedTimer> | undefined;
    if (requiresPort(app, Timer)) {
      timer = this.createWith({ name: `${name}~timer`, context }, SimulatedTimer, timeline);
      this.connect(timer.provided(Timer), app.required(Timer));
      this.trigger(new Start(), timer.control);
    }
    if (requiresPort(app, Network)) {
      if (address === undefined) throw new KernelError(`node ${name} requires Network but has no address`);
      this.connect(this.network.provided(Network), app.required(Network), {
        selector: destinationSelector(address),
      });
    }
    this.trigger(new Start(), app.control);
    return { app, timer, clients: new Map() };
  }

  /** @internal Crashes a node: its components are destroyed without running a handler. */
  crash(node: NodeComponents): void {
    node.timer?.definition.shutdown();
    if (node.timer !== undefined) this.destroy(node.timer);
    for (const client of node.clients.values()) this.destroy(client);
    node.clients.clear();
    this.destroy(node.app);
  }

  /** @internal Stops a node gracefully: Kill through its control port (Stop handlers run). */
  kill(node: NodeComponents): void {
    this.trigger(new Kill(), node.app.control);
    if (node.timer !== undefined) this.trigger(new Kill(), node.timer.control);
    for (const client of node.clients.values()) this.trigger(new Kill(), client.control);
    node.clients.clear();
  }

  /** @internal The client probe on `type` of a node, created and connected on first use. */
  client(name: string, node: NodeComponents, type: AnyPortType): ClientProbe {
    let client = node.clients.get(type.name);
    if (client === undefined) {
      client = this.createWith({ name: `${name}~client-${type.name}` }, ClientProbe, type);
      this.connect(node.app.provided(type), client.required(type));
      this.trigger(new Start(), client.control);
      node.clients.set(type.name, client);
    }
    return client.definition;
  }
}

import {
  type AnyPortType,
  type Child,
  type ComponentDefinition,
  type DefinitionClass,
  type Delivery,
  EventLoopScheduler,
  KernelError,
  type RandomSource,
  Runtime,
} from '@kompics/kernel';
import type { Address, CodecRegistry } from '@kompics/network';
import type { ClientProbe } from './client-probe.js';
import { NetworkModel, type NetworkModelOptions } from './network-model.js';
import { NetworkStats } from './network-stats.js';
import { nodeContext, randomFor } from './node-context.js';
import { RealTimeTimeline } from './real-time-timeline.js';
import type { WireInfo } from './simulated-network.js';
import { type NodeComponents, SimulationRoot } from './simulation-root.js';
import { SimulationScheduler } from './simulation-scheduler.js';
import { CALL, type Timeline } from './timeline.js';
import { Trace, type TraceMode } from './trace.js';
import { WireCodec } from './wire-codec.js';

/** How a simulation runs. Only `seed` is required. */
export interface SimulationOptions {
  /** The run is a function of this integer. */
  readonly seed: number;
  /** Codecs of every message the nodes send; required while `codec` is on. */
  readonly codecs?: CodecRegistry;
  /**
   * Send every message through the wire codec (encode on send, decode on delivery), so that
   * serialization bugs show and sizes are counted. Default true; false is faster.
   */
  readonly codec?: boolean;
  /** The network's behaviour at the start; change it later through {@link Simulation.network}. */
  readonly network?: NetworkModelOptions | NetworkModel;
  /** What to record of the run. Default `'hash'`. */
  readonly trace?: TraceMode;
  /** Events one component handles before the next ready one runs. Default 32. */
  readonly eventsPerTurn?: number;
  /**
   * `'simulate'` (default): virtual time on the deterministic scheduler. `'emulate'`: local
   * emulation, real time on the kernel's production EventLoopScheduler with the same simulated
   * network and timers.
   */
  readonly mode?: 'simulate' | 'emulate';
}

/** A node to start: a component class, its arguments, a name and (to use the network) an address. */
export interface NodeSpec<C extends DefinitionClass = DefinitionClass> {
  /** Unique among live nodes; a path segment, so without `/`. */
  readonly name: string;
  readonly address?: Address;
  readonly definition: C;
  readonly args: Readonly<ConstructorParameters<C>>;
}

/** One simulated node across its incarnations. */
export class SimulatedNode<D extends ComponentDefinition = ComponentDefinition> {
  /** @internal */
  components: NodeComponents | undefined;
  /** Times this node has been started. */
  incarnation = 0;

  /** @internal */
  constructor(public spec: NodeSpec) {}

  get name(): string {
    return this.spec.name;
  }

  get address(): Address | undefined {
    return this.spec.address;
  }

  /** Whether the node's component exists and has not been crashed or stopped. */
  get alive(): boolean {
    const app = this.components?.app;
    return app !== undefined && app.state !== 'destroyed' && app.state !== 'faulty';
  }

  /** The node component's handle; throws if the node is down. */
  get child(): Child<D> {
    if (this.components === undefined) throw new KernelError(`node ${this.name} is not running`);
    return this.components.app as Child<D>;
  }

  /** The node component's current definition (its state, for snapshots and invariants). */
  get definition(): D {
    return this.child.definition;
  }
}

/** Why a run returned. */
export type StopReason = 'idle' | 'until' | 'condition' | 'max-steps' | 'stopped';

/** What a run reports. */
export interface RunResult {
  readonly reason: StopReason;
  /** Virtual (or, emulated, real) ms since the start. */
  readonly time: number;
  readonly steps: number;
}

/** A state captured by {@link Simulation.snapshotAt}. */
export interface Snapshot {
  readonly time: number;
  readonly label: string;
  readonly value: unknown;
}

/** An invariant did not hold. */
export class InvariantViolation extends Error {
  override readonly name = 'InvariantViolation';
  constructor(
    readonly invariant: string,
    readonly time: number,
    detail: string | undefined,
  ) {
    super(`invariant '${invariant}' violated at t=${time}${detail === undefined ? '' : `: ${detail}`}`);
  }
}

/**
 * A whole distributed system in one process, a function of its seed: one kernel Runtime whose
 * root holds the simulated network and the nodes, on the deterministic scheduler (or, in
 * emulation, in real time). Start, crash, stop and restart nodes, change the network, look at
 * every node, check invariants after every step, and record a trace whose hash identifies the
 * run.
 *
 * @example
 * const sim = new Simulation({ seed: 42, codecs });
 * sim.startNode({ name: 'a', address: a, definition: Pinger, args: [a, b] });
 * sim.run({ until: 10_000 });
 * console.log(sim.trace?.digest());
 */
export class Simulation {
  readonly seed: number;
  readonly mode: 'simulate' | 'emulate';
  readonly runtime: Runtime;
  /** The network's behaviour; change it at any time. */
  readonly network: NetworkModel;
  readonly stats = new NetworkStats();
  /** The trace, unless the trace mode is `off`. */
  readonly trace: Trace | undefined;
  /** The timeline the simulated network, timers and scenarios use. */
  readonly timeline: Timeline;
  readonly snapshots: Snapshot[] = [];
  readonly #scheduler: SimulationScheduler | undefined;
  readonly #realtime: RealTimeTimeline | undefined;
  readonly #root: SimulationRoot;
  readonly #nodes = new Map<string, SimulatedNode>();
  readonly #observers: ((delivery: Delivery, time: number) => void)[] = [];
  readonly #stepHooks: ((sim: Simulation) => void)[] = [];
  readonly #invariants: { name: string; check: (sim: Simulation) => boolean | string | undefined }[] = [];
  readonly #stopWhen: ((sim: Simulation) => boolean)[] = [];
  readonly #random: Map<string, RandomSource> = new Map();
  readonly #clock: { now(): number };
  #stopped = false;
  #failure: unknown;

  constructor(options: SimulationOptions) {
    if (!Number.isInteger(options.seed)) throw new RangeError(`seed must be an integer, got ${options.seed}`);
    this.seed = options.seed;
    this.mode = options.mode ?? 'simulate';
    const useCodec = options.codec ?? true;
    if (useCodec && options.codecs === undefined) {
      throw new TypeError(
        'Simulation: pass `codecs` (a CodecRegistry), or turn the wire codec off with `codec: false`',
      );
    }
    this.network =
      options.network instanceof NetworkModel ? options.network : new NetworkModel(options.network);
    if (this.mode === 'simulate') {
      this.#scheduler = new SimulationScheduler(options.eventsPerTurn ?? 32);
      this.timeline = this.#scheduler;
    } else {
      this.#realtime = new RealTimeTimeline();
      this.#realtime.onFired = () => this.#afterStep();
      this.timeline = this.#realtime;
    }
    const timeline = this.timeline;
    this.#clock = { now: () => timeline.now() };
    const wireInfo = new WeakMap<object, WireInfo>();
    const traceMode = options.trace ?? 'hash';
    this.trace =
      traceMode === 'off' ? undefined : new Trace(traceMode, this.#clock.now, nodeOfPath, wireInfo);
    this.runtime = new Runtime({
      scheduler: this.#scheduler ?? new EventLoopScheduler(),
      context: nodeContext(this.seed, this.#clock, 'sim', 1),
      name: 'sim',
      ...(this.trace === undefined ? {} : { observer: this.trace.observe }),
      onFault: (fault) => {
        this.#failure ??= fault.error;
        throw fault.error;
      },
    });
    this.#root = this.runtime.bootstrap(SimulationRoot, {
      timeline,
      model: this.network,
      random: this.random('network'),
      stats: this.stats,
      codec: useCodec && options.codecs !== undefined ? new WireCodec(options.codecs) : undefined,
      wireInfo: this.trace === undefined ? undefined : wireInfo,
    });
    this.runtime.start();
  }

  /** Milliseconds since the run began: virtual in simulation, real in emulation. */
  get now(): number {
    return this.timeline.now();
  }

  /** A random source for `label`, derived from the seed (the same label gives the same source). */
  random(label: string): RandomSource {
    let source = this.#random.get(label);
    if (source === undefined) {
      source = randomFor(this.seed, label);
      this.#random.set(label, source);
    }
    return source;
  }

  // ---- nodes ---------------------------------------------------------------------------------

  /** Starts a node (a new incarnation, if it ran before). */
  startNode<C extends DefinitionClass>(spec: NodeSpec<C>): SimulatedNode<InstanceType<C>> {
    let node = this.#nodes.get(spec.name);
    if (node?.alive === true) throw new KernelError(`node ${spec.name} is already running`);
    if (spec.name.includes('/') || spec.name.includes('~'))
      throw new RangeError(`bad node name ${spec.name}`);
    if (node === undefined) {
      node = new SimulatedNode(spec as NodeSpec);
      this.#nodes.set(spec.name, node);
    } else {
      if (node.components !== undefined) this.#root.crash(node.components);
      node.spec = spec as NodeSpec;
    }
    node.incarnation++;
    const context = nodeContext(this.seed, this.#clock, spec.name, node.incarnation);
    node.components = this.#root.spawn(
      spec.name,
      context,
      this.timeline,
      spec.definition,
      spec.args as readonly unknown[],
      spec.address,
    );
    this.trace?.note(
      JSON.stringify({ t: this.now, node: spec.name, op: 'start', incarnation: node.incarnation }),
    );
    return node as SimulatedNode<InstanceType<C>>;
  }

  /** Crashes a node: it disappears at once, no handler of it runs again, its timers stop. */
  killNode(name: string): void {
    const node = this.node(name);
    if (node.components === undefined) return;
    this.#root.crash(node.components);
    node.components = undefined;
    this.trace?.note(JSON.stringify({ t: this.now, node: name, op: 'kill' }));
  }

  /** Stops a node gracefully: Kill through its control port, so its Stop and Kill handlers run. */
  stopNode(name: string): void {
    const node = this.node(name);
    if (node.components === undefined) return;
    this.#root.kill(node.components);
    node.components = undefined;
    this.trace?.note(JSON.stringify({ t: this.now, node: name, op: 'stop' }));
  }

  /** Crashes the node if it is up, then starts a new incarnation (with `spec`, or the last one). */
  restartNode(name: string, spec?: NodeSpec): SimulatedNode {
    const node = this.node(name);
    if (node.components !== undefined) this.killNode(name);
    return this.startNode(spec ?? node.spec);
  }

  /** A node by name, alive or not. */
  node<D extends ComponentDefinition = ComponentDefinition>(name: string): SimulatedNode<D> {
    const node = this.#nodes.get(name);
    if (node === undefined) throw new KernelError(`no node named ${name}`);
    return node as SimulatedNode<D>;
  }

  /**
   * A client on a live node's provided port `type`: trigger requests into the node with
   * `client.request(event)`, see its indications in `client.received`. One per node, port and
   * incarnation; a crash or stop of the node removes it.
   */
  client(name: string, type: AnyPortType): ClientProbe {
    const node = this.node(name);
    if (node.components === undefined) throw new KernelError(`node ${name} is not running`);
    return this.#root.client(name, node.components, type);
  }

  /** Whether a node of that name was ever started. */
  hasNode(name: string): boolean {
    return this.#nodes.has(name);
  }

  /** Every node ever started, in start order. */
  get nodes(): readonly SimulatedNode[] {
    return [...this.#nodes.values()];
  }

  /** Names of the nodes that are up. */
  alive(): string[] {
    const names: string[] = [];
    for (const node of this.#nodes.values()) if (node.alive) names.push(node.name);
    return names;
  }

  // ---- time ----------------------------------------------------------------------------------

  /** Calls `fn` at virtual time `time` (or now, if that has passed). */
  at(time: number, fn: () => void): void {
    this.timeline.after(Math.max(0, time - this.now), CALL, fn);
  }

  /** Calls `fn` `delay` ms from now. */
  after(delay: number, fn: () => void): void {
    this.timeline.after(delay, CALL, fn);
  }

  // ---- the global view -----------------------------------------------------------------------

  /** Sees every delivered event in the system, with the time. */
  observe(observer: (delivery: Delivery, time: number) => void): void {
    this.#observers.push(observer);
    const trace = this.trace;
    const observers = this.#observers;
    const clock = this.#clock;
    this.runtime.observe((delivery) => {
      trace?.observe(delivery);
      const time = clock.now();
      for (const o of observers) o(delivery, time);
    });
  }

  /** Runs `hook` after every step (a future event and everything it made ready). */
  onStep(hook: (sim: Simulation) => void): void {
    this.#stepHooks.push(hook);
  }

  /**
   * Checks `check` after every step; it fails by returning false or a string (the reason), or
   * by throwing. A failure ends the run with an {@link InvariantViolation}.
   */
  invariant(name: string, check: (sim: Simulation) => boolean | string | undefined): void {
    this.#invariants.push({ name, check });
  }

  /** Ends the run after the first step at which `condition` holds. */
  terminateWhen(condition: (sim: Simulation) => boolean): void {
    this.#stopWhen.push(condition);
  }

  /** Ends the run after the current step. */
  stop(): void {
    this.#stopped = true;
  }

  /** Records `select(this)` at virtual time `time` into {@link snapshots} under `label`. */
  snapshotAt(time: number, label: string, select: (sim: Simulation) => unknown): void {
    this.at(time, () => {
      this.snapshots.push({ time: this.now, label, value: select(this) });
    });
  }

  #afterStep(): void {
    for (const hook of this.#stepHooks) hook(this);
    for (const { name, check } of this.#invariants) {
      let result: boolean | string | undefined;
      try {
        result = check(this);
      } catch (error) {
        result = error instanceof Error ? error.message : String(error);
      }
      if (result === false || typeof result === 'string') {
        const violation = new InvariantViolation(
          name,
          this.now,
          typeof result === 'string' ? result : undefined,
        );
        this.#failure ??= violation;
        throw violation;
      }
    }
    for (const condition of this.#stopWhen) if (condition(this)) this.#stopped = true;
  }

  // ---- running -------------------------------------------------------------------------------

  /**
   * Runs in virtual time until nothing is left to do, `until` (virtual ms) is reached, a
   * termination condition holds, {@link stop} is called, or `maxSteps` steps have run.
   * Errors (a fault escalated to the root, a violated invariant, a codec error) end the run
   * and are thrown.
   */
  run(options: { readonly until?: number; readonly maxSteps?: number } = {}): RunResult {
    const scheduler = this.#scheduler;
    if (scheduler === undefined) throw new KernelError('run() is for simulation; use runFor() in emulation');
    const until = options.until ?? Number.POSITIVE_INFINITY;
    const maxSteps = options.maxSteps ?? Number.POSITIVE_INFINITY;
    const checks = this.#stepHooks.length + this.#invariants.length + this.#stopWhen.length > 0;
    this.#stopped = false;
    let steps = 0;
    let reason: StopReason;
    scheduler.drain();
    for (;;) {
      if (this.#stopped) {
        reason = this.#stopWhen.some((c) => c(this)) ? 'condition' : 'stopped';
        break;
      }
      if (steps >= maxSteps) {
        reason = 'max-steps';
        break;
      }
      if (!scheduler.step(until)) {
        reason = scheduler.pending === 0 ? 'idle' : 'until';
        break;
      }
      steps++;
      if (checks) this.#afterStep();
    }
    return { reason, time: scheduler.now(), steps };
  }

  /**
   * Local emulation: runs in real time for `ms` milliseconds (or until a termination
   * condition holds), then cancels every pending timer and message.
   */
  runFor(ms: number): Promise<RunResult> {
    const timeline = this.#realtime;
    if (timeline === undefined) throw new KernelError('runFor() is for emulation; use run() in simulation');
    this.#stopped = false;
    return new Promise((resolve, reject) => {
      let steps = 0;
      const finish = (reason: StopReason): void => {
        clearInterval(poll);
        clearTimeout(deadline);
        timeline.close();
        if (this.#failure !== undefined) reject(this.#failure);
        else resolve({ reason, time: timeline.now(), steps });
      };
      const deadline = setTimeout(() => finish('until'), ms);
      const poll = setInterval(() => {
        steps++;
        if (this.#failure !== undefined) finish('stopped');
        else if (this.#stopped) finish('condition');
      }, 5);
    });
  }

  /** The first error that ended or broke the run, if any. */
  get failure(): unknown {
    return this.#failure;
  }
}

/** The node a component path belongs to: `/sim/<node>/...` (a node's timer is `<node>~timer`). */
export function nodeOfPath(path: string): string {
  const start = path.indexOf('/', 1);
  if (start < 0) return 'sim';
  const end = path.indexOf('/', start + 1);
  const segment = end < 0 ? path.slice(start + 1) : path.slice(start + 1, end);
  const tilde = segment.indexOf('~');
  return tilde < 0 ? segment : segment.slice(0, tilde);
}

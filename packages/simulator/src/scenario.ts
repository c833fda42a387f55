import type { Distribution } from './distribution.js';
import type { NetworkStats } from './network-stats.js';
import { type ReplayInfo, replayCommand, ScenarioFailure } from './replay.js';
import { type RunResult, Simulation, type SimulationOptions, type Snapshot } from './simulation.js';
import { type ProcessSpec, StochasticProcess } from './stochastic-process.js';

/** One operation a scenario issued. */
export interface OperationRecord {
  /** Virtual (or, executed, real) ms at which it ran. */
  readonly time: number;
  readonly process: string;
  /** 0-based index within its process. */
  readonly index: number;
  readonly operation: string;
  readonly params: readonly unknown[];
}

/** What a scenario run reports. */
export interface ScenarioReport extends RunResult {
  readonly scenario: string;
  readonly seed: number;
  /** sha256 of the trace (empty if the trace was off). */
  readonly hash: string;
  readonly operations: readonly OperationRecord[];
  /** Start and termination times of each process. */
  readonly processes: Readonly<Record<string, { start?: number; end?: number }>>;
  readonly stats: NetworkStats;
  readonly snapshots: readonly Snapshot[];
  /** The simulation, for inspecting state after the run. */
  readonly sim: Simulation;
}

/** How a scenario builds its simulation. */
export interface ScenarioOptions {
  /** Simulation options other than the seed and mode. */
  readonly simulation?: Omit<SimulationOptions, 'seed' | 'mode'>;
  /** Prepares the simulation before any process starts: initial nodes, invariants, hooks. */
  readonly setup?: (sim: Simulation) => void;
  /** Names the test that replays a failing seed. */
  readonly replay?: ReplayInfo;
}

type EndRule =
  | { readonly kind: 'at'; readonly time: number }
  | { readonly kind: 'after-termination'; readonly of: StochasticProcess; readonly delay: number };

interface ProcessState {
  started: boolean;
  terminated: boolean;
  fired: number;
  start?: number;
  end?: number;
  readonly onStart: (() => void)[];
  readonly onTerminate: (() => void)[];
}

/**
 * A scenario: stochastic processes of operations composed in time, run in virtual time with
 * {@link simulate} (a function of the seed) or in real time with {@link execute}.
 *
 * @example
 * const scenario = new Scenario('churn', { simulation: { codecs }, setup });
 * const boot = scenario.process('boot', { operation: startPeer, count: 10, interArrival: constant(100), params: [sequence(1)] });
 * const churn = scenario.process('churn', { operation: killNode, count: 3, interArrival: exponential(500), params: [pick(names)] })
 *   .startAfterTerminationOf(boot, 1000);
 * scenario.terminateAfterTerminationOf(churn, 5000);
 * const report = scenario.simulate(42);
 */
export class Scenario {
  readonly #processes: StochasticProcess[] = [];
  #end: EndRule | undefined;
  readonly #conditions: ((sim: Simulation) => boolean)[] = [];

  constructor(
    readonly name: string,
    readonly options: ScenarioOptions = {},
  ) {}

  /** Adds a process; by default it starts at time 0. */
  process<P extends readonly unknown[]>(name: string, spec: ProcessSpec<P>): StochasticProcess<P> {
    if (this.#processes.some((p) => p.name === name))
      throw new RangeError(`scenario ${this.name}: two processes named ${name}`);
    const process = new StochasticProcess(name, spec);
    this.#processes.push(process as unknown as StochasticProcess);
    return process;
  }

  /** Ends the run at virtual time `time`. */
  terminateAt(time: number): this {
    this.#end = { kind: 'at', time };
    return this;
  }

  /** Ends the run `delay` ms after `process` terminates. */
  terminateAfterTerminationOf(process: StochasticProcess, delay = 0): this {
    this.#end = { kind: 'after-termination', of: process, delay };
    return this;
  }

  /** Ends the run after the first step at which `condition` holds. */
  terminateWhen(condition: (sim: Simulation) => boolean): this {
    this.#conditions.push(condition);
    return this;
  }

  /**
   * Runs in virtual time with `seed`. Without a termination rule the run ends when nothing is
   * left to do. A failure is thrown as a {@link ScenarioFailure} with the seed and the command
   * that replays it.
   */
  simulate(seed: number, options: { readonly maxSteps?: number } = {}): ScenarioReport {
    let sim: Simulation | undefined;
    try {
      sim = new Simulation({ ...this.options.simulation, seed, mode: 'simulate' });
      const driver = this.#drive(sim);
      const until = this.#end?.kind === 'at' ? this.#end.time : undefined;
      const result = sim.run({
        ...(until === undefined ? {} : { until }),
        ...(options.maxSteps === undefined ? {} : { maxSteps: options.maxSteps }),
      });
      return this.#report(sim, seed, result, driver);
    } catch (error) {
      throw this.#failure(seed, error, sim);
    }
  }

  /**
   * Runs in real time (local emulation): the kernel's production scheduler, real timers, the
   * simulated network. Needs `terminateAt` or a `timeLimit` (ms).
   */
  async execute(
    options: { readonly seed?: number; readonly timeLimit?: number } = {},
  ): Promise<ScenarioReport> {
    const seed = options.seed ?? 0;
    let sim: Simulation | undefined;
    try {
      sim = new Simulation({ ...this.options.simulation, seed, mode: 'emulate' });
      const driver = this.#drive(sim);
      const limit = options.timeLimit ?? (this.#end?.kind === 'at' ? this.#end.time : undefined);
      if (limit === undefined) throw new RangeError('execute() needs terminateAt(...) or a timeLimit');
      const result = await sim.runFor(limit);
      return this.#report(sim, seed, result, driver);
    } catch (error) {
      throw this.#failure(seed, error, sim);
    }
  }

  #failure(seed: number, error: unknown, sim: Simulation | undefined): ScenarioFailure {
    if (error instanceof ScenarioFailure) return error;
    const test = this.options.replay?.test ?? this.name;
    const command = replayCommand(seed, { ...this.options.replay, test });
    return new ScenarioFailure(this.name, seed, command, error, sim?.now);
  }

  #report(sim: Simulation, seed: number, result: RunResult, driver: Driver): ScenarioReport {
    const processes: Record<string, { start?: number; end?: number }> = {};
    for (const [process, state] of driver.states) {
      processes[process.name] = {
        ...(state.start === undefined ? {} : { start: state.start }),
        ...(state.end === undefined ? {} : { end: state.end }),
      };
    }
    return {
      ...result,
      scenario: this.name,
      seed,
      hash: sim.trace?.digest() ?? '',
      operations: driver.operations,
      processes,
      stats: sim.stats,
      snapshots: sim.snapshots,
      sim,
    };
  }

  #drive(sim: Simulation): Driver {
    this.options.setup?.(sim);
    const states = new Map<StochasticProcess, ProcessState>();
    const operations: OperationRecord[] = [];
    for (const process of this.#processes) {
      states.set(process, { started: false, terminated: false, fired: 0, onStart: [], onTerminate: [] });
    }
    const stateOf = (process: StochasticProcess): ProcessState => {
      const state = states.get(process);
      if (state === undefined)
        throw new RangeError(`process ${process.name} is not part of scenario ${this.name}`);
      return state;
    };
    const terminate = (process: StochasticProcess): void => {
      const state = stateOf(process);
      if (state.terminated) return;
      if (!state.started) {
        // Cut short before it began: it will never issue an operation.
        state.started = true;
      }
      state.terminated = true;
      state.end = sim.now;
      sim.trace?.note(JSON.stringify({ t: sim.now, process: process.name, phase: 'end' }));
      for (const listener of state.onTerminate) listener();
    };
    // Stateful distributions start afresh in every run.
    const params = new Map<StochasticProcess, readonly Distribution<unknown>[]>();
    const interArrival = new Map<StochasticProcess, Distribution<number>>();
    for (const process of this.#processes) {
      params.set(
        process,
        process.params.map((d: Distribution<unknown>) => d.fresh?.() ?? d),
      );
      interArrival.set(process, process.interArrival.fresh?.() ?? process.interArrival);
    }
    const fire = (process: StochasticProcess): void => {
      const state = stateOf(process);
      if (state.terminated) return;
      const random = sim.random(`scenario:${process.name}`);
      const values = (params.get(process) ?? []).map((d) => d.sample(random));
      const index = state.fired++;
      const record: OperationRecord = {
        time: sim.now,
        process: process.name,
        index,
        operation: process.spec.operation.name,
        params: values,
      };
      operations.push(record);
      sim.trace?.note(safeJson(record));
      process.spec.operation.run(sim, ...values);
      if (state.fired >= process.spec.count) terminate(process);
      else
        sim.after(Math.max(0, (interArrival.get(process) as Distribution<number>).sample(random)), () =>
          fire(process),
        );
    };
    const start = (process: StochasticProcess): void => {
      const state = stateOf(process);
      if (state.started) return;
      state.started = true;
      state.start = sim.now;
      sim.trace?.note(JSON.stringify({ t: sim.now, process: process.name, phase: 'start' }));
      for (const listener of state.onStart) listener();
      if (process.spec.count === 0) terminate(process);
      else sim.after(0, () => fire(process));
    };
    for (const process of this.#processes) {
      const rule = process.startRule;
      if (rule.kind === 'at') sim.at(rule.time, () => start(process));
      else {
        const other = stateOf(rule.of);
        const list = rule.kind === 'after-start' ? other.onStart : other.onTerminate;
        list.push(() => sim.after(rule.delay, () => start(process)));
      }
      const end = process.endRule;
      if (end?.kind === 'at') sim.at(end.time, () => terminate(process));
      else if (end !== undefined)
        stateOf(end.of).onTerminate.push(() => sim.after(end.delay, () => terminate(process)));
    }
    const end = this.#end;
    if (end?.kind === 'after-termination') {
      stateOf(end.of).onTerminate.push(() => sim.after(end.delay, () => sim.stop()));
    }
    for (const condition of this.#conditions) sim.terminateWhen(condition);
    return { states, operations };
  }
}

interface Driver {
  readonly states: Map<StochasticProcess, ProcessState>;
  readonly operations: OperationRecord[];
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  } catch {
    return String(value);
  }
}

import { ComponentCore, type LifecycleState, type RuntimeServices } from './component-core.js';
import { type ComponentDefinition, type DefinitionClass, factoryFor } from './component-definition.js';
import { Config } from './config.js';
import type { ComponentContext } from './context.js';
import { KernelError } from './errors.js';
import { type Fault, Kill, type Killed, Start, type Started, Stop, type Stopped } from './lifecycle.js';
import type { DeliveryObserver } from './observer.js';
import { EventLoopScheduler } from './sched/event-loop-scheduler.js';
import { hostContext } from './sched/host-context.js';
import type { Scheduler } from './sched/scheduler.js';

/** How a runtime runs its tree. Every option has a production default. */
export interface RuntimeOptions {
  /** Defaults to the production {@link EventLoopScheduler}. */
  readonly scheduler?: Scheduler;
  /** Defaults to the host's clock and entropy. */
  readonly context?: ComponentContext;
  readonly config?: Config;
  /** Sees every event delivery; costs nothing when absent. */
  readonly observer?: DeliveryObserver;
  /**
   * The root's fault policy: what to do with a fault escalated past the root. The default
   * throws the fault's error out of the scheduler, which ends a production process and fails
   * a test or a simulation run.
   */
  readonly onFault?: (fault: Fault) => void;
  /** Hears the root's Started, Stopped and Killed. */
  readonly onLifecycle?: (event: Started | Stopped | Killed) => void;
  /** Name of the root in component paths. */
  readonly name?: string;
}

/** Error thrown by the default root fault policy; `cause` is the handler's error. */
export class UnhandledFaultError extends KernelError {
  override readonly name = 'UnhandledFaultError';
  constructor(readonly fault: Fault) {
    super(fault.message, { cause: fault.error });
  }
}

/**
 * A component tree and its scheduler: bootstrap a root component, start it, stop or kill it.
 *
 * @example
 * const runtime = new Runtime();
 * runtime.bootstrap(Main, { peers: 2 });
 * runtime.start();
 */
export class Runtime {
  readonly scheduler: Scheduler;
  readonly #services: RuntimeServices & { observer: DeliveryObserver | undefined };
  readonly #context: ComponentContext;
  readonly #config: Config;
  readonly #name: string;
  #root: ComponentCore | undefined;

  constructor(options: RuntimeOptions = {}) {
    this.scheduler = options.scheduler ?? new EventLoopScheduler();
    this.#context = options.context ?? hostContext();
    this.#config = options.config ?? Config.empty;
    this.#name = options.name ?? 'main';
    const onFault =
      options.onFault ??
      ((fault: Fault) => {
        throw new UnhandledFaultError(fault);
      });
    const onLifecycle = options.onLifecycle;
    this.#services = {
      scheduler: this.scheduler,
      observer: options.observer,
      rootFault: onFault,
      rootLifecycle: (event) => onLifecycle?.(event),
    };
  }

  /** Creates the root component. A runtime has one root. */
  bootstrap<C extends DefinitionClass>(definition: C, ...args: ConstructorParameters<C>): InstanceType<C> {
    if (this.#root !== undefined) throw new KernelError('this runtime already has a root component');
    const factory = factoryFor(definition, args);
    const root = new ComponentCore(
      this.#services,
      undefined,
      this.#name,
      `/${this.#name}`,
      this.#config,
      this.#context,
      factory,
    );
    this.#root = root;
    root.instantiate(factory);
    return root.definition as InstanceType<C>;
  }

  /** The root's definition. */
  get root(): ComponentDefinition {
    return this.#requireRoot().definition;
  }

  get state(): LifecycleState {
    return this.#requireRoot().state;
  }

  /** Starts the root and, after it, the whole tree. */
  start(): void {
    this.#requireRoot().requestLifecycle(new Start());
  }

  /** Stops the tree, children first. */
  stop(): void {
    this.#requireRoot().requestLifecycle(new Stop());
  }

  /** Stops the tree, then destroys it. */
  kill(): void {
    this.#requireRoot().requestLifecycle(new Kill());
  }

  /** Sets or clears the delivery observer. */
  observe(observer: DeliveryObserver | undefined): void {
    this.#services.observer = observer;
  }

  #requireRoot(): ComponentCore {
    if (this.#root === undefined) throw new KernelError('bootstrap a root component first');
    return this.#root;
  }
}

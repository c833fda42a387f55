export type { Channel, ChannelSelector } from './channel.js';
export { Child } from './child.js';
export type { DefinitionFactory, FaultPolicy, LifecycleState } from './component-core.js';
export {
  ComponentDefinition,
  type ConnectOptions,
  type CreateOptions,
  type DefinitionClass,
  type Replacement,
} from './component-definition.js';
export { Config, ConfigKey, configKey } from './config.js';
export {
  type Clock,
  type ComponentContext,
  CountingIdSource,
  type IdSource,
  type RandomSource,
} from './context.js';
export { ConfigError, KernelError, PortDirectionError } from './errors.js';
export { type EventClass, type EventOf, eventName } from './event.js';
export {
  ControlPort,
  Fault,
  type FaultAction,
  Kill,
  Killed,
  Start,
  Started,
  Stop,
  Stopped,
} from './lifecycle.js';
export type { Delivery, DeliveryObserver } from './observer.js';
export {
  type AnyPortType,
  definePort,
  type IndicationOf,
  type PortType,
  type RequestOf,
} from './port-type.js';
export {
  ChildProvidedPort,
  ChildRequiredPort,
  ProvidedPort,
  type ProviderEnd,
  RequiredPort,
  type RequirerEnd,
} from './ports.js';
export { Runtime, type RuntimeOptions, UnhandledFaultError } from './runtime.js';
export { EventLoopScheduler, type EventLoopSchedulerOptions } from './sched/event-loop-scheduler.js';
export { hostContext } from './sched/host-context.js';
export { ManualScheduler } from './sched/manual-scheduler.js';
export type { Schedulable, Scheduler } from './sched/scheduler.js';
export { SeededRandom } from './seeded-random.js';
export { Subscription } from './subscription.js';

/** Something with events to handle: a component, to the scheduler. */
export interface Schedulable {
  /**
   * Handles up to `maxEvents` events. Returns true if work remains, in which case the scheduler
   * must call again later; false means the component will ask again when work arrives.
   */
  runBatch(maxEvents: number): boolean;
}

/**
 * Decides when ready components run. The kernel calls {@link schedule} once each time a
 * component goes from idle to having work. Implementations: the production
 * {@link EventLoopScheduler}, the test {@link ManualScheduler}, and the simulator's.
 */
export interface Scheduler {
  schedule(component: Schedulable): void;
}

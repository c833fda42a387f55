import type { Fault } from '@kompics/kernel';
import type { Driver } from '../driver.js';
import type { TimerProbe } from './timer-probe.js';

/**
 * A Timer implementation as the suite sees it: probes it can add, and a {@link Driver} to let
 * time pass. Each probe is a started {@link TimerProbe} whose required Timer port is connected
 * to the provider under test; the probe's context clock must be the clock that provider keeps
 * (the host's, or the simulation's virtual clock).
 */
export interface TimerHarness extends Driver {
  /** Adds a started probe connected to a Timer provider. */
  addProbe(): Promise<TimerProbe>;
  /** Faults escalated past the harness's roots (the suite expects none). */
  readonly faults: readonly Fault[];
}

/** How the suite obtains and disposes of a harness; `setup` runs before each test. */
export interface TimerSuiteOptions<H extends TimerHarness = TimerHarness> {
  readonly name: string;
  readonly setup: () => Promise<H>;
  readonly teardown: (harness: H) => Promise<void>;
  /** Timeout of each wait in the suite, in the driver's ms. Default 20 000. */
  readonly waitTimeoutMs?: number;
}

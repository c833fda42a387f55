import type { Fault } from '@kompics/kernel';
import type { Address, CodecRegistry } from '@kompics/network';
import type { Driver } from '../driver.js';
import type { NetworkProbe } from './network-probe.js';

/** What the network suite gives a harness's `setup`. */
export interface NetworkSuiteContext {
  /** The suite's message codecs (type ids 65000–65009); add the harness's own if it needs any. */
  readonly codecs: CodecRegistry;
}

/**
 * A Network implementation as the suite sees it: nodes it can add, and a {@link Driver} to let
 * time pass. Each node is a {@link NetworkProbe} at its own address, connected to a Network
 * provider, started, and able to send at once (messages to a peer that is still connecting
 * must be queued by the provider, not lost).
 */
export interface NetworkHarness extends Driver {
  /** Adds a started node at a fresh address. */
  addNode(): Promise<NetworkProbe>;
  /** An address where no node is, nor will be, during the test. */
  unusedAddress(): Promise<Address>;
  /** Faults escalated past the harness's roots (the suite expects none). */
  readonly faults: readonly Fault[];
}

/** How the suite obtains and disposes of a harness; `setup` runs before each test. */
export interface NetworkSuiteOptions<H extends NetworkHarness = NetworkHarness> {
  /** Suite title, e.g. the implementation's package name. */
  readonly name: string;
  readonly setup: (context: NetworkSuiteContext) => Promise<H>;
  readonly teardown: (harness: H) => Promise<void>;
  /** Timeout of each wait in the suite, in the driver's ms. Default 20 000. */
  readonly waitTimeoutMs?: number;
  /** How long the suite lets pass to be sure that nothing more arrives, in ms. Default 200. */
  readonly quietMs?: number;
}

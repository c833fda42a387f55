import type { Address } from '@kompics/network';

/** A peer in a Cyclon view, with how many shuffle rounds ago it was put in circulation. */
export interface ViewEntry {
  readonly address: Address;
  age: number;
}

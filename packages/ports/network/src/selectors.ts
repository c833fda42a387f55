import type { ChannelSelector } from '@kompics/kernel';
import type { Address } from './address.js';
import { Message } from './message.js';

function destinationKey(event: object): string | undefined {
  return event instanceof Message ? event.destination.key : undefined;
}

/**
 * A channel selector that delivers to a node only the messages addressed to it, so that many
 * nodes can share one network component. Events that are not messages pass unfiltered.
 */
export function destinationSelector(address: Address): ChannelSelector {
  return { direction: 'indications', key: destinationKey, value: address.key };
}

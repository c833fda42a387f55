import { definePort } from '@kompics/kernel';
import { Message } from './message.js';

/**
 * The Network port: a requirer triggers a {@link Message} to send it to its destination; the
 * provider delivers messages addressed to the requirer as indications. Delivery is best
 * effort: messages may be lost, and only messages between one pair of nodes over one
 * connection are kept in order.
 */
export const Network = definePort('Network', { requests: [Message], indications: [Message] });
export type Network = typeof Network;

import { definePort } from '@kompics/kernel';

/**
 * Asks the data layer to leave gracefully: for every group containing this node it proposes the
 * next view without it (and tells the other nodes to leave it out), keeps serving until each new
 * view is decided and a majority of its members have the range's data, then indicates
 * {@link Retired}. Afterwards the node can leave the ring and stop without losing anything.
 */
export class Retire {
  declare private readonly kind: 'cats-retire';
}

/** The data layer has handed every range it replicated over to groups without it. */
export class Retired {
  declare private readonly kind: 'cats-retired';
}

/** Control of a node's data layer by the composite that owns it. */
export const CatsControl = definePort('CatsControl', {
  requests: [Retire],
  indications: [Retired],
});
export type CatsControl = typeof CatsControl;

// A test-only OverlayRouter that answers every lookup at once from the node's truth (the live
// members it can reach), standing in for the one-hop router with an up-to-date table.
import { ComponentDefinition } from '@kompics/kernel';
import { Lookup, LookupResponse, OverlayRouter, replicaGroup } from '@kompics/overlay-router';
import type { RingNode } from '@kompics/ring';
import type { Truth } from './oracle-ring.js';

export class OracleRouter extends ComponentDefinition {
  readonly router = this.provides(OverlayRouter);
  constructor(self: RingNode, truth: Truth) {
    super();
    this.subscribe(this.router, Lookup, (l) => {
      const group = replicaGroup(truth(self), l.keyHash, l.replicationDegree);
      const [responsible, ...successors] = group.length > 0 ? group : [self];
      this.trigger(
        new LookupResponse(l.requestId, l.keyHash, responsible as RingNode, successors),
        this.router,
      );
    });
  }
}

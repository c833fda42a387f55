import { BootstrapServer, type BootstrapServerOptions } from '@kompics/bootstrap-service';
import { type Child, ComponentDefinition } from '@kompics/kernel';
import { Network } from '@kompics/network';
import { Timer } from '@kompics/timer';

/** Settings of a {@link BootstrapServerNode}. */
export type BootstrapServerNodeOptions = BootstrapServerOptions;

/** A bootstrap server process's component: the server over the node's Network and Timer. */
export class BootstrapServerNode extends ComponentDefinition {
  readonly net = this.requires(Network);
  readonly timer = this.requires(Timer);
  readonly server: Child<BootstrapServer>;
  constructor(options: BootstrapServerNodeOptions) {
    super();
    this.server = this.create(BootstrapServer, options);
    this.connect(this.net, this.server.required(Network));
    this.connect(this.timer, this.server.required(Timer));
  }
}

import { CatsControl, CatsDataLayer, type CatsOptions, Retire, Retired } from '@cats/core';
import { Bootstrap, BootstrapCompleted, BootstrapRequest, BootstrapResponse } from '@kompics/bootstrap';
import { BootstrapClient } from '@kompics/bootstrap-service';
import { BroadcastPort } from '@kompics/broadcast';
import { EpidemicBroadcast } from '@kompics/broadcast-epidemic';
import { Delete, Dht, DhtFailure, DhtResponse, Get, Put } from '@kompics/dht';
import { FailureDetector } from '@kompics/failure-detector';
import { PingFailureDetector } from '@kompics/failure-detector-ping';
import { type Child, ComponentDefinition, Kill, Start } from '@kompics/kernel';
import { type Address, Network } from '@kompics/network';
import { LeaveOverlay, MemberTable, MemberTableQuery, OverlayRouter } from '@kompics/overlay-router';
import { PeerSampling } from '@kompics/peer-sampling';
import { Cyclon } from '@kompics/peer-sampling-cyclon';
import {
  CreateRing,
  JoinRing,
  LeaveRing,
  NewPredecessor,
  NewSuccessorList,
  Ring,
  RingJoined,
  RingNode,
  ringHash,
} from '@kompics/ring';
import { ChordRing } from '@kompics/ring-chord';
import { OneHopRouter } from '@kompics/router-onehop';
import { Status, StatusRequest, StatusResponse } from '@kompics/status';
import { Store } from '@kompics/store';
import { CancelTimeout, ScheduleTimeout, Timeout, Timer } from '@kompics/timer';
import type { ComponentSpec } from './component-spec.js';
import { LeaveNode, MembersAnswer, MembersQuery, NodeControl, NodeLeft } from './node-control-port.js';
import type { CatsNodeOptions } from './options.js';
import { StatusCollector } from './status-collector.js';

class RejoinCheck extends Timeout {
  declare private readonly brand: 'rejoin-check';
}
class LeaveDeadline extends Timeout {
  declare private readonly brand: 'leave-deadline';
}

/** Where a {@link CatsNode} is in its life. */
export type CatsNodePhase = 'bootstrapping' | 'joining' | 'joined' | 'leaving' | 'left';

function build(host: ComponentDefinition, spec: ComponentSpec): Child {
  if (typeof spec?.definition !== 'function' || !Array.isArray(spec.args))
    throw new TypeError('a component spec is { definition: a component class, args: [...] }');
  // `create` is protected: build through the host (this is called from inside CatsNode only).
  return (host as unknown as { create(d: unknown, ...a: unknown[]): Child }).create(
    spec.definition,
    ...spec.args,
  );
}

/**
 * A CATS node as one component: requires `Network` and `Timer`, provides `Dht` (put, get,
 * delete, linearizable), `Status` (a {@link NodeStatus} with source `node`) and
 * {@link NodeControl} (graceful leave, the member table).
 *
 * Inside: a failure detector (ping by default), Cyclon peer sampling, epidemic broadcast, the
 * Chord ring, the one-hop router, the bootstrap client, a store (built by the given factory),
 * a status collector, and — created once the bootstrap server has answered — the CATS data
 * layer. The first node the server names founds the system (`CreateRing`, the data layer's
 * genesis is this node alone); every other joins the ring through the peers it was handed
 * (genesis empty: it enters groups by reconfiguration), asking the server again if it has not
 * joined within `rejoinAfterMs`. Once joined it tells the bootstrap client, which starts
 * keep-alives. Requests to the Dht before the data layer exists, or after leaving, fail with
 * `rejected`.
 */
export class CatsNode extends ComponentDefinition {
  readonly net = this.requires(Network);
  readonly timer = this.requires(Timer);
  readonly dht = this.provides(Dht);
  readonly status = this.provides(Status);
  readonly nodeControl = this.provides(NodeControl);

  readonly self: RingNode;
  readonly options: CatsNodeOptions;
  readonly chord: Child<ChordRing>;
  readonly router: Child<OneHopRouter>;
  readonly fd: Child;
  readonly cyclon: Child<Cyclon>;
  readonly epidemic: Child<EpidemicBroadcast>;
  readonly bootstrapClient: Child<BootstrapClient>;
  readonly store: Child;
  readonly collector: Child<StatusCollector>;
  /** Times the node asked the bootstrap server again because it had not joined in time. */
  rebootstraps = 0;
  /** Whether the bootstrap server named this node the founder. */
  founder = false;
  #layer: Child<CatsDataLayer> | undefined;
  #phase: CatsNodePhase = 'bootstrapping';
  /** Cyclon's bootstrap list: filled in when the bootstrap server answers (Cyclon reads it when its view is empty). */
  readonly #seeds: Address[] = [];
  #rejoinTimer: string | undefined;
  readonly #membersQueries: string[] = [];
  #leave: { requestId: string; timer: string } | undefined;
  /** The ring's latest news of this node's neighbours: a node with none is alone in the ring. */
  #predecessor: RingNode | undefined;
  #successors: readonly RingNode[] = [];
  readonly #rejoinAfter: number;
  readonly #leaveTimeout: number;

  constructor(options: CatsNodeOptions) {
    super();
    if (options?.self === undefined || options.bootstrapServer === undefined)
      throw new TypeError('CatsNode needs its own address (self) and the bootstrap server address');
    if (typeof options.store !== 'function')
      throw new TypeError('CatsNode needs a store factory: (self: RingNode) => ComponentSpec');
    this.options = options;
    const self = options.self;
    this.self = new RingNode(ringHash(self.key), self);
    this.#rejoinAfter = positive('rejoinAfterMs', options.rejoinAfterMs, 10_000);
    this.#leaveTimeout = positive('leaveTimeoutMs', options.leaveTimeoutMs, 20_000);
    const urlOf = options.urlOf ?? ((a: Address) => `http://${a.key}`);

    this.fd =
      options.failureDetector === undefined
        ? this.create(PingFailureDetector, {
            pingIntervalMs: 1000,
            minTimeoutMs: 1000,
            ...options.pingFailureDetector,
            self,
          })
        : build(this, options.failureDetector(self));
    this.cyclon = this.create(Cyclon, {
      viewSize: 20,
      shuffleLength: 5,
      ...options.cyclon,
      self,
      bootstrap: this.#seeds,
    });
    this.epidemic = this.create(EpidemicBroadcast, { ...options.epidemic, self });
    // Both default to ringHash(self.key) for the node's ring id; nothing is passed so they agree.
    this.chord = this.create(ChordRing, { ...options.chord, self });
    this.router = this.create(OneHopRouter, { ...options.router, self });
    this.bootstrapClient = this.create(BootstrapClient, {
      ...options.bootstrapClient,
      self,
      server: options.bootstrapServer,
    });
    this.store = build(this, options.store(this.self));
    this.collector = this.create(StatusCollector, {
      self: this.self,
      urlOf,
      bootstrapUrl:
        options.bootstrapUrl === undefined ? urlOf(options.bootstrapServer) : options.bootstrapUrl,
      counters: () => ({ rebootstraps: this.rebootstraps }),
    });

    for (const child of [this.fd, this.cyclon, this.epidemic, this.chord, this.router, this.bootstrapClient])
      this.connect(this.net, child.required(Network));
    for (const child of [this.fd, this.cyclon, this.chord, this.router, this.bootstrapClient, this.collector])
      this.connect(this.timer, child.required(Timer));
    // One detector serves the ring, the router and the status (it keeps requesters per node).
    for (const child of [this.chord, this.router, this.collector])
      this.connect(this.fd.provided(FailureDetector), child.required(FailureDetector));
    this.connect(this.cyclon.provided(PeerSampling), this.epidemic.required(PeerSampling));
    this.connect(this.cyclon.provided(PeerSampling), this.router.required(PeerSampling));
    this.connect(this.epidemic.provided(BroadcastPort), this.router.required(BroadcastPort));
    this.connect(this.chord.provided(Ring), this.router.required(Ring));
    this.connect(this.chord.provided(Ring), this.collector.required(Ring));
    this.connect(this.collector.provided(Status), this.status);

    this.subscribe(this.control, Start, () => this.#askBootstrap());
    this.subscribe(this.bootstrapClient.provided(Bootstrap), BootstrapResponse, (r) => this.#bootstrapped(r));
    this.subscribe(this.chord.provided(Ring), RingJoined, () => this.#joined());
    this.subscribe(this.chord.provided(Ring), NewPredecessor, (e) => {
      this.#predecessor = e.predecessor;
    });
    this.subscribe(this.chord.provided(Ring), NewSuccessorList, (e) => {
      this.#successors = e.successors;
    });
    this.subscribe(this.timer, RejoinCheck, (t) => {
      if (t.timeoutId !== this.#rejoinTimer) return;
      this.#rejoinTimer = undefined;
      if (this.#phase !== 'joining' && this.#phase !== 'bootstrapping') return;
      this.rebootstraps++;
      this.#askBootstrap();
    });
    this.subscribe(this.timer, LeaveDeadline, (t) => {
      if (this.#leave?.timer === t.timeoutId) this.#leaveDeadline();
    });

    this.subscribe(this.dht, Put, (r) => this.#dhtRequest(r));
    this.subscribe(this.dht, Get, (r) => this.#dhtRequest(r));
    this.subscribe(this.dht, Delete, (r) => this.#dhtRequest(r));

    // Before the data layer exists, its part of the status is empty.
    this.subscribe(this.collector.required(Status), StatusRequest, (r) => {
      if (this.#layer === undefined)
        this.trigger(
          new StatusResponse(r.requestId, 'data', { groups: [], counters: {} }),
          this.collector.required(Status),
        );
    });

    this.subscribe(this.nodeControl, MembersQuery, (q) => {
      this.#membersQueries.push(q.requestId);
      this.trigger(new MemberTableQuery(), this.router.provided(OverlayRouter));
    });
    this.subscribe(this.router.provided(OverlayRouter), MemberTable, (t) => {
      for (const id of this.#membersQueries.splice(0))
        this.trigger(new MembersAnswer(id, t.members), this.nodeControl);
    });
    this.subscribe(this.nodeControl, LeaveNode, (r) => this.#startLeave(r.requestId));
  }

  /** Where the node is in its life. */
  get phase(): CatsNodePhase {
    return this.#phase;
  }

  /** The data layer, once the bootstrap server has answered. */
  get layer(): CatsDataLayer | undefined {
    return this.#layer?.definition;
  }

  #askBootstrap(): void {
    this.trigger(new BootstrapRequest(10), this.bootstrapClient.provided(Bootstrap));
    this.#scheduleRejoin();
  }

  #scheduleRejoin(): void {
    if (this.#rejoinTimer !== undefined) this.trigger(new CancelTimeout(this.#rejoinTimer), this.timer);
    this.#rejoinTimer = this.context.ids.next();
    this.trigger(new ScheduleTimeout(this.#rejoinAfter, new RejoinCheck(this.#rejoinTimer)), this.timer);
  }

  #bootstrapped(response: BootstrapResponse): void {
    if (this.#phase !== 'bootstrapping' && this.#phase !== 'joining') return;
    const peers = response.peers.filter((p) => !p.equals(this.options.self));
    const founder = peers.length === 0;
    for (const p of peers) if (!this.#seeds.some((s) => s.equals(p))) this.#seeds.push(p);
    if (founder && this.#layer !== undefined && !this.founder) {
      // Told to found after having been told to join (everyone else is gone): found afresh.
      this.destroy(this.#layer);
      this.#layer = undefined;
    }
    this.founder = founder;
    if (this.#layer === undefined) this.#createLayer(founder ? [this.self] : []);
    this.#phase = 'joining';
    if (founder) this.trigger(new CreateRing(), this.chord.provided(Ring));
    else this.trigger(new JoinRing(peers), this.chord.provided(Ring));
    this.#scheduleRejoin();
  }

  #createLayer(genesis: readonly RingNode[]): void {
    const options: CatsOptions = { ...this.options.cats, self: this.self, genesis };
    const layer = this.create(CatsDataLayer, options);
    this.connect(this.net, layer.required(Network));
    this.connect(this.timer, layer.required(Timer));
    this.connect(this.chord.provided(Ring), layer.required(Ring));
    this.connect(this.router.provided(OverlayRouter), layer.required(OverlayRouter));
    this.connect(this.store.provided(Store), layer.required(Store));
    this.subscribe(layer.provided(Dht), DhtResponse, (r) => {
      if (this.#layer === layer) this.trigger(r, this.dht);
    });
    this.connect(layer.provided(Status), this.collector.required(Status));
    this.subscribe(layer.provided(CatsControl), Retired, () => {
      if (this.#layer === layer) this.#retired();
    });
    this.#layer = layer;
    this.trigger(new Start(), layer.control);
  }

  #joined(): void {
    if (this.#phase !== 'joining') return;
    this.#phase = 'joined';
    if (this.#rejoinTimer !== undefined) this.trigger(new CancelTimeout(this.#rejoinTimer), this.timer);
    this.#rejoinTimer = undefined;
    this.trigger(new BootstrapCompleted(), this.bootstrapClient.provided(Bootstrap));
  }

  #dhtRequest(request: Put | Get | Delete): void {
    const layer = this.#layer;
    if (layer === undefined || this.#phase === 'left' || this.#phase === 'leaving') {
      const why =
        this.#phase === 'left' || this.#phase === 'leaving' ? 'this node has left' : 'not joined yet';
      this.trigger(new DhtFailure(request.requestId, 'rejected', why), this.dht);
      return;
    }
    this.trigger(request, layer.provided(Dht));
  }

  #startLeave(requestId: string): void {
    if (this.#leave !== undefined || this.#phase === 'left') {
      this.trigger(new NodeLeft(requestId, this.#phase === 'left'), this.nodeControl);
      return;
    }
    const timer = this.context.ids.next();
    this.#leave = { requestId, timer };
    const wasJoined = this.#phase === 'joined';
    this.#phase = 'leaving';
    if (this.#rejoinTimer !== undefined) this.trigger(new CancelTimeout(this.#rejoinTimer), this.timer);
    this.#rejoinTimer = undefined;
    // No more keep-alives: the bootstrap server stops handing this node out.
    this.trigger(new Kill(), this.bootstrapClient.control);
    const layer = this.#layer;
    if (!wasJoined || layer === undefined) {
      this.#leaveOverlay();
      this.#finishLeave(true);
      return;
    }
    if (this.#alone()) {
      // No other node to hand the ranges to: waiting for Retired would only run out the leave
      // timeout. The data stays in this node's store, for a restart on the same data.
      this.#leaveOverlay();
      this.#finishLeave(false);
      return;
    }
    // The data layer hands its ranges over first (Retire), then the node leaves the ring.
    this.trigger(new Retire(), layer.provided(CatsControl));
    this.trigger(new ScheduleTimeout(this.#leaveTimeout, new LeaveDeadline(timer)), this.timer);
  }

  /** Whether the ring knows no node but this one (no predecessor, no successor but itself). */
  #alone(): boolean {
    const other = (n: RingNode | undefined) => n !== undefined && !n.equals(this.self);
    return !other(this.#predecessor) && !this.#successors.some(other);
  }

  #retired(): void {
    if (this.#phase !== 'leaving' || this.#leave === undefined) return;
    this.#leaveOverlay();
    this.#finishLeave(true);
  }

  #leaveOverlay(): void {
    this.trigger(new LeaveRing(), this.chord.provided(Ring));
    this.trigger(new LeaveOverlay(), this.router.provided(OverlayRouter));
  }

  #leaveDeadline(): void {
    if (this.#phase !== 'leaving') return;
    // Retiring did not finish in time: leave anyway; the groups reconfigure without this node.
    this.#leaveOverlay();
    this.#finishLeave(false);
  }

  #finishLeave(handedOver: boolean): void {
    const leave = this.#leave;
    if (leave === undefined) return;
    this.trigger(new CancelTimeout(leave.timer), this.timer);
    this.#phase = 'left';
    this.trigger(new NodeLeft(leave.requestId, handedOver), this.nodeControl);
  }
}

function positive(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v <= 0)
    throw new RangeError(`${name} must be a positive number of milliseconds, got ${v}`);
  return v;
}

import type { PortCore, PortFace } from './port-core.js';

/**
 * Filters one direction of a channel by a value read off each event, e.g. deliver only the
 * messages whose destination is this node. Channels with the same `key` function sharing a
 * port are indexed by value, so choosing among many of them costs one map lookup: share one key
 * function among all the channels of a kind (a new closure per channel makes a group per channel).
 * When `key` returns `undefined` the event is not the kind this selector filters, and it passes.
 */
export interface ChannelSelector {
  readonly direction: 'indications' | 'requests';
  readonly key: (event: object) => unknown;
  readonly value: unknown;
}

/** Where a channel delivers an event: a port, entered through one of its faces. */
export interface ChannelLink {
  readonly port: PortCore;
  readonly face: PortFace;
}

/** A connection between a provider end and a requirer end of the same port type. */
export class Channel {
  #connected = true;

  /** @internal */
  constructor(
    /** The provider end; requests are delivered to it. */
    readonly provider: ChannelLink,
    /** The requirer end; indications are delivered to it. */
    readonly requirer: ChannelLink,
    readonly selector: ChannelSelector | undefined,
  ) {}

  get connected(): boolean {
    return this.#connected;
  }

  /** @internal Marks the channel disconnected; its port sets drop it. */
  markDisconnected(): void {
    this.#connected = false;
  }
}

function channelsOf(end: ChannelLink): ChannelSet {
  return end.face === 'inside' ? end.port.inside : end.port.outside;
}

/** Tells a port its outside set changed, after a connect or disconnect at `end`. */
function changed(end: ChannelLink): void {
  if (end.face === 'outside') end.port.outsideChanged();
}

/** @internal Connects two ends; the caller has checked that they fit. */
export function connectEnds(
  provider: ChannelLink,
  requirer: ChannelLink,
  selector: ChannelSelector | undefined,
): Channel {
  const channel = new Channel(provider, requirer, selector);
  channelsOf(provider).add(channel, requirer, selector?.direction === 'indications' ? selector : undefined);
  channelsOf(requirer).add(channel, provider, selector?.direction === 'requests' ? selector : undefined);
  changed(provider);
  changed(requirer);
  return channel;
}

/** @internal Disconnects a channel; events already delivered to a component's queue stay there. */
export function disconnectChannel(channel: Channel): void {
  if (!channel.connected) return;
  const { provider, requirer, selector } = channel;
  channelsOf(provider).remove(
    channel,
    requirer,
    selector?.direction === 'indications' ? selector : undefined,
  );
  channelsOf(requirer).remove(channel, provider, selector?.direction === 'requests' ? selector : undefined);
  changed(provider);
  changed(requirer);
  channel.markDisconnected();
}

// Shared by every empty set: the arrays of a set are replaced on change, never mutated.
const NO_LINKS: ChannelLink[] = [];
const NO_GROUPS: SelectorGroup[] = [];
const NO_CHANNELS: readonly Channel[] = Object.freeze([]);

/** The channels leaving one face of a port, with selected channels indexed by value. */
export class ChannelSet {
  #plain: ChannelLink[] = NO_LINKS;
  /**
   * The port and face of the only plain link, when there is exactly one (the common case), so
   * that sending to it reads no array and no link object.
   */
  #onePort: PortCore | undefined;
  #oneFace: PortFace = 'outside';
  /** Whether #plain has two links or more. These flags let a send to an empty set touch no array. */
  #manyPlain = false;
  /** Whether any selected channel is connected. */
  #anySelected = false;
  #selected: Map<(event: object) => unknown, Map<unknown, ChannelLink[]>> | undefined;
  /**
   * The selector groups of #selected as an array, so sending allocates no iterator; rebuilt
   * lazily (undefined: stale) so that connecting many selected channels stays linear.
   */
  #groups: SelectorGroup[] | undefined = NO_GROUPS;
  #channels: readonly Channel[] = NO_CHANNELS;

  get channels(): readonly Channel[] {
    return this.#channels;
  }

  /** The port of the set's only channel, if it has exactly one and it has no selector. */
  get lonePort(): PortCore | undefined {
    return this.#anySelected ? undefined : this.#onePort;
  }

  /** The face through which {@link lonePort} is entered. */
  get loneFace(): PortFace {
    return this.#oneFace;
  }

  add(channel: Channel, link: ChannelLink, selector: ChannelSelector | undefined): void {
    if (this.#channels === NO_CHANNELS) this.#channels = [channel];
    else (this.#channels as Channel[]).push(channel);
    if (selector === undefined) {
      this.#setPlain([...this.#plain, link]);
      return;
    }
    this.#selected ??= new Map();
    let byValue = this.#selected.get(selector.key);
    if (byValue === undefined) {
      byValue = new Map();
      this.#selected.set(selector.key, byValue);
    }
    byValue.set(selector.value, [...(byValue.get(selector.value) ?? []), link]);
    this.#groups = undefined;
    this.#anySelected = true;
  }

  remove(channel: Channel, link: ChannelLink, selector: ChannelSelector | undefined): void {
    this.#channels = this.#channels.filter((c) => c !== channel);
    if (selector === undefined) {
      this.#setPlain(this.#plain.filter((l) => l !== link));
      return;
    }
    const byValue = this.#selected?.get(selector.key);
    const links = byValue?.get(selector.value)?.filter((l) => l !== link);
    if (byValue === undefined || links === undefined) return;
    if (links.length > 0) byValue.set(selector.value, links);
    else byValue.delete(selector.value);
    if (byValue.size === 0) this.#selected?.delete(selector.key);
    this.#groups = undefined;
    this.#anySelected = (this.#selected?.size ?? 0) > 0;
  }

  #setPlain(plain: ChannelLink[]): void {
    this.#plain = plain;
    const only = plain.length === 1 ? plain[0] : undefined;
    this.#onePort = only?.port;
    this.#oneFace = only?.face ?? 'outside';
    this.#manyPlain = plain.length > 1;
  }

  #regroup(): SelectorGroup[] {
    const groups: SelectorGroup[] = [];
    for (const [key, byValue] of this.#selected ?? []) {
      const soleOutside = new Map<unknown, PortCore>();
      const shared = new Map<unknown, readonly ChannelLink[]>();
      for (const [value, links] of byValue) {
        const only = links.length === 1 ? (links[0] as ChannelLink) : undefined;
        if (only?.face === 'outside') soleOutside.set(value, only.port);
        else shared.set(value, links);
      }
      groups.push({ key, soleOutside, shared, all: [...byValue.values()].flat() });
    }
    this.#groups = groups;
    return groups;
  }

  /** Sends `event` through every channel whose selector (if any) lets it pass. */
  send(event: object): void {
    // Link arrays are replaced, never mutated, so a send that connects or disconnects is safe.
    const one = this.#onePort;
    if (one !== undefined) {
      one.receive(event, this.#oneFace);
    } else if (this.#manyPlain) {
      const plain = this.#plain;
      for (let i = 0; i < plain.length; i++) {
        const link = plain[i] as ChannelLink;
        link.port.receive(event, link.face);
      }
    }
    if (!this.#anySelected) return;
    const groups = this.#groups ?? this.#regroup();
    for (let g = 0; g < groups.length; g++) {
      const group = groups[g] as SelectorGroup;
      const value = group.key(event);
      if (value !== undefined) {
        const port = group.soleOutside.get(value);
        if (port !== undefined) {
          port.receive(event, 'outside');
          continue;
        }
      }
      const links = value === undefined ? group.all : group.shared.get(value);
      if (links === undefined) continue;
      for (let i = 0; i < links.length; i++) {
        const link = links[i] as ChannelLink;
        link.port.receive(event, link.face);
      }
    }
  }
}

/**
 * Channels sharing one selector key function, indexed by value: a value with one link into a
 * port's outside face (the common case, e.g. one node per address) maps straight to that port,
 * so a send reads no link array and no link object.
 */
interface SelectorGroup {
  readonly key: (event: object) => unknown;
  readonly soleOutside: ReadonlyMap<unknown, PortCore>;
  /** Values with two links or more, or with one link into a port's inside face. */
  readonly shared: ReadonlyMap<unknown, readonly ChannelLink[]>;
  /** Every link of the group, for events the key function does not classify. */
  readonly all: readonly ChannelLink[];
}

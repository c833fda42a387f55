import { inArc } from '@kompics/ring';
import type { MembersResponse, SliceEntry } from './wire.js';

/**
 * What the client knows of the cluster: the members' URLs and, per key range `(from, to]`, the
 * URLs of its replica group. Eventually consistent, like the nodes' own tables: a stale entry
 * costs a retry, never correctness (the nodes coordinate any key).
 */
export class MemberTable {
  private slices: readonly SliceEntry[] = [];
  private urls = new Map<string, string>();
  /** How many tables have been merged in (0: none yet). */
  version = 0;

  /** @param scheme `http:` or `https:`, used for an address the table names without a URL. */
  constructor(private readonly scheme: string) {}

  /**
   * Takes in a table a node answered with. A range whose group the new table gives an older
   * view number than the one held keeps the newer group (tables from different nodes may lag).
   */
  merge(table: MembersResponse): void {
    this.urls = new Map(table.members.map((m) => [m.address, m.url]));
    const held = new Map(this.slices.map((s) => [`${s.from}:${s.to}`, s]));
    this.slices = table.slices.map((s) => {
      const old = held.get(`${s.from}:${s.to}`);
      const newer = old?.view != null && s.view != null && old.view > s.view;
      return newer && old ? old : s;
    });
    this.version++;
  }

  /** The URL of a member given by its address. */
  urlOf(address: string): string {
    return this.urls.get(address) ?? `${this.scheme}//${address}`;
  }

  /** The URLs of the replica group of the range holding ring position `hash` (empty when unknown). */
  groupFor(hash: number): string[] {
    for (const s of this.slices) {
      if (inArc(hash, s.from, s.to)) return s.members.map((a) => this.urlOf(a));
    }
    return [];
  }

  /** Every member's URL. */
  allUrls(): string[] {
    const all = new Set(this.urls.values());
    for (const s of this.slices) for (const a of s.members) all.add(this.urlOf(a));
    return [...all];
  }
}

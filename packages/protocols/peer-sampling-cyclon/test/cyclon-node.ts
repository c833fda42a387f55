// A simulated node running Cyclon, and helpers to look at the overlay it forms.
import { type Child, ComponentDefinition, type RandomSource } from '@kompics/kernel';
import { CodecRegistry, Network } from '@kompics/network';
import { Timer } from '@kompics/timer';
import { Cyclon, type CyclonOptions, registerCyclonCodecs } from '../src/index.js';

export class CyclonNode extends ComponentDefinition {
  readonly net = this.requires(Network);
  readonly timer = this.requires(Timer);
  readonly cyclon: Child<Cyclon>;
  constructor(options: CyclonOptions) {
    super();
    this.cyclon = this.create(Cyclon, options);
    this.connect(this.net, this.cyclon.required(Network));
    this.connect(this.timer, this.cyclon.required(Timer));
  }
}

export const cyclonCodecs = () => registerCyclonCodecs(new CodecRegistry());

/** Whether the undirected graph of `edges` over `nodes` is connected. */
export function isConnected(
  nodes: readonly string[],
  edges: ReadonlyMap<string, readonly string[]>,
): boolean {
  if (nodes.length === 0) return true;
  const members = new Set(nodes);
  const undirected = new Map<string, Set<string>>(nodes.map((n) => [n, new Set<string>()]));
  for (const [from, tos] of edges) {
    if (!members.has(from)) continue;
    for (const to of tos) {
      if (!members.has(to)) continue;
      undirected.get(from)?.add(to);
      undirected.get(to)?.add(from);
    }
  }
  const seen = new Set<string>([nodes[0] as string]);
  const stack = [nodes[0] as string];
  while (stack.length > 0) {
    for (const next of undirected.get(stack.pop() as string) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return seen.size === nodes.length;
}

/** In-degrees of `nodes` counting only edges between them. */
export function inDegrees(nodes: readonly string[], edges: ReadonlyMap<string, readonly string[]>): number[] {
  const members = new Set(nodes);
  const counts = new Map<string, number>(nodes.map((n) => [n, 0]));
  for (const [from, tos] of edges) {
    if (!members.has(from)) continue;
    for (const to of tos) if (members.has(to)) counts.set(to, (counts.get(to) ?? 0) + 1);
  }
  return nodes.map((n) => counts.get(n) ?? 0);
}

/** Out-edges of a uniform random graph: each node links to `degree` distinct random others. */
export function randomGraph(
  nodes: readonly string[],
  degree: number,
  random: RandomSource,
): Map<string, string[]> {
  const edges = new Map<string, string[]>();
  for (const n of nodes) {
    const picked = new Set<string>();
    while (picked.size < Math.min(degree, nodes.length - 1)) {
      const other = nodes[random.nextInt(nodes.length)] as string;
      if (other !== n) picked.add(other);
    }
    edges.set(n, [...picked]);
  }
  return edges;
}

export function meanAndStdDev(xs: readonly number[]): { mean: number; std: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
  return { mean, std: Math.sqrt(variance) };
}

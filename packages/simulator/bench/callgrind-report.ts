/**
 * Reads a callgrind profile taken with `--dump-instr=yes` and attributes its self costs to
 * functions, naming V8's generated code through the `--perf-basic-prof` map of the same
 * process (callgrind itself only knows the code's addresses). Used by `cache-profile.ts`.
 */
import { readFileSync } from 'node:fs';

/** One function's self cost, per event named in the profile's `events:` line. */
export interface FunctionCost {
  readonly name: string;
  readonly costs: Readonly<Record<string, number>>;
}

/** Calls from one function into another, with the callee's inclusive cost of those calls. */
export interface CallCost {
  readonly caller: string;
  readonly callee: string;
  readonly costs: Readonly<Record<string, number>>;
}

export interface CallgrindReport {
  /** Event names of the profile, e.g. `Ir`, `D1mr`, `DLmr`. */
  readonly events: readonly string[];
  readonly totals: Readonly<Record<string, number>>;
  /** Every function with a cost, largest first by the first event. */
  readonly functions: readonly FunctionCost[];
  /** Every caller → callee pair, largest first by the first event. */
  readonly calls: readonly CallCost[];
}

interface CodeRange {
  readonly start: number;
  readonly end: number;
  readonly name: string;
}

/** The ranges of a perf map (`<start hex> <size hex> <name>` per line), sorted by start. */
function readPerfMap(path: string): CodeRange[] {
  const ranges: CodeRange[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const [start, size, ...name] = line.split(' ');
    if (start === undefined || size === undefined || name.length === 0) continue;
    const from = Number.parseInt(start, 16);
    ranges.push({ start: from, end: from + Number.parseInt(size, 16), name: name.join(' ') });
  }
  return ranges.sort((p, q) => p.start - q.start);
}

function lookup(ranges: readonly CodeRange[], address: number): string | undefined {
  let lo = 0;
  let hi = ranges.length - 1;
  let found: CodeRange | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const range = ranges[mid] as CodeRange;
    if (range.start <= address) {
      found = range;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found !== undefined && address < found.end ? found.name : undefined;
}

/** Self costs by function of the profile at `profilePath`, generated code named by `perfMapPath`. */
export function readCallgrind(profilePath: string, perfMapPath: string): CallgrindReport {
  const code = readPerfMap(perfMapPath);
  let events: string[] = [];
  const names = new Map<string, string>();
  const byName = new Map<string, number[]>();
  const byCall = new Map<string, { caller: string; callee: string; sums: number[] }>();
  let fn = '?';
  let callee = '?';
  let address = 0;
  let callCostFollows = false;
  for (const line of readFileSync(profilePath, 'utf8').split('\n')) {
    if (line.startsWith('events:')) {
      events = line.slice('events:'.length).trim().split(' ');
      continue;
    }
    // Names are compressed: `fn=(12) name` the first time, `fn=(12)` after.
    const named = /^(c?fn)=\((\d+)\)(?: (.*))?$/.exec(line);
    if (named !== null) {
      const [, kind, id, name] = named as unknown as [string, string, string, string | undefined];
      if (name !== undefined) names.set(id, name);
      if (kind === 'fn') fn = names.get(id) ?? '?';
      else callee = names.get(id) ?? '?';
      continue;
    }
    if (line.startsWith('calls=')) {
      callCostFollows = true; // the next cost line is the callee's inclusive cost: not self cost
      continue;
    }
    const first = line.charCodeAt(0);
    // Cost lines start with an address: absolute (0x...), relative (+n, -n) or the same (*).
    if (!(line.startsWith('0x') || first === 43 || first === 45 || first === 42)) continue;
    const fields = line.split(' ');
    const position = fields[0] as string;
    address = position.startsWith('0x')
      ? Number.parseInt(position, 16)
      : position === '*'
        ? address
        : address + Number.parseInt(position, 10);
    // Generated code has no symbol: callgrind calls it by its address, or by nothing.
    const name = fn === '' || fn.startsWith('0x') ? (lookup(code, address) ?? `code ${fn}`) : fn;
    if (callCostFollows) {
      callCostFollows = false;
      // A callee without a symbol is named by its entry address; the address here is the call's.
      const calleeName = callee.startsWith('0x')
        ? (lookup(code, Number.parseInt(callee, 16)) ?? `code ${callee}`)
        : callee;
      const key = `${name}\u0000${calleeName}`;
      let call = byCall.get(key);
      if (call === undefined) {
        call = { caller: name, callee: calleeName, sums: new Array<number>(events.length).fill(0) };
        byCall.set(key, call);
      }
      for (let e = 0; e < events.length; e++)
        call.sums[e] = (call.sums[e] as number) + Number(fields[e + 2] ?? 0);
      continue;
    }
    let sums = byName.get(name);
    if (sums === undefined) {
      sums = new Array<number>(events.length).fill(0);
      byName.set(name, sums);
    }
    // fields[1] is the source line (positions: instr line); costs follow.
    for (let e = 0; e < events.length; e++) sums[e] = (sums[e] as number) + Number(fields[e + 2] ?? 0);
  }
  const record = (values: readonly number[]): Record<string, number> =>
    Object.fromEntries(events.map((event, e) => [event, values[e] ?? 0]));
  const totals = new Array<number>(events.length).fill(0);
  for (const sums of byName.values()) {
    for (let e = 0; e < events.length; e++) totals[e] = (totals[e] as number) + (sums[e] as number);
  }
  const functions = [...byName.entries()]
    .map(([name, sums]) => ({ name, costs: record(sums) }))
    .sort((p, q) => (q.costs[events[0] as string] ?? 0) - (p.costs[events[0] as string] ?? 0));
  const first = events[0] as string;
  const calls = [...byCall.values()]
    .map(({ caller, callee: to, sums }) => ({ caller, callee: to, costs: record(sums) }))
    .sort((p, q) => (q.costs[first] ?? 0) - (p.costs[first] ?? 0));
  return { events, totals: record(totals), functions, calls };
}

import type { DurabilityReport } from './durability.js';
import type { FuzzRunReport } from './fuzz.js';
import type { FaultRunReport } from './run.js';
import type { SoakReport } from './soak.js';

const mib = (bytes: number | undefined) =>
  bytes === undefined ? '?' : `${(bytes / 1048576).toFixed(1)} MiB`;
const n = (value: number | undefined) => (value === undefined ? '?' : String(value));

/** A fault run's report as text. */
export function formatRun(r: FaultRunReport): string {
  const kinds = new Map<string, number>();
  for (const f of r.faults) if (!f.skipped) kinds.set(f.kind, (kinds.get(f.kind) ?? 0) + 1);
  const skipped = r.faults.filter((f) => f.skipped).length;
  const lines = [
    `${r.ok ? 'PASS' : 'FAIL'}: ${r.faults.length} fault cycles (${[...kinds].map(([k, c]) => `${c} ${k}`).join(', ')}${skipped ? `, ${skipped} SKIPPED` : ''}) in ${(r.durationMs / 1000).toFixed(0)} s, network: ${r.mode} (${r.modeReason})`,
    `  history: ${r.history.operations} operations, ${r.history.completed} completed, ${r.clientOverruns} client overruns, verdict ${r.history.verdict}${r.history.violatingKeys.length ? ` (keys ${r.history.violatingKeys.join(', ')})` : ''}`,
    ...r.problems.map((p) => `  problem: ${p}`),
  ];
  if (r.kept)
    lines.push(`  run folder: ${r.outDir}${r.history.htmlFile ? ` (report ${r.history.htmlFile})` : ''}`);
  return `${lines.join('\n')}\n`;
}

/** A durability run's report as text. */
export function formatDurability(r: DurabilityReport): string {
  const lines = [
    `${r.ok ? 'PASS' : 'FAIL'}: ${r.acknowledged} acknowledged writes before kill -9 of every node, ${r.readBack} read back after the restart, ${r.lost.length} lost (${r.unacknowledged} writes were not acknowledged)`,
    ...r.lost
      .slice(0, 20)
      .map((l) => `  lost: ${l.key} expected ${l.expected.slice(0, 20)}… got ${String(l.got).slice(0, 20)}`),
    ...r.problems.map((p) => `  problem: ${p}`),
  ];
  if (!r.ok) lines.push(`  run folder: ${r.outDir}`);
  return `${lines.join('\n')}\n`;
}

/** A fuzz run's report as text. */
export function formatFuzz(r: FuzzRunReport): string {
  const lines = [
    `${r.ok ? 'PASS' : 'FAIL'}: ${r.total} hostile inputs`,
    `  wire: ${r.wire.sent} frames over ${r.wire.connections} connections (${r.wire.certainRejections} certain rejections, ${r.wire.preHandshake} before the handshake); log: ${r.frameRejectionLines} "rejected frame" lines`,
    `    by kind: ${Object.entries(r.wire.byKind)
      .map(([k, c]) => `${k} ${c}`)
      .join(', ')}`,
    `  http: ${r.http.sent} requests (${r.http.rejected} answered 4xx of ${r.http.expectedRejections} hostile, ${r.http.rawGarbage} raw non-HTTP); log: ${r.httpRejectionLines} "request rejected" lines; statuses ${JSON.stringify(r.http.statuses)}`,
    `    by kind: ${Object.entries(r.http.byKind)
      .map(([k, c]) => `${k} ${c}`)
      .join(', ')}; slow clients closed by the node: ${r.slowClosedByNode}`,
    `  cli/config: ${r.cli ? `${r.cli.clean}/${r.cli.cases.length} invocations exited 2 with one clear line` : 'skipped'}`,
    `  healthy put/get checks that agreed: ${r.healthyChecks}`,
    ...r.problems.map((p) => `  problem: ${p}`),
  ];
  if (!r.ok) lines.push(`  run folder: ${r.outDir}`);
  return `${lines.join('\n')}\n`;
}

/** A soak's report as text. */
export function formatSoak(r: SoakReport): string {
  const lines = [
    `soak: ${r.minutes} min, ${r.operations} operations, ${r.run.faults.length} faults`,
    formatRun(r.run).trimEnd(),
    '  node     starts  RSS start → end        heap used start → end   open fds   active handles',
    ...r.resources.map(
      (x) =>
        `  ${x.node.padEnd(8)} ${String(x.starts).padEnd(7)} ${mib(x.start?.rssBytes)} → ${mib(x.end?.rssBytes)}   ${mib(x.start?.heapUsedBytes)} → ${mib(x.end?.heapUsedBytes)}   ${n(x.start?.openFds)} → ${n(x.end?.openFds)}   ${n(x.start?.activeHandles)} → ${n(x.end?.activeHandles)}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CheckResult, checkHistory, kvModel, renderHtml } from '@kompics/linearizability';
import type { HistoryRecorder } from './history.js';

/** The checker's answer on a run's history, and where the evidence was kept. */
export interface HistoryVerdict {
  readonly verdict: CheckResult['verdict'];
  readonly operations: number;
  /** Completed operations (the rest failed or timed out). */
  readonly completed: number;
  readonly violatingKeys: readonly string[];
  /** Set when the history and its explanation were written (always on a failing verdict). */
  readonly historyFile?: string;
  readonly htmlFile?: string;
}

/**
 * Checks a recorded history with `@kompics/linearizability` (kv model). On any verdict other
 * than `linearizable` (or when `keep` is set) it writes `history.jsonl` and `report.html`
 * (the checker's explanation) into `outDir`.
 */
export function checkRun(
  recorder: HistoryRecorder,
  outDir: string,
  keep = false,
  timeoutMs = 60_000,
): HistoryVerdict {
  const ops = recorder.operations.map(({ error: _error, failedAt: _failedAt, ...op }) => op);
  const result = checkHistory(kvModel, ops, { timeoutMs });
  const base = {
    verdict: result.verdict,
    operations: ops.length,
    completed: ops.filter((op) => op.return !== null).length,
    violatingKeys: result.violations.map((v) => v.key),
  };
  if (result.verdict === 'linearizable' && !keep) return base;
  const historyFile = join(outDir, 'history.jsonl');
  const htmlFile = join(outDir, 'report.html');
  recorder.save(historyFile);
  writeFileSync(htmlFile, renderHtml(kvModel, ops, result));
  return { ...base, historyFile, htmlFile };
}

import { forEachSeed } from '@kompics/simulator';
import { describe, expect, it } from 'vitest';
import { type ChurnResult, churnRun } from './churn.js';

const pct = (x: number, of: number) => `${((100 * x) / of).toFixed(2)}%`;
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function summary(label: string, results: readonly ChurnResult[]): string {
  const sum = (f: (r: ChurnResult) => number) => results.reduce((a, r) => a + f(r), 0);
  const lookups = sum((r) => r.during.lookups);
  return (
    `${label}: ${results.length} seeds, ${sum((r) => r.joins)} joins and ${sum((r) => r.crashes)} crashes; ` +
    `during churn ${lookups} lookups, responsible node right ${pct(
      sum((r) => r.during.responsible),
      lookups,
    )}, ` +
    `whole group (r=3) right ${pct(
      sum((r) => r.during.group),
      lookups,
    )}; ` +
    `convergence after churn mean ${mean(results.map((r) => r.convergenceMs)).toFixed(0)} ms, ` +
    `max ${Math.max(...results.map((r) => r.convergenceMs))} ms; ` +
    `after: ${sum((r) => r.after.group)}/${sum((r) => r.after.lookups)} lookups right; ` +
    `messages per node per second ${mean(results.map((r) => r.messagesPerNodePerSecond)).toFixed(1)} ` +
    `(broadcast gossip ${mean(results.map((r) => r.byKind.gossip)).toFixed(1)}, ` +
    `digests ${mean(results.map((r) => r.byKind.digests)).toFixed(2)}, ` +
    `tables ${mean(results.map((r) => r.byKind.tables)).toFixed(2)} carrying ` +
    `${mean(results.map((r) => r.byKind.records)).toFixed(1)} records); ` +
    `announcements per churn event ${(sum((r) => r.byKind.announced) / sum((r) => r.joins + r.crashes)).toFixed(2)}`
  );
}

function check(r: ChurnResult): void {
  expect(r.convergenceMs, 'tables never converged').toBeGreaterThanOrEqual(0);
  expect(r.tablesCorrect).toBe(1);
  expect(r.after.lookups).toBe(r.nodesAtEnd * 20);
  expect(r.after.group).toBe(r.after.lookups);
  // During churn a table lags the truth by a detection time after each crash: most lookups agree.
  expect(r.during.responsible / r.during.lookups).toBeGreaterThan(0.9);
}

describe('one-hop router under churn, in simulation', () => {
  it('agree with the truth after churn: 150 nodes, 100 joins and crashes, every lookup at every node agrees once churn stops', () => {
    const results: ChurnResult[] = [];
    forEachSeed(
      'agree with the truth after churn',
      [1, 2, 3, 4],
      (seed) => {
        const r = churnRun(seed, { nodes: 150, events: 100, meanInterArrivalMs: 400 });
        results.push(r);
        check(r);
      },
      '@kompics/router-onehop',
    );
    console.log(summary('150 nodes, churn every 400 ms on average (exponential)', results));
  });

  it('converges with 5% message loss, messages through the wire codec', () => {
    // With 5% loss a 1 s detector timeout suspects live nodes about once per second in 60 nodes
    // (each suspicion is refuted, at the cost of two broadcasts): a lossy network wants a longer one.
    const results: ChurnResult[] = [];
    forEachSeed(
      'converges with 5% message loss',
      [7, 8],
      (seed) => {
        const r = churnRun(seed, {
          nodes: 60,
          events: 40,
          meanInterArrivalMs: 400,
          loss: 0.05,
          codec: true,
          warmupMs: 20_000,
          cluster: { fdTimeoutMs: 4000 },
        });
        results.push(r);
        check(r);
      },
      '@kompics/router-onehop',
    );
    console.log(summary('60 nodes, 5% loss, wire codec on', results));
  });

  it('converges on failure detection alone (no hints from the ring)', () => {
    const results: ChurnResult[] = [];
    forEachSeed(
      'converges on failure detection alone',
      [11, 12],
      (seed) => {
        const r = churnRun(seed, {
          nodes: 100,
          events: 60,
          meanInterArrivalMs: 400,
          cluster: { router: { failuresFromRing: false } },
        });
        results.push(r);
        check(r);
      },
      '@kompics/router-onehop',
    );
    console.log(summary('100 nodes, failures from the detector only', results));
  });
});

// The churn experiment, shared by the tests and the benchmark: boot a cluster, churn it with a
// stochastic process of joins and crashes while measuring lookups against the truth, then stop
// churning and measure how long the tables take to converge, and check every lookup agrees.
import { exponential, operation, Scenario, uniform } from '@kompics/simulator';
import { type Agreement, Cluster, type ClusterOptions, type MessageCounts } from './cluster.js';
import { routerCodecs } from './router-node.js';

export interface ChurnOptions {
  readonly nodes: number;
  /** Churn events (each a join or a crash), drawn with exponential inter-arrival times. */
  readonly events: number;
  readonly meanInterArrivalMs: number;
  readonly warmupMs?: number;
  readonly settleMs?: number;
  readonly loss?: number;
  readonly codec?: boolean;
  /** Passed to every node (fanout, failure detector timeout, router options). */
  readonly cluster?: ClusterOptions;
  /** Lookups issued every 250 ms during churn. */
  readonly lookupsPerTick?: number;
  /** Lookups issued at every node at the end. */
  readonly finalLookupsPerNode?: number;
}

export interface ChurnResult {
  readonly seed: number;
  readonly nodesAtEnd: number;
  readonly churnMs: number;
  readonly joins: number;
  readonly crashes: number;
  /** Lookups during churn. */
  readonly during: Agreement;
  /** ms from the last churn event until every table equals the truth (and stays so); -1 if never. */
  readonly convergenceMs: number;
  /** Lookups at every node after settling. */
  readonly after: Agreement;
  /** Fraction of tables equal to the truth at the end. */
  readonly tablesCorrect: number;
  /** Every message the network carried during churn, per live node per second. */
  readonly messagesPerNodePerSecond: number;
  /**
   * The broadcast's and the router's own messages during churn, per live node per second
   * (`announced`: the total number of announcements, each one broadcast).
   */
  readonly byKind: MessageCounts;
  readonly wallMs: number;
}

export function churnRun(seed: number, options: ChurnOptions): ChurnResult {
  const wall = performance.now();
  const warmup = options.warmupMs ?? 30_000;
  const settle = options.settleMs ?? 30_000;
  let cluster: Cluster | undefined;
  const during: Agreement = { lookups: 0, responsible: 0, group: 0 };
  const after: Agreement = { lookups: 0, responsible: 0, group: 0 };
  let churnEnd = Number.POSITIVE_INFINITY;
  let convergedAt: number | undefined;
  let fired = 0;
  let joins = 0;
  let crashes = 0;
  let atStart: { sent: number; counts: MessageCounts } | undefined;
  let atEnd: { sent: number; counts: MessageCounts } | undefined;
  let nodeSeconds = 0;
  const scenario = new Scenario('router-onehop churn', {
    simulation: {
      codecs: routerCodecs(),
      codec: options.codec ?? false,
      network: { latency: uniform(5, 50), loss: options.loss ?? 0 },
      trace: 'off',
    },
    replay: { test: 'agree with the truth after churn', package: '@kompics/router-onehop' },
    setup: (sim) => {
      const c = new Cluster(sim, options.cluster);
      cluster = c;
      for (let i = 0; i < options.nodes; i++) sim.at(i * 10, () => c.start());
      sim.at(warmup, () => {
        atStart = { sent: sim.stats.sent, counts: c.messages() };
      });
      const tick = () => {
        if (sim.now >= churnEnd) return;
        nodeSeconds += (c.live.size * 250) / 1000;
        for (let i = 0; i < (options.lookupsPerTick ?? 10); i++) c.lookup(during);
        sim.after(250, tick);
      };
      sim.at(warmup, tick);
    },
  });
  const churn = scenario
    .process('churn', {
      operation: operation('churn', (sim, u: number) => {
        const c = cluster as Cluster;
        const before = c.live.size;
        c.churnStep(u, Math.floor(options.nodes / 2));
        if (c.live.size > before) joins++;
        else crashes++;
        if (++fired === options.events) {
          churnEnd = sim.now;
          atEnd = { sent: sim.stats.sent, counts: c.messages() };
          const poll = () => {
            const correct = c.tablesCorrect() === 1;
            if (!correct) convergedAt = undefined;
            else convergedAt ??= sim.now;
            sim.after(100, poll);
          };
          poll();
          sim.at(churnEnd + settle - 1, () => {
            for (const name of c.live.keys())
              for (let i = 0; i < (options.finalLookupsPerNode ?? 20); i++) c.lookup(after, 3, name);
          });
        }
      }),
      count: options.events,
      interArrival: exponential(options.meanInterArrivalMs),
      params: [uniform(0, 1)],
    })
    .startAt(warmup);
  scenario.terminateAfterTerminationOf(churn, settle);
  scenario.simulate(seed);
  const c = cluster as Cluster;
  const start = atStart as { sent: number; counts: MessageCounts };
  const end = atEnd as { sent: number; counts: MessageCounts };
  const perNodeSecond = (x: number) => x / nodeSeconds;
  return {
    seed,
    nodesAtEnd: c.live.size,
    churnMs: churnEnd - warmup,
    joins,
    crashes,
    during,
    convergenceMs: convergedAt === undefined ? -1 : convergedAt - churnEnd,
    after,
    tablesCorrect: c.tablesCorrect(),
    messagesPerNodePerSecond: perNodeSecond(end.sent - start.sent),
    byKind: {
      gossip: perNodeSecond(end.counts.gossip - start.counts.gossip),
      announced: end.counts.announced - start.counts.announced,
      digests: perNodeSecond(end.counts.digests - start.counts.digests),
      tables: perNodeSecond(end.counts.tables - start.counts.tables),
      records: perNodeSecond(end.counts.records - start.counts.records),
    },
    wallMs: Math.round(performance.now() - wall),
  };
}

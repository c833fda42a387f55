#!/usr/bin/env node
// cats-faults: fault injection on a real CATS deployment. See README.md.
import { FaultCluster } from './cluster.js';
import { runDurability } from './durability.js';
import { formatDurability, formatFuzz, formatRun, formatSoak } from './format.js';
import { runFuzz } from './fuzz.js';
import { cleanupStaleNamespaces } from './netns.js';
import { runFaults } from './run.js';
import { runSoak } from './soak.js';

const USAGE = `usage: cats-faults <command> [options]

commands:
  run          fault cycles on a cluster, history checked (default: 5 nodes, 21 cycles)
  durability   kill -9 every node during writes, restart, read every acknowledged write
  fuzz         hostile wire frames, HTTP requests, CLI flags and config files
  soak         sustained load with periodic faults for --minutes N; memory and handles at start and end
  cleanup      remove network namespaces and links left by crashed runs

options:
  --nodes N              cluster size
  --cycles N             fault cycles (run)
  --hold-ms N            how long each fault lasts before its repair (run; default 2000)
  --settle-ms N          quiet time after each repair (run; default 1000)
  --minutes N            soak duration
  --network MODE         auto (default) | namespaces | loopback
  --frames N --requests N   fuzz volume
  --keep                 keep the run folder (logs, history, report) even when it passes
  --json                 print the report as JSON
`;

type Flags = Record<string, string | true>;

function parse(argv: readonly string[]): { command: string | undefined; flags: Flags } {
  const args = argv.filter((a) => a !== '--');
  const [command, ...rest] = args;
  const flags: Flags = {};
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    if (!arg.startsWith('--')) throw new Error(`unexpected argument ${JSON.stringify(arg)}`);
    const name = arg.slice(2);
    if (name === 'keep' || name === 'json') flags[name] = true;
    else {
      const value = rest[++i];
      if (value === undefined) throw new Error(`${arg} needs a value`);
      flags[name] = value;
    }
  }
  return { command, flags };
}

function int(flags: Flags, name: string, fallback: number | undefined, min = 1): number | undefined {
  const raw = flags[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (typeof raw !== 'string' || !Number.isInteger(n) || n < min)
    throw new Error(`--${name} must be an integer >= ${min}`);
  return n;
}

function num(flags: Flags, name: string): number | undefined {
  const raw = flags[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (typeof raw !== 'string' || !(n > 0)) throw new Error(`--${name} must be a number > 0`);
  return n;
}

async function main(): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`cats-faults: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { command, flags } = parsed;
  const say = (line: string) => process.stderr.write(`${line}\n`);
  const network = flags.network;
  if (network !== undefined && network !== 'auto' && network !== 'namespaces' && network !== 'loopback') {
    process.stderr.write('cats-faults: --network must be auto, namespaces or loopback\n');
    return 2;
  }
  const common = {
    say,
    keep: flags.keep === true,
    ...(network === undefined ? {} : { network: network as 'auto' | 'namespaces' | 'loopback' }),
  };
  const json = flags.json === true;
  const print = (report: unknown, text: string) =>
    process.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : text);
  try {
    switch (command) {
      case 'run': {
        const nodes = int(flags, 'nodes', 5);
        const cycles = int(flags, 'cycles', 21);
        const holdMs = int(flags, 'hold-ms', undefined);
        const settleMs = int(flags, 'settle-ms', undefined, 0);
        const report = await runFaults({
          ...common,
          ...(nodes ? { nodes } : {}),
          ...(cycles ? { cycles } : {}),
          ...(holdMs ? { holdMs } : {}),
          ...(settleMs !== undefined ? { settleMs } : {}),
        });
        print(report, formatRun(report));
        return report.ok ? 0 : 1;
      }
      case 'durability': {
        const nodes = int(flags, 'nodes', 3);
        const report = await runDurability({ ...common, ...(nodes ? { nodes } : {}) });
        print(report, formatDurability(report));
        return report.ok ? 0 : 1;
      }
      case 'fuzz': {
        const frames = int(flags, 'frames', undefined);
        const requests = int(flags, 'requests', undefined);
        const report = await runFuzz({
          ...common,
          ...(frames ? { frames } : {}),
          ...(requests ? { requests } : {}),
        });
        print(report, formatFuzz(report));
        return report.ok ? 0 : 1;
      }
      case 'soak': {
        const minutes = num(flags, 'minutes');
        if (minutes === undefined) throw new Error('soak needs --minutes N');
        const nodes = int(flags, 'nodes', 5);
        const report = await runSoak({ ...common, minutes, ...(nodes ? { nodes } : {}) });
        print(report, formatSoak(report));
        return report.run.ok ? 0 : 1;
      }
      case 'cleanup': {
        const cleaned = cleanupStaleNamespaces();
        process.stdout.write(`removed the namespaces and links of ${cleaned} stale run(s)\n`);
        return 0;
      }
      default:
        process.stderr.write(
          command === undefined ? USAGE : `cats-faults: unknown command ${command}\n${USAGE}`,
        );
        return 2;
    }
  } catch (error) {
    process.stderr.write(`cats-faults: ${(error as Error).message}\n`);
    return 2;
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stderr.write(
      `cats-faults: ${signal}: stopping the cluster and removing its network namespaces\n`,
    );
    FaultCluster.closeAll().finally(() => process.exit(130));
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`cats-faults: ${String(error)}\n`);
    process.exit(2);
  },
);

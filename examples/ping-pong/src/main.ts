#!/usr/bin/env node
// The command-line entry: plays the game on the production runtime (EventLoopScheduler).
import { performance } from 'node:perf_hooks';
import { runCli } from './cli.js';

process.exitCode = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  now: () => performance.now(),
});

#!/usr/bin/env node
import { parseLocalClusterOptions, USAGE, UsageError } from './options.js';
import { runLocalCluster } from './run.js';

let options: ReturnType<typeof parseLocalClusterOptions>;
try {
  options = parseLocalClusterOptions(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`cats-local-cluster: ${error.message}\n${USAGE}\n`);
  process.exit(2);
}
if (options.help) {
  process.stdout.write(`${USAGE}\n`);
} else {
  process.exitCode = await runLocalCluster(options, { stdout: process.stdout, stderr: process.stderr });
}

#!/bin/sh
# The main job: installs and builds what it needs (the local-cluster program, the node and
# bootstrap server apps it starts, the cats CLI it suggests, and their dependencies), then starts a
# local CATS cluster, runs a workload, checks it for linearizability and keeps the cluster up
# until Ctrl-C. Flags go to apps/local-cluster: npm start -- --nodes 3 --duration 10 --exit
set -e
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
sh scripts/setup.sh
sh scripts/pnpm.sh exec turbo run build --filter=@cats/local-cluster... --filter=@cats/cli... --output-logs=errors-only >&2
exec node apps/local-cluster/dist/main.js "$@"

#!/bin/sh
# The main job: builds what it needs and runs the reference demo on embedded defaults.
set -e
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
sh scripts/setup.sh
sh scripts/pnpm.sh exec turbo run build --filter=@kompics/example-ping-pong... --output-logs=errors-only
exec node examples/ping-pong/dist/main.js "$@"

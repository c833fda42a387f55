#!/bin/sh
# The test command: install, build, lint, typecheck, test every package, then check
# that packed tarballs install and import outside the repository.
set -e
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
sh scripts/setup.sh
sh scripts/ensure-system-tools.sh
sh scripts/pnpm.sh exec biome check .
sh scripts/pnpm.sh exec turbo run build typecheck test --concurrency=2 --output-logs=new-only
node scripts/pack-check.mjs

#!/bin/sh
# Installs the workspace's dependencies (idempotent, fast when nothing changed).
set -e
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
sh scripts/pnpm.sh install --frozen-lockfile --reporter=silent >&2

#!/bin/sh
# Runs the pinned pnpm, installing it into .tools/ first if needed, so a machine
# with nothing but Node 20 and npm can run every project command.
set -e
root=$(cd "$(dirname "$0")/.." && pwd)
want=$(node -p "require('$root/package.json').packageManager.split('@')[1]")
bin="$root/.tools/node_modules/.bin/pnpm"
if [ ! -x "$bin" ] || [ "$("$bin" --version 2>/dev/null)" != "$want" ]; then
  echo "installing pnpm $want into .tools/" >&2
  npm install --silent --no-audit --no-fund --prefix "$root/.tools" "pnpm@$want" >&2
fi
# Tools that pnpm runs (turbo looks for the package manager on PATH) must find this pnpm too.
PATH="$root/.tools/node_modules/.bin:$PATH"
export PATH
exec "$bin" "$@"

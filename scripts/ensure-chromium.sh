#!/bin/sh
# The linearizability checker's page test drives headless Chromium (Debian's package; no tool
# downloads a browser of its own). Installs it when missing and we are root, as in CI.
set -e
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's chromium for the page tests" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "chromium is missing: install Debian's 'chromium' package (the page tests need it)" >&2
  exit 1
fi

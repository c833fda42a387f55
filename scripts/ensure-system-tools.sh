#!/bin/sh
# System tools some tests need, from Debian's packages (no tool downloads its own):
# chromium for the page tests, openssl for the TLS tests, etcd-server for the YCSB etcd driver's
# test and the side-by-side benchmark.
# Installs what is missing when we are root (as in CI); otherwise says what to install.
set -e
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v openssl >/dev/null 2>&1 || missing="$missing openssl"
command -v etcd >/dev/null 2>&1 || missing="$missing etcd-server"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian packages for the tests:$missing" >&2
  apt-get update -qq >&2
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
else
  echo "missing system packages for the tests:$missing (install them with apt-get)" >&2
  exit 1
fi

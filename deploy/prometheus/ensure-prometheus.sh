#!/usr/bin/env bash
# Makes sure `prometheus` and `promtool` are on PATH (Debian's `prometheus` package), installing
# them only when missing. Idempotent and non-interactive: safe to call from CI and from tests.
set -euo pipefail
if command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-prometheus: prometheus/promtool missing and apt-get is not available; install Prometheus >= 2.42" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo -n"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# --no-install-recommends: the server and promtool only, not the exporters or the web assets' extras.
# Debian's package starts a system service when systemd runs; on CI containers it does not.
$SUDO apt-get install -y -qq --no-install-recommends prometheus >/dev/null
command -v promtool >/dev/null && command -v prometheus >/dev/null

#!/usr/bin/env bash
# Makes sure Debian's `chromium` is at /usr/bin/chromium for the board's end-to-end tests (driven by
# playwright-core, which downloads no browser of its own here), with a CJK font so that the board's
# Chinese renders in the screenshots (an operations centre's screens have one); installs only what
# is missing.
# Idempotent and non-interactive: safe to call from CI and from tests.
set -euo pipefail
has_cjk_font() { command -v fc-list >/dev/null 2>&1 && fc-list :lang=zh family | grep -q .; }
if [ -x /usr/bin/chromium ] && has_cjk_font; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: /usr/bin/chromium missing and apt-get is not available; install Chromium" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo -n"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null
test -x /usr/bin/chromium

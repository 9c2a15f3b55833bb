#!/usr/bin/env bash
# The README's second command: install what the tests need (Debian's chromium for the browser
# tests included) and run every test. `.ci/run` calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup_env.sh test

if [ ! -x /usr/bin/chromium ]; then
  echo "Installerar Chromium för webbläsartesterna …"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get install -y chromium chromium-driver >/dev/null 2>&1 || {
    $SUDO apt-get update >/dev/null
    $SUDO apt-get install -y chromium chromium-driver >/dev/null
  }
fi

.venv/bin/naravard check
# pytest exits 5 when no test ran; that counts as a failure here too.
exec .venv/bin/python -m pytest "$@"

#!/usr/bin/env bash
# The README's first command: set up, check data/, build the handbook and serve it together
# with the three worksheets. Extra arguments go to `naravard serve` (e.g. --lan, --preheat 1).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup_env.sh
.venv/bin/naravard check
.venv/bin/naravard build
exec .venv/bin/naravard serve "$@"

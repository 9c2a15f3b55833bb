#!/usr/bin/env bash
# Create .venv with Python 3.11 and install the project (and, with "test", what the tests need).
# Used by scripts/start.sh and scripts/test.sh; safe to run again (it only installs what changed).
set -euo pipefail
cd "$(dirname "$0")/.."

PY="${PYTHON:-}"
if [ -z "$PY" ]; then
  for candidate in python3.11 python3 python; do
    if command -v "$candidate" >/dev/null 2>&1 && \
       "$candidate" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else 1)' 2>/dev/null; then
      PY="$candidate"; break
    fi
  done
fi
if [ -z "$PY" ]; then
  echo "Hittar ingen Python 3.11. Installera Python 3.11 och kör kommandot igen." >&2
  exit 1
fi

if [ ! -x .venv/bin/python ]; then
  echo "Skapar en virtuell miljö i .venv …"
  "$PY" -m venv .venv
fi

stamp=".venv/.naravard-installed"
extra="${1:-}"
want="$(cat pyproject.toml | sha256sum | cut -c1-16)-${extra}"
if [ ! -f "$stamp" ] || ! grep -qx "$want" "$stamp" 2>/dev/null; then
  echo "Installerar handboken och dess beroenden …"
  .venv/bin/python -m pip install --quiet --upgrade pip
  if [ "$extra" = "test" ]; then
    .venv/bin/python -m pip install --quiet -e ".[test]"
  else
    .venv/bin/python -m pip install --quiet -e .
  fi
  echo "$want" > "$stamp"
fi

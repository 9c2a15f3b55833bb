#!/usr/bin/env bash
# Regenerate requirements.lock: every package (runtime, test extras, pip and the build backend)
# at an exact version with its sha256 hashes, one universal lock for Linux, macOS and Windows on
# Python 3.11. uv does the resolving; it is installed into a throwaway venv, never into .venv.
#
#   bash scripts/lock.sh                      # after editing pyproject.toml: keep the other pins
#   bash scripts/lock.sh --upgrade            # move every package to its newest allowed version
#   bash scripts/lock.sh --upgrade-package pandas
#
# Extra arguments go to `uv pip compile`. The stamp in .venv changes with the lock, so the next
# `bash scripts/start.sh` or `bash scripts/test.sh` installs what the new lock says.
set -euo pipefail
cd "$(dirname "$0")/.."

UV_VERSION="0.13.9"
PY="${PYTHON:-python3}"
if ! "$PY" -c 'import sys, tomllib' 2>/dev/null; then
  echo "scripts/lock.sh behöver Python 3.11 eller senare (sätt PYTHON=...)." >&2
  exit 1
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

echo "Installerar uv $UV_VERSION i en tillfällig miljö …"
"$PY" -m venv "$tmp/venv"
"$tmp/venv/bin/python" -m pip install --quiet --disable-pip-version-check "uv==$UV_VERSION"

# pip itself and the build backend are locked too, so `pip install --no-build-isolation -e .`
# in scripts/setup_env.sh builds the project with locked tools only.
"$PY" - > "$tmp/tools.in" <<'EOF'
import tomllib
build = tomllib.load(open("pyproject.toml", "rb"))["build-system"]["requires"]
print("\n".join(["pip", *build]))
EOF

pins() { grep -o '^[A-Za-z0-9][^ ;]*==[^ ;]*' "$1" 2>/dev/null | sort -u || true; }
pins requirements.lock > "$tmp/before"

echo "Låser beroendena i requirements.lock …"
"$tmp/venv/bin/uv" pip compile pyproject.toml - --quiet \
  --all-extras --generate-hashes --universal --python-version 3.11 \
  --custom-compile-command "bash scripts/lock.sh" \
  -o requirements.lock "$@" < "$tmp/tools.in"

pins requirements.lock > "$tmp/after"
comm -23 "$tmp/before" "$tmp/after" | sed 's/^/  tidigare: /'
comm -13 "$tmp/before" "$tmp/after" | sed 's/^/  nu:       /'
echo "Klart: $(wc -l < "$tmp/after") låsta versioner i requirements.lock."

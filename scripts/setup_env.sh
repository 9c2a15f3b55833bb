#!/usr/bin/env bash
# Create .venv with Python 3.11 and install exactly what requirements.lock says (hash-checked),
# then the project itself without dependencies. Used by scripts/start.sh and scripts/test.sh;
# both get the same lock (runtime and test extras), so the optional "test" argument changes
# nothing. Safe to run again: it reinstalls only when requirements.lock or pyproject.toml changed.
# Regenerate the lock with `bash scripts/lock.sh`.
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

SECONDS=0
if [ ! -x .venv/bin/python ]; then
  echo "Skapar en virtuell miljö i .venv …"
  "$PY" -m venv .venv
fi

stamp=".venv/.naravard-installed"
want="lock-$(cat requirements.lock pyproject.toml | sha256sum | cut -c1-16)"
if [ -f "$stamp" ] && grep -qx "$want" "$stamp" 2>/dev/null; then
  exit 0
fi

log=".venv/naravard-install.log"
: > "$log"
export PYTHONUNBUFFERED=1
PIP=(.venv/bin/python -m pip install --disable-pip-version-check --progress-bar off)

fail() {
  echo "Installationen misslyckades. De sista raderna ur $log:" >&2
  tail -n 25 "$log" >&2
  exit 1
}

# Print one line per package pip collects instead of pip's full output (which goes to the log).
progress() {
  local total="$1" n=0 line spec
  while IFS= read -r line; do
    case "$line" in
      "Collecting "*|"Requirement already satisfied: "*)
        n=$((n + 1))
        spec="${line#Collecting }"; spec="${spec#Requirement already satisfied: }"
        spec="${spec%% *}"
        printf '  [%d/%s] %s\n' "$n" "$total" "${spec/==/ }" ;;
      "Processing "*.whl*|"Processing "*.tar.gz*)
        # A file from a local mirror or --find-links: name and version from its file name.
        n=$((n + 1))
        spec="${line#Processing }"; spec="${spec%% *}"; spec="${spec##*/}"
        case "$spec" in
          *.whl) spec="${spec%%-*} $(cut -d- -f2 <<< "$spec")" ;;
          *) spec="${spec%.tar.gz}"; spec="${spec%-*} ${spec##*-}" ;;
        esac
        printf '  [%d/%s] %s\n' "$n" "$total" "${spec//_/-}" ;;
      "Installing collected packages: "*)
        echo "  Packar upp och installerar i .venv …" ;;
      ERROR:*)
        echo "$line" ;;
    esac
  done
}

# 1. pip itself at the locked version (a new venv may come with an older pip).
echo "Installerar den låsta versionen av pip …"
awk '/^pip==/ {on=1} on {print} on && !/\\$/ {exit}' requirements.lock > .venv/pip.lock
"${PIP[@]}" --require-hashes -r .venv/pip.lock >> "$log" 2>&1 || fail
rm -f .venv/pip.lock

# 2. Every locked package for this platform, each checked against its sha256 hash.
total="$(.venv/bin/python - <<'EOF' 2>/dev/null || echo "?"
import re
from pip._vendor.packaging.markers import Marker
n = 0
for line in open("requirements.lock", encoding="utf-8"):
    m = re.match(r"^[A-Za-z0-9][^ ;]*==[^ ;]+\s*(?:;\s*(.*?))?\s*\\?$", line)
    if m and (not m.group(1) or Marker(m.group(1)).evaluate()):
        n += 1
print(n)
EOF
)"
echo "Installerar $total paket ur requirements.lock (versioner och hashar låsta) …"
"${PIP[@]}" --require-hashes -r requirements.lock 2>&1 | tee -a "$log" | progress "$total" \
  || fail

# 3. The project itself, built with the locked setuptools (no dependencies, no download).
echo "Installerar naravard ur den här mappen …"
"${PIP[@]}" --no-deps --no-build-isolation -e . >> "$log" 2>&1 || fail

echo "$want" > "$stamp"
echo "Miljön i .venv är klar på $SECONDS s (hela utskriften: $log)."

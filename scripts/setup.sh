#!/usr/bin/env bash
# One-time (and idempotent) set-up on a fresh machine: Node packages, the Python venv with the
# pinned pylance, and the built app. Safe to run again: each step is skipped when up to date.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# --- Python >= 3.10 for the engine -----------------------------------------------------------
PY="${PYTHON:-python3}"
if ! command -v "$PY" >/dev/null 2>&1; then
  echo "error: python3 was not found. The index engine needs Python >= 3.10 with pip and venv." >&2
  echo "       Debian/Ubuntu: sudo apt-get install -y python3 python3-venv python3-pip" >&2
  exit 1
fi
if ! "$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)'; then
  echo "error: $("$PY" --version 2>&1) is too old; the index engine needs Python >= 3.10." >&2
  echo "       Install a newer python3, or point PYTHON=/path/to/python3.11 at one." >&2
  exit 1
fi

# venv NAME REQUIREMENTS WHAT: a venv made (or brought up to date) from a requirements file; a
# stamp of the requirements (and of what they include) skips it when nothing changed.
venv() {
  local name="$1" req="$2" what="$3"
  local want
  want="$(cat "$req" engine/python/requirements.txt | sha256sum | cut -d' ' -f1)"
  if [ ! -x "$name/bin/python" ] || [ "$(cat "$name/.requirements.sha" 2>/dev/null)" != "$want" ]; then
    say "$what"
    [ -x "$name/bin/python" ] || "$PY" -m venv "$name"
    "$name/bin/python" -m pip install --quiet --disable-pip-version-check -r "$req"
    echo "$want" > "$name/.requirements.sha"
  fi
}

venv .venv engine/python/requirements.txt "Python venv (.venv) with pinned pylance"

if [ -n "${WITH_TEST_DEPS:-}" ]; then
  # The engine's own tests (pytest) and linter (ruff) run in the engine's venv, beside pylance.
  dev_want="$(sha256sum engine/python/requirements-dev.txt | cut -d' ' -f1)"
  if [ "$(cat .venv/.dev-requirements.sha 2>/dev/null)" != "$dev_want" ]; then
    say "pytest and ruff in .venv (the engine's tests and linter)"
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -r engine/python/requirements-dev.txt
    echo "$dev_want" > .venv/.dev-requirements.sha
  fi
  # The S3 test's local server (moto) pins python-dateutil<3, which lance-namespace's client
  # can't use, so it lives in a venv of its own.
  venv .venv-test engine/python/requirements-test.txt "Test venv (.venv-test) with moto's local S3 server"
  # The Ray tests run a real Ray cluster on 127.0.0.1 from its own venv: Ray 2.60, the engine's
  # exact pins (the cluster's Python must have the engine's pylance) and lance-ray.
  venv .venv-ray test/ray/cluster-requirements.txt "Ray venv (.venv-ray) for the test cluster: ray 2.60.0, pinned pylance, lance-ray"
  # The pin before pylance 14, pylance 10: an engine older than the data (the file-format tests), and a
  # benchmark peer.
  venv .venv-prev test/fixtures/requirements-prev.txt "pylance 10 venv (.venv-prev) for the file-format tests"
fi

# --- Node packages ---------------------------------------------------------------------------
# `npm install` rather than `npm ci`: npm 11 leaves @lancedb/lancedb's other-platform optional
# packages out of the lock, which `npm ci` then refuses; install still honours the locked versions.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ] || [ package.json -nt node_modules/.package-lock.json ]; then
  say "Node packages (npm install)"
  npm install --no-audit --no-fund --loglevel=error
fi

# --- Build ------------------------------------------------------------------------------------
say "Build (CLI, workers, window)"
npm run --silent build

# --- The engine, checked as the app checks it ------------------------------------------------
# The same verdict the window's Engine screen gives (Python version, pylance against the pin, the
# import works): a venv that pip left broken is said here, not at the first build.
node bin/lance-index.js engine check --python .venv/bin/python >/dev/null \
  || { node bin/lance-index.js engine check --python .venv/bin/python >&2; exit 1; }

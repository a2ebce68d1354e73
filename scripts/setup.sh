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

REQ=engine/python/requirements.txt
STAMP=.venv/.requirements.sha
want="$(sha256sum "$REQ" | cut -d' ' -f1)"
if [ ! -x .venv/bin/python ] || [ "$(cat "$STAMP" 2>/dev/null)" != "$want" ]; then
  say "Python venv (.venv) with pinned pylance"
  [ -x .venv/bin/python ] || "$PY" -m venv .venv
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$REQ"
  echo "$want" > "$STAMP"
fi

# The S3 test's local server (moto) pins python-dateutil<3, which lance-namespace's client
# can't use, so it lives in a venv of its own. Only the test command asks for it.
if [ -n "${WITH_TEST_DEPS:-}" ]; then
  TREQ=engine/python/requirements-test.txt
  twant="$(sha256sum "$TREQ" | cut -d' ' -f1)"
  if [ ! -x .venv-test/bin/python ] || [ "$(cat .venv-test/.requirements.sha 2>/dev/null)" != "$twant" ]; then
    say "Test venv (.venv-test) with moto's local S3 server"
    [ -x .venv-test/bin/python ] || "$PY" -m venv .venv-test
    .venv-test/bin/python -m pip install --quiet --disable-pip-version-check -r "$TREQ"
    echo "$twant" > .venv-test/.requirements.sha
  fi
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

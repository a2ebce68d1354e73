#!/usr/bin/env bash
# The README's two commands. Each does all set-up a fresh machine needs, then its job:
#   bash run.sh demo   make the sample dataset and build a BTREE and an FTS index with 2 workers
#   bash run.sh test   every test: unit, integration (real pylance workers), end-to-end (real Chromium)
set -euo pipefail
cd "$(dirname "$0")"

case "${1:-}" in
  demo)
    bash scripts/setup.sh
    shift
    exec node bin/lance-index.js demo "$@"
    ;;
  test)
    WITH_TEST_DEPS=1 bash scripts/setup.sh
    if [ ! -x /usr/bin/chromium ]; then
      if [ "$(id -u)" = 0 ]; then
        echo "==> Debian's chromium for the end-to-end tests"
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
          || { echo "error: could not install chromium (apt-get install -y chromium)" >&2; exit 1; }
      else
        echo "error: the end-to-end tests need Debian's chromium at /usr/bin/chromium: sudo apt-get install -y chromium" >&2
        exit 1
      fi
    fi
    shift
    npx tsc -p tsconfig.json --noEmit
    echo "==> Lint and format: ESLint (with the layer rules) and Prettier"
    npm run --silent lint
    echo "==> The engine's Python: ruff (lint, format) and its own tests (pytest)"
    (cd engine/python && ../../.venv/bin/ruff check --quiet . && ../../.venv/bin/ruff format --check --quiet . && ../../.venv/bin/python -m pytest -q)
    mkdir -p .tmp
    status=0
    npx vitest run --reporter=default --reporter=json --outputFile.json=.tmp/vitest.json "$@" || status=$?
    # One plain closing line with the counts, for tools that read the last lines of a run.
    node -e '
      const r = JSON.parse(require("fs").readFileSync(".tmp/vitest.json", "utf8"));
      console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
    ' || true
    exit "$status"
    ;;
  *)
    echo "usage: bash run.sh demo | bash run.sh test [vitest args]" >&2
    exit 2
    ;;
esac

#!/usr/bin/env bash
# Run the whole test suite, browser and gold-data tests included.
# Installs what the tests need and is missing: the venv (scripts/setup.sh),
# Debian's chromium + chromium-driver for the real-browser tests, and Debian's
# postgresql (its initdb and pg_ctl: the store tests start a throwaway cluster,
# tests/pg_server.py, and run on PostgreSQL as on SQLite).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/eventdesk ] || bash scripts/setup.sh
# A venv made before the PostgreSQL store lacks its driver (pinned in constraints.txt).
.venv/bin/python -c "import psycopg" 2>/dev/null || .venv/bin/python -m pip install --quiet -c constraints.txt "psycopg[binary]"
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    echo "installing chromium and chromium-driver (Debian packages) for the browser tests"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null
fi
if ! command -v initdb >/dev/null && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    echo "installing postgresql (Debian package) for the PostgreSQL store tests"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
fi
exec .venv/bin/python -m pytest -q -p no:cacheprovider "$@"

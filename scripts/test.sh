#!/usr/bin/env bash
# The whole test suite, set-up included: the Python environment, and the real services the
# end-to-end tests use — a PostgreSQL server and Chromium, from Debian's packages — when
# they are missing. Arguments go to pytest (bash scripts/test.sh tests/actors -q).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export OMP_NUM_THREADS=1

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "test.sh: installing ${missing[*]} from Debian's packages" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq "${missing[@]}" >&2
  fi
  if [ -z "${NEWSGRAPH_TEST_POSTGRES_URL:-}" ]; then
    NEWSGRAPH_TEST_POSTGRES_URL=$(bash scripts/start-postgres.sh)
    export NEWSGRAPH_TEST_POSTGRES_URL
  fi
else
  echo "test.sh: not root with apt-get: PostgreSQL and browser tests run only if their services are already here" >&2
fi

exec .venv/bin/python -m pytest "$@"

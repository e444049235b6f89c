#!/usr/bin/env bash
# The whole test suite, set-up included: the Python environment, and the real services the
# end-to-end tests use (PostgreSQL, Chromium) from Debian's packages when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export OMP_NUM_THREADS=1
exec .venv/bin/python -m pytest "$@"

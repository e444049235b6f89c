#!/usr/bin/env bash
# Set up newsgraph on a fresh machine: a virtual environment in .venv with every dependency
# of newsgraph and of its extras (all, test) at the version and sha256 pinned in
# requirements.lock (the English spaCy pipeline included), then newsgraph itself, editable,
# from this folder. Safe to run again. PYTHON names the interpreter (default python3).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
# Hash-checking mode: every file installed must match a sha256 in the lock.
.venv/bin/python -m pip install --quiet --require-hashes -r requirements.lock
# newsgraph itself: its dependencies are all in place from the lock.
.venv/bin/python -m pip install --quiet --no-deps -e .

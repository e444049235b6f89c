#!/usr/bin/env bash
# Set up newsgraph on a fresh machine: a virtual environment in .venv with newsgraph,
# its pinned English spaCy pipeline and every optional feature. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
# The spaCy pipeline is pinned by version and sha256 in pyproject.toml.
.venv/bin/python -m pip install --quiet -e ".[all,test]"

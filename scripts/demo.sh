#!/usr/bin/env bash
# The main job on the sample articles this project ships: set up, analyse one article,
# then analyse them all and print the reports.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export OMP_NUM_THREADS=1
for article in samples/articles/*.txt; do
  .venv/bin/newsgraph analyze "$article" --title "$(basename "$article" .txt)"
done

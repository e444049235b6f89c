#!/usr/bin/env bash
# The main job on the sample articles this project ships: set up, analyse each article
# and print its report, then ingest them all into the default store (newsgraph.sqlite,
# which every query command opens when no --db is given) and ask the corpus who the
# actors are, who said what and who did what to whom.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export OMP_NUM_THREADS=1
newsgraph=.venv/bin/newsgraph
for article in samples/articles/*.txt; do
  "$newsgraph" analyze "$article" --title "$(basename "$article" .txt)"
done

db=newsgraph.sqlite
rm -f "$db" "$db-wal" "$db-shm"
"$newsgraph" ingest samples/articles
"$newsgraph" actors --limit 15
"$newsgraph" quotes --limit 10
"$newsgraph" events --limit 10
"$newsgraph" contested
echo
echo "The store is $db, where every newsgraph command looks by default. Put newsgraph on your PATH"
echo "with  source .venv/bin/activate  then try the README's examples, or browse the store with"
echo "  newsgraph serve    (http://127.0.0.1:8000; the API's docs at /docs)"

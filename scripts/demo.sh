#!/usr/bin/env bash
# The main job on the sample articles this project ships: set up, analyse each article
# and print its report, then ingest them all into a SQLite store (demo.sqlite) and ask the
# corpus who the actors are, who said what and who did what to whom.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export OMP_NUM_THREADS=1
newsgraph=.venv/bin/newsgraph
for article in samples/articles/*.txt; do
  "$newsgraph" analyze "$article" --title "$(basename "$article" .txt)"
done

db=demo.sqlite
rm -f "$db" "$db-wal" "$db-shm"
"$newsgraph" ingest samples/articles --db "$db"
"$newsgraph" actors --db "$db" --limit 15
"$newsgraph" quotes --db "$db" --limit 10
"$newsgraph" events --db "$db" --limit 10
"$newsgraph" contested --db "$db"
echo
echo "The store is $db: browse it with  $newsgraph serve --db $db  (http://127.0.0.1:8000)"

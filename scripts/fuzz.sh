#!/usr/bin/env bash
# The fuzzing suite at length: every property of tests/fuzz (every reader, `analyze`) on
# many random examples instead of the suite's few fixed ones. A failure prints the
# smallest input that shows it, and is kept in .hypothesis/ to be tried first next time.
#
#   bash scripts/fuzz.sh                               # 3000 examples per property
#   NEWSGRAPH_FUZZ_EXAMPLES=20000 bash scripts/fuzz.sh -k readers
#
# Arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
export OMP_NUM_THREADS=1 NEWSGRAPH_FUZZ=long
python=${PYTHON:-.venv/bin/python}
exec "$python" -m pytest tests/fuzz -q -p no:cacheprovider "$@"

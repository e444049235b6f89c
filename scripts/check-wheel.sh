#!/usr/bin/env bash
# CI check of the package as users get it: build the wheel, install it with
# `pip install dist/*.whl` in a fresh virtual environment (no extras), then run
# `newsgraph analyze` on a sample article, ingest the samples and ask `newsgraph serve`
# for its API, its docs and the web app on a loopback port. Leaves nothing behind.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
work=$(mktemp -d)
server=
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
here=$(pwd)
"$PYTHON" -m venv "$work/build"
"$work/build/bin/python" -m pip install --quiet build
"$work/build/bin/python" -m build --wheel --outdir "$work/dist" . >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
"$PYTHON" -m venv "$work/venv"
cd "$work"  # away from the source tree: only the installed wheel can be imported
unset PYTHONPATH
export OMP_NUM_THREADS=1
venv/bin/python -m pip install --quiet dist/*.whl
newsgraph=$work/venv/bin/newsgraph
test "$(venv/bin/python -c 'import newsgraph, os; print(os.path.dirname(newsgraph.__file__).startswith(os.path.realpath("venv")) or os.path.dirname(newsgraph.__file__).startswith("'"$work"'/venv"))')" = True
"$newsgraph" analyze "$here/samples/articles/01-islamabad-kabul-border-talks.txt" --format json >analysis.json
venv/bin/python -c 'import json, sys; a = json.load(open("analysis.json")); assert a["schema"] == "newsgraph/1" and a["actors"], "no actors"'
"$newsgraph" ingest "$here/samples/articles" --db store.sqlite --quiet >/dev/null
port=$(venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$newsgraph" serve --db store.sqlite --port "$port" --log-level warning 2>serve.log &
server=$!
venv/bin/python - "$port" <<'PY'
import json, sys, time, urllib.request

base = f"http://127.0.0.1:{sys.argv[1]}"
for _ in range(300):
    try:
        urllib.request.urlopen(base + "/api", timeout=2)
        break
    except OSError:
        time.sleep(0.2)
info = json.load(urllib.request.urlopen(base + "/api", timeout=10))
assert info["stats"]["documents"] == 5, info
assert json.load(urllib.request.urlopen(base + "/api/actors?limit=3", timeout=10))["items"]
assert "/api/actors" in json.load(urllib.request.urlopen(base + "/openapi.json", timeout=10))["paths"]
for path in ("/", "/docs"):
    page = urllib.request.urlopen(base + path, timeout=10).read().decode()
    assert "<html" in page.lower(), path
print(f"check-wheel: the wheel installs and serves ({info['stats']['documents']} documents)")
PY

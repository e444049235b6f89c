"""Every command block of the README, run as written, in order, from a folder laid out as
a fresh clone after the set-up (the samples, newsgraph on PATH as `source
.venv/bin/activate` puts it). Blocks marked `<!-- readme-test: skip (why) -->` (the set-up
commands themselves, outside servers, the user's own files) are left out. A query that
finds nothing fails the test: the examples must match the shipped samples. `newsgraph
serve` is started on a free loopback port ($NEWSGRAPH_PORT), asked for its API and docs,
and stopped."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FENCE = re.compile(r"(?P<mark><!-- readme-test: skip \((?P<why>[^)]*)\) -->\n)?```(?P<lang>bash|python)\n(?P<body>.*?)```",
                   re.S)
# what a command prints when it found nothing: no README example may end so
NOTHING = re.compile(r"^(0 (quotes|events|contested claims)\b|No contested claims found"
                     r"|(Articles|Quotes) matching .*: 0\s*$|Top 0 actors)", re.M)


def blocks() -> list[tuple[str, str, str | None]]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return [(match["lang"], match["body"], match["why"]) for match in FENCE.finditer(text)]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def commands(body: str) -> list[str]:
    return [line for line in body.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def test_the_readme_has_blocks_to_run_and_marks_the_others():
    found = blocks()
    run = [body for _lang, body, why in found if why is None]
    assert len(run) >= 4 and any("newsgraph serve" in body for body in run)
    assert all(why.strip() for _lang, _body, why in found if why is not None)
    for _lang, body, why in found:
        if why is None:  # a block that runs may reach this machine only
            for address in re.findall(r"(?:postgresql|tcp|https?)://([^/\s:]+)", body):
                assert address in ("127.0.0.1", "localhost"), address


@pytest.mark.slow
def test_every_readme_command_block_runs_as_written(tmp_path):
    shutil.copytree(REPO / "samples", tmp_path / "samples")
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"  # as `source .venv/bin/activate`
    env.pop("NEWSGRAPH_DB", None)
    env["OMP_NUM_THREADS"] = "1"
    env["NEWSGRAPH_PORT"] = str(free_port())
    ran = 0
    for lang, body, why in blocks():
        if why is not None:
            continue
        if lang == "python":
            result = subprocess.run([sys.executable, "-c", body], cwd=tmp_path, env=env, capture_output=True, text=True,
                                    timeout=300)
            assert result.returncode == 0, f"README python block failed:\n{body}\n{result.stderr[-3000:]}"
            assert result.stdout.strip(), f"README python block printed nothing:\n{body}"
            ran += 1
            continue
        for line in commands(body):
            if line.startswith("newsgraph serve"):
                check_serve(line, tmp_path, env)
            else:
                result = subprocess.run(["bash", "-o", "pipefail", "-c", line], cwd=tmp_path, env=env,
                                        capture_output=True, text=True, timeout=300)
                assert result.returncode == 0, f"README command failed: {line}\n{result.stderr[-3000:]}"
                assert not NOTHING.search(result.stdout), f"README command found nothing: {line}\n{result.stdout[:2000]}"
            ran += 1
    assert ran >= 15
    assert (tmp_path / "newsgraph.sqlite").exists()  # the default store, found by every query command
    assert json.loads((tmp_path / "analysis.json").read_text(encoding="utf-8"))["schema"] == "newsgraph/1"


def check_serve(line: str, folder: Path, env: dict[str, str]) -> None:
    server = subprocess.Popen(["bash", "-c", f"exec {line}"], cwd=folder, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True, start_new_session=True)
    base = f"http://127.0.0.1:{env['NEWSGRAPH_PORT']}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                info = json.load(urllib.request.urlopen(base + "/api", timeout=5))
                break
            except OSError:
                assert server.poll() is None, f"{line} stopped: {server.stderr.read()[-2000:]}"
                assert time.monotonic() < deadline, f"{line} did not answer in 60 s"
                time.sleep(0.3)
        assert info["stats"]["documents"] == 5
        for path in ("/", "/docs"):
            assert urllib.request.urlopen(base + path, timeout=10).status == 200
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()

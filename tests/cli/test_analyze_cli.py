"""`newsgraph analyze` end to end, through the real console script, and its bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ARTICLE = (
    "KABUL – Afghanistan's acting foreign minister, Amir Khan Muttaqi, met the Chinese "
    "ambassador on Sunday. Muttaqi said the Taliban government wanted more investment. "
    "The ambassador said Beijing would keep supporting reconstruction.\n"
)


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "newsgraph", *args], input=stdin, capture_output=True, timeout=300
    )


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_json_output_follows_the_schema(article):
    jsonschema = pytest.importorskip("jsonschema")
    result = run_cli("analyze", str(article), "--format", "json", "--date", "2024-02-01")
    assert result.returncode == 0, result.stderr.decode()
    data = json.loads(result.stdout)
    schema_path = Path(__file__).resolve().parents[2] / "src" / "newsgraph" / "schema" / "newsgraph-1.schema.json"
    jsonschema.validate(data, json.loads(schema_path.read_text()))
    assert data["schema"] == "newsgraph/1"
    assert data["document"]["date"] == "2024-02-01"
    names = {actor["name"] for actor in data["actors"]}
    assert {"Amir Khan Muttaqi", "Taliban"} <= names
    for actor in data["actors"]:
        for mention in actor["mentions"]:
            assert ARTICLE[mention["start"] : mention["end"]] == mention["text"]


def test_text_report_lists_actors(article):
    result = run_cli("analyze", str(article))
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode()
    assert "Actors" in out and "Amir Khan Muttaqi" in out


def test_standard_input(article):
    result = run_cli("analyze", "-", "--format", "json", stdin=ARTICLE.encode())
    assert result.returncode == 0
    assert json.loads(result.stdout)["actors"]


def one_line_error(result: subprocess.CompletedProcess, *fragments: str) -> str:
    assert result.returncode != 0
    err = result.stderr.decode().strip()
    assert "Traceback" not in err
    assert len(err.splitlines()) == 1, err
    for fragment in fragments:
        assert fragment in err, err
    return err


@pytest.mark.parametrize(
    ("content", "fragments"),
    [
        (b"", ["empty"]),
        (b"   \n\n  ", ["empty"]),
        (b"\x00\x01\x02binary\x00\x00" * 200, ["binary"]),
        (b"%PDF-1.7\n...", ["PDF"]),
        ("Caf\u00e9 au lait in Kabul".encode("cp1252"), ["not UTF-8", "--encoding"]),
    ],
    ids=["empty", "blank", "binary", "pdf", "cp1252"],
)
def test_bad_files_give_one_line_errors(tmp_path, content, fragments):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    err = one_line_error(run_cli("analyze", str(path)), *fragments)
    assert str(path) in err


def test_wrong_encoding_can_be_named(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Pakistan\u2019s foreign office said so.".encode("cp1252"))
    result = run_cli("analyze", str(path), "--encoding", "cp1252", "--format", "json")
    assert result.returncode == 0, result.stderr.decode()


def test_missing_file_and_folder(tmp_path):
    one_line_error(run_cli("analyze", str(tmp_path / "nope.txt")), "no such file")
    one_line_error(run_cli("analyze", str(tmp_path)), "folder")


def test_five_megabytes_of_text_is_refused_clearly(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text(("Pakistan and Afghanistan held talks. " * 140_000)[:5_000_000], encoding="utf-8")
    one_line_error(run_cli("analyze", str(path)), "5,000,000 characters", "--max-chars")


def test_text_with_no_sentence_gives_an_empty_analysis(tmp_path):
    path = tmp_path / "nothing.txt"
    path.write_text("1234 5678 !!! ??? ---\n%%%% 42", encoding="utf-8")
    result = run_cli("analyze", str(path), "--format", "json")
    assert result.returncode == 0, result.stderr.decode()
    data = json.loads(result.stdout)
    assert data["actors"] == [] and data["quotes"] == [] and data["events"] == []


def test_missing_model_names_the_install_command(article):
    err = one_line_error(run_cli("analyze", str(article), "--model", "en_core_web_nonexistent"), "en_core_web_nonexistent")
    assert "python -m spacy download" in err


def test_bad_date(article):
    one_line_error(run_cli("analyze", str(article), "--date", "yesterday"), "YYYY-MM-DD")

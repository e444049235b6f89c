"""`newsgraph kb ...` end to end, through the real command line."""

from __future__ import annotations

import json

from click.testing import CliRunner

from newsgraph.cli import cli, main


def run(*args):
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result


def test_import_then_show_search_and_list(fixtures, tmp_path):
    folder = tmp_path / "kb"
    result = run("kb", "import", str(fixtures / "un_list.xml"), "--format", "un", "--into", str(folder))
    assert result.exit_code == 0, result.output
    assert "wrote 4 records" in result.output and "weak names" in result.output

    shown = run("kb", "show", "Orwandi Qasimzada", "--kb", str(folder), "--json")
    data = json.loads(shown.output)
    assert [d["id"] for d in data] == ["un-tai-901"] and data[0]["file"].endswith("un-sanctions.jsonl")

    by_weak = run("kb", "show", "Abu Zarif", "--kb", str(folder))
    assert by_weak.exit_code == 0 and "un-tai-901" in by_weak.output and "weak aliases" in by_weak.output

    found = json.loads(run("kb", "search", "lantern", "--kb", str(folder), "--json").output)
    assert "un-qde-903" in {r["id"] for r in found}

    files = json.loads(run("kb", "list-files", "--kb", str(folder), "--json").output)
    assert any(f["file"].endswith("un-sanctions.jsonl") and f["actors"] == 4 for f in files)


def test_show_gives_roles_in_force_on_a_date(fixtures):
    result = run("kb", "show", "farida-nasseri", "--kb", str(fixtures / "people.yaml"), "--date", "2020-01-01")
    assert result.exit_code == 0
    line = next(line for line in result.output.splitlines() if "foreign minister of Pakistan" in line)
    assert "in force" in line
    data = json.loads(run("kb", "show", "Farida Nasseri", "--kb", str(fixtures / "people.yaml"), "--json",
                          "--date", "2016-01-01").output)
    assert data[0]["on_date"]["roles"] == ["deputy interior minister of Pakistan"]


def test_show_unknown_name_is_one_line_error(capsys):
    assert main(["kb", "show", "Nobody Of This Name Anywhere"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("newsgraph: error: no actor named") and "\n" not in err


def test_validate_exit_status(tmp_path, fixtures):
    good = run("kb", "validate", "--kb", str(fixtures / "people.yaml"), "--json")
    assert good.exit_code == 0 and json.loads(good.output)["errors"] == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text("- id: x\n  name: X\n  type: person\n  part_of: [nowhere]\n", encoding="utf-8")
    result = run("kb", "validate", "--kb", str(bad))
    assert result.exit_code == 1 and "unknown id" in result.output


def test_import_errors_are_one_line(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("name,nickname\nX,Y\n", encoding="utf-8")
    assert main(["kb", "import", str(bad), "--format", "csv", "--into", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err.strip()
    assert "unknown column 'nickname'" in err and "\n" not in err


def test_stats(fixtures):
    data = json.loads(run("kb", "stats", "--kb", str(fixtures / "people.yaml"), "--json").output)
    assert data["actors"] > 500 and data["types"]["person"] > 0
    assert data["load_seconds"]["cached"] >= 0

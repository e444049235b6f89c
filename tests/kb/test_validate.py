"""`kb validate` on a small knowledge base with one problem of each kind."""

from __future__ import annotations

from newsgraph.kb.base import default_kb_paths
from newsgraph.kb.loader import SHIPPED_DIR, kb_files
from newsgraph.kb.validate import validate_files

BAD = """
- id: anna-berg
  name: Anna Berg
  type: person
- id: anna-berg
  name: Anna Berg-Holm
  type: person
- id: lars-holm
  name: Lars Holm
  type: person
  roles:
    - {title: mayor of Vesterby, from: 2010-01-01, to: 2016-01-01}
    - {title: mayor of Vesterby, from: 2015-06-01, to: 2020-01-01}
    - {title: senator, from: 2020-01-01}
- id: vesterby-party
  name: Vesterby Party
  type: organization
  part_of: [no-such-actor]
- id: vesterby-league
  name: Vesterby League
  type: organization
  aliases: [Vesterby Party]
- id: Bad_Id
  name: Someone
  type: person
  codes:
    - {sector: GOV, type: spaceship}
"""


def test_validate_finds_each_problem(tmp_path):
    (tmp_path / "bad.yaml").write_text(BAD, encoding="utf-8")
    (tmp_path / "broken.yaml").write_text("- id: x\n  name: X\n  type: person\n  country: Pakistan\n", encoding="utf-8")
    report = validate_files(kb_files([tmp_path]))
    counts = report.counts()
    assert counts["error"] == {
        "unreadable file": 1, "duplicate id": 1, "unknown id": 1, "overlapping roles": 1,
        "malformed id": 1, "malformed value": 1,
    }
    assert counts["warning"] == {"same name, same type": 1}
    assert any("country 'Pakistan'" in issue.message for issue in report.errors)
    assert report.records == 5


def test_the_shipped_knowledge_base_has_no_errors():
    report = validate_files(kb_files([SHIPPED_DIR]))
    assert report.records > 500
    assert report.errors == [], [issue.message for issue in report.errors[:5]]


def test_default_paths_include_the_user_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSGRAPH_HOME", str(tmp_path))
    assert default_kb_paths()[:2] == [SHIPPED_DIR, tmp_path / "kb"]

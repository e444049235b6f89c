"""The importers on the real lists in ../shared/data (skipped when they are absent):
counts within the expected ranges, known actors present, shipped actors enriched."""

from __future__ import annotations

import pytest
from kb_helpers import read_jsonl

from newsgraph.kb.importers import import_files

pytestmark = [pytest.mark.data, pytest.mark.slow]


def _need(path):
    if not path.exists():
        pytest.skip(f"{path} is absent: the third-party lists are not available here")
    return path


def test_phoenix_dictionaries(shared_data, tmp_path):
    folder = _need(shared_data / "dictionaries" / "petrarch2")
    files = [_need(folder / f"Phoenix.{name}.actors.txt") for name in ("Countries", "International", "MilNonState")]
    report = import_files(files, "phoenix", into=tmp_path)
    assert 20_000 <= report.records <= 32_000
    assert 15_000 <= report.types["person"] <= 25_000 and report.types["armed_group"] >= 500
    assert 300 <= report.overlays <= 900
    countries = read_jsonl(tmp_path / "phoenix-countries.jsonl")
    armed = read_jsonl(tmp_path / "phoenix-milnonstate.jsonl")
    assert countries["hamid-karzai"]["overlay"] is True  # a shipped person: enriched, not doubled
    assert "Karzai" in countries["hamid-karzai"]["weak_aliases"]
    assert countries["afghanistan"]["overlay"] is True
    assert "Kabul" not in countries["afghanistan"].get("aliases", [])  # cities coded as the state are not names
    assert armed["taliban"]["overlay"] is True
    assert not any(r["name"] == "Taliban" for rid, r in armed.items() if rid != "taliban")
    najibullah = next(r for r in countries.values() if r["name"] == "Mohammad Najibullah")
    assert najibullah["type"] == "person" and najibullah["country"] == "AFG"
    assert any(role["sector"] == "GOV" for role in najibullah["roles"])
    weak_share = report.names["weak"] / (report.names["strong"] + report.names["weak"])
    assert weak_share < 0.1


def test_ofac_sdn(shared_data, tmp_path):
    folder = _need(shared_data / "kb" / "ofac")
    report = import_files([folder], "ofac", into=tmp_path)
    assert 8_000 <= report.records <= 9_000
    assert report.skipped["vessel (not an actor)"] >= 300 and report.skipped["aircraft (not an actor)"] >= 200
    assert 4_000 <= report.types["person"] <= 5_000 and report.types["armed_group"] >= 50
    records = read_jsonl(tmp_path / "ofac-sdn.jsonl")
    for shipped_id in ("taliban", "tehreek-e-taliban-pakistan", "lashkar-e-taiba", "hamas", "hezbollah"):
        assert records[shipped_id]["overlay"] is True
    assert "[FTO]" in records["lashkar-e-taiba"]["source"]
    assert report.drop_reasons and report.weak_reasons["borne by several imported actors"] > 100


def test_un_consolidated_list(shared_data, tmp_path):
    path = _need(shared_data / "kb" / "un" / "consolidated_2018-10-29.xml")
    report = import_files([path], "un", into=tmp_path)
    assert report.entries == 1093
    assert 1_000 <= report.records <= 1_100
    records = read_jsonl(tmp_path / "un-sanctions.jsonl")
    assert records["tehreek-e-taliban-pakistan"]["overlay"] is True
    assert records["abdul-ghani-baradar"]["overlay"] is True
    person = records["un-tai-155"]  # a Taliban-list individual
    assert person["type"] == "person" and person["name"].startswith("Abdul Aziz")
    assert report.weak_reasons["marked weak by the list (or a name with its honorific)"] > 200  # QUALITY "Low"

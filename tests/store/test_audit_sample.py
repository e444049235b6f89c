"""scripts/audit_sample.py: a seeded sample of a store's events for a precision audit."""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

from corpus_helpers import add, army_analysis, denial_analysis, talks_analysis

from newsgraph.store import Store

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "audit_sample.py"


def load_script():
    spec = importlib.util.spec_from_file_location("audit_sample", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def test_sample_is_reproducible_and_offsets_give_the_evidence(tmp_path):
    db = tmp_path / "store.sqlite"
    store = Store.open(f"sqlite:///{db}")
    analyses = [army_analysis(), denial_analysis(), talks_analysis()]
    for analysis in analyses:
        add(store, analysis)
    store.close()
    script = load_script()
    first, second, other = tmp_path / "a.tsv", tmp_path / "b.tsv", tmp_path / "c.tsv"
    assert script.main(["events", "--db", str(db), "--n", "4", "--seed", "1", "-o", str(first)]) == 0
    script.main(["events", "--db", str(db), "--n", "4", "--seed", "1", "-o", str(second)])
    script.main(["events", "--db", str(db), "--n", "7", "--seed", "2", "-o", str(other)])
    rows = read(first)
    assert rows == read(second) and len(rows) == 4
    assert len({(row["document_id"], row["ordinal"]) for row in read(other)}) == 7  # all of them, no repeats
    events = {(a.document.id, i): (a.text, e) for a in analyses for i, e in enumerate(a.events)}
    for row in rows:
        text, event = events[(row["document_id"], int(row["ordinal"]))]
        assert row["evidence"] == event.evidence.text
        assert event.evidence.text in row["sentence"] and row["sentence"] in " ".join(text.split())
        assert row["verdict"] == "" and row["why"] == ""
    raid = next(row for row in read(other) if row["evidence"] == "its troops raided hideouts of the TTP")
    assert (raid["type"], raid["sources"], raid["targets"]) == ("ASSAULT", "Pakistan", "Tehreek-e-Taliban Pakistan")
    assert raid["sentence"].startswith("The Pakistani army said on Monday") and raid["sentence"].endswith("Chaman.")


def test_places_samples_only_located_events(tmp_path):
    db = tmp_path / "store.sqlite"
    store = Store.open(f"sqlite:///{db}")
    for analysis in (army_analysis(), talks_analysis()):
        add(store, analysis)
    store.close()
    out = tmp_path / "places.tsv"
    load_script().main(["places", "--db", str(db), "--n", "10", "-o", str(out)])
    [row] = read(out)
    assert (row["location_name"], row["country"], row["evidence"]) == ("Islamabad", "PAK", "held talks in Islamabad")
    assert float(row["lat"]) == 33.72

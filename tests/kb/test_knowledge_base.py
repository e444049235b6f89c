"""Overlays (imported names merged into a shipped actor), weak aliases (kept, never
matched), the on-disk cache, and imported actors in articles."""

from __future__ import annotations

import datetime as dt

import pytest

from newsgraph.kb.base import KnowledgeBase, load_knowledge_base
from newsgraph.kb.importers import import_files
from newsgraph.kb.loader import ImportedRecord, record_from_dict, record_to_dict
from newsgraph.kb.records import ActorRecord, Period, Role


def base_record():
    return ActorRecord(
        id="lantern-front", name="Lantern Front", type="armed_group", country="AFG", sector="REB",
        aliases=("Jabha-e-Chiragh",), roles=(Role("armed opposition", "AFG", "REB", Period(dt.date(2010, 1, 1))),),
        source="curated", origin="shipped.yaml",
    )


def test_an_overlay_adds_names_and_keeps_curated_facts():
    overlay = ImportedRecord(
        id="lantern-front", name="Lantern Front", type="organization", country="PAK", sector="GOV",
        aliases=("Lantern Brigades", "Jabha e Chiragh"), acronyms=("LF",), weak_aliases=("The Lanterns",),
        roles=(Role("imported role"),), part_of=("taliban",), source="imported", overlay=True, origin="import.jsonl",
    )
    kb = KnowledgeBase([overlay, base_record()])  # order does not matter
    merged = kb.records["lantern-front"]
    assert (merged.type, merged.country, merged.sector, merged.source) == ("armed_group", "AFG", "REB", "curated")
    assert merged.aliases == ("Jabha-e-Chiragh", "Lantern Brigades")  # the hyphen variant is the same name
    assert merged.acronyms == ("LF",) and merged.part_of == ("taliban",)
    assert [r.title for r in merged.roles] == ["armed opposition"]  # curated roles win
    assert merged.origin == "shipped.yaml" and kb.overlays["lantern-front"] == [overlay]
    assert not kb.duplicates and not kb.orphan_overlays
    assert {e.actor_id for e in kb.matcher.lookup("Lantern Brigades")} == {"lantern-front"}


def test_an_overlay_of_an_unknown_id_stands_on_its_own():
    overlay = ImportedRecord(id="nobody-here", name="Nobody Here", type="person", overlay=True)
    kb = KnowledgeBase([overlay])
    assert kb.records["nobody-here"].name == "Nobody Here" and kb.orphan_overlays == [overlay]


def test_weak_aliases_are_never_matched_but_can_be_looked_up():
    record = ImportedRecord(id="ofac-1", name="Abu Zarif", type="person", aliases=("Orvandi Qasemzada",),
                            weak_aliases=("Abu Zarif", "Zarif"))
    kb = KnowledgeBase([record])
    assert kb.matcher.lookup("Abu Zarif") == [] and kb.matcher.lookup("Zarif") == []
    assert [e.actor_id for e in kb.matcher.lookup("Orvandi Qasemzada")] == ["ofac-1"]
    assert kb.lookup("Zarif") == [] and [r.id for r in kb.lookup("Zarif", weak=True)] == ["ofac-1"]
    assert [r.id for r in kb.search("zarif")] == ["ofac-1"]


def test_file_form_round_trip_of_weak_aliases_and_overlays():
    raw = {"id": "x", "name": "X Y", "type": "person", "weak_aliases": ["Y"], "overlay": True}
    record = record_from_dict(raw)
    assert isinstance(record, ImportedRecord) and record.weak_aliases == ("Y",) and record.overlay
    assert record_to_dict(record) == raw
    with pytest.raises(ValueError, match="overlay must be true or false"):
        record_from_dict({"id": "x", "name": "X", "type": "person", "overlay": "yes"})


def test_the_cache_is_used_and_follows_the_files(tmp_path, fixtures):
    folder = tmp_path / "kb"
    import_files([fixtures / "users.csv"], "csv", into=folder)
    first = load_knowledge_base([folder], include_user=False)
    assert "samira-tolani" in first
    again = load_knowledge_base([folder], include_user=False)
    assert again is first  # in-process cache
    from newsgraph.kb import base

    base._load.cache_clear()
    from_disk = load_knowledge_base([folder], include_user=False)
    assert from_disk.records.keys() == first.records.keys()
    (folder / "user-users.jsonl").write_text(
        '{"id": "someone-else", "name": "Someone Else", "type": "person"}\n', encoding="utf-8")
    changed = load_knowledge_base([folder], include_user=False)
    assert "someone-else" in changed and "samira-tolani" not in changed


@pytest.fixture(scope="module")
def imported_analyzer(fixtures, tmp_path_factory):
    from newsgraph.pipeline import Analyzer

    folder = tmp_path_factory.mktemp("imported")
    import_files([fixtures / "ofac_sdn.csv", fixtures / "ofac_alt.csv", fixtures / "ofac_fto.csv"], "ofac", into=folder)
    return Analyzer(kb_paths=[str(folder)])


def test_imported_actors_are_found_in_articles_and_weak_names_are_not(imported_analyzer):
    text = ("Orvandi Qasemzada was seen in the valley, officials said. The Northern Lantern Brigades "
            "denied it. Abu Zarif was not available for comment. The base was quiet.")
    analysis = imported_analyzer.analyze(text, date="2020-01-01")
    ids = {a.id for a in analysis.actors}
    assert "ofac-9001" in ids and "ofac-9002" in ids
    mentions = {m.text for a in analysis.actors if a.id == "ofac-9001" for m in a.mentions}
    assert "Abu Zarif" not in mentions  # a weak alias: never matched
    assert not any(a.kb_id == "ofac-9002" and any(m.text == "The base" for m in a.mentions) for a in analysis.actors)


def test_longest_match_extends_word_by_word():
    from newsgraph.kb.base import NameEntry, NameMatcher

    matcher = NameMatcher()
    for name, actor in (("Islamic State", "is"), ("Islamic State Khorasan Province", "iskp"), ("Islamic", "x")):
        matcher.add(name, NameEntry(actor, "name", False))
    words = "the islamic state khorasan province said".split()
    assert [e.actor_id for e in matcher.longest_match(words, 1)[1]] == ["iskp"]
    assert matcher.longest_match(words, 1)[0] == 4
    partial = "islamic state khorasan branch".split()  # a prefix that goes nowhere: the shorter name
    assert matcher.longest_match(partial, 0)[0] == 2
    assert matcher.longest_match(["islamic"], 0)[0] == 1
    assert matcher.longest_match(words, 0) is None

    class FilledDirectly(NameMatcher):  # a subclass that fills `entries` itself (as the gazetteer does)
        def put(self, words):
            self.entries[words] = ["place"]
            self.longest[words[0]] = max(self.longest.get(words[0], 0), len(words))

    other = FilledDirectly()
    other.put(("dera", "ismail", "khan"))
    assert other.longest_match(["in", "dera", "ismail", "khan"], 1) == (3, ["place"])

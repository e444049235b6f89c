"""The event scorer (FORMAT.md), the PLOVER and CAMEO scorers and the held-out split."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.errors import InputError
from newsgraph.evaluate.actors import align_actors
from newsgraph.evaluate.cameo import load_cameo, predicted_class, score_cameo
from newsgraph.evaluate.events import held_out, score_events
from newsgraph.evaluate.gold import GoldActor, GoldFile
from newsgraph.evaluate.plover import load_plover, score_plover
from newsgraph.model import Actor, Analysis, Contested, Document, Event, Mention, Span

TEXT = "Iran and Pakistan held talks. Kabul denied it. Israel attacked Syria, Zarif said."


def gold_actor(actor_id, name):
    return GoldActor(actor_id, name, "state", None, None, [], [name])


def actor(actor_id, name):
    start = TEXT.find(name)
    return Actor(id=actor_id, name=name, type="state", mentions=[Mention(start, start + len(name), name)])


GOLD_ACTORS = [gold_actor(i, n) for i, n in (("ir", "Iran"), ("pk", "Pakistan"), ("af", "Kabul"), ("il", "Israel"), ("sy", "Syria"), ("zf", "Zarif"))]
ACTORS = [actor(i, n) for i, n in (("iran", "Iran"), ("pakistan", "Pakistan"), ("kabul", "Kabul"), ("israel", "Israel"), ("syria", "Syria"), ("zarif", "Zarif"))]


def gold(events, contested=()):
    return GoldFile(Path("x.gold.yaml"), "x", TEXT, None, GOLD_ACTORS, [], list(events), [list(p) for p in contested])


def gold_event(source, target, plover_type, attributed_to=None, evidence=""):
    return {"source": source, "target": target, "type": plover_type, "attributed_to": attributed_to, "evidence": evidence}


def event(source, target, plover_type, quad, attributed_to=None, evidence=""):
    start = TEXT.find(evidence) if evidence else 0
    return Event(source=source, target=target, type=plover_type, mode=None, quad_class=quad, intensity=0.0, cameo=None,
                 goldstein=None, negated=False, modality="asserted", attributed_to=attributed_to,
                 evidence=Span(start, start + len(evidence), evidence))


def score(gold_file, events, contested=()):
    analysis = Analysis(Document("x"), TEXT, actors=ACTORS, events=events, contested=[Contested(p, "r") for p in contested])
    return score_events(gold_file, analysis, align_actors(gold_file, analysis))


def test_symmetric_types_match_either_way_round():
    g = gold([gold_event(["ir"], ["pk"], "CONSULT")])
    assert score(g, [event(["pakistan"], ["iran"], "CONSULT", 1)]).quad.matched == 1
    g = gold([gold_event(["il"], ["sy"], "ASSAULT")])
    assert score(g, [event(["syria"], ["israel"], "ASSAULT", 4)]).quad.matched == 0


def test_quad_class_decides_the_match_and_type_is_reported_apart():
    g = gold([gold_event(["ir"], ["pk"], "CONSULT")])
    s = score(g, [event(["iran"], ["pakistan"], "SUPPORT", 1)])
    assert (s.quad.matched, s.type.matched) == (1, 0)
    assert len(s.wrong_type) == 1
    s = score(g, [event(["iran"], ["pakistan"], "ACCUSE", 3)])
    assert s.quad.matched == 0 and len(s.missed) == 1 and len(s.spurious) == 1


def test_some_source_and_some_target_suffice():
    g = gold([gold_event(["ir", "pk"], ["sy"], "ASSAULT")])
    assert score(g, [event(["pakistan"], ["syria", "israel"], "ASSAULT", 4)]).quad.matched == 1


def test_attribution():
    g = gold([gold_event(["il"], ["sy"], "ASSAULT", attributed_to="zf")])
    right = score(g, [event(["israel"], ["syria"], "ASSAULT", 4, attributed_to="zarif")])
    wrong = score(g, [event(["israel"], ["syria"], "ASSAULT", 4)])
    assert right.attributed.matched == 1 and not right.wrong_attribution
    assert wrong.quad.matched == 1 and wrong.attributed.matched == 0 and len(wrong.wrong_attribution) == 1


def test_a_gold_event_without_target_needs_a_predicted_one_without_target():
    g = gold([gold_event(["af"], [], "REJECT")])
    assert score(g, [event(["kabul"], [], "REJECT", 3)]).quad.matched == 1
    assert score(g, [event(["kabul"], ["iran"], "REJECT", 3)]).quad.matched == 0


def test_matching_is_one_to_one_and_prefers_the_same_type():
    g = gold([gold_event(["ir"], ["pk"], "CONSULT"), gold_event(["ir"], ["pk"], "SUPPORT")])
    s = score(g, [event(["iran"], ["pakistan"], "SUPPORT", 1), event(["iran"], ["pakistan"], "CONSULT", 1)])
    assert s.quad.matched == 2 and s.type.matched == 2 and not s.wrong_type
    s = score(g, [event(["iran"], ["pakistan"], "CONSULT", 1)])
    assert s.quad.matched == 1 and s.quad.gold == 2


def test_contested_pairs_by_alignment_or_by_evidence():
    g = gold([gold_event(["af"], ["ir"], "REJECT", evidence="Kabul denied it"),
              gold_event(["il"], ["sy"], "ASSAULT", attributed_to="zf", evidence="Israel attacked Syria")], contested=[(0, 1)])
    # the denial misses its target but overlaps the gold evidence: it still stands for gold event 0
    events = [event(["kabul"], [], "REJECT", 3, evidence="Kabul denied"), event(["israel"], ["syria"], "ASSAULT", 4, evidence="Israel attacked Syria")]
    s = score(g, events, contested=[(0, 1)])
    assert s.quad.matched == 1 and (s.contested.matched, s.contested.gold, s.contested.predicted) == (1, 1, 1)
    s = score(g, events, contested=[])
    assert s.contested.matched == 0 and s.contested_missed == [(0, 1)]


def test_bad_gold_event_type():
    with pytest.raises(InputError, match="not a PLOVER type"):
        score(gold([gold_event(["ir"], ["pk"], "HUG")]), [])


def test_held_out_split_is_fixed_and_about_a_third():
    keys = [f"sentence {i}" for i in range(3000)]
    share = sum(held_out(k) for k in keys) / len(keys)
    assert 0.3 < share < 0.37
    assert held_out("tt-404692") and held_out("tt-419710") and not held_out("seed-000")


def test_plover_records_and_scores(tmp_path):
    path = tmp_path / "gold.json"
    path.write_text("""[
      {"id": "doc", "event": "DOCUMENT", "eventText": "documentation"},
      {"id": "a", "event": "DEMAND", "text": "Iran urged Pakistan to act.",
       "source": [{"actorText": "Iran"}], "target": [{"actorText": "Pakistan"}]},
      {"id": "b", "event": "FIGHT", "text": "Israel attacked Syria.",
       "source": [{"actorText": "Israel"}], "target": [{"actorText": "Syria"}]}
    ]""", encoding="utf-8")
    records = load_plover(path)
    assert [r.type for r in records] == ["REQUEST", "ASSAULT"]  # v0.5 labels read as PLOVER 2

    def analysis(text, actor_names, events):
        actors = []
        for name in actor_names:
            start = text.find(name)
            actors.append(Actor(id=name.lower(), name=name, type="state", mentions=[Mention(start, start + len(name), name)]))
        return Analysis(Document("x"), text, actors=actors, events=events)

    analyses = [
        analysis(records[0].text, ["Iran", "Pakistan"], [event(["iran"], ["pakistan"], "REQUEST", 3)]),
        analysis(records[1].text, ["Israel", "Syria"], [event(["syria"], ["israel"], "ASSAULT", 4), event(["israel"], ["syria"], "SUPPORT", 1)]),
    ]
    scores = score_plover(records, analyses)
    all_ = scores["all"]
    assert all_.sentences == 2 and all_.with_event == 2
    assert (all_.prf["type"].matched, all_.prf["type"].predicted, all_.prf["type"].gold) == (2, 3, 2)
    assert all_.prf["type+actors"].matched == 1  # the attack is coded the wrong way round
    assert scores["tune"].sentences + scores["held-out"].sentences == 2


def test_plover_bad_file(tmp_path):
    path = tmp_path / "gold.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="not valid JSON"):
        load_plover(path)


def test_cameo_sentences_and_scores(tmp_path):
    path = tmp_path / "class.tsv"
    path.write_text("Iran attacked Iraq.\t4\nIran praised Iraq.\t1\nIt rained.\t0\n", encoding="utf-8")
    sentences = load_cameo(path)
    analyses = [
        Analysis(Document("a"), "", events=[event(["iran"], ["iraq"], "ASSAULT", 4)]),
        Analysis(Document("b"), "", events=[]),
        Analysis(Document("c"), "", events=[event(["iran"], ["iraq"], "ACCUSE", 3)]),
    ]
    assert [predicted_class(a) for a in analyses] == [4, 0, 3]
    all_ = score_cameo(sentences, analyses)["all"]
    assert all_.sentences == 3 and all_.accuracy == pytest.approx(1 / 3)
    assert (all_.detection.matched, all_.detection.predicted, all_.detection.gold) == (1, 2, 2)
    assert all_.per_class(4).f1 == 1.0 and all_.per_class(1).recall == 0.0


def test_cameo_bad_row(tmp_path):
    path = tmp_path / "class.tsv"
    path.write_text("A sentence without a label\n", encoding="utf-8")
    with pytest.raises(InputError, match="class.tsv:1"):
        load_cameo(path)

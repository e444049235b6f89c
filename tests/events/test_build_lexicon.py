"""scripts/build_event_lexicon.py: the CAMEO verb dictionary compiled into lexicon rows,
on a small dictionary of our own in CAMEO's notation."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from newsgraph.extract.event_lexicon import load_event_lexicon

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "build_event_lexicon.py"

DICTIONARY = """# a test dictionary
&BEVERAGE
+TEA
+HOT_COCOA

####### VERB PATTERNS #######

---  SCOLD   [111]  ---
SCOLD
BERATE  [112]
+TELL_OFF
WIRE_+TAP
- * (ABOUT)                                           [112]         # SCOLD
- * (OVER +)                                          [112]         # SCOLD
- * SLOWLY                                            [---]         # SCOLD
- SOLDIERS * (AT CAMP)                                [150]         # SCOLD

---  SERVE   [---]  ---
SERVE
POUR {POURS POURING POURED }
- * &BEVERAGE (TO +)                                  [073]         # SERVE
- * {COLD SOUP} $                                     [042:043]     # POUR
- * LEMONADE                                          [010]         # SERVE
"""

TABLE = """073: AID, humanitarian, # Provide humanitarian aid
042: CONSULT, visit, # Make a visit
111: ACCUSE, disapprove, # Criticize
112: ACCUSE, disapprove, # Accuse
"""

CURATED = [["scold", "ACCUSE", "disapprove", "111", "obj,about", "ours"],
           ["arrest", "COERCE", "arrest", "173", "obj", "ours"],
           ["detain", "COERCE", "arrest", "173", "obj", "ours"],
           ["hold", "COERCE", "arrest", "173", "to", "ours"],
           ["feed", "AID", "-", "070", "dative,obj", "ours"],
           ["meet", "CONSULT", "-", "040", "with,mutual", "ours"],
           ["deny", "REJECT", "-", "120", "obj,bare", "ours"]]


@pytest.fixture(scope="module")
def build():
    spec = importlib.util.spec_from_file_location("build_event_lexicon", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    yield module
    del sys.modules[spec.name]


@pytest.fixture
def compiled(build, tmp_path):
    (tmp_path / "verbs.txt").write_text(DICTIONARY, encoding="utf-8")
    (tmp_path / "table.txt").write_text(TABLE, encoding="utf-8")
    blocks, synsets = build.read_blocks(tmp_path / "verbs.txt")
    rows, stats = build.compile_rows(blocks, synsets, build.read_cameo_to_plover(tmp_path / "table.txt"), CURATED,
                                     frozenset({"berate"}))
    return {row[0]: row for row in rows}, stats


def test_verbs_take_their_own_code_or_their_block_code(compiled):
    rows, _ = compiled
    assert rows["scold"][1:4] == ["ACCUSE", "disapprove", "111"]
    assert "berate" not in rows  # a light verb: no event alone (its patterns stay)
    assert rows["tell off"][1] == "ACCUSE"  # a multi-word verb, its verb first
    assert "serve" not in rows and "pour" not in rows  # a [---] block: no event alone
    assert not any(p.startswith(("wire", "tap")) for p in rows)  # the verb is not its first word


def test_patterns_for_every_verb_of_the_block(compiled):
    rows, _ = compiled
    # a synonym set stands for the head of each of its phrases; (PREP +) names the slot
    for verb in ("serve", "pour"):
        for drink in ("tea", "cocoa"):
            assert rows[f"{verb} {drink} to"][1:5] == ["AID", "humanitarian", "073", "to"]
    # a phrase is its head; a pair of codes is the first; $ is an actor mark
    assert rows["pour soup"][1:4] == ["CONSULT", "visit", "042"]
    # an unmarked recipient takes the slots the curated rows of the type most often take
    assert rows["scold about"][4] == "obj,about"
    assert rows["scold over"][4] == "over"
    assert "BERATE * (ABOUT) [112]" in rows["berate about"][5]  # the provenance


def test_null_codes_exclusions_and_unreadable_patterns(compiled):
    rows, stats = compiled
    assert rows["scold slowly"][1] == "-"  # [---] under a verb that codes an event
    assert "serve lemonade" not in rows  # 010: no PLOVER type
    assert not any("camp" in p for p in rows)  # words before the verb: not readable
    assert stats["unreadable"] == 1


def test_default_slots_are_the_most_common_of_the_type(build):
    # without the readings only a reviewed row gives (no recipient, a joint subject)
    assert build.default_args(CURATED) == {"ACCUSE": "obj,about", "COERCE": "obj", "AID": "dative,obj",
                                           "CONSULT": "with", "REJECT": "obj"}


def test_curated_rows_replace_generated_ones():
    lex = load_event_lexicon()
    # "attack" is curated; the compiled dictionary adds verbs the curated file does not have
    assert all("cameo " not in t.notes for t in lex.verbs["attack"] if t.words == ("attack",))
    assert any(t.words == ("bombard",) and t.type == "ASSAULT" for t in lex.verbs["bombard"])


def test_the_shipped_file_is_what_the_script_builds(build, tmp_path):
    if not build.CAMEO_VERBS.is_file():
        pytest.skip("the shared CAMEO dictionary is not here")
    out = tmp_path / "event_verbs_cameo.tsv"
    with out.open("w", encoding="utf-8") as handle:
        build.build(handle)
    assert out.read_text(encoding="utf-8") == build.GENERATED.read_text(encoding="utf-8")

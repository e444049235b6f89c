import os
import subprocess
import sys

import numpy as np
import pytest

from newsgraph.ingest.fingerprint import (
    BANDS, NEAR_THRESHOLD, NUM_PERM, DuplicateIndex, band_keys, exact_key, fingerprint, minhash, same_numbers,
    signature_bytes, signature_from_bytes, similarity,
)

# Written for these tests: a wire story, and a second, different story on the same topic.
WIRE = """The government and the leaders of the northern tribal council agreed on Saturday to hold a
new round of talks next month, after a week of clashes along the disputed grazing lands left at least
twelve people dead and forced hundreds of families to leave their villages.

The agreement was announced after a six-hour meeting in the provincial capital, which was chaired by
the deputy interior minister and attended by elders from both sides of the dispute. Officials said the
talks would focus on the boundaries of the pastures and on compensation for families who lost homes.

"Nobody gains from this violence. We have asked both sides to withdraw their armed men and to let the
police keep order until the talks begin," the deputy minister told reporters after the meeting.

Residents said the fighting broke out when herders from one village drove their animals onto land that
the neighbouring village had claimed for decades. Local officials said the dispute had been settled
twice before by tribal courts, but the rulings were never put into effect.

The provincial health department said the main hospital in the district had treated more than forty
wounded people since the clashes began, and that two of them were still in a serious condition. Aid
groups have set up tents for the displaced families near the district headquarters and were handing
out food, blankets and drinking water.

Opposition lawmakers criticised the government for reacting too slowly, saying that warnings of rising
tension had been ignored for months. The interior ministry rejected the criticism and said security
forces had been sent to the area as soon as the first clash was reported.

The talks are expected to take place in the second week of next month. Both sides have promised to
observe a ceasefire until then."""

# A syndicated copy: another dateline and footer, one sentence reworded, line breaks changed.
COPY = "PROVINCIAL CAPITAL (Wire Service) - " + WIRE.replace(
    "Officials said the\ntalks would focus on the boundaries of the pastures and on compensation for families who lost homes.",
    "According to officials, the agenda will cover the limits of the pastures as well as payments to displaced families.",
).replace("\n", " ") + "\n\n(Reporting by a staff correspondent; editing by the regional desk)\n\nRead more: Subscribe to our daily briefing."

SAME_TOPIC = """Clashes over grazing land in the north have killed at least twelve people this week, and the
government has promised talks with the tribal council, but residents of the district say they have
heard such promises before.

In the villages closest to the disputed pastures, families packed what they could carry and walked to
the district headquarters, where aid groups have put up tents. Many said they did not expect to return
before the winter.

"Every few years the same fight starts again, and every time they tell us that the elders will solve
it," said a farmer who left his village on Wednesday with his wife and four children.

Tribal courts have ruled on the boundary twice, according to local officials, but neither ruling was
enforced, and the land remains claimed by both villages. Lawyers say the problem is that the courts
have no power to enforce their rulings and the provincial government has avoided taking sides.

The deputy interior minister, who chaired a meeting with the elders on Saturday, said the government
would pay compensation to families whose homes were damaged. Opposition lawmakers said the promise came
too late and accused the government of ignoring warnings for months.

Doctors at the district hospital said they had run short of blood and painkillers while treating the
wounded, and appealed for supplies from the provincial capital."""


# A periodic report written from a template: the next issue differs in its figures only.
REPORT = """The regional grain exchange traded {a} tonnes of wheat on Monday, the exchange said in its
weekly statement, compared with {b} tonnes a week earlier. The average price of wheat was {c} per tonne,
while barley sold at an average of {d} per tonne. Traders said demand from flour mills remained steady and
that buyers from the neighbouring provinces accounted for most of the purchases. The exchange said {e}
contracts were signed during the session and that the next session would be held next Monday. Officials
said the exchange had been set up to give farmers a fair price and to reduce the role of middlemen, and
that more grain would be offered in the coming weeks as the harvest in the southern districts continues.
The statement added that {f} new traders had registered with the exchange since the start of the year.

The exchange publishes its figures every Monday afternoon, after the close of trading, and the
provincial agriculture department uses them to set the guaranteed purchase price that it pays to
farmers who sell their harvest directly to the state silos. Farmers' unions have long asked for the
weekly figures to include the quality grades of the grain, saying that the average price hides large
differences between the wheat grown on irrigated land and the wheat grown on rain-fed fields in the
hills. The exchange has said it is studying the request and may publish the grades from next season,
once the new laboratories at the main silos are working and the inspectors have been trained."""


def test_templated_reports_with_other_figures_are_not_duplicates():
    first = REPORT.format(a="12,400", b="11,950", c="310", d="255", e="86", f="14")
    second = REPORT.format(a="13,100", b="12,400", c="318", d="251", e="92", f="17")
    assert similarity(minhash(first), minhash(second)) >= NEAR_THRESHOLD  # the words alone would match
    index = DuplicateIndex()
    assert index.add("week 1", first) is None
    assert index.add("week 2", second) is None
    # the same issue, syndicated with a dateline that adds a number, is a duplicate
    assert index.add("copy", "GRAIN DESK, 14 May - " + first + " (Staff report)") == "week 1"


def test_same_numbers_allows_a_few_changes():
    assert same_numbers(("12", "2024"), ("12", "14", "2024"))
    assert same_numbers((), ("5", "7"))
    assert not same_numbers(("1", "2", "3"), ("4", "5", "6"))
    many = tuple(str(i) for i in range(40))
    assert same_numbers(many, many[:-4]) and not same_numbers(many, many[:-5] + ("x1", "x2"))


def test_exact_key_ignores_case_spacing_and_punctuation():
    assert exact_key(WIRE) == exact_key("  " + WIRE.upper().replace("\n", " ").replace(",", " ,") + "\n")
    assert exact_key(WIRE) != exact_key(WIRE.replace("twelve", "thirteen"))
    assert exact_key("„Quoted” — text") == exact_key('"quoted" - TEXT')


def test_wire_copy_is_a_near_duplicate():
    assert "According to officials" in COPY and "Officials said the" not in COPY
    score = similarity(minhash(WIRE), minhash(COPY))
    assert NEAR_THRESHOLD <= score < 1.0
    index = DuplicateIndex()
    assert index.add("original", WIRE) is None
    assert index.add("copy", COPY) == "original"
    assert index.find(COPY).kind == "near"


def test_same_topic_different_article_is_not_a_duplicate():
    assert similarity(minhash(WIRE), minhash(SAME_TOPIC)) < 0.2
    index = DuplicateIndex()
    assert index.add("wire", WIRE) is None
    assert index.add("feature", SAME_TOPIC) is None
    assert len(index) == 2


def test_exact_copy_links_to_the_first_copy():
    index = DuplicateIndex()
    assert index.add("a", WIRE) is None
    found = index.find(WIRE.replace("\n", " "))
    assert found.of == "a" and found.kind == "exact" and found.similarity == 1.0
    assert index.add("b", WIRE) == "a"
    assert index.add("c", COPY) == "a"  # linked to the first copy, duplicates are not indexed
    assert len(index) == 1


def test_adding_the_same_document_again_is_not_a_duplicate_of_itself():
    index = DuplicateIndex()
    assert index.add("a", WIRE) is None
    assert index.add("a", WIRE) is None
    assert len(index) == 1


def test_find_does_not_add():
    index = DuplicateIndex()
    assert index.find(WIRE) is None
    assert index.add("a", WIRE) is None


def test_empty_and_very_short_texts():
    index = DuplicateIndex()
    assert index.add("e1", "") is None
    assert index.add("e2", "  \n ") == "e1"  # the same (empty) words
    assert index.add("s1", "Short note.") is None
    assert index.add("s2", "Another short note.") is None


def test_signatures_and_band_keys_fit_a_database():
    signature = minhash(WIRE)
    assert signature.dtype == np.uint32 and signature.shape == (NUM_PERM,)
    keys = band_keys(signature)
    assert len(keys) == BANDS == len(set(keys))
    assert all(isinstance(k, int) and 0 <= k < 2**63 for k in keys)
    assert np.array_equal(signature_from_bytes(signature_bytes(signature)), signature)
    assert fingerprint(COPY).bands == tuple(band_keys(minhash(COPY)))
    # a near duplicate shares at least one band key with its original (that is how it is found)
    assert set(band_keys(minhash(WIRE))) & set(band_keys(minhash(COPY)))


def test_fingerprints_are_the_same_in_another_process():
    """Workers compute fingerprints that the store compares: nothing may depend on the
    process (Python's hash() is salted per process)."""
    code = ("import sys; from newsgraph.ingest.fingerprint import minhash, exact_key, band_keys; "
            "t = sys.stdin.read(); s = minhash(t); print(exact_key(t), band_keys(s)[0], int(s.sum()))")
    env = dict(os.environ, PYTHONHASHSEED="12345")
    out = subprocess.run([sys.executable, "-c", code], input=WIRE, capture_output=True, text=True, env=env, check=True)
    signature = minhash(WIRE)
    assert out.stdout.split() == [exact_key(WIRE), str(band_keys(signature)[0]), str(int(signature.sum()))]


def test_similarity_refuses_signatures_of_different_lengths():
    with pytest.raises(ValueError):
        similarity(minhash(WIRE), minhash(WIRE)[:64])


def test_threshold_is_checked():
    with pytest.raises(ValueError):
        DuplicateIndex(threshold=0)

"""Analyses built by hand for the store tests (texts written for these tests), and
small input corpora for the ingest tests."""

from __future__ import annotations

import json
from pathlib import Path

from newsgraph.model import Actor, Analysis, Contested, Document, Event, Mention, Quote, Span
from newsgraph.store.rows import analysis_rows


def span(text: str, phrase: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return Span(start, start + len(phrase), phrase)


def mention(text: str, phrase: str, kind: str = "name", nth: int = 0) -> Mention:
    found = span(text, phrase, nth)
    return Mention(found.start, found.end, found.text, kind)


ARMY_TEXT = (
    "The Pakistani army said on Monday that its troops raided hideouts of the TTP near the border town of Chaman. "
    "\"The operation will go on until the last militant is gone,\" army spokesman Ahmed Sharif said. "
    "Kabul condemned the raid on Afghan soil."
)
DENIAL_TEXT = (
    "The TTP on Tuesday denied that Pakistani troops had raided any of its hideouts near Chaman. "
    "\"No soldier came near our positions,\" a TTP spokesman told reporters, calling the army's claim propaganda."
)
TALKS_TEXT = (
    "Pakistan and Afghanistan held talks in Islamabad on trade across the Torkham crossing. "
    "Ahmed Sharif, now a senior adviser, said both sides agreed to reopen the crossing."
)


def army_analysis(doc_id: str = "army-raid", date: str = "2024-03-04") -> Analysis:
    text = ARMY_TEXT
    pakistan = Actor("pakistan", "Pakistan", "state", "PAK", "GOV", roles=[], aliases=["Pakistani army"],
                     mentions=[mention(text, "Pakistani army", "description"), mention(text, "army", "description", nth=1)], kb_id="pakistan")
    ttp = Actor("ttp", "Tehreek-e-Taliban Pakistan", "armed_group", "PAK", "REB", aliases=["TTP"],
                mentions=[mention(text, "TTP", "acronym")], kb_id="ttp")
    sharif = Actor("ahmed-sharif", "Ahmed Sharif", "person", "PAK", "MIL", roles=["army spokesman"],
                   mentions=[mention(text, "Ahmed Sharif")])
    afghanistan = Actor("afghanistan", "Afghanistan", "location", "AFG", None,
                        mentions=[mention(text, "Kabul", "metonym"), mention(text, "Afghan", "demonym")], kb_id="afghanistan")
    quote = Quote(speaker="ahmed-sharif", speaker_mention=span(text, "Ahmed Sharif"), cue=span(text, "said", 1), kind="direct",
                  text="The operation will go on until the last militant is gone,",
                  start=text.index("The operation"), end=text.index("gone,") + 5)
    raid = Event(["pakistan"], ["ttp"], "ASSAULT", None, 4, -9.0, "190", -10.0, False, "asserted", "pakistan",
                 span(text, "its troops raided hideouts of the TTP"))
    condemn = Event(["afghanistan"], ["pakistan"], "ACCUSE", None, 3, -5.0, "111", -2.0, False, "asserted", None,
                    span(text, "Kabul condemned the raid"))
    document = Document(doc_id, "Army raids hideouts", date, "Test Wire", f"https://example.org/{doc_id}", chars=len(text), words=len(text.split()))
    return Analysis(document, text, actors=[pakistan, ttp, sharif, afghanistan], quotes=[quote], events=[raid, condemn])


def denial_analysis(doc_id: str = "ttp-denial", date: str = "2024-03-05") -> Analysis:
    text = DENIAL_TEXT
    ttp = Actor("ttp", "Tehreek-e-Taliban Pakistan", "armed_group", "PAK", "REB", aliases=["TTP"],
                mentions=[mention(text, "TTP", "acronym"), mention(text, "TTP", "acronym", nth=1)], kb_id="ttp")
    pakistan = Actor("pakistan", "Pakistan", "state", "PAK", "GOV", mentions=[mention(text, "Pakistani troops", "description")], kb_id="pakistan")
    quote = Quote(speaker="ttp", speaker_mention=span(text, "a TTP spokesman"), cue=span(text, "told"), kind="direct",
                  text="No soldier came near our positions,", start=text.index("No soldier"), end=text.index("positions,") + 10)
    denied = Event(["pakistan"], ["ttp"], "ASSAULT", None, 4, -9.0, "190", -10.0, True, "asserted", "ttp",
                   span(text, "Pakistani troops had raided any of its hideouts"))
    denial = Event(["ttp"], ["pakistan"], "REJECT", None, 3, -4.0, "125", -5.0, False, "asserted", "ttp", span(text, "denied"))
    document = Document(doc_id, "TTP denies raid", date, "Other Post", None, chars=len(text), words=len(text.split()))
    return Analysis(document, text, actors=[ttp, pakistan], quotes=[quote], events=[denied, denial],
                    contested=[])


def talks_analysis(doc_id: str = "border-talks", date: str = "2024-05-10") -> Analysis:
    text = TALKS_TEXT
    pakistan = Actor("pakistan", "Pakistan", "state", "PAK", "GOV", mentions=[mention(text, "Pakistan")], kb_id="pakistan")
    afghanistan = Actor("afghanistan", "Afghanistan", "state", "AFG", "GOV", mentions=[mention(text, "Afghanistan")], kb_id="afghanistan")
    sharif = Actor("ahmed-sharif", "Ahmed Sharif", "person", "PAK", "GOV", roles=["senior adviser"], mentions=[mention(text, "Ahmed Sharif")])
    quote = Quote(speaker="ahmed-sharif", speaker_mention=span(text, "Ahmed Sharif"), cue=span(text, "said"), kind="indirect",
                  text="both sides agreed to reopen the crossing", start=text.index("both sides"), end=text.index("crossing.", 100) + 8)
    talks = Event(["pakistan"], ["afghanistan"], "CONSULT", None, 1, 1.0, "040", 1.0, False, "asserted", None,
                  span(text, "held talks in Islamabad"), location={"name": "Islamabad", "lat": 33.72, "lon": 73.04, "country": "PAK",
                                                                   "admin1": "Islamabad Capital Territory", "geonames_id": 1176615})
    agree = Event(["pakistan", "afghanistan"], ["afghanistan", "pakistan"], "AGREE", None, 1, 3.0, "057", 8.0, False, "asserted",
                  "ahmed-sharif", span(text, "agreed to reopen the crossing"))
    refuse = Event(["afghanistan"], ["pakistan"], "AGREE", None, 1, 3.0, "057", 8.0, True, "asserted", None, span(text, "reopen"))
    document = Document(doc_id, "Border talks", date, "Test Wire", f"https://example.org/{doc_id}", chars=len(text), words=len(text.split()))
    return Analysis(document, text, actors=[pakistan, afghanistan, sharif], quotes=[quote], events=[talks, agree, refuse],
                    contested=[Contested((1, 2), "agreement reported and denied in one article")])


def document_row(analysis: Analysis, status: str = "analysed", **extra) -> dict:
    doc = analysis.document
    row = {"id": doc.id, "title": doc.title, "date": doc.date, "source": doc.source, "url": doc.url,
           "origin": f"test:{doc.id}", "language": "en", "status": status, "text": analysis.text}
    row.update(extra)
    return row


def add(store, analysis: Analysis) -> bool:
    return store.add_document(document_row(analysis, words=analysis.document.words), analysis=analysis_rows(analysis))


# ---------------------------------------------------------------- input corpora
ARTICLES = [
    {"id": "a1", "title": "Border crossing reopens", "date": "2024-02-01", "source": "Test Wire",
     "text": "Pakistan reopened the Torkham border crossing with Afghanistan on Thursday after a week of closure. "
             "Traders welcomed the decision, saying hundreds of trucks had been stranded on both sides. "
             "\"We lost a lot of money this week,\" said Gul Khan, a fruit exporter from Peshawar."},
    {"id": "a2", "title": "Talks in Doha", "date": "2024-02-03", "source": "Gulf Desk",
     "text": "Officials from Afghanistan and Iran met in Doha to discuss water sharing from the Helmand river. "
             "Iran's foreign ministry said the meeting was constructive, while the Taliban administration "
             "promised to release more water before the summer."},
    {"id": "a3", "title": "Security meeting", "date": "2024-02-05", "source": "Test Wire",
     "text": "Pakistan's interior minister chaired a meeting on security in Khyber Pakhtunkhwa on Monday. "
             "The minister told reporters that the police would receive new equipment and more training. "
             "Opposition lawmakers said the plan came too late."},
    {"id": "a4", "title": "Flood relief", "date": "2024-02-07", "source": "Relief Post",
     "text": "The United Nations appealed for funds to help families hit by floods in Balochistan. "
             "The World Food Programme said it had delivered food to thirty thousand people, "
             "but warned that roads to many villages remained cut."},
]
# A wire copy of a1 with a dateline and one changed word: a near duplicate.
NEAR_COPY = {"id": "a1-copy", "title": "Torkham reopens", "date": "2024-02-01", "source": "Other Post",
             "text": "PESHAWAR: " + ARTICLES[0]["text"].replace("Thursday", "Thursday morning")}
EXACT_COPY = {"id": "a2-again", "title": "Talks in Doha", "date": "2024-02-03", "source": "Mirror Site",
              "text": ARTICLES[1]["text"].upper()}
FRENCH = {"id": "fr1", "title": "Réunion à Genève",
          "text": "Les représentants des deux pays se sont réunis à Genève pour discuter de la sécurité à la frontière. "
                  "Selon le ministère, les discussions ont été longues mais utiles, et une nouvelle rencontre est prévue "
                  "au printemps prochain."}


def write_corpus(folder: Path, *, extra_lines: list[str] = ()) -> Path:
    """A JSON Lines file with four articles, a near and an exact copy, a French article,
    a broken line and a record without text."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "news.jsonl"
    lines = [json.dumps(record, ensure_ascii=False) for record in (ARTICLES[0], ARTICLES[1], NEAR_COPY, FRENCH, ARTICLES[2])]
    lines.append('{"id": "broken", "text": "an unfinished line')
    lines.append(json.dumps({"id": "no-text", "title": "nothing here"}))
    lines.append(json.dumps(EXACT_COPY))
    lines.append(json.dumps(ARTICLES[3]))
    lines.extend(extra_lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# Short articles made from templates, each with its own people, places and numbers, so
# that no two are near duplicates (for runs long enough to be interrupted).
_PEOPLE = ["Sara Malik", "Imran Qureshi", "Nadia Hakimi", "Farid Noori", "Leila Ahmadi", "Omar Baig",
           "Zainab Rahimi", "Tariq Mehmood", "Hina Aslam", "Jamal Karimi", "Rukhsana Bibi", "Asad Yousafzai"]
_PLACES = ["Quetta", "Jalalabad", "Herat", "Multan", "Kandahar", "Gwadar", "Peshawar", "Mazar-i-Sharif",
           "Sukkur", "Kunduz", "Abbottabad", "Zahedan"]
_TOPICS = [("a new road", "traders"), ("the water supply", "farmers"), ("a school for girls", "parents"),
           ("the local hospital", "doctors"), ("power cuts", "shopkeepers"), ("a bus service", "students"),
           ("wheat prices", "millers"), ("the mobile network", "engineers"), ("a cricket ground", "coaches"),
           ("flood defences", "villagers"), ("the border market", "porters"), ("a vaccination drive", "nurses")]


def generated_articles(count: int) -> list[dict]:
    articles = []
    for i in range(count):
        person, place = _PEOPLE[i % len(_PEOPLE)], _PLACES[(i * 5) % len(_PLACES)]
        topic, group = _TOPICS[(i * 7) % len(_TOPICS)]
        number = 40 + 17 * i
        text = (
            f"Officials in {place} announced plans for {topic} on day {i + 1} of the month. "
            f"{person}, who leads the district council, said {number} {group} had asked for it for years. "
            f"\"We have waited long enough,\" {person.split()[0]} told a meeting of {group} in {place}. "
            f"Critics in the provincial assembly said the {number // 2} million rupee budget was too small."
        )
        articles.append({"id": f"gen-{i:03d}", "title": f"{place}: plans for {topic}", "date": f"2024-04-{i % 28 + 1:02d}",
                         "source": "Generated Gazette", "text": text})
    return articles


def write_jsonl(path: Path, records: list[dict], extra_lines: list[str] = ()) -> Path:
    lines = [json.dumps(record, ensure_ascii=False) for record in records] + list(extra_lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path

"""A small corpus for the HTTP API and web app tests, written by us.

Two kinds of documents go into the test store:

- `HAND_BUILT`: articles whose analysis is written here (actors, quotes, events with places
  and dates), so that the network, the timeline and the map have known content whatever
  the extraction stages find. Every offset is computed from the text, so every item is a
  true span of its article. They are written through the store's own writer
  (`Store.add_document` with `analysis_rows`), exactly as the ingest writes.
- `INGESTED` and `HOSTILE`: plain articles that go through the real `newsgraph ingest` run
  (spaCy and every stage). The hostile ones carry script and markup payloads: the web app
  must show them as text and run none of them.
"""

from __future__ import annotations

import json
from pathlib import Path

from newsgraph.model import Actor, Analysis, Document, Event, Mention, Quote, Span

# A payload that, if it ever ran, would leave a mark the browser tests look for.
PWNED = "window.__pwned = (window.__pwned || 0) + 1; document.title = 'PWNED'"

HOSTILE = [
    {
        "id": "hostile-script",
        "title": "<script>" + PWNED + "</script> Talks in Kabul",
        "date": "2023-04-11",
        "source": "<b>Bold Wire</b>",
        "url": "javascript:" + PWNED.replace(" ", ""),
        "text": (
            "KABUL - The Taliban government met Pakistan's envoy in Kabul on Monday. "
            "\"<script>" + PWNED + "</script> We will talk again,\" the envoy said. "
            "Officials said <img src=x onerror=\"" + PWNED + "\"> the next round is due in May. "
            "</textarea><svg onload=\"" + PWNED + "\"></svg> Pakistan welcomed the talks."
        ),
    },
    {
        "id": "hostile-attrs",
        "title": "Iran \" onmouseover=\"" + PWNED + "\" x=\" sends aid",
        "date": "2023-04-12",
        "source": "Wire' onerror='" + PWNED,
        "url": "https://example.org/aid\"><script>" + PWNED + "</script>",
        "text": (
            "TEHRAN - Iran sent aid to Afghanistan on Wednesday, the Red Crescent said. "
            "\"<iframe src=\"javascript:" + PWNED + "\"></iframe>Help is on the way,\" "
            "Iranian officials told reporters. {{constructor.constructor('" + PWNED + "')()}} "
            "<a href=\"javascript:" + PWNED + "\">click</a> ${" + PWNED + "}"
        ),
    },
]

INGESTED = [
    {
        "id": "ingested-trade",
        "title": "Iran and Pakistan sign a border trade deal",
        "date": "2023-06-10",
        "source": "Newsgraph Test Wire",
        "url": "https://example.org/trade-deal",
        "text": (
            "TEHRAN - Iran and Pakistan signed an agreement on border trade on Saturday. "
            "Iranian President Ebrahim Raisi praised Pakistan's cooperation. "
            "\"Our markets along the frontier will open every day,\" Raisi told reporters in Tehran. "
            "Pakistan's commerce ministry said the deal would double trade within two years."
        ),
    },
    {
        "id": "ingested-attack",
        "title": "Militants attack a police post in Peshawar",
        "date": "2023-07-03",
        "source": "Newsgraph Test Wire",
        "url": "https://example.org/peshawar",
        "text": (
            "PESHAWAR - Militants of the Tehreek-e-Taliban Pakistan attacked a police post in Peshawar "
            "on Monday, killing three officers. \"The attackers came at night and fled across the hills,\" "
            "police chief Imran Qadir said. The Pakistani army later launched an operation against the TTP."
        ),
    },
]


def _span(text: str, needle: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span(start, start + len(needle), needle)


class Builder:
    """An Analysis built by hand from a text: every span is looked up in the text."""

    def __init__(self, doc_id: str, text: str, *, title: str, date: str, source: str, url: str):
        self.text = text
        self.analysis = Analysis(
            document=Document(id=doc_id, title=title, date=date, source=source, url=url, chars=len(text),
                              words=len(text.split())),
            text=text,
        )

    def actor(self, actor_id: str, name: str, type_: str, country: str | None, mentions: list[tuple[str, int]],
              roles: list[str] = ()) -> Actor:
        actor = Actor(id=actor_id, name=name, type=type_, country=country, roles=list(roles),
                      aliases=sorted({needle for needle, _ in mentions} - {name}))
        for needle, nth in mentions:
            span = _span(self.text, needle, nth)
            actor.mentions.append(Mention(span.start, span.end, span.text, kind="name"))
        self.analysis.actors.append(actor)
        return actor

    def quote(self, speaker: str | None, speaker_text: str | None, cue: str, quote: str) -> Quote:
        q = _span(self.text, quote)
        item = Quote(speaker=speaker, speaker_mention=_span(self.text, speaker_text) if speaker_text else None,
                     cue=_span(self.text, cue), kind="direct", text=q.text, start=q.start, end=q.end, confidence=0.9)
        self.analysis.quotes.append(item)
        return item

    def event(self, source: list[str], target: list[str], type_: str, quad_class: int, evidence: str, *,
              goldstein: float, attributed_to: str | None = None, negated: bool = False,
              location: dict | None = None, date: str | None = None) -> Event:
        item = Event(source=source, target=target, type=type_, mode=None, quad_class=quad_class, intensity=abs(goldstein),
                     cameo=None, goldstein=goldstein, negated=negated, modality="asserted", attributed_to=attributed_to,
                     evidence=_span(self.text, evidence), confidence=0.8, location=location, date=date,
                     date_precision="day" if date else None)
        self.analysis.events.append(item)
        return item


KABUL = {"name": "Kabul", "country": "AFG", "admin1": "Kabul", "lat": 34.5281, "lon": 69.1723, "geonames_id": 1138958, "precision": "city"}
ISLAMABAD = {"name": "Islamabad", "country": "PAK", "admin1": "Islamabad", "lat": 33.7215, "lon": 73.0433, "geonames_id": 1176615, "precision": "city"}
KUNAR = {"name": "Kunar", "country": "AFG", "admin1": "Kunar", "lat": 34.85, "lon": 71.1, "geonames_id": 1135022, "precision": "admin1"}
ZAHEDAN = {"name": "Zahedan", "country": "IRN", "admin1": "Sistan and Baluchestan", "lat": 29.4963, "lon": 60.8629, "geonames_id": 1159301, "precision": "city"}


def hand_built() -> list[Analysis]:
    """Three articles with known actors, quotes, located and dated events."""
    out = []

    text = (
        "ISLAMABAD - Pakistan and Afghanistan agreed on Tuesday to reopen the Torkham crossing after two days "
        "of talks in Islamabad. \"Trade must flow again before the harvest,\" said Nadia Rahimi, the spokeswoman "
        "of Pakistan's foreign office. The Taliban government welcomed the agreement and praised Pakistan. "
        "Later in the week Pakistani forces shelled villages in Kunar, the Taliban said, and Afghanistan "
        "accused Pakistan of violating its territory."
    )
    b = Builder("hand-border", text, title="Pakistan and Afghanistan agree to reopen Torkham",
                date="2023-03-14", source="Newsgraph Test Wire", url="https://example.org/torkham")
    b.actor("pakistan", "Pakistan", "state", "PAK", [("Pakistan", 0), ("Pakistan", 1), ("Pakistan", 2), ("Pakistani forces", 0), ("Pakistan", 4)])
    b.actor("afghanistan", "Afghanistan", "state", "AFG", [("Afghanistan", 0), ("Afghanistan", 1)])
    b.actor("taliban", "Taliban", "armed_group", "AFG", [("The Taliban government", 0), ("the Taliban", 0)])
    b.actor("nadia-rahimi", "Nadia Rahimi", "person", "PAK", [("Nadia Rahimi", 0)], roles=["spokeswoman of the foreign office"])
    b.quote("nadia-rahimi", "Nadia Rahimi", "said", "Trade must flow again before the harvest,")
    b.event(["pakistan", "afghanistan"], ["afghanistan", "pakistan"], "AGREE", 1,
            "Pakistan and Afghanistan agreed on Tuesday to reopen the Torkham crossing", goldstein=2.5,
            location=ISLAMABAD, date="2023-03-14")
    b.event(["taliban"], ["pakistan"], "SUPPORT", 1, "The Taliban government welcomed the agreement and praised Pakistan",
            goldstein=5.0, location=KABUL, date="2023-03-14")
    b.event(["pakistan"], ["afghanistan"], "ASSAULT", 4, "Pakistani forces shelled villages in Kunar", goldstein=-9.0,
            attributed_to="taliban", location=KUNAR, date="2023-03-16")
    b.event(["afghanistan"], ["pakistan"], "ACCUSE", 3, "Afghanistan accused Pakistan of violating its territory",
            goldstein=-3.0, location=KABUL, date="2023-03-16")
    out.append(b.analysis)

    text = (
        "TEHRAN - Iran and Pakistan held talks on Sunday about militants on their shared border. "
        "\"No group will use our soil against a neighbour,\" Iranian foreign minister Karim Navabi told reporters. "
        "Iranian border guards clashed with Jaish al-Adl fighters near Zahedan, and Iran accused Jaish al-Adl "
        "of planning attacks from Pakistan."
    )
    b = Builder("hand-iran", text, title="Iran and Pakistan discuss border militants", date="2023-08-20",
                source="Newsgraph Test Wire", url="https://example.org/iran-talks")
    b.actor("iran", "Iran", "state", "IRN", [("Iran", 0), ("Iranian border guards", 0), ("Iran", 3)])
    b.actor("pakistan", "Pakistan", "state", "PAK", [("Pakistan", 0), ("Pakistan", 1)])
    b.actor("karim-navabi", "Karim Navabi", "person", "IRN", [("Karim Navabi", 0)], roles=["foreign minister"])
    b.actor("jaish-al-adl", "Jaish al-Adl", "armed_group", "IRN", [("Jaish al-Adl", 0), ("Jaish al-Adl", 1)])
    b.quote("karim-navabi", "Karim Navabi", "told", "No group will use our soil against a neighbour,")
    b.event(["iran"], ["pakistan"], "CONSULT", 1, "Iran and Pakistan held talks on Sunday", goldstein=2.5,
            date="2023-08-20")
    b.event(["iran"], ["jaish-al-adl"], "ASSAULT", 4, "Iranian border guards clashed with Jaish al-Adl fighters near Zahedan",
            goldstein=-9.0, location=ZAHEDAN, date="2023-08-19")
    b.event(["iran"], ["jaish-al-adl"], "ACCUSE", 3, "Iran accused Jaish al-Adl of planning attacks from Pakistan",
            goldstein=-3.0, date="2023-08-20")
    out.append(b.analysis)

    text = (
        "KABUL - Afghanistan denied on Friday that Pakistani forces had shelled Kunar. "
        "\"There was no shelling by Pakistan this week,\" said Zabihullah Mujahid, the Taliban spokesman. "
        "China sent food aid to Afghanistan, Chinese diplomats said."
    )
    b = Builder("hand-denial", text, title="Kabul denies shelling report", date="2023-03-17",
                source="Newsgraph Test Wire", url="https://example.org/denial")
    b.actor("afghanistan", "Afghanistan", "state", "AFG", [("Afghanistan", 0), ("Afghanistan", 1)])
    b.actor("pakistan", "Pakistan", "state", "PAK", [("Pakistani forces", 0), ("Pakistan", 1)])
    b.actor("zabihullah-mujahid", "Zabihullah Mujahid", "person", "AFG", [("Zabihullah Mujahid", 0)], roles=["Taliban spokesman"])
    b.actor("china", "China", "state", "CHN", [("China", 0), ("Chinese diplomats", 0)])
    b.quote("zabihullah-mujahid", "Zabihullah Mujahid", "said", "There was no shelling by Pakistan this week,")
    b.event(["pakistan"], ["afghanistan"], "ASSAULT", 4, "Pakistani forces had shelled Kunar", goldstein=-9.0,
            negated=True, attributed_to="afghanistan", location=KUNAR, date="2023-03-16")
    b.event(["china"], ["afghanistan"], "AID", 2, "China sent food aid to Afghanistan", goldstein=7.0,
            location=KABUL, date="2023-03-17")
    out.append(b.analysis)
    return out


def write_jsonl(path: Path, articles: list[dict]) -> Path:
    with open(path, "w", encoding="utf-8") as handle:
        for article in articles:
            handle.write(json.dumps(article, ensure_ascii=False) + "\n")
    return path


def build_store(path: Path | str, *, ingest: bool = True) -> str:
    """A store at `path` (a SQLite file, or a database URL): the hand-built analyses through
    the store's writer, and (with `ingest`, SQLite only) the ingested and hostile articles
    through the real ingest run."""
    from newsgraph.store import Store
    from newsgraph.store.rows import analysis_rows

    url = str(path)
    store = Store.open(url)
    try:
        for analysis in hand_built():
            doc = analysis.document
            store.add_document(
                {"id": doc.id, "title": doc.title, "date": doc.date, "source": doc.source, "url": doc.url,
                 "language": "en", "status": "analysed", "text": analysis.text, "words": doc.words,
                 "origin": "tests/serve/corpus.py"},
                analysis=analysis_rows(analysis),
            )
        if ingest:
            from newsgraph.corpus.run import ingest as run_ingest

            source = write_jsonl(path.with_suffix(".jsonl"), INGESTED + HOSTILE)
            summary = run_ingest([str(source)], store)
            assert summary.ingested == len(INGESTED) + len(HOSTILE), summary.as_dict()
    finally:
        store.close()
    return url

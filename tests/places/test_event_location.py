"""Where and when events happened: location from the event's clause, the sentence or the
article; date from the clause's time expression or the article date (a marked fallback).
Events are built as the event stage builds them (model.Event with an evidence span)."""

import datetime as dt

from newsgraph.extract.dates import find_expressions
from newsgraph.extract.places import PlaceLayer, event_location, place_event
from newsgraph.model import Event, Span


def parse(analyzer, text, date="2023-12-14"):
    return analyzer.parse(text, date=date)


def event_over(doc, phrase):
    start = doc.text.index(phrase)
    end = start + len(phrase)
    return Event(source=[], target=[], type="ASSAULT", mode=None, quad_class=4, intensity=-8.0, cameo="18",
                 goldstein=-9.0, negated=False, modality="asserted", attributed_to=None, evidence=Span(start, end, phrase))


def locate(analyzer, text, phrase, date="2023-12-14"):
    doc = parse(analyzer, text, date)
    found = PlaceLayer()(doc, doc._.newsgraph_actors)
    event = event_over(doc, phrase)
    day = doc._.newsgraph_date
    place_event(doc, event, found, find_expressions(doc, day), day)
    return event


def test_location_from_in_attached_to_the_clause(analyzer):
    event = locate(analyzer, "Pakistan said militants attacked a police station in Bannu on Tuesday.", "militants attacked a police station")
    assert event.location["name"] == "Bannu" and event.location["country"] == "PAK"
    assert event.location["basis"] == "clause"
    assert set(event.location) >= {"name", "country", "admin1", "lat", "lon", "geonames_id", "precision"}
    assert event.location["precision"] == "city"
    assert (event.date, event.date_precision) == ("2023-12-12", "day")


def test_near_is_kept(analyzer):
    event = locate(analyzer, "Gunmen ambushed a convoy near Quetta.", "Gunmen ambushed a convoy")
    assert event.location["name"] == "Quetta" and event.location.get("near") is True


def test_location_from_the_sentence_when_the_clause_has_none(analyzer):
    event = locate(analyzer, "In Kandahar, the Taliban detained two journalists last week.", "the Taliban detained two journalists")
    assert event.location["name"] == "Kandahar"
    assert (event.date, event.date_precision) == ("2023-12-04", "week")


def test_two_unrelated_places_in_the_sentence_are_not_a_location(analyzer):
    doc = parse(analyzer, "Officials from Kabul and Tehran met. They signed a deal.")
    found = PlaceLayer()(doc, doc._.newsgraph_actors)
    signed = [t for t in doc if t.lower_ == "signed"][0]
    assert event_location(signed, found) is None


def test_article_place_from_the_dateline(analyzer):
    event = locate(analyzer, "TEHRAN – The foreign minister criticised the sanctions.", "The foreign minister criticised the sanctions")
    assert event.location["name"] == "Tehran" and event.location["basis"] == "article"


def test_demonym_territory_is_a_location(analyzer):
    event = locate(analyzer, "Militants launched attacks from Afghan soil in June.", "Militants launched attacks")
    assert event.location["country"] == "AFG" and event.location["precision"] == "country"
    assert (event.date, event.date_precision) == ("2023-06", "month")


def test_article_date_is_the_marked_fallback(analyzer):
    event = locate(analyzer, "Militants attacked a checkpoint in Bannu.", "Militants attacked a checkpoint")
    assert (event.date, event.date_precision) == ("2023-12-14", "day")
    assert getattr(event, "date_source", "article") == "article"


def test_future_clause_reads_weekday_forward(analyzer):
    event = locate(analyzer, "The two ministers will meet in Islamabad on Tuesday.", "The two ministers will meet")
    assert event.date == "2023-12-19"


def test_since_is_not_the_event_date(analyzer):
    event = locate(analyzer, "Troops have occupied the village since 2017.", "Troops have occupied the village")
    assert event.date == "2023-12-14"  # the fallback, not 2017


def test_undated_article_takes_the_dateline_date(analyzer):
    doc = analyzer.parse("KABUL, December 14, 2023 — Rockets hit Kabul yesterday.")
    assert doc._.newsgraph_date == dt.date(2023, 12, 14)
    expressions = find_expressions(doc, doc._.newsgraph_date)
    assert [(e.text, e.when.iso()) for e in expressions if e.text == "yesterday"] == [("yesterday", "2023-12-13")]


def test_existing_location_and_date_are_kept(analyzer):
    doc = parse(analyzer, "Militants attacked a checkpoint in Bannu.")
    found = PlaceLayer()(doc, doc._.newsgraph_actors)
    event = event_over(doc, "Militants attacked a checkpoint")
    event.location, event.date, event.date_precision = {"name": "X"}, "2020", "year"
    place_event(doc, event, found, [], doc._.newsgraph_date)
    assert (event.location, event.date) == ({"name": "X"}, "2020")

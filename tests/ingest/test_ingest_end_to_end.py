"""From files on disk to analyses: readers, language filter, duplicates, the real pipeline."""

import json

import pytest
from ingest_helpers import FRENCH
from test_duplicates import COPY, WIRE

from newsgraph.ingest.fingerprint import DuplicateIndex
from newsgraph.ingest.language import is_foreign
from newsgraph.ingest.sources import iter_articles
from newsgraph.pipeline import Analyzer, document_id


@pytest.mark.slow
def test_folder_to_analyses(tmp_path, fixtures):
    (tmp_path / "page.html").write_bytes((fixtures / "page.html").read_bytes())
    (tmp_path / "a_wire.txt").write_text("Talks agreed after clashes over grazing land\n\n" + WIRE, encoding="utf-8")
    lines = [{"id": "copy-1", "text": COPY}, {"id": "fr-1", "text": FRENCH}, {"id": "bad"}]
    (tmp_path / "more.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")

    index = DuplicateIndex()
    to_analyse, bad, foreign, duplicates = [], [], [], {}
    for raw in iter_articles([tmp_path]):
        if not raw.ok:
            bad.append(raw.origin)
            continue
        if is_foreign(raw):
            foreign.append((raw.origin, raw.language))
            continue
        article = raw.to_article()
        article.id = article.id or document_id(article.text)
        first = index.add(article.id, raw.text)
        if first is not None:
            duplicates[article.id] = first
            continue
        to_analyse.append(article)

    wire_id = document_id((tmp_path / "a_wire.txt").read_text(encoding="utf-8"))
    assert bad == [f"{tmp_path}/more.jsonl:line 3"]
    assert foreign == [(f"{tmp_path}/more.jsonl:line 2", "fr")]
    assert duplicates == {"copy-1": wire_id}
    analyses = list(Analyzer().analyze_many(to_analyse))
    assert [a.document.id for a in analyses] == [a.id for a in to_analyse]
    by_title = {a.document.title: a for a in analyses}
    page = by_title["Border crossing reopens after three weeks"]
    assert page.document.date == "2024-03-05" and page.document.words > 100
    wire = by_title["Talks agreed after clashes over grazing land"]
    assert wire.text.startswith("Talks agreed after clashes")  # the text file is analysed whole
